// The speaker-notes screen: item and clocks, notes, commentary, next, status; fits any size.
import { describe, expect, it } from 'vitest';
import type { PresenterState } from '../../src/viewmodel/agenda.js';
import { ASCII_GLYPHS, UNICODE_GLYPHS } from '../../src/viewmodel/glyphs.js';
import { clockLine, formatDuration, notesLines, notesScrollMax, notesText, type NotesStatus } from '../../src/viewmodel/notes.js';
import { lineWidth, plain, type Line } from '../../src/viewmodel/styled.js';

const T0 = Date.UTC(2020, 1, 19, 14, 0, 0);
const MIN = 60_000;

const STATE: PresenterState = {
  meeting: 'Corporate Governance Committee, 19 February 2020',
  item: 2,
  count: 7,
  title: 'Adult social care: delayed transfers',
  notes: 'Lead with the winter pressures. The target was missed by 4 points; the recovery plan is with the board.\n\nMention the new reablement service.',
  commentary: ['Delays rose in December with flu admissions.', 'Weekend discharge teams start in March.'],
  next: 'Housing: homelessness preventions',
  minutes: 5,
  meetingStartedAt: T0,
  itemStartedAt: T0 + 20 * MIN,
};

const text = (lines: readonly Line[]) => lines.map(plain).join('\n');

function fits(lines: readonly Line[], width: number, height: number) {
  expect(lines.length).toBeLessThanOrEqual(height);
  for (const l of lines) expect(lineWidth(l)).toBeLessThanOrEqual(width);
}

describe('formatDuration', () => {
  it.each([
    [0, '0:00'],
    [999, '0:00'],
    [1000, '0:01'],
    [65_000, '1:05'],
    [5 * MIN, '5:00'],
    [59 * MIN + 59_000, '59:59'],
    [62 * MIN + 9_000, '1:02:09'],
    [-30_000, '0:00'],
  ])('%d ms is %s', (ms, want) => {
    expect(formatDuration(ms)).toBe(want);
  });
});

describe('clockLine', () => {
  // A presenter's state gives any finite minutes and start times (a peer on the socket sends
  // minutes: 1e308): the notes read "of Infinity:NaN:NaN".
  it('bounds an extreme budget and start time, never Infinity or NaN', () => {
    const line = clockLine({ ...STATE, minutes: 1.7976931348623157e308, meetingStartedAt: -1.7976931348623157e308 }, STATE.itemStartedAt);
    expect(plain(line)).not.toMatch(/Infinity|NaN/);
    expect(plain(line)).toBe('meeting >9999h · item 0:00 of >9999h');
  });

  it.each([
    ['within budget', 3 * MIN + 12_000, undefined, 'meeting 23:12 · item 3:12 of 5:00'],
    ['exactly on budget', 5 * MIN, undefined, 'meeting 25:00 · item 5:00 of 5:00'],
    ['over budget', 6 * MIN + 5_000, undefined, 'meeting 26:05 · item 6:05 of 5:00 · over by 1:05'],
    ['no budget', 7 * MIN, 'none', 'meeting 27:00 · item 7:00'],
    ['a fractional budget', 2 * MIN, 2.5, 'meeting 22:00 · item 2:00 of 2:30'],
  ] as const)('%s', (_name, elapsed, minutes, want) => {
    const { minutes: _m, ...rest } = STATE;
    const state: PresenterState = minutes === 'none' ? rest : minutes !== undefined ? { ...STATE, minutes } : STATE;
    const line = clockLine(state, STATE.itemStartedAt + elapsed);
    expect(plain(line)).toBe(want);
    const overrun = line.find((s) => s.text.startsWith('over by'));
    expect(overrun?.token).toBe(want.includes('over by') ? 'error' : undefined);
  });
});

describe('notesLines', () => {
  const now = STATE.itemStartedAt + 3 * MIN + 12_000;

  it('shows the item, the clocks, the notes, the commentary, what is next and the meeting (80×24)', () => {
    const lines = notesLines(STATE, 'connected', now, 80, 23, UNICODE_GLYPHS);
    fits(lines, 80, 23);
    expect(text(lines)).toMatchInlineSnapshot(`
      "Item 3 / 7 · Adult social care: delayed transfers
      meeting 23:12 · item 3:12 of 5:00
      ────────────────────────────────────────────────────────────────────────────────
      Lead with the winter pressures. The target was missed by 4 points; the recovery
      plan is with the board.

      Mention the new reablement service.

      Commentary
      • Delays rose in December with flu admissions.
      • Weekend discharge teams start in March.










      Next: Housing: homelessness preventions
      Corporate Governance Committee, 19 February 2020                          q quit"
    `);
    // The notes are prominent (bold), the overrun a warning, the next title informative.
    expect(lines[3]?.[0]?.token).toBe('text.title');
    expect(lines.find((l) => plain(l).startsWith('Next:'))?.[1]?.token).toBe('info');
  });

  it('warns when the item runs over its budget', () => {
    const lines = notesLines(STATE, 'connected', STATE.itemStartedAt + 6 * MIN + 5_000, 60, 17, UNICODE_GLYPHS);
    expect(plain(lines[1] ?? [])).toBe('meeting 26:05 · item 6:05 of 5:00 · over by 1:05');
    expect(lines[1]?.find((s) => s.text.includes('of 5:00'))?.token).toBe('warning');
  });

  it('waits for the presenter before there is any state', () => {
    const lines = notesLines(undefined, 'waiting', now, 60, 12, UNICODE_GLYPHS);
    fits(lines, 60, 12);
    expect(text(lines)).toMatchInlineSnapshot(`
      "Speaker notes
      meeting clock starts with the presenter
      ────────────────────────────────────────────────────────────
      No presenter yet.

      Start \`ragtop present\` in another terminal: this screen
      finds it and follows it, with each item's speaker notes,
      commentary, the next item and the clock.



      waiting for the presenter…                            q quit"
    `);
  });

  it.each([
    ['ended', 'presenter closed; waiting for it to come back'],
    ['lost', 'lost the presenter; reconnecting…'],
    ['waiting', 'waiting for the presenter…'],
    ['connected', 'Corporate Governance Committee'],
  ] as const)('says when the presenter is %s, keeping the last item on screen', (status: NotesStatus, want) => {
    const lines = notesLines(STATE, status, now, 80, 20, UNICODE_GLYPHS);
    expect(plain(lines.at(-1) ?? [])).toContain(want);
    expect(plain(lines[0] ?? [])).toContain('Item 3 / 7');
  });

  it('an ended state reads as closed even before the connection drops', () => {
    const lines = notesLines({ ...STATE, ended: true }, 'connected', now, 80, 20, UNICODE_GLYPHS);
    expect(plain(lines.at(-1) ?? [])).toContain('presenter closed; waiting for it to come back');
  });

  it('the last item has no next; an item without notes says so', () => {
    const { next: _n, notes: _o, ...last } = STATE;
    const lines = notesLines({ ...last, item: 6, commentary: [] }, 'connected', now, 60, 10, UNICODE_GLYPHS);
    expect(text(lines)).toMatchInlineSnapshot(`
      "Item 7 / 7 · Adult social care: delayed transfers
      meeting 23:12 · item 3:12 of 5:00
      ────────────────────────────────────────────────────────────
      (no speaker notes for this item)




      Next: (this is the last item)
      Corporate Governance Committee, 19 February 2020      q quit"
    `);
  });

  it('long notes scroll, with markers saying how much is above and below', () => {
    const long: PresenterState = { ...STATE, notes: Array.from({ length: 30 }, (_, i) => `Point ${i + 1}.`).join('\n') };
    const top = notesLines(long, 'connected', now, 60, 14, UNICODE_GLYPHS);
    fits(top, 60, 14);
    expect(text(top)).toMatchInlineSnapshot(`
      "Item 3 / 7 · Adult social care: delayed transfers
      meeting 23:12 · item 3:12 of 5:00
      ────────────────────────────────────────────────────────────
      Point 1.
      Point 2.
      Point 3.
      Point 4.
      Point 5.
      Point 6.
      Point 7.
      Point 8.
      ▼ 26 more lines below
      Next: Housing: homelessness preventions
      Corporate Governance Committee, 19 Febr…  ▲▼ scroll · q quit"
    `);
    const max = notesScrollMax(long, 'connected', 60, 14, UNICODE_GLYPHS);
    expect(max).toBe(30 + 4 - 9);
    const bottom = notesLines(long, 'connected', now, 60, 14, UNICODE_GLYPHS, 999);
    expect(text(bottom)).toMatchInlineSnapshot(`
      "Item 3 / 7 · Adult social care: delayed transfers
      meeting 23:12 · item 3:12 of 5:00
      ────────────────────────────────────────────────────────────
      ▲ 26 more lines above
      Point 27.
      Point 28.
      Point 29.
      Point 30.

      Commentary
      • Delays rose in December with flu admissions.
      • Weekend discharge teams start in March.
      Next: Housing: homelessness preventions
      Corporate Governance Committee, 19 Febr…  ▲▼ scroll · q quit"
    `);
  });

  it('uses ASCII only with the ASCII glyphs', () => {
    const lines = notesLines({ ...STATE, notes: 'x\n'.repeat(40) }, 'lost', now, 60, 16, ASCII_GLYPHS);
    // eslint-disable-next-line no-control-regex
    expect(text(lines)).toMatch(/^[\x00-\x7f]*$/);
    expect(text(lines)).toMatchInlineSnapshot(`
      "Item 3 / 7 - Adult social care: delayed transfers
      meeting 23:12 - item 3:12 of 5:00
      ------------------------------------------------------------
      x
      x
      x
      x
      x
      x
      x
      x
      x
      x
      v 34 more lines below
      Next: Housing: homelessness preventions
      lost the presenter; reconnecting...       ^v scroll - q quit"
    `);
  });

  it.each([
    [80, 24],
    [60, 18],
    [40, 10],
    [20, 6],
    [12, 3],
    [5, 1],
    [1, 1],
  ])('fits %i×%i, whatever the text', (width, height) => {
    const hostile: PresenterState = {
      ...STATE,
      title: 'A very long title '.repeat(10),
      notes: 'Supercalifragilisticexpialidocious '.repeat(30) + '宽字符'.repeat(40),
      commentary: Array.from({ length: 12 }, (_, i) => `commentary point ${i} `.repeat(8)),
      next: 'Next '.repeat(40),
    };
    for (const state of [hostile, undefined]) {
      for (const status of ['waiting', 'connected', 'ended', 'lost'] as const) {
        for (const scroll of [0, 3, 1000]) fits(notesLines(state, status, now, width, height, UNICODE_GLYPHS, scroll), width, height);
      }
    }
    // The item and its clock come first however short the terminal.
    expect(plain(notesLines(hostile, 'connected', now, width, height, UNICODE_GLYPHS)[0] ?? [])).toMatch(/^(Item|It|I|…)/);
  });
});

describe('notesText', () => {
  it('prints the state as plain text (the follower without a terminal)', () => {
    expect(notesText(STATE, STATE.itemStartedAt + 61_000, 60, UNICODE_GLYPHS).join('\n')).toMatchInlineSnapshot(`
      "Corporate Governance Committee, 19 February 2020
      Item 3 / 7 · Adult social care: delayed transfers
      meeting 21:01 · item 1:01 of 5:00

      Lead with the winter pressures. The target was missed by 4
      points; the recovery plan is with the board.

      Mention the new reablement service.

      Commentary
      • Delays rose in December with flu admissions.
      • Weekend discharge teams start in March.

      Next: Housing: homelessness preventions"
    `);
  });
});

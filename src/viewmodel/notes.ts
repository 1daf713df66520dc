// The speaker-notes screen: what the presenter's second terminal shows. Pure: the presenter's
// state (or none yet), the connection's status and the time in, styled lines out, within
// width × height. The clocks are computed here from the presenter's start times, so the follower
// needs nothing but a tick.

import type { PresenterState } from './agenda.js';
import { drawText, type Glyphs } from './glyphs.js';
import { marksOf } from './heatgrid.js';
import { clock } from './presenter-frame.js';
import { clipLine, lineWidth, seg, textWidth, truncate, wrap, type Line } from './styled.js';

/** The follower's connection: none yet, live, the presenter closed, it went away, or several run and the speaker picks one. */
export type NotesStatus = 'waiting' | 'connected' | 'ended' | 'lost' | 'choose';

/** "4:05", "1:02:09": the presenter footer's clock. */
export const formatDuration = clock;

/** "meeting 42:10 · item 3:12 of 5:00", with "over by 1:05" when the item's budget is spent. */
export function clockLine(state: PresenterState, now: number, dot = '·'): Line {
  const item = now - state.itemStartedAt;
  const line = [seg(`meeting ${formatDuration(now - state.meetingStartedAt)}`, 'text.muted'), seg(` ${dot} `, 'text.muted')];
  if (state.minutes === undefined) return [...line, seg(`item ${formatDuration(item)}`, 'header')];
  const budget = state.minutes * 60_000;
  const over = item - budget;
  return [
    ...line,
    seg(`item ${formatDuration(item)} of ${formatDuration(budget)}`, over >= 1000 ? 'warning' : 'header'),
    ...(over >= 1000 ? [seg(` ${dot} `, 'text.muted'), seg(`over by ${formatDuration(over)}`, 'error')] : []),
  ];
}

/** "Item 3 / 7 · Adult social care" (the presenter counts items from 0). */
function titleLine(state: PresenterState, dot: string): Line {
  return [seg(`Item ${state.item + 1} / ${state.count}`, 'header'), seg(` ${dot} `, 'text.muted'), seg(state.title, 'text.title')];
}

function nextLine(state: PresenterState): Line {
  return [seg('Next: ', 'text.muted'), state.next !== undefined ? seg(state.next, 'info') : seg('(this is the last item)', 'text.muted')];
}

function statusText(status: NotesStatus, state: PresenterState | undefined, ellipsis: string): { text: string; token: 'text.muted' | 'warning' } {
  switch (status) {
    case 'waiting':
      return { text: `waiting for the presenter${ellipsis}`, token: 'text.muted' };
    case 'connected':
      return state?.ended ? { text: 'presenter closed; waiting for it to come back', token: 'warning' } : { text: state ? state.meeting : `connected; waiting for the first item${ellipsis}`, token: 'text.muted' };
    case 'ended':
      return { text: 'presenter closed; waiting for it to come back', token: 'warning' };
    case 'lost':
      return { text: `lost the presenter; reconnecting${ellipsis}`, token: 'warning' };
    case 'choose':
      return { text: 'several presenters are running: press the number of the one to follow', token: 'warning' };
  }
}

/** The scrolling part: the notes (bold, they are what the speaker reads), then the commentary. */
function bodyLines(state: PresenterState | undefined, status: NotesStatus, width: number, bullet: string, choices: readonly PresenterState[] = []): Line[] {
  if (status === 'choose' && choices.length > 0) {
    return [
      [seg('Several presenters are running. Which one?', 'text.title')],
      [],
      ...choices.slice(0, 9).map((c, i): Line => [seg(`${i + 1}. `, 'header'), seg(c.meeting, 'text.title'), seg(`  item ${c.item + 1} / ${c.count}${c.catalogue !== undefined ? ` ${bullet} ${c.catalogue}` : ''}`, 'text.muted')]),
    ];
  }
  if (!state) {
    return [
      [seg(status === 'waiting' ? 'No presenter yet.' : 'The presenter has not shown an item yet.', 'text.title')],
      [],
      ...wrap('Start `ragtop present` in another terminal: this screen finds it and follows it, with each item\'s speaker notes, commentary, the next item and the clock.', width).map((l): Line => [seg(l, 'text.muted')]),
    ];
  }
  const notes = state.notes?.trim() ?? '';
  const out: Line[] = notes === '' ? [[seg('(no speaker notes for this item)', 'text.muted')]] : wrap(notes, width).map((l): Line => (l === '' ? [] : [seg(l, 'text.title')]));
  if (state.commentary.length > 0) {
    out.push([], [seg('Commentary', 'text.heading')]);
    const indent = ' '.repeat(textWidth(bullet) + 1);
    for (const point of state.commentary) {
      wrap(point.trim(), Math.max(1, width - indent.length)).forEach((l, i) => out.push([seg(i === 0 ? `${bullet} ` : indent, 'text.muted'), seg(l)]));
    }
  }
  return out;
}

/** The largest useful scroll offset of the body at this size (for the app to clamp to). */
export function notesScrollMax(state: PresenterState | undefined, status: NotesStatus, width: number, height: number, glyphs: Glyphs, choices: readonly PresenterState[] = []): number {
  const room = layout(height).body;
  const total = bodyLines(state, status, width, glyphs.bullet, choices).length;
  return Math.max(0, total - room);
}

/** How the height is shared: title, clock, rule, body, next, status (the rule goes first when short). */
function layout(height: number): { rule: boolean; body: number } {
  const fixed = 4;
  const rule = height - fixed >= 4;
  return { rule, body: Math.max(0, height - fixed - (rule ? 1 : 0)) };
}

/**
 * The notes screen in `height` lines of at most `width` columns: "Item k / N · title", the clocks,
 * the speaker notes and commentary (scrolled by `scroll`, with ▲/▼ markers), "Next: …", and the
 * connection's status with the key hints.
 */
export function notesLines(state: PresenterState | undefined, status: NotesStatus, now: number, width: number, height: number, glyphs: Glyphs, scroll = 0, choices: readonly PresenterState[] = []): Line[] {
  if (width <= 0 || height <= 0) return [];
  const m = marksOf(glyphs);
  const dot = glyphs.dot;
  const bullet = glyphs.bullet;
  const title: Line = state ? titleLine(state, dot) : [seg('Speaker notes', 'text.title')];
  const clock: Line = state ? clockLine(state, now, dot) : [seg(`meeting clock starts with the presenter`, 'text.muted')];
  const next: Line = state ? nextLine(state) : [];

  const { rule, body: room } = layout(height);
  const body = bodyLines(state, status, width, bullet, choices);
  const offset = Math.max(0, Math.min(scroll, body.length - room));
  let shown = body.slice(offset, offset + room);
  const above = offset > 0;
  const below = offset + room < body.length;
  if (room > 0 && (above || below)) {
    // Markers take the first and last rows of the window, right-aligned over the text's end.
    const mark = (glyph: string, n: number, where: string): Line => [seg(truncate(`${glyph} ${n} more line${n === 1 ? '' : 's'} ${where}`, width, m.ellipsis), 'text.muted')];
    shown = [...shown];
    if (above) shown[0] = mark(m.windowUp, offset + 1, 'above');
    if (below && room > (above ? 1 : 0)) shown[shown.length - 1] = mark(m.windowDown, body.length - (offset + room) + 1, 'below');
  }
  while (shown.length < room) shown.push([]);

  const st = statusText(status, state, m.ellipsis);
  const canScroll = body.length > room;
  const hint = `${canScroll ? `${m.windowUp}${m.windowDown} scroll ${dot} ` : ''}q quit`;
  const hintW = textWidth(hint);
  const left = truncate(st.text, Math.max(0, width - hintW - 2), m.ellipsis);
  const gap = Math.max(1, width - textWidth(left) - hintW);
  const statusLine: Line = width >= hintW + 8 ? [seg(left, st.token), seg(' '.repeat(gap)), seg(hint, 'text.muted')] : [seg(st.text, st.token)];

  const lines: Line[] = [title, clock, ...(rule ? [[seg(m.horizontal.repeat(width), 'text.muted')]] : []), ...shown, next, statusLine];
  // Very short terminals: the item, the clock, what is next and the status come first.
  const kept = height >= lines.length ? lines : [title, clock, next, statusLine, ...shown].slice(0, height);
  return kept.map((l) => (lineWidth(l) > width ? clipLine(l, width, m.ellipsis) : l));
}

/** The state as plain text (the follower when its output is not a terminal): no padding, no keys. */
export function notesText(state: PresenterState, now: number, width: number, glyphs: Glyphs): string[] {
  const dot = glyphs.dot;
  const lines: Line[] = [
    titleLine(state, dot),
    clockLine(state, now, dot),
    [],
    ...bodyLines(state, 'connected', width, glyphs.bullet),
    [],
    nextLine(state),
  ];
  // Drawn with the glyph set (in ASCII, the notes' text transliterated).
  return [state.meeting, ...lines.map((l) => l.map((s) => s.text).join(''))].map((l) => drawText(l, glyphs));
}

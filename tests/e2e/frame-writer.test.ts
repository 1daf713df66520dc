// The frame writer (src/cli/fullscreen.ts) against a small terminal emulator: whatever the frames,
// after each one is written the screen shows exactly that frame, no stale row left behind.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compactRow, frameDiff, FrameWriter } from '../../src/cli/frame-writer.js';
// @ts-expect-error: a plain .mjs script (the bench's screen, shared), without type declarations
import { Screen as BenchScreen } from '../../scripts/bench/screen.mjs';

/** A VT-style screen (the bench's: enough of xterm for what the writer sends, autowrap off). */
interface Screen {
  write(s: string): void;
  text(): string[];
  snapshot(): { ch: string; sgr: string }[][];
}
const Screen = BenchScreen as new (rows: number, cols: number) => Screen;

// eslint-disable-next-line no-control-regex
const plain = (s: string) => s.replace(/\x1b\[[0-9;]*m/g, '');
/** What the screen should show: the frame's rows, cut at the right edge (autowrap is off). */
const expected = (frame: readonly string[], rows: number, cols = 48) => Array.from({ length: rows }, (_, i) => [...plain(frame[i] ?? '')].slice(0, cols).join('').trimEnd());

/** A row: mostly distinct and long enough that moving it pays, sometimes blank or repeated. */
const row = fc.oneof(
  { arbitrary: fc.nat(99).map((n) => `│ row ${n} of a windowed list │ ${'x'.repeat(n % 30)}`), weight: 6 },
  { arbitrary: fc.constantFrom('', '\x1b[1mbold\x1b[22m', '│ x │ y │'), weight: 1 },
  // Styled rows: a list's cursor (inverse), coloured RAG marks, a count that changes mid-row.
  { arbitrary: fc.nat(99).map((n) => `\x1b[7m│ row ${n} of a windowed list │\x1b[27m`), weight: 2 },
  { arbitrary: fc.tuple(fc.nat(99), fc.constantFrom('32', '33', '31', '38;5;208')).map(([n, c]) => `│ \x1b[${c}m●\x1b[39m ${n} KPIs │ \x1b[1m${n % 7}\x1b[22m of 7`), weight: 2 },
  // Characters whose width the writer does not assume: such a row is written whole.
  { arbitrary: fc.nat(99).map((n) => `│ 漢字 ${n} │ 👍 │`), weight: 1 },
  { arbitrary: fc.string({ unit: fc.constantFrom('a', 'b', ' ', '▸', '─'), maxLength: 12 }), weight: 1 },
  // Long rows that differ here and there (a trend chart, a table's figures): several runs of changes.
  { arbitrary: fc.string({ unit: fc.constantFrom('a', 'a', 'a', 'b', ' ', '▸'), minLength: 30, maxLength: 40 }), weight: 2 },
);

/** Next frame from the previous one: a block shifted up or down (a list scrolled), rows changed, rows added or dropped. */
const step = (rows: number) =>
  fc.record({
    shift: fc.integer({ min: -5, max: 5 }),
    from: fc.nat(rows),
    to: fc.nat(rows),
    changes: fc.array(fc.tuple(fc.nat(rows - 1), row), { maxLength: 4 }),
    length: fc.option(fc.integer({ min: 0, max: rows + 2 }), { freq: 4 }),
  });

function apply(prev: readonly string[], s: { shift: number; from: number; to: number; changes: [number, string][]; length: number | null }, fill: () => string): string[] {
  const next = prev.slice();
  const lo = Math.min(s.from, s.to);
  const hi = Math.min(next.length - 1, Math.max(s.from, s.to));
  for (let i = lo; i <= hi; i++) {
    const from = i + s.shift;
    next[i] = from >= lo && from <= hi ? (prev[from] ?? '') : fill();
  }
  for (const [i, text] of s.changes) if (i < next.length) next[i] = text;
  if (s.length !== null) {
    while (next.length > s.length) next.pop();
    while (next.length < s.length) next.push(fill());
  }
  return next;
}

describe('the frame writer', () => {
  it('leaves the screen showing exactly each frame, whatever moved', () => {
    const scrolls = new Set<string>();
    const spans = new Set<number>();
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 14 }), fc.array(row, { minLength: 1, maxLength: 14 }), fc.array(step(14), { minLength: 1, maxLength: 12 }), (rows, first, steps) => {
        const screen = new Screen(rows, 48);
        let prev: string[] | undefined;
        let frame = first;
        let k = 0;
        for (const s of [undefined, ...steps]) {
          if (s) frame = apply(frame, s, () => `│ new row ${k++} of a windowed list │`);
          const diff = frameDiff(prev, frame, rows, 48);
          // eslint-disable-next-line no-control-regex
          for (const m of diff.matchAll(/\x1b\[(\d+)[LM]/g)) scrolls.add(`${m[0].slice(-1)}${m[1]}`);
          // eslint-disable-next-line no-control-regex
          if (/\x1b\[\d+;\d+H/.test(diff)) spans.add(diff.length);
          screen.write(diff);
          expect(screen.text()).toEqual(expected(frame, rows));
          // Every cell, character and style, as a whole redraw of the frame leaves it.
          const whole = new Screen(rows, 48);
          whole.write(frameDiff(undefined, frame, rows, 48));
          expect(screen.snapshot()).toEqual(whole.snapshot());
          prev = frame.slice(0, rows);
        }
      }),
      { numRuns: 400 },
    );
    // The runs did scroll, both ways, by more than one row.
    expect([...scrolls].filter((k) => k.startsWith('M')).length).toBeGreaterThan(2);
    expect([...scrolls].filter((k) => k.startsWith('L')).length).toBeGreaterThan(2);
    // And rows were rewritten from a column, not only whole.
    expect(spans.size).toBeGreaterThan(10);
  });

  it('rewrites only the changed cells of a row of one-column characters, styles included', () => {
    const before = ['Council · Overview', `│ \x1b[32m●\x1b[39m 12 of 20 rated KPIs │ row \x1b[7m3\x1b[27m of 45 │`];
    const after = ['Council · Overview', `│ \x1b[32m●\x1b[39m 12 of 20 rated KPIs │ row \x1b[7m4\x1b[27m of 45 │`];
    const screen = new Screen(4, 60);
    screen.write(frameDiff(undefined, before, 4, 60));
    const diff = frameDiff(before, after, 4, 60);
    // The cursor to the changed cell, its style, the one character, the style reset.
    expect(diff).toBe('\x1b[2;31H\x1b[0;7m4\x1b[m');
    screen.write(diff);
    const whole = new Screen(4, 60);
    whole.write(frameDiff(undefined, after, 4, 60));
    expect(screen.snapshot()).toEqual(whole.snapshot());
    // A row with a wide character is written whole (cleared first).
    expect(frameDiff(['│ 漢字 1 │'], ['│ 漢字 2 │'], 4, 60)).toContain('\x1b[2K');
    // A shorter row: the changed cells, then the rest of the row cleared.
    expect(frameDiff(['total 1234567'], ['total 12'], 4, 60)).toBe('\x1b[1;9H\x1b[m\x1b[K');
  });

  it('writes each run of changed cells, moving the cursor past a long unchanged stretch', () => {
    // A trend chart's row: a column at each end changes, the forty between do not.
    const was = `▁▂▃ ${'─'.repeat(40)} ▅▆`;
    const now = `▁▂▄ ${'─'.repeat(40)} ▅▇`;
    expect(frameDiff([was], [now], 4, 60)).toBe('\x1b[1;3H\x1b[m▄\x1b[1;47H▇');
    // A short unchanged stretch is cheaper to write over than to move past.
    expect(frameDiff(['a1b2c'], ['a9b8c'], 4, 60)).toBe('\x1b[1;2H\x1b[m9b8');
  });

  it('a row that differs only in how its styles are written is not written, and the next row is still addressed', () => {
    // Found by the property above (seed 602119493): the span writer wrote nothing for the first
    // row, and the second, reached by a newline from where the cursor was not, landed a row off.
    const before = ['\x1b[1mx\x1b[22m', 'one', 'two'];
    const after = ['\x1b[1mx\x1b[0m', 'ONE', 'two'];
    const screen = new Screen(3, 20);
    screen.write(frameDiff(undefined, before, 3, 20));
    screen.write('\x1b[3;5H');
    screen.write(frameDiff(before, after, 3, 20));
    const whole = new Screen(3, 20);
    whole.write(frameDiff(undefined, after, 3, 20));
    expect(screen.snapshot()).toEqual(whole.snapshot());
  });

  it('scrolls a windowed list by a line instead of rewriting it', () => {
    const rows = 40;
    const list = Array.from({ length: 100 }, (_, i) => `│ KPI number ${i} with a long enough name to matter │ ${i * 7}% │`);
    const view = (start: number, cursor: number) => [
      'header',
      'breadcrumb',
      `▲ ${start} more above`,
      ...list.slice(start, start + 34).map((l, i) => (start + i === cursor ? `\x1b[7m${l}\x1b[27m` : l)),
      `▼ ${100 - start - 34} more below`,
      'footer',
    ];
    const screen = new Screen(rows, 80);
    const a = view(10, 27);
    const b = view(11, 28);
    screen.write(frameDiff(undefined, a, rows));
    const diff = frameDiff(a, b, rows);
    screen.write(diff);
    expect(screen.text()).toEqual(expected(b, rows, 80));
    // The markers, the new last row and the two cursor rows: not the 34 rows of the list.
    expect(diff).toContain('\x1b[1M');
    expect(diff.length).toBeLessThan(400);
    const back = frameDiff(b, a, rows);
    expect(back).toContain('\x1b[1L');
    screen.write(back);
    expect(screen.text()).toEqual(expected(a, rows, 80));
  });

  it('writes nothing for an unchanged frame, only the changed row for a small change, and all after invalidate()', () => {
    const written: string[] = [];
    const w = new FrameWriter({ write: (s: string) => void written.push(s), rows: 10 });
    w.frame('one\ntwo\nthree');
    w.frame('one\ntwo\nthree');
    w.frame('one\n2\nthree');
    w.invalidate();
    w.frame('one\n2\nthree');
    expect(written).toHaveLength(3);
    const screen = new Screen(10, 20);
    screen.write(written[0] ?? '');
    expect(screen.text().slice(0, 3)).toEqual(['one', 'two', 'three']);
    expect(written[1]).not.toContain('one');
    expect(written[1]).not.toContain('three');
    screen.write(written[1] ?? '');
    expect(screen.text().slice(0, 3)).toEqual(['one', '2', 'three']);
    expect(written[2]).toContain('one');
    // Every frame is one synchronized update.
    for (const s of written) expect(s.startsWith('\x1b[?2026h') && s.endsWith('\x1b[?2026l')).toBe(true);
  });

  it('never writes below the terminal, even when a frame is taller', () => {
    const screen = new Screen(3, 10);
    const diff = frameDiff(undefined, ['a', 'b', 'c', 'd', 'e'], 3);
    screen.write(diff);
    expect(screen.text()).toEqual(['a', 'b', 'c']);
  });
});

describe('rows are written compactly where the spaces paint nothing', () => {
  const E = '\x1b[';
  it.each([
    ['a short gap stays', 'a   b', 'a   b'],
    ['a run of spaces becomes a cursor move', 'name        value', `name${E}8Cvalue`],
    ['trailing spaces are left out (the row was cleared)', 'total          ', 'total'],
    ['trailing spaces before a style reset too', `${E}1mtotal${E}22m          ${E}39m`, `${E}1mtotal${E}22m${E}39m`],
    ['a coloured foreground paints nothing on a space', `${E}31m✗ Red${E}39m        next`, `${E}31m✗ Red${E}39m${E}8Cnext`],
    ['spaces on a background are kept', `${E}44m  cursor row        ${E}49m`, `${E}44m  cursor row        ${E}49m`],
    ['spaces in inverse video are kept', `${E}7mselected        ${E}27m|`, `${E}7mselected        ${E}27m|`],
    ['a 256-colour background is a background', `${E}48;5;17mx        ${E}49m`, `${E}48;5;17mx        ${E}49m`],
    ['a 256-colour foreground is not', `${E}38;5;4mx${E}39m        y`, `${E}38;5;4mx${E}39m${E}8Cy`],
    ['a reset closes the background', `${E}44mx${E}0m        y`, `${E}44mx${E}0m${E}8Cy`],
    ['a row of spaces only is empty', '          ', ''],
  ])('%s', (_name, row, expected) => {
    expect(compactRow(row)).toBe(expected);
  });
});

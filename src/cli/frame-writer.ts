// The frame writer: puts each frame Ink renders on the screen, rewriting only the rows that
// changed (and scrolling a block of rows that moved, as a windowed list does), at absolute
// positions. Ink 6.8's own incremental writer moves the cursor back by a line count that is one
// short when the frame ends with a newline (as a frame shorter than the terminal does), so every
// changed line landed one row low and left stale lines behind. No Ink here: the first screen of
// the last run (first-screen.ts) is drawn with it before Ink is loaded.

import { Buffer } from 'node:buffer';
import { terminalSafe } from './terminal-text.js';

// The alternate screen, the cursor hidden and autowrap off: a row the terminal draws wider than
// expected is cut at the right edge instead of wrapping onto (and scrolling) the rows below it.
export const ALT_SCREEN_ON = '\x1b[?1049h\x1b[H\x1b[?25l\x1b[?7l';
export const ALT_SCREEN_OFF = '\x1b[?7h\x1b[?1049l';
export const SHOW_CURSOR = '\x1b[?25h';
const CSI = '\x1b[';
/** Synchronized update: the terminal shows the frame's changes at once (ignored where unsupported). */
export const SYNC_ON = '\x1b[?2026h';
export const SYNC_OFF = '\x1b[?2026l';
/** Bytes to move to a row and clear it (a row's cost, besides its text). */
const ROW_COST = 10;
/** Bytes of a scroll (attributes reset, margins, cursor, delete or insert lines, margins reset). */
const SCROLL_COST = 28;

type Scroll = { readonly top: number; readonly bottom: number; readonly by: number };

/** The rows on screen after `scroll` (by > 0: content moves up; < 0: down), new rows blank. */
function scrolled(rows: readonly string[], { top, bottom, by }: Scroll): string[] {
  const out = rows.slice();
  for (let i = top; i <= bottom; i++) {
    const from = i + by;
    out[i] = from >= top && from <= bottom ? (rows[from] ?? '') : '';
  }
  return out;
}

/**
 * The best upward scroll of `prev` towards `next` (rows 0..m−1): the region and distance that
 * save the most bytes over rewriting each changed row, counting the rows it blanks.
 */
function bestScrollUp(prev: readonly string[], next: readonly string[], m: number): { scroll: Scroll; gain: number } | undefined {
  const width = (i: number) => (next[i] ?? '').length + ROW_COST;
  const plain: number[] = [];
  const blankGain: number[] = [0];
  for (let i = 0; i < m; i++) {
    plain.push(next[i] === prev[i] ? 0 : width(i));
    // Gain of a row the scroll blanks: nothing to write if the new row is empty too.
    blankGain.push((blankGain[i] ?? 0) + (plain[i] ?? 0) - (next[i] === '' ? 0 : width(i)));
  }
  let best: { scroll: Scroll; gain: number } | undefined;
  for (let by = 1; by < m; by++) {
    let run = 0;
    let start = 0;
    for (let e = 0; e + by < m; e++) {
      const g = (plain[e] ?? 0) - (next[e] === prev[e + by] ? 0 : width(e));
      if (e === 0 || run <= 0) {
        run = g;
        start = e;
      } else run += g;
      const gain = run + (blankGain[e + by + 1] ?? 0) - (blankGain[e + 1] ?? 0) - SCROLL_COST;
      if (gain > 0 && (!best || gain > best.gain)) best = { scroll: { top: start, bottom: e + by, by }, gain };
    }
  }
  return best;
}

/**
 * A row's text as written after the row was cleared: a run of blank spaces becomes a cursor move
 * (CSI n C) and trailing ones are left out, wherever the spaces would paint nothing (no
 * background, inverse, underline or strike-through open). The screen ends up the same; the bytes
 * of a table padded to its column widths drop by a third.
 */
export function compactRow(text: string): string {
  if (!text.includes('    ')) return text;
  let out = '';
  // Whether a space paints something (a background, inverse, underline or strike-through).
  let painted = false;
  let style = '';
  let i = 0;
  const n = text.length;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === 0x1b) {
      // eslint-disable-next-line no-control-regex
      const m = /\x1b\[([0-9;:]*)([A-Za-z])/y;
      m.lastIndex = i;
      const seq = m.exec(text);
      if (!seq) {
        out += text[i];
        i += 1;
        continue;
      }
      if (seq[2] === 'm') {
        style = applySgr(style, seq[1] ?? '');
        painted = PAINTS.test(style);
      }
      out += seq[0];
      i += seq[0].length;
      continue;
    }
    if (c === 0x20 && !painted) {
      let j = i;
      while (j < n && text.charCodeAt(j) === 0x20) j += 1;
      const run = j - i;
      // eslint-disable-next-line no-control-regex
      if (/^(?:\x1b\[[0-9;:]*m)*$/.test(text.slice(j))) {
        // Only spaces (and style changes) to the end: the cleared row already shows them.
        out += text.slice(j);
        break;
      }
      out += run >= 4 ? `${CSI}${run}C` : ' '.repeat(run);
      i = j;
      continue;
    }
    out += text[i];
    i += 1;
  }
  return out;
}

/**
 * Characters every terminal draws one column wide (as ragtop and Ink measure them: East Asian
 * ambiguous ones, such as ● and ─, narrow): ASCII, Latin, Greek, Cyrillic, punctuation, currency,
 * arrows, mathematical operators, box drawing, blocks, geometric shapes, ✓ and ✗. A row made only
 * of these can be rewritten from any column; any other row is rewritten whole.
 */
const NARROW = /^[\x20-\x7e\u00a0-\u00ac\u00ae-\u024f\u0370-\u03ff\u0400-\u04ff\u2010-\u2027\u2030-\u205e\u20a0-\u20c0\u2190-\u21ff\u2200-\u22ff\u2500-\u25ff\u2713-\u2717]$/;

interface Cell {
  readonly ch: string;
  /** The SGR state it is drawn in (applySgr's canonical form; '' for none). */
  readonly style: string;
}
const BLANK: Cell = { ch: ' ', style: '' };

/** The SGR state after `params`, as the shortest parameters that set it from a reset ('' for none). */
function applySgr(style: string, params: string): string {
  const on = new Map<string, string>();
  // The state is kept as its own canonical parameters: attribute name → parameter text.
  for (const part of style === '' ? [] : style.split('|')) {
    const [k, v] = part.split('=');
    if (k !== undefined && v !== undefined) on.set(k, v);
  }
  const p = params === '' ? [0] : params.split(/[;:]/).map(Number);
  for (let k = 0; k < p.length; k++) {
    const v = p[k] ?? 0;
    if (v === 0) on.clear();
    else if (v === 1 || v === 2) on.set(`i${v}`, String(v));
    else if (v === 22) {
      on.delete('i1');
      on.delete('i2');
    }
    else if (v === 3 || v === 4 || v === 7 || v === 9) on.set(`a${v}`, String(v));
    else if (v === 21) on.set('a4', '4');
    else if (v === 23 || v === 24 || v === 27 || v === 29) on.delete(`a${v - 20}`);
    else if ((v >= 30 && v <= 37) || (v >= 90 && v <= 97)) on.set('fg', String(v));
    else if ((v >= 40 && v <= 47) || (v >= 100 && v <= 107)) on.set('bg', String(v));
    else if (v === 39) on.delete('fg');
    else if (v === 49) on.delete('bg');
    else if (v === 38 || v === 48 || v === 58) {
      // A colour by index (5;n) or value (2;r;g;b); 58 is the underline's, drawn as written.
      const extra = p[k + 1] === 5 ? 2 : p[k + 1] === 2 ? 4 : 0;
      on.set(v === 38 ? 'fg' : v === 48 ? 'bg' : 'ul', p.slice(k, k + 1 + extra).join(';'));
      k += extra;
    } else if (v === 59) on.delete('ul');
  }
  return [...on.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([k, v]) => `${k}=${v}`)
    .join('|');
}

/** A state in which a space is visible (a background, inverse, underline or strike-through). */
const PAINTS = /(?:^|\|)(?:bg|a7|a4|a9)=/;

/** The SGR parameters that set a state from a reset. */
const sgrOf = (style: string): string =>
  style
    .split('|')
    .map((part) => part.slice(part.indexOf('=') + 1))
    .join(';');

const OFF: Readonly<Record<string, string>> = { i1: '22', i2: '22', a3: '23', a4: '24', a7: '27', a9: '29', fg: '39', bg: '49', ul: '59' };

const stateOf = (style: string): Map<string, string> =>
  new Map(
    style === ''
      ? []
      : style.split('|').map((part): [string, string] => {
          const at = part.indexOf('=');
          return [part.slice(0, at), part.slice(at + 1)];
        }),
  );

/** The shortest SGR sequence from one state to another: the changes alone, or a reset and the new state. */
function sgrFrom(from: string, to: string): string {
  if (to === '') return `${CSI}m`;
  const a = stateOf(from);
  const b = stateOf(to);
  const params: string[] = [];
  const offs = new Set<string>();
  for (const k of a.keys()) if (!b.has(k)) offs.add(OFF[k] ?? '0');
  params.push(...offs);
  for (const [k, v] of b) if (a.get(k) !== v || (offs.has('22') && (k === 'i1' || k === 'i2'))) params.push(v);
  const delta = params.includes('0') ? undefined : params.join(';');
  const reset = `0;${sgrOf(to)}`;
  return `${CSI}${delta !== undefined && delta.length < reset.length ? delta : reset}m`;
}

/** A row's cells, when every character is one column wide and every escape is SGR; else undefined. */
function cellsOf(row: string): Cell[] | undefined {
  const cells: Cell[] = [];
  let style = '';
  for (let i = 0; i < row.length; ) {
    if (row.charCodeAt(i) === 0x1b) {
      // eslint-disable-next-line no-control-regex
      const m = /\x1b\[([0-9;:]*)m/y;
      m.lastIndex = i;
      const seq = m.exec(row);
      if (!seq) return undefined;
      style = applySgr(style, seq[1] ?? '');
      i += seq[0].length;
      continue;
    }
    const ch = String.fromCodePoint(row.codePointAt(i) ?? 0x20);
    if (!NARROW.test(ch)) return undefined;
    cells.push({ ch, style });
    i += ch.length;
  }
  return cells;
}

const sameCell = (a: Cell | undefined, b: Cell | undefined) => (a ?? BLANK).ch === (b ?? BLANK).ch && (a ?? BLANK).style === (b ?? BLANK).style;
const blankCell = (c: Cell | undefined) => c === undefined || (c.ch === ' ' && c.style === '');

/**
 * Only the cells of row `i` that differ, when both rows are of one-column characters and fit in
 * `columns`: each run of changed cells written with its styles, the cursor put at its start
 * (between two runs, the unchanged cells are written instead where that is shorter than moving the
 * cursor past them), and the rest of the row cleared where the new row ends before the old one
 * did; undefined otherwise.
 */
function spanOf(i: number, prev: string, next: string, columns: number): string | undefined {
  const a = cellsOf(prev);
  const b = cellsOf(next);
  if (!a || !b || a.length > columns || b.length > columns) return undefined;
  const n = Math.max(a.length, b.length);
  let first = 0;
  while (first < n && sameCell(a[first], b[first])) first++;
  if (first === n) return '';
  let last = n - 1;
  while (last > first && sameCell(a[last], b[last])) last--;
  // Where the new row is blank from `end` on, and the change reaches there, clear instead.
  let end = b.length;
  while (end > first && blankCell(b[end - 1])) end--;
  const clear = last >= end;
  const upTo = clear ? end - 1 : last;
  const move = (x: number) => `${CSI}${i + 1};${x + 1}H`;
  let out = move(first);
  let style = '';
  // The style is set afresh at the first cell (whatever the terminal had), then changed as needed.
  let set = false;
  const styleFor = (c: Cell) => (!set ? (c.style === '' ? `${CSI}m` : `${CSI}0;${sgrOf(c.style)}m`) : c.style !== style ? sgrFrom(style, c.style) : '');
  let x = first;
  while (x <= upTo) {
    if (set && sameCell(a[x], b[x])) {
      // An unchanged stretch: written over, or moved past, whichever is shorter.
      let y = x;
      let cost = 0;
      let s = style;
      for (; y <= upTo && sameCell(a[y], b[y]); y++) {
        const c = b[y] ?? BLANK;
        cost += (c.style !== s ? sgrFrom(s, c.style).length : 0) + Buffer.byteLength(c.ch);
        s = c.style;
      }
      if (y > upTo) break;
      if (move(y).length < cost) {
        out += move(y);
        x = y;
        continue;
      }
    }
    const c = b[x] ?? BLANK;
    out += styleFor(c);
    style = c.style;
    set = true;
    out += c.ch;
    x++;
  }
  if (style !== '' || !set) out += `${CSI}m`;
  if (clear) out += `${x === end ? '' : move(end)}${CSI}K`;
  return out;
}

/**
 * The bytes that turn a screen showing `prev` (one string per row from the top; undefined: unknown)
 * into one showing `next`, on a terminal of `rows` rows (and `columns` columns, when known) with
 * autowrap off. Rows are addressed absolutely. A changed row is cleared and written whole, or,
 * when that is shorter and every character in both versions is one column wide, only its changed
 * cells are written; so nothing depends on where the cursor was, and a row with a glyph whose
 * width a terminal might draw otherwise is always written whole.
 */
export function frameDiff(prev: readonly string[] | undefined, next: readonly string[], rows: number, columns?: number): string {
  const n = Math.min(next.length, rows);
  let out = '';
  let at = -2;
  const put = (i: number, text: string, clear = true, was?: string) => {
    const whole = (i === at + 1 ? '\r\n' : `${CSI}${i + 1}H`) + (clear ? `${CSI}2K` : '') + compactRow(text);
    const span = was !== undefined && columns !== undefined ? spanOf(i, was, text, columns) : undefined;
    // Rows that differ only in how their styles are written look the same: nothing to write, and
    // the cursor stays where it was (the next row cannot be reached by a newline from here).
    if (span === '') return;
    out += span !== undefined && span.length < whole.length ? span : whole;
    at = i;
  };
  if (!prev) {
    out = `${CSI}m${CSI}H${CSI}2J`;
    for (let i = 0; i < n; i++) if (next[i]) put(i, next[i] ?? '', false);
    return out;
  }
  let shown: readonly string[] = prev;
  const m = Math.min(prev.length, n);
  const up = bestScrollUp(prev, next, m);
  const rev = (a: readonly string[]) => a.slice(0, m).reverse();
  const downRev = bestScrollUp(rev(prev), rev(next), m);
  const down = downRev ? { scroll: { top: m - 1 - downRev.scroll.bottom, bottom: m - 1 - downRev.scroll.top, by: -downRev.scroll.by }, gain: downRev.gain } : undefined;
  const scroll = up && (!down || up.gain >= down.gain) ? up.scroll : down?.scroll;
  if (scroll) {
    // Margins around the block, then delete (content moves up) or insert (down) lines at its top:
    // VT102 sequences, which every terminal in use knows (unlike SU/SD on the Linux console).
    const k = Math.abs(scroll.by);
    out += `${CSI}m${CSI}${scroll.top + 1};${scroll.bottom + 1}r${CSI}${scroll.top + 1}H${CSI}${k}${scroll.by > 0 ? 'M' : 'L'}${CSI}r`;
    shown = scrolled(prev, scroll);
  }
  for (let i = 0; i < n; i++) if (next[i] !== (shown[i] ?? '')) put(i, next[i] ?? '', true, shown[i] ?? '');
  for (let i = n; i < Math.min(shown.length, rows); i++) if (shown[i]) put(i, '');
  return out;
}

/** Keeps what the screen shows and writes each new frame as the difference from it. */
export class FrameWriter {
  /**
   * `shown`: what the screen shows already, when known (the first screen of the last run, drawn
   * before the app was ready; a row given as undefined is redrawn).
   */
  constructor(
    private readonly out: { write(s: string, cb?: (e?: Error | null) => void): unknown; readonly rows?: number; readonly columns?: number },
    private shown?: string[],
  ) {}
  /**
   * Writes a frame (rows separated by newlines); returns the bytes written, '' when none changed.
   * The frame is cleaned first: only its SGR styling and its newlines act on the terminal.
   */
  frame(text: string, cb?: (e?: Error | null) => void): string {
    const next = terminalSafe(text, 'frame').split('\n');
    const rows = this.out.rows || 24;
    const diff = frameDiff(this.shown, next, rows, this.out.columns);
    this.shown = next.slice(0, rows);
    const bytes = diff ? SYNC_ON + diff + SYNC_OFF : '';
    if (bytes || cb) this.out.write(bytes, cb);
    return bytes;
  }
  /** Forgets the screen (after a resize): the next frame is drawn whole. */
  invalidate(): void {
    this.shown = undefined;
  }
}

// The frame writer: puts each frame Ink renders on the screen, rewriting only the rows that
// changed (and scrolling a block of rows that moved, as a windowed list does), at absolute
// positions. Ink 6.8's own incremental writer moves the cursor back by a line count that is one
// short when the frame ends with a newline (as a frame shorter than the terminal does), so every
// changed line landed one row low and left stale lines behind. No Ink here: the first screen of
// the last run (first-screen.ts) is drawn with it before Ink is loaded.

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
  let painted = 0; // bit 1 background, 2 inverse, 4 underline, 8 strike-through
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
      if (seq[2] === 'm') painted = sgr(painted, seq[1] ?? '');
      out += seq[0];
      i += seq[0].length;
      continue;
    }
    if (c === 0x20 && painted === 0) {
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

/** The painting attributes open after an SGR sequence's parameters. */
function sgr(state: number, params: string): number {
  const p = params === '' ? [0] : params.split(/[;:]/).map(Number);
  for (let k = 0; k < p.length; k++) {
    const v = p[k] ?? 0;
    if (v === 0) state = 0;
    else if ((v >= 40 && v <= 47) || (v >= 100 && v <= 107)) state |= 1;
    else if (v === 48) {
      state |= 1;
      k += p[k + 1] === 5 ? 2 : p[k + 1] === 2 ? 4 : 0;
    } else if (v === 38 || v === 58) k += p[k + 1] === 5 ? 2 : p[k + 1] === 2 ? 4 : 0;
    else if (v === 49) state &= ~1;
    else if (v === 7) state |= 2;
    else if (v === 27) state &= ~2;
    else if (v === 4 || v === 21) state |= 4;
    else if (v === 24) state &= ~4;
    else if (v === 9) state |= 8;
    else if (v === 29) state &= ~8;
  }
  return state;
}

/**
 * The bytes that turn a screen showing `prev` (one string per row from the top; undefined: unknown)
 * into one showing `next`, on a terminal of `rows` rows with autowrap off. Rows are addressed
 * absolutely and cleared before they are written, so nothing depends on where the cursor was or
 * on how wide the terminal draws a glyph.
 */
export function frameDiff(prev: readonly string[] | undefined, next: readonly string[], rows: number): string {
  const n = Math.min(next.length, rows);
  let out = '';
  let at = -2;
  const put = (i: number, text: string, clear = true) => {
    out += (i === at + 1 ? '\r\n' : `${CSI}${i + 1}H`) + (clear ? `${CSI}2K` : '') + compactRow(text);
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
  for (let i = 0; i < n; i++) if (next[i] !== (shown[i] ?? '')) put(i, next[i] ?? '');
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
    private readonly out: { write(s: string, cb?: (e?: Error | null) => void): unknown; readonly rows?: number },
    private shown?: string[],
  ) {}
  /**
   * Writes a frame (rows separated by newlines); returns the bytes written, '' when none changed.
   * The frame is cleaned first: only its SGR styling and its newlines act on the terminal.
   */
  frame(text: string, cb?: (e?: Error | null) => void): string {
    const next = terminalSafe(text, 'frame').split('\n');
    const rows = this.out.rows || 24;
    const diff = frameDiff(this.shown, next, rows);
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

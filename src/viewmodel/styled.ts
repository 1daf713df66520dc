// Styled text lines: what every screen is made of. A line is a list of segments, each with a
// theme token (a meaning, never a colour). Pure helpers keep every line within a width.

import stringWidth from 'string-width';
import type { Rag } from '../domain/types.js';

export type Token =
  | 'rag.green'
  | 'rag.amber'
  | 'rag.red'
  | 'rag.unrated'
  | 'band.low'
  | 'band.medium'
  | 'band.high'
  | 'band.critical'
  | 'text'
  | 'text.muted'
  | 'text.title'
  | 'text.heading'
  | 'focus'
  | 'header'
  | 'better'
  | 'worse'
  | 'error'
  | 'warning'
  | 'info'
  | 'chart.value'
  | 'chart.target'
  /** A white screen (the presenter's w): drawn as reversed spaces. */
  | 'blank.white';

export interface Segment {
  readonly text: string;
  readonly token?: Token;
}

export type Line = readonly Segment[];

export function ragTokenOf(rag: Rag): Token {
  return `rag.${rag}`;
}

export function seg(text: string, token?: Token): Segment {
  return token === undefined ? { text } : { text, token };
}

// Widths are asked for on every cell of every row of a list. Printable ASCII (most text) is
// measured by its length, as string-width itself does. Text made only of characters that always
// stand alone (each its own grapheme: Latin, Greek and Cyrillic letters without combining marks,
// punctuation, arrows, box drawing and blocks, geometric shapes, symbols, CJK ideographs, kana,
// full-width forms: what RAG glyphs, sparklines and accented titles are made of) measures as the
// sum of its characters, each measured once by string-width. Anything else (combining marks,
// joiners, variation selectors, emoji sequences, Hangul jamo) goes through string-width whole,
// remembered for a bounded number of strings.
const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;
const ALONE =
  /^[\x20-\x7e\u00a0-\u00ac\u00ae-\u02ff\u0370-\u0377\u037a-\u037f\u0384-\u038a\u038c\u038e-\u03a1\u03a3-\u03ff\u0400-\u0482\u048a-\u052f\u2010-\u2027\u2030-\u205e\u2070-\u2071\u2074-\u208e\u2090-\u209c\u20a0-\u20c0\u2100-\u214f\u2190-\u23ff\u2500-\u27bf\u2800-\u28ff\u3041-\u3096\u30a1-\u30fa\u4e00-\u9fff\uff01-\uff60]*$/;
const WIDTH_MEMO_LIMIT = 20_000;
const widthMemo = new Map<string, number>();
const charWidths = new Map<string, number>();

function charWidth(ch: string): number {
  let w = charWidths.get(ch);
  if (w === undefined) {
    w = stringWidth(ch);
    if (charWidths.size >= WIDTH_MEMO_LIMIT) charWidths.clear();
    charWidths.set(ch, w);
  }
  return w;
}

export function textWidth(s: string): number {
  if (PRINTABLE_ASCII.test(s)) return s.length;
  if (ALONE.test(s)) {
    let w = 0;
    for (const ch of s) w += charWidth(ch);
    return w;
  }
  let w = widthMemo.get(s);
  if (w === undefined) {
    w = stringWidth(s);
    if (widthMemo.size >= WIDTH_MEMO_LIMIT) widthMemo.clear();
    widthMemo.set(s, w);
  }
  return w;
}

/** Cuts a string to at most `width` columns, ending with the ellipsis when it had to cut. */
export function truncate(s: string, width: number, ellipsis = '…'): string {
  if (width <= 0) return '';
  if (textWidth(s) <= width) return s;
  const room = width - textWidth(ellipsis);
  if (room <= 0) return ellipsis.slice(0, width);
  // Printable ASCII: one column a character.
  if (PRINTABLE_ASCII.test(s)) return s.slice(0, room) + ellipsis;
  let out = '';
  let w = 0;
  for (const ch of s) {
    const cw = charWidth(ch);
    if (w + cw > room) break;
    out += ch;
    w += cw;
  }
  return out + ellipsis;
}

/** Pads (or cuts) to exactly `width` columns. */
export function fit(s: string, width: number, align: 'left' | 'right' = 'left', ellipsis = '…'): string {
  const t = truncate(s, width, ellipsis);
  const pad = ' '.repeat(Math.max(0, width - textWidth(t)));
  return align === 'left' ? t + pad : pad + t;
}

/** A line cut to `width` columns, segment by segment. */
export function clipLine(line: Line, width: number, ellipsis = '…'): Line {
  const out: Segment[] = [];
  let used = 0;
  for (const s of line) {
    const w = textWidth(s.text);
    if (used + w <= width) {
      out.push(s);
      used += w;
      continue;
    }
    const rest = width - used;
    if (rest > 0) out.push({ ...s, text: truncate(s.text, rest, ellipsis) });
    break;
  }
  return out;
}

export function lineWidth(line: Line): number {
  return line.reduce((n, s) => n + textWidth(s.text), 0);
}

export function plain(line: Line): string {
  return line.map((s) => s.text).join('');
}

/** Wraps text to lines of at most `width` columns, at spaces where it can. */
export function wrap(text: string, width: number): string[] {
  const out: string[] = [];
  for (const para of text.split('\n')) {
    let line = '';
    for (const word of para.split(/\s+/).filter(Boolean)) {
      const candidate = line === '' ? word : `${line} ${word}`;
      if (textWidth(candidate) <= width) line = candidate;
      else {
        if (line !== '') out.push(line);
        line = textWidth(word) <= width ? word : truncate(word, width);
      }
    }
    out.push(line);
  }
  return out;
}

/**
 * The slice of a list to show around the cursor in `height` rows, keeping the cursor visible,
 * with whether there is more above and below (for ▲/▼ markers).
 */
export function visibleWindow<T>(items: readonly T[], cursor: number, height: number): { start: number; items: readonly T[]; above: boolean; below: boolean } {
  const w = windowRange(items.length, cursor, height);
  return { start: w.start, items: w.start === 0 && w.end === items.length ? items : items.slice(w.start, w.end), above: w.above, below: w.below };
}

/** visibleWindow over `length` items that are not built yet: which of them to show. */
export function windowRange(length: number, cursor: number, height: number): { start: number; end: number; above: boolean; below: boolean } {
  const h = Math.max(1, height);
  if (length <= h) return { start: 0, end: length, above: false, below: false };
  const c = Math.max(0, Math.min(cursor, length - 1));
  let start = Math.max(0, c - Math.floor(h / 2));
  start = Math.min(start, length - h);
  return { start, end: start + h, above: start > 0, below: start + h < length };
}

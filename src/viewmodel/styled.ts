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
  | 'chart.target';

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

export function textWidth(s: string): number {
  return stringWidth(s);
}

/** Cuts a string to at most `width` columns, ending with the ellipsis when it had to cut. */
export function truncate(s: string, width: number, ellipsis = '…'): string {
  if (width <= 0) return '';
  if (stringWidth(s) <= width) return s;
  const room = width - stringWidth(ellipsis);
  let out = '';
  let w = 0;
  for (const ch of s) {
    const cw = stringWidth(ch);
    if (w + cw > room) break;
    out += ch;
    w += cw;
  }
  return room > 0 ? out + ellipsis : ellipsis.slice(0, width);
}

/** Pads (or cuts) to exactly `width` columns. */
export function fit(s: string, width: number, align: 'left' | 'right' = 'left', ellipsis = '…'): string {
  const t = truncate(s, width, ellipsis);
  const pad = ' '.repeat(Math.max(0, width - stringWidth(t)));
  return align === 'left' ? t + pad : pad + t;
}

/** A line cut to `width` columns, segment by segment. */
export function clipLine(line: Line, width: number, ellipsis = '…'): Line {
  const out: Segment[] = [];
  let used = 0;
  for (const s of line) {
    const w = stringWidth(s.text);
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
  return line.reduce((n, s) => n + stringWidth(s.text), 0);
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
      if (stringWidth(candidate) <= width) line = candidate;
      else {
        if (line !== '') out.push(line);
        line = stringWidth(word) <= width ? word : truncate(word, width);
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
  const h = Math.max(1, height);
  if (items.length <= h) return { start: 0, items, above: false, below: false };
  const c = Math.max(0, Math.min(cursor, items.length - 1));
  let start = Math.max(0, c - Math.floor(h / 2));
  start = Math.min(start, items.length - h);
  return { start, items: items.slice(start, start + h), above: start > 0, below: start + h < items.length };
}

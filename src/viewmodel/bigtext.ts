// Big text for presenter slides: a headline figure (or a short title) drawn in a block font a
// room can read. Two sizes: 5 rows (each pixel of a 3 × 5 font drawn two columns wide, with the
// bar glyph: █ or #) and 3 rows (Unicode: the same font in half blocks ▀ ▄ █; ASCII: seven-segment
// figures drawn with _ and |). Digits and . , % £ - + / : and space always; letters (A–Z and a
// little punctuation) on request. Whatever does not fit the width falls back to plain text. Pure.

import { maxOf } from '../domain/arrays.js';
import type { Glyphs } from './glyphs.js';
import { textWidth, truncate, wrap } from './styled.js';

// ---------------------------------------------------------------------------------------------
// The font: rows top to bottom, '#' a pixel. Most glyphs are 3 pixels wide.

const FIGURES: Readonly<Record<string, readonly string[]>> = {
  '0': ['###', '#.#', '#.#', '#.#', '###'],
  '1': ['.#.', '##.', '.#.', '.#.', '###'],
  '2': ['###', '..#', '###', '#..', '###'],
  '3': ['###', '..#', '###', '..#', '###'],
  '4': ['#.#', '#.#', '###', '..#', '..#'],
  '5': ['###', '#..', '###', '..#', '###'],
  '6': ['###', '#..', '###', '#.#', '###'],
  '7': ['###', '..#', '..#', '..#', '..#'],
  '8': ['###', '#.#', '###', '#.#', '###'],
  '9': ['###', '#.#', '###', '..#', '###'],
  '.': ['.', '.', '.', '.', '#'],
  ',': ['.', '.', '.', '#', '#'],
  '%': ['#.#', '..#', '.#.', '#..', '#.#'],
  '£': ['.##', '#..', '###', '#..', '###'],
  '-': ['...', '...', '###', '...', '...'],
  '+': ['...', '.#.', '###', '.#.', '...'],
  '/': ['..#', '..#', '.#.', '#..', '#..'],
  ':': ['.', '#', '.', '#', '.'],
  ' ': ['..', '..', '..', '..', '..'],
};

const LETTERS: Readonly<Record<string, readonly string[]>> = {
  A: ['.#.', '#.#', '###', '#.#', '#.#'],
  B: ['##.', '#.#', '##.', '#.#', '##.'],
  C: ['.##', '#..', '#..', '#..', '.##'],
  D: ['##.', '#.#', '#.#', '#.#', '##.'],
  E: ['###', '#..', '##.', '#..', '###'],
  F: ['###', '#..', '##.', '#..', '#..'],
  G: ['.##', '#..', '#.#', '#.#', '.##'],
  H: ['#.#', '#.#', '###', '#.#', '#.#'],
  I: ['###', '.#.', '.#.', '.#.', '###'],
  J: ['..#', '..#', '..#', '#.#', '.#.'],
  K: ['#.#', '#.#', '##.', '#.#', '#.#'],
  L: ['#..', '#..', '#..', '#..', '###'],
  M: ['#.#', '###', '###', '#.#', '#.#'],
  N: ['##.', '#.#', '#.#', '#.#', '#.#'],
  O: ['.#.', '#.#', '#.#', '#.#', '.#.'],
  P: ['##.', '#.#', '##.', '#..', '#..'],
  Q: ['.#.', '#.#', '#.#', '##.', '.##'],
  R: ['##.', '#.#', '##.', '#.#', '#.#'],
  S: ['.##', '#..', '.#.', '..#', '##.'],
  T: ['###', '.#.', '.#.', '.#.', '.#.'],
  U: ['#.#', '#.#', '#.#', '#.#', '###'],
  V: ['#.#', '#.#', '#.#', '#.#', '.#.'],
  W: ['#.#', '#.#', '###', '###', '#.#'],
  X: ['#.#', '#.#', '.#.', '#.#', '#.#'],
  Y: ['#.#', '#.#', '.#.', '.#.', '.#.'],
  Z: ['###', '..#', '.#.', '#..', '###'],
  "'": ['#', '#', '.', '.', '.'],
  '!': ['#', '#', '#', '.', '#'],
  '?': ['##.', '..#', '.#.', '...', '.#.'],
  '(': ['.#', '#.', '#.', '#.', '.#'],
  ')': ['#.', '.#', '.#', '.#', '#.'],
  '&': ['.#.', '#.#', '.#.', '#.#', '.##'],
};

/** ASCII figures three rows tall, seven-segment style. */
const SEGMENTS: Readonly<Record<string, readonly string[]>> = {
  '0': [' _ ', '| |', '|_|'],
  '1': ['   ', '  |', '  |'],
  '2': [' _ ', ' _|', '|_ '],
  '3': [' _ ', ' _|', ' _|'],
  '4': ['   ', '|_|', '  |'],
  '5': [' _ ', '|_ ', ' _|'],
  '6': [' _ ', '|_ ', '|_|'],
  '7': [' _ ', '  |', '  |'],
  '8': [' _ ', '|_|', '|_|'],
  '9': [' _ ', '|_|', ' _|'],
  '.': [' ', ' ', '.'],
  ',': [' ', ' ', ','],
  '%': ['o /', ' / ', '/ o'],
  '£': ['  _', ' |_', '_|_'],
  '-': ['   ', ' _ ', '   '],
  '+': ['   ', '_|_', ' | '],
  '/': ['  /', ' / ', '/  '],
  ':': [' ', 'o', 'o'],
  ' ': ['  ', '  ', '  '],
};

/** Characters read as others by the letter font: dashes, curly quotes. */
const ALIASES: Readonly<Record<string, string>> = { '–': '-', '—': '-', '‘': "'", '’': "'", '−': '-' };

export interface BigOptions {
  /** The most rows to use: 5 (default) or 3; below 3 the text stays plain. */
  readonly rows?: number;
  /** Draw letters too (a title); otherwise only figures are big and other text is plain. */
  readonly letters?: boolean;
}

function normalise(ch: string, letters: boolean): string {
  const c = ALIASES[ch] ?? ch;
  return letters ? c.toUpperCase() : c;
}

function bitmapOf(ch: string, letters: boolean): readonly string[] | undefined {
  return FIGURES[ch] ?? (letters ? LETTERS[ch] : undefined);
}

/** Whether a character has a big glyph (figures always; letters when asked). */
export function hasBigGlyph(ch: string, letters = false): boolean {
  return bitmapOf(normalise(ch, letters), letters) !== undefined;
}

/** One glyph drawn `rows` tall, as lines of equal width; undefined when there is none. */
function drawGlyph(ch: string, rows: 3 | 5, bar: string, ascii: boolean, letters: boolean): string[] | undefined {
  if (rows === 3 && ascii) {
    const seven = SEGMENTS[ch];
    return seven ? [...seven] : undefined;
  }
  const bitmap = bitmapOf(ch, letters);
  if (!bitmap) return undefined;
  if (rows === 5) return bitmap.map((r) => [...r].map((p) => (p === '#' ? bar + bar : '  ')).join(''));
  // Three rows of half blocks: pixel rows (0,1), (2,3), (4, blank).
  const at = (r: number, c: number) => bitmap[r]?.[c] === '#';
  const w = bitmap[0]?.length ?? 0;
  return [0, 2, 4].map((r) =>
    Array.from({ length: w }, (_, c) => {
      const top = at(r, c);
      const bottom = at(r + 1, c);
      return top && bottom ? '█' : top ? '▀' : bottom ? '▄' : ' ';
    }).join(''),
  );
}

/**
 * Text drawn `rows` tall: each character with a glyph big, one gap between glyphs, and runs of
 * other characters written plainly on the bottom row. Undefined when nothing is big.
 */
function drawAt(text: string, rows: 3 | 5, g: Glyphs, letters: boolean): string[] | undefined {
  const ascii = g.ascii;
  const bar = ascii ? '#' : g.bar;
  if (rows === 3 && ascii && letters) return undefined;
  const gap = rows === 5 ? '  ' : ' ';
  const out: string[] = Array.from({ length: rows }, () => '');
  let big = false;
  let previous: 'big' | 'plain' | undefined;
  for (const raw of text) {
    const ch = normalise(raw, letters);
    const glyph = drawGlyph(ch, rows, bar, ascii, letters);
    if (glyph) {
      if (previous !== undefined) for (let r = 0; r < rows; r++) out[r] += gap;
      glyph.forEach((line, r) => (out[r] += line));
      if (ch !== ' ') big = true;
      previous = 'big';
    } else {
      // Plain text sits on the bottom row; the rows above get spaces.
      const pad = previous === 'big' ? ' ' : '';
      const piece = pad + raw;
      const w = textWidth(piece);
      for (let r = 0; r < rows - 1; r++) out[r] += ' '.repeat(w);
      out[rows - 1] += piece;
      previous = 'plain';
    }
  }
  if (!big) return undefined;
  const width = maxOf(out.map(textWidth));
  return out.map((l) => l + ' '.repeat(width - textWidth(l)));
}

/**
 * `text` in the biggest block font that fits `maxWidth` columns (5 rows, then 3), every line the
 * same width; or the plain text on one line (cut to the width) when no size fits or nothing in it
 * has a big glyph.
 */
export function bigText(text: string, glyphs: Glyphs, maxWidth: number, options: BigOptions = {}): string[] {
  const most = options.rows ?? 5;
  const letters = options.letters ?? false;
  for (const rows of [5, 3] as const) {
    if (rows > most) continue;
    const drawn = drawAt(text, rows, glyphs, letters);
    if (drawn && textWidth(drawn[0] ?? '') <= maxWidth) return drawn;
  }
  return [truncate(text, Math.max(0, maxWidth), glyphs.ellipsis)];
}

/**
 * A figure as written split into the part drawn big and the rest: `£188.57m` → `£188.57` and `m`,
 * `7.19 days` → `7.19` and `days`, `no data` → `` and `no data`.
 */
export function splitFigure(text: string): { readonly figure: string; readonly rest: string } {
  const m = /^[-+]?[£]?[-+]?\d[\d,]*(?:\.\d+)?%?/.exec(text.trim());
  if (!m) return { figure: '', rest: text.trim() };
  return { figure: m[0], rest: text.trim().slice(m[0].length).trim() };
}

/**
 * A title in big letters on as many big lines as it needs (one blank line between them), within
 * `width` × `height`: 5 rows tall if that fits, else 3, else the plain text wrapped (cut to the
 * height). Lines of one block share a width. `big` says which it came to.
 */
export function bigParagraph(text: string, glyphs: Glyphs, width: number, height: number): { readonly lines: string[]; readonly big: boolean } {
  const words = text.split(/\s+/).filter(Boolean);
  const supported = [...text.replace(/\s+/g, ' ').trim()].every((ch) => hasBigGlyph(ch, true));
  if (supported && words.length > 0) {
    for (const rows of [5, 3] as const) {
      if (rows > height) continue;
      const drawn = (s: string) => drawAt(s, rows, glyphs, true);
      const packed: string[][] = [];
      let line = '';
      let fits = true;
      for (const word of words) {
        const candidate = line === '' ? word : `${line} ${word}`;
        const d = drawn(candidate);
        if (d && textWidth(d[0] ?? '') <= width) {
          line = candidate;
          continue;
        }
        const alone = drawn(word);
        if (!alone || textWidth(alone[0] ?? '') > width) {
          fits = false;
          break;
        }
        if (line !== '') packed.push(drawn(line) ?? []);
        line = word;
      }
      if (!fits) continue;
      if (line !== '') packed.push(drawn(line) ?? []);
      const total = packed.length * rows + (packed.length - 1);
      if (total > height) continue;
      return { lines: packed.flatMap((block, i) => (i === 0 ? block : ['', ...block])), big: true };
    }
  }
  // Words longer than the width are broken, so wrapping never cuts them with an ellipsis of its own.
  const w = Math.max(1, width);
  const words2 = words.flatMap((word) => (textWidth(word) <= w ? [word] : (word.match(new RegExp(`.{1,${w}}`, 'gu')) ?? [word])));
  const plain = wrap(words2.join(' '), w).slice(0, Math.max(1, height));
  return { lines: plain.map((l) => truncate(l, w, glyphs.ellipsis)), big: false };
}

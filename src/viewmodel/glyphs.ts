// The glyph set: every symbol ragtop draws of its own (RAG symbols, arrows, box drawing, bullets,
// separators, the ellipsis, the cursor), Unicode or ASCII only. It is chosen once, in cli/ (from
// --ascii, the preference and the locale), and carried on the model: no module decides for itself
// whether it draws ASCII. A RAG is never colour alone: every one has a symbol and a word.
//
// In the ASCII set, text from the data is transliterated where it is drawn (`drawText`): £ → GBP,
// € → EUR, dashes, curly quotes, the ellipsis, ×, ≤ ≥ and arrows to their ASCII forms, anything
// else to `?`, so that a terminal without Unicode shows no garbage.

import type { Direction } from '../domain/evaluate.js';
import type { Rag } from '../domain/types.js';

export interface Glyphs {
  /** Only ASCII: data text is transliterated where it is drawn. */
  readonly ascii: boolean;
  readonly rag: Readonly<Record<Rag, string>>;
  readonly direction: Readonly<Record<Direction, string>>;
  readonly bar: string;
  readonly ellipsis: string;
  /** A sparkline's levels, lowest first (one character each). */
  readonly spark: string;
  /** The row under the cursor, and the period shown (◂). */
  readonly cursor: string;
  readonly current: string;
  /** More above / below a window; above appetite. */
  readonly up: string;
  readonly down: string;
  /** Arrows in words: "↑ worse", "a → b". */
  readonly arrow: { readonly up: string; readonly down: string; readonly left: string; readonly right: string };
  readonly times: string;
  /** Separators: "a · b", a breadcrumb "KPIs › Live", a dash "—". */
  readonly dot: string;
  readonly crumb: string;
  readonly dash: string;
  readonly bullet: string;
  readonly notEqual: string;
  readonly warning: string;
  /** A progress bar's empty part. */
  readonly shade: string;
  /** Table borders: horizontal, vertical, then the corners and joins ┌ ┬ ┐ └ ┴ ┘. */
  readonly box: { readonly h: string; readonly v: string; readonly corners: readonly [string, string, string, string, string, string] };
}

export const UNICODE_GLYPHS: Glyphs = {
  ascii: false,
  rag: { green: '✓', amber: '!', red: '✗', unrated: '–' },
  direction: { better: '▲', worse: '▼', same: '=' },
  bar: '█',
  ellipsis: '…',
  spark: '▁▂▃▄▅▆▇█',
  cursor: '▸',
  current: '◂',
  up: '▲',
  down: '▼',
  arrow: { up: '↑', down: '↓', left: '←', right: '→' },
  times: '×',
  dot: '·',
  crumb: '›',
  dash: '—',
  bullet: '•',
  notEqual: '≠',
  warning: '⚠',
  shade: '░',
  box: { h: '─', v: '│', corners: ['┌', '┬', '┐', '└', '┴', '┘'] },
};

export const ASCII_GLYPHS: Glyphs = {
  ascii: true,
  rag: { green: '+', amber: '!', red: 'x', unrated: '-' },
  direction: { better: '^', worse: 'v', same: '=' },
  bar: '#',
  ellipsis: '...',
  spark: '_.-=^',
  cursor: '>',
  current: '<',
  up: '^',
  down: 'v',
  arrow: { up: '^', down: 'v', left: '<-', right: '->' },
  times: 'x',
  dot: '-',
  crumb: '>',
  dash: '-',
  bullet: '-',
  notEqual: '!=',
  warning: '!',
  shade: '.',
  box: { h: '-', v: '|', corners: ['+', '+', '+', '+', '+', '+'] },
};

export const RAG_WORDS: Readonly<Record<Rag, string>> = { green: 'Green', amber: 'Amber', red: 'Red', unrated: 'Unrated' };

/** "✗ Red": the symbol and the word together. */
export function ragToken(rag: Rag, glyphs: Glyphs): string {
  return `${glyphs.rag[rag]} ${RAG_WORDS[rag]}`;
}

/** What the ASCII set draws for characters of the data (and of the domain's sentences). */
const TRANSLITERATION: Readonly<Record<string, string>> = {
  '£': 'GBP',
  '€': 'EUR',
  '–': '-',
  '—': '-',
  '‒': '-',
  '−': '-',
  '‐': '-',
  '‑': '-',
  '‘': "'",
  '’': "'",
  '‚': "'",
  '“': '"',
  '”': '"',
  '„': '"',
  '…': '...',
  '×': 'x',
  '≤': '<=',
  '≥': '>=',
  '≠': '!=',
  '→': '->',
  '←': '<-',
  '↑': '^',
  '↓': 'v',
  '·': '-',
  '•': '-',
  '\u00a0': ' ',
};

// eslint-disable-next-line no-control-regex
const NOT_ASCII = /[^\x00-\x7f]/u;
// eslint-disable-next-line no-control-regex
const NOT_ASCII_ALL = /[^\x00-\x7f]/gu;

/** `s` as the set draws it: as it is, or in the ASCII set transliterated (anything else is `?`). */
export function drawText(s: string, glyphs: Glyphs): string {
  if (!glyphs.ascii || !NOT_ASCII.test(s)) return s;
  return s.normalize('NFKD').replace(/\p{M}/gu, '').replace(NOT_ASCII_ALL, (ch) => TRANSLITERATION[ch] ?? '?');
}

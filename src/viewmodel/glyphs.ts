// Symbols for RAGs and directions. A RAG is never colour alone: every one has a symbol and a word.

import type { Direction } from '../domain/evaluate.js';
import type { Rag } from '../domain/types.js';

export interface Glyphs {
  readonly rag: Readonly<Record<Rag, string>>;
  readonly direction: Readonly<Record<Direction, string>>;
  readonly bar: string;
  readonly ellipsis: string;
  /** A sparkline's levels, lowest first (one character each). */
  readonly spark: string;
}

export const UNICODE_GLYPHS: Glyphs = {
  rag: { green: '✓', amber: '!', red: '✗', unrated: '–' },
  direction: { better: '▲', worse: '▼', same: '=' },
  bar: '█',
  ellipsis: '…',
  spark: '▁▂▃▄▅▆▇█',
};

export const ASCII_GLYPHS: Glyphs = {
  rag: { green: '+', amber: '!', red: 'x', unrated: '-' },
  direction: { better: '^', worse: 'v', same: '=' },
  bar: '#',
  ellipsis: '...',
  spark: '_.-=^',
};

export const RAG_WORDS: Readonly<Record<Rag, string>> = { green: 'Green', amber: 'Amber', red: 'Red', unrated: 'Unrated' };

/** "✗ Red": the symbol and the word together. */
export function ragToken(rag: Rag, glyphs: Glyphs): string {
  return `${glyphs.rag[rag]} ${RAG_WORDS[rag]}`;
}

// Markdown for the hand-out: escaping of data text, tables, paragraphs and bullets, the context
// every section is written in.

import { UNSAFE_BUT_NEWLINE_CHARS } from '../../domain/text.js';
import type { AgendaEntry } from '../agenda.js';
import { type Glyphs } from '../glyphs.js';
import { type KpiRow } from '../kpi-rows.js';
import { pushAll } from '../../domain/arrays.js';
import { RAGS_BEST_FIRST } from '../../domain/rag.js';

export { marks, type Ctx, type Marks } from './section-data.js';

// ---------------------------------------------------------------------------------------------
// Markdown text.

// Control characters (C0 but newline, DEL, C1), bidi and invisible characters: never written.
export const CONTROL = new RegExp(UNSAFE_BUT_NEWLINE_CHARS, 'g');

/** Removes control, bidi and invisible characters (a tab becomes a space); keeps newlines. */
export function clean(s: string): string {
  return s.replace(/\t/g, ' ').replace(CONTROL, '');
}

/**
 * Text from the data made inert inside a line: whitespace collapsed, and every character markdown
 * gives a meaning to escaped (emphasis, code, links, HTML, headings, tables, strikethrough, entities).
 */
export function mdInline(s: string): string {
  return clean(s)
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/[\\`*_[\]<>|#~]/g, (c) => `\\${c}`)
    .replace(/&(?=#?[a-z0-9]+;)/gi, '\\&');
}

/** Inline text that starts a line (a paragraph or a list item): a leading -, +, = or "1." is escaped too. */
export function mdText(s: string): string {
  return mdInline(s)
    .replace(/^([-+=])/, '\\$1')
    .replace(/^(\d{1,9})([.)])/, '$1\\$2');
}

/** A GFM table: a heading row, the alignment row, then the rows (cells already escaped). */
export function mdTable(head: readonly string[], rows: readonly (readonly string[])[], right: readonly number[] = []): string[] {
  const line = (cells: readonly string[]) => `| ${cells.map((c) => (c === '' ? ' ' : c)).join(' | ')} |`;
  return [line(head), `|${head.map((_, i) => (right.includes(i) ? ' ---: ' : ' --- ')).join('|')}|`, ...rows.map(line)];
}

export function travelCell(r: Pick<KpiRow, 'direction'>, g: Glyphs): string {
  return r.direction ? `${g.direction[r.direction]} ${r.direction}` : '';
}

/** Paragraphs of a text from the data (blank lines separate them). */
export function paragraphs(text: string): string[] {
  return clean(text)
    .split(/\n\s*\n/)
    .map((p) => mdText(p))
    .filter((p) => p !== '')
    .flatMap((p) => [p, '']);
}

export function bullets(items: readonly string[]): string[] {
  return items.map((i) => `- ${mdText(i)}`);
}

/** Blocks joined by one blank line, none at the end. */
export function blocks(...parts: ReadonlyArray<readonly string[]>): string[] {
  const out: string[] = [];
  for (const part of parts) {
    const lines = [...part];
    while (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
    if (lines.length === 0) continue;
    if (out.length > 0) out.push('');
    pushAll(out, lines);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Sections, one per kind of agenda item.

export const COUNT_ORDER = RAGS_BEST_FIRST;

export function titleUnlessGiven(item: AgendaEntry, title: string): string[] {
  return item.title.toLowerCase().includes(title.toLowerCase()) ? [] : [`**${mdInline(title)}**`, ''];
}


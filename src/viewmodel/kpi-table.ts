// The KPI table's sorts and columns: what each column shows of a row, how wide it is at a width,
// and which columns give way first. kpis-screen.ts draws the table with them.

import type { Direction } from '../domain/evaluate.js';
import { compareRag } from '../domain/rag.js';
import { ragToken, type Glyphs } from './glyphs.js';
import { fitColumns, type ColumnPlan } from './column-fit.js';
import type { TableColumn } from './screen.js';
import { textWidth } from './styled.js';
import { marks, type KpiRow } from './kpi-rows.js';
import { FIGURE_MARK, FINDING_WORDS } from './figure.js';

// ---------------------------------------------------------------------------------------------
// Sorting: `s` cycles through these; ties keep catalogue order.

const TRAVEL_RANK: Readonly<Record<Direction, number>> = { worse: 0, same: 1, better: 2 };

export interface SortSpec {
  /** How the header line names it. */
  readonly label: string;
  /** What the header adds where there is room. */
  readonly note: string;
  readonly compare: (a: KpiRow, b: KpiRow) => number;
}

const CATALOGUE_ORDER: SortSpec = { label: 'catalogue order', note: '', compare: () => 0 };

export const SORTS: readonly SortSpec[] = [
  CATALOGUE_ORDER,
  // Red first; among reds, the longest run of reds first.
  { label: 'sorted by RAG', note: ' (red first)', compare: (a, b) => compareRag(a.rag, b.rag) || b.redStreak - a.redStreak },
  { label: 'sorted by travel', note: ' (worse first)', compare: (a, b) => (a.direction ? TRAVEL_RANK[a.direction] : 3) - (b.direction ? TRAVEL_RANK[b.direction] : 3) },
  { label: 'sorted by title', note: ' (A to Z)', compare: (a, b) => a.title.localeCompare(b.title, 'en', { sensitivity: 'base' }) },
];

export function sortOf(sortColumn: number): SortSpec {
  return SORTS[((sortColumn % SORTS.length) + SORTS.length) % SORTS.length] ?? CATALOGUE_ORDER;
}

export function sortRows(rows: readonly KpiRow[], sortColumn: number): KpiRow[] {
  const s = sortOf(sortColumn);
  return [...rows].sort((a, b) => s.compare(a, b) || a.order - b.order);
}

// ---------------------------------------------------------------------------------------------
// Columns (fitted to the width by column-fit.ts).

export type ColumnKey = 'cursor' | 'rag' | 'title' | 'value' | 'target' | 'travel' | 'trend' | 'flags';

/** A column of the KPI table, with what it shows. */
export interface KpiColumn extends TableColumn {
  readonly key: ColumnKey;
}

/**
 * The columns given up, in this order, when the title would get fewer than TITLE_MIN columns (a
 * title is what an analyst reads first): the sparkline first (the direction of travel says which
 * way it went), then the direction, then the flags (what `check` questions and the published
 * flags: they stay at 80 columns, narrower), then the target (the RAG already says how it
 * compares). At 80 columns the sparkline goes; at 60 the direction and the flags too. A column
 * with nothing in it is never drawn.
 */
export const DROP_ORDER: readonly ColumnKey[] = ['trend', 'travel', 'flags', 'target'];
export const TITLE_MIN = 18;
const VALUE_MIN = 8;
const TARGET_MIN = 6;
/** The target's share before the whole title: a long published label takes what is left after it. */
const TARGET_EASY = 16;
/** The flags column's least width (the run of reds comes first in it). */
const FLAGS_MIN = 8;
/** The title grows to this before the target takes what it needs. */
const TITLE_EASY = 28;

const LABELS: Readonly<Record<ColumnKey, string>> = { cursor: '', rag: 'RAG', title: 'KPI', value: 'Value', target: 'Target', travel: 'Travel', trend: 'Trend', flags: 'Flags' };
// The cursor mark (▸) shares the RAG column: a column of its own costs four characters of title.
const ALL: readonly ColumnKey[] = ['rag', 'title', 'value', 'target', 'travel', 'trend', 'flags'];

function travelText(r: KpiRow, g: Glyphs): string {
  return r.direction ? `${g.direction[r.direction]} ${r.direction}` : '';
}

function flagsText(r: KpiRow, g: Glyphs): string {
  const streak = r.redStreak >= 2 ? [`${r.redStreak}${marks(g).times}red`] : [];
  // The run of reds first: it matters most, and a narrow column cuts the end; then what `check`
  // questions (a reported RAG against its target first), the published flags, the other findings.
  const mismatch = r.mismatch && !r.findings.includes(FINDING_WORDS.RAG_MISMATCH) ? [FINDING_WORDS.RAG_MISMATCH] : [];
  // A finding that repeats a flag (NOT_FOR_PUBLICATION and the NFP flag) is said once.
  return [...new Set([...streak, ...mismatch, ...r.flags, ...r.findings])].join(' ');
}

/** The RAG with its symbol and word, marked when `check` questions the figure (the Flags column says what). */
function ragCell(r: KpiRow, g: Glyphs): string {
  return `${ragToken(r.rag, g)}${r.mismatch || r.findings.length > 0 ? FIGURE_MARK : ''}`;
}

export function cellText(key: ColumnKey, r: KpiRow, g: Glyphs): string {
  switch (key) {
    case 'cursor':
      return '';
    case 'rag':
      return ragCell(r, g);
    case 'title':
      return r.title;
    case 'value':
      return r.value;
    case 'target':
      return r.target;
    case 'travel':
      return travelText(r, g);
    case 'trend':
      return r.trend;
    case 'flags':
      return flagsText(r, g);
  }
}

/**
 * Column widths for these rows at this width: each column as wide as its widest cell (over every
 * row, not just those shown, so columns keep still while scrolling), within its cap; the title
 * takes what is left. Columns are dropped in DROP_ORDER until the title gets TITLE_MIN.
 */
export function layoutColumns(rows: readonly KpiRow[], width: number, g: Glyphs): KpiColumn[] {
  const natural = (key: ColumnKey, cap = Infinity): number => {
    const widest = rows.reduce((n, r) => Math.max(n, textWidth(cellText(key, r, g))), 0);
    return Math.max(textWidth(LABELS[key]), Math.min(cap, widest), key === 'cursor' ? 1 : 0) + (key === 'rag' ? 2 : 0);
  };
  // A column with nothing in it (no KPI has flags, say) is not drawn at all.
  const empty = (key: ColumnKey) => rows.every((r) => cellText(key, r, g) === '');
  const nat: Record<ColumnKey, number> = {
    cursor: 1,
    rag: natural('rag'),
    title: natural('title'),
    value: natural('value'),
    target: natural('target'),
    travel: natural('travel'),
    trend: natural('trend'),
    flags: natural('flags'),
  };
  // The least each flexible column gets before a column is dropped.
  const least: Partial<Record<ColumnKey, number>> = {
    title: Math.min(nat.title, TITLE_MIN),
    value: Math.min(nat.value, VALUE_MIN),
    target: Math.min(nat.target, TARGET_MIN),
    flags: Math.min(nat.flags, FLAGS_MIN),
  };
  // Whole values first (never cut while another column has room), then a readable title, the
  // target and the flags, then the whole title, then a long published target label whole.
  const grow: ColumnPlan<ColumnKey>['grow'] = [
    ['value', nat.value],
    ['title', Math.min(nat.title, TITLE_EASY)],
    ['target', Math.min(nat.target, TARGET_EASY)],
    ['flags', nat.flags],
    ['title', nat.title],
    ['target', nat.target],
  ];
  function* plans(): Generator<ColumnPlan<ColumnKey>> {
    for (let dropped = 0; dropped <= DROP_ORDER.length; dropped++) {
      const chosen = ALL.filter((k) => !DROP_ORDER.slice(0, dropped).includes(k) && !((k === 'flags' || k === 'travel' || k === 'trend' || k === 'target') && empty(k)));
      // Narrower than the smallest table (never at 60 columns or more): the title gives way.
      yield { columns: chosen.map((key) => ({ key, least: least[key] ?? nat[key] })), grow, giveWay: 'title' };
    }
  }
  return fitColumns<ColumnKey, ColumnPlan<ColumnKey>>(plans(), width).columns.map(({ key: k, width: w }) => ({ key: k, label: LABELS[k], width: w, ...(k === 'value' ? { align: 'right' as const } : {}) }));
}


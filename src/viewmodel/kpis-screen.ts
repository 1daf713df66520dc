// The KPIs views (view 2): the list of priorities with their RAG counts, each priority's KPI
// table, and with a filter one flat table of the matching KPIs of every priority (the rows
// themselves are in kpi-rows.ts).

import type { Direction } from '../domain/evaluate.js';
import type { Priority, Rag } from '../domain/types.js';
import { RAG_WORDS, ragToken, type Glyphs } from './glyphs.js';
import type { Model } from './model.js';
import { modelMemo } from './memo.js';
import { ragBar } from './overview-screen.js';
import type { ScreenParams, ScreenView, TableColumn, TableView, Target } from './screen.js';
import { clipLine, fit, lineWidth, ragTokenOf, seg, textWidth, truncate, visibleWindow, type Line, type Segment } from './styled.js';
import { marks, kpiRows, filterRows, rowsByPriority, priorityRows, type KpiRow } from './kpi-rows.js';
import { FIGURE_MARK, FINDING_WORDS } from './figure.js';
import { distinctTitles } from './labels.js';

// ---------------------------------------------------------------------------------------------
// Sorting: `s` cycles through these; ties keep catalogue order.

const RAG_RANK: Readonly<Record<Rag, number>> = { red: 0, amber: 1, green: 2, unrated: 3 };
const TRAVEL_RANK: Readonly<Record<Direction, number>> = { worse: 0, same: 1, better: 2 };

export interface SortSpec {
  /** How the header line names it. */
  readonly label: string;
  /** What the header adds where there is room. */
  readonly note: string;
  readonly compare: (a: KpiRow, b: KpiRow) => number;
}

export const SORTS: readonly SortSpec[] = [
  { label: 'catalogue order', note: '', compare: () => 0 },
  // Red first; among reds, the longest run of reds first.
  { label: 'sorted by RAG', note: ' (red first)', compare: (a, b) => RAG_RANK[a.rag] - RAG_RANK[b.rag] || b.redStreak - a.redStreak },
  { label: 'sorted by travel', note: ' (worse first)', compare: (a, b) => (a.direction ? TRAVEL_RANK[a.direction] : 3) - (b.direction ? TRAVEL_RANK[b.direction] : 3) },
  { label: 'sorted by title', note: ' (A to Z)', compare: (a, b) => a.title.localeCompare(b.title, 'en', { sensitivity: 'base' }) },
];

export function sortOf(sortColumn: number): SortSpec {
  return SORTS[((sortColumn % SORTS.length) + SORTS.length) % SORTS.length] as SortSpec;
}

export function sortRows(rows: readonly KpiRow[], sortColumn: number): KpiRow[] {
  const s = sortOf(sortColumn);
  return [...rows].sort((a, b) => s.compare(a, b) || a.order - b.order);
}

// ---------------------------------------------------------------------------------------------
// Columns. The table component pads every cell with a space each side and draws a border before
// each column and after the last: 3 columns of overhead per column, plus 1.

export const CELL_OVERHEAD = 3;

export type ColumnKey = 'cursor' | 'rag' | 'title' | 'value' | 'target' | 'travel' | 'trend' | 'flags';

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

function cellText(key: ColumnKey, r: KpiRow, g: Glyphs): string {
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
    default: {
      const _exhaustive: never = key;
      return _exhaustive;
    }
  }
}

/**
 * Column widths for these rows at this width: each column as wide as its widest cell (over every
 * row, not just those shown, so columns keep still while scrolling), within its cap; the title
 * takes what is left. Columns are dropped in DROP_ORDER until the title gets TITLE_MIN.
 */
export function layoutColumns(rows: readonly KpiRow[], width: number, g: Glyphs): TableColumn[] {
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
  let chosen: ColumnKey[] = [...ALL];
  const w: Partial<Record<ColumnKey, number>> = {};
  for (let dropped = 0; dropped <= DROP_ORDER.length; dropped++) {
    chosen = ALL.filter((k) => !DROP_ORDER.slice(0, dropped).includes(k) && !((k === 'flags' || k === 'travel' || k === 'trend' || k === 'target') && empty(k)));
    for (const k of chosen) w[k] = least[k] ?? nat[k];
    let spare = width - chosen.length * CELL_OVERHEAD - 1 - chosen.reduce((n, k) => n + (w[k] ?? 0), 0);
    if (spare < 0 && dropped < DROP_ORDER.length) continue;
    const grow = (k: ColumnKey, to: number) => {
      if (!chosen.includes(k)) return;
      const by = Math.max(0, Math.min(spare, to - (w[k] ?? 0)));
      w[k] = (w[k] ?? 0) + by;
      spare -= by;
    };
    // Whole values first (never cut while another column has room), then a readable title, the
    // target and the flags, then the whole title, then a long published target label whole.
    grow('value', nat.value);
    grow('title', Math.min(nat.title, TITLE_EASY));
    grow('target', Math.min(nat.target, TARGET_EASY));
    grow('flags', nat.flags);
    grow('title', nat.title);
    grow('target', nat.target);
    // Narrower than the smallest table (never at 60 columns or more): the title gives way.
    if (spare < 0) w.title = Math.max(1, (w.title ?? 0) + spare);
    break;
  }
  return chosen.map((k) => ({ key: k, label: LABELS[k], width: w[k] ?? 0, ...(k === 'value' ? { align: 'right' as const } : {}) }));
}

// ---------------------------------------------------------------------------------------------
// The KPI table view (a priority's KPIs, or the KPIs matching a filter across all priorities).

function countsLine(rows: readonly KpiRow[], g: Glyphs): Line {
  const counts: Record<Rag, number> = { green: 0, amber: 0, red: 0, unrated: 0 };
  let missing = 0;
  for (const r of rows) {
    if (r.hasData) counts[r.rag] += 1;
    else missing += 1;
  }
  const order: readonly Rag[] = ['green', 'amber', 'red', 'unrated'];
  const out: Segment[] = [];
  for (const r of order) {
    if (out.length) out.push(seg('  '));
    out.push(seg(`${g.rag[r]} ${RAG_WORDS[r]} ${counts[r]}`, ragTokenOf(r)));
  }
  if (missing) out.push(seg(`  ${marks(g).dot} ${missing} not reported`, 'text.muted'));
  return out;
}

interface TableSpec {
  readonly title: string;
  /** What the rows are drawn from, in catalogue order: a priority's KPIs, or every KPI (`*`). */
  readonly scope: string;
  readonly rows: () => readonly KpiRow[];
  /** How many KPIs there are before the filter (to say "3 of 45"). */
  readonly total: () => number;
  readonly scopeText: string;
}

/**
 * Everything of a KPI table but the cursor: the filtered, sorted rows, what Enter opens, the lines
 * above the table and (on first use) its columns, measured over every row. Computed once per
 * (scope, period, filter, sort, width) and windowed on every cursor move.
 */
interface PreparedTable {
  readonly sorted: readonly KpiRow[];
  readonly targets: readonly Target[];
  /** The header and the RAG counts (or why there are no rows), each cut to the width. */
  readonly lines: readonly Line[];
  columns(): readonly TableColumn[];
  /** Each sorted row's title as the title column shows it. */
  titles(): readonly string[];
  /** Cells of the rows drawn so far without the cursor, by position in `sorted`. */
  readonly cells: Map<number, Readonly<Record<string, string>>>;
}

const preparedTables = modelMemo<PreparedTable>(16);

function prepareTable(model: Model, p: ScreenParams, spec: TableSpec): PreparedTable {
  const period = Math.max(0, Math.min(p.period, model.ev.periods.length - 1));
  return preparedTables.get(model, [spec.scope, period, p.sortColumn, p.width, p.filter], () => {
    const g = model.glyphs;
    const m = marks(g);
    const sorted = sortRows(spec.rows(), p.sortColumn);
    const filter = p.filter.trim();
    const sort = sortOf(p.sortColumn);
    const total = spec.total();
    // The longest header that fits: the sort's note and the filter's scope go first.
    const headers = [true, false].flatMap((note) =>
      [true, false].map((scope): Line => {
        const count = filter ? `${sorted.length} of ${total} KPIs${scope ? ` ${spec.scopeText}` : ''}` : `${sorted.length} KPIs`;
        return [
          seg(`${sort.label}${note ? sort.note : ''}`, 'text.heading'),
          seg(` ${m.dot} ${count}`),
          ...(filter ? [seg(` ${m.dot} filter: `, 'text.muted'), seg(filter, 'focus')] : []),
        ];
      }),
    );
    const header = headers.find((l) => lineWidth(l) <= p.width) ?? headers[headers.length - 1] ?? [];
    const lines: Line[] = [clipLine(header, p.width, g.ellipsis)];
    if (sorted.length === 0) lines.push(clipLine([seg(filter ? `No KPI matches "${filter}" (Esc clears the filter)` : 'No KPIs in this priority', 'text.muted')], p.width, g.ellipsis));
    else lines.push(clipLine(countsLine(sorted, g), p.width, g.ellipsis));
    let columns: readonly TableColumn[] | undefined;
    let titles: readonly string[] | undefined;
    return {
      sorted,
      targets: sorted.map((r): Target => ({ kind: 'kpi', id: r.kpiId })),
      lines,
      columns: () => (columns ??= layoutColumns(sorted, p.width, g)),
      // Cut to the title column so that the rows still tell apart (labels.ts).
      titles: () => (titles ??= distinctTitles(sorted, (columns ??= layoutColumns(sorted, p.width, g)).find((c) => c.key === 'title')?.width ?? 0, g.ellipsis)),
      cells: new Map(),
    };
  });
}

function kpiTableView(model: Model, p: ScreenParams, spec: TableSpec): ScreenView {
  const g = model.glyphs;
  const m = marks(g);
  const prepared = prepareTable(model, p, spec);
  const { sorted } = prepared;
  const lines: Line[] = [...prepared.lines];
  const base = { title: spec.title, size: sorted.length, targets: prepared.targets, sortColumns: SORTS.length };
  if (sorted.length === 0) return { ...base, lines: lines.slice(0, Math.max(1, p.height)) };

  // The table draws its rows plus at most 4 lines (top border, headings, rule, bottom border;
  // the compact table draws no rule, which leaves a line to spare).
  let room = p.height - lines.length - 4;
  if (room < 1) return { ...base, lines: lines.slice(0, Math.max(1, p.height)) };
  const windowed = sorted.length > room;
  if (windowed) room = Math.max(1, room - 2);
  const cursor = Math.max(0, Math.min(p.cursor, sorted.length - 1));
  const win = visibleWindow(sorted, cursor, room);

  const columns = prepared.columns();
  const titles = prepared.titles();
  const cellsOf = (r: KpiRow, at: number, mark: string): Readonly<Record<string, string>> =>
    Object.fromEntries(
      columns.map((c) => {
        const key = c.key as ColumnKey;
        const text = key === 'cursor' ? mark : key === 'rag' ? `${mark} ${cellText(key, r, g)}` : key === 'title' ? (titles[at] ?? r.title) : cellText(key, r, g);
        return [c.key, fit(text, c.width, c.align ?? 'left', g.ellipsis)];
      }),
    );
  const rows = win.items.map((r, i) => {
    const at = win.start + i;
    if (at === p.cursor) return cellsOf(r, at, m.cursor);
    let cells = prepared.cells.get(at);
    if (!cells) prepared.cells.set(at, (cells = cellsOf(r, at, ' ')));
    return cells;
  });
  const table: TableView = {
    columns,
    rows,
    rowTokens: win.items.map((r) => ragTokenOf(r.rag)),
    cursorRow: p.cursor >= win.start && p.cursor < win.start + win.items.length ? p.cursor - win.start : -1,
    above: win.above,
    below: win.below,
  };
  const more = (n: number, arrow: string, where: string): Line => (n > 0 ? [seg(`${arrow} ${n} more ${where}`, 'text.muted')] : [seg(' ')]);
  const after: Line[] = [];
  if (windowed) {
    lines.push(clipLine(more(win.start, m.up, 'above'), p.width, g.ellipsis));
    after.push(clipLine(more(sorted.length - win.start - win.items.length, m.down, 'below'), p.width, g.ellipsis));
  }
  return { ...base, lines, table, after };
}

/** Screen `priority`: the KPI table of one priority (the filter applies within it). */
export function priorityScreen(model: Model, id: string, p: ScreenParams): ScreenView {
  const priority = model.priorities.find((x) => x.id === id);
  if (!priority) {
    return { title: id, lines: [clipLine([seg(`No priority "${id}" in this catalogue`, 'error')], p.width, model.glyphs.ellipsis)], size: 0, targets: [], sortColumns: 0 };
  }
  const all = () => priorityRows(model, p.period, id);
  return kpiTableView(model, p, {
    title: priorityTitle(priority, model.glyphs),
    scope: `priority:${id}`,
    rows: () => filterRows(all(), p.filter),
    total: () => all().length,
    scopeText: 'in this priority',
  });
}

/** A priority's title for the breadcrumbs, shortened: the priorities' titles run long. */
export function priorityTitle(priority: Priority, g: Glyphs): string {
  return truncate(priority.title, 40, g.ellipsis);
}

// ---------------------------------------------------------------------------------------------
// Screen `kpis`: the priorities (or, with a filter, the matching KPIs of every priority).

const COUNT_ORDER: readonly Rag[] = ['green', 'amber', 'red', 'unrated'];

/** The bar goes first when the width is short: the end of a title tells priorities apart. */
const priorityCounts = modelMemo<ReadonlyMap<string, Readonly<Record<Rag, number>>>>(16);

/** Each priority's KPIs reported in a period, by RAG. */
function countsByPriority(model: Model, period: number): ReadonlyMap<string, Readonly<Record<Rag, number>>> {
  const p = Math.max(0, Math.min(period, model.ev.periods.length - 1));
  return priorityCounts.get(model, [p], () => {
    const out = new Map<string, Record<Rag, number>>();
    for (const [id, rows] of rowsByPriority(model, p)) {
      const counts: Record<Rag, number> = { green: 0, amber: 0, red: 0, unrated: 0 };
      for (const r of rows) if (r.hasData) counts[r.rag] += 1;
      out.set(id, counts);
    }
    return out;
  });
}

const NO_COUNTS: Readonly<Record<Rag, number>> = { green: 0, amber: 0, red: 0, unrated: 0 };

function priorityLine(priority: Priority, counts: Readonly<Record<Rag, number>>, width: number, titleMax: number, g: Glyphs, selected: boolean): Line {
  const nums: Segment[] = COUNT_ORDER.flatMap((r) => [seg(` ${g.rag[r]}`, ragTokenOf(r)), seg(fit(String(counts[r]), 3, 'right'))]);
  const avail = width - 2 - nums.reduce((n, s) => n + textWidth(s.text), 0);
  const barW = avail - 10 >= 40 ? Math.min(16, Math.max(8, avail - titleMax - 2)) : 0;
  const titleW = Math.max(8, avail - (barW > 0 ? 2 + barW : 0));
  const reported = COUNT_ORDER.some((r) => counts[r] > 0);
  return clipLine(
    [
      seg(selected ? `${marks(g).cursor} ` : '  ', selected ? 'focus' : undefined),
      seg(fit(priority.title, titleW, 'left', g.ellipsis), selected ? 'focus' : undefined),
      ...nums,
      ...(barW > 0 ? [seg('  '), ...(reported ? ragBar(counts, barW, g) : [seg('no data', 'text.muted')])] : []),
    ],
    width,
    g.ellipsis,
  );
}

export function kpisScreen(model: Model, p: ScreenParams): ScreenView {
  const all = kpiRows(model, p.period);
  if (p.filter.trim() !== '') {
    return kpiTableView(model, p, { title: 'KPIs', scope: '*', rows: () => filterRows(all, p.filter), total: () => all.length, scopeText: 'in all priorities' });
  }
  const g = model.glyphs;
  const m = marks(g);
  const label = model.periodLabels[Math.max(0, Math.min(p.period, model.periodLabels.length - 1))] ?? '';
  const lines: Line[] = [
    [seg(`${model.priorities.length} priorities ${m.dot} ${all.length} KPIs ${m.dot} ${label}`, 'text.heading')],
    [seg('KPIs reported, by RAG: ', 'text.muted'), ...COUNT_ORDER.flatMap((r, i) => [...(i ? [seg('  ')] : []), seg(ragToken(r, g), ragTokenOf(r))])],
  ];
  const hint: Line = [seg(`Enter: the priority's KPI table ${m.dot} /: find KPIs in every priority`, 'text.muted')];
  let room = p.height - lines.length - 1;
  const windowed = model.priorities.length > room;
  if (windowed) room = Math.max(1, room - 2);
  const win = visibleWindow(model.priorities, Math.max(0, p.cursor), room);
  if (windowed) lines.push(win.above ? [seg(`${m.up} ${win.start} more above`, 'text.muted')] : [seg(' ')]);
  const titleMax = model.priorities.reduce((n, pr) => Math.max(n, textWidth(pr.title)), 0);
  for (const [i, pr] of win.items.entries()) {
    lines.push(priorityLine(pr, countsByPriority(model, p.period).get(pr.id) ?? NO_COUNTS, p.width, titleMax, g, win.start + i === p.cursor));
  }
  if (windowed) lines.push(win.below ? [seg(`${m.down} ${model.priorities.length - win.start - win.items.length} more below`, 'text.muted')] : [seg(' ')]);
  lines.push(hint);
  return {
    title: 'KPIs',
    lines: lines.slice(0, Math.max(1, p.height)).map((l) => clipLine(l, p.width, g.ellipsis)),
    size: model.priorities.length,
    targets: model.priorities.map((pr) => ({ kind: 'priority', id: pr.id })),
    sortColumns: 0,
  };
}

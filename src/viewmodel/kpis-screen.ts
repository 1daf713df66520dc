// The KPIs views (view 2): the list of priorities with their RAG counts, each priority's KPI
// table, and with a filter one flat table of the matching KPIs of every priority (the rows
// themselves are in kpi-rows.ts).

import { RAGS_BEST_FIRST } from '../domain/rag.js';
import type { Priority, Rag } from '../domain/types.js';
import { RAG_WORDS, ragToken, type Glyphs } from './glyphs.js';
import type { Model } from './model.js';
import { modelMemo } from './memo.js';
import { ragBar } from './overview-screen.js';
import type { ScreenParams, ScreenView, TableView, Target } from './screen.js';
import { clipLine, fit, lineWidth, ragTokenOf, seg, textWidth, truncate, visibleWindow, type Line, type Segment } from './styled.js';
import { marks, kpiRows, filterRows, rowsByPriority, priorityRows, type KpiRow } from './kpi-rows.js';
import { distinctTitles } from './labels.js';
import { SORTS, sortOf, sortRows, type KpiColumn, layoutColumns, cellText } from './kpi-table.js';

export { CELL_OVERHEAD } from './column-fit.js';
export { DROP_ORDER, layoutColumns, SORTS, sortOf, sortRows, TITLE_MIN, type ColumnKey, type SortSpec } from './kpi-table.js';

// ---------------------------------------------------------------------------------------------
// The KPI table view (a priority's KPIs, or the KPIs matching a filter across all priorities).

function countsLine(rows: readonly KpiRow[], g: Glyphs): Line {
  const counts: Record<Rag, number> = { green: 0, amber: 0, red: 0, unrated: 0 };
  let missing = 0;
  for (const r of rows) {
    if (r.hasData) counts[r.rag] += 1;
    else missing += 1;
  }
  const out: Segment[] = [];
  for (const r of RAGS_BEST_FIRST) {
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
  columns(): readonly KpiColumn[];
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
    let columns: readonly KpiColumn[] | undefined;
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
        const key = c.key;
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

const COUNT_ORDER = RAGS_BEST_FIRST;

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

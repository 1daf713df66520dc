// The period's KPI table as a workbook, described (the command writes it with a spreadsheet
// library: src/cli/export-xlsx.ts). Pure: model in, sheets of typed cells out.
//
// Sheets: "All" first, then one per priority of the catalogue, each with the same columns and one
// row per metric in catalogue order (as the CSV has them), and a row for a composite KPI's own
// report where the period file gives one (its id in the Metric id column: only a RAG and a note).
//
// Columns, in two groups that never mix:
// - recorded (left): the observation exactly as the period file has it, headed as
//   src/domain/recorded.ts names them, the one thing `ragtop import` reads. A metric with no
//   observation has its row with these cells empty (but its id), so a row can be filled in.
// - derived for display (right, shaded): what ragtop works out, all of it from the figure model
//   (figure.ts), headed so that import recognises none of them.

import { decimalsOfNumber } from '../domain/format.js';
import { formatPeriod } from '../domain/period.js';
import { RECORDED_HEADERS, BENCHMARK_HEADER_PREFIX, type RecordedField } from '../domain/recorded.js';
import { recordedTargetCell } from '../domain/recorded-target.js';
import type { KpiReport, Observation, Priority } from '../domain/types.js';
import { clean } from './export/markdown.js';
import { unitText } from './export-tables.js';
import { FLAG_ORDER, findingWords, figuresOf, type KpiFigure, type MetricFigure } from './figure.js';
import { ragToken, type Glyphs } from './glyphs.js';
import { periodAt, type Model } from './model.js';

/** One cell: a number with the decimals its format shows, text, a date (yyyy-mm-dd), or nothing. */
export type WorkbookCell =
  | { readonly kind: 'number'; readonly value: number; readonly decimals: number }
  | { readonly kind: 'text'; readonly value: string }
  | { readonly kind: 'date'; readonly value: string }
  | { readonly kind: 'empty' };

export type ColumnGroup = 'recorded' | 'derived';

export interface WorkbookColumn {
  readonly header: string;
  readonly group: ColumnGroup;
  /** What its cells hold: 'mixed' where a cell may be a number or text (a target, an as-of date). */
  readonly type: 'number' | 'text' | 'date' | 'mixed';
  /** A width in characters that shows most of its cells. */
  readonly width: number;
}

export interface WorkbookSheet {
  readonly name: string;
  readonly columns: readonly WorkbookColumn[];
  readonly rows: readonly (readonly WorkbookCell[])[];
}

export interface WorkbookDescription {
  readonly title: string;
  readonly subject: string;
  readonly sheets: readonly WorkbookSheet[];
}

const EMPTY: WorkbookCell = { kind: 'empty' };
const text = (s: string | undefined): WorkbookCell => (s === undefined || s === '' ? EMPTY : { kind: 'text', value: clean(s) });
const num = (value: number | undefined, decimals: number): WorkbookCell => (value === undefined || !Number.isFinite(value) ? EMPTY : { kind: 'number', value, decimals });
/** A number with as many decimals as it needs (a benchmark, a target: the file keeps no trailing zeros of them). */
const numAsIs = (value: number | undefined): WorkbookCell => (value === undefined ? EMPTY : num(value, decimalsOfNumber(value, 6)));

/** An ISO date (a real day of the calendar) is a date cell; any other as-of text stays text. */
function asOfCell(s: string | undefined): WorkbookCell {
  if (s === undefined) return EMPTY;
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (m) {
    const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
    if (d.toISOString().slice(0, 10) === s) return { kind: 'date', value: s };
  }
  return text(s);
}

// ---------------------------------------------------------------------------------------------
// The columns

/** What one row is made from: a metric's figure, or a composite KPI's own report. */
type Source =
  | { readonly kind: 'metric'; readonly priority: Priority; readonly kf: KpiFigure; readonly mf: MetricFigure }
  | { readonly kind: 'kpi'; readonly priority: Priority; readonly kf: KpiFigure; readonly report: KpiReport };

interface ColumnSpec {
  readonly header: string;
  readonly group: ColumnGroup;
  readonly type: WorkbookColumn['type'];
  readonly cell: (s: Source) => WorkbookCell;
}

const obsOf = (s: Source): Observation | undefined => (s.kind === 'metric' ? s.mf.me.obs : undefined);

function recorded(field: RecordedField, type: WorkbookColumn['type'], cell: (s: Source) => WorkbookCell): ColumnSpec {
  return { header: RECORDED_HEADERS[field][0], group: 'recorded', type, cell };
}

function recordedColumns(benchmarks: readonly string[]): ColumnSpec[] {
  return [
    recorded('metric', 'text', (s) => text(s.kind === 'metric' ? s.mf.metric.id : s.report.kpiId)),
    recorded('value', 'number', (s) => {
      const o = obsOf(s);
      return o?.value == null ? EMPTY : num(o.value, o.decimals);
    }),
    recorded('numerator', 'number', (s) => num(obsOf(s)?.numerator?.value, obsOf(s)?.numerator?.decimals ?? 0)),
    recorded('denominator', 'number', (s) => num(obsOf(s)?.denominator?.value, obsOf(s)?.denominator?.decimals ?? 0)),
    recorded('as_of', 'mixed', (s) => asOfCell(obsOf(s)?.asOf?.text)),
    recorded('rag', 'text', (s) => text(s.kind === 'metric' ? s.mf.me.obs?.rag : s.report.rag)),
    recorded('target', 'mixed', (s) => {
      const t = obsOf(s)?.target;
      if (t === undefined) return EMPTY;
      const c = recordedTargetCell(t);
      return typeof c === 'number' ? numAsIs(c) : text(c);
    }),
    recorded('target_label', 'text', (s) => text(obsOf(s)?.targetLabel)),
    ...benchmarks.map((name): ColumnSpec => ({
      header: `${BENCHMARK_HEADER_PREFIX} ${name}`,
      group: 'recorded',
      type: 'number',
      cell: (s) => numAsIs(obsOf(s)?.benchmarks[name]),
    })),
    recorded('flags', 'text', (s) => text(obsOf(s)?.flags.join(', '))),
    recorded('note', 'text', (s) => text(s.kind === 'metric' ? s.mf.me.obs?.note : s.report.note)),
  ];
}

function derived(header: string, type: WorkbookColumn['type'], cell: (s: Source) => WorkbookCell): ColumnSpec {
  return { header, group: 'derived', type, cell };
}

const metricOnly =
  (f: (mf: MetricFigure) => WorkbookCell) =>
  (s: Source): WorkbookCell =>
    s.kind === 'metric' ? f(s.mf) : EMPTY;

/** The derived columns' headers: none of them is a header `import` reads (a test holds them to it). */
export const DERIVED_HEADERS = [
  'Priority',
  'Key performance indicator',
  'Measure',
  'Unit',
  'Figure shown',
  'Running total',
  'Target used',
  'Rule',
  'Computed RAG',
  'Counted RAG',
  'KPI RAG',
  'Flags shown',
  'Questioned by check',
] as const;

function derivedColumns(g: Glyphs): ColumnSpec[] {
  const [priority, kpi, measure, unit, shown, running, targetUsed, rule, computed, counted, kpiRag, flagsShown, questioned] = DERIVED_HEADERS;
  return [
    derived(priority, 'text', (s) => text(s.priority.title)),
    derived(kpi, 'text', (s) => text(s.kf.kpi.title)),
    derived(measure, 'text', metricOnly((mf) => text(mf.metric.title))),
    derived(unit, 'text', metricOnly((mf) => text(unitText(mf.metric)))),
    derived(shown, 'text', metricOnly((mf) => text(mf.valueText))),
    // The running total in the year of a cumulative metric: the figure the value is shown and rated as.
    derived(running, 'number', metricOnly((mf) => (mf.metric.cumulative && mf.yearToDate ? num(mf.value, mf.me.ratedDecimals) : EMPTY))),
    derived(targetUsed, 'text', metricOnly((mf) => text(mf.target.full))),
    derived(rule, 'text', metricOnly((mf) => text(mf.rule))),
    derived(computed, 'text', metricOnly((mf) => text(ragToken(mf.computed, g)))),
    derived(counted, 'text', metricOnly((mf) => text(ragToken(mf.counted, g)))),
    derived(kpiRag, 'text', (s) => text(ragToken(s.kf.rag, g))),
    // The flags in words, in the usual order ("provisional, break in series").
    derived(flagsShown, 'text', metricOnly((mf) => text(FLAG_ORDER.filter((f) => mf.flags.includes(f)).map((f) => f.replace(/_/g, ' ')).join(', ')))),
    derived(questioned, 'text', metricOnly((mf) => text(findingWords(mf.findings).join(', ')))),
  ];
}

// ---------------------------------------------------------------------------------------------
// Sheet names

/** Excel's rules: at most 31 characters, none of [ ] : * ? / \, not starting or ending with '. */
export const SHEET_NAME_MAX = 31;
/** Excel keeps this name for itself (case-insensitively). */
const RESERVED = 'history';

/** A valid sheet name for `wanted` that none of `taken` has (compared case-insensitively, as Excel does). */
export function sheetName(wanted: string, taken: ReadonlySet<string>, fallback: string): string {
  const base = (w: string) =>
    clean(w)
      .replace(/[[\]:*?/\\]/g, ' ')
      .replace(/\s+/g, ' ')
      .trim()
      .replace(/^'+|'+$/g, '')
      .trim();
  let name = base(wanted);
  if (name === '') name = base(fallback);
  if (name === '') name = 'Sheet';
  const free = (n: string) => !taken.has(n.toLowerCase()) && n.toLowerCase() !== RESERVED;
  const cut = (n: string, room: number) => [...n].slice(0, room).join('').trimEnd();
  let candidate = cut(name, SHEET_NAME_MAX);
  for (let i = 2; !free(candidate); i++) {
    const suffix = ` (${i})`;
    candidate = `${cut(name, SHEET_NAME_MAX - suffix.length)}${suffix}`;
  }
  return candidate;
}

// ---------------------------------------------------------------------------------------------
// What a spreadsheet holds

/** Excel's limits: characters in a cell, rows and columns of a sheet. */
export const CELL_MAX_CHARS = 32767;
const MAX_ROWS = 1048576;
const MAX_COLUMNS = 16384;

/**
 * Why the workbook cannot be written as a spreadsheet program would open it, as a sentence, or
 * undefined. A text longer than a cell holds is refused rather than cut: the recorded columns are
 * the figures as recorded, and a cut note would come back cut.
 */
export function workbookProblem(desc: WorkbookDescription): string | undefined {
  for (const sheet of desc.sheets) {
    if (sheet.columns.length > MAX_COLUMNS) return `the table has ${sheet.columns.length} columns (one per benchmark name), more than a spreadsheet holds (${MAX_COLUMNS})`;
    if (sheet.rows.length + 1 > MAX_ROWS) return `the table has ${sheet.rows.length} rows, more than a spreadsheet holds (${MAX_ROWS - 1} below the header)`;
    const idCol = sheet.columns.findIndex((c) => c.header === RECORDED_HEADERS.metric[0]);
    for (const row of sheet.rows) {
      const at = row.findIndex((c) => c.kind === 'text' && c.value.length > CELL_MAX_CHARS);
      const cell = row[at];
      if (cell?.kind === 'text') {
        const id = row[idCol];
        const which = id?.kind === 'text' ? `'${id.value}'` : 'a row';
        return `the ${sheet.columns[at]?.header ?? 'text'} of ${which} has ${cell.value.length} characters, more than a spreadsheet cell holds (${CELL_MAX_CHARS})`;
      }
    }
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// The workbook

/** The benchmark names the period's observations give, in catalogue order of their metrics. */
function benchmarkNames(sources: readonly Source[]): string[] {
  const names = new Set<string>();
  for (const s of sources) for (const name of Object.keys(obsOf(s)?.benchmarks ?? {})) names.add(name);
  return [...names];
}

function cellWidth(c: WorkbookCell): number {
  if (c.kind === 'empty') return 0;
  if (c.kind === 'date') return 10;
  if (c.kind === 'number') return c.value.toFixed(c.decimals).length;
  // The longest line of a text (a note may have several), counted in code points.
  return Math.max(...c.value.split('\n').map((l) => [...l].length));
}

/** The period's KPI table as a workbook: "All", then one sheet per priority. */
export function metricsWorkbook(model: Model, period: number): WorkbookDescription {
  const pe = periodAt(model, period);
  const figures = figuresOf(model, period);
  const byPriority = model.priorities.map((priority) => {
    const sources: Source[] = [];
    for (const k of priority.kpis) {
      const kf = figures.kpi(k.id);
      if (!kf) continue;
      const report = k.composite ? pe.data.kpiReports.get(k.id) : undefined;
      if (report) sources.push({ kind: 'kpi', priority, kf, report });
      for (const mf of kf.metrics) sources.push({ kind: 'metric', priority, kf, mf });
    }
    return { priority, sources };
  });
  const all = byPriority.flatMap((p) => p.sources);
  const specs = [...recordedColumns(benchmarkNames(all)), ...derivedColumns(model.glyphs)];
  const rowsOf = (sources: readonly Source[]) => sources.map((s) => specs.map((c) => c.cell(s)));
  const allRows = rowsOf(all);
  // Widths from every row (the "All" sheet holds them all): the header, else the longest cell up to 60.
  const columns: WorkbookColumn[] = specs.map((c, i) => ({
    header: c.header,
    group: c.group,
    type: c.type,
    width: Math.min(60, Math.max(10, [...c.header].length + 2, ...allRows.map((r) => cellWidth(r[i] ?? EMPTY) + 2))),
  }));
  const taken = new Set<string>(['all']);
  const sheets: WorkbookSheet[] = [{ name: 'All', columns, rows: allRows }];
  for (const { priority, sources } of byPriority) {
    const name = sheetName(priority.short ?? priority.title, taken, priority.id);
    taken.add(name.toLowerCase());
    sheets.push({ name, columns, rows: rowsOf(sources) });
  }
  const cat = model.ev.dataset.catalogue;
  const label = formatPeriod(pe.data.period);
  return {
    title: clean(`${cat.organisation}: ${cat.title}, ${label}`),
    subject: `KPI table for ${label}. The columns up to Note are the figures as recorded (what ragtop import reads); the shaded columns after them are derived for display.`,
    sheets,
  };
}

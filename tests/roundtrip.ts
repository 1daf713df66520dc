// The round trip of a period's observations through a spreadsheet: what `export --format xlsx`
// writes in its recorded columns, and what `import` gives back, compared in one shape, the shape a
// period file writes them in (snake_case keys, a number with the decimals it was written to).
//
// - recordedObservations(period): a loaded period file's observations (and composite KPIs' own
//   reports), in that shape;
// - tableObservations(table, kpiIds): the recorded columns of a sheet as import's reader gives
//   its cells (src/load/sheet: readSheet), in the same shape;
// - sheetObservations(ws, kpiIds): the same of an exceljs worksheet (its cells taken strictly:
//   worksheetTable).
// The export test compares the two for every bundled period; the import test compares the file it
// writes with the one it read.
import type ExcelJS from 'exceljs';
import { parseRecordedTarget, type TargetWords } from '../src/domain/recorded-target.js';
import { BENCHMARK_HEADER_PREFIX, headerKey, RECORDED_FIELDS, RECORDED_HEADERS, type RecordedField } from '../src/domain/recorded.js';
import type { PeriodData, Target } from '../src/domain/types.js';
import type { SheetCell, SheetTable } from '../src/load/sheet/table.js';

export type RecordedTarget = number | { readonly min: number; readonly max: number } | { readonly benchmark: string } | { readonly change: string };

export interface RecordedObservation {
  /** As written: "89.10" (its decimals kept), or null. Absent for a composite KPI's own report. */
  value?: string | null;
  numerator?: string;
  denominator?: string;
  as_of?: string;
  rag?: string;
  target?: RecordedTarget;
  target_label?: string;
  benchmarks?: Record<string, number>;
  flags?: string[];
  note?: string;
}

export type RecordedObservations = Record<string, RecordedObservation>;

const written = (value: number, decimals: number) => value.toFixed(decimals);

function targetOf(t: Target): RecordedTarget {
  switch (t.kind) {
    case 'value':
      return t.value;
    case 'band':
      return { min: t.min, max: t.max };
    case 'benchmark':
      return { benchmark: t.name };
    case 'change':
      return { change: t.direction };
  }
}

/** A loaded period's observations and composite KPIs' reports, as the period file has them. */
export function recordedObservations(period: PeriodData): RecordedObservations {
  const out: RecordedObservations = {};
  for (const [id, o] of period.observations) {
    const r: RecordedObservation = { value: o.value === null ? null : written(o.value, o.decimals) };
    if (o.numerator) r.numerator = written(o.numerator.value, o.numerator.decimals);
    if (o.denominator) r.denominator = written(o.denominator.value, o.denominator.decimals);
    if (o.asOf) r.as_of = o.asOf.text;
    if (o.rag) r.rag = o.rag;
    if (o.target) r.target = targetOf(o.target);
    if (o.targetLabel !== undefined) r.target_label = o.targetLabel;
    if (Object.keys(o.benchmarks).length > 0) r.benchmarks = { ...o.benchmarks };
    if (o.flags.length > 0) r.flags = [...o.flags];
    if (o.note !== undefined) r.note = o.note;
    out[id] = r;
  }
  for (const [id, k] of period.kpiReports) {
    const r: RecordedObservation = {};
    if (k.rag) r.rag = k.rag;
    if (k.note !== undefined) r.note = k.note;
    out[id] = r;
  }
  return out;
}

/** A target's text form (as export writes it) as the loaded target it stands for. */
function wordsTarget(w: TargetWords): Target {
  switch (w.kind) {
    case 'value':
      return { kind: 'value', value: Number(w.value) };
    case 'band':
      return { kind: 'band', min: Number(w.min), max: Number(w.max) };
    case 'benchmark':
    case 'change':
      return w;
  }
}

function decimalsOfFormat(numFmt: string | undefined): number {
  const m = /^0(?:\.(0+))?$/.exec(numFmt ?? '');
  if (!m) throw new Error(`not a fixed-decimals number format: ${String(numFmt)}`);
  return m[1]?.length ?? 0;
}

/**
 * An exceljs worksheet's cells as SheetCells, strictly: a number must have a fixed-decimals
 * format, a date is a day, and a formula, rich text or anything else fails the test (the export
 * writes none of them).
 */
export function worksheetTable(ws: ExcelJS.Worksheet): SheetTable {
  const rows: SheetCell[][] = [];
  for (let r = 1; r <= ws.rowCount; r++) {
    const row: SheetCell[] = [];
    for (let c = 1; c <= ws.columnCount; c++) {
      const cell = ws.getRow(r).getCell(c);
      const v = cell.value;
      if (v === null || v === undefined) row.push({ kind: 'empty' });
      else if (typeof v === 'number') row.push({ kind: 'number', value: v, percent: false, decimals: decimalsOfFormat(cell.numFmt), formula: false });
      else if (typeof v === 'string') row.push({ kind: 'text', value: v, formula: false });
      else if (v instanceof Date) row.push({ kind: 'date', value: v.toISOString().slice(0, 10), formula: false });
      else throw new Error(`${ws.name}!${cell.address}: neither a number, a text nor a date: ${JSON.stringify(v)}`);
    }
    rows.push(row);
  }
  return { file: 'workbook', sheet: ws.name, rows };
}

/** The recorded columns of an exported worksheet read with exceljs, in the shape of `recordedObservations`. */
export function sheetObservations(ws: ExcelJS.Worksheet, kpiIds: ReadonlySet<string>): RecordedObservations {
  return tableObservations(worksheetTable(ws), kpiIds);
}

/** A SheetCell's text, or undefined when empty; anything else fails the test. */
function cellText(c: SheetCell | undefined, where: string): string | undefined {
  if (c === undefined || c.kind === 'empty') return undefined;
  if (c.kind !== 'text' || c.formula) throw new Error(`${where}: not a text cell: ${JSON.stringify(c)}`);
  return c.value;
}

/** A SheetCell's number as written (its number format's decimals), or undefined when empty. */
function cellNumber(c: SheetCell | undefined, where: string): string | undefined {
  if (c === undefined || c.kind === 'empty') return undefined;
  if (c.kind !== 'number' || c.formula || c.percent || c.decimals === undefined) throw new Error(`${where}: not a plain number cell with fixed decimals: ${JSON.stringify(c)}`);
  return written(c.value, c.decimals);
}

/**
 * The recorded columns of a sheet as `ragtop import`'s reader gives them (src/load/sheet), in the
 * shape of `recordedObservations`: the cells as stored, never as displayed.
 */
export function tableObservations(table: SheetTable, kpiIds: ReadonlySet<string>): RecordedObservations {
  const [header = [], ...rows] = table.rows;
  const column = new Map<RecordedField, number>();
  const benchmarks = new Map<string, number>();
  header.forEach((c, col) => {
    const h = cellText(c, `header ${col}`) ?? '';
    for (const field of RECORDED_FIELDS) if (headerKey(RECORDED_HEADERS[field][0]) === headerKey(h)) column.set(field, col);
    if (h.startsWith(`${BENCHMARK_HEADER_PREFIX} `)) benchmarks.set(h.slice(BENCHMARK_HEADER_PREFIX.length + 1), col);
  });
  const out: RecordedObservations = {};
  rows.forEach((row, i) => {
    const where = `row ${i + 2}`;
    const at = (field: RecordedField) => row[column.get(field) ?? -1];
    const id = cellText(at('metric'), where);
    if (id === undefined) throw new Error(`${where} has no metric id`);
    const o: RecordedObservation = {};
    const value = cellNumber(at('value'), where);
    const numerator = cellNumber(at('numerator'), where);
    const denominator = cellNumber(at('denominator'), where);
    const asOfCell = at('as_of');
    const asOf = asOfCell?.kind === 'date' ? asOfCell.value : cellText(asOfCell, where);
    const rag = cellText(at('rag'), where);
    const targetCell = at('target');
    const words = targetCell?.kind === 'text' ? parseRecordedTarget(targetCell.value) : undefined;
    const target: Target | undefined = targetCell?.kind === 'number' ? { kind: 'value', value: targetCell.value } : words && wordsTarget(words);
    const label = cellText(at('target_label'), where);
    const flags = cellText(at('flags'), where);
    const note = cellText(at('note'), where);
    const marks: Record<string, number> = {};
    for (const [name, col] of benchmarks) {
      const c = row[col];
      if (c?.kind === 'number') marks[name] = c.value;
      else if (c !== undefined && c.kind !== 'empty') throw new Error(`${where}: benchmark ${name} is not a number`);
    }
    if (numerator !== undefined) o.numerator = numerator;
    if (denominator !== undefined) o.denominator = denominator;
    if (asOf !== undefined) o.as_of = asOf;
    if (rag !== undefined) o.rag = rag;
    if (targetCell !== undefined && targetCell.kind !== 'empty') {
      if (!target) throw new Error(`${where}: target override ${JSON.stringify(targetCell)} does not read back`);
      o.target = targetOf(target);
    }
    if (label !== undefined) o.target_label = label;
    if (Object.keys(marks).length > 0) o.benchmarks = marks;
    if (flags !== undefined) o.flags = flags.split(',').map((f) => f.trim());
    if (note !== undefined) o.note = note;
    const isKpi = kpiIds.has(id);
    if (isKpi && value !== undefined) throw new Error(`${where}: a composite KPI's row has a value`);
    if (!isKpi && (value !== undefined || Object.keys(o).length > 0)) out[id] = { value: value ?? null, ...o };
    else if (isKpi && Object.keys(o).length > 0) out[id] = o;
  });
  return out;
}

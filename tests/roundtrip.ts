// The round trip of a period's observations through a spreadsheet: what `export --format xlsx`
// writes in its recorded columns, and what `import` gives back, compared in one shape, the shape a
// period file writes them in (snake_case keys, a number with the decimals it was written to).
//
// - recordedObservations(period): a loaded period file's observations (and composite KPIs' own
//   reports), in that shape;
// - sheetObservations(sheet, kpiIds): the recorded columns of an exported worksheet, read back
//   with exceljs, in the same shape.
// The export test compares the two for every bundled period; the import test compares the file it
// writes with the one it read.
import type ExcelJS from 'exceljs';
import { parseRecordedTarget } from '../src/domain/recorded-target.js';
import { BENCHMARK_HEADER_PREFIX, headerKey, RECORDED_FIELDS, RECORDED_HEADERS, type RecordedField } from '../src/domain/recorded.js';
import type { PeriodData, Target } from '../src/domain/types.js';

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

function decimalsOfFormat(numFmt: string | undefined): number {
  const m = /^0(?:\.(0+))?$/.exec(numFmt ?? '');
  if (!m) throw new Error(`not a fixed-decimals number format: ${String(numFmt)}`);
  return m[1]?.length ?? 0;
}

/** A cell's text, or undefined when empty; anything but a string (a formula, a number) fails the test. */
function textOf(cell: ExcelJS.Cell): string | undefined {
  const v = cell.value;
  if (v === null || v === undefined) return undefined;
  if (typeof v !== 'string') throw new Error(`${cell.address}: a ${typeof v} where text was expected: ${JSON.stringify(v)}`);
  return v;
}

function numberText(cell: ExcelJS.Cell): string | undefined {
  const v = cell.value;
  if (v === null || v === undefined) return undefined;
  if (typeof v !== 'number') throw new Error(`${cell.address}: not a number cell: ${JSON.stringify(v)}`);
  return written(v, decimalsOfFormat(cell.numFmt));
}

/**
 * The recorded columns of an exported worksheet, in the shape of `recordedObservations`. A row
 * whose recorded cells are all empty but its id is a metric with no observation (left out).
 * `kpiIds`: the composite KPIs' ids (their rows are the KPI's own report: no value).
 */
export function sheetObservations(ws: ExcelJS.Worksheet, kpiIds: ReadonlySet<string>): RecordedObservations {
  const column = new Map<RecordedField, number>();
  const benchmarks = new Map<string, number>();
  ws.getRow(1).eachCell((cell, col) => {
    const h = textOf(cell) ?? '';
    for (const field of RECORDED_FIELDS) if (headerKey(RECORDED_HEADERS[field][0]) === headerKey(h)) column.set(field, col);
    if (h.startsWith(`${BENCHMARK_HEADER_PREFIX} `)) benchmarks.set(h.slice(BENCHMARK_HEADER_PREFIX.length + 1), col);
  });
  const at = (row: ExcelJS.Row, field: RecordedField) => {
    const col = column.get(field);
    if (col === undefined) throw new Error(`no ${field} column`);
    return row.getCell(col);
  };
  const out: RecordedObservations = {};
  for (let r = 2; r <= ws.rowCount; r++) {
    const row = ws.getRow(r);
    const id = textOf(at(row, 'metric'));
    if (id === undefined) throw new Error(`row ${r} has no metric id`);
    const o: RecordedObservation = {};
    const value = numberText(at(row, 'value'));
    const numerator = numberText(at(row, 'numerator'));
    const denominator = numberText(at(row, 'denominator'));
    const asOfCell = at(row, 'as_of').value;
    const asOf = asOfCell instanceof Date ? asOfCell.toISOString().slice(0, 10) : textOf(at(row, 'as_of'));
    const rag = textOf(at(row, 'rag'));
    const targetCell = at(row, 'target').value;
    const target = typeof targetCell === 'number' ? { kind: 'value' as const, value: targetCell } : targetCell == null ? undefined : parseRecordedTarget(textOf(at(row, 'target')) ?? '');
    const label = textOf(at(row, 'target_label'));
    const flags = textOf(at(row, 'flags'));
    const note = textOf(at(row, 'note'));
    const marks: Record<string, number> = {};
    for (const [name, col] of benchmarks) {
      const v = row.getCell(col).value;
      if (typeof v === 'number') marks[name] = v;
      else if (v !== null && v !== undefined) throw new Error(`row ${r}: benchmark ${name} is not a number`);
    }
    if (numerator !== undefined) o.numerator = numerator;
    if (denominator !== undefined) o.denominator = denominator;
    if (asOf !== undefined) o.as_of = asOf;
    if (rag !== undefined) o.rag = rag;
    if (targetCell != null) {
      if (!target) throw new Error(`row ${r}: target override ${JSON.stringify(targetCell)} does not read back`);
      o.target = targetOf(target);
    }
    if (label !== undefined) o.target_label = label;
    if (Object.keys(marks).length > 0) o.benchmarks = marks;
    if (flags !== undefined) o.flags = flags.split(',').map((f) => f.trim());
    if (note !== undefined) o.note = note;
    const isKpi = kpiIds.has(id);
    if (isKpi && value !== undefined) throw new Error(`row ${r}: a composite KPI's row has a value`);
    if (!isKpi && (value !== undefined || Object.keys(o).length > 0)) out[id] = { value: value ?? null, ...o };
    else if (isKpi && Object.keys(o).length > 0) out[id] = o;
  }
  return out;
}

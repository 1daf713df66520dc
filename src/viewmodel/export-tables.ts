// The period's metrics as CSV (RFC 4180, formula-safe) and JSON, for analysts' spreadsheets.

import type { PeriodEval } from '../domain/evaluate.js';
import { decimalsOfNumber, formatNumber } from '../domain/format.js';
import { formatPeriod } from '../domain/period.js';
import { type NumericTarget } from '../domain/rag.js';
import { escapeUnsafeJson } from '../domain/text.js';
import type { Flag, Metric } from '../domain/types.js';
import { drawText } from './glyphs.js';
import { periodAt, type Model } from './model.js';
import { figuresOf, type MetricFigure } from './figure.js';
import { clean } from './export/markdown.js';

// ---------------------------------------------------------------------------------------------
// The KPI table: one record per metric of the catalogue, in catalogue order.

export type TargetValue = number | { readonly min: number; readonly max: number };

export interface MetricRecord {
  readonly priority_id: string;
  readonly kpi_id: string;
  readonly kpi_title: string;
  readonly metric_id: string;
  readonly metric_title: string;
  readonly period: string;
  /** The value rated: as reported, or for a cumulative metric the running total in the year. */
  readonly value: number | null;
  readonly unit: string;
  /** The target the value was compared with (pro rata, benchmark, last year's figure resolved). */
  readonly target: TargetValue | null;
  /** The published label of that target, where the label describes it (see the figure model). */
  readonly target_label: string | null;
  /** Where the target came from: catalogue, observation, pro rata, benchmark, change. */
  readonly target_source: string | null;
  readonly reported_rag: string | null;
  readonly computed_rag: string;
  readonly counted_rag: string;
  /** better / worse / same; up / down / level where the metric has no sense of better. */
  readonly direction: string | null;
  /** The period the direction compares with. */
  readonly compared_with: string | null;
  readonly flags: readonly Flag[];
  readonly as_of: string | null;
  /** The codes of the findings that question the figure (RATIO_MISMATCH, SUSPICIOUS_JUMP, …; not notes). */
  readonly findings: readonly string[];
  /** Whether the KPI's RAG is decided by this metric (a composite's deciding metric; a single metric always). */
  readonly decides_kpi: boolean;
}

export const METRIC_FIELDS: ReadonlyArray<keyof MetricRecord> = [
  'priority_id',
  'kpi_id',
  'kpi_title',
  'metric_id',
  'metric_title',
  'period',
  'value',
  'unit',
  'target',
  'target_label',
  'target_source',
  'reported_rag',
  'computed_rag',
  'counted_rag',
  'direction',
  'compared_with',
  'flags',
  'as_of',
  'findings',
  'decides_kpi',
];

/** "percent", "days", "currency (GBP m)", "rate (per 10000)", "count (k)". */
export function unitText(metric: Metric): string {
  const extra: string[] = [];
  if (metric.unit === 'currency') extra.push(metric.currency);
  if (metric.unit === 'rate' && metric.per !== undefined) extra.push(`per ${metric.per}`);
  if (metric.scale !== undefined) extra.push(metric.scale);
  return extra.length > 0 ? `${metric.unit} (${extra.join(' ')})` : metric.unit;
}

function rounded(v: number, decimals: number): number {
  return Number(v.toFixed(Math.max(0, Math.min(decimals, 10))));
}

function targetValue(t: NumericTarget | undefined): TargetValue | null {
  if (!t) return null;
  const r = (v: number) => rounded(v, decimalsOfNumber(v, 6));
  return t.kind === 'value' ? r(t.value) : { min: r(t.min), max: r(t.max) };
}

function record(mf: MetricFigure, deciding: boolean, label: string): MetricRecord {
  const me = mf.me;
  const t = mf.travel;
  return {
    priority_id: me.kpi.priorityId,
    kpi_id: me.kpi.id,
    kpi_title: me.kpi.title,
    metric_id: me.metric.id,
    metric_title: me.metric.title,
    period: label,
    value: me.obs?.value == null || mf.value === undefined ? null : rounded(mf.value, me.ratedDecimals),
    unit: unitText(me.metric),
    target: targetValue(mf.target.value),
    target_label: me.targetLabel ?? null,
    target_source: mf.target.source ?? null,
    reported_rag: mf.reported ?? null,
    computed_rag: mf.computed,
    counted_rag: mf.counted,
    direction: t ? (t.direction ?? t.move) : null,
    compared_with: t ? formatPeriod(t.against) : null,
    flags: mf.flags,
    as_of: mf.asOf ?? null,
    findings: [...new Set(mf.findings.filter((f) => f.marks).map((f) => f.code))],
    decides_kpi: deciding,
  };
}

/** Every metric of the catalogue for the period, in catalogue order (no figure: value null). */
export function metricRecords(model: Model, period: number): MetricRecord[] {
  const pe = periodAt(model, period);
  const label = formatPeriod(pe.data.period);
  const figures = figuresOf(model, period);
  return model.priorities.flatMap((p) =>
    p.kpis.flatMap((k) => {
      const kf = figures.kpi(k.id);
      return kf ? kf.metrics.map((mf) => record(mf, mf === kf.deciding, label)) : [];
    }),
  );
}

/** A number as text without grouping or exponent noise. */
function numberText(v: number): string {
  return formatNumber(v, decimalsOfNumber(v, 6)).replace(/,/g, '');
}

function csvText(r: MetricRecord, key: keyof MetricRecord): string {
  const v = r[key];
  if (v === null) return '';
  if (typeof v === 'number') return numberText(v);
  if (typeof v === 'boolean') return v ? 'yes' : 'no';
  if (typeof v === 'string') return v;
  if ('min' in v) return `between ${numberText(v.min)} and ${numberText(v.max)}`;
  return v.join(';');
}

/** What a spreadsheet may pass over before it reads a formula: whitespace, controls, zero-width characters. */
const LEADING = /^[\p{White_Space}\p{Cc}\p{Cf}]*/u;
/** = + - @ and their full-width (＝ ＋ － ＠) and small (﹦ ﹢ ﹣) forms. */
const FORMULA_START = /^[=+\-@\uff1d\uff0b\uff0d\uff20\ufe66\ufe62\ufe63]/;

/** Whether a spreadsheet could read the text as a formula (a plain negative number as written is not one). */
export function formulaLike(s: string): boolean {
  return FORMULA_START.test(s.replace(LEADING, '')) && !/^-\d+(\.\d+)?$/.test(s);
}

/** One CSV field: formula-like text prefixed with ', then quoted when it must be (RFC 4180). */
export function csvField(text: string): string {
  let s = clean(text.replace(/\r\n?/g, '\n'));
  if (formulaLike(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export const CSV_EOL = '\r\n';

/** The period's KPI table as CSV: a header row, then one row per metric. */
export function metricsCsv(model: Model, period: number): string {
  const rows = metricRecords(model, period).map((r) => METRIC_FIELDS.map((k) => csvField(csvText(r, k))).join(','));
  // Drawn with the glyph set: in ASCII, the data's text transliterated (drawText).
  return drawText([METRIC_FIELDS.join(','), ...rows].map((l) => l + CSV_EOL).join(''), model.glyphs);
}

export interface MetricsDocument {
  readonly catalogue: { readonly id: string; readonly title: string; readonly organisation: string };
  readonly period: string;
  readonly summary: Readonly<Record<keyof PeriodEval['summary'], number>>;
  readonly metrics: readonly MetricRecord[];
}

export function metricsDocument(model: Model, period: number): MetricsDocument {
  const pe = periodAt(model, period);
  const cat = model.ev.dataset.catalogue;
  const s = pe.summary;
  return {
    catalogue: { id: cat.id, title: cat.title, organisation: cat.organisation },
    period: formatPeriod(pe.data.period),
    summary: { ...s, percent_achieving: rounded(s.percent_achieving, 1) },
    metrics: metricRecords(model, period),
  };
}

/** The period's KPI table as JSON; DEL, C1, bidi and invisible characters escaped as \u sequences too. */
export function metricsJson(model: Model, period: number): string {
  const json = drawText(escapeUnsafeJson(JSON.stringify(metricsDocument(model, period), null, 2)), model.glyphs);
  return json + '\n';
}

// KPI rows: everything a KPI row shows (its RAG, the deciding metric's value and the target that
// rated it, direction of travel, trend sparkline, flags, the findings on it, how many periods
// running it has been red), per period, computed once per model and period from the KPIs' figures
// (figure.ts). The KPIs views, slides, agendas and hand-outs read them.

import type { Direction, PeriodEval } from '../domain/evaluate.js';
import type { Flag, Kpi, Metric, Rag, Unit } from '../domain/types.js';
import { figuresOf, findingWords, type KpiFigure } from './figure.js';
import { type Glyphs } from './glyphs.js';
import type { Model } from './model.js';
import { modelMemo } from './memo.js';
import { sparkline } from './sparkline.js';

export interface KpiRow {
  readonly kpiId: string;
  readonly priorityId: string;
  /** Position in the catalogue (the order the reports publish). */
  readonly order: number;
  readonly title: string;
  /** The catalogue's short title, where it gives one. */
  readonly short?: string;
  /** The RAG that counts (reported where given, else computed). */
  readonly rag: Rag;
  /** Whether anything was reported for the KPI in the period. */
  readonly hasData: boolean;
  /** The deciding metric's value with its unit (see KpiFigure.deciding), or why there is none. */
  readonly value: string;
  /** The target that rated that value, as published: its label where the label describes it, else the numbers. */
  readonly target: string;
  /** For a composite: how the RAG was decided and by which metric ("worst of 3: C roads"). */
  readonly decidedBy?: string;
  readonly direction?: Direction;
  /** The deciding metric's figures over the loaded periods up to this one (a space for a gap). */
  readonly trend: string;
  /** Abbreviated observation flags: prov, est, rev, break, NFP. */
  readonly flags: readonly string[];
  /** The short words of what `check` questions on the KPI or its metrics ("ratio", "jump", "RAG?"). */
  readonly findings: readonly string[];
  /** A reported RAG contradicts its target. */
  readonly mismatch: boolean;
  /** Loaded periods in a row, ending with this one, in which the KPI was red (0 if it is not). */
  readonly redStreak: number;
  /** Lower-case text the filter searches: title, id, directorate, metric titles. */
  readonly haystack: string;
}

/** The most periods a sparkline shows (the latest ones, up to the current period). */
const SPARK_MAX = 8;

const FLAG_WORDS: Readonly<Record<Flag, string>> = {
  provisional: 'prov',
  estimated: 'est',
  revised: 'rev',
  break_in_series: 'break',
  not_for_publication: 'NFP',
};

/** Units whose figures compare across spans of different length (as direction of travel has it). */
const INTENSIVE: ReadonlySet<Unit> = new Set<Unit>(['percent', 'days', 'score', 'rate', 'index', 'ratio']);

/** The marks the KPI tables draw, from the glyph set. */
export function marks(g: Glyphs) {
  return { cursor: g.cursor, up: g.up, down: g.down, times: g.times, dot: g.dot };
}

function valueOf(f: KpiFigure): string {
  if (!f.hasData) return 'no data';
  const m = f.deciding;
  if (m?.value !== undefined) return m.valueText;
  if (f.kpi.composite && f.metrics.length > 1) return `${f.metrics.length} metrics`;
  return 'no value';
}

function trendOf(model: Model, metric: Metric | undefined, period: number): string {
  const here = model.ev.periods[period];
  if (!metric || !here) return '';
  const first = Math.max(0, period - SPARK_MAX + 1);
  const intensive = INTENSIVE.has(metric.unit);
  const quarter = here.data.period.q !== undefined;
  const values: (number | undefined)[] = [];
  for (const pe of model.ev.periods.slice(first, period + 1)) {
    // A quarter's count or money is not comparable with a year's: a gap, as for travel.
    if (!intensive && (pe.data.period.q !== undefined) !== quarter) values.push(undefined);
    else values.push(pe.data.observations.get(metric.id)?.value ?? undefined);
  }
  return sparkline(values, model.glyphs.spark);
}

/**
 * Loaded periods in a row, ending with `period`, in which the KPI's counted RAG is red. Periods
 * with nothing reported for the KPI (an annual KPI's quarters, a back-filled partial file) are
 * skipped: they neither count nor break the run.
 */
export function redStreak(periods: readonly PeriodEval[], kpiId: string, period: number): number {
  let n = 0;
  for (let i = Math.min(period, periods.length - 1); i >= 0; i--) {
    const k = periods[i]?.kpis.get(kpiId);
    if (!k?.hasData) {
      if (i === period) return 0;
      continue;
    }
    if (k.counted !== 'red') break;
    n += 1;
  }
  return n;
}

/** Rows by model and period: a memo (the model is built once and never changes), of the periods
 * shown last (a large catalogue's rows take megabytes a period). */
const rowCache = modelMemo<readonly KpiRow[]>(8);

/** The rows of KPIs without flags share one empty list. */
const NO_FLAGS: readonly string[] = [];

/** What the filter searches, by KPI id: the same in every period, so worked out once. */
const haystacks = new WeakMap<Model, Map<string, string>>();

function haystackOf(model: Model, kpi: Kpi): string {
  let byId = haystacks.get(model);
  if (!byId) haystacks.set(model, (byId = new Map<string, string>()));
  let text = byId.get(kpi.id);
  if (text === undefined) {
    text = [kpi.title, kpi.id, kpi.directorate ?? '', ...kpi.metrics.map((m) => m.title)].join('\n').toLowerCase();
    byId.set(kpi.id, text);
  }
  return text;
}

/** Every KPI of the catalogue, in catalogue order, as rows for the period at `period`. */
export function kpiRows(model: Model, period: number): readonly KpiRow[] {
  const p = Math.max(0, Math.min(period, model.ev.periods.length - 1));
  return rowCache.get(model, [p], () => computeKpiRows(model, p));
}

function computeKpiRows(model: Model, p: number): readonly KpiRow[] {
  const figures = figuresOf(model, p);
  const rows: KpiRow[] = [];
  for (const priority of model.priorities) {
    for (const kpi of priority.kpis) {
      const f = figures.kpi(kpi.id);
      if (!f) continue;
      const m = f.deciding;
      const direction = m?.travel?.direction;
      rows.push({
        kpiId: kpi.id,
        priorityId: priority.id,
        order: rows.length,
        title: kpi.title,
        ...(kpi.short !== undefined ? { short: kpi.short } : {}),
        rag: f.rag,
        hasData: f.hasData,
        value: valueOf(f),
        target: m?.target.text ?? '',
        ...(f.decidedBy !== undefined && m ? { decidedBy: `${f.decidedBy}: ${m.metric.title}` } : {}),
        ...(direction ? { direction } : {}),
        trend: trendOf(model, m?.metric ?? kpi.metrics[0], p),
        flags: f.flags.length === 0 ? NO_FLAGS : f.flags.map((x) => FLAG_WORDS[x]),
        findings: f.findings.length === 0 ? NO_FLAGS : findingWords(f.findings),
        mismatch: f.mismatch,
        redStreak: redStreak(model.ev.periods, kpi.id, p),
        haystack: haystackOf(model, kpi),
      });
    }
  }
  return rows;
}

/** Case-insensitive; every word of the filter must appear (in any of the searched texts). */
export function matchesFilter(row: KpiRow, filter: string): boolean {
  const words = filter.toLowerCase().split(/\s+/).filter(Boolean);
  return words.every((w) => row.haystack.includes(w));
}

/** The rows matching a filter (as matchesFilter), the filter read once. */
export function filterRows(rows: readonly KpiRow[], filter: string): readonly KpiRow[] {
  const words = filter.toLowerCase().split(/\s+/).filter(Boolean);
  return words.length === 0 ? rows : rows.filter((r) => words.every((w) => r.haystack.includes(w)));
}

const byPriority = modelMemo<ReadonlyMap<string, readonly KpiRow[]>>(64);

/** Each priority's rows for a period, in catalogue order. */
export function rowsByPriority(model: Model, period: number): ReadonlyMap<string, readonly KpiRow[]> {
  const p = Math.max(0, Math.min(period, model.ev.periods.length - 1));
  return byPriority.get(model, [p], () => {
    const out = new Map<string, KpiRow[]>();
    for (const r of kpiRows(model, p)) {
      const list = out.get(r.priorityId);
      if (list) list.push(r);
      else out.set(r.priorityId, [r]);
    }
    return out;
  });
}

/** One priority's rows for a period, in catalogue order. */
export function priorityRows(model: Model, period: number, id: string): readonly KpiRow[] {
  return rowsByPriority(model, period).get(id) ?? [];
}

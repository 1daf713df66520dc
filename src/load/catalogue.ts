// Catalogue file → domain Catalogue, with the checks the schema alone cannot make:
// inline vs composite KPIs, unique ids, band order, targets that make sense.

import { quarterOf } from '../domain/period.js';
import { DEFAULT_RISK_BANDS } from '../domain/risk.js';
import { showText } from '../domain/text.js';
import type { Catalogue, Finding, Frequency, Loc, Kpi, Metric, Priority, RiskBand, Target, Tolerance, Width } from '../domain/types.js';
import { MetricSchema, type RawCatalogue, type RawKpi, type RawMetric, type RawTarget } from './schema.js';
import type { PosRef } from './fast.js';
import { finding } from './limits.js';

export function parseTolerance(v: string | number): Tolerance {
  if (v === 'unpublished') return { kind: 'unpublished', text: 'unpublished' };
  return parseWidth(v);
}

export function parseWidth(v: string | number): Width {
  if (typeof v === 'number') return { kind: 'absolute', amount: v, text: String(v) };
  const n = Number(v.replace('%', '').trim());
  return { kind: 'relative', fraction: n / 100, text: v.trim() };
}

/** A raw target as the domain type; a band whose min exceeds its max is a finding. */
export function toTarget(raw: RawTarget | undefined, ref: PosRef, id: string, out: Finding[]): Target | undefined {
  if (raw === undefined || raw === null) return undefined;
  if (typeof raw === 'number') return { kind: 'value', value: raw };
  if ('min' in raw) {
    if (raw.min > raw.max) {
      out.push(finding('SCHEMA', 'error', ref.loc, `target band has min ${raw.min} above max ${raw.max}`, id));
      return undefined;
    }
    return { kind: 'band', min: raw.min, max: raw.max };
  }
  if ('benchmark' in raw) return { kind: 'benchmark', name: raw.benchmark };
  return { kind: 'change', direction: raw.change };
}

type MetricFields = Omit<RawMetric, 'id' | 'title'>;

/**
 * The metric fields a KPI with `metrics:` must not carry: every field of a metric but its id and
 * title and what a KPI gives its metrics as defaults (KpiDefaults: frequency, lag).
 */
export const INLINE_FIELDS = MetricSchema.keyof().exclude(['id', 'title', 'frequency', 'lag']).options;

/** A lag as months: "18 months", "2 quarters", "1 year". */
export function lagMonths(text: string): number {
  const m = /(\d+) *(month|quarter|year)/.exec(text);
  if (!m) return 0;
  return Number(m[1]) * (m[2] === 'year' ? 12 : m[2] === 'quarter' ? 3 : 1);
}

/** What a KPI gives each of its metrics unless the metric says otherwise. */
interface KpiDefaults {
  readonly frequency: Frequency;
  readonly lag?: string;
}

function toMetric(kpiId: string, id: string, title: string, raw: MetricFields, ref: PosRef, out: Finding[], kpi: KpiDefaults): Metric {
  const target = toTarget(raw.target, ref.at('target'), id, out);
  const lag = raw.lag ?? kpi.lag;
  if (raw.on_target !== undefined && raw.good !== 'target') {
    out.push(finding('SCHEMA', 'error', ref.keyLoc('on_target'), `on_target is the width of a point target's band: it needs good: target (this metric has good: ${raw.good})`, id));
  }
  const q = raw.reported_in === undefined ? undefined : quarterOf(Number(raw.reported_in.slice(1)));
  return {
    id,
    kpiId,
    title,
    unit: raw.unit,
    good: raw.good,
    ...(target ? { target } : {}),
    ...(raw.target_label !== undefined ? { targetLabel: raw.target_label } : {}),
    ...(raw.amber !== undefined ? { amber: parseTolerance(raw.amber) } : {}),
    frequency: raw.frequency ?? kpi.frequency,
    ...(lag !== undefined ? { lagMonths: lagMonths(lag) } : {}),
    ...(raw.on_target !== undefined && raw.good === 'target' ? { onTarget: parseWidth(raw.on_target) } : {}),
    ...(raw.decimals !== undefined ? { decimals: raw.decimals } : {}),
    currency: raw.currency ?? 'GBP',
    ...(raw.scale ? { scale: raw.scale } : {}),
    ...(raw.per !== undefined ? { per: raw.per } : {}),
    cumulative: raw.cumulative === true,
    yearToDate: raw.cumulative === 'year_to_date',
    allowOver100: raw.allow_over_100 ?? false,
    allowNegative: raw.allow_negative ?? false,
    benchmarks: raw.benchmarks ?? [],
    ...(q ? { reportedIn: q } : {}),
    ...(raw.definition !== undefined ? { definition: raw.definition } : {}),
    ...(raw.source !== undefined ? { source: raw.source } : {}),
    loc: ref.at('id').loc,
  };
}

function toKpi(priorityId: string, raw: RawKpi, ref: PosRef, out: Finding[]): Kpi {
  const metrics: Metric[] = [];
  const composite = raw.metrics !== undefined;
  const defaults: KpiDefaults = { frequency: raw.frequency ?? 'quarterly', ...(raw.lag !== undefined ? { lag: raw.lag } : {}) };
  if (raw.metrics) {
    const inline = INLINE_FIELDS.filter((f) => raw[f] !== undefined);
    for (const f of inline) {
      out.push(finding('SCHEMA', 'error', ref.keyLoc(f), `KPI '${raw.id}' has metrics:, so '${f}' belongs on each metric, not on the KPI`, raw.id));
    }
    raw.metrics.forEach((m, i) => metrics.push(toMetric(raw.id, m.id, m.title, m, ref.at('metrics').at(i), out, defaults)));
  } else {
    const missing = (['unit', 'good'] as const).filter((f) => raw[f] === undefined);
    for (const f of missing) {
      out.push(finding('SCHEMA', 'error', ref.loc, `missing required field '${f}' in KPI '${raw.id}' (a KPI without metrics: writes its one metric inline)`, raw.id));
    }
    if (raw.unit !== undefined && raw.good !== undefined) {
      metrics.push(toMetric(raw.id, raw.id, raw.title, { ...raw, unit: raw.unit, good: raw.good }, ref, out, defaults));
    }
  }
  return {
    id: raw.id,
    priorityId,
    title: raw.title,
    ...(raw.short !== undefined ? { short: raw.short } : {}),
    ...(raw.description !== undefined ? { description: raw.description } : {}),
    ...(raw.directorate !== undefined ? { directorate: raw.directorate } : {}),
    frequency: raw.frequency ?? 'quarterly',
    rollup: raw.rollup ?? 'worst',
    composite,
    metrics,
    loc: ref.at('id').loc,
  };
}

/** Reports an id seen before, once per repeat, at the repeat. */
function uniqueIds(kind: string, items: ReadonlyArray<{ id: string; loc: Loc }>, out: Finding[]): void {
  const seen = new Map<string, Loc>();
  for (const item of items) {
    const first = seen.get(item.id);
    if (first) {
      out.push(finding('DUPLICATE_ID', 'error', item.loc, `${kind} id '${showText(item.id)}' is already used at line ${first.line}`, item.id));
    } else seen.set(item.id, item.loc);
  }
}

function toBands(raw: RawCatalogue['risk_bands'], ref: PosRef, out: Finding[]): readonly RiskBand[] {
  if (raw === undefined) return DEFAULT_RISK_BANDS;
  let prev = 0;
  raw.forEach((b, i) => {
    if (b.max <= prev) out.push(finding('SCHEMA', 'error', ref.at(i).at('max').loc, `risk band '${showText(b.name)}' must end above the band before it (max ${b.max} ≤ ${prev})`));
    prev = b.max;
  });
  const last = raw[raw.length - 1];
  if (last && last.max < 25) out.push(finding('SCHEMA', 'error', ref.at(raw.length - 1).at('max').loc, `the last risk band must reach 25, the highest score (it ends at ${last.max})`));
  return raw.map((b) => ({ name: b.name, max: b.max }));
}

export function toCatalogue(raw: RawCatalogue, ref: PosRef, file: string): { catalogue: Catalogue; findings: Finding[] } {
  const out: Finding[] = [];
  const priorities: Priority[] = raw.priorities.map((p, i) => {
    const pref = ref.at('priorities').at(i);
    return {
      id: p.id,
      title: p.title,
      ...(p.short !== undefined ? { short: p.short } : {}),
      ...(p.description !== undefined ? { description: p.description } : {}),
      kpis: p.kpis.map((k, j) => toKpi(p.id, k, pref.at('kpis').at(j), out)),
      loc: pref.at('id').loc,
    };
  });
  const kpis = priorities.flatMap((p) => p.kpis);
  uniqueIds('priority', priorities, out);
  uniqueIds('KPI', kpis, out);
  uniqueIds(
    'metric',
    kpis.flatMap((k) => (k.composite ? k.metrics : [])),
    out,
  );
  // An inline KPI's metric shares the KPI's id; a composite's metric may not reuse another KPI's id.
  const kpiIds = new Map(kpis.map((k) => [k.id, k]));
  for (const k of kpis) {
    if (!k.composite) continue;
    for (const m of k.metrics) {
      const other = kpiIds.get(m.id);
      if (other && other !== k) out.push(finding('DUPLICATE_ID', 'error', m.loc, `metric id '${m.id}' is already the id of KPI '${other.id}' (line ${other.loc.line})`, m.id));
    }
  }
  const catalogue: Catalogue = {
    id: raw.catalogue.id,
    title: raw.catalogue.title,
    organisation: raw.catalogue.organisation,
    ...(raw.catalogue.data !== undefined ? { data: raw.catalogue.data } : {}),
    amber: raw.rag ? parseTolerance(raw.rag.amber) : { kind: 'relative', fraction: 0.05, text: '5%' },
    riskBands: toBands(raw.risk_bands, ref.at('risk_bands'), out),
    ...(raw.risk_appetite !== undefined ? { riskAppetite: raw.risk_appetite } : {}),
    priorities,
    file,
    loc: ref.at('catalogue').loc,
  };
  return { catalogue, findings: out };
}

// The evaluation against a reference: the rules written the plain way (each metric's history
// filtered and searched for every period, every object built eagerly), run over generated
// datasets with quarters and years mixed, gaps, null values, cumulative and year-to-date metrics,
// year-on-year, benchmark and band targets and reported RAGs. Every field of every metric and KPI
// evaluation, and every summary, must be the same.

import { describe, expect, it } from 'vitest';
import { runChecks } from '../../src/domain/checks.js';
import { evaluate, periodRows, type Evaluation, type KpiEval, type MetricEval, type PeriodEval, type Travel } from '../../src/domain/evaluate.js';
import { formatNumber, groupThousands } from '../../src/domain/format.js';
import { comparePeriods, endMonth, formatPeriod, precedingPeriod, previousOf, sameQuarterLastYear, samePeriod, startMonth, type Period } from '../../src/domain/period.js';
import { explainRag, isRated, rollupRag, type NumericTarget, type RagResult } from '../../src/domain/rag.js';
import type { Catalogue, Dataset, Good, Kpi, Metric, Observation, PeriodData, Priority, Rag, RatedRag, Rollup, Target, Tolerance, Unit, KpiReport } from '../../src/domain/types.js';

// ---------------------------------------------------------------------------------------------
// The reference: the rules, plainly.

interface Seen {
  readonly period: Period;
  readonly obs: Observation;
}

interface RefMetric {
  rated?: number;
  ratedDecimals: number;
  target?: NumericTarget;
  targetSource?: string;
  targetLabel?: string;
  result?: RagResult;
  computed: Rag;
  why: string;
  reported?: Rag;
  counted: Rag;
  mismatch: boolean;
  travel?: Travel;
}

const INTENSIVE = new Set<Unit>(['percent', 'days', 'score', 'rate', 'index', 'ratio']);

/** Two figures equal but for floating-point noise (a relative 1e-9; nothing that overflowed). */
function sameFigure(a: number, b: number): boolean {
  return Number.isFinite(a) && Number.isFinite(b) && Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));
}

/**
 * The RAG rule as the data contract states it, without the product's code: a target met (at or
 * beyond it, `strict`: beyond it; a band: within it), else amber within the tolerance (a share of
 * the target or of the band's missed bound, or an amount) and red beyond it; no published
 * tolerance: red.
 */
function refRag(value: number, good: Good, target: NumericTarget, tol: Tolerance): RagResult {
  let meets: boolean;
  let reference: number;
  let short: boolean;
  if (target.kind === 'value') {
    const t = target.value;
    reference = t;
    const above = value > t && !sameFigure(value, t);
    const below = value < t && !sameFigure(value, t);
    if (good === 'high') meets = target.strict ? above : !below;
    else if (good === 'low') meets = target.strict ? below : !above;
    else meets = !above && !below;
    short = good === 'high' ? true : good === 'low' ? false : below;
  } else {
    const below = value < target.min && !sameFigure(value, target.min);
    const above = value > target.max && !sameFigure(value, target.max);
    meets = good === 'high' ? !below : good === 'low' ? !above : !below && !above;
    reference = good === 'high' ? target.min : good === 'low' ? target.max : below ? target.min : target.max;
    short = below;
  }
  // How far it falls short of (or goes over) the reference: 0 for a figure equal to it but for
  // noise (a strict target then misses by nothing).
  const gap = meets ? 0 : Math.max(0, short ? reference - value : value - reference);
  const tolerance = tol.kind === 'unpublished' ? 0 : tol.kind === 'relative' ? Math.abs(reference) * tol.fraction : tol.amount;
  const rag: RatedRag = meets ? 'green' : tol.kind !== 'unpublished' && (gap <= tolerance || sameFigure(gap, tolerance)) ? 'amber' : 'red';
  return { rag, meets, gap, tolerance, reference, side: meets ? 'none' : short ? 'short' : 'over' };
}

/** A rollup as the contract states it: of the rated RAGs, the worst, the best, or the most frequent (worse on a tie). */
function refRollup(rags: readonly Rag[], how: Rollup): Rag {
  const rated = rags.filter((r): r is RatedRag => r === 'green' || r === 'amber' || r === 'red');
  if (rated.length === 0) return 'unrated';
  const worse: readonly RatedRag[] = ['red', 'amber', 'green'];
  if (how === 'worst') return worse.find((r) => rated.includes(r)) as RatedRag;
  if (how === 'best') return [...worse].reverse().find((r) => rated.includes(r)) as RatedRag;
  const count = (r: RatedRag) => rated.filter((x) => x === r).length;
  return worse.reduce((best, r) => (count(r) > count(best) ? r : best));
}

function refNumericTarget(t: Target | undefined): NumericTarget | undefined {
  if (t?.kind === 'value') return { kind: 'value', value: t.value };
  if (t?.kind === 'band') return { kind: 'band', min: t.min, max: t.max };
  return undefined;
}

function refTravel(metric: Metric, period: Period, obs: Observation | undefined, history: readonly Seen[], target: NumericTarget | undefined): Travel | undefined {
  if (obs?.value == null) return undefined;
  const earlier = history.filter((h) => h.obs.value !== null && endMonth(h.period) <= startMonth(period));
  const lastYear = sameQuarterLastYear(period);
  const sameLastYear = earlier.find((h) => samePeriod(h.period, lastYear));
  let against: Seen | undefined;
  if (metric.cumulative || metric.yearToDate) against = sameLastYear;
  else if (metric.target?.kind === 'change') against = sameLastYear ?? previousOf(earlier, period);
  else against = previousOf(
    earlier.filter((h) => INTENSIVE.has(metric.unit) || (h.period.q === undefined) === (period.q === undefined)),
    period,
  );
  if (against?.obs.value == null) return undefined;
  const comparison: Travel['comparison'] = samePeriod(against.period, precedingPeriod(period)) ? 'previous period' : samePeriod(against.period, lastYear) ? 'same quarter last year' : 'earlier period';
  const from = against.obs.value;
  const to = obs.value;
  const d = Math.max(against.obs.decimals, obs.decimals, metric.decimals ?? 0);
  const a = Number(from.toFixed(Math.min(d, 10)));
  const b = Number(to.toFixed(Math.min(d, 10)));
  const move = b > a ? 'up' : b < a ? 'down' : 'level';
  let direction: Travel['direction'];
  const distance = (v: number, t: NumericTarget) => (t.kind === 'value' ? Math.abs(v - t.value) : v < t.min ? t.min - v : v > t.max ? v - t.max : 0);
  if (move === 'level') direction = 'same';
  else if (metric.target?.kind === 'change') direction = (move === 'down') === (metric.target.direction === 'decrease') ? 'better' : 'worse';
  else if (metric.good === 'high') direction = move === 'up' ? 'better' : 'worse';
  else if (metric.good === 'low') direction = move === 'down' ? 'better' : 'worse';
  else if (target !== undefined) direction = distance(b, target) < distance(a, target) ? 'better' : distance(b, target) > distance(a, target) ? 'worse' : 'same';
  return { move, ...(direction ? { direction } : {}), from, to, against: against.period, comparison };
}

function refMetric(catalogue: Catalogue, metric: Metric, data: PeriodData, history: readonly Seen[]): RefMetric {
  const period = data.period;
  const obs = data.observations.get(metric.id);
  const reported = obs?.rag;
  const tol = metric.amber ?? catalogue.amber;
  const finish = (p: { rated?: number; ratedDecimals: number; target?: NumericTarget; targetSource?: string; result?: RagResult; computed: Rag; why: string }): RefMetric => {
    const travel = refTravel(metric, period, obs, history, p.target);
    // A label names the target used: none for a share, a benchmark or a change; the observation's
    // own label; the catalogue's only where the catalogue's target stands (or nothing rated it).
    const derived = p.targetSource === 'pro rata' || p.targetSource === 'benchmark' || p.targetSource === 'change';
    const targetLabel = derived ? undefined : obs?.targetLabel ? obs.targetLabel : obs?.target !== undefined ? undefined : metric.targetLabel;
    return {
      ...p,
      ...(targetLabel ? { targetLabel } : {}),
      ...(reported ? { reported } : {}),
      counted: reported ?? p.computed,
      // Without a published amber band, a reported amber on a missed target is the council's call.
      mismatch: reported !== undefined && isRated(p.computed) && reported !== p.computed && !(tol.kind === 'unpublished' && reported === 'amber' && p.computed === 'red'),
      ...(travel ? { travel } : {}),
    };
  };
  if (obs === undefined) return finish({ ratedDecimals: 0, computed: 'unrated', why: `no figure reported for ${formatPeriod(period)}` });
  if (obs.value === null) return finish({ ratedDecimals: 0, computed: 'unrated', why: 'no value given' });
  let rated = obs.value;
  let ratedDecimals = obs.decimals;
  let proRata = 1;
  if (metric.cumulative && period.q !== undefined) {
    const q = period.q;
    for (const h of history.filter((x) => x.period.fy === period.fy && x.period.q !== undefined && x.period.q < q && x.obs.value !== null)) {
      rated += h.obs.value ?? 0;
      ratedDecimals = Math.max(ratedDecimals, h.obs.decimals);
    }
    proRata = q / 4;
  } else if (metric.yearToDate && period.q !== undefined) proRata = period.q / 4;
  const spec = obs.target ?? metric.target;
  if (spec === undefined) return finish({ rated, ratedDecimals, computed: 'unrated', why: 'no target (a context indicator)' });
  let target: NumericTarget | undefined;
  let targetSource: string | undefined;
  let targetWord = 'target';
  if (spec.kind === 'benchmark') {
    const b = obs.benchmarks[spec.name];
    if (b === undefined) return finish({ rated, ratedDecimals, computed: 'unrated', why: `target is the ${spec.name} benchmark, which is not given for ${formatPeriod(period)}` });
    target = { kind: 'value', value: b };
    targetSource = 'benchmark';
    targetWord = `${spec.name} benchmark`;
  } else if (spec.kind === 'change') {
    const lastYear = sameQuarterLastYear(period);
    const prior =
      history.find((h) => samePeriod(h.period, lastYear) && h.obs.value !== null) ??
      previousOf(
        history.filter((h) => h.obs.value !== null && comparePeriods(h.period, period) < 0),
        period,
      );
    if (prior?.obs.value == null) return finish({ rated: obs.value, ratedDecimals, computed: 'unrated', why: `target is a year-on-year ${spec.direction}, and no earlier figure is loaded` });
    rated = obs.value;
    target = { kind: 'value', value: prior.obs.value, strict: true };
    targetSource = 'change';
    targetWord = `${formatPeriod(prior.period)} (${spec.direction} wanted)`;
  } else {
    target = refNumericTarget(spec);
    targetSource = obs.target !== undefined ? 'observation' : 'catalogue';
    if (target && proRata !== 1 && obs.target === undefined) {
      target = target.kind === 'value' ? { kind: 'value', value: target.value * proRata } : { kind: 'band', min: target.min * proRata, max: target.max * proRata };
      targetSource = 'pro rata';
      targetWord = `pro-rata target (${proRata * 4}/4 of the year)`;
    }
  }
  if (target === undefined) return finish({ rated, ratedDecimals, computed: 'unrated', why: 'no usable target' });
  const good: Good = spec.kind === 'change' ? (spec.direction === 'decrease' ? 'low' : 'high') : metric.good;
  const result = refRag(rated, good, target, tol);
  return finish({ rated, ratedDecimals, target, targetSource, result, computed: result.rag, why: explainRag(metric, { value: rated, decimals: ratedDecimals, good, target, tol, result }, { targetWord }) });
}

interface RefPeriod {
  metrics: Map<string, RefMetric>;
  kpis: Map<string, { computed: Rag; reported?: Rag; counted: Rag; hasData: boolean; metrics: RefMetric[] }>;
  summary: Record<string, number>;
}

function reference(dataset: Dataset): RefPeriod[] {
  const history = new Map<string, Seen[]>();
  for (const p of dataset.periods) for (const [id, obs] of p.observations) history.set(id, [...(history.get(id) ?? []), { period: p.period, obs }]);
  return dataset.periods.map((data) => {
    const metrics = new Map<string, RefMetric>();
    const kpis: RefPeriod['kpis'] = new Map();
    for (const priority of dataset.catalogue.priorities) {
      for (const kpi of priority.kpis) {
        const ms = kpi.metrics.map((m) => refMetric(dataset.catalogue, m, data, history.get(m.id) ?? []));
        kpi.metrics.forEach((m, i) => metrics.set(m.id, ms[i] as RefMetric));
        const report = kpi.composite ? data.kpiReports.get(kpi.id) : undefined;
        const computed = refRollup(
          ms.map((m) => m.counted),
          kpi.rollup,
        );
        const hasData = report !== undefined || kpi.metrics.some((m) => data.observations.has(m.id));
        kpis.set(kpi.id, { computed, ...(report?.rag ? { reported: report.rag } : {}), counted: report?.rag ?? computed, hasData, metrics: ms });
      }
    }
    const reportedKpis = [...kpis.values()].filter((k) => k.hasData);
    const count = (r: Rag) => reportedKpis.filter((k) => k.counted === r).length;
    const rated = count('green') + count('amber') + count('red');
    const summary = {
      // Every KPI of the catalogue; the rest over those reported.
      kpi_count: kpis.size,
      reported_count: reportedKpis.length,
      rated_count: rated,
      unrated_count: reportedKpis.length - rated,
      green_count: count('green'),
      amber_count: count('amber'),
      red_count: count('red'),
      percent_achieving: rated === 0 ? 0 : (count('green') / rated) * 100,
    };
    return { metrics, kpis, summary };
  });
}

// ---------------------------------------------------------------------------------------------
// Generated datasets (seeded, so a failure repeats).

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const loc = (line: number) => ({ file: 'gen.yaml', line, col: 1 });
const UNITS: readonly Unit[] = ['percent', 'count', 'days', 'score', 'rate', 'currency', 'index', 'ratio'];
const GOODS: readonly Good[] = ['high', 'low', 'target'];
const ROLLUPS: readonly Rollup[] = ['worst', 'best', 'majority'];
const RAGS: readonly Rag[] = ['green', 'amber', 'red', 'unrated'];

function generate(seed: number): Dataset {
  const r = rng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)] as T;
  const chance = (p: number) => r() < p;
  const amber: Tolerance = { kind: 'relative', fraction: 0.05, text: '5%' };
  const metrics: Metric[] = [];
  const kpis: Kpi[] = [];
  const nKpis = 6 + Math.floor(r() * 10);
  for (let k = 0; k < nKpis; k++) {
    const composite = chance(0.3);
    const ms: Metric[] = [];
    for (let i = 0; i < (composite ? 2 + Math.floor(r() * 2) : 1); i++) {
      const id = composite ? `k${k}-m${i}` : `k${k}`;
      const kind = pick(['value', 'value', 'band', 'benchmark', 'change', 'none'] as const);
      const base = 10 + Math.floor(r() * 90);
      const target: Target | undefined =
        kind === 'value'
          ? { kind: 'value', value: base }
          : kind === 'band'
            ? { kind: 'band', min: base, max: base + 5 }
            : kind === 'benchmark'
              ? { kind: 'benchmark', name: 'national' }
              : kind === 'change'
                ? { kind: 'change', direction: chance(0.5) ? 'increase' : 'decrease' }
                : undefined;
      const flavour = r();
      const m: Metric = {
        id,
        kpiId: `k${k}`,
        title: id,
        unit: pick(UNITS),
        good: pick(GOODS),
        ...(target ? { target } : {}),
        ...(chance(0.2) ? { targetLabel: chance(0.5) ? `${base}` : '' } : {}),
        frequency: 'quarterly',
        ...(chance(0.3) ? { amber: chance(0.4) ? { kind: 'absolute', amount: 2, text: '2' } : chance(0.5) ? { kind: 'relative', fraction: 0.1, text: '10%' } : { kind: 'unpublished', text: 'unpublished' } } : {}),
        ...(chance(0.3) ? { decimals: Math.floor(r() * 3) } : {}),
        currency: 'GBP',
        cumulative: flavour < 0.2,
        yearToDate: flavour >= 0.2 && flavour < 0.35,
        allowOver100: false,
        allowNegative: false,
        benchmarks: ['national'],
        loc: loc(k),
      };
      ms.push(m);
      metrics.push(m);
    }
    kpis.push({ id: `k${k}`, priorityId: 'p', title: `KPI ${k}`, frequency: 'quarterly', rollup: pick(ROLLUPS), composite, metrics: ms, loc: loc(k) });
  }
  const priority: Priority = { id: 'p', title: 'P', kpis, loc: loc(0) };
  const catalogue: Catalogue = { id: 'gen', title: 'Gen', organisation: 'Gen', amber, riskBands: [], priorities: [priority], file: 'gen.yaml', loc: loc(0) };

  // Some quarters and some years over four financial years, in the loader's order.
  const periods: Period[] = [];
  for (let fy = 2018; fy < 2022; fy++) {
    if (chance(0.35)) periods.push({ fy });
    for (const q of [1, 2, 3, 4] as const) if (chance(0.7)) periods.push({ fy, q });
  }
  periods.sort(comparePeriods);
  const datas: PeriodData[] = periods.map((period, pi) => {
    const observations = new Map<string, Observation>();
    const kpiReports = new Map<string, KpiReport>();
    for (const m of metrics) {
      if (chance(0.2)) continue;
      const decimals = Math.floor(r() * 3);
      // Values near rounding boundaries now and then, to exercise the direction of travel.
      const raw = chance(0.2) ? 50 + Math.floor(r() * 3) * 0.005 + (chance(0.5) ? 1e-12 : 0) : r() * 120 - (chance(0.05) ? 130 : 0);
      const value = chance(0.08) ? null : chance(0.3) ? Math.round(raw) : raw;
      const own = chance(0.1) ? pick<Target>([{ kind: 'value', value: 50 }, { kind: 'band', min: 40, max: 60 }, { kind: 'benchmark', name: 'national' }, { kind: 'change', direction: 'decrease' }]) : undefined;
      observations.set(m.id, {
        metricId: m.id,
        value,
        decimals: value === null ? 0 : decimals,
        ...(value === null ? {} : { valueLoc: loc(pi) }),
        ...(chance(0.2) ? { rag: pick(RAGS) } : {}),
        ...(own ? { target: own } : {}),
        ...(chance(0.1) ? { targetLabel: 'own' } : {}),
        benchmarks: chance(0.6) ? { national: 40 + r() * 40 } : {},
        flags: [],
        loc: loc(pi),
      });
    }
    for (const k of kpis) if (k.composite && chance(0.3)) kpiReports.set(k.id, { kpiId: k.id, ...(chance(0.7) ? { rag: pick(RAGS) } : {}), loc: loc(pi) });
    return { period, file: `${pi}.yaml`, partial: false, summaryOnly: false, observations, kpiReports, commentary: new Map(), claims: [], prose: [], tables: [], loc: loc(pi) };
  });
  return { catalogue, periods: datas, agendas: [] };
}

function plainMetric(m: MetricEval): RefMetric {
  return {
    ...(m.rated !== undefined ? { rated: m.rated } : {}),
    ratedDecimals: m.ratedDecimals,
    ...(m.target !== undefined ? { target: m.target } : {}),
    ...(m.targetSource !== undefined ? { targetSource: m.targetSource } : {}),
    ...(m.targetLabel !== undefined ? { targetLabel: m.targetLabel } : {}),
    ...(m.result !== undefined ? { result: m.result } : {}),
    computed: m.computed,
    why: m.why,
    ...(m.reported !== undefined ? { reported: m.reported } : {}),
    counted: m.counted,
    mismatch: m.mismatch,
    ...(m.travel !== undefined ? { travel: m.travel } : {}),
  };
}

function plainKpi(k: KpiEval) {
  return { computed: k.computed, ...(k.reported !== undefined ? { reported: k.reported } : {}), counted: k.counted, hasData: k.hasData, metrics: k.metrics.map(plainMetric) };
}

describe('evaluate matches the plain reference on generated data', () => {
  for (let seed = 1; seed <= 60; seed++) {
    it(`dataset ${seed}`, () => {
      const dataset = generate(seed);
      const ev = evaluate(dataset);
      const want = reference(dataset);
      expect(ev.periods).toHaveLength(want.length);
      ev.periods.forEach((pe, i) => {
        const ref = want[i] as RefPeriod;
        expect(pe.data).toBe(dataset.periods[i]);
        expect(pe.summary).toEqual(ref.summary);
        expect([...pe.metrics.keys()]).toEqual([...ref.metrics.keys()]);
        for (const [id, m] of pe.metrics) {
          expect(m.metric.id).toBe(id);
          expect(m.period).toBe(pe.data.period);
          expect(m.obs).toBe(pe.data.observations.get(id));
          expect(plainMetric(m), `${formatPeriod(pe.data.period)} ${id}`).toStrictEqual(ref.metrics.get(id));
        }
        expect([...pe.kpis.keys()]).toEqual([...ref.kpis.keys()]);
        for (const [id, k] of pe.kpis) expect(plainKpi(k), `${formatPeriod(pe.data.period)} ${id}`).toStrictEqual(ref.kpis.get(id));
      });
      expect([...ev.byPeriod.keys()]).toEqual(dataset.periods.map((p) => formatPeriod(p.period)));
    });
  }
});

// ---------------------------------------------------------------------------------------------
// The maps of a period: made when read, then the same objects on every read.

describe('a period evaluation reads like Maps of kept objects', () => {
  const dataset = generate(7);
  const fresh = (): Evaluation => evaluate(dataset);

  it('gives the same object on every read, and a KPI holds the metric objects the period holds', () => {
    const pe = fresh().periods.at(-1) as PeriodEval;
    const [id] = pe.metrics.keys();
    expect(pe.metrics.get(id as string)).toBe(pe.metrics.get(id as string));
    for (const k of pe.kpis.values()) {
      expect(pe.kpis.get(k.kpi.id)).toBe(k);
      for (const m of k.metrics) expect(pe.metrics.get(m.metric.id)).toBe(m);
    }
  });

  it('has the Map methods, in catalogue order', () => {
    const pe = fresh().periods[0] as PeriodEval;
    const ids = dataset.catalogue.priorities.flatMap((p) => p.kpis.flatMap((k) => k.metrics.map((m) => m.id)));
    expect(pe.metrics.size).toBe(ids.length);
    expect([...pe.metrics.keys()]).toEqual(ids);
    expect([...pe.metrics.values()].map((m) => m.metric.id)).toEqual(ids);
    expect([...pe.metrics.entries()].map(([k, m]) => [k, m.metric.id])).toEqual(ids.map((id) => [id, id]));
    expect([...pe.metrics].map(([k]) => k)).toEqual(ids);
    const seen: string[] = [];
    pe.metrics.forEach((m, k, map) => {
      expect(map).toBe(pe.metrics);
      expect(m.metric.id).toBe(k);
      seen.push(k);
    });
    expect(seen).toEqual(ids);
    expect(pe.metrics.has(ids[0] as string)).toBe(true);
    expect(pe.metrics.has('no such metric')).toBe(false);
    expect(pe.metrics.get('no such metric')).toBeUndefined();
    expect(pe.kpis.size).toBe(dataset.catalogue.priorities[0]?.kpis.length);
    expect(new Map(pe.kpis).size).toBe(pe.kpis.size);
  });

  it('reads by position (for the checks) what the evaluation objects hold', () => {
    for (const pe of fresh().periods) {
      const rows = periodRows(pe);
      const metrics = [...pe.metrics.values()];
      expect(rows.metricOrder).toHaveLength(metrics.length);
      rows.metricOrder.forEach((c, i) => {
        const m = metrics[i] as MetricEval;
        expect(rows.metricOf(c)).toBe(m.metric);
        expect(rows.obs(c)).toBe(m.obs);
        expect([rows.computed(c), rows.counted(c), rows.mismatch(c), rows.why(c)]).toEqual([m.computed, m.counted, m.mismatch, m.why]);
        expect(rows.travelFrom(c)).toBe(m.travel?.from);
        expect(rows.travel(c)).toStrictEqual(m.travel);
      });
      const kpis = [...pe.kpis.values()];
      rows.kpiOrder.forEach((k, i) => {
        const ke = kpis[i] as KpiEval;
        expect(rows.kpiOf(k)).toBe(ke.kpi);
        expect([rows.kpiComputed(k), rows.kpiCounted(k), rows.kpiSize(k)]).toEqual([ke.computed, ke.counted, ke.metrics.length]);
        ke.metrics.forEach((m, j) => expect(rows.obs(rows.kpiFirst(k) + j)).toBe(m.obs));
      });
    }
  });
});

describe('the checks read the evaluation in place, with the same findings as from its objects', () => {
  for (let seed = 1; seed <= 30; seed++) {
    it(`dataset ${seed}`, () => {
      const ev = evaluate(generate(seed));
      // The same evaluation as plain objects and Maps, read through its public fields.
      const plain: Evaluation = {
        dataset: ev.dataset,
        periods: ev.periods.map((pe) => ({ data: pe.data, summary: pe.summary, metrics: new Map(pe.metrics), kpis: new Map(pe.kpis) })),
        byPeriod: ev.byPeriod,
      };
      const found = runChecks(evaluate(ev.dataset));
      expect(found.length).toBeGreaterThan(0);
      expect(found).toStrictEqual(runChecks(plain));
    });
  }
  it('the generated data raises the checks that read the evaluation', () => {
    const codes = new Set<string>();
    for (let seed = 1; seed <= 30; seed++) for (const f of runChecks(evaluate(generate(seed)))) codes.add(f.code);
    for (const code of ['RAG_MISMATCH', 'UNRATED', 'OUT_OF_RANGE', 'SUSPICIOUS_JUMP', 'NO_COMMENTARY']) expect(codes).toContain(code);
  });
});

// ---------------------------------------------------------------------------------------------
// The small helpers rewritten for speed, against their plain forms.

describe('helpers keep their plain results', () => {
  it('rollupRag: every combination of up to four RAGs', () => {
    const SEVERITY: Record<RatedRag, number> = { green: 0, amber: 1, red: 2 };
    const plain = (rags: readonly Rag[], how: Rollup): Rag => {
      const rated = rags.filter(isRated);
      if (rated.length === 0) return 'unrated';
      const sorted = [...rated].sort((a, b) => SEVERITY[b] - SEVERITY[a]);
      if (how === 'worst') return sorted[0] as RatedRag;
      if (how === 'best') return sorted[sorted.length - 1] as RatedRag;
      const counts: Record<RatedRag, number> = { green: 0, amber: 0, red: 0 };
      for (const x of rated) counts[x] += 1;
      return (['red', 'amber', 'green'] as RatedRag[]).reduce((best, x) => (counts[x] > counts[best] ? x : best), 'red' as RatedRag);
    };
    const lists: Rag[][] = [[]];
    for (let n = 0; n < 4; n++) for (const l of [...lists]) if (l.length === n) for (const r of RAGS) lists.push([...l, r]);
    for (const how of ROLLUPS) for (const l of lists) expect(rollupRag(l, how), `${how} ${l.join(',')}`).toBe(plain(l, how));
  });

  it('groupThousands and formatNumber', () => {
    const plain = (text: string) => {
      const [int = '', frac] = text.split('.');
      const neg = int.startsWith('-');
      const digits = neg ? int.slice(1) : int;
      return (neg ? '-' : '') + digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',') + (frac === undefined ? '' : `.${frac}`);
    };
    for (const t of ['', '-', '0', '-0', '12', '123', '-123', '1234', '-1234', '123.456', '1234.5678', '1.2.3', '12.34.56', '-12.3.4', 'abc', 'abcd', '1e+21', '-1e+21', 'Infinity', 'NaN', '999999', '1000000.00']) {
      expect(groupThousands(t), t).toBe(plain(t));
    }
    expect(formatNumber(-0.001, 2)).toBe('0.00');
    expect(formatNumber(-0, 0)).toBe('0');
    expect(formatNumber(-0.5, 0)).toBe('-1');
    expect(formatNumber(-1234.5, 1)).toBe('-1,234.5');
    expect(formatNumber(999.995, 2)).toBe('1,000.00');
  });

  it('formatPeriod gives the same label however often it is asked', () => {
    expect(formatPeriod({ fy: 2019 })).toBe('2019/20');
    expect(formatPeriod({ fy: 2019, q: 3 })).toBe('2019/20 Q3');
    expect(formatPeriod({ fy: 2019, q: 3 })).toBe('2019/20 Q3');
    expect(formatPeriod({ fy: 1999 })).toBe('1999/00');
    expect(formatPeriod({ fy: 2019.5 })).toBe('2019.5/20.5');
    expect(formatPeriod({ fy: 2019, q: 0 as 1 })).toBe('2019/20 Q0');
    expect(formatPeriod({ fy: 2019 })).toBe('2019/20');
  });
});

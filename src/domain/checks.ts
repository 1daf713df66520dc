// The pre-publication checks: what `ragtop check` finds in data that loaded. Each finding points
// at the line that holds the problem. Pure: evaluation in, findings out.

import { maxOf } from './arrays.js';
import { formatNumber, decimalsOfNumber, formatValue } from './format.js';
import { periodRows, type Evaluation, type PeriodEval, type PeriodRows, type Travel } from './evaluate.js';
import { asOfEnd, DEFAULT_LAG_MONTHS, formatMonth, spanMonths } from './as-of.js';
import { endMonth, formatPeriod } from './period.js';
import { isRated, type NumericTarget } from './rag.js';
import { cellsForScore, placeAssessment } from './risk.js';
import { showText } from './text.js';
import { isYearly, type Metric, type Assessment, type CheckCode, type Finance, type Finding, type Kpi, type Loc, type PeriodData, type RegisterEntry, type Severity, type Target, type Written } from './types.js';

function f(code: CheckCode, severity: Severity, loc: Loc, message: string, id?: string): Finding {
  return id === undefined ? { code, severity, message, file: loc.file, line: loc.line, column: loc.col } : { code, severity, message, file: loc.file, line: loc.line, column: loc.col, id };
}

/**
 * Half a unit in the last place written: 54.8 is right for anything in [54.75, 54.85]. A computed
 * figure that is not finite (a sum or ratio that overflowed) matches nothing.
 */
function withinPrecision(actual: number, stated: Written): boolean {
  if (!Number.isFinite(actual)) return false;
  const half = 0.5 * 10 ** -stated.decimals;
  return Math.abs(actual - stated.value) <= half + 1e-9 * Math.max(1, Math.abs(actual));
}

function ragChecks(pe: PeriodEval, r: PeriodRows, out: Finding[]): void {
  for (const c of r.metricOrder) {
    const obs = r.obs(c);
    if (!obs) continue;
    const id = r.metricOf(c).id;
    const reported = obs.rag;
    const computed = r.computed(c);
    if (reported !== undefined && r.mismatch(c)) {
      out.push(f('RAG_MISMATCH', 'warning', obs.ragLoc ?? obs.loc, `reported ${reported} but the target gives ${computed}: ${r.why(c)}`, id));
    }
    if (!isRated(reported) && computed === 'unrated' && obs.value !== null) {
      out.push(f('UNRATED', 'info', obs.loc, `unrated: ${r.why(c)}, and no RAG reported`, id));
    }
  }
  for (const k of r.kpiOrder) {
    const kpi = r.kpiOf(k);
    const report = pe.data.kpiReports.get(kpi.id);
    if (!report?.rag || !isRated(report.rag)) continue;
    const computed = r.kpiComputed(k);
    if (isRated(computed) && report.rag !== computed) {
      out.push(f('RAG_MISMATCH', 'warning', report.ragLoc ?? report.loc, `reported ${report.rag} for the KPI but its metrics roll up (${kpi.rollup}) to ${computed}`, kpi.id));
    }
  }
}

function valueChecks(ev: Evaluation, pe: PeriodEval, r: PeriodRows, out: Finding[]): void {
  for (const c of r.metricOrder) {
    const obs = r.obs(c);
    if (!obs || obs.value === null) continue;
    const metric = r.metricOf(c);
    const id = metric.id;
    const at = obs.written?.loc ?? obs.loc;
    const d = obs.written?.decimals ?? 0;
    // Ratio
    if (obs.numerator && obs.denominator) {
      const factor = metric.unit === 'percent' ? 100 : metric.unit === 'rate' ? (metric.per ?? 1) : 1;
      if (obs.denominator.value === 0) {
        out.push(f('RATIO_MISMATCH', 'error', obs.denominator.loc, `denominator is 0, so the value ${formatNumber(obs.value, d)} cannot be numerator/denominator`, id));
      } else {
        const expected = (obs.numerator.value / obs.denominator.value) * factor;
        if (!Number.isFinite(expected)) {
          const formula = `${obs.numerator.value}/${obs.denominator.value}${factor !== 1 ? ` × ${factor}` : ''}`;
          out.push(f('RATIO_MISMATCH', 'error', at, `the value ${formatNumber(obs.value, d)} cannot be checked: ${formula} overflows`, id));
        } else if (!withinPrecision(expected, obs.written ?? { value: obs.value, decimals: d, loc: at })) {
          const shownExpected = formatNumber(expected, Math.max(d, 2));
          out.push(
            f('RATIO_MISMATCH', 'error', at, `value ${formatNumber(obs.value, d)} ≠ ${obs.numerator.value}/${obs.denominator.value}${factor !== 1 ? ` × ${factor}` : ''} = ${shownExpected}`, id),
          );
        }
      }
    }
    // A running total that overflows (the figures themselves are finite).
    const rated = r.rated(c);
    if (rated !== undefined && !Number.isFinite(rated)) out.push(f('OUT_OF_RANGE', 'error', at, 'the running total cannot be computed: it overflows', id));
    // Range
    if (metric.unit === 'percent' && obs.value > 100) {
      if (metric.allowOver100) out.push(f('OUT_OF_RANGE', 'info', at, `${formatValue(metric, obs.value, d)} is over 100% (allowed for this metric: allow_over_100)`, id));
      else out.push(f('OUT_OF_RANGE', 'error', at, `${formatValue(metric, obs.value, d)} is over 100% (set allow_over_100 where that is legitimate)`, id));
    } else if (obs.value < 0 && (metric.unit === 'percent' || metric.unit === 'count' || metric.unit === 'days')) {
      const what = metric.unit === 'percent' ? 'percentage' : metric.unit === 'count' ? 'count' : 'number of days';
      if (metric.allowNegative) out.push(f('OUT_OF_RANGE', 'info', at, `negative ${what} ${formatNumber(obs.value, d)} (allowed for this metric: allow_negative)`, id));
      else out.push(f('OUT_OF_RANGE', 'error', at, `a ${what} cannot be negative (${formatNumber(obs.value, d)}; set allow_negative where that is legitimate)`, id));
    }
    // Jump: the travel's `to` is the observation's value.
    const from = r.travelFrom(c);
    if (from !== undefined) {
      const message = jumpMessage(ev, pe, metric, r.travel(c) as Travel, d);
      if (message !== undefined) out.push(f('SUSPICIOUS_JUMP', 'warning', at, message, id));
    }
  }
}

/**
 * STALE by cadence: a figure is stale when a whole newer one could have been published by the end
 * of the period: the month its as-of runs to, plus the span of one figure (a quarter, a year, two),
 * plus the publication lag, is not after the period's last month. An as-of that cannot be read is
 * said once (UNPARSED_AS_OF), never guessed at.
 */
/** A target as one number to compare with another period's: the number, or the middle of a band. */
function targetNumber(t: NumericTarget | undefined): number | undefined {
  if (t === undefined) return undefined;
  return t.kind === 'value' ? t.value : (t.min + t.max) / 2;
}

function factorText(ratio: number): string {
  const factor = ratio > 1 ? ratio : ratio === 0 ? 0 : 1 / ratio;
  // A factor that overflows (from 5e-324 to 1e300) is not shown as a number.
  if (!Number.isFinite(factor)) return 'by a factor too large to show';
  return ratio > 1 ? `${formatNumber(ratio, 1)}×` : ratio === 0 ? 'to zero' : `1/${formatNumber(factor, 1)}`;
}

/** The mean size of a metric's figures in the loaded periods before `before` (0 when there are none). */
function meanSize(ev: Evaluation, id: string, before: PeriodEval): number {
  let sum = 0;
  let n = 0;
  for (const p of ev.periods) {
    if (p === before) break;
    const v = p.data.observations.get(id)?.value;
    if (v == null || !Number.isFinite(v)) continue;
    sum += Math.abs(v);
    n += 1;
  }
  return n === 0 ? 0 : sum / n;
}

/**
 * SUSPICIOUS_JUMP, with context. A value that can be negative (a variance) is near zero as often as
 * not, so its ratio means nothing: it jumps when it moves by more than 5 × the mean size of its
 * earlier figures. Any other value jumps when it moves by more than 5× (or under 1/5) from a
 * previous value above zero, unless its targets moved alike (the ratio of values over the ratio of
 * targets is within 5×). The message says what the figure was compared with.
 */
function jumpMessage(ev: Evaluation, pe: PeriodEval, metric: Metric, t: Travel, d: number): string | undefined {
  const fd = Math.max(d, decimalsOfNumber(t.from, 2));
  const moved = `value moved from ${formatNumber(t.from, fd)} (${formatPeriod(t.against)}) to ${formatNumber(t.to, d)}`;
  const signed = metric.allowNegative || t.from < 0 || t.to < 0;
  if (signed) {
    const size = meanSize(ev, metric.id, pe);
    const change = Math.abs(t.to - t.from);
    if (size === 0 || !(change > 5 * size)) return undefined;
    return `${moved}, by ${formatNumber(change, fd)}: over 5 × ${formatNumber(size, Math.max(fd, 2))}, the mean size of its earlier figures (it can be negative, so its ratio is not used): a likely typo`;
  }
  if (!(t.from > 0)) return undefined;
  const ratio = t.to / t.from;
  if (!(ratio > 5 || ratio < 1 / 5)) return undefined;
  const t0 = targetNumber(ev.byPeriod.get(formatPeriod(t.against))?.metrics.get(metric.id)?.target);
  const t1 = targetNumber(pe.metrics.get(metric.id)?.target);
  if (t0 !== undefined && t1 !== undefined && t0 > 0 && t1 > 0) {
    const adjusted = ratio / (t1 / t0);
    const targets = `its target moved from ${formatNumber(t0, decimalsOfNumber(t0, 2))} to ${formatNumber(t1, decimalsOfNumber(t1, 2))}`;
    if (adjusted <= 5 && adjusted >= 1 / 5) return undefined;
    return `${moved}, ${factorText(ratio)}, while ${targets} (${factorText(t1 / t0)}): a likely typo`;
  }
  return `${moved}, ${factorText(ratio)}: a likely typo`;
}

function staleChecks(pe: PeriodEval, r: PeriodRows, out: Finding[]): void {
  const last = endMonth(pe.data.period) - 1;
  for (const c of r.metricOrder) {
    const obs = r.obs(c);
    const a = obs?.asOf;
    if (!obs || !a) continue;
    const metric = r.metricOf(c);
    const at = obs.asOfLoc ?? obs.loc;
    const end = asOfEnd(a.text, metric.frequency);
    if (end === undefined) {
      out.push(f('UNPARSED_AS_OF', 'info', at, `as of "${showText(a.text, 60)}" is shown as written, but it names no period, year, term or month ragtop can read: it is not checked for staleness`, metric.id));
      continue;
    }
    const lag = metric.lagMonths ?? DEFAULT_LAG_MONTHS;
    const next = end + spanMonths(metric.frequency);
    if (next + lag <= last) {
      out.push(
        f('STALE', 'warning', at, `figure is as of ${showText(a.text)} (to ${formatMonth(end)}): the next ${metric.frequency.replace('_', ' ')} figure, to ${formatMonth(next)}, was due by ${formatMonth(next + lag)} (publication lag ${lag} months), before the end of ${formatPeriod(pe.data.period)}`, metric.id),
      );
    }
  }
}

function flagChecks(r: PeriodRows, out: Finding[]): void {
  for (const c of r.metricOrder) {
    const obs = r.obs(c);
    if (obs?.flags.includes('not_for_publication')) {
      out.push(f('NOT_FOR_PUBLICATION', 'warning', obs.flagsLoc ?? obs.loc, `flagged not_for_publication: remove it from the published report or clear the flag`, r.metricOf(c).id));
    }
  }
}

function hasCommentary(c: ReadonlyMap<string, unknown>, kpi: Kpi): boolean {
  if (c.size === 0) return false;
  if (c.has(kpi.id)) return true;
  for (const m of kpi.metrics) if (c.has(m.id)) return true;
  return false;
}

function commentaryChecks(pe: PeriodEval, r: PeriodRows, out: Finding[]): void {
  const c = pe.data.commentary;
  if (pe.data.partial) return;
  // One message for the period, shared by every finding.
  let message: string | undefined;
  for (const k of r.kpiOrder) {
    if (r.kpiCounted(k) !== 'red') continue;
    const kpi = r.kpiOf(k);
    if (hasCommentary(c, kpi)) continue;
    const report = pe.data.kpiReports.get(kpi.id);
    let loc = report?.loc;
    if (loc === undefined) {
      // The first red metric with a figure, else the first metric with one, else the file.
      let red: Loc | undefined;
      let any: Loc | undefined;
      for (let m = r.kpiFirst(k); m < r.kpiFirst(k) + r.kpiSize(k); m++) {
        const obs = r.obs(m);
        if (!obs) continue;
        if (r.counted(m) === 'red') {
          red = obs.loc;
          break;
        }
        any ??= obs.loc;
      }
      loc = red ?? any ?? pe.data.loc;
    }
    message ??= `KPI is red in ${formatPeriod(pe.data.period)} and the period has no commentary for it`;
    out.push(f('NO_COMMENTARY', 'warning', loc, message, kpi.id));
  }
}

/** Due means: quarterly and monthly metrics in every quarter's file; an annual metric's figure once a year. */
function missingChecks(ev: Evaluation, out: Finding[]): void {
  const { catalogue, periods } = ev.dataset;
  const fileLoc = (d: PeriodData): Loc => d.loc;
  const byYear = new Map<number, PeriodData[]>();
  for (const d of periods) {
    const list = byYear.get(d.period.fy) ?? [];
    list.push(d);
    byYear.set(d.period.fy, list);
  }
  for (const priority of catalogue.priorities) {
    for (const kpi of priority.kpis) {
      for (const metric of kpi.metrics) {
        if (isYearly(metric.frequency)) {
          const has = (fy: number) => (byYear.get(fy) ?? []).some((d) => d.observations.has(metric.id));
          for (const [fy, files] of byYear) {
            // A biennial figure is due every other year: one in the year before will do.
            if (has(fy) || (metric.frequency === 'biennial' && has(fy - 1))) continue;
            const due =
              (metric.reportedIn !== undefined ? files.find((d) => d.period.q === metric.reportedIn) : undefined) ??
              files.find((d) => d.period.q === undefined) ??
              files.find((d) => d.period.q === 4);
            if (!due || due.partial) continue;
            const when = due.period.q === undefined ? '' : ` (due in ${formatPeriod(due.period)})`;
            out.push(f('MISSING_VALUE', 'warning', fileLoc(due), `${metric.frequency.replace('_', ' ')} metric has no figure for ${formatPeriod({ fy: due.period.fy })}${when}`, metric.id));
          }
        } else {
          for (const d of periods) {
            if (d.period.q === undefined || d.partial || d.observations.has(metric.id)) continue;
            out.push(f('MISSING_VALUE', 'warning', fileLoc(d), `${metric.frequency} metric has no observation for ${formatPeriod(d.period)}`, metric.id));
          }
        }
      }
    }
  }
}

function claimChecks(pe: PeriodEval, out: Finding[]): void {
  for (const claim of pe.data.claims) {
    const actual = pe.summary[claim.figure];
    if (withinPrecision(actual, claim.value)) continue;
    const s = pe.summary;
    const shownActual = formatNumber(actual, Math.max(claim.value.decimals, claim.figure === 'percent_achieving' ? 1 : 0));
    const basis = claim.figure === 'percent_achieving' ? ` (${s.green_count} green of ${s.rated_count} rated KPIs)` : '';
    out.push(f('CLAIM_MISMATCH', 'error', claim.value.loc, `"${showText(claim.says, 200)}": ${claim.figure} is ${formatNumber(claim.value.value, claim.value.decimals)} in the claim but ${shownActual} in the data${basis}`, claim.figure));
  }
}

/** The sum of a finance column's lines; not finite when it overflows. */
export function financeSum(fin: Finance, column: 'budget' | 'forecast'): number {
  let sum = 0;
  for (const l of fin.lines) sum += l[column].value;
  return sum;
}

/** A stated finance total against the sum of its lines, by the FINANCE_TOTAL rule. */
export interface FinanceTotalCheck {
  readonly column: 'budget' | 'forecast';
  readonly stated: Written;
  readonly sum: number;
  /** Decimals to show the sum to: the most written in the total or any line. */
  readonly decimals: number;
  /** Within half a unit of the last decimal written in the stated total (never when `overflows`). */
  readonly matches: boolean;
  /** The sum of the lines overflows: the stated total cannot be checked. */
  readonly overflows: boolean;
}

/** The stated totals of a finance table (budget, then forecast), each checked against its lines. */
export function financeTotalChecks(fin: Finance): FinanceTotalCheck[] {
  const out: FinanceTotalCheck[] = [];
  for (const column of ['budget', 'forecast'] as const) {
    const stated = fin.total?.[column];
    if (!stated) continue;
    const sum = financeSum(fin, column);
    const decimals = Math.max(stated.decimals, maxOf(fin.lines.map((l) => l[column].decimals)));
    out.push({ column, stated, sum, decimals, matches: withinPrecision(sum, stated), overflows: !Number.isFinite(sum) });
  }
  return out;
}

function financeChecks(d: PeriodData, out: Finding[]): void {
  const fin = d.finance;
  if (!fin) return;
  const n = fin.lines.length;
  const checks = financeTotalChecks(fin);
  for (const column of ['budget', 'forecast'] as const) {
    const t = checks.find((c) => c.column === column);
    const id = `total.${column}`;
    if (t?.overflows) {
      out.push(f('FINANCE_TOTAL', 'error', t.stated.loc, `stated ${column} total ${formatNumber(t.stated.value, t.stated.decimals)} cannot be checked: the sum of its ${n} lines overflows`, id));
    } else if (t && !t.matches) {
      out.push(f('FINANCE_TOTAL', 'error', t.stated.loc, `stated ${column} total ${formatNumber(t.stated.value, t.stated.decimals)} ≠ ${formatNumber(t.sum, t.decimals)}, the sum of its ${n} lines`, id));
    } else if (!t && !Number.isFinite(financeSum(fin, column))) {
      out.push(f('FINANCE_TOTAL', 'error', fin.loc, `the ${column} total cannot be computed: the sum of the ${n} lines overflows`, id));
    }
  }
  for (const l of fin.lines) {
    if (!Number.isFinite(l.forecast.value - l.budget.value)) {
      out.push(f('FINANCE_TOTAL', 'error', l.loc, `the variance of '${showText(l.area)}' cannot be computed: forecast − budget overflows`));
    }
  }
}

function assessmentChecks(e: RegisterEntry, out: Finding[]): void {
  const parts: Array<[string, Assessment | undefined]> = [
    ['inherent', e.inherent],
    ['residual', e.residual],
    ['target', e.target],
  ];
  for (const [what, a] of parts) {
    if (!a) continue;
    if (a.impact !== undefined && a.likelihood !== undefined && a.statedScore !== undefined && a.statedScore !== a.impact * a.likelihood) {
      out.push(f('SCORE_MISMATCH', 'error', a.loc, `${what} score ${a.statedScore} ≠ impact ${a.impact} × likelihood ${a.likelihood} = ${a.impact * a.likelihood}`, e.id));
      continue;
    }
    if (a.impact === undefined) {
      const placement = placeAssessment(a);
      if (placement.placed) continue;
      if (cellsForScore(a.score).length === 0) out.push(f('SCORE_MISMATCH', 'error', a.loc, `${what} ${placement.reason}`, e.id));
      else out.push(f('AMBIGUOUS_SCORE', 'info', a.loc, `${what} ${placement.reason}: it cannot be placed on the grid`, e.id));
    }
  }
  // Opportunities are excluded: maximising actions are meant to raise an opportunity's score.
  if (e.kind === 'risk' && e.inherent && e.residual && e.residual.score > e.inherent.score) {
    out.push(f('RESIDUAL_ABOVE_INHERENT', 'warning', e.residual.loc, `residual score ${e.residual.score} is above the inherent score ${e.inherent.score}: controls should not raise a risk's score`, e.id));
  }
}

/** The number a relative tolerance of target `t` is taken of, when that is 0 (so the tolerance is 0). */
function zeroReference(t: Target | undefined): boolean {
  if (t === undefined) return false;
  if (t.kind === 'value') return t.value === 0;
  return t.kind === 'band' && (t.min === 0 || t.max === 0);
}

/**
 * A relative tolerance (or on-target width) of a 0 target is 0: every miss would be red (or only
 * exactly 0 on target). One finding per metric, at the catalogue's target or the first
 * observation's own target of 0.
 */
function toleranceChecks(ev: Evaluation, out: Finding[]): void {
  const { catalogue, periods } = ev.dataset;
  for (const priority of catalogue.priorities) {
    for (const kpi of priority.kpis) {
      for (const metric of kpi.metrics) {
        const tol = metric.amber ?? catalogue.amber;
        const what = tol.kind === 'relative' ? `amber tolerance (${tol.text})` : metric.onTarget?.kind === 'relative' ? `on_target width (${metric.onTarget.text})` : undefined;
        if (what === undefined) continue;
        let at: Loc | undefined = zeroReference(metric.target) ? metric.loc : undefined;
        for (const d of periods) {
          if (at) break;
          const obs = d.observations.get(metric.id);
          if (obs?.target !== undefined && zeroReference(obs.target)) at = obs.targetLoc ?? obs.loc;
        }
        if (at) out.push(f('TOLERANCE_CONFIG', 'warning', at, `a relative ${what} of a 0 target is 0, so any miss is red: give an absolute one in the metric's unit (amber: 0.5)`, metric.id));
      }
    }
  }
}

/** All pre-publication findings for an evaluated dataset (load findings are separate). */
export function runChecks(ev: Evaluation): Finding[] {
  const out: Finding[] = [];
  for (const pe of ev.periods) {
    // The period's results read in place: no evaluation objects are made (or kept) for the checks.
    const rows = periodRows(pe);
    ragChecks(pe, rows, out);
    valueChecks(ev, pe, rows, out);
    staleChecks(pe, rows, out);
    flagChecks(rows, out);
    commentaryChecks(pe, rows, out);
    claimChecks(pe, out);
    financeChecks(pe.data, out);
    for (const e of pe.data.register ?? []) assessmentChecks(e, out);
  }
  missingChecks(ev, out);
  toleranceChecks(ev, out);
  return out;
}

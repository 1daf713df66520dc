// Checks of each figure: a ratio against its numerator and denominator, a value out of range, a
// running total that overflows, and a jump from the previous comparable figure.

import { formatNumber, decimalsOfNumber, formatValue } from '../format.js';
import type { Evaluation, PeriodEval, PeriodRows, Travel } from '../evaluate.js';
import { formatPeriod } from '../period.js';
import type { NumericTarget } from '../rag.js';
import type { Finding, Loc, Metric } from '../types.js';
import { f, withinPrecision } from './finding.js';

export function valueChecks(ev: Evaluation, pe: PeriodEval, r: PeriodRows, out: Finding[]): void {
  for (const c of r.metricOrder) {
    const obs = r.obs(c);
    if (!obs || obs.value === null) continue;
    const metric = r.metricOf(c);
    const id = metric.id;
    // Where its value is written: found only for a finding (most figures have none).
    const at = (): Loc => obs.valueLoc ?? obs.loc;
    const d = obs.decimals;
    // Ratio
    if (obs.numerator && obs.denominator) {
      const factor = metric.unit === 'percent' ? 100 : metric.unit === 'rate' ? (metric.per ?? 1) : 1;
      if (obs.denominator.value === 0) {
        out.push(f({ code: 'RATIO_MISMATCH', loc: obs.denominator.loc, message: `denominator is 0, so the value ${formatNumber(obs.value, d)} cannot be numerator/denominator`, id }));
      } else {
        const expected = (obs.numerator.value / obs.denominator.value) * factor;
        if (!Number.isFinite(expected)) {
          const formula = `${obs.numerator.value}/${obs.denominator.value}${factor !== 1 ? ` × ${factor}` : ''}`;
          out.push(f({ code: 'RATIO_MISMATCH', loc: at(), message: `the value ${formatNumber(obs.value, d)} cannot be checked: ${formula} overflows`, id }));
        } else if (!withinPrecision(expected, { value: obs.value, decimals: d })) {
          const shownExpected = formatNumber(expected, Math.max(d, 2));
          out.push(
            f({ code: 'RATIO_MISMATCH', loc: at(), message: `value ${formatNumber(obs.value, d)} ≠ ${obs.numerator.value}/${obs.denominator.value}${factor !== 1 ? ` × ${factor}` : ''} = ${shownExpected}`, id }),
          );
        }
      }
    }
    // A running total that overflows (the figures themselves are finite).
    const rated = r.rated(c);
    if (rated !== undefined && !Number.isFinite(rated)) out.push(f({ code: 'OUT_OF_RANGE', loc: at(), message: 'the running total cannot be computed: it overflows', id }));
    // Range
    if (metric.unit === 'percent' && obs.value > 100) {
      if (metric.allowOver100) out.push(f({ code: 'OUT_OF_RANGE', severity: 'info', loc: at(), message: `${formatValue(metric, obs.value, d)} is over 100% (allowed for this metric: allow_over_100)`, id }));
      else out.push(f({ code: 'OUT_OF_RANGE', loc: at(), message: `${formatValue(metric, obs.value, d)} is over 100% (set allow_over_100 where that is legitimate)`, id }));
    } else if (obs.value < 0 && (metric.unit === 'percent' || metric.unit === 'count' || metric.unit === 'days')) {
      const what = metric.unit === 'percent' ? 'percentage' : metric.unit === 'count' ? 'count' : 'number of days';
      if (metric.allowNegative) out.push(f({ code: 'OUT_OF_RANGE', severity: 'info', loc: at(), message: `negative ${what} ${formatNumber(obs.value, d)} (allowed for this metric: allow_negative)`, id }));
      else out.push(f({ code: 'OUT_OF_RANGE', loc: at(), message: `a ${what} cannot be negative (${formatNumber(obs.value, d)}; set allow_negative where that is legitimate)`, id }));
    }
    // Jump: the travel's `to` is the observation's value.
    const from = r.travelFrom(c);
    if (from !== undefined) {
      const travel = r.travel(c);
      const message = travel === undefined ? undefined : jumpMessage(ev, pe, { metric, travel, decimals: d });
      if (message !== undefined) out.push(f({ code: 'SUSPICIOUS_JUMP', loc: at(), message, id }));
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

/** The largest size of a target's numbers (0 for none). */
function targetSize(t: NumericTarget | undefined): number {
  if (t === undefined) return 0;
  return t.kind === 'value' ? Math.abs(t.value) : Math.max(Math.abs(t.min), Math.abs(t.max));
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
 * not, so its ratio means nothing: it jumps when it moves by more than 5 × its usual size (the
 * mean size of its earlier figures, or its target's where that is larger). Any other value jumps
 * when it moves by more than 5× (or under 1/5) from a previous value above zero, unless its targets
 * moved alike (the ratio of values over the ratio of targets is within 5×). The message says what
 * the figure was compared with. The cheap tests come first: most figures never get past them.
 */
function jumpMessage(ev: Evaluation, pe: PeriodEval, jump: { readonly metric: Metric; readonly travel: Travel; readonly decimals: number }): string | undefined {
  const { metric, travel: t, decimals: d } = jump;
  const targets = () => [ev.byPeriod.get(formatPeriod(t.against))?.metrics.get(metric.id)?.target, pe.metrics.get(metric.id)?.target] as const;
  const fd = () => Math.max(d, decimalsOfNumber(t.from, 2));
  const moved = () => `value moved from ${formatNumber(t.from, fd())} (${formatPeriod(t.against)}) to ${formatNumber(t.to, d)}`;
  if (metric.allowNegative || t.from < 0 || t.to < 0) {
    const change = Math.abs(t.to - t.from);
    const mean = meanSize(ev, metric.id, pe);
    if (!(change > 5 * mean)) return undefined;
    // The size a figure usually has: its earlier figures', or its target's where that is larger.
    const [t0, t1] = targets();
    const size = Math.max(mean, targetSize(t0), targetSize(t1));
    if (size === 0 || !(change > 5 * size)) return undefined;
    return `${moved()}, by ${formatNumber(change, fd())}: over 5 × ${formatNumber(size, Math.max(fd(), 2))}, the usual size of its figures (the mean of the earlier ones, or its target's where larger; it can be negative, so its ratio is not used): a likely typo`;
  }
  if (!(t.from > 0)) return undefined;
  const ratio = t.to / t.from;
  if (!(ratio > 5 || ratio < 1 / 5)) return undefined;
  const [t0, t1] = targets();
  const n0 = targetNumber(t0);
  const n1 = targetNumber(t1);
  if (n0 !== undefined && n1 !== undefined && n0 > 0 && n1 > 0) {
    const adjusted = ratio / (n1 / n0);
    if (adjusted <= 5 && adjusted >= 1 / 5) return undefined;
    const moves = `its target moved from ${formatNumber(n0, decimalsOfNumber(n0, 2))} to ${formatNumber(n1, decimalsOfNumber(n1, 2))}`;
    return `${moved()}, ${factorText(ratio)}, while ${moves} (${factorText(n1 / n0)}): a likely typo`;
  }
  return `${moved()}, ${factorText(ratio)}: a likely typo`;
}


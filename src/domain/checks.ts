// The pre-publication checks: what `ragtop check` finds in data that loaded. Each finding points
// at the line that holds the problem. Pure: evaluation in, findings out.

import { asOfEnd, DEFAULT_LAG_MONTHS, formatMonth, spanMonths } from './as-of.js';
import { claimChecks } from './check/claims.js';
import { financeChecks } from './check/finance.js';
import { f } from './check/finding.js';
import { tableChecks } from './check/tables.js';
import { valueChecks } from './check/values.js';
import { periodRows, type Evaluation, type PeriodEval, type PeriodRows } from './evaluate.js';
import { proseSlips } from './narrative.js';
import { endMonth, formatPeriod } from './period.js';
import { isRated } from './rag.js';
import { cellsForScore, placeAssessment } from './risk.js';
import { showText } from './text.js';
import { isYearly, type Assessment, type Finding, type Kpi, type Loc, type PeriodData, type RegisterEntry, type Target } from './types.js';

export { financeSum, financeTotalChecks, type FinanceTotalCheck } from './check/finance.js';

function ragChecks(pe: PeriodEval, r: PeriodRows, out: Finding[]): void {
  for (const c of r.metricOrder) {
    const obs = r.obs(c);
    if (!obs) continue;
    const id = r.metricOf(c).id;
    const reported = obs.rag;
    const computed = r.computed(c);
    if (reported !== undefined && r.mismatch(c)) {
      out.push(f({ code: 'RAG_MISMATCH', loc: obs.ragLoc ?? obs.loc, message: `reported ${reported} but the target gives ${computed}: ${r.why(c)}`, id }));
    }
    if (!isRated(reported) && computed === 'unrated' && obs.value !== null) {
      out.push(f({ code: 'UNRATED', loc: obs.loc, message: `unrated: ${r.why(c)}, and no RAG reported`, id }));
    }
  }
  for (const k of r.kpiOrder) {
    const kpi = r.kpiOf(k);
    const report = pe.data.kpiReports.get(kpi.id);
    if (!report?.rag || !isRated(report.rag)) continue;
    const computed = r.kpiComputed(k);
    if (isRated(computed) && report.rag !== computed) {
      out.push(f({ code: 'RAG_MISMATCH', loc: report.ragLoc ?? report.loc, message: `reported ${report.rag} for the KPI but its metrics roll up (${kpi.rollup}) to ${computed}`, id: kpi.id }));
    }
  }
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
      out.push(f({ code: 'UNPARSED_AS_OF', loc: at, message: `as of "${showText(a.text, 60)}" is shown as written, but it names no period, year, term or month ragtop can read: it is not checked for staleness`, id: metric.id }));
      continue;
    }
    const lag = metric.lagMonths ?? DEFAULT_LAG_MONTHS;
    const next = end + spanMonths(metric.frequency);
    if (next + lag <= last) {
      out.push(
        f({ code: 'STALE', loc: at, message: `figure is as of ${showText(a.text)} (to ${formatMonth(end)}): the next ${metric.frequency.replace('_', ' ')} figure, to ${formatMonth(next)}, was due by ${formatMonth(next + lag)} (publication lag ${lag} months), before the end of ${formatPeriod(pe.data.period)}`, id: metric.id }),
      );
    }
  }
}

function flagChecks(r: PeriodRows, out: Finding[]): void {
  for (const c of r.metricOrder) {
    const obs = r.obs(c);
    if (obs?.flags.includes('not_for_publication')) {
      out.push(f({ code: 'NOT_FOR_PUBLICATION', loc: obs.flagsLoc ?? obs.loc, message: `flagged not_for_publication: remove it from the published report or clear the flag`, id: r.metricOf(c).id }));
    }
  }
}

/**
 * A file that holds only what a report quotes (`partial`, a back-fill; `summary_only`, a summary):
 * nothing in it is missing, neither a figure nor commentary.
 */
function holdsOnlyQuotes(d: PeriodData): boolean {
  return d.partial || d.summaryOnly;
}

function hasCommentary(c: ReadonlyMap<string, unknown>, kpi: Kpi): boolean {
  if (c.size === 0) return false;
  if (c.has(kpi.id)) return true;
  for (const m of kpi.metrics) if (c.has(m.id)) return true;
  return false;
}

function commentaryChecks(pe: PeriodEval, r: PeriodRows, out: Finding[]): void {
  const c = pe.data.commentary;
  if (holdsOnlyQuotes(pe.data)) return;
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
    out.push(f({ code: 'NO_COMMENTARY', loc, message, id: kpi.id }));
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
            if (!due || holdsOnlyQuotes(due)) continue;
            const when = due.period.q === undefined ? '' : ` (due in ${formatPeriod(due.period)})`;
            out.push(f({ code: 'MISSING_VALUE', loc: fileLoc(due), message: `${metric.frequency.replace('_', ' ')} metric has no figure for ${formatPeriod({ fy: due.period.fy })}${when}`, id: metric.id }));
          }
        } else {
          for (const d of periods) {
            if (d.period.q === undefined || holdsOnlyQuotes(d) || d.observations.has(metric.id)) continue;
            out.push(f({ code: 'MISSING_VALUE', loc: fileLoc(d), message: `${metric.frequency} metric has no observation for ${formatPeriod(d.period)}`, id: metric.id }));
          }
        }
      }
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
      out.push(f({ code: 'SCORE_MISMATCH', loc: a.loc, message: `${what} score ${a.statedScore} ≠ impact ${a.impact} × likelihood ${a.likelihood} = ${a.impact * a.likelihood}`, id: e.id }));
      continue;
    }
    if (a.impact === undefined) {
      const placement = placeAssessment(a);
      if (placement.placed) continue;
      if (cellsForScore(a.score).length === 0) out.push(f({ code: 'SCORE_MISMATCH', loc: a.loc, message: `${what} ${placement.reason}`, id: e.id }));
      else out.push(f({ code: 'AMBIGUOUS_SCORE', loc: a.loc, message: `${what} ${placement.reason}: it cannot be placed on the grid`, id: e.id }));
    }
  }
  // Opportunities are excluded: maximising actions are meant to raise an opportunity's score.
  if (e.kind === 'risk' && e.inherent && e.residual && e.residual.score > e.inherent.score) {
    out.push(f({ code: 'RESIDUAL_ABOVE_INHERENT', loc: e.residual.loc, message: `residual score ${e.residual.score} is above the inherent score ${e.inherent.score}: controls should not raise a risk's score`, id: e.id }));
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
  // The first observation of each metric that sets its own 0 target (few observations set one).
  const ownZero = new Map<string, Loc>();
  for (const d of periods) {
    for (const o of d.observations.values()) if (o.target !== undefined && zeroReference(o.target) && !ownZero.has(o.metricId)) ownZero.set(o.metricId, o.targetLoc ?? o.loc);
  }
  for (const priority of catalogue.priorities) {
    for (const kpi of priority.kpis) {
      for (const metric of kpi.metrics) {
        const tol = metric.amber ?? catalogue.amber;
        const what = tol.kind === 'relative' ? `amber tolerance (${tol.text})` : metric.onTarget?.kind === 'relative' ? `on_target width (${metric.onTarget.text})` : undefined;
        if (what === undefined) continue;
        const at = zeroReference(metric.target) ? metric.loc : ownZero.get(metric.id);
        if (at) out.push(f({ code: 'TOLERANCE_CONFIG', loc: at, message: `a relative ${what} of a 0 target is 0, so any miss is red: give an absolute one in the metric's unit (amber: 0.5)`, id: metric.id }));
      }
    }
  }
}

/** NARRATIVE_ARITHMETIC: statements in the period's prose that are provably wrong, at their line. */
function narrativeChecks(d: PeriodData, out: Finding[]): void {
  for (const p of d.prose) {
    for (const slip of proseSlips(p)) out.push(f({ code: 'NARRATIVE_ARITHMETIC', loc: { file: d.file, line: slip.line, col: slip.col }, message: slip.message, id: p.id }));
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
    narrativeChecks(pe.data, out);
    tableChecks(pe.data.tables, out);
    for (const e of pe.data.register ?? []) assessmentChecks(e, out);
  }
  missingChecks(ev, out);
  toleranceChecks(ev, out);
  return out;
}

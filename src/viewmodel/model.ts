// Everything the screens read, computed once at load: the evaluation, the findings, indexes.
// Nothing here runs on a keypress.

import { runChecks } from '../domain/checks.js';
import { evaluate, type Evaluation, type PeriodEval } from '../domain/evaluate.js';
import { formatPeriod } from '../domain/period.js';
import type { Agenda, Dataset, Finding, Kpi, Priority, Severity } from '../domain/types.js';
import type { Glyphs } from './glyphs.js';

export interface Model {
  readonly ev: Evaluation;
  /** Load warnings and every check finding, sorted by file and line. */
  readonly findings: readonly Finding[];
  /** How many of the findings there are of each severity (the header shows them on every frame). */
  readonly findingCounts: Readonly<Record<Severity, number>>;
  readonly priorities: readonly Priority[];
  readonly kpis: ReadonlyMap<string, { readonly kpi: Kpi; readonly priority: Priority }>;
  /** KPI id of every metric id. */
  readonly kpiOfMetric: ReadonlyMap<string, string>;
  readonly periodLabels: readonly string[];
  readonly glyphs: Glyphs;
  /** The agenda named on the command line (--agenda), which presenter mode prefers. */
  readonly agenda?: Agenda;
  /** The meeting's length in minutes (--minutes); a generated agenda shares it out (default 90). */
  readonly meetingMinutes?: number;
  /**
   * Set while the checks have not run yet (the app draws its first frame first, then runs them:
   * a second at the largest sizes): `findings` holds the load warnings only.
   */
  readonly checking?: boolean;
}

export interface ModelOptions {
  /** false: leave the checks for withChecks() (default true). */
  readonly checks?: boolean;
  /** The meeting's length in minutes (--minutes), shared out over a generated agenda. */
  readonly meetingMinutes?: number;
}

const byPosition = (a: Finding, b: Finding) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) || a.line - b.line || a.column - b.column;

function counted(findings: readonly Finding[]): Record<Severity, number> {
  const counts: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  for (const f of findings) counts[f.severity] += 1;
  return counts;
}

/** A model built with `checks: false`, completed: the check findings added (the same evaluation). */
export function withChecks(model: Model): Model {
  if (!model.checking) return model;
  const findings = [...model.findings, ...runChecks(model.ev)].sort(byPosition);
  const { checking: _done, ...rest } = model;
  return { ...rest, findings, findingCounts: counted(findings) };
}

export function buildModel(dataset: Dataset, loadFindings: readonly Finding[], glyphs: Glyphs, agenda?: Agenda, options: ModelOptions = {}): Model {
  const ev = evaluate(dataset);
  const checks = options.checks ?? true;
  const findings = [...loadFindings, ...(checks ? runChecks(ev) : [])].sort(byPosition);
  const findingCounts = counted(findings);
  const kpis = new Map<string, { kpi: Kpi; priority: Priority }>();
  const kpiOfMetric = new Map<string, string>();
  for (const priority of dataset.catalogue.priorities) {
    for (const kpi of priority.kpis) {
      kpis.set(kpi.id, { kpi, priority });
      for (const m of kpi.metrics) kpiOfMetric.set(m.id, kpi.id);
    }
  }
  return {
    ev,
    findings,
    findingCounts,
    priorities: dataset.catalogue.priorities,
    kpis,
    kpiOfMetric,
    periodLabels: ev.periods.map((p) => formatPeriod(p.data.period)),
    glyphs,
    ...(agenda ? { agenda } : {}),
    ...(options.meetingMinutes !== undefined ? { meetingMinutes: options.meetingMinutes } : {}),
    ...(checks ? {} : { checking: true }),
  };
}

export function periodAt(model: Model, index: number): PeriodEval {
  const pe = model.ev.periods[Math.max(0, Math.min(index, model.ev.periods.length - 1))];
  if (!pe) throw new Error('no periods loaded');
  return pe;
}

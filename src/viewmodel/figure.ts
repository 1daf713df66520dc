// One figure: what every screen, slide, chart and hand-out shows of a metric or a KPI in a period.
// The value as published and formatted, the target that rated it (with its label and where it
// came from), the reported and computed RAG and the rule behind them, the direction of travel, a
// composite's deciding metric, the findings `check` has on it, flags, as-of and staleness. Built
// from the domain's one rating (rate-metric.ts); no renderer works a figure out again.

import type { KpiEval, MetricEval, TargetSource, Travel } from '../domain/evaluate.js';
import { decimalsOfNumber, formatTarget, formatValue } from '../domain/format.js';
import { formatPeriod } from '../domain/period.js';
import { describeTarget, type NumericTarget } from '../domain/rag.js';
import type { Finding, FindingCode, Flag, Kpi, Metric, Rag, Severity } from '../domain/types.js';
import { modelMemo } from './memo.js';
import { periodAt, type Model } from './model.js';

/** A finding of `check` on a figure, with the short word a table row or a slide shows for it. */
export interface FigureFinding {
  readonly code: FindingCode;
  readonly severity: Severity;
  readonly word: string;
  readonly message: string;
  /** It questions the figure itself (a mark where the figure is shown); else it is only listed in the detail. */
  readonly marks: boolean;
  readonly finding: Finding;
}

/** The target that rated a figure. */
export interface TargetFigure {
  /** As published: its label where the label describes this target, else the numbers as written; '' when there is none. */
  readonly text: string;
  /** The numbers the value was compared with, when `text` is a label that does not show them. */
  readonly numbers?: string;
  readonly source?: TargetSource;
  /** Where it came from, in words ("pro rata: 3/4 of 4,000,000", "set for 2019/20 Q3"), when not the catalogue's as it stands. */
  readonly from?: string;
  /** Everything: "95%", "TBC (95%)", "3,000,000 (pro rata: 3/4 of 4,000,000)". */
  readonly full: string;
  readonly value?: NumericTarget;
}

export interface MetricFigure {
  readonly me: MetricEval;
  readonly metric: Metric;
  /** The value rated (a cumulative metric's running total), when there is one. */
  readonly value?: number | undefined;
  /** The value with its unit ("89.19%"), or why there is none ("not reported", "no value"). */
  readonly valueText: string;
  /** The running total in the year is what is shown and rated. */
  readonly yearToDate: boolean;
  /** A cumulative metric's own figure for the quarter, when the value shown is the running total. */
  readonly ownText?: string | undefined;
  readonly target: TargetFigure;
  readonly reported?: Rag | undefined;
  readonly computed: Rag;
  /** The RAG that counts: reported where given, else computed. */
  readonly counted: Rag;
  /** The reported RAG contradicts its target. */
  readonly mismatch: boolean;
  /** The rule behind the computed RAG, in one line. */
  readonly rule: string;
  readonly travel?: Travel | undefined;
  /** The earlier value the travel compares with, formatted as the value is. */
  readonly travelFrom?: string | undefined;
  readonly flags: readonly Flag[];
  readonly asOf?: string | undefined;
  /** `check` finds the figure stale (STALE). */
  readonly stale: boolean;
  readonly findings: readonly FigureFinding[];
}

export interface KpiFigure {
  readonly ke: KpiEval;
  readonly kpi: Kpi;
  /** The RAG that counts for the KPI. */
  readonly rag: Rag;
  readonly computed: Rag;
  readonly reported?: Rag;
  readonly hasData: boolean;
  /** The metric shown for the KPI: the one that decides its RAG (the first with a value otherwise). */
  readonly deciding?: MetricFigure;
  /** For a composite with several metrics: how the RAG was decided, "worst of 3". */
  readonly decidedBy?: string;
  readonly metrics: readonly MetricFigure[];
  /** Findings on the KPI and on every one of its metrics (those that question a figure have `marks`). */
  readonly findings: readonly FigureFinding[];
  /** Flags of any of its metrics, in the usual order. */
  readonly flags: readonly Flag[];
  /** A reported RAG (the KPI's or a metric's) contradicts its target. */
  readonly mismatch: boolean;
}

/** The mark after a RAG that `check` questions (ASCII in every glyph set: the figure's words say what). */
export const FIGURE_MARK = '*';

export const FLAG_ORDER: readonly Flag[] = ['provisional', 'estimated', 'revised', 'break_in_series', 'not_for_publication'];

/** The short word a table row or slide shows for a finding (the Checks view has the whole message). */
export const FINDING_WORDS: Readonly<Record<FindingCode, string>> = {
  READ_ERROR: 'unread',
  YAML_SYNTAX: 'syntax',
  SCHEMA: 'schema',
  DUPLICATE_ID: 'dup',
  UNKNOWN_REF: 'ref',
  RAG_MISMATCH: 'RAG?',
  CLAIM_MISMATCH: 'claim',
  RATIO_MISMATCH: 'ratio',
  SCORE_MISMATCH: 'score',
  OUT_OF_RANGE: 'range',
  FINANCE_TOTAL: 'total',
  MISSING_VALUE: 'missing',
  STALE: 'stale',
  SUSPICIOUS_JUMP: 'jump',
  NO_COMMENTARY: 'no comm',
  RESIDUAL_ABOVE_INHERENT: 'residual',
  NOT_FOR_PUBLICATION: 'NFP',
  AMBIGUOUS_SCORE: 'score?',
  UNRATED: 'unrated',
  CONTROL_CHARS: 'ctrl',
  TOLERANCE_CONFIG: 'amber?',
  NARRATIVE_ARITHMETIC: 'sum?',
  UNPARSED_AS_OF: 'as of?',
};

/**
 * The findings that question a figure itself and so mark it where it is shown: not a note (info),
 * not a missing figure (shown as missing already), not missing commentary or its arithmetic (about the words).
 */
const NOT_ABOUT_THE_FIGURE: ReadonlySet<FindingCode> = new Set<FindingCode>(['NO_COMMENTARY', 'MISSING_VALUE', 'UNRATED', 'NARRATIVE_ARITHMETIC']);

function marks(f: Finding): boolean {
  return f.severity !== 'info' && !NOT_ABOUT_THE_FIGURE.has(f.code);
}

/** The model's findings by file and id, made once per model. */
const findingIndex = new WeakMap<Model, Map<string, Map<string, FigureFinding[]>>>();

function findingsOf(model: Model, file: string, id: string): readonly FigureFinding[] {
  let index = findingIndex.get(model);
  if (!index) {
    index = new Map();
    for (const f of model.findings) {
      if (f.id === undefined) continue;
      let byId = index.get(f.file);
      if (!byId) index.set(f.file, (byId = new Map<string, FigureFinding[]>()));
      const list = byId.get(f.id);
      const item: FigureFinding = { code: f.code, severity: f.severity, word: FINDING_WORDS[f.code], message: f.message, marks: marks(f), finding: f };
      if (list) list.push(item);
      else byId.set(f.id, [item]);
    }
    findingIndex.set(model, index);
  }
  return index.get(file)?.get(id) ?? NONE;
}

const NONE: readonly FigureFinding[] = [];

function quarterShare(q: number): string {
  return `${q}/4`;
}

/** The target that rated `me`, as published, with its numbers and where it came from. */
export function targetFigure(me: MetricEval): TargetFigure {
  const { metric } = me;
  const label = me.targetLabel;
  const spec = me.obs?.target ?? metric.target;
  const t = me.target;
  if (t === undefined) {
    // Nothing rated the value: the label as published, or what kind of target could not be resolved.
    const unresolved =
      spec?.kind === 'benchmark' ? `the ${spec.name} benchmark, not given` : spec?.kind === 'change' ? `a year-on-year ${spec.direction}, no earlier figure` : undefined;
    const shortly = spec?.kind === 'benchmark' ? `${spec.name} benchmark` : spec?.kind === 'change' ? `${spec.direction} on last year` : '';
    const text = label ?? (unresolved ? shortly : '');
    const full = label && unresolved ? `${label} (${unresolved})` : text;
    return { text, ...(unresolved ? { from: unresolved } : {}), full };
  }
  const numbers = describeTarget(metric, t);
  let from: string | undefined;
  switch (me.targetSource) {
    case 'pro rata': {
      const whole = metric.target?.kind === 'value' ? formatTarget(metric, metric.target.value) : metric.target?.kind === 'band' ? `${formatTarget(metric, metric.target.min)}–${formatTarget(metric, metric.target.max)}` : undefined;
      const share = quarterShare(me.period.q ?? 4);
      from = `pro rata: ${share} of ${whole ?? 'the year'}${metric.targetLabel && metric.targetLabel !== whole ? ` (${metric.targetLabel})` : ''}`;
      break;
    }
    case 'observation':
      from = `set for ${formatPeriod(me.period)}`;
      break;
    case 'benchmark':
      from = spec?.kind === 'benchmark' ? `the ${spec.name} benchmark` : 'a benchmark';
      break;
    case 'change':
      from = spec?.kind === 'change' ? `a year-on-year ${spec.direction}` : 'a year-on-year change';
      break;
    default:
      from = undefined;
  }
  // A label that shows the numbers already is not followed by them again ("14%", not "14% (14%)").
  const showsNumbers = label !== undefined && (label === numbers || label.includes(numbers));
  const text = label ?? numbers;
  const inner = [label !== undefined && !showsNumbers ? numbers : undefined, from].filter((x): x is string => x !== undefined);
  return {
    text,
    ...(label !== undefined && !showsNumbers ? { numbers } : {}),
    ...(me.targetSource ? { source: me.targetSource } : {}),
    ...(from ? { from } : {}),
    full: inner.length > 0 ? `${text} (${inner.join(', ')})` : text,
    value: t,
  };
}

/**
 * A metric's figure. The value, RAGs and findings are fields; the words (value and target text,
 * rule, travel) are worked out when read: a table of ten thousand KPIs reads them for one metric
 * of each, and the screens show a few.
 */
class MetricFigureOf implements MetricFigure {
  readonly me: MetricEval;
  readonly metric: Metric;
  readonly value: number | undefined;
  readonly yearToDate: boolean;
  readonly reported: Rag | undefined;
  readonly computed: Rag;
  readonly counted: Rag;
  readonly mismatch: boolean;
  readonly travel: Travel | undefined;
  readonly flags: readonly Flag[];
  readonly asOf: string | undefined;
  readonly stale: boolean;
  readonly findings: readonly FigureFinding[];
  #target: TargetFigure | undefined;
  readonly #leadsTo: string;

  constructor(model: Model, file: string, me: MetricEval) {
    const { metric, obs } = me;
    const value = me.rated;
    this.me = me;
    this.metric = metric;
    this.value = value;
    this.yearToDate = (metric.cumulative || metric.yearToDate) && me.period.q !== undefined;
    this.reported = me.reported;
    this.computed = me.computed;
    this.counted = me.counted;
    this.mismatch = me.mismatch;
    this.travel = me.travel;
    this.flags = obs?.flags ?? NO_FLAGS;
    this.asOf = obs?.asOf?.text;
    this.findings = findingsOf(model, file, metric.id);
    this.stale = this.findings.some((f) => f.code === 'STALE');
    this.#leadsTo = model.glyphs.arrow.right;
  }

  get valueText(): string {
    const { me } = this;
    return me.obs === undefined ? 'not reported' : this.value === undefined ? 'no value' : formatValue(this.metric, this.value, me.ratedDecimals);
  }

  get ownText(): string | undefined {
    const { obs, period } = this.me;
    return this.metric.cumulative && period.q !== undefined && obs?.value != null && this.value !== undefined ? formatValue(this.metric, obs.value, obs.decimals) : undefined;
  }

  get target(): TargetFigure {
    return (this.#target ??= targetFigure(this.me));
  }

  get rule(): string {
    // Worded with the glyph set's arrow (the domain's sentence otherwise says →).
    return this.me.explain?.(this.#leadsTo) ?? this.me.why;
  }

  get travelFrom(): string | undefined {
    const t = this.travel;
    return t ? formatValue(this.metric, t.from, Math.max(this.metric.decimals ?? 0, decimalsOfNumber(t.from, 6))) : undefined;
  }
}

/** The metric that decides a KPI's RAG: the first whose RAG is the KPI's (reported, else computed). */
function decidingOf(k: KpiEval, metrics: readonly MetricFigure[]): MetricFigure | undefined {
  if (metrics.length <= 1) return metrics[0];
  return (
    metrics.find((m) => m.value !== undefined && m.counted === k.counted) ??
    metrics.find((m) => m.value !== undefined && m.counted === k.computed) ??
    metrics.find((m) => m.value !== undefined) ??
    metrics[0]
  );
}

const NO_FLAGS: readonly Flag[] = [];

function kpiFigureOf(model: Model, file: string, k: KpiEval): KpiFigure {
  // Run for every KPI of a period when its table is drawn: no more allocation than the figures.
  const metrics: MetricFigure[] = [];
  let rated = 0;
  let flagged = false;
  let questioned = false;
  let mismatch = false;
  for (const me of k.metrics) {
    const m = new MetricFigureOf(model, file, me);
    metrics.push(m);
    if (m.counted !== 'unrated') rated += 1;
    if (m.flags.length > 0) flagged = true;
    if (m.findings.length > 0) questioned = true;
    if (m.mismatch) mismatch = true;
  }
  const deciding = decidingOf(k, metrics);
  // A KPI written with one metric of its own id: the metric's findings are the KPI's (said once).
  const own = k.kpi.metrics.some((m) => m.id === k.kpi.id) ? NONE : findingsOf(model, file, k.kpi.id);
  const findings = own.length === 0 && !questioned ? NONE : [...own, ...metrics.flatMap((m) => m.findings)];
  let flags = NO_FLAGS;
  if (flagged) {
    const set = new Set(metrics.flatMap((m) => m.flags));
    flags = FLAG_ORDER.filter((f) => set.has(f));
  }
  return {
    ke: k,
    kpi: k.kpi,
    rag: k.counted,
    computed: k.computed,
    ...(k.reported !== undefined ? { reported: k.reported } : {}),
    hasData: k.hasData,
    ...(deciding ? { deciding } : {}),
    ...(metrics.length > 1 && rated > 1 ? { decidedBy: `${k.kpi.rollup} of ${rated}` } : {}),
    metrics,
    findings,
    flags,
    mismatch: mismatch || own.some((f) => f.code === 'RAG_MISMATCH'),
  };
}

/** The KPIs' figures of one period, made when first asked for and kept. */
export interface PeriodFigures {
  kpi(id: string): KpiFigure | undefined;
}

const periodFigures = modelMemo<PeriodFigures>(8);

/** The figures of the period at `period`: look it up once for a pass over many KPIs. */
export function figuresOf(model: Model, period: number): PeriodFigures {
  const p = Math.max(0, Math.min(period, model.ev.periods.length - 1));
  return periodFigures.get(model, [p], () => {
    const pe = periodAt(model, p);
    const kept = new Map<string, KpiFigure>();
    return {
      kpi(id: string): KpiFigure | undefined {
        const hit = kept.get(id);
        if (hit) return hit;
        const k = pe.kpis.get(id);
        if (!k) return undefined;
        const made = kpiFigureOf(model, pe.data.file, k);
        kept.set(id, made);
        return made;
      },
    };
  });
}

/** The figure of KPI `id` in the period at `period`, or undefined when there is no such KPI. */
export function kpiFigure(model: Model, period: number, id: string): KpiFigure | undefined {
  return figuresOf(model, period).kpi(id);
}


/** The short words of the findings that question the figure ("ratio", "jump"), each once. */
export function findingWords(findings: readonly FigureFinding[]): string[] {
  return [...new Set(findings.filter((f) => f.marks).map((f) => f.word))];
}


/**
 * "decides the RAG: worst of 3" beside the metric of a KPI with several metrics whose figure is the
 * one shown for the KPI (undefined for any other metric, or a KPI of one metric).
 */
export function decidesNote(kf: KpiFigure, mf: MetricFigure): string | undefined {
  if (kf.metrics.length < 2 || mf !== kf.deciding) return undefined;
  return kf.decidedBy === undefined ? 'decides the RAG' : `decides the RAG: ${kf.decidedBy}`;
}

// The domain model: what a catalogue and its period files mean once loaded.
// Pure data. Every entity keeps where it was written (`loc`) so a finding can point at it.

import type { Period, Quarter } from './period.js';

export interface Loc {
  readonly file: string;
  readonly line: number;
  readonly col: number;
}

export type Rag = 'green' | 'amber' | 'red' | 'unrated';
export type RatedRag = Exclude<Rag, 'unrated'>;
export type Good = 'high' | 'low' | 'target';
export type Unit = 'percent' | 'count' | 'days' | 'score' | 'rate' | 'currency' | 'index' | 'ratio';
/**
 * How often a figure is published: each quarter or month; once a year, the year being financial
 * (`annual`, April–March), academic (`academic_year`, September–August) or calendar
 * (`calendar_year`); or every two financial years (`biennial`).
 */
export type Frequency = 'quarterly' | 'monthly' | 'annual' | 'academic_year' | 'calendar_year' | 'biennial';

/** The frequencies whose figure covers a year (or two): reported once a year. */
export function isYearly(f: Frequency): boolean {
  return f !== 'quarterly' && f !== 'monthly';
}
export type Rollup = 'worst' | 'best' | 'majority';
export type Scale = 'k' | 'm' | 'bn';
export type Flag = 'provisional' | 'estimated' | 'revised' | 'break_in_series' | 'not_for_publication';

/**
 * How far short of target still counts as amber: a share of the target, an amount in the metric's
 * unit, or `unpublished` (the council judges amber itself: computed RAGs are green or red, and a
 * reported amber on a missed target is accepted).
 */
export type Tolerance =
  | { readonly kind: 'relative'; readonly fraction: number; readonly text: string }
  | { readonly kind: 'absolute'; readonly amount: number; readonly text: string }
  | { readonly kind: 'unpublished'; readonly text: 'unpublished' };

/** A share of a number or an amount: the width of a point target's band (`on_target`). */
export type Width = Exclude<Tolerance, { kind: 'unpublished' }>;

export type Target =
  | { readonly kind: 'value'; readonly value: number }
  | { readonly kind: 'band'; readonly min: number; readonly max: number }
  | { readonly kind: 'benchmark'; readonly name: string }
  | { readonly kind: 'change'; readonly direction: 'increase' | 'decrease' };

export interface Metric {
  readonly id: string;
  readonly kpiId: string;
  readonly title: string;
  readonly unit: Unit;
  readonly good: Good;
  readonly target?: Target;
  readonly targetLabel?: string;
  readonly amber?: Tolerance;
  /** How often its figure is published: its own `frequency`, else its KPI's. */
  readonly frequency: Frequency;
  /** Months from the end of the span a figure covers to its publication (`lag`), when given. */
  readonly lagMonths?: number;
  /** With `good: target` and a point target: how close to it still meets it (a band around it). */
  readonly onTarget?: Width;
  readonly decimals?: number;
  readonly currency: string;
  readonly scale?: Scale;
  readonly per?: number;
  /** Each value is the period's own figure; the running total in the year is rated, pro rata. */
  readonly cumulative: boolean;
  /** Each value is already the running total in the year (rated pro rata). */
  readonly yearToDate: boolean;
  readonly allowOver100: boolean;
  readonly allowNegative: boolean;
  readonly benchmarks: readonly string[];
  /** For an annual metric: the quarter it is reported in, when not Q4. */
  readonly reportedIn?: Quarter;
  readonly definition?: string;
  readonly source?: string;
  readonly loc: Loc;
}

export interface Kpi {
  readonly id: string;
  readonly priorityId: string;
  readonly title: string;
  /** A short title, used where the title does not fit. */
  readonly short?: string;
  readonly description?: string;
  readonly directorate?: string;
  readonly frequency: Frequency;
  readonly rollup: Rollup;
  /** True when written with `metrics:` (a composite KPI), even with one metric. */
  readonly composite: boolean;
  readonly metrics: readonly Metric[];
  readonly loc: Loc;
}

export interface Priority {
  readonly id: string;
  readonly title: string;
  /** A short title, used where the title does not fit. */
  readonly short?: string;
  readonly description?: string;
  readonly kpis: readonly Kpi[];
  readonly loc: Loc;
}

export interface RiskBand {
  readonly name: string;
  readonly max: number;
}

export interface Catalogue {
  readonly id: string;
  readonly title: string;
  readonly organisation: string;
  /** The data directory exactly as written in the catalogue. */
  readonly data?: string;
  readonly amber: Tolerance;
  readonly riskBands: readonly RiskBand[];
  readonly riskAppetite?: number;
  readonly priorities: readonly Priority[];
  readonly file: string;
  readonly loc: Loc;
}

/** A number as written in the file: its value and the decimals it was written to. */
export interface Written {
  readonly value: number;
  readonly decimals: number;
  readonly loc: Loc;
}

/** When a figure is as of, exactly as written (read for the staleness rule by `asOfEnd`). */
export interface AsOf {
  readonly text: string;
}

/**
 * A metric's figure for a period as its file gives it. The load keeps its positions as offsets and
 * makes each `…Loc` when it is read (src/load/observation.ts): read them where a finding needs one.
 */
export interface Observation {
  readonly metricId: string;
  readonly value: number | null;
  /** The decimals its value was written to (`89.10` → 2); 0 when it has none. */
  readonly decimals: number;
  /** Where its value is written, when it has one. */
  readonly valueLoc?: Loc | undefined;
  readonly rag?: Rag | undefined;
  readonly ragLoc?: Loc | undefined;
  readonly numerator?: Written | undefined;
  readonly denominator?: Written | undefined;
  readonly asOf?: AsOf | undefined;
  readonly asOfLoc?: Loc | undefined;
  readonly target?: Target | undefined;
  readonly targetLoc?: Loc | undefined;
  readonly targetLabel?: string | undefined;
  readonly benchmarks: Readonly<Record<string, number>>;
  readonly flags: readonly Flag[];
  readonly flagsLoc?: Loc | undefined;
  readonly note?: string | undefined;
  readonly loc: Loc;
}

/** The overall RAG published for a composite KPI (an observation keyed by the KPI's id). */
export interface KpiReport {
  readonly kpiId: string;
  readonly rag?: Rag;
  readonly ragLoc?: Loc;
  readonly note?: string;
  readonly loc: Loc;
}

/** A piece of a report's prose (commentary, a note, a claim) and where its text starts. */
export interface Prose {
  readonly text: string;
  /** The line and column its text starts on (a block scalar's first line of content). */
  readonly line: number;
  readonly col: number;
  /** Offsets in the text at which each further line of the file begins. */
  readonly breaks: readonly number[];
  /** The column each of those lines' text starts at. */
  readonly cols: readonly number[];
  /** The KPI, metric or claim figure it belongs to. */
  readonly id?: string;
}

export interface Commentary {
  readonly id: string;
  readonly text?: string;
  readonly summary?: string;
  readonly issues: readonly string[];
  readonly causes: readonly string[];
  readonly actions: readonly string[];
  readonly loc: Loc;
}

export type SummaryFigure =
  | 'kpi_count'
  | 'reported_count'
  | 'rated_count'
  | 'unrated_count'
  | 'green_count'
  | 'amber_count'
  | 'red_count'
  | 'percent_achieving';

export interface Claim {
  readonly says: string;
  readonly figure: SummaryFigure;
  readonly value: Written;
  readonly loc: Loc;
}

/** One row of a published table: its label and a cell per column (null where the report has none). */
export interface TableRow {
  readonly label: string;
  readonly cells: ReadonlyArray<Written | null>;
  readonly loc: Loc;
}

/** A table the report publishes with a stated total row (`tables:`). */
export interface Table {
  readonly title: string;
  readonly columns: readonly string[];
  /** Indexes of the columns whose rows add up to the total. */
  readonly adds: readonly number[];
  readonly rows: readonly TableRow[];
  readonly total?: TableRow;
  readonly loc: Loc;
}

export interface FinanceLine {
  readonly area: string;
  readonly budget: Written;
  readonly forecast: Written;
  readonly loc: Loc;
}

export interface Finance {
  readonly unit: string;
  readonly lines: readonly FinanceLine[];
  readonly total?: { readonly budget?: Written; readonly forecast?: Written; readonly loc: Loc };
  readonly loc: Loc;
}

export type RegisterKind = 'risk' | 'opportunity';

export interface Assessment {
  readonly impact?: number;
  readonly likelihood?: number;
  /** The stated score, or impact × likelihood when none was stated. */
  readonly score: number;
  readonly statedScore?: number;
  readonly by?: string;
  readonly loc: Loc;
}

export interface RegisterEntry {
  readonly id: string;
  readonly kind: RegisterKind;
  readonly title: string;
  readonly description?: string;
  readonly type?: string;
  readonly owner?: string;
  readonly consequences: readonly string[];
  readonly controls: readonly string[];
  readonly actions: readonly string[];
  readonly inherent?: Assessment;
  readonly residual?: Assessment;
  readonly target?: Assessment;
  readonly direction?: string;
  readonly loc: Loc;
}

export interface PeriodData {
  readonly period: Period;
  readonly file: string;
  readonly published?: string;
  /** A back-filled file with only the figures quoted elsewhere: completeness checks skip it. */
  readonly partial: boolean;
  /** A summary publishing counts, not per-KPI values (`summary_only`): its claims are checked against each other only. */
  readonly summaryOnly: boolean;
  readonly observations: ReadonlyMap<string, Observation>;
  readonly kpiReports: ReadonlyMap<string, KpiReport>;
  readonly commentary: ReadonlyMap<string, Commentary>;
  readonly claims: readonly Claim[];
  /** The prose of the file (commentary, notes, claims), read for arithmetic (NARRATIVE_ARITHMETIC). */
  readonly prose: readonly Prose[];
  readonly finance?: Finance;
  readonly tables: readonly Table[];
  /** Absent when the file has no `register:` section; empty when it has an empty one. */
  readonly register?: readonly RegisterEntry[];
  readonly loc: Loc;
}

/** What an agenda item shows: a whole view, or one priority, KPI or risk by its id (`kpi: pi1`). */
export const SHOW_KINDS = ['overview', 'register', 'heatgrid', 'exceptions', 'finance', 'text'] as const;
export const SHOW_REF_KINDS = ['priority', 'kpi', 'risk'] as const;
export type ShowKind = (typeof SHOW_KINDS)[number];
export type ShowRefKind = (typeof SHOW_REF_KINDS)[number];

export type Show = { readonly kind: ShowKind } | { readonly kind: ShowRefKind; readonly id: string };

export interface AgendaItem {
  readonly title: string;
  readonly show: Show;
  readonly notes?: string;
  readonly minutes?: number;
  readonly loc: Loc;
}

export interface Agenda {
  readonly meeting: string;
  readonly date?: string;
  readonly period?: Period;
  readonly items: readonly AgendaItem[];
  readonly file: string;
}

export type Severity = 'error' | 'warning' | 'info';

export const LOAD_CODES = ['READ_ERROR', 'YAML_SYNTAX', 'SCHEMA', 'DUPLICATE_ID', 'UNKNOWN_REF'] as const;
export const CHECK_CODES = [
  'RAG_MISMATCH',
  'CLAIM_MISMATCH',
  'RATIO_MISMATCH',
  'SCORE_MISMATCH',
  'OUT_OF_RANGE',
  'FINANCE_TOTAL',
  'MISSING_VALUE',
  'STALE',
  'SUSPICIOUS_JUMP',
  'NO_COMMENTARY',
  'RESIDUAL_ABOVE_INHERENT',
  'NOT_FOR_PUBLICATION',
  'AMBIGUOUS_SCORE',
  'UNRATED',
  'CONTROL_CHARS',
  'TOLERANCE_CONFIG',
  'NARRATIVE_ARITHMETIC',
  'UNPARSED_AS_OF',
] as const;

/** The severity each check gives its code; OUT_OF_RANGE is lowered to info where the catalogue allows the value. */
export const CHECK_SEVERITY: Readonly<Record<CheckCode, Severity>> = {
  RAG_MISMATCH: 'warning',
  CLAIM_MISMATCH: 'error',
  RATIO_MISMATCH: 'error',
  SCORE_MISMATCH: 'error',
  OUT_OF_RANGE: 'error',
  FINANCE_TOTAL: 'error',
  MISSING_VALUE: 'warning',
  STALE: 'warning',
  SUSPICIOUS_JUMP: 'warning',
  NO_COMMENTARY: 'warning',
  RESIDUAL_ABOVE_INHERENT: 'warning',
  NOT_FOR_PUBLICATION: 'warning',
  AMBIGUOUS_SCORE: 'info',
  UNRATED: 'info',
  CONTROL_CHARS: 'warning',
  TOLERANCE_CONFIG: 'warning',
  NARRATIVE_ARITHMETIC: 'warning',
  UNPARSED_AS_OF: 'info',
};
export type LoadCode = (typeof LOAD_CODES)[number];
export type CheckCode = (typeof CHECK_CODES)[number];
export type FindingCode = LoadCode | CheckCode;

const LOAD_CODE_SET: ReadonlySet<string> = new Set(LOAD_CODES);

/** An error that stops the data loading (the data cannot be shown or checked with it). */
export function isLoadError(f: Pick<Finding, 'severity' | 'code'>): boolean {
  return f.severity === 'error' && LOAD_CODE_SET.has(f.code);
}

export interface Finding {
  readonly code: FindingCode;
  readonly severity: Severity;
  readonly message: string;
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly id?: string;
  /** A spreadsheet's cell (`Sheet1!C12`, or `C12` in a CSV) where the problem is; line and column are then 0. */
  readonly cell?: string;
}

/** Everything loaded for one catalogue. */
export interface Dataset {
  readonly catalogue: Catalogue;
  /** Sorted by start date (then by length: a quarter before the year that contains it). */
  readonly periods: readonly PeriodData[];
  readonly agendas: readonly Agenda[];
}

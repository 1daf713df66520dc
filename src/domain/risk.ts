// Risk and opportunity scoring on the council's 5×5 "Key to Scores": impact × likelihood,
// bands, appetite, grid placement and movement against the previous period.

import { previousOf } from './period.js';
import type { Assessment, PeriodData, RegisterEntry, RegisterKind, RiskBand } from './types.js';

export const IMPACT_WORDS = ['insignificant', 'minor', 'moderate', 'major', 'catastrophic'] as const;
export const OPPORTUNITY_TOP_WORD = 'outstanding';
export const LIKELIHOOD_WORDS = ['rare', 'unlikely', 'possible', 'likely', 'certain'] as const;
/** Written for a likelihood of 5 as well as "certain". */
export const ALMOST_CERTAIN = 'almost certain';

/** Every word a file may give for an impact (the schema's list, in this order): 1–5, then an opportunity's 5. */
export const IMPACT_INPUT_WORDS: readonly string[] = [...IMPACT_WORDS, OPPORTUNITY_TOP_WORD];
/** Every word a file may give for a likelihood (the schema's list, in this order). */
export const LIKELIHOOD_INPUT_WORDS: readonly string[] = [...LIKELIHOOD_WORDS, ALMOST_CERTAIN];

export const DEFAULT_RISK_BANDS: readonly RiskBand[] = [
  { name: 'low', max: 4 },
  { name: 'medium', max: 10 },
  { name: 'high', max: 16 },
  { name: 'critical', max: 25 },
];

function capitalise(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}

/** Impact as a number 1–5 from a word or number (case-insensitive); undefined when neither. */
export function parseImpact(v: string | number): number | undefined {
  if (typeof v === 'number') return Number.isInteger(v) && v >= 1 && v <= 5 ? v : undefined;
  const w = v.trim().toLowerCase();
  if (w === OPPORTUNITY_TOP_WORD) return 5;
  const i = IMPACT_WORDS.findIndex((word) => word === w);
  if (i >= 0) return i + 1;
  return /^[1-5]$/.test(w) ? Number(w) : undefined;
}

/** Likelihood as a number 1–5 from a word or number (case-insensitive); "almost certain" is 5. */
export function parseLikelihood(v: string | number): number | undefined {
  if (typeof v === 'number') return Number.isInteger(v) && v >= 1 && v <= 5 ? v : undefined;
  const w = v.trim().toLowerCase().replace(/\s+/g, ' ');
  if (w === ALMOST_CERTAIN) return 5;
  const i = LIKELIHOOD_WORDS.findIndex((word) => word === w);
  if (i >= 0) return i + 1;
  return /^[1-5]$/.test(w) ? Number(w) : undefined;
}

export function impactWord(n: number, kind: RegisterKind): string {
  if (n === 5 && kind === 'opportunity') return capitalise(OPPORTUNITY_TOP_WORD);
  return capitalise(IMPACT_WORDS[n - 1] ?? String(n));
}

export function likelihoodWord(n: number): string {
  return capitalise(LIKELIHOOD_WORDS[n - 1] ?? String(n));
}

/** "16 Major/Likely" as the register writes it, or the score alone. */
export function describeAssessment(a: Assessment, kind: RegisterKind): string {
  if (a.impact === undefined || a.likelihood === undefined) return String(a.score);
  return `${a.score} ${impactWord(a.impact, kind)}/${likelihoodWord(a.likelihood)}`;
}

/** The band a score falls in: the first whose `max` is at least the score. */
export function bandOf(score: number, bands: readonly RiskBand[] = DEFAULT_RISK_BANDS): RiskBand | undefined {
  return bands.find((b) => score <= b.max);
}

export interface Cell {
  readonly impact: number;
  readonly likelihood: number;
}

export type Placement =
  | { readonly placed: true; readonly cell: Cell }
  | { readonly placed: false; readonly reason: string; readonly candidates: readonly Cell[] };

/** The cells of each score 1–25, worked out once. */
const CELLS_BY_SCORE: ReadonlyArray<readonly Cell[]> = (() => {
  const table: Cell[][] = Array.from({ length: 26 }, () => []);
  for (let impact = 1; impact <= 5; impact++) {
    for (let likelihood = 1; likelihood <= 5; likelihood++) table[impact * likelihood]?.push({ impact, likelihood });
  }
  return table;
})();

/** The impact × likelihood pairs on the 5×5 grid that give a score. */
export function cellsForScore(score: number): Cell[] {
  // The guard is for the reader: the table has no cells at any other index either.
  // Stryker disable next-line ConditionalExpression,LogicalOperator,EqualityOperator
  const cells = Number.isInteger(score) && score >= 1 && score <= 25 ? CELLS_BY_SCORE[score] : undefined;
  return cells ? cells.map((c) => ({ impact: c.impact, likelihood: c.likelihood })) : [];
}

/** Where an assessment sits on the grid; a score alone is placed only where it has one cell. */
export function placeAssessment(a: Assessment): Placement {
  if (a.impact !== undefined && a.likelihood !== undefined) {
    return { placed: true, cell: { impact: a.impact, likelihood: a.likelihood } };
  }
  const cells = cellsForScore(a.score);
  const only = cells[0];
  if (cells.length === 1 && only) return { placed: true, cell: only };
  if (cells.length === 0) {
    return { placed: false, reason: `score ${a.score} is not impact × likelihood on the 5×5 scales`, candidates: [] };
  }
  const options = cells.map((c) => `${c.impact}×${c.likelihood}`).join(' or ');
  return { placed: false, reason: `score ${a.score} alone could be ${options} (impact × likelihood)`, candidates: cells };
}

/** True when a risk's residual score is above the council's appetite (opportunities never are). */
export function aboveAppetite(entry: RegisterEntry, appetite: number | undefined): boolean {
  // Stryker disable next-line ConditionalExpression: a score is never above an undefined appetite anyway
  return appetite !== undefined && entry.kind === 'risk' && entry.residual !== undefined && entry.residual.score > appetite;
}

/**
 * An entry's residual score against the same entry in the previous register: up, down, level;
 * new when a previous register is loaded without it (or its published direction says "New");
 * unknown when no earlier register is loaded (it may well have been there).
 */
export type Movement = 'up' | 'down' | 'level' | 'new' | 'unknown';

/** The entry's published direction of travel says it is new ("New", "New risk"). */
function saysNew(e: RegisterEntry): boolean {
  // Stryker disable next-line ConditionalExpression,LogicalOperator: with no direction the pattern sees "undefined", not "new"
  return e.direction !== undefined && /^\s*new\b/i.test(e.direction);
}

/** Residual score now against the same entry in the previous register (`previousLoaded`: there is one). */
export function movementOf(now: RegisterEntry, before: RegisterEntry | undefined, previousLoaded: boolean): Movement {
  if (before === undefined) return previousLoaded || saysNew(now) ? 'new' : 'unknown';
  const a = before.residual?.score;
  const b = now.residual?.score;
  // Stryker disable next-line ConditionalExpression,LogicalOperator: a missing score compares false both ways, level anyway
  if (a === undefined || b === undefined) return 'level';
  return b > a ? 'up' : b < a ? 'down' : 'level';
}

/** Whether a movement is good news: a risk going down, an opportunity going up. */
export function movementIsBetter(m: Movement, kind: RegisterKind): boolean | undefined {
  if (m !== 'up' && m !== 'down') return undefined;
  return kind === 'risk' ? m === 'down' : m === 'up';
}

/**
 * The register a period's entries are compared with (the one rule every view reads): of the loaded
 * periods that have a register, the one that ends latest before this period starts, one of the
 * same kind (quarter or year) first when two end together. A whole-year file loaded between two
 * quarters is not the previous register of the second quarter: it does not end before it starts.
 */
export function previousRegister(periods: readonly PeriodData[], data: PeriodData): PeriodData | undefined {
  return previousOf(
    periods.filter((p) => p.register !== undefined),
    data.period,
  );
}

/** Each entry's movement against the previous register (up / down / level / new). */
export function registerMovements(periods: readonly PeriodData[], data: PeriodData): ReadonlyMap<string, Movement> {
  const previous = previousRegister(periods, data);
  // Stryker disable next-line ArrayDeclaration: previousRegister picks only a period with a register
  const before = new Map((previous?.register ?? []).map((e) => [e.id, e]));
  return new Map((data.register ?? []).map((e) => [e.id, movementOf(e, before.get(e.id), previous !== undefined)]));
}

// UK financial-year periods: `2019/20` (April 2019 to March 2020) and its quarters
// `2019/20 Q1` (Apr–Jun) … `2019/20 Q4` (Jan–Mar).

export const QUARTERS = [1, 2, 3, 4] as const;
export type Quarter = (typeof QUARTERS)[number];

/** The quarter numbered `n` (1 to 4), else undefined. */
export function quarterOf(n: number): Quarter | undefined {
  return QUARTERS.find((q) => q === n);
}

export interface Period {
  /** The calendar year the financial year starts in (2019 for 2019/20). */
  readonly fy: number;
  /** The quarter, or undefined for a whole year. */
  readonly q?: Quarter;
}

/** The quarter before Q2–Q4 in the same year. */
const QUARTER_BEFORE = { 2: 1, 3: 2, 4: 3 } as const;

const PERIOD_RE = /^(\d{4})\/(\d{2})(?:\s+[Qq]([1-4]))?$/;

/** Parses `2019/20` or `2019/20 Q3`; undefined when the text is not a period. */
export function parsePeriod(text: string): Period | undefined {
  const m = PERIOD_RE.exec(text.trim());
  if (!m) return undefined;
  const fy = Number(m[1]);
  if ((fy + 1) % 100 !== Number(m[2])) return undefined;
  const q = m[3] === undefined ? undefined : quarterOf(Number(m[3]));
  return q === undefined ? { fy } : { fy, q };
}

/** Labels already made, by fy × 5 + quarter (0 for a year): a dataset has only a few dozen periods. */
const LABELS = new Map<number, string>();

export function formatPeriod(p: Period): string {
  // The cache's own guards: a mutant here caches less (only slower) or mis-keys a period the type
  // rules out (a quarter other than 1–4, a year that is not a whole number below 1e9).
  // Stryker disable all
  const q = p.q === undefined ? 0 : p.q === 1 || p.q === 2 || p.q === 3 || p.q === 4 ? p.q : -1;
  const key = q >= 0 && Number.isInteger(p.fy) && Math.abs(p.fy) < 1e9 ? p.fy * 5 + q : undefined;
  const known = key === undefined ? undefined : LABELS.get(key);
  if (known !== undefined) return known;
  // Stryker restore all
  const year = `${p.fy}/${String((p.fy + 1) % 100).padStart(2, '0')}`;
  const label = p.q === undefined ? year : `${year} Q${p.q}`;
  // Stryker disable next-line all: the cache's bound and guard (caching less is only slower)
  if (key !== undefined && LABELS.size < 4096) LABELS.set(key, label);
  return label;
}

/** The conventional file name stem: `2019-20-Q3` or `2019-20`. */
export function periodFileStem(p: Period): string {
  const year = `${p.fy}-${String((p.fy + 1) % 100).padStart(2, '0')}`;
  return p.q === undefined ? year : `${year}-Q${p.q}`;
}

/** Months since year 0, April of the financial year = fy*12 + 3. */
export function startMonth(p: Period): number {
  return p.fy * 12 + 3 + (p.q === undefined ? 0 : (p.q - 1) * 3);
}

/** The month after the period ends (exclusive). */
export function endMonth(p: Period): number {
  return startMonth(p) + (p.q === undefined ? 12 : 3);
}

export function samePeriod(a: Period, b: Period): boolean {
  return a.fy === b.fy && a.q === b.q;
}

/** Sort order: by start date, then the shorter period first. */
export function comparePeriods(a: Period, b: Period): number {
  return startMonth(a) - startMonth(b) || endMonth(a) - endMonth(b);
}

/** The financial year that contains the period. */
export function financialYear(p: Period): Period {
  return { fy: p.fy };
}

/** The same quarter (or year) one year earlier. */
export function sameQuarterLastYear(p: Period): Period {
  return p.q === undefined ? { fy: p.fy - 1 } : { fy: p.fy - 1, q: p.q };
}

/** The calendar predecessor of the same kind: Q1 → previous year's Q4, a year → the year before. */
export function precedingPeriod(p: Period): Period {
  if (p.q === undefined) return { fy: p.fy - 1 };
  return p.q === 1 ? { fy: p.fy - 1, q: 4 } : { fy: p.fy, q: QUARTER_BEFORE[p.q] };
}

/**
 * The previous period among those loaded: of the periods that end before `p` starts, the one that
 * ends latest; on a tie, one of the same kind (quarter or year) as `p`.
 */
export function previousOf<T extends { readonly period: Period }>(items: readonly T[], p: Period): T | undefined {
  let best: T | undefined;
  for (const item of items) {
    if (endMonth(item.period) > startMonth(p)) continue;
    if (best === undefined) {
      best = item;
      continue;
    }
    const diff = endMonth(item.period) - endMonth(best.period);
    // Two loaded periods of one kind never end together: each test alone decides every tie.
    // Stryker disable next-line ConditionalExpression
    const sameKind = (item.period.q === undefined) === (p.q === undefined);
    // Stryker disable next-line ConditionalExpression
    const bestSameKind = (best.period.q === undefined) === (p.q === undefined);
    if (diff > 0 || (diff === 0 && sameKind && !bestSameKind)) best = item;
  }
  return best;
}

/** Parses an ISO date `YYYY-MM-DD`; undefined when it is not a real date. */
export function parseIsoDate(text: string): { y: number; m: number; d: number } | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return undefined;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  if (mo < 1 || mo > 12 || d < 1) return undefined;
  const days = new Date(Date.UTC(y, mo, 0)).getUTCDate();
  return d <= days ? { y, m: mo, d } : undefined;
}

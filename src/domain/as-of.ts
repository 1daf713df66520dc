// What span an `as_of` covers, read one way for every rule: the month its figure runs to. The text
// itself is shown verbatim everywhere; only the staleness rule reads it, through this function.
//
// Read: a financial period (`2019/20 Q2`, `Full year 2015/16`, `2019-20`); an academic year where
// the metric is published by academic year (`2017/18` is September 2017 to August 2018); a date
// (`2024-10-10`, `YTD 10.10.24`); a month or a month range (`Jan to Dec 2019`, `April 18`, `Year to
// end of February 17`); a school term (`2024 Spring Term`, `2023/24 Summer Term`); a calendar year
// (`Calendar year 2015`). Words around the span (`2022/23 b Revised`) are allowed. Text that names
// none of these is not read (and the rule says so, rather than guess).

import { endMonth, parseIsoDate, parsePeriod } from './period.js';
import type { Frequency } from './types.js';

/** A month as one number: year × 12 + month − 1 (January 2019 is 2019 × 12). */
export type MonthIndex = number;

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
/** A month name and a year after it: `Dec 2019`, `April 18` (a two-digit year only after a month). */
const MONTH_RE = /\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+(\d{4}|\d{2})(?![\d/.-])/gi;
/** A financial (or academic) year, with its quarter: `2019/20`, `2019-20 Q3`. */
const YEAR_RE = /(?<![\d/.-])(\d{4})\s*[/-]\s*(\d{2})(?:\s+[Qq]([1-4]))?(?![\d/.-])/g;
/** A date: ISO `2024-10-10`, or day first `10.10.24`, `10/10/2024`. */
const DATE_RE = /(?<![\d/.-])(?:(\d{4})-(\d{2})-(\d{2})|(\d{1,2})[./](\d{1,2})[./](\d{4}|\d{2}))(?![\d/.-])/g;
/** Where each school term ends (index of the month): spring in April, summer in July, autumn in December. */
const TERM_END: Readonly<Record<string, number>> = { spring: 3, summer: 6, autumn: 11 };

/** A two-digit year as a four-digit one: 17 is 2017 (council reports are this century). */
function fullYear(y: string): number {
  return y.length === 2 ? 2000 + Number(y) : Number(y);
}

/**
 * The month an as-of runs to, or undefined when the text names no span ragtop can read. The most
 * precise span named wins: a date, then a school term, then a month, then a financial or academic
 * year (or quarter), then a calendar year; where a kind appears twice (`Jan 2019 to Dec 2019`),
 * the last one.
 */
export function asOfEnd(text: string, frequency: Frequency): MonthIndex | undefined {
  // Stryker disable next-line MethodExpression: no pattern below is anchored, blanks at the ends change nothing
  const t = text.trim();
  let end: MonthIndex | undefined;
  for (const m of t.matchAll(DATE_RE)) {
    // One of the pattern's two branches matched: ISO (year, month, day) or day first.
    const [, isoYear, isoMonth, isoDay, day, dayMonth, dayYear = ''] = m;
    const [y, mo, d] = isoYear !== undefined ? [Number(isoYear), Number(isoMonth), Number(isoDay)] : [fullYear(dayYear), Number(dayMonth), Number(day)];
    if (parseIsoDate(`${y}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`)) end = y * 12 + mo - 1;
  }
  if (end !== undefined) return end;
  const years = [...t.matchAll(YEAR_RE)].filter((m) => parsePeriod(`${m[1]}/${m[2]}`) !== undefined);
  const term = /\b(spring|summer|autumn)\s+term\b/i.exec(t);
  const month = term ? TERM_END[term[1]?.toLowerCase() ?? ''] : undefined;
  if (month !== undefined) {
    // In an academic year (2023/24) the autumn term is in its first calendar year, the others in its second.
    const year = years.at(-1);
    if (year) return (Number(year[1]) + (month === 11 ? 0 : 1)) * 12 + month;
    const single = t.match(/\b\d{4}\b/g);
    if (single?.length === 1) return Number(single[0]) * 12 + month;
  }
  for (const [, name = '', year = ''] of t.matchAll(MONTH_RE)) end = fullYear(year) * 12 + MONTHS.indexOf(name.toLowerCase().slice(0, 3));
  if (end !== undefined) return end;
  const last = years.at(-1);
  if (last) {
    const p = parsePeriod(`${last[1]}/${last[2]}${last[3] ? ` Q${last[3]}` : ''}`);
    // Stryker disable next-line ConditionalExpression: `years` holds only text parsePeriod reads
    if (p) {
      // An academic year runs September to August: 2017/18 ends in August 2018.
      if (p.q === undefined && frequency === 'academic_year') return (p.fy + 1) * 12 + 7;
      return endMonth(p) - 1;
    }
  }
  const calendar = [...t.matchAll(/(?<![\d/.-])(\d{4})(?![\d/.-])/g)].at(-1);
  return calendar ? Number(calendar[1]) * 12 + 11 : undefined;
}

/** How many months one figure of a frequency covers. */
export function spanMonths(f: Frequency): number {
  return f === 'monthly' ? 1 : f === 'quarterly' ? 3 : f === 'biennial' ? 24 : 12;
}

/** A publication lag, unless the metric gives one: a figure appears within the quarter after its span. */
export const DEFAULT_LAG_MONTHS = 3;

const MONTH_NAMES = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** `Dec 2019`. */
export function formatMonth(m: MonthIndex): string {
  return `${MONTH_NAMES[((m % 12) + 12) % 12]} ${Math.floor(m / 12)}`;
}

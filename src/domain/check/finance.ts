// FINANCE_TOTAL: a budget monitoring table's stated totals against the sum of its lines.

import { maxOf } from '../arrays.js';
import { formatNumber } from '../format.js';
import { showText } from '../text.js';
import type { Finance, Finding, PeriodData, Written } from '../types.js';
import { f, withinPrecision } from './finding.js';

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

export function financeChecks(d: PeriodData, out: Finding[]): void {
  const fin = d.finance;
  if (!fin) return;
  const n = fin.lines.length;
  const checks = financeTotalChecks(fin);
  for (const column of ['budget', 'forecast'] as const) {
    const t = checks.find((c) => c.column === column);
    const id = `total.${column}`;
    if (t?.overflows) {
      out.push(f({ code: 'FINANCE_TOTAL', loc: t.stated.loc, message: `stated ${column} total ${formatNumber(t.stated.value, t.stated.decimals)} cannot be checked: the sum of its ${n} lines overflows`, id }));
    } else if (t && !t.matches) {
      out.push(f({ code: 'FINANCE_TOTAL', loc: t.stated.loc, message: `stated ${column} total ${formatNumber(t.stated.value, t.stated.decimals)} ≠ ${formatNumber(t.sum, t.decimals)}, the sum of its ${n} lines`, id }));
    } else if (!t && !Number.isFinite(financeSum(fin, column))) {
      out.push(f({ code: 'FINANCE_TOTAL', loc: fin.loc, message: `the ${column} total cannot be computed: the sum of the ${n} lines overflows`, id }));
    }
  }
  for (const l of fin.lines) {
    if (!Number.isFinite(l.forecast.value - l.budget.value)) {
      out.push(f({ code: 'FINANCE_TOTAL', loc: l.loc, message: `the variance of '${showText(l.area)}' cannot be computed: forecast − budget overflows` }));
    }
  }
}


// CLAIM_MISMATCH: the figures a report's narrative states about its own KPIs, against the data and
// against each other.

import { formatNumber } from '../format.js';
import type { PeriodEval } from '../evaluate.js';
import { showText } from '../text.js';
import type { Claim, Finding, SummaryFigure } from '../types.js';
import { f, withinPrecision } from './finding.js';

export function claimChecks(pe: PeriodEval, out: Finding[]): void {
  claimConsistency(pe.data.claims, out);
  // A summary publishes counts without the KPIs' figures: there is no data to hold them against.
  if (pe.data.summaryOnly) return;
  for (const claim of pe.data.claims) {
    const actual = pe.summary[claim.figure];
    if (withinPrecision(actual, claim.value)) continue;
    const s = pe.summary;
    const shownActual = formatNumber(actual, Math.max(claim.value.decimals, claim.figure === 'percent_achieving' ? 1 : 0));
    const basis = claim.figure === 'percent_achieving' ? ` (${s.green_count} green of ${s.rated_count} rated KPIs)` : '';
    out.push(f({ code: 'CLAIM_MISMATCH', loc: claim.value.loc, message: `"${showText(claim.says, 200)}": ${claim.figure} is ${formatNumber(claim.value.value, claim.value.decimals)} in the claim but ${shownActual} in the data${basis}`, id: claim.figure }));
  }
}

/** The largest count a claim set is searched over for a percentage that has no stated base. */
const MAX_BASE = 10_000;

/**
 * A period's claims against each other, whatever the data says: counts are whole and not negative;
 * rated + unrated = reported, green + amber + red = rated, none above the KPIs in the catalogue;
 * and percent_achieving is some whole number of the rated KPIs (of those claimed, else of any
 * number up to the KPI count): "54.8% of 41 rated" is impossible, since no n/41 rounds to 54.8%.
 */
function claimConsistency(claims: readonly Claim[], out: Finding[]): void {
  const say = (c: Claim) => `"${showText(c.says, 200)}"`;
  const bad = (c: Claim, why: string) => out.push(f({ code: 'CLAIM_MISMATCH', loc: c.value.loc, message: `${say(c)}: ${why}`, id: c.figure }));
  const by = new Map<string, Claim>();
  for (const c of claims) {
    const first = by.get(c.figure);
    if (first === undefined) by.set(c.figure, c);
    // The same figure claimed twice must be the same number, to the precision of each.
    else if (!withinPrecision(first.value.value, c.value) && !withinPrecision(c.value.value, first.value)) {
      bad(c, `${c.figure} is ${formatNumber(c.value.value, c.value.decimals)} here but ${formatNumber(first.value.value, first.value.decimals)} in ${say(first)} (line ${first.value.loc.line})`);
    }
  }
  const v = (k: SummaryFigure) => by.get(k)?.value.value;
  for (const c of by.values()) {
    if (c.figure !== 'percent_achieving' && (!Number.isInteger(c.value.value) || c.value.value < 0)) bad(c, `${c.figure} ${formatNumber(c.value.value, c.value.decimals)} is not a whole number of KPIs`);
  }
  const sums: Array<[SummaryFigure, readonly SummaryFigure[]]> = [
    ['reported_count', ['rated_count', 'unrated_count']],
    ['rated_count', ['green_count', 'amber_count', 'red_count']],
  ];
  for (const [total, parts] of sums) {
    const t = by.get(total);
    const values = parts.map(v).filter((x) => x !== undefined);
    if (!t || values.length < parts.length) continue;
    const sum = values.reduce((a, b) => a + b, 0);
    if (sum !== t.value.value) bad(t, `${total} ${t.value.value} ≠ ${parts.map((p, i) => `${p} ${values[i]}`).join(' + ')} = ${sum}, claimed alongside it`);
  }
  const kpis = by.get('kpi_count');
  if (kpis) {
    for (const c of by.values()) {
      if (c.figure === 'kpi_count' || c.figure === 'percent_achieving' || !(c.value.value > kpis.value.value)) continue;
      bad(c, `${c.figure} ${c.value.value} is more than the ${kpis.value.value} KPIs claimed in all (kpi_count)`);
    }
  }
  const pct = by.get('percent_achieving');
  if (!pct) return;
  const rated = v('rated_count');
  const green = v('green_count');
  if (rated !== undefined && green !== undefined) {
    if (rated > 0 && !withinPrecision((green / rated) * 100, pct.value)) bad(pct, `${green} green of ${rated} rated is ${formatNumber((green / rated) * 100, Math.max(1, pct.value.decimals))}%, not ${formatNumber(pct.value.value, pct.value.decimals)}%, by the counts claimed alongside it`);
    return;
  }
  if (rated !== undefined) {
    if (!Number.isInteger(rated) || rated <= 0) return;
    const x = (pct.value.value / 100) * rated;
    const near = [...new Set([Math.floor(x), Math.ceil(x)])].filter((k) => k >= 0 && k <= rated);
    if (near.some((k) => withinPrecision((k / rated) * 100, pct.value))) return;
    const shown = near.map((k) => `${k}/${rated} = ${formatNumber((k / rated) * 100, Math.max(1, pct.value.decimals))}%`).join(', ');
    bad(pct, `no whole number of the ${rated} rated KPIs claimed is ${formatNumber(pct.value.value, pct.value.decimals)}% (${shown})`);
    return;
  }
  // No base claimed: some whole number of some count up to the KPIs claimed must give it.
  const most = Math.min(MAX_BASE, kpis !== undefined && Number.isInteger(kpis.value.value) ? kpis.value.value : MAX_BASE);
  for (let r = 1; r <= most; r++) {
    const n = Math.round((pct.value.value / 100) * r);
    if (n >= 0 && n <= r && withinPrecision((n / r) * 100, pct.value)) return;
  }
  if (most >= 1) bad(pct, `no whole number of KPIs out of any count up to ${most} is ${formatNumber(pct.value.value, pct.value.decimals)}%`);
}


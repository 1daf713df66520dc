// The summary figures as the data contract defines them: kpi_count is every KPI of the catalogue,
// reported_count those with a figure this period.
import { describe, expect, it } from 'vitest';
import { runChecks } from '../../src/domain/checks.js';
import { evaluate } from '../../src/domain/evaluate.js';
import { catalogue, loadTree } from '../helpers.js';

const kpis = ['a', 'b', 'c', 'd'].map((id) => `      - { id: ${id}, title: KPI ${id}, unit: percent, good: high, target: 50 }\n`).join('');

function checked(claims: string) {
  const loaded = loadTree({
    'catalogue.yaml': catalogue(kpis),
    'q1.yaml': `period: 2019/20 Q1\nobservations:\n  a: { value: 60 }\n  b: { value: 40 }\n  c: { value: 70 }\nclaims:\n${claims}`,
  });
  if (!loaded.dataset) throw new Error(loaded.findings.map((f) => `${f.code} ${f.message}`).join('; '));
  const ev = evaluate(loaded.dataset);
  return { summary: ev.periods[0]?.summary, claims: runChecks(ev).filter((f) => f.code === 'CLAIM_MISMATCH') };
}

describe('summary figures', () => {
  it('kpi_count counts the catalogue, reported_count the KPIs with a figure', () => {
    const { summary } = checked('  - { says: "x", figure: percent_achieving, value: 66.7 }\n');
    expect(summary).toMatchObject({ kpi_count: 4, reported_count: 3, rated_count: 3, unrated_count: 0, green_count: 2, red_count: 1 });
  });

  it('a claim of reported_count is checked against the KPIs reported', () => {
    expect(checked('  - { says: "Three KPIs were reported", figure: reported_count, value: 3 }\n').claims).toEqual([]);
    expect(checked('  - { says: "Four KPIs were reported", figure: reported_count, value: 4 }\n').claims).toHaveLength(1);
  });

  it('a claim of kpi_count that counted only the reported KPIs is flagged', () => {
    expect(checked('  - { says: "The dashboard has 4 KPIs", figure: kpi_count, value: 4 }\n').claims).toEqual([]);
    expect(checked('  - { says: "The dashboard has 3 KPIs", figure: kpi_count, value: 3 }\n').claims).toHaveLength(1);
  });
});

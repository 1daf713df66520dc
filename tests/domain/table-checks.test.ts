// A published table's rows against its total row, and a finance table's totals against its lines,
// to the precision written: half a unit in the last place of the total and of each rounded row.
import { describe, expect, it } from 'vitest';
import { runChecks } from '../../src/domain/checks.js';
import { catalogue, evaluateTree } from './../helpers.js';

const kpis = '      - { id: m, title: M, unit: count, good: high }\n';

function found(code: string, body: string): string[] {
  return runChecks(evaluateTree({ 'catalogue.yaml': catalogue(kpis), 'q.yaml': `period: 2019/20 Q1\n${body}` }))
    .filter((f) => f.code === code)
    .map((f) => `${f.line}:${f.column} ${f.message}`);
}

const table = (rows: string[], total: string, adds = '') =>
  `tables:\n  - title: Staff\n    columns: [Leavers, Rate]\n${adds}    rows:\n${rows.map((r) => `      - ${r}\n`).join('')}    total: ${total}\n`;

describe("a table's total row", () => {
  it('a column that does not add up, at the total cell, with the sum to the places written', () => {
    expect(found('NARRATIVE_ARITHMETIC', table(['[A, 10, 1.5]', '[B, 20, 2.25]'], '[Total, 31, 3.75]'))).toEqual([
      "8:20 table 'Staff': the 2 rows of 'Leavers' add to 30, but its 'Total' row gives 31",
    ]);
  });
  it('rounded rows may be out by half a unit each; a whole row is exact', () => {
    // 1.2 + 2.3 = 3.5; the two rows and the total may each be 0.05 off: 3.6 is within that, 3.7 is not.
    expect(found('NARRATIVE_ARITHMETIC', table(['[A, 10, 1.2]', '[B, 20, 2.3]'], '[Total, 30, 3.6]'))).toEqual([]);
    expect(found('NARRATIVE_ARITHMETIC', table(['[A, 10, 1.2]', '[B, 20, 2.3]'], '[Total, 30, 3.7]'))).toEqual([
      "8:24 table 'Staff': the 2 rows of 'Rate' add to 3.5, but its 'Total' row gives 3.7",
    ]);
    // A total written to a place may be 0.05 off the exact sum of whole rows.
    expect(found('NARRATIVE_ARITHMETIC', table(['[A, 10, 1]', '[B, 20, 2]'], '[Total, 30, 3.0]'))).toEqual([]);
    expect(found('NARRATIVE_ARITHMETIC', table(['[A, 10, 1]', '[B, 20, 2]'], '[Total, 30, 3.1]'))).toEqual([
      "8:24 table 'Staff': the 2 rows of 'Rate' add to 3.0, but its 'Total' row gives 3.1",
    ]);
  });
  it('only the columns that add; a single row is no sum; an empty cell is left out', () => {
    expect(found('NARRATIVE_ARITHMETIC', table(['[A, 10, 1.5]', '[B, 20, 2.25]'], '[Total, 31, 9]', '    adds: [Rate]\n'))).toEqual([
      "9:24 table 'Staff': the 2 rows of 'Rate' add to 3.75, but its 'Total' row gives 9",
    ]);
    expect(found('NARRATIVE_ARITHMETIC', table(['[A, 10, 1.5]'], '[Total, 11, 1.5]'))).toEqual([]);
    expect(found('NARRATIVE_ARITHMETIC', table(['[A, 10, 1.5]', '[B, 20, null]', '[C, 5, 1]'], '[Total, 35, 2.5]'))).toEqual([]);
  });
});

describe("a finance table's totals", () => {
  const finance = (lines: string[], total: string) => `finance:\n  unit: £m\n  lines:\n${lines.map((l) => `    - ${l}\n`).join('')}  total: ${total}\n`;
  it('right to the places written, however large, whatever a float adds', () => {
    expect(found('FINANCE_TOTAL', finance(['{ area: A, budget: 5.05, forecast: 5 }', '{ area: B, budget: 5, forecast: 5 }'], '{ budget: 10.0, forecast: 10 }'))).toEqual([]);
    expect(
      found('FINANCE_TOTAL', finance(['{ area: A, budget: 500000000.05, forecast: 1 }', '{ area: B, budget: 500000000, forecast: 1 }'], '{ budget: 1000000000.0, forecast: 2 }')),
    ).toEqual([]);
  });
  it('the sum shown to the most places of the total or any line', () => {
    expect(found('FINANCE_TOTAL', finance(['{ area: A, budget: 1.125, forecast: 1 }', '{ area: B, budget: 2, forecast: 1 }'], '{ budget: 3.5, forecast: 2 }'))).toEqual([
      '7:20 stated budget total 3.5 ≠ 3.125, the sum of its 2 lines',
    ]);
  });
});

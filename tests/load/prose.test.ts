// A finding about one statement in a long commentary points at that statement's own line and
// column, whatever the scalar style: a literal or folded block, a plain scalar folded over lines, a
// quoted list item.

import { describe, expect, it } from 'vitest';
import { runChecks } from '../../src/domain/checks.js';
import { catalogue, evaluateTree } from '../helpers.js';

function where(commentary: string): Array<[number, number]> {
  const ev = evaluateTree({
    'catalogue.yaml': catalogue('      - { id: m, title: Reviews, unit: count, good: high }\n'),
    '2024-25-Q2.yaml': `period: 2024/25 Q2\nobservations:\n  m: { value: 1 }\ncommentary:\n${commentary}`,
  });
  return runChecks(ev)
    .filter((f) => f.code === 'NARRATIVE_ARITHMETIC')
    .map((f) => [f.line, f.column]);
}

describe('the line of a statement in prose', () => {
  it('a literal block: the line of the statement', () => {
    expect(where('  m: |\n    First line.\n    Second line.\n    Third: 12 + 7 = 20.\n')).toEqual([[8, 5]]);
  });
  it('a plain scalar folded over lines', () => {
    expect(where('  m: First part of it,\n    and then 12 + 7 = 20.\n')).toEqual([[6, 5]]);
  });
  it('a one-line value: where the value starts', () => {
    expect(where('  m: Sums are 12 + 7 = 20.\n')).toEqual([[5, 6]]);
  });
  it('a quoted list item', () => {
    expect(where('  m:\n    issues:\n      - "Fine."\n      - "12 + 7 = 20."\n')).toEqual([[8, 9]]);
  });
});

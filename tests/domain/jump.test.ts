// SUSPICIOUS_JUMP with context (issue: checks a publisher can trust), from the 2019/20 report (002):
// Boost jobs "19.94 jobs - Target 25" then "117 jobs - Target 50", and the revenue variance 0.06%
// then 1.5%. Neither is a typo; a real slip in either still is.

import { describe, expect, it } from 'vitest';
import { runChecks } from '../../src/domain/checks.js';
import { catalogue, evaluateTree } from './../helpers.js';

function jumps(kpi: string, q1: string, q2: string, earlier = '') {
  const ev = evaluateTree({
    'catalogue.yaml': catalogue(kpi),
    ...(earlier ? { '2018-19.yaml': `period: 2018/19\nobservations:\n  m: ${earlier}\n` } : {}),
    '2019-20-Q1.yaml': `period: 2019/20 Q1\nobservations:\n  m: ${q1}\n`,
    '2019-20-Q2.yaml': `period: 2019/20 Q2\nobservations:\n  m: ${q2}\n`,
  });
  return runChecks(ev).filter((f) => f.code === 'SUSPICIOUS_JUMP');
}

const boost = '      - { id: m, title: Jobs created by Boost, unit: count, good: high }\n';
const variance = '      - { id: m, title: Revenue variance, unit: percent, good: low, target: 0, amber: 1, allow_negative: true }\n';

describe('SUSPICIOUS_JUMP', () => {
  it('a programme ramping up against targets that rise alike is not a typo', () => {
    expect(jumps(boost, '{ value: 19.94, target: 25 }', '{ value: 117, target: 50 }')).toEqual([]);
  });

  it('a jump far beyond the targets’ own move is flagged, and says what it was compared with', () => {
    const f = jumps(boost, '{ value: 19.94, target: 25 }', '{ value: 1170, target: 50 }');
    expect(f).toHaveLength(1);
    expect(f[0]?.message).toContain('from 19.94 (2019/20 Q1) to 1,170');
    expect(f[0]?.message).toContain('its target moved from 25 to 50');
  });

  it('without targets, the 5× rule stands', () => {
    expect(jumps(boost, '{ value: 19.94 }', '{ value: 117 }')).toHaveLength(1);
    expect(jumps(boost, '{ value: 19.94 }', '{ value: 90 }')).toEqual([]);
  });

  it('a signed value near zero is judged by an absolute change, not its ratio', () => {
    expect(jumps(variance, '{ value: 0.06 }', '{ value: 1.5 }', '{ value: -2.52 }')).toEqual([]);
    const typo = jumps(variance, '{ value: 0.06 }', '{ value: 150 }', '{ value: -2.52 }');
    expect(typo).toHaveLength(1);
    expect(typo[0]?.message).toContain('the usual size of its figures');
  });
});

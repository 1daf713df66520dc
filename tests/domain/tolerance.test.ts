// Tolerance as published (issue: checks a publisher can trust). The cases are the 2024/25 Q2
// report's own figures (003): reported ambers the councils judged without publishing a band, a 0
// target, a point target "On Target" met by an underspend of 1.98%.

import { describe, expect, it } from 'vitest';
import { runChecks } from '../../src/domain/checks.js';
import { catalogue, evaluateTree, loadTree, metricEval } from './../helpers.js';

function rate(metric: string, obs: string, extra = '') {
  const ev = evaluateTree({ 'catalogue.yaml': catalogue(metric, extra), '2024-25-Q2.yaml': `period: 2024/25 Q2\nobservations:\n  m: ${obs}\n` });
  const m = metricEval(ev, '2024/25 Q2', 'm');
  return { m, findings: runChecks(ev).filter((f) => f.code !== 'NO_COMMENTARY') };
}

const hv = (amber = '') => `      - { id: m, title: Health visitor checks, unit: percent, good: high, target: 95${amber} }\n`;

describe('amber: unpublished', () => {
  // "89.8% (2697 of 3005)" against 95%, published amber ("!"): the council's judgement.
  it('a reported amber on a missed target is accepted', () => {
    const { m, findings } = rate(hv(', amber: unpublished'), '{ value: 89.8, rag: amber }');
    expect(m.computed).toBe('red');
    expect(m.mismatch).toBe(false);
    expect(findings).toEqual([]);
    expect(m.why).toBe('89.8% vs target 95% (high is good): 5.2 below target; the amber band is not published → red');
  });

  it('the catalogue may say it for every metric', () => {
    const { m } = rate(hv(), '{ value: 89.8, rag: amber }', 'rag: { amber: unpublished }\n');
    expect([m.computed, m.mismatch]).toEqual(['red', false]);
  });

  // "78 sites surveyed ... slightly behind the cumulative Q2 target of 105" yet rated ✓.
  it('a reported green on a missed target is still a mismatch', () => {
    const { m, findings } = rate(hv(', amber: unpublished'), '{ value: 78, rag: green }');
    expect(m.mismatch).toBe(true);
    expect(findings.map((f) => f.code)).toEqual(['RAG_MISMATCH']);
  });

  it('a reported red or amber on a met target is a mismatch', () => {
    expect(rate(hv(', amber: unpublished'), '{ value: 96, rag: red }').m.mismatch).toBe(true);
    expect(rate(hv(', amber: unpublished'), '{ value: 96, rag: amber }').m.mismatch).toBe(true);
  });

  it('a met target is green, a missed one red: there is no amber to compute', () => {
    expect(rate(hv(', amber: unpublished'), '{ value: 95 }').m.computed).toBe('green');
    expect(rate(hv(', amber: unpublished'), '{ value: 94.99 }').m.computed).toBe('red');
  });
});

describe('absolute and relative tolerances', () => {
  // Road condition (003): published ratings that fit an absolute band of about 0.2 points.
  it('an absolute tolerance is in the metric’s unit', () => {
    const road = (v: string) => rate('      - { id: m, title: Road condition C, unit: percent, good: low, target: 6.02, amber: 0.2 }\n', v).m.computed;
    expect(road('{ value: 6.30 }')).toBe('red');
    expect(road('{ value: 6.20 }')).toBe('amber');
  });

  // Revenue variance (003): target 0%, 1.54% overspend published amber.
  it('a relative tolerance of a 0 target is a configuration finding asking for an absolute one', () => {
    const { findings } = rate('      - { id: m, title: Revenue variance, unit: percent, good: low, target: 0, allow_negative: true }\n', '{ value: 1.54, rag: amber }');
    const config = findings.filter((f) => f.code === 'TOLERANCE_CONFIG');
    expect(config).toHaveLength(1);
    expect(config[0]?.file.endsWith('catalogue.yaml')).toBe(true);
    expect(config[0]?.message).toContain('absolute');
  });

  it('an absolute tolerance of a 0 target raises nothing about the configuration', () => {
    const { m, findings } = rate('      - { id: m, title: Revenue variance, unit: percent, good: low, target: 0, amber: 2, allow_negative: true }\n', '{ value: 1.54, rag: amber }');
    expect([m.computed, m.mismatch]).toEqual(['amber', false]);
    expect(findings).toEqual([]);
  });

  it('an observation’s own 0 target with a relative tolerance is found at that target', () => {
    const { findings } = rate(hv(), '{ value: 1.5, target: 0 }');
    expect(findings.filter((f) => f.code === 'TOLERANCE_CONFIG').map((f) => f.line)).toEqual([3]);
  });
});

describe('a point target with a band (good: target, on_target)', () => {
  // Capital forecast (003): target £192.365m, "On Target", forecast £188.566m, "an underspend of
  // £3.799m (1.98%)", published ✓.
  const capital = (w: string) => `      - { id: m, title: Capital forecast, unit: currency, scale: m, good: target, target: 192.365${w} }\n`;
  it('without a band, only the exact figure meets it (as the contract says)', () => {
    expect(rate(capital(''), '{ value: 188.57 }').m.computed).not.toBe('green');
  });
  it('within the band the figure meets it, and the rule says so', () => {
    const { m, findings } = rate(capital(', on_target: 2%'), '{ value: 188.57, rag: green }');
    expect([m.computed, m.mismatch]).toEqual(['green', false]);
    expect(findings).toEqual([]);
    expect(m.why).toContain('£192.365m ± 2%');
  });
  it('outside the band, the amber tolerance is measured from its edge', () => {
    expect(rate(capital(', on_target: 2%, amber: 1'), '{ value: 187.6 }').m.computed).toBe('amber');
    expect(rate(capital(', on_target: 2%, amber: 1'), '{ value: 186 }').m.computed).toBe('red');
  });
  it('on_target needs good: target', () => {
    const loaded = loadTree({ 'catalogue.yaml': catalogue(hv(', on_target: 2%')), '2024-25-Q2.yaml': 'period: 2024/25 Q2\n' });
    expect(loaded.findings.map((f) => f.code)).toEqual(['SCHEMA']);
  });
});

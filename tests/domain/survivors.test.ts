// Mutants that once survived the suite (issue 16), each with the test that now kills it. Every
// case is a rule of the data contract, checked at the rule's edge (the register's movements are
// in risk-format.test.ts).
import { describe, expect, it } from 'vitest';
import { computeRag } from '../../src/domain/rag.js';
import type { Tolerance } from '../../src/domain/types.js';
import { catalogue, evaluateTree, metricEval } from '../helpers.js';

const kpi = (id: string, fields: string) => `      - id: ${id}\n        title: ${id}\n${fields
  .trim()
  .split('\n')
  .map((l) => `        ${l.trim()}`)
  .join('\n')}\n`;

const TEN_PERCENT: Tolerance = { kind: 'relative', fraction: 0.1, text: '10%' };

describe('change: increase is strict', () => {
  const ev = evaluateTree({
    'catalogue.yaml': catalogue(kpi('visits', 'unit: count\ngood: high\ntarget: { change: increase }\nfrequency: quarterly')),
    'a.yaml': 'period: 2018/19 Q3\nobservations:\n  visits: { value: 100 }\n',
    'b.yaml': 'period: 2019/20 Q3\nobservations:\n  visits: { value: 100 }\n',
  });
  it('the same figure as a year earlier is not an increase', () => {
    const m = metricEval(ev, '2019/20 Q3', 'visits');
    expect(m.target).toEqual({ kind: 'value', value: 100, strict: true });
    expect(m.computed).not.toBe('green');
  });
  it('nor is one a hair above it (within the float tolerance)', () => {
    expect(computeRag(100 + 1e-12, 'high', { kind: 'value', value: 100, strict: true }, TEN_PERCENT).meets).toBe(false);
    expect(computeRag(101, 'high', { kind: 'value', value: 100, strict: true }, TEN_PERCENT).meets).toBe(true);
  });
});

describe("a band's tolerance is a share of the bound that is missed", () => {
  // Band 80–90, 10%: 8 below the band (of 80), 9 above it (of 90). A gap of 8.5 tells them apart.
  const band = { kind: 'band', min: 80, max: 90 } as const;
  it('good: target, below the band: of its minimum', () => {
    expect(computeRag(71.5, 'target', band, TEN_PERCENT).rag).toBe('red');
    expect(computeRag(72.5, 'target', band, TEN_PERCENT).rag).toBe('amber');
  });
  it('good: target, above the band: of its maximum', () => {
    expect(computeRag(98.5, 'target', band, TEN_PERCENT).rag).toBe('amber');
    expect(computeRag(99.5, 'target', band, TEN_PERCENT).rag).toBe('red');
  });
  it('good: high misses the minimum; good: low the maximum', () => {
    expect(computeRag(71.5, 'high', band, TEN_PERCENT)).toMatchObject({ rag: 'red', tolerance: 8 });
    expect(computeRag(98.5, 'low', band, TEN_PERCENT)).toMatchObject({ rag: 'amber', tolerance: 9 });
  });
});

describe('the float tolerance is for rounding noise, not for figures', () => {
  it('999.95 does not meet 1000, and 1000 − 1e-10 does', () => {
    expect(computeRag(999.95, 'high', { kind: 'value', value: 1000 }, { kind: 'unpublished', text: 'unpublished' }).meets).toBe(false);
    expect(computeRag(1000 - 1e-10, 'high', { kind: 'value', value: 1000 }, { kind: 'unpublished', text: 'unpublished' }).meets).toBe(true);
    expect(computeRag(0.1 + 0.2, 'low', { kind: 'value', value: 0.3 }, TEN_PERCENT).meets).toBe(true);
  });
});

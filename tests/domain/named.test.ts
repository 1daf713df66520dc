// The pieces the evaluation is written with: coded columns, positions known to exist, the one
// severity order, the rating record's reason for an unrated figure, and the risk words the schema
// reads from the domain.
import { describe, expect, it } from 'vitest';
import { itemAt } from '../../src/domain/arrays.js';
import { Coded, flags } from '../../src/domain/coded.js';
import { indexOf } from '../../src/domain/evaluate-index.js';
import { rateMetric } from '../../src/domain/rate-metric.js';
import { compareRag, RAGS_BEST_FIRST, RAGS_WORST_FIRST } from '../../src/domain/rag.js';
import { ALMOST_CERTAIN, IMPACT_INPUT_WORDS, IMPACT_WORDS, LIKELIHOOD_INPUT_WORDS, LIKELIHOOD_WORDS, OPPORTUNITY_TOP_WORD, parseImpact, parseLikelihood } from '../../src/domain/risk.js';
import type { Rag } from '../../src/domain/types.js';
import { PeriodSchema } from '../../src/load/schema.js';
import { catalogue, evaluateTree, metricEval } from '../helpers.js';

describe('a coded column', () => {
  it('holds the first value in a row not yet set, and what was set in each row', () => {
    const col = new Coded<Rag>(['unrated', 'green', 'amber', 'red'], 3);
    expect([col.get(0), col.get(1), col.get(2)]).toEqual(['unrated', 'unrated', 'unrated']);
    col.set(0, 'red');
    col.set(2, 'green');
    col.set(0, 'amber');
    expect([col.get(0), col.get(1), col.get(2)]).toEqual(['amber', 'unrated', 'green']);
    expect(col.length).toBe(3);
  });

  it('keeps undefined as a value like any other', () => {
    const col = new Coded<'up' | 'down' | undefined>([undefined, 'up', 'down'], 2);
    col.set(1, 'down');
    expect([col.get(0), col.get(1)]).toEqual([undefined, 'down']);
    col.set(1, undefined);
    expect(col.get(1)).toBeUndefined();
  });

  it('refuses a value outside its list and a row outside the column, rather than dropping the write', () => {
    const col = new Coded<string>(['a', 'b'], 2);
    expect(() => col.set(0, 'c')).toThrow(RangeError);
    expect(() => col.set(2, 'b')).toThrow(RangeError);
    expect(() => col.set(-1, 'b')).toThrow(RangeError);
    expect([col.get(0), col.get(1)]).toEqual(['a', 'a']);
  });

  it('holds at most 256 values (one byte each)', () => {
    const values = (n: number): [number, ...number[]] => [0, ...Array.from({ length: n - 1 }, (_, i) => i + 1)];
    expect(() => new Coded(values(257), 1)).toThrow(RangeError);
    const most = new Coded(values(256), 1);
    most.set(0, 255);
    expect(most.get(0)).toBe(255);
  });

  it('flags are no until set', () => {
    const yes = flags(2);
    yes.set(1, true);
    expect([yes.get(0), yes.get(1)]).toEqual([false, true]);
  });
});

describe('itemAt', () => {
  it('gives the item at a position, of a list or a typed array', () => {
    expect(itemAt(['a', 'b'], 1)).toBe('b');
    expect(itemAt(new Int16Array([4, 0, -1]), 1)).toBe(0);
  });

  it('throws for a position that is not there, rather than passing undefined on', () => {
    expect(() => itemAt(['a'], 1)).toThrow(RangeError);
    expect(() => itemAt(new Float64Array(2), -1)).toThrow(RangeError);
  });
});

describe('the severity order, written once', () => {
  it('is red, amber, green, then unrated', () => {
    expect(RAGS_WORST_FIRST).toEqual(['red', 'amber', 'green', 'unrated']);
    const shuffled: Rag[] = ['green', 'unrated', 'red', 'amber', 'green', 'red'];
    expect([...shuffled].sort(compareRag)).toEqual(['red', 'red', 'amber', 'green', 'green', 'unrated']);
    expect(compareRag('amber', 'amber')).toBe(0);
  });

  it('gives the order counts are written in: the rated best first, then unrated', () => {
    expect(RAGS_BEST_FIRST).toEqual(['green', 'amber', 'red', 'unrated']);
  });
});

describe('the risk words, one list read by the schema', () => {
  const entry = (impact: string, likelihood: string) => ({ period: '2019/20 Q1', register: [{ id: 'R1', title: 'A risk', inherent: { impact, likelihood } }] });

  it('every word a file may write parses, and the schema accepts it (in any case)', () => {
    expect(IMPACT_INPUT_WORDS).toEqual([...IMPACT_WORDS, OPPORTUNITY_TOP_WORD]);
    expect(LIKELIHOOD_INPUT_WORDS).toEqual([...LIKELIHOOD_WORDS, ALMOST_CERTAIN]);
    for (const w of IMPACT_INPUT_WORDS) {
      expect(parseImpact(w)).toBeGreaterThanOrEqual(1);
      expect(PeriodSchema.safeParse(entry(w.toUpperCase(), 'rare')).success, w).toBe(true);
    }
    for (const w of LIKELIHOOD_INPUT_WORDS) {
      expect(parseLikelihood(w)).toBeGreaterThanOrEqual(1);
      expect(PeriodSchema.safeParse(entry('minor', w.toUpperCase())).success, w).toBe(true);
    }
  });

  it('the schema refuses any other word, naming the list', () => {
    const bad = PeriodSchema.safeParse(entry('severe', 'rare'));
    expect(bad.success).toBe(false);
    expect(JSON.stringify(bad.error?.issues)).toContain(`impact must be one of ${IMPACT_INPUT_WORDS.join(', ')}`);
  });
});

describe('the rating record says why a figure is unrated', () => {
  const kpis = `      - id: ctx
        title: Context
        unit: count
        good: high
      - id: bench
        title: Benchmarked
        unit: percent
        good: high
        target: { benchmark: England }
      - id: yoy
        title: Year on year
        unit: count
        good: high
        target: { change: increase }
      - id: plain
        title: Plain
        unit: count
        good: high
        target: 10
`;
  const q1 = `period: 2019/20 Q1
observations:
  ctx: { value: 3 }
  bench: { value: 50 }
  yoy: { value: 7 }
  plain: { value: null }
`;
  const ev = evaluateTree({ 'catalogue.yaml': catalogue(kpis), 'q1.yaml': q1 });
  const index = indexOf(ev.dataset.catalogue, ev.dataset.periods);
  const slot = itemAt(index.slots, 0);
  const unrated = (id: string) => rateMetric(index, slot, index.metricKeys.at.get(id) ?? -1).unrated;

  it('names each reason, and the words say it', () => {
    expect(['ctx', 'bench', 'yoy', 'plain'].map(unrated)).toEqual(['no target', 'no benchmark', 'no earlier figure', 'no value']);
    expect(metricEval(ev, '2019/20 Q1', 'ctx').why).toBe('no target (a context indicator)');
    expect(metricEval(ev, '2019/20 Q1', 'bench').why).toBe('target is the England benchmark, which is not given for 2019/20 Q1');
    expect(metricEval(ev, '2019/20 Q1', 'yoy').why).toBe('target is a year-on-year increase, and no earlier figure is loaded');
    expect(metricEval(ev, '2019/20 Q1', 'plain').why).toBe('no value given');
  });

  it('a rated figure has no reason, and its result is the one the rule gave', () => {
    const ev2 = evaluateTree({ 'catalogue.yaml': catalogue(kpis), 'q1.yaml': q1.replace('plain: { value: null }', 'plain: { value: 9 }') });
    const index2 = indexOf(ev2.dataset.catalogue, ev2.dataset.periods);
    const r = rateMetric(index2, itemAt(index2.slots, 0), index2.metricKeys.at.get('plain') ?? -1);
    expect(r.unrated).toBeUndefined();
    expect(r.result).toMatchObject({ rag: 'red', meets: false, gap: 1 });
    expect(metricEval(ev2, '2019/20 Q1', 'plain').result).toEqual(r.result);
  });
});

describe("a figure's words, in the glyphs asked for", () => {
  const kpis = `      - id: plain
        title: Plain
        unit: count
        good: high
        target: 10
`;
  const ev = evaluateTree({ 'catalogue.yaml': catalogue(kpis), 'q1.yaml': 'period: 2019/20 Q1\nobservations:\n  plain: { value: 12 }\n' });

  it('gives each glyph its own words, whichever was asked first', () => {
    const m = metricEval(ev, '2019/20 Q1', 'plain');
    expect(m.explain?.('->')).toBe('12 vs target 10 (high is good): meets target -> green');
    expect(m.why).toBe('12 vs target 10 (high is good): meets target → green');
    expect(m.explain?.('->')).toBe('12 vs target 10 (high is good): meets target -> green');
    expect(m.why).toBe(m.why);
  });
});

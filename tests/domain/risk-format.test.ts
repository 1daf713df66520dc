import { describe, expect, it } from 'vitest';
import { decimalsWritten, formatNumber, formatValue } from '../../src/domain/format.js';
import {
  aboveAppetite,
  bandOf,
  cellsForScore,
  describeAssessment,
  movementIsBetter,
  movementOf,
  parseImpact,
  parseLikelihood,
  placeAssessment,
} from '../../src/domain/risk.js';
import { sanitiseText, showText } from '../../src/domain/text.js';
import { entry, loc } from './register-entries.js';


describe('risk scales', () => {
  it.each([
    ['Major', 4],
    ['catastrophic', 5],
    ['OUTSTANDING', 5],
    ['insignificant', 1],
    [3, 3],
    ['3', 3],
  ])('impact %j is %i', (v, n) => expect(parseImpact(v)).toBe(n));
  it.each([
    ['Likely', 4],
    ['almost certain', 5],
    ['rare', 1],
  ])('likelihood %j is %i', (v, n) => expect(parseLikelihood(v)).toBe(n));
  it.each([['huge'], [0], [6], [2.5]])('impact %j is refused', (v) => expect(parseImpact(v)).toBeUndefined());

  it('describes assessments as the register does, with the opportunity word', () => {
    expect(describeAssessment({ impact: 4, likelihood: 4, score: 16, loc }, 'risk')).toBe('16 Major/Likely');
    expect(describeAssessment({ impact: 5, likelihood: 3, score: 15, loc }, 'opportunity')).toBe('15 Outstanding/Possible');
    expect(describeAssessment({ score: 20, loc }, 'risk')).toBe('20');
  });
});

describe('bands and placement', () => {
  it.each([
    [1, 'low'],
    [4, 'low'],
    [5, 'medium'],
    [10, 'medium'],
    [11, 'high'],
    [16, 'high'],
    [17, 'critical'],
    [25, 'critical'],
  ])('score %i is %s with the default bands', (score, name) => expect(bandOf(score)?.name).toBe(name));

  it('places a score alone only where one cell gives it', () => {
    expect(placeAssessment({ score: 16, loc })).toEqual({ placed: true, cell: { impact: 4, likelihood: 4 } });
    expect(placeAssessment({ score: 25, loc })).toEqual({ placed: true, cell: { impact: 5, likelihood: 5 } });
    const twenty = placeAssessment({ score: 20, loc });
    expect(twenty.placed).toBe(false);
    expect(twenty.placed ? [] : twenty.candidates).toEqual([
      { impact: 4, likelihood: 5 },
      { impact: 5, likelihood: 4 },
    ]);
    expect(cellsForScore(7)).toEqual([]);
    expect(placeAssessment({ impact: 2, likelihood: 5, score: 10, loc })).toEqual({ placed: true, cell: { impact: 2, likelihood: 5 } });
  });

  it('judges appetite on risks only, strictly above', () => {
    expect(aboveAppetite(entry('CR1', 16), 12)).toBe(true);
    expect(aboveAppetite(entry('CR1', 12), 12)).toBe(false);
    expect(aboveAppetite(entry('CO1', 16, { kind: 'opportunity' }), 12)).toBe(false);
    expect(aboveAppetite(entry('CR1', 16), undefined)).toBe(false);
  });

  it('computes movement from the residual score', () => {
    expect(movementOf(entry('CR1', 16), entry('CR1', 12), true)).toBe('up');
    expect(movementOf(entry('CR1', 9), entry('CR1', 12), true)).toBe('down');
    expect(movementOf(entry('CR1', 12), entry('CR1', 12), true)).toBe('level');
    expect(movementOf(entry('CR1', 12), undefined, true)).toBe('new');
    // No earlier register loaded: not known to be new, unless the entry says so.
    expect(movementOf(entry('CR1', 12), undefined, false)).toBe('unknown');
    expect(movementOf({ ...entry('CR1', 12), direction: 'New risk' }, undefined, false)).toBe('new');
    expect(movementIsBetter('up', 'risk')).toBe(false);
    expect(movementIsBetter('up', 'opportunity')).toBe(true);
  });
});

describe('formatting', () => {
  it.each([
    ['89.19', 2],
    ['5', 0],
    ['5.0', 1],
    ['1.50e3', 2],
  ])('%s is written to %i decimals', (s, d) => expect(decimalsWritten(s)).toBe(d));
  it('formats units as people read them', () => {
    const base = { currency: 'GBP' };
    expect(formatValue({ ...base, unit: 'percent' }, 89.19, 2)).toBe('89.19%');
    expect(formatValue({ ...base, unit: 'days' }, 7.19, 2)).toBe('7.19 days');
    expect(formatValue({ ...base, unit: 'currency', scale: 'm' }, 188.57, 2)).toBe('£188.57m');
    expect(formatValue({ ...base, unit: 'currency', scale: 'm' }, -1.5, 1)).toBe('-£1.5m');
    expect(formatValue({ ...base, unit: 'rate', per: 10000 }, 5.4, 1)).toBe('5.4 per 10,000');
    expect(formatValue({ ...base, unit: 'count' }, 3629829, 0)).toBe('3,629,829');
    expect(formatValue({ ...base, unit: 'percent', decimals: 1 }, 60.233, 3)).toBe('60.2%');
    expect(formatNumber(-0.001, 1)).toBe('0.0');
  });
});

describe('terminal-safe text', () => {
  it('removes escape sequences and controls, keeps newlines', () => {
    expect(sanitiseText('a\x1b[31mred\x1b[0m b')).toEqual({ text: 'ared b', changed: true });
    expect(sanitiseText('title\x1b]0;pwned\x07 here').text).toBe('title here');
    expect(sanitiseText('clip\x1b]52;c;ZXZpbA==\x1b\\ end').text).toBe('clip end');
    expect(sanitiseText('bell\x07 nul\x00 del\x7f c1\x9b31m').text).toBe('bell nul del c1');
    expect(sanitiseText('rtl \u202Eevil').text).toBe('rtl evil');
    expect(sanitiseText('line one\nline two\ttab')).toEqual({ text: 'line one\nline two tab', changed: false });
    expect(sanitiseText('a\r\nb').text).toBe('a\nb');
    expect(sanitiseText('one\ntwo', false).text).toBe('one two');
  });
  it('shows controls visibly in messages', () => {
    expect(showText('a\x1bb\u202e')).toBe('a\\x1bb\\u202e');
  });
});

describe('register movements (mutants that once survived: issue 16)', () => {
  it('level, new and unknown are neither better nor worse', () => {
    for (const kind of ['risk', 'opportunity'] as const) {
      for (const m of ['level', 'new', 'unknown'] as const) expect(movementIsBetter(m, kind)).toBeUndefined();
    }
    expect(movementIsBetter('down', 'risk')).toBe(true);
    expect(movementIsBetter('up', 'risk')).toBe(false);
    expect(movementIsBetter('up', 'opportunity')).toBe(true);
  });
  it('an entry in both registers with a residual missing on one side is level, not new', () => {
    expect(movementOf(entry('CR1', undefined), entry('CR1', 12), true)).toBe('level');
    expect(movementOf(entry('CR1', 12), entry('CR1', undefined), true)).toBe('level');
    expect(movementOf(entry('CR1', 12), undefined, true)).toBe('new');
    expect(movementOf(entry('CR1', 12), undefined, false)).toBe('unknown');
  });
});

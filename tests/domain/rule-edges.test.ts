// The RAG rule, the risk scales, the as-of reading and message text at their edges: each case is a
// value a report can hold, with what a reader sees for it.
import { describe, expect, it } from 'vitest';
import { asOfEnd, formatMonth, spanMonths } from '../../src/domain/as-of.js';
import { compareRag, computeRag, describeTarget, isRated, pointBand, ragMismatch, rollupCounts, type NumericTarget } from '../../src/domain/rag.js';
import {
  aboveAppetite,
  cellsForScore,
  describeAssessment,
  impactWord,
  likelihoodWord,
  movementIsBetter,
  movementOf,
  parseImpact,
  parseLikelihood,
  placeAssessment,
  registerMovements,
} from '../../src/domain/risk.js';
import { parsePeriod, type Period } from '../../src/domain/period.js';
import { showText } from '../../src/domain/text.js';
import type { PeriodData, RegisterEntry, Tolerance } from '../../src/domain/types.js';
import { entry, loc } from './register-entries.js';

const UNPUBLISHED: Tolerance = { kind: 'unpublished', text: 'unpublished' };
const TEN: Tolerance = { kind: 'relative', fraction: 0.1, text: '10%' };
const value = (v: number, strict?: boolean): NumericTarget => (strict ? { kind: 'value', value: v, strict } : { kind: 'value', value: v });

describe('the RAG rule', () => {
  it('which side a miss is on', () => {
    expect(computeRag(90, 'high', value(100), TEN).side).toBe('short');
    expect(computeRag(110, 'low', value(100), TEN).side).toBe('over');
    expect(computeRag(95, 'target', value(100), TEN).side).toBe('short');
    expect(computeRag(105, 'target', value(100), TEN).side).toBe('over');
    expect(computeRag(100, 'target', value(100), TEN).side).toBe('none');
    expect(computeRag(100, 'high', value(95), TEN).side).toBe('none');
    expect(computeRag(90, 'low', value(95), TEN).side).toBe('none');
    expect(computeRag(70, 'target', { kind: 'band', min: 80, max: 90 }, TEN).side).toBe('short');
    expect(computeRag(95, 'target', { kind: 'band', min: 80, max: 90 }, TEN).side).toBe('over');
    expect(computeRag(85, 'target', { kind: 'band', min: 80, max: 90 }, TEN).side).toBe('none');
  });

  it('a strict decrease: the same figure, or a higher one, does not meet it', () => {
    expect(computeRag(100, 'low', value(100, true), TEN).meets).toBe(false);
    expect(computeRag(101, 'low', value(100, true), TEN).meets).toBe(false);
    expect(computeRag(99, 'low', value(100, true), TEN).meets).toBe(true);
    expect(computeRag(99, 'high', value(100, true), TEN).meets).toBe(false);
  });

  it('the float tolerance grows with the size of the figures', () => {
    // 1e-4 short of a million is rounding noise (1e-9 of it is 1e-3); 1e-4 short of 1 is not.
    expect(computeRag(1e6 - 1e-4, 'high', value(1e6), TEN).meets).toBe(true);
    expect(computeRag(1 - 1e-4, 'high', value(1), TEN).meets).toBe(false);
  });

  it('an unpublished amber band: a tolerance of 0, met green, missed red', () => {
    const r = computeRag(99, 'high', value(100), UNPUBLISHED);
    expect(r).toMatchObject({ rag: 'red', tolerance: 0, gap: 1, reference: 100 });
  });

  it('a point target with its width is a band around it', () => {
    expect(pointBand(200, { kind: 'relative', fraction: 0.02, text: '2%' })).toEqual({
      kind: 'band',
      min: 196,
      max: 204,
      point: 200,
      within: { kind: 'relative', fraction: 0.02, text: '2%' },
    });
  });

  it('targets read as published', () => {
    const m = { unit: 'currency' as const, currency: 'GBP', scale: 'm' as const };
    expect(describeTarget(m, { kind: 'band', min: 188.5, max: 196.25 })).toBe('£188.5m–£196.25m');
    expect(describeTarget(m, pointBand(192.365, { kind: 'relative', fraction: 0.02, text: '2%' }))).toBe('£192.365m ± 2%');
    expect(describeTarget(m, pointBand(192, { kind: 'absolute', amount: 1.5, text: '1.5' }))).toBe('£192m ± £1.5m');
    expect(describeTarget(m, { kind: 'band', min: 1, max: 3, point: 2 })).toBe('£1m–£3m');
  });

  it('RAGs: which are ratings, worst first, and the best of several', () => {
    expect(['amber', 'green', 'red', 'amber'].sort((a, b) => compareRag(a as 'red', b as 'red'))).toEqual(['red', 'amber', 'amber', 'green']);
    expect(['green', 'amber', 'red'].map((r) => isRated(r as 'red'))).toEqual([true, true, true]);
    expect(isRated('unrated')).toBe(false);
    expect(isRated(undefined)).toBe(false);
    expect(rollupCounts(0, 0, 2, 'best')).toBe('red');
    expect(rollupCounts(0, 1, 2, 'best')).toBe('amber');
    expect(rollupCounts(1, 1, 2, 'best')).toBe('green');
  });

  it('a mismatch needs a reported RAG that differs from a rating', () => {
    expect(ragMismatch(undefined, 'red')).toBe(false);
    expect(ragMismatch('red', 'red')).toBe(false);
    expect(ragMismatch('red', 'unrated')).toBe(false);
    expect(ragMismatch('amber', 'red')).toBe(true);
    expect(ragMismatch('amber', 'red', UNPUBLISHED)).toBe(false);
    expect(ragMismatch('green', 'red', UNPUBLISHED)).toBe(true);
  });
});


describe('risk scales', () => {
  it('impact: 1 to 5 as a number or a numeral, a word with blanks around it', () => {
    expect(parseImpact(1)).toBe(1);
    expect(parseImpact(5)).toBe(5);
    expect(parseImpact(' Major ')).toBe(4);
    for (const bad of ['35', '3x', 'x3', '0', '6']) expect(parseImpact(bad)).toBeUndefined();
  });

  it('likelihood: the same scale, with "almost certain" however it is spaced', () => {
    expect(parseLikelihood(1)).toBe(1);
    expect(parseLikelihood(5)).toBe(5);
    expect(parseLikelihood('3')).toBe(3);
    expect(parseLikelihood(' Almost   Certain ')).toBe(5);
    expect(parseLikelihood(' unlikely ')).toBe(2);
    for (const bad of [0, 6, 2.5, 'huge', '35', '3x', 'x3']) expect(parseLikelihood(bad)).toBeUndefined();
  });

  it('the top impact is "Outstanding" for an opportunity only', () => {
    expect(impactWord(5, 'risk')).toBe('Catastrophic');
    expect(impactWord(4, 'opportunity')).toBe('Major');
    expect(impactWord(5, 'opportunity')).toBe('Outstanding');
    expect(likelihoodWord(1)).toBe('Rare');
    expect(describeAssessment({ impact: 4, score: 16, loc }, 'risk')).toBe('16');
    expect(describeAssessment({ likelihood: 4, score: 16, loc }, 'risk')).toBe('16');
  });

  it('scores outside 1–25, or not whole, have no cell', () => {
    expect(cellsForScore(0)).toEqual([]);
    expect(cellsForScore(26)).toEqual([]);
    expect(cellsForScore(2.5)).toEqual([]);
    expect(cellsForScore(1)).toEqual([{ impact: 1, likelihood: 1 }]);
    expect(cellsForScore(25)).toEqual([{ impact: 5, likelihood: 5 }]);
  });

  it('placement says why a score alone cannot be placed', () => {
    expect(placeAssessment({ score: 7, loc })).toEqual({ placed: false, reason: 'score 7 is not impact × likelihood on the 5×5 scales', candidates: [] });
    expect(placeAssessment({ score: 6, loc })).toEqual({
      placed: false,
      reason: 'score 6 alone could be 2×3 or 3×2 (impact × likelihood)',
      candidates: [
        { impact: 2, likelihood: 3 },
        { impact: 3, likelihood: 2 },
      ],
    });
    // Impact alone: placed by the score, not by a half-given pair.
    expect(placeAssessment({ impact: 2, score: 25, loc })).toEqual({ placed: true, cell: { impact: 5, likelihood: 5 } });
    expect(placeAssessment({ likelihood: 2, score: 25, loc })).toEqual({ placed: true, cell: { impact: 5, likelihood: 5 } });
  });
});


describe('the register against the previous one', () => {
  it('appetite: a risk with no residual is not above it', () => {
    expect(aboveAppetite(entry('CR1', undefined), 12)).toBe(false);
    expect(aboveAppetite(entry('CR1', 13), 12)).toBe(true);
  });

  it('"New" is read from the start of the published direction only', () => {
    expect(movementOf(entry('CR1', 12, { direction: '  new risk' }), undefined, false)).toBe('new');
    expect(movementOf(entry('CR1', 12, { direction: 'Renewed' }), undefined, false)).toBe('unknown');
    expect(movementOf(entry('CR1', 12, { direction: 'not new' }), undefined, false)).toBe('unknown');
    expect(movementOf(entry('CR1', 12, { direction: 'Newly added' }), undefined, false)).toBe('unknown');
    expect(movementOf(entry('CR1', 12), undefined, false)).toBe('unknown');
  });

  it('no residual on both sides is level; a down move is good news for a risk only', () => {
    expect(movementOf(entry('CR1', undefined), entry('CR1', undefined), true)).toBe('level');
    expect(movementIsBetter('down', 'opportunity')).toBe(false);
    expect(movementIsBetter('down', 'risk')).toBe(true);
  });

  it('movements against the previous register loaded, or unknown with none', () => {
    const p = (t: string) => parsePeriod(t) as Period;
    const data = (period: string, register?: RegisterEntry[]) => ({ period: p(period), ...(register ? { register } : {}) }) as unknown as PeriodData;
    const q1 = data('2019/20 Q1', [entry('CR1', 12)]);
    const q2 = data('2019/20 Q2', [entry('CR1', 16), entry('CR2', 4)]);
    const q3 = data('2019/20 Q3');
    expect(Object.fromEntries(registerMovements([q1, q2, q3], q2))).toEqual({ CR1: 'up', CR2: 'new' });
    expect(Object.fromEntries(registerMovements([q2, q3], q2))).toEqual({ CR1: 'unknown', CR2: 'unknown' });
    expect(registerMovements([q1, q2, q3], q3).size).toBe(0);
  });
});

describe('as-of text', () => {
  const month = (text: string, f: Parameters<typeof asOfEnd>[1] = 'annual') => {
    const m = asOfEnd(text, f);
    return m === undefined ? undefined : formatMonth(m);
  };
  it.each([
    ['1.2.2024', 'annual', 'Feb 2024'],
    ['2023/24 to 2024-10-10', 'annual', 'Oct 2024'],
    ['YTD 10.10.24, Dec 2024', 'annual', 'Oct 2024'],
    ['2019/20 and 2019/21', 'annual', 'Mar 2020'],
    ['Spring  Term 2024', 'annual', 'Apr 2024'],
    ['2023 Spring Term 2024', 'annual', 'Dec 2024'],
    ['DEC 2019', 'annual', 'Dec 2019'],
    ['2019/20 Q2', 'academic_year', 'Sep 2019'],
  ] as const)('%s (%s) runs to %s', (text, f, want) => expect(month(text, f)).toBe(want));

  it.each(['Spring Term', 'Calendar year 20155'])('%s is not read', (text) => expect(asOfEnd(text, 'annual')).toBeUndefined());

  it('one figure spans a month, a quarter, a year or two', () => {
    expect(spanMonths('monthly')).toBe(1);
    expect(spanMonths('quarterly')).toBe(3);
    expect(spanMonths('annual')).toBe(12);
    expect(spanMonths('academic_year')).toBe(12);
    expect(spanMonths('calendar_year')).toBe(12);
    expect(spanMonths('biennial')).toBe(24);
  });
});

describe('text in a message', () => {
  it('controls as escapes of a fixed width', () => {
    expect(showText('\x07')).toBe('\\x07');
    expect(showText('\u061c')).toBe('\\u061c');
  });
  it('cut to the length given, with an ellipsis only when cut', () => {
    expect(showText('x'.repeat(60))).toBe('x'.repeat(60));
    expect(showText('x'.repeat(61))).toBe(`${'x'.repeat(59)}…`);
    expect(showText('abcdef', 4)).toBe('abc…');
  });
});

// More shapes of the statements NARRATIVE_ARITHMETIC reads (see narrative.test.ts for the seed
// reports' own): periods and years that are no figures, abbreviations that hedge, scales, and the
// words a from–to pair may carry.
import { describe, expect, it } from 'vitest';
import { proseSlips } from '../../src/domain/narrative.js';

const slips = (text: string) => proseSlips({ text, line: 1, col: 1, breaks: [], cols: [] }).map((s) => s.message);

describe('found', () => {
  it.each([
    // a fraction that is no span of years
    ['23/25 = 95%', '92%, not 95%'],
    ['123/124 = 95%', 'not 95%'],
    ['9/10 = 95%', '90%, not 95%'],
    // a whole number that is no year, or a year-like number with a unit, decimals or a scale
    ['1989 of 4000 (60%)', 'not 60%'],
    ['2040 of 4000 (60%)', 'not 60%'],
    ['£2019 of £4000 (60%)', 'not 60%'],
    ['2019.0 of 4000 (60%)', 'not 60%'],
    ['2019k of 4000k (60%)', 'not 60%'],
    // the percentage first, the part and whole in brackets
    ['88.8% (2697 of 3005 babies)', '89.75%'],
    ['88.8% ( 2697 / 3005 )', '89.75%'],
    // scales: £600k of £1.2m is a half
    ['£600k of £1.2m (40%)', 'is 50%, not 40%'],
    // sums with a minus sign and several terms
    ['12 − 7 = 6', 'the left side is 5'],
    ['10 + 5 − 3 = 13', 'the left side is 12'],
    // a from–to pair with words between
    ['from 35% at Q1 2019/20 to 43.8% (+8.2 points)', '8.8 points'],
    ['from 35% in 2019/20 to 43.8% (+8.2 points)', '8.8 points'],
    ['from 35% (Q1) to 43.8% (+8.2 points)', '8.8 points'],
    ['from a baseline of 35% to 43.8% (+8.2 points)', '8.8 points'],
    ['down from 43.8% to 35% (−8.2 points)', '8.8 points'],
  ])('%s', (text, says) => {
    const found = slips(text);
    expect(found).toHaveLength(1);
    expect(found[0]).toContain(says);
  });

  it('the message quotes the statement and gives the figure it should be', () => {
    expect(slips('£600k of £1.2m (40%)')).toEqual(['"£600k of £1.2m (40%)": £600k of £1.2m is 50%, not 40%']);
    expect(slips('10 + 5 − 3 = 13')).toEqual(['"10 + 5 − 3 = 13": the left side is 12, not 13']);
  });
});

describe('not flagged', () => {
  it.each([
    // spans of years are no fractions
    '2019/20 = 95%.',
    '23/24 = 95%.',
    '2023/2024 = 95%.',
    '99/00 = 5%.',
    // a hyphen between two figures makes a range, not a subtraction
    '12 - 7 = 6.',
    // a year is no figure
    '1995 of 4000 (60%).',
    // an abbreviation that hedges does not end the sentence
    'approx. 2697 of 3005 (88.8%).',
    'c. 2697 of 3005 (88.8%).',
    // no share of nothing
    '5 of 0 (50%).',
    // scaled figures are as rounded as written: £1.1m is £1.05m–£1.15m
    '£600k of £1.2m (50%).',
    '£1.1m of £2.0m (57%).',
    // a from–to pair with a hedge, or of two kinds, says nothing exact
    'from about 35% to 43.8% (+8.2 points).',
    'from 35% to about 43.8% (+8.2 points).',
    'from 35 to 43.8% (+8.2 points).',
  ])('%s', (text) => expect(slips(text)).toEqual([]));
});

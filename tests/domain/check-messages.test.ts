// What each check says, word for word, for the one problem its fixture plants
// (tests/fixtures/codes/<code>/; tests/check-codes.test.ts holds where and with what exit status).
// A message is what a publisher reads to fix the data: its figures, its period and its advice.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runChecks } from '../../src/domain/checks.js';
import { evaluate } from '../../src/domain/evaluate.js';
import { loadDataset } from '../../src/load/load.js';

const ROOT = path.resolve(import.meta.dirname, '..', '..');

function messages(dir: string, code: string): string[] {
  const loaded = loadDataset(path.join(ROOT, 'tests', 'fixtures', 'codes', dir, 'catalogue.yaml'), { cwd: ROOT });
  if (!loaded.dataset) throw new Error(`${dir} did not load`);
  return [...loaded.findings, ...runChecks(evaluate(loaded.dataset))].filter((f) => f.code === code).map((f) => `${f.id ?? '-'}: ${f.message}`);
}

describe('each finding says what is wrong, with its figures', () => {
  it.each([
    ['ambiguous-score', 'AMBIGUOUS_SCORE', 'CR1: inherent score 20 alone could be 4×5 or 5×4 (impact × likelihood): it cannot be placed on the grid'],
    [
      'claim-mismatch',
      'CLAIM_MISMATCH',
      'percent_achieving: "Half of rated KPIs were achieving their target": percent_achieving is 50 in the claim but 100.0 in the data (1 green of 1 rated KPIs)',
    ],
    ['finance-total', 'FINANCE_TOTAL', 'total.budget: stated budget total 300.50 ≠ 300.75, the sum of its 2 lines'],
    ['missing-value', 'MISSING_VALUE', 'visits: quarterly metric has no observation for 2019/20 Q1'],
    ['narrative-arithmetic', 'NARRATIVE_ARITHMETIC', 'variance: "12 of 40 (35%)": 12 of 40 is 30%, not 35%'],
    ['no-commentary', 'NO_COMMENTARY', 'repairs: KPI is red in 2019/20 Q1 and the period has no commentary for it'],
    ['not-for-publication', 'NOT_FOR_PUBLICATION', 'repairs: flagged not_for_publication: remove it from the published report or clear the flag'],
    ['out-of-range', 'OUT_OF_RANGE', 'repairs: 101.5% is over 100% (set allow_over_100 where that is legitimate)'],
    ['rag-mismatch', 'RAG_MISMATCH', 'repairs: reported green but the target gives red: 70% vs target 90% (high is good): 20 short, amber tolerance 4.5 (5%) → red'],
    ['ratio-mismatch', 'RATIO_MISMATCH', 'repairs: value 95.0 ≠ 900/1000 × 100 = 90.00'],
    ['residual-above-inherent', 'RESIDUAL_ABOVE_INHERENT', "CR1: residual score 16 is above the inherent score 9: controls should not raise a risk's score"],
    ['score-mismatch', 'SCORE_MISMATCH', 'CR1: residual score 12 ≠ impact 4 × likelihood 4 = 16'],
    [
      'stale',
      'STALE',
      'repairs: figure is as of 2019/20 Q1 (to Jun 2019): the next quarterly figure, to Sep 2019, was due by Dec 2019 (publication lag 3 months), before the end of 2019/20 Q3',
    ],
    [
      'tolerance-config',
      'TOLERANCE_CONFIG',
      "variance: a relative amber tolerance (5%) of a 0 target is 0, so any miss is red: give an absolute one in the metric's unit (amber: 0.5)",
    ],
    [
      'unparsed-as-of',
      'UNPARSED_AS_OF',
      'variance: as of "latest month" is shown as written, but it names no period, year, term or month ragtop can read: it is not checked for staleness',
    ],
    ['unrated', 'UNRATED', 'population: unrated: no target (a context indicator), and no RAG reported'],
  ])('%s: %s', (dir, code, want) => {
    expect(messages(dir, code)).toEqual([want]);
  });

  it('suspicious-jump: the two figures, their periods and the factor', () => {
    const [m, ...more] = messages('suspicious-jump', 'SUSPICIOUS_JUMP');
    expect(more).toEqual([]);
    expect(m).toMatch(/^visits: value moved from 120 \(2019\/20 Q1\) to 1,200, 10\.0×, .*: a likely typo$/);
  });
});

// The two bundled catalogues load, and `ragtop check` finds the real problems in the published
// reports they were transcribed from (see docs/findings-in-the-sample-data.md).
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runChecks } from '../src/domain/checks.js';
import { evaluate } from '../src/domain/evaluate.js';
import type { Finding } from '../src/domain/types.js';
import { isLoadError } from '../src/domain/types.js';
import { loadDataset } from '../src/load/load.js';
import { overviewModel } from '../src/viewmodel/overview.js';
import { buildModel } from '../src/viewmodel/model.js';
import { UNICODE_GLYPHS } from '../src/viewmodel/glyphs.js';

const root = path.resolve(import.meta.dirname, '..');

function load(id: string) {
  const loaded = loadDataset(path.join(root, 'catalogue', `${id}.yaml`), { cwd: root });
  expect(loaded.findings.filter(isLoadError)).toEqual([]);
  if (!loaded.dataset) throw new Error('not loaded');
  const ev = evaluate(loaded.dataset);
  return { loaded, ev, findings: [...loaded.findings, ...runChecks(ev)] };
}

const pick = (fs: readonly Finding[], code: string) => fs.filter((f) => f.code === code).map((f) => `${f.id}@${path.basename(f.file)}:${f.line}`);

describe('bundled 2019/20 framework (seed 002)', () => {
  const { loaded, ev, findings } = load('lcc-2019-20');

  it('holds five objectives, 45 indicators, four periods and the register', () => {
    const c = loaded.dataset!.catalogue;
    expect(c.priorities.map((p) => p.id)).toHaveLength(5);
    expect(c.priorities.flatMap((p) => p.kpis)).toHaveLength(45);
    expect(ev.periods.map((p) => p.data.period)).toHaveLength(5);
    const q3 = ev.byPeriod.get('2019/20 Q3')!;
    const ids = q3.data.register!.map((e) => e.id);
    expect(ids).toEqual(['CR1', 'CR2', 'CR3', 'CR4', 'CR5', 'CR6', 'CR7', 'CR8', 'CR9', 'CR10', 'CR11', 'CR12', 'CR13', 'CO1', 'CO2', 'CO3', 'CO4']);
    const cr1 = q3.data.register!.find((e) => e.id === 'CR1')!;
    expect(cr1.residual).toMatchObject({ impact: 4, likelihood: 4, score: 16 });
    const co2 = q3.data.register!.find((e) => e.id === 'CO2')!;
    expect(co2).toMatchObject({ kind: 'opportunity', residual: { impact: 5, likelihood: 3, score: 15 } });
    expect(loaded.dataset!.agendas[0]?.items.length).toBeGreaterThan(5);
  });

  it('finds the NHS health check ratios that do not match their own numerator and denominator', () => {
    expect(pick(findings, 'RATIO_MISMATCH')).toEqual(['health-checks-quarter@2019-20-Q1.yaml:18', 'health-checks-ytd@2019-20-Q1.yaml:19']);
  });

  it('lists the inherent scores given only as numbers that have two cells', () => {
    expect(pick(findings, 'AMBIGUOUS_SCORE').map((s) => s.split('@')[0])).toEqual(['CR1', 'CR10', 'CO1', 'CO2', 'CO3', 'CO4']);
  });

  // Academic-year results (EYFS, KS2, Attainment 8, exclusions) reported at their normal time are
  // not stale: "0.24% (2018/19)" in December 2019 is the latest academic year there is.
  it('raises no STALE for academic-year results reported at their normal time', () => {
    expect(pick(findings, 'STALE')).toEqual([]);
  });

  it('finds the Rosebud arithmetic slip: 7 investments and a further 6 are not "14 deals"', () => {
    const f = findings.filter((x) => x.code === 'NARRATIVE_ARITHMETIC');
    expect(f.map((x) => [x.id, x.message])).toEqual([['rosebud-loans', '7 + 6 = 13, but the text gives the total as 14']]);
  });

  it('exits 1: two errors, the rest warnings and info', () => {
    const errors = findings.filter((f) => f.severity === 'error');
    expect(errors.map((f) => f.code)).toEqual(['RATIO_MISMATCH', 'RATIO_MISMATCH']);
  });

  it('rates the Q3 exceptions as the report lists them', () => {
    const q3 = ev.byPeriod.get('2019/20 Q3')!;
    const defects = q3.metrics.get('defects-4h')!;
    expect(defects.computed).toBe('red');
    expect(defects.why).toBe('89.19% vs target 95% (high is good): 5.81 short, amber tolerance 4.75 (5%) → red');
    const o = overviewModel(buildModel(loaded.dataset!, loaded.findings, UNICODE_GLYPHS), ev.periods.indexOf(q3));
    expect(o.period).toBe('2019/20 Q3');
    expect(o.previous).toBe('2019/20 Q2');
    expect(o.headline).toMatch(/^\d+ of \d+ rated KPIs achieving target \(\d+\.\d%\)$/);
  });
});

describe('bundled 2024/25 KPIs (seed 003)', () => {
  const { loaded, ev, findings } = load('lcc-2024-25');

  it('holds the composite KPIs as the report combines them', () => {
    const kpis = loaded.dataset!.catalogue.priorities.flatMap((p) => p.kpis);
    const school = kpis.find((k) => k.id === 'school-places')!;
    expect(school.composite).toBe(true);
    expect(school.metrics.map((m) => m.target)).toEqual([
      { kind: 'band', min: 98.8, max: 99.2 },
      { kind: 'band', min: 94.8, max: 97.7 },
    ]);
    expect(ev.byPeriod.get('2024/25 Q2')!.kpis.get('school-places')!.counted).toBe('green');
  });

  it('finds the heritage survey rated ✓ while behind its cumulative Q2 target of 105', () => {
    const f = findings.find((x) => x.code === 'RAG_MISMATCH' && x.id === 'bhs-surveyed');
    expect(f?.message).toBe('reported green but the target gives red: 78 vs target 105 (high is good): 27 below target; the amber band is not published → red');
  });

  // The published ambers beyond any 5% band are the council's judgement (amber: unpublished).
  it('accepts the published ambers on missed targets: the only RAG_MISMATCHes are greens on missed targets', () => {
    expect(findings.filter((x) => x.code === 'RAG_MISMATCH').map((x) => x.id)).toEqual(['bhs-surveyed', 'staff-turnover-12-month']);
  });

  it('finds the 8.2-points slip and the turnover table that does not add up', () => {
    const f = findings.filter((x) => x.code === 'NARRATIVE_ARITHMETIC');
    expect(f.map((x) => x.message)).toEqual([
      '"8.2 percentage points" beside "from 35% to 43.8%": that is a change of 8.8 points',
      "table 'Leavers by directorate, 12 months to September 2024': the 4 rows of 'Leavers' add to 1,907, but its 'LCC Total' row gives 1,908",
      "table 'Leavers by directorate, 12 months to September 2024': the 4 rows of 'Headcount' add to 13,383, but its 'LCC Total' row gives 13,384",
    ]);
  });

  it('accepts the 100.5% take-up explained by the footnote, as info', () => {
    const f = findings.filter((x) => x.code === 'OUT_OF_RANGE');
    expect(f.map((x) => [x.id, x.severity])).toEqual([['early-years-3-4-year-olds', 'info']]);
  });

  // "There are currently 15 Air Quality Management Areas ... just one AQMA exceeding limits": 14 of
  // 15 is 93.33%, and 93.00 is published.
  it('has one error, the AQMA percentage, and no stale figure', () => {
    expect(findings.filter((f) => f.severity === 'error').map((f) => [f.code, f.id])).toEqual([['RATIO_MISMATCH', 'aqma-compliance']]);
    // Carbon's "2022-23" is the latest published (lag: 9 months); EYFS is by academic year.
    expect(pick(findings, 'STALE')).toEqual([]);
  });
});

describe('bundled 2023/24 executive summary (seed 000)', () => {
  const { loaded, ev, findings } = load('lcc-2023-24');

  it('finds the headline impossible: 54.8% of 41 rated', () => {
    expect(findings.filter((f) => f.severity !== 'info').map((f) => [f.code, f.severity, f.id])).toEqual([['CLAIM_MISMATCH', 'error', 'percent_achieving']]);
  });

  it('shows what the summary publishes, not a headline worked out from the few figures it quotes', () => {
    const q3 = ev.byPeriod.get('2023/24 Q3')!;
    const o = overviewModel(buildModel(loaded.dataset!, loaded.findings, UNICODE_GLYPHS), ev.periods.indexOf(q3));
    expect(o.headline).toBe('54.8% of 41 rated KPIs achieving target, as published');
    expect([o.headlineFigure, o.unratedNote]).toEqual(['54.8%', "A summary: it publishes counts (42 KPIs), not each KPI's figure; 8 KPIs quoted here"]);
  });
});

describe('bundled 2022/23 KPI commentary (seed 001)', () => {
  const { findings } = load('lcc-2022-23');
  it('loads, and raises nothing but information: its arithmetic is right and nothing is missing', () => {
    expect(findings.filter((f) => f.severity !== 'info')).toEqual([]);
  });
});

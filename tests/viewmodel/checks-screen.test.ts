import { describe, expect, it } from 'vitest';
import type { Finding } from '../../src/domain/types.js';
import { checkItems, checksScreen, filterItems, findingTarget, groupItems, summaryLine } from '../../src/viewmodel/checks-screen.js';
import { UNICODE_GLYPHS } from '../../src/viewmodel/glyphs.js';
import { buildModel } from '../../src/viewmodel/model.js';
import type { ScreenParams } from '../../src/viewmodel/screen.js';
import { lineWidth, plain } from '../../src/viewmodel/styled.js';
import { catalogue, loadTree } from '../helpers.js';
import { modelOf } from '../ui/harness.js';

const params = (o: Partial<ScreenParams> = {}): ScreenParams => ({ period: 4, cursor: 0, filter: '', sortColumn: 0, width: 80, height: 20, ...o });

describe('grouping and order', () => {
  const m = modelOf();
  const items = checkItems(m);

  it('holds every finding: errors, then warnings, then info; codes together', () => {
    expect(items.length).toBe(m.findings.length);
    const severities = items.map((x) => x.finding.severity);
    expect(severities.indexOf('warning')).toBeGreaterThan(severities.lastIndexOf('error'));
    expect(severities.indexOf('info')).toBeGreaterThan(severities.lastIndexOf('warning'));
    const groups = groupItems(items);
    expect(groups.map((g) => [g.severity, g.count, g.codes.map((c) => `${c.code} ${c.items.length}`)])).toEqual([
      ['error', 2, ['RATIO_MISMATCH 2']],
      ['warning', 1, ['NARRATIVE_ARITHMETIC 1']],
      ['info', 15, ['OUT_OF_RANGE 1', 'AMBIGUOUS_SCORE 6', 'UNRATED 6', 'UNPARSED_AS_OF 2']],
    ]);
    // Each code appears once within its severity.
    for (const g of groups) expect(new Set(g.codes.map((c) => c.code)).size).toBe(g.codes.length);
  });

  it('keeps file and line order within a code, and shows the file by its name only', () => {
    const ratio = items.filter((x) => x.finding.code === 'RATIO_MISMATCH');
    expect(ratio.map((x) => `${x.where} ${x.finding.id}`)).toEqual(['2019-20-Q1.yaml:18 health-checks-quarter', '2019-20-Q1.yaml:19 health-checks-ytd']);
  });

  it('summarises the counts', () => {
    const q3 = m.ev.periods[4]?.data.file ?? '';
    expect(plain(summaryLine(m.findings, { label: '2019/20 Q3', file: q3 }))).toBe('2 errors, 1 warning, 15 info · 12 in 2019/20 Q3');
    expect(plain(summaryLine([]))).toBe('0 errors, 0 warnings, 0 info');
  });
});

describe('what Enter opens', () => {
  const m = modelOf();
  const registerIds = new Set(['CR1', 'CO1']);
  const finding = (id?: string): Finding => ({ code: 'STALE', severity: 'warning', message: 'x', file: 'a.yaml', line: 1, column: 1, ...(id === undefined ? {} : { id }) });
  const someKpi = [...m.kpis.keys()][0] ?? '';
  const m2425 = modelOf('catalogue/lcc-2024-25.yaml');
  const composite = [...m2425.kpis.values()].find((k) => k.kpi.metrics.some((x) => x.id !== k.kpi.id));

  it.each([
    ['a KPI id', someKpi, { kind: 'kpi', id: someKpi }],
    ['a register entry', 'CR1', { kind: 'risk', id: 'CR1' }],
    ['a claim figure', 'percent_achieving', undefined],
    ['a finance total', 'total.budget', undefined],
    ['no id', undefined, undefined],
  ])('%s', (_what, id, target) => {
    expect(findingTarget(m, finding(id), registerIds)).toEqual(target);
  });

  it('a metric id opens its KPI', () => {
    expect(composite).toBeDefined();
    const metric = composite?.kpi.metrics.find((x) => x.id !== composite.kpi.id)?.id ?? '';
    expect(findingTarget(m2425, finding(metric), registerIds)).toEqual({ kind: 'kpi', id: composite?.kpi.id });
  });

  it('register entries of the bundled data open from their findings', () => {
    const cr1 = checkItems(m).find((x) => x.finding.id === 'CR1');
    expect(cr1?.target).toEqual({ kind: 'risk', id: 'CR1' });
    const ratio = checkItems(m).find((x) => x.finding.code === 'RATIO_MISMATCH');
    expect(ratio?.target).toEqual({ kind: 'kpi', id: m.kpiOfMetric.get('health-checks-quarter') });
  });
});

describe('the filter', () => {
  const items = checkItems(modelOf());
  it.each([
    ['ratio', 2],
    ['RATIO_MISMATCH', 2],
    ['health-checks-ytd', 1],
    ['could be 4×5', 2],
    ['2019-20-Q2.yaml', 1],
    ['rosebud', 3],
    ['  ', items.length],
    ['nothing like this', 0],
  ])('%j matches %i', (filter, n) => {
    expect(filterItems(items, filter).length).toBe(n);
  });
});

describe('the checks screen', () => {
  const m = modelOf();

  it('draws the summary, the groups and the selected finding at 80×20', () => {
    expect(checksScreen(m, params()).lines.map(plain)).toMatchInlineSnapshot(`
      [
        "2 errors, 1 warning, 15 info · 12 in 2019/20 Q3",
        "Errors (2)",
        " RATIO_MISMATCH (2)",
        "▸ 2019-20-Q1.yaml:18  health-checks-quart… value 82.1 ≠ 14462/17603 × 100 = 82.…",
        "  2019-20-Q1.yaml:19  health-checks-ytd    value 38.3 ≠ 14462/37683 × 100 = 38.…",
        "Warnings (1)",
        " NARRATIVE_ARITHMETIC (1)",
        "  2019-20-Q3.yaml:170 rosebud-loans        7 + 6 = 13, but the text gives the t…",
        "Info (15)",
        " OUT_OF_RANGE (1)",
        "  2018-19.yaml:49     revenue-variance     negative percentage -2.52 (allowed f…",
        " AMBIGUOUS_SCORE (6)",
        "  2019-20-Q3.yaml:250 CR1                  inherent score 20 alone could be 4×5…",
        "  2019-20-Q3.yaml:460 CR10                 inherent score 20 alone could be 4×5…",
        "  2019-20-Q3.yaml:554 CO1                  inherent score 12 alone could be 3×4…",
        "  2019-20-Q3.yaml:575 CO2                  inherent score 12 alone could be 3×4…",
        "▼ 10 more findings below",
        "",
        "RATIO_MISMATCH health-checks-quarter: value 82.1 ≠ 14462/17603 × 100 = 82.16",
        "2019-20-Q1.yaml:18:35 · Enter opens the KPI: Percentage of health checks undert…",
      ]
    `);
  });

  it('at 60×14, in the middle of the list: markers above and below', () => {
    expect(checksScreen(modelOf('catalogue/lcc-2019-20.yaml', true), params({ width: 60, height: 14, cursor: 12 })).lines.map(plain)).toMatchInlineSnapshot(`
      [
        "2 errors, 1 warning, 15 info · 12 in 2019/20 Q3",
        "^ 10 more findings above",
        " UNRATED (6)",
        "  2018-19.yaml:14     primary-pref... unrated: no target ...",
        "  2018-19.yaml:15     secondary-pr... unrated: no target ...",
        "> 2019-20-Q2.yaml:31  rosebud-loans   unrated: no target ...",
        "  2019-20-Q3.yaml:28  primary-pref... unrated: no target ...",
        "  2019-20-Q3.yaml:29  secondary-pr... unrated: no target ...",
        "  2019-20-Q3.yaml:50  rosebud-loans   unrated: no target ...",
        "v 2 more findings below",
        "",
        "UNRATED rosebud-loans: unrated: no target (a context",
        "indicator), and no RAG reported",
        "2019-20-Q2.yaml:31:3 · Enter opens the KPI: Number of Ros...",
      ]
    `);
  });

  it.each([
    [80, 20, true],
    [60, 14, true],
    [120, 36, false],
  ])('fits %i×%i wherever the cursor is, windowing with markers where the list does not fit', (width, height, windows) => {
    for (let cursor = 0; cursor < m.findings.length; cursor += 3) {
      const v = checksScreen(m, params({ width, height, cursor }));
      expect(v.lines.length).toBeLessThanOrEqual(height);
      for (const l of v.lines) expect(lineWidth(l)).toBeLessThanOrEqual(width);
      const text = v.lines.map(plain);
      expect(text.filter((t) => t.startsWith('▸ '))).toHaveLength(1);
      expect(text.some((t) => / more findings? (above|below)$/.test(t))).toBe(windows);
    }
  });

  it('targets follow the items, in display order', () => {
    const v = checksScreen(m, params());
    expect(v.size).toBe(m.findings.length);
    expect(v.targets).toEqual(checkItems(m).map((x) => x.target));
    expect(v.sortColumns).toBe(0);
  });

  it('filters live, and says when nothing matches', () => {
    const v = checksScreen(m, params({ filter: 'unrated' }));
    expect(v.size).toBe(6);
    expect(plain(v.lines[0] ?? [])).toContain('6 match "unrated"');
    expect(v.lines.map(plain)).not.toContain('Errors (2)');
    const none = checksScreen(m, params({ filter: 'zzz' }));
    expect(none.size).toBe(0);
    expect(none.lines.map(plain)).toContain('No finding matches "zzz".');
  });

  it('says so when there are no findings at all', () => {
    const kpi = '      - id: repairs\n        title: Repairs\n        frequency: quarterly\n        unit: percent\n        good: high\n        target: 90\n';
    const loaded = loadTree({ 'catalogue.yaml': catalogue(kpi), '2019-20-Q1.yaml': 'period: 2019/20 Q1\nobservations:\n  repairs: { value: 95 }\n' });
    if (!loaded.dataset) throw new Error('fixture did not load');
    const clean = buildModel(loaded.dataset, loaded.findings, UNICODE_GLYPHS);
    expect(checksScreen(clean, params({ period: 0 })).lines.map(plain)).toEqual(['✓ No findings: the loaded data passes every check.']);
  });
});

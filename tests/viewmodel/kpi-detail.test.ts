import { describe, expect, it } from 'vitest';
import { chartHeight, kpiDetailLines, kpiDetailScreen, scrollSize, wrapLine } from '../../src/viewmodel/kpi-detail.js';
import type { ScreenParams } from '../../src/viewmodel/screen.js';
import { lineWidth, plain, seg } from '../../src/viewmodel/styled.js';
import { modelOf } from '../ui/harness.js';

const bundled = modelOf();
const lcc2425 = modelOf('catalogue/lcc-2024-25.yaml');
const latest = bundled.ev.periods.length - 1;

function params(over: Partial<ScreenParams> = {}): ScreenParams {
  return { period: latest, cursor: 0, filter: '', sortColumn: 0, width: 80, height: 20, ...over };
}

function doc(model = bundled, id = 'defects-4h', over: Partial<ScreenParams> = {}): string[] {
  const p = params(over);
  return kpiDetailLines(model, id, p.period, p.width, p.height).map(plain);
}

describe('the KPI detail document', () => {
  it('explains a red single KPI: value, target, good is, as of, both RAGs and why', () => {
    const lines = doc();
    const text = lines.join('\n');
    expect(lines[0]).toBe('Safety carriageway defects repaired within 4 hours (emergency)');
    expect(text).toContain('Priority     Lancashire will be the place to live');
    expect(text).toContain('Directorate  Growth, Environment & Transport');
    expect(text).toContain('Frequency    quarterly');
    expect(text).toContain('RAG          ✗ Red  (computed: none reported)');
    expect(text).toContain('Value        89.19%');
    expect(text).toContain('Target       95%');
    expect(text).toContain('Good is      high');
    expect(text).toContain('As of        2019/20 Q3 (the period)');
    expect(text).toContain('RAG          reported none · computed ✗ Red');
    // The why line, wrapped under its label.
    const why = bundled.ev.periods[latest]?.metrics.get('defects-4h')?.why ?? '';
    expect(why).toBe('89.19% vs target 95% (high is good): 5.81 short, amber tolerance 4.75 (5%) → red');
    const at = lines.findIndex((l) => l.startsWith('Why'));
    const joined = [lines[at], lines[at + 1]].map((l) => (l ?? '').slice(13)).join(' ');
    expect(joined).toBe(why);
    expect(text).toContain('Travel       ▼ worse (down): 91.46% to 89.19%, against 2019/20 Q2 (previous');
  });

  it('draws the trend with period labels and the target, then the commentary', () => {
    const text = doc().join('\n');
    expect(text).toContain('2018/19 Q4');
    expect(text).toContain('2019/20 Q3');
    expect(text).toContain('── value 89.19%  ╌╌ target 95%');
    expect(text).toContain('Commentary for 2019/20 Q3');
    expect(text).toContain('Emergency repairs within 4 hours fell to 89.19%, short of the 95% target.');
    expect(text).toMatch(/Issues\n• The late emergency repairs are few/);
    expect(text).toMatch(/Actions\n• Processes are being reviewed/);
    // Commentary keyed by the KPI's id (= its metric's id) is shown once.
    expect(text.split('Emergency repairs within 4 hours fell').length).toBe(2);
  });

  it('follows the period', () => {
    const q2 = doc(bundled, 'defects-4h', { period: latest - 1 }).join('\n');
    expect(q2).toContain('Value        91.46%');
    expect(q2).toContain('Commentary for 2019/20 Q2');
  });

  it('shows a composite: rollup, each metric and its RAG, the reported KPI RAG', () => {
    const lines = doc(lcc2425, 'school-places', { period: lcc2425.ev.periods.length - 1 });
    const text = lines.join('\n');
    expect(text).toContain('RAG          ✓ Green  (as reported for the KPI)');
    expect(text).toContain('Rollup       worst of 2 metrics → ✓ Green');
    expect(text).toContain('             ✓ Green    % of parents who get one of three preferred school\n                        places (Primary)');
    expect(text).toContain('             ✓ Green    % of parents who get one of three preferred school\n                        places (Secondary)');
    expect(text).toContain('Reported     ✓ Green: The report states the overall KPI is currently Green.');
    expect(text).toContain('1/2 % of parents who get one of three preferred school places (Primary)');
    expect(text).toContain('2/2 % of parents who get one of three preferred school places (Secondary)');
    expect(text).toContain('Target       Quartile 2 - 98.8-99.2 (98.8%–99.2%)');
    expect(text).toContain('As of        2024/25');
    expect(text).toContain('RAG          reported ✓ Green · computed ✓ Green');
    expect(text.match(/Trend/g)?.length).toBe(2);
    expect(text).toContain('line at 98.8%');
  });

  it('flags a reported RAG that differs from the computed one', () => {
    // The heritage survey is published ✓ while behind its cumulative Q2 target of 105.
    const text = doc(lcc2425, 'bhs-surveyed', { period: lcc2425.ev.periods.length - 1 }).join('\n');
    expect(text).toContain('RAG          reported ✓ Green · computed ✗ Red · MISMATCH');
  });

  it('shows a published amber on a missed target as the council’s judgement, with the numerator and note', () => {
    const text = doc(lcc2425, 'health-visitor-checks', { period: lcc2425.ev.periods.length - 1 }).join('\n');
    expect(text).toContain('RAG          reported ! Amber · computed ✗ Red');
    expect(text).not.toContain('MISMATCH');
    expect(text).toContain('5.2 below target; the amber');
    expect(text).toContain('Num / denom  2,697 / 3,005 = 89.75%');
    expect(text).toContain('Note         A further 185 babies');
  });

  it('gives the running total and the period’s own figure for a cumulative metric', () => {
    const text = doc(bundled, 'library-visits').join('\n');
    expect(text).toContain('Value        2,638,886 year to date (2019/20 Q3 alone: 841,582)');
    expect(text).toContain('Target       3,000,000 (pro rata: 3/4 of 4,000,000)');
    // The chart's target steps with the pro-rata targets that rated each quarter.
    expect(text).toContain('╌╌ target 3,000,000');
  });

  it('says when a metric has no figure this period', () => {
    const text = doc(bundled, 'ks2-rwm', { period: 2 }).join('\n');
    expect(text).toContain('Value        none: no figure reported for 2019/20 Q1');
    expect(text).toContain('Reported     annually, in Q3');
    expect(text).not.toContain('Why');
  });

  it('lists benchmarks', () => {
    expect(doc(bundled, 'ks2-rwm').join('\n')).toContain('Benchmarks   national: 65% · north_west: 65% · neighbours: 65.3%');
  });

  it('says so for an unknown KPI', () => {
    expect(doc(bundled, 'nope')).toEqual(["No KPI 'nope' in the catalogue"]);
  });

  it('keeps to ASCII symbols in the chart with the ASCII glyph set', () => {
    const ascii = modelOf('catalogue/lcc-2019-20.yaml', true);
    const text = doc(ascii).join('\n');
    expect(text).toContain('-- value 89.19%  .. target 95%');
    expect(text).toContain('RAG          reported none - computed x Red');
    // The rule is worded by the viewmodel with the set's arrow, not patched afterwards.
    expect(text).toMatch(/amber tolerance\s+4\.75 \(5%\) -> red/);
    const chart = text.slice(text.indexOf('Trend'), text.indexOf('Commentary'));
    expect(chart).not.toMatch(/[\u2500-\u257f]/);
  });
});

describe('the KPI detail screen', () => {
  it.each([
    [80, 20],
    [60, 14],
    [120, 36],
    [60, 3],
  ])('every window fits %i×%i, and the whole document can be scrolled through', (width, height) => {
    for (const [model, id] of [
      [bundled, 'defects-4h'],
      [lcc2425, 'school-places'],
      [lcc2425, 'health-visitor-checks'],
    ] as const) {
      const period = model.ev.periods.length - 1;
      const all = kpiDetailLines(model, id, period, width, height);
      const first = kpiDetailScreen(model, id, params({ width, height, period }));
      expect(first.size).toBe(scrollSize(all.length, height));
      const seen = new Set<string>();
      for (let cursor = 0; cursor < first.size; cursor++) {
        const v = kpiDetailScreen(model, id, params({ width, height, period, cursor }));
        expect(v.lines.length).toBeLessThanOrEqual(height);
        for (const l of v.lines) expect(lineWidth(l)).toBeLessThanOrEqual(width);
        v.lines.forEach((l, row) => seen.add(`${cursor + row}:${plain(l)}`));
      }
      // Each line of the document shows at its own place in some window.
      all.forEach((l, i) => expect(seen.has(`${i}:${plain(l)}`)).toBe(true));
    }
  });

  it('scrolls by the cursor, clamped, with markers for what is above and below', () => {
    const all = kpiDetailLines(bundled, 'defects-4h', latest, 80, 20);
    const size = scrollSize(all.length, 20);
    expect(size).toBe(all.length - 19);
    const top = kpiDetailScreen(bundled, 'defects-4h', params());
    expect(plain(top.lines[0] ?? [])).toBe(plain(all[0] ?? []));
    expect(plain(top.lines[19] ?? [])).toMatch(/^▼ \d+ more lines below/);
    const mid = kpiDetailScreen(bundled, 'defects-4h', params({ cursor: 3 }));
    expect(plain(mid.lines[0] ?? [])).toBe('▲ 4 more lines above · k/PgUp/g');
    expect(plain(mid.lines[1] ?? [])).toBe(plain(all[4] ?? []));
    const bottom = kpiDetailScreen(bundled, 'defects-4h', params({ cursor: 999 }));
    expect(plain(bottom.lines[19] ?? [])).toBe(plain(all[all.length - 1] ?? []));
    expect(kpiDetailScreen(bundled, 'defects-4h', params({ cursor: -1 })).lines[0]).toEqual(top.lines[0]);
    expect(top).toMatchObject({ targets: [], sortColumns: 0 });
  });

  it('is titled with the KPI title, shortened', () => {
    expect(kpiDetailScreen(bundled, 'defects-4h', params()).title).toBe('Safety carriageway defects repa…');
    expect(kpiDetailScreen(bundled, 'recycling', params()).title).toBe('Percentage of recycling, reuse …');
  });

  it('sizes the chart to the terminal', () => {
    // A third of the screen, at least 6 lines.
    expect(chartHeight(40)).toBe(13);
    expect(chartHeight(24)).toBe(8);
    expect(chartHeight(14)).toBe(6);
    expect(chartHeight(60)).toBe(20);
  });

  it('wraps a styled line at spaces, keeping tokens', () => {
    const rows = wrapLine([seg('reported '), seg('! Amber', 'rag.amber'), seg(' · computed '), seg('✗ Red', 'rag.red')], 12);
    expect(rows.map(plain)).toEqual(['reported !', 'Amber ·', 'computed ✗', 'Red']);
    expect(rows[1]?.[0]).toEqual({ text: 'Amber', token: 'rag.amber' });
  });
});

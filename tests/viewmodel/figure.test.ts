// One figure per metric and KPI: the value, the target that rated it and the RAG are the same in
// the KPI table, the detail, the slide and the hand-outs, and what `check` questions is marked.
import { describe, expect, it } from 'vitest';
import type { Show } from '../../src/domain/types.js';
import type { AgendaEntry, MeetingAgenda } from '../../src/viewmodel/agenda.js';
import { handoutMarkdown } from '../../src/viewmodel/export.js';
import { metricsCsv } from '../../src/viewmodel/export-tables.js';
import { UNICODE_GLYPHS } from '../../src/viewmodel/glyphs.js';
import { kpiDetailLines } from '../../src/viewmodel/kpi-detail.js';
import { kpiRows } from '../../src/viewmodel/kpi-rows.js';
import { kpisScreen } from '../../src/viewmodel/kpis-screen.js';
import { buildModel, type Model } from '../../src/viewmodel/model.js';
import { overviewModel } from '../../src/viewmodel/overview.js';
import { slideView } from '../../src/viewmodel/slides.js';
import { plain } from '../../src/viewmodel/styled.js';
import { catalogue, loadTree } from '../helpers.js';
import { modelOf } from '../ui/harness.js';

const entry = (show: Show, title = 'An item'): AgendaEntry => ({ index: 0, title, show });

function periodOf(model: Model, label: string): number {
  const i = model.periodLabels.indexOf(label);
  if (i < 0) throw new Error(`no period ${label}`);
  return i;
}

function row(model: Model, period: number, id: string) {
  const r = kpiRows(model, period).find((x) => x.kpiId === id);
  if (!r) throw new Error(`no row ${id}`);
  return r;
}

function slideText(model: Model, period: number, id: string, width = 100, height = 30): string {
  return slideView(model, entry({ kind: 'kpi', id }), { period, cursor: 0, filter: '', sortColumn: 0, width, height })
    .lines.map(plain)
    .join('\n');
}

function detailText(model: Model, period: number, id: string): string {
  return kpiDetailLines(model, id, period, 120, 40).map(plain).join('\n');
}

function handout(model: Model, period: number, id: string): string {
  const agenda: MeetingAgenda = { meeting: 'A meeting', generated: false, items: [entry({ kind: 'kpi', id }, 'The item')] };
  return handoutMarkdown(model, period, agenda);
}

function fixture(kpis: string, periods: Record<string, string>): Model {
  const loaded = loadTree({ 'catalogue.yaml': catalogue(kpis), ...periods });
  if (!loaded.dataset) throw new Error(loaded.findings.map((f) => f.message).join('; '));
  return buildModel(loaded.dataset, loaded.findings, UNICODE_GLYPHS);
}

describe('a composite shows the metric that decides its RAG', () => {
  const model = modelOf('catalogue/lcc-2024-25.yaml');
  const q2 = periodOf(model, '2024/25 Q2');

  it('road condition: the C roads (red), not the A roads (amber)', () => {
    const r = row(model, q2, 'road-condition');
    expect(r.rag).toBe('red');
    expect(r.value).toBe('6.30%');
    expect(r.decidedBy).toBe('worst of 3: Condition of C road % Red');
    const slide = slideText(model, q2, 'road-condition');
    expect(slide).toContain('Condition of C road % Red');
    expect(slide).toContain('worst of 3');
    expect(slide).not.toContain('Condition of A road');
  });

  it('substance misuse: opiates (red), not alcohol', () => {
    expect(row(model, q2, 'substance-misuse-treatment').value).toBe('4.7%');
    expect(slideText(model, q2, 'substance-misuse-treatment')).toMatch(/opiate/i);
  });

  it('the detail shows every metric and says which decides', () => {
    const text = detailText(model, q2, 'road-condition');
    for (const m of ['A road', 'B road', 'C road']) expect(text).toContain(`Condition of ${m} % Red`);
    expect(text).toMatch(/Condition of C road % Red \(decides/);
  });
});

describe('the target shown is the target that rated the figure', () => {
  const model = modelOf('catalogue/lcc-2019-20.yaml');
  const q3 = periodOf(model, '2019/20 Q3');

  it("Boost jobs: the quarter's own target (120), not the programme's label", () => {
    expect(row(model, q3, 'boost-jobs').target).toBe('120');
    expect(slideText(model, q3, 'boost-jobs')).toContain('120');
    expect(slideText(model, q3, 'boost-jobs')).not.toContain('1,000 jobs target');
    expect(slideText(model, q3, 'boost-jobs')).toContain('better than 2019/20 Q2 (117)');
    expect(handout(model, q3, 'boost-jobs')).toMatch(/\| 164\.44 \| 120 \(set for 2019\/20 Q3\) \|/);
  });

  it('e-downloads: the pro-rata target (220,431), not the whole year (293,908)', () => {
    expect(row(model, q3, 'e-downloads').target).toBe('220,431');
    const slide = slideText(model, q3, 'e-downloads');
    expect(slide).toContain('220,431');
    const md = handout(model, q3, 'e-downloads');
    expect(md).toContain('220,431 (pro rata: 3/4 of 293,908)');
    expect(metricsCsv(model, q3)).toMatch(/e-downloads,Number of e-downloads,2019\/20 Q3,247517,count,220431,,pro rata,/);
  });
});

describe('numbers', () => {
  const model = fixture(
    `      - { id: waits, title: Days waited, unit: days, good: low, target: 4.5, decimals: 0 }
      - { id: leaks, title: Leak rate, unit: ratio, good: low, target: 0.0005, decimals: 2 }
      - { id: share, title: Share, unit: percent, good: high, target: 14, target_label: "Comparable with neighbours (14%)" }
`,
    { 'q1.yaml': 'period: 2019/20 Q1\nobservations:\n  waits: { value: 6 }\n  leaks: { value: 0.01 }\n  share: { value: 10 }\n' },
  );

  it('a 4.5-day target reads 4.5 days everywhere, the overview too', () => {
    expect(row(model, 0, 'waits').target).toBe('4.5 days');
    const line = overviewModel(model, 0).below.find((k) => k.kpiId === 'waits');
    expect(line?.target).toBe('4.5 days');
  });

  it('a tiny target is never printed as 0.00', () => {
    expect(row(model, 0, 'leaks').target).toBe('0.0005');
    expect(detailText(model, 0, 'leaks')).toMatch(/vs target 0\.0005 /);
  });

  it('a label that shows the number is not followed by it again', () => {
    expect(row(model, 0, 'share').target).toBe('Comparable with neighbours (14%)');
    for (const text of [detailText(model, 0, 'share'), handout(model, 0, 'share'), slideText(model, 0, 'share')]) {
      expect(text).toContain('Comparable with neighbours (14%)');
      expect(text).not.toContain('(14%) (14%)');
    }
  });

  it('a tolerance that is not zero is never printed as 0.00', () => {
    // 5% of 0.0005 is 0.000025.
    expect(detailText(model, 0, 'leaks')).toContain('amber tolerance 0.000025 (5%)');
  });
});

describe("what `check` questions is marked at the figure", () => {
  const model = fixture(
    `      - { id: ratio, title: Ratio figure, unit: percent, good: high, target: 50 }
      - { id: jumpy, title: Jumpy figure, unit: count, good: high, target: 10 }
      - { id: claimed, title: Claimed figure, unit: percent, good: high, target: 90 }
`,
    {
      'q1.yaml': 'period: 2019/20 Q1\nobservations:\n  ratio: { value: 60 }\n  jumpy: { value: 12 }\n  claimed: { value: 95 }\n',
      'q2.yaml':
        'period: 2019/20 Q2\nobservations:\n  ratio: { value: 60.0, numerator: 50, denominator: 100 }\n  jumpy: { value: 120 }\n  claimed: { value: 95, rag: amber }\ncommentary:\n  ratio: x\n  jumpy: x\n  claimed: x\n',
    },
  );

  it.each([
    ['ratio', 'RATIO_MISMATCH', 'ratio'],
    ['jumpy', 'SUSPICIOUS_JUMP', 'jump'],
    ['claimed', 'RAG_MISMATCH', 'RAG?'],
  ])('%s: %s in the table row, the detail and the slide', (id, code, word) => {
    expect(model.findings.some((f) => f.code === code && f.id === id)).toBe(true);
    const r = row(model, 1, id);
    expect(r.findings).toContain(word);
    const table = kpisScreen(model, { period: 1, cursor: 0, filter: id, sortColumn: 0, width: 120, height: 30 });
    const cells = table.table?.rows.find((x) => x['title']?.includes(id === 'claimed' ? 'Claimed' : id === 'ratio' ? 'Ratio' : 'Jumpy'));
    expect(cells?.['rag']).toContain('*');
    expect(cells?.['flags']).toContain(word);
    expect(detailText(model, 1, id)).toContain(code);
    expect(slideText(model, 1, id)).toContain(word);
  });
});

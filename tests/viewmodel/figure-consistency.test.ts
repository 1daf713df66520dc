// The same figure everywhere: for every KPI of every bundled catalogue and period, the value, the
// target and the RAG read back from the KPI table, the KPI detail, the slide, the markdown
// hand-out and the CSV are the same.
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { AgendaEntry, MeetingAgenda } from '../../src/viewmodel/agenda.js';
import { handoutMarkdown } from '../../src/viewmodel/export.js';
import { metricsCsv } from '../../src/viewmodel/export-tables.js';
import { RAG_WORDS } from '../../src/viewmodel/glyphs.js';
import { kpiDetailLines } from '../../src/viewmodel/kpi-detail.js';
import { priorityScreen } from '../../src/viewmodel/kpis-screen.js';
import type { Model } from '../../src/viewmodel/model.js';
import { slideView } from '../../src/viewmodel/slides.js';
import { plain } from '../../src/viewmodel/styled.js';
import { modelOf } from '../ui/harness.js';

// Every bundled catalogue.
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const CATALOGUES = readdirSync(path.join(ROOT, 'catalogue')).filter((n) => n.endsWith('.yaml')).map((n) => n.replace(/\.yaml$/, ''));
const WORDS = Object.values(RAG_WORDS);

/** The RAG word in a text ("✗ Red" → "Red"). */
function ragIn(text: string): string | undefined {
  return WORDS.find((w) => new RegExp(`(^|[^A-Za-z])${w}\\b`).test(text));
}

/** A displayed number back as a number: "£188.57m" → 188.57, "2,638,886" → 2638886. */
function numberIn(text: string): number | undefined {
  const m = /-?[\d,]*\.?\d+/.exec(text.replace(/−/g, '-'));
  return m ? Number(m[0].replace(/,/g, '')) : undefined;
}

interface Shown {
  readonly rag?: string | undefined;
  readonly value?: string;
  readonly target?: string;
}

/** The KPI table of each priority, as wide and tall as it gets: no cell is cut, every row shown. */
function tableRows(model: Model, period: number): Map<string, Shown> {
  const out = new Map<string, Shown>();
  for (const priority of model.priorities) {
    const v = priorityScreen(model, priority.id, { period, cursor: 0, filter: '', sortColumn: 0, width: 1000, height: 5000 });
    const rows = v.table?.rows ?? [];
    for (const [i, r] of rows.entries()) {
      const t = v.targets[i];
      if (t?.kind !== 'kpi') continue;
      out.set(t.id, { rag: ragIn(r['rag'] ?? ''), value: (r['value'] ?? '').trim(), target: (r['target'] ?? '').trim() });
    }
  }
  return out;
}

/** The detail: the KPI's RAG, and the value and target of the metric that decides it. */
function detail(model: Model, period: number, id: string): Shown {
  const lines = kpiDetailLines(model, id, period, 1000, 60).map((l) => plain(l).trimEnd());
  const rag = ragIn(lines.find((l) => l.startsWith('RAG '))?.slice(4) ?? '');
  // A composite's metrics are headed "1/3 Title"; the KPI's kind is the catalogue's.
  const composite = model.kpis.get(id)?.kpi.composite === true;
  let start = lines.findIndex((l) => (composite ? /^\d+\/\d+ .*\(decides the RAG/.test(l) : l.startsWith('Figures for ')));
  if (start < 0 && composite) start = lines.findIndex((l) => /^1\/\d+ /.test(l));
  const field = (name: string) => lines.slice(start).find((l) => l.startsWith(`${name} `))?.slice(13);
  return { ...(rag ? { rag } : {}), value: field('Value') ?? '', target: field('Target') ?? '' };
}

function slide(model: Model, period: number, id: string): string {
  const entry: AgendaEntry = { index: 0, title: 'Item', show: { kind: 'kpi', id } };
  // Short: the figure is written as text on one line, not drawn in large digits.
  return slideView(model, entry, { period, cursor: 0, filter: '', sortColumn: 0, width: 400, height: 8 })
    .lines.map(plain)
    .join('\n');
}

/** Each KPI's section of the hand-out: its RAG line and the table row of the metric that decides it. */
function handout(model: Model, period: number, ids: readonly string[]): Map<string, { rag?: string; row?: string[] }> {
  const items: AgendaEntry[] = ids.map((id, index) => ({ index, title: `Item ${id}`, show: { kind: 'kpi', id } }));
  const agenda: MeetingAgenda = { meeting: 'Check', generated: false, items };
  const md = handoutMarkdown(model, period, agenda);
  const out = new Map<string, { rag?: string; row?: string[] }>();
  const sections = md.split(/^## /m).slice(1);
  for (const [i, section] of sections.entries()) {
    const id = ids[i] as string;
    const rag = ragIn(/^- RAG: (.*)$/m.exec(section)?.[1] ?? '');
    const rows = section.split('\n').filter((l) => l.startsWith('| ') && !l.startsWith('| Metric') && !l.startsWith('| ---'));
    const deciding = rows.find((l) => l.includes('(decides the RAG')) ?? rows[0];
    const cells = deciding?.split(' | ').map((c) => c.replace(/^\| |\|$/g, '').trim());
    out.set(id, { ...(rag ? { rag } : {}), ...(cells ? { row: cells } : {}) });
  }
  return out;
}

function csvDeciding(model: Model, period: number): Map<string, Record<string, string>> {
  const [head, ...lines] = metricsCsv(model, period).trimEnd().split('\r\n');
  const names = (head ?? '').split(',');
  const out = new Map<string, Record<string, string>>();
  for (const line of lines) {
    // Fields here hold no quoted commas in the columns read (ids, numbers, RAG words, yes/no).
    const cells = line.match(/("([^"]|"")*"|[^,]*)(,|$)/g)?.map((c) => c.replace(/,$/, '')) ?? [];
    const rec = Object.fromEntries(names.map((n, i) => [n, cells[i] ?? '']));
    if (rec['decides_kpi'] === 'yes') out.set(rec['kpi_id'] as string, rec);
  }
  return out;
}

describe.each(CATALOGUES)('%s: one figure in every rendering', (id) => {
  const model = modelOf(`catalogue/${id}.yaml`);
  it.each(model.periodLabels.map((label, i) => [label, i] as const))('%s', (_label, period) => {
    const table = tableRows(model, period);
    const ids = [...table.keys()];
    const md = handout(model, period, ids);
    const csv = csvDeciding(model, period);
    let compared = 0;
    for (const kpiId of ids) {
      const t = table.get(kpiId) as Shown;
      const d = detail(model, period, kpiId);
      const s = slide(model, period, kpiId);
      const h = md.get(kpiId);
      const where = `${kpiId} in ${model.periodLabels[period]}`;
      // The RAG.
      expect(d.rag, `${where}: detail RAG`).toBe(t.rag);
      expect(ragIn(s), `${where}: slide RAG`).toBe(t.rag);
      expect(h?.rag, `${where}: hand-out RAG`).toBe(t.rag);
      if (t.value === 'no data') continue;
      // The value and the target of the figure that decides the RAG.
      const hasValue = /\d/.test(t.value ?? '');
      if (hasValue) {
        expect((d.value ?? "").startsWith(t.value as string), `${where}: detail value ${d.value} vs ${t.value}`).toBe(true);
        expect(s, `${where}: slide value`).toContain(t.value);
        expect(h?.row?.[1]?.replace(/\\/g, '').startsWith(t.value as string), `${where}: hand-out value ${h?.row?.[1]} vs ${t.value}`).toBe(true);
        expect(Number(csv.get(kpiId)?.['value']), `${where}: csv value`).toBeCloseTo(numberIn(t.value as string) as number, 6);
      }
      if (t.target) {
        expect((d.target ?? "").startsWith(t.target), `${where}: detail target ${d.target} vs ${t.target}`).toBe(true);
        expect(s, `${where}: slide target`).toContain(t.target);
        expect(h?.row?.[2]?.replace(/\\/g, '').startsWith(t.target), `${where}: hand-out target ${h?.row?.[2]} vs ${t.target}`).toBe(true);
      }
      compared += 1;
    }
    expect(compared).toBeGreaterThan(0);
  });
});

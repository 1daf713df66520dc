// What each section of a hand-out says, before it is written as markdown or HTML: plain text
// (unescaped: each format escapes it its own way) and the rows of its tables, from the one figure
// model and the register's one reading. The markdown (kpi-sections.ts, register-sections.ts) and
// the HTML (html/*.ts) hand-outs both render these, so they can never say different things.

import type { KpiEval } from '../../domain/evaluate.js';
import { plural } from '../../domain/format.js';
import { impactWord, likelihoodWord, type Cell } from '../../domain/risk.js';
import type { Commentary, Finance, Kpi, RegisterKind } from '../../domain/types.js';
import type { PeriodEval } from '../../domain/evaluate.js';
import { entriesIn, gridData, unplaced } from '../heatgrid-screen.js';
import type { Glyphs } from '../glyphs.js';
import { kpiRows, type KpiRow } from '../kpi-rows.js';
import type { Model } from '../model.js';
import { overviewModel } from '../overview.js';
import { bandLabel, registerOf, registerSince, type EntryView } from '../register.js';
import type { Token } from '../styled.js';

/** The marks a hand-out writes of its own (beyond the glyph set). */
export interface Marks {
  readonly ascii: boolean;
  readonly dot: string;
}

export function marks(g: Glyphs): Marks {
  return { ascii: g.ascii, dot: g.dot };
}

/** What every section is written from: the model, the period and its label, the glyph set. */
export interface Ctx {
  readonly model: Model;
  readonly period: number;
  readonly pe: PeriodEval;
  readonly label: string;
  readonly g: Glyphs;
  readonly m: Marks;
}

/** The KPIs below the desired level (red first, as the overview orders them), with how many are red. */
export function exceptionRows(c: Ctx): { readonly rows: readonly KpiRow[]; readonly reds: number } {
  const below = overviewModel(c.model, c.period).below;
  const byId = new Map(kpiRows(c.model, c.period).map((r) => [r.kpiId, r]));
  const rows = below.flatMap((k) => {
    const r = byId.get(k.kpiId);
    return r ? [r] : [];
  });
  return { rows, reds: rows.filter((r) => r.rag === 'red').length };
}

/** A priority's KPIs: those reported in the period and those not. */
export function priorityRows(c: Ctx, id: string): { readonly reported: readonly KpiRow[]; readonly missing: readonly KpiRow[] } {
  const all = kpiRows(c.model, c.period).filter((r) => r.priorityId === id);
  return { reported: all.filter((r) => r.hasData), missing: all.filter((r) => !r.hasData) };
}

/** Where a KPI's RAG comes from, in words (with the KPI report's note, when there is one). */
export function ragSource(c: Ctx, ke: KpiEval): string {
  const { kpi } = ke;
  const how = !ke.hasData
    ? `nothing reported for ${c.label}`
    : kpi.composite
      ? ke.reported !== undefined
        ? 'as reported for the KPI'
        : `the ${kpi.rollup} of its metrics: no overall RAG reported`
      : ke.metrics[0]?.reported !== undefined
        ? 'as reported'
        : 'computed: none reported';
  const report = kpi.composite ? c.pe.data.kpiReports.get(kpi.id) : undefined;
  return report?.note ? `${how}: ${report.note}` : how;
}

/** The notes recorded with a KPI's observations; `on` names the metric when the KPI has several. */
export function observationNotes(ke: KpiEval): Array<{ readonly on?: string; readonly note: string }> {
  return ke.metrics.flatMap((me) => (me.obs?.note ? [{ ...(ke.metrics.length > 1 ? { on: me.metric.title } : {}), note: me.obs.note }] : []));
}

/** A KPI's commentary, the KPI's own then each metric's; `on` names the metric of a composite. */
export function kpiCommentary(c: Ctx, kpi: Kpi): Array<{ readonly on?: string; readonly co: Commentary }> {
  return [...new Set([kpi.id, ...kpi.metrics.map((m) => m.id)])].flatMap((key) => {
    const co = c.pe.data.commentary.get(key);
    if (!co) return [];
    const metric = kpi.composite ? kpi.metrics.find((m) => m.id === key) : undefined;
    return [{ ...(metric ? { on: metric.title } : {}), co }];
  });
}

export function noRegisterText(c: Ctx): string {
  return `There is no register in ${c.label}.`;
}

export function emptyRegisterText(c: Ctx): string {
  return `The ${c.label} register is empty.`;
}

/** The register in published order (risks, then opportunities) and the sentence above its table. */
export function registerSummary(c: Ctx): { readonly sorted: readonly EntryView[]; readonly summary: string } {
  const views = registerOf(c.model, c.period);
  const sorted = [...views.filter((v) => v.entry.kind === 'risk'), ...views.filter((v) => v.entry.kind === 'opportunity')];
  const appetite = c.model.ev.dataset.catalogue.riskAppetite;
  const risks = sorted.filter((v) => v.entry.kind === 'risk').length;
  const opportunities = sorted.length - risks;
  const above = sorted.filter((v) => v.aboveAppetite).length;
  const counts = `${plural(risks, 'risk', 'risks')} and ${plural(opportunities, 'opportunity', 'opportunities')}`;
  const appetiteText = appetite !== undefined ? `; risk appetite ${appetite}, ${plural(above, 'risk', 'risks')} above it` : '';
  const prev = registerSince(c.model, c.period);
  const movement = prev ? `Movement is of the residual score since the ${prev} register.` : 'No earlier register is loaded: movement is not known (n/a).';
  return { sorted, summary: `${counts}${appetiteText}. ${movement}` };
}

/** One cell of the 5×5 grid: its score, band, whether it is beyond the appetite, the entries in it. */
export interface GridCellData {
  readonly impact: number;
  readonly likelihood: number;
  readonly score: number;
  readonly band?: string;
  /** The band's rank as the theme names it (band.low … band.critical), for a colour in addition to the word. */
  readonly token?: Token;
  readonly above: boolean;
  readonly ids: readonly string[];
}

export interface GridTableData {
  readonly kind: RegisterKind;
  readonly title: string;
  /** The corner, then the likelihoods 1 to 5. */
  readonly head: readonly string[];
  /** Impact 5 (top) to 1, each with its label and five cells. */
  readonly rows: ReadonlyArray<{ readonly label: string; readonly cells: readonly GridCellData[] }>;
  readonly appetite?: number;
  /** Entries that cannot be placed, with why. */
  readonly missing: ReadonlyArray<{ readonly ids: readonly string[]; readonly reason: string }>;
}

/** The residual heat grid of one kind of entry; undefined when the register has none of that kind. */
export function gridTableData(c: Ctx, kind: RegisterKind): GridTableData | undefined {
  const data = gridData(c.model, c.period, kind, 'residual');
  if (data.entries.length === 0) return undefined;
  const appetite = kind === 'risk' ? c.model.ev.dataset.catalogue.riskAppetite : undefined;
  const rows = [5, 4, 3, 2, 1].map((impact) => ({
    label: `${impactWord(impact, kind)} (${impact})`,
    cells: [1, 2, 3, 4, 5].map((likelihood): GridCellData => {
      const cell: Cell = { impact, likelihood };
      const score = impact * likelihood;
      const band = bandLabel(c.model, score);
      return { impact, likelihood, score, ...(band ? { band: band.word, token: band.token } : {}), above: appetite !== undefined && score > appetite, ids: entriesIn(data, cell).map((e) => e.view.entry.id) };
    }),
  }));
  return {
    kind,
    title: kind === 'risk' ? 'Risks' : 'Opportunities',
    head: ['Impact / likelihood', ...[1, 2, 3, 4, 5].map((l) => `${likelihoodWord(l)} (${l})`)],
    rows,
    ...(appetite !== undefined ? { appetite } : {}),
    missing: unplaced(data, 'residual'),
  };
}

export function financeIntro(c: Ctx, fin: Finance): string {
  return `Budget monitoring, ${c.label} (${fin.unit}). Variance is forecast less budget; the total is the sum of the lines.`;
}

export function noFinanceText(c: Ctx): string {
  return `There is no finance table in ${c.label}.`;
}

export function exceptionsText(c: Ctx, rows: number, reds: number): string {
  return rows === 0 ? `Every rated KPI reported in ${c.label} is on target.` : `${plural(rows, 'KPI', 'KPIs')} performing below the desired level in ${c.label}: ${reds} red, ${rows - reds} amber.`;
}

// The hand-out's sections for KPIs: the overview, a priority, the exceptions and one KPI (each
// from the one figure model, figure.ts).

import type { KpiEval } from '../../domain/evaluate.js';
import type { Commentary } from '../../domain/types.js';
import type { AgendaEntry } from '../agenda.js';
import { ragToken } from '../glyphs.js';
import { type KpiRow } from '../kpi-rows.js';
import { decidesNote, findingWords, kpiFigure, type MetricFigure } from '../figure.js';
import { overviewModel } from '../overview.js';
import { blocks, type Ctx, mdInline, mdTable, mdText, paragraphs, titleUnlessGiven, travelCell, COUNT_ORDER, bullets } from './markdown.js';
import { exceptionRows, exceptionsText, kpiCommentary, observationNotes, priorityRows, ragSource } from './section-data.js';

export function overviewSection(c: Ctx): string[] {
  const o = overviewModel(c.model, c.period);
  const head = ['Priority', ...COUNT_ORDER.map((r) => ragToken(r, c.g))];
  const rows = o.priorities.map((p) => [mdInline(p.title), ...COUNT_ORDER.map((r) => String(p.counts[r]))]);
  const changes: string[] = [];
  if (o.previous) {
    const x = o.changes;
    for (const k of x.newReds) changes.push(`- New red: ${mdInline(k.title)} (was ${ragToken(k.from, c.g)})`);
    for (const k of x.ragChanges) changes.push(`- ${mdInline(k.title)}: ${ragToken(k.from, c.g)} to ${ragToken(k.to, c.g)}`);
    if (changes.length === 0) changes.push('- No RAG changes.');
  }
  return blocks(
    [`**${mdInline(o.headline)}**`, '', mdText(`${o.unratedNote}.`)],
    mdTable(head, rows, [1, 2, 3, 4]),
    o.previous ? [`Changed since ${o.previous}:`, '', ...changes] : [],
  );
}

/** The KPI table of a priority or of the exceptions: KPI, RAG, value, target, direction. */
export function kpiTable(c: Ctx, rows: readonly KpiRow[]): string[] {
  return mdTable(
    ['KPI', 'RAG', 'Value', 'Target', 'Direction'],
    rows.map((r) => [mdInline(r.title), ragToken(r.rag, c.g), mdInline(r.value), mdInline(r.target), travelCell(r, c.g)]),
    [2],
  );
}

export function prioritySection(c: Ctx, item: AgendaEntry, id: string): string[] {
  const priority = c.model.priorities.find((p) => p.id === id);
  if (!priority) return [mdText(`No priority '${id}' in the catalogue.`)];
  const { reported, missing } = priorityRows(c, id);
  return blocks(
    titleUnlessGiven(item, priority.title),
    priority.description ? [mdText(priority.description)] : [],
    reported.length > 0 ? kpiTable(c, reported) : [mdText(`No KPI of this priority was reported in ${c.label}.`)],
    missing.length > 0 && reported.length > 0 ? [mdText(`Not reported in ${c.label}: ${missing.map((r) => r.title).join('; ')}.`)] : [],
  );
}

export function exceptionsSection(c: Ctx): string[] {
  const { rows, reds } = exceptionRows(c);
  if (rows.length === 0) return [mdText(exceptionsText(c, 0, 0))];
  return blocks([mdText(exceptionsText(c, rows.length, reds))], kpiTable(c, rows));
}

/** The value with its unit, and what qualifies it: year to date, as of, flags, what `check` questions. */
export function metricValue(mf: MetricFigure): string {
  if (mf.me.obs === undefined) return 'not reported';
  if (mf.value === undefined) return 'no value';
  const extra = [...(mf.asOf !== undefined ? [`as of ${mf.asOf}`] : []), ...mf.flags.map((f) => f.replace(/_/g, ' ')), ...(findingWords(mf.findings).length > 0 ? [`check: ${findingWords(mf.findings).join(', ')}`] : [])];
  return `${mf.valueText}${mf.yearToDate ? ' year to date' : ''}${extra.length > 0 ? ` (${extra.join(', ')})` : ''}`;
}

export function commentaryBlocks(co: Commentary): string[][] {
  const list = (title: string, items: readonly string[]) => (items.length === 0 ? [] : [`**${title}**`, '', ...bullets(items)]);
  return [
    co.text ? paragraphs(co.text) : [],
    co.summary ? [`**Summary**`, '', ...paragraphs(co.summary)] : [],
    list('Issues', co.issues),
    list('Causes', co.causes),
    list('Actions', co.actions),
  ];
}

export function kpiSection(c: Ctx, item: AgendaEntry, id: string): string[] {
  const ke: KpiEval | undefined = c.pe.kpis.get(id);
  const entry = c.model.kpis.get(id);
  const kf = kpiFigure(c.model, c.period, id);
  if (!ke || !entry || !kf) return [mdText(`No KPI '${id}' in the catalogue.`)];
  const { kpi } = ke;
  const head = [...titleUnlessGiven(item, kpi.title), `- RAG: ${ragToken(ke.counted, c.g)} (${mdInline(ragSource(c, ke))})`, `- Priority: ${mdInline(entry.priority.title)}`];
  const table = mdTable(
    ['Metric', 'Value', 'Target', 'Reported', 'Computed', 'Direction'],
    kf.metrics.map((mf) => [
      mdInline(`${mf.metric.title}${decidesNote(kf, mf) !== undefined ? ` (${decidesNote(kf, mf)})` : ''}`),
      mdInline(metricValue(mf)),
      mdInline(mf.target.full),
      mf.reported ? ragToken(mf.reported, c.g) : 'none',
      ragToken(mf.computed, c.g),
      travelCell({ ...(mf.travel?.direction ? { direction: mf.travel.direction } : {}) }, c.g),
    ]),
    [1],
  );
  const why = kf.metrics.length === 1 ? [mdText(`Why: ${kf.metrics[0]?.rule ?? ''}`)] : kf.metrics.map((mf) => `- ${mdInline(mf.metric.title)}: ${mdInline(mf.rule)}`);
  const notes = observationNotes(ke).map((n) => `- Note${n.on !== undefined ? ` on ${mdInline(n.on)}` : ''}: ${mdInline(n.note)}`);
  const keyed = kpiCommentary(c, kpi);
  const commentary =
    keyed.length === 0
      ? [[`### Commentary`, '', mdText(`No commentary for ${c.label}.`)]]
      : [
          [`### Commentary`],
          ...keyed.flatMap(({ on, co }) => [on !== undefined ? [`*On ${mdInline(on)}*`] : [], ...commentaryBlocks(co)]),
        ];
  return blocks(head, table, why, notes, ...commentary);
}

/** What the item shows, in bold, unless the item's title already says it. */

// The HTML hand-out's sections for KPIs: the overview, a priority, the exceptions and one KPI.
// The same content as the markdown hand-out (kpi-sections.ts): the same rows from the figure
// model, the same sentences from section-data.ts; here with a trend chart per metric.

import type { KpiEval } from '../../../domain/evaluate.js';
import type { Commentary, Rag } from '../../../domain/types.js';
import type { AgendaEntry } from '../../agenda.js';
import { decidesNote, kpiFigure } from '../../figure.js';
import { ragToken, type Glyphs } from '../../glyphs.js';
import type { KpiRow } from '../../kpi-rows.js';
import { overviewModel } from '../../overview.js';
import { metricValue } from '../kpi-sections.js';
import { COUNT_ORDER, travelCell } from '../markdown.js';
import { exceptionRows, exceptionsText, kpiCommentary, observationNotes, priorityRows, ragSource, type Ctx } from '../section-data.js';
import { trendSvg } from './chart-svg.js';
import { bulletList, el, inline, paragraphs, table } from './escape.js';

const RAG_CLASS: Readonly<Record<Rag, string>> = { green: 'rag rag-green', amber: 'rag rag-amber', red: 'rag rag-red', unrated: 'rag rag-unrated' };

/** A RAG as symbol and word; its colour (a class) only in addition. */
export function ragHtml(rag: Rag, g: Glyphs): string {
  return el('span', { class: RAG_CLASS[rag] }, inline(ragToken(rag, g)));
}

/** What the item shows, in bold, unless the item's title already says it. */
export function titleUnlessGiven(item: AgendaEntry, title: string): string[] {
  return item.title.toLowerCase().includes(title.toLowerCase()) ? [] : [el('p', {}, el('strong', {}, inline(title)))];
}

export function sentence(s: string): string {
  return el('p', {}, inline(s));
}

export function overviewHtml(c: Ctx): string[] {
  const o = overviewModel(c.model, c.period);
  const counts = table({
    head: ['Priority', ...COUNT_ORDER.map((r) => ragHtml(r, c.g))],
    rows: o.priorities.map((p) => [inline(p.title), ...COUNT_ORDER.map((r) => String(p.counts[r]))]),
    right: [1, 2, 3, 4],
    rowHeads: true,
  });
  const changes: string[] = [];
  if (o.previous) {
    for (const k of o.changes.newReds) changes.push(`${inline(`New red: ${k.title}`)} (was ${ragHtml(k.from, c.g)})`);
    for (const k of o.changes.ragChanges) changes.push(`${inline(k.title)}: ${ragHtml(k.from, c.g)} to ${ragHtml(k.to, c.g)}`);
    if (changes.length === 0) changes.push('No RAG changes.');
  }
  return [
    el('p', { class: 'headline' }, el('strong', {}, inline(o.headline))),
    sentence(`${o.unratedNote}.`),
    counts,
    ...(o.previous ? [sentence(`Changed since ${o.previous}:`), el('ul', {}, changes.map((x) => el('li', {}, x)).join(''))] : []),
  ];
}

/** The KPI table of a priority or of the exceptions: KPI, RAG, value, target, direction. */
export function kpiTableHtml(c: Ctx, rows: readonly KpiRow[]): string {
  return table({
    head: ['KPI', 'RAG', 'Value', 'Target', 'Direction'],
    rows: rows.map((r) => [inline(r.title), ragHtml(r.rag, c.g), inline(r.value), inline(r.target), inline(travelCell(r, c.g))]),
    right: [2],
    rowHeads: true,
  });
}

export function priorityHtml(c: Ctx, item: AgendaEntry, id: string): string[] {
  const priority = c.model.priorities.find((p) => p.id === id);
  if (!priority) return [sentence(`No priority '${id}' in the catalogue.`)];
  const { reported, missing } = priorityRows(c, id);
  return [
    ...titleUnlessGiven(item, priority.title),
    ...(priority.description ? [sentence(priority.description)] : []),
    reported.length > 0 ? kpiTableHtml(c, reported) : sentence(`No KPI of this priority was reported in ${c.label}.`),
    ...(missing.length > 0 && reported.length > 0 ? [sentence(`Not reported in ${c.label}: ${missing.map((r) => r.title).join('; ')}.`)] : []),
  ];
}

export function exceptionsHtml(c: Ctx): string[] {
  const { rows, reds } = exceptionRows(c);
  return [sentence(exceptionsText(c, rows.length, reds)), ...(rows.length > 0 ? [kpiTableHtml(c, rows)] : [])];
}

export function commentaryHtml(co: Commentary): string[] {
  const list = (title: string, items: readonly string[]) => (items.length === 0 ? [] : [el('h4', {}, title), bulletList(items)]);
  return [
    ...(co.text ? paragraphs(co.text) : []),
    ...(co.summary ? [el('h4', {}, 'Summary'), ...paragraphs(co.summary)] : []),
    ...list('Issues', co.issues),
    ...list('Causes', co.causes),
    ...list('Actions', co.actions),
  ];
}

/** One KPI: its RAG and where it comes from, the metrics' table with targets, the rule, a chart per metric, the commentary. */
export function kpiHtml(c: Ctx, item: AgendaEntry, id: string, charts: { n: number }): string[] {
  const ke: KpiEval | undefined = c.pe.kpis.get(id);
  const entry = c.model.kpis.get(id);
  const kf = kpiFigure(c.model, c.period, id);
  if (!ke || !entry || !kf) return [sentence(`No KPI '${id}' in the catalogue.`)];
  const { kpi } = ke;
  const facts = el(
    'ul',
    { class: 'facts' },
    el('li', {}, `RAG: ${ragHtml(ke.counted, c.g)} (${inline(ragSource(c, ke))})`) + el('li', {}, inline(`Priority: ${entry.priority.title}`)),
  );
  const metrics = table({
    head: ['Metric', 'Value', 'Target', 'Reported', 'Computed', 'Direction'],
    rows: kf.metrics.map((mf) => {
      const note = decidesNote(kf, mf);
      return [
        inline(`${mf.metric.title}${note !== undefined ? ` (${note})` : ''}`),
        inline(metricValue(mf)),
        inline(mf.target.full),
        mf.reported ? ragHtml(mf.reported, c.g) : 'none',
        ragHtml(mf.computed, c.g),
        inline(travelCell({ ...(mf.travel?.direction ? { direction: mf.travel.direction } : {}) }, c.g)),
      ];
    }),
    right: [1],
    rowHeads: true,
  });
  const why =
    kf.metrics.length === 1
      ? [el('p', { class: 'rule' }, inline(`Why: ${kf.metrics[0]?.rule ?? ''}`))]
      : [el('ul', { class: 'rule' }, kf.metrics.map((mf) => el('li', {}, inline(`${mf.metric.title}: ${mf.rule}`))).join(''))];
  const notes = observationNotes(ke).map((x) => el('p', { class: 'note' }, inline(`Note${x.on !== undefined ? ` on ${x.on}` : ''}: ${x.note}`)));
  const chartsHtml = kf.metrics.map((mf) => trendSvg(c.model, kpi, mf, c.period, charts.n++));
  const keyed = kpiCommentary(c, kpi);
  const commentary =
    keyed.length === 0
      ? [el('h3', {}, 'Commentary'), sentence(`No commentary for ${c.label}.`)]
      : [el('h3', {}, 'Commentary'), ...keyed.flatMap(({ on, co }) => [...(on !== undefined ? [el('p', {}, el('em', {}, inline(`On ${on}`)))] : []), ...commentaryHtml(co)])];
  return [...titleUnlessGiven(item, kpi.title), facts, metrics, ...why, ...notes, ...chartsHtml, ...commentary];
}

// The meeting's agenda as one self-contained HTML5 file, the committee paper: a title block, then
// one <section> per agenda item with the same content as the markdown hand-out (export.ts; both
// render section-data.ts and the figure model), a trend chart per metric as inline SVG, and a print
// stylesheet for A4 (html/style.ts). Pure: model in, text out; the command chooses period and agenda.
//
// Self-contained and inert: a Content-Security-Policy that forbids every script and every fetch
// (only inline style and data: images), no script, no external resource, no URL at all. Every text
// from the data is escaped where it becomes markup (html/escape.ts). Speaker notes only with
// `notes`. Drawn with the glyph set: in ASCII, the data's text is transliterated too.

import { formatPeriod } from '../domain/period.js';
import type { AgendaEntry, MeetingAgenda } from './agenda.js';
import { drawText } from './glyphs.js';
import { periodAt, type Model } from './model.js';
import type { HandoutOptions } from './export.js';
import { clean } from './export/markdown.js';
import { marks, type Ctx } from './export/section-data.js';
import { el, inline, paragraphs } from './export/html/escape.js';
import { exceptionsHtml, kpiHtml, overviewHtml, priorityHtml } from './export/html/kpi.js';
import { financeHtml, heatgridHtml, registerHtml, riskHtml } from './export/html/register.js';
import { HANDOUT_CSS } from './export/html/style.js';

/** The policy: nothing may run or be fetched; the inline stylesheet and data: images may be used. */
export const HANDOUT_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'";

function sectionBody(c: Ctx, item: AgendaEntry, charts: { n: number }): string[] {
  const show = item.show;
  switch (show.kind) {
    case 'overview':
      return overviewHtml(c);
    case 'exceptions':
      return exceptionsHtml(c);
    case 'priority':
      return priorityHtml(c, item, show.id);
    case 'kpi':
      return kpiHtml(c, item, show.id, charts);
    case 'register':
      return registerHtml(c);
    case 'risk':
      return riskHtml(c, item, show.id);
    case 'heatgrid':
      return heatgridHtml(c);
    case 'finance':
      return financeHtml(c);
    case 'text':
      // The title is the whole item: a procedural item (apologies, minutes, date of next meeting).
      return [];
  }
}

function notesHtml(notes: string): string {
  return el('aside', { class: 'notes', 'aria-label': 'Speaker notes' }, el('h3', {}, 'Speaker notes') + paragraphs(clean(notes)).join(''));
}

/**
 * The agenda as an HTML hand-out. Speaker notes are for the presenter and are NOT in it unless
 * `notes` is set.
 */
export function handoutHtml(model: Model, period: number, agenda: MeetingAgenda, options: HandoutOptions = {}): string {
  const pe = periodAt(model, period);
  const label = formatPeriod(pe.data.period);
  const g = model.glyphs;
  const c: Ctx = { model, period, pe, label, g, m: marks(g) };
  const cat = model.ev.dataset.catalogue;
  const charts = { n: 0 };
  const fact = (term: string, value: string) => el('dt', {}, term) + el('dd', {}, inline(value));
  const title = el(
    'header',
    { class: 'title' },
    el('h1', {}, inline(agenda.meeting)) +
      el('dl', {}, fact('Organisation', cat.organisation) + fact('Framework', cat.title) + fact('Period', label) + (agenda.date ? fact('Meeting', agenda.date) : '')) +
      (agenda.generated ? el('p', {}, inline(`No agenda file for ${label}: the items follow the report, exceptions first.`)) : ''),
  );
  const sections = agenda.items.map((item) =>
    el(
      'section',
      { class: `item item-${item.show.kind}`, id: `item-${item.index + 1}` },
      el('h2', {}, inline(item.title)) + sectionBody(c, item, charts).join('\n') + (options.notes && item.notes ? notesHtml(item.notes) : ''),
    ),
  );
  const page = [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${HANDOUT_CSP}">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<meta name="referrer" content="no-referrer">',
    `<title>${inline(`${agenda.meeting} ${g.dot} ${label}`)}</title>`,
    `<style>${HANDOUT_CSS}</style>`,
    '</head>',
    '<body>',
    title,
    el('main', {}, sections.join('\n')),
    '</body>',
    '</html>',
    '',
  ].join('\n');
  return drawText(page, g);
}

// Hand-outs and analysts' tables, as text: the meeting's agenda as a markdown hand-out, and the
// period's KPI table (one row per metric) as CSV or JSON. Pure: model in, text out; the command
// (src/cli/export.ts) chooses the period and the agenda and writes the text.
//
// Markdown: every text from the data is escaped (markdown-significant characters, `|` in table
// cells, a leading `#`, `>` or list marker), whitespace is collapsed and no control character is
// ever written (the data is sanitised at load; `clean` removes any that slipped through). RAGs
// read as symbol and word, never colour.
//
// CSV: RFC 4180 with CRLF line ends (as the RFC and spreadsheets have it), a header row, fields
// quoted when they hold a comma, a double quote, CR or LF. A cell that a spreadsheet would take for
// a formula (= + - @ or their full-width forms, after any leading whitespace, control or
// zero-width character) is prefixed with a single quote, except a plain negative number. UTF-8
// without a byte-order mark.

import { formatPeriod } from '../domain/period.js';
import type { AgendaEntry, MeetingAgenda } from './agenda.js';
import { drawText } from './glyphs.js';
import { periodAt, type Model } from './model.js';
import { blocks, clean, type Ctx, marks, mdInline, mdText } from './export/markdown.js';
import { exceptionsSection, kpiSection, overviewSection, prioritySection } from './export/kpi-sections.js';
import { financeSection, heatgridSection, registerSection, riskSection } from './export/register-sections.js';

export { clean, mdInline, mdTable, mdText } from './export/markdown.js';


export const EXPORT_FORMATS = ['md', 'html', 'csv', 'json', 'xlsx'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

function sectionBody(c: Ctx, item: AgendaEntry): string[] {
  const show = item.show;
  switch (show.kind) {
    case 'overview':
      return overviewSection(c);
    case 'exceptions':
      return exceptionsSection(c);
    case 'priority':
      return prioritySection(c, item, show.id);
    case 'kpi':
      return kpiSection(c, item, show.id);
    case 'register':
      return registerSection(c);
    case 'risk':
      return riskSection(c, item, show.id);
    case 'heatgrid':
      return heatgridSection(c);
    case 'finance':
      return financeSection(c);
    case 'text':
      // The title is the whole item: a procedural item (apologies, minutes, date of next meeting).
      return [];
  }
}

export interface HandoutOptions {
  /** Include each item's speaker notes (as a quotation after the item). Off by default. */
  readonly notes?: boolean;
}

/**
 * The agenda as a markdown hand-out: a title block, then one `##` section per item. Speaker notes
 * are for the presenter and are NOT in the hand-out unless `notes` is set.
 */
export function handoutMarkdown(model: Model, period: number, agenda: MeetingAgenda, options: HandoutOptions = {}): string {
  const pe = periodAt(model, period);
  const label = formatPeriod(pe.data.period);
  const g = model.glyphs;
  const m = marks(g);
  const c: Ctx = { model, period, pe, label, g, m };
  const cat = model.ev.dataset.catalogue;
  const about = [cat.organisation, cat.title, label, ...(agenda.date ? [`meeting of ${agenda.date}`] : [])].map(mdInline).join(` ${m.dot} `);
  const intro = agenda.generated ? [mdText(`No agenda file for ${label}: the items follow the report, exceptions first.`)] : [];
  const sections = agenda.items.map((item) => {
    const notes = options.notes && item.notes ? clean(item.notes).split(/\n\s*\n/).map((p) => `> ${mdText(p)}`) : [];
    return blocks([`## ${mdInline(item.title)}`], sectionBody(c, item), notes.length > 0 ? [`> **Speaker notes**`, '>', ...notes.flatMap((n, i) => (i > 0 ? ['>', n] : [n]))] : []);
  });
  // Drawn with the glyph set: in ASCII, the data's and the domain's text too (drawText).
  return drawText(blocks([`# ${mdInline(agenda.meeting)}`], [about], intro, ...sections).join('\n') + '\n', g);
}

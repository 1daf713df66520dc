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

import type { KpiEval, PeriodEval } from '../domain/evaluate.js';
import { formatPeriod } from '../domain/period.js';
import { describeAssessment, impactWord, likelihoodWord, previousRegister, type Cell } from '../domain/risk.js';
import { UNSAFE_BUT_NEWLINE_CHARS } from '../domain/text.js';
import type { Assessment, Commentary, Finance, RegisterKind } from '../domain/types.js';
import type { AgendaEntry, MeetingAgenda } from './agenda.js';
import { financeRows, financeTotalRow, statedTotalLines, type FinanceRow, type Over } from './finance-screen.js';
import { ragToken, type Glyphs } from './glyphs.js';
import { entriesIn, gridData, unplaced } from './heatgrid-screen.js';
import { kpiRows, type KpiRow } from './kpi-rows.js';
import { decidesNote, findingWords, kpiFigure, type KpiFigure, type MetricFigure } from './figure.js';
import { periodAt, type Model } from './model.js';
import { overviewModel } from './overview.js';
import { bandLabel, registerOf, type EntryView } from './register.js';
import { movementText, scoreText } from './register-screen.js';
import { plain } from './styled.js';
import { pushAll } from '../domain/arrays.js';

export const EXPORT_FORMATS = ['md', 'csv', 'json'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

// ---------------------------------------------------------------------------------------------
// Markdown text.

// Control characters (C0 but newline, DEL, C1), bidi and invisible characters: never written.
const CONTROL = new RegExp(UNSAFE_BUT_NEWLINE_CHARS, 'g');

/** Removes control, bidi and invisible characters (a tab becomes a space); keeps newlines. */
export function clean(s: string): string {
  return s.replace(/\t/g, ' ').replace(CONTROL, '');
}

/**
 * Text from the data made inert inside a line: whitespace collapsed, and every character markdown
 * gives a meaning to escaped (emphasis, code, links, HTML, headings, tables, strikethrough, entities).
 */
export function mdInline(s: string): string {
  return clean(s)
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/[\\`*_[\]<>|#~]/g, (c) => `\\${c}`)
    .replace(/&(?=#?[a-z0-9]+;)/gi, '\\&');
}

/** Inline text that starts a line (a paragraph or a list item): a leading -, +, = or "1." is escaped too. */
export function mdText(s: string): string {
  return mdInline(s)
    .replace(/^([-+=])/, '\\$1')
    .replace(/^(\d{1,9})([.)])/, '$1\\$2');
}

/** A GFM table: a heading row, the alignment row, then the rows (cells already escaped). */
export function mdTable(head: readonly string[], rows: readonly (readonly string[])[], right: readonly number[] = []): string[] {
  const line = (cells: readonly string[]) => `| ${cells.map((c) => (c === '' ? ' ' : c)).join(' | ')} |`;
  return [line(head), `|${head.map((_, i) => (right.includes(i) ? ' ---: ' : ' --- ')).join('|')}|`, ...rows.map(line)];
}

function isAscii(g: Glyphs): boolean {
  // eslint-disable-next-line no-control-regex
  return /^[\x00-\x7f]*$/.test(g.bar + g.spark + Object.values(g.rag).join('') + Object.values(g.direction).join(''));
}

interface Marks {
  readonly ascii: boolean;
  readonly dot: string;
}

function marks(g: Glyphs): Marks {
  return isAscii(g) ? { ascii: true, dot: '-' } : { ascii: false, dot: '·' };
}

function travelCell(r: Pick<KpiRow, 'direction'>, g: Glyphs): string {
  return r.direction ? `${g.direction[r.direction]} ${r.direction}` : '';
}

/** Paragraphs of a text from the data (blank lines separate them). */
function paragraphs(text: string): string[] {
  return clean(text)
    .split(/\n\s*\n/)
    .map((p) => mdText(p))
    .filter((p) => p !== '')
    .flatMap((p) => [p, '']);
}

function bullets(items: readonly string[]): string[] {
  return items.map((i) => `- ${mdText(i)}`);
}

/** Blocks joined by one blank line, none at the end. */
function blocks(...parts: ReadonlyArray<readonly string[]>): string[] {
  const out: string[] = [];
  for (const part of parts) {
    const lines = [...part];
    while (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
    if (lines.length === 0) continue;
    if (out.length > 0) out.push('');
    pushAll(out, lines);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Sections, one per kind of agenda item.

interface Ctx {
  readonly model: Model;
  readonly period: number;
  readonly pe: PeriodEval;
  readonly label: string;
  readonly g: Glyphs;
  readonly m: Marks;
}

const COUNT_ORDER = ['green', 'amber', 'red', 'unrated'] as const;

function overviewSection(c: Ctx): string[] {
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
function kpiTable(c: Ctx, rows: readonly KpiRow[]): string[] {
  return mdTable(
    ['KPI', 'RAG', 'Value', 'Target', 'Direction'],
    rows.map((r) => [mdInline(r.title), ragToken(r.rag, c.g), mdInline(r.value), mdInline(r.target), travelCell(r, c.g)]),
    [2],
  );
}

function prioritySection(c: Ctx, item: AgendaEntry, id: string): string[] {
  const priority = c.model.priorities.find((p) => p.id === id);
  if (!priority) return [mdText(`No priority '${id}' in the catalogue.`)];
  const all = kpiRows(c.model, c.period).filter((r) => r.priorityId === id);
  const reported = all.filter((r) => r.hasData);
  const missing = all.filter((r) => !r.hasData);
  return blocks(
    titleUnlessGiven(item, priority.title),
    priority.description ? [mdText(priority.description)] : [],
    reported.length > 0 ? kpiTable(c, reported) : [mdText(`No KPI of this priority was reported in ${c.label}.`)],
    missing.length > 0 && reported.length > 0 ? [mdText(`Not reported in ${c.label}: ${missing.map((r) => r.title).join('; ')}.`)] : [],
  );
}

function exceptionsSection(c: Ctx): string[] {
  const below = overviewModel(c.model, c.period).below;
  if (below.length === 0) return [mdText(`Every rated KPI reported in ${c.label} is on target.`)];
  const byId = new Map(kpiRows(c.model, c.period).map((r) => [r.kpiId, r]));
  const rows = below.flatMap((k) => {
    const r = byId.get(k.kpiId);
    return r ? [r] : [];
  });
  const reds = rows.filter((r) => r.rag === 'red').length;
  return blocks([mdText(`${plural(rows.length, 'KPI', 'KPIs')} performing below the desired level in ${c.label}: ${reds} red, ${rows.length - reds} amber.`)], kpiTable(c, rows));
}

/** The value with its unit, and what qualifies it: year to date, as of, flags, what `check` questions. */
function metricValue(mf: MetricFigure): string {
  if (mf.me.obs === undefined) return 'not reported';
  if (mf.value === undefined) return 'no value';
  const extra = [...(mf.asOf !== undefined ? [`as of ${mf.asOf}`] : []), ...mf.flags.map((f) => f.replace(/_/g, ' ')), ...(findingWords(mf.findings).length > 0 ? [`check: ${findingWords(mf.findings).join(', ')}`] : [])];
  return `${mf.valueText}${mf.yearToDate ? ' year to date' : ''}${extra.length > 0 ? ` (${extra.join(', ')})` : ''}`;
}

function commentaryBlocks(co: Commentary): string[][] {
  const list = (title: string, items: readonly string[]) => (items.length === 0 ? [] : [`**${title}**`, '', ...bullets(items)]);
  return [
    co.text ? paragraphs(co.text) : [],
    co.summary ? [`**Summary**`, '', ...paragraphs(co.summary)] : [],
    list('Issues', co.issues),
    list('Causes', co.causes),
    list('Actions', co.actions),
  ];
}

function kpiSection(c: Ctx, item: AgendaEntry, id: string): string[] {
  const ke: KpiEval | undefined = c.pe.kpis.get(id);
  const entry = c.model.kpis.get(id);
  if (!ke || !entry) return [mdText(`No KPI '${id}' in the catalogue.`)];
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
  const head = [...titleUnlessGiven(item, kpi.title), `- RAG: ${ragToken(ke.counted, c.g)} (${mdInline(report?.note ? `${how}: ${report.note}` : how)})`, `- Priority: ${mdInline(entry.priority.title)}`];
  const kf = kpiFigure(c.model, c.period, id) as KpiFigure;
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
  const notes = ke.metrics.flatMap((me) => (me.obs?.note ? [`- Note${ke.metrics.length > 1 ? ` on ${mdInline(me.metric.title)}` : ''}: ${mdInline(me.obs.note)}`] : []));
  const keyed = [...new Set([kpi.id, ...kpi.metrics.map((m) => m.id)])].flatMap((key) => {
    const co = c.pe.data.commentary.get(key);
    return co ? [{ key, co }] : [];
  });
  const commentary =
    keyed.length === 0
      ? [[`### Commentary`, '', mdText(`No commentary for ${c.label}.`)]]
      : [
          [`### Commentary`],
          ...keyed.flatMap(({ key, co }) => {
            const metric = kpi.composite ? kpi.metrics.find((m) => m.id === key) : undefined;
            return [metric ? [`*On ${mdInline(metric.title)}*`] : [], ...commentaryBlocks(co)];
          }),
        ];
  return blocks(head, table, why, notes, ...commentary);
}

/** What the item shows, in bold, unless the item's title already says it. */
function titleUnlessGiven(item: AgendaEntry, title: string): string[] {
  return item.title.toLowerCase().includes(title.toLowerCase()) ? [] : [`**${mdInline(title)}**`, ''];
}

function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

function previousRegisterLabel(c: Ctx): string | undefined {
  const prev = previousRegister(
    c.model.ev.periods.map((p) => p.data),
    c.pe.data,
  );
  return prev ? formatPeriod(prev.period) : undefined;
}

function noRegister(c: Ctx): string[] {
  return [mdText(`There is no register in ${c.label}.`)];
}

function registerSection(c: Ctx): string[] {
  if (c.pe.data.register === undefined) return noRegister(c);
  const views = registerOf(c.model, c.period);
  if (views.length === 0) return [mdText(`The ${c.label} register is empty.`)];
  // Risks first, then opportunities, each in published order.
  const sorted = [...views.filter((v) => v.entry.kind === 'risk'), ...views.filter((v) => v.entry.kind === 'opportunity')];
  const rows = sorted.map((v) => [
    mdInline(v.entry.id),
    mdInline(v.entry.title),
    mdInline(scoreText(c.model, v.entry.inherent, false)),
    mdInline(scoreText(c.model, v.entry.residual, false)) + (v.aboveAppetite ? ' (above appetite)' : ''),
    mdInline(movementText(v.movement, v.entry.kind, c.g)),
  ]);
  const appetite = c.model.ev.dataset.catalogue.riskAppetite;
  const risks = sorted.filter((v) => v.entry.kind === 'risk').length;
  const opportunities = sorted.length - risks;
  const above = sorted.filter((v) => v.aboveAppetite).length;
  const counts = `${plural(risks, 'risk', 'risks')} and ${plural(opportunities, 'opportunity', 'opportunities')}`;
  const appetiteText = appetite !== undefined ? `; risk appetite ${appetite}, ${plural(above, 'risk', 'risks')} above it` : '';
  const prev = previousRegisterLabel(c);
  const movement = prev ? `Movement is of the residual score since the ${prev} register.` : 'No earlier register is loaded: every entry is new.';
  const summary = `${counts}${appetiteText}. ${movement}`;
  return blocks([mdText(summary)], mdTable(['Id', 'Title', 'Inherent', 'Residual', 'Movement'], rows));
}

function assessmentText(c: Ctx, a: Assessment | undefined, kind: RegisterKind): string {
  if (!a) return 'not published';
  const band = bandLabel(c.model, a.score);
  return `${describeAssessment(a, kind)} (${band ? band.word : 'outside every band'})${a.by ? ` by ${a.by}` : ''}`;
}

function riskSection(c: Ctx, item: AgendaEntry, id: string): string[] {
  if (c.pe.data.register === undefined) return noRegister(c);
  const v: EntryView | undefined = registerOf(c.model, c.period).find((x) => x.entry.id === id);
  if (!v) return [mdText(`${id} is not in the ${c.label} register.`)];
  const e = v.entry;
  const risk = e.kind === 'risk';
  const field = (label: string, value: string) => `- ${label}: ${mdInline(value)}`;
  const list = (title: string, items: readonly string[]) => [`**${title}**`, '', ...(items.length === 0 ? ['- none published'] : bullets(items))];
  return blocks(
    titleUnlessGiven(item, `${e.id} ${e.title}`),
    e.description ? paragraphs(e.description) : [],
    [
      field('Kind', risk ? 'Risk' : 'Opportunity'),
      ...(e.type ? [field('Type', e.type)] : []),
      ...(e.owner ? [field('Owner', e.owner)] : []),
      field('Inherent', assessmentText(c, e.inherent, e.kind)),
      field('Residual', assessmentText(c, e.residual, e.kind) + (v.aboveAppetite ? ', above the risk appetite' : '')),
      field('Target', assessmentText(c, e.target, e.kind)),
      field('Movement', movementText(v.movement, e.kind, c.g)),
      ...(e.direction ? [field('Direction of travel', e.direction)] : []),
    ],
    list('Consequences', e.consequences),
    list('Controls', e.controls),
    list(risk ? 'Mitigating actions' : 'Maximising actions', e.actions),
  );
}

function gridTable(c: Ctx, kind: RegisterKind): string[] {
  const data = gridData(c.model, c.period, kind, 'residual');
  if (data.entries.length === 0) return [];
  const appetite = kind === 'risk' ? c.model.ev.dataset.catalogue.riskAppetite : undefined;
  const head = [`Impact / likelihood`, ...[1, 2, 3, 4, 5].map((l) => `${likelihoodWord(l)} (${l})`)];
  const rows = [5, 4, 3, 2, 1].map((impact) => [
    `${impactWord(impact, kind)} (${impact})`,
    ...[1, 2, 3, 4, 5].map((likelihood) => {
      const cell: Cell = { impact, likelihood };
      const score = impact * likelihood;
      const band = bandLabel(c.model, score);
      const ids = entriesIn(data, cell).map((e) => mdInline(e.view.entry.id));
      const above = appetite !== undefined && score > appetite ? ' !' : '';
      return `${score}${band ? ` ${band.word}` : ''}${above}${ids.length > 0 ? `: ${ids.join(', ')}` : ''}`;
    }),
  ]);
  const missing = unplaced(data, 'residual').map((u) => `- ${u.ids.map(mdInline).join(', ')}: ${mdInline(u.reason)}`);
  const title = kind === 'risk' ? 'Risks' : 'Opportunities';
  return blocks(
    [`### ${title}: residual scores`],
    mdTable(head, rows),
    appetite !== undefined ? [mdText(`! marks scores above the risk appetite of ${appetite}.`)] : [],
    missing.length > 0 ? ['Not placed on the grid:', '', ...missing] : [],
  );
}

function heatgridSection(c: Ctx): string[] {
  if (c.pe.data.register === undefined) return noRegister(c);
  const out = blocks(gridTable(c, 'risk'), gridTable(c, 'opportunity'));
  return out.length > 0 ? out : [mdText(`The ${c.label} register is empty.`)];
}

const OVER_WORDS: Readonly<Record<Over, string>> = { over: 'over', under: 'under', on: 'on budget', unknown: 'cannot be computed' };

function overCell(r: FinanceRow, g: Glyphs): string {
  const symbol = r.over === 'over' ? g.direction.better : r.over === 'under' ? g.direction.worse : g.direction.same;
  return `${symbol} ${OVER_WORDS[r.over]}`;
}

function financeSection(c: Ctx): string[] {
  const fin: Finance | undefined = c.pe.data.finance;
  if (!fin) return [mdText(`There is no finance table in ${c.label}.`)];
  const row = (r: FinanceRow, bold: boolean) => {
    const b = (s: string) => (bold ? `**${s}**` : s);
    return [b(mdInline(r.area)), b(r.budgetText), b(r.forecastText), b(r.varianceText), b(r.percentText), overCell(r, c.g)];
  };
  const stated = statedTotalLines(fin, c.g).map((l) => `- ${mdInline(plain(l))}`);
  return blocks(
    [mdText(`Budget monitoring, ${c.label} (${fin.unit}). Variance is forecast less budget; the total is the sum of the lines.`)],
    mdTable(['Area', 'Budget', 'Forecast', 'Variance', 'Var %', 'Over/under'], [...financeRows(fin).map((r) => row(r, false)), row(financeTotalRow(fin), true)], [1, 2, 3, 4]),
    stated,
  );
}

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
    default: {
      const _exhaustive: never = show;
      return _exhaustive;
    }
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
  const text = blocks([`# ${mdInline(agenda.meeting)}`], [about], intro, ...sections).join('\n') + '\n';
  // With the ASCII glyph set, the symbols the domain's sentences use are made ASCII too.
  return m.ascii ? text.replace(/×/g, 'x').replace(/→/g, '->').replace(/…/g, '...').replace(/·/g, '-').replace(/≠/g, '!=').replace(/[–—]/g, '-') : text;
}

// Presenter mode's audience slides: one agenda item at the size of the screen, for a room rather
// than an analyst. Every `show:` kind has one: the overview (the headline in big figures, RAG
// counts per priority, new reds), a priority (its counts big, its KPIs red then amber then green),
// a KPI (its figure big, RAG, target, a large trend chart, three commentary points), the register,
// one register entry (its three scores big), the heat grid (large), the exceptions, the finance
// table, and a text item (its title, large and centred). Speaker notes are never drawn here.
//
// Each slide fits its size exactly (lines ≤ height, each ≤ width) and grows into the space of a big
// terminal: bigger figures, a taller chart, more rows, roomier spacing. Where a list is longer
// than the screen the cursor scrolls it (`size` is how far). Pure.

import type { KpiEval } from '../domain/evaluate.js';
import { formatNumber } from '../domain/format.js';
import { formatPeriod } from '../domain/period.js';
import { compareRag } from '../domain/rag.js';
import { impactWord, likelihoodWord } from '../domain/risk.js';
import type { Assessment, Commentary, Kpi, Metric, Rag, RatedRag, RegisterKind } from '../domain/types.js';
import type { AgendaEntry } from './agenda.js';
import { bigParagraph, bigText, splitFigure } from './bigtext.js';
import { trendChart, type ChartPoint } from './chart.js';
import { financeScreen, financeRows, financeTotalRow, noFinanceMessage, statedTotalLines } from './finance-screen.js';
import { RAG_WORDS, type Glyphs } from './glyphs.js';
import { asciiText, gridLayout, gridLines, idLinesNeeded, marksOf as gridMarksOf, usesBandWords, type GridItem } from './heatgrid.js';
import { gridData, unplaced } from './heatgrid-screen.js';
import { chartPeriods, chartTarget, wrapLine } from './kpi-detail.js';
import { kpiRows, type KpiRow } from './kpi-rows.js';
import { findingWords, kpiFigure, type KpiFigure, type MetricFigure } from './figure.js';
import { periodAt, type Model } from './model.js';
import { overviewModel } from './overview.js';
import { ragBar } from './overview-screen.js';
import { bandLabel, registerOf, type EntryView } from './register.js';
import { layoutRegister, movementText, noRegisterMessage, registerCell, registerRows, sortRegister, type RegisterColumnKey } from './register-screen.js';
import type { ScreenParams, ScreenView, TableView } from './screen.js';
import { clipLine, fit, lineWidth, ragTokenOf, seg, textWidth, truncate, type Line, type Segment, type Token } from './styled.js';
import { maxOf, minOf } from '../domain/arrays.js';

export type SlideParams = ScreenParams & { readonly meeting?: string };

/** What a slide builder returns; slideView adds the rest of the ScreenView. */
interface Body {
  readonly lines: readonly Line[];
  readonly table?: TableView;
  readonly after?: readonly Line[];
  /** Scroll positions (1 when everything shows). */
  readonly size?: number;
}

interface Ctx {
  readonly model: Model;
  readonly g: Glyphs;
  readonly width: number;
  readonly height: number;
  readonly period: number;
  readonly label: string;
  readonly cursor: number;
  readonly meeting?: string;
  readonly mark: { readonly dot: string; readonly bullet: string; readonly up: string; readonly down: string; readonly times: string; readonly dash: string };
}

const UNICODE_MARK = { dot: '·', bullet: '•', up: '▲', down: '▼', times: '×', dash: '—' };
const ASCII_MARK = { dot: '-', bullet: '-', up: '^', down: 'v', times: 'x', dash: '-' };

// ---------------------------------------------------------------------------------------------
// Small drawing helpers.

const text = (s: string, token?: Token): Line => [seg(s, token)];

/** Text wrapped at spaces to `width` (a word longer than that cut with the glyph set's ellipsis). */
function wrapText(s: string, width: number, g: Glyphs): string[] {
  return wrapLine(text(s.replace(/\s+/g, ' ').trim()), Math.max(1, width), g.ellipsis).map((l) => l.map((x) => x.text).join(''));
}

/** The symbols other views draw that are not ASCII, and what stands for them in the ASCII set. */
const TO_ASCII: ReadonlyArray<readonly [RegExp, string]> = [
  [/▸/g, '>'],
  [/·/g, '-'],
  [/≠/g, '!='],
  [/→/g, '->'],
  [/×/g, 'x'],
  [/[—–]/g, '-'],
  [/…/g, '...'],
  [/[▲↑]/g, '^'],
  [/[▼↓]/g, 'v'],
];

function asciiLine(line: Line): Line {
  return line.map((x) => ({ ...x, text: TO_ASCII.reduce((t, [re, to]) => t.replace(re, to), x.text) }));
}

/** A line centred in `width` (cut when wider). */
function centre(line: Line, width: number, ellipsis: string): Line {
  const w = lineWidth(line);
  if (w >= width) return clipLine(line, width, ellipsis);
  return [seg(' '.repeat(Math.floor((width - w) / 2))), ...line];
}

/** A block of lines centred as one (the same left margin for each). */
function centreBlock(lines: readonly Line[], width: number): Line[] {
  const w = Math.max(0, maxOf(lines.map(lineWidth)));
  const pad = Math.max(0, Math.floor((width - w) / 2));
  return lines.map((l) => (pad > 0 && l.length > 0 ? [seg(' '.repeat(pad)), ...l] : l));
}

/** Blocks (each a list of lines of one width) side by side, `gap` columns apart, top-aligned. */
function beside(blocks: ReadonlyArray<{ readonly lines: readonly Line[]; readonly width: number }>, gap: number): Line[] {
  const rows = Math.max(0, maxOf(blocks.map((b) => b.lines.length)));
  return Array.from({ length: rows }, (_, r) =>
    blocks.flatMap((b, i): Segment[] => {
      const l = b.lines[r] ?? [];
      const pad = i === blocks.length - 1 ? 0 : Math.max(0, b.width - lineWidth(l)) + gap;
      return [...l, ...(pad > 0 ? [seg(' '.repeat(pad))] : [])];
    }),
  );
}

/** Big text as lines with one token; the plain fallback is one line. */
function big(s: string, ctx: Ctx, width: number, rows: number, token: Token): Line[] {
  if (rows < 3) return [text(truncate(s, width, ctx.g.ellipsis), token)];
  return bigText(s, ctx.g, width, { rows }).map((l) => text(l, token));
}

/** Bulleted points wrapped under themselves, at most `maxLines` lines (each point's last line cut). */
function bulletLines(points: readonly string[], width: number, maxLines: number, ctx: Ctx, token?: Token): Line[] {
  const mark = `${ctx.mark.bullet} `;
  const inner = Math.max(4, width - mark.length);
  const wrapped = points.map((p) => wrapText(p, inner, ctx.g));
  // Lines per point: all of each when they fit, else share the room out, the first points first.
  const counts = wrapped.map((w) => w.length);
  let total = counts.reduce((a, b) => a + b, 0);
  while (total > maxLines) {
    const most = counts.indexOf(maxOf(counts));
    if ((counts[most] ?? 0) <= 1) break;
    counts[most] = (counts[most] ?? 1) - 1;
    total -= 1;
  }
  const out: Line[] = [];
  wrapped.forEach((rows, i) => {
    const n = counts[i] ?? 0;
    if (out.length + Math.max(1, n) > maxLines) return;
    rows.slice(0, n).forEach((r, k) => {
      const cut = k === n - 1 && n < rows.length ? truncate(`${r} ${rows[k + 1] ?? ''}`, inner, ctx.g.ellipsis) : r;
      out.push([seg(k === 0 ? mark : ' '.repeat(mark.length), 'text.muted'), seg(cut, token)]);
    });
  });
  return out;
}

/**
 * The slide's heading: the item's title with the meeting and period at the right, then a
 * sub-title. A title too long for its line wraps onto a second (on a screen of 20 lines or more),
 * the period moving to the sub-title's line.
 */
function headerLines(ctx: Ctx, title: string, subtitle?: string | Line, allowWrap = ctx.height >= 20): Line[] {
  const { width, g } = ctx;
  const sub: Line | undefined = subtitle === undefined ? undefined : typeof subtitle === 'string' ? text(subtitle, 'text.muted') : subtitle;
  const right = ctx.meeting === undefined ? ctx.label : ctx.meeting.includes(ctx.label) ? ctx.meeting : `${ctx.meeting} ${ctx.mark.dot} ${ctx.label}`;
  const withRight = (l: Line, r: string): Line | undefined => (lineWidth(l) + 3 + textWidth(r) <= width ? [...l, seg(' '.repeat(width - lineWidth(l) - textWidth(r))), seg(r, 'text.muted')] : undefined);
  const first = withRight(text(title, 'text.title'), right) ?? withRight(text(title, 'text.title'), ctx.label);
  if (first) return [first, ...(sub ? [clipLine(sub, width, g.ellipsis)] : [])];
  if (!allowWrap) return [clipLine(text(title, 'text.title'), width, g.ellipsis), ...(sub ? [clipLine(sub, width, g.ellipsis)] : [])];
  const wrapped = wrapText(title, width, g);
  const two = [wrapped[0] ?? '', truncate(wrapped.slice(1).join(' '), width, g.ellipsis)].filter((t) => t !== '');
  // A title that fills its line alone, with nothing under it: the period gives way.
  if (!sub && two.length === 1) return [text(two[0] ?? '', 'text.title')];
  const subLine = sub ? (withRight(clipLine(sub, Math.max(0, width - textWidth(ctx.label) - 3), g.ellipsis), ctx.label) ?? clipLine(sub, width, g.ellipsis)) : (withRight([], ctx.label) ?? []);
  return [...two.map((t) => text(t, 'text.title')), subLine];
}

/** The heading on one line (the title cut to fit). */
function headerLine(ctx: Ctx, title: string): Line {
  return headerLines(ctx, title, undefined, false)[0] ?? [];
}

/** The first `rows` of a list from scroll offset `offset`, with whether more is above or below. */
function windowAt<T>(items: readonly T[], offset: number, rows: number): { start: number; items: readonly T[]; above: number; below: number } {
  const r = Math.max(1, rows);
  const start = Math.max(0, Math.min(offset, items.length - r));
  const shown = items.slice(start, start + r);
  return { start, items: shown, above: start, below: Math.max(0, items.length - start - shown.length) };
}

const RAG_ORDER: readonly Rag[] = ['red', 'amber', 'green', 'unrated'];

/** "target 95%"; a published target that already says so ("Target year 5 is 2.88%") as it is. */
function targetPhrase(t: string, word = 'target'): string {
  return /^target\b/i.test(t) ? t : `${word} ${t}`;
}

function ragWord(rag: Rag, g: Glyphs): string {
  return `${g.rag[rag]} ${RAG_WORDS[rag]}`;
}

// ---------------------------------------------------------------------------------------------
// Commentary: the three most important points.

/**
 * Up to `n` commentary points for a KPI (or one of its metrics) in a period, most important first:
 * the summaries (or free text), then issues and actions taken in turn, then causes. The metric
 * shown first, then the KPI's own commentary, then its other metrics'.
 */
export function slidePoints(model: Model, period: number, id: string, n = 3): string[] {
  const data = model.ev.periods[period]?.data;
  const kpiId = model.kpis.has(id) ? id : model.kpiOfMetric.get(id);
  const kpi = kpiId === undefined ? undefined : model.kpis.get(kpiId)?.kpi;
  if (!data || !kpi) return [];
  const keys = [...new Set([id, kpi.id, ...kpi.metrics.map((m) => m.id)])];
  const sources: Commentary[] = keys.flatMap((k) => {
    const c = data.commentary.get(k);
    return c ? [c] : [];
  });
  const clean = (s: string) => s.replace(/\s+/g, ' ').trim();
  const heads = sources.flatMap((c) => [...(c.summary ? [c.summary] : []), ...(c.text ? c.text.split(/\n\s*\n/) : [])]);
  const issues = sources.flatMap((c) => c.issues);
  const actions = sources.flatMap((c) => c.actions);
  const turns: string[] = [];
  for (let i = 0; i < Math.max(issues.length, actions.length); i++) turns.push(...(issues[i] ? [issues[i] as string] : []), ...(actions[i] ? [actions[i] as string] : []));
  const all = [...heads, ...turns, ...sources.flatMap((c) => c.causes)].map(clean).filter((s) => s !== '');
  return [...new Set(all)].slice(0, n);
}

// ---------------------------------------------------------------------------------------------
// KPI lists (priority and exceptions slides).

interface ListColumns {
  readonly rag: number;
  readonly title: number;
  readonly value: number;
  readonly target: number;
}

/** The RAG, title, value and target columns: the title keeps at least 36 columns (or all it needs) before the target, then the value, give way. */
function listColumns(rows: readonly KpiRow[], width: number, g: Glyphs): ListColumns {
  const rag = Math.max(maxOf(rows.map((r) => textWidth(ragWord(r.rag, g)))), 0);
  const value = Math.min(18, Math.max(0, maxOf(rows.map((r) => textWidth(r.value)))));
  const targetAll = Math.min(48, Math.max(0, maxOf(rows.map((r) => (r.target ? textWidth(targetPhrase(r.target)) : 0)))));
  const target = Math.min(22, targetAll);
  const longest = Math.max(8, maxOf(rows.map((r) => textWidth(r.title))));
  const titleW = (v: number, t: number) => width - rag - 2 - (v > 0 ? v + 2 : 0) - (t > 0 ? t + 2 : 0);
  // A wide screen: the targets in full once the titles have 60 columns (or all they need).
  if (titleW(value, targetAll) >= Math.min(60, longest)) return { rag, title: titleW(value, targetAll), value, target: targetAll };
  // Else the target cut shorter, as long as the title keeps 24 columns (or all it needs).
  for (const t of [target, Math.min(target, 16), Math.min(target, 12)]) {
    if (titleW(value, t) >= Math.min(24, longest)) return { rag, title: titleW(value, t), value, target: t };
  }
  if (titleW(value, 0) >= Math.min(16, longest)) return { rag, title: titleW(value, 0), value, target: 0 };
  return { rag, title: Math.max(1, titleW(0, 0)), value: 0, target: 0 };
}

/** One KPI: RAG symbol and word, title (wrapped to `titleLines` lines), value, target as published. */
function kpiItem(r: KpiRow, c: ListColumns, g: Glyphs, titleLines: number): Line[] {
  const wrapped = wrapText(r.title, c.title, g);
  const titles = wrapped.length <= titleLines ? wrapped : [...wrapped.slice(0, titleLines - 1), truncate(wrapped.slice(titleLines - 1).join(' '), c.title, g.ellipsis)];
  return titles.map((t, i): Line =>
    i === 0
      ? [
          seg(fit(ragWord(r.rag, g), c.rag, 'left', g.ellipsis), ragTokenOf(r.rag)),
          seg('  '),
          seg(fit(t, c.title, 'left', g.ellipsis)),
          ...(c.value > 0 ? [seg('  '), seg(fit(r.value, c.value, 'right', g.ellipsis), 'text.title')] : []),
          ...(c.target > 0 ? [seg('  '), seg(fit(r.target ? targetPhrase(r.target) : '', c.target, 'left', g.ellipsis), 'text.muted')] : []),
        ]
      : [seg(' '.repeat(c.rag + 2)), seg(t)],
  );
}

/** Counts drawn big side by side, each with its RAG symbol and word under it; one line when `rows` < 3. */
function countBlocks(counts: ReadonlyArray<{ readonly rag: Rag; readonly n: number }>, ctx: Ctx, rows: number): Line[] {
  const g = ctx.g;
  if (rows < 3) {
    const line: Segment[] = counts.flatMap((c, i) => [...(i > 0 ? [seg('    ')] : []), seg(`${g.rag[c.rag]} ${c.n} ${RAG_WORDS[c.rag].toLowerCase()}`, ragTokenOf(c.rag))]);
    return [centre(line, ctx.width, g.ellipsis)];
  }
  const blocks = counts.map((c) => {
    const figure = bigText(String(c.n), g, ctx.width, { rows });
    const label = ragWord(c.rag, g);
    const w = Math.max(textWidth(figure[0] ?? ''), textWidth(label));
    const lines: Line[] = [...figure.map((l) => text(fit(' '.repeat(Math.floor((w - textWidth(l)) / 2)) + l, w, 'left', g.ellipsis), ragTokenOf(c.rag))), text(fit(' '.repeat(Math.floor((w - textWidth(label)) / 2)) + label, w, 'left', g.ellipsis), ragTokenOf(c.rag))];
    return { lines, width: w };
  });
  const gap = rows >= 5 ? 8 : 5;
  const total = blocks.reduce((n, b) => n + b.width, 0) + gap * (blocks.length - 1);
  if (total > ctx.width) return countBlocks(counts, ctx, rows === 5 ? 3 : 1);
  return centreBlock(beside(blocks, gap), ctx.width);
}

/**
 * A list in `rows` lines from scroll offset `ctx.cursor`: a "▲ n more above" line when scrolled
 * down, a "▼ n more below" line when there is more; `size` is how far it scrolls.
 */
function scrolled(items: readonly Line[], rows: number, ctx: Ctx, heading?: (l: Line) => boolean): { lines: Line[]; size: number } {
  const r = Math.max(1, rows);
  if (items.length <= r) return { lines: [...items], size: 1 };
  // The last window: a line above, the rest of the list.
  const last = Math.max(0, items.length - (r - 1));
  const start = Math.max(0, Math.min(ctx.cursor, last));
  let room = Math.max(1, r - (start > 0 ? 1 : 0) - (start + r - (start > 0 ? 1 : 0) < items.length ? 1 : 0));
  // A heading is not left at the foot of the window without what it heads.
  const foot = items[start + room - 1];
  if (room > 1 && start + room < items.length && foot && heading?.(foot)) room -= 1;
  const shown = items.slice(start, start + room);
  const below = items.length - start - shown.length;
  return {
    lines: [
      ...(start > 0 ? [text(`${ctx.mark.up} ${start} more above`, 'text.muted')] : []),
      ...shown,
      ...(below > 0 ? [text(`${ctx.mark.down} ${below} more below`, 'text.muted')] : []),
    ].slice(0, r),
    size: last + 1,
  };
}

/** Items (each one or more lines) with a blank line between them when there is room for it. */
function spaced(items: readonly (readonly Line[])[], rows: number): Line[] {
  const total = items.reduce((n, it) => n + it.length, 0);
  if (total + items.length - 1 > rows) return items.flat();
  return items.flatMap((it, i) => (i === 0 ? [...it] : [[], ...it]));
}

// ---------------------------------------------------------------------------------------------
// overview

/**
 * Labels for titles that must share `width` columns: the titles when they fit; else, when every
 * title starts with the same words ("Lancashire will be the place to live", "… to work"), what
 * follows them after an ellipsis ("…to live"), so the part that tells them apart is what shows.
 */
export function distinctLabels(titles: readonly string[], width: number, ellipsis: string): string[] {
  if (titles.length < 2 || titles.every((t) => textWidth(t) <= width)) return [...titles];
  const words = titles.map((t) => t.split(/\s+/));
  let common = 0;
  const first = words[0] ?? [];
  while (common < first.length && words.every((w) => w.length > common + 1 && w[common] === first[common])) common += 1;
  if (common === 0) return [...titles];
  return words.map((w) => `${ellipsis}${w.slice(common).join(' ')}`);
}

function overviewSlide(ctx: Ctx, title: string): Body {
  const { model, g, width, height } = ctx;
  const pe = periodAt(model, ctx.period);
  const o = overviewModel(model, ctx.period);
  const s = pe.summary;
  const headline = `${formatNumber(s.percent_achieving, 0)}%`;
  const sub = `${s.green_count} of ${s.rated_count} rated KPIs achieving target`;
  const counts: Line = (['green', 'amber', 'red', 'unrated'] as const).flatMap((r, i) => [
    ...(i > 0 ? [seg('   ')] : []),
    seg(`${g.rag[r]} ${[s.green_count, s.amber_count, s.red_count, s.unrated_count][i] ?? 0} ${RAG_WORDS[r].toLowerCase()}`, ragTokenOf(r)),
  ]);
  const labels = distinctLabels(
    o.priorities.map((p) => p.title),
    Math.min(48, Math.max(12, Math.floor(width * 0.4))),
    g.ellipsis,
  );
  const labelW = Math.min(maxOf(labels.map(textWidth)), Math.min(48, Math.max(12, Math.floor(width * 0.4))));
  const digits = Math.max(1, maxOf(o.priorities.flatMap((p) => RAG_ORDER.map((r) => String(p.counts[r]).length))));
  const numsW = 4 * (digits + 3);
  const priorityRows = (thick: number): Line[][] =>
    o.priorities.map((p, i) => {
      const reported = RAG_ORDER.some((r) => p.counts[r] > 0);
      const nums: Line = reported
        ? (['green', 'amber', 'red', 'unrated'] as const).flatMap((r) => [seg(` ${g.rag[r]} `, ragTokenOf(r)), seg(fit(String(p.counts[r]), digits, 'right', g.ellipsis))])
        : [seg(fit(' none reported', numsW, 'left', g.ellipsis), 'text.muted')];
      const barW = Math.max(0, width - labelW - numsW - 3);
      const bar = ragBar(p.counts, barW, g);
      return Array.from({ length: reported ? thick : 1 }, (_, k) => (k === 0 ? [seg(fit(labels[i] ?? p.title, labelW, 'left', g.ellipsis)), ...nums, seg('   '), ...bar] : [seg(' '.repeat(labelW + numsW + 3)), ...bar]));
    });

  // New reds since the previous period: the tail, filling what is left.
  const reds = o.changes.newReds;
  const tail = (rows: number): Line[] => {
    if (!o.previous || rows <= 0) return [];
    if (reds.length === 0) return [centre(text(`No new reds since ${o.previous}`, 'better'), width, g.ellipsis)];
    const head: Segment[] = [seg(`${g.rag.red} ${reds.length} new red${reds.length === 1 ? '' : 's'} since ${o.previous}: `, 'rag.red')];
    const names = reds.map((r) => r.title);
    if (rows <= 2) return [clipLine([...head, seg(names.join(` ${ctx.mark.dot} `))], width, g.ellipsis)];
    // One line a name; when they do not all fit, the last line says how many more.
    const room = rows - 1;
    const shown = names.length <= room ? names : names.slice(0, Math.max(0, room - 1));
    const more = names.length - shown.length;
    return [clipLine(head, width, g.ellipsis), ...shown.map((t) => clipLine([seg(`${ctx.mark.bullet} `, 'text.muted'), seg(t)], width, g.ellipsis)), ...(more > 0 ? [text(`  and ${more} more`, 'text.muted')] : [])];
  };

  const build = (rows: number, thick: number, roomy: boolean): Line[] | undefined => {
    // Thicker bars only while the new reds keep room to be named (a few of them at least).
    const tailMin = !o.previous ? 0 : thick > 1 ? Math.min(reds.length + 1, 4) : 1;
    const lines: Line[] = [headerLine(ctx, title)];
    if (roomy) lines.push([]);
    if (rows >= 3) lines.push(...centreBlock(big(headline, ctx, width, rows, 'text.title'), width));
    lines.push(centre(text(rows >= 3 ? sub : `${headline}: ${sub}`, 'text.title'), width, g.ellipsis));
    lines.push(centre(counts, width, g.ellipsis));
    lines.push([]);
    const pr = priorityRows(thick);
    pr.forEach((block, i) => lines.push(...(i > 0 && thick > 1 && roomy ? [[] as Line] : []), ...block));
    const left = height - lines.length - (tailMin > 0 ? 1 : 0);
    if (left < tailMin) return undefined;
    if (tailMin > 0) lines.push([], ...tail(left));
    return lines;
  };
  for (const rows of [5, 3, 1]) {
    for (const thick of [3, 2, 1]) {
      for (const roomy of [true, false]) {
        const lines = build(rows, thick, roomy);
        if (lines && lines.length <= height) return { lines };
      }
    }
  }
  // Too small even for that: the headline, then as many priorities as fit.
  const lines: Line[] = [headerLine(ctx, title), centre(text(`${headline}: ${sub}`, 'text.title'), width, g.ellipsis), centre(counts, width, g.ellipsis), ...priorityRows(1).flat()];
  return { lines: lines.slice(0, height) };
}

// ---------------------------------------------------------------------------------------------
// priority:<id> and exceptions

function sortByRag(rows: readonly KpiRow[]): KpiRow[] {
  return [...rows].sort((a, b) => RAG_ORDER.indexOf(a.rag) - RAG_ORDER.indexOf(b.rag) || a.order - b.order);
}

/**
 * Title, a sub-title, the counts big, then the list (items of one or more lines, built with titles
 * wrapped to 2 lines or cut to 1), scrolled by the cursor when it is longer than the screen.
 */
function listSlide(ctx: Ctx, title: string, subtitle: string | undefined, counts: ReadonlyArray<{ readonly rag: Rag; readonly n: number }>, build: (titleLines: number) => Line[][]): Body {
  const { height } = ctx;
  const head = (rows: number, roomy: boolean): Line[] => [...headerLines(ctx, title, subtitle), ...(roomy ? [[] as Line] : []), ...countBlocks(counts, ctx, rows), []];
  // Whole titles before big counts; the biggest counts that leave the whole list in view.
  for (const titleLines of [2, 1]) {
    const items = build(titleLines);
    const total = items.reduce((n, it) => n + it.length, 0);
    for (const rows of [5, 3, 1]) {
      for (const roomy of [true, false]) {
        const h = head(rows, roomy);
        if (h.length + total <= height) return { lines: [...h, ...spaced(items, height - h.length)] };
      }
    }
  }
  const h = head(1, false);
  const s = scrolled(build(1).flat(), Math.max(1, height - h.length), ctx, (l) => l.length === 1 && l[0]?.token === 'text.heading');
  return { lines: [...h, ...s.lines].slice(0, height), size: s.size };
}

function prioritySlide(ctx: Ctx, title: string, id: string): Body {
  const { model, g, width } = ctx;
  const priority = model.priorities.find((p) => p.id === id);
  if (!priority) return messageSlide(ctx, title, `No priority '${id}' in the catalogue.`);
  const rows = sortByRag(kpiRows(model, ctx.period).filter((r) => r.priorityId === id && r.hasData));
  if (rows.length === 0) return messageSlide(ctx, title, `Nothing reported for ${priority.title} in ${ctx.label}.`);
  const n = (rag: Rag) => rows.filter((r) => r.rag === rag).length;
  const counts: Array<{ rag: Rag; n: number }> = (['red', 'amber', 'green'] as const).map((rag) => ({ rag, n: n(rag) }));
  if (n('unrated') > 0) counts.push({ rag: 'unrated', n: n('unrated') });
  const cols = listColumns(rows, width, g);
  const reported = `${rows.length} KPI${rows.length === 1 ? '' : 's'} reported`;
  const subtitle = title.includes(priority.title) ? reported : `${priority.title} ${ctx.mark.dot} ${reported}`;
  return listSlide(ctx, title, subtitle, counts, (lines) => rows.map((r) => kpiItem(r, cols, g, lines)));
}

function exceptionsSlide(ctx: Ctx, title: string): Body {
  const { model, g, width } = ctx;
  const rows = kpiRows(model, ctx.period).filter((r) => r.hasData && (r.rag === 'red' || r.rag === 'amber'));
  if (rows.length === 0) return messageSlide(ctx, title, `Every rated KPI is on target in ${ctx.label}.`);
  // Reds then ambers, each in catalogue order, under their priority, as the reports list them.
  const sorted = [...rows].sort((a, b) => compareRag(a.rag as RatedRag, b.rag as RatedRag) || a.order - b.order);
  const cols = listColumns(sorted, width - 2, g);
  const titles = new Map(model.priorities.map((p) => [p.id, p.title]));
  const build = (lines: number): Line[][] => {
    const items: Line[][] = [];
    let rag: Rag | undefined;
    let priority = '';
    for (const r of sorted) {
      if (r.rag !== rag || r.priorityId !== priority) {
        rag = r.rag;
        priority = r.priorityId;
        items.push([clipLine(text(titles.get(priority) ?? priority, 'text.heading'), width, g.ellipsis)]);
      }
      items.push(kpiItem(r, cols, g, lines).map((l) => [seg('  '), ...l]));
    }
    return items;
  };
  const counts = (['red', 'amber'] as const).map((x) => ({ rag: x, n: sorted.filter((r) => r.rag === x).length }));
  const subtitle = title.toLowerCase().includes('below the desired level') ? undefined : 'Performing below the desired level';
  return listSlide(ctx, title, subtitle, counts, build);
}

// ---------------------------------------------------------------------------------------------
// kpi:<id>


// The chart's periods and target line, as the KPI detail screen draws them.
function chartPoints(model: Model, kpi: Kpi, metric: Metric, current: number): ChartPoint[] {
  return chartPeriods(model, kpi, current).map((i) => ({
    label: model.periodLabels[i] ?? '',
    value: model.ev.periods[i]?.metrics.get(metric.id)?.rated ?? null,
    ...(i === current ? { current: true } : {}),
  }));
}


function travelText(mf: MetricFigure, ctx: Ctx): { text: string; token?: Token } | undefined {
  const t = mf.travel;
  const was = mf.travelFrom;
  if (!t || was === undefined) return undefined;
  const when = formatPeriod(t.against);
  if (t.direction === undefined) return { text: `${t.move} on ${when} (${was})` };
  if (t.direction === 'same') return { text: `${ctx.g.direction.same} same as ${when} (${was})` };
  return { text: `${ctx.g.direction[t.direction]} ${t.direction} than ${when} (${was})`, token: t.direction };
}

/** The most lines a KPI slide's chart takes (plot, period labels and legend). */
const MAX_CHART = 22;

/** A composite KPI's metrics by RAG: "3 metrics: ✗ 2 ✓ 1". */
function metricCounts(ke: KpiEval, g: Glyphs): Line {
  const out: Segment[] = [seg(`${ke.metrics.length} metrics:`, 'text.muted')];
  for (const r of RAG_ORDER) {
    const n = ke.metrics.filter((m) => m.counted === r).length;
    if (n > 0) out.push(seg(` ${g.rag[r]} ${n}`, ragTokenOf(r)));
  }
  return out;
}

function kpiSlide(ctx: Ctx, heading: string, id: string): Body {
  const { model, g, width, height } = ctx;
  const kpiId = model.kpis.has(id) ? id : model.kpiOfMetric.get(id);
  const entry = kpiId === undefined ? undefined : model.kpis.get(kpiId);
  const pe = periodAt(model, ctx.period);
  const ke: KpiEval | undefined = kpiId === undefined ? undefined : pe.kpis.get(kpiId);
  if (!entry || !ke) return messageSlide(ctx, heading, `No KPI '${id}' in the catalogue.`);
  const { kpi, priority } = entry;
  // On a short screen the heading has one line: when the item's title does not fit it, the KPI's does.
  const title = height < 20 && textWidth(heading) > width && heading.includes(kpi.title) ? kpi.title : heading;
  // The figure shown: the metric asked for, else the one that decides the KPI's RAG.
  const kf = kpiFigure(model, ctx.period, kpiId as string) as KpiFigure;
  const metricFocus = kpiId !== id ? kf.metrics.find((m) => m.metric.id === id) : undefined;
  const mf = metricFocus ?? kf.deciding;
  const me = mf?.me;
  const rag = metricFocus ? metricFocus.counted : kf.rag;
  const ytd = mf?.yearToDate ? 'year to date' : '';
  const value = mf?.value !== undefined ? mf.valueText : ke.hasData ? 'no value' : `nothing reported for ${ctx.label}`;
  const { figure, rest } = splitFigure(value);
  const target = mf ? mf.target.text : '';
  const travel = mf ? travelText(mf, ctx) : undefined;
  const questioned = findingWords(metricFocus ? metricFocus.findings : kf.findings);

  // What the title does not already say: the KPI, the metric of a composite, the priority.
  const what = [kpi.title, kpi.composite && me && me.metric.title !== kpi.title ? me.metric.title : '', priority.title].filter((x) => x !== '' && !title.includes(x));
  const subtitle = what.length > 0 ? what.join(` ${ctx.mark.dot} `) : undefined;
  const facts: Line[] = [
    [seg(ragWord(rag, g), ragTokenOf(rag))],
    target === '' ? [seg('No target (a context indicator)', 'text.muted')] : [seg(targetPhrase(target, 'Target'))],
    ...(travel ? [[seg(travel.text, travel.token)]] : []),
    ...(kpi.composite && !metricFocus && ke.metrics.length > 1 ? [metricCounts(ke, g)] : []),
    ...(!metricFocus && kf.decidedBy !== undefined && mf ? [text(`${kf.decidedBy}: ${mf.metric.title}`, 'text.muted')] : []),
    ...(questioned.length > 0 ? [[seg(`Check: ${questioned.join(', ')}`, 'warning')]] : []),
    ...(ytd ? [text(ytd, 'text.muted')] : []),
  ];
  const points = slidePoints(model, ctx.period, id);

  // The figure and its facts: side by side when there is room, else stacked.
  const figureBlock = (rows: number): Line[] => {
    if (figure === '' || rows < 3) {
      const line: Line = [seg(value, figure === '' ? 'text.muted' : ragTokenOf(rag)), ...(rows < 3 ? [seg('   '), ...(facts[0] ?? [])] : [])];
      return rows < 3 ? [clipLine(line, width, g.ellipsis), clipLine([...(facts[1] ?? []), ...(travel ? [seg(`   `), seg(travel.text, travel.token)] : [])], width, g.ellipsis)] : [clipLine(line, width, g.ellipsis), ...facts];
    }
    const drawn = bigText(figure, g, width, { rows });
    const figW = textWidth(drawn[0] ?? '');
    const bigLines: Line[] = drawn.map((l, i) => [seg(l, ragTokenOf(rag)), ...(i === drawn.length - 1 && rest ? [seg(` ${rest}`, 'text.title')] : [])]);
    const leftW = figW + (rest ? textWidth(rest) + 1 : 0);
    const factW = maxOf(facts.map(lineWidth));
    if (drawn.length > 1 && leftW + 4 + Math.min(factW, 24) <= width) {
      const offset = Math.max(0, Math.floor((drawn.length - facts.length) / 2));
      const right: Line[] = [...Array.from({ length: offset }, () => [] as Line), ...facts].map((l) => clipLine(l, width - leftW - 4, g.ellipsis));
      return beside([{ lines: bigLines, width: leftW }, { lines: right, width: width - leftW - 4 }], 4);
    }
    return [...bigLines, clipLine([...(facts[0] ?? []), seg('   '), ...(facts[1] ?? [])], width, g.ellipsis), ...facts.slice(2)];
  };

  const metric = me?.metric ?? kpi.metrics[0];
  const chart = (h: number): Line[] => {
    if (!metric) return [];
    const t = chartTarget(pe.metrics.get(metric.id), metric);
    return trendChart(chartPoints(model, kpi, metric, ctx.period), t.value, { width, height: h, glyphs: g, ...(t.label ? { targetLabel: t.label } : {}) });
  };
  const minChart = height >= 30 ? 12 : height >= 22 ? 8 : 6;
  const build = (rows: number, roomy: boolean): Line[] | undefined => {
    const top: Line[] = [...headerLines(ctx, title, subtitle), ...(roomy ? [[] as Line] : []), ...figureBlock(rows), []];
    const pointsFull = bulletLines(points, width, Number.POSITIVE_INFINITY, ctx);
    const commentRoom = height - top.length - minChart - (points.length > 0 ? 1 : 0);
    if (points.length > 0 && commentRoom < Math.min(points.length, 3)) return undefined;
    const comment = points.length > 0 ? bulletLines(points, width, Math.min(pointsFull.length, commentRoom), ctx) : [];
    // A large chart, but not one so tall that its scale turns to noise: the rest stays blank.
    const chartH = Math.min(MAX_CHART, height - top.length - comment.length - (comment.length > 0 ? 1 : 0));
    if (chartH < minChart) return undefined;
    return [...top, ...chart(chartH), ...(comment.length > 0 ? [[] as Line, ...comment] : [])];
  };
  for (const rows of [5, 3]) {
    for (const roomy of [true, false]) {
      const lines = build(rows, roomy);
      if (lines && lines.length <= height) return { lines };
    }
  }
  // Small: the figure and facts on two lines, a chart of what is left, the points cut to fit.
  const top: Line[] = [headerLine(ctx, title), ...figureBlock(1)];
  const comment = bulletLines(points, width, Math.max(0, Math.min(points.length, height - top.length - 4)), ctx);
  const chartH = Math.max(0, height - top.length - comment.length);
  return { lines: [...top, ...(chartH >= 3 ? chart(chartH) : []), ...comment].slice(0, height) };
}

// ---------------------------------------------------------------------------------------------
// register

function registerSlide(ctx: Ctx, title: string): Body {
  const { model, g, width, height } = ctx;
  const data = model.ev.periods[ctx.period]?.data;
  if (!data?.register) return messageSlide(ctx, title, noRegisterMessage(model, ctx.period));
  const all = registerRows(model, ctx.period);
  if (all.length === 0) return messageSlide(ctx, title, `The ${ctx.label} register has no entries.`);
  const rows = sortRegister(all, 0);
  const risks = all.filter((r) => r.kind === 'risk').length;
  const above = all.filter((r) => r.aboveAppetite).length;
  const appetite = model.ev.dataset.catalogue.riskAppetite;
  const rising = all.filter((r) => r.kind === 'risk' && r.movement === 'up').length;
  const summary: Segment[] = [
    seg(`${risks} risk${risks === 1 ? '' : 's'}, ${all.length - risks} opportunit${all.length - risks === 1 ? 'y' : 'ies'}`, 'text.heading'),
    ...(appetite !== undefined ? [seg(` ${ctx.mark.dot} `), seg(`${above} above the appetite of ${appetite}`, above > 0 ? 'warning' : undefined)] : []),
    ...(rising > 0 ? [seg(` ${ctx.mark.dot} `), seg(`${rising} risen`, 'worse')] : []),
  ];
  const layout = layoutRegister(model, all, width);
  const lines: Line[] = [headerLine(ctx, title), clipLine(summary, width, g.ellipsis)];
  if (height >= lines.length + 4 + rows.length + 1) lines.push([]);
  let room = height - lines.length - 4;
  if (room < 1) return { lines: lines.slice(0, height) };
  const windowed = rows.length > room;
  if (windowed) room = Math.max(1, room - 1);
  const win = windowAt(rows, ctx.cursor, room);
  const table: TableView = {
    columns: layout.columns,
    rows: win.items.map((r) =>
      Object.fromEntries(
        layout.columns.map((c) => {
          const key = c.key as RegisterColumnKey;
          const cell = registerCell(model, key, r, layout.short);
          return [c.key, fit(key === 'id' ? `  ${cell}` : cell, c.width, c.align ?? 'left', g.ellipsis)];
        }),
      ),
    ),
    rowTokens: win.items.map((r) => (r.view.entry.residual ? (bandLabel(model, r.view.entry.residual.score)?.token ?? 'text') : 'text.muted')),
    cursorRow: -1,
    above: win.above > 0,
    below: win.below > 0,
  };
  const after: Line[] = windowed
    ? [text([...(win.above > 0 ? [`${ctx.mark.up} ${win.above} more above`] : []), ...(win.below > 0 ? [`${ctx.mark.down} ${win.below} more below`] : [])].join(` ${ctx.mark.dot} `), 'text.muted')]
    : [];
  return { lines, table, after, size: windowed ? rows.length - room + 1 : 1 };
}

// ---------------------------------------------------------------------------------------------
// risk:<id>

/** "Major × Likely" for an assessment with both parts; "score only" otherwise. */
function placeWords(a: Assessment, kind: RegisterKind, ctx: Ctx): string {
  if (a.impact === undefined || a.likelihood === undefined) return 'score only';
  return `${impactWord(a.impact, kind)} ${ctx.mark.times} ${likelihoodWord(a.likelihood)}`;
}

function scoreBlock(ctx: Ctx, name: string, a: Assessment | undefined, kind: RegisterKind, w: number, rows: number, main: boolean): { lines: Line[]; width: number } {
  const { model, g } = ctx;
  const band = a ? bandLabel(model, a.score) : undefined;
  const token: Token = band?.token ?? 'text.muted';
  const mid = (l: string, t?: Token): Line => text(fit(' '.repeat(Math.max(0, Math.floor((w - textWidth(l)) / 2))) + l, w, 'left', g.ellipsis), t);
  const figure = a ? (rows >= 3 ? bigText(String(a.score), g, w, { rows }) : [String(a.score)]) : rows >= 3 ? bigText('-', g, w, { rows }) : ['-'];
  return {
    width: w,
    lines: [
      mid(name, main ? 'text.title' : 'text.heading'),
      ...figure.map((l) => mid(l, token)),
      mid(a ? (band?.word ?? 'no band') : 'not published', a ? token : 'text.muted'),
      ...(a ? [mid(placeWords(a, kind, ctx), 'text.muted')] : []),
    ],
  };
}

function riskSlide(ctx: Ctx, title: string, id: string): Body {
  const { model, g, width, height } = ctx;
  const v: EntryView | undefined = registerOf(model, ctx.period).find((x) => x.entry.id === id);
  if (!v) {
    const data = model.ev.periods[ctx.period]?.data;
    return messageSlide(ctx, title, data?.register ? `${id} is not in the ${ctx.label} register.` : noRegisterMessage(model, ctx.period));
  }
  const e = v.entry;
  const appetite = model.ev.dataset.catalogue.riskAppetite;
  const prevLabel = v.before ? registerPeriodBefore(model, ctx.period) : undefined;
  const was = v.before?.residual?.score;
  const status: Segment[] = [
    seg(movementText(v.movement, e.kind, g), v.movement === 'up' ? (e.kind === 'risk' ? 'worse' : 'better') : v.movement === 'down' ? (e.kind === 'risk' ? 'better' : 'worse') : 'text.muted'),
    ...(v.movement !== 'new' && prevLabel ? [seg(` since ${prevLabel}${was !== undefined ? ` (was ${was})` : ''}`, 'text.muted')] : v.movement === 'new' ? [seg(' this period', 'text.muted')] : []),
    ...(v.aboveAppetite && appetite !== undefined ? [seg(`   ${ctx.mark.up} above the appetite of ${appetite}`, 'warning')] : []),
    ...(e.owner ? [seg(`   Owner: ${e.owner}`, 'text.muted')] : []),
  ];
  const subtitle: Line = [seg(`${e.id} ${ctx.mark.dot} ${e.kind === 'risk' ? 'Risk' : 'Opportunity'}`, 'text.heading'), ...(title.includes(e.title) ? [] : [seg(` ${ctx.mark.dot} ${e.title}`)]), ...(e.type ? [seg(` ${ctx.mark.dot} ${e.type}`, 'text.muted')] : [])];

  const scores = (rows: number): Line[] => {
    const gap = 4;
    const w = Math.floor((width - 2 * gap) / 3);
    if (w < 12) {
      // Too narrow for three columns: one line each.
      return (['inherent', 'residual', 'target'] as const).map((k) => {
        const a = e[k];
        const band = a ? bandLabel(model, a.score) : undefined;
        return clipLine([seg(fit(k.charAt(0).toUpperCase() + k.slice(1), 10), 'text.heading'), seg(a ? `${a.score} ${band?.word ?? ''}` : 'not published', band?.token ?? 'text.muted'), ...(a ? [seg(`  ${placeWords(a, e.kind, ctx)}`, 'text.muted')] : [])], width, g.ellipsis);
      });
    }
    const blocks = [scoreBlock(ctx, 'Inherent', e.inherent, e.kind, w, rows, false), scoreBlock(ctx, 'Residual', e.residual, e.kind, w, rows, true), scoreBlock(ctx, 'Target', e.target, e.kind, w, rows, false)];
    return centreBlock(beside(blocks, gap), width);
  };

  const sections = (room: number): Line[] => {
    const lists = [
      { name: 'Consequences', items: e.consequences.slice(0, 3) },
      { name: e.kind === 'risk' ? 'Actions' : 'Maximising actions', items: e.actions.slice(0, 3) },
    ].filter((x) => x.items.length > 0);
    if (lists.length === 0 || room < 2) return [];
    const two = lists.length === 2 && width >= 100;
    if (two) {
      const colW = Math.floor((width - 4) / 2);
      const cols = lists.map((l) => ({ lines: [text(l.name, 'text.title'), ...bulletLines(l.items, colW, room - 1, ctx)], width: colW }));
      return beside(cols, 4).slice(0, room);
    }
    const out: Line[] = [];
    const per = Math.max(1, Math.floor((room - lists.length * 1 - (lists.length - 1)) / lists.length));
    lists.forEach((l, i) => {
      const left = room - out.length - (i > 0 ? 1 : 0) - 1;
      if (left < 1) return;
      if (i > 0) out.push([]);
      out.push(text(l.name, 'text.title'));
      out.push(...bulletLines(l.items, width, i === lists.length - 1 ? left : Math.min(per, left), ctx));
    });
    return out.slice(0, room);
  };

  for (const rows of [5, 3, 1]) {
    for (const roomy of [true, false]) {
      const top: Line[] = [...headerLines(ctx, title, subtitle), ...(roomy ? [[] as Line] : []), ...scores(rows), ...(roomy ? [[] as Line] : []), centre(status, width, g.ellipsis)];
      const room = height - top.length - 1;
      const wanted = Math.min(3, e.consequences.length) + Math.min(3, e.actions.length);
      // Keep at least a line per list (and its heading) before going bigger.
      const need = wanted === 0 ? 0 : (e.consequences.length > 0 ? 2 : 0) + (e.actions.length > 0 ? 2 : 0) + (e.consequences.length > 0 && e.actions.length > 0 && width < 100 ? 1 : 0);
      if (top.length <= height && room >= (rows === 1 && !roomy ? 0 : need)) {
        const rest = sections(room);
        return { lines: [...top, ...(rest.length > 0 ? [[] as Line, ...rest] : [])].slice(0, height) };
      }
    }
  }
  return { lines: [headerLine(ctx, title), ...scores(1), centre(status, width, g.ellipsis)].slice(0, height) };
}

function registerPeriodBefore(model: Model, period: number): string | undefined {
  for (let i = period - 1; i >= 0; i--) if (model.ev.periods[i]?.data.register !== undefined) return model.periodLabels[i];
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// heatgrid

function heatgridSlide(ctx: Ctx, title: string): Body {
  const { model, g, width, height } = ctx;
  const m = gridMarksOf(g);
  const data = gridData(model, ctx.period, 'risk', 'residual');
  if (!data.hasRegister) return messageSlide(ctx, title, noRegisterMessage(model, ctx.period));
  const appetite = model.ev.dataset.catalogue.riskAppetite;
  const band = (score: number) => bandLabel(model, score);
  const movement = data.previousLabel !== undefined;
  const items: GridItem[] = data.entries.flatMap((e): GridItem[] =>
    e.placement?.placed ? [{ id: e.view.entry.id, cell: e.placement.cell, movement: e.movement, ...(e.better === undefined ? {} : { better: e.better }) }] : [],
  );
  // The grid as wide as it usefully gets (the cells stop growing at 16 columns), centred.
  const gridW = Math.min(width, 6 + 15 + 5 * 16);
  const draw = { kind: 'risk' as const, ...(appetite === undefined ? {} : { appetite }), band, cursor: -1, movement, marks: m, width: gridW };
  const risks = data.entries.length;
  const opps = registerOf(model, ctx.period).filter((v) => v.entry.kind === 'opportunity').length;
  const sub: Segment[] = [
    seg(`Residual scores ${m.dot} ${risks} risk${risks === 1 ? '' : 's'} ${m.dot} ${ctx.label}`, 'text.heading'),
    ...(appetite !== undefined ? [seg(` ${m.dot} `), seg(`${m.boundary}${m.above}`, 'text.title'), seg(` above appetite ${appetite}`)] : []),
    ...(opps > 0 ? [seg(` ${m.dot} ${opps} opportunit${opps === 1 ? 'y' : 'ies'} not shown`, 'text.muted')] : []),
  ];
  const notes: Line[] = unplaced(data, 'residual').map((u) => clipLine([seg('Not placed: ', 'warning'), seg(u.ids.join(', '), 'text.heading'), seg(` ${m.dash} ${asciiText(u.reason, m)}`, 'text.muted')], width, m.ellipsis));
  if (risks === 0) notes.push(text(`No risks in the ${ctx.label} register.`, 'warning'));
  const legendParts: string[] = [];
  if (movement) legendParts.push(`since ${data.previousLabel ?? ''}: ${m.movement.up} up  ${m.movement.down} down  ${m.movement.level} level  ${m.movement.new} new`);
  if (!usesBandWords(draw)) legendParts.push(model.ev.dataset.catalogue.riskBands.map((b) => `${b.name.charAt(0).toUpperCase()} ${b.name}`).join(' '));
  const legend: Line[] = legendParts.length > 0 ? [clipLine(text(legendParts.join(` ${m.dot} `), 'text.muted'), width, m.ellipsis)] : [];

  // Fixed: title, sub-title, axis labels, 5 × 2 grid lines; then notes, legend, rules, taller rows.
  let room = height - 2 - 11;
  const take = (n: number) => (room >= n ? ((room -= n), true) : false);
  const shownNotes: Line[] = [];
  for (const n of notes) if (take(1)) shownNotes.push(n);
  const showLegend = legend.length > 0 && take(1);
  const borders = take(2);
  const gap = take(1);
  const needed = idLinesNeeded(items, gridLayout(gridW), movement, m);
  const rowLines = [2, 2, 2, 2, 2];
  // First the ids every cell needs, then, on a big screen, taller cells (up to about square).
  const tallest = Math.max(3, Math.min(6, Math.round(gridLayout(gridW).cell / 3)));
  for (let grew = true; grew; ) {
    grew = false;
    for (let r = 0; r < 5; r++) {
      if ((rowLines[r] ?? 2) - 1 < (needed[r] ?? 1) && take(1)) {
        rowLines[r] = (rowLines[r] ?? 2) + 1;
        grew = true;
      }
    }
  }
  while (room >= 5 && minOf(rowLines) < tallest) {
    const low = minOf(rowLines);
    for (let r = 0; r < 5; r++) if (rowLines[r] === low && take(1)) rowLines[r] = low + 1;
  }
  const grid = centreBlock(gridLines(items, { ...draw, rowLines, borders }), width);
  const lines: Line[] = [headerLine(ctx, title), clipLine(sub, width, m.ellipsis), ...(gap ? [[] as Line] : []), ...grid, ...shownNotes, ...(showLegend ? legend : [])];
  return { lines: lines.slice(0, height) };
}

// ---------------------------------------------------------------------------------------------
// finance

function financeSlide(ctx: Ctx, title: string, p: SlideParams): Body {
  const { model, g, width, height } = ctx;
  const fin = periodAt(model, ctx.period).data.finance;
  if (!fin) return messageSlide(ctx, title, noFinanceMessage(model, ctx.period));
  const total = financeTotalRow(fin);
  const rowsN = financeRows(fin).length;
  // The forecast variance, big, when the table still fits under it.
  const headFor = (rows: number): Line[] => {
    const head: Line[] = [headerLine(ctx, title)];
    if (rows < 3) return head;
    const word = total.over === 'on' ? 'on budget' : total.over === 'unknown' ? 'cannot be computed' : `${total.over === 'over' ? 'over' : 'under'} budget`;
    const arrow = total.over === 'over' ? g.direction.better : total.over === 'under' ? g.direction.worse : g.direction.same;
    const token: Token = total.over === 'over' ? 'worse' : total.over === 'under' ? 'better' : 'text';
    const figure = bigText(total.varianceText, g, width, { rows });
    const caption: Line = [seg(`${fin.unit} forecast variance`, 'text.title'), seg(`   ${arrow} ${word}${total.percent === undefined ? '' : ` (${total.percentText})`}`, token)];
    return [...head, [], ...centreBlock(figure.map((l) => text(l, token)), width), centre(caption, width, g.ellipsis)];
  };
  // The table no wider than it reads well: a room should not follow a row across the screen.
  const tableW = Math.min(width, 110);
  const below = statedTotalLines(fin, g, tableW).length + 1;
  let head = headFor(1);
  for (const rows of [5, 3]) {
    const h = headFor(rows);
    // Under it: a blank, the finance screen's heading, the table (rows, total, 4) and the lines below.
    if (h.length + 1 + 1 + rowsN + 1 + 4 + below <= height) {
      head = [...h, []];
      break;
    }
  }
  const v = financeScreen(model, { ...p, cursor: Math.max(0, ctx.cursor), filter: '', sortColumn: 0, width: tableW, height: Math.max(1, height - head.length) });
  if (v.table && v.table.columns.reduce((n, c) => n + c.width + 3, 1) > width) return financeList(ctx, title);
  const cursorMark = /^▸ /;
  const table: TableView | undefined = v.table
    ? { ...v.table, cursorRow: -1, rows: v.table.rows.map((r) => ({ ...r, ...(r['area'] !== undefined ? { area: r['area'].replace(cursorMark, '  ') } : {}) })) }
    : undefined;
  // The line under the table that spells out the selected row is for the analyst: left out.
  const after = (v.after ?? []).filter((l) => l[0]?.token !== 'focus');
  // The table's heading: its unit and, when over/under has no column of its own, the symbols.
  const words = table?.columns.some((c) => c.key === 'percent') ?? true;
  const legend = words ? '' : `   ${g.direction.better} over  ${g.direction.worse} under  ${g.direction.same} on`;
  const unit: Line = [seg(`Figures in ${fin.unit}`, 'text.heading'), seg(legend, 'text.muted')];
  const full: Line = [seg(`Budget monitoring, ${ctx.label}`, 'text.title'), seg('   '), ...unit];
  const heading = lineWidth(full) <= width ? full : unit;
  return { lines: [...head, ...(table ? [heading] : v.lines)], ...(table ? { table } : {}), after, size: Math.max(1, v.size) };
}

/** Too narrow for the table: each area's variance on a line, the total first. */
function financeList(ctx: Ctx, title: string): Body {
  const { model, g, width, height } = ctx;
  const fin = periodAt(model, ctx.period).data.finance;
  if (!fin) return messageSlide(ctx, title, noFinanceMessage(model, ctx.period));
  const rows = [financeTotalRow(fin), ...financeRows(fin)];
  const figure = (r: (typeof rows)[number]) => `${r.varianceText} ${r.over === 'over' ? g.direction.better : r.over === 'under' ? g.direction.worse : g.direction.same}`;
  const figW = maxOf(rows.map((r) => textWidth(figure(r))));
  const items = rows.map((r): Line => [seg(fit(r.area, Math.max(1, width - figW - 1), 'left', g.ellipsis), r.index < 0 ? 'text.title' : undefined), seg(' '), seg(fit(figure(r), figW, 'right', g.ellipsis), r.over === 'over' ? 'worse' : r.over === 'under' ? 'better' : undefined)]);
  const head = [headerLine(ctx, title), text(`Forecast variance, ${fin.unit}`, 'text.heading')];
  const s = scrolled(items, Math.max(1, height - head.length), ctx);
  return { lines: [...head, ...s.lines], size: s.size };
}

// ---------------------------------------------------------------------------------------------
// text, and a slide that can only say something

function textSlide(ctx: Ctx, title: string): Body {
  const { g, width, height } = ctx;
  const margin = width >= 40 ? 4 : 0;
  const para = bigParagraph(title, g, width - 2 * margin, Math.max(1, height - 2));
  const block = centreBlock(
    para.lines.map((l) => text(l.trimEnd(), 'text.title')),
    width,
  );
  const top = Math.max(0, Math.floor((height - block.length) / 2));
  return { lines: [...Array.from({ length: top }, () => [] as Line), ...block.map((l) => (para.big ? l : centre(l.filter((s) => s.text.trim() !== ''), width, g.ellipsis)))].slice(0, height) };
}

function messageSlide(ctx: Ctx, title: string, message: string): Body {
  return { lines: [headerLine(ctx, title), [], ...wrapText(message, ctx.width, ctx.g).map((l) => text(l, 'text.muted'))].slice(0, ctx.height) };
}

// ---------------------------------------------------------------------------------------------

/**
 * The audience slide for one agenda item at `params.width` × `params.height` (the whole body; the
 * footer is drawn by the caller). The cursor scrolls a slide whose list is longer than the screen.
 */
export function slideView(model: Model, entry: AgendaEntry, params: SlideParams): ScreenView {
  const width = Math.max(1, params.width);
  const height = Math.max(1, params.height);
  const period = Math.max(0, Math.min(params.period, model.ev.periods.length - 1));
  const g = model.glyphs;
  const ascii = gridMarksOf(g).ascii;
  const ctx: Ctx = {
    model,
    g,
    width,
    height,
    period,
    label: model.periodLabels[period] ?? '',
    cursor: Math.max(0, params.cursor),
    ...(params.meeting !== undefined ? { meeting: params.meeting } : {}),
    mark: ascii ? ASCII_MARK : UNICODE_MARK,
  };
  const title = entry.title;
  const show = entry.show;
  let body: Body;
  switch (show.kind) {
    case 'overview':
      body = overviewSlide(ctx, title);
      break;
    case 'priority':
      body = prioritySlide(ctx, title, show.id);
      break;
    case 'kpi':
      body = kpiSlide(ctx, title, show.id);
      break;
    case 'register':
      body = registerSlide(ctx, title);
      break;
    case 'risk':
      body = riskSlide(ctx, title, show.id);
      break;
    case 'heatgrid':
      body = heatgridSlide(ctx, title);
      break;
    case 'exceptions':
      body = exceptionsSlide(ctx, title);
      break;
    case 'finance':
      body = financeSlide(ctx, title, params);
      break;
    case 'text':
      body = textSlide(ctx, title);
      break;
    default: {
      const _exhaustive: never = show;
      body = _exhaustive;
    }
  }
  // Everything within the size: the lines, the table (rows + 4 lines) and the lines after it.
  // In the ASCII set, symbols drawn by the views reused here are made ASCII too.
  const clip = (l: Line) => clipLine(ascii ? asciiLine(l) : l, width, g.ellipsis);
  const tableLines = body.table ? body.table.rows.length + 4 : 0;
  const lines = body.lines.slice(0, Math.max(0, height - tableLines)).map(clip);
  const after = body.after ? body.after.slice(0, Math.max(0, height - lines.length - tableLines)).map(clip) : undefined;
  return {
    title,
    lines,
    ...(body.table ? { table: body.table } : {}),
    ...(after ? { after } : {}),
    size: Math.max(1, body.size ?? 1),
    targets: [],
    sortColumns: 0,
  };
}

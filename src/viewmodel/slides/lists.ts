// The slides that list KPIs: the overview (headline, counts per priority, new reds), a
// priority (its counts big, its KPIs worst first) and the exceptions.

import { compareRag, RAGS_BEST_FIRST } from '../../domain/rag.js';
import type { Rag } from '../../domain/types.js';
import { RAG_WORDS, type Glyphs } from '../glyphs.js';
import { kpiRows, type KpiRow } from '../kpi-rows.js';
import { periodAt } from '../model.js';
import { distinctTitles } from '../labels.js';
import { overviewModel } from '../overview.js';
import { ragBar } from '../overview-screen.js';
import { clipLine, fit, ragTokenOf, seg, textWidth, truncate, type Line, type Segment } from '../styled.js';
import { maxOf } from '../../domain/arrays.js';
import { big, type Body, centre, type Ctx, headerLine, messageSlide, RAG_ORDER, ragWord, scrolled, targetPhrase, text, wrapText, centreBlock, countBlocks, headerLines, spaced } from './common.js';

// ---------------------------------------------------------------------------------------------
// KPI lists (priority and exceptions slides).

export interface ListColumns {
  readonly rag: number;
  readonly title: number;
  readonly value: number;
  readonly target: number;
}

/** The RAG, title, value and target columns: the title keeps at least 36 columns (or all it needs) before the target, then the value, give way. */
export function listColumns(rows: readonly KpiRow[], width: number, g: Glyphs): ListColumns {
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
export function kpiItem(r: KpiRow, c: ListColumns, g: Glyphs, titleLines: number): Line[] {
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

// ---------------------------------------------------------------------------------------------
// overview

export function overviewSlide(ctx: Ctx, title: string): Body {
  const { model, g, width, height } = ctx;
  const pe = periodAt(model, ctx.period);
  const o = overviewModel(model, ctx.period);
  const s = pe.summary;
  const headline = o.headlineFigure;
  const sub = o.headlineWords;
  const count: Readonly<Record<Rag, number>> = { green: s.green_count, amber: s.amber_count, red: s.red_count, unrated: s.unrated_count };
  const counts: Line = RAGS_BEST_FIRST.flatMap((r, i) => [
    ...(i > 0 ? [seg('   ')] : []),
    seg(`${g.rag[r]} ${count[r]} ${RAG_WORDS[r].toLowerCase()}`, ragTokenOf(r)),
  ]);
  const labels = distinctTitles(o.priorities, Math.min(48, Math.max(12, Math.floor(width * 0.4))), g.ellipsis);
  const labelW = Math.min(maxOf(labels.map(textWidth)), Math.min(48, Math.max(12, Math.floor(width * 0.4))));
  const digits = Math.max(1, maxOf(o.priorities.flatMap((p) => RAG_ORDER.map((r) => String(p.counts[r]).length))));
  const numsW = 4 * (digits + 3);
  const priorityRows = (thick: number): Line[][] =>
    o.priorities.map((p, i) => {
      const reported = RAG_ORDER.some((r) => p.counts[r] > 0);
      const nums: Line = reported
        ? RAGS_BEST_FIRST.flatMap((r) => [seg(` ${g.rag[r]} `, ragTokenOf(r)), seg(fit(String(p.counts[r]), digits, 'right', g.ellipsis))])
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
    pr.forEach((block, i) => lines.push(...(i > 0 && thick > 1 && roomy ? [[]] : []), ...block));
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

export function sortByRag(rows: readonly KpiRow[]): KpiRow[] {
  return [...rows].sort((a, b) => compareRag(a.rag, b.rag) || a.order - b.order);
}

/**
 * Title, a sub-title, the counts big, then the list (items of one or more lines, built with titles
 * wrapped to 2 lines or cut to 1), scrolled by the cursor when it is longer than the screen.
 */
export function listSlide(ctx: Ctx, title: string, subtitle: string | undefined, counts: ReadonlyArray<{ readonly rag: Rag; readonly n: number }>, build: (titleLines: number) => Line[][]): Body {
  const { height } = ctx;
  const head = (rows: number, roomy: boolean): Line[] => [...headerLines(ctx, title, subtitle), ...(roomy ? [[]] : []), ...countBlocks(counts, ctx, rows), []];
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

export function prioritySlide(ctx: Ctx, title: string, id: string): Body {
  const { model, g, width } = ctx;
  const priority = model.priorities.find((p) => p.id === id);
  if (!priority) return messageSlide(ctx, title, `No priority '${id}' in the catalogue.`);
  const rows = sortByRag(kpiRows(model, ctx.period).filter((r) => r.priorityId === id && r.hasData));
  if (rows.length === 0) return messageSlide(ctx, title, `Nothing reported for ${priority.title} in ${ctx.label}.`);
  const n = (rag: Rag) => rows.filter((r) => r.rag === rag).length;
  // Worst first; unrated only where there are some.
  const counts = RAG_ORDER.filter((rag) => rag !== 'unrated' || n(rag) > 0).map((rag) => ({ rag, n: n(rag) }));
  const cols = listColumns(rows, width, g);
  const reported = `${rows.length} KPI${rows.length === 1 ? '' : 's'} reported`;
  const subtitle = title.includes(priority.title) ? reported : `${priority.title} ${ctx.mark.dot} ${reported}`;
  return listSlide(ctx, title, subtitle, counts, (lines) => rows.map((r) => kpiItem(r, cols, g, lines)));
}

export function exceptionsSlide(ctx: Ctx, title: string): Body {
  const { model, g, width } = ctx;
  const rows = kpiRows(model, ctx.period).filter((r) => r.hasData && (r.rag === 'red' || r.rag === 'amber'));
  if (rows.length === 0) return messageSlide(ctx, title, `Every rated KPI is on target in ${ctx.label}.`);
  // Reds then ambers, each in catalogue order, under their priority, as the reports list them.
  const sorted = [...rows].sort((a, b) => compareRag(a.rag, b.rag) || a.order - b.order);
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


// The Overview screen: the reports' headline, RAG counts per priority, ratings across all loaded
// periods, the exceptions and highlights (selectable: Enter opens the KPI), what changed.

import { formatNumber } from '../domain/format.js';
import type { KpiEval } from '../domain/evaluate.js';
import { RAGS_BEST_FIRST } from '../domain/rag.js';
import type { Rag } from '../domain/types.js';
import { RAG_WORDS, type Glyphs } from './glyphs.js';
import { modelMemo } from './memo.js';
import { periodAt, type Model } from './model.js';
import { distinctTitles } from './labels.js';
import { biggestMoves, kpiLine as kpiFigures, overviewParts, type KpiLine } from './overview.js';
import type { ScreenParams, ScreenView, Target } from './screen.js';
import { clipLine, fit, ragTokenOf, seg, visibleWindow, type Line } from './styled.js';

const ORDER = RAGS_BEST_FIRST;

/** A bar of RAG symbols, so it reads without colour: ✓✓✓!!✗✗✗✗. */
export function ragBar(counts: Readonly<Record<Rag, number>>, width: number, glyphs: Glyphs): Line {
  const total = ORDER.reduce((n, r) => n + counts[r], 0);
  if (total === 0 || width <= 0) return [];
  const out: Line[number][] = [];
  let used = 0;
  let acc = 0;
  for (const r of ORDER) {
    acc += counts[r];
    const end = Math.round((acc / total) * width);
    const n = end - used;
    if (n > 0) out.push(seg(glyphs.rag[r].repeat(n), ragTokenOf(r)));
    used = end;
  }
  return out;
}

/** The label column of the counts lines at this width. */
function labelWidth(width: number): number {
  return Math.min(34, Math.max(12, Math.floor(width * 0.4)));
}

function countsLine(label: string, counts: Readonly<Record<Rag, number>>, width: number, glyphs: Glyphs): Line {
  const labelW = labelWidth(width);
  const nums: Line = ORDER.flatMap((r) => [seg(` ${glyphs.rag[r]}`, ragTokenOf(r)), seg(fit(String(counts[r]), 3, 'right'))]);
  const barW = Math.max(0, width - labelW - 20 - 2);
  return [seg(fit(label, labelW)), ...nums, seg('  '), ...ragBar(counts, barW, glyphs)];
}

function kpiLine(k: KpiLine, glyphs: Glyphs, selected: boolean): Line {
  const figure = k.value ? `  ${k.value}${k.target ? ` (target ${k.target})` : ''}` : '';
  return [
    seg(selected ? `${glyphs.cursor} ` : '  ', selected ? 'focus' : undefined),
    seg(`${glyphs.rag[k.rag]} ${fit(RAG_WORDS[k.rag], 7)}`, ragTokenOf(k.rag)),
    seg(` ${k.title}`, selected ? 'focus' : undefined),
    seg(figure, 'text.muted'),
    ...(k.findings ? [seg(`  check: ${k.findings.join(', ')}`, 'warning')] : []),
  ];
}

/**
 * The overview's lines, once per (period, width): each a line, or the index of the item (a KPI)
 * drawn there; items are drawn when shown (a large catalogue has thousands).
 */
interface PreparedOverview {
  readonly lines: ReadonlyArray<Line | number>;
  readonly items: readonly KpiEval[];
  /** The items' lines worked out so far. */
  readonly itemLines: Map<number, KpiLine>;
  /** The line of each item. */
  readonly itemLine: readonly number[];
  readonly targets: readonly Target[];
}

const prepared = modelMemo<PreparedOverview>(8);

function prepareOverview(model: Model, p: ScreenParams): PreparedOverview {
  return prepared.get(model, [p.period, p.width], () => {
    const pe = periodAt(model, p.period);
    const o = overviewParts(model.ev, pe);
    const g = model.glyphs;
    const lines: Array<Line | number> = [];
    const targets: Target[] = [];
    const items: KpiEval[] = [];
    const itemLine: number[] = [];
    const selectable = (k: KpiEval) => {
      targets.push({ kind: 'kpi', id: k.kpi.id });
      itemLine.push(lines.length);
      lines.push(items.length);
      items.push(k);
    };
    lines.push([seg(o.headline, 'text.title')]);
    lines.push([seg(o.unratedNote, 'text.muted')]);
    lines.push([]);
    lines.push([seg('By priority', 'text.heading')]);
    // Priorities often start alike ("Lancashire will be the place to …"): cut so they still differ.
    const labels = distinctTitles(o.priorities, labelWidth(p.width), g.ellipsis);
    o.priorities.forEach((pr, i) => lines.push(countsLine(labels[i] ?? pr.title, pr.counts, p.width, g)));
    if (model.ev.periods.length > 1) {
      lines.push([]);
      lines.push([seg('Ratings by period', 'text.heading')]);
      for (const [i, other] of model.ev.periods.entries()) {
        const s = other.summary;
        const counts = { green: s.green_count, amber: s.amber_count, red: s.red_count, unrated: s.unrated_count };
        const label = `${model.periodLabels[i] ?? ''}${i === p.period ? ` ${g.current}` : ''}`;
        lines.push(countsLine(label, counts, p.width, g));
      }
    }
    const titles = new Map(model.priorities.map((x) => [x.id, x.title]));
    const group = (heading: string, list: readonly KpiEval[]) => {
      lines.push([]);
      lines.push([seg(`${heading} (${list.length})`, 'text.heading')]);
      let currentPriority = '';
      for (const k of list) {
        if (k.kpi.priorityId !== currentPriority) {
          currentPriority = k.kpi.priorityId;
          lines.push([seg(titles.get(currentPriority) ?? currentPriority, 'text.muted')]);
        }
        selectable(k);
      }
    };
    group('Performing below the desired level', o.below);
    group('Highlights', o.highlights);

    lines.push([]);
    if (!o.previous) lines.push([seg('No earlier period loaded to compare with', 'text.muted')]);
    else {
      lines.push([seg(`Changed since ${o.previous}`, 'text.heading')]);
      const c = o.changes;
      for (const x of c.newReds) lines.push([seg(`  new red: ${x.title} (was ${g.rag[x.from]} ${RAG_WORDS[x.from]})`, 'rag.red')]);
      for (const x of c.ragChanges) {
        lines.push([seg(`  ${x.title}: `), seg(`${g.rag[x.from]} ${RAG_WORDS[x.from]}`, ragTokenOf(x.from)), seg(' → '), seg(`${g.rag[x.to]} ${RAG_WORDS[x.to]}`, ragTokenOf(x.to))]);
      }
      for (const t of c.added) lines.push([seg(`  newly reported: ${t}`)]);
      for (const t of c.removed) lines.push([seg(`  not reported this period: ${t}`, 'text.muted')]);
      const moves = biggestMoves(pe, 3);
      for (const m of moves.better) lines.push([seg(`  ${g.direction.better} better: `, 'better'), seg(`${m.title} ${m.change}`)]);
      for (const m of moves.worse) lines.push([seg(`  ${g.direction.worse} worse: `, 'worse'), seg(`${m.title} ${m.change}`)]);
      if (c.newReds.length + c.ragChanges.length + c.added.length + c.removed.length + moves.better.length + moves.worse.length === 0) {
        lines.push([seg('  no changes', 'text.muted')]);
      }
    }
    return { lines, items, itemLines: new Map(), itemLine, targets };
  });
}

export function overviewScreen(model: Model, p: ScreenParams): ScreenView {
  const o = prepareOverview(model, p);
  const { lines, itemLine, items } = o;
  // Keep the selected line in view; start at the top while the cursor is on the first item.
  const focusLine = p.cursor <= 0 ? 0 : (itemLine[Math.min(p.cursor, itemLine.length - 1)] ?? 0);
  const win = visibleWindow(lines, focusLine, p.height);
  const lineOf = (i: number): KpiLine => {
    let line = o.itemLines.get(i);
    // The window holds an item's index where it holds no line: items[i] is there.
    if (!line) o.itemLines.set(i, (line = kpiFigures(model, p.period, items[i] as KpiEval)));
    return line;
  };
  const shown = win.items.map((l) => clipLine(typeof l === 'number' ? kpiLine(lineOf(l), model.glyphs, l === p.cursor) : l, p.width));
  return { title: 'Overview', lines: shown, size: o.targets.length, targets: o.targets, sortColumns: 0 };
}

export function summaryText(model: Model, period: number): string {
  const s = periodAt(model, period).summary;
  return `${s.green_count}/${s.rated_count} on target (${formatNumber(s.percent_achieving, 0)}%)`;
}

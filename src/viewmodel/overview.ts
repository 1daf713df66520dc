// The overview of one period: the reports' headline, RAG counts per priority, the exceptions, and
// what changed since the previous period. Pure: the TUI and the plain-text output both use it.

import type { Evaluation, KpiEval, MetricEval, PeriodEval } from '../domain/evaluate.js';
import { formatNumber } from '../domain/format.js';
import { formatPeriod, previousOf } from '../domain/period.js';
import { compareRag, isRated } from '../domain/rag.js';
import type { Rag, SummaryFigure } from '../domain/types.js';
import { ragToken, type Glyphs } from './glyphs.js';
import { findingWords, kpiFigure } from './figure.js';
import { periodAt, type Model } from './model.js';

export interface PriorityRow {
  readonly id: string;
  readonly title: string;
  readonly short?: string;
  readonly counts: Readonly<Record<Rag, number>>;
}

export interface KpiLine {
  readonly kpiId: string;
  readonly priorityId: string;
  readonly title: string;
  readonly rag: Rag;
  /** The figure that decides its RAG: the value with its unit, and the target that rated it, as published. */
  readonly value?: string;
  readonly target?: string;
  /** The short words of what `check` questions on it. */
  readonly findings?: readonly string[];
}

export interface Change {
  readonly kpiId: string;
  readonly title: string;
  readonly from: Rag;
  readonly to: Rag;
}

export interface OverviewModel {
  readonly organisation: string;
  readonly title: string;
  readonly period: string;
  readonly previous?: string;
  readonly headline: string;
  /** The headline's figure, drawn big on the slide ("55%"), and the words under it. */
  readonly headlineFigure: string;
  readonly headlineWords: string;
  readonly unratedNote: string;
  readonly priorities: readonly PriorityRow[];
  readonly highlights: readonly KpiLine[];
  readonly below: readonly KpiLine[];
  readonly changes: {
    readonly newReds: readonly Change[];
    readonly ragChanges: readonly Change[];
    readonly added: readonly string[];
    readonly removed: readonly string[];
  };
}

/** A KPI's line of the overview: its title, RAG and the figure that decides it (figure.ts). */
export function kpiLine(model: Model, period: number, k: KpiEval): KpiLine {
  const f = kpiFigure(model, period, k.kpi.id);
  const m = f?.deciding?.value !== undefined ? f.deciding : undefined;
  const value = m ? `${m.valueText}${m.yearToDate ? ' year to date' : ''}` : undefined;
  const target = m?.target.text || undefined;
  const words = f ? findingWords(f.findings) : [];
  const findings = words.length > 0 ? words : undefined;
  return { kpiId: k.kpi.id, priorityId: k.kpi.priorityId, title: k.kpi.title, rag: k.counted, ...(value ? { value } : {}), ...(target ? { target } : {}), ...(findings ? { findings } : {}) };
}

/** The overview with its highlights and exceptions as the KPIs' evaluations (kpiLine makes their lines). */
export type OverviewParts = Omit<OverviewModel, 'highlights' | 'below'> & { readonly highlights: readonly KpiEval[]; readonly below: readonly KpiEval[] };

export function overviewModel(model: Model, period: number): OverviewModel {
  const parts = overviewParts(model.ev, periodAt(model, period));
  const line = (k: KpiEval) => kpiLine(model, period, k);
  return { ...parts, highlights: parts.highlights.map(line), below: parts.below.map(line) };
}

/** overviewModel without the figures of every highlight and exception worked out (a screen shows a few). */
export function overviewParts(ev: Evaluation, pe: PeriodEval): OverviewParts {
  const { catalogue } = ev.dataset;
  const s = pe.summary;
  let headline = `${s.green_count} of ${s.rated_count} rated KPIs achieving target (${formatNumber(s.percent_achieving, 1)}%)`;
  let headlineFigure = `${formatNumber(s.percent_achieving, 0)}%`;
  let headlineWords = `${s.green_count} of ${s.rated_count} rated KPIs achieving target`;
  let unratedNote = `${s.unrated_count} unrated (context) of ${s.reported_count} KPIs reported${s.reported_count < s.kpi_count ? ` (of ${s.kpi_count} in the catalogue)` : ''}; ${s.amber_count} amber, ${s.red_count} red`;
  // A summary publishes its counts, not each KPI's figure: its headline is what it claims.
  const claimed = (f: SummaryFigure) => pe.data.claims.find((c) => c.figure === f)?.value;
  const pct = pe.data.summaryOnly ? claimed('percent_achieving') : undefined;
  if (pe.data.summaryOnly) {
    const rated = claimed('rated_count');
    const all = claimed('kpi_count');
    if (pct) {
      headlineFigure = `${formatNumber(pct.value, pct.decimals)}%`;
      headlineWords = `of${rated ? ` ${formatNumber(rated.value, 0)}` : ''} rated KPIs achieving target, as published`;
      headline = `${headlineFigure} ${headlineWords}`;
    }
    unratedNote = `A summary: it publishes counts${all ? ` (${formatNumber(all.value, 0)} KPIs)` : ''}, not each KPI's figure; ${s.reported_count} KPIs quoted here`;
  }
  const priorities: PriorityRow[] = catalogue.priorities.map((p) => {
    const counts: Record<Rag, number> = { green: 0, amber: 0, red: 0, unrated: 0 };
    for (const k of p.kpis) {
      const e = pe.kpis.get(k.id);
      if (e?.hasData) counts[e.counted] += 1;
    }
    return { id: p.id, title: p.title, ...(p.short !== undefined ? { short: p.short } : {}), counts };
  });
  const reported = [...pe.kpis.values()].filter((k) => k.hasData);
  const highlights = reported.filter((k) => k.counted === 'green');
  // Reds then ambers, each in catalogue (priority) order.
  const below = reported.filter((k) => k.counted === 'red' || k.counted === 'amber').sort((a, b) => compareRag(a.counted, b.counted));

  const prev = previousOf(ev.periods.map((p) => ({ period: p.data.period, pe: p })), pe.data.period)?.pe;
  const newReds: Change[] = [];
  const ragChanges: Change[] = [];
  const added: string[] = [];
  const removed: string[] = [];
  if (prev) {
    for (const k of pe.kpis.values()) {
      const before = prev.kpis.get(k.kpi.id);
      if (!before) continue;
      if (k.hasData && !before.hasData) added.push(k.kpi.title);
      if (!k.hasData && before.hasData) removed.push(k.kpi.title);
      if (!k.hasData || !before.hasData || before.counted === k.counted) continue;
      const change = { kpiId: k.kpi.id, title: k.kpi.title, from: before.counted, to: k.counted };
      if (k.counted === 'red') newReds.push(change);
      else if (isRated(k.counted) || isRated(before.counted)) ragChanges.push(change);
    }
  }
  return {
    organisation: catalogue.organisation,
    title: catalogue.title,
    period: formatPeriod(pe.data.period),
    ...(prev ? { previous: formatPeriod(prev.data.period) } : {}),
    headline,
    headlineFigure,
    headlineWords,
    unratedNote,
    priorities,
    highlights,
    below,
    changes: { newReds, ragChanges, added, removed },
  };
}

/** The overview as plain text lines (no escape codes), for pipes and hand-outs. */
export function overviewText(m: OverviewModel, glyphs: Glyphs, priorityTitle: (id: string) => string): string[] {
  const lines: string[] = [];
  lines.push(`${m.organisation}: ${m.title}`);
  lines.push(`Period ${m.period}${m.previous ? ` (previous: ${m.previous})` : ''}`);
  lines.push('');
  lines.push(m.headline);
  lines.push(m.unratedNote);
  lines.push('');
  lines.push('By priority');
  for (const p of m.priorities) {
    const c = p.counts;
    lines.push(`  ${p.title}: ${glyphs.rag.green} ${c.green}  ${glyphs.rag.amber} ${c.amber}  ${glyphs.rag.red} ${c.red}  ${glyphs.rag.unrated} ${c.unrated}`);
  }
  const group = (title: string, items: readonly KpiLine[]) => {
    lines.push('');
    lines.push(`${title} (${items.length})`);
    let current = '';
    for (const k of items) {
      if (k.priorityId !== current) {
        current = k.priorityId;
        lines.push(`  ${priorityTitle(current)}`);
      }
      const figure = k.value ? `: ${k.value}${k.target ? ` (target ${k.target})` : ''}` : '';
      lines.push(`    ${ragToken(k.rag, glyphs)}  ${k.title}${figure}`);
    }
  };
  group('Performing below the desired level', m.below);
  group('Highlights', m.highlights);
  lines.push('');
  lines.push(m.previous ? `Changed since ${m.previous}` : 'Changed since the previous period: no earlier period loaded');
  if (m.previous) {
    const c = m.changes;
    for (const x of c.newReds) lines.push(`  new red: ${x.title} (was ${ragToken(x.from, glyphs)})`);
    for (const x of c.ragChanges) lines.push(`  ${x.title}: ${ragToken(x.from, glyphs)} → ${ragToken(x.to, glyphs)}`);
    for (const t of c.added) lines.push(`  newly reported: ${t}`);
    for (const t of c.removed) lines.push(`  not reported this period: ${t}`);
    if (c.newReds.length + c.ragChanges.length + c.added.length + c.removed.length === 0) lines.push('  no RAG changes');
  }
  return lines;
}

export interface Move {
  readonly kpiId: string;
  readonly title: string;
  /** "+5.2 points", "-12%". */
  readonly change: string;
  readonly size: number;
}

/**
 * The largest moves better and worse since each metric's previous comparable figure, by relative
 * size (percentage points for percents, per cent of the earlier value otherwise).
 */
export function biggestMoves(pe: PeriodEval, n: number): { better: Move[]; worse: Move[] } {
  interface Found {
    readonly m: MetricEval;
    readonly delta: number;
    readonly pct: boolean;
    readonly size: number;
  }
  const better: Found[] = [];
  const worse: Found[] = [];
  for (const m of pe.metrics.values()) {
    const t = m.travel;
    if (!t || (t.direction !== 'better' && t.direction !== 'worse')) continue;
    const delta = t.to - t.from;
    const pct = m.metric.unit === 'percent';
    const size = pct ? Math.abs(delta) : t.from === 0 ? 0 : Math.abs(delta / t.from) * 100;
    if (size === 0) continue;
    (t.direction === 'better' ? better : worse).push({ m, delta, pct, size });
  }
  // The largest first (ties in the metrics' order); only those shown are written out.
  const top = (list: Found[]): Move[] =>
    list
      .sort((a, b) => b.size - a.size)
      .slice(0, n)
      .map(({ m, delta, pct, size }) => {
        const sign = delta > 0 ? '+' : '-';
        // A move that overflows has no size to show (nor a sign or unit to put on it).
        const change = !Number.isFinite(size) ? formatNumber(size, 0) : pct ? `${sign}${formatNumber(Math.abs(delta), 1)} points` : `${sign}${formatNumber(size, 0)}%`;
        const title = m.kpi.composite ? `${m.kpi.title}: ${m.metric.title}` : m.kpi.title;
        return { kpiId: m.kpi.id, title, change, size };
      });
  return { better: top(better), worse: top(worse) };
}

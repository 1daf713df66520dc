// A KPI's slide: its figure big (the metric that decides its RAG, or the one asked for), the
// RAG, the target that rated it, travel and what `check` questions, a large trend chart and three
// commentary points.

import type { KpiEval } from '../../domain/evaluate.js';
import { formatPeriod } from '../../domain/period.js';
import type { Commentary } from '../../domain/types.js';
import { bigText, splitFigure } from '../bigtext.js';
import { trendChart } from '../chart.js';
import { type Glyphs } from '../glyphs.js';
import { chartLabels, chartPoints } from '../kpi-detail.js';
import { findingWords, kpiFigure, type MetricFigure } from '../figure.js';
import { periodAt, type Model } from '../model.js';
import { clipLine, lineWidth, ragTokenOf, seg, textWidth, type Line, type Segment, type Token } from '../styled.js';
import { maxOf } from '../../domain/arrays.js';
import { beside, type Body, bulletLines, type Ctx, headerLine, messageSlide, RAG_ORDER, ragWord, targetPhrase, text, headerLines } from './common.js';

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
  for (let i = 0; i < Math.max(issues.length, actions.length); i++) {
    const issue = issues[i];
    const action = actions[i];
    if (issue) turns.push(issue);
    if (action) turns.push(action);
  }
  const all = [...heads, ...turns, ...sources.flatMap((c) => c.causes)].map(clean).filter((s) => s !== '');
  return [...new Set(all)].slice(0, n);
}


// ---------------------------------------------------------------------------------------------
// kpi:<id>


export function travelText(mf: MetricFigure, ctx: Ctx): { text: string; token?: Token } | undefined {
  const t = mf.travel;
  const was = mf.travelFrom;
  if (!t || was === undefined) return undefined;
  const when = formatPeriod(t.against);
  if (t.direction === undefined) return { text: `${t.move} on ${when} (${was})` };
  if (t.direction === 'same') return { text: `${ctx.g.direction.same} same as ${when} (${was})` };
  return { text: `${ctx.g.direction[t.direction]} ${t.direction} than ${when} (${was})`, token: t.direction };
}

/** The most lines a KPI slide's chart takes (plot, period labels and legend). */
export const MAX_CHART = 22;

/** A composite KPI's metrics by RAG: "3 metrics: ✗ 2 ✓ 1". */
export function metricCounts(ke: KpiEval, g: Glyphs): Line {
  const out: Segment[] = [seg(`${ke.metrics.length} metrics:`, 'text.muted')];
  for (const r of RAG_ORDER) {
    const n = ke.metrics.filter((m) => m.counted === r).length;
    if (n > 0) out.push(seg(` ${g.rag[r]} ${n}`, ragTokenOf(r)));
  }
  return out;
}

export function kpiSlide(ctx: Ctx, heading: string, id: string): Body {
  const { model, g, width, height } = ctx;
  const kpiId = model.kpis.has(id) ? id : model.kpiOfMetric.get(id);
  const entry = kpiId === undefined ? undefined : model.kpis.get(kpiId);
  const pe = periodAt(model, ctx.period);
  const ke: KpiEval | undefined = kpiId === undefined ? undefined : pe.kpis.get(kpiId);
  const kf = kpiId === undefined ? undefined : kpiFigure(model, ctx.period, kpiId);
  if (!entry || !ke || !kf) return messageSlide(ctx, heading, `No KPI '${id}' in the catalogue.`);
  const { kpi, priority } = entry;
  // On a short screen the heading has one line: when the item's title does not fit it, the KPI's does.
  const title = height < 20 && textWidth(heading) > width && heading.includes(kpi.title) ? kpi.title : heading;
  // The figure shown: the metric asked for, else the one that decides the KPI's RAG.
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
      const right: Line[] = [...Array.from({ length: offset }, () => []), ...facts].map((l) => clipLine(l, width - leftW - 4, g.ellipsis));
      return beside([{ lines: bigLines, width: leftW }, { lines: right, width: width - leftW - 4 }], 4);
    }
    return [...bigLines, clipLine([...(facts[0] ?? []), seg('   '), ...(facts[1] ?? [])], width, g.ellipsis), ...facts.slice(2)];
  };

  const metric = me?.metric ?? kpi.metrics[0];
  const chart = (h: number): Line[] => {
    if (!metric) return [];
    return trendChart(chartPoints(model, kpi, metric, ctx.period), undefined, { width, height: h, glyphs: g, ...chartLabels(mf?.metric === metric ? mf : kf.metrics.find((x) => x.metric === metric)) });
  };
  const minChart = height >= 30 ? 12 : height >= 22 ? 8 : 6;
  const build = (rows: number, roomy: boolean): Line[] | undefined => {
    const top: Line[] = [...headerLines(ctx, title, subtitle), ...(roomy ? [[]] : []), ...figureBlock(rows), []];
    const pointsFull = bulletLines(points, width, Number.POSITIVE_INFINITY, ctx);
    const commentRoom = height - top.length - minChart - (points.length > 0 ? 1 : 0);
    if (points.length > 0 && commentRoom < Math.min(points.length, 3)) return undefined;
    const comment = points.length > 0 ? bulletLines(points, width, Math.min(pointsFull.length, commentRoom), ctx) : [];
    // A large chart, but not one so tall that its scale turns to noise: the rest stays blank.
    const chartH = Math.min(MAX_CHART, height - top.length - comment.length - (comment.length > 0 ? 1 : 0));
    if (chartH < minChart) return undefined;
    return [...top, ...chart(chartH), ...(comment.length > 0 ? [[], ...comment] : [])];
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


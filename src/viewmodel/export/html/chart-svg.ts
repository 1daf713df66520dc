// A metric's trend as inline SVG, for the HTML hand-out: the same periods, values and per-period
// targets as the TUI's chart (chartPeriods / chartPoints in kpi-detail.ts), each point's words from
// the figure model of its period. The values are one solid line (a gap where a period has no
// figure) with a dot and the value written at each point; the target is a dashed line, stepped
// where it changed (each period's target spans its column). It reads in black and white (solid vs
// dashed, the words at the points), and to a screen reader (<title>, and a <desc> listing every point).

import { formatValueTo } from '../../../domain/format.js';
import type { Kpi } from '../../../domain/types.js';
import { shortPeriodLabel } from '../../chart.js';
import { kpiFigure, type MetricFigure } from '../../figure.js';
import { chartPeriods, chartPoints } from '../../kpi-detail.js';
import type { Model } from '../../model.js';
import { el, inline, text } from './escape.js';

const W = 640;
const H = 240;
const LEFT = 84;
const RIGHT = 16;
const TOP = 26;
const BOTTOM = 46;

interface Point {
  readonly label: string;
  readonly value: number | null;
  readonly target: number | null;
  /** The value and the target as the figure model writes them for that period. */
  readonly valueText: string;
  readonly targetText: string;
  readonly current: boolean;
}

function pointsOf(model: Model, kpi: Kpi, mf: MetricFigure, period: number): Point[] {
  const indices = chartPeriods(model, kpi, period);
  const pts = chartPoints(model, kpi, mf.metric, period);
  return pts.map((p, n) => {
    const i = indices[n] ?? period;
    const f = kpiFigure(model, i, kpi.id)?.metrics.find((m) => m.metric.id === mf.metric.id);
    return {
      label: p.label,
      value: p.value,
      target: p.target ?? null,
      valueText: f?.value !== undefined ? f.valueText : 'not reported',
      targetText: f?.target.full ?? '',
      current: p.current === true,
    };
  });
}

/** 1, 2, 2.5 or 5 times a power of ten: about `n` steps from lo to hi. */
function niceStep(span: number, n: number): number {
  const raw = span / n;
  if (!(raw > 0) || !Number.isFinite(raw)) return 1;
  const p = 10 ** Math.floor(Math.log10(raw));
  return ([1, 2, 2.5, 5, 10].find((m) => m * p >= raw) ?? 10) * p;
}

function decimalsOf(step: number): number {
  return step >= 1 ? 0 : Math.min(6, Math.ceil(-Math.log10(step) - 1e-9));
}

const fmt = (v: number) => String(Math.round(v * 10) / 10);

/** Whether the chart can be drawn: at least one finite value or target. */
function numbersOf(points: readonly Point[]): number[] {
  return points.flatMap((p) => [p.value, p.target]).filter((v): v is number => v !== null && Number.isFinite(v));
}

/** The chart as a <figure>; `n` makes its ids unique in the document. */
export function trendSvg(model: Model, kpi: Kpi, mf: MetricFigure, period: number, n: number): string {
  const points = pointsOf(model, kpi, mf, period);
  const title = `Trend of ${mf.metric.title}`;
  const numbers = numbersOf(points);
  if (points.length === 0 || numbers.length === 0) return el('p', { class: 'muted' }, inline(`${title}: no figures to chart.`));
  let lo = Math.min(...numbers);
  let hi = Math.max(...numbers);
  if (mf.metric.unit === 'percent' || lo >= 0) lo = Math.min(lo, 0);
  if (hi === lo) hi = lo + 1;
  const step = niceStep(hi - lo, 4);
  lo = Math.floor(lo / step) * step;
  hi = Math.ceil(hi / step) * step;
  const plotW = W - LEFT - RIGHT;
  const plotH = H - TOP - BOTTOM;
  const col = plotW / points.length;
  const x = (i: number) => LEFT + col * (i + 0.5);
  const y = (v: number) => TOP + plotH - ((v - lo) / (hi - lo)) * plotH;
  const id = `chart-${n}`;

  const ticks: string[] = [];
  const decimals = decimalsOf(step);
  for (let v = lo, k = 0; v <= hi + step / 2 && k < 50; v += step, k++) {
    ticks.push(
      el('line', { class: 'grid', x1: LEFT, y1: fmt(y(v)), x2: W - RIGHT, y2: fmt(y(v)) }) +
        el('text', { class: 'tick', x: LEFT - 6, y: fmt(y(v) + 3.5), 'text-anchor': 'end' }, inline(formatValueTo(mf.metric, v, decimals))),
    );
  }
  const xLabels = points.map((p, i) => el('text', { class: p.current ? 'tick current' : 'tick', x: fmt(x(i)), y: H - BOTTOM + 16, 'text-anchor': 'middle' }, inline(shortPeriodLabel(p.label))));

  // The values: one path, a new subpath after each gap.
  let valuePath = '';
  points.forEach((p, i) => {
    if (p.value === null) return;
    const joined = i > 0 && points[i - 1]?.value !== null;
    valuePath += `${joined ? 'L' : 'M'}${fmt(x(i))} ${fmt(y(p.value))} `;
  });
  // The target: each period's target across its column, a vertical step where it changed.
  let targetPath = '';
  points.forEach((p, i) => {
    if (p.target === null) return;
    const joined = i > 0 && (points[i - 1]?.target ?? null) !== null;
    targetPath += joined ? `V${fmt(y(p.target))} H${fmt(x(i) + col / 2)} ` : `M${fmt(x(i) - col / 2)} ${fmt(y(p.target))} H${fmt(x(i) + col / 2)} `;
  });
  const dots = points.flatMap((p, i) =>
    p.value === null
      ? []
      : [
          el(
            'g',
            { class: 'point' },
            el('circle', { cx: fmt(x(i)), cy: fmt(y(p.value)), r: p.current ? 4 : 3 }, el('title', {}, inline(`${p.label}: ${p.valueText}`))) +
              el('text', { class: 'value', x: fmt(x(i)), y: fmt(y(p.value) - 8), 'text-anchor': 'middle' }, inline(p.valueText)),
          ),
        ],
  );
  const legend =
    el('line', { class: 'series', x1: LEFT, y1: H - 12, x2: LEFT + 24, y2: H - 12 }) +
    el('text', { class: 'tick', x: LEFT + 30, y: H - 8 }, 'value') +
    (targetPath !== '' ? el('line', { class: 'target', x1: LEFT + 90, y1: H - 12, x2: LEFT + 114, y2: H - 12 }) + el('text', { class: 'tick', x: LEFT + 120, y: H - 8 }, 'target (stepped where it changed)') : '');
  const desc = points.map((p) => `${p.label}: ${p.valueText}${p.targetText !== '' ? `, target ${p.targetText}` : ''}`).join('; ');
  const svg = el(
    'svg',
    { viewBox: `0 0 ${W} ${H}`, width: W, height: H, role: 'img', 'aria-labelledby': `${id}-t ${id}-d`, class: 'chart' },
    el('title', { id: `${id}-t` }, inline(title)) +
      el('desc', { id: `${id}-d` }, inline(desc)) +
      ticks.join('') +
      el('line', { class: 'axis', x1: LEFT, y1: TOP, x2: LEFT, y2: H - BOTTOM }) +
      el('line', { class: 'axis', x1: LEFT, y1: H - BOTTOM, x2: W - RIGHT, y2: H - BOTTOM }) +
      xLabels.join('') +
      (targetPath !== '' ? el('path', { class: 'target', d: targetPath.trim() }) : '') +
      (valuePath !== '' ? el('path', { class: 'series', d: valuePath.trim() }) : '') +
      dots.join('') +
      legend,
  );
  return el('figure', { class: 'chart' }, svg + el('figcaption', {}, text(title)));
}

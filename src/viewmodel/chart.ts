// A trend chart of one metric over the loaded periods, drawn with asciichart: the values as one
// line, the target as a second (dashed) line, the y axis labelled, the periods along the x axis and
// a legend. Pure. The target reads without colour: its own cells are drawn dashed.

import { maxOf, minOf } from '../domain/arrays.js';
import asciichart from 'asciichart';
import { decimalsOfNumber, formatNumber } from '../domain/format.js';
import type { Glyphs } from './glyphs.js';
import { clipLine, fit, seg, textWidth, truncate, type Line, type Segment } from './styled.js';

export interface ChartPoint {
  /** The period, as `formatPeriod` writes it (`2018/19 Q4`); abbreviated to fit. */
  readonly label: string;
  /** The figure, or null for a gap. */
  readonly value: number | null;
  /** The period on screen: its label is highlighted. */
  readonly current?: boolean;
  /** The target line's value in this period (the target that rated its figure); else the chart's one target. */
  readonly target?: number | null;
}

export interface ChartOptions {
  /** Columns for the whole chart, the y-axis labels included. */
  readonly width: number;
  /** Lines for the whole chart: the plot, the x-axis labels and the legend (the plot gets at least 2). */
  readonly height: number;
  readonly glyphs: Glyphs;
  /** The target as published, for the legend (default: the number of the current period). */
  readonly targetLabel?: string;
  /** The latest value as it reads elsewhere, for the legend (default: the current period's number). */
  readonly valueLabel?: string;
  /** How a y-axis number reads (default: compact, `3.6m`, `95.5`). */
  readonly format?: (v: number) => string;
}

type Symbols = [string, string, string, string, string, string, string, string, string, string];

// asciichart's order: ┼ ┤ ╶ ╴ ─ ╰ ╭ ╮ ╯ │
const UNICODE_SYMBOLS: Symbols = ['┼', '┤', '╶', '╴', '─', '╰', '╭', '╮', '╯', '│'];
const ASCII_SYMBOLS: Symbols = ['+', '|', '-', '-', '-', '+', '+', '+', '+', '|'];

interface Style {
  readonly symbols: Symbols;
  readonly value: string;
  readonly target: string;
  /** A single figure. */
  readonly point: string;
}

const UNICODE_STYLE: Style = { symbols: UNICODE_SYMBOLS, value: '─', target: '╌', point: '●' };
const ASCII_STYLE: Style = { symbols: ASCII_SYMBOLS, value: '-', target: '.', point: 'o' };

/** `2018/19 Q4` → `18/19 Q4`; other labels unchanged. */
export function shortPeriodLabel(label: string): string {
  return label.replace(/^\d{2}(\d{2}\/\d{2})/, '$1');
}

/** From which size the axis is written in a unit, the unit's size, and its suffix (25,000 → 25k). */
const SCALES: ReadonlyArray<readonly [number, number, string]> = [
  [1e9, 1e9, 'bn'],
  [1e6, 1e6, 'm'],
  [1e4, 1e3, 'k'],
];

/**
 * Figures from 1e-3 to 1e15 are scaled as they are. Beyond them the axis's three decimals show
 * nothing, or the arithmetic of a scale runs out of doubles (a step above 1.8e308 is Infinity, and
 * a search for a step that fits never ends), so the figures are first written as a × 10^exponent
 * and the scale is made for a.
 */
const ORDINARY_BELOW = 1e15;
const ORDINARY_FROM = 1e-3;
/** Steps tried before a plain scale is taken: a bound on the work for any figures. */
const MAX_TRIES = 400;

/** v × 10^k without overflow or underflow on the way (10^k alone is Infinity or 0 beyond ±308). */
function shift(v: number, k: number): number {
  if (k > 300) return v * 1e300 * 10 ** (k - 300);
  if (k < -300) return v * 1e-300 * 10 ** (k + 300);
  return v * 10 ** k;
}

/** The power of ten to write the figures with: 0 for ordinary figures. */
function exponentOf(values: readonly number[]): number {
  const top = Math.max(0, maxOf(values.map(Math.abs)));
  if (top === 0 || (top < ORDINARY_BELOW && top >= ORDINARY_FROM)) return 0;
  return Math.floor(Math.log10(top));
}

/** A round step of at least `raw`: 1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6 or 8 times a power of ten. */
function niceStep(raw: number): number {
  if (!(raw > 0) || !Number.isFinite(raw)) return 1;
  const p = 10 ** Math.floor(Math.log10(raw));
  const m = [1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10].find((x) => x * p >= raw - 1e-12 * p) ?? 10;
  return m * p;
}

interface Scale {
  readonly lo: number;
  readonly hi: number;
  readonly step: number;
  readonly intervals: number;
}

/**
 * A y scale with round row values, from `lo` to `hi` in `intervals` steps of `step` (at most
 * `rows` − 1). Of the round steps up to 2.5 times the finest that fits, the first that puts the
 * target exactly on a row (losing at most one row) is taken, so the target line reads at its value.
 */
function scaleOf(min: number, max: number, rows: number, goal: number | undefined, values: readonly number[] = []): Scale {
  const avail = Math.max(1, rows - 1);
  const fitting = (step: number): Scale | undefined => {
    const lo = Math.floor(min / step + 1e-9) * step;
    const hi = Math.ceil(max / step - 1e-9) * step;
    const intervals = Math.max(1, Math.round((hi - lo) / step));
    return intervals <= avail ? { lo, hi: lo + intervals * step, step, intervals } : undefined;
  };
  let step = niceStep((max - min) / avail);
  let first = fitting(step);
  for (let tries = 0; !first && tries < MAX_TRIES; tries++) {
    step = niceStep(step * 1.0001);
    first = fitting(step);
  }
  // Not reached for figures of an ordinary size (the caller brings them to one): a plain scale.
  first ??= { lo: min, hi: max, step: (max - min) / avail, intervals: avail };
  if (goal === undefined) return first;
  // A value that is not the target but lands on the target's row reads as on target: of the
  // scales that put the target on a row, the first where no such value does, else the first.
  const rowOf = (v: number, sc: Scale) => Math.round((v - sc.lo) / sc.step);
  const clear = (sc: Scale) => values.every((v) => Math.abs(v - goal) <= 1e-9 * Math.max(1, Math.abs(goal)) || rowOf(v, sc) !== rowOf(goal, sc));
  // A target on a row at the cost of at most one row; a target on a row clear of the values at
  // the cost of at most a third of them (never below three).
  const least = Math.min(3, first.intervals);
  let aligned: Scale | undefined;
  let tries = 0;
  for (let s = first.step; s <= first.step * 2.5 + 1e-9 && tries < MAX_TRIES; s = niceStep(s * 1.0001), tries++) {
    const k = goal / s;
    const scale = Math.abs(k - Math.round(k)) < 1e-6 ? fitting(s) : undefined;
    if (!scale) continue;
    if (clear(scale) && scale.intervals >= Math.max(least, Math.ceil((first.intervals * 2) / 3))) return scale;
    if (scale.intervals >= Math.max(least, first.intervals - 1)) aligned ??= scale;
  }
  return aligned ?? first;
}

/**
 * A scale for a flat line: the value on the middle row, a tenth of it (or 1) above and below; with
 * only two rows, the value on the lower one.
 */
function flatScale(v: number, rows: number): Scale {
  const half = Math.floor((rows - 1) / 2);
  const step = niceStep((Math.abs(v) > 0 ? Math.abs(v) * 0.1 : 1) / Math.max(1, half));
  if (half < 1) return { lo: v, hi: v + step, step, intervals: 1 };
  return { lo: v - half * step, hi: v + half * step, step, intervals: 2 * half };
}

/**
 * Labels for the y axis: one scale (k, m, bn) for all, the decimals of the step; figures written
 * as a × 10^exponent (see `exponentOf`) read `1.8e308`.
 */
function axisLabels(values: readonly number[], step: number, exponent: number, format?: (v: number) => string): string[] {
  if (format) return values.map((v) => format(shift(v, exponent)));
  if (exponent !== 0) {
    const d = Math.max(decimalsOfNumber(step, 3), maxOf(values.map((v) => decimalsOfNumber(v, 3))));
    return values.map((v) => (v === 0 ? '0' : `${formatNumber(v, d)}e${exponent}`));
  }
  const top = maxOf(values.map(Math.abs));
  const [, div, suffix] = SCALES.find(([from]) => top >= from) ?? [0, 1, ''];
  const d = Math.max(decimalsOfNumber(step / div, 3), maxOf(values.map((v) => decimalsOfNumber(v / div, 3))));
  return values.map((v) => `${formatNumber(v / div, d).replace(/\.0+$/, '')}${suffix}`);
}

/** Where each period starts on the x axis (the last entry is the end of the plot). */
function spans(n: number, cols: number): number[] {
  return Array.from({ length: n + 1 }, (_, i) => Math.floor((i * cols) / n));
}

/**
 * One series plotted alone on the scale: rows of single-character cells, [axis, ...cells]. Values
 * go to asciichart in row units (0 at `lo`, one per step), so rounding to rows is exact.
 */
function plotCells(series: readonly number[], scale: Scale, symbols: Symbols): string[][] {
  const text = asciichart.plot([series.map((v) => (v - scale.lo) / scale.step)], {
    min: 0,
    max: scale.intervals,
    height: scale.intervals,
    offset: 2,
    symbols,
    // A one-character label is overwritten by the axis: each row is ' ' + axis + cells.
    format: () => ' ',
  });
  return text.split('\n').map((row) => [...row].slice(1));
}

/** A figure for the legend: as it is when ordinary, else `1.5e-300`. */
function figureText(v: number): string {
  const exponent = exponentOf([v]);
  if (exponent === 0) return formatNumber(v, decimalsOfNumber(v, 2));
  const a = shift(v, -exponent);
  return `${formatNumber(a, decimalsOfNumber(a, 3))}e${exponent}`;
}

function legend(current: { value?: number; target?: number }, opts: ChartOptions, style: Style, width: number): Line {
  const show = (v: number) => opts.format?.(v) ?? figureText(v);
  const value = opts.valueLabel ?? (current.value === undefined ? undefined : show(current.value));
  const label = opts.targetLabel ?? (current.target === undefined ? undefined : show(current.target));
  // The latest value and the target as numbers: a value on the target's row still reads.
  const out: Segment[] = [seg(style.value.repeat(2), 'chart.value'), seg(value === undefined ? ' value' : ` value ${value}`)];
  if (current.target !== undefined) out.push(seg('  '), seg(style.target.repeat(2), 'chart.target'), seg(` target ${label ?? ''}`.trimEnd()));
  else if (label !== undefined) out.push(seg(`  target ${label} (not drawn)`, 'text.muted'));
  else out.push(seg('  no target', 'text.muted'));
  return clipLine(out, width, opts.glyphs.ellipsis);
}

/**
 * The chart as styled lines (at most `opts.height`, each at most `opts.width` wide): the plot,
 * one line of period labels and the legend. Each period gets an equal span of columns (its value
 * repeated across it); a null value leaves a gap; a single figure is one point. The target is
 * drawn per period (a point's own `target`, else `target`), so it steps where the target changes.
 * Target-only cells are drawn dashed with the token `chart.target`, value cells with `chart.value`.
 */
export function trendChart(points: readonly ChartPoint[], target: number | undefined, opts: ChartOptions): Line[] {
  const style = opts.glyphs.ascii ? ASCII_STYLE : UNICODE_STYLE;
  const width = Math.max(1, opts.width);
  const finite = (v: number | null | undefined): v is number => v !== null && v !== undefined && Number.isFinite(v);
  const known = points.flatMap((p) => (finite(p.value) ? [p.value] : []));
  const one = finite(target) ? target : undefined;
  const targetOf = (p: ChartPoint | undefined): number | undefined => (p === undefined ? undefined : p.target !== undefined ? (finite(p.target) ? p.target : undefined) : one);
  const goals = points.flatMap((p) => {
    const t = targetOf(p);
    return t === undefined ? [] : [t];
  });
  if (points.length === 0 || (known.length === 0 && goals.length === 0)) {
    return [clipLine([seg('No figures to chart', 'text.muted')], width, opts.glyphs.ellipsis)];
  }
  const currentPoint = points.find((p) => p.current) ?? points[points.length - 1];
  const currentTarget = targetOf(currentPoint);
  const current = { ...(finite(currentPoint?.value) ? { value: currentPoint.value } : {}), ...(currentTarget !== undefined ? { target: currentTarget } : {}) };
  const plotRows = Math.max(2, opts.height - 2);
  // Extreme figures are charted as a × 10^exponent; ordinary ones as they are.
  const exponent = exponentOf([...known, ...goals]);
  const scaled = (v: number) => shift(v, -exponent);
  const all = [...known, ...goals].map(scaled);
  const min = minOf(all);
  const max = maxOf(all);
  const goalScaled = current.target === undefined ? undefined : scaled(current.target);

  const scale = max - min < 1e-9 ? flatScale(max, plotRows) : scaleOf(min, max, plotRows, goalScaled, known.map(scaled));
  const { hi, lo, step, intervals } = scale;
  const rowValues = Array.from({ length: intervals + 1 }, (_, r) => hi - r * step);
  const yLabels = axisLabels(rowValues, step, exponent, opts.format);
  const labelW = maxOf(yLabels.map(textWidth));
  const prefixW = labelW + 2;
  const cols = Math.max(1, width - prefixW);

  // At most one column per period: keep the latest periods when there are more.
  const shown = points.length > cols ? points.slice(points.length - cols) : points;
  const n = shown.length;
  const starts = spans(n, cols);
  const periodOf: number[] = [];
  for (let i = 0; i < n; i++) for (let x = starts[i] ?? 0; x < (starts[i + 1] ?? 0); x++) periodOf.push(i);
  // One more point than columns, so the last column is drawn too (a cell joins point x to x + 1).
  const stretched: (number | null)[] = periodOf.map((i) => {
    const v = shown[i]?.value;
    // A figure that is not a number (never in the data: the result of an overflow) is a gap.
    return finite(v) ? v : null;
  });
  stretched.push(stretched[stretched.length - 1] ?? null);

  let valueCells: string[][] | undefined;
  const withFigure = shown.flatMap((p, i) => (finite(p.value) ? [{ i, value: p.value }] : []));
  const only = withFigure.length === 1 ? withFigure[0] : undefined;
  if (only) {
    // One figure: a point in the middle of its period's span, not a line across it.
    const { i, value } = only;
    const x = Math.floor(((starts[i] ?? 0) + (starts[i + 1] ?? 1) - 1) / 2);
    const row = intervals - Math.round((scaled(value) - lo) / step);
    valueCells = Array.from({ length: intervals + 1 }, (_, r) => Array.from({ length: cols + 1 }, (_, c) => (r === row && c === x + 1 ? style.point : ' ')));
  } else if (withFigure.length > 1) {
    // Gaps: carry the last figure forward (the first one back), then blank the gap's columns.
    const first = stretched.find((v) => v !== null) ?? 0;
    let last = first;
    const filled = stretched.map((v) => scaled(v === null ? last : (last = v)));
    valueCells = plotCells(filled, scale, style.symbols);
    for (const row of valueCells) for (let x = 0; x < cols; x++) if (stretched[x] === null) row[x + 1] = ' ';
  }
  // The target: each column on its period's target row (a step where the target changes).
  let targetCells: string[][] | undefined;
  if (goals.length > 0) {
    targetCells = Array.from({ length: intervals + 1 }, () => new Array<string>(cols + 1).fill(' '));
    for (let x = 0; x < cols; x++) {
      const t = targetOf(shown[periodOf[x] ?? 0]);
      if (t === undefined) continue;
      const row = intervals - Math.round((scaled(t) - lo) / step);
      const cells = targetCells[row];
      if (cells) cells[x + 1] = style.target;
    }
  }
  const rowCount = Math.max(valueCells?.length ?? 0, targetCells?.length ?? 0);

  const lines: Line[] = [];
  for (let r = 0; r < rowCount; r++) {
    const v = valueCells?.[r];
    const t = targetCells?.[r];
    const out: Segment[] = [seg(`${fit(yLabels[r] ?? '', labelW, 'right')} `, 'text.muted'), seg(style.symbols[1], 'text.muted')];
    let run = '';
    let runToken: Segment['token'];
    const flush = () => {
      if (run !== '') out.push(seg(run, runToken));
      run = '';
    };
    for (let x = 1; x <= cols; x++) {
      const vc = v?.[x] ?? ' ';
      const tc = t?.[x] ?? ' ';
      const [ch, token]: [string, Segment['token']] = vc !== ' ' ? [vc, 'chart.value'] : tc !== ' ' ? [style.target, 'chart.target'] : [' ', undefined];
      if (token !== runToken) flush();
      runToken = token;
      run += ch;
    }
    flush();
    lines.push(clipLine(out, width, opts.glyphs.ellipsis));
  }

  // Period labels: the full label if every one fits its span, else the short form, every k-th.
  const minSpan = minOf(shown.map((_, i) => (starts[i + 1] ?? 0) - (starts[i] ?? 0)));
  const fullW = maxOf(shown.map((p) => textWidth(p.label)));
  const useFull = minSpan >= fullW + 1;
  const texts = shown.map((p) => (useFull ? p.label : shortPeriodLabel(p.label)));
  const labelWidth = maxOf(texts.map(textWidth));
  const stride = Math.max(1, Math.ceil((labelWidth + 1) / Math.max(1, minSpan)));
  const axis: Segment[] = [seg(' '.repeat(prefixW))];
  let at = 0;
  for (let i = 0; i < n; i++) {
    if ((n - 1 - i) % stride !== 0) continue;
    const full = texts[i] ?? '';
    // The last label may move left to fit, as long as it keeps clear of the one before.
    const start = i + stride < n ? (starts[i] ?? 0) : Math.max(at === 0 ? 0 : at + 1, Math.min(starts[i] ?? 0, cols - textWidth(full)));
    const room = i + stride < n ? (starts[i + stride] ?? cols) - start - 1 : cols - start;
    const text = truncate(full, Math.max(1, room), opts.glyphs.ellipsis);
    if (start > at) axis.push(seg(' '.repeat(start - at)));
    axis.push(seg(text, shown[i]?.current ? 'focus' : 'text.muted'));
    at = start + textWidth(text);
  }
  lines.push(clipLine(axis, width, opts.glyphs.ellipsis));
  lines.push(legend(current, opts, style, width));
  return lines;
}

// The KPI detail screen: one KPI in one period, as a scrollable document. The header (priority,
// directorate, frequency, the RAG that counts and, for a composite, the rollup and each metric's
// RAG); per metric the value, target, reported and computed RAG and the rule behind it, direction
// of travel, benchmarks, numerator and denominator, flags and note, and a trend chart over the
// periods; then the period's commentary. The cursor is the scroll offset.

import type { KpiEval, MetricEval, Travel } from '../domain/evaluate.js';
import { decimalsOfNumber, formatNumber, formatValue } from '../domain/format.js';
import { formatPeriod } from '../domain/period.js';
import { describeTarget } from '../domain/rag.js';
import { isYearly, type Commentary, type Good, type Kpi, type Metric, type Rag } from '../domain/types.js';
import { trendChart, type ChartPoint } from './chart.js';
import { RAG_WORDS, type Glyphs } from './glyphs.js';
import { modelMemo } from './memo.js';
import { periodAt, type Model } from './model.js';
import { decidesNote, kpiFigure, type MetricFigure } from './figure.js';
import type { ScreenParams, ScreenView } from './screen.js';
import { clipLine, fit, ragTokenOf, seg, textWidth, truncate, type Line, type Segment, type Token } from './styled.js';
import { pushAll } from '../domain/arrays.js';

/** Columns of the field labels ("Benchmarks  "). */
const LABEL_W = 13;
const TITLE_W = 32;

const GOOD_WORDS: Readonly<Record<Good, string>> = { high: 'high', low: 'low', target: 'on target (neither higher nor lower)' };
const MOVE_WORDS: Readonly<Record<Travel['move'], string>> = { up: 'up', down: 'down', level: 'level' };

function ragSegs(rag: Rag, g: Glyphs): Segment[] {
  return [seg(`${g.rag[rag]} ${RAG_WORDS[rag]}`, ragTokenOf(rag))];
}

/** Wraps a styled line at spaces, keeping each word's token. */
export function wrapLine(line: Line, width: number, ellipsis = '…'): Line[] {
  const w = Math.max(1, width);
  const words: Segment[] = [];
  for (const s of line) {
    for (const part of s.text.split(/(\s+)/)) if (part !== '') words.push({ ...s, text: part });
  }
  const out: Segment[][] = [];
  let cur: Segment[] = [];
  let used = 0;
  for (const word of words) {
    const ww = textWidth(word.text);
    const space = /^\s+$/.test(word.text);
    if (used + ww <= w) {
      if (!(space && used === 0)) {
        cur.push(word);
        used += ww;
      }
      continue;
    }
    if (space) {
      out.push(cur);
      cur = [];
      used = 0;
      continue;
    }
    if (used > 0) out.push(cur);
    cur = [ww > w ? { ...word, text: truncate(word.text, w, ellipsis) } : word];
    used = Math.min(ww, w);
  }
  out.push(cur);
  // Trailing spaces are invisible; drop them so lines measure what they show.
  return out.map((l) => {
    const copy = [...l];
    while (copy.length > 0 && /^\s+$/.test(copy[copy.length - 1]?.text ?? '')) copy.pop();
    return copy;
  });
}

/** A labelled field: the label in its column, the value wrapped under itself. */
function field(label: string, value: Line, width: number, ellipsis: string): Line[] {
  const labelW = width >= 40 ? LABEL_W : 0;
  if (labelW === 0) return [[seg(label, 'text.muted')], ...wrapLine(value, width, ellipsis)];
  const rows = wrapLine(value, width - labelW, ellipsis);
  return rows.map((r, i) => [seg(i === 0 ? label.padEnd(labelW) : ' '.repeat(labelW), 'text.muted'), ...r]);
}

function text(s: string, token?: Token): Line {
  return [seg(s, token)];
}

function heading(s: string, width: number, ellipsis: string): Line[] {
  return wrapLine(text(s, 'text.heading'), width, ellipsis);
}

function valueOf(metric: Metric, v: number, decimals?: number): string {
  return formatValue(metric, v, decimals ?? decimalsOfNumber(v, 2));
}

function travelLine(mf: MetricFigure, g: Glyphs): Line {
  const t = mf.travel;
  if (!t) return text('no earlier comparable figure', 'text.muted');
  const me = mf.me;
  const dir: Segment[] =
    t.direction === undefined
      ? [seg(MOVE_WORDS[t.move])]
      : [seg(`${g.direction[t.direction]} ${t.direction}`, t.direction === 'same' ? undefined : t.direction), seg(t.direction === 'same' ? '' : ` (${MOVE_WORDS[t.move]})`)];
  return [...dir, seg(`: ${mf.travelFrom ?? ''} to ${me.obs?.value == null ? mf.valueText : formatValue(me.metric, me.obs.value, me.obs.decimals)}, against ${formatPeriod(t.against)} (${t.comparison})`)];
}

function ragPair(me: MetricEval, g: Glyphs): Line {
  const out: Segment[] = [seg('reported '), ...(me.reported ? ragSegs(me.reported, g) : [seg('none', 'text.muted')]), seg(` ${g.dot} computed `), ...ragSegs(me.computed, g)];
  if (me.mismatch) out.push(seg(` ${g.dot} `), seg('MISMATCH', 'warning'));
  return out;
}

function metricFields(mf: MetricFigure, model: Model, width: number): Line[] {
  const g = model.glyphs;
  const { me, metric } = mf;
  const { obs } = me;
  const period = formatPeriod(me.period);
  const lines: Line[] = [];
  const add = (label: string, value: Line) => lines.push(...field(label, value, width, g.ellipsis));

  if (obs === undefined) add('Value', text(`none: no figure reported for ${period}`, 'text.muted'));
  else if (mf.value === undefined) add('Value', text('none: no value given', 'text.muted'));
  else {
    const value: Segment[] = [seg(mf.valueText, ragTokenOf(me.computed))];
    if (mf.yearToDate) value.push(seg(' year to date'));
    if (mf.ownText !== undefined) value.push(seg(` (${period} alone: ${mf.ownText})`, 'text.muted'));
    add('Value', value);
  }
  add('Target', text(mf.target.full || 'none (a context indicator)'));
  add('Good is', text(GOOD_WORDS[metric.good]));
  if (obs !== undefined) {
    add('As of', [...(mf.asOf !== undefined ? text(mf.asOf) : [seg(period), seg(' (the period)', 'text.muted')]), ...(mf.stale ? [seg(' · '), seg('stale', 'warning')] : [])]);
    add('RAG', ragPair(me, g));
    add('Why', text(mf.rule));
    add('Travel', travelLine(mf, g));
    const benchmarks = Object.entries(obs.benchmarks);
    if (benchmarks.length > 0) add('Benchmarks', text(benchmarks.map(([name, v]) => `${name}: ${valueOf(metric, v)}`).join(' · ')));
    if (obs.numerator || obs.denominator) {
      const num = obs.numerator ? formatNumber(obs.numerator.value, obs.numerator.decimals) : '?';
      const den = obs.denominator ? formatNumber(obs.denominator.value, obs.denominator.decimals) : '?';
      const percent = obs.numerator && obs.denominator && obs.denominator.value !== 0 && metric.unit === 'percent' ? (obs.numerator.value / obs.denominator.value) * 100 : undefined;
      // A ratio that overflows reads "overflow", with no unit.
      const ratio = percent === undefined ? '' : ` = ${formatNumber(percent, Math.max(2, obs.decimals))}${Number.isFinite(percent) ? '%' : ''}`;
      add('Num / denom', text(`${num} / ${den}${ratio}`));
    }
    if (mf.flags.length > 0) add('Flags', text(mf.flags.map((f) => f.replace(/_/g, ' ')).join(', '), 'warning'));
    if (obs.note) add('Note', text(obs.note));
  } else if (metric.reportedIn !== undefined) {
    add('Reported', text(`annually, in Q${metric.reportedIn}`, 'text.muted'));
  }
  if (metric.definition) add('Definition', text(metric.definition, 'text.muted'));
  // What `check` questions on this figure: its code and message (the Checks view, 6, lists them all).
  for (const f of mf.findings) add('Check', [seg(f.code, f.severity === 'error' ? 'error' : 'warning'), seg(`: ${f.message}`)]);
  return lines;
}

/** The periods the chart runs over: those with a figure for the KPI, those of its kind, the current one. */
export function chartPeriods(model: Model, kpi: Kpi, current: number): number[] {
  const wantYears = isYearly(kpi.frequency);
  return model.ev.periods.flatMap((pe, i) => {
    const isYear = pe.data.period.q === undefined;
    const hasFigure = kpi.metrics.some((m) => pe.data.observations.has(m.id));
    return i === current || hasFigure || isYear === wantYears ? [i] : [];
  });
}

/**
 * Where the target line is drawn for a figure: at the target that rated it (a band's bound on the
 * side that counts); none for a band rated on target, a year-on-year change, or no target.
 */
export function targetLine(me: MetricEval | undefined): number | undefined {
  const t = me?.target;
  if (t === undefined || me?.targetSource === 'change') return undefined;
  if (t.kind === 'value') return t.value;
  return me?.metric.good === 'high' ? t.min : me?.metric.good === 'low' ? t.max : undefined;
}

/** The chart's points for a metric: each period's figure and the target that rated it. */
export function chartPoints(model: Model, kpi: Kpi, metric: Metric, current: number): ChartPoint[] {
  return chartPeriods(model, kpi, current).map((i) => {
    const me = model.ev.periods[i]?.metrics.get(metric.id);
    return { label: model.periodLabels[i] ?? '', value: me?.rated ?? null, target: targetLine(me) ?? null, ...(i === current ? { current: true } : {}) };
  });
}

/** The legend's words for the current period's figure: its value and the target that rated it. */
export function chartLabels(mf: MetricFigure | undefined): { valueLabel?: string; targetLabel?: string } {
  if (!mf) return {};
  const t = mf.target;
  const line = t.value?.kind === 'band' ? targetLine(mf.me) : undefined;
  const band = line !== undefined ? `, line at ${describeTarget(mf.metric, { kind: 'value', value: line })}` : '';
  return { ...(mf.value !== undefined ? { valueLabel: mf.valueText } : {}), ...(t.text !== '' ? { targetLabel: `${t.text}${band}` } : {}) };
}

/** Lines for the whole chart in the detail: at most a third of the screen (the commentary stays on the first screen), at least 6. */
export function chartHeight(height: number): number {
  return Math.max(6, Math.floor(height / 3));
}

function metricChart(model: Model, kpi: Kpi, mf: MetricFigure, current: number, width: number, height: number): Line[] {
  return trendChart(chartPoints(model, kpi, mf.metric, current), undefined, { width, height: chartHeight(height), glyphs: model.glyphs, ...chartLabels(mf) });
}

function commentaryLines(c: Commentary, width: number, g: Glyphs): Line[] {
  const bullet = `${g.bullet} `;
  const lines: Line[] = [];
  const para = (s: string) => pushAll(lines, wrapLine(text(s), width, g.ellipsis));
  if (c.text) for (const p of c.text.split(/\n\s*\n/)) para(p.replace(/\s+/g, ' ').trim());
  if (c.summary) {
    lines.push(text('Summary', 'text.title'));
    para(c.summary);
  }
  const list = (title: string, items: readonly string[]) => {
    if (items.length === 0) return;
    lines.push(text(title, 'text.title'));
    for (const item of items) {
      const rows = wrapLine(text(item), width - bullet.length, g.ellipsis);
      rows.forEach((r, i) => lines.push([seg(i === 0 ? bullet : ' '.repeat(bullet.length)), ...r]));
    }
  };
  list('Issues', c.issues);
  list('Causes', c.causes);
  list('Actions', c.actions);
  return lines;
}

function headerLines(model: Model, ke: KpiEval, period: number, width: number): Line[] {
  const g = model.glyphs;
  const { kpi } = ke;
  const pe = periodAt(model, period);
  const priority = model.kpis.get(kpi.id)?.priority;
  const lines: Line[] = [...wrapLine(text(kpi.title, 'text.title'), width, g.ellipsis)];
  const add = (label: string, value: Line) => lines.push(...field(label, value, width, g.ellipsis));
  if (kpi.description) pushAll(lines, wrapLine(text(kpi.description, 'text.muted'), width, g.ellipsis));
  add('Priority', text(priority?.title ?? kpi.priorityId));
  if (kpi.directorate) add('Directorate', text(kpi.directorate));
  const reportedIn = kpi.metrics.length === 1 && kpi.metrics[0]?.reportedIn !== undefined ? ` (reported in Q${kpi.metrics[0].reportedIn})` : '';
  add('Frequency', text(`${kpi.frequency.replace('_', ' ')}${reportedIn}`));
  const period0 = model.periodLabels[period] ?? '';
  if (!ke.hasData) {
    add('RAG', [...ragSegs(ke.counted, g), seg(`  nothing reported for ${period0}`, 'text.muted')]);
    return lines;
  }
  if (!kpi.composite) {
    const m = ke.metrics[0];
    const how = m?.reported !== undefined ? 'as reported' : 'computed: none reported';
    add('RAG', [...ragSegs(ke.counted, g), seg(`  (${how})`, 'text.muted')]);
    return lines;
  }
  add('RAG', [...ragSegs(ke.counted, g), seg(ke.reported !== undefined ? '  (as reported for the KPI)' : '  (the rollup: no overall RAG reported)', 'text.muted')]);
  const n = ke.metrics.length;
  const rollup = [seg(`${kpi.rollup} of ${n} metric${n === 1 ? '' : 's'} → `), ...ragSegs(ke.computed, g)];
  if (ke.reported !== undefined && ke.reported !== ke.computed && ke.computed !== 'unrated') rollup.push(seg(' · '), seg('differs from the reported RAG', 'warning'));
  add('Rollup', rollup);
  // Each metric's RAG, its title wrapped under itself.
  const labelW = width >= 40 ? LABEL_W : 0;
  const ragW = 11;
  const deciding = kpiFigure(model, period, kpi.id)?.deciding?.me;
  for (const me of ke.metrics) {
    const rows = wrapLine(text(`${me.metric.title}${n > 1 && me === deciding ? ' (decides)' : ''}`), Math.max(10, width - labelW - ragW), g.ellipsis);
    const rag = seg(fit(`${g.rag[me.counted]} ${RAG_WORDS[me.counted]}`, ragW), ragTokenOf(me.counted));
    rows.forEach((r, i) => lines.push([seg(' '.repeat(labelW)), i === 0 ? rag : seg(' '.repeat(ragW)), ...r]));
  }
  const report = pe.data.kpiReports.get(kpi.id);
  if (report) {
    const value: Segment[] = report.rag ? ragSegs(report.rag, g) : [seg('no RAG', 'text.muted')];
    if (report.note) value.push(seg(`: ${report.note}`));
    add('Reported', value);
  }
  return lines;
}

/** The whole document, before windowing. */
export function kpiDetailLines(model: Model, id: string, period: number, width: number, height: number): Line[] {
  const g = model.glyphs;
  const pe = periodAt(model, period);
  const ke = pe.kpis.get(id);
  const entry = model.kpis.get(id);
  const kf = kpiFigure(model, period, id);
  if (!ke || !entry || !kf) return [text(`No KPI '${id}' in the catalogue`, 'warning')];
  const { kpi } = ke;
  const periodLabel = model.periodLabels[period] ?? formatPeriod(pe.data.period);
  const lines: Line[] = headerLines(model, ke, period, width);

  if (kf.findings.length > 0) {
    const n = kf.findings.length;
    lines.push(text(`${n} finding${n === 1 ? '' : 's'} of check on this KPI (c: in the Checks view)`, kf.findings.some((f) => f.marks) ? 'warning' : 'text.muted'));
  }
  for (const [i, mf] of kf.metrics.entries()) {
    const me = mf.me;
    lines.push([]);
    const note = decidesNote(kf, mf);
    if (kpi.composite) lines.push(...heading(`${i + 1}/${ke.metrics.length} ${me.metric.title}${note !== undefined ? ` (${note})` : ''}`, width, g.ellipsis));
    else lines.push(...heading(`Figures for ${periodLabel}`, width, g.ellipsis));
    lines.push(...metricFields(mf, model, width));
    lines.push([]);
    lines.push(text('Trend', 'text.title'));
    lines.push(...metricChart(model, kpi, mf, period, width, height));
  }

  lines.push([]);
  lines.push(...heading(`Commentary for ${periodLabel}`, width, g.ellipsis));
  const composite = kpi.composite;
  const keyed = [...new Set([kpi.id, ...kpi.metrics.map((m) => m.id)])].flatMap((key) => {
    const c = pe.data.commentary.get(key);
    return c ? [{ key, c }] : [];
  });
  if (keyed.length === 0) lines.push(text(`No commentary for ${periodLabel}`, 'text.muted'));
  for (const { key, c } of keyed) {
    const metric = kpi.metrics.find((m) => m.id === key);
    if (composite && metric) lines.push(...wrapLine(text(`On ${metric.title}`, 'text.muted'), width, g.ellipsis));
    pushAll(lines, commentaryLines(c, width, g));
  }
  return lines.map((l) => clipLine(l, width, g.ellipsis));
}

/** How far the document scrolls: one step per line beyond the window. */
export function scrollSize(total: number, height: number): number {
  return Math.max(1, total - Math.max(1, height) + 1);
}

/**
 * The window of a scrollable document at scroll offset `p.cursor`, `p.height` lines tall, with
 * "▲ n more lines above" / "▼ n more lines below" markers over its first and last rows when there is
 * more (the rows they cover count); `size` is how far it scrolls. The register entry screen uses it too.
 */
export function scrollDocument(all: readonly Line[], p: ScreenParams, g: Glyphs): { lines: Line[]; size: number } {
  const height = Math.max(1, p.height);
  const size = scrollSize(all.length, height);
  const offset = Math.max(0, Math.min(p.cursor, size - 1));
  const shown: Line[] = all.slice(offset, offset + height);
  // Markers over the first and last rows when there is more above or below (the rows they cover count).
  if (height >= 3 && all.length > height) {
    const above = offset + 1;
    const below = all.length - (offset + height - 1);
    if (offset > 0) shown[0] = clipLine([seg(`${g.direction.better} ${above} more line${above === 1 ? '' : 's'} above · k/PgUp/g`, 'text.muted')], p.width, g.ellipsis);
    if (offset + height < all.length) shown[shown.length - 1] = clipLine([seg(`${g.direction.worse} ${below} more line${below === 1 ? '' : 's'} below · j/PgDn/G`, 'text.muted')], p.width, g.ellipsis);
  }
  return { lines: shown, size };
}

const documents = modelMemo<readonly Line[]>(8);

export function kpiDetailScreen(model: Model, id: string, p: ScreenParams): ScreenView {
  const g = model.glyphs;
  const title = truncate(model.kpis.get(id)?.kpi.title ?? id, TITLE_W, g.ellipsis);
  const height = Math.max(1, p.height);
  // The document is laid out once per (KPI, period, size); scrolling only windows it.
  const all = documents.get(model, [p.period, p.width, height, id], () => kpiDetailLines(model, id, p.period, p.width, height));
  const { lines, size } = scrollDocument(all, p, g);
  return { title, lines, size, targets: [], sortColumns: 0 };
}

// The register entry screen (`risk`): one entry in full, its assessments in words, what moved
// since the previous register, and its score history.

import { describeAssessment, placeAssessment } from '../domain/risk.js';
import type { Assessment, RegisterEntry, RegisterKind } from '../domain/types.js';
import { trendChart, type ChartPoint } from './chart.js';
import type { Glyphs } from './glyphs.js';
import { chartHeight, scrollDocument, wrapLine } from './kpi-detail.js';
import { modelMemo } from './memo.js';
import type { Model } from './model.js';
import { bandLabel, type EntryView } from './register.js';
import type { ScreenParams, ScreenView } from './screen.js';
import { clipLine, seg, truncate, type Line, type Segment, type Token } from './styled.js';
import { goodNews, marksOf, movementText, movementToken, previousLabel, registerRows } from './register-screen.js';
import { plural } from '../domain/format.js';
import { maxOf, minOf, pushAll } from '../domain/arrays.js';

// ---------------------------------------------------------------------------------------------
// The register entry screen: one entry in the period's register, as a scrollable document.

/** The most rows the score history's plot takes. */
const CHART_ROWS = 8;
/** Columns of the field labels ("Direction  "). */
const LABEL_W = 11;
const TITLE_W = 32;

function text(s: string, token?: Token): Line {
  return [seg(s, token)];
}

function field(label: string, value: Line, width: number, ellipsis: string): Line[] {
  const labelW = width >= 40 ? LABEL_W : 0;
  if (labelW === 0) return [[seg(label, 'text.muted')], ...wrapLine(value, width, ellipsis)];
  return wrapLine(value, width - labelW, ellipsis).map((r, i) => [seg(i === 0 ? label.padEnd(labelW) : ' '.repeat(labelW), 'text.muted'), ...r]);
}

function bullets(items: readonly string[], width: number, g: Glyphs): Line[] {
  const mark = `${marksOf(g).bullet} `;
  return items.flatMap((item) => wrapLine(text(item), width - mark.length, g.ellipsis).map((r, i) => [seg(i === 0 ? mark : ' '.repeat(mark.length), 'text.muted'), ...r]));
}

/** "(score only: 4×5 or 5×4)" for a score given without impact and likelihood. */
function scoreOnlyNote(a: Assessment, times: string): string {
  if (a.impact !== undefined && a.likelihood !== undefined) return '';
  const placed = placeAssessment(a);
  if (placed.placed) return ` (score only: ${placed.cell.impact}${times}${placed.cell.likelihood})`;
  const options = placed.candidates.map((c) => `${c.impact}${times}${c.likelihood}`).join(' or ');
  return options ? ` (score only: ${options})` : ' (score only)';
}

/** "16 Major/Likely High", "20 (score only: 4×5 or 5×4) Critical", "9 Moderate/Possible Medium by 2021-03-31". */
export function assessmentSegments(model: Model, a: Assessment | undefined, kind: RegisterKind): Segment[] {
  if (!a) return [seg('not published', 'text.muted')];
  const band = bandLabel(model, a.score);
  const note = scoreOnlyNote(a, marksOf(model.glyphs).times);
  return [
    seg(describeAssessment(a, kind)),
    ...(note ? [seg(note, 'text.muted')] : []),
    ...(band ? [seg(' '), seg(band.word, band.token)] : [seg(' (outside every band)', 'text.muted')]),
    ...(a.by ? [seg(` by ${a.by}`)] : []),
  ];
}

function assessmentWords(a: Assessment | undefined, kind: RegisterKind): string {
  return a ? `${describeAssessment(a, kind)}${a.by ? ` by ${a.by}` : ''}` : 'none';
}

function movementSegments(model: Model, v: EntryView, prev: string | undefined): Segment[] {
  const g = model.glyphs;
  const k = marksOf(g);
  const kind = v.entry.kind;
  if (v.movement === 'new') return [seg(prev ? `new this period (not in the ${prev} register)` : 'new (as its direction of travel says)')];
  if (v.movement === 'unknown') return [seg('not known: no earlier register is loaded', 'text.muted')];
  const a = v.before?.residual?.score;
  const b = v.entry.residual?.score;
  const token = movementToken(v.movement, kind);
  const good = goodNews(v.movement, kind);
  const since = prev ? ` since ${prev}` : '';
  if (a === undefined || b === undefined) return [seg(`${movementText(v.movement, kind, g)}: no residual score to compare${since}`, 'text.muted')];
  const word = v.movement === 'level' ? 'level' : `${v.movement} (${good ? 'better' : 'worse'})`;
  return [seg(`residual ${a} ${k.to} ${b}, `), seg(word, token), seg(since)];
}

/** What changed in an entry since the previous register: scores, owner, texts, items added or removed. */
export function entryChanges(before: RegisterEntry, now: RegisterEntry, actionWord: string, to = '→'): string[] {
  const out: string[] = [];
  const kind = now.kind;
  if (before.title !== now.title) out.push(`Title: ${before.title} ${to} ${now.title}`);
  if (before.kind !== now.kind) out.push(`Kind: ${before.kind} ${to} ${now.kind}`);
  for (const [label, a, b] of [
    ['Inherent', before.inherent, now.inherent],
    ['Residual', before.residual, now.residual],
    ['Target', before.target, now.target],
  ] as const) {
    const x = assessmentWords(a, before.kind);
    const y = assessmentWords(b, kind);
    if (x !== y) out.push(`${label}: ${x} ${to} ${y}`);
  }
  for (const [label, a, b] of [
    ['Type', before.type, now.type],
    ['Owner', before.owner, now.owner],
  ] as const) {
    if ((a ?? '') !== (b ?? '')) out.push(`${label}: ${a ?? 'none'} ${to} ${b ?? 'none'}`);
  }
  if ((before.description ?? '') !== (now.description ?? '')) out.push('Description reworded');
  if ((before.direction ?? '') !== (now.direction ?? '')) out.push('Direction of travel updated');
  const diff = (label: string, a: readonly string[], b: readonly string[]) => {
    const was = new Set(a);
    const is = new Set(b);
    for (const x of b) if (!was.has(x)) out.push(`New ${label}: ${x}`);
    for (const x of a) if (!is.has(x)) out.push(`${label.charAt(0).toUpperCase()}${label.slice(1)} removed: ${x}`);
  };
  diff('consequence', before.consequences, now.consequences);
  diff('control', before.controls, now.controls);
  diff(actionWord, before.actions, now.actions);
  return out;
}

function historyLines(model: Model, v: EntryView, period: number, width: number, height: number): Line[] {
  const g = model.glyphs;
  const hist = v.history;
  if (hist.length <= 1) {
    return wrapLine(text(`No history yet: the ${model.periodLabels[period] ?? ''} register is the only one loaded up to this period.`, 'text.muted'), width, g.ellipsis);
  }
  const points: ChartPoint[] = hist.map((h, i) => ({ label: h.period, value: h.residual ?? null, ...(i === hist.length - 1 ? { current: true } : {}) }));
  const target = v.entry.target;
  const band = target ? bandLabel(model, target.score) : undefined;
  const targetLabel = target ? `${target.score}${band ? ` ${band.word}` : ''}${target.by ? ` by ${target.by}` : ''}` : undefined;
  // A small chart: a row per score where the range allows (whole-number steps), at most CHART_ROWS.
  const scores = [...hist.flatMap((h) => (h.residual === undefined ? [] : [h.residual])), ...(target ? [target.score] : [])];
  const range = scores.length > 0 ? maxOf(scores) - minOf(scores) : 0;
  const plotRows = Math.max(3, Math.min(CHART_ROWS, range + 1, chartHeight(height) - 2));
  // Scores are whole numbers: only whole-number rows are labelled.
  const format = (x: number) => (Math.abs(x - Math.round(x)) < 1e-6 ? String(Math.round(x)) : '');
  const chart = trendChart(points, target?.score, { width, height: plotRows + 2, glyphs: g, format, ...(targetLabel ? { targetLabel } : {}) });
  const k = marksOf(g);
  const list = hist.map((h) => `${h.period} ${h.residual ?? 'absent'}`).join(` ${k.dot} `);
  return [...chart, ...wrapLine(text(`Residual by register: ${list}`, 'text.muted'), width, g.ellipsis)];
}

function entryTitleOf(model: Model, id: string): string | undefined {
  for (let i = model.ev.periods.length - 1; i >= 0; i--) {
    const e = model.ev.periods[i]?.data.register?.find((x) => x.id === id);
    if (e) return e.title;
  }
  return undefined;
}

function missingLines(model: Model, id: string, period: number, width: number): Line[] {
  const g = model.glyphs;
  const label = model.periodLabels[period] ?? '';
  const withEntry = model.ev.periods.flatMap((pe, i) => (pe.data.register?.some((e) => e.id === id) ? [model.periodLabels[i] ?? ''] : []));
  if (withEntry.length === 0) return wrapLine(text(`No register entry '${id}' in any loaded period.`, 'warning'), width, g.ellipsis);
  const why = model.ev.periods[period]?.data.register === undefined ? `There is no register in ${label}.` : `${id} is not in the ${label} register.`;
  return [
    ...wrapLine([seg(id, 'text.title'), seg(` ${entryTitleOf(model, id) ?? ''}`, 'text.title')], width, g.ellipsis),
    ...wrapLine(text(why, 'warning'), width, g.ellipsis),
    ...wrapLine(text(`${id} is in the register of ${withEntry.join(', ')} ([ ] change the period).`, 'text.muted'), width, g.ellipsis),
  ];
}

/** The whole document, before windowing. */
export function entryLines(model: Model, id: string, period: number, width: number, height: number): Line[] {
  const g = model.glyphs;
  const p = Math.max(0, Math.min(period, model.ev.periods.length - 1));
  const v = registerRows(model, p).find((r) => r.id === id)?.view;
  if (!v) return missingLines(model, id, p, width).map((l) => clipLine(l, width, g.ellipsis));
  const e = v.entry;
  const label = model.periodLabels[p] ?? '';
  const prev = previousLabel(model, p);
  const risk = e.kind === 'risk';
  const lines: Line[] = [...wrapLine([seg(`${e.id} ${e.title}`, 'text.title')], width, g.ellipsis)];
  const add = (name: string, value: Line) => lines.push(...field(name, value, width, g.ellipsis));
  const heading = (s: string) => lines.push([], ...wrapLine(text(s, 'text.heading'), width, g.ellipsis));

  add('Kind', text(risk ? 'Risk' : 'Opportunity'));
  if (e.type) add('Type', text(e.type));
  if (e.owner) add('Owner', text(e.owner));
  if (e.description) pushAll(lines, wrapLine(text(e.description.replace(/\s+/g, ' ').trim(), 'text.muted'), width, g.ellipsis));

  heading(`Assessment in the ${label} register`);
  add('Inherent', assessmentSegments(model, e.inherent, e.kind));
  add('Residual', assessmentSegments(model, e.residual, e.kind));
  add('Target', assessmentSegments(model, e.target, e.kind));
  const appetite = model.ev.dataset.catalogue.riskAppetite;
  if (!risk) add('Appetite', text('applies to risks only', 'text.muted'));
  else if (appetite === undefined) add('Appetite', text('no risk appetite is set in the catalogue', 'text.muted'));
  else if (v.aboveAppetite) add('Appetite', [seg(`${marksOf(g).above} above the appetite of ${appetite}`, 'warning')]);
  else add('Appetite', text(e.residual ? `within the appetite of ${appetite}` : `no residual score to compare with the appetite of ${appetite}`));
  add('Movement', movementSegments(model, v, prev));
  const band = e.residual ? bandLabel(model, e.residual.score) : undefined;
  if (band && v.periodsInBand > 0) add('In band', [seg(band.word, band.token), seg(` for ${plural(v.periodsInBand, 'register', 'registers')} running`)]);
  add('Direction', e.direction ? text(e.direction.replace(/\s+/g, ' ').trim()) : text('none published', 'text.muted'));

  const list = (title: string, items: readonly string[]) => {
    heading(title);
    lines.push(...(items.length === 0 ? [text('none published', 'text.muted')] : bullets(items, width, g)));
  };
  list('Consequences', e.consequences);
  list('Controls', e.controls);
  list(risk ? 'Mitigating actions' : 'Maximising actions', e.actions);

  heading('Residual score by register');
  lines.push(...historyLines(model, v, p, width, height));

  if (prev) {
    heading(`What moved since ${prev}`);
    if (!v.before) lines.push(text(`New this period: not in the ${prev} register.`));
    else {
      const changes = entryChanges(v.before, e, risk ? 'mitigating action' : 'maximising action', marksOf(g).to);
      lines.push(...(changes.length === 0 ? [text('Nothing changed.', 'text.muted')] : bullets(changes, width, g)));
    }
  }
  return lines.map((l) => clipLine(l, width, g.ellipsis));
}

const documents = modelMemo<readonly Line[]>(8);

/** Screen `risk`: one register entry (the cursor is the scroll offset). */
export function entryScreen(model: Model, id: string, p: ScreenParams): ScreenView {
  const g = model.glyphs;
  const title = truncate(`${id} ${entryTitleOf(model, id) ?? ''}`.trim(), TITLE_W, g.ellipsis);
  const height = Math.max(1, p.height);
  // The document is laid out once per (entry, period, size); scrolling only windows it.
  const all = documents.get(model, [p.period, p.width, height, id], () => entryLines(model, id, p.period, p.width, height));
  const { lines, size } = scrollDocument(all, { ...p, height }, g);
  return { title, lines, size, targets: [], sortColumns: 0 };
}

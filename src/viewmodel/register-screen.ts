// The register view (view 3) and the register entry screen. The view: one table of the period's
// risks and opportunities (risks first), each with its inherent, residual and target score (number
// and band word), the movement of the residual score since the previous register, a marker when a
// risk is above the appetite, and how many registers running it has stayed in its band. Filtered,
// sorted, windowed to the height. The entry screen: one entry as a scrollable document (the three
// assessments with their words, appetite, movement, the published direction of travel,
// consequences, controls and actions, the score history as a chart, what changed since the
// previous register). Every score reads through `bandLabel`, the one score → band mapping.

import { describeAssessment, placeAssessment, previousRegister, type Movement } from '../domain/risk.js';
import type { Assessment, RegisterEntry, RegisterKind } from '../domain/types.js';
import { trendChart, type ChartPoint } from './chart.js';
import { ASCII_GLYPHS, type Glyphs } from './glyphs.js';
import { chartHeight, scrollDocument, wrapLine } from './kpi-detail.js';
import { CELL_OVERHEAD } from './kpis-screen.js';
import type { Model } from './model.js';
import { bandLabel, periodsWithRegister, registerOf, type EntryView } from './register.js';
import type { ScreenParams, ScreenView, TableColumn, TableView, Target } from './screen.js';
import { clipLine, fit, lineWidth, seg, textWidth, truncate, visibleWindow, type Line, type Segment, type Token } from './styled.js';

// ---------------------------------------------------------------------------------------------
// Marks: Unicode, or ASCII with the ASCII glyph set.

interface Marks {
  readonly cursor: string;
  readonly up: string;
  readonly down: string;
  readonly level: string;
  readonly above: string;
  readonly more: { readonly up: string; readonly down: string };
  readonly dot: string;
  readonly to: string;
  readonly bullet: string;
  readonly times: string;
}

const UNICODE_MARKS: Marks = { cursor: '▸', up: '↑', down: '↓', level: '→', above: '▲', more: { up: '▲', down: '▼' }, dot: '·', to: '→', bullet: '•', times: '×' };
const ASCII_MARKS: Marks = { cursor: '>', up: '^', down: 'v', level: '->', above: '^', more: { up: '^', down: 'v' }, dot: '-', to: '->', bullet: '-', times: 'x' };

function isAscii(g: Glyphs): boolean {
  // eslint-disable-next-line no-control-regex
  return g === ASCII_GLYPHS || /^[\x00-\x7f]*$/.test(g.bar + g.spark + Object.values(g.rag).join(''));
}

export function marksOf(g: Glyphs): Marks {
  return isAscii(g) ? ASCII_MARKS : UNICODE_MARKS;
}

/** "↑ worse", "↓ better", "→ level", "new": for a risk up is worse, for an opportunity up is better. */
export function movementText(m: Movement, kind: RegisterKind, g: Glyphs): string {
  const k = marksOf(g);
  switch (m) {
    case 'new':
      return 'new';
    case 'level':
      return `${k.level} level`;
    case 'up':
      return `${k.up} ${kind === 'risk' ? 'worse' : 'better'}`;
    case 'down':
      return `${k.down} ${kind === 'risk' ? 'better' : 'worse'}`;
    default: {
      const _exhaustive: never = m;
      return _exhaustive;
    }
  }
}

/** Whether a movement is good news (true), bad news (false) or neither (level, new). */
function goodNews(m: Movement, kind: RegisterKind): boolean | undefined {
  if (m === 'level' || m === 'new') return undefined;
  return kind === 'risk' ? m === 'down' : m === 'up';
}

function movementToken(m: Movement, kind: RegisterKind): Token | undefined {
  const good = goodNews(m, kind);
  return good === undefined ? undefined : good ? 'better' : 'worse';
}

/** "16 High" (or "16 H" short) through the one score → band mapping; the score alone outside every band. */
export function scoreText(model: Model, a: Assessment | undefined, short: boolean): string {
  if (!a) return '';
  const band = bandLabel(model, a.score);
  if (!band) return String(a.score);
  return `${a.score} ${short ? band.letter : band.word}`;
}

// ---------------------------------------------------------------------------------------------
// Rows: per model and period, computed once (cheap, and independent of cursor, filter, sort, size).

export interface RegisterRow {
  readonly view: EntryView;
  readonly id: string;
  readonly kind: RegisterKind;
  /** Position in the published register. */
  readonly order: number;
  readonly movement: Movement;
  readonly aboveAppetite: boolean;
  readonly periodsInBand: number;
  /** Residual score (for sorting; −1 when none). */
  readonly residual: number;
  /** Lower-case text the filter searches: id, title, kind, type, owner and every text of the entry. */
  readonly haystack: string;
}

const rowCache = new WeakMap<Model, Map<number, readonly RegisterRow[]>>();

/** The period's register as rows, in published order; empty when the period has none. */
export function registerRows(model: Model, period: number): readonly RegisterRow[] {
  const p = Math.max(0, Math.min(period, model.ev.periods.length - 1));
  let byPeriod = rowCache.get(model);
  if (!byPeriod) rowCache.set(model, (byPeriod = new Map()));
  const cached = byPeriod.get(p);
  if (cached) return cached;
  const rows = registerOf(model, p).map((v, order): RegisterRow => {
    const e = v.entry;
    return {
      view: v,
      id: e.id,
      kind: e.kind,
      order,
      movement: v.movement,
      aboveAppetite: v.aboveAppetite,
      periodsInBand: v.periodsInBand,
      residual: e.residual?.score ?? -1,
      haystack: [e.id, e.title, e.kind, e.type ?? '', e.owner ?? '', e.description ?? '', e.direction ?? '', ...e.consequences, ...e.controls, ...e.actions].join('\n').toLowerCase(),
    };
  });
  byPeriod.set(p, rows);
  return rows;
}

/** Case-insensitive; every word of the filter must appear somewhere in the entry. */
export function matchesRegisterFilter(row: RegisterRow, filter: string): boolean {
  const words = filter.toLowerCase().split(/\s+/).filter(Boolean);
  return words.every((w) => row.haystack.includes(w));
}

// ---------------------------------------------------------------------------------------------
// Sorting: `s` cycles through these. Risks always come before opportunities; ties keep the
// published order.

/** Worse first, then new entries (nothing to compare), then level, then better. */
const MOVE_RANK = (r: RegisterRow): number => {
  const good = goodNews(r.movement, r.kind);
  return good === false ? 0 : r.movement === 'new' ? 1 : good === undefined ? 2 : 3;
};

const ID_ORDER = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });

export interface RegisterSort {
  readonly label: string;
  readonly note: string;
  readonly compare: (a: RegisterRow, b: RegisterRow) => number;
}

export const REGISTER_SORTS: readonly RegisterSort[] = [
  { label: 'published order', note: '', compare: () => 0 },
  { label: 'sorted by residual', note: ' (highest first)', compare: (a, b) => b.residual - a.residual },
  { label: 'sorted by movement', note: ' (worse first)', compare: (a, b) => MOVE_RANK(a) - MOVE_RANK(b) },
  { label: 'sorted by id', note: '', compare: (a, b) => ID_ORDER.compare(a.id, b.id) },
];

export function registerSortOf(sortColumn: number): RegisterSort {
  const n = REGISTER_SORTS.length;
  return REGISTER_SORTS[((sortColumn % n) + n) % n] as RegisterSort;
}

export function sortRegister(rows: readonly RegisterRow[], sortColumn: number): RegisterRow[] {
  const s = registerSortOf(sortColumn);
  const kindRank = (r: RegisterRow) => (r.kind === 'risk' ? 0 : 1);
  return [...rows].sort((a, b) => kindRank(a) - kindRank(b) || s.compare(a, b) || a.order - b.order);
}

// ---------------------------------------------------------------------------------------------
// Columns. The cursor mark shares the id column. The residual column is keyed `rag`: the table
// component colours that column with the row's token (the residual band's), and the cell carries
// the above-appetite marker (▲) after the band word, so appetite costs no column of its own.

export type RegisterColumnKey = 'id' | 'kind' | 'title' | 'type' | 'owner' | 'inherent' | 'rag' | 'target' | 'movement' | 'inBand' | 'direction';

const ALL: readonly RegisterColumnKey[] = ['id', 'kind', 'title', 'type', 'owner', 'inherent', 'rag', 'target', 'movement', 'inBand', 'direction'];

const LABELS: Readonly<Record<RegisterColumnKey, string>> = {
  id: 'Id',
  kind: 'Kind',
  title: 'Title',
  type: 'Type',
  owner: 'Owner',
  inherent: 'Inherent',
  rag: 'Residual',
  target: 'Target',
  movement: 'Move',
  inBand: 'In band',
  direction: 'Direction (published)',
};
/** Short labels once the scores are abbreviated ("16 H"). */
const SHORT_LABELS: Partial<Record<RegisterColumnKey, string>> = { inherent: 'Inh', rag: 'Res', target: 'Tgt', inBand: 'Held' };

/**
 * What gives way, step by step, when the title would get fewer than REGISTER_TITLE_MIN columns:
 * the kind (risks always come first, the header counts both and the ids tell them apart), the
 * published direction (the entry screen shows it in full), the owner, the type, then the scores
 * are abbreviated ("16 High" → "16 H"),
 * then the target, the inherent score and the time in band go. The id, title, residual score with
 * its band and the movement always stay. At 80 columns the bundled register shows id, title,
 * inherent, residual, movement and time in band; at 60 the scores are abbreviated.
 */
export const REGISTER_STEPS: ReadonlyArray<RegisterColumnKey | 'short'> = ['kind', 'direction', 'owner', 'type', 'short', 'target', 'inherent', 'inBand'];
export const REGISTER_TITLE_MIN = 16;
const TITLE_EASY = 30;
const CAPS: Partial<Record<RegisterColumnKey, number>> = { type: 22, owner: 24, direction: 48 };
const LEAST: Partial<Record<RegisterColumnKey, number>> = { type: 10, owner: 10, direction: 12 };

function inBandText(r: RegisterRow, model: Model): string {
  if (r.periodsInBand === 0) return '';
  const quarterly = model.ev.periods.some((pe) => pe.data.register !== undefined && pe.data.period.q !== undefined);
  return `${r.periodsInBand}${quarterly ? 'q' : 'y'}`;
}

export function registerCell(model: Model, key: RegisterColumnKey, r: RegisterRow, short: boolean): string {
  const e = r.view.entry;
  const g = model.glyphs;
  switch (key) {
    case 'id':
      return e.id;
    case 'kind':
      return e.kind === 'risk' ? 'Risk' : 'Opp.';
    case 'title':
      return e.title;
    case 'type':
      return e.type ?? '';
    case 'owner':
      return e.owner ?? '';
    case 'inherent':
      return scoreText(model, e.inherent, short);
    case 'rag':
      return `${scoreText(model, e.residual, short)}${r.aboveAppetite ? ` ${marksOf(g).above}` : ''}`;
    case 'target':
      return scoreText(model, e.target, short);
    case 'movement':
      return movementText(r.movement, r.kind, g);
    case 'inBand':
      return inBandText(r, model);
    case 'direction':
      return (e.direction ?? '').replace(/\s+/g, ' ').trim();
    default: {
      const _exhaustive: never = key;
      return _exhaustive;
    }
  }
}

export interface RegisterLayout {
  readonly columns: readonly TableColumn[];
  /** Scores abbreviated to the band's letter. */
  readonly short: boolean;
}

/**
 * Columns for these rows at this width: each as wide as its widest cell over every row of the
 * period (so columns keep still while filtering and scrolling); the title takes what is left. A
 * column with nothing in it is never drawn. Steps of REGISTER_STEPS are taken until the title gets
 * REGISTER_TITLE_MIN; narrower than the smallest table, the title gives way.
 */
export function layoutRegister(model: Model, rows: readonly RegisterRow[], width: number): RegisterLayout {
  const cursorW = textWidth(marksOf(model.glyphs).cursor) + 1;
  const empty = (k: RegisterColumnKey) => k !== 'id' && k !== 'title' && k !== 'rag' && k !== 'movement' && rows.every((r) => registerCell(model, k, r, false) === '');
  const present = ALL.filter((k) => !empty(k));
  for (let step = 0; step <= REGISTER_STEPS.length; step++) {
    const taken = REGISTER_STEPS.slice(0, step);
    const short = taken.includes('short');
    const chosen = present.filter((k) => !taken.includes(k));
    const label = (k: RegisterColumnKey) => (short ? (SHORT_LABELS[k] ?? LABELS[k]) : LABELS[k]);
    const natural = (k: RegisterColumnKey): number => {
      const widest = rows.reduce((n, r) => Math.max(n, textWidth(registerCell(model, k, r, short))), 0);
      return Math.max(textWidth(label(k)), Math.min(CAPS[k] ?? Infinity, widest + (k === 'id' ? cursorW : 0)));
    };
    const nat = new Map(chosen.map((k) => [k, natural(k)]));
    const least = (k: RegisterColumnKey): number => {
      const n = nat.get(k) ?? 0;
      if (k === 'title') return Math.min(n, REGISTER_TITLE_MIN);
      return Math.min(n, LEAST[k] ?? n);
    };
    const w = new Map(chosen.map((k) => [k, least(k)]));
    let spare = width - chosen.length * CELL_OVERHEAD - 1 - [...w.values()].reduce((a, b) => a + b, 0);
    if (spare < 0 && step < REGISTER_STEPS.length) continue;
    const grow = (k: RegisterColumnKey, to: number) => {
      if (!w.has(k)) return;
      const by = Math.max(0, Math.min(spare, to - (w.get(k) ?? 0)));
      w.set(k, (w.get(k) ?? 0) + by);
      spare -= by;
    };
    grow('title', Math.min(nat.get('title') ?? 0, TITLE_EASY));
    grow('type', nat.get('type') ?? 0);
    grow('owner', nat.get('owner') ?? 0);
    grow('direction', nat.get('direction') ?? 0);
    grow('title', nat.get('title') ?? 0);
    if (spare < 0) w.set('title', Math.max(1, (w.get('title') ?? 0) + spare));
    const columns = chosen.map((k): TableColumn => ({ key: k, label: label(k), width: w.get(k) ?? 0, ...(k === 'inBand' ? { align: 'right' as const } : {}) }));
    return { columns, short };
  }
  // Not reached: the last step always returns.
  return { columns: [], short: true };
}

// ---------------------------------------------------------------------------------------------
// The register view.

/** When the period has no register: say so, and which loaded periods have one. */
export function noRegisterMessage(model: Model, period: number): string {
  const label = model.periodLabels[period] ?? '';
  const withOne = periodsWithRegister(model);
  const others = withOne.length === 0 ? 'No loaded period has one.' : `Loaded period${withOne.length === 1 ? '' : 's'} with one: ${withOne.join(', ')} ([ ] change the period).`;
  return `There is no register in ${label}. ${others}`;
}

function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** The first candidate line that fits the width (else the last, clipped). */
function firstFitting(candidates: readonly Line[], width: number, ellipsis: string): Line {
  return clipLine(candidates.find((l) => lineWidth(l) <= width) ?? candidates[candidates.length - 1] ?? [], width, ellipsis);
}

function previousLabel(model: Model, period: number): string | undefined {
  const data = model.ev.periods[period]?.data;
  if (!data) return undefined;
  const prev = previousRegister(
    model.ev.periods.map((pe) => pe.data),
    data,
  );
  if (!prev) return undefined;
  const i = model.ev.periods.findIndex((pe) => pe.data === prev);
  return model.periodLabels[i];
}

function countsLine(model: Model, all: readonly RegisterRow[], period: number, width: number): Line {
  const g = model.glyphs;
  const k = marksOf(g);
  const risks = all.filter((r) => r.kind === 'risk').length;
  const opps = all.length - risks;
  const appetite = model.ev.dataset.catalogue.riskAppetite;
  const above = all.filter((r) => r.aboveAppetite).length;
  const label = model.periodLabels[period] ?? '';
  const prev = previousLabel(model, period);
  const base: Segment[] = [seg(`${plural(risks, 'risk', 'risks')} ${k.dot} ${plural(opps, 'opportunity', 'opportunities')}`, 'text.heading')];
  const appetiteSegs = (long: boolean): Segment[] =>
    appetite === undefined
      ? long
        ? [seg(` ${k.dot} `), seg('no risk appetite set', 'text.muted')]
        : []
      : [seg(` ${k.dot} `), seg(`${above ? `${k.above} ` : ''}${above} above appetite ${appetite}`, above ? 'warning' : undefined)];
  const periodSeg = seg(` ${k.dot} ${label}`, 'header');
  const vs = seg(prev ? ` (vs ${prev})` : ' (first register loaded)', 'text.muted');
  return firstFitting(
    [
      [...base, ...appetiteSegs(true), periodSeg, vs],
      [...base, ...appetiteSegs(true), periodSeg],
      [...base, ...appetiteSegs(false), periodSeg],
      [...base, ...appetiteSegs(false)],
    ],
    width,
    g.ellipsis,
  );
}

/** "L=Low M=Medium H=High C=Critical": what the abbreviated scores stand for. */
function bandLegend(model: Model): string {
  return model.ev.dataset.catalogue.riskBands
    .flatMap((b) => {
      const label = bandLabel(model, b.max);
      return label ? [`${label.letter}=${label.word}`] : [];
    })
    .join(' ');
}

/** The sort, the filter (with how many match) and, with abbreviated scores, the band legend. */
function sortLine(model: Model, shown: number, total: number, p: ScreenParams, short: boolean): Line {
  const g = model.glyphs;
  const k = marksOf(g);
  const sort = registerSortOf(p.sortColumn);
  const filter = p.filter.trim();
  const variants: Line[] = [];
  // The longest that fits: the band legend matters most (when scores are abbreviated), then the sort's note.
  for (const legend of short ? [true, false] : [false]) {
    for (const note of [true, false]) {
      for (const first of [true, false]) {
        variants.push([
          seg(`${sort.label}${note ? sort.note : ''}`, 'text.heading'),
          ...(filter ? [seg(` ${k.dot} ${shown} of ${total} shown ${k.dot} filter: `, 'text.muted'), seg(filter, 'focus')] : first ? [seg(` ${k.dot} risks first`, 'text.muted')] : []),
          ...(legend ? [seg(` ${k.dot} ${bandLegend(model)}`, 'text.muted')] : []),
        ]);
      }
    }
  }
  return firstFitting(variants, p.width, g.ellipsis);
}

/** Screen `register`: the period's register as one table. */
export function registerScreen(model: Model, p: ScreenParams): ScreenView {
  const g = model.glyphs;
  const k = marksOf(g);
  const title = 'Register';
  const height = Math.max(1, p.height);
  const period = Math.max(0, Math.min(p.period, model.ev.periods.length - 1));
  const data = model.ev.periods[period]?.data;
  const empty = (lines: Line[]): ScreenView => ({ title, lines: lines.slice(0, height).map((l) => clipLine(l, p.width, g.ellipsis)), size: 0, targets: [], sortColumns: 0 });
  if (!data?.register) {
    return empty(wrapLine([seg(noRegisterMessage(model, period), 'text.muted')], p.width, g.ellipsis));
  }
  const all = registerRows(model, period);
  if (all.length === 0) return empty([[seg(`The ${model.periodLabels[period] ?? ''} register has no entries.`, 'text.muted')]]);

  const rows = sortRegister(
    all.filter((r) => matchesRegisterFilter(r, p.filter)),
    p.sortColumn,
  );
  const targets: Target[] = rows.map((r) => ({ kind: 'risk', id: r.id }));
  const base = { title, size: rows.length, targets, sortColumns: REGISTER_SORTS.length };
  const layout = layoutRegister(model, all, p.width);
  const lines: Line[] = [countsLine(model, all, period, p.width), sortLine(model, rows.length, all.length, p, layout.short)];
  if (rows.length === 0) {
    lines.push([seg(`No entry matches "${p.filter.trim()}" (Esc clears the filter)`, 'text.muted')]);
    return { ...base, lines: lines.slice(0, height).map((l) => clipLine(l, p.width, g.ellipsis)) };
  }
  // The table draws its rows plus at most 4 lines (top border, headings, rule, bottom border).
  let room = height - lines.length - 4;
  if (room < 1) return { ...base, lines: lines.slice(0, height) };
  const windowed = rows.length > room;
  if (windowed) room = Math.max(1, room - 2);
  const cursor = Math.max(0, Math.min(p.cursor, rows.length - 1));
  const win = visibleWindow(rows, cursor, room);

  const cursorW = textWidth(k.cursor);
  const tableRows = win.items.map((r, i) =>
    Object.fromEntries(
      layout.columns.map((c) => {
        const key = c.key as RegisterColumnKey;
        const text = registerCell(model, key, r, layout.short);
        const cell = key === 'id' ? `${win.start + i === p.cursor ? k.cursor : ' '.repeat(cursorW)} ${text}` : text;
        return [c.key, fit(cell, c.width, c.align ?? 'left', g.ellipsis)];
      }),
    ),
  );
  const table: TableView = {
    columns: layout.columns,
    rows: tableRows,
    rowTokens: win.items.map((r) => (r.view.entry.residual ? (bandLabel(model, r.view.entry.residual.score)?.token ?? 'text') : 'text.muted')),
    cursorRow: p.cursor >= win.start && p.cursor < win.start + win.items.length ? p.cursor - win.start : -1,
    above: win.above,
    below: win.below,
  };
  const more = (n: number, arrow: string, where: string): Line => (n > 0 ? [seg(`${arrow} ${n} more ${where}`, 'text.muted')] : [seg(' ')]);
  const after: Line[] = [];
  if (windowed) {
    lines.push(clipLine(more(win.start, k.more.up, 'above'), p.width, g.ellipsis));
    after.push(clipLine(more(rows.length - win.start - win.items.length, k.more.down, 'below'), p.width, g.ellipsis));
  }
  return { ...base, lines, table, after };
}

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
  if (v.movement === 'new') return [seg(prev ? `new this period (not in the ${prev} register)` : 'new: no earlier register is loaded')];
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
  const range = scores.length > 0 ? Math.max(...scores) - Math.min(...scores) : 0;
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
  if (e.description) lines.push(...wrapLine(text(e.description.replace(/\s+/g, ' ').trim(), 'text.muted'), width, g.ellipsis));

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

/** Screen `risk`: one register entry (the cursor is the scroll offset). */
export function entryScreen(model: Model, id: string, p: ScreenParams): ScreenView {
  const g = model.glyphs;
  const title = truncate(`${id} ${entryTitleOf(model, id) ?? ''}`.trim(), TITLE_W, g.ellipsis);
  const height = Math.max(1, p.height);
  const all = entryLines(model, id, p.period, p.width, height);
  const { lines, size } = scrollDocument(all, { ...p, height }, g);
  return { title, lines, size, targets: [], sortColumns: 0 };
}

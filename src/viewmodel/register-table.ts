// The register table's parts: the marks and words of movement and scores, the rows of a period,
// their sorts, and the columns (what each shows, how wide at a width, which give way first).
// register-screen.ts draws the view with them.

import { movementIsBetter, type Movement } from '../domain/risk.js';
import type { Assessment, RegisterKind } from '../domain/types.js';
import type { Glyphs } from './glyphs.js';
import { fitColumns, type ColumnPlan } from './column-fit.js';
import { modelMemo } from './memo.js';
import type { Model } from './model.js';
import { bandLabel, registerOf, type EntryView } from './register.js';
import type { TableColumn } from './screen.js';
import { textWidth, type Token } from './styled.js';

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

/** The register's marks, from the glyph set. */
export function marksOf(g: Glyphs): Marks {
  return { cursor: g.cursor, up: g.arrow.up, down: g.arrow.down, level: g.arrow.right, above: g.up, more: { up: g.up, down: g.down }, dot: g.dot, to: g.arrow.right, bullet: g.bullet, times: g.times };
}

/**
 * "↑ worse", "↓ better", "→ level", "new", "no earlier register" (`short`: "n/a"): for a risk up
 * is worse, for an opportunity up is better.
 */
export function movementText(m: Movement, kind: RegisterKind, g: Glyphs, short = false): string {
  const k = marksOf(g);
  switch (m) {
    case 'new':
      return 'new';
    case 'unknown':
      // Not known: no earlier register is loaded (a table's heading says so; its cell is short).
      return short ? 'n/a' : 'no earlier register';
    case 'level':
      return `${k.level} level`;
    case 'up':
      return `${k.up} ${kind === 'risk' ? 'worse' : 'better'}`;
    case 'down':
      return `${k.down} ${kind === 'risk' ? 'better' : 'worse'}`;
  }
}

/** Whether a movement is good news (true), bad news (false) or neither (level, new, unknown). */
export function goodNews(m: Movement, kind: RegisterKind): boolean | undefined {
  return movementIsBetter(m, kind);
}

export function movementToken(m: Movement, kind: RegisterKind): Token | undefined {
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

/** Rows by period, of the periods shown last (each entry carries its history). */
const rowCache = modelMemo<readonly RegisterRow[]>(8);

/** The period's register as rows, in published order; empty when the period has none. */
export function registerRows(model: Model, period: number): readonly RegisterRow[] {
  const p = Math.max(0, Math.min(period, model.ev.periods.length - 1));
  return rowCache.get(model, [p], () => computeRegisterRows(model, p));
}

function computeRegisterRows(model: Model, p: number): readonly RegisterRow[] {
  return registerOf(model, p).map((v, order): RegisterRow => {
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

const PUBLISHED_ORDER: RegisterSort = { label: 'published order', note: '', compare: () => 0 };

export const REGISTER_SORTS: readonly RegisterSort[] = [
  PUBLISHED_ORDER,
  { label: 'sorted by residual', note: ' (highest first)', compare: (a, b) => b.residual - a.residual },
  { label: 'sorted by movement', note: ' (worse first)', compare: (a, b) => MOVE_RANK(a) - MOVE_RANK(b) },
  { label: 'sorted by id', note: '', compare: (a, b) => ID_ORDER.compare(a.id, b.id) },
];

export function registerSortOf(sortColumn: number): RegisterSort {
  const n = REGISTER_SORTS.length;
  return REGISTER_SORTS[((sortColumn % n) + n) % n] ?? PUBLISHED_ORDER;
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
      return movementText(r.movement, r.kind, g, true);
    case 'inBand':
      return inBandText(r, model);
    case 'direction':
      return (e.direction ?? '').replace(/\s+/g, ' ').trim();
  }
}

export interface RegisterLayout {
  readonly columns: ReadonlyArray<TableColumn & { readonly key: RegisterColumnKey }>;
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
  interface Plan extends ColumnPlan<RegisterColumnKey> {
    readonly short: boolean;
    readonly label: (k: RegisterColumnKey) => string;
  }
  function* plans(): Generator<Plan> {
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
      const grow: Plan['grow'] = [
        ['title', Math.min(nat.get('title') ?? 0, TITLE_EASY)],
        ['type', nat.get('type') ?? 0],
        ['owner', nat.get('owner') ?? 0],
        ['direction', nat.get('direction') ?? 0],
        ['title', nat.get('title') ?? 0],
      ];
      yield { columns: chosen.map((key) => ({ key, least: least(key) })), grow, giveWay: 'title', short, label };
    }
  }
  const { plan, columns } = fitColumns<RegisterColumnKey, Plan>(plans(), width);
  return { columns: columns.map(({ key: k, width: w }) => ({ key: k, label: plan.label(k), width: w, ...(k === 'inBand' ? { align: 'right' as const } : {}) })), short: plan.short };
}


// The heat grid (view 4) and the list of one cell's entries. The grid places each entry of the
// period's register, of the kind shown (risks or opportunities), by the assessment shown
// (inherent, residual, target); entries that cannot be placed (a score alone that two cells give,
// or no score of that kind) are listed under the grid with the reason. Pure.

import { maxOf } from '../domain/arrays.js';
import { formatPeriod } from '../domain/period.js';
import { impactWord, likelihoodWord, movementIsBetter, placeAssessment, type Cell, type Movement, type Placement } from '../domain/risk.js';
import type { Assessment, RegisterEntry, RegisterKind } from '../domain/types.js';
import {
  asciiText,
  bandToken,
  beyondAppetite,
  cellAt,
  cellKey,
  cellOfKey,
  cellWords,
  gridLayout,
  gridLines,
  idLinesNeeded,
  marksOf,
  usesBandWords,
  type CellKey,
  type GridItem,
  type GridMarks,
} from './heatgrid.js';
import { gridRowLines, LineBudget } from './grid-height.js';
import { modelMemo } from './memo.js';
import type { Model } from './model.js';
import { bandLabel, periodsWithRegister, registerSince, type EntryView } from './register.js';
import { registerRows } from './register-screen.js';
import { DEFAULT_GRID, type GridOptions, type ScreenParams, type ScreenView, type Target } from './screen.js';
import { clipLine, fit, seg, textWidth, truncate, visibleWindow, wrap, type Line, type Segment } from './styled.js';

export type AssessmentName = GridOptions['assessment'];

/** One entry of the kind shown, with where the shown assessment puts it. */
export interface GridEntry {
  readonly view: EntryView;
  readonly assessment?: Assessment;
  /** Undefined when the entry has no assessment of that kind. */
  readonly placement?: Placement;
  /** Where it was last period, by the same assessment. */
  readonly movement: Movement;
  readonly better?: boolean;
}

export interface GridData {
  /** The period has a register at all. */
  readonly hasRegister: boolean;
  readonly periodLabel: string;
  /** The register the movement is measured against, if any. */
  readonly previousLabel?: string;
  readonly entries: readonly GridEntry[];
}

/** An assessment's movement against the same entry last period; the residual one is the register's. */
function movementBy(v: EntryView, a: AssessmentName): Movement {
  if (a === 'residual') return v.movement;
  // Not in the previous register: new (or not known, with no earlier register), as the residual says.
  if (!v.before) return v.movement === 'unknown' ? 'unknown' : 'new';
  const was = v.before[a]?.score;
  const now = v.entry[a]?.score;
  if (was === undefined || now === undefined) return 'level';
  return now > was ? 'up' : now < was ? 'down' : 'level';
}

/** By period, kind and assessment, of those shown last. */
const cache = modelMemo<GridData>(16);

/** The entries of a kind in a period's register, placed by an assessment. Memoised per model. */
export function gridData(model: Model, period: number, kind: RegisterKind, assessment: AssessmentName): GridData {
  const p = Math.max(0, Math.min(period, model.ev.periods.length - 1));
  return cache.get(model, [p, kind, assessment], () => computeGridData(model, p, kind, assessment));
}

function computeGridData(model: Model, p: number, kind: RegisterKind, assessment: AssessmentName): GridData {
  const data = model.ev.periods[p]?.data;
  const since = registerSince(model, p);
  const entries = registerRows(model, p)
    .map((r) => r.view)
    .filter((v) => v.entry.kind === kind)
    .map((v): GridEntry => {
      const a = v.entry[assessment];
      const movement = movementBy(v, assessment);
      const better = movementIsBetter(movement, kind);
      return { view: v, ...(a ? { assessment: a, placement: placeAssessment(a) } : {}), movement, ...(better === undefined ? {} : { better }) };
    });
  return {
    hasRegister: data?.register !== undefined,
    periodLabel: data ? formatPeriod(data.period) : '',
    ...(since !== undefined ? { previousLabel: since } : {}),
    entries,
  };
}

/** The entries placed in a cell, in register order. */
export function entriesIn(data: GridData, cell: Cell): GridEntry[] {
  return data.entries.filter((e) => e.placement?.placed === true && e.placement.cell.impact === cell.impact && e.placement.cell.likelihood === cell.likelihood);
}

/** Entries that cannot be placed, grouped by reason (in order of first appearance). */
export function unplaced(data: GridData, assessment: AssessmentName): Array<{ readonly reason: string; readonly ids: readonly string[] }> {
  const groups = new Map<string, string[]>();
  for (const e of data.entries) {
    const reason = !e.placement ? `no ${assessment} score` : e.placement.placed ? undefined : e.placement.reason;
    if (reason === undefined) continue;
    const ids = groups.get(reason) ?? [];
    ids.push(e.view.entry.id);
    groups.set(reason, ids);
  }
  return [...groups].map(([reason, ids]) => ({ reason, ids }));
}

function itemsOf(data: GridData): GridItem[] {
  return data.entries.flatMap((e): GridItem[] =>
    e.placement?.placed ? [{ id: e.view.entry.id, cell: e.placement.cell, movement: e.movement, ...(e.better === undefined ? {} : { better: e.better }) }] : [],
  );
}

const ASSESSMENT_WORDS: Readonly<Record<AssessmentName, string>> = { inherent: 'Inherent', residual: 'Residual', target: 'Target' };
const KIND_PLURAL: Readonly<Record<RegisterKind, string>> = { risk: 'risks', opportunity: 'opportunities' };

/** "Residual scores · risks · 2019/20 Q3 · ┃! above appetite 12", shortened to fit. */
function headerOf(model: Model, data: GridData, g: GridOptions, m: GridMarks, width: number): Line {
  const appetite = model.ev.dataset.catalogue.riskAppetite;
  const tail: Segment[] =
    g.kind === 'opportunity'
      ? []
      : appetite === undefined
        ? [seg(` ${m.dot} no appetite set`, 'text.muted')]
        : [seg(` ${m.dot} `), seg(`${m.boundary}${m.above}`, 'text.title'), seg(` above appetite ${appetite}`)];
  const what = (long: boolean) => `${ASSESSMENT_WORDS[g.assessment]}${long ? ' scores' : ''} ${m.dot} ${KIND_PLURAL[g.kind]} ${m.dot} ${data.periodLabel}`;
  const tailW = tail.reduce((n, s) => n + textWidth(s.text), 0);
  const text = textWidth(what(true)) + tailW <= width ? what(true) : what(false);
  return clipLine([seg(text, 'text.title'), ...tail], width, m.ellipsis);
}

function idText(e: GridEntry, movement: boolean, m: GridMarks): Segment[] {
  if (!movement) return [seg(e.view.entry.id)];
  return [seg(e.view.entry.id), seg(m.movement[e.movement], e.better === true ? 'better' : e.better === false ? 'worse' : 'text.muted')];
}

/** "Major (4) × Likely (4) = 16 High, above appetite 12: CR1, CR4". */
function selectedLine(model: Model, data: GridData, g: GridOptions, cursor: number, m: GridMarks, width: number): Line {
  const cell = cellAt(cursor);
  const score = cell.impact * cell.likelihood;
  const band = bandLabel(model, score);
  const appetite = model.ev.dataset.catalogue.riskAppetite;
  const beyond = beyondAppetite(cell, { kind: g.kind, ...(appetite === undefined ? {} : { appetite }) });
  const here = entriesIn(data, cell);
  const ids: Segment[] =
    here.length === 0 ? [seg(`no ${KIND_PLURAL[g.kind]} here`, 'text.muted')] : here.flatMap((e, i) => [...(i > 0 ? [seg(', ')] : []), ...idText(e, g.movement, m)]);
  const line = (short: boolean): Segment[] => [
    seg(`${m.cursor} `, 'focus'),
    seg(cellWords(cell, g.kind, m)),
    seg(` = `),
    seg(`${score} ${band?.word ?? ''}`.trimEnd(), bandToken(band, g.kind)),
    ...(beyond ? [seg(short ? ` ${m.above}` : `, above appetite ${appetite}`, 'text.title')] : []),
    seg(': '),
    ...ids,
  ];
  const full = line(false);
  return clipLine(full.reduce((n, x) => n + textWidth(x.text), 0) <= width ? full : line(true), width, m.ellipsis);
}

function legendLine(model: Model, data: GridData, g: GridOptions, letters: boolean, m: GridMarks, width: number): Line {
  const parts: Segment[][] = [];
  if (g.movement) {
    const mv = m.movement;
    parts.push(
      data.previousLabel
        ? [seg(`since ${data.previousLabel}: `, 'text.muted'), seg(`${mv.up} up  ${mv.down} down  ${mv.level} level  ${mv.new} new`)]
        : [seg('no earlier register: movement not known', 'text.muted'), ...(data.entries.some((e) => e.movement === 'new') ? [seg(`  ${mv.new} new (as published)`)] : [])],
    );
  }
  if (letters) {
    const bands = model.ev.dataset.catalogue.riskBands;
    parts.push([seg(bands.map((b) => `${b.name.charAt(0).toUpperCase()} ${b.name}`).join(' '), 'text.muted')]);
  }
  parts.push([seg(`${m.open} ${m.close} cursor`, 'text.muted')]);
  // Whole parts while they fit (the first one is cut if it must be).
  const out: Segment[] = [];
  let used = 0;
  parts.forEach((p, i) => {
    const segs = [...(i > 0 ? [seg(` ${m.dot} `, 'text.muted')] : []), ...p];
    const w = segs.reduce((n, x) => n + textWidth(x.text), 0);
    if (i > 0 && used + w > width) return;
    out.push(...segs);
    used += w;
  });
  return clipLine(out, width, m.ellipsis);
}

function keysLine(m: GridMarks, width: number): Line {
  return clipLine([seg(`i r t inherent/residual/target ${m.dot} o risks/opportunities ${m.dot} m movement ${m.dot} Enter list`, 'text.muted')], width, m.ellipsis);
}

/** Lines under the grid: nothing of the kind, or the entries that cannot be placed and why. */
function notesOf(data: GridData, g: GridOptions, m: GridMarks, width: number): Line[] {
  if (data.entries.length === 0) return [clipLine([seg(`No ${KIND_PLURAL[g.kind]} in the ${data.periodLabel} register.`, 'warning')], width, m.ellipsis)];
  const groups = unplaced(data, g.assessment);
  const none = groups.length === 1 && groups[0]?.ids.length === data.entries.length && groups[0].reason === `no ${g.assessment} score`;
  if (none) {
    const kind = g.kind === 'risk' ? 'risk' : 'opportunity';
    return [clipLine([seg(`No ${kind} has a ${g.assessment} score in the ${data.periodLabel} register.`, 'warning')], width, m.ellipsis)];
  }
  const label = 'Not placed: ';
  return groups.map((grp, i) => {
    const head: Segment[] = [seg(i === 0 ? label : ' '.repeat(label.length), 'warning'), seg(grp.ids.join(', '), 'text.heading'), seg(` ${m.dash} `)];
    const room = width - head.reduce((n, x) => n + textWidth(x.text), 0);
    // The reason as the domain gives it, or shorter forms of it where the line is narrow.
    const reason = [grp.reason, ...shorterReasons(grp.reason)].map((r) => asciiText(r, m)).find((r) => textWidth(r) <= room) ?? asciiText(shorterReasons(grp.reason).at(-1) ?? grp.reason, m);
    return clipLine([...head, seg(reason)], width, m.ellipsis);
  });
}

/** "score 20 alone could be 4×5 or 5×4 (impact × likelihood)" → "score 20 alone could be 4×5 or 5×4", "20 = 4×5 or 5×4?". */
function shorterReasons(reason: string): string[] {
  const m = /^score (\d+) alone could be (.+?) \(impact × likelihood\)$/.exec(reason);
  if (!m) return [];
  return [`score ${m[1]} alone could be ${m[2]}`, `${m[1]} could be ${m[2]}`];
}

const CELL_TARGETS: readonly Target[] = Array.from({ length: 25 }, (_, i) => ({ kind: 'cell', id: cellKey(cellAt(i)) }));

function noRegister(model: Model, data: GridData, g: GridOptions, m: GridMarks, params: ScreenParams, title: string): ScreenView {
  const have = periodsWithRegister(model);
  const lines: Line[] = [
    headerOf(model, data, g, m, params.width),
    [seg(`No register in ${data.periodLabel}.`, 'warning')],
    ...wrap(have.length === 0 ? 'No loaded period has a register.' : `Periods with a register: ${have.join(', ')} (change period with [ and ]).`, params.width).map((t) => [seg(t, 'text.muted')]),
  ];
  return { title, lines: lines.slice(0, Math.max(1, params.height)).map((l) => clipLine(l, params.width, m.ellipsis)), size: 0, targets: [], sortColumns: 0 };
}

/** The heat grid (view 4). */
export function heatGridScreen(model: Model, params: ScreenParams): ScreenView {
  const g = params.grid ?? DEFAULT_GRID;
  const m = marksOf(model.glyphs);
  const data = gridData(model, params.period, g.kind, g.assessment);
  const title = 'Heat grid';
  if (!data.hasRegister) return noRegister(model, data, g, m, params, title);

  const { width, height } = params;
  const cursor = Math.max(0, Math.min(24, params.cursor));
  const appetite = model.ev.dataset.catalogue.riskAppetite;
  const band = (score: number) => bandLabel(model, score);
  const draw = { kind: g.kind, ...(appetite === undefined ? {} : { appetite }), band, cursor, movement: g.movement, marks: m, width };
  const letters = !usesBandWords(draw);
  const items = itemsOf(data);
  const notes = notesOf(data, g, m, width);

  // Lines: header, labels, 5 × 2 grid lines, the selected cell are always drawn; then, while
  // there is room, the first note, the legend, the other notes, rules, the keys, taller rows.
  const budget = new LineBudget(height - 13);
  let shownNotes = notes.length > 0 && budget.take(1) ? 1 : 0;
  const legend = budget.take(1);
  while (shownNotes < notes.length && budget.take(1)) shownNotes += 1;
  const borders = budget.take(2);
  const keys = budget.take(1);
  // Spare lines go to the rows whose cells hold more ids than one line shows.
  const rowLines = gridRowLines(idLinesNeeded(items, gridLayout(width), g.movement, m), budget);

  const noteLines = notes.slice(0, shownNotes);
  if (shownNotes < notes.length && shownNotes > 0) {
    // No room for every reason: the last line still names every entry left out.
    const groups = unplaced(data, g.assessment).slice(shownNotes - 1);
    const ids = groups.flatMap((x) => x.ids);
    const lead = shownNotes === 1 ? 'Not placed: ' : `${m.windowDown} also: `;
    noteLines[shownNotes - 1] = clipLine(
      [seg(lead, 'warning'), seg(ids.join(', '), 'text.heading'), seg(` (${groups.length} reasons; more rows list them)`, 'text.muted')],
      width,
      m.ellipsis,
    );
  }
  const lines: Line[] = [
    headerOf(model, data, g, m, width),
    ...gridLines(items, { ...draw, rowLines, borders }),
    selectedLine(model, data, g, cursor, m, width),
    ...(legend ? [legendLine(model, data, g, letters, m, width)] : []),
    ...noteLines,
    ...(keys ? [keysLine(m, width)] : []),
  ];
  return { title, lines: lines.slice(0, Math.max(1, height)), size: 25, targets: CELL_TARGETS, sortColumns: 0 };
}

// ---------------------------------------------------------------------------------------------
// One cell's entries.

function matches(e: GridEntry, filter: string): boolean {
  const words = filter.toLowerCase().split(/\s+/).filter(Boolean);
  const hay = `${e.view.entry.id}\n${e.view.entry.title}\n${e.view.entry.owner ?? ''}`.toLowerCase();
  return words.every((w) => hay.includes(w));
}

/** Where the entry was last period, in words: "↑ was 12 Major/Possible", "* new". */
function wasText(e: GridEntry, g: GridOptions, m: GridMarks): string {
  const mark = m.movement[e.movement];
  if (e.movement === 'new') return `${mark} new`;
  if (e.movement === 'unknown') return `${mark} no earlier register`;
  const before: RegisterEntry | undefined = e.view.before;
  const a = before?.[g.assessment];
  if (!a) return `${mark} was unscored`;
  const place = a.impact !== undefined && a.likelihood !== undefined ? ` ${impactWord(a.impact, g.kind)}/${likelihoodWord(a.likelihood)}` : '';
  return `${mark} was ${a.score}${place}`;
}

/** The entries placed in one cell (id `impact,likelihood`) for the grid's current toggles. */
export function cellScreen(model: Model, id: CellKey, params: ScreenParams): ScreenView {
  const g = params.grid ?? DEFAULT_GRID;
  const m = marksOf(model.glyphs);
  const cell = cellOfKey(id);
  const { width, height } = params;
  const clip = (l: Line) => clipLine(l, width, m.ellipsis);
  if (!cell) return { title: 'Cell', lines: [clip([seg(`No such cell on the grid: ${id}`, 'warning')])], size: 0, targets: [], sortColumns: 0 };
  const title = `${impactWord(cell.impact, g.kind)} ${m.times} ${likelihoodWord(cell.likelihood)}`;
  const data = gridData(model, params.period, g.kind, g.assessment);
  if (!data.hasRegister) return noRegister(model, data, g, m, params, title);

  const score = cell.impact * cell.likelihood;
  const band = bandLabel(model, score);
  const appetite = model.ev.dataset.catalogue.riskAppetite;
  const beyond = beyondAppetite(cell, { kind: g.kind, ...(appetite === undefined ? {} : { appetite }) });
  const all = entriesIn(data, cell);
  const shown = params.filter.trim() === '' ? all : all.filter((e) => matches(e, params.filter));

  const head: Line[] = [
    clip([
      seg(cellWords(cell, g.kind, m), 'text.title'),
      seg(' = '),
      seg(`${score} ${band?.word ?? ''}`.trimEnd(), bandToken(band, g.kind)),
      ...(beyond ? [seg(` ${m.dot} `), seg(`${m.above} above appetite ${appetite}`, 'text.title')] : []),
    ]),
    clip([
      ...(params.filter.trim() === '' ? [] : [seg(`filter "${params.filter}": ${shown.length} of ${all.length}`, 'info'), seg(` ${m.dot} `, 'text.muted')]),
      seg(`${ASSESSMENT_WORDS[g.assessment]} scores ${m.dot} ${KIND_PLURAL[g.kind]} ${m.dot} ${data.periodLabel} ${m.dot} ${all.length} placed here`, 'text.muted'),
    ]),
  ];
  if (shown.length === 0) {
    const why = all.length === 0 ? `No ${KIND_PLURAL[g.kind]} are placed in this cell (${g.assessment} scores); Esc goes back to the grid.` : 'Nothing here matches the filter.';
    return { title, lines: [...head, ...wrap(why, width).map((t) => clip([seg(t, 'text.muted')]))].slice(0, Math.max(1, height)), size: 0, targets: [], sortColumns: 0 };
  }

  const cursor = Math.max(0, Math.min(params.cursor, shown.length - 1));
  let rows = Math.max(1, height - head.length);
  let win = visibleWindow(shown, cursor, rows);
  if (win.above || win.below) {
    rows = Math.max(1, rows - 2);
    win = visibleWindow(shown, cursor, rows);
  }
  const idW = maxOf(shown.map((e) => textWidth(e.view.entry.id)));
  const wasW = g.movement ? Math.min(Math.floor(width / 3), maxOf(shown.map((e) => textWidth(wasText(e, g, m))))) : 0;
  const body: Line[] = win.items.map((e, i) => {
    const here = win.start + i === cursor;
    const titleW = Math.max(1, width - 2 - idW - 2 - (wasW > 0 ? wasW + 2 : 0));
    const line: Segment[] = [
      seg(here ? `${m.cursor} ` : '  ', here ? 'focus' : 'text'),
      seg(fit(e.view.entry.id, idW, 'left', m.ellipsis), here ? 'focus' : 'text.heading'),
      seg('  '),
      seg(wasW > 0 ? fit(e.view.entry.title, titleW, 'left', m.ellipsis) : truncate(e.view.entry.title, titleW, m.ellipsis), here ? 'focus' : 'text'),
      ...(wasW > 0 ? [seg('  '), seg(fit(wasText(e, g, m), wasW, 'left', m.ellipsis), e.better === true ? 'better' : e.better === false ? 'worse' : 'text.muted')] : []),
    ];
    return clip(line);
  });
  const lines: Line[] = [
    ...head,
    ...(win.above ? [clip([seg(`${m.windowUp} ${win.start} more above`, 'text.muted')])] : []),
    ...body,
    ...(win.below ? [clip([seg(`${m.windowDown} ${shown.length - win.start - win.items.length} more below`, 'text.muted')])] : []),
  ];
  return {
    title,
    lines: lines.slice(0, Math.max(1, height)),
    size: shown.length,
    targets: shown.map((e): Target => ({ kind: 'risk', id: e.view.entry.id })),
    sortColumns: 0,
  };
}

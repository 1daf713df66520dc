// The register view (view 3) and the register entry screen. The view: one table of the period's
// risks and opportunities (risks first), each with its inherent, residual and target score (number
// and band word), the movement of the residual score since the previous register, a marker when a
// risk is above the appetite, and how many registers running it has stayed in its band. Filtered,
// sorted, windowed to the height. The entry screen: one entry as a scrollable document (the three
// assessments with their words, appetite, movement, the published direction of travel,
// consequences, controls and actions, the score history as a chart, what changed since the
// previous register). Every score reads through `bandLabel`, the one score → band mapping.

import { wrapLine } from './kpi-detail.js';
import { modelMemo } from './memo.js';
import type { Model } from './model.js';
import { bandLabel, periodsWithRegister, registerSince } from './register.js';
import type { ScreenParams, ScreenView, TableView, Target } from './screen.js';
import { clipLine, fit, lineWidth, seg, textWidth, visibleWindow, type Line, type Segment } from './styled.js';
import { marksOf, type RegisterRow, registerRows, matchesRegisterFilter, REGISTER_SORTS, registerSortOf, sortRegister, registerCell, type RegisterLayout, layoutRegister } from './register-table.js';
import { plural } from '../domain/format.js';

export { goodNews, layoutRegister, marksOf, matchesRegisterFilter, movementText, movementToken, REGISTER_SORTS, REGISTER_STEPS, REGISTER_TITLE_MIN, registerCell, registerRows, registerSortOf, scoreText, sortRegister, type RegisterColumnKey, type RegisterLayout, type RegisterRow, type RegisterSort } from './register-table.js';

// ---------------------------------------------------------------------------------------------
// The register view.

/** When the period has no register: say so, and which loaded periods have one. */
export function noRegisterMessage(model: Model, period: number): string {
  const label = model.periodLabels[period] ?? '';
  const withOne = periodsWithRegister(model);
  const others = withOne.length === 0 ? 'No loaded period has one.' : `Loaded period${withOne.length === 1 ? '' : 's'} with one: ${withOne.join(', ')} ([ ] change the period).`;
  return `There is no register in ${label}. ${others}`;
}

/** The first candidate line that fits the width (else the last, clipped). */
function firstFitting(candidates: readonly Line[], width: number, ellipsis: string): Line {
  return clipLine(candidates.find((l) => lineWidth(l) <= width) ?? candidates[candidates.length - 1] ?? [], width, ellipsis);
}

/** The period of the register this period's is compared with (register.ts: the one rule). */
export function previousLabel(model: Model, period: number): string | undefined {
  return registerSince(model, period);
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

/** The register table before the cursor matters: once per (period, filter, sort, width). */
interface PreparedRegister {
  readonly rows: readonly RegisterRow[];
  readonly targets: readonly Target[];
  readonly layout: RegisterLayout;
  /** The counts and the sort lines. */
  readonly lines: readonly Line[];
}

const preparedRegisters = modelMemo<PreparedRegister>(16);

function prepareRegister(model: Model, all: readonly RegisterRow[], period: number, p: ScreenParams): PreparedRegister {
  return preparedRegisters.get(model, [period, p.sortColumn, p.width, p.filter], () => {
    const rows = sortRegister(
      all.filter((r) => matchesRegisterFilter(r, p.filter)),
      p.sortColumn,
    );
    const layout = layoutRegister(model, all, p.width);
    return {
      rows,
      targets: rows.map((r): Target => ({ kind: 'risk', id: r.id })),
      layout,
      lines: [countsLine(model, all, period, p.width), sortLine(model, rows.length, all.length, p, layout.short)],
    };
  });
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

  const prepared = prepareRegister(model, all, period, p);
  const { rows, layout } = prepared;
  const base = { title, size: rows.length, targets: prepared.targets, sortColumns: REGISTER_SORTS.length };
  const lines: Line[] = [...prepared.lines];
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
        const key = c.key;
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

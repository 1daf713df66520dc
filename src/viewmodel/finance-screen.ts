// The Finance screen: the period's budget monitoring table (budget, forecast, variance in the
// finance unit and as a percentage of budget, over/under), the totals computed from the lines,
// and whether the total the file states matches them (the FINANCE_TOTAL rule, from the checks).

import { maxOf } from '../domain/arrays.js';
import { financeSum, financeTotalChecks } from '../domain/checks.js';
import { formatNumber, nonFiniteText } from '../domain/format.js';
import type { Finance, FinanceLine } from '../domain/types.js';
import type { Glyphs } from './glyphs.js';
import { periodAt, type Model } from './model.js';
import type { ScreenParams, ScreenView, TableColumn, TableView } from './screen.js';
import { clipLine, fit as fitText, seg, textWidth, visibleWindow, wrap, type Line, type Token } from './styled.js';

/**
 * What the table component adds around each column: a border and one space of padding either
 * side (it pads every cell by at least one), plus the closing border.
 */
const COLUMN_OVERHEAD = 3;
const TABLE_OVERHEAD = 1;
/** Lines the table draws besides its rows: top border, heading, rule, bottom border. */
const TABLE_FRAME_LINES = 4;

/** `unknown`: the variance overflowed with no sign to it (both sums overflowed the same way). */
export type Over = 'over' | 'under' | 'on' | 'unknown';

export interface FinanceRow {
  /** Index of the line in the file (-1 for the totals). */
  readonly index: number;
  readonly area: string;
  readonly budget: number;
  readonly forecast: number;
  /** Forecast − budget. */
  readonly variance: number;
  /** Variance as a percentage of budget; undefined when the budget is 0. */
  readonly percent: number | undefined;
  readonly decimals: number;
  readonly over: Over;
  /** Cells as shown: numbers to the decimals written. */
  readonly budgetText: string;
  readonly forecastText: string;
  readonly varianceText: string;
  readonly percentText: string;
}

function signed(value: number, decimals: number, suffix = ''): string {
  // "overflow", with no sign or unit.
  if (!Number.isFinite(value)) return nonFiniteText(value);
  const text = formatNumber(value, decimals);
  if (/^-?0(\.0+)?$/.test(text)) return `${text.replace(/^-/, '')}${suffix}`;
  return `${value > 0 ? '+' : ''}${text}${suffix}`;
}

/** Over or under budget as shown: a variance that rounds to nothing is on budget. */
function overOf(variance: number, decimals: number): Over {
  if (Number.isNaN(variance)) return 'unknown';
  const shown = Math.round(variance * 10 ** decimals);
  return shown > 0 ? 'over' : shown < 0 ? 'under' : 'on';
}

function row(index: number, area: string, budget: number, forecast: number, budgetDecimals: number, forecastDecimals: number): FinanceRow {
  const decimals = Math.max(budgetDecimals, forecastDecimals);
  // A figure computed from one that overflowed overflows too (Infinity − Infinity is not 0).
  const overflowed = !Number.isFinite(budget) || !Number.isFinite(forecast);
  const variance = overflowed && budget === forecast ? Number.NaN : forecast - budget;
  const percent = budget === 0 ? undefined : overflowed ? Infinity : (variance / Math.abs(budget)) * 100;
  return {
    index,
    area,
    budget,
    forecast,
    variance,
    percent,
    decimals,
    over: overOf(variance, decimals),
    budgetText: formatNumber(budget, budgetDecimals),
    forecastText: formatNumber(forecast, forecastDecimals),
    varianceText: Number.isNaN(variance) ? nonFiniteText(Infinity) : signed(variance, decimals),
    percentText: percent === undefined ? 'n/a' : signed(percent, 1, '%'),
  };
}

/** One row per line of the table, in the order written. */
export function financeRows(fin: Finance): FinanceRow[] {
  return fin.lines.map((l: FinanceLine, i) => row(i, l.area, l.budget.value, l.forecast.value, l.budget.decimals, l.forecast.decimals));
}

/** The totals computed from the lines, to the most decimals written in each column. */
export function financeTotalRow(fin: Finance): FinanceRow {
  const sum = (col: 'budget' | 'forecast') => financeSum(fin, col);
  const decimals = (col: 'budget' | 'forecast') => Math.max(0, maxOf(fin.lines.map((l) => l[col].decimals)));
  return row(-1, 'Total', sum('budget'), sum('forecast'), decimals('budget'), decimals('forecast'));
}

/**
 * "✓ stated budget total 713.020 matches the sum of the lines" / "✗ stated budget total 300.50 ≠
 * 300.75, the sum of the lines", wrapped to the width (continuations indented under the text).
 */
export function statedTotalLines(fin: Finance, glyphs: Glyphs, width = Number.POSITIVE_INFINITY): Line[] {
  const checks = financeTotalChecks(fin);
  if (checks.length === 0) return [[seg('The file states no total: the total above is the sum of the lines.', 'text.muted')]];
  return checks.flatMap((t) => {
    const stated = formatNumber(t.stated.value, t.stated.decimals);
    const mark = t.matches ? glyphs.rag.green : glyphs.rag.red;
    const text = t.overflows
      ? `stated ${t.column} total ${stated} cannot be checked: the sum of the lines overflows`
      : t.matches
        ? `stated ${t.column} total ${stated} matches the sum of the lines`
        : `stated ${t.column} total ${stated} ≠ ${formatNumber(t.sum, t.decimals)}, the sum of the lines`;
    const indent = ' '.repeat(textWidth(mark) + 1);
    const parts = Number.isFinite(width) ? wrap(text, Math.max(10, width - indent.length)) : [text];
    return parts.map((part, i): Line => [i === 0 ? seg(`${mark} `, t.matches ? 'rag.green' : 'rag.red') : seg(indent), seg(part, t.matches ? undefined : 'error')]);
  });
}

/** When the period has no finance table: say so, and which loaded periods have one. */
export function noFinanceMessage(model: Model, period: number): string {
  const label = model.periodLabels[period] ?? '';
  const withFinance = model.ev.periods.flatMap((pe, i) => (pe.data.finance ? [model.periodLabels[i] ?? ''] : []));
  const others =
    withFinance.length === 0
      ? 'No loaded period has one.'
      : `Loaded period${withFinance.length === 1 ? '' : 's'} with one: ${withFinance.join(', ')} ([ ] change the period).`;
  return `No finance table in ${label}. ${others}`;
}

export const FINANCE_SORTS = ['as written', 'variance', 'variance %', 'budget', 'area'] as const;

function sortRows(rows: readonly FinanceRow[], column: number): FinanceRow[] {
  const out = [...rows];
  const by = FINANCE_SORTS[column] ?? 'as written';
  switch (by) {
    case 'as written':
      return out;
    case 'variance':
      return out.sort((a, b) => b.variance - a.variance || a.index - b.index);
    case 'variance %':
      return out.sort((a, b) => (b.percent ?? -Infinity) - (a.percent ?? -Infinity) || a.index - b.index);
    case 'budget':
      return out.sort((a, b) => b.budget - a.budget || a.index - b.index);
    case 'area':
      return out.sort((a, b) => a.area.localeCompare(b.area) || a.index - b.index);
  }
}

function marker(over: Over, glyphs: Glyphs, words: boolean): string {
  const symbol = over === 'over' ? glyphs.direction.better : over === 'under' ? glyphs.direction.worse : glyphs.direction.same;
  return words ? `${symbol} ${over}` : symbol;
}

function overToken(over: Over): Token {
  return over === 'over' ? 'worse' : over === 'under' ? 'better' : 'text';
}

interface Layout {
  readonly columns: TableColumn[];
  /** Over/under as symbol and word in its own column; otherwise the symbol follows the percentage. */
  readonly words: boolean;
}

function layout(rows: readonly FinanceRow[], glyphs: Glyphs, width: number): Layout {
  const widest = (label: string, cells: readonly string[]) => Math.max(textWidth(label), maxOf(cells.map(textWidth)));
  const budgetW = widest('Budget', rows.map((r) => r.budgetText));
  const forecastW = widest('Forecast', rows.map((r) => r.forecastText));
  const varianceW = widest('Variance', rows.map((r) => r.varianceText));
  const num = (key: string, label: string, w: number): TableColumn => ({ key, label, width: w, align: 'right' });
  const area = (w: number): TableColumn => ({ key: 'area', label: 'Area', width: Math.max(4, w) });
  // Wide: a separate over/under column with the word. Narrow: the symbol beside the percentage.
  const percentW = widest('Var %', rows.map((r) => r.percentText));
  const markerW = widest('', rows.map((r) => marker(r.over, glyphs, true)));
  const wideFixed = budgetW + forecastW + varianceW + percentW + markerW;
  const wideArea = width - TABLE_OVERHEAD - 6 * COLUMN_OVERHEAD - wideFixed;
  if (wideArea >= 16) {
    return {
      words: true,
      columns: [area(wideArea), num('budget', 'Budget', budgetW), num('forecast', 'Forecast', forecastW), num('variance', 'Variance', varianceW), num('percent', 'Var %', percentW), { key: 'rag', label: '', width: markerW }],
    };
  }
  const pmW = widest('Var %', rows.map((r) => `${r.percentText} ${marker(r.over, glyphs, false)}`));
  const narrowArea = width - TABLE_OVERHEAD - 5 * COLUMN_OVERHEAD - (budgetW + forecastW + varianceW + pmW);
  return {
    words: false,
    columns: [area(narrowArea), num('budget', 'Budget', budgetW), num('forecast', 'Forecast', forecastW), num('variance', 'Variance', varianceW), { key: 'rag', label: 'Var %', width: pmW, align: 'right' }],
  };
}

function cells(r: FinanceRow, l: Layout, glyphs: Glyphs, prefix: string): Record<string, string> {
  const w = (key: string) => l.columns.find((c) => c.key === key)?.width ?? 0;
  const fit = (s: string, width: number, align: 'left' | 'right' = 'left') => fitText(s, width, align, glyphs.ellipsis);
  const out: Record<string, string> = {
    area: fit(`${prefix}${r.area}`, w('area')),
    budget: fit(r.budgetText, w('budget'), 'right'),
    forecast: fit(r.forecastText, w('forecast'), 'right'),
    variance: fit(r.varianceText, w('variance'), 'right'),
  };
  if (l.words) {
    out['percent'] = fit(r.percentText, w('percent'), 'right');
    out['rag'] = fit(marker(r.over, glyphs, true), w('rag'));
  } else {
    out['rag'] = fit(`${r.percentText} ${marker(r.over, glyphs, false)}`, w('rag'), 'right');
  }
  return out;
}

export function financeScreen(model: Model, p: ScreenParams): ScreenView {
  const pe = periodAt(model, p.period);
  const fin = pe.data.finance;
  const g = model.glyphs;
  const label = model.periodLabels[p.period] ?? '';
  if (!fin) {
    const lines = wrap(noFinanceMessage(model, p.period), p.width).slice(0, Math.max(1, p.height));
    return { title: 'Finance', lines: lines.map((t) => [seg(t, 'text.muted')]), size: 0, targets: [], sortColumns: 0 };
  }

  const all = financeRows(fin);
  const total = financeTotalRow(fin);
  const q = p.filter.trim().toLowerCase();
  const matching = q === '' ? all : all.filter((r) => r.area.toLowerCase().includes(q));
  const sorted = sortRows(matching, p.sortColumn);
  const l = layout([...all, total], g, p.width);

  // The heading line: what the table is, its unit, the filter and the sort.
  const filterNote = q === '' ? '' : ` · ${matching.length} of ${all.length} areas match "${p.filter.trim()}"`;
  const sortNote = p.sortColumn > 0 ? ` · sorted by ${FINANCE_SORTS[p.sortColumn] ?? ''}` : '';
  const legend = l.words ? '' : ` · ${marker('over', g, true)} ${marker('under', g, true)} ${marker('on', g, true)}`;
  const heading: Line = [seg(`Budget monitoring, ${label}`, 'text.title'), seg(` · ${fin.unit}`, 'text.muted'), seg(`${filterNote}${sortNote}${legend}`, 'text.muted')];

  const stated = statedTotalLines(fin, g, p.width);
  const detailLines = all.some((r) => textWidth(r.area) + 2 > (l.columns[0]?.width ?? 0)) ? 1 : 0;
  const noMatch: Line[] = matching.length === 0 ? [[seg(`No area matches "${p.filter.trim()}"`, 'text.muted')]] : [];

  // Rows that fit: the height less the heading, the table's frame, the totals row and the lines
  // below; when windowed, a line below the table says how many rows are out of view.
  const fixed = 1 + noMatch.length + TABLE_FRAME_LINES + 1 + detailLines + stated.length;
  let room = Math.max(1, p.height - fixed);
  const windowed = sorted.length > room;
  if (windowed) room = Math.max(1, room - 1);
  const cursor = Math.max(0, Math.min(p.cursor, sorted.length - 1));
  const win = visibleWindow(sorted, cursor, room);
  const hiddenAbove = win.start;
  const hiddenBelow = sorted.length - win.start - win.items.length;

  const rows = win.items.map((r, i) => cells(r, l, g, win.start + i === cursor ? `${g.cursor} ` : '  '));
  rows.push(cells({ ...total, area: q === '' ? 'Total' : `Total, all ${all.length}` }, l, g, '  '));
  const rowTokens = [...win.items.map((r) => overToken(r.over)), overToken(total.over)];
  const table: TableView = {
    columns: l.columns,
    rows,
    rowTokens,
    cursorRow: sorted.length === 0 ? -1 : cursor - win.start,
    above: hiddenAbove > 0,
    below: hiddenBelow > 0,
  };

  const lines: Line[] = [heading, ...noMatch];
  const after: Line[] = [];
  if (windowed) {
    const parts = [
      ...(hiddenAbove > 0 ? [`${g.direction.better} ${hiddenAbove} more above`] : []),
      ...(hiddenBelow > 0 ? [`${g.direction.worse} ${hiddenBelow} more below`] : []),
    ];
    after.push([seg(parts.join(' · '), 'text.muted')]);
  }
  // Where area names are cut to fit, the selected one is written out in full below.
  const current = sorted[cursor];
  if (current && detailLines > 0) {
    const pct = current.percent === undefined ? '' : ` (${current.percentText})`;
    const what = current.over === 'on' ? 'on budget' : current.over === 'unknown' ? 'variance cannot be computed' : `${current.over} budget`;
    after.push([seg(`${current.area}: `, 'focus'), seg(`${current.varianceText}${pct} `), seg(`${marker(current.over, g, false)} ${what}`, overToken(current.over))]);
  }
  after.push(...stated);

  // Keep within the height even when it is smaller than a table can be: drop lines below first.
  const tableLines = rows.length + TABLE_FRAME_LINES;
  const afterRoom = Math.max(0, p.height - lines.length - tableLines);
  return {
    title: 'Finance',
    lines: lines.map((x) => clipLine(x, p.width, g.ellipsis)),
    table,
    after: after.slice(0, afterRoom).map((x) => clipLine(x, p.width, g.ellipsis)),
    size: sorted.length,
    targets: sorted.map(() => undefined),
    sortColumns: FINANCE_SORTS.length,
  };
}

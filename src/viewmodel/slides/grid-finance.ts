// The heat grid (large), the finance table and a text item.

import { bigParagraph, bigText } from '../bigtext.js';
import { spareRoom } from '../column-fit.js';
import { financeScreen, financeRows, financeTotalRow, noFinanceMessage, statedTotalLines } from '../finance-screen.js';
import { asciiText, gridLayout, gridLines, idLinesNeeded, marksOf as gridMarksOf, usesBandWords, type GridItem } from '../heatgrid.js';
import { gridRowLines, LineBudget } from '../grid-height.js';
import { gridData, unplaced } from '../heatgrid-screen.js';
import { periodAt } from '../model.js';
import { bandLabel, registerOf } from '../register.js';
import { noRegisterMessage } from '../register-screen.js';
import type { TableView } from '../screen.js';
import { clipLine, fit, lineWidth, seg, textWidth, type Line, type Segment, type Token } from '../styled.js';
import { maxOf } from '../../domain/arrays.js';
import { type Body, centre, centreBlock, type Ctx, headerLine, messageSlide, scrolled, type SlideParams, text } from './common.js';

// ---------------------------------------------------------------------------------------------
// heatgrid

export function heatgridSlide(ctx: Ctx, title: string): Body {
  const { model, g, width, height } = ctx;
  const m = gridMarksOf(g);
  const data = gridData(model, ctx.period, 'risk', 'residual');
  if (!data.hasRegister) return messageSlide(ctx, title, noRegisterMessage(model, ctx.period));
  const appetite = model.ev.dataset.catalogue.riskAppetite;
  const band = (score: number) => bandLabel(model, score);
  const movement = data.previousLabel !== undefined;
  const items: GridItem[] = data.entries.flatMap((e): GridItem[] =>
    e.placement?.placed ? [{ id: e.view.entry.id, cell: e.placement.cell, movement: e.movement, ...(e.better === undefined ? {} : { better: e.better }) }] : [],
  );
  // The grid as wide as it usefully gets (the cells stop growing at 16 columns), centred.
  const gridW = Math.min(width, 6 + 15 + 5 * 16);
  const draw = { kind: 'risk' as const, ...(appetite === undefined ? {} : { appetite }), band, cursor: -1, movement, marks: m, width: gridW };
  const risks = data.entries.length;
  const opps = registerOf(model, ctx.period).filter((v) => v.entry.kind === 'opportunity').length;
  const sub: Segment[] = [
    seg(`Residual scores ${m.dot} ${risks} risk${risks === 1 ? '' : 's'} ${m.dot} ${ctx.label}`, 'text.heading'),
    ...(appetite !== undefined ? [seg(` ${m.dot} `), seg(`${m.boundary}${m.above}`, 'text.title'), seg(` above appetite ${appetite}`)] : []),
    ...(opps > 0 ? [seg(` ${m.dot} ${opps} opportunit${opps === 1 ? 'y' : 'ies'} not shown`, 'text.muted')] : []),
  ];
  const notes: Line[] = unplaced(data, 'residual').map((u) => clipLine([seg('Not placed: ', 'warning'), seg(u.ids.join(', '), 'text.heading'), seg(` ${m.dash} ${asciiText(u.reason, m)}`, 'text.muted')], width, m.ellipsis));
  if (risks === 0) notes.push(text(`No risks in the ${ctx.label} register.`, 'warning'));
  const legendParts: string[] = [];
  if (movement) legendParts.push(`since ${data.previousLabel ?? ''}: ${m.movement.up} up  ${m.movement.down} down  ${m.movement.level} level  ${m.movement.new} new`);
  if (!usesBandWords(draw)) legendParts.push(model.ev.dataset.catalogue.riskBands.map((b) => `${b.name.charAt(0).toUpperCase()} ${b.name}`).join(' '));
  const legend: Line[] = legendParts.length > 0 ? [clipLine(text(legendParts.join(` ${m.dot} `), 'text.muted'), width, m.ellipsis)] : [];

  // Fixed: title, sub-title, axis labels, 5 × 2 grid lines; then notes, legend, rules, taller rows.
  const budget = new LineBudget(height - 2 - 11);
  const shownNotes: Line[] = [];
  for (const n of notes) if (budget.take(1)) shownNotes.push(n);
  const showLegend = legend.length > 0 && budget.take(1);
  const borders = budget.take(2);
  const gap = budget.take(1);
  // First the ids every cell needs, then, on a big screen, taller cells (up to about square).
  const tallest = Math.max(3, Math.min(6, Math.round(gridLayout(gridW).cell / 3)));
  const rowLines = gridRowLines(idLinesNeeded(items, gridLayout(gridW), movement, m), budget, tallest);
  const grid = centreBlock(gridLines(items, { ...draw, rowLines, borders }), width);
  const lines: Line[] = [headerLine(ctx, title), clipLine(sub, width, m.ellipsis), ...(gap ? [[]] : []), ...grid, ...shownNotes, ...(showLegend ? legend : [])];
  return { lines: lines.slice(0, height) };
}

// ---------------------------------------------------------------------------------------------
// finance

export function financeSlide(ctx: Ctx, title: string, p: SlideParams): Body {
  const { model, g, width, height } = ctx;
  const fin = periodAt(model, ctx.period).data.finance;
  if (!fin) return messageSlide(ctx, title, noFinanceMessage(model, ctx.period));
  const total = financeTotalRow(fin);
  const rowsN = financeRows(fin).length;
  // The forecast variance, big, when the table still fits under it.
  const headFor = (rows: number): Line[] => {
    const head: Line[] = [headerLine(ctx, title)];
    if (rows < 3) return head;
    const word = total.over === 'on' ? 'on budget' : total.over === 'unknown' ? 'cannot be computed' : `${total.over === 'over' ? 'over' : 'under'} budget`;
    const arrow = total.over === 'over' ? g.direction.better : total.over === 'under' ? g.direction.worse : g.direction.same;
    const token: Token = total.over === 'over' ? 'worse' : total.over === 'under' ? 'better' : 'text';
    const figure = bigText(total.varianceText, g, width, { rows });
    const caption: Line = [seg(`${fin.unit} forecast variance`, 'text.title'), seg(`   ${arrow} ${word}${total.percent === undefined ? '' : ` (${total.percentText})`}`, token)];
    return [...head, [], ...centreBlock(figure.map((l) => text(l, token)), width), centre(caption, width, g.ellipsis)];
  };
  // The table no wider than it reads well: a room should not follow a row across the screen.
  const tableW = Math.min(width, 110);
  const below = statedTotalLines(fin, g, tableW).length + 1;
  let head = headFor(1);
  for (const rows of [5, 3]) {
    const h = headFor(rows);
    // Under it: a blank, the finance screen's heading, the table (rows, total, 4) and the lines below.
    if (h.length + 1 + 1 + rowsN + 1 + 4 + below <= height) {
      head = [...h, []];
      break;
    }
  }
  const v = financeScreen(model, { ...p, cursor: Math.max(0, ctx.cursor), filter: '', sortColumn: 0, width: tableW, height: Math.max(1, height - head.length) });
  if (v.table && spareRoom(width, v.table.columns.map((c) => c.width)) < 0) return financeList(ctx, title);
  const cursorMark = `${g.cursor} `;
  const table: TableView | undefined = v.table
    ? { ...v.table, cursorRow: -1, rows: v.table.rows.map((r) => ({ ...r, ...(r['area'] !== undefined ? { area: r['area'].startsWith(cursorMark) ? `  ${r['area'].slice(cursorMark.length)}` : r['area'] } : {}) })) }
    : undefined;
  // The line under the table that spells out the selected row is for the analyst: left out.
  const after = (v.after ?? []).filter((l) => l[0]?.token !== 'focus');
  // The table's heading: its unit and, when over/under has no column of its own, the symbols.
  const words = table?.columns.some((c) => c.key === 'percent') ?? true;
  const legend = words ? '' : `   ${g.direction.better} over  ${g.direction.worse} under  ${g.direction.same} on`;
  const unit: Line = [seg(`Figures in ${fin.unit}`, 'text.heading'), seg(legend, 'text.muted')];
  const full: Line = [seg(`Budget monitoring, ${ctx.label}`, 'text.title'), seg('   '), ...unit];
  const heading = lineWidth(full) <= width ? full : unit;
  return { lines: [...head, ...(table ? [heading] : v.lines)], ...(table ? { table } : {}), after, size: Math.max(1, v.size) };
}

/** Too narrow for the table: each area's variance on a line, the total first. */
export function financeList(ctx: Ctx, title: string): Body {
  const { model, g, width, height } = ctx;
  const fin = periodAt(model, ctx.period).data.finance;
  if (!fin) return messageSlide(ctx, title, noFinanceMessage(model, ctx.period));
  const rows = [financeTotalRow(fin), ...financeRows(fin)];
  const figure = (r: (typeof rows)[number]) => `${r.varianceText} ${r.over === 'over' ? g.direction.better : r.over === 'under' ? g.direction.worse : g.direction.same}`;
  const figW = maxOf(rows.map((r) => textWidth(figure(r))));
  const items = rows.map((r): Line => [seg(fit(r.area, Math.max(1, width - figW - 1), 'left', g.ellipsis), r.index < 0 ? 'text.title' : undefined), seg(' '), seg(fit(figure(r), figW, 'right', g.ellipsis), r.over === 'over' ? 'worse' : r.over === 'under' ? 'better' : undefined)]);
  const head = [headerLine(ctx, title), text(`Forecast variance, ${fin.unit}`, 'text.heading')];
  const s = scrolled(items, Math.max(1, height - head.length), ctx);
  return { lines: [...head, ...s.lines], size: s.size };
}

// ---------------------------------------------------------------------------------------------
// text, and a slide that can only say something

export function textSlide(ctx: Ctx, title: string): Body {
  const { g, width, height } = ctx;
  const margin = width >= 40 ? 4 : 0;
  const para = bigParagraph(title, g, width - 2 * margin, Math.max(1, height - 2));
  const block = centreBlock(
    para.lines.map((l) => text(l.trimEnd(), 'text.title')),
    width,
  );
  const top = Math.max(0, Math.floor((height - block.length) / 2));
  return { lines: [...Array.from({ length: top }, () => []), ...block.map((l) => (para.big ? l : centre(l.filter((s) => s.text.trim() !== ''), width, g.ellipsis)))].slice(0, height) };
}


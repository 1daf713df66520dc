// The HTML hand-out's sections for the register, one entry, the heat grid and the finance table:
// the same content as the markdown hand-out (register-sections.ts), from section-data.ts and the
// register's one reading.

import type { Finance, RegisterKind } from '../../../domain/types.js';
import type { AgendaEntry } from '../../agenda.js';
import { financeRows, financeTotalRow, statedTotalLines, type FinanceRow } from '../../finance-screen.js';
import { movementText, scoreText } from '../../register-screen.js';
import { plain, type Token } from '../../styled.js';
import { entryData, overCell } from '../register-sections.js';
import { emptyRegisterText, financeIntro, gridTableData, noFinanceText, noRegisterText, registerSummary, type Ctx } from '../section-data.js';
import { bulletList, el, inline, paragraphs, table } from './escape.js';
import { sentence, titleUnlessGiven } from './kpi.js';

export function registerHtml(c: Ctx): string[] {
  if (c.pe.data.register === undefined) return [sentence(noRegisterText(c))];
  const { sorted, summary } = registerSummary(c);
  if (sorted.length === 0) return [sentence(emptyRegisterText(c))];
  return [
    sentence(summary),
    table({
      head: ['Id', 'Title', 'Inherent', 'Residual', 'Movement'],
      rows: sorted.map((v) => [
        inline(v.entry.id),
        inline(v.entry.title),
        inline(scoreText(c.model, v.entry.inherent, false)),
        inline(scoreText(c.model, v.entry.residual, false) + (v.aboveAppetite ? ' (above appetite)' : '')),
        inline(movementText(v.movement, v.entry.kind, c.g, true)),
      ]),
      rowHeads: true,
      cls: 'register',
    }),
  ];
}

export function riskHtml(c: Ctx, item: AgendaEntry, id: string): string[] {
  const d = entryData(c, id);
  if ('missing' in d) return [sentence(d.missing)];
  const e = d.view.entry;
  const fields = d.fields.map(([label, value]) => el('tr', {}, el('th', { scope: 'row' }, label) + el('td', {}, inline(value))));
  return [
    ...titleUnlessGiven(item, `${e.id} ${e.title}`),
    ...(e.description ? paragraphs(e.description) : []),
    el('table', { class: 'fields' }, el('tbody', {}, fields.join(''))),
    ...d.lists.flatMap(([title, items]) => [el('h3', {}, title), items.length === 0 ? sentence('None published.') : bulletList(items)]),
  ];
}

const BAND_CLASS: Readonly<Partial<Record<Token, string>>> = { 'band.low': 'band-low', 'band.medium': 'band-medium', 'band.high': 'band-high', 'band.critical': 'band-critical' };

function gridHtml(c: Ctx, kind: RegisterKind): string[] {
  const t = gridTableData(c, kind);
  if (!t) return [];
  const rows = t.rows.map((r) =>
    el(
      'tr',
      {},
      el('th', { scope: 'row' }, inline(r.label)) +
        r.cells
          .map((x) => {
            const cls = [x.token !== undefined ? BAND_CLASS[x.token] : undefined, x.above ? 'above' : undefined].filter((s) => s !== undefined).join(' ');
            const score = el('span', { class: 'score' }, inline(`${x.score}${x.band !== undefined ? ` ${x.band}` : ''}${x.above ? ' !' : ''}`));
            const ids = x.ids.length > 0 ? el('span', { class: 'ids' }, inline(x.ids.join(', '))) : '';
            return el('td', cls !== '' ? { class: cls } : {}, score + ids);
          })
          .join(''),
    ),
  );
  const head = el('thead', {}, el('tr', {}, t.head.map((h) => el('th', { scope: 'col' }, inline(h))).join('')));
  const caption = `${t.title}: residual scores${t.appetite !== undefined ? `; cells marked ! (heavy border) are above the risk appetite of ${t.appetite}` : ''}`;
  return [
    el('h3', {}, inline(`${t.title}: residual scores`)),
    el('table', { class: 'heatgrid' }, el('caption', {}, inline(caption)) + head + el('tbody', {}, rows.join(''))),
    ...(t.missing.length > 0 ? [sentence('Not placed on the grid:'), bulletList(t.missing.map((u) => `${u.ids.join(', ')}: ${u.reason}`))] : []),
  ];
}

export function heatgridHtml(c: Ctx): string[] {
  if (c.pe.data.register === undefined) return [sentence(noRegisterText(c))];
  const out = [...gridHtml(c, 'risk'), ...gridHtml(c, 'opportunity')];
  return out.length > 0 ? out : [sentence(emptyRegisterText(c))];
}

export function financeHtml(c: Ctx): string[] {
  const fin: Finance | undefined = c.pe.data.finance;
  if (!fin) return [sentence(noFinanceText(c))];
  const row = (r: FinanceRow) => [inline(r.area), inline(r.budgetText), inline(r.forecastText), inline(r.varianceText), inline(r.percentText), inline(overCell(r, c.g))];
  const lines = financeRows(fin);
  return [
    sentence(financeIntro(c, fin)),
    table({
      head: ['Area', 'Budget', 'Forecast', 'Variance', 'Var %', 'Over/under'],
      rows: [...lines.map(row), row(financeTotalRow(fin))],
      right: [1, 2, 3, 4],
      rowHeads: true,
      rowClass: (i) => (i === lines.length ? 'total' : undefined),
      cls: 'finance',
    }),
    bulletList(statedTotalLines(fin, c.g).map((l) => plain(l))),
  ];
}

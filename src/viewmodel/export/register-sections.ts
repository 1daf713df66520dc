// The hand-out's sections for the register, one entry, the heat grid and the finance table.

import { describeAssessment } from '../../domain/risk.js';
import type { Assessment, Finance, RegisterKind } from '../../domain/types.js';
import type { AgendaEntry } from '../agenda.js';
import { financeRows, financeTotalRow, statedTotalLines, type FinanceRow, type Over } from '../finance-screen.js';
import { type Glyphs } from '../glyphs.js';
import { bandLabel, registerOf, registerSince, type EntryView } from '../register.js';
import { movementText, scoreText } from '../register-screen.js';
import { plain } from '../styled.js';
import { blocks, bullets, type Ctx, mdInline, mdTable, mdText, paragraphs, titleUnlessGiven } from './markdown.js';
import { emptyRegisterText, financeIntro, gridTableData, noFinanceText, noRegisterText, registerSummary } from './section-data.js';

export function previousRegisterLabel(c: Ctx): string | undefined {
  return registerSince(c.model, c.period);
}

export function noRegister(c: Ctx): string[] {
  return [mdText(noRegisterText(c))];
}

export function registerSection(c: Ctx): string[] {
  if (c.pe.data.register === undefined) return noRegister(c);
  const { sorted, summary } = registerSummary(c);
  if (sorted.length === 0) return [mdText(emptyRegisterText(c))];
  const rows = sorted.map((v) => [
    mdInline(v.entry.id),
    mdInline(v.entry.title),
    mdInline(scoreText(c.model, v.entry.inherent, false)),
    mdInline(scoreText(c.model, v.entry.residual, false)) + (v.aboveAppetite ? ' (above appetite)' : ''),
    mdInline(movementText(v.movement, v.entry.kind, c.g, true)),
  ]);
  return blocks([mdText(summary)], mdTable(['Id', 'Title', 'Inherent', 'Residual', 'Movement'], rows));
}

export function assessmentText(c: Ctx, a: Assessment | undefined, kind: RegisterKind): string {
  if (!a) return 'not published';
  const band = bandLabel(c.model, a.score);
  return `${describeAssessment(a, kind)} (${band ? band.word : 'outside every band'})${a.by ? ` by ${a.by}` : ''}`;
}

/** What a risk item says of its entry, whatever the hand-out's format: its fields and lists, or why there is none. */
export type EntryData =
  | { readonly missing: string }
  | {
      readonly view: EntryView;
      readonly fields: readonly (readonly [label: string, value: string])[];
      readonly lists: readonly (readonly [title: string, items: readonly string[]])[];
    };

export function entryData(c: Ctx, id: string): EntryData {
  if (c.pe.data.register === undefined) return { missing: noRegisterText(c) };
  const v: EntryView | undefined = registerOf(c.model, c.period).find((x) => x.entry.id === id);
  if (!v) return { missing: `${id} is not in the ${c.label} register.` };
  const e = v.entry;
  const risk = e.kind === 'risk';
  return {
    view: v,
    fields: [
      ['Kind', risk ? 'Risk' : 'Opportunity'],
      ...(e.type ? [['Type', e.type] as const] : []),
      ...(e.owner ? [['Owner', e.owner] as const] : []),
      ['Inherent', assessmentText(c, e.inherent, e.kind)],
      ['Residual', assessmentText(c, e.residual, e.kind) + (v.aboveAppetite ? ', above the risk appetite' : '')],
      ['Target', assessmentText(c, e.target, e.kind)],
      ['Movement', movementText(v.movement, e.kind, c.g)],
      ...(e.direction ? [['Direction of travel', e.direction] as const] : []),
    ],
    lists: [
      ['Consequences', e.consequences],
      ['Controls', e.controls],
      [risk ? 'Mitigating actions' : 'Maximising actions', e.actions],
    ],
  };
}

export function riskSection(c: Ctx, item: AgendaEntry, id: string): string[] {
  const d = entryData(c, id);
  if ('missing' in d) return c.pe.data.register === undefined ? noRegister(c) : [mdText(d.missing)];
  const e = d.view.entry;
  return blocks(
    titleUnlessGiven(item, `${e.id} ${e.title}`),
    e.description ? paragraphs(e.description) : [],
    d.fields.map(([label, value]) => `- ${label}: ${mdInline(value)}`),
    ...d.lists.map(([title, items]) => [`**${title}**`, '', ...(items.length === 0 ? ['- none published'] : bullets(items))]),
  );
}

export function gridTable(c: Ctx, kind: RegisterKind): string[] {
  const t = gridTableData(c, kind);
  if (!t) return [];
  const rows = t.rows.map((r) => [r.label, ...r.cells.map((x) => `${x.score}${x.band !== undefined ? ` ${x.band}` : ''}${x.above ? ' !' : ''}${x.ids.length > 0 ? `: ${x.ids.map(mdInline).join(', ')}` : ''}`)]);
  const missing = t.missing.map((u) => `- ${u.ids.map(mdInline).join(', ')}: ${mdInline(u.reason)}`);
  return blocks(
    [`### ${t.title}: residual scores`],
    mdTable(t.head, rows),
    t.appetite !== undefined ? [mdText(`! marks scores above the risk appetite of ${t.appetite}.`)] : [],
    missing.length > 0 ? ['Not placed on the grid:', '', ...missing] : [],
  );
}

export function heatgridSection(c: Ctx): string[] {
  if (c.pe.data.register === undefined) return noRegister(c);
  const out = blocks(gridTable(c, 'risk'), gridTable(c, 'opportunity'));
  return out.length > 0 ? out : [mdText(emptyRegisterText(c))];
}

export const OVER_WORDS: Readonly<Record<Over, string>> = { over: 'over', under: 'under', on: 'on budget', unknown: 'cannot be computed' };

export function overCell(r: FinanceRow, g: Glyphs): string {
  const symbol = r.over === 'over' ? g.direction.better : r.over === 'under' ? g.direction.worse : g.direction.same;
  return `${symbol} ${OVER_WORDS[r.over]}`;
}

export function financeSection(c: Ctx): string[] {
  const fin: Finance | undefined = c.pe.data.finance;
  if (!fin) return [mdText(noFinanceText(c))];
  const row = (r: FinanceRow, bold: boolean) => {
    const b = (s: string) => (bold ? `**${s}**` : s);
    return [b(mdInline(r.area)), b(r.budgetText), b(r.forecastText), b(r.varianceText), b(r.percentText), overCell(r, c.g)];
  };
  const stated = statedTotalLines(fin, c.g).map((l) => `- ${mdInline(plain(l))}`);
  return blocks(
    [mdText(financeIntro(c, fin))],
    mdTable(['Area', 'Budget', 'Forecast', 'Variance', 'Var %', 'Over/under'], [...financeRows(fin).map((r) => row(r, false)), row(financeTotalRow(fin), true)], [1, 2, 3, 4]),
    stated,
  );
}


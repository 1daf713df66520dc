// The hand-out's sections for the register, one entry, the heat grid and the finance table.

import { describeAssessment, impactWord, likelihoodWord, type Cell } from '../../domain/risk.js';
import type { Assessment, Finance, RegisterKind } from '../../domain/types.js';
import type { AgendaEntry } from '../agenda.js';
import { financeRows, financeTotalRow, statedTotalLines, type FinanceRow, type Over } from '../finance-screen.js';
import { type Glyphs } from '../glyphs.js';
import { entriesIn, gridData, unplaced } from '../heatgrid-screen.js';
import { bandLabel, registerOf, registerSince, type EntryView } from '../register.js';
import { movementText, scoreText } from '../register-screen.js';
import { plain } from '../styled.js';
import { blocks, bullets, type Ctx, mdInline, mdTable, mdText, paragraphs, titleUnlessGiven } from './markdown.js';
import { plural } from '../../domain/format.js';

export function previousRegisterLabel(c: Ctx): string | undefined {
  return registerSince(c.model, c.period);
}

export function noRegister(c: Ctx): string[] {
  return [mdText(`There is no register in ${c.label}.`)];
}

export function registerSection(c: Ctx): string[] {
  if (c.pe.data.register === undefined) return noRegister(c);
  const views = registerOf(c.model, c.period);
  if (views.length === 0) return [mdText(`The ${c.label} register is empty.`)];
  // Risks first, then opportunities, each in published order.
  const sorted = [...views.filter((v) => v.entry.kind === 'risk'), ...views.filter((v) => v.entry.kind === 'opportunity')];
  const rows = sorted.map((v) => [
    mdInline(v.entry.id),
    mdInline(v.entry.title),
    mdInline(scoreText(c.model, v.entry.inherent, false)),
    mdInline(scoreText(c.model, v.entry.residual, false)) + (v.aboveAppetite ? ' (above appetite)' : ''),
    mdInline(movementText(v.movement, v.entry.kind, c.g, true)),
  ]);
  const appetite = c.model.ev.dataset.catalogue.riskAppetite;
  const risks = sorted.filter((v) => v.entry.kind === 'risk').length;
  const opportunities = sorted.length - risks;
  const above = sorted.filter((v) => v.aboveAppetite).length;
  const counts = `${plural(risks, 'risk', 'risks')} and ${plural(opportunities, 'opportunity', 'opportunities')}`;
  const appetiteText = appetite !== undefined ? `; risk appetite ${appetite}, ${plural(above, 'risk', 'risks')} above it` : '';
  const prev = previousRegisterLabel(c);
  const movement = prev ? `Movement is of the residual score since the ${prev} register.` : 'No earlier register is loaded: movement is not known (n/a).';
  const summary = `${counts}${appetiteText}. ${movement}`;
  return blocks([mdText(summary)], mdTable(['Id', 'Title', 'Inherent', 'Residual', 'Movement'], rows));
}

export function assessmentText(c: Ctx, a: Assessment | undefined, kind: RegisterKind): string {
  if (!a) return 'not published';
  const band = bandLabel(c.model, a.score);
  return `${describeAssessment(a, kind)} (${band ? band.word : 'outside every band'})${a.by ? ` by ${a.by}` : ''}`;
}

export function riskSection(c: Ctx, item: AgendaEntry, id: string): string[] {
  if (c.pe.data.register === undefined) return noRegister(c);
  const v: EntryView | undefined = registerOf(c.model, c.period).find((x) => x.entry.id === id);
  if (!v) return [mdText(`${id} is not in the ${c.label} register.`)];
  const e = v.entry;
  const risk = e.kind === 'risk';
  const field = (label: string, value: string) => `- ${label}: ${mdInline(value)}`;
  const list = (title: string, items: readonly string[]) => [`**${title}**`, '', ...(items.length === 0 ? ['- none published'] : bullets(items))];
  return blocks(
    titleUnlessGiven(item, `${e.id} ${e.title}`),
    e.description ? paragraphs(e.description) : [],
    [
      field('Kind', risk ? 'Risk' : 'Opportunity'),
      ...(e.type ? [field('Type', e.type)] : []),
      ...(e.owner ? [field('Owner', e.owner)] : []),
      field('Inherent', assessmentText(c, e.inherent, e.kind)),
      field('Residual', assessmentText(c, e.residual, e.kind) + (v.aboveAppetite ? ', above the risk appetite' : '')),
      field('Target', assessmentText(c, e.target, e.kind)),
      field('Movement', movementText(v.movement, e.kind, c.g)),
      ...(e.direction ? [field('Direction of travel', e.direction)] : []),
    ],
    list('Consequences', e.consequences),
    list('Controls', e.controls),
    list(risk ? 'Mitigating actions' : 'Maximising actions', e.actions),
  );
}

export function gridTable(c: Ctx, kind: RegisterKind): string[] {
  const data = gridData(c.model, c.period, kind, 'residual');
  if (data.entries.length === 0) return [];
  const appetite = kind === 'risk' ? c.model.ev.dataset.catalogue.riskAppetite : undefined;
  const head = [`Impact / likelihood`, ...[1, 2, 3, 4, 5].map((l) => `${likelihoodWord(l)} (${l})`)];
  const rows = [5, 4, 3, 2, 1].map((impact) => [
    `${impactWord(impact, kind)} (${impact})`,
    ...[1, 2, 3, 4, 5].map((likelihood) => {
      const cell: Cell = { impact, likelihood };
      const score = impact * likelihood;
      const band = bandLabel(c.model, score);
      const ids = entriesIn(data, cell).map((e) => mdInline(e.view.entry.id));
      const above = appetite !== undefined && score > appetite ? ' !' : '';
      return `${score}${band ? ` ${band.word}` : ''}${above}${ids.length > 0 ? `: ${ids.join(', ')}` : ''}`;
    }),
  ]);
  const missing = unplaced(data, 'residual').map((u) => `- ${u.ids.map(mdInline).join(', ')}: ${mdInline(u.reason)}`);
  const title = kind === 'risk' ? 'Risks' : 'Opportunities';
  return blocks(
    [`### ${title}: residual scores`],
    mdTable(head, rows),
    appetite !== undefined ? [mdText(`! marks scores above the risk appetite of ${appetite}.`)] : [],
    missing.length > 0 ? ['Not placed on the grid:', '', ...missing] : [],
  );
}

export function heatgridSection(c: Ctx): string[] {
  if (c.pe.data.register === undefined) return noRegister(c);
  const out = blocks(gridTable(c, 'risk'), gridTable(c, 'opportunity'));
  return out.length > 0 ? out : [mdText(`The ${c.label} register is empty.`)];
}

export const OVER_WORDS: Readonly<Record<Over, string>> = { over: 'over', under: 'under', on: 'on budget', unknown: 'cannot be computed' };

export function overCell(r: FinanceRow, g: Glyphs): string {
  const symbol = r.over === 'over' ? g.direction.better : r.over === 'under' ? g.direction.worse : g.direction.same;
  return `${symbol} ${OVER_WORDS[r.over]}`;
}

export function financeSection(c: Ctx): string[] {
  const fin: Finance | undefined = c.pe.data.finance;
  if (!fin) return [mdText(`There is no finance table in ${c.label}.`)];
  const row = (r: FinanceRow, bold: boolean) => {
    const b = (s: string) => (bold ? `**${s}**` : s);
    return [b(mdInline(r.area)), b(r.budgetText), b(r.forecastText), b(r.varianceText), b(r.percentText), overCell(r, c.g)];
  };
  const stated = statedTotalLines(fin, c.g).map((l) => `- ${mdInline(plain(l))}`);
  return blocks(
    [mdText(`Budget monitoring, ${c.label} (${fin.unit}). Variance is forecast less budget; the total is the sum of the lines.`)],
    mdTable(['Area', 'Budget', 'Forecast', 'Variance', 'Var %', 'Over/under'], [...financeRows(fin).map((r) => row(r, false)), row(financeTotalRow(fin), true)], [1, 2, 3, 4]),
    stated,
  );
}


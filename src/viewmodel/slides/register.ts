// The register slides: the whole register (a table) and one entry (its three scores big,
// movement against the previous register).

import { impactWord, likelihoodWord } from '../../domain/risk.js';
import type { Assessment, RegisterKind } from '../../domain/types.js';
import { bigText } from '../bigtext.js';
import { bandLabel, registerOf, type EntryView } from '../register.js';
import { layoutRegister, movementText, noRegisterMessage, registerCell, registerRows, sortRegister } from '../register-screen.js';
import type { TableView } from '../screen.js';
import { clipLine, fit, seg, textWidth, type Line, type Segment, type Token } from '../styled.js';
import { beside, type Body, centre, centreBlock, type Ctx, headerLine, messageSlide, text, windowAt, bulletLines, headerLines } from './common.js';

// ---------------------------------------------------------------------------------------------
// register

export function registerSlide(ctx: Ctx, title: string): Body {
  const { model, g, width, height } = ctx;
  const data = model.ev.periods[ctx.period]?.data;
  if (!data?.register) return messageSlide(ctx, title, noRegisterMessage(model, ctx.period));
  const all = registerRows(model, ctx.period);
  if (all.length === 0) return messageSlide(ctx, title, `The ${ctx.label} register has no entries.`);
  const rows = sortRegister(all, 0);
  const risks = all.filter((r) => r.kind === 'risk').length;
  const above = all.filter((r) => r.aboveAppetite).length;
  const appetite = model.ev.dataset.catalogue.riskAppetite;
  const rising = all.filter((r) => r.kind === 'risk' && r.movement === 'up').length;
  const summary: Segment[] = [
    seg(`${risks} risk${risks === 1 ? '' : 's'}, ${all.length - risks} opportunit${all.length - risks === 1 ? 'y' : 'ies'}`, 'text.heading'),
    ...(appetite !== undefined ? [seg(` ${ctx.mark.dot} `), seg(`${above} above the appetite of ${appetite}`, above > 0 ? 'warning' : undefined)] : []),
    ...(rising > 0 ? [seg(` ${ctx.mark.dot} `), seg(`${rising} risen`, 'worse')] : []),
  ];
  const layout = layoutRegister(model, all, width);
  const lines: Line[] = [headerLine(ctx, title), clipLine(summary, width, g.ellipsis)];
  if (height >= lines.length + 4 + rows.length + 1) lines.push([]);
  let room = height - lines.length - 4;
  if (room < 1) return { lines: lines.slice(0, height) };
  const windowed = rows.length > room;
  if (windowed) room = Math.max(1, room - 1);
  const win = windowAt(rows, ctx.cursor, room);
  const table: TableView = {
    columns: layout.columns,
    rows: win.items.map((r) =>
      Object.fromEntries(
        layout.columns.map((c) => {
          const key = c.key;
          const cell = registerCell(model, key, r, layout.short);
          return [c.key, fit(key === 'id' ? `  ${cell}` : cell, c.width, c.align ?? 'left', g.ellipsis)];
        }),
      ),
    ),
    rowTokens: win.items.map((r) => (r.view.entry.residual ? (bandLabel(model, r.view.entry.residual.score)?.token ?? 'text') : 'text.muted')),
    cursorRow: -1,
    above: win.above > 0,
    below: win.below > 0,
  };
  const after: Line[] = windowed
    ? [text([...(win.above > 0 ? [`${ctx.mark.up} ${win.above} more above`] : []), ...(win.below > 0 ? [`${ctx.mark.down} ${win.below} more below`] : [])].join(` ${ctx.mark.dot} `), 'text.muted')]
    : [];
  return { lines, table, after, size: windowed ? rows.length - room + 1 : 1 };
}

// ---------------------------------------------------------------------------------------------
// risk:<id>

/** "Major × Likely" for an assessment with both parts; "score only" otherwise. */
export function placeWords(a: Assessment, kind: RegisterKind, ctx: Ctx): string {
  if (a.impact === undefined || a.likelihood === undefined) return 'score only';
  return `${impactWord(a.impact, kind)} ${ctx.mark.times} ${likelihoodWord(a.likelihood)}`;
}

export function scoreBlock(ctx: Ctx, name: string, a: Assessment | undefined, kind: RegisterKind, w: number, rows: number, main: boolean): { lines: Line[]; width: number } {
  const { model, g } = ctx;
  const band = a ? bandLabel(model, a.score) : undefined;
  const token: Token = band?.token ?? 'text.muted';
  const mid = (l: string, t?: Token): Line => text(fit(' '.repeat(Math.max(0, Math.floor((w - textWidth(l)) / 2))) + l, w, 'left', g.ellipsis), t);
  const figure = a ? (rows >= 3 ? bigText(String(a.score), g, w, { rows }) : [String(a.score)]) : rows >= 3 ? bigText('-', g, w, { rows }) : ['-'];
  return {
    width: w,
    lines: [
      mid(name, main ? 'text.title' : 'text.heading'),
      ...figure.map((l) => mid(l, token)),
      mid(a ? (band?.word ?? 'no band') : 'not published', a ? token : 'text.muted'),
      ...(a ? [mid(placeWords(a, kind, ctx), 'text.muted')] : []),
    ],
  };
}

export function riskSlide(ctx: Ctx, title: string, id: string): Body {
  const { model, g, width, height } = ctx;
  const v: EntryView | undefined = registerOf(model, ctx.period).find((x) => x.entry.id === id);
  if (!v) {
    const data = model.ev.periods[ctx.period]?.data;
    return messageSlide(ctx, title, data?.register ? `${id} is not in the ${ctx.label} register.` : noRegisterMessage(model, ctx.period));
  }
  const e = v.entry;
  const appetite = model.ev.dataset.catalogue.riskAppetite;
  // Since the register the movement is against (the one rule: register.ts), with its score then.
  const prevLabel = v.before ? v.since : undefined;
  const was = v.before?.residual?.score;
  const status: Segment[] = [
    seg(movementText(v.movement, e.kind, g), v.movement === 'up' ? (e.kind === 'risk' ? 'worse' : 'better') : v.movement === 'down' ? (e.kind === 'risk' ? 'better' : 'worse') : 'text.muted'),
    ...(prevLabel ? [seg(` since ${prevLabel}${was !== undefined ? ` (was ${was})` : ''}`, 'text.muted')] : v.movement === 'new' && v.since ? [seg(` this period (not in the ${v.since} register)`, 'text.muted')] : []),
    ...(v.aboveAppetite && appetite !== undefined ? [seg(`   ${ctx.mark.up} above the appetite of ${appetite}`, 'warning')] : []),
    ...(e.owner ? [seg(`   Owner: ${e.owner}`, 'text.muted')] : []),
  ];
  const subtitle: Line = [seg(`${e.id} ${ctx.mark.dot} ${e.kind === 'risk' ? 'Risk' : 'Opportunity'}`, 'text.heading'), ...(title.includes(e.title) ? [] : [seg(` ${ctx.mark.dot} ${e.title}`)]), ...(e.type ? [seg(` ${ctx.mark.dot} ${e.type}`, 'text.muted')] : [])];

  const scores = (rows: number): Line[] => {
    const gap = 4;
    const w = Math.floor((width - 2 * gap) / 3);
    if (w < 12) {
      // Too narrow for three columns: one line each.
      return (['inherent', 'residual', 'target'] as const).map((k) => {
        const a = e[k];
        const band = a ? bandLabel(model, a.score) : undefined;
        return clipLine([seg(fit(k.charAt(0).toUpperCase() + k.slice(1), 10), 'text.heading'), seg(a ? `${a.score} ${band?.word ?? ''}` : 'not published', band?.token ?? 'text.muted'), ...(a ? [seg(`  ${placeWords(a, e.kind, ctx)}`, 'text.muted')] : [])], width, g.ellipsis);
      });
    }
    const blocks = [scoreBlock(ctx, 'Inherent', e.inherent, e.kind, w, rows, false), scoreBlock(ctx, 'Residual', e.residual, e.kind, w, rows, true), scoreBlock(ctx, 'Target', e.target, e.kind, w, rows, false)];
    return centreBlock(beside(blocks, gap), width);
  };

  const sections = (room: number): Line[] => {
    const lists = [
      { name: 'Consequences', items: e.consequences.slice(0, 3) },
      { name: e.kind === 'risk' ? 'Actions' : 'Maximising actions', items: e.actions.slice(0, 3) },
    ].filter((x) => x.items.length > 0);
    if (lists.length === 0 || room < 2) return [];
    const two = lists.length === 2 && width >= 100;
    if (two) {
      const colW = Math.floor((width - 4) / 2);
      const cols = lists.map((l) => ({ lines: [text(l.name, 'text.title'), ...bulletLines(l.items, colW, room - 1, ctx)], width: colW }));
      return beside(cols, 4).slice(0, room);
    }
    const out: Line[] = [];
    const per = Math.max(1, Math.floor((room - lists.length * 1 - (lists.length - 1)) / lists.length));
    lists.forEach((l, i) => {
      const left = room - out.length - (i > 0 ? 1 : 0) - 1;
      if (left < 1) return;
      if (i > 0) out.push([]);
      out.push(text(l.name, 'text.title'));
      out.push(...bulletLines(l.items, width, i === lists.length - 1 ? left : Math.min(per, left), ctx));
    });
    return out.slice(0, room);
  };

  for (const rows of [5, 3, 1]) {
    for (const roomy of [true, false]) {
      const top: Line[] = [...headerLines(ctx, title, subtitle), ...(roomy ? [[]] : []), ...scores(rows), ...(roomy ? [[]] : []), centre(status, width, g.ellipsis)];
      const room = height - top.length - 1;
      const wanted = Math.min(3, e.consequences.length) + Math.min(3, e.actions.length);
      // Keep at least a line per list (and its heading) before going bigger.
      const need = wanted === 0 ? 0 : (e.consequences.length > 0 ? 2 : 0) + (e.actions.length > 0 ? 2 : 0) + (e.consequences.length > 0 && e.actions.length > 0 && width < 100 ? 1 : 0);
      if (top.length <= height && room >= (rows === 1 && !roomy ? 0 : need)) {
        const rest = sections(room);
        return { lines: [...top, ...(rest.length > 0 ? [[], ...rest] : [])].slice(0, height) };
      }
    }
  }
  return { lines: [headerLine(ctx, title), ...scores(1), centre(status, width, g.ellipsis)].slice(0, height) };
}



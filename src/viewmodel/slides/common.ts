// What every slide shares: the context it is drawn in, the drawing helpers (centring, blocks
// side by side, big figures, bullets, the heading), windows over long lists, RAG blocks.

import type { Rag } from '../../domain/types.js';
import { bigText } from '../bigtext.js';
import { RAG_WORDS, type Glyphs } from '../glyphs.js';
import { wrapLine } from '../kpi-detail.js';
import { type Model } from '../model.js';
import type { ScreenParams, TableView } from '../screen.js';
import { clipLine, fit, lineWidth, ragTokenOf, seg, textWidth, truncate, type Line, type Segment, type Token } from '../styled.js';
import { maxOf } from '../../domain/arrays.js';
import { RAGS_WORST_FIRST } from '../../domain/rag.js';


export type SlideParams = ScreenParams & { readonly meeting?: string };

/** What a slide builder returns; slideView adds the rest of the ScreenView. */
export interface Body {
  readonly lines: readonly Line[];
  readonly table?: TableView;
  readonly after?: readonly Line[];
  /** Scroll positions (1 when everything shows). */
  readonly size?: number;
}

export interface Ctx {
  readonly model: Model;
  readonly g: Glyphs;
  readonly width: number;
  readonly height: number;
  readonly period: number;
  readonly label: string;
  readonly cursor: number;
  readonly meeting?: string;
  readonly mark: { readonly dot: string; readonly bullet: string; readonly up: string; readonly down: string; readonly times: string; readonly dash: string };
}

// ---------------------------------------------------------------------------------------------
// Small drawing helpers.

export const text = (s: string, token?: Token): Line => [seg(s, token)];

/** Text wrapped at spaces to `width` (a word longer than that cut with the glyph set's ellipsis). */
export function wrapText(s: string, width: number, g: Glyphs): string[] {
  return wrapLine(text(s.replace(/\s+/g, ' ').trim()), Math.max(1, width), g.ellipsis).map((l) => l.map((x) => x.text).join(''));
}

/** A line centred in `width` (cut when wider). */
export function centre(line: Line, width: number, ellipsis: string): Line {
  const w = lineWidth(line);
  if (w >= width) return clipLine(line, width, ellipsis);
  return [seg(' '.repeat(Math.floor((width - w) / 2))), ...line];
}

/** A block of lines centred as one (the same left margin for each). */
export function centreBlock(lines: readonly Line[], width: number): Line[] {
  const w = Math.max(0, maxOf(lines.map(lineWidth)));
  const pad = Math.max(0, Math.floor((width - w) / 2));
  return lines.map((l) => (pad > 0 && l.length > 0 ? [seg(' '.repeat(pad)), ...l] : l));
}

/** Blocks (each a list of lines of one width) side by side, `gap` columns apart, top-aligned. */
export function beside(blocks: ReadonlyArray<{ readonly lines: readonly Line[]; readonly width: number }>, gap: number): Line[] {
  const rows = Math.max(0, maxOf(blocks.map((b) => b.lines.length)));
  return Array.from({ length: rows }, (_, r) =>
    blocks.flatMap((b, i): Segment[] => {
      const l = b.lines[r] ?? [];
      const pad = i === blocks.length - 1 ? 0 : Math.max(0, b.width - lineWidth(l)) + gap;
      return [...l, ...(pad > 0 ? [seg(' '.repeat(pad))] : [])];
    }),
  );
}

/** Big text as lines with one token; the plain fallback is one line. */
export function big(s: string, ctx: Ctx, width: number, rows: number, token: Token): Line[] {
  if (rows < 3) return [text(truncate(s, width, ctx.g.ellipsis), token)];
  return bigText(s, ctx.g, width, { rows }).map((l) => text(l, token));
}

/** Bulleted points wrapped under themselves, at most `maxLines` lines (each point's last line cut). */
export function bulletLines(points: readonly string[], width: number, maxLines: number, ctx: Ctx, token?: Token): Line[] {
  const mark = `${ctx.mark.bullet} `;
  const inner = Math.max(4, width - mark.length);
  const wrapped = points.map((p) => wrapText(p, inner, ctx.g));
  // Lines per point: all of each when they fit, else share the room out, the first points first.
  const counts = wrapped.map((w) => w.length);
  let total = counts.reduce((a, b) => a + b, 0);
  while (total > maxLines) {
    const most = counts.indexOf(maxOf(counts));
    if ((counts[most] ?? 0) <= 1) break;
    counts[most] = (counts[most] ?? 1) - 1;
    total -= 1;
  }
  const out: Line[] = [];
  wrapped.forEach((rows, i) => {
    const n = counts[i] ?? 0;
    if (out.length + Math.max(1, n) > maxLines) return;
    rows.slice(0, n).forEach((r, k) => {
      const cut = k === n - 1 && n < rows.length ? truncate(`${r} ${rows[k + 1] ?? ''}`, inner, ctx.g.ellipsis) : r;
      out.push([seg(k === 0 ? mark : ' '.repeat(mark.length), 'text.muted'), seg(cut, token)]);
    });
  });
  return out;
}

/**
 * The slide's heading: the item's title with the meeting and period at the right, then a
 * sub-title. A title too long for its line wraps onto a second (on a screen of 20 lines or more),
 * the period moving to the sub-title's line.
 */
export function headerLines(ctx: Ctx, title: string, subtitle?: string | Line, allowWrap = ctx.height >= 20): Line[] {
  const { width, g } = ctx;
  const sub: Line | undefined = subtitle === undefined ? undefined : typeof subtitle === 'string' ? text(subtitle, 'text.muted') : subtitle;
  const right = ctx.meeting === undefined ? ctx.label : ctx.meeting.includes(ctx.label) ? ctx.meeting : `${ctx.meeting} ${ctx.mark.dot} ${ctx.label}`;
  const withRight = (l: Line, r: string): Line | undefined => (lineWidth(l) + 3 + textWidth(r) <= width ? [...l, seg(' '.repeat(width - lineWidth(l) - textWidth(r))), seg(r, 'text.muted')] : undefined);
  const first = withRight(text(title, 'text.title'), right) ?? withRight(text(title, 'text.title'), ctx.label);
  if (first) return [first, ...(sub ? [clipLine(sub, width, g.ellipsis)] : [])];
  if (!allowWrap) return [clipLine(text(title, 'text.title'), width, g.ellipsis), ...(sub ? [clipLine(sub, width, g.ellipsis)] : [])];
  const wrapped = wrapText(title, width, g);
  const two = [wrapped[0] ?? '', truncate(wrapped.slice(1).join(' '), width, g.ellipsis)].filter((t) => t !== '');
  // A title that fills its line alone, with nothing under it: the period gives way.
  if (!sub && two.length === 1) return [text(two[0] ?? '', 'text.title')];
  const subLine = sub ? (withRight(clipLine(sub, Math.max(0, width - textWidth(ctx.label) - 3), g.ellipsis), ctx.label) ?? clipLine(sub, width, g.ellipsis)) : (withRight([], ctx.label) ?? []);
  return [...two.map((t) => text(t, 'text.title')), subLine];
}

/** The heading on one line (the title cut to fit). */
export function headerLine(ctx: Ctx, title: string): Line {
  return headerLines(ctx, title, undefined, false)[0] ?? [];
}

/** The first `rows` of a list from scroll offset `offset`, with whether more is above or below. */
export function windowAt<T>(items: readonly T[], offset: number, rows: number): { start: number; items: readonly T[]; above: number; below: number } {
  const r = Math.max(1, rows);
  const start = Math.max(0, Math.min(offset, items.length - r));
  const shown = items.slice(start, start + r);
  return { start, items: shown, above: start, below: Math.max(0, items.length - start - shown.length) };
}

/** The domain's severity order, worst first. */
export const RAG_ORDER: readonly Rag[] = RAGS_WORST_FIRST;

/** "target 95%"; a published target that already says so ("Target year 5 is 2.88%") as it is. */
export function targetPhrase(t: string, word = 'target'): string {
  return /^target\b/i.test(t) ? t : `${word} ${t}`;
}

export function ragWord(rag: Rag, g: Glyphs): string {
  return `${g.rag[rag]} ${RAG_WORDS[rag]}`;
}


export function countBlocks(counts: ReadonlyArray<{ readonly rag: Rag; readonly n: number }>, ctx: Ctx, rows: number): Line[] {
  const g = ctx.g;
  if (rows < 3) {
    const line: Segment[] = counts.flatMap((c, i) => [...(i > 0 ? [seg('    ')] : []), seg(`${g.rag[c.rag]} ${c.n} ${RAG_WORDS[c.rag].toLowerCase()}`, ragTokenOf(c.rag))]);
    return [centre(line, ctx.width, g.ellipsis)];
  }
  const blocks = counts.map((c) => {
    const figure = bigText(String(c.n), g, ctx.width, { rows });
    const label = ragWord(c.rag, g);
    const w = Math.max(textWidth(figure[0] ?? ''), textWidth(label));
    const lines: Line[] = [...figure.map((l) => text(fit(' '.repeat(Math.floor((w - textWidth(l)) / 2)) + l, w, 'left', g.ellipsis), ragTokenOf(c.rag))), text(fit(' '.repeat(Math.floor((w - textWidth(label)) / 2)) + label, w, 'left', g.ellipsis), ragTokenOf(c.rag))];
    return { lines, width: w };
  });
  const gap = rows >= 5 ? 8 : 5;
  const total = blocks.reduce((n, b) => n + b.width, 0) + gap * (blocks.length - 1);
  if (total > ctx.width) return countBlocks(counts, ctx, rows === 5 ? 3 : 1);
  return centreBlock(beside(blocks, gap), ctx.width);
}

/**
 * A list in `rows` lines from scroll offset `ctx.cursor`: a "▲ n more above" line when scrolled
 * down, a "▼ n more below" line when there is more; `size` is how far it scrolls.
 */
export function scrolled(items: readonly Line[], rows: number, ctx: Ctx, heading?: (l: Line) => boolean): { lines: Line[]; size: number } {
  const r = Math.max(1, rows);
  if (items.length <= r) return { lines: [...items], size: 1 };
  // The last window: a line above, the rest of the list.
  const last = Math.max(0, items.length - (r - 1));
  const start = Math.max(0, Math.min(ctx.cursor, last));
  let room = Math.max(1, r - (start > 0 ? 1 : 0) - (start + r - (start > 0 ? 1 : 0) < items.length ? 1 : 0));
  // A heading is not left at the foot of the window without what it heads.
  const foot = items[start + room - 1];
  if (room > 1 && start + room < items.length && foot && heading?.(foot)) room -= 1;
  const shown = items.slice(start, start + room);
  const below = items.length - start - shown.length;
  return {
    lines: [
      ...(start > 0 ? [text(`${ctx.mark.up} ${start} more above`, 'text.muted')] : []),
      ...shown,
      ...(below > 0 ? [text(`${ctx.mark.down} ${below} more below`, 'text.muted')] : []),
    ].slice(0, r),
    size: last + 1,
  };
}

/** Items (each one or more lines) with a blank line between them when there is room for it. */
export function spaced(items: readonly (readonly Line[])[], rows: number): Line[] {
  const total = items.reduce((n, it) => n + it.length, 0);
  if (total + items.length - 1 > rows) return items.flat();
  return items.flatMap((it, i) => (i === 0 ? [...it] : [[], ...it]));
}


export function messageSlide(ctx: Ctx, title: string, message: string): Body {
  return { lines: [headerLine(ctx, title), [], ...wrapText(message, ctx.width, ctx.g).map((l) => text(l, 'text.muted'))].slice(0, ctx.height) };
}


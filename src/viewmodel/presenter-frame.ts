// Presenter mode's footer: where the meeting is, and the time, for the person driving the screen.

import type { Glyphs } from './glyphs.js';
import { clipLine, seg, textWidth, type Line } from './styled.js';

/** Past this many hours a clock reads ">9999h": an agenda's `minutes:` or a peer's state may be any number. */
const MAX_HOURS = 9999;

/**
 * m:ss (or h:mm:ss) for a duration in milliseconds: whole seconds, never negative (the clocks of
 * two processes may differ), ">9999h" past that (and for a budget that overflows), never NaN.
 */
export function clock(ms: number): string {
  if (Number.isNaN(ms) || ms >= (MAX_HOURS + 1) * 3_600_000) return `>${MAX_HOURS}h`;
  const s = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const ss = String(s % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`;
}

export interface PresenterFooter {
  readonly item: number;
  readonly count: number;
  readonly title: string;
  /** Milliseconds since the meeting and the item started. */
  readonly meetingMs: number;
  readonly itemMs: number;
  /** The item's budget in minutes, from the agenda. */
  readonly minutes?: number;
  /** Digits typed to jump to an item. */
  readonly digits?: string;
  /** The slide goes on below the screen (↓ scrolls it). */
  readonly more?: boolean;
}

/** "item 3 / 17 · title  ███░░░  meeting 12:03 · item 2:10 / 5:00", with an overrun warning. */
export function presenterFooter(f: PresenterFooter, width: number, glyphs: Glyphs): Line {
  const budgetMs = f.minutes === undefined ? undefined : f.minutes * 60_000;
  const over = budgetMs !== undefined && f.itemMs > budgetMs;
  const dot = ` ${glyphs.dot} `;
  const time: Line = [
    ...(f.more ? [seg(`${glyphs.down} more  `, 'text.title')] : []),
    seg(`meeting ${clock(f.meetingMs)}${dot}item ${clock(f.itemMs)}`, 'text.muted'),
    ...(budgetMs === undefined ? [] : [seg(` / ${clock(budgetMs)}`, 'text.muted')]),
    ...(over ? [seg(` ${glyphs.warning} over by ${clock(f.itemMs - (budgetMs ?? 0))}`, 'warning')] : []),
  ];
  const jump: Line = f.digits ? [seg(`  go to ${f.digits}${glyphs.bar}`, 'focus')] : [];
  const head = `item ${f.item + 1} / ${f.count}${dot}`;
  const timeW = time.reduce((n, s) => n + textWidth(s.text), 0) + jump.reduce((n, s) => n + textWidth(s.text), 0);
  // The progress bar gives way before the title gets under 10 columns.
  const wanted = Math.max(0, Math.min(20, Math.floor(width / 8)));
  const barW = width - textWidth(head) - timeW - (wanted + 4) >= 10 ? wanted : 0;
  // Never outside the bar, whatever the item and count (a reload may shorten the agenda).
  const done = f.count <= 1 ? barW : Math.max(0, Math.min(barW, Math.round(((f.item + 1) / f.count) * barW)));
  const bar: Line = barW > 0 ? [seg('  '), seg(glyphs.bar.repeat(done), 'text.title'), seg(glyphs.shade.repeat(barW - done), 'text.muted'), seg('  ')] : [seg('  ')];
  const barWidth = barW > 0 ? barW + 4 : 2;
  const titleW = Math.max(4, width - textWidth(head) - barWidth - timeW);
  const title = clipLine([seg(f.title)], titleW, glyphs.ellipsis);
  const pad = Math.max(0, titleW - title.reduce((n, s) => n + textWidth(s.text), 0));
  return clipLine([seg(head, 'text.title'), ...title, seg(' '.repeat(pad)), ...bar, ...time, ...jump], width, glyphs.ellipsis);
}

// Titles in a list that must share a column: cut so that the rows still tell apart. One rule for
// the KPI table, the overview, the priority list and the slides.

import { textWidth, truncate } from './styled.js';

/** The least of what tells a title apart that an end cut must show (else it is cut in the middle). */
const MIN_SHOWN = 6;

export interface Titled {
  readonly title: string;
  /** The catalogue's short title, used where the title does not fit. */
  readonly short?: string;
}

/** The characters `a` and `b` start with alike, backed off to the start of the word they part in. */
function commonStart(a: string, b: string): number {
  let n = 0;
  while (n < a.length && a[n] === b[n]) n += 1;
  if (n === a.length && n === b.length) return n;
  while (n > 0 && a[n - 1] !== ' ') n -= 1;
  return n;
}

/**
 * `s` cut in the middle to `width` columns: its start (at least a third of the room: what the list
 * is about), the ellipsis, then from where the texts it is confused with part (`from`), cut at the
 * end if that is still too long ("Safety carr…7 working days (non…").
 */
function middle(s: string, width: number, ellipsis: string, from: number): string {
  const ew = textWidth(ellipsis);
  const room = width - ew;
  if (room <= 2 || from <= 0) return truncate(s, width, ellipsis);
  const differing = s.slice(from);
  // Its first columns (truncate with no ellipsis: whole characters).
  const start = truncate(s, Math.max(Math.ceil(room / 3), room - textWidth(differing)), '').trimEnd();
  return `${start}${ellipsis}${truncate(differing, width - textWidth(start) - ew, ellipsis)}`;
}

/** A title being fitted: what is cut (the title or its short title), the cut, and how far it starts like another. */
interface TitleRow {
  readonly base: string;
  out: string;
  shared: number;
}

/**
 * Each title as it fits `width` columns: the title; else its short title when that fits; else cut
 * at the end, unless that shows little or nothing of what tells it from another title of the list
 * (they start alike: "Lancashire will be the place to …"), when it is cut in the middle instead,
 * keeping the part that tells them apart ("Safety carr…4 hours (emergency)").
 */
export function distinctTitles(items: readonly Titled[], width: number, ellipsis: string): string[] {
  const rows = items.map((it): TitleRow => {
    const base = textWidth(it.title) <= width || it.short === undefined ? it.title : it.short;
    return { base, out: truncate(base, width, ellipsis), shared: 0 };
  });
  const cut = rows.filter((r) => r.out !== r.base);
  if (cut.length === 0 || width <= textWidth(ellipsis) + 2) return rows.map((r) => r.out);
  // How far each title starts like another (the longest shared start is with a neighbour in order).
  const order = [...rows].sort((x, y) => (x.base < y.base ? -1 : x.base > y.base ? 1 : 0));
  order.forEach((y, k) => {
    const x = order[k - 1];
    if (!x) return;
    const n = commonStart(x.base, y.base);
    x.shared = Math.max(x.shared, n);
    y.shared = Math.max(y.shared, n);
  });
  const room = width - textWidth(ellipsis);
  const seen = new Map<string, number>();
  for (const r of cut) seen.set(r.out, (seen.get(r.out) ?? 0) + 1);
  for (const r of cut) {
    if (r.shared <= 0 || r.shared >= r.base.length) continue;
    // Cut in the middle when the end cut reads like another row's, or shows almost nothing (fewer
    // than MIN_SHOWN columns) of what follows the start it shares with another.
    const alike = (seen.get(r.out) ?? 0) > 1;
    if (alike || room - textWidth(r.base.slice(0, r.shared)) < MIN_SHOWN) r.out = middle(r.base, width, ellipsis, r.shared);
  }
  return rows.map((r) => r.out);
}

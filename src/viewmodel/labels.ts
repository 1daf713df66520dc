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

/**
 * Each title as it fits `width` columns: the title; else its short title when that fits; else cut
 * at the end, unless that shows little or nothing of what tells it from another title of the list
 * (they start alike: "Lancashire will be the place to …"), when it is cut in the middle instead,
 * keeping the part that tells them apart ("Safety carr…4 hours (emergency)").
 */
export function distinctTitles(items: readonly Titled[], width: number, ellipsis: string): string[] {
  const bases = items.map((it) => (textWidth(it.title) <= width || it.short === undefined ? it.title : it.short));
  const out = bases.map((b) => truncate(b, width, ellipsis));
  const cut = bases.flatMap((b, i) => (out[i] === b ? [] : [i]));
  if (cut.length === 0 || width <= textWidth(ellipsis) + 2) return out;
  // How far each title starts like another (the longest shared start is with a neighbour in order).
  const order = bases.map((_, i) => i).sort((x, y) => ((bases[x] as string) < (bases[y] as string) ? -1 : (bases[x] as string) > (bases[y] as string) ? 1 : 0));
  const shared = new Array<number>(bases.length).fill(0);
  for (let k = 1; k < order.length; k++) {
    const x = order[k - 1] as number;
    const y = order[k] as number;
    const n = commonStart(bases[x] as string, bases[y] as string);
    shared[x] = Math.max(shared[x] as number, n);
    shared[y] = Math.max(shared[y] as number, n);
  }
  const room = width - textWidth(ellipsis);
  const seen = new Map<string, number>();
  for (const i of cut) seen.set(out[i] as string, (seen.get(out[i] as string) ?? 0) + 1);
  for (const i of cut) {
    const from = shared[i] as number;
    const base = bases[i] as string;
    if (from <= 0 || from >= base.length) continue;
    // Cut in the middle when the end cut reads like another row's, or shows almost nothing (fewer
    // than MIN_SHOWN columns) of what follows the start it shares with another.
    const alike = (seen.get(out[i] as string) ?? 0) > 1;
    if (alike || room - textWidth(base.slice(0, from)) < MIN_SHOWN) out[i] = middle(base, width, ellipsis, from);
  }
  return out;
}

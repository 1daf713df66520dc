// The help overlay: the keys of the scopes the app is in first (presenting, the heat grid …), then
// the rest of the key table, each scope under its own heading. Generated from the keymap.
import { clipLine, fit, seg, type Line } from '../../viewmodel/styled.js';
import { CATEGORIES, KEYMAP, SCOPE_TITLES, type Scope } from '../keys/keymap.js';

/** The order scopes are listed in after the current ones (the notes window has its own help). */
const ORDER: readonly Scope[] = ['presenting', 'goto', 'index', 'grid', 'analyst', 'filter', 'command', 'global'];

function scopeBlocks(scope: Scope): Line[][] {
  const specs = KEYMAP.filter((k) => k.scope === scope);
  // The keys column as wide as the scope's longest label (at most 16; a longer one is cut).
  const w = Math.min(16, Math.max(...specs.map((k) => [...k.label].length)) + 1);
  const line = (k: (typeof specs)[number]): Line => [seg(fit(k.label, w), 'text.title'), seg(k.description)];
  const heading: Line = [seg(SCOPE_TITLES[scope], 'text.heading')];
  // Browsing is long: one block per category, so two columns can split it.
  if (scope !== 'analyst') return [[heading, ...specs.map(line)]];
  return CATEGORIES.flatMap((cat, i) => {
    const rows = specs.filter((k) => k.category === cat).map(line);
    return rows.length === 0 ? [] : [[...(i === 0 || cat === 'Move' ? [heading] : []), [seg(cat, 'text.muted')], ...rows]];
  });
}

/** The help for `current` (the scopes the keys are looked up in, most specific first). */
export function helpLines(width: number, height: number, current: readonly Scope[] = ['global', 'analyst']): Line[] {
  const first: Scope[] = current.filter((s) => s !== 'global' && s !== 'help');
  const scopes = [...first, ...ORDER.filter((s) => !first.includes(s))];
  const blocks: Line[][] = scopes.flatMap(scopeBlocks);
  const closing: Line = [seg('Any key closes this help; q then does what q does where you were.', 'text.muted')];
  const single = blocks.flatMap((b) => [...b, []]);
  const columns = width >= 80 && single.length > height ? 2 : 1;
  if (columns === 1) return [...single.slice(0, height - 1), closing].map((l) => clipLine(l, width));
  const colW = Math.floor(width / 2) - 1;
  const left: Line[] = [];
  const right: Line[] = [];
  const half = Math.ceil(single.length / 2);
  for (const b of blocks) (left.length < half ? left : right).push(...b, []);
  const rows = Math.max(left.length, right.length);
  const out: Line[] = [];
  for (let i = 0; i < rows && out.length < height - 1; i++) {
    const l = clipLine(left[i] ?? [], colW);
    const pad = colW - l.reduce((n, s) => n + [...s.text].length, 0);
    out.push([...l, seg(' '.repeat(Math.max(0, pad) + 2)), ...clipLine(right[i] ?? [], colW)]);
  }
  out.push(closing);
  return out.map((l) => clipLine(l, width));
}

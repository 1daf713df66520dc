// The help overlay: the keys of the scopes the app is in first (presenting, the heat grid …), then
// as many of the other scopes as fit, each under its own heading. Generated from the keymap. The
// lines flow down one column, or two from 80 columns; when the current scopes do not fit, the
// blank lines and then the category titles inside a scope give way before anything is cut.
import { clipLine, fit, seg, type Line } from '../../viewmodel/styled.js';
import { CATEGORIES, KEYMAP, SCOPE_TITLES, type Scope } from '../keys/keymap.js';

/** The order scopes are listed in after the current ones (the notes window has its own help). */
const ORDER: readonly Scope[] = ['presenting', 'goto', 'index', 'grid', 'analyst', 'filter', 'command', 'global'];

/** How much room a scope's list takes: 2 with category titles and blank lines, 1 without the blanks, 0 flat. */
type Detail = 0 | 1 | 2;

function scopeLines(scope: Scope, detail: Detail): Line[] {
  const specs = KEYMAP.filter((k) => k.scope === scope);
  // The keys column as wide as the scope's longest label (at most 16; a longer one is cut).
  const w = Math.min(16, Math.max(...specs.map((k) => [...k.label].length)) + 1);
  const line = (k: (typeof specs)[number]): Line => [seg(fit(k.label, w), 'text.title'), seg(k.description)];
  const heading: Line = [seg(SCOPE_TITLES[scope], 'text.heading')];
  const cats = CATEGORIES.filter((cat) => specs.some((k) => k.category === cat));
  if (detail === 0 || cats.length <= 1) return [heading, ...specs.map(line)];
  return [
    heading,
    ...cats.flatMap((cat, i) => [...(i > 0 && detail === 2 ? [[]] : []), [seg(cat, 'text.muted')], ...specs.filter((k) => k.category === cat).map(line)]),
  ];
}

/** Blocks one after another, a blank line between. */
function joined(blocks: readonly Line[][]): Line[] {
  return blocks.flatMap((b, i) => (i === 0 ? b : [[], ...b]));
}

/** The help for `current` (the scopes the keys are looked up in, most specific first). */
export function helpLines(width: number, height: number, current: readonly Scope[] = ['global', 'analyst']): Line[] {
  const columns = width >= 80 ? 2 : 1;
  const perColumn = Math.max(1, height - 1);
  const room = columns * perColumn;
  const first: Scope[] = [...current.filter((s) => s !== 'global' && s !== 'help'), 'global'];
  let lines: Line[] = [];
  for (const detail of [2, 1, 0] as const) {
    lines = joined(first.map((s) => scopeLines(s, detail)));
    if (lines.length <= room) break;
  }
  // The other scopes, each whole where it fits.
  for (const scope of ORDER.filter((s) => !first.includes(s))) {
    const block = scopeLines(scope, 2);
    if (lines.length + 1 + block.length <= room) lines = [...lines, [], ...block];
  }
  const cut = lines.length > room;
  const closing: Line = [seg(`${cut ? 'More in ragtop --help. ' : ''}Any key closes this help; q then does what q does where you were.`, 'text.muted')];
  // Flow down the columns; a column does not start with a blank line.
  const cols: Line[][] = [];
  let rest = lines;
  for (let c = 0; c < columns; c++) {
    while (rest.length > 0 && (rest[0]?.length ?? 0) === 0) rest = rest.slice(1);
    cols.push(rest.slice(0, perColumn));
    rest = rest.slice(perColumn);
  }
  if (columns === 1) return [...(cols[0] ?? []), closing].map((l) => clipLine(l, width));
  const colW = Math.floor(width / 2) - 1;
  const rows = Math.max(...cols.map((c) => c.length));
  const out: Line[] = [];
  for (let i = 0; i < rows; i++) {
    const l = clipLine(cols[0]?.[i] ?? [], colW);
    const pad = colW - l.reduce((n, s) => n + [...s.text].length, 0);
    out.push([...l, seg(' '.repeat(Math.max(0, pad) + 2)), ...clipLine(cols[1]?.[i] ?? [], colW)]);
  }
  out.push(closing);
  return out.map((l) => clipLine(l, width));
}

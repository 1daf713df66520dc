// The help overlay: every key from the keymap, grouped by category.
import { clipLine, fit, seg, type Line } from '../../viewmodel/styled.js';
import { CATEGORIES, KEYMAP } from '../keys/keymap.js';

export function helpLines(width: number, height: number): Line[] {
  const blocks: Line[][] = CATEGORIES.map((cat) => [
    [seg(cat, 'text.heading')],
    ...KEYMAP.filter((k) => k.category === cat).map((k): Line => [seg(fit(k.label, 7), 'text.title'), seg(k.description)]),
  ]);
  const single = blocks.flatMap((b) => [...b, []]);
  const columns = width >= 80 && single.length > height ? 2 : 1;
  if (columns === 1) return [...single.slice(0, height - 1), [seg('Any key closes this help; q quits.', 'text.muted')]].map((l) => clipLine(l, width));
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
  out.push([seg('Any key closes this help; q quits.', 'text.muted')]);
  return out.map((l) => clipLine(l, width));
}

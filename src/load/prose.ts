// Where a piece of prose sits in its file, line by line, so that a finding about one statement in
// a long commentary points at the statement's own line. A block scalar (`|`, `>`) starts on the line
// after its indicator; a plain or quoted one where its value starts. Its later lines are those
// indented deeper than the line it starts on (a block scalar, or a plain scalar folded over lines).

import type { Loc, Prose } from '../domain/types.js';

/** Where a text runs in its file: the part of `Prose` the file gives. */
export type ProseStart = Pick<Prose, 'line' | 'col' | 'breaks' | 'cols'>;

const indentOf = (s: string): number => s.length - s.trimStart().length;

/** Where `text`, the value written at `at`, runs in `lines` (the file's lines). */
export function proseStart(lines: readonly string[] | undefined, at: Loc, text: string): ProseStart {
  const first = lines?.[at.line - 1];
  if (lines === undefined || first === undefined) return { line: at.line, col: at.col, breaks: [], cols: [] };
  const base = indentOf(first);
  const ch = first[at.col - 1];
  const block = ch === '|' || ch === '>';
  let line = at.line;
  let col = at.col;
  let offset = 0;
  const breaks: number[] = [];
  const cols: number[] = [];
  let i = at.line;
  if (block) {
    while (i < lines.length && (lines[i] ?? '').trim() === '') i++;
    if (i >= lines.length || indentOf(lines[i] ?? '') <= base) return { line: at.line, col: at.col, breaks: [], cols: [] };
    line = i + 1;
    col = indentOf(lines[i] ?? '') + 1;
    offset = (lines[i] ?? '').trim().length + 1;
    i++;
  } else {
    offset = first.slice(at.col - 1).trim().length + (ch === '"' || ch === "'" ? 0 : 1);
  }
  for (; i < lines.length && offset < text.length; i++) {
    const l = lines[i] ?? '';
    if (l.trim() !== '' && indentOf(l) <= base) break;
    breaks.push(offset);
    cols.push(indentOf(l) + 1);
    offset += l.trim().length + 1;
  }
  return { line, col, breaks, cols };
}

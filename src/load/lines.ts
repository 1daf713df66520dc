// Offsets into a file and the line:col a finding shows. The load keeps where things are written
// as offsets (numbers held in place) and turns one into a Loc only when something asks for it: at
// the largest data sets, one Loc object per value was most of the memory the data held.

import type { Loc } from '../domain/types.js';

/**
 * A file's line starts. Plain data (a name and a typed array), so that it crosses to and from a
 * worker thread with what points into it, once per file.
 */
export interface LineStarts {
  readonly file: string;
  /** The offset at which each line begins; the first is 0. */
  readonly starts: Int32Array;
}

/** The line starts of a text (lines end at \n: the text has been through lineEnds). */
export function lineStarts(file: string, text: string): LineStarts {
  let n = 1;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) n++;
  const starts = new Int32Array(n);
  n = 1;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts[n++] = i + 1;
  return { file, starts };
}

/** The line and column of an offset (both from 1). */
export function locate(lines: LineStarts, offset: number): Loc {
  const s = lines.starts;
  let lo = 0;
  let hi = s.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((s[mid] ?? 0) <= offset) lo = mid;
    else hi = mid - 1;
  }
  return { file: lines.file, line: lo + 1, col: offset - (s[lo] ?? 0) + 1 };
}

// An observation's own target (`target:` in a period file) as one spreadsheet cell: `export
// --format xlsx` writes it, `import` reads it back. A number is a number cell; the other kinds are
// text that reads as what it says and parses back to the same target:
//
//   { min: 98.8, max: 99.2 }    → between 98.8 and 99.2
//   { benchmark: national }     → benchmark national
//   { change: decrease }        → change decrease
//
// The words are read case-insensitively and runs of spaces as one; a number is plain (no grouping,
// no unit); a benchmark's name is kept as written.

import type { Target } from './types.js';

/** A number as plain text: no grouping, no exponent for the figures a period file holds. */
function plain(n: number): string {
  // Up to 10 decimals, trailing zeros dropped (99.2, not 99.2000000000).
  return Number.isInteger(n) ? String(n) : String(Number(n.toFixed(10)));
}

/** The cell of a target: the number itself, or its text form. */
export function recordedTargetCell(target: Target): number | string {
  switch (target.kind) {
    case 'value':
      return target.value;
    case 'band':
      return `between ${plain(target.min)} and ${plain(target.max)}`;
    case 'benchmark':
      return `benchmark ${target.name}`;
    case 'change':
      return `change ${target.direction}`;
  }
}

const NUMBER = '(-?\\d+(?:\\.\\d+)?(?:e[+-]?\\d+)?)';
const BARE = new RegExp(`^${NUMBER}$`, 'i');
const BAND = new RegExp(`^between ${NUMBER} and ${NUMBER}$`, 'i');
/** A benchmark's name is any one-line name: kept as written (only the word `benchmark` is read case-insensitively). */
const BENCHMARK = /^benchmark (\S.*)$/i;
const CHANGE = /^change (increase|decrease)$/i;

/**
 * The target a cell's text stands for, or undefined when it is none of the text forms (a bare
 * number as text reads as a value target). A band's bounds are returned as written: whether min ≤
 * max is for the loader's rules to say.
 */
export function parseRecordedTarget(text: string): Target | undefined {
  const s = text.trim().replace(/\s+/g, ' ');
  const bare = BARE.exec(s);
  if (bare?.[1] !== undefined) return { kind: 'value', value: Number(bare[1]) };
  const band = BAND.exec(s);
  if (band?.[1] !== undefined && band[2] !== undefined) return { kind: 'band', min: Number(band[1]), max: Number(band[2]) };
  const benchmark = BENCHMARK.exec(s);
  if (benchmark?.[1] !== undefined) return { kind: 'benchmark', name: benchmark[1] };
  const change = CHANGE.exec(s)?.[1]?.toLowerCase();
  if (change === 'increase' || change === 'decrease') return { kind: 'change', direction: change };
  return undefined;
}

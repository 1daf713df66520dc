// An observation's own target (`target:` in a period file) as one spreadsheet cell: `export
// --format xlsx` writes it, `import` reads it back. A number is a number cell; the other kinds are
// text that reads as what it says and parses back to the same target:
//
//   { min: 98.8, max: 99.2 }    → between 98.8 and 99.2
//   { benchmark: national }     → benchmark national
//   { change: decrease }        → change decrease
//
// The words are read case-insensitively and runs of spaces as one; a benchmark's name is kept as
// written. Written plain (no grouping, no unit); read as people also type them (see below).

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

/** The text form of a target, as `import` compares and shows it (`--force`'s old → new). */
export function recordedTargetText(target: Target): string {
  const cell = recordedTargetCell(target);
  return typeof cell === 'number' ? plain(cell) : cell;
}

/**
 * A target as a cell's text gives it, its numbers as written (the reader keeps their decimals and
 * says what a `%` or a thousands separator means for the metric): `12`, a band (`between 98.8
 * and 99.2`, or as people type one: `98.8-99.2`, `98.8 – 99.2`, `98.8 to 99.2`), `benchmark
 * national`, `change decrease`.
 */
export type TargetWords = TargetForm<string>;

/** A target's kinds with its numbers held as `N`: as written (TargetWords), or as import reads them. */
export type TargetForm<N> =
  | { readonly kind: 'value'; readonly value: N }
  | { readonly kind: 'band'; readonly min: N; readonly max: N }
  | { readonly kind: 'benchmark'; readonly name: string }
  | { readonly kind: 'change'; readonly direction: 'increase' | 'decrease' };

const NUMBER = '(-?[\\d.,]*\\d%?)';
const BARE = new RegExp(`^${NUMBER}$`);
const BAND = new RegExp(`^(?:between ${NUMBER} and ${NUMBER}|${NUMBER} ?(?:-|–|to) ?${NUMBER})$`, 'i');
/** A benchmark's name is any one-line name: kept as written (only the word `benchmark` is read case-insensitively). */
const BENCHMARK = /^benchmark (\S.*)$/i;
const CHANGE = /^change (increase|decrease)$/i;

/**
 * The target a cell's text stands for, or undefined when it is none of the text forms. A band's
 * bounds are returned as written: whether min ≤ max is for the reader to say.
 */
export function parseRecordedTarget(text: string): TargetWords | undefined {
  const s = text.trim().replace(/\s+/g, ' ');
  const bare = BARE.exec(s)?.[1];
  if (bare !== undefined) return { kind: 'value', value: bare };
  const band = BAND.exec(s);
  const min = band?.[1] ?? band?.[3];
  const max = band?.[2] ?? band?.[4];
  if (min !== undefined && max !== undefined) return { kind: 'band', min, max };
  const benchmark = BENCHMARK.exec(s);
  if (benchmark?.[1] !== undefined) return { kind: 'benchmark', name: benchmark[1] };
  const change = CHANGE.exec(s)?.[1]?.toLowerCase();
  if (change === 'increase' || change === 'decrease') return { kind: 'change', direction: change };
  return undefined;
}

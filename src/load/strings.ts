// Strings kept from a file must not keep the file. V8 makes a substring of 13 characters or more
// as a slice: a pointer into the string it was cut from. A note, a title or an as-of date read by
// a parser is such a slice of the file's whole text, so one kept note kept the whole file (at the
// benchmark's L size, 40 period files' text, 29 MB, held by their notes after the load).

import { Buffer } from 'node:buffer';

/** V8's shortest sliced string: anything shorter is already a copy. */
const SLICE_MIN = 13;
const SURROGATE = /[\uD800-\uDFFF]/;

/** The same text in a string of its own (not a slice of a larger one). */
export function detach(s: string): string {
  if (s.length < SLICE_MIN) return s;
  // Through UTF-8 and back makes a new flat string; a lone surrogate (which UTF-8 cannot hold) is
  // kept exactly by joining the code units instead.
  return SURROGATE.test(s) ? s.split('').join('') : Buffer.from(s, 'utf8').toString('utf8');
}

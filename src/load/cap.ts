// Load errors are capped per file and code: a file with a load error cannot load anyway, and a
// hostile file can hold hundreds of thousands of them (every key unknown, every id renamed). The
// first LOAD_FINDINGS_CAP of each are kept, and one more finding says how many more there are.
// Findings about the data (the checks) are never capped.

import type { Finding } from '../domain/types.js';

export const LOAD_FINDINGS_CAP = 100;

/** Stands for `more` findings a producer counted but did not make (past the cap). */
interface MoreFinding extends Finding {
  readonly more: number;
  /** What else was left out, when the producer stopped looking (said in brackets). */
  readonly note?: string;
}

export function moreFinding(at: Finding, more: number, note?: string): Finding {
  const f: MoreFinding = { ...at, message: '', more, ...(note === undefined ? {} : { note }) };
  return f;
}

const isMore = (f: Finding): f is MoreFinding => 'more' in f && typeof f.more === 'number';

const CAPPED = new Set(['YAML_SYNTAX', 'SCHEMA', 'DUPLICATE_ID', 'UNKNOWN_REF']);

/**
 * Keeps the first `cap` load errors of each file and code (in the order given: sort first), with
 * one "… and N more" finding where the first left out was.
 */
export function capLoadFindings(sorted: readonly Finding[], cap = LOAD_FINDINGS_CAP): Finding[] {
  const seen = new Map<string, number>();
  const shown = new Map<string, number>();
  const firstLeftOut = new Map<string, Finding>();
  const notes = new Map<string, string>();
  const out: Finding[] = [];
  for (const f of sorted) {
    if (f.severity !== 'error' || !CAPPED.has(f.code)) {
      out.push(f);
      continue;
    }
    const key = `${f.file}\0${f.code}`;
    const had = seen.get(key) ?? 0;
    if (isMore(f)) {
      seen.set(key, had + f.more);
      if (f.note !== undefined && !notes.has(key)) notes.set(key, f.note);
      if (!firstLeftOut.has(key)) firstLeftOut.set(key, f);
      continue;
    }
    seen.set(key, had + 1);
    const n = shown.get(key) ?? 0;
    if (n < cap) {
      shown.set(key, n + 1);
      out.push(f);
    } else {
      const earlier = firstLeftOut.get(key);
      if (!earlier || isMore(earlier)) firstLeftOut.set(key, f);
    }
  }
  for (const [key, first] of firstLeftOut) {
    const more = (seen.get(key) ?? 0) - (shown.get(key) ?? 0);
    if (more <= 0) continue;
    const { code, severity, file, line, column } = first;
    const note = notes.get(key);
    out.push({ code, severity, file, line, column, message: `… and ${more} more ${code} errors in this file${note === undefined ? '' : ` (${note})`}` });
  }
  return out;
}

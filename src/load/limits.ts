// What every reader of a file shares: the limits that bound the work on any input, the line ends
// both YAML paths read, and the one constructor of a Finding.

import type { Finding, FindingCode, Loc, Severity } from '../domain/types.js';

export interface Limits {
  /** Largest file read, in bytes. */
  readonly maxBytes: number;
  /** Most alias expansions in one file (YAML "billion laughs" protection). */
  readonly maxAliases: number;
  /** Deepest nesting of collections. */
  readonly maxDepth: number;
  /** Largest file the careful path (yaml) reads, in bytes (default CAREFUL_MAX_BYTES). */
  readonly maxCarefulBytes?: number;
}

// 4 MiB: real catalogue and period files are tens of kilobytes, and the fast path reads a plain
// file of 4 MiB in well under a second. --max-file-size raises it.
export const DEFAULT_LIMITS: Limits = { maxBytes: 4 * 1024 * 1024, maxAliases: 1000, maxDepth: 64 };

/**
 * The text with each lone CR (old Mac line ends) made a LF. YAML counts CR, LF and CRLF as line
 * breaks, js-yaml does too, but yaml reads a lone CR as text (so a CR-only file is one long line
 * and every finding lands on line 1). Replacing one character by one keeps every offset, and YAML
 * reads a line break in a scalar as LF anyway. Both parse paths start with it.
 */
export function lineEnds(text: string): string {
  return text.includes('\r') ? text.replace(/\r(?!\n)/g, '\n') : text;
}

// 512 KiB: the careful path (yaml) needs seconds and hundreds of megabytes per megabyte of hostile
// input (a flow sequence of a million items with a stray `]`: 1.9 s and 585 MB at 1 MiB, 1.2 s
// and 336 MB at 512 KiB), so a file that needs it has a lower limit, which keeps every such file
// under 400 MB. Real files are tens of kilobytes. --max-file-size raises both.
export const CAREFUL_MAX_BYTES = 512 * 1024;
export const carefulLimit = (limits: Limits): number => limits.maxCarefulBytes ?? Math.min(CAREFUL_MAX_BYTES, limits.maxBytes);

/**
 * The most YAML nodes a file may hold, counted by the characters that open one (below): a quarter
 * of the size limit. A real period file has about one in ten bytes; the fast path keeps about
 * 650 bytes of memory a node, so a 4 MiB file of nothing but `{},` would need 880 MB. This keeps
 * any file under the default limit below 400 MB. --max-file-size raises it with the size limit.
 */
export const nodeLimit = (limits: Limits): number => Math.floor(limits.maxBytes / 4);

/**
 * The offset at which `text` has opened more than `max` nodes, or undefined. Counted: `{`, `[`,
 * `,`, `:` and a `-` followed by a space or a line end (a block sequence item), anywhere, quoted
 * or not: an upper bound of the nodes for any plain data, and a linear scan with no allocation.
 * A file whose brackets nest deeper than `maxDepth` first is left to the parsers, which stop there
 * at once and say so.
 */
export function crowdedAt(text: string, max: number, maxDepth: number): number | undefined {
  if (text.length <= max) return undefined;
  let n = 0;
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x7b || c === 0x5b) {
      n += 1;
      if (++depth > maxDepth) return undefined;
    } else if (c === 0x7d || c === 0x5d) {
      depth -= 1;
      continue;
    } else if (c === 0x2c || c === 0x3a) n += 1;
    else if (c === 0x2d) {
      const next = text.charCodeAt(i + 1);
      if (next === 0x20 || next === 0x0a || next === 0x0d || Number.isNaN(next)) n += 1;
    } else continue;
    if (n > max) return i;
  }
  return undefined;
}

export function finding(code: FindingCode, severity: Severity, loc: Loc, message: string, id?: string): Finding {
  return { code, severity, message, file: loc.file, line: loc.line, column: loc.col, ...(id === undefined ? {} : { id }) };
}

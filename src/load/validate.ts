// One file read, parsed and validated against its schema: the fast path where it answers, else
// the careful path within its own size limit; every problem a finding with its position.

import type { z } from 'zod';
import { pushAll } from '../domain/arrays.js';
import { isLoadError, type Finding } from '../domain/types.js';
import { isStopped, validateDocument } from './collections.js';
import { schemaFindings } from './issues.js';
import { parseFast, type PosRef } from './fast.js';
import { lineStarts, locate } from './lines.js';
import { formatBytes, readText } from './read.js';
import { nestingFinding, parseYaml } from './source.js';
import { carefulLimit, crowdedAt, finding, lineEnds, nodeLimit, type Limits } from './limits.js';

export interface Validated<T> {
  /** The validated content; undefined when the file has a load problem. */
  readonly raw?: T;
  readonly ref?: PosRef;
  /** The parsed YAML even when it did not validate (to find the data directory regardless). */
  readonly value?: unknown;
  /** The file's text, as read. */
  readonly text?: string;
}

/** Reads, parses and validates one file against a schema. */
export function readValidated<S extends z.ZodType>(file: string, shownAs: string, schema: S, limits: Limits, out: Finding[], parser: 'auto' | 'yaml'): Validated<z.output<S>> {
  const read = readText(file, shownAs, limits);
  if (!read.ok) {
    out.push(read.finding);
    return {};
  }
  return validateText(read.text, shownAs, schema, limits, out, parser);
}

/** Parses and validates a file's text against a schema (as readValidated does once it has read the file). */
export function validateText<S extends z.ZodType>(input: string, shownAs: string, schema: S, limits: Limits, out: Finding[], parser: 'auto' | 'yaml'): Validated<z.output<S>> {
  const read = { text: input };
  // A file crowded with tiny nodes would cost either parser far more memory than its size says.
  const crowded = crowdedAt(read.text, nodeLimit(limits), limits.maxDepth);
  if (crowded !== undefined) {
    out.push(
      finding(
        'READ_ERROR',
        'error',
        locate(lineStarts(shownAs, lineEnds(read.text)), crowded),
        `the file holds more than ${nodeLimit(limits)} YAML nodes by here, more than ${formatBytes(limits.maxBytes)} of data would (raise the limit with --max-file-size)`,
      ),
    );
    return {};
  }
  // The fast path answers for a file with nothing to report but its schema problems; it gives up
  // on anything else (see fast.ts), and yaml then finds the problem with its position.
  const why: { at?: number; deep?: boolean } = {};
  const fast = parser === 'auto' ? parseFast(shownAs, read.text, limits, why) : undefined;
  if (fast && fast.value !== null) {
    // Its positions are the same as yaml's (tests/load/fast.test.ts), so yaml is not needed to say
    // where a schema problem is.
    return { ...validate(schema, fast.value, fast.root, out), text: read.text };
  }
  const refused = carefulRefusal(shownAs, read.text, limits, parser === 'auto' ? why : undefined);
  if (refused) {
    out.push(refused);
    return {};
  }
  const parsed = parseYaml(shownAs, read.text, limits);
  pushAll(out, parsed.findings);
  if (!parsed.src || parsed.findings.some(isLoadError)) return {};
  if (parsed.value === null || parsed.value === undefined) {
    out.push(finding('SCHEMA', 'error', { file: shownAs, line: 1, col: 1 }, 'the file is empty'));
    return {};
  }
  return { ...validate(schema, parsed.value, parsed.src.root(), out), text: read.text };
}

/**
 * Validates a parsed document: its large collections item by item first, stopping early when
 * they have too many problems, then the whole (collections.ts).
 */
function validate<S extends z.ZodType>(schema: S, value: unknown, ref: PosRef, out: Finding[]): Validated<z.output<S>> {
  const result = validateGuarded(schema, value);
  if (isStopped(result)) {
    pushAll(out, schemaFindings(ref, value, result.issues, result));
    return { value, ref };
  }
  if (!result.success) {
    pushAll(out, schemaFindings(ref, value, result.error.issues));
    return { value, ref };
  }
  return { raw: result.data, ref, value };
}

/**
 * A file the fast path gave up on and that is over the careful path's limit is refused, where
 * the fast path stopped; one that is too deep is still said to be, at the too-deep node.
 */
function carefulRefusal(shownAs: string, input: string, limits: Limits, why: { at?: number; deep?: boolean } | undefined): Finding | undefined {
  const max = carefulLimit(limits);
  if (input.length <= max) return undefined;
  const bytes = Buffer.byteLength(input, 'utf8');
  if (bytes <= max) return undefined;
  // Positions as both parse paths count them (a lone CR ends a line too).
  const text = lineEnds(input);
  const at = why?.at;
  if (why?.deep && at !== undefined && at < max) {
    const deep = nestingFinding(shownAs, text, at + 1, limits);
    if (deep) return deep;
  }
  const where = at === undefined ? { file: shownAs, line: 1, col: 1 } : locate(lineStarts(shownAs, text), at);
  const reason = why === undefined ? '' : ' (it is not plain YAML from here on: an anchor, tag, repeated key, syntax error or too deep nesting)';
  return finding(
    'YAML_SYNTAX',
    'error',
    where,
    `the file is ${formatBytes(bytes)} and needs the careful YAML reader${reason}, which reads at most ${formatBytes(max)} (raise it with --max-file-size)`,
  );
}

/**
 * zod adds a child's issues to its parent's with one spread into `push`, which throws a RangeError
 * past about 120 000 (one list or mapping of that many wrong entries, in a file of a few hundred
 * KB). Such a file cannot load anyway: it gets one issue, at the largest list or mapping.
 */
function validateGuarded<S extends z.ZodType>(schema: S, value: unknown): ReturnType<typeof validateDocument<S>> {
  try {
    return validateDocument(schema, value);
  } catch (e) {
    if (!(e instanceof RangeError)) throw e;
    const issue = { code: 'custom', path: largestCollection(value), message: 'holds too many wrong entries to list them', input: undefined } as const;
    // A failed result made by hand: its readers use only `success` and `error.issues`, and zod
    // has no public way to make a ZodError without running a schema (which is what overflowed).
    return { success: false, error: { issues: [issue] } } as unknown as z.ZodSafeParseResult<z.output<S>>;
  }
}

/** The path to the list or mapping with the most entries (a walk with a stack: no recursion). */
function largestCollection(root: unknown): PropertyKey[] {
  let best: PropertyKey[] = [];
  let most = -1;
  const stack: { value: unknown; path: PropertyKey[] }[] = [{ value: root, path: [] }];
  for (let top = stack.pop(); top; top = stack.pop()) {
    const { value, path: at } = top;
    if (value === null || typeof value !== 'object') continue;
    const entries = Array.isArray(value) ? value.map((v, i) => [i, v] as const) : Object.entries(value);
    if (entries.length > most) [best, most] = [at, entries.length];
    for (const [k, v] of entries) if (v !== null && typeof v === 'object') stack.push({ value: v, path: [...at, k] });
  }
  return best;
}

// Turns schema validation issues into SCHEMA findings that point at the line and column in the
// file and say what is wrong in plain words.

import type { z } from 'zod';
import { showText } from '../domain/text.js';
import type { Finding } from '../domain/types.js';
import type { PosRef } from './fast.js';
import { LOAD_FINDINGS_CAP, moreFinding } from './cap.js';
import { finding } from './limits.js';
import { knownKeys } from './schema-keys.js';

type Issue = z.core.$ZodIssue;
type Path = readonly PropertyKey[];

/**
 * Edit distance counting a swap of two neighbours as one edit (optimal string alignment), or
 * `max + 1` as soon as it is known to be over `max`: only a band of 2·max + 1 cells around the
 * diagonal is computed, and the rows stop when the whole band is over. So a comparison costs
 * O(length × max), not O(length²), and most comparisons stop after a row or two.
 */
export function editDistance(a: string, b: string, max = Math.max(a.length, b.length)): number {
  const n = a.length;
  const m = b.length;
  if (Math.abs(n - m) > max) return max + 1;
  const over = max + 1;
  if (rows[0].length <= m + 1) rows = [new Int32Array(2 * m + 2), new Int32Array(2 * m + 2), new Int32Array(2 * m + 2)];
  let [prev2, prev, row] = rows;
  for (let j = 0; j <= m; j++) prev[j] = j <= max ? j : over;
  for (let i = 1; i <= n; i++) {
    const lo = Math.max(1, i - max);
    const hi = Math.min(m, i + max);
    // Only the band is computed: the cells either side of it count as over.
    row[lo - 1] = lo === 1 && i <= max ? i : over;
    if (hi < m) row[hi + 1] = over;
    let best = over;
    for (let j = lo; j <= hi; j++) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
      // Every cell read is inside the rows (grown above); one outside them would count as over.
      let v = Math.min((prev[j] ?? over) + 1, (row[j - 1] ?? over) + 1, (prev[j - 1] ?? over) + cost);
      if (i > 1 && j > 1 && a.charCodeAt(i - 1) === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === b.charCodeAt(j - 1)) v = Math.min(v, (prev2[j - 2] ?? over) + 1);
      if (v > over) v = over;
      row[j] = v;
      if (v < best) best = v;
    }
    if (best > max) return over;
    [prev2, prev, row] = [prev, row, prev2];
  }
  return Math.min(prev[m] ?? over, over);
}

/** Rows reused by every editDistance (grown to the longest word). */
let rows: [Int32Array, Int32Array, Int32Array] = [new Int32Array(64), new Int32Array(64), new Int32Array(64)];

/** The largest distance suggested for a word: a third of it, at least 1 and at most 3. */
const suggestLimit = (word: string): number => Math.max(1, Math.min(3, Math.floor(word.length / 3)));

/** Words lowercased and grouped by length, built once per list of options. */
interface Candidates {
  readonly byLength: Map<number, Array<{ readonly word: string; readonly lower: string; readonly order: number }>>;
}
const candidateCache = new WeakMap<object, Candidates>();

function candidatesOf(options: Iterable<string>): Candidates {
  const cached = typeof options === 'object' ? candidateCache.get(options) : undefined;
  if (cached) return cached;
  const byLength: Candidates['byLength'] = new Map();
  let order = 0;
  for (const word of options) {
    const lower = word.toLowerCase();
    let list = byLength.get(lower.length);
    if (!list) byLength.set(lower.length, (list = []));
    list.push({ word, lower, order: order++ });
  }
  const built = { byLength };
  // A Set or array of known ids is asked about once per unknown id: index it once.
  if (typeof options === 'object') candidateCache.set(options, built);
  return built;
}

/**
 * The closest of `options` to `word`, when it is close enough to be a likely typo (the first of
 * equally close ones; none when a word differs only in case). Only options whose length is within
 * the limit are compared, each with a bounded edit distance, so a catalogue of thousands of ids
 * answers thousands of unknown ids in well under a second.
 */
export function suggest(word: string, options: Iterable<string>): string | undefined {
  const limit = suggestLimit(word);
  const lower = word.toLowerCase();
  const { byLength } = candidatesOf(options);
  let best: { word: string; order: number } | undefined;
  let bestD = limit + 1;
  for (let len = lower.length - limit; len <= lower.length + limit; len++) {
    for (const c of byLength.get(len) ?? []) {
      // Equally close is only better when it comes first in the list.
      const max = best !== undefined && c.order < best.order ? bestD : bestD - 1;
      if (max < 0) continue;
      const d = editDistance(lower, c.lower, max);
      if (d === 0) return undefined;
      if (d < bestD || (d === bestD && best !== undefined && c.order < best.order)) {
        best = c;
        bestD = d;
      }
    }
  }
  return best !== undefined && bestD <= limit ? best.word : undefined;
}

function describeInput(v: unknown): string {
  if (v === undefined) return 'nothing';
  if (v === null) return 'null (empty)';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'a mapping';
  if (typeof v === 'string') return `the text "${showText(v, 40)}"`;
  if (typeof v === 'number') return Number.isFinite(v) ? `the number ${v}` : `the non-finite number ${v}`;
  if (typeof v === 'boolean' || typeof v === 'bigint' || v === undefined) return `${typeof v} ${String(v)}`;
  return typeof v;
}

const EXPECTED_WORDS: Readonly<Record<string, string>> = {
  string: 'text',
  number: 'a finite number',
  int: 'a whole number',
  boolean: 'true or false',
  array: 'a list',
  object: 'a mapping',
  record: 'a mapping',
  null: 'null',
};

function fieldName(path: Path): string {
  let out = '';
  for (const k of path) {
    if (typeof k === 'number') out += `[${k}]`;
    else out += out === '' ? String(k) : `.${String(k)}`;
  }
  return out === '' ? 'the document' : showText(out, 80);
}

/** The id of the nearest enclosing object that has one (a KPI, a metric, a register entry). */
function idAt(root: unknown, path: Path): string | undefined {
  let node: unknown = root;
  let found: string | undefined;
  for (const k of path) {
    if (node && typeof node === 'object') {
      const id: unknown = Reflect.get(node, 'id');
      if (typeof id === 'string') found = id;
      node = Reflect.get(node, k);
    } else break;
  }
  if (node && typeof node === 'object' && !Array.isArray(node)) {
    const id: unknown = Reflect.get(node, 'id');
    if (typeof id === 'string') found = id;
  }
  // An observation or commentary entry is keyed by its id.
  if (found === undefined && (path[0] === 'observations' || path[0] === 'commentary') && typeof path[1] === 'string') found = path[1];
  return found === undefined ? undefined : showText(found, 60);
}

function valueAt(root: unknown, path: Path): unknown {
  let node: unknown = root;
  for (const k of path) {
    if (node === null || typeof node !== 'object') return undefined;
    node = Reflect.get(node, k);
  }
  return node;
}

/** A union's issue narrowed to the branch the author evidently meant, where one matches the shape. */
function narrowUnion(issue: Issue & { code: 'invalid_union' }): Issue[] | undefined {
  const shapeMiss = (i: Issue) => i.path.length === 0 && (i.code === 'invalid_type' || i.code === 'unrecognized_keys' || i.code === 'invalid_union');
  const branches = issue.errors.filter((b) => b.length > 0 && !b.some(shapeMiss));
  const best = branches.sort((a, b) => a.length - b.length)[0];
  if (!best) return undefined;
  return best.map((i) => ({ ...i, path: [...issue.path, ...i.path] }));
}

const TEXT_MAPPING_HINT = " (unquoted text with ': ' in it reads as a mapping: put the text in quotes)";

/** What a union of plain types wanted, in words ("text", "a finite number or null"). */
function unionExpected(issue: Issue & { code: 'invalid_union' }): string | undefined {
  const wanted = new Set<string>();
  for (const branch of issue.errors) {
    for (const i of branch) {
      if (i.path.length > 0) continue;
      if (i.code === 'invalid_type') wanted.add(i.expected);
      else if (i.code === 'invalid_union') {
        const inner = unionExpected(i);
        if (inner) wanted.add(inner);
      }
    }
  }
  if (wanted.has('string')) return 'text';
  const words = [...wanted].map((w) => EXPECTED_WORDS[w] ?? w);
  return words.length > 0 ? words.join(' or ') : undefined;
}

/** Pushes `items` last first, so that the stack gives them back in order. */
function pushReversed<T>(stack: T[], items: readonly T[]): void {
  for (let k = items.length - 1; k >= 0; k--) {
    const item = items[k];
    if (item !== undefined) stack.push(item);
  }
}

/**
 * SCHEMA findings for zod's issues, positioned with `doc` (the document's root position, from
 * either parse path). Linear in the number of issues: a hostile file can have hundreds of
 * thousands. `stopped` says where checking stopped early, if it did (collections.ts).
 */
export function schemaFindings(doc: PosRef, root: unknown, issues: readonly Issue[], stopped?: { readonly where: Path; readonly notChecked: number }, cap = LOAD_FINDINGS_CAP): Finding[] {
  const out: Finding[] = [];
  const refAt = refsOf(doc);
  // A union's narrowed issues are taken next, before the rest (a stack, in reverse).
  const pending: Issue[] = [];
  let next = 0;
  // Past the cap (and one more, where "… and N more" points), the rest are only counted.
  let more = 0;
  for (;;) {
    const issue = pending.pop() ?? issues[next++];
    if (issue === undefined) break;
    if (out.length > cap) {
      const narrowed = issue.code === 'invalid_union' ? narrowUnion(issue) : undefined;
      if (narrowed) pushReversed(pending, narrowed);
      else more += issue.code === 'unrecognized_keys' ? issue.keys.length : 1;
      continue;
    }
    const path = issue.path;
    const id = idAt(root, path);
    const field = fieldName(path);
    const parentPath = path.slice(0, -1);
    const last = path[path.length - 1];
    const parentValue = valueAt(root, parentPath);
    const missing =
      typeof last === 'string' && parentValue !== null && typeof parentValue === 'object' && !Array.isArray(parentValue) && !(last in parentValue);
    if (missing) {
      out.push(finding('SCHEMA', 'error', refAt(parentPath).loc, `missing required field '${showText(last)}'${parentPath.length ? ` in ${fieldName(parentPath)}` : ''}`, id));
      continue;
    }
    if (issue.code === 'invalid_union') {
      const narrowed = narrowUnion(issue);
      if (narrowed) {
        pushReversed(pending, narrowed);
        continue;
      }
      const expected = unionExpected(issue);
      if (expected && !(issue.message && !issue.message.startsWith('Invalid input'))) {
        const input = valueAt(root, path);
        const hint = expected === 'text' && input !== null && typeof input === 'object' && !Array.isArray(input) ? TEXT_MAPPING_HINT : '';
        out.push(finding('SCHEMA', 'error', refAt(path).loc, `${field} must be ${expected}, not ${describeInput(input)}${hint}`, id));
        continue;
      }
    }
    if (issue.code === 'unrecognized_keys') {
      const ref = refAt(path);
      for (const [k, key] of issue.keys.entries()) {
        if (out.length > cap) {
          more += issue.keys.length - k;
          break;
        }
        const near = suggest(key, knownKeys());
        const where = path.length === 0 ? '' : ` in ${field}`;
        const hint = key === '<<' ? ' (YAML 1.2 has no merge keys: write the fields out)' : near ? ` (did you mean '${near}'?)` : '';
        out.push(finding('SCHEMA', 'error', ref.keyLoc(key), `unknown key '${showText(key)}'${where}${hint}`, id));
      }
      continue;
    }
    const input = valueAt(root, path);
    let message: string;
    switch (issue.code) {
      case 'invalid_type':
        // A document that is one piece of text is likely not a ragtop file at all (a token, a key,
        // a password list reached by a wrong path): it is never quoted.
        message =
          path.length === 0 && typeof input === 'string'
            ? `${field} must be ${EXPECTED_WORDS[issue.expected] ?? issue.expected}, not plain text (this does not look like a ragtop YAML file)`
            : `${field} must be ${EXPECTED_WORDS[issue.expected] ?? issue.expected}, not ${describeInput(input)}`;
        break;
      case 'invalid_value':
        message = `${field} must be one of ${issue.values.map((v) => String(v)).join(', ')}, not ${describeInput(input)}`;
        break;
      case 'too_small':
        message =
          issue.origin === 'array'
            ? `${field} must have at least ${issue.minimum} item${Number(issue.minimum) === 1 ? '' : 's'}`
            : issue.origin === 'string'
              ? `${field} must not be empty`
              : `${field} must be at least ${issue.minimum}, not ${describeInput(input)}`;
        break;
      case 'too_big':
        message = `${field} must be at most ${issue.maximum}, not ${describeInput(input)}`;
        break;
      default:
        message = `${field}: ${issue.message}${input === undefined || typeof input === 'object' ? '' : `, not ${describeInput(input)}`}`;
    }
    out.push(finding('SCHEMA', 'error', refAt(path).loc, message, id));
  }
  const last = out[out.length - 1];
  // Checking stopped in a large collection (collections.ts): the items after were not checked.
  const note = stopped && stopped.notChecked > 0 ? `the other ${stopped.notChecked} items of ${fieldName(stopped.where)} were not checked` : undefined;
  if ((more > 0 || note !== undefined) && last) out.push(moreFinding(last, more, note));
  return out;
}

/** The position at a path, remembering every prefix (issues come many to a mapping). */
function refsOf(doc: PosRef): (path: Path) => PosRef {
  const memo = new Map<string, PosRef>();
  return (path) => {
    let ref = doc;
    let key = '';
    for (const k of path) {
      if (typeof k === 'symbol') break;
      key += `${typeof k === 'number' ? '#' : '.'}${k}\0`;
      let next = memo.get(key);
      if (next === undefined) memo.set(key, (next = ref.at(k)));
      ref = next;
    }
    return ref;
  };
}

// Turns schema validation issues into SCHEMA findings that point at the line and column in the
// file and say what is wrong in plain words.

import type { z } from 'zod';
import { showText } from '../domain/text.js';
import type { Finding } from '../domain/types.js';
import { finding, type Source } from './source.js';

type Issue = z.core.$ZodIssue;
type Path = readonly PropertyKey[];

/** Every key the data format knows, for "did you mean" suggestions. */
const KNOWN_KEYS = [
  'catalogue', 'id', 'title', 'organisation', 'data', 'description', 'rag', 'amber', 'risk_bands', 'name', 'max', 'min',
  'risk_appetite', 'priorities', 'kpis', 'directorate', 'frequency', 'rollup', 'metrics', 'unit', 'good', 'target',
  'target_label', 'decimals', 'currency', 'scale', 'per', 'cumulative', 'allow_over_100', 'allow_negative', 'partial', 'benchmarks', 'reported_in',
  'definition', 'source', 'period', 'published', 'observations', 'value', 'numerator', 'denominator', 'as_of', 'flags',
  'note', 'commentary', 'summary', 'issues', 'causes', 'actions', 'claims', 'says', 'figure', 'finance', 'lines', 'area',
  'budget', 'forecast', 'total', 'register', 'kind', 'type', 'owner', 'consequences', 'controls', 'inherent', 'residual',
  'direction', 'impact', 'likelihood', 'score', 'by', 'meeting', 'date', 'items', 'show', 'notes', 'minutes', 'benchmark',
  'change',
];

/** Edit distance counting a swap of two neighbours as one edit (optimal string alignment). */
export function editDistance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  const at = (i: number, j: number) => (d[i] as number[])[j] as number;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(at(i - 1, j) + 1, at(i, j - 1) + 1, at(i - 1, j - 1) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, at(i - 2, j - 2) + 1);
      (d[i] as number[])[j] = v;
    }
  }
  return at(a.length, b.length);
}

/** The closest of `options` to `word`, when it is close enough to be a likely typo. */
export function suggest(word: string, options: Iterable<string>): string | undefined {
  let best: string | undefined;
  let bestD = Infinity;
  for (const o of options) {
    const d = editDistance(word.toLowerCase(), o.toLowerCase());
    if (d < bestD) {
      best = o;
      bestD = d;
    }
  }
  const limit = Math.max(1, Math.min(3, Math.floor(word.length / 3)));
  return best !== undefined && bestD <= limit && bestD > 0 ? best : undefined;
}

function describeInput(v: unknown): string {
  if (v === undefined) return 'nothing';
  if (v === null) return 'null (empty)';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'a mapping';
  if (typeof v === 'string') return `the text "${showText(v, 40)}"`;
  if (typeof v === 'number') return Number.isFinite(v) ? `the number ${v}` : `the non-finite number ${v}`;
  return `${typeof v} ${String(v)}`;
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
      const id = (node as Record<string, unknown>)['id'];
      if (typeof id === 'string') found = id;
      node = (node as Record<PropertyKey, unknown>)[k as string];
    } else break;
  }
  if (node && typeof node === 'object' && !Array.isArray(node)) {
    const id = (node as Record<string, unknown>)['id'];
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
    node = (node as Record<PropertyKey, unknown>)[k as string];
  }
  return node;
}

/** A union's issue narrowed to the branch the author evidently meant, where one matches the shape. */
function narrowUnion(issue: Issue & { code: 'invalid_union' }): Issue[] | undefined {
  const shapeMiss = (i: Issue) => i.path.length === 0 && (i.code === 'invalid_type' || i.code === 'unrecognized_keys' || i.code === 'invalid_union');
  const branches = issue.errors.filter((b) => b.length > 0 && !b.some(shapeMiss));
  const best = branches.sort((a, b) => a.length - b.length)[0];
  if (!best) return undefined;
  return best.map((i) => ({ ...i, path: [...issue.path, ...i.path] }) as Issue);
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

export function schemaFindings(src: Source, root: unknown, issues: readonly Issue[]): Finding[] {
  const out: Finding[] = [];
  const queue = [...issues];
  while (queue.length > 0) {
    const issue = queue.shift() as Issue;
    const path = issue.path;
    const id = idAt(root, path);
    const field = fieldName(path);
    const parentPath = path.slice(0, -1);
    const last = path[path.length - 1];
    const parentValue = valueAt(root, parentPath);
    const missing =
      typeof last === 'string' && parentValue !== null && typeof parentValue === 'object' && !Array.isArray(parentValue) && !(last in (parentValue as object));
    if (missing) {
      out.push(finding('SCHEMA', 'error', refAt(src, parentPath).loc, `missing required field '${showText(last)}'${parentPath.length ? ` in ${fieldName(parentPath)}` : ''}`, id));
      continue;
    }
    if (issue.code === 'invalid_union') {
      const narrowed = narrowUnion(issue);
      if (narrowed) {
        queue.unshift(...narrowed);
        continue;
      }
      const expected = unionExpected(issue);
      if (expected && !(issue.message && !issue.message.startsWith('Invalid input'))) {
        const input = valueAt(root, path);
        const hint = expected === 'text' && input !== null && typeof input === 'object' && !Array.isArray(input) ? TEXT_MAPPING_HINT : '';
        out.push(finding('SCHEMA', 'error', refAt(src, path).loc, `${field} must be ${expected}, not ${describeInput(input)}${hint}`, id));
        continue;
      }
    }
    if (issue.code === 'unrecognized_keys') {
      const ref = refAt(src, path);
      for (const key of issue.keys) {
        const near = suggest(key, KNOWN_KEYS);
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
    out.push(finding('SCHEMA', 'error', refAt(src, path).loc, message, id));
  }
  return out;
}

function refAt(src: Source, path: Path) {
  let ref = src.root();
  for (const k of path) {
    if (typeof k === 'symbol') break;
    ref = ref.at(k);
  }
  return ref;
}

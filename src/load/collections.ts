// The large collections of a document are checked item by item before the whole document is:
// zod reports every problem of a document at once, and a hostile file under the size limit can
// hold hundreds of thousands of failing items (over a million issues, gigabytes, seconds), when
// only the first LOAD_FINDINGS_CAP of them are ever shown. So a list or mapping the schema knows
// that holds more than twice the cap of items is checked one item at a time (with the item's
// own schema, found generically from the schema's shape), and once more than the cap of its
// items have failed, checking stops: the file cannot load anyway. A document whose collections
// pass is then checked whole, as any other; where a large collection's items all passed and
// nothing between it and the root transforms or refines, its items' results are used, and the
// whole check sees only its first item, so a large valid file is not checked twice.

import { isMapping } from '../domain/guards.js';
import { z } from 'zod';
import { LOAD_FINDINGS_CAP } from './cap.js';

type Issue = z.core.$ZodIssue;
type Path = readonly PropertyKey[];

/** Where checking stopped: the failed items' issues (paths from the document's root), and how many items were left. */
export interface Stopped {
  readonly issues: readonly Issue[];
  /** The collection checking stopped in, and how many of its items were not checked. */
  readonly where: Path;
  readonly notChecked: number;
}

/** A large collection whose items all passed: their results, to put in place of a whole check. */
type Checked = {
  readonly path: Path;
  readonly outputs: unknown[];
  /** Nothing between the root and it changes the shape of the result (no transform or refinement). */
  readonly plain: boolean;
} & ({ readonly kind: 'array' } | { readonly kind: 'record'; readonly keys: readonly string[] });

/** A list or mapping of the document, with the schema of its items (and of a mapping's keys). */
type Collection =
  | { readonly kind: 'array'; readonly items: readonly unknown[] }
  | { readonly kind: 'record'; readonly items: Readonly<Record<string, unknown>>; readonly keys: readonly string[]; readonly keyType: z.core.$ZodType };

/** A collection with more items than this is checked item by item. */
const LARGE = LOAD_FINDINGS_CAP * 2;

interface Walk {
  readonly checked: Checked[];
  /** Some item of a large collection failed (not enough to stop). */
  failed: boolean;
  /** Inside an item of a large collection (whose result covers what is under it). */
  readonly inside: boolean;
}

/** The schema under optional, nullable, default and the input side of a transform; `plain` when none changes the result's shape. */
function unwrap(schema: z.core.$ZodType): { s: z.core.$ZodType; plain: boolean } {
  let s = schema;
  let plain = true;
  for (;;) {
    if (s instanceof z.ZodOptional || s instanceof z.ZodNullable) s = s.unwrap();
    else if (s instanceof z.ZodDefault || s instanceof z.ZodPrefault) {
      plain = false;
      s = s.unwrap();
    } else if (s instanceof z.ZodPipe) {
      plain = false;
      s = s.in;
    } else return { s, plain };
  }
}

/** No check on it, or (an array) only a minimum length of at most one (met by its first item alone). */
function unchecked(s: z.core.$ZodType): boolean {
  const checks = s._zod.def.checks ?? [];
  return checks.every((c) => s instanceof z.ZodArray && c instanceof z.core.$ZodCheckMinLength && c._zod.def.minimum <= 1);
}


/**
 * Checks the large collections in `value` item by item, then the whole document; the same
 * result as `schema.safeParse(value)` when no large collection has more than the cap of failing
 * items, else where checking stopped.
 */
export function validateDocument<S extends z.ZodType>(schema: S, value: unknown): z.ZodSafeParseResult<z.output<S>> | Stopped {
  const state: Walk = { checked: [], failed: false, inside: false };
  const stopped = walk(schema, value, [], true, state);
  if (stopped) return stopped;
  const use = state.failed ? [] : state.checked.filter((c) => c.plain);
  if (use.length === 0) return schema.safeParse(value, { reportInput: false });
  const result = schema.safeParse(thinned(value, use), { reportInput: false });
  if (result.success) for (const c of use) putBack(result.data, c);
  return result;
}

export const isStopped = (r: object): r is Stopped => 'notChecked' in r;

function walk(schema: z.core.$ZodType, value: unknown, path: Path, plainSoFar: boolean, state: Walk): Stopped | undefined {
  const { s, plain: plainHere } = unwrap(schema);
  const plain = plainSoFar && plainHere && unchecked(s);
  if (s instanceof z.ZodObject) {
    if (!isMapping(value)) return undefined;
    for (const [key, field] of Object.entries<z.core.$ZodType>(s.shape)) {
      if (!Object.hasOwn(value, key)) continue;
      const stopped = walk(field, value[key], [...path, key], plain, state);
      if (stopped) return stopped;
    }
    return undefined;
  }
  if (s instanceof z.ZodArray) {
    if (!Array.isArray(value)) return undefined;
    return items(s.element, { kind: 'array', items: value }, path, plain, state);
  }
  if (s instanceof z.ZodRecord) {
    if (!isMapping(value)) return undefined;
    return items(s.valueType, { kind: 'record', items: value, keys: Object.keys(value), keyType: s.keyType }, path, plain, state);
  }
  return undefined;
}

/** A collection's items: each walked into, and, when the collection is large, each checked. */
function items(item: z.core.$ZodType, c: Collection, path: Path, plain: boolean, state: Walk): Stopped | undefined {
  const count = c.kind === 'array' ? c.items.length : c.keys.length;
  const large = count > LARGE;
  // What is under an item of a large collection is in that item's result.
  const inner: Walk = large && !state.inside ? { checked: [], failed: false, inside: true } : state;
  const issues: Issue[] = [];
  const outputs: unknown[] = [];
  let failed = 0;
  for (let n = 0; n < count; n++) {
    const k = c.kind === 'array' ? n : c.keys[n];
    if (k === undefined) break;
    const v = c.kind === 'array' ? c.items[n] : c.items[k];
    // A large collection inside an item stops checking on its own (only such a one needs the walk).
    if (holdsLarge(v)) {
      const stopped = walk(item, v, [...path, k], plain, inner);
      if (stopped) return stopped;
    }
    if (!large) continue;
    const at = [...path, k];
    let bad = false;
    if (c.kind === 'record') {
      const r = z.safeParse(c.keyType, k, { reportInput: false });
      if (!r.success) {
        bad = true;
        for (const i of r.error.issues) issues.push({ ...i, path: [...at, ...i.path] });
      }
    }
    const r = z.safeParse(item, v, { reportInput: false });
    if (r.success) outputs.push(r.data);
    else {
      bad = true;
      for (const i of r.error.issues) issues.push({ ...i, path: [...at, ...i.path] });
    }
    if (bad && ++failed > LOAD_FINDINGS_CAP) return { issues, where: path, notChecked: count - n - 1 };
  }
  if (!large) return undefined;
  if (failed > 0 || inner.failed) state.failed = true;
  else if (!state.inside) state.checked.push(c.kind === 'array' ? { path, kind: 'array', outputs, plain } : { path, kind: 'record', keys: c.keys, outputs, plain });
  return undefined;
}

/**
 * Whether a value is or holds a collection of more than LARGE items: what a walk into it looks for
 * (without one, the walk finds nothing to do). A plain scan, with no schema and no paths made.
 */
function holdsLarge(v: unknown): boolean {
  if (v === null || typeof v !== 'object') return false;
  let count = 0;
  if (Array.isArray(v)) {
    const list: readonly unknown[] = v;
    if (list.length > LARGE) return true;
    for (const x of list) if (holdsLarge(x)) return true;
    return false;
  }
  if (!isMapping(v)) return false;
  for (const k in v) {
    if (!Object.hasOwn(v, k)) continue;
    if (++count > LARGE || holdsLarge(v[k])) return true;
  }
  return false;
}

/** A list or mapping of the document (or of the whole check's result). */
const isNode = (v: unknown): v is object => v !== null && typeof v === 'object';

/** The document with each checked collection cut to its first item (copying only what leads to them). */
function thinned(root: unknown, checked: readonly Checked[]): unknown {
  if (!isNode(root)) return root;
  const copies = new Set<object>();
  const copy = (v: object): object => {
    const c: object = Array.isArray(v) ? v.slice() : { ...v };
    copies.add(c);
    return c;
  };
  const top = copy(root);
  for (const c of checked) {
    const last = c.path[c.path.length - 1];
    let node: unknown = top;
    for (const k of c.path.slice(0, -1)) {
      if (!isNode(node)) break;
      const next: unknown = Reflect.get(node, k);
      if (!isNode(next)) break;
      const mine = copies.has(next) ? next : copy(next);
      Reflect.set(node, k, mine);
      node = mine;
    }
    if (!isNode(node) || last === undefined) continue;
    const all: unknown = Reflect.get(node, last);
    if (!isNode(all)) continue;
    Reflect.set(node, last, c.kind === 'array' ? [Reflect.get(all, 0)] : Object.fromEntries(c.keys.slice(0, 1).map((k) => [k, Reflect.get(all, k)])));
  }
  return top;
}

/** Puts a checked collection's items' results in the whole check's result. */
function putBack(result: unknown, c: Checked): void {
  const last = c.path[c.path.length - 1];
  let node: unknown = result;
  for (const k of c.path.slice(0, -1)) node = isNode(node) ? Reflect.get(node, k) : undefined;
  if (!isNode(node) || last === undefined) return;
  // As zod's own record does, a '__proto__' key is left out (not made the result's prototype).
  Reflect.set(node, last, c.kind === 'array' ? c.outputs : Object.fromEntries(c.keys.flatMap((k, i) => (k === '__proto__' ? [] : [[k, c.outputs[i]]]))));
}

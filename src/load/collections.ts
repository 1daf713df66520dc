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
interface Checked {
  readonly path: Path;
  readonly kind: 'array' | 'record';
  readonly outputs: unknown[];
  readonly keys?: readonly string[];
  /** Nothing between the root and it changes the shape of the result (no transform or refinement). */
  readonly plain: boolean;
}

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
  return checks.every((c) => {
    const def = c._zod.def as { check: string; minimum?: number };
    return s instanceof z.ZodArray && def.check === 'min_length' && (def.minimum ?? 0) <= 1;
  });
}

const isMapping = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

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
    return items(s.element, undefined, value, undefined, path, plain, state);
  }
  if (s instanceof z.ZodRecord) {
    if (!isMapping(value)) return undefined;
    return items(s.valueType, s.keyType, value, Object.keys(value), path, plain, state);
  }
  return undefined;
}

/** A collection's items: each walked into, and, when the collection is large, each checked. */
function items(item: z.core.$ZodType, keyType: z.core.$ZodType | undefined, value: unknown[] | Record<string, unknown>, keys: string[] | undefined, path: Path, plain: boolean, state: Walk): Stopped | undefined {
  const count = keys ? keys.length : (value as unknown[]).length;
  const large = count > LARGE;
  // What is under an item of a large collection is in that item's result.
  const inner: Walk = large && !state.inside ? { checked: [], failed: false, inside: true } : state;
  const issues: Issue[] = [];
  const outputs: unknown[] = [];
  let failed = 0;
  for (let n = 0; n < count; n++) {
    const k = keys ? (keys[n] as string) : n;
    const v = keys ? (value as Record<string, unknown>)[k] : (value as unknown[])[n];
    // A large collection inside an item stops checking on its own (only such a one needs the walk).
    if (holdsLarge(v)) {
      const stopped = walk(item, v, [...path, k], plain, inner);
      if (stopped) return stopped;
    }
    if (!large) continue;
    const at = [...path, k];
    let bad = false;
    if (keyType) {
      const r = z.safeParse(keyType, k, { reportInput: false });
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
  else if (!state.inside) state.checked.push({ path, kind: keys ? 'record' : 'array', outputs, ...(keys ? { keys } : {}), plain });
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
    if (v.length > LARGE) return true;
    for (const x of v as unknown[]) if (holdsLarge(x)) return true;
    return false;
  }
  for (const k in v) {
    if (!Object.hasOwn(v, k)) continue;
    if (++count > LARGE || holdsLarge((v as Record<string, unknown>)[k])) return true;
  }
  return false;
}

/** The document with each checked collection cut to its first item (copying only what leads to them). */
function thinned(root: unknown, checked: readonly Checked[]): unknown {
  const copies = new Set<object>();
  const copy = (v: object): Record<PropertyKey, unknown> => {
    const c = (Array.isArray(v) ? [...(v as unknown[])] : { ...v }) as Record<PropertyKey, unknown>;
    copies.add(c);
    return c;
  };
  const top = copy(root as object);
  for (const c of checked) {
    let node = top;
    for (const k of c.path.slice(0, -1)) {
      const next = node[k as string] as object;
      node[k as string] = copies.has(next) ? next : copy(next);
      node = node[k as string] as Record<PropertyKey, unknown>;
    }
    const last = c.path[c.path.length - 1] as string;
    const all = node[last] as unknown[] | Record<string, unknown>;
    node[last] = c.kind === 'array' ? [(all as unknown[])[0]] : { [c.keys?.[0] as string]: (all as Record<string, unknown>)[c.keys?.[0] as string] };
  }
  return top;
}

/** Puts a checked collection's items' results in the whole check's result. */
function putBack(result: unknown, c: Checked): void {
  let node = result as Record<PropertyKey, unknown>;
  for (const k of c.path.slice(0, -1)) node = node[k as string] as Record<PropertyKey, unknown>;
  const last = c.path[c.path.length - 1] as string;
  if (c.kind === 'array') node[last] = c.outputs;
  else {
    const out: Record<string, unknown> = {};
    c.keys?.forEach((k, i) => (out[k] = c.outputs[i]));
    node[last] = out;
  }
}

// The large collections of a document are checked item by item before the whole document is:
// zod reports every problem of a document at once, and a hostile file under the size limit can
// hold hundreds of thousands of failing items (over a million issues, gigabytes, seconds), when
// only the first LOAD_FINDINGS_CAP of them are ever shown. So a list or mapping the schema knows
// that holds more than twice the cap of items is checked one item at a time (with the item's
// own schema, found generically from the schema's shape), and once more than the cap of its
// items have failed, checking stops: the file cannot load anyway. A document whose collections
// pass is checked whole, as any other.

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

/** A collection with more items than this is checked item by item. */
const LARGE = LOAD_FINDINGS_CAP * 2;

/** The schema under optional, nullable, default and the input side of a transform. */
function unwrap(schema: z.core.$ZodType): z.core.$ZodType {
  let s = schema;
  for (;;) {
    if (s instanceof z.ZodOptional || s instanceof z.ZodNullable || s instanceof z.ZodDefault || s instanceof z.ZodPrefault) s = s.unwrap() as z.core.$ZodType;
    else if (s instanceof z.ZodPipe) s = s.in as z.core.$ZodType;
    else return s;
  }
}

const isMapping = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/**
 * Checks the large collections in `value` item by item; undefined when none has more than the
 * cap of failing items (then the whole document is to be checked, as before).
 */
export function checkLargeCollections(schema: z.core.$ZodType, value: unknown): Stopped | undefined {
  return walk(schema, value, []);
}

function walk(schema: z.core.$ZodType, value: unknown, path: Path): Stopped | undefined {
  const s = unwrap(schema);
  if (s instanceof z.ZodObject) {
    if (!isMapping(value)) return undefined;
    for (const [key, field] of Object.entries(s.shape as Record<string, z.core.$ZodType>)) {
      if (!Object.hasOwn(value, key)) continue;
      const stopped = walk(field, value[key], [...path, key]);
      if (stopped) return stopped;
    }
    return undefined;
  }
  if (s instanceof z.ZodArray) {
    if (!Array.isArray(value)) return undefined;
    return items(s.element as z.core.$ZodType, undefined, value.entries(), value.length, path);
  }
  if (s instanceof z.ZodRecord) {
    if (!isMapping(value)) return undefined;
    const keys = Object.keys(value);
    return items(s.valueType as z.core.$ZodType, s.keyType as z.core.$ZodType, keys.map((k) => [k, value[k]] as const).values(), keys.length, path);
  }
  return undefined;
}

/** A collection's items: each walked into, and, when the collection is large, each checked. */
function items(item: z.core.$ZodType, key: z.core.$ZodType | undefined, entries: Iterator<readonly [number | string, unknown]>, count: number, path: Path): Stopped | undefined {
  const large = count > LARGE;
  const issues: Issue[] = [];
  let failed = 0;
  let seen = 0;
  for (let e = entries.next(); !e.done; e = entries.next()) {
    const [k, v] = e.value;
    seen += 1;
    const at = [...path, k];
    // A large collection inside an item stops checking on its own.
    const inner = walk(item, v, at);
    if (inner) return inner;
    if (!large) continue;
    let bad = false;
    if (key) {
      const r = z.safeParse(key, k, { reportInput: false });
      if (!r.success) {
        bad = true;
        for (const i of r.error.issues) issues.push({ ...i, path: [...at, ...i.path] } as Issue);
      }
    }
    const r = z.safeParse(item, v, { reportInput: false });
    if (!r.success) {
      bad = true;
      for (const i of r.error.issues) issues.push({ ...i, path: [...at, ...i.path] } as Issue);
    }
    if (bad && ++failed > LOAD_FINDINGS_CAP) return { issues, where: path, notChecked: count - seen };
  }
  return undefined;
}

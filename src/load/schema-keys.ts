// What the schema knows, read from the schema itself: every key the data format has, for the
// "did you mean" of an unknown key. Nothing here is written twice: a field added to schema.ts is
// suggested from then on.

import { z } from 'zod';
import { AgendaSchema, CatalogueSchema, PeriodSchema } from './schema.js';

/** Adds every object key anywhere in `schema` (through optionals, arrays, unions, records, transforms) to `into`. */
export function collectKeys(schema: z.core.$ZodType, into: Set<string>): Set<string> {
  if (schema instanceof z.ZodObject) {
    for (const [key, value] of Object.entries<z.core.$ZodType>(schema.shape)) {
      into.add(key);
      collectKeys(value, into);
    }
  } else if (schema instanceof z.ZodOptional || schema instanceof z.ZodNullable) {
    collectKeys(schema.unwrap(), into);
  } else if (schema instanceof z.ZodArray) {
    collectKeys(schema.element, into);
  } else if (schema instanceof z.ZodUnion) {
    for (const option of schema.options) collectKeys(option, into);
  } else if (schema instanceof z.ZodRecord) {
    collectKeys(schema.valueType, into);
  } else if (schema instanceof z.ZodPipe) {
    collectKeys(schema.in, into);
    collectKeys(schema.out, into);
  }
  return into;
}

let known: readonly string[] | undefined;

/** Every key of the catalogue, period and agenda files (worked out on first use: only a file with an unknown key needs it). */
export function knownKeys(): readonly string[] {
  known ??= [...[CatalogueSchema, PeriodSchema, AgendaSchema].reduce((keys, s) => collectKeys(s, keys), new Set<string>())];
  return known;
}

// The JSON Schema files editors use (yaml-language-server), generated from the one zod schema.
// `npm run schema` writes them; tests/json-schema.test.ts fails when the committed files differ.

import { z } from 'zod';
import { AgendaSchema, CatalogueSchema, PeriodSchema } from './schema.js';

export const SCHEMA_FILES = {
  'catalogue.schema.json': CatalogueSchema,
  'period.schema.json': PeriodSchema,
  'agenda.schema.json': AgendaSchema,
} as const;

/** The JSON text of one schema file, exactly as committed. */
export function jsonSchemaText(name: keyof typeof SCHEMA_FILES): string {
  const schema = z.toJSONSchema(SCHEMA_FILES[name], { io: 'input', target: 'draft-7', unrepresentable: 'any' });
  return `${JSON.stringify(schema, null, 2)}\n`;
}

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { jsonSchemaText, SCHEMA_FILES } from '../../src/load/json-schema.js';

describe('editor JSON Schema files', () => {
  for (const name of Object.keys(SCHEMA_FILES) as Array<keyof typeof SCHEMA_FILES>) {
    it(`catalogue/${name} is what the schema definition generates (run npm run schema)`, () => {
      const committed = readFileSync(new URL(`../../catalogue/${name}`, import.meta.url), 'utf8');
      expect(committed).toBe(jsonSchemaText(name));
    });
  }

  it('rejects unknown keys, as the loader does', () => {
    const schema = JSON.parse(jsonSchemaText('catalogue.schema.json')) as { additionalProperties: boolean };
    expect(schema.additionalProperties).toBe(false);
  });
});

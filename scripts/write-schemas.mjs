// Writes catalogue/*.schema.json from the zod schema (src/load/schema.ts), via the build (dist/app/internals.js).
// Run: npm run schema
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { jsonSchema } from '../dist/app/internals.js';

const { jsonSchemaText, SCHEMA_FILES } = jsonSchema;

const dir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'catalogue');
for (const name of Object.keys(SCHEMA_FILES)) {
  writeFileSync(path.join(dir, name), jsonSchemaText(name));
  process.stdout.write(`wrote catalogue/${name}\n`);
}

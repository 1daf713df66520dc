// Writes catalogue/*.schema.json from the zod schema (src/load/schema.ts), via the built dist/.
// Run: npm run schema
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { jsonSchemaText, SCHEMA_FILES } from '../dist/load/json-schema.js';

const dir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'catalogue');
for (const name of Object.keys(SCHEMA_FILES)) {
  writeFileSync(path.join(dir, name), jsonSchemaText(name));
  process.stdout.write(`wrote catalogue/${name}\n`);
}

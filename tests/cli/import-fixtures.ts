// What the import tests share: a copy of the bundled 2024/25 catalogue and its data to import into.
import { cpSync, mkdirSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '..', '..');

/** A copy of the bundled 2024/25 catalogue and its data, in a new directory: `cat` and `data`. */
export function bundledCopy(): { dir: string; cat: string; data: string } {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'ragtop-import-'));
  mkdirSync(path.join(dir, 'catalogue'));
  cpSync(path.join(ROOT, 'catalogue', 'lcc-2024-25.yaml'), path.join(dir, 'catalogue', 'lcc-2024-25.yaml'));
  cpSync(path.join(ROOT, 'sample-data', 'lcc-2024-25'), path.join(dir, 'sample-data', 'lcc-2024-25'), { recursive: true });
  return { dir, cat: path.join(dir, 'catalogue', 'lcc-2024-25.yaml'), data: path.join(dir, 'sample-data', 'lcc-2024-25') };
}

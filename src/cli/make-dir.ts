// Making a directory and its missing parents.

import { errorCode } from '../domain/guards.js';
import { mkdirSync, statSync } from 'node:fs';
import path from 'node:path';

/**
 * `mkdir -p`, one level at a time: Node 20's mkdirSync(dir, { recursive: true }) never returns for
 * a missing path under /proc (mkdir answers ENOENT there), which froze `config set` and the notes.
 * Throws the first error (ENOENT, ENOTDIR, EACCES…); `mode` applies to each directory it makes.
 */
export function makeDirectory(dir: string, mode = 0o777): void {
  const missing: string[] = [];
  for (let at = path.resolve(dir); ; at = path.dirname(at)) {
    try {
      statSync(at);
      break;
    } catch {
      missing.push(at);
      if (path.dirname(at) === at) break;
    }
  }
  for (const at of missing.reverse()) {
    try {
      mkdirSync(at, { mode });
    } catch (e) {
      if (errorCode(e) !== 'EEXIST' || !statSync(at).isDirectory()) throw e;
    }
  }
  if (!statSync(dir).isDirectory()) throw Object.assign(new Error(`not a directory: ${dir}`), { code: 'ENOTDIR' });
}

// The production build the end-to-end tests run (`npm test` builds it first): the bundle users
// run, never the sources. Unit tests import src/ directly.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

export const ROOT = path.resolve(import.meta.dirname, '..');
/** The `ragtop` command, as the package's bin (its first line holds Node's start-up flags). */
export const BIN = path.join(ROOT, 'dist', 'app', 'ragtop.js');
/** The bundle's internal functions (the load, its worker threads, the notes channel) for tests that need the built workers. */
export const INTERNALS = pathToFileURL(path.join(ROOT, 'dist', 'app', 'internals.js')).href;
export const HAVE_BIN = existsSync(BIN);
export const NOT_BUILT = HAVE_BIN ? '' : 'dist/ is not built (npm run build)';

// The production build: one ESM bundle of ragtop (esbuild), what `npm start`, the package's `bin`,
// the end-to-end tests and `npm run bench` all run. Unit tests import the TypeScript sources.
//
// dist/app/
//   ragtop.js       the command (the package's bin), with the start-up flags in its first line
//   worker.js       the load's period-file worker thread (src/load/worker.ts)
//   file-worker.js  the load's file-reader worker thread (src/load/file-worker.ts)
//   internals.js    the load and model functions for the benchmark scripts, the schema writer and
//                   the worker-thread tests (the same chunks as the app)
//   yaml.cjs        the careful YAML reader (the `yaml` package), required on first use only
//   chunk-*.js      what the first frame does not need, loaded by dynamic import on first use
//                   (the presenter, export, notes, preferences …), and what entries share
//   *.map           source maps: a stack trace names src/… (the bin enables them)
//
// Run: npm run build (`--watch` rebuilds on change).
import { createHash } from 'node:crypto';
import { chmodSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const OUT = path.join(ROOT, 'dist', 'app');

/**
 * Node's start-up flags for the command, put in the bin's first line so that they are read before
 * any script runs (V8 reads heap sizes once: setting them later has no effect on Node 20). None
 * pays today (docs/benchmarks.md, "Start-up flags": semi-space sizes, --optimize-for-size and
 * --single-threaded-gc made the bundled first frame no faster and `check` at L no faster or
 * smaller); the place stays for one that does.
 */
export const NODE_FLAGS = [];

/** The options every bundle of ragtop is built with (the bench's Ink floor is built with them too). */
export const BUNDLE_OPTIONS = {
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  minify: true,
  keepNames: false,
  legalComments: 'eof',
  // React's production build, decided at build time (its development checks are not shipped).
  define: { 'process.env.NODE_ENV': '"production"' },
  // Ink loads React's developer tools only when DEV=true; they are not a dependency.
  external: ['react-devtools-core'],
  // CommonJS packages in an ES module bundle still `require` Node's own modules.
  banner: { js: "import { createRequire as __ragtopRequire } from 'node:module'; const require = __ragtopRequire(import.meta.url);" },
  logLevel: 'warning',
};

/** The build's identity: a hash of the sources and the lockfile (a first screen remembered by another build is never drawn). */
function buildId() {
  const hash = createHash('sha256');
  const walk = (dir) => {
    for (const name of readdirSync(dir).sort()) {
      const file = path.join(dir, name);
      if (statSync(file).isDirectory()) walk(file);
      else hash.update(name).update(readFileSync(file));
    }
  };
  walk(path.join(ROOT, 'src'));
  hash.update(readFileSync(path.join(ROOT, 'package-lock.json')));
  return hash.digest('hex').slice(0, 16);
}

export async function build() {
  rmSync(OUT, { recursive: true, force: true });
  await esbuild.build({
    ...BUNDLE_OPTIONS,
    entryPoints: {
      ragtop: 'src/cli/bin.ts',
      worker: 'src/load/worker.ts',
      'file-worker': 'src/load/file-worker.ts',
      internals: 'src/internals.ts',
    },
    absWorkingDir: ROOT,
    outdir: OUT,
    splitting: true,
    sourcemap: 'linked',
    sourcesContent: false,
    chunkNames: 'chunk-[hash]',
    // yaml-lib.ts requires the careful reader by this name, beside the bundle (built below).
    define: { ...BUNDLE_OPTIONS.define, __RAGTOP_YAML__: '"./yaml.cjs"', __RAGTOP_BUILD__: JSON.stringify(buildId()) },
  });
  // The careful YAML reader as one CommonJS file: loaded synchronously, and only when a file
  // needs it (most never do).
  await esbuild.build({
    ...BUNDLE_OPTIONS,
    banner: {},
    format: 'cjs',
    entryPoints: { yaml: 'node_modules/yaml/dist/index.js' },
    outExtension: { '.js': '.cjs' },
    absWorkingDir: ROOT,
    outdir: OUT,
  });
  executable(path.join(OUT, 'ragtop.js'));
}

/** Starts `file` with Node and the start-up flags when run as a command (its first line). */
export function executable(file) {
  const text = readFileSync(file, 'utf8').replace(/^#!.*\n/, '');
  writeFileSync(file, `${NODE_FLAGS.length ? `#!/usr/bin/env -S node ${NODE_FLAGS.join(' ')}` : '#!/usr/bin/env node'}\n${text}`);
  chmodSync(file, 0o755);
}

/**
 * Another program bundled exactly as ragtop is (the benchmark's Ink floor): the same options, the
 * same chunking, in `outdir`; returns the command, run with the same start-up flags.
 */
export async function bundleLikeRagtop(entry, outdir) {
  await esbuild.build({ ...BUNDLE_OPTIONS, entryPoints: { main: entry }, outdir, splitting: true, chunkNames: 'chunk-[hash]', absWorkingDir: ROOT });
  const main = path.join(outdir, 'main.js');
  executable(main);
  return main;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await build();

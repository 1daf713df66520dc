// Property-based fuzzing of the preferences file (fast-check). A preferences file is written by
// ragtop, but it holds text that came from data (a catalogue's path, its id, a period label) and
// anyone may edit it. Each case writes one generated file as config.json: a preferences object
// with escape-laden strings, any JSON value, a truncated or byte-mangled one, raw bytes, or one
// padded past the 1 MiB limit. Then, in a fresh preferences directory each time:
//
//   1. readPrefs, recoverPrefs and catalogueOf never throw;
//   2. `ragtop config`, `config set ascii on`, `config` again and `config reset` never throw and
//      exit 0;
//   3. nothing they print (stdout or stderr) holds a C0 control but '\n', DEL, a C1 control or a
//      bidi override or isolate;
//   4. after `config set`, the preferences read back hold what was set (a corrupt file was moved
//      aside, not lost: the directory holds it).
//
// `npm test` runs a bounded number of cases (150) from a fixed seed; `npm run fuzz` sets
// RAGTOP_FUZZ_RUNS and, unless RAGTOP_FUZZ_SEED fixes it, a new seed each run (printed).

import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { runAsync } from '../../src/cli/main.js';
import { catalogueOf } from '../../src/cli/context.js';
import { MAX_PREFS_BYTES, prefsFile, readPrefs, recoverPrefs } from '../../src/cli/prefs.js';

const envRuns = Number.parseInt(process.env['RAGTOP_FUZZ_RUNS'] ?? '', 10);
const FUZZ = Number.isFinite(envRuns) && envRuns > 0;
const RUNS = FUZZ ? envRuns : 150;
const envSeed = Number.parseInt(process.env['RAGTOP_FUZZ_SEED'] ?? '', 10);
const SEED = Number.isFinite(envSeed) ? envSeed : FUZZ ? (Date.now() ^ (Math.random() * 0x7fffffff)) | 0 : 20_261_203;

// eslint-disable-next-line no-control-regex
const CONTROL = /[\x00-\x09\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]/;

const TMP = mkdtempSync(path.join(os.tmpdir(), 'ragtop-prefs-fuzz-'));
afterAll(() => rmSync(TMP, { recursive: true, force: true }));

/** Text with escape sequences, C0/C1 controls and bidi characters mixed into ordinary words. */
const hostileText = fc
  .array(
    fc.oneof(
      fc.constantFrom('\u001b]52;c;UFdORUQ=\u0007', '\u001b]0;PWNED\u0007', '\u001b[2J', '\u001b[31m', '\u009d0;T\u009c', '\u009b2J', '\u202e', '\u2066', '\u2028', '\r', '\n', '\t', '\u0000', '\u007f', '\u001b', '\\', '"'),
      fc.string({ unit: fc.integer({ min: 0, max: 0x2070 }).map((n) => String.fromCharCode(n)), maxLength: 8 }),
      fc.constantFrom('lcc-2019-20', '2019/20 Q3', '/home/me/catalogue.yaml', 'mono', 'high-contrast'),
    ),
    { maxLength: 8 },
  )
  .map((parts) => parts.join(''));

const prefsObject = fc.record(
  {
    lastCatalogue: fc.oneof(hostileText, fc.jsonValue()),
    lastPeriod: fc.oneof(fc.dictionary(hostileText, fc.oneof(hostileText, fc.jsonValue()), { maxKeys: 5 }), fc.jsonValue()),
    theme: fc.oneof(fc.constantFrom('default', 'mono', 'high-contrast', 'colour-blind-safe'), hostileText, fc.jsonValue()),
    ascii: fc.oneof(fc.boolean(), fc.jsonValue()),
    extra: fc.jsonValue(),
  },
  { requiredKeys: [] },
);

/** A preferences file's bytes. */
const prefsBytes: fc.Arbitrary<Buffer> = fc.oneof(
  { arbitrary: prefsObject.map((o) => Buffer.from(JSON.stringify(o))), weight: 5 },
  { arbitrary: fc.jsonValue().map((v) => Buffer.from(JSON.stringify(v) ?? 'null')), weight: 2 },
  // Truncated: a valid file cut anywhere.
  { arbitrary: fc.tuple(prefsObject, fc.nat()).map(([o, n]) => { const t = JSON.stringify(o); return Buffer.from(t.slice(0, n % (t.length + 1))); }), weight: 2 },
  // Raw text and raw bytes.
  { arbitrary: hostileText.map((t) => Buffer.from(t)), weight: 1 },
  { arbitrary: fc.uint8Array({ maxLength: 64 }).map((b) => Buffer.from(b)), weight: 1 },
  // Huge: valid JSON past the limit (whitespace inside the object).
  { arbitrary: prefsObject.map((o) => Buffer.from(`{${' '.repeat(MAX_PREFS_BYTES)}${JSON.stringify(o).slice(1)}`)), weight: 1 },
);

async function ragtop(dir: string, argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await runAsync(argv, { out: (s) => (out += s), err: (s) => (err += s), env: { RAGTOP_CONFIG_DIR: dir }, cwd: dir });
  return { code, out, err };
}

let n = 0;

describe('preferences fuzzing', () => {
  it(
    'any preferences file: nothing throws, config exits 0 and prints no control character',
    async () => {
      const t0 = performance.now();
      let moved = 0;
      await fc.assert(
        fc.asyncProperty(prefsBytes, async (bytes) => {
          const dir = path.join(TMP, `c${++n}`);
          const env = { RAGTOP_CONFIG_DIR: dir };
          mkdirSync(dir);
          writeFileSync(prefsFile(env), bytes);
          // (1)
          readPrefs(env);
          let said = '';
          catalogueOf({}, { env, err: (s) => (said += s) });
          expect(said).not.toMatch(CONTROL);
          // (2), (3)
          for (const argv of [['config'], ['config', 'set', 'ascii', 'on'], ['config']]) {
            const r = await ragtop(dir, argv);
            expect(r.code, `${argv.join(' ')}: ${r.err}`).toBe(0);
            expect(r.out, argv.join(' ')).not.toMatch(CONTROL);
            expect(r.err, argv.join(' ')).not.toMatch(CONTROL);
          }
          // (4)
          expect(readPrefs(env).prefs.ascii).toBe(true);
          const aside = readdirSync(dir).filter((f) => f.startsWith('config.corrupt-'));
          if (aside.length > 0) {
            moved += 1;
            // Buffer.equals: toEqual compares a 1 MiB buffer element by element (seconds).
            expect(readFileSync(path.join(dir, aside[0] as string)).equals(bytes), 'the file moved aside is the file written').toBe(true);
          }
          expect(recoverPrefs(env).notice).toBeUndefined();
          const reset = await ragtop(dir, ['config', 'reset']);
          expect(reset.code).toBe(0);
          expect(reset.out + reset.err).not.toMatch(CONTROL);
          expect(readPrefs(env)).toEqual({ prefs: {} });
          rmSync(dir, { recursive: true, force: true });
        }),
        { numRuns: RUNS, seed: SEED },
      );
      if (FUZZ) console.log(`preferences: ${RUNS} runs (seed ${SEED}) in ${((performance.now() - t0) / 1000).toFixed(1)} s; ${moved} corrupt files moved aside`);
      // A guard on the generator: some cases must be corrupt.
      expect(moved).toBeGreaterThan(0);
    },
    FUZZ ? RUNS * 200 + 60_000 : 90_000,
  );
});

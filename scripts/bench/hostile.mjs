#!/usr/bin/env node
// Writes the hostile inputs of the benchmark's section H: files under the size limits that are
// built to make a reader slow or greedy. Each case is a directory of its own; run.mjs measures
// `ragtop check` on it (time, peak RSS, exit status) and, for the files read off the main thread,
// how soon the app leaves when told to while it reads them.
//
//   node scripts/bench/hostile.mjs OUTDIR        writes every case and lists them
//
// Cases a–e and g are one period file (data/2019-20-Q4.yaml) read with the bundled catalogue and
// `--data`; f is a generated catalogue with observation ids renamed in its last quarter; h is a
// 57 MB preferences file (RAGTOP_CONFIG_DIR) under `check` on the bundled data.
// Deterministic: the same bytes every time.

import { Buffer } from 'node:buffer';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { generate } from './generate.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, '..', '..');
export const BUNDLED_CATALOGUE = path.join(ROOT, 'catalogue', 'lcc-2019-20.yaml');
const PERIOD_FILE = '2019-20-Q4.yaml';
const HEADER = 'period: 2019/20 Q4\n';

/** The careful reader's limit, read from the build so that "just under it" follows it. */
export async function carefulMaxBytes() {
  const m = (await import(pathToFileURL(path.join(ROOT, 'dist', 'app', 'internals.js')).href)).limits;
  if (typeof m.CAREFUL_MAX_BYTES !== 'number') throw new Error('the limits of the build have no CAREFUL_MAX_BYTES');
  return m.CAREFUL_MAX_BYTES;
}

/** head + as many whole `unit`s as fit in `bytes` with tail (all ASCII); the count of units. */
function fill(head, unit, tail, bytes) {
  const n = Math.max(1, Math.floor((bytes - head.length - tail.length) / unit.length));
  return { text: head + unit.repeat(n) + tail, n };
}
const fillWith = (head, unitOf, tail, bytes) => {
  const parts = [head];
  let size = head.length + tail.length;
  let n = 0;
  for (;;) {
    const u = unitOf(n);
    if (size + u.length > bytes) break;
    parts.push(u);
    size += u.length;
    n++;
  }
  parts.push(tail);
  return { text: parts.join(''), n };
};
const kb = (b) => (b >= 1e6 ? `${(b / 1e6).toFixed(1)} MB` : b >= 1024 ? `${(b / 1024).toFixed(0)} KiB` : `${b} B`);

/**
 * Writes every case under `dir`; returns [{ id, label, what, bytes, catalogue, args, env, expect,
 * cancel }]: `args` for `ragtop check` after the catalogue, `env` extra environment, `expect` the
 * exit statuses that are right (2: the file cannot load), `cancel` whether the app's cancel
 * latency is measured on it.
 */
export async function writeHostile(dir) {
  const under = (await carefulMaxBytes()) - 1024;
  const FOUR = 4_000_000;
  const cases = [];
  const periodCase = (id, label, what, { text, n }, { cancel = false, expect = [2] } = {}) => {
    const data = path.join(dir, id);
    mkdirSync(data, { recursive: true });
    writeFileSync(path.join(data, PERIOD_FILE), text);
    cases.push({ id, label, what: what.replace('{n}', n.toLocaleString('en-GB')), bytes: Buffer.byteLength(text), catalogue: BUNDLED_CATALOGUE, args: ['--data', data], env: {}, expect, cancel });
  };

  // (a) A flow sequence of `1,` items closed twice: a syntax error only at the very end.
  const flow = (bytes) => fill(`${HEADER}observations: [`, '1,', '1]\n]\n', bytes);
  periodCase('a-flow-under', 'a', 'flow sequence of {n} `1,` items and a stray `]`, just under the careful limit', flow(under), { cancel: true });
  periodCase('a-flow-4mb', 'a', 'flow sequence of {n} `1,` items and a stray `]`', flow(FOUR), { cancel: true });
  // (b) Deep nesting: flow `[`, compact block sequences (`- - - …`), indented mappings.
  periodCase('b-bracket-1.5m', 'b', '{n}-deep `[`', fill(`${HEADER}observations: `, '[', '\n', HEADER.length + 14 + 1_500_000 + 1), { cancel: true });
  periodCase('b-dash-750k', 'b', '{n}-deep block sequence (`- - - …` on one line)', fill(`${HEADER}observations:\n  `, '- ', '1\n', HEADER.length + 16 + 1_500_000 + 2), { cancel: true });
  periodCase(
    'b-indent-4mb',
    'b',
    '{n}-deep indented block mappings',
    fillWith(`${HEADER}observations:\n`, (i) => `${' '.repeat(2 * (i + 1))}a:\n`, '', FOUR),
    { cancel: true },
  );
  // (c) One key repeated.
  const dup = (bytes) => fill(`${HEADER}observations:\n`, '  defects-4h: { value: 1 }\n', '', bytes);
  periodCase('c-dup-under', 'c', '{n} repeats of one observation key, just under the careful limit', dup(under), { cancel: true });
  periodCase('c-dup-4mb', 'c', '{n} repeats of one observation key', dup(FOUR), { cancel: true });
  // (d) Keys the format does not know, each a did-you-mean candidate.
  const unknown = (bytes) => fillWith(HEADER, (i) => `u${i.toString(36).padStart(5, '0')}: 1\n`, '', bytes);
  periodCase('d-unknown-under', 'd', '{n} unknown top-level keys, just under the careful limit', unknown(under), { cancel: true });
  periodCase('d-unknown-4mb', 'd', '{n} unknown top-level keys', unknown(FOUR), { cancel: true });
  // (e) Schema errors: register entries of the wrong type.
  const wrong = (bytes) => fill(`${HEADER}register: [`, 'true, ', 'true]\n', bytes);
  periodCase('e-types-under', 'e', '{n} register entries of the wrong type, just under the careful limit', wrong(under), { cancel: true });
  periodCase('e-types-4mb', 'e', '{n} register entries of the wrong type (schema errors)', wrong(FOUR), { cancel: true });

  // (f) Observation ids renamed between quarters against a catalogue of as many KPIs.
  for (const n of [1000, 5000]) {
    const out = path.join(dir, `f-renamed-${n}`);
    const g = generate({ name: `R${n}`, kpis: n, quarters: 2, priorities: 8, register: 12, seed: 44 + n }, out);
    const last = g.files[g.files.length - 1]; // the newest quarter (files: the catalogue, then oldest first)
    const lines = readFileSync(last, 'utf8').split('\n');
    let inObs = false;
    let renamed = 0;
    for (let i = 0; i < lines.length; i++) {
      if (lines[i] === 'observations:') inObs = true;
      else if (inObs && !lines[i].startsWith('  ')) inObs = false;
      else if (inObs && renamed < n) {
        lines[i] = lines[i].replace(/^ {2}([^:\s]+):/, '  $1-v2:');
        renamed++;
      }
    }
    writeFileSync(last, lines.join('\n'));
    const bytes = g.files.reduce((s, f) => s + readFileSync(f).length, 0);
    cases.push({ id: `f-renamed-${n}`, label: 'f', what: `${renamed.toLocaleString('en-GB')} observation ids renamed (\`-v2\`) against a ${n.toLocaleString('en-GB')}-KPI catalogue`, bytes, catalogue: g.catalogue, args: [], env: {}, expect: [2], cancel: false });
  }

  // (g) The largest double in value, numerator and denominator: loads (errors, exit 1).
  const max = '1.7976931348623157e308';
  const extreme = `${HEADER}observations:\n  defects-4h: { value: ${max}, numerator: ${max}, denominator: 1 }\n  street-lighting: { value: ${max}, numerator: 1, denominator: ${max} }\n  recycling: { value: -${max} }\n`;
  periodCase('g-max-double', 'g', 'largest double in value, numerator and denominator', { text: extreme, n: 3 }, { expect: [0, 1] });

  // (h) A 57 MB preferences file (the reader caps it at 1 MiB); `check` on the bundled data.
  {
    const config = path.join(dir, 'h-prefs-57mb');
    mkdirSync(config, { recursive: true });
    const { text } = fillWith('{"lastPeriod": {', (i) => `"c${i}": "2019/20 Q3", `, '"x": ""}, "theme": "mono"}\n', 57_000_000);
    writeFileSync(path.join(config, 'config.json'), text);
    cases.push({ id: 'h-prefs-57mb', label: 'h', what: '57 MB preferences file (RAGTOP_CONFIG_DIR), `check` on the bundled data', bytes: Buffer.byteLength(text), catalogue: BUNDLED_CATALOGUE, args: [], env: { RAGTOP_CONFIG_DIR: config }, expect: [0, 1], cancel: false });
  }
  return cases;
}

export { kb as shownSize };

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const outDir = process.argv[2];
  if (!outDir) {
    process.stderr.write('usage: node scripts/bench/hostile.mjs OUTDIR\n');
    process.exit(2);
  }
  for (const c of await writeHostile(path.resolve(outDir))) process.stdout.write(`${c.id}\t${kb(c.bytes)}\t${c.what}\n`);
}

#!/usr/bin/env node
// The parse floors: parses a list of files with one parser, in a fresh process, and writes
// { parser, files, bytes, importMs, readMs, parseMs } as JSON to the file named by BENCH_OUT
// (stdout stays free, so the runner can time the whole process as it times ragtop).
//
//   BENCH_OUT=result.json node scripts/bench/parse.mjs PARSER FILE...
//
// PARSER:
//   ragtop     what ragtop runs for each file before validation: its fast path (the build's load/fast.ts:
//              js-yaml's events, with a position for every node and the checks that decide
//              whether the careful path is needed), and the careful path where it gives up
//   yaml-nouk  ragtop's careful path alone (the build's load/source.ts parseYaml: the yaml package's
//              parseDocument with positions, strict YAML 1.2 core, the depth and duplicate-key
//              walk, string cleaning and toJS), the parser every file went through before
//   js-yaml    js-yaml 5's load (reference; what ragtop's fast path is built on)
//   js-yaml-4  js-yaml 4.1's load (reference; the faster floor where it is faster)
//   json       JSON.parse (reference); FILE... are then the same data saved as JSON

import { Buffer } from 'node:buffer';
import { performance } from 'node:perf_hooks';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const [parser, ...files] = process.argv.slice(2);

const t0 = performance.now();
let parse;
if (parser === 'ragtop' || parser === 'yaml-nouk') {
  const { source, fast, limits: { DEFAULT_LIMITS } } = await import(new URL(`file://${path.resolve(here, '..', '..', 'dist', 'app', 'internals.js')}`).href);
  const limits = { ...DEFAULT_LIMITS, maxBytes: Number.MAX_SAFE_INTEGER };
  parse = (text, file) => {
    const quick = parser === 'ragtop' ? fast.parseFast(file, text, limits) : undefined;
    if (quick) return quick.value;
    const r = source.parseYaml(file, text, limits);
    if (r.value === undefined) throw new Error(`${file}: ${r.findings[0]?.message ?? 'not parsed'}`);
    return r.value;
  };
} else if (parser === 'js-yaml' || parser === 'js-yaml-4') {
  const { load } = await import(parser === 'js-yaml' ? 'js-yaml' : 'js-yaml-4');
  parse = (text) => load(text);
} else if (parser === 'json') {
  parse = (text) => JSON.parse(text);
} else {
  process.stderr.write('usage: node scripts/bench/parse.mjs ragtop|yaml-nouk|js-yaml|js-yaml-4|json FILE...\n');
  process.exit(2);
}
const t1 = performance.now();
const texts = files.map((f) => readFileSync(f, 'utf8'));
const t2 = performance.now();
let n = 0;
for (let i = 0; i < texts.length; i++) {
  const v = parse(texts[i], files[i]);
  if (v && typeof v === 'object') n += 1;
}
const t3 = performance.now();
const result = { parser, files: files.length, parsed: n, bytes: texts.reduce((s, t) => s + Buffer.byteLength(t), 0), importMs: t1 - t0, readMs: t2 - t1, parseMs: t3 - t2 };
if (process.env['BENCH_OUT']) writeFileSync(process.env['BENCH_OUT'], JSON.stringify(result));
else process.stdout.write(JSON.stringify(result) + '\n');

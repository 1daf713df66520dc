#!/usr/bin/env node
// The parse floors: parses a list of files with one parser, in a fresh process, and writes
// { parser, files, bytes, importMs, readMs, parseMs } as JSON to the file named by BENCH_OUT
// (stdout stays free, so the runner can time the whole process as it times ragtop).
//
//   BENCH_OUT=result.json node scripts/bench/parse.mjs PARSER FILE...
//
// PARSER:
//   ragtop     ragtop's own parseYaml (dist/load/source.js): the yaml package's parseDocument with
//              ragtop's options (positions, unique keys, strict, YAML 1.2 core), its depth check,
//              string cleaning and toJS: exactly what ragtop runs for each file before validation
//   yaml-nouk  the yaml package's parseDocument with ragtop's options but uniqueKeys: false, then
//              toJS: what the same parser costs without its duplicate-key check
//   js-yaml    js-yaml's load (reference)
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
if (parser === 'ragtop') {
  const source = await import(new URL(`file://${path.resolve(here, '..', '..', 'dist', 'load', 'source.js')}`).href);
  const limits = { ...source.DEFAULT_LIMITS, maxBytes: Number.MAX_SAFE_INTEGER };
  parse = (text, file) => {
    const r = source.parseYaml(file, text, limits);
    if (r.value === undefined) throw new Error(`${file}: ${r.findings[0]?.message ?? 'not parsed'}`);
    return r.value;
  };
} else if (parser === 'yaml-nouk') {
  const { parseDocument, LineCounter } = await import('yaml');
  parse = (text) =>
    parseDocument(text, { lineCounter: new LineCounter(), prettyErrors: false, uniqueKeys: false, strict: true, version: '1.2', schema: 'core', logLevel: 'error', merge: false, keepSourceTokens: false }).toJS({ maxAliasCount: 1000 });
} else if (parser === 'js-yaml') {
  const { load } = await import('js-yaml');
  parse = (text) => load(text);
} else if (parser === 'json') {
  parse = (text) => JSON.parse(text);
} else {
  process.stderr.write('usage: node scripts/bench/parse.mjs ragtop|yaml-nouk|js-yaml|json FILE...\n');
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

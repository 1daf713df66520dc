#!/usr/bin/env node
// Where ragtop's load time goes: runs the stages of `ragtop` / `ragtop check` one after another in
// this process, with ragtop's own bundle (dist/app/internals.js: the same chunks the app runs), and prints one JSON object:
// { stages: [{ name, ms, rssMB, heapMB }], ... }.
//
//   node scripts/bench/profile.mjs CATALOGUE [--max-file-size BYTES] [--lite]
//
// The stages mirror loadDataset (src/load/load.ts) without changing it: reading and parsing every
// file with ragtop's parseYaml (yaml's parseDocument, positions, string cleaning, toJS), then the
// whole loadDataset again (so "validate + convert" = loadDataset − read − parse, an estimate: the
// second pass runs warm), evaluate, runChecks, buildModel, the first screen's view model, and the
// text report of `ragtop check`. --lite leaves out the two parse-only stages (they take as long
// as the load itself on large data; parse.mjs measures the parsers in their own processes).

import { Buffer } from 'node:buffer';
import { performance } from 'node:perf_hooks';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const dist = path.resolve(here, '..', '..', 'dist');
const internals = () => import(new URL(`file://${path.join(dist, 'app', 'internals.js')}`).href);

const args = process.argv.slice(2);
const catalogue = path.resolve(args[0] ?? path.join(dist, '..', 'catalogue', 'lcc-2019-20.yaml'));
const mfs = args.indexOf('--max-file-size');
const maxBytes = mfs >= 0 ? Number(args[mfs + 1]) : 64 * 1024 * 1024;
const LITE = args.includes('--lite');

const stages = [];
const mem = () => {
  const m = process.memoryUsage();
  return { rssMB: Math.round(m.rss / 1048576), heapMB: Math.round(m.heapUsed / 1048576) };
};
async function stage(name, fn) {
  const t0 = performance.now();
  const v = await fn();
  stages.push({ name, ms: Math.round((performance.now() - t0) * 10) / 10, ...mem() });
  return v;
}

const t00 = performance.now();
const { source, load, evaluate: evaluateMod, checks, model, glyphs, overview, report, limits: limitsMod, read } = await stage('import ragtop modules', internals);
const { DEFAULT_LIMITS } = limitsMod;
const limits = { ...DEFAULT_LIMITS, maxBytes };

// The files loadDataset reads: the catalogue, then the YAML files of its data directory.
const { parse: yamlParse } = await import('yaml');
const { readText } = read;
const catText = readText(catalogue, 'catalogue', limits);
const dataRel = yamlParse(catText.ok ? catText.text : '')?.catalogue?.data;
const dataDir = dataRel ? path.resolve(path.dirname(catalogue), dataRel) : undefined;
const files = [catalogue, ...(dataDir ? readdirSync(dataDir).filter((n) => /\.ya?ml$/i.test(n)).sort().map((n) => path.join(dataDir, n)) : [])];

const texts = await stage('read + UTF-8 check (readText)', () => files.map((f) => readText(f, f, limits)));
let bytes = 0;
for (const t of texts) if (t.ok) bytes += Buffer.byteLength(t.text);
if (!LITE) {
  const { parseDocument, LineCounter } = await import('yaml');
  await stage('yaml parseDocument alone (ragtop options)', () => {
    for (const t of texts) if (t.ok) parseDocument(t.text, { lineCounter: new LineCounter(), prettyErrors: false, uniqueKeys: true, strict: true, version: '1.2', schema: 'core', logLevel: 'error', merge: false, keepSourceTokens: false });
  });
  await stage('parseYaml (parseDocument + checks + clean + toJS)', () => {
    const out = [];
    for (const t of texts) if (t.ok) out.push(source.parseYaml('f', t.text, limits));
    return out.length;
  });
}
const loaded = await stage('loadDataset (read + parse + validate + convert)', () => load.loadDataset(catalogue, { limits }));
if (!loaded.dataset) {
  process.stdout.write(JSON.stringify({ error: 'not loaded', findings: loaded.findings.slice(0, 5) }));
  process.exit(1);
}
const ev = await stage('evaluate', () => evaluateMod.evaluate(loaded.dataset));
const found = await stage('runChecks', () => checks.runChecks(ev));
await stage('check: sort + text report', () => {
  const all = load.sortFindings([...loaded.findings, ...found]);
  const s = report.summarise(all, loaded.files.length, true, false);
  return report.textReport(all, s).length;
});
const m = await stage('buildModel (evaluate + runChecks + sort + indexes)', () => model.buildModel(loaded.dataset, loaded.findings, glyphs.UNICODE_GLYPHS));
await stage('overview view model (first screen)', () => overview.overviewScreen(m, { period: m.ev.periods.length - 1, cursor: 0, filter: '', sortColumn: 0, width: 120, height: 36 }));

process.stdout.write(
  JSON.stringify({ catalogue: path.basename(path.dirname(catalogue)), files: files.length, bytes, findings: m.findings.length, totalMs: Math.round(performance.now() - t00), peakRssMB: Math.round(process.resourceUsage().maxRSS / 1024), stages }, null, 1) + '\n',
);

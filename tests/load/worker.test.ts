// The period-file worker, run from the build (a worker thread runs compiled JavaScript): the
// shared load gives exactly what the synchronous load gives, and a worker that stops early only
// means the main thread reads the rest.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INTERNALS, NOT_BUILT } from '../built.js';

const ROOT = path.resolve(import.meta.dirname, '..', '..');
const why = NOT_BUILT;
if (why) console.warn(`tests/load/worker.test.ts skipped: ${why}`);

/** Runs a module script with the build's load functions; returns what it prints (JSON). */
function run(script: string, ...args: string[]): unknown {
  const out = execFileSync(process.execPath, ['--input-type=module', '-e', script, ...args], { encoding: 'utf8', cwd: ROOT });
  return JSON.parse(out);
}

const COMPARE = `
import { isDeepStrictEqual } from 'node:util';
const { loadDataset, loadDatasetAsync } = (await import(${JSON.stringify(INTERNALS)})).load;
const [cat, stop] = process.argv.slice(1);
let byWorker = 0;
const { PeriodWorker } = (await import(${JSON.stringify(INTERNALS)})).periodWorker;
if (stop) {
  // A worker that is gone at once: every file is read by this thread.
  const start = PeriodWorker.start;
  PeriodWorker.start = (...a) => { const w = start(...a); w?.stop(); return w; };
} else {
  // Small files: this thread would read them all before the worker is up. Let the worker claim
  // the last file before this thread claims the first, so that both threads read some.
  const take = PeriodWorker.prototype.take;
  PeriodWorker.prototype.take = async function (i) {
    for (let t = 0; t < 1000 && this.claims[this.claims.length - 1] === 0; t++) await new Promise((r) => setTimeout(r, 5));
    return take.call(this, i);
  };
}
const shared = await loadDatasetAsync(cat, { worker: true }, (p) => { if (p.by === 'worker') byWorker += 1; });
const alone = loadDataset(cat);
console.log(JSON.stringify({ same: isDeepStrictEqual(shared, alone), byWorker, periods: alone.dataset?.periods.length ?? 0, findings: alone.findings.length }));
`;

describe.skipIf(why !== '')('the period-file worker', { timeout: 60000 }, () => {
  let dir = '';
  beforeAll(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'ragtop-worker-'));
    execFileSync(process.execPath, [path.join(ROOT, 'scripts', 'bench', 'generate.mjs'), 'S', dir]);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('shares the files and gives the same data set and findings as the synchronous load', () => {
    const r = run(COMPARE, path.join(dir, 'catalogue.yaml')) as { same: boolean; byWorker: number; periods: number };
    expect(r.periods).toBe(12);
    expect(r.byWorker).toBeGreaterThan(0);
    expect(r.same).toBe(true);
  });

  it('the same with problems in the data (findings from both threads, in file order)', () => {
    const r = run(COMPARE, 'tests/fixtures/codes/rag-mismatch/catalogue.yaml') as { same: boolean; findings: number };
    expect(r.same).toBe(true);
  });

  it('a worker that stops early: this thread reads its files, the result is the same', () => {
    const r = run(COMPARE, path.join(dir, 'catalogue.yaml'), 'stop') as { same: boolean; byWorker: number };
    expect(r.same).toBe(true);
    expect(r.byWorker).toBe(0);
  });

  it('stops when asked while it waits for the worker on a file', () => {
    // A worker that never hands its file over (as one busy with a slow file): the load is asked
    // to stop while it waits, and stops.
    const script = `
const { loadDatasetAsync } = (await import(${JSON.stringify(INTERNALS)})).load;
const { PeriodWorker } = (await import(${JSON.stringify(INTERNALS)})).periodWorker;
let waiting = false;
PeriodWorker.prototype.take = function () { waiting = true; return new Promise(() => {}); };
const r = await loadDatasetAsync(process.argv[1], { worker: true }, undefined, () => waiting);
console.log(JSON.stringify({ stopped: r === undefined, waited: waiting }));
`;
    const r = run(script, path.join(dir, 'catalogue.yaml'));
    expect(r).toEqual({ stopped: true, waited: true });
  });
});

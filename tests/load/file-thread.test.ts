// A hostile file the careful reader takes seconds over is read off the main thread by the app's
// load (run from the build: a worker thread runs compiled JavaScript): the event loop stays free,
// so the load stops mid-file when asked, and a file past its time budget is a READ_ERROR.
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { INTERNALS, NOT_BUILT } from '../built.js';
import { catalogue, writeTree } from '../helpers.js';

const ROOT = path.resolve(import.meta.dirname, '..', '..');
const why = NOT_BUILT;
if (why) console.warn(`tests/load/file-thread.test.ts skipped: ${why}`);

/** Runs a module script with the build's load functions; returns what it prints (JSON). */
function run(script: string, ...args: string[]): unknown {
  const out = execFileSync(process.execPath, ['--input-type=module', '-e', `const { loadDataset, loadDatasetAsync } = (await import(${JSON.stringify(INTERNALS)})).load;\n${script}`, ...args], { encoding: 'utf8', cwd: ROOT });
  return JSON.parse(out);
}

/** Just under the careful reader's 512 KiB: a long flow sequence with a stray `]` (a second to read). */
function hostile(): string {
  const items = '1, '.repeat(170_000);
  return writeTree({
    'catalogue.yaml': catalogue('      - { id: k, title: K, unit: percent, good: high }\n'),
    'q1.yaml': `period: 2019/20 Q1\nobservations: [${items}]]\n`,
  });
}

describe.skipIf(why !== '')('a file read off the main thread', { timeout: 60_000 }, () => {
  it('stops mid-file when asked: the event loop ran while the file was read', () => {
    const dir = hostile();
    // Three ticks of a 10 ms timer after the hostile file's step ask to stop: they can only run
    // while the file is being read if it is read off this thread.
    const got = run(
      `let ticks = 0, armed = false, stop = false, asked = 0;
      const timer = setInterval(() => { if (armed && !stop && ++ticks >= 3) stop = true; }, 10);
      const r = await loadDatasetAsync(process.argv[1], {}, (p) => { if (p.file.endsWith('q1.yaml')) armed = true; }, () => { asked += 1; return stop; });
      clearInterval(timer);
      console.log(JSON.stringify({ stopped: r === undefined, ticks }));`,
      path.join(dir, 'catalogue.yaml'),
    );
    expect(got).toEqual({ stopped: true, ticks: 3 });
  });

  it('gives the same findings as the synchronous load', () => {
    const dir = hostile();
    const got = run(
      `const { isDeepStrictEqual } = await import('node:util');
      const cat = process.argv[1];
      const a = await loadDatasetAsync(cat, {});
      const s = loadDataset(cat, {});
      console.log(JSON.stringify({ same: isDeepStrictEqual(a, s), findings: a.findings.map((f) => f.file + ':' + f.line + ' ' + f.code) }));`,
      path.join(dir, 'catalogue.yaml'),
    ) as { same: boolean; findings: string[] };
    expect(got.same).toBe(true);
    expect(got.findings).toEqual([expect.stringMatching(/q1\.yaml:2 YAML_SYNTAX$/)]);
  });

  it('a file past its time budget is stopped and reported', () => {
    const dir = hostile();
    const got = run(`const r = await loadDatasetAsync(process.argv[1], { fileBudgetMs: 100 }); console.log(JSON.stringify(r.findings));`, path.join(dir, 'catalogue.yaml'));
    expect(got).toEqual([expect.objectContaining({ code: 'READ_ERROR', line: 1, message: 'reading the file took longer than 0.1 s, so it was stopped: make it smaller or plainer (no anchors, tags or repeated keys)' })]);
    expect((got as Array<{ file: string }>)[0]?.file).toMatch(/q1\.yaml$/);
  });

  it('an error from an idle worker is not an unhandled error: the next file gets a new worker', () => {
    // A message the worker cannot read makes it throw between files (as any failure of its own would).
    const got = run(
      `const { FileReader } = (await import(${JSON.stringify(INTERNALS)})).fileThread;
      const reader = new FileReader();
      const first = reader.start();
      // Kept alive until it has gone (an idle worker does not hold the process).
      first.ref();
      const exited = new Promise((resolve) => first.once('exit', resolve));
      first.postMessage({ id: 0, step: null });
      await exited;
      const second = reader.start();
      console.log(JSON.stringify({ survived: true, fresh: second !== undefined && second !== first }));
      reader.stop();`,
    );
    expect(got).toEqual({ survived: true, fresh: true });
  });
});

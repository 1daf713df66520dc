// Test helpers: small datasets written to a temporary directory and loaded the real way.
import { mkdtempSync, writeFileSync, mkdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { evaluate, type Evaluation } from '../src/domain/evaluate.js';
import { formatPeriod } from '../src/domain/period.js';
import { loadDataset, type LoadResult } from '../src/load/load.js';

/** Writes files (name → text) into a new temporary directory; returns its path. */
export function writeTree(files: Readonly<Record<string, string>>): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'ragtop-test-'));
  for (const [name, text] of Object.entries(files)) {
    const file = path.join(dir, name);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, text);
  }
  return dir;
}

/** Loads `catalogue.yaml` (with `data: .`) and the given period files from a temporary directory. */
export function loadTree(files: Readonly<Record<string, string>>): LoadResult & { dir: string } {
  const dir = writeTree(files);
  return { ...loadDataset(path.join(dir, 'catalogue.yaml'), { cwd: dir }), dir };
}

export function evaluateTree(files: Readonly<Record<string, string>>): Evaluation {
  const loaded = loadTree(files);
  if (!loaded.dataset) throw new Error(`fixture did not load: ${loaded.findings.map((f) => `${f.file}:${f.line}:${f.column} ${f.code} ${f.message}`).join('; ')}`);
  return evaluate(loaded.dataset);
}

/** A catalogue with one priority holding the given KPI YAML (indented as list items under kpis:). */
export function catalogue(kpis: string, extra = ''): string {
  return `catalogue:\n  id: test\n  title: Test\n  organisation: Test Council\n  data: .\n${extra}priorities:\n  - id: p\n    title: Priority\n    kpis:\n${kpis}`;
}

export function metricEval(ev: Evaluation, period: string, id: string) {
  const pe = ev.byPeriod.get(period);
  if (!pe) throw new Error(`no period ${period}; have ${ev.periods.map((p) => formatPeriod(p.data.period)).join(', ')}`);
  const m = pe.metrics.get(id);
  if (!m) throw new Error(`no metric ${id}`);
  return m;
}

/** What a command line printed and its exit status. */
export interface CliRun {
  readonly status: number;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Runs a `ragtop` command line in this process, exactly as the executable's `main` runs it (the
 * same dispatcher, the same output cleaning, an internal error as one line), without a terminal.
 * For tests that need a real process (signals, pipes, the bundle itself), spawn tests/built.ts's BIN.
 */
export async function runCli(argv: readonly string[], opts: { readonly cwd?: string; readonly env?: NodeJS.ProcessEnv } = {}): Promise<CliRun> {
  const { execute, streamIo } = await import('../src/cli/main.js');
  let stdout = '';
  let stderr = '';
  const io = streamIo({ out: (s) => (stdout += s), err: (s) => (stderr += s) }, opts.env ?? process.env, opts.cwd ?? process.cwd());
  const status = await execute(argv, io);
  return { status, stdout, stderr };
}

// The ragtop command. Loads and validates before anything is drawn; load problems are printed as
// findings (exit 2), never as a stack trace. Ink is never imported on the check/help paths.

import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runChecks } from '../domain/checks.js';
import { evaluate } from '../domain/evaluate.js';
import { formatPeriod, parsePeriod, samePeriod } from '../domain/period.js';
import { showText } from '../domain/text.js';
import { loadDataset, sortFindings, type LoadResult } from '../load/load.js';
import { DEFAULT_LIMITS } from '../load/source.js';
import { ASCII_GLYPHS, UNICODE_GLYPHS } from '../viewmodel/glyphs.js';
import { overviewModel, overviewText } from '../viewmodel/overview.js';
import { HELP, parseCommandLine, UsageError, type Args } from './args.js';
import { jsonReport, summarise, textReport, findingLine } from './report.js';

const packageRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const BUNDLED_CATALOGUE = path.join(packageRoot, 'catalogue', 'lcc-2019-20.yaml');

interface Io {
  readonly out: (s: string) => void;
  readonly err: (s: string) => void;
  readonly env: NodeJS.ProcessEnv;
  readonly cwd: string;
}

function version(): string {
  const pkg = JSON.parse(readFileSync(path.join(packageRoot, 'package.json'), 'utf8')) as { version: string };
  return pkg.version;
}

function load(args: Args, io: Io): LoadResult {
  return loadDataset(args.catalogue ?? BUNDLED_CATALOGUE, {
    ...(args.data !== undefined ? { dataDir: args.data } : {}),
    ...(args.agenda !== undefined ? { agendaFiles: [args.agenda] } : {}),
    limits: { ...DEFAULT_LIMITS, ...(args.maxFileSize !== undefined ? { maxBytes: args.maxFileSize } : {}) },
    cwd: io.cwd,
  });
}

function check(args: Args, io: Io): number {
  const loaded = load(args, io);
  let findings = [...loaded.findings];
  if (loaded.dataset) findings = sortFindings([...findings, ...runChecks(evaluate(loaded.dataset))]);
  const summary = summarise(findings, loaded.files.length, loaded.dataset !== undefined, args.strict);
  io.out(args.json ? jsonReport(findings, summary) : textReport(findings, summary));
  return summary.exit;
}

function wantsAscii(args: Args, env: NodeJS.ProcessEnv): boolean {
  if (args.ascii) return true;
  const locale = env['LC_ALL'] || env['LC_CTYPE'] || env['LANG'] || '';
  return locale !== '' && !/utf-?8/i.test(locale);
}

function view(args: Args, io: Io): number {
  const loaded = load(args, io);
  if (!loaded.dataset) {
    for (const f of loaded.findings) io.err(`${findingLine(f)}\n`);
    io.err(`ragtop: the data could not be loaded (${loaded.findings.filter((f) => f.severity === 'error').length} problems above); run 'ragtop check' for details\n`);
    return 2;
  }
  const ev = evaluate(loaded.dataset);
  if (ev.periods.length === 0) {
    io.err(`ragtop: no period files found for catalogue '${showText(loaded.dataset.catalogue.id)}'\n`);
    return 2;
  }
  let pe = ev.periods[ev.periods.length - 1];
  if (args.period !== undefined) {
    const wanted = parsePeriod(args.period);
    const found = wanted && ev.periods.find((p) => samePeriod(p.data.period, wanted));
    if (!found) {
      const have = ev.periods.map((p) => formatPeriod(p.data.period)).join(', ');
      io.err(`ragtop: --period ${showText(args.period)}: ${wanted ? 'no period file gives it' : 'not a period like 2019/20 Q3'} (loaded: ${have})\n`);
      return 2;
    }
    pe = found;
  }
  if (!pe) return 2;
  const glyphs = wantsAscii(args, io.env) ? ASCII_GLYPHS : UNICODE_GLYPHS;
  const titles = new Map(loaded.dataset.catalogue.priorities.map((p) => [p.id, p.title]));
  const lines = overviewText(overviewModel(ev, pe), glyphs, (id) => titles.get(id) ?? id);
  io.out(lines.join('\n') + '\n');
  return 0;
}

export function run(argv: readonly string[], io: Io): number {
  let args: Args;
  try {
    args = parseCommandLine(argv);
  } catch (e) {
    if (e instanceof UsageError) {
      io.err(`ragtop: ${showText(e.message, 200)}; see 'ragtop --help'\n`);
      return 2;
    }
    throw e;
  }
  if (args.help) {
    io.out(HELP);
    return 0;
  }
  if (args.version) {
    io.out(`ragtop ${version()}\n`);
    return 0;
  }
  switch (args.command) {
    case 'check':
      return check(args, io);
    case 'view':
      return view(args, io);
    case 'present':
    case 'export':
    case 'config':
      io.err(`ragtop: '${args.command}' is not available in this version yet; see 'ragtop --help'\n`);
      return 2;
    default: {
      const _exhaustive: never = args.command;
      return _exhaustive;
    }
  }
}

export function main(): void {
  const io: Io = {
    out: (s) => process.stdout.write(s),
    err: (s) => process.stderr.write(s),
    env: process.env,
    cwd: process.cwd(),
  };
  let code: number;
  try {
    code = run(process.argv.slice(2), io);
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    io.err(`ragtop: internal error: ${showText(msg, 300)}${process.env['RAGTOP_DEBUG'] ? '' : ' (set RAGTOP_DEBUG=1 for the trace)'}\n`);
    if (process.env['RAGTOP_DEBUG'] && e instanceof Error && e.stack) io.err(`${e.stack}\n`);
    code = 1;
  }
  process.exitCode = code;
}

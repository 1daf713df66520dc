// The ragtop command. Loads and validates before anything is drawn; load problems are printed as
// findings (exit 2), never as a stack trace. Ink is never imported on the check/help paths.

import { readFileSync } from 'node:fs';
import path from 'node:path';
import { runChecks } from '../domain/checks.js';
import { evaluate } from '../domain/evaluate.js';
import { showText } from '../domain/text.js';
import { sortFindings } from '../load/load.js';
import { drawText } from '../viewmodel/glyphs.js';
import { overviewModel, overviewText } from '../viewmodel/overview.js';
import { buildModel } from '../viewmodel/model.js';
import { parseCommandLine, UsageError, type Args } from './args.js';
import { commandName, type Command } from './commands.js';
import { config } from './config.js';
import { exportCommand, exportIsAsync } from './export.js';
import { importCommand } from './import.js';
import { readSheet } from '../load/sheet/read.js';
import { commandHelp, usageOf } from './help.js';
import { jsonReport, noPeriodFinding, notLoadedLine, summarise, textReport, findingLine } from './report.js';
import { BUNDLED_CATALOGUE, catalogueOf, internalError, load, packageRoot, glyphsFor, wantsColour, type Io } from './context.js';
import { interactive } from './interactive.js';
import { resolvePeriod } from './period.js';
import { present } from './present.js';
import { terminalSafe } from './terminal-text.js';
import { leave as leaveFirstScreen } from './first-screen.js';

export { BUNDLED_CATALOGUE, catalogueOf, wantsColour, type Io };

function version(): string {
  const pkg: unknown = JSON.parse(readFileSync(path.join(packageRoot, 'package.json'), 'utf8'));
  return typeof pkg === 'object' && pkg !== null && 'version' in pkg && typeof pkg.version === 'string' ? pkg.version : 'unknown';
}

function check(args: Args, io: Io): number {
  const loaded = load(args, io);
  let findings = [...loaded.findings];
  const noPeriod = loaded.dataset !== undefined && loaded.dataset.periods.length === 0;
  if (noPeriod) findings = sortFindings([...findings, noPeriodFinding(loaded, io.cwd)]);
  else if (loaded.dataset) findings = sortFindings([...findings, ...runChecks(evaluate(loaded.dataset))]);
  const summary = summarise(findings, loaded.files.length, loaded.dataset !== undefined && !noPeriod, args.strict);
  io.out(args.json ? jsonReport(findings, summary) : textReport(findings, summary, args.verbose));
  return summary.exit;
}

function view(args: Args, io: Io): number {
  const loaded = load(args, io);
  if (!loaded.dataset) {
    for (const f of loaded.findings) io.err(`${findingLine(f)}\n`);
    io.err(notLoadedLine(loaded.findings));
    return 2;
  }
  const glyphs = glyphsFor(args, io.env);
  // The model (its evaluation and the findings) that the TUI reads: the same figures, the same marks.
  const model = buildModel(loaded.dataset, loaded.findings, glyphs);
  const ev = model.ev;
  if (ev.periods.length === 0) {
    io.err(`ragtop: no period files found for catalogue '${showText(loaded.dataset.catalogue.id)}'\n`);
    return 2;
  }
  const period = resolvePeriod(model, args.period, () => ev.periods.length - 1);
  if ('problem' in period) {
    io.err(`ragtop: ${period.problem}\n`);
    return 2;
  }
  const titles = new Map(loaded.dataset.catalogue.priorities.map((p) => [p.id, p.title]));
  const lines = overviewText(overviewModel(model, period.index), glyphs, (id) => titles.get(id) ?? id);
  io.out(lines.join('\n') + '\n');
  return 0;
}

/**
 * How each command runs: `run`, and `sync` for a caller that cannot wait (the command finishes
 * without importing anything, as it does when output is not a terminal).
 */
interface Runner {
  readonly run: (args: Args, io: Io) => number | Promise<number>;
  readonly sync?: (args: Args, io: Io) => number;
}

const importRun = (args: Args, io: Io) => importCommand(args, io, { readSheet });

const exportRun = (args: Args, io: Io) => exportCommand(args, io, () => load(args, io), glyphsFor(args, io.env));

/** The text formats finish at once; a workbook is written asynchronously (its caller must wait). */
function exportSync(args: Args, io: Io): number {
  if (exportIsAsync(args)) {
    io.err(`ragtop: export --format ${showText(args.format ?? '')} is written asynchronously; use runAsync\n`);
    return 2;
  }
  const status = exportRun(args, io);
  return typeof status === 'number' ? status : 2;
}

/** The dispatcher's table: one runner per command of the command table. */
const RUNNERS: Readonly<Record<Command, Runner>> = {
  view: { run: (args, io) => (io.tty ? interactive(args, io, io.tty) : view(args, io)), sync: view },
  check: { run: check, sync: check },
  present: { run: present },
  export: { run: exportRun, sync: exportSync },
  import: { run: importRun },
  config: { run: config },
};

/**
 * The command line, parsed once, and the Io the command runs with; or the exit status when there
 * is nothing more to run (a usage error, --help, --version).
 */
function prepare(argv: readonly string[], io: Io): { readonly args: Args; readonly io: Io } | number {
  let args: Args;
  try {
    args = parseCommandLine(argv);
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    // A usage error names the command, shows its usage and says where its help is.
    const more = e.command === undefined ? '; see \'ragtop --help\'\n' : `\n${usageOf(e.command)}see '${commandName(e.command)} --help'\n`;
    io.err(`ragtop: ${showText(e.message, 200)}${more}`);
    return 2;
  }
  // In the ASCII glyph set, everything a command prints is drawn in ASCII (data text transliterated).
  const glyphs = glyphsFor(args, io.env);
  const plain = io;
  if (glyphs.ascii) io = { ...plain, out: (s) => plain.out(drawText(s, glyphs)), err: (s) => plain.err(drawText(s, glyphs)) };
  if (args.help) {
    // The key list has arrows: drawn with the ASCII set where the locale (or --ascii) asks for it.
    io.out(commandHelp(args.command));
    return 0;
  }
  if (args.version) {
    io.out(`ragtop ${version()}\n`);
    return 0;
  }
  return { args, io };
}

/** Runs a command line: in a terminal (`io.tty`), the app. */
export async function runAsync(argv: readonly string[], io: Io): Promise<number> {
  const ready = prepare(argv, io);
  if (typeof ready === 'number') return ready;
  return RUNNERS[ready.args.command].run(ready.args, ready.io);
}

/** Runs a command line that finishes without waiting (never the app: `io.tty` is not used). */
export function run(argv: readonly string[], io: Io): number {
  const ready = prepare(argv, io);
  if (typeof ready === 'number') return ready;
  const sync = RUNNERS[ready.args.command].sync;
  if (sync) return sync(ready.args, ready.io);
  io.err(`ragtop: ${ready.args.command} is asynchronous; use runAsync\n`);
  return 2;
}

/**
 * The Io of a process: everything a command prints passes the last cleaning step (our own text is
 * plain or SGR-styled) on its way to `out` and `err`.
 */
export function streamIo(write: { readonly out: (s: string) => void; readonly err: (s: string) => void }, env: NodeJS.ProcessEnv, cwd: string, tty?: Io['tty']): Io {
  return { out: (s) => write.out(terminalSafe(s, 'stream')), err: (s) => write.err(terminalSafe(s, 'stream')), env, cwd, ...(tty ? { tty } : {}) };
}

/** One command line, start to exit status, as `main` runs it (tests run it in process). */
export async function execute(argv: readonly string[], io: Io): Promise<number> {
  try {
    return await runAsync(argv, io);
  } catch (e) {
    return internalError(io, e);
  }
}

export function main(): void {
  const tty = process.stdin.isTTY && process.stdout.isTTY ? { stdin: process.stdin, stdout: process.stdout } : undefined;
  // Whatever is said goes to the main screen: a first screen still up (first-screen.ts) goes first.
  const say = (stream: NodeJS.WriteStream) => (s: string) => {
    leaveFirstScreen();
    stream.write(s);
  };
  const io = streamIo({ out: say(process.stdout), err: say(process.stderr) }, process.env, process.cwd(), tty);
  // A reader that goes away (ragtop check | head) is not an error worth a trace.
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  });
  void execute(process.argv.slice(2), io).then((code) => {
    process.exitCode = code;
    // The app may leave stdin referenced; leave once output is flushed. (An internal error in the
    // app is status 1.)
    if (tty) process.stdout.write('', () => process.exit(code));
  });
}

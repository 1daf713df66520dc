// The ragtop command. Loads and validates before anything is drawn; load problems are printed as
// findings (exit 2), never as a stack trace. Ink is never imported on the check/help paths.

import { readFileSync } from 'node:fs';
import path from 'node:path';
import { runChecks } from '../domain/checks.js';
import { evaluate } from '../domain/evaluate.js';
import { formatPeriod, parsePeriod, samePeriod } from '../domain/period.js';
import { showText } from '../domain/text.js';
import { sortFindings } from '../load/load.js';
import { drawText } from '../viewmodel/glyphs.js';
import { overviewModel, overviewText } from '../viewmodel/overview.js';
import { buildModel } from '../viewmodel/model.js';
import { HELP, parseCommandLine, UsageError, type Args } from './args.js';
import { exportCommand } from './export.js';
import { jsonReport, noPeriodFinding, notLoadedLine, summarise, textReport, findingLine } from './report.js';
import { agendaNamed, BUNDLED_CATALOGUE, catalogueOf, internalError, load, packageRoot, glyphsFor, wantsColour, type Io } from './context.js';
import { interactive } from './interactive.js';
import { terminalSafe } from './terminal-text.js';
import { leave as leaveFirstScreen } from './first-screen.js';

export { BUNDLED_CATALOGUE, catalogueOf, wantsColour, type Io };

function version(): string {
  const pkg = JSON.parse(readFileSync(path.join(packageRoot, 'package.json'), 'utf8')) as { version: string };
  return pkg.version;
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
  const titles = new Map(loaded.dataset.catalogue.priorities.map((p) => [p.id, p.title]));
  const lines = overviewText(overviewModel(model, ev.periods.indexOf(pe)), glyphs, (id) => titles.get(id) ?? id);
  io.out(lines.join('\n') + '\n');
  return 0;
}

export async function runAsync(argv: readonly string[], io: Io): Promise<number> {
  let args: Args;
  try {
    args = parseCommandLine(argv);
  } catch {
    return run(argv, io);
  }
  // In the ASCII glyph set, everything a command prints is drawn in ASCII (data text transliterated).
  const glyphs = glyphsFor(args, io.env);
  const plain = io;
  if (glyphs.ascii) io = { ...plain, out: (s) => plain.out(drawText(s, glyphs)), err: (s) => plain.err(drawText(s, glyphs)) };
  if (args.help || args.version) return run(argv, io);
  if (args.command === 'view' && io.tty) return interactive(args, io, io.tty);
  if (args.command === 'present') return present(args, io);
  if (args.command === 'config') return config(args, io);
  return run(argv, io);
}

/** `ragtop present`: the agenda full screen; --notes follows a presenter in another terminal. */
async function present(args: Args, io: Io): Promise<number> {
  if (args.notes) {
    // The notes follow whichever presenter runs; a catalogue named on the command line narrows
    // that to its presenters (it is loaded only for its id).
    let id: string | undefined;
    if (args.catalogue !== undefined) {
      const loaded = load(args, io);
      id = loaded.dataset?.catalogue.id;
      if (!id) {
        for (const f of loaded.findings) io.err(`${findingLine(f)}\n`);
        return 2;
      }
    }
    const { runNotes } = await import('./notes.js');
    const [{ THEMES }] = await Promise.all([import('../ui/theme/theme.js')]);
    return runNotes({
      env: io.env,
      ...(id !== undefined ? { catalogueId: id } : {}),
      stdin: io.tty?.stdin ?? process.stdin,
      stdout: io.tty?.stdout ?? process.stdout,
      theme: wantsColour(args, io.env) ? THEMES[(args.theme as keyof typeof THEMES | undefined) ?? 'default'] ?? THEMES.default : THEMES.mono,
      glyphs: glyphsFor(args, io.env),
    });
  }
  if (io.tty) return interactive(args, io, io.tty, true);
  // Not a terminal: the agenda as plain text (the markdown hand-out is `ragtop export --format md`).
  const loaded = load(args, io);
  if (!loaded.dataset) {
    for (const f of loaded.findings) io.err(`${findingLine(f)}\n`);
    return 2;
  }
  const [{ buildModel }, { meetingAgenda }] = await Promise.all([import('../viewmodel/model.js'), import('../viewmodel/presenter-screen.js')]);
  const agenda = agendaNamed(args, io, loaded.dataset.agendas);
  const model = buildModel(loaded.dataset, loaded.findings, glyphsFor(args, io.env), agenda, args.minutes !== undefined ? { meetingMinutes: args.minutes } : {});
  const { meetingPeriodOf } = await import('../viewmodel/agenda-build.js');
  const p = args.period === undefined ? undefined : parsePeriod(args.period);
  const index = args.period === undefined ? meetingPeriodOf(model, agenda) : p ? model.ev.periods.findIndex((x) => samePeriod(x.data.period, p)) : -1;
  if (index < 0) {
    io.err(`ragtop: --period ${showText(args.period ?? '')}: ${p ? 'no period file gives it' : 'not a period like 2019/20 Q3'} (loaded: ${model.periodLabels.join(', ')})\n`);
    return 2;
  }
  const meeting = meetingAgenda(model, index, model.agenda);
  io.out(`${showText(meeting.meeting, 200)}${meeting.generated ? ' (agenda built from the data)' : ''}\n`);
  meeting.items.forEach((it, i) => io.out(`${String(i + 1).padStart(3)}. ${showText(it.title, 200)}${it.minutes ? ` (${it.minutes} min)` : ''}\n`));
  return 0;
}

const THEME_NAMES = ['default', 'high-contrast', 'colour-blind-safe', 'mono'];

/** `ragtop config`: show, reset or change the saved preferences; every value printed escaped. */
async function config(args: Args, io: Io): Promise<number> {
  const { openPrefs, recoverPrefs, PrefsError } = await import('./prefs.js');
  const store = openPrefs(io.env);
  const [sub, key, value, ...extra] = args.rest;
  const usage = () => {
    io.err(`ragtop: config takes: (nothing), reset, set theme ${THEME_NAMES.join('|')}, or set ascii on|off\n`);
    return 2;
  };
  /** Saves; a corrupt file moved aside first is said on stderr; a file that cannot be saved is exit 2. */
  const save = (write: () => string | undefined): boolean => {
    try {
      const notice = write();
      if (notice !== undefined) io.err(`ragtop: ${notice}\n`);
      return true;
    } catch (e) {
      if (!(e instanceof PrefsError)) throw e;
      io.err(`ragtop: preferences are not saved: ${e.message}\n`);
      return false;
    }
  };
  if (sub === 'reset' && key === undefined) {
    if (!save(() => store.reset())) return 2;
    io.out(`preferences reset (${showText(store.path, 200)})\n`);
    return 0;
  }
  if (sub === 'set' && extra.length === 0) {
    let change: { theme?: never; ascii?: boolean };
    if (key === 'theme' && value !== undefined && THEME_NAMES.includes(value)) change = { theme: value as never };
    else if (key === 'ascii' && (value === 'on' || value === 'off')) change = { ascii: value === 'on' };
    else return usage();
    if (!save(() => store.set(change))) return 2;
    io.out(`${key} = ${value}\n`);
    return 0;
  }
  if (sub !== undefined) return usage();
  // A corrupt file is named and moved aside, as the app does.
  const { prefs: p, notice } = recoverPrefs(io.env);
  if (notice !== undefined) io.err(`ragtop: ${notice}\n`);
  const show = (s: string) => showText(s, 200);
  const periods = Object.entries(p.lastPeriod ?? {}).map(([k, v]) => `${show(k)}: ${show(v)}`);
  io.out(
    [
      `file: ${show(store.path)}`,
      `theme: ${p.theme ?? 'default'}`,
      `ascii: ${p.ascii ? 'on' : 'off'}`,
      `last catalogue: ${p.lastCatalogue !== undefined ? show(p.lastCatalogue) : '(none: the bundled default)'}`,
      `last period: ${periods.length ? periods.join(', ') : '(none)'}`,
    ].join('\n') + '\n',
  );
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
    // The key list has arrows: drawn with the ASCII set where the locale (or --ascii) asks for it.
    io.out(drawText(HELP, glyphsFor(args, io.env)));
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
    case 'config':
      io.err(`ragtop: config is asynchronous; use runAsync\n`);
      return 2;
    case 'export':
      return exportCommand(args, io, () => load(args, io), glyphsFor(args, io.env));
    case 'present':
      io.err(`ragtop: present is asynchronous; use runAsync\n`);
      return 2;
    default: {
      const _exhaustive: never = args.command;
      return _exhaustive;
    }
  }
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

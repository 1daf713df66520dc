// The ragtop command. Loads and validates before anything is drawn; load problems are printed as
// findings (exit 2), never as a stack trace. Ink is never imported on the check/help paths.

import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runChecks } from '../domain/checks.js';
import { evaluate } from '../domain/evaluate.js';
import { formatPeriod, parsePeriod, samePeriod } from '../domain/period.js';
import { showText } from '../domain/text.js';
import type { Agenda } from '../domain/types.js';
import type { PresenterState } from '../viewmodel/agenda.js';
import { loadDataset, loadDatasetAsync, sortFindings, type LoadOptions, type LoadResult } from '../load/load.js';
import { DEFAULT_LIMITS } from '../load/source.js';
import { ASCII_GLYPHS, UNICODE_GLYPHS } from '../viewmodel/glyphs.js';
import { overviewModel, overviewText } from '../viewmodel/overview.js';
import { HELP, parseCommandLine, UsageError, type Args } from './args.js';
import { exportCommand } from './export.js';
import { readPrefs } from './prefs.js';
import { jsonReport, summarise, textReport, findingLine } from './report.js';

const packageRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const BUNDLED_CATALOGUE = path.join(packageRoot, 'catalogue', 'lcc-2019-20.yaml');

export interface Io {
  readonly out: (s: string) => void;
  readonly err: (s: string) => void;
  readonly env: NodeJS.ProcessEnv;
  readonly cwd: string;
  /** The terminal, when both ends are one: then the interactive app runs. */
  readonly tty?: { readonly stdin: NodeJS.ReadStream; readonly stdout: NodeJS.WriteStream };
}

function version(): string {
  const pkg = JSON.parse(readFileSync(path.join(packageRoot, 'package.json'), 'utf8')) as { version: string };
  return pkg.version;
}

/** CATALOGUE, else the last one used (when it still exists), else the bundled default. */
export function catalogueOf(args: Pick<Args, 'catalogue'>, io: Pick<Io, 'env'>): string {
  if (args.catalogue !== undefined) return args.catalogue;
  const last = readPrefs(io.env).prefs.lastCatalogue;
  return last !== undefined && existsSync(last) ? last : BUNDLED_CATALOGUE;
}

function loadOptions(args: Args, io: Io): LoadOptions {
  return {
    ...(args.data !== undefined ? { dataDir: args.data } : {}),
    ...(args.agenda !== undefined ? { agendaFiles: [args.agenda] } : {}),
    limits: { ...DEFAULT_LIMITS, ...(args.maxFileSize !== undefined ? { maxBytes: args.maxFileSize } : {}) },
    cwd: io.cwd,
  };
}

function load(args: Args, io: Io): LoadResult {
  return loadDataset(catalogueOf(args, io), loadOptions(args, io));
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

export function wantsColour(args: Pick<Args, 'noColor'>, env: NodeJS.ProcessEnv): boolean {
  if (args.noColor) return false;
  if (env['NO_COLOR'] !== undefined && env['NO_COLOR'] !== '') return false;
  if (env['FORCE_COLOR'] === '0' || env['FORCE_COLOR'] === 'false') return false;
  if (env['TERM'] === 'dumb') return env['FORCE_COLOR'] !== undefined && env['FORCE_COLOR'] !== '0';
  return true;
}

async function interactive(args: Args, io: Io, tty: NonNullable<Io['tty']>, presenting = false): Promise<number> {
  // The files are read one at a time with the event loop free in between: a progress line, q and
  // Ctrl-C work while a large data set loads.
  const { startLoading } = await import('./loading.js');
  const loading = startLoading(tty);
  // Ink draws only a final frame when it thinks it runs in CI (is-in-ci reads CI and CI_* at
  // import). Both ends are a terminal here, so a person is watching: tell it so before loading it.
  for (const k of Object.keys(process.env)) if (k === 'CI' || k === 'CONTINUOUS_INTEGRATION' || k.startsWith('CI_')) delete process.env[k];
  // The app's modules load while the data does (their files are read between data files).
  const modules = Promise.all([import('../viewmodel/model.js'), import('./tui.js'), import('../ui/theme/theme.js'), import('./prefs.js')]);
  modules.catch(() => undefined);
  let loaded: LoadResult | undefined;
  try {
    loaded = await loadDatasetAsync(catalogueOf(args, io), loadOptions(args, io), (p) => loading.progress(p), () => loading.cancelled() !== undefined);
  } finally {
    if (!loaded?.dataset) loading.done();
  }
  if (!loaded) return loading.cancelled() ?? 130;
  if (!loaded.dataset) {
    for (const f of loaded.findings) io.err(`${findingLine(f)}\n`);
    io.err(`ragtop: the data could not be loaded (${loaded.findings.filter((f) => f.severity === 'error').length} problems above); run 'ragtop check' for details\n`);
    return 2;
  }
  const dataset = loaded.dataset;
  let built;
  try {
    const [{ buildModel, withChecks }, { runTui }, { THEMES }, prefsMod] = await modules;
    // A corrupt preferences file is moved aside (kept, not deleted) and the defaults used.
    const recovered = prefsMod.recoverPrefs(io.env);
    const glyphs = wantsAscii(args, io.env) || recovered.prefs.ascii ? ASCII_GLYPHS : UNICODE_GLYPHS;
    const chosenAgenda = agendaNamed(args, io, dataset.agendas);
    const kpiCount = dataset.catalogue.priorities.reduce((n, p) => n + p.kpis.length, 0);
    loading.phase(`evaluating ${kpiCount.toLocaleString('en-GB')} KPIs over ${dataset.periods.length} periods …`);
    // The checks run just after the first frame (the header says "checking …" until then).
    const model = buildModel(dataset, loaded.findings, glyphs, chosenAgenda, { checks: false });
    built = { buildModel, withChecks, runTui, THEMES, prefsMod, recovered, glyphs, chosenAgenda, model };
  } finally {
    // The progress line goes and raw mode is off, whatever happened.
    loading.done();
  }
  const { buildModel, withChecks, runTui, THEMES, prefsMod, recovered, glyphs, chosenAgenda, model } = built;
  const prefs = recovered.prefs;
  const stopped = loading.cancelled();
  if (stopped !== undefined) return stopped;
  if (model.ev.periods.length === 0) {
    io.err(`ragtop: no period files found for catalogue '${showText(loaded.dataset.catalogue.id)}'\n`);
    return 2;
  }
  const catalogueId = loaded.dataset.catalogue.id;
  let period = model.ev.periods.length - 1;
  const agendaPeriod = chosenAgenda?.period ? formatPeriod(chosenAgenda.period) : undefined;
  const wanted = args.period ?? (presenting ? agendaPeriod : undefined) ?? prefs.lastPeriod?.[catalogueId];
  if (wanted !== undefined) {
    const p = parsePeriod(wanted);
    const i = p ? model.ev.periods.findIndex((x) => samePeriod(x.data.period, p)) : -1;
    if (i >= 0) period = i;
    else if (args.period !== undefined) {
      io.err(`ragtop: --period ${showText(args.period)}: ${p ? 'no period file gives it' : 'not a period like 2019/20 Q3'} (loaded: ${model.periodLabels.join(', ')})\n`);
      return 2;
    }
  }
  const themeName = args.theme ?? prefs.theme ?? 'default';
  if (!(themeName in THEMES)) {
    io.err(`ragtop: --theme ${showText(themeName)}: use ${Object.keys(THEMES).join(', ')}\n`);
    return 2;
  }
  const theme = wantsColour(args, io.env) ? THEMES[themeName as keyof typeof THEMES] : THEMES.mono;
  const [{ liveStore }, { watchData }] = await Promise.all([import('../ui/live.js'), import('./watch.js')]);
  const live = liveStore({ model });
  // Live reload: a save that loads replaces the data; one that does not keeps the last good data
  // with a banner naming the problem, until the next good save.
  // The files are read between keypresses (as at start), one reload at a time; a save during a
  // reload reloads again after it.
  let reloading = false;
  let pending = false;
  const reload = async (): Promise<void> => {
    if (reloading) {
      pending = true;
      return;
    }
    reloading = true;
    try {
      do {
        pending = false;
        const again = await loadDatasetAsync(catalogueOf(args, io), loadOptions(args, io));
        if (again?.dataset) live.set({ model: buildModel(again.dataset, again.findings, glyphs) });
        else {
          const first = again?.findings.find((f) => f.severity === 'error');
          live.set({ model: live.get().model, banner: `reload failed, showing the last good data: ${first ? findingLine(first) : 'the data could not be loaded'}` });
        }
      } while (pending);
    } finally {
      reloading = false;
    }
  };
  const stopWatching = watchData([path.dirname(loaded.catalogueFile), ...(loaded.dataDir ? [loaded.dataDir] : [])], () => void reload());
  // The speaker-notes follower is told where the presentation is, over a local socket opened on
  // first use (presenter mode only).
  const [{ channelPath, createPublisher }, { meetingAgenda }] = await Promise.all([import('./sync.js'), import('../viewmodel/presenter-screen.js')]);
  let publisher: ReturnType<typeof createPublisher> | undefined;
  const publish = (s: PresenterState) => {
    try {
      publisher ??= createPublisher(channelPath(io.env, catalogueId));
      publisher.publish(s);
    } catch {
      // No notes channel: presenting goes on without it.
    }
  };
  let present: { count: number } | undefined;
  if (presenting) {
    const count = meetingAgenda(model, period, model.agenda).items.length;
    if (count === 0) {
      io.err(`ragtop: the agenda for ${model.periodLabels[period] ?? ''} has no items\n`);
      return 2;
    }
    present = { count };
  }
  // Ink draws the first frame while runTui mounts the app; the checks run on the next turn.
  setImmediate(() => {
    const now = live.get();
    if (now.model === model) live.set({ ...now, model: withChecks(model) });
  });
  const { state, code, error } = await runTui({
    live,
    publish,
    ...(present ? { present } : {}),
    ...(recovered.notice ? { notice: recovered.notice } : {}),
    theme,
    period,
    title: loaded.dataset.catalogue.title,
    organisation: loaded.dataset.catalogue.organisation,
    stdin: tty.stdin,
    stdout: tty.stdout,
  });
  stopWatching();
  publisher?.close();
  if (error) return internalError(io, error);
  const store = await prefsMod.openPrefs(io.env);
  if ('problem' in store) io.err(`ragtop: ${store.problem}\n`);
  else {
    try {
      store.set({
        lastCatalogue: path.resolve(io.cwd, catalogueOf(args, io)),
        lastPeriod: { ...(prefs.lastPeriod ?? {}), [catalogueId]: live.get().model.periodLabels[state.period] ?? '' },
      });
    } catch (e) {
      io.err(`ragtop: preferences are not saved: ${showText(e instanceof Error ? e.message : String(e), 200)}\n`);
    }
  }
  return code;
}

export async function runAsync(argv: readonly string[], io: Io): Promise<number> {
  let args: Args;
  try {
    args = parseCommandLine(argv);
  } catch {
    return run(argv, io);
  }
  if (args.help || args.version) return run(argv, io);
  if (args.command === 'view' && io.tty) return interactive(args, io, io.tty);
  if (args.command === 'present') return present(args, io);
  if (args.command === 'config') return config(args, io);
  return run(argv, io);
}

/** The agenda named with --agenda, among those loaded. */
function agendaNamed(args: Args, io: Io, agendas: readonly Agenda[]): Agenda | undefined {
  if (args.agenda === undefined) return undefined;
  const wanted = path.resolve(io.cwd, args.agenda);
  return agendas.find((a) => path.resolve(io.cwd, a.file) === wanted);
}

/** `ragtop present`: the agenda full screen; --notes follows a presenter in another terminal. */
async function present(args: Args, io: Io): Promise<number> {
  if (args.notes) {
    const loaded = load(args, io);
    const id = loaded.dataset?.catalogue.id;
    if (!id) {
      for (const f of loaded.findings) io.err(`${findingLine(f)}\n`);
      return 2;
    }
    const { runNotes } = await import('./notes.js');
    const [{ THEMES }] = await Promise.all([import('../ui/theme/theme.js')]);
    return runNotes({
      env: io.env,
      catalogueId: id,
      stdin: io.tty?.stdin ?? process.stdin,
      stdout: io.tty?.stdout ?? process.stdout,
      theme: wantsColour(args, io.env) ? THEMES[(args.theme as keyof typeof THEMES | undefined) ?? 'default'] ?? THEMES.default : THEMES.mono,
      glyphs: wantsAscii(args, io.env) ? ASCII_GLYPHS : UNICODE_GLYPHS,
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
  const model = buildModel(loaded.dataset, loaded.findings, wantsAscii(args, io.env) ? ASCII_GLYPHS : UNICODE_GLYPHS, agenda);
  const wanted = args.period ?? (agenda?.period ? formatPeriod(agenda.period) : undefined);
  const p = wanted === undefined ? undefined : parsePeriod(wanted);
  const index = p ? model.ev.periods.findIndex((x) => samePeriod(x.data.period, p)) : model.ev.periods.length - 1;
  if (index < 0) {
    io.err(`ragtop: --period ${showText(wanted ?? '')}: no period file gives it (loaded: ${model.periodLabels.join(', ')})\n`);
    return 2;
  }
  const meeting = meetingAgenda(model, index, model.agenda);
  io.out(`${showText(meeting.meeting, 200)}${meeting.generated ? ' (agenda built from the data)' : ''}\n`);
  meeting.items.forEach((it, i) => io.out(`${String(i + 1).padStart(3)}. ${showText(it.title, 200)}${it.minutes ? ` (${it.minutes} min)` : ''}\n`));
  return 0;
}

const THEME_NAMES = ['default', 'high-contrast', 'colour-blind-safe', 'mono'];

/** `ragtop config`: show, reset or change the saved preferences. */
async function config(args: Args, io: Io): Promise<number> {
  const { openPrefs } = await import('./prefs.js');
  const store = await openPrefs(io.env);
  if ('problem' in store) {
    io.err(`ragtop: ${store.problem}\n`);
    return 2;
  }
  const [sub, key, value, ...extra] = args.rest;
  const usage = () => {
    io.err(`ragtop: config takes: (nothing), reset, set theme ${THEME_NAMES.join('|')}, or set ascii on|off\n`);
    return 2;
  };
  if (sub === 'reset' && key === undefined) {
    store.reset();
    io.out(`preferences reset (${store.path})\n`);
    return 0;
  }
  if (sub === 'set' && extra.length === 0) {
    if (key === 'theme' && value !== undefined && THEME_NAMES.includes(value)) store.set({ theme: value as never });
    else if (key === 'ascii' && (value === 'on' || value === 'off')) store.set({ ascii: value === 'on' });
    else return usage();
    io.out(`${key} = ${value}\n`);
    return 0;
  }
  if (sub !== undefined) return usage();
  const p = store.get();
  const periods = Object.entries(p.lastPeriod ?? {}).map(([k, v]) => `${k}: ${v}`);
  io.out(
    [
      `file: ${store.path}`,
      `theme: ${p.theme ?? 'default'}`,
      `ascii: ${p.ascii ? 'on' : 'off'}`,
      `last catalogue: ${p.lastCatalogue ?? '(none: the bundled default)'}`,
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
    case 'config':
      io.err(`ragtop: config is asynchronous; use runAsync\n`);
      return 2;
    case 'export':
      return exportCommand(args, io, () => load(args, io), wantsAscii(args, io.env));
    case 'present':
      io.err(`ragtop: present is asynchronous; use runAsync\n`);
      return 2;
    default: {
      const _exhaustive: never = args.command;
      return _exhaustive;
    }
  }
}

function internalError(io: Io, e: unknown): number {
  const msg = e instanceof Error ? e.message : String(e);
  io.err(`ragtop: internal error: ${showText(msg, 300)}${process.env['RAGTOP_DEBUG'] ? '' : ' (set RAGTOP_DEBUG=1 for the trace)'}\n`);
  if (process.env['RAGTOP_DEBUG'] && e instanceof Error && e.stack) io.err(`${e.stack}\n`);
  return 1;
}

export function main(): void {
  const tty = process.stdin.isTTY && process.stdout.isTTY ? { stdin: process.stdin, stdout: process.stdout } : undefined;
  const io: Io = {
    out: (s) => process.stdout.write(s),
    err: (s) => process.stderr.write(s),
    env: process.env,
    cwd: process.cwd(),
    ...(tty ? { tty } : {}),
  };
  // A reader that goes away (ragtop check | head) is not an error worth a trace.
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  });
  runAsync(process.argv.slice(2), io).then(
    (code) => {
      process.exitCode = code;
      // The app may leave stdin referenced; leave once output is flushed.
      if (tty) process.stdout.write('', () => process.exit(code));
    },
    (e: unknown) => {
      process.exitCode = internalError(io, e);
      if (tty) process.exit(1);
    },
  );
}

// The interactive app (both ends a terminal), in named steps: what to show is chosen once
// (chooseSource), the data loaded behind a progress line (loadFirst), the model built
// (buildFirst), the period chosen (openingPeriod), the app run full screen with live reload
// (reloader) and the speaker-notes channel (notesChannel), the preferences saved on the way out
// (savePrefs). Ink is imported here, on first use, never on the check and help paths.

import path from 'node:path';
import { showText } from '../domain/text.js';
import type { Agenda, Dataset } from '../domain/types.js';
import { loadDatasetAsync, type LoadOptions, type LoadProgress, type LoadResult } from '../load/load.js';
import type { LiveStore } from '../ui/live.js';
import type { PresenterState } from '../viewmodel/agenda.js';
import type { Glyphs } from '../viewmodel/glyphs.js';
import type { Model, ModelOptions } from '../viewmodel/model.js';
import type { Args } from './args.js';
import { agendaNamed, catalogueOf, internalError, loadOptions, glyphsFor, wantsColour, type Io } from './context.js';
import type { Loading } from './loading.js';
import { resolvePeriod } from './period.js';
import type { Prefs } from './prefs.js';
import { findingLine, notLoadedLine } from './report.js';
import { rememberFirstScreen, thisRun } from './first-screen.js';

type Tty = NonNullable<Io['tty']>;

/**
 * What the run shows, chosen once at the start: every reload reads the same catalogue (never the
 * preferences' last catalogue again, which another ragtop may have changed since) and names the
 * same agenda in what it loads.
 */
interface Source {
  readonly catalogueFile: string;
  readonly options: LoadOptions;
  readonly agenda: (loaded: readonly Agenda[]) => Agenda | undefined;
  /** The meeting's length (--minutes), for a generated agenda. */
  readonly meeting: ModelOptions;
}

function chooseSource(args: Args, io: Io): Source {
  return {
    catalogueFile: catalogueOf(args, io),
    options: loadOptions(args, io),
    agenda: (loaded) => agendaNamed(args, io, loaded),
    meeting: args.minutes !== undefined ? { meetingMinutes: args.minutes } : {},
  };
}

/** The app's modules, loaded while the data is (their files are read between data files). */
function appModules() {
  return Promise.all([import('../viewmodel/model.js'), import('./tui.js'), import('../ui/theme/theme.js'), import('./prefs.js'), import('../ui/live.js'), import('./watch.js')]);
}
type AppModules = Awaited<ReturnType<typeof appModules>>;

/**
 * The first load, behind a progress line: q and Ctrl-C work while a large data set loads. The
 * data, or the exit status (stopped, or the data does not load: its problems said).
 */
async function loadFirst(source: Source, io: Io, loading: Loading): Promise<{ readonly loaded: LoadResult; readonly dataset: Dataset; readonly startedAt: number } | number> {
  let loaded: LoadResult | undefined;
  let failed = false;
  const startedAt = Date.now();
  try {
    const onProgress = (p: LoadProgress) => {
      failed ||= p.failed === true;
      loading.progress(p);
    };
    loaded = await loadDatasetAsync(source.catalogueFile, source.options, onProgress, () => loading.cancelled() !== undefined);
  } finally {
    if (!loaded?.dataset) loading.done();
  }
  if (!loaded) {
    // q stopping a load that had already failed is a failed run, not a clean quit.
    const code = loading.cancelled() ?? 130;
    if (code !== 0 || !failed) return code;
    io.err(`ragtop: stopped; the data could not be loaded anyway (the files read so far have problems); run 'ragtop check' for details\n`);
    return 2;
  }
  if (!loaded.dataset) {
    for (const f of loaded.findings) io.err(`${findingLine(f)}\n`);
    io.err(notLoadedLine(loaded.findings));
    return 2;
  }
  return { loaded, dataset: loaded.dataset, startedAt };
}

/** The first model (the checks left for after the first frame), the preferences and the glyphs. */
async function buildFirst(source: Source, { loaded, dataset }: { loaded: LoadResult; dataset: Dataset }, args: Args, io: Io, loading: Loading, modules: Promise<AppModules>) {
  try {
    const [{ buildModel }, , , prefsMod] = await modules;
    // A corrupt preferences file is moved aside (kept, not deleted) and the defaults used.
    const recovered = prefsMod.recoverPrefs(io.env);
    const glyphs = glyphsFor(args, io.env, recovered.prefs.ascii === true);
    const kpiCount = dataset.catalogue.priorities.reduce((n, p) => n + p.kpis.length, 0);
    loading.phase(`evaluating ${kpiCount.toLocaleString('en-GB')} KPIs over ${dataset.periods.length} periods …`);
    // The checks run just after the first frame (the header says "checking …" until then).
    const model = buildModel(dataset, loaded.findings, glyphs, source.agenda(dataset.agendas), { checks: false, ...source.meeting });
    return { model, glyphs, recovered };
  } finally {
    // The progress line goes and raw mode is off, whatever happened.
    loading.done();
  }
}

/**
 * The period the app opens on: --period; else a meeting's agenda's (presenting), or the period
 * last browsed in this catalogue, or the latest.
 */
async function openingPeriod(model: Model, args: Args, lastBrowsed: string | undefined, presenting: boolean) {
  const latest = model.ev.periods.length - 1;
  const { meetingPeriodOf } = await import('../viewmodel/agenda-build.js');
  return resolvePeriod(model, args.period, () => {
    if (presenting) return meetingPeriodOf(model, model.agenda);
    const last = resolvePeriod(model, lastBrowsed, () => latest);
    return 'index' in last ? last.index : latest;
  });
}

/**
 * Live reload: a save that loads replaces the data; one that does not keeps the last good data
 * with a banner naming the problem, until the next good save. The files are read between
 * keypresses (as at start), one reload at a time; a save during a reload reloads again after it,
 * and a reload stops (mid-file: large files are read off this thread) when the app closes or a
 * newer save comes in.
 */
function reloader(source: Source, live: LiveStore, glyphs: Glyphs, buildModel: AppModules[0]['buildModel']) {
  let reloading = false;
  let pending = false;
  let closed = false;
  const reload = async (): Promise<void> => {
    if (reloading) {
      pending = true;
      return;
    }
    reloading = true;
    try {
      do {
        pending = false;
        const again = await loadDatasetAsync(source.catalogueFile, source.options, undefined, () => closed || pending);
        if (again === undefined) continue;
        // No period file (a data directory emptied or being copied back) is a failed reload too.
        // The agenda named with --agenda is named again in the reloaded data (it may have changed).
        if (again.dataset?.periods.length) live.set({ model: buildModel(again.dataset, again.findings, glyphs, source.agenda(again.dataset.agendas), source.meeting) });
        else {
          const first = again.findings.find((f) => f.severity === 'error');
          const why = first ? findingLine(first) : again.dataset ? 'no period files found' : 'the data could not be loaded';
          live.set({ model: live.get().model, banner: `reload failed, showing the last good data: ${why}` });
        }
      } while (pending);
    } finally {
      reloading = false;
    }
  };
  return { reload, close: () => void (closed = true) };
}

/**
 * The speaker-notes follower is told where the presentation is, over a local socket opened on
 * first use (one per presenter, its pid in the name: the notes find every one running).
 */
async function notesChannel(io: Io, catalogueId: string) {
  const { channelPath, createPublisher } = await import('./sync.js');
  let publisher: ReturnType<typeof createPublisher> | undefined;
  const publish = (s: PresenterState) => {
    try {
      publisher ??= createPublisher(channelPath(io.env, catalogueId, process.pid));
      publisher.publish(s);
    } catch {
      // No notes channel: presenting goes on without it.
    }
  };
  return { publish, close: () => publisher?.close() };
}

/** The catalogue and the period on screen, for the next run; a problem is said, never fatal. */
function savePrefs(prefsMod: AppModules[3], io: Io, source: Source, prefs: Prefs, catalogueId: string, periodLabel: string): void {
  try {
    const notice = prefsMod.openPrefs(io.env).set({
      lastCatalogue: path.resolve(io.cwd, source.catalogueFile),
      lastPeriod: { ...(prefs.lastPeriod ?? {}), [catalogueId]: periodLabel },
    });
    if (notice !== undefined) io.err(`ragtop: ${notice}\n`);
  } catch (e) {
    io.err(`ragtop: preferences are not saved: ${showText(e instanceof Error ? e.message : String(e), 200)}\n`);
  }
}

export async function interactive(args: Args, io: Io, tty: Tty, presenting = false): Promise<number> {
  const { startLoading } = await import('./loading.js');
  const loading = startLoading(tty, Date.now, glyphsFor(args, io.env));
  // Ink draws only a final frame when it thinks it runs in CI (is-in-ci reads CI and CI_* at
  // import). Both ends are a terminal here, so a person is watching: tell it so before loading it.
  for (const k of Object.keys(process.env)) if (k === 'CI' || k === 'CONTINUOUS_INTEGRATION' || k.startsWith('CI_')) delete process.env[k];
  const modules = appModules();
  modules.catch(() => undefined);
  const source = chooseSource(args, io);
  const first = await loadFirst(source, io, loading);
  if (typeof first === 'number') return first;
  const { loaded, startedAt } = first;
  const catalogue = first.dataset.catalogue;
  const { model, glyphs, recovered } = await buildFirst(source, first, args, io, loading, modules);
  const [{ buildModel, withChecks }, { runTui }, { THEMES }, prefsMod, { liveStore }, { watchData }] = await modules;
  const stopped = loading.cancelled();
  if (stopped !== undefined) return stopped;
  if (model.ev.periods.length === 0) {
    io.err(`ragtop: no period files found for catalogue '${showText(catalogue.id)}'\n`);
    return 2;
  }
  const prefs = recovered.prefs;
  const period = await openingPeriod(model, args, prefs.lastPeriod?.[catalogue.id], presenting);
  if ('problem' in period) {
    io.err(`ragtop: ${period.problem}\n`);
    return 2;
  }
  const theme = wantsColour(args, io.env) ? THEMES[args.theme ?? prefs.theme ?? 'default'] : THEMES.mono;
  let present: { count: number } | undefined;
  if (presenting) {
    const { meetingAgenda } = await import('../viewmodel/presenter-screen.js');
    const count = meetingAgenda(model, period.index, model.agenda).items.length;
    if (count === 0) {
      io.err(`ragtop: the agenda for ${model.periodLabels[period.index] ?? ''} has no items\n`);
      return 2;
    }
    present = { count };
  }
  const live = liveStore({ model });
  const reloads = reloader(source, live, glyphs, buildModel);
  const notes = await notesChannel(io, catalogue.id);
  // Watched from here on (nothing below returns before the watchers are stopped).
  const stopWatching = watchData([path.dirname(loaded.catalogueFile), ...(loaded.dataDir ? [loaded.dataDir] : [])], () => void reloads.reload());
  // The checks run once the first frame is out (the header says "checking …" until then); the
  // app's first frame is remembered for the next run like this one (first-screen.ts).
  const files = [...new Set(loaded.files.map((f) => path.resolve(io.cwd, f)))];
  const onFirstFrame = (frame: string) => {
    const now = live.get();
    if (now.model === model) live.set({ ...now, model: withChecks(model) });
    if (!presenting) rememberFirstScreen(thisRun(io.env, io.cwd, tty.stdout), { files, dirs: loaded.dataDir ? [loaded.dataDir] : [], startedAt }, frame);
  };
  // Keys typed on the first screen of the last run while the data loaded: the app reads them first.
  const typed = loading.typed();
  if (typed) tty.stdin.unshift(typed);
  const { state, code, error } = await runTui({
    onFirstFrame,
    live,
    publish: notes.publish,
    ...(present ? { present } : {}),
    ...(recovered.notice ? { notice: recovered.notice } : {}),
    theme,
    period: period.index,
    title: catalogue.title,
    organisation: catalogue.organisation,
    stdin: tty.stdin,
    stdout: tty.stdout,
  });
  reloads.close();
  stopWatching();
  notes.close();
  if (error) return internalError(io, error);
  savePrefs(prefsMod, io, source, prefs, catalogue.id, live.get().model.periodLabels[state.period] ?? '');
  return code;
}

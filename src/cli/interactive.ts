// The interactive app (both ends a terminal): the data loaded behind a progress line, the model
// built, the app run full screen with live reload and the speaker-notes channel, the preferences
// saved on the way out. Ink is imported here, on first use, never on the check and help paths.

import path from 'node:path';
import { parsePeriod, samePeriod } from '../domain/period.js';
import { showText } from '../domain/text.js';
import { loadDatasetAsync, type LoadProgress, type LoadResult } from '../load/load.js';
import type { PresenterState } from '../viewmodel/agenda.js';
import type { Args } from './args.js';
import { agendaNamed, catalogueOf, internalError, loadOptions, glyphsFor, wantsColour, type Io } from './context.js';
import { findingLine, notLoadedLine } from './report.js';
import { rememberFirstScreen, thisRun } from './first-screen.js';

export async function interactive(args: Args, io: Io, tty: NonNullable<Io['tty']>, presenting = false): Promise<number> {
  // The files are read one at a time with the event loop free in between: a progress line, q and
  // Ctrl-C work while a large data set loads.
  const { startLoading } = await import('./loading.js');
  const loading = startLoading(tty, Date.now, glyphsFor(args, io.env));
  // Ink draws only a final frame when it thinks it runs in CI (is-in-ci reads CI and CI_* at
  // import). Both ends are a terminal here, so a person is watching: tell it so before loading it.
  for (const k of Object.keys(process.env)) if (k === 'CI' || k === 'CONTINUOUS_INTEGRATION' || k.startsWith('CI_')) delete process.env[k];
  // The app's modules load while the data does (their files are read between data files).
  const modules = Promise.all([import('../viewmodel/model.js'), import('./tui.js'), import('../ui/theme/theme.js'), import('./prefs.js')]);
  modules.catch(() => undefined);
  let loaded: LoadResult | undefined;
  let failed = false;
  let startedAt = 0;
  try {
    const onProgress = (p: LoadProgress) => {
      failed ||= p.failed === true;
      loading.progress(p);
    };
    startedAt = Date.now();
    loaded = await loadDatasetAsync(catalogueOf(args, io), loadOptions(args, io), onProgress, () => loading.cancelled() !== undefined);
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
  const dataset = loaded.dataset;
  let built;
  try {
    const [{ buildModel, withChecks }, { runTui }, { THEMES }, prefsMod] = await modules;
    // A corrupt preferences file is moved aside (kept, not deleted) and the defaults used.
    const recovered = prefsMod.recoverPrefs(io.env);
    const glyphs = glyphsFor(args, io.env, recovered.prefs.ascii === true);
    const chosenAgenda = agendaNamed(args, io, dataset.agendas);
    const kpiCount = dataset.catalogue.priorities.reduce((n, p) => n + p.kpis.length, 0);
    loading.phase(`evaluating ${kpiCount.toLocaleString('en-GB')} KPIs over ${dataset.periods.length} periods …`);
    // The checks run just after the first frame (the header says "checking …" until then).
    const meeting = args.minutes !== undefined ? { meetingMinutes: args.minutes } : {};
    const model = buildModel(dataset, loaded.findings, glyphs, chosenAgenda, { checks: false, ...meeting });
    built = { buildModel, withChecks, runTui, THEMES, prefsMod, recovered, glyphs, chosenAgenda, model, meeting };
  } finally {
    // The progress line goes and raw mode is off, whatever happened.
    loading.done();
  }
  const { buildModel, withChecks, runTui, THEMES, prefsMod, recovered, glyphs, chosenAgenda, model, meeting } = built;
  const prefs = recovered.prefs;
  const stopped = loading.cancelled();
  if (stopped !== undefined) return stopped;
  if (model.ev.periods.length === 0) {
    io.err(`ragtop: no period files found for catalogue '${showText(loaded.dataset.catalogue.id)}'\n`);
    return 2;
  }
  const catalogueId = loaded.dataset.catalogue.id;
  const { meetingPeriodOf } = await import('../viewmodel/agenda-build.js');
  // A meeting opens on its agenda's period, never the one last browsed; the app on the last browsed.
  let period = presenting ? meetingPeriodOf(model, chosenAgenda) : model.ev.periods.length - 1;
  const wanted = args.period ?? (presenting ? undefined : prefs.lastPeriod?.[catalogueId]);
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
  // A reload stops (mid-file: large files are read off this thread) when the app closes or a newer
  // save comes in, which reloads again.
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
        const again = await loadDatasetAsync(catalogueOf(args, io), loadOptions(args, io), undefined, () => closed || pending);
        if (again === undefined) continue;
        // No period file (a data directory emptied or being copied back) is a failed reload too.
        // The agenda named with --agenda is named again in the reloaded data (it may have changed).
        if (again.dataset?.periods.length) live.set({ model: buildModel(again.dataset, again.findings, glyphs, agendaNamed(args, io, again.dataset.agendas), meeting) });
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
  // The speaker-notes follower is told where the presentation is, over a local socket opened on
  // first use (presenter mode only).
  const [{ channelPath, createPublisher }, { meetingAgenda }] = await Promise.all([import('./sync.js'), import('../viewmodel/presenter-screen.js')]);
  let publisher: ReturnType<typeof createPublisher> | undefined;
  const publish = (s: PresenterState) => {
    try {
      // One socket per presenter (its pid in the name): the notes find every one running.
      publisher ??= createPublisher(channelPath(io.env, catalogueId, process.pid));
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
  // Watched from here on (nothing below returns before the watchers are stopped).
  const stopWatching = watchData([path.dirname(loaded.catalogueFile), ...(loaded.dataDir ? [loaded.dataDir] : [])], () => void reload());
  // The checks run once the first frame is out (the header says "checking …" until then); the
  // app's first frame is remembered for the next run like this one (first-screen.ts).
  const files = [...new Set(loaded.files.map((f) => path.resolve(io.cwd, f)))];
  const runChecks = (frame: string) => {
    const now = live.get();
    if (now.model === model) live.set({ ...now, model: withChecks(model) });
    if (!presenting) rememberFirstScreen(thisRun(io.env, io.cwd, tty.stdout), { files, dirs: loaded.dataDir ? [loaded.dataDir] : [], startedAt }, frame);
  };
  // Keys typed on the first screen of the last run while the data loaded: the app reads them first.
  const typed = loading.typed();
  if (typed) tty.stdin.unshift(typed);
  const { state, code, error } = await runTui({
    onFirstFrame: runChecks,
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
  closed = true;
  stopWatching();
  publisher?.close();
  if (error) return internalError(io, error);
  try {
    const notice = prefsMod.openPrefs(io.env).set({
      lastCatalogue: path.resolve(io.cwd, catalogueOf(args, io)),
      lastPeriod: { ...(prefs.lastPeriod ?? {}), [catalogueId]: live.get().model.periodLabels[state.period] ?? '' },
    });
    if (notice !== undefined) io.err(`ragtop: ${notice}\n`);
  } catch (e) {
    io.err(`ragtop: preferences are not saved: ${showText(e instanceof Error ? e.message : String(e), 200)}\n`);
  }
  return code;
}

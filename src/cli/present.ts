// `ragtop present`: the agenda full screen in a terminal (interactive.ts), the agenda as plain
// text when output is not a terminal; `--notes` follows a presenter running in another terminal.

import { showText } from '../domain/text.js';
import type { Args } from './args.js';
import { agendaNamed, glyphsFor, load, wantsColour, type Io } from './context.js';
import { interactive } from './interactive.js';
import { resolvePeriod } from './period.js';
import { findingLine } from './report.js';

export async function present(args: Args, io: Io): Promise<number> {
  if (args.notes) return notes(args, io);
  if (io.tty) return interactive(args, io, io.tty, true);
  // Not a terminal: the agenda as plain text (the markdown hand-out is `ragtop export --format md`).
  const loaded = load(args, io);
  if (!loaded.dataset) {
    for (const f of loaded.findings) io.err(`${findingLine(f)}\n`);
    return 2;
  }
  const [{ buildModel }, { meetingAgenda }, { meetingPeriodOf }] = await Promise.all([
    import('../viewmodel/model.js'),
    import('../viewmodel/presenter-screen.js'),
    import('../viewmodel/agenda-build.js'),
  ]);
  const agenda = agendaNamed(args, io, loaded.dataset.agendas);
  const model = buildModel(loaded.dataset, loaded.findings, glyphsFor(args, io.env), agenda, args.minutes !== undefined ? { meetingMinutes: args.minutes } : {});
  // A meeting opens on its agenda's period.
  const period = resolvePeriod(model, args.period, () => meetingPeriodOf(model, agenda));
  if ('problem' in period) {
    io.err(`ragtop: ${period.problem}\n`);
    return 2;
  }
  const meeting = meetingAgenda(model, period.index, model.agenda);
  io.out(`${showText(meeting.meeting, 200)}${meeting.generated ? ' (agenda built from the data)' : ''}\n`);
  meeting.items.forEach((it, i) => io.out(`${String(i + 1).padStart(3)}. ${showText(it.title, 200)}${it.minutes ? ` (${it.minutes} min)` : ''}\n`));
  return 0;
}

/**
 * The speaker notes follow whichever presenter runs; a catalogue named on the command line
 * narrows that to its presenters (it is loaded only for its id).
 */
async function notes(args: Args, io: Io): Promise<number> {
  let id: string | undefined;
  if (args.catalogue !== undefined) {
    const loaded = load(args, io);
    id = loaded.dataset?.catalogue.id;
    if (!id) {
      for (const f of loaded.findings) io.err(`${findingLine(f)}\n`);
      return 2;
    }
  }
  const [{ runNotes }, { THEMES }] = await Promise.all([import('./notes.js'), import('../ui/theme/theme.js')]);
  return runNotes({
    env: io.env,
    ...(id !== undefined ? { catalogueId: id } : {}),
    stdin: io.tty?.stdin ?? process.stdin,
    stdout: io.tty?.stdout ?? process.stdout,
    theme: wantsColour(args, io.env) ? THEMES[args.theme ?? 'default'] : THEMES.mono,
    glyphs: glyphsFor(args, io.env),
  });
}

// `ragtop export`: the agenda as a hand-out (--format md: markdown; --format html: one
// self-contained HTML file with charts, for print to A4), or the period's KPI table for analysts'
// spreadsheets (--format csv | json), on stdout or into --output FILE; or that table as a workbook
// (--format xlsx), into --output FILE only (it is binary). The text comes from
// src/viewmodel/export.ts and export-html.ts, the workbook from export-workbook.ts (written by
// export-xlsx.ts); this module chooses the period and the agenda, and writes. The workbook is
// written asynchronously (the spreadsheet library's writer is): the command returns a promise for it.
//
// Exit status: 0 written; 2 when nothing was written (a usage error, data that does not load, an
// unknown period, an --output that safe-write.ts refuses, a file that cannot be written).

import { realpathSync, statSync } from 'node:fs';
import path from 'node:path';
import { formatPeriod, samePeriod } from '../domain/period.js';
import { showText } from '../domain/text.js';
import type { Agenda } from '../domain/types.js';
import type { LoadResult } from '../load/load.js';
import { agendaFor } from '../viewmodel/agenda-build.js';
import { EXPORT_FORMATS, handoutMarkdown } from '../viewmodel/export.js';
import { handoutHtml } from '../viewmodel/export-html.js';
import { metricsCsv, metricsJson } from '../viewmodel/export-tables.js';
import { metricsWorkbook, workbookProblem } from '../viewmodel/export-workbook.js';
import type { Glyphs } from '../viewmodel/glyphs.js';
import { buildModel } from '../viewmodel/model.js';
import type { Args } from './args.js';
import type { Io } from './context.js';
import { resolvePeriod } from './period.js';
import { prefsFile } from './prefs.js';
import { findingLine, notLoadedLine } from './report.js';
import { safeWriteFile, writeProblem, type WriteGuard } from './safe-write.js';

/** The file to write and the rules it is written under (see safe-write.ts). */
function outputGuard(args: Pick<Args, 'force'>, loaded: LoadResult, io: Pick<Io, 'cwd' | 'env'>): WriteGuard {
  const cwd = io.cwd;
  return {
    option: '--output',
    force: args.force,
    ...(loaded.dataDir !== undefined ? { dataDir: loaded.dataDir } : {}),
    protectedFiles: [loaded.catalogueFile, ...loaded.files.map((f) => path.resolve(cwd, f))],
    ownFiles: [prefsFile(io.env)],
  };
}

/** The same file (through symlinks and hard links), or the same path when either does not exist. */
function sameFile(a: string, b: string): boolean {
  if (a === b) return true;
  try {
    if (realpathSync(a) === realpathSync(b)) return true;
    const x = statSync(a);
    const y = statSync(b);
    return x.dev === y.dev && x.ino === y.ino;
  } catch {
    return false;
  }
}

function agendaFile(args: Pick<Args, 'agenda'>, agendas: readonly Agenda[], cwd: string): Agenda | undefined {
  if (args.agenda === undefined) return undefined;
  const wanted = path.resolve(cwd, args.agenda);
  return agendas.find((a) => sameFile(path.resolve(cwd, a.file), wanted));
}

/** The binary formats: written into --output FILE only, never to standard output. */
const BINARY_FORMATS: ReadonlySet<string> = new Set(['xlsx']);

/** Whether the command must wait for its output to be made (the caller needs the async runner). */
export function exportIsAsync(args: Pick<Args, 'format'>): boolean {
  return args.format !== undefined && BINARY_FORMATS.has(args.format);
}

/**
 * Runs the command. `load` is called only once the arguments are known to be good, so a usage
 * error is reported without reading any file. `glyphs`: the run's glyph set (the hand-out is drawn with it).
 * A number for the text formats; a promise of one for the workbook.
 */
export function exportCommand(args: Args, io: Io, load: () => LoadResult, glyphs: Glyphs): number | Promise<number> {
  const format = EXPORT_FORMATS.find((f) => f === args.format);
  if (format === undefined) {
    const given = args.format === undefined ? 'needs --format' : `--format ${showText(args.format)}: use`;
    io.err(`ragtop: export ${given} ${EXPORT_FORMATS.join(', ')}; see 'ragtop --help'\n`);
    return 2;
  }
  if (BINARY_FORMATS.has(format) && args.output === undefined) {
    io.err(`ragtop: export --format ${format} writes a binary workbook, never to standard output: give --output FILE\n`);
    return 2;
  }
  const loaded = load();
  if (!loaded.dataset) {
    for (const f of loaded.findings) io.err(`${findingLine(f)}\n`);
    io.err(notLoadedLine(loaded.findings));
    return 2;
  }
  const { dataset } = loaded;
  if (args.output !== undefined) {
    const problem = writeProblem(path.resolve(io.cwd, args.output), args.output, outputGuard(args, loaded, io));
    if (problem !== undefined) {
      io.err(`ragtop: ${problem}.\n`);
      return 2;
    }
  }
  const model = buildModel(dataset, loaded.findings, glyphs, undefined, args.minutes !== undefined ? { meetingMinutes: args.minutes } : {});
  if (model.ev.periods.length === 0) {
    io.err(`ragtop: no period files found for catalogue '${showText(dataset.catalogue.id)}'\n`);
    return 2;
  }

  // The period: --period, else the --agenda file's (for a hand-out), else the latest.
  const handout = format === 'md' || format === 'html';
  const given = handout ? agendaFile(args, dataset.agendas, io.cwd) : undefined;
  const chosen = resolvePeriod(model, args.period ?? (given?.period ? formatPeriod(given.period) : undefined), () => model.ev.periods.length - 1);
  if ('problem' in chosen) {
    io.err(`ragtop: ${chosen.problem}\n`);
    return 2;
  }
  const period = chosen.index;
  const pe = model.ev.periods[period];
  if (!pe) return 2;
  if (given?.period && !samePeriod(given.period, pe.data.period)) {
    io.err(`ragtop: --agenda ${showText(args.agenda ?? '', 200)} is for ${formatPeriod(given.period)}, not ${formatPeriod(pe.data.period)}\n`);
    return 2;
  }

  const write = (data: string | Uint8Array): number => {
    if (args.output === undefined) {
      // Only text comes here: a binary format without --output was refused above.
      if (typeof data === 'string') io.out(data);
      return 0;
    }
    const written = safeWriteFile(path.resolve(io.cwd, args.output), args.output, data, outputGuard(args, loaded, io));
    if (!written.ok) {
      io.err(`ragtop: ${written.message}.\n`);
      return 2;
    }
    return 0;
  };

  if (format === 'xlsx') {
    const workbook = metricsWorkbook(model, period);
    const problem = workbookProblem(workbook);
    if (problem !== undefined) {
      io.err(`ragtop: ${showText(problem, 300)}; nothing was written\n`);
      return 2;
    }
    // The spreadsheet library is loaded only here (a large module no other command needs).
    return import('./export-xlsx.js')
      .then(({ workbookBytes }) => workbookBytes(workbook))
      .then(write, (e: unknown) => workbookFailed(io, e));
  }
  let text: string;
  if (handout) {
    // The --agenda file, else the loaded agenda for the period, else one built exceptions-first.
    const agenda = agendaFor(model, period, given);
    text = format === 'md' ? handoutMarkdown(model, period, agenda, { notes: args.notes }) : handoutHtml(model, period, agenda, { notes: args.notes });
  } else if (format === 'csv') text = metricsCsv(model, period);
  else text = metricsJson(model, period);
  return write(text);
}

/** The library could not make the workbook: one sentence (its message escaped), nothing written. */
function workbookFailed(io: Io, e: unknown): number {
  const why = e instanceof Error ? (e.message.split('\n')[0] ?? '') : String(e);
  io.err(`ragtop: the workbook could not be made (${showText(why, 200)}); nothing was written\n`);
  return 2;
}

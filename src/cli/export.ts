// `ragtop export`: the agenda as a markdown hand-out (--format md), or the period's KPI table for
// analysts' spreadsheets (--format csv | json), on stdout or into --output FILE. The text comes
// from src/viewmodel/export.ts; this module chooses the period and the agenda, and writes.
//
// Exit status: 0 written; 2 when nothing was written (a usage error, data that does not load, an
// unknown period, an --output that is one of the data files, a file that cannot be written).

import { realpathSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { formatPeriod, parsePeriod, samePeriod } from '../domain/period.js';
import { showText } from '../domain/text.js';
import type { Agenda } from '../domain/types.js';
import type { LoadResult } from '../load/load.js';
import { agendaFor } from '../viewmodel/agenda-build.js';
import { EXPORT_FORMATS, handoutMarkdown, type ExportFormat } from '../viewmodel/export.js';
import { metricsCsv, metricsJson } from '../viewmodel/export-tables.js';
import { ASCII_GLYPHS, UNICODE_GLYPHS } from '../viewmodel/glyphs.js';
import { buildModel } from '../viewmodel/model.js';
import type { Args } from './args.js';
import type { Io } from './context.js';
import { findingLine } from './report.js';

const WRITE_ERRORS: Readonly<Record<string, string>> = {
  ENOENT: 'no such directory',
  ENOTDIR: 'a part of the path is not a directory',
  EISDIR: 'it is a directory',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EROFS: 'read-only file system',
};

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

/** Why an --output path must not be written: it is a data file, or would be read as one. */
export function outputProblem(output: string, loaded: LoadResult, cwd: string): string | undefined {
  const target = path.resolve(cwd, output);
  const dataFiles = [loaded.catalogueFile, ...loaded.files.map((f) => path.resolve(cwd, f))];
  const hit = dataFiles.find((f) => sameFile(target, f));
  if (hit !== undefined) return `--output ${showText(output, 200)} is one of the data files read; ragtop never writes to a catalogue, period or agenda file`;
  // A YAML file in the data directory would be read as a period or agenda file next time.
  if (loaded.dataDir !== undefined && /\.ya?ml$/i.test(target) && sameFile(path.dirname(target), loaded.dataDir)) {
    return `--output ${showText(output, 200)} is a YAML file in the data directory, which would be read as a period file next time`;
  }
  return undefined;
}

function agendaFile(args: Pick<Args, 'agenda'>, agendas: readonly Agenda[], cwd: string): Agenda | undefined {
  if (args.agenda === undefined) return undefined;
  const wanted = path.resolve(cwd, args.agenda);
  return agendas.find((a) => sameFile(path.resolve(cwd, a.file), wanted));
}

/**
 * Runs the command. `load` is called only once the arguments are known to be good, so a usage
 * error is reported without reading any file. `ascii`: --ascii, or a locale that is not UTF-8.
 */
export function exportCommand(args: Args, io: Io, load: () => LoadResult, ascii: boolean): number {
  if (args.format === undefined || !(EXPORT_FORMATS as readonly string[]).includes(args.format)) {
    const given = args.format === undefined ? 'needs --format' : `--format ${showText(args.format)}: use`;
    io.err(`ragtop: export ${given} ${EXPORT_FORMATS.join(', ')}; see 'ragtop --help'\n`);
    return 2;
  }
  const format = args.format as ExportFormat;
  const loaded = load();
  if (!loaded.dataset) {
    for (const f of loaded.findings) io.err(`${findingLine(f)}\n`);
    io.err(`ragtop: the data could not be loaded (${loaded.findings.filter((f) => f.severity === 'error').length} problems above); run 'ragtop check' for details\n`);
    return 2;
  }
  const { dataset } = loaded;
  if (args.output !== undefined) {
    const problem = outputProblem(args.output, loaded, io.cwd);
    if (problem) {
      io.err(`ragtop: ${problem}.\n`);
      return 2;
    }
  }
  const model = buildModel(dataset, loaded.findings, ascii ? ASCII_GLYPHS : UNICODE_GLYPHS);
  if (model.ev.periods.length === 0) {
    io.err(`ragtop: no period files found for catalogue '${showText(dataset.catalogue.id)}'\n`);
    return 2;
  }

  // The period: --period, else the --agenda file's (for a hand-out), else the latest.
  const given = format === 'md' ? agendaFile(args, dataset.agendas, io.cwd) : undefined;
  let period = model.ev.periods.length - 1;
  const wantedText = args.period ?? (given?.period ? formatPeriod(given.period) : undefined);
  if (wantedText !== undefined) {
    const wanted = parsePeriod(wantedText);
    const i = wanted ? model.ev.periods.findIndex((p) => samePeriod(p.data.period, wanted)) : -1;
    if (i < 0) {
      io.err(`ragtop: --period ${showText(wantedText)}: ${wanted ? 'no period file gives it' : 'not a period like 2019/20 Q3'} (loaded: ${model.periodLabels.join(', ')})\n`);
      return 2;
    }
    period = i;
  }
  const pe = model.ev.periods[period];
  if (!pe) return 2;
  if (given?.period && !samePeriod(given.period, pe.data.period)) {
    io.err(`ragtop: --agenda ${showText(args.agenda ?? '', 200)} is for ${formatPeriod(given.period)}, not ${formatPeriod(pe.data.period)}\n`);
    return 2;
  }

  let text: string;
  if (format === 'md') {
    // The --agenda file, else the loaded agenda for the period, else one built exceptions-first.
    text = handoutMarkdown(model, period, agendaFor(model, period, given), { notes: args.notes });
  } else if (format === 'csv') text = metricsCsv(model, period);
  else text = metricsJson(model, period);

  if (args.output === undefined) {
    io.out(text);
    return 0;
  }
  try {
    writeFileSync(path.resolve(io.cwd, args.output), text);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException | null)?.code;
    const why = WRITE_ERRORS[code ?? ''] ?? (e instanceof Error ? e.message : String(e));
    io.err(`ragtop: cannot write --output ${showText(args.output, 200)}: ${showText(why, 200)}\n`);
    return 2;
  }
  return 0;
}

// `ragtop import FILE --period P [CATALOGUE] [--data DIR] [--sheet NAME] [--map FILE] [--force]`:
// one period's figures from a spreadsheet (.xlsx or .csv) written as that period's file in the data
// directory, the one command that writes there. Nothing is written when anything is wrong: every
// problem is a finding (at its cell), all of them, and the text about to be written must load
// back through the period-file loader to exactly what was imported. After writing, the whole data
// set is checked as `ragtop check` does.
//
// Exit status: 0 written; 2 nothing written (a usage error, a problem in the sheet or the --map
// file, a catalogue that does not load, an existing file without --force, a refused write).

import { realpathSync, statSync } from 'node:fs';
import path from 'node:path';
import { runChecks } from '../domain/checks.js';
import { evaluate } from '../domain/evaluate.js';
import { formatPeriod, parsePeriod, periodFileStem, samePeriod, type Period } from '../domain/period.js';
import { showText } from '../domain/text.js';
import { isLoadError, type Catalogue, type Finding } from '../domain/types.js';
import { importedFields, loadedRecords, recordChanges } from '../load/import/fields.js';
import { readMapFile } from '../load/import/map-file.js';
import { newPeriodText, replaceObservations, type Provenance } from '../load/import/period-text.js';
import { importTable, type ImportedObservation } from '../load/import/rows.js';
import type { HeaderMap, ImportNote } from '../load/import/columns.js';
import { DEFAULT_LIMITS } from '../load/limits.js';
import { formatBytes } from '../load/read.js';
import { readText } from '../load/read.js';
import { isWithin, listData } from '../load/entries.js';
import { catalogueFile, loadDataset, periodFile, periodText, shown, sortFindings, type LoadOptions } from '../load/load.js';
import { indexCatalogue, type CatalogueIndex } from '../load/period.js';
import type { ReadSheetOptions, SheetRead } from '../load/sheet/read.js';
import type { Args } from './args.js';
import { catalogueOf, loadOptions, packageRoot, type Io } from './context.js';
import { checkPeriodWrite, writePeriodFile } from './data-write.js';
import { countLine, findingLine, findingWhere, summarise } from './report.js';

/** ragtop's own directories, never written by an import. */
const BUNDLED_DIRS = ['catalogue', 'sample-data'] as const;

/** Where a path really is, its symlinks resolved; for a path not made yet, its nearest existing parent's. */
function realPath(p: string): string {
  try {
    return realpathSync(p);
  } catch {
    const parent = path.dirname(p);
    return parent === p ? p : path.join(realPath(parent), path.basename(p));
  }
}

/** What reads a spreadsheet into cells: src/load/sheet/read.ts (tests give cells directly). */
export type SheetReader = (file: string, options: ReadSheetOptions) => Promise<SheetRead>;

export interface ImportDeps {
  readonly readSheet: SheetReader;
  /** Today, yyyy-mm-dd (the provenance comment); injected by tests. */
  readonly today?: () => string;
}

const noteLine = (n: ImportNote) => `${showText(n.cell !== undefined ? `${n.file}:${n.cell}` : n.file, 200)} note: ${showText(n.message, 400)}`;
const hasError = (fs: readonly Finding[]) => fs.some((f) => f.severity === 'error');

/** The existing period file for `period` in the data directory, if any: its path and text. */
interface Existing {
  readonly file: string;
  readonly name: string;
  /** Undefined when it does not load (then it is not replaced, even with --force). */
  readonly records?: ReturnType<typeof loadedRecords>;
  readonly text?: string;
  /** The period it holds, when it is another: never replaced, even with --force. */
  readonly otherPeriod?: Period;
}

function findExisting(dataDir: string, catFile: string, period: Period, stem: string, opts: { readonly index: CatalogueIndex; readonly load: LoadOptions; readonly cwd: string }): Existing | undefined {
  try {
    if (!statSync(dataDir).isDirectory()) return undefined;
  } catch {
    return undefined;
  }
  const plan = { limits: opts.load.limits ?? DEFAULT_LIMITS, parser: 'auto' as const, index: opts.index };
  const listed = listData(dataDir, catFile);
  let named: Existing | undefined;
  for (const [i, file] of listed.periods.entries()) {
    const r = periodFile({ i, file, shownAs: shown(file, opts.cwd), bytes: 0 }, plan);
    const name = path.basename(file);
    if (r.data && samePeriod(r.data.period, period)) {
      // Read as the loader read it (bounded, strict UTF-8): it loaded, so this reads too.
      const read = readText(file, name, plan.limits);
      return { file, name, records: loadedRecords(r.data), ...(read.ok ? { text: read.text } : {}) };
    }
    if (name === `${stem}.yaml`) named = r.data ? { file, name, otherPeriod: r.data.period } : { file, name };
  }
  return named;
}

export async function importCommand(args: Args, io: Io, deps: ImportDeps): Promise<number> {
  const fail = (message: string): number => {
    io.err(`ragtop: ${message}; nothing written\n`);
    return 2;
  };
  const period = args.period === undefined ? undefined : parsePeriod(args.period);
  if (period === undefined) return fail(`--period ${showText(args.period ?? '')}: not a period like 2024/25 Q2 (or a year, 2024/25)`);
  if (args.file === undefined) return fail('import needs the spreadsheet to read (FILE)');

  // The catalogue, alone: the period files are looked at only to find the one this period has.
  const load = loadOptions(args, io);
  const catFile = path.resolve(io.cwd, catalogueOf(args, io));
  const limits = load.limits ?? DEFAULT_LIMITS;
  const cat = catalogueFile({ file: catFile, shownAs: shown(catFile, io.cwd), bytes: 0, limits, parser: 'auto' });
  if (!cat.catalogue || cat.findings.some(isLoadError)) {
    for (const f of cat.findings) io.err(`${findingLine(f)}\n`);
    return fail('the catalogue could not be loaded');
  }
  const catalogue: Catalogue = cat.catalogue;
  if (args.data === undefined && catalogue.data === undefined) return fail("the catalogue has no 'data:' directory: give --data DIR");
  const dataDir = args.data !== undefined ? path.resolve(io.cwd, args.data) : path.resolve(path.dirname(catFile), catalogue.data ?? '.');
  // The bundled data is part of ragtop, never written: judged where the directory really is (a
  // symlinked catalogue or --data naming it are the same directory).
  if (BUNDLED_DIRS.some((d) => isWithin(realPath(path.join(packageRoot, d)), realPath(dataDir)))) {
    return fail("that data directory is ragtop's bundled sample data, which is never written: give --data DIR (a directory of your own)");
  }
  const shownDir = shown(dataDir, io.cwd);

  // The --map file, then the sheet: every problem of both is reported before stopping.
  const problems: Finding[] = [];
  let map: HeaderMap | undefined;
  if (args.map !== undefined) {
    const m = readMapFile(path.resolve(io.cwd, args.map), args.map, limits);
    problems.push(...m.findings);
    map = m.map;
  }
  const sheet = await deps.readSheet(path.resolve(io.cwd, args.file), { ...(args.sheet !== undefined ? { sheet: args.sheet } : {}), maxBytes: limits.maxBytes, cwd: io.cwd });
  problems.push(...sheet.findings);
  const imported = sheet.table && !hasError(problems) ? importTable(sheet.table, catalogue, map) : undefined;
  // In the order found: the --map file's by line, the sheet's row by row.
  const findings = [...problems, ...(imported?.findings ?? [])];
  // Which sheet was read, when the workbook has others (an edit made on another sheet is not read).
  const others = args.sheet === undefined && sheet.table?.sheet !== undefined ? (sheet.sheets ?? []).filter((n) => n !== sheet.table?.sheet) : [];
  const sheetNote: ImportNote[] =
    others.length > 0 ? [{ file: sheet.table?.file ?? args.file, message: `read the first sheet, '${showText(sheet.table?.sheet ?? '', 60)}'; the workbook has ${others.length} more (${others.slice(0, 3).map((n) => `'${showText(n, 40)}'`).join(', ')}${others.length > 3 ? ', …' : ''}): --sheet NAME reads another` }] : [];
  const notes = [...sheetNote, ...(imported?.notes ?? [])];
  if (hasError(findings) || !sheet.table || !imported) {
    for (const n of notes) io.err(`${noteLine(n)}\n`);
    for (const f of findings) io.err(`${findingLine(f)}\n`);
    const errors = findings.filter((f) => f.severity === 'error').length;
    return fail(`${errors === 1 ? 'a problem' : `${errors} problems`} in ${showText(args.file, 200)}${args.map !== undefined ? ' or the --map file' : ''}`);
  }
  if (imported.observations.length === 0) return fail(`${showText(args.file, 200)} has no row with a figure for a metric of catalogue '${showText(catalogue.id)}'`);

  // Where it goes: the file that already holds the period, else <yyyy-yy>-Q<n>.yaml.
  const index = indexCatalogue(catalogue);
  const stem = periodFileStem(period);
  const existing = findExisting(dataDir, catFile, period, stem, { index, load, cwd: io.cwd });
  const name = existing?.name ?? `${stem}.yaml`;
  const target = path.join(dataDir, name);
  const shownTarget = shown(target, io.cwd);
  const allowed = checkPeriodWrite({ dataDir, name, replace: args.force }, shownDir);
  if (!allowed.ok) return fail(allowed.message);
  if (existing?.otherPeriod !== undefined) return fail(`${showText(shownTarget, 200)} holds ${formatPeriod(existing.otherPeriod)}, not ${formatPeriod(period)}; rename or move it before importing ${formatPeriod(period)}`);
  if (existing !== undefined && existing.records === undefined) return fail(`${showText(shownTarget, 200)} does not load (run 'ragtop check'); fix it or move it away before importing over it`);

  const from: Provenance = { source: path.basename(args.file), sheet: sheet.table.sheet, date: (deps.today ?? (() => new Date().toISOString().slice(0, 10)))() };
  if (existing !== undefined && existing.text === undefined) return fail(`${showText(shownTarget, 200)} cannot be read`);
  const text = existing?.text !== undefined ? replaceObservations(existing.text, imported.observations, from) : newPeriodText(period, imported.observations, from);
  if (text === undefined) return fail(`${showText(shownTarget, 200)} is not a YAML mapping its observations can be replaced in`);
  // The file must be one ragtop reads back: not over the size limit the loader keeps to.
  const bytes = Buffer.byteLength(text, 'utf8');
  if (bytes > limits.maxBytes) return fail(`the period file made from ${showText(args.file, 200)} would be ${formatBytes(bytes)}, over the ${formatBytes(limits.maxBytes)} a data file may be (--max-file-size): shorten its notes`);
  const problem = reloadProblem(text, shownTarget, imported.observations, { limits, index });
  if (problem !== undefined) return fail(`the period file made from ${showText(args.file, 200)} would not load back as imported (${problem})`);

  // The same observations again: nothing to replace, and no backup of a file that stays as it is.
  if (existing?.records !== undefined && recordChanges(existing.records, new Map(imported.observations.map((o) => [o.id, importedFields(o)]))).length === 0) {
    for (const n of notes) io.out(`${noteLine(n)}\n`);
    io.out(`${showText(shownTarget, 200)} already holds these observations: nothing written\n`);
    return 0;
  }
  const written = writePeriodFile({ dataDir, name, replace: args.force }, text, shownDir);
  if (!written.ok) return fail(written.message);
  reportWritten(io, { shownTarget, period, imported: imported.observations, notes, warnings: findings, existing, backup: written.backup });
  return afterCheck(io, catFile, load, shownTarget);
}

/** Why `text` does not load back to `wanted`, or undefined when it does. */
function reloadProblem(text: string, shownAs: string, wanted: readonly ImportedObservation[], plan: { readonly limits: NonNullable<LoadOptions['limits']>; readonly index: CatalogueIndex }): string | undefined {
  const r = periodText(text, shownAs, { ...plan, parser: 'auto' });
  const loadError = r.findings.find(isLoadError);
  if (loadError) return `${loadError.code}: ${showText(loadError.message, 200)}`;
  if (!r.data) return 'it does not load';
  const changes = recordChanges(new Map(wanted.map((o) => [o.id, importedFields(o)])), loadedRecords(r.data));
  return changes.length > 0 ? showText(changes.join('; '), 300) : undefined;
}

function reportWritten(
  io: Io,
  w: { shownTarget: string; period: Period; imported: readonly ImportedObservation[]; notes: readonly ImportNote[]; warnings: readonly Finding[]; existing: Existing | undefined; backup: string | undefined },
): void {
  const metrics = w.imported.filter((o) => o.kind === 'metric').length;
  const kpis = w.imported.length - metrics;
  const counted = `${metrics} observation${metrics === 1 ? '' : 's'}${kpis > 0 ? ` and ${kpis} composite KPI RAG${kpis === 1 ? '' : 's'}` : ''}`;
  const lines: string[] = [];
  if (w.existing?.records) {
    const changes = recordChanges(w.existing.records, new Map(w.imported.map((o) => [o.id, importedFields(o)])));
    const added = changes.filter((c) => /^[^:]*: added \(/.test(c)).length;
    const removed = changes.filter((c) => /^[^:]*: removed \(/.test(c)).length;
    const counts = [`${changes.length - added - removed} changed`, ...(added > 0 ? [`${added} added`] : []), ...(removed > 0 ? [`${removed} removed (not in the sheet)`] : [])];
    lines.push(`replaced the observations of ${w.shownTarget} (${formatPeriod(w.period)}): ${counts.join(', ')}`);
    for (const c of changes) lines.push(`  ${c}`);
    if (w.backup !== undefined) lines.push(`the old file is kept as ${path.join(path.dirname(w.shownTarget), path.basename(w.backup))}`);
  } else lines.push(`wrote ${w.shownTarget} (${formatPeriod(w.period)})`);
  lines.push(`${counted} imported`);
  for (const n of w.notes) lines.push(noteLine(n));
  for (const f of w.warnings) lines.push(findingLine(f));
  io.out(lines.map((l) => showText(l, 600)).join('\n') + '\n');
}

/** Checks the whole data set as `ragtop check` does: the findings about the new file, and the count line. */
function afterCheck(io: Io, catFile: string, load: LoadOptions, shownTarget: string): number {
  const loaded = loadDataset(catFile, load);
  const findings = sortFindings([...loaded.findings, ...(loaded.dataset ? runChecks(evaluate(loaded.dataset)) : [])]);
  const summary = summarise(findings, loaded.files.length, loaded.dataset !== undefined, false);
  const mine = findings.filter((f) => f.file === shownTarget);
  io.out(`check: ${countLine(summary)}${mine.length > 0 ? `; about ${showText(shownTarget, 200)}:` : ''}\n`);
  for (const line of aboutTheFile(mine)) io.out(`  ${line}\n`);
  return 0;
}

/** A code found more often than this about the new file is one line (a half-filled sheet is missing many values). */
const GROUP_OVER = 3;

/** The findings about the new file, one a line, except a code found often: one line with its count and first ids. */
function aboutTheFile(findings: readonly Finding[]): string[] {
  const byCode = new Map<string, Finding[]>();
  for (const f of findings) byCode.set(`${f.severity} ${f.code}`, [...(byCode.get(`${f.severity} ${f.code}`) ?? []), f]);
  const lines: string[] = [];
  for (const f of findings) {
    const same = byCode.get(`${f.severity} ${f.code}`) ?? [];
    if (same.length <= GROUP_OVER) lines.push(findingLine(f));
    else if (same[0] === f) {
      const ids = same.flatMap((x) => (x.id === undefined ? [] : [showText(x.id, 60)]));
      const named = ids.length === 0 ? '' : ` (${ids.slice(0, GROUP_OVER).join(', ')}${ids.length > GROUP_OVER ? ` and ${ids.length - GROUP_OVER} more` : ''})`;
      lines.push(`${showText(findingWhere(f), 200)} ${f.severity} ${f.code}: ${same.length} of them${named}; 'ragtop check' lists each`);
    }
  }
  return lines;
}

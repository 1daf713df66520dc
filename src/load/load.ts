// Loads a catalogue, every period file in its data directory and its agendas, reporting every
// problem in every file as a Finding (not only the first). Never writes anything.

import { statSync } from 'node:fs';
import path from 'node:path';
import { pushAll } from '../domain/arrays.js';
import { comparePeriods, formatPeriod, samePeriod } from '../domain/period.js';
import { showText } from '../domain/text.js';
import { isLoadError, type Agenda, type Catalogue, type Dataset, type Finding, type Loc, type PeriodData } from '../domain/types.js';
import { toAgenda, type AgendaPeriods } from './agenda.js';
import { toCatalogue } from './catalogue.js';
import { listData } from './entries.js';
import { FileReader, unlessCancelled } from './file-thread.js';
import { PeriodWorker } from './period-worker.js';
import { indexCatalogue, toPeriodData, type CatalogueIndex } from './period.js';
import { describeFsError } from './read.js';
import { AgendaSchema, CatalogueSchema, PeriodSchema } from './schema.js';
import { capLoadFindings } from './cap.js';
import { DEFAULT_LIMITS, finding, type Limits } from './limits.js';
import { readValidated, validateText } from './validate.js';
import { reviveObservations } from './observation.js';

export interface LoadOptions {
  /** Overrides the catalogue's `data:` directory (relative to the working directory). */
  readonly dataDir?: string;
  /** Extra agenda files (`--agenda FILE`). */
  readonly agendaFiles?: readonly string[];
  readonly limits?: Limits;
  /** The directory paths are shown relative to (default: the working directory). */
  readonly cwd?: string;
  /**
   * 'auto' (the default): js-yaml's fast path for plain files, yaml for anything it gives up on;
   * 'yaml': every file with yaml (the tests compare the two).
   */
  readonly parser?: 'auto' | 'yaml';
  /**
   * loadDatasetAsync only: share the period files with a worker thread. 'auto' (the default)
   * does when there are at least four of them and 4 MiB in all (below that, starting the worker
   * costs more than it saves); true and false force it.
   */
  readonly worker?: 'auto' | boolean;
  /**
   * loadDatasetAsync only: how long a worker thread may read one file (milliseconds, default
   * fileBudget(bytes)); past it the file is a READ_ERROR.
   */
  readonly fileBudgetMs?: number;
}

export interface LoadResult {
  /** Present when nothing stopped the data from loading (no load error). */
  readonly dataset?: Dataset;
  /** Every problem found: load errors and CONTROL_CHARS warnings. */
  readonly findings: readonly Finding[];
  /** The files read, as shown in findings. */
  readonly files: readonly string[];
  /** The catalogue file and the data directory, resolved (for watching them). */
  readonly catalogueFile: string;
  readonly dataDir?: string;
}


function sizeOf(file: string): number {
  try {
    return statSync(file).size;
  } catch {
    return 0;
  }
}

/** A path as findings show it: relative to `cwd` when under it, else absolute. */
export function shown(file: string, cwd: string): string {
  const rel = path.relative(cwd, file);
  return rel === '' ? '.' : rel.startsWith('..') || path.isAbsolute(rel) ? file : rel;
}


/** `catalogue.data` from a catalogue that did not validate, when it is still a usable string. */
function dataOf(value: unknown): string | undefined {
  const catalogue = typeof value === 'object' && value !== null && 'catalogue' in value ? value.catalogue : undefined;
  const data = typeof catalogue === 'object' && catalogue !== null && 'data' in catalogue ? catalogue.data : undefined;
  return typeof data === 'string' && data !== '' ? data : undefined;
}

/** How far a load has got: given before each period or agenda file is read. */
export interface LoadProgress {
  /** Files read so far, and all the files there are to read (known once the catalogue is read). */
  readonly done: number;
  readonly total: number;
  /** The file read next (or the catalogue, at the first step), as shown in findings. */
  readonly file: string;
  /** Set when the worker thread read this file. */
  readonly by?: 'worker';
  /** Set once a file read so far has a problem that stops the load (it cannot succeed now). */
  readonly failed?: boolean;
}

/** Reads, validates and converts everything; synchronous (for `check`, `export`, the tests). */
export function loadDataset(cataloguePath: string, options: LoadOptions = {}): LoadResult {
  const steps = loadSteps(cataloguePath, options);
  let answer: Answer;
  for (;;) {
    const step = steps.next(answer);
    if (step.done) return step.value;
    answer = step.value.kind === 'progress' || step.value.kind === 'plan' ? undefined : readStep(step.value);
  }
}

/** Reads one file of a load (on either thread). */
export function readStep(step: FileStep): Answer {
  if (step.kind === 'catalogue') return catalogueFile(step.job);
  if (step.kind === 'period') return periodFile(step.job, step.plan);
  return agendaFile(step.job);
}

/**
 * The same load, giving the event loop a turn after each file, so that a terminal stays
 * responsive (keys, signals, a progress line) while a large data set loads. `cancelled()` is
 * asked between files, and every 50 ms while a file is read off this thread or the load waits for
 * the period-file worker's file; when it says yes the load stops and resolves undefined.
 *
 * A file of OFF_THREAD_BYTES or more is read by a worker thread (file-thread.ts), with a time
 * budget, so that no single file (a hostile one the careful reader takes seconds over) holds this
 * thread. A large data set's period files are also shared with a worker thread
 * (period-worker.ts), which reads from the last file back while the load reads from the first;
 * the results are put together in file order, as the synchronous load does, so the outcome is the
 * same.
 */
export async function loadDatasetAsync(cataloguePath: string, options: LoadOptions = {}, onProgress?: (p: LoadProgress) => void, cancelled?: () => boolean): Promise<LoadResult | undefined> {
  const steps = loadSteps(cataloguePath, options);
  let helper: PeriodWorker | undefined;
  const reader = new FileReader(options.fileBudgetMs);
  let answer: Answer;
  try {
    for (;;) {
      const step = steps.next(answer);
      answer = undefined;
      if (step.done) return step.value;
      const v = step.value;
      if (v.kind === 'plan') {
        helper = PeriodWorker.start(v.plan, options.worker ?? 'auto');
        continue;
      }
      if (v.kind === 'progress') onProgress?.(v.progress);
      else {
        // The worker may be on this very file (a slow one): the wait stops when asked to.
        const fromWorker = v.kind === 'period' && helper ? await unlessCancelled(helper.take(v.job.i), cancelled) : undefined;
        if (fromWorker === 'cancelled') return undefined;
        if (fromWorker && v.kind === 'period') {
          onProgress?.({ ...v.progress, by: 'worker' });
          answer = fromWorker;
        } else {
          if (v.kind !== 'catalogue') onProgress?.(v.progress);
          const read = await reader.read(v, cancelled);
          if (read === 'cancelled') return undefined;
          answer = read;
        }
        // A file that makes the load fail is told at once (q then exits 2, not 0).
        if (v.kind === 'period' && !v.progress.failed && answer?.findings.some(isLoadError)) onProgress?.({ ...v.progress, failed: true });
      }
      await new Promise((resolve) => setImmediate(resolve));
      if (cancelled?.()) return undefined;
    }
  } finally {
    helper?.stop();
    reader.stop();
  }
}

/** A period file to read, and how. */
export interface PeriodJob {
  readonly i: number;
  readonly file: string;
  readonly shownAs: string;
  readonly bytes: number;
}
export interface PeriodPlan {
  readonly jobs: readonly PeriodJob[];
  readonly limits: Limits;
  readonly parser: 'auto' | 'yaml';
  readonly index: CatalogueIndex | undefined;
}
export interface PeriodResult {
  readonly data?: PeriodData;
  readonly findings: readonly Finding[];
}

/** Reads, validates and converts one period file (on either thread). */
export function periodFile(job: PeriodJob, plan: Omit<PeriodPlan, 'jobs'>): PeriodResult {
  const out: Finding[] = [];
  const p = readValidated(job.file, job.shownAs, PeriodSchema, plan.limits, out, plan.parser);
  if (!p.raw || !p.ref) return { findings: out };
  const converted = toPeriodData(p.raw, p.ref, job.shownAs, plan.index, p.text);
  return { ...(converted.data ? { data: converted.data } : {}), findings: [...out, ...converted.findings] };
}

/**
 * A period file's text, not yet written anywhere, read as `periodFile` reads a file (`ragtop
 * import` loads what it is about to write, and writes nothing unless it loads as meant).
 */
export function periodText(text: string, shownAs: string, plan: Omit<PeriodPlan, 'jobs'>): PeriodResult {
  const out: Finding[] = [];
  const p = validateText(text, shownAs, PeriodSchema, plan.limits, out, plan.parser);
  if (!p.raw || !p.ref) return { findings: out };
  const converted = toPeriodData(p.raw, p.ref, shownAs, plan.index, p.text);
  return { ...(converted.data ? { data: converted.data } : {}), findings: [...out, ...converted.findings] };
}

/** A period file's result, perhaps read on another thread, with its observations whole again. */
function revived(r: PeriodResult): PeriodResult {
  if (!r.data) return r;
  const observations = reviveObservations(r.data.observations);
  return observations === r.data.observations ? r : { ...r, data: { ...r.data, observations } };
}

/** A catalogue or agenda file to read, and how. */
export interface FileJob {
  readonly file: string;
  readonly shownAs: string;
  readonly bytes: number;
  readonly limits: Limits;
  readonly parser: 'auto' | 'yaml';
}
export interface AgendaJob extends FileJob {
  readonly index: CatalogueIndex | undefined;
  readonly periods: AgendaPeriods;
}
export interface CatalogueResult {
  readonly catalogue?: Catalogue;
  readonly findings: readonly Finding[];
  /** `catalogue.data`, even from a catalogue that did not validate, and where it is written. */
  readonly dataText?: string;
  readonly dataLoc?: Loc;
}
export interface AgendaResult {
  readonly agenda?: Agenda;
  readonly findings: readonly Finding[];
}

/** Reads, validates and converts a catalogue file (on either thread). */
export function catalogueFile(job: FileJob): CatalogueResult {
  const out: Finding[] = [];
  const cat = readValidated(job.file, job.shownAs, CatalogueSchema, job.limits, out, job.parser);
  let catalogue: Catalogue | undefined;
  if (cat.raw && cat.ref) {
    const converted = toCatalogue(cat.raw, cat.ref, job.shownAs);
    pushAll(out, converted.findings);
    catalogue = converted.catalogue;
  }
  const dataLoc = cat.ref?.at('catalogue').at('data').loc;
  const dataText = catalogue?.data ?? dataOf(cat.value);
  return { ...(catalogue ? { catalogue } : {}), findings: out, ...(dataText !== undefined ? { dataText } : {}), ...(dataLoc ? { dataLoc } : {}) };
}

/** Reads, validates and converts an agenda file (on either thread). */
export function agendaFile(job: AgendaJob): AgendaResult {
  const out: Finding[] = [];
  const a = readValidated(job.file, job.shownAs, AgendaSchema, job.limits, out, job.parser);
  const agenda = a.raw && a.ref ? toAgenda(a.raw, a.ref, job.shownAs, job.index, job.periods, out) : undefined;
  return { ...(agenda ? { agenda } : {}), findings: out };
}

export type FileStep =
  | { readonly kind: 'catalogue'; readonly job: FileJob }
  | { readonly kind: 'period'; readonly job: PeriodJob; readonly plan: PeriodPlan; readonly progress: LoadProgress }
  | { readonly kind: 'agenda'; readonly job: AgendaJob; readonly progress: LoadProgress };
type Step = { readonly kind: 'progress'; readonly progress: LoadProgress } | { readonly kind: 'plan'; readonly plan: PeriodPlan } | FileStep;
type Answer = CatalogueResult | PeriodResult | AgendaResult | undefined;

/**
 * The load as steps: each file step is answered with that file's result (or undefined: run it
 * here). TypeScript types a `yield` by the generator's one answer type, so each file step's answer
 * is cast to its own kind's result, the one cast the driver's contract justifies.
 */
function* loadSteps(cataloguePath: string, options: LoadOptions): Generator<Step, LoadResult, Answer> {
  const cwd = options.cwd ?? process.cwd();
  const limits = options.limits ?? DEFAULT_LIMITS;
  const parser = options.parser ?? 'auto';
  const out: Finding[] = [];
  // Whether `out` has a load error yet (looked for in what was added since the last look).
  let seen = 0;
  let failed = false;
  const failedSoFar = (): true | undefined => {
    for (; !failed && seen < out.length; seen++) failed = isLoadError(out[seen]!);
    return failed || undefined;
  };
  const files: string[] = [];
  const catFile = path.resolve(cwd, cataloguePath);
  const catShown = shown(catFile, cwd);
  files.push(catShown);

  const cat = ((yield { kind: 'catalogue', job: { file: catFile, shownAs: catShown, bytes: sizeOf(catFile), limits, parser } }) ?? { findings: [] }) as CatalogueResult;
  pushAll(out, cat.findings);
  const catalogue = cat.catalogue;
  // Even when the catalogue has problems, its period files are read and checked as far as they
  // can be without it, so that every problem is reported in one run.
  const dataText = cat.dataText;
  const index = catalogue && !out.some(isLoadError) ? indexCatalogue(catalogue) : undefined;

  // The data directory: --data, else the catalogue's data:, relative to the catalogue file.
  let dataDir: string | undefined;
  if (options.dataDir !== undefined) dataDir = path.resolve(cwd, options.dataDir);
  else if (dataText !== undefined) dataDir = path.resolve(path.dirname(catFile), dataText);
  let listed: ReturnType<typeof listData> = { periods: [], agendas: [], refused: [] };
  if (dataDir !== undefined) {
    try {
      if (!statSync(dataDir).isDirectory()) throw Object.assign(new Error('not a directory'), { code: 'ENOTDIR' });
      listed = listData(dataDir, catFile);
    } catch (e) {
      const where = options.dataDir !== undefined ? { file: shown(dataDir, cwd), line: 0, col: 0 } : (cat.dataLoc ?? { file: catShown, line: 1, col: 1 });
      const why = describeFsError(e, 'cannot be read');
      out.push(finding('READ_ERROR', 'error', { ...where, file: showText(where.file, 200) }, `data directory ${showText(shown(dataDir, cwd), 200)}: ${why === 'no such file' ? 'no such directory' : why}`));
    }
  }

  const named = (options.agendaFiles ?? []).map((f) => path.resolve(cwd, f));
  const agendaFiles = [...new Set([...listed.agendas, ...named])];
  // An entry the user names with --agenda is theirs to point anywhere.
  const refused = listed.refused.filter((r) => !named.includes(r.file));
  const total = 1 + listed.periods.length + agendaFiles.length;
  yield { kind: 'progress', progress: { done: 1, total, file: catShown, ...(failedSoFar() ? { failed: true } : {}) } };

  const plan: PeriodPlan = {
    jobs: listed.periods.map((file, i) => ({ i, file, shownAs: shown(file, cwd), bytes: sizeOf(file) })),
    limits,
    parser,
    index,
  };
  yield { kind: 'plan', plan };
  const periods: PeriodData[] = [];
  for (const job of plan.jobs) {
    files.push(job.shownAs);
    const result = yield { kind: 'period', job, plan, progress: { done: files.length - 1, total, file: job.shownAs, ...(failedSoFar() ? { failed: true } : {}) } };
    const converted = revived(result ?? periodFile(job, plan));
    pushAll(out, converted.findings);
    if (!converted.data) continue;
    const same = periods.find((q) => samePeriod(q.period, converted.data!.period));
    if (same) {
      out.push(finding('DUPLICATE_ID', 'error', converted.data.loc, `period ${formatPeriod(converted.data.period)} is already given by ${same.file}`, formatPeriod(converted.data.period)));
      continue;
    }
    periods.push(converted.data);
  }
  periods.sort((a, b) => comparePeriods(a.period, b.period));

  const agendas: Agenda[] = [];
  for (const file of agendaFiles) {
    const s = shown(file, cwd);
    files.push(s);
    // The periods as an agenda needs them (a worker thread is sent these, not the whole data).
    const given = periods.map((p) => ({ period: p.period, ...(p.register ? { register: p.register.map((e) => ({ id: e.id })) } : {}) }));
    const job: AgendaJob = { file, shownAs: s, bytes: sizeOf(file), limits, parser, index, periods: given };
    const a = ((yield { kind: 'agenda', job, progress: { done: files.length - 1, total, file: s, ...(failedSoFar() ? { failed: true } : {}) } }) ?? agendaFile(job)) as AgendaResult;
    pushAll(out, a.findings);
    if (a.agenda) agendas.push(a.agenda);
  }

  for (const r of refused) {
    const s = shown(r.file, cwd);
    files.push(s);
    out.push(finding('READ_ERROR', 'error', { file: s, line: 0, col: 0 }, r.why));
  }

  const findings = sortFindings(capLoadFindings(sortFindings(out)));
  const where = { catalogueFile: catFile, ...(dataDir !== undefined ? { dataDir } : {}) };
  if (!catalogue || findings.some(isLoadError)) return { findings, files, ...where };
  return { dataset: { catalogue, periods, agendas }, findings, files, ...where };
}

export function sortFindings(list: readonly Finding[]): Finding[] {
  return [...list].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) || a.line - b.line || a.column - b.column || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
}

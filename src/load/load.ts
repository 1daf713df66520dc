// Loads a catalogue, every period file in its data directory and its agendas, reporting every
// problem in every file as a Finding (not only the first). Never writes anything.

import { lstatSync, readdirSync, realpathSync, statSync, type Stats } from 'node:fs';
import path from 'node:path';
import type { z } from 'zod';
import { comparePeriods, formatPeriod, parsePeriod, samePeriod } from '../domain/period.js';
import { showText } from '../domain/text.js';
import type { Agenda, AgendaItem, Catalogue, Dataset, Finding, Loc, PeriodData, Show } from '../domain/types.js';
import { toCatalogue } from './catalogue.js';
import { schemaFindings } from './issues.js';
import { indexCatalogue, toPeriodData, unknownRef, type CatalogueIndex } from './period.js';
import { AgendaSchema, CatalogueSchema, PeriodSchema, type RawAgenda } from './schema.js';
import { parseFast, type PosRef } from './fast.js';
import { FileReader } from './file-thread.js';
import { PeriodWorker } from './period-worker.js';
import { describeFsError, formatBytes, readText } from './read.js';
import { capLoadFindings } from './cap.js';
import { carefulLimit, DEFAULT_LIMITS, finding, nestingFinding, parseYaml, type Limits } from './source.js';

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

const LOAD_ERROR_CODES = new Set(['READ_ERROR', 'YAML_SYNTAX', 'SCHEMA', 'DUPLICATE_ID', 'UNKNOWN_REF']);

export function isLoadError(f: Finding): boolean {
  return f.severity === 'error' && LOAD_ERROR_CODES.has(f.code);
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

/** True when `child` is `dir` or anything under it (both absolute, symlinks already resolved). */
export function isWithin(dir: string, child: string): boolean {
  const rel = path.relative(dir, child);
  return rel === '' || (rel !== '..' && !rel.startsWith(`..${path.sep}`) && !path.isAbsolute(rel));
}

interface Validated<T> {
  /** The validated content; undefined when the file has a load problem. */
  readonly raw?: T;
  readonly ref?: PosRef;
  /** The parsed YAML even when it did not validate (to find the data directory regardless). */
  readonly value?: unknown;
}

/** Reads, parses and validates one file against a schema. */
function readValidated<S extends z.ZodType>(file: string, shownAs: string, schema: S, limits: Limits, out: Finding[], parser: 'auto' | 'yaml'): Validated<z.output<S>> {
  const read = readText(file, shownAs, limits);
  if (!read.ok) {
    out.push(read.finding);
    return {};
  }
  // The fast path answers for a file with nothing to report but its schema problems; it gives up
  // on anything else (see fast.ts), and yaml then finds the problem with its position.
  const why: { at?: number; deep?: boolean } = {};
  const fast = parser === 'auto' ? parseFast(shownAs, read.text, limits, why) : undefined;
  if (fast && fast.value !== null) {
    const result = validate(schema, fast.value);
    if (result.success) return { raw: result.data, ref: fast.root, value: fast.value };
    // Its positions are the same as yaml's (tests/load/fast.test.ts), so yaml is not needed to say
    // where a schema problem is.
    append(out, schemaFindings(fast.root, fast.value, result.error.issues));
    return { value: fast.value, ref: fast.root };
  }
  const refused = carefulRefusal(shownAs, read.text, limits, parser === 'auto' ? why : undefined);
  if (refused) {
    out.push(refused);
    return {};
  }
  const parsed = parseYaml(shownAs, read.text, limits);
  append(out, parsed.findings);
  if (!parsed.src || parsed.findings.some(isLoadError)) return {};
  if (parsed.value === null || parsed.value === undefined) {
    out.push(finding('SCHEMA', 'error', { file: shownAs, line: 1, col: 1 }, 'the file is empty'));
    return {};
  }
  const result = validate(schema, parsed.value);
  if (!result.success) {
    append(out, schemaFindings(parsed.src.root(), parsed.value, result.error.issues));
    return { value: parsed.value, ref: parsed.src.root() };
  }
  return { raw: result.data, ref: parsed.src.root(), value: parsed.value };
}

/**
 * zod adds a child's issues to its parent's with one spread into `push`, which throws a RangeError
 * past about 120 000 (one list or mapping of that many wrong entries, in a file of a few hundred
 * KB). Such a file cannot load anyway: it gets one issue, at the largest list or mapping.
 */
function validate<S extends z.ZodType>(schema: S, value: unknown): z.ZodSafeParseResult<z.output<S>> {
  try {
    return schema.safeParse(value, { reportInput: false });
  } catch (e) {
    if (!(e instanceof RangeError)) throw e;
    const issue = { code: 'custom', path: largestCollection(value), message: 'holds too many wrong entries to list them', input: undefined } as const;
    return { success: false, error: { issues: [issue] } } as unknown as z.ZodSafeParseResult<z.output<S>>;
  }
}

/** The path to the list or mapping with the most entries (a walk with a stack: no recursion). */
function largestCollection(root: unknown): PropertyKey[] {
  let best: PropertyKey[] = [];
  let most = -1;
  const stack: { value: unknown; path: PropertyKey[] }[] = [{ value: root, path: [] }];
  for (let top = stack.pop(); top; top = stack.pop()) {
    const { value, path: at } = top;
    if (value === null || typeof value !== 'object') continue;
    const entries = Array.isArray(value) ? value.map((v, i) => [i, v] as const) : Object.entries(value);
    if (entries.length > most) [best, most] = [at, entries.length];
    for (const [k, v] of entries) if (v !== null && typeof v === 'object') stack.push({ value: v, path: [...at, k] });
  }
  return best;
}

/**
 * A file the fast path gave up on and that is over the careful path's limit is refused, where
 * the fast path stopped; one that is too deep is still said to be, at the too-deep node.
 */
function carefulRefusal(shownAs: string, text: string, limits: Limits, why: { at?: number; deep?: boolean } | undefined): Finding | undefined {
  const max = carefulLimit(limits);
  if (text.length <= max) return undefined;
  const bytes = Buffer.byteLength(text, 'utf8');
  if (bytes <= max) return undefined;
  const at = why?.at;
  if (why?.deep && at !== undefined && at < max) {
    const deep = nestingFinding(shownAs, text, at + 1, limits);
    if (deep) return deep;
  }
  const where = at === undefined ? { line: 1, col: 1 } : lineColAt(text, at);
  const reason = why === undefined ? '' : ' (it is not plain YAML from here on: an anchor, tag, repeated key, syntax error or too deep nesting)';
  return finding(
    'YAML_SYNTAX',
    'error',
    { file: shownAs, ...where },
    `the file is ${formatBytes(bytes)} and needs the careful YAML reader${reason}, which reads at most ${formatBytes(max)} (raise it with --max-file-size)`,
  );
}

function lineColAt(text: string, offset: number): { line: number; col: number } {
  let line = 1;
  let start = 0;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) {
    line += 1;
    start = i + 1;
  }
  return { line, col: offset - start + 1 };
}

/** Adds every finding of a list, without spreading it into one call (a list can be huge). */
function append(out: Finding[], list: readonly Finding[]): void {
  for (const f of list) out.push(f);
}

/** `catalogue.data` from a catalogue that did not validate, when it is still a usable string. */
function dataOf(value: unknown): string | undefined {
  const data = (value as { catalogue?: { data?: unknown } } | null)?.catalogue?.data;
  return typeof data === 'string' && data !== '' ? data : undefined;
}

function toShow(text: string): Show {
  const m = /^(priority|kpi|risk): *(.+)$/.exec(text);
  if (m) return { kind: m[1] as 'priority' | 'kpi' | 'risk', id: (m[2] as string).trim() };
  return { kind: text as Exclude<Show['kind'], 'priority' | 'kpi' | 'risk'> };
}

/** What an agenda is checked against: each period given, and its register's ids. */
export type AgendaPeriods = ReadonlyArray<Pick<PeriodData, 'period'> & { readonly register?: ReadonlyArray<{ readonly id: string }> }>;

function toAgenda(raw: RawAgenda, ref: PosRef, file: string, index: CatalogueIndex | undefined, periods: AgendaPeriods, out: Finding[]): Agenda {
  const period = raw.period === undefined ? undefined : parsePeriod(raw.period);
  if (raw.period !== undefined && !period) out.push(finding('SCHEMA', 'error', ref.at('period').loc, `period '${showText(raw.period)}' is not a financial year: the two years must follow each other (e.g. 2019/20)`));
  if (period && index && !periods.some((p) => samePeriod(p.period, period))) {
    out.push(finding('UNKNOWN_REF', 'error', ref.at('period').loc, `the agenda is for ${formatPeriod(period)}, but no period file gives it`));
  }
  const registerIds = new Set<string>();
  for (const p of periods) {
    if (period && !samePeriod(p.period, period)) continue;
    for (const e of p.register ?? []) registerIds.add(e.id);
  }
  const items: AgendaItem[] = raw.items.map((it, i) => {
    const r = ref.at('items').at(i);
    const show = toShow(it.show);
    if (index && 'id' in show) {
      const loc = r.at('show').loc;
      if (show.kind === 'priority' && !index.priorityIds.has(show.id)) out.push(unknownRef('priority', show.id, loc, index.priorityIds, index.id));
      if (show.kind === 'kpi' && !index.kpiIds.has(show.id) && !index.metricIds.has(show.id)) out.push(unknownRef('KPI', show.id, loc, index.kpiIds, index.id));
      if (show.kind === 'risk' && !registerIds.has(show.id)) {
        out.push(finding('UNKNOWN_REF', 'error', loc, `register entry '${showText(show.id)}' is not in the register${period ? ` for ${formatPeriod(period)}` : ''}`, show.id));
      }
    }
    return {
      title: it.title,
      show,
      ...(it.notes !== undefined ? { notes: it.notes } : {}),
      ...(it.minutes !== undefined ? { minutes: it.minutes } : {}),
      loc: r.loc,
    };
  });
  if (raw.date !== undefined && !/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/.test(raw.date)) {
    out.push(finding('SCHEMA', 'error', ref.at('date').loc, `date '${showText(raw.date)}' is not a real date`));
  }
  return { meeting: raw.meeting, ...(raw.date !== undefined ? { date: raw.date } : {}), ...(period ? { period } : {}), items, file };
}

/** A file the data directory lists that is not read, and why (a READ_ERROR naming it). */
interface Refused {
  readonly file: string;
  readonly why: string;
}

/** What kind of thing a non-regular entry is, in words. */
function kindOf(st: Stats): string | undefined {
  if (st.isFile()) return undefined;
  if (st.isDirectory()) return 'a directory';
  if (st.isFIFO()) return 'a named pipe (FIFO)';
  if (st.isSocket()) return 'a socket';
  if (st.isCharacterDevice() || st.isBlockDevice()) return 'a device';
  return 'a special file';
}

/**
 * Why an entry of the data directory must not be read, or undefined when it is a regular file
 * inside it. A symlink is followed only when it resolves inside the directory's real path: the
 * directory's content comes from other people, and a link to ~/secret.txt or /etc/shadow would
 * otherwise be read and quoted in findings. A FIFO, socket or device would block or never end.
 */
function refusal(file: string, realDir: string): string | undefined {
  let st: Stats;
  try {
    st = lstatSync(file);
    if (st.isSymbolicLink()) {
      let real: string;
      try {
        real = realpathSync(file);
      } catch (e) {
        const code = (e as { code?: string } | null)?.code;
        if (code === 'ENOENT') return 'a broken symbolic link (what it points to does not exist): not read';
        if (code === 'ELOOP') return 'a symbolic link that loops: not read';
        return `a symbolic link that cannot be followed (${describeFsError(e, 'unreadable')}): not read`;
      }
      if (real === realDir || !isWithin(realDir, real)) return 'a symbolic link to a file outside the data directory: not read';
      st = statSync(real);
    }
  } catch (e) {
    return `${describeFsError(e, 'cannot be read')}: not read`;
  }
  const kind = kindOf(st);
  return kind === undefined ? undefined : `${kind}, not a regular file: not read`;
}

/**
 * Lists the YAML files of a data directory: period files and agenda files (never the catalogue
 * itself), and the entries named like them that are refused (each its own READ_ERROR).
 */
function listData(dir: string, catalogueFile: string): { periods: string[]; agendas: string[]; refused: Refused[] } {
  const realDir = realpathSync(dir);
  const names = readdirSync(dir).filter((n) => /\.ya?ml$/i.test(n) && !n.startsWith('.')).sort();
  const files: string[] = [];
  const refused: Refused[] = [];
  for (const f of names.map((n) => path.join(dir, n))) {
    if (f === catalogueFile) continue;
    const why = refusal(f, realDir);
    if (why === undefined) files.push(f);
    else refused.push({ file: f, why });
  }
  return {
    periods: files.filter((f) => !/^agenda-/i.test(path.basename(f))),
    agendas: files.filter((f) => /^agenda-/i.test(path.basename(f))),
    refused,
  };
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
 * asked between files, and every 50 ms while a file is read off this thread; when it says yes the
 * load stops and resolves undefined.
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
        const fromWorker = v.kind === 'period' && helper ? await helper.take(v.job.i) : undefined;
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
  const converted = toPeriodData(p.raw, p.ref, job.shownAs, plan.index);
  return { ...(converted.data ? { data: converted.data } : {}), findings: [...out, ...converted.findings] };
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
    append(out, converted.findings);
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
  append(out, cat.findings);
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
    const converted = (result as PeriodResult | undefined) ?? periodFile(job, plan);
    append(out, converted.findings);
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
    append(out, a.findings);
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

// The first screen at once: the app's first frame of the last run with the same command line,
// environment, terminal size, preferences and data files, kept in the user's cache directory and
// drawn before anything else is loaded. The app then loads as always behind it (its progress line
// on the bottom row, q and Ctrl-C as always) and takes the screen over from it, writing only what
// differs. Nothing here is trusted that can be checked: every data file is read and hashed again
// (its content, not its date), every data directory listed again, and any difference, any
// unreadable entry or any entry of another build, size or shape means no snapshot. The cache is
// safe to delete, bounded (MAX_ENTRIES files of at most MAX_ENTRY_BYTES) and written only in its
// own directory, through a temporary file and a rename.
//
// Imported by the bin before the rest of ragtop: only Node's own modules and small ones here.

import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { isMapping } from '../domain/guards.js';
import envPaths from 'env-paths';
import { ALT_SCREEN_OFF, ALT_SCREEN_ON, frameDiff, SHOW_CURSOR, SYNC_OFF, SYNC_ON } from './frame-writer.js';
import { prefsFile } from './prefs-path.js';
import { terminalSafe } from './terminal-text.js';

// The build's identity (scripts/build.mjs: a hash of the sources and the lockfile): a snapshot
// of another build is never drawn.
declare const __RAGTOP_BUILD__: string | undefined;
const BUILD = typeof __RAGTOP_BUILD__ === 'string' ? __RAGTOP_BUILD__ : 'sources';
const FORMAT = 1;
export const MAX_ENTRIES = 16;
export const MAX_ENTRY_BYTES = 512 * 1024;
/** Data files larger than this in all are not hashed at start-up (reading them would cost more than it saves). */
export const MAX_DATA_BYTES = 256 * 1024 * 1024;

/**
 * Environment variables that change what the first frame shows: colour, the locale's character
 * set (ASCII glyphs) and CI (Ink's rendering). Where the preferences file is does not matter, its
 * content does (it is part of the key).
 */
const SHAPING_ENV = /^(TERM|COLORTERM|NO_COLOR|FORCE_COLOR|LANG|LC_ALL|LC_CTYPE|CI|CONTINUOUS_INTEGRATION|CI_.*)$/;

/** Where the cache lives: $RAGTOP_CACHE_DIR, else the platform's cache directory (env-paths). */
export function cacheDir(env: NodeJS.ProcessEnv): string {
  const own = env['RAGTOP_CACHE_DIR'];
  if (own) return path.join(path.resolve(own), 'first-screen');
  return path.join(envPaths('ragtop').cache, 'first-screen');
}

/** This process's run, as the first screen is keyed by: its command line, environment and terminal. */
export function thisRun(env: NodeJS.ProcessEnv, cwd: string, out: NodeJS.WriteStream): Omit<Run, 'prefs'> & { readonly prefsFile: string } {
  return { argv: process.argv.slice(2), env, cwd, columns: out.columns, rows: out.rows, prefsFile: prefsFile(env) };
}

export interface Run {
  readonly argv: readonly string[];
  readonly env: NodeJS.ProcessEnv;
  readonly cwd: string;
  readonly columns: number;
  readonly rows: number;
  /** The preferences file's bytes (they choose the catalogue, period and theme), or '' without one. */
  readonly prefs: string;
}

/** The cache entry's name for a run: everything but the data files, hashed. */
export function runKey(run: Run): string {
  const env = Object.keys(run.env)
    .filter((k) => SHAPING_ENV.test(k))
    .sort()
    .map((k) => [k, run.env[k]]);
  return createHash('sha256').update(JSON.stringify([FORMAT, BUILD, run.argv, run.cwd, env, run.columns, run.rows, run.prefs])).digest('hex');
}

interface FileMark {
  readonly path: string;
  readonly bytes: number;
  readonly sha256: string;
}

interface Entry {
  readonly format: number;
  readonly build: string;
  readonly key: string;
  readonly columns: number;
  readonly rows: number;
  readonly files: readonly FileMark[];
  readonly dirs: readonly { readonly path: string; readonly names: readonly string[] }[];
  readonly frame: string;
}

const hashOf = (data: Buffer): string => createHash('sha256').update(data).digest('hex');

function readCapped(file: string, max: number): Buffer | undefined {
  try {
    const st = fs.statSync(file);
    if (!st.isFile() || st.size > max) return undefined;
    return fs.readFileSync(file);
  } catch {
    return undefined;
  }
}

function listing(dir: string): string[] | undefined {
  try {
    return fs.readdirSync(dir).sort();
  } catch {
    return undefined;
  }
}

const isText = (x: unknown): x is string => typeof x === 'string';
const isCount = (x: unknown): x is number => typeof x === 'number' && Number.isSafeInteger(x) && x >= 0;

/** The entry, when it is well formed, of this build and run, and every file and directory is as it was. */
function validEntry(raw: unknown, key: string, columns: number, rows: number): Entry | undefined {
  if (!isMapping(raw)) return undefined;
  const e = raw;
  if (e['format'] !== FORMAT || e['build'] !== BUILD || e['key'] !== key || e['columns'] !== columns || e['rows'] !== rows || !isText(e['frame'])) return undefined;
  const files = e['files'];
  const dirs = e['dirs'];
  if (!Array.isArray(files) || !Array.isArray(dirs) || files.length === 0) return undefined;
  let total = 0;
  const fileList: unknown[] = files;
  for (const m of fileList) {
    if (!isMapping(m) || !isText(m['path']) || !isCount(m['bytes']) || !isText(m['sha256'])) return undefined;
    total += m.bytes;
    if (total > MAX_DATA_BYTES) return undefined;
    const data = readCapped(m.path, m.bytes);
    if (!data || data.length !== m.bytes || hashOf(data) !== m.sha256) return undefined;
  }
  const dirList: unknown[] = dirs;
  for (const m of dirList) {
    if (!isMapping(m) || !isText(m['path']) || !Array.isArray(m['names'])) return undefined;
    const names: unknown[] = m['names'];
    const now = listing(m['path']);
    if (!now || now.length !== names.length || now.some((n, i) => n !== names[i])) return undefined;
  }
  // Every field read above has the type Entry says.
  return raw as unknown as Entry;
}

/**
 * The run's key as it was at start-up. The app changes its own environment before it loads Ink
 * (it removes CI and CI_*), so the key is taken once, before that, and the first frame is
 * remembered under it.
 */
let startKey: string | undefined;

/** What was drawn, for the app to take over: the rows on screen (the bottom one may be the progress line). */
let drawn: { readonly rows: readonly string[]; readonly columns: number; readonly out: NodeJS.WriteStream; readonly stdin: NodeJS.ReadStream } | undefined;

/**
 * The rows the first screen left on the terminal, once (the app's frame writer starts from them);
 * undefined when there is none, or the terminal was resized meanwhile (the app draws it whole).
 */
export function takeOver(): string[] | undefined {
  const d = drawn;
  drawn = undefined;
  if (!d || d.out.columns !== d.columns || d.out.rows !== d.rows.length) return undefined;
  return [...d.rows];
}

/** Whether the first screen is on the terminal (the app has not taken it over). */
export const showing = (): boolean => drawn !== undefined;

/** Gives the terminal back (the main screen, the cursor, cooked mode) if the app never took it over. */
export function leave(): void {
  const d = drawn;
  drawn = undefined;
  startKey = undefined;
  if (!d) return;
  try {
    if (d.stdin.isTTY) d.stdin.setRawMode?.(false);
    d.out.write(SHOW_CURSOR + ALT_SCREEN_OFF);
  } catch {
    // the terminal has gone
  }
}

/**
 * Draws the first screen of the last run like this one, when there is one and nothing it showed
 * has changed; returns whether it did. Any failure is silent: the app starts as it would have.
 */
export function drawFirstScreen(run: Omit<Run, 'prefs'> & { readonly prefsFile: string }, stdin: NodeJS.ReadStream, out: NodeJS.WriteStream): boolean {
  try {
    const prefs = readCapped(run.prefsFile, 1024 * 1024)?.toString('utf8') ?? '';
    const key = runKey({ ...run, prefs });
    startKey = key;
    const text = readCapped(path.join(cacheDir(run.env), `${key}.json`), MAX_ENTRY_BYTES);
    if (!text) return false;
    const entry = validEntry(JSON.parse(text.toString('utf8')), key, run.columns, run.rows);
    if (!entry) return false;
    // Cleaned as every frame is: only SGR styling and newlines act on the terminal.
    const rows = terminalSafe(entry.frame, 'frame').split('\n').slice(0, run.rows);
    if (stdin.isTTY) stdin.setRawMode?.(true);
    out.write(ALT_SCREEN_ON + SYNC_ON + frameDiff(undefined, rows, run.rows) + SYNC_OFF);
    drawn = { rows: Array.from({ length: run.rows }, (_, i) => rows[i] ?? ''), columns: run.columns, out, stdin };
    process.once('exit', leave);
    return true;
  } catch {
    return false;
  }
}

/** Writes the progress line over the terminal's bottom row, on the first screen (until the app takes over). */
export function progressOnFirstScreen(line: string): boolean {
  const d = drawn;
  if (!d) return false;
  const bottom = d.rows.length;
  d.out.write(`${SYNC_ON}\x1b[${bottom};1H\x1b[2K\x1b[7m${terminalSafe(line, 'frame')}\x1b[m${SYNC_OFF}`);
  // That row no longer shows the frame's: the app redraws it.
  drawn = { ...d, rows: d.rows.map((r, i) => (i === bottom - 1 ? '\u0000' : r)) };
  return true;
}

export interface Loaded {
  /** The data files read (absolute paths) and the data directories listed. */
  readonly files: readonly string[];
  readonly dirs: readonly string[];
  /** When the load started (ms): a file changed since is not remembered. */
  readonly startedAt: number;
}

/**
 * Remembers the app's first frame for the next run like this one. Not when a file changed after
 * the load started (the frame might not show what the file holds now), nor when anything cannot be
 * read or the entry would be too large. Keeps the MAX_ENTRIES newest entries.
 */
export function rememberFirstScreen(run: Omit<Run, 'prefs'> & { readonly prefsFile: string }, loaded: Loaded, frame: string): void {
  try {
    const key = startKey ?? runKey({ ...run, prefs: readCapped(run.prefsFile, 1024 * 1024)?.toString('utf8') ?? '' });
    const files: FileMark[] = [];
    let total = 0;
    for (const file of loaded.files) {
      const st = fs.statSync(file);
      total += st.size;
      if (!st.isFile() || st.mtimeMs >= loaded.startedAt || total > MAX_DATA_BYTES) return;
      const data = fs.readFileSync(file);
      files.push({ path: file, bytes: data.length, sha256: hashOf(data) });
    }
    const dirs = [];
    for (const dir of loaded.dirs) {
      const names = listing(dir);
      if (!names) return;
      dirs.push({ path: dir, names });
    }
    const entry: Entry = { format: FORMAT, build: BUILD, key, columns: run.columns, rows: run.rows, files, dirs, frame };
    const text = JSON.stringify(entry);
    if (Buffer.byteLength(text) > MAX_ENTRY_BYTES) return;
    const dir = cacheDir(run.env);
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    const target = path.join(dir, `${key}.json`);
    const temp = path.join(dir, `.${key}.${process.pid}.tmp`);
    // A new file of ours (wx: never through a link or over another's file), then renamed over ours.
    fs.writeFileSync(temp, text, { flag: 'wx', mode: 0o600 });
    fs.renameSync(temp, target);
    prune(dir);
  } catch {
    // Not remembered: the next run starts as this one did.
  }
}

/** Keeps the newest MAX_ENTRIES entries of the cache directory (and no stray temporary files). */
function prune(dir: string): void {
  const entries = fs
    .readdirSync(dir)
    .filter((n) => /^\.?[0-9a-f]{64}(\.\d+\.tmp)?(\.json)?$/.test(n))
    .map((n) => ({ n, t: fs.statSync(path.join(dir, n)).mtimeMs }))
    .sort((a, b) => b.t - a.t);
  entries.forEach((e, i) => {
    if (i >= MAX_ENTRIES || (e.n.endsWith('.tmp') && Date.now() - e.t > 60_000)) fs.rmSync(path.join(dir, e.n), { force: true });
  });
}

// Writing a file the user names (`export --output`). The rules, decided on the path with its
// symlinks resolved (`ragtop import`'s one write into a data directory has its own, data-write.ts,
// and shares `writeWhole`):
// - never a file that was read as data (the catalogue, a period or agenda file, by any path or
//   hard link), nothing inside the data directory, and no `.yaml`/`.yml` file anywhere (it could
//   be read as data next time);
// - never a FIFO, socket, device or directory: it is refused without being opened (a FIFO with
//   no reader would block the write forever);
// - never an existing file unless `force` (--force); a replaced file keeps its mode;
// - always whole: the text goes to a temporary file in the same directory, renamed over the
//   target, so a failure leaves the old file (or nothing) and never half a file.
// A symlink is written through at its target (the link stays); a dangling one is judged by where
// it points.

import { closeSync, fchmodSync, fsyncSync, lstatSync, openSync, readlinkSync, realpathSync, renameSync, statSync, unlinkSync, writeSync, type Stats } from 'node:fs';
import path from 'node:path';
import { errorCode } from '../domain/guards.js';
import { showText } from '../domain/text.js';
import { isWithin, kindOf } from '../load/entries.js';
import { describeFsError } from '../load/read.js';

export interface WriteGuard {
  /** How the path is named in messages ('--output'). */
  readonly option: string;
  /** Replace an existing regular file (--force). */
  readonly force: boolean;
  /** The data directory: nothing is written in it or under it. */
  readonly dataDir?: string;
  /** Files read as data, never written (absolute paths). */
  readonly protectedFiles?: readonly string[];
  /** ragtop's own files (the preferences), never the target of this write (absolute paths). */
  readonly ownFiles?: readonly string[];
}

export type WriteResult = { readonly ok: true } | { readonly ok: false; readonly message: string };

/** How a write's errors read where the common words do not fit. */
const WRITE_WORDS: Readonly<Record<string, string>> = {
  ENOENT: 'no such directory',
  EISDIR: 'it is a directory, not a regular file',
  EEXIST: 'the file appeared while writing',
};

function fsWhy(e: unknown): string {
  const message = e instanceof Error ? (e.message.split('\n')[0] ?? e.message) : String(e);
  return describeFsError(e, showText(message, 200), WRITE_WORDS);
}

/** Where the text would land: the path with every symlink resolved (the target may not exist yet). */
type Resolved = { readonly file: string; readonly stat?: Stats } | { readonly error: string };

function resolveTarget(target: string): Resolved {
  let current = path.resolve(target);
  for (let hops = 0; hops < 40; hops++) {
    let dir: string;
    try {
      dir = realpathSync(path.dirname(current));
    } catch (e) {
      return { error: fsWhy(e) };
    }
    const file = path.join(dir, path.basename(current));
    let st: Stats;
    try {
      st = lstatSync(file);
    } catch (e) {
      if (errorCode(e) === 'ENOENT') return { file };
      return { error: fsWhy(e) };
    }
    if (!st.isSymbolicLink()) return { file, stat: st };
    current = path.resolve(dir, readlinkSync(file));
  }
  return { error: 'a symbolic link that loops' };
}

function sameFile(st: Stats, file: string): boolean {
  try {
    const other = statSync(file);
    return other.dev === st.dev && other.ino === st.ino;
  } catch {
    return false;
  }
}

const isYaml = (p: string) => /\.ya?ml$/i.test(p);

/**
 * Why `target` must not be written, as a sentence naming it (`shownAs`, escaped), or undefined.
 * Nothing is opened or created.
 */
export function writeProblem(target: string, shownAs: string, guard: WriteGuard): string | undefined {
  return check(target, shownAs, guard).problem;
}

function check(target: string, shownAs: string, guard: WriteGuard): { problem?: string; file?: string; stat?: Stats } {
  const named = `${guard.option} ${showText(shownAs, 200)}`;
  const resolved = resolveTarget(target);
  if ('error' in resolved) return { problem: `cannot write ${named}: ${resolved.error}` };
  const { file, stat } = resolved;
  if (stat && (guard.protectedFiles ?? []).some((p) => sameFile(stat, p))) {
    return { problem: `${named} is one of the data files read; ragtop never writes to a catalogue, period or agenda file` };
  }
  if (stat && (guard.ownFiles ?? []).some((p) => sameFile(stat, p))) {
    return { problem: `${named} is ragtop's own preferences file; ${guard.option} never replaces it` };
  }
  if (guard.dataDir !== undefined) {
    let data: string | undefined;
    try {
      data = realpathSync(guard.dataDir);
    } catch {
      data = undefined;
    }
    if (data !== undefined && isWithin(data, file)) return { problem: `${named} is inside the data directory, where ragtop never writes` };
  }
  if (isYaml(target) || isYaml(file)) return { problem: `${named} is a YAML file; ragtop never writes one (it could be read as data)` };
  if (stat) {
    const kind = kindOf(stat);
    if (kind !== undefined) return { problem: `cannot write ${named}: it is ${kind}, not a regular file` };
    if (!guard.force) return { problem: `${named} already exists; add --force to replace it` };
  }
  return { file, ...(stat ? { stat } : {}) };
}

/** Writes `data` (text as UTF-8, or bytes) to `target` under the guard's rules, whole (a temporary file and a rename). */
export function safeWriteFile(target: string, shownAs: string, data: string | Uint8Array, guard: WriteGuard): WriteResult {
  const checked = check(target, shownAs, guard);
  if (checked.problem !== undefined || checked.file === undefined) return { ok: false, message: checked.problem ?? `cannot write ${guard.option}` };
  const written = writeWhole(checked.file, data, checked.stat);
  return written.ok ? written : { ok: false, message: `cannot write ${guard.option} ${showText(shownAs, 200)}: ${written.message}` };
}

/**
 * Writes `data` to `file` whole: a new temporary file in the same directory (created exclusively,
 * never through a link or a FIFO planted under its name), synced, then renamed over `file`. A
 * replaced file (`stat`: its stat) keeps its mode exactly. The message says why it failed.
 */
export function writeWhole(file: string, data: string | Uint8Array, stat?: Stats): WriteResult {
  const temp = path.join(path.dirname(file), `.${path.basename(file).slice(0, 100)}.${process.pid}.${Date.now().toString(36)}.tmp`);
  let fd: number | undefined;
  try {
    // 'wx': a new file only (never through a link or a FIFO planted under the temporary name).
    fd = openSync(temp, 'wx', 0o666);
    // A replaced file keeps its mode exactly (not the umask's idea of it).
    if (stat) fchmodSync(fd, stat.mode & 0o7777);
    const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
    // writeSync may write less than asked: on until every byte is down (a write of nothing is a failure, not a loop).
    for (let done = 0; done < bytes.length; ) {
      const n = writeSync(fd, bytes, done, bytes.length - done);
      if (n <= 0) throw new Error('the file system took no more bytes');
      done += n;
    }
    fsyncSync(fd);
    closeSync(fd);
    fd = undefined;
    renameSync(temp, file);
    return { ok: true };
  } catch (e) {
    if (fd !== undefined) closeSync(fd);
    try {
      unlinkSync(temp);
    } catch {
      // never created, or already renamed
    }
    return { ok: false, message: showText(fsWhy(e), 200) };
  }
}

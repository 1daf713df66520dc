// Preferences: the last catalogue, the last period per catalogue, the theme and ASCII glyphs, in
// one small JSON file. RAGTOP_CONFIG_DIR points them elsewhere (tests never touch the real file).
// The file is read capped (1 MiB) and never blocking; every problem names it, escaped; a corrupt
// one is moved aside, never deleted; writes go through safe-write.ts and keep the file's mode.

import { existsSync, renameSync, statSync } from 'node:fs';
import path from 'node:path';
import { showText } from '../domain/text.js';
import { isThemeName, type ThemeName } from '../ui/theme/names.js';
import { describeFsError, readBounded } from '../load/read.js';
import { safeWriteFile } from './safe-write.js';
import { makeDirectory } from './make-dir.js';
import { prefsDir, prefsFile } from './prefs-path.js';

export { prefsDir, prefsFile };

export interface Prefs {
  readonly lastCatalogue?: string;
  readonly lastPeriod?: Readonly<Record<string, string>>;
  readonly theme?: ThemeName;
  readonly ascii?: boolean;
}

/** Only the fields that make sense; anything else in the file is ignored. */
export function cleanPrefs(raw: unknown): Prefs {
  if (raw === null || typeof raw !== 'object') return {};
  const r = new Map<string, unknown>(Object.entries(raw));
  const given = r.get('lastPeriod');
  const lastPeriod: Record<string, string> = {};
  if (given !== null && typeof given === 'object') {
    for (const [k, v] of Object.entries(given)) if (typeof v === 'string') lastPeriod[k] = v;
  }
  const lastCatalogue = r.get('lastCatalogue');
  const theme = r.get('theme');
  const ascii = r.get('ascii');
  return {
    ...(typeof lastCatalogue === 'string' ? { lastCatalogue } : {}),
    ...(Object.keys(lastPeriod).length ? { lastPeriod } : {}),
    ...(typeof theme === 'string' && isThemeName(theme) ? { theme } : {}),
    ...(typeof ascii === 'boolean' ? { ascii } : {}),
  };
}

/** The largest preferences file read (they are a few hundred bytes); a bigger one is ignored. */
export const MAX_PREFS_BYTES = 1024 * 1024;

/** What the preferences file holds, read without ever blocking or reading more than the limit. */
type Raw = { readonly kind: 'none' } | { readonly kind: 'ok'; readonly value: object } | { readonly kind: 'bad'; readonly problem: string; readonly corrupt: boolean };

function readRaw(file: string): Raw {
  const read = readBounded(file, MAX_PREFS_BYTES);
  if (!read.ok) {
    switch (read.why) {
      case 'missing':
        return { kind: 'none' };
      case 'not-regular':
        return { kind: 'bad', problem: `preferences file ${showText(file, 200)} is not a regular file; ignored (using defaults)`, corrupt: false };
      case 'too-big':
        return { kind: 'bad', problem: `preferences file ${showText(file, 200)} is over the 1 MiB limit; ignored (using defaults)`, corrupt: true };
      case 'unreadable':
        return { kind: 'bad', problem: `preferences file ${showText(file, 200)} could not be read; using defaults`, corrupt: false };
    }
  }
  let value: unknown;
  try {
    value = JSON.parse(read.bytes.toString('utf8'));
  } catch {
    // Never the parser's message: it quotes the file.
    return { kind: 'bad', problem: `preferences file ${showText(file, 200)} is not valid JSON; using defaults`, corrupt: true };
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return { kind: 'bad', problem: `preferences file ${showText(file, 200)} does not hold a JSON object; using defaults`, corrupt: true };
  }
  return { kind: 'ok', value };
}

/**
 * Reads the preferences (plain JSON, at most MAX_PREFS_BYTES, never blocking on a FIFO); a
 * missing file gives none, a bad one gives none and a problem (escaped, naming the file).
 */
export function readPrefs(env: NodeJS.ProcessEnv): { prefs: Prefs; problem?: string; corrupt?: boolean } {
  const raw = readRaw(prefsFile(env));
  if (raw.kind === 'none') return { prefs: {} };
  if (raw.kind === 'ok') return { prefs: cleanPrefs(raw.value) };
  return { prefs: {}, problem: raw.problem, ...(raw.corrupt ? { corrupt: true } : {}) };
}

const warned = new Set<string>();

/** True the first time this process meets a problem (a warning is given once, not per read). */
export function firstTime(problem: string): boolean {
  if (warned.has(problem)) return false;
  warned.add(problem);
  return true;
}

/** Moves a corrupt preferences file aside (kept, never deleted); the notice says where. */
function moveAside(file: string, now: Date): string | undefined {
  const stamp = now.toISOString().replace(/[:.]/g, '-');
  // Never over an earlier one moved aside in the same millisecond.
  for (let k = 0; k < 100; k++) {
    const aside = path.join(path.dirname(file), `config.corrupt-${stamp}${k === 0 ? '' : `-${k}`}.json`);
    if (existsSync(aside)) continue;
    try {
      renameSync(file, aside);
      return `preferences file ${showText(file, 200)} was not valid; moved to ${showText(aside, 200)}; using defaults`;
    } catch {
      return undefined;
    }
  }
  return undefined;
}

/**
 * The preferences for the app: a file that is not valid (not JSON, not an object, over the size
 * limit) is moved aside (kept, never deleted) and the defaults used, with one notice saying where
 * it went.
 */
export function recoverPrefs(env: NodeJS.ProcessEnv, now = new Date()): { prefs: Prefs; notice?: string } {
  const { prefs, problem, corrupt } = readPrefs(env);
  if (!problem) return { prefs };
  if (!corrupt) return { prefs: {}, notice: problem };
  return { prefs: {}, notice: moveAside(prefsFile(env), now) ?? problem };
}

export interface PrefsStore {
  readonly path: string;
  /**
   * Saves the given fields (others in the file are kept). Returns a notice when a corrupt file was
   * moved aside first; throws a PrefsError (a sentence naming the file) when it cannot be saved.
   */
  set(p: Partial<Prefs>): string | undefined;
  /** Clears the preferences; as set(). */
  reset(): string | undefined;
}

/** Preferences that cannot be saved: the message names the file and says why. */
export class PrefsError extends Error {}

/**
 * Writes the preferences whole (safe-write.ts: a temporary file and a rename; a symlink is written
 * through, never replaced; a FIFO or device is refused). The file keeps its mode; a read-only one
 * (no write permission for anyone) is never written: that is how a user freezes the preferences.
 */
function writePrefs(file: string, value: Record<string, unknown>, now: Date): string | undefined {
  const dir = path.dirname(file);
  try {
    makeDirectory(dir);
  } catch (e) {
    throw new PrefsError(`cannot create the directory ${showText(dir, 200)}: ${describeWriteError(e)}`);
  }
  let notice: string | undefined;
  const raw = readRaw(file);
  if (raw.kind === 'bad' && raw.corrupt) notice = moveAside(file, now);
  try {
    const st = statSync(file);
    if (st.isFile() && (st.mode & 0o222) === 0) {
      throw new PrefsError(`the preferences file ${showText(file, 200)} is read-only (mode ${(st.mode & 0o777).toString(8).padStart(4, '0')}); make it writable to change it`);
    }
  } catch (e) {
    if (e instanceof PrefsError) throw e;
  }
  const written = safeWriteFile(file, file, `${JSON.stringify(value, null, '\t')}\n`, { option: 'preferences file', force: true });
  if (!written.ok) throw new PrefsError(written.message);
  return notice;
}

function describeWriteError(e: unknown): string {
  // mkdir's EEXIST: a part of the path is a file.
  return describeFsError(e, showText(e instanceof Error ? e.message : String(e), 200), { EEXIST: 'a part of the path is not a directory', ENOENT: 'no such file or directory' });
}

/** Opens the preferences for writing (the file itself is only touched by set and reset). */
export function openPrefs(env: NodeJS.ProcessEnv, now = new Date()): PrefsStore {
  const file = prefsFile(env);
  return {
    path: file,
    set: (p) => {
      const raw = readRaw(file);
      const value: Record<string, unknown> = raw.kind === 'ok' ? { ...raw.value } : {};
      for (const [k, v] of Object.entries(p)) if (v !== undefined) value[k] = v;
      return writePrefs(file, value, now);
    },
    reset: () => writePrefs(file, {}, now),
  };
}

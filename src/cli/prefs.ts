// Preferences, kept with conf: the last catalogue, the last period per catalogue, the theme and
// ASCII glyphs. RAGTOP_CONFIG_DIR points them elsewhere (tests never touch the real file).
// The check and help paths only read the JSON file; conf itself is loaded when writing.

import { readFileSync, renameSync } from 'node:fs';
import path from 'node:path';
import type { ThemeName } from '../ui/theme/theme.js';

export interface Prefs {
  readonly lastCatalogue?: string;
  readonly lastPeriod?: Readonly<Record<string, string>>;
  readonly theme?: ThemeName;
  readonly ascii?: boolean;
}

const THEMES: readonly string[] = ['default', 'high-contrast', 'colour-blind-safe', 'mono'];

/** Where conf keeps the file: $RAGTOP_CONFIG_DIR, else the platform's config directory. */
export function prefsDir(env: NodeJS.ProcessEnv): string {
  if (env['RAGTOP_CONFIG_DIR']) return path.resolve(env['RAGTOP_CONFIG_DIR']);
  const home = env['HOME'] ?? env['USERPROFILE'] ?? '.';
  if (process.platform === 'darwin') return path.join(home, 'Library', 'Preferences', 'ragtop-nodejs');
  if (process.platform === 'win32') return path.join(env['APPDATA'] ?? path.join(home, 'AppData', 'Roaming'), 'ragtop-nodejs', 'Config');
  return path.join(env['XDG_CONFIG_HOME'] ?? path.join(home, '.config'), 'ragtop-nodejs');
}

export function prefsFile(env: NodeJS.ProcessEnv): string {
  return path.join(prefsDir(env), 'config.json');
}

/** Only the fields that make sense; anything else in the file is ignored. */
export function cleanPrefs(raw: unknown): Prefs {
  if (raw === null || typeof raw !== 'object') return {};
  const r = raw as Record<string, unknown>;
  const lastPeriod: Record<string, string> = {};
  if (r['lastPeriod'] && typeof r['lastPeriod'] === 'object') {
    for (const [k, v] of Object.entries(r['lastPeriod'] as Record<string, unknown>)) if (typeof v === 'string') lastPeriod[k] = v;
  }
  return {
    ...(typeof r['lastCatalogue'] === 'string' ? { lastCatalogue: r['lastCatalogue'] } : {}),
    ...(Object.keys(lastPeriod).length ? { lastPeriod } : {}),
    ...(typeof r['theme'] === 'string' && THEMES.includes(r['theme']) ? { theme: r['theme'] as ThemeName } : {}),
    ...(typeof r['ascii'] === 'boolean' ? { ascii: r['ascii'] } : {}),
  };
}

/** Reads the preferences without loading conf; a missing or unreadable file gives none. */
export function readPrefs(env: NodeJS.ProcessEnv): { prefs: Prefs; problem?: string; corrupt?: boolean } {
  try {
    return { prefs: cleanPrefs(JSON.parse(readFileSync(prefsFile(env), 'utf8'))) };
  } catch (e) {
    const code = (e as { code?: string }).code;
    if (code === 'ENOENT') return { prefs: {} };
    return { prefs: {}, problem: `preferences file ${prefsFile(env)} could not be read; using defaults`, ...(e instanceof SyntaxError ? { corrupt: true } : {}) };
  }
}

/**
 * The preferences for the app: a file that is not valid JSON is moved aside (kept, never deleted)
 * and the defaults used, with one notice saying where it went.
 */
export function recoverPrefs(env: NodeJS.ProcessEnv, now = new Date()): { prefs: Prefs; notice?: string } {
  const { prefs, problem, corrupt } = readPrefs(env);
  if (!problem) return { prefs };
  if (!corrupt) return { prefs: {}, notice: problem };
  const file = prefsFile(env);
  const stamp = now.toISOString().replace(/[:.]/g, '-');
  const aside = path.join(path.dirname(file), `config.corrupt-${stamp}.json`);
  try {
    renameSync(file, aside);
    return { prefs: {}, notice: `preferences file was not valid; moved to ${aside}; using defaults` };
  } catch {
    return { prefs: {}, notice: problem };
  }
}

export interface PrefsStore {
  readonly path: string;
  get(): Prefs;
  set(p: Partial<Prefs>): void;
  reset(): void;
}

/** Opens the preferences with conf, for writing. Failure (an unwritable directory) gives none. */
export async function openPrefs(env: NodeJS.ProcessEnv): Promise<PrefsStore | { problem: string }> {
  try {
    const { default: Conf } = await import('conf');
    const conf = new Conf<Record<string, unknown>>({ projectName: 'ragtop', cwd: prefsDir(env), configName: 'config' });
    return {
      path: conf.path,
      get: () => cleanPrefs(conf.store),
      set: (p) => {
        for (const [k, v] of Object.entries(p)) if (v !== undefined) conf.set(k, v);
      },
      reset: () => conf.clear(),
    };
  } catch (e) {
    return { problem: `preferences are not saved: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}` };
  }
}

// What the commands share: the terminal and streams they run with (Io), where the data comes from
// (the catalogue argument, the last one used, the bundled default) and how it is loaded, the
// user's colour and symbol choices, and the one-line internal error.

import { existsSync } from 'node:fs';
import path from 'node:path';
import { ASCII_GLYPHS, UNICODE_GLYPHS, type Glyphs } from '../viewmodel/glyphs.js';
import { fileURLToPath } from 'node:url';
import { showText } from '../domain/text.js';
import type { Agenda } from '../domain/types.js';
import { loadDataset, type LoadOptions, type LoadResult } from '../load/load.js';
import { DEFAULT_LIMITS } from '../load/limits.js';
import type { Args } from './args.js';
import { firstTime, readPrefs } from './prefs.js';

export const packageRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const BUNDLED_CATALOGUE = path.join(packageRoot, 'catalogue', 'lcc-2019-20.yaml');

export interface Io {
  readonly out: (s: string) => void;
  readonly err: (s: string) => void;
  readonly env: NodeJS.ProcessEnv;
  readonly cwd: string;
  /** The terminal, when both ends are one: then the interactive app runs. */
  readonly tty?: { readonly stdin: NodeJS.ReadStream; readonly stdout: NodeJS.WriteStream };
}

/**
 * CATALOGUE, else the last one used (when it still exists), else the bundled default. A problem
 * with the preferences file is said once on `err` (when given), and the file ignored.
 */
export function catalogueOf(args: Pick<Args, 'catalogue'>, io: Pick<Io, 'env'> & Partial<Pick<Io, 'err'>>): string {
  if (args.catalogue !== undefined) return args.catalogue;
  const read = readPrefs(io.env);
  if (read.problem !== undefined && io.err && firstTime(read.problem)) io.err(`ragtop: ${read.problem}\n`);
  const last = read.prefs.lastCatalogue;
  return last !== undefined && existsSync(last) ? last : BUNDLED_CATALOGUE;
}

export function loadOptions(args: Args, io: Io): LoadOptions {
  return {
    ...(args.data !== undefined ? { dataDir: args.data } : {}),
    ...(args.agenda !== undefined ? { agendaFiles: [args.agenda] } : {}),
    // --max-file-size sets both limits: a file's, and the careful YAML reader's (lower by default).
    limits: { ...DEFAULT_LIMITS, ...(args.maxFileSize !== undefined ? { maxBytes: args.maxFileSize, maxCarefulBytes: args.maxFileSize } : {}) },
    cwd: io.cwd,
  };
}

export function load(args: Args, io: Io): LoadResult {
  return loadDataset(catalogueOf(args, io), loadOptions(args, io));
}

/** The locale's character set is not UTF-8 (LC_ALL, else LC_CTYPE, else LANG; C and POSIX are not). */
export function asciiLocale(env: NodeJS.ProcessEnv): boolean {
  const locale = env['LC_ALL'] || env['LC_CTYPE'] || env['LANG'] || '';
  return locale !== '' && !/utf-?8/i.test(locale);
}

/**
 * The glyph set, chosen once for the whole run (every command, the app, the speaker notes):
 * ASCII with --ascii, the `ascii` preference, or a locale that is not UTF-8; else Unicode.
 */
export function glyphsFor(args: Pick<Args, 'ascii'>, env: NodeJS.ProcessEnv, preferAscii = false): Glyphs {
  return args.ascii || preferAscii || asciiLocale(env) ? ASCII_GLYPHS : UNICODE_GLYPHS;
}

export function wantsColour(args: Pick<Args, 'noColor'>, env: NodeJS.ProcessEnv): boolean {
  if (args.noColor) return false;
  if (env['NO_COLOR'] !== undefined && env['NO_COLOR'] !== '') return false;
  if (env['FORCE_COLOR'] === '0' || env['FORCE_COLOR'] === 'false') return false;
  if (env['TERM'] === 'dumb') return env['FORCE_COLOR'] !== undefined && env['FORCE_COLOR'] !== '0';
  return true;
}

/** The agenda named with --agenda, among those loaded. */
export function agendaNamed(args: Args, io: Io, agendas: readonly Agenda[]): Agenda | undefined {
  if (args.agenda === undefined) return undefined;
  const wanted = path.resolve(io.cwd, args.agenda);
  return agendas.find((a) => path.resolve(io.cwd, a.file) === wanted);
}

export function internalError(io: Io, e: unknown): number {
  const msg = e instanceof Error ? e.message : String(e);
  io.err(`ragtop: internal error: ${showText(msg, 300)}${process.env['RAGTOP_DEBUG'] ? '' : ' (set RAGTOP_DEBUG=1 for the trace)'}\n`);
  if (process.env['RAGTOP_DEBUG'] && e instanceof Error && e.stack) io.err(`${e.stack}\n`);
  return 1;
}

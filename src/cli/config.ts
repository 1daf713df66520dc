// `ragtop config`: show, reset or change the saved preferences; every value printed escaped.

import { showText } from '../domain/text.js';
import { isThemeName, THEME_NAMES } from '../ui/theme/names.js';
import type { Args } from './args.js';
import type { Io } from './context.js';
import type { Prefs } from './prefs.js';

export async function config(args: Args, io: Io): Promise<number> {
  const { openPrefs, recoverPrefs, PrefsError } = await import('./prefs.js');
  const store = openPrefs(io.env);
  const [sub, key, value, ...extra] = args.rest;
  const usage = () => {
    io.err(`ragtop: config takes: (nothing), reset, set theme ${THEME_NAMES.join('|')}, or set ascii on|off\n`);
    return 2;
  };
  /** Saves; a corrupt file moved aside first is said on stderr; a file that cannot be saved is exit 2. */
  const save = (write: () => string | undefined): boolean => {
    try {
      const notice = write();
      if (notice !== undefined) io.err(`ragtop: ${notice}\n`);
      return true;
    } catch (e) {
      if (!(e instanceof PrefsError)) throw e;
      io.err(`ragtop: preferences are not saved: ${e.message}\n`);
      return false;
    }
  };
  if (sub === 'reset' && key === undefined) {
    if (!save(() => store.reset())) return 2;
    io.out(`preferences reset (${showText(store.path, 200)})\n`);
    return 0;
  }
  if (sub === 'set' && extra.length === 0) {
    let change: Partial<Prefs>;
    if (key === 'theme' && value !== undefined && isThemeName(value)) change = { theme: value };
    else if (key === 'ascii' && (value === 'on' || value === 'off')) change = { ascii: value === 'on' };
    else return usage();
    if (!save(() => store.set(change))) return 2;
    io.out(`${key} = ${value}\n`);
    return 0;
  }
  if (sub !== undefined) return usage();
  // A corrupt file is named and moved aside, as the app does.
  const { prefs: p, notice } = recoverPrefs(io.env);
  if (notice !== undefined) io.err(`ragtop: ${notice}\n`);
  const show = (s: string) => showText(s, 200);
  const periods = Object.entries(p.lastPeriod ?? {}).map(([k, v]) => `${show(k)}: ${show(v)}`);
  io.out(
    [
      `file: ${show(store.path)}`,
      `theme: ${p.theme ?? 'default'}`,
      `ascii: ${p.ascii ? 'on' : 'off'}`,
      `last catalogue: ${p.lastCatalogue !== undefined ? show(p.lastCatalogue) : '(none: the bundled default)'}`,
      `last period: ${periods.length ? periods.join(', ') : '(none)'}`,
    ].join('\n') + '\n',
  );
  return 0;
}

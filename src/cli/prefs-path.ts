// Where the preferences file is, on its own: the first screen (first-screen.ts) reads the file
// before the rest of ragtop is loaded (env-paths, which this uses, is as small).

import os from 'node:os';
import path from 'node:path';
import envPaths from 'env-paths';

/**
 * $RAGTOP_CONFIG_DIR, else the platform's config directory as conf named it (env-paths with its
 * 'nodejs' suffix: `~/.config/ragtop-nodejs` on Linux).
 *
 * Only RAGTOP_CONFIG_DIR is read from `env`: env-paths reads this process's own environment
 * (HOME, XDG_CONFIG_HOME, APPDATA), so the platform directory is always the process's. (In
 * ragtop `env` is the process's environment; tests point the preferences elsewhere with
 * RAGTOP_CONFIG_DIR.)
 */
export function prefsDir(env: NodeJS.ProcessEnv): string {
  if (env['RAGTOP_CONFIG_DIR']) return path.resolve(env['RAGTOP_CONFIG_DIR']);
  const { config } = envPaths('ragtop');
  // env-paths ignores an empty XDG_CONFIG_HOME but takes a relative one as it is. The XDG spec
  // says to ignore that too (else the file would be written relative to wherever ragtop runs):
  // then the spec's default, ~/.config. (Elsewhere the directory is env-paths' as it is.)
  if (path.isAbsolute(config) || process.platform === 'win32' || process.platform === 'darwin') return config;
  return path.join(os.homedir(), '.config', path.basename(config));
}

export function prefsFile(env: NodeJS.ProcessEnv): string {
  return path.join(prefsDir(env), 'config.json');
}

// Where the preferences file is, on its own: the first screen (first-screen.ts) reads the file
// before the rest of ragtop is loaded.

import path from 'node:path';

/** Where conf keeps the file: $RAGTOP_CONFIG_DIR, else the platform's config directory. */
export function prefsDir(env: NodeJS.ProcessEnv): string {
  if (env['RAGTOP_CONFIG_DIR']) return path.resolve(env['RAGTOP_CONFIG_DIR']);
  const home = env['HOME'] ?? env['USERPROFILE'] ?? '.';
  if (process.platform === 'darwin') return path.join(home, 'Library', 'Preferences', 'ragtop-nodejs');
  if (process.platform === 'win32') return path.join(env['APPDATA'] ?? path.join(home, 'AppData', 'Roaming'), 'ragtop-nodejs', 'Config');
  // An empty or relative XDG_CONFIG_HOME is ignored, as the XDG spec says (else the file would be
  // written relative to wherever ragtop runs).
  const xdg = env['XDG_CONFIG_HOME'];
  return path.join(xdg && path.isAbsolute(xdg) ? xdg : path.join(home, '.config'), 'ragtop-nodejs');
}

export function prefsFile(env: NodeJS.ProcessEnv): string {
  return path.join(prefsDir(env), 'config.json');
}

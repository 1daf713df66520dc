// Live reload: watch the catalogue's directory and the data directory, and call back (debounced)
// when a YAML file there changes. Directories are watched, not files, because editors save by
// writing a new file and renaming it over the old one. Nothing is ever written.
import { watch, type FSWatcher } from 'node:fs';
import path from 'node:path';

export function watchData(paths: readonly string[], onChange: () => void, delayMs = 150): () => void {
  const dirs = [...new Set(paths.map((p) => path.resolve(p)))];
  const watchers: FSWatcher[] = [];
  let timer: NodeJS.Timeout | undefined;
  const fire = (name: string | null) => {
    if (name !== null && !/\.ya?ml$/i.test(name)) return;
    if (timer) clearTimeout(timer);
    timer = setTimeout(onChange, delayMs);
  };
  for (const dir of dirs) {
    try {
      const w = watch(dir, { persistent: false }, (_event, name) => fire(name === null ? null : String(name)));
      w.on('error', () => undefined);
      watchers.push(w);
    } catch {
      // A directory that cannot be watched just does not reload live.
    }
  }
  return () => {
    if (timer) clearTimeout(timer);
    for (const w of watchers) w.close();
  };
}

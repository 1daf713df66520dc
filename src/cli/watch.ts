// Live reload: watch the catalogue's directory and the data directory, and call back (debounced)
// when a YAML file there changes. Directories are watched, not files, because editors save by
// writing a new file and renaming it over the old one. Nothing is ever written.
//
// A watcher follows the directory it was opened on, not its path: after `mv data data.old && cp -r
// data.old data` (as `git checkout` or an untar does) it would report the old copy's changes and
// never the new one's. So each watched directory's identity (device and inode) is kept, and
// checked again when its parent reports an entry of that name, when the watcher reports the
// directory itself renamed or gone, and every couple of seconds as a fallback: a directory that
// is now another one (or has gone, or come back) gets a new watcher, and that counts as a change.
import { statSync, watch, type FSWatcher } from 'node:fs';
import path from 'node:path';

export interface WatchOptions {
  /** How often the directories' identities are checked anyway (ms); 0: never. */
  readonly pollMs?: number;
  /** Watch the parent directories too (default yes). */
  readonly parents?: boolean;
}

/** Device and inode of a directory; '' when it is missing or not a directory. */
function identity(dir: string): string {
  try {
    const s = statSync(dir);
    return s.isDirectory() ? `${s.dev}:${s.ino}` : '';
  } catch {
    return '';
  }
}

export function watchData(paths: readonly string[], onChange: () => void, delayMs = 150, o: WatchOptions = {}): () => void {
  const dirs = new Set(paths.map((p) => path.resolve(p)));
  // Parent directory → names of watched directories in it.
  const children = new Map<string, Set<string>>();
  if (o.parents !== false) {
    for (const d of dirs) {
      const parent = path.dirname(d);
      if (parent === d) continue;
      const names = children.get(parent) ?? new Set<string>();
      names.add(path.basename(d));
      children.set(parent, names);
    }
  }
  const watched = new Map<string, { watcher?: FSWatcher; id: string }>();
  for (const p of [...dirs, ...children.keys()]) watched.set(p, { id: '' });
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  const fire = (name: string | null) => {
    if (stopped || (name !== null && !/\.ya?ml$/i.test(name))) return;
    if (timer) clearTimeout(timer);
    timer = setTimeout(onChange, delayMs);
  };
  const attach = (dir: string) => {
    const entry = watched.get(dir);
    if (!entry) return;
    entry.watcher?.close();
    delete entry.watcher;
    entry.id = identity(dir);
    if (entry.id === '') return;
    try {
      const w = watch(dir, { persistent: false }, (event, raw) => {
        const name = raw === null ? null : String(raw);
        if (dirs.has(dir)) fire(name);
        // The directory itself renamed or deleted (the name is then its own), or an entry of the
        // parent that is a watched directory: look again at what each path now is.
        if (name === null || (event === 'rename' && name === path.basename(dir)) || children.get(dir)?.has(name)) recheck();
      });
      w.on('error', () => recheck());
      entry.watcher = w;
    } catch {
      // A directory that cannot be watched just does not reload live.
    }
  };
  const recheck = () => {
    if (stopped) return;
    let changed = false;
    for (const [dir, entry] of watched) {
      if (identity(dir) === entry.id) continue;
      attach(dir);
      if (dirs.has(dir)) changed = true;
    }
    if (changed) fire(null);
  };
  for (const dir of watched.keys()) attach(dir);
  const pollMs = o.pollMs ?? 2000;
  const poll = pollMs > 0 ? setInterval(recheck, pollMs) : undefined;
  poll?.unref();
  return () => {
    stopped = true;
    if (timer) clearTimeout(timer);
    if (poll) clearInterval(poll);
    for (const entry of watched.values()) entry.watcher?.close();
  };
}

// The entries of a data directory: the period and agenda files to read, and the entries named
// like them that are refused, each a READ_ERROR of its own (a symbolic link leading outside the
// directory, a broken or looping link, a pipe, socket, device or directory).

import { lstatSync, readdirSync, realpathSync, statSync, type Stats } from 'node:fs';
import path from 'node:path';
import { errorCode } from '../domain/guards.js';
import { describeFsError } from './read.js';

/** True when `child` is `dir` or anything under it (both absolute, symlinks already resolved). */
export function isWithin(dir: string, child: string): boolean {
  const rel = path.relative(dir, child);
  return rel === '' || (rel !== '..' && !rel.startsWith(`..${path.sep}`) && !path.isAbsolute(rel));
}

/** A file the data directory lists that is not read, and why (a READ_ERROR naming it). */
export interface Refused {
  readonly file: string;
  readonly why: string;
}

/** What kind of thing a non-regular file is, in words (undefined for a regular file). */
export function kindOf(st: Stats): string | undefined {
  if (st.isFile()) return undefined;
  if (st.isDirectory()) return 'a directory';
  if (st.isFIFO()) return 'a named pipe (FIFO)';
  if (st.isSocket()) return 'a socket';
  if (st.isCharacterDevice() || st.isBlockDevice()) return 'a device';
  return 'a special file';
}

/**
 * Why an entry of the data directory must not be read, or undefined when it is a regular file
 * inside it. A symlink is followed only when it resolves inside the directory's real path: the
 * directory's content comes from other people, and a link to ~/secret.txt or /etc/shadow would
 * otherwise be read and quoted in findings. A FIFO, socket or device would block or never end.
 */
function refusal(file: string, realDir: string): string | undefined {
  let st: Stats;
  try {
    st = lstatSync(file);
    if (st.isSymbolicLink()) {
      let real: string;
      try {
        real = realpathSync(file);
      } catch (e) {
        const code = errorCode(e);
        if (code === 'ENOENT') return 'a broken symbolic link (what it points to does not exist): not read';
        if (code === 'ELOOP') return 'a symbolic link that loops: not read';
        return `a symbolic link that cannot be followed (${describeFsError(e, 'unreadable')}): not read`;
      }
      if (real === realDir) return 'a symbolic link to the data directory itself: not read';
      if (!isWithin(realDir, real)) return 'a symbolic link to a file outside the data directory: not read';
      st = statSync(real);
    }
  } catch (e) {
    return `${describeFsError(e, 'cannot be read')}: not read`;
  }
  const kind = kindOf(st);
  return kind === undefined ? undefined : `${kind}, not a regular file: not read`;
}

/**
 * Lists the YAML files of a data directory: period files and agenda files (never the catalogue
 * itself), and the entries named like them that are refused (each its own READ_ERROR).
 */
export function listData(dir: string, catalogueFile: string): { periods: string[]; agendas: string[]; refused: Refused[] } {
  const realDir = realpathSync(dir);
  const names = readdirSync(dir).filter((n) => /\.ya?ml$/i.test(n) && !n.startsWith('.')).sort();
  const files: string[] = [];
  const refused: Refused[] = [];
  for (const f of names.map((n) => path.join(dir, n))) {
    if (f === catalogueFile) continue;
    const why = refusal(f, realDir);
    if (why === undefined) files.push(f);
    else refused.push({ file: f, why });
  }
  return {
    periods: files.filter((f) => !/^agenda-/i.test(path.basename(f))),
    agendas: files.filter((f) => /^agenda-/i.test(path.basename(f))),
    refused,
  };
}

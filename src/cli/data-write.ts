// The one write into a data directory (`ragtop import`): everything else ragtop writes is refused
// there (safe-write.ts). The rules:
// - the data directory is a real directory, not a symbolic link (a link could lead anywhere: the
//   loader follows no link out of the directory either, see src/load/entries.ts);
// - the period file is a regular file or does not exist yet: a symbolic link, a FIFO, a socket or a
//   device is refused without being opened;
// - an existing file is replaced only when asked (--force), and is kept beside it first under a
//   name that is never read as data (`2024-25-Q2.yaml.bak`, else `.bak.1`, `.bak.2`…; never over
//   an existing backup);
// - the text is written whole (a temporary file renamed over the target: safe-write.ts).
// `check` looks at everything and touches nothing (the data directory is made only by `write`).

import { copyFileSync, constants, linkSync, lstatSync, realpathSync, type Stats } from 'node:fs';
import path from 'node:path';
import { errorCode } from '../domain/guards.js';
import { showText } from '../domain/text.js';
import { kindOf } from '../load/entries.js';
import { describeFsError } from '../load/read.js';
import { makeDirectory } from './make-dir.js';
import { writeWhole } from './safe-write.js';

export interface PeriodWrite {
  readonly dataDir: string;
  /** The file's name in the data directory (no directory part). */
  readonly name: string;
  /** Replace the file where it exists (--force). */
  readonly replace: boolean;
}

export type PeriodWriteCheck = { readonly ok: true; readonly exists: boolean } | { readonly ok: false; readonly message: string };

function lstatOrMissing(p: string): Stats | undefined {
  try {
    return lstatSync(p);
  } catch (e) {
    if (errorCode(e) === 'ENOENT') return undefined;
    throw e;
  }
}

/** Whether the period file may be written, without writing (or making) anything. */
export function checkPeriodWrite(w: PeriodWrite, shownDir: string): PeriodWriteCheck {
  const dir = showText(shownDir, 200);
  if (path.basename(w.name) !== w.name || !/\.yaml$/.test(w.name)) return { ok: false, message: `'${showText(w.name)}' is not a period file's name` };
  try {
    const st = lstatOrMissing(w.dataDir);
    if (st === undefined) return { ok: true, exists: false };
    if (st.isSymbolicLink()) return { ok: false, message: `the data directory ${dir} is a symbolic link; import writes only into a real directory (give its real path with --data)` };
    if (!st.isDirectory()) return { ok: false, message: `the data directory ${dir} is not a directory` };
    const target = path.join(realpathSync(w.dataDir), w.name);
    const file = lstatOrMissing(target);
    if (file === undefined) return { ok: true, exists: false };
    const named = `${dir}${path.sep}${showText(w.name)}`;
    if (file.isSymbolicLink()) return { ok: false, message: `${named} is a symbolic link; import never writes through one` };
    const kind = kindOf(file);
    if (kind !== undefined) return { ok: false, message: `${named} is ${kind}, not a regular file` };
    if (!w.replace) return { ok: false, message: `${named} already exists; add --force to replace its observations (the old file is kept beside it)` };
    return { ok: true, exists: true };
  } catch (e) {
    return { ok: false, message: `the data directory ${dir}: ${describeFsError(e, 'cannot be read')}` };
  }
}

/** The first backup name that is free: `NAME.bak`, then `NAME.bak.1`, `NAME.bak.2`… */
function keepBackup(file: string): string {
  for (let i = 0; i < 1000; i++) {
    const backup = `${file}.bak${i === 0 ? '' : `.${i}`}`;
    try {
      // A hard link: atomic, and it fails when the name is taken (never overwrites a backup).
      linkSync(file, backup);
      return backup;
    } catch (e) {
      const code = errorCode(e);
      if (code === 'EEXIST') continue;
      if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EXDEV' && code !== 'EMLINK') throw e;
      // A file system without hard links: a copy, that also fails when the name is taken.
      try {
        copyFileSync(file, backup, constants.COPYFILE_EXCL);
        return backup;
      } catch (e2) {
        if (errorCode(e2) === 'EEXIST') continue;
        throw e2;
      }
    }
  }
  throw Object.assign(new Error('too many backups'), { code: 'EEXIST' });
}

export type PeriodWriteResult = { readonly ok: true; readonly file: string; readonly backup?: string } | { readonly ok: false; readonly message: string };

/** Writes the period file under the rules above (checked again here, just before writing). */
export function writePeriodFile(w: PeriodWrite, text: string, shownDir: string): PeriodWriteResult {
  const checked = checkPeriodWrite(w, shownDir);
  if (!checked.ok) return checked;
  try {
    makeDirectory(w.dataDir);
  } catch (e) {
    return { ok: false, message: `cannot make the data directory ${showText(shownDir, 200)}: ${describeFsError(e, 'failed')}` };
  }
  const again = checkPeriodWrite(w, shownDir);
  if (!again.ok) return again;
  const file = path.join(realpathSync(w.dataDir), w.name);
  let backup: string | undefined;
  let stat: Stats | undefined;
  if (again.exists) {
    try {
      stat = lstatSync(file);
      backup = keepBackup(file);
    } catch (e) {
      return { ok: false, message: `cannot keep a copy of the old ${showText(w.name)}: ${describeFsError(e, 'failed')}; nothing written` };
    }
  }
  const written = writeWhole(file, text, stat);
  if (!written.ok) return { ok: false, message: `cannot write ${showText(w.name)}: ${written.message}` };
  return { ok: true, file, ...(backup !== undefined ? { backup } : {}) };
}

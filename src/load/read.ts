// Reading one file safely as text: a regular file under the size limit, strict UTF-8 (the first
// bad byte's line and column; UTF-16 and UTF-32 named as such), no NUL byte, a BOM dropped; a
// problem is one Finding. Nothing here throws on bad input.

import { errorCode } from '../domain/guards.js';
import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';
import type { Finding, FindingCode, Loc } from '../domain/types.js';
import { DEFAULT_LIMITS, finding, type Limits } from './limits.js';

/** The first offset at which `bytes` is not valid UTF-8, or -1. */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  const n = bytes.length;
  while (i < n) {
    const b = bytes[i] ?? 0;
    if (b < 0x80) {
      i += 1;
      continue;
    }
    let need: number;
    let min: number;
    if (b >= 0xc2 && b <= 0xdf) {
      need = 1;
      min = 0x80;
    } else if (b >= 0xe0 && b <= 0xef) {
      need = 2;
      min = 0x800;
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3;
      min = 0x10000;
    } else return i;
    if (i + need >= n) return i;
    let cp = b & (0x3f >> need);
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (c & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i;
    i += need + 1;
  }
  return -1;
}

/** Line and column (1-based, in characters) of a byte offset; LF, CRLF and a lone CR end a line. */
export function lineColOfByte(bytes: Uint8Array, offset: number): { line: number; col: number } {
  let line = 1;
  let start = 0;
  for (let i = 0; i < offset; i++) {
    if (bytes[i] === 0x0a || (bytes[i] === 0x0d && bytes[i + 1] !== 0x0a)) {
      line += 1;
      start = i + 1;
    }
  }
  const col = new TextDecoder('utf-8').decode(bytes.subarray(start, offset)).length + 1;
  return { line, col };
}

/**
 * 'UTF-16' or 'UTF-32' when the bytes are text in that encoding: by its byte order mark, or by
 * the NUL bytes that text mostly in ASCII has there (every second byte, or three in four).
 */
export function unicodeEncoding(bytes: Uint8Array): 'UTF-16' | 'UTF-32' | undefined {
  const [b0, b1, b2, b3] = bytes;
  if ((b0 === 0xff && b1 === 0xfe && b2 === 0 && b3 === 0) || (b0 === 0 && b1 === 0 && b2 === 0xfe && b3 === 0xff)) return 'UTF-32';
  if ((b0 === 0xff && b1 === 0xfe) || (b0 === 0xfe && b1 === 0xff)) return 'UTF-16';
  if (bytes.indexOf(0) < 0) return undefined;
  // Without a mark: the first characters' pattern of NULs (ASCII in UTF-32 or UTF-16, either order).
  const n = Math.min(bytes.length, 512);
  const zeroAt = (i: number) => bytes[i] === 0;
  const every = (step: number, ok: (i: number) => boolean) => {
    let groups = 0;
    for (let i = 0; i + step <= n; i += step, groups++) if (!ok(i)) return false;
    return groups >= 2;
  };
  if (bytes.length % 4 === 0) {
    if (every(4, (i) => !zeroAt(i) && zeroAt(i + 1) && zeroAt(i + 2) && zeroAt(i + 3))) return 'UTF-32';
    if (every(4, (i) => zeroAt(i) && zeroAt(i + 1) && zeroAt(i + 2) && !zeroAt(i + 3))) return 'UTF-32';
  }
  if (bytes.length % 2 === 0) {
    if (every(2, (i) => !zeroAt(i) && zeroAt(i + 1))) return 'UTF-16';
    if (every(2, (i) => zeroAt(i) && !zeroAt(i + 1))) return 'UTF-16';
  }
  return undefined;
}

/** A file's bytes, or why they were not read. */
export type BoundedRead =
  | { readonly ok: true; readonly bytes: Buffer }
  | { readonly ok: false; readonly why: 'missing' | 'not-regular' | 'too-big' | 'unreadable'; readonly size?: number; readonly error?: unknown; readonly isDirectory?: boolean };

/**
 * Reads a regular file of at most `max` bytes, never blocking: it is opened non-blocking and
 * checked on the open descriptor, so a file swapped for a pipe or a device after it was listed is
 * refused rather than waited on (opening a FIFO for reading waits for a writer; /dev/zero never
 * ends), and read no further than just past the limit, whatever size it said it had.
 */
export function readBounded(file: string, max: number): BoundedRead {
  let fd: number;
  try {
    fd = openSync(file, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (e) {
    return { ok: false, why: errorCode(e) === 'ENOENT' ? 'missing' : 'unreadable', error: e };
  }
  try {
    const st = fstatSync(fd);
    if (!st.isFile()) return { ok: false, why: 'not-regular', isDirectory: st.isDirectory() };
    if (st.size > max) return { ok: false, why: 'too-big', size: st.size };
    // Read to the end, in whole 64 KiB reads (/proc/self/pagemap refuses a read whose size is not
    // a multiple of 8), stopping past the limit: a file in /proc says it has 0 bytes.
    const chunks: Buffer[] = [];
    let total = 0;
    while (total <= max) {
      const chunk = Buffer.allocUnsafe(1 << 16);
      const got = readSync(fd, chunk, 0, chunk.length, null);
      if (got === 0) break;
      chunks.push(chunk.subarray(0, got));
      total += got;
    }
    // Its size is not known, only that it is more than the limit.
    if (total > max) return { ok: false, why: 'too-big' };
    return { ok: true, bytes: chunks.length === 1 && chunks[0] ? chunks[0] : Buffer.concat(chunks, total) };
  } catch (e) {
    return { ok: false, why: 'unreadable', error: e };
  } finally {
    closeSync(fd);
  }
}

export type ReadResult = { readonly ok: true; readonly text: string } | { readonly ok: false; readonly finding: Finding };

/** Reads a file as strict UTF-8 text (a BOM is dropped); a problem is one finding. */
export function readText(file: string, shownAs: string, limits: Limits = DEFAULT_LIMITS): ReadResult {
  const at = (line: number, col: number): Loc => ({ file: shownAs, line, col });
  const fail = (code: FindingCode, loc: Loc, message: string): ReadResult => ({ ok: false, finding: finding(code, 'error', loc, message) });
  const read = readBounded(file, limits.maxBytes);
  if (!read.ok) {
    switch (read.why) {
      case 'not-regular':
        // A FIFO or a device (/dev/zero) would block or never end: only regular files are read.
        return fail('READ_ERROR', at(1, 1), read.isDirectory ? 'this is a directory, not a YAML file' : 'not a regular file (a pipe, socket or device)');
      case 'too-big':
        return fail('READ_ERROR', at(1, 1), `the file is ${read.size === undefined ? '' : `${formatBytes(read.size)}, `}over the ${formatBytes(limits.maxBytes)} limit (raise it with --max-file-size)`);
      case 'missing':
      case 'unreadable':
        return fail('READ_ERROR', at(1, 1), describeFsError(read.error, 'cannot read the file'));
    }
  }
  const bytes = read.bytes;
  const encoding = unicodeEncoding(bytes);
  if (encoding) return fail('READ_ERROR', at(1, 1), `the file is ${encoding} encoded; save it as UTF-8`);
  const nul = bytes.indexOf(0);
  if (nul >= 0) {
    const p = lineColOfByte(bytes, nul);
    return fail('YAML_SYNTAX', at(p.line, p.col), 'the file holds a NUL byte: it looks like a binary file, not YAML text');
  }
  const bad = firstInvalidUtf8(bytes);
  if (bad >= 0) {
    const p = lineColOfByte(bytes, bad);
    return fail('YAML_SYNTAX', at(p.line, p.col), `the file is not valid UTF-8 (byte 0x${(bytes[bad] ?? 0).toString(16).padStart(2, '0')} at offset ${bad}); save it as UTF-8`);
  }
  let text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  return { ok: true, text };
}

export function formatBytes(n: number): string {
  if (n >= 1024 * 1024) return `${(n / 1024 / 1024).toFixed(1)} MiB`;
  if (n >= 1024) return `${(n / 1024).toFixed(1)} KiB`;
  return `${n} bytes`;
}

/** What a file system error code means, in words (the one table; callers may word a code for their context). */
const FS_ERROR_WORDS: Readonly<Record<string, string>> = {
  ENOENT: 'no such file',
  ENOTDIR: 'a part of the path is not a directory',
  EISDIR: 'this is a directory, not a YAML file',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EROFS: 'read-only file system',
  ENOSPC: 'no space left on the device',
  EDQUOT: 'over the disk quota',
  ELOOP: 'a symbolic link that loops',
  ENAMETOOLONG: 'the name is too long',
};

/**
 * A file system error in words: `words` for this context first, then the common table, else
 * `fallback` (never the error's own message, which quotes the path unescaped).
 */
export function describeFsError(e: unknown, fallback: string, words: Readonly<Record<string, string>> = {}): string {
  const code = errorCode(e) ?? '';
  return words[code] ?? FS_ERROR_WORDS[code] ?? fallback;
}

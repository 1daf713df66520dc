// Files in another Unicode encoding are named as such, not called binary.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readText } from '../../src/load/read.js';
import { writeTree } from '../helpers.js';

const TEXT = 'period: 2019/20 Q1\nobservations:\n  k: { value: 1, note: "café" }\n';

function utf16(text: string, bigEndian: boolean): Buffer {
  const le = Buffer.from(text, 'utf16le');
  return bigEndian ? le.swap16() : le;
}
function utf32(text: string, bigEndian: boolean): Buffer {
  const cps = [...text].map((c) => c.codePointAt(0) as number);
  const b = Buffer.alloc(cps.length * 4);
  cps.forEach((cp, i) => (bigEndian ? b.writeUInt32BE(cp, i * 4) : b.writeUInt32LE(cp, i * 4)));
  return b;
}
const BOM = '\ufeff';

describe('encodings', () => {
  it.each([
    ['UTF-16 little-endian with a BOM', utf16(BOM + TEXT, false), 'UTF-16'],
    ['UTF-16 big-endian with a BOM', utf16(BOM + TEXT, true), 'UTF-16'],
    ['UTF-16 little-endian without a BOM', utf16(TEXT, false), 'UTF-16'],
    ['UTF-16 big-endian without a BOM', utf16(TEXT, true), 'UTF-16'],
    ['UTF-32 little-endian with a BOM', utf32(BOM + TEXT, false), 'UTF-32'],
    ['UTF-32 big-endian with a BOM', utf32(BOM + TEXT, true), 'UTF-32'],
    ['UTF-32 little-endian without a BOM', utf32(TEXT, false), 'UTF-32'],
  ])('%s is named, with what to do', (_name, bytes, encoding) => {
    const dir = writeTree({});
    const file = path.join(dir, 'q1.yaml');
    fs.writeFileSync(file, bytes);
    const r = readText(file, 'q1.yaml');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.finding).toMatchObject({ code: 'READ_ERROR', severity: 'error', file: 'q1.yaml', line: 1, column: 1 });
    expect(r.finding.message).toBe(`the file is ${encoding} encoded; save it as UTF-8`);
  });

  it('a file with a NUL byte that is not such text is still called binary', () => {
    const dir = writeTree({});
    const file = path.join(dir, 'q1.yaml');
    fs.writeFileSync(file, Buffer.from('period: 2019/20 Q1\nobservations: {}\n\0\0\x01\x02garbage'));
    const r = readText(file, 'q1.yaml');
    expect(r.ok ? '' : r.finding.message).toMatch(/NUL byte: it looks like a binary file/);
  });

  it('UTF-8 with a BOM reads as before', () => {
    const dir = writeTree({});
    const file = path.join(dir, 'q1.yaml');
    fs.writeFileSync(file, Buffer.from(BOM + TEXT, 'utf8'));
    expect(readText(file, 'q1.yaml')).toEqual({ ok: true, text: TEXT });
  });
});

// Reading one file never blocks and never reads past its limit: the checks are made on the open
// descriptor, so what is read is what was checked (a data file swapped for a pipe after it was
// listed is refused, not waited on). The preferences reader uses the same function.
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readBounded, readText } from '../../src/load/read.js';
import { writeTree } from '../helpers.js';

describe('readBounded', () => {
  it('reads a regular file whole', () => {
    const dir = writeTree({ 'a.yaml': 'period: 2019/20 Q1\n' });
    const r = readBounded(path.join(dir, 'a.yaml'), 100);
    expect(r.ok && r.bytes.toString('utf8')).toBe('period: 2019/20 Q1\n');
  });

  it('refuses a FIFO without waiting for a writer', () => {
    const dir = writeTree({});
    const fifo = path.join(dir, '2019-20-Q3.yaml');
    expect(spawnSync('mkfifo', [fifo]).status).toBe(0);
    expect(readBounded(fifo, 100)).toMatchObject({ ok: false, why: 'not-regular' });
    expect(readText(fifo, '2019-20-Q3.yaml')).toMatchObject({ ok: false, finding: { code: 'READ_ERROR', message: 'not a regular file (a pipe, socket or device)' } });
  });

  it('refuses a device that never ends, and a directory', () => {
    expect(readBounded('/dev/zero', 100)).toMatchObject({ ok: false, why: 'not-regular' });
    expect(readBounded(writeTree({}), 100)).toMatchObject({ ok: false, why: 'not-regular', isDirectory: true });
  });

  it('says a file is over the limit without reading it, and a missing file is missing', () => {
    const dir = writeTree({});
    writeFileSync(path.join(dir, 'big.yaml'), 'x'.repeat(101));
    expect(readBounded(path.join(dir, 'big.yaml'), 100)).toMatchObject({ ok: false, why: 'too-big', size: 101 });
    expect(readBounded(path.join(dir, 'none.yaml'), 100)).toMatchObject({ ok: false, why: 'missing' });
  });
});

// Writing a file the user names (`export --output`, and any later command that writes): never
// over data, never into the data directory, never through a FIFO or device, never over an existing
// file without --force, and always whole (a temporary file and a rename).
import { spawnSync } from 'node:child_process';
import { chmodSync, closeSync, constants, cpSync, existsSync, linkSync, lstatSync, mkdirSync, openSync, readdirSync, readFileSync, readSync, readlinkSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { run } from '../../src/cli/main.js';
import { safeWriteFile, writeProblem } from '../../src/cli/safe-write.js';
import { writeTree } from '../helpers.js';

const ROOT = path.resolve(import.meta.dirname, '..', '..');
const SMALL = path.join(ROOT, 'tests', 'fixtures', 'export', 'small');

/** A copy of the small catalogue and its data directory in a temporary directory. */
function workspace(): string {
  const dir = writeTree({});
  cpSync(SMALL, dir, { recursive: true });
  return dir;
}

function exportTo(dir: string, output: string, ...more: string[]) {
  let out = '';
  let err = '';
  const code = run(['export', 'catalogue.yaml', '--format', 'csv', '--output', output, ...more], { out: (s) => (out += s), err: (s) => (err += s), env: { RAGTOP_CONFIG_DIR: dir }, cwd: dir });
  return { code, out, err };
}

const csvOf = (dir: string) => {
  let out = '';
  run(['export', 'catalogue.yaml', '--format', 'csv'], { out: (s) => (out += s), err: () => undefined, env: { RAGTOP_CONFIG_DIR: dir }, cwd: dir });
  return out;
};

describe('export --output goes through the safe write', () => {
  it('writes a new file whole, leaving no temporary file behind', () => {
    const dir = workspace();
    mkdirSync(path.join(dir, 'out'));
    expect(exportTo(dir, 'out/kpis.csv')).toEqual({ code: 0, out: '', err: '' });
    expect(readFileSync(path.join(dir, 'out', 'kpis.csv'), 'utf8')).toBe(csvOf(dir));
    expect(readdirSync(path.join(dir, 'out'))).toEqual(['kpis.csv']);
  });

  it('refuses an existing file unless --force, and keeps its mode when replacing it', () => {
    const dir = workspace();
    const file = path.join(dir, 'kpis.csv');
    writeFileSync(file, 'keep me');
    chmodSync(file, 0o640);
    const r = exportTo(dir, 'kpis.csv');
    expect(r).toEqual({ code: 2, out: '', err: 'ragtop: --output kpis.csv already exists; add --force to replace it.\n' });
    expect(readFileSync(file, 'utf8')).toBe('keep me');
    expect(exportTo(dir, 'kpis.csv', '--force')).toEqual({ code: 0, out: '', err: '' });
    expect(readFileSync(file, 'utf8')).toBe(csvOf(dir));
    expect(statSync(file).mode & 0o777).toBe(0o640);
    expect(readdirSync(dir).filter((n) => n.includes('kpis'))).toEqual(['kpis.csv']);
  });

  it('refuses a FIFO without opening it, even with --force (it would block forever)', () => {
    const dir = workspace();
    const fifo = path.join(dir, 'pipe.csv');
    expect(spawnSync('mkfifo', [fifo]).status).toBe(0);
    // A reader on the FIFO (non-blocking), so that a write that should not happen fails the test
    // instead of hanging it; whatever reaches the FIFO is read back below.
    const reader = openSync(fifo, constants.O_RDONLY | constants.O_NONBLOCK);
    const readBack = () => {
      try {
        return readSync(reader, Buffer.alloc(1 << 16));
      } catch {
        return 0; // EAGAIN: nothing there
      }
    };
    try {
      for (const more of [[], ['--force']]) {
        const r = exportTo(dir, 'pipe.csv', ...more);
        expect(r).toEqual({ code: 2, out: '', err: 'ragtop: cannot write --output pipe.csv: it is a named pipe (FIFO), not a regular file.\n' });
        expect(lstatSync(fifo).isFIFO()).toBe(true);
        expect(readBack(), 'bytes written to the FIFO').toBe(0);
      }
      // Through a symlink too.
      symlinkSync('pipe.csv', path.join(dir, 'link.csv'));
      expect(exportTo(dir, 'link.csv', '--force').err).toBe('ragtop: cannot write --output link.csv: it is a named pipe (FIFO), not a regular file.\n');
      expect(readBack(), 'bytes written to the FIFO').toBe(0);
    } finally {
      closeSync(reader);
    }
  });

  it('refuses a device and a directory', () => {
    const dir = workspace();
    expect(exportTo(dir, '/dev/null', '--force').err).toBe('ragtop: cannot write --output /dev/null: it is a device, not a regular file.\n');
    mkdirSync(path.join(dir, 'sub'));
    expect(exportTo(dir, 'sub', '--force').err).toBe('ragtop: cannot write --output sub: it is a directory, not a regular file.\n');
  });

  it('refuses any path inside the data directory and any YAML file, wherever it is', () => {
    const dir = workspace();
    mkdirSync(path.join(dir, 'data', 'deeper'));
    for (const out of ['data/hand-out.md', 'data/deeper/kpis.csv', 'data', 'hand-out.yaml', 'x.YML']) {
      const r = exportTo(dir, out, '--force');
      expect(r.code, out).toBe(2);
      expect(r.err, out).toMatch(/^ragtop: --output .* (is inside the data directory|is a YAML file)/);
    }
    expect(readdirSync(path.join(dir, 'data')).sort()).toEqual(['2019-20-Q1.yaml', '2019-20-Q2.yaml', 'agenda-2019-20-Q2.yaml', 'deeper']);
    expect(readdirSync(path.join(dir, 'data', 'deeper'))).toEqual([]);
    expect(existsSync(path.join(dir, 'hand-out.yaml'))).toBe(false);
  });

  it("refuses ragtop's own preferences file, even with --force", () => {
    const dir = workspace();
    const prefs = path.join(dir, 'config.json');
    writeFileSync(prefs, '{"theme":"mono"}\n');
    const r = exportTo(dir, 'config.json', '--force');
    expect(r.code).toBe(2);
    expect(r.err).toBe("ragtop: --output config.json is ragtop's own preferences file; --output never replaces it.\n");
    expect(readFileSync(prefs, 'utf8')).toBe('{"theme":"mono"}\n');
  });

  it('resolves symlinks before deciding: a dangling link into the data directory is refused', () => {
    const dir = workspace();
    symlinkSync(path.join(dir, 'data', 'new.csv'), path.join(dir, 'dangling.csv'));
    symlinkSync('data', path.join(dir, 'data-link'));
    for (const out of ['dangling.csv', 'data-link/x.csv']) {
      const r = exportTo(dir, out, '--force');
      expect(r.code, out).toBe(2);
      expect(r.err, out).toContain('is inside the data directory');
    }
    expect(existsSync(path.join(dir, 'data', 'new.csv'))).toBe(false);
    expect(existsSync(path.join(dir, 'data', 'x.csv'))).toBe(false);
  });

  it('writes through a symlink to a file elsewhere (with --force), keeping the link', () => {
    const dir = workspace();
    const elsewhere = writeTree({ 'kpis.csv': 'old' });
    symlinkSync(path.join(elsewhere, 'kpis.csv'), path.join(dir, 'link.csv'));
    expect(exportTo(dir, 'link.csv').code).toBe(2);
    expect(exportTo(dir, 'link.csv', '--force')).toEqual({ code: 0, out: '', err: '' });
    expect(readlinkSync(path.join(dir, 'link.csv'))).toBe(path.join(elsewhere, 'kpis.csv'));
    expect(readFileSync(path.join(elsewhere, 'kpis.csv'), 'utf8')).toBe(csvOf(dir));
    // A dangling link to a new file elsewhere is written at its target.
    symlinkSync(path.join(elsewhere, 'new.csv'), path.join(dir, 'new-link.csv'));
    expect(exportTo(dir, 'new-link.csv').code).toBe(0);
    expect(readFileSync(path.join(elsewhere, 'new.csv'), 'utf8')).toBe(csvOf(dir));
  });

  it('a symlink loop and a missing directory are handled errors', () => {
    const dir = workspace();
    symlinkSync('loop.csv', path.join(dir, 'loop.csv'));
    expect(exportTo(dir, 'loop.csv').err).toBe('ragtop: cannot write --output loop.csv: a symbolic link that loops.\n');
    expect(exportTo(dir, 'no/such/x.csv').err).toBe('ragtop: cannot write --output no/such/x.csv: no such directory.\n');
    // A regular file where a directory should be (root ignores permissions, not this).
    writeFileSync(path.join(dir, 'plain'), '');
    expect(exportTo(dir, 'plain/x.csv').err).toBe('ragtop: cannot write --output plain/x.csv: a part of the path is not a directory.\n');
  });
});

describe('the safe-write module', () => {
  it('refuses the files read, by any path (hard links too)', () => {
    const dir = workspace();
    linkSync(path.join(dir, 'catalogue.yaml'), path.join(dir, 'cat-copy.txt'));
    const guard = { option: '--output', force: true, protectedFiles: [path.join(dir, 'catalogue.yaml')] };
    expect(writeProblem(path.join(dir, 'cat-copy.txt'), 'cat-copy.txt', guard)).toBe('--output cat-copy.txt is one of the data files read; ragtop never writes to a catalogue, period or agenda file');
    expect(safeWriteFile(path.join(dir, 'cat-copy.txt'), 'cat-copy.txt', 'x', guard)).toMatchObject({ ok: false });
    expect(readFileSync(path.join(dir, 'catalogue.yaml'), 'utf8')).toBe(readFileSync(path.join(SMALL, 'catalogue.yaml'), 'utf8'));
  });

  it('escapes the path it names', () => {
    const dir = writeTree({});
    const r = writeProblem(path.join(dir, 'x.yaml'), 'x\u001b]0;T\u0007.yaml', { option: '--output', force: false });
    expect(r).toBe('--output x\\x1b]0;T\\x07.yaml is a YAML file; ragtop never writes one (it could be read as data)');
  });
});

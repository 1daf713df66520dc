import { spawnSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseSize } from '../src/cli/args.js';
import { run } from '../src/cli/main.js';
import { CAREFUL_MAX_BYTES, DEFAULT_LIMITS } from '../src/load/limits.js';
import { catalogue, writeTree } from './helpers.js';
import { BIN } from './built.js';

const root = path.resolve(import.meta.dirname, '..');

function cli(args: string[], cwd = root) {
  let out = '';
  let err = '';
  const code = run(args, { out: (s) => (out += s), err: (s) => (err += s), env: {}, cwd });
  return { code, out, err };
}

const tiny = {
  'catalogue.yaml': catalogue('      - { id: k, title: K, unit: percent, good: high, target: 90 }\n'),
  'q1.yaml': 'period: 2019/20 Q1\nobservations:\n  k: { value: 91 }\n',
  'q2.yaml': 'period: 2019/20 Q2\nobservations:\n  k: { value: 80 }\ncommentary:\n  k: Dropped after a system change.\n',
};

describe('ragtop --help and --version', () => {
  it('lists every command, option and finding code', () => {
    const { code, out } = cli(['--help']);
    expect(code).toBe(0);
    for (const word of ['check', 'present', '--period', '--data', '--agenda', '--json', '--strict', '--no-color', '--ascii', 'RAG_MISMATCH', 'CONTROL_CHARS', 'NO_COLOR']) {
      expect(out).toContain(word);
    }
  });
  it('gives the size limits the loader uses, in a form --max-file-size takes', () => {
    const { out } = cli(['--help']);
    const m = /default (\S+); (\S+) for a file that needs the\s+careful\s+YAML reader/.exec(out);
    expect(m).not.toBeNull();
    expect(parseSize(m?.[1] ?? '')).toBe(DEFAULT_LIMITS.maxBytes);
    expect(parseSize(m?.[2] ?? '')).toBe(CAREFUL_MAX_BYTES);
  });
  it('prints the version from package.json', () => {
    expect(cli(['--version']).out).toMatch(/^ragtop \d+\.\d+\.\d+\n$/);
  });
  it('refuses unknown options and extra arguments with one line, exit 2', () => {
    const a = cli(['check', '--jsn']);
    expect(a.code).toBe(2);
    expect(a.err).toBe("ragtop: unknown option '--jsn'; see 'ragtop --help'\n");
    const b = cli(['check', 'a.yaml', 'b.yaml']);
    expect(b.code).toBe(2);
    expect(b.err).toMatch(/expected one catalogue file, got 2/);
  });
});

describe('ragtop check', () => {
  it('exits 0 on clean data, with a count line', () => {
    const dir = writeTree(tiny);
    const r = cli(['check', 'catalogue.yaml'], dir);
    expect(r.out).toBe('0 errors, 0 warnings, 0 info in 3 files\n');
    expect(r.code).toBe(0);
  });
  it('--strict fails on warnings', () => {
    const dir = writeTree({ ...tiny, 'q2.yaml': 'period: 2019/20 Q2\nobservations:\n  k: { value: 80 }\n' });
    const lax = cli(['check', 'catalogue.yaml'], dir);
    expect(lax.out).toBe('q2.yaml:3:3 warning NO_COMMENTARY k: KPI is red in 2019/20 Q2 and the period has no commentary for it\n0 errors, 1 warning, 0 info in 3 files\n');
    expect(lax.code).toBe(0);
    expect(cli(['check', 'catalogue.yaml', '--strict'], dir).code).toBe(1);
  });
  it('--json prints findings and a summary and nothing else', () => {
    const dir = writeTree({ ...tiny, 'q2.yaml': 'period: 2019/20 Q2\nobservations:\n  k: { value: 180 }\ncommentary:\n  k: x\n' });
    const r = cli(['check', 'catalogue.yaml', '--json'], dir);
    const parsed = JSON.parse(r.out) as { findings: Array<Record<string, unknown>>; summary: Record<string, unknown> };
    expect(parsed.findings).toEqual([
      { code: 'OUT_OF_RANGE', severity: 'error', message: '180% is over 100% (set allow_over_100 where that is legitimate)', file: 'q2.yaml', line: 3, column: 15, id: 'k' },
    ]);
    expect(parsed.summary).toMatchObject({ errors: 1, warnings: 0, info: 0, files: 3, loaded: true, exit: 1 });
    expect(r.code).toBe(1);
  });
  it('a missing catalogue is a load problem: exit 2, the file named', () => {
    const dir = writeTree({});
    const r = cli(['check', 'nope.yaml'], dir);
    expect(r.code).toBe(2);
    expect(r.out).toBe('nope.yaml:1:1 error READ_ERROR: no such file\n1 error, 0 warnings, 0 info in 1 file: the data could not be loaded\n');
  });
  it('--data overrides the catalogue data directory; a missing one is named', () => {
    const dir = writeTree({ 'catalogue.yaml': tiny['catalogue.yaml'], 'other/q1.yaml': tiny['q1.yaml'] });
    expect(cli(['check', 'catalogue.yaml', '--data', 'other'], dir).out).toBe('0 errors, 0 warnings, 0 info in 2 files\n');
    const r = cli(['check', 'catalogue.yaml', '--data', 'missing'], dir);
    expect(r.code).toBe(2);
    expect(r.out).toContain('missing error READ_ERROR: data directory missing: no such directory');
  });
  it('no period file at all is a load problem (exit 2, even without --strict), the directory named', () => {
    const cat = tiny['catalogue.yaml'];
    const dir = writeTree({ 'catalogue.yaml': cat, 'empty/.keep': '', 'notes/readme.txt': 'x' });
    // An empty directory, a directory with no YAML file, an absolute path with none, and a
    // catalogue without `data:`.
    for (const data of ['empty', 'notes', writeTree({ 'readme.txt': 'x' })]) {
      const r = cli(['check', 'catalogue.yaml', '--data', data], dir);
      expect(r.code, data).toBe(2);
      expect(r.out, data).toContain(`error READ_ERROR: no period file in the data directory ${data}`);
      expect(r.out, data).toMatch(/the data could not be loaded\n$/);
      expect(cli(['check', 'catalogue.yaml', '--data', data, '--json'], dir).code).toBe(2);
    }
    writeFileSync(path.join(dir, 'bare.yaml'), cat.replace('  data: .\n', ''));
    const bare = cli(['check', 'bare.yaml'], dir);
    expect(bare.code).toBe(2);
    expect(bare.out).toContain("bare.yaml error READ_ERROR: no period file: the catalogue has no 'data:' directory and no --data was given");
  });
});

describe('ragtop (no command): the overview as plain text', () => {
  it('prints the headline, priorities, exceptions and changes with no escape codes', () => {
    const dir = writeTree(tiny);
    const r = cli(['catalogue.yaml'], dir);
    expect(r.code).toBe(0);
    expect(r.out).toContain('Test Council: Test\nPeriod 2019/20 Q2 (previous: 2019/20 Q1)\n\n0 of 1 rated KPIs achieving target (0.0%)');
    expect(r.out).toContain('✗ Red  K: 80% (target 90%)');
    expect(r.out).toContain('new red: K (was ✓ Green)');
    expect(r.out).not.toContain(String.fromCharCode(0x1b));
  });
  it('--period picks a loaded period and refuses one that is not there', () => {
    const dir = writeTree(tiny);
    expect(cli(['catalogue.yaml', '--period', '2019/20 Q1'], dir).out).toContain('Period 2019/20 Q1\n');
    const r = cli(['catalogue.yaml', '--period', '2019/20 Q4'], dir);
    expect(r.code).toBe(2);
    expect(r.err).toBe('ragtop: --period 2019/20 Q4: no period file gives it (loaded: 2019/20 Q1, 2019/20 Q2)\n');
  });
  it('--ascii uses ASCII symbols', () => {
    const dir = writeTree(tiny);
    expect(cli(['catalogue.yaml', '--ascii'], dir).out).toContain('x Red  K: 80%');
  });
  it('load errors go to stderr as findings, exit 2', () => {
    const dir = writeTree({ ...tiny, 'q1.yaml': 'period: 2019/20 Q1\nobservations:\n  kk: { value: 1 }\n' });
    const r = cli(['catalogue.yaml'], dir);
    expect(r.code).toBe(2);
    expect(r.err).toContain("q1.yaml:3:3 error UNKNOWN_REF kk: observation for metric 'kk' is not in catalogue 'test' (did you mean 'k'?)");
  });
  it('commands still to come say so, exit 2', () => {
    expect(cli(['present']).code).toBe(2);
  });
});

describe('the built bin', () => {
  const bin = BIN;
  it.skipIf(!existsSync(bin))('runs check on the bundled default with no catalogue argument', () => {
    const env = { ...process.env, RAGTOP_CONFIG_DIR: writeTree({}) };
    const r = spawnSync(process.execPath, [bin, 'check'], { cwd: root, encoding: 'utf8', timeout: 20000, env });
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/2 errors, \d+ warnings?, \d+ info in 7 files\n$/);
    expect(r.stderr).toBe('');
  });
});

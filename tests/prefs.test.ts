import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { run, runAsync, wantsColour } from '../src/cli/main.js';
import { cleanPrefs, MAX_PREFS_BYTES, prefsFile, readPrefs } from '../src/cli/prefs.js';
import { BIN } from './built.js';

function io(dir: string) {
  let out = '';
  let err = '';
  return {
    io: { out: (s: string) => (out += s), err: (s: string) => (err += s), env: { RAGTOP_CONFIG_DIR: dir }, cwd: dir },
    out: () => out,
    err: () => err,
  };
}

describe('preferences (never the real user file: RAGTOP_CONFIG_DIR)', () => {
  it('ragtop config shows the file and the defaults', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'ragtop-cfg-'));
    const t = io(dir);
    expect(await runAsync(['config'], t.io)).toBe(0);
    expect(t.out()).toContain(`file: ${path.join(dir, 'config.json')}`);
    expect(t.out()).toContain('theme: default');
    expect(t.out()).toContain('last catalogue: (none: the bundled default)');
  });

  it('set theme / ascii are saved; reset clears them; bad values are refused', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'ragtop-cfg-'));
    expect(await runAsync(['config', 'set', 'theme', 'high-contrast'], io(dir).io)).toBe(0);
    expect(await runAsync(['config', 'set', 'ascii', 'on'], io(dir).io)).toBe(0);
    expect(readPrefs({ RAGTOP_CONFIG_DIR: dir }).prefs).toEqual({ theme: 'high-contrast', ascii: true });
    const bad = io(dir);
    expect(await runAsync(['config', 'set', 'theme', 'neon'], bad.io)).toBe(2);
    expect(bad.err()).toMatch(/^ragtop: config takes:/);
    expect(await runAsync(['config', 'reset'], io(dir).io)).toBe(0);
    expect(readPrefs({ RAGTOP_CONFIG_DIR: dir }).prefs).toEqual({});
  });

  it('a missing file is no preferences; a corrupt one is reported and ignored', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'ragtop-cfg-'));
    expect(readPrefs({ RAGTOP_CONFIG_DIR: dir })).toEqual({ prefs: {} });
    writeFileSync(prefsFile({ RAGTOP_CONFIG_DIR: dir }), '{ not json');
    const r = readPrefs({ RAGTOP_CONFIG_DIR: dir });
    expect(r.prefs).toEqual({});
    expect(r.problem).toBe(`preferences file ${prefsFile({ RAGTOP_CONFIG_DIR: dir })} is not valid JSON; using defaults`);
    expect(existsSync(prefsFile({ RAGTOP_CONFIG_DIR: dir }))).toBe(true);
    expect(readFileSync(prefsFile({ RAGTOP_CONFIG_DIR: dir }), 'utf8')).toBe('{ not json');
  });

  it('JSON that is not an object (a list, a number, null) is reported and ignored too', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'ragtop-cfg-'));
    for (const text of ['[1, 2]', '42', 'null', '"text"']) {
      writeFileSync(prefsFile({ RAGTOP_CONFIG_DIR: dir }), text);
      const r = readPrefs({ RAGTOP_CONFIG_DIR: dir });
      expect(r.prefs).toEqual({});
      expect(r.problem).toBe(`preferences file ${prefsFile({ RAGTOP_CONFIG_DIR: dir })} does not hold a JSON object; using defaults`);
    }
  });

  it('keeps only fields that make sense', () => {
    expect(cleanPrefs({ theme: 'neon', ascii: 'yes', lastPeriod: { a: '2019/20 Q3', b: 3 }, lastCatalogue: 5 })).toEqual({ lastPeriod: { a: '2019/20 Q3' } });
  });
});

describe('colour', () => {
  it.each([
    [{}, {}, true],
    [{ noColor: true }, {}, false],
    [{}, { NO_COLOR: '1' }, false],
    [{}, { NO_COLOR: '' }, true],
    [{}, { TERM: 'dumb' }, false],
    [{}, { TERM: 'dumb', FORCE_COLOR: '1' }, true],
    [{}, { FORCE_COLOR: '0' }, false],
    [{}, { NO_COLOR: '1', FORCE_COLOR: '1' }, false],
  ])('%j with env %j → colour %s', (args, env, want) => {
    expect(wantsColour({ noColor: false, ...args }, env)).toBe(want);
  });
});

describe('the catalogue when none is named', async () => {
  const { catalogueOf, BUNDLED_CATALOGUE } = await import('../src/cli/main.js');
  it('is the last one used while it exists, else the bundled default', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'ragtop-cfg-'));
    const env = { RAGTOP_CONFIG_DIR: dir };
    expect(catalogueOf({}, { env })).toBe(BUNDLED_CATALOGUE);
    const mine = path.join(dir, 'mine.yaml');
    writeFileSync(mine, 'x: 1\n');
    writeFileSync(prefsFile(env), JSON.stringify({ lastCatalogue: mine }));
    expect(catalogueOf({}, { env })).toBe(mine);
    expect(catalogueOf({ catalogue: 'other.yaml' }, { env })).toBe('other.yaml');
    writeFileSync(prefsFile(env), JSON.stringify({ lastCatalogue: path.join(dir, 'gone.yaml') }));
    expect(catalogueOf({}, { env })).toBe(BUNDLED_CATALOGUE);
  });
});

describe('a corrupt preferences file', async () => {
  const { recoverPrefs } = await import('../src/cli/prefs.js');
  it('is moved aside, kept, and the defaults used, with one notice', async () => {
    const { readdirSync } = await import('node:fs');
    const dir = mkdtempSync(path.join(os.tmpdir(), 'ragtop-cfg-'));
    const env = { RAGTOP_CONFIG_DIR: dir };
    writeFileSync(prefsFile(env), '{ "theme": "mono", oops');
    const r = recoverPrefs(env, new Date('2026-11-22T02:00:00Z'));
    expect(r.prefs).toEqual({});
    const aside = path.join(dir, 'config.corrupt-2026-11-22T02-00-00-000Z.json');
    expect(r.notice).toBe(`preferences file ${prefsFile(env)} was not valid; moved to ${aside}; using defaults`);
    expect(readFileSync(aside, 'utf8')).toBe('{ "theme": "mono", oops');
    expect(readdirSync(dir)).toEqual(['config.corrupt-2026-11-22T02-00-00-000Z.json']);
    expect(recoverPrefs(env)).toEqual({ prefs: {} });
  });
});

describe('where the preferences live', () => {
  // The directory is env-paths' (conf's name for it, 'ragtop-nodejs'), which reads the process's
  // own environment: the built command is run with the environment under test, and says where.
  const fileOf = (env: NodeJS.ProcessEnv) => {
    const { RAGTOP_CONFIG_DIR: _c, XDG_CONFIG_HOME: _x, ...rest } = process.env;
    const r = spawnSync(process.execPath, [BIN, 'config'], { env: { ...rest, ...env }, encoding: 'utf8', timeout: 20_000 });
    expect(r.status, r.stderr).toBe(0);
    return /^file: (.*)$/m.exec(r.stdout)?.[1];
  };
  // XDG_CONFIG_HOME set but empty (or relative) is to be ignored (XDG base directory spec): it made
  // the file 'ragtop-nodejs/config.json' relative to wherever ragtop ran, a data repository say.
  // env-paths ignores an empty one itself, not a relative one.
  it.skipIf(process.platform === 'darwin' || process.platform === 'win32')('an empty or relative XDG_CONFIG_HOME is ignored', () => {
    const home = mkdtempSync(path.join(os.tmpdir(), 'ragtop-home-'));
    for (const xdg of ['', 'relative/dir']) {
      expect(fileOf({ HOME: home, XDG_CONFIG_HOME: xdg })).toBe(path.join(home, '.config', 'ragtop-nodejs', 'config.json'));
    }
    expect(fileOf({ HOME: home, XDG_CONFIG_HOME: '/cfg' })).toBe('/cfg/ragtop-nodejs/config.json');
    expect(fileOf({ HOME: home, RAGTOP_CONFIG_DIR: path.join(home, 'mine') })).toBe(path.join(home, 'mine', 'config.json'));
  });
  it('RAGTOP_CONFIG_DIR is read from the environment given', () => {
    expect(prefsFile({ RAGTOP_CONFIG_DIR: '/somewhere/else' })).toBe('/somewhere/else/config.json');
  });
});

describe('an unusable preferences directory', async () => {
  const { openPrefs } = await import('../src/cli/prefs.js');
  it('refuses to save with an error naming the directory, instead of an internal error', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'ragtop-cfg-'));
    // A file where the directory should be: it cannot be created (root can write anywhere else).
    const blocked = path.join(dir, 'not-a-dir');
    writeFileSync(blocked, 'x');
    const store = openPrefs({ RAGTOP_CONFIG_DIR: path.join(blocked, 'ragtop') });
    expect(() => store.set({ theme: 'mono' })).toThrow(`cannot create the directory ${path.join(blocked, 'ragtop')}: a part of the path is not a directory`);
  });
});

// ── hostile and broken preferences files ────────────────────────────────────────────────────────

// eslint-disable-next-line no-control-regex
const CONTROL = /[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]/;

describe('ragtop config prints nothing raw', () => {
  it('escapes every stored value (a catalogue path or id with escapes is not replayed)', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'ragtop-cfg-'));
    writeFileSync(
      prefsFile({ RAGTOP_CONFIG_DIR: dir }),
      JSON.stringify({ lastCatalogue: '/tmp/x\u001b]52;c;UFdORUQ=\u0007.yaml', lastPeriod: { 'id\u009d0;T\u0007': '2019/20 Q1\u001b[2J', 'b\u202e': 'x\u2066' }, theme: 'mono' }),
    );
    const t = io(dir);
    expect(await runAsync(['config'], t.io)).toBe(0);
    expect(t.out()).not.toMatch(CONTROL);
    expect(t.out()).toContain('last catalogue: /tmp/x\\x1b]52;c;UFdORUQ=\\x07.yaml');
    expect(t.out()).toContain('id\\x9d0;T\\x07: 2019/20 Q1\\x1b[2J');
    expect(t.out()).toContain('b\\u202e: x\\u2066');
  });
  it('escapes the file path it names', async () => {
    const base = mkdtempSync(path.join(os.tmpdir(), 'ragtop-cfg-'));
    const dir = path.join(base, 'evil\u001b]0;T\u0007');
    const t = io(dir);
    expect(await runAsync(['config'], t.io)).toBe(0);
    expect(t.out()).not.toMatch(CONTROL);
    expect(t.out()).toContain('evil\\x1b]0;T\\x07');
  });
});

describe('a corrupt preferences file and config', () => {
  const corrupt = '{ "theme": "mono", \u001b]0;PWNED\u0007 oops';
  it('config names it, moves it aside, shows the defaults', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'ragtop-cfg-'));
    const file = prefsFile({ RAGTOP_CONFIG_DIR: dir });
    writeFileSync(file, corrupt);
    const t = io(dir);
    expect(await runAsync(['config'], t.io)).toBe(0);
    expect(t.err()).toMatch(new RegExp(`^ragtop: preferences file ${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} was not valid; moved to .*config\\.corrupt-.*\\.json; using defaults\\n$`));
    expect(t.err() + t.out()).not.toMatch(CONTROL);
    expect(t.out()).toContain('theme: default');
    const aside = readdirSync(dir).filter((n) => n.startsWith('config.corrupt-'));
    expect(aside).toHaveLength(1);
    expect(readFileSync(path.join(dir, aside[0] as string), 'utf8')).toBe(corrupt);
  });
  it('config reset works on it (the remedy is not refused)', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'ragtop-cfg-'));
    const file = prefsFile({ RAGTOP_CONFIG_DIR: dir });
    writeFileSync(file, corrupt);
    const t = io(dir);
    expect(await runAsync(['config', 'reset'], t.io)).toBe(0);
    expect(t.err()).toContain(`preferences file ${file} was not valid; moved to `);
    expect(t.out()).toBe(`preferences reset (${file})\n`);
    expect(readPrefs({ RAGTOP_CONFIG_DIR: dir })).toEqual({ prefs: {} });
    expect(readdirSync(dir).filter((n) => n.startsWith('config.corrupt-'))).toHaveLength(1);
  });
  it('config set works on it, keeping the corrupt file aside', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'ragtop-cfg-'));
    writeFileSync(prefsFile({ RAGTOP_CONFIG_DIR: dir }), '[1, 2');
    expect(await runAsync(['config', 'set', 'theme', 'mono'], io(dir).io)).toBe(0);
    expect(readPrefs({ RAGTOP_CONFIG_DIR: dir }).prefs).toEqual({ theme: 'mono' });
    expect(readdirSync(dir).filter((n) => n.startsWith('config.corrupt-'))).toHaveLength(1);
  });
});

describe('preferences that cannot be written', () => {
  // Node 20's mkdirSync(…, { recursive: true }) never returns for a path under /proc that does
  // not exist (mkdir answers ENOENT there): HOME=/proc/x ragtop config set spun at full CPU
  // forever, and the app the same when it saved its preferences after q.
  it.runIf(existsSync('/proc/self'))('config set under /proc: exit 2 naming the directory, never a hang', () => {
    const bin = BIN;
    const { RAGTOP_CONFIG_DIR: _c, XDG_CONFIG_HOME: _x, ...rest } = process.env;
    for (const env of [{ ...rest, RAGTOP_CONFIG_DIR: '/proc/ragtop-test/cfg' }, { ...rest, HOME: '/proc/ragtop-test' }]) {
      const r = spawnSync(process.execPath, [bin, 'config', 'set', 'theme', 'mono'], { env, encoding: 'utf8', timeout: 20_000 });
      expect(r.signal, 'ragtop config set hung making the directory').toBeNull();
      expect(r.status).toBe(2);
      expect(r.stderr).toMatch(/^ragtop: preferences are not saved: cannot create the directory \/proc\/ragtop-test\/\S+: no such file or directory\n$/);
    }
  });
  it('config set and reset in a directory that cannot be made: exit 2, the path named, no internal error', async () => {
    const base = mkdtempSync(path.join(os.tmpdir(), 'ragtop-cfg-'));
    // Tests run as root, which ignores permission bits: a regular file where a directory should be
    // makes the write fail the same way a read-only directory does for a user.
    writeFileSync(path.join(base, 'plain'), 'x');
    const dir = path.join(base, 'plain', 'ragtop');
    for (const argv of [['config', 'set', 'theme', 'mono'], ['config', 'reset']]) {
      const t = io(dir);
      expect(await runAsync(argv, t.io), argv.join(' ')).toBe(2);
      expect(t.err()).toBe(`ragtop: preferences are not saved: cannot create the directory ${dir}: a part of the path is not a directory\n`);
    }
    // Showing them still works (there is nothing to read).
    expect(await runAsync(['config'], io(dir).io)).toBe(0);
  });
  it('a read-only preferences file is not written: config set says so (exit 2) and leaves it', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'ragtop-cfg-'));
    const file = prefsFile({ RAGTOP_CONFIG_DIR: dir });
    writeFileSync(file, '{"theme":"mono"}');
    chmodSync(file, 0o444);
    const t = io(dir);
    expect(await runAsync(['config', 'set', 'theme', 'high-contrast'], t.io)).toBe(2);
    expect(t.err()).toBe(`ragtop: preferences are not saved: the preferences file ${file} is read-only (mode 0444); make it writable to change it\n`);
    expect(readFileSync(file, 'utf8')).toBe('{"theme":"mono"}');
    expect(statSync(file).mode & 0o777).toBe(0o444);
  });
  it('a writable preferences file keeps its mode when written', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'ragtop-cfg-'));
    const file = prefsFile({ RAGTOP_CONFIG_DIR: dir });
    writeFileSync(file, '{"theme":"mono","other":"kept"}');
    chmodSync(file, 0o600);
    expect(await runAsync(['config', 'set', 'ascii', 'on'], io(dir).io)).toBe(0);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({ theme: 'mono', other: 'kept', ascii: true });
    chmodSync(file, 0o640);
    expect(await runAsync(['config', 'reset'], io(dir).io)).toBe(0);
    expect(statSync(file).mode & 0o777).toBe(0o640);
  });
  it('a FIFO where the file should be is never opened for reading or writing', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'ragtop-cfg-'));
    const file = prefsFile({ RAGTOP_CONFIG_DIR: dir });
    expect(spawnSync('mkfifo', [file]).status).toBe(0);
    // In a child process: reading a FIFO would block forever, and a test must fail, not hang.
    const bin = BIN;
    const ragtop = (...argv: string[]) => spawnSync(process.execPath, [bin, ...argv], { env: { ...process.env, RAGTOP_CONFIG_DIR: dir }, encoding: 'utf8', timeout: 20_000 });
    const show = ragtop('config');
    expect(show.signal, 'ragtop config blocked on the FIFO').toBeNull();
    expect(show.status).toBe(0);
    expect(show.stderr).toBe(`ragtop: preferences file ${file} is not a regular file; ignored (using defaults)\n`);
    const set = ragtop('config', 'set', 'theme', 'mono');
    expect(set.signal, 'ragtop config set blocked on the FIFO').toBeNull();
    expect(set.status).toBe(2);
    expect(set.stderr).toContain(`ragtop: preferences are not saved: cannot write preferences file ${file}: it is a named pipe (FIFO), not a regular file\n`);
  });
});

describe('a huge preferences file', () => {
  it('is not read past 1 MiB: ignored with one warning, and check still runs', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'ragtop-cfg-'));
    const env = { RAGTOP_CONFIG_DIR: dir };
    const file = prefsFile(env);
    // Valid JSON, so only its size can be why it is ignored.
    writeFileSync(file, JSON.stringify({ theme: 'mono', lastCatalogue: 'x'.repeat(MAX_PREFS_BYTES) }));
    const r = readPrefs(env);
    expect(r.prefs).toEqual({});
    expect(r.problem).toBe(`preferences file ${file} is over the 1 MiB limit; ignored (using defaults)`);
    let err = '';
    const code = run(['check', 'nope.yaml'], { out: () => undefined, err: (s) => (err += s), env, cwd: dir });
    expect(code).toBe(2);
    let err2 = '';
    run(['check'], { out: () => undefined, err: (s) => (err2 += s), env, cwd: dir });
    run(['check'], { out: () => undefined, err: (s) => (err2 += s), env, cwd: dir });
    expect(err2).toBe(`ragtop: preferences file ${file} is over the 1 MiB limit; ignored (using defaults)\n`);
    expect(existsSync(file)).toBe(true);
  });
});

describe('moving a corrupt file aside', async () => {
  const { recoverPrefs } = await import('../src/cli/prefs.js');
  it('never replaces one moved aside earlier in the same millisecond', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'ragtop-cfg-'));
    const env = { RAGTOP_CONFIG_DIR: dir };
    const now = new Date('2026-11-22T02:00:00Z');
    writeFileSync(prefsFile(env), 'first');
    recoverPrefs(env, now);
    writeFileSync(prefsFile(env), 'second');
    expect(recoverPrefs(env, now).notice).toContain('config.corrupt-2026-11-22T02-00-00-000Z-1.json');
    expect(readFileSync(path.join(dir, 'config.corrupt-2026-11-22T02-00-00-000Z.json'), 'utf8')).toBe('first');
    expect(readFileSync(path.join(dir, 'config.corrupt-2026-11-22T02-00-00-000Z-1.json'), 'utf8')).toBe('second');
  });
});

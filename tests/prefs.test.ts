import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runAsync, wantsColour } from '../src/cli/main.js';
import { cleanPrefs, prefsFile, readPrefs } from '../src/cli/prefs.js';

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
    expect(r.problem).toMatch(/could not be read; using defaults/);
    expect(existsSync(prefsFile({ RAGTOP_CONFIG_DIR: dir }))).toBe(true);
    expect(readFileSync(prefsFile({ RAGTOP_CONFIG_DIR: dir }), 'utf8')).toBe('{ not json');
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
    expect(r.notice).toBe(`preferences file was not valid; moved to ${aside}; using defaults`);
    expect(readFileSync(aside, 'utf8')).toBe('{ "theme": "mono", oops');
    expect(readdirSync(dir)).toEqual(['config.corrupt-2026-11-22T02-00-00-000Z.json']);
    expect(recoverPrefs(env)).toEqual({ prefs: {} });
  });
});

describe('an unusable preferences directory', async () => {
  const { openPrefs } = await import('../src/cli/prefs.js');
  it('disables saving with one warning, instead of failing', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'ragtop-cfg-'));
    // A file where the directory should be: conf cannot create it (root can write anywhere else).
    const blocked = path.join(dir, 'not-a-dir');
    writeFileSync(blocked, 'x');
    const store = await openPrefs({ RAGTOP_CONFIG_DIR: path.join(blocked, 'ragtop') });
    expect('problem' in store ? store.problem : 'opened').toMatch(/^preferences are not saved: /);
  });
});

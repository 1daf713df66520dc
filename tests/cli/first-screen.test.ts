// The first screen of the last run (src/cli/first-screen.ts): drawn only when every file it showed
// is unchanged (by content, not by date), for the same command line, environment, terminal size and
// preferences; cleaned like every frame; bounded; never a failure of its own.
import { mkdirSync, readdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { cacheDir, drawFirstScreen, leave, MAX_ENTRIES, progressOnFirstScreen, rememberFirstScreen, showing, takeOver } from '../../src/cli/first-screen.js';
import { writeTree } from '../helpers.js';
import { unsafeTerminalBytes } from '../terminal-bytes.js';

const FRAME = 'Council · Overview\n\x1b[32m● green\x1b[39m 12 of 20 rated KPIs achieving target\nfooter';

/** A terminal that records what is written to it. */
function terminal(columns = 80, rows = 24) {
  let written = '';
  const out = { columns, rows, isTTY: true, write: (s: string) => ((written += s), true) } as unknown as NodeJS.WriteStream;
  let raw = false;
  const stdin = { isTTY: true, setRawMode: (on: boolean) => ((raw = on), stdin) } as unknown as NodeJS.ReadStream;
  return { out, stdin, written: () => written, raw: () => raw };
}

/** A data set on disk, a cache directory, and the run that shows it. */
function setUp() {
  const dir = writeTree({ 'catalogue.yaml': 'catalogue: {}\n', 'data/q1.yaml': 'period: 2019/20 Q1\nvalue: 10\n', 'cfg/config.json': '{"theme":"mono"}\n' });
  const env = { RAGTOP_CACHE_DIR: path.join(dir, 'cache'), TERM: 'xterm-256color' };
  const run = { argv: ['catalogue.yaml'], env, cwd: dir, columns: 80, rows: 24, prefsFile: path.join(dir, 'cfg', 'config.json') };
  const loaded = { files: [path.join(dir, 'catalogue.yaml'), path.join(dir, 'data', 'q1.yaml')], dirs: [path.join(dir, 'data')], startedAt: Date.now() + 1000 };
  return { dir, env, run, loaded };
}

afterEach(() => leave());

describe('the first screen of the last run', () => {
  it('is drawn for the same run with nothing changed, whole, on the alternate screen, in raw mode', () => {
    const { run, loaded } = setUp();
    rememberFirstScreen(run, loaded, FRAME);
    const t = terminal();
    expect(drawFirstScreen(run, t.stdin, t.out)).toBe(true);
    expect(t.written()).toContain('\x1b[?1049h');
    expect(t.written()).toContain('12 of 20 rated KPIs achieving target');
    expect(t.raw()).toBe(true);
    expect(showing()).toBe(true);
    // The app takes over from the rows on screen (the terminal's 24, the frame's first).
    const rows = takeOver();
    expect(rows).toHaveLength(24);
    expect(rows?.[0]).toBe('Council · Overview');
    expect(showing()).toBe(false);
  });

  it('is not drawn when a file changed, even to the same size with its date put back', () => {
    const { dir, run, loaded } = setUp();
    rememberFirstScreen(run, loaded, FRAME);
    const file = path.join(dir, 'data', 'q1.yaml');
    writeFileSync(file, 'period: 2019/20 Q1\nvalue: 99\n');
    utimesSync(file, new Date(2000, 0, 1), new Date(2000, 0, 1));
    const t = terminal();
    expect(drawFirstScreen(run, t.stdin, t.out)).toBe(false);
    expect(t.written()).toBe('');
    expect(t.raw()).toBe(false);
  });

  it('is not drawn when a file appeared in a data directory, or one went', () => {
    const { dir, run, loaded } = setUp();
    rememberFirstScreen(run, loaded, FRAME);
    writeFileSync(path.join(dir, 'data', 'q2.yaml'), 'period: 2019/20 Q2\n');
    expect(drawFirstScreen(run, terminal().stdin, terminal().out)).toBe(false);
  });

  it('is not drawn for another command line, environment, terminal size or preferences', () => {
    const { dir, run, loaded } = setUp();
    rememberFirstScreen(run, loaded, FRAME);
    const t = () => terminal();
    expect(drawFirstScreen({ ...run, argv: ['catalogue.yaml', '--period', '2019/20 Q1'] }, t().stdin, t().out)).toBe(false);
    expect(drawFirstScreen({ ...run, env: { ...run.env, NO_COLOR: '1' } }, t().stdin, t().out)).toBe(false);
    expect(drawFirstScreen({ ...run, columns: 100 }, t().stdin, t().out)).toBe(false);
    // Where sockets and the cache live does not change the screen.
    expect(drawFirstScreen({ ...run, env: { ...run.env, RAGTOP_RUNTIME_DIR: path.join(dir, 'elsewhere') } }, t().stdin, t().out)).toBe(true);
    leave();
    writeFileSync(path.join(dir, 'cfg', 'config.json'), '{"theme":"default"}\n');
    expect(drawFirstScreen(run, t().stdin, t().out)).toBe(false);
  });

  it('is not remembered when a file changed after the load started (the frame may not show it)', () => {
    const { dir, run, loaded } = setUp();
    rememberFirstScreen(run, { ...loaded, startedAt: Date.now() - 60_000 }, FRAME);
    expect(() => readdirSync(cacheDir(run.env))).toThrow();
    expect(drawFirstScreen(run, terminal().stdin, terminal().out)).toBe(false);
    expect(readFileSync(path.join(dir, 'catalogue.yaml'), 'utf8')).toBe('catalogue: {}\n');
  });

  it('draws only SGR styling from a cache entry, whatever the entry holds', () => {
    const { run, loaded } = setUp();
    rememberFirstScreen(run, loaded, FRAME);
    const cache = cacheDir(run.env);
    const [name] = readdirSync(cache);
    const file = path.join(cache, name ?? '');
    const entry = JSON.parse(readFileSync(file, 'utf8')) as { frame: string };
    // Hostile bytes written into the cache: a title change, the clipboard, a cursor move, a bell.
    entry.frame = 'ok\x1b]0;pwned\x07\x1b]52;c;ZXZpbA==\x07\x1b[5;5H\x07\x9b31m\n\x1b[1mbold\x1b[22m';
    writeFileSync(file, JSON.stringify(entry));
    const t = terminal();
    expect(drawFirstScreen(run, t.stdin, t.out)).toBe(true);
    expect(unsafeTerminalBytes(t.written(), { allow: 'writer', controls: '\r\n' })).toEqual([]);
    // eslint-disable-next-line no-control-regex
    expect(t.written()).not.toMatch(/\x1b\]|\x07|\x9b/);
  });

  it('a corrupt or foreign cache entry is not drawn, and no error escapes', () => {
    const { run, loaded } = setUp();
    rememberFirstScreen(run, loaded, FRAME);
    const cache = cacheDir(run.env);
    const file = path.join(cache, readdirSync(cache)[0] ?? '');
    for (const text of ['{', 'null', '[]', JSON.stringify({ format: 1 }), readFileSync(file, 'utf8').replace('"build":"', '"build":"x')]) {
      writeFileSync(file, text);
      expect(drawFirstScreen(run, terminal().stdin, terminal().out)).toBe(false);
    }
  });

  it('the progress line goes on the bottom row, which the app then redraws', () => {
    const { run, loaded } = setUp();
    rememberFirstScreen(run, loaded, FRAME);
    const t = terminal();
    drawFirstScreen(run, t.stdin, t.out);
    expect(progressOnFirstScreen('ragtop: loading q1.yaml (2 of 2 files)')).toBe(true);
    expect(t.written()).toContain('\x1b[24;1H\x1b[2K');
    const rows = takeOver();
    expect(rows?.[23]).not.toBe('');
    expect(rows?.[23]).not.toContain('loading');
    // Without a first screen up, the line is the caller's to draw.
    expect(progressOnFirstScreen('x')).toBe(false);
  });

  it('leave gives the terminal back when the app never took over', () => {
    const { run, loaded } = setUp();
    rememberFirstScreen(run, loaded, FRAME);
    const t = terminal();
    drawFirstScreen(run, t.stdin, t.out);
    leave();
    expect(t.written().endsWith('\x1b[?25h\x1b[?7h\x1b[?1049l')).toBe(true);
    expect(t.raw()).toBe(false);
  });

  it('keeps at most MAX_ENTRIES entries', () => {
    const { run, loaded } = setUp();
    for (let i = 0; i < MAX_ENTRIES + 5; i++) rememberFirstScreen({ ...run, argv: ['catalogue.yaml', String(i)] }, loaded, FRAME);
    expect(readdirSync(cacheDir(run.env))).toHaveLength(MAX_ENTRIES);
  });

  it('is remembered under the key the run started with, though the app then changed its environment', () => {
    // The app removes CI and CI_* from its environment before it loads Ink (after the bin drew, or
    // looked for, the first screen): a run in a CI-set terminal must still find its first screen.
    const { run, loaded } = setUp();
    const env: NodeJS.ProcessEnv = { ...run.env, CI: 'true' };
    expect(drawFirstScreen({ ...run, env }, terminal().stdin, terminal().out)).toBe(false);
    delete env['CI'];
    rememberFirstScreen({ ...run, env }, loaded, FRAME);
    leave();
    expect(drawFirstScreen({ ...run, env: { ...run.env, CI: 'true' } }, terminal().stdin, terminal().out)).toBe(true);
  });

  it('a cache directory that cannot be made leaves the run as it was', () => {
    const { dir, run, loaded } = setUp();
    mkdirSync(path.join(dir, 'blocked'));
    writeFileSync(path.join(dir, 'blocked', 'cache'), 'a file where the directory would be');
    expect(() => rememberFirstScreen({ ...run, env: { RAGTOP_CACHE_DIR: path.join(dir, 'blocked', 'cache') } }, loaded, FRAME)).not.toThrow();
  });
});

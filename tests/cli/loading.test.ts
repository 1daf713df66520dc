// While data loads: the progress line, q / Ctrl-C / signals, and the terminal given back.
import { PassThrough } from 'node:stream';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { startLoading, PROGRESS_DELAY_MS } from '../../src/cli/loading.js';
import { drawFirstScreen, leave, rememberFirstScreen, takeOver } from '../../src/cli/first-screen.js';
import { loadDataset, loadDatasetAsync, type LoadProgress } from '../../src/load/load.js';
import { catalogue, writeTree } from '../helpers.js';

const ROOT = path.resolve(import.meta.dirname, '..', '..');

function fakeTty(columns = 80) {
  const stdin = Object.assign(new PassThrough(), { isTTY: true, raw: false, setRawMode(on: boolean) { stdin.raw = on; return stdin; } });
  const written: string[] = [];
  const stdout = Object.assign(new PassThrough(), { columns, isTTY: true });
  stdout.on('data', (c: Buffer) => written.push(c.toString()));
  return { stdin: stdin as unknown as NodeJS.ReadStream & { raw: boolean }, stdout: stdout as unknown as NodeJS.WriteStream, written };
}

const KPI = '      - { id: k1, title: K one, unit: percent, good: high }\n';

const step: LoadProgress = { done: 3, total: 41, file: 'data/2019-20-Q3.yaml' };
const flush = () => new Promise((r) => setImmediate(r));

describe('the loading line on the first screen of the last run', () => {
  it('goes on the bottom row; keys other than q and Ctrl-C (Esc too) are kept for the app; done() leaves the screen to it', async () => {
    const dir = writeTree({ 'catalogue.yaml': 'catalogue: {}\n', 'cfg/config.json': '{}\n' });
    const run = { argv: ['catalogue.yaml'], env: { RAGTOP_CACHE_DIR: path.join(dir, 'cache') }, cwd: dir, columns: 80, rows: 24, prefsFile: path.join(dir, 'cfg', 'config.json') };
    rememberFirstScreen(run, { files: [path.join(dir, 'catalogue.yaml')], dirs: [], startedAt: Date.now() + 1000 }, 'Overview\n12 of 20 rated KPIs achieving target');
    const tty = fakeTty();
    const out = Object.assign(tty.stdout, { rows: 24 });
    let t = 0;
    let l: ReturnType<typeof startLoading> | undefined;
    try {
      expect(drawFirstScreen(run, tty.stdin, out)).toBe(true);
      l = startLoading(tty, () => t);
      t = PROGRESS_DELAY_MS;
      l.progress(step);
      await flush();
      expect(tty.written.join('')).toContain('\x1b[24;1H\x1b[2K\x1b[7mragtop: loading 2019-20-Q3.yaml (3 of 41 files)');
      tty.stdin.write('\x1b');
      tty.stdin.write('2');
      await flush();
      expect(l.cancelled()).toBeUndefined();
      expect(l.typed()?.toString()).toBe('\x1b2');
      tty.stdin.write('q');
      await flush();
      expect(l.cancelled()).toBe(0);
      const before = tty.written.length;
      l.done();
      await flush();
      // The shell's line is not cleared: the screen is the app's to take over.
      expect(tty.written.slice(before).join('')).not.toContain('\r\x1b[2K');
      expect(takeOver()?.[23]).toBe('\u0000');
    } finally {
      l?.done();
      leave();
    }
  });
});

describe('the loading line', () => {
  it('shows nothing for a quick load, then the file and the count; done() clears it and gives the terminal back', async () => {
    let t = 0;
    const tty = fakeTty();
    const l = startLoading(tty, () => t);
    expect(tty.stdin.raw).toBe(true);
    // Ctrl-Z sent as a signal is handled (the terminal given back while stopped).
    expect(process.listenerCount('SIGTSTP') + process.listenerCount('SIGCONT')).toBe(2);
    l.progress(step);
    await flush();
    expect(tty.written.join('')).toBe('');
    t = PROGRESS_DELAY_MS;
    l.progress(step);
    await flush();
    expect(tty.written.join('')).toContain('ragtop: loading 2019-20-Q3.yaml (3 of 41 files) · q or Ctrl-C to stop');
    l.done();
    await flush();
    expect(tty.written.at(-1)).toBe('\r\x1b[2K');
    expect(tty.stdin.raw).toBe(false);
    expect(tty.stdin.listenerCount('data')).toBe(0);
    expect(process.listenerCount('SIGTERM') + process.listenerCount('SIGHUP')).toBe(0);
    expect(process.listenerCount('SIGTSTP') + process.listenerCount('SIGCONT')).toBe(0);
  });

  it('never writes control characters from a file name, and fits the terminal width', async () => {
    const tty = fakeTty(40);
    const l = startLoading(tty, () => 10_000);
    l.progress({ ...step, file: `data/evil\x1b[2J${'x'.repeat(80)}.yaml` });
    await flush();
    const line = (tty.written.at(-1) ?? '').replace('\r\x1b[2K', '');
    expect(line.includes('\x1b')).toBe(false);
    expect(line.length).toBeLessThanOrEqual(39);
    l.done();
  });

  it.each([
    ['q', 0],
    ['Q', 0],
    ['\x03', 130],
    ['\x1b', 0],
  ])('the key %j asks to stop with status %i; other keys do not', async (key, code) => {
    const tty = fakeTty();
    const l = startLoading(tty, () => 0);
    tty.stdin.write('x');
    await flush();
    expect(l.cancelled()).toBeUndefined();
    tty.stdin.write(key);
    await flush();
    expect(l.cancelled()).toBe(code);
    l.done();
  });

  it.each([
    ['SIGTERM', 143],
    ['SIGHUP', 129],
    ['SIGINT', 130],
    ['SIGQUIT', 131],
  ] as const)('%s asks to stop with status %i (and no longer kills the process mid-file)', (signal, code) => {
    const tty = fakeTty();
    const l = startLoading(tty, () => 0);
    process.emit(signal, signal);
    expect(l.cancelled()).toBe(code);
    l.done();
    expect(process.listenerCount(signal)).toBe(0);
  });
});

describe('loading a step at a time', () => {
  const cat = path.join(ROOT, 'catalogue', 'lcc-2019-20.yaml');

  it('gives the same result as the synchronous load, with a step before each file', async () => {
    const steps: LoadProgress[] = [];
    const got = await loadDatasetAsync(cat, { cwd: ROOT }, (p) => steps.push(p));
    const want = loadDataset(cat, { cwd: ROOT });
    expect(got).toEqual(want);
    expect(steps.map((s) => s.file)).toEqual(want.files);
    expect(steps.every((s) => s.total === want.files.length)).toBe(true);
    expect(steps.map((s) => s.done)).toEqual(want.files.map((_f, i) => Math.max(1, i)));
  });

  it('says in its steps once a file read has a problem that stops the load (a q then is a failed run)', async () => {
    const dir = writeTree({
      'catalogue.yaml': catalogue(KPI),
      '2019-20-Q1.yaml': 'period: 2019/20 Q1\nobservations:\n  k1: { value: 90 }\n',
      '2019-20-Q2.yaml': 'period: [\n',
      '2019-20-Q3.yaml': 'period: 2019/20 Q3\nobservations:\n  k1: { value: 91 }\n',
    });
    const steps: LoadProgress[] = [];
    await loadDatasetAsync(path.join(dir, 'catalogue.yaml'), { cwd: dir }, (p) => steps.push(p));
    // Each file's step comes before it is read (the progress line names the file being read); the
    // file that stops the load is told again, failed, as soon as it has been read.
    expect(steps.map((p) => [path.basename(p.file), p.failed === true])).toEqual([
      ['catalogue.yaml', false],
      ['2019-20-Q1.yaml', false],
      ['2019-20-Q2.yaml', false],
      ['2019-20-Q2.yaml', true],
      ['2019-20-Q3.yaml', true],
    ]);
  });

  it('stops between files when asked, and resolves undefined', async () => {
    let seen = 0;
    const got = await loadDatasetAsync(cat, { cwd: ROOT }, () => (seen += 1), () => seen >= 2);
    expect(got).toBeUndefined();
    expect(seen).toBe(2);
  });
});

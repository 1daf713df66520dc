// A large data set in a real terminal: the progress line while it loads, and q or Ctrl-C stop the
// load at once with the terminal given back (the shell echoes typing again).
import { execFileSync } from 'node:child_process';
import { linkSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { HAVE_BIN, HAVE_TMUX, ROOT, start } from './tmux.js';

const why = !HAVE_TMUX ? 'tmux is not installed' : !HAVE_BIN ? 'dist/ is not built (npm run build)' : '';

describe.skipIf(why !== '')('loading a large data set (tmux)', { timeout: 60000 }, () => {
  let dir = '';
  let medium = '';
  beforeAll(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'ragtop-e2e-large-'));
    // 10 000 KPIs × 40 quarters, 32 MB: seconds to load, so the keys arrive mid-load.
    execFileSync(process.execPath, [path.join(ROOT, 'scripts', 'bench', 'generate.mjs'), 'L', dir]);
    // 1 000 KPIs × 20 quarters: loaded to the end in a second or two.
    medium = mkdtempSync(path.join(os.tmpdir(), 'ragtop-e2e-medium-'));
    execFileSync(process.execPath, [path.join(ROOT, 'scripts', 'bench', 'generate.mjs'), 'M', medium]);
  });
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
    rmSync(medium, { recursive: true, force: true });
  });

  it.each([
    ['q', 0],
    ['C-c', 130],
  ])('%s during the load stops it (status %i), and the terminal echoes again', async (key, code) => {
    const s = start([path.join(dir, 'catalogue.yaml'), '--max-file-size', '64M'], { columns: 100, rows: 24 });
    try {
      await s.waitFor(/ragtop: loading \S+\.yaml \(\d+ of 41 files\) · q or Ctrl-C to stop/, 20000);
      s.keys(key);
      expect(await s.exitStatus(10000)).toBe(code);
      expect(s.screen()).not.toContain('rated KPIs achieving target');
      s.literal('typed-after-exit');
      await s.waitFor('typed-after-exit');
    } finally {
      s.kill();
    }
  });

  it('q once the load has found a problem that stops it: status 2 (a failed load), not 0, and says why', async () => {
    // The same data with a broken period file read first (hard links: the files are the same).
    const bad = mkdtempSync(path.join(os.tmpdir(), 'ragtop-e2e-bad-'));
    try {
      mkdirSync(path.join(bad, 'data'));
      linkSync(path.join(dir, 'catalogue.yaml'), path.join(bad, 'catalogue.yaml'));
      for (const f of readdirSync(path.join(dir, 'data'))) linkSync(path.join(dir, 'data', f), path.join(bad, 'data', f));
      writeFileSync(path.join(bad, 'data', '0000-broken.yaml'), 'period: [\n');
      const s = start([path.join(bad, 'catalogue.yaml'), '--max-file-size', '64M'], { columns: 100, rows: 24 });
      try {
        // A quarter's file read after the broken one.
        await s.waitFor(/ragtop: loading \d{4}-\d{2}-Q\d\.yaml \(\d+ of 42 files\)/, 20000);
        s.keys('q');
        expect(await s.exitStatus(10000)).toBe(2);
        expect(s.screen()).toMatch(/the data could not be loaded/);
        expect(s.screen()).not.toContain('rated KPIs achieving target');
      } finally {
        s.kill();
      }
    } finally {
      rmSync(bad, { recursive: true, force: true });
    }
  });

  it('Ctrl-Z during the load stops it to the shell; after fg keys answer at once again (raw mode, no echo)', async () => {
    const s = start([path.join(dir, 'catalogue.yaml'), '--max-file-size', '64M'], { columns: 100, rows: 24, shell: true });
    try {
      await s.waitFor(/ragtop: loading \S+\.yaml \(\d+ of 41 files\) · q or Ctrl-C to stop/, 20000);
      s.keys('C-z');
      await s.waitFor(/Stopped/, 10000);
      s.literal('fg');
      s.keys('Enter');
      // A cooked terminal would echo these and hold them (and q) until Enter or the load's end.
      s.literal('zz9');
      // The load has gone on (its keys read between files) before q is sent on its own.
      // The progress line now is the last one on the screen (the one from before the stop stays above).
      const at = (screen: string) => [...screen.matchAll(/\((\d+) of 41 files\)/g)].pop()?.[1];
      const first = at(await s.waitFor(/\(\d+ of 41 files\)/));
      await vi.waitFor(() => expect(at(s.screen())).not.toBe(first), { timeout: 20000, interval: 50 });
      s.keys('q');
      expect(await s.exitStatus(20000)).toBe(0);
      expect(s.screen()).not.toContain('zz9');
      expect(s.screen()).not.toContain('rated KPIs achieving target');
    } finally {
      s.kill();
    }
  });

  it('opens when loaded, then the header gives the checks\' counts once they have run; q leaves', async () => {
    const s = start([path.join(medium, 'catalogue.yaml'), '--max-file-size', '64M'], { columns: 120, rows: 30 });
    try {
      await s.waitFor('rated KPIs achieving target', 60000);
      await s.waitFor(/\d+ errors? \d+ warnings?/, 30000);
      s.keys('q');
      expect(await s.exitStatus(10000)).toBe(0);
    } finally {
      s.kill();
    }
  });
});

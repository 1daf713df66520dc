// A large data set in a real terminal: the progress line while it loads, and q or Ctrl-C stop the
// load at once with the terminal given back (the shell echoes typing again).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HAVE_BIN, HAVE_TMUX, ROOT, start } from './tmux.js';

const why = !HAVE_TMUX ? 'tmux is not installed' : !HAVE_BIN ? 'dist/ is not built (npm run build)' : '';

describe.skipIf(why !== '')('loading a large data set (tmux)', { timeout: 60000 }, () => {
  let dir = '';
  beforeAll(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'ragtop-e2e-large-'));
    // 10 000 KPIs × 40 quarters, 32 MB: seconds to load, so the keys arrive mid-load.
    execFileSync(process.execPath, [path.join(ROOT, 'scripts', 'bench', 'generate.mjs'), 'L', dir]);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

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

  it('opens when loaded, then the header gives the checks\' counts once they have run; q leaves', async () => {
    const s = start([path.join(dir, 'catalogue.yaml'), '--max-file-size', '64M'], { columns: 120, rows: 30 });
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

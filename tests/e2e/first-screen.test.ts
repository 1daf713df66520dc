// The first screen of the last run, in a real terminal (tmux): drawn at once while the data loads
// behind it (the progress line on its bottom row), keys typed on it reach the app, and a changed
// data file means it is not drawn (the app shows the file as it is now, never the old screen).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { HAVE_BIN, HAVE_TMUX, ROOT, start } from './tmux.js';

const why = !HAVE_TMUX ? 'tmux is not installed' : !HAVE_BIN ? 'dist/ is not built (npm run build)' : '';
const HEADLINE = 'rated KPIs achieving target';
const LOADING = 'ragtop: loading';

describe.skipIf(why !== '')('the first screen of the last run (tmux)', { timeout: 120000 }, () => {
  let dir = '';
  let env: Record<string, string> = {};
  beforeAll(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'ragtop-e2e-first-'));
    // 1 000 KPIs × 20 quarters: a second or so to load, so the load is seen behind the screen.
    execFileSync(process.execPath, [path.join(ROOT, 'scripts', 'bench', 'generate.mjs'), 'M', path.join(dir, 'data-set')]);
    // Preferences and the cache shared by the runs below, as a user's are.
    env = { RAGTOP_CONFIG_DIR: path.join(dir, 'cfg'), RAGTOP_CACHE_DIR: path.join(dir, 'cache') };
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const catalogue = () => path.join(dir, 'data-set', 'catalogue.yaml');
  const open = () => start([catalogue()], { columns: 100, rows: 30, env });

  /** One run to the app and out again. */
  async function runOnce(): Promise<void> {
    const s = open();
    try {
      await s.waitFor(/\d+ errors? \d+ warnings?/, 30000);
      s.keys('q');
      expect(await s.exitStatus(10000)).toBe(0);
    } finally {
      s.kill();
    }
  }

  it('is drawn with the load behind it, the keys typed on it reach the app, and a changed file is never shown old', async () => {
    // The first run remembers its first screen; the second too, under the preferences the first
    // saved (the catalogue and period last used are part of what a screen depends on).
    await runOnce();
    await runOnce();
    expect(readdirSync(path.join(dir, 'cache', 'first-screen'))).not.toHaveLength(0);

    // Now the screen is there while the files still load (never so before: the progress line is
    // shown on an empty terminal, and gone before the app draws).
    const s = open();
    try {
      await s.waitFor(new RegExp(`${HEADLINE}[\\s\\S]*${LOADING}`), 30000);
      s.keys('2');
      await s.waitFor(/\d+ errors? \d+ warnings?/, 30000);
      // The key typed on the first screen was read by the app once it was up.
      await s.waitFor(/priorities · 1000 KPIs/);
      s.keys('q');
      expect(await s.exitStatus(10000)).toBe(0);
    } finally {
      s.kill();
    }

    // The catalogue's title changed, to the same length: the old screen is never drawn.
    const file = catalogue();
    const text = readFileSync(file, 'utf8');
    expect(text).toContain('Benchmark catalogue M');
    writeFileSync(file, text.replace('Benchmark catalogue M', 'Benchmarx catalogue M'));
    const again = open();
    try {
      const seen: string[] = [];
      await vi.waitFor(
        () => {
          const now = again.screen();
          seen.push(now);
          expect(now).toContain(HEADLINE);
        },
        { timeout: 30000, interval: 20 },
      );
      expect(again.screen()).toContain('Benchmarx catalogue M');
      for (const screen of seen) expect(screen).not.toContain('Benchmark catalogue M');
      again.keys('q');
      expect(await again.exitStatus(10000)).toBe(0);
    } finally {
      again.kill();
    }
  });
});

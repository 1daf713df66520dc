// A live reload reads what the run chose at its start. Opened with no CATALOGUE, the app shows the
// preferences' last catalogue; another ragtop closing in the meantime saves a different one, and a
// reload must not switch to it (it did: each reload asked the preferences again).
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { HAVE_BIN, HAVE_TMUX, start } from '../e2e/tmux.js';
import { catalogue, writeTree } from '../helpers.js';

const why = !HAVE_TMUX ? 'tmux is not installed' : !HAVE_BIN ? 'dist/ is not built (npm run build)' : '';
if (why) console.warn(`tests/cli/reload-source skipped: ${why}`);

const tree = (kpi: string, value: number) => ({
  'catalogue.yaml': catalogue(`      - { id: k, title: ${kpi}, unit: percent, good: high, target: 90 }\n`),
  'q1.yaml': `period: 2019/20 Q1\nobservations:\n  k: { value: ${value} }\ncommentary:\n  k: Explained.\n`,
});

describe.skipIf(why !== '')('live reload (tmux)', { timeout: 30000 }, () => {
  it('reads the catalogue the run opened, not the one the preferences name now', async () => {
    const a = writeTree(tree('Apples served', 81));
    const b = writeTree(tree('Bananas served', 82));
    const cfg = mkdtempSync(path.join(os.tmpdir(), 'ragtop-reload-cfg-'));
    const last = (dir: string) => writeFileSync(path.join(cfg, 'config.json'), JSON.stringify({ lastCatalogue: path.join(dir, 'catalogue.yaml') }));
    last(a);
    const s = start([], { env: { RAGTOP_CONFIG_DIR: cfg } });
    try {
      await s.waitFor(/Apples served +81%/);
      // Another ragtop, closing on the other catalogue, saves it as the last one.
      last(b);
      writeFileSync(path.join(a, 'q1.yaml'), tree('Apples served', 73)['q1.yaml']);
      await s.waitFor(/Apples served +73%/, 5000);
      expect(s.screen()).not.toContain('Bananas');
      s.keys('q');
      expect(await s.exitStatus()).toBe(0);
    } finally {
      s.kill();
    }
  });
});

// Presenting the bundled 19 February 2020 agenda start to finish in a real terminal (tmux), with a
// drill-out and return, the speaker notes following in a second terminal, and the hand-out.
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, HAVE_BIN, HAVE_TMUX, ROOT, start } from './tmux.js';

const why = !HAVE_TMUX ? 'tmux is not installed' : !HAVE_BIN ? 'dist/ is not built (npm run build)' : '';
if (why) console.warn(`tests/e2e/present skipped: ${why}`);

describe.skipIf(why !== '')('ragtop present (tmux)', { timeout: 60000 }, () => {
  it('walks the agenda with notes following in a second terminal, drills out and comes back', async () => {
    const runtime = mkdtempSync(path.join(os.tmpdir(), 'ragtop-e2e-present-'));
    const env = { RAGTOP_RUNTIME_DIR: runtime };
    // The notes side starts first: it waits for the presenter.
    const notes = start(['present', '--notes'], { env });
    const show = start(['present'], { env });
    try {
      await notes.waitFor(/waiting for the presenter|Item 1 \/ 17/);
      await show.waitFor('item 1 / 17');
      await notes.waitFor('1. Apologies for Absence');
      show.keys('Space');
      await show.waitFor('item 2 / 17');
      await notes.waitFor('Members consider any interests to declare');
      // Straight to item 5, the register; d drills into the analyst's register view.
      show.literal('5');
      show.keys('Enter');
      await show.waitFor('item 5 / 17');
      await notes.waitFor('4. Corporate Risk and Opportunity Register - the register');
      show.keys('d');
      await show.waitFor('Presenting 5/17 › Register');
      show.keys('j', 'Escape');
      await show.waitFor('item 5 / 17');
      // To the end, and back one.
      show.keys('G');
      await show.waitFor('item 17 / 17');
      await notes.waitFor(/this is the last item|Item 17 \/ 17/);
      show.keys('BSpace');
      await show.waitFor('item 16 / 17');
      show.keys('q');
      expect(await show.exitStatus()).toBe(0);
      await notes.waitFor(/presenter closed|waiting for it to come back/);
      notes.keys('q');
      expect(await notes.exitStatus()).toBe(0);
    } finally {
      show.kill();
      notes.kill();
    }
  });

  it('with no agenda file, builds one exceptions-first on a catalogue without one', async () => {
    const s = start(['present', 'catalogue/lcc-2024-25.yaml']);
    try {
      await s.waitFor('item 1 / ');
      const total = Number(/item 1 \/ (\d+)/.exec(s.screen())?.[1]);
      expect(total).toBeGreaterThan(3);
      s.keys('Space');
      await s.waitFor('item 2 / ');
      s.keys('G');
      await s.waitFor(`item ${total} / ${total}`);
      s.keys('q');
      expect(await s.exitStatus()).toBe(0);
    } finally {
      s.kill();
    }
  });

  it('writes the markdown hand-out of the agenda, with no escape codes', () => {
    const r = spawnSync(process.execPath, [BIN, 'export', '--format', 'md'], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, RAGTOP_CONFIG_DIR: mkdtempSync(path.join(os.tmpdir(), 'ragtop-e2e-cfg-')) } });
    expect(r.status).toBe(0);
    expect(r.stdout.match(/^## /gm)?.length).toBe(17);
    expect(r.stdout).toContain('Corporate Risk and Opportunity Register');
    // eslint-disable-next-line no-control-regex
    expect(r.stdout).not.toMatch(/[\x00-\x09\x0b-\x1f\x7f-\x9f]/);
  });
});

// Presenting the bundled 19 February 2020 agenda start to finish in a real terminal (tmux), with a
// drill-out and return, the speaker notes following in a second terminal, and the hand-out.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, writeFileSync } from 'node:fs';
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
      // Agenda item "4." is the 4th slide; the register is the next. d drills into the analyst's register view.
      show.literal('4');
      show.keys('Enter', 'Space');
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

  it('opens on the meeting, not the period last browsed; survives 2 0 Enter d ] Esc on a generated agenda', async () => {
    const config = mkdtempSync(path.join(os.tmpdir(), 'ragtop-e2e-meeting-'));
    const env = { RAGTOP_CONFIG_DIR: config, RAGTOP_RUNTIME_DIR: config };
    // One look at Q2 in the app: the preferences now remember Q2.
    const look = start(['--period', '2019/20 Q2'], { env });
    try {
      await look.waitFor('2019/20 Q2');
      look.keys('q');
      expect(await look.exitStatus()).toBe(0);
    } finally {
      look.kill();
    }
    const meeting = start(['present'], { env });
    try {
      // 17 items: the 19 February 2020 agenda (Q2's generated agenda has more).
      await meeting.waitFor('item 1 / 17');
      expect(meeting.screen()).toContain('Apologies for Absence');
      meeting.keys('q');
      expect(await meeting.exitStatus()).toBe(0);
    } finally {
      meeting.kill();
    }
    // The crash a walk-through found: a Q2 meeting, item 20, drill out, next period, back.
    const q2 = start(['present', '--period', '2019/20 Q2'], { env });
    try {
      await q2.waitFor('item 1 / ');
      const total = Number(/item 1 \/ (\d+)/.exec(q2.screen())?.[1]);
      expect(total).toBeGreaterThanOrEqual(20);
      q2.literal('20');
      q2.keys('Enter');
      await q2.waitFor(`item 20 / ${total}`);
      q2.keys('d');
      await q2.waitFor('Presenting 20/');
      q2.literal(']');
      await q2.waitFor('2019/20 Q3');
      q2.keys('Escape');
      await q2.waitFor(`item 20 / ${total}`);
      q2.keys('q');
      expect(await q2.exitStatus()).toBe(0);
    } finally {
      q2.kill();
    }
  });

  it('the notes find the presenter of another catalogue; with two presenters they ask which', async () => {
    const runtime = mkdtempSync(path.join(os.tmpdir(), 'ragtop-e2e-find-'));
    const env = { RAGTOP_RUNTIME_DIR: runtime };
    const show = start(['present', 'catalogue/lcc-2024-25.yaml'], { env });
    const notes = start(['present', '--notes'], { env });
    let second: ReturnType<typeof start> | undefined;
    try {
      await show.waitFor('item 1 / ');
      const total = Number(/item 1 \/ (\d+)/.exec(show.screen())?.[1]);
      // Not the bundled 2019/20 catalogue's channel: the presenter that runs.
      await notes.waitFor(`Item 1 / ${total}`);
      show.keys('Space');
      await notes.waitFor(`Item 2 / ${total}`);
      notes.keys('q');
      expect(await notes.exitStatus()).toBe(0);
      // A second presenter: new notes ask which one, and follow the one chosen.
      second = start(['present'], { env });
      await second.waitFor('item 1 / 17');
      const chooser = start(['present', '--notes'], { env });
      try {
        await chooser.waitFor('Several presenters are running');
        const screen = chooser.screen();
        const n = screen.split('\n').find((l) => l.includes('Cabinet Committee'))?.trim().charAt(0) ?? '';
        expect(n).toMatch(/[12]/);
        chooser.literal(n);
        await chooser.waitFor('Item 1 / 17');
        chooser.keys('q');
        expect(await chooser.exitStatus()).toBe(0);
      } finally {
        chooser.kill();
      }
    } finally {
      show.kill();
      notes.kill();
      second?.kill();
    }
  });

  it('an agenda given with --agenda survives a live reload (the edit to it shows)', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'ragtop-e2e-agenda-'));
    cpSync(path.join(ROOT, 'catalogue'), path.join(dir, 'catalogue'), { recursive: true });
    cpSync(path.join(ROOT, 'sample-data', 'lcc-2019-20'), path.join(dir, 'sample-data', 'lcc-2019-20'), { recursive: true });
    const agenda = path.join(dir, 'catalogue', 'briefing.yaml');
    const items = (n: number) => Array.from({ length: n }, (_, i) => `  - title: "Briefing item ${i + 1}"\n    show: overview\n`).join('');
    writeFileSync(agenda, `meeting: Member briefing\nitems:\n${items(3)}`);
    const s = start(['present', path.join(dir, 'catalogue', 'lcc-2019-20.yaml'), '--agenda', agenda]);
    try {
      await s.waitFor('item 1 / 3');
      s.keys('Space');
      await s.waitFor('item 2 / 3');
      writeFileSync(agenda, `meeting: Member briefing\nitems:\n${items(4)}`);
      // Reloaded with the same agenda (it names no period: the data directory's 17 items would win), on the same item.
      await s.waitFor('item 2 / 4');
      s.keys('q');
      expect(await s.exitStatus()).toBe(0);
    } finally {
      s.kill();
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

// The speaker notes in a real terminal (tmux): the built follower (`ragtop present --notes`) in one
// session, presenters publishing on the same local channel, started, restarted and killed around
// it. Skipped, visibly, where tmux or the build is missing.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { channelPath, createPublisher } from '../../src/cli/sync.js';
import type { PresenterState } from '../../src/viewmodel/agenda.js';
import { BIN, HAVE_BIN, HAVE_TMUX, ROOT } from './tmux.js';
import { INTERNALS } from '../built.js';

const why = !HAVE_TMUX ? 'tmux is not installed' : !HAVE_BIN ? 'dist/ is not built (npm run build)' : '';
if (why) console.warn(`tests/e2e/notes skipped: ${why}`);

const CATALOGUE = 'e2e-notes';
const titles = ['Overview', 'Adult social care: delayed transfers', 'Housing: homelessness preventions', 'Risk register'];

function stateOf(item: number, meetingStartedAt: number): PresenterState {
  return {
    meeting: 'Corporate Governance Committee',
    catalogue: CATALOGUE,
    item,
    count: titles.length,
    title: titles[item] ?? '',
    notes: `Speaker note for ${titles[item]}: lead with the winter pressures.`,
    commentary: [`Commentary point for item ${item + 1}.`],
    ...(titles[item + 1] ? { next: titles[item + 1] } : {}),
    minutes: 5,
    meetingStartedAt,
    itemStartedAt: Date.now(),
  };
}

let dir: string;
let env: NodeJS.ProcessEnv;
const socket = `ragtop-notes-test-${process.pid}`;
const tmux = (...a: string[]) => execFileSync('tmux', ['-L', socket, ...a], { encoding: 'utf8' });

/** The follower in its own tmux session; the pane stays open after it exits and shows EXIT=n. */
function startFollower(name: string, columns = 80, rows = 24) {
  // A catalogue named on the command line narrows the follower to its presenters (by its id).
  const catalogue = path.join(dir, 'catalogue.yaml');
  writeFileSync(catalogue, `catalogue:\n  id: ${CATALOGUE}\n  title: Notes\n  organisation: Test Council\npriorities:\n  - id: p\n    title: Priority\n    kpis:\n      - id: k\n        title: A KPI\n        unit: count\n        good: high\n`);
  const command = `cd '${ROOT}' && env RAGTOP_RUNTIME_DIR='${env['RAGTOP_RUNTIME_DIR']}' RAGTOP_CONFIG_DIR='${dir}' LANG=C.UTF-8 TERM=xterm-256color '${BIN}' present --notes '${catalogue}'; echo EXIT=$?; sleep 60`;
  for (let attempt = 0; ; attempt++) {
    try {
      tmux('new-session', '-d', '-s', name, '-x', String(columns), '-y', String(rows), command);
      break;
    } catch (e) {
      if (attempt >= 20) throw e;
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 50);
    }
  }
  const screen = () => tmux('capture-pane', '-t', name, '-p');
  const waitFor = async (text: string | RegExp, timeout = 5000) => {
    let last = '';
    await vi.waitFor(
      () => {
        last = screen();
        if (typeof text === 'string' ? !last.includes(text) : !text.test(last)) throw new Error(`screen does not show ${String(text)}:\n${last}`);
      },
      { timeout, interval: 50 },
    );
    return last;
  };
  return {
    screen,
    waitFor,
    keys: (...k: string[]) => void tmux('send-keys', '-t', name, ...k),
    pid() {
      const pane = tmux('display-message', '-p', '-t', name, '#{pane_pid}').trim();
      return Number(execFileSync('pgrep', ['-P', pane, '-f', 'node'], { encoding: 'utf8' }).trim().split('\n')[0]);
    },
    async exitStatus() {
      const s = await waitFor(/EXIT=\d+/);
      return Number(/EXIT=(\d+)/.exec(s)?.[1]);
    },
    kill() {
      try {
        tmux('kill-session', '-t', name);
      } catch {
        // already gone
      }
    },
  };
}

/** A presenter in another process, publishing `item` until it is killed. */
function childPresenter(item: number, meetingStartedAt: number): ChildProcess {
  const code = `import(${JSON.stringify(INTERNALS)}).then(({ sync: m }) => { const p = m.createPublisher(m.channelPath(process.env, ${JSON.stringify(CATALOGUE)})); p.publish(${JSON.stringify(stateOf(item, meetingStartedAt))}); setInterval(() => {}, 1000); });`;
  return spawn(process.execPath, ['-e', code], { env: { ...process.env, ...env }, stdio: 'ignore' });
}

beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'ragtop-e2e-notes-'));
  env = { RAGTOP_RUNTIME_DIR: path.join(dir, 'run') };
});

afterAll(() => {
  try {
    execFileSync('tmux', ['-L', socket, 'kill-server'], { stdio: 'ignore' });
  } catch {
    // no server left
  }
  rmSync(dir, { recursive: true, force: true });
});

describe.skipIf(why !== '')('speaker notes in a real terminal (tmux)', { timeout: 30000 }, () => {
  it('waits, follows the presenter item by item, and survives it closing, restarting and crashing', async () => {
    const f = startFollower('follow');
    const started = Date.now() - 7 * 60_000;
    try {
      // The follower first: it waits.
      await f.waitFor('waiting for the presenter');
      const channel = channelPath(env, CATALOGUE);
      let pub = createPublisher(channel);
      pub.publish(stateOf(1, started));
      let s = await f.waitFor('Item 2 / 4 · Adult social care: delayed transfers');
      expect(s).toContain('Speaker note for Adult social care');
      expect(s).toContain('Commentary point for item 2.');
      expect(s).toContain('Next: Housing: homelessness preventions');
      expect(s).toMatch(/meeting 7:0\d · item 0:0\d of 5:00/);
      // The clock ticks on its own.
      await f.waitFor(/item 0:0[2-9] of 5:00/);

      pub.publish(stateOf(2, started));
      s = await f.waitFor('Item 3 / 4 · Housing: homelessness preventions');
      expect(s).toContain('Next: Risk register');

      // The presenter closes: the last item stays, and the notes say it closed.
      pub.close();
      await f.waitFor('presenter closed; waiting for it to come back');
      expect(f.screen()).toContain('Item 3 / 4');

      // It comes back (a new process would publish from the item it opens on).
      pub = createPublisher(channel);
      pub.publish(stateOf(0, started));
      s = await f.waitFor('Item 1 / 4 · Overview');
      expect(s).not.toContain('presenter closed');
      pub.close();

      // A presenter killed outright leaves its socket behind; the next one starts anyway.
      const child = childPresenter(3, started);
      try {
        s = await f.waitFor('Item 4 / 4 · Risk register');
        expect(s).toContain('Next: (this is the last item)');
        child.kill('SIGKILL');
        await f.waitFor('lost the presenter; reconnecting');
      } finally {
        child.kill('SIGKILL');
      }
      pub = createPublisher(channel);
      pub.publish(stateOf(1, started));
      await f.waitFor('Item 2 / 4 · Adult social care');
      pub.close();

      // q leaves with status 0 and the terminal restored.
      f.keys('q');
      expect(await f.exitStatus()).toBe(0);
      expect(f.screen()).not.toContain('Item 2 / 4');
    } finally {
      f.kill();
    }
  });

  it('long notes scroll with the keys, every key counted, and a new item starts at the top', async () => {
    const f = startFollower('scroll', 60, 18);
    const channel = channelPath(env, CATALOGUE);
    const pub = createPublisher(channel);
    try {
      const long = { ...stateOf(1, Date.now()), notes: Array.from({ length: 40 }, (_, i) => `Note line ${i + 1}`).join('\n') };
      pub.publish(long);
      await f.waitFor('more lines below');
      f.keys('j', 'j', 'j', 'Down');
      await f.waitFor('▲ 5 more lines above');
      pub.publish(stateOf(2, Date.now()));
      const s = await f.waitFor('Item 3 / 4');
      expect(s).not.toContain('more lines above');
    } finally {
      pub.close();
      f.kill();
    }
  });

  it('Ctrl-C leaves with 130 and SIGTERM with 143, the terminal restored', async () => {
    const a = startFollower('ctrlc');
    try {
      await a.waitFor('waiting for the presenter');
      a.keys('C-c');
      expect(await a.exitStatus()).toBe(130);
    } finally {
      a.kill();
    }
    const b = startFollower('term', 60, 18);
    try {
      await b.waitFor('waiting for the presenter');
      process.kill(b.pid(), 'SIGTERM');
      expect(await b.exitStatus()).toBe(143);
      expect(b.screen()).not.toContain('waiting for the presenter');
    } finally {
      b.kill();
    }
  });
});

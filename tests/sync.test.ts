// The local channel between presenter and speaker notes, on real Unix sockets in a temporary
// runtime directory: either side first, the presenter restarting, stale sockets, hostile lines.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, lstatSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { runNotes } from '../src/cli/notes.js';
import { ChannelError, channelPath, createPublisher, follow, parseState, readOnce, runtimeDir, type Follower, type Publisher } from '../src/cli/sync.js';
import type { PresenterState } from '../src/viewmodel/agenda.js';
import type { NotesStatus } from '../src/viewmodel/notes.js';
import { BIN } from './built.js';

const skip = process.platform === 'win32';

const T0 = 1_582_120_800_000;
const state = (item: number, over: Partial<PresenterState> = {}): PresenterState => ({
  meeting: 'Corporate Governance Committee',
  catalogue: 'cat',
  item,
  count: 5,
  title: `Item title ${item}`,
  notes: `Notes for item ${item}`,
  commentary: [`Point for ${item}`],
  next: `Item title ${item + 1}`,
  minutes: 5,
  meetingStartedAt: T0,
  itemStartedAt: T0 + item * 60_000,
  ...over,
});

let dir: string;
let env: NodeJS.ProcessEnv;
const cleanups: (() => void)[] = [];

beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'ragtop-sync-'));
  env = { RAGTOP_RUNTIME_DIR: path.join(dir, 'run') };
});

afterEach(() => {
  for (const c of cleanups.splice(0).reverse()) c();
  rmSync(dir, { recursive: true, force: true });
});

function publisher(p: string, problems: string[] = []): Publisher {
  const pub = createPublisher(p, (m) => problems.push(m));
  cleanups.push(() => pub.close());
  return pub;
}

function follower(p: string, retryMs = 50) {
  const states: PresenterState[] = [];
  const statuses: NotesStatus[] = [];
  const f: Follower = follow(p, (s) => states.push(s), (s) => statuses.push(s), retryMs);
  cleanups.push(() => f.stop());
  return { f, states, statuses, last: () => states.at(-1) };
}

/** A raw server on the path sending `lines` to whoever connects (a hostile or odd presenter). */
function rawServer(p: string, lines: string[]): Promise<net.Server> {
  return new Promise((resolve) => {
    const server = net.createServer((s) => {
      s.on('error', () => undefined);
      for (const l of lines) s.write(l);
    });
    server.listen(p, () => resolve(server));
    cleanups.push(() => server.close());
  });
}

describe.skipIf(skip)('channelPath', () => {
  it('is a socket in the private runtime directory, one per catalogue', () => {
    const a = channelPath(env, 'lcc-2019-20');
    const b = channelPath(env, 'lcc-2024-25');
    expect(path.basename(a)).toBe('present-lcc-2019-20.sock');
    expect(a).not.toBe(b);
    expect(path.dirname(a)).toBe(path.join(dir, 'run'));
    expect(statSync(path.dirname(a)).mode & 0o777).toBe(0o700);
  });

  it('uses $XDG_RUNTIME_DIR/ragtop, else a ragtop-<uid> directory in the temporary directory', () => {
    const xdg = path.join(dir, 'xdg');
    mkdirSync(xdg, { mode: 0o700 });
    expect(runtimeDir({ XDG_RUNTIME_DIR: xdg })).toBe(path.join(xdg, 'ragtop'));
    expect(runtimeDir({ TMPDIR: dir })).toBe(path.join(dir, `ragtop-${process.getuid?.()}`));
    // An XDG_RUNTIME_DIR that does not exist (su, ssh) is not created: the fallback is used.
    expect(runtimeDir({ XDG_RUNTIME_DIR: path.join(dir, 'missing'), TMPDIR: dir })).toBe(path.join(dir, `ragtop-${process.getuid?.()}`));
  });

  // Node 20's mkdirSync(…, { recursive: true }) never returns for a missing path under /proc
  // (mkdir answers ENOENT there): XDG_RUNTIME_DIR=/proc ragtop present --notes spun forever.
  it.runIf(existsSync('/proc/self'))('a runtime directory that cannot be made under /proc: ragtop present --notes exits 2 naming it, never hangs', () => {
    const bin = BIN;
    const catalogue = path.resolve(import.meta.dirname, '..', 'catalogue', 'lcc-2019-20.yaml');
    const { RAGTOP_RUNTIME_DIR: _r, ...rest } = process.env;
    for (const over of [{ XDG_RUNTIME_DIR: '/proc' }, { RAGTOP_RUNTIME_DIR: '/proc/ragtop-test/run' }]) {
      const r = spawnSync(process.execPath, [bin, 'present', '--notes', catalogue], { env: { ...rest, ...over }, encoding: 'utf8', timeout: 20_000, stdio: ['ignore', 'pipe', 'pipe'] });
      expect(r.signal, 'ragtop present --notes hung making the runtime directory').toBeNull();
      expect(r.status).toBe(2);
      expect(r.stderr).toMatch(/^ragtop: cannot create the runtime directory \/proc\/ragtop\S*: ENOENT\n$/);
    }
  });

  it('tightens a directory others could enter, and refuses one that is not a directory', () => {
    const loose = path.join(dir, 'loose');
    mkdirSync(loose, { mode: 0o755 });
    runtimeDir({ RAGTOP_RUNTIME_DIR: loose });
    expect(statSync(loose).mode & 0o777).toBe(0o700);
    const file = path.join(dir, 'file');
    writeFileSync(file, '');
    expect(() => channelPath({ RAGTOP_RUNTIME_DIR: file }, 'x')).toThrow(ChannelError);
  });

  it('hashes unusual or long ids and stays under the socket path limit', () => {
    expect(path.basename(channelPath(env, '../../etc/passwd'))).toMatch(/^present-[A-Za-z0-9_.-]+-[0-9a-f]{8}\.sock$/);
    expect(path.basename(channelPath(env, '../../etc/passwd'))).not.toContain('/');
    const long = channelPath(env, 'x'.repeat(300));
    expect(Buffer.byteLength(long)).toBeLessThanOrEqual(100);
    expect(channelPath(env, 'a b')).not.toBe(channelPath(env, 'a_b'));
    const deep = { RAGTOP_RUNTIME_DIR: path.join(dir, 'd'.repeat(40)) };
    expect(Buffer.byteLength(channelPath(deep, 'lcc-2019-20-with-a-longer-name'))).toBeLessThanOrEqual(100);
    expect(() => channelPath({ RAGTOP_RUNTIME_DIR: path.join(dir, 'd'.repeat(120)) }, 'x')).toThrow(/too long/);
  });
});

describe.skipIf(skip)('publisher and follower', () => {
  it('the follower starts first, waits, then follows each state', async () => {
    const p = channelPath(env, 'cat');
    const fo = follower(p);
    expect(fo.statuses).toEqual(['waiting']);
    const pub = publisher(p);
    pub.publish(state(0));
    await vi.waitFor(() => expect(fo.last()?.title).toBe('Item title 0'));
    expect(fo.statuses).toEqual(['waiting', 'connected']);
    pub.publish(state(1));
    await vi.waitFor(() => expect(fo.last()?.item).toBe(1));
    expect(fo.last()).toEqual(state(1));
  });

  it('the publisher starts first: a follower gets the latest state on connect', async () => {
    const p = channelPath(env, 'cat');
    const pub = publisher(p);
    pub.publish(state(0));
    pub.publish(state(3));
    const fo = follower(p);
    await vi.waitFor(() => expect(fo.last()?.item).toBe(3));
    expect(fo.states).toHaveLength(1);
    // Several followers at once.
    const other = follower(p);
    await vi.waitFor(() => expect(other.last()?.item).toBe(3));
    pub.publish(state(4));
    await vi.waitFor(() => expect([fo.last()?.item, other.last()?.item]).toEqual([4, 4]));
  });

  it('survives the presenter restarting: ended, then the new presenter state', async () => {
    const p = channelPath(env, 'cat');
    const first = createPublisher(p);
    first.publish(state(2));
    const fo = follower(p);
    await vi.waitFor(() => expect(fo.last()?.item).toBe(2));
    first.close();
    await vi.waitFor(() => expect(fo.statuses.at(-1)).toBe('ended'));
    expect(fo.last()?.ended).toBe(true);
    // The socket file goes with the presenter.
    expect(() => lstatSync(p)).toThrow();
    const second = publisher(p);
    second.publish(state(0, { meetingStartedAt: T0 + 1 }));
    await vi.waitFor(() => expect(fo.last()?.meetingStartedAt).toBe(T0 + 1));
    expect(fo.last()?.ended).toBeUndefined();
    expect(fo.statuses.at(-1)).toBe('connected');
  });

  it('a presenter that goes away without closing is "lost", then followed again when it comes back', async () => {
    const p = channelPath(env, 'cat');
    const fo = follower(p);
    const sockets: net.Socket[] = [];
    const server = net.createServer((c) => {
      sockets.push(c);
      c.write(`${JSON.stringify(state(1))}\n`);
    });
    await new Promise<void>((resolve) => server.listen(p, resolve));
    await vi.waitFor(() => expect(fo.last()?.item).toBe(1));
    // A crash: the connections drop with no ended state, and nothing answers any more.
    server.close();
    for (const c of sockets) c.destroy();
    await vi.waitFor(() => expect(fo.statuses.at(-1)).toBe('lost'));
    expect(fo.last()?.ended).toBeUndefined();
    publisher(p).publish(state(2));
    await vi.waitFor(() => expect(fo.last()?.item).toBe(2));
    expect(fo.statuses).toEqual(['waiting', 'connected', 'lost', 'connected']);
  });

  it('removes a stale socket file left by a crashed presenter (nothing answers on it)', async () => {
    const p = channelPath(env, 'cat');
    // A presenter killed outright leaves its socket file behind.
    try {
      execFileSync(process.execPath, ['-e', `require('net').createServer().listen(${JSON.stringify(p)}, () => process.kill(process.pid, 'SIGKILL'))`], { stdio: 'ignore' });
    } catch {
      // killed, as meant
    }
    expect(lstatSync(p).isSocket()).toBe(true);
    const problems: string[] = [];
    const fo = follower(p);
    const pub = publisher(p, problems);
    pub.publish(state(1));
    await vi.waitFor(() => expect(fo.last()?.item).toBe(1));
    expect(problems).toEqual([]);
  }, 10000);

  it('never takes the socket of a live presenter; takes over when it closes', async () => {
    const p = channelPath(env, 'cat');
    const live = createPublisher(p);
    live.publish(state(1));
    const fo = follower(p);
    await vi.waitFor(() => expect(fo.last()?.item).toBe(1));
    const problems: string[] = [];
    const second = publisher(p, problems);
    second.publish(state(4));
    await vi.waitFor(() => expect(problems).toHaveLength(1));
    expect(problems[0]).toMatch(/another presenter/);
    // The follower still reads the first presenter.
    expect(fo.last()?.item).toBe(1);
    live.close();
    await vi.waitFor(() => expect(fo.last()?.item).toBe(4), { timeout: 5000 });
  }, 10000);

  it('refuses to replace a file that is not a socket', async () => {
    const p = channelPath(env, 'cat');
    writeFileSync(p, 'not a socket');
    const problems: string[] = [];
    publisher(p, problems);
    await vi.waitFor(() => expect(problems).toHaveLength(1));
    expect(problems[0]).toMatch(/not a socket/);
    expect(statSync(p).isFile()).toBe(true);
  });

  it('ignores malformed lines and strips control characters from every string', async () => {
    const p = channelPath(env, 'cat');
    const fo = follower(p);
    const evil = state(2, {
      meeting: 'Committee\x1b]0;pwned\x07',
      title: 'Title\x1b[2J\x1b[31m red\u202e',
      notes: 'Line one\nline\x00 two\x9b1m',
      commentary: ['ok\x07', 42 as unknown as string, '\x1b[1m'],
      next: 'Next\nitem',
    });
    await rawServer(p, [
      'not json\n',
      '{"meeting": 1}\n',
      '[1,2,3]\n',
      'null\n',
      `${JSON.stringify({ ...state(1), item: -1 })}\n`,
      `${JSON.stringify({ ...state(1), itemStartedAt: 'soon' })}\n`,
      // One line in two chunks, as a stream may deliver it.
      JSON.stringify(evil).slice(0, 20),
      `${JSON.stringify(evil).slice(20)}\n`,
    ]);
    await vi.waitFor(() => expect(fo.states).toHaveLength(1));
    const got = fo.states[0];
    expect(got?.meeting).toBe('Committee');
    expect(got?.title).toBe('Title red');
    expect(got?.notes).toBe('Line one\nline two');
    expect(got?.commentary).toEqual(['ok']);
    expect(got?.next).toBe('Next item');
    const strings = [got?.meeting, got?.title, got?.notes, got?.next, ...(got?.commentary ?? [])].join('');
    // eslint-disable-next-line no-control-regex
    expect(strings).not.toMatch(/[\x00-\x09\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]/);
  });

  it('drops an endless line without a newline and carries on', async () => {
    const p = channelPath(env, 'cat');
    const fo = follower(p);
    await rawServer(p, ['x'.repeat(1_200_000), 'more\n', `${JSON.stringify(state(3))}\n`]);
    await vi.waitFor(() => expect(fo.last()?.item).toBe(3));
    expect(fo.states).toHaveLength(1);
  });
});

describe('parseState', () => {
  it.each([
    ['', undefined],
    ['{}', undefined],
    ['{"meeting":"m","item":0,"count":1,"title":"t","meetingStartedAt":1,"itemStartedAt":2}', { meeting: 'm', item: 0, count: 1, title: 't', commentary: [], meetingStartedAt: 1, itemStartedAt: 2 }],
    ['{"meeting":"m","item":0.5,"count":1,"title":"t","meetingStartedAt":1,"itemStartedAt":2}', undefined],
    ['{"meeting":"m","item":0,"count":1,"title":"t","meetingStartedAt":1,"itemStartedAt":2,"minutes":-3,"ended":"yes","commentary":"x"}', { meeting: 'm', item: 0, count: 1, title: 't', commentary: [], meetingStartedAt: 1, itemStartedAt: 2 }],
  ])('%s', (line, want) => {
    expect(parseState(line)).toEqual(want);
  });
});

describe.skipIf(skip)('runNotes without a terminal', () => {
  const io = () => {
    const out = new PassThrough();
    let text = '';
    out.on('data', (d: Buffer) => (text += d.toString()));
    return { stdout: Object.assign(out, { isTTY: false }) as unknown as NodeJS.WriteStream, stdin: new PassThrough() as unknown as NodeJS.ReadStream, text: () => text };
  };

  it('prints "no presenter running" when none is', async () => {
    const o = io();
    expect(await runNotes({ stdin: o.stdin, stdout: o.stdout, env, catalogueId: 'cat' })).toBe(0);
    expect(o.text()).toBe('no presenter running\n');
  });

  it("prints the presenter's current item once", async () => {
    const pub = publisher(channelPath(env, 'cat'));
    pub.publish(state(1));
    const o = io();
    expect(await runNotes({ stdin: o.stdin, stdout: o.stdout, env, catalogueId: 'cat', now: () => T0 + 61_000 + 30_000 })).toBe(0);
    expect(o.text()).toContain('Item 2 / 5 · Item title 1');
    expect(o.text()).toContain('meeting 1:31 · item 0:31 of 5:00');
    expect(o.text()).toContain('Notes for item 1');
    expect(o.text()).toContain('Next: Item title 2');
  });

  it('reads one state with readOnce, undefined when nothing answers', async () => {
    const p = channelPath(env, 'cat');
    expect(await readOnce(p, 200)).toBeUndefined();
    publisher(p).publish(state(2));
    await vi.waitFor(async () => expect((await readOnce(p, 500))?.item).toBe(2));
  });
});

describe.skipIf(skip)('finding the presenters (one socket each)', async () => {
  const { discover, findPresenter } = await import('../src/cli/discover.js');
  it('lists every presenter that answers, narrowed to a named catalogue; a dead socket is skipped', async () => {
    publisher(channelPath(env, 'cat', 101)).publish(state(1));
    publisher(channelPath(env, 'dog', 102)).publish(state(2, { catalogue: 'dog', meeting: 'Dog committee' }));
    // A socket file nothing listens on any more.
    await rawServer(channelPath(env, 'gone', 103), []).then((s) => s.close());
    await vi.waitFor(async () => expect((await discover(env)).map((r) => r.state.catalogue).sort()).toEqual(['cat', 'dog']));
    expect((await discover(env, 'dog')).map((r) => r.state.meeting)).toEqual(['Dog committee']);
    expect(await discover(env, 'cow')).toEqual([]);
  });

  it('follows the only presenter; with two, offers both and follows the one chosen', async () => {
    const states: PresenterState[] = [];
    const statuses: NotesStatus[] = [];
    let choices: readonly PresenterState[] = [];
    const one = publisher(channelPath(env, 'cat', 201));
    one.publish(state(1));
    const f = findPresenter(env, undefined, (s) => states.push(s), (s) => statuses.push(s), (c) => (choices = c), 50);
    cleanups.push(() => f.stop());
    await vi.waitFor(() => expect(states.at(-1)?.item).toBe(1));
    one.close();
    await vi.waitFor(() => expect(statuses.at(-1)).toBe('ended'));
    // Two presenters now: the speaker is asked.
    publisher(channelPath(env, 'cat', 202)).publish(state(3, { meetingStartedAt: T0 + 1 }));
    publisher(channelPath(env, 'dog', 203)).publish(state(4, { catalogue: 'dog', meetingStartedAt: T0 + 2 }));
    await vi.waitFor(() => expect([statuses.at(-1), choices.length]).toEqual(['choose', 2]));
    f.choose(2);
    await vi.waitFor(() => expect(states.at(-1)).toMatchObject({ item: 4, catalogue: 'dog' }));
  });
});

describe.skipIf(skip)('stale presenter sockets', async () => {
  const { discover } = await import('../src/cli/discover.js');
  it('removes a socket nothing answers on whose process is gone; keeps one whose process lives', async () => {
    // What a presenter killed outright leaves: a file of its name that nothing answers on. One
    // of a pid that cannot be running (beyond the kernel's limit), one of this live process.
    runtimeDir(env);
    const dead = channelPath(env, 'cat', 99_999_999);
    const mine = channelPath(env, 'cat', process.pid);
    for (const p of [dead, mine]) writeFileSync(p, '');
    await discover(env);
    expect(existsSync(dead)).toBe(false);
    expect(existsSync(mine)).toBe(true);
  });
});

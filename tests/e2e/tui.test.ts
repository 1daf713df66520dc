// End-to-end flows of the real binary in tmux. Skipped, visibly, where tmux or the build is missing.
import { describe, expect, it } from 'vitest';
import { HAVE_BIN, HAVE_TMUX, ROOT, start } from './tmux.js';

const why = !HAVE_TMUX ? 'tmux is not installed' : !HAVE_BIN ? 'dist/ is not built (npm run build)' : '';
if (why) console.warn(`tests/e2e skipped: ${why}`);

describe.skipIf(why !== '')('the real terminal (tmux)', { timeout: 30000 }, () => {
  it('opens on the bundled data, walks the views, and q restores the terminal (exit 0)', async () => {
    const s = start([]);
    try {
      await s.waitFor('rated KPIs achieving target');
      expect(s.screen()).toContain('2019/20 Q3');
      s.keys('?');
      await s.waitFor('Any key closes this help');
      s.keys('x');
      await s.waitFor('rated KPIs achieving target');
      s.keys('[');
      await s.waitFor('2019/20 Q2');
      s.keys(':');
      s.literal('kpi defects-4h');
      s.keys('Enter');
      await s.waitFor('Overview › ');
      s.keys('Escape');
      s.keys('q');
      expect(await s.exitStatus()).toBe(0);
      // The alternate screen is gone: the shell's own output is what remains.
      expect(s.screen()).not.toContain('rated KPIs achieving target');
    } finally {
      s.kill();
    }
  });

  it('Ctrl-C leaves with status 130, SIGTERM with 143, SIGHUP with 129, the terminal restored', async () => {
    const a = start([]);
    try {
      await a.waitFor('rated KPIs achieving target');
      a.keys('C-c');
      expect(await a.exitStatus()).toBe(130);
    } finally {
      a.kill();
    }
    const b = start([]);
    try {
      await b.waitFor('rated KPIs achieving target');
      process.kill(b.pid(), 'SIGTERM');
      expect(await b.exitStatus()).toBe(143);
      expect(b.screen()).not.toContain('rated KPIs achieving target');
    } finally {
      b.kill();
    }
    const c = start([]);
    try {
      await c.waitFor('rated KPIs achieving target');
      process.kill(c.pid(), 'SIGHUP');
      expect(await c.exitStatus()).toBe(129);
    } finally {
      c.kill();
    }
  });

  it('NO_COLOR and --no-color draw no colour; RAGs still read as symbol and word', async () => {
    for (const [args, env] of [
      [[], { NO_COLOR: '1' }],
      [['--no-color'], {}],
    ] as const) {
      const s = start([...args], { env });
      try {
        await s.waitFor('rated KPIs achieving target');
        const raw = s.screen(true);
        // No foreground or background colour SGR parameters (30–37, 38, 39?, 40–47, 48, 90–97, 100–107).
        // eslint-disable-next-line no-control-regex
        const colours = [...raw.matchAll(/\x1b\[([0-9;]*)m/g)].flatMap((m) => (m[1] ?? '').split(';')).filter((p) => /^(3[0-8]|4[0-8]|9[0-7]|10[0-7])$/.test(p));
        expect(colours).toEqual([]);
        expect(s.screen()).toMatch(/✗ Red/);
        s.keys('q');
        expect(await s.exitStatus()).toBe(0);
      } finally {
        s.kill();
      }
    }
  });

  it('too small a terminal gets a message, and recovers on resize', async () => {
    const s = start([], { columns: 50, rows: 15 });
    try {
      await s.waitFor('Enlarge the terminal');
      s.resize(80, 24);
      await s.waitFor('rated KPIs achieving target');
      s.keys('q');
      expect(await s.exitStatus()).toBe(0);
    } finally {
      s.kill();
    }
  });
});

describe.skipIf(why !== '')('live reload and the data files (tmux)', { timeout: 30000 }, () => {
  const copyBundled = async () => {
    const { cpSync, mkdtempSync } = await import('node:fs');
    const os = await import('node:os');
    const path = await import('node:path');
    const dir = mkdtempSync(path.join(os.tmpdir(), 'ragtop-live-'));
    cpSync(path.join(ROOT, 'catalogue'), path.join(dir, 'catalogue'), { recursive: true });
    cpSync(path.join(ROOT, 'sample-data', 'lcc-2019-20'), path.join(dir, 'sample-data', 'lcc-2019-20'), { recursive: true });
    return { dir, catalogue: path.join(dir, 'catalogue', 'lcc-2019-20.yaml'), q3: path.join(dir, 'sample-data', 'lcc-2019-20', '2019-20-Q3.yaml') };
  };

  it('a save reloads within a second; a broken save keeps the last good data with a banner', async () => {
    const { readFileSync, writeFileSync } = await import('node:fs');
    const d = await copyBundled();
    const s = start([d.catalogue]);
    try {
      await s.waitFor('9 of 33 rated KPIs achieving target');
      s.keys('j', 'j');
      const good = readFileSync(d.q3, 'utf8');
      writeFileSync(d.q3, good.replace('defects-4h:            { value: 89.19', 'defects-4h:            { value: 99.19'));
      // The cursor stays where it was (two KPIs down); the Q3 ratings row shows the new green.
      await s.waitFor(/2019\/20 Q3 ◂ +✓ 10 ! 10 ✗ 13/, 3000);
      expect(s.screen()).toContain('▸');
      writeFileSync(d.q3, `${good}\n  broken: [\n`);
      await s.waitFor('reload failed, showing the last good data', 3000);
      expect(s.screen()).toMatch(/2019\/20 Q3 ◂ +✓ 10 ! 10 ✗ 13/);
      writeFileSync(d.q3, good);
      await s.waitFor(/2019\/20 Q3 ◂ +✓ {2}9 ! 10 ✗ 14/, 3000);
      expect(s.screen()).not.toContain('reload failed');
      s.keys('q');
      expect(await s.exitStatus()).toBe(0);
    } finally {
      s.kill();
    }
  });

  it('the data directory replaced by a copy (as git checkout or an untar does): later saves still reload', async () => {
    const { cpSync, readFileSync, renameSync, writeFileSync } = await import('node:fs');
    const path = await import('node:path');
    const d = await copyBundled();
    const data = path.dirname(d.q3);
    const s = start([d.catalogue]);
    try {
      await s.waitFor('9 of 33 rated KPIs achieving target');
      renameSync(data, `${data}.old`);
      cpSync(`${data}.old`, data, { recursive: true });
      const good = readFileSync(d.q3, 'utf8');
      writeFileSync(d.q3, good.replace('defects-4h:            { value: 89.19', 'defects-4h:            { value: 99.19'));
      await s.waitFor(/2019\/20 Q3 ◂ +✓ 10 ! 10 ✗ 13/, 5000);
      // And again, once more replaced.
      renameSync(data, `${data}.older`);
      cpSync(`${data}.old`, data, { recursive: true });
      await s.waitFor(/2019\/20 Q3 ◂ +✓ {2}9 ! 10 ✗ 14/, 5000);
      expect(s.screen()).not.toContain('no longer in the data');
      s.keys('q');
      expect(await s.exitStatus()).toBe(0);
    } finally {
      s.kill();
    }
  });

  it('the data directory emptied shows a banner (the last good data stays); refilled, it reloads', async () => {
    const { cpSync, mkdirSync, renameSync } = await import('node:fs');
    const path = await import('node:path');
    const d = await copyBundled();
    const data = path.dirname(d.q3);
    const s = start([d.catalogue]);
    try {
      await s.waitFor('9 of 33 rated KPIs achieving target');
      renameSync(data, `${data}.old`);
      mkdirSync(data);
      await s.waitFor('reload failed, showing the last good data', 5000);
      expect(s.screen()).toContain('9 of 33 rated KPIs achieving target');
      cpSync(`${data}.old`, data, { recursive: true });
      await s.waitFor(/rated KPIs achieving target[^]*2019\/20 Q3 ◂/, 5000);
      await s.waitFor(/^(?![^]*reload failed)/, 5000);
      s.keys('q');
      expect(await s.exitStatus()).toBe(0);
    } finally {
      s.kill();
    }
  });

  it('the period on screen deleted: the app says so and names the one it shows', async () => {
    const { rmSync } = await import('node:fs');
    const path = await import('node:path');
    const d = await copyBundled();
    const s = start([d.catalogue]);
    try {
      await s.waitFor('9 of 33 rated KPIs achieving target');
      // The quarter and its agenda (which would not load without it), as going back a commit does.
      rmSync(path.join(path.dirname(d.q3), 'agenda-2019-20-Q3.yaml'));
      rmSync(d.q3);
      await s.waitFor('2019/20 Q3 is no longer in the data; showing 2019/20 Q2', 5000);
      expect(s.screen().split('\n')[0]).toContain('2019/20 Q2');
      s.keys('q');
      expect(await s.exitStatus()).toBe(0);
    } finally {
      s.kill();
    }
  });

  it('a whole scripted session writes nothing to any data file', async () => {
    const { readFileSync, readdirSync, statSync } = await import('node:fs');
    const path = await import('node:path');
    const d = await copyBundled();
    const snapshot = () => {
      const out: Record<string, string> = {};
      const walk = (p: string) => {
        for (const name of readdirSync(p)) {
          const f = path.join(p, name);
          if (statSync(f).isDirectory()) walk(f);
          else out[path.relative(d.dir, f)] = `${statSync(f).mtimeMs}:${readFileSync(f).toString('base64')}`;
        }
      };
      walk(d.dir);
      return out;
    };
    const before = snapshot();
    const s = start([d.catalogue]);
    try {
      await s.waitFor('rated KPIs achieving target');
      for (const k of ['2', 'Enter', 'j', 'Enter', '[', ']', '5', '6', 'Enter', 'Escape', '?', 'x', '/', 'r', 'Enter', 'Escape', '1']) s.keys(k);
      await s.waitFor('rated KPIs achieving target');
      s.keys('q');
      expect(await s.exitStatus()).toBe(0);
    } finally {
      s.kill();
    }
    expect(snapshot()).toEqual(before);
  });
});

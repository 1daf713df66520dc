// End-to-end flows of the real binary in tmux. Skipped, visibly, where tmux or the build is missing.
import { describe, expect, it } from 'vitest';
import { HAVE_BIN, HAVE_TMUX, start } from './tmux.js';

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

  it('Ctrl-C leaves with status 130, SIGTERM with 143, the terminal restored', async () => {
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

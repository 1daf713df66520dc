// Only the rows that change are written after each key (see src/cli/fullscreen.ts). What that
// leaves on a real terminal must be exactly what a whole redraw of the same state shows: no stale
// row after a windowed list scrolls, a screen changes or the period moves. The whole redraw is
// forced the way a person would after stray output on the terminal: Ctrl-L (the frame writer
// forgets what the terminal shows and paints every row). Stray text written to the terminal first
// tells when the whole redraw has happened (it is gone).
import { existsSync, readlinkSync, writeFileSync } from 'node:fs';
import { describe, expect, it, vi } from 'vitest';
import { HAVE_BIN, HAVE_TMUX, start, type Session } from './tmux.js';

const why = !HAVE_TMUX ? 'tmux is not installed' : !HAVE_BIN ? 'dist/ is not built (npm run build)' : '';

/** The screen once it has stopped changing (three equal captures in a row). */
async function settled(s: Session, timeout = 8000): Promise<string> {
  const until = Date.now() + timeout;
  let last = s.screen();
  let same = 0;
  while (Date.now() < until) {
    await new Promise((r) => setTimeout(r, 80));
    const now = s.screen();
    same = now === last ? same + 1 : 0;
    last = now;
    if (same >= 3) return now;
  }
  throw new Error(`the screen kept changing:\n${last}`);
}

/** Presenter timers tick while we look: compare them as a shape, not a value. */
const still = (screen: string) => screen.replace(/\d+:\d\d/g, 'm:ss');

/** Another program writes to the same terminal (a warning, a wall message). */
function stray(s: Session): void {
  writeFileSync(readlinkSync(`/proc/${s.pid()}/fd/1`), '\x1b[2;3HSTRAY OUTPUT FROM ELSEWHERE');
}

/** Checks that the screen now equals a whole redraw of the same state. */
async function matchesRedraw(s: Session, expectText: string | RegExp): Promise<void> {
  await s.waitFor(expectText);
  const incremental = await settled(s);
  stray(s);
  await s.waitFor('STRAY OUTPUT');
  s.keys('C-l');
  await vi.waitFor(() => expect(s.screen()).not.toContain('STRAY OUTPUT'), { timeout: 20000, interval: 50 });
  const whole = await settled(s);
  expect(still(incremental)).toBe(still(whole));
}

describe.skipIf(why !== '' || !existsSync('/proc/self/fd'))('incremental frames leave what a whole redraw draws (tmux)', { timeout: 120000 }, () => {
  it.each([
    [80, 24],
    [60, 18],
  ])('at %i×%i: scrolled lists, a detail, the register, the checks, the heat grid, the period, the presenter', async (columns, rows) => {
    const s = start([], { columns, rows });
    // All of a step's keys in one tmux command, so that they reach the app together: one key at a
    // time, a busy machine let the screen rest between two of them and look settled mid-step.
    const keys = (...k: string[]) => s.keys(...k);
    const repeat = (key: string, n: number) => keys(...Array.from({ length: n }, () => key));
    try {
      await s.waitFor('rated KPIs achieving target');
      // The KPI table of a priority, windowed: down past the middle (it scrolls by a row a key),
      // down a page, to the end and back up.
      keys('2', 'Enter');
      await s.waitFor('▸');
      repeat('j', 14);
      // 14 rows down the window has scrolled ("more below" shows before the keys are read).
      await matchesRedraw(s, /more above/);
      keys('PageDown', 'j', 'j');
      await matchesRedraw(s, /more above/);
      keys('G');
      await matchesRedraw(s, /more above/);
      repeat('k', 9);
      // Back up from the end, the window scrolls up: "more below" again (the end showed none, so
      // only the new state can satisfy the wait; "more above" was on the screen before the keys).
      await matchesRedraw(s, /more below/);
      // A KPI's detail, scrolled; a period back and forth; back to the table.
      keys('Enter');
      await s.waitFor(' › ');
      repeat('j', 6);
      await matchesRedraw(s, ' › ');
      keys('[');
      await matchesRedraw(s, '2019/20 Q2');
      keys(']', 'Escape');
      await matchesRedraw(s, '▸');
      // The register and the checks, scrolled; the heat grid walked around.
      keys('3');
      repeat('j', 12);
      await matchesRedraw(s, 'Register');
      keys('6');
      repeat('j', 25);
      await matchesRedraw(s, 'Checks');
      keys('G');
      repeat('k', 4);
      await matchesRedraw(s, 'Checks');
      keys('4', 'Right', 'Right', 'Down', 'Down', 'Left', 'Up', 'm', 'r');
      await matchesRedraw(s, 'Heat grid');
      // The overview after all that, then the presenter: items forward and back, the index.
      keys('1');
      await matchesRedraw(s, 'rated KPIs achieving target');
      keys('p', 'n', 'n', 'n');
      await matchesRedraw(s, 'item 4 / 17');
      keys('N', 'i', 'j', 'j');
      await matchesRedraw(s, 'Enter goes to an item');
      keys('Enter');
      await matchesRedraw(s, 'item 5 / 17');
      keys('q');
      await matchesRedraw(s, 'rated KPIs achieving target');
      keys('q');
      expect(await s.exitStatus()).toBe(0);
    } finally {
      s.kill();
    }
  });

  it('Ctrl-L paints over anything else written to the terminal', async () => {
    const s = start([], { columns: 80, rows: 24 });
    try {
      await s.waitFor('rated KPIs achieving target');
      const before = await settled(s);
      stray(s);
      await s.waitFor('STRAY OUTPUT');
      s.keys('C-l');
      await vi.waitFor(() => expect(s.screen()).not.toContain('STRAY OUTPUT'), { timeout: 20000, interval: 50 });
      expect(await settled(s)).toBe(before);
      s.keys('q');
      expect(await s.exitStatus()).toBe(0);
    } finally {
      s.kill();
    }
  });
});

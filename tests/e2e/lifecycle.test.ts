// The terminal through the app's life cycle, in a real terminal (tmux): Ctrl-Z (or SIGTSTP) gives
// the shell a normal terminal, `fg` brings the app back whole and answering keys; SIGQUIT restores
// the terminal like SIGTERM. The pane's modes are read from tmux (alternate screen, cursor shown,
// autowrap).
import { describe, expect, it, vi } from 'vitest';
import { HAVE_BIN, HAVE_TMUX, start, type Session } from './tmux.js';

const why = !HAVE_TMUX ? 'tmux is not installed' : !HAVE_BIN ? 'dist/ is not built (npm run build)' : '';

const APP = 'alt=1 cursor=0 wrap=0';
const SHELL = 'alt=0 cursor=1 wrap=1';

async function modesAre(s: Session, want: string) {
  await vi.waitFor(() => expect(s.modes()).toBe(want), { timeout: 5000, interval: 50 });
}

describe.skipIf(why !== '')('the terminal through suspend and signals (tmux)', { timeout: 40000 }, () => {
  it.each(['Ctrl-Z', 'SIGTSTP'])('%s gives the shell its terminal back; fg redraws the whole app, and keys work', async (how) => {
    const s = start([], { shell: true });
    try {
      await s.waitFor('rated KPIs achieving target', 10000);
      // Once the checks have run (the header gives their counts), the frame stays as it is.
      await s.waitFor(/\d+ errors? \d+ warnings?/);
      await modesAre(s, APP);
      const before = s.screen();
      if (how === 'Ctrl-Z') s.keys('C-z');
      else process.kill(s.pid(), 'SIGTSTP');
      await s.waitFor(/Stopped/);
      await modesAre(s, SHELL);
      // The shell's own screen: the app's frame is not on it.
      expect(s.screen()).not.toContain('rated KPIs achieving target');
      s.literal('fg');
      s.keys('Enter');
      await modesAre(s, APP);
      // The whole frame, as it was (the alternate screen was left blank by the shell's terminal).
      await vi.waitFor(() => expect(s.screen()).toBe(before), { timeout: 5000, interval: 50 });
      // Raw mode again: one key, no Enter, changes the period.
      s.keys('[');
      await s.waitFor(/2019\/20 Q2/);
      s.keys('q');
      expect(await s.exitStatus()).toBe(0);
      await modesAre(s, SHELL);
    } finally {
      s.kill();
    }
  });

  it('SIGQUIT restores the terminal (autowrap too) and leaves with status 131', async () => {
    const s = start([]);
    try {
      await s.waitFor('rated KPIs achieving target');
      await modesAre(s, APP);
      process.kill(s.pid(), 'SIGQUIT');
      expect(await s.exitStatus()).toBe(131);
      expect(s.modes()).toBe(SHELL);
      expect(s.screen()).not.toContain('rated KPIs achieving target');
    } finally {
      s.kill();
    }
  });
});

// The real binary on a KPI of 1.7976931348623157e308: its detail draws (keys 2, Enter, Enter) and
// q quits with status 0. Scaling that KPI's chart once spun for ever, with q and Ctrl-C dead.
import { describe, expect, it } from 'vitest';
import { HAVE_BIN, HAVE_TMUX, start } from './tmux.js';

const why = !HAVE_TMUX ? 'tmux is not installed' : !HAVE_BIN ? 'dist/ is not built (npm run build)' : '';
if (why) console.warn(`tests/e2e skipped: ${why}`);

describe.skipIf(why !== '')('an extreme number in the real terminal (tmux)', { timeout: 30000 }, () => {
  it('opens the KPI detail of the largest double and quits with q', async () => {
    const s = start(['tests/fixtures/extreme-number/catalogue.yaml']);
    try {
      await s.waitFor('rated KPIs achieving target');
      s.keys('2');
      await s.waitFor('▸ Place to live');
      s.keys('Enter');
      await s.waitFor('│ Street repairs do'); // the row (its title cut to leave room for the value and its findings)
      s.keys('Enter');
      await s.waitFor('Value        1.7976931348623157e+308%');
      s.keys('G');
      await s.waitFor(/\de308 ┤/);
      expect(s.screen()).not.toMatch(/NaN|Infinity/);
      s.keys('q');
      expect(await s.exitStatus()).toBe(0);
    } finally {
      s.kill();
    }
  });
});

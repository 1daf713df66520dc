// Hostile data against a real terminal (tmux with the clipboard open to the pane, as many
// terminals are): a period file whose name and whose benchmark keys carry OSC 52 (clipboard) and
// OSC 0 (window title) sequences must change neither, on the Checks view and in the KPI detail.
import { describe, expect, it } from 'vitest';
import { catalogue, writeTree } from '../helpers.js';
import { HAVE_BIN, HAVE_TMUX, start } from './tmux.js';

const why = !HAVE_TMUX ? 'tmux is not installed' : !HAVE_BIN ? 'dist/ is not built (npm run build)' : '';
if (why) console.warn(`tests/e2e skipped: ${why}`);

const OSC = '\x1b]52;c;UFdORUQ=\x07\x1b]0;PWNED\x07';

describe.skipIf(why !== '')('hostile data in a real terminal', { timeout: 30000 }, () => {
  it('neither the clipboard nor the title changes, whatever screen shows the data', async () => {
    const dir = writeTree({
      'catalogue.yaml': catalogue('      - { id: k1, title: Repairs on time, unit: percent, good: high, target: 90 }\n'),
      '2019-20-Q1.yaml': 'period: 2019/20 Q1\nobservations:\n  k1: { value: 91 }\n',
      // YAML escapes: \e is ESC, \a is BEL, \x9d the C1 OSC, \u202e a bidi override.
      [`2019-20-Q2${OSC}.yaml`]: 'period: 2019/20 Q2\nobservations:\n  k1: { value: 9100, benchmarks: { "\\e]52;c;UFdORUQ=\\a\\e]0;PWNED\\anational": 95, "\\x9d52;c;QzE=\\x9cregional\\u202e": 90 } }\n',
    });
    const s = start([`${dir}/catalogue.yaml`], { columns: 120, rows: 40, clipboard: true });
    try {
      await s.waitFor('rated KPIs achieving target');
      const title = s.display('#{pane_title}');
      s.keys('6');
      await s.waitFor('2019-20-Q2\\x1b]52;c;UFdORUQ=');
      s.keys('2');
      // The KPIs view (the checks view before it names the KPI too: wait for this view's own line).
      await s.waitFor('1 priorities · 1 KPIs');
      s.keys('Enter');
      await s.waitFor(/Repairs on time/);
      s.keys('Enter');
      await s.waitFor('national');
      await s.waitFor('regional');
      s.keys('q');
      expect(await s.exitStatus()).toBe(0);
      expect(s.display('#{pane_title}')).toBe(title);
      expect(s.display('#{pane_title}')).not.toContain('PWNED');
      expect(s.buffers()).toBe('');
    } finally {
      s.kill();
    }
  });
});

// A C locale makes the ASCII glyph set automatic: `LANG=C ragtop` writes only ASCII to the
// terminal (the bytes the program writes, read through tmux's pipe-pane), on every view and help.
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { unsafeTerminalBytes } from '../terminal-bytes.js';
import { HAVE_BIN, HAVE_TMUX, start } from './tmux.js';

const why = !HAVE_TMUX ? 'tmux is not installed' : !HAVE_BIN ? 'dist/ is not built (npm run build)' : '';

describe.skipIf(why !== '')('LANG=C in a real terminal', { timeout: 30000 }, () => {
  it('draws only ASCII on views 1 to 6, a KPI, the help and a slide', async () => {
    const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'ragtop-ascii-')), 'bytes');
    const s = start(['catalogue/lcc-2019-20.yaml'], { env: { LANG: 'C', LC_ALL: '', LC_CTYPE: '' } });
    try {
      s.record(file);
      await s.waitFor('rated KPIs achieving target', 10000);
      for (const [key, text] of [['2', 'Lancashire'], ['enter', 'KPI'], ['enter', 'Priority'], ['3', 'Register'], ['4', 'Residual'], ['5', 'Finance'], ['6', 'Checks'], ['?', 'quit'], ['escape', 'Checks'], ['p', 'item 1'], ['n', 'item 2']] as const) {
        s.keys(key === 'enter' ? 'Enter' : key === 'escape' ? 'Escape' : key);
        await s.waitFor(text);
      }
      s.keys('q');
      await vi.waitFor(() => expect(existsSync(file) && readFileSync(file).length > 0).toBe(true));
      const bytes = readFileSync(file, 'latin1');
      expect(bytes.length).toBeGreaterThan(2000);
      expect(unsafeTerminalBytes(bytes, { allow: 'writer', ascii: true, controls: '\n\r' })).toEqual([]);
    } finally {
      s.kill();
    }
  });
});

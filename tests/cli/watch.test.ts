// Live reload's watchers: a save calls back; so does a save after the watched directory was
// replaced (moved away and copied back, as `git checkout` or an untar does), or moved away and
// back. Every wait is for the callback, never for a time.
import { cpSync, mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { watchData } from '../../src/cli/watch.js';

const dirs: string[] = [];
const stops: (() => void)[] = [];
afterEach(() => {
  for (const s of stops.splice(0)) s();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function tree() {
  const root = mkdtempSync(path.join(os.tmpdir(), 'ragtop-watch-'));
  dirs.push(root);
  const data = path.join(root, 'data');
  const cat = path.join(root, 'catalogue');
  mkdirSync(data);
  mkdirSync(cat);
  writeFileSync(path.join(data, 'q1.yaml'), 'a: 1\n');
  writeFileSync(path.join(cat, 'c.yaml'), 'c: 1\n');
  return { root, data, cat };
}

/** Counts callbacks; `next()` waits for one more than were seen when it was called. */
function counter(paths: string[], options?: Parameters<typeof watchData>[3]) {
  let calls = 0;
  stops.push(watchData(paths, () => (calls += 1), 20, options));
  return {
    get: () => calls,
    async after(action: () => void) {
      const before = calls;
      action();
      await vi.waitFor(() => expect(calls).toBeGreaterThan(before), { timeout: 4000, interval: 20 });
    },
  };
}

describe('live reload watchers', () => {
  it('call back on a save in the data directory', async () => {
    const t = tree();
    const c = counter([t.cat, t.data]);
    await c.after(() => writeFileSync(path.join(t.data, 'q1.yaml'), 'a: 2\n'));
  });

  it.each([
    // The bundled layout: only the data directory's parent changes. Polling is off: the parent's
    // watcher must see it.
    ['replaced by a copy', (d: string) => (renameSync(d, `${d}.old`), cpSync(`${d}.old`, d, { recursive: true })), { pollMs: 0 }],
    // The periodic check alone (no parent watcher event assumed).
    ['replaced by a copy (periodic check)', (d: string) => (renameSync(d, `${d}.old`), cpSync(`${d}.old`, d, { recursive: true })), { pollMs: 100, parents: false }],
  ] as const)('follow the data directory when it is %s: a later save still calls back', async (_what, replace, options) => {
    const t = tree();
    const c = counter([t.cat, t.data], options);
    // The replacement itself is a change (the files may differ).
    await c.after(() => replace(t.data));
    await c.after(() => writeFileSync(path.join(t.data, 'q1.yaml'), 'a: 3\n'));
    await c.after(() => writeFileSync(path.join(t.data, 'q2.yaml'), 'a: 4\n'));
  });

  it('keep following the data directory when it is moved away and back (the same directory)', async () => {
    const t = tree();
    const c = counter([t.cat, t.data], { pollMs: 0 });
    renameSync(t.data, `${t.data}.old`);
    renameSync(`${t.data}.old`, t.data);
    await c.after(() => writeFileSync(path.join(t.data, 'q1.yaml'), 'a: 3\n'));
  });

  it('follow the catalogue\'s directory when it is replaced', async () => {
    const t = tree();
    const c = counter([t.cat, t.data], { pollMs: 0 });
    await c.after(() => (renameSync(t.cat, `${t.cat}.old`), cpSync(`${t.cat}.old`, t.cat, { recursive: true })));
    await c.after(() => writeFileSync(path.join(t.cat, 'c.yaml'), 'c: 2\n'));
  });

  it('call back when the data directory goes, and again when it comes back', async () => {
    const t = tree();
    const c = counter([t.cat, t.data], { pollMs: 0 });
    await c.after(() => rmSync(t.data, { recursive: true }));
    await c.after(() => (mkdirSync(t.data), writeFileSync(path.join(t.data, 'q1.yaml'), 'a: 5\n')));
    await c.after(() => writeFileSync(path.join(t.data, 'q1.yaml'), 'a: 6\n'));
  });
});

// The frame writer (src/cli/frame-writer.ts) rests on what Ink 6.8 does in its debug mode: each
// render is one write() of the whole frame, with no cursor movement or erasing of its own. Ink is
// pinned exactly (package.json) because a release could change that; this test says so first.
import { EventEmitter } from 'node:events';
import { Text } from 'ink';
import { render } from 'ink';
import React from 'react';
import { describe, expect, it, vi } from 'vitest';

/** A terminal-sized stdout that keeps every write. */
function recordingStdout(): NodeJS.WriteStream & { writes: string[] } {
  const out = Object.assign(new EventEmitter(), {
    columns: 40,
    rows: 10,
    isTTY: true,
    writes: [] as string[],
    write(chunk: string | Uint8Array, a?: unknown, b?: unknown) {
      out.writes.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
      const cb = typeof a === 'function' ? a : b;
      if (typeof cb === 'function') (cb as () => void)();
      return true;
    },
  });
  return out as unknown as NodeJS.WriteStream & { writes: string[] };
}

const rows = (n: number) => Array.from({ length: (n % 3) + 1 }, () => 'row').join(' ');
const Frame = ({ n }: { n: number }) => (
  <>
    <Text>frame {n}</Text>
    <Text>{rows(n)}</Text>
  </>
);

describe('Ink in debug mode, as the frame writer needs it', () => {
  it('writes each frame whole, in one write, and nothing else', async () => {
    const stdout = recordingStdout();
    const app = render(<Frame n={0} />, { stdout, debug: true, exitOnCtrlC: false, patchConsole: false });
    const frames = [0];
    for (let n = 1; n <= 5; n++) {
      app.rerender(<Frame n={n} />);
      frames.push(n);
      await vi.waitFor(() => expect(stdout.writes.filter((w) => w !== '').at(-1)).toBe(`frame ${n}\n${rows(n)}`));
    }
    // One write per render, each the whole frame: no partial frame, no escape sequence.
    const during = stdout.writes.filter((w) => w !== '');
    expect(during).toEqual(frames.map((n) => `frame ${n}\n${rows(n)}`));
    // On unmount: the last frame once more (the frame writer finds nothing changed), a line end
    // where Ink thinks it is in CI, and the cursor shown (the app leaves the alternate screen then).
    const seen = stdout.writes.length;
    app.unmount();
    const after = stdout.writes.slice(seen).filter((w) => w !== '');
    expect(after.filter((w) => w !== '\n')).toEqual([`frame 5\n${rows(5)}`, '\x1b[?25h']);
  });
});

// `ragtop present --notes`: the speaker's second terminal. It follows the presenter over the local
// channel (src/cli/sync.ts) and shows the item's notes, commentary, the next item and the clocks,
// ticking once a second. Either side may start first; the notes wait for the presenter and come
// back when it restarts. When output is not a terminal, the current state is printed once.
// Ink is imported only on the interactive path; the terminal is restored on every way out.

import { showText } from '../domain/text.js';
import type { PresenterState } from '../viewmodel/agenda.js';
import type { Glyphs } from '../viewmodel/glyphs.js';
import { glyphsFor } from './context.js';
import { notesText, type NotesStatus } from '../viewmodel/notes.js';
import type { Theme } from '../ui/theme/theme.js';
import { ChannelError, channelPath, follow, readOnce } from './sync.js';
import { terminalSafe } from './terminal-text.js';

export interface NotesOptions {
  readonly stdin: NodeJS.ReadStream;
  readonly stdout: NodeJS.WriteStream;
  readonly env: NodeJS.ProcessEnv;
  /** The catalogue being presented: the channel is per catalogue. */
  readonly catalogueId: string;
  /** Where a problem is reported (default: process.stderr). */
  readonly stderr?: NodeJS.WritableStream;
  /** Default: the default theme. */
  readonly theme?: Theme;
  /** Default: Unicode, or ASCII when the locale is not UTF-8. */
  readonly glyphs?: Glyphs;
  /** The clock (tests inject one). */
  readonly now?: () => number;
}

const TICK_MS = 1000;


/** What the follower knows: the latest state and the connection's status; changes notify. */
export interface NotesStore {
  get(): { readonly state?: PresenterState; readonly status: NotesStatus; readonly tick: number };
  setState(state: PresenterState): void;
  setStatus(status: NotesStatus): void;
  /** The clock moved on: draw again. */
  tick(): void;
  subscribe(listener: () => void): () => void;
}

export function notesStore(): NotesStore {
  let data: ReturnType<NotesStore['get']> = { status: 'waiting', tick: 0 };
  const listeners = new Set<() => void>();
  const set = (next: ReturnType<NotesStore['get']>) => {
    data = next;
    for (const l of listeners) l();
  };
  return {
    get: () => data,
    setState: (state) => set({ ...data, state }),
    setStatus: (status) => set({ ...data, status }),
    tick: () => set({ ...data, tick: data.tick + 1 }),
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

/** Runs the notes until q (0), Ctrl-C (130), SIGTERM (143) or SIGHUP (129). */
export async function runNotes(o: NotesOptions): Promise<number> {
  const err = o.stderr ?? process.stderr;
  const now = o.now ?? Date.now;
  const glyphs = o.glyphs ?? glyphsFor({ ascii: false }, o.env);
  let socketPath: string;
  try {
    socketPath = channelPath(o.env, o.catalogueId);
  } catch (e) {
    if (!(e instanceof ChannelError)) throw e;
    err.write(`ragtop: ${showText(e.message, 300)}\n`);
    return 2;
  }
  if (!(o.stdin.isTTY && o.stdout.isTTY)) {
    const state = await readOnce(socketPath);
    const width = Math.max(40, Math.min(o.stdout.columns || 80, 200));
    o.stdout.write(terminalSafe(state ? `${notesText(state, now(), width, glyphs).join('\n')}\n` : 'no presenter running\n', 'stream'));
    return 0;
  }
  return interactive(o, socketPath, now, glyphs);
}

async function interactive(o: NotesOptions, socketPath: string, now: () => number, glyphs: Glyphs): Promise<number> {
  const err = o.stderr ?? process.stderr;
  // Ink draws only a final frame when it thinks it runs in CI (is-in-ci reads CI and CI_* when Ink
  // is imported); a person is watching this terminal.
  for (const k of Object.keys(process.env)) if (k === 'CI' || k === 'CONTINUOUS_INTEGRATION' || k.startsWith('CI_')) delete process.env[k];
  const [{ createElement }, { NotesApp }, { THEMES }, { runFullScreen }] = await Promise.all([
    import('react'),
    import('../ui/NotesApp.js'),
    import('../ui/theme/theme.js'),
    import('./fullscreen.js'),
  ]);
  const store = notesStore();
  const follower = follow(socketPath, store.setState, store.setStatus);
  const ticker = setInterval(store.tick, TICK_MS);
  const result = await runFullScreen((setCode) => createElement(NotesApp, { store, now, glyphs, theme: o.theme ?? THEMES.default, onQuit: (code: number) => setCode(code, true) }), {
    stdin: o.stdin,
    stdout: o.stdout,
    onRestore: () => {
      clearInterval(ticker);
      follower.stop();
    },
  });
  if (result.error) err.write(`ragtop: internal error in the notes: ${showText(result.error.message, 300)}\n`);
  return result.code;
}

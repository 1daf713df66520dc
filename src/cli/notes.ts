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
import { ChannelError, runtimeDir } from './sync.js';
import { discover, findPresenter } from './discover.js';
import { terminalSafe } from './terminal-text.js';

export interface NotesOptions {
  readonly stdin: NodeJS.ReadStream;
  readonly stdout: NodeJS.WriteStream;
  readonly env: NodeJS.ProcessEnv;
  /** Follow only a presenter of this catalogue (when one was named); else any presenter. */
  readonly catalogueId?: string;
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
  readonly get: () => { readonly state?: PresenterState; readonly status: NotesStatus; readonly tick: number; readonly choices?: readonly PresenterState[] };
  readonly setState: (state: PresenterState) => void;
  readonly setStatus: (status: NotesStatus) => void;
  /** The presenters to choose from (several running), or none. */
  readonly setChoices: (choices: readonly PresenterState[]) => void;
  /** The clock moved on: draw again. */
  readonly tick: () => void;
  readonly subscribe: (listener: () => void) => () => void;
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
    setChoices: (choices) => set({ ...data, choices }),
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
  try {
    if (process.platform === 'win32') throw new ChannelError('speaker notes need Unix domain sockets, which this system does not have');
    runtimeDir(o.env);
  } catch (e) {
    if (!(e instanceof ChannelError)) throw e;
    err.write(`ragtop: ${showText(e.message, 300)}\n`);
    return 2;
  }
  if (!(o.stdin.isTTY && o.stdout.isTTY)) {
    // Not a terminal: each running presenter's notes, once.
    const running = await discover(o.env, o.catalogueId);
    const width = Math.max(40, Math.min(o.stdout.columns || 80, 200));
    const text = running.length === 0 ? 'no presenter running\n' : running.map((r) => `${notesText(r.state, now(), width, glyphs).join('\n')}\n`).join('\n');
    o.stdout.write(terminalSafe(text, 'stream'));
    return 0;
  }
  return interactive(o, now, glyphs);
}

async function interactive(o: NotesOptions, now: () => number, glyphs: Glyphs): Promise<number> {
  const err = o.stderr ?? process.stderr;
  // Ink draws only a final frame when it thinks it runs in CI (is-in-ci reads CI and CI_* when Ink
  // is imported); a person is watching this terminal.
  for (const k of Object.keys(process.env)) if (k === 'CI' || k === 'CONTINUOUS_INTEGRATION' || k.startsWith('CI_')) delete process.env[k];
  // React is CommonJS: its ES module namespace is only certain to hold `default` (the bundle's
  // interop, like Node's, gives no named exports to a dynamic import).
  const [{ default: React }, { NotesApp }, { THEMES }, { runFullScreen }] = await Promise.all([
    import('react'),
    import('../ui/NotesApp.js'),
    import('../ui/theme/theme.js'),
    import('./fullscreen.js'),
  ]);
  const store = notesStore();
  const follower = findPresenter(o.env, o.catalogueId, store.setState, store.setStatus, store.setChoices);
  const ticker = setInterval(store.tick, TICK_MS);
  const result = await runFullScreen((setCode) => React.createElement(NotesApp, { store, now, glyphs, theme: o.theme ?? THEMES.default, onQuit: (code: number) => setCode(code, true), onChoose: (n: number) => follower.choose(n) }), {
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

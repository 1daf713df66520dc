// `ragtop present --notes`: the speaker's second terminal. It follows the presenter over the local
// channel (src/cli/sync.ts) and shows the item's notes, commentary, the next item and the clocks,
// ticking once a second. Either side may start first; the notes wait for the presenter and come
// back when it restarts. When output is not a terminal, the current state is printed once.
// Ink is imported only on the interactive path; the terminal is restored on every way out.

import { showText } from '../domain/text.js';
import type { PresenterState } from '../viewmodel/agenda.js';
import { ASCII_GLYPHS, UNICODE_GLYPHS, type Glyphs } from '../viewmodel/glyphs.js';
import { notesLines, notesScrollMax, notesText, type NotesStatus } from '../viewmodel/notes.js';
import type { KeyPress } from '../ui/keys/keymap.js';
import type { Theme } from '../ui/theme/theme.js';
import { ChannelError, channelPath, follow, readOnce } from './sync.js';

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

const ALT_SCREEN_ON = '\x1b[?1049h\x1b[H';
const ALT_SCREEN_OFF = '\x1b[?1049l';
const SHOW_CURSOR = '\x1b[?25h';
const TICK_MS = 1000;

function defaultGlyphs(env: NodeJS.ProcessEnv): Glyphs {
  const locale = env['LC_ALL'] || env['LC_CTYPE'] || env['LANG'] || '';
  return locale !== '' && !/utf-?8/i.test(locale) ? ASCII_GLYPHS : UNICODE_GLYPHS;
}

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
  const glyphs = o.glyphs ?? defaultGlyphs(o.env);
  let socketPath: string;
  try {
    socketPath = channelPath(o.env, o.catalogueId);
  } catch (e) {
    if (!(e instanceof ChannelError)) throw e;
    err.write(`ragtop: ${e.message}\n`);
    return 2;
  }
  if (!(o.stdin.isTTY && o.stdout.isTTY)) {
    const state = await readOnce(socketPath);
    const width = Math.max(40, Math.min(o.stdout.columns || 80, 200));
    o.stdout.write(state ? `${notesText(state, now(), width, glyphs).join('\n')}\n` : 'no presenter running\n');
    return 0;
  }
  return interactive(o, socketPath, now, glyphs);
}

async function interactive(o: NotesOptions, socketPath: string, now: () => number, glyphs: Glyphs): Promise<number> {
  const err = o.stderr ?? process.stderr;
  // Ink draws only a final frame when it thinks it runs in CI (is-in-ci reads CI at import); a
  // person is watching this terminal.
  process.env['CI'] = 'false';
  const [{ createElement, useState, useSyncExternalStore }, ink, { StyledLines }, { ErrorBoundary }, { useViewport }, { THEMES }, { splitKeys }] = await Promise.all([
    import('react'),
    import('ink'),
    import('../ui/components/StyledLines.js'),
    import('../ui/ErrorBoundary.js'),
    import('../ui/viewport.js'),
    import('../ui/theme/theme.js'),
    import('../ui/keys/keymap.js'),
  ]);
  const theme = o.theme ?? THEMES.default;
  const store = notesStore();
  const follower = follow(socketPath, store.setState, store.setStatus);
  const ticker = setInterval(store.tick, TICK_MS);

  type Props = { readonly store: NotesStore; readonly now: () => number; readonly onQuit: (code: number) => void };
  /** The notes at the terminal's size; redrawn on each state, status and tick. */
  function NotesApp({ store: s, now: clock, onQuit }: Props) {
    const { columns, rows } = useViewport();
    const data = useSyncExternalStore(s.subscribe, s.get);
    const key = data.state ? `${data.state.meetingStartedAt}|${data.state.item}|${data.state.itemStartedAt}` : '';
    const [scroll, setScroll] = useState({ key, offset: 0 });
    const height = Math.max(1, rows - 1);
    const max = notesScrollMax(data.state, data.status, columns, height, glyphs);
    // A new item starts at the top of its notes.
    const offset = scroll.key === key ? Math.min(scroll.offset, max) : 0;
    ink.useInput((input, k) => {
      if (k.ctrl && input === 'c') return onQuit(130);
      // Keys that arrive together (typed fast, sent by tmux) come as one string: each character
      // counts, split the way the app splits them.
      const presses: KeyPress[] = [...input].length > 1 && !k.ctrl && !k.meta ? splitKeys(input) : [{ input, up: k.upArrow, down: k.downArrow, pageUp: k.pageUp, pageDown: k.pageDown, home: k.home, end: k.end }];
      if (presses.some((p) => p.input === 'q')) return onQuit(0);
      const page = Math.max(1, height - 6);
      // From the latest scroll, not the one drawn: keys may come faster than frames.
      setScroll((prev) => {
        let at = prev.key === key ? Math.min(prev.offset, max) : 0;
        for (const p of presses) {
          if (p.home || p.input === 'g') at = 0;
          else if (p.end || p.input === 'G') at = max;
          else at += p.up || p.input === 'k' ? -1 : p.down || p.input === 'j' || p.input === ' ' ? 1 : p.pageUp ? -page : p.pageDown ? page : 0;
          at = Math.max(0, Math.min(max, at));
        }
        return prev.key === key && prev.offset === at ? prev : { key, offset: at };
      });
    });
    return createElement(StyledLines, { lines: notesLines(data.state, data.status, clock(), columns, height, glyphs, offset), theme });
  }

  return new Promise((resolve) => {
    let code = 0;
    let restored = false;
    let failure: Error | undefined;
    o.stdout.write(ALT_SCREEN_ON);
    const restore = () => {
      if (restored) return;
      restored = true;
      clearInterval(ticker);
      follower.stop();
      try {
        instance.unmount();
      } catch {
        // already unmounted
      }
      if (o.stdin.isTTY) o.stdin.setRawMode?.(false);
      o.stdout.write(SHOW_CURSOR + ALT_SCREEN_OFF);
    };
    const cleanup = () => {
      process.off('SIGTERM', onSignal);
      process.off('SIGHUP', onSignal);
      process.off('SIGINT', onSignal);
    };
    const onSignal = (signal: NodeJS.Signals) => {
      code = signal === 'SIGTERM' ? 143 : signal === 'SIGHUP' ? 129 : 130;
      restore();
      cleanup();
      resolve(code);
    };
    process.on('SIGTERM', onSignal);
    process.on('SIGHUP', onSignal);
    process.on('SIGINT', onSignal);
    const app = createElement(NotesApp, {
      store,
      now,
      onQuit: (c: number) => {
        code = c;
        instance.unmount();
      },
    });
    const instance = ink.render(
      createElement(ErrorBoundary, {
        onError: (error: Error) => {
          failure = error;
          code = 1;
          instance.unmount();
        },
        children: app,
      }),
      { stdin: o.stdin, stdout: o.stdout, exitOnCtrlC: false, patchConsole: false, incrementalRendering: false },
    );
    instance
      .waitUntilExit()
      .catch(() => {
        code = 1;
      })
      .finally(() => {
        restore();
        cleanup();
        if (failure) err.write(`ragtop: internal error in the notes: ${showText(failure.message, 300)}\n`);
        resolve(code);
      });
  });
}

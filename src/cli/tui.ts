// Mounts the interactive app (imported only when stdin and stdout are terminals). The terminal is
// restored on every way out: q, Ctrl-C, SIGTERM, SIGHUP and an unexpected error.

import { createElement } from 'react';
import { render } from 'ink';
import { ErrorBoundary } from '../ui/ErrorBoundary.js';
import { Root } from '../ui/Root.js';
import { initialState, reducer, type AppState } from '../ui/state/reducer.js';
import type { PresenterState } from '../viewmodel/agenda.js';
import type { Theme } from '../ui/theme/theme.js';
import type { LiveStore } from '../ui/live.js';

export interface TuiOptions {
  readonly live: LiveStore;
  readonly theme: Theme;
  /** A message for the status line when the app opens (a preferences problem, say). */
  readonly notice?: string;
  /** `ragtop present`: open on the agenda (this many items), not the overview. */
  readonly present?: { readonly count: number; readonly item?: number };
  /** Tells the speaker-notes follower where the presentation is. */
  readonly publish?: (state: PresenterState) => void;
  readonly period: number;
  readonly title: string;
  readonly organisation: string;
  readonly stdin: NodeJS.ReadStream;
  readonly stdout: NodeJS.WriteStream;
}

/** The wall clock, ticking once a second for the presenter's timers. */
const secondsClock = {
  now: () => Math.floor(Date.now() / 1000) * 1000,
  subscribe(listener: () => void) {
    const timer = setInterval(listener, 1000);
    timer.unref();
    return () => clearInterval(timer);
  },
};

const ALT_SCREEN_ON = '\x1b[?1049h\x1b[H';
const ALT_SCREEN_OFF = '\x1b[?1049l';
const SHOW_CURSOR = '\x1b[?25h';

/** Runs the app until the user leaves; resolves with the final state and the exit status. */
export function runTui(o: TuiOptions): Promise<{ state: AppState; code: number; error?: Error }> {
  return new Promise((resolve) => {
    const first = initialState(o.live.get().model.ev.periods.length, o.period);
    const start = o.present ? reducer(first, { type: 'presentStart', count: o.present.count, standalone: true, ...(o.present.item !== undefined ? { item: o.present.item } : {}) }) : first;
    let final: AppState = o.notice ? { ...start, status: o.notice } : start;
    let code = 0;
    let restored = false;
    let failure: Error | undefined;
    o.stdout.write(ALT_SCREEN_ON);
    const restore = () => {
      if (restored) return;
      restored = true;
      try {
        instance.unmount();
      } catch {
        // already unmounted
      }
      if (o.stdin.isTTY) o.stdin.setRawMode?.(false);
      o.stdout.write(SHOW_CURSOR + ALT_SCREEN_OFF);
    };
    const onSignal = (signal: NodeJS.Signals) => {
      code = signal === 'SIGTERM' ? 143 : signal === 'SIGHUP' ? 129 : 130;
      restore();
      cleanup();
      resolve({ state: final, code });
    };
    const cleanup = () => {
      process.off('SIGTERM', onSignal);
      process.off('SIGHUP', onSignal);
      process.off('SIGINT', onSignal);
    };
    process.on('SIGTERM', onSignal);
    process.on('SIGHUP', onSignal);
    process.on('SIGINT', onSignal);
    const app = createElement(Root, {
      live: o.live,
      theme: o.theme,
      initial: final,
      title: o.title,
      organisation: o.organisation,
      onExit: (state: AppState, interrupted: boolean) => {
        final = state;
        code = interrupted ? 130 : 0;
      },
      clock: secondsClock,
      ...(o.publish ? { publish: o.publish } : {}),
    });
    const instance = render(
      createElement(ErrorBoundary, {
        onError: (error: Error) => {
          failure = error;
          code = 1;
          instance.unmount();
        },
        children: app,
      }),
      // incrementalRendering stays off: in Ink 6.8 it left stale lines on screen when a windowed
      // list scrolled (seen in tmux); see docs/architecture.md.
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
        resolve({ state: final, code, ...(failure ? { error: failure } : {}) });
      });
  });
}

// Mounts the interactive app (imported only when stdin and stdout are terminals). The terminal is
// restored on every way out: q, Ctrl-C, SIGTERM, SIGHUP and an unexpected error.

import { createElement } from 'react';
import { render } from 'ink';
import { ErrorBoundary } from '../ui/ErrorBoundary.js';
import { Root } from '../ui/Root.js';
import { initialState, type AppState } from '../ui/state/reducer.js';
import type { Theme } from '../ui/theme/theme.js';
import type { LiveStore } from '../ui/live.js';

export interface TuiOptions {
  readonly live: LiveStore;
  readonly theme: Theme;
  /** A message for the status line when the app opens (a preferences problem, say). */
  readonly notice?: string;
  readonly period: number;
  readonly title: string;
  readonly organisation: string;
  readonly stdin: NodeJS.ReadStream;
  readonly stdout: NodeJS.WriteStream;
}

const ALT_SCREEN_ON = '\x1b[?1049h\x1b[H';
const ALT_SCREEN_OFF = '\x1b[?1049l';
const SHOW_CURSOR = '\x1b[?25h';

/** Runs the app until the user leaves; resolves with the final state and the exit status. */
export function runTui(o: TuiOptions): Promise<{ state: AppState; code: number; error?: Error }> {
  return new Promise((resolve) => {
    const start = initialState(o.live.get().model.ev.periods.length, o.period);
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

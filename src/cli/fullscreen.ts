// Runs an Ink element full screen (the terminal's alternate screen) until it exits, and restores
// the terminal on every way out: the element's own exit, Ctrl-C, SIGTERM, SIGHUP and a render
// error (caught by an error boundary, never Ink's stack-trace screen). Shared by the app and the
// speaker notes. Callers set CI=false before importing this module (is-in-ci reads the
// environment when Ink is imported): see main.ts and notes.ts.

import { render } from 'ink';
import { createElement, type ReactElement } from 'react';
import { ErrorBoundary } from '../ui/ErrorBoundary.js';

const ALT_SCREEN_ON = '\x1b[?1049h\x1b[H';
const ALT_SCREEN_OFF = '\x1b[?1049l';
const SHOW_CURSOR = '\x1b[?25h';

export interface FullScreenResult {
  /** The status set by the element, or 130/143/129 for SIGINT/SIGTERM/SIGHUP, or 1 after an error. */
  readonly code: number;
  readonly error?: Error;
}

export interface FullScreenOptions {
  readonly stdin: NodeJS.ReadStream;
  readonly stdout: NodeJS.WriteStream;
  /** Called once, before the terminal is given back (stop timers, close sockets). */
  readonly onRestore?: () => void;
}

/**
 * `make(setCode)` builds the element; the element calls `setCode` with the exit status it wants
 * and leaves through Ink's exit (useApp) or `setCode`'s second argument.
 */
export function runFullScreen(make: (setCode: (code: number, leave?: boolean) => void) => ReactElement, o: FullScreenOptions): Promise<FullScreenResult> {
  return new Promise((resolve) => {
    let code = 0;
    let failure: Error | undefined;
    let restored = false;
    let settled = false;
    o.stdout.write(ALT_SCREEN_ON);
    const restore = () => {
      if (restored) return;
      restored = true;
      o.onRestore?.();
      try {
        instance.unmount();
      } catch {
        // already unmounted
      }
      if (o.stdin.isTTY) o.stdin.setRawMode?.(false);
      o.stdout.write(SHOW_CURSOR + ALT_SCREEN_OFF);
    };
    const finish = () => {
      if (settled) return;
      settled = true;
      restore();
      process.off('SIGTERM', onSignal);
      process.off('SIGHUP', onSignal);
      process.off('SIGINT', onSignal);
      resolve({ code, ...(failure ? { error: failure } : {}) });
    };
    const onSignal = (signal: NodeJS.Signals) => {
      code = signal === 'SIGTERM' ? 143 : signal === 'SIGHUP' ? 129 : 130;
      finish();
    };
    process.on('SIGTERM', onSignal);
    process.on('SIGHUP', onSignal);
    process.on('SIGINT', onSignal);
    const setCode = (c: number, leave = false) => {
      code = c;
      if (leave) instance.unmount();
    };
    const instance = render(
      createElement(ErrorBoundary, {
        onError: (error: Error) => {
          failure = error;
          code = 1;
          instance.unmount();
        },
        children: make(setCode),
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
      .finally(finish);
  });
}

// Runs an Ink element full screen (the terminal's alternate screen) until it exits, and restores
// the terminal on every way out: the element's own exit, Ctrl-C, SIGTERM, SIGHUP, SIGQUIT and a
// render error (caught by an error boundary, never Ink's stack-trace screen); Ctrl-Z and SIGTSTP
// give the terminal back while stopped, and `fg` takes it again and draws the whole frame (see
// suspend.ts). Shared by the app and the speaker notes. Callers set CI=false before importing this
// module (is-in-ci reads the environment when Ink is imported): see main.ts and notes.ts.
//
// Ink renders each frame to a string; the frame writer (frame-writer.ts) puts it on the screen,
// rewriting only the rows that changed.

import { render } from 'ink';
import { createElement, type ReactElement } from 'react';
import { ErrorBoundary } from '../ui/ErrorBoundary.js';
import { END_SIGNALS, endCode, handleSuspend, SUSPEND_KEY } from './suspend.js';
import { ALT_SCREEN_OFF, ALT_SCREEN_ON, FrameWriter, SHOW_CURSOR } from './frame-writer.js';
import { takeOver } from './first-screen.js';

/** The stream itself, but for one method; its other methods stay bound to it. */
function withMethod<T extends object>(stream: T, name: PropertyKey, method: unknown): T {
  return new Proxy(stream, {
    get(target, prop) {
      if (prop === name) return method;
      const value: unknown = Reflect.get(target, prop, target);
      // A function read through the proxy is called with the stream as `this`, as Ink expects.
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}

/**
 * The stdout Ink writes to: the terminal's own stream, except that what Ink writes (in debug mode,
 * each frame whole) goes through the frame writer.
 */
function frameSink(stdout: NodeJS.WriteStream, writer: FrameWriter, onFirstFrame?: (frame: string) => void): NodeJS.WriteStream {
  let first = onFirstFrame;
  const write = (chunk: string | Uint8Array, a?: BufferEncoding | ((e?: Error | null) => void), b?: (e?: Error | null) => void) => {
    const cb = typeof a === 'function' ? a : b;
    const text = typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
    // Ink writes '' with a callback as a barrier before it resolves its exit.
    if (text === '') return stdout.write('', cb);
    writer.frame(text, cb);
    if (first) {
      // On the next turn, once the frame is on its way to the terminal.
      const call = first;
      setImmediate(() => call(text));
      first = undefined;
    }
    return true;
  };
  return withMethod(stdout, 'write', write);
}

/**
 * The stdin Ink reads from: the terminal's own stream, except that a chunk Ink reads with Ctrl-Z
 * in it suspends first (Ink then gets the chunk after `fg`).
 */
function inputSource(stdin: NodeJS.ReadStream, onSuspendKey: () => void): NodeJS.ReadStream {
  const read = (size?: number): unknown => {
    const chunk: unknown = stdin.read(size);
    if ((typeof chunk === 'string' || Buffer.isBuffer(chunk)) && chunk.toString().includes(SUSPEND_KEY)) onSuspendKey();
    return chunk;
  };
  return withMethod(stdin, 'read', read);
}

export interface FullScreenResult {
  /** The status set by the element, or 129/130/131/143 for SIGHUP/SIGINT/SIGQUIT/SIGTERM, or 1 after an error. */
  readonly code: number;
  readonly error?: Error;
}

export interface FullScreenOptions {
  readonly stdin: NodeJS.ReadStream;
  readonly stdout: NodeJS.WriteStream;
  /** Called once, before the terminal is given back (stop timers, close sockets). */
  readonly onRestore?: () => void;
  /** Called once, on the turn after the first frame was written, with it (work that can wait for it). */
  readonly onFirstFrame?: (frame: string) => void;
}

/**
 * `make(setCode, forget)` builds the element; `forget()` makes the next frame whole (Ctrl-L: the
 * app calls it, then renders again, painting over anything else written to the terminal). The
 * element calls `setCode` with the exit status it wants
 * and leaves through Ink's exit (useApp) or `setCode`'s second argument.
 */
export function runFullScreen(make: (setCode: (code: number, leave?: boolean) => void, forget: () => void) => ReactElement, o: FullScreenOptions): Promise<FullScreenResult> {
  return new Promise((resolve) => {
    let code = 0;
    let failure: Error | undefined;
    let restored = false;
    let settled = false;
    // The first screen of the last run may be up already (first-screen.ts): the writer starts from it.
    const onScreen = takeOver();
    if (!onScreen) o.stdout.write(ALT_SCREEN_ON);
    // Raw before the first frame (Ink sets it only once mounted): a Ctrl-C that arrives as the
    // first frame shows is a key the app reads, not a SIGINT to the whole process group.
    if (o.stdin.isTTY) o.stdin.setRawMode?.(true);
    const writer = new FrameWriter(o.stdout, onScreen);
    // Registered before Ink's own listener, so the frame Ink draws for the new size is whole.
    const onResize = () => writer.invalidate();
    o.stdout.on('resize', onResize);
    // The terminal as the shell expects it: cooked, the cursor shown, autowrap on, the main screen.
    const giveBack = () => {
      if (o.stdin.isTTY) o.stdin.setRawMode?.(false);
      o.stdout.write(SHOW_CURSOR + ALT_SCREEN_OFF);
    };
    // Ctrl-Z / SIGTSTP, then `fg`: the shell gave the terminal back in cooked mode (raw mode is set
    // off first so that it is really set again), and the alternate screen is blank: draw it whole,
    // through the path a resize takes.
    const suspension = handleSuspend({
      leave: giveBack,
      enter: () => {
        if (restored) return;
        if (o.stdin.isTTY) {
          o.stdin.setRawMode?.(false);
          o.stdin.setRawMode?.(true);
        }
        o.stdout.write(ALT_SCREEN_ON);
        writer.invalidate();
        o.stdout.emit('resize');
      },
    });
    const restore = () => {
      if (restored) return;
      restored = true;
      suspension.stop();
      o.onRestore?.();
      try {
        instance.unmount();
      } catch {
        // already unmounted
      }
      o.stdout.off('resize', onResize);
      giveBack();
    };
    const finish = () => {
      if (settled) return;
      settled = true;
      restore();
      for (const signal of Object.keys(END_SIGNALS)) process.off(signal, onSignal);
      resolve({ code, ...(failure ? { error: failure } : {}) });
    };
    const onSignal = (signal: NodeJS.Signals) => {
      code = endCode(signal);
      finish();
    };
    for (const signal of Object.keys(END_SIGNALS)) process.on(signal, onSignal);
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
        children: make(setCode, () => writer.invalidate()),
      }),
      // Debug mode: Ink hands each frame whole to the frame writer (and draws each render at once,
      // not throttled); the writer writes only what changed. See docs/architecture.md.
      { stdin: inputSource(o.stdin, () => suspension.suspend()), stdout: frameSink(o.stdout, writer, o.onFirstFrame), debug: true, exitOnCtrlC: false, patchConsole: false },
    );
    instance
      .waitUntilExit()
      .catch(() => {
        code = 1;
      })
      .finally(finish);
  });
}

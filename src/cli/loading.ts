// While a large data set loads (before the app is drawn), the terminal stays responsive: a
// progress line after a moment, q or Ctrl-C to give up, SIGTERM, SIGHUP and SIGQUIT honoured,
// Ctrl-Z and `fg` as in the app (suspend.ts), and the terminal put back as it was (raw mode off,
// the line cleared) on every way out.

import path from 'node:path';
import { showText } from '../domain/text.js';
import { terminalSafe } from './terminal-text.js';
import { progressOnFirstScreen, showing as showingFirstScreen } from './first-screen.js';
import { drawText, UNICODE_GLYPHS, type Glyphs } from '../viewmodel/glyphs.js';
import type { LoadProgress } from '../load/load.js';
import { END_SIGNALS, endCode, handleSuspend, SUSPEND_KEY } from './suspend.js';

export interface Loading {
  /** Shows how far the load has got (after a short delay, so small data never flashes a line). */
  progress(p: LoadProgress): void;
  /** Shows a phase after the files are read ("evaluating …"). */
  phase(text: string): void;
  /** The exit status the user asked for (0 for q, 130 Ctrl-C, 143 SIGTERM, 129 SIGHUP, 131 SIGQUIT), if any. */
  cancelled(): number | undefined;
  /** Clears the line and gives the terminal back (idempotent). */
  done(): void;
  /** Keys typed on the first screen of the last run (first-screen.ts) while it loaded, for the app to read. */
  typed(): Buffer | undefined;
}

interface Terminal {
  readonly stdin: NodeJS.ReadStream;
  readonly stdout: NodeJS.WriteStream;
}

/** Milliseconds before the first progress line: a load quicker than this shows nothing. */
export const PROGRESS_DELAY_MS = 250;

export function startLoading(tty: Terminal, now: () => number = Date.now, glyphs: Glyphs = UNICODE_GLYPHS): Loading {
  const started = now();
  let code: number | undefined;
  let shown = false;
  let finished = false;
  const typed: Buffer[] = [];

  const write = (text: string) => {
    if (finished || (!shown && now() - started < PROGRESS_DELAY_MS)) return;
    shown = true;
    const width = Math.max(10, (tty.stdout.columns || 80) - 1);
    // Drawn with the run's glyph set (the line is written before the app has a model).
    const drawn = drawText(text, glyphs);
    const line = drawn.length > width ? `${drawn.slice(0, width - glyphs.ellipsis.length)}${glyphs.ellipsis}` : drawn;
    // Over the first screen's bottom row while it is up, else on the shell's line.
    if (progressOnFirstScreen(line)) return;
    tty.stdout.write(`\r\x1b[2K${terminalSafe(line, 'frame')}`);
  };
  const onData = (chunk: Buffer | string) => {
    const s = typeof chunk === 'string' ? chunk : chunk.toString('latin1');
    if (s.includes(SUSPEND_KEY)) suspension?.suspend();
    if (s.includes('\x03')) code ??= 130;
    else if (/^[qQ]$/.test(s)) code ??= 0;
    // On the first screen, every other key (Esc too: there it means back, not stop) is kept for the
    // app, which reads them in order once it is up.
    else if (showingFirstScreen()) typed.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
    else if (s === '\x1b') code ??= 0;
    if (code !== undefined) write('ragtop: stopping …');
  };
  const onSignal = (signal: NodeJS.Signals) => {
    code ??= endCode(signal);
  };
  const raw = tty.stdin.isTTY === true && typeof tty.stdin.setRawMode === 'function';
  if (raw) tty.stdin.setRawMode(true);
  // Raw mode off while stopped; after `fg` (the shell made the terminal cooked) set off, then on.
  const suspension = raw
    ? handleSuspend({
        leave: () => tty.stdin.setRawMode(false),
        enter: () => {
          if (finished) return;
          tty.stdin.setRawMode(false);
          tty.stdin.setRawMode(true);
        },
      })
    : undefined;
  tty.stdin.on('data', onData);
  tty.stdin.resume();
  for (const signal of Object.keys(END_SIGNALS)) process.on(signal, onSignal);

  return {
    progress(p) {
      write(`ragtop: loading ${showText(path.basename(p.file), 40)} (${p.done} of ${p.total} files) · q or Ctrl-C to stop`);
    },
    phase(text) {
      write(`ragtop: ${text} · q or Ctrl-C to stop`);
    },
    cancelled: () => code,
    typed: () => (typed.length ? Buffer.concat(typed) : undefined),
    done() {
      if (finished) return;
      finished = true;
      suspension?.stop();
      tty.stdin.off('data', onData);
      tty.stdin.pause();
      if (raw) tty.stdin.setRawMode(false);
      for (const signal of Object.keys(END_SIGNALS)) process.off(signal, onSignal);
      if (shown && !showingFirstScreen()) tty.stdout.write('\r\x1b[2K');
    },
  };
}

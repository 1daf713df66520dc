// Ctrl-Z while the app holds the terminal. In raw mode the terminal sends Ctrl-Z as a byte (0x1a)
// instead of stopping the process, and a SIGTSTP sent by hand would stop it with the terminal still
// in the app's modes; after `fg` the shell has put the terminal back in cooked mode. So: give the
// terminal back, stop the way the signal's default action does (the shell says "Stopped" and `fg`
// works), and on continuing take the terminal again. An outside SIGSTOP cannot be caught: its
// SIGCONT takes the terminal again too.

/**
 * The signals that end the app while it holds the terminal (restored first), and the exit status
 * each gives: 128 + the signal's number, as a shell reports a process killed by it.
 */
export const END_SIGNALS = { SIGHUP: 129, SIGINT: 130, SIGQUIT: 131, SIGTERM: 143 } as const;
export type EndSignal = keyof typeof END_SIGNALS;

/** The exit status for ending on `signal` (a signal not in the table ends as Ctrl-C does). */
export function endCode(signal: string): number {
  return new Map<string, number>(Object.entries(END_SIGNALS)).get(signal) ?? END_SIGNALS.SIGINT;
}

/** Ctrl-Z as the terminal sends it in raw mode. */
export const SUSPEND_KEY = '\x1a';

export interface TerminalHold {
  /** Gives the terminal back as the shell expects it (cooked, cursor shown, main screen). */
  leave(): void;
  /** Takes the terminal again after `fg` (raw mode, the app's screen, drawn whole). */
  enter(): void;
}

export interface Suspension {
  /** Suspends now (Ctrl-Z read from the terminal). Returns after `fg`. */
  suspend(): void;
  /** Removes the signal handlers. */
  stop(): void;
}

export function handleSuspend(hold: TerminalHold): Suspension {
  // Set when our own stop has come back and the terminal is taken again: the SIGCONT that follows
  // has nothing left to do.
  let resumed = false;
  const suspend = () => {
    hold.leave();
    // With no listener the signal's default action applies again: stop. It goes to the whole
    // process group, as the terminal's own Ctrl-Z does, so that a wrapper that started us (npx, a
    // script) stops too and the shell gets the terminal back. A process stops before kill()
    // returns, so the code below runs after `fg`.
    process.off('SIGTSTP', suspend);
    try {
      process.kill(0, 'SIGTSTP');
    } finally {
      process.on('SIGTSTP', suspend);
    }
    resumed = true;
    hold.enter();
  };
  const onContinue = () => {
    if (resumed) resumed = false;
    else hold.enter();
  };
  process.on('SIGTSTP', suspend);
  process.on('SIGCONT', onContinue);
  return {
    suspend,
    stop() {
      process.off('SIGTSTP', suspend);
      process.off('SIGCONT', onContinue);
    },
  };
}

// Mounts the interactive app (imported only when stdin and stdout are terminals), full screen
// (see fullscreen.ts for how the terminal is restored on every way out).

import { createElement } from 'react';
import { Root } from '../ui/Root.js';
import { initialState, reducer, type AppState } from '../ui/state/reducer.js';
import type { PresenterState } from '../viewmodel/agenda.js';
import type { Theme } from '../ui/theme/theme.js';
import type { LiveStore } from '../ui/live.js';
import { runFullScreen } from './fullscreen.js';

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
  /** Called once, on the turn after the first frame was written, with it. */
  readonly onFirstFrame?: (frame: string) => void;
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

/** Runs the app until the user leaves; resolves with the final state and the exit status. */
export async function runTui(o: TuiOptions): Promise<{ state: AppState; code: number; error?: Error }> {
  const first = initialState(o.live.get().model.ev.periods.length, o.period);
  const start = o.present ? reducer(first, { type: 'presentStart', count: o.present.count, standalone: true, ...(o.present.item !== undefined ? { item: o.present.item } : {}) }) : first;
  let final: AppState = o.notice ? { ...start, status: o.notice } : start;
  const initial = final;
  const result = await runFullScreen(
    (setCode, forget) =>
      createElement(Root, {
        redraw: forget,
        live: o.live,
        theme: o.theme,
        initial,
        title: o.title,
        organisation: o.organisation,
        onExit: (state: AppState, interrupted: boolean) => {
          final = state;
          setCode(interrupted ? 130 : 0);
        },
        clock: secondsClock,
        ...(o.publish ? { publish: o.publish } : {}),
      }),
    { stdin: o.stdin, stdout: o.stdout, ...(o.onFirstFrame ? { onFirstFrame: o.onFirstFrame } : {}) },
  );
  return { state: final, ...result };
}

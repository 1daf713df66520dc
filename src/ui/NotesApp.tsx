import { useInput } from 'ink';
import { useState, useSyncExternalStore } from 'react';
import type { PresenterState } from '../viewmodel/agenda.js';
import type { Glyphs } from '../viewmodel/glyphs.js';
import { notesLines, notesScrollMax, type NotesStatus } from '../viewmodel/notes.js';
import { ColumnsContext, GlyphsContext, StyledLines } from './components/StyledLines.js';
import { commandFor, splitKeys, type KeyPress } from './keys/keymap.js';
import type { Theme } from './theme/theme.js';
import { useViewport } from './viewport.js';

/** What the notes follower knows, kept outside React (the socket and the clock update it). */
export interface NotesSource {
  readonly get: () => { readonly state?: PresenterState; readonly status: NotesStatus; readonly tick: number; readonly choices?: readonly PresenterState[] };
  readonly subscribe: (listener: () => void) => () => void;
}

export type NotesAppProps = {
  readonly store: NotesSource;
  /** The clock, injected; the store's tick redraws it. */
  readonly now: () => number;
  readonly glyphs: Glyphs;
  readonly theme: Theme;
  readonly onQuit: (code: number) => void;
  /** With several presenters running: the one numbered n (1-based) is followed. */
  readonly onChoose?: (n: number) => void;
};

/** The speaker notes at the terminal's size; redrawn on each state, status and tick. */
export function NotesApp({ store, now, glyphs, theme, onQuit, onChoose }: NotesAppProps) {
  const { columns, rows } = useViewport();
  const data = useSyncExternalStore(store.subscribe, store.get);
  const key = data.state ? `${data.state.meetingStartedAt}|${data.state.item}|${data.state.itemStartedAt}` : '';
  const [scroll, setScroll] = useState({ key, offset: 0 });
  const height = Math.max(1, rows - 1);
  const max = notesScrollMax(data.state, data.status, columns, height, glyphs, data.choices);
  // A new item starts at the top of its notes.
  const offset = scroll.key === key ? Math.min(scroll.offset, max) : 0;
  useInput((input, k) => {
    // Keys that arrive together (typed fast, sent by tmux) come as one string: each counts.
    const presses: KeyPress[] = [...input].length > 1 && !k.ctrl && !k.meta ? splitKeys(input) : [{ input, ctrl: k.ctrl, up: k.upArrow, down: k.downArrow, pageUp: k.pageUp, pageDown: k.pageDown, home: k.home, end: k.end }];
    // Every key from the key table's notes scope (and Ctrl-C from everywhere).
    const commands = presses.map((p) => commandFor(p, ['global', 'notes']));
    if (commands.includes('app.interrupt')) return onQuit(130);
    if (commands.includes('notes.quit')) return onQuit(0);
    if (onChoose) for (const [i, c] of commands.entries()) if (c === 'notes.choose') onChoose(Number(presses[i]?.input));
    const page = Math.max(1, height - 6);
    // From the latest scroll, not the one drawn: keys may come faster than frames.
    setScroll((prev) => {
      let at = prev.key === key ? Math.min(prev.offset, max) : 0;
      for (const c of commands) {
        if (c === 'notes.top') at = 0;
        else if (c === 'notes.bottom') at = max;
        else at += c === 'notes.up' ? -1 : c === 'notes.down' ? 1 : c === 'notes.pageUp' ? -page : c === 'notes.pageDown' ? page : 0;
        at = Math.max(0, Math.min(max, at));
      }
      return prev.key === key && prev.offset === at ? prev : { key, offset: at };
    });
  });
  return (
    <GlyphsContext.Provider value={glyphs}>
      <ColumnsContext.Provider value={columns}>
        <StyledLines lines={notesLines(data.state, data.status, now(), columns, height, glyphs, offset, data.choices)} theme={theme} />
      </ColumnsContext.Provider>
    </GlyphsContext.Provider>
  );
}

import { Box, Text, useApp, useInput, type Key } from 'ink';
import { useCallback, useEffect, useMemo, useReducer, useRef, useState, useSyncExternalStore } from 'react';
import { breadcrumbLine, footerLine, headerLine } from '../viewmodel/frame.js';
import { completeJump, jumpHint, resolveJump } from '../viewmodel/jump.js';
import type { AgendaEntry, PresenterState } from '../viewmodel/agenda.js';
import type { Model } from '../viewmodel/model.js';
import { presenterFooter } from '../viewmodel/presenter-frame.js';
import { commentaryPoints, drillTarget, drillView, itemNumbered, meetingAgenda } from '../viewmodel/presenter-screen.js';
import { Lru } from '../viewmodel/lru.js';
import { DEFAULT_GRID, type ScreenParams, type ScreenView } from '../viewmodel/screen.js';
import { seg, type Line } from '../viewmodel/styled.js';
import { DataTable } from './components/DataTable.js';
import { drawText } from '../viewmodel/glyphs.js';
import { ColumnsContext, GlyphsContext, StyledLines } from './components/StyledLines.js';
import { commandFor, splitKeys, type KeyPress } from './keys/keymap.js';
import { keyHints } from './keys/key-text.js';
import { route, scopesOf } from './keys/router.js';
import { helpLines } from './screens/help.js';
import { screenDef } from './screens/registry.js';
import { cursorOf, current, filterOf, reducer, screenKey, withoutStatus, type AppState, type Screen } from './state/reducer.js';
import type { Theme } from './theme/theme.js';

export const MIN_COLUMNS = 60;
export const MIN_ROWS = 18;

/** Ink 6's key record, normalised once: Backspace arrives as `delete`, Escape also sets `meta`. */
export function toKeyPress(input: string, key: Key): KeyPress {
  return {
    input,
    up: key.upArrow,
    down: key.downArrow,
    left: key.leftArrow,
    right: key.rightArrow,
    pageUp: key.pageUp,
    pageDown: key.pageDown,
    home: key.home,
    end: key.end,
    enter: key.return,
    escape: key.escape,
    tab: key.tab,
    shift: key.shift,
    ctrl: key.ctrl,
    backspace: key.backspace || key.delete,
  };
}

export type AppProps = {
  readonly model: Model;
  readonly theme: Theme;
  readonly initial: AppState;
  readonly title: string;
  readonly organisation: string;
  /** Called once when the user quits (q) or interrupts (Ctrl-C), with the final state. */
  readonly onExit: (state: AppState, interrupted: boolean) => void;
  /** Why the files on disk do not load now (the data shown is the last that did). */
  readonly banner?: string;
  /** The time, injected (tests pass a manual clock); it ticks while presenting. */
  readonly clock?: Clock;
  /** Tells the speaker-notes follower where the presentation is. */
  readonly publish?: (state: PresenterState) => void;
  /** Ctrl-L: forget what the screen shows, so that the next frame is drawn whole. */
  readonly redraw?: () => void;
  /** The terminal's size (see Root, which reads it). */
  readonly columns: number;
  readonly rows: number;
};

/** How many views the app keeps (the least recently used goes first). */
const VIEW_CACHE_SIZE = 64;

/**
 * Views by screen and parameters, so the reducer and the render share one computation, and the
 * screens under the current one (whose titles make the breadcrumbs) are not recomputed on every
 * key. The cursor is part of the key: a cursor move computes a new view, which is cheap because
 * the view models keep what does not depend on the cursor (sorted rows, column widths, laid-out
 * documents) per model.
 */
function useViewCache(model: Model) {
  return useMemo(() => {
    const cache = new Lru<string, ScreenView>(VIEW_CACHE_SIZE);
    return (screen: Screen, params: ScreenParams): ScreenView => {
      const g = params.grid ?? DEFAULT_GRID;
      const pr = params.present;
      const key = JSON.stringify([screenKey(screen), params.period, params.cursor, params.filter, params.sortColumn, params.width, params.height, g.assessment, g.kind, g.movement, pr ? [pr.item, pr.blank ?? '', pr.index, pr.indexCursor] : null]);
      return cache.get(key, () => screenDef(screen).view(model, screen, params));
    };
  }, [model]);
}

function paramsOf(state: AppState, width: number, height: number): ScreenParams {
  const screen = current(state);
  const p = state.present;
  const present = p ? { item: p.item, index: p.index, indexCursor: p.indexCursor, ...(p.blank ? { blank: p.blank } : {}) } : undefined;
  // The slides show the meeting's period, whatever the screens drilled into browse.
  const period = p && screen.screen === 'present' ? p.period : state.period;
  return { period, cursor: cursorOf(state), filter: filterOf(state), sortColumn: state.sorts[screenKey(screen)]?.column ?? 0, width, height, grid: state.grid, ...(present ? { present } : {}) };
}

/** What an agenda item is, to find it again after a reload: its title and what it shows. */
function itemKey(entry: AgendaEntry | undefined): string {
  return entry ? JSON.stringify([entry.title, entry.show]) : '';
}

/** The period a presentation is of: the meeting's, or, before it starts, the one shown. */
function meetingPeriod(s: AppState): number {
  return s.present?.period ?? s.period;
}

export interface Clock {
  readonly now: () => number;
  readonly subscribe: (listener: () => void) => () => void;
}

const STILL: Clock = { now: () => 0, subscribe: () => () => undefined };

export function App({ model, theme, initial, title, organisation, onExit, columns, rows, banner, clock = STILL, publish, redraw }: AppProps) {
  // Ctrl-L draws the whole screen again (over anything else that wrote to the terminal).
  const [, repaint] = useReducer((n: number) => n + 1, 0);
  const { exit } = useApp();
  // Header, breadcrumbs and footer take three lines; the frame is at most rows − 1 tall. The
  // presenter's audience screen has the footer only.
  const frameHeight = Math.max(1, rows - 1 - 3);
  const slideHeight = Math.max(1, rows - 1 - 1);
  const viewOf = useViewCache(model);
  // Keys are routed inside the reducer, against the state they apply to: a key typed before the
  // previous one has been drawn still sees its effect.
  const keyReducer = useCallback(
    (s: AppState, k: KeyPress | { sync: { count: number; period: number; item: number } } | { reload: number; period: number; status?: string }): AppState => {
      if ('sync' in k) return reducer(s, { type: 'presentSync', ...k.sync });
      if ('reload' in k) {
        const next = reducer(s, { type: 'periods', count: k.reload, period: k.period });
        return k.status === undefined ? next : reducer(next, { type: 'status', text: k.status });
      }
      const h = current(s).screen === 'present' ? slideHeight : frameHeight;
      const view = viewOf(current(s), paramsOf(s, columns, h));
      const agenda = () => meetingAgenda(model, meetingPeriod(s), model.agenda);
      const actions = route(k, s, view, {
        page: Math.max(1, h - 2),
        jump: (text) => resolveJump(model, text, s.period),
        complete: (text) => completeJump(model, text, s.period),
        agendaSize: () => agenda().items.length,
        itemNumbered: (n) => itemNumbered(agenda(), n),
        drill: (item) => {
          const entry = agenda().items[item];
          const t = drillTarget(entry);
          if (t) return t;
          const v = drillView(entry);
          return v ? ({ kind: 'view', id: v } as const) : undefined;
        },
      });
      // A status line lasts until the next key, whether or not that key does anything.
      return actions.reduce(reducer, withoutStatus(s));
    },
    [model, viewOf, columns, frameHeight, slideHeight],
  );
  const [state, dispatch] = useReducer(keyReducer, initial);
  // After a reload the data may have more or fewer periods: keep the same period where it still
  // exists (by label), else the nearest, and say so (a presenter must not show another quarter's
  // figures unawares); cursors are clamped by each view.
  const [labels, setLabels] = useState(model.periodLabels);
  useEffect(() => {
    if (labels === model.periodLabels) return;
    const was = labels[state.period];
    const keep = model.periodLabels.indexOf(was ?? '');
    const period = keep >= 0 ? keep : Math.min(state.period, model.periodLabels.length - 1);
    const now = model.periodLabels[period];
    const status = keep < 0 && was !== undefined ? `${was} is no longer in the data; showing ${now ?? 'no period'}` : undefined;
    dispatch({ reload: model.periodLabels.length, period, ...(status !== undefined ? { status } : {}) });
    setLabels(model.periodLabels);
  }, [model, labels, state.period]);
  // The meeting survives a reload: the same period (by label), the same item where it still is
  // (same title, same thing shown), else the nearest; the item count follows the agenda.
  const shown = useRef<{ model: Model; period: string; key: string } | undefined>(undefined);
  useEffect(() => {
    const p = state.present;
    if (!p) {
      shown.current = undefined;
      return;
    }
    const was = shown.current;
    if (was && was.model !== model) {
      const keep = model.periodLabels.indexOf(was.period);
      const period = keep >= 0 ? keep : Math.max(0, Math.min(p.period, model.periodLabels.length - 1));
      const items = meetingAgenda(model, period, model.agenda).items;
      const found = items.findIndex((it) => itemKey(it) === was.key);
      shown.current = { model, period: model.periodLabels[period] ?? '', key: was.key };
      dispatch({ sync: { count: items.length, period, item: found >= 0 ? found : Math.min(p.item, items.length - 1) } });
      return;
    }
    const items = meetingAgenda(model, p.period, model.agenda).items;
    if (items.length !== p.count) dispatch({ sync: { count: items.length, period: p.period, item: p.item } });
    shown.current = { model, period: model.periodLabels[p.period] ?? '', key: itemKey(items[p.item]) };
  }, [model, state.present]);
  const screen = current(state);
  const def = screenDef(screen);
  const presenting = screen.screen === 'present';
  const bodyHeight = presenting ? slideHeight : frameHeight;
  const params = paramsOf(state, columns, bodyHeight);
  const view = viewOf(screen, params);

  // Presenter timing: the meeting starts when the presentation does; each item when shown.
  // Only while presenting: a clock ticking under the other views would redraw the app every second.
  const ticking = state.present ? clock : STILL;
  const now = useSyncExternalStore(ticking.subscribe, ticking.now);
  const item = state.present ? state.present.item : -1;
  const [timing, setTiming] = useState<{ meeting: number; item: number; at: number } | undefined>(undefined);
  useEffect(() => {
    if (item < 0) {
      if (timing) setTiming(undefined);
      return;
    }
    if (!timing || timing.at !== item) setTiming({ meeting: timing?.meeting ?? clock.now(), item: clock.now(), at: item });
  }, [item, timing, clock]);
  useEffect(() => {
    if (!publish || !timing || !state.present) return;
    const agenda = meetingAgenda(model, state.present.period, model.agenda);
    const entry = agenda.items[timing.at];
    publish({
      meeting: agenda.meeting,
      catalogue: model.ev.dataset.catalogue.id,
      item: timing.at,
      count: agenda.items.length,
      title: entry?.title ?? '',
      ...(entry?.notes ? { notes: entry.notes } : {}),
      commentary: commentaryPoints(model, state.present.period, entry),
      ...(agenda.items[timing.at + 1] ? { next: agenda.items[timing.at + 1]?.title ?? '' } : {}),
      ...(entry?.minutes ? { minutes: entry.minutes } : {}),
      meetingStartedAt: timing.meeting,
      itemStartedAt: timing.item,
    });
  }, [publish, timing, state.present, model]);

  useInput((input, key) => {
    if (commandFor(toKeyPress(input, key), ['global']) === 'app.redraw') {
      redraw?.();
      return repaint();
    }
    // Keys that arrive together (typed fast, sent by tmux, pasted) come as one string: each
    // character is its own keypress, so "[:kpi x" is a period step, then a jump.
    if ([...input].length > 1 && !key.ctrl && !key.meta) {
      for (const k of splitKeys(input)) dispatch(k);
      return;
    }
    dispatch(toKeyPress(input, key));
  });

  useEffect(() => {
    if (state.quit) {
      onExit(state, state.interrupted);
      exit();
    }
  }, [state, onExit, exit]);

  if (columns < MIN_COLUMNS || rows < MIN_ROWS) {
    return (
      <Text wrap="truncate">
        {drawText(`Enlarge the terminal to at least ${MIN_COLUMNS}×${MIN_ROWS} (it is ${columns}×${rows}); q quits.`, model.glyphs)}
      </Text>
    );
  }

  const titles = state.stack.map((s) => (s === screen ? view.title : viewOf(s, { ...params, height: 1, cursor: -1 }).title));
  const presenterLine = (): Line => {
    const agenda = meetingAgenda(model, meetingPeriod(state), model.agenda);
    const at = Math.max(0, Math.min(item, agenda.items.length - 1));
    const entry = agenda.items[at];
    return presenterFooter(
      {
        item: at,
        ...(view.size > 1 && cursorOf(state) < view.size - 1 ? { more: true } : {}),
        count: agenda.items.length,
        title: entry?.title ?? '',
        meetingMs: timing ? now - timing.meeting : 0,
        itemMs: timing ? now - timing.item : 0,
        ...(entry?.minutes ? { minutes: entry.minutes } : {}),
        ...(state.present?.digits ? { digits: state.present.digits } : {}),
      },
      columns,
      model.glyphs,
    );
  };
  const footer =
    presenting && state.present?.blank
      ? state.present.blank === 'white' ? [seg(' '.repeat(columns), 'blank.white')] : []
      : presenting && state.mode === 'normal' && !state.status
      ? presenterLine()
      : state.mode === 'filter'
      ? footerLine('filter', state.draft, columns, '', model.glyphs)
      : state.mode === 'command'
        ? footerLine('command', state.draft, columns, jumpHint(model, state.draft, state.period), model.glyphs)
        : state.status
          ? footerLine('status', state.status, columns, '', model.glyphs)
          : banner
            ? footerLine('status', banner, columns, '', model.glyphs)
          : footerLine('hints', keyHints(def.hints), columns, '', model.glyphs);

  const body =
    state.mode === 'help' ? (
      <StyledLines lines={helpLines(columns, bodyHeight, scopesOf({ ...state, mode: 'normal' }))} theme={theme} />
    ) : (
      <Box flexDirection="column">
        <StyledLines lines={view.lines} theme={theme} />
        {view.table ? <DataTable table={view.table} theme={theme} /> : null}
        {view.after ? <StyledLines lines={view.after} theme={theme} /> : null}
      </Box>
    );

  return (
    <GlyphsContext.Provider value={model.glyphs}>
    <ColumnsContext.Provider value={columns}>
    <Box flexDirection="column" width={columns}>
      {presenting ? null : <StyledLines lines={[headerLine(model, state.period, columns, title, organisation), breadcrumbLine(titles, columns, model.glyphs)]} theme={theme} />}
      {/* overflowY only: every line is already cut to the width, and clipping across is what costs. */}
      <Box flexDirection="column" height={bodyHeight} overflowY="hidden">
        {body}
      </Box>
      <StyledLines lines={[footer.length ? footer : [seg(' ')]]} theme={theme} />
    </Box>
    </ColumnsContext.Provider>
    </GlyphsContext.Provider>
  );
}

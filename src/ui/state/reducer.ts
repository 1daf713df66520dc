import type { CellKey } from '../../viewmodel/heatgrid.js';
import { DEFAULT_GRID, type GridOptions } from '../../viewmodel/screen.js';

// The app state and its one reducer: a screen stack, each screen's cursor, the period, the mode
// (normal | filter | command | help), the filter and the sort of each list. Pure; unit-tested.

export type TopView = 'overview' | 'kpis' | 'register' | 'heatgrid' | 'finance' | 'checks';
export const TOP_VIEWS: readonly TopView[] = ['overview', 'kpis', 'register', 'heatgrid', 'finance', 'checks'];

export type Screen =
  | { readonly screen: TopView }
  /** The KPI table of one priority. */
  | { readonly screen: 'priority'; readonly id: string }
  /** One KPI's detail. */
  | { readonly screen: 'kpi'; readonly id: string }
  /** One register entry. */
  | { readonly screen: 'risk'; readonly id: string }
  /** The entries placed in one heat-grid cell. */
  | { readonly screen: 'cell'; readonly id: CellKey }
  /** Presenter mode's slides (the item shown is `present.item`). */
  | { readonly screen: 'present' };

/** The screen is blanked: black (b, .) or white (w). */
export type Blank = 'black' | 'white';

/**
 * Presenter mode's own state: the meeting (its period and agenda position) is kept here, apart
 * from what the analyst screens drilled into from it show, so drilling out, browsing another
 * period and coming back always lands on the same item of the same meeting.
 */
export interface PresentState {
  /** The item shown (0-based, always < count). */
  readonly item: number;
  readonly count: number;
  /** The meeting's period (what the slides show, whatever the analyst screens browse). */
  readonly period: number;
  /** Started with `ragtop present`: leaving the presentation quits. */
  readonly standalone: boolean;
  /** The audience screen is blanked. */
  readonly blank?: Blank;
  /** The agenda index is open (i), with its cursor. */
  readonly index: boolean;
  readonly indexCursor: number;
  /** Digits typed so far to go to an item (Enter goes). */
  readonly digits: string;
}

export type Mode = 'normal' | 'filter' | 'command' | 'help';

export interface SortState {
  readonly column: number;
}

/** What each screen keeps (its cursor, filter, sort), by the screen's key. */
export type PerScreen<V> = Readonly<Partial<Record<ScreenKey, V>>>;

export interface AppState {
  /** Never empty; the first entry is a top-level view. */
  readonly stack: readonly Screen[];
  readonly cursors: PerScreen<number>;
  readonly filters: PerScreen<string>;
  readonly sorts: PerScreen<SortState>;
  readonly period: number;
  readonly periodCount: number;
  readonly grid: GridOptions;
  readonly present?: PresentState;
  readonly mode: Mode;
  /** The text being typed in filter or command mode. */
  readonly draft: string;
  /** A one-line message (a jump that found nothing, …); cleared by the next key. */
  readonly status?: string;
  readonly quit: boolean;
  /** Left with Ctrl-C rather than q. */
  readonly interrupted: boolean;
}

export type Action =
  | { readonly type: 'move'; readonly to: 'up' | 'down' | 'pageUp' | 'pageDown' | 'top' | 'bottom'; readonly size: number; readonly page: number }
  | { readonly type: 'setCursor'; readonly index: number }
  | { readonly type: 'push'; readonly screen: Screen }
  | { readonly type: 'back' }
  | { readonly type: 'view'; readonly view: TopView }
  | { readonly type: 'cycleView'; readonly delta: 1 | -1 }
  | { readonly type: 'period'; readonly delta: number }
  | { readonly type: 'setPeriod'; readonly index: number }
  | { readonly type: 'mode'; readonly mode: Mode }
  | { readonly type: 'type'; readonly text: string }
  | { readonly type: 'erase' }
  | { readonly type: 'setDraft'; readonly text: string }
  | { readonly type: 'keepFilter' }
  | { readonly type: 'clearFilter' }
  /** Opens the Checks view over the current screen, filtered (Esc comes back). */
  | { readonly type: 'showChecks'; readonly filter: string }
  | { readonly type: 'sort'; readonly columns: number }
  | { readonly type: 'status'; readonly text?: string }
  | { readonly type: 'quit'; readonly interrupted?: boolean }
  /** Moves the heat grid's cell cursor (index impactRow × 5 + likelihoodColumn, 0 = top left). */
  | { readonly type: 'gridMove'; readonly dx: number; readonly dy: number }
  | { readonly type: 'grid'; readonly set: Partial<GridOptions> }
  /** The data was reloaded: this many periods now, showing this one. */
  | { readonly type: 'periods'; readonly count: number; readonly period: number }
  /** Starts presenting an agenda of `count` items at `item`, of the period shown. */
  | { readonly type: 'presentStart'; readonly count: number; readonly standalone: boolean; readonly item?: number }
  /** Shows agenda item `item` (clamped), from wherever it was drilled to; closes the index, clears typed digits, unblanks. */
  | { readonly type: 'presentGo'; readonly item: number }
  | { readonly type: 'presentSet'; readonly set: Partial<Pick<PresentState, 'blank' | 'index' | 'indexCursor' | 'digits'>> }
  /** Shows the blanked screen again. */
  | { readonly type: 'presentUnblank' }
  /** Back to the slide from anything drilled into from it, in the meeting's period. */
  | { readonly type: 'presentReturn' }
  /** The agenda changed under the presentation (a reload, an edit): its new size, period and item. */
  | { readonly type: 'presentSync'; readonly count: number; readonly period: number; readonly item: number }
  /** Leaves presenter mode: back to the analyst view it was started from (or quits, standalone). */
  | { readonly type: 'presentEnd' };

declare const screenKeyBrand: unique symbol;
/** The key a screen's cursor, filter and sort are kept under; only screenKey makes one. */
export type ScreenKey = string & { readonly [screenKeyBrand]: true };

export function screenKey(s: Screen): ScreenKey {
  // The one place a ScreenKey is made: the brand is what keeps any other text from being one.
  return ('id' in s ? `${s.screen}:${s.id}` : s.screen) as ScreenKey;
}

/** The slides' own screen: one per presentation, whatever item they show. */
const SLIDES: Screen = { screen: 'present' };
/** Where the slide's scroll position is kept. */
const SLIDES_KEY = screenKey(SLIDES);

export function current(state: AppState): Screen {
  // The stack is never empty (every change keeps its first screen).
  return state.stack[state.stack.length - 1] as Screen;
}

/** Where the slides sit in the stack (-1 when not presenting). */
function slideAt(state: AppState): number {
  return state.stack.findIndex((s) => s.screen === 'present');
}

/** Presenting, with an analyst screen drilled into from the slide on top. */
export function drilled(state: AppState): boolean {
  return state.present !== undefined && current(state).screen !== 'present';
}

/** The stack with everything drilled into from the slide taken off, in the meeting's period. */
function toSlide(state: AppState): AppState {
  const at = slideAt(state);
  if (!state.present || at < 0) return state;
  return { ...state, stack: state.stack.slice(0, at + 1), period: clamp(state.present.period, state.periodCount), mode: 'normal', draft: '' };
}

/** A top-level view: replaces the stack, or, drilled out of a slide, what is above the slide. */
function showView(state: AppState, view: TopView): AppState {
  const at = slideAt(state);
  const under = state.present && at >= 0 ? state.stack.slice(0, at + 1) : [];
  return { ...state, stack: [...under, { screen: view }] };
}

export function initialState(periodCount: number, period = periodCount - 1, view: TopView = 'overview'): AppState {
  // A presentation started from the command line is set up with presentStart after this.
  return {
    stack: [{ screen: view }],
    cursors: {},
    filters: {},
    sorts: {},
    period: Math.max(0, Math.min(period, periodCount - 1)),
    periodCount,
    grid: DEFAULT_GRID,
    mode: 'normal',
    draft: '',
    quit: false,
    interrupted: false,
  };
}

function clamp(n: number, size: number): number {
  return size <= 0 ? 0 : Math.max(0, Math.min(n, size - 1));
}

function withCursor(state: AppState, index: number): AppState {
  return { ...state, cursors: { ...state.cursors, [screenKey(current(state))]: index } };
}

export function cursorOf(state: AppState): number {
  return state.cursors[screenKey(current(state))] ?? 0;
}

export function filterOf(state: AppState): string {
  const key = screenKey(current(state));
  return state.mode === 'filter' ? state.draft : (state.filters[key] ?? '');
}

/** The state without its status line (a status line lasts until the next key). */
export function withoutStatus(state: AppState): AppState {
  if (state.status === undefined) return state;
  const { status: _status, ...rest } = state;
  return rest;
}

/** The presentation shown again after a blank. */
function unblanked(present: PresentState): PresentState {
  const { blank: _blank, ...rest } = present;
  return rest;
}

export function reducer(state: AppState, action: Action): AppState {
  const base = action.type === 'status' ? state : withoutStatus(state);
  switch (action.type) {
    case 'move': {
      const at = cursorOf(base);
      const step = Math.max(1, action.page);
      const to =
        action.to === 'up' ? at - 1 : action.to === 'down' ? at + 1 : action.to === 'pageUp' ? at - step : action.to === 'pageDown' ? at + step : action.to === 'top' ? 0 : action.size - 1;
      return withCursor(base, clamp(to, action.size));
    }
    case 'setCursor':
      return withCursor(base, Math.max(0, action.index));
    case 'push':
      return { ...base, stack: [...base.stack, action.screen] };
    case 'back': {
      // The slide is the bottom of a drill-out: Esc there does nothing, so Esc always lands on it.
      if (base.present && current(base).screen === 'present') return base;
      if (base.stack.length <= 1) return base;
      const popped = { ...base, stack: base.stack.slice(0, -1) };
      return current(popped).screen === 'present' ? toSlide(popped) : popped;
    }
    case 'view':
      return showView(base, action.view);
    case 'cycleView': {
      const at = slideAt(base);
      const top = base.stack[base.present && at >= 0 ? at + 1 : 0];
      const i = top ? TOP_VIEWS.findIndex((v) => v === top.screen) : -1;
      const next = TOP_VIEWS[(i + action.delta + TOP_VIEWS.length) % TOP_VIEWS.length] ?? 'overview';
      return showView(base, next);
    }
    case 'period':
      return { ...base, period: clamp(base.period + action.delta, base.periodCount) };
    case 'setPeriod':
      return { ...base, period: clamp(action.index, base.periodCount) };
    case 'mode': {
      if (action.mode === 'filter') return { ...base, mode: 'filter', draft: base.filters[screenKey(current(base))] ?? '' };
      return { ...base, mode: action.mode, draft: '' };
    }
    case 'type':
      return withCursor({ ...base, draft: base.draft + action.text }, base.mode === 'filter' ? 0 : cursorOf(base));
    case 'erase':
      return { ...base, draft: [...base.draft].slice(0, -1).join('') };
    case 'setDraft':
      return { ...base, draft: action.text };
    case 'keepFilter':
      return { ...base, mode: 'normal', draft: '', filters: { ...base.filters, [screenKey(current(base))]: base.draft } };
    case 'showChecks': {
      const shown: AppState = { ...base, stack: [...base.stack, { screen: 'checks' }], filters: { ...base.filters, [screenKey({ screen: 'checks' })]: action.filter } };
      return withCursor(shown, 0);
    }
    case 'clearFilter':
      return withCursor({ ...base, mode: 'normal', draft: '', filters: { ...base.filters, [screenKey(current(base))]: '' } }, 0);
    case 'sort': {
      const key = screenKey(current(base));
      const now = base.sorts[key]?.column ?? 0;
      return { ...base, sorts: { ...base.sorts, [key]: { column: action.columns <= 0 ? 0 : (now + 1) % action.columns } } };
    }
    case 'status':
      return action.text === undefined ? withoutStatus(base) : { ...base, status: action.text };
    case 'quit':
      return { ...base, quit: true, interrupted: action.interrupted === true };
    case 'gridMove': {
      const at = cursorOf(base);
      const row = Math.max(0, Math.min(4, Math.floor(at / 5) + action.dy));
      const col = Math.max(0, Math.min(4, (at % 5) + action.dx));
      return withCursor(base, row * 5 + col);
    }
    case 'grid':
      return { ...base, grid: { ...base.grid, ...action.set } };
    case 'periods':
      return { ...base, periodCount: action.count, period: clamp(action.period, action.count) };
    case 'presentStart': {
      if (action.count <= 0) return { ...base, status: 'the agenda has no items' };
      const item = clamp(action.item ?? 0, action.count);
      const stack = action.standalone ? [SLIDES] : [...base.stack, SLIDES];
      const present: PresentState = { item, count: action.count, period: base.period, standalone: action.standalone, index: false, indexCursor: item, digits: '' };
      return { ...base, stack, mode: 'normal', draft: '', present, cursors: { ...base.cursors, [SLIDES_KEY]: 0 } };
    }
    case 'presentGo': {
      if (!base.present) return base;
      const item = clamp(action.item, base.present.count);
      // A new item starts at its top; the same item keeps where it was scrolled to.
      const scroll = item === base.present.item ? (base.cursors[SLIDES_KEY] ?? 0) : 0;
      return toSlide({ ...base, present: { ...unblanked(base.present), item, index: false, digits: '' }, cursors: { ...base.cursors, [SLIDES_KEY]: scroll } });
    }
    case 'presentSet':
      return base.present ? { ...base, present: { ...base.present, ...action.set } } : base;
    case 'presentUnblank':
      return base.present ? { ...base, present: unblanked(base.present) } : base;
    case 'presentReturn':
      return toSlide(base);
    case 'presentSync': {
      if (!base.present) return base;
      if (action.count <= 0) return reducer(base, { type: 'presentEnd' });
      const item = clamp(action.item, action.count);
      const moved = item !== base.present.item;
      const present: PresentState = { ...base.present, count: action.count, period: clamp(action.period, base.periodCount), item, indexCursor: clamp(base.present.indexCursor, action.count) };
      const next = { ...base, present, ...(moved ? { cursors: { ...base.cursors, [SLIDES_KEY]: 0 } } : {}) };
      return current(next).screen === 'present' ? toSlide(next) : next;
    }
    case 'presentEnd': {
      if (!base.present) return base;
      if (base.present.standalone) return { ...base, quit: true };
      const at = slideAt(base);
      const { present, ...rest } = base;
      return { ...rest, period: clamp(present.period, base.periodCount), mode: 'normal', stack: at > 0 ? base.stack.slice(0, at) : [{ screen: 'overview' }] };
    }
  }
}

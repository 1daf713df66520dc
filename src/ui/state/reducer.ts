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
  /** The entries placed in one heat-grid cell (id `impact,likelihood`). */
  | { readonly screen: 'cell'; readonly id: string }
  /** Presenter mode, showing agenda item `id` (0-based, as text). */
  | { readonly screen: 'present'; readonly id: string };

/** Presenter mode's own state (the item shown is the `present` screen's id). */
export interface PresentState {
  readonly count: number;
  /** Started with `ragtop present`: leaving the presentation quits. */
  readonly standalone: boolean;
  /** The audience screen is blanked (b). */
  readonly blank: boolean;
  /** The agenda index is open (i). */
  readonly index: boolean;
  /** Digits typed so far to jump to an item (Enter goes). */
  readonly digits: string;
}

export type Mode = 'normal' | 'filter' | 'command' | 'help';

export interface SortState {
  readonly column: number;
}

export interface AppState {
  /** Never empty; the first entry is a top-level view. */
  readonly stack: readonly Screen[];
  readonly cursors: Readonly<Record<string, number>>;
  readonly filters: Readonly<Record<string, string>>;
  readonly sorts: Readonly<Record<string, SortState>>;
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
  | { readonly type: 'setCursorAt'; readonly key: string; readonly index: number }
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
  /** Starts presenting an agenda of `count` items at `item`. */
  | { readonly type: 'presentStart'; readonly count: number; readonly standalone: boolean; readonly item?: number }
  /** Shows agenda item `item` (clamped); closes the index, clears typed digits, unblanks. */
  | { readonly type: 'presentGo'; readonly item: number }
  | { readonly type: 'presentSet'; readonly set: Partial<Pick<PresentState, 'blank' | 'index' | 'digits'>> }
  /** Leaves presenter mode: back to the analyst view it was started from (or quits, standalone). */
  | { readonly type: 'presentEnd' };

/** The key a screen's cursor, filter and sort are kept under. */
export function screenKey(s: Screen): string {
  return 'id' in s ? `${s.screen}:${s.id}` : s.screen;
}

export function current(state: AppState): Screen {
  return state.stack[state.stack.length - 1] as Screen;
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

export function reducer(state: AppState, action: Action): AppState {
  const base = state.status === undefined || action.type === 'status' ? state : { ...state, status: undefined };
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
    case 'setCursorAt':
      return { ...base, cursors: { ...base.cursors, [action.key]: Math.max(0, action.index) } };
    case 'push':
      return { ...base, stack: [...base.stack, action.screen] };
    case 'back':
      return base.stack.length > 1 ? { ...base, stack: base.stack.slice(0, -1) } : base;
    case 'view':
      return { ...base, stack: [{ screen: action.view }] };
    case 'cycleView': {
      const top = base.stack[0] as Screen;
      const i = TOP_VIEWS.indexOf(top.screen as TopView);
      const next = TOP_VIEWS[(i + action.delta + TOP_VIEWS.length) % TOP_VIEWS.length] as TopView;
      return { ...base, stack: [{ screen: next }] };
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
      const shown: AppState = { ...base, stack: [...base.stack, { screen: 'checks' }], filters: { ...base.filters, checks: action.filter } };
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
      return action.text === undefined ? { ...base, status: undefined } : { ...base, status: action.text };
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
      const screen: Screen = { screen: 'present', id: String(item) };
      const stack = action.standalone ? [screen] : [...base.stack, screen];
      return { ...base, stack, mode: 'normal', present: { count: action.count, standalone: action.standalone, blank: false, index: false, digits: '' } };
    }
    case 'presentGo': {
      if (!base.present) return base;
      const item = clamp(action.item, base.present.count);
      // Replace the presenter screen (and anything drilled into from it) with the new item.
      const at = base.stack.findIndex((s) => s.screen === 'present');
      const stack = [...base.stack.slice(0, Math.max(0, at)), { screen: 'present', id: String(item) } as Screen];
      return { ...base, stack, present: { ...base.present, blank: false, index: false, digits: '' } };
    }
    case 'presentSet':
      return base.present ? { ...base, present: { ...base.present, ...action.set } } : base;
    case 'presentEnd': {
      if (!base.present) return base;
      if (base.present.standalone) return { ...base, quit: true };
      const at = base.stack.findIndex((s) => s.screen === 'present');
      const { present: _gone, ...rest } = base;
      return { ...rest, stack: at > 0 ? base.stack.slice(0, at) : [{ screen: 'overview' }] };
    }
    default: {
      const _exhaustive: never = action;
      return _exhaustive;
    }
  }
}

// The one input router: a keypress, the current mode and screen → actions. Pure, so every key
// is unit-tested without a terminal.

import type { JumpResult } from '../../viewmodel/jump.js';
import type { ScreenView, Target } from '../../viewmodel/screen.js';
import { cursorOf, current, type Action, type AppState, type Screen } from '../state/reducer.js';
import { commandFor, type KeyPress } from './keymap.js';

export interface RouteContext {
  /** Rows in a page, for PgUp/PgDn. */
  readonly page: number;
  readonly jump: (text: string) => JumpResult;
  readonly complete: (text: string) => string;
  /** Presenter mode: how many agenda items the current period has, and what item i drills into. */
  readonly agendaSize?: () => number;
  readonly drill?: (item: number) => Target | undefined;
}

export function screenOf(t: Target): Screen {
  return t.kind === 'view' ? { screen: t.id } : { screen: t.kind, id: t.id };
}

/** Presenter mode's keys, on the audience screen (undefined: not a presenter key). */
function presenterKeys(k: KeyPress, state: AppState, ctx: RouteContext): Action[] | undefined {
  const p = state.present;
  const top = current(state);
  if (!p || top.screen !== 'present') return undefined;
  const item = Number(top.id);
  const go = (i: number): Action[] => [{ type: 'presentGo', item: i }];
  if (p.index) {
    const at = state.cursors['present:index'] ?? item;
    const set = (i: number): Action[] => [{ type: 'presentSet', set: {} }, ...indexCursor(Math.max(0, Math.min(p.count - 1, i)))];
    if (k.escape || k.input === 'i' || k.input === 'q') return [{ type: 'presentSet', set: { index: false } }];
    if (k.enter) return go(at);
    if (k.down || k.input === 'j') return set(at + 1);
    if (k.up || k.input === 'k') return set(at - 1);
    if (k.input === 'g') return set(0);
    if (k.input === 'G') return set(p.count - 1);
    return [];
  }
  if (/^[0-9]$/.test(k.input)) return [{ type: 'presentSet', set: { digits: (p.digits + k.input).slice(-3) } }];
  if (k.backspace && p.digits !== '') return [{ type: 'presentSet', set: { digits: p.digits.slice(0, -1) } }];
  if (k.enter && p.digits !== '') return go(Number(p.digits) - 1);
  if (k.input === ' ' || k.right || k.input === 'n' || k.pageDown) return go(item + 1);
  if (k.left || k.backspace || k.input === 'N' || k.pageUp) return go(item - 1);
  if (k.input === 'g' || k.home) return go(0);
  if (k.input === 'G' || k.end) return go(p.count - 1);
  if (k.input === 'i') return [{ type: 'presentSet', set: { index: true } }, ...indexCursor(item)];
  if (k.input === 'b') return [{ type: 'presentSet', set: { blank: !p.blank } }];
  if (k.escape) return p.blank ? [{ type: 'presentSet', set: { blank: false } }] : [];
  if (k.enter || k.input === 'd') {
    const t = ctx.drill?.(item);
    return t ? [{ type: 'push', screen: screenOf(t) }] : [{ type: 'status', text: 'nothing to drill into on this item' }];
  }
  if (k.input === 'q') return [{ type: 'presentEnd' }];
  if (k.input === '?') return [{ type: 'mode', mode: 'help' }];
  return [];
}

function indexCursor(i: number): Action[] {
  return [{ type: 'setCursorAt', key: 'present:index', index: i }];
}

function printable(k: KeyPress): boolean {
  // eslint-disable-next-line no-control-regex
  return !k.ctrl && k.input.length > 0 && !k.enter && !k.escape && !k.tab && !k.backspace && !/[\x00-\x1f\x7f]/.test(k.input);
}

export function route(k: KeyPress, state: AppState, view: ScreenView, ctx: RouteContext): Action[] {
  switch (state.mode) {
    case 'help':
      if (k.input === 'q' && !k.ctrl) return [{ type: 'quit' }];
      return [{ type: 'mode', mode: 'normal' }];
    case 'filter':
      if (k.escape) return [{ type: 'clearFilter' }];
      if (k.enter) return [{ type: 'keepFilter' }];
      if (k.backspace) return [{ type: 'erase' }];
      if (k.up) return [{ type: 'move', to: 'up', size: view.size, page: ctx.page }];
      if (k.down) return [{ type: 'move', to: 'down', size: view.size, page: ctx.page }];
      if (printable(k)) return [{ type: 'type', text: k.input }];
      return [];
    case 'command': {
      if (k.escape) return [{ type: 'mode', mode: 'normal' }];
      if (k.tab) return [{ type: 'setDraft', text: ctx.complete(state.draft) }];
      if (k.backspace) return state.draft === '' ? [{ type: 'mode', mode: 'normal' }] : [{ type: 'erase' }];
      if (k.enter) {
        const r = ctx.jump(state.draft);
        if ('error' in r) return [{ type: 'mode', mode: 'normal' }, { type: 'status', text: r.error }];
        if ('period' in r) return [{ type: 'mode', mode: 'normal' }, { type: 'setPeriod', index: r.period }];
        return [{ type: 'mode', mode: 'normal' }, ...jumpTo(state, r.target)];
      }
      if (printable(k)) return [{ type: 'type', text: k.input }];
      return [];
    }
    case 'normal':
      return presenterKeys(k, state, ctx) ?? normal(k, state, view, ctx);
    default: {
      const _exhaustive: never = state.mode;
      return _exhaustive;
    }
  }
}

/** A jump opens its target from the view it belongs to, so Esc comes back somewhere sensible. */
function jumpTo(state: AppState, t: Target): Action[] {
  const screen = screenOf(t);
  const top = current(state);
  if ('id' in top && top.screen === screen.screen && top.id === t.id) return [];
  return [{ type: 'push', screen }];
}

/** On the heat grid, arrows and h j k l move the cell cursor; Enter opens the cell. */
function gridKeys(k: KeyPress): Action[] | undefined {
  const dx = k.left || k.input === 'h' ? -1 : k.right || k.input === 'l' ? 1 : 0;
  const dy = k.up || k.input === 'k' ? -1 : k.down || k.input === 'j' ? 1 : 0;
  if (dx === 0 && dy === 0) return undefined;
  return [{ type: 'gridMove', dx, dy }];
}

function normal(k: KeyPress, state: AppState, view: ScreenView, ctx: RouteContext): Action[] {
  if (current(state).screen === 'heatgrid' && !k.ctrl) {
    const moved = gridKeys(k);
    if (moved) return moved;
  }
  const id = commandFor(k);
  if (id === undefined) return [];
  const onGrid = current(state).screen === 'heatgrid' || current(state).screen === 'cell';
  const gridOnly = (set: Partial<AppState['grid']>): Action[] => (onGrid ? [{ type: 'grid', set }] : [{ type: 'status', text: 'that key works on the heat grid (4)' }]);
  const move = (to: Extract<Action, { type: 'move' }>['to']): Action[] => [{ type: 'move', to, size: view.size, page: ctx.page }];
  switch (id) {
    case 'nav.up':
      return move('up');
    case 'nav.down':
      return move('down');
    case 'nav.pageUp':
      return move('pageUp');
    case 'nav.pageDown':
      return move('pageDown');
    case 'nav.top':
      return move('top');
    case 'nav.bottom':
      return move('bottom');
    case 'screen.enter': {
      const t = view.targets[cursorOf(state)];
      return t ? [{ type: 'push', screen: screenOf(t) }] : [];
    }
    case 'screen.back':
      if (state.stack.length > 1) return [{ type: 'back' }];
      return state.filters[current(state).screen] ? [{ type: 'clearFilter' }] : [];
    case 'view.overview':
      return [{ type: 'view', view: 'overview' }];
    case 'view.kpis':
      return [{ type: 'view', view: 'kpis' }];
    case 'view.register':
      return [{ type: 'view', view: 'register' }];
    case 'view.heatGrid':
      return [{ type: 'view', view: 'heatgrid' }];
    case 'view.finance':
      return [{ type: 'view', view: 'finance' }];
    case 'view.checks':
      return [{ type: 'view', view: 'checks' }];
    case 'kpi.checks': {
      const top = current(state);
      return top.screen === 'kpi' ? [{ type: 'showChecks', filter: top.id }] : [{ type: 'status', text: "c shows the checks on a KPI: open the KPI's detail first" }];
    }
    case 'view.next':
      return [{ type: 'cycleView', delta: 1 }];
    case 'view.previous':
      return [{ type: 'cycleView', delta: -1 }];
    case 'period.previous':
      return state.period > 0 ? [{ type: 'period', delta: -1 }] : [{ type: 'status', text: 'this is the earliest period loaded' }];
    case 'period.next':
      return state.period < state.periodCount - 1 ? [{ type: 'period', delta: 1 }] : [{ type: 'status', text: 'this is the latest period loaded' }];
    case 'list.filter':
      return [{ type: 'mode', mode: 'filter' }];
    case 'list.sort':
      return view.sortColumns > 0 ? [{ type: 'sort', columns: view.sortColumns }] : [{ type: 'status', text: 'nothing to sort here' }];
    case 'app.jump':
      return [{ type: 'mode', mode: 'command' }];
    case 'app.help':
      return [{ type: 'mode', mode: 'help' }];
    case 'app.present': {
      if (state.present) return [];
      const size = ctx.agendaSize?.() ?? 0;
      return size > 0 ? [{ type: 'presentStart', count: size, standalone: false }] : [{ type: 'status', text: 'no agenda to present for this period' }];
    }
    case 'app.quit':
      // Drilled out of a presentation: q ends the presentation, not the app.
      return state.present ? [{ type: 'presentEnd' }] : [{ type: 'quit' }];
    case 'app.redraw':
      // The app repaints (App.tsx, which owns the terminal's frame writer hook); no state changes.
      return [];
    case 'grid.inherent':
      return gridOnly({ assessment: 'inherent' });
    case 'grid.residual':
      return gridOnly({ assessment: 'residual' });
    case 'grid.target':
      return gridOnly({ assessment: 'target' });
    case 'grid.kind':
      return gridOnly({ kind: state.grid.kind === 'risk' ? 'opportunity' : 'risk' });
    case 'grid.movement':
      return gridOnly({ movement: !state.grid.movement });
    default: {
      const _exhaustive: never = id;
      return _exhaustive;
    }
  }
}

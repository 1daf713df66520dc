// The one input router: a keypress, the current state and screen → actions. Every key is
// resolved through the key table (keymap.ts) in the scopes the app is in; pure, so every key is
// unit-tested without a terminal.

import type { JumpResult } from '../../viewmodel/jump.js';
import type { ScreenView, Target } from '../../viewmodel/screen.js';
import { cursorOf, current, drilled, screenKey, type Action, type AppState, type Screen } from '../state/reducer.js';
import { commandFor, type CommandId, type KeyPress, type Scope } from './keymap.js';

export interface RouteContext {
  /** Rows in a page, for PgUp/PgDn. */
  readonly page: number;
  readonly jump: (text: string) => JumpResult;
  readonly complete: (text: string) => string;
  /** Presenter mode: how many items the meeting's agenda has (of the period shown, before it starts). */
  readonly agendaSize?: () => number;
  /** What item i drills into. */
  readonly drill?: (item: number) => Target | undefined;
  /** The item a typed number means: the first whose title starts with "N.", else the Nth. */
  readonly itemNumbered?: (n: number) => number;
}

export function screenOf(t: Target): Screen {
  switch (t.kind) {
    case 'view':
      return { screen: t.id };
    case 'cell':
      return { screen: 'cell', id: t.id };
    case 'priority':
    case 'kpi':
    case 'risk':
      return { screen: t.kind, id: t.id };
  }
}

/** The scopes a key is looked up in, most specific first. */
export function scopesOf(state: AppState): Scope[] {
  switch (state.mode) {
    case 'help':
      return ['global', 'help'];
    case 'filter':
      return ['global', 'filter'];
    case 'command':
      return ['global', 'command'];
    case 'normal':
      break;
  }
  const top = current(state).screen;
  const p = state.present;
  if (p && top === 'present') {
    if (p.index) return ['global', 'index'];
    return p.digits !== '' ? ['global', 'goto', 'presenting'] : ['global', 'presenting'];
  }
  return top === 'heatgrid' ? ['global', 'grid', 'analyst'] : ['global', 'analyst'];
}

export function route(k: KeyPress, state: AppState, view: ScreenView, ctx: RouteContext): Action[] {
  const everywhere = commandFor(k, ['global']);
  if (everywhere !== undefined) return run(everywhere, k, state, view, ctx);
  // A blanked screen: any other key shows it again, and does nothing else.
  if (state.present?.blank && current(state).screen === 'present' && state.mode === 'normal') return [{ type: 'presentUnblank' }];
  const id = commandFor(k, scopesOf(state));
  return id === undefined ? [] : run(id, k, state, view, ctx);
}

function run(id: CommandId, k: KeyPress, state: AppState, view: ScreenView, ctx: RouteContext): Action[] {
  const p = state.present;
  const move = (to: Extract<Action, { type: 'move' }>['to']): Action[] => [{ type: 'move', to, size: view.size, page: ctx.page }];
  const go = (i: number): Action[] => [{ type: 'presentGo', item: i }];
  const item = p?.item ?? 0;
  const count = p?.count ?? 0;
  const indexAt = (i: number): Action[] => [{ type: 'presentSet', set: { indexCursor: Math.max(0, Math.min(count - 1, i)) } }];
  const onGrid = current(state).screen === 'heatgrid' || current(state).screen === 'cell';
  const gridOnly = (set: Partial<AppState['grid']>): Action[] => (onGrid ? [{ type: 'grid', set }] : [{ type: 'status', text: 'that key works on the heat grid (4)' }]);
  switch (id) {
    case 'app.interrupt':
      return [{ type: 'quit', interrupted: true }];
    case 'app.redraw':
      // The app repaints (App.tsx, which owns the terminal's frame writer hook); no state changes.
      return [];
    // Browsing.
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
      return state.filters[screenKey(current(state))] ? [{ type: 'clearFilter' }] : [];
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
    case 'present.jump':
      return [{ type: 'mode', mode: 'command' }];
    case 'app.help':
    case 'present.help':
      return [{ type: 'mode', mode: 'help' }];
    case 'app.present': {
      if (drilled(state)) return [{ type: 'presentReturn' }];
      if (p) return [];
      const size = ctx.agendaSize?.() ?? 0;
      return size > 0 ? [{ type: 'presentStart', count: size, standalone: false }] : [{ type: 'status', text: 'no agenda to present for this period' }];
    }
    case 'app.quit':
      // Drilled out of a slide: q goes back to it, never out of the meeting.
      return drilled(state) ? [{ type: 'presentReturn' }] : [{ type: 'quit' }];
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
    case 'grid.left':
      return [{ type: 'gridMove', dx: -1, dy: 0 }];
    case 'grid.right':
      return [{ type: 'gridMove', dx: 1, dy: 0 }];
    case 'grid.up':
      return [{ type: 'gridMove', dx: 0, dy: -1 }];
    case 'grid.down':
      return [{ type: 'gridMove', dx: 0, dy: 1 }];
    // Presenting.
    case 'present.next':
      return go(item + 1);
    case 'present.previous':
      return go(item - 1);
    case 'present.first':
      return go(0);
    case 'present.last':
      return go(count - 1);
    case 'present.scrollDown':
      return view.size > 1 ? move('down') : [];
    case 'present.scrollUp':
      return view.size > 1 ? move('up') : [];
    case 'present.number':
    case 'goto.digit':
      return [{ type: 'presentSet', set: { digits: ((p?.digits ?? '') + k.input).slice(-3) } }];
    case 'goto.erase':
      return [{ type: 'presentSet', set: { digits: (p?.digits ?? '').slice(0, -1) } }];
    case 'goto.go': {
      const n = Number(p?.digits ?? '');
      return n >= 1 ? go(ctx.itemNumbered ? ctx.itemNumbered(n) : n - 1) : [{ type: 'presentSet', set: { digits: '' } }];
    }
    case 'goto.cancel':
      return [{ type: 'presentSet', set: { digits: '' } }];
    case 'present.index':
      return [{ type: 'presentSet', set: { index: true, indexCursor: item } }];
    case 'present.blank':
      return [{ type: 'presentSet', set: { blank: 'black' } }];
    case 'present.white':
      return [{ type: 'presentSet', set: { blank: 'white' } }];
    case 'present.drill': {
      const t = ctx.drill?.(item);
      // A number half typed is forgotten: it would still read "go to 5" on coming back.
      return t ? [{ type: 'presentSet', set: { digits: '' } }, { type: 'push', screen: screenOf(t) }] : [{ type: 'status', text: 'nothing to drill into on this item' }];
    }
    case 'present.leave':
      return [{ type: 'presentEnd' }];
    case 'index.down':
      return indexAt((p?.indexCursor ?? 0) + 1);
    case 'index.up':
      return indexAt((p?.indexCursor ?? 0) - 1);
    case 'index.top':
      return indexAt(0);
    case 'index.bottom':
      return indexAt(count - 1);
    case 'index.go':
      return go(p?.indexCursor ?? item);
    case 'index.close':
      return [{ type: 'presentSet', set: { index: false } }];
    // The filter line.
    case 'filter.clear':
      return [{ type: 'clearFilter' }];
    case 'filter.keep':
      return [{ type: 'keepFilter' }];
    case 'filter.erase':
    case 'jump.erase':
      return state.mode === 'command' && state.draft === '' ? [{ type: 'mode', mode: 'normal' }] : [{ type: 'erase' }];
    case 'filter.up':
      return move('up');
    case 'filter.down':
      return move('down');
    case 'filter.type':
    case 'jump.type':
      return [{ type: 'type', text: k.input }];
    // The jump line.
    case 'jump.cancel':
      return [{ type: 'mode', mode: 'normal' }];
    case 'jump.complete':
      return [{ type: 'setDraft', text: ctx.complete(state.draft) }];
    case 'jump.go': {
      const r = ctx.jump(state.draft);
      if ('error' in r) return [{ type: 'mode', mode: 'normal' }, { type: 'status', text: r.error }];
      // On a slide, a period jump would change the meeting: the slides keep theirs.
      if ('period' in r) return current(state).screen === 'present' ? [{ type: 'mode', mode: 'normal' }, { type: 'status', text: 'the slides keep the meeting period: d drills out to browse another' }] : [{ type: 'mode', mode: 'normal' }, { type: 'setPeriod', index: r.period }];
      return [{ type: 'mode', mode: 'normal' }, ...jumpTo(state, r.target)];
    }
    // The help overlay: closes; q then does what q does where the help was opened.
    case 'help.close':
      return [{ type: 'mode', mode: 'normal' }];
    case 'help.quit': {
      const under: AppState = { ...state, mode: 'normal' };
      return [{ type: 'mode', mode: 'normal' }, ...route(k, under, view, ctx)];
    }
    // The notes window's keys are its own (NotesApp); they never reach this router.
    case 'notes.down':
    case 'notes.up':
    case 'notes.pageDown':
    case 'notes.pageUp':
    case 'notes.top':
    case 'notes.bottom':
    case 'notes.choose':
    case 'notes.quit':
      return [];
  }
}

/** A jump opens its target from the view it belongs to, so Esc comes back somewhere sensible. */
function jumpTo(state: AppState, t: Target): Action[] {
  const screen = screenOf(t);
  const top = current(state);
  if ('id' in top && top.screen === screen.screen && top.id === t.id) return [];
  return [{ type: 'push', screen }];
}

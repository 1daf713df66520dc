// One key table with scopes: every key the router acts on is in the table for the scope the app
// is in, every command of the table does something somewhere, and the help lists the keys of
// the current scope first.
import { describe, expect, it } from 'vitest';
import { commandFor, KEYMAP, SCOPE_TITLES, type CommandId, type KeyPress } from '../../src/ui/keys/keymap.js';
import { route, scopesOf, type RouteContext } from '../../src/ui/keys/router.js';
import { initialState, reducer, type Action, type AppState } from '../../src/ui/state/reducer.js';
import { helpLines } from '../../src/ui/screens/help.js';
import type { ScreenView } from '../../src/viewmodel/screen.js';

const view: ScreenView = { title: 'T', lines: [], size: 10, targets: [{ kind: 'kpi', id: 'k' }], sortColumns: 3 };
const ctx: RouteContext = {
  page: 5,
  jump: () => ({ target: { kind: 'kpi', id: 'k' } }),
  complete: (t) => t,
  agendaSize: () => 5,
  drill: () => ({ kind: 'kpi', id: 'k' }),
  itemNumbered: (n) => n - 1,
};
const apply = (s: AppState, actions: readonly Action[]) => actions.reduce(reducer, s);

const base = initialState(4);
const slide = apply(base, [{ type: 'presentStart', count: 5, standalone: false, item: 2 }]);
const STATES: Record<string, AppState> = {
  overview: base,
  kpi: apply(base, [{ type: 'push', screen: { screen: 'kpi', id: 'k' } }]),
  heatgrid: apply(base, [{ type: 'view', view: 'heatgrid' }]),
  filter: apply(base, [{ type: 'mode', mode: 'filter' }]),
  command: { ...apply(base, [{ type: 'mode', mode: 'command' }]), draft: 'kpi k' },
  help: apply(base, [{ type: 'mode', mode: 'help' }]),
  slide,
  goto: apply(slide, [{ type: 'presentSet', set: { digits: '1' } }]),
  index: apply(slide, [{ type: 'presentSet', set: { index: true } }]),
  drilled: apply(slide, [{ type: 'push', screen: { screen: 'kpi', id: 'k' } }]),
  blank: apply(slide, [{ type: 'presentSet', set: { blank: 'black' } }]),
};

/** Every key a terminal can send that Ink reports: printable ASCII, the named keys, Ctrl-letters. */
const KEYS: KeyPress[] = [
  ...Array.from({ length: 95 }, (_, i) => ({ input: String.fromCharCode(32 + i) })),
  ...(['up', 'down', 'left', 'right', 'pageUp', 'pageDown', 'home', 'end', 'enter', 'escape', 'tab', 'backspace'] as const).map((k) => ({ input: '', [k]: true })),
  { input: '', tab: true, shift: true },
  ...'abcdefghijklmnopqrstuvwxyz'.split('').map((c) => ({ input: c, ctrl: true })),
];

describe('the key table', () => {
  it.each(Object.keys(STATES))('%s: every key the router acts on is bound in the scopes the app is in', (name) => {
    const state = STATES[name] as AppState;
    for (const k of KEYS) {
      const actions = route(k, state, view, ctx);
      if (actions.length === 0) continue;
      // The one rule outside the table: on a blanked slide any key shows the slide again.
      if (name === 'blank' && actions.length === 1 && actions[0]?.type === 'presentUnblank') continue;
      expect(commandFor(k, scopesOf(state)), `${JSON.stringify(k)} in ${name}`).toBeDefined();
    }
  });

  it('every command but the notes window\'s does something in some state (no dead rows)', () => {
    const acted = new Set<CommandId>();
    for (const state of Object.values(STATES))
      for (const k of KEYS) {
        const id = commandFor(k, scopesOf(state));
        if (id !== undefined && route(k, state, view, ctx).length > 0) acted.add(id);
      }
    const dead = KEYMAP.filter((c) => c.scope !== 'notes' && c.id !== 'app.redraw' && !acted.has(c.id)).map((c) => c.id);
    expect(dead).toEqual([]);
  });

  it('each scope has a title, and the scopes a state is in are looked up most specific first', () => {
    for (const c of KEYMAP) expect(SCOPE_TITLES[c.scope]).toBeTruthy();
    expect(scopesOf(STATES['goto'] as AppState)).toEqual(['global', 'goto', 'presenting']);
    expect(scopesOf(STATES['heatgrid'] as AppState)).toEqual(['global', 'grid', 'analyst']);
    expect(scopesOf(STATES['drilled'] as AppState)).toEqual(['global', 'analyst']);
    // h and l move the cell cursor on the heat grid; elsewhere they are back and open.
    expect(commandFor({ input: 'h' }, scopesOf(STATES['heatgrid'] as AppState))).toBe('grid.left');
    expect(commandFor({ input: 'h' }, scopesOf(base))).toBe('screen.back');
  });

  it('? while presenting shows the presenting keys first; browsing keys first elsewhere', () => {
    const text = (lines: ReturnType<typeof helpLines>) => lines.map((l) => l.map((s) => s.text).join('')).join('\n');
    const presenting = text(helpLines(80, 22, scopesOf(slide)));
    expect(presenting.split('\n')[0]).toContain(SCOPE_TITLES.presenting);
    expect(presenting).toMatch(/b\/\. +blank the screen black/);
    const browsing = text(helpLines(80, 22, scopesOf(base)));
    expect(browsing.split('\n')[0]).toContain(SCOPE_TITLES.analyst);
  });

  it('Ctrl-C quits from every state, a blanked slide included', () => {
    for (const [name, state] of Object.entries(STATES)) {
      const after = apply(state, route({ input: 'c', ctrl: true }, state, view, ctx));
      expect([name, after.quit, after.interrupted]).toEqual([name, true, true]);
    }
  });
});

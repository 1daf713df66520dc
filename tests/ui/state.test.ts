import { describe, expect, it } from 'vitest';
import { commandFor, KEYMAP, type KeyPress } from '../../src/ui/keys/keymap.js';
import { keyHints } from '../../src/ui/keys/key-text.js';
import { route, type RouteContext } from '../../src/ui/keys/router.js';
import { current, cursorOf, filterOf, initialState, reducer, screenKey, type Action, type AppState } from '../../src/ui/state/reducer.js';
import type { ScreenView } from '../../src/viewmodel/screen.js';

const view = (size: number, targets: ScreenView['targets'] = [], sortColumns = 0): ScreenView => ({ title: 'T', lines: [], size, targets, sortColumns });
const ctx: RouteContext = {
  page: 5,
  jump: (text) => (text.startsWith('kpi ') ? { target: { kind: 'kpi', id: text.slice(4) } } : text.startsWith('period') ? { period: 0 } : { error: 'nope' }),
  complete: (text) => (text === 'k' ? 'kpi ' : text),
};
const key = (input: string, extra: Partial<KeyPress> = {}): KeyPress => ({ input, ...extra });
const apply = (s: AppState, actions: Action[]) => actions.reduce(reducer, s);
const press = (s: AppState, k: KeyPress, v = view(10)) => apply(s, route(k, s, v, ctx));

describe('keymap', () => {
  it('binds every command to at least one key, and no key twice in a scope', () => {
    const seen = new Map<string, string>();
    for (const spec of KEYMAP) {
      expect(spec.keys.length).toBeGreaterThan(0);
      for (const b of spec.keys) {
        const name = `${spec.scope} ${JSON.stringify(b)}`;
        expect(seen.get(name), `${name} is bound to ${seen.get(name)} and ${spec.id}`).toBeUndefined();
        seen.set(name, spec.id);
      }
    }
  });
  it.each([
    [key('j'), 'nav.down'],
    [key('', { down: true }), 'nav.down'],
    [key('k'), 'nav.up'],
    [key('', { enter: true }), 'screen.enter'],
    [key('l'), 'screen.enter'],
    [key('', { right: true }), 'screen.enter'],
    [key('', { escape: true }), 'screen.back'],
    [key('h'), 'screen.back'],
    [key('g'), 'nav.top'],
    [key('G'), 'nav.bottom'],
    [key('', { pageDown: true }), 'nav.pageDown'],
    [key('4'), 'view.heatGrid'],
    [key('', { tab: true }), 'view.next'],
    [key('', { tab: true, shift: true }), 'view.previous'],
    [key('['), 'period.previous'],
    [key('/'), 'list.filter'],
    [key(':'), 'app.jump'],
    [key('?'), 'app.help'],
    [key('q'), 'app.quit'],
  ] as const)('%j → %s', (k, id) => expect(commandFor(k)).toBe(id));
  it('makes the footer hints from the table', () => {
    expect(keyHints(['screen.enter', 'list.filter', 'app.quit'])).toBe('Enter open · / filter · q quit');
  });
});

describe('reducer and router', () => {
  const s0 = initialState(4);
  it('starts on the overview at the latest period', () => {
    expect(current(s0)).toEqual({ screen: 'overview' });
    expect(s0.period).toBe(3);
  });
  it('moves the cursor within the list, by page, to the ends', () => {
    let s = press(s0, key('j'));
    expect(cursorOf(s)).toBe(1);
    s = press(s, key('', { pageDown: true }));
    expect(cursorOf(s)).toBe(6);
    s = press(s, key('G'));
    expect(cursorOf(s)).toBe(9);
    s = press(s, key('j'));
    expect(cursorOf(s)).toBe(9);
    s = press(s, key('g'));
    expect(cursorOf(s)).toBe(0);
    expect(cursorOf(press(s, key('k')))).toBe(0);
  });
  it('Enter pushes what the item opens; Esc pops; each screen keeps its cursor', () => {
    const v = view(3, [undefined, { kind: 'kpi', id: 'a' }]);
    let s = press(s0, key('j'), v);
    s = press(s, key('', { enter: true }), v);
    expect(s.stack).toEqual([{ screen: 'overview' }, { screen: 'kpi', id: 'a' }]);
    s = press(s, key('j'), v);
    s = press(s, key('', { escape: true }), v);
    expect(current(s)).toEqual({ screen: 'overview' });
    expect(cursorOf(s)).toBe(1);
    expect(press(s0, key('', { enter: true }), v).stack).toHaveLength(1);
  });
  it('number keys and Tab switch top-level views', () => {
    expect(current(press(s0, key('6')))).toEqual({ screen: 'checks' });
    expect(current(press(s0, key('', { tab: true })))).toEqual({ screen: 'kpis' });
    expect(current(press(s0, key('', { tab: true, shift: true })))).toEqual({ screen: 'checks' });
  });
  it('[ and ] stop at the ends with a message', () => {
    const s = press(s0, key(']'));
    expect(s.period).toBe(3);
    expect(s.status).toBe('this is the latest period loaded');
    expect(press(s0, key('[')).period).toBe(2);
    expect(press(s, key('j')).status).toBeUndefined();
  });
  it('filter: typing filters live, Enter keeps, Esc clears; q is text there', () => {
    let s = press(s0, key('/'));
    expect(s.mode).toBe('filter');
    for (const c of 'red q') s = press(s, key(c));
    expect(filterOf(s)).toBe('red q');
    expect(s.quit).toBe(false);
    s = press(s, key('', { backspace: true }));
    s = press(s, key('', { enter: true }));
    expect([s.mode, filterOf(s)]).toEqual(['normal', 'red ']);
    s = press(s, key('/'));
    s = press(s, key('', { escape: true }));
    expect([s.mode, filterOf(s)]).toEqual(['normal', '']);
  });
  it('jump: Tab completes, Enter goes, an error is a status line', () => {
    let s = press(s0, key(':'));
    s = press(s, key('k'));
    s = press(s, key('', { tab: true }));
    expect(s.draft).toBe('kpi ');
    for (const c of 'x1') s = press(s, key(c));
    s = press(s, key('', { enter: true }));
    expect(current(s)).toEqual({ screen: 'kpi', id: 'x1' });
    s = press(press(s0, key(':')), key('z'));
    s = press(s, key('', { enter: true }));
    expect([s.mode, s.status]).toEqual(['normal', 'nope']);
  });
  it('s cycles the sort column where the view can sort, else says so', () => {
    const v = view(3, [], 3);
    let s = press(s0, key('s'), v);
    expect(s.sorts[screenKey({ screen: 'overview' })]).toEqual({ column: 1 });
    s = press(press(s, key('s'), v), key('s'), v);
    expect(s.sorts[screenKey({ screen: 'overview' })]).toEqual({ column: 0 });
    expect(press(s0, key('s')).status).toBe('nothing to sort here');
  });
  it('help closes on any key; q quits from help and from normal mode', () => {
    const h = press(s0, key('?'));
    expect(h.mode).toBe('help');
    expect(press(h, key('x')).mode).toBe('normal');
    expect(press(h, key('q')).quit).toBe(true);
    expect(press(s0, key('q')).quit).toBe(true);
  });
});

describe('splitKeys: input that arrives in one piece', async () => {
  const { splitKeys } = await import('../../src/ui/keys/keymap.js');
  it('reads each character as its own key, control characters as their keys', () => {
    expect(splitKeys('[:k\r')).toEqual([{ input: '[' }, { input: ':' }, { input: 'k' }, { input: '', enter: true }]);
    expect(splitKeys('a\x7f\t\x1b')).toEqual([{ input: 'a' }, { input: '', backspace: true }, { input: '', tab: true }, { input: '', escape: true }]);
  });
});

describe('heat grid keys', () => {
  const onGrid = reducer(initialState(2), { type: 'view', view: 'heatgrid' });
  it('arrows and h j k l move the cell cursor within the 5×5 grid', () => {
    let s = press(onGrid, key('l'));
    s = press(s, key('', { down: true }));
    expect(cursorOf(s)).toBe(6);
    s = press(press(press(s, key('h')), key('h')), key('k'));
    expect(cursorOf(s)).toBe(0);
    for (let i = 0; i < 7; i++) s = press(s, key('', { right: true }));
    expect(cursorOf(s)).toBe(4);
    expect(current(s)).toEqual({ screen: 'heatgrid' });
  });
  it('i r t o m toggle the grid; elsewhere they say where they work', () => {
    expect(press(onGrid, key('i')).grid).toEqual({ assessment: 'inherent', kind: 'risk', movement: false });
    expect(press(press(onGrid, key('o')), key('m')).grid).toEqual({ assessment: 'residual', kind: 'opportunity', movement: true });
    const elsewhere = press(initialState(2), key('t'));
    expect(elsewhere.grid.assessment).toBe('residual');
    expect(elsewhere.status).toBe('that key works on the heat grid (4)');
  });
});

describe('presenter mode state', () => {
  const started = reducer(initialState(2), { type: 'presentStart', count: 3, standalone: true });
  it('a standalone presentation is the whole stack, and leaving it quits', () => {
    expect(started.stack).toEqual([{ screen: 'present' }]);
    expect(started.present?.item).toBe(0);
    expect(press(started, key('q')).quit).toBe(true);
  });
  it('next and previous stay within the agenda; a drill-out returns to the same item', () => {
    let s = press(press(press(started, key(' ')), key(' ')), key(' '));
    expect([current(s), s.present?.item]).toEqual([{ screen: 'present' }, 2]);
    s = apply(s, route(key('d'), s, view(0), { ...ctx, drill: () => ({ kind: 'kpi', id: 'k' }) }));
    expect(current(s)).toEqual({ screen: 'kpi', id: 'k' });
    s = press(s, key('', { escape: true }));
    expect([current(s), s.present?.item]).toEqual([{ screen: 'present' }, 2]);
    const back = press(s, key('', { left: true }));
    expect([back.stack, back.present?.item]).toEqual([[{ screen: 'present' }], 1]);
  });
  it('p from the analyst views starts it when there is an agenda, and says so when not', () => {
    const withAgenda = { ...ctx, agendaSize: () => 4 };
    const s = apply(initialState(2), route(key('p'), initialState(2), view(0), withAgenda));
    expect(s.present).toMatchObject({ count: 4, standalone: false });
    expect(s.stack).toEqual([{ screen: 'overview' }, { screen: 'present' }]);
    expect(press(initialState(2), key('p')).status).toBe('no agenda to present for this period');
  });
});

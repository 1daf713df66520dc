// Every key in one table, by scope: a command id, the scope it works in, its bindings, a
// description and a category. The help overlay, the footer's key hints and `ragtop --help` are
// generated from it; the input router resolves a keypress to a command through it, in the scopes
// the app is in (see scopesOf in router.ts). Pure: no Ink here (keys arrive as KeyPress records).

/**
 * Where a key means something: everywhere (global), browsing the analyst views, the heat grid's
 * cell cursor (over browsing), presenting a slide, typing an item number (over presenting), the
 * agenda index, the filter line, the jump line, the help overlay, the speaker-notes window.
 */
export type Scope = 'global' | 'analyst' | 'grid' | 'presenting' | 'goto' | 'index' | 'filter' | 'command' | 'help' | 'notes';

export const SCOPE_TITLES: Readonly<Record<Scope, string>> = {
  global: 'Everywhere',
  analyst: 'Browsing',
  grid: 'Heat grid (over browsing)',
  presenting: 'Presenting (ragtop present, or p)',
  goto: 'Typing an item number (presenting)',
  index: 'The agenda index (i, presenting)',
  filter: 'Filter line (/)',
  command: 'Jump line (:)',
  help: 'This help',
  notes: 'Speaker notes (ragtop present --notes)',
};

export type CommandId =
  | 'app.interrupt'
  | 'app.redraw'
  | 'nav.up'
  | 'nav.down'
  | 'nav.pageUp'
  | 'nav.pageDown'
  | 'nav.top'
  | 'nav.bottom'
  | 'screen.enter'
  | 'screen.back'
  | 'view.overview'
  | 'view.kpis'
  | 'view.register'
  | 'view.heatGrid'
  | 'view.finance'
  | 'view.checks'
  | 'kpi.checks'
  | 'view.next'
  | 'view.previous'
  | 'period.previous'
  | 'period.next'
  | 'list.filter'
  | 'list.sort'
  | 'app.jump'
  | 'app.help'
  | 'app.present'
  | 'app.quit'
  | 'grid.inherent'
  | 'grid.residual'
  | 'grid.target'
  | 'grid.kind'
  | 'grid.movement'
  | 'grid.left'
  | 'grid.right'
  | 'grid.up'
  | 'grid.down'
  | 'present.next'
  | 'present.previous'
  | 'present.first'
  | 'present.last'
  | 'present.scrollUp'
  | 'present.scrollDown'
  | 'present.number'
  | 'present.index'
  | 'present.blank'
  | 'present.white'
  | 'present.drill'
  | 'present.jump'
  | 'present.help'
  | 'present.leave'
  | 'goto.digit'
  | 'goto.erase'
  | 'goto.go'
  | 'goto.cancel'
  | 'index.down'
  | 'index.up'
  | 'index.top'
  | 'index.bottom'
  | 'index.go'
  | 'index.close'
  | 'filter.keep'
  | 'filter.clear'
  | 'filter.erase'
  | 'filter.up'
  | 'filter.down'
  | 'filter.type'
  | 'jump.go'
  | 'jump.cancel'
  | 'jump.complete'
  | 'jump.erase'
  | 'jump.type'
  | 'help.quit'
  | 'help.close'
  | 'notes.down'
  | 'notes.up'
  | 'notes.pageDown'
  | 'notes.pageUp'
  | 'notes.top'
  | 'notes.bottom'
  | 'notes.choose'
  | 'notes.quit';

export type Category = 'Move' | 'Views' | 'Period' | 'Find' | 'Heat grid' | 'App' | 'Slides' | 'Screen' | 'Edit';

/** A keypress, normalised once (Ink 6: Backspace arrives as `delete`, Escape sets `meta`). */
export interface KeyPress {
  readonly input: string;
  readonly up?: boolean;
  readonly down?: boolean;
  readonly left?: boolean;
  readonly right?: boolean;
  readonly pageUp?: boolean;
  readonly pageDown?: boolean;
  readonly home?: boolean;
  readonly end?: boolean;
  readonly enter?: boolean;
  readonly escape?: boolean;
  readonly tab?: boolean;
  readonly shift?: boolean;
  readonly ctrl?: boolean;
  readonly backspace?: boolean;
}

type Special = 'up' | 'down' | 'left' | 'right' | 'pageUp' | 'pageDown' | 'home' | 'end' | 'enter' | 'escape' | 'tab' | 'shiftTab' | 'backspace';

/**
 * A binding: a printable key, a control key (`{ ctrl: 'l' }` is Ctrl-L), a named special key, a
 * digit 0–9, any printable text (typed into a line), or any key at all.
 */
export type Binding = { readonly char: string } | { readonly ctrl: string } | { readonly special: Special } | { readonly digit: true } | { readonly text: true } | { readonly any: true };

export interface CommandSpec {
  readonly id: CommandId;
  readonly scope: Scope;
  readonly keys: readonly Binding[];
  /** The bindings as written ("Space/n/PgDn/→"), made from `keys`. */
  readonly label: string;
  readonly description: string;
  readonly category: Category;
}

const c = (char: string): Binding => ({ char });
const s = (special: Special): Binding => ({ special });
const DIGIT: Binding = { digit: true };
const TEXT: Binding = { text: true };
const ANY: Binding = { any: true };

type Row = readonly [CommandId, readonly Binding[], string, Category];
const rows = (scope: Scope, list: readonly Row[]): CommandSpec[] => list.map(([id, keys, description, category]) => ({ id, scope, keys, label: keys.map(bindingName).join('/'), description, category }));

const SPECIAL_NAMES: Readonly<Record<Special, string>> = {
  up: '↑',
  down: '↓',
  left: '←',
  right: '→',
  pageUp: 'PgUp',
  pageDown: 'PgDn',
  home: 'Home',
  end: 'End',
  enter: 'Enter',
  escape: 'Esc',
  tab: 'Tab',
  shiftTab: 'S-Tab',
  backspace: 'Bksp',
};

/** How a binding is written in the help, the footer hints and the README: from the binding itself. */
export function bindingName(b: Binding): string {
  if ('char' in b) return b.char === ' ' ? 'Space' : b.char;
  if ('ctrl' in b) return `Ctrl-${b.ctrl.toUpperCase()}`;
  if ('special' in b) return SPECIAL_NAMES[b.special];
  if ('digit' in b) return '0-9';
  if ('text' in b) return 'text';
  return 'any key';
}

export const KEYMAP: readonly CommandSpec[] = [
  ...rows('global', [
    ['app.interrupt', [{ ctrl: 'c' }], 'quit at once, from anywhere', 'App'],
    ['app.redraw', [{ ctrl: 'l' }], 'draw the whole screen again', 'App'],
  ]),
  ...rows('analyst', [
    ['nav.up', [s('up'), c('k')], 'move up', 'Move'],
    ['nav.down', [s('down'), c('j')], 'move down', 'Move'],
    ['nav.pageUp', [s('pageUp')], 'page up', 'Move'],
    ['nav.pageDown', [s('pageDown')], 'page down', 'Move'],
    ['nav.top', [c('g'), s('home')], 'go to the top', 'Move'],
    ['nav.bottom', [c('G'), s('end')], 'go to the bottom', 'Move'],
    ['screen.enter', [s('enter'), s('right'), c('l')], 'open (drill in)', 'Move'],
    ['screen.back', [s('escape'), s('left'), c('h')], 'back (drilled out of a slide: back to it)', 'Move'],
    ['view.overview', [c('1')], 'Overview', 'Views'],
    ['view.kpis', [c('2')], 'KPIs', 'Views'],
    ['view.register', [c('3')], 'Register', 'Views'],
    ['view.heatGrid', [c('4')], 'Heat grid', 'Views'],
    ['view.finance', [c('5')], 'Finance', 'Views'],
    ['view.checks', [c('6')], 'Checks', 'Views'],
    ['view.next', [s('tab')], 'next view', 'Views'],
    ['view.previous', [s('shiftTab')], 'previous view', 'Views'],
    ['period.previous', [c('[')], 'previous period', 'Period'],
    ['period.next', [c(']')], 'next period', 'Period'],
    ['list.filter', [c('/')], 'filter (Enter keeps, Esc clears)', 'Find'],
    ['list.sort', [c('s')], 'sort by the next column', 'Find'],
    ['kpi.checks', [c('c')], 'the checks on a KPI (in its detail)', 'Find'],
    ['app.jump', [c(':')], 'jump: kpi, risk, period, priority (Tab completes)', 'Find'],
    ['grid.inherent', [c('i')], 'inherent scores (heat grid)', 'Heat grid'],
    ['grid.residual', [c('r')], 'residual scores (heat grid)', 'Heat grid'],
    ['grid.target', [c('t')], 'target scores (heat grid)', 'Heat grid'],
    ['grid.kind', [c('o')], 'risks ↔ opportunities (heat grid)', 'Heat grid'],
    ['grid.movement', [c('m')], 'movement since last period (heat grid)', 'Heat grid'],
    ['app.help', [c('?')], 'help: all keys', 'App'],
    ['app.present', [c('p')], 'presenter mode (drilled out of a slide: back to it)', 'App'],
    ['app.quit', [c('q')], 'quit (drilled out of a slide: back to it)', 'App'],
  ]),
  ...rows('grid', [
    ['grid.left', [s('left'), c('h')], 'cell to the left', 'Heat grid'],
    ['grid.right', [s('right'), c('l')], 'cell to the right', 'Heat grid'],
    ['grid.up', [s('up'), c('k')], 'cell above', 'Heat grid'],
    ['grid.down', [s('down'), c('j')], 'cell below', 'Heat grid'],
  ]),
  ...rows('presenting', [
    ['present.next', [c(' '), c('n'), s('pageDown'), s('right')], 'next item', 'Slides'],
    ['present.previous', [s('backspace'), c('N'), s('pageUp'), s('left')], 'previous item', 'Slides'],
    ['present.first', [c('g'), s('home')], 'first item', 'Slides'],
    ['present.last', [c('G'), s('end')], 'last item', 'Slides'],
    ['present.scrollDown', [s('down'), c('j')], 'scroll a long slide down', 'Slides'],
    ['present.scrollUp', [s('up'), c('k')], 'scroll a long slide up', 'Slides'],
    ['present.number', [DIGIT], "an item's number, then Enter (the agenda's own numbers first)", 'Slides'],
    ['present.index', [c('i')], 'the agenda index', 'Slides'],
    ['present.blank', [c('b'), c('.')], 'blank the screen black (any key shows it again)', 'Screen'],
    ['present.white', [c('w')], 'blank the screen white (any key shows it again)', 'Screen'],
    ['present.drill', [c('d')], 'drill out to the analyst view of the item (Esc, p or q return)', 'Screen'],
    ['present.jump', [c(':')], 'jump to a kpi, risk or priority (drills out)', 'Screen'],
    ['present.help', [c('?')], 'help: all keys', 'App'],
    ['present.leave', [c('q')], 'leave presenting (ragtop present: quit)', 'App'],
  ]),
  ...rows('goto', [
    ['goto.digit', [DIGIT], 'another digit', 'Edit'],
    ['goto.erase', [s('backspace')], 'erase a digit', 'Edit'],
    ['goto.go', [s('enter')], 'go to the item', 'Edit'],
    ['goto.cancel', [s('escape')], 'forget the number', 'Edit'],
  ]),
  ...rows('index', [
    ['index.down', [s('down'), c('j')], 'next item', 'Move'],
    ['index.up', [s('up'), c('k')], 'previous item', 'Move'],
    ['index.top', [c('g'), s('home')], 'first item', 'Move'],
    ['index.bottom', [c('G'), s('end')], 'last item', 'Move'],
    ['index.go', [s('enter')], 'present the item', 'Move'],
    ['index.close', [s('escape'), c('i'), c('q')], 'close the index', 'Move'],
  ]),
  ...rows('filter', [
    ['filter.keep', [s('enter')], 'keep the filter', 'Edit'],
    ['filter.clear', [s('escape')], 'clear the filter', 'Edit'],
    ['filter.erase', [s('backspace')], 'erase a character', 'Edit'],
    ['filter.up', [s('up')], 'move up the filtered list', 'Edit'],
    ['filter.down', [s('down')], 'move down the filtered list', 'Edit'],
    ['filter.type', [TEXT], 'filter by it (q is text here)', 'Edit'],
  ]),
  ...rows('command', [
    ['jump.go', [s('enter')], 'go', 'Edit'],
    ['jump.cancel', [s('escape')], 'cancel', 'Edit'],
    ['jump.complete', [s('tab')], 'complete', 'Edit'],
    ['jump.erase', [s('backspace')], 'erase a character (on an empty line: cancel)', 'Edit'],
    ['jump.type', [TEXT], 'kpi ID, risk ID, period P, priority ID', 'Edit'],
  ]),
  ...rows('help', [
    ['help.quit', [c('q')], 'close the help, then q as where you were', 'App'],
    ['help.close', [ANY], 'close the help', 'App'],
  ]),
  ...rows('notes', [
    ['notes.down', [s('down'), c('j'), c(' ')], 'scroll down', 'Move'],
    ['notes.up', [s('up'), c('k')], 'scroll up', 'Move'],
    ['notes.pageDown', [s('pageDown')], 'page down', 'Move'],
    ['notes.pageUp', [s('pageUp')], 'page up', 'Move'],
    ['notes.top', [c('g'), s('home')], 'top', 'Move'],
    ['notes.bottom', [c('G'), s('end')], 'bottom', 'Move'],
    ['notes.choose', [DIGIT], 'follow that presenter (when more than one runs)', 'Move'],
    ['notes.quit', [c('q')], 'quit the notes', 'App'],
  ]),
];

export const CATEGORIES: readonly Category[] = ['Slides', 'Screen', 'Move', 'Views', 'Period', 'Find', 'Heat grid', 'Edit', 'App'];

/** A keypress that types text: printable, with no control character in it. */
export function printable(k: KeyPress): boolean {
  // eslint-disable-next-line no-control-regex
  return !k.ctrl && k.input.length > 0 && !k.enter && !k.escape && !k.tab && !k.backspace && !/[\x00-\x1f\x7f]/.test(k.input);
}

function matches(b: Binding, k: KeyPress): boolean {
  if ('char' in b) return !k.ctrl && k.input === b.char;
  if ('ctrl' in b) return k.ctrl === true && k.input === b.ctrl;
  if ('digit' in b) return !k.ctrl && /^[0-9]$/.test(k.input);
  if ('text' in b) return printable(k);
  if ('any' in b) return true;
  switch (b.special) {
    case 'up':
      return k.up === true;
    case 'down':
      return k.down === true;
    case 'left':
      return k.left === true;
    case 'right':
      return k.right === true;
    case 'pageUp':
      return k.pageUp === true;
    case 'pageDown':
      return k.pageDown === true;
    case 'home':
      return k.home === true;
    case 'end':
      return k.end === true;
    case 'enter':
      return k.enter === true;
    case 'escape':
      return k.escape === true;
    case 'tab':
      return k.tab === true && k.shift !== true;
    case 'shiftTab':
      return k.tab === true && k.shift === true;
    case 'backspace':
      return k.backspace === true;
  }
}

/** The command a keypress means in the first of `scopes` that binds it, if any. */
export function commandFor(k: KeyPress, scopes: readonly Scope[] = ['global', 'analyst']): CommandId | undefined {
  for (const scope of scopes) {
    const found = KEYMAP.find((spec) => spec.scope === scope && spec.keys.some((b) => matches(b, k)));
    if (found) return found.id;
  }
  return undefined;
}

export function specOf(id: CommandId): CommandSpec {
  const spec = KEYMAP.find((x) => x.id === id);
  if (!spec) throw new Error(`no command ${id}`);
  return spec;
}

/** "Enter open · Esc back · / filter": hints for the footer, from the keymap. */
/**
 * Splits input that arrived as one string (typed fast, sent by tmux, pasted) into keypresses, one
 * per character, with the control characters among them read as the keys they are.
 */
export function splitKeys(input: string): KeyPress[] {
  return [...input].map((ch): KeyPress => {
    switch (ch) {
      case '\r':
      case '\n':
        return { input: '', enter: true };
      case '\t':
        return { input: '', tab: true };
      case '\x7f':
      case '\b':
        return { input: '', backspace: true };
      case '\x1b':
        return { input: '', escape: true };
      default:
        return { input: ch };
    }
  });
}

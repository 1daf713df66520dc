// Every key in one table: a command id, its default bindings, a description and a category.
// The help overlay and the footer's key hints are generated from it; the input router resolves
// a keypress to a command through it. Pure: no Ink here (keys arrive as plain KeyPress records).

export type CommandId =
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
  | 'app.redraw'
  | 'grid.inherent'
  | 'grid.residual'
  | 'grid.target'
  | 'grid.kind'
  | 'grid.movement';

export type Category = 'Move' | 'Views' | 'Period' | 'Find' | 'Heat grid' | 'App';

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

/** A binding: a printable key, a control key (`{ ctrl: 'l' }` is Ctrl-L), or a named special key. */
export type Binding =
  | { readonly char: string }
  | { readonly ctrl: string }
  | { readonly special: 'up' | 'down' | 'left' | 'right' | 'pageUp' | 'pageDown' | 'home' | 'end' | 'enter' | 'escape' | 'tab' | 'shiftTab' };

export interface CommandSpec {
  readonly id: CommandId;
  readonly keys: readonly Binding[];
  readonly label: string;
  readonly description: string;
  readonly category: Category;
}

const c = (char: string): Binding => ({ char });
const s = (special: Extract<Binding, { special: string }>['special']): Binding => ({ special });

export const KEYMAP: readonly CommandSpec[] = [
  { id: 'nav.up', keys: [s('up'), c('k')], label: '↑/k', description: 'move up', category: 'Move' },
  { id: 'nav.down', keys: [s('down'), c('j')], label: '↓/j', description: 'move down', category: 'Move' },
  { id: 'nav.pageUp', keys: [s('pageUp')], label: 'PgUp', description: 'page up', category: 'Move' },
  { id: 'nav.pageDown', keys: [s('pageDown')], label: 'PgDn', description: 'page down', category: 'Move' },
  { id: 'nav.top', keys: [c('g'), s('home')], label: 'g', description: 'go to the top', category: 'Move' },
  { id: 'nav.bottom', keys: [c('G'), s('end')], label: 'G', description: 'go to the bottom', category: 'Move' },
  { id: 'screen.enter', keys: [s('enter'), s('right'), c('l')], label: 'Enter', description: 'open (drill in)', category: 'Move' },
  { id: 'screen.back', keys: [s('escape'), s('left'), c('h')], label: 'Esc', description: 'back', category: 'Move' },
  { id: 'view.overview', keys: [c('1')], label: '1', description: 'Overview', category: 'Views' },
  { id: 'view.kpis', keys: [c('2')], label: '2', description: 'KPIs', category: 'Views' },
  { id: 'view.register', keys: [c('3')], label: '3', description: 'Register', category: 'Views' },
  { id: 'view.heatGrid', keys: [c('4')], label: '4', description: 'Heat grid', category: 'Views' },
  { id: 'view.finance', keys: [c('5')], label: '5', description: 'Finance', category: 'Views' },
  { id: 'view.checks', keys: [c('6')], label: '6', description: 'Checks', category: 'Views' },
  { id: 'view.next', keys: [s('tab')], label: 'Tab', description: 'next view', category: 'Views' },
  { id: 'view.previous', keys: [s('shiftTab')], label: 'S-Tab', description: 'previous view', category: 'Views' },
  { id: 'period.previous', keys: [c('[')], label: '[', description: 'previous period', category: 'Period' },
  { id: 'period.next', keys: [c(']')], label: ']', description: 'next period', category: 'Period' },
  { id: 'list.filter', keys: [c('/')], label: '/', description: 'filter (Enter keeps, Esc clears)', category: 'Find' },
  { id: 'list.sort', keys: [c('s')], label: 's', description: 'sort by the next column', category: 'Find' },
  { id: 'kpi.checks', keys: [c('c')], label: 'c', description: "the checks on a KPI (in its detail)", category: 'Find' },
  { id: 'app.jump', keys: [c(':')], label: ':', description: 'jump: kpi, risk, period, priority (Tab completes)', category: 'Find' },
  { id: 'grid.inherent', keys: [c('i')], label: 'i', description: 'inherent scores (heat grid)', category: 'Heat grid' },
  { id: 'grid.residual', keys: [c('r')], label: 'r', description: 'residual scores (heat grid)', category: 'Heat grid' },
  { id: 'grid.target', keys: [c('t')], label: 't', description: 'target scores (heat grid)', category: 'Heat grid' },
  { id: 'grid.kind', keys: [c('o')], label: 'o', description: 'risks ↔ opportunities (heat grid)', category: 'Heat grid' },
  { id: 'grid.movement', keys: [c('m')], label: 'm', description: 'movement since last period (heat grid)', category: 'Heat grid' },
  { id: 'app.help', keys: [c('?')], label: '?', description: 'help: all keys', category: 'App' },
  { id: 'app.present', keys: [c('p')], label: 'p', description: 'presenter mode', category: 'App' },
  { id: 'app.quit', keys: [c('q')], label: 'q', description: 'quit', category: 'App' },
  { id: 'app.redraw', keys: [{ ctrl: 'l' }], label: 'Ctrl-L', description: 'draw the whole screen again', category: 'App' },
];

export const CATEGORIES: readonly Category[] = ['Move', 'Views', 'Period', 'Find', 'Heat grid', 'App'];

function matches(b: Binding, k: KeyPress): boolean {
  if ('char' in b) return !k.ctrl && k.input === b.char;
  if ('ctrl' in b) return k.ctrl === true && k.input === b.ctrl;
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
    default: {
      const _exhaustive: never = b.special;
      return _exhaustive;
    }
  }
}

/** The command a keypress means in normal mode, if any. */
export function commandFor(k: KeyPress): CommandId | undefined {
  return KEYMAP.find((spec) => spec.keys.some((b) => matches(b, k)))?.id;
}

export function specOf(id: CommandId): CommandSpec {
  const spec = KEYMAP.find((x) => x.id === id);
  if (!spec) throw new Error(`no command ${id}`);
  return spec;
}

/** "Enter open · Esc back · / filter": hints for the footer, from the keymap. */
export function keyHints(ids: readonly CommandId[]): string {
  return ids.map((id) => `${specOf(id).label} ${specOf(id).description.split(/ \(|:/)[0]}`).join(' · ');
}

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

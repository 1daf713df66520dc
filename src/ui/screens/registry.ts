// Each screen: its viewmodel (a pure function of the model and parameters) and its key hints.

import { checksScreen } from '../../viewmodel/checks-screen.js';
import { financeScreen } from '../../viewmodel/finance-screen.js';
import { cellScreen, heatGridScreen } from '../../viewmodel/heatgrid-screen.js';
import { kpisScreen, priorityScreen } from '../../viewmodel/kpis-screen.js';
import { kpiDetailScreen } from '../../viewmodel/kpi-detail.js';
import { overviewScreen } from '../../viewmodel/overview-screen.js';
import { entryScreen } from '../../viewmodel/register-entry.js';
import { registerScreen } from '../../viewmodel/register-screen.js';
import type { Model } from '../../viewmodel/model.js';
import { presenterScreen } from '../../viewmodel/presenter-screen.js';
import type { ScreenParams, ScreenView } from '../../viewmodel/screen.js';
import type { CommandId } from '../keys/keymap.js';
import type { Screen } from '../state/reducer.js';

/** The screens of one kind (`{ screen: 'cell', id }` for 'cell'). */
type ScreenOf<K extends Screen['screen']> = Extract<Screen, { readonly screen: K }>;

export interface ScreenDef<S extends Screen = Screen> {
  // A method, not a function property: a def for one kind of screen stands for any
  // (ScreenDef<ScreenOf<'cell'>> is a ScreenDef), which is sound here because screenDef hands a
  // screen only to the def of its own kind.
  view(model: Model, screen: S, params: ScreenParams): ScreenView;
  readonly hints: readonly CommandId[];
}

const LIST_HINTS: readonly CommandId[] = ['screen.enter', 'screen.back', 'list.filter', 'list.sort', 'period.previous', 'period.next', 'app.jump', 'app.help', 'app.quit'];
const DOC_HINTS: readonly CommandId[] = ['nav.down', 'screen.enter', 'screen.back', 'period.previous', 'period.next', 'app.jump', 'app.help', 'app.quit'];

const DEFS: { readonly [K in Screen['screen']]: ScreenDef<ScreenOf<K>> } = {
  overview: { view: (m, _s, p) => overviewScreen(m, p), hints: DOC_HINTS },
  kpis: { view: (m, _s, p) => kpisScreen(m, p), hints: LIST_HINTS },
  priority: { view: (m, s, p) => priorityScreen(m, s.id, p), hints: LIST_HINTS },
  kpi: { view: (m, s, p) => kpiDetailScreen(m, s.id, p), hints: DOC_HINTS },
  register: { view: (m, _s, p) => registerScreen(m, p), hints: LIST_HINTS },
  heatgrid: { view: (m, _s, p) => heatGridScreen(m, p), hints: ['screen.enter', 'grid.inherent', 'grid.residual', 'grid.target', 'grid.kind', 'grid.movement', 'period.previous', 'period.next', 'app.help', 'app.quit'] },
  risk: { view: (m, s, p) => entryScreen(m, s.id, p), hints: DOC_HINTS },
  cell: { view: (m, s, p) => cellScreen(m, s.id, p), hints: ['nav.down', 'screen.enter', 'screen.back', 'list.filter', 'period.previous', 'period.next', 'app.help', 'app.quit'] },
  finance: { view: (m, _s, p) => financeScreen(m, p), hints: ['nav.down', 'list.filter', 'list.sort', 'period.previous', 'period.next', 'app.jump', 'app.help', 'app.quit'] },
  present: {
    view: (m, _s, p) => presenterScreen(m, p, p.present ?? { item: 0, index: false, indexCursor: 0 }, m.agenda),
    hints: [],
  },
  checks: { view: (m, _s, p) => checksScreen(m, p), hints: LIST_HINTS },
};

export function screenDef(s: Screen): ScreenDef {
  return DEFS[s.screen];
}

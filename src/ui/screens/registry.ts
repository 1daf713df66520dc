// Each screen: its viewmodel (a pure function of the model and parameters) and its key hints.

import { checksScreen } from '../../viewmodel/checks-screen.js';
import { financeScreen } from '../../viewmodel/finance-screen.js';
import { kpisScreen, priorityScreen } from '../../viewmodel/kpis-screen.js';
import { kpiDetailScreen } from '../../viewmodel/kpi-detail.js';
import { overviewScreen } from '../../viewmodel/overview-screen.js';
import type { Model } from '../../viewmodel/model.js';
import type { ScreenParams, ScreenView } from '../../viewmodel/screen.js';
import { seg } from '../../viewmodel/styled.js';
import type { CommandId } from '../keys/keymap.js';
import type { Screen } from '../state/reducer.js';

export interface ScreenDef {
  readonly view: (model: Model, screen: Screen, params: ScreenParams) => ScreenView;
  readonly hints: readonly CommandId[];
}

const LIST_HINTS: readonly CommandId[] = ['screen.enter', 'screen.back', 'list.filter', 'list.sort', 'period.previous', 'period.next', 'app.jump', 'app.help', 'app.quit'];
const DOC_HINTS: readonly CommandId[] = ['nav.down', 'screen.enter', 'screen.back', 'period.previous', 'period.next', 'app.jump', 'app.help', 'app.quit'];

function pending(title: string, what: string): ScreenDef['view'] {
  return () => ({ title, lines: [[seg(`${title}: ${what}`, 'text.muted')]], size: 0, targets: [], sortColumns: 0 });
}

const DEFS: Readonly<Record<Screen['screen'], ScreenDef>> = {
  overview: { view: (m, _s, p) => overviewScreen(m, p), hints: DOC_HINTS },
  kpis: { view: (m, _s, p) => kpisScreen(m, p), hints: LIST_HINTS },
  priority: { view: (m, s, p) => priorityScreen(m, 'id' in s ? s.id : '', p), hints: LIST_HINTS },
  kpi: { view: (m, s, p) => kpiDetailScreen(m, 'id' in s ? s.id : '', p), hints: DOC_HINTS },
  register: { view: pending('Register', 'the risk and opportunity register is built in its own piece of work'), hints: DOC_HINTS },
  heatgrid: { view: pending('Heat grid', 'the likelihood × impact grid is built with the register'), hints: DOC_HINTS },
  risk: { view: pending('Register entry', 'built with the register'), hints: DOC_HINTS },
  cell: { view: pending('Cell', 'built with the heat grid'), hints: LIST_HINTS },
  finance: { view: (m, _s, p) => financeScreen(m, p), hints: ['nav.down', 'list.filter', 'list.sort', 'period.previous', 'period.next', 'app.jump', 'app.help', 'app.quit'] },
  checks: { view: (m, _s, p) => checksScreen(m, p), hints: LIST_HINTS },
};

export function screenDef(s: Screen): ScreenDef {
  return DEFS[s.screen];
}

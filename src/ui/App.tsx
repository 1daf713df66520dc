import { Box, Text, useApp, useInput, type Key } from 'ink';
import { useEffect, useMemo, useReducer } from 'react';
import { breadcrumbLine, footerLine, headerLine } from '../viewmodel/frame.js';
import { completeJump, jumpHint, resolveJump } from '../viewmodel/jump.js';
import type { Model } from '../viewmodel/model.js';
import type { ScreenParams } from '../viewmodel/screen.js';
import { seg } from '../viewmodel/styled.js';
import { DataTable } from './components/DataTable.js';
import { StyledLines } from './components/StyledLines.js';
import { keyHints, type KeyPress } from './keys/keymap.js';
import { route } from './keys/router.js';
import { helpLines } from './screens/help.js';
import { screenDef } from './screens/registry.js';
import { cursorOf, current, filterOf, reducer, screenKey, type AppState } from './state/reducer.js';
import type { Theme } from './theme/theme.js';
import { useViewport } from './viewport.js';

export const MIN_COLUMNS = 60;
export const MIN_ROWS = 18;

/** Ink 6's key record, normalised once: Backspace arrives as `delete`, Escape also sets `meta`. */
export function toKeyPress(input: string, key: Key): KeyPress {
  return {
    input,
    up: key.upArrow,
    down: key.downArrow,
    left: key.leftArrow,
    right: key.rightArrow,
    pageUp: key.pageUp,
    pageDown: key.pageDown,
    home: key.home,
    end: key.end,
    enter: key.return,
    escape: key.escape,
    tab: key.tab,
    shift: key.shift,
    ctrl: key.ctrl,
    backspace: key.backspace || key.delete,
  };
}

export type AppProps = {
  readonly model: Model;
  readonly theme: Theme;
  readonly initial: AppState;
  readonly title: string;
  readonly organisation: string;
  /** Called once when the user quits (q) or interrupts (Ctrl-C), with the final state. */
  readonly onExit: (state: AppState, interrupted: boolean) => void;
};

export function App({ model, theme, initial, title, organisation, onExit }: AppProps) {
  const { columns, rows } = useViewport();
  const { exit } = useApp();
  const [state, dispatch] = useReducer(reducer, initial);
  const screen = current(state);
  const def = screenDef(screen);
  // Header, breadcrumbs and footer take three lines; the frame is at most rows − 1 tall.
  const bodyHeight = Math.max(1, rows - 1 - 3);
  const params: ScreenParams = useMemo(
    () => ({ period: state.period, cursor: cursorOf(state), filter: filterOf(state), sortColumn: state.sorts[screenKey(screen)]?.column ?? 0, width: columns, height: bodyHeight }),
    [state, screen, columns, bodyHeight],
  );
  const view = useMemo(() => def.view(model, screen, params), [def, model, screen, params]);

  useInput((input, key) => {
    if (key.ctrl && input === 'c') {
      onExit(state, true);
      exit();
      return;
    }
    const k = toKeyPress(input, key);
    const actions = route(k, state, view, {
      page: Math.max(1, bodyHeight - 2),
      jump: (text) => resolveJump(model, text, state.period),
      complete: (text) => completeJump(model, text, state.period),
    });
    for (const a of actions) dispatch(a);
  });

  useEffect(() => {
    if (state.quit) {
      onExit(state, false);
      exit();
    }
  }, [state, onExit, exit]);

  if (columns < MIN_COLUMNS || rows < MIN_ROWS) {
    return (
      <Text wrap="truncate">
        {`Enlarge the terminal to at least ${MIN_COLUMNS}×${MIN_ROWS} (it is ${columns}×${rows}); q quits.`}
      </Text>
    );
  }

  const titles = state.stack.map((s) => (s === screen ? view.title : screenDef(s).view(model, s, { ...params, height: 1, cursor: -1 }).title));
  const footer =
    state.mode === 'filter'
      ? footerLine('filter', state.draft, columns)
      : state.mode === 'command'
        ? footerLine('command', state.draft, columns, jumpHint(model, state.draft, state.period))
        : state.status
          ? footerLine('status', state.status, columns)
          : footerLine('hints', keyHints(def.hints), columns);

  const body =
    state.mode === 'help' ? (
      <StyledLines lines={helpLines(columns, bodyHeight)} theme={theme} />
    ) : (
      <Box flexDirection="column">
        <StyledLines lines={view.lines} theme={theme} />
        {view.table ? <DataTable table={view.table} theme={theme} /> : null}
        {view.after ? <StyledLines lines={view.after} theme={theme} /> : null}
      </Box>
    );

  return (
    <Box flexDirection="column" width={columns}>
      <StyledLines lines={[headerLine(model, state.period, columns, title, organisation), breadcrumbLine(titles, columns)]} theme={theme} />
      <Box flexDirection="column" height={bodyHeight} overflow="hidden">
        {body}
      </Box>
      <StyledLines lines={[footer.length ? footer : [seg(' ')]]} theme={theme} />
    </Box>
  );
}

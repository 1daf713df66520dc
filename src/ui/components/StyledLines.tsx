import { Box, Text } from 'ink';
import { memo } from 'react';
import type { Line } from '../../viewmodel/styled.js';
import type { Theme } from '../theme/theme.js';

export type StyledLinesProps = {
  readonly lines: readonly Line[];
  readonly theme: Theme;
};

type StyledLineProps = { readonly line: Line; readonly theme: Theme };

/** Same text in the same tokens: the line draws the same (views are rebuilt, their lines equal). */
function sameLine(a: StyledLineProps, b: StyledLineProps): boolean {
  if (a.theme !== b.theme) return false;
  if (a.line === b.line) return true;
  if (a.line.length !== b.line.length) return false;
  for (let i = 0; i < a.line.length; i++) {
    const x = a.line[i];
    const y = b.line[i];
    if (x?.text !== y?.text || x?.token !== y?.token) return false;
  }
  return true;
}

/** One line: one <Text>, cut at the width (never wrapped), its segments coloured through the theme. */
const StyledLine = memo(function StyledLine({ line, theme }: StyledLineProps) {
  return (
    <Text wrap="truncate">
      {line.length === 0
        ? ' '
        : line.map((s, j) =>
            s.token ? (
              <Text key={j} {...theme.styles[s.token]}>
                {s.text}
              </Text>
            ) : (
              s.text
            ),
          )}
    </Text>
  );
}, sameLine);

/** Draws styled lines, one <Text> each, colouring segments through the theme. */
export function StyledLines({ lines, theme }: StyledLinesProps) {
  return (
    <Box flexDirection="column">
      {lines.map((line, i) => (
        <StyledLine key={i} line={line} theme={theme} />
      ))}
    </Box>
  );
}

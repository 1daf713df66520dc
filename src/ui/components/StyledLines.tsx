import { Box, Text } from 'ink';
import type { Line } from '../../viewmodel/styled.js';
import type { Theme } from '../theme/theme.js';

export type StyledLinesProps = {
  readonly lines: readonly Line[];
  readonly theme: Theme;
};

/** Draws styled lines, one <Text> each, colouring segments through the theme. */
export function StyledLines({ lines, theme }: StyledLinesProps) {
  return (
    <Box flexDirection="column">
      {lines.map((line, i) => (
        <Text key={i} wrap="truncate">
          {line.length === 0
            ? ' '
            : line.map((s, j) => (
                <Text key={j} {...(s.token ? theme.styles[s.token] : {})}>
                  {s.text}
                </Text>
              ))}
        </Text>
      ))}
    </Box>
  );
}

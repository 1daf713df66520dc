import { Box, Text } from 'ink';
import { createContext, memo, useContext } from 'react';
import { drawText, UNICODE_GLYPHS, type Glyphs } from '../../viewmodel/glyphs.js';
import { clipLine, type Line } from '../../viewmodel/styled.js';
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

/**
 * The run's glyph set (chosen once in cli/), for every component that draws text: in the ASCII
 * set, text is drawn in ASCII (drawText) where it reaches the screen.
 */
export const GlyphsContext = createContext<Glyphs>(UNICODE_GLYPHS);

/** The columns a line may take (the terminal's width): a line drawn longer in ASCII is cut to it. */
export const ColumnsContext = createContext<number>(Number.MAX_SAFE_INTEGER);

/** The line as the glyph set draws it: in ASCII its text transliterated, cut again to the width. */
function drawn(line: Line, glyphs: Glyphs, columns: number): Line {
  if (!glyphs.ascii) return line;
  return clipLine(
    line.map((s) => ({ ...s, text: drawText(s.text, glyphs) })),
    columns,
    glyphs.ellipsis,
  );
}

/** One line: one <Text>, cut at the width (never wrapped), its segments coloured through the theme. */
const StyledLine = memo(function StyledLine({ line, theme }: StyledLineProps) {
  const glyphs = useContext(GlyphsContext);
  const shown = drawn(line, glyphs, useContext(ColumnsContext));
  return (
    <Text wrap="truncate">
      {shown.length === 0
        ? ' '
        : shown.map((s, j) =>
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

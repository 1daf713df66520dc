// The last cleaning step before text reaches a terminal. Data is cleaned when it is loaded
// (src/domain/text.ts); this is the second line: whatever a future renderer, a library's error
// text, a file name or a preference value carries, no control or escape character that did not
// come from our own code is written. Our own code styles text with SGR sequences only (colours,
// bold, inverse), so those are kept and every other escape sequence loses its introducer, which
// leaves the rest as inert printable text. Any SGR sequence is kept, whatever its codes: one from
// the data would first have had to get past the load's cleaning, which removes every ESC. The
// frame writer and the commands' output streams use it; the cursor moves and mode switches they
// add themselves are written after this step.

import { UNSAFE_BUT_NEWLINE_CHARS, UNSAFE_CHARS } from '../domain/text.js';

/**
 * An SGR sequence (kept), or one character of UNSAFE_CHARS (the C0 and C1 controls, DEL, bidi,
 * invisible and separator characters): removed, except that tab, CR and LF are kept or removed
 * according to where the text goes.
 */
const UNSAFE = new RegExp(`\\x1b\\[[0-9;:]*m|${UNSAFE_CHARS}`, 'g');
const ANY_UNSAFE = new RegExp(UNSAFE_BUT_NEWLINE_CHARS);

/**
 * `frame`: one screen of rows joined by LF (the frame writer): only SGR and LF survive.
 * `stream`: a command's output (a check report, a CSV hand-out): SGR, LF, tab and a CR before an
 * LF (a CSV's line end) survive; a lone CR, which would write over the start of a line, does not.
 */
export function terminalSafe(text: string, kind: 'frame' | 'stream'): string {
  if (!ANY_UNSAFE.test(text)) return text;
  return text.replace(UNSAFE, (m: string, at: number) => {
    if (m.length > 1 || m === '\n') return m;
    if (kind === 'stream' && (m === '\t' || (m === '\r' && text[at + 1] === '\n'))) return m;
    return m === '\t' ? ' ' : '';
  });
}

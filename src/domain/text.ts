// Text from data files is untrusted: it must never carry terminal control sequences to a screen.

// ESC-introduced sequences: CSI (ESC [ … final), OSC (ESC ] … BEL or ST), DCS/SOS/PM/APC (ESC P/X/^/_ … ST),
// and two-character escapes (ESC + one byte). Their 8-bit C1 forms (0x9B CSI, 0x9D OSC, 0x90 DCS …) too.
// eslint-disable-next-line no-control-regex
const ESCAPE_SEQUENCE = /(?:\x1b\[|\x9b)[\x20-\x3f]*[\x40-\x7e]?|(?:\x1b[\]PX^_]|[\x90\x98\x9d\x9e\x9f])[\s\S]*?(?:\x07|\x1b\\|\x9c|$)|\x1b[\x20-\x7e]?/g;
// C0 controls except tab and newline, DEL, C1 controls, and the bidirectional overrides and isolates
// that can make text display in a different order than it is stored.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]/g;

/**
 * Characters that must never reach a terminal from data, as a regular-expression character class:
 * the C0 controls but tab, LF and CR, DEL, the C1 controls, the zero-width characters and marks
 * (U+200B-U+200F, U+2060-U+2064, U+FEFF), the line and paragraph separators (U+2028, U+2029) and the
 * bidirectional embeddings, overrides and isolates (U+202A-U+202E, U+2066-U+2069). The terminal
 * writer (src/cli/terminal-text.ts) removes them from everything it writes.
 */
export const UNSAFE_CHAR_SOURCE = '[\\x00-\\x08\\x0b\\x0c\\x0e-\\x1f\\x7f-\\x9f\\u200b-\\u200f\\u2028-\\u202e\\u2060-\\u2069\\ufeff]';

export interface Sanitised {
  readonly text: string;
  /** True when anything was removed (a CONTROL_CHARS finding). Tabs and CRLF are only normalised. */
  readonly changed: boolean;
}

/**
 * Removes escape sequences, control characters (keeping newlines; tabs become spaces) and bidi
 * overrides. `multiline: false` also turns newlines into spaces (titles, ids, names).
 */
export function sanitiseText(input: string, multiline = true): Sanitised {
  // eslint-disable-next-line no-control-regex
  if (!/[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]/.test(input)) return { text: input, changed: false };
  let changed = false;
  let text = input.replace(ESCAPE_SEQUENCE, () => {
    changed = true;
    return '';
  });
  text = text.replace(/\r\n/g, '\n');
  text = text.replace(/\t/g, ' ');
  text = text.replace(CONTROL, () => {
    changed = true;
    return '';
  });
  if (!multiline) text = text.replace(/\n/g, ' ');
  return { text, changed };
}

/** Makes any string safe to print in one line of a message: controls shown as \xNN escapes. */
export function showText(s: string, max = 60): string {
  // eslint-disable-next-line no-control-regex
  const safe = s.replace(/[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]/g, (c) => {
    const n = c.charCodeAt(0);
    return n > 0xff ? `\\u${n.toString(16).padStart(4, '0')}` : `\\x${n.toString(16).padStart(2, '0')}`;
  });
  return safe.length > max ? `${safe.slice(0, max - 1)}…` : safe;
}

const UNSAFE_GLOBAL = new RegExp(UNSAFE_CHAR_SOURCE, 'g');

/** Removes every character of UNSAFE_CHAR_SOURCE (a tab becomes a space; CR and LF are kept). */
export function withoutUnsafe(s: string): string {
  return s.replace(/\t/g, ' ').replace(UNSAFE_GLOBAL, '');
}

/**
 * JSON for a terminal or a file: JSON.stringify escapes the C0 controls; every other character of
 * UNSAFE_CHAR_SOURCE (DEL, C1, bidi, zero-width, line separators) is escaped as \uXXXX too.
 */
export function safeJson(value: unknown): string {
  return JSON.stringify(value, null, 2).replace(UNSAFE_GLOBAL, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

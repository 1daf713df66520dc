// Text from data files is untrusted: it must never carry terminal control sequences to a screen.

/**
 * The characters that must never reach a terminal from outside ragtop's own code, as the source of
 * one regular-expression character class. This is the one definition: sanitiseText (load),
 * showText (messages), the JSON writers and the frame writer build their expressions from it.
 *
 * - C0 controls, every one of them (tab and newline too: a caller that keeps them deals with them
 *   first), DEL and the C1 controls: ESC, BEL, CSI (0x9b), OSC (0x9d) … start terminal sequences;
 * - bidirectional controls, which make text show in another order than it is stored: U+061C,
 *   U+200E and U+200F (marks), U+202A–U+202E (embeddings and overrides), U+2066–U+2069 (isolates);
 * - zero-width and invisible characters, which hide or join text unseen: U+200B–U+200D,
 *   U+2060–U+2064, U+206A–U+206F, U+FEFF;
 * - U+2028 LINE SEPARATOR and U+2029 PARAGRAPH SEPARATOR, which break a line where no newline is.
 */
export const UNSAFE_CHARS = '[\\x00-\\x1f\\x7f-\\x9f\\u061c\\u200b-\\u200f\\u2028-\\u202e\\u2060-\\u2064\\u2066-\\u206f\\ufeff]';

/** One character of UNSAFE_CHARS (not global: safe to `.test()`). */
export const UNSAFE_CHAR = new RegExp(UNSAFE_CHARS);
const UNSAFE_ALL = new RegExp(UNSAFE_CHARS, 'g');
/** UNSAFE_CHARS but the newline, as a regular-expression source (multi-line text keeps its lines). */
export const UNSAFE_BUT_NEWLINE_CHARS = `(?!\\n)${UNSAFE_CHARS}`;
const UNSAFE_BUT_NEWLINE = new RegExp(UNSAFE_BUT_NEWLINE_CHARS, 'g');

// ESC-introduced sequences: CSI (ESC [ … final), OSC (ESC ] … BEL or ST), DCS/SOS/PM/APC (ESC P/X/^/_ … ST),
// and two-character escapes (ESC + one byte). Their 8-bit C1 forms (0x9B CSI, 0x9D OSC, 0x90 DCS …) too.
// eslint-disable-next-line no-control-regex
const ESCAPE_SEQUENCE = /(?:\x1b\[|\x9b)[\x20-\x3f]*[\x40-\x7e]?|(?:\x1b[\]PX^_]|[\x90\x98\x9d\x9e\x9f])[\s\S]*?(?:\x07|\x1b\\|\x9c|$)|\x1b[\x20-\x7e]?/g;

export interface Sanitised {
  readonly text: string;
  /** True when anything was removed (a CONTROL_CHARS finding). Tabs and CRLF are only normalised. */
  readonly changed: boolean;
}

/**
 * Removes escape sequences, control characters (keeping newlines; tabs become spaces), bidi
 * controls and invisible characters; a line or paragraph separator becomes a newline. All of
 * UNSAFE_CHARS but newline is gone from the result. `multiline: false` also folds the newlines
 * (foldLines), for text shown on one line.
 */
export function sanitiseText(input: string, multiline = true): Sanitised {
  // Stryker disable next-line ConditionalExpression: a shortcut; the replacements below change nothing in safe text
  if (!UNSAFE_CHAR.test(input)) return { text: input, changed: false };
  let changed = false;
  const removed = (): string => {
    changed = true;
    return '';
  };
  let text = input.replace(ESCAPE_SEQUENCE, removed);
  text = text.replace(/\r\n/g, '\n');
  text = text.replace(/\t/g, ' ');
  text = text.replace(/[\u2028\u2029]/g, () => {
    changed = true;
    return '\n';
  });
  text = text.replace(UNSAFE_BUT_NEWLINE, removed);
  if (!multiline) text = foldLines(text);
  return { text, changed };
}

/** Text for one line: each line break, with the blanks around it, becomes one space. */
export function foldLines(s: string): string {
  // Stryker disable next-line StringLiteral: a shortcut; the replacement changes nothing without a newline
  return s.includes('\n') ? s.replace(/[ \t]*\n\s*/g, ' ') : s;
}

/** A one-line field's text: its line breaks folded (foldLines) and its ends trimmed. */
export function oneLine(s: string): string {
  return foldLines(s).trim();
}

/** Makes any string safe to print in one line of a message: controls shown as \xNN escapes. */
export function showText(s: string, max = 60): string {
  const safe = s.replace(UNSAFE_ALL, (c) => {
    const n = c.charCodeAt(0);
    // Stryker disable next-line EqualityOperator: U+00FF is not an unsafe character
    return n > 0xff ? `\\u${n.toString(16).padStart(4, '0')}` : `\\x${n.toString(16).padStart(2, '0')}`;
  });
  return safe.length > max ? `${safe.slice(0, max - 1)}…` : safe;
}

/**
 * JSON.stringify's output with every UNSAFE_CHARS character written as a \u escape (it escapes C0
 * controls in strings, but not DEL, C1, bidi or invisible characters), so that no character of the
 * output can act on a terminal it is shown in. The newlines of the layout stay.
 */
export function escapeUnsafeJson(json: string): string {
  return json.replace(UNSAFE_BUT_NEWLINE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

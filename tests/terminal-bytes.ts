// The byte scanner shared by every test that asks "what reaches the terminal?": hostile data must
// leave no control or escape character there, and ASCII mode must leave nothing but ASCII.
//
// `allow` says which escape sequences are ours and may appear:
// - 'none': plain output (a check report, a hand-out): no ESC at all;
// - 'sgr': a frame as Ink renders it: styling (ESC [ … m) only;
// - 'writer': what the frame writer sends: styling plus the exact cursor, clear, scroll-region,
//   synchronized-update and screen-mode sequences it writes itself.
// Tab, CR and LF are allowed where `controls` says so; every other C0 control, DEL, C1 control,
// bidi, zero-width or line-separator character is a problem, wherever it is.

export type Allow = 'none' | 'sgr' | 'writer';

export interface ScanOptions {
  readonly allow: Allow;
  /** Which of tab, CR and LF may appear (default LF only). */
  readonly controls?: string;
  /** Every character must be ASCII (the ASCII glyph set). */
  readonly ascii?: boolean;
}

// eslint-disable-next-line no-control-regex
const SGR = /^\x1b\[[0-9;:]*m/;
// The frame writer's own sequences (src/cli/fullscreen.ts): move, clear line/screen, cursor
// forward, scroll region and reset, delete/insert lines, clear to the end of a row, and its private
// modes.
// eslint-disable-next-line no-control-regex
const WRITER = /^\x1b\[(?:[0-9;:]*m|\d+;\d+H|\d*H|2?K|2J|\d+C|\d+;\d+r|r|\d+[ML]|\?(?:2026|1049|25|7)[hl])/;
// eslint-disable-next-line no-control-regex
const BAD_CHAR = /[\x00-\x1f\x7f-\x9f\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]/;

/** Each problem: its offset and what was found there, shown escaped. */
export function unsafeTerminalBytes(text: string, o: ScanOptions): string[] {
  const problems: string[] = [];
  const controls = o.controls ?? '\n';
  const show = (s: string) => JSON.stringify(s).slice(1, -1);
  for (let i = 0; i < text.length; i++) {
    const c = text[i] as string;
    if (c === '\x1b') {
      const rest = text.slice(i, i + 40);
      const m = o.allow === 'sgr' ? SGR.exec(rest) : o.allow === 'writer' ? WRITER.exec(rest) : null;
      if (m) {
        i += m[0].length - 1;
        continue;
      }
      problems.push(`${i}: escape sequence ${show(text.slice(i, i + 12))}`);
      continue;
    }
    if (BAD_CHAR.test(c) && !controls.includes(c)) problems.push(`${i}: ${show(c)} in ${show(text.slice(Math.max(0, i - 12), i + 12))}`);
    else if (o.ascii && c.charCodeAt(0) > 0x7e) problems.push(`${i}: non-ASCII ${show(c)} in ${show(text.slice(Math.max(0, i - 12), i + 12))}`);
    if (problems.length >= 20) break;
  }
  return problems;
}

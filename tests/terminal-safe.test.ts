// The last cleaning step before the terminal (src/cli/terminal-text.ts), and the file names that
// used to bypass the first one.
import { describe, expect, it } from 'vitest';
import { FrameWriter } from '../src/cli/frame-writer.js';
import { terminalSafe } from '../src/cli/terminal-text.js';
import { jsonReport, summarise } from '../src/cli/report.js';
import { UNICODE_GLYPHS } from '../src/viewmodel/glyphs.js';
import { checksScreen } from '../src/viewmodel/checks-screen.js';
import { buildModel } from '../src/viewmodel/model.js';
import { plain } from '../src/viewmodel/styled.js';
import { catalogue, loadTree } from './helpers.js';
import { unsafeTerminalBytes } from './terminal-bytes.js';

const OSC52 = '\x1b]52;c;UFdORUQ=\x07';
const TITLE = '\x1b]0;PWNED\x07';
const HOSTILE = [OSC52, TITLE, '\x9d0;c1\x9c', '\x9b2J', '\u202eevil', '\u2028next', '\u200bzero\ufeff', '\x1bP+q\x1b\\', '\x1b[6n', '\x00\x07\x08\x7f', '\x1bc'].join(' ');

function writerBytes(frames: readonly string[], rows = 24): string {
  let bytes = '';
  const writer = new FrameWriter({ write: (s: string) => (bytes += s), rows });
  for (const f of frames) writer.frame(f);
  return bytes;
}

describe('terminalSafe', () => {
  it('keeps styling and line breaks, removes every other control and escape', () => {
    const styled = `\x1b[1mTitle\x1b[22m ${HOSTILE}\nnext row`;
    const frame = terminalSafe(styled, 'frame');
    expect(unsafeTerminalBytes(frame, { allow: 'sgr' })).toEqual([]);
    expect(frame).toContain('\x1b[1mTitle\x1b[22m');
    expect(frame.split('\n')).toHaveLength(2);
    // What was an escape sequence is left as inert text.
    expect(frame).toContain(']52;c;UFdORUQ=');
    expect(frame).toContain('evil');
  });

  it('keeps CR and tab in a stream (a CSV hand-out has CRLF line ends) but not in a frame', () => {
    expect(terminalSafe('a,b\r\n\tc\n', 'stream')).toBe('a,b\r\n\tc\n');
    // A lone CR would write over the start of the line: only a CR before a LF is a line end.
    expect(terminalSafe('file.yaml:1:1 error\rok: all clear\r\n', 'stream')).toBe('file.yaml:1:1 errorok: all clear\r\n');
    expect(terminalSafe('a\rb\tc', 'frame')).toBe('ab c');
  });

  it('returns text with nothing to clean unchanged', () => {
    const s = '✓ Green  89.19% vs target 95% → red';
    expect(terminalSafe(s, 'frame')).toBe(s);
  });
});

describe('the frame writer', () => {
  it('writes no control or escape sequence of its input but styling', () => {
    const bytes = writerBytes([`\x1b[32mok\x1b[39m ${HOSTILE}\nsecond ${OSC52}`, `changed ${TITLE}\nsecond`]);
    expect(unsafeTerminalBytes(bytes, { allow: 'writer', controls: '\r\n' })).toEqual([]);
    expect(bytes).not.toContain(OSC52);
    expect(bytes).toContain('PWNED');
  });
});

describe('a period file name with escape sequences (the Checks view)', () => {
  it('is shown escaped, never raw', () => {
    const loaded = loadTree({
      'catalogue.yaml': catalogue('      - { id: k, title: K, unit: percent, good: high, target: 90 }\n'),
      '2019-20-Q1.yaml': 'period: 2019/20 Q1\nobservations:\n  k: { value: 91 }\n',
      // A file for a period the data has no right to, so that it gets a finding of its own.
      [`2019-20-Q2${TITLE}${OSC52}.yaml`]: 'period: 2019/20 Q2\nobservations:\n  k: { value: 9000 }\n',
    });
    if (!loaded.dataset) throw new Error(loaded.findings.map((f) => f.message).join('; '));
    const model = buildModel(loaded.dataset, loaded.findings, UNICODE_GLYPHS);
    expect(model.findings.some((f) => f.file.includes('\x1b'))).toBe(true);
    const shown = [0, 1].map((period) => checksScreen(model, { period, cursor: 0, filter: '', sortColumn: 0, width: 120, height: 30 }));
    const text = shown.flatMap((v) => ('lines' in v && v.lines ? v.lines.map(plain) : [])).join('\n');
    expect(text).toContain('2019-20-Q2\\x1b]0;PWNED\\x07');
    expect(unsafeTerminalBytes(text, { allow: 'none' })).toEqual([]);
  });
});

describe('JSON output (check --json, export --format json)', () => {
  it('escapes line separators and zero-width characters as well as C0, C1 and bidi controls', () => {
    const f = { code: 'SCHEMA', severity: 'error', message: 'a\u2028b\u200bc\u202ed\x9de\x07', file: 'x\u2029.yaml', line: 1, column: 1 } as const;
    const json = jsonReport([f], summarise([f], 1, false, false));
    expect(unsafeTerminalBytes(json, { allow: 'none' })).toEqual([]);
    expect(json).toContain('a\\u2028b\\u200bc\\u202ed\\u009de\\u0007');
    expect((JSON.parse(json) as { findings: { message: string }[] }).findings[0]?.message).toBe(f.message);
  });
});

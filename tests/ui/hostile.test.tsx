// Escape sequences planted in the data never reach the terminal: every byte the app writes is
// checked, on every screen that shows the planted text.
import { render } from 'ink-testing-library';
import { describe, expect, it, vi } from 'vitest';
import { App } from '../../src/ui/App.js';
import { ErrorBoundary } from '../../src/ui/ErrorBoundary.js';
import { initialState } from '../../src/ui/state/reducer.js';
import { THEMES } from '../../src/ui/theme/theme.js';
import { UNICODE_GLYPHS } from '../../src/viewmodel/glyphs.js';
import { buildModel } from '../../src/viewmodel/model.js';
import { catalogue, loadTree } from '../helpers.js';

const PAYLOADS = [
  '\\e]52;c;ZXZpbA==\\a', // OSC 52: write the clipboard
  '\\e]0;pwned\\a', // window title
  '\\e]8;;http://evil.example\\e\\\\link\\e]8;;\\e\\\\', // OSC 8 hyperlink
  '\\e[2J\\e[H', // clear screen
  '\\e[31mred\\e[0m', // SGR colour
  '\\eP+q\\e\\\\', // DCS
  '\\x9b31m', // C1 CSI
  '\\a\\0\\x7f\\r', // BEL NUL DEL CR
  '\\u202Eevil', // bidi override
];

function hostileModel() {
  const text = PAYLOADS.join(' ');
  const loaded = loadTree({
    'catalogue.yaml': catalogue(`      - { id: k, title: "Repairs ${text}", unit: percent, good: high, target: 90 }\n`),
    // A mapping key is free text too (a benchmark's name, shown in the KPI's detail).
    'q1.yaml': `period: 2019/20 Q1\nobservations:\n  k: { value: 50, note: "${text}", benchmarks: { "${text}national": 60 } }\ncommentary:\n  k: { summary: "${text}", actions: ["${text}"] }\nregister:\n  - { id: CR1, title: "${text}", residual: 16, consequences: ["${text}"] }\n`,
  });
  if (!loaded.dataset) throw new Error(loaded.findings.map((f) => f.message).join('; '));
  return buildModel(loaded.dataset, loaded.findings, UNICODE_GLYPHS);
}

describe('hostile text in the data', () => {
  const model = hostileModel();
  it('is reported as CONTROL_CHARS and cleaned at load', () => {
    expect(model.findings.filter((f) => f.code === 'CONTROL_CHARS').length).toBeGreaterThanOrEqual(5);
    const title = model.priorities[0]?.kpis[0]?.title ?? '';
    // eslint-disable-next-line no-control-regex
    expect(title).not.toMatch(/[\x00-\x1f\x7f-\x9f\u202e]/);
  });

  it('never reaches the terminal on any screen', async () => {
    const r = render(<App model={model} theme={THEMES.default} initial={initialState(1)} title="T" organisation="O" onExit={() => undefined} columns={100} rows={30} />);
    const step = async (keys: string) => {
      r.stdin.write(keys);
      await new Promise((res) => setTimeout(res, 40));
    };
    for (const k of ['j', '\r', 'j', 'j', 'j', '\x1b', '2', '\r', '\r', '\x1b', '\x1b', '6', '\r', '\x1b', '3', '\r']) await step(k);
    const written = r.frames.join('');
    expect(written).toContain('Repairs');
    expect(written).toContain('national: 60');
    expect(written).not.toContain('pwned\x07');
    // No OSC, DCS, BEL, NUL, DEL, C1 or bidi control from the data, in any frame written.
    // eslint-disable-next-line no-control-regex
    expect(written).not.toMatch(/\x1b[\]P^_X]|[\x00-\x09\x0b-\x1a\x1c-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]/);
    r.unmount();
  });
});

describe('an unexpected error while drawing', () => {
  it('is caught: nothing of the trace is drawn, and the app is told once', () => {
    const errors: Error[] = [];
    function Broken(): never {
      throw new Error('boom at /some/where.js:1:2');
    }
    const r = render(
      <ErrorBoundary onError={(e) => errors.push(e)}>
        <Broken />
      </ErrorBoundary>,
    );
    expect(errors.map((e) => e.message)).toEqual(['boom at /some/where.js:1:2']);
    expect(r.lastFrame() ?? '').not.toMatch(/boom|at .*:\d+:\d+/);
    r.unmount();
  });
});

describe('a hostile mapping key in an otherwise clean file', () => {
  // The fast path reads a clean file: the key must be cleaned there too (a benchmark's name, shown
  // in the KPI's detail). Opened as in the report: 2, Enter, Enter.
  it('never reaches the terminal from the KPI detail', async () => {
    const loaded = loadTree({
      'catalogue.yaml': catalogue('      - { id: k, title: Repairs, unit: percent, good: high, target: 90 }\n'),
      'q1.yaml': 'period: 2019/20 Q1\nobservations:\n  k: { value: 50, benchmarks: { "\\e]52;c;UFdORUQ=\\a\\e]0;PWNED\\a\\x9d0;T\\x9c\\u202enational": 95 } }\n',
    });
    expect(loaded.findings.map((f) => f.code)).toEqual(['CONTROL_CHARS']);
    const model = buildModel(loaded.dataset!, loaded.findings, UNICODE_GLYPHS);
    const r = render(<App model={model} theme={THEMES.default} initial={initialState(1)} title="T" organisation="O" onExit={() => undefined} columns={100} rows={30} />);
    for (const k of ['2', '\r', '\r']) {
      const before = r.frames.length;
      r.stdin.write(k);
      await vi.waitFor(() => expect(r.frames.length).toBeGreaterThan(before));
    }
    await vi.waitFor(() => expect(r.lastFrame()).toContain('national: 95'));
    // eslint-disable-next-line no-control-regex
    expect(r.frames.join('')).not.toMatch(/\x1b[\]P^_X]|PWNED|[\x00-\x09\x0b-\x1a\x1c-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]/);
    r.unmount();
  });
});

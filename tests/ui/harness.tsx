// renderTui(): the real App in ink-testing-library at a given size, with press() and polling waits.
import path from 'node:path';
import { render } from 'ink-testing-library';
import stringWidth from 'string-width';
import { vi } from 'vitest';
import { App } from '../../src/ui/App.js';
import { initialState, type AppState } from '../../src/ui/state/reducer.js';
import { THEMES, type ThemeName } from '../../src/ui/theme/theme.js';
import { loadDataset } from '../../src/load/load.js';
import { ASCII_GLYPHS, UNICODE_GLYPHS } from '../../src/viewmodel/glyphs.js';
import { buildModel, type Model } from '../../src/viewmodel/model.js';

const root = path.resolve(import.meta.dirname, '..', '..');

const KEYS: Readonly<Record<string, string>> = {
  up: '\x1b[A',
  down: '\x1b[B',
  right: '\x1b[C',
  left: '\x1b[D',
  enter: '\r',
  escape: '\x1b',
  tab: '\t',
  shiftTab: '\x1b[Z',
  backspace: '\x7f',
  pageUp: '\x1b[5~',
  pageDown: '\x1b[6~',
  home: '\x1b[H',
  end: '\x1b[F',
  ctrlC: '\x03',
};

const models = new Map<string, Model>();

/** The bundled catalogue (or another), loaded once per test file. */
export function modelOf(catalogue = 'catalogue/lcc-2019-20.yaml', ascii = false): Model {
  const key = `${catalogue}|${ascii}`;
  const cached = models.get(key);
  if (cached) return cached;
  const loaded = loadDataset(path.resolve(root, catalogue), { cwd: root });
  if (!loaded.dataset) throw new Error(`did not load: ${loaded.findings.map((f) => f.message).join('; ')}`);
  const model = buildModel(loaded.dataset, loaded.findings, ascii ? ASCII_GLYPHS : UNICODE_GLYPHS);
  models.set(key, model);
  return model;
}

export interface TuiOptions {
  readonly columns?: number;
  readonly rows?: number;
  readonly model?: Model;
  readonly theme?: ThemeName;
  readonly period?: number;
  /** The presenter's clock (default: the app's still clock). */
  readonly clock?: { now(): number; subscribe(listener: () => void): () => void };
}

export function renderTui(o: TuiOptions = {}) {
  const model = o.model ?? modelOf();
  let columns = o.columns ?? 80;
  let rows = o.rows ?? 24;
  let shown = model;
  let exited: { state: AppState; interrupted: boolean } | undefined;
  const catalogue = model.ev.dataset.catalogue;
  const app = (m: Model) => (
    <App
      model={m}
      theme={THEMES[o.theme ?? 'mono']}
      initial={initialState(model.ev.periods.length, o.period ?? model.ev.periods.length - 1)}
      title={catalogue.title}
      organisation={catalogue.organisation}
      onExit={(state, interrupted) => {
        exited = { state, interrupted };
      }}
      columns={columns}
      rows={rows}
      {...(o.clock ? { clock: o.clock } : {})}
    />
  );
  const r = render(app(model));
  /** Each key's pause: long enough for Ink to read it and React to commit before the next. */
  let pause = 15;
  const frame = () => r.lastFrame() ?? '';
  return {
    frame,
    lines: () => frame().split('\n'),
    /** Sends keys: names from KEYS (up, enter, escape …) or literal text. */
    async press(...keys: string[]) {
      for (const k of keys) {
        r.stdin.write(KEYS[k] ?? k);
        // Let Ink read the input and React commit before the next key.
        await new Promise((res) => setTimeout(res, pause));
      }
    },
    async waitFor(text: string | RegExp) {
      await vi.waitFor(
        () => {
          const f = frame();
          if (typeof text === 'string' ? !f.includes(text) : !text.test(f)) throw new Error(`frame does not show ${String(text)}:\n${f}`);
        },
        { timeout: 3000, interval: 10 },
      );
    },
    /** Live reload: the app goes on with another model (as after a save). */
    setModel: (next: Model) => {
      shown = next;
      r.rerender(app(next));
    },
    /** The terminal resized. */
    resize(c: number, h: number) {
      columns = c;
      rows = h;
      r.rerender(app(shown));
    },
    /** A shorter pause between keys (a property test sends many). */
    setPause(ms: number) {
      pause = ms;
    },
    exited: () => exited,
    unmount: () => r.unmount(),
  };
}

/** Every line of a frame fits the width, and the frame fits rows − 1. */
export function fits(frame: string, columns: number, rows: number): string[] {
  const problems: string[] = [];
  const lines = frame.split('\n');
  if (lines.length > rows - 1) problems.push(`${lines.length} lines, more than ${rows - 1}`);
  for (const [i, l] of lines.entries()) {
    // eslint-disable-next-line no-control-regex
    const visible = l.replace(/\x1b\[[0-9;]*m/g, '');
    // In terminal columns, as string-width (what Ink measures with) counts them.
    const width = stringWidth(visible);
    if (width > columns) problems.push(`line ${i + 1} is ${width} wide`);
  }
  return problems;
}

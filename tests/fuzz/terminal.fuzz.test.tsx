// Property: whatever escape-laden text a data file, a file name or a preferences file carries,
// no control or escape character of it reaches a terminal. Each case plants random hostile text
// (OSC 52 and 0, CSI, DCS, C1 controls, bidi overrides, zero-width characters, line separators,
// raw bytes) in mapping keys, values, period and agenda file names, and the preferences file of a
// small catalogue, then runs it through everything that writes to a terminal:
//   - `check` as text and as JSON, `export` as markdown, CSV and JSON, `config`;
//   - every screen of the app (every top view, each priority, KPI, register entry, heat-grid cell,
//     presenter slide and the help), each frame scanned as Ink renders it and again as the frame
//     writer sends it;
//   - the speaker notes, from what the presenter publishes.
// The bytes are scanned by tests/terminal-bytes.ts: only our own styling, cursor and mode
// sequences may appear.
//
// `npm test` runs a few cases from a fixed seed; `npm run fuzz` (RAGTOP_FUZZ_RUNS, RAGTOP_FUZZ_SEED)
// runs more, as tests/fuzz/loader.fuzz.test.ts does.

import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { render } from 'ink-testing-library';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { FrameWriter } from '../../src/cli/frame-writer.js';
import { run, runAsync } from '../../src/cli/main.js';
import { loadDataset } from '../../src/load/load.js';
import { App } from '../../src/ui/App.js';
import { cellKey } from '../../src/viewmodel/heatgrid.js';
import { initialState, type AppState, type Screen } from '../../src/ui/state/reducer.js';
import { THEMES } from '../../src/ui/theme/theme.js';
import type { PresenterState } from '../../src/viewmodel/agenda.js';
import { UNICODE_GLYPHS } from '../../src/viewmodel/glyphs.js';
import { buildModel, type Model } from '../../src/viewmodel/model.js';
import { notesText } from '../../src/viewmodel/notes.js';
import { meetingAgenda } from '../../src/viewmodel/presenter-screen.js';
import { unsafeTerminalBytes } from '../terminal-bytes.js';

const ROOT = path.resolve(import.meta.dirname, '..', '..');
const FIXTURE = path.join(ROOT, 'tests', 'fixtures', 'export', 'small');

const envRuns = Number.parseInt(process.env['RAGTOP_FUZZ_RUNS'] ?? '', 10);
const FUZZ = Number.isFinite(envRuns) && envRuns > 0;
/** Each case renders every screen, so a case costs what about fifty loader cases do. */
const RUNS = FUZZ ? Math.max(10, Math.round(envRuns / 50)) : 6;
const envSeed = Number.parseInt(process.env['RAGTOP_FUZZ_SEED'] ?? '', 10);
const SEED = Number.isFinite(envSeed) ? envSeed : FUZZ ? (Date.now() ^ (Math.random() * 0x7fffffff)) | 0 : 20_261_203;

// ── hostile text ─────────────────────────────────────────────────────────────────────────────

const ATOMS = [
  '\x1b]52;c;UFdORUQ=\x07', // OSC 52: write the clipboard
  '\x1b]0;PWNED\x07', // the window title
  '\x1b]8;;http://evil.invalid\x1b\\link\x1b]8;;\x1b\\', // a hyperlink
  '\x9d52;c;QzE=\x9c', // OSC 52 in its C1 form
  '\x1b[2J\x1b[H', // clear the screen
  '\x1b[6n', // ask the terminal to answer (input injection)
  '\x9b31m', // C1 CSI
  '\x1bP+q544e\x1b\\', // DCS
  '\x1b_apc\x1b\\', // APC
  '\x1bc', // reset the terminal
  '\x07\x08\x7f\x00', // BEL BS DEL NUL
  '\r', // carriage return
  '\n\n', // newlines in a one-line field
  '\t',
  '\u202e', // right-to-left override
  '\u2066\u2069', // isolates
  '\u200b\u200d\ufeff', // zero-width
  '\u2028\u2029', // line and paragraph separators
];
const WORDS = ['national', 'Repairs', '£3.2m', 'Ø', '✓', '"quoted"', "it's", '#', ':', '- x', '&a', '*b', '|', '>'];

const hostile: fc.Arbitrary<string> = fc
  .array(fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...ATOMS) }, { weight: 2, arbitrary: fc.constantFrom(...WORDS) }, { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 4 }) }), { minLength: 1, maxLength: 6 })
  .map((parts) => parts.join(''));

/** As a YAML double-quoted scalar (JSON's escapes are YAML's). */
const q = (s: string) => JSON.stringify(s);
/** As part of a file name: no separator, no NUL, not too long for the file system. */
const asName = (s: string) => Buffer.from(s.replace(/[/\0]/g, ''), 'utf8').subarray(0, 80).toString('utf8').replace(/\uFFFD/g, '');

interface Case {
  readonly kpiTitle: string;
  readonly organisation: string;
  readonly benchmarkKey: string;
  readonly note: string;
  /** An observation of a metric the catalogue lacks: a load error, so only in some cases. */
  readonly observationKey?: string | undefined;
  readonly registerTitle: string;
  readonly agendaNotes: string;
  readonly periodName: string;
  readonly agendaName: string;
  readonly prefValue: string;
}

const cases: fc.Arbitrary<Case> = fc.record({
  kpiTitle: hostile,
  organisation: hostile,
  benchmarkKey: hostile,
  note: hostile,
  observationKey: fc.option(hostile, { nil: undefined, freq: 3 }),
  registerTitle: hostile,
  agendaNotes: hostile,
  periodName: hostile,
  agendaName: hostile,
  prefValue: hostile,
});

// ── the case on disk ─────────────────────────────────────────────────────────────────────────

const scratch = mkdtempSync(path.join(os.tmpdir(), 'ragtop-terminal-fuzz-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
let serial = 0;

function replaceOnce(text: string, from: string, to: string): string {
  if (!text.includes(from)) throw new Error(`fixture lacks ${from}`);
  return text.replace(from, () => to);
}

/** The small export fixture with the case's text planted; returns the catalogue and config dir. */
function plant(c: Case): { catalogue: string; configDir: string; dir: string } {
  const dir = path.join(scratch, String(serial++));
  cpSync(FIXTURE, dir, { recursive: true });
  const cat = path.join(dir, 'catalogue.yaml');
  let text = readFileSync(cat, 'utf8');
  text = replaceOnce(text, 'title: Carriageway defects repaired on time', `title: ${q(c.kpiTitle)}`);
  text = replaceOnce(text, 'organisation: Test Council', `organisation: ${q(c.organisation)}`);
  writeFileSync(cat, text);
  const q2 = path.join(dir, 'data', '2019-20-Q2.yaml');
  let period = readFileSync(q2, 'utf8');
  period = replaceOnce(period, 'benchmarks: { national: 7.0 }', `benchmarks: { ${q(c.benchmarkKey)}: 7.0 }`);
  period = replaceOnce(period, '"Emergency repairs missed the target"', q(c.note));
  if (c.observationKey !== undefined) period = replaceOnce(period, '  variance: { value: -1.68 }\n', `  variance: { value: -1.68 }\n  ${q(c.observationKey)}: { value: 1 }\n`);
  period = replaceOnce(period, 'title: Reshaping the council', `title: ${q(c.registerTitle)}`);
  writeFileSync(q2, period);
  const agenda = path.join(dir, 'data', 'agenda-2019-20-Q2.yaml');
  writeFileSync(agenda, replaceOnce(readFileSync(agenda, 'utf8'), 'notes: Speaker notes are never in the hand-out unless asked for.', `notes: ${q(c.agendaNotes)}`));
  // A copy of the period under a hostile name (an earlier period, so that the agenda's period
  // stays the latest), and the agenda under one.
  const periodName = asName(c.periodName);
  if (periodName !== '') writeFileSync(path.join(dir, 'data', `2018-19-Q4${periodName}.yaml`), period.replace('period: 2019/20 Q2', 'period: 2018/19 Q4'));
  const agendaName = asName(c.agendaName);
  if (agendaName !== '') renameSync(agenda, path.join(dir, 'data', `agenda-2019-20-Q2${agendaName}.yaml`));
  const configDir = path.join(dir, 'config');
  mkdirSync(configDir);
  writeFileSync(path.join(configDir, 'config.json'), JSON.stringify({ lastCatalogue: `${dir}/${c.prefValue}.yaml`, theme: c.prefValue, ascii: c.prefValue, periods: { [c.prefValue]: c.prefValue } }));
  return { catalogue: cat, configDir, dir };
}

// ── what reaches the terminal ────────────────────────────────────────────────────────────────

function expectClean(what: string, text: string, o: Parameters<typeof unsafeTerminalBytes>[1]): void {
  const problems = unsafeTerminalBytes(text, o);
  if (problems.length > 0) throw new Error(`${what}: ${problems.slice(0, 5).join('; ')}`);
}

function cli(argv: readonly string[], env: NodeJS.ProcessEnv, cwd: string): string {
  let out = '';
  run(argv, { out: (s) => (out += s), err: (s) => (out += s), env, cwd });
  return out;
}

async function cliAsync(argv: readonly string[], env: NodeJS.ProcessEnv, cwd: string): Promise<string> {
  let out = '';
  await runAsync(argv, { out: (s) => (out += s), err: (s) => (out += s), env, cwd });
  return out;
}

/** Every screen a user can reach, as a stack over the first view. */
function screens(model: Model): { readonly state: AppState; readonly name: string }[] {
  const periods = model.ev.periods.length;
  const base = initialState(periods);
  const pe = model.ev.periods[periods - 1];
  const stacks: Screen[][] = [
    [{ screen: 'overview' }],
    [{ screen: 'kpis' }],
    [{ screen: 'register' }],
    [{ screen: 'heatgrid' }],
    [{ screen: 'finance' }],
    [{ screen: 'checks' }],
    ...model.priorities.map((p): Screen[] => [{ screen: 'kpis' }, { screen: 'priority', id: p.id }]),
    ...[...model.kpis.keys()].map((id): Screen[] => [{ screen: 'kpis' }, { screen: 'kpi', id }]),
    ...(pe?.data.register ?? []).map((r): Screen[] => [{ screen: 'register' }, { screen: 'risk', id: r.id }]),
    [{ screen: 'heatgrid' }, { screen: 'cell', id: cellKey({ impact: 4, likelihood: 3 }) }],
  ];
  const agenda = meetingAgenda(model, periods - 1, model.agenda);
  const out: { readonly state: AppState; readonly name: string }[] = stacks.map((stack) => ({ state: { ...base, stack }, name: stack.map((s) => ('id' in s ? `${s.screen}:${s.id}` : s.screen)).join('>') }));
  for (const item of agenda.items) {
    out.push({ state: { ...base, stack: [{ screen: 'overview' }, { screen: 'present' }], present: { item: item.index, count: agenda.items.length, period: periods - 1, standalone: false, index: false, indexCursor: item.index, digits: '' } }, name: `present:${item.index}` });
  }
  out.push({ state: { ...base, mode: 'help' }, name: 'help' });
  return out;
}

async function appFrames(model: Model): Promise<{ frames: string[]; published: PresenterState[] }> {
  const { title, organisation } = model.ev.dataset.catalogue;
  const frames: string[] = [];
  const published: PresenterState[] = [];
  const clock = { now: () => 1_700_000_000_000, subscribe: () => () => undefined };
  for (const { state, name } of screens(model)) {
    const r = render(
      <App model={model} theme={THEMES.default} initial={state} title={title} organisation={organisation} onExit={() => undefined} columns={100} rows={30} clock={clock} publish={(s) => published.push(s)} />,
    );
    if (state.present) await vi.waitFor(() => expect(published.length).toBeGreaterThan(0), { timeout: 5000, interval: 5 });
    for (const f of r.frames) frames.push(`${name}\n${f}`);
    r.unmount();
  }
  return { frames, published };
}

describe('hostile text never reaches a terminal', () => {
  it(`keys, values, file names and preferences (${RUNS} cases, seed ${SEED})`, { timeout: 60_000 + RUNS * 30_000 }, async () => {
    await fc.assert(
      fc.asyncProperty(cases, async (c) => {
        const { catalogue, configDir, dir } = plant(c);
        const env = { RAGTOP_CONFIG_DIR: configDir };
        expectClean('check', cli(['check', catalogue], env, dir), { allow: 'none' });
        expectClean('check --json', cli(['check', catalogue, '--json'], env, dir), { allow: 'none' });
        expectClean('check (catalogue from the preferences)', cli(['check'], env, dir), { allow: 'none' });
        for (const format of ['md', 'json']) expectClean(`export ${format}`, cli(['export', catalogue, '--format', format], env, dir), { allow: 'none' });
        expectClean('export csv', cli(['export', catalogue, '--format', 'csv'], env, dir), { allow: 'none', controls: '\r\n' });
        expectClean('config', await cliAsync(['config'], env, dir), { allow: 'none' });

        const loaded = loadDataset(catalogue, { cwd: dir });
        if (!loaded.dataset) return;
        const model = buildModel(loaded.dataset, loaded.findings, UNICODE_GLYPHS);
        const { frames, published } = await appFrames(model);
        let bytes = '';
        const writer = new FrameWriter({ write: (s: string) => (bytes += s), rows: 30 });
        for (const f of frames) {
          expectClean('a frame as Ink draws it', f, { allow: 'sgr' });
          writer.frame(f);
        }
        expectClean('the frame writer', bytes, { allow: 'writer', controls: '\r\n' });
        for (const s of published) expectClean('speaker notes', notesText(s, s.itemStartedAt + 61_000, 80, UNICODE_GLYPHS).join('\n'), { allow: 'none' });
      }),
      { numRuns: RUNS, seed: SEED, endOnFailure: true },
    );
  });

  it('the planted text does reach the screens, cleaned (the property is not vacuous)', async () => {
    const c: Case = { kpiTitle: 'Defects \x1b]0;T\x07mended', organisation: 'Org\u202e', benchmarkKey: 'nat\x1b]52;c;QQ==\x07ional', note: 'N\u2028ote', registerTitle: 'Reshaping\x1b[2J', agendaNotes: 'Say\x07 hello', periodName: '\x1b]0;x\x07', agendaName: '', prefValue: '\x1b]0;p\x07' };
    const { catalogue, dir } = plant(c);
    const loaded = loadDataset(catalogue, { cwd: dir });
    if (!loaded.dataset) throw new Error(loaded.findings.map((f) => f.message).join('; '));
    expect(readdirSync(path.join(dir, 'data')).some((n) => n.includes('\x1b'))).toBe(true);
    const model = buildModel(loaded.dataset, loaded.findings, UNICODE_GLYPHS);
    const { frames, published } = await appFrames(model);
    const all = frames.join('\n');
    expect(all).toContain('Defects');
    expect(all).toContain('mended');
    expect(all).toContain('Reshaping');
    expect(all).toContain('ional');
    expect(published.some((s) => (s.notes ?? '').includes('hello'))).toBe(true);
  });
});

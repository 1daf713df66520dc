// Hardening: malformed and hostile input files must each be refused by `ragtop check` with exit
// status 2, a finding naming the file (and line, where the problem has one), one plain sentence,
// no stack trace, promptly, without running anything and without writing to any data file.
//
// Small text fixtures live in tests/fixtures/malformed/ (catalogue/, period/<case>/, agenda/,
// valid/). Binary, byte-exact, large and hostile files are generated at test time in a temp dir.
// Every case runs the command line in process (the same dispatcher and output as the executable);
// a few representative cases also spawn the built command (the bundle users run; `npm test` builds
// first), because exit codes and stack traces of a real process are the point.

import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN } from './built.js';
import { runCli } from './helpers.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const FIX = path.join(ROOT, 'tests', 'fixtures', 'malformed');
/** A hang guard for the spawned runs, not a speed limit (speed is measured in `npm run bench`). */
const TIMEOUT_MS = 60_000;
const TEST_TIMEOUT_MS = 120_000;
const IS_ROOT = typeof process.getuid === 'function' && process.getuid() === 0;

// ── the generated fixtures ────────────────────────────────────────────────────────────────────

const TMP = fs.mkdtempSync(path.join(os.tmpdir(), 'ragtop-'));
const MARKERS = path.join(TMP, 'markers');

/** A deterministic byte stream (mulberry32), so "random" garbage is the same every run. */
function pseudoRandomBytes(n: number, seed: number, pick: (b: number) => number = (b) => b): Buffer {
  let a = seed >>> 0;
  const out = Buffer.alloc(n);
  for (let i = 0; i < n; i++) {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    out[i] = pick(((t ^ (t >>> 14)) >>> 0) & 0xff);
  }
  return out;
}

function put(rel: string, content: string | Uint8Array): string {
  const file = path.join(TMP, rel);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, content);
  return rel;
}

/** 1-based line of the first occurrence of `needle` in a text fixture. */
function lineOf(text: string, needle: string): number {
  const at = text.indexOf(needle);
  if (at < 0) throw new Error(`fixture generator: '${needle}' not found`);
  return text.slice(0, at).split('\n').length;
}

const VALID_CATALOGUE = fs.readFileSync(path.join(FIX, 'valid', 'catalogue.yaml'), 'utf8');
const VALID_PERIOD = fs.readFileSync(path.join(FIX, 'valid', 'data', '2019-20-Q3.yaml'), 'utf8');
/** The valid catalogue without `data:` (no period files), for catalogue-only cases. */
const BARE_CATALOGUE = VALID_CATALOGUE.replace('  data: data\n', '');
const marker = (name: string) => path.join(MARKERS, name);

fs.mkdirSync(MARKERS, { recursive: true });
put('valid/catalogue.yaml', VALID_CATALOGUE);
put('valid/data/2019-20-Q3.yaml', VALID_PERIOD);

// Deep nesting.
const DEEP = 10_000;
put('catalogue/deep-flow-sequence.yaml', `catalogue: ${'['.repeat(DEEP)}${']'.repeat(DEEP)}\n`);
put('catalogue/deep-flow-sequence-unclosed.yaml', `catalogue: ${'['.repeat(DEEP)}\n`);
put('catalogue/deep-flow-mapping.yaml', `catalogue: ${'{a: '.repeat(DEEP)}1${'}'.repeat(DEEP)}\n`);
put('catalogue/deep-block-sequence.yaml', `catalogue: \n  ${'- '.repeat(DEEP)}1\n`);
put('catalogue/deep-block-mapping.yaml', Array.from({ length: 1500 }, (_, i) => `${' '.repeat(i)}k${i}:`).join('\n') + ' 1\n');
put('catalogue/nested-100.yaml', `catalogue: ${'['.repeat(100)}${']'.repeat(100)}\npriorities: []\n`);
put('period/deep-flow-sequence/2019-20-Q3.yaml', `period: 2019/20 Q3\nobservations: ${'['.repeat(DEEP)}${']'.repeat(DEEP)}\n`);
put('period/deep-flow-mapping/2019-20-Q3.yaml', `period: 2019/20 Q3\nobservations: ${'{a: '.repeat(DEEP)}1${'}'.repeat(DEEP)}\n`);

// Binary garbage and encodings.
put('catalogue/random-bytes.yaml', pseudoRandomBytes(4096, 1));
put('catalogue/random-high-bytes.yaml', pseudoRandomBytes(4096, 2, (b) => 0x80 | b)); // no NUL, not UTF-8
put('period/random-bytes/2019-20-Q3.yaml', pseudoRandomBytes(4096, 3));
put('period/random-high-bytes/2019-20-Q3.yaml', pseudoRandomBytes(4096, 4, (b) => 0x80 | b));
const withNul = BARE_CATALOGUE.replace('Test Council', 'Test\u0000Council');
put('catalogue/nul-byte.yaml', withNul);
const withNulPeriod = VALID_PERIOD.replace('Fine.', 'Fi\u0000ne.');
put('period/nul-byte/2019-20-Q3.yaml', withNulPeriod);
const ffCat = BARE_CATALOGUE.replace('Test Council', 'Test @ Council');
put('catalogue/lone-ff.yaml', Buffer.from(ffCat.replace('@', '\u0001'), 'utf8').map((b) => (b === 1 ? 0xff : b)));
const ffPeriod = VALID_PERIOD.replace('Fine.', 'Fine @.');
put('period/lone-ff/2019-20-Q3.yaml', Buffer.from(ffPeriod.replace('@', '\u0001'), 'utf8').map((b) => (b === 1 ? 0xff : b)));
// "café" cut inside its two-byte é at the very end of the file (no newline after it).
put('catalogue/truncated-utf8-at-eof.yaml', Buffer.concat([Buffer.from(BARE_CATALOGUE + '# caf'), Buffer.from([0xc3])]));
put('period/truncated-utf8-at-eof/2019-20-Q3.yaml', Buffer.concat([Buffer.from(VALID_PERIOD.replace('Fine.', 'caf')), Buffer.from([0xc3])]));
put('catalogue/overlong-utf8.yaml', Buffer.concat([Buffer.from(BARE_CATALOGUE + '# slash '), Buffer.from([0xc0, 0xaf, 0x0a])]));
put('catalogue/utf8-surrogate.yaml', Buffer.concat([Buffer.from(BARE_CATALOGUE + '# surrogate '), Buffer.from([0xed, 0xa0, 0x80, 0x0a])]));

// A UTF-8 byte-order mark must be accepted (catalogue and period file).
const BOM = Buffer.from([0xef, 0xbb, 0xbf]);
put('bom/catalogue.yaml', Buffer.concat([BOM, Buffer.from(VALID_CATALOGUE)]));
put('bom/data/2019-20-Q3.yaml', Buffer.concat([BOM, Buffer.from(VALID_PERIOD)]));

// Empty files.
put('catalogue/empty.yaml', '');
put('period/empty/2019-20-Q3.yaml', '');

// Executable and custom tags, each planting an effect we can observe if it ever ran.
const js = (m: string) => `"function () { require('fs').writeFileSync(${JSON.stringify(m)}, 'ran'); }()"`;
const tagCatalogue = (line: string) => BARE_CATALOGUE.replace('  title: Test catalogue', line);
const TAGS = {
  'js-function': tagCatalogue(`  title: !!js/function ${js(marker('js-function'))}`),
  'js-eval': tagCatalogue(`  title: !!js/eval ${js(marker('js-eval'))}`),
  'python-apply-seq': tagCatalogue(`  title: !!python/object/apply:os.system ["touch ${marker('python-apply-seq')}"]`),
  'python-apply-map': tagCatalogue(`  title: !!python/object/apply:os.system\n    args: ["touch ${marker('python-apply-map')}"]`),
  custom: tagCatalogue(`  title: !custom "touch ${marker('custom')}"`),
  'custom-on-key': BARE_CATALOGUE.replace('  title: Test catalogue', `  title: Test catalogue\n  !custom description: "touch ${marker('custom-on-key')}"`),
  'tag-directive': `%TAG !x! tag:example.com,2024:\n---\n${tagCatalogue(`  title: !x!exec "touch ${marker('tag-directive')}"`)}`,
  'yaml11-binary': tagCatalogue('  title: !!binary aGVsbG8='),
} as const;
for (const [name, text] of Object.entries(TAGS)) put(`tags/${name}.yaml`, text);
const tagPeriod = VALID_PERIOD.replace('  street-lighting: { value: 4.5 }', `  street-lighting: !!python/object/apply:os.system\n    args: ["touch ${marker('period-python')}"]`);
put('tags/period/2019-20-Q3.yaml', tagPeriod);
const tagPeriodJs = VALID_PERIOD.replace('Fine.', `!!js/function ${js(marker('period-js'))}`);
put('tags/period-js/2019-20-Q3.yaml', tagPeriodJs);

// Very long lines: the line number must still be right and the output must not echo megabytes.
const longUnit = BARE_CATALOGUE.replace('unit: days', `unit: ${'d'.repeat(2_000_000)}`);
put('catalogue/long-line.yaml', longUnit);
const longNote = VALID_PERIOD.replace('{ value: 4.5 }', `{ value: 4.5, note: "${'x'.repeat(2_000_000)}", valeu: 1 }`);
put('period/long-line/2019-20-Q3.yaml', longNote);
const longGarbage = BARE_CATALOGUE.replace('organisation: Test Council', `organisation: [${'x, '.repeat(250_000)}`);
put('catalogue/long-line-unclosed.yaml', longGarbage);

// Over a small --max-file-size (1k); the valid catalogue itself is under it.
put('catalogue/huge.yaml', VALID_CATALOGUE.replace('  data: data\n', '') + '# padding to push the file over 1 KiB\n'.repeat(200));
put('period/huge/2019-20-Q3.yaml', VALID_PERIOD + '# padding to push the file over 1 KiB\n'.repeat(200));

// Not a readable regular file.
fs.mkdirSync(path.join(TMP, 'a-directory.yaml'));
put('unreadable/catalogue.yaml', BARE_CATALOGUE);
fs.chmodSync(path.join(TMP, 'unreadable', 'catalogue.yaml'), 0o000);
put('unreadable-period/valid-catalogue.yaml', VALID_CATALOGUE);
put('unreadable-period/data/2019-20-Q3.yaml', VALID_PERIOD);
fs.chmodSync(path.join(TMP, 'unreadable-period', 'data', '2019-20-Q3.yaml'), 0o000);
fs.symlinkSync('loop.yaml', path.join(TMP, 'loop.yaml'));
// An 8 MB file: over the default size limit, so it is refused before the parser sees it.
put('catalogue/eight-megabytes.yaml', `catalogue: [${'x, '.repeat(2_800_000)}]\npriorities: []\n`);
let HAVE_FIFO = false;
if (process.platform !== 'win32') {
  fs.mkdirSync(path.join(TMP, 'fifo'));
  HAVE_FIFO = spawnSync('mkfifo', [path.join(TMP, 'fifo', 'catalogue.yaml')]).status === 0;
}

afterAll(() => {
  for (const f of ['unreadable/catalogue.yaml', 'unreadable-period/data/2019-20-Q3.yaml']) {
    try {
      fs.chmodSync(path.join(TMP, f), 0o644);
    } catch {
      /* already gone */
    }
  }
  fs.rmSync(TMP, { recursive: true, force: true });
});

beforeAll(() => {
  if (!fs.existsSync(BIN)) throw new Error(`${path.relative(ROOT, BIN)} is missing: run 'npm run build' first ('npm test' does)`);
});

// ── running and judging ───────────────────────────────────────────────────────────────────────

type Snapshot = Map<string, string>;

/** Every file under the roots: its bytes' hash, size and mtime (or its kind, for non-files). */
function snapshot(roots: readonly string[]): Snapshot {
  const out: Snapshot = new Map();
  const walk = (p: string) => {
    const st = fs.lstatSync(p);
    if (st.isDirectory()) {
      out.set(p, 'dir');
      for (const n of fs.readdirSync(p).sort()) walk(path.join(p, n));
    } else if (st.isFile()) {
      let digest: string;
      try {
        digest = createHash('sha256').update(fs.readFileSync(p)).digest('hex');
      } catch {
        digest = 'unreadable';
      }
      out.set(p, `file ${st.size} ${st.mtimeMs} ${st.mode} ${digest}`);
    } else out.set(p, st.isSymbolicLink() ? `link ${fs.readlinkSync(p)}` : `special ${st.mode}`);
  };
  for (const r of roots) walk(r);
  return out;
}

interface Run {
  readonly status: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly timedOut: boolean;
}

function env(): NodeJS.ProcessEnv {
  const e: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1' };
  delete e['RAGTOP_DEBUG'];
  return e;
}

/** The command line in process (as the executable's main runs it). */
async function ragtop(args: readonly string[], cwd: string): Promise<Run> {
  const r = await runCli(args, { cwd, env: env() });
  return { status: r.status, signal: null, stdout: r.stdout, stderr: r.stderr, timedOut: false };
}

/** The built command in its own process. */
function spawned(args: readonly string[], cwd: string): Run {
  if (!fs.existsSync(BIN)) throw new Error(`${path.relative(ROOT, BIN)} is missing: run 'npm run build' first ('npm test' does)`);
  const r: SpawnSyncReturns<string> = spawnSync(process.execPath, [BIN, ...args], {
    cwd,
    encoding: 'utf8',
    timeout: TIMEOUT_MS,
    killSignal: 'SIGKILL',
    maxBuffer: 64 * 1024 * 1024,
    env: env(),
  });
  const timedOut = r.error !== undefined && 'code' in r.error && r.error.code === 'ETIMEDOUT';
  if (r.error && !timedOut) throw r.error;
  return { status: r.status, signal: r.signal, stdout: r.stdout ?? '', stderr: r.stderr ?? '', timedOut };
}

function expectNoStackTrace(text: string, stream: string): void {
  expect(`\n${text}`, `${stream} holds a stack trace`).not.toMatch(/\n\s+at .*:\d+:\d+/);
  expect(text, `${stream} holds a node error prefix`).not.toMatch(/(?:^|\s)(?:[A-Z][a-z]+)*Error: /m);
  expect(text, `${stream} mentions node internals`).not.toMatch(/node:internal|node:events|internal error|Unhandled/);
}

type Code = 'READ_ERROR' | 'YAML_SYNTAX' | 'SCHEMA' | 'DUPLICATE_ID' | 'UNKNOWN_REF';

interface Case {
  readonly name: string;
  /** Arguments after `check`. */
  readonly args: readonly string[];
  /** The working directory (FIX or TMP); `file` is as ragtop shows it, relative to it. */
  readonly cwd: string;
  readonly file: string;
  /**
   * Where the finding must point: an exact line, an inclusive range, 'any' (some line > 0), or
   * 'none' (the problem has no position, e.g. a missing file: a line is allowed but not needed).
   */
  readonly line: number | readonly [number, number] | 'any' | 'none';
  readonly codes: readonly Code[];
  readonly message?: RegExp;
  /** Markers (absolute paths) that must not exist afterwards. */
  readonly markers?: readonly string[];
  /** At most this many finding lines in all: one problem is one clear sentence, not a flood. */
  readonly maxFindings?: number;
  readonly skip?: string | false;
}

/** Plain English, not JavaScript's or the OS's words. */
const INTERNAL_WORDS = /Maximum call stack|\[object |is not a function|Cannot read propert|\bE[A-Z]{3,}\b(?!_)|RangeError|TypeError/;
const FINDING_TAIL = /^(?::(\d+):(\d+))? (error|warning|info) ([A-Z_]+)(?: ([^:]*))?: (.+)$/;

function linesOfFile(c: Case): number | undefined {
  try {
    const st = fs.statSync(path.resolve(c.cwd, c.file));
    if (!st.isFile() || st.size > 8 * 1024 * 1024) return undefined;
    return fs.readFileSync(path.resolve(c.cwd, c.file)).toString('latin1').split('\n').length;
  } catch {
    return undefined;
  }
}

/** The first of a list the test has just seen is not empty. */
function firstOf<T>(list: readonly T[]): T {
  const x = list[0];
  if (x === undefined) throw new Error('expected at least one finding');
  return x;
}

function checkLine(c: Case, line: number | undefined): void {
  const where = `${c.file}: line ${String(line)}`;
  if (c.line === 'none') {
    if (line !== undefined) expect(line, where).toBeGreaterThanOrEqual(0);
    return;
  }
  expect(line, `${where}: the finding has no line`).toBeDefined();
  expect(line, where).toBeGreaterThan(0);
  const max = linesOfFile(c);
  if (max !== undefined) expect(line, `${where}: past the end of the file (${max} lines)`).toBeLessThanOrEqual(max);
  if (typeof c.line === 'number') expect(line, where).toBe(c.line);
  else if (typeof c.line === 'object') {
    expect(line, where).toBeGreaterThanOrEqual(c.line[0]);
    expect(line, where).toBeLessThanOrEqual(c.line[1]);
  }
}

function judgeText(c: Case, r: Run): void {
  expect(r.timedOut, `${c.name}: still running after ${TIMEOUT_MS / 1000}s`).toBe(false);
  expectNoStackTrace(r.stderr, 'stderr');
  expectNoStackTrace(r.stdout, 'stdout');
  expect(r.status, `${c.name}: exit status\n${r.stdout}${r.stderr}`).toBe(2);
  const lines = r.stdout.split('\n').filter((l) => l !== '');
  for (const l of lines) expect(l.length, 'an output line echoes too much of the input').toBeLessThan(1000);
  expect(lines[lines.length - 1] ?? '', 'count line').toMatch(/the data could not be loaded$/);
  const findings = lines.slice(0, -1);
  expect(findings.length, `${c.name}: ${findings.length} findings for one problem:\n${findings.slice(0, 5).join('\n')}`).toBeLessThanOrEqual(c.maxFindings ?? 10);
  const mine = findings
    .filter((l) => l.startsWith(`${c.file}:`) || l.startsWith(`${c.file} `))
    .map((l) => FINDING_TAIL.exec(l.slice(c.file.length)))
    .filter((m): m is RegExpExecArray => m !== null && m[3] === 'error' && (c.codes as readonly string[]).includes(m[4] as string));
  expect(mine.length, `${c.name}: no ${c.codes.join('/')} error naming ${c.file} in:\n${r.stdout}`).toBeGreaterThan(0);
  // The finding the case is about: the first whose message fits, else the first of its codes.
  const first = (c.message ? mine.find((m) => c.message?.test(m[6] as string)) : undefined) ?? firstOf(mine);
  checkLine(c, first[1] === undefined ? undefined : Number(first[1]));
  const message = first[6] as string;
  expect(message, 'the message uses internal words').not.toMatch(INTERNAL_WORDS);
  if (c.message) expect(message).toMatch(c.message);
}

interface JsonFinding {
  code: string;
  severity: string;
  message: string;
  file: string;
  line: number;
  column: number;
}

function judgeJson(c: Case, r: Run): void {
  expect(r.timedOut).toBe(false);
  expectNoStackTrace(r.stderr, 'stderr');
  expect(r.status, `${c.name} --json: exit status`).toBe(2);
  let parsed: { findings: JsonFinding[]; summary: { exit: number; loaded: boolean } };
  try {
    parsed = JSON.parse(r.stdout) as typeof parsed;
  } catch {
    throw new Error(`${c.name} --json: stdout is not JSON:\n${r.stdout.slice(0, 500)}`);
  }
  expect(parsed.summary.exit).toBe(2);
  expect(parsed.summary.loaded).toBe(false);
  const mine = parsed.findings.filter((f) => f.file === c.file && f.severity === 'error' && (c.codes as readonly string[]).includes(f.code));
  expect(mine.length, `${c.name} --json: no finding for ${c.file}`).toBeGreaterThan(0);
  const f = (c.message ? mine.find((m) => c.message?.test(m.message)) : undefined) ?? firstOf(mine);
  checkLine(c, f.line > 0 ? f.line : undefined);
  if (c.message) expect(f.message).toMatch(c.message);
}

async function runCase(c: Case, inProcess = true): Promise<void> {
  const roots = [FIX, TMP];
  for (const json of [false, true]) {
    const before = snapshot(roots);
    const argv = ['check', ...c.args, ...(json ? ['--json'] : [])];
    const r = inProcess ? await ragtop(argv, c.cwd) : spawned(argv, c.cwd);
    if (json) judgeJson(c, r);
    else judgeText(c, r);
    expect(snapshot(roots), `${c.name}: files changed under the fixtures`).toEqual(before);
    for (const m of c.markers ?? []) expect(fs.existsSync(m), `${c.name}: a tag ran (${m} exists)`).toBe(false);
  }
}

function cases(title: string, list: readonly Case[]): void {
  describe(title, () => {
    for (const c of list) {
      const name = c.name;
      if (c.skip) it.skip(`${name} (skipped: ${c.skip})`, () => undefined);
      else it(name, () => runCase(c), TEST_TIMEOUT_MS);
      if (!c.skip && SPAWNED.has(name)) it(`${name}, by the built command in its own process`, () => runCase(c, false), TEST_TIMEOUT_MS);
    }
  });
}

/** Cases also run by the built command in its own process: one of each kind of failure. */
const SPAWNED = new Set(['catalogue: deep-flow-sequence', 'catalogue: random-bytes', 'catalogue: js-function', 'period file: !!js/function in commentary']);

// Case builders: a broken catalogue, or a broken period file read against the valid catalogue.
const CAT = 'valid/catalogue.yaml';
const fixCat = (name: string, line: Case['line'], codes: Code[], more: Partial<Case> = {}): Case => ({
  name: `catalogue: ${name}`,
  args: [`catalogue/${name}.yaml`],
  cwd: FIX,
  file: `catalogue/${name}.yaml`,
  line,
  codes,
  ...more,
});
const fixPeriod = (name: string, line: Case['line'], codes: Code[], more: Partial<Case> = {}): Case => ({
  name: `period file: ${name}`,
  args: [CAT, '--data', `period/${name}`],
  cwd: FIX,
  file: `period/${name}/2019-20-Q3.yaml`,
  line,
  codes,
  ...more,
});
const tmpCat = (name: string, line: Case['line'], codes: Code[], more: Partial<Case> = {}): Case => ({ ...fixCat(name, line, codes, more), cwd: TMP });
const tmpPeriod = (name: string, line: Case['line'], codes: Code[], more: Partial<Case> = {}): Case => ({ ...fixPeriod(name, line, codes, more), cwd: TMP });

const DEEP_MESSAGE = /nest|deep/i;

// ── the cases ─────────────────────────────────────────────────────────────────────────────────

describe('baseline', () => {
  it('the valid fixtures load cleanly (so every case below fails for its own reason)', async () => {
    const before = snapshot([FIX]);
    const r = await ragtop(['check', CAT], FIX);
    expect(r.stderr).toBe('');
    expect(r.status, r.stdout).toBe(0);
    expect(snapshot([FIX])).toEqual(before);
  }, TEST_TIMEOUT_MS);
});

cases('YAML syntax', [
  // The over-indented line is 4; the yaml library reports the value before it (3).
  fixCat('bad-indentation', [3, 4], ['YAML_SYNTAX']),
  fixCat('unclosed-quote', 'any', ['YAML_SYNTAX'], { message: /quote/i }),
  fixCat('tab-indentation', 3, ['YAML_SYNTAX'], { message: /tab/i }),
  fixPeriod('bad-indentation', [6, 7], ['YAML_SYNTAX']),
  fixPeriod('unclosed-quote', 'any', ['YAML_SYNTAX'], { message: /quote/i }),
  fixPeriod('tab-indentation', 5, ['YAML_SYNTAX'], { message: /tab/i }),
]);

cases('unknown keys', [
  fixCat('unknown-key-tagret', 15, ['SCHEMA'], { message: /unknown key 'tagret'.*did you mean 'target'/ }),
  fixPeriod('unknown-key-tagret', 4, ['SCHEMA'], { message: /unknown key 'tagret'.*did you mean 'target'/ }),
  {
    name: 'agenda: unknown key',
    args: [CAT, '--agenda', 'agenda/unknown-key.yaml'],
    cwd: FIX,
    file: 'agenda/unknown-key.yaml',
    line: 5,
    codes: ['SCHEMA'],
    message: /unknown key 'shwo'/,
  },
]);

cases('bad periods', [
  fixPeriod('period-2019-21', 2, ['SCHEMA'], { message: /2019\/21/ }),
  fixPeriod('period-q5', 2, ['SCHEMA'], { message: /Q5/ }),
  fixPeriod('period-q3-first', 2, ['SCHEMA'], { message: /Q3 2019/ }),
  { name: 'agenda: period 2019/21 Q3', args: [CAT, '--agenda', 'agenda/bad-period.yaml'], cwd: FIX, file: 'agenda/bad-period.yaml', line: 3, codes: ['SCHEMA'] },
]);

cases('wrong types', [
  fixCat('string-for-number', 15, ['SCHEMA'], { message: /five/ }),
  fixCat('list-for-mapping', [2, 3], ['SCHEMA'], { message: /mapping/ }),
  fixCat('target-inf', 15, ['SCHEMA'], { message: /Infinity|inf/i }),
  fixCat('target-nan', 23, ['SCHEMA'], { message: /NaN|nan/ }),
  fixPeriod('string-for-number', 4, ['SCHEMA'], { message: /number/ }),
  fixPeriod('list-for-mapping', [3, 4], ['SCHEMA'], { message: /mapping/ }),
  fixPeriod('value-inf', 4, ['SCHEMA'], { message: /Infinity|inf/i }),
  fixPeriod('value-nan', 5, ['SCHEMA'], { message: /NaN|nan/ }),
]);

cases('missing required fields', [
  fixCat('missing-unit', [19, 22], ['SCHEMA'], { message: /missing required field 'unit'/ }),
  fixPeriod('missing-period', 'any', ['SCHEMA'], { message: /missing required field 'period'/ }),
  fixCat('missing-title', [2, 3], ['SCHEMA'], {
    message: /missing required field 'title'/,
  }),
]);

cases('duplicates', [
  fixCat('duplicate-key', 15, ['DUPLICATE_ID', 'YAML_SYNTAX'], { message: /good/ }),
  fixPeriod('duplicate-key', 5, ['DUPLICATE_ID', 'YAML_SYNTAX'], { message: /value/ }),
  fixPeriod('duplicate-observation', 6, ['DUPLICATE_ID', 'YAML_SYNTAX'], { message: /street-lighting/ }),
  fixCat('duplicate-id', 19, ['DUPLICATE_ID'], { message: /street-lighting/ }),
  fixCat('duplicate-kpi-id', 16, ['DUPLICATE_ID'], { message: /street-lighting/ }),
  fixPeriod('duplicate-register-id', 11, ['DUPLICATE_ID'], { message: /CR1/ }),
  {
    name: 'period file: two files give one period',
    args: [CAT, '--data', 'period/two-files-one-period'],
    cwd: FIX,
    file: 'period/two-files-one-period/b.yaml',
    line: 2,
    codes: ['DUPLICATE_ID'],
    message: /2019\/20 Q3/,
  },
]);

cases('unknown references', [
  fixPeriod('unknown-observation', 6, ['UNKNOWN_REF'], { message: /'nope'/ }),
  fixPeriod('unknown-commentary', 8, ['UNKNOWN_REF'], { message: /street-lights.*did you mean 'street-lighting'/ }),
  { name: 'agenda: show: kpi:nope', args: [CAT, '--agenda', 'agenda/unknown-kpi.yaml'], cwd: FIX, file: 'agenda/unknown-kpi.yaml', line: 8, codes: ['UNKNOWN_REF'], message: /'nope'/ },
]);

cases('alias bombs', [
  fixCat('alias-bomb', 'any', ['YAML_SYNTAX', 'SCHEMA'], { message: /alias/i }),
  fixPeriod('alias-bomb', 'any', ['YAML_SYNTAX', 'SCHEMA'], { message: /alias/i }),
]);

cases('deep nesting', [
  tmpCat('nested-100', 1, ['YAML_SYNTAX', 'SCHEMA'], { message: DEEP_MESSAGE }),
  tmpCat('deep-flow-sequence', 1, ['YAML_SYNTAX', 'SCHEMA'], { message: DEEP_MESSAGE }),
  tmpCat('deep-flow-mapping', 1, ['YAML_SYNTAX', 'SCHEMA'], { message: DEEP_MESSAGE }),
  tmpCat('deep-block-sequence', 2, ['YAML_SYNTAX', 'SCHEMA'], { message: DEEP_MESSAGE }),
  tmpCat('deep-block-mapping', 'any', ['YAML_SYNTAX', 'SCHEMA'], { message: DEEP_MESSAGE }),
  tmpCat('deep-flow-sequence-unclosed', 1, ['YAML_SYNTAX', 'SCHEMA'], {
    message: DEEP_MESSAGE,
  }),
  tmpPeriod('deep-flow-sequence', 2, ['YAML_SYNTAX', 'SCHEMA'], { message: DEEP_MESSAGE }),
  tmpPeriod('deep-flow-mapping', 2, ['YAML_SYNTAX', 'SCHEMA'], { message: DEEP_MESSAGE }),
]);

cases('binary garbage and invalid UTF-8', [
  tmpCat('random-bytes', 'any', ['YAML_SYNTAX', 'READ_ERROR'], { message: /NUL|binary|UTF-8/ }),
  tmpCat('random-high-bytes', 1, ['YAML_SYNTAX', 'READ_ERROR'], { message: /UTF-8/ }),
  tmpPeriod('random-bytes', 'any', ['YAML_SYNTAX', 'READ_ERROR'], { message: /NUL|binary|UTF-8/ }),
  tmpPeriod('random-high-bytes', 1, ['YAML_SYNTAX', 'READ_ERROR'], { message: /UTF-8/ }),
  tmpCat('nul-byte', lineOf(withNul, '\u0000'), ['YAML_SYNTAX', 'READ_ERROR'], { message: /NUL|binary/ }),
  tmpPeriod('nul-byte', lineOf(withNulPeriod, '\u0000'), ['YAML_SYNTAX', 'READ_ERROR'], { message: /NUL|binary/ }),
  tmpCat('lone-ff', lineOf(ffCat, '@'), ['YAML_SYNTAX', 'READ_ERROR'], { message: /UTF-8/ }),
  tmpPeriod('lone-ff', lineOf(ffPeriod, '@'), ['YAML_SYNTAX', 'READ_ERROR'], { message: /UTF-8/ }),
  tmpCat('truncated-utf8-at-eof', BARE_CATALOGUE.split('\n').length, ['YAML_SYNTAX', 'READ_ERROR'], { message: /UTF-8/ }),
  tmpPeriod('truncated-utf8-at-eof', VALID_PERIOD.split('\n').length, ['YAML_SYNTAX', 'READ_ERROR'], { message: /UTF-8/ }),
  tmpCat('overlong-utf8', BARE_CATALOGUE.split('\n').length, ['YAML_SYNTAX', 'READ_ERROR'], { message: /UTF-8/ }),
  tmpCat('utf8-surrogate', BARE_CATALOGUE.split('\n').length, ['YAML_SYNTAX', 'READ_ERROR'], { message: /UTF-8/ }),
]);

describe('a UTF-8 byte-order mark is accepted', () => {
  it('catalogue and period file both with a BOM load (exit 0 or 1, not 2)', async () => {
    const before = snapshot([TMP]);
    const r = await ragtop(['check', 'bom/catalogue.yaml'], TMP);
    expectNoStackTrace(r.stderr, 'stderr');
    expect(r.timedOut).toBe(false);
    expect([0, 1], r.stdout).toContain(r.status);
    expect(r.stdout).not.toMatch(/READ_ERROR|YAML_SYNTAX|SCHEMA|DUPLICATE_ID|UNKNOWN_REF|could not be loaded/);
    expect(r.stdout).toMatch(/in 2 files/);
    expect(snapshot([TMP])).toEqual(before);
  }, TEST_TIMEOUT_MS);
});

cases('empty files', [
  tmpCat('empty', 'none', ['SCHEMA', 'YAML_SYNTAX'], { message: /empty/ }),
  fixCat('only-comment', 'none', ['SCHEMA', 'YAML_SYNTAX'], { message: /empty/ }),
  tmpPeriod('empty', 'none', ['SCHEMA', 'YAML_SYNTAX'], { message: /empty/ }),
  fixPeriod('only-comment', 'none', ['SCHEMA', 'YAML_SYNTAX'], { message: /empty/ }),
]);

cases('not a readable file', [
  { name: 'a directory given as the catalogue', args: ['a-directory.yaml'], cwd: TMP, file: 'a-directory.yaml', line: 'none', codes: ['READ_ERROR'], message: /directory/ },
  { name: 'a missing catalogue path', args: ['no-such-catalogue.yaml'], cwd: TMP, file: 'no-such-catalogue.yaml', line: 'none', codes: ['READ_ERROR'], message: /no such file/ },
  { name: 'a symlink loop as the catalogue', args: ['loop.yaml'], cwd: TMP, file: 'loop.yaml', line: 'none', codes: ['READ_ERROR'] },
  {
    name: 'an unreadable (chmod 000) catalogue',
    args: ['unreadable/catalogue.yaml'],
    cwd: TMP,
    file: 'unreadable/catalogue.yaml',
    line: 'none',
    codes: ['READ_ERROR'],
    message: /permission denied/,
    skip: IS_ROOT && 'running as root, which can read a chmod 000 file',
  },
  {
    name: 'an unreadable (chmod 000) period file',
    args: ['unreadable-period/valid-catalogue.yaml'],
    cwd: TMP,
    file: 'unreadable-period/data/2019-20-Q3.yaml',
    line: 'none',
    codes: ['READ_ERROR'],
    message: /permission denied/,
    skip: IS_ROOT && 'running as root, which can read a chmod 000 file',
  },
  {
    name: 'a named pipe (FIFO) given as the catalogue',
    args: ['fifo/catalogue.yaml'],
    cwd: TMP,
    file: 'fifo/catalogue.yaml',
    line: 'none',
    codes: ['READ_ERROR'],
    skip: !HAVE_FIFO && 'mkfifo is not available',
  },
  {
    // Heavy: until fixed this reads /dev/zero without bound (about 3 GB in 10 s).
    name: '/dev/zero given as the catalogue',
    args: ['/dev/zero'],
    cwd: TMP,
    file: '/dev/zero',
    line: 'none',
    codes: ['READ_ERROR'],
    skip: !fs.existsSync('/dev/zero') && 'no /dev/zero here',
  },
]);

const TAG_CODES: Code[] = ['SCHEMA', 'YAML_SYNTAX'];
cases('executable and custom tags are refused, never run', [
  ...Object.entries(TAGS).map(([name, text]): Case => ({
    name: `catalogue: ${name}`,
    args: [`tags/${name}.yaml`],
    cwd: TMP,
    file: `tags/${name}.yaml`,
    line: lineOf(text, name === 'tag-directive' ? '!x!exec' : name === 'custom-on-key' ? '!custom' : ': !'),
    codes: TAG_CODES,
    ...(name === 'yaml11-binary' ? {} : { message: /tag/ }),
    markers: Object.keys(TAGS).map(marker),
  })),
  {
    name: 'period file: !!python/object/apply on an observation',
    args: [CAT, '--data', 'tags/period'],
    cwd: TMP,
    file: 'tags/period/2019-20-Q3.yaml',
    line: lineOf(tagPeriod, '!!python'),
    codes: TAG_CODES,
    message: /tag/,
    markers: [marker('period-python')],
  },
  {
    name: 'period file: !!js/function in commentary',
    args: [CAT, '--data', 'tags/period-js'],
    cwd: TMP,
    file: 'tags/period-js/2019-20-Q3.yaml',
    line: lineOf(tagPeriodJs, '!!js'),
    codes: TAG_CODES,
    message: /tag/,
    markers: [marker('period-js')],
  },
]);

cases('multiple YAML documents in one file', [
  fixCat('multiple-documents', 'any', ['YAML_SYNTAX', 'SCHEMA'], { message: /document/i }),
  fixPeriod('multiple-documents', 'any', ['YAML_SYNTAX', 'SCHEMA'], { message: /document/i }),
  fixCat('garbage-after-document-end', 'any', ['YAML_SYNTAX', 'SCHEMA']),
]);

cases('very long lines', [
  tmpCat('long-line', lineOf(longUnit, 'unit: ddd'), ['SCHEMA'], { message: /unit/ }),
  tmpCat('long-line-unclosed', 'any', ['YAML_SYNTAX']),
  tmpPeriod('long-line', lineOf(longNote, 'valeu'), ['SCHEMA'], { message: /valeu/ }),
]);

cases('file size', [
  {
    // Heavy: the parser needs ~2 s and ~0.45 GB per MB (8 MB: ~19 s, 3.6 GB), yet the default
    // limit is 64 MiB. Either a lower default refuses it, or it loads; either way within 10 s.
    ...tmpCat('eight-megabytes', 'any', ['READ_ERROR', 'SCHEMA'], { message: /limit|max-file-size|mapping/ }),
    name: 'an 8 MB catalogue under the default --max-file-size is dealt with in time',
  },
  { ...tmpCat('huge', 'none', ['READ_ERROR'], { message: /limit|max-file-size/ }), args: ['catalogue/huge.yaml', '--max-file-size', '1k'] },
  { ...tmpPeriod('huge', 'none', ['READ_ERROR'], { message: /limit|max-file-size/ }), args: [CAT, '--data', 'period/huge', '--max-file-size', '1k'] },
]);

describe('output', () => {
  it(
    'a reader that closes the pipe early (EPIPE) gets no stack trace',
    () => {
      // `ragtop check … | head -1` on a long report; `true` closes the pipe at once, before node writes.
      if (process.platform === 'win32') return;
      const r = spawnSync('sh', ['-c', `"${process.execPath}" "${BIN}" check catalogue/tab-indentation.yaml | true`], {
        cwd: FIX,
        encoding: 'utf8',
        timeout: TIMEOUT_MS,
        env: env(),
      });
      expect(r.error).toBeUndefined();
      expectNoStackTrace(r.stderr ?? '', 'stderr');
    },
    TEST_TIMEOUT_MS,
  );
});

#!/usr/bin/env node
// ragtop's benchmark: one command that measures the floors and ragtop side by side in one run,
// prints a table of the targets P1–P6 and writes the latest results into docs/benchmarks.md.
//
//   npm run bench                 full run (bundled data, S, M and L; several minutes)
//   npm run bench -- --quick      bundled data and S only, one run each (under a minute); does not
//                                 write docs/benchmarks.md unless --doc is given
//
//   npm run bench -- --only hostile   section H alone (hostile input: hostile.mjs; a few minutes);
//                                 rewrites only the bench:hostile block of docs/benchmarks.md
//
// Options: --runs N (runs per measurement, default 5; L always 2; H at most 3), --sizes S,M,L,
// --doc (write the doc even with --quick), --no-doc, --no-profile, --keep (keep the generated
// data), --timeout S (cap on one L load, default 600 s), --note TEXT (a line of section H saying
// what the figures were measured under, e.g. a busy machine). --quick skips section H.
//
// Needs python3 (its standard pty module drives the pseudo-terminal: see ptyrun.py) and a built
// dist/ (npm run bench builds first). Generated data goes to a temporary directory, never the repo.

import { performance } from 'node:perf_hooks';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { generate, SIZES } from './generate.mjs';
import { bundleLikeRagtop } from '../build.mjs';
import { changedCells, Screen } from './screen.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, '..', '..');
const BIN = path.join(ROOT, 'dist', 'app', 'ragtop.js');
const DOC = path.join(ROOT, 'docs', 'benchmarks.md');
const NODE = process.execPath;
const COLS = 120;
const ROWS = 40;
const READY = 'rated KPIs achieving target';

// ---------------------------------------------------------------------------------------------
// Options

const argv = process.argv.slice(2);
const flag = (name) => argv.includes(name);
const option = (name, dflt) => {
  const i = argv.indexOf(name);
  return i >= 0 && argv[i + 1] !== undefined ? argv[i + 1] : dflt;
};
const QUICK = flag('--quick');
/** `--only hostile`: section H alone (hostile input); writes only its block of the doc. */
const ONLY = option('--only', '');
if (ONLY !== '' && ONLY !== 'hostile') {
  process.stderr.write(`bench: --only takes 'hostile', not '${ONLY}'\n`);
  process.exit(2);
}
const ONLY_HOSTILE = ONLY === 'hostile';
/** `--note TEXT`: a line of the hostile block saying what the figures were measured under (e.g. a busy machine). */
const NOTE = option('--note', '');
const LOAD_AT_START = os.loadavg()[0];
const RUNS = QUICK ? 1 : Math.max(1, Number(option('--runs', '5')));
/** L: a cold run, a second (the preferences it saved settle), and a third with nothing changed. */
const L_RUNS = QUICK ? 1 : 3;
const SIZE_LIST = option('--sizes', QUICK ? 'S' : 'S,M,L')
  .split(',')
  .map((s) => s.trim().toUpperCase())
  .filter((s) => s in SIZES);
const WRITE_DOC = flag('--doc') || (!QUICK && !flag('--no-doc'));
const PROFILE = !QUICK && !flag('--no-profile');
const L_TIMEOUT_MS = Number(option('--timeout', '600')) * 1000;

if (!existsSync(BIN)) {
  process.stderr.write(`bench: ${path.relative(process.cwd(), BIN)} is missing: run 'npm run build' first (npm run bench does)\n`);
  process.exit(2);
}
const py = spawnSync('python3', ['-c', 'import pty, select, termios; print("ok")'], { encoding: 'utf8' });
if (py.status !== 0) {
  process.stderr.write('bench: python3 (with its standard pty module) is needed to drive a pseudo-terminal\n');
  process.exit(2);
}

const WORK = mkdtempSync(path.join(os.tmpdir(), 'ragtop-bench-'));
const CONFIG = path.join(WORK, 'config');
const RUNTIME = path.join(WORK, 'run');
const CONFIG_SCALE = path.join(WORK, 'config-scale');
/** ragtop's cache (the first screen of the last run); a cold run gets an empty one of its own. */
const CACHE = path.join(WORK, 'cache');
let coldCaches = 0;
const coldCache = () => ({ RAGTOP_CACHE_DIR: path.join(WORK, `cache-cold-${++coldCaches}`) });
mkdirSync(CONFIG);
mkdirSync(CONFIG_SCALE);
mkdirSync(RUNTIME, { mode: 0o700 });

/** The environment every measured process gets: this one, with a fixed terminal and locale, and
 * ragtop's preferences and sockets in the work directory (never the user's). */
function childEnv(extra = {}, drop = []) {
  const env = { ...process.env, TERM: 'xterm-256color', LANG: 'C.UTF-8', RAGTOP_CONFIG_DIR: CONFIG, RAGTOP_RUNTIME_DIR: RUNTIME, RAGTOP_CACHE_DIR: CACHE, ...extra };
  for (const k of ['LC_ALL', 'LC_CTYPE', 'NO_COLOR', 'FORCE_COLOR', 'COLUMNS', 'LINES', 'RAGTOP_DEBUG', 'NODE_ENV', ...drop]) if (!(k in extra)) delete env[k];
  return env;
}
/** The synthetic data's runs keep their preferences apart, so that `ragtop` with no argument (the
 * bundled data) never reopens a synthetic catalogue as "the last one used". */
const scaleEnv = (extra = {}) => childEnv({ RAGTOP_CONFIG_DIR: CONFIG_SCALE, ...extra });
const NEC = process.env['NODE_EXTRA_CA_CERTS'];

/** Shows a path of this machine as the doc may show it: relative to the repo, or under $DATA. */
function shown(p) {
  return p.split(WORK).join('$DATA').split(ROOT + path.sep).join('').split(ROOT).join('.');
}

// ---------------------------------------------------------------------------------------------
// Measuring

function ptyrun(job) {
  const r = spawnSync('python3', [path.join(HERE, 'ptyrun.py')], { input: JSON.stringify(job), encoding: 'utf8', maxBuffer: 64 << 20, timeout: (job.timeout_ms ?? 600000) + 120000 });
  if (r.status !== 0) throw new Error(`ptyrun failed: ${r.stderr || r.error}`);
  const out = JSON.parse(r.stdout);
  if (!job.capture_all) delete out.first_frame_text;
  return out;
}

/** Runs argv with stdout and stderr to /dev/null: { ms, exit, rssMB }. */
function pipeRun(args, { env = childEnv(), timeout = 600000 } = {}) {
  const r = ptyrun({ mode: 'pipe', argv: args, env, cwd: ROOT, timeout_ms: timeout });
  return { ms: r.ms, exit: r.exit, rssMB: r.maxrss_kb / 1024, timedOut: r.timed_out };
}

/** Runs argv in a COLS×ROWS pseudo-terminal: time to the first complete frame showing `ready`,
 * then each key's latency and bytes; q leaves. */
function ptyRun(args, { ready = READY, keys = [], env = childEnv(), timeout = 120000, frameEnd = 'esu', keyTimeout = 2000 } = {}) {
  // A run with navigation keys keeps every byte, for P6's screen (which cells each key changed).
  const captureAll = keys.length > 1;
  const r = ptyrun({ mode: 'pty', argv: args, env, cwd: ROOT, cols: COLS, rows: ROWS, ready, keys, gap_ms: frameEnd === 'quiet' ? 100 : 60, key_timeout_ms: keyTimeout, timeout_ms: timeout, quit: 'q', frame_end: frameEnd, ...(captureAll ? { capture_all: true } : {}) });
  if (captureAll && r.first_frame_text !== undefined) changedByKey(r.first_frame_text, r.keys);
  return { ms: r.first_frame_ms, bytes: r.first_frame_bytes, keys: r.keys, exit: r.exit, rssMB: r.maxrss_kb / 1024, timedOut: r.timed_out || r.first_frame_ms === null, tail: r.tail, readyMs: r.keys[0]?.at_ms ?? NaN };
}
/**
 * The first key after the first frame: the app answers it (the KPI screen) once it is up, so its
 * time from the start says when the app was ready (the progress line drawn on a first screen meanwhile
 * does not count).
 */
const FIRST_KEY = [{ label: '2', data: '2', area: 'views', until: 'priorities · ' }];

const median = (xs) => {
  const s = xs.filter((x) => typeof x === 'number' && Number.isFinite(x)).sort((a, b) => a - b);
  if (s.length === 0) return NaN;
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
/** Nearest-rank percentile. */
const percentile = (xs, p) => {
  const s = xs.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  if (s.length === 0) return NaN;
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))];
};
const max = (xs) => Math.max(...xs.filter((x) => Number.isFinite(x)));

const log = (s) => process.stderr.write(`${s}\n`);
const fmtMs = (ms) => (!Number.isFinite(ms) ? 'n/a' : ms >= 10000 ? `${(ms / 1000).toFixed(1)} s` : ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(ms < 10 ? 1 : 0)} ms`);
const ratioText = (x) => (Number.isFinite(x) ? `${x.toFixed(2)}×` : 'n/a');
const fmtMB = (mb) => (Number.isFinite(mb) ? `${mb.toFixed(0)} MB` : 'n/a');
const fmtBytes = (b) => (!Number.isFinite(b) ? 'n/a' : b >= 1024 ? `${(b / 1024).toFixed(1)} KB` : `${b} B`);

/** Runs `fn` RUNS times (after one discarded warm-up run unless noWarm) and returns the results. */
function repeat(n, fn, { warm = true } = {}) {
  if (warm) fn(-1);
  const out = [];
  for (let i = 0; i < n; i++) out.push(fn(i));
  return out;
}

// ---------------------------------------------------------------------------------------------
// Data sets

const BUNDLED = {
  name: 'bundled',
  label: 'bundled (lcc-2019-20)',
  catalogue: path.join(ROOT, 'catalogue', 'lcc-2019-20.yaml'),
  files: [path.join(ROOT, 'catalogue', 'lcc-2019-20.yaml'), ...yamlFiles(path.join(ROOT, 'sample-data', 'lcc-2019-20'))],
  extraArgs: [],
};

function yamlFiles(dir) {
  return readdirSync(dir)
    .filter((n) => /\.ya?ml$/i.test(n))
    .sort()
    .map((n) => path.join(dir, n));
}

/** JSON copies of a data set's files (for the JSON.parse reference), made with js-yaml. */
async function jsonCopies(set) {
  const { load } = await import('js-yaml');
  const dir = path.join(WORK, 'json', set.name);
  mkdirSync(dir, { recursive: true });
  return set.files.map((f, i) => {
    const out = path.join(dir, `${i}.json`);
    writeFileSync(out, JSON.stringify(load(readFileSync(f, 'utf8'))));
    return out;
  });
}

function bytesOf(files) {
  return files.reduce((s, f) => s + readFileSync(f).length, 0);
}

/** Parse floors for a data set: each parser in a fresh process; in-process parse time and the
 * whole process (spawn → exit) time, medians of n runs. */
function parseFloors(set, jsonFiles, n, parsers) {
  const res = {};
  for (const parser of parsers) {
    const runs = Math.max(1, parser.runs ?? n);
    const rows = repeat(
      runs,
      () => {
        const out = path.join(WORK, `parse-${set.name}-${parser.name}.json`);
        rmSync(out, { force: true });
        const files = parser.name === 'json' ? jsonFiles : set.files;
        const p = pipeRun([NODE, path.join(HERE, 'parse.mjs'), parser.name, ...files], { env: childEnv({ BENCH_OUT: out }), timeout: L_TIMEOUT_MS });
        if (p.exit !== 0 || !existsSync(out)) throw new Error(`parse ${parser.name} on ${set.name} failed (exit ${p.exit})`);
        const r = JSON.parse(readFileSync(out, 'utf8'));
        return { processMs: p.ms, parseMs: r.parseMs, rssMB: p.rssMB };
      },
      { warm: parser.warm ?? true },
    );
    res[parser.name] = { processMs: median(rows.map((r) => r.processMs)), parseMs: median(rows.map((r) => r.parseMs)), rssMB: max(rows.map((r) => r.rssMB)), runs };
    log(`  parse ${set.name} ${parser.name}: ${fmtMs(res[parser.name].parseMs)} in-process, ${fmtMs(res[parser.name].processMs)} whole process`);
  }
  return res;
}

/**
 * The navigation keys for the interaction measurement, each one chosen to change the screen (a key
 * that changes nothing draws no frame): the KPI list of the first priority (j/k, turning at its
 * ends), KPI details (Enter, [ and ] to the previous period and back, h back; a generated KPI's
 * detail fits 40 rows, so j and k would not scroll it), the heat grid (laps of the arrow keys).
 * `perPriority` is the number of KPIs in the first priority; `scale` 1 sends 237 keys.
 */
function navKeys(perPriority, scale) {
  const DOWN = '\x1b[B';
  const UP = '\x1b[A';
  const RIGHT = '\x1b[C';
  const LEFT = '\x1b[D';
  const k = (area, label, data) => ({ area, label, data });
  const keys = [k('views', '2 (KPIs)', '2'), k('views', 'Enter (priority table)', '\r')];
  let at = 0;
  let down = true;
  const last = Math.max(1, perPriority - 1);
  const tableKey = () => {
    if (down && at >= last) down = false;
    else if (!down && at <= 0) down = true;
    at += down ? 1 : -1;
    return k('kpi list', down ? 'j' : 'k', down ? 'j' : 'k');
  };
  for (let i = 0; i < Math.round(120 * scale); i++) keys.push(tableKey());
  for (let i = 0; i < Math.max(1, Math.round(10 * scale)); i++) {
    keys.push(k('kpi detail', 'Enter (open KPI)', '\r'), k('kpi detail', '[ (previous period)', '['), k('kpi detail', '] (next period)', ']'), k('kpi detail', 'h (back)', 'h'), tableKey());
  }
  keys.push(k('views', '4 (heat grid)', '4'));
  const lap = [RIGHT, RIGHT, RIGHT, RIGHT, DOWN, DOWN, DOWN, DOWN, LEFT, LEFT, LEFT, LEFT, UP, UP, UP, UP];
  for (let i = 0; i < Math.max(1, Math.round(4 * scale)); i++) for (const d of lap) keys.push(k('heat grid', 'arrow', d));
  return keys;
}

/**
 * P6: for each key, the cells its output changed on a COLS×ROWS screen (scripts/bench/screen.mjs)
 * and their characters' UTF-8 bytes, and the bytes allowed: 1.25 × those + 64 per frame written
 * (the synchronized-update wrapper and cursor moves).
 */
function changedByKey(firstText, keys) {
  const screen = new Screen(ROWS, COLS);
  screen.write(firstText);
  for (const k of keys) {
    const before = screen.snapshot();
    screen.write(k.text ?? '');
    const c = changedCells(before, screen.snapshot());
    k.changedCells = c.cells;
    k.changedBytes = c.bytes;
    k.allowed = 1.25 * c.bytes + 64 * Math.max(1, k.frames ?? 1);
    delete k.text;
  }
}

function interactionStats(keys) {
  const framed = keys.filter((k) => k.ms !== null);
  const areas = {};
  for (const k of framed) (areas[k.area] ??= []).push(k);
  const stat = (list) => ({
    n: list.length,
    p50: percentile(list.map((k) => k.ms), 50),
    p95: percentile(list.map((k) => k.ms), 95),
    max: max(list.map((k) => k.ms)),
    bytesMedian: median(list.map((k) => k.bytes)),
    bytesMax: max(list.map((k) => k.bytes)),
    changedMedian: median(list.map((k) => k.changedBytes)),
    changedMax: max(list.map((k) => k.changedBytes)),
    // The worst key against its allowance (bytes ÷ allowed), and how many keys were over it.
    worst: max(list.map((k) => (k.allowed ? k.bytes / k.allowed : NaN))),
    over: list.filter((k) => k.allowed && k.bytes > k.allowed).length,
  });
  const missing = {};
  for (const k of keys) if (k.ms === null) missing[`${k.area}: ${k.label}`] = (missing[`${k.area}: ${k.label}`] ?? 0) + 1;
  return { sent: keys.length, framed: framed.length, noFrame: keys.length - framed.length, missing, all: stat(framed), areas: Object.fromEntries(Object.entries(areas).map(([a, l]) => [a, stat(l)])) };
}

// ---------------------------------------------------------------------------------------------
// H: hostile input (scripts/bench/hostile.mjs). `ragtop check` on each case: time, peak RSS
// (measured inside the process: see RSS_WRAP), exit status and its first finding; then, for the
// files the app reads off the main thread, how soon it leaves on SIGTERM or `q` sent while it
// loads. Written to its own block of the doc (bench:hostile markers), so `--only hostile` can
// replace it without the rest of the run.

const HOSTILE_TIME_MS = 3000;
const HOSTILE_RSS_MB = 400;
const CANCEL_MS = 200;
const HOSTILE_TIMEOUT_MS = 120000;
/** `node -e RSS_WRAP BIN args…` runs ragtop as `node BIN args…` does (process.argv is the same)
 * and writes the process's peak RSS (kB, process.resourceUsage().maxRSS) to $BENCH_RSS_OUT as it
 * exits: a figure from inside the process, on any platform Node runs on. */
const RSS_WRAP =
  "const f=process.env.BENCH_RSS_OUT;process.on('exit',()=>{try{require('fs').writeFileSync(f,String(process.resourceUsage().maxRSS))}catch{}});" +
  "import(require('url').pathToFileURL(process.argv[1]).href)";
let rssFiles = 0;
function rssRun(args, env) {
  const out = path.join(WORK, `rss-${rssFiles++}`);
  const r = ptyrun({ mode: 'pipe', argv: [NODE, '-e', RSS_WRAP, BIN, ...args], env: { ...env, BENCH_RSS_OUT: out }, cwd: ROOT, timeout_ms: HOSTILE_TIMEOUT_MS });
  const kb = existsSync(out) ? Number(readFileSync(out, 'utf8')) : NaN;
  return { ms: r.ms, exit: r.exit, rssMB: kb / 1024, timedOut: r.timed_out };
}

/** The argv after ragtop's bin for one run of a case: `check CATALOGUE …`, or `import FILE …`
 * into a data directory no run has written (import never overwrites a period file). */
let importDirs = 0;
function caseArgs(c) {
  if (c.command === 'import') return ['import', ...c.args, '--data', path.join(WORK, 'import-out', `${c.id}-${importDirs++}`)];
  return ['check', c.catalogue, ...c.args];
}

/** The first line of stderr as the doc may show it (paths of this machine made relative, cut short). */
function firstLine(stderr) {
  const line = shown(stderr.split('\n').find((l) => l.trim() !== '') ?? '').replace(/\$DATA\/hostile\/[^/]+\//g, '');
  return line.length > 140 ? `${line.slice(0, 139)}…` : line || '(none)';
}

/** One case of section H, `check` or `import` alike: n measured runs (time, peak RSS, exit) and
 * one more whose output gives its first finding (check) or first line of stderr (import). */
function measureCase(c, n, shownSize) {
  const env = childEnv(c.env);
  const runs = repeat(n, () => rssRun(caseArgs(c), env), { warm: false });
  const shownRun = spawnSync(NODE, [BIN, ...caseArgs(c)], { cwd: ROOT, env, encoding: 'utf8', maxBuffer: 256 << 20, timeout: HOSTILE_TIMEOUT_MS });
  const lines = `${shownRun.stdout}\n${shownRun.stderr}`.split('\n');
  const first = lines.find((l) => / error [A-Z_]+/.test(l)) ?? lines.find((l) => / (warning|info) [A-Z_]+/.test(l)) ?? '';
  const m = /:(\d+):(\d+) (error|warning|info) ([A-Z_]+)/.exec(first);
  const summary = lines.find((l) => /^\d+ errors?, /.test(l)) ?? '';
  const errors = /^(\d+) error/.exec(summary)?.[1];
  const r = {
    id: c.id,
    label: c.label,
    what: c.what,
    size: shownSize(c.bytes),
    ms: median(runs.map((x) => x.ms)),
    rssMB: max(runs.map((x) => x.rssMB)),
    exit: [...new Set(runs.map((x) => x.exit))].join('/'),
    expect: c.expect,
    timedOut: runs.some((x) => x.timedOut),
    finding: c.command === 'import' ? firstLine(shownRun.stderr ?? '') : m ? `${m[4]} at ${m[1]}:${m[2]}${errors ? `; ${Number(errors).toLocaleString('en-GB')} error${errors === '1' ? '' : 's'}` : ''}` : summary ? summary.slice(0, 60) : '(none)',
    traced: /\n\s+at .+:\d+:\d+\)?\n/.test(`\n${shownRun.stderr}\n`),
  };
  const problems = [];
  if (r.timedOut) problems.push(`> ${HOSTILE_TIMEOUT_MS / 1000} s`);
  if (!(r.ms <= HOSTILE_TIME_MS)) problems.push(`time ${(r.ms / HOSTILE_TIME_MS).toFixed(1)}× 3 s`);
  if (!(r.rssMB <= HOSTILE_RSS_MB)) problems.push(`RSS ${(r.rssMB / HOSTILE_RSS_MB).toFixed(1)}× 400 MB`);
  if (!runs.every((x) => c.expect.includes(x.exit))) problems.push(`exit not ${c.expect.join(' or ')}`);
  if (r.traced) problems.push('stack trace');
  r.verdict = problems.length ? `MISSED: ${problems.join(', ')}` : 'met';
  return r;
}

async function hostileSection() {
  const { writeHostile, shownSize } = await import('./hostile.mjs');
  const n = Math.min(RUNS, 3);
  log(`H: hostile input (${n} run(s) each) …`);
  const dir = path.join(WORK, 'hostile');
  const cases = await writeHostile(dir);
  const out = { runs: n, cases: [], imports: [], cancels: [], commands: [] };
  mkdirSync(path.join(WORK, 'import-out'));
  const hcmd = (what, args) => out.commands.push({ what, command: args.map((a) => (a === NODE ? 'node' : /[\s'"$|*]/.test(a) ? `'${a}'` : a)).map(shown).join(' ') });
  hcmd('H: write the hostile cases', [NODE, path.join(HERE, 'hostile.mjs'), dir]);
  hcmd('H: time, peak RSS (from inside the process) and exit status of check on a case, e.g. (a)', [NODE, '-e', 'RSS_WRAP', BIN, 'check', BUNDLED.catalogue, '--data', path.join(dir, 'a-flow-under')]);
  hcmd('H: the same case in the app (pty 120×40), SIGTERM or q sent halfway through its check time', ragtop(BUNDLED.catalogue, '--data', path.join(dir, 'a-flow-under')));
  hcmd('H: (f) renamed ids', ragtop('check', path.join(dir, 'f-renamed-5000', 'catalogue.yaml')));
  hcmd('H: (h) a 57 MB preferences file', ['RAGTOP_CONFIG_DIR=' + path.join(dir, 'h-prefs-57mb'), ...ragtop('check')]);
  hcmd('H: (i)–(n) import a spreadsheet into a fresh data directory, e.g. (j)', [NODE, '-e', 'RSS_WRAP', BIN, 'import', path.join(dir, 'j-grid-4m', 'grid.xlsx'), '--period', '2024/25 Q2', 'catalogue/lcc-2024-25.yaml', '--data', path.join(WORK, 'import-out', 'j-grid-4m-0')]);
  for (const c of cases) {
    const r = measureCase(c, n, shownSize);
    (c.command === 'import' ? out.imports : out.cases).push(r);
    log(`  ${c.id}: ${fmtMs(r.ms)}, ${fmtMB(r.rssMB)}, exit ${r.exit}; ${r.finding}; ${r.verdict}`);
    if (!c.cancel) continue;
    // The app, told to leave halfway through the time `check` took on the same case, and at
    // least 100 ms after it made the terminal raw (its load has started and its handlers are in
    // place): by then it reads the hostile file (the catalogue is read first, in tens of ms).
    for (const send of ['SIGTERM', 'q']) {
      const after = Math.round(r.ms / 2);
      const rs = repeat(n, () => ptyrun({ mode: 'cancel', argv: ragtop(c.catalogue, ...c.args), env: childEnv(c.env), cwd: ROOT, cols: COLS, rows: ROWS, signal_after_ms: after, after_raw_ms: 100, send, kill_after_ms: 30000, timeout_ms: 60000 }), { warm: false });
      const loading = rs.filter((x) => !x.frame_before && !x.exited_before);
      const cr = {
        id: c.id,
        send,
        after: median(rs.map((x) => x.sent_at_ms)),
        during: `${loading.length} of ${rs.length}`,
        ms: median(loading.map((x) => x.cancel_ms)),
        maxMs: max(loading.map((x) => x.cancel_ms)),
        exit: [...new Set(rs.map((x) => x.exit))].join('/'),
        killed: rs.some((x) => x.killed),
      };
      cr.verdict = loading.length === 0 ? 'n/a: the load had ended' : cr.killed ? 'MISSED: killed after 30 s' : cr.maxMs <= CANCEL_MS ? 'met' : `MISSED: ${(cr.maxMs / CANCEL_MS).toFixed(1)}× 200 ms`;
      out.cancels.push(cr);
      log(`    app, ${send} at ${after} ms: ${fmtMs(cr.ms)} (max ${fmtMs(cr.maxMs)}), exit ${cr.exit}, during the load in ${cr.during}; ${cr.verdict}`);
    }
  }
  return out;
}

const hostileHeader = ['case', 'input', 'size', 'check time (median)', 'peak RSS (max)', 'exit', 'first finding', 'vs 3 s / 400 MB'];
const hostileBody = (H) => H.cases.map((c) => [c.label, c.what, c.size, `${c.timedOut ? '> ' : ''}${fmtMs(c.ms)}`, fmtMB(c.rssMB), c.exit, c.finding, c.verdict]);
const importHeader = ['case', 'input', 'size', 'import time (median)', 'peak RSS (max)', 'exit', 'first line of stderr', 'vs 3 s / 400 MB'];
const importBody = (H) => H.imports.map((c) => [c.label, c.what, c.size, `${c.timedOut ? '> ' : ''}${fmtMs(c.ms)}`, fmtMB(c.rssMB), c.exit, c.finding, c.verdict]);
const cancelHeader = ['case', 'sent', 'sent at', 'during the load', 'sent → exit (median)', 'max', 'exit', 'vs 200 ms'];
const cancelBody = (H) => H.cancels.map((c) => [c.id, c.send, fmtMs(c.after), c.during, fmtMs(c.ms), fmtMs(c.maxMs), c.exit, c.verdict]);

function printHostile(H) {
  process.stdout.write(`\nH: hostile input (check: median of ${H.runs}; targets 3 s, 400 MB)\n${table(hostileHeader, hostileBody(H))}\n`);
  process.stdout.write(`\nH: ragtop import on spreadsheets (median of ${H.runs}; targets 3 s, 400 MB)\n${table(importHeader, importBody(H))}\n`);
  process.stdout.write(`\nH: leaving the app while it loads a hostile file (pty ${COLS}×${ROWS}; target 200 ms)\n${table(cancelHeader, cancelBody(H))}\n`);
  const missed = [...H.cases, ...H.imports, ...H.cancels].filter((c) => c.verdict.startsWith('MISSED')).length;
  process.stdout.write(`\n${H.cases.length} hostile cases, ${H.imports.length} import cases, ${H.cancels.length} cancel rows, ${missed} missed\n`);
}

function writeHostileDoc(H, took) {
  const START = '<!-- bench:hostile:start';
  const END = '<!-- bench:hostile:end -->';
  const md = [
    `${START} (written by \`npm run bench\` and \`npm run bench -- --only hostile\`; edit outside these markers) -->`,
    '## H: hostile input',
    '',
    `- Date: ${started.toISOString().replace(/\.\d+Z$/, 'Z')}${ONLY_HOSTILE ? ' (`--only hostile`)' : ''}; the section took ${fmtMs(took)}`,
    `- Machine: ${machineLine()}; Node ${process.version}`,
    `- \`ragtop check\` on each case, output to /dev/null: median wall time of ${H.runs} runs (spawn to exit), the largest peak RSS (\`process.resourceUsage().maxRSS\`, written by the process itself as it exits), the exit status, and the first finding of one more run. Targets (ISSUE 11): under 3 s and 400 MB, exit 2 for a file that cannot load, no stack trace.`,
    '- `ragtop import FILE --period \'2024/25 Q2\' catalogue/lcc-2024-25.yaml --data DIR` on each spreadsheet (i–n), DIR a fresh directory for every run, measured as `check` is above; its first line of stderr is shown. Targets: the same (3 s, 400 MB, exit 2 for a refused file, no stack trace); a file that imports may exit 0 or 1.',
    `- Load average (1 min) at the start of the run: ${LOAD_AT_START.toFixed(2)} on ${os.cpus().length} CPUs${NOTE ? `. Note: ${NOTE}` : ''}`,
    '- The app: the same case in a 120×40 pseudo-terminal; SIGTERM (or `q`) is sent halfway through the time `check` took on it and at least 100 ms after the app made the terminal raw (its load has started, its handlers are in place; "sent at" is from the spawn), and the time to the process\'s exit is measured ("during the load": the runs in which no frame had been drawn yet, so the app was still loading). Target: 200 ms. Exit 143 is ragtop leaving on SIGTERM, 0 on `q`.',
    '',
    mdTable(hostileHeader, hostileBody(H)),
    '',
    mdTable(importHeader, importBody(H)),
    '',
    mdTable(cancelHeader, cancelBody(H)),
    '',
    '```sh',
    ...H.commands.map((c) => `# ${c.what}\n${c.command}`),
    '```',
    END,
  ].join('\n');
  for (const bad of [ROOT, WORK, os.tmpdir() + path.sep]) if (md.includes(bad)) throw new Error(`the doc would hold a path of this machine (${bad})`);
  let doc = existsSync(DOC) ? readFileSync(DOC, 'utf8') : '# Benchmarks\n';
  const a = doc.indexOf(START);
  const b = doc.indexOf(END);
  if (a >= 0 && b > a) doc = doc.slice(0, a) + md + doc.slice(b + END.length);
  else {
    const after = doc.indexOf('<!-- bench:results:end -->');
    const at = after >= 0 ? after + '<!-- bench:results:end -->'.length : doc.length;
    doc = `${doc.slice(0, at).trimEnd()}\n\n${md}\n${doc.slice(at)}`;
  }
  writeFileSync(DOC, doc);
  log(`wrote the hostile section of ${path.relative(process.cwd(), DOC)}`);
}

// ---------------------------------------------------------------------------------------------
// The run

const started = new Date();
const t0 = performance.now();
const results = { floors: {}, bundled: {}, sizes: {}, profile: {}, commands: [] };
const cmd = (what, args) => results.commands.push({ what, command: args.map((a) => (a === NODE ? 'node' : a === '' ? "''" : /[\s'"$|*]/.test(a) && !a.startsWith('$DATA') && !a.includes('*') && !a.includes('|') ? `'${a}'` : a)).map(shown).join(' ') });

// ragtop as users run it: the bundle's bin, started by its first line (Node and its start-up flags).
const ragtop = (...args) => [BIN, ...args];
// The Ink floor, bundled the way ragtop is (the same options, chunking and start-up flags).
const inkHello = [await bundleLikeRagtop(path.join(HERE, 'ink-hello.mjs'), path.join(WORK, 'ink-floor'))];
const VD = spawnSync('vd', ['--version'], { encoding: 'utf8' }).status === 0 ? 'vd' : undefined;
const VD_FILE = path.join(ROOT, 'sample-data', 'lcc-2019-20', '2019-20-Q3.yaml');
const nodeE = [NODE, '-e', ''];

if (ONLY_HOSTILE) {
  const H = await hostileSection();
  printHostile(H);
  if (WRITE_DOC) writeHostileDoc(H, performance.now() - t0);
  if (flag('--keep')) log(`kept ${WORK}`);
  else rmSync(WORK, { recursive: true, force: true });
  process.exit(0);
}

log(`ragtop bench${QUICK ? ' --quick' : ''}: ${RUNS} run(s) per measurement (after a warm-up run), sizes ${SIZE_LIST.join(', ') || 'none'}; work directory ${WORK}`);

// 1. The floors and ragtop on the bundled data, interleaved run by run so drift hits both alike.
log('floors and the bundled data …');
{
  // The first screen of the last run is remembered under the preferences the run started with:
  // two runs first, so that the measured ones start from settled preferences.
  ptyRun(ragtop(), { keys: FIRST_KEY });
  ptyRun(ragtop(), { keys: FIRST_KEY });
  const rows = repeat(RUNS, () => ({
    nodeE: pipeRun(nodeE),
    nodeENoCa: pipeRun(nodeE, { env: childEnv({}, ['NODE_EXTRA_CA_CERTS']) }),
    ink: ptyRun(inkHello, { ready: 'hello' }),
    ...(VD ? { vd: ptyRun([VD, VD_FILE], { ready: '2019/20 Q3', frameEnd: 'quiet', env: childEnv({ HOME: path.join(WORK, 'vd-home') }) }) } : {}),
    frame: ptyRun(ragtop(), { keys: FIRST_KEY }),
    frameCold: ptyRun(ragtop(), { keys: FIRST_KEY, env: childEnv(coldCache()) }),
    check: pipeRun(ragtop('check')),
    help: pipeRun(ragtop('--help')),
    checkNoCa: pipeRun(ragtop('check'), { env: childEnv({}, ['NODE_EXTRA_CA_CERTS']) }),
    helpNoCa: pipeRun(ragtop('--help'), { env: childEnv({}, ['NODE_EXTRA_CA_CERTS']) }),
  }));
  const m = (k, f = 'ms') => median(rows.map((r) => r[k][f]));
  const x = (k, f = 'rssMB') => max(rows.map((r) => r[k][f]));
  results.floors = {
    nodeE: { ms: m('nodeE'), rssMB: x('nodeE') },
    nodeENoCa: { ms: m('nodeENoCa'), rssMB: x('nodeENoCa') },
    ink: { ms: m('ink'), rssMB: x('ink'), bytes: m('ink', 'bytes') },
    ...(VD ? { vd: { ms: m('vd'), rssMB: x('vd') } } : {}),
  };
  results.bundled = {
    frame: { ms: m('frame'), rssMB: x('frame'), bytes: m('frame', 'bytes'), exit: rows.map((r) => r.frame.exit), readyMs: m('frame', 'readyMs') },
    frameCold: { ms: m('frameCold'), rssMB: x('frameCold'), readyMs: m('frameCold', 'readyMs') },
    check: { ms: m('check'), rssMB: x('check'), exit: rows[0].check.exit },
    help: { ms: m('help'), rssMB: x('help') },
    checkNoCa: { ms: m('checkNoCa') },
    helpNoCa: { ms: m('helpNoCa') },
  };
  for (const r of rows) if (r.frame.timedOut || r.frameCold.timedOut) throw new Error(`ragtop on the bundled data drew no first frame: ${r.frame.tail ?? r.frameCold.tail ?? ''}`);
  cmd("floor: node start", nodeE);
  cmd('floor: node start without NODE_EXTRA_CA_CERTS', ['env', '-u', 'NODE_EXTRA_CA_CERTS', ...nodeE]);
  cmd(`floor: bare Ink hello-world, bundled as ragtop is (scripts/build.mjs bundleLikeRagtop), first frame (pty ${COLS}×${ROWS})`, ['$DATA/ink-floor/main.js']);
  if (VD) cmd(`peer: VisiData, first screen of a period file (pty ${COLS}×${ROWS}; the last byte before 100 ms of quiet)`, [VD, 'sample-data/lcc-2019-20/2019-20-Q3.yaml']);
  cmd('P1 cold: the same with an empty cache (no first screen of a last run)', ['RAGTOP_CACHE_DIR=$(mktemp -d)', ...ragtop()]);
  cmd(`P1: ragtop on the bundled data, first frame (pty ${COLS}×${ROWS})`, ragtop());
  cmd('P2: check on the bundled data', ragtop('check'));
  cmd('P2: help', ragtop('--help'));
  log(`  node -e '': ${fmtMs(results.floors.nodeE.ms)}; Ink hello: ${fmtMs(results.floors.ink.ms)}; ragtop first frame: ${fmtMs(results.bundled.frame.ms)}; check: ${fmtMs(results.bundled.check.ms)}; --help: ${fmtMs(results.bundled.help.ms)}`);
}

// 2. Parse floors on the bundled data.
const PARSERS = (big) => [
  { name: 'ragtop', runs: big ? 1 : undefined, warm: !big },
  { name: 'yaml-nouk', runs: big ? 1 : undefined, warm: !big },
  { name: 'js-yaml', runs: big ? 3 : undefined, warm: !big },
  { name: 'js-yaml-4', runs: big ? 3 : undefined, warm: !big },
  { name: 'json', runs: big ? 3 : undefined, warm: !big },
];
results.bundled.bytes = bytesOf(BUNDLED.files);
results.bundled.files = BUNDLED.files.length;
results.bundled.parse = parseFloors(BUNDLED, await jsonCopies(BUNDLED), RUNS, PARSERS(false));
cmd('parse floors, each parser in a fresh process (PARSER: ragtop, yaml-nouk, js-yaml or json)', [NODE, path.join(HERE, 'parse.mjs'), 'PARSER', 'catalogue/lcc-2019-20.yaml', 'sample-data/lcc-2019-20/*.yaml']);
if (PROFILE) {
  const p = spawnSync(NODE, [path.join(HERE, 'profile.mjs'), BUNDLED.catalogue], { encoding: 'utf8', env: childEnv(), maxBuffer: 16 << 20 });
  if (p.status === 0) results.profile.bundled = JSON.parse(p.stdout);
  cmd('where the load time goes, bundled data', [NODE, path.join(HERE, 'profile.mjs'), BUNDLED.catalogue]);
}

// 3. Scale: S, M, L.
for (const size of SIZE_LIST) {
  const big = size === 'L';
  const n = big ? L_RUNS : RUNS;
  log(`size ${size} …`);
  const tg = performance.now();
  const g = generate(size, path.join(WORK, size));
  const set = { name: size, catalogue: g.catalogue, files: [g.catalogue, ...yamlFiles(g.dataDir)], extraArgs: ['--max-file-size', '64M'] };
  const r = (results.sizes[size] = { kpis: g.kpis, metrics: g.metrics, periods: g.periods, files: set.files.length, bytes: g.bytes, generateMs: performance.now() - tg });
  log(`  generated ${g.kpis} KPIs × ${g.periods} quarters, ${(g.bytes / 1048576).toFixed(1)} MiB in ${fmtMs(r.generateMs)}`);
  r.parse = parseFloors(set, await jsonCopies(set), n, PARSERS(big));

  const checkArgs = ragtop('check', g.catalogue, ...set.extraArgs);
  const checks = repeat(n, () => pipeRun(checkArgs, { timeout: L_TIMEOUT_MS, env: scaleEnv() }), { warm: !big });
  r.check = { ms: median(checks.map((c) => c.ms)), rssMB: max(checks.map((c) => c.rssMB)), exit: checks[0].exit, timedOut: checks.some((c) => c.timedOut), runs: checks.map((c) => c.ms) };
  log(`  check: ${fmtMs(r.check.ms)} (exit ${r.check.exit}), peak RSS ${fmtMB(r.check.rssMB)}`);
  if (r.check.exit === 2) throw new Error(`ragtop check could not load the generated ${size} data (exit 2)`);

  // First frame; on the largest size measured, the first run also sends the navigation keys.
  const frameArgs = ragtop(g.catalogue, ...set.extraArgs);
  const interactive = size === SIZE_LIST[SIZE_LIST.length - 1];
  cmd(`scale ${size}: generate`, [NODE, path.join(HERE, 'generate.mjs'), size, path.join(WORK, size)]);
  cmd(`scale ${size}: parse floors`, [NODE, path.join(HERE, 'parse.mjs'), 'PARSER', path.join(WORK, size, 'catalogue.yaml'), path.join(WORK, size, 'data', '*.yaml')]);
  cmd(`scale ${size}: check`, checkArgs);
  cmd(`scale ${size}: first frame (pty ${COLS}×${ROWS})${interactive ? ', then the navigation keys' : ''}`, frameArgs);
  const firstPriority = Math.ceil(SIZES[size].kpis / SIZES[size].priorities);
  const frames = repeat(
    n,
    (i) => ptyRun(frameArgs, { timeout: big ? L_TIMEOUT_MS : 120000, keys: interactive && i === 0 ? navKeys(firstPriority, QUICK ? 0.25 : 1) : FIRST_KEY, keyTimeout: interactive && i === 0 ? 2000 : big ? L_TIMEOUT_MS : 30000, env: scaleEnv(i <= 0 ? coldCache() : {}) }),
    { warm: !big },
  );
  r.frame = { readyRuns: frames.map((f) => f.readyMs), ms: median(frames.map((f) => f.ms)), rssMB: max(frames.map((f) => f.rssMB)), runs: frames.map((f) => f.ms), timedOut: frames.some((f) => f.timedOut), why: frames.filter((f) => f.timedOut).map((f) => (f.exit !== null && f.exit !== undefined && f.exit !== 0 && f.exit !== -9 ? `exited ${f.exit} before a frame` : `no frame within ${L_TIMEOUT_MS / 1000} s`))[0], bytes: frames[0].bytes };
  if (interactive && !frames[0].timedOut) {
    r.interaction = interactionStats(frames[0].keys);
    r.interactionSize = size;
  }
  // The bytes per key with colour forced on (ragtop's CI=false turns chalk's colour off: see the
  // doc), on M when it is measured (the screen is the same size whatever the data), else here.
  if (size === (SIZE_LIST.includes('M') ? 'M' : SIZE_LIST[SIZE_LIST.length - 1])) {
    const coloured = ptyRun(frameArgs, { timeout: big ? L_TIMEOUT_MS : 120000, keys: navKeys(firstPriority, QUICK ? 0.25 : 0.5), env: scaleEnv({ FORCE_COLOR: '3' }) });
    if (!coloured.timedOut) {
      results.colour = interactionStats(coloured.keys);
      results.colourSize = size;
    }
    cmd(`scale ${size}: the navigation keys again with colour (pty ${COLS}×${ROWS})`, ['FORCE_COLOR=3', ...frameArgs]);
  }
  log(`  first frame: ${frames.map((f) => (f.timedOut ? 'timed out' : fmtMs(f.ms))).join(', ')}; peak RSS ${fmtMB(r.frame.rssMB)}`);
  if (r.interaction?.noFrame) log(`  keys that drew no frame: ${JSON.stringify(r.interaction.missing)}`);
  if (r.interaction) log(`  keys: ${r.interaction.framed}/${r.interaction.sent} drew a frame; p50 ${fmtMs(r.interaction.all.p50)}, p95 ${fmtMs(r.interaction.all.p95)}, bytes max ${fmtBytes(r.interaction.all.bytesMax)}`);
  if (PROFILE && size !== 'S') {
    const p = spawnSync(NODE, [path.join(HERE, 'profile.mjs'), g.catalogue, ...(big ? ['--lite'] : [])], { encoding: 'utf8', env: scaleEnv(), maxBuffer: 16 << 20, timeout: L_TIMEOUT_MS });
    if (p.status === 0) results.profile[size] = JSON.parse(p.stdout);
    cmd(`scale ${size}: where the load time goes`, [NODE, path.join(HERE, 'profile.mjs'), g.catalogue, ...(big ? ['--lite'] : [])]);
  }
}
// H. Hostile input (its own block of the doc).
if (!QUICK) {
  const th = performance.now();
  results.hostile = await hostileSection();
  results.hostile.ms = performance.now() - th;
}
results.totalMs = performance.now() - t0;

// ---------------------------------------------------------------------------------------------
// Targets

const F = results.floors;
const B = results.bundled;
const largest = SIZE_LIST[SIZE_LIST.length - 1];
const LG = largest ? results.sizes[largest] : undefined;
const rows = [];
/** A row: value, floor, ratio to the floor, the target and whether it is met. */
function row(id, metric, value, unit, floor, floorLabel, limit, limitUnit) {
  const ratio = floor !== undefined && Number.isFinite(floor) ? value / floor : undefined;
  const compared = limitUnit === 'ratio' ? ratio : value;
  const met = Number.isFinite(compared) && compared <= limit;
  const fmt = unit === 'ms' ? fmtMs : unit === 'MB' ? fmtMB : unit === 'B' ? fmtBytes : (x) => String(x);
  const limitText = limitUnit === 'ratio' ? `≤ ${limit} × floor` : `≤ ${fmt(limit)}`;
  const gap = met ? '' : Number.isFinite(compared) ? `${(compared / limit).toFixed(compared / limit >= 10 ? 0 : 1)}× the target` : 'not measured';
  rows.push({ id, metric, value: Number.isFinite(value) ? fmt(value) : 'n/a', floor: floorLabel ?? '', ratio: ratio === undefined ? '' : `${ratio.toFixed(2)}×`, target: limitText, met: met ? 'met' : 'MISSED', gap });
}
if (F.vd) row('P0', 'first frame, bundled data (first screen of the last run)', B.frame.ms, 'ms', F.vd.ms, `VisiData ${fmtMs(F.vd.ms)}`, 1.0, 'ratio');
else rows.push({ id: 'P0', metric: 'first frame against VisiData', value: 'n/a', floor: '', ratio: '', target: '≤ 1.0 × VisiData', met: 'skipped', gap: '`vd` is not installed (Debian package visidata)' });
row('P1', 'first frame, bundled data (first screen of the last run)', B.frame.ms, 'ms', F.ink.ms, `Ink hello-world, bundled alike ${fmtMs(F.ink.ms)}`, 1.5, 'ratio');
rows.push({ id: 'P1*', metric: `first frame, bundled data, empty cache (cold): ${fmtMs(B.frameCold.ms)}; first key answered from the start: ${fmtMs(B.frame.readyMs)} (cold ${fmtMs(B.frameCold.readyMs)})`, value: fmtMs(B.frameCold.ms), floor: `Ink hello-world ${fmtMs(F.ink.ms)}`, ratio: `${(B.frameCold.ms / F.ink.ms).toFixed(2)}×`, target: '(information)', met: '', gap: '' });
row('P2', '`check`, bundled data', B.check.ms, 'ms', F.nodeE.ms, `node -e '' ${fmtMs(F.nodeE.ms)}`, 6, 'ratio');
row('P2', '`--help`', B.help.ms, 'ms', F.nodeE.ms, `node -e '' ${fmtMs(F.nodeE.ms)}`, 6, 'ratio');
if (LG?.interaction) {
  row('P3', `keypress → frame p50, ${largest} (${LG.interaction.framed} keys)`, LG.interaction.all.p50, 'ms', undefined, '', 16, 'ms');
  row('P3', `keypress → frame p95, ${largest}`, LG.interaction.all.p95, 'ms', undefined, '', 33, 'ms');
} else {
  rows.push({ id: 'P3', metric: 'keypress → frame', value: 'n/a', floor: '', ratio: '', target: '≤ 16 ms p50, ≤ 33 ms p95', met: 'MISSED', gap: 'no first frame, so no keys' });
}
if (LG) {
  // The floor: the faster of js-yaml 4 and 5, each a cold process parsing the same files.
  const js = Math.min(LG.parse['js-yaml'].processMs, LG.parse['js-yaml-4'].processMs);
  const jsName = LG.parse['js-yaml-4'].processMs < LG.parse['js-yaml'].processMs ? 'js-yaml 4' : 'js-yaml 5';
  // A load that drew no frame counts as the time it was given (a lower bound), never as met.
  const bound = (ms) => (Number.isFinite(ms) ? ms : LG.frame.why?.startsWith('no frame') ? L_TIMEOUT_MS : NaN);
  const note = LG.frame.timedOut ? ` (${LG.frame.why}: a lower bound)` : '';
  row('P4', `load → first frame, ${largest}, cold${note}`, bound(LG.frame.runs[0]), 'ms', js, `${jsName} parse, cold process ${fmtMs(js)}`, 2, 'ratio');
  row('P4', `\`check\`, ${largest}`, LG.check.ms, 'ms', js, `${jsName} parse, cold process ${fmtMs(js)}`, 2, 'ratio');
  const again = bound(LG.frame.runs[LG.frame.runs.length - 1]);
  row('P4', `load → first frame, ${largest}, run again unchanged (first key answered at ${fmtMs(LG.frame.readyRuns[LG.frame.readyRuns.length - 1])})`, again, 'ms', undefined, '', 500, 'ms');
}
row('P5', 'peak RSS, bundled data (interactive, after the first key)', max([B.frame.rssMB, B.frameCold.rssMB, B.check.rssMB]), 'MB', undefined, '', 120, 'MB');
if (LG) row('P5', `peak RSS, ${largest} (load, check, interaction)`, max([LG.frame.rssMB, LG.check.rssMB]), 'MB', undefined, '', largest === 'L' ? 400 : 120, 'MB');
if (LG?.interaction) {
  const a = LG.interaction.all;
  rows.push({
    id: 'P6',
    metric: `bytes per key ÷ (1.25 × bytes of the cells it changed + 64 per frame), worst of ${a.n} keys at ${COLS}×${ROWS}; written median ${fmtBytes(a.bytesMedian)}, max ${fmtBytes(a.bytesMax)}; changed cells median ${fmtBytes(a.changedMedian)}, max ${fmtBytes(a.changedMax)}; ${a.over} keys over`,
    value: Number.isFinite(a.worst) ? `${a.worst.toFixed(2)}×` : 'n/a',
    floor: '',
    ratio: '',
    target: '≤ 1.0 for every key',
    met: Number.isFinite(a.worst) && a.worst <= 1 ? 'met' : 'MISSED',
    gap: Number.isFinite(a.worst) && a.worst > 1 ? `${a.worst.toFixed(1)}× the allowance` : '',
  });
  if (results.colour) rows.push({ id: 'P6*', metric: `the same with FORCE_COLOR=3, ${results.colourSize}: written max ${fmtBytes(results.colour.all.bytesMax)}, changed cells max ${fmtBytes(results.colour.all.changedMax)}; ${results.colour.all.over} keys over`, value: ratioText(results.colour.all.worst), floor: '', ratio: '', target: '(information)', met: results.colour.all.worst <= 1 ? 'within' : 'over', gap: '' });
}

// ---------------------------------------------------------------------------------------------
// Output

function machineLine() {
  const cpus = os.cpus();
  return `${os.type()} ${os.release()} ${os.machine()}, ${cpus.length} × ${cpus[0]?.model?.trim() ?? 'CPU'}, ${(os.totalmem() / 1073741824).toFixed(0)} GiB`;
}
function table(header, body) {
  const all = [header, ...body];
  const w = header.map((_, i) => Math.max(...all.map((r) => String(r[i]).length)));
  return all.map((r, j) => r.map((c, i) => String(c).padEnd(w[i])).join('  ') + (j === 0 ? `\n${w.map((n) => '-'.repeat(n)).join('  ')}` : '')).join('\n');
}
function mdTable(header, body) {
  const esc = (c) => String(c).replace(/\|/g, '\\|');
  return [`| ${header.join(' | ')} |`, `|${header.map(() => '---').join('|')}|`, ...body.map((r) => `| ${r.map(esc).join(' | ')} |`)].join('\n');
}

const targetHeader = ['target', 'metric', 'value', 'floor (same run)', 'ratio', 'target', 'met', 'gap'];
const targetBody = rows.map((r) => [r.id, r.metric, r.value, r.floor, r.ratio, r.target, r.met, r.gap]);

const floorHeader = ['floor', 'time (median)', 'peak RSS'];
const floorBody = [
  [`node -e ''${NEC ? ' (NODE_EXTRA_CA_CERTS set)' : ''}`, fmtMs(F.nodeE.ms), fmtMB(F.nodeE.rssMB)],
  ["node -e '' without NODE_EXTRA_CA_CERTS", fmtMs(F.nodeENoCa.ms), fmtMB(F.nodeENoCa.rssMB)],
  [`bare Ink hello-world, bundled as ragtop is, first frame (${COLS}×${ROWS} pty)`, fmtMs(F.ink.ms), fmtMB(F.ink.rssMB)],
  ...(F.vd ? [[`VisiData (peer), first screen of a period file (${COLS}×${ROWS} pty)`, fmtMs(F.vd.ms), fmtMB(F.vd.rssMB)]] : []),
  ['ragtop check, bundled, without NODE_EXTRA_CA_CERTS', fmtMs(B.checkNoCa.ms), `${(B.checkNoCa.ms / F.nodeENoCa.ms).toFixed(2)}× node -e '' without it`],
  ['ragtop --help, without NODE_EXTRA_CA_CERTS', fmtMs(B.helpNoCa.ms), `${(B.helpNoCa.ms / F.nodeENoCa.ms).toFixed(2)}× node -e '' without it`],
];

const sets = [['bundled', { ...B, label: 'bundled' }], ...Object.entries(results.sizes)];
const mib = (b) => `${(b / 1048576).toFixed(b < 1048576 ? 2 : 1)} MiB`;
const parseHeader = ['data', 'files', 'size', 'ragtop (fast path)', 'ragtop careful path (yaml)', 'js-yaml 5', 'js-yaml 4', 'JSON.parse', 'js-yaml 5, whole process', 'js-yaml 4, whole process'];
const parseBody = sets.map(([name, s]) => [name, s.files, mib(s.bytes), fmtMs(s.parse.ragtop.parseMs), fmtMs(s.parse['yaml-nouk'].parseMs), fmtMs(s.parse['js-yaml'].parseMs), fmtMs(s.parse['js-yaml-4'].parseMs), fmtMs(s.parse.json.parseMs), fmtMs(s.parse['js-yaml'].processMs), fmtMs(s.parse['js-yaml-4'].processMs)]);
const scaleHeader = ['data', 'KPIs × quarters', 'check', 'check RSS', 'first frame', 'first frame RSS', 'first frame ÷ js-yaml process'];
const scaleBody = [
  ['bundled', '45 × 5', fmtMs(B.check.ms), fmtMB(B.check.rssMB), fmtMs(B.frame.ms), fmtMB(B.frame.rssMB), `${(B.frame.ms / B.parse['js-yaml'].processMs).toFixed(1)}×`],
  ...Object.entries(results.sizes).map(([name, s]) => [
    name,
    `${s.kpis.toLocaleString('en-GB')} × ${s.periods}`,
    `${s.check.timedOut ? '> ' : ''}${fmtMs(s.check.ms)}`,
    fmtMB(s.check.rssMB),
    `${s.frame.timedOut ? '> ' : ''}${fmtMs(s.frame.ms)}`,
    fmtMB(s.frame.rssMB),
    `${(s.frame.ms / s.parse['js-yaml'].processMs).toFixed(1)}×`,
  ]),
];
const keyHeader = ['keys', 'drew a frame', 'p50', 'p95', 'max', 'bytes median', 'bytes max', 'changed cells, bytes median', 'changed max', 'worst ÷ allowance'];
const keyBody = (st) => [
  ['all navigation keys', `${st.framed} of ${st.sent}`, fmtMs(st.all.p50), fmtMs(st.all.p95), fmtMs(st.all.max), fmtBytes(st.all.bytesMedian), fmtBytes(st.all.bytesMax), fmtBytes(st.all.changedMedian), fmtBytes(st.all.changedMax), ratioText(st.all.worst)],
  ...Object.entries(st.areas).map(([a, s]) => [a, String(s.n), fmtMs(s.p50), fmtMs(s.p95), fmtMs(s.max), fmtBytes(s.bytesMedian), fmtBytes(s.bytesMax), fmtBytes(s.changedMedian), fmtBytes(s.changedMax), ratioText(s.worst)]),
];
const profHeader = ['stage', ...Object.keys(results.profile)];
const stageNames = [...new Set(Object.values(results.profile).flatMap((p) => p.stages.map((s) => s.name)))];
const profBody = stageNames.map((n) => [n, ...Object.values(results.profile).map((p) => {
  const s = p.stages.find((x) => x.name === n);
  return s ? `${fmtMs(s.ms)} (RSS ${s.rssMB} MB)` : '';
})]);

const machine = machineLine();
const versions = (() => {
  const v = (name) => {
    try {
      return JSON.parse(readFileSync(path.join(ROOT, 'node_modules', name, 'package.json'), 'utf8')).version;
    } catch {
      return '?';
    }
  };
  return `ink ${v('ink')}, react ${v('react')}, yaml ${v('yaml')}, zod ${v('zod')}, js-yaml ${v('js-yaml')}`;
})();
const pyVersion = spawnSync('python3', ['-c', 'import sys; print(sys.version.split()[0])'], { encoding: 'utf8' }).stdout.trim();

const summary = [
  `ragtop bench${QUICK ? ' --quick' : ''}, ${started.toISOString().replace(/\.\d+Z$/, 'Z')}`,
  `machine: ${machine}`,
  `node ${process.version}; ${versions}; python3 ${pyVersion}`,
  `NODE_EXTRA_CA_CERTS: ${NEC ? 'set (floors and ragtop measured with it set)' : 'not set'}; runs: ${RUNS} (L: ${L_RUNS}); took ${fmtMs(results.totalMs)}`,
].join('\n');

process.stdout.write(`\n${summary}\n\nTargets\n${table(targetHeader, targetBody)}\n\nFloors\n${table(floorHeader, floorBody)}\n\nParsing (in-process parse time, median)\n${table(parseHeader, parseBody)}\n\nScale\n${table(scaleHeader, scaleBody)}\n`);
if (LG?.interaction) process.stdout.write(`\nInteraction at ${largest} (${COLS}×${ROWS})\n${table(keyHeader, keyBody(LG.interaction))}\n`);
if (results.colour) process.stdout.write(`\nInteraction at ${results.colourSize}, FORCE_COLOR=3\n${table(keyHeader, keyBody(results.colour))}\n`);
if (stageNames.length) process.stdout.write(`\nWhere the load time goes (scripts/bench/profile.mjs)\n${table(profHeader, profBody)}\n`);
if (results.hostile) printHostile(results.hostile);
const missed = rows.filter((r) => r.met === 'MISSED').map((r) => r.id);
process.stdout.write(`\n${rows.filter((r) => /^P\d$/.test(r.id)).length} target rows, ${missed.length} missed${missed.length ? ` (${[...new Set(missed)].join(', ')})` : ''}\n`);

if (WRITE_DOC) {
  const md = [
    '<!-- bench:results:start (written by `npm run bench`; edit outside these markers) -->',
    '## Latest run',
    '',
    `- Date: ${started.toISOString().replace(/\.\d+Z$/, 'Z')}${QUICK ? ' (--quick)' : ''}; the run took ${fmtMs(results.totalMs)}`,
    `- Machine: ${machine}`,
    `- Node ${process.version}; ${versions}; python3 ${pyVersion} (drives the pseudo-terminal)`,
    `- Environment: NODE_EXTRA_CA_CERTS ${NEC ? '**set**: every Node start, floors and ragtop alike, was measured with it set' : 'not set'}; TERM=xterm-256color, LANG=C.UTF-8, pseudo-terminal ${COLS}×${ROWS}`,
    `- Runs: median of ${RUNS} runs after one discarded warm-up run (L: ${L_RUNS} runs, no warm-up: the first cold, the last with nothing changed)`,
    '',
    '### Targets',
    '',
    mdTable(targetHeader, targetBody),
    '',
    '### Floors',
    '',
    mdTable(floorHeader, floorBody),
    '',
    '### Parsing the same files (in-process parse time, median; each parser in a fresh process)',
    '',
    mdTable(parseHeader, parseBody),
    '',
    '### Scale',
    '',
    mdTable(scaleHeader, scaleBody),
    '',
    ...(LG?.interaction ? [`### Interaction at ${largest} (${COLS}×${ROWS}), one key at a time`, '', mdTable(keyHeader, keyBody(LG.interaction)), ''] : []),
    ...(results.colour ? [`### Interaction at ${results.colourSize} with FORCE_COLOR=3 (bytes with colour; fewer keys)`, '', mdTable(keyHeader, keyBody(results.colour)), ''] : []),
    ...(stageNames.length ? ['### Where the load time goes (`scripts/bench/profile.mjs`, one process, stages in order)', '', mdTable(profHeader, profBody), ''] : []),
    '### Commands',
    '',
    '`$DATA` is the temporary directory the run generated its data in (removed afterwards).',
    '',
    '```sh',
    ...results.commands.map((c) => `# ${c.what}\n${c.command}`),
    '```',
    '<!-- bench:results:end -->',
  ].join('\n');
  for (const bad of [ROOT, WORK, os.tmpdir() + path.sep]) if (md.includes(bad)) throw new Error(`the doc would hold a path of this machine (${bad})`);
  let doc = existsSync(DOC) ? readFileSync(DOC, 'utf8') : '# Benchmarks\n\n<!-- bench:results:start -->\n<!-- bench:results:end -->\n';
  const a = doc.indexOf('<!-- bench:results:start');
  const b = doc.indexOf('<!-- bench:results:end -->');
  doc = a >= 0 && b > a ? doc.slice(0, a) + md + doc.slice(b + '<!-- bench:results:end -->'.length) : `${doc.trimEnd()}\n\n${md}\n`;
  writeFileSync(DOC, doc);
  log(`wrote ${path.relative(process.cwd(), DOC)}`);
  if (results.hostile) writeHostileDoc(results.hostile, results.hostile.ms);
}
writeFileSync(path.join(WORK, 'results.json'), JSON.stringify(results, null, 1));
if (flag('--keep')) log(`kept ${WORK}`);
else rmSync(WORK, { recursive: true, force: true });

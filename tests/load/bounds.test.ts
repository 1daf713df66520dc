// Bounded work for any input under the limits: did-you-mean suggestions, capped load errors.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { evaluate } from '../../src/domain/evaluate.js';
import { ObjectRows } from '../../src/domain/evaluate-objects.js';
import { suggest } from '../../src/load/issues.js';
import { loadDataset } from '../../src/load/load.js';
import { parseYaml } from '../../src/load/source.js';
import { DEFAULT_LIMITS } from '../../src/load/limits.js';
import { run } from '../../src/cli/main.js';
import { financeScreen } from '../../src/viewmodel/finance-screen.js';
import { UNICODE_GLYPHS } from '../../src/viewmodel/glyphs.js';
import { buildModel } from '../../src/viewmodel/model.js';
import { catalogue, writeTree } from '../helpers.js';
import { BIN } from '../built.js';

describe('did you mean', () => {
  it('finds the closest known word within the limit (a swap of neighbours is one edit)', () => {
    expect(suggest('tagret', ['title', 'target', 'targets'])).toBe('target');
    expect(suggest('street-lights', ['street-lighting', 'street-cleaning'])).toBe('street-lighting');
    expect(suggest('kk', ['k', 'kkkk'])).toBe('k');
    // Over the limit (a third of the word, at most 3): no suggestion.
    expect(suggest('abcdef', ['uvwxyz'])).toBeUndefined();
    expect(suggest('street', ['streetlighting-extra'])).toBeUndefined();
    // The same word in another case is not a typo to suggest.
    expect(suggest('Target', ['target', 'targets'])).toBeUndefined();
    // The first of equally close words.
    expect(suggest('cat', ['bat', 'cab'])).toBe('bat');
    expect(suggest('value', [])).toBeUndefined();
  });

  it('gives the same answer as the unbounded edit distance on mixed words', () => {
    const words = ['value', 'valeu', 'values', 'vaule', 'numerator', 'numerater', 'denominator', 'note', 'notes', 'nope', 'a', 'ab', 'ba', 'abc', 'street-lighting', 'street-lights'];
    const full = (a: string, b: string): number => {
      const d = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
      for (let i = 1; i <= a.length; i++) {
        for (let j = 1; j <= b.length; j++) {
          const row = d[i]!;
          row[j] = Math.min(d[i - 1]![j]! + 1, row[j - 1]! + 1, d[i - 1]![j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
          if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) row[j] = Math.min(row[j]!, d[i - 2]![j - 2]! + 1);
        }
      }
      return d[a.length]![b.length]!;
    };
    for (const w of words) {
      const others = words.filter((o) => o !== w);
      let best: string | undefined;
      let bestD = Infinity;
      for (const o of others) {
        const d = full(w, o);
        if (d < bestD) [best, bestD] = [o, d];
      }
      const limit = Math.max(1, Math.min(3, Math.floor(w.length / 3)));
      expect(suggest(w, others), w).toBe(bestD <= limit && bestD > 0 ? best : undefined);
    }
  });

  it('answers for 5,000 renamed observation ids against a 5,000-KPI catalogue, with the right suggestions', () => {
    const N = 5000;
    const id = (i: number) => `service-${i}-measure`;
    const renamed = (i: number) => `servcie-${i}-measure`;
    const kpis = Array.from({ length: N }, (_, i) => `      - { id: ${id(i)}, title: K${i}, unit: percent, good: high }\n`).join('');
    const period = `period: 2019/20 Q1\nobservations:\n${Array.from({ length: N }, (_, i) => `  ${renamed(i)}: { value: 1 }\n`).join('')}`;
    const dir = writeTree({ 'catalogue.yaml': catalogue(kpis), 'q1.yaml': period });
    const r = loadDataset(path.join(dir, 'catalogue.yaml'), { cwd: dir });
    const refs = r.findings.filter((f) => f.code === 'UNKNOWN_REF');
    // Load errors are capped per file and code: the first 100, then one finding for the rest.
    expect(refs).toHaveLength(101);
    refs.slice(0, 100).forEach((f, i) => {
      expect(f).toMatchObject({ file: 'q1.yaml', line: 3 + i, column: 3, severity: 'error' });
      expect(f.message).toBe(`observation for metric '${renamed(i)}' is not in catalogue 'test' (did you mean '${id(i)}'?)`);
    });
    expect(refs[100]).toMatchObject({ file: 'q1.yaml', line: 103, column: 3, severity: 'error' });
    expect(refs[100]?.message).toBe('… and 4900 more UNKNOWN_REF errors in this file');
    expect(r.findings).toHaveLength(101);
  }, 60_000);
});

describe('load errors are capped per file and code', () => {
  const cat = catalogue('      - { id: k, title: K, unit: percent, good: high }\n');
  const load = (files: Record<string, string>) => {
    const dir = writeTree(files);
    return loadDataset(path.join(dir, 'catalogue.yaml'), { cwd: dir });
  };

  it('keeps the first 100 unknown keys and says how many more there are', () => {
    const keys = Array.from({ length: 1000 }, (_, i) => `    extra${i}: 1\n`).join('');
    const r = load({ 'catalogue.yaml': cat, 'q1.yaml': `period: 2019/20 Q1\nobservations:\n  k:\n    value: 1\n${keys}`, 'q2.yaml': 'period: 2019/20 Q2\nobservations:\n  k: { value: 1, tagret: 2 }\n' });
    const q1 = r.findings.filter((f) => f.file === 'q1.yaml');
    expect(q1).toHaveLength(101);
    q1.slice(0, 100).forEach((f, i) => expect(f).toMatchObject({ code: 'SCHEMA', line: 5 + i, column: 5, message: `unknown key 'extra${i}' in observations.k` }));
    expect(q1[100]).toMatchObject({ code: 'SCHEMA', severity: 'error', message: '… and 900 more SCHEMA errors in this file' });
    // Another file has its own count.
    expect(r.findings.filter((f) => f.file === 'q2.yaml').map((f) => f.message)).toEqual(["unknown key 'tagret' in observations.k (did you mean 'target'?)"]);
  });

  it('the same for wrong values, counted per code', () => {
    const obs = Array.from({ length: 250 }, (_, i) => `  k${i}: x\n`).join('');
    const r = load({ 'catalogue.yaml': cat, 'q1.yaml': `period: 2019/20 Q1\nobservations:\n${obs}` });
    expect(r.findings).toHaveLength(101);
    expect(r.findings[99]).toMatchObject({ code: 'SCHEMA', line: 102 });
    // A collection of more than 200 items is checked item by item, and checking stops once more
    // than 100 have failed (the 101st is the one more; the rest are not checked).
    expect(r.findings[100]?.message).toBe('… and 1 more SCHEMA errors in this file (the other 149 items of observations were not checked)');
  });

  it('repeated keys: the first 100, then the count', () => {
    const dups = Array.from({ length: 301 }, () => '  k: { value: 1 }\n').join('');
    const r = load({ 'catalogue.yaml': cat, 'q1.yaml': `period: 2019/20 Q1\nobservations:\n${dups}` });
    expect(r.findings.slice(0, 100).every((f, i) => f.code === 'DUPLICATE_ID' && f.line === 4 + i)).toBe(true);
    expect(r.findings.map((f) => f.message).slice(100)).toEqual(['… and 200 more DUPLICATE_ID errors in this file']);
  });

  it('YAML syntax errors: the first 100, then the count, and no finding without a message', () => {
    const lines = Array.from({ length: 300 }, (_, i) => `  k${i}: { value: 1 }}\n`).join('');
    const r = load({ 'catalogue.yaml': cat, 'q1.yaml': `period: 2019/20 Q1\nobservations:\n${lines}` });
    expect(r.findings).toHaveLength(101);
    expect(r.findings.slice(0, 100).every((f) => f.code === 'YAML_SYNTAX' && f.message.startsWith('YAML syntax: '))).toBe(true);
    expect(r.findings[100]?.message).toMatch(/^… and \d+ more YAML_SYNTAX errors in this file$/);
  });

  it('never caps findings that are not load errors (control characters here)', () => {
    const obs = Array.from({ length: 150 }, (_, i) => `  k${i}: { note: "bell\\x07" }\n`).join('');
    const kpis = Array.from({ length: 150 }, (_, i) => `      - { id: k${i}, title: K, unit: percent, good: high }\n`).join('');
    const r = load({ 'catalogue.yaml': catalogue(kpis), 'q1.yaml': `period: 2019/20 Q1\nobservations:\n${obs}` });
    expect(r.findings.filter((f) => f.code === 'CONTROL_CHARS')).toHaveLength(150);
    expect(r.dataset).toBeDefined();
  });
});

describe('nesting too deep', () => {
  // The top collection is level 0; the error points at the first collection past the limit (64).
  const cases: Array<[string, string, number, number]> = [
    ['a flow sequence, 10 000 deep', `catalogue: ${'['.repeat(10_000)}${']'.repeat(10_000)}\n`, 1, 12 + 63],
    ['an unclosed flow sequence, 10 000 deep', `catalogue: ${'['.repeat(10_000)}\n`, 1, 12 + 63],
    ['a flow sequence, 100 deep', `catalogue: ${'['.repeat(100)}${']'.repeat(100)}\n`, 1, 12 + 63],
    ['flow mappings, 10 000 deep', `catalogue: ${'{a: '.repeat(10_000)}1${'}'.repeat(10_000)}\n`, 1, 12 + 63 * 4],
    ['a block sequence, 10 000 deep', `catalogue:\n  ${'- '.repeat(10_000)}1\n`, 2, 3 + 63 * 2],
  ];
  // Run with more or less of the stack already used (as the app's load, the check command and a
  // worker thread do): the answer must not depend on it.
  const withStackUsed = <T>(frames: number, f: () => T): T => (frames === 0 ? f() : withStackUsed(frames - 1, f));

  it.each(cases)('%s: at the too-deep node, whatever the stack', (_name, text, line, column) => {
    for (const frames of [0, 2000, 6000]) {
      const r = withStackUsed(frames, () => parseYaml('f.yaml', text));
      expect(r.findings.map((f) => `${f.line}:${f.column} ${f.code} ${f.message}`), `with ${frames} frames used`).toEqual([`${line}:${column} YAML_SYNTAX the YAML is nested more than 64 levels deep`]);
    }
  });

  it('the same position from the fast path on a file over the careful limit', () => {
    const text = `period: 2019/20 Q1\nobservations: ${'['.repeat(2_000_000)}\n`;
    const dir = writeTree({ 'catalogue.yaml': catalogue('      - { id: k, title: K, unit: percent, good: high }\n'), 'q1.yaml': text });
    const r = loadDataset(path.join(dir, 'catalogue.yaml'), { cwd: dir });
    expect(r.findings.map((f) => `${f.file}:${f.line}:${f.column} ${f.message}`)).toEqual([`q1.yaml:2:${15 + 63} the YAML is nested more than 64 levels deep`]);
  });
});

describe('the careful YAML reader has its own, lower size limit', () => {
  const cat = catalogue('      - { id: k, title: K, unit: percent, good: high }\n');
  // Over 1 MiB of plain observations (over the careful limit, 512 KiB), then a repeated key (which the fast path does not take).
  const filler = Array.from({ length: 50_000 }, (_, i) => `  n${i}: { value: 1 }\n`).join('');
  const big = `period: 2019/20 Q1\nobservations:\n${filler}  k: { value: 1 }\n  k: { value: 2 }\n`;
  const dupLine = 3 + 50_000 + 1;

  it('refuses a file over it that needs the careful reader, where the fast path stopped, saying how to raise it', () => {
    expect(Buffer.byteLength(big)).toBeGreaterThan(1024 * 1024);
    const dir = writeTree({ 'catalogue.yaml': cat, 'q1.yaml': big });
    const r = loadDataset(path.join(dir, 'catalogue.yaml'), { cwd: dir });
    expect(r.findings).toHaveLength(1);
    expect(r.findings[0]).toMatchObject({ code: 'YAML_SYNTAX', severity: 'error', file: 'q1.yaml', line: dupLine, column: 3 });
    expect(r.findings[0]?.message).toMatch(/^the file is 1\.\d MiB and needs the careful YAML reader .*, which reads at most 512\.0 KiB \(raise it with --max-file-size\)$/);
  });

  it('gives the same position in a file with CR line ends (old Mac) as with LF', () => {
    const dir = writeTree({ 'catalogue.yaml': cat, 'q1.yaml': big.replace(/\n/g, '\r') });
    const r = loadDataset(path.join(dir, 'catalogue.yaml'), { cwd: dir });
    expect(r.findings.map((f) => `${f.file}:${f.line}:${f.column} ${f.code}`)).toEqual([`q1.yaml:${dupLine}:3 YAML_SYNTAX`]);
  });

  // The refusal said 1:1 for a file the fast path gave up on for a control character, or a key that
  // is not text, although where it stopped is known.
  it.each([
    ['a control character in a value', '  k: { value: 1, note: "bell\\x07" }\n', 24],
    ['a number as a key', '  1: { value: 1 }\n', 3],
    ['a key with a control character', '  "k\\x07": { value: 1 }\n', 3],
  ])('%s: refused where the fast path stopped', (_name, tail, column) => {
    const text = `period: 2019/20 Q1\nobservations:\n${filler}${tail}`;
    const dir = writeTree({ 'catalogue.yaml': cat, 'q1.yaml': text });
    const r = loadDataset(path.join(dir, 'catalogue.yaml'), { cwd: dir });
    expect(r.findings[0]).toMatchObject({ code: 'YAML_SYNTAX', file: 'q1.yaml', line: dupLine - 1, column });
  });

  it('reads it when the limit is raised (and then finds the repeated key)', () => {
    const dir = writeTree({ 'catalogue.yaml': cat, 'q1.yaml': big });
    const r = loadDataset(path.join(dir, 'catalogue.yaml'), { cwd: dir, limits: { ...DEFAULT_LIMITS, maxCarefulBytes: 2 * 1024 * 1024 } });
    expect(r.findings.map((f) => `${f.file}:${f.line}:${f.column} ${f.code}`)).toEqual([`q1.yaml:${dupLine}:3 DUPLICATE_ID`]);

  }, 30_000);

  it('a plain file over it still loads by the fast path, and its schema problems are found there', () => {
    const plain = `period: 2019/20 Q1\nobservations:\n${filler}`;
    const kpis = Array.from({ length: 50_000 }, (_, i) => `      - { id: n${i}, title: K, unit: percent, good: high }\n`).join('');
    const dir = writeTree({ 'catalogue.yaml': catalogue(kpis), 'q1.yaml': plain, 'q2.yaml': `${plain}  n0x: { value: 1, valeu: 2 }\n` });
    const r = loadDataset(path.join(dir, 'catalogue.yaml'), { cwd: dir, limits: { ...DEFAULT_LIMITS, maxBytes: 16 * 1024 * 1024 } });
    expect(r.findings.map((f) => `${f.file}:${f.line}:${f.column} ${f.code} ${f.message}`)).toEqual([`q2.yaml:${dupLine - 1}:20 SCHEMA unknown key 'valeu' in observations.n0x (did you mean 'value'?)`]);

  }, 30_000);
});

describe('no list is spread into one call', () => {
  it('checks and draws a finance table of 160 000 lines (a spread into Math.max overflows the stack)', () => {
    const lines = Array.from({ length: 160_000 }, (_, i) => `    - { area: A${i}, budget: 1.5, forecast: 1.25 }\n`).join('');
    const dir = writeTree({
      'catalogue.yaml': catalogue('      - { id: k, title: K, unit: percent, good: high, target: 90 }\n'),
      'q1.yaml': `period: 2019/20 Q1\nobservations:\n  k: { value: 91 }\nfinance:\n  unit: £m\n  lines:\n${lines}  total: { budget: 1, forecast: 1 }\n`,
    });
    let out = '';
    let err = '';
    const code = run(['check', 'catalogue.yaml', '--max-file-size', '16M'], { out: (s) => (out += s), err: (s) => (err += s), env: {}, cwd: dir });
    expect(err).toBe('');
    expect(code).toBe(1);
    expect(out).toMatch(/FINANCE_TOTAL/);
    const r = loadDataset(path.join(dir, 'catalogue.yaml'), { cwd: dir, limits: { ...DEFAULT_LIMITS, maxBytes: 16 * 1024 * 1024 } });
    const model = buildModel(r.dataset!, r.findings, UNICODE_GLYPHS);
    const view = financeScreen(model, { period: 0, cursor: 0, filter: '', sortColumn: 0, width: 100, height: 30 });
    expect(view.lines?.length ?? 0).toBeGreaterThan(0);
  }, 120_000);

  it('evaluates a KPI with 150 000 metrics (a spread into push throws past about 120 000)', () => {
    const metrics = Array.from({ length: 150_000 }, (_, i) => `          - { id: m${i}, title: M, unit: count, good: high }\n`).join('');
    const dir = writeTree({
      'catalogue.yaml': catalogue(`      - id: k\n        title: K\n        metrics:\n${metrics}`),
      'q1.yaml': 'period: 2019/20 Q1\nobservations:\n  m0: { value: 1 }\n',
    });
    const r = loadDataset(path.join(dir, 'catalogue.yaml'), { cwd: dir, limits: { ...DEFAULT_LIMITS, maxBytes: 64 * 1024 * 1024 } });
    expect(r.findings).toEqual([]);
    const ev = evaluate(r.dataset!);
    expect(ev.periods[0]?.metrics.size).toBe(150_000);
    // The rows the KPI views list.
    expect(new ObjectRows(ev.periods[0]!).metricOrder).toHaveLength(150_000);
  }, 120_000);
});

describe('ragtop check and the careful reader\'s limit', () => {
  const cli = (args: string[], cwd: string) => {
    let out = '';
    let err = '';
    const code = run(args, { out: (s) => (out += s), err: (s) => (err += s), env: {}, cwd });
    return { code, out, err };
  };
  const filler = Array.from({ length: 50_000 }, (_, i) => `  n${i}: { value: 1 }\n`).join('');
  const files = {
    'catalogue.yaml': catalogue('      - { id: k, title: K, unit: percent, good: high }\n'),
    'q1.yaml': `period: 2019/20 Q1\nobservations:\n${filler}  k: { value: 1 }\n  k: { value: 2 }\n`,
  };

  it('refuses the file with exit status 2, at the line where it stops being plain, saying how to raise the limit', () => {
    const dir = writeTree(files);
    const r = cli(['check', 'catalogue.yaml', '--no-color'], dir);
    expect(r.code).toBe(2);
    expect(r.out).toMatch(/^q1\.yaml:50004:3 error YAML_SYNTAX: the file is 1\.\d MiB and needs the careful YAML reader .*reads at most 512\.0 KiB \(raise it with --max-file-size\)$/m);
  });

  it('--max-file-size raises it', () => {
    const dir = writeTree(files);
    const r = cli(['check', 'catalogue.yaml', '--no-color', '--max-file-size', '2M'], dir);
    expect(r.code).toBe(2);
    expect(r.out).toMatch(/^q1\.yaml:50004:3 error DUPLICATE_ID k: the key 'k' appears twice in the same mapping$/m);
  }, 30_000);
});

describe('a list of many wrong items is a SCHEMA error, not a crash', () => {
  // zod adds a child's issues to its parent's with one spread into push, which throws past about
  // 120 000: a 300 KB period file with 150 000 wrong flags was an "internal error", exit 1.
  it('150 000 wrong flags in one observation: exit 2, the first 100 and a count', () => {
    const flags = Array.from({ length: 150_000 }, () => '0').join(',');
    const dir = writeTree({
      'catalogue.yaml': catalogue('      - { id: k, title: K, unit: percent, good: high }\n'),
      'q1.yaml': `period: 2019/20 Q1\nobservations:\n  k: { value: 1, flags: [${flags}] }\n`,
    });
    let out = '';
    let err = '';
    const code = run(['check', 'catalogue.yaml', '--no-color'], { out: (s) => (out += s), err: (s) => (err += s), env: {}, cwd: dir });
    expect(err).toBe('');
    expect(code).toBe(2);
    // The list is checked item by item (collections.ts), so it is capped like any other list.
    expect(out).toMatch(/^q1\.yaml:3:26 error SCHEMA k: observations\.k\.flags\[0\] must be one of /m);
    expect(out).toMatch(/^q1\.yaml:\d+:\d+ error SCHEMA: … and \d+ more SCHEMA errors in this file \(the other \d+ items of observations\.k\.flags were not checked\)$/m);
    expect(out.split('\n').filter((l) => l.includes(' SCHEMA '))).toHaveLength(101);
  }, 30_000);
});

describe('memory for a hostile file under the limits', () => {
  // The fast path keeps every YAML event and a position node per value, about 650 bytes per node:
  // a 4 MB period file of 1.3 million empty flow mappings (`x: [{},{},…]`, valid YAML) took 880 MB
  // in ragtop check and 900 MB when live reload read it into the open app. A file may hold at most
  // a quarter of the size limit in nodes (counted before either parser runs), which keeps any file
  // under the limits below 400 MB; here the heap is capped at 300 MB, where V8 used to abort.
  it('a 4 MB file of empty mappings is refused before it is parsed, within a 300 MB heap', () => {
    const dir = writeTree({
      'catalogue.yaml': catalogue('      - { id: k, title: K, unit: percent, good: high }\n'),
      'q1.yaml': `period: 2019/20 Q1\nx: [${'{},'.repeat(1_300_000)}]\n`,
    });
    const bin = BIN;
    const r = spawnSync(process.execPath, ['--max-old-space-size=300', bin, 'check', 'catalogue.yaml', '--no-color'], { cwd: dir, encoding: 'utf8', timeout: 60_000 });
    expect(r.signal).toBeNull();
    expect(r.status).toBe(2);
    expect(r.stdout).toMatch(/^q1\.yaml:2:\d+ error READ_ERROR: the file holds more than 1048576 YAML nodes by here, more than 4\.0 MiB of data would \(raise the limit with --max-file-size\)$/m);
  }, 90_000);

  it('a file with fewer nodes than the limit is read as before, and --max-file-size raises the limit', () => {
    const dir = writeTree({
      'catalogue.yaml': catalogue('      - { id: k, title: K, unit: percent, good: high }\n'),
      'q1.yaml': `period: 2019/20 Q1\nx: [${'{},'.repeat(300_000)}]\n`,
      'q2.yaml': `period: 2019/20 Q2\nx: [${'{},'.repeat(600_000)}]\n`,
    });
    const lines = (limits: typeof DEFAULT_LIMITS) => loadDataset(path.join(dir, 'catalogue.yaml'), { cwd: dir, limits }).findings.map((f) => `${f.file}:${f.line} ${f.code}`);
    expect(lines(DEFAULT_LIMITS)).toEqual(['q1.yaml:2 SCHEMA', 'q2.yaml:2 READ_ERROR']);
    expect(lines({ ...DEFAULT_LIMITS, maxBytes: 8 * 1024 * 1024 })).toEqual(['q1.yaml:2 SCHEMA', 'q2.yaml:2 SCHEMA']);
  }, 60_000);
});

describe('a file that says it is empty but never ends', () => {
  // /proc and /sys files are regular files of size 0 whatever they hold: the size limit, taken
  // from stat, let ragtop check /proc/self/pagemap read for ever (hundreds of GB, no answer).
  it.runIf(existsSync('/proc/self/pagemap'))('ragtop check /proc/self/pagemap stops at the size limit: READ_ERROR, exit 2', () => {
    const bin = BIN;
    const r = spawnSync(process.execPath, [bin, 'check', '/proc/self/pagemap', '--no-color', '--max-file-size', '64k'], { encoding: 'utf8', timeout: 30_000 });
    expect(r.signal, 'ragtop check read /proc/self/pagemap without end').toBeNull();
    expect(r.status).toBe(2);
    expect(r.stdout).toMatch(/^\/proc\/self\/pagemap:1:1 error READ_ERROR: the file is over the 64\.0 KiB limit \(raise it with --max-file-size\)$/m);
  }, 60_000);
});

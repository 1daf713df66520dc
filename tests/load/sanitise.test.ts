// Untrusted text is cleaned at load, the same on both parse paths: keys as well as values, one-line
// fields folded, invisible characters removed, and positions right whatever the line ends.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadDataset, type LoadResult } from '../../src/load/load.js';
import { catalogue, writeTree } from '../helpers.js';

// eslint-disable-next-line no-control-regex
const UNSAFE = /[\x00-\x1f\x7f-\x9f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2064\u2066-\u206f\ufeff]/;

const brief = (r: LoadResult) => r.findings.map((f) => `${f.file}:${f.line}:${f.column} ${f.code}${f.id ? ` ${f.id}` : ''}`);

/** Loads a tree with both parsers; they must agree on findings and data. Returns the fast one. */
function loadBoth(files: Readonly<Record<string, string>>): LoadResult {
  const dir = writeTree(files);
  const fast = loadDataset(path.join(dir, 'catalogue.yaml'), { cwd: dir });
  const careful = loadDataset(path.join(dir, 'catalogue.yaml'), { cwd: dir, parser: 'yaml' });
  expect(fast.findings).toEqual(careful.findings);
  expect(fast.dataset).toEqual(careful.dataset);
  return fast;
}

const CAT = catalogue('      - { id: k, title: K, unit: percent, good: high, target: { benchmark: national } }\n');

describe('mapping keys are sanitised like values, on both paths', () => {
  it.each([
    ['OSC 52 and a window title, as YAML escapes', '"\\e]52;c;UFdORUQ=\\a\\e]0;PWNED\\anational"'],
    ['the C1 OSC form', '"\\x9d52;c;UFdORUQ=\\x9cnational"'],
    ['a raw C1 OSC', '"\u009d0;PWNED\u009cnational"'],
    ['a bidi override', '"nat\\u202eional"'],
    ['a zero-width space', '"nat\u200bional"'],
  ])('a benchmarks key with %s', (_name, key) => {
    const r = loadBoth({ 'catalogue.yaml': CAT, 'q1.yaml': `period: 2019/20 Q1\nobservations:\n  k:\n    value: 95\n    benchmarks: { ${key}: 95 }\n` });
    expect(brief(r).map((f) => f.replace(/^.*[/\\]/, ''))).toEqual(['q1.yaml:5:19 CONTROL_CHARS k']);
    const obs = r.dataset?.periods[0]?.observations.get('k');
    expect(obs?.benchmarks).toEqual({ national: 95 });
    for (const k of Object.keys(obs?.benchmarks ?? {})) expect(k).not.toMatch(UNSAFE);
  });

  it('the finding says that it was a key', () => {
    const r = loadBoth({ 'catalogue.yaml': CAT, 'q1.yaml': 'period: 2019/20 Q1\nobservations:\n  k: { value: 95, benchmarks: { "national\\e]0;x\\a": 95 } }\n' });
    expect(r.findings.map((f) => f.code)).toEqual(['CONTROL_CHARS']);
    expect(r.findings[0]?.message).toMatch(/^a key holds control or escape characters/);
  });

  it('two keys that are the same once cleaned are a duplicate, not one silently dropped', () => {
    const r = loadBoth({ 'catalogue.yaml': CAT, 'q1.yaml': 'period: 2019/20 Q1\nobservations:\n  k: { value: 95, benchmarks: { national: 90, "national\\a": 95 } }\n' });
    expect(r.dataset).toBeUndefined();
    expect(r.findings.filter((f) => f.code === 'DUPLICATE_ID').map((f) => `${f.line}:${f.column} ${f.message}`)).toEqual(["3:47 the key 'national' appears twice in the same mapping"]);
  });
});

describe('zero-width characters and line separators in values', () => {
  it('are removed (a separator folds) with a CONTROL_CHARS finding, on both paths', () => {
    const r = loadBoth({
      'catalogue.yaml': catalogue('      - { id: k, title: "Pay\u200bPal\u2060", unit: percent, good: high }\n'),
      'q1.yaml': 'period: 2019/20 Q1\nobservations:\n  k: { value: 95 }\ncommentary:\n  k: "one\\Ltwo\\Pthree\\_"\n',
    });
    expect(brief(r).map((f) => f.replace(/^.*[/\\]/, ''))).toEqual(['catalogue.yaml:10:25 CONTROL_CHARS k', 'q1.yaml:5:6 CONTROL_CHARS k']);
    expect(r.dataset?.catalogue.priorities[0]?.kpis[0]?.title).toBe('PayPal');
    expect(r.dataset?.periods[0]?.commentary.get('k')?.text).toBe('one\ntwo\nthree\u00a0');
  });
});

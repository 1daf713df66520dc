// Untrusted text is cleaned at load, the same on both parse paths: keys as well as values, one-line
// fields folded, invisible characters removed, and positions right whatever the line ends.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runChecks } from '../../src/domain/checks.js';
import { evaluate } from '../../src/domain/evaluate.js';
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

describe('one-line fields fold their line breaks at load, on both paths', () => {
  const files = {
    'catalogue.yaml': [
      'catalogue:\n  id: test\n  title: "A\\n\\n\\nB"\n  organisation: "Test\\nCouncil\\n"\n  data: .\n',
      'risk_bands:\n  - { name: "Lo\\nw", max: 8 }\n  - { name: High, max: 25 }\n',
      'priorities:\n  - id: p\n    title: "Pri\\nority"\n    description: "keeps\\nits lines"\n    kpis:\n',
      '      - { id: k, title: " K\\r\\ntitle ", directorate: "D\\nE", unit: percent, good: high, target: 90, target_label: "90\\n%", benchmarks: ["nat\\nional"] }\n',
    ].join(''),
    'q1.yaml': [
      'period: 2019/20 Q1\nobservations:\n  k: { value: 95, as_of: "2018/19 Q1\\n", note: "a\\nnote", target_label: "x\\ny" }\n',
      'claims:\n  - { says: "all\\nfine", figure: kpi_count, value: 1 }\n',
      'finance:\n  unit: "£\\nk"\n  lines:\n    - { area: "Adult\\nsocial care", budget: 1, forecast: 1 }\n',
      'register:\n  - { id: R1, title: "Ri\\nsk", type: "T\\nT", owner: "O\\nO", direction: "up\\nwards", description: "two\\nlines", inherent: 4, residual: 4 }\n',
    ].join(''),
    'agenda-2019-20-Q1.yaml': 'meeting: "Cabinet\\n\\nCommittee"\nperiod: 2019/20 Q1\nitems:\n  - { title: "Item\\none", show: overview, notes: "speaker\\nnotes" }\n',
  };

  it('titles, names, labels and as_of are one line; descriptions and notes keep theirs', () => {
    const r = loadBoth(files);
    expect(r.findings.filter((f) => f.severity === 'error')).toEqual([]);
    const d = r.dataset!;
    const kpi = d.catalogue.priorities[0]!.kpis[0]!;
    const metric = kpi.metrics[0]!;
    expect([d.catalogue.title, d.catalogue.organisation, d.catalogue.priorities[0]!.title, kpi.title, kpi.directorate]).toEqual(['A B', 'Test Council', 'Pri ority', 'K title', 'D E']);
    expect([metric.title, metric.targetLabel]).toEqual(['K title', '90 %']);
    expect(d.catalogue.riskBands[0]?.name).toBe('Lo w');
    const pe = d.periods[0]!;
    const obs = pe.observations.get('k')!;
    expect([obs.asOf?.text, obs.note, obs.targetLabel]).toEqual(['2018/19 Q1', 'a note', 'x y']);
    expect(pe.claims[0]?.says).toBe('all fine');
    expect([pe.finance?.unit, pe.finance?.lines[0]?.area]).toEqual(['£ k', 'Adult social care']);
    const e = pe.register![0]!;
    expect([e.title, e.type, e.owner, e.direction]).toEqual(['Ri sk', 'T T', 'O O', 'up wards']);
    expect(e.description).toBe('two\nlines');
    expect(d.catalogue.priorities[0]!.description).toBe('keeps\nits lines');
    const agenda = d.agendas[0]!;
    expect([agenda.meeting, agenda.items[0]?.title, agenda.items[0]?.notes]).toEqual(['Cabinet Committee', 'Item one', 'speaker\nnotes']);
  });

  it('findings that quote one-line fields stay on one line', () => {
    const r = loadBoth({
      'catalogue.yaml': catalogue('      - { id: k, title: K, unit: percent, good: high }\n'),
      'q1.yaml': 'period: 2019/20 Q1\nobservations:\n  k: { value: 95, as_of: "2017/18\\n" }\nclaims:\n  - { says: "all\\nfine", figure: kpi_count, value: 7 }\n',
    });
    const checks = runChecks(evaluate(r.dataset!));
    const messages = checks.filter((f) => f.code === 'STALE' || f.code === 'CLAIM_MISMATCH').map((f) => f.message);
    expect(messages).toHaveLength(2);
    for (const m of messages) expect(m).not.toMatch(UNSAFE);
    expect(messages.some((m) => m.startsWith('figure is as of 2017/18 (to Mar 2018): the next quarterly figure'))).toBe(true);
  });
});

describe('a lone CR (old Mac line ends) ends a line, on both paths', () => {
  const cr = (s: string) => s.replace(/\n/g, '\r');
  const where = (r: LoadResult) => r.findings.map((f) => `${path.basename(f.file)}:${f.line}:${f.column} ${f.code}`);

  it('a file saved with CR line ends loads, its findings at their own lines', () => {
    const r = loadBoth({
      'catalogue.yaml': cr(catalogue('      - { id: k, title: K, unit: percent, good: high }\n')),
      'q1.yaml': cr('period: 2019/20 Q1\nobservations:\n  k: { value: 95 }\n  zz: { value: 1 }\n'),
    });
    expect(where(r)).toEqual(['q1.yaml:4:3 UNKNOWN_REF']);
  });

  it('a schema error and a control character are placed at their lines', () => {
    const r = loadBoth({
      'catalogue.yaml': cr(catalogue('      - { id: k, title: "K\\a", unit: percent, good: high }\n')),
      'q1.yaml': cr('period: 2019/20 Q1\nobservations:\n  k: { value: high }\n'),
    });
    expect(where(r)).toEqual(['catalogue.yaml:10:25 CONTROL_CHARS', 'q1.yaml:3:15 SCHEMA']);
  });

  it('CR, LF and CRLF mixed in one file each end one line', () => {
    const r = loadBoth({
      'catalogue.yaml': catalogue('      - { id: k, title: K, unit: percent, good: high }\n'),
      'q1.yaml': 'period: 2019/20 Q1\r\nobservations:\r  k: { value: 95 }\n\r  zz: { value: 1 }\r\n',
    });
    expect(where(r)).toEqual(['q1.yaml:5:3 UNKNOWN_REF']);
  });

  it('a block scalar keeps its lines', () => {
    const r = loadBoth({
      'catalogue.yaml': catalogue('      - { id: k, title: K, unit: percent, good: high }\n'),
      'q1.yaml': cr('period: 2019/20 Q1\nobservations:\n  k: { value: 95 }\ncommentary:\n  k: |\n    one\n    two\n'),
    });
    expect(r.findings).toEqual([]);
    expect(r.dataset?.periods[0]?.commentary.get('k')?.text).toBe('one\ntwo\n');
  });

  it('the position of a bad UTF-8 byte counts CR line ends too', () => {
    const dir = writeTree({ 'catalogue.yaml': catalogue('      - { id: k, title: K, unit: percent, good: high }\n') });
    writeFileSync(path.join(dir, 'q1.yaml'), Buffer.concat([Buffer.from('period: 2019/20 Q1\robservations:\r  k: { value: 9'), Buffer.from([0xff]), Buffer.from(' }\r')]));
    const r = loadDataset(path.join(dir, 'catalogue.yaml'), { cwd: dir });
    expect(where(r)).toEqual(['q1.yaml:3:16 YAML_SYNTAX']);
  });
});

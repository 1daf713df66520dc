// The numbers import writes (decimal text, never float arithmetic) and the period file's text: it
// loads back through the period-file loader to exactly the observations imported, comments at its
// top say where it came from, hostile text stays inert, and --force keeps the other sections.
import { describe, expect, it } from 'vitest';
import { parsePeriod, type Period } from '../../../src/domain/period.js';
import { DEFAULT_LIMITS } from '../../../src/load/limits.js';
import { indexCatalogue } from '../../../src/load/period.js';
import { periodText } from '../../../src/load/load.js';
import { importedFields, loadedRecords, recordChanges } from '../../../src/load/import/fields.js';
import { padDecimals, plainDecimal, shiftPoint, storedNumber, writtenNumber } from '../../../src/load/import/numbers.js';
import { newPeriodText, replaceObservations } from '../../../src/load/import/period-text.js';
import type { ImportedObservation } from '../../../src/load/import/rows.js';
import { recordedTargetCell } from '../../../src/domain/recorded-target.js';
import type { Target } from '../../../src/domain/types.js';
import { readTarget } from '../../../src/load/import/cells.js';
import { catalogue, loadTree } from '../../helpers.js';

describe('numbers as text', () => {
  it.each([
    ['0.449', 2, '44.9'],
    ['0.4', 2, '40'],
    ['1', 2, '100'],
    ['-0.05', 2, '-5'],
    ['0.00449', 2, '0.449'],
    ['123.5', -3, '0.1235'],
    ['0', 2, '0'],
  ])('shiftPoint(%s, %i) is %s', (text, places, want) => expect(shiftPoint(text, places)).toBe(want));
  it('never goes through floating point: 0.449 as a percentage is 44.9, and 0.29 is 29 (not 28.999999999999996)', () => {
    expect(0.29 * 100).not.toBe(29);
    expect(storedNumber(0.29, { percentScaled: true })).toEqual({ text: '29', value: 29 });
    expect(storedNumber(0.449, { percentScaled: true })).toEqual({ text: '44.9', value: 44.9 });
    expect(storedNumber(0.07, { percentScaled: true, decimals: 1 })).toEqual({ text: '7.0', value: 7 });
  });
  it('writes e-notation plainly and keeps decimals that are written', () => {
    expect(plainDecimal(1e21)).toBe('1000000000000000000000');
    expect(plainDecimal(4.5e-7)).toBe('0.00000045');
    expect(padDecimals('89.1', 2)).toBe('89.10');
    expect(writtenNumber(' 89.10 ')).toEqual({ text: '89.10', value: 89.1 });
    expect(writtenNumber('2,910,912')).toEqual({ text: '2910912', value: 2910912 });
    expect(writtenNumber('007')).toEqual({ text: '7', value: 7 });
    for (const bad of ['1,23', '12,3456', '1e5', 'n/a', '', '0x10', '1.2.3']) expect(writtenNumber(bad), bad).toBeUndefined();
  });
});

const KPIS = `      - id: a
        title: A
        unit: percent
        good: high
        target: 95
      - id: k
        title: K
        metrics:
          - { id: k1, title: K1, unit: count, good: high }
          - { id: k2, title: K2, unit: count, good: high }
`;
const loaded = loadTree({ 'catalogue.yaml': catalogue(KPIS), 'x.yaml': 'period: 2024/25 Q1\n' });
const index = indexCatalogue(loaded.dataset!.catalogue);
const Q2 = parsePeriod('2024/25 Q2') as Period;
const FROM = { source: 'Q2 figures\u001b]0;pwn\u0007\n# x.xlsx', sheet: "Team's\rsheet", date: '2026-12-04' };

const num = (text: string) => ({ text, value: Number(text) });
const OBS: ImportedObservation[] = [
  { id: 'a', kind: 'metric', value: num('89.10'), numerator: num('891'), denominator: num('1000'), asOf: '2024-06-30', rag: 'amber', target: { kind: 'band', min: num('88'), max: num('92.5') }, targetLabel: 'TBC: 1', benchmarks: [['national', num('90.0')]], flags: ['provisional', 'revised'], note: 'no: yes', cell: 'A2' },
  { id: 'k', kind: 'kpi', rag: 'red', note: '# x', benchmarks: [], flags: [], cell: 'A3' },
  { id: 'k1', kind: 'metric', value: num('-3'), asOf: '2019', note: "=cmd|' /C calc'!A0 \"quoted\" \\ {[&*!|>'%@`", benchmarks: [], flags: [], cell: 'A4' },
];

function reload(text: string) {
  const r = periodText(text, 'new.yaml', { limits: DEFAULT_LIMITS, parser: 'auto', index });
  const yamlOnly = periodText(text, 'new.yaml', { limits: DEFAULT_LIMITS, parser: 'yaml', index });
  expect(yamlOnly.findings).toEqual(r.findings);
  return r;
}

describe('the period file text', () => {
  it('loads back, on both parse paths, to exactly the observations imported', () => {
    const text = newPeriodText(Q2, OBS, FROM);
    const r = reload(text);
    expect(r.findings).toEqual([]);
    const want = new Map(OBS.map((o) => [o.id, importedFields(o)]));
    expect(recordChanges(loadedRecords(r.data!), want)).toEqual([]);
    expect(loadedRecords(r.data!).get('a')?.get('value')).toBe('89.10');
  });
  it('says where it came from in comments that nothing in a name can end', () => {
    const text = newPeriodText(Q2, OBS, FROM);
    const lines = text.split('\n');
    expect(lines[0]).toBe("# Imported from Q2 figures\\x1b]0;pwn\\x07\\x0a# x.xlsx, sheet Team's\\x0dsheet, on 2026-12-04");
    expect(lines[1]).toBe('# made by ragtop import; edit the spreadsheet and import again, or edit here');
    expect(lines[2]).toBe('period: 2024/25 Q2');
    // eslint-disable-next-line no-control-regex
    expect(text).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f]/);
  });
  it('with --force keeps the other sections and their comments, replacing only the observations', () => {
    const old = [
      '# Imported from old.xlsx, on 2020-01-01',
      '# made by ragtop import; edit the spreadsheet and import again, or edit here',
      '# hand-written note about the source',
      'period: 2024/25 Q2',
      'published: 2024-11-01',
      'observations:',
      '  a: { value: 80 }   # old comment',
      '  k2: { value: 4 }',
      '',
      '# ── commentary ──',
      'commentary:',
      '  a: Kept text.',
      'claims:',
      '  - { says: "x", figure: kpi_count, value: 2 }',
      '',
    ].join('\n');
    const text = replaceObservations(old, OBS, FROM)!;
    expect(text.match(/# Imported from/g)).toHaveLength(1);
    expect(text).toContain('# hand-written note about the source\nperiod: 2024/25 Q2\npublished: 2024-11-01\nobservations:\n  a: { value: 89.10,');
    expect(text).toContain('\n# ── commentary ──\ncommentary:\n  a: Kept text.\nclaims:\n');
    expect(text).not.toContain('old comment');
    const r = reload(text);
    expect(r.findings).toEqual([]);
    expect(r.data?.commentary.get('a')?.text).toBe('Kept text.');
    expect(r.data?.published).toBe('2024-11-01');
    const before = loadedRecords(reload(old).data!);
    expect(recordChanges(before, loadedRecords(r.data!))).toEqual([
      'a: value 80 → 89.10, numerator (none) → 891, denominator (none) → 1000, as_of (none) → 2024-06-30, rag (none) → amber, target (none) → between 88 and 92.5, target_label (none) → TBC: 1, benchmark national (none) → 90, flags (none) → provisional, revised, note (none) → no: yes',
      `k1: added (value -3, as_of 2019, note =cmd|' /C calc'!A0 "quoted" \\ {[&*!|>'%@\`)`,
      'k: added (rag red, note # x)',
      'k2: removed (was value 4)',
    ]);
  });
  it('adds observations to an old file that has none', () => {
    const text = replaceObservations('period: 2024/25 Q2\ncommentary:\n  a: x\n', OBS.slice(0, 1), FROM)!;
    expect(reload(text).findings).toEqual([]);
    expect(text).toMatch(/commentary:\n {2}a: x\n\nobservations:\n {2}a: /);
  });
});

describe('a target override in the text forms export writes', () => {
  const targets: Target[] = [
    { kind: 'value', value: 95.5 },
    { kind: 'band', min: 98.8, max: 99.2 },
    { kind: 'benchmark', name: 'national' },
    { kind: 'benchmark', name: 'Statistical Neighbours' },
    { kind: 'change', direction: 'increase' },
    { kind: 'change', direction: 'decrease' },
  ];
  it.each(targets)('%o is read by import and written to a period file that loads back to it', (t) => {
    const cell = recordedTargetCell(t);
    const read = readTarget(typeof cell === 'number' ? { kind: 'number', value: cell, percent: false, formula: false } : { kind: 'text', value: cell, formula: false }, 'percent');
    if (!('value' in read)) throw new Error(`not read: ${JSON.stringify(read)}`);
    const r = reload(newPeriodText(Q2, [{ id: 'a', kind: 'metric', value: num('90'), target: read.value, benchmarks: [], flags: [], cell: 'A2' }], FROM));
    expect(r.findings.filter((f) => f.severity === 'error')).toEqual([]);
    expect(r.data?.observations.get('a')?.target).toEqual(t);
  });
  it('reads a band as people type it, and refuses other text with the forms it takes', () => {
    for (const text of ['98.8-99.2', '98.8 – 99.2', '98.8 to 99.2']) {
      expect(readTarget({ kind: 'text', value: text, formula: false }, 'percent'), text).toEqual({ value: { kind: 'band', min: num('98.8'), max: num('99.2') } });
    }
    expect(readTarget({ kind: 'text', value: 'TBC', formula: false }, 'percent')).toEqual({ problem: expect.stringContaining("'benchmark NAME' or 'change increase|decrease'") as unknown });
    expect(readTarget({ kind: 'text', value: 'between 5 and 1', formula: false }, 'count')).toEqual({ problem: 'the target band 5 to 1 has its minimum above its maximum' });
  });
});

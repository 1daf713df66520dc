// The workbook `export --format xlsx` writes, as described (no spreadsheet library here): sheets,
// the two groups of columns, typed cells, every figure from the figure model.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseRecordedTarget, recordedTargetCell, recordedTargetText, type TargetWords } from '../../src/domain/recorded-target.js';
import { BENCHMARK_HEADER_PREFIX, headerKey, RECORDED_FIELDS, RECORDED_HEADERS } from '../../src/domain/recorded.js';
import type { Target } from '../../src/domain/types.js';
import { loadDataset } from '../../src/load/load.js';
import { DERIVED_HEADERS, metricsWorkbook, workbookProblem, SHEET_NAME_MAX, sheetName, type WorkbookCell, type WorkbookSheet } from '../../src/viewmodel/export-workbook.js';
import { kpiFigure } from '../../src/viewmodel/figure.js';
import { ASCII_GLYPHS, ragToken, UNICODE_GLYPHS } from '../../src/viewmodel/glyphs.js';
import { buildModel, type Model } from '../../src/viewmodel/model.js';
import { catalogue, loadTree } from '../helpers.js';

const root = path.resolve(import.meta.dirname, '../..');

function modelOf(file: string, ascii = false): Model {
  const loaded = loadDataset(path.resolve(root, file), { cwd: root });
  if (!loaded.dataset) throw new Error(`did not load: ${file}`);
  return buildModel(loaded.dataset, loaded.findings, ascii ? ASCII_GLYPHS : UNICODE_GLYPHS);
}

function treeModel(files: Record<string, string>): Model {
  const loaded = loadTree(files);
  if (!loaded.dataset) throw new Error(`did not load: ${loaded.findings.map((f) => f.message).join('; ')}`);
  return buildModel(loaded.dataset, loaded.findings, UNICODE_GLYPHS);
}

function cellOf(sheet: WorkbookSheet, id: string, header: string): WorkbookCell {
  const col = sheet.columns.findIndex((c) => c.header === header);
  const idCol = sheet.columns.findIndex((c) => c.header === 'Metric id');
  const row = sheet.rows.find((r) => r[idCol]?.kind === 'text' && r[idCol].value === id);
  if (col < 0 || !row) throw new Error(`no ${header} for ${id}`);
  return row[col] ?? { kind: 'empty' };
}

const SMALL = catalogue(`      - id: pi1
        title: Percent done
        unit: percent
        good: high
        target: 90
      - id: loans
        title: Loans made
        unit: count
        good: high
        cumulative: true
        target: 40
      - id: comp
        title: Composite
        metrics:
          - { id: c1, title: First, unit: days, good: low, target: 5, benchmarks: [national] }
          - { id: c2, title: Second, unit: percent, good: target, target: { min: 98.8, max: 99.2 } }
`);

const Q1 = `period: 2024/25 Q1
observations:
  loans: { value: 10 }
`;

const Q2 = `period: 2024/25 Q2
observations:
  pi1: { value: 89.10, rag: amber, numerator: 891, denominator: 1000.0, as_of: "2024-09-30", flags: [revised, break_in_series, provisional], note: "=HYPERLINK(\\"http://x\\")" }
  loans: { value: 12, target: { min: 20, max: 25 }, target_label: "+cmd" }
  c1: { value: 6.5, benchmarks: { national: 7.25 }, target: { benchmark: national }, as_of: "Jan to Dec 2023" }
  comp: { rag: red, note: The KPI as published }
`;

describe('the workbook description', () => {
  const model = treeModel({ 'catalogue.yaml': SMALL, 'q1.yaml': Q1, 'q2.yaml': Q2 });
  const wb = metricsWorkbook(model, 1);
  const all = wb.sheets[0];
  if (!all) throw new Error('no sheet');

  it('has "All" first, then one sheet per priority, every sheet with the same columns', () => {
    expect(wb.sheets.map((s) => s.name)).toEqual(['All', 'Priority']);
    expect(wb.sheets[1]?.columns).toBe(all.columns);
    expect(wb.title).toBe('Test Council: Test, 2024/25 Q2');
  });

  it('writes the recorded columns first, headed as import reads them, then the derived ones', () => {
    expect(all.columns.map((c) => c.header)).toEqual([
      'Metric id',
      'Value',
      'Numerator',
      'Denominator',
      'As of',
      'Reported RAG',
      'Target override',
      'Target label',
      'Benchmark national',
      'Flags',
      'Note',
      ...DERIVED_HEADERS,
    ]);
    const groups = all.columns.map((c) => c.group);
    expect(groups.lastIndexOf('recorded')).toBeLessThan(groups.indexOf('derived'));
  });

  it('heads no derived column with a header import would read', () => {
    const read = new Set(RECORDED_FIELDS.flatMap((f) => RECORDED_HEADERS[f].map(headerKey)));
    for (const h of DERIVED_HEADERS) {
      expect(read.has(headerKey(h)), h).toBe(false);
      expect(headerKey(h).startsWith(headerKey(BENCHMARK_HEADER_PREFIX)), h).toBe(false);
    }
  });

  it('has one row per metric in catalogue order, and a composite KPI\'s own report before its metrics', () => {
    const ids = all.rows.map((r) => r[0]);
    expect(ids).toEqual(['pi1', 'loans', 'comp', 'c1', 'c2'].map((value) => ({ kind: 'text', value })));
    // c2 has no observation: its row is there, its recorded cells empty but the id.
    const c2 = all.rows[4] ?? [];
    expect(c2.slice(1, 11).every((c) => c.kind === 'empty')).toBe(true);
    expect(cellOf(all, 'comp', 'Reported RAG')).toEqual({ kind: 'text', value: 'red' });
    expect(cellOf(all, 'comp', 'Note')).toEqual({ kind: 'text', value: 'The KPI as published' });
    expect(cellOf(all, 'comp', 'Value')).toEqual({ kind: 'empty' });
  });

  it('keeps the value with its decimals as written, numbers as numbers', () => {
    expect(cellOf(all, 'pi1', 'Value')).toEqual({ kind: 'number', value: 89.1, decimals: 2 });
    expect(cellOf(all, 'pi1', 'Numerator')).toEqual({ kind: 'number', value: 891, decimals: 0 });
    expect(cellOf(all, 'pi1', 'Denominator')).toEqual({ kind: 'number', value: 1000, decimals: 1 });
    expect(cellOf(all, 'c1', 'Benchmark national')).toEqual({ kind: 'number', value: 7.25, decimals: 2 });
  });

  it('writes an ISO as-of as a date and any other as text', () => {
    expect(cellOf(all, 'pi1', 'As of')).toEqual({ kind: 'date', value: '2024-09-30' });
    expect(cellOf(all, 'c1', 'As of')).toEqual({ kind: 'text', value: 'Jan to Dec 2023' });
  });

  it('writes the recorded RAG, flags, note and label as the file has them', () => {
    expect(cellOf(all, 'pi1', 'Reported RAG')).toEqual({ kind: 'text', value: 'amber' });
    // As written, and in words in the usual order.
    expect(cellOf(all, 'pi1', 'Flags')).toEqual({ kind: 'text', value: 'revised, break_in_series, provisional' });
    expect(cellOf(all, 'pi1', 'Flags shown')).toEqual({ kind: 'text', value: 'provisional, revised, break in series' });
    expect(cellOf(all, 'pi1', 'Note')).toEqual({ kind: 'text', value: '=HYPERLINK("http://x")' });
    expect(cellOf(all, 'loans', 'Target label')).toEqual({ kind: 'text', value: '+cmd' });
  });

  it('writes a target override only where the observation gives one: a band or benchmark as text', () => {
    expect(cellOf(all, 'loans', 'Target override')).toEqual({ kind: 'text', value: 'between 20 and 25' });
    expect(cellOf(all, 'c1', 'Target override')).toEqual({ kind: 'text', value: 'benchmark national' });
    // pi1 is rated against the catalogue's target: not an override.
    expect(cellOf(all, 'pi1', 'Target override')).toEqual({ kind: 'empty' });
  });

  it('takes every derived cell from the figure model', () => {
    const kf = kpiFigure(model, 1, 'loans');
    const mf = kf?.metrics[0];
    if (!kf || !mf) throw new Error('no figure');
    expect(cellOf(all, 'loans', 'Figure shown')).toEqual({ kind: 'text', value: mf.valueText });
    // The running total in the year: 10 + 12.
    expect(cellOf(all, 'loans', 'Running total')).toEqual({ kind: 'number', value: 22, decimals: 0 });
    expect(cellOf(all, 'loans', 'Target used')).toEqual({ kind: 'text', value: mf.target.full });
    expect(cellOf(all, 'loans', 'Rule')).toEqual({ kind: 'text', value: mf.rule });
    expect(cellOf(all, 'loans', 'Computed RAG')).toEqual({ kind: 'text', value: ragToken(mf.computed, UNICODE_GLYPHS) });
    expect(cellOf(all, 'pi1', 'Running total')).toEqual({ kind: 'empty' });
    expect(cellOf(all, 'pi1', 'Unit')).toEqual({ kind: 'text', value: 'percent' });
    expect(cellOf(all, 'c1', 'Measure')).toEqual({ kind: 'text', value: 'First' });
    expect(cellOf(all, 'c1', 'Key performance indicator')).toEqual({ kind: 'text', value: 'Composite' });
  });

  it('writes each RAG as symbol and word', () => {
    const pi1 = kpiFigure(model, 1, 'pi1');
    expect(pi1?.metrics[0]?.reported).toBe('amber');
    expect(cellOf(all, 'pi1', 'Counted RAG')).toEqual({ kind: 'text', value: '! Amber' });
    expect(cellOf(all, 'pi1', 'Computed RAG')).toEqual({ kind: 'text', value: '! Amber' });
    expect(cellOf(all, 'comp', 'KPI RAG')).toEqual({ kind: 'text', value: '✗ Red' });
    expect(cellOf(all, 'c2', 'Counted RAG')).toEqual({ kind: 'text', value: '– Unrated' });
    const ascii = metricsWorkbook(buildModel(model.ev.dataset, model.findings, ASCII_GLYPHS), 1).sheets[0];
    if (!ascii) throw new Error('no sheet');
    expect(cellOf(ascii, 'comp', 'KPI RAG')).toEqual({ kind: 'text', value: 'x Red' });
  });

  it('gives every column a width between 10 and 60', () => {
    for (const c of all.columns) {
      expect(c.width).toBeGreaterThanOrEqual(Math.max(10, Math.min(60, c.header.length + 2)));
      expect(c.width).toBeLessThanOrEqual(60);
    }
  });
});

describe('text that is not data', () => {
  it('never writes a control character (they are removed at load; the description removes any left)', () => {
    const model = treeModel({
      'catalogue.yaml': catalogue(`      - { id: a, title: "Bell\\u0007 and\\u001b[31m red", unit: count, good: high, target: 1 }\n`),
      'q.yaml': 'period: 2024/25 Q1\nobservations:\n  a: { value: 1, note: "tab\\there\\u0000 nul\\u202e" }\n',
    });
    const sheet = metricsWorkbook(model, 0).sheets[0];
    for (const row of sheet?.rows ?? []) {
      // eslint-disable-next-line no-control-regex
      for (const c of row) if (c.kind === 'text') expect(c.value).not.toMatch(/[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e]/);
    }
  });
});

describe('what a spreadsheet holds', () => {
  it('refuses more columns than a sheet has, and says nothing of a workbook that fits', () => {
    const model = treeModel({ 'catalogue.yaml': SMALL, 'q1.yaml': Q1, 'q2.yaml': Q2 });
    const wb = metricsWorkbook(model, 1);
    expect(workbookProblem(wb)).toBeUndefined();
    const wide = { ...wb, sheets: wb.sheets.map((s) => ({ ...s, columns: Array.from({ length: 16385 }, () => s.columns[0] ?? { header: 'x', group: 'recorded' as const, type: 'text' as const, width: 8 }) })) };
    expect(workbookProblem(wide)).toBe('the table has 16385 columns (one per benchmark name), more than a spreadsheet holds (16384)');
  });
});

describe('sheet names', () => {
  it('are at most 31 characters, without [ ] : * ? / \\, unique case-insensitively, never History', () => {
    const taken = new Set<string>(['all']);
    const names: string[] = [];
    for (const wanted of ['Lancashire will be the place to live, work and visit', 'Lancashire will be the place to live, work and visit', 'a/b:c*d?[e]\\f', 'History', 'ALL', "'quoted'", '', '   ']) {
      const name = sheetName(wanted, taken, 'p');
      taken.add(name.toLowerCase());
      names.push(name);
    }
    expect(names).toEqual([
      'Lancashire will be the place to',
      'Lancashire will be the plac (2)',
      'a b c d e f',
      'History (2)',
      'ALL (2)',
      'quoted',
      'p',
      'p (2)',
    ]);
    for (const n of names) {
      expect([...n].length).toBeLessThanOrEqual(SHEET_NAME_MAX);
      expect(n).not.toMatch(/[[\]:*?/\\]|^'|'$/);
    }
  });

  it('are the priorities\' short titles for a bundled catalogue, all distinct', () => {
    const model = modelOf('catalogue/lcc-2019-20.yaml');
    const wb = metricsWorkbook(model, model.ev.periods.length - 1);
    expect(wb.sheets.length).toBe(model.priorities.length + 1);
    const names = wb.sheets.map((s) => s.name.toLowerCase());
    expect(new Set(names).size).toBe(names.length);
  });
});

/** The text form's numbers as the target's. */
function asTarget(w: TargetWords | undefined): Target | undefined {
  if (w?.kind === 'value') return { kind: 'value', value: Number(w.value) };
  if (w?.kind === 'band') return { kind: 'band', min: Number(w.min), max: Number(w.max) };
  return w;
}

describe('the text form of a target override', () => {
  const targets: Target[] = [
    { kind: 'value', value: 95.5 },
    { kind: 'band', min: 98.8, max: 99.2 },
    { kind: 'band', min: -2, max: 0.0001 },
    { kind: 'benchmark', name: 'north_west' },
    { kind: 'benchmark', name: 'Statistical Neighbours' },
    { kind: 'change', direction: 'increase' },
    { kind: 'change', direction: 'decrease' },
  ];

  it('reads back as the same target', () => {
    for (const t of targets) {
      const cell = recordedTargetCell(t);
      expect(typeof cell === 'number' ? { kind: 'value', value: cell } : asTarget(parseRecordedTarget(cell))).toEqual(t);
      expect(recordedTargetText(t)).toBe(typeof cell === 'number' ? String(cell) : cell);
    }
    expect(recordedTargetCell({ kind: 'band', min: 98.8, max: 99.2 })).toBe('between 98.8 and 99.2');
    expect(recordedTargetCell({ kind: 'change', direction: 'decrease' })).toBe('change decrease');
  });

  it('reads the words in any case and spacing, and nothing else', () => {
    expect(parseRecordedTarget('  Between 1  and 2 ')).toEqual({ kind: 'band', min: '1', max: '2' });
    expect(parseRecordedTarget('CHANGE Increase')).toEqual({ kind: 'change', direction: 'increase' });
    // Numbers come back as written: the reader says what a % or a thousands separator means for the metric.
    expect(parseRecordedTarget('12')).toEqual({ kind: 'value', value: '12' });
    expect(parseRecordedTarget('95%')).toEqual({ kind: 'value', value: '95%' });
    expect(parseRecordedTarget('1,000')).toEqual({ kind: 'value', value: '1,000' });
    // As people type a band, too.
    for (const s of ['98.8-99.2', '98.8 – 99.2', '98.8 to 99.2', '98.8 TO 99.2']) expect(parseRecordedTarget(s), s).toEqual({ kind: 'band', min: '98.8', max: '99.2' });
    for (const s of ['', 'between 1 and', 'change sideways', 'benchmark', '=1+1', '1-', '-', 'twelve']) expect(parseRecordedTarget(s), s).toBeUndefined();
  });
});

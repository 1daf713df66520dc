import { describe, expect, it } from 'vitest';
import { jsonReport, summarise, textReport } from '../../src/cli/report.js';
import type { Finding } from '../../src/domain/types.js';

// eslint-disable-next-line no-control-regex
const UNSAFE = /[\x00-\x09\x0b-\x1f\x7f-\x9f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2064\u2066-\u206f\ufeff]/;

describe('check output never carries an invisible or separator character', () => {
  // A file name is the one text of a finding that does not pass through the loader's sanitising.
  const finding: Finding = { code: 'READ_ERROR', severity: 'error', file: 'data/q\u200b1\u2028\u202e\ufeff\u009b.yaml', line: 1, column: 1, message: 'cannot read the file' };
  const summary = summarise([finding], 1, false, false);

  it('--json escapes them, and reads back to the same text', () => {
    const out = jsonReport([finding], summary);
    expect(out).not.toMatch(UNSAFE);
    expect(out).toContain('q\\u200b1\\u2028\\u202e\\ufeff\\u009b.yaml');
    expect((JSON.parse(out) as { findings: Finding[] }).findings[0]?.file).toBe(finding.file);
  });

  it('the text report escapes them', () => {
    expect(textReport([finding], summary).replace(/\n/g, '')).not.toMatch(UNSAFE);
  });
});

describe('a spreadsheet finding is placed at its cell', () => {
  const finding: Finding = { code: 'SCHEMA', severity: 'error', file: 'Q3.xlsx', line: 0, column: 0, cell: 'Sheet1!C12', id: 'defects-4h', message: 'value must be a number' };
  it('as file:Sheet!cell in the text report, and as a field in --json', () => {
    const summary = summarise([finding], 1, false, false);
    expect(textReport([finding], summary, true).split('\n')[0]).toBe('Q3.xlsx:Sheet1!C12 error SCHEMA defects-4h: value must be a number');
    expect((JSON.parse(jsonReport([finding], summary)) as { findings: Finding[] }).findings[0]?.cell).toBe('Sheet1!C12');
  });
});

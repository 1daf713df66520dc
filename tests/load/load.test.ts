import { describe, expect, it } from 'vitest';
import { runChecks } from '../../src/domain/checks.js';
import { evaluate } from '../../src/domain/evaluate.js';
import { catalogue, loadTree } from '../helpers.js';

const brief = (fs: ReadonlyArray<{ code: string; file: string; line: number; column: number; id?: string }>) => fs.map((f) => `${f.file}:${f.line}:${f.column} ${f.code}${f.id ? ` ${f.id}` : ''}`);

describe('loadDataset reports every problem in every file', () => {
  it('reads and schema-checks the period files even when the catalogue has a schema error', () => {
    const r = loadTree({
      'catalogue.yaml': catalogue('      - { id: k, title: K, unit: percent, good: high, tagret: 90 }\n'),
      'q1.yaml': 'period: 2019/20 Q5\nobservations: {}\n',
      'q2.yaml': 'period: 2019/20 Q2\nobservations:\n  k: { value: high }\n',
    });
    expect(r.dataset).toBeUndefined();
    expect(brief(r.findings)).toEqual(['catalogue.yaml:10:55 SCHEMA k', 'q1.yaml:1:9 SCHEMA', 'q2.yaml:3:15 SCHEMA k']);
  });

  it('gives the CONTROL_CHARS finding the id of what the text belongs to', () => {
    const r = loadTree({
      'catalogue.yaml': catalogue('      - { id: k, title: "K\\e[2J", unit: percent, good: high }\n'),
      'q1.yaml': 'period: 2019/20 Q1\nobservations:\n  k: { value: 1, note: "a\\x07" }\ncommentary:\n  k: "bell\\x07"\n',
    });
    expect(brief(r.findings)).toEqual(['catalogue.yaml:10:25 CONTROL_CHARS k', 'q1.yaml:3:24 CONTROL_CHARS k', 'q1.yaml:5:6 CONTROL_CHARS k']);
    expect(r.dataset?.catalogue.priorities[0]?.kpis[0]?.title).toBe('K');
  });

  it('points a syntax error found at the end of the file at its last line', () => {
    const r = loadTree({ 'catalogue.yaml': catalogue('      - { id: k, title: K, unit: percent, good: high }\n'), 'q1.yaml': 'period: 2019/20 Q1\nobservations:\n  k: { value: 95\n\n\n' });
    expect(brief(r.findings)).toEqual(['q1.yaml:3:16 YAML_SYNTAX']);
  });
});

describe('SUSPICIOUS_JUMP', () => {
  const cat = catalogue('      - { id: k, title: K, unit: count, good: high }\n');
  const jump = (a: number, b: number) => {
    const r = loadTree({ 'catalogue.yaml': cat, 'q1.yaml': `period: 2019/20 Q1\nobservations:\n  k: { value: ${a} }\n`, 'q2.yaml': `period: 2019/20 Q2\nobservations:\n  k: { value: ${b} }\n` });
    return runChecks(evaluate(r.dataset!)).filter((f) => f.code === 'SUSPICIOUS_JUMP').map((f) => f.message);
  };
  it.each([
    [100, 501, ['value moved from 100 (2019/20 Q1) to 501, 5.0×: a likely typo']],
    [100, 500, []],
    [100, 20, []],
    [100, 19, ['value moved from 100 (2019/20 Q1) to 19, 1/5.3: a likely typo']],
    [120, 0, ['value moved from 120 (2019/20 Q1) to 0, to zero: a likely typo']],
    [0, 50, []],
  ])('%i → %i', (a, b, want) => expect(jump(a, b)).toEqual(want));
});

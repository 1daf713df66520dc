// One fixture per finding code (tests/fixtures/codes/<code>/): each plants exactly one instance of
// its problem in otherwise clean data, so `ragtop check` must report exactly that one finding, at the
// line and column hand-checked against the fixture text, with the exit status of data-format.md §4.

import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { run } from '../src/cli/main.js';
import { runChecks } from '../src/domain/checks.js';
import { evaluate } from '../src/domain/evaluate.js';
import { loadDataset } from '../src/load/load.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const fixture = (name: string) => path.join('tests', 'fixtures', 'codes', name, 'catalogue.yaml');

interface Captured {
  status: number;
  out: string;
  err: string;
}

function check(name: string, ...flags: string[]): Captured {
  let out = '';
  let err = '';
  const status = run(['check', fixture(name), ...flags], {
    out: (s) => (out += s),
    err: (s) => (err += s),
    env: {},
    cwd: root,
  });
  return { status, out, err };
}

interface JsonFinding {
  code: string;
  severity: string;
  message: string;
  file: string;
  line: number;
  column: number;
  id?: string;
}

function checkJson(name: string, ...flags: string[]): { status: number; findings: JsonFinding[]; summary: Record<string, unknown>; err: string } {
  const r = check(name, '--json', ...flags);
  const parsed = JSON.parse(r.out) as { findings: JsonFinding[]; summary: Record<string, unknown> };
  return { status: r.status, findings: parsed.findings, summary: parsed.summary, err: r.err };
}

interface Case {
  /** Fixture directory under tests/fixtures/codes/. */
  readonly dir: string;
  readonly code: string;
  readonly severity: 'error' | 'warning' | 'info';
  /** The id the finding concerns; null where there is none. */
  readonly id: string | null;
  /** Path of the file, relative to the fixture directory. */
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly exit: 0 | 1 | 2;
}

const Q1 = 'data/2019-20-Q1.yaml';

// Lines and columns are 1-based and point at the node named in the comment.
const CASES: readonly Case[] = [
  // load codes: exit 2
  // `  repairs: value: 95` — the nested `value` key
  { dir: 'yaml-syntax', code: 'YAML_SYNTAX', severity: 'error', id: null, file: Q1, line: 4, column: 12, exit: 2 },
  // `        tagret: 90` — the unknown key
  { dir: 'schema', code: 'SCHEMA', severity: 'error', id: 'repairs', file: 'catalogue.yaml', line: 16, column: 9, exit: 2 },
  // `      - id: repairs` (second KPI) — the repeated id's value
  { dir: 'duplicate-id', code: 'DUPLICATE_ID', severity: 'error', id: 'repairs', file: 'catalogue.yaml', line: 17, column: 13, exit: 2 },
  // `  repiars: Repairs are on target.` — the commentary key
  { dir: 'unknown-ref', code: 'UNKNOWN_REF', severity: 'error', id: 'repiars', file: Q1, line: 6, column: 3, exit: 2 },
  // `  data: no-such-dir` — the value of data:
  { dir: 'read-error', code: 'READ_ERROR', severity: 'error', id: null, file: 'catalogue.yaml', line: 6, column: 9, exit: 2 },
  // error codes: exit 1
  // `    - says: …` / `    value: 50` — the claimed value
  { dir: 'claim-mismatch', code: 'CLAIM_MISMATCH', severity: 'error', id: 'percent_achieving', file: Q1, line: 8, column: 12, exit: 1 },
  // `    value: 95.0`
  { dir: 'ratio-mismatch', code: 'RATIO_MISMATCH', severity: 'error', id: 'repairs', file: Q1, line: 5, column: 12, exit: 1 },
  // `    residual: { impact: major, likelihood: likely, score: 12 }` — the stated score
  { dir: 'score-mismatch', code: 'SCORE_MISMATCH', severity: 'error', id: 'CR1', file: Q1, line: 9, column: 59, exit: 1 },
  // `  repairs: { value: 101.5 }` — the value
  { dir: 'out-of-range', code: 'OUT_OF_RANGE', severity: 'error', id: 'repairs', file: Q1, line: 4, column: 21, exit: 1 },
  // `  total: { budget: 300.50, forecast: 305.00 }` — the stated budget total
  { dir: 'finance-total', code: 'FINANCE_TOTAL', severity: 'error', id: 'total.budget', file: Q1, line: 11, column: 20, exit: 1 },
  // warning codes: exit 0
  // `  repairs: { value: 70, rag: green }` — the reported rag
  { dir: 'rag-mismatch', code: 'RAG_MISMATCH', severity: 'warning', id: 'repairs', file: Q1, line: 4, column: 30, exit: 0 },
  // `period: 2019/20 Q1` — the file's period (nothing else to point at: the observation is absent)
  { dir: 'missing-value', code: 'MISSING_VALUE', severity: 'warning', id: 'visits', file: Q1, line: 2, column: 9, exit: 0 },
  // `  repairs: { value: 95, as_of: 2019/20 Q1 }` — the as_of value
  { dir: 'stale', code: 'STALE', severity: 'warning', id: 'repairs', file: 'data/2019-20-Q3.yaml', line: 4, column: 32, exit: 0 },
  // `  visits: { value: 1200 }` in Q2 — the value that jumped
  { dir: 'suspicious-jump', code: 'SUSPICIOUS_JUMP', severity: 'warning', id: 'visits', file: 'data/2019-20-Q2.yaml', line: 4, column: 20, exit: 0 },
  // `  repairs: { value: 50 }` — the red observation (its key)
  { dir: 'no-commentary', code: 'NO_COMMENTARY', severity: 'warning', id: 'repairs', file: Q1, line: 4, column: 3, exit: 0 },
  // `    residual: { impact: major, likelihood: likely }` — the residual assessment
  { dir: 'residual-above-inherent', code: 'RESIDUAL_ABOVE_INHERENT', severity: 'warning', id: 'CR1', file: Q1, line: 9, column: 15, exit: 0 },
  // `    flags: [provisional, not_for_publication]` — the flags list
  { dir: 'not-for-publication', code: 'NOT_FOR_PUBLICATION', severity: 'warning', id: 'repairs', file: Q1, line: 6, column: 12, exit: 0 },
  // `  repairs: "Repairs are \e[31mon target\e[0m this quarter."` — the string; it is commentary for KPI repairs
  { dir: 'control-chars', code: 'CONTROL_CHARS', severity: 'warning', id: 'repairs', file: Q1, line: 6, column: 12, exit: 0 },
  // `      - id: variance` in the catalogue, whose target is 0 with the default relative tolerance
  { dir: 'tolerance-config', code: 'TOLERANCE_CONFIG', severity: 'warning', id: 'variance', file: 'catalogue.yaml', line: 11, column: 13, exit: 0 },
  // `    Savings of 12 of 40 schemes (35%) are on track.` — the statement's line in the block
  { dir: 'narrative-arithmetic', code: 'NARRATIVE_ARITHMETIC', severity: 'warning', id: 'variance', file: Q1, line: 7, column: 5, exit: 0 },
  // info codes: exit 0
  // `  variance: { value: 0, as_of: "latest month" }` — the as_of value
  { dir: 'unparsed-as-of', code: 'UNPARSED_AS_OF', severity: 'info', id: 'variance', file: Q1, line: 3, column: 32, exit: 0 },
  // `    inherent: 20`
  { dir: 'ambiguous-score', code: 'AMBIGUOUS_SCORE', severity: 'info', id: 'CR1', file: Q1, line: 8, column: 15, exit: 0 },
  // `  population: { value: 1210 }` — the observation (its key)
  { dir: 'unrated', code: 'UNRATED', severity: 'info', id: 'population', file: Q1, line: 4, column: 3, exit: 0 },
];

const ALL_CODES = [
  'YAML_SYNTAX', 'SCHEMA', 'DUPLICATE_ID', 'UNKNOWN_REF', 'READ_ERROR', 'RAG_MISMATCH', 'CLAIM_MISMATCH', 'RATIO_MISMATCH',
  'SCORE_MISMATCH', 'OUT_OF_RANGE', 'FINANCE_TOTAL', 'MISSING_VALUE', 'STALE', 'SUSPICIOUS_JUMP', 'NO_COMMENTARY',
  'RESIDUAL_ABOVE_INHERENT', 'NOT_FOR_PUBLICATION', 'AMBIGUOUS_SCORE', 'UNRATED', 'CONTROL_CHARS', 'TOLERANCE_CONFIG',
  'NARRATIVE_ARITHMETIC', 'UNPARSED_AS_OF',
];

const posix = (p: string) => p.split(path.sep).join('/');

describe('ragtop check: one fixture per finding code', () => {
  it('covers every code of data-format.md §4 (plus READ_ERROR) once', () => {
    expect(CASES.map((c) => c.code).sort()).toEqual([...ALL_CODES].sort());
  });

  describe.each(CASES)('$code ($dir/)', (c) => {
    it(`reports exactly one ${c.code} ${c.severity} at ${c.file}:${c.line}:${c.column}, exit ${c.exit}`, () => {
      const r = checkJson(c.dir);
      expect(r.err).toBe('');
      expect(r.findings).toHaveLength(1);
      const f = r.findings[0] as JsonFinding;
      expect({ code: f.code, severity: f.severity, line: f.line, column: f.column }).toEqual({
        code: c.code,
        severity: c.severity,
        line: c.line,
        column: c.column,
      });
      expect(posix(f.file).endsWith(`codes/${c.dir}/${c.file}`)).toBe(true);
      if (c.id === null) expect(f.id).toBeUndefined();
      else expect(f.id).toBe(c.id);
      expect(f.message.length).toBeGreaterThan(0);
      expect(r.status).toBe(c.exit);
      expect(r.summary['exit']).toBe(c.exit);
      expect(r.summary['loaded']).toBe(c.exit !== 2);
    });

    it('prints it as `file:line:col severity CODE id: message`, then a count line', () => {
      const r = check(c.dir);
      expect(r.status).toBe(c.exit);
      expect(r.err).toBe('');
      const lines = r.out.trimEnd().split('\n');
      expect(lines).toHaveLength(2);
      const head = `${posix(path.join('tests', 'fixtures', 'codes', c.dir, c.file))}:${c.line}:${c.column} ${c.severity} ${c.code}`;
      expect(posix(lines[0] as string).startsWith(head)).toBe(true);
      expect(lines[0]).toContain(c.id === null ? `${c.code}: ` : `${c.code} ${c.id}: `);
      const n = (s: string) => `${c.severity === s ? 1 : 0}`;
      expect(lines[1]).toMatch(new RegExp(`^${n('error')} errors?, ${n('warning')} warnings?, ${n('info')} info in \\d+ files?`));
      if (c.exit === 2) expect(lines[1]).toContain('the data could not be loaded');
    });

    if (c.severity === 'warning') {
      it('fails with --strict (exit 1)', () => {
        expect(check(c.dir, '--strict').status).toBe(1);
        expect(checkJson(c.dir, '--strict').summary['exit']).toBe(1);
      });
    } else {
      it(`--strict does not change the exit status (${c.exit})`, () => {
        expect(check(c.dir, '--strict').status).toBe(c.exit);
      });
    }

    if (c.exit !== 2) {
      it('gives the same single finding in-process (loadDataset → evaluate → runChecks)', () => {
        const loaded = loadDataset(fixture(c.dir), { cwd: root });
        expect(loaded.dataset).toBeDefined();
        const findings = [...loaded.findings, ...runChecks(evaluate(loaded.dataset!))];
        expect(findings.map((f) => [f.code, f.severity, f.line, f.column])).toEqual([[c.code, c.severity, c.line, c.column]]);
      });
    } else {
      it('does not load in-process (loadDataset gives no dataset)', () => {
        const loaded = loadDataset(fixture(c.dir), { cwd: root });
        expect(loaded.dataset).toBeUndefined();
        expect(loaded.findings.map((f) => f.code)).toEqual([c.code]);
      });
    }
  });

  // §4: each finding has `id` "(the metric, KPI, register entry or claim it concerns, where there is one)".
  // The control characters are in the commentary for KPI `repairs`, so the finding should name it.
  it('CONTROL_CHARS names the KPI whose commentary holds the escape (id: repairs)', () => {
    const f = checkJson('control-chars').findings[0] as JsonFinding;
    expect(f.id).toBe('repairs');
  });

  it('CONTROL_CHARS never lets the escape reach the output (text or JSON)', () => {
    const text = check('control-chars').out;
    const json = check('control-chars', '--json').out;
    for (const out of [text, json]) {
      // eslint-disable-next-line no-control-regex
      expect(out).not.toMatch(/[\x00-\x08\x0b-\x1f\x7f-\x9f]/);
    }
  });
});

describe('ragtop check --json', () => {
  it('prints only {findings, summary} on stdout, with every field of a finding', () => {
    const r = check('rag-mismatch', '--json');
    expect(r.status).toBe(0);
    expect(r.err).toBe('');
    const parsed = JSON.parse(r.out) as Record<string, unknown>;
    expect(Object.keys(parsed).sort()).toEqual(['findings', 'summary']);
    const findings = parsed['findings'] as JsonFinding[];
    expect(Array.isArray(findings)).toBe(true);
    expect(findings).toHaveLength(1);
    const { message, file, ...rest } = findings[0] ?? {};
    expect(message).toContain('reported green');
    expect(file).toMatch(/rag-mismatch[/\\]data[/\\]2019-20-Q1\.yaml$/);
    expect(rest).toEqual({
      code: 'RAG_MISMATCH',
      severity: 'warning',
      line: 4,
      column: 30,
      id: 'repairs',
    });
    expect(parsed['summary']).toMatchObject({ errors: 0, warnings: 1, info: 0, files: 2, loaded: true, exit: 0 });
  });

  it('reports a load failure in the same shape, with summary.exit 2', () => {
    const r = checkJson('read-error');
    expect(r.status).toBe(2);
    expect(r.summary).toMatchObject({ errors: 1, loaded: false, exit: 2 });
    expect(r.findings[0]).toMatchObject({ code: 'READ_ERROR', severity: 'error' });
  });
});

describe('the clean fixture', () => {
  it('has no findings and exits 0, even with --strict', () => {
    const text = check('clean');
    expect(text.status).toBe(0);
    expect(text.err).toBe('');
    expect(text.out).toBe('0 errors, 0 warnings, 0 info in 5 files\n');
    expect(check('clean', '--strict').status).toBe(0);
    const json = checkJson('clean');
    expect(json.findings).toEqual([]);
    expect(json.summary).toMatchObject({ errors: 0, warnings: 0, info: 0, files: 5, loaded: true, exit: 0 });
  });

  // Guards against the fixture being clean for the wrong reason (say, everything unrated).
  it('is clean because the features work, not because nothing is rated', () => {
    const loaded = loadDataset(fixture('clean'), { cwd: root });
    expect(loaded.findings).toEqual([]);
    const ev = evaluate(loaded.dataset!);
    expect(runChecks(ev)).toEqual([]);
    expect(ev.periods.map((p) => p.data.partial)).toEqual([true, false, false]);
    expect(loaded.dataset!.agendas).toHaveLength(1);
    const q1 = ev.byPeriod.get('2019/20 Q1')!;
    const q2 = ev.byPeriod.get('2019/20 Q2')!;
    const rag = (pe: typeof q1, id: string) => [pe.metrics.get(id)?.computed, pe.metrics.get(id)?.counted];
    // composite with rollup worst: green + amber (absolute tolerance 2) → amber
    expect(rag(q1, 'defects-2d')).toEqual(['amber', 'amber']);
    expect(q1.kpis.get('defects')?.counted).toBe('amber');
    expect(q2.kpis.get('defects')?.counted).toBe('red');
    // change target against the partial 2018/19 Q4 file, then against Q1
    expect(q1.metrics.get('road-casualties')?.targetSource).toBe('change');
    expect(rag(q1, 'road-casualties')).toEqual(['green', 'green']);
    expect(rag(q2, 'road-casualties')).toEqual(['green', 'green']);
    // benchmark target, cumulative running total, year-to-date pro rata, band
    expect(q1.metrics.get('looked-after')?.targetSource).toBe('benchmark');
    expect(q2.metrics.get('library-visits')?.rated).toBe(620);
    expect(q2.metrics.get('library-visits')?.targetSource).toBe('pro rata');
    expect(q2.metrics.get('investment')?.targetSource).toBe('pro rata');
    expect(rag(q2, 'assessments-in-band')).toEqual(['green', 'green']);
    expect(rag(q2, 'satisfaction')).toEqual(['green', 'green']);
    // the claims are checked against these figures
    expect(q1.summary).toMatchObject({ kpi_count: 7, reported_count: 6, rated_count: 6, green_count: 5, amber_count: 1 });
    expect(q2.summary).toMatchObject({ kpi_count: 7, reported_count: 7, rated_count: 7, green_count: 6, red_count: 1 });
    // the register: words, numbers, a score alone that places (25), an opportunity allowed to rise
    const cr1 = q2.data.register?.find((e) => e.id === 'CR1');
    expect([cr1?.inherent?.score, cr1?.residual?.score]).toEqual([25, 12]);
    expect(q1.data.register?.find((e) => e.id === 'CR1')?.inherent).toMatchObject({ score: 25 });
    expect(q1.data.finance?.total).toBeUndefined();
    expect(q2.data.finance?.total?.budget?.value).toBe(498.174);
  });
});

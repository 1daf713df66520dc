// `ragtop import`, run in process with the sheet given as cells (the readers are tested on their
// own; tests/cli/import-files.test.ts imports real .xlsx and .csv files): what it writes, that
// the file passes `ragtop check` and loads back, and that every refusal writes nothing.
import { spawnSync } from 'node:child_process';
import { existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCommandLine } from '../../src/cli/args.js';
import { importCommand } from '../../src/cli/import.js';
import { streamIo } from '../../src/cli/main.js';
import { loadDataset } from '../../src/load/load.js';
import type { SheetCell, SheetTable } from '../../src/load/sheet/table.js';
import { bundledCopy } from './import-fixtures.js';
import { runCli } from '../helpers.js';

const ROOT = path.resolve(import.meta.dirname, '..', '..');

const t = (value: string): SheetCell => ({ kind: 'text', value, formula: false });
const n = (value: number, percent = false, decimals?: number): SheetCell => ({ kind: 'number', value, percent, ...(decimals !== undefined ? { decimals } : {}), formula: false });
const E: SheetCell = { kind: 'empty' };

const HEAD = [t('Metric Name'), t('Latest Value'), t('RAG Status'), t('Note')];
const GOOD: SheetCell[][] = [
  [t('Quarter 3 figures')],
  HEAD,
  [t('Children missing from education'), n(850), t('Amber'), E],
  [t('% of 2 year old children eligible for free funded education'), n(0.901, true, 1), t('G'), t('no: yes # not a comment')],
  [t('Percentage of parents receiving their preferred school place'), E, t('green'), E],
];

async function runImport(argv: string[], cwd: string, rows: SheetCell[][] = GOOD, sheet: string | null = 'Q3') {
  let stdout = '';
  let stderr = '';
  const io = streamIo({ out: (s) => (stdout += s), err: (s) => (stderr += s) }, { RAGTOP_CONFIG_DIR: cwd }, cwd);
  const table = (file: string): SheetTable => ({ file: path.relative(cwd, file), ...(sheet !== null ? { sheet } : {}), rows });
  const status = await importCommand(parseCommandLine(['import', ...argv]), io, { readSheet: (file) => Promise.resolve({ table: table(file), findings: [] }), today: () => '2026-12-04' });
  return { status, stdout, stderr };
}

/** Every file under a directory, with its size and time (what a refusal must leave as it was). */
function listing(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      const p = path.join(d, name);
      const st = lstatSync(p);
      out.push(`${path.relative(dir, p)} ${st.size} ${st.mtimeMs}`);
      if (st.isDirectory()) walk(p);
    }
  };
  walk(dir);
  return out;
}

describe('import writes a new period file', () => {
  it('into --data DIR (made), which passes check and loads back to what was imported', async () => {
    const { dir, cat } = bundledCopy();
    const r = await runImport(['q3.xlsx', '--period', '2024/25 Q3', cat, '--data', 'mine/data'], dir);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const file = path.join(dir, 'mine', 'data', '2024-25-Q3.yaml');
    const text = readFileSync(file, 'utf8');
    expect(text).toBe(
      [
        '# Imported from q3.xlsx, sheet Q3, on 2026-12-04',
        '# made by ragtop import; edit the spreadsheet and import again, or edit here',
        'period: 2024/25 Q3',
        '',
        'observations:',
        '  school-places: { rag: green }',
        '  early-years-2-year-olds: { value: 90.1, rag: green, note: "no: yes # not a comment" }',
        '  children-missing-education: { value: 850, rag: amber }',
        '',
      ].join('\n'),
    );
    expect(r.stdout).toContain('wrote mine/data/2024-25-Q3.yaml (2024/25 Q3)\n2 observations and 1 composite KPI RAG imported\n');
    expect(r.stdout).toContain('q3.xlsx:Q3!B2 note: column B: a percentage cell of a percent metric multiplied by 100 (a cell shown as 44.9% holds 0.449): Q3!B4');
    expect(r.stdout).toMatch(/\ncheck: \d+ errors?, \d+ warnings?, \d+ info in \d+ files?/);
    const check = await runCli(['check', cat, '--data', 'mine/data'], { cwd: dir, env: { RAGTOP_CONFIG_DIR: dir } });
    expect(check.stdout).toMatch(/^0 errors, /m);
    expect(check.status).toBe(0);
    const loaded = loadDataset(cat, { dataDir: path.join(dir, 'mine', 'data') });
    const q3 = loaded.dataset?.periods[0];
    expect(q3?.observations.get('early-years-2-year-olds')).toMatchObject({ value: 90.1, decimals: 1, rag: 'green', note: 'no: yes # not a comment' });
    expect(q3?.kpiReports.get('school-places')?.rag).toBe('green');
  });
  it("into the catalogue's own data directory, as <yyyy-yy>-Q<n>.yaml", async () => {
    const { dir, cat, data } = bundledCopy();
    const r = await runImport(['q3.csv', '--period', '2024/25 q3', cat], dir, GOOD, null);
    expect(r.status).toBe(0);
    expect(readFileSync(path.join(data, '2024-25-Q3.yaml'), 'utf8')).toMatch(/^# Imported from q3.csv, on 2026-12-04\n/);
  });
});

describe('the file that already holds the period', () => {
  it('is the one replaced, whatever its name', async () => {
    const d = bundledCopy();
    renameSync(path.join(d.data, '2024-25-Q2.yaml'), path.join(d.data, 'second quarter.yaml'));
    const r = await runImport(['q.xlsx', '--period', '2024/25 Q2', d.cat, '--force'], d.dir);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^replaced the observations of sample-data\/lcc-2024-25\/second quarter\.yaml /);
    expect(readdirSync(d.data).sort()).toEqual(['2023-24-Q2.yaml', '2023-24-Q4.yaml', '2024-25-Q1.yaml', 'second quarter.yaml', 'second quarter.yaml.bak']);
  });
});

describe('every refusal writes nothing (exit 2)', () => {
  const cases: Array<[string, (d: ReturnType<typeof bundledCopy>) => { argv: string[]; rows?: SheetCell[][] }, RegExp]> = [
    ['an existing period without --force', (d) => ({ argv: ['q.xlsx', '--period', '2024/25 Q2', d.cat] }), /2024-25-Q2\.yaml already exists; add --force to replace its observations .*; nothing written\n$/],
    ['a period that is not one', (d) => ({ argv: ['q.xlsx', '--period', '2024/25 Q5', d.cat] }), /^ragtop: --period 2024\/25 Q5: not a period like 2024\/25 Q2 \(or a year, 2024\/25\); nothing written\n$/],
    [
      'an unknown metric (did you mean) and a bad value, all of them',
      (d) => ({ argv: ['q.xlsx', '--period', '2024/25 Q3', d.cat], rows: [HEAD, [t('Children missing from educatoin'), n(3)], [t('Uptake of NHS health checks'), t('lots')]] }),
      /^q\.xlsx:Q3!A2 error UNKNOWN_REF: no metric in catalogue 'lcc-2024-25' has the title 'Children missing from educatoin' \(did you mean 'Children missing from education'\?\)\nq\.xlsx:Q3!B3 error SCHEMA nhs-health-checks: the value must be a number, not the text 'lots'\nragtop: 2 problems in q\.xlsx; nothing written\n$/,
    ],
    ['the bundled data, without --data', () => ({ argv: ['q.xlsx', '--period', '2024/25 Q3', path.join(ROOT, 'catalogue', 'lcc-2024-25.yaml')] }), /bundled sample data, which is never written: give --data DIR/],
    ['the bundled data, named with --data', (d) => ({ argv: ['q.xlsx', '--period', '2024/25 Q3', d.cat, '--data', path.join(ROOT, 'sample-data', 'lcc-2024-25')] }), /bundled sample data, which is never written/],
    [
      'the bundled data, through a symlinked catalogue and data directory',
      (d) => {
        mkdirSync(path.join(d.dir, 'links', 'catalogue'), { recursive: true });
        symlinkSync(path.join(ROOT, 'catalogue', 'lcc-2024-25.yaml'), path.join(d.dir, 'links', 'catalogue', 'c.yaml'));
        symlinkSync(path.join(ROOT, 'sample-data'), path.join(d.dir, 'links', 'sample-data'));
        return { argv: ['q.xlsx', '--period', '2024/25 Q3', path.join(d.dir, 'links', 'catalogue', 'c.yaml')] };
      },
      /bundled sample data, which is never written/,
    ],
    [
      'a file under the period\'s name that holds another period, even with --force',
      (d) => {
        writeFileSync(path.join(d.data, '2024-25-Q3.yaml'), 'period: 2024/25 Q4\nobservations:\n  highways-score: { value: 7 }\n');
        return { argv: ['q.xlsx', '--period', '2024/25 Q3', d.cat, '--force'] };
      },
      /^ragtop: sample-data\/lcc-2024-25\/2024-25-Q3\.yaml holds 2024\/25 Q4, not 2024\/25 Q3; rename or move it before importing 2024\/25 Q3; nothing written\n$/,
    ],
  ];
  it.each(cases)('%s', async (_name, make, message) => {
    const d = bundledCopy();
    const { argv, rows } = make(d);
    const before = [...listing(d.dir), ...listing(path.join(ROOT, 'sample-data'))];
    const r = await runImport(argv, d.dir, rows);
    expect(r.stderr).toMatch(message);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect([...listing(d.dir), ...listing(path.join(ROOT, 'sample-data'))]).toEqual(before);
  });
  it('a data directory that is a symbolic link (out of the tree), and a symlinked period file', async () => {
    const d = bundledCopy();
    const outside = mkdtempSync(path.join(os.tmpdir(), 'ragtop-outside-'));
    symlinkSync(outside, path.join(d.dir, 'linked'));
    writeFileSync(path.join(outside, 'elsewhere.yaml'), 'period: 2024/25 Q1\n');
    symlinkSync(path.join(outside, 'elsewhere.yaml'), path.join(d.data, '2024-25-Q3.yaml'));
    const before = [...listing(d.dir), ...listing(outside)];
    const a = await runImport(['q.xlsx', '--period', '2024/25 Q3', d.cat, '--data', 'linked'], d.dir);
    expect(a.stderr).toBe('ragtop: the data directory linked is a symbolic link; import writes only into a real directory (give its real path with --data); nothing written\n');
    const b = await runImport(['q.xlsx', '--period', '2024/25 Q3', d.cat, '--force'], d.dir);
    expect(b.stderr).toBe('ragtop: sample-data/lcc-2024-25/2024-25-Q3.yaml is a symbolic link; import never writes through one; nothing written\n');
    expect([a.status, b.status]).toEqual([2, 2]);
    expect([...listing(d.dir), ...listing(outside)]).toEqual(before);
  });
  it('a period file that is a named pipe (never opened)', async () => {
    const d = bundledCopy();
    const made = spawnSync('mkfifo', [path.join(d.data, '2024-25-Q3.yaml')]);
    if (made.status !== 0) return;
    const before = listing(d.dir);
    const r = await runImport(['q.xlsx', '--period', '2024/25 Q3', d.cat, '--force'], d.dir);
    expect(r.stderr).toBe('ragtop: sample-data/lcc-2024-25/2024-25-Q3.yaml is a named pipe (FIFO), not a regular file; nothing written\n');
    expect(r.status).toBe(2);
    expect(listing(d.dir)).toEqual(before);
  });
  it('missing --period or FILE is a usage error', async () => {
    for (const [argv, says] of [
      [['import', 'q.xlsx'], 'ragtop: import needs --period P\nusage: ragtop import FILE --period P [CATALOGUE]'],
      [['import', '--period', '2024/25 Q2'], 'ragtop: import needs the spreadsheet to read (FILE)\nusage: ragtop import '],
    ] as const) {
      const r = await runCli(argv, { env: { RAGTOP_CONFIG_DIR: mkdtempSync(path.join(os.tmpdir(), 'ragtop-cfg-')) } });
      expect(r.status).toBe(2);
      expect(r.stderr.startsWith(says)).toBe(true);
    }
  });
});

describe('--force', () => {
  it('shows what changed per metric, keeps the old file beside it (never over a backup) and its other sections', async () => {
    const d = bundledCopy();
    const target = path.join(d.data, '2024-25-Q2.yaml');
    const old = readFileSync(target, 'utf8');
    const r = await runImport(['q.xlsx', '--period', '2024/25 Q2', d.cat, '--force'], d.dir);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^replaced the observations of sample-data\/lcc-2024-25\/2024-25-Q2\.yaml \(2024\/25 Q2\): 3 changed, 56 removed \(not in the sheet\)\n/);
    expect(r.stdout).toContain('\n  children-missing-education: value 928 → 850, rag red → amber\n');
    expect(r.stdout).toContain('\n  early-years-2-year-olds: value 88.6 → 90.1, as_of 2024 b Spring Term → (none), note (none) → no: yes # not a comment\n');
    expect(r.stdout).toMatch(/\n {2}hwrc-waste: removed \(was value 62\.90, rag green\)\n/);
    expect(r.stdout).toContain('the old file is kept as sample-data/lcc-2024-25/2024-25-Q2.yaml.bak\n');
    expect(readFileSync(`${target}.bak`, 'utf8')).toBe(old);
    const now = readFileSync(target, 'utf8');
    expect(now).toMatch(/^# Imported from q\.xlsx, sheet Q3, on 2026-12-04\n# made by ragtop import;.*\n# yaml-language-server/);
    const commentary = old.slice(old.indexOf('\ncommentary:'));
    expect(commentary.length).toBeGreaterThan(100);
    expect(now.endsWith(commentary)).toBe(true);
    // The same sheet again: nothing to replace, so nothing written and no backup made.
    const same = await runImport(['q.xlsx', '--period', '2024/25 Q2', d.cat, '--force'], d.dir);
    expect(same.status).toBe(0);
    expect(same.stdout).toContain('sample-data/lcc-2024-25/2024-25-Q2.yaml already holds these observations: nothing written\n');
    expect(readFileSync(target, 'utf8')).toBe(now);
    expect(existsSync(`${target}.bak.1`)).toBe(false);
    // A changed sheet: the first backup stays, the second goes beside it.
    const changed = GOOD.map((row) => row.map((c) => (c.kind === 'number' && c.value === 850 ? n(851) : c)));
    const again = await runImport(['q.xlsx', '--period', '2024/25 Q2', d.cat, '--force'], d.dir, changed);
    expect(again.stdout).toContain(': 1 changed\n  children-missing-education: value 850 → 851\n');
    expect(readFileSync(`${target}.bak`, 'utf8')).toBe(old);
    expect(readFileSync(`${target}.bak.1`, 'utf8')).toBe(now);
    const check = await runCli(['check', d.cat], { cwd: d.dir, env: { RAGTOP_CONFIG_DIR: d.dir } });
    expect(check.stdout).not.toContain('.bak');
  });
});

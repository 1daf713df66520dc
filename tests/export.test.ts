// `ragtop export`: the markdown hand-out, the CSV and JSON KPI tables, --output, exit statuses.
// Expected outputs are files in tests/fixtures/export/ (update with `npx vitest run -u` after a
// deliberate change, and read the diff).

import { chmodSync, existsSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { run } from '../src/cli/main.js';
import { loadDataset } from '../src/load/load.js';
import { ASCII_GLYPHS, UNICODE_GLYPHS } from '../src/viewmodel/glyphs.js';
import { buildModel, type Model } from '../src/viewmodel/model.js';
import { csvField, metricRecords, METRIC_FIELDS } from '../src/viewmodel/export-tables.js';
import { clean, handoutMarkdown, mdInline, mdText } from '../src/viewmodel/export.js';
import { writeTree } from './helpers.js';

const root = path.resolve(import.meta.dirname, '..');
const fixtures = path.join(root, 'tests', 'fixtures', 'export');
const SMALL = 'tests/fixtures/export/small/catalogue.yaml';
const LCC_2019 = 'catalogue/lcc-2019-20.yaml';
const LCC_2016 = 'catalogue/lcc-2016-17.yaml';
const env = { RAGTOP_CONFIG_DIR: writeTree({}) };

function cli(args: string[], cwd = root) {
  let out = '';
  let err = '';
  const code = run(['export', ...args], { out: (s) => (out += s), err: (s) => (err += s), env, cwd });
  return { code, out, err };
}

function modelOf(catalogue: string, ascii = false): Model {
  const loaded = loadDataset(path.resolve(root, catalogue), { cwd: root });
  if (!loaded.dataset) throw new Error(`did not load: ${loaded.findings.map((f) => f.message).join('; ')}`);
  return buildModel(loaded.dataset, loaded.findings, ascii ? ASCII_GLYPHS : UNICODE_GLYPHS);
}

/** Control characters: C0 (tab and newline aside), DEL, C1, bidi overrides. CR only before LF. */
// eslint-disable-next-line no-control-regex
const CONTROL = /[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]|\r(?!\n)/;

/** A minimal RFC 4180 reader, for checking what a spreadsheet would see. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else field += ch;
  }
  expect(field).toBe('');
  expect(row).toEqual([]);
  return rows;
}

/** Every markdown table line has as many unescaped pipes as its heading row. */
function tablesAreWellFormed(md: string): void {
  const pipes = (line: string) => line.replace(/\\\\/g, '').replace(/\\\|/g, '').split('|').length - 1;
  let expected = -1;
  for (const line of md.split('\n')) {
    if (!line.startsWith('|')) {
      expected = -1;
      continue;
    }
    if (expected < 0) expected = pipes(line);
    expect(pipes(line), line).toBe(expected);
  }
}

function section(md: string, heading: string): string {
  const start = md.indexOf(`\n## ${heading}\n`);
  expect(start, heading).toBeGreaterThanOrEqual(0);
  const end = md.indexOf('\n## ', start + 1);
  return md.slice(start + 1, end < 0 ? undefined : end + 1);
}

describe('markdown text escaping', () => {
  it.each([
    ['plain words', 'plain words'],
    ['a | b', 'a \\| b'],
    ['# heading', '\\# heading'],
    ['*bold* _it_ `code`', '\\*bold\\* \\_it\\_ \\`code\\`'],
    ['[link](http://x) <b>', '\\[link\\](http://x) \\<b\\>'],
    ['~~gone~~', '\\~\\~gone\\~\\~'],
    ['&amp; & &#169;', '\\&amp; & &\\#169;'],
    ['back\\slash', 'back\\\\slash'],
    ['two\nlines\t tabbed', 'two lines tabbed'],
    ['esc\u001b[31mred\u0007 \u009b c1 \u202e bidi', 'esc\\[31mred c1 bidi'],
  ])('mdInline(%j)', (input, expected) => {
    expect(mdInline(input)).toBe(expected);
  });
  it.each([
    ['- item', '\\- item'],
    ['+ item', '\\+ item'],
    ['1. first', '1\\. first'],
    ['2) second', '2\\) second'],
    ['=== underline', '\\=== underline'],
    ['> quote', '\\> quote'],
    ['-5% variance', '\\-5% variance'],
    ['Plain', 'Plain'],
  ])('mdText(%j) escapes what would start a block', (input, expected) => {
    expect(mdText(input)).toBe(expected);
  });
});

describe('CSV fields', () => {
  it.each([
    ['plain', 'plain'],
    ['=1+1', "'=1+1"],
    ['+44 1772', "'+44 1772"],
    ['-x', "'-x"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['-5', '-5'],
    ['-1.68', '-1.68'],
    ['a,b', '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ['=a,"b"', '"\'=a,""b"""'],
    ['two\nlines', '"two\nlines"'],
    ['cr\r\nlf', '"cr\nlf"'],
    ['', ''],
    ['bell\u0007 \u202egone', 'bell gone'],
    // What a spreadsheet skips before a formula: whitespace (Unicode too), controls, zero-width.
    [' =1+1', "' =1+1"],
    ['\u3000=1+1', "'\u3000=1+1"],
    ['\t=1+1', "' =1+1"],
    ['\r=1+1', '"\'\n=1+1"'],
    ['\n=1+1', '"\'\n=1+1"'],
    ['\u00a0@SUM(A1)', "'\u00a0@SUM(A1)"],
    // Zero-width characters are removed as unsafe text; what follows them is still guarded.
    ['\u200b\ufeff+1', "'+1"],
    ['\u2003 -x', "'\u2003 -x"],
    // Full-width (and small) forms of = + - @.
    ['＝1+1', "'＝1+1"],
    ['＋44', "'＋44"],
    ['－x', "'－x"],
    ['＠SUM(A1)', "'＠SUM(A1)"],
    ['\u3000＝1', "'\u3000＝1"],
    ['\ufe66\ufe62\ufe631', "'\ufe66\ufe62\ufe631"],
    // Only a plain negative number as written stays as it is.
    [' -5', "' -5"],
    // A CR before a sign is a line break: the field is guarded, and quoted for the break.
    ['\r-0', '"\'\n-0"'],
    ['－5', "'－5"],
    ['a =1', 'a =1'],
  ])('csvField(%j)', (input, expected) => {
    expect(csvField(input)).toBe(expected);
  });

  it('any run of leading whitespace, controls or zero-width characters before = + - @ (any form) is guarded', () => {
    const lead = fc.constantFrom(' ', '\t', '\r', '\n', '\u00a0', '\u1680', '\u2000', '\u2007', '\u200a', '\u2028', '\u2029', '\u202f', '\u205f', '\u3000', '\u0085', '\u000b', '\u000c', '\u200b', '\u200c', '\u200d', '\u2060', '\ufeff', '\u0001', '\u001f', '\u007f', '\u009b');
    const sign = fc.constantFrom('=', '+', '-', '@', '＝', '＋', '－', '＠', '﹦', '﹢', '﹣');
    fc.assert(
      fc.property(fc.array(lead, { maxLength: 6 }), sign, fc.string({ maxLength: 12 }), (leading, s, rest) => {
        const input = `${leading.join('')}${s}${rest}`;
        const out = csvField(input);
        // A plain negative number is the one exception, once the field is cleaned (line ends made LF,
        // then the unsafe characters, a lone CR among them, removed).
        const cleaned = clean(input.replace(/\r\n?/g, '\n'));
        if (/^-\d+(\.\d+)?$/.test(cleaned)) expect(out).toBe(cleaned);
        else expect(out.replace(/^"/, '')).toMatch(/^'/);
      }),
      // A fixed seed, as the fuzz suite's runs in npm test: the same cases on every run.
      { numRuns: 500, seed: 20_261_203 },
    );
  });
});

describe('ragtop export --format md', () => {
  it('writes the 2019/20 Q3 agenda file as a hand-out', async () => {
    const r = cli([LCC_2019, '--format', 'md']);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    await expect(r.out).toMatchFileSnapshot(path.join(fixtures, 'lcc-2019-20-Q3.md'));
    // One section per agenda item, in order; speaker notes left out.
    const agenda = modelOf(LCC_2019).ev.dataset.agendas[0];
    const headings = r.out.split('\n').filter((l) => l.startsWith('## '));
    expect(headings).toHaveLength(agenda?.items.length ?? -1);
    expect(r.out).not.toContain('Paul Bond');
    expect(r.out).not.toMatch(CONTROL);
    expect(r.out).not.toContain('\u001b');
    tablesAreWellFormed(r.out);
  });
  it('--agenda FILE picks the agenda and its period; --period must agree with it', () => {
    const file = 'sample-data/lcc-2019-20/agenda-2019-20-Q3.yaml';
    const a = cli([LCC_2019, '--format', 'md', '--agenda', file]);
    expect(a.code).toBe(0);
    expect(a.out).toBe(cli([LCC_2019, '--format', 'md']).out);
    const b = cli([LCC_2019, '--format', 'md', '--agenda', file, '--period', '2019/20 Q2']);
    expect(b.code).toBe(2);
    expect(b.out).toBe('');
    expect(b.err).toBe(`ragtop: --agenda ${file} is for 2019/20 Q3, not 2019/20 Q2\n`);
  });
  it('--notes adds the speaker notes', () => {
    const r = cli([LCC_2019, '--format', 'md', '--notes']);
    expect(r.code).toBe(0);
    expect(r.out).toContain('> **Speaker notes**');
    expect(r.out).toContain('Paul Bond');
    expect(r.out).not.toMatch(CONTROL);
  });
  it('the small fixture: every kind of item, hostile text escaped', async () => {
    const r = cli([SMALL, '--format', 'md']);
    expect(r.code).toBe(0);
    await expect(r.out).toMatchFileSnapshot(path.join(fixtures, 'small.md'));
    tablesAreWellFormed(r.out);
    expect(r.out).not.toMatch(CONTROL);
    // The title with an escape sequence arrives without it; '|' in titles stays inside its cell.
    expect(r.out).toContain('Rough sleepers counted');
    expect(r.out).toContain('| CR2 | Cyber \\| security |');
    expect(r.out).toContain('| Adult \\| Services |');
    // Nothing from the data starts a heading, a list or a quotation.
    for (const line of r.out.split('\n')) {
      if (line.startsWith('#')) expect(line, line).toMatch(/^#{1,3} /);
    }
    expect(r.out).toContain('- \\# All late repairs were public reports.');
    expect(r.out).toContain('- 1\\. Staffing');
    expect(r.out).toContain('- \\- Processes are being reviewed.');
    expect(r.out).not.toContain('Speaker notes');
  });
  it('a finance section with variances and totals (2016/17 Q4)', async () => {
    const r = cli([LCC_2016, '--format', 'md', '--agenda', 'tests/fixtures/export/agenda-lcc-2016-17.yaml']);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const finance = section(r.out, 'Money Matters - budget monitoring, Quarter 4 2016/17');
    await expect(finance).toMatchFileSnapshot(path.join(fixtures, 'lcc-2016-17-finance.md'));
    expect(finance).toMatch(/\| \*\*Total\*\* \|/);
    tablesAreWellFormed(r.out);
  });
  it('without an agenda file, the generated exceptions-first agenda', () => {
    const r = cli(['catalogue/lcc-2024-25.yaml', '--format', 'md']);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^# .+\n\n.+\n\nNo agenda file for 2024\/25 Q2: the items follow the report, exceptions first\.\n/);
    expect(r.out).toContain('\n## Overview, 2024/25 Q2\n');
    tablesAreWellFormed(r.out);
    expect(r.out).not.toMatch(CONTROL);
  });
  it('--ascii: symbols and words from the ASCII set', () => {
    const r = cli([SMALL, '--format', 'md', '--ascii']);
    expect(r.code).toBe(0);
    expect(r.out).toContain('| x Red |');
    expect(r.out).toContain('+ Green');
    expect(r.out).not.toMatch(/[✓✗▲▼·×→↑↓…≠–]/);
  });
  it('handoutMarkdown removes control characters that reach it', () => {
    const model = modelOf(SMALL);
    const md = handoutMarkdown(model, model.ev.periods.length - 1, {
      meeting: 'Meeting\u001b[2J \u0000',
      generated: false,
      items: [{ index: 0, title: 'Item \u009b31m\u0007', show: { kind: 'text' }, notes: 'n\u0008otes' }],
    }, { notes: true });
    expect(md).not.toMatch(CONTROL);
    expect(md).toContain('## Item 31m');
  });
});

describe('ragtop export --format csv | json', () => {
  it('csv: one row per metric, the fields in order, CRLF', async () => {
    const r = cli([SMALL, '--format', 'csv']);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    await expect(r.out).toMatchFileSnapshot(path.join(fixtures, 'small.csv'));
    const rows = parseCsv(r.out);
    expect(rows[0]).toEqual([...METRIC_FIELDS]);
    const model = modelOf(SMALL);
    const metrics = model.priorities.flatMap((p) => p.kpis.flatMap((k) => k.metrics));
    expect(rows.slice(1).map((row) => row[3])).toEqual(metrics.map((m) => m.id));
    for (const row of rows) expect(row).toHaveLength(METRIC_FIELDS.length);
    expect(r.out.split('\r\n').every((l) => !l.includes('\n'))).toBe(true);
    expect(r.out).not.toMatch(CONTROL);
  });
  it('csv: formula injection is neutralised, plain negative numbers are not', () => {
    const rows = parseCsv(cli([SMALL, '--format', 'csv']).out);
    const byId = new Map(rows.slice(1).map((row) => [row[3], Object.fromEntries(METRIC_FIELDS.map((f, i) => [f, row[i]]))]));
    expect(byId.get('defects-4h')?.['metric_title']).toBe('\'=HYPERLINK("http://example.invalid","4 hours")');
    expect(byId.get('variance')?.['kpi_title']).toBe("'-Revenue variance, % of budget");
    expect(byId.get('investment')?.['kpi_title']).toBe("'@Investment secured so far");
    expect(byId.get('looked-after')?.['kpi_title']).toBe("'+Children looked after, per 10,000");
    expect(byId.get('variance')?.['value']).toBe('-1.68');
    expect(byId.get('variance')?.['target']).toBe('between -1 and 1');
    for (const row of rows) for (const cell of row) expect(cell, cell).not.toMatch(/^[=+@]|^-(?!\d+(\.\d+)?$)/);
  });
  it('json: typed, the same records, the period summary', async () => {
    const r = cli([SMALL, '--format', 'json']);
    expect(r.code).toBe(0);
    await expect(r.out).toMatchFileSnapshot(path.join(fixtures, 'small.json'));
    const doc = JSON.parse(r.out) as { catalogue: unknown; period: string; summary: Record<string, number>; metrics: Array<Record<string, unknown>> };
    expect(doc.catalogue).toEqual({ id: 'export-small', title: 'Export fixture, "small"', organisation: 'Test Council' });
    expect(doc.period).toBe('2019/20 Q2');
    expect(doc.summary).toEqual({ kpi_count: 6, reported_count: 6, rated_count: 6, unrated_count: 0, green_count: 4, amber_count: 0, red_count: 2, percent_achieving: 66.7 });
    expect(doc.metrics.map((m) => Object.keys(m))).toEqual(doc.metrics.map(() => [...METRIC_FIELDS]));
    const variance = doc.metrics.find((m) => m['metric_id'] === 'variance');
    expect(variance).toMatchObject({ value: -1.68, target: { min: -1, max: 1 }, target_label: 'within ±1%', reported_rag: null, computed_rag: 'red', flags: [] });
    const visits = doc.metrics.find((m) => m['metric_id'] === 'library-visits');
    // A cumulative count: the running total is rated, against the pro-rata target.
    expect(visits).toMatchObject({ value: 620, target: 500, flags: ['provisional', 'revised'], direction: null, as_of: null });
    expect(doc.metrics).toEqual(JSON.parse(JSON.stringify(metricRecords(modelOf(SMALL), 1))));
  });
  it('--period picks an earlier period', () => {
    const r = cli([SMALL, '--format', 'json', '--period', '2019/20 Q1']);
    expect(r.code).toBe(0);
    expect((JSON.parse(r.out) as { period: string }).period).toBe('2019/20 Q1');
  });
  it('the bundled catalogues export without control characters', () => {
    for (const c of [LCC_2019, LCC_2016, 'catalogue/lcc-2024-25.yaml']) {
      for (const format of ['md', 'csv', 'json']) {
        const r = cli([c, '--format', format]);
        expect(r.code, `${c} ${format}`).toBe(0);
        expect(r.out, `${c} ${format}`).not.toMatch(CONTROL);
      }
    }
  });
});

describe('--output', () => {
  it('writes the file and nothing on stdout', () => {
    const dir = writeTree({});
    const r = cli([path.join(root, SMALL), '--format', 'csv', '--output', 'kpis.csv'], dir);
    expect(r).toEqual({ code: 0, out: '', err: '' });
    expect(readFileSync(path.join(dir, 'kpis.csv'), 'utf8')).toBe(cli([SMALL, '--format', 'csv']).out);
  });
  it('refuses a catalogue, period or agenda file, and leaves it alone', () => {
    const cases = [SMALL, 'tests/fixtures/export/small/data/2019-20-Q2.yaml', 'tests/fixtures/export/small/data/agenda-2019-20-Q2.yaml'];
    for (const file of cases) {
      const before = readFileSync(path.join(root, file), 'utf8');
      const r = cli([SMALL, '--format', 'md', '--output', file]);
      expect(r.code, file).toBe(2);
      expect(r.out).toBe('');
      expect(r.err).toBe(`ragtop: --output ${file} is one of the data files read; ragtop never writes to a catalogue, period or agenda file.\n`);
      expect(readFileSync(path.join(root, file), 'utf8')).toBe(before);
    }
  });
  it('refuses an --agenda file, a data file reached by another path or a symlink, and a new YAML file in the data directory', () => {
    const dir = writeTree({
      'catalogue.yaml': readFileSync(path.join(root, SMALL), 'utf8'),
      'data/2019-20-Q2.yaml': readFileSync(path.join(fixtures, 'small/data/2019-20-Q2.yaml'), 'utf8'),
      'extra-agenda.yaml': 'meeting: M\nperiod: 2019/20 Q2\nitems:\n  - { title: T, show: text }\n',
    });
    symlinkSync(path.join(dir, 'data', '2019-20-Q2.yaml'), path.join(dir, 'link.md'));
    for (const out of ['extra-agenda.yaml', './data/../catalogue.yaml', 'link.md', 'data/new.yaml']) {
      const r = cli(['catalogue.yaml', '--format', 'md', '--agenda', 'extra-agenda.yaml', '--output', out], dir);
      expect(r.code, out).toBe(2);
      expect(r.err.split('\n')).toHaveLength(2);
    }
    expect(existsSync(path.join(dir, 'data', 'new.yaml'))).toBe(false);
    // Nothing at all is written into the data directory (safe-write.ts).
    expect(cli(['catalogue.yaml', '--format', 'md', '--output', 'data/hand-out.md'], dir).code).toBe(2);
    expect(existsSync(path.join(dir, 'data', 'hand-out.md'))).toBe(false);
    expect(cli(['catalogue.yaml', '--format', 'md', '--output', 'hand-out.md'], dir).code).toBe(0);
  });
  it('a file that cannot be written: exit 2, one line', () => {
    const dir = writeTree({});
    mkdirSync(path.join(dir, 'sub'));
    const r = cli([path.join(root, SMALL), '--format', 'csv', '--output', 'sub'], dir);
    expect(r).toEqual({ code: 2, out: '', err: 'ragtop: cannot write --output sub: it is a directory, not a regular file.\n' });
    const missing = cli([path.join(root, SMALL), '--format', 'csv', '--output', 'no/such/dir/x.csv'], dir);
    expect(missing.code).toBe(2);
    expect(missing.err).toBe('ragtop: cannot write --output no/such/dir/x.csv: no such directory.\n');
    if (process.getuid?.() !== 0) {
      writeFileSync(path.join(dir, 'locked.csv'), '');
      chmodSync(path.join(dir, 'locked.csv'), 0o444);
      expect(cli([path.join(root, SMALL), '--format', 'csv', '--output', 'locked.csv'], dir).err).toContain('permission denied');
    }
  });
});

describe('exit statuses', () => {
  it('a missing or unknown --format is a usage error (2), before anything is read', () => {
    expect(cli([SMALL])).toEqual({ code: 2, out: '', err: "ragtop: export needs --format md, html, csv, json, xlsx; see 'ragtop --help'\n" });
    expect(cli(['nope.yaml', '--format', 'xml'])).toEqual({ code: 2, out: '', err: "ragtop: export --format xml: use md, html, csv, json, xlsx; see 'ragtop --help'\n" });
    expect(cli([SMALL, '--format']).code).toBe(2);
    expect(cli([SMALL, '--format', 'csv', '--bogus']).code).toBe(2);
  });
  it('data that does not load: the findings on stderr, exit 2, nothing written', () => {
    const dir = writeTree({});
    const r = cli(['nope.yaml', '--format', 'csv', '--output', 'x.csv'], dir);
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err).toBe("nope.yaml:1:1 error READ_ERROR: no such file\nragtop: the data could not be loaded (1 problem above); run 'ragtop check' for details\n");
    expect(existsSync(path.join(dir, 'x.csv'))).toBe(false);
  });
  it('an unknown or malformed period: exit 2', () => {
    const a = cli([SMALL, '--format', 'csv', '--period', '2018/19 Q1']);
    expect(a).toEqual({ code: 2, out: '', err: 'ragtop: --period 2018/19 Q1: no period file gives it (loaded: 2019/20 Q1, 2019/20 Q2)\n' });
    expect(cli([SMALL, '--format', 'csv', '--period', 'Q1']).err).toContain('not a period like 2019/20 Q3');
  });
  it('--help names the command and its options', () => {
    let out = '';
    expect(run(['--help'], { out: (s) => (out += s), err: () => undefined, env, cwd: root })).toBe(0);
    for (const word of ['ragtop export', '--format', '--output', '--notes']) expect(out).toContain(word);
  });
});

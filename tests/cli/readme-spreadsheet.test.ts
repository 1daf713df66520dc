// The README's "From your spreadsheet" walk-through, command for command, as a newcomer runs it in
// the clone: each `npm start -- …` line of its code block runs the built command (what `npm start`
// runs) in a copy of the bundled catalogues and sample data, output piped. What the README says the
// import prints and what check finds is checked against what they print.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, HAVE_BIN, NOT_BUILT, ROOT } from '../built.js';
import { writeTree } from '../helpers.js';

const README = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
const section = README.slice(README.indexOf('## From your spreadsheet'), README.indexOf('\n## ', README.indexOf('## From your spreadsheet') + 1));
const block = /```sh\n([\s\S]*?)```/.exec(section)?.[1] ?? '';
/** Each command's words (the quoted period kept whole), without `npm start --` and the comment. */
const commands = block
  .split('\n')
  .filter((l) => l.startsWith('npm start -- '))
  .map((l) => [...l.replace(/^npm start -- /, '').replace(/\s+#.*$/, '').matchAll(/"([^"]*)"|(\S+)/g)].map((m) => m[1] ?? m[2] ?? ''));

describe.skipIf(!HAVE_BIN)(`the README's spreadsheet walk-through ${NOT_BUILT}`, () => {
  it('has the five commands: import, the app, check, present, the HTML paper', () => {
    expect(commands.map((c) => (c[0]?.endsWith('.yaml') ? 'app' : c[0]))).toEqual(['import', 'app', 'check', 'present', 'export']);
  });

  it('runs as written, from the sample sheet to the paper, and prints what the README says', () => {
    const dir = writeTree({});
    cpSync(path.join(ROOT, 'catalogue'), path.join(dir, 'catalogue'), { recursive: true });
    cpSync(path.join(ROOT, 'sample-data'), path.join(dir, 'sample-data'), { recursive: true });
    const runs = commands.map((argv) => spawnSync(process.execPath, [BIN, ...argv], { cwd: dir, encoding: 'utf8', env: { ...process.env, RAGTOP_CONFIG_DIR: dir, NO_COLOR: '1' } }));
    const [imported, app, check, present, paper] = runs;
    for (const r of runs) expect(r.stderr).toBe('');
    expect(imported?.status).toBe(0);
    expect(imported?.stdout).toContain('wrote my-data/2024-25-Q2.yaml');
    expect(section).toContain('56 observations and the 3 composite KPIs');
    expect(imported?.stdout).toContain('56 observations and 3 composite KPI RAGs imported');
    expect(section).toContain('the 42 percentage cells');
    expect(imported?.stdout).toContain('42 percentage cells of a percent metric multiplied by 100');
    expect(app?.status).toBe(0);
    expect(app?.stdout).toContain('Period 2024/25 Q2');
    // The error the README names, and no other.
    expect(check?.status).toBe(1);
    expect(check?.stdout).toContain('error RATIO_MISMATCH aqma-compliance: value 93.00 ≠ 14/15 × 100 = 93.33');
    expect(check?.stdout).toMatch(/^1 error, /m);
    expect(present?.status).toBe(0);
    expect(paper?.status).toBe(0);
    expect(existsSync(path.join(dir, 'paper.html'))).toBe(true);
    expect(readFileSync(path.join(dir, 'paper.html'), 'utf8')).toContain('<h2>Overview, 2024/25 Q2</h2>');
    // The bundled data was not written.
    expect(readFileSync(path.join(dir, 'sample-data', 'lcc-2024-25', '2024-25-Q2.yaml'), 'utf8')).toBe(readFileSync(path.join(ROOT, 'sample-data', 'lcc-2024-25', '2024-25-Q2.yaml'), 'utf8'));
  });
});

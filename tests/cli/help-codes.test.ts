// --help lists every finding code `check` can give, and README's table has a row for each: a new
// code cannot be added without telling the user what it means.

import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { HELP } from '../../src/cli/help.js';
import { CHECK_CODES, LOAD_CODES, type FindingCode } from '../../src/domain/types.js';
import { ROOT } from '../built.js';
import { runCli, writeTree } from '../helpers.js';

const README = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');

describe('every finding code is documented', () => {
  it.each([...LOAD_CODES, ...CHECK_CODES])('%s', (code) => {
    expect(HELP).toMatch(new RegExp(`\\b${code}\\b`));
    expect(README).toContain(`| ${code} |`);
  });
});

describe('--help lists each code under the severity check gives it', () => {
  // The codes listed on one severity's line of --help (the line and those indented under it).
  const section = HELP.split('\nFinding codes\n')[1]?.split('\n\n')[0] ?? '';
  const groups = new Map<string, string[]>();
  let current = '';
  for (const line of section.split('\n')) {
    const head = /^ {2}(load \(exit 2\)|errors|warnings|info):/.exec(line);
    if (head?.[1] !== undefined) current = head[1];
    const codes = line.replace(/^ {2}[^:]*:/, '').replace(/\(and OUT_OF_RANGE where allowed\)/, '');
    groups.set(current, [...(groups.get(current) ?? []), ...(codes.match(/\b[A-Z][A-Z_]+\b/g) ?? [])]);
  }
  const group = { error: 'errors', warning: 'warnings', info: 'info' } as const;
  // One fixture per code plants its finding (tests/fixtures/codes): what check reports for it.
  const dirs = readdirSync(new URL('../fixtures/codes/', import.meta.url)).filter((d) => d !== 'clean');
  it.each(dirs)('%s', async (dir) => {
    const r = await runCli(['check', path.join('tests', 'fixtures', 'codes', dir, 'catalogue.yaml'), '--json'], { cwd: ROOT, env: { RAGTOP_CONFIG_DIR: writeTree({}) } });
    // The JSON check prints (its shape is checked in tests/cli.test.ts).
    const { findings } = JSON.parse(r.stdout) as { findings: { code: FindingCode; severity: keyof typeof group }[] };
    expect(findings.length).toBeGreaterThan(0);
    for (const f of findings) {
      const listed = LOAD_CODES.some((c) => c === f.code) ? 'load (exit 2)' : f.code === 'OUT_OF_RANGE' && f.severity === 'info' ? 'errors' : group[f.severity];
      expect(groups.get(listed), `${f.code} (${f.severity})`).toContain(f.code);
    }
  });
  it('names each code once', () => {
    const all = [...groups.values()].flat();
    expect(all.sort()).toEqual([...LOAD_CODES, ...CHECK_CODES].sort());
  });
});

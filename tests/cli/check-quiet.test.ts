// `ragtop check` is quiet by default: information lines are grouped, one per code and file, with
// their count and ids; --verbose lists each, and --json always holds them all.

import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { run } from '../../src/cli/main.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

function check(...args: string[]) {
  let out = '';
  const status = run(['check', 'catalogue/lcc-2016-17.yaml', ...args], { out: (s) => (out += s), err: () => undefined, env: {}, cwd: root });
  return { status, lines: out.trimEnd().split('\n'), out };
}

describe('check output', () => {
  it('groups information lines by code and file, keeping the counts', () => {
    const { lines, status } = check();
    const verbose = check('--verbose').lines;
    expect(status).toBe(0);
    expect(lines.length).toBeLessThan(10);
    expect(verbose.length).toBeGreaterThan(80);
    expect(lines.at(-1)).toBe(verbose.at(-1));
    const group = lines.find((l) => l.includes('2016-17-Q4.yaml') && l.includes('UNRATED'));
    expect(group).toMatch(/info UNRATED: \d+ in this file: [a-z0-9-]+(, [a-z0-9-]+){7} and \d+ more \(--verbose lists each\)$/);
    // The count in each group line adds up to the information total.
    const counted = lines.slice(0, -1).flatMap((l) => /info \w+: (\d+) in this file/.exec(l)?.[1] ?? (/ info /.test(l) ? '1' : [])).map(Number);
    expect(counted.reduce((a, b) => a + b, 0)).toBe(Number(/(\d+) info/.exec(lines.at(-1) ?? '')?.[1]));
  });

  it('--json keeps every finding', () => {
    const json = JSON.parse(check('--json').out) as { findings: unknown[]; summary: { info: number } };
    expect(json.findings.length).toBe(json.summary.info);
    expect(json.findings.length).toBeGreaterThan(80);
  });
});

// Smoke test of the benchmark harness (scripts/bench): `--quick` runs end to end and prints the
// targets P1–P6 with their floors. No timing is asserted: the numbers depend on the machine.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
// @ts-expect-error: a plain .mjs script, without type declarations
import { generate, quarters } from '../scripts/bench/generate.mjs';

const root = path.resolve(import.meta.dirname, '..');
const BIN = path.join(root, 'dist', 'cli', 'bin.js');
const HAVE_PTY = spawnSync('python3', ['-c', 'import pty, select, termios']).status === 0;

describe('the synthetic catalogue generator', () => {
  it('counts quarters back from 2024/25 Q4', () => {
    const q = quarters(5) as Array<{ label: string; file: string }>;
    expect(q.map((x) => x.label)).toEqual(['2023/24 Q4', '2024/25 Q1', '2024/25 Q2', '2024/25 Q3', '2024/25 Q4']);
    expect(q[0]?.file).toBe('2023-24-Q4.yaml');
  });

  it.skipIf(!existsSync(BIN))('writes size S that ragtop loads (check exits 0 or 1, never 2)', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'ragtop-bench-test-'));
    try {
      const g = generate('S', dir) as { catalogue: string; dataDir: string };
      expect(readdirSync(g.dataDir)).toHaveLength(12);
      const r = spawnSync(process.execPath, [BIN, 'check', g.catalogue], { encoding: 'utf8' });
      expect([0, 1]).toContain(r.status);
      expect(r.stdout).toMatch(/in 13 files/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('npm run bench -- --quick', () => {
  it.skipIf(!existsSync(BIN) || !HAVE_PTY)(
    'runs end to end and names P1 to P6 with their floors',
    () => {
      const r = spawnSync(process.execPath, [path.join(root, 'scripts', 'bench', 'run.mjs'), '--quick'], { cwd: root, encoding: 'utf8', timeout: 170_000 });
      expect(r.status, r.stderr).toBe(0);
      for (const id of ['P1', 'P2', 'P3', 'P4', 'P5', 'P6']) expect(r.stdout).toMatch(new RegExp(`^${id} `, 'm'));
      expect(r.stdout).toContain("node -e ''");
      expect(r.stdout).toContain('Ink hello-world');
      expect(r.stdout).toContain('js-yaml');
    },
    180_000,
  );
});

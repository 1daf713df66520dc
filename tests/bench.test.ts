// The benchmark's synthetic data (scripts/bench/generate.mjs) is what ragtop loads. The harness
// itself runs as `npm run bench` (`--quick` for a short run), not in `npm test`: it measures, and
// measuring needs the machine to itself. No timing is asserted anywhere in `npm test`.
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { generate, quarters } from '../scripts/bench/generate.mjs';
import { runCli } from './helpers.js';


describe('the synthetic catalogue generator', () => {
  it('counts quarters back from 2024/25 Q4', () => {
    const q = quarters(5);
    expect(q.map((x) => x.label)).toEqual(['2023/24 Q4', '2024/25 Q1', '2024/25 Q2', '2024/25 Q3', '2024/25 Q4']);
    expect(q[0]?.file).toBe('2023-24-Q4.yaml');
  });

  it('writes size S that ragtop loads (check exits 0 or 1, never 2)', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'ragtop-bench-test-'));
    try {
      const g = generate('S', dir);
      expect(readdirSync(g.dataDir)).toHaveLength(12);
      const r = await runCli(['check', g.catalogue]);
      expect([0, 1]).toContain(r.status);
      expect(r.stdout).toMatch(/in 13 files/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

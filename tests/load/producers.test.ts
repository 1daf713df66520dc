// Load errors past the cap are counted where they are found, not built and then dropped: a hostile
// file can hold hundreds of thousands of them.
import { describe, expect, it } from 'vitest';
import { capLoadFindings, LOAD_FINDINGS_CAP } from '../../src/load/cap.js';
import { parseFast } from '../../src/load/fast.js';
import { DEFAULT_LIMITS } from '../../src/load/limits.js';
import { toPeriodData, type CatalogueIndex } from '../../src/load/period.js';
import { PeriodSchema } from '../../src/load/schema.js';

describe('unknown observation and commentary ids', () => {
  it('makes findings for the first 100 only and counts the rest', () => {
    const N = 1000;
    const text = `period: 2019/20 Q1\nobservations:\n${Array.from({ length: N }, (_, i) => `  gone-${i}: { value: 1 }\n`).join('')}commentary:\n  also-gone: text\n`;
    const fast = parseFast('q1.yaml', text, DEFAULT_LIMITS);
    expect(fast).toBeDefined();
    const raw = PeriodSchema.parse(fast!.value);
    const index: CatalogueIndex = { id: 'test', metricIds: new Set(['kept-0']), kpiIds: new Set(), compositeKpiIds: new Set(), priorityIds: new Set(), commentaryIds: ['kept-0'] };
    const { findings } = toPeriodData(raw, fast!.root, 'q1.yaml', index);
    // The cap's worth, and one that stands for the rest.
    expect(findings).toHaveLength(LOAD_FINDINGS_CAP + 1);
    const shown = capLoadFindings(findings);
    expect(shown).toHaveLength(LOAD_FINDINGS_CAP + 1);
    shown.slice(0, LOAD_FINDINGS_CAP).forEach((f, i) => expect(f).toMatchObject({ code: 'UNKNOWN_REF', line: 3 + i, column: 3, message: `observation for metric 'gone-${i}' is not in catalogue 'test'` }));
    expect(shown[LOAD_FINDINGS_CAP]).toMatchObject({ code: 'UNKNOWN_REF', line: 3 + LOAD_FINDINGS_CAP, column: 3, message: `… and ${N + 1 - LOAD_FINDINGS_CAP} more UNKNOWN_REF errors in this file` });
  });
});

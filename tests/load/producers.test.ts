// Load errors past the cap are counted where they are found, not built and then dropped: a hostile
// file can hold hundreds of thousands of them.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { capLoadFindings, LOAD_FINDINGS_CAP } from '../../src/load/cap.js';
import { parseFast } from '../../src/load/fast.js';
import { DEFAULT_LIMITS } from '../../src/load/limits.js';
import { toPeriodData, type CatalogueIndex } from '../../src/load/period.js';
import { loadDataset } from '../../src/load/load.js';
import { CatalogueSchema, PeriodSchema } from '../../src/load/schema.js';
import { isStopped, validateDocument } from '../../src/load/collections.js';
import { catalogue, writeTree } from '../helpers.js';

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

describe('a large collection with many schema errors', () => {
  const cat = catalogue('      - { id: k, title: K, unit: percent, good: high }\n');
  const load = (period: string) => {
    const dir = writeTree({ 'catalogue.yaml': cat, 'q1.yaml': period });
    return loadDataset(path.join(dir, 'catalogue.yaml'), { cwd: dir }).findings.map((f) => `${f.line}:${f.column} ${f.code} ${f.message}`);
  };

  it('is checked item by item, and checking stops once more than 100 items have failed', () => {
    const N = 5000;
    const f = load(`period: 2019/20 Q1\nregister:\n${'- {x: 1}\n'.repeat(N)}`);
    expect(f).toHaveLength(LOAD_FINDINGS_CAP + 1);
    // Each item: two fields missing, one unknown key; the positions as the whole document's check gives them.
    const item = (i: number) => [`${3 + i}:3 SCHEMA missing required field 'id' in register[${i}]`, `${3 + i}:3 SCHEMA missing required field 'title' in register[${i}]`, `${3 + i}:4 SCHEMA unknown key 'x' in register[${i}]`];
    expect(f.slice(0, LOAD_FINDINGS_CAP)).toEqual(Array.from({ length: 34 }, (_, i) => item(i)).flat().slice(0, LOAD_FINDINGS_CAP));
    // 101 items failed (303 errors); the rest were not checked.
    expect(f[LOAD_FINDINGS_CAP]).toBe(`36:3 SCHEMA … and 203 more SCHEMA errors in this file (the other ${N - 101} items of register were not checked)`);
  });

  it('the same inside an item of a small collection (a list in one register entry)', () => {
    const N = 3000;
    const f = load(`period: 2019/20 Q1\nregister:\n- id: r1\n  title: R\n  controls:\n${'  - {}\n'.repeat(N)}`);
    expect(f).toHaveLength(LOAD_FINDINGS_CAP + 1);
    expect(f[0]).toBe('6:5 SCHEMA register[0].controls[0] must be text, not a mapping (unquoted text with \': \' in it reads as a mapping: put the text in quotes)');
    expect(f[LOAD_FINDINGS_CAP]).toBe(`106:5 SCHEMA … and 1 more SCHEMA errors in this file (the other ${N - 101} items of register[0].controls were not checked)`);
  });

  // A guard (passes before and after): large collections that pass the check item by item are then
  // checked whole, as before.
  it('with few failing items, the findings are those of the whole document', () => {
    const items = Array.from({ length: 1000 }, (_, i) => (i % 100 === 7 ? '- {id: r, title: R, kind: nope}\n' : '- {id: r, title: R}\n')).join('');
    const obs = Array.from({ length: 1000 }, (_, i) => `  k${i}: { value: ${i % 250 === 3 ? 'x' : 1} }\n`).join('');
    const f = load(`period: 2019/20 Q1\nobservations:\n${obs}register:\n${items}`);
    expect(f).toEqual([
      ...[3, 253, 503, 753].map((i) => `${3 + i}:${15 + String(i).length} SCHEMA observations.k${i}.value must be a finite number, not the text "x"`),
      ...Array.from({ length: 10 }, (_, j) => `${1004 + 100 * j + 7}:27 SCHEMA register[${100 * j + 7}].kind must be one of risk, opportunity, not the text "nope"`),
    ]);
  });
});

describe('a large valid document checked item by item', () => {
  it('gives what the whole check gives (values, transforms, key order)', () => {
    const obs = Array.from({ length: 600 }, (_, i) => `  k${600 - i}: { value: ${i}, rag: " Green ", as_of: "2019/20\\nQ1", benchmarks: { b${i}: 1, a: 2 } }\n`).join('');
    const reg = Array.from({ length: 300 }, (_, i) => `- { id: r${i}, title: " R\\n${i} ", inherent: { impact: Major, likelihood: 2 }, controls: [a, 2, true] }\n`).join('');
    const text = `period: 2019/20 Q1\nobservations:\n${obs}commentary:\n  k1: text\nregister:\n${reg}`;
    const value = parseFast('q1.yaml', text, DEFAULT_LIMITS)!.value;
    const items = validateDocument(PeriodSchema, value);
    const whole = PeriodSchema.safeParse(value, { reportInput: false });
    expect(whole.success).toBe(true);
    expect(JSON.stringify(items)).toBe(JSON.stringify(whole));
    // The document itself is left as it was.
    expect(JSON.stringify(parseFast('q1.yaml', text, DEFAULT_LIMITS)!.value)).toBe(JSON.stringify(value));
  });

  it("the same for a large mapping with a '__proto__' key: left out, as zod leaves it out, not made the prototype", () => {
    const entries = Array.from({ length: 300 }, (_, i): [string, unknown] => [`k${i}`, { value: i }]);
    const observations: Record<string, unknown> = Object.fromEntries([...entries.slice(0, 150), ['__proto__', { value: 9, note: 'planted' }], ...entries.slice(150)]);
    expect(Object.hasOwn(observations, '__proto__')).toBe(true);
    const value = { period: '2019/20 Q1', observations };
    const whole = PeriodSchema.safeParse(value, { reportInput: false });
    const items = validateDocument(PeriodSchema, value);
    expect(whole.success).toBe(true);
    if (isStopped(items) || !items.success || !whole.success) throw new Error('expected both to pass');
    const got = items.data.observations ?? {};
    expect(Object.getPrototypeOf(got)).toBe(Object.getPrototypeOf(whole.data.observations));
    expect(Object.keys(got)).toEqual(Object.keys(whole.data.observations ?? {}));
    expect(JSON.stringify(items)).toBe(JSON.stringify(whole));
  });

  it('the same for a catalogue with a large list inside a small one, with a minimum length', () => {
    const metrics = Array.from({ length: 250 }, (_, i) => `          - { id: m${i}, title: " M${i}", unit: count, good: high }\n`).join('');
    const kpis = Array.from({ length: 300 }, (_, i) => `      - { id: k${i}, title: K, unit: percent, good: high, frequency: annual }\n`).join('');
    const text = catalogue(`      - id: c\n        title: C\n        metrics:\n${metrics}${kpis}`);
    const value = parseFast('c.yaml', text, DEFAULT_LIMITS)!.value;
    const whole = CatalogueSchema.safeParse(value, { reportInput: false });
    expect(whole.success).toBe(true);
    expect(JSON.stringify(validateDocument(CatalogueSchema, value))).toBe(JSON.stringify(whole));
  });
});

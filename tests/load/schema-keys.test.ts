// The facts the loader reads from the schema: every key (for "did you mean") and the metric fields
// a composite KPI must not carry. Both come from schema.ts, so a field added there is picked up.

import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { INLINE_FIELDS } from '../../src/load/catalogue.js';
import { collectKeys, knownKeys } from '../../src/load/schema-keys.js';
import { MetricSchema } from '../../src/load/schema.js';
import { SCHEMA_FILES } from '../../src/load/json-schema.js';
import { catalogue, loadTree } from '../helpers.js';

/** Every property name in a JSON Schema document, found by its own walk. */
function jsonSchemaKeys(node: unknown, into = new Set<string>()): Set<string> {
  if (Array.isArray(node)) for (const x of node) jsonSchemaKeys(x, into);
  else if (node !== null && typeof node === 'object') {
    for (const k of Object.keys(node)) {
      const v: unknown = Reflect.get(node, k);
      if (k === 'properties' && v !== null && typeof v === 'object') for (const name of Object.keys(v)) into.add(name);
      jsonSchemaKeys(v, into);
    }
  }
  return into;
}

describe('known keys', () => {
  it('are every property the JSON Schema files describe, each once', () => {
    const fromJson = new Set<string>();
    for (const schema of Object.values(SCHEMA_FILES)) jsonSchemaKeys(z.toJSONSchema(schema, { io: 'input', target: 'draft-7', unrepresentable: 'any' }), fromJson);
    expect([...knownKeys()].sort()).toEqual([...fromJson].sort());
    expect(new Set(knownKeys()).size).toBe(knownKeys().length);
  });

  it('include a field added anywhere in a schema, through optionals, arrays, unions, records and transforms', () => {
    const deep = z.strictObject({
      top: z.array(z.union([z.number(), z.strictObject({ in_union: z.string().optional() })])).optional(),
      rec: z.record(z.string(), z.strictObject({ in_record: z.boolean().nullable() })),
      piped: z.strictObject({ in_pipe: z.string() }).transform((o) => o.in_pipe),
    });
    expect([...collectKeys(deep, new Set())].sort()).toEqual(['in_pipe', 'in_record', 'in_union', 'piped', 'rec', 'top']);
  });

  it("suggest a KPI's short title (the hand-written list had left it out)", () => {
    const kpi = '      - { id: k, title: K, shrot: Kay, unit: percent, good: high }\n';
    const r = loadTree({ 'catalogue.yaml': catalogue(kpi), 'q1.yaml': 'period: 2019/20 Q1\n' });
    const messages = r.findings.filter((f) => f.code === 'SCHEMA').map((f) => f.message);
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatch(/^unknown key 'shrot' in .*\(did you mean 'short'\?\)$/);
  });
});

describe('fields a KPI with metrics must not carry', () => {
  it('are every metric field but the id, the title and the defaults a KPI gives its metrics', () => {
    expect([...INLINE_FIELDS].sort()).toEqual(
      Object.keys(MetricSchema.shape)
        .filter((k) => !['id', 'title', 'frequency', 'lag'].includes(k))
        .sort(),
    );
  });

  it('are each refused on a composite KPI, at the key', () => {
    // A valid value of each field, written on a KPI that also has metrics.
    const values: Record<(typeof INLINE_FIELDS)[number], string> = {
      unit: 'percent',
      good: 'high',
      target: '5',
      target_label: 'five',
      amber: '"5%"',
      on_target: '"2%"',
      decimals: '1',
      currency: 'GBP',
      scale: 'k',
      per: '1000',
      cumulative: 'true',
      allow_over_100: 'true',
      allow_negative: 'true',
      benchmarks: '[b]',
      reported_in: 'Q2',
      definition: 'text',
      source: 'text',
    };
    for (const field of INLINE_FIELDS) {
      const kpi = `      - id: k\n        title: K\n        ${field}: ${values[field]}\n        metrics:\n          - { id: m, title: M, unit: count, good: high }\n`;
      const r = loadTree({ 'catalogue.yaml': catalogue(kpi), 'q1.yaml': 'period: 2019/20 Q1\n' });
      expect(r.findings.filter((f) => f.code === 'SCHEMA').map((f) => `${f.line}:${f.column} ${f.message}`)).toEqual([`12:9 KPI 'k' has metrics:, so '${field}' belongs on each metric, not on the KPI`]);
    }
  });
});

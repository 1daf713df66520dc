// An observation's recorded fields as text, the same way for one imported from a sheet and one
// loaded from a period file: to check that the file import writes loads back to exactly what was
// imported, and to show what --force changes (per metric: old → new). Pure.

import type { KpiReport, Observation, Target, Written } from '../../domain/types.js';
import { recordedTargetText } from '../../domain/recorded-target.js';
import type { TargetRead } from './cells.js';
import { plainDecimal } from './numbers.js';
import type { ImportedObservation } from './rows.js';

/** Field name → its text (a number as written, with its decimals). */
export type Fields = ReadonlyMap<string, string>;

/** A loaded number as it was written (the loader keeps the decimals it was written to). */
function writtenText(value: number, decimals: number): string {
  return decimals > 0 && decimals <= 100 ? value.toFixed(decimals) : plainDecimal(value);
}

const w = (x: Written) => writtenText(x.value, x.decimals);

/** An imported target as the loaded one it stands for (its numbers' values). */
function asTarget(t: TargetRead): Target {
  switch (t.kind) {
    case 'value':
      return { kind: 'value', value: t.value.value };
    case 'band':
      return { kind: 'band', min: t.min.value, max: t.max.value };
    case 'benchmark':
    case 'change':
      return t;
  }
}

export function loadedFields(o: Observation | KpiReport): Fields {
  const f = new Map<string, string>();
  if ('kpiId' in o) {
    if (o.rag !== undefined) f.set('rag', o.rag);
    if (o.note !== undefined) f.set('note', o.note);
    return f;
  }
  if (o.value !== null) f.set('value', writtenText(o.value, o.decimals));
  if (o.numerator) f.set('numerator', w(o.numerator));
  if (o.denominator) f.set('denominator', w(o.denominator));
  if (o.asOf) f.set('as_of', o.asOf.text);
  if (o.rag !== undefined) f.set('rag', o.rag);
  if (o.target) f.set('target', recordedTargetText(o.target));
  if (o.targetLabel !== undefined) f.set('target_label', o.targetLabel);
  for (const [k, v] of Object.entries(o.benchmarks)) f.set(`benchmark ${k}`, plainDecimal(v));
  if (o.flags.length > 0) f.set('flags', o.flags.join(', '));
  if (o.note !== undefined) f.set('note', o.note);
  return f;
}

export function importedFields(o: ImportedObservation): Fields {
  const f = new Map<string, string>();
  if (o.value) f.set('value', o.value.text);
  if (o.numerator) f.set('numerator', o.numerator.text);
  if (o.denominator) f.set('denominator', o.denominator.text);
  if (o.asOf !== undefined) f.set('as_of', o.asOf);
  if (o.rag !== undefined) f.set('rag', o.rag);
  if (o.target) f.set('target', recordedTargetText(asTarget(o.target)));
  if (o.targetLabel !== undefined) f.set('target_label', o.targetLabel);
  for (const [k, v] of o.benchmarks) f.set(`benchmark ${k}`, plainDecimal(v.value));
  if (o.flags.length > 0) f.set('flags', o.flags.join(', '));
  if (o.note !== undefined) f.set('note', o.note);
  return f;
}

/** What differs between two sets of fields: `value 44.8 → 44.9`, `rag (none) → green`. */
export function fieldChanges(before: Fields, after: Fields): string[] {
  const names = [...new Set([...before.keys(), ...after.keys()])];
  return names.flatMap((n) => {
    const a = before.get(n);
    const b = after.get(n);
    return a === b ? [] : [`${n} ${a ?? '(none)'} → ${b ?? '(none)'}`];
  });
}

/** The records of a period, by id: its observations and its composite KPIs' reports. */
export function loadedRecords(p: { readonly observations: ReadonlyMap<string, Observation>; readonly kpiReports: ReadonlyMap<string, KpiReport> }): Map<string, Fields> {
  const m = new Map<string, Fields>();
  for (const [id, o] of p.observations) m.set(id, loadedFields(o));
  for (const [id, r] of p.kpiReports) m.set(id, loadedFields(r));
  return m;
}

/** Per record: added, removed, or the fields changed; empty when the two are the same. */
export function recordChanges(before: ReadonlyMap<string, Fields>, after: ReadonlyMap<string, Fields>): string[] {
  const lines: string[] = [];
  for (const [id, b] of after) {
    const a = before.get(id);
    if (a === undefined) lines.push(`${id}: added (${[...b].map(([k, v]) => `${k} ${v}`).join(', ') || 'no fields'})`);
    else {
      const changes = fieldChanges(a, b);
      if (changes.length > 0) lines.push(`${id}: ${changes.join(', ')}`);
    }
  }
  for (const [id, a] of before) if (!after.has(id)) lines.push(`${id}: removed (was ${[...a].map(([k, v]) => `${k} ${v}`).join(', ') || 'no fields'})`);
  return lines;
}

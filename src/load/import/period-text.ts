// The period file `ragtop import` writes: comments saying where it came from, `period:`, then
// `observations:` with one flow mapping per metric, like the bundled files. Numbers are written
// as the decimal text import made of them (never re-formatted), text always double-quoted (a note
// `no: yes` or `# x` stays text), so that the file loads back to exactly what was imported. With
// --force, the old file's other sections (and comments) are kept and only its observations are
// replaced.

import { formatPeriod, type Period } from '../../domain/period.js';
import { escapeUnsafeJson, showText } from '../../domain/text.js';
import { isMap, isScalar, yaml } from '../yaml-lib.js';
import type { TargetRead } from './cells.js';
import type { NumberText } from './numbers.js';
import type { ImportedObservation } from './rows.js';

/** Where the file came from, for the comments at its top. */
export interface Provenance {
  /** The spreadsheet's name as given. */
  readonly source: string;
  readonly sheet?: string | undefined;
  /** The day of the import, yyyy-mm-dd. */
  readonly date: string;
}

const PROVENANCE_FIRST = '# Imported from ';
const PROVENANCE_SECOND = '# made by ragtop import; edit the spreadsheet and import again, or edit here';

/** The comment lines at the top: nothing in them can end the comment (showText escapes every line break and control character). */
export function provenanceLines(p: Provenance): string {
  const sheet = p.sheet === undefined ? '' : `, sheet ${showText(p.sheet, 100)}`;
  return `${PROVENANCE_FIRST}${showText(p.source, 200)}${sheet}, on ${p.date}\n${PROVENANCE_SECOND}\n`;
}

/** A string as YAML reads it back exactly: double-quoted, every unsafe character escaped. */
export function quoted(s: string): string {
  return escapeUnsafeJson(JSON.stringify(s));
}

const key = (k: string) => (/^[a-z0-9][a-z0-9_-]*$/.test(k) ? k : quoted(k));
const num = (n: NumberText) => n.text;

/** A target override as the period file writes it (data-format.md §1, `target`). */
function targetYaml(t: TargetRead): string {
  switch (t.kind) {
    case 'value':
      return num(t.value);
    case 'band':
      return `{ min: ${num(t.min)}, max: ${num(t.max)} }`;
    case 'benchmark':
      return `{ benchmark: ${key(t.name)} }`;
    case 'change':
      return `{ change: ${t.direction} }`;
  }
}

/** One observation as a flow mapping: `{ value: 44.9, rag: green, note: "…" }`. */
export function observationLine(o: ImportedObservation): string {
  const parts: string[] = [];
  if (o.value !== undefined) parts.push(`value: ${num(o.value)}`);
  if (o.numerator !== undefined) parts.push(`numerator: ${num(o.numerator)}`);
  if (o.denominator !== undefined) parts.push(`denominator: ${num(o.denominator)}`);
  if (o.asOf !== undefined) parts.push(`as_of: ${quoted(o.asOf)}`);
  if (o.rag !== undefined) parts.push(`rag: ${o.rag}`);
  if (o.target !== undefined) parts.push(`target: ${targetYaml(o.target)}`);
  if (o.targetLabel !== undefined) parts.push(`target_label: ${quoted(o.targetLabel)}`);
  if (o.benchmarks.length > 0) parts.push(`benchmarks: { ${o.benchmarks.map(([k, v]) => `${key(k)}: ${num(v)}`).join(', ')} }`);
  if (o.flags.length > 0) parts.push(`flags: [${o.flags.join(', ')}]`);
  if (o.note !== undefined) parts.push(`note: ${quoted(o.note)}`);
  return `  ${o.id}: { ${parts.join(', ')} }\n`;
}

/** The `observations:` section. */
export function observationsBlock(observations: readonly ImportedObservation[]): string {
  return observations.length === 0 ? 'observations: {}\n' : `observations:\n${observations.map(observationLine).join('')}`;
}

/** A new period file. */
export function newPeriodText(period: Period, observations: readonly ImportedObservation[], from: Provenance): string {
  return `${provenanceLines(from)}period: ${formatPeriod(period)}\n\n${observationsBlock(observations)}`;
}

/** `text` without the comment lines an earlier import put at its top. */
function withoutProvenance(text: string): string {
  const lines = text.split('\n');
  let i = 0;
  while (i < lines.length && (lines[i]?.startsWith(PROVENANCE_FIRST) || lines[i] === PROVENANCE_SECOND)) i++;
  return lines.slice(i).join('\n');
}

/**
 * The old file's text with its observations replaced (everything else kept: its other sections,
 * their comments, its `period:`), under new provenance comments. Undefined when the old text is
 * not a YAML mapping it can be done in.
 */
export function replaceObservations(oldText: string, observations: readonly ImportedObservation[], from: Provenance): string | undefined {
  const body = withoutProvenance(oldText.replace(/\r\n?/g, '\n'));
  const doc = yaml().parseDocument(body, { version: '1.2', uniqueKeys: false });
  if (doc.errors.length > 0 || !isMap(doc.contents)) return undefined;
  const block = observationsBlock(observations);
  const pair = doc.contents.items.find((p) => isScalar(p.key) && p.key.value === 'observations');
  let text: string;
  if (pair === undefined) text = `${body}${body.endsWith('\n') || body === '' ? '' : '\n'}\n${block}`;
  else {
    const start = isScalar(pair.key) ? pair.key.range?.[0] : undefined;
    const value = pair.value;
    const end = value !== null && typeof value === 'object' && 'range' in value && Array.isArray(value.range) ? value.range[1] : undefined;
    if (typeof start !== 'number' || typeof end !== 'number') return undefined;
    const rest = body.slice(end);
    text = `${body.slice(0, start)}${block}${rest.startsWith('\n') ? rest.slice(1) : rest}`;
  }
  return `${provenanceLines(from)}${text}`;
}

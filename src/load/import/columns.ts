// Which column of a sheet holds which field of an observation: the header row, recognised by the
// recorded columns' headers (src/domain/recorded.ts, case- and spacing-insensitive) and by a
// --map file's own headers. The header row is the first of the sheet's first HEADER_SEARCH_ROWS
// rows that names an id or title column and a value or reported-RAG column, so a title line (or a
// few) above the table is passed over. Pure.

import { BENCHMARK_HEADER_PREFIX, headerKey, RECORDED_FIELDS, RECORDED_HEADERS, type RecordedField } from '../../domain/recorded.js';
import { showText } from '../../domain/text.js';
import type { Finding, FindingCode, Severity } from '../../domain/types.js';
import { cellAddress, type SheetCell, type SheetTable } from '../sheet/table.js';

/** What a column holds: a recorded field, a benchmark's value, or nothing to read (`ignore`, from --map). */
export type ColumnRole = { readonly kind: 'field'; readonly field: RecordedField } | { readonly kind: 'benchmark'; readonly name: string } | { readonly kind: 'ignore' };

/** The headers a --map file names (by headerKey), and the role of each. */
export type HeaderMap = ReadonlyMap<string, ColumnRole>;

/** Something the import says that is not a problem (a column not read, a percentage scaled). */
export interface ImportNote {
  readonly file: string;
  readonly cell?: string;
  readonly message: string;
}

export const HEADER_SEARCH_ROWS = 20;

/** A finding at a cell of the sheet. */
export function cellFinding(table: SheetTable, row: number, col: number, code: FindingCode, severity: Severity, message: string, id?: string): Finding {
  return { code, severity, message, file: table.file, line: 0, column: 0, cell: cellAddress(table, row, col), ...(id === undefined ? {} : { id }) };
}

const BY_HEADER: ReadonlyMap<string, RecordedField> = new Map(RECORDED_FIELDS.flatMap((f) => RECORDED_HEADERS[f].map((h) => [headerKey(h), f] as const)));
const BENCHMARK_KEY = `${headerKey(BENCHMARK_HEADER_PREFIX)} `;

/** `benchmark NAME` (a header key) as a benchmark's column, its name as the period file writes it (`north west` → `north_west`). */
function benchmarkRole(key: string): ColumnRole | undefined {
  if (!key.startsWith(BENCHMARK_KEY)) return undefined;
  const name = key.slice(BENCHMARK_KEY.length).trim().replace(/ /g, '_');
  return /^[a-z0-9][a-z0-9_]*$/.test(name) ? { kind: 'benchmark', name } : undefined;
}

/**
 * What a role is called in a --map file: a field's name (`value`, `as_of`, `rag`), `benchmark
 * NAME`, or `ignore`. Undefined when the text is none of these.
 */
export function parseRole(text: string): ColumnRole | undefined {
  const key = headerKey(text);
  if (key === 'ignore') return { kind: 'ignore' };
  const field = RECORDED_FIELDS.find((f) => headerKey(f) === key);
  if (field !== undefined) return { kind: 'field', field };
  return benchmarkRole(key);
}

/** The role names a --map file may use (for did-you-mean). */
export const ROLE_NAMES: readonly string[] = [...RECORDED_FIELDS, 'benchmark', 'ignore'];

/** A header cell's text, or undefined (an empty cell, or one that is not text or a number). */
function headerText(cell: SheetCell | undefined): string | undefined {
  if (cell === undefined) return undefined;
  if (cell.kind === 'text' || cell.kind === 'date') return cell.value.trim() === '' ? undefined : cell.value;
  if (cell.kind === 'number') return String(cell.value);
  return undefined;
}

/**
 * The field an unread header seems to name: one of a field's headers is among its words (`Q2
 * actual` holds `actual`, a value's header). For the note that says how to read it.
 */
function nearField(header: string): RecordedField | undefined {
  const words = ` ${headerKey(header)} `;
  return RECORDED_FIELDS.find((f) => RECORDED_HEADERS[f].some((h) => words.includes(` ${headerKey(h)} `)));
}

/** The role of a header, by the --map file first, then by the headers ragtop knows. */
function roleOf(header: string, map: HeaderMap): ColumnRole | undefined {
  const key = headerKey(header);
  const mapped = map.get(key);
  if (mapped !== undefined) return mapped;
  const field = BY_HEADER.get(key);
  if (field !== undefined) return { kind: 'field', field };
  return benchmarkRole(key);
}

const roleWord = (r: ColumnRole) => (r.kind === 'field' ? r.field : r.kind === 'benchmark' ? `benchmark ${r.name}` : 'ignore');

export interface Columns {
  /** The header row (0-based); the data starts below it. */
  readonly headerRow: number;
  /** Each column read, by its index. */
  readonly roles: ReadonlyMap<number, Exclude<ColumnRole, { kind: 'ignore' }>>;
}

/** Whether a row of roles makes a header: an id or title column, and a value or reported-RAG column. */
function isHeader(roles: readonly (ColumnRole | undefined)[]): boolean {
  const has = (f: RecordedField) => roles.some((r) => r?.kind === 'field' && r.field === f);
  return (has('metric') || has('title')) && (has('value') || has('rag'));
}

/**
 * Finds the header row and reads each column's role. Problems (no header row, two columns for one
 * field) are findings at their cells; a column not read is a note at its header.
 */
export function findColumns(table: SheetTable, map: HeaderMap = new Map()): { columns?: Columns; findings: Finding[]; notes: ImportNote[] } {
  const findings: Finding[] = [];
  const notes: ImportNote[] = [];
  const last = Math.min(table.rows.length, HEADER_SEARCH_ROWS);
  for (let r = 0; r < last; r++) {
    const row = table.rows[r] ?? [];
    const texts = row.map(headerText);
    const roles = texts.map((t) => (t === undefined ? undefined : roleOf(t, map)));
    if (!isHeader(roles)) continue;
    const read = new Map<number, Exclude<ColumnRole, { kind: 'ignore' }>>();
    const firstOf = new Map<string, number>();
    roles.forEach((role, c) => {
      const text = texts[c];
      if (text === undefined) return;
      if (role === undefined) {
        const near = nearField(text);
        const hint = near !== undefined ? `; if it holds the ${near}, give --map FILE with \`"${showText(text, 80)}": ${near}\`` : '';
        notes.push({ file: table.file, cell: cellAddress(table, r, c), message: `column '${showText(text, 80)}' is not one ragtop imports: not read${hint}` });
        return;
      }
      if (role.kind === 'ignore') return;
      const word = roleWord(role);
      const first = firstOf.get(word);
      if (first !== undefined) {
        findings.push(cellFinding(table, r, c, 'DUPLICATE_ID', 'error', `two columns are read as ${word}: ${cellAddress(table, r, first)} and this one; rename or remove one (or give --map FILE)`));
        return;
      }
      firstOf.set(word, c);
      read.set(c, role);
    });
    // A sheet whose figures are in a column not read would import its RAGs alone: never silently.
    // A --map file that names no value column says the sheet has none.
    if (![...read.values()].some((x) => x.kind === 'field' && x.field === 'value') && map.size === 0) {
      const unread = texts.flatMap((t, c) => (t !== undefined && roles[c] === undefined ? [`'${showText(t, 60)}'`] : []));
      findings.push(
        cellFinding(
          table,
          r,
          0,
          'SCHEMA',
          'error',
          `the header row has no column of figures (${RECORDED_HEADERS.value.join(', ')})${unread.length > 0 ? `; not read: ${unread.join(', ')}` : ''}: rename the column, or give --map FILE naming it (columns: { "Q2 actual": value })`,
        ),
      );
    }
    for (const [key, role] of map) {
      if (!texts.some((t) => t !== undefined && headerKey(t) === key)) notes.push({ file: table.file, message: `--map names the column '${showText(key, 80)}' (${roleWord(role)}), which the header row ${r + 1} does not have` });
    }
    return { columns: { headerRow: r, roles: read }, findings, notes };
  }
  const known = RECORDED_FIELDS.map((f) => RECORDED_HEADERS[f][0]).join(', ');
  findings.push({
    code: 'SCHEMA',
    severity: 'error',
    message: `no header row in the first ${HEADER_SEARCH_ROWS} rows: one must name a metric id or title column and a value (or reported RAG) column. The headers read are ${known} and "${BENCHMARK_HEADER_PREFIX} NAME" (and other spellings); give --map FILE for others`,
    file: table.file,
    line: 0,
    column: 0,
  });
  return { findings, notes };
}

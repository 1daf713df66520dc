// The rows of a sheet matched to the catalogue's metrics, each read as an observation: by metric
// id, else by the metric's exact title (a KPI's title for a KPI with one metric); a composite
// KPI's id or title gives its overall reported RAG (and a note). Every problem is a finding at its
// cell, all of them; blank rows are skipped. Pure.

import { showText } from '../../domain/text.js';
import type { Catalogue, Finding, Flag, Kpi, Metric, Rag } from '../../domain/types.js';
import { suggest } from '../issues.js';
import { cellAddress, columnLetters, type SheetCell, type SheetTable } from '../sheet/table.js';
import { readFlags, readNumber, readRag, readTarget, readText, type Read, type TargetRead } from './cells.js';
import { cellFinding, findColumns, type Columns, type HeaderMap, type ImportNote } from './columns.js';
import { plainDecimal, shiftPoint, type NumberText } from './numbers.js';

/** A metric's observation, or a composite KPI's overall RAG, as the sheet gives it. */
export interface ImportedObservation {
  readonly id: string;
  readonly kind: 'metric' | 'kpi';
  readonly value?: NumberText;
  readonly numerator?: NumberText;
  readonly denominator?: NumberText;
  readonly asOf?: string;
  readonly rag?: Rag;
  readonly target?: TargetRead;
  readonly targetLabel?: string;
  readonly benchmarks: readonly (readonly [string, NumberText])[];
  readonly flags: readonly Flag[];
  readonly note?: string;
  /** The cell that named it (its id or title). */
  readonly cell: string;
}

type Target = { readonly kind: 'metric'; readonly metric: Metric } | { readonly kind: 'kpi'; readonly kpi: Kpi };
const targetId = (t: Target) => (t.kind === 'metric' ? t.metric.id : t.kpi.id);

/** Titles as compared: trimmed, runs of blanks as one space (a spreadsheet's stray spaces), case kept. */
const titleKey = (s: string) => s.trim().replace(/\s+/g, ' ');

interface Index {
  readonly byId: ReadonlyMap<string, Target>;
  readonly byTitle: ReadonlyMap<string, readonly Target[]>;
  /** Every target, in catalogue order. */
  readonly order: readonly string[];
}

function indexOf(catalogue: Catalogue): Index {
  const byId = new Map<string, Target>();
  const byTitle = new Map<string, Target[]>();
  const order: string[] = [];
  const addTitle = (title: string, t: Target) => {
    const key = titleKey(title);
    const list = byTitle.get(key) ?? [];
    if (!list.some((x) => targetId(x) === targetId(t))) list.push(t);
    byTitle.set(key, list);
  };
  for (const kpi of catalogue.priorities.flatMap((p) => p.kpis)) {
    if (kpi.composite && !kpi.metrics.some((m) => m.id === kpi.id)) {
      byId.set(kpi.id, { kind: 'kpi', kpi });
      order.push(kpi.id);
    }
    const only = kpi.metrics.length === 1 ? kpi.metrics[0] : undefined;
    if (only) addTitle(kpi.title, { kind: 'metric', metric: only });
    else if (kpi.composite) addTitle(kpi.title, { kind: 'kpi', kpi });
    for (const metric of kpi.metrics) {
      byId.set(metric.id, { kind: 'metric', metric });
      order.push(metric.id);
      addTitle(metric.title, { kind: 'metric', metric });
    }
  }
  return { byId, byTitle, order };
}

export interface ImportedRows {
  /** In catalogue order. */
  readonly observations: readonly ImportedObservation[];
  readonly findings: readonly Finding[];
  readonly notes: readonly ImportNote[];
}

const isBlank = (c: SheetCell | undefined) => c === undefined || c.kind === 'empty' || (c.kind === 'text' && c.value.trim() === '');

/** Reads the rows below the header row. */
/**
 * A percentage typed as a fraction (0.646 for 64.6%): a percent metric's figures are written 0–100,
 * so a figure under 1 where high is good and the target is 5 or more is almost surely one (a cell
 * formatted as a percentage is scaled already). A note at the cell: the figure is imported as written.
 */
function fractionHint(metric: Metric, x: NumberText, cell: SheetCell): string | undefined {
  if (metric.unit !== 'percent' || metric.good !== 'high' || (cell.kind === 'number' && cell.percent) || !(x.value > 0 && x.value < 1)) return undefined;
  const t = metric.target;
  const target = t?.kind === 'value' ? t.value : t?.kind === 'band' ? t.min : undefined;
  if (target === undefined || target < 5) return undefined;
  return `${x.text} for a percentage written 0–100 (target ${plainDecimal(target)}): if the cell means ${shiftPoint(x.text, 2)}%, write ${shiftPoint(x.text, 2)} or format the cell as a percentage`;
}

export function importRows(table: SheetTable, columns: Columns, catalogue: Catalogue): ImportedRows {
  const index = indexOf(catalogue);
  const findings: Finding[] = [];
  const notes: ImportNote[] = [];
  const found = new Map<string, ImportedObservation>();
  /** The percentage cells multiplied by 100, by column. */
  const scaled = new Map<number, string[]>();
  const colOf = (field: string) => [...columns.roles].find(([, r]) => r.kind === 'field' && r.field === field)?.[0];
  const idCol = colOf('metric');
  const titleCol = colOf('title');
  const header = table.rows[columns.headerRow] ?? [];
  const headerWidth = header.length - [...header].reverse().findIndex((x) => !isBlank(x));

  for (let r = columns.headerRow + 1; r < table.rows.length; r++) {
    const row = table.rows[r] ?? [];
    const cell = (c: number): SheetCell => row[c] ?? { kind: 'empty' };
    const readCols = [...columns.roles.keys()];
    if (readCols.every((c) => isBlank(row[c]))) continue;
    const at = (c: number) => cellAddress(table, r, c);
    const fail = (c: number, message: string, id?: string) => findings.push(cellFinding(table, r, c, 'SCHEMA', 'error', message, id));
    // A CSV row wider than its header: most often a text with a comma that was not quoted, which
    // moved every field after it (a spreadsheet's extra cells to the right are simply not read).
    if (table.sheet === undefined && row.length > headerWidth && row.slice(headerWidth).some((x) => !isBlank(x))) {
      fail(headerWidth, `row ${r + 1} has ${row.length} fields but the header has ${headerWidth}: a text with a comma in it must be in double quotes ("Waste re-used, recycled …")`);
      continue;
    }

    // Which metric (or composite KPI) the row is for.
    let target: Target | undefined;
    let namedAt: number | undefined;
    const id = idCol === undefined ? undefined : readText(cell(idCol), 'the metric id');
    const title = titleCol === undefined ? undefined : readText(cell(titleCol), 'the title');
    if (idCol !== undefined && id !== undefined && 'value' in id) {
      namedAt = idCol;
      // Ids are lower case (the catalogue's pattern), so one typed in capitals is still that id.
      target = index.byId.get(id.value.trim().toLowerCase());
      if (target === undefined) {
        const near = suggest(id.value.trim(), index.byId.keys());
        findings.push(cellFinding(table, r, idCol, 'UNKNOWN_REF', 'error', `metric id '${showText(id.value)}' is not in catalogue '${showText(catalogue.id)}'${near !== undefined ? ` (did you mean '${near}'?)` : ''}`, showText(id.value)));
        continue;
      }
    } else if (titleCol !== undefined && title !== undefined && 'value' in title) {
      namedAt = titleCol;
      const matches = index.byTitle.get(titleKey(title.value)) ?? [];
      if (matches.length > 1) {
        fail(titleCol, `the title '${showText(title.value, 120)}' is given by ${matches.map((m) => `'${targetId(m)}'`).join(' and ')}: give the metric id instead`);
        continue;
      }
      target = matches[0];
      if (target === undefined) {
        const titles = [...index.byTitle.keys()];
        const near = suggest(titleKey(title.value), titles) ?? titles.find((t) => t.toLowerCase() === titleKey(title.value).toLowerCase());
        findings.push(cellFinding(table, r, titleCol, 'UNKNOWN_REF', 'error', `no metric in catalogue '${showText(catalogue.id)}' has the title '${showText(title.value, 120)}'${near !== undefined ? ` (did you mean '${showText(near, 120)}'?)` : ''}`));
        continue;
      }
    }
    for (const [c, what] of [[idCol, id], [titleCol, title]] as const) if (c !== undefined && what !== undefined && 'problem' in what) fail(c, what.problem);
    if (target === undefined || namedAt === undefined) {
      const first = readCols.find((c) => !isBlank(row[c])) ?? 0;
      if (!findings.some((f) => f.cell === at(first))) fail(first, `row ${r + 1} has figures but no metric id or title`);
      continue;
    }
    const tid = targetId(target);
    const earlier = found.get(tid);
    if (earlier !== undefined) {
      findings.push(cellFinding(table, r, namedAt, 'DUPLICATE_ID', 'error', `a second row for '${tid}': ${earlier.cell} gives it too`, tid));
      continue;
    }

    const metric = target.kind === 'metric' ? target.metric : undefined;
    const obs: { -readonly [K in keyof ImportedObservation]: ImportedObservation[K] } = { id: tid, kind: target.kind, benchmarks: [], flags: [], cell: at(namedAt) };
    const benchmarks: (readonly [string, NumberText])[] = [];
    let given = 0;
    let bad = false;
    const take = <T>(c: number, read: Read<T>, set: (v: T) => void) => {
      if ('problem' in read) {
        fail(c, `${read.problem}`, tid);
        bad = true;
      } else if ('value' in read) {
        given += 1;
        if (read.scaled) scaled.set(c, [...(scaled.get(c) ?? []), at(c)]);
        if (read.cleaned) findings.push(cellFinding(table, r, c, 'CONTROL_CHARS', 'warning', 'control or invisible characters removed from the text', tid));
        set(read.value);
      }
    };
    for (const [c, role] of columns.roles) {
      if (role.kind === 'field' && (role.field === 'metric' || role.field === 'title')) continue;
      const v = cell(c);
      if (isBlank(v)) continue;
      if (!metric) {
        if (role.kind === 'field' && (role.field === 'rag' || role.field === 'note')) {
          if (role.field === 'rag') take(c, readRag(v), (x) => (obs.rag = x));
          else take(c, readText(v, 'the note'), (x) => (obs.note = x));
        } else fail(c, `'${tid}' is a composite KPI: its row may give only its overall reported RAG and a note; ${role.kind === 'benchmark' ? 'benchmarks' : role.field} belong on each of its metrics' rows`, tid);
        continue;
      }
      if (role.kind === 'benchmark') {
        take(c, readNumber(v, `benchmark ${role.name}`, metric.unit, metric.unit === 'percent'), (x) => benchmarks.push([role.name, x]));
        continue;
      }
      switch (role.field) {
        case 'value':
          take(c, readNumber(v, 'the value', metric.unit, metric.unit === 'percent'), (x) => {
            obs.value = x;
            const hint = fractionHint(metric, x, v);
            if (hint !== undefined) notes.push({ file: table.file, cell: at(c), message: `${tid}: ${hint}` });
          });
          break;
        case 'numerator':
        case 'denominator': {
          const field = role.field;
          take(c, readNumber(v, `the ${field}`, undefined, false), (x) => (obs[field] = x));
          break;
        }
        case 'as_of':
          take(c, readText(v, 'as of'), (x) => (obs.asOf = x));
          break;
        case 'rag':
          take(c, readRag(v), (x) => (obs.rag = x));
          break;
        case 'target':
          take(c, readTarget(v, metric.unit), (x) => (obs.target = x));
          break;
        case 'target_label':
          take(c, readText(v, 'the target label'), (x) => (obs.targetLabel = x));
          break;
        case 'flags':
          take(c, readFlags(v), (x) => (obs.flags = x));
          break;
        case 'note':
          take(c, readText(v, 'the note'), (x) => (obs.note = x));
          break;
        case 'metric':
        case 'title':
          break;
      }
    }
    obs.benchmarks = benchmarks;
    if (bad) continue;
    if (given === 0) {
      notes.push({ file: table.file, cell: at(namedAt), message: `'${tid}' has no figure in its row: not imported` });
      continue;
    }
    found.set(tid, obs);
  }

  for (const [c, cells] of [...scaled].sort((a, b) => a[0] - b[0])) {
    const shown = cells.length > 6 ? `${cells.slice(0, 6).join(', ')} and ${cells.length - 6} more` : cells.join(', ');
    notes.push({
      file: table.file,
      cell: cellAddress(table, columns.headerRow, c),
      message: `column ${columnLetters(c)}: ${cells.length === 1 ? 'a percentage cell' : `${cells.length} percentage cells`} of a percent metric multiplied by 100 (a cell shown as 44.9% holds 0.449): ${shown}`,
    });
  }
  const observations = index.order.flatMap((id) => found.get(id) ?? []);
  return { observations, findings, notes };
}

/** A sheet read as a period's observations: its header row found, its rows matched and read. */
export function importTable(table: SheetTable, catalogue: Catalogue, map?: HeaderMap): ImportedRows {
  const found = findColumns(table, map);
  if (!found.columns) return { observations: [], findings: found.findings, notes: found.notes };
  const rows = importRows(table, found.columns, catalogue);
  return { observations: rows.observations, findings: [...found.findings, ...rows.findings], notes: [...found.notes, ...rows.notes] };
}

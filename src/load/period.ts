// Period file → domain PeriodData: observations resolved against the catalogue (UNKNOWN_REF where
// an id is not in it), commentary, claims, finance and the register with parsed assessments.

import { formatPeriod, parseIsoDate, parsePeriod } from '../domain/period.js';
import { parseImpact, parseLikelihood } from '../domain/risk.js';
import { showText } from '../domain/text.js';
import { proseStart } from './prose.js';
import type {
  Assessment,
  Catalogue,
  Claim,
  Prose,
  Table,
  TableRow,
  Commentary,
  Finance,
  Finding,
  KpiReport,
  Loc,
  Observation,
  PeriodData,
  RegisterEntry,
  Written,
} from '../domain/types.js';
import { toTarget } from './catalogue.js';
import { LOAD_FINDINGS_CAP, moreFinding } from './cap.js';
import { suggest } from './issues.js';
import type { RawAssessment, RawObservation, RawPeriod, RawRegisterEntry } from './schema.js';
import type { PosRef } from './fast.js';
import { finding } from './limits.js';
import { StoredObservation, type ObservationExtra } from './observation.js';

/** What a period file's ids are resolved against. */
export interface CatalogueIndex {
  readonly id: string;
  readonly metricIds: ReadonlySet<string>;
  readonly kpiIds: ReadonlySet<string>;
  readonly compositeKpiIds: ReadonlySet<string>;
  readonly priorityIds: ReadonlySet<string>;
  /** KPI and metric ids (what commentary may be for), for suggestions. */
  readonly commentaryIds: readonly string[];
}

export function indexCatalogue(c: Catalogue): CatalogueIndex {
  const kpis = c.priorities.flatMap((p) => p.kpis);
  return {
    id: c.id,
    metricIds: new Set(kpis.flatMap((k) => k.metrics.map((m) => m.id))),
    kpiIds: new Set(kpis.map((k) => k.id)),
    compositeKpiIds: new Set(kpis.filter((k) => k.composite).map((k) => k.id)),
    priorityIds: new Set(c.priorities.map((p) => p.id)),
    commentaryIds: [...new Set([...kpis.map((k) => k.id), ...kpis.flatMap((k) => k.metrics.map((m) => m.id))])],
  };
}

export function written(value: number, ref: PosRef): Written {
  return { value, decimals: ref.decimals(), loc: ref.loc };
}

/** UNKNOWN_REF for an id; `known` undefined: no suggestion looked for. */
export function unknownRef(what: string, id: string, loc: Loc, known: Iterable<string> | undefined, catalogueId: string): Finding {
  const near = known === undefined ? undefined : suggest(id, known);
  return finding('UNKNOWN_REF', 'error', loc, `${what} '${showText(id)}' is not in catalogue '${catalogueId}'${near ? ` (did you mean '${near}'?)` : ''}`, showText(id));
}


function toObservation(id: string, raw: RawObservation, ref: PosRef, keyAt: number, out: Finding[]): StoredObservation {
  const value = raw.value ?? null;
  const target = raw.target === undefined ? undefined : toTarget(raw.target, ref.at('target'), id, out);
  // The parts most observations lack go in one record, made only when one of them is given, and
  // built field by field (a spread of `cond ? {…} : {}` per field made ten short-lived objects).
  let extra: { -readonly [K in keyof ObservationExtra]: ObservationExtra[K] } | undefined;
  const more = () => (extra ??= {});
  if (raw.rag !== undefined) {
    more().rag = raw.rag;
    more().ragAt = ref.at('rag').offset;
  }
  if (raw.numerator !== undefined) more().numerator = written(raw.numerator, ref.at('numerator'));
  if (raw.denominator !== undefined) more().denominator = written(raw.denominator, ref.at('denominator'));
  if (raw.as_of !== undefined) {
    more().asOf = { text: raw.as_of };
    more().asOfAt = ref.at('as_of').offset;
  }
  if (target) {
    more().target = target;
    more().targetAt = ref.at('target').offset;
  }
  if (raw.target_label !== undefined) more().targetLabel = raw.target_label;
  if (raw.benchmarks !== undefined) more().benchmarks = raw.benchmarks;
  if (raw.flags !== undefined) {
    more().flags = raw.flags;
    more().flagsAt = ref.at('flags').offset;
  }
  if (raw.note !== undefined) more().note = raw.note;
  const at = ref.at('value');
  return new StoredObservation({ metricId: id, value, decimals: value === null ? 0 : at.decimals(), lines: ref.lines, keyAt, valueAt: value === null ? keyAt : at.offset, extra });
}

type RawTable = NonNullable<RawPeriod['tables']>[number];

/** A published table: each row a label and one number (or null) per column; a shape that does not fit is a SCHEMA error. */
function toTable(raw: RawTable, ref: PosRef, out: Finding[]): Table | undefined {
  const width = raw.columns.length;
  let ok = true;
  const row = (cells: RawTable['rows'][number], r: PosRef): TableRow | undefined => {
    const [label, ...rest] = cells;
    if (typeof label !== 'string' || rest.length !== width || rest.some((c) => typeof c === 'string')) {
      out.push(finding('SCHEMA', 'error', r.loc, `a row of table '${showText(raw.title)}' is its label, then ${width} number${width === 1 ? '' : 's'} (or null), one per column`));
      ok = false;
      return undefined;
    }
    return { label, cells: rest.map((c, j) => (typeof c === 'number' ? written(c, r.at(j + 1)) : null)), loc: r.loc };
  };
  const rows = raw.rows.flatMap((cells, i) => row(cells, ref.at('rows').at(i)) ?? []);
  (raw.within ?? []).forEach((cells, i) => row(cells, ref.at('within').at(i)));
  const total = raw.total === undefined ? undefined : row(raw.total, ref.at('total'));
  const adds: number[] = [];
  for (const [i, name] of (raw.adds ?? raw.columns).entries()) {
    const at = raw.columns.indexOf(name);
    if (at < 0) {
      out.push(finding('SCHEMA', 'error', ref.at('adds').at(i).loc, `table '${showText(raw.title)}' has no column '${showText(name)}' to add (its columns: ${raw.columns.map((c) => showText(c)).join(', ')})`));
      ok = false;
    } else adds.push(at);
  }
  if (!ok) return undefined;
  return { title: raw.title, columns: raw.columns, adds, rows, ...(total ? { total } : {}), loc: ref.loc };
}

function toAssessment(raw: RawAssessment | undefined, ref: PosRef, id: string, what: string, out: Finding[]): Assessment | undefined {
  if (raw === undefined) return undefined;
  if (typeof raw === 'number') return { score: raw, statedScore: raw, loc: ref.loc };
  const impact = raw.impact === undefined ? undefined : parseImpact(raw.impact);
  const likelihood = raw.likelihood === undefined ? undefined : parseLikelihood(raw.likelihood);
  if ((impact === undefined) !== (likelihood === undefined)) {
    out.push(finding('SCHEMA', 'error', ref.loc, `${what} assessment gives ${impact === undefined ? 'likelihood' : 'impact'} without ${impact === undefined ? 'impact' : 'likelihood'}: give both, or a score alone`, id));
    return undefined;
  }
  let score: number;
  if (impact !== undefined && likelihood !== undefined) score = raw.score ?? impact * likelihood;
  else if (raw.score !== undefined) score = raw.score;
  else {
    out.push(finding('SCHEMA', 'error', ref.loc, `${what} assessment needs a score, or an impact and a likelihood`, id));
    return undefined;
  }
  return {
    ...(impact !== undefined ? { impact } : {}),
    ...(likelihood !== undefined ? { likelihood } : {}),
    score,
    ...(raw.score !== undefined ? { statedScore: raw.score } : {}),
    ...(raw.by !== undefined ? { by: raw.by } : {}),
    loc: raw.score !== undefined ? ref.at('score').loc : ref.loc,
  };
}

function toEntry(raw: RawRegisterEntry, ref: PosRef, out: Finding[]): RegisterEntry {
  const inherent = toAssessment(raw.inherent, ref.at('inherent'), raw.id, 'inherent', out);
  const residual = toAssessment(raw.residual, ref.at('residual'), raw.id, 'residual', out);
  const target = toAssessment(raw.target, ref.at('target'), raw.id, 'target', out);
  return {
    id: raw.id,
    kind: raw.kind ?? 'risk',
    title: raw.title,
    ...(raw.description !== undefined ? { description: raw.description } : {}),
    ...(raw.type !== undefined ? { type: raw.type } : {}),
    ...(raw.owner !== undefined ? { owner: raw.owner } : {}),
    consequences: raw.consequences ?? [],
    controls: raw.controls ?? [],
    actions: raw.actions ?? [],
    ...(inherent ? { inherent } : {}),
    ...(residual ? { residual } : {}),
    ...(target ? { target } : {}),
    ...(raw.direction !== undefined ? { direction: raw.direction } : {}),
    loc: ref.at('id').loc,
  };
}

function validDate(text: string | undefined, ref: PosRef, what: string, out: Finding[]): void {
  if (text !== undefined && parseIsoDate(text) === undefined) out.push(finding('SCHEMA', 'error', ref.loc, `${what} '${showText(text)}' is not a real date`));
}

/** Converts a schema-valid period file; `index` is undefined when the catalogue did not load. */
export function toPeriodData(raw: RawPeriod, ref: PosRef, file: string, index: CatalogueIndex | undefined, source?: string): { data?: PeriodData; findings: Finding[] } {
  const out: Finding[] = [];
  const period = parsePeriod(raw.period);
  if (!period) {
    out.push(finding('SCHEMA', 'error', ref.at('period').loc, `period '${showText(raw.period)}' is not a financial year: the two years must follow each other (e.g. 2019/20)`));
  }
  validDate(raw.published, ref.at('published'), 'published date', out);

  // Unknown ids, reported in file order after both sections; only those shown are made into
  // findings, with a suggestion, the rest counted (load errors are capped per file: see cap.ts).
  const unknown: Array<{ what: string; id: string; loc: Loc; known: Iterable<string> }> = [];
  const observations = new Map<string, Observation>();
  const kpiReports = new Map<string, KpiReport>();
  const obsRef = ref.at('observations');
  for (const [id, o] of Object.entries(raw.observations ?? {})) {
    const r = obsRef.at(id);
    if (index && !index.metricIds.has(id)) {
      if (index.compositeKpiIds.has(id)) {
        const extra = (['value', 'numerator', 'denominator', 'target', 'benchmarks', 'as_of'] as const).filter((k) => o[k] !== undefined);
        for (const k of extra) {
          out.push(finding('SCHEMA', 'error', r.keyLoc(k), `'${id}' is a composite KPI: its observation may give only rag and note; '${k}' belongs on each of its metrics`, id));
        }
        kpiReports.set(id, {
          kpiId: id,
          ...(o.rag !== undefined ? { rag: o.rag, ragLoc: r.at('rag').loc } : {}),
          ...(o.note !== undefined ? { note: o.note } : {}),
          loc: obsRef.keyLoc(id),
        });
        continue;
      }
      unknown.push({ what: 'observation for metric', id, loc: obsRef.keyLoc(id), known: index.metricIds });
      continue;
    }
    observations.set(id, toObservation(id, o, r, obsRef.keyOffset(id), out));
  }

  const commentary = new Map<string, Commentary>();
  const prose: Prose[] = [];
  let lines: string[] | undefined;
  /** Prose with a figure in it, and where it runs in the file (read for NARRATIVE_ARITHMETIC). */
  const addProse = (text: string | undefined, at: PosRef, id: string) => {
    if (text === undefined || !/\d/.test(text)) return;
    lines ??= source?.split(/\r\n|\r|\n/);
    prose.push({ text, ...proseStart(lines, at.loc, text), id });
  };
  for (const [id, o] of observations) if (o.note !== undefined) addProse(o.note, obsRef.at(id).at('note'), id);
  const comRef = ref.at('commentary');
  for (const [id, c] of Object.entries(raw.commentary ?? {})) {
    if (index && !index.kpiIds.has(id) && !index.metricIds.has(id)) {
      unknown.push({ what: 'commentary for', id, loc: comRef.keyLoc(id), known: index.commentaryIds });
      continue;
    }
    const loc = comRef.keyLoc(id);
    const cr = comRef.at(id);
    if (typeof c === 'string') addProse(c, cr, id);
    else {
      addProse(c.summary, cr.at('summary'), id);
      for (const part of ['issues', 'causes', 'actions'] as const) (c[part] ?? []).forEach((t, i) => addProse(t, cr.at(part).at(i), id));
    }
    commentary.set(
      id,
      typeof c === 'string'
        ? { id, text: c, issues: [], causes: [], actions: [], loc }
        : { id, ...(c.summary !== undefined ? { summary: c.summary } : {}), issues: c.issues ?? [], causes: c.causes ?? [], actions: c.actions ?? [], loc },
    );
  }

  if (index) {
    unknown.sort((a, b) => a.loc.line - b.loc.line || a.loc.col - b.loc.col);
    // Past the cap, the rest are only counted (from where the first left out is).
    const shown = Math.min(unknown.length, LOAD_FINDINGS_CAP);
    for (const u of unknown.slice(0, shown)) out.push(unknownRef(u.what, u.id, u.loc, u.known, index.id));
    const first = unknown[shown];
    if (first) out.push(moreFinding(unknownRef(first.what, first.id, first.loc, undefined, index.id), unknown.length - shown));
  }

  const claims: Claim[] = (raw.claims ?? []).map((c, i) => {
    const r = ref.at('claims').at(i);
    return { says: c.says, figure: c.figure, value: written(c.value, r.at('value')), loc: r.loc };
  });
  (raw.claims ?? []).forEach((c, i) => addProse(c.says, ref.at('claims').at(i).at('says'), c.figure));

  let finance: Finance | undefined;
  if (raw.finance) {
    const fr = ref.at('finance');
    const t = raw.finance.total;
    finance = {
      unit: raw.finance.unit ?? '£m',
      lines: raw.finance.lines.map((l, i) => {
        const lr = fr.at('lines').at(i);
        return { area: l.area, budget: written(l.budget, lr.at('budget')), forecast: written(l.forecast, lr.at('forecast')), loc: lr.loc };
      }),
      ...(t
        ? {
            total: {
              ...(t.budget !== undefined ? { budget: written(t.budget, fr.at('total').at('budget')) } : {}),
              ...(t.forecast !== undefined ? { forecast: written(t.forecast, fr.at('total').at('forecast')) } : {}),
              loc: fr.at('total').loc,
            },
          }
        : {}),
      loc: fr.loc,
    };
  }

  const tables = (raw.tables ?? []).flatMap((t, i) => {
    const table = toTable(t, ref.at('tables').at(i), out);
    return table ? [table] : [];
  });

  let register: RegisterEntry[] | undefined;
  if (raw.register) {
    const rr = ref.at('register');
    register = raw.register.map((e, i) => toEntry(e, rr.at(i), out));
    const seen = new Map<string, Loc>();
    for (const e of register) {
      const first = seen.get(e.id);
      if (first) out.push(finding('DUPLICATE_ID', 'error', e.loc, `register id '${showText(e.id)}' is already used at line ${first.line}`, e.id));
      else seen.set(e.id, e.loc);
    }
  }

  if (!period) return { findings: out };
  const data: PeriodData = {
    period,
    file,
    ...(raw.published !== undefined ? { published: raw.published } : {}),
    partial: raw.partial ?? false,
    summaryOnly: raw.summary_only ?? false,
    observations,
    kpiReports,
    commentary,
    claims,
    prose,
    tables,
    ...(finance ? { finance } : {}),
    ...(register ? { register } : {}),
    loc: ref.at('period').loc,
  };
  return { data, findings: out };
}

export function describePeriodFile(d: PeriodData): string {
  return `${formatPeriod(d.period)} (${d.file})`;
}

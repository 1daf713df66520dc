// The Checks screen: every finding for the loaded data (load warnings and check findings of all
// periods), grouped by severity (errors first) and code; Enter opens the KPI or register entry a
// finding concerns. The selected finding's whole message is shown at the bottom.

import { CHECK_CODES, LOAD_CODES, type Finding, type FindingCode, type Severity } from '../domain/types.js';
import { showText } from '../domain/text.js';
import { modelMemo } from './memo.js';
import { periodAt, type Model } from './model.js';
import type { ScreenParams, ScreenView, Target } from './screen.js';
import { clipLine, fit, seg, textWidth, truncate, windowRange, wrap, type Line, type Token } from './styled.js';
import { plural } from '../domain/format.js';

export const SEVERITIES: readonly Severity[] = ['error', 'warning', 'info'];
const CODE_ORDER: readonly FindingCode[] = [...LOAD_CODES, ...CHECK_CODES];
const SEVERITY_WORDS: Readonly<Record<Severity, string>> = { error: 'Errors', warning: 'Warnings', info: 'Info' };

export interface CheckItem {
  readonly finding: Finding;
  /** `2019-20-Q3.yaml:26`: the file's name (no directories) and the line. */
  readonly where: string;
  readonly target: Target | undefined;
}

export interface CodeGroup {
  readonly code: FindingCode;
  readonly items: readonly CheckItem[];
}

export interface SeverityGroup {
  readonly severity: Severity;
  readonly codes: readonly CodeGroup[];
  readonly count: number;
}

/** A file's name without its directories, escaped for a terminal (file names come from anyone). */
export function baseName(file: string): string {
  const parts = file.split(/[\\/]/);
  return showText(parts[parts.length - 1] ?? file, 80);
}

/** What Enter opens for a finding: the KPI of a KPI or metric id, or the register entry. */
export function findingTarget(model: Model, f: Finding, registerIds: ReadonlySet<string>): Target | undefined {
  const id = f.id;
  if (id === undefined) return undefined;
  if (model.kpis.has(id)) return { kind: 'kpi', id };
  const kpi = model.kpiOfMetric.get(id);
  if (kpi !== undefined) return { kind: 'kpi', id: kpi };
  if (registerIds.has(id)) return { kind: 'risk', id };
  return undefined;
}

/** Every finding as an item, in display order: errors, warnings, info; then by code; then file and line. */
const ordered = new WeakMap<Model, readonly CheckItem[]>();

export function checkItems(model: Model): readonly CheckItem[] {
  const cached = ordered.get(model);
  if (cached) return cached;
  const registerIds = new Set(model.ev.periods.flatMap((pe) => (pe.data.register ?? []).map((e) => e.id)));
  // Each finding's place in the order, worked out once (there may be hundreds of thousands).
  const rank = <T,>(list: readonly T[]): Map<T, number> => {
    const out = new Map<T, number>();
    list.forEach((x, i) => {
      if (!out.has(x)) out.set(x, i);
    });
    return out;
  };
  const severityRank = rank(SEVERITIES);
  const codeRank = rank(CODE_ORDER);
  const items = model.findings
    .map((f, i) => ({ f, i, severity: severityRank.get(f.severity) ?? -1, code: codeRank.get(f.code) ?? -1 }))
    .sort((a, b) => a.severity - b.severity || a.code - b.code || a.i - b.i)
    .map(({ f }) => ({ finding: f, where: `${baseName(f.file)}:${f.line}`, target: findingTarget(model, f, registerIds) }));
  ordered.set(model, items);
  return items;
}

/**
 * Findings whose code, id, message or file contains the filter (any case), and those on a KPI
 * whose id is the filter (its metrics' too: `c` in a KPI's detail opens this view so filtered).
 */
export function filterItems(items: readonly CheckItem[], filter: string): readonly CheckItem[] {
  const q = filter.trim().toLowerCase();
  if (q === '') return items;
  return items.filter(({ finding: f, target }) => (target?.kind === 'kpi' && target.id.toLowerCase() === q) || [f.code, f.id ?? '', f.message, f.file].some((s) => s.toLowerCase().includes(q)));
}

export function groupItems(items: readonly CheckItem[]): SeverityGroup[] {
  const out: SeverityGroup[] = [];
  for (const severity of SEVERITIES) {
    const codes: Array<{ code: FindingCode; items: CheckItem[] }> = [];
    for (const item of items) {
      if (item.finding.severity !== severity) continue;
      const last = codes[codes.length - 1];
      if (last && last.code === item.finding.code) last.items.push(item);
      else codes.push({ code: item.finding.code, items: [item] });
    }
    const count = codes.reduce((n, c) => n + c.items.length, 0);
    if (count > 0) out.push({ severity, codes, count });
  }
  return out;
}

interface FindingCounts {
  readonly severity: Readonly<Record<Severity, number>>;
  readonly byFile: ReadonlyMap<string, number>;
}

/** Findings by severity and by file, counted once per list of findings (a model's never changes). */
const countsMemo = new WeakMap<readonly Finding[], FindingCounts>();

function findingCounts(findings: readonly Finding[]): FindingCounts {
  const hit = countsMemo.get(findings);
  if (hit) return hit;
  const severity: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  const byFile = new Map<string, number>();
  for (const f of findings) {
    severity[f.severity] += 1;
    byFile.set(f.file, (byFile.get(f.file) ?? 0) + 1);
  }
  const counts = { severity, byFile };
  countsMemo.set(findings, counts);
  return counts;
}

/** "2 errors, 10 warnings, 13 info · 9 in 2019/20 Q3" (the findings in that period's file). */
export function summaryLine(findings: readonly Finding[], period?: { readonly label: string; readonly file: string }): Line {
  const counts = findingCounts(findings);
  const [e, w, i] = [counts.severity.error, counts.severity.warning, counts.severity.info];
  const inPeriod = period ? (counts.byFile.get(period.file) ?? 0) : 0;
  return [
    seg(plural(e, 'error'), e > 0 ? 'error' : 'text.muted'),
    seg(', '),
    seg(plural(w, 'warning'), w > 0 ? 'warning' : 'text.muted'),
    seg(', '),
    seg(`${i} info`, i > 0 ? 'info' : 'text.muted'),
    ...(period ? [seg(` · ${inPeriod} in ${period.label}`, 'text.muted')] : []),
  ];
}

const SEVERITY_TOKENS: Readonly<Record<Severity, Token>> = { error: 'error', warning: 'warning', info: 'info' };

function targetText(model: Model, t: Target | undefined): string {
  if (!t) return 'nothing to open for this finding';
  if (t.kind === 'kpi') return `Enter opens the KPI: ${model.kpis.get(t.id)?.kpi.title ?? t.id}`;
  if (t.kind === 'risk') return `Enter opens register entry ${t.id}`;
  return `Enter opens priority ${t.id}`;
}

/** The selected finding in full: its message (up to two lines), where it is and what Enter opens. */
function detailLines(model: Model, item: CheckItem, width: number): Line[] {
  const f = item.finding;
  const message = wrap(`${f.code}${f.id ? ` ${f.id}` : ''}: ${f.message}`, width);
  const shown = message.slice(0, 2);
  if (message.length > 2) shown[1] = truncate(`${shown[1] ?? ''} ${message.slice(2).join(' ')}`, width, model.glyphs.ellipsis);
  return [
    ...shown.map((t): Line => [seg(t)]),
    [seg(`${baseName(f.file)}:${f.line}:${f.column}`, 'text.muted'), seg(' · ', 'text.muted'), seg(targetText(model, item.target), item.target ? 'focus' : 'text.muted')],
  ];
}

/** The widest `where` and id of every finding (the columns keep still while filtering). */
const widestMemo = new WeakMap<readonly CheckItem[], { readonly where: number; readonly id: number }>();

function widest(all: readonly CheckItem[]): { readonly where: number; readonly id: number } {
  const hit = widestMemo.get(all);
  if (hit) return hit;
  let where = -Infinity;
  let id = 0;
  for (const x of all) {
    where = Math.max(where, textWidth(x.where));
    id = Math.max(id, textWidth(x.finding.id ?? ''));
  }
  const out = { where, id };
  widestMemo.set(all, out);
  return out;
}

/**
 * The list of the findings matching a filter, grouped, before the cursor matters: what each row
 * of the list is (a heading, or an item), and the row of each item. Rows are built only when
 * shown (there are hundreds of thousands of findings in a large catalogue).
 */
interface PreparedChecks {
  readonly items: readonly CheckItem[];
  readonly targets: readonly (Target | undefined)[];
  /** The headings of the list. */
  readonly headings: readonly Line[];
  /** Each row of the list: an item's index (≥ 0), or −1 − the index of a heading. */
  readonly rows: Int32Array;
  /** The row of each item, ascending. */
  readonly itemLine: Int32Array;
}

const preparedChecks = modelMemo<PreparedChecks>(8);

function prepareChecks(model: Model, filter: string): PreparedChecks {
  return preparedChecks.get(model, [filter], () => {
    const items = filterItems(checkItems(model), filter);
    const headings: Line[] = [];
    const rows: number[] = [];
    const itemLine = new Int32Array(items.length);
    let index = 0;
    for (const group of groupItems(items)) {
      rows.push(-1 - headings.length);
      headings.push([seg(`${SEVERITY_WORDS[group.severity]} (${group.count})`, SEVERITY_TOKENS[group.severity])]);
      for (const code of group.codes) {
        rows.push(-1 - headings.length);
        headings.push([seg(` ${code.code} (${code.items.length})`, 'text.heading')]);
        // groupItems keeps the order of `items`: its items come one after another.
        for (let k = 0; k < code.items.length; k++) {
          itemLine[index] = rows.length;
          rows.push(index);
          index += 1;
        }
      }
    }
    return { items, targets: items.map((x) => x.target), headings, rows: Int32Array.from(rows), itemLine };
  });
}

/** How many of the ascending `sorted` are below `value`. */
function countBelow(sorted: Int32Array, value: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((sorted[mid] ?? 0) < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export function checksScreen(model: Model, p: ScreenParams): ScreenView {
  if (model.checking) {
    return { title: 'Checks', lines: [clipLine([seg('Checking the data …', 'text.muted')], p.width)], size: 0, targets: [], sortColumns: 0 };
  }
  const all = checkItems(model);
  const prepared = prepareChecks(model, p.filter);
  const { items, targets, itemLine } = prepared;
  const q = p.filter.trim();
  const pe = periodAt(model, p.period);
  const summary: Line = [...summaryLine(model.findings, { label: model.periodLabels[p.period] ?? '', file: pe.data.file }), ...(q === '' ? [] : [seg(` · ${items.length} match "${q}"`, 'focus')])];
  if (all.length === 0) {
    return { title: 'Checks', lines: [clipLine([seg(`${model.glyphs.rag.green} No findings: the loaded data passes every check.`, 'rag.green')], p.width)], size: 0, targets, sortColumns: 0 };
  }
  if (items.length === 0) {
    return { title: 'Checks', lines: [clipLine(summary, p.width), [], clipLine([seg(`No finding matches "${q}".`, 'text.muted')], p.width)], size: 0, targets, sortColumns: 0 };
  }

  const cursor = Math.max(0, Math.min(p.cursor, items.length - 1));
  const e = model.glyphs.ellipsis;
  // Columns of the rows, sized over every finding so they stay put while scrolling.
  const wide = widest(all);
  const whereW = Math.min(wide.where, Math.floor(p.width * 0.34));
  const idW = Math.min(wide.id, Math.floor(p.width * 0.25));
  const messageW = Math.max(1, p.width - 2 - whereW - 1 - idW - 1);
  const rowLine = (row: number): Line => {
    const index = prepared.rows[row] ?? 0;
    const item = index < 0 ? undefined : items[index];
    if (!item) return prepared.headings[-1 - index] ?? [];
    const selected = index === cursor;
    const f = item.finding;
    return [
      seg(selected ? `${model.glyphs.cursor} ` : '  ', selected ? 'focus' : undefined),
      seg(fit(item.where, whereW, 'left', e), selected ? 'focus' : 'text.muted'),
      seg(' '),
      seg(fit(f.id ?? '', idW, 'left', e), selected ? 'focus' : undefined),
      seg(' '),
      seg(truncate(f.message, messageW, e), selected ? 'focus' : undefined),
    ];
  };
  const listLength = prepared.rows.length;
  const rowsOf = (start: number, end: number): Line[] => Array.from({ length: end - start }, (_, i) => rowLine(start + i));

  const selected = items[cursor];
  const detail = selected ? [[], ...detailLines(model, selected, p.width)] : [];
  const room = Math.max(1, p.height - 1 - detail.length);
  let body: Line[];
  if (listLength <= room) body = rowsOf(0, listLength);
  else {
    // Keep the severity and code headings of the first item in view while the cursor is there.
    const focus = cursor === 0 ? 0 : (itemLine[cursor] ?? 0);
    let win = windowRange(listLength, focus, Math.max(1, room - 1));
    if (win.above && win.below) win = windowRange(listLength, focus, Math.max(1, room - 2));
    const above = countBelow(itemLine, win.start);
    const below = items.length - countBelow(itemLine, win.end);
    body = [
      ...(win.above ? [[seg(`${model.glyphs.direction.better} ${plural(above, 'more finding')} above`, 'text.muted')]] : []),
      ...rowsOf(win.start, win.end),
      ...(win.below ? [[seg(`${model.glyphs.direction.worse} ${plural(below, 'more finding')} below`, 'text.muted')]] : []),
    ];
  }
  const lines = [summary, ...body, ...detail].slice(0, Math.max(1, p.height)).map((l) => clipLine(l, p.width, e));
  return { title: 'Checks', lines, size: items.length, targets, sortColumns: 0 };
}

// The Checks screen: every finding for the loaded data (load warnings and check findings of all
// periods), grouped by severity (errors first) and code; Enter opens the KPI or register entry a
// finding concerns. The selected finding's whole message is shown at the bottom.

import { CHECK_CODES, LOAD_CODES, type Finding, type FindingCode, type Severity } from '../domain/types.js';
import { periodAt, type Model } from './model.js';
import type { ScreenParams, ScreenView, Target } from './screen.js';
import { clipLine, fit, seg, textWidth, truncate, visibleWindow, wrap, type Line, type Token } from './styled.js';

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

export function baseName(file: string): string {
  const parts = file.split(/[\\/]/);
  return parts[parts.length - 1] ?? file;
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
  const items = model.findings
    .map((f, i) => ({ f, i }))
    .sort((a, b) => SEVERITIES.indexOf(a.f.severity) - SEVERITIES.indexOf(b.f.severity) || CODE_ORDER.indexOf(a.f.code) - CODE_ORDER.indexOf(b.f.code) || a.i - b.i)
    .map(({ f }) => ({ finding: f, where: `${baseName(f.file)}:${f.line}`, target: findingTarget(model, f, registerIds) }));
  ordered.set(model, items);
  return items;
}

/** Findings whose code, id, message or file contains the filter (any case). */
export function filterItems(items: readonly CheckItem[], filter: string): readonly CheckItem[] {
  const q = filter.trim().toLowerCase();
  if (q === '') return items;
  return items.filter(({ finding: f }) => [f.code, f.id ?? '', f.message, f.file].some((s) => s.toLowerCase().includes(q)));
}

export function groupItems(items: readonly CheckItem[]): SeverityGroup[] {
  const out: SeverityGroup[] = [];
  for (const severity of SEVERITIES) {
    const codes: CodeGroup[] = [];
    for (const item of items) {
      if (item.finding.severity !== severity) continue;
      const last = codes[codes.length - 1];
      if (last && last.code === item.finding.code) (last.items as CheckItem[]).push(item);
      else codes.push({ code: item.finding.code, items: [item] });
    }
    const count = codes.reduce((n, c) => n + c.items.length, 0);
    if (count > 0) out.push({ severity, codes, count });
  }
  return out;
}

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** "2 errors, 10 warnings, 13 info · 9 in 2019/20 Q3" (the findings in that period's file). */
export function summaryLine(findings: readonly Finding[], period?: { readonly label: string; readonly file: string }): Line {
  const n = (s: Severity) => findings.filter((f) => f.severity === s).length;
  const [e, w, i] = [n('error'), n('warning'), n('info')];
  const inPeriod = period ? findings.filter((f) => f.file === period.file).length : 0;
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

export function checksScreen(model: Model, p: ScreenParams): ScreenView {
  const all = checkItems(model);
  const items = filterItems(all, p.filter);
  const q = p.filter.trim();
  const pe = periodAt(model, p.period);
  const summary: Line = [...summaryLine(model.findings, { label: model.periodLabels[p.period] ?? '', file: pe.data.file }), ...(q === '' ? [] : [seg(` · ${items.length} match "${q}"`, 'focus')])];
  const targets = items.map((x) => x.target);
  if (all.length === 0) {
    return { title: 'Checks', lines: [clipLine([seg(`${model.glyphs.rag.green} No findings: the loaded data passes every check.`, 'rag.green')], p.width)], size: 0, targets, sortColumns: 0 };
  }
  if (items.length === 0) {
    return { title: 'Checks', lines: [clipLine(summary, p.width), [], clipLine([seg(`No finding matches "${q}".`, 'text.muted')], p.width)], size: 0, targets, sortColumns: 0 };
  }

  const cursor = Math.max(0, Math.min(p.cursor, items.length - 1));
  const e = model.glyphs.ellipsis;
  // Columns of the rows, sized over every finding so they stay put while scrolling.
  const whereW = Math.min(Math.max(...all.map((x) => textWidth(x.where))), Math.floor(p.width * 0.34));
  const idW = Math.min(Math.max(0, ...all.map((x) => textWidth(x.finding.id ?? ''))), Math.floor(p.width * 0.25));
  const messageW = Math.max(1, p.width - 2 - whereW - 1 - idW - 1);

  const list: Line[] = [];
  const itemLine: number[] = [];
  for (const group of groupItems(items)) {
    list.push([seg(`${SEVERITY_WORDS[group.severity]} (${group.count})`, SEVERITY_TOKENS[group.severity])]);
    for (const code of group.codes) {
      list.push([seg(` ${code.code} (${code.items.length})`, 'text.heading')]);
      for (const item of code.items) {
        const index = itemLine.length;
        const selected = index === cursor;
        itemLine.push(list.length);
        const f = item.finding;
        list.push([
          seg(selected ? '▸ ' : '  ', selected ? 'focus' : undefined),
          seg(fit(item.where, whereW, 'left', e), selected ? 'focus' : 'text.muted'),
          seg(' '),
          seg(fit(f.id ?? '', idW, 'left', e), selected ? 'focus' : undefined),
          seg(' '),
          seg(truncate(f.message, messageW, e), selected ? 'focus' : undefined),
        ]);
      }
    }
  }

  const selected = items[cursor];
  const detail = selected ? [[], ...detailLines(model, selected, p.width)] : [];
  const room = Math.max(1, p.height - 1 - detail.length);
  let body: Line[];
  if (list.length <= room) body = list;
  else {
    // Keep the severity and code headings of the first item in view while the cursor is there.
    const focus = cursor === 0 ? 0 : (itemLine[cursor] ?? 0);
    let win = visibleWindow(list, focus, Math.max(1, room - 1));
    if (win.above && win.below) win = visibleWindow(list, focus, Math.max(1, room - 2));
    const end = win.start + win.items.length;
    const above = itemLine.filter((l) => l < win.start).length;
    const below = itemLine.filter((l) => l >= end).length;
    body = [
      ...(win.above ? [[seg(`${model.glyphs.direction.better} ${plural(above, 'more finding')} above`, 'text.muted')]] : []),
      ...win.items,
      ...(win.below ? [[seg(`${model.glyphs.direction.worse} ${plural(below, 'more finding')} below`, 'text.muted')]] : []),
    ];
  }
  const lines = [summary, ...body, ...detail].slice(0, Math.max(1, p.height)).map((l) => clipLine(l, p.width, e));
  return { title: 'Checks', lines, size: items.length, targets, sortColumns: 0 };
}

// The `:` jump line: `:kpi <id or words>`, `:risk CR3`, `:period 2019/20 Q2`, `:priority <id>`,
// with Tab completion. Pure.

import { formatPeriod, parsePeriod, samePeriod } from '../domain/period.js';
import type { Model } from './model.js';
import type { Target } from './screen.js';

export type JumpResult = { readonly target: Target } | { readonly period: number } | { readonly error: string };

const KINDS = ['kpi', 'risk', 'period', 'priority'] as const;
type Kind = (typeof KINDS)[number];

function isKind(word: string): word is Kind {
  return KINDS.some((k) => k === word);
}

/** A candidate: the text completion offers, and where it goes (a period by its index). */
interface Candidate {
  readonly value: string;
  readonly target: Target | number;
}

function registerIds(model: Model, period: number): string[] {
  const ids = new Set<string>();
  const pe = model.ev.periods[period];
  for (const e of pe?.data.register ?? []) ids.add(e.id);
  for (const p of model.ev.periods) for (const e of p.data.register ?? []) ids.add(e.id);
  return [...ids];
}

/** Candidates for the argument of a kind, best first. */
function candidates(model: Model, kind: Kind, arg: string, period: number): Candidate[] {
  const q = arg.trim().toLowerCase();
  switch (kind) {
    case 'kpi': {
      const all = [...model.kpis.values()].map(({ kpi }) => ({ value: kpi.id, title: kpi.title.toLowerCase(), target: { kind: 'kpi', id: kpi.id } satisfies Target }));
      const exact = all.filter((k) => k.value === q);
      const prefix = all.filter((k) => k.value.startsWith(q) && k.value !== q);
      const words = q.split(/\s+/).filter(Boolean);
      const byWords = all.filter((k) => !k.value.startsWith(q) && words.length > 0 && words.every((w) => k.title.includes(w) || k.value.includes(w)));
      // A metric id of a composite opens its KPI.
      const metric = model.kpiOfMetric.get(q);
      const viaMetric = metric && metric !== q ? [{ value: q, title: '', target: { kind: 'kpi', id: metric } satisfies Target }] : [];
      return [...exact, ...viaMetric, ...prefix, ...byWords];
    }
    case 'priority':
      return model.priorities
        .filter((p) => p.id.startsWith(q) || p.title.toLowerCase().includes(q))
        .map((p) => ({ value: p.id, target: { kind: 'priority', id: p.id } satisfies Target }));
    case 'risk':
      return registerIds(model, period)
        .filter((id) => id.toLowerCase().startsWith(q))
        .map((id) => ({ value: id, target: { kind: 'risk', id } satisfies Target }));
    case 'period':
      return model.periodLabels
        .map((label, i) => ({ value: label, target: i }))
        .filter((x) => x.value.toLowerCase().startsWith(q) || x.value.toLowerCase().replace(/\s+/g, '').includes(q.replace(/\s+/g, '')));
  }
}

function split(text: string): { kind: string; arg: string } {
  const t = text.replace(/^:/, '').trimStart();
  const m = /^(\S*)\s*(.*)$/.exec(t);
  return { kind: (m?.[1] ?? '').toLowerCase(), arg: m?.[2] ?? '' };
}

/** Resolves a jump line to where it goes. */
export function resolveJump(model: Model, text: string, period: number): JumpResult {
  const { kind, arg } = split(text);
  if (!isKind(kind)) return { error: `unknown jump '${kind}': use kpi, risk, period or priority` };
  if (arg.trim() === '') return { error: `:${kind} needs ${kind === 'period' ? 'a period like 2019/20 Q2' : 'an id'}` };
  if (kind === 'period') {
    const wanted = parsePeriod(arg);
    if (wanted) {
      const i = model.ev.periods.findIndex((p) => samePeriod(p.data.period, wanted));
      return i >= 0 ? { period: i } : { error: `no period file for ${formatPeriod(wanted)}` };
    }
  }
  const found = candidates(model, kind, arg, period)[0];
  if (!found) return { error: `no ${kind} matches '${arg.trim()}'` };
  return typeof found.target === 'number' ? { period: found.target } : { target: found.target };
}

/** Tab completion: the jump kind first, then the first candidate for the argument. */
export function completeJump(model: Model, text: string, period: number): string {
  const { kind, arg } = split(text);
  if (!/\s/.test(text.replace(/^:/, '').trimStart())) {
    const k = KINDS.find((x) => x.startsWith(kind));
    return k ? `${k} ` : text;
  }
  if (!isKind(kind)) return text;
  const first = candidates(model, kind, arg, period)[0];
  return first ? `${kind} ${first.value}` : text;
}

/** What the completion would offer, for the prompt line. */
export function jumpHint(model: Model, text: string, period: number): string {
  const { kind, arg } = split(text);
  if (!isKind(kind) || !/\s/.test(text)) return 'kpi · risk · period · priority';
  return candidates(model, kind, arg, period)
    .slice(0, 4)
    .map((c) => c.value)
    .join(' · ');
}

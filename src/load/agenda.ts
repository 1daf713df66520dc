// An agenda file's content, validated, as the domain's Agenda: its period and every item's
// `show:` checked against the catalogue and the register of the period it is for.

import { formatPeriod, parsePeriod, samePeriod } from '../domain/period.js';
import { showText } from '../domain/text.js';
import { SHOW_KINDS, SHOW_REF_KINDS, type Agenda, type AgendaItem, type Finding, type PeriodData, type Show } from '../domain/types.js';
import type { PosRef } from './fast.js';
import { unknownRef, type CatalogueIndex } from './period.js';
import type { RawAgenda } from './schema.js';
import { finding } from './limits.js';

function toShow(text: string): Show {
  // The schema has checked the text: a kind, or a kind that takes an id and its id.
  const at = text.indexOf(':');
  const ref = SHOW_REF_KINDS.find((k) => k === text.slice(0, at));
  if (at > 0 && ref) return { kind: ref, id: text.slice(at + 1).trim() };
  return { kind: SHOW_KINDS.find((k) => k === text) ?? 'text' };
}

/** What an agenda is checked against: each period given, and its register's ids. */
export type AgendaPeriods = ReadonlyArray<Pick<PeriodData, 'period'> & { readonly register?: ReadonlyArray<{ readonly id: string }> }>;

export function toAgenda(raw: RawAgenda, ref: PosRef, file: string, index: CatalogueIndex | undefined, periods: AgendaPeriods, out: Finding[]): Agenda {
  const period = raw.period === undefined ? undefined : parsePeriod(raw.period);
  if (raw.period !== undefined && !period) out.push(finding('SCHEMA', 'error', ref.at('period').loc, `period '${showText(raw.period)}' is not a financial year: the two years must follow each other (e.g. 2019/20)`));
  if (period && index && !periods.some((p) => samePeriod(p.period, period))) {
    out.push(finding('UNKNOWN_REF', 'error', ref.at('period').loc, `the agenda is for ${formatPeriod(period)}, but no period file gives it`));
  }
  const registerIds = new Set<string>();
  for (const p of periods) {
    if (period && !samePeriod(p.period, period)) continue;
    for (const e of p.register ?? []) registerIds.add(e.id);
  }
  const items: AgendaItem[] = raw.items.map((it, i) => {
    const r = ref.at('items').at(i);
    const show = toShow(it.show);
    if (index && 'id' in show) {
      const loc = r.at('show').loc;
      if (show.kind === 'priority' && !index.priorityIds.has(show.id)) out.push(unknownRef('priority', show.id, loc, index.priorityIds, index.id));
      if (show.kind === 'kpi' && !index.kpiIds.has(show.id) && !index.metricIds.has(show.id)) out.push(unknownRef('KPI', show.id, loc, index.kpiIds, index.id));
      if (show.kind === 'risk' && !registerIds.has(show.id)) {
        out.push(finding('UNKNOWN_REF', 'error', loc, `register entry '${showText(show.id)}' is not in the register${period ? ` for ${formatPeriod(period)}` : ''}`, show.id));
      }
    }
    return {
      title: it.title,
      show,
      ...(it.notes !== undefined ? { notes: it.notes } : {}),
      ...(it.minutes !== undefined ? { minutes: it.minutes } : {}),
      loc: r.loc,
    };
  });
  if (raw.date !== undefined && !/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/.test(raw.date)) {
    out.push(finding('SCHEMA', 'error', ref.at('date').loc, `date '${showText(raw.date)}' is not a real date`));
  }
  return { meeting: raw.meeting, ...(raw.date !== undefined ? { date: raw.date } : {}), ...(period ? { period } : {}), items, file };
}

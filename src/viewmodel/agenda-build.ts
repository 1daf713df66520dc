// The agenda presenter mode walks through: the agenda file's items, in order, or, when there is
// none for the period, one built the way the reports are written, exceptions first: the overview,
// then for each priority (catalogue order) a summary slide and its red then amber KPIs, the heat
// grid, the risks that are new, whose residual score rose or that sit above the appetite, and the
// finance table; the meeting's length (--minutes, default 90) shared out as each item's budget. Pure.

import { formatPeriod, samePeriod } from '../domain/period.js';
import type { Agenda } from '../domain/types.js';
import type { AgendaEntry, MeetingAgenda } from './agenda.js';
import { RAG_WORDS } from './glyphs.js';
import { kpiFigure } from './figure.js';
import { periodAt, type Model } from './model.js';
import { registerOf } from './register.js';

/**
 * The loaded agenda for a period: one whose `period` is that period, else one that names no period.
 * Of several, the one loaded last (an `--agenda FILE` is loaded after the data directory's).
 */
export function agendaOfPeriod(model: Model, period: number): Agenda | undefined {
  const data = periodAt(model, period).data;
  const agendas = model.ev.dataset.agendas;
  const exact = agendas.filter((a) => a.period !== undefined && samePeriod(a.period, data.period));
  // Of two for one period, the later meeting (`date:`), else the one loaded last.
  const latest = exact.reduce<Agenda | undefined>((best, a) => (!best || (a.date ?? '') >= (best.date ?? '') ? a : best), undefined);
  if (latest) return latest;
  const open = agendas.filter((a) => a.period === undefined);
  return open[open.length - 1];
}

/** A meeting's length when --minutes does not say (a committee's usual slot). */
export const DEFAULT_MEETING_MINUTES = 90;

function entries(items: ReadonlyArray<Omit<AgendaEntry, 'index'>>): AgendaEntry[] {
  return items.map((it, index) => ({ ...it, index }));
}

/** The generated agenda: exceptions first, as the reports are written. */
function generated(model: Model, period: number): MeetingAgenda {
  const pe = periodAt(model, period);
  const label = formatPeriod(pe.data.period);
  const catalogue = model.ev.dataset.catalogue;
  const items: Array<Omit<AgendaEntry, 'index'>> = [];
  const s = pe.summary;
  items.push({
    title: `Overview, ${label}`,
    show: { kind: 'overview' },
    notes: `${s.green_count} of ${s.rated_count} rated KPIs achieving target; ${s.amber_count} amber, ${s.red_count} red, ${s.unrated_count} unrated.`,
  });

  for (const priority of model.priorities) {
    const rated = priority.kpis.map((k) => pe.kpis.get(k.id)).filter((k) => k?.hasData === true);
    if (rated.length > 0) {
      const n = (rag: string) => rated.filter((k) => k?.counted === rag).length;
      items.push({
        title: priority.title,
        show: { kind: 'priority', id: priority.id },
        notes: `${rated.length} KPI${rated.length === 1 ? '' : 's'} reported: ${n('green')} green, ${n('amber')} amber, ${n('red')} red, ${n('unrated')} unrated.`,
      });
    }
    for (const rag of ['red', 'amber'] as const) {
      for (const kpi of priority.kpis) {
        const k = pe.kpis.get(kpi.id);
        if (!k?.hasData || k.counted !== rag) continue;
        // The speaker's note: the deciding figure against the target that rated it, and the rule behind the RAG.
        const f = kpiFigure(model, period, kpi.id);
        const m = f?.deciding;
        const target = m?.target.text;
        const figure = m?.value !== undefined ? `: ${m.valueText}${target ? ` against a target of ${target}` : ''}` : '';
        const why = m?.rule;
        items.push({ title: `${priority.title}: ${kpi.title}`, show: { kind: 'kpi', id: kpi.id }, notes: `${RAG_WORDS[rag]}${figure}.${why ? ` ${why}.` : ''}` });
      }
    }
  }

  const register = pe.data.register;
  if (register !== undefined && register.length > 0) {
    items.push({ title: `Risk register heat grid, ${label}`, show: { kind: 'heatgrid' } });
    const appetite = catalogue.riskAppetite;
    for (const v of registerOf(model, period)) {
      if (v.entry.kind !== 'risk') continue;
      const rose = v.movement === 'up';
      // New as the register's one rule says (registerOf: not in the previous register, or published as new).
      const isNew = v.movement === 'new';
      if (!rose && !isNew && !v.aboveAppetite) continue;
      const now = v.entry.residual?.score;
      const was = v.before?.residual?.score;
      const why = [
        ...(isNew ? [`New risk${now !== undefined ? `, residual score ${now}` : ''}`] : []),
        ...(rose && was !== undefined && now !== undefined ? [`Residual score rose from ${was} to ${now}`] : []),
        ...(v.aboveAppetite && appetite !== undefined ? [`above the risk appetite of ${appetite}`] : []),
      ].join('; ');
      items.push({ title: `${isNew ? 'New risk ' : ''}${v.entry.id} ${v.entry.title}`, show: { kind: 'risk', id: v.entry.id }, notes: `${why.charAt(0).toUpperCase()}${why.slice(1)}.` });
    }
  }

  if (pe.data.finance) items.push({ title: `Budget monitoring, ${label}`, show: { kind: 'finance' } });

  // The meeting's length shared out: whole minutes each, at least one.
  const each = Math.max(1, Math.floor((model.meetingMinutes ?? DEFAULT_MEETING_MINUTES) / Math.max(1, items.length)));
  return { meeting: `${catalogue.title}, ${label}`, generated: true, items: entries(items.map((it) => ({ ...it, minutes: each }))) };
}

/**
 * The agenda for `period`: the given agenda (or the loaded one for the period) with its items in
 * order, or, without one, the generated exceptions-first agenda.
 */
export function agendaFor(model: Model, period: number, agenda?: Agenda): MeetingAgenda {
  const a = agenda ?? agendaOfPeriod(model, period);
  if (!a) return generated(model, period);
  return {
    meeting: a.meeting,
    ...(a.date !== undefined ? { date: a.date } : {}),
    generated: false,
    items: entries(
      a.items.map((it) => ({
        title: it.title,
        show: it.show,
        ...(it.notes !== undefined ? { notes: it.notes } : {}),
        ...(it.minutes !== undefined ? { minutes: it.minutes } : {}),
      })),
    ),
  };
}

/**
 * The period `ragtop present` opens on when none is named: the agenda given with --agenda, else
 * the latest period that has an agenda file (of two for one period, the later `date:`), else the
 * latest period. Never the period last browsed: the meeting is the one on the agenda.
 */
export function meetingPeriodOf(model: Model, chosen?: Agenda): number {
  const latest = model.ev.periods.length - 1;
  const indexOf = ({ period }: Agenda): number => (period === undefined ? -1 : model.ev.periods.findIndex((p) => samePeriod(p.data.period, period)));
  if (chosen) return chosen.period === undefined ? latest : indexOf(chosen) >= 0 ? indexOf(chosen) : latest;
  let best: { index: number; date: string } | undefined;
  for (const a of model.ev.dataset.agendas) {
    const index = indexOf(a);
    if (index < 0) continue;
    const date = a.date ?? '';
    if (!best || index > best.index || (index === best.index && date > best.date)) best = { index, date };
  }
  return best ? best.index : latest;
}

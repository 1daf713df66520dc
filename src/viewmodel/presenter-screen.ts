// Presenter mode's audience screen: the slide for the current agenda item, the agenda index (i),
// or nothing at all (b). The agenda is built once per model and period.

import type { Agenda } from '../domain/types.js';
import { agendaFor } from './agenda-build.js';
import type { AgendaEntry, MeetingAgenda } from './agenda.js';
import type { Model } from './model.js';
import type { ScreenParams, ScreenView, Target } from './screen.js';
import { slidePoints, slideView } from './slides.js';
import { clipLine, fit, seg, visibleWindow, type Line } from './styled.js';

const agendas = new WeakMap<Model, Map<string, MeetingAgenda>>();

/** The meeting's agenda for a period (the agenda file's, or one built exceptions-first); cached. */
export function meetingAgenda(model: Model, period: number, agenda?: Agenda): MeetingAgenda {
  let byPeriod = agendas.get(model);
  if (!byPeriod) agendas.set(model, (byPeriod = new Map<string, MeetingAgenda>()));
  const key = `${period}|${agenda?.file ?? ''}`;
  let found = byPeriod.get(key);
  if (!found) byPeriod.set(key, (found = agendaFor(model, period, agenda)));
  return found;
}

/** What `d` / Enter opens for an item: the analyst view of what is on the slide. */
export function drillTarget(entry: AgendaEntry | undefined): Target | undefined {
  const show = entry?.show;
  if (!show) return undefined;
  switch (show.kind) {
    case 'kpi':
      return { kind: 'kpi', id: show.id };
    case 'priority':
      return { kind: 'priority', id: show.id };
    case 'risk':
      return { kind: 'risk', id: show.id };
    default:
      return undefined;
  }
}

/** Which top-level analyst view an item without its own target drills into. */
export function drillView(entry: AgendaEntry | undefined): 'overview' | 'register' | 'heatgrid' | 'finance' | undefined {
  switch (entry?.show.kind) {
    case 'overview':
    case 'exceptions':
      return 'overview';
    case 'register':
      return 'register';
    case 'heatgrid':
      return 'heatgrid';
    case 'finance':
      return 'finance';
    default:
      return undefined;
  }
}

/** The item's commentary points, in the same order as its slide shows them (for the notes). */
export function commentaryPoints(model: Model, period: number, entry: AgendaEntry | undefined): string[] {
  const show = entry?.show;
  if (!show || (show.kind !== 'kpi' && show.kind !== 'priority')) return [];
  if (show.kind === 'kpi') return slidePoints(model, period, show.id);
  const kpis = model.priorities.find((p) => p.id === show.id)?.kpis ?? [];
  return kpis.flatMap((k) => slidePoints(model, period, k.id)).slice(0, 3);
}

export type PresentParams = NonNullable<ScreenParams['present']>;

/** The agenda's item numbered `n` ("5. Indicators …"): the first whose title starts "n." or "n ", else the nth. */
export function itemNumbered(meeting: MeetingAgenda, n: number): number {
  const numbered = new RegExp(`^\\s*(?:item\\s+)?0*${n}(?:[.):]|\\s)`, 'i');
  const found = meeting.items.findIndex((it) => numbered.test(it.title));
  return found >= 0 ? found : n - 1;
}

/**
 * The audience screen for the meeting of period `p.period`: item `present.item` (clamped to the
 * agenda, which a reload may have shortened), the index, or nothing when blanked.
 */
export function presenterScreen(model: Model, p: ScreenParams, present: PresentParams, agenda?: Agenda): ScreenView {
  const meeting = meetingAgenda(model, p.period, agenda);
  const item = Math.max(0, Math.min(present.item, meeting.items.length - 1));
  const entry = meeting.items[item];
  // Short, for the breadcrumbs of a drill-out (Overview › Presenting 5/17 › Register).
  const title = `Presenting ${item + 1}/${meeting.items.length}`;
  if (present.blank === 'white') return { title, lines: Array.from({ length: Math.max(1, p.height) }, () => [seg(' '.repeat(Math.max(1, p.width)), 'blank.white')]), size: 0, targets: [], sortColumns: 0 };
  if (present.blank) return { title, lines: [], size: 0, targets: [], sortColumns: 0 };
  if (present.index) {
    const lines: Line[] = [[seg(meeting.meeting, 'text.title')], [seg(`${meeting.items.length} items${meeting.generated ? ' (built from the data: no agenda file for this period)' : ''} · Enter goes to an item, Esc closes`, 'text.muted')], []];
    const win = visibleWindow(meeting.items, present.indexCursor, Math.max(1, p.height - lines.length));
    for (const [i, it] of win.items.entries()) {
      const at = win.start + i;
      const selected = at === present.indexCursor;
      const mark = selected ? model.glyphs.cursor : ' ';
      lines.push([seg(`${mark} ${fit(String(at + 1), 3, 'right')}. `, selected ? 'focus' : 'text.muted'), seg(it.title, selected ? 'focus' : at === item ? 'text.title' : undefined), ...(it.minutes ? [seg(`  ${it.minutes} min`, 'text.muted')] : [])]);
    }
    return { title, lines: lines.map((l) => clipLine(l, p.width, model.glyphs.ellipsis)), size: meeting.items.length, targets: [], sortColumns: 0 };
  }
  if (!entry) return { title, lines: [[seg('The agenda has no items.', 'text.muted')]], size: 0, targets: [], sortColumns: 0 };
  const slide = slideView(model, entry, { ...p, meeting: meeting.meeting });
  return { ...slide, title };
}

// The items a presenter walks through: the agenda file's items, or, without one, an agenda built
// the way the reports are written (exceptions first). Types here; the builder is agendaFor().

import type { Show } from '../domain/types.js';

export interface AgendaEntry {
  /** 0-based position. */
  readonly index: number;
  readonly title: string;
  readonly show: Show;
  /** Speaker notes: never on the audience screen. */
  readonly notes?: string;
  /** The item's time budget in minutes, from the agenda file. */
  readonly minutes?: number;
}

export interface MeetingAgenda {
  readonly meeting: string;
  readonly date?: string;
  /** True when no agenda file was given and the items were generated. */
  readonly generated: boolean;
  readonly items: readonly AgendaEntry[];
}

/** What the presenter tells the speaker-notes follower, each time the item or the clock changes. */
export interface PresenterState {
  readonly meeting: string;
  /** The id of the catalogue presented (the notes of a named catalogue follow only its presenters). */
  readonly catalogue?: string;
  readonly item: number;
  readonly count: number;
  readonly title: string;
  readonly notes?: string;
  /** The item's commentary points (for a KPI or priority item), as plain text. */
  readonly commentary: readonly string[];
  readonly next?: string;
  readonly minutes?: number;
  /** Epoch milliseconds. */
  readonly meetingStartedAt: number;
  readonly itemStartedAt: number;
  /** Set when the presenter has closed. */
  readonly ended?: boolean;
}

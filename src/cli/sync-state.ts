// The presenter's state as it crosses the channel (sync.ts): one JSON object a line, from another
// process, so every line is parsed defensively and every string sanitised and bounded.

import { isMapping } from '../domain/guards.js';
import { sanitiseText } from '../domain/text.js';
import type { PresenterState } from '../viewmodel/agenda.js';

const MAX_TEXT = 20_000;
const MAX_POINTS = 100;

function text(v: unknown, multiline: boolean): string | undefined {
  if (typeof v !== 'string') return undefined;
  return sanitiseText(v.slice(0, MAX_TEXT), multiline).text;
}

function count(v: unknown): number | undefined {
  return typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= 1_000_000 ? v : undefined;
}

function instant(v: unknown): number | undefined {
  return typeof v === 'number' && Number.isFinite(v) && v >= 0 ? v : undefined;
}

/** One line from the presenter as a state, or undefined when it is not one (never throws). */
export function parseState(line: string): PresenterState | undefined {
  let raw: unknown;
  try {
    raw = JSON.parse(line);
  } catch {
    return undefined;
  }
  if (!isMapping(raw)) return undefined;
  const o = raw;
  const meeting = text(o['meeting'], false);
  const title = text(o['title'], false);
  const item = count(o['item']);
  const total = count(o['count']);
  const meetingStartedAt = instant(o['meetingStartedAt']);
  const itemStartedAt = instant(o['itemStartedAt']);
  if (meeting === undefined || title === undefined || item === undefined || total === undefined || meetingStartedAt === undefined || itemStartedAt === undefined) return undefined;
  const notes = text(o['notes'], true);
  const catalogue = text(o['catalogue'], false);
  const next = text(o['next'], false);
  const minutes = typeof o['minutes'] === 'number' && Number.isFinite(o['minutes']) && o['minutes'] > 0 ? o['minutes'] : undefined;
  const commentary = Array.isArray(o['commentary'])
    ? o['commentary']
        .slice(0, MAX_POINTS)
        .map((p) => text(p, true))
        .filter((p): p is string => p !== undefined && p.trim() !== '')
    : [];
  return {
    meeting,
    ...(catalogue !== undefined ? { catalogue } : {}),
    item,
    count: total,
    title,
    ...(notes !== undefined ? { notes } : {}),
    commentary,
    ...(next !== undefined ? { next } : {}),
    ...(minutes !== undefined ? { minutes } : {}),
    meetingStartedAt,
    itemStartedAt,
    ...(o['ended'] === true ? { ended: true } : {}),
  };
}

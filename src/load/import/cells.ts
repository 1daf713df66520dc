// One spreadsheet cell read as one field of an observation: a number as stored (a percentage
// cell's fraction × 100 for a percent metric), a date as yyyy-mm-dd, text as written (never
// evaluated), a RAG word, a list of flags. A cell that cannot be the field is a problem, in words,
// for a finding at that cell. Pure.

import { RAGS_BEST_FIRST } from '../../domain/rag.js';
import { parseRecordedTarget, type TargetForm } from '../../domain/recorded-target.js';
import { oneLine, sanitiseText, showText } from '../../domain/text.js';
import type { Flag, Rag, Unit } from '../../domain/types.js';
import type { SheetCell } from '../sheet/table.js';
import { suggest } from '../issues.js';
import { FLAGS } from '../schema.js';
import { storedNumber, writtenNumber, type NumberText } from './numbers.js';

/** A cell read: its value, nothing (an empty cell), or why it cannot be the field. */
export type Read<T> = { readonly value: T; readonly scaled?: true; readonly cleaned?: true } | { readonly blank: true } | { readonly problem: string };

const BLANK = { blank: true } as const;

/** Why an error cell or an uncalculated formula cannot be read. */
function unusable(cell: Extract<SheetCell, { kind: 'error' | 'uncalculated' }>): { readonly problem: string } {
  if (cell.kind === 'error') return { problem: `the cell holds the error ${showText(cell.value, 20)}${cell.formula ? ' (a formula that failed)' : ''}: fix it in the spreadsheet` };
  return { problem: 'the cell holds a formula with no calculated value (the file was never recalculated): open it in a spreadsheet program and save it' };
}

const isBlankText = (s: string) => s.trim() === '';

/**
 * A number field. `percentOk`: the field is in the metric's unit and the metric is a percent one:
 * a percentage cell is multiplied by 100 and `44.9%` written as text is 44.9. Elsewhere a
 * percentage (a cell's format, or a % sign) is refused: 0.45 shown as 45% could mean either.
 */
export function readNumber(cell: SheetCell, what: string, unit: Unit | undefined, percentOk: boolean): Read<NumberText> {
  switch (cell.kind) {
    case 'error':
    case 'uncalculated':
      return unusable(cell);
    case 'empty':
      return BLANK;
    case 'number': {
      if (!cell.percent) return { value: storedNumber(cell.value, { decimals: cell.decimals }) };
      if (percentOk) return { value: storedNumber(cell.value, { decimals: cell.decimals, percentScaled: true }), scaled: true };
      return { problem: percentRefusal(what, unit, `is formatted as a percentage (it holds ${storedNumber(cell.value).text})`) };
    }
    case 'text': {
      if (isBlankText(cell.value)) return BLANK;
      const t = cell.value.trim();
      if (t.endsWith('%')) {
        if (!percentOk) return { problem: percentRefusal(what, unit, `is written as a percentage ('${t}')`) };
        const n = writtenNumber(t.slice(0, -1));
        if (n !== undefined) return { value: n };
      } else {
        const n = writtenNumber(t);
        if (n !== undefined) return { value: n };
      }
      return { problem: `${what} must be a number, not the text '${t}'` };
    }
    case 'date':
      return { problem: `${what} must be a number, not the date ${cell.value}` };
    case 'boolean':
      return { problem: `${what} must be a number, not ${cell.value ? 'TRUE' : 'FALSE'}` };
  }
}

function percentRefusal(what: string, unit: Unit | undefined, how: string): string {
  const whose = unit === undefined ? 'a numerator or denominator is a count' : `the metric's unit is ${unit}, not percent`;
  return `${what} ${how}, but ${whose}: write the number itself, without the percentage format`;
}

/** Text as written: one line (line breaks become spaces), control characters removed (`cleaned`). */
export function readText(cell: SheetCell, what: string): Read<string> {
  let raw: string;
  switch (cell.kind) {
    case 'error':
    case 'uncalculated':
      return unusable(cell);
    case 'empty':
      return BLANK;
    case 'text':
      raw = cell.value;
      break;
    case 'number':
      raw = storedNumber(cell.value, { decimals: cell.decimals, percentScaled: cell.percent }).text + (cell.percent ? '%' : '');
      break;
    case 'date':
      raw = cell.value;
      break;
    case 'boolean':
      raw = cell.value ? 'TRUE' : 'FALSE';
      break;
  }
  const clean = sanitiseText(raw);
  const text = oneLine(clean.text);
  if (text === '') return clean.changed ? { problem: `${what} holds only control characters` } : BLANK;
  return clean.changed ? { value: text, cleaned: true } : { value: text };
}

/** The RAG words, any case, and their first letters (G, A, R; U for unrated). */
export function readRag(cell: SheetCell): Read<Rag> {
  const t = readText(cell, 'the reported RAG');
  if (!('value' in t)) return t;
  const word = t.value.trim().toLowerCase();
  const rag = RAGS_BEST_FIRST.find((r) => r === word || (word.length === 1 && r.startsWith(word)));
  if (rag !== undefined) return { value: rag };
  return { problem: `the reported RAG must be green, amber, red or unrated (or G, A, R, U), not '${t.value}'` };
}

/** A comma- or semicolon-separated list of flag words (any case; spaces or hyphens read as `_`). */
export function readFlags(cell: SheetCell): Read<Flag[]> {
  const t = readText(cell, 'flags');
  if (!('value' in t)) return t;
  const flags: Flag[] = [];
  const wrong: string[] = [];
  for (const part of t.value.split(/[,;]/)) {
    const word = part.trim().toLowerCase().replace(/[\s-]+/g, '_');
    if (word === '') continue;
    const flag = FLAGS.find((f) => f === word);
    if (flag === undefined) {
      const near = suggest(word, FLAGS);
      wrong.push(`'${part.trim()}'${near !== undefined ? ` (did you mean '${near}'?)` : ''}`);
    } else if (!flags.includes(flag)) flags.push(flag);
  }
  if (wrong.length > 0) return { problem: `flags must be among ${FLAGS.join(', ')}; not ${wrong.join(', ')}` };
  return flags.length === 0 ? BLANK : { value: flags };
}

/** A target override, in the text forms export writes (src/domain/recorded-target.ts), numbers as written. */
export type TargetRead = TargetForm<NumberText>;

const TARGET_FORMS = "a number, a band ('between 98.8 and 99.2' or '98.8-99.2'), 'benchmark NAME' or 'change increase|decrease'";

export function readTarget(cell: SheetCell, unit: Unit): Read<TargetRead> {
  const percentOk = unit === 'percent';
  const words = cell.kind === 'text' ? parseRecordedTarget(cell.value) : undefined;
  const bound = (text: string) => readNumber({ kind: 'text', value: text, formula: false }, 'the target band', unit, percentOk);
  if (words?.kind === 'band') {
    const min = bound(words.min);
    const max = bound(words.max);
    if ('problem' in min) return min;
    if ('problem' in max) return max;
    if ('value' in min && 'value' in max) {
      if (min.value.value > max.value.value) return { problem: `the target band ${words.min} to ${words.max} has its minimum above its maximum` };
      return { value: { kind: 'band', min: min.value, max: max.value }, ...(min.scaled || max.scaled ? { scaled: true } : {}) };
    }
  }
  if (words?.kind === 'change') return { value: words };
  // A benchmark's name is kept as written (the period file's `{benchmark: name}` takes any one-line name).
  if (words?.kind === 'benchmark') return { value: { kind: 'benchmark', name: oneLine(words.name).trim() } };
  const n = readNumber(cell, 'the target override', unit, percentOk);
  if ('problem' in n) return { problem: n.problem.replace(/ must be a number,/, ` must be ${TARGET_FORMS},`) };
  if (!('value' in n)) return n;
  return { value: { kind: 'value', value: n.value }, ...(n.scaled ? { scaled: true } : {}) };
}

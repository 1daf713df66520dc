// Arithmetic in a report's own words (NARRATIVE_ARITHMETIC). Commentary, notes and claims are read
// for self-contained statements, and each is verified to the precision it is written to:
//
//   "2697 of 3005 (89.8%)", "89.8% (2697/3005)"           a part of a whole and its percentage
//   "2697/3005 = 89.8%", "Of the 3,005 …, 2,697 (89.8%)"
//   "from 35% to 43.8% (+8.8 points)", "up 12%"          a change stated beside the two figures
//   "improved by 8.2 percentage points" … "from 35% to 43.8%" in the same text (one pair only)
//   "12 + 7 = 19"                                        a sum written out
//   "7 investments … a further 6 … total … 14 deals"    parts a sentence adds to a stated total
//
// Every figure stands for an interval (half a unit in its last place, or a unit's worth for "£1.1m"),
// and a statement is wrong only when no figures in those intervals make it true. Anything hedged
// ("about", "c.", "over"), a range ("25-30%"), a date, a year or an id is not a figure. Silence is
// preferred to a false alarm: a statement is checked only where its shape is unambiguous.

import { formatNumber } from './format.js';
import { itemAt } from './arrays.js';

import type { Prose } from './types.js';

/** A statement found wrong, and where. */
export interface Slip {
  readonly message: string;
  readonly line: number;
  readonly col: number;
}

type Kind = 'count' | 'percent' | 'money';

interface Figure {
  readonly value: number;
  /** Half a unit in the last place written (0 for a whole count, which is exact). */
  readonly half: number;
  readonly kind: Kind;
  readonly text: string;
  readonly start: number;
  readonly end: number;
}

const SCALE: Readonly<Record<string, number>> = { k: 1e3, m: 1e6, bn: 1e9, million: 1e6, billion: 1e9 };

// A number, not inside a word, an id (CR1, Q3), a period (2019/20), a date (10.10.24) or a range
// (25-30): with an optional £, thousands separators, decimals, a scale and a percent sign (or
// "pp", "pts" right after it: "+8.8pp").
const NUMBER = /(?<![\w./£-])(£\s?)?(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?(?:\s?(k|m|bn|million|billion)\b)?(\s?%|\s?per\s?cent\b)?(?!(?!pp\b|pts?\b)[\w/]|[.-]\d|\s?[-–]\s?\d)/gi;

/** Two years written as a span (2019/20, 23/24, 2023/2024): a period, not a fraction. */
function yearPair(a: string, b: string): boolean {
  const x = Number(a);
  const y = Number(b);
  if (a.length === 4 && b.length === 2) return (x + 1) % 100 === y;
  return a.length === b.length && (a.length === 2 || a.length === 4) && (x + 1) % 10 ** a.length === y;
}

/** Figures in `s` (offsets relative to it); a bare whole number that reads as a year (1990–2039) is not one. */
function figuresIn(s: string): Figure[] {
  const out: Figure[] = [];
  // A fraction (2697/3005) is two figures; a period (2019/20) or a date (10/10/2024) is none.
  const read = s.replace(/(?<![\d/.-])(\d[\d,]*)\/(\d[\d,]*)(?![\d/.-])/g, (m: string, a: string, b: string) => (yearPair(a, b) ? m : `${a} ${b}`));
  for (const m of read.matchAll(NUMBER)) {
    const [text, pound, whole, frac, scale, pct] = m;
    // The whole part is the one group the pattern always matches.
    const digits = (whole ?? '').replace(/,/g, '');
    const decimals = frac ? frac.length - 1 : 0;
    let value = Number(digits + (frac ?? ''));
    if (!pound && !pct && !scale && !frac && /^(199\d|20[0-3]\d)$/.test(digits)) continue;
    const unit = scale ? (SCALE[scale.toLowerCase()] ?? 1) : 1;
    const kind: Kind = pct ? 'percent' : pound ? 'money' : 'count';
    // A whole count is exact; a figure with decimals, a scale or a percentage is rounded as written.
    let half = kind === 'count' && decimals === 0 && !scale ? 0 : 0.5 * 10 ** -decimals;
    value *= unit;
    half *= unit;
    out.push({ value, half, kind, text: text.trim(), start: m.index, end: m.index + text.length });
  }
  return out;
}

/** Words that make a figure an estimate or a bound: nothing about it can be proved wrong. */
const HEDGE = /\b(about|around|approximately|approx\.?|c\.|circa|nearly|almost|over|more than|less than|under|up to|at least|at most|some|roughly|estimated|just|~)\s*$/i;

function hedged(s: string, f: Figure): boolean {
  return HEDGE.test(s.slice(Math.max(0, f.start - 16), f.start));
}

/** An interval: what a computation on rounded figures can be. */
interface Range {
  readonly lo: number;
  readonly hi: number;
}

const at = (f: Figure): Range => ({ lo: f.value - f.half, hi: f.value + f.half });
const sum = (a: Range, b: Range): Range => ({ lo: a.lo + b.lo, hi: a.hi + b.hi });
const diff = (a: Range, b: Range): Range => ({ lo: a.lo - b.hi, hi: a.hi - b.lo });
const EPS = 1e-9;
/**
 * Whether two intervals share a value. Touching ends count only where one is a single value: two
 * rounded figures meet at an end only if both sit exactly on a rounding boundary, which is no
 * reading of what was written (35% and 43.8% are 8.25 apart only at 35.5 and 43.75).
 */
function meets(a: Range, b: Range): boolean {
  const tol = EPS * Math.max(1, Math.abs(a.hi), Math.abs(b.hi));
  const point = a.hi - a.lo <= tol || b.hi - b.lo <= tol;
  return point ? a.lo <= b.hi + tol && b.lo <= a.hi + tol : a.lo < b.hi - tol && b.lo < a.hi - tol;
}

function ratio(a: Range, b: Range): Range | undefined {
  if (b.lo <= 0) return undefined;
  return { lo: (a.lo / b.hi) * 100, hi: (a.hi / b.lo) * 100 };
}

const show = (v: number, d = 2) => formatNumber(v, Number.isInteger(v) ? 0 : d);

/** A sentence and where it starts in its text. */
interface Sentence {
  readonly s: string;
  readonly start: number;
}

/** Sentences of a text, with their offsets: each ends at a line break, or at . ! ? before a space. */
function sentences(text: string): Sentence[] {
  const out: Sentence[] = [];
  let start = 0;
  for (let i = 0; i <= text.length; i++) {
    const ch = text[i];
    const end = i === text.length || ch === '\n' || ((ch === '.' || ch === '!' || ch === '?') && (i + 1 === text.length || /\s/.test(text[i + 1] ?? '')));
    if (!end) continue;
    const s = text.slice(start, i + 1);
    // "c." or "e.g." does not end a sentence.
    if (ch === '.' && /\b(c|e\.g|i\.e|approx|no|vs)\.$/i.test(s)) continue;
    if (s.trim() !== '') out.push({ s, start });
    start = i + 1;
  }
  return out;
}

/** A rank ("ranked 110 of 150") is not a part of a whole. */
const RANK = /\b(?:rank|ranks|ranked|ranking|position|placed)\b[^.;]*$/i;

const OF = /^\s*(?:of|out of|\/)\s*(?:the\s+|a total of\s+)?$/i;
/** Up to four words (what is counted) and an opening bracket: "3005 babies (". */
const WORDS_THEN_OPEN = /^(?:\s+[a-z][a-z'’-]*){0,4}\s*\(\s*$/i;

/**
 * "A of B (C%)", "A out of B (C%)", "A/B = C%", "C% (A of B)", "C% (A/B)", and "of the B …, A (C%)"
 * (the whole named first). A rank ("ranked 110 of 150") is not a share.
 */
function partOfWhole(s: string, figs: readonly Figure[], slips: Array<[number, string]>): void {
  const between = (x: Figure, y: Figure) => s.slice(x.end, y.start);
  for (let i = 0; i + 2 < figs.length; i++) {
    const [a, b, c] = [itemAt(figs, i), itemAt(figs, i + 1), itemAt(figs, i + 2)];
    let part: Figure | undefined;
    let whole: Figure | undefined;
    let pct: Figure | undefined;
    if (a.kind !== 'percent' && b.kind === a.kind && c.kind === 'percent') {
      const closes = /^\s*\)/.test(s.slice(c.end, c.end + 8));
      if (OF.test(between(a, b)) && ((WORDS_THEN_OPEN.test(between(b, c)) && closes) || /^\s*=\s*$/.test(between(b, c))) && !RANK.test(s.slice(Math.max(0, a.start - 24), a.start))) {
        [part, whole, pct] = [a, b, c];
      } else if (/\bof\s+(?:the\s+)?$/i.test(s.slice(Math.max(0, a.start - 8), a.start)) && /^(?:\s+[a-z][a-z'’-]*){0,6}\s*,\s*$/i.test(between(a, b)) && /^\s*\(\s*$/.test(between(b, c)) && closes) {
        [whole, part, pct] = [a, b, c];
      }
    } else if (a.kind === 'percent' && b.kind !== 'percent' && c.kind === b.kind && /^\s*\(\s*$/.test(between(a, b)) && /^\s*(?:of|out of|\/)\s*$/i.test(between(b, c)) && /^(?:\s+[a-z][a-z'’-]*){0,4}\s*\)/i.test(s.slice(c.end, c.end + 80))) {
      [pct, part, whole] = [a, b, c];
    }
    if (!part || !whole || !pct || hedged(s, part) || hedged(s, pct)) continue;
    const r = ratio(at(part), at(whole));
    if (r === undefined || meets(r, at(pct))) continue;
    slips.push([Math.min(part.start, whole.start), `"${part.text} of ${whole.text} (${pct.text})": ${part.text} of ${whole.text} is ${show((part.value / whole.value) * 100, Math.max(2, decimalsOf(pct)))}%, not ${pct.text}`]);
  }
}

function decimalsOf(f: Figure): number {
  const m = /\.(\d+)/.exec(f.text);
  return m?.[1]?.length ?? 0;
}

/** "X + Y = Z" and "X − Y = Z", written out. */
function writtenSums(s: string, figs: readonly Figure[], slips: Array<[number, string]>): void {
  for (let i = 0; i < figs.length; i++) {
    let total: Range = at(itemAt(figs, i));
    let j = i;
    let ops = 0;
    for (; j + 1 < figs.length; j++) {
      const next = itemAt(figs, j + 1);
      const op = /^\s*([+−-])\s*$/.exec(s.slice(itemAt(figs, j).end, next.start));
      if (!op) break;
      total = op[1] === '+' ? sum(total, at(next)) : diff(total, at(next));
      ops += 1;
    }
    const result = figs[j + 1];
    if (ops === 0 || !result || !/^\s*=\s*$/.test(s.slice(itemAt(figs, j).end, result.start))) {
      // A chain without "=" is not a sum written out, and no later start within it is one either.
      i = Math.max(i, j - 1);
      continue;
    }
    if (!meets(total, at(result))) {
      const first = itemAt(figs, i);
      const written = s.slice(first.start, result.end);
      slips.push([first.start, `"${written}": the left side is ${show((total.lo + total.hi) / 2)}, not ${result.text}`]);
    }
    i = j + 1;
  }
}

const POINTS = /(?:\(\s*([+−-])?\s*|\bby\s+|\b(?:an?\s+)?(?:increase|decrease|rise|fall|drop|reduction|improvement|change)\s+of\s+|\b(?:up|down)\s+)(NUM)\s*(?:percentage\s+points?|pp|pts?|points?|%\s*points?)\b/i;
const PERCENT_CHANGE = /\b(?:up|down|an?\s+(?:increase|decrease|reduction|rise|fall|drop)\s+of|(?:increased|decreased|reduced|rose|fell|dropped)\s+by)\s+(NUM)|(NUM)%\s+(?:increase|decrease|reduction|rise|fall|drop)\b/i;

/** A from–to pair in a sentence: "from [a baseline of] A [in March 2024] to B". */
function fromTo(s: string, figs: readonly Figure[]): [Figure, Figure] | undefined {
  const m = /\bfrom\b/i.exec(s);
  if (!m) return undefined;
  const a = figs.find((f) => f.start > m.index);
  if (!a || !/^\s+(?:(?:a|an|the)\s+)?(?:[a-z]+\s+){0,2}(?:of\s+)?$/i.test(s.slice(m.index + 4, a.start))) return undefined;
  const rest = s.slice(a.end);
  const to = /^(?:\s+(?:in|at|on|by|during)\s+(?:[A-Za-z]+(?:\s+\d{4})?|\d{4}\/\d{2}|Q[1-4](?:\s+\d{4}\/\d{2})?)|\s+\([^)]*\))?\s+to\s+/i.exec(rest);
  if (!to) return undefined;
  const b = figs.find((f) => f.start === a.end + to[0].length);
  if (!b || b.kind !== a.kind || hedged(s, a) || hedged(s, b)) return undefined;
  return [a, b];
}

/** The figure a pattern's NUM stands at, found among `figs` by its place in `s`. */
function figureAt(s: string, re: RegExp, figs: readonly Figure[]): { f: Figure; index: number } | undefined {
  // A number only from its first digit: started inside one, the match would be retried at every digit.
  const source = re.source.replaceAll('NUM', '(?<![\\d,.])(\\d[\\d,]*(?:\\.\\d+)?)');
  const m = new RegExp(source, re.flags).exec(s);
  if (!m) return undefined;
  const text = m.findLast((g, i) => i > 0 && g !== undefined && /^\d/.test(g));
  if (text === undefined) return undefined;
  const where = m.index + m[0].lastIndexOf(text);
  const f = figs.find((x) => x.start === where || (x.start <= where && x.end > where));
  return f ? { f, index: m.index } : undefined;
}

/**
 * "from A to B (+N points)", "up N%" beside a from–to; and a points change with `onlyPair`, the one
 * from–to pair of percentages in the text (undefined when it has none or several).
 */
function changes(s: string, figs: readonly Figure[], onlyPair: [Figure, Figure] | undefined, slips: Array<[number, string]>): void {
  const pair = fromTo(s, figs);
  const points = figureAt(s, POINTS, figs);
  if (points && !hedged(s, points.f)) {
    const [a, b] = pair && pair[0].kind === 'percent' ? pair : (onlyPair ?? [undefined, undefined]);
    if (a && b) {
      const moved = diff(at(b), at(a));
      const size: Range = moved.lo >= 0 ? moved : moved.hi <= 0 ? { lo: -moved.hi, hi: -moved.lo } : { lo: 0, hi: Math.max(-moved.lo, moved.hi) };
      if (!meets(size, at({ ...points.f, kind: 'count' }))) {
        slips.push([points.index, `"${points.f.text.replace(/%$/, '')} percentage points" beside "from ${a.text} to ${b.text}": that is a change of ${show(Math.abs(b.value - a.value), Math.max(decimalsOf(a), decimalsOf(b)))} points`]);
      }
    }
  }
  const pct = figureAt(s, PERCENT_CHANGE, figs);
  if (pct && pct.f.kind === 'percent' && pair && pair[0].kind !== 'percent' && !hedged(s, pct.f)) {
    const [a, b] = pair;
    const moved = diff(at(b), at(a));
    const size = ratio({ lo: Math.min(Math.abs(moved.lo), Math.abs(moved.hi)), hi: Math.max(Math.abs(moved.lo), Math.abs(moved.hi)) }, at(a));
    if (size && !meets(size, at(pct.f))) {
      slips.push([pct.index, `"${pct.f.text}" beside "from ${a.text} to ${b.text}": that is a change of ${show((Math.abs(b.value - a.value) / a.value) * 100, 1)}%`]);
    }
  }
}

const TOTAL = /\b(?:a total of|total(?:ling|ing)?|in total|in all|altogether|combined)\b/i;
/** A total stated as the sum of what was just listed ("…, a total of 15"), not a stock named "total". */
const TOTAL_OF = /^(?:a total of|totall?ing|in total|in all|altogether)$/i;
const FURTHER = /\b(?:a further|another|an additional|additional|in addition|plus)\b/i;

/** Parts a sentence (with the one before it, when it adds "a further" part) adds to a stated total. */
function totals(here: Sentence, before: Sentence | undefined, slips: Array<[number, string]>): void {
  const { s, start } = here;
  const t = TOTAL.exec(s);
  if (!t) return;
  const figs = figuresIn(s);
  const total = figs.find((f) => f.start > t.index && f.start - (t.index + t[0].length) <= 40 && !/[.;]/.test(s.slice(t.index, f.start)));
  if (!total || hedged(s, total) || total.kind === 'percent') return;
  const partsHere = figs.filter((f) => f.end <= t.index && f.kind === total.kind);
  // The parts add up to the total only where the words say so: "a further", "in addition", "plus"
  // before it, or the total stated right after the parts ("7 red and 8 amber, a total of 15").
  // "12 new cases and 8 closed; the total caseload is 340" is a stock beside two flows.
  const additive = FURTHER.test(s.slice(0, t.index));
  const last = partsHere.at(-1);
  const adjacent = last !== undefined && TOTAL_OF.test(t[0]) && /^(?:\s*[a-z'’-]+){0,2}\s*,?\s*(?:(?:making|giving|with|for)\s+)?$/i.test(s.slice(last.end, t.index));
  if (!additive && !adjacent) return;
  const prev = additive ? before : undefined;
  const partsBefore = prev !== undefined ? figuresIn(prev.s).filter((f) => f.kind === total.kind) : [];
  // Parts that are counts must name what they count (a word after the number), like the total.
  const counted = (text: string, f: Figure) => (f.kind !== 'count' || /^\s+[a-z]/i.test(text.slice(f.end))) && !hedged(text, f);
  const parts = [...(prev !== undefined ? partsBefore.filter((f) => counted(prev.s, f)) : []), ...partsHere.filter((f) => counted(s, f))];
  if (parts.length < 2 || parts.length > 8) return;
  const got = parts.reduce<Range>((r, p) => sum(r, at(p)), { lo: 0, hi: 0 });
  if (meets(got, at(total))) return;
  const where = prev !== undefined && partsBefore.length > 0 ? prev.start : start;
  slips.push([where - start, `${parts.map((p) => p.text).join(' + ')} = ${show((got.lo + got.hi) / 2)}, but the text gives the total as ${total.text}`]);
}

/** The statements in one piece of prose that are provably wrong. */
export function proseSlips(p: Prose): Slip[] {
  const found: Array<[number, string]> = [];
  const list = sentences(p.text);
  // From–to pairs of percentages in the whole text, for a points change stated elsewhere in it.
  const pairs = list.map((x) => fromTo(x.s, figuresIn(x.s))).filter((x): x is [Figure, Figure] => x !== undefined && x[0].kind === 'percent');
  const onlyPair = pairs.length === 1 ? pairs[0] : undefined;
  for (const [i, sentence] of list.entries()) {
    const { s, start } = sentence;
    const figs = figuresIn(s);
    if (figs.length === 0) continue;
    const local: Array<[number, string]> = [];
    partOfWhole(s, figs, local);
    writtenSums(s, figs, local);
    changes(s, figs, onlyPair, local);
    totals(sentence, list[i - 1], local);
    for (const [offset, message] of local) found.push([start + offset, message]);
  }
  return found.map(([offset, message]) => {
    // The statement's first figure is on the line of the last break before it.
    const at = offset + (/^\s*/.exec(p.text.slice(offset))?.[0].length ?? 0);
    let k = 0;
    while (k < p.breaks.length && itemAt(p.breaks, k) <= at) k++;
    return { message, line: p.line + k, col: k === 0 ? p.col : (p.cols[k - 1] ?? 1) };
  });
}

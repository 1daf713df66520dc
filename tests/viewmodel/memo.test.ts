// The view models keep what does not depend on the cursor (sorted rows, column widths, laid-out
// documents) per model and window it on every cursor move. These tests hold the memoised,
// windowed path to the full computation: a view computed after many others (memos warm) is the
// view computed afresh (a copy of the model has empty memos), and a short window shows a slice of
// what a tall one shows.

import stringWidth from 'string-width';
import { describe, expect, it } from 'vitest';
import { checksScreen } from '../../src/viewmodel/checks-screen.js';
import { headerLine } from '../../src/viewmodel/frame.js';
import { kpiDetailLines, kpiDetailScreen } from '../../src/viewmodel/kpi-detail.js';
import { kpisScreen, priorityScreen } from '../../src/viewmodel/kpis-screen.js';
import { modelMemo } from '../../src/viewmodel/memo.js';
import type { Model } from '../../src/viewmodel/model.js';
import { overviewScreen } from '../../src/viewmodel/overview-screen.js';
import { entryScreen } from '../../src/viewmodel/register-entry.js';
import { registerScreen } from '../../src/viewmodel/register-screen.js';
import type { ScreenParams, ScreenView } from '../../src/viewmodel/screen.js';
import { fit, plain, textWidth, truncate, visibleWindow, windowRange, wrap } from '../../src/viewmodel/styled.js';
import { modelOf } from '../ui/harness.js';

/** The same model with empty memos: every view is computed from scratch. */
const cold = (m: Model): Model => ({ ...m });

const params = (o: Partial<ScreenParams> = {}): ScreenParams => ({ period: 4, cursor: 0, filter: '', sortColumn: 0, width: 80, height: 12, ...o });

type View = (m: Model, p: ScreenParams) => ScreenView;

describe('modelMemo', () => {
  it('computes once per model and key, and drops the least recently used', () => {
    const a = modelOf();
    const b = cold(a);
    const memo = modelMemo<string>(2);
    let computed = 0;
    const get = (m: Model, key: string) =>
      memo.get(m, [key], () => {
        computed += 1;
        return `${key}${computed}`;
      });
    expect(get(a, 'x')).toBe('x1');
    expect(get(a, 'x')).toBe('x1');
    expect(get(b, 'x')).toBe('x2');
    expect(get(a, 'y')).toBe('y3');
    expect(get(a, 'x')).toBe('x1'); // x is now the most recently used
    expect(get(a, 'z')).toBe('z4'); // y goes
    expect(get(a, 'x')).toBe('x1');
    expect(get(a, 'y')).toBe('y5');
    expect(computed).toBe(5);
  });

  it('keeps keys apart whatever text they hold', () => {
    const m = modelOf();
    const memo = modelMemo<string>(8);
    expect(memo.get(m, ['a|b', 'c'], () => 'first')).toBe('first');
    expect(memo.get(m, ['a', 'b|c'], () => 'second')).toBe('second');
  });
});

describe('text measuring', () => {
  const strings = ['', 'abc', 'a longer line of plain text', '✓ Green', '▁▂▃▅▇█', 'café au lait', '東京都庁の表', '👍🏽 ok', 'e\u0301e\u0301e\u0301', 'a\u200Bb', 'naïve résumé', '한국어 텍스트', 'x'.repeat(40)];
  /** Cutting as ragtop always has: code point by code point, each measured alone. */
  const reference = (s: string, width: number, ellipsis = '…'): string => {
    if (width <= 0) return '';
    if (stringWidth(s) <= width) return s;
    const room = width - stringWidth(ellipsis);
    let out = '';
    let w = 0;
    for (const ch of s) {
      const cw = stringWidth(ch);
      if (w + cw > room) break;
      out += ch;
      w += cw;
    }
    return room > 0 ? out + ellipsis : ellipsis.slice(0, width);
  };

  it.each(strings)('measures and cuts %j as string-width does', (s) => {
    expect(textWidth(s)).toBe(stringWidth(s));
    expect(textWidth(s)).toBe(stringWidth(s)); // remembered: still the same
    for (let w = 0; w <= 12; w++) {
      expect(truncate(s, w)).toBe(reference(s, w));
      expect(truncate(s, w, '...')).toBe(reference(s, w, '...'));
      expect(stringWidth(fit(s, w, 'right'))).toBe(w);
      for (const line of wrap(s, Math.max(1, w))) expect(stringWidth(line)).toBeLessThanOrEqual(Math.max(1, w));
    }
  });

  it('measures and cuts any mix of characters as string-width does', () => {
    // Letters, accents, combining marks, joiners, variation selectors, emoji, flags, CJK, Hangul
    // jamo, blocks, arrows, controls: strings of them at random (seeded).
    const palette = [...'aZ 09~é€£©™—…‘’•→▲▼▸◂▁▂▃▄▅▆▇█┃╌✓✗!×·αЖ東京かカＡ｡ﾞ한', '\u0301', '\u0308', '\u200d', '\ufe0f', '\u200b', '\u00ad', '\t', '\u1100', '\u1161', '\u11a8', '👍', '🏽', '🇬', '🇧', '❤', '👨', '👩'];
    let seed = 7;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    for (let n = 0; n < 3000; n++) {
      let s = '';
      const length = 1 + Math.floor(next() * 9);
      for (let i = 0; i < length; i++) s += palette[Math.floor(next() * palette.length)] ?? '';
      expect(textWidth(s)).toBe(stringWidth(s));
      const w = Math.floor(next() * 8);
      expect(truncate(s, w)).toBe(reference(s, w));
    }
  });

  it('windows a range as visibleWindow does', () => {
    for (let length = 0; length < 12; length++) {
      const items = Array.from({ length }, (_, i) => i);
      for (let height = 0; height < 8; height++) {
        for (let cursor = -1; cursor <= length; cursor++) {
          const w = visibleWindow(items, cursor, height);
          const r = windowRange(length, cursor, height);
          expect([r.start, r.end - r.start, r.above, r.below]).toEqual([w.start, w.items.length, w.above, w.below]);
          expect(w.items).toEqual(items.slice(r.start, r.end));
        }
      }
    }
  });
});

describe('finding counts', () => {
  it('are counted once when the model is built', () => {
    for (const m of [modelOf(), modelOf('catalogue/lcc-2024-25.yaml')]) {
      for (const s of ['error', 'warning', 'info'] as const) expect(m.findingCounts[s]).toBe(m.findings.filter((f) => f.severity === s).length);
      const line = plain(headerLine(m, 0, 120, 'T', 'O'));
      expect(line).toContain(`${m.findingCounts.error} error`);
      expect(line).toContain(`${m.findingCounts.warning} warning`);
    }
  });
});

describe('memoised views are the views computed afresh', () => {
  const m = modelOf();
  const m2425 = modelOf('catalogue/lcc-2024-25.yaml');
  const firstPriority = m.priorities[0]?.id ?? '';
  const screens: ReadonlyArray<readonly [string, Model, View]> = [
    ['KPIs', m, kpisScreen],
    ['a priority', m, (x, p) => priorityScreen(x, firstPriority, p)],
    ['another priority', m2425, (x, p) => priorityScreen(x, x.priorities[1]?.id ?? '', p)],
    ['overview', m, overviewScreen],
    ['register', m, registerScreen],
    ['checks', m, checksScreen],
    ['checks 2024/25', m2425, checksScreen],
    ['a KPI', m, (x, p) => kpiDetailScreen(x, [...x.kpis.keys()][3] ?? '', p)],
    ['a register entry', m, (x, p) => entryScreen(x, x.ev.periods[4]?.data.register?.[0]?.id ?? '', p)],
  ];
  // Parameters in an order that changes one thing at a time, then back: a stale memo shows.
  const sequence: ScreenParams[] = [];
  for (const filter of ['', 'e', 'zzz', 'e']) {
    for (const sortColumn of [0, 1, 0]) {
      for (const [width, height] of [
        [80, 12],
        [60, 9],
        [80, 1],
      ] as const) {
        for (const period of [4, 0, 4]) {
          for (const cursor of [0, 1, 2, 5, 13, 40, 2, -1]) sequence.push(params({ filter, sortColumn, width, height, period, cursor }));
        }
      }
    }
  }

  it.each(screens)('%s: over %#: every cursor, filter, sort, size and period', (_name, model, view) => {
    const warm = cold(model);
    for (const p of sequence) expect(view(warm, p)).toEqual(view(cold(model), p));
  });
});

describe('a short window shows a slice of the whole list', () => {
  const m = modelOf();
  const m2425 = modelOf('catalogue/lcc-2024-25.yaml');
  /** The rows a view draws, as text: the table's rows, else its lines. */
  const rowsOf = (v: ScreenView): string[] => (v.table ? v.table.rows.map((r) => JSON.stringify(r)) : v.lines.map(plain));
  const contiguousIn = (part: readonly string[], whole: readonly string[]): boolean => {
    if (part.length === 0) return true;
    for (let i = whole.indexOf(part[0] ?? ''); i >= 0; i = whole.indexOf(part[0] ?? '', i + 1)) {
      if (part.every((x, j) => whole[i + j] === x)) return true;
    }
    return false;
  };
  const tables: ReadonlyArray<readonly [string, Model, View]> = [
    ['a priority', m2425, (x, p) => priorityScreen(x, x.priorities[0]?.id ?? '', p)],
    ['KPIs found by a filter', m, (x, p) => kpisScreen(x, { ...p, filter: 'e' })],
    ['KPIs found and sorted', m, (x, p) => kpisScreen(x, { ...p, filter: 'a', sortColumn: 1 })],
    ['register', m, registerScreen],
    ['register by residual', m, (x, p) => registerScreen(x, { ...p, sortColumn: 1 })],
  ];

  it.each(tables)('%s: the rows around every cursor', (_name, model, view) => {
    const tall = view(model, params({ height: 500 }));
    const size = tall.size;
    expect(size).toBeGreaterThan(3);
    for (let cursor = 0; cursor < size; cursor++) {
      const whole = rowsOf(view(model, params({ height: 500, cursor })));
      const short = view(model, params({ height: 12, cursor }));
      const rows = rowsOf(short);
      expect(rows.length).toBeLessThan(whole.length);
      expect(contiguousIn(rows, whole)).toBe(true);
      expect(short.table?.cursorRow ?? -1).toBeGreaterThanOrEqual(0);
      expect(short.targets).toEqual(tall.targets);
    }
  });

  it('checks: the findings around every cursor, and how many more there are', () => {
    const tall = checksScreen(m2425, params({ height: 500 }));
    expect(tall.size).toBeGreaterThan(10);
    for (let cursor = 0; cursor < tall.size; cursor++) {
      const whole = checksScreen(m2425, params({ height: 500, cursor })).lines.map(plain);
      const short = checksScreen(m2425, params({ height: 14, cursor })).lines.map(plain);
      // Between the summary and the selected finding's detail (3 lines), after the "more" markers.
      const body = short.slice(1, -4).filter((l) => !/more findings? (above|below)$/.test(l));
      expect(contiguousIn(body, whole)).toBe(true);
      expect(body.filter((l) => l.startsWith('▸ '))).toHaveLength(1);
      const above = /(\d+) more findings? above/.exec(short.join('\n'))?.[1];
      const below = /(\d+) more findings? below/.exec(short.join('\n'))?.[1];
      const shown = body.filter((l) => /^(▸ | {2})\S/.test(l)).length;
      expect(Number(above ?? 0) + shown + Number(below ?? 0)).toBe(tall.size);
    }
  });

  it('overview: the lines around every selected item', () => {
    const tall = overviewScreen(m, params({ height: 500 }));
    for (let cursor = 0; cursor < tall.size; cursor++) {
      const whole = overviewScreen(m, params({ height: 500, cursor })).lines.map(plain);
      const short = overviewScreen(m, params({ height: 10, cursor })).lines.map(plain);
      expect(contiguousIn(short, whole)).toBe(true);
      // The first item keeps the top of the page in view (it may be below it).
      const marked = short.filter((l) => l.startsWith('▸ ')).length;
      expect(marked).toBeLessThanOrEqual(1);
      expect(marked).toBeGreaterThanOrEqual(cursor === 0 ? 0 : 1);
    }
  });

  it('a KPI: every scroll position shows the next lines of one document', () => {
    const id = [...m.kpis.keys()][5] ?? '';
    // The document at this height (its chart is sized to the screen).
    const whole = kpiDetailLines(m, id, 4, 80, 12).map(plain);
    const size = kpiDetailScreen(m, id, params({ height: 12 })).size;
    expect(size).toBe(whole.length - 12 + 1);
    expect(size).toBeGreaterThan(1);
    for (let cursor = 0; cursor < size; cursor++) {
      const short = kpiDetailScreen(m, id, params({ height: 12, cursor })).lines.map(plain);
      // The first and last lines may be "more above/below" markers.
      expect(short.slice(1, -1)).toEqual(whole.slice(cursor + 1, cursor + 11));
    }
  });
});

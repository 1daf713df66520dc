import { describe, expect, it } from 'vitest';
import { breadcrumbLine, footerLine, headerLine } from '../../src/viewmodel/frame.js';
import { ASCII_GLYPHS, UNICODE_GLYPHS } from '../../src/viewmodel/glyphs.js';
import { completeJump, jumpHint, resolveJump } from '../../src/viewmodel/jump.js';
import { buildModel } from '../../src/viewmodel/model.js';
import { biggestMoves, overviewModel } from '../../src/viewmodel/overview.js';
import { overviewScreen, ragBar } from '../../src/viewmodel/overview-screen.js';
import { lineWidth, plain, textWidth, truncate, visibleWindow, wrap } from '../../src/viewmodel/styled.js';
import { catalogue, loadTree } from '../helpers.js';
import { modelOf } from '../ui/harness.js';

const kpi = (id: string, extra: string) => `      - { id: ${id}, title: ${id.toUpperCase()} title, ${extra} }\n`;
const fixture = () => {
  const loaded = loadTree({
    'catalogue.yaml': catalogue(kpi('a', 'unit: percent, good: high, target: 90') + kpi('b', 'unit: percent, good: high, target: 90') + kpi('c', 'unit: count, good: high') + kpi('d', 'unit: percent, good: low, target: 10')),
    'q1.yaml': 'period: 2019/20 Q1\nobservations:\n  a: { value: 95 }\n  b: { value: 95 }\n  c: { value: 5 }\n  d: { value: 20 }\ncommentary:\n  d: x\n',
    'q2.yaml': 'period: 2019/20 Q2\nobservations:\n  a: { value: 80 }\n  b: { value: 88 }\n  d: { value: 8 }\ncommentary:\n  a: x\n',
  });
  return buildModel(loaded.dataset!, loaded.findings, UNICODE_GLYPHS);
};

describe('overview', () => {
  const m = fixture();
  it('gives the headline, exceptions (reds then ambers) and what changed', () => {
    const o = overviewModel(m, 1);
    expect(o.headline).toBe('1 of 3 rated KPIs achieving target (33.3%)');
    expect(o.unratedNote).toBe('0 unrated (context) of 3 KPIs reported (of 4 in the catalogue); 1 amber, 1 red');
    expect(o.below.map((k) => [k.kpiId, k.rag])).toEqual([
      ['a', 'red'],
      ['b', 'amber'],
    ]);
    expect(o.highlights.map((k) => k.kpiId)).toEqual(['d']);
    expect(o.changes.newReds.map((c) => [c.kpiId, c.from])).toEqual([['a', 'green']]);
    expect(o.changes.ragChanges.map((c) => [c.kpiId, c.from, c.to])).toEqual([
      ['b', 'green', 'amber'],
      ['d', 'red', 'green'],
    ]);
    expect(o.changes.removed).toEqual(['C title']);
  });
  it('ranks the biggest moves in performance terms', () => {
    const moves = biggestMoves(m.ev.periods[1]!, 3);
    expect(moves.better.map((x) => [x.kpiId, x.change])).toEqual([['d', '-12.0 points']]);
    expect(moves.worse.map((x) => [x.kpiId, x.change])).toEqual([
      ['a', '-15.0 points'],
      ['b', '-7.0 points'],
    ]);
  });
  it('the screen selects KPI lines, opens them, and fits its size', () => {
    for (const [width, height] of [
      [80, 20],
      [60, 14],
    ] as const) {
      const v = overviewScreen(m, { period: 1, cursor: 1, filter: '', sortColumn: 0, width, height });
      expect(v.targets).toEqual([
        { kind: 'kpi', id: 'a' },
        { kind: 'kpi', id: 'b' },
        { kind: 'kpi', id: 'd' },
      ]);
      expect(v.lines.length).toBeLessThanOrEqual(height);
      for (const l of v.lines) expect(lineWidth(l)).toBeLessThanOrEqual(width);
      expect(v.lines.map(plain).find((l) => l.startsWith('▸'))).toMatch(/^▸ ! Amber +B title/);
    }
  });
  it('draws RAG bars with symbols, so they read without colour', () => {
    expect(plain(ragBar({ green: 2, amber: 1, red: 1, unrated: 0 }, 8, UNICODE_GLYPHS))).toBe('✓✓✓✓!!✗✗');
    expect(plain(ragBar({ green: 1, amber: 0, red: 3, unrated: 0 }, 8, ASCII_GLYPHS))).toBe('++xxxxxx');
  });
});

describe('frame', () => {
  const m = modelOf();
  it('the header names the organisation, catalogue, period and findings, within the width', () => {
    for (const w of [60, 80, 120]) {
      const h = headerLine(m, 4, w, m.ev.dataset.catalogue.title, m.ev.dataset.catalogue.organisation);
      expect(lineWidth(h)).toBeLessThanOrEqual(w);
      expect(plain(h)).toMatch(/◂ 2019\/20 Q3 +2 errors 1 warning$/);
    }
  });
  it('breadcrumbs drop from the left to fit, keeping the current screen', () => {
    expect(plain(breadcrumbLine(['Overview', 'KPI'], 80))).toBe('Overview › KPI');
    expect(plain(breadcrumbLine(['KPIs', 'A long priority title here', 'A KPI'], 30))).toBe('… › A KPI');
    expect(plain(breadcrumbLine(['KPIs', 'A priority', 'A KPI'], 30))).toBe('KPIs › A priority › A KPI');
  });
  it('the footer shows the prompt in filter and jump modes', () => {
    expect(plain(footerLine('filter', 'red', 80))).toBe('/red█  Enter keep · Esc clear');
    expect(plain(footerLine('command', 'kpi de', 80, 'defects-4h'))).toBe(':kpi de█  defects-4h');
  });
});

describe('jump', () => {
  const m = modelOf();
  it.each([
    ['kpi defects-4h', { target: { kind: 'kpi', id: 'defects-4h' } }],
    ['kpi recycling reuse', { target: { kind: 'kpi', id: 'recycling' } }],
    ['KPI street', { target: { kind: 'kpi', id: 'street-lighting' } }],
    ['risk cr13', { target: { kind: 'risk', id: 'CR13' } }],
    ['period 2019/20 Q2', { period: 3 }],
    ['period 2018/19', { period: 0 }],
    ['priority work', { target: { kind: 'priority', id: 'work' } }],
    ['period 2020/21 Q1', { error: 'no period file for 2020/21 Q1' }],
    ['kpi zebra', { error: "no kpi matches 'zebra'" }],
    ['go home', { error: "unknown jump 'go': use kpi, risk, period or priority" }],
    ['kpi', { error: ':kpi needs an id' }],
  ])(':%s', (text, want) => expect(resolveJump(m, text, 4)).toEqual(want));
  it('Tab completes the kind, then the id', () => {
    expect(completeJump(m, 'ri', 4)).toBe('risk ');
    expect(completeJump(m, 'risk CO', 4)).toBe('risk CO1');
    expect(completeJump(m, 'kpi defects-2', 4)).toBe('kpi defects-2d');
    expect(jumpHint(m, 'x', 4)).toBe('kpi · risk · period · priority');
  });
});

describe('styled text helpers', () => {
  it('truncates by display width and wraps at spaces', () => {
    expect(truncate('abcdef', 4)).toBe('abc…');
    expect(textWidth(truncate('✓✓✓✓✓', 3))).toBeLessThanOrEqual(3);
    expect(wrap('one two three four', 9)).toEqual(['one two', 'three', 'four']);
  });
  it('windows a list around the cursor', () => {
    const items = Array.from({ length: 10 }, (_, i) => i);
    expect(visibleWindow(items, 0, 4)).toEqual({ start: 0, items: [0, 1, 2, 3], above: false, below: true });
    expect(visibleWindow(items, 9, 4)).toEqual({ start: 6, items: [6, 7, 8, 9], above: true, below: false });
    expect(visibleWindow(items, 5, 4).items).toContain(5);
  });
});

import { describe, expect, it } from 'vitest';
import { shortPeriodLabel, trendChart, type ChartPoint } from '../../src/viewmodel/chart.js';
import { ASCII_GLYPHS, UNICODE_GLYPHS } from '../../src/viewmodel/glyphs.js';
import { lineWidth, plain } from '../../src/viewmodel/styled.js';

const DEFECTS: ChartPoint[] = [
  { label: '2018/19 Q4', value: 95.65 },
  { label: '2019/20 Q1', value: 96.67 },
  { label: '2019/20 Q2', value: 91.46 },
  { label: '2019/20 Q3', value: 89.19, current: true },
];

const BOX = /[\u2500-\u257f]/;

describe('trendChart', () => {
  it('draws the values, the dashed target, period labels and a legend (Unicode)', () => {
    const lines = trendChart(DEFECTS, 95, { width: 48, height: 8, glyphs: UNICODE_GLYPHS, targetLabel: '95%' });
    expect(lines.map(plain)).toMatchInlineSnapshot(`
      [
        "97.5 ┤         ╭──────────╮                     ",
        "  95 ┤─────────╯╌╌╌╌╌╌╌╌╌╌│╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌╌",
        "92.5 ┤                    ╰─────────╮           ",
        "  90 ┤                              ╰───────────",
        "87.5 ┤                                          ",
        "      18/19 Q4  19/20 Q1   19/20 Q2  19/20 Q3",
        "── value 89.19  ╌╌ target 95%",
      ]
    `);
  });

  it('uses no box-drawing characters in ASCII mode', () => {
    const lines = trendChart(DEFECTS, 95, { width: 48, height: 8, glyphs: ASCII_GLYPHS, targetLabel: '95%' });
    expect(lines.map(plain)).toMatchInlineSnapshot(`
      [
        "97.5 |         +----------+                     ",
        "  95 |---------+..........|.....................",
        "92.5 |                    +---------+           ",
        "  90 |                              +-----------",
        "87.5 |                                          ",
        "      18/19 Q4  19/20 Q1   19/20 Q2  19/20 Q3",
        "-- value 89.19  .. target 95%",
      ]
    `);
    for (const l of lines) expect(plain(l)).not.toMatch(BOX);
  });

  it('marks target-only cells chart.target and value cells chart.value', () => {
    const lines = trendChart(DEFECTS, 95, { width: 48, height: 8, glyphs: UNICODE_GLYPHS });
    const cells = lines.flatMap((l) => l.filter((s) => s.token === 'chart.target' || s.token === 'chart.value'));
    expect(cells.filter((s) => s.token === 'chart.target').every((s) => /^╌+$/.test(s.text))).toBe(true);
    expect(cells.filter((s) => s.token === 'chart.value').every((s) => !s.text.includes('╌'))).toBe(true);
    expect(cells.some((s) => s.token === 'chart.target')).toBe(true);
    expect(cells.some((s) => s.token === 'chart.value')).toBe(true);
  });

  it('leaves a gap for a period with no figure', () => {
    const points: ChartPoint[] = [
      { label: '2019/20 Q1', value: 10 },
      { label: '2019/20 Q2', value: null },
      { label: '2019/20 Q3', value: 20 },
    ];
    const lines = trendChart(points, undefined, { width: 40, height: 6, glyphs: UNICODE_GLYPHS });
    expect(lines.map(plain)).toMatchInlineSnapshot(`
      [
        "20 ┤                        ────────────",
        "16 ┤                                    ",
        "12 ┤────────────                        ",
        " 8 ┤                                    ",
        "    2019/20 Q1  2019/20 Q2  2019/20 Q3",
        "── value 20  no target",
      ]
    `);
  });

  it.each([
    [80, 11],
    [60, 8],
    [30, 6],
    [120, 20],
  ])('fits %i columns and %i lines', (width, height) => {
    const lines = trendChart(DEFECTS, 95, { width, height, glyphs: UNICODE_GLYPHS, targetLabel: '95%' });
    expect(lines.length).toBeLessThanOrEqual(height);
    expect(lines.length).toBeGreaterThanOrEqual(Math.min(height, 6));
    for (const l of lines) expect(lineWidth(l)).toBeLessThanOrEqual(width);
    // Every period keeps a label while they fit; the current one is always labelled.
    expect(plain(lines[lines.length - 2] ?? [])).toContain('Q3');
  });

  it('abbreviates period labels to fit, and thins them out when they still do not', () => {
    expect(shortPeriodLabel('2018/19 Q4')).toBe('18/19 Q4');
    expect(shortPeriodLabel('2018/19')).toBe('18/19');
    const wide = plain(trendChart(DEFECTS, 95, { width: 80, height: 8, glyphs: UNICODE_GLYPHS }).at(-2) ?? []);
    expect(wide).toContain('2018/19 Q4');
    const narrow = plain(trendChart(DEFECTS, 95, { width: 44, height: 8, glyphs: UNICODE_GLYPHS }).at(-2) ?? []);
    expect(narrow).toContain('18/19 Q4');
    expect(narrow).not.toContain('2018/19');
    const many = Array.from({ length: 12 }, (_, i): ChartPoint => ({ label: `20${19 + Math.floor(i / 4)}/${20 + Math.floor(i / 4)} Q${(i % 4) + 1}`, value: i }));
    const axis = plain(trendChart(many, undefined, { width: 60, height: 8, glyphs: UNICODE_GLYPHS }).at(-2) ?? []);
    expect(axis).toContain('21/22 Q4');
    expect(axis.trim().split(/\s{2,}/).length).toBeLessThan(12);
  });

  it('keeps a flat series and an absent target readable', () => {
    const lines = trendChart([{ label: 'a', value: 5 }, { label: 'b', value: 5 }], undefined, { width: 30, height: 6, glyphs: ASCII_GLYPHS, targetLabel: 'TBC' });
    expect(lines.map(plain)).toMatchInlineSnapshot(`
      [
        "5.5 |                         ",
        "  5 |-------------------------",
        "4.5 |                         ",
        "     a           b",
        "-- value 5  target TBC (not...",
      ]
    `);
  });

  it('says so when there is nothing to chart', () => {
    expect(trendChart([{ label: 'a', value: null }], undefined, { width: 30, height: 6, glyphs: UNICODE_GLYPHS }).map(plain)).toEqual(['No figures to chart']);
    expect(trendChart([], 5, { width: 30, height: 6, glyphs: UNICODE_GLYPHS }).map(plain)).toEqual(['No figures to chart']);
  });

  it('draws a target even where no value is given', () => {
    const lines = trendChart([{ label: 'a', value: null }], 5, { width: 30, height: 6, glyphs: UNICODE_GLYPHS });
    expect(lines.some((l) => l.some((s) => s.token === 'chart.target'))).toBe(true);
    expect(lines.slice(0, -2).some((l) => l.some((s) => s.token === "chart.value"))).toBe(false);
  });

  it('scales large numbers compactly on the y axis', () => {
    const lines = trendChart([{ label: 'a', value: 3_629_829 }, { label: 'b', value: 841_582 }], 4_000_000, { width: 40, height: 8, glyphs: UNICODE_GLYPHS, targetLabel: '4,000,000' });
    expect(plain(lines[0] ?? [])).toMatch(/^\s*4m ┤/);
  });
});

// The trend chart's honesty: axis units that read back to the values, the target per period,
// the latest value and the target printed, one period drawn as a point.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { trendChart, type ChartPoint } from '../../src/viewmodel/chart.js';
import { UNICODE_GLYPHS } from '../../src/viewmodel/glyphs.js';
import { kpiDetailLines } from '../../src/viewmodel/kpi-detail.js';
import { plain } from '../../src/viewmodel/styled.js';
import { modelOf } from '../ui/harness.js';

const UNITS: Readonly<Record<string, number>> = { '': 1, k: 1e3, m: 1e6, bn: 1e9 };

/** Each plot row's label read back as a number ("25.2k" → 25200). */
function axis(lines: readonly string[]): number[] {
  return lines.flatMap((l) => {
    const m = /^\s*(-?[\d.,]+)(k|m|bn)? [┤|]/.exec(l);
    return m ? [Number((m[1] as string).replace(/,/g, '')) * (UNITS[m[2] ?? ''] as number)] : [];
  });
}

describe('the y axis reads back to the values', () => {
  it('e-downloads (247,517) is drawn on rows of about 250k, not 25k', () => {
    const points: ChartPoint[] = [
      { label: '2019/20 Q1', value: 91_000 },
      { label: '2019/20 Q2', value: 170_000 },
      { label: '2019/20 Q3', value: 247_517, current: true },
    ];
    const rows = axis(trendChart(points, 220_431, { width: 60, height: 10, glyphs: UNICODE_GLYPHS }).map(plain));
    expect(Math.max(...rows)).toBeGreaterThanOrEqual(247_517);
    expect(Math.max(...rows)).toBeLessThan(247_517 * 1.5);
  });

  it('for any magnitude, the top row is at least the largest value and within a few steps of it', () => {
    fc.assert(
      fc.property(fc.double({ min: 1, max: 1e13, noNaN: true }), fc.double({ min: 0.05, max: 0.95, noNaN: true }), (top, f) => {
        const points: ChartPoint[] = [
          { label: 'a', value: top * f },
          { label: 'b', value: top },
        ];
        const rows = axis(trendChart(points, undefined, { width: 50, height: 10, glyphs: UNICODE_GLYPHS }).map(plain));
        const hi = Math.max(...rows);
        const lo = Math.min(...rows);
        const step = (hi - lo) / Math.max(1, rows.length - 1);
        // Labels are rounded to what the axis shows: allow half a step and a 1% rounding.
        expect(hi).toBeGreaterThanOrEqual(top - step / 2 - top * 0.01);
        expect(lo).toBeLessThanOrEqual(top * f + step / 2 + top * 0.01);
        expect(hi).toBeLessThanOrEqual(top + 2 * step + top * 0.01);
      }),
      { seed: 12, numRuns: 300 },
    );
  });
});

describe('the target line and the figures printed', () => {
  const points: ChartPoint[] = [
    { label: '2019/20 Q1', value: 20, target: 25 },
    { label: '2019/20 Q2', value: 117, target: 50 },
    { label: '2019/20 Q3', value: 164.44, target: 120, current: true },
  ];

  it('follows the target of each period (stepped), not one flat value', () => {
    const lines = trendChart(points, undefined, { width: 60, height: 14, glyphs: UNICODE_GLYPHS });
    const rowsWithTarget = lines.filter((l) => l.some((s) => s.token === 'chart.target')).length;
    expect(rowsWithTarget).toBeGreaterThanOrEqual(3);
  });

  it('prints the latest value and the target, so a value on the target row can be read', () => {
    const near: ChartPoint[] = [
      { label: 'a', value: 94.9, target: 95 },
      { label: 'b', value: 95.1, target: 95, current: true },
    ];
    const legend = plain(trendChart(near, undefined, { width: 60, height: 6, glyphs: UNICODE_GLYPHS, format: (v) => `${v}%`, targetLabel: '95%' }).at(-1) ?? []);
    expect(legend).toContain('95.1');
    expect(legend).toContain('95%');
  });

  it('values either side of the target do not share its row when the height allows', () => {
    const near: ChartPoint[] = [
      { label: 'a', value: 93.5, target: 95 },
      { label: 'b', value: 96.2, target: 95 },
      { label: 'c', value: 95.8, target: 95, current: true },
    ];
    const lines = trendChart(near, undefined, { width: 40, height: 12, glyphs: UNICODE_GLYPHS });
    const targetRow = lines.findIndex((l) => l.some((s) => s.token === 'chart.target'));
    expect(targetRow).toBeGreaterThanOrEqual(0);
    // No value cell on the target's row: the line of values passes above and below it.
    expect(plain(lines[targetRow] ?? [])).toMatch(/^\s*95 ┤[╌ │]*$/);
  });

  it('one period draws a point, not a line', () => {
    const lines = trendChart([{ label: '2019/20 Q3', value: 42, current: true }], undefined, { width: 40, height: 6, glyphs: UNICODE_GLYPHS });
    const valueCells = lines.slice(0, -2).flatMap((l) => l.filter((s) => s.token === 'chart.value')).map((s) => s.text).join('');
    expect(valueCells.length).toBe(1);
  });
});

describe('the chart in the KPI detail', () => {
  it('takes at most a third of the screen, so the commentary is on the first screen at 120×40', () => {
    const model = modelOf('catalogue/lcc-2019-20.yaml');
    const q3 = model.periodLabels.indexOf('2019/20 Q3');
    const lines = kpiDetailLines(model, 'defects-4h', q3, 120, 40).map(plain);
    const trend = lines.indexOf('Trend');
    const after = lines.findIndex((l, i) => i > trend && l === '');
    expect(after - trend - 1).toBeLessThanOrEqual(Math.floor(40 / 3));
    expect(lines.findIndex((l) => l.startsWith('Commentary for'))).toBeLessThan(40);
  });
});

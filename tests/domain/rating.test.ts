// The one rating record: the target a figure was rated against, with the label that describes it.
import { describe, expect, it } from 'vitest';
import { catalogue, evaluateTree, metricEval } from '../helpers.js';

const kpis = `      - id: jobs
        title: Jobs created
        unit: count
        good: high
        target_label: "1,000 jobs by 2022"
      - id: downloads
        title: Downloads
        unit: count
        good: high
        cumulative: true
        target: 400
        target_label: "400 a year"
      - id: visits
        title: Visits
        unit: count
        good: high
        target: 50
        target_label: "50 a quarter"
`;

const q3 = `period: 2019/20 Q3
observations:
  jobs: { value: 164, target: 120 }
  downloads: { value: 100 }
  visits: { value: 60, target_label: "TBC" }
`;
const q2 = `period: 2019/20 Q2
observations:
  downloads: { value: 100 }
  visits: { value: 40 }
`;

describe('the target that rated a figure, and its label', () => {
  const ev = evaluateTree({ 'catalogue.yaml': catalogue(kpis), 'q2.yaml': q2, 'q3.yaml': q3 });

  it("an observation's own target is not labelled with the catalogue's label", () => {
    const m = metricEval(ev, '2019/20 Q3', 'jobs');
    expect(m.target).toEqual({ kind: 'value', value: 120 });
    expect(m.targetSource).toBe('observation');
    expect(m.targetLabel).toBeUndefined();
  });

  it("a pro-rata share is not labelled with the whole year's label", () => {
    const m = metricEval(ev, '2019/20 Q2', 'downloads');
    expect(m.targetSource).toBe('pro rata');
    expect(m.target).toEqual({ kind: 'value', value: 200 });
    expect(m.targetLabel).toBeUndefined();
  });

  it("the catalogue's label stands with the catalogue's target, and an observation's label replaces it", () => {
    expect(metricEval(ev, '2019/20 Q2', 'visits').targetLabel).toBe('50 a quarter');
    expect(metricEval(ev, '2019/20 Q3', 'visits').targetLabel).toBe('TBC');
  });
});

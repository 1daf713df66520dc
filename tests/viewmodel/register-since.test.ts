// One previous-register rule: the register screen, the risk slide and the hand-out say the same
// "since" for the same entry and period, and "new" only where an earlier register lacks the entry.
import { describe, expect, it } from 'vitest';
import type { MeetingAgenda } from '../../src/viewmodel/agenda.js';
import { handoutMarkdown } from '../../src/viewmodel/export.js';
import { UNICODE_GLYPHS } from '../../src/viewmodel/glyphs.js';
import { buildModel, type Model } from '../../src/viewmodel/model.js';
import { registerScreen } from '../../src/viewmodel/register-screen.js';
import { slideView } from '../../src/viewmodel/slides.js';
import { plain } from '../../src/viewmodel/styled.js';
import { catalogue, loadTree } from '../helpers.js';

const entry = (id: string, residual: number, direction?: string) =>
  `  - { id: ${id}, kind: risk, title: Risk ${id}, residual: ${residual}${direction ? `, direction: "${direction}"` : ''} }\n`;

function model(files: Record<string, string>): Model {
  const loaded = loadTree({ 'catalogue.yaml': catalogue('      - { id: k, title: K, unit: count, good: high }\n'), ...files });
  if (!loaded.dataset) throw new Error(loaded.findings.map((f) => f.message).join('; '));
  return buildModel(loaded.dataset, loaded.findings, UNICODE_GLYPHS);
}

const at = (m: Model, label: string) => m.periodLabels.indexOf(label);
const slide = (m: Model, period: number, id: string) =>
  slideView(m, { index: 0, title: 'Risk', show: { kind: 'risk', id } }, { period, cursor: 0, filter: '', sortColumn: 0, width: 100, height: 30 })
    .lines.map(plain)
    .join('\n');
const handout = (m: Model, period: number, id: string) => {
  const agenda: MeetingAgenda = { meeting: 'M', generated: false, items: [{ index: 0, title: 'Register', show: { kind: 'register' } }, { index: 1, title: 'Risk', show: { kind: 'risk', id } }] };
  return handoutMarkdown(m, period, agenda);
};
const screen = (m: Model, period: number) => registerScreen(m, { period, cursor: 0, filter: '', sortColumn: 0, width: 120, height: 30 }).lines.map(plain).join('\n');

describe('the previous register', () => {
  // A whole-year file sorts between the quarters (by start date, then length): Q1, 2019/20, Q2.
  const m = model({
    'q1.yaml': `period: 2019/20 Q1\nregister:\n${entry('CR1', 8)}`,
    'year.yaml': `period: 2019/20\nregister:\n${entry('CR1', 10)}`,
    'q2.yaml': `period: 2019/20 Q2\nregister:\n${entry('CR1', 12)}${entry('CR2', 6)}`,
  });

  it('Q2 is compared with Q1 (the year does not end before Q2 starts), the same in every view', () => {
    const q2 = at(m, '2019/20 Q2');
    expect(slide(m, q2, 'CR1')).toContain('since 2019/20 Q1 (was 8)');
    expect(screen(m, q2)).toContain('(vs 2019/20 Q1)');
    expect(handout(m, q2, 'CR1')).toContain('since the 2019/20 Q1 register');
  });

  it('an entry missing from the earlier register is new', () => {
    const q2 = at(m, '2019/20 Q2');
    expect(slide(m, q2, 'CR2')).toMatch(/new this period \(not in the 2019\/20 Q1 register\)/);
  });

  it('with no earlier register, movement is not known; new only where the entry says so', () => {
    const first = model({ 'q1.yaml': `period: 2019/20 Q1\nregister:\n${entry('CR1', 8)}${entry('CR2', 4, 'New risk')}` });
    const text = screen(first, 0);
    expect(text).toContain('first register loaded');
    expect(slide(first, 0, 'CR1')).toContain('no earlier register');
    expect(slide(first, 0, 'CR1')).not.toMatch(/\bnew\b/);
    expect(slide(first, 0, 'CR2')).toMatch(/\bnew\b/);
    expect(handout(first, 0, 'CR1')).toContain('movement is not known');
  });
});

import { describe, expect, it } from 'vitest';
import type { Agenda } from '../../src/domain/types.js';
import { agendaFor, agendaOfPeriod } from '../../src/viewmodel/agenda-build.js';
import type { MeetingAgenda } from '../../src/viewmodel/agenda.js';
import { UNICODE_GLYPHS } from '../../src/viewmodel/glyphs.js';
import { buildModel, type Model } from '../../src/viewmodel/model.js';
import { loadTree } from '../helpers.js';
import { modelOf } from '../ui/harness.js';

// Two priorities; an appetite of 10; registers in Q1 and Q2 (Q2: R1 rose above the appetite, R2
// stayed above it, R3 rose below it, R4 is new above it, R5 fell, an opportunity rose); finance in Q2.
const CATALOGUE = `catalogue:
  id: test
  title: Test Strategy
  organisation: Test Council
  data: .
risk_appetite: 10
priorities:
  - id: p1
    title: First priority
    kpis:
      - { id: a, title: Alpha, unit: count, good: high, target: 100 }
      - { id: b, title: Bravo, unit: count, good: high, target: 100 }
      - { id: c, title: Charlie, unit: count, good: high, target: 100 }
  - id: p2
    title: Second priority
    kpis:
      - { id: d, title: Delta, unit: percent, good: high, target: 90 }
      - { id: e, title: Echo, unit: count, good: low, target: 10 }
      - { id: f, title: Foxtrot, unit: count, good: low, target: 10 }
`;

const Q1 = `period: 2019/20 Q1
observations:
  a: { value: 100 }
  b: { value: 100 }
  c: { value: 100 }
  d: { value: 95 }
  e: { value: 5 }
register:
  - { id: R1, title: Budget pressure, residual: { impact: 3, likelihood: 3 } }
  - { id: R2, title: Cyber attack, residual: { impact: 4, likelihood: 4 } }
  - { id: R3, title: Winter flooding, residual: { impact: 2, likelihood: 2 } }
  - { id: R5, title: Supplier failure, residual: { impact: 4, likelihood: 3 } }
  - { id: O1, kind: opportunity, title: Devolution deal, residual: { impact: 2, likelihood: 2 } }
`;

const Q2 = `period: 2019/20 Q2
observations:
  a: { value: 50 }
  b: { value: 97 }
  c: { value: 100 }
  d: { value: 88 }
  e: { value: 20 }
  f: { value: 30 }
register:
  - { id: R1, title: Budget pressure, residual: { impact: 4, likelihood: 4 } }
  - { id: R2, title: Cyber attack, residual: { impact: 4, likelihood: 4 } }
  - { id: R3, title: Winter flooding, residual: { impact: 2, likelihood: 3 } }
  - { id: R4, title: Data breach, residual: { impact: 5, likelihood: 3 } }
  - { id: R5, title: Supplier failure, residual: { impact: 2, likelihood: 3 } }
  - { id: O1, kind: opportunity, title: Devolution deal, residual: { impact: 4, likelihood: 4 } }
finance:
  unit: £m
  lines:
    - { area: Adults, budget: 100.0, forecast: 104.5 }
    - { area: Children, budget: 50.0, forecast: 49.0 }
`;

function fixture(files: Readonly<Record<string, string>> = { 'q1.yaml': Q1, 'q2.yaml': Q2 }): Model {
  const loaded = loadTree({ 'catalogue.yaml': CATALOGUE, ...files });
  if (!loaded.dataset) throw new Error(loaded.findings.map((f) => f.message).join('; '));
  return buildModel(loaded.dataset, loaded.findings, UNICODE_GLYPHS);
}

const shows = (a: MeetingAgenda) => a.items.map((i) => ('id' in i.show ? `${i.show.kind}:${i.show.id}` : i.show.kind));

describe('agendaFor: generated, exceptions first', () => {
  const model = fixture();
  const q1 = model.periodLabels.indexOf('2019/20 Q1');
  const q2 = model.periodLabels.indexOf('2019/20 Q2');

  it('orders overview, each priority’s summary then reds then ambers, heat grid, new, risen or above-appetite risks, finance', () => {
    const a = agendaFor(model, q2);
    expect(a.generated).toBe(true);
    expect(a.meeting).toBe('Test Strategy, 2019/20 Q2');
    expect(shows(a)).toEqual(['overview', 'priority:p1', 'kpi:a', 'kpi:b', 'priority:p2', 'kpi:e', 'kpi:f', 'kpi:d', 'heatgrid', 'risk:R1', 'risk:R2', 'risk:R3', 'risk:R4', 'finance']);
    expect(a.items.map((i) => i.index)).toEqual(a.items.map((_, i) => i));
  });

  it('titles each KPI with its priority, and says in the notes why an item is there', () => {
    const a = agendaFor(model, q2);
    expect(a.items[1]?.title).toBe('First priority');
    expect(a.items[1]?.notes).toBe('3 KPIs reported: 1 green, 1 amber, 1 red, 0 unrated.');
    expect(a.items[2]?.title).toBe('First priority: Alpha');
    expect(a.items[2]?.notes).toMatch(/^Red: 50 against a target of 100\. /);
    expect(a.items[3]?.notes).toMatch(/^Amber: 97/);
    const risk = (id: string) => a.items.find((i) => 'id' in i.show && i.show.id === id);
    expect(risk('R1')?.title).toBe('R1 Budget pressure');
    expect(risk('R1')?.notes).toBe('Residual score rose from 9 to 16; above the risk appetite of 10.');
    expect(risk('R2')?.notes).toBe('Above the risk appetite of 10.');
    expect(risk('R3')?.notes).toBe('Residual score rose from 4 to 6.');
    // New: not in the previous register (the register's one rule).
    expect(risk('R4')?.title).toBe('New risk R4 Data breach');
    expect(risk('R4')?.notes).toBe('New risk, residual score 15; above the risk appetite of 10.');
  });

  it('shares the meeting out as each item\'s budget: 90 minutes unless --minutes says', () => {
    const a = agendaFor(model, q2);
    expect(a.items.map((i) => i.minutes)).toEqual(a.items.map(() => Math.floor(90 / 14)));
    const short = buildModel(model.ev.dataset, [], UNICODE_GLYPHS, undefined, { meetingMinutes: 28 });
    expect(agendaFor(short, q2).items.map((i) => i.minutes)).toEqual(a.items.map(() => 2));
    // Never under a minute.
    const tiny = buildModel(model.ev.dataset, [], UNICODE_GLYPHS, undefined, { meetingMinutes: 1 });
    expect(agendaFor(tiny, q2).items.every((i) => i.minutes === 1)).toBe(true);
  });

  it('leaves out green KPIs, risks that fell, opportunities, and finance and the grid where the period has none', () => {
    const a = agendaFor(model, q1);
    // Q1: nothing below target; R2 and R5 are above the appetite (first register: nothing has risen).
    expect(shows(a)).toEqual(['overview', 'priority:p1', 'priority:p2', 'heatgrid', 'risk:R2', 'risk:R5']);
    const none = fixture({ 'q2.yaml': Q2.replace(/register:[\s\S]*?finance:/, 'finance:') });
    expect(shows(agendaFor(none, none.periodLabels.indexOf('2019/20 Q2')))).toEqual(['overview', 'priority:p1', 'kpi:a', 'kpi:b', 'priority:p2', 'kpi:e', 'kpi:f', 'kpi:d', 'finance']);
  });

  it('is deterministic', () => {
    expect(agendaFor(model, q2)).toEqual(agendaFor(model, q2));
  });

  it('with no register and no finance (2024/25): the overview and the exceptions only', () => {
    const m = modelOf('catalogue/lcc-2024-25.yaml');
    const a = agendaFor(m, m.periodLabels.length - 1);
    const kinds = new Set(a.items.map((i) => i.show.kind));
    expect([...kinds]).toEqual(['overview', 'priority', 'kpi']);
    // Reds of a priority come before its ambers.
    const last = m.ev.periods[m.periodLabels.length - 1];
    const rags = a.items.slice(1).filter((i) => i.show.kind === 'kpi').map((i) => ('id' in i.show ? last?.kpis.get(i.show.id) : undefined));
    for (let i = 1; i < rags.length; i++) {
      const [x, y] = [rags[i - 1], rags[i]];
      if (x?.kpi.priorityId === y?.kpi.priorityId) expect(x?.counted === 'amber' && y?.counted === 'red').toBe(false);
    }
    expect(rags.every((k) => k?.counted === 'red' || k?.counted === 'amber')).toBe(true);
  });
});

describe('agendaFor: from the agenda file', () => {
  const model = modelOf();
  const q3 = model.periodLabels.indexOf('2019/20 Q3');

  it('takes the period’s agenda file, its items in order with notes and minutes', () => {
    const a = agendaFor(model, q3);
    expect(a.generated).toBe(false);
    expect(a.meeting).toBe('Cabinet Committee on Performance Improvement');
    expect(a.date).toBe('2020-02-19');
    expect(a.items).toHaveLength(17);
    expect(a.items[0]).toEqual({ index: 0, title: '1. Apologies for Absence', show: { kind: 'text' } });
    expect(a.items[3]?.show).toEqual({ kind: 'heatgrid' });
    expect(a.items[3]?.minutes).toBe(5);
    expect(a.items[3]?.notes).toMatch(/^Report of the Head of Legal/);
    expect(shows(a)).toContain('risk:CR13');
    expect(shows(a)).toContain('priority:live');
    expect(shows(a)).toContain('exceptions');
  });

  it('builds one for a period the file is not for', () => {
    const q2 = model.periodLabels.indexOf('2019/20 Q2');
    expect(agendaOfPeriod(model, q2)).toBeUndefined();
    const a = agendaFor(model, q2);
    expect(a.generated).toBe(true);
    expect(a.items[0]?.show).toEqual({ kind: 'overview' });
  });

  it('uses an agenda it is given, whatever the period', () => {
    const given: Agenda = { meeting: 'Extra', items: [{ title: 'Only item', show: { kind: 'finance' }, loc: { file: 'x', line: 1, col: 1 } }], file: 'x' };
    expect(agendaFor(model, 0, given)).toEqual({ meeting: 'Extra', generated: false, items: [{ index: 0, title: 'Only item', show: { kind: 'finance' } }] });
  });
});

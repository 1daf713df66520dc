// Which meeting `ragtop present` opens on, and which agenda a period has.
import { describe, expect, it } from 'vitest';
import { agendaOfPeriod, meetingPeriodOf } from '../../src/viewmodel/agenda-build.js';
import { buildModel } from '../../src/viewmodel/model.js';
import { UNICODE_GLYPHS } from '../../src/viewmodel/glyphs.js';
import type { Agenda } from '../../src/domain/types.js';
import { parsePeriod } from '../../src/domain/period.js';
import { modelOf } from '../ui/harness.js';

const model = modelOf();
const q3 = model.ev.dataset.agendas[0] as Agenda;
const withAgendas = (agendas: Agenda[]) => buildModel({ ...model.ev.dataset, agendas }, [], UNICODE_GLYPHS);
const Q2 = model.periodLabels.indexOf('2019/20 Q2');
const Q3 = model.periodLabels.indexOf('2019/20 Q3');
const Q2_PERIOD = parsePeriod('2019/20 Q2');
if (!Q2_PERIOD) throw new Error('2019/20 Q2 is a period');

describe('the meeting ragtop present opens on', () => {
  it('is the latest period that has an agenda file, not the latest period', () => {
    expect(meetingPeriodOf(model)).toBe(Q3);
    const q2only = withAgendas([{ ...q3, period: Q2_PERIOD }]);
    // Q2's agenda is the only one: Q2, although Q3 is loaded.
    expect(meetingPeriodOf(q2only)).toBe(Q2);
  });
  it('is the latest period when there is no agenda file, and the chosen agenda\'s period with --agenda', () => {
    expect(meetingPeriodOf(withAgendas([]))).toBe(model.periodLabels.length - 1);
    expect(meetingPeriodOf(model, q3)).toBe(Q3);
    const { period: _p, ...open } = q3;
    expect(meetingPeriodOf(model, open)).toBe(model.periodLabels.length - 1);
  });
  it('of two agendas for one period, the later meeting is the one presented', () => {
    const earlier: Agenda = { ...q3, meeting: 'Earlier', date: '2020-01-10', file: 'a.yaml' };
    const later: Agenda = { ...q3, meeting: 'Later', date: '2020-02-19', file: 'b.yaml' };
    expect(agendaOfPeriod(withAgendas([later, earlier]), Q3)?.meeting).toBe('Later');
    expect(agendaOfPeriod(withAgendas([earlier, later]), Q3)?.meeting).toBe('Later');
  });
});

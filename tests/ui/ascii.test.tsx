// The ASCII glyph set draws only ASCII: every screen, slide, help page and hand-out, at 80×24
// and 60×18, on the bundled reports and on data whose text holds £ € – — “ ” … × ≤ ≥ and an emoji.
import { describe, expect, it } from 'vitest';
import type { AgendaEntry, MeetingAgenda, PresenterState } from '../../src/viewmodel/agenda.js';
import { agendaFor } from '../../src/viewmodel/agenda-build.js';
import { handoutMarkdown } from '../../src/viewmodel/export.js';
import { metricsCsv, metricsJson } from '../../src/viewmodel/export-tables.js';
import { ASCII_GLYPHS } from '../../src/viewmodel/glyphs.js';
import { buildModel, type Model } from '../../src/viewmodel/model.js';
import { notesText } from '../../src/viewmodel/notes.js';
import { catalogue, loadTree } from '../helpers.js';
import { unsafeTerminalBytes } from '../terminal-bytes.js';
import { modelOf, renderTui } from './harness.js';

const HOSTILE = '£5m – costs — “quoted” … 4×5 ≤ 3 ≥ 2 → café 😀';

function hostile(): Model {
  const kpis = `      - { id: money, title: "Spend ${HOSTILE}", unit: currency, good: low, target: 4.5, target_label: "${HOSTILE}" }
      - { id: shares, title: "Share – of “all”", unit: percent, good: high, target: 50 }
`;
  const loaded = loadTree({
    'catalogue.yaml': catalogue(kpis, 'risk_appetite: 12\n'),
    'q1.yaml': `period: 2019/20 Q1\nobservations:\n  money: { value: 6.2, note: "${HOSTILE}" }\n  shares: { value: 40 }\ncommentary:\n  money: "${HOSTILE}"\nregister:\n  - { id: CR1, kind: risk, title: "${HOSTILE}", residual: 16, owner: "Ms “Ö”" }\nfinance:\n  unit: £m\n  lines:\n    - { area: "Adults – care", budget: 10, forecast: 11 }\n`,
    'q2.yaml': `period: 2019/20 Q2\nobservations:\n  money: { value: 5.1 }\n  shares: { value: 55 }\nregister:\n  - { id: CR1, kind: risk, title: "${HOSTILE}", residual: 12 }\n`,
  });
  if (!loaded.dataset) throw new Error(loaded.findings.map((f) => `${f.code} ${f.message}`).join('; '));
  return buildModel(loaded.dataset, loaded.findings, ASCII_GLYPHS);
}

const expectAscii = (text: string, where: string, controls = '\n') => expect(unsafeTerminalBytes(text, { allow: 'sgr', ascii: true, controls }), where).toEqual([]);

const MODELS: ReadonlyArray<readonly [string, () => Model]> = [
  ['lcc-2019-20', () => modelOf('catalogue/lcc-2019-20.yaml', true)],
  ['lcc-2024-25', () => modelOf('catalogue/lcc-2024-25.yaml', true)],
  ['hostile text', hostile],
];

describe.each(MODELS)('%s with the ASCII set', (_name, make) => {
  const model = make();

  it.each([
    [80, 24],
    [60, 18],
  ])('every screen at %i×%i draws only ASCII', async (columns, rows) => {
    const t = renderTui({ columns, rows, model });
    await t.waitFor('Overview');
    const seen: string[] = [];
    const look = (what: string) => {
      seen.push(what);
      expectAscii(t.frame(), `${what} at ${columns}x${rows}`);
    };
    look('overview');
    for (const [key, name] of [['2', 'KPIs'], ['3', 'Register'], ['4', 'Heat grid'], ['5', 'Finance'], ['6', 'Checks']] as const) {
      await t.press(key);
      await t.waitFor(name === 'Heat grid' ? /Heat grid|heat grid|Residual/ : name);
      look(name);
      await t.press('enter');
      look(`${name}, Enter`);
      await t.press('enter');
      look(`${name}, Enter twice`);
      await t.press('escape', 'escape');
    }
    await t.press('4', 'm');
    look('heat grid movement');
    await t.press('2', '/');
    look('filter prompt');
    await t.press('escape', ':');
    look('jump prompt');
    await t.press('escape', '?');
    look('help');
    await t.press('escape', 'p');
    look('presenter');
    for (let i = 0; i < 12; i++) {
      await t.press('n');
      look(`slide ${i + 2}`);
    }
    t.unmount();
    expect(seen.length).toBeGreaterThan(20);
  });

  it('every hand-out and the speaker notes are ASCII', () => {
    for (let p = 0; p < model.ev.periods.length; p++) {
      const agenda: MeetingAgenda = agendaFor(model, p);
      expectAscii(handoutMarkdown(model, p, agenda, { notes: true }), `md ${p}`);
      // A CSV's lines end CR LF (RFC 4180).
      expectAscii(metricsCsv(model, p), `csv ${p}`, '\r\n');
      expectAscii(metricsJson(model, p), `json ${p}`);
      const items: readonly AgendaEntry[] = agenda.items;
      const state: PresenterState = { meeting: agenda.meeting, item: 0, count: items.length, title: items[0]?.title ?? '', notes: `${items[0]?.notes ?? ''} ${HOSTILE}`, commentary: [HOSTILE], ...(items[1] ? { next: items[1].title } : {}), meetingStartedAt: 0, itemStartedAt: 0 };
      expectAscii(notesText(state, 1000, 60, model.glyphs).join('\n'), `notes ${p}`);
    }
  });
});

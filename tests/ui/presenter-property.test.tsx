// A property of the presenter, through the real App: whatever keys a presenter (or a clicker)
// sends, with reloads that shorten or lengthen the agenda, resizes, view switches and drilling in
// and out, nothing throws, and Esc always brings back a slide whose footer reads "item k / N"
// with 1 ≤ k ≤ N, N the agenda's length now. Seeded and bounded, so it runs the same every time.
import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import type { Agenda } from '../../src/domain/types.js';
import { UNICODE_GLYPHS } from '../../src/viewmodel/glyphs.js';
import { buildModel, type Model } from '../../src/viewmodel/model.js';
import { meetingAgenda } from '../../src/viewmodel/presenter-screen.js';
import { modelOf, renderTui } from './harness.js';

const base = modelOf();
const agenda = base.ev.dataset.agendas[0] as Agenda;
const withItems = (items: Agenda['items']): Model => buildModel({ ...base.ev.dataset, agendas: [{ ...agenda, items }] }, [], UNICODE_GLYPHS);
/** The data after a save: the same agenda, a shorter one, a longer one, none (an agenda built from the data). */
const MODELS: readonly Model[] = [
  base,
  withItems(agenda.items.slice(0, 3)),
  withItems(agenda.items.slice(5, 12)),
  withItems([...agenda.items, ...agenda.items.map((it) => ({ ...it, title: `${it.title} (again)` }))]),
  buildModel({ ...base.ev.dataset, agendas: [] }, [], UNICODE_GLYPHS),
];
const SIZES: ReadonlyArray<readonly [number, number]> = [
  [80, 24],
  [60, 18],
  [120, 40],
  [200, 60],
];
// Every key a presenter or a clicker might send, except q and Ctrl-C (which leave, by design).
const KEYS = [' ', 'n', 'N', 'g', 'G', 'j', 'k', 'd', 'i', 'b', '.', 'w', 'p', '?', '[', ']', '1', '2', '3', '4', '5', '6', '0', ':', '/', 'x', 'c', 's', 'enter', 'escape', 'tab', 'shiftTab', 'backspace', 'up', 'down', 'left', 'right', 'pageUp', 'pageDown', 'home', 'end'] as const;

type Step = { readonly key: string } | { readonly reload: number } | { readonly resize: number };
const step: fc.Arbitrary<Step> = fc.oneof(
  { weight: 12, arbitrary: fc.constantFrom(...KEYS).map((key) => ({ key })) },
  { weight: 1, arbitrary: fc.nat(MODELS.length - 1).map((reload) => ({ reload })) },
  { weight: 1, arbitrary: fc.nat(SIZES.length - 1).map((resize) => ({ resize })) },
);

function footer(frame: string): { k: number; n: number } | undefined {
  const m = /item (\d+) \/ (\d+)/.exec(frame);
  return m ? { k: Number(m[1]), n: Number(m[2]) } : undefined;
}

describe('presenter mode, under any keys', () => {
  it('never throws, and Esc always lands on a slide with item k / N, 1 ≤ k ≤ N', { timeout: 60_000 }, async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 24 }), async (steps) => {
        const t = renderTui({ model: base });
        t.setPause(3);
        let model = base;
        try {
          await t.press('p');
          await t.waitFor('item 1 / 17');
          for (const s of steps) {
            if ('key' in s) await t.press(s.key);
            else if ('reload' in s) {
              model = MODELS[s.reload] as Model;
              t.setModel(model);
            } else {
              const [c, r] = SIZES[s.resize] as readonly [number, number];
              t.resize(c, r);
            }
          }
          // Esc (as many times as modes are stacked) brings the slide back; then its footer.
          await t.press('escape', 'escape', 'escape', 'escape', 'escape', 'escape');
          await vi.waitFor(
            () => {
              const at = footer(t.frame());
              expect(at, t.frame()).toBeDefined();
              const n = meetingAgenda(model, model.periodLabels.indexOf('2019/20 Q3'), model.agenda).items.length;
              expect(at?.n).toBe(n);
              expect(at?.k).toBeGreaterThanOrEqual(1);
              expect(at?.k).toBeLessThanOrEqual(at?.n ?? 0);
            },
            { timeout: 2000, interval: 10 },
          );
          expect(t.exited()).toBeUndefined();
        } finally {
          t.unmount();
        }
      }),
      { seed: Number(process.env["PROPERTY_SEED"] ?? 20261204), numRuns: Number(process.env["PROPERTY_RUNS"] ?? 120), endOnFailure: true },
    );
  });
});

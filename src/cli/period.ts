// Which period a command shows: the one named (--period, an agenda's, the last browsed) among the
// loaded ones, else the command's own default. The one place a period's text is looked up.

import { parsePeriod, samePeriod } from '../domain/period.js';
import { showText } from '../domain/text.js';
import type { Model } from '../viewmodel/model.js';

/** The period's index in the model, or why the named one cannot be shown (a sentence for `ragtop: …`). */
export type PeriodChoice = { readonly index: number } | { readonly problem: string };

/**
 * `named` (as a user writes it: "2019/20 Q3") among the loaded periods; `otherwise()` when nothing
 * is named. The problem names the text as --period (the option it usually comes from).
 */
export function resolvePeriod(model: Pick<Model, 'ev' | 'periodLabels'>, named: string | undefined, otherwise: () => number): PeriodChoice {
  if (named === undefined) return { index: otherwise() };
  const wanted = parsePeriod(named);
  const index = wanted ? model.ev.periods.findIndex((p) => samePeriod(p.data.period, wanted)) : -1;
  if (index >= 0) return { index };
  return { problem: `--period ${showText(named)}: ${wanted ? 'no period file gives it' : 'not a period like 2019/20 Q3'} (loaded: ${model.periodLabels.join(', ')})` };
}

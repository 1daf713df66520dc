// The register, as every view reads it (register table, entry detail, heat grid, and later
// presenter mode and exports): one score → band mapping, movement, history. Pure.

import { formatPeriod } from '../domain/period.js';
import { aboveAppetite, bandOf, movementOf, previousRegister, type Movement } from '../domain/risk.js';
import type { Assessment, PeriodData, RegisterEntry } from '../domain/types.js';
import type { Model } from './model.js';
import type { Token } from './styled.js';

export interface BandLabel {
  /** The band's name as the catalogue gives it ("high"). */
  readonly name: string;
  /** A capitalised word ("High") and a one-letter abbreviation ("H"), so a band reads without colour. */
  readonly word: string;
  readonly letter: string;
  readonly token: Token;
}

const TOKENS: readonly Token[] = ['band.low', 'band.medium', 'band.high', 'band.critical'];

/** The band of a score, with its label and theme token; the one mapping every view uses. */
export function bandLabel(model: Model, score: number): BandLabel | undefined {
  const bands = model.ev.dataset.catalogue.riskBands;
  const band = bandOf(score, bands);
  if (!band) return undefined;
  const i = bands.indexOf(band);
  // Spread the bands over the four tokens by their rank (any number of bands works).
  const t = bands.length <= 1 ? 3 : Math.round((i / (bands.length - 1)) * (TOKENS.length - 1));
  return { name: band.name, word: band.name.charAt(0).toUpperCase() + band.name.slice(1), letter: band.name.charAt(0).toUpperCase(), token: TOKENS[t] ?? 'band.critical' };
}

export interface EntryView {
  readonly entry: RegisterEntry;
  /** The same entry in the previous register, if it was there. */
  readonly before?: RegisterEntry;
  readonly movement: Movement;
  /** The period of the register the movement is against (the domain's one rule), when one is loaded. */
  readonly since?: string;
  readonly aboveAppetite: boolean;
  /** How many consecutive registers (ending with this one) put the residual score in the same band. */
  readonly periodsInBand: number;
  /** The residual score in every loaded register up to this period (undefined where absent). */
  readonly history: ReadonlyArray<{ readonly period: string; readonly residual?: number; readonly inherent?: number; readonly target?: number }>;
}

function registers(model: Model, upTo: number): PeriodData[] {
  return model.ev.periods
    .slice(0, upTo + 1)
    .map((p) => p.data)
    .filter((d) => d.register !== undefined);
}

/** The register of a period with movement, appetite, time in band and history; empty when none. */
export function registerOf(model: Model, period: number): EntryView[] {
  const data = model.ev.periods[period]?.data;
  if (!data?.register) return [];
  const previous = previousRegister(
    model.ev.periods.map((p) => p.data),
    data,
  );
  const since = previous ? formatPeriod(previous.period) : undefined;
  const before = new Map((previous?.register ?? []).map((e) => [e.id, e]));
  const regs = registers(model, period);
  // Each register by id (the first entry of an id, as a search from the top finds).
  const byId = regs.map((d) => {
    const ids = new Map<string, RegisterEntry>();
    for (const e of d.register ?? []) if (!ids.has(e.id)) ids.set(e.id, e);
    return ids;
  });
  const appetite = model.ev.dataset.catalogue.riskAppetite;
  return data.register.map((entry) => {
    const band = (a: Assessment | undefined) => (a ? bandOf(a.score, model.ev.dataset.catalogue.riskBands)?.name : undefined);
    let periodsInBand = 0;
    const now = band(entry.residual);
    for (let i = regs.length - 1; i >= 0; i--) {
      const e = byId[i]?.get(entry.id);
      if (!e || now === undefined || band(e.residual) !== now) break;
      periodsInBand += 1;
    }
    const history = regs.map((d, i) => {
      const e = byId[i]?.get(entry.id);
      return {
        period: formatPeriod(d.period),
        ...(e?.residual ? { residual: e.residual.score } : {}),
        ...(e?.inherent ? { inherent: e.inherent.score } : {}),
        ...(e?.target ? { target: e.target.score } : {}),
      };
    });
    const prev = before.get(entry.id);
    return {
      entry,
      ...(prev ? { before: prev } : {}),
      movement: movementOf(entry, prev, previous !== undefined),
      ...(since !== undefined ? { since } : {}),
      aboveAppetite: aboveAppetite(entry, appetite),
      periodsInBand,
      history,
    };
  });
}

/** Loaded periods that have a register, for "no register in this period" messages. */
export function periodsWithRegister(model: Model): string[] {
  return model.ev.periods.filter((p) => p.data.register !== undefined).map((p) => formatPeriod(p.data.period));
}

/** The period of the register that period `period`'s register is compared with, when one is loaded. */
export function registerSince(model: Model, period: number): string | undefined {
  const data = model.ev.periods[period]?.data;
  const previous = data
    ? previousRegister(
        model.ev.periods.map((p) => p.data),
        data,
      )
    : undefined;
  return previous ? formatPeriod(previous.period) : undefined;
}

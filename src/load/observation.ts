// An observation as the load keeps it. At the largest data sets there are half a million, and a
// Loc object for each part of each (the key, the value, the rag, …) plus a Written record for its
// value were most of the memory the loaded data held. Here the parts most observations have are
// fields of one object, with their positions as offsets into the file; the rest (rag, ratio,
// as-of, target, benchmarks, flags, note) sit in one record that most observations do not need;
// and a Loc is made only when something reads one (a finding).

import type { AsOf, Flag, Loc, Observation, Rag, Target, Written } from '../domain/types.js';
import { locate, type LineStarts } from './lines.js';

/** The parts of an observation most do not have, with the offsets where they are written. */
export interface ObservationExtra {
  readonly rag?: Rag;
  readonly ragAt?: number;
  readonly numerator?: Written;
  readonly denominator?: Written;
  readonly asOf?: AsOf;
  readonly asOfAt?: number;
  readonly target?: Target;
  readonly targetAt?: number;
  readonly targetLabel?: string;
  readonly benchmarks?: Readonly<Record<string, number>>;
  readonly flags?: readonly Flag[];
  readonly flagsAt?: number;
  readonly note?: string;
}

const NO_BENCHMARKS: Observation['benchmarks'] = Object.freeze({});
const NO_FLAGS: Observation['flags'] = Object.freeze([]);

/** What one holds: also the shape of one sent from a worker thread, which keeps fields, not the class. */
export interface ObservationFields {
  readonly metricId: string;
  readonly value: number | null;
  readonly decimals: number;
  readonly lines: LineStarts;
  /** Where its key (the metric id) is written. */
  readonly keyAt: number;
  /** Where its value is written (unused when it has none). */
  readonly valueAt: number;
  readonly extra: ObservationExtra | undefined;
}

export class StoredObservation implements Observation, ObservationFields {
  readonly metricId: string;
  readonly value: number | null;
  readonly decimals: number;
  readonly lines: LineStarts;
  readonly keyAt: number;
  readonly valueAt: number;
  readonly extra: ObservationExtra | undefined;

  constructor(f: ObservationFields) {
    this.metricId = f.metricId;
    this.value = f.value;
    this.decimals = f.decimals;
    this.lines = f.lines;
    this.keyAt = f.keyAt;
    this.valueAt = f.valueAt;
    this.extra = f.extra;
  }

  get loc(): Loc {
    return locate(this.lines, this.keyAt);
  }
  get valueLoc(): Loc | undefined {
    return this.value === null ? undefined : locate(this.lines, this.valueAt);
  }
  get rag(): Rag | undefined {
    return this.extra?.rag;
  }
  get ragLoc(): Loc | undefined {
    return this.at(this.extra?.ragAt);
  }
  get numerator(): Written | undefined {
    return this.extra?.numerator;
  }
  get denominator(): Written | undefined {
    return this.extra?.denominator;
  }
  get asOf(): AsOf | undefined {
    return this.extra?.asOf;
  }
  get asOfLoc(): Loc | undefined {
    return this.at(this.extra?.asOfAt);
  }
  get target(): Target | undefined {
    return this.extra?.target;
  }
  get targetLoc(): Loc | undefined {
    return this.at(this.extra?.targetAt);
  }
  get targetLabel(): string | undefined {
    return this.extra?.targetLabel;
  }
  get benchmarks(): Readonly<Record<string, number>> {
    return this.extra?.benchmarks ?? NO_BENCHMARKS;
  }
  get flags(): readonly Flag[] {
    return this.extra?.flags ?? NO_FLAGS;
  }
  get flagsLoc(): Loc | undefined {
    return this.at(this.extra?.flagsAt);
  }
  get note(): string | undefined {
    return this.extra?.note;
  }

  private at(offset: number | undefined): Loc | undefined {
    return offset === undefined ? undefined : locate(this.lines, offset);
  }
}

/**
 * The observations of a period read on another thread. A structured clone keeps an object's
 * fields, not its class, so each is made a StoredObservation again (its line starts, shared by the
 * file's observations, came across once). Those read on this thread are returned as they are.
 */
export function reviveObservations(observations: ReadonlyMap<string, Observation>): ReadonlyMap<string, Observation> {
  const first = observations.values().next();
  if (first.done === true || first.value instanceof StoredObservation) return observations;
  const out = new Map<string, Observation>();
  // A clone of a StoredObservation holds its fields (the class is what the clone lost).
  for (const [id, o] of observations) out.set(id, new StoredObservation(o as unknown as ObservationFields));
  return out;
}

// What every check makes: a finding at a place, and the precision rule for a stated figure.

import { CHECK_SEVERITY, type CheckCode, type Finding, type Loc, type Severity, type Written } from '../types.js';

/** What a check found, and where: the place it points at, and the id of what it is about. */
export interface Found {
  readonly code: CheckCode;
  /** Only where it differs from the code's own (CHECK_SEVERITY): OUT_OF_RANGE where allowed. */
  readonly severity?: Severity;
  readonly loc: Loc;
  readonly message: string;
  readonly id?: string | undefined;
}

/** A finding (an id only where one is given). */
export function f(found: Found): Finding {
  const { code, severity = CHECK_SEVERITY[code], loc, message, id } = found;
  return id === undefined ? { code, severity, message, file: loc.file, line: loc.line, column: loc.col } : { code, severity, message, file: loc.file, line: loc.line, column: loc.col, id };
}

/**
 * Half a unit in the last place written: 54.8 is right for anything in [54.75, 54.85]. A computed
 * figure that is not finite (a sum or ratio that overflowed) matches nothing.
 */
export function withinPrecision(actual: number, stated: Pick<Written, 'value' | 'decimals'>): boolean {
  if (!Number.isFinite(actual)) return false;
  const half = 0.5 * 10 ** -stated.decimals;
  return Math.abs(actual - stated.value) <= half + 1e-9 * Math.max(1, Math.abs(actual));
}


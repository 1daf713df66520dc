// Register entries for the domain's risk tests: an id, a residual score (or none), and any other field.
import type { RegisterEntry } from '../../src/domain/types.js';

export const loc = { file: 'f', line: 1, col: 1 };

export const entry = (id: string, residual: number | undefined, extra: Partial<RegisterEntry> = {}): RegisterEntry => ({
  id,
  kind: 'risk',
  title: id,
  consequences: [],
  controls: [],
  actions: [],
  ...(residual === undefined ? {} : { residual: { score: residual, loc } }),
  loc,
  ...extra,
});

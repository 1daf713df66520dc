// Checks that narrow a value read from outside (JSON, YAML, a socket) before its fields are read.

/** A mapping: an object that is not null and not an array. */
export const isMapping = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/** A thrown value's code (`ENOENT`, `EEXIST`, …), when it has one. */
export function errorCode(e: unknown): string | undefined {
  return typeof e === 'object' && e !== null && 'code' in e && typeof e.code === 'string' ? e.code : undefined;
}

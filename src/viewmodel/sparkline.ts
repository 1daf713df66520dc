// A sparkline: one character per period, its height the value's place between the smallest and
// the largest value shown. Pure; the glyph ramp comes from the glyph set (Unicode or ASCII).

/**
 * One character per value from `ramp` (lowest level first); a space where a value is missing.
 * Values are scaled between the smallest and the largest shown; when they are all equal (or
 * there is only one), every point sits on the middle level.
 */
export function sparkline(values: readonly (number | undefined)[], ramp: string): string {
  const levels = levelsOf(ramp);
  const top = levels.length - 1;
  if (top < 0) return ' '.repeat(values.length);
  // The smallest and largest shown (Infinity and -Infinity when none is).
  let min = Infinity;
  let max = -Infinity;
  for (const v of values) {
    if (v === undefined || !Number.isFinite(v)) continue;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  // The span of two finite numbers can overflow (-1.7e308 to 1.7e308); half of it cannot.
  const half = !Number.isFinite(max - min);
  let out = '';
  for (const v of values) {
    if (v === undefined || !Number.isFinite(v)) {
      out += ' ';
      continue;
    }
    const place = half ? (v / 2 - min / 2) / (max / 2 - min / 2) : (v - min) / (max - min);
    const i = max === min ? Math.floor(top / 2) : Math.round(place * top);
    out += levels[Math.max(0, Math.min(top, i))] ?? ' ';
  }
  return out;
}

/** A ramp's characters (a sparkline is drawn for every KPI row: split each ramp once). */
const rampLevels = new Map<string, readonly string[]>();

function levelsOf(ramp: string): readonly string[] {
  let levels = rampLevels.get(ramp);
  if (!levels) {
    levels = [...ramp];
    if (rampLevels.size > 16) rampLevels.clear();
    rampLevels.set(ramp, levels);
  }
  return levels;
}

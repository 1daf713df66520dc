// A sparkline: one character per period, its height the value's place between the smallest and
// the largest value shown. Pure; the glyph ramp comes from the glyph set (Unicode or ASCII).

/**
 * One character per value from `ramp` (lowest level first); a space where a value is missing.
 * Values are scaled between the smallest and the largest shown; when they are all equal (or
 * there is only one), every point sits on the middle level.
 */
export function sparkline(values: readonly (number | undefined)[], ramp: string): string {
  const levels = [...ramp];
  const top = levels.length - 1;
  if (top < 0) return ' '.repeat(values.length);
  const present = values.filter((v): v is number => v !== undefined && Number.isFinite(v));
  const min = Math.min(...present);
  const max = Math.max(...present);
  return values
    .map((v) => {
      if (v === undefined || !Number.isFinite(v)) return ' ';
      const i = max === min ? Math.floor(top / 2) : Math.round(((v - min) / (max - min)) * top);
      return levels[Math.max(0, Math.min(top, i))] ?? ' ';
    })
    .join('');
}

// What a cell's number format says about the number it holds: a percentage (the cell holds a
// fraction), how many decimals it shows, and whether a date format shows only a time of day.
// Only the format code is read (as Excel writes it, e.g. `#,##0.00;[Red]-#,##0.00`); nothing
// here formats a number.

/**
 * The format's sections (`;` separates positive, negative, zero and text) with everything that is
 * shown as written removed: quoted text, `[...]` (colours, conditions, locales, elapsed-time
 * units), `\x` escapes, and the `_x` padding and `*x` fill pairs. What is left are the codes
 * that act on the number: a `%` here multiplies by 100, a `%` in quotes or escaped does not.
 */
export function formatSections(format: string): string[] {
  const sections: string[] = [];
  let current = '';
  for (let i = 0; i < format.length; i++) {
    const c = format[i];
    if (c === '"') {
      const end = format.indexOf('"', i + 1);
      i = end < 0 ? format.length : end;
    } else if (c === '[') {
      const end = format.indexOf(']', i + 1);
      i = end < 0 ? format.length : end;
    } else if (c === '\\' || c === '_' || c === '*') {
      i += 1;
    } else if (c === ';') {
      sections.push(current);
      current = '';
    } else current += c;
  }
  sections.push(current);
  return sections;
}

/** The section that formats `value`: the negative or zero section where the format has one. */
function sectionFor(format: string, value: number): string {
  const sections = formatSections(format);
  const index = value < 0 ? 1 : value === 0 ? 2 : 0;
  return sections[index] ?? sections[0] ?? '';
}

export interface NumberLook {
  /** The format multiplies by 100 and shows `%`: the cell holds a fraction. */
  readonly percent: boolean;
  /** The decimals a fixed-decimals format shows (`0.00` → 2, `0.0%` → 1); undefined otherwise. */
  readonly decimals?: number;
}

/**
 * How `value` formatted with `format` looks: a percentage or not, and the fixed decimals of a
 * plain number format (`0`, `0.00`, `#,##0.0`, `0.0%`, with a currency sign, sign or brackets
 * around it). General, scientific, fraction and `0.0#` (one or two decimals) formats have none.
 */
export function numberLook(format: string | undefined, value: number): NumberLook {
  if (format === undefined || format === '') return { percent: false };
  const section = sectionFor(format, value);
  const percent = section.includes('%');
  // Literal characters Excel shows without quotes around a number: signs, brackets, spaces, `$`.
  const core = section.replace(/^[\s$+\-()]+|[\s$+\-()]+$/g, '');
  const fixed = /^(?=[#0,]*[#0])[#0,]*(?:\.(0+))?,*%?$/.exec(core);
  if (!fixed) return { percent };
  return { percent, decimals: fixed[1]?.length ?? 0 };
}

/**
 * True when a date format shows a time of day or a duration but no date (`h:mm`, `mm:ss`,
 * `[h]:mm`): its cell is a fraction of a day (or a count of days), not a date.
 */
export function isTimeOnlyFormat(format: string | undefined): boolean {
  if (format === undefined) return false;
  const codes = formatSections(format)[0] ?? '';
  if (/[yde]/i.test(codes)) return false;
  return /[hs]/i.test(codes) || /\[(?:h+|m+|s+)\]/i.test(format);
}

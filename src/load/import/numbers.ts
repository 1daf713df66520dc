// Numbers as `ragtop import` writes them: decimal text, never through floating-point arithmetic,
// so that a percentage cell's 0.449 is written 44.9 (0.449 × 100 is 44.900000000000006) and a CSV's
// "89.10" keeps the decimals it was written with (the loader reads a figure's precision from them).
// Pure.

/** A number as it will be written in the period file: its decimal text, and the value it reads as. */
export interface NumberText {
  readonly text: string;
  readonly value: number;
}

const PLAIN = /^(-?)(\d+)(?:\.(\d+))?$/;

/** A plain decimal's text normalised: no leading zeros in the whole part, no "-0". Undefined when not plain. */
function tidy(sign: string, whole: string, frac: string): string {
  const w = whole.replace(/^0+(?=\d)/, '');
  const text = frac === '' ? w : `${w}.${frac}`;
  return sign === '-' && /[1-9]/.test(text) ? `-${text}` : text;
}

/**
 * Moves the decimal point of a plain decimal `places` to the right (left when negative), on the
 * digits: `shiftPoint("0.449", 2)` is "44.9". Trailing zeros of the fraction are dropped.
 */
export function shiftPoint(text: string, places: number): string {
  const m = PLAIN.exec(text);
  if (!m) throw new Error(`not a plain decimal: ${text}`);
  const sign = m[1] ?? '';
  let whole = m[2] ?? '0';
  let frac = m[3] ?? '';
  if (places >= 0) {
    frac = frac.padEnd(places, '0');
    whole += frac.slice(0, places);
    frac = frac.slice(places);
  } else {
    const n = -places;
    whole = whole.padStart(n + 1, '0');
    frac = whole.slice(whole.length - n) + frac;
    whole = whole.slice(0, whole.length - n);
  }
  return tidy(sign, whole, frac.replace(/0+$/, ''));
}

/** A JavaScript number's shortest text, as a plain decimal (no e-notation). */
export function plainDecimal(value: number): string {
  const s = String(value);
  const e = /^(-?)(\d+(?:\.\d+)?)e([-+]\d+)$/.exec(s);
  if (!e) return s === '-0' ? '0' : s;
  return shiftPoint(`${e[1] ?? ''}${e[2] ?? ''}`, Number(e[3]));
}

/** The decimals a plain decimal is written with. */
export function decimalsOf(text: string): number {
  return PLAIN.exec(text)?.[3]?.length ?? 0;
}

/** `text` with its fraction padded to `decimals` places, where it has fewer. */
export function padDecimals(text: string, decimals: number): string {
  const have = decimalsOf(text);
  if (have >= decimals) return text;
  return `${text}${have === 0 ? '.' : ''}${'0'.repeat(decimals - have)}`;
}

/**
 * A number cell as stored, as text: `decimals` (the fixed decimals its format shows) are kept
 * where the value needs no more (89.1 shown as 89.10 is written 89.10); `percentScaled` multiplies
 * a percentage cell's fraction by 100 first (0.449 → 44.9; its format's decimals are of the
 * percentage).
 */
export function storedNumber(value: number, options: { readonly decimals?: number | undefined; readonly percentScaled?: boolean } = {}): NumberText {
  let text = plainDecimal(value);
  if (options.percentScaled === true) text = shiftPoint(text, 2);
  if (options.decimals !== undefined && options.decimals > 0 && options.decimals <= 10) text = padDecimals(text, options.decimals);
  return { text, value: Number(text) };
}

/** `1,234,567.50` or `-12.5` or `+3` (thousands grouped by commas, or not at all). */
const WRITTEN = /^([-+]?)(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?$/;

/**
 * A number as text is written (a CSV field, or text in a spreadsheet cell), keeping its decimals;
 * thousands separators (commas in groups of three) are dropped. Undefined when it is not a number.
 */
export function writtenNumber(input: string): NumberText | undefined {
  const m = WRITTEN.exec(input.trim());
  if (!m) return undefined;
  const text = tidy(m[1] === '-' ? '-' : '', (m[2] ?? '').replace(/,/g, ''), m[3] ?? '');
  const value = Number(text);
  return Number.isFinite(value) ? { text, value } : undefined;
}

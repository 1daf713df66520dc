import { describe, expect, it } from 'vitest';
import { escapeUnsafeJson, foldLines, sanitiseText, showText, UNSAFE_CHAR } from '../../src/domain/text.js';

const INVISIBLE = ['\u200b', '\u200c', '\u200d', '\u200e', '\u200f', '\u2060', '\ufeff', '\u061c', '\u2066', '\u202e'];

describe('zero-width, invisible and separator characters', () => {
  it.each(INVISIBLE.map((c) => [`U+${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`, c]))('sanitiseText removes %s inside text, as a change', (_name, c) => {
    expect(sanitiseText(`pay${c}pal`)).toEqual({ text: 'paypal', changed: true });
  });

  it('a line or paragraph separator becomes a newline (a space on one line), as a change', () => {
    expect(sanitiseText('one\u2028two\u2029three')).toEqual({ text: 'one\ntwo\nthree', changed: true });
    expect(sanitiseText('one\u2028two', false)).toEqual({ text: 'one two', changed: true });
  });

  it('showText escapes them', () => {
    expect(showText('a\u200bb\u2028c\ufeffd\u2060e')).toBe('a\\u200bb\\u2028c\\ufeffd\\u2060e');
  });

  it('escapeUnsafeJson escapes them (and C1) inside JSON, keeping the layout', () => {
    const json = JSON.stringify({ a: 'x\u2028y\u200b\u0085' }, null, 2);
    expect(escapeUnsafeJson(json)).toBe('{\n  "a": "x\\u2028y\\u200b\\u0085"\n}');
    expect(JSON.parse(escapeUnsafeJson(json))).toEqual({ a: 'x\u2028y\u200b\u0085' });
  });
});

describe('one character class for sanitising and showing', () => {
  // Every UTF-16 code unit: what UNSAFE_CHAR matches, sanitiseText removes (or turns into a newline
  // or a space) and showText escapes; nothing else is touched by either.
  const units = Array.from({ length: 0x10000 }, (_, i) => String.fromCharCode(i)).filter((c) => !/[\ud800-\udfff]/.test(c));

  it('sanitiseText leaves no unsafe character but a newline, and changes nothing else', () => {
    const bad: string[] = [];
    for (const c of units) {
      const s = sanitiseText(`a${c}b`).text;
      if (UNSAFE_CHAR.test(c) ? /[^\n ]/.test(s.slice(1, -1)) : s !== `a${c}b`) bad.push(`U+${c.charCodeAt(0).toString(16)}`);
    }
    expect(bad).toEqual([]);
  });

  it('showText escapes exactly the unsafe characters', () => {
    const bad = units.filter((c) => (showText(c) !== c) !== UNSAFE_CHAR.test(c) || UNSAFE_CHAR.test(showText(c))).map((c) => `U+${c.charCodeAt(0).toString(16)}`);
    expect(bad).toEqual([]);
  });
});

describe('foldLines', () => {
  it.each([
    ['A\n\n\nB', 'A B'],
    ['2023/24 Q1\n', '2023/24 Q1 '],
    ['one  \n  two\nthree', 'one two three'],
    ['no break', 'no break'],
  ])('%j → %j', (input, want) => expect(foldLines(input)).toBe(want));
});

// A string kept from a file is a copy of its own (strings.ts): the same text, exactly.
import { describe, expect, it } from 'vitest';
import { detach } from '../../src/load/strings.js';

describe('detach', () => {
  it('gives the same text, for short and long strings, ASCII and not', () => {
    const text = 'x'.repeat(100) + 'Performance is close to the target — 98.2% (£1.2m) 🙂 ' + 'y'.repeat(100);
    for (const [start, end] of [[0, 5], [100, 160], [3, text.length]] as const) {
      const s = text.slice(start, end);
      expect(detach(s)).toBe(s);
    }
  });

  it('keeps a lone surrogate exactly (UTF-8 cannot hold one)', () => {
    const s = `a note with a lone surrogate \uD800 in it, and one at the end \uDC00`;
    expect(detach(s)).toBe(s);
    expect(detach(s).length).toBe(s.length);
  });
});

// The harness's own measure: a frame fits the terminal in columns (as the terminal draws it), not
// in code points.
import { describe, expect, it } from 'vitest';
import { fits } from './harness.js';

describe('fits', () => {
  it('measures a line in terminal columns', () => {
    // Thirty wide characters: 30 code points, 60 columns.
    expect(fits('漢'.repeat(30), 40, 24)).toEqual(['line 1 is 60 wide']);
    expect(fits('\x1b[1m漢字\x1b[22m and text', 40, 24)).toEqual([]);
    // A flag and a family emoji: one column pair each, however many code points.
    expect(fits(`${'🇬🇧'.repeat(10)}${'👨‍👩‍👧'.repeat(10)}`, 40, 24)).toEqual([]);
  });
});

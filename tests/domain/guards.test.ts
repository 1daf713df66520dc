// The checks that narrow a value read from outside before its fields are read.
import { describe, expect, it } from 'vitest';
import { errorCode, isMapping } from '../../src/domain/guards.js';

describe('isMapping', () => {
  it('an object that is not null and not an array', () => {
    expect(isMapping({})).toBe(true);
    expect(isMapping({ a: 1 })).toBe(true);
    expect(isMapping(Object.create(null))).toBe(true);
    for (const v of [null, undefined, [], [1], 'x', 3, true, () => 1]) expect(isMapping(v)).toBe(false);
  });
});

describe('errorCode', () => {
  it("a thrown value's string code, and nothing else", () => {
    expect(errorCode(Object.assign(new Error('gone'), { code: 'ENOENT' }))).toBe('ENOENT');
    expect(errorCode({ code: 'EEXIST' })).toBe('EEXIST');
    for (const v of [new Error('no code'), { code: 13 }, { other: 'ENOENT' }, null, undefined, 'ENOENT', 3]) expect(errorCode(v)).toBeUndefined();
  });
});

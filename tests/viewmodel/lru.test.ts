// The one LRU: the app's views and the view models' memos keep their values in it.

import { describe, expect, it } from 'vitest';
import { Lru } from '../../src/viewmodel/lru.js';

describe('Lru', () => {
  /** A cache whose computations are counted, each value naming its key and when it was computed. */
  const counted = (limit: number) => {
    const lru = new Lru<string, string>(limit);
    let computed = 0;
    return {
      lru,
      get: (key: string) => lru.get(key, () => `${key}${(computed += 1)}`),
      computed: () => computed,
    };
  };

  it('forgets the least recently used first, a hit counting as a use', () => {
    const c = counted(3);
    c.get('a');
    c.get('b');
    c.get('c');
    expect(c.lru.keys()).toEqual(['a', 'b', 'c']);
    expect(c.get('a')).toBe('a1'); // a hit: a is now the most recently used
    expect(c.lru.keys()).toEqual(['b', 'c', 'a']);
    expect(c.get('d')).toBe('d4'); // over the limit: b goes, not a
    expect(c.lru.keys()).toEqual(['c', 'a', 'd']);
    expect(c.get('e')).toBe('e5'); // then c
    expect(c.lru.keys()).toEqual(['a', 'd', 'e']);
    expect(c.get('b')).toBe('b6'); // b was forgotten: computed again
    expect(c.lru.keys()).toEqual(['d', 'e', 'b']);
    expect(c.computed()).toBe(6);
    expect(c.lru.size).toBe(3);
  });

  it('keeps at least one value', () => {
    for (const limit of [0, -5, 1]) {
      const c = counted(limit);
      expect(c.get('a')).toBe('a1');
      expect(c.get('a')).toBe('a1');
      expect(c.get('b')).toBe('b2');
      expect(c.lru.keys()).toEqual(['b']);
    }
  });

  it('keeps an undefined value as a value', () => {
    const lru = new Lru<number, string | undefined>(2);
    let computed = 0;
    const get = (k: number) =>
      lru.get(k, () => {
        computed += 1;
        return undefined;
      });
    get(1);
    get(1);
    expect(computed).toBe(1);
  });
});

import { describe, expect, it } from 'vitest';
import { parseYaml } from '../../src/load/source.js';

const dupes = (text: string) =>
  parseYaml('f.yaml', text)
    .findings.filter((f) => f.code === 'DUPLICATE_ID')
    .map((f) => `${f.line}:${f.column} ${f.id ?? ''}`);

describe('duplicate keys', () => {
  it.each([
    ['a plain repeat, reported at the second key', 'a: 1\nb: 2\na: 3\n', ['3:1 a']],
    ['quoted and plain spell the same key', "a: 1\n'a': 2\n", ['2:1 a']],
    ['in a nested mapping, at its own position', 'x:\n  k: 1\n  k: 2\n', ['3:3 k']],
    ['in a flow mapping', 'x: {k: 1, k: 2}\n', ['1:11 k']],
    ['the same key in two mappings is fine', 'x:\n  k: 1\ny:\n  k: 2\n', []],
    ['in mappings inside a sequence, each on its own', '- id: a\n  id: b\n- id: c\n', ['2:3 id']],
    ['a number and a string are different keys', "1: a\n'1': b\n", []],
    ['~ and null are the same key', '~: a\nnull: b\n', ['2:1 null']],
    ['three times gives two findings', 'a: 1\na: 2\na: 3\n', ['2:1 a', '3:1 a']],
  ])('%s', (_name, text, expected) => {
    expect(dupes(text)).toEqual(expected);
  });

  it('a file with a duplicate key yields no value (the load stops there)', () => {
    const r = parseYaml('f.yaml', 'a: 1\na: 2\n');
    expect(r.value).toBeUndefined();
    expect(r.findings[0]?.message).toBe("the key 'a' appears twice in the same mapping");
  });

  it('reports each repeat, past the cap of load errors only a count (the load says "… and N more")', () => {
    expect(dupes(Array.from({ length: 30 }, () => 'a: 1').join('\n'))).toHaveLength(29);
    const many = parseYaml('f.yaml', Array.from({ length: 500 }, () => 'a: 1').join('\n')).findings;
    expect(many).toHaveLength(102);
    expect(many.at(-1)).toMatchObject({ code: 'DUPLICATE_ID', more: 398 });
  });
});

// A message quotes a file's content only as a short, escaped excerpt: a data file that is not
// what it claims (a secret reached some other way, a log, a key file) must not be printed back.
import { describe, expect, it } from 'vitest';
import { catalogue, loadTree } from '../helpers.js';

const CAT = catalogue('      - { id: k, title: K, unit: percent, good: high, target: 90 }\n');
const LONG = 'S'.repeat(400);
const MAX = 60;

/** The longest run of the marker letter in any finding's message, file or id. */
function longestQuote(files: Record<string, string>): { run: number; text: string } {
  const r = loadTree(files);
  const text = r.findings.map((f) => `${f.file} ${f.id ?? ''} ${f.message}`).join('\n');
  const run = Math.max(0, ...[...text.matchAll(/S+/g)].map((m) => m[0].length));
  return { run, text };
}

describe('messages quote at most a short excerpt of a file', () => {
  it.each([
    ['a long unknown key', `period: 2019/20 Q1\nobservations: {}\n${LONG}: 1\n`],
    ['a long text where a mapping belongs', `${LONG}\n`],
    ['a long block scalar header', `period: 2019/20 Q1\nobservations: {}\ncommentary:\n  k: |${LONG}\n    text\n`],
    ['a long tag', `period: !${LONG} 2019/20 Q1\nobservations: {}\n`],
    ['a long duplicate key', `period: 2019/20 Q1\nobservations: {}\n${LONG}: 1\n${LONG}: 2\n`],
    ['a long period', `period: ${LONG}\nobservations: {}\n`],
    ['a long value of the wrong type', `period: 2019/20 Q1\nobservations:\n  k: { value: ${LONG} }\n`],
    ['a long unknown id', `period: 2019/20 Q1\nobservations:\n  ${LONG}: { value: 1 }\n`],
    ['a long escaped text', `period: 2019/20 Q1\nobservations:\n  k: { value: 1, note: "\\e]0;${LONG}\\a" }\n`],
    ['a long flow token', `period: 2019/20 Q1\nobservations: [${LONG} }\n`],
    ['a passwd-like file', `root:x:0:0:${LONG}:/root:/bin/bash\ndaemon:x:1:1:${LONG}:/usr/sbin\n`],
    ['a key-value secret', `password: ${LONG}\napi_key: ${LONG}\n`],
  ])('%s', (_name, text) => {
    const { run, text: out } = longestQuote({ 'catalogue.yaml': CAT, 'q1.yaml': text });
    expect(out, 'the case gives a finding').not.toBe('');
    expect(run, out).toBeLessThanOrEqual(MAX);
    // eslint-disable-next-line no-control-regex
    expect(out).not.toMatch(/[\x00-\x08\x0b-\x1f\x7f-\x9f]/);
  });
});

describe('a file that is not a YAML mapping at all', () => {
  it('is not quoted: it is likely not a ragtop file (a token, a key, a password list)', () => {
    for (const text of ['sk-live-0123456789abcdefghijklmnopqrstuvwxyz\n', 'root:x:0:0:root:/root:/bin/bash\ndaemon:x:1:1::/usr/sbin:/usr/sbin/nologin\n']) {
      const r = loadTree({ 'catalogue.yaml': CAT, 'q1.yaml': text });
      const mine = r.findings.filter((f) => f.file === 'q1.yaml');
      expect(mine.map((f) => `${f.line}:${f.column} ${f.code} ${f.message}`)).toEqual(['1:1 SCHEMA the document must be a mapping, not plain text (this does not look like a ragtop YAML file)']);
    }
  });
});

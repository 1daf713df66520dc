// --help lists every finding code `check` can give, and README's table has a row for each: a new
// code cannot be added without telling the user what it means.

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { HELP } from '../../src/cli/args.js';
import { CHECK_CODES, LOAD_CODES } from '../../src/domain/types.js';

const README = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');

describe('every finding code is documented', () => {
  it.each([...LOAD_CODES, ...CHECK_CODES])('%s', (code) => {
    expect(HELP).toMatch(new RegExp(`\\b${code}\\b`));
    expect(README).toContain(`| ${code} |`);
  });
});

// The README's key tables for presenting are the key table's own, word for word: one truth.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Scope } from '../../src/ui/keys/keymap.js';
import { keyHelpText, keyTableMarkdown } from '../../src/ui/keys/key-text.js';
import { HELP } from '../../src/cli/help.js';
import { THEME_NAMES } from '../../src/ui/theme/names.js';

const README = readFileSync(path.resolve(import.meta.dirname, '..', '..', 'README.md'), 'utf8');

describe('keys in the README and --help', () => {
  it.each(['presenting', 'goto', 'index', 'notes'] as Scope[])("the README's %s table is generated from the key table", (scope) => {
    expect(README).toContain(keyTableMarkdown(scope));
  });
  it('--help lists the keys from the key table (h and l on the heat grid move the cell cursor)', () => {
    expect(HELP).toContain(keyHelpText());
    expect(HELP).toMatch(/←\/h cell to the left/);
  });
});

describe('theme names in the README', () => {
  it('`ragtop config set theme` lists every theme, and only those', () => {
    const listed = /config set theme ([a-z|-]+)`/.exec(README)?.[1]?.split('|') ?? [];
    expect([...listed].sort()).toEqual([...THEME_NAMES].sort());
  });
});

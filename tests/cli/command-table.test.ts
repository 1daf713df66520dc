// Each command takes its own options and no other: an option of another command is a usage error
// (exit 2, the command's usage on stderr, nothing read or written), and `ragtop CMD --help` lists
// exactly the command's options. Written out here, not read from the command table: this is what
// each command is meant to take.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, HAVE_BIN, NOT_BUILT } from '../built.js';
import { runCli, writeTree } from '../helpers.js';

/** Every option there is, with a value where it takes one. */
const ALL: Readonly<Record<string, readonly string[]>> = {
  '--period': ['--period', '2019/20 Q3'],
  '--data': ['--data', 'd'],
  '--agenda': ['--agenda', 'a.yaml'],
  '--json': ['--json'],
  '--strict': ['--strict'],
  '--verbose': ['--verbose'],
  '--max-file-size': ['--max-file-size', '4M'],
  '--theme': ['--theme', 'mono'],
  '--format': ['--format', 'md'],
  '--output': ['--output', 'out.md'],
  '--force': ['--force'],
  '--sheet': ['--sheet', 'Q3'],
  '--map': ['--map', 'map.yaml'],
  '--minutes': ['--minutes', '60'],
  '--notes': ['--notes'],
  '--no-color': ['--no-color'],
  '--ascii': ['--ascii'],
  '--help': ['--help'],
  '--version': ['--version'],
};

const EVERY = ['--no-color', '--ascii', '--help', '--version'];
const DATA = ['--data', '--agenda', '--max-file-size'];

/** Each command's options: the word that runs it, its usage line's start, what it takes. */
const COMMANDS = [
  { name: 'check', words: ['check'], usage: 'usage: ragtop check ', takes: [...DATA, '--json', '--strict', '--verbose', ...EVERY] },
  { name: 'present', words: ['present'], usage: 'usage: ragtop present ', takes: ['--period', ...DATA, '--minutes', '--theme', '--notes', ...EVERY] },
  { name: 'export', words: ['export'], usage: 'usage: ragtop export ', takes: ['--format', '--period', ...DATA, '--output', '--force', '--notes', '--minutes', ...EVERY] },
  { name: 'import', words: ['import', 'q.xlsx'], usage: 'usage: ragtop import ', takes: ['--period', '--data', '--max-file-size', '--sheet', '--map', '--force', ...EVERY] },
  { name: 'config', words: ['config'], usage: 'usage: ragtop config ', takes: [...EVERY] },
  { name: 'the app', words: [], usage: 'usage: ragtop [CATALOGUE]', takes: ['--period', ...DATA, '--minutes', '--theme', ...EVERY] },
] as const;

const cfg = () => ({ RAGTOP_CONFIG_DIR: writeTree({}) });

describe('an option a command does not take is refused: exit 2 with its usage', () => {
  for (const c of COMMANDS) {
    const foreign = Object.keys(ALL).filter((o) => !c.takes.some((t) => t === o));
    it.each(foreign)(`${c.name} %s`, async (option) => {
      const dir = writeTree({});
      const r = await runCli([...c.words, ...(ALL[option] ?? [])], { cwd: dir, env: cfg() });
      expect(r.status).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toContain(`does not take ${option} (only `);
      expect(r.stderr).toContain(c.usage);
      // Nothing was read or written (no file named by the options was made).
      expect(existsSync(path.join(dir, 'out.md'))).toBe(false);
    });
  }
  it('the cases the issue names', async () => {
    for (const argv of [
      ['check', '--format', 'csv'],
      ['check', '--output', 'x', '--notes'],
      ['config', '--period', 'x'],
    ]) {
      const r = await runCli(argv, { env: cfg() });
      expect(r.status, argv.join(' ')).toBe(2);
      expect(r.stderr, argv.join(' ')).toMatch(new RegExp(`^ragtop: ${argv[0]} does not take --\\w+ \\(only [^)]*\\)\\nusage: ragtop ${argv[0]} .*\\nsee 'ragtop ${argv[0]} --help'\\n$`));
    }
  });
});

describe('options that do not go together', () => {
  it.each([
    [['present', '--notes', '--period', '2019/20 Q3'], '--notes follows the presenter\'s meeting: --period is for the presenter'],
    [['present', '--notes', '--agenda', 'a.yaml'], '--notes follows the presenter\'s meeting: --agenda is for the presenter'],
    [['present', '--notes', '--minutes', '30'], '--notes follows the presenter\'s meeting: --minutes is for the presenter'],
    [['export', '--format', 'csv', '--force'], '--force replaces an existing --output file: give --output FILE'],
    [['export', '--format', 'json', '--notes'], '--notes is for the hand-outs (--format md or html), not --format json'],
  ])('%j', async (argv, message) => {
    const r = await runCli(argv, { env: cfg() });
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    const [first, ...rest] = r.stderr.split('\n');
    expect(first).toBe(`ragtop: ${message}`);
    expect(rest[0]).toMatch(new RegExp(`^usage: ragtop ${argv[0] ?? ''} `));
    expect(r.stderr).toMatch(new RegExp(`\nsee 'ragtop ${argv[0] ?? ''} --help'\n$`));
  });
});

/** The options a command's --help lists (the flags at the start of its Options lines). */
function listedOptions(help: string): string[] {
  const section = help.split('\nOptions\n')[1]?.split('\n\n')[0] ?? '';
  return section.split('\n').flatMap((line) => /^ {2}(--[a-z-]+)/.exec(line)?.[1] ?? []);
}

describe("each command's --help lists exactly its options", () => {
  for (const c of COMMANDS.filter((x) => x.words.length > 0)) {
    it(c.name, async () => {
      const r = await runCli([...c.words, '--help'], { env: cfg() });
      expect(r.status).toBe(0);
      expect(r.stdout).toMatch(new RegExp(`^ragtop ${c.name}: `));
      expect(r.stdout).toContain(`\nUsage\n  ragtop ${c.name} `);
      expect(listedOptions(r.stdout).sort()).toEqual([...c.takes].sort());
    });
  }
  it('ragtop --help lists every option and every command', async () => {
    const r = await runCli(['--help'], { env: cfg() });
    expect(listedOptions(r.stdout).sort()).toEqual(Object.keys(ALL).filter((o) => o !== '--help' && o !== '--version').sort());
    for (const c of COMMANDS) if (c.words[0] !== undefined) expect(r.stdout).toContain(`\n  ragtop ${c.words[0]} `);
    expect(r.stdout).toContain('\n  ragtop --help | --version\n');
  });
});

describe('--theme is checked whatever the output', () => {
  // A view piped to another program draws no colour, but the same command in a terminal would
  // fail: it fails here too, naming the themes.
  it.skipIf(!HAVE_BIN)(`a bogus theme exits 2 with output piped ${NOT_BUILT}`, () => {
    for (const argv of [['--theme', 'bogus'], ['present', '--theme', 'bogus'], ['present', '--notes', '--theme', 'bogus']]) {
      const r = spawnSync(process.execPath, [BIN, ...argv], { encoding: 'utf8', timeout: 20_000, env: { ...process.env, ...cfg() } });
      expect(r.status, argv.join(' ')).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toMatch(/^ragtop: --theme bogus: use default, high-contrast, colour-blind-safe, mono\nusage: /);
    }
  });
  it.skipIf(!HAVE_BIN)(`a command's foreign option is refused by the built command too ${NOT_BUILT}`, () => {
    const r = spawnSync(process.execPath, [BIN, 'check', '--format', 'csv'], { encoding: 'utf8', timeout: 20_000, env: { ...process.env, ...cfg() } });
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe("ragtop: check does not take --format (only export does)\nusage: ragtop check [CATALOGUE] [--json] [--strict] [--verbose]\nsee 'ragtop check --help'\n");
  });
});

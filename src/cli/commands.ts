// The command table: every option described once (OPTIONS), every command with the options it
// takes, its usage lines and its own rules (COMMAND_TABLE). The parser (args.ts) refuses an option
// a command does not take, --help (help.ts) is generated from here, and main.ts runs the commands.

import { CAREFUL_MAX_BYTES, DEFAULT_LIMITS } from '../load/limits.js';
import { THEME_NAMES } from '../ui/theme/names.js';
import { EXPORT_FORMATS } from '../viewmodel/export.js';

/** `a, b or c` */
function orList(words: readonly string[]): string {
  return words.length > 1 ? `${words.slice(0, -1).join(', ')} or ${words[words.length - 1] ?? ''}` : words.join('');
}

/** A size as --max-file-size takes it: 4M, 512K. */
function sizeWord(bytes: number): string {
  return bytes % (1024 * 1024) === 0 ? `${bytes / 1024 / 1024}M` : `${Math.round(bytes / 1024)}K`;
}

export interface OptionSpec {
  readonly type: 'string' | 'boolean';
  readonly short?: string;
  /** The value's name in help: --period P. */
  readonly arg?: string;
  /** What it does, where every command that takes it agrees (else each command says, below). */
  readonly help?: string;
}

/**
 * Every option, in the order help lists them. Also node's parseArgs configuration (it reads
 * `type` and `short` and ignores the rest).
 */
export const OPTIONS = {
  period: { type: 'string', arg: 'P', help: 'the period to show, e.g. "2019/20 Q3" (default: the latest)' },
  data: { type: 'string', arg: 'DIR', help: "read period files from DIR instead of the catalogue's data:" },
  agenda: { type: 'string', arg: 'FILE', help: "an agenda file besides the data directory's agenda-*.yaml" },
  json: { type: 'boolean', help: 'print {"findings": [...], "summary": {...}} on stdout' },
  strict: { type: 'boolean', help: 'warnings fail too (exit status 1)' },
  verbose: { type: 'boolean', help: 'every information line (else one line per code and file)' },
  'max-file-size': {
    type: 'string',
    arg: 'N',
    help: `refuse files larger than N (default ${sizeWord(DEFAULT_LIMITS.maxBytes)}; ${sizeWord(CAREFUL_MAX_BYTES)} for a file that needs the careful YAML reader: anchors, tags, repeated keys, syntax errors)`,
  },
  theme: { type: 'string', arg: 'NAME', help: orList(THEME_NAMES) },
  format: { type: 'string', arg: 'F', help: orList(EXPORT_FORMATS) },
  output: { type: 'string', short: 'o', arg: 'FILE', help: 'write FILE instead of stdout (never a data file, a YAML file, anything in the data directory, a pipe or a device)' },
  force: { type: 'boolean' },
  sheet: { type: 'string', arg: 'NAME', help: "the workbook's sheet to read (default: the first)" },
  map: { type: 'string', arg: 'FILE', help: 'a YAML file naming which of the sheet\'s headers holds which field (columns: { "Latest figure": value })' },
  minutes: { type: 'string', arg: 'N', help: "the meeting's length (default 90), shared out as each item's time budget on an agenda built from the data (no agenda file)" },
  notes: { type: 'boolean' },
  'no-color': { type: 'boolean', help: 'no colour (NO_COLOR is honoured too)' },
  ascii: { type: 'boolean', help: 'ASCII symbols only (automatic when the locale is not UTF-8)' },
  help: { type: 'boolean', short: 'h', help: 'this help' },
  version: { type: 'boolean', short: 'V', help: "ragtop's version" },
} as const satisfies Readonly<Record<string, OptionSpec>>;

export type OptionName = keyof typeof OPTIONS;

/** An option's description, as every option has it (the table's entries are each their own type). */
export function optionSpec(name: OptionName): OptionSpec {
  return OPTIONS[name];
}
export const OPTION_NAMES: readonly OptionName[] = Object.keys(OPTIONS).filter((o): o is OptionName => o in OPTIONS);

/** The options every command takes: how the run is drawn, and the usual two. */
const GLOBAL = ['no-color', 'ascii', 'help', 'version'] as const satisfies readonly OptionName[];
/** The options of every command that reads the data. */
const DATA = ['data', 'agenda', 'max-file-size'] as const satisfies readonly OptionName[];

/** The command words (`view` is the default: no word). */
export const COMMANDS = ['check', 'present', 'export', 'import', 'config'] as const;
export type Command = 'view' | (typeof COMMANDS)[number];
/** Every command, the default first. */
export const ALL_COMMANDS: readonly Command[] = ['view', ...COMMANDS];

export function isCommandWord(word: string): word is (typeof COMMANDS)[number] {
  return COMMANDS.some((c) => c === word);
}

/** The option values a command's own rules look at. */
export interface GivenOptions {
  readonly given: ReadonlySet<OptionName>;
  readonly format?: string;
}

export interface CommandSpec {
  /** What it is for, in a line (its --help starts with it). */
  readonly about: string;
  /** Usage lines (after the program name) and what each does. */
  readonly usage: readonly { readonly line: string; readonly says: string }[];
  /** The options it takes; an option it does not take is a usage error (exit 2). */
  readonly options: readonly OptionName[];
  /** What an option does in this command, where OPTIONS' one line does not say it. */
  readonly optionHelp?: { readonly [O in OptionName]?: string };
  /** Its positional arguments: one CATALOGUE (at most), a FILE then a CATALOGUE (import's), or words (config's). */
  readonly positionals: 'catalogue' | 'file-catalogue' | 'words';
  /** Options it cannot run without (unless --help or --version is given). */
  readonly required?: readonly OptionName[];
  /** Options that do not go together here: the problem, or undefined. */
  readonly refuse?: (options: GivenOptions) => string | undefined;
}

export const COMMAND_TABLE: Readonly<Record<Command, CommandSpec>> = {
  view: {
    about: 'the app: the overview, the KPIs, the register and the checks; as text when output is not a terminal',
    usage: [{ line: '[CATALOGUE] [--period P]', says: 'open CATALOGUE (default: the bundled 2019/20 framework); when output is not a terminal, print the overview as text' }],
    options: ['period', ...DATA, 'minutes', 'theme', ...GLOBAL],
    positionals: 'catalogue',
  },
  check: {
    about: 'check the data before publication',
    usage: [{ line: 'check [CATALOGUE] [--json] [--strict] [--verbose]', says: 'check the data before publication' }],
    options: [...DATA, 'json', 'strict', 'verbose', ...GLOBAL],
    positionals: 'catalogue',
  },
  present: {
    about: "presenter mode: the meeting's agenda full screen, or its speaker notes in another terminal",
    usage: [
      { line: 'present [CATALOGUE] [--agenda FILE] [--period P] [--minutes N]', says: "presenter mode: walk the meeting's agenda full screen" },
      { line: 'present [CATALOGUE] --notes', says: 'speaker notes, following the presenter (another terminal)' },
    ],
    options: ['period', ...DATA, 'minutes', 'theme', 'notes', ...GLOBAL],
    optionHelp: {
      period: 'the meeting\'s period, e.g. "2019/20 Q3" (default: the agenda\'s, else the latest)',
      notes: 'follow the presenter with the speaker notes',
    },
    positionals: 'catalogue',
    // The notes follow whichever meeting the presenter shows.
    refuse: ({ given }) => {
      const meeting = (['period', 'agenda', 'minutes'] as const).find((o) => given.has(o));
      return given.has('notes') && meeting !== undefined ? `--notes follows the presenter's meeting: --${meeting} is for the presenter` : undefined;
    },
  },
  export: {
    about: "hand-outs: the agenda as markdown or as an HTML paper to print, the period's KPI table as CSV, JSON or an Excel workbook",
    usage: [
      {
        line: `export [CATALOGUE] --format ${EXPORT_FORMATS.join('|')} [--period P] [--agenda FILE] [--output FILE [--force]]`,
        says: "md: the agenda as a markdown hand-out; html: the agenda as one self-contained HTML file (charts, A4 print); csv, json: the period's KPI table, one row per metric; xlsx: that table as a workbook (a sheet per priority and All; the recorded figures apart from what is derived), into --output FILE only",
      },
    ],
    options: ['format', 'period', ...DATA, 'output', 'force', 'notes', 'minutes', ...GLOBAL],
    optionHelp: {
      period: 'the period, e.g. "2019/20 Q3" (default: the --agenda file\'s, else the latest)',
      notes: 'put the speaker notes in the hand-out (md or html)',
      force: 'replace an existing --output file',
    },
    positionals: 'catalogue',
    refuse: ({ given, format }) => {
      if (given.has('force') && !given.has('output')) return '--force replaces an existing --output file: give --output FILE';
      if (given.has('notes') && format !== undefined && format !== 'md' && format !== 'html') return `--notes is for the hand-outs (--format md or html), not --format ${format}`;
      // A workbook is binary: never poured onto a terminal or into a pipe by default.
      if (format === 'xlsx' && !given.has('output')) return '--format xlsx writes a binary workbook, never to standard output: give --output FILE';
      return undefined;
    },
  },
  import: {
    about: "write a period's file from a spreadsheet (.xlsx or .csv) of its figures: the one command that writes into a data directory",
    usage: [
      {
        line: 'import FILE --period P [CATALOGUE] [--data DIR] [--sheet NAME] [--map FILE] [--force]',
        says: "read one period's figures from FILE into the data directory's period file (new; replaced only with --force)",
      },
    ],
    options: ['period', 'data', 'max-file-size', 'sheet', 'map', 'force', ...GLOBAL],
    optionHelp: {
      period: 'the period the figures are for, e.g. "2024/25 Q2" (required; it need not have a file yet)',
      data: "write the period file into DIR (made if missing) instead of the catalogue's data:",
      force: 'replace the observations of an existing period file (its other sections are kept; the old file is kept beside it as .bak)',
    },
    positionals: 'file-catalogue',
    required: ['period'],
  },
  config: {
    about: 'show, reset or change the saved preferences',
    usage: [{ line: `config [reset | set theme NAME | set ascii on|off]`, says: 'show, reset or change the saved preferences' }],
    options: [...GLOBAL],
    positionals: 'words',
  },
};

/** What `ragtop CMD` is called in messages and help: `ragtop check`, or `ragtop` for the app. */
export function commandName(command: Command): string {
  return command === 'view' ? 'ragtop' : `ragtop ${command}`;
}

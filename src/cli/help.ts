// --help, generated: `ragtop --help` from the whole command table, `ragtop CMD --help` from the
// command's own entry (its usage lines and exactly its options), the finding codes from the one
// list of codes, the keys from the key table.

import type { Severity } from '../domain/types.js';
import { CHECK_CODES, CHECK_SEVERITY, LOAD_CODES } from '../domain/types.js';
import { keyHelpText } from '../ui/keys/key-text.js';
import { ALL_COMMANDS, COMMAND_TABLE, OPTION_NAMES, optionSpec, type Command, type OptionName } from './commands.js';

/** Help is wrapped to this many columns. */
const WIDTH = 100;
/** Where an option's description starts. */
const OPTION_COLUMN = 22;
/** Where a usage line's description starts. */
const USAGE_COLUMN = 42;

/** `text` in lines of at most WIDTH columns, the first after `head` (padded to `column`), the rest indented to it. */
function hanging(head: string, text: string, column: number): string[] {
  const lines: string[] = [];
  let line = head.length < column ? head.padEnd(column) : undefined;
  if (line === undefined) lines.push(head);
  for (const word of text.split(' ')) {
    if (line !== undefined && line.trim() !== '' && line.length + 1 + word.length > WIDTH && line.length > column) {
      lines.push(line);
      line = undefined;
    }
    if (line === undefined) line = ' '.repeat(column) + word;
    else line += (line.length > column ? ' ' : '') + word;
  }
  if (line !== undefined) lines.push(line);
  return lines;
}

/** `--output FILE, -o` */
function flag(name: OptionName): string {
  const spec = optionSpec(name);
  return `--${name}${spec.arg !== undefined ? ` ${spec.arg}` : ''}${spec.short !== undefined ? `, -${spec.short}` : ''}`;
}

/** What an option does in one command. */
function optionHelp(command: Command, name: OptionName): string {
  const general = optionSpec(name);
  return COMMAND_TABLE[command].optionHelp?.[name] ?? general.help ?? '';
}

/**
 * What an option does, for the whole-program help: its one line, named by the commands that take
 * it when the app (no command) does not; or each command's own line.
 */
function programOptionHelp(name: OptionName): string[] {
  const takers = ALL_COMMANDS.filter((c) => COMMAND_TABLE[c].options.includes(name));
  const general = optionSpec(name);
  const paragraphs = general.help === undefined ? takers.map((c) => `${c}: ${optionHelp(c, name)}`) : [takers.includes('view') ? general.help : `${takers.join(', ')}: ${general.help}`];
  return paragraphs.flatMap((text, i) => hanging(i === 0 ? `  ${flag(name)}` : '', text, OPTION_COLUMN));
}

function usageLines(command: Command): string[] {
  return COMMAND_TABLE[command].usage.flatMap((u) => hanging(`  ragtop ${u.line}`, u.says, USAGE_COLUMN));
}

/** The command's usage lines, as a usage error shows them. */
export function usageOf(command: Command): string {
  return COMMAND_TABLE[command].usage.map((u) => `usage: ragtop ${u.line}\n`).join('');
}


function codeLines(): string[] {
  const of = (s: Severity) => CHECK_CODES.filter((c) => CHECK_SEVERITY[c] === s).join(' ');
  return [
    ...hanging('  load (exit 2):', LOAD_CODES.join(' '), 17),
    ...hanging('  errors:', of('error'), 12),
    ...hanging('  warnings:', of('warning'), 12),
    ...hanging('  info:', `${of('info')} (and OUT_OF_RANGE where allowed)`, 12),
  ];
}

const CHECK_SECTIONS = [
  'Check exit status',
  '  0 no errors (warnings allowed)   1 errors found (or warnings, with --strict)',
  '  2 the data could not be loaded (unreadable file, YAML syntax, schema, duplicate id, unknown reference)',
  '',
  'Finding codes',
  ...codeLines(),
];

/** `ragtop CMD --help`: what it does, its usage lines, exactly its options. */
export function commandHelp(command: Command): string {
  if (command === 'view') return HELP;
  const spec = COMMAND_TABLE[command];
  return [
    `ragtop ${command}: ${spec.about}`,
    '',
    'Usage',
    ...spec.usage.map((u) => `  ragtop ${u.line}`),
    '',
    'Options',
    ...OPTION_NAMES.filter((o) => spec.options.includes(o)).flatMap((o) => hanging(`  ${flag(o)}`, optionHelp(command, o), OPTION_COLUMN)),
    ...(command === 'check' ? ['', ...CHECK_SECTIONS] : []),
    '',
  ].join('\n');
}

export const HELP = [
  'ragtop: council performance (KPIs, RAG ratings, the risk register) in the terminal',
  '',
  'Usage',
  ...ALL_COMMANDS.flatMap(usageLines),
  '  ragtop --help | --version',
  '  ragtop COMMAND --help                   a command\'s own options',
  '',
  'Options',
  ...OPTION_NAMES.filter((o) => o !== 'help' && o !== 'version').flatMap(programOptionHelp),
  '',
  ...CHECK_SECTIONS,
  '',
  'Keys (in the app; ? shows them all, those of the current scope first)',
  keyHelpText().replace(/\n$/, ''),
  '',
  'Environment',
  '  NO_COLOR            any non-empty value turns colour off',
  "  RAGTOP_CONFIG_DIR   where preferences are kept (default: the user's config directory)",
  '  RAGTOP_DEBUG=1      print the stack trace of an internal error',
  '',
].join('\n');

// Command-line arguments: `ragtop [command] [CATALOGUE] [options]`, parsed once with node's
// parseArgs against the command table (commands.ts): an option the command does not take is a
// usage error naming the command, as is a value an option cannot have.

import { parseArgs } from 'node:util';
import { isThemeName, THEME_NAMES, type ThemeName } from '../ui/theme/names.js';
import { ALL_COMMANDS, COMMAND_TABLE, isCommandWord, OPTION_NAMES, OPTIONS, optionSpec, type Command, type OptionName } from './commands.js';


export interface Args {
  readonly command: Command;
  readonly catalogue?: string;
  /** import: the spreadsheet to read. */
  readonly file?: string;
  /** import: the workbook's sheet (--sheet). */
  readonly sheet?: string;
  /** import: the --map file. */
  readonly map?: string;
  /** config's words (`set theme mono`); empty for the other commands. */
  readonly rest: readonly string[];
  readonly period?: string;
  readonly data?: string;
  readonly agenda?: string;
  readonly json: boolean;
  readonly strict: boolean;
  readonly verbose: boolean;
  readonly noColor: boolean;
  readonly ascii: boolean;
  readonly help: boolean;
  readonly version: boolean;
  readonly maxFileSize?: number;
  readonly theme?: ThemeName;
  /** export: md, csv or json (checked by the command). */
  readonly format?: string;
  /** export: the file to write instead of stdout. */
  readonly output?: string;
  /** present: follow the presenter; export: include the speaker notes in the hand-out. */
  readonly notes: boolean;
  /** export: replace an existing --output file. */
  readonly force: boolean;
  /** The meeting's length in minutes, shared out over a generated agenda. */
  readonly minutes?: number;
}

/** The longest meeting --minutes takes (a day). */
export const MAX_MEETING_MINUTES = 1440;

/**
 * A command line that cannot run: the message, and the command whose usage is shown with it
 * (none: the message alone, pointing at `ragtop --help`).
 */
export class UsageError extends Error {
  constructor(
    message: string,
    readonly command?: Command,
  ) {
    super(message);
  }
}

/** Parses "64M", "500k", "1048576" into bytes. */
export function parseSize(text: string): number | undefined {
  const m = /^(\d+(?:\.\d+)?)\s*([kmg]i?b?)?$/i.exec(text.trim());
  if (!m) return undefined;
  const unit = (m[2] ?? '').toLowerCase()[0];
  const mult = unit === 'k' ? 1024 : unit === 'm' ? 1024 ** 2 : unit === 'g' ? 1024 ** 3 : 1;
  const n = Math.round(Number(m[1]) * mult);
  return n > 0 ? n : undefined;
}

/** `check does not take --format (only export does)`: the commands that take it instead. */
function notTaken(command: Command, rawName: string, option: OptionName): string {
  const named = (c: Command) => (c === 'view' ? 'the app' : c);
  const takers = ALL_COMMANDS.filter((c) => COMMAND_TABLE[c].options.includes(option)).map(named);
  return `${command === 'view' ? 'the app (no command)' : command} does not take ${rawName} (only ${takers.join(', ')} ${takers.length > 1 ? 'do' : 'does'})`;
}

function parsed(argv: readonly string[]) {
  try {
    return parseArgs({ args: [...argv], options: OPTIONS, allowPositionals: true, strict: true, tokens: true });
  } catch (e) {
    const msg = (e instanceof Error ? e.message : String(e)).split('\n')[0] ?? '';
    const unknown = /^Unknown option '([^']*)'/.exec(msg);
    throw new UsageError(unknown ? `unknown option '${unknown[1]}'` : msg.replace(/\.$/, '') || 'bad arguments');
  }
}

export function parseCommandLine(argv: readonly string[]): Args {
  const { values, positionals, tokens } = parsed(argv);
  const first = positionals[0];
  const command: Command = first !== undefined && isCommandWord(first) ? first : 'view';
  const spec = COMMAND_TABLE[command];
  const given = new Set<OptionName>();
  for (const t of tokens) {
    if (t.kind !== 'option') continue;
    const name = OPTION_NAMES.find((o) => o === t.name);
    if (name === undefined) continue;
    if (!spec.options.includes(name)) throw new UsageError(notTaken(command, t.rawName, name), command);
    given.add(name);
  }
  const refused = spec.refuse?.({ given, ...(values.format !== undefined ? { format: values.format } : {}) });
  if (refused !== undefined) throw new UsageError(refused, command);

  const words = command === 'view' ? positionals : positionals.slice(1);
  let catalogue: string | undefined;
  let file: string | undefined;
  let rest: readonly string[] = [];
  const asked = values.help === true || values.version === true;
  if (spec.positionals === 'catalogue') {
    if (words.length > 1) throw new UsageError(`expected one catalogue file, got ${words.length}: ${words.join(' ')}`, command);
    catalogue = words[0];
  } else if (spec.positionals === 'file-catalogue') {
    if (words.length > 2) throw new UsageError(`expected a spreadsheet and at most one catalogue file, got ${words.length}: ${words.join(' ')}`, command);
    if (words.length === 0 && !asked) throw new UsageError(`${command} needs the spreadsheet to read (FILE)`, command);
    [file, catalogue] = words;
  } else rest = words;
  const missing = asked ? undefined : spec.required?.find((o) => !given.has(o));
  if (missing !== undefined) throw new UsageError(`${command} needs --${missing}${optionSpec(missing).arg !== undefined ? ` ${optionSpec(missing).arg ?? ''}` : ''}`, command);

  let maxFileSize: number | undefined;
  if (values['max-file-size'] !== undefined) {
    maxFileSize = parseSize(values['max-file-size']);
    if (maxFileSize === undefined) throw new UsageError(`--max-file-size takes a size like 64M or 500k, not '${values['max-file-size']}'`, command);
  }
  let minutes: number | undefined;
  if (values.minutes !== undefined) {
    minutes = /^\d+$/.test(values.minutes.trim()) ? Number(values.minutes.trim()) : NaN;
    if (!(minutes >= 1 && minutes <= MAX_MEETING_MINUTES)) throw new UsageError(`--minutes takes the meeting's length in whole minutes, 1 to ${MAX_MEETING_MINUTES}, not '${values.minutes}'`, command);
  }
  // Refused whether or not the output is a terminal (a piped view draws no colour, but the same
  // command line in a terminal would fail).
  const theme = values.theme;
  if (theme !== undefined && !isThemeName(theme)) throw new UsageError(`--theme ${theme}: use ${THEME_NAMES.join(', ')}`, command);
  return {
    command,
    ...(catalogue !== undefined ? { catalogue } : {}),
    ...(file !== undefined ? { file } : {}),
    ...(values.sheet !== undefined ? { sheet: values.sheet } : {}),
    ...(values.map !== undefined ? { map: values.map } : {}),
    ...(minutes !== undefined ? { minutes } : {}),
    rest,
    ...(values.period !== undefined ? { period: values.period } : {}),
    ...(values.data !== undefined ? { data: values.data } : {}),
    ...(values.agenda !== undefined ? { agenda: values.agenda } : {}),
    json: values.json ?? false,
    strict: values.strict ?? false,
    verbose: values.verbose ?? false,
    noColor: values['no-color'] ?? false,
    ascii: values.ascii ?? false,
    help: values.help ?? false,
    version: values.version ?? false,
    ...(maxFileSize !== undefined ? { maxFileSize } : {}),
    ...(theme !== undefined ? { theme } : {}),
    ...(values.format !== undefined ? { format: values.format } : {}),
    ...(values.output !== undefined ? { output: values.output } : {}),
    notes: values.notes ?? false,
    force: values.force ?? false,
  };
}

// Command-line arguments: `ragtop [command] [CATALOGUE] [options]`, parsed with node's parseArgs.

import { parseArgs } from 'node:util';
import { CAREFUL_MAX_BYTES, DEFAULT_LIMITS } from '../load/limits.js';
import { keyHelpText } from '../ui/keys/key-text.js';

export const COMMANDS = ['check', 'present', 'export', 'config'] as const;
export type Command = 'view' | (typeof COMMANDS)[number];

export interface Args {
  readonly command: Command;
  readonly catalogue?: string;
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
  readonly theme?: string;
  /** export: md, csv or json (checked by the command). */
  readonly format?: string;
  /** export: the file to write instead of stdout. */
  readonly output?: string;
  /** export: include the speaker notes in the hand-out. */
  readonly notes: boolean;
  /** export: replace an existing --output file. */
  readonly force: boolean;
  /** present, export: the meeting's length in minutes, shared out over a generated agenda. */
  readonly minutes?: number;
}

/** The longest meeting --minutes takes (a day). */
export const MAX_MEETING_MINUTES = 1440;

export class UsageError extends Error {}

const OPTIONS = {
  period: { type: 'string' },
  data: { type: 'string' },
  agenda: { type: 'string' },
  json: { type: 'boolean' },
  strict: { type: 'boolean' },
  verbose: { type: 'boolean' },
  'no-color': { type: 'boolean' },
  ascii: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'V' },
  'max-file-size': { type: 'string' },
  theme: { type: 'string' },
  format: { type: 'string' },
  output: { type: 'string', short: 'o' },
  notes: { type: 'boolean' },
  force: { type: 'boolean' },
  minutes: { type: 'string' },
} as const;

/** Parses "64M", "500k", "1048576" into bytes. */
export function parseSize(text: string): number | undefined {
  const m = /^(\d+(?:\.\d+)?)\s*([kmg]i?b?)?$/i.exec(text.trim());
  if (!m) return undefined;
  const unit = (m[2] ?? '').toLowerCase()[0];
  const mult = unit === 'k' ? 1024 : unit === 'm' ? 1024 ** 2 : unit === 'g' ? 1024 ** 3 : 1;
  const n = Math.round(Number(m[1]) * mult);
  return n > 0 ? n : undefined;
}

export function parseCommandLine(argv: readonly string[]): Args {
  let parsed;
  try {
    parsed = parseArgs({ args: [...argv], options: OPTIONS, allowPositionals: true, strict: true });
  } catch (e) {
    const msg = e instanceof Error ? e.message.split('\n')[0] : String(e);
    const unknown = /^Unknown option '([^']*)'/.exec(msg ?? '');
    throw new UsageError(unknown ? `unknown option '${unknown[1]}'` : (msg ?? 'bad arguments').replace(/\.$/, ''));
  }
  const { values, positionals } = parsed;
  let command: Command = 'view';
  let rest = positionals;
  const first = positionals[0];
  if (first !== undefined && (COMMANDS as readonly string[]).includes(first)) {
    command = first as Command;
    rest = positionals.slice(1);
  }
  let catalogue: string | undefined;
  if (command !== 'config') {
    if (rest.length > 1) throw new UsageError(`expected one catalogue file, got ${rest.length}: ${rest.join(' ')}`);
    catalogue = rest[0];
    rest = [];
  }
  let maxFileSize: number | undefined;
  if (values['max-file-size'] !== undefined) {
    maxFileSize = parseSize(values['max-file-size']);
    if (maxFileSize === undefined) throw new UsageError(`--max-file-size takes a size like 64M or 500k, not '${values['max-file-size']}'`);
  }
  let minutes: number | undefined;
  if (values.minutes !== undefined) {
    minutes = /^\d+$/.test(values.minutes.trim()) ? Number(values.minutes.trim()) : NaN;
    if (!(minutes >= 1 && minutes <= MAX_MEETING_MINUTES)) throw new UsageError(`--minutes takes the meeting's length in whole minutes, 1 to ${MAX_MEETING_MINUTES}, not '${values.minutes}'`);
  }
  return {
    command,
    ...(catalogue !== undefined ? { catalogue } : {}),
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
    ...(values.theme !== undefined ? { theme: values.theme } : {}),
    ...(values.format !== undefined ? { format: values.format } : {}),
    ...(values.output !== undefined ? { output: values.output } : {}),
    notes: values.notes ?? false,
    force: values.force ?? false,
  };
}

/** A size as --max-file-size takes it: 4M, 512K. */
function sizeWord(bytes: number): string {
  return bytes % (1024 * 1024) === 0 ? `${bytes / 1024 / 1024}M` : `${Math.round(bytes / 1024)}K`;
}

export const HELP = `ragtop: council performance (KPIs, RAG ratings, the risk register) in the terminal

Usage
  ragtop [CATALOGUE] [--period P]        open CATALOGUE (default: the bundled 2019/20 framework);
                                          when output is not a terminal, print the overview as text
  ragtop check [CATALOGUE] [--json] [--strict] [--verbose]
                                          check the data before publication
  ragtop present [CATALOGUE] [--agenda FILE] [--period P] [--minutes N]
                                          presenter mode: walk the meeting's agenda full screen
  ragtop present [CATALOGUE] --notes      speaker notes, following the presenter (another terminal)
  ragtop export [CATALOGUE] --format md|csv|json [--period P] [--agenda FILE] [--output FILE [--force]]
                                          md: the agenda as a markdown hand-out; csv, json: the
                                          period's KPI table, one row per metric
  ragtop config [reset | set theme NAME | set ascii on|off]
                                          show, reset or change the saved preferences
  ragtop --help | --version

Options
  --period P          the period to show, e.g. "2019/20 Q3" (default: the latest)
  --data DIR          read period files from DIR instead of the catalogue's data:
  --agenda FILE       an agenda file besides the data directory's agenda-*.yaml
  --json              check: print {"findings": [...], "summary": {...}} on stdout
  --strict            check: warnings fail too (exit status 1)
  --verbose           check: every information line (else one line per code and file)
  --max-file-size N   refuse files larger than N (default ${sizeWord(DEFAULT_LIMITS.maxBytes)}; ${sizeWord(CAREFUL_MAX_BYTES)} for a file that needs the
                      careful YAML reader: anchors, tags, repeated keys, syntax errors)
  --theme NAME        default, high-contrast, colour-blind-safe or mono
  --format F          export: md, csv or json
  --output FILE, -o   export: write FILE instead of stdout (never a data file, a YAML file,
                      anything in the data directory, a pipe or a device)
  --force             export: replace an existing --output file
  --minutes N         present, export: the meeting's length (default 90), shared out as each
                      item's time budget on an agenda built from the data (no agenda file)
  --notes             present: follow the presenter with the speaker notes;
                      export: put the speaker notes in the markdown hand-out
  --no-color          no colour (NO_COLOR is honoured too)
  --ascii             ASCII symbols only (automatic when the locale is not UTF-8)

Check exit status
  0 no errors (warnings allowed)   1 errors found (or warnings, with --strict)
  2 the data could not be loaded (unreadable file, YAML syntax, schema, duplicate id, unknown reference)

Finding codes
  load (exit 2): READ_ERROR YAML_SYNTAX SCHEMA DUPLICATE_ID UNKNOWN_REF
  errors:   CLAIM_MISMATCH RATIO_MISMATCH SCORE_MISMATCH OUT_OF_RANGE FINANCE_TOTAL
  warnings: RAG_MISMATCH MISSING_VALUE STALE SUSPICIOUS_JUMP NO_COMMENTARY
            RESIDUAL_ABOVE_INHERENT NOT_FOR_PUBLICATION CONTROL_CHARS
            NARRATIVE_ARITHMETIC TOLERANCE_CONFIG
  info:     AMBIGUOUS_SCORE UNRATED UNPARSED_AS_OF (and OUT_OF_RANGE where allowed)

Keys (in the app; ? shows them all, those of the current scope first)
${keyHelpText()}

Environment
  NO_COLOR            any non-empty value turns colour off
  RAGTOP_CONFIG_DIR   where preferences are kept (default: the user's config directory)
  RAGTOP_DEBUG=1      print the stack trace of an internal error
`;

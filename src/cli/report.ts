// Findings as text (`file:line:col severity CODE id: message`, then a count line) or JSON.

import { escapeUnsafeJson, showText } from '../domain/text.js';
import type { Finding, FindingCode, Severity } from '../domain/types.js';
import { shown, type LoadResult } from '../load/load.js';
import { plural } from '../domain/format.js';

export interface CheckSummary {
  readonly errors: number;
  readonly warnings: number;
  readonly info: number;
  readonly files: number;
  readonly loaded: boolean;
  readonly exit: 0 | 1 | 2;
  readonly codes: Partial<Record<FindingCode, number>>;
}

export function summarise(findings: readonly Finding[], files: number, loaded: boolean, strict: boolean): CheckSummary {
  const count = (s: Severity) => findings.filter((f) => f.severity === s).length;
  const errors = count('error');
  const warnings = count('warning');
  const codes: Partial<Record<FindingCode, number>> = {};
  for (const f of findings) codes[f.code] = (codes[f.code] ?? 0) + 1;
  const exit = !loaded ? 2 : errors > 0 || (strict && warnings > 0) ? 1 : 0;
  return { errors, warnings, info: count('info'), files, loaded, exit, codes };
}

/**
 * The load error for a catalogue that loaded with no period file at all (a wrong `data:` path, an
 * empty directory, no `data:`): `check` must not go green on it, as the app and export do not.
 */
export function noPeriodFinding(loaded: Pick<LoadResult, 'catalogueFile' | 'dataDir'>, cwd: string): Finding {
  const where = showText(shown(loaded.dataDir ?? loaded.catalogueFile, cwd), 200);
  const message =
    loaded.dataDir === undefined
      ? "no period file: the catalogue has no 'data:' directory and no --data was given"
      : `no period file in the data directory ${where} (a period file is a .yaml file not named agenda-*)`;
  return { code: 'READ_ERROR', severity: 'error', message, file: where, line: 0, column: 0 };
}

/** Where a finding is: `file:line:col`, a spreadsheet's `file:Sheet1!C12`, or the file alone. */
export function findingWhere(f: Finding): string {
  return f.cell !== undefined ? `${f.file}:${f.cell}` : f.line > 0 ? `${f.file}:${f.line}:${f.column}` : f.file;
}

/** One finding on one line; every part made safe for a terminal. */
export function findingLine(f: Finding): string {
  const where = findingWhere(f);
  const id = f.id === undefined ? '' : ` ${showText(f.id, 60)}`;
  return `${showText(where, 200)} ${f.severity} ${f.code}${id}: ${showText(f.message, 400)}`;
}

/** What the app, export and view say (on stderr, after the problems) when the data does not load. */
export function notLoadedLine(findings: readonly Finding[]): string {
  return `ragtop: the data could not be loaded (${plural(findings.filter((f) => f.severity === 'error').length, 'problem')} above); run 'ragtop check' for details\n`;
}

export function countLine(s: CheckSummary): string {
  const counts = `${plural(s.errors, 'error')}, ${plural(s.warnings, 'warning')}, ${s.info} info`;
  if (!s.loaded) return `${counts} in ${plural(s.files, 'file')}: the data could not be loaded`;
  return `${counts} in ${plural(s.files, 'file')}`;
}

/** Ids shown on a grouped line before "and N more". */
const GROUP_IDS = 8;

/**
 * Information lines, one per code and file (a period), with their count and ids, where there is more
 * than one; each at the place of its first. Errors and warnings are never grouped.
 */
export function groupInfo(findings: readonly Finding[]): string[] {
  const groups = new Map<string, Finding[]>();
  for (const f of findings) {
    if (f.severity !== 'info') continue;
    const key = `${f.code}\u0000${f.file}`;
    const list = groups.get(key);
    if (list) list.push(f);
    else groups.set(key, [f]);
  }
  const lines: string[] = [];
  for (const f of findings) {
    const list = f.severity === 'info' ? groups.get(`${f.code}\u0000${f.file}`) : undefined;
    if (list === undefined || list.length === 1) {
      lines.push(findingLine(f));
      continue;
    }
    if (list[0] !== f) continue;
    const ids = [...new Set(list.flatMap((x) => (x.id === undefined ? [] : [showText(x.id, 60)])))];
    const named = ids.length === 0 ? '' : `: ${ids.slice(0, GROUP_IDS).join(', ')}${ids.length > GROUP_IDS ? ` and ${ids.length - GROUP_IDS} more` : ''}`;
    const where = findingWhere(f);
    lines.push(`${showText(where, 200)} info ${f.code}: ${list.length} in this file${named} (--verbose lists each)`);
  }
  return lines;
}

export function textReport(findings: readonly Finding[], s: CheckSummary, verbose = false): string {
  return [...(verbose ? findings.map(findingLine) : groupInfo(findings)), countLine(s)].join('\n') + '\n';
}

export function jsonReport(findings: readonly Finding[], s: CheckSummary): string {
  // JSON.stringify escapes C0 controls; DEL, C1, bidi and invisible characters are escaped too.
  const json = escapeUnsafeJson(JSON.stringify({ findings, summary: s }, null, 2));
  return json + '\n';
}

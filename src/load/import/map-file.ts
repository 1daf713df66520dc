// A --map file: which of a spreadsheet's headers holds which field, for sheets whose headers
// ragtop does not know. Read as every data file is (size limit, strict UTF-8, the careful YAML
// parser with its alias and depth limits, custom tags inert), every problem a finding at
// file:line:col:
//
//   columns:
//     "Latest figure": value
//     Ref: metric
//     England: benchmark national
//     Comments from the service: ignore

import { headerKey } from '../../domain/recorded.js';
import { showText } from '../../domain/text.js';
import { isMapping } from '../../domain/guards.js';
import type { Finding } from '../../domain/types.js';
import { suggest } from '../issues.js';
import { DEFAULT_LIMITS, finding, type Limits } from '../limits.js';
import { readText } from '../read.js';
import { parseYaml } from '../source.js';
import { parseRole, ROLE_NAMES, type ColumnRole, type HeaderMap } from './columns.js';

/** Reads a --map file's text (`shownAs`: its name in findings). */
export function parseMapText(text: string, shownAs: string, limits: Limits = DEFAULT_LIMITS): { map?: HeaderMap; findings: Finding[] } {
  const parsed = parseYaml(shownAs, text, limits);
  const findings = [...parsed.findings];
  if (findings.some((f) => f.severity === 'error') || !parsed.src) return { findings };
  const root = parsed.src.root();
  const value = parsed.value;
  const top = { file: shownAs, line: 1, col: 1 };
  if (!isMapping(value)) {
    findings.push(finding('SCHEMA', 'error', top, 'a --map file is a mapping with one key, columns: (header: field, one a line)'));
    return { findings };
  }
  for (const k of Object.keys(value)) {
    if (k !== 'columns') findings.push(finding('SCHEMA', 'error', root.keyLoc(k), `unknown key '${showText(k)}'${suggest(k, ['columns']) !== undefined ? " (did you mean 'columns'?)" : ''}: a --map file has only columns:`));
  }
  const columns = value['columns'];
  if (!isMapping(columns)) {
    findings.push(finding('SCHEMA', 'error', 'columns' in value ? root.at('columns').loc : top, 'columns: must be a mapping of a header to the field it holds, e.g. "Latest figure": value'));
    return { findings };
  }
  const map = new Map<string, ColumnRole>();
  const at = root.at('columns');
  for (const [header, field] of Object.entries(columns)) {
    const role = typeof field === 'string' ? parseRole(field) : undefined;
    if (role === undefined) {
      const word = typeof field === 'string' ? field : String(field);
      const near = suggest(word.trim().toLowerCase().replace(/\s+/g, '_'), ROLE_NAMES);
      findings.push(
        finding(
          'SCHEMA',
          'error',
          at.at(header).loc,
          `'${showText(word)}' is not a field import reads${near !== undefined ? ` (did you mean '${near}'?)` : ''}; use one of ${ROLE_NAMES.filter((r) => r !== 'benchmark').join(', ')}, or "benchmark NAME"`,
        ),
      );
      continue;
    }
    const key = headerKey(header);
    if (map.has(key)) {
      findings.push(finding('DUPLICATE_ID', 'error', at.keyLoc(header), `the header '${showText(header)}' is mapped twice (headers are compared ignoring case and spacing)`));
      continue;
    }
    map.set(key, role);
  }
  findings.sort((a, b) => a.line - b.line || a.column - b.column);
  return findings.some((f) => f.severity === 'error') ? { findings } : { map, findings };
}

/** Reads a --map file. */
export function readMapFile(file: string, shownAs: string, limits: Limits = DEFAULT_LIMITS): { map?: HeaderMap; findings: Finding[] } {
  const read = readText(file, shownAs, limits);
  if (!read.ok) return { findings: [read.finding] };
  return parseMapText(read.text, shownAs, limits);
}

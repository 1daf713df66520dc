// Parsing one YAML file carefully, keeping source positions (the text comes from read.ts; plain
// files take the fast path in fast.ts first), with every problem a Finding at file:line:col.
// Nothing here throws on bad input.

import type { CST, Document, LineCounter } from 'yaml';
import { sanitiseText, showText } from '../domain/text.js';
import type { Finding, Loc } from '../domain/types.js';
import { LOAD_FINDINGS_CAP, moreFinding } from './cap.js';
import { DEFAULT_LIMITS, finding, lineEnds, type Limits } from './limits.js';
import { Source } from './source-ref.js';
import { detach } from './strings.js';
import { isAlias, isCollection, isMap, isNode, isPair, isScalar, yaml } from './yaml-lib.js';

export interface Parsed {
  readonly src?: Source;
  readonly value?: unknown;
  readonly findings: Finding[];
}

/**
 * Parses YAML 1.2 (core schema) keeping positions. Custom tags stay inert (reported, never run);
 * yaml's own warnings never reach stderr. Strings are cleaned of control characters here, once,
 * with a CONTROL_CHARS finding where anything was removed.
 */
export function parseYaml(shownAs: string, input: string, limits: Limits = DEFAULT_LIMITS): Parsed {
  const text = lineEnds(input);
  const lines = new (yaml().LineCounter)();
  const findings: Finding[] = [];
  // The tokens are read first (yaml's parser keeps its own stack, so this cannot overflow), and
  // nesting is checked on them before yaml builds the nodes, which it does recursively: a deep file
  // stops here, at the node that is one level too deep, whatever stack the thread has.
  const tokens: CST.Token[] = [];
  const deep = readTokens(text, lines, limits.maxDepth, tokens);
  if (deep !== undefined) {
    const p = lines.linePos(deep);
    return { findings: [finding('YAML_SYNTAX', 'error', { file: shownAs, line: p.line, col: p.col }, tooDeepMessage(limits.maxDepth))] };
  }
  let doc: Document | undefined;
  try {
    const composer = new (yaml().Composer)({
      // Duplicate keys are found by checkStructure below: yaml's own check compares every key with
      // every other key of its mapping (quadratic; 90 s of a 100 s load on a 32 MB catalogue).
      uniqueKeys: false,
      strict: true,
      version: '1.2',
      schema: 'core',
      // 'error', not 'silent': with 'silent', a second document is not reported. Neither prints
      // anything; warnings are turned into findings below.
      logLevel: 'error',
      merge: false,
      keepSourceTokens: false,
    });
    // As yaml's parseDocument: the first document, and an error for a second one.
    for (const d of composer.compose(tokens, true, text.length)) {
      if (!doc) doc = d;
      else {
        doc.errors.push(new (yaml().YAMLParseError)([d.range[0], d.range[1]], 'MULTIPLE_DOCS', 'Source contains multiple documents'));
        break;
      }
    }
  } catch (e) {
    const message = e instanceof RangeError ? tooDeepMessage(limits.maxDepth) : 'the YAML could not be read';
    return { findings: [finding('YAML_SYNTAX', 'error', { file: shownAs, line: 1, col: 1 }, message)] };
  }
  if (!doc) return { findings: [finding('YAML_SYNTAX', 'error', { file: shownAs, line: 1, col: 1 }, 'the YAML could not be read')] };
  const src = new Source(shownAs, doc, lines);
  const lastContent = Math.max(0, text.trimEnd().length - 1);
  const exhausted = doc.errors.find((e) => e.code === 'RESOURCE_EXHAUSTION');
  if (exhausted) {
    return { src, findings: [finding('YAML_SYNTAX', 'error', src.locOf(Math.min(exhausted.pos[0], lastContent)), tooDeepMessage(limits.maxDepth))] };
  }
  // Load errors are capped per file (cap.ts): past the cap they are only counted.
  for (const err of doc.errors.slice(0, LOAD_FINDINGS_CAP + 1)) {
    const loc = src.locOf(Math.min(err.pos[0], lastContent));
    if (err.code === 'MULTIPLE_DOCS') {
      findings.push(finding('YAML_SYNTAX', 'error', loc, 'the file holds more than one YAML document (a second ---): put one document in each file'));
    } else {
      findings.push(finding('YAML_SYNTAX', 'error', loc, `YAML syntax: ${yamlMessage(err.message)}`));
    }
  }
  const lastSyntax = findings[findings.length - 1];
  if (doc.errors.length > LOAD_FINDINGS_CAP + 1 && lastSyntax) findings.push(moreFinding(lastSyntax, doc.errors.length - LOAD_FINDINGS_CAP - 1));
  for (const w of doc.warnings) {
    const loc = src.locOf(w.pos[0]);
    if (w.code === 'TAG_RESOLVE_FAILED') {
      const tag = /Unresolved tag: (.*)$/.exec(w.message)?.[1] ?? 'a custom tag';
      findings.push(finding('SCHEMA', 'error', loc, `unsupported tag ${showText(tag)}: ragtop reads plain YAML values only, and never runs tags`));
    } else {
      findings.push(finding('YAML_SYNTAX', 'error', loc, `YAML: ${yamlMessage(w.message)}`));
    }
  }
  if (findings.length > 0) return { src, findings };
  // Cleaned before the duplicate-key check, so that two keys that are the same once cleaned are
  // a duplicate rather than one silently replacing the other.
  const cleaned = cleanStrings(src);
  const structure = checkStructure(src, limits.maxDepth);
  if (structure.length > 0) return { src, findings: structure };
  for (const f of cleaned) findings.push(f);
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: limits.maxAliases });
  } catch (e) {
    const loc = firstAlias(src) ?? src.locOf(0);
    const message =
      e instanceof ReferenceError && /alias/i.test(e.message)
        ? `aliases expand too many times (over ${limits.maxAliases}): this looks like an alias bomb`
        : e instanceof RangeError
          ? tooDeepMessage(limits.maxDepth)
          : `the YAML could not be read: ${showText(e instanceof Error ? e.message : String(e))}`;
    return { src, findings: [finding('YAML_SYNTAX', 'error', loc, message)] };
  }
  return { src, value, findings };
}

const tooDeepMessage = (maxDepth: number) => `the YAML is nested more than ${maxDepth} levels deep`;

const COLLECTIONS = new Set(['block-map', 'block-seq', 'flow-collection']);

/**
 * Reads the tokens of `text` into `tokens` (lines counted), stopping at the first collection
 * nested more than `maxDepth` levels deep (the top collection is level 0, as in checkStructure):
 * its offset is returned. Iterative: yaml's parser keeps its open nodes on its own stack.
 */
function readTokens(text: string, lines: LineCounter, maxDepth: number, tokens: CST.Token[]): number | undefined {
  const parser = new (yaml().Parser)(lines.addNewLine);
  lines.addNewLine(0);
  for (const lexeme of new (yaml().Lexer)().lex(text, false)) {
    for (const t of parser.next(lexeme)) tokens.push(t);
    if (parser.stack.length > maxDepth) {
      let depth = 0;
      for (const t of parser.stack) {
        if (!COLLECTIONS.has(t.type)) continue;
        if (depth === maxDepth) return t.offset;
        depth += 1;
      }
    }
  }
  for (const t of parser.end()) tokens.push(t);
  return undefined;
}

/**
 * The nesting finding for a file the fast path found too deep but that is over the careful
 * path's limit: the tokens are read up to where the fast path stopped (`end`), which is cheap.
 */
export function nestingFinding(shownAs: string, text: string, end: number, limits: Limits): Finding | undefined {
  const lines = new (yaml().LineCounter)();
  const deep = readTokens(text.slice(0, end), lines, limits.maxDepth, []);
  if (deep === undefined) return undefined;
  const p = lines.linePos(deep);
  return finding('YAML_SYNTAX', 'error', { file: shownAs, line: p.line, col: p.col }, tooDeepMessage(limits.maxDepth));
}

/**
 * yaml's own wording, first line. Some messages quote the document (a block scalar header's extra
 * characters, an unexpected token): a quoted word is cut to 40 characters and the message to 100,
 * so that a file is never printed back beyond a short excerpt.
 */
function yamlMessage(m: string): string {
  const first = (m.split('\n')[0] ?? m).replace(/ at line \d+, column \d+:?$/, '');
  return showText(first.replace(/\S{41,}/g, (w) => `${w.slice(0, 39)}…`), 100);
}

/**
 * Nesting depth and duplicate keys, in one walk without recursion (a deep file cannot overflow the
 * stack). Too deep is one finding; each repeated key is one DUPLICATE_ID at the repeat, with a
 * Set per mapping (linear, where yaml's uniqueKeys compares every pair).
 */
function checkStructure(src: Source, maxDepth: number): Finding[] {
  const out: Finding[] = [];
  // Load errors are capped per file (cap.ts): past the cap they are only counted.
  let more = 0;
  const stack: Array<{ node: unknown; depth: number }> = [{ node: src.doc.contents, depth: 0 }];
  for (let top = stack.pop(); top; top = stack.pop()) {
    const { node, depth } = top;
    if (!isCollection(node)) continue;
    if (depth >= maxDepth) {
      return [finding('YAML_SYNTAX', 'error', src.locOfNode(node), tooDeepMessage(maxDepth))];
    }
    const seen = isMap(node) ? new Set<unknown>() : undefined;
    for (const item of node.items) {
      if (isPair(item)) {
        if (seen) {
          const k = item.key;
          // Scalar keys compare by value (`1` and `"1"` differ, as in yaml); a collection or alias
          // key is never a duplicate of anything (the schema rejects it anyway).
          const name = isScalar(k) ? (k.value === null ? null : typeof k.value === 'object' ? k : k.value) : k;
          if (seen.has(name) && out.length > LOAD_FINDINGS_CAP) more += 1;
          else if (seen.has(name)) {
            const key = isScalar(k) ? scalarText(k.value ?? k.source) : '';
            out.push(finding('DUPLICATE_ID', 'error', src.locOfNode(isNode(k) ? k : node), `the key ${key ? `'${showText(key)}' ` : ''}appears twice in the same mapping`, key ? showText(key) : undefined));
          }
          seen.add(name);
        }
        stack.push({ node: item.key, depth: depth + 1 }, { node: item.value, depth: depth + 1 });
      } else stack.push({ node: item, depth: depth + 1 });
    }
  }
  out.sort((a, b) => a.line - b.line || a.column - b.column);
  const last = out[out.length - 1];
  if (more > 0 && last) out.push(moreFinding(last, more));
  return out;
}

function firstAlias(src: Source): Loc | undefined {
  const stack: unknown[] = [src.doc.contents];
  while (stack.length > 0) {
    const node = stack.pop();
    if (isAlias(node)) return src.locOfNode(node);
    if (!isCollection(node)) continue;
    for (const item of node.items) {
      if (isPair(item)) stack.push(item.value, item.key);
      else stack.push(item);
    }
  }
  return undefined;
}

/** The `id:` of a mapping, when it has a plain one. */
function idOfMap(node: unknown): string | undefined {
  if (!isMap(node)) return undefined;
  for (const pair of node.items) {
    if (isScalar(pair.key) && pair.key.value === 'id' && isScalar(pair.value)) return String(pair.value.value);
  }
  return undefined;
}

/** Sections of a period file whose entries are keyed by the id they concern. */
const KEYED_SECTIONS = new Set(['observations', 'commentary']);

/**
 * Removes control, bidi and invisible characters from every string scalar in place, keys as well as
 * values (a key is one line: its newlines fold too); one finding per scalar changed, with the id
 * of what it belongs to (the nearest mapping's id, or the key of an observation or commentary
 * entry). The fast path (fast.ts) gives up on any text this would change.
 */
function cleanStrings(src: Source): Finding[] {
  const out: Finding[] = [];
  const stack: Array<{ node: unknown; id: string | undefined; keyedBy: boolean; isKey?: true }> = [{ node: src.doc.contents, id: undefined, keyedBy: false }];
  for (let entry = stack.pop(); entry; entry = stack.pop()) {
    const { node, id: outer, keyedBy, isKey } = entry;
    if (isScalar(node)) {
      if (typeof node.value === 'string') {
        const s = sanitiseText(node.value, !isKey);
        // Tabs become spaces and CRLF a newline silently; anything removed is a finding. The text
        // is kept as a string of its own, not a slice of the file's (strings.ts).
        node.value = detach(s.text);
        if (s.changed) {
          const message = `${isKey ? 'a key' : 'text'} holds control or escape characters; they were removed and are never written to the terminal: "${showText(s.text, 40)}"`;
          out.push(finding('CONTROL_CHARS', 'warning', src.locOfNode(node), message, outer === undefined ? undefined : showText(sanitiseText(outer, false).text, 60)));
        }
      }
      continue;
    }
    if (!isCollection(node)) continue;
    const id = idOfMap(node) ?? outer;
    const top = node === src.doc.contents;
    for (const item of node.items) {
      if (isPair(item)) {
        const key = isScalar(item.key) ? String(item.key.value) : undefined;
        const childId = keyedBy && key !== undefined ? key : id;
        stack.push({ node: item.value, id: childId, keyedBy: top && key !== undefined && KEYED_SECTIONS.has(key) });
        stack.push({ node: item.key, id: childId, keyedBy: false, isKey: true });
      } else stack.push({ node: item, id, keyedBy: false });
    }
  }
  return out.sort((a, b) => a.line - b.line || a.column - b.column);
}

/** A scalar key's text for a message: a string, number or boolean as written; anything else, none. */
function scalarText(v: unknown): string {
  return typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint' ? String(v) : '';
}

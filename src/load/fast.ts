// The fast path for reading YAML: js-yaml builds the values (about ten times faster than yaml's
// Document API, which keeps a node object for every token) and a listener records where each
// node starts, so that every later finding still points at file:line:col.
//
// The fast path only answers for plain, well-formed files. It gives up (returns undefined) on
// anything where js-yaml and yaml could disagree or where ragtop reports a problem: a syntax
// error, a duplicate key, an anchor, alias or tag, a number or boolean written in a form that the
// YAML 1.2 core schema reads differently, a null or non-scalar key, a key or text that sanitising
// would change (control, bidi and invisible characters, a newline in a key), a directive, nesting
// over the limit. The caller then parses the file with yaml (parseYaml), which finds the
// problem and its position. So a file gives the same values and positions on either path; only
// the time differs (tests/load/fast.test.ts compares them path by path).

import { isMapping } from '../domain/guards.js';
import { constructFromEvents, CORE_SCHEMA, EVENT_ID, getScalarValue, parseEvents, SCALAR_STYLE, type Event, type ScalarEvent } from 'js-yaml';
import { sanitiseText, UNSAFE_CHAR } from '../domain/text.js';
import type { Loc } from '../domain/types.js';
import { lineEnds, type Limits } from './limits.js';
import { lineStarts, locate, type LineStarts } from './lines.js';
import { detach } from './strings.js';

/** Where a value is written: a scalar's start offset, or a collection with its children. */
type Pos = number | MapPos | SeqPos;
interface MapPos {
  readonly s: number;
  readonly pairs: Map<string, { readonly k: number; readonly v: Pos }>;
}
interface SeqPos {
  readonly s: number;
  /** Filled while the document's events are read (positions()), then only read. */
  readonly items: Pos[];
}

/** A position in a parsed document, as load.ts, catalogue.ts and period.ts use it. */
export interface PosRef {
  /** Where the value is written (or, when it is missing, where its key or parent is). */
  readonly loc: Loc;
  /** The same place as an offset into the file: a number to keep, made a Loc by `locate`. */
  readonly offset: number;
  /** The file's line starts, for `locate` (one object per file, shared by every ref into it). */
  readonly lines: LineStarts;
  /** The child at a key or index; a missing child points at its parent. */
  at(key: string | number): PosRef;
  /** Where the key itself is written (for "unknown key", "duplicate id"). */
  keyLoc(key: string): Loc;
  /** The same place as an offset into the file. */
  keyOffset(key: string): number;
  /** The decimals a number was written with here (`89.10` → 2). */
  decimals(): number;
}

/** The plain scalar token at an offset (up to a space, comma, bracket or comment). */
const TOKEN = /[^\s,\]}#]*/y;
function tokenAt(text: string, offset: number): string {
  TOKEN.lastIndex = offset;
  return TOKEN.exec(text)?.[0] ?? '';
}

const startOf = (p: Pos): number => (typeof p === 'number' ? p : p.s);

class FastRef implements PosRef {
  constructor(
    private readonly doc: { readonly text: string; readonly lines: LineStarts },
    private readonly pos: Pos | undefined,
    /** Where to point when the value is missing: its key, or its parent. */
    private readonly fallback: number,
  ) {}

  get offset(): number {
    return this.pos === undefined ? this.fallback : startOf(this.pos);
  }

  get lines(): LineStarts {
    return this.doc.lines;
  }

  get loc(): Loc {
    return locate(this.doc.lines, this.offset);
  }

  at(key: string | number): PosRef {
    const p = this.pos;
    if (typeof key === 'number' && p !== undefined && typeof p === 'object' && 'items' in p) {
      return new FastRef(this.doc, p.items[key], this.offset);
    }
    const pair = p !== undefined && typeof p === 'object' && 'pairs' in p ? p.pairs.get(String(key)) : undefined;
    if (pair === undefined) return new FastRef(this.doc, undefined, this.offset);
    return new FastRef(this.doc, pair.v, pair.k);
  }

  keyLoc(key: string): Loc {
    return locate(this.doc.lines, this.keyOffset(key));
  }

  keyOffset(key: string): number {
    const p = this.pos;
    const pair = p !== undefined && typeof p === 'object' && 'pairs' in p ? p.pairs.get(key) : undefined;
    return pair ? pair.k : this.offset;
  }

  decimals(): number {
    if (typeof this.pos !== 'number') return 0;
    return /\.(\d+)(?:[eE][-+]?\d+)?$/.exec(tokenAt(this.doc.text, this.pos))?.[1]?.length ?? 0;
  }
}

// The YAML 1.2 core schema's plain scalars (yaml's 'core' schema resolves exactly these).
const CORE_NULL = /^(?:~|null|Null|NULL)?$/;
const CORE_BOOL = /^(?:true|True|TRUE|false|False|FALSE)$/;
const CORE_INT = /^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$/;
const CORE_FLOAT = /^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$/;

/** What the YAML 1.2 core schema makes of a plain scalar's text. */
function coreType(source: string): 'object' | 'boolean' | 'number' | 'string' {
  if (CORE_NULL.test(source)) return 'object';
  if (CORE_BOOL.test(source)) return 'boolean';
  if (CORE_INT.test(source) || CORE_FLOAT.test(source)) return 'number';
  return 'string';
}

class GiveUp extends Error {
  /** Where the fast path stopped, when known (an offset into the text). */
  constructor(readonly at?: number) {
    super();
  }
}

/** Where a scalar's text starts: at its quote or block indicator, as yaml counts it. */
function scalarStart(text: string, e: ScalarEvent): number {
  if (e.style === SCALAR_STYLE.SINGLE_QUOTED || e.style === SCALAR_STYLE.DOUBLE_QUOTED) return e.valueStart - 1;
  if (e.style === SCALAR_STYLE.LITERAL_BLOCK || e.style === SCALAR_STYLE.FOLDED_BLOCK) {
    // The header (`|`, `>-`, `|2+`, perhaps a comment) ends the line before the content.
    const end = text.lastIndexOf('\n', e.valueStart - 1);
    const lineStart = text.lastIndexOf('\n', end - 1) + 1;
    const m = /[|>][0-9+-]*[ \t]*(?:#.*)?\r?$/.exec(text.slice(lineStart, end));
    if (!m) throw new GiveUp();
    return lineStart + m.index;
  }
  return e.valueStart;
}

interface Open {
  readonly pos: MapPos | SeqPos;
  /** In a mapping: the key read, its offset and where it ends, waiting for its value. */
  key?: { readonly name: string; readonly at: number; readonly end: number } | undefined;
}

/**
 * Where yaml places an empty value (`key:` with nothing after it): just after the `:`, past the
 * spaces and tabs that follow it on its line. Only for a key followed by its `:` on the same line;
 * anything else (an explicit `? key`, a flow entry without `:`) gives up.
 */
function emptyValueAt(text: string, keyEnd: number): number {
  let i = keyEnd;
  while (text[i] === ' ' || text[i] === '\t') i++;
  if (text[i] !== ':') throw new GiveUp();
  i++;
  while (text[i] === ' ' || text[i] === '\t') i++;
  return i;
}

/** The position tree of one document's events; throws GiveUp where the fast path cannot answer. */
function positions(text: string, events: readonly Event[]): Pos | undefined {
  const stack: Open[] = [];
  let root: Pos | undefined;
  let documents = 0;
  const place = (pos: Pos | undefined): void => {
    const top = stack[stack.length - 1];
    if (top === undefined) {
      root = pos;
      return;
    }
    if (pos === undefined) throw new GiveUp(); // only a document may be empty, never an item in it
    if ('items' in top.pos) {
      top.pos.items.push(pos);
    } else if (top.key === undefined) {
      throw new GiveUp(); // a collection as a key
    } else {
      if (top.pos.pairs.has(top.key.name)) throw new GiveUp(top.key.at);
      top.pos.pairs.set(top.key.name, { k: top.key.at, v: pos });
      top.key = undefined;
    }
  };
  for (const e of events) {
    switch (e.type) {
      case EVENT_ID.DOCUMENT:
        documents += 1;
        // A second document, or a directive (%YAML, %TAG, or a reserved one, which js-yaml skips
        // silently), which yaml checks and warns about.
        if (documents > 1 || e.directives.length > 0 || /^%/m.test(text)) throw new GiveUp();
        break;
      case EVENT_ID.MAPPING:
      case EVENT_ID.SEQUENCE: {
        // & anchor, ! tag: yaml resolves and limits these (alias bombs, custom tags).
        if (e.anchorStart !== -1 || e.tagStart !== -1) throw new GiveUp(Math.max(e.anchorStart, e.tagStart));
        const top = stack[stack.length - 1];
        if (top && 'pairs' in top.pos && top.key === undefined) throw new GiveUp(e.start);
        stack.push({ pos: e.type === EVENT_ID.MAPPING ? { s: e.start, pairs: new Map() } : { s: e.start, items: [] } });
        break;
      }
      case EVENT_ID.SCALAR: {
        if (e.anchorStart !== -1 || e.tagStart !== -1) throw new GiveUp(Math.max(e.anchorStart, e.tagStart));
        const top = stack[stack.length - 1];
        if (top && 'pairs' in top.pos && top.key === undefined) {
          // A key: plain text keys only (yaml and js-yaml name a null, number or boolean key
          // differently), and clean ones: the careful path sanitises keys as it does values.
          if (e.valueStart < 0) throw new GiveUp();
          const name = getScalarValue(text, e);
          if ((e.style === SCALAR_STYLE.PLAIN && coreType(name) !== 'string') || name === '__proto__' || UNSAFE_CHAR.test(name)) throw new GiveUp(scalarStart(text, e));
          const quoted = e.style === SCALAR_STYLE.SINGLE_QUOTED || e.style === SCALAR_STYLE.DOUBLE_QUOTED;
          top.key = { name, at: scalarStart(text, e), end: e.valueEnd + (quoted ? 1 : 0) };
        } else if (e.valueStart >= 0) place(scalarStart(text, e));
        else if (top && 'pairs' in top.pos && top.key !== undefined) place(emptyValueAt(text, top.key.end));
        else if (top) throw new GiveUp(); // an empty sequence item: yaml places it after the `-`
        else place(undefined);
        break;
      }
      case EVENT_ID.ALIAS:
        throw new GiveUp(e.anchorStart);
      case EVENT_ID.POP:
        {
          const open = stack.pop();
          if (open) place(open.pos);
        }
        break;
    }
  }
  if (documents !== 1 || stack.length > 0) throw new GiveUp();
  return root;
}

/**
 * Checks that the values and the positions have the same shape, and the text is clean; returns the
 * value with each string made one of its own (strings.ts), written back into its parent.
 */
function agree(text: string, value: unknown, pos: Pos | undefined): unknown {
  if (pos === undefined) {
    if (value !== null) throw new GiveUp();
    return value;
  }
  if (typeof pos === 'number') {
    if (typeof value === 'string') {
      if (sanitiseText(value).text !== value) throw new GiveUp(pos);
      return detach(value);
    }
    if (value === null || typeof value === 'number' || typeof value === 'boolean') {
      // A plain scalar that js-yaml resolved: the core schema must read its text the same way.
      if (coreType(tokenAt(text, pos)) !== (value === null ? 'object' : typeof value)) throw new GiveUp(pos);
      return value;
    }
    throw new GiveUp();
  }
  if ('items' in pos) {
    if (!Array.isArray(value) || value.length !== pos.items.length) throw new GiveUp();
    for (let i = 0; i < value.length; i++) value[i] = agree(text, value[i], pos.items[i]);
    return value;
  }
  if (!isMapping(value)) throw new GiveUp();
  const obj = value;
  if (Object.keys(obj).length !== pos.pairs.size) throw new GiveUp();
  for (const [name, pair] of pos.pairs) {
    if (!Object.prototype.hasOwnProperty.call(obj, name)) throw new GiveUp();
    obj[name] = agree(text, obj[name], pair.v);
  }
  return obj;
}

export interface FastParsed {
  readonly value: unknown;
  readonly root: PosRef;
}

/**
 * Parses a plain YAML file quickly, with positions; undefined when the file needs the careful
 * path (see the top of this file), with the offset where it stopped in `why.at` when known (and
 * `why.deep` when it was too deep nesting).
 * Never throws.
 */
export function parseFast(shownAs: string, input: string, limits: Limits, why?: { at?: number; deep?: boolean }): FastParsed | undefined {
  const text = lineEnds(input);
  try {
    const events = parseEvents(text, { maxDepth: limits.maxDepth });
    const pos = positions(text, events);
    const docs = constructFromEvents(events, { source: text, schema: CORE_SCHEMA });
    const value = agree(text, docs[0] ?? null, pos);
    return { value, root: new FastRef({ text, lines: lineStarts(shownAs, text) }, pos, 0) };
  } catch (e) {
    // A GiveUp, or js-yaml's own error (syntax, duplicate key, depth): the careful path says what.
    const mark = e instanceof GiveUp || !(e instanceof Error) || !('mark' in e) ? undefined : e.mark;
    const at = e instanceof GiveUp ? e.at : typeof mark === 'object' && mark !== null && 'position' in mark ? mark.position : undefined;
    if (why && typeof at === 'number' && at >= 0) why.at = at;
    if (why && !(e instanceof GiveUp) && e instanceof Error && /maxDepth/.test(e.message)) why.deep = true;
    return undefined;
  }
}

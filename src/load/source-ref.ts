// Positions in a file the careful path parsed (source.ts): a yaml Document with its line starts,
// and refs into it by key and index, as PosRef (fast.ts) describes them.

import type { Document, LineCounter, Node } from 'yaml';
import type { Loc } from '../domain/types.js';
import type { PosRef } from './fast.js';
import { locate, type LineStarts } from './lines.js';
import { isAlias, isMap, isNode, isPair, isScalar, isSeq } from './yaml-lib.js';

/** A parsed YAML file with its positions. */
export class Source {
  /** The line starts yaml counted as it read the file. */
  readonly lines: LineStarts;

  constructor(
    readonly file: string,
    readonly doc: Document,
    counter: LineCounter,
  ) {
    this.lines = { file, starts: Int32Array.from(counter.lineStarts[0] === 0 ? counter.lineStarts : [0, ...counter.lineStarts]) };
  }

  locOf(offset: number): Loc {
    return locate(this.lines, offset);
  }

  /** Where a node starts, as an offset; `fallback` (default: the file's start) when it has none. */
  offsetOf(node: Node | undefined | null, fallback = 0): number {
    return node?.range?.[0] ?? fallback;
  }

  locOfNode(node: Node | undefined | null): Loc {
    return this.locOf(this.offsetOf(node));
  }

  root(): Ref {
    return new Ref(this, this.doc.contents ?? undefined, 0);
  }

  /** The node at a path of keys and indexes, following aliases; undefined where it stops. */
  resolve(path: readonly PropertyKey[]): { node: Node | undefined; depth: number; keyNode?: Node } {
    let ref = this.root();
    let keyNode: Node | undefined;
    let depth = 0;
    for (const key of path) {
      if (typeof key === 'symbol') break;
      const next = ref.at(key);
      if (next.node === undefined) {
        const k = ref.keyNode(key);
        return { node: ref.node, depth, ...(k ? { keyNode: k } : {}) };
      }
      keyNode = ref.keyNode(key);
      ref = next;
      depth += 1;
    }
    return { node: ref.node, depth, ...(keyNode ? { keyNode } : {}) };
  }
}

/** A position in a parsed document: a node (perhaps missing) and where to point when it is. */
export class Ref implements PosRef {
  private index?: Map<string, { key: Node; value: Node | undefined }>;

  constructor(
    readonly src: Source,
    readonly node: Node | undefined,
    /** Where to point when the node is missing: its key, or its parent (an offset). */
    private readonly fallback: number,
  ) {}

  get offset(): number {
    return this.src.offsetOf(this.node, this.fallback);
  }

  get lines(): LineStarts {
    return this.src.lines;
  }

  get loc(): Loc {
    return this.src.locOf(this.offset);
  }

  private deref(n: unknown): Node | undefined {
    if (isAlias(n)) return n.resolve(this.src.doc) ?? undefined;
    return isNode(n) ? n : undefined;
  }

  private pairs(): Map<string, { key: Node; value: Node | undefined }> {
    if (this.index) return this.index;
    const index = new Map<string, { key: Node; value: Node | undefined }>();
    const node = this.deref(this.node);
    if (isMap(node)) {
      for (const pair of node.items) {
        if (!isPair(pair)) continue;
        const k = pair.key;
        if (!isNode(k)) continue; // an empty key: no field is named by it
        const name = isScalar(k) ? String(k.value) : '';
        if (!index.has(name)) index.set(name, { key: k, value: this.deref(pair.value) });
      }
    }
    this.index = index;
    return index;
  }

  /** The child at a key or index; a missing child points at its parent. */
  at(key: string | number): Ref {
    const node = this.deref(this.node);
    if (typeof key === 'number' && isSeq(node)) {
      const item = this.deref(node.items[key]);
      return new Ref(this.src, item, this.offset);
    }
    const entry = this.pairs().get(String(key));
    if (entry === undefined) return new Ref(this.src, undefined, this.offset);
    return new Ref(this.src, entry.value, this.src.offsetOf(entry.key, this.offset));
  }

  keyNode(key: string | number): Node | undefined {
    return typeof key === 'string' ? this.pairs().get(key)?.key : undefined;
  }

  /** Where the key itself is written (for "unknown key", "duplicate id"). */
  keyLoc(key: string): Loc {
    return this.src.locOf(this.keyOffset(key));
  }

  keyOffset(key: string): number {
    const k = this.pairs().get(key)?.key;
    return k ? this.src.offsetOf(k) : this.offset;
  }

  /** The decimals a number was written with here (`89.10` → 2). */
  decimals(): number {
    const n = this.deref(this.node);
    if (isScalar(n) && typeof n.source === 'string') {
      const m = /\.(\d+)(?:[eE][-+]?\d+)?$/.exec(n.source.trim());
      return m?.[1]?.length ?? 0;
    }
    return 0;
  }
}

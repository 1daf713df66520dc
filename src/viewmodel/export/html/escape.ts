// HTML for the hand-out: the one place text becomes markup. Every text from the data (and every
// sentence of our own) goes through `text` or `inline`: control, bidi and invisible characters
// removed, then & < > " ' written as entities, so it can only ever be character data. Tag and
// attribute names are literals of this module's types, never data; attribute values are our own
// (ids made of counters, fixed class names) and are escaped all the same. No text from the data is
// ever written into a style, a URL or an event attribute: the hand-out has none of those.

import { clean } from '../markdown.js';

const ENTITIES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text as character data (or an attribute value): newlines kept. */
export function text(s: string): string {
  return clean(s).replace(/[&<>"']/g, (ch) => ENTITIES[ch] ?? '');
}

/** Text inside a line: whitespace collapsed. */
export function inline(s: string): string {
  return text(clean(s).replace(/\s+/g, ' ').trim());
}

export type Tag =
  | 'p' | 'h1' | 'h2' | 'h3' | 'h4' | 'section' | 'header' | 'main' | 'aside' | 'figure' | 'figcaption'
  | 'table' | 'caption' | 'thead' | 'tbody' | 'tr' | 'th' | 'td' | 'ul' | 'li' | 'dl' | 'dt' | 'dd'
  | 'strong' | 'em' | 'span' | 'div'
  | 'svg' | 'title' | 'desc' | 'g' | 'path' | 'line' | 'circle' | 'text' | 'rect';

const ATTR_NAMES = [
  'class', 'id', 'scope', 'role', 'aria-labelledby', 'aria-label', 'colspan', 'viewBox', 'width', 'height',
  'x', 'y', 'x1', 'y1', 'x2', 'y2', 'cx', 'cy', 'r', 'd', 'text-anchor', 'focusable',
] as const;

export type AttrName = (typeof ATTR_NAMES)[number];

export type Attrs = Partial<Record<AttrName, string | number>>;

/** An element: `inner` is markup already (made by these functions). */
export function el(tag: Tag, attrs: Attrs, inner = ''): string {
  const list = ATTR_NAMES.flatMap((n) => {
    const v = attrs[n];
    return v === undefined ? [] : [` ${n}="${text(String(v))}"`];
  }).join('');
  return `<${tag}${list}>${inner}</${tag}>`;
}

/** Paragraphs of a text from the data (blank lines separate them). */
export function paragraphs(s: string, cls?: string): string[] {
  return clean(s)
    .split(/\n\s*\n/)
    .map((p) => inline(p))
    .filter((p) => p !== '')
    .map((p) => el('p', cls !== undefined ? { class: cls } : {}, p));
}

export function bulletList(items: readonly string[]): string {
  return el('ul', {}, items.map((i) => el('li', {}, inline(i))).join(''));
}

export interface TableSpec {
  readonly caption?: string;
  /** Header cells, as markup. */
  readonly head: readonly string[];
  /** Body cells, as markup; a row's first cell is its header when `rowHeads` is set. */
  readonly rows: ReadonlyArray<readonly string[]>;
  /** Columns aligned right (numbers). */
  readonly right?: readonly number[];
  readonly rowHeads?: boolean;
  readonly cls?: string;
  /** A class per body row (e.g. the totals row), by index. */
  readonly rowClass?: (i: number) => string | undefined;
}

/** A table with a <thead> (repeated on each printed page when a table must break) and a <tbody>. */
export function table(t: TableSpec): string {
  const right = new Set(t.right ?? []);
  const cell = (tag: 'th' | 'td', i: number, inner: string, scope?: string) =>
    el(tag, { ...(right.has(i) ? { class: 'num' } : {}), ...(scope !== undefined ? { scope } : {}) }, inner);
  const head = el('thead', {}, el('tr', {}, t.head.map((h, i) => cell('th', i, h, 'col')).join('')));
  const body = el(
    'tbody',
    {},
    t.rows
      .map((r, ri) => {
        const cls = t.rowClass?.(ri);
        return el('tr', cls !== undefined ? { class: cls } : {}, r.map((c, i) => (i === 0 && t.rowHeads ? cell('th', i, c, 'row') : cell('td', i, c))).join(''));
      })
      .join(''),
  );
  return el('table', t.cls !== undefined ? { class: t.cls } : {}, (t.caption !== undefined ? el('caption', {}, inline(t.caption)) : '') + head + body);
}

// The HTML hand-out read as a browser reads it (parse5, the WHATWG parsing algorithm): every
// parse error collected, and the elements walked, for the structural tests.

import { parse, type DefaultTreeAdapterMap, type ParserError } from 'parse5';

export type Node = DefaultTreeAdapterMap['childNode'] | DefaultTreeAdapterMap['document'];
export type Element = DefaultTreeAdapterMap['element'];

export interface Parsed {
  readonly doc: DefaultTreeAdapterMap['document'];
  readonly errors: readonly ParserError[];
}

export function parseHtml(html: string): Parsed {
  const errors: ParserError[] = [];
  const doc = parse(html, { sourceCodeLocationInfo: true, onParseError: (e) => errors.push(e) });
  return { doc, errors };
}

function isElement(n: Node): n is Element {
  return 'tagName' in n;
}

/** Every element under `root` (itself included), in document order. */
export function elements(root: Node): Element[] {
  const out: Element[] = [];
  const walk = (n: Node) => {
    if (isElement(n)) out.push(n);
    if ('childNodes' in n) for (const c of n.childNodes) walk(c);
    if (isElement(n) && n.tagName === 'template' && 'content' in n) for (const c of n.content.childNodes) walk(c);
  };
  walk(root);
  return out;
}

export function byTag(root: Node, tag: string): Element[] {
  return elements(root).filter((e) => e.tagName === tag);
}

export function attr(e: Element, name: string): string | undefined {
  return e.attrs.find((a) => a.name === name)?.value;
}

export function hasClass(e: Element, cls: string): boolean {
  return (attr(e, 'class') ?? '').split(/\s+/).includes(cls);
}

/** The text content, as the DOM's textContent gives it. */
export function textOf(n: Node): string {
  if (n.nodeName === '#text' && 'value' in n) return n.value;
  if ('childNodes' in n) return n.childNodes.map(textOf).join('');
  return '';
}

/** A readable line for a parse error, with its place in the text. */
export function errorLine(e: ParserError, html: string): string {
  return `${e.code} at ${e.startLine}:${e.startCol}: ${JSON.stringify(html.slice(Math.max(0, e.startOffset - 40), e.startOffset + 40))}`;
}

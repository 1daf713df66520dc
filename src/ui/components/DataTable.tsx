import { useContext, useMemo } from 'react';
import type { Glyphs } from '../../viewmodel/glyphs.js';
import type { TableView } from '../../viewmodel/screen.js';
import { seg, textWidth, type Line, type Segment, type Token } from '../../viewmodel/styled.js';
import type { Theme } from '../theme/theme.js';
import { GlyphsContext, StyledLines } from './StyledLines.js';

export type DataTableProps = {
  readonly table: TableView;
  readonly theme: Theme;
};

/** A cell's text placed in its column: one space of padding on the side it is aligned to. */
function place(text: string, width: number, align: 'left' | 'right'): string {
  const spaces = Math.max(0, width - textWidth(text));
  const left = align === 'left' ? 1 : Math.max(0, spaces - 1);
  return ' '.repeat(left) + text + ' '.repeat(spaces - left);
}

/** A row of cells between muted rules: `│ a │ b │`, or a border such as `┌───┬───┐`. */
function ruled(cells: readonly Segment[], left: string, cross: string, right: string): Line {
  const out: Segment[] = [seg(left, 'text.muted')];
  cells.forEach((c, i) => {
    out.push(c, seg(i === cells.length - 1 ? right : cross, 'text.muted'));
  });
  // Neighbours with the same token are one segment (fewer escape sequences to write).
  const merged: Segment[] = [];
  for (const s of out) {
    const last = merged[merged.length - 1];
    if (last && last.token === s.token) merged[merged.length - 1] = seg(last.text + s.text, s.token);
    else if (s.text) merged.push(s);
  }
  return merged;
}

/**
 * The table's lines: a top border, the headings, the rows and a bottom border (rows + 3 lines),
 * each column as wide as its widest cell or heading plus a space each side, the rules muted.
 * The row under the cursor (marked ▸ in its first column by the screen) is in the focus style
 * except its RAG cell, which keeps its RAG style; the look of the table component it replaces.
 */
export function tableLines(table: TableView, glyphs: Glyphs): Line[] {
  const { h, v, corners } = glyphs.box;
  const cols = table.columns.map((c) => {
    let w = textWidth(c.label);
    for (const r of table.rows) w = Math.max(w, textWidth(r[c.key] ?? ''));
    return { key: c.key, label: c.label, align: c.align ?? 'left', width: w + 2 };
  });
  if (cols.length === 0) return [];
  const border = (left: string, cross: string, right: string) =>
    ruled(
      cols.map((c) => seg(h.repeat(c.width), 'text.muted')),
      left,
      cross,
      right,
    );
  const lines: Line[] = [border(corners[0], corners[1], corners[2])];
  lines.push(ruled(cols.map((c) => seg(place(c.label, c.width, c.align), 'text.heading')), v, v, v));
  table.rows.forEach((r, i) => {
    const cursor = i === table.cursorRow;
    const cells = cols.map((c) => {
      const token: Token | undefined = c.key === 'rag' ? (table.rowTokens[i] ?? 'text') : cursor ? 'focus' : undefined;
      return seg(place(r[c.key] ?? '', c.width, c.align), token);
    });
    lines.push(ruled(cells, v, v, v));
  });
  lines.push(border(corners[3], corners[4], corners[5]));
  return lines;
}

/** Draws a TableView as styled lines, one Ink text per row (cell text arrives cut to its column). */
export function DataTable({ table, theme }: DataTableProps) {
  const glyphs = useContext(GlyphsContext);
  const lines = useMemo(() => tableLines(table, glyphs), [table, glyphs]);
  return <StyledLines lines={lines} theme={theme} />;
}

import { Table, type CellProps } from '@alcalzone/ink-table';
import { Box, Text } from 'ink';
import type { ReactNode } from 'react';
import type { TableView } from '../../viewmodel/screen.js';
import type { Theme } from '../theme/theme.js';

/** The table component, compact: no rule between rows (the report tables are dense). */
class CompactTable extends Table<Record<string, string>> {
  constructor(props: ConstructorParameters<typeof Table<Record<string, string>>>[0]) {
    super(props);
    this.separator = () => <Box key="none" />;
  }
}

export type DataTableProps = {
  readonly table: TableView;
  readonly theme: Theme;
};

/**
 * Draws a TableView with the table component. Cell text arrives cut to its column; the row under
 * the cursor is marked with ▸ in its first column (not by colour alone) and shown inverse.
 */
export function DataTable({ table, theme }: DataTableProps) {
  let row = -1;
  let col = 0;
  const ncols = table.columns.length;
  // ink-table renders cells row by row, left to right; count them to know which row a cell is in.
  function Cell({ children, column }: CellProps): ReactNode {
    if (column === 0) row += 1;
    col = column;
    const isCursor = row === table.cursorRow;
    const key = table.columns[col]?.key;
    const style = key === 'rag' ? theme.styles[table.rowTokens[row] ?? 'text'] : isCursor ? theme.styles.focus : {};
    return <Text {...style}>{children}</Text>;
  }
  function Header({ children }: { children?: ReactNode }) {
    return <Text {...theme.styles['text.heading']}>{children}</Text>;
  }
  function Skeleton({ children }: { children?: ReactNode }) {
    return <Text {...theme.styles['text.muted']}>{children}</Text>;
  }
  void ncols;
  // The table component heads each column with its key: key the rows by their labels.
  const data = table.rows.map((r) => Object.fromEntries(table.columns.map((c) => [c.label, r[c.key] ?? ''])));
  return (
    <Box flexDirection="column">
      <CompactTable
        data={data}
        columns={table.columns.map((c) => ({ key: c.label, align: c.align ?? 'left' }))}
        padding={0}
        cell={Cell}
        header={Header}
        skeleton={Skeleton}
      />
    </Box>
  );
}

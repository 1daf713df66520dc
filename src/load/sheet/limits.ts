// The limits that bound the work `ragtop import` does on any spreadsheet, whatever it holds.

/**
 * The most rows and columns of a sheet's used range that are read. A quarter's figures are a
 * few hundred cells (one row a metric, a dozen columns); 10,000 × 256 leaves room for any real
 * return while refusing a sheet that was filled down to the bottom or across to the last column.
 */
export const MAX_ROWS = 10_000;
export const MAX_COLUMNS = 256;

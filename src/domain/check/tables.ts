// A published table's rows against its stated total row (NARRATIVE_ARITHMETIC): each column that
// adds (`adds:`, default all) is summed over the rows, and a total it misses beyond the precision
// written (half a unit in the last place of the total and of each row) is a finding at that cell.

import { formatNumber } from '../format.js';
import { showText } from '../text.js';
import type { Finding, Table } from '../types.js';
import { f } from './finding.js';

export function tableChecks(tables: readonly Table[], out: Finding[]): void {
  for (const t of tables) {
    const total = t.total;
    if (!total) continue;
    for (const c of t.adds) {
      const stated = total.cells[c];
      if (!stated) continue;
      let sum = 0;
      let slack = 0.5 * 10 ** -stated.decimals;
      let decimals = stated.decimals;
      let n = 0;
      for (const row of t.rows) {
        const cell = row.cells[c];
        if (!cell) continue;
        sum += cell.value;
        // A rounded row can be out by half a unit of its own last place.
        if (cell.decimals > 0) slack += 0.5 * 10 ** -cell.decimals;
        decimals = Math.max(decimals, cell.decimals);
        n += 1;
      }
      if (n < 2 || !Number.isFinite(sum) || Math.abs(sum - stated.value) < slack - 1e-9) continue;
      const column = showText(t.columns[c] ?? '');
      out.push(
        f({ code: 'NARRATIVE_ARITHMETIC', loc: stated.loc, message: `table '${showText(t.title)}': the ${n} rows of '${column}' add to ${formatNumber(sum, decimals)}, but its '${showText(total.label)}' row gives ${formatNumber(stated.value, stated.decimals)}` }),
      );
    }
  }
}

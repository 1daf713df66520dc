// Run inside the printed page (puppeteer sends its source; it is JavaScript because the project's
// TypeScript has no DOM types, and in-page.d.ts types it for the test): measures the charts and tables in the print layout and puts the markers
// pdf-marks.ts reads. A marker is a 1 px link, absolutely positioned at its static place, so it
// takes no room and the layout stays the hand-out's own.
/* global document, getComputedStyle */
export default function inPage(prefix) {
  const mark = (parent, id, first) => {
    const a = document.createElement('a');
    a.href = `${prefix}${id}`;
    a.textContent = '.';
    a.style.cssText = 'position:absolute;width:1px;height:1px;overflow:hidden;';
    if (first) parent.prepend(a);
    else parent.append(a);
  };
  const charts = [...document.querySelectorAll('svg.chart')].map((s) => {
    const r = s.getBoundingClientRect();
    return [r.width, r.height];
  });
  const headings = [...document.querySelectorAll('section.item > h2')];
  headings.forEach((h, i) => mark(h, `h${i}`, true));
  const tables = [...document.querySelectorAll('table')];
  const heights = tables.map((t) => t.getBoundingClientRect().height);
  const rowCounts = tables.map((t) => t.rows.length);
  const headerGroups = tables.map((t) => (t.tHead ? getComputedStyle(t.tHead).display : 'none'));
  tables.forEach((t, i) => {
    const rows = [...t.rows];
    const firstCell = rows[0]?.cells[0];
    const last = rows[rows.length - 1];
    const lastCell = last?.cells[last.cells.length - 1];
    if (firstCell) mark(firstCell, `t${i}-top`, true);
    if (lastCell) mark(lastCell, `t${i}-bottom`, false);
    // Each row's top and bottom, for a table too long for one page.
    rows.forEach((r, j) => {
      const a = r.cells[0];
      const b = r.cells[r.cells.length - 1];
      if (a) mark(a, `t${i}-r${j}-top`, true);
      if (b) mark(b, `t${i}-r${j}-bottom`, false);
    });
  });
  const figures = [...document.querySelectorAll('figure.chart')];
  figures.forEach((f, i) => {
    mark(f, `c${i}-top`, true);
    mark(f, `c${i}-bottom`, false);
  });
  return { charts, headings: headings.length, heights, rowCounts, headerGroups, figures: figures.length };
}

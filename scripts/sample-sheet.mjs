// Writes sample-data/lcc-2024-25-Q2.xlsx: the 2024/25 Quarter 2 figures as a performance team's
// spreadsheet would hold them, for the README's "From your spreadsheet" walk-through.
//
// The figures are not typed again: they are read from the bundled period file
// (sample-data/lcc-2024-25/2024-25-Q2.yaml, itself transcribed from the council's "Corporate
// Performance Report: Key Performance Indicator commentary, 2024/25 Quarter 2"), each with the
// decimals it was written to, so the sheet holds exactly what was transcribed; a test imports the
// sheet and compares it with that file. The sheet is shaped as a service's return is: a title line
// above the table, metrics by name (no ragtop ids), percentages stored as fractions in cells
// formatted as percentages (as Excel does when one types 99.1%).
//
// Run: npm run build && node scripts/sample-sheet.mjs

import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const OUT = path.join(ROOT, 'sample-data', 'lcc-2024-25-Q2.xlsx');
const { load } = await import(path.join(ROOT, 'dist', 'app', 'internals.js'));

const loaded = load.loadDataset(path.join(ROOT, 'catalogue', 'lcc-2024-25.yaml'));
if (!loaded.dataset) throw new Error('the bundled 2024/25 catalogue did not load');
const { catalogue } = loaded.dataset;
const period = loaded.dataset.periods.find((p) => p.period.fy === 2024 && p.period.q === 2);
if (!period) throw new Error('no 2024/25 Q2 period file');

/** A number format showing `decimals` places (`0.00`), as a percentage when `percent`. */
const numberFormat = (decimals, percent = false) => `${decimals > 0 ? `0.${'0'.repeat(decimals)}` : '0'}${percent ? '%' : ''}`;

/** The fraction a percentage cell stores for `value` written to `decimals`, shifted on its digits (99.1 → 0.991). */
function fraction(value, decimals) {
  const [whole, part = ''] = value.toFixed(decimals).split('.');
  const digits = `${whole.padStart(3, '0')}${part}`;
  return Number(`${digits.slice(0, -2 - part.length) || '0'}.${digits.slice(-2 - part.length)}`);
}

const workbook = new ExcelJS.Workbook();
workbook.creator = 'ragtop sample data';
// A fixed date: the file is the same each time it is made.
workbook.created = workbook.modified = new Date(Date.UTC(2024, 10, 13));
const sheet = workbook.addWorksheet('KPIs Q2 2024-25');
sheet.addRow(['Corporate Performance Report: Key Performance Indicators, 2024/25 Quarter 2']).font = { bold: true, size: 13 };
sheet.addRow(['Figures as published in the KPI commentary report for Quarter 2 2024/25.']);
sheet.addRow([]);
// One column per comparator the quarter reports (`Benchmark north west` is read as north_west).
const BENCHMARKS = [...new Set([...period.observations.values()].flatMap((o) => Object.keys(o.benchmarks)))];
const HEADERS = ['Metric Name', 'Latest Value', 'Numerator', 'Denominator', 'As of Date', 'RAG Status', 'Target override', 'Target label', 'Flags', 'Note', ...BENCHMARKS.map((b) => `Benchmark ${b.replace(/_/g, ' ')}`)];
const header = sheet.addRow(HEADERS);
header.font = { bold: true };
sheet.views = [{ state: 'frozen', ySplit: header.number }];

/** A RAG as the reports write it: Green, Amber, Red. */
const word = (rag) => rag[0].toUpperCase() + rag.slice(1);

const kpiRow = (kpi, report) => sheet.addRow([kpi.title, null, null, null, null, report.rag ? word(report.rag) : null, null, null, null, report.note ?? null]);

function metricRow(metric, o) {
  const row = sheet.addRow([metric.title]);
  const percent = metric.unit === 'percent';
  if (o.value !== null) {
    const cell = row.getCell(2);
    cell.value = percent ? fraction(o.value, o.decimals) : Number(o.value.toFixed(o.decimals));
    cell.numFmt = numberFormat(o.decimals, percent);
  }
  const written = (col, w) => {
    if (!w) return;
    row.getCell(col).value = w.value;
    row.getCell(col).numFmt = numberFormat(w.decimals);
  };
  written(3, o.numerator);
  written(4, o.denominator);
  if (o.asOf) row.getCell(5).value = o.asOf.text;
  if (o.rag) row.getCell(6).value = word(o.rag);
  if (o.target) {
    if (o.target.kind !== 'value') throw new Error(`${metric.id}: only a number is written as a target override here`);
    row.getCell(7).value = o.target.value;
  }
  if (o.targetLabel) row.getCell(8).value = o.targetLabel;
  if (o.flags.length > 0) row.getCell(9).value = o.flags.join(', ');
  if (o.note) row.getCell(10).value = o.note;
  for (const [name, value] of Object.entries(o.benchmarks)) row.getCell(11 + BENCHMARKS.indexOf(name)).value = value;
}

for (const priority of catalogue.priorities) {
  for (const kpi of priority.kpis) {
    const report = period.kpiReports.get(kpi.id);
    if (report) kpiRow(kpi, report);
    for (const metric of kpi.metrics) {
      const o = period.observations.get(metric.id);
      if (o) metricRow(metric, o);
    }
  }
}
sheet.getColumn(1).width = 70;
for (const col of [2, 3, 4]) sheet.getColumn(col).width = 13;
sheet.getColumn(5).width = 22;
sheet.getColumn(6).width = 11;
sheet.getColumn(8).width = 28;
sheet.getColumn(10).width = 60;

await workbook.xlsx.writeFile(OUT);
console.log(`wrote ${path.relative(ROOT, OUT)}: ${period.observations.size + period.kpiReports.size} rows`);

// The hand-out's stylesheet (inline: the file fetches nothing). For the screen a readable column;
// for print A4, each agenda item on a new page, no table, chart or table row split across pages
// (a table too long for one page breaks between rows and repeats its heading row), and everything
// readable in black and white: a RAG is a symbol and a word, its colour only a tint behind them;
// the chart's target is dashed, its values solid; cells above the risk appetite have a heavy border.
// ASCII only, so that the --ascii hand-out is ASCII throughout.

export const HANDOUT_CSS = `
@page { size: A4; margin: 16mm 14mm 16mm 14mm; }
:root { color: #000; background: #fff; }
body { font-family: "DejaVu Sans", "Liberation Sans", Arial, Helvetica, sans-serif; font-size: 10pt; line-height: 1.4; margin: 0 auto; max-width: 182mm; padding: 0 4mm; }
header.title { border-bottom: 2px solid #000; margin-bottom: 6mm; }
header.title dl { display: grid; grid-template-columns: max-content auto; gap: 0 1em; }
header.title dt { font-weight: bold; }
header.title dd { margin: 0; }
h1 { font-size: 18pt; margin: 4mm 0 2mm; }
h2 { font-size: 14pt; margin: 0 0 3mm; border-bottom: 1px solid #000; }
h3 { font-size: 11.5pt; margin: 4mm 0 2mm; }
h4 { font-size: 10pt; margin: 3mm 0 1mm; }
h2, h3, h4 { break-after: avoid; page-break-after: avoid; }
section.item { break-before: page; page-break-before: always; }
section.item:first-of-type { break-before: auto; page-break-before: auto; }
table { border-collapse: collapse; width: 100%; margin: 2mm 0 4mm; break-inside: avoid; page-break-inside: avoid; }
thead { display: table-header-group; }
tr, td, th { break-inside: avoid; page-break-inside: avoid; }
th, td { border: 1px solid #555; padding: 1mm 1.5mm; text-align: left; vertical-align: top; }
thead th { background: #e6e6e6; }
caption { text-align: left; font-style: italic; padding-bottom: 1mm; }
.num { text-align: right; font-variant-numeric: tabular-nums; }
tr.total th, tr.total td { font-weight: bold; border-top: 2px solid #000; }
table.fields { width: auto; }
.rag { padding: 0 0.3em; border-radius: 2px; white-space: nowrap; font-weight: bold; }
.rag-green { background: #d8efd8; }
.rag-amber { background: #fbe3b5; }
.rag-red { background: #f6cfcf; }
.rag-unrated { background: #eee; }
table.heatgrid { table-layout: fixed; }
table.heatgrid td { height: 14mm; }
table.heatgrid .score { display: block; font-size: 8.5pt; }
table.heatgrid .ids { display: block; font-weight: bold; }
table.heatgrid td.above { border: 3px solid #000; }
.band-low { background: #e3f1e3; }
.band-medium { background: #fbf0c8; }
.band-high { background: #fbdcc4; }
.band-critical { background: #f4c4c4; }
figure.chart { margin: 3mm 0; break-inside: avoid; page-break-inside: avoid; }
figure.chart figcaption { font-style: italic; font-size: 9pt; }
svg.chart { width: 100%; height: auto; max-width: 170mm; display: block; }
svg.chart .axis { stroke: #000; stroke-width: 1; }
svg.chart .grid { stroke: #ccc; stroke-width: 0.5; }
svg.chart .tick { font-size: 10px; fill: #000; }
svg.chart .tick.current { font-weight: bold; }
svg.chart .value { font-size: 9px; fill: #000; }
svg.chart path.series, svg.chart line.series { fill: none; stroke: #000; stroke-width: 2; }
svg.chart path.target, svg.chart line.target { fill: none; stroke: #555; stroke-width: 1.5; stroke-dasharray: 6 4; }
svg.chart circle { fill: #000; }
.facts { list-style: none; padding: 0; }
.muted { color: #444; }
aside.notes { border-left: 3px solid #000; padding-left: 3mm; margin-top: 4mm; break-inside: avoid; }
@media print {
  body { max-width: none; padding: 0; font-size: 9pt; line-height: 1.3; }
  th, td { padding: 0.5mm 1.2mm; }
  table.heatgrid td { height: 11mm; }
  .rag, td, th { print-color-adjust: exact; -webkit-print-color-adjust: exact; }
}
`;

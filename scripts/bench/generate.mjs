#!/usr/bin/env node
// Writes a synthetic catalogue and its period files in ragtop's data format, for the benchmarks.
//
//   node scripts/bench/generate.mjs SIZE OUTDIR      SIZE: S | M | L
//
// OUTDIR/catalogue.yaml (data: data) and OUTDIR/data/<yyyy-yy>-Q<n>.yaml, quarters counting back
// from 2024/25 Q4. Deterministic: the same SIZE always gives the same bytes (a seeded generator).
// Valid per the data contract: `ragtop check OUTDIR/catalogue.yaml` exits 0 or 1, never 2 (L needs
// --max-file-size 64M: its catalogue is over the default 4 MiB limit).
//
//   S: 40 KPIs × 12 quarters    M: 1 000 KPIs × 20 quarters    L: 10 000 KPIs × 40 quarters
// Every size has composite KPIs (2–3 metrics), varied units, targets and directions, an
// observation for every metric in every period, commentary for one KPI in twenty, a register and a small
// finance table in each period (register entries: S 12, M 60, L 200).

import { Buffer } from 'node:buffer';
import { performance } from 'node:perf_hooks';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const SIZES = {
  S: { kpis: 40, quarters: 12, priorities: 4, register: 12, seed: 11 },
  M: { kpis: 1000, quarters: 20, priorities: 8, register: 60, seed: 22 },
  L: { kpis: 10000, quarters: 40, priorities: 20, register: 200, seed: 33 },
};

/** mulberry32: a small, fast, seeded generator (uniform in [0, 1)). */
function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WORDS = (
  'repairs housing waste recycling library visits pupils attainment care homes adults children ' +
  'placements safeguarding transport bus journeys roads defects lighting planning applications ' +
  'complaints responses invoices payments sickness absence apprenticeships employment business ' +
  'grants health checks smoking quitters emergency admissions delayed transfers carers reviews ' +
  'parks fly-tipping energy emissions broadband vacancies agency staff budget savings'
).split(' ');
const DIRECTORATES = ['Growth, Environment & Transport', "Education and Children's Services", 'Adult Services', 'Public Health', 'Resources', 'Corporate Services'];
const IMPACT = ['insignificant', 'minor', 'moderate', 'major', 'catastrophic'];
const LIKELIHOOD = ['rare', 'unlikely', 'possible', 'likely', 'certain'];
const SENTENCES = [
  'Performance is close to the target and the trend is stable.',
  'Seasonal demand increased the volume of work this quarter.',
  'Staff vacancies in the team have slowed processing.',
  'A new system went live and the figures include a short period of double running.',
  'The service is reviewing its processes with partners.',
  'Recruitment to the remaining posts is under way.',
  'Figures are provisional until the annual return is validated.',
  'The improvement plan agreed last year is now showing results.',
];

/** Quarters counting back from 2024/25 Q4, oldest first: { label, file, start }. */
export function quarters(n) {
  const out = [];
  let year = 2024; // financial year 2024/25
  let q = 4;
  for (let i = 0; i < n; i++) {
    const yy = String((year + 1) % 100).padStart(2, '0');
    out.push({ label: `${year}/${yy} Q${q}`, file: `${year}-${yy}-Q${q}.yaml`, year, q });
    q -= 1;
    if (q === 0) {
      q = 4;
      year -= 1;
    }
  }
  return out.reverse();
}

/** A YAML double-quoted string (all generated text is printable ASCII). */
const str = (s) => JSON.stringify(s);

function pick(r, list) {
  return list[Math.floor(r() * list.length)];
}

function title(r, n) {
  const words = [];
  for (let i = 0; i < n; i++) words.push(pick(r, WORDS));
  const t = words.join(' ');
  return t[0].toUpperCase() + t.slice(1);
}

/** A metric definition: unit, direction, target, and how its values move. */
function metricDef(r, id, name) {
  const roll = r();
  const m = { id, title: name };
  if (roll < 0.4) {
    m.unit = 'percent';
    m.good = r() < 0.8 ? 'high' : 'low';
    m.target = m.good === 'high' ? 60 + Math.round(r() * 35) : 5 + Math.round(r() * 20);
    m.decimals = 1;
    m.base = m.target;
    m.ratio = r() < 0.15;
  } else if (roll < 0.55) {
    m.unit = 'count';
    m.good = r() < 0.7 ? 'high' : 'low';
    m.target = 50 + Math.round(r() * 5000);
    m.base = m.target;
    m.decimals = 0;
  } else if (roll < 0.65) {
    m.unit = 'days';
    m.good = 'low';
    m.target = 2 + Math.round(r() * 25);
    m.base = m.target;
    m.decimals = 1;
  } else if (roll < 0.73) {
    m.unit = 'rate';
    m.good = r() < 0.5 ? 'low' : 'high';
    m.per = r() < 0.5 ? 10000 : 100000;
    m.target = 20 + Math.round(r() * 600);
    m.base = m.target;
    m.decimals = 1;
  } else if (roll < 0.8) {
    m.unit = 'currency';
    m.scale = 'm';
    m.good = 'low';
    m.target = 1 + Math.round(r() * 200);
    m.base = m.target;
    m.decimals = 2;
  } else if (roll < 0.87) {
    m.unit = 'score';
    m.good = 'target';
    const lo = 40 + Math.round(r() * 40);
    m.target = { min: lo, max: lo + 5 };
    m.base = lo + 2.5;
    m.decimals = 1;
  } else if (roll < 0.92) {
    m.unit = 'index';
    m.good = 'high';
    m.target = { change: 'increase' };
    m.base = 100;
    m.decimals = 1;
  } else if (roll < 0.96) {
    m.unit = 'ratio';
    m.good = 'high';
    m.target = 1 + Math.round(r() * 30) / 10;
    m.base = m.target;
    m.decimals = 2;
  } else {
    m.unit = 'count';
    m.good = 'high';
    m.target = null; // a context indicator: unrated
    m.base = 100 + Math.round(r() * 900);
    m.decimals = 0;
  }
  if (r() < 0.1 && typeof m.target === 'number') m.amber = r() < 0.5 ? '10%' : Math.max(1, Math.round(m.base / 20));
  if (r() < 0.08 && typeof m.target === 'number') m.benchmarks = ['national', 'north_west'];
  return m;
}

function targetYaml(t) {
  if (t === null) return 'null';
  if (typeof t === 'number') return String(t);
  if ('min' in t) return `{ min: ${t.min}, max: ${t.max} }`;
  return `{ change: ${t.change} }`;
}

function metricLines(m, indent) {
  const p = ' '.repeat(indent);
  const out = [`${p}unit: ${m.unit}`, `${p}good: ${m.good}`, `${p}target: ${targetYaml(m.target)}`];
  if (m.decimals !== undefined) out.push(`${p}decimals: ${m.decimals}`);
  if (m.per !== undefined) out.push(`${p}per: ${m.per}`);
  if (m.scale !== undefined) out.push(`${p}scale: ${m.scale}`);
  if (m.amber !== undefined) out.push(`${p}amber: ${typeof m.amber === 'string' ? str(m.amber) : m.amber}`);
  if (m.benchmarks) out.push(`${p}benchmarks: [${m.benchmarks.join(', ')}]`);
  return out;
}

/** The catalogue model: priorities → KPIs → metrics. */
function buildCatalogue(spec, r) {
  const priorities = [];
  for (let p = 0; p < spec.priorities; p++) priorities.push({ id: `priority-${p + 1}`, title: `Priority ${p + 1}: ${title(r, 3)}`, kpis: [] });
  const metrics = [];
  for (let k = 0; k < spec.kpis; k++) {
    const id = `k${String(k + 1).padStart(5, '0')}-${pick(r, WORDS)}`;
    const kpi = { id, title: `${title(r, 4)} (${k + 1})`, directorate: pick(r, DIRECTORATES), metrics: [] };
    if (r() < 0.15) {
      const n = r() < 0.5 ? 2 : 3;
      kpi.rollup = pick(r, ['worst', 'worst', 'best', 'majority']);
      for (let i = 0; i < n; i++) kpi.metrics.push(metricDef(r, `${id}-m${i + 1}`, `${title(r, 3)} ${i + 1}`));
      kpi.composite = true;
    } else kpi.metrics.push(metricDef(r, id, kpi.title));
    for (const m of kpi.metrics) {
      m.kpi = kpi;
      metrics.push(m);
    }
    priorities[Math.floor((k * spec.priorities) / spec.kpis)].kpis.push(kpi);
  }
  return { priorities, metrics };
}

function catalogueYaml(size, cat) {
  const out = [
    `# Synthetic catalogue for ragtop's benchmarks (size ${size}), written by scripts/bench/generate.mjs.`,
    'catalogue:',
    `  id: bench-${size.toLowerCase()}`,
    `  title: ${str(`Benchmark catalogue ${size}`)}`,
    '  organisation: Synthetic County Council',
    '  data: data',
    'rag:',
    '  amber: 5%',
    'risk_appetite: 12',
    'priorities:',
  ];
  for (const p of cat.priorities) {
    out.push(`  - id: ${p.id}`, `    title: ${str(p.title)}`, '    kpis:');
    for (const k of p.kpis) {
      out.push(`      - id: ${k.id}`, `        title: ${str(k.title)}`, `        directorate: ${str(k.directorate)}`, '        frequency: quarterly');
      if (k.composite) {
        out.push(`        rollup: ${k.rollup}`, '        metrics:');
        for (const m of k.metrics) out.push(`          - id: ${m.id}`, `            title: ${str(m.title)}`, ...metricLines(m, 12));
      } else out.push(...metricLines(k.metrics[0], 8));
    }
  }
  return out.join('\n') + '\n';
}

const round = (x, d) => Number(x.toFixed(d));

/** The value of metric m in period i: a bounded random walk around its base. */
function nextValue(r, m, prev) {
  const drift = (r() - 0.5) * 0.16;
  let v = prev === undefined ? m.base * (0.85 + r() * 0.3) : prev * (1 + drift);
  if (m.unit === 'percent') v = Math.min(99.9, Math.max(0.5, v));
  if (v <= 0) v = m.base * 0.5 || 1;
  // Keep the walk within a band around the base, so no step is a "suspicious jump".
  v = Math.min(m.base * 1.8 + 1, Math.max(m.base * 0.4, v));
  return round(v, m.decimals ?? 1);
}

function observationYaml(r, m, v) {
  const parts = [`value: ${v}`];
  if (m.ratio && r() < 0.5) {
    const den = 1000 + Math.floor(r() * 20000);
    const num = Math.round((v / 100) * den);
    parts[0] = `value: ${round((num / den) * 100, 1)}`;
    parts.push(`numerator: ${num}`, `denominator: ${den}`);
  }
  if (m.benchmarks) parts.push(`benchmarks: { national: ${round(v * (0.9 + r() * 0.2), m.decimals ?? 1)}, north_west: ${round(v * (0.9 + r() * 0.2), m.decimals ?? 1)} }`);
  const roll = r();
  if (roll < 0.02) parts.push('flags: [provisional]');
  else if (roll < 0.03) parts.push(`note: ${str(pick(r, SENTENCES))}`);
  else if (roll < 0.06) parts.push(`rag: ${pick(r, ['green', 'amber', 'red'])}`);
  return `  ${m.id}: { ${parts.join(', ')} }`;
}

function commentaryYaml(r, kpi) {
  if (r() < 0.4) return [`  ${kpi.id}: ${str(pick(r, SENTENCES))}`];
  const out = [`  ${kpi.id}:`, `    summary: ${str(pick(r, SENTENCES))}`];
  out.push(`    issues: [ ${str(pick(r, SENTENCES))} ]`);
  if (r() < 0.6) out.push(`    causes: [ ${str(pick(r, SENTENCES))}, ${str(pick(r, SENTENCES))} ]`);
  out.push(`    actions: [ ${str(pick(r, SENTENCES))} ]`);
  return out;
}

/** Register entries whose residual scores drift a little from period to period. */
function buildRegister(n, r) {
  const entries = [];
  for (let i = 0; i < n; i++) {
    const opportunity = i % 10 === 9;
    const inherent = { impact: 3 + Math.floor(r() * 3), likelihood: 3 + Math.floor(r() * 3) };
    entries.push({
      id: opportunity ? `CO${i + 1}` : `CR${i + 1}`,
      opportunity,
      title: title(r, 5),
      type: pick(r, ['Organisational', 'Financial', 'Operational', 'Reputational', 'Legal']),
      owner: pick(r, DIRECTORATES),
      inherent,
      residual: { impact: Math.max(1, inherent.impact - Math.floor(r() * 2)), likelihood: Math.max(1, inherent.likelihood - Math.floor(r() * 3)) },
      consequences: [pick(r, SENTENCES), pick(r, SENTENCES)],
      controls: [pick(r, SENTENCES), pick(r, SENTENCES)],
      actions: [pick(r, SENTENCES)],
    });
  }
  return entries;
}

function registerYaml(r, entries, q) {
  const out = ['register:'];
  for (const e of entries) {
    // A small drift that never takes the residual above the inherent assessment.
    if (r() < 0.1) e.residual.likelihood = Math.max(1, Math.min(e.inherent.likelihood, e.residual.likelihood + (r() < 0.5 ? -1 : 1)));
    const impactWord = (n) => (e.opportunity && n === 5 ? 'outstanding' : IMPACT[n - 1]);
    out.push(
      `  - id: ${e.id}`,
      `    kind: ${e.opportunity ? 'opportunity' : 'risk'}`,
      `    title: ${str(e.title)}`,
      `    type: ${e.type}`,
      `    owner: ${str(e.owner)}`,
      `    consequences: [ ${e.consequences.map(str).join(', ')} ]`,
      `    controls: [ ${e.controls.map(str).join(', ')} ]`,
      `    actions: [ ${e.actions.map(str).join(', ')} ]`,
      `    inherent: { impact: ${impactWord(e.inherent.impact)}, likelihood: ${LIKELIHOOD[e.inherent.likelihood - 1]} }`,
      `    residual: { impact: ${impactWord(e.residual.impact)}, likelihood: ${LIKELIHOOD[e.residual.likelihood - 1]} }`,
      `    target: { impact: minor, likelihood: unlikely, by: ${q.year + 1}-03-31 }`,
      `    direction: ${str(pick(r, ['Stable', 'Improving', 'Monitored by the board', 'Reviewed monthly']))}`,
    );
  }
  return out;
}

function financeYaml(r) {
  const lines = [];
  let budget = 0;
  let forecast = 0;
  for (const area of DIRECTORATES) {
    const b = Math.round(50000 + r() * 300000);
    const f = Math.round(b * (0.95 + r() * 0.1));
    budget += b;
    forecast += f;
    lines.push(`    - { area: ${str(area)}, budget: ${(b / 1000).toFixed(3)}, forecast: ${(f / 1000).toFixed(3)} }`);
  }
  return ['finance:', '  unit: £m', '  lines:', ...lines, `  total: { budget: ${(budget / 1000).toFixed(3)}, forecast: ${(forecast / 1000).toFixed(3)} }`];
}

/** Generates SIZE into OUTDIR; returns { catalogue, dataDir, files, bytes }. SIZE is S, M or L, or
 * a spec of one's own: { name, kpis, quarters, priorities, register, seed }. */
export function generate(size, outDir) {
  const spec = typeof size === 'object' ? size : SIZES[size];
  if (!spec) throw new Error(`size must be one of ${Object.keys(SIZES).join(', ')}, not '${size}'`);
  if (typeof size === 'object') size = spec.name;
  const r = rng(spec.seed);
  const cat = buildCatalogue(spec, r);
  const dataDir = path.join(outDir, 'data');
  mkdirSync(dataDir, { recursive: true });
  const files = [];
  let bytes = 0;
  const write = (file, text) => {
    writeFileSync(file, text);
    files.push(file);
    bytes += Buffer.byteLength(text);
  };
  const catalogueFile = path.join(outDir, 'catalogue.yaml');
  write(catalogueFile, catalogueYaml(size, cat));
  const register = buildRegister(spec.register, r);
  const last = new Map();
  const qs = quarters(spec.quarters);
  for (const q of qs) {
    const month = [7, 10, 1, 4][q.q - 1];
    const pubYear = q.q >= 3 ? q.year + 1 : q.year;
    const out = [`# Synthetic period file (size ${size}), written by scripts/bench/generate.mjs.`, `period: ${q.label}`, `published: ${pubYear}-${String(month).padStart(2, '0')}-15`, 'observations:'];
    for (const m of cat.metrics) {
      const v = nextValue(r, m, last.get(m.id));
      last.set(m.id, v);
      out.push(observationYaml(r, m, v));
    }
    const commentary = [];
    for (const p of cat.priorities) for (const k of p.kpis) if (r() < 0.05) commentary.push(...commentaryYaml(r, k));
    if (commentary.length > 0) out.push('commentary:', ...commentary);
    out.push(...financeYaml(r));
    out.push(...registerYaml(r, register, q));
    write(path.join(dataDir, q.file), out.join('\n') + '\n');
  }
  return { catalogue: catalogueFile, dataDir, files, bytes, kpis: spec.kpis, metrics: cat.metrics.length, periods: qs.length };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const [size, outDir] = process.argv.slice(2);
  if (!size || !outDir || !SIZES[size]) {
    process.stderr.write('usage: node scripts/bench/generate.mjs S|M|L OUTDIR\n');
    process.exit(2);
  }
  const t0 = performance.now();
  const g = generate(size, path.resolve(outDir));
  process.stdout.write(`${size}: ${g.kpis} KPIs (${g.metrics} metrics) × ${g.periods} quarters, ${g.files.length} files, ${(g.bytes / 1048576).toFixed(1)} MiB in ${((performance.now() - t0) / 1000).toFixed(1)} s → ${g.catalogue}\n`);
}

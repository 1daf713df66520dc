// The HTML hand-out (`ragtop export --format html`), read as a browser reads it: no parse error at
// all, one <section> per agenda item, a chart per metric of each KPI item with its series and
// stepped target, nothing that runs or fetches, the figures the figure model gives, hostile data
// inert, speaker notes only when asked for.

import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { UNSAFE_BUT_NEWLINE_CHARS } from '../../src/domain/text.js';
import { loadDataset } from '../../src/load/load.js';
import type { MeetingAgenda } from '../../src/viewmodel/agenda.js';
import { agendaFor } from '../../src/viewmodel/agenda-build.js';
import { handoutHtml, HANDOUT_CSP } from '../../src/viewmodel/export-html.js';
import { metricValue } from '../../src/viewmodel/export/kpi-sections.js';
import { kpiFigure } from '../../src/viewmodel/figure.js';
import { ASCII_GLYPHS, UNICODE_GLYPHS } from '../../src/viewmodel/glyphs.js';
import { chartPoints } from '../../src/viewmodel/kpi-detail.js';
import { buildModel, type Model } from '../../src/viewmodel/model.js';
import { attr, byTag, elements, errorLine, hasClass, parseHtml, textOf, type Element } from '../html-dom.js';
import { writeTree } from '../helpers.js';

const root = path.resolve(import.meta.dirname, '..', '..');
const DEFAULT = 'catalogue/lcc-2019-20.yaml';
const SMALL_DIR = path.join(root, 'tests', 'fixtures', 'export', 'small');
const BUNDLED = readdirSync(path.join(root, 'catalogue'))
  .filter((f) => /^lcc-.*\.yaml$/.test(f))
  .map((f) => `catalogue/${f}`);

function modelOf(catalogue: string, ascii = false): Model {
  const loaded = loadDataset(path.resolve(root, catalogue), { cwd: root });
  if (!loaded.dataset) throw new Error(`did not load: ${loaded.findings.map((f) => f.message).join('; ')}`);
  return buildModel(loaded.dataset, loaded.findings, ascii ? ASCII_GLYPHS : UNICODE_GLYPHS);
}

const latest = (m: Model) => m.ev.periods.length - 1;

/** Parses and fails on any parse error, naming each. */
function strict(html: string) {
  const { doc, errors } = parseHtml(html);
  expect(errors.map((e) => errorLine(e, html))).toEqual([]);
  return doc;
}

/** What the hand-out never writes: control (but newline), bidi and invisible characters. */
const UNSHOWN = new RegExp(UNSAFE_BUT_NEWLINE_CHARS, 'g');

/** Whitespace collapsed, as the hand-out writes text inside a line. */
const squash = (s: string) => s.replace(/\s+/g, ' ').trim();

function sectionsOf(doc: ReturnType<typeof strict>): Element[] {
  return byTag(doc, 'section').filter((s) => hasClass(s, 'item'));
}

/** What every hand-out must be: inert, self-contained, one section per item. */
function checkHandout(model: Model, period: number, agenda: MeetingAgenda, html: string): void {
  const doc = strict(html);
  const all = elements(doc);
  // Nothing runs, nothing is fetched, nothing carries data into a style or a URL.
  for (const tag of ['script', 'link', 'img', 'iframe', 'object', 'embed', 'base', 'form', 'a', 'use', 'image', 'foreignObject', 'noscript', 'template']) {
    expect(byTag(doc, tag), tag).toEqual([]);
  }
  for (const e of all) {
    for (const a of e.attrs) {
      expect(a.name, `${e.tagName} ${a.name}`).not.toMatch(/^on|^style$|^href$|^src$|^xlink:|^srcset$|^action$|^formaction$/i);
      expect(a.value, `${e.tagName} ${a.name}`).not.toMatch(/[a-z]+:\/\//i);
    }
  }
  // The stylesheet loads nothing (the bundled data has no URL either: see below).
  const style = byTag(doc, 'style')[0];
  expect(style && textOf(style)).not.toMatch(/url\(|@import|https?:/i);
  // The policy and the charset, first in <head>.
  const head = byTag(doc, 'head')[0];
  const metas = head ? byTag(head, 'meta') : [];
  expect(metas[0] && attr(metas[0], 'charset')).toBe('utf-8');
  const csp = metas.find((m) => attr(m, 'http-equiv') === 'Content-Security-Policy');
  expect(csp && attr(csp, 'content')).toBe(HANDOUT_CSP);
  expect(HANDOUT_CSP).toContain("default-src 'none'");
  expect(HANDOUT_CSP).not.toMatch(/script-src|unsafe-eval/);
  expect(byTag(doc, 'style')).toHaveLength(1);
  // One section per agenda item, in order, each with the item's title as its heading.
  const sections = sectionsOf(doc);
  expect(sections).toHaveLength(agenda.items.length);
  sections.forEach((s, i) => {
    const item = agenda.items[i];
    const h2 = byTag(s, 'h2')[0];
    expect(h2 && squash(textOf(h2))).toBe(item && squash(item.title.replace(UNSHOWN, '')));
  });
  // Each KPI item: a chart per metric with something to chart, its series and its stepped target,
  // a written value at each point; the metric table's figures are the figure model's.
  agenda.items.forEach((item, i) => {
    if (item.show.kind !== 'kpi') return;
    const s = sections[i];
    const kf = kpiFigure(model, period, item.show.id);
    if (!s || !kf) throw new Error(`no section or figure for ${item.show.id}`);
    const svgs = byTag(s, 'svg');
    const charted = kf.metrics.filter((mf) => chartPoints(model, kf.kpi, mf.metric, period).some((p) => p.value !== null || (p.target ?? null) !== null));
    expect(svgs, item.title).toHaveLength(charted.length);
    charted.forEach((mf, j) => {
      const svg = svgs[j];
      if (!svg) return;
      const points = chartPoints(model, kf.kpi, mf.metric, period);
      const paths = byTag(svg, 'path');
      const values = points.filter((p) => p.value !== null).length;
      expect(paths.filter((p) => hasClass(p, 'series')), mf.metric.title).toHaveLength(values > 0 ? 1 : 0);
      const target = paths.filter((p) => hasClass(p, 'target'));
      expect(target).toHaveLength(points.some((p) => (p.target ?? null) !== null) ? 1 : 0);
      // A stepped line: only horizontal and vertical moves after each start.
      for (const t of target) expect(attr(t, 'd')).toMatch(/^(M[\d.-]+ [\d.-]+ H[\d.-]+ ?(V[\d.-]+ H[\d.-]+ ?)*)+$/);
      expect(byTag(svg, 'text').filter((t) => hasClass(t, 'value'))).toHaveLength(values);
      expect(byTag(svg, 'title')).not.toHaveLength(0);
      expect(byTag(svg, 'desc')).toHaveLength(1);
      expect(attr(svg, 'role')).toBe('img');
    });
    const table = byTag(s, 'table')[0];
    const rows = table ? byTag(table, 'tbody').flatMap((b) => byTag(b, 'tr')) : [];
    expect(rows.map((r) => squash(textOf(r.childNodes[1] ?? r)))).toEqual(kf.metrics.map((mf) => squash(metricValue(mf))));
    expect(rows.map((r) => squash(textOf(r.childNodes[2] ?? r)))).toEqual(kf.metrics.map((mf) => squash(mf.target.full)));
  });
}

describe('export --format html', () => {
  it('the bundled default data (lcc-2019-20) with its agenda file', () => {
    const model = modelOf(DEFAULT);
    const period = latest(model);
    const agenda = agendaFor(model, period);
    expect(agenda.generated).toBe(false);
    const html = handoutHtml(model, period, agenda);
    checkHandout(model, period, agenda, html);
    // The register, the heat grid (a 5×5 table with the entries' ids) are there.
    const doc = strict(html);
    const grids = byTag(doc, 'table').filter((t) => hasClass(t, 'heatgrid'));
    expect(grids.length).toBeGreaterThan(0);
    for (const g of grids) {
      const rows = byTag(g, 'tbody').flatMap((b) => byTag(b, 'tr'));
      expect(rows).toHaveLength(5);
      for (const r of rows) expect(byTag(r, 'td')).toHaveLength(5);
    }
    expect(textOf(grids[0] ?? doc)).toMatch(/CR\d+/);
  });

  it('the heat grid marks the cells above the risk appetite (the small fixture has one)', () => {
    const model = modelOf(path.join(SMALL_DIR, 'catalogue.yaml'));
    const period = latest(model);
    const agenda = agendaFor(model, period);
    const html = handoutHtml(model, period, agenda);
    checkHandout(model, period, agenda, html);
    const grid = byTag(strict(html), 'table').find((t) => hasClass(t, 'heatgrid'));
    if (!grid) throw new Error('no heat grid');
    const above = byTag(grid, 'td').filter((td) => hasClass(td, 'above'));
    // Appetite 12: the scores 15, 16, 20 and 25 (15 twice: 3×5 and 5×3; 20 twice).
    expect(above.map((td) => Number(textOf(td).split(' ')[0])).sort((a, b) => a - b)).toEqual([15, 15, 16, 20, 20, 25]);
    for (const td of above) expect(textOf(td)).toMatch(/^\d+ \w+ !/);
    expect(textOf(grid)).toContain('above the risk appetite of 12');
  });

  it.each(BUNDLED)('%s: every period, with its agenda or the generated one', (catalogue) => {
    const model = modelOf(catalogue);
    for (let period = 0; period < model.ev.periods.length; period++) {
      const agenda = agendaFor(model, period);
      const html = handoutHtml(model, period, agenda, { notes: true });
      checkHandout(model, period, agenda, html);
      // No URL anywhere: the data has none, and the hand-out adds none of its own.
      expect(html).not.toMatch(/https?:/i);
    }
  });

  it('charts: the bundled data has KPI items with their charts', () => {
    const model = modelOf('catalogue/lcc-2024-25.yaml');
    const html = handoutHtml(model, latest(model), agendaFor(model, latest(model)));
    const doc = strict(html);
    const kpiSections = sectionsOf(doc).filter((s) => hasClass(s, 'item-kpi'));
    expect(kpiSections.length).toBeGreaterThan(5);
    for (const s of kpiSections) expect(byTag(s, 'svg').length).toBeGreaterThan(0);
  });

  it('RAG as symbol and word, the target and the rule behind it', () => {
    const model = modelOf('catalogue/lcc-2024-25.yaml');
    const doc = strict(handoutHtml(model, latest(model), agendaFor(model, latest(model))));
    const rags = elements(doc).filter((e) => hasClass(e, 'rag'));
    expect(rags.length).toBeGreaterThan(10);
    for (const r of rags) expect(textOf(r)).toMatch(/^(✓ Green|! Amber|✗ Red|– Unrated)$/);
    const kpi = sectionsOf(doc).find((s) => hasClass(s, 'item-kpi'));
    expect(kpi && textOf(kpi)).toMatch(/Why: /);
  });

  it('the target line steps where the target changed (an observation with its own target)', () => {
    const read = (f: string) => readFileSync(path.join(SMALL_DIR, f), 'utf8');
    const dir = writeTree({
      'catalogue.yaml': read('catalogue.yaml'),
      'data/2019-20-Q1.yaml': read('data/2019-20-Q1.yaml').replace('defects-4h: { value: 96.10 }', 'defects-4h: { value: 96.10, target: 90 }'),
      'data/2019-20-Q2.yaml': read('data/2019-20-Q2.yaml'),
      'data/agenda-2019-20-Q2.yaml': read('data/agenda-2019-20-Q2.yaml'),
    });
    const model = modelOf(path.join(dir, 'catalogue.yaml'));
    const period = latest(model);
    const agenda = agendaFor(model, period);
    const html = handoutHtml(model, period, agenda);
    checkHandout(model, period, agenda, html);
    const section = sectionsOf(strict(html)).find((s) => hasClass(s, 'item-kpi'));
    const svg = section ? byTag(section, 'svg')[0] : undefined;
    if (!svg) throw new Error('no chart');
    const d = byTag(svg, 'path').find((p) => hasClass(p, 'target'));
    const steps = /^M([\d.]+) ([\d.]+) H([\d.]+) V([\d.]+) H([\d.]+)$/.exec((d && attr(d, 'd')) ?? '');
    expect(steps).not.toBeNull();
    // Two levels, 90 then 95 (higher on the page is a smaller y).
    expect(Number(steps?.[4])).toBeLessThan(Number(steps?.[2]));
    const desc = byTag(svg, 'desc')[0];
    expect(desc && textOf(desc)).toMatch(/2019\/20 Q1: 96\.10%, target 90.*2019\/20 Q2: 89\.19%, target 95%/);
    expect(byTag(svg, 'text').filter((t) => hasClass(t, 'value')).map(textOf)).toEqual(['96.10%', '89.19%']);
  });

  it('speaker notes only with notes', () => {
    const model = modelOf(DEFAULT);
    const period = latest(model);
    const agenda = agendaFor(model, period);
    const noted = agenda.items.filter((i) => i.notes !== undefined);
    expect(noted.length).toBeGreaterThan(0);
    const without = handoutHtml(model, period, agenda);
    const withNotes = handoutHtml(model, period, agenda, { notes: true });
    expect(byTag(strict(without), 'aside')).toEqual([]);
    expect(without).not.toContain('Speaker notes');
    expect(without).not.toContain('Paul Bond');
    const asides = byTag(strict(withNotes), 'aside');
    expect(asides).toHaveLength(noted.length);
    expect(withNotes).toContain('Paul Bond');
  });

  it('--ascii: ASCII throughout, symbols and words from the ASCII set', () => {
    const model = modelOf('catalogue/lcc-2024-25.yaml', true);
    const html = handoutHtml(model, latest(model), agendaFor(model, latest(model)));
    strict(html);
    expect(html).toMatch(/^[\t\n -~]*$/);
    expect(html).toContain('x Red');
  });

  it('hostile data comes out inert: text, never markup, and no control or bidi character', () => {
    // JSON is YAML: the string as one double-quoted YAML scalar, escapes and all.
    const evil = JSON.stringify('</section><script>alert(1)</script>"onload=alert(1) \'x\' &amp; <!-- \u202e\u0007end');
    const cat = readFileSync(path.join(SMALL_DIR, 'catalogue.yaml'), 'utf8')
      .replace('title: Carriageway defects repaired on time', `title: ${evil}`)
      .replace('organisation: Test Council', `organisation: ${evil}`);
    const dir = writeTree({
      'catalogue.yaml': cat,
      'data/2019-20-Q1.yaml': readFileSync(path.join(SMALL_DIR, 'data', '2019-20-Q1.yaml'), 'utf8'),
      'data/2019-20-Q2.yaml': readFileSync(path.join(SMALL_DIR, 'data', '2019-20-Q2.yaml'), 'utf8'),
      'data/agenda-2019-20-Q2.yaml': readFileSync(path.join(SMALL_DIR, 'data', 'agenda-2019-20-Q2.yaml'), 'utf8'),
    });
    const model = modelOf(path.join(dir, 'catalogue.yaml'));
    const period = latest(model);
    const loaded = agendaFor(model, period);
    // Straight into the renderer too (an agenda the loader never saw): control and bidi characters included.
    const raw = '</section><script>alert(1)</script>"onload=alert(1) \'x\' <img src=x onerror=alert(1)> \u202e\u0007\u001b[31m\u2066end';
    const agenda: MeetingAgenda = { ...loaded, meeting: raw, items: loaded.items.map((i, n) => (n === 0 ? { ...i, title: raw, notes: raw } : i)) };
    for (const notes of [false, true]) {
      const html = handoutHtml(model, period, agenda, { notes });
      const doc = strict(html);
      expect(byTag(doc, 'script')).toEqual([]);
      expect(byTag(doc, 'img')).toEqual([]);
      expect(sectionsOf(doc)).toHaveLength(agenda.items.length);
      for (const e of elements(doc)) for (const a of e.attrs) expect(a.name).not.toMatch(/^on/i);
      // eslint-disable-next-line no-control-regex
      expect(html).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/);
      // The text reads as written (less what cannot be shown).
      const text = textOf(doc);
      expect(text).toContain('</section><script>alert(1)</script>"onload=alert(1)');
      expect(text).toContain(`'x' <img src=x onerror=alert(1)>`);
      const defects = sectionsOf(doc).find((s) => hasClass(s, 'item-kpi'));
      expect(defects && textOf(defects)).toContain('</section><script>alert(1)</script>"onload=alert(1)');
      const h1 = byTag(doc, 'h1')[0];
      expect(h1 && textOf(h1)).toBe(squash(raw.replace(UNSHOWN, '')));
      if (notes) expect(byTag(doc, 'aside')).toHaveLength(agenda.items.filter((i) => i.notes !== undefined).length);
    }
  });
});

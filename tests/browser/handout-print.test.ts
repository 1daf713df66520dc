// The HTML hand-out in a real browser (`npm run test:browser`, not part of `npm test`): headless
// Chromium opens the exported file from a file:// URL, with print media, and prints it to an A4
// PDF (and a PNG of the screen layout), and the test checks what the committee would get:
//   - every agenda item's heading is on a page, and each item starts a new page;
//   - every chart's <svg> is drawn with a non-zero size, and lies on one page;
//   - no table is cut across pages: its top and its bottom are on the same page;
//   - the page makes no request at all (request interception fails on any) and logs no error
//     (a Content-Security-Policy violation would be logged).
// Where things land is read from the PDF itself (pdf-marks.ts explains how): the printed layout,
// not an estimate of it. Skipped, with a note, where Chromium is not installed.

import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import puppeteer, { type Browser } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run } from '../../src/cli/main.js';
import { writeTree } from '../helpers.js';
import inPage from './in-page.js';
import { markerUrl, pdfMarks } from './pdf-marks.js';

const root = path.resolve(import.meta.dirname, '..', '..');
const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';
const HAVE_CHROMIUM = existsSync(CHROMIUM);
if (!HAVE_CHROMIUM) {
  console.log(`test:browser skipped: no Chromium at ${CHROMIUM}. Install it (Debian: sudo apt-get install chromium) or set CHROMIUM_PATH to a Chromium or Chrome binary.`);
}

/** Where the PDFs and PNGs are written (kept for a look after the run). */
const OUT = process.env['RAGTOP_BROWSER_OUT'] ?? path.join(os.tmpdir(), 'ragtop-browser');

/** The small export fixture with a register too long for one page (80 more entries). */
function longRegister(): string[] {
  const small = path.join(root, 'tests', 'fixtures', 'export', 'small');
  const read = (f: string) => readFileSync(path.join(small, f), 'utf8');
  const extra = Array.from({ length: 80 }, (_, i) => `  - id: CR${100 + i}\n    title: "Risk ${i + 1}, with a title long enough to wrap in the register table of the hand-out"\n    inherent: { impact: 4, likelihood: 4 }\n    residual: { impact: 3, likelihood: 2 }\n`).join('');
  const dir = writeTree({
    'catalogue.yaml': read('catalogue.yaml'),
    'data/2019-20-Q1.yaml': read('data/2019-20-Q1.yaml'),
    'data/2019-20-Q2.yaml': read('data/2019-20-Q2.yaml').replace(/\nregister:\n/, `\nregister:\n${extra}`),
    'data/agenda-2019-20-Q2.yaml': read('data/agenda-2019-20-Q2.yaml'),
  });
  return [path.join(dir, 'catalogue.yaml')];
}

const CASES = [
  { name: 'default', args: () => [], long: false },
  { name: 'lcc-2024-25', args: () => ['catalogue/lcc-2024-25.yaml'], long: false },
  { name: 'long-register', args: longRegister, long: true },
] as const;

interface Layout {
  readonly charts: ReadonlyArray<readonly [number, number]>;
  readonly headings: number;
  readonly heights: readonly number[];
  readonly rowCounts: readonly number[];
  readonly headerGroups: readonly string[];
  readonly figures: number;
}

const isNumbers = (x: unknown): x is number[] => Array.isArray(x) && x.every((n) => typeof n === 'number');

/** What in-page.js returns, checked. */
function layoutOf(x: unknown): Layout {
  if (typeof x !== 'object' || x === null) throw new Error('no layout from the page');
  const get = (k: string): unknown => (k in x ? Object.entries(x).find(([key]) => key === k)?.[1] : undefined);
  const charts = get('charts');
  const headerGroups = get('headerGroups');
  const heights = get('heights');
  const rowCounts = get('rowCounts');
  const headings = get('headings');
  const figures = get('figures');
  if (!Array.isArray(charts) || !charts.every((c): c is [number, number] => isNumbers(c) && c.length === 2)) throw new Error('charts');
  if (!Array.isArray(headerGroups) || !headerGroups.every((g): g is string => typeof g === 'string')) throw new Error('headerGroups');
  if (!isNumbers(heights) || !isNumbers(rowCounts) || typeof headings !== 'number' || typeof figures !== 'number') throw new Error('layout');
  return { charts, headerGroups, heights, rowCounts, headings, figures };
}

function exportHtml(args: readonly string[], file: string): void {
  let err = '';
  const env = { RAGTOP_CONFIG_DIR: writeTree({}) };
  const code = run(['export', ...args, '--format', 'html', '--output', file, '--force'], { out: () => undefined, err: (s) => (err += s), env, cwd: root });
  if (code !== 0) throw new Error(`export failed (${code}): ${err}`);
}

describe.skipIf(!HAVE_CHROMIUM)('the HTML hand-out printed by Chromium', () => {
  let browser: Browser;
  beforeAll(async () => {
    const root = typeof process.getuid === 'function' && process.getuid() === 0;
    browser = await puppeteer.launch({ executablePath: CHROMIUM, headless: true, args: [...(root ? ['--no-sandbox'] : []), '--disable-gpu'] });
  });
  afterAll(async () => {
    await browser.close();
  });

  it.each(CASES)('$name: every item and chart on a page, no table cut, no request', async ({ name, args, long: expectLong }) => {
    mkdirSync(OUT, { recursive: true });
    const file = path.join(OUT, `${name}.html`);
    exportHtml(args(), file);
    const url = pathToFileURL(file).href;
    const page = await browser.newPage();
    const requests: string[] = [];
    const problems: string[] = [];
    await page.setRequestInterception(true);
    page.on('request', (r) => {
      if (r.url() === url && r.isNavigationRequest()) void r.continue();
      else {
        requests.push(r.url());
        void r.abort();
      }
    });
    page.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warn') problems.push(m.text());
    });
    page.on('pageerror', (e) => problems.push(String(e)));
    await page.emulateMediaType('print');
    // The page's printable width (A4 less the stylesheet's 14 mm margins), in CSS pixels: the
    // screen layout then wraps text as the print does, for measuring the tables' heights.
    await page.setViewport({ width: Math.round(((210 - 28) * 96) / 25.4), height: 1000 });
    await page.goto(url, { waitUntil: 'load' });

    // The markers (see in-page.js and pdf-marks.ts), and the charts' and tables' sizes in the print layout.
    const counts = layoutOf(await page.evaluate(inPage, markerUrl('')));
    // Charts drawn, each with a size.
    for (const [w, h] of counts.charts) {
      expect(w).toBeGreaterThan(100);
      expect(h).toBeGreaterThan(50);
    }
    const html = readFileSync(file, 'utf8');
    expect(counts.charts).toHaveLength((html.match(/<svg /g) ?? []).length);
    expect(counts.figures).toBe(counts.charts.length);

    const pdf = await page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true });
    writeFileSync(path.join(OUT, `${name}.pdf`), pdf);
    await page.emulateMediaType('screen');
    await page.setViewport({ width: 900, height: 1200 });
    await page.screenshot({ path: path.join(OUT, `${name}.png`), fullPage: true });
    await page.close();

    const marks = pdfMarks(pdf);
    for (const [w, h] of marks.sizes) {
      // A4 in points (210 × 297 mm).
      expect(Math.round(w)).toBe(595);
      expect(Math.round(h)).toBe(842);
    }
    const pageOf = (id: string) => marks.at.get(id) ?? [];
    // Every heading on one page, each item on a later page than the one before.
    expect(counts.headings).toBeGreaterThan(5);
    let previous = 0;
    for (let i = 0; i < counts.headings; i++) {
      const at = pageOf(`h${i}`);
      expect(at, `heading ${i}`).toHaveLength(1);
      const p = at[0] ?? 0;
      expect(p, `heading ${i} starts a new page`).toBeGreaterThan(previous);
      previous = p;
    }
    // No table cut: its first and last cell on the same page. Only a table taller than a whole
    // page (measured at the printable width) may break, and then only between rows: each row's
    // top and bottom on one page.
    expect(counts.heights.length).toBeGreaterThan(3);
    const pageHeight = ((297 - 32) * 96) / 25.4;
    const cut: string[] = [];
    let long = 0;
    for (let i = 0; i < counts.heights.length; i++) {
      const top = pageOf(`t${i}-top`);
      const bottom = pageOf(`t${i}-bottom`);
      expect(top.length, `table ${i} top`).toBeGreaterThan(0);
      const whole = bottom.length === 1 && top.includes(bottom[0] ?? 0);
      if ((counts.heights[i] ?? 0) <= pageHeight) {
        if (!whole || top.length !== 1) cut.push(`table ${i} (${Math.round(counts.heights[i] ?? 0)} px): top on ${top.join(',')}, bottom on ${bottom.join(',')}`);
        continue;
      }
      long++;
      const spans = new Set<number>();
      for (let j = 0; j < (counts.rowCounts[i] ?? 0); j++) {
        const a = pageOf(`t${i}-r${j}-top`);
        const b = pageOf(`t${i}-r${j}-bottom`);
        for (const p of b) spans.add(p);
        if (a.length < 1 || b.length !== 1 || !a.includes(b[0] ?? 0)) cut.push(`table ${i} row ${j}: top on ${a.join(',')}, bottom on ${b.join(',')}`);
      }
      expect(spans.size, `table ${i} spans pages`).toBeGreaterThan(1);
      // Its heading row repeats on each page: the print layout gives every <thead> display
      // table-header-group (Chromium does not repeat a header's links, so the PDF cannot show it).
      expect(counts.headerGroups[i], `table ${i} <thead>`).toBe('table-header-group');
    }
    expect(cut).toEqual([]);
    expect(long > 0).toBe(expectLong);
    console.log(`${name}: ${marks.pages} pages, ${counts.headings} items, ${counts.heights.length} tables (${long} longer than a page), ${counts.figures} charts; ${OUT}/${name}.pdf and .png`);
    for (let i = 0; i < counts.figures; i++) {
      const top = pageOf(`c${i}-top`);
      expect(top, `chart ${i}`).toHaveLength(1);
      expect(pageOf(`c${i}-bottom`), `chart ${i}`).toEqual(top);
    }
    expect(requests).toEqual([]);
    expect(problems).toEqual([]);
  });
});

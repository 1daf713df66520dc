// `ragtop export --format html` through the built binary: the same period and agenda as the
// markdown hand-out, --output, --notes, and the usage errors.

import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, HAVE_BIN, NOT_BUILT, ROOT } from '../built.js';
import { writeTree } from '../helpers.js';
import { byTag, errorLine, hasClass, parseHtml, textOf } from '../html-dom.js';

const env = { ...process.env, RAGTOP_CONFIG_DIR: writeTree({}) };

function ragtop(args: readonly string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: ROOT, encoding: 'utf8', timeout: 30000, env });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

/** The items' titles: the markdown's `##` headings, the HTML's section headings. */
function mdTitles(md: string): string[] {
  return md
    .split('\n')
    .filter((l) => l.startsWith('## '))
    .map((l) => l.slice(3).replace(/\\(.)/g, '$1'));
}

function htmlTitles(html: string): string[] {
  const { doc, errors } = parseHtml(html);
  expect(errors.map((e) => errorLine(e, html))).toEqual([]);
  return byTag(doc, 'section')
    .filter((s) => hasClass(s, 'item'))
    .map((s) => textOf(byTag(s, 'h2')[0] ?? s));
}

describe.skipIf(!HAVE_BIN)(`export --format html, the built binary ${NOT_BUILT}`, () => {
  it('the bundled default: the same agenda as the markdown hand-out, inert', () => {
    const html = ragtop(['export', '--format', 'html']);
    expect(html.err).toBe('');
    expect(html.code).toBe(0);
    expect(html.out).toMatch(/^<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n<meta http-equiv="Content-Security-Policy" content="default-src 'none'; /);
    const md = ragtop(['export', '--format', 'md']);
    expect(md.code).toBe(0);
    const titles = htmlTitles(html.out);
    expect(titles.length).toBeGreaterThan(10);
    expect(titles).toEqual(mdTitles(md.out));
    expect(html.out).not.toMatch(/<script|\son\w+=|https?:/i);
    expect(html.out).not.toContain('Speaker notes');
  });

  it('--period and --agenda choose as for md; --notes adds the notes', () => {
    const args = ['export', 'catalogue/lcc-2024-25.yaml', '--period', '2024/25 Q1'];
    const html = ragtop([...args, '--format', 'html', '--notes']);
    expect(html.code).toBe(0);
    expect(htmlTitles(html.out)).toEqual(mdTitles(ragtop([...args, '--format', 'md']).out));
    expect(html.out).toContain('2024/25 Q1');
    const file = 'sample-data/lcc-2019-20/agenda-2019-20-Q3.yaml';
    const wrong = ragtop(['export', '--format', 'html', '--agenda', file, '--period', '2019/20 Q2']);
    expect(wrong.code).toBe(2);
    expect(wrong.out).toBe('');
    expect(wrong.err).toBe(`ragtop: --agenda ${file} is for 2019/20 Q3, not 2019/20 Q2\n`);
    const noted = ragtop(['export', '--format', 'html', '--notes']);
    expect(noted.code).toBe(0);
    expect(noted.out).toContain('Speaker notes');
    expect(noted.out).toContain('Paul Bond');
  });

  it('--output writes the same file; --notes with csv is refused', () => {
    const dir = writeTree({});
    const out = path.join(dir, 'paper.html');
    const r = ragtop(['export', '--format', 'html', '--output', out]);
    expect(r.code).toBe(0);
    expect(r.out).toBe('');
    expect(readFileSync(out, 'utf8')).toBe(ragtop(['export', '--format', 'html']).out);
    const csv = ragtop(['export', '--format', 'csv', '--notes']);
    expect(csv.code).toBe(2);
    expect(csv.out).toBe('');
    expect(csv.err).toContain('--notes is for the hand-outs (--format md or html), not --format csv');
    const help = ragtop(['export', '--help']);
    expect(help.out).toContain('html');
  });
});

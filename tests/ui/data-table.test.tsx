// The table component: its lines (borders, headings, aligned cells), its styles (the cursor row in
// the focus style except its RAG cell, the rules muted) and that a redraw keeps them.
import chalk from 'chalk';
import { render } from 'ink-testing-library';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DataTable, tableLines } from '../../src/ui/components/DataTable.js';
import { THEMES } from '../../src/ui/theme/theme.js';
import { UNICODE_GLYPHS } from '../../src/viewmodel/glyphs.js';
import type { TableView } from '../../src/viewmodel/screen.js';
import type { Line } from '../../src/viewmodel/styled.js';

const table = (cursorRow: number): TableView => ({
  columns: [
    { key: 'rag', label: 'RAG', width: 11 },
    { key: 'name', label: 'KPI', width: 22 },
    { key: 'value', label: 'Value', width: 7, align: 'right' },
    { key: 'trend', label: 'Trend', width: 5 },
  ],
  rows: [
    { rag: '▸ ✓ Green', name: 'Homes built', value: '1,204', trend: '▁▃▅█' },
    { rag: '  ✗ Red', name: 'Days to pay an invoice', value: '31 days', trend: '█▅' },
    { rag: '  – Unrated', name: 'Visits', value: '', trend: '' },
  ].map((r, i) => ({ ...r, rag: `${i === cursorRow ? '▸' : ' '}${r.rag.slice(1)}` })),
  rowTokens: ['rag.green', 'rag.red', 'rag.unrated'],
  cursorRow,
  above: false,
  below: false,
});

const text = (l: Line) => l.map((s) => s.text).join('');

describe('the table component', () => {
  it('draws a top border, the headings, the rows and a bottom border, each column its widest cell plus a space each side', () => {
    expect(tableLines(table(0), UNICODE_GLYPHS).map(text)).toMatchInlineSnapshot(`
      [
        "┌─────────────┬────────────────────────┬─────────┬───────┐",
        "│ RAG         │ KPI                    │   Value │ Trend │",
        "│ ▸ ✓ Green   │ Homes built            │   1,204 │ ▁▃▅█  │",
        "│   ✗ Red     │ Days to pay an invoice │ 31 days │ █▅    │",
        "│   – Unrated │ Visits                 │         │       │",
        "└─────────────┴────────────────────────┴─────────┴───────┘",
      ]
    `);
  });

  it('styles the rules muted, the headings as headings, each RAG cell by its RAG and the cursor row in focus', () => {
    const lines = tableLines(table(1), UNICODE_GLYPHS);
    expect(lines[0]).toEqual([{ text: lines[0]?.[0]?.text, token: 'text.muted' }]);
    expect(lines[1]?.filter((s) => s.token === 'text.heading').map((s) => s.text.trim())).toEqual(['RAG', 'KPI', 'Value', 'Trend']);
    const tokens = (l: Line | undefined) => (l ?? []).filter((s) => s.token !== 'text.muted').map((s) => s.token ?? 'none');
    expect(tokens(lines[2])).toEqual(['rag.green', 'none', 'none', 'none']);
    expect(tokens(lines[3])).toEqual(['rag.red', 'focus', 'focus', 'focus']);
    expect(tokens(lines[4])).toEqual(['rag.unrated', 'none', 'none', 'none']);
    // Every border and rule character is muted.
    for (const l of lines) for (const s of l) if (/[│┌┐└┘┬┴─]/.test(s.text)) expect(s.token).toBe('text.muted');
  });

  describe('in colour', () => {
    // Ink colours through chalk, which sees no terminal under the test runner.
    const level = chalk.level;
    beforeAll(() => {
      chalk.level = 3;
    });
    afterAll(() => {
      chalk.level = level;
    });

    it('keeps every style when it is drawn again with the cursor moved', () => {
      const r = render(<DataTable table={table(0)} theme={THEMES.default} />);
      const plain = (f: string) => f.split('\n');
      const first = r.lastFrame() ?? '';
      expect(first).toContain('\x1b[7m');
      r.rerender(<DataTable table={table(1)} theme={THEMES.default} />);
      const second = r.lastFrame() ?? '';
      r.rerender(<DataTable table={table(2)} theme={THEMES.default} />);
      const third = r.lastFrame() ?? '';
      expect(plain(first)[2]).toContain('▸ ✓ Green');
      expect(plain(second)[3]).toContain('▸ ✗ Red');
      expect(plain(third)[4]).toContain('▸ – Unrated');
      // The same lines as drawn from scratch at each cursor (the component it replaces styled the
      // first drawing only).
      for (const [frame, cursor] of [
        [second, 1],
        [third, 2],
      ] as const) {
        const fresh = render(<DataTable table={table(cursor)} theme={THEMES.default} />);
        expect(frame).toBe(fresh.lastFrame());
        fresh.unmount();
      }
      r.unmount();
    });
  });
});

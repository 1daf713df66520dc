// The heat grid drawn like the council's "Key to Scores": impact rows (catastrophic, or
// outstanding for opportunities, at the top), likelihood columns (rare at the left), each cell
// with its score, its band (colour AND a band letter or word) and the ids placed there. Pure:
// entries in, styled lines out, so the drawing is snapshot-tested at any size and glyph set.
//
// Without colour the grid still reads: the band is a letter or word, the cell under the cursor is
// in brackets, cells above the risk appetite carry `!` and the appetite boundary is a heavy rule
// (┃, `#` in ASCII) between the last cell within appetite and the first beyond it in each row.
//
// Palette: risks use the band tokens (band.low … band.critical). Opportunities, where a high score
// is good, use a green scale instead: low → text.muted, medium → info, high → better, critical →
// rag.green; the band words and letters are the same (bandLabel is the one score → band mapping).

import { impactWord, likelihoodWord, type Cell, type Movement } from '../domain/risk.js';
import type { RegisterKind } from '../domain/types.js';
import { ASCII_GLYPHS, drawText, UNICODE_GLYPHS, type Glyphs } from './glyphs.js';
import type { BandLabel } from './register.js';
import { clipLine, fit, seg, textWidth, type Line, type Segment, type Token } from './styled.js';

/** The characters the grid is drawn with: Unicode, or ASCII only. */
export interface GridMarks {
  readonly ascii: boolean;
  readonly rule: string;
  readonly boundary: string;
  readonly horizontal: string;
  readonly corners: readonly [topLeft: string, topMid: string, topRight: string, bottomLeft: string, bottomMid: string, bottomRight: string];
  readonly open: string;
  readonly close: string;
  readonly above: string;
  readonly movement: Readonly<Record<Movement, string>>;
  readonly times: string;
  readonly dot: string;
  readonly dash: string;
  readonly right: string;
  readonly ellipsis: string;
  readonly windowUp: string;
  readonly windowDown: string;
  readonly cursor: string;
}

export const UNICODE_MARKS: GridMarks = {
  ascii: false,
  rule: '│',
  boundary: '┃',
  horizontal: '─',
  corners: ['┌', '┬', '┐', '└', '┴', '┘'],
  open: '[',
  close: ']',
  above: '!',
  movement: { up: '↑', down: '↓', level: '→', new: '*', unknown: '' },
  times: '×',
  dot: '·',
  dash: '—',
  right: '→',
  ellipsis: '…',
  windowUp: '▲',
  windowDown: '▼',
  cursor: '▸',
};

export const ASCII_MARKS: GridMarks = {
  ascii: true,
  rule: '|',
  boundary: '#',
  horizontal: '-',
  corners: ['+', '+', '+', '+', '+', '+'],
  open: '[',
  close: ']',
  above: '!',
  movement: { up: '^', down: 'v', level: '=', new: '*', unknown: '' },
  times: 'x',
  dot: '-',
  dash: '-',
  right: '->',
  ellipsis: '...',
  windowUp: '^',
  windowDown: 'v',
  cursor: '>',
};

/** The grid's marks for the glyph set. */
export function marksOf(g: Glyphs): GridMarks {
  return g.ascii ? ASCII_MARKS : UNICODE_MARKS;
}

/** Text from the domain (reasons say "4×5") as the marks' glyph set draws it (measured before it is laid out). */
export function asciiText(s: string, m: GridMarks): string {
  return drawText(s, m.ascii ? ASCII_GLYPHS : UNICODE_GLYPHS);
}

// ---------------------------------------------------------------------------------------------
// Cells and the cursor: index = impactRow × 5 + likelihoodColumn, 0 = top left = impact 5 × likelihood 1.

export function cellAt(index: number): Cell {
  const i = Math.max(0, Math.min(24, Math.trunc(index)));
  return { impact: 5 - Math.floor(i / 5), likelihood: (i % 5) + 1 };
}

export function indexOf(cell: Cell): number {
  return (5 - cell.impact) * 5 + (cell.likelihood - 1);
}

declare const cellKeyBrand: unique symbol;
/** A cell as an id (of a screen, of what Enter opens), `impact,likelihood`; only cellKey makes one. */
export type CellKey = string & { readonly [cellKeyBrand]: true };

export function cellKey(cell: Cell): CellKey {
  // The one place a CellKey is made: the brand is what keeps any other text from being one.
  return `${cell.impact},${cell.likelihood}` as CellKey;
}

/** The cell a key names, or undefined when it is not one of the 25 (a key made of a cell off the grid). */
export function cellOfKey(key: CellKey): Cell | undefined {
  const m = /^([1-5]),([1-5])$/.exec(key);
  return m ? { impact: Number(m[1]), likelihood: Number(m[2]) } : undefined;
}

/** "Major (4) × Likely (4)", the cell named as the key names it. */
export function cellWords(cell: Cell, kind: RegisterKind, m: GridMarks = UNICODE_MARKS): string {
  return `${impactWord(cell.impact, kind)} (${cell.impact}) ${m.times} ${likelihoodWord(cell.likelihood)} (${cell.likelihood})`;
}

const OPPORTUNITY_TOKENS: Readonly<Record<string, Token>> = {
  'band.low': 'text.muted',
  'band.medium': 'info',
  'band.high': 'better',
  'band.critical': 'rag.green',
};

/** The token a band is drawn in: the band tokens for risks, a green scale for opportunities. */
export function bandToken(band: BandLabel | undefined, kind: RegisterKind): Token {
  if (!band) return 'text';
  return kind === 'opportunity' ? (OPPORTUNITY_TOKENS[band.token] ?? 'better') : band.token;
}

// ---------------------------------------------------------------------------------------------
// Layout: a row-label column, then five cells between rules.

const ABBREVIATED_IMPACT = ['Insig.', 'Minor', 'Mod.', 'Major', 'Catas.'] as const;
const ABBREVIATED_LIKELIHOOD = ['Rare', 'Unlik.', 'Poss.', 'Likely', 'Cert.'] as const;
const FULL_LABEL = 15; // "Insignificant 1"
const SHORT_LABEL = 8; // "Catas. 5"
const MAX_CELL = 16;

export interface GridLayout {
  /** Width of the row-label column. */
  readonly label: number;
  /** Width of each of the five cells (the bracket columns included). */
  readonly cell: number;
  /** Full words on the axes, or abbreviations. */
  readonly full: boolean;
}

/** The widest layout that fits: full axis words when the cells keep at least 10 columns. */
export function gridLayout(width: number): GridLayout {
  const fullCell = Math.floor((width - 6 - FULL_LABEL) / 5);
  if (fullCell >= 10) return { label: FULL_LABEL, cell: Math.min(MAX_CELL, fullCell), full: true };
  return { label: SHORT_LABEL, cell: Math.max(4, Math.min(MAX_CELL, Math.floor((width - 6 - SHORT_LABEL) / 5))), full: false };
}

function impactLabel(impact: number, kind: RegisterKind, full: boolean): string {
  if (full) return impactWord(impact, kind);
  if (impact === 5 && kind === 'opportunity') return 'Outst.';
  return ABBREVIATED_IMPACT[impact - 1] ?? String(impact);
}

function likelihoodLabel(likelihood: number, full: boolean): string {
  return full ? likelihoodWord(likelihood) : (ABBREVIATED_LIKELIHOOD[likelihood - 1] ?? String(likelihood));
}

// ---------------------------------------------------------------------------------------------
// Ids in a cell: as many as fit on the cell's id lines, then "+N" for the rest.

export interface GridItem {
  readonly id: string;
  readonly cell: Cell;
  /** Where the entry was last period (shown with `movement`). */
  readonly movement?: Movement;
  /** Whether that movement is good news (colours the arrow; never the only cue). */
  readonly better?: boolean;
}

interface Word {
  readonly segs: readonly Segment[];
  readonly width: number;
}

function idWord(item: GridItem, movement: boolean, m: GridMarks): Word {
  if (!movement || item.movement === undefined) return { segs: [seg(item.id)], width: textWidth(item.id) };
  const mark = m.movement[item.movement];
  const token: Token = item.better === true ? 'better' : item.better === false ? 'worse' : 'text.muted';
  return { segs: [seg(item.id), seg(mark, token)], width: textWidth(item.id) + textWidth(mark) };
}

/** Lays words on `lines` lines of `width` columns; undefined when they do not all fit. */
function layWords(words: readonly Word[], width: number, lines: number): Word[][] | undefined {
  const out: Word[][] = [];
  let row: Word[] = [];
  out.push(row);
  let used = 0;
  for (const w of words) {
    const need = row.length === 0 ? w.width : used + 1 + w.width;
    if (need <= width) {
      row.push(w);
      used = need;
      continue;
    }
    if (out.length >= lines || w.width > width) return undefined;
    out.push((row = [w]));
    used = w.width;
  }
  return out;
}

/** The ids of a cell on up to `lines` lines of `width`: all of them, or the first k and "+N". */
export function packIds(words: readonly Word[], width: number, lines: number): Word[][] {
  if (lines <= 0 || words.length === 0) return [];
  const all = layWords(words, width, lines);
  if (all) return all;
  for (let k = words.length - 1; k >= 0; k--) {
    const more = `+${words.length - k}`;
    const laid = layWords([...words.slice(0, k), { segs: [seg(more, 'text.muted')], width: textWidth(more) }], width, lines);
    if (laid) return laid;
  }
  return [];
}

/** Per impact row (top first), how many id lines its fullest cell needs to show every id. */
export function idLinesNeeded(items: readonly GridItem[], layout: GridLayout, movement: boolean, m: GridMarks): number[] {
  const inner = Math.max(1, layout.cell - 2);
  return [0, 1, 2, 3, 4].map((row) => {
    let most = 1;
    for (let likelihood = 1; likelihood <= 5; likelihood++) {
      const words = items.filter((x) => x.cell.impact === 5 - row && x.cell.likelihood === likelihood).map((x) => idWord(x, movement, m));
      for (let n = 1; n <= words.length; n++) {
        if (layWords(words, inner, n)) {
          most = Math.max(most, n);
          break;
        }
      }
    }
    return most;
  });
}

// ---------------------------------------------------------------------------------------------
// The grid.

export interface GridDraw {
  readonly kind: RegisterKind;
  /** The catalogue's risk appetite; the boundary is drawn for risks only. */
  readonly appetite?: number;
  /** The band of a score (bandLabel: the one mapping). */
  readonly band: (score: number) => BandLabel | undefined;
  /** The cell under the cursor (index as cellAt), or -1 for none. */
  readonly cursor: number;
  readonly movement: boolean;
  readonly marks: GridMarks;
  readonly width: number;
  /** Lines per grid row (≥ 2: the score and band, then the ids): one number for all, or per row from the top. */
  readonly rowLines: number | readonly number[];
  /** Draw a top and bottom rule. */
  readonly borders: boolean;
}

/** Whether a cell's score is beyond the appetite boundary (risks only). */
export function beyondAppetite(cell: Cell, o: Pick<GridDraw, 'kind' | 'appetite'>): boolean {
  return o.kind === 'risk' && o.appetite !== undefined && cell.impact * cell.likelihood > o.appetite;
}

/** Band words in the cells when every cell's "score word !" fits, else the band letters. */
export function usesBandWords(o: Pick<GridDraw, 'kind' | 'appetite' | 'band' | 'width'>): boolean {
  const inner = gridLayout(o.width).cell - 2;
  for (let i = 0; i < 25; i++) {
    const c = cellAt(i);
    const score = c.impact * c.likelihood;
    const b = o.band(score);
    const text = `${score} ${b?.word ?? ''}${beyondAppetite(c, o) ? ' !' : ''}`;
    if (textWidth(text) > inner) return false;
  }
  return true;
}

/**
 * The axis labels and the 5 × 5 grid as styled lines, each within `width`: a line of likelihood
 * labels, then per impact row its `rowLines` lines (score and band, then the ids), optionally between
 * top and bottom rules.
 */
export function gridLines(items: readonly GridItem[], o: GridDraw): Line[] {
  const m = o.marks;
  const layout = gridLayout(o.width);
  const inner = Math.max(1, layout.cell - 2);
  const words = usesBandWords(o);
  const linesOf = (row: number) => Math.max(2, typeof o.rowLines === 'number' ? o.rowLines : (o.rowLines[row] ?? 2));
  const out: Line[] = [];
  const clip = (l: Line) => clipLine(l, o.width, m.ellipsis);

  // Likelihood labels, with the axis named in the corner.
  const fullCols = layout.full && [1, 2, 3, 4, 5].every((l) => textWidth(`${likelihoodWord(l)} ${l}`) <= layout.cell);
  const head: Segment[] = [seg(fit(layout.full ? `Likelihood ${m.right}` : `Lik. ${m.right}`, layout.label, 'left', m.ellipsis), 'text.muted'), seg(' ')];
  for (let l = 1; l <= 5; l++) {
    const label = `${likelihoodLabel(l, fullCols)} ${l}`;
    const left = Math.max(0, Math.floor((layout.cell - textWidth(label)) / 2));
    head.push(seg(fit(' '.repeat(left) + label, layout.cell, 'left', m.ellipsis), 'text.heading'), seg(' '));
  }
  out.push(clip(head));

  const [tl, tm, tr, bl, bm, br] = m.corners;
  const rule = (l: string, mid: string, r: string): Line => [seg(' '.repeat(layout.label)), seg(l + Array.from({ length: 5 }, () => m.horizontal.repeat(layout.cell)).join(mid) + r, 'text.muted')];
  if (o.borders) out.push(clip(rule(tl, tm, tr)));

  for (let row = 0; row < 5; row++) {
    const impact = 5 - row;
    const cells = [1, 2, 3, 4, 5].map((likelihood) => ({ impact, likelihood }));
    // The separator before each cell (and after the last): heavy where the boundary falls.
    const firstBeyond = cells.findIndex((c) => beyondAppetite(c, o));
    const sep = (i: number): Segment => (i === firstBeyond ? seg(m.boundary, 'text.title') : seg(m.rule, 'text.muted'));
    const rowLines = linesOf(row);
    const ids = cells.map((c) =>
      packIds(
        items.filter((x) => x.cell.impact === c.impact && x.cell.likelihood === c.likelihood).map((x) => idWord(x, o.movement, m)),
        inner,
        rowLines - 1,
      ),
    );
    for (let k = 0; k < rowLines; k++) {
      const line: Segment[] = [];
      const rowLabel = k === 0 ? `${impactLabel(impact, o.kind, layout.full).padEnd(layout.label - 2)} ${impact}` : k === 1 && row === 0 ? (layout.full ? '(impact)' : '(imp.)') : '';
      line.push(seg(fit(rowLabel, layout.label, 'left', m.ellipsis), k === 0 ? 'text.heading' : 'text.muted'));
      cells.forEach((c, i) => {
        const index = row * 5 + i;
        const here = index === o.cursor;
        line.push(sep(i));
        const score = c.impact * c.likelihood;
        const band = o.band(score);
        const token = here ? 'focus' : bandToken(band, o.kind);
        line.push(seg(here ? m.open : ' ', here ? 'focus' : 'text'));
        if (k === 0) {
          const beyond = beyondAppetite(c, o);
          const text = `${score}${inner >= 6 ? ' ' : ''}${(words ? band?.word : band?.letter) ?? ''}${beyond ? (inner >= 6 ? ' ' : '') + m.above : ''}`;
          line.push(seg(fit(text, inner, 'left', m.ellipsis), token));
        } else {
          const laid = ids[i]?.[k - 1] ?? [];
          const segs: Segment[] = laid.flatMap((w, j) => [...(j > 0 ? [seg(' ')] : []), ...w.segs]);
          const w = laid.reduce((n, x) => n + x.width, 0) + Math.max(0, laid.length - 1);
          const pad = seg(' '.repeat(Math.max(0, inner - w)));
          line.push(...(here ? segs.map((s) => ({ ...s, token: 'focus' as const })) : segs), here ? { ...pad, token: 'focus' as const } : pad);
        }
        line.push(seg(here ? m.close : ' ', here ? 'focus' : 'text'));
      });
      line.push(sep(5));
      out.push(clip(line));
    }
  }
  if (o.borders) out.push(clip(rule(bl, bm, br)));
  return out;
}

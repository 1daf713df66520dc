// A terminal screen for P6: fed the bytes ragtop wrote for a key, it says which cells changed
// (their character or their style), so that the bytes per key can be held to the bytes of what
// changed. The frame writer's own test (tests/e2e/frame-writer.test.ts) checks the writer against
// it too. It knows what ragtop's frame writer sends (src/cli/frame-writer.ts): cursor position,
// erase line and screen, cursor forward, scroll margins, delete and insert lines, SGR styling,
// private modes (ignored), CR and LF, autowrap off. Wide characters take two cells (string-width,
// as ragtop measures them). Anything else is an error: the bench must not guess.
import { Buffer } from 'node:buffer';
import stringWidth from 'string-width';

const blankCell = () => ({ ch: ' ', sgr: '' });

/**
 * The style after an SGR sequence, as a canonical string (two sequences that look alike compare
 * equal). Written apart from the frame writer's own (src/cli/frame-writer.ts applySgr) on purpose:
 * this screen is what the writer is checked against, so it must not share the writer's reading.
 */
function applySgr(style, params) {
  const st = style === '' ? {} : JSON.parse(style);
  const ps = params.length === 0 ? [0] : params;
  for (let i = 0; i < ps.length; i++) {
    const v = ps[i];
    if (v === 0) for (const k of Object.keys(st)) delete st[k];
    else if (v === 1) st.bold = 1;
    else if (v === 2) st.dim = 1;
    else if (v === 22) {
      delete st.bold;
      delete st.dim;
    }
    else if (v === 3) st.italic = 1;
    else if (v === 23) delete st.italic;
    else if (v === 4) st.underline = 1;
    else if (v === 24) delete st.underline;
    else if (v === 7) st.inverse = 1;
    else if (v === 27) delete st.inverse;
    else if (v === 9) st.strike = 1;
    else if (v === 29) delete st.strike;
    else if ((v >= 30 && v <= 37) || (v >= 90 && v <= 97)) st.fg = String(v);
    else if (v === 39) delete st.fg;
    else if ((v >= 40 && v <= 47) || (v >= 100 && v <= 107)) st.bg = String(v);
    else if (v === 49) delete st.bg;
    else if (v === 38 || v === 48) {
      const key = v === 38 ? 'fg' : 'bg';
      if (ps[i + 1] === 5) {
        st[key] = `5;${ps[i + 2]}`;
        i += 2;
      } else if (ps[i + 1] === 2) {
        st[key] = `2;${ps[i + 2]};${ps[i + 3]};${ps[i + 4]}`;
        i += 4;
      }
    }
  }
  const keys = Object.keys(st).sort();
  return keys.length === 0 ? '' : JSON.stringify(Object.fromEntries(keys.map((k) => [k, st[k]])));
}

export class Screen {
  constructor(rows, cols) {
    this.rows = rows;
    this.cols = cols;
    this.cells = Array.from({ length: rows }, () => this.blankRow());
    this.x = 0;
    this.y = 0;
    this.top = 0;
    this.bottom = rows - 1;
    this.sgr = '';
  }
  blankRow() {
    return Array.from({ length: this.cols }, blankCell);
  }
  scrollUp(k, from = this.top) {
    for (let i = 0; i < k; i++) {
      this.cells.splice(from, 1);
      this.cells.splice(this.bottom, 0, this.blankRow());
    }
  }
  scrollDown(k, from = this.top) {
    for (let i = 0; i < k; i++) {
      this.cells.splice(this.bottom, 1);
      this.cells.splice(from, 0, this.blankRow());
    }
  }
  write(s) {
    for (let i = 0; i < s.length; ) {
      const c = s[i];
      if (c === '\x1b') {
        // eslint-disable-next-line no-control-regex
        const m = /^\x1b\[(\??)([0-9;:]*)([A-Za-z])/.exec(s.slice(i, i + 32));
        if (!m) throw new Error(`screen: unknown escape ${JSON.stringify(s.slice(i, i + 8))}`);
        i += m[0].length;
        const [, priv, params, op] = m;
        if (priv) continue;
        const p = params === '' ? [] : params.split(/[;:]/).map(Number);
        const n = (k, d) => (p[k] === undefined || p[k] === 0 ? d : p[k]);
        if (op === 'm') this.sgr = applySgr(this.sgr, p);
        else if (op === 'H') {
          this.y = Math.min(this.rows - 1, n(0, 1) - 1);
          this.x = Math.min(this.cols - 1, n(1, 1) - 1);
        } else if (op === 'K') {
          const mode = p[0] ?? 0;
          const row = this.cells[this.y];
          for (let x = mode === 2 ? 0 : this.x; x < this.cols; x++) row[x] = blankCell();
        } else if (op === 'J') {
          if ((p[0] ?? 0) === 2) this.cells = Array.from({ length: this.rows }, () => this.blankRow());
          else {
            for (let x = this.x; x < this.cols; x++) this.cells[this.y][x] = blankCell();
            for (let y = this.y + 1; y < this.rows; y++) this.cells[y] = this.blankRow();
          }
        } else if (op === 'C') this.x = Math.min(this.cols - 1, this.x + n(0, 1));
        else if (op === 'r') {
          const t = n(0, 1) - 1;
          const b = n(1, this.rows) - 1;
          if (t < b) [this.top, this.bottom] = [t, b];
          else [this.top, this.bottom] = [0, this.rows - 1];
          this.x = 0;
          this.y = 0;
        } else if (op === 'S') this.scrollUp(n(0, 1));
        else if (op === 'T') this.scrollDown(n(0, 1));
        else if (op === 'M' || op === 'L') {
          if (this.y >= this.top && this.y <= this.bottom) (op === 'M' ? this.scrollUp : this.scrollDown).call(this, Math.min(n(0, 1), this.bottom - this.y + 1), this.y);
          this.x = 0;
        } else throw new Error(`screen: unhandled CSI ${op}`);
        continue;
      }
      const cp = s.codePointAt(i);
      const ch = String.fromCodePoint(cp);
      i += ch.length;
      if (ch === '\r') this.x = 0;
      else if (ch === '\n') {
        if (this.y === this.bottom) this.scrollUp(1);
        else this.y = Math.min(this.rows - 1, this.y + 1);
      } else {
        const w = Math.max(1, stringWidth(ch));
        const row = this.cells[this.y];
        row[this.x] = { ch, sgr: this.sgr };
        if (w === 2 && this.x + 1 < this.cols) row[this.x + 1] = { ch: '', sgr: this.sgr };
        // Autowrap off: the last column is overwritten, the cursor stays.
        this.x = Math.min(this.cols - 1, this.x + w);
      }
    }
  }
  /** What each row shows, without trailing blanks. */
  text() {
    return this.cells.map((r) => r.map((c) => c.ch).join('').trimEnd());
  }
  /** A copy of the cells, to compare with later. */
  snapshot() {
    return this.cells.map((r) => r.map((c) => ({ ...c })));
  }
}

/** The cells that differ between two snapshots (character or style), and their characters' UTF-8 bytes. */
export function changedCells(before, after) {
  let cells = 0;
  let bytes = 0;
  for (let y = 0; y < after.length; y++) {
    for (let x = 0; x < after[y].length; x++) {
      const a = before[y]?.[x];
      const b = after[y][x];
      if (!a || a.ch !== b.ch || a.sgr !== b.sgr) {
        cells++;
        bytes += Buffer.byteLength(b.ch || '');
      }
    }
  }
  return { cells, bytes };
}

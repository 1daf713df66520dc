// Presenter mode's audience slides: one agenda item at the size of the screen, for a room rather
// than an analyst. Every `show:` kind has one: the overview (the headline in big figures, RAG
// counts per priority, new reds), a priority (its counts big, its KPIs red then amber then green),
// a KPI (its figure big, RAG, target, a large trend chart, three commentary points), the register,
// one register entry (its three scores big), the heat grid (large), the exceptions, the finance
// table, and a text item (its title, large and centred). Speaker notes are never drawn here.
//
// Each slide fits its size exactly (lines ≤ height, each ≤ width) and grows into the space of a big
// terminal: bigger figures, a taller chart, more rows, roomier spacing. Where a list is longer
// than the screen the cursor scrolls it (`size` is how far). Pure.

import type { AgendaEntry } from './agenda.js';
import { type Model } from './model.js';
import type { ScreenView } from './screen.js';
import { clipLine, type Line } from './styled.js';
import { type Body, type Ctx, type SlideParams } from './slides/common.js';
import { drawText } from './glyphs.js';
import { exceptionsSlide, overviewSlide, prioritySlide } from './slides/lists.js';
import { kpiSlide } from './slides/kpi.js';
import { registerSlide, riskSlide } from './slides/register.js';
import { financeSlide, heatgridSlide, textSlide } from './slides/grid-finance.js';

export { slidePoints } from './slides/kpi.js';
export type { SlideParams } from './slides/common.js';

// ---------------------------------------------------------------------------------------------

/**
 * The audience slide for one agenda item at `params.width` × `params.height` (the whole body; the
 * footer is drawn by the caller). The cursor scrolls a slide whose list is longer than the screen.
 */
export function slideView(model: Model, entry: AgendaEntry, params: SlideParams): ScreenView {
  const width = Math.max(1, params.width);
  const height = Math.max(1, params.height);
  const period = Math.max(0, Math.min(params.period, model.ev.periods.length - 1));
  const g = model.glyphs;
  const ctx: Ctx = {
    model,
    g,
    width,
    height,
    period,
    label: model.periodLabels[period] ?? '',
    cursor: Math.max(0, params.cursor),
    ...(params.meeting !== undefined ? { meeting: params.meeting } : {}),
    mark: { dot: g.dot, bullet: g.bullet, up: g.up, down: g.down, times: g.times, dash: g.dash },
  };
  const title = entry.title;
  const show = entry.show;
  let body: Body;
  switch (show.kind) {
    case 'overview':
      body = overviewSlide(ctx, title);
      break;
    case 'priority':
      body = prioritySlide(ctx, title, show.id);
      break;
    case 'kpi':
      body = kpiSlide(ctx, title, show.id);
      break;
    case 'register':
      body = registerSlide(ctx, title);
      break;
    case 'risk':
      body = riskSlide(ctx, title, show.id);
      break;
    case 'heatgrid':
      body = heatgridSlide(ctx, title);
      break;
    case 'exceptions':
      body = exceptionsSlide(ctx, title);
      break;
    case 'finance':
      body = financeSlide(ctx, title, params);
      break;
    case 'text':
      body = textSlide(ctx, title);
      break;
  }
  // Everything within the size: the lines, the table (rows + 4 lines) and the lines after it.
  // Drawn with the glyph set (in ASCII, data text transliterated) before it is cut to the width.
  const clip = (l: Line) => clipLine(g.ascii ? l.map((x) => ({ ...x, text: drawText(x.text, g) })) : l, width, g.ellipsis);
  const tableLines = body.table ? body.table.rows.length + 4 : 0;
  const lines = body.lines.slice(0, Math.max(0, height - tableLines)).map(clip);
  const after = body.after ? body.after.slice(0, Math.max(0, height - lines.length - tableLines)).map(clip) : undefined;
  return {
    title,
    lines,
    ...(body.table ? { table: body.table } : {}),
    ...(after ? { after } : {}),
    size: Math.max(1, body.size ?? 1),
    targets: [],
    sortColumns: 0,
  };
}

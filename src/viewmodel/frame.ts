// The frame around every screen: the header (organisation, catalogue, period, findings), the
// breadcrumbs of the screen stack, and the footer (key hints, or the filter / jump prompt).

import { UNICODE_GLYPHS, type Glyphs } from './glyphs.js';
import type { Model } from './model.js';
import { clipLine, fit, seg, textWidth, truncate, type Line } from './styled.js';

export function headerLine(model: Model, period: number, width: number, title: string, organisation: string): Line {
  const errors = model.findingCounts.error;
  const warnings = model.findingCounts.warning;
  const label = model.periodLabels[period] ?? '';
  const g = model.glyphs;
  const left = period > 0 ? `${g.current} ` : '  ';
  const right = period < model.periodLabels.length - 1 ? ` ${g.cursor}` : '  ';
  const findings = model.checking ? `checking ${g.ellipsis}` : `${errors} error${errors === 1 ? '' : 's'} ${warnings} warning${warnings === 1 ? '' : 's'}`;
  const rightPart: Line = [seg(left, 'text.muted'), seg(label, 'header'), seg(right, 'text.muted'), seg('  '), seg(findings, model.checking ? 'text.muted' : errors > 0 ? 'error' : warnings > 0 ? 'warning' : 'text.muted')];
  const rightW = rightPart.reduce((n, s) => n + textWidth(s.text), 0);
  const leftW = Math.max(0, width - rightW - 1);
  const name = truncate(`${organisation} ${g.dot} ${title}`, leftW, g.ellipsis);
  return clipLine([seg(fit(name, leftW, 'left', g.ellipsis), 'text.title'), seg(' '), ...rightPart], width, g.ellipsis);
}

export function breadcrumbLine(titles: readonly string[], width: number, g: Glyphs = UNICODE_GLYPHS): Line {
  const sep = ` ${g.crumb} `;
  let parts = [...titles];
  // Drop from the left (keeping the current screen) until it fits, the "… › " included.
  const widthOf = (p: readonly string[]) => textWidth(p.join(sep)) + (p.length < titles.length ? textWidth(`${g.ellipsis}${sep}`) : 0);
  while (parts.length > 1 && widthOf(parts) > width) parts = parts.slice(1);
  const shown = parts.length < titles.length ? [g.ellipsis, ...parts] : parts;
  const line: Line = shown.flatMap((t, i) => [...(i > 0 ? [seg(sep, 'text.muted')] : []), seg(t, i === shown.length - 1 ? 'text.heading' : 'text.muted')]);
  return clipLine(line, width, g.ellipsis);
}

export function footerLine(kind: 'hints' | 'filter' | 'command' | 'status', text: string, width: number, hint = '', g: Glyphs = UNICODE_GLYPHS): Line {
  switch (kind) {
    case 'filter':
      return clipLine([seg('/', 'focus'), seg(text), seg(g.bar, 'text.muted'), seg(`  Enter keep ${g.dot} Esc clear`, 'text.muted')], width, g.ellipsis);
    case 'command':
      return clipLine([seg(':', 'focus'), seg(text), seg(g.bar, 'text.muted'), seg(hint ? `  ${hint}` : '', 'text.muted')], width, g.ellipsis);
    case 'status':
      return clipLine([seg(text, 'warning')], width, g.ellipsis);
    case 'hints':
      return clipLine([seg(text, 'text.muted')], width, g.ellipsis);
  }
}

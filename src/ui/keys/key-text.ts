// The key table as text: the footer's hints, the README's tables and `ragtop --help`'s key list,
// each generated from KEYMAP (keymap.ts), never written by hand.

import { bindingName, KEYMAP, SCOPE_TITLES, specOf, type CommandId, type CommandSpec, type Scope } from './keymap.js';

/** A hint's keys: the first binding, and a second when it is a letter (the vi key: "↓/j"). */
function hintKeys(spec: CommandSpec): string {
  const [first, second] = spec.keys;
  const names = [first, ...(second && 'char' in second && /^[a-z]$/i.test(second.char) ? [second] : [])];
  return names.flatMap((b) => (b ? [bindingName(b)] : [])).join('/');
}

export function keyHints(ids: readonly CommandId[]): string {
  return ids.map((id) => `${hintKeys(specOf(id))} ${specOf(id).description.split(/ \(|:/)[0]}`).join(' · ');
}

/** The keys of a scope as a markdown table (the README's key tables are these, word for word). */
export function keyTableMarkdown(scope: Scope): string {
  const rows = KEYMAP.filter((c) => c.scope === scope).map((c) => `| ${c.label.replace(/\|/g, '\\|')} | ${c.description} |`);
  return ['| key | does |', '|---|---|', ...rows].join('\n');
}

/** The scopes `ragtop --help` lists, in its order. */
const HELP_SCOPES: readonly Scope[] = ['analyst', 'grid', 'presenting', 'goto', 'index', 'notes', 'global'];

/** The key list of `ragtop --help`: each scope's keys, "label description" packed into `width` columns. */
export function keyHelpText(width = 96): string {
  const out: string[] = [];
  for (const scope of HELP_SCOPES) {
    out.push(`  ${SCOPE_TITLES[scope]}:`);
    let line = '   ';
    for (const c of KEYMAP.filter((x) => x.scope === scope)) {
      const item = ` ${c.label} ${c.description}`;
      if (line.length + item.length + 2 > width && line.trim() !== '') {
        out.push(line);
        line = '   ';
      }
      line += line.trim() === '' ? item : ` ·${item}`;
    }
    if (line.trim() !== '') out.push(line);
  }
  return out.join('\n');
}

// The themes' names, on their own: the command line checks and lists them (--help, --theme,
// `ragtop config`, the preferences) without loading the themes themselves.

/** Every theme, in the order they are listed. */
export const THEME_NAMES = ['default', 'high-contrast', 'colour-blind-safe', 'mono'] as const;
export type ThemeName = (typeof THEME_NAMES)[number];

export function isThemeName(name: string): name is ThemeName {
  return THEME_NAMES.some((n) => n === name);
}

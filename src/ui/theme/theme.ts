// Theme tokens: components name a meaning (rag.red, focus, text.muted), never a colour.
// Meaning never rests on colour alone: every RAG has its symbol and word, every band its label.


import type { Token } from '../../viewmodel/styled.js';
import type { ThemeName } from './names.js';

export type { Token, ThemeName };

export interface Style {
  readonly color?: string;
  readonly backgroundColor?: string;
  readonly bold?: boolean;
  readonly inverse?: boolean;
  readonly dimColor?: boolean;
  readonly underline?: boolean;
}

export interface Theme {
  readonly name: ThemeName;
  readonly styles: Readonly<Record<Token, Style>>;
}

const common = {
  text: {},
  'text.muted': { dimColor: true },
  'text.title': { bold: true },
  'text.heading': { bold: true, underline: true },
  focus: { inverse: true },
  header: { bold: true },
  'blank.white': { inverse: true },
} as const;

const DEFAULT: Theme = {
  name: 'default',
  styles: {
    ...common,
    'rag.green': { color: 'green' },
    'rag.amber': { color: 'yellow' },
    'rag.red': { color: 'red', bold: true },
    'rag.unrated': { dimColor: true },
    'band.low': { color: 'green' },
    'band.medium': { color: 'yellow' },
    'band.high': { color: 'redBright' },
    'band.critical': { color: 'red', bold: true },
    better: { color: 'green' },
    worse: { color: 'red' },
    error: { color: 'red', bold: true },
    warning: { color: 'yellow' },
    info: { color: 'cyan' },
    'chart.value': { color: 'cyan' },
    'chart.target': { color: 'yellow' },
  },
};

const HIGH_CONTRAST: Theme = {
  name: 'high-contrast',
  styles: {
    ...common,
    'text.muted': {},
    'rag.green': { color: 'black', backgroundColor: 'greenBright', bold: true },
    'rag.amber': { color: 'black', backgroundColor: 'yellowBright', bold: true },
    'rag.red': { color: 'whiteBright', backgroundColor: 'red', bold: true },
    'rag.unrated': { bold: true },
    'band.low': { color: 'black', backgroundColor: 'greenBright' },
    'band.medium': { color: 'black', backgroundColor: 'yellowBright' },
    'band.high': { color: 'black', backgroundColor: 'redBright' },
    'band.critical': { color: 'whiteBright', backgroundColor: 'red', bold: true },
    better: { color: 'greenBright', bold: true },
    worse: { color: 'redBright', bold: true },
    error: { color: 'redBright', bold: true },
    warning: { color: 'yellowBright', bold: true },
    info: { color: 'cyanBright' },
    'chart.value': { color: 'whiteBright', bold: true },
    'chart.target': { color: 'yellowBright' },
  },
};

// Blue and orange read apart for the common colour-vision deficiencies (Okabe–Ito palette).
const COLOUR_BLIND_SAFE: Theme = {
  name: 'colour-blind-safe',
  styles: {
    ...common,
    'rag.green': { color: '#0072B2' },
    'rag.amber': { color: '#E69F00' },
    'rag.red': { color: '#D55E00', bold: true },
    'rag.unrated': { dimColor: true },
    'band.low': { color: '#0072B2' },
    'band.medium': { color: '#F0E442' },
    'band.high': { color: '#E69F00' },
    'band.critical': { color: '#D55E00', bold: true },
    better: { color: '#0072B2' },
    worse: { color: '#D55E00' },
    error: { color: '#D55E00', bold: true },
    warning: { color: '#E69F00' },
    info: { color: '#56B4E9' },
    'chart.value': { color: '#56B4E9' },
    'chart.target': { color: '#E69F00' },
  },
};

/** No colour at all (NO_COLOR, --no-color, TERM=dumb): emphasis by bold and inverse only. */
const MONO: Theme = {
  name: 'mono',
  styles: {
    ...common,
    'text.muted': {},
    'rag.green': {},
    'rag.amber': { bold: true },
    'rag.red': { bold: true },
    'rag.unrated': {},
    'band.low': {},
    'band.medium': {},
    'band.high': { bold: true },
    'band.critical': { bold: true },
    better: {},
    worse: { bold: true },
    error: { bold: true },
    warning: { bold: true },
    info: {},
    'chart.value': {},
    'chart.target': {},
  },
};

export const THEMES: Readonly<Record<ThemeName, Theme>> = {
  default: DEFAULT,
  'high-contrast': HIGH_CONTRAST,
  'colour-blind-safe': COLOUR_BLIND_SAFE,
  mono: MONO,
};


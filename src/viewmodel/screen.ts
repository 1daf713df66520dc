// What a screen's viewmodel gives the UI: lines ready to draw, the selectable items and what
// Enter opens for each. Screens are pure functions of (model, parameters, size).

import type { CellKey } from './heatgrid.js';
import type { Line, Token } from './styled.js';

/** What Enter opens: a priority, a KPI, a register entry, or the entries of a heat-grid cell. */
export type Target =
  | { readonly kind: 'priority'; readonly id: string }
  | { readonly kind: 'kpi'; readonly id: string }
  | { readonly kind: 'risk'; readonly id: string }
  | { readonly kind: 'cell'; readonly id: CellKey }
  /** A top-level analyst view (presenter mode drills into these). */
  | { readonly kind: 'view'; readonly id: 'overview' | 'register' | 'heatgrid' | 'finance' };

/** The heat grid's toggles: which assessment is placed, risks or opportunities, last period's places. */
export interface GridOptions {
  readonly assessment: 'inherent' | 'residual' | 'target';
  readonly kind: 'risk' | 'opportunity';
  readonly movement: boolean;
}

export const DEFAULT_GRID: GridOptions = { assessment: 'residual', kind: 'risk', movement: false };

export interface TableColumn {
  readonly key: string;
  readonly label: string;
  readonly width: number;
  readonly align?: 'left' | 'right';
}

/** A table drawn with the table component: rows of cell text, already cut to their columns. */
export interface TableView {
  readonly columns: readonly TableColumn[];
  readonly rows: ReadonlyArray<Readonly<Record<string, string>>>;
  /** The token of each row's RAG cell. */
  readonly rowTokens: readonly Token[];
  /** Index in `rows` of the row under the cursor, or -1. */
  readonly cursorRow: number;
  readonly above: boolean;
  readonly below: boolean;
}

export interface ScreenParams {
  readonly period: number;
  readonly cursor: number;
  readonly filter: string;
  readonly sortColumn: number;
  readonly width: number;
  readonly height: number;
  /** The heat grid's toggles (shared by the grid and the cell lists opened from it); default DEFAULT_GRID. */
  readonly grid?: GridOptions;
  /** Presenter mode's overlays (blank screen, agenda index). */
  readonly present?: { readonly item: number; readonly blank?: 'black' | 'white'; readonly index: boolean; readonly indexCursor: number };
}

export interface ScreenView {
  /** The breadcrumb label. */
  readonly title: string;
  /** Lines to draw (≤ height, each ≤ width). With a table, the lines drawn above it. */
  readonly lines: readonly Line[];
  readonly table?: TableView;
  /** Lines drawn below a table. */
  readonly after?: readonly Line[];
  /** How many items the cursor moves over. */
  readonly size: number;
  /** What Enter opens, by item index. */
  readonly targets: readonly (Target | undefined)[];
  /** How many columns `s` cycles through (0: not sortable). */
  readonly sortColumns: number;
}

// The columns of an observation as recorded (the period file's fields, data-format.md §2), as a
// spreadsheet heads them: `export --format xlsx` writes these headers for its recorded columns and
// `import` recognises them (and the other names each lists), case- and spacing-insensitively.
// What is derived for display (running totals, the target used, the computed RAG) is never one.

export const RECORDED_FIELDS = ['metric', 'title', 'value', 'numerator', 'denominator', 'as_of', 'rag', 'target', 'target_label', 'flags', 'note'] as const;
export type RecordedField = (typeof RECORDED_FIELDS)[number];

/** Each field's header as written (first) and the other headers read as it. */
export const RECORDED_HEADERS: Readonly<Record<RecordedField, readonly [string, ...string[]]>> = {
  metric: ['Metric id', 'id', 'kpi id', 'indicator id'],
  title: ['Metric title', 'metric', 'metric name', 'title', 'kpi', 'kpi title', 'kpi name', 'indicator', 'name'],
  value: ['Value', 'latest value', 'figure', 'actual', 'result', 'outturn'],
  numerator: ['Numerator'],
  denominator: ['Denominator'],
  as_of: ['As of', 'as of date', 'as at', 'as at date'],
  rag: ['Reported RAG', 'rag', 'rag status', 'reported rag status', 'status'],
  target: ['Target override', 'period target', 'target for the period'],
  target_label: ['Target label', 'target as published'],
  flags: ['Flags', 'flag'],
  note: ['Note', 'notes', 'comment', 'comments'],
};

/** A benchmark's column: `Benchmark national` (the header names the benchmark). */
export const BENCHMARK_HEADER_PREFIX = 'Benchmark';

/** A header as compared: lower case, spaces, underscores and hyphens as one space, trimmed. */
export function headerKey(header: string): string {
  return header.toLowerCase().replace(/[\s_-]+/g, ' ').trim();
}

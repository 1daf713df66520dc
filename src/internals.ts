// Not part of the app: the internal functions that the benchmark scripts, the schema writer and
// the worker-thread tests call, built into the same bundle as the app (dist/app/internals.js, the
// same chunks), so that what they measure and test is what users run.

export * as source from './load/source.js';
export * as fast from './load/fast.js';
export * as limits from './load/limits.js';
export * as load from './load/load.js';
export * as fileThread from './load/file-thread.js';
export * as periodWorker from './load/period-worker.js';
export * as jsonSchema from './load/json-schema.js';
export * as evaluate from './domain/evaluate.js';
export * as checks from './domain/checks.js';
export * as model from './viewmodel/model.js';
export * as glyphs from './viewmodel/glyphs.js';
export * as overview from './viewmodel/overview-screen.js';
export * as report from './cli/report.js';
export * as sync from './cli/sync.js';
export * as read from './load/read.js';

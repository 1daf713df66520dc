// Starting one of the load's worker threads (the period-file worker, the file reader): both run
// a module compiled next to this one, and both do without a worker when it cannot start.

import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';

/**
 * A worker running the module at `url` with `workerData`, or undefined when it cannot start. Run
 * from the TypeScript sources (the tests) there is no compiled module, and the caller does the
 * work on its own thread.
 */
export function startWorker(url: URL, workerData?: unknown): Worker | undefined {
  if (url.protocol !== 'file:' || !existsSync(fileURLToPath(url))) return undefined;
  try {
    // Node's own options pass on (memory limits, say), but not those about the main script
    // (`node --input-type=module -e …` would stop the worker from starting).
    const execArgv = process.execArgv.filter((a) => a.startsWith('--') && !/^--(input-type|eval|print)\b/.test(a));
    return new Worker(url, { ...(workerData === undefined ? {} : { workerData }), execArgv });
  } catch {
    return undefined;
  }
}

// The main thread's side of the period-file worker. The two threads share the files of a large
// data set: the load reads them from the first on, the worker from the last back, each claiming a
// file before reading it (an atomic compare-and-swap on a shared array), until they meet. So the
// faster side reads more, and the main thread never waits for a file it could read itself. A
// worker's result is handed over when the load asks for that file. Anything that goes wrong with
// the worker (it cannot start, it fails, it exits) only means the main thread reads those files
// itself: the load's outcome never depends on the worker.

import type { Worker } from 'node:worker_threads';
import type { PeriodPlan, PeriodResult } from './load.js';
import { startWorker } from './start-worker.js';

/** Below this much period data (or four files), a worker's start costs more than it saves. */
export const WORKER_MIN_BYTES = 4 * 1024 * 1024;
const WORKER_MIN_FILES = 4;

export class PeriodWorker {
  private readonly results = new Map<number, PeriodResult>();
  private readonly waiting = new Map<number, (r: PeriodResult | undefined) => void>();
  private broken = false;

  private constructor(
    private readonly worker: Worker,
    /** Per file: 0 not claimed yet, 1 the main thread's, 2 the worker's. */
    private readonly claims: Int32Array,
  ) {
    worker.on('message', (m: { i: number; result: PeriodResult }) => {
      const w = this.waiting.get(m.i);
      if (w) {
        this.waiting.delete(m.i);
        w(m.result);
      } else this.results.set(m.i, m.result);
    });
    const fail = () => {
      this.broken = true;
      for (const w of this.waiting.values()) w(undefined);
      this.waiting.clear();
    };
    worker.on('error', fail);
    worker.on('exit', fail);
  }

  /** A worker sharing the period files, or undefined when not worth it. */
  static start(plan: PeriodPlan, want: 'auto' | boolean): PeriodWorker | undefined {
    const bytes = plan.jobs.reduce((n, j) => n + j.bytes, 0);
    if (want === false || (want === 'auto' && (plan.jobs.length < WORKER_MIN_FILES || bytes < WORKER_MIN_BYTES))) return undefined;
    const claims = new Int32Array(new SharedArrayBuffer(4 * plan.jobs.length));
    // Compiled next to this module (dist/load/worker.js).
    const worker = startWorker(new URL('./worker.js', import.meta.url), { plan, claims });
    return worker ? new PeriodWorker(worker, claims) : undefined;
  }

  /**
   * The worker's result for file i, when the worker claimed it; undefined when the main thread
   * has it to read (claimed now) or the worker can no longer give it.
   */
  take(i: number): Promise<PeriodResult | undefined> {
    if (Atomics.compareExchange(this.claims, i, 0, 1) === 0) return Promise.resolve(undefined);
    const done = this.results.get(i);
    if (done) {
      this.results.delete(i);
      return Promise.resolve(done);
    }
    if (this.broken) return Promise.resolve(undefined);
    return new Promise((resolve) => this.waiting.set(i, resolve));
  }

  stop(): void {
    void this.worker.terminate();
  }
}

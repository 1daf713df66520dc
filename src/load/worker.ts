// The worker thread of a large load (see period-worker.ts): claims period files from the last
// back until it meets the main thread, and posts each result as soon as it has it.

import { parentPort, workerData } from 'node:worker_threads';
import { periodFile, type PeriodPlan } from './load.js';

// What period-worker.ts starts this thread with (workerData is typed any).
const { plan, claims } = workerData as { plan: PeriodPlan; claims: Int32Array };
for (let i = plan.jobs.length - 1; i >= 0; i--) {
  // The main thread claims from the first file on: once one is taken, so are all before it.
  if (Atomics.compareExchange(claims, i, 0, 2) !== 0) break;
  const job = plan.jobs[i];
  if (job) parentPort?.postMessage({ i, result: periodFile(job, plan) });
}

// The worker thread that reads one file of a load at a time for the main thread (see
// file-thread.ts): the same function, the answer posted back.

import { parentPort } from 'node:worker_threads';
import { readStep, type FileStep } from './load.js';

parentPort?.on('message', (m: { id: number; step: FileStep }) => {
  parentPort?.postMessage({ id: m.id, answer: readStep(m.step) });
});

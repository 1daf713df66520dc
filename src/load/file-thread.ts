// Reading a file of a load off the main thread, so that no single file holds it: a hostile file
// under the size limits can still take the careful YAML reader seconds, and the app must answer
// q, Ctrl-C and SIGTERM meanwhile. A file of OFF_THREAD_BYTES or more is sent to a worker thread
// (file-worker.ts), which reads it exactly as the main thread would; the main thread waits with
// its event loop free, asking every 50 ms whether to stop, and gives the file a time budget.
// Stopping or running out of time ends the worker (a new one starts for the next file).

import type { Worker } from 'node:worker_threads';
import type { Finding } from '../domain/types.js';
import type { FileStep } from './load.js';
import { readStep } from './load.js';
import { finding } from './limits.js';
import { startWorker } from './start-worker.js';

/** Files smaller than this are read on the main thread (tens of milliseconds at worst). */
export const OFF_THREAD_BYTES = 64 * 1024;

/** How long a worker may read a file: 10 s, and 2 s more per MiB (a large legitimate catalogue). */
export const fileBudget = (bytes: number): number => 10_000 + Math.ceil((2_000 * bytes) / (1024 * 1024));

const POLL_MS = 50;

type Answer = ReturnType<typeof readStep>;

/**
 * What `p` gives, or 'cancelled' as soon as `cancelled()` says so (asked every 50 ms while `p`
 * has not settled): for a wait on another thread, which this thread can stop waiting for.
 */
export function unlessCancelled<T>(p: Promise<T>, cancelled?: () => boolean): Promise<T | 'cancelled'> {
  if (!cancelled) return p;
  return new Promise((resolve, reject) => {
    const poll = setInterval(() => {
      if (!cancelled()) return;
      clearInterval(poll);
      resolve('cancelled');
    }, POLL_MS);
    p.then(
      (v) => {
        clearInterval(poll);
        resolve(v);
      },
      (e: unknown) => {
        clearInterval(poll);
        reject(e instanceof Error ? e : new Error(String(e)));
      },
    );
  });
}

export class FileReader {
  private worker: Worker | undefined;
  private unavailable = false;
  private next = 0;

  constructor(private readonly budgetMs?: number) {}

  /** Reads the file of a step; 'cancelled' when `cancelled()` said so while it was read. */
  async read(step: FileStep, cancelled?: () => boolean): Promise<Answer | 'cancelled'> {
    const worker = step.job.bytes >= OFF_THREAD_BYTES ? this.start() : undefined;
    if (!worker) return readStep(step);
    const id = this.next++;
    const budget = this.budgetMs ?? fileBudget(step.job.bytes);
    const outcome = await new Promise<{ answer: Answer } | 'cancelled' | 'timeout' | 'failed'>((resolve) => {
      const started = Date.now();
      const done = (o: { answer: Answer } | 'cancelled' | 'timeout' | 'failed') => {
        clearInterval(poll);
        worker.off('message', onMessage);
        worker.off('error', onFail);
        worker.off('exit', onFail);
        resolve(o);
      };
      const onMessage = (m: { id: number; answer: Answer }) => {
        if (m.id === id) done({ answer: m.answer });
      };
      const onFail = () => done('failed');
      const poll = setInterval(() => {
        if (cancelled?.()) done('cancelled');
        else if (Date.now() - started > budget) done('timeout');
      }, POLL_MS);
      worker.on('message', onMessage);
      worker.once('error', onFail);
      worker.once('exit', onFail);
      try {
        worker.postMessage({ id, step });
      } catch {
        onFail();
      }
    });
    if (typeof outcome === 'object') return outcome.answer;
    this.stop();
    if (outcome === 'cancelled') return 'cancelled';
    if (outcome === 'timeout') return { findings: [tooSlow(step, budget)] };
    // The worker failed (it could not start, or the result could not be sent): this thread reads
    // the file, as it would without a worker.
    this.unavailable = true;
    return readStep(step);
  }

  stop(): void {
    const w = this.worker;
    this.worker = undefined;
    if (w) void w.terminate();
  }

  private start(): Worker | undefined {
    if (this.worker || this.unavailable) return this.worker;
    // Compiled next to this module (dist/load/file-worker.js).
    const worker = startWorker(new URL('./file-worker.js', import.meta.url));
    if (!worker) {
      this.unavailable = true;
      return undefined;
    }
    // A worker that fails between files is gone: the next file starts a new one. (Without a
    // listener, its error would be an unhandled 'error' event, ending the app.)
    worker.on('error', () => {
      if (this.worker === worker) this.worker = undefined;
    });
    // An idle worker does not keep the process alive.
    worker.unref();
    this.worker = worker;
    return worker;
  }
}

function tooSlow(step: FileStep, budget: number): Finding {
  const seconds = Math.round(budget / 100) / 10;
  return finding('READ_ERROR', 'error', { file: step.job.shownAs, line: 1, col: 1 }, `reading the file took longer than ${seconds} s, so it was stopped: make it smaller or plainer (no anchors, tags or repeated keys)`);
}

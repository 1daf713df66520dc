// What the app shows can change while it runs (a data file saved): a tiny external store holding
// the current model and, when the last reload failed, a banner naming the problem.
import type { Model } from '../viewmodel/model.js';

export interface LiveData {
  readonly model: Model;
  /** Set while the files on disk do not load: the last good data stays on screen. */
  readonly banner?: string;
}

export interface LiveStore {
  readonly get: () => LiveData;
  set(next: LiveData): void;
  readonly subscribe: (listener: () => void) => () => void;
}

export function liveStore(initial: LiveData): LiveStore {
  let data = initial;
  const listeners = new Set<() => void>();
  return {
    get: () => data,
    set(next) {
      data = next;
      for (const l of listeners) l();
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

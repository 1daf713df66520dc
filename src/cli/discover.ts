// The speaker notes find the running presenters: each presenter publishes on its own socket in
// the user's runtime directory (sync.ts), so the notes list the directory, ask each socket for its
// state, and follow the one presenter there is (of the catalogue named, when one is named). With
// several, the notes list them and the speaker picks one by its number; when the followed
// presenter closes or goes away, the notes look again (a restarted presenter has a new socket).

import { readdirSync, unlinkSync } from 'node:fs';
import path from 'node:path';
import { errorCode } from '../domain/guards.js';
import type { PresenterState } from '../viewmodel/agenda.js';
import { follow, readOnce, RETRY_MS, runtimeDir, SOCKET_NAME, type Follower, type NotesStatus } from './sync.js';

/** A presenter that answered: its socket and its latest state. */
export interface Running {
  readonly socket: string;
  readonly state: PresenterState;
}

/** At most this many sockets are asked (a directory full of them is not a reason to hang). */
const MAX_SOCKETS = 64;
/** How long one socket is given to answer. */
const ASK_MS = 400;

/** The process a socket's name says published on it: `present-<catalogue>-<pid>.sock`. */
const PID = /-(\d+)\.sock$/;

/** The socket's presenter is gone for good: its process no longer exists. */
function processGone(name: string): boolean {
  const pid = Number(PID.exec(name)?.[1] ?? NaN);
  if (!Number.isSafeInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return false;
  } catch (e) {
    return errorCode(e) === 'ESRCH';
  }
}

/** The presenters running now (those whose socket answers with a state), earliest meeting first. */
export async function discover(env: NodeJS.ProcessEnv, catalogueId?: string): Promise<Running[]> {
  const dir = runtimeDir(env);
  let names: string[];
  try {
    names = readdirSync(dir).filter((n) => SOCKET_NAME.test(n));
  } catch {
    return [];
  }
  // A presenter killed outright leaves its socket behind: one that does not answer and whose
  // process is gone is removed (the directory is ours and private), so they never pile up and
  // crowd live presenters out of the number asked. Those of live processes are asked first.
  const gone = new Set(names.filter(processGone));
  const ordered = [...names.filter((n) => !gone.has(n)).sort(), ...[...gone].sort()].slice(0, MAX_SOCKETS);
  const asked = await Promise.all(ordered.map(async (n) => ({ name: n, socket: path.join(dir, n), state: await readOnce(path.join(dir, n), ASK_MS) })));
  for (const a of asked) {
    if (a.state !== undefined || !gone.has(a.name)) continue;
    try {
      unlinkSync(a.socket);
    } catch {
      // gone already
    }
  }
  return asked
    .flatMap((r): Running[] => (r.state !== undefined && !r.state.ended && (catalogueId === undefined || r.state.catalogue === catalogueId) ? [{ socket: r.socket, state: r.state }] : []))
    .sort((a, b) => a.state.meetingStartedAt - b.state.meetingStartedAt);
}

export interface Finder {
  /** Follows presenter n (1-based) of those listed by onChoices. */
  choose(n: number): void;
  stop(): void;
}

/**
 * Looks for presenters every `retryMs` until there is one to follow (or the speaker chooses one
 * of several), follows it, and looks again when it closes or goes away.
 */
export function findPresenter(
  env: NodeJS.ProcessEnv,
  catalogueId: string | undefined,
  onState: (state: PresenterState) => void,
  onStatus: (status: NotesStatus) => void,
  onChoices: (choices: readonly PresenterState[]) => void,
  retryMs = RETRY_MS,
): Finder {
  let stopped = false;
  let following: Follower | undefined;
  let timer: NodeJS.Timeout | undefined;
  let choices: readonly Running[] = [];
  const later = () => {
    if (!stopped && !following) timer = setTimeout(() => void scan(), retryMs);
  };
  const start = (socket: string) => {
    if (timer) clearTimeout(timer);
    choices = [];
    onChoices([]);
    following = follow(
      socket,
      onState,
      (s) => {
        onStatus(s);
        if (s !== 'ended' && s !== 'lost') return;
        following?.stop();
        following = undefined;
        later();
      },
      retryMs,
    );
  };
  const scan = async () => {
    timer = undefined;
    if (stopped || following) return;
    const found = await discover(env, catalogueId);
    if (stopped || following) return;
    if (found.length === 1 && found[0]) return start(found[0].socket);
    choices = found;
    onChoices(found.map((r) => r.state));
    if (found.length > 1) onStatus('choose');
    later();
  };
  void scan();
  return {
    choose(n) {
      const c = choices[n - 1];
      if (c && !following && !stopped) start(c.socket);
    },
    stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      following?.stop();
    },
  };
}

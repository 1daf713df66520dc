// The local channel between the presenter and the speaker-notes follower: a Unix domain socket in
// the user's runtime directory (never a network socket). The presenter listens and sends its
// latest state, one JSON object a line, to every follower on connect and on each change; the
// follower reconnects every half second while nothing answers, so either side may start first and
// the notes survive the presenter restarting. What arrives is from another process: every line is
// parsed defensively and every string sanitised before anything sees it.

import { createHash } from 'node:crypto';
import { chmodSync, lstatSync, statSync, unlinkSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { errorCode } from '../domain/guards.js';
import { makeDirectory } from './make-dir.js';
import { parseState } from './sync-state.js';
import type { PresenterState } from '../viewmodel/agenda.js';
import type { NotesStatus } from '../viewmodel/notes.js';

export type { NotesStatus };
export { parseState };

/** sun_path holds 104 bytes on macOS and 108 on Linux, the terminating NUL included. */
const MAX_SOCKET_PATH = 100;
/** A line longer than this is not a state: it is dropped. */
const MAX_LINE = 1 << 20;
const MAX_FOLLOWERS = 32;
/** A follower that stops reading is dropped once this much is waiting for it. */
const MAX_BACKLOG = 1 << 20;
export const RETRY_MS = 500;

export class ChannelError extends Error {}

function hash(text: string, n: number): string {
  return createHash('sha256').update(text).digest('hex').slice(0, n);
}

/** Creates `dir` (0700) when missing and checks it is a directory of ours that only we can enter. */
function ensurePrivateDir(dir: string): void {
  try {
    makeDirectory(dir, 0o700);
  } catch (e) {
    throw new ChannelError(`cannot create the runtime directory ${dir}: ${errorCode(e) ?? String(e)}`);
  }
  const st = lstatSync(dir);
  if (!st.isDirectory()) throw new ChannelError(`the runtime directory ${dir} is not a directory`);
  const uid = process.getuid?.();
  if (uid !== undefined && st.uid !== uid) throw new ChannelError(`the runtime directory ${dir} belongs to another user`);
  if ((st.mode & 0o077) !== 0) chmodSync(dir, 0o700);
}

function isDir(p: string): boolean {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
}

/**
 * The user's private directory for ragtop's sockets: RAGTOP_RUNTIME_DIR (tests), else
 * $XDG_RUNTIME_DIR/ragtop, else <tmpdir>/ragtop-<uid>; created 0700 and checked to be ours.
 */
export function runtimeDir(env: NodeJS.ProcessEnv): string {
  const override = env['RAGTOP_RUNTIME_DIR'];
  const xdg = env['XDG_RUNTIME_DIR'];
  const tmp = env['TMPDIR'] && path.isAbsolute(env['TMPDIR']) ? env['TMPDIR'] : os.tmpdir();
  const dir =
    override !== undefined && override !== ''
      ? path.resolve(override)
      : xdg !== undefined && path.isAbsolute(xdg) && isDir(xdg)
        ? path.join(xdg, 'ragtop')
        : path.join(tmp, `ragtop-${process.getuid?.() ?? 'user'}`);
  ensurePrivateDir(dir);
  return dir;
}

/** A presenter's socket in the runtime directory: `present-….sock`, or `p-….sock` when shortened. */
export const SOCKET_NAME = /^(?:present-|p-)[A-Za-z0-9._-]+\.sock$/;

/**
 * The socket a presenter of catalogue `catalogueId` publishes on: `present-<id>[-<pid>].sock` in
 * the runtime directory (a hash when the id is unusual or too long). With `pid`, one socket per
 * presenter, which the notes find by listing the directory (discover.ts).
 * Throws ChannelError when the directory is unusable (another user's, say).
 */
export function channelPath(env: NodeJS.ProcessEnv, catalogueId: string, pid?: number): string {
  if (process.platform === 'win32') throw new ChannelError('speaker notes need Unix domain sockets, which this system does not have');
  const dir = runtimeDir(env);
  const slug = catalogueId.replace(/[^A-Za-z0-9._-]/g, '_').replace(/^\.+/, '_').slice(0, 48);
  const name = `${slug === catalogueId && slug !== '' ? slug : `${slug}-${hash(catalogueId, 8)}`}${pid === undefined ? '' : `-${pid}`}`;
  let file = path.join(dir, `present-${name}.sock`);
  if (Buffer.byteLength(file) > MAX_SOCKET_PATH) file = path.join(dir, `p-${hash(`${catalogueId}|${pid ?? ''}`, 12)}.sock`);
  if (Buffer.byteLength(file) > MAX_SOCKET_PATH) throw new ChannelError(`the runtime directory's path is too long for a socket: ${dir} (set XDG_RUNTIME_DIR or TMPDIR to a shorter one)`);
  return file;
}

// ---------------------------------------------------------------------------------------------
/** Splits a stream of text into lines, dropping any line longer than MAX_LINE. */
function lineReader(onLine: (line: string) => void): (chunk: string) => void {
  let buf = '';
  let skipping = false;
  return (chunk) => {
    buf += chunk;
    for (;;) {
      const nl = buf.indexOf('\n');
      if (nl < 0) break;
      const line = buf.slice(0, nl);
      buf = buf.slice(nl + 1);
      if (!skipping && line.trim() !== '') onLine(line);
      skipping = false;
    }
    if (buf.length > MAX_LINE) {
      buf = '';
      skipping = true;
    }
  };
}

// ---------------------------------------------------------------------------------------------
// The presenter's side

export interface Publisher {
  /** Keeps `state` as the latest and sends it to every follower. */
  publish(state: PresenterState): void;
  /** Sends the latest state with ended: true, disconnects the followers and removes the socket. */
  close(): void;
}

function isSocketFile(p: string): boolean {
  try {
    return lstatSync(p).isSocket();
  } catch {
    return false;
  }
}

/** Whether something answers on the socket at `p` (a live presenter). A hang counts as alive. */
function answers(p: string, timeoutMs = 500): Promise<boolean> {
  return new Promise((resolve) => {
    const s = net.connect(p);
    const done = (alive: boolean) => {
      clearTimeout(timer);
      s.destroy();
      resolve(alive);
    };
    const timer = setTimeout(() => done(true), timeoutMs);
    s.once('connect', () => done(true));
    s.once('error', () => done(false));
  });
}

/**
 * Listens on `socketPath` for followers. A socket file left by a crashed presenter is removed
 * (only when nothing answers on it); while another presenter is live on it, this one waits and
 * takes over when it goes. Problems are reported through `onProblem`, never thrown: presenting
 * goes on without notes. The publisher never keeps the process alive on its own.
 */
export function createPublisher(socketPath: string, onProblem: (message: string) => void = () => undefined): Publisher {
  let latest: PresenterState | undefined;
  let closed = false;
  let listening = false;
  let retry: NodeJS.Timeout | undefined;
  let reportedBusy = false;
  const followers = new Set<net.Socket>();

  const send = (socket: net.Socket, state: PresenterState) => {
    if (socket.destroyed) return;
    if (socket.writableLength > MAX_BACKLOG) {
      socket.destroy();
      return;
    }
    socket.write(`${JSON.stringify(state)}\n`);
  };

  const server = net.createServer((socket) => {
    if (closed || followers.size >= MAX_FOLLOWERS) {
      socket.destroy();
      return;
    }
    socket.unref();
    followers.add(socket);
    socket.on('error', () => undefined);
    socket.on('close', () => followers.delete(socket));
    // Followers have nothing to say: whatever they send is read and dropped.
    socket.resume();
    if (latest) send(socket, latest);
  });
  server.unref();

  const listen = () => {
    if (closed) return;
    try {
      makeDirectory(path.dirname(socketPath), 0o700);
    } catch {
      // listen() reports the problem
    }
    server.listen(socketPath);
  };
  server.on('listening', () => {
    listening = true;
    if (closed) {
      server.close();
      return;
    }
    try {
      chmodSync(socketPath, 0o600);
    } catch {
      // the directory is private anyway
    }
  });
  server.on('error', (e: NodeJS.ErrnoException) => {
    if (closed) return;
    if (e.code !== 'EADDRINUSE') {
      onProblem(`speaker notes are not available: ${e.code ?? e.message}`);
      return;
    }
    if (!isSocketFile(socketPath)) {
      onProblem(`speaker notes are not available: ${socketPath} exists and is not a socket`);
      return;
    }
    void answers(socketPath).then((alive) => {
      if (closed) return;
      if (!alive) {
        try {
          unlinkSync(socketPath);
        } catch {
          // gone already
        }
        listen();
        return;
      }
      if (!reportedBusy) onProblem('another presenter of this catalogue is publishing speaker notes; these take over when it closes');
      reportedBusy = true;
      retry = setTimeout(listen, RETRY_MS * 2);
      retry.unref();
    });
  });
  listen();

  return {
    publish(state) {
      if (closed) return;
      latest = state;
      for (const s of followers) send(s, state);
    },
    close() {
      if (closed) return;
      closed = true;
      if (retry) clearTimeout(retry);
      for (const s of followers) {
        if (latest) send(s, { ...latest, ended: true });
        s.end();
      }
      followers.clear();
      // libuv removes the socket file as the server closes (before the descriptor goes, so it
      // never removes a newer presenter's socket).
      if (listening) server.close();
    },
  };
}

// ---------------------------------------------------------------------------------------------
// The follower's side

export interface Follower {
  stop(): void;
}

/**
 * Follows the presenter on `socketPath`: connects, and reconnects every RETRY_MS while nothing
 * answers or after the presenter goes. Calls `onState` with each (sanitised) state and
 * `onStatus` when the connection changes.
 */
export function follow(socketPath: string, onState: (state: PresenterState) => void, onStatus: (status: NotesStatus) => void, retryMs = RETRY_MS): Follower {
  let stopped = false;
  let socket: net.Socket | undefined;
  let timer: NodeJS.Timeout | undefined;
  let ended = false;
  let everConnected = false;
  let status: NotesStatus | undefined;
  const report = (s: NotesStatus) => {
    if (s === status) return;
    status = s;
    onStatus(s);
  };

  const connect = () => {
    timer = undefined;
    if (stopped) return;
    const s = net.connect(socketPath);
    socket = s;
    let open = false;
    s.setEncoding('utf8');
    s.on('connect', () => {
      open = true;
      everConnected = true;
      ended = false;
      report('connected');
    });
    s.on(
      'data',
      lineReader((line) => {
        const state = parseState(line);
        if (!state || stopped) return;
        if (state.ended) ended = true;
        onState(state);
        if (state.ended) report('ended');
      }),
    );
    s.on('error', () => undefined);
    s.on('close', () => {
      if (socket === s) socket = undefined;
      if (stopped) return;
      if (open) report(ended ? 'ended' : 'lost');
      else if (!everConnected) report('waiting');
      timer = setTimeout(connect, retryMs);
    });
  };

  report('waiting');
  connect();
  return {
    stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      socket?.destroy();
    },
  };
}

/** The presenter's current state, read once (undefined when no presenter answers in time). */
export function readOnce(socketPath: string, timeoutMs = 1000): Promise<PresenterState | undefined> {
  return new Promise((resolve) => {
    const s = net.connect(socketPath);
    s.setEncoding('utf8');
    let done = false;
    const finish = (state: PresenterState | undefined) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      s.destroy();
      resolve(state);
    };
    const timer = setTimeout(() => finish(undefined), timeoutMs);
    s.on(
      'data',
      lineReader((line) => {
        const state = parseState(line);
        if (state) finish(state);
      }),
    );
    s.on('error', () => finish(undefined));
    s.on('close', () => finish(undefined));
  });
}

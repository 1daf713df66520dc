// Drives the real `ragtop` binary in a real terminal (tmux), the way a person would: send keys,
// read the screen. Each session has its own socket, so tests never touch a user's tmux.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { vi } from 'vitest';
import { BIN, HAVE_BIN, ROOT } from '../built.js';
export { BIN, HAVE_BIN, ROOT };

export const HAVE_TMUX = spawnSync('tmux', ['-V']).status === 0;

let n = 0;

export interface Session {
  readonly name: string;
  keys(...keys: string[]): void;
  literal(text: string): void;
  screen(withEscapes?: boolean): string;
  waitFor(text: string | RegExp, timeout?: number): Promise<string>;
  /** The process's exit status, once the command has ended (the shell prints EXIT=n). */
  exitStatus(timeout?: number): Promise<number>;
  pid(): number;
  /** A tmux format about the pane (`#{pane_title}` …). */
  display(format: string): string;
  /** The tmux paste buffers' contents (what the pane put on the clipboard). */
  buffers(): string;
  /** From now on, every byte the pane's program writes is appended to `file` (tmux pipe-pane). */
  record(file: string): void;
  resize(columns: number, rows: number): void;
  /** The pane's terminal modes (tmux's alternate_on, cursor_flag, wrap_flag), e.g. 'alt=1 cursor=0 wrap=0'. */
  modes(): string;
  kill(): void;
}

export interface StartOptions {
  readonly columns?: number;
  readonly rows?: number;
  readonly env?: Record<string, string>;
  /** Let the pane set the clipboard (OSC 52 lands in a tmux buffer), as many terminals do. */
  readonly clipboard?: boolean;
  /**
   * Run it from an interactive shell (job control: Ctrl-Z stops it, `fg` brings it back) instead
   * of as the pane's command.
   */
  readonly shell?: boolean;
}

export function start(args: string[], opts: StartOptions = {}): Session {
  const socket = `ragtop-test-${process.pid}`;
  const name = `s${++n}`;
  const cfg = mkdtempSync(path.join(os.tmpdir(), 'ragtop-e2e-cfg-'));
  const env = { RAGTOP_CONFIG_DIR: cfg, RAGTOP_CACHE_DIR: path.join(cfg, 'cache'), RAGTOP_RUNTIME_DIR: mkdtempSync(path.join(os.tmpdir(), 'ragtop-e2e-run-')), LANG: 'C.UTF-8', TERM: 'xterm-256color', ...opts.env };
  const envText = Object.entries(env)
    .map(([k, v]) => `${k}='${v}'`)
    .join(' ');
  const quoted = args.map((a) => `'${a.replace(/'/g, `'\\''`)}'`).join(' ');
  // The shell keeps the pane open after ragtop exits and prints its status.
  const command = opts.shell
    ? `env ${envText} PS1='$ ' bash --norc --noprofile -i`
    : `cd '${ROOT}' && env ${envText} '${BIN}' ${quoted}; echo EXIT=$?; sleep 60`;
  // From the shell, the app runs under a wrapper (as under npx or a script): a job of two processes.
  const tmux = (...a: string[]) => execFileSync('tmux', ['-L', socket, ...a], { encoding: 'utf8' });
  // When the previous test killed the server's last session, the server may still be exiting
  // ("server exited unexpectedly"): try again briefly.
  for (let attempt = 0; ; attempt++) {
    try {
      // Options chained to the new session are set before tmux reads anything from the pane.
      tmux('new-session', '-d', '-s', name, '-x', String(opts.columns ?? 80), '-y', String(opts.rows ?? 24), command, ...(opts.clipboard ? [';', 'set', '-g', 'set-clipboard', 'on'] : []));
      break;
    } catch (e) {
      if (attempt >= 20) throw e;
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 50);
    }
  }
  if (opts.shell) tmux('send-keys', '-t', name, '-l', `sh -c "cd '${ROOT}' && '${BIN}' ${quoted.replace(/["$`\\]/g, '\\$&')}; echo EXIT=\\$?"\r`);
  const screen = (withEscapes = false) => tmux('capture-pane', '-t', name, '-p', ...(withEscapes ? ['-e'] : []));
  // The bound on a wait, not a delay: generous, for a machine busy with a second test run (the app
  // then takes up to half a second a key).
  const waitFor = async (text: string | RegExp, timeout = 20000) => {
    let last = '';
    await vi.waitFor(
      () => {
        last = screen();
        if (typeof text === 'string' ? !last.includes(text) : !text.test(last)) throw new Error(`screen does not show ${String(text)}:\n${last}`);
      },
      { timeout, interval: 50 },
    );
    return last;
  };
  return {
    name,
    keys: (...keys) => void tmux('send-keys', '-t', name, ...keys),
    literal: (text) => void tmux('send-keys', '-t', name, '-l', text),
    screen,
    waitFor,
    async exitStatus(timeout = 5000) {
      const s = await waitFor(/EXIT=\d+/, timeout);
      return Number(/EXIT=(\d+)/.exec(s)?.[1]);
    },
    display: (format) => tmux('display-message', '-p', '-t', name, format).trimEnd(),
    buffers: () => tmux('list-buffers'),
    record: (file) => void tmux('pipe-pane', '-o', '-t', name, `cat >> '${file}'`),
    resize: (columns, rows) => void tmux('resize-window', '-t', name, '-x', String(columns), '-y', String(rows)),
    pid() {
      // The node process under the pane's shell (and the wrapper, if any).
      let pids = [Number(tmux('display-message', '-p', '-t', name, '#{pane_pid}').trim())];
      for (let depth = 0; depth < 4 && pids.length; depth++) {
        const node = pids.find((p) => depth > 0 && readFileSync(`/proc/${p}/comm`, 'utf8').trim() === 'node');
        if (node) return node;
        pids = pids.flatMap((p) => spawnSync('pgrep', ['-P', String(p)], { encoding: 'utf8' }).stdout.trim().split('\n').filter(Boolean).map(Number));
      }
      throw new Error(`no node process in tmux session ${name}`);
    },
    modes: () => tmux('display-message', '-p', '-t', name, 'alt=#{alternate_on} cursor=#{cursor_flag} wrap=#{wrap_flag}').trim(),
    kill() {
      try {
        tmux('kill-session', '-t', name);
      } catch {
        // already gone
      }
    },
  };
}

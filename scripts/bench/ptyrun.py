#!/usr/bin/env python3
"""Runs one command for the benchmark and times it; prints one JSON object on stdout.

Used by run.mjs (never by ragtop). Python's standard library is used because Node has no
pseudo-terminal without a native addon.

  python3 ptyrun.py < job.json

Job fields:
  mode       "pty": run in a pseudo-terminal of cols x rows; "pipe": stdout/stderr to /dev/null
  argv, env, cwd
  cols, rows
  ready      (pty) text that the first complete frame contains
  frame_end  (pty) "esu" (default): a frame ends with ESC [?2026l; "quiet": it ends with the last
             byte before gap_ms of quiet (for a program that does not wrap its frames, VisiData)
  keys       (pty) [{"label": str, "data": str, "until": str?}] sent one at a time after the first
             frame; a key with "until" is answered by the first frame that shows that text
  gap_ms     (pty) quiet time that ends a frame's output (and precedes the next key)
  key_timeout_ms, timeout_ms
  quit       (pty) text sent at the end ("q")
  capture_all (pty) every key's output as text ("text"), and the first frame's ("first_frame_text")
  mode "cancel": run in a pseudo-terminal, wait until the child has put the terminal in raw mode
  (ragtop does as its load starts, with its key and signal handlers in place) and then
  after_raw_ms more, and at least signal_after_ms from the start (reading its output); then send
  `send` ("SIGTERM", or a key such as "q"); the time from sending to the child's exit
  (cancel_ms), whether a frame had been drawn before it (frame_before: the load had ended) and
  the exit status. A child still running kill_after_ms after the send is killed.

A frame is complete when Ink's end-of-synchronized-update sequence (ESC [?2026l) has been read
after the frame's content: Ink wraps every frame it writes to a terminal in ESC [?2026h ... ESC
[?2026l. Times are from just before fork() to the moment the bytes were read from the pty.
Peak RSS is the child's ru_maxrss (kB) from wait4(): the node process itself, exec'ed directly.
"""
import fcntl
import json
import os
import pty
import select
import signal
import struct
import sys
import termios
import time

ESU = b"\x1b[?2026l"


def now_ms():
    return time.perf_counter() * 1000.0


def run_pipe(job):
    t0 = now_ms()
    pid = os.fork()
    if pid == 0:
        try:
            os.chdir(job.get("cwd") or ".")
            fd = os.open(os.devnull, os.O_RDWR)
            os.dup2(fd, 0)
            os.dup2(fd, 1)
            os.dup2(fd, 2)
            os.execvpe(job["argv"][0], job["argv"], job["env"])
        finally:
            os._exit(127)
    timeout = job.get("timeout_ms", 600000) / 1000.0
    deadline = time.monotonic() + timeout
    timed_out = False
    while True:
        wpid, status, ru = os.wait4(pid, os.WNOHANG)
        if wpid == pid:
            break
        if time.monotonic() > deadline:
            os.kill(pid, signal.SIGKILL)
            wpid, status, ru = os.wait4(pid, 0)
            timed_out = True
            break
        time.sleep(0.0005)
    t1 = now_ms()
    code = os.waitstatus_to_exitcode(status)
    return {"ms": t1 - t0, "exit": code, "maxrss_kb": ru.ru_maxrss, "timed_out": timed_out}


class Pty:
    def __init__(self, fd):
        self.fd = fd
        self.closed = False

    def read(self, timeout_s):
        """Bytes available within timeout_s (b'' on timeout), and the time they were read."""
        if self.closed:
            time.sleep(max(0.0, timeout_s))
            return b"", now_ms()
        r, _, _ = select.select([self.fd], [], [], max(0.0, timeout_s))
        if not r:
            return b"", now_ms()
        try:
            data = os.read(self.fd, 1 << 16)
        except OSError:
            data = b""
        t = now_ms()
        if data == b"":
            self.closed = True
        return data, t

    def write(self, data):
        os.write(self.fd, data)


def settle(p, gap_ms, limit_ms):
    """Reads until gap_ms pass with no output (or limit_ms in all): bytes, time of last ESU."""
    got = bytearray()
    last_esu = None
    end = now_ms() + limit_ms
    while now_ms() < end:
        data, t = p.read(gap_ms / 1000.0)
        if not data:
            break
        before = len(got)
        got += data
        if ESU in got[max(0, before - len(ESU)):]:
            last_esu = t
    return bytes(got), last_esu


def fork_in_pty(job, cols, rows):
    """Runs the job's command in a new pseudo-terminal of cols x rows; returns (pid, fd)."""
    pid, fd = pty.fork()
    if pid == 0:
        try:
            fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
            os.chdir(job.get("cwd") or ".")
            os.execvpe(job["argv"][0], job["argv"], job["env"])
        finally:
            os._exit(127)
    return pid, fd


def run_pty(job):
    cols, rows = job.get("cols", 120), job.get("rows", 40)
    gap_ms = job.get("gap_ms", 60)
    key_timeout = job.get("key_timeout_ms", 5000)
    ready = job["ready"].encode()
    quiet_end = job.get("frame_end", "esu") == "quiet"
    t0 = now_ms()
    pid, fd = fork_in_pty(job, cols, rows)
    p = Pty(fd)
    out = {"first_frame_ms": None, "first_frame_bytes": 0, "keys": [], "timed_out": False}
    buf = bytearray()
    deadline = now_ms() + job.get("timeout_ms", 600000)
    # First frame: the ready text, then the end of that synchronized update.
    found = -1
    while now_ms() < deadline and not p.closed:
        data, t = p.read(0.05)
        if not data:
            continue
        buf += data
        if found < 0:
            found = buf.find(ready)
        if found >= 0 and quiet_end:
            # The last byte before the output goes quiet ends the first screen.
            last = t
            while True:
                more, t2 = p.read(gap_ms / 1000.0)
                if not more:
                    break
                buf += more
                last = t2
            out["first_frame_ms"] = last - t0
            break
        if found >= 0 and buf.find(ESU, found) >= 0:
            out["first_frame_ms"] = t - t0
            break
    if out["first_frame_ms"] is None:
        out["timed_out"] = not p.closed
        out["tail"] = bytes(buf[-400:]).decode("utf-8", "replace")
    else:
        rest, _ = settle(p, gap_ms, 5000)
        out["first_frame_bytes"] = len(buf) + len(rest)
        out["first_frame_text"] = bytes(buf + rest).decode("utf-8", "replace")
        for k in job.get("keys", []):
            data = k["data"].encode()
            sent = now_ms()
            p.write(data)
            got = bytearray()
            first_esu = None
            end = sent + key_timeout
            until = k.get("until", "").encode()
            while now_ms() < end and not p.closed:
                chunk, t = p.read(0.02)
                if chunk:
                    got += chunk
                    # With "until": only a frame that shows that text (after it) answers the key.
                    at = got.find(until) if until else 0
                    if at >= 0 and ESU in got[at:]:
                        first_esu = t
                        break
            rest, last_esu = settle(p, gap_ms, 5000) if first_esu is not None else (b"", None)
            got += rest
            done = last_esu if last_esu is not None else first_esu
            out["keys"].append(
                {
                    "label": k.get("label", ""),
                    "area": k.get("area", ""),
                    "ms": None if done is None else done - sent,
                    "at_ms": None if done is None else done - t0,
                    "first_ms": None if first_esu is None else first_esu - sent,
                    "bytes": len(got),
                    "frames": bytes(got).count(ESU),
                }
            )
            if k.get("capture"):
                out.setdefault("captures", {})[k["label"]] = bytes(got).decode("utf-8", "replace")
            if job.get("capture_all"):
                out["keys"][-1]["text"] = bytes(got).decode("utf-8", "replace")
    # Leave: the quit key, then wait; a process that does not leave is killed.
    if not p.closed:
        try:
            p.write(job.get("quit", "q").encode())
        except OSError:
            pass
    end = now_ms() + 10000
    status = None
    ru = None
    while now_ms() < end:
        p.read(0.01)
        wpid, st, r = os.wait4(pid, os.WNOHANG)
        if wpid == pid:
            status, ru = st, r
            break
    if status is None:
        os.kill(pid, signal.SIGKILL)
        _, status, ru = os.wait4(pid, 0)
        out["killed"] = True
    try:
        os.close(fd)
    except OSError:
        pass
    out["exit"] = os.waitstatus_to_exitcode(status)
    out["maxrss_kb"] = ru.ru_maxrss
    return out


def run_cancel(job):
    cols, rows = job.get("cols", 120), job.get("rows", 40)
    t0 = now_ms()
    pid, fd = fork_in_pty(job, cols, rows)
    p = Pty(fd)
    buf = bytearray()
    status = None
    ru = None
    send_at = t0 + job.get("signal_after_ms", 500)
    raw_at = None
    limit = t0 + job.get("timeout_ms", 60000)
    while (raw_at is None or now_ms() < send_at) and now_ms() < limit and not p.closed:
        if raw_at is None:
            try:
                if not termios.tcgetattr(fd)[3] & termios.ICANON:
                    raw_at = now_ms()
                    send_at = max(send_at, raw_at + job.get("after_raw_ms", 100))
            except termios.error:
                pass
        data, _ = p.read(0.002 if raw_at is None else min(0.01, max(0.0, (send_at - now_ms()) / 1000.0)))
        buf += data
        wpid, st, r = os.wait4(pid, os.WNOHANG)
        if wpid == pid:
            status, ru = st, r
            break
    out = {"frame_before": ESU in buf, "exited_before": status is not None, "sent_at_ms": now_ms() - t0, "raw_at_ms": None if raw_at is None else raw_at - t0}
    sent = now_ms()
    if status is None:
        what = job.get("send", "SIGTERM")
        if what.startswith("SIG"):
            os.kill(pid, getattr(signal, what))
        else:
            p.write(what.encode())
        end = sent + job.get("kill_after_ms", 30000)
        while now_ms() < end:
            data, _ = p.read(0.0005)
            buf += data
            wpid, st, r = os.wait4(pid, os.WNOHANG)
            if wpid == pid:
                status, ru = st, r
                break
        out["cancel_ms"] = now_ms() - sent
        if status is None:
            os.kill(pid, signal.SIGKILL)
            _, status, ru = os.wait4(pid, 0)
            out["killed"] = True
            out["cancel_ms"] = None
    try:
        os.close(fd)
    except OSError:
        pass
    out["exit"] = os.waitstatus_to_exitcode(status)
    out["maxrss_kb"] = ru.ru_maxrss
    out["tail"] = bytes(buf[-job.get("tail_bytes", 300):]).decode("utf-8", "replace")
    return out


def main():
    job = json.load(sys.stdin)
    mode = job.get("mode")
    res = run_pty(job) if mode == "pty" else run_cancel(job) if mode == "cancel" else run_pipe(job)
    sys.stdout.write(json.dumps(res))


if __name__ == "__main__":
    main()

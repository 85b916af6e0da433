#!/usr/bin/env python3
"""explain on a terminal: a paste ends with one Ctrl-D, with or without a
final newline. Runs BIN explain -q under a pseudo-terminal, types the paste
and one Ctrl-D (0x04), and exits 0 when the program finished within 3 s and
printed a finding line; prints what it saw otherwise."""
import os
import pty
import select
import sys
import time


def run(binary, data):
    pid, fd = pty.fork()
    if pid == 0:
        os.execv(binary, [binary, "explain", "-q", "--color", "never"])
    out = b""
    time.sleep(0.3)
    os.write(fd, data)
    deadline = time.time() + 3
    while time.time() < deadline:
        r, _, _ = select.select([fd], [], [], 0.2)
        if r:
            try:
                chunk = os.read(fd, 4096)
            except OSError:  # the child closed the terminal: it exited
                os.waitpid(pid, 0)
                return True, out
            if not chunk:
                break
            out += chunk
    os.kill(pid, 9)
    os.waitpid(pid, 0)
    return False, out


def main():
    binary, with_newline = sys.argv[1], sys.argv[2] == "newline"
    paste = b"dial tcp 127.0.0.1:11434: connect: connection refused" + (b"\n" if with_newline else b"")
    done, out = run(binary, paste + b"\x04")
    if done and b"[localhost-inside-container]" in out:
        return 0
    print("finished" if done else "still waiting after 3 s", repr(out[-400:]))
    return 1


sys.exit(main())

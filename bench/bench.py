#!/usr/bin/env python3
"""make bench, part 1: ollama-doctor side by side with curl on loopback, run
inside an empty network namespace (bench.sh starts it with `unshare -rn`), so
nothing leaves this machine. Three questions, each the median of REPS runs:

  startup     one refused loopback candidate: `check` (and `explain` on one
              line) against curl's own single refused request
  round trip  6 endpoints that answer after DELAY ms: one `check` against the
              sequential curl loop users type (GET / on each, one after another)
  scaling     N = 16, 256, 1000 endpoints that answer at once: one `check`
              against `curl -Z --parallel-max 64` making the same requests
              (GET / and GET /api/version on each)

Prints wall time, CPU time and peak RSS of each, and the ratio doctor/curl.
With --before BIN, the same for an earlier build beside it.
"""
import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time

PORT = 11434


TIME = "/usr/bin/time"  # GNU time: a small parent, so the peak RSS is the command's own


def run(argv, stdin=None):
    """(wall ms, cpu ms, peak RSS KB) of one run of argv. A child forked from
    this Python would carry Python's peak RSS across exec; GNU time's %M,
    from a small process, does not (without it the RSS column is a floor)."""
    with tempfile.NamedTemporaryFile("r", suffix=".rss") as rssf:
        full = [TIME, "-f", "%M", "-o", rssf.name] + argv if os.access(TIME, os.X_OK) else argv
        t0 = time.perf_counter()
        p = subprocess.Popen(full, stdin=subprocess.PIPE if stdin else subprocess.DEVNULL,
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        if stdin:
            p.stdin.write(stdin)
            p.stdin.close()
        _, _, ru = os.wait4(p.pid, 0)
        wall = (time.perf_counter() - t0) * 1000
        rss = ru.ru_maxrss
        if full is not argv:
            lines = rssf.read().split()
            rss = int(lines[-1]) if lines and lines[-1].isdigit() else rss
    return wall, (ru.ru_utime + ru.ru_stime) * 1000, rss


def median_of(reps, fn):
    runs = [fn() for _ in range(reps)]
    return tuple(statistics.median(r[i] for r in runs) for i in range(3))


def addrs(n):
    return ["127.1.%d.%d" % (i // 250, i % 250 + 1) for i in range(n)]


def doctor(binary, endpoints, timeout_ms=5000):
    return [binary, "--candidates", ",".join("%s:%d" % (a, PORT) for a in endpoints),
            "--json", "-t", str(timeout_ms)]


class Server:
    def __init__(self, exe, delay_ms=0):
        self.p = subprocess.Popen([exe, str(PORT), str(delay_ms)])
        time.sleep(0.2)

    def stop(self):
        self.p.kill()
        self.p.wait()


def fmt(label, m):
    return "%s %7.1f ms (cpu %6.1f ms, %6d KB)" % (label, m[0], m[1], m[2])


def line(name, doc, curl, before=None):
    out = "  %-26s %s   %s   ratio %.2f" % (name, fmt("doctor", doc), fmt("curl", curl), doc[0] / curl[0])
    if before:
        out += "\n  %-26s %s   %s   ratio %.2f" % ("", fmt("before", before), " " * 41, before[0] / curl[0])
    print(out, flush=True)


def startup(a, bins):
    print("startup: one refused loopback candidate (nothing listens on 127.0.0.1:1)")
    c = median_of(a.reps, lambda: run(["curl", "-s", "--noproxy", "*", "http://127.0.0.1:1/"]))
    res = [median_of(a.reps, lambda b=b: run([b, "--candidates", "127.0.0.1:1", "--json", "-t", "1000"]))
           for b in bins]
    line("check", res[0], c, res[1] if len(res) > 1 else None)
    msg = b"Error: connect ECONNREFUSED 127.0.0.1:11434\n"
    res = [median_of(a.reps, lambda b=b: run([b, "explain", "--json", "-"], stdin=msg)) for b in bins]
    line("explain (one line)", res[0], c, res[1] if len(res) > 1 else None)


def round_trip(a, bins):
    print("round trip: 6 endpoints, each answer %d ms late; curl: GET / on each, one after another" % a.delay)
    srv = Server(a.server, a.delay)
    try:
        eps = addrs(6)
        def loop():
            tot = [0.0, 0.0, 0]
            for e in eps:
                w, cpu, rss = run(["curl", "-s", "--noproxy", "*", "http://%s:%d/" % (e, PORT)])
                tot = [tot[0] + w, tot[1] + cpu, max(tot[2], rss)]
            return tuple(tot)
        c = median_of(a.reps, loop)
        res = [median_of(a.reps, lambda b=b: run(doctor(b, eps))) for b in bins]
        line("6 endpoints", res[0], c, res[1] if len(res) > 1 else None)
    finally:
        srv.stop()


def scaling(a, bins):
    print("scaling: N endpoints answering at once; curl -Z --parallel-max 64, GET / and /api/version on each")
    srv = Server(a.server, 0)
    try:
        for n in a.sizes:
            eps = addrs(n)
            with tempfile.NamedTemporaryFile("w", suffix=".cfg", delete=False) as cfg:
                for e in eps:
                    for path in ("/", "/api/version"):
                        cfg.write('url = "http://%s:%d%s"\noutput = "/dev/null"\n' % (e, PORT, path))
            try:
                c = median_of(a.reps, lambda: run(["curl", "-s", "--noproxy", "*", "-Z", "--parallel-max", "64",
                                                   "-K", cfg.name]))
            finally:
                os.unlink(cfg.name)
            res = [median_of(a.reps, lambda b=b: run(doctor(b, eps))) for b in bins]
            line("N = %d" % n, res[0], c, res[1] if len(res) > 1 else None)
    finally:
        srv.stop()


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--doctor", required=True)
    ap.add_argument("--before", help="an earlier build, measured beside it")
    ap.add_argument("--server", required=True, help="bench/fast_ollama, built")
    ap.add_argument("--reps", type=int, default=7)
    ap.add_argument("--delay", type=int, default=50)
    ap.add_argument("--sizes", type=lambda s: [int(x) for x in s.split(",")], default=[16, 256, 1000])
    a = ap.parse_args()
    bins = [a.doctor] + ([a.before] if a.before else [])
    print("ollama-doctor bench: medians of %d runs, %d cores, in an empty network namespace" %
          (a.reps, os.cpu_count() or 0))
    startup(a, bins)
    round_trip(a, bins)
    scaling(a, bins)
    print("targets: startup ratio <= 1.0; round trip <= 0.5; scaling at N = 1000 <= 1.2 and under 24576 KB")
    return 0


if __name__ == "__main__":
    sys.exit(main())

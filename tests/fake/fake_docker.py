#!/usr/bin/env python3
"""A fake Docker Engine API on a unix socket, for tests that need answers of
shapes a real dockerd does not give (Podman's compatible API, old engines,
socket proxies, broken daemons).

    fake_docker.py --socket PATH [--list FILE] [--inspect NAME=FILE]...
                   [--api-version TEXT] [--log FILE] [--pidfile FILE]

GET /_ping answers 200 "OK" with `Api-Version: TEXT` (default 1.41; any text,
so a test can send garbage). GET /<anything>/containers/json answers the
--list file's bytes as they are (default []). GET /<anything>/containers/NAME/json
answers the --inspect file for NAME as it is, or 404 {"message": "No such
container: NAME"}. Anything else is 404. The files are sent byte for byte, so
they need not be JSON at all. --log writes each request's raw target, one per
line. Prints "ready" once listening; SIGTERM stops it.
"""
import argparse
import http.server
import os
import signal
import socketserver
import sys


class Server(socketserver.ThreadingMixIn, socketserver.UnixStreamServer):
    daemon_threads = True


def make_handler(args, inspect):
    class Handler(http.server.BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, fmt, *a):  # client_address is '' on a unix socket
            pass

        def send(self, status, body, ctype="application/json"):
            self.send_response(status)
            self.send_header("Api-Version", args.api_version)
            self.send_header("Server", "Docker/24.0.0-fake (linux)")
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def do_GET(self):
            if args.log:
                with open(args.log, "a", encoding="utf-8") as f:
                    f.write(self.path + "\n")
            path = self.path.split("?", 1)[0]
            parts = path.split("/")
            if path == "/_ping":
                return self.send(200, b"OK", "text/plain; charset=utf-8")
            if len(parts) == 4 and parts[2:] == ["containers", "json"]:
                return self.send(200, read(args.list) if args.list else b"[]")
            if len(parts) == 5 and parts[2] == "containers" and parts[4] == "json":
                name = parts[3]
                if name in inspect:
                    return self.send(200, read(inspect[name]))
                msg = ('{"message":"No such container: %s"}' % name).encode()
                return self.send(404, msg)
            return self.send(404, b'{"message":"page not found"}')

    return Handler


def read(path):
    with open(path, "rb") as f:
        return f.read()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--socket", required=True)
    ap.add_argument("--list")
    ap.add_argument("--inspect", action="append", default=[], metavar="NAME=FILE")
    ap.add_argument("--api-version", default="1.41")
    ap.add_argument("--log")
    ap.add_argument("--pidfile")
    args = ap.parse_args()
    inspect = dict(x.split("=", 1) for x in args.inspect)
    if os.path.exists(args.socket):
        os.unlink(args.socket)
    srv = Server(args.socket, make_handler(args, inspect))
    if args.pidfile:
        with open(args.pidfile, "w") as f:
            f.write("%d\n" % os.getpid())

    def stop(*_):
        raise SystemExit(0)

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    print("ready", flush=True)
    try:
        srv.serve_forever(poll_interval=0.2)
    finally:
        srv.server_close()
        os.unlink(args.socket)
        if args.pidfile and os.path.exists(args.pidfile):
            os.unlink(args.pidfile)
    return 0


if __name__ == "__main__":
    sys.exit(main())

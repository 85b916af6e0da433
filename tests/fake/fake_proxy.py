#!/usr/bin/env python3
"""fake_proxy.py - an HTTP forward proxy that looks like squid 5.7, for ollama-doctor's tests.

Python 3 standard library only.

  --mode deny        every request gets squid's 403 ERR_ACCESS_DENIED page
  --mode badgateway  every request gets a 502 squid page (X-Squid-Error: ERR_CONNECT_FAIL 111)
  --mode auth        every request gets squid's 407 ERR_CACHE_ACCESS_DENIED page, with
                     Proxy-Authenticate: Basic (a proxy that wants credentials)
  --mode forward     absolute-URI requests (and CONNECT) are really forwarded, with a Via
                     header added; only to targets inside --allow (default: loopback only)

Safety: in the machine's own network namespace, forward mode only connects to loopback
(unless --allow says otherwise) and never asks the system resolver (a host name must be
"localhost", an IP literal or mapped with --resolve NAME=ADDR; anything else gets squid's
503 ERR_DNS_FAIL page).  Inside a test network namespace (ip netns exec, unshare -n) it
forwards anywhere and resolves names with that namespace's resolv.conf.
Prints "ready PORT" on stdout once it listens.
"""

import argparse
import email.utils
import errno
import html
import ipaddress
import os
import re
import select
import signal
import socket
import socketserver
import sys
import threading
import time
import urllib.parse

SQUID_VERSION = "squid/5.7"
STOP = threading.Event()
HOP_BY_HOP = {"connection", "keep-alive", "proxy-connection", "proxy-authorization",
              "proxy-authenticate", "te", "trailer", "upgrade"}


class BadRequest(Exception):
    pass


def read_head(rfile, limit=1 << 20):
    """Read a request or response head: (first line, [(name, value)]) or None at EOF."""
    line = rfile.readline(65537)
    if not line:
        return None
    first = line.rstrip(b"\r\n").decode("latin-1")
    headers = []
    total = len(line)
    while True:
        h = rfile.readline(65537)
        if not h:
            raise BadRequest("unexpected EOF in headers")
        total += len(h)
        if total > limit:
            raise BadRequest("headers too large")
        if h in (b"\r\n", b"\n"):
            break
        name, sep, value = h.decode("latin-1").partition(":")
        if not sep:
            raise BadRequest("malformed header line")
        headers.append((name.strip(), value.strip()))
    return first, headers


def get(headers, name):
    for k, v in headers:
        if k.lower() == name:
            return v
    return None


def read_body(headers, rfile, limit=32 << 20):
    te = get(headers, "transfer-encoding")
    if te and te.lower() == "chunked":
        out = []
        size = 0
        while True:
            line = rfile.readline(4096)
            if not line:
                raise BadRequest("unexpected EOF in body")
            n = int(line.split(b";")[0].strip() or b"0", 16)
            if n == 0:
                while rfile.readline(4096) not in (b"\r\n", b"\n", b""):
                    pass
                return b"".join(out)
            size += n
            if size > limit:
                raise BadRequest("body too large")
            out.append(rfile.read(n))
            rfile.readline(4096)
    cl = get(headers, "content-length")
    if cl is None:
        return b""
    n = int(cl)
    if n > limit:
        raise BadRequest("body too large")
    data = rfile.read(n)
    if len(data) < n:
        raise BadRequest("unexpected EOF in body")
    return data


def http_date():
    return email.utils.formatdate(usegmt=True)


ERRORS = {
    "ERR_ACCESS_DENIED": (
        "Access Denied.",
        "Access control configuration prevents your request from being allowed at this "
        "time. Please contact your service provider if you feel this is incorrect."),
    "ERR_CACHE_ACCESS_DENIED": (
        "Cache Access Denied.",
        "Sorry, you are not currently allowed to request %(target)s from this cache until "
        "you have authenticated yourself."),
    "ERR_CONNECT_FAIL": (
        "Connection to %(target)s failed.",
        "The system returned: <i>%(syserr)s</i></p><p>The remote host or network may be "
        "down. Please try the request again."),
    "ERR_DNS_FAIL": (
        "Unable to determine IP address from host name <q>%(host)s</q>",
        "The DNS server returned:</p><blockquote><p>Name Error: The domain name does not "
        "exist.</p></blockquote><p>This means that the cache was not able to resolve the "
        "hostname presented in the URL. Check if the address is correct."),
    "ERR_INVALID_URL": (
        "Invalid URL",
        "Some aspect of the requested URL is incorrect. Possible problems: missing or "
        "incorrect access protocol (should be <q>http://</q> or similar), missing hostname, "
        "illegal double-escape in the URL-Path, illegal character in hostname."),
    "ERR_ZERO_SIZE_OBJECT": (
        "Zero Sized Reply",
        "Squid did not receive any data for this request."),
    "ERR_INVALID_RESP": (
        "Invalid Response",
        "The HTTP Response message received from the contacted server could not be "
        "understood or was otherwise malformed. Please contact the site operator."),
    "ERR_READ_ERROR": (
        "Read Error",
        "The system returned: <i>%(syserr)s</i></p><p>An error condition occurred while "
        "reading data from the network. Please retry your request."),
}


def in_initial_netns():
    """True unless this process is in a network namespace created below one of its
    ancestors (ip netns exec, unshare -n): forward mode is only opened up there.  When
    it cannot be told, the answer is True (the safe side)."""
    try:
        mine = os.stat("/proc/self/ns/net").st_ino
    except OSError:
        return True
    pid = os.getppid()
    for _ in range(64):
        if pid <= 0:
            break
        try:
            if os.stat("/proc/%d/ns/net" % pid).st_ino != mine:
                return False
            with open("/proc/%d/stat" % pid) as f:
                pid = int(f.read().rsplit(")", 1)[1].split()[1])
        except (OSError, ValueError, IndexError):
            break
    return True


class Proxy:
    def __init__(self, args):
        self.args = args
        self.mode = args.mode
        self.name = args.visible_hostname
        self.port = 0
        self.allow = [ipaddress.ip_network(a, strict=False) for a in args.allow]
        self.resolve_map = {}
        for item in args.resolve:
            n, sep, a = item.partition("=")
            if not sep:
                raise SystemExit("fake_proxy: --resolve wants NAME=ADDR, got %r" % item)
            self.resolve_map[n.strip().lower()] = a.strip().strip("[]")
        self.log = open(args.log, "a", encoding="utf-8") if args.log else None
        self.lock = threading.Lock()

    def log_line(self, client, first, status):
        if self.log:
            with self.lock:
                self.log.write("%s %s \"%s\" %d\n" % (time.strftime("%Y-%m-%dT%H:%M:%S"),
                                                      client, first, status))
                self.log.flush()

    def via(self):
        return "1.1 %s (%s)" % (self.name, SQUID_VERSION)

    def error_page(self, status, code, url, errno_=0, **kw):
        title, text = ERRORS[code]
        kw.setdefault("target", "")
        kw.setdefault("host", "")
        kw.setdefault("syserr", "")
        esc = {k: html.escape(str(v)) for k, v in kw.items()}
        body = (
            '<!DOCTYPE html PUBLIC "-//W3C//DTD HTML 4.01//EN" '
            '"http://www.w3.org/TR/html4/strict.dtd">\n'
            "<html><head>\n"
            '<meta http-equiv="Content-Type" content="text/html; charset=utf-8">\n'
            "<title>ERROR: The requested URL could not be retrieved</title>\n"
            "</head><body id=\"%s\">\n"
            '<div id="titles">\n<h1>ERROR</h1>\n'
            "<h2>The requested URL could not be retrieved</h2>\n</div>\n<hr>\n\n"
            '<div id="content">\n'
            "<p>The following error was encountered while trying to retrieve the URL: "
            '<a href="%s">%s</a></p>\n\n'
            '<blockquote id="error">\n<p><b>%s</b></p>\n</blockquote>\n\n'
            "<p>%s</p>\n\n"
            '<p>Your cache administrator is <a href="mailto:webmaster">webmaster</a>.</p>\n'
            "<br>\n</div>\n\n<hr>\n"
            '<div id="footer">\n<p>Generated %s by %s (%s)</p>\n<!-- %s -->\n</div>\n'
            "</body></html>\n"
            % (code, html.escape(url, quote=True), html.escape(url), title % esc, text % esc,
               http_date(), self.name, SQUID_VERSION, code)).encode("utf-8")
        head = [
            "HTTP/1.1 %d %s" % (status, {400: "Bad Request", 403: "Forbidden",
                                         407: "Proxy Authentication Required", 502: "Bad Gateway", 503: "Service Unavailable",
                                         504: "Gateway Timeout"}[status]),
            "Server: " + SQUID_VERSION,
            "Mime-Version: 1.0",
            "Date: " + http_date(),
            "Content-Type: text/html;charset=utf-8",
            "Content-Length: %d" % len(body),
            "X-Squid-Error: %s %d" % (code, errno_),
            "Vary: Accept-Language",
            "Content-Language: en",
            "X-Cache: MISS from " + self.name,
            "X-Cache-Lookup: NONE from %s:%d" % (self.name, self.port),
            "Via: " + self.via(),
        ]
        if status == 407:
            head.append('Proxy-Authenticate: Basic realm="Squid proxy-caching web server"')
        return head, body

    def resolve(self, host):
        """Returns an address string, or None (ERR_DNS_FAIL).  Never asks DNS."""
        h = host.strip("[]").lower()
        try:
            return str(ipaddress.ip_address(h))
        except ValueError:
            pass
        if h in self.resolve_map:
            return self.resolve_map[h]
        if h == "localhost":
            return "127.0.0.1"
        if self.args.system_dns:
            try:
                return socket.getaddrinfo(h, None, proto=socket.IPPROTO_TCP)[0][4][0]
            except OSError:
                return None
        return None

    def allowed(self, addr):
        ip = ipaddress.ip_address(addr)
        return any(ip in n for n in self.allow)


class Handler(socketserver.StreamRequestHandler):
    proxy = None

    def send_error_page(self, status, code, url, keep, errno_=0, head_only=False, **kw):
        head, body = self.proxy.error_page(status, code, url, errno_, **kw)
        head.append("Connection: " + ("keep-alive" if keep else "close"))
        data = ("\r\n".join(head) + "\r\n\r\n").encode("latin-1")
        if not head_only:
            data += body
        self.wfile.write(data)
        self.wfile.flush()

    def handle(self):
        p = self.proxy
        client = "%s:%s" % self.client_address[:2]
        while not STOP.is_set():
            try:
                got = read_head(self.rfile)
                if got is None:
                    return
                first, headers = got
                parts = first.split(" ")
                if len(parts) != 3:
                    raise BadRequest("bad request line")
                method, target, version = parts
                body = b"" if method == "CONNECT" else read_body(headers, self.rfile)
            except (BadRequest, ValueError):
                try:
                    self.send_error_page(400, "ERR_INVALID_URL", "", False)
                except OSError:
                    pass
                return
            except OSError:
                return
            conn_hdr = (get(headers, "proxy-connection") or get(headers, "connection") or "")
            keep = version == "HTTP/1.1" and "close" not in conn_hdr.lower()
            url = target if method != "CONNECT" else target
            head_only = method == "HEAD"
            try:
                if p.mode == "deny":
                    self.send_error_page(403, "ERR_ACCESS_DENIED", url, keep,
                                         head_only=head_only)
                    p.log_line(client, first, 403)
                elif p.mode == "auth":
                    self.send_error_page(407, "ERR_CACHE_ACCESS_DENIED", url, keep,
                                         head_only=head_only, target=url)
                    p.log_line(client, first, 407)
                elif p.mode == "badgateway":
                    self.send_error_page(502, "ERR_CONNECT_FAIL", url, keep, 111,
                                         head_only=head_only, target=self._target_host(target),
                                         syserr="(111) Connection refused")
                    p.log_line(client, first, 502)
                else:
                    status, relayed = self.forward(method, target, version, headers, body, keep)
                    p.log_line(client, first, status)
                    if relayed:
                        return                   # forwarded: connection closed after it
            except OSError:
                return
            if not keep:
                return

    @staticmethod
    def _target_host(target):
        if "://" in target:
            return urllib.parse.urlsplit(target).hostname or ""
        return target.rsplit(":", 1)[0].strip("[]")

    def forward(self, method, target, version, headers, body, keep):
        p = self.proxy
        if method == "CONNECT":
            m = re.match(r"^\[?([^\]]+?)\]?:(\d+)$", target)
            if not m:
                self.send_error_page(400, "ERR_INVALID_URL", target, False)
                return 400, False
            host, port = m.group(1), int(m.group(2))
            path = None
        else:
            u = urllib.parse.urlsplit(target)
            if u.scheme != "http" or not u.hostname:
                self.send_error_page(400, "ERR_INVALID_URL", target, keep)
                return 400, False
            host, port = u.hostname, u.port or 80
            path = (u.path or "/") + ("?" + u.query if u.query else "")
        addr = p.resolve(host)
        if addr is None:
            self.send_error_page(503, "ERR_DNS_FAIL", target, keep, host=host)
            return 503, False
        if not p.allowed(addr):
            self.send_error_page(403, "ERR_ACCESS_DENIED", target, keep)
            return 403, False
        fam = socket.AF_INET6 if ":" in addr else socket.AF_INET
        up = socket.socket(fam, socket.SOCK_STREAM)
        up.settimeout(p.args.connect_timeout)
        try:
            up.connect((addr, port))
        except OSError as e:
            up.close()
            shown = "[%s]" % addr if fam == socket.AF_INET6 else addr
            if isinstance(e, socket.timeout) or e.errno == errno.ETIMEDOUT:
                self.send_error_page(504, "ERR_CONNECT_FAIL", target, keep, 110,
                                     target=shown, syserr="(110) Connection timed out")
                return 504, False
            en = e.errno or 0
            self.send_error_page(503, "ERR_CONNECT_FAIL", target, keep, en, target=shown,
                                 syserr="(%d) %s" % (en, os.strerror(en) if en else str(e)))
            return 503, False
        up.settimeout(None)
        try:
            if method == "CONNECT":
                self.wfile.write(b"HTTP/1.1 200 Connection established\r\n\r\n")
                self.wfile.flush()
                self.tunnel(up)
                return 200, True
            lines = ["%s %s HTTP/1.1" % (method, path)]
            has_host = False
            for k, v in headers:
                lk = k.lower()
                if lk in HOP_BY_HOP or lk in ("content-length", "transfer-encoding", "via"):
                    continue
                if lk == "host":
                    has_host = True
                lines.append("%s: %s" % (k, v))
            if not has_host:
                lines.append("Host: %s" % (host if port == 80 else "%s:%d" % (host, port)))
            old_via = get(headers, "via")
            lines.append("Via: " + (old_via + ", " if old_via else "") + p.via())
            lines.append("X-Forwarded-For: %s" % self.client_address[0])
            if body or method in ("POST", "PUT", "PATCH"):
                lines.append("Content-Length: %d" % len(body))
            lines.append("Connection: close")
            up.sendall(("\r\n".join(lines) + "\r\n\r\n").encode("latin-1") + body)
            return self.relay_response(up, target, keep, method), True
        finally:
            up.close()

    def relay_response(self, up, target, keep, method):
        uf = up.makefile("rb")
        try:
            line = uf.readline(65537)
        except OSError:
            self.send_error_page(502, "ERR_READ_ERROR", target, False, 104,
                                 syserr="(104) Connection reset by peer")
            return 502
        if not line:
            self.send_error_page(502, "ERR_ZERO_SIZE_OBJECT", target, False)
            return 502
        first = line.rstrip(b"\r\n").decode("latin-1")
        m = re.match(r"^HTTP/\d\.\d (\d{3})", first)
        if not m:
            self.send_error_page(502, "ERR_INVALID_RESP", target, False)
            return 502
        headers = []
        try:
            while True:
                h = uf.readline(65537)
                if not h:
                    raise BadRequest("unexpected EOF in headers")
                if h in (b"\r\n", b"\n"):
                    break
                name, sep, value = h.decode("latin-1").partition(":")
                if not sep:
                    raise BadRequest("malformed header line")
                headers.append((name.strip(), value.strip()))
        except (BadRequest, OSError):
            self.send_error_page(502, "ERR_INVALID_RESP", target, False)
            return 502
        status = int(m.group(1))
        out = [first.replace("HTTP/1.0", "HTTP/1.1", 1)]
        for k, v in headers:
            if k.lower() in HOP_BY_HOP:
                continue
            out.append("%s: %s" % (k, v))
        old_via = get(headers, "via")
        out.append("X-Cache: MISS from " + self.proxy.name)
        out.append("X-Cache-Lookup: MISS from %s:%d" % (self.proxy.name, self.proxy.port))
        out.append("Via: " + (old_via + ", " if old_via else "") + self.proxy.via())
        out.append("Connection: close")
        self.wfile.write(("\r\n".join(out) + "\r\n\r\n").encode("latin-1"))
        self.wfile.flush()
        if method != "HEAD":
            while not STOP.is_set():
                data = uf.read1(65536)
                if not data:
                    break
                self.wfile.write(data)
                self.wfile.flush()
        return status

    def tunnel(self, up):
        a = self.connection
        socks = [a, up]
        while not STOP.is_set():
            r, _, _ = select.select(socks, [], [], 0.5)
            for s in r:
                try:
                    data = s.recv(65536)
                except OSError:
                    return
                if not data:
                    return
                (up if s is a else a).sendall(data)


class Server(socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True
    request_queue_size = 64

    def __init__(self, host, port, handler):
        self.address_family = socket.AF_INET6 if ":" in host else socket.AF_INET
        super().__init__((host, port), handler, bind_and_activate=False)
        if self.address_family == socket.AF_INET6:
            self.socket.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY,
                                   0 if host == "::" else 1)
        self.server_bind()
        self.server_activate()

    def handle_error(self, request, client_address):
        pass


def main(argv=None):
    ap = argparse.ArgumentParser(description="squid-like HTTP proxy for ollama-doctor tests.")
    ap.add_argument("--bind", default="127.0.0.1", help="listen address (default 127.0.0.1)")
    ap.add_argument("--port", type=int, default=3128, help="port (default 3128; 0 = any free)")
    ap.add_argument("--mode", default="deny", choices=["deny", "badgateway", "auth", "forward"])
    ap.add_argument("--allow", action="append", default=None, metavar="CIDR",
                    help="forward: targets allowed (repeatable). Default: any target when "
                         "running in a test network namespace, only 127.0.0.0/8 and ::1 in "
                         "the machine's own namespace")
    ap.add_argument("--resolve", action="append", default=[], metavar="NAME=ADDR",
                    help="forward: what a host name resolves to (repeatable)")
    ap.add_argument("--system-dns", action="store_true", default=None,
                    help="forward: resolve other names with the system resolver "
                         "(default: on in a test network namespace, off in the machine's own)")
    ap.add_argument("--connect-timeout", type=float, default=10.0,
                    help="forward: seconds to wait for the upstream connect (default 10)")
    ap.add_argument("--visible-hostname", default="squid",
                    help="name in Via / X-Cache headers (default squid)")
    ap.add_argument("--pidfile", help="write the PID here (removed on exit)")
    ap.add_argument("--log", help="append one line per request to this file")
    args = ap.parse_args(argv)
    own_netns = in_initial_netns()
    if args.allow is None:
        args.allow = ["127.0.0.0/8", "::1/128"] if own_netns else ["0.0.0.0/0", "::/0"]
    if args.system_dns is None:
        args.system_dns = not own_netns
    elif own_netns:
        sys.stderr.write("fake_proxy: --system-dns refused in the machine's own network "
                         "namespace\n")
        args.system_dns = False

    proxy = Proxy(args)
    handler = type("H", (Handler,), {"proxy": proxy})
    host = args.bind.strip("[]")
    try:
        srv = Server(host, args.port, handler)
    except OSError as e:
        sys.stderr.write("fake_proxy: cannot listen on %s port %d: %s\n" % (host, args.port, e))
        return 1
    proxy.port = srv.socket.getsockname()[1]

    # The handler runs on the main thread, possibly while that thread holds the
    # lock inside STOP.wait(): setting the Event there could deadlock. It only
    # raises a flag; the main loop below sets STOP.
    signalled = []

    def on_signal(signum, frame):
        signalled.append(signum)

    signal.signal(signal.SIGTERM, on_signal)
    signal.signal(signal.SIGINT, on_signal)
    if args.pidfile:
        with open(args.pidfile, "w") as f:
            f.write("%d\n" % os.getpid())
    threading.Thread(target=srv.serve_forever, kwargs={"poll_interval": 0.2},
                     daemon=True).start()
    sys.stdout.write("ready %d\n" % proxy.port)
    sys.stdout.flush()
    while not signalled:
        time.sleep(0.2)
    STOP.set()
    srv.shutdown()
    srv.server_close()
    if args.pidfile:
        try:
            os.unlink(args.pidfile)
        except OSError:
            pass
    return 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""fake_dns.py - a minimal DNS server (UDP and TCP) for ollama-doctor's tests.

Python 3 standard library only.  Answers A/AAAA from --record NAME=ADDR; unknown names get
NXDOMAIN, a known name asked for the other family gets NODATA (NOERROR, no answers).
--mode servfail|refused answers every query with that rcode; --mode drop never answers, so
the client times out.  Prints "ready PORT" on stdout once both sockets are bound.
It only answers; it never starts ollama-doctor nor sends a query of its own.  It binds to
--bind (127.0.0.1 by default); the scenario tests run it inside the network namespaces they
build (ip netns exec NS, tests/scenario/lib.sh), whose /etc/netns/NS/resolv.conf names it.
"""

import argparse
import ipaddress
import os
import signal
import socket
import socketserver
import struct
import sys
import threading
import time

QTYPE_A, QTYPE_AAAA, QTYPE_OPT, QTYPE_ANY = 1, 28, 41, 255
RCODE = {"noerror": 0, "formerr": 1, "servfail": 2, "nxdomain": 3, "notimp": 4, "refused": 5}
STOP = threading.Event()


class FormErr(Exception):
    pass


def read_name(msg, off):
    """Decode a (possibly compressed) domain name; returns (name, offset after it)."""
    labels = []
    jumped = False
    end = off
    hops = 0
    while True:
        if off >= len(msg):
            raise FormErr("name runs past the message")
        n = msg[off]
        if n & 0xC0 == 0xC0:
            if off + 1 >= len(msg):
                raise FormErr("bad pointer")
            ptr = ((n & 0x3F) << 8) | msg[off + 1]
            if not jumped:
                end = off + 2
            jumped = True
            off = ptr
            hops += 1
            if hops > 20:
                raise FormErr("pointer loop")
            continue
        if n & 0xC0:
            raise FormErr("bad label type")
        off += 1
        if n == 0:
            break
        labels.append(msg[off:off + n].decode("ascii", "replace"))
        off += n
    return ".".join(labels), (end if jumped else off)


class Query:
    def __init__(self, data):
        if len(data) < 12:
            raise FormErr("short header")
        (self.id, self.flags, self.qdcount, self.ancount, self.nscount,
         self.arcount) = struct.unpack("!HHHHHH", data[:12])
        self.opcode = (self.flags >> 11) & 0xF
        self.rd = (self.flags >> 8) & 1
        self.question = b""
        self.qname = ""
        self.qtype = 0
        self.qclass = 1
        self.edns = False
        if self.qdcount != 1:
            raise FormErr("expected one question")
        self.qname, off = read_name(data, 12)
        if off + 4 > len(data):
            raise FormErr("short question")
        self.qtype, self.qclass = struct.unpack("!HH", data[off:off + 4])
        self.question = data[12:off + 4]
        off += 4
        # skip answer/authority, look for an OPT record among the additional ones
        for i in range(self.ancount + self.nscount + self.arcount):
            try:
                _, off = read_name(data, off)
                rtype, _, _, rdlen = struct.unpack("!HHIH", data[off:off + 10])
            except (FormErr, struct.error):
                break
            if rtype == QTYPE_OPT and i >= self.ancount + self.nscount:
                self.edns = True
            off += 10 + rdlen


class Resolver:
    def __init__(self, records, mode, ttl, delay, log):
        self.records = records          # name -> list of ipaddress objects
        self.mode = mode
        self.ttl = ttl
        self.delay = delay
        self.log = log
        self.lock = threading.Lock()

    def header(self, q_id, flags_in, rcode, qd, an, ar, tc=False):
        opcode = (flags_in >> 11) & 0xF
        rd = (flags_in >> 8) & 1
        flags = 0x8000 | (opcode << 11) | 0x0400 | (rd << 8) | 0x0080 | (rcode & 0xF)
        if tc:
            flags |= 0x0200
        return struct.pack("!HHHHHH", q_id, flags, qd, an, 0, ar)

    def answer(self, data, max_size):
        """Returns the reply bytes, or None to stay silent."""
        if self.mode == "drop":
            self._log("drop", data)
            return None
        try:
            q = Query(data)
        except FormErr:
            if len(data) < 12:
                return None
            q_id, flags = struct.unpack("!HH", data[:4])
            if flags & 0x8000:
                return None              # a response, not a query: ignore
            return self.header(q_id, flags, RCODE["formerr"], 0, 0, 0)
        if q.flags & 0x8000:
            return None
        if self.delay > 0:
            STOP.wait(self.delay)
        opt = b""
        if q.edns:
            opt = b"\x00" + struct.pack("!HHIH", QTYPE_OPT, 1232, 0, 0)
            max_size = max(max_size, 1232)
        if q.opcode != 0:
            rcode, answers = RCODE["notimp"], []
        elif self.mode in ("servfail", "refused"):
            rcode, answers = RCODE[self.mode], []
        else:
            name = q.qname.rstrip(".").lower()
            if name not in self.records:
                rcode, answers = RCODE["nxdomain"], []
            else:
                rcode = RCODE["noerror"]
                answers = []
                for ip in self.records[name]:
                    rtype = QTYPE_A if ip.version == 4 else QTYPE_AAAA
                    if q.qclass in (1, 255) and q.qtype in (rtype, QTYPE_ANY):
                        answers.append(b"\xc0\x0c" + struct.pack(
                            "!HHIH", rtype, 1, self.ttl, len(ip.packed)) + ip.packed)
        self._log("%s type=%d rcode=%d answers=%d" % (q.qname, q.qtype, rcode, len(answers)),
                  None)
        reply = (self.header(q.id, q.flags, rcode, 1, len(answers), 1 if opt else 0)
                 + q.question + b"".join(answers) + opt)
        if len(reply) > max_size:
            reply = self.header(q.id, q.flags, rcode, 1, 0, 1 if opt else 0, tc=True) \
                + q.question + opt
        return reply

    def _log(self, text, data):
        if self.log:
            with self.lock:
                self.log.write("%s %s\n" % (time.strftime("%Y-%m-%dT%H:%M:%S"), text))
                self.log.flush()


class UDPHandler(socketserver.BaseRequestHandler):
    resolver = None

    def handle(self):
        data, sock = self.request
        reply = self.resolver.answer(data, 512)
        if reply is not None:
            try:
                sock.sendto(reply, self.client_address)
            except OSError:
                pass


class TCPHandler(socketserver.StreamRequestHandler):
    resolver = None

    def handle(self):
        self.request.settimeout(30)
        while not STOP.is_set():
            try:
                head = self.rfile.read(2)
                if len(head) < 2:
                    return
                (n,) = struct.unpack("!H", head)
                data = self.rfile.read(n)
                if len(data) < n:
                    return
            except OSError:
                return
            reply = self.resolver.answer(data, 65535)
            if reply is None:
                continue                 # drop: keep the connection open, say nothing
            try:
                self.wfile.write(struct.pack("!H", len(reply)) + reply)
                self.wfile.flush()
            except OSError:
                return


def _family(host):
    return socket.AF_INET6 if ":" in host else socket.AF_INET


class UDPServer(socketserver.ThreadingUDPServer):
    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, host, port, handler):
        self.address_family = _family(host)
        super().__init__((host, port), handler)

    def handle_error(self, request, client_address):
        pass


class TCPServer(socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, host, port, handler):
        self.address_family = _family(host)
        super().__init__((host, port), handler)

    def handle_error(self, request, client_address):
        pass


def parse_records(items):
    records = {}
    for item in items:
        name, sep, addr = item.partition("=")
        if not sep or not name:
            raise SystemExit("fake_dns: --record wants NAME=ADDR, got %r" % item)
        try:
            ip = ipaddress.ip_address(addr.strip().strip("[]"))
        except ValueError:
            raise SystemExit("fake_dns: not an IP address in --record %r" % item)
        records.setdefault(name.strip().rstrip(".").lower(), []).append(ip)
    return records


def main(argv=None):
    ap = argparse.ArgumentParser(description="Minimal DNS server for ollama-doctor tests.")
    ap.add_argument("--bind", default="127.0.0.1", help="listen address (default 127.0.0.1)")
    ap.add_argument("--port", type=int, default=53, help="port (default 53; 0 = any free)")
    ap.add_argument("--record", action="append", default=[], metavar="NAME=ADDR",
                    help="answer NAME with ADDR (A for IPv4, AAAA for IPv6); repeatable")
    ap.add_argument("--mode", default="normal",
                    choices=["normal", "servfail", "refused", "drop"])
    ap.add_argument("--ttl", type=int, default=60, help="TTL of answers (default 60)")
    ap.add_argument("--delay", type=float, default=0.0, help="seconds to wait before answering")
    ap.add_argument("--no-tcp", action="store_true", help="UDP only")
    ap.add_argument("--pidfile", help="write the PID here (removed on exit)")
    ap.add_argument("--log", help="append one line per query to this file")
    args = ap.parse_args(argv)

    host = args.bind.strip("[]")
    log = open(args.log, "a", encoding="utf-8") if args.log else None
    resolver = Resolver(parse_records(args.record), args.mode, args.ttl, args.delay, log)
    udp_h = type("U", (UDPHandler,), {"resolver": resolver})
    tcp_h = type("T", (TCPHandler,), {"resolver": resolver})
    servers = []
    err = None
    for _ in range(20):                  # with --port 0, find a port free for UDP and TCP
        try:
            udp = UDPServer(host, args.port, udp_h)
        except OSError as e:
            err = e
            break
        port = udp.socket.getsockname()[1]
        if args.no_tcp:
            servers = [udp]
            break
        try:
            tcp = TCPServer(host, port, tcp_h)
            servers = [udp, tcp]
            break
        except OSError as e:
            err = e
            udp.server_close()
            if args.port != 0:
                break
    if not servers:
        sys.stderr.write("fake_dns: cannot listen on %s port %d: %s\n" % (host, args.port, err))
        return 1

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
    for s in servers:
        threading.Thread(target=s.serve_forever, kwargs={"poll_interval": 0.2},
                         daemon=True).start()
    sys.stdout.write("ready %d\n" % servers[0].socket.getsockname()[1])
    sys.stdout.flush()
    while not signalled:
        time.sleep(0.2)
    STOP.set()
    for s in servers:
        s.shutdown()
        s.server_close()
    if args.pidfile:
        try:
            os.unlink(args.pidfile)
        except OSError:
            pass
    return 0


if __name__ == "__main__":
    sys.exit(main())

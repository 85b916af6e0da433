#!/usr/bin/env python3
"""fake_ollama.py - a faithful stand-in for an Ollama server, for ollama-doctor's tests.

Python 3 standard library only.  What it imitates, and where that comes from, is in
tests/fake/README.md (facts: shared/reference/ollama-and-dify.md sections 1.1-1.11).

Modes:
  ollama       (default) the Ollama HTTP API: fingerprints, routes, error shapes, the
               loopback Host check and the Origin (CORS) check.
  nginx        a web server that is not Ollama: 200 text/html on every path.
  drip         accepts, then sends an HTTP response one byte per interval, forever.
  endless      a 200 response whose body never ends.
  redirect     302 to http://elsewhere.invalid:11434/ on every path.
  tcp-garbage  writes an SSH banner and closes: not HTTP at all.

Prints "ready PORT" on stdout (flushed) once the socket listens.
It only answers; it never starts ollama-doctor nor connects anywhere.  It binds to --bind
(127.0.0.1 by default); the scenario tests run it inside the network namespaces they build
(ip netns exec NS, tests/scenario/lib.sh), and the tool reaches it there, or on loopback
with --candidates.
"""

import argparse
import datetime
import decimal
import email.utils
import hashlib
import http
import json
import math
import os
import re
import select
import signal
import socket
import socketserver
import struct
import sys
import threading
import time
import urllib.parse

DEFAULT_VERSION = "0.12.3"
DEFAULT_HOST = "registry.ollama.ai"
DEFAULT_NAMESPACE = "library"
DEFAULT_TAG = "latest"
MAX_REQUEST_LINE = 64 * 1024
MAX_HEADER_BYTES = 1 << 20          # Go's http.DefaultMaxHeaderBytes
MAX_BODY = 32 << 20                 # the fake's own cap on request bodies
NS = 1_000_000_000

STOP = threading.Event()


# --------------------------------------------------------------------------------------
# Small helpers: versions, durations, time stamps, Go-style JSON
# --------------------------------------------------------------------------------------

def parse_version(v):
    """'0.12.3' -> (0, 12, 3); a source build ('0.0.0') counts as newest."""
    m = re.match(r"^v?(\d+)\.(\d+)\.(\d+)", v or "")
    if not m:
        return (9999, 0, 0)
    t = tuple(int(x) for x in m.groups())
    return (9999, 0, 0) if t == (0, 0, 0) else t


def rfc3339nano(ns_epoch):
    """Go's time.Time JSON form (RFC 3339 with nanoseconds, trailing zeros trimmed), UTC."""
    secs, frac = divmod(int(ns_epoch), NS)
    try:
        dt = datetime.datetime(1970, 1, 1) + datetime.timedelta(seconds=secs)
    except OverflowError:
        dt = datetime.datetime(9999, 12, 31, 23, 59, 59)
    s = dt.strftime("%Y-%m-%dT%H:%M:%S")
    if frac:
        s += ("." + "%09d" % frac).rstrip("0")
    return s + "Z"


_DUR_UNITS = {"ns": 1, "us": 1_000, "\u00b5s": 1_000, "\u03bcs": 1_000, "ms": 1_000_000,
              "s": NS, "m": 60 * NS, "h": 3600 * NS}
MAX_DURATION = (1 << 63) - 1


def parse_go_duration(s):
    """time.ParseDuration; returns nanoseconds or raises ValueError with Go's text."""
    orig, sign = s, 1
    if s[:1] in ("+", "-"):
        sign = -1 if s[0] == "-" else 1
        s = s[1:]
    if s == "0":
        return 0
    if not s:
        raise ValueError('time: invalid duration "%s"' % orig)
    total, pos = 0.0, 0
    pat = re.compile(r"(\d+\.?\d*|\.\d+)([^\d.]*)")
    while pos < len(s):
        m = pat.match(s, pos)
        if not m:
            raise ValueError('time: invalid duration "%s"' % orig)
        if not m.group(2):
            raise ValueError('time: missing unit in duration "%s"' % orig)
        if m.group(2) not in _DUR_UNITS:
            raise ValueError('time: unknown unit "%s" in duration "%s"' % (m.group(2), orig))
        total += float(m.group(1)) * _DUR_UNITS[m.group(2)]
        pos = m.end()
    return int(sign * total)


def keep_alive_ns(value, default_ns):
    """api.Duration.UnmarshalJSON: number = seconds, string = Go duration, negative = forever."""
    if value is None:
        return default_ns
    if isinstance(value, bool):
        raise ValueError("Unsupported type: 'bool'")
    if isinstance(value, (int, float)):
        d = int(value * NS) if value >= 0 else -1
    elif isinstance(value, str):
        d = parse_go_duration(value)
    else:
        raise ValueError("Unsupported type: '%s'" % type(value).__name__)
    return MAX_DURATION if d < 0 else d


_F32 = struct.Struct("<f")


def _f32(v):
    return _F32.unpack(_F32.pack(v))[0]


def _go_float_text(shortest, v):
    """Render the shortest round-trip digits the way encoding/json does."""
    if v == 0:
        return "-0" if math.copysign(1.0, v) < 0 else "0"
    a = abs(v)
    d = decimal.Decimal(shortest)
    if a < 1e-6 or a >= 1e21:
        return format(d, "e").replace("E", "e")
    s = format(d.normalize(), "f")
    return s


def go_f32(v):
    v = _f32(v)
    for p in range(1, 10):
        s = "%.*g" % (p, v)
        if _f32(float(s)) == v:
            break
    return _go_float_text(s, v)


def go_f64(v):
    return _go_float_text(repr(float(v)), float(v))


class Raw(str):
    """Pre-encoded JSON text."""


def go_str(s):
    return (json.dumps(s, ensure_ascii=False).replace("<", "\\u003c").replace(">", "\\u003e")
            .replace("&", "\\u0026").replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


def go_json(o):
    """encoding/json output: compact, keys in the given order, HTML characters escaped."""
    if isinstance(o, Raw):
        return str(o)
    if o is None:
        return "null"
    if o is True:
        return "true"
    if o is False:
        return "false"
    if isinstance(o, int):
        return str(o)
    if isinstance(o, float):
        return go_f64(o)
    if isinstance(o, str):
        return go_str(o)
    if isinstance(o, dict):
        return "{" + ",".join(go_str(str(k)) + ":" + go_json(v) for k, v in o.items()) + "}"
    if isinstance(o, (list, tuple)):
        return "[" + ",".join(go_json(v) for v in o) + "]"
    raise TypeError("cannot encode %r" % (o,))


def go_quote(s):
    """fmt's %q / %#v for a string (close enough: JSON quoting without HTML escapes)."""
    return json.dumps(s, ensure_ascii=False)


def go_sharp_v(v):
    """fmt's %#v for a Modelfile parameter value."""
    if isinstance(v, str):
        return go_quote(v)
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    return str(v)


# --------------------------------------------------------------------------------------
# HTTP/1.x plumbing shared by the modes
# --------------------------------------------------------------------------------------

class BadRequest(Exception):
    """A request Go's net/http rejects itself.  `public` reasons are the ones Go puts in
    the status line and body (its statusError); others get a bare "400 Bad Request"."""

    def __init__(self, status, reason="", public=False):
        super().__init__(reason)
        self.status = status
        self.reason = reason
        self.public = public


class Request:
    def __init__(self, method, target, version, headers):
        self.method = method
        self.target = target
        self.version = version
        self.headers = headers          # list of (name, value) as received
        self.body = b""
        self.host = self.header("host") or ""
        self.raw_path = target
        self.query = ""
        if target.startswith(("http://", "https://")):
            u = urllib.parse.urlsplit(target)
            self.host = u.netloc          # Go: an absolute-form target overrides Host
            self.raw_path = u.path or "/"
            self.query = u.query
        else:
            self.raw_path, _, self.query = target.partition("?")
        self.path = urllib.parse.unquote(self.raw_path)

    def header(self, name):
        name = name.lower()
        for k, v in self.headers:
            if k.lower() == name:
                return v
        return None

    def header_count(self, name):
        return sum(1 for k, _ in self.headers if k.lower() == name.lower())

    @property
    def http11(self):
        return self.version == "HTTP/1.1"

    def wants_close(self):
        conn = (self.header("connection") or "").lower()
        if self.http11:
            return "close" in conn
        return "keep-alive" not in conn


def read_request(rfile):
    """Read one request head. Returns None on a clean EOF before any byte."""
    line = rfile.readline(MAX_REQUEST_LINE + 1)
    if not line:
        return None
    if len(line) > MAX_REQUEST_LINE:
        raise BadRequest(431)
    line = line.rstrip(b"\r\n")
    parts = line.split(b" ")
    if len(parts) != 3 or not parts[0] or not parts[1]:
        raise BadRequest(400, "malformed HTTP request %s" % go_quote(line.decode("latin-1")))
    method, target, version = (p.decode("latin-1") for p in parts)
    if not re.match(r"^HTTP/1\.[01]$", version):
        if re.match(r"^HTTP/\d+\.\d+$", version):
            raise BadRequest(505, "unsupported protocol version", public=True)
        raise BadRequest(400, "malformed HTTP version %s" % go_quote(version))
    headers = []
    total = 0
    while True:
        h = rfile.readline(MAX_REQUEST_LINE + 1)
        if not h:
            raise BadRequest(400, "unexpected EOF")
        total += len(h)
        if total > MAX_HEADER_BYTES:
            raise BadRequest(431)
        if h in (b"\r\n", b"\n"):
            break
        name, sep, value = h.partition(b":")
        if not sep or not name or name != name.strip():
            raise BadRequest(400, "malformed MIME header line: %s" % h.strip().decode("latin-1"))
        headers.append((name.decode("latin-1"), value.strip().decode("latin-1")))
    return Request(method, target, version, headers)


def read_body(req, rfile, limit=MAX_BODY):
    te = req.header("transfer-encoding")
    if te is not None:
        if te.lower() != "chunked":
            raise BadRequest(501, "unsupported transfer encoding")
        chunks = []
        size_total = 0
        while True:
            line = rfile.readline(4096)
            if not line:
                raise BadRequest(400, "unexpected EOF")
            try:
                n = int(line.split(b";")[0].strip(), 16)
            except ValueError:
                raise BadRequest(400, "invalid chunk length")
            if n == 0:
                while True:                       # trailers
                    t = rfile.readline(4096)
                    if t in (b"\r\n", b"\n", b""):
                        break
                break
            size_total += n
            if size_total > limit:
                raise BadRequest(413)
            data = rfile.read(n)
            if len(data) < n:
                raise BadRequest(400, "unexpected EOF")
            chunks.append(data)
            rfile.readline(4096)
        return b"".join(chunks)
    cl = req.header("content-length")
    if cl is None:
        return b""
    if not re.match(r"^\d+$", cl.strip()):
        raise BadRequest(400, "bad Content-Length")
    n = int(cl)
    if n > limit:
        raise BadRequest(413)
    data = rfile.read(n)
    if len(data) < n:
        raise BadRequest(400, "unexpected EOF")
    return data


def reason_phrase(status):
    try:
        return http.HTTPStatus(status).phrase
    except ValueError:
        return "status code %d" % status


def http_date():
    return email.utils.formatdate(usegmt=True)


def go_error_response(wfile, err):
    """What Go's net/http writes itself for a request it cannot parse."""
    text = "%d %s" % (err.status, reason_phrase(err.status))
    if err.public and err.reason:
        text += ": " + err.reason
    try:
        wfile.write(("HTTP/1.1 %s\r\nContent-Type: text/plain; charset=utf-8\r\n"
                     "Connection: close\r\n\r\n%s" % (text, text)).encode("latin-1", "replace"))
        wfile.flush()
    except OSError:
        pass


class Writer:
    """Writes one response the way Go's net/http lays it out: handler headers sorted by
    name, then Date, Content-Length / Transfer-Encoding and Connection."""

    def __init__(self, wfile, req):
        self.wfile = wfile
        self.req = req
        self.close = req.wants_close()
        self.started = False
        self.chunked = False
        self.status = 0

    def _head(self, status, headers, extra):
        self.status = status
        lines = ["HTTP/1.1 %d %s" % (status, reason_phrase(status))]
        for k, v in sorted(headers, key=lambda kv: kv[0]):
            lines.append("%s: %s" % (k, v))
        lines.append("Date: " + http_date())
        lines.extend(extra)
        if self.close and self.req.http11:
            lines.append("Connection: close")
        return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1", "replace")

    def send(self, status, headers, body=b""):
        extra = []
        if status >= 200 and status not in (204, 304):
            extra.append("Content-Length: %d" % len(body))
        head = self._head(status, headers, extra)
        if self.req.method == "HEAD" or status in (204, 304):
            body = b""
        self.wfile.write(head + body)
        self.wfile.flush()
        self.started = True

    def start_stream(self, status, headers):
        extra = []
        if self.req.http11:
            self.chunked = True
            extra.append("Transfer-Encoding: chunked")
        else:
            self.close = True
        self.wfile.write(self._head(status, headers, extra))
        self.wfile.flush()
        self.started = True

    def write(self, data):
        if not data:
            return
        if self.chunked:
            self.wfile.write(b"%x\r\n" % len(data) + data + b"\r\n")
        else:
            self.wfile.write(data)
        self.wfile.flush()

    def end_stream(self):
        if self.chunked:
            self.wfile.write(b"0\r\n\r\n")
            self.wfile.flush()


# --------------------------------------------------------------------------------------
# Model catalogue
# --------------------------------------------------------------------------------------

NAME_PART = re.compile(r"^[A-Za-z0-9_][A-Za-z0-9_.\-]{0,79}$")
HOST_PART = re.compile(r"^[A-Za-z0-9_][A-Za-z0-9_.:\-]{0,349}$")


def parse_name(s):
    """types/model.ParseName (simplified): returns (host, namespace, model, tag) or None."""
    if not isinstance(s, str) or not s:
        return None
    s = s.split("@", 1)[0]
    if "://" in s:
        return None
    tag = None
    i, j = s.rfind(":"), s.rfind("/")
    if i > j:
        s, tag = s[:i], s[i + 1:]
    parts = s.split("/")
    if len(parts) == 1:
        host, ns, model = DEFAULT_HOST, DEFAULT_NAMESPACE, parts[0]
    elif len(parts) == 2:
        host, ns, model = DEFAULT_HOST, parts[0], parts[1]
    elif len(parts) == 3:
        host, ns, model = parts
    else:
        return None
    tag = DEFAULT_TAG if tag is None else tag
    if not (HOST_PART.match(host) and NAME_PART.match(ns) and NAME_PART.match(model)
            and NAME_PART.match(tag)):
        return None
    return host, ns, model, tag


def display_shortest(p):
    host, ns, model, tag = p
    if host.lower() == DEFAULT_HOST:
        if ns.lower() == DEFAULT_NAMESPACE:
            return "%s:%s" % (model, tag)
        return "%s/%s:%s" % (ns, model, tag)
    return "%s/%s/%s:%s" % (host, ns, model, tag)


def full_name(p):
    return "%s/%s/%s:%s" % p


FILE_TYPES = {"F32": 0, "F16": 1, "Q4_0": 2, "Q4_1": 3, "Q8_0": 7, "Q5_0": 8, "Q5_1": 9,
              "Q2_K": 10, "Q3_K_S": 11, "Q3_K_M": 12, "Q3_K_L": 13, "Q4_K_S": 14,
              "Q4_K_M": 15, "Q5_K_S": 16, "Q5_K_M": 17, "Q6_K": 18, "BF16": 32}
QUANT_BITS = {"F32": 32, "F16": 16, "BF16": 16, "Q8_0": 8.5, "Q6_K": 6.6, "Q5_K_M": 5.7,
              "Q5_K_S": 5.5, "Q5_0": 5.5, "Q5_1": 6, "Q4_K_M": 4.9, "Q4_K_S": 4.6,
              "Q4_0": 4.5, "Q4_1": 5, "Q3_K_M": 3.9, "Q3_K_S": 3.5, "Q3_K_L": 4.3, "Q2_K": 3.4}

DEFAULT_MODELS = [
    {
        "name": "llama3.2:latest", "family": "llama", "arch": "llama",
        "parameter_size": "3.2B", "quantization": "Q4_K_M", "context_length": 131072,
        "embedding_length": 3072, "block_count": 28, "size": 2019393189,
        "capabilities": ["completion", "tools"],
        "parameters": {"stop": ["<|start_header_id|>", "<|end_header_id|>", "<|eot_id|>"]},
        "modified_at": "2025-09-18T09:12:44.417206511Z",
    },
    {
        "name": "llava:latest", "family": "llama", "families": ["llama", "clip"],
        "arch": "llama", "parameter_size": "7B", "quantization": "Q4_0",
        "context_length": 4096, "embedding_length": 4096, "block_count": 32,
        "size": 4733363377, "capabilities": ["completion", "vision"], "vision": True,
        "parameters": {"stop": ["[INST]", "[/INST]"]},
        "template": "[INST] {{ if .System }}{{ .System }} {{ end }}{{ .Prompt }} [/INST]",
        "modified_at": "2025-09-12T16:40:03.90153118Z",
    },
    {
        "name": "nomic-embed-text:latest", "family": "nomic-bert", "arch": "nomic-bert",
        "parameter_size": "137M", "quantization": "F16", "context_length": 2048,
        "embedding_length": 768, "block_count": 12, "size": 274302450,
        "capabilities": ["embedding"], "embedding": True, "num_ctx": 8192,
        "modified_at": "2025-09-01T07:55:21.62331964Z",
    },
]

CHAT_TEMPLATE = (
    "{{- range $i, $m := .Messages }}<|start_header_id|>{{ $m.Role }}<|end_header_id|>\n\n"
    "{{ $m.Content }}<|eot_id|>{{ end }}<|start_header_id|>assistant<|end_header_id|>\n\n")
TOOLS_TEMPLATE = (
    "{{- if .Tools }}<|start_header_id|>system<|end_header_id|>\n\nYou can call these "
    "functions: {{ range .Tools }}{{ . }}\n{{ end }}<|eot_id|>{{ end }}" + CHAT_TEMPLATE)


def parse_param_count(s):
    m = re.match(r"^\s*([\d.]+)\s*([KMBT]?)", str(s or ""), re.I)
    if not m:
        return 0
    mult = {"": 1, "K": 1e3, "M": 1e6, "B": 1e9, "T": 1e12}[m.group(2).upper()]
    return int(float(m.group(1)) * mult)


class Model:
    def __init__(self, spec, index):
        if not isinstance(spec, dict) or not spec.get("name"):
            raise ValueError("each model needs at least a name: %r" % (spec,))
        p = parse_name(spec["name"])
        if p is None:
            raise ValueError("invalid model name %r" % spec["name"])
        self.parts = p
        self.key = full_name(p).lower()
        self.name = display_shortest(p)
        self.arch = spec.get("arch") or spec.get("family") or "llama"
        self.family = spec.get("family") or self.arch
        self.families = spec.get("families") or [self.family]
        self.parameter_size = spec.get("parameter_size", "7B")
        self.quantization = spec.get("quantization", "Q4_K_M")
        self.context_length = int(spec.get("context_length") or 0)
        self.has_caps_field = "capabilities" in spec and spec["capabilities"] is not None
        caps = list(spec.get("capabilities") or [])
        self.embedding = bool(spec.get("embedding", "embedding" in caps))
        self.vision = bool(spec.get("vision", "vision" in caps))
        if not self.has_caps_field:          # old server: derive what it would enforce
            caps = ["embedding"] if self.embedding else ["completion"]
            if self.vision:
                caps.append("vision")
            if spec.get("tools"):
                caps.append("tools")
        self.caps = caps
        self.embedding_length = int(spec.get("embedding_length")
                                    or (768 if self.embedding else 4096))
        self.block_count = int(spec.get("block_count") or 32)
        self.param_count = parse_param_count(self.parameter_size)
        bits = QUANT_BITS.get(self.quantization.upper(), 4.9)
        self.size = int(spec.get("size") or max(1, self.param_count) * bits / 8)
        if "size_vram" in spec:
            self.gpu_fraction = None
            self.size_vram_fixed = int(spec["size_vram"])
        else:
            self.gpu_fraction = float(spec.get("gpu_fraction", 1.0))
            self.size_vram_fixed = None
        self.digest = spec.get("digest") or hashlib.sha256(self.name.encode()).hexdigest()
        self.params = dict(spec.get("parameters") or {})
        if spec.get("num_ctx") is not None:
            self.params["num_ctx"] = int(spec["num_ctx"])
        if spec.get("modified_at"):
            self.modified_at = spec["modified_at"]
        else:
            base = 1758186000 * NS - index * 86400 * NS
            self.modified_at = rfc3339nano(base + 123456789)
        if "template" in spec:
            self.template = spec["template"]
        elif self.embedding:
            self.template = "{{ .Prompt }}"
        else:
            self.template = TOOLS_TEMPLATE if "tools" in caps else CHAT_TEMPLATE
        self.extra_model_info = dict(spec.get("model_info") or {})
        self.projector_info = spec.get("projector_info")
        self.system = spec.get("system", "")
        self.license = spec.get("license", "")

    def modified_epoch(self):
        try:
            s = self.modified_at.replace("Z", "+00:00")
            s = re.sub(r"\.(\d{6})\d+", r".\1", s)
            return int(datetime.datetime.fromisoformat(s).timestamp())
        except ValueError:
            return 1758186000

    def details(self, extended=False):
        d = {"parent_model": "", "format": "gguf", "family": self.family,
             "families": list(self.families), "parameter_size": self.parameter_size,
             "quantization_level": self.quantization}
        if extended:
            if self.context_length:
                d["context_length"] = self.context_length
            if self.embedding_length:
                d["embedding_length"] = self.embedding_length
        return d

    def model_info(self):
        a = self.arch
        info = {
            "general.architecture": a,
            "general.file_type": FILE_TYPES.get(self.quantization.upper(), 15),
            "general.parameter_count": self.param_count,
            "general.quantization_version": 2,
            a + ".attention.head_count": max(1, self.embedding_length // 128),
            a + ".block_count": self.block_count,
            a + ".embedding_length": self.embedding_length,
            "tokenizer.ggml.model": "bert" if self.embedding else "gpt2",
            "tokenizer.ggml.token_type": [],
            "tokenizer.ggml.tokens": [],
        }
        if self.context_length:
            info[a + ".context_length"] = self.context_length
        if self.embedding:
            info[a + ".pooling_type"] = 1
        else:
            info[a + ".attention.head_count_kv"] = max(1, self.embedding_length // 384)
            info[a + ".rope.freq_base"] = 500000
            info["tokenizer.ggml.merges"] = []
        info.update(self.extra_model_info)
        return dict(sorted(info.items()))          # Go marshals map keys sorted

    def default_projector_info(self):
        if self.projector_info is not None:
            return dict(sorted(self.projector_info.items()))
        return dict(sorted({
            "clip.has_llava_projector": True, "clip.has_text_encoder": False,
            "clip.has_vision_encoder": True, "clip.projector_type": "mlp",
            "clip.vision.attention.head_count": 16, "clip.vision.block_count": 23,
            "clip.vision.embedding_length": 1024, "clip.vision.feed_forward_length": 4096,
            "clip.vision.image_size": 336, "clip.vision.patch_size": 14,
            "clip.vision.projection_dim": 768, "general.architecture": "clip",
            "general.file_type": 1, "general.parameter_count": 311841280,
        }.items()))

    def parameters_text(self):
        lines = []
        for k in sorted(self.params):
            v = self.params[k]
            for item in (v if isinstance(v, list) else [v]):
                lines.append("%-30s %s" % (k, go_sharp_v(item)))
        return "\n".join(lines)

    def modelfile(self):
        out = ['# Modelfile generated by "ollama show"',
               "# To build a new Modelfile based on this, replace FROM with:",
               "# FROM %s" % self.name, "",
               "FROM /usr/share/ollama/.ollama/models/blobs/sha256-%s"
               % hashlib.sha256(("blob:" + self.name).encode()).hexdigest()]
        if self.template:
            out.append('TEMPLATE """%s"""' % self.template)
        if self.system:
            out.append('SYSTEM """%s"""' % self.system)
        for k in sorted(self.params):
            v = self.params[k]
            for item in (v if isinstance(v, list) else [v]):
                out.append("PARAMETER %s %s" % (k, item))
        return "\n".join(out) + "\n"

    def size_vram(self, total):
        if self.size_vram_fixed is not None:
            return self.size_vram_fixed
        return int(total * max(0.0, min(1.0, self.gpu_fraction)))


class Loaded:
    def __init__(self, model, ctx, expires_ns):
        self.model = model
        self.ctx = ctx
        self.expires_ns = expires_ns


# --------------------------------------------------------------------------------------
# The Ollama application
# --------------------------------------------------------------------------------------

class Reply(Exception):
    """Abort a handler with a complete response."""

    def __init__(self, status, obj=None, ctype="application/json; charset=utf-8", raw=None):
        super().__init__(status)
        self.status = status
        self.obj = obj
        self.ctype = ctype
        self.raw = raw


def json_error(status, text):
    return Reply(status, {"error": text})


BIND_LOCAL_TLDS = ("localhost", "local", "internal")


def go_is_loopback(ip):
    import ipaddress
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped:
        ip = ip.ipv4_mapped
    return ip.is_loopback


def go_is_private(ip):
    import ipaddress
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped:
        ip = ip.ipv4_mapped
    nets = ("10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16") if ip.version == 4 else ("fc00::/7",)
    return any(ip in ipaddress.ip_network(n) for n in nets)


def local_addresses():
    """Addresses on this network namespace's interfaces (Go's isLocalIP)."""
    import fcntl
    addrs = set()
    try:
        names = [n for _, n in socket.if_nameindex()]
    except OSError:
        names = []
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    try:
        for n in names:
            try:
                res = fcntl.ioctl(s.fileno(), 0x8915, struct.pack("256s", n.encode()[:15]))
                addrs.add(socket.inet_ntoa(res[20:24]))
            except OSError:
                pass
    finally:
        s.close()
    try:
        with open("/proc/net/if_inet6") as f:
            for line in f:
                h = line.split()[0]
                addrs.add(socket.inet_ntop(socket.AF_INET6, bytes.fromhex(h)))
    except OSError:
        pass
    return addrs


def split_host_port(hostport):
    """net.SplitHostPort; raises ValueError like Go does."""
    if hostport.startswith("["):
        end = hostport.find("]")
        if end < 0:
            raise ValueError("missing ']' in address")
        rest = hostport[end + 1:]
        if rest == "":
            raise ValueError("missing port in address")
        if not rest.startswith(":"):
            raise ValueError("unexpected ']' in address" if "]" in rest else "missing port")
        host, port = hostport[1:end], rest[1:]
        if ":" in port:
            raise ValueError("too many colons in address")
        return host, port
    if hostport.count(":") == 0:
        raise ValueError("missing port in address")
    if hostport.count(":") > 1:
        raise ValueError("too many colons in address")
    host, _, port = hostport.rpartition(":")
    if "[" in host or "]" in host:
        raise ValueError("unexpected bracket")
    return host, port


def parse_ip(s):
    import ipaddress
    try:
        return ipaddress.ip_address(s)
    except ValueError:
        return None


CORS_ALLOW_METHODS = "GET,POST,PUT,PATCH,DELETE,HEAD,OPTIONS"
CORS_ALLOW_HEADERS = ",".join([
    "Authorization", "Content-Type", "User-Agent", "Accept", "X-Requested-With",
    "Openai-Beta", "X-Stainless-Arch", "X-Stainless-Async", "X-Stainless-Custom-Poll-Interval",
    "X-Stainless-Helper-Method", "X-Stainless-Lang", "X-Stainless-Os",
    "X-Stainless-Package-Version", "X-Stainless-Poll-Helper", "X-Stainless-Retry-Count",
    "X-Stainless-Runtime", "X-Stainless-Runtime-Version", "X-Stainless-Timeout"])


class Ollama:
    def __init__(self, args, models):
        self.args = args
        self.version = args.version
        self.vt = parse_version(args.version)
        self.models = {}
        for i, spec in enumerate(models):
            m = Model(spec, i)
            self.models[m.key] = m
        self.loaded = {}
        self.lock = threading.Lock()
        self.hostname = (args.hostname or socket.gethostname()).lower()
        self.default_num_ctx = args.default_num_ctx
        try:
            self.default_keep_alive = keep_alive_ns(args.keep_alive, 5 * 60 * NS)
        except ValueError as e:
            raise SystemExit("fake_ollama: --keep-alive: %s" % e)
        self.origins, self.origin_wildcards, self.allow_all_origins = self._origins(args.origins)
        self.loopback_bound = False       # set once the socket is bound
        self.routes = self._routes()
        self.log = None

    # ---- setup ----------------------------------------------------------------------

    def _origins(self, env_value):
        origins = [o for o in (env_value or "").split(",") if o] if env_value else []
        for o in ("localhost", "127.0.0.1", "0.0.0.0"):
            origins += ["http://" + o, "https://" + o, "http://%s:*" % o, "https://%s:*" % o]
        origins += ["app://*", "file://*", "tauri://*", "vscode-webview://*", "vscode-file://*"]
        if "*" in origins:
            return [], [], True
        exact = [o.lower() for o in origins if "*" not in o]
        wild = []
        for o in origins:
            if "*" in o:
                i = o.index("*")
                wild.append((o[:i].lower(), o[i + 1:].lower()))
        return exact, wild, False

    def at_least(self, *v):
        return self.vt >= v

    def _routes(self):
        r = [
            ("HEAD", "/", self.h_root), ("GET", "/", self.h_root),
            ("HEAD", "/api/version", self.h_version), ("GET", "/api/version", self.h_version),
            ("POST", "/api/pull", self.h_pull), ("POST", "/api/push", self.h_push),
            ("HEAD", "/api/tags", self.h_tags), ("GET", "/api/tags", self.h_tags),
            ("POST", "/api/show", self.h_show), ("DELETE", "/api/delete", self.h_delete),
            ("POST", "/api/create", self.h_create),
            ("POST", "/api/blobs/:digest", self.h_blob), ("HEAD", "/api/blobs/:digest", self.h_blob),
            ("POST", "/api/copy", self.h_copy),
            ("POST", "/api/generate", self.h_generate), ("POST", "/api/chat", self.h_chat),
            ("POST", "/api/embeddings", self.h_embeddings),
        ]
        if self.at_least(0, 1, 38):
            r.append(("GET", "/api/ps", self.h_ps))
        if self.at_least(0, 1, 24):
            r += [("POST", "/v1/chat/completions", self.h_oai_chat)]
        if self.at_least(0, 2, 0):
            r += [("POST", "/v1/completions", self.h_oai_completions),
                  ("GET", "/v1/models", self.h_oai_models),
                  ("GET", "/v1/models/:model", self.h_oai_model)]
        if self.at_least(0, 2, 6):
            r += [("POST", "/api/embed", self.h_embed),
                  ("POST", "/v1/embeddings", self.h_oai_embeddings)]
        return r

    # ---- routing (gin + net/http ServeMux behaviour) ---------------------------------

    def match(self, method, path):
        """Return (handler, params) for an exact route of this method, or None."""
        segs = path.split("/")
        for m, pattern, h in self.routes:
            if m != method:
                continue
            psegs = pattern.split("/")
            if len(psegs) != len(segs):
                continue
            params = {}
            ok = True
            for p, s in zip(psegs, segs):
                if p.startswith(":"):
                    if not s:
                        ok = False
                        break
                    params[p[1:]] = s
                elif p != s:
                    ok = False
                    break
            if ok:
                return h, params
        return None

    @staticmethod
    def clean_path(p):
        """net/http cleanPath: path.Clean, keeping a trailing slash."""
        if not p:
            return "/"
        if not p.startswith("/"):
            p = "/" + p
        parts = []
        for seg in p.split("/"):
            if seg in ("", "."):
                continue
            if seg == "..":
                if parts:
                    parts.pop()
                continue
            parts.append(seg)
        np = "/" + "/".join(parts)
        if p.endswith("/") and np != "/":
            np += "/"
        return np

    def dispatch(self, req, w):
        # 1. net/http's ServeMux redirects unclean paths (//, /./, /../) before gin runs.
        if req.method != "CONNECT":
            cp = self.clean_path(req.path)
            if cp != req.path:
                return self.redirect(req, w, cp, 301)
        # 2. gin: exact route, trailing-slash redirect, 405, 404.
        found = self.match(req.method, req.path)
        extra = []
        if found is None and req.method != "CONNECT" and req.path != "/":
            alt = req.path[:-1] if req.path.endswith("/") else req.path + "/"
            if self.match(req.method, alt) is not None:
                return self.redirect(req, w, alt, 301 if req.method == "GET" else 307)
        aborted = self.middleware(req, extra)
        if aborted is not None:
            status = aborted
            return w.send(status, extra, b"")
        if found is None:
            others = any(self.match(m, req.path) for m in
                         ("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "CONNECT",
                          "TRACE") if m != req.method)
            if others:
                return w.send(405, extra + [("Content-Type", "text/plain")],
                              b"405 method not allowed")
            return w.send(404, extra + [("Content-Type", "text/plain")], b"404 page not found")
        handler, params = found
        try:
            handler(req, w, params, extra)
        except Reply as r:
            if w.started:
                return
            if r.raw is not None:
                body = r.raw
            elif r.obj is None:
                body = b""
            else:
                body = go_json(r.obj).encode("utf-8")
            hdrs = list(extra)
            if r.ctype and (body or r.obj is not None):
                hdrs.append(("Content-Type", r.ctype))
            w.send(r.status, hdrs, body)

    def redirect(self, req, w, path, code):
        loc = path + ("?" + req.query if req.query else "")
        hdrs = [("Location", loc)]
        body = b""
        if req.method in ("GET", "HEAD"):
            hdrs.append(("Content-Type", "text/html; charset=utf-8"))
            body = ('<a href="%s">%s</a>.\n\n' % (
                loc.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
                .replace('"', "&#34;").replace("'", "&#39;"), reason_phrase(code))).encode()
        w.send(code, hdrs, body)

    # ---- middleware: gin-contrib/cors, then allowedHostsMiddleware -------------------

    def origin_allowed(self, origin):
        if self.allow_all_origins:
            return True
        o = origin.lower()
        if o in self.origins:
            return True
        for pre, suf in self.origin_wildcards:
            if o.startswith(pre) and o.endswith(suf) and len(o) >= len(pre) + len(suf):
                return True
        return False

    def middleware(self, req, extra):
        """Returns a status to abort with (empty body), or None to go on.  May add
        headers to `extra` that stay on the final response."""
        origin = req.header("origin")
        if origin and origin not in ("http://" + req.host, "https://" + req.host):
            if not self.origin_allowed(origin):
                return 403
            if req.method == "OPTIONS":
                extra += [("Access-Control-Allow-Methods", CORS_ALLOW_METHODS),
                          ("Access-Control-Allow-Headers", CORS_ALLOW_HEADERS),
                          ("Access-Control-Max-Age", "43200")]
                if self.allow_all_origins:
                    extra.append(("Access-Control-Allow-Origin", "*"))
                else:
                    extra += [("Vary", "Origin"), ("Vary", "Access-Control-Request-Method"),
                              ("Vary", "Access-Control-Request-Headers"),
                              ("Access-Control-Allow-Origin", origin)]
                return 204
            if self.allow_all_origins:
                extra.append(("Access-Control-Allow-Origin", "*"))
            else:
                extra += [("Vary", "Origin"), ("Access-Control-Allow-Origin", origin)]
        if not self.loopback_bound:
            return None
        try:
            host, _ = split_host_port(req.host)
        except ValueError:
            host = req.host
        ip = parse_ip(host)
        if ip is not None:
            if (go_is_loopback(ip) or go_is_private(ip) or ip.is_unspecified
                    or str(ip) in local_addresses()):
                return None
        h = host.lower()
        if h == "" or h == "localhost" or h == self.hostname or any(
                h.endswith("." + t) for t in BIND_LOCAL_TLDS):
            if req.method == "OPTIONS":
                return 204
            return None
        return 403

    # ---- request helpers ------------------------------------------------------------

    TYPES = {"model": "string", "name": "string", "prompt": "string", "messages": "array",
             "stream": "bool", "system": "string", "template": "string", "suffix": "string",
             "options": "object", "tools": "array", "think": None, "truncate": "bool",
             "dimensions": "number", "verbose": "bool", "raw": "bool", "format": None,
             "keep_alive": None, "input": None, "images": "array"}

    def parse_json(self, req, struct_name):
        body = req.body
        text = body.decode("utf-8", "replace")
        stripped = text.lstrip(" \t\r\n")
        if not stripped:
            raise json_error(400, "missing request body")
        try:
            obj, _ = json.JSONDecoder().raw_decode(stripped)
        except json.JSONDecodeError as e:
            if e.pos >= len(stripped):
                raise json_error(400, "unexpected EOF")
            raise json_error(400, "invalid character %s looking for beginning of value"
                             % self._goch(stripped[e.pos]))
        if obj is None:
            return {}
        if not isinstance(obj, dict):
            kind = {list: "array", str: "string", bool: "bool", int: "number",
                    float: "number"}.get(type(obj), "value")
            raise json_error(400, "json: cannot unmarshal %s into Go value of type api.%s"
                             % (kind, struct_name))
        for k, want in self.TYPES.items():
            if k not in obj or obj[k] is None or want is None:
                continue
            v = obj[k]
            have = ("bool" if isinstance(v, bool) else "number" if isinstance(v, (int, float))
                    else "string" if isinstance(v, str) else "array" if isinstance(v, list)
                    else "object")
            if have != want:
                gotype = {"string": "string", "array": "[]api.Message" if k == "messages" else
                          "[]string", "bool": "bool", "object": "map[string]interface {}",
                          "number": "int"}[want]
                raise json_error(400, "json: cannot unmarshal %s into Go struct field %s.%s of "
                                 "type %s" % (have, struct_name, k, gotype))
        return obj

    @staticmethod
    def _goch(ch):
        return "'%s'" % ch if ch != "'" else "'\\''"

    def find(self, name):
        p = parse_name(name)
        if p is None:
            return None, None
        return p, self.models.get(full_name(p).lower())

    def effective_ctx(self, m, options):
        num_ctx = None
        if isinstance(options, dict) and options.get("num_ctx"):
            num_ctx = options["num_ctx"]
        elif m.params.get("num_ctx"):
            num_ctx = m.params["num_ctx"]
        else:
            num_ctx = self.default_num_ctx
        try:
            ctx = int(num_ctx)
        except (TypeError, ValueError):
            ctx = self.default_num_ctx
        if m.context_length and ctx > m.context_length:
            ctx = m.context_length
        if m.vision:
            ctx = max(ctx, 2048)
        return max(ctx, 1)

    def load(self, m, options, keep_alive):
        """Schedule (load) the model; returns load duration in ns."""
        try:
            ka = keep_alive_ns(keep_alive, self.default_keep_alive)
        except ValueError as e:
            raise json_error(400, str(e))
        ctx = self.effective_ctx(m, options)
        now = time.time_ns()
        with self.lock:
            cur = self.loaded.get(m.key)
            fresh = cur is None or cur.expires_ns <= now or cur.ctx != ctx
        t0 = time.monotonic_ns()
        if fresh and self.args.load_delay > 0:
            STOP.wait(self.args.load_delay)
        expires = time.time_ns() + ka
        with self.lock:
            self.loaded[m.key] = Loaded(m, ctx, expires)
        return (time.monotonic_ns() - t0) + (50_000_000 if fresh else 120_000)

    def unload(self, m):
        with self.lock:
            self.loaded.pop(m.key, None)

    def log_line(self, req, w, client):
        if self.log:
            with self.lock:
                self.log.write("%s %s %s %s %s %d\n" % (
                    time.strftime("%Y-%m-%dT%H:%M:%S"), client, req.method, req.target,
                    req.host, w.status))
                self.log.flush()

    def send_json(self, w, extra, obj, status=200):
        w.send(status, extra + [("Content-Type", "application/json; charset=utf-8")],
               go_json(obj).encode("utf-8"))

    # ---- handlers: general ------------------------------------------------------------

    def h_root(self, req, w, params, extra):
        w.send(200, extra + [("Content-Type", "text/plain; charset=utf-8")],
               b"Ollama is running")

    def h_version(self, req, w, params, extra):
        self.send_json(w, extra, {"version": self.version})

    def h_tags(self, req, w, params, extra):
        newer = self.at_least(0, 30, 0)
        models = []
        for m in sorted(self.models.values(), key=lambda x: -x.modified_epoch()):
            e = {"name": m.name, "model": m.name, "modified_at": m.modified_at, "size": m.size,
                 "digest": m.digest, "details": m.details(extended=newer)}
            if newer and m.has_caps_field:
                e["capabilities"] = list(m.caps)
            models.append(e)
        self.send_json(w, extra, {"models": models})

    def h_show(self, req, w, params, extra):
        obj = self.parse_json(req, "ShowRequest")
        name = obj.get("model") or obj.get("name") or ""
        if not name:
            raise json_error(400, "model is required")
        p, m = self.find(name)
        if p is None:
            raise json_error(400, "invalid model name")
        if m is None:
            raise json_error(404, "model '%s' not found" % name)
        resp = {}
        if m.license:
            resp["license"] = m.license
        resp["modelfile"] = m.modelfile()
        ptext = m.parameters_text()
        if ptext:
            resp["parameters"] = ptext
        if m.template:
            resp["template"] = m.template
        if obj.get("system") or m.system:
            resp["system"] = obj.get("system") or m.system
        resp["details"] = m.details()
        resp["model_info"] = m.model_info()
        if m.vision:
            resp["projector_info"] = m.default_projector_info()
        resp["tensors"] = [
            {"name": "token_embd.weight", "type": m.quantization,
             "shape": [m.embedding_length, 32000]},
            {"name": "blk.0.attn_norm.weight", "type": "F32", "shape": [m.embedding_length]},
        ]
        if m.has_caps_field and self.at_least(0, 6, 4) and m.caps:
            resp["capabilities"] = list(m.caps)
        resp["modified_at"] = m.modified_at
        self.send_json(w, extra, resp)

    def h_ps(self, req, w, params, extra):
        now = time.time_ns()
        with self.lock:
            items = [v for v in self.loaded.values() if v.expires_ns > now]
        items.sort(key=lambda v: -v.expires_ns)
        out = []
        for v in items:
            m = v.model
            kv = v.ctx * 2 * m.block_count * max(1, m.embedding_length // 4) * 2
            total = m.size + kv
            e = {"name": m.name, "model": m.name, "size": total, "digest": m.digest,
                 "details": m.details(), "expires_at": rfc3339nano(v.expires_ns),
                 "size_vram": m.size_vram(total)}
            if self.at_least(0, 10, 0):
                e["context_length"] = v.ctx
            out.append(e)
        self.send_json(w, extra, {"models": out})

    # ---- handlers: inference ----------------------------------------------------------

    def reply_text(self, m, prompt_text):
        words = ("This is a fake reply from %s. You said: %s" % (
            m.name, " ".join(prompt_text.split())[:60] or "nothing")).split(" ")
        return [words[0]] + [" " + w_ for w_ in words[1:]]

    def _metrics(self, load_ns, prompt_tokens, eval_tokens, t0):
        return {"total_duration": time.monotonic_ns() - t0 + load_ns,
                "load_duration": load_ns, "prompt_eval_count": prompt_tokens,
                "prompt_eval_duration": 1_000_000 * prompt_tokens,
                "eval_count": eval_tokens, "eval_duration": 15_000_000 * eval_tokens}

    def _inference_prologue(self, obj, kind):
        """Shared by chat and generate: model lookup, unload, capability checks, load."""
        name = obj.get("model") or ""
        if not name:
            if kind == "chat":
                raise json_error(400, "model is required")
            raise json_error(404, "model '%s' not found" % name)
        p, m = self.find(name)
        if p is None:
            raise json_error(400, "invalid model name")
        if m is None:
            raise json_error(404, 'model %s not found, try pulling it first' % go_quote(name))
        return p, m

    def h_chat(self, req, w, params, extra, openai=False):
        t0 = time.monotonic_ns()
        obj = self.parse_json(req, "ChatRequest")
        p, m = self._inference_prologue(obj, "chat")
        name = obj["model"]
        messages = obj.get("messages") or []
        if not messages and obj.get("keep_alive") is not None:
            try:
                ka = keep_alive_ns(obj.get("keep_alive"), self.default_keep_alive)
            except ValueError as e:
                raise json_error(400, str(e))
            if ka == 0:
                self.unload(m)
                return self.send_json(w, extra, {
                    "model": name, "created_at": rfc3339nano(time.time_ns()),
                    "message": {"role": "assistant", "content": ""},
                    "done_reason": "unload", "done": True})
        think = obj.get("think")
        if think not in (None, False, "") and "thinking" not in m.caps:
            raise json_error(400, "%s does not support thinking" % go_quote(name))
        if "completion" not in m.caps:
            raise json_error(400, "%s does not support chat" % go_quote(name))
        if obj.get("tools") and "tools" not in m.caps:
            raise json_error(400, "%s does not support tools" % full_name(p))
        load_ns = self.load(m, obj.get("options"), obj.get("keep_alive"))
        if not messages:
            return self.send_json(w, extra, {
                "model": name, "created_at": rfc3339nano(time.time_ns()),
                "message": {"role": "assistant", "content": ""},
                "done_reason": "load", "done": True})
        last = ""
        for msg in messages:
            if isinstance(msg, dict) and msg.get("role") == "user":
                c = msg.get("content")
                last = c if isinstance(c, str) else json.dumps(c)
        prompt_tokens = 10 + sum(len(str((x or {}).get("content", "")).split())
                                 for x in messages if isinstance(x, dict))
        self._generate_common(req, w, extra, obj, m, name, last, prompt_tokens, load_ns, t0,
                              chat=True)

    def h_generate(self, req, w, params, extra):
        t0 = time.monotonic_ns()
        obj = self.parse_json(req, "GenerateRequest")
        p, m = self._inference_prologue(obj, "generate")
        name = obj["model"]
        prompt = obj.get("prompt") or ""
        if not prompt and obj.get("keep_alive") is not None:
            try:
                ka = keep_alive_ns(obj.get("keep_alive"), self.default_keep_alive)
            except ValueError as e:
                raise json_error(400, str(e))
            if ka == 0:
                self.unload(m)
                return self.send_json(w, extra, {
                    "model": name, "created_at": rfc3339nano(time.time_ns()), "response": "",
                    "done": True, "done_reason": "unload"})
        think = obj.get("think")
        if think not in (None, False, "") and "thinking" not in m.caps:
            raise json_error(400, "%s does not support thinking" % go_quote(name))
        if "completion" not in m.caps:
            raise json_error(400, "%s does not support generate" % go_quote(name))
        if obj.get("suffix") and "insert" not in m.caps:
            raise json_error(400, "%s does not support insert" % full_name(p))
        load_ns = self.load(m, obj.get("options"), obj.get("keep_alive"))
        if not prompt:
            return self.send_json(w, extra, {
                "model": name, "created_at": rfc3339nano(time.time_ns()), "response": "",
                "done": True, "done_reason": "load"})
        self._generate_common(req, w, extra, obj, m, name, prompt,
                              10 + len(prompt.split()), load_ns, t0, chat=False)

    def _generate_common(self, req, w, extra, obj, m, name, prompt, prompt_tokens, load_ns, t0,
                         chat):
        tokens = self.reply_text(m, prompt)
        done_reason = "stop"
        opts = obj.get("options") if isinstance(obj.get("options"), dict) else {}
        np_ = opts.get("num_predict")
        if isinstance(np_, (int, float)) and not isinstance(np_, bool) and 0 <= np_ < len(tokens):
            tokens = tokens[:int(np_)]
            done_reason = "length"
        stream = obj.get("stream")
        stream = True if stream is None else bool(stream)

        def piece(tok, done):
            d = {"model": name, "created_at": rfc3339nano(time.time_ns())}
            if chat:
                d["message"] = {"role": "assistant", "content": tok}
                if done:
                    d["done_reason"] = done_reason
                d["done"] = done
            else:
                d["response"] = tok
                d["done"] = done
                if done:
                    d["done_reason"] = done_reason
                    d["context"] = [128006, 882, 128007] + list(range(1000, 1000 + len(tokens)))
            if done:
                d.update(self._metrics(load_ns, prompt_tokens, len(tokens), t0))
            return d

        if not stream:
            if self.args.token_delay > 0:
                STOP.wait(self.args.token_delay * len(tokens))
            return self.send_json(w, extra, piece("".join(tokens), True))
        w.start_stream(200, extra + [("Content-Type", "application/x-ndjson")])
        try:
            for tok in tokens:
                w.write((go_json(piece(tok, False)) + "\n").encode("utf-8"))
                if self.args.token_delay > 0 and STOP.wait(self.args.token_delay):
                    break
            w.write((go_json(piece("", True)) + "\n").encode("utf-8"))
            w.end_stream()
        except OSError:
            w.close = True

    def _embed_vector(self, m, text, dims=None):
        n = m.embedding_length
        seed = hashlib.sha256((m.key + "\0" + text).encode("utf-8")).digest()
        vals = []
        counter = 0
        while len(vals) < n:
            block = hashlib.sha256(seed + counter.to_bytes(4, "big")).digest()
            for k in range(0, 32, 4):
                vals.append(int.from_bytes(block[k:k + 4], "big") / 0xFFFFFFFF * 2 - 1)
            counter += 1
        vals = vals[:n]
        return vals

    @staticmethod
    def _normalize(v):
        s = math.sqrt(sum(x * x for x in v))
        s = max(s, 1e-12)
        return [x / s for x in v]

    def _tokens(self, text):
        return max(1, math.ceil(len(text.encode("utf-8")) / 4))

    def h_embed(self, req, w, params, extra):
        t0 = time.monotonic_ns()
        obj = self.parse_json(req, "EmbedRequest")
        name = obj.get("model") or ""
        inp = obj.get("input")
        inputs = []
        if isinstance(inp, str):
            if inp:
                inputs.append(inp)
        elif isinstance(inp, list):
            for v in inp:
                if not isinstance(v, str):
                    raise json_error(400, "invalid input type")
                inputs.append(v)
        elif inp is not None:
            raise json_error(400, "invalid input type")
        if not name:
            raise json_error(400, "model is required")
        p, m = self.find(name)
        if p is None:
            raise json_error(400, "invalid model name")
        if m is None:
            raise json_error(404, 'model %s not found, try pulling it first' % go_quote(name))
        load_ns = self.load(m, obj.get("options"), obj.get("keep_alive"))
        if not inputs:
            return self.send_json(w, extra, {"model": name, "embeddings": []})
        ctx = self.effective_ctx(m, obj.get("options"))
        truncate = obj.get("truncate")
        truncate = True if truncate is None else bool(truncate)
        dims = obj.get("dimensions")
        total = 0
        vecs = []
        for text in inputs:
            n = self._tokens(text)
            if n > ctx:
                if not truncate:
                    raise json_error(400, "the input length exceeds the context length")
                n = ctx
            total += n
            v = self._normalize(self._embed_vector(m, text))
            if isinstance(dims, int) and 0 < dims < len(v):
                v = self._normalize(v[:dims])
            vecs.append(Raw("[" + ",".join(go_f32(x) for x in v) + "]"))
        self.send_json(w, extra, {
            "model": name, "embeddings": vecs,
            "total_duration": time.monotonic_ns() - t0 + load_ns, "load_duration": load_ns,
            "prompt_eval_count": total})

    def h_embeddings(self, req, w, params, extra):
        obj = self.parse_json(req, "EmbeddingRequest")
        name = obj.get("model") or ""
        if not name:
            raise json_error(400, "model is required")
        p, m = self.find(name)
        if p is None:
            raise json_error(400, "invalid model name")
        if m is None:
            raise json_error(404, 'model %s not found, try pulling it first' % go_quote(name))
        self.load(m, obj.get("options"), obj.get("keep_alive"))
        prompt = obj.get("prompt") or ""
        if not prompt:
            return self.send_json(w, extra, {"embedding": []})
        v = self._embed_vector(m, prompt)
        self.send_json(w, extra, {"embedding": Raw("[" + ",".join(go_f64(_f32(x)) for x in v)
                                                   + "]")})

    # ---- handlers: model management (enough for clients; nothing is downloaded) ------

    def _stream_or_json(self, req, w, extra, obj, statuses, error=None):
        stream = obj.get("stream")
        stream = True if stream is None else bool(stream)
        if not stream:
            if error:
                raise json_error(500, error)
            return self.send_json(w, extra, statuses[-1])
        w.start_stream(200, extra + [("Content-Type", "application/x-ndjson")])
        try:
            for s in statuses:
                w.write((go_json(s) + "\n").encode())
            if error:
                w.write((go_json({"error": error}) + "\n").encode())
            w.end_stream()
        except OSError:
            w.close = True

    def h_pull(self, req, w, params, extra):
        obj = self.parse_json(req, "PullRequest")
        name = obj.get("model") or obj.get("name") or ""
        p, m = self.find(name)
        if p is None:
            raise json_error(400, "invalid model name")
        if m is None:
            return self._stream_or_json(req, w, extra, obj, [{"status": "pulling manifest"}],
                                        error="pull model manifest: file does not exist")
        self._stream_or_json(req, w, extra, obj, [
            {"status": "pulling manifest"}, {"status": "verifying sha256 digest"},
            {"status": "writing manifest"}, {"status": "success"}])

    def h_push(self, req, w, params, extra):
        obj = self.parse_json(req, "PushRequest")
        if not (obj.get("model") or obj.get("name")):
            raise json_error(400, "model is required")
        self._stream_or_json(req, w, extra, obj, [{"status": "retrieving manifest"}],
                             error="unauthorized: the fake server cannot push")

    def h_create(self, req, w, params, extra):
        self.parse_json(req, "CreateRequest")
        raise json_error(400, "neither 'from' or 'files' was specified")

    def h_copy(self, req, w, params, extra):
        obj = self.parse_json(req, "CopyRequest")
        src, dst = obj.get("source") or "", obj.get("destination") or ""
        ps_, m = self.find(src)
        if ps_ is None:
            raise json_error(400, "source %s is invalid" % go_quote(src))
        pd = parse_name(dst)
        if pd is None:
            raise json_error(400, "destination %s is invalid" % go_quote(dst))
        if m is None:
            raise json_error(404, "model %s not found" % go_quote(src))
        import copy as _copy
        nm = _copy.copy(m)
        nm.parts, nm.key, nm.name = pd, full_name(pd).lower(), display_shortest(pd)
        with self.lock:
            self.models[nm.key] = nm
        w.send(200, extra, b"")

    def h_delete(self, req, w, params, extra):
        obj = self.parse_json(req, "DeleteRequest")
        name = obj.get("model") or obj.get("name") or ""
        p, m = self.find(name)
        if p is None:
            raise json_error(400, "name %s is invalid" % go_quote(name))
        if m is None:
            raise json_error(404, "model '%s' not found" % name)
        with self.lock:
            self.models.pop(m.key, None)
            self.loaded.pop(m.key, None)
        w.send(200, extra, b"")

    def h_blob(self, req, w, params, extra):
        d = params.get("digest", "")
        if not re.match(r"^sha256[:-][0-9a-f]{64}$", d):
            raise json_error(400, "invalid digest format")
        if req.method == "HEAD":
            raise json_error(404, "blob %s not found" % go_quote(d))
        w.send(201, extra, b"")

    # ---- handlers: OpenAI compatibility ----------------------------------------------

    @staticmethod
    def oai_error(status, text):
        typ = {400: "invalid_request_error", 404: "not_found_error"}.get(status, "api_error")
        return Reply(status, None, ctype="application/json", raw=(go_json(
            {"error": {"message": text, "type": typ, "param": None, "code": None}}) + "\n")
            .encode("utf-8"))

    def _oai_parse(self, req):
        if not req.body.strip():
            raise self.oai_error(400, "EOF")
        try:
            obj = json.loads(req.body)
        except ValueError:
            raise self.oai_error(400, "invalid character looking for beginning of value")
        if not isinstance(obj, dict):
            raise self.oai_error(400, "json: cannot unmarshal into Go value")
        return obj

    def _oai_call(self, fn, req, w, params, extra, body_obj):
        """Run a native handler on a rewritten body, capture its JSON, convert errors."""
        cap = _Capture(req)
        sub = Request(req.method, req.target, req.version, req.headers)
        sub.body = json.dumps(body_obj).encode()
        try:
            fn(sub, cap, params, [])
        except Reply as r:
            msg = (r.obj or {}).get("error", "") if isinstance(r.obj, dict) else ""
            raise self.oai_error(r.status, msg)
        if cap.status != 200:
            raise self.oai_error(cap.status, json.loads(cap.body or b"{}").get("error", ""))
        return json.loads(cap.body)

    @staticmethod
    def _oai_text(content):
        if isinstance(content, str):
            return content
        if isinstance(content, list):
            return " ".join(str(p.get("text", "")) for p in content if isinstance(p, dict))
        return ""

    def h_oai_chat(self, req, w, params, extra):
        obj = self._oai_parse(req)
        msgs = obj.get("messages") or []
        if not msgs:
            raise self.oai_error(400, "[] is too short - 'messages'")
        native = {"model": obj.get("model", ""), "stream": False,
                  "messages": [{"role": x.get("role", "user"),
                                "content": self._oai_text(x.get("content"))}
                               for x in msgs if isinstance(x, dict)],
                  "options": {}}
        if obj.get("max_tokens") is not None:
            native["options"]["num_predict"] = obj["max_tokens"]
        if obj.get("tools"):
            native["tools"] = obj["tools"]
        r = self._oai_call(self.h_chat, req, w, params, extra, native)
        created = int(time.time())
        cid = "chatcmpl-%d" % (int.from_bytes(os.urandom(2), "big") % 1000)
        finish = "length" if r.get("done_reason") == "length" else "stop"
        content = r["message"]["content"]
        usage = {"prompt_tokens": r.get("prompt_eval_count", 0),
                 "completion_tokens": r.get("eval_count", 0),
                 "total_tokens": r.get("prompt_eval_count", 0) + r.get("eval_count", 0)}
        if not obj.get("stream"):
            return self.send_json(w, extra, {
                "id": cid, "object": "chat.completion", "created": created,
                "model": obj.get("model"), "system_fingerprint": "fp_ollama",
                "choices": [{"index": 0, "message": {"role": "assistant", "content": content},
                             "finish_reason": finish}], "usage": usage})
        w.start_stream(200, extra + [("Content-Type", "text/event-stream")])
        try:
            for i, tok in enumerate([content, None]):
                chunk = {"id": cid, "object": "chat.completion.chunk", "created": created,
                         "model": obj.get("model"), "system_fingerprint": "fp_ollama",
                         "choices": [{"index": 0, "delta": {"role": "assistant",
                                                            "content": tok or ""},
                                      "finish_reason": None if tok is not None else finish}]}
                w.write(("data: " + go_json(chunk) + "\n\n").encode())
            w.write(b"data: [DONE]\n\n")
            w.end_stream()
        except OSError:
            w.close = True

    def h_oai_completions(self, req, w, params, extra):
        obj = self._oai_parse(req)
        native = {"model": obj.get("model", ""), "stream": False,
                  "prompt": str(obj.get("prompt") or ""), "options": {}}
        if obj.get("max_tokens") is not None:
            native["options"]["num_predict"] = obj["max_tokens"]
        r = self._oai_call(self.h_generate, req, w, params, extra, native)
        self.send_json(w, extra, {
            "id": "cmpl-%d" % (int.from_bytes(os.urandom(2), "big") % 1000),
            "object": "text_completion", "created": int(time.time()),
            "model": obj.get("model"), "system_fingerprint": "fp_ollama",
            "choices": [{"text": r.get("response", ""), "index": 0,
                         "finish_reason": "length" if r.get("done_reason") == "length"
                         else "stop"}],
            "usage": {"prompt_tokens": r.get("prompt_eval_count", 0),
                      "completion_tokens": r.get("eval_count", 0),
                      "total_tokens": r.get("prompt_eval_count", 0) + r.get("eval_count", 0)}})

    def h_oai_embeddings(self, req, w, params, extra):
        obj = self._oai_parse(req)
        if obj.get("input") in (None, "", []):
            raise self.oai_error(400, "invalid input")
        native = {"model": obj.get("model", ""), "input": obj["input"]}
        if obj.get("dimensions"):
            native["dimensions"] = obj["dimensions"]
        r = self._oai_call(self.h_embed, req, w, params, extra, native)
        data = [{"object": "embedding", "embedding": e, "index": i}
                for i, e in enumerate(r.get("embeddings", []))]
        n = r.get("prompt_eval_count", 0)
        self.send_json(w, extra, {"object": "list", "data": data, "model": obj.get("model"),
                                  "usage": {"prompt_tokens": n, "total_tokens": n}})

    def h_oai_models(self, req, w, params, extra):
        data = [{"id": m.name, "object": "model", "created": m.modified_epoch(),
                 "owned_by": m.parts[1]}
                for m in sorted(self.models.values(), key=lambda x: -x.modified_epoch())]
        self.send_json(w, extra, {"object": "list", "data": data})

    def h_oai_model(self, req, w, params, extra):
        name = params.get("model", "")
        p, m = self.find(name)
        if m is None:
            raise self.oai_error(404, "model '%s' not found" % name)
        self.send_json(w, extra, {"id": name, "object": "model", "created": m.modified_epoch(),
                                  "owned_by": m.parts[1]})


class _Capture:
    """A Writer stand-in that keeps a non-streamed response in memory."""

    def __init__(self, req):
        self.req = req
        self.status = 0
        self.body = b""
        self.started = False
        self.close = False

    def send(self, status, headers, body=b""):
        self.status, self.body, self.started = status, body, True

    def start_stream(self, status, headers):
        raise RuntimeError("stream inside a captured call")


# --------------------------------------------------------------------------------------
# Connection handlers per mode
# --------------------------------------------------------------------------------------

class OllamaHandler(socketserver.StreamRequestHandler):
    app = None

    def handle(self):
        client = "%s:%s" % self.client_address[:2]
        while not STOP.is_set():
            try:
                req = read_request(self.rfile)
                if req is None:
                    return
                if req.http11 and req.header("host") is None:
                    raise BadRequest(400, "missing required Host header", public=True)
                if req.header_count("host") > 1:
                    raise BadRequest(400, "too many Host headers", public=True)
                req.body = read_body(req, self.rfile)
            except BadRequest as e:
                go_error_response(self.wfile, e)
                return
            except (OSError, ValueError):
                return
            w = Writer(self.wfile, req)
            try:
                self.app.dispatch(req, w)
            except OSError:
                return
            except Exception as e:           # a bug in the fake: answer like Go would (500)
                sys.stderr.write("fake_ollama: internal error: %r\n" % (e,))
                if not w.started:
                    try:
                        w.close = True
                        w.send(500, [("Content-Type", "application/json; charset=utf-8")],
                               go_json({"error": "fake_ollama internal error: %s" % e}).encode())
                    except OSError:
                        pass
                return
            self.app.log_line(req, w, client)
            if w.close:
                return


class SimpleHTTPModeHandler(socketserver.StreamRequestHandler):
    """nginx and redirect modes: answer every request the same way, keep-alive."""
    mode = "nginx"
    location = "http://elsewhere.invalid:11434/"

    def handle(self):
        while not STOP.is_set():
            try:
                req = read_request(self.rfile)
                if req is None:
                    return
                req.body = read_body(req, self.rfile)
            except BadRequest as e:
                if self.mode == "nginx":
                    body = (b"<html>\r\n<head><title>400 Bad Request</title></head>\r\n<body>\r\n"
                            b"<center><h1>400 Bad Request</h1></center>\r\n"
                            b"<hr><center>nginx/1.25.3</center>\r\n</body>\r\n</html>\r\n")
                    self.wfile.write(("HTTP/1.1 400 Bad Request\r\nServer: nginx/1.25.3\r\n"
                                      "Date: %s\r\nContent-Type: text/html\r\nContent-Length: %d"
                                      "\r\nConnection: close\r\n\r\n" % (http_date(), len(body)))
                                     .encode() + body)
                else:
                    go_error_response(self.wfile, e)
                return
            except (OSError, ValueError):
                return
            close = req.wants_close()
            if self.mode == "nginx":
                body = b"<html>Welcome to nginx!</html>"
                head = ("HTTP/1.1 200 OK\r\nServer: nginx/1.25.3\r\nDate: %s\r\n"
                        "Content-Type: text/html\r\nContent-Length: %d\r\n"
                        "Last-Modified: Tue, 24 Oct 2023 13:46:47 GMT\r\n"
                        "Connection: %s\r\nETag: \"6537cac7-1e\"\r\nAccept-Ranges: bytes\r\n\r\n"
                        % (http_date(), len(body), "close" if close else "keep-alive"))
            else:
                body = ('<a href="%s">Found</a>.\n\n' % self.location).encode()
                head = ("HTTP/1.1 302 Found\r\nContent-Type: text/html; charset=utf-8\r\n"
                        "Location: %s\r\nDate: %s\r\nContent-Length: %d\r\n%s\r\n"
                        % (self.location, http_date(), len(body),
                           "Connection: close\r\n" if close else ""))
            try:
                self.wfile.write(head.encode("latin-1") +
                                 (b"" if req.method == "HEAD" else body))
                self.wfile.flush()
            except OSError:
                return
            if close:
                return


def _drain(sock, timeout):
    """Wait up to `timeout`, discarding whatever the peer sends. False if the peer closed."""
    deadline = time.monotonic() + timeout
    while not STOP.is_set():
        rem = deadline - time.monotonic()
        if rem <= 0:
            return True
        r, _, _ = select.select([sock], [], [], min(rem, 0.5))
        if r:
            try:
                data = sock.recv(65536)
            except OSError:
                return False
            if not data:
                return False
    return False


class DripHandler(socketserver.BaseRequestHandler):
    interval = 1.0
    after_headers = False

    def handle(self):
        sock = self.request
        head = (b"HTTP/1.1 200 OK\r\nContent-Type: text/plain; charset=utf-8\r\n"
                b"Date: " + http_date().encode() + b"\r\n\r\n")
        body = b"Ollama is running"
        try:
            if self.after_headers:
                sock.sendall(head)
                head = b""
            i = 0
            while not STOP.is_set():
                if i < len(head):
                    b = head[i]
                else:
                    b = body[(i - len(head)) % len(body)]
                sock.sendall(bytes([b]))
                i += 1
                if not _drain(sock, self.interval):
                    return
        except OSError:
            return


class EndlessHandler(socketserver.StreamRequestHandler):
    chunked = False

    def handle(self):
        sock = self.request
        try:
            sock.settimeout(10)
            try:
                req = read_request(self.rfile)
            except (BadRequest, OSError, ValueError):
                req = None
            sock.settimeout(None)
            block = (b"0123456789abcdefghijklmnopqrstuvwxyz" * 1821)[:65536]
            if self.chunked:
                head = (b"HTTP/1.1 200 OK\r\nContent-Type: text/plain; charset=utf-8\r\n"
                        b"Transfer-Encoding: chunked\r\n\r\n")
                block = b"%x\r\n" % len(block) + block + b"\r\n"
            else:
                head = (b"HTTP/1.1 200 OK\r\nContent-Type: text/plain; charset=utf-8\r\n"
                        b"Connection: close\r\n\r\n")
            sock.sendall(head)
            if req is not None and req.method == "HEAD":
                return
            while not STOP.is_set():
                sock.sendall(block)        # blocks while the client does not read
        except OSError:
            return


class GarbageHandler(socketserver.BaseRequestHandler):
    def handle(self):
        sock = self.request
        try:
            sock.sendall(b"SSH-2.0-OpenSSH_9.2\r\n")
            sock.shutdown(socket.SHUT_WR)
            _drain(sock, 1.0)              # read the peer's bytes so close() sends FIN, not RST
        except OSError:
            pass


# --------------------------------------------------------------------------------------
# Server setup
# --------------------------------------------------------------------------------------

class Server(socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True
    request_queue_size = 128
    dualstack = True

    def __init__(self, bind, port, handler, dualstack):
        self.dualstack = dualstack
        host = bind
        if host.startswith("[") and host.endswith("]"):
            host = host[1:-1]
        if host == "":
            host = "::"
        # Go listens on a dual-stack [::] socket for any wildcard address (0.0.0.0 too).
        if host in ("0.0.0.0", "::") and dualstack and socket.has_ipv6:
            try:
                self.address_family = socket.AF_INET6
                super().__init__(("::", port), handler, bind_and_activate=False)
                self.socket.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 0)
                self.server_bind()
                self.server_activate()
                return
            except OSError:
                try:
                    self.socket.close()
                except Exception:
                    pass
                if host == "::":
                    raise
        self.address_family = socket.AF_INET6 if ":" in host else socket.AF_INET
        super().__init__((host, port), handler, bind_and_activate=False)
        if self.address_family == socket.AF_INET6:
            self.socket.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY,
                                   0 if host == "::" else 1)
        self.server_bind()
        self.server_activate()

    def handle_error(self, request, client_address):
        pass                                 # quiet: clients hang up all the time in tests


def load_models(path):
    if not path:
        return DEFAULT_MODELS
    with open(path, encoding="utf-8") as f:
        data = json.load(f)
    if isinstance(data, dict) and "models" in data:
        data = data["models"]
    if not isinstance(data, list):
        raise SystemExit("fake_ollama: --models must hold a JSON list of models")
    return data


def main(argv=None):
    ap = argparse.ArgumentParser(description="Fake Ollama server for ollama-doctor tests.")
    ap.add_argument("--bind", default="127.0.0.1",
                    help="listen address (127.0.0.1, ::1, ::, 0.0.0.0, ...); default 127.0.0.1")
    ap.add_argument("--port", type=int, default=11434, help="port; 0 picks a free one")
    ap.add_argument("--mode", default="ollama",
                    choices=["ollama", "nginx", "drip", "endless", "redirect", "tcp-garbage"])
    ap.add_argument("--version", default=DEFAULT_VERSION, help="version to report (0.12.3)")
    ap.add_argument("--models", help="JSON file with a list of models")
    ap.add_argument("--pidfile", help="write the PID here (removed on exit)")
    ap.add_argument("--log", help="append one line per request to this file")
    ap.add_argument("--origins", default=os.environ.get("OLLAMA_ORIGINS", ""),
                    help="extra allowed origins, like OLLAMA_ORIGINS (default: that variable)")
    ap.add_argument("--hostname", help="the name os.Hostname() would give (Host check)")
    ap.add_argument("--default-num-ctx", type=int,
                    default=int(os.environ.get("OLLAMA_CONTEXT_LENGTH") or 4096),
                    help="server default num_ctx (OLLAMA_CONTEXT_LENGTH, else 4096)")
    ap.add_argument("--keep-alive", default=os.environ.get("OLLAMA_KEEP_ALIVE") or "5m",
                    help="default keep_alive (OLLAMA_KEEP_ALIVE, else 5m)")
    ap.add_argument("--load-delay", type=float, default=0.0,
                    help="seconds a cold model load takes (default 0)")
    ap.add_argument("--token-delay", type=float, default=0.0,
                    help="seconds between streamed tokens (default 0)")
    ap.add_argument("--no-dualstack", action="store_true",
                    help="bind 0.0.0.0 as a plain IPv4 socket instead of Go's dual-stack [::]")
    ap.add_argument("--drip-interval", type=float, default=1.0, help="drip: seconds per byte")
    ap.add_argument("--drip-after-headers", action="store_true",
                    help="drip: send the status line and headers at once, drip only the body")
    ap.add_argument("--chunked", action="store_true",
                    help="endless: chunked body instead of a close-delimited one")
    ap.add_argument("--location", default="http://elsewhere.invalid:11434/",
                    help="redirect: Location to send")
    args = ap.parse_args(argv)

    app = None
    if args.mode == "ollama":
        app = Ollama(args, load_models(args.models))
        handler = type("H", (OllamaHandler,), {"app": app})
    elif args.mode in ("nginx", "redirect"):
        handler = type("H", (SimpleHTTPModeHandler,), {"mode": args.mode,
                                                       "location": args.location})
    elif args.mode == "drip":
        handler = type("H", (DripHandler,), {"interval": args.drip_interval,
                                             "after_headers": args.drip_after_headers})
    elif args.mode == "endless":
        handler = type("H", (EndlessHandler,), {"chunked": args.chunked})
    else:
        handler = GarbageHandler

    try:
        srv = Server(args.bind, args.port, handler, not args.no_dualstack)
    except OSError as e:
        sys.stderr.write("fake_ollama: cannot listen on %s port %d: %s\n"
                         % (args.bind, args.port, e))
        return 1
    addr = srv.socket.getsockname()
    if app is not None:
        import ipaddress
        ip = ipaddress.ip_address(addr[0])
        app.loopback_bound = go_is_loopback(ip)
        if args.log:
            app.log = open(args.log, "a", encoding="utf-8")

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
    t = threading.Thread(target=srv.serve_forever, kwargs={"poll_interval": 0.2}, daemon=True)
    t.start()
    sys.stdout.write("ready %d\n" % addr[1])
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

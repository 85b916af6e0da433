#!/usr/bin/env python3
"""Regenerate the seed corpora in tests/fuzz/corpus/<parser>/ from the tests'
own inputs: string literals of the unit tests (adjacent literals joined), the
explain corpus, the rule files and lint cases, the fakes' answers. Only the
seed-* files are rewritten: regress-* (inputs that once broke something or
reproduce a reported bug) and extra-* (hand-made) stay as they are. Run from anywhere: python3 tests/fuzz/seed.py
"""
import ast
import hashlib
import json
import os
import re
import sys

ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
CORPUS = os.path.join(ROOT, "tests", "fuzz", "corpus")
SEP = b"\x01"  # what the multi-part targets split on (fuzz.h FUZZ_SEP)

LIT = re.compile(r'"((?:[^"\\\n]|\\.)*)"')


def c_strings(path, min_len=3):
    """Every C string literal of a file, adjacent literals joined."""
    text = open(path, encoding="utf-8").read()
    text = re.sub(r"/\*.*?\*/", " ", text, flags=re.S)
    out, cur, last_end = [], None, -1
    for m in LIT.finditer(text):
        try:
            s = ast.literal_eval('"' + m.group(1).replace("\\x", "\\x") + '"')
        except (ValueError, SyntaxError):
            continue
        between = text[last_end:m.start()] if last_end >= 0 else "x"
        if cur is not None and between.strip() == "":
            cur += s
        else:
            if cur is not None:
                out.append(cur)
            cur = s
        last_end = m.end()
    if cur is not None:
        out.append(cur)
    return [s for s in out if len(s) >= min_len]


def write(parser, items):
    d = os.path.join(CORPUS, parser)
    os.makedirs(d, exist_ok=True)
    for f in os.listdir(d):
        if f.startswith("seed-"):
            os.unlink(os.path.join(d, f))
    seen = set()
    for it in items:
        b = it if isinstance(it, bytes) else it.encode("utf-8", "surrogateescape")
        h = hashlib.sha1(b).hexdigest()[:16]
        if h in seen or len(b) > 64 * 1024:
            continue
        seen.add(h)
        with open(os.path.join(d, "seed-" + h), "wb") as f:
            f.write(b)
    return len(seen)


def unit(name):
    return c_strings(os.path.join(ROOT, "tests", "unit", name))


def explain_texts():
    text = open(os.path.join(ROOT, "tests", "explain", "corpus.txt"), encoding="utf-8").read()
    out = []
    for block in text.split("\n%%\n"):
        if "\ntext:\n" in block:
            out.append(block.split("\ntext:\n", 1)[1])
    return out


def rule_files():
    out = []
    for d in [os.path.join(ROOT, "rules")] + [os.path.join(ROOT, "tests", "rules", "lint", x)
                                               for x in os.listdir(os.path.join(ROOT, "tests", "rules", "lint"))]:
        for f in sorted(os.listdir(d)):
            if f.endswith(".json"):
                out.append(open(os.path.join(d, f), "rb").read())
    return out


def rule_cases():
    """tests/rules/cases.txt facts, each after a rule (rule SEP facts)."""
    facts = [line[7:] for line in open(os.path.join(ROOT, "tests", "rules", "cases.txt"), encoding="utf-8")
             if line.startswith("facts: ")]
    rules = rule_files()
    return [rules[i % len(rules)] + SEP + f.encode() for i, f in enumerate(facts)]


def docker_answers():
    insp = {"Id": "0123456789abcdef0123", "Name": "/docker-plugin_daemon-1",
            "State": {"Running": True, "Status": "running", "Pid": 4242},
            "Config": {"Image": "langgenius/dify-plugin-daemon:0.1", "Env": ["HTTP_PROXY=http://u:p@h:3128", "A=1"],
                       "Labels": {"com.docker.compose.service": "plugin_daemon"}},
            "HostConfig": {"NetworkMode": "docker_default", "ExtraHosts": ["host.docker.internal:host-gateway"]},
            "NetworkSettings": {"Networks": {"docker_default": {"IPAddress": "172.18.0.2", "Gateway": "172.18.0.1"}}}}
    lst = [{"Names": ["/docker-api-1"], "Image": "langgenius/dify-api:1.0",
            "Labels": {"com.docker.compose.service": "api"}},
           {"Names": ["/docker-plugin_daemon-1"], "Image": "langgenius/dify-plugin-daemon:0.1"},
           {"Names": ["/ow"], "Image": "ghcr.io/open-webui/open-webui:main"}, {"Names": [""], "Image": "x"}]
    return [json.dumps(insp).encode(), json.dumps(lst).encode(), b'{"State":{"Running":true}}',
            b'[{"Names":[""],"Image":"langgenius/dify-plugin-daemon"}]', b'{"message":"No such container: x"}',
            b"Api-Version: 1.43\r\nServer: Docker/24.0.7 (linux)\r\n"]


def model_answers():
    tags = {"models": [{"name": "llama3.2:latest"}, {"name": "llava:latest"}, {"name": "m:latest"}]}
    show = {"capabilities": ["completion", "vision"], "parameters": "num_ctx                        8192",
            "details": {"family": "llama"},
            "model_info": {"general.architecture": "llama", "llama.context_length": 131072},
            "projector_info": {"clip.has_vision_encoder": True}}
    old = {"details": {"family": "nomic-bert"}, "model_info": {"general.architecture": "nomic-bert",
                                                               "nomic-bert.pooling_type": 1,
                                                               "nomic-bert.context_length": 2048}}
    chat = {"model": "m:latest", "done": True, "done_reason": "load"}
    ps = {"models": [{"name": "m:latest", "context_length": 4096}]}
    j = lambda o: json.dumps(o).encode()
    return [SEP.join([j(tags), j(show), j(chat), j(ps)]), SEP.join([j(tags), j(old), b"", b"{}"]),
            SEP.join([b"{}", b"", b"", b""]), SEP.join([j(tags), b"[[[[", j(chat), b'{"models":7}'])]


def http_answers():
    return [SEP.join([b"HTTP/1.1 200 OK\r\nContent-Type: text/plain; charset=utf-8\r\nServer: x\r\n",
                      b"Ollama is running", b'{"version":"0.12.3"}', b'{"version":"0.12.3"}']),
            SEP.join([b"HTTP/1.1 200 OK\r\nServer: nginx/1.25.3\r\nVia: 1.1 squid\r\nLocation: http://x/\r\n",
                      b"<html>Welcome to nginx!</html>", b"404 page not found", b""]),
            SEP.join([b"Content-Type:\r\nVia:\r\n", b"\x00\xff\x7f", b'{"version":7}', b"[]"])]


def main():
    counts = {
        # explain compiles its patterns on every parse: few, real seeds keep the smoke quick
        "explain": write("explain", explain_texts() + [t for t in unit("test_explain.c") if len(t) >= 40][:60]),
        "url": write("url", unit("test_url.c")),
        "hosts": write("hosts", unit("test_hosts.c")),
        "resolv": write("resolv", unit("test_resolv.c")),
        "route": write("route", unit("test_route.c")),
        "listen": write("listen", unit("test_listen.c")),
        "proxy": write("proxy", [s.encode() for s in unit("test_proxy.c")] +
                       [b"127.0.0.1\nHTTP_PROXY=http://u:p@proxy:3128\nNO_PROXY=localhost,.internal",
                        b"ollama\nall_proxy=socks5h://a:b@[::1]:1080\nno_proxy=10.0.0.0/8 , *\nREQUEST_METHOD=GET"]),
        "ollamahost": write("ollamahost", unit("test_ollamahost.c")),
        "container": write("container", [s.encode() for s in unit("test_container.c")]),
        "rules": write("rules", rule_files() + rule_cases()),
        "docker": write("docker", docker_answers()),
        "model": write("model", model_answers()),
        "http": write("http", http_answers()),
        "redact": write("redact", unit("test_redact.c")),
    }
    for k, v in counts.items():
        print("%-12s %d seeds" % (k, v))
    return 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""Real clients' real words: each client library runs against each failure,
built in a network namespace of its own, and explain reads what it printed.

    python3 tools/explain-live/run.py [--bin build/ollama-doctor]
        [--only refused,tls,...] [--clients py-requests,curl,...]
        [--save out.json] [-v]

A situation (SITUATIONS) is a failure whose truth is known because it was
built: nothing listens, a name does not resolve, a DROP rule, an unreachable
route, a reset, a plain-HTTP port asked for TLS, a model that is missing, a
proxy that refuses or answers 502, a compose service's container that refuses
or drops, a compose network's gateway, Podman's host name, Ollama's Host
check, a body that stalls, a certificate the client does not trust, a model
that does not fit in memory, localhost that is only ::1 while Ollama listens
on 127.0.0.1, a reverse proxy that asks for credentials (401), a proxy that
asks for them (407), another protocol's server at the port (an SSH banner),
an answer broken off after its first line, Ollama's 503 when its queue is
full, another app's port (FastAPI's 404). Every client
(CLIENTS: Python's requests, urllib, httpx, aiohttp, tornado, pycurl and
httplib2; Node's fetch, axios, ollama-js, openai-node, LangChain's ChatOllama,
the Vercel AI SDK, got, node-fetch 2, superagent, ofetch and ky; Java's
HttpClient, HttpURLConnection, OkHttp and Apache HttpClient; Perl's
HTTP::Tiny; Go's net/http, go-retryablehttp and resty; Ruby's Net::HTTP,
Faraday and HTTParty; PHP's file_get_contents, curl extension and Guzzle;
LuaSocket; Rust's reqwest and ureq; R's httr2; Erlang's httpc; curl; wget; and
Debian's treq on Twisted, LWP::UserAgent, Symfony HttpClient, Excon,
rest-client, HTTPie, Tcl's http package, Mono's HttpClient and
HttpWebRequest, Haskell's http-client, Spring's RestTemplate, Netty,
Mojo::UserAgent and http.rb; and Bun's and Deno's fetch and ollama-js on
them, from npm) runs against every situation under `unshare -rnm`
(situation.sh), with no route out: the fakes of tests/fake stand in for
Ollama, DNS and the proxy. explain then reads the output offline (unshare
-rn); the error kind, and the host and port where the output names them, are
compared with the truth, and what differs is listed with the findings. Not a
test (minutes, and it needs Node, Java and the packages below); a measurement
of the signatures against wordings nobody chose.

Needs: python3 with requests, /usr/bin/python3 with Debian's python3-httpx,
python3-aiohttp, python3-tornado, python3-pycurl and python3-httplib2, node
and npm (NPM's packages are installed into the scratch directory on the first
run), a JDK (javac), golang-go with
golang-github-hashicorp-go-retryablehttp-dev and
golang-github-go-resty-resty-dev (built offline from Debian's GOPATH), ruby,
php-cli and php-curl, lua with lua-socket, perl, cargo with Debian's
librust-reqwest-dev and librust-ureq-dev, libokhttp-java, libhttpclient-java,
ruby-faraday, ruby-httparty, php-guzzlehttp-guzzle, r-cran-httr2, erlang-inets
and erlang-ssl, python3-treq, libwww-perl, php-symfony-http-client, ruby-excon,
ruby-rest-client, httpie, tcl, mono-devel, ghc with libghc-http-client-dev,
libspring-web-java, libnetty-java, libmojolicious-perl, ruby-http, curl, wget,
iptables.
"""
import argparse
import json
import os
import re
import shutil
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor

HERE = os.path.dirname(os.path.abspath(__file__))
FAKES = os.path.join(HERE, '..', '..', 'tests', 'fake')

# Debian's jars for OkHttp 3 and Apache HttpClient 4 (libokhttp-java, libhttpclient-java)
JARS = ':'.join('/usr/share/java/%s.jar' % j for j in ('okhttp', 'okio', 'httpclient', 'httpcore', 'commons-logging',
                                                       'commons-codec'))
SPRING = ':'.join('/usr/share/java/%s.jar' % j for j in ('spring3-web', 'spring3-core', 'spring3-beans', 'commons-logging'))
NETTY = ':'.join('/usr/share/java/netty-%s.jar' % j for j in ('common', 'buffer', 'transport', 'codec', 'codec-http',
                                                             'handler', 'resolver'))
# name: (the client's directory in the scratch dir, argv, honours HTTP_PROXY)
CLIENTS = {
    'py-requests': ('py', ['python3', 'py_requests.py', '@URL@', '{mode}'], True),
    'py-urllib': ('py', ['python3', 'py_urllib.py', '@URL@', '{mode}'], True),
    'py-httpx': ('py', ['/usr/bin/python3', 'py_httpx.py', '@URL@', '{mode}'], True),
    'py-aiohttp': ('py', ['/usr/bin/python3', 'py_aiohttp.py', '@URL@', '{mode}'], True),
    'node-fetch': ('node', ['node', 'node_fetch.mjs', '@URL@', '{mode}'], False),
    'node-axios': ('node', ['node', 'node_axios.js', '@URL@', '{mode}'], True),
    'node-ollama': ('node', ['node', 'node_ollama.mjs', '@URL@', '{mode}'], False),
    'node-openai': ('node', ['node', 'node_openai.mjs', '@URL@', '{mode}'], False),
    'java-httpclient': ('java', ['java', '-cp', '.', 'Client', '@URL@', '{mode}'], False),
    'java-urlconn': ('java', ['java', '-cp', '.', 'Legacy', '@URL@', '{mode}'], False),
    'java-okhttp': ('java', ['java', '-cp', '.:' + JARS, 'OkClient', '@URL@', '{mode}'], False),
    'java-apache': ('java', ['java', '-cp', '.:' + JARS, 'ApacheClient', '@URL@', '{mode}'], False),
    'java-spring': ('java', ['java', '-cp', '.:' + SPRING, 'SpringClient', '@URL@', '{mode}'], False),
    'java-netty': ('java', ['java', '-cp', '.:' + NETTY, 'NettyClient', '@URL@', '{mode}'], False),
    'perl-tiny': ('py', ['perl', 'http_tiny.pl', '@URL@', '{mode}'], True),
    'go-nethttp': ('go', ['./go_client', '@URL@', '{mode}'], True),
    'go-retryable': ('go', ['./go_retryable', '@URL@', '{mode}'], True),
    'go-resty': ('go', ['./go_resty', '@URL@', '{mode}'], True),
    'py-tornado': ('py', ['/usr/bin/python3', 'py_tornado.py', '@URL@', '{mode}'], False),
    'py-pycurl': ('py', ['/usr/bin/python3', 'py_pycurl.py', '@URL@', '{mode}'], True),
    'py-httplib2': ('py', ['/usr/bin/python3', 'py_httplib2.py', '@URL@', '{mode}'], True),
    'ruby-nethttp': ('py', ['ruby', 'ruby_net.rb', '@URL@', '{mode}'], True),
    'php-fgc': ('py', ['php', 'php_fgc.php', '@URL@', '{mode}'], False),
    'php-guzzle': ('py', ['php', 'php_guzzle.php', '@URL@', '{mode}'], True),
    'ruby-faraday': ('py', ['ruby', 'ruby_faraday.rb', '@URL@', '{mode}'], True),
    'ruby-httparty': ('py', ['ruby', 'ruby_httparty.rb', '@URL@', '{mode}'], True),
    'php-curl': ('py', ['php', 'php_curl.php', '@URL@', '{mode}'], True),
    'lua-socket': ('py', ['lua', 'lua_socket.lua', '@URL@', '{mode}'], False),
    'curl': ('py', ['curl', '-sS', '-m', '3', '--fail-with-body', '{body}', '@URLP@/{path}'], True),
    'node-langchain': ('node', ['node', 'node_langchain.mjs', '@URL@', '{mode}'], False),
    'node-aisdk': ('node', ['node', 'node_aisdk.mjs', '@URL@', '{mode}'], False),
    'node-got': ('node', ['node', 'node_got.mjs', '@URL@', '{mode}'], False),
    'node-fetch2': ('node', ['node', 'node_fetch2.js', '@URL@', '{mode}'], False),
    'node-superagent': ('node', ['node', 'node_superagent.js', '@URL@', '{mode}'], False),
    'node-ofetch': ('node', ['node', 'node_ofetch.mjs', '@URL@', '{mode}'], False),
    'node-ky': ('node', ['node', 'node_ky.mjs', '@URL@', '{mode}'], False),
    'rust-reqwest': ('rust', ['./target/release/rust_reqwest', '@URL@', '{mode}'], True),
    'rust-ureq': ('rust', ['./target/release/rust_ureq', '@URL@', '{mode}'], False),
    'r-httr2': ('py', ['Rscript', 'r_httr2.R', '@URL@', '{mode}'], True),
    'erl-httpc': ('py', ['escript', 'erl_httpc.escript', '@URL@', '{mode}'], False),
    'wget': ('py', ['wget', '-O-', '-T', '3', '-t', '1', '{body}', '@URLP@/{path}'], True),
    'py-treq': ('py', ['/usr/bin/python3', 'py_treq.py', '@URL@', '{mode}'], False),
    'perl-lwp': ('py', ['perl', 'perl_lwp.pl', '@URL@', '{mode}'], True),
    'php-symfony': ('py', ['php', 'php_symfony.php', '@URL@', '{mode}'], True),
    'ruby-excon': ('py', ['ruby', 'ruby_excon.rb', '@URL@', '{mode}'], True),
    'ruby-restclient': ('py', ['ruby', 'ruby_restclient.rb', '@URL@', '{mode}'], True),
    'httpie': ('py', ['http', '--ignore-stdin', '--check-status', '--timeout', '3', '{body}', '@URLP@/{path}'], True),
    'tcl-http': ('py', ['tclsh', 'tcl_http.tcl', '@URL@', '{mode}'], False),
    'cs-httpclient': ('py', ['mono', 'cs_clients.exe', '@URL@', '{mode}'], True),
    'cs-webrequest': ('py', ['mono', 'cs_clients.exe', '@URL@', '{mode}', 'webrequest'], True),
    'hs-http-client': ('py', ['./hs_http_client', '@URL@', '{mode}'], True),
    'perl-mojo': ('py', ['perl', 'perl_mojo.pl', '@URL@', '{mode}'], True),
    'ruby-http': ('py', ['ruby', 'ruby_http.rb', '@URL@', '{mode}'], False),
    'bun-fetch': ('node', ['node_modules/.bin/bun', 'node_fetch.mjs', '@URL@', '{mode}'], True),
    'bun-ollama': ('node', ['node_modules/.bin/bun', 'node_ollama.mjs', '@URL@', '{mode}'], True),
    'deno-fetch': ('node', ['env', 'NO_COLOR=1', 'node_modules/.bin/deno', 'run', '-A', 'node_fetch.mjs', '@URL@', '{mode}'],
                   True),
    'deno-ollama': ('node', ['env', 'NO_COLOR=1', 'node_modules/.bin/deno', 'run', '-A', 'node_ollama.mjs', '@URL@',
                             '{mode}'], True),
}

# name: (request, model, kinds, host, port): what the client asks, and the
# truth: the kinds a reading may give (a 404 whose body is not shown is a 404,
# not yet a missing model; a body that stalls after its first byte is a read
# timeout, or an answer broken off, cause stream-cut)
SITUATIONS = {
    'refused': ('tags', 'llama3.2', ('refused',), 'localhost', 11434),
    'refused-port': ('tags', 'llama3.2', ('refused',), '127.0.0.1', 11435),
    'dns-hdi': ('tags', 'llama3.2', ('name-resolution',), 'host.docker.internal', 11434),
    'dns-svc': ('tags', 'llama3.2', ('name-resolution',), 'ollama', 11434),
    'dns-down': ('tags', 'llama3.2', ('name-resolution',), 'ollama', 11434),
    'timeout': ('tags', 'llama3.2', ('connect-timeout',), '172.17.0.1', 11434),
    'hdi-refused': ('tags', 'llama3.2', ('refused',), 'host.docker.internal', 11434),
    'hdi-timeout': ('tags', 'llama3.2', ('connect-timeout',), 'host.docker.internal', 11434),
    'hostunreach': ('tags', 'llama3.2', ('unreachable',), '192.168.1.50', 11434),
    'netunreach': ('tags', 'llama3.2', ('unreachable',), '10.0.0.5', 11434),
    'reset': ('tags', 'llama3.2', ('reset',), 'localhost', 11434),
    'empty': ('tags', 'llama3.2', ('reset',), 'localhost', 11434),
    'tls': ('tags', 'llama3.2', ('tls',), 'localhost', 11434),
    'readtimeout': ('chat', 'llama3.2', ('read-timeout',), 'localhost', 11434),
    'model404': ('chat', 'qwen2.5:7b', ('model-not-found', 'http-404'), 'localhost', 11434),
    'v1missing': ('oai', 'llama3.2', ('http-404',), 'localhost', 11434),
    'notollama': ('tags', 'llama3.2', ('not-ollama',), 'localhost', 11434),
    'proxy-deny': ('tags', 'llama3.2', ('proxy',), '192.168.1.50', 11434),
    'proxy-down': ('tags', 'llama3.2', ('proxy',), '192.168.1.50', 11434),
    'proxy-502': ('tags', 'llama3.2', ('proxy',), '192.168.1.50', 11434),
    'bridge18-refused': ('tags', 'llama3.2', ('refused',), '172.18.0.1', 11434),
    'podman-refused': ('tags', 'llama3.2', ('refused',), 'host.containers.internal', 11434),
    'svc-refused': ('tags', 'llama3.2', ('refused',), 'ollama', 11434),
    'svc-timeout': ('tags', 'llama3.2', ('connect-timeout',), 'ollama', 11434),
    'hostcheck': ('tags', 'llama3.2', ('http-403',), 'ollama.example.com', 11434),
    'v1model404': ('oai', 'qwen2.5:7b', ('model-not-found', 'http-404'), 'localhost', 11434),
    'drip': ('tags', 'llama3.2', ('read-timeout', 'not-connectivity'), 'localhost', 11434),
    'tls-cert': ('tags', 'llama3.2', ('tls',), 'localhost', 11434),
    'proxy-local': ('tags', 'llama3.2', ('proxy',), 'localhost', 11434),
    'oom': ('chat', 'llama3.2', ('not-connectivity', 'http-error'), 'localhost', 11434),
    'ipv6-refused': ('tags', 'llama3.2', ('refused',), 'localhost', 11434),
    'auth401': ('tags', 'llama3.2', ('not-connectivity', 'http-error'), 'localhost', 11434),
    'proxy-auth': ('tags', 'llama3.2', ('proxy',), '192.168.1.50', 11434),
    'garbage': ('tags', 'llama3.2', ('not-ollama',), 'localhost', 11434),
    'cut': ('chat', 'llama3.2', ('not-connectivity', 'reset'), 'localhost', 11434),
    'busy503': ('chat', 'llama3.2', ('not-connectivity', 'http-error'), 'localhost', 11434),
    'otherapp': ('chat', 'llama3.2', ('not-ollama',), 'localhost', 11434),
}
# what a situation's host name resolves to, where a client may name that instead
ADDRESSES = {'ipv6-refused': ('::1',)}
# clients whose only timer is the whole request's: when it runs out during
# the connect, the words say no more than that a timeout ran out
WHOLE_TIMER = ('py-aiohttp', 'node-fetch', 'node-openai', 'node-aisdk', 'node-got', 'node-fetch2', 'node-superagent',
               'rust-reqwest', 'rust-ureq', 'node-ofetch', 'node-ky', 'py-treq', 'tcl-http', 'cs-httpclient',
               'cs-webrequest', 'httpie', 'bun-fetch', 'deno-fetch')
# clients that cannot speak TLS here (no IO::Socket::SSL, no LuaSec): an
# https:// URL fails before anything is sent
NO_TLS = ('perl-tiny', 'lua-socket', 'tcl-http', 'hs-http-client')
# clients that do not check a certificate unless told to (Erlang's httpc before OTP 26)
NO_VERIFY = ('erl-httpc',)
NPM = ['ollama', 'openai', 'axios', '@langchain/ollama', '@langchain/core', 'ai@4', 'ollama-ai-provider',
       '@ai-sdk/openai@1', 'got', 'node-fetch@2', 'superagent', 'ofetch', 'ky', 'bun', 'deno']
# the Rust clients build offline from Debian's crates (librust-reqwest-dev, librust-ureq-dev)
CARGO = '''[package]
name = "liveclients"
version = "0.1.0"
edition = "2021"
[dependencies]
reqwest = { version = "0.11", features = ["blocking"] }
ureq = "2"
[[bin]]
name = "rust_reqwest"
path = "src/rust_reqwest.rs"
[[bin]]
name = "rust_ureq"
path = "src/rust_ureq.rs"
'''
CARGO_OFFLINE = '''[source.crates-io]
replace-with = "debian"
[source.debian]
directory = "/usr/share/cargo/registry"
[net]
offline = true
'''
# a client's words that what came back was not HTTP (or the bytes themselves): without them, an
# SSH server's banner and close read as a closed connection
NOT_HTTP_WORDS = ('SSH-2.0', 'HTTP/0.9', 'Expected HTTP/', 'status line', 'Status-Line', 'start-line',
                  'Invalid Http response', 'valid HTTP response', 'invalid HTTP', 'Malformed_HTTP', 'ProtocolViolation',
                  'Parse(Version)', 'HTTP 999')
PATHS = {'tags': 'api/tags', 'chat': 'api/chat', 'oai': 'chat/completions'}


def setup(scratch):
    """The clients in the scratch directory, built and with their packages."""
    for sub in ('py', 'node', 'java', 'go', 'rust/src', 'rust/.cargo'):
        os.makedirs(os.path.join(scratch, sub), exist_ok=True)
    for f in os.listdir(os.path.join(HERE, 'clients')):
        sub = 'node' if f.startswith('node_') else 'java' if f.endswith('.java') else 'go' if f.endswith('.go') \
            else 'rust/src' if f.endswith('.rs') else 'py'
        shutil.copy(os.path.join(HERE, 'clients', f), os.path.join(scratch, sub, f))
    node = os.path.join(scratch, 'node')
    if not all(os.path.isdir(os.path.join(node, 'node_modules', p.rsplit('@', 1)[0] if p.rfind('@') > 0 else p))
               for p in NPM):
        print('installing the Node.js clients with npm ...', file=sys.stderr)
        subprocess.run(['npm', 'install', '--silent', '--prefix', node] + NPM, check=True)
    java = os.path.join(scratch, 'java')
    subprocess.run(['javac', '-cp', ':'.join((JARS, SPRING, NETTY)), 'Client.java', 'Legacy.java', 'OkClient.java',
                    'ApacheClient.java', 'SpringClient.java', 'NettyClient.java'], cwd=java, check=True)
    rust = os.path.join(scratch, 'rust')
    with open(os.path.join(rust, 'Cargo.toml'), 'w') as f:
        f.write(CARGO)
    with open(os.path.join(rust, '.cargo', 'config.toml'), 'w') as f:
        f.write(CARGO_OFFLINE)
    subprocess.run(['cargo', 'build', '--release', '-q'], cwd=rust, check=True)
    subprocess.run(['mcs', '-r:System.Net.Http', '-out:cs_clients.exe', 'cs_clients.cs'],
                   cwd=os.path.join(scratch, 'py'), check=True, stdout=subprocess.DEVNULL)
    subprocess.run(['ghc', '-O0', '-v0', '-outputdir', 'hs-build', '-o', 'hs_http_client', 'hs_http_client.hs'],
                   cwd=os.path.join(scratch, 'py'), check=True)
    for prog in ('go_client', 'go_retryable', 'go_resty'):  # GOPATH: Debian's Go sources, offline
        subprocess.run(['go', 'build', '-o', prog, prog + '.go'], cwd=os.path.join(scratch, 'go'), check=True,
                       env=dict(os.environ, GOFLAGS='', GO111MODULE='off', GOPATH='/usr/share/gocode'))


def argv_for(client, sit):
    mode, model = SITUATIONS[sit][:2]
    body = []
    if mode != 'tags':
        msg = '{"model":"%s","messages":[{"role":"user","content":"hi"}],"stream":false}' % model
        body = {'curl': ['--json', msg], 'httpie': ['--raw', msg, 'POST']}.get(client, ['--post-data=' + msg])
    out = []
    for a in CLIENTS[client][1]:
        out += body if a == '{body}' else [a.replace('{mode}', mode).replace('{path}', PATHS[mode])]
    return out


def run(scratch, bin_, job):
    sit, client = job
    env = dict(os.environ, SCRATCH=scratch, FAKES=FAKES, MODEL=SITUATIONS[sit][1])
    r = subprocess.run(['unshare', '-rnm', 'sh', os.path.join(HERE, 'situation.sh'), sit] + argv_for(client, sit),
                       cwd=os.path.join(scratch, CLIENTS[client][0]), env=env, capture_output=True, timeout=90)
    out = r.stdout.decode('utf-8', 'replace')
    rc = re.search(r'@@rc=(\d+)\n?$', out)
    text = out[:rc.start()] if rc else out
    if rc and (rc.group(1) == '0' or (rc.group(1) == '124' and not text.strip())):
        return sit, client, text, None  # the client did not fail, or waits still (no timer: ollama-js)
    e = subprocess.run(['unshare', '-rn', bin_, 'explain', '--json', '-'], input=text.encode(), capture_output=True)
    d = json.loads(e.stdout or b'{}')
    if 'input' not in d:  # explain refused the text (an empty one): a reading of nothing
        d = {'input': {'error_kind': 'none', 'host': None, 'port': None}, 'findings': [],
             'refused': e.stderr.decode('utf-8', 'replace').strip()}
    return sit, client, text, d


def truth(sit, client, text):
    _, _, kind, host, port = SITUATIONS[sit]
    if sit.startswith('proxy') and not CLIENTS[client][2]:
        kind = ('unreachable',)  # the client went straight to the address, whose route is unreachable
    if sit == 'tls-cert' and client in NO_VERIFY:
        kind = ('not-ollama', 'http-error')  # it spoke TLS without checking, and the fake's page answered
    if sit.startswith('tls') and client in NO_TLS:
        kind = ('not-connectivity',)
    if sit == 'garbage' and not any(w in text for w in NOT_HTTP_WORDS):
        kind = kind + ('reset', 'not-connectivity')  # the client said only that the connection closed, or no more
    if sit == 'otherapp' and '"detail"' not in text:
        kind = kind + ('http-404', 'model-not-found')  # a bare 404: the words do not say whose
    if sit == 'busy503' and 'server busy' not in text:
        kind = kind + ('proxy',)  # a bare 503: a proxy's or Ollama's full queue, and the words do not tell
    if sit == 'proxy-502' and '502' not in text:
        kind = kind + ('http-error', 'not-connectivity')  # a retry loop that gave up on a status it does not name
    if sit in ('timeout', 'hdi-timeout', 'svc-timeout') and client in WHOLE_TIMER:
        kind = kind + ('read-timeout',)
    # the host as a host (in a URL, beside its port, quoted), not a word of a path (node_modules/ollama)
    shown = any(f in text for f in ('//%s' % host, '%s:%d' % (host, port), "'%s'" % host, '(%s)' % host))
    # the address the name resolved to is the same endpoint (ipv6-refused: localhost is only ::1 there)
    hosts = (host,) + ADDRESSES.get(sit, ()) if shown else (None,)
    return kind, hosts, port if str(port) in text else None


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--bin', default='build/ollama-doctor')
    ap.add_argument('--only', default=','.join(SITUATIONS))
    ap.add_argument('--clients', default=','.join(CLIENTS))
    ap.add_argument('--scratch', default='/tmp/explain-live')
    ap.add_argument('--save', help='write every output and reading to this JSON file')
    ap.add_argument('-v', action='store_true', help='list the matches too, and print the texts that differ')
    a = ap.parse_args()
    setup(a.scratch)
    bin_ = os.path.abspath(a.bin)
    jobs = [(s, c) for s in a.only.split(',') for c in a.clients.split(',')]
    ok, skipped, saved = 0, 0, {}
    with ThreadPoolExecutor(3) as pool:
        for sit, client, text, d in pool.map(lambda j: run(a.scratch, bin_, j), jobs):
            if d is None:
                skipped += 1
                continue
            i = d['input']
            ids = [f['id'] for f in d['findings'] if f['severity'] != 'info']
            got = (i['error_kind'], i['host'], i['port'])
            want = truth(sit, client, text)
            # a host or port the text does not show is not asked for
            same = got[0] in want[0] and (want[1] == (None,) or got[1] in want[1]) and want[2] in (None, got[2])
            ok += same
            saved['%s/%s' % (sit, client)] = {'text': text, 'got': got, 'want': want, 'findings': ids}
            if not same or a.v:
                print('%s %s/%s: got %s, want %s; findings %s' % ('ok  ' if same else 'DIFF', sit, client, got, want, ids))
                if not same and a.v:
                    print('    | ' + text.strip()[-1200:].replace('\n', '\n    | '))
    print('%d of %d readings as built (%d clients did not fail)' % (ok, len(jobs) - skipped, skipped))
    if a.save:
        with open(a.save, 'w') as f:
            json.dump(saved, f, indent=1, ensure_ascii=False)


if __name__ == '__main__':
    main()

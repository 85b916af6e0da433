#!/bin/sh
# --format markdown, rendered by a real Markdown parser (cmark-gfm, GitHub's
# own fork of cmark, with its table extension) and checked for structure:
# headings, the verdict, a table inside <details>, the raw JSON block, cells
# escaped, no secret. Needs no root: the only probes go to --candidates on
# loopback (127.0.0.1:1, refused at once), the proxy named in the environment
# is on loopback too.
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
OD_BIN=${OD_BIN:-$ROOT/build/asan/ollama-doctor}
W=$(mktemp -d /tmp/od-md.XXXXXX)
trap 'rm -rf "$W"' EXIT
TAPN=0 FAILS=0

ok() {
    desc=$1; shift
    TAPN=$((TAPN + 1))
    if "$@" >/dev/null 2>&1; then echo "ok $TAPN - $desc"; else
        echo "not ok $TAPN - $desc"; FAILS=$((FAILS + 1))
        echo "# exit $RC; stdout: $(head -c 600 "$W/out.md") stderr: $(head -c 400 "$W/err")"
    fi
}
command -v cmark-gfm >/dev/null 2>&1 || { echo "ok 1 - t_markdown # SKIP needs cmark-gfm (apt-get install cmark-gfm)"; exit 0; }
command -v jq >/dev/null 2>&1 || { echo "ok 1 - t_markdown # SKIP needs jq"; exit 0; }

render() { cmark-gfm --extension table --unsafe "$W/out.md" >"$W/out.html"; }
html_has() { grep -q -- "$1" "$W/out.html"; }
# A <table> between <details> and </details>.
table_in_details() {
    awk '/<details>/ {d = 1} /<\/details>/ {d = 0} d && /<table>/ {found = 1} END {exit !found}' "$W/out.html"
}
no_canary() { ! grep -qi canary "$W/out.md" "$W/out.html"; }

env HTTP_PROXY=http://canaryuser:CANARY-PW-1@127.0.0.1:3128 OPENAI_API_KEY=CANARY-KEY-2 \
    "$OD_BIN" --format markdown -t 500 --candidates 127.0.0.1:1 -u http://canaryuser:CANARY-URL-3@127.0.0.1:1 \
    --model 'll`a|m*a' >"$W/out.md" 2>"$W/err"
RC=$?
render
ok "markdown: exit 1 like check (unreachable)" [ "$RC" -eq 1 ]
ok "markdown: the first line is an h1" sh -c "head -n 1 $W/out.md | grep -q '^# ollama-doctor report'"
ok "markdown: cmark-gfm renders an <h1> and an <h2>Findings</h2>" sh -c "grep -q '<h1>' $W/out.html && grep -q '<h2>Findings</h2>' $W/out.html"
ok "markdown: the verdict sentence comes first, in bold" sh -c "grep -q '<p><strong>✗ Ollama is not reachable from this' $W/out.html && [ \$(grep -n 'not reachable' $W/out.md | head -n1 | cut -d: -f1) -lt \$(grep -n '^## Findings' $W/out.md | cut -d: -f1) ]"
ok "markdown: the Base URL line (none works yet)" html_has '<strong>Base URL:</strong> none works from here yet'
ok "markdown: each finding is an <h3> with its id as code" html_has '<h3>✗ error <code>'
ok "markdown: fixes are fenced code blocks with their language" html_has '<pre><code class="language-'
ok "markdown: a <table> inside <details>" table_in_details
ok "markdown: the candidates table has its six columns" sh -c "[ \"\$(sed -n '/<summary>Candidates/,/<\/thead>/p' $W/out.html | grep '<th>' | tr -d '\n')\" = '<th>Candidate</th><th>Role</th><th>DNS</th><th>TCP</th><th>HTTP</th><th>Result</th>' ]"
ok "markdown: the facts table is folded too" html_has '<summary>Facts</summary>'
ok "markdown: the raw JSON is a json code block" html_has '<pre><code class="language-json">'
sed -n '/^```json$/,/^```$/p' "$W/out.md" | sed '1d;$d' >"$W/raw.json"
ok "markdown: the raw JSON block is the report (parses, same verdict)" jq -e '.verdict == "unreachable" and .schema_version == 1' "$W/raw.json"
ok "markdown: '|' and backticks in a cell are escaped (two cells, text intact)" \
    sh -c "grep -q '<td>model</td>' $W/out.html && grep -A1 '<td>model</td>' $W/out.html | grep -qF '<td><code>ll\`a|m*a: not checked'"
ok "markdown: no canary secret (proxy URL, --url credentials)" no_canary
ok "markdown: the proxy is shown redacted, its address kept" grep -q 'http://REDACTED@127.0.0.1:3128' "$W/out.md"
ok "markdown: nothing on stderr" sh -c "[ ! -s $W/err ]"

# explain: input table, findings, the confirm command
"$OD_BIN" explain --format markdown "HTTPConnectionPool(host='127.0.0.1', port=11434): Max retries exceeded with url: /api/a|b (Caused by NewConnectionError(... [Errno 111] Connection refused))" >"$W/out.md" 2>"$W/err"
RC=$?
render
ok "explain markdown: h1 and the input table" sh -c "grep -q '<h1>ollama-doctor explain</h1>' $W/out.html && grep -q '<td><code>ECONNREFUSED</code></td>' $W/out.html"
ok "explain markdown: '|' in a cell stays one cell" grep -qF '<td><code>/api/a|b</code></td>' "$W/out.html"
ok "explain markdown: the finding and the confirm command" sh -c "grep -q '<code>localhost-inside-container</code>' $W/out.html && grep -q '<pre><code class=\"language-sh\">ollama-doctor check' $W/out.html"
ok "explain markdown: exit 1 (a finding)" [ "$RC" -eq 1 ]

echo "1..$TAPN"
[ "$FAILS" -eq 0 ]

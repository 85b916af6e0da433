#!/bin/sh
# The first screen is the answer (issue 10): the seed's situation (Ollama on
# 127.0.0.1:11434 on the host, the tool in the app's container, the docs' URL
# http://172.17.0.1:11434) on an 80-column terminal, in English, Japanese and
# Chinese chosen by LANG: the root cause's id and the OLLAMA_HOST= line of
# its fix within the first 24 lines, no line wider than the terminal (East
# Asian wide characters count two), the verdict first. Then the same at 60
# columns, -q, a healthy run, and the Markdown.
# OD_DUMP=DIR keeps every output there, to read.
. "$(dirname "$0")/lib.sh"
need_root
topo_up || skip_all "could not build the namespaces"
ollama_at ol 127.0.0.1 11434 || exit 1

# text LANG COLUMNS [ARGS...]: the text report as a person sees it
text() {
    l=$1 cols=$2; shift 2
    ip netns exec "$C" env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin ASAN_OPTIONS="$ASAN_OPTIONS" \
        UBSAN_OPTIONS="$UBSAN_OPTIONS" LANG="$l" COLUMNS="$cols" "$OD_BIN" --vantage container -t 800 \
        --os linux "$@" >"$W/out.txt" 2>"$W/err.txt"
    RC=$?
    DUMPN=$((DUMPN + 1))
    [ -n "$OD_DUMP" ] && mkdir -p "$OD_DUMP" && cp "$W/out.txt" "$OD_DUMP/$DUMPN-$l-$cols.txt"
    return 0
}
# widest COLS: no line is wider than COLS display columns
widest() {
    python3 -c '
import sys, unicodedata
w = lambda l: sum(2 if unicodedata.east_asian_width(c) in "WF" else 0 if unicodedata.combining(c) else 1 for c in l)
sys.exit(0 if all(w(l) <= int(sys.argv[1]) for l in open(sys.argv[2], encoding="utf-8").read().split("\n")) else 1)
' "$1" "$W/out.txt"
}
within() { head -n "$1" "$W/out.txt" | grep -qF -- "$2"; }
first_line_has() { head -n 1 "$W/out.txt" | grep -qF -- "$1"; }

URL=http://172.17.0.1:11434
DUMPN=0
for l in en_US.UTF-8 ja_JP.UTF-8 zh_CN.UTF-8; do
    text "$l" 80 -u "$URL"
    ok "$l, 80 columns: exit 1 (an error finding)" rc_is 1
    ok "$l, 80 columns: the root cause's id within 24 lines" within 24 '[host-port-refused]'
    ok "$l, 80 columns: the OLLAMA_HOST= line of its fix within 24 lines" within 24 'Environment="OLLAMA_HOST=0.0.0.0:11434"'
    ok "$l, 80 columns: no line over 80 columns" widest 80
    ok "$l, 80 columns: the verdict first (unreachable, its mark)" first_line_has '✗'
    text "$l" 60 -u "$URL"
    ok "$l, 60 columns: no line over 60 columns" widest 60
    ok "$l, 60 columns: the fix's commands are still whole" within 40 'sudo systemctl edit ollama.service'
done

text ja_JP.UTF-8 80 -u "$URL"
ok "Japanese: the verdict sentence is Japanese" first_line_has 'Ollama に接続できません'
ok "Japanese: commands are never translated" grep -qF 'sudo systemctl daemon-reload' "$W/out.txt"
text zh_CN.UTF-8 80 -u "$URL"
ok "Chinese: the verdict sentence is Chinese" first_line_has '无法连接到 Ollama'
text C 80 --lang zh -u "$URL"
ok "--lang zh wins over LANG=C" first_line_has '无法连接到 Ollama'

text en_US.UTF-8 80 -q -u "$URL"
ok "-q: the verdict, the root cause and the Base URL line, nothing else" \
    sh -c "[ \$(wc -l <'$W/out.txt') -le 4 ] && grep -qF '[host-port-refused]' '$W/out.txt' && grep -q 'Base URL' '$W/out.txt'"

# healthy: Ollama on all interfaces, the same URL works
stop ol
ollama_at ol 0.0.0.0 11434 || exit 1
text en_US.UTF-8 80 -u "$URL"
ok "healthy: exit 0" rc_is 0
ok "healthy: the first line says it works and names the URL" first_line_has "$URL"
text ja_JP.UTF-8 80 -u "$URL"
ok "healthy, Japanese: the first line names the URL" first_line_has "$URL"

finish

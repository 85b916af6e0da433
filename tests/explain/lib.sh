# Shared by the explain runners (run.sh, real.sh).
#
# explain is offline: it parses the pasted text and makes no request. The
# runners still run it with no network at all where they can, in an empty
# network namespace (unshare -rn: a user namespace, no root needed), so that
# no change to explain can ever reach the real network from a test.
if unshare -rn true 2>/dev/null; then
    offline_argv="unshare -rn"
else
    offline_argv=
fi

# split_corpus FILE DIR: case N of FILE becomes DIR/N.meta (comment and
# expect-* lines) and DIR/N.txt (the pasted text); "%%" ends a case, blocks
# without a "text:" line are skipped. Prints the number of cases.
split_corpus() {
    awk -v dir="$2" '
    function flush() {
        if (intext) {
            n++
            printf "%s", meta > (dir "/" n ".meta"); close(dir "/" n ".meta")
            printf "%s", text > (dir "/" n ".txt"); close(dir "/" n ".txt")
        }
        meta = ""; text = ""; intext = 0
    }
    /^%%$/ { flush(); next }
    intext { text = text $0 "\n"; next }
    /^text:[ \t]*$/ { intext = 1; next }
    { meta = meta $0 "\n" }
    END { flush(); print n + 0 }
    ' "$1"
}

# explain_cases DIR TOTAL SUFFIX FILTER: explains DIR/N.SUFFIX for N in
# 1..TOTAL with `explain --batch` (the texts NUL-separated on stdin, one JSON
# document per line: the rules and signatures are loaded once per batch, not
# once per case), REAL_JOBS batches at once (default: the CPUs), each in one
# empty network namespace, and prints "N<TAB>" and FILTER's line (jq) for each
# case whose output is JSON, in case order. Leaves DIR/N.out, and for a case
# without output DIR/N.err and DIR/N.rc (its batch's stderr and exit status).
explain_cases() {
    jobs=${REAL_JOBS:-$(nproc 2>/dev/null || echo 2)}
    per=$((($2 + jobs - 1) / jobs))
    [ "$per" -gt 0 ] || per=1
    seq 1 "$2" | xargs -P "$jobs" -n "$per" \
        $offline_argv sh -c 'bin=$1 dir=$2 suffix=$3; shift 3
        b=$dir/batch.$1
        printf "%s\n" "$@" >"$b.ids"
        for i; do cat "$dir/$i.$suffix"; printf "\000"; done | "$bin" explain --batch >"$b.jsonl" 2>"$b.err"
        rc=$?
        awk -v dir="$dir" "NR == FNR { id[NR] = \$0; next } { f = dir \"/\" id[FNR] \".out\"; print > f; close(f) }" "$b.ids" "$b.jsonl"
        for i; do [ -s "$dir/$i.out" ] || { cp "$b.err" "$dir/$i.err"; echo "$rc" >"$dir/$i.rc"; }; done
        exit 0' sh "$OD_BIN" "$1" "$3" || return 1 # explain exits 1 or 2 when it finds something
    # a sanitizer's report (a leak is reported at the batch's exit, after its output) fails the run
    if grep -qs -e 'Sanitizer' -e 'runtime error:' "$1"/batch.*.err; then
        grep -hs -m 3 -e 'Sanitizer' -e 'runtime error:' "$1"/batch.*.err >&2
        return 1
    fi
    numbered="(input_filename | sub(\".*/\"; \"\") | rtrimstr(\".out\")) + \"\\t\" + ($4)"
    outs=$(seq 1 "$2" | sed "s|.*|$1/&.out|")
    # shellcheck disable=SC2086 # the case files' names have no blanks
    jq -r "$numbered" $outs 2>/dev/null && return 0
    for f in $outs; do [ -s "$f" ] && jq -r "$numbered" "$f" 2>/dev/null; done # one is not JSON: the others still count
}

# The awk functions the runners' checks share:
#   field(N, NAME)  case N's first NAME: line with its blanks trimmed ("" when
#                   absent); has(N, NAME) whether it is there; comment(N) its
#                   first "#" line. A case's meta is read once.
#   load(FILE)      FILE's "N<TAB>line" results into got[N]
#   err(N)          case N's exit status and the first line of its stderr
meta_awk='
function read_meta(i,    f, line, k, v) {
    if (i in seen) return
    seen[i] = 1
    f = dir "/" i ".meta"
    while ((getline line < f) > 0) {
        if (line ~ /^#/ && !((i, "#") in val)) { sub(/^#[ \t]*/, "", line); val[i, "#"] = line; continue }
        k = index(line, ":")
        if (k < 2 || ((i, substr(line, 1, k - 1)) in val)) continue
        v = substr(line, k + 1); sub(/^[ \t]+/, "", v); sub(/[ \t]+$/, "", v)
        val[i, substr(line, 1, k - 1)] = v
    }
    close(f)
}
function has(i, name) { read_meta(i); return (i, name) in val }
function field(i, name) { return has(i, name) ? val[i, name] : "" }
function comment(i) { return field(i, "#") }
function load(file,    line, t) {
    while ((getline line < file) > 0) { t = index(line, "\t"); got[substr(line, 1, t - 1) + 0] = substr(line, t + 1) }
    close(file)
}
function err(i,    line, rc, f) {
    f = dir "/" i ".rc"; rc = "?"; getline rc < f; close(f)
    f = dir "/" i ".err"; line = ""; getline line < f; close(f)
    return "(exit " rc "): " line
}
'

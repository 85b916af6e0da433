# Shared by the explain runners (run.sh, real.sh).
#
# explain is offline: it parses the pasted text and makes no request. The
# runners still run it with no network at all where they can, in an empty
# network namespace (unshare -rn: a user namespace, no root needed), so that
# no change to explain can ever reach the real network from a test.
if unshare -rn true 2>/dev/null; then
    offline() { unshare -rn "$@"; }
else
    offline() { "$@"; }
fi

# split_corpus FILE DIR: case N of FILE becomes DIR/N.meta (comment and
# expect-* lines) and DIR/N.txt (the pasted text); "%%" ends a case, blocks
# without a "text:" line are skipped.
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
    END { flush() }
    ' "$1"
}

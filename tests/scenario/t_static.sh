#!/bin/sh
# The static binaries (make static, make static ARCH=arm64): each one that
# exists is run — natively, or under qemu-user for the other architecture —
# and must be static, name every library and the Debian sources in
# --version, explain the seed error from an empty root (a directory holding
# only the binary, chroot), and check a fake Ollama on loopback from that
# empty root in an empty network namespace. A binary that has not been built
# is skipped (`make static-test` builds both and runs this). The .deb files
# (make deb) are checked when present.
. "$(dirname "$0")/lib.sh"
trap 'cleanup_static' EXIT

NATIVE=$(dpkg --print-architecture 2>/dev/null || echo amd64)
SEED="HTTPConnectionPool(host='127.0.0.1', port=11434): Max retries exceeded with url: /api/chat (Caused by NewConnectionError('<urllib3.connection.HTTPConnection object at 0x7f2b>: Failed to establish a new connection: [Errno 111] Connection refused'))"
cleanup_static() { rm -rf "$W"; }
skip() { TAPN=$((TAPN + 1)); echo "ok $TAPN - $1 # SKIP $2"; }

# How to make an empty root and an empty network namespace here.
if [ "$(id -u)" = 0 ]; then CHROOT="chroot" NETNS="unshare -n"; else CHROOT="unshare -r chroot" NETNS="unshare -rn"; fi
$CHROOT / true 2>/dev/null || CHROOT=""
$NETNS true 2>/dev/null || NETNS=""

# arch_of FILE: amd64 | arm64 | other, from the ELF header
arch_of() {
    case $(readelf -h "$1" 2>/dev/null | sed -n 's/^ *Machine: *//p') in
    *X86-64*) echo amd64 ;;
    *AArch64*) echo arm64 ;;
    *) echo other ;;
    esac
}

# test_binary LABEL FILE
test_binary() {
    label=$1 bin=$2
    if [ ! -f "$bin" ]; then
        skip "$label: not built" "no ${bin#"$ROOT"/} (make static${label#static-}; make static-test builds both)"
        return
    fi
    arch=$(arch_of "$bin")
    run=""
    if [ "$arch" != "$NATIVE" ]; then
        q=qemu-$(case $arch in arm64) echo aarch64 ;; amd64) echo x86_64 ;; *) echo "$arch" ;; esac)
        for c in "$q-static" "$q"; do command -v "$c" >/dev/null 2>&1 && { run=$(command -v "$c"); break; }; done
        if [ -z "$run" ]; then
            skip "$label: runs under qemu-user" "no $q-static (apt-get install qemu-user-static)"
            return
        fi
    fi
    echo "# $label: $(wc -c <"$bin") bytes; $(file -b "$bin" 2>/dev/null || echo "ELF $arch")${run:+; run with $run}"
    ok "$label: ELF for linux/$arch, no program interpreter (static)" sh -c "! readelf -l '$bin' | grep -q INTERP"

    $run "$bin" --version >"$W/v.txt" 2>&1
    RC=$?
    sed 's/^/# /' "$W/v.txt"
    ok "$label: --version exits 0" [ "$RC" -eq 0 ]
    ok "$label: --version names every library and 'static'" sh -c "grep -q 'libcurl [0-9]' '$W/v.txt' && grep -q 'OpenSSL [0-9]' '$W/v.txt' && grep -q 'c-ares [0-9]' '$W/v.txt' && grep -q 'cJSON [0-9]' '$W/v.txt' && grep -q 'libarchive [0-9]' '$W/v.txt' && grep -q 'zlib [0-9]' '$W/v.txt' && grep -q '; static, musl)' '$W/v.txt'"
    ok "$label: --version records linux/$arch and the pinned Debian sources" sh -c "grep -q '^build: linux/$arch, musl' '$W/v.txt' && grep -q 'Debian sources: openssl $(awk '$1 == "openssl" { print $2; exit }' "$ROOT/tools/static-sources.txt")' '$W/v.txt'"

    # an empty root: the binary (and qemu for the other architecture) only
    r=$W/root-$arch
    mkdir -p "$r"
    cp "$bin" "$r/ollama-doctor"
    pre=""
    if [ -n "$run" ]; then cp "$run" "$r/qemu"; pre=/qemu; fi
    echo "# empty root: $(cd "$r" && ls | tr '\n' ' ')"
    if [ -z "$CHROOT" ]; then
        skip "$label: explain from an empty root" "cannot chroot here (needs root or user namespaces)"
    else
        $CHROOT "$r" $pre /ollama-doctor explain --format json "$SEED" >"$W/out.json" 2>"$W/err.txt"
        RC=$?
        ok "$label: explain (seed) from an empty root: exit 1, localhost-inside-container first" sh -c "[ $RC -eq 1 ] && jq -e '.findings[0].id == \"localhost-inside-container\" and .input.errno == \"ECONNREFUSED\" and .input.port == 11434' '$W/out.json'"
    fi

    if [ -z "$CHROOT" ] || [ -z "$NETNS" ]; then
        skip "$label: check on loopback from an empty root in an empty network namespace" "needs chroot and unshare -n"
        return
    fi
    # the fake Ollama and the doctor in one new, empty network namespace
    $NETNS sh "$W/in-netns.sh" "$FAKE/fake_ollama.py" "$W" $CHROOT "$r" $pre /ollama-doctor check --json \
        --candidates 127.0.0.1:11434 -t 1000 >"$W/out.json" 2>"$W/err.txt"
    RC=$?
    ok "$label: check from an empty root in an empty netns: exit 0, verdict ok, the fake on 127.0.0.1" sh -c "[ $RC -eq 0 ] && jq -e '.verdict == \"ok\" and .recommendation.base_url == \"http://127.0.0.1:11434\"' '$W/out.json'"
    ok "$label: ... with no /etc/hosts, resolv.conf or /proc there: unknown sources, no crash" jq -e '.context.sources["/etc/hosts"] == "unknown: ENOENT" and .context.sources["/proc/net/route"] == "unknown: ENOENT"' "$W/out.json"
}

# in-netns.sh FAKE DIR CMD...: lo up, the fake Ollama on 127.0.0.1:11434, then CMD
cat >"$W/in-netns.sh" <<'EOF2'
ip link set lo up || exit 9
fake=$1 dir=$2
shift 2
: >"$dir/fake.out" # never read the "ready" of an earlier run
python3 "$fake" --bind 127.0.0.1 --port 11434 >"$dir/fake.out" 2>&1 </dev/null &
fp=$!
i=0
while ! grep -q '^ready' "$dir/fake.out" 2>/dev/null; do
    i=$((i + 1)); [ $i -gt 100 ] && { kill $fp; exit 9; }; sleep 0.05
done
"$@"
rc=$?
kill $fp
exit $rc
EOF2

test_binary static "$ROOT/build/ollama-doctor-static"
test_binary static-arm64 "$ROOT/build/ollama-doctor-static-arm64"

# --- the Debian packages ---------------------------------------------------------
for deb in "$ROOT"/build/ollama-doctor_*.deb; do
    [ -f "$deb" ] || { skip "deb: none built" "make deb builds one"; break; }
    n=$(basename "$deb")
    dpkg-deb -c "$deb" >"$W/deb.txt"
    dpkg-deb -f "$deb" Package Architecture Version >"$W/debf.txt"
    a=$(sed -n 's/^Architecture: //p' "$W/debf.txt")
    ok "$n: control says ollama-doctor, architecture $a matches the name" sh -c "grep -q '^Package: ollama-doctor' '$W/debf.txt' && case '$n' in *_$a.deb) true ;; *) false ;; esac"
    ok "$n: binary, man page, bash/zsh/fish completions, copyright" sh -c "grep -q ' ./usr/bin/ollama-doctor$' '$W/deb.txt' && grep -q 'usr/share/man/man1/ollama-doctor.1.gz' '$W/deb.txt' && grep -q 'bash-completion/completions/ollama-doctor$' '$W/deb.txt' && grep -q 'zsh/vendor-completions/_ollama-doctor' '$W/deb.txt' && grep -q 'fish/vendor_completions.d/ollama-doctor.fish' '$W/deb.txt' && grep -q 'doc/ollama-doctor/copyright' '$W/deb.txt'"
    ok "$n: files owned by root" sh -c "! awk '{ print \$2 }' '$W/deb.txt' | grep -v '^root/root$' | grep -q ."
    mkdir -p "$W/x"
    dpkg-deb -x "$deb" "$W/x"
    ok "$n: the packaged binary is static, for $a" sh -c "! readelf -l '$W/x/usr/bin/ollama-doctor' | grep -q INTERP && [ \"\$(readelf -h '$W/x/usr/bin/ollama-doctor' | grep -c '$(case $a in arm64) echo AArch64 ;; *) echo X86-64 ;; esac)')\" = 1 ]"
    rm -rf "$W/x"
done

finish

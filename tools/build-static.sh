#!/bin/sh
# Build build/ollama-doctor-static: one fully static binary (musl libc) with
# OpenSSL, c-ares, curl, cJSON, zlib and libarchive built from Debian's source
# packages with only the features the tool uses (HTTP, HTTPS, unix sockets,
# c-ares DNS; libarchive writes the support bundle: pax + gzip).
#
#   make static            (or: sh tools/build-static.sh)
#
# Needs root on a Debian-like machine the first time: it enables deb-src
# entries and installs the build tools. Everything it fetches or builds stays in
# build/static/ (git-ignored): src/ the unpacked sources, prefix/ the static
# libraries, work/ the build trees, logs/ one log per library. A library whose
# .a is installed with the same flags is not built again, so a second run only
# recompiles the tool.
#
# Environment: VERSION (tool version, default from the Makefile), JOBS (make -j,
# default 2), KEEP_WORK=1 keeps the library build trees.
set -eu

ROOT=$(cd "$(dirname "$0")/.." && pwd)
B=$ROOT/build/static
SRCDIR=$B/src
WORK=$B/work
PREFIX=$B/prefix
LOGS=$B/logs
OUT=$ROOT/build/ollama-doctor-static
JOBS=${JOBS:-2}
VERSION=${VERSION:-$(sed -n 's/^VERSION[ 	]*:=[ 	]*//p' "$ROOT/Makefile")}
CA_BUNDLE=/etc/ssl/certs/ca-certificates.crt
CA_PATH=/etc/ssl/certs
SRC_LIST=/etc/apt/sources.list.d/ollama-doctor-deb-src
PACKAGES="openssl c-ares curl cjson zlib libarchive"
export LC_ALL=C DEBIAN_FRONTEND=noninteractive

T_ALL=$(date +%s)
T0=$T_ALL
say() { printf 'static: %s\n' "$*" >&2; }
die() { say "error: $*"; exit 1; }
phase_start() { T0=$(date +%s); say "== $1"; }
phase_end() { say "   $1: $(($(date +%s) - T0)) s"; }

# Run a build step with its output in a log; show the log's tail on failure.
logged() {
    log=$LOGS/$1.log
    shift
    if ! "$@" >>"$log" 2>&1; then
        tail -n 40 "$log" >&2
        die "failed: $* (full log: $log)"
    fi
}

as_root() {
    [ "$(id -u)" = 0 ] || die "$1 needs root (run 'sudo make static' once)"
}

# --- 1. deb-src entries -------------------------------------------------------

have_deb_src() {
    apt-get source --print-uris -qq cjson >/dev/null 2>&1
}

# deb822 (*.sources): every enabled Debian stanza with Types "deb" but no
# "deb-src" becomes the same stanza with "Types: deb-src" (comments dropped).
deb_src_from_deb822() {
    awk '
    function flush() {
        if (n > 0 && isdeb && !hassrc && debian && enabled) {
            if (out++) print ""
            for (i = 1; i <= n; i++)
                print (i == tline ? "Types: deb-src" : par[i])
        }
        n = 0; isdeb = hassrc = debian = 0; enabled = 1; tline = 0
    }
    BEGIN { enabled = 1 }
    /^[ \t]*#/ { next }
    /^[ \t]*$/ { flush(); next }
    {
        par[++n] = $0
        if (tolower($0) ~ /^types:/) {
            tline = n
            if ($0 ~ /[ \t]deb([ \t]|$)/) isdeb = 1
            if ($0 ~ /deb-src/) hassrc = 1
        }
        if (tolower($0) ~ /^uris:/ && $0 ~ /\/debian/) debian = 1
        if (tolower($0) ~ /^enabled:[ \t]*no/) enabled = 0
    }
    END { flush() }' "$@"
}

# One-line format (sources.list, *.list): "deb [opts] URI suite comps" for a
# Debian archive becomes "deb-src ...", unless that deb-src line exists already.
deb_src_from_oneline() {
    awk '
    /^[ \t]*deb-src[ \t]/ { sub(/^[ \t]*deb-src/, "deb"); seen[$0] = 1; next }
    /^[ \t]*deb[ \t]/ && /\/debian/ { sub(/^[ \t]*/, ""); want[++n] = $0 }
    END { for (i = 1; i <= n; i++) if (!(want[i] in seen)) { l = want[i]; sub(/^deb/, "deb-src", l); print l } }' "$@"
}

enable_deb_src() {
    if have_deb_src; then
        say "deb-src entries: present"
        return 0
    fi
    as_root "enabling deb-src entries"
    changed=0
    files=""
    for f in /etc/apt/sources.list.d/*.sources; do
        [ -f "$f" ] && [ "$f" != "$SRC_LIST.sources" ] && files="$files $f"
    done
    if [ -n "$files" ]; then
        # shellcheck disable=SC2086
        deb_src_from_deb822 $files >"$SRC_LIST.sources.new"
        if [ -s "$SRC_LIST.sources.new" ]; then
            mv "$SRC_LIST.sources.new" "$SRC_LIST.sources"; changed=1
        else rm -f "$SRC_LIST.sources.new"; fi
    fi
    files=""
    [ -f /etc/apt/sources.list ] && files=/etc/apt/sources.list
    for f in /etc/apt/sources.list.d/*.list; do
        [ -f "$f" ] && [ "$f" != "$SRC_LIST.list" ] && files="$files $f"
    done
    if [ -n "$files" ]; then
        # shellcheck disable=SC2086
        deb_src_from_oneline $files >"$SRC_LIST.list.new"
        if [ -s "$SRC_LIST.list.new" ]; then
            mv "$SRC_LIST.list.new" "$SRC_LIST.list"; changed=1
        else rm -f "$SRC_LIST.list.new"; fi
    fi
    [ "$changed" = 1 ] || say "no Debian 'deb' entry found to derive deb-src from"
    say "deb-src entries: written to $SRC_LIST.*; apt-get update"
    apt-get update -qq || die "apt-get update failed"
    have_deb_src || die "apt-get source still finds no deb-src entry (add one for your Debian mirror)"
}

# --- 2. build tools -----------------------------------------------------------

install_tools() {
    missing=""
    for p in build-essential dpkg-dev perl musl-tools xz-utils linux-libc-dev; do
        dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing="$missing $p"
    done
    if [ -z "$missing" ]; then
        say "build tools: present"
        return 0
    fi
    as_root "installing$missing"
    say "installing:$missing"
    # shellcheck disable=SC2086
    apt-get install -y -qq --no-install-recommends $missing >/dev/null || {
        apt-get update -qq && apt-get install -y -qq --no-install-recommends $missing >/dev/null
    } || die "apt-get install$missing failed"
}

# --- 3. sources -----------------------------------------------------------------

# Directory of the unpacked source package $1 (e.g. build/static/src/curl-7.88.1).
srcdir_of() {
    for d in "$SRCDIR/$1"-[0-9]*; do
        [ -d "$d" ] && { echo "$d"; return 0; }
    done
    return 1
}

# Source versions of package $1 that the deb-src entries offer, newest first.
source_versions() {
    list=$(apt-cache showsrc "$1" 2>/dev/null | awk -v p="$1" '/^Package:/ { pk = $2 } /^Version:/ && pk == p { print $2 }' | sort -u)
    while [ -n "$list" ]; do
        best=""
        for v in $list; do
            if [ -z "$best" ] || dpkg --compare-versions "$v" gt "$best"; then best=$v; fi
        done
        echo "$best"
        list=$(for v in $list; do [ "$v" = "$best" ] || echo "$v"; done)
    done
}

# apt-get source, newest version first; an older one when a mirror lacks a
# file of the newest (seen: a .dsc of the security archive missing).
fetch_sources() {
    mkdir -p "$SRCDIR"
    for p in $PACKAGES; do
        if d=$(srcdir_of "$p"); then
            say "source $p: ${d#"$ROOT"/}"
            continue
        fi
        : >"$LOGS/fetch-$p.log"
        for v in $(source_versions "$p"); do
            say "apt-get source $p=$v"
            rm -f "$SRCDIR/${p}_"*
            if (cd "$SRCDIR" && apt-get source -q -o APT::Sandbox::User=root "$p=$v") >>"$LOGS/fetch-$p.log" 2>&1; then
                break
            fi
            say "  $p=$v could not be fetched (see ${LOGS#"$ROOT"/}/fetch-$p.log); trying an older version"
        done
        srcdir_of "$p" >/dev/null || { tail -n 20 "$LOGS/fetch-$p.log" >&2; die "apt-get source $p failed"; }
    done
}

# --- 4. static libraries --------------------------------------------------------

# Headers of the Linux kernel API for musl-gcc (its include path has none).
KINC=$B/kernel-include
kernel_headers() {
    mkdir -p "$KINC"
    multi=$(gcc -print-multiarch 2>/dev/null || true)
    for h in linux asm-generic mtd; do
        [ -e "$KINC/$h" ] || [ ! -d "/usr/include/$h" ] || ln -s "/usr/include/$h" "$KINC/$h"
    done
    if [ ! -e "$KINC/asm" ]; then
        if [ -n "$multi" ] && [ -d "/usr/include/$multi/asm" ]; then
            ln -s "/usr/include/$multi/asm" "$KINC/asm"
        elif [ -d /usr/include/asm ]; then
            ln -s /usr/include/asm "$KINC/asm"
        fi
    fi
}

CC_MUSL=musl-gcc
LIB_CFLAGS="-O2 -ffunction-sections -fdata-sections -fPIE -idirafter $KINC"

# up_to_date NAME FLAGS LIB...: the libraries exist and were built with FLAGS.
up_to_date() {
    name=$1 flags=$2
    shift 2
    for l in "$@"; do [ -f "$PREFIX/lib/$l" ] || return 1; done
    [ -f "$PREFIX/.stamp-$name" ] && [ "$(cat "$PREFIX/.stamp-$name")" = "$flags" ]
}

# fresh_tree NAME: a clean copy of the unpacked source to build in.
fresh_tree() {
    rm -rf "${WORK:?}/$1"
    mkdir -p "$WORK"
    cp -a "$(srcdir_of "$1")" "$WORK/$1"
    : >"$LOGS/$1.log"
}

OPENSSL_FLAGS="no-shared no-module no-dso no-engine no-legacy no-tests no-async no-comp
 no-ssl3 no-dtls no-srp no-srtp no-sctp no-ui-console no-nextprotoneg"

build_openssl() {
    flags="$OPENSSL_FLAGS CFLAGS=$LIB_CFLAGS"
    if up_to_date openssl "$flags" libssl.a libcrypto.a; then say "openssl: cached"; return 0; fi
    phase_start "openssl ($(basename "$(srcdir_of openssl)"))"
    fresh_tree openssl
    cd "$WORK/openssl"
    # shellcheck disable=SC2086
    logged openssl env CC="$CC_MUSL" CFLAGS="$LIB_CFLAGS" ./config --prefix="$PREFIX" --libdir=lib \
        --openssldir=/usr/local/ssl $OPENSSL_FLAGS
    logged openssl make -j"$JOBS" build_libs
    logged openssl make install_dev
    cd "$ROOT"
    echo "$flags" >"$PREFIX/.stamp-openssl"
    phase_end openssl
}

CARES_FLAGS="--disable-shared --enable-static --disable-tests --disable-debug"

build_cares() {
    flags="$CARES_FLAGS CFLAGS=$LIB_CFLAGS"
    if up_to_date c-ares "$flags" libcares.a; then say "c-ares: cached"; return 0; fi
    phase_start "c-ares ($(basename "$(srcdir_of c-ares)"))"
    fresh_tree c-ares
    cd "$WORK/c-ares"
    # shellcheck disable=SC2086
    logged c-ares ./configure CC="$CC_MUSL" CFLAGS="$LIB_CFLAGS" --prefix="$PREFIX" --libdir="$PREFIX/lib" $CARES_FLAGS
    logged c-ares make -j"$JOBS" -C src/lib
    logged c-ares make -C src/lib install
    logged c-ares make -C include install
    logged c-ares make install-pkgconfigDATA
    cd "$ROOT"
    echo "$flags" >"$PREFIX/.stamp-c-ares"
    phase_end c-ares
}

# Everything that is not HTTP, HTTPS over OpenSSL, unix sockets, proxies and
# c-ares is left out. Verbose strings stay: the tool reports curl's error texts.
CURL_FLAGS="--disable-shared --enable-static --with-openssl=$PREFIX --enable-ares=$PREFIX
 --with-ca-bundle=$CA_BUNDLE --with-ca-path=$CA_PATH --disable-openssl-auto-load-config
 --enable-http --enable-proxy --enable-unix-sockets --enable-ipv6
 --disable-ftp --disable-file --disable-ldap --disable-ldaps --disable-rtsp --disable-dict
 --disable-telnet --disable-tftp --disable-pop3 --disable-imap --disable-smtp --disable-gopher
 --disable-mqtt --disable-smb --disable-manual --disable-ntlm --disable-ntlm-wb
 --disable-tls-srp --disable-cookies --disable-alt-svc --disable-hsts --disable-netrc
 --disable-dateparse --disable-progress-meter --disable-doh --disable-mime --disable-libcurl-option
 --disable-versioned-symbols --disable-threaded-resolver --disable-sspi
 --without-zlib --without-brotli --without-zstd --without-libpsl --without-libidn2
 --without-librtmp --without-libssh2 --without-libssh --without-wolfssh --without-nghttp2
 --without-nghttp3 --without-ngtcp2 --without-quiche --without-msh3 --without-hyper
 --without-libgsasl --without-gssapi --without-winidn"

build_curl() {
    flags="$CURL_FLAGS CFLAGS=$LIB_CFLAGS"
    if up_to_date curl "$flags" libcurl.a; then say "curl: cached"; return 0; fi
    phase_start "curl ($(basename "$(srcdir_of curl)"))"
    fresh_tree curl
    cd "$WORK/curl"
    # shellcheck disable=SC2086
    logged curl ./configure CC="$CC_MUSL" CFLAGS="$LIB_CFLAGS" CPPFLAGS="-I$PREFIX/include" \
        LDFLAGS="-L$PREFIX/lib" LIBS="-lssl -lcrypto" PKG_CONFIG_LIBDIR="$PREFIX/lib/pkgconfig" \
        --prefix="$PREFIX" --libdir="$PREFIX/lib" $CURL_FLAGS
    logged curl make -j"$JOBS" -C lib
    logged curl make -C lib install
    logged curl make -C include install
    logged curl make install-pkgconfigDATA
    cd "$ROOT"
    echo "$flags" >"$PREFIX/.stamp-curl"
    phase_end curl
}

build_cjson() {
    flags="cJSON.c CFLAGS=$LIB_CFLAGS"
    if up_to_date cjson "$flags" libcjson.a; then say "cjson: cached"; return 0; fi
    phase_start "cjson ($(basename "$(srcdir_of cjson)"))"
    fresh_tree cjson
    cd "$WORK/cjson"
    # shellcheck disable=SC2086
    logged cjson $CC_MUSL $LIB_CFLAGS -std=c89 -c -o cJSON.o cJSON.c
    logged cjson ar rcs libcjson.a cJSON.o
    mkdir -p "$PREFIX/lib" "$PREFIX/include/cjson"
    cp libcjson.a "$PREFIX/lib/"
    cp cJSON.h "$PREFIX/include/cjson/"
    cd "$ROOT"
    echo "$flags" >"$PREFIX/.stamp-cjson"
    phase_end cjson
}

build_zlib() {
    flags="--static CFLAGS=$LIB_CFLAGS"
    if up_to_date zlib "$flags" libz.a; then say "zlib: cached"; return 0; fi
    phase_start "zlib ($(basename "$(srcdir_of zlib)"))"
    fresh_tree zlib
    cd "$WORK/zlib"
    logged zlib env CC="$CC_MUSL" CFLAGS="$LIB_CFLAGS" ./configure --static --prefix="$PREFIX" --libdir="$PREFIX/lib"
    logged zlib make -j"$JOBS" libz.a
    logged zlib make install
    cd "$ROOT"
    echo "$flags" >"$PREFIX/.stamp-zlib"
    phase_end zlib
}

# The tool only writes .tar.gz (pax) bundles: no readers' codecs, no crypto, no
# ACLs/xattrs, no command-line programs. --disable-maintainer-mode: Debian's
# patches touch Makefile.am (tests only), which must not re-run automake.
ARCHIVE_FLAGS="--disable-shared --enable-static --disable-maintainer-mode --disable-bsdtar
 --disable-bsdcat --disable-bsdcpio --disable-acl --disable-xattr --disable-posix-regex-lib
 --with-zlib --without-bz2lib --without-libb2 --without-iconv --without-lz4 --without-zstd
 --without-lzma --without-lzo2 --without-cng --without-mbedtls --without-nettle --without-openssl
 --without-xml2 --without-expat"

build_libarchive() {
    flags="$ARCHIVE_FLAGS CFLAGS=$LIB_CFLAGS"
    if up_to_date libarchive "$flags" libarchive.a; then say "libarchive: cached"; return 0; fi
    phase_start "libarchive ($(basename "$(srcdir_of libarchive)"))"
    fresh_tree libarchive
    cd "$WORK/libarchive"
    # shellcheck disable=SC2086
    logged libarchive ./configure CC="$CC_MUSL" CFLAGS="$LIB_CFLAGS" CPPFLAGS="-I$PREFIX/include" \
        LDFLAGS="-L$PREFIX/lib" --prefix="$PREFIX" --libdir="$PREFIX/lib" $ARCHIVE_FLAGS
    logged libarchive make -j"$JOBS" libarchive.la
    logged libarchive make install-libLTLIBRARIES install-includeHEADERS install-pkgconfigDATA
    cd "$ROOT"
    echo "$flags" >"$PREFIX/.stamp-libarchive"
    phase_end libarchive
}

# --- 5. the tool ----------------------------------------------------------------

build_tool() {
    phase_start "ollama-doctor $VERSION (static)"
    obj=$B/obj
    rm -rf "$obj"
    mkdir -p "$obj" "$B/gen"
    # Same rule set as the dynamic build (Makefile: $(sort $(wildcard rules/*.json))).
    (cd "$ROOT" && sh tools/embed-rules.sh $(ls rules/*.json | sort)) >"$B/gen/rules_builtin.c"
    cflags="-std=c11 -Wall -Wextra -O2 -ffunction-sections -fdata-sections -D_GNU_SOURCE -DOD_VERSION=\"$VERSION\" -I$ROOT/src -I$PREFIX/include"
    : >"$LOGS/tool.log"
    export CC_MUSL cflags obj ROOT
    # Compile in parallel; each file's warnings go to the log and to stderr.
    # shellcheck disable=SC2016
    { ls "$ROOT"/src/*.c; echo "$B/gen/rules_builtin.c"; } | xargs -P "$JOBS" -I{} sh -c \
        'f={}; o=$obj/$(basename "$f" .c).o; $CC_MUSL $cflags -c -o "$o" "$f"' 2>>"$LOGS/tool.log" \
        || { cat "$LOGS/tool.log" >&2; die "compiling the tool failed"; }
    [ -s "$LOGS/tool.log" ] && cat "$LOGS/tool.log" >&2
    logged tool $CC_MUSL -static -O2 -Wl,--gc-sections -o "$OUT.tmp" "$obj"/*.o \
        -L"$PREFIX/lib" -larchive -lz -lcurl -lcares -lssl -lcrypto -lcjson
    strip "$OUT.tmp"
    mv "$OUT.tmp" "$OUT"
    phase_end "ollama-doctor"
}

main() {
    mkdir -p "$B" "$LOGS" "$PREFIX"
    # One build at a time (a test may run `make static` while a developer does):
    # a second run waits, then finds the libraries cached.
    if command -v flock >/dev/null 2>&1; then
        exec 9>"$B/.lock"
        flock -n 9 || { say "another static build is running; waiting for it"; flock 9; }
    fi
    phase_start "prepare (deb-src, build tools, sources)"
    need_src=0
    for p in $PACKAGES; do srcdir_of "$p" >/dev/null || need_src=1; done
    [ "$need_src" = 0 ] || enable_deb_src
    install_tools
    fetch_sources
    kernel_headers
    phase_end prepare
    build_openssl
    build_cares
    build_curl
    build_cjson
    build_zlib
    build_libarchive
    [ "${KEEP_WORK:-0}" = 1 ] || rm -rf "$WORK"
    build_tool
    size=$(wc -c <"$OUT")
    say "built ${OUT#"$ROOT"/}: $size bytes ($((size / 1024)) KiB) in $(($(date +%s) - T_ALL)) s"
}

main "$@"

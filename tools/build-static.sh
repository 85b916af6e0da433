#!/bin/sh
# Build a fully static ollama-doctor (musl libc) for linux/amd64 or linux/arm64
# from Debian's source packages and toolchains:
#
#   make static                  -> build/ollama-doctor-static        (this machine's architecture)
#   make static ARCH=arm64       -> build/ollama-doctor-static-arm64  (cross-built on amd64)
#   sh tools/build-static.sh [amd64|arm64]
#   sh tools/build-static.sh pins    the versions the deb-src entries offer, with checksums
#
# Reproducible inputs: OpenSSL, c-ares, curl, cJSON, zlib, libarchive (and musl
# for a cross build) come from the Debian source packages pinned, version and
# sha256, in tools/static-sources.txt; a pinned file that cannot be fetched or
# does not match is an error, never a silent fallback to another version. The
# toolchain is Debian's: musl-tools for the native build; gcc-<triple> (e.g.
# gcc-aarch64-linux-gnu) plus musl built from the pinned source for a cross
# build. Each library is built with only the features the tool uses (HTTP,
# HTTPS, unix sockets, proxies, c-ares DNS; libarchive writes pax + gzip).
# The tool itself is compiled by the Makefile's own rules (same warnings,
# -Werror included) with CC, CFLAGS, LDFLAGS and pkg-config pointed at these
# libraries. What went in is recorded in the binary: `--version` prints it.
#
# Needs root the first time (apt-get: deb-src entries, build tools); after that
# everything is cached under build/static/ (git-ignored): src/ the downloaded
# and unpacked sources (shared), <arch>/prefix the static libraries,
# <arch>/logs one log per step, <arch>/tool the tool's objects. A library whose
# .a was installed with the same flags is not built again.
#
# Environment: VERSION (tool version, default from the Makefile), JOBS (make -j,
# default 2), KEEP_WORK=1 keeps the library build trees, STATIC_PINS (another
# pins file).
set -eu

ROOT=$(cd "$(dirname "$0")/.." && pwd)
B=$ROOT/build/static
SRCDIR=$B/src
DL=$SRCDIR/dl
PINS=${STATIC_PINS:-$ROOT/tools/static-sources.txt}
JOBS=${JOBS:-2}
VERSION=${VERSION:-$(sed -n 's/^VERSION[ 	]*:=[ 	]*//p' "$ROOT/Makefile")}
CA_BUNDLE=/etc/ssl/certs/ca-certificates.crt
CA_PATH=/etc/ssl/certs
SRC_LIST=/etc/apt/sources.list.d/ollama-doctor-deb-src
LIBS="openssl c-ares curl cjson zlib libarchive"
export LC_ALL=C DEBIAN_FRONTEND=noninteractive
# `make static ARCH=arm64` passes ARCH=arm64 down in MAKEFLAGS, which would
# override ARCH inside the libraries' own makefiles (musl's among them).
unset MAKEFLAGS MFLAGS MAKELEVEL MAKEOVERRIDES

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

# --- 0. the architecture --------------------------------------------------------

NATIVE=$(dpkg --print-architecture 2>/dev/null || echo amd64)

# arch_setup ARCH: the GNU triple, OpenSSL's target, and the compilers.
arch_setup() {
    ARCH=$1
    case $ARCH in
    amd64) TRIPLE=x86_64-linux-gnu OSSL_TARGET=linux-x86_64 ;;
    arm64) TRIPLE=aarch64-linux-gnu OSSL_TARGET=linux-aarch64 ;;
    *) die "ARCH=$ARCH: only amd64 and arm64 are supported" ;;
    esac
    A=$B/$ARCH
    PREFIX=$A/prefix
    WORK=$A/work
    LOGS=$A/logs
    KINC=$A/kernel-include
    if [ "$ARCH" = "$NATIVE" ]; then
        CROSS=0
        OUT=$ROOT/build/ollama-doctor-static
        CC_MUSL=musl-gcc
        REAL_CC=gcc
        STRIP="strip"
        AR=ar RANLIB=ranlib
        HOST_FLAG=""
        TOOLS="build-essential dpkg-dev perl musl-tools xz-utils linux-libc-dev"
    else
        CROSS=1
        OUT=$ROOT/build/ollama-doctor-static-$ARCH
        CC_MUSL=$A/musl/bin/musl-gcc  # built below from the pinned musl source
        REAL_CC=$TRIPLE-gcc
        STRIP=$TRIPLE-strip
        AR=$TRIPLE-ar RANLIB=$TRIPLE-ranlib
        HOST_FLAG="--host=$TRIPLE"
        TOOLS="build-essential dpkg-dev perl xz-utils gcc-$TRIPLE binutils-$TRIPLE linux-libc-dev-$ARCH-cross"
        LIBS="musl $LIBS"
    fi
    LIB_CFLAGS="-O2 -ffunction-sections -fdata-sections -fPIE -idirafter $KINC"
}

# --- 1. pins --------------------------------------------------------------------

# pin_version PACKAGE / pin_files PACKAGE ("file sha256" lines)
pin_version() {
    awk -v p="$1" '$1 == p && !/^#/ { print $2; exit }' "$PINS"
}
pin_files() {
    awk -v p="$1" '$1 == p && !/^#/ { print $3, $4 }' "$PINS"
}

# The unpacked source of PACKAGE at its pinned version (no epoch in the name).
srcdir_of() {
    v=$(pin_version "$1")
    echo "$SRCDIR/$1-${v#*:}"
}

sha_of() { sha256sum "$1" | cut -d' ' -f1; }

# 0 when every pinned file of PACKAGE is downloaded and matches.
pins_ok() {
    pin_files "$1" | while read -r f sum; do
        [ -f "$DL/$f" ] && [ "$(sha_of "$DL/$f")" = "$sum" ] || exit 1
    done
}

# Source versions of PACKAGE that the deb-src entries offer, newest first.
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

# `pins`: what the deb-src entries offer now, in the pins file's format.
print_pins() {
    for p in openssl c-ares curl cjson zlib libarchive musl; do
        for v in $(source_versions "$p"); do
            apt-cache showsrc "$p" | awk -v p="$p" -v v="$v" '
                /^Package:/ { pk = $2 } /^Version:/ { ver = $2 }
                /^Checksums-Sha256:/ { in_sums = 1; next } /^[^ ]/ { in_sums = 0 }
                in_sums && pk == p && ver == v && $3 !~ /\.asc$/ { printf "%-11s %-20s %-44s %s\n", p, v, $3, $1 }' | sort -u
        done
    done
}

# --- 2. deb-src entries -------------------------------------------------------

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

# --- 3. build tools -----------------------------------------------------------

install_tools() {
    missing=""
    for p in $TOOLS; do
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

# --- 4. sources: fetch the pinned files, check them, unpack ---------------------

fetch_one() {
    p=$1
    v=$(pin_version "$p")
    [ -n "$v" ] || die "$p has no pin in ${PINS#"$ROOT"/}"
    dir=$(srcdir_of "$p")
    if [ -f "$dir/.pinned" ] && pins_ok "$p"; then
        say "source $p $v: cached"
        return 0
    fi
    if ! pins_ok "$p"; then
        [ "$DEB_SRC_OK" = 1 ] || { enable_deb_src; DEB_SRC_OK=1; }
        say "apt-get source --download-only $p=$v"
        : >"$B/fetch-$p.log"
        if ! (cd "$DL" && apt-get source --download-only -q -o APT::Sandbox::User=root "$p=$v") >>"$B/fetch-$p.log" 2>&1; then
            tail -n 6 "$B/fetch-$p.log" >&2
            offered=$(source_versions "$p" | tr '\n' ' ' | sed 's/ $//')
            die "the pinned source $p $v cannot be fetched from your deb-src entries (they offer: ${offered:-nothing}).
    No other version is used in its place. Either add a deb-src entry that still has $v
    (e.g. deb-src http://snapshot.debian.org/archive/debian/<date>/ bookworm main), or pin an
    offered version: 'sh tools/build-static.sh pins' prints them with their sha256 for ${PINS#"$ROOT"/}."
        fi
    fi
    pin_files "$p" | while read -r f sum; do
        [ -f "$DL/$f" ] || die "$p $v: apt-get source did not produce $f (pinned in ${PINS#"$ROOT"/})"
        got=$(sha_of "$DL/$f")
        [ "$got" = "$sum" ] || die "$p $v: $f has sha256 $got, the pin says $sum; refusing to build from it"
    done
    dsc=$(pin_files "$p" | awk '$1 ~ /\.dsc$/ { print $1 }')
    rm -rf "$dir"
    logged "unpack-$p" dpkg-source --require-strong-checksums -x "$DL/$dsc" "$dir"
    touch "$dir/.pinned"
    say "source $p $v: verified (sha256 of $(pin_files "$p" | wc -l) files) and unpacked"
}

DEB_SRC_OK=0
fetch_sources() {
    mkdir -p "$DL"
    for p in $LIBS; do fetch_one "$p"; done
}

# --- 5. static libraries --------------------------------------------------------

# Headers of the Linux kernel API for musl-gcc (its include path has none).
kernel_headers() {
    mkdir -p "$KINC"
    if [ "$CROSS" = 1 ]; then
        kdir=/usr/$TRIPLE/include
        [ -d "$kdir/linux" ] || die "no kernel headers in $kdir (package linux-libc-dev-$ARCH-cross)"
        for h in linux asm asm-generic mtd; do
            [ -e "$KINC/$h" ] || [ ! -d "$kdir/$h" ] || ln -s "$kdir/$h" "$KINC/$h"
        done
        return 0
    fi
    for h in linux asm-generic mtd; do
        [ -e "$KINC/$h" ] || [ ! -d "/usr/include/$h" ] || ln -s "/usr/include/$h" "$KINC/$h"
    done
    if [ ! -e "$KINC/asm" ]; then
        if [ -d "/usr/include/$TRIPLE/asm" ]; then
            ln -s "/usr/include/$TRIPLE/asm" "$KINC/asm"
        elif [ -d /usr/include/asm ]; then
            ln -s /usr/include/asm "$KINC/asm"
        fi
    fi
}

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

# A cross build's C library: musl from its pinned source with the cross gcc.
# Installs lib/ (crt, libc.a, musl-gcc.specs), include/ and the musl-gcc wrapper.
build_musl() {
    [ "$CROSS" = 1 ] || return 0
    flags="musl $(pin_version musl) --target=$TRIPLE CC=$REAL_CC --disable-shared"
    if [ -x "$CC_MUSL" ] && [ -f "$A/musl/.stamp" ] && [ "$(cat "$A/musl/.stamp")" = "$flags" ]; then
        say "musl: cached"
        return 0
    fi
    phase_start "musl $(pin_version musl) for $ARCH"
    fresh_tree musl
    rm -rf "$A/musl"
    cd "$WORK/musl"
    # --disable-shared: no dynamic loader, so nothing is installed outside $A/musl
    logged musl ./configure --target="$TRIPLE" CROSS_COMPILE="$TRIPLE-" CC="$REAL_CC" --prefix="$A/musl" \
        --syslibdir="$A/musl/lib" --disable-shared --enable-wrapper=gcc
    logged musl make -j"$JOBS"
    logged musl make install
    cd "$ROOT"
    [ -x "$CC_MUSL" ] || die "musl did not install its gcc wrapper ($CC_MUSL)"
    echo "$flags" >"$A/musl/.stamp"
    phase_end musl
}

OPENSSL_FLAGS="no-shared no-module no-dso no-engine no-legacy no-tests no-async no-comp
 no-ssl3 no-dtls no-srp no-srtp no-sctp no-ui-console no-nextprotoneg
 no-cms no-cmp no-ts no-ct no-ocsp no-rfc3779 no-idea no-mdc2 no-rc2 no-rc4 no-rc5 no-md4
 no-whirlpool no-seed no-camellia no-aria no-sm2 no-sm3 no-sm4 no-bf no-cast no-ec2m no-scrypt"

build_openssl() {
    flags="$OSSL_TARGET $OPENSSL_FLAGS CC=$CC_MUSL CFLAGS=$LIB_CFLAGS"
    if up_to_date openssl "$flags" libssl.a libcrypto.a; then say "openssl: cached"; return 0; fi
    phase_start "openssl $(pin_version openssl)"
    fresh_tree openssl
    cd "$WORK/openssl"
    # shellcheck disable=SC2086
    logged openssl env CC="$CC_MUSL" AR="$AR" RANLIB="$RANLIB" CFLAGS="$LIB_CFLAGS" ./Configure "$OSSL_TARGET" \
        --prefix="$PREFIX" --libdir=lib --openssldir=/usr/local/ssl $OPENSSL_FLAGS
    logged openssl make -j"$JOBS" build_libs
    logged openssl make install_dev
    cd "$ROOT"
    echo "$flags" >"$PREFIX/.stamp-openssl"
    phase_end openssl
}

CARES_FLAGS="--disable-shared --enable-static --disable-tests --disable-debug"

build_cares() {
    flags="$CARES_FLAGS $HOST_FLAG CC=$CC_MUSL CFLAGS=$LIB_CFLAGS"
    if up_to_date c-ares "$flags" libcares.a; then say "c-ares: cached"; return 0; fi
    phase_start "c-ares $(pin_version c-ares)"
    fresh_tree c-ares
    cd "$WORK/c-ares"
    # shellcheck disable=SC2086
    logged c-ares ./configure $HOST_FLAG CC="$CC_MUSL" AR="$AR" RANLIB="$RANLIB" CFLAGS="$LIB_CFLAGS" \
        --prefix="$PREFIX" --libdir="$PREFIX/lib" $CARES_FLAGS
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
curl_flags() {
    echo "--disable-shared --enable-static --with-openssl=$PREFIX --enable-ares=$PREFIX
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
}

build_curl() {
    cflags=$(curl_flags)
    flags="$cflags $HOST_FLAG CC=$CC_MUSL CFLAGS=$LIB_CFLAGS"
    if up_to_date curl "$flags" libcurl.a; then say "curl: cached"; return 0; fi
    phase_start "curl $(pin_version curl)"
    fresh_tree curl
    cd "$WORK/curl"
    # shellcheck disable=SC2086
    logged curl ./configure $HOST_FLAG CC="$CC_MUSL" AR="$AR" RANLIB="$RANLIB" CFLAGS="$LIB_CFLAGS" \
        CPPFLAGS="-I$PREFIX/include" LDFLAGS="-L$PREFIX/lib" LIBS="-lssl -lcrypto" \
        PKG_CONFIG_LIBDIR="$PREFIX/lib/pkgconfig" --prefix="$PREFIX" --libdir="$PREFIX/lib" $cflags
    logged curl make -j"$JOBS" -C lib
    logged curl make -C lib install
    logged curl make -C include install
    logged curl make install-pkgconfigDATA
    cd "$ROOT"
    echo "$flags" >"$PREFIX/.stamp-curl"
    phase_end curl
}

build_cjson() {
    flags="cJSON.c CC=$CC_MUSL CFLAGS=$LIB_CFLAGS"
    if up_to_date cjson "$flags" libcjson.a; then say "cjson: cached"; return 0; fi
    phase_start "cjson $(pin_version cjson)"
    fresh_tree cjson
    cd "$WORK/cjson"
    # shellcheck disable=SC2086
    logged cjson $CC_MUSL $LIB_CFLAGS -std=c89 -c -o cJSON.o cJSON.c
    logged cjson "$AR" rcs libcjson.a cJSON.o
    mkdir -p "$PREFIX/lib/pkgconfig" "$PREFIX/include/cjson"
    cp libcjson.a "$PREFIX/lib/"
    cp cJSON.h "$PREFIX/include/cjson/"
    ver=$(pin_version cjson)
    # the Makefile finds every library through pkg-config
    printf 'prefix=%s\nlibdir=${prefix}/lib\nincludedir=${prefix}/include\n\nName: libcjson\nDescription: cJSON (static, tools/build-static.sh)\nVersion: %s\nLibs: -L${libdir} -lcjson\nCflags: -I${includedir}\n' \
        "$PREFIX" "${ver%%-*}" >"$PREFIX/lib/pkgconfig/libcjson.pc"
    cd "$ROOT"
    echo "$flags" >"$PREFIX/.stamp-cjson"
    phase_end cjson
}

build_zlib() {
    flags="--static CC=$CC_MUSL CFLAGS=$LIB_CFLAGS"
    if up_to_date zlib "$flags" libz.a; then say "zlib: cached"; return 0; fi
    phase_start "zlib $(pin_version zlib)"
    fresh_tree zlib
    cd "$WORK/zlib"
    logged zlib env CC="$CC_MUSL" AR="$AR" RANLIB="$RANLIB" CFLAGS="$LIB_CFLAGS" ./configure --static \
        --prefix="$PREFIX" --libdir="$PREFIX/lib"
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
    flags="$ARCHIVE_FLAGS $HOST_FLAG CC=$CC_MUSL CFLAGS=$LIB_CFLAGS"
    if up_to_date libarchive "$flags" libarchive.a; then say "libarchive: cached"; return 0; fi
    phase_start "libarchive $(pin_version libarchive)"
    fresh_tree libarchive
    cd "$WORK/libarchive"
    # shellcheck disable=SC2086
    logged libarchive ./configure $HOST_FLAG CC="$CC_MUSL" AR="$AR" RANLIB="$RANLIB" CFLAGS="$LIB_CFLAGS" \
        CPPFLAGS="-I$PREFIX/include" LDFLAGS="-L$PREFIX/lib" --prefix="$PREFIX" --libdir="$PREFIX/lib" $ARCHIVE_FLAGS
    logged libarchive make -j"$JOBS" libarchive.la
    logged libarchive make install-libLTLIBRARIES install-includeHEADERS install-pkgconfigDATA
    cd "$ROOT"
    echo "$flags" >"$PREFIX/.stamp-libarchive"
    phase_end libarchive
}

# --- 6. the tool: the Makefile's own rules ----------------------------------------

build_info() {
    if [ "$CROSS" = 1 ]; then
        libc="musl $(pin_version musl) (from source)"
        cc="$TRIPLE-gcc $($REAL_CC -dumpfullversion)"
    else
        libc="musl $(dpkg-query -W -f='${Version}' musl-dev 2>/dev/null || echo '?') (musl-tools)"
        cc="gcc $($REAL_CC -dumpfullversion)"
    fi
    srcs=""
    for p in openssl c-ares curl cjson zlib libarchive; do srcs="$srcs${srcs:+, }$p $(pin_version "$p")"; done
    echo "linux/$ARCH, $libc, $cc; Debian sources: $srcs"
}

build_tool() {
    phase_start "ollama-doctor $VERSION (static, $ARCH) through the Makefile"
    : >"$LOGS/tool.log"
    # Every object goes through the same rules (and -Werror) as the dynamic build.
    if ! PKG_CONFIG_LIBDIR=$PREFIX/lib/pkgconfig PKG_CONFIG_PATH='' make -C "$ROOT" --no-print-directory \
        -j"$JOBS" VERSION="$VERSION" BUILD="$A/tool" CC="$CC_MUSL" \
        CFLAGS="-O2 -ffunction-sections -fdata-sections" LDFLAGS="-static -Wl,--gc-sections" \
        PKG_STATIC=--static OD_BUILD_INFO="$(build_info)" BUILD_LINT="$([ "$ARCH" = "$NATIVE" ] && echo 1)" \
        "$A/tool/ollama-doctor" >>"$LOGS/tool.log" 2>&1; then
        tail -n 40 "$LOGS/tool.log" >&2
        die "building the tool failed (full log: $LOGS/tool.log)"
    fi
    "$STRIP" -o "$OUT.tmp" "$A/tool/ollama-doctor"
    if readelf -l "$OUT.tmp" | grep -q 'INTERP'; then
        rm -f "$OUT.tmp"
        die "the linked binary has a program interpreter: not static"
    fi
    mv "$OUT.tmp" "$OUT"
    phase_end "ollama-doctor"
}

main() {
    if [ "${1:-}" = pins ]; then
        have_deb_src || die "no deb-src entries (a first 'make static' as root adds them)"
        print_pins
        return 0
    fi
    arch_setup "${1:-$NATIVE}"
    [ -f "$PINS" ] || die "no pins file $PINS"
    mkdir -p "$B" "$A" "$LOGS" "$PREFIX"
    # One build at a time (a test may run `make static` while a developer does):
    # a second run waits, then finds the sources and libraries cached.
    if command -v flock >/dev/null 2>&1; then
        exec 9>"$B/.lock"
        flock -n 9 || { say "another static build is running; waiting for it"; flock 9; }
    fi
    phase_start "prepare $ARCH (build tools, pinned sources)"
    install_tools
    fetch_sources
    kernel_headers
    phase_end prepare
    build_musl
    build_openssl
    build_cares
    build_curl
    build_cjson
    build_zlib
    build_libarchive
    [ "${KEEP_WORK:-0}" = 1 ] || rm -rf "$WORK"
    build_tool
    size=$(wc -c <"$OUT")
    say "built ${OUT#"$ROOT"/}: $size bytes ($((size / 1024)) KiB), linux/$ARCH, in $(($(date +%s) - T_ALL)) s"
}

main "$@"

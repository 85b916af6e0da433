# Real-engine harness: a Docker Engine (Debian's docker.io) running inside a
# private network namespace, for end-to-end tests from real containers.
# Source it from tests/scenario/t_docker*.sh, then call docker_up.
#
#   netns $D (the "Docker host"; lo + what dockerd creates, no route out)
#     dockerd + its own containerd, data-root/exec-root under $W
#     docker0 172.17.0.1/16, user-defined bridges 172.18.0.1/16, ...
#     fake DNS on 127.0.0.1:53 (the host's resolv.conf) and 172.17.0.1:53
#       (dockerd --dns), NXDOMAIN for unknown names: no lookup leaves $D
#     the fake Ollama, started by the test with `start NAME "$D" ...`
#
# The docker CLI runs in the root namespace and talks to $W/docker.sock (a
# unix socket, not network traffic); every private address, bridge and
# iptables rule exists only inside $D. dockerd gets --dns 172.17.0.1 (its own
# docker0 address, where the fake DNS answers): with --dns 127.0.0.1 the
# embedded DNS of a user-defined network asks 127.0.0.1 inside the container
# and never answers, so every lookup would time out instead of NXDOMAIN.
# Containers' cgroups go under /od$$/docker (their /proc/1/cgroup still says
# /docker/<id>, like a real engine's), so parallel runs share no cgroup.
# docker_down stops containers, dockerd and containerd by PID and removes
# the namespace, /etc/netns/$D, the cgroups and $W. Recipe: shared/reference/container-engine.md.
#
# Provides (besides lib.sh's ok, finish, jqt, start, stop, rc_is, skip_all):
#   docker_up / docker_down, docker (the CLI with DOCKER_HOST set), in_d,
#   phase NAME (prints "# phase NAME: S s" since the last phase), $D, $W,
#   $DOCKER_SOCK, image od-busybox.

. "$(dirname "$0")/lib.sh"

D=oddk$$
# docker0's address and prefix (dockerd --bip); a test may set another first.
DOCKER_BIP=${DOCKER_BIP:-172.17.0.1/16}
DOCKER0=${DOCKER_BIP%/*}
DOCKER_SOCK=$W/docker.sock
DOCKERD_PID=""
CONTAINERD_PID=""
DOCKER_STORAGE=""
export DOCKER_HOST="unix://$DOCKER_SOCK"
export DOCKER_CONFIG="$W/cli"      # the CLI writes nothing under ~/.docker
# Debian's client (20.10) matches the engine; any newer one negotiates the API.
DOCKER_CLI=${DOCKER_CLI:-/usr/bin/docker}
[ -x "$DOCKER_CLI" ] || DOCKER_CLI=$(command -v docker 2>/dev/null)

docker() { "$DOCKER_CLI" "$@"; }
in_d() { ip netns exec "$D" "$@"; }

_now() { date +%s.%N; }
_PHASE_T=$(_now)
phase() { # phase NAME: time since the previous phase, as a TAP comment
    _t=$(_now)
    echo "# phase $1: $(awk -v a="$_PHASE_T" -v b="$_t" 'BEGIN { printf "%.1f", b - a }') s"
    _PHASE_T=$_t
}

_exists() { [ -e "$1" ] && echo 1 || echo 0; }
_OPT_CONTAINERD=$(_exists /opt/containerd)   # containerd's "opt" plugin creates it
_RUN_NETNS=$(_exists /run/netns)
_RUN_MOUNT=$(_exists /run/mount)
_KEY_JSON=$(_exists /etc/docker/key.json)
# from here on every exit cleans up, a skip included
# shellcheck disable=SC2154
trap '_st=$?; docker_down; exit $_st' EXIT
trap 'exit 130' INT TERM

docker_need() {
    [ "$(id -u)" = 0 ] || skip_all "needs root (a Docker Engine in a network namespace)"
    [ -x /usr/sbin/dockerd ] || command -v dockerd >/dev/null 2>&1 || skip_all "needs dockerd (make test-deps installs docker.io)"
    [ -n "$DOCKER_CLI" ] || skip_all "needs the docker client (docker.io)"
    [ -x /bin/busybox ] || skip_all "needs /bin/busybox (busybox-static)"
    for t in ip iptables python3 jq curl findmnt setsid; do
        command -v "$t" >/dev/null 2>&1 || skip_all "needs $t"
    done
    ip netns add "od-probe-$$" 2>/dev/null || skip_all "cannot create network namespaces here"
    ip netns del "od-probe-$$"
}

# _dockerd_start DRIVER: start dockerd in $D; 0 once /_ping answers OK.
_dockerd_start() {
    drv=$1
    rm -rf "$W/data" "$W/exec" "$W/dockerd.pid"
    # `ip netns exec` gives a private mount ns and remounts /sys, which drops the
    # cgroup mounts: replay them there, and hide /run behind a tmpfs so the shim
    # sockets (/run/containerd/s) and /run/docker stay private. -n: no /run/mount.
    DOCKERD_CMD="/usr/sbin/dockerd --config-file $W/daemon.json --data-root $W/data --exec-root $W/exec --pidfile $W/dockerd.pid -H unix://$DOCKER_SOCK --storage-driver $drv --iptables=true --bip $DOCKER_BIP --dns $DOCKER0 --cgroup-parent /od$$/docker"
    # shellcheck disable=SC2016,SC2086
    setsid ip netns exec "$D" env CGMOUNTS="$(findmnt -rn -t cgroup,cgroup2 -o TARGET,FSTYPE,OPTIONS)" \
        CGROOT_FS="$(findmnt -rn -o FSTYPE /sys/fs/cgroup 2>/dev/null)" /bin/sh -c '
        mount -n -t tmpfs -o mode=755 tmpfs /run || exit 1
        [ "$CGROOT_FS" = tmpfs ] && mount -n -t tmpfs -o mode=755 cgroup_root /sys/fs/cgroup
        echo "$CGMOUNTS" | while read -r tgt fs opts; do
            [ -n "$tgt" ] || continue
            mkdir -p "$tgt"; mount -n -t "$fs" -o "$opts" "$fs" "$tgt"
        done
        exec "$@"' sh $DOCKERD_CMD >"$W/dockerd.log" 2>&1 </dev/null &
    DOCKERD_PID=$!
    i=0
    while [ "$(curl -s -m 1 --unix-socket "$DOCKER_SOCK" http://localhost/_ping 2>/dev/null)" != OK ]; do
        i=$((i + 1))
        if [ $i -gt 200 ] || ! _dockerd_alive; then
            echo "# dockerd ($drv) did not come up: $(tail -n 3 "$W/dockerd.log" | tr '\n' ' ')"
            _dockerd_stop
            return 1
        fi
        sleep 0.1
    done
    [ -s "$W/dockerd.pid" ] && DOCKERD_PID=$(cat "$W/dockerd.pid")
    DOCKER_STORAGE=$drv
}

# (setsid forks only when it is a group leader; the pidfile has the real PID)
_dockerd_alive() {
    kill -0 "$DOCKERD_PID" 2>/dev/null || { [ -s "$W/dockerd.pid" ] && kill -0 "$(cat "$W/dockerd.pid")" 2>/dev/null; }
}

_dockerd_stop() {
    [ -n "$DOCKERD_PID" ] || return 0
    [ -s "$W/dockerd.pid" ] && DOCKERD_PID=$(cat "$W/dockerd.pid")
    # the managed containerd: dockerd ends it on SIGTERM, but keep its PID to be sure
    [ -s "$W/exec/containerd/containerd.pid" ] && CONTAINERD_PID=$(cat "$W/exec/containerd/containerd.pid")
    kill -TERM "$DOCKERD_PID" 2>/dev/null
    i=0
    while kill -0 "$DOCKERD_PID" 2>/dev/null && [ $i -lt 150 ]; do sleep 0.1; i=$((i + 1)); done
    kill -KILL "$DOCKERD_PID" 2>/dev/null
    wait "$DOCKERD_PID" 2>/dev/null
    DOCKERD_PID=""
    if [ -n "$CONTAINERD_PID" ] && kill -0 "$CONTAINERD_PID" 2>/dev/null; then
        kill -TERM "$CONTAINERD_PID" 2>/dev/null; sleep 0.5; kill -KILL "$CONTAINERD_PID" 2>/dev/null
    fi
    CONTAINERD_PID=""
}

docker_up() {
    docker_need
    ip netns add "$D" || skip_all "cannot create netns $D"
    mkdir -p "/etc/netns/$D" "$W/cli"
    printf '127.0.0.1 localhost\n::1 localhost ip6-localhost\n' >"/etc/netns/$D/hosts"
    printf 'nameserver 127.0.0.1\n' >"/etc/netns/$D/resolv.conf"
    in_d ip link set lo up
    # else dockerd 20.10 writes /etc/docker/key.json
    printf '{"deprecated-key-path": "%s/key.json"}\n' "$W" >"$W/daemon.json"
    # A resolver for the host side ($D's resolv.conf says 127.0.0.1).
    start dns "$D" python3 "$FAKE/fake_dns.py" --bind 127.0.0.1 --port 53 --log "$W/dns.log" || skip_all "fake DNS did not start"
    phase netns
    # overlay2, else vfs (OD_DOCKER_STORAGE=vfs tries only vfs)
    for drv in ${OD_DOCKER_STORAGE:-overlay2 vfs}; do _dockerd_start "$drv" && break; done
    [ -n "$DOCKER_STORAGE" ] || skip_all "dockerd did not start in a network namespace (see the log above)"
    phase "dockerd ($DOCKER_STORAGE)"
    echo "# dockerd: $DOCKERD_CMD"
    # ... and the one dockerd hands to containers, on docker0's address. Bound to
    # that address, not 0.0.0.0: a reply must come from the address asked, or the
    # embedded DNS (127.0.0.11) of a user-defined network drops it.
    start dns0 "$D" python3 "$FAKE/fake_dns.py" --bind "$DOCKER0" --port 53 --log "$W/dns.log" || return 1
    # A tiny image: static busybox and a few applets (nothing can be pulled).
    mkdir -p "$W/bb/bin" "$W/bb/tmp" "$W/bb/etc"
    cp /bin/busybox "$W/bb/bin/busybox"
    for a in sh cat sleep nc wget ls grep head echo true id env; do ln -s busybox "$W/bb/bin/$a"; done
    tar -C "$W/bb" -c . | docker import -c 'CMD ["/bin/sh"]' - od-busybox >/dev/null || return 1
    rm -rf "$W/bb"
    phase "image od-busybox"
}

# image od-ollama: busybox httpd answering as Ollama does at / and
# /api/version (enough for the fingerprint), on 0.0.0.0:11434 in its container
docker_ollama_image() {
    mkdir -p "$W/oi/bin" "$W/oi/www/api"
    cp /bin/busybox "$W/oi/bin/busybox"
    ln -s busybox "$W/oi/bin/sh"
    printf 'Ollama is running' >"$W/oi/www/index.html"
    printf '{"version":"0.12.3"}' >"$W/oi/www/api/version"
    tar -C "$W/oi" -c . | docker import -c 'CMD ["/bin/busybox", "httpd", "-f", "-p", "11434", "-h", "/www"]' - od-ollama >/dev/null || return 1
    rm -rf "$W/oi"
}

docker_down() {
    set +e
    if [ -n "$DOCKERD_PID" ] && [ -S "$DOCKER_SOCK" ]; then
        ids=$(docker ps -aq 2>/dev/null)
        # shellcheck disable=SC2086
        [ -n "$ids" ] && docker rm -f $ids >/dev/null 2>&1
    fi
    for p in $PIDS; do kill "$p" 2>/dev/null; done
    _dockerd_stop
    for p in $PIDS; do kill -9 "$p" 2>/dev/null; done
    # anything still in our namespace (a shim, a fake) is ours: by PID
    for p in $(ip netns pids "$D" 2>/dev/null); do
        echo "# leftover in $D: $p $(tr '\0' ' ' <"/proc/$p/cmdline" 2>/dev/null)"
        kill -9 "$p" 2>/dev/null
    done
    # our containers' cgroups sit under /od$$/docker (--cgroup-parent)
    for _ in 1 2 3 4 5 6 7 8 9 10; do
        left=""
        for c in /sys/fs/cgroup/*/od$$/docker /sys/fs/cgroup/od$$/docker /sys/fs/cgroup/*/od$$ /sys/fs/cgroup/od$$; do
            [ -d "$c" ] && { rmdir "$c" 2>/dev/null || left=1; }
        done
        [ -z "$left" ] && break
        sleep 0.2
    done
    ip netns del "$D" 2>/dev/null
    rm -rf "/etc/netns/$D"
    if [ "$_RUN_NETNS" = 0 ] && [ -z "$(ls -A /run/netns 2>/dev/null)" ]; then
        umount -n /run/netns 2>/dev/null; rmdir /run/netns 2>/dev/null
    fi
    [ "$_OPT_CONTAINERD" = 0 ] && rm -rf /opt/containerd
    [ "$_RUN_MOUNT" = 0 ] && rmdir /run/mount 2>/dev/null
    [ "$_KEY_JSON" = 0 ] && rm -f /etc/docker/key.json
    rm -rf "$W"
    return 0
}

# --- the doctor inside containers and on the Docker host -----------------------
STATIC=$ROOT/build/ollama-doctor-static
CTR_OD=""          # how to run the doctor inside a container ("" = not available)
CTR_WHY=""

skip() { # skip DESCRIPTION REASON
    TAPN=$((TAPN + 1))
    echo "ok $TAPN - $1 # SKIP $2"
}
# cok: an in-container check; skipped when there is no binary to copy in
cok() {
    if [ -n "$CTR_OD" ]; then ok "$@"; else skip "$1" "$CTR_WHY"; fi
}
has_id() { jq -e --arg id "$1" '[.findings[].id] | index($id) != null' "$W/out.json"; }
no_id() { jq -e --arg id "$1" '[.findings[].id] | index($id) == null' "$W/out.json"; }
rc_in() { for r in "$@"; do [ "$RC" -eq "$r" ] && return 0; done; return 1; }
# the first line of stderr is the message; no sanitizer report anywhere
say_msg() { echo "# stderr: $(head -n 1 "$W/err.txt")"; }
msg_has() { head -n 1 "$W/err.txt" | grep -q -- "$1" && ! grep -Eq 'AddressSanitizer|runtime error|Segmentation' "$W/err.txt"; }

# docker_ctr_binary: the in-container binary, build/ollama-doctor-static (make
# static: cached libraries, the tool itself rebuilt, so a stale binary is never
# tested). OD_CTR_BUNDLE=1 instead copies the dynamically linked
# build/ollama-doctor with its libraries and loader (ldd): for checking a test
# before a static build exists; not used by default.
docker_ctr_binary() {
if [ "${OD_CTR_BUNDLE:-0}" = 1 ] && [ -x "$ROOT/build/ollama-doctor" ]; then
    CTR_OD=bundle
elif make -C "$ROOT" -n static >/dev/null 2>&1; then
    if timeout "${OD_STATIC_TIMEOUT:-1500}" make -C "$ROOT" static >"$W/make-static.log" 2>&1 && [ -x "$STATIC" ]; then
        CTR_OD=static
    else
        CTR_WHY="make static failed"
        echo "# make static failed: $(tail -n 3 "$W/make-static.log" | tr '\n' ' ')"
        # its libraries may be unobtainable here (a skip), but the tool's own
        # code failing to build with them is a defect (musl's regcomp, say)
        if grep -q "building the tool failed" "$W/make-static.log"; then
            TAPN=$((TAPN + 1))
            echo "not ok $TAPN - the static build of the tool itself (its libraries built)"
            FAILS=$((FAILS + 1))
        fi
    fi
else
    CTR_WHY="no build/ollama-doctor-static and no 'make static' target"
fi
# a program interpreter (PT_INTERP) means dynamically linked: it cannot run in busybox
[ "$CTR_OD" = static ] && readelf -l "$STATIC" 2>/dev/null | grep -q INTERP &&
    { CTR_OD=""; CTR_WHY="build/ollama-doctor-static is dynamically linked"; }
phase "in-container binary (${CTR_OD:-none})"
}


# od_install CONTAINER: copy the doctor into it
od_install() {
    case $CTR_OD in
    static) docker cp "$STATIC" "$1:/bin/ollama-doctor" ;;
    bundle)
        if [ ! -d "$W/bundle" ]; then
            mkdir -p "$W/bundle"
            cp "$ROOT/build/ollama-doctor" "$W/bundle/"
            ldd "$ROOT/build/ollama-doctor" | awk '/=> \// { print $3 } /^\t\/.*ld-linux/ { print $1 }' |
                while read -r l; do cp -L "$l" "$W/bundle/"; done
        fi
        docker cp "$W/bundle" "$1:/od"
        ;;
    esac
}
# doctor_in CONTAINER ARGS...: run inside the container; out.json, err.txt, RC
doctor_in() {
    c=$1; shift
    case $CTR_OD in
    static) docker exec "$c" /bin/ollama-doctor "$@" >"$W/out.json" 2>"$W/err.txt" ;;
    bundle) docker exec "$c" /od/ld-linux-x86-64.so.2 --library-path /od /od/ollama-doctor "$@" >"$W/out.json" 2>"$W/err.txt" ;;
    *) : >"$W/out.json"; : >"$W/err.txt"; RC=99; return ;;
    esac
    RC=$?
    keep_report
}
# doctor_on_host [ENV=VALUE ...] -- ARGS...: the sanitized build on the Docker host ($D)
doctor_on_host() {
    envs="DOCKER_HOST=unix://$DOCKER_SOCK"
    while [ $# -gt 0 ] && [ "$1" != "--" ]; do envs="$envs $1"; shift; done
    [ "$1" = "--" ] && shift
    # shellcheck disable=SC2086
    in_d env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin ASAN_OPTIONS="$ASAN_OPTIONS" UBSAN_OPTIONS="$UBSAN_OPTIONS" \
        $envs "$OD_BIN" "$@" >"$W/out.json" 2>"$W/err.txt"
    RC=$?
    keep_report
}

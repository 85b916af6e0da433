/* container — am I in a container, and which runtime? (markers in
 * shared/reference/container-networking.md §7). */
#ifndef OD_CONTAINER_H
#define OD_CONTAINER_H

#include "proxy.h"
#include "util.h"

struct od_container {
    int inside;            /* 1 yes, 0 no */
    char runtime[16];      /* "docker", "podman", "kubernetes", "wsl", "unknown", "none" */
    char kernel[128];      /* uname release, or /proc/sys/kernel/osrelease */
    char os_guess[24];     /* host OS guess: "linux", "macos-or-windows", "windows", "unknown" */
    struct od_strv markers;/* evidence, e.g. "/.dockerenv", "env:KUBERNETES_SERVICE_HOST" */
};

/* root: "" for the live system, or a directory standing in for "/" (tests).
 * env: the process environment to inspect. Unreadable files are skipped.
 * inside is set only by container evidence (not by a WSL kernel alone);
 * runtime precedence kubernetes > podman > docker > unknown; "wsl" only
 * outside a container. Markers: "/.dockerenv", "/run/.containerenv",
 * "/var/run/secrets/kubernetes.io", "env:KUBERNETES_SERVICE_HOST",
 * "env:container=<value>", "env:WSL_DISTRO_NAME", "env:WSL_INTEROP",
 * "binfmt:WSLInterop[-late]", "/bin/wslpath", "mountinfo:docker|podman|
 * kubernetes|containerd" (where /etc/hostname, /etc/hosts or
 * /etc/resolv.conf is bind-mounted from), "cgroup:docker|podman|kubepods"
 * (/proc/1/cgroup), "kernel:wsl", "kernel:linuxkit". Returns 0 or -1
 * (ENOMEM). */
int od_container_detect(const char *root, const struct od_env *env, struct od_container *out);
void od_container_free(struct od_container *c);

#endif

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
    char os_guess[16];     /* host OS guess: "linux", "macos-or-windows", "windows", "unknown" */
    struct od_strv markers;/* evidence, e.g. "/.dockerenv", "env:KUBERNETES_SERVICE_HOST" */
};

/* root: "" for the live system, or a directory standing in for "/" (tests).
 * env: the process environment to inspect. Unreadable files are skipped. */
int od_container_detect(const char *root, const struct od_env *env, struct od_container *out);
void od_container_free(struct od_container *c);

#endif

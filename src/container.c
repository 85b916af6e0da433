/* container.c — container runtime, WSL and host OS guess from markers, env, mountinfo, cgroup, kernel. */
#include "container.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <sys/utsname.h>

/* Evidence bits; the first four mean "inside a container". */
enum {
    EV_DOCKER = 1 << 0,
    EV_PODMAN = 1 << 1,
    EV_K8S = 1 << 2,
    EV_OTHER = 1 << 3,
    EV_WSL_KERNEL = 1 << 4,
    EV_WSL_DISTRO = 1 << 5,
    EV_LINUXKIT = 1 << 6,
};
#define EV_INSIDE (EV_DOCKER | EV_PODMAN | EV_K8S | EV_OTHER)

struct ctx {
    const char *root;
    const struct od_env *env;
    struct od_container *out;
    unsigned ev;
};

static const struct {
    const char *path, *marker;
    unsigned ev;
} marker_files[] = {
    {"/.dockerenv", "/.dockerenv", EV_DOCKER},
    {"/run/.containerenv", "/run/.containerenv", EV_PODMAN},
    {"/var/run/secrets/kubernetes.io", "/var/run/secrets/kubernetes.io", EV_K8S},
    {"/proc/sys/fs/binfmt_misc/WSLInterop", "binfmt:WSLInterop", EV_WSL_DISTRO},
    {"/proc/sys/fs/binfmt_misc/WSLInterop-late", "binfmt:WSLInterop-late", EV_WSL_DISTRO},
    {"/bin/wslpath", "/bin/wslpath", EV_WSL_DISTRO},
};

static const struct {
    const char *name;
    unsigned ev;
} marker_env[] = {
    {"KUBERNETES_SERVICE_HOST", EV_K8S},
    {"WSL_DISTRO_NAME", EV_WSL_DISTRO},
    {"WSL_INTEROP", EV_WSL_DISTRO},
};

/* $container values (systemd's list); any other non-empty value is EV_OTHER. */
static const struct {
    const char *value;
    unsigned ev;
} container_env[] = {
    {"docker", EV_DOCKER},
    {"podman", EV_PODMAN},
};

/* Where /etc/hostname, /etc/hosts or /etc/resolv.conf is bind-mounted from. */
static const struct {
    const char *needle;
    int id64; /* the needle must be followed by a 64-hex container id and '/' */
    const char *marker;
    unsigned ev;
} mount_sources[] = {
    {"/containers/", 1, "mountinfo:docker", EV_DOCKER}, /* .../docker/containers/<id>/ */
    {"/overlay-containers/", 1, "mountinfo:podman", EV_PODMAN},
    {"/containers/storage/", 0, "mountinfo:podman", EV_PODMAN},
    {"/kubelet/pods/", 0, "mountinfo:kubernetes", EV_K8S},
    {"/io.containerd.grpc.v1.cri/sandboxes/", 0, "mountinfo:containerd", EV_OTHER},
};

static const struct {
    const char *needle;
    const char *marker;
    unsigned ev;
} cgroup_paths[] = {
    {"kubepods", "cgroup:kubepods", EV_K8S},
    {"libpod", "cgroup:podman", EV_PODMAN},
    {"/docker/", "cgroup:docker", EV_DOCKER},
    {"/docker-", "cgroup:docker", EV_DOCKER},
};

static int add_marker(struct ctx *c, const char *marker, unsigned ev)
{
    c->ev |= ev;
    if (od_strv_contains(&c->out->markers, marker))
        return 0;
    return od_strv_push(&c->out->markers, marker);
}

static int rooted(const struct ctx *c, const char *path, char *buf, size_t n)
{
    int w = snprintf(buf, n, "%s%s", c->root, path);

    return w >= 0 && (size_t)w < n ? 0 : -1;
}

static char *read_rooted(const struct ctx *c, const char *path, size_t cap)
{
    char full[4096];

    if (rooted(c, path, full, sizeof(full)) != 0)
        return NULL;
    return od_read_file(full, cap, NULL, NULL);
}

static int check_files(struct ctx *c)
{
    char full[4096];
    struct stat st;

    for (size_t i = 0; i < sizeof(marker_files) / sizeof(marker_files[0]); i++) {
        if (rooted(c, marker_files[i].path, full, sizeof(full)) != 0 || lstat(full, &st) != 0)
            continue;
        if (add_marker(c, marker_files[i].marker, marker_files[i].ev) != 0)
            return -1;
    }
    return 0;
}

/* "env:container=<value>", the value cut short and made printable. */
static int check_container_var(struct ctx *c, const char *v)
{
    char marker[64];
    unsigned ev = EV_OTHER;
    size_t n;

    for (size_t i = 0; i < sizeof(container_env) / sizeof(container_env[0]); i++)
        if (strcmp(v, container_env[i].value) == 0)
            ev = container_env[i].ev;
    n = (size_t)snprintf(marker, sizeof(marker), "env:container=%.32s", v);
    for (size_t i = 14; i < n && i < sizeof(marker); i++)
        if ((unsigned char)marker[i] < 0x21 || (unsigned char)marker[i] > 0x7e)
            marker[i] = '?';
    return add_marker(c, marker, ev);
}

static int check_env(struct ctx *c)
{
    char marker[64];
    const char *v;

    for (size_t i = 0; i < sizeof(marker_env) / sizeof(marker_env[0]); i++) {
        v = od_env_get(c->env, marker_env[i].name);
        if (!v || !*v)
            continue;
        snprintf(marker, sizeof(marker), "env:%s", marker_env[i].name);
        if (add_marker(c, marker, marker_env[i].ev) != 0)
            return -1;
    }
    v = od_env_get(c->env, "container");
    return v && *v ? check_container_var(c, v) : 0;
}

static int hex64_then_slash(const char *p, size_t n)
{
    if (n < 65)
        return 0;
    for (size_t i = 0; i < 64; i++)
        if (!p[i] || !strchr("0123456789abcdef", p[i]))
            return 0;
    return p[64] == '/';
}

static int source_matches(struct od_view root, size_t k)
{
    size_t nl = strlen(mount_sources[k].needle);

    for (size_t i = 0; i + nl <= root.n; i++) {
        if (memcmp(root.p + i, mount_sources[k].needle, nl) != 0)
            continue;
        if (!mount_sources[k].id64 || hex64_then_slash(root.p + i + nl, root.n - i - nl))
            return 1;
    }
    return 0;
}

static int is_etc_bind_target(struct od_view mp)
{
    static const char *const targets[] = {"/etc/hostname", "/etc/hosts", "/etc/resolv.conf"};

    for (size_t i = 0; i < sizeof(targets) / sizeof(targets[0]); i++)
        if (mp.n == strlen(targets[i]) && memcmp(mp.p, targets[i], mp.n) == 0)
            return 1;
    return 0;
}

/* mountinfo: id parent major:minor root mount-point ... */
static int check_mount_line(struct ctx *c, struct od_view line)
{
    struct od_view f[5];
    size_t n = 0;

    while (n < 5 && od_next_field(&line, &f[n]))
        n++;
    if (n < 5 || !is_etc_bind_target(f[4]))
        return 0;
    for (size_t k = 0; k < sizeof(mount_sources) / sizeof(mount_sources[0]); k++)
        if (source_matches(f[3], k) && add_marker(c, mount_sources[k].marker, mount_sources[k].ev) != 0)
            return -1;
    return 0;
}

static int check_text(struct ctx *c, const char *path, int (*line_fn)(struct ctx *, struct od_view))
{
    char *text = read_rooted(c, path, 1 << 20);
    const char *cur = text;
    struct od_view line;
    int rc = 0;

    while (rc == 0 && od_next_line(&cur, &line))
        rc = line_fn(c, line);
    free(text);
    return rc;
}

/* /proc/1/cgroup: hierarchy:controllers:path */
static int check_cgroup_line(struct ctx *c, struct od_view line)
{
    for (size_t k = 0; k < sizeof(cgroup_paths) / sizeof(cgroup_paths[0]); k++) {
        size_t nl = strlen(cgroup_paths[k].needle);

        for (size_t i = 0; i + nl <= line.n; i++) {
            if (memcmp(line.p + i, cgroup_paths[k].needle, nl) != 0)
                continue;
            if (add_marker(c, cgroup_paths[k].marker, cgroup_paths[k].ev) != 0)
                return -1;
            break;
        }
    }
    return 0;
}

static void read_kernel(struct ctx *c)
{
    char *text = read_rooted(c, "/proc/sys/kernel/osrelease", 512);
    struct utsname u;

    if (text)
        od_strlcpy(c->out->kernel, od_trim(text), sizeof(c->out->kernel));
    else if (c->root[0] == '\0' && uname(&u) == 0)
        od_strlcpy(c->out->kernel, u.release, sizeof(c->out->kernel));
    free(text);
}

static int check_kernel(struct ctx *c)
{
    const char *k = c->out->kernel;

    read_kernel(c);
    if ((strcasestr(k, "microsoft") || strcasestr(k, "wsl")) && add_marker(c, "kernel:wsl", EV_WSL_KERNEL) != 0)
        return -1;
    if (strstr(k, "-linuxkit") && add_marker(c, "kernel:linuxkit", EV_LINUXKIT) != 0)
        return -1;
    return 0;
}

static const char *runtime_of(unsigned ev)
{
    if (ev & EV_K8S)
        return "kubernetes";
    if (ev & EV_PODMAN)
        return "podman";
    if (ev & EV_DOCKER)
        return "docker";
    if (ev & EV_OTHER)
        return "unknown";
    return ev & (EV_WSL_KERNEL | EV_WSL_DISTRO) ? "wsl" : "none";
}

static const char *os_guess_of(unsigned ev, const char *kernel)
{
    if (ev & EV_LINUXKIT)
        return "macos-or-windows";
    if (ev & EV_WSL_KERNEL)
        return "windows";
    if (!(ev & EV_INSIDE) || kernel[0])
        return "linux";
    return "unknown";
}

int od_container_detect(const char *root, const struct od_env *env, struct od_container *out)
{
    struct ctx c = {root ? root : "", env, out, 0};

    memset(out, 0, sizeof(*out));
    if (check_files(&c) || check_env(&c) || check_text(&c, "/proc/self/mountinfo", check_mount_line) ||
        check_text(&c, "/proc/1/cgroup", check_cgroup_line) || check_kernel(&c))
        goto fail;
    out->inside = (c.ev & EV_INSIDE) != 0;
    od_strlcpy(out->runtime, runtime_of(c.ev), sizeof(out->runtime));
    od_strlcpy(out->os_guess, os_guess_of(c.ev, out->kernel), sizeof(out->os_guess));
    return 0;
fail:
    od_container_free(out);
    return -1;
}

void od_container_free(struct od_container *c)
{
    if (c)
        od_strv_free(&c->markers);
}

/* hostfacts — socket owners, systemd, firewalls, docker bridges and proxies. */
#include "hostfacts.h"

#include <dirent.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "proxy.h"
#include "redact.h"
#include "runcmd.h"
#include "url.h"

#define OD_SCAN_MAX_PIDS 4096

/* The process holding socket inode: scan /proc/<pid>/fd (root sees all). */
static int socket_owner(unsigned long inode, int *pid_out)
{
    char want[64], path[300], link[128];
    DIR *proc = opendir("/proc");
    struct dirent *de;
    int scanned = 0, found = 0;
    snprintf(want, sizeof want, "socket:[%lu]", inode);
    while (proc && !found && (de = readdir(proc)) && scanned++ < OD_SCAN_MAX_PIDS) {
        DIR *fd;
        struct dirent *fe;
        if (de->d_name[0] < '1' || de->d_name[0] > '9')
            continue;
        snprintf(path, sizeof path, "/proc/%s/fd", de->d_name);
        if (!(fd = opendir(path)))
            continue;
        while (!found && (fe = readdir(fd))) {
            char fdpath[600];
            ssize_t n;
            snprintf(fdpath, sizeof fdpath, "%s/%s", path, fe->d_name);
            n = readlink(fdpath, link, sizeof link - 1);
            if (n > 0) {
                link[n] = '\0';
                if (strcmp(link, want) == 0) {
                    *pid_out = (int)strtol(de->d_name, NULL, 10);
                    found = 1;
                }
            }
        }
        closedir(fd);
    }
    if (proc)
        closedir(proc);
    return found ? 0 : -1;
}

/* One URL-valued variable from /proc/<pid>/environ (NUL-separated), its
 * credentials stripped before it is cut to fit out. */
static void environ_var(int pid, const char *name, char *out, size_t n)
{
    char path[64];
    size_t len = 0, nl = strlen(name);
    char *env;
    out[0] = '\0';
    snprintf(path, sizeof path, "/proc/%d/environ", pid);
    if (!(env = od_read_file(path, 1u << 20, &len, NULL)))
        return;
    for (size_t i = 0; i < len; i += strlen(env + i) + 1)
        if (strncmp(env + i, name, nl) == 0 && env[i + nl] == '=')
            od_url_redact(env + i + nl + 1, out, (unsigned)n);
    free(env);
}

static cJSON *owners(const struct od_facts *f)
{
    cJSON *arr = cJSON_CreateArray();
    for (size_t i = 0; i < f->nlisteners; i++) {
        int pid = 0;
        char path[64], comm[64] = "", oh[256];
        char *c;
        cJSON *o;
        if (socket_owner(f->listeners[i].inode, &pid) != 0)
            continue;
        snprintf(path, sizeof path, "/proc/%d/comm", pid);
        if ((c = od_read_file(path, 64, NULL, NULL))) {
            od_strlcpy(comm, od_trim(c), sizeof comm);
            comm[strcspn(comm, "\n")] = '\0';
            free(c);
        }
        environ_var(pid, "OLLAMA_HOST", oh, sizeof oh);
        o = cJSON_CreateObject();
        cJSON_AddStringToObject(o, "address", f->listeners[i].addr);
        cJSON_AddNumberToObject(o, "pid", pid);
        cJSON_AddStringToObject(o, "comm", comm);
        cJSON_AddItemToObject(o, "ollama_host", oh[0] ? cJSON_CreateString(oh) : cJSON_CreateNull());
        cJSON_AddItemToArray(arr, o);
    }
    return arr;
}

/* A value as the report may show it: the redaction pass over it. */
static void add_redacted(cJSON *o, const char *key, const char *value)
{
    char *r = od_redact(value, strlen(value), NULL);
    cJSON_AddStringToObject(o, key, r ? r : OD_REDACTED);
    free(r);
}

/* `systemctl show ollama.service` with a fixed argv. */
static cJSON *systemd(int timeout_ms)
{
    static const char *const argv[] = {"systemctl", "show", "ollama.service", "--no-pager",
                                       "-p", "LoadState", "-p", "ActiveState", "-p", "FragmentPath",
                                       "-p", "DropInPaths", "-p", "Environment", NULL};
    char out[8192], *save = NULL;
    int rc = od_runcmd(argv, timeout_ms, out, sizeof out);
    cJSON *o;
    if (rc != 0)
        return cJSON_CreateNull();
    o = cJSON_CreateObject();
    for (char *line = strtok_r(out, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
        char *eq = strchr(line, '=');
        if (!eq)
            continue;
        *eq = '\0';
        add_redacted(o, line, eq + 1); /* Environment= holds tokens and proxy passwords */
    }
    return o;
}

static int file_says(const char *path, const char *needle)
{
    char *t = od_read_file(path, 1u << 16, NULL, NULL);
    int yes = t && strstr(t, needle);
    free(t);
    return yes;
}

static cJSON *firewall(int port, int timeout_ms)
{
    static const char *const nft[] = {"nft", "list", "ruleset", NULL};
    char *out = malloc(1u << 18);
    char p[16];
    cJSON *o = cJSON_CreateObject(), *ufw = cJSON_AddObjectToObject(o, "ufw"), *fwd, *nf;
    int rc;

    cJSON_AddBoolToObject(ufw, "present", access("/usr/sbin/ufw", X_OK) == 0);
    cJSON_AddBoolToObject(ufw, "enabled", file_says("/etc/ufw/ufw.conf", "ENABLED=yes"));
    fwd = cJSON_AddObjectToObject(o, "firewalld");
    cJSON_AddBoolToObject(fwd, "present", access("/usr/sbin/firewalld", X_OK) == 0);
    cJSON_AddBoolToObject(fwd, "running", access("/run/firewalld/firewalld.pid", F_OK) == 0 ||
                                              access("/var/run/firewalld.pid", F_OK) == 0);
    nf = cJSON_AddObjectToObject(o, "nftables");
    rc = out ? od_runcmd(nft, timeout_ms, out, 1u << 18) : -1;
    cJSON_AddBoolToObject(nf, "readable", rc == 0);
    if (rc == 0) {
        cJSON *lines = cJSON_AddArrayToObject(nf, "rules_with_port");
        char *save = NULL;
        snprintf(p, sizeof p, "%d", port);
        for (char *l = strtok_r(out, "\n", &save); l; l = strtok_r(NULL, "\n", &save))
            if (strstr(l, "dport") && strstr(l, p) && cJSON_GetArraySize(lines) < 20)
                cJSON_AddItemToArray(lines, cJSON_CreateString(od_trim(l)));
    }
    free(out);
    return o;
}

static cJSON *bridges(const struct od_facts *f)
{
    cJSON *a = cJSON_CreateArray();
    for (size_t i = 0; i < f->nifaddrs; i++) {
        const struct od_ifaddr *d = &f->ifaddrs[i];
        if (strcmp(d->name, "docker0") != 0 && strncmp(d->name, "br-", 3) != 0)
            continue;
        cJSON *b = cJSON_CreateObject();
        cJSON_AddStringToObject(b, "name", d->name);
        cJSON_AddStringToObject(b, "address", d->addr);
        cJSON_AddNumberToObject(b, "prefix", d->prefix);
        cJSON_AddItemToArray(a, b);
    }
    return a;
}

/* ~/.docker/config.json "proxies": what Docker injects into new containers. */
static cJSON *docker_proxies(const struct od_facts *f)
{
    const char *home = od_env_get(&f->env, "HOME");
    char path[PATH_MAX];
    char *text;
    cJSON *cfg, *out = NULL, *px, *it, *kv;
    snprintf(path, sizeof path, "%s/.docker/config.json", home && *home ? home : "/root");
    if (!(text = od_read_file(path, 1u << 20, NULL, NULL)))
        return cJSON_CreateNull();
    cfg = cJSON_Parse(text);
    free(text);
    px = cJSON_GetObjectItemCaseSensitive(cfg, "proxies");
    out = cJSON_CreateObject();
    if (!cJSON_IsObject(px))
        px = NULL;
    cJSON_ArrayForEach(it, px) /* {"default": {"httpProxy": ...}}; any other shape is skipped */
    {
        cJSON *one = cJSON_IsObject(it) ? cJSON_AddObjectToObject(out, it->string) : NULL;
        if (!one)
            continue;
        cJSON_ArrayForEach(kv, it) if (cJSON_IsString(kv))
        {
            char red[512];
            od_proxy_redact(kv->valuestring, red, sizeof red);
            cJSON_AddStringToObject(one, kv->string, strcmp(kv->string, "noProxy") == 0 ? kv->valuestring : red);
        }
    }
    cJSON_Delete(cfg);
    return out;
}

cJSON *od_hostfacts_json(const struct od_facts *f, int timeout_ms)
{
    cJSON *h = cJSON_CreateObject();
    int t = timeout_ms < 1500 ? timeout_ms : 1500;
    cJSON_AddItemToObject(h, "listener_owners", owners(f));
    cJSON_AddItemToObject(h, "systemd", systemd(t));
    cJSON_AddItemToObject(h, "firewall", firewall(f->port, t));
    cJSON_AddItemToObject(h, "docker_bridges", bridges(f));
    cJSON_AddItemToObject(h, "docker_proxies", docker_proxies(f));
    return h;
}

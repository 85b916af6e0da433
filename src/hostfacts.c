/* hostfacts — socket owners, systemd, firewalls, docker bridges, the Docker
 * Engine's containers and the proxies Docker injects. */
#include "hostfacts.h"

#include <ctype.h>
#include <dirent.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <unistd.h>

#include "proxy.h"
#include "redact.h"
#include "runcmd.h"

#define OD_SCAN_MAX_PIDS 4096
#define OD_SCAN_MAX_LISTEN 2048

/* --- owners ------------------------------------------------------------- */

/* The value after flag in a NUL-separated argv, or NULL. */
static const char *arg_after(const char *cmd, size_t len, const char *flag)
{
    for (size_t i = 0; i < len; i += strlen(cmd + i) + 1)
        if (strcmp(cmd + i, flag) == 0 && i + strlen(flag) + 1 < len)
            return cmd + i + strlen(flag) + 1;
    return NULL;
}

static int argv_has(const char *cmd, size_t len, const char *word)
{
    for (size_t i = 0; i < len; i += strlen(cmd + i) + 1)
        if (strcmp(cmd + i, word) == 0)
            return 1;
    return 0;
}

static int mentions_ollama(const char *cmd, size_t len)
{
    for (size_t i = 0; i < len; i += strlen(cmd + i) + 1) {
        char low[512];
        size_t k = 0;
        for (const char *p = cmd + i; *p && k + 1 < sizeof low; p++)
            low[k++] = (char)tolower((unsigned char)*p);
        low[k] = '\0';
        if (strstr(low, "ollama-doctor"))
            return 0;
        if (strstr(low, "ollama"))
            return 1;
    }
    return 0;
}

void od_owner_classify(const char *comm, const char *cmd, size_t len, struct od_owner *o)
{
    const char *ip, *port;
    o->kind = OD_OWNER_OTHER;
    if (strcmp(comm, "docker-proxy") == 0) {
        o->kind = OD_OWNER_DOCKER_PROXY;
        if ((ip = arg_after(cmd, len, "-container-ip")))
            od_strlcpy(o->proxy_to, ip, sizeof o->proxy_to);
        if ((port = arg_after(cmd, len, "-container-port")))
            o->proxy_to_port = (int)strtol(port, NULL, 10);
        return;
    }
    /* "ollama serve", not the runners it starts on loopback ports */
    if (mentions_ollama(cmd, len) && !argv_has(cmd, len, "runner"))
        o->kind = OD_OWNER_OLLAMA;
}

static char *proc_file(int pid, const char *name, size_t cap, size_t *len)
{
    char path[64];
    snprintf(path, sizeof path, "/proc/%d/%s", pid, name);
    return od_read_file(path, cap, len, NULL);
}

/* One variable from /proc/<pid>/environ (NUL-separated). */
static int environ_var(int pid, const char *name, char *out, size_t n)
{
    size_t len = 0, nl = strlen(name);
    int found = 0;
    char *env = proc_file(pid, "environ", 1u << 20, &len);
    out[0] = '\0';
    for (size_t i = 0; env && i < len; i += strlen(env + i) + 1)
        if (strncmp(env + i, name, nl) == 0 && env[i + nl] == '=') {
            od_proxy_redact(env + i + nl + 1, out, n);
            found = 1;
        }
    free(env);
    return found;
}

/* The systemd unit a process runs in, from its cgroup path. */
static void unit_of(int pid, char *out, size_t n)
{
    char *cg = proc_file(pid, "cgroup", 1u << 16, NULL), *save = NULL;
    out[0] = '\0';
    for (char *line = cg ? strtok_r(cg, "\n", &save) : NULL; line; line = strtok_r(NULL, "\n", &save)) {
        char *last = strrchr(line, '/');
        if (last && od_str_endswith(last + 1, ".service")) {
            od_strlcpy(out, last + 1, n);
            break;
        }
    }
    free(cg);
}

static void read_owner(int pid, struct od_owner *o)
{
    size_t len = 0;
    char *comm = proc_file(pid, "comm", 64, NULL), *cmd = proc_file(pid, "cmdline", 1u << 14, &len);
    memset(o, 0, sizeof *o);
    o->pid = pid;
    if (comm) {
        comm[strcspn(comm, "\n")] = '\0';
        od_strlcpy(o->comm, comm, sizeof o->comm);
    }
    od_owner_classify(o->comm, cmd ? cmd : "", cmd ? len : 0, o);
    if (o->kind == OD_OWNER_OLLAMA) {
        o->ollama_host_set = environ_var(pid, "OLLAMA_HOST", o->ollama_host, sizeof o->ollama_host);
        unit_of(pid, o->unit, sizeof o->unit);
    }
    free(comm);
    free(cmd);
}

static int inode_index(const struct od_listener *ls, size_t n, unsigned long inode)
{
    for (size_t i = 0; i < n; i++)
        if (ls[i].inode == inode)
            return (int)i;
    return -1;
}

/* One pass over /proc/<pid>/fd: the pid holding each listener's socket. */
static void find_owners(const struct od_listener *ls, size_t n, int *pids)
{
    DIR *proc = opendir("/proc");
    struct dirent *de;
    int scanned = 0;
    while (proc && (de = readdir(proc)) && scanned < OD_SCAN_MAX_PIDS) {
        char path[300], link[64];
        DIR *fd;
        struct dirent *fe;
        if (de->d_name[0] < '1' || de->d_name[0] > '9')
            continue;
        scanned++;
        snprintf(path, sizeof path, "/proc/%s/fd", de->d_name);
        if (!(fd = opendir(path)))
            continue;
        while ((fe = readdir(fd))) {
            char fdpath[600];
            ssize_t k;
            int i;
            snprintf(fdpath, sizeof fdpath, "%s/%s", path, fe->d_name);
            if ((k = readlink(fdpath, link, sizeof link - 1)) <= 8)
                continue;
            link[k] = '\0';
            if (strncmp(link, "socket:[", 8) != 0)
                continue;
            if ((i = inode_index(ls, n, strtoul(link + 8, NULL, 10))) >= 0 && !pids[i])
                pids[i] = (int)strtol(de->d_name, NULL, 10);
        }
        closedir(fd);
    }
    if (proc)
        closedir(proc);
}

static int wanted_port(const struct od_facts *f, int port)
{
    for (size_t i = 0; i < f->nports; i++)
        if (f->ports[i] == port)
            return 1;
    return 0;
}

/* A docker-proxy matters when it forwards to Ollama's port or an Ollama container. */
static int proxy_matters(const struct od_hostfacts *h, const struct od_facts *f, const struct od_owner *o, int port)
{
    const struct od_dcontainer *c = od_engine_container_by_ip(&h->engine, o->proxy_to);
    return wanted_port(f, port) || wanted_port(f, o->proxy_to_port) || (c && c->ollama);
}

static void read_listeners(struct od_hostfacts *h, const struct od_facts *f)
{
    struct od_listener *all = calloc(OD_SCAN_MAX_LISTEN, sizeof *all);
    int *pids = calloc(OD_SCAN_MAX_LISTEN, sizeof *pids);
    size_t n = 0;
    char *t4 = od_read_file("/proc/net/tcp", 1u << 22, NULL, NULL), *t6 = od_read_file("/proc/net/tcp6", 1u << 22, NULL, NULL);
    if (all && pids) {
        if (t4)
            od_listen_parse(t4, AF_INET, 0, all, OD_SCAN_MAX_LISTEN, &n);
        if (t6)
            od_listen_parse(t6, AF_INET6, 0, all, OD_SCAN_MAX_LISTEN, &n);
        find_owners(all, n, pids);
    }
    for (size_t i = 0; all && pids && i < n && h->nlisteners < OD_HOST_MAX_LISTENERS; i++) {
        struct od_owner o;
        memset(&o, 0, sizeof o);
        if (pids[i])
            read_owner(pids[i], &o);
        if (!wanted_port(f, all[i].port) && o.kind != OD_OWNER_OLLAMA &&
            !(o.kind == OD_OWNER_DOCKER_PROXY && proxy_matters(h, f, &o, all[i].port)))
            continue;
        h->listeners[h->nlisteners].l = all[i];
        h->listeners[h->nlisteners++].owner = o;
    }
    free(t4);
    free(t6);
    free(all);
    free(pids);
}

/* --- systemd, firewalls, bridges, Docker's proxies ------------------------ */

/* buf through the redaction pass, in place (cut to n). */
static void redact_in_place(char *buf, size_t n)
{
    char *r = od_redact(buf, strlen(buf), NULL);
    od_strlcpy(buf, r ? r : OD_REDACTED, n);
    free(r);
}

static void read_systemd(struct od_systemd *s, int timeout_ms)
{
    static const char *const argv[] = {"systemctl", "show", "ollama.service", "--no-pager",
                                       "-p", "LoadState", "-p", "ActiveState", "-p", "FragmentPath",
                                       "-p", "DropInPaths", "-p", "Environment", NULL};
    static const struct { const char *key; size_t off, len; } keys[] = {
        {"LoadState", offsetof(struct od_systemd, load), sizeof s->load},
        {"ActiveState", offsetof(struct od_systemd, active), sizeof s->active},
        {"FragmentPath", offsetof(struct od_systemd, fragment), sizeof s->fragment},
        {"DropInPaths", offsetof(struct od_systemd, dropins), sizeof s->dropins},
        {"Environment", offsetof(struct od_systemd, environment), sizeof s->environment},
    };
    char out[8192], *save = NULL;
    if (od_runcmd(argv, timeout_ms, out, sizeof out) != 0)
        return;
    s->known = 1;
    for (char *line = strtok_r(out, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
        char *eq = strchr(line, '=');
        if (!eq)
            continue;
        *eq = '\0';
        for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++)
            if (strcmp(line, keys[i].key) == 0)
                od_strlcpy((char *)s + keys[i].off, eq + 1, keys[i].len);
    }
    redact_in_place(s->environment, sizeof s->environment); /* Environment= holds tokens and proxy passwords */
}

static int file_says(const char *path, const char *needle)
{
    char *t = od_read_file(path, 1u << 16, NULL, NULL);
    int yes = t && strstr(t, needle);
    free(t);
    return yes;
}

static int program_present(const char *name)
{
    static const char *const dirs[] = {"/usr/sbin", "/usr/bin", "/sbin", "/bin"};
    char path[PATH_MAX];
    for (size_t i = 0; i < sizeof dirs / sizeof dirs[0]; i++) {
        snprintf(path, sizeof path, "%s/%s", dirs[i], name);
        if (access(path, X_OK) == 0)
            return 1;
    }
    return 0;
}

static void read_firewall(struct od_firewall *fw, int port, int timeout_ms)
{
    static const char *const nft[] = {"nft", "list", "ruleset", NULL};
    const size_t cap = 1u << 18;
    char *out = malloc(cap), p[16], *save = NULL;
    fw->ufw_present = program_present("ufw");
    fw->ufw_enabled = fw->ufw_present && file_says("/etc/ufw/ufw.conf", "ENABLED=yes");
    fw->firewalld_present = program_present("firewalld") || program_present("firewall-cmd");
    fw->firewalld_running = access("/run/firewalld/firewalld.pid", F_OK) == 0 || access("/var/run/firewalld.pid", F_OK) == 0;
    fw->nft_present = program_present("nft");
    if (!out || !fw->nft_present || od_runcmd(nft, timeout_ms, out, cap) != 0) {
        free(out);
        return;
    }
    fw->nft_readable = 1;
    snprintf(p, sizeof p, "%d", port);
    for (char *l = strtok_r(out, "\n", &save); l && fw->nft_rules.n < 20; l = strtok_r(NULL, "\n", &save))
        if (strstr(l, "dport") && strstr(l, p))
            od_strv_push(&fw->nft_rules, od_trim(l));
    free(out);
}

static void read_bridges(struct od_hostfacts *h, const struct od_facts *f)
{
    for (size_t i = 0; i < f->nifaddrs && h->nbridges < OD_HOST_MAX_BRIDGES; i++) {
        const struct od_ifaddr *d = &f->ifaddrs[i];
        struct od_bridge *b;
        if (strcmp(d->name, "docker0") != 0 && strncmp(d->name, "br-", 3) != 0)
            continue;
        b = &h->bridges[h->nbridges++];
        od_strlcpy(b->name, d->name, sizeof b->name);
        od_strlcpy(b->addr, d->addr, sizeof b->addr);
        b->family = d->family;
        b->prefix = d->prefix;
    }
}

/* ~/.docker/config.json "proxies": what Docker injects into new containers. */
static void read_docker_proxies(struct od_hostfacts *h, const struct od_facts *f)
{
    const char *home = od_env_get(&f->env, "HOME");
    char path[PATH_MAX];
    char *text;
    cJSON *cfg;
    const cJSON *it, *kv;
    snprintf(path, sizeof path, "%s/.docker/config.json", home && *home ? home : "/root");
    if (!(text = od_read_file(path, 1u << 20, NULL, NULL)))
        return;
    cfg = cJSON_Parse(text);
    free(text);
    h->docker_proxies_known = cfg != NULL;
    cJSON_ArrayForEach(it, cJSON_GetObjectItemCaseSensitive(cfg, "proxies"))
    {
        cJSON_ArrayForEach(kv, it) if (cJSON_IsString(kv) && it->string && kv->string)
        {
            char red[512], line[800];
            if (strcmp(kv->string, "noProxy") == 0)
                od_strlcpy(red, kv->valuestring, sizeof red);
            else
                od_proxy_redact(kv->valuestring, red, sizeof red);
            snprintf(line, sizeof line, "%s.%s=%s", it->string, kv->string, red);
            od_strv_push(&h->docker_proxies, line);
        }
    }
    cJSON_Delete(cfg);
}

void od_hostfacts_read(struct od_hostfacts *h, const struct od_facts *f, int timeout_ms)
{
    memset(h, 0, sizeof *h);
    h->known = 1;
    od_engine_read(&h->engine, od_env_get(&f->env, "DOCKER_HOST"), timeout_ms < 1000 ? timeout_ms : 1000);
    read_listeners(h, f);
    read_bridges(h, f);
    read_docker_proxies(h, f);
}

void od_hostfacts_read_services(struct od_hostfacts *h, int port, int timeout_ms)
{
    if (timeout_ms <= 0)
        return;
    if (timeout_ms > 1500)
        timeout_ms = 1500;
    read_systemd(&h->systemd, timeout_ms);
    read_firewall(&h->fw, port, timeout_ms);
}

void od_hostfacts_free(struct od_hostfacts *h)
{
    od_strv_free(&h->fw.nft_rules);
    od_strv_free(&h->docker_proxies);
    od_engine_free(&h->engine);
    memset(h, 0, sizeof *h);
}

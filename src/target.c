/* target — find the container / process / netns, and what the app sees there. */
#include "target.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "proxy.h"

extern char **environ;

static void paths_from_root(struct od_target *t)
{
    snprintf(t->netns_path, sizeof t->netns_path, "/proc/%d/ns/net", t->pid);
    snprintf(t->root, sizeof t->root, "/proc/%d/root", t->pid);
    snprintf(t->hosts, sizeof t->hosts, "%s/etc/hosts", t->root);
    snprintf(t->resolv, sizeof t->resolv, "%s/etc/resolv.conf", t->root);
}

static void env_from_proc(struct od_target *t)
{
    char path[64];
    size_t len = 0;
    char *env;
    snprintf(path, sizeof path, "/proc/%d/environ", t->pid);
    if (!(env = od_read_file(path, 1u << 20, &len, NULL)))
        return;
    for (size_t i = 0; i < len; i += strlen(env + i) + 1)
        if (env[i])
            od_strv_push(&t->env, env + i);
    free(env);
}

static enum od_err by_pid(struct od_target *t, int pid, char *why, size_t n)
{
    t->pid = pid;
    paths_from_root(t);
    if (access(t->netns_path, F_OK) != 0) {
        snprintf(why, n, "no process %d (nothing at %s)", pid, t->netns_path);
        return OD_ERR_USAGE;
    }
    if (t->env.n == 0)
        env_from_proc(t);
    return OD_OK;
}

static enum od_err by_netns(struct od_target *t, const char *name, char *why, size_t n)
{
    char own[400];
    snprintf(t->netns_path, sizeof t->netns_path, "/run/netns/%s", name);
    if (access(t->netns_path, F_OK) != 0) {
        snprintf(why, n, "no network namespace '%s' (nothing at %s; see 'ip netns list')", name, t->netns_path);
        return OD_ERR_USAGE;
    }
    /* as `ip netns exec` does: /etc/netns/NAME/x when present, else /etc/x */
    snprintf(own, sizeof own, "/etc/netns/%s/hosts", name);
    od_strlcpy(t->hosts, access(own, F_OK) == 0 ? own : "/etc/hosts", sizeof t->hosts);
    snprintf(own, sizeof own, "/etc/netns/%s/resolv.conf", name);
    od_strlcpy(t->resolv, access(own, F_OK) == 0 ? own : "/etc/resolv.conf", sizeof t->resolv);
    for (char **e = environ; e && *e; e++)
        od_strv_push(&t->env, *e); /* no process: the caller's environment */
    return OD_OK;
}

static const char *jstr(const cJSON *o, const char *k)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, k);
    return cJSON_IsString(v) ? v->valuestring : NULL;
}

/* --container auto: the running container of a known app that connects. */
static enum od_err pick_auto(struct od_docker *d, char *name, size_t nlen, char *picked, size_t plen, char *why,
                             size_t n)
{
    cJSON *list = od_docker_get(d, "/containers/json", why, n), *c;
    int best = 1000;
    if (!list)
        return OD_ERR_IO;
    cJSON_ArrayForEach(c, list)
    {
        struct od_app a;
        const char *nm = cJSON_GetStringValue(cJSON_GetArrayItem(cJSON_GetObjectItemCaseSensitive(c, "Names"), 0));
        od_docker_recognise(c, &a);
        if (nm && *nm == '/') /* the Engine writes "/name" */
            nm++;
        if (!a.app || !a.connects || a.priority >= best || !nm || !od_docker_name_ok(nm))
            continue; /* any other shape, or a name that may not go into an API path */
        best = a.priority;
        od_strlcpy(name, nm, nlen);
        snprintf(picked, plen, "auto: picked %s — %s", name, a.role);
    }
    cJSON_Delete(list);
    if (best == 1000) {
        snprintf(why, n, "--container auto: no running container of a known app (Dify, Open WebUI, n8n, "
                         "AnythingLLM, LibreChat); name one with --container NAME (see 'docker ps')");
        return OD_ERR_USAGE;
    }
    return OD_OK;
}

static void keep_docker_facts(struct od_target *t, const cJSON *insp)
{
    const cJSON *cfg = cJSON_GetObjectItemCaseSensitive(insp, "Config");
    const cJSON *hc = cJSON_GetObjectItemCaseSensitive(insp, "HostConfig");
    const cJSON *nets = cJSON_GetObjectItemCaseSensitive(cJSON_GetObjectItemCaseSensitive(insp, "NetworkSettings"), "Networks");
    const cJSON *svc = cJSON_GetObjectItemCaseSensitive(cJSON_GetObjectItemCaseSensitive(cfg, "Labels"),
                                                        "com.docker.compose.service");
    const cJSON *it;
    t->is_docker = 1;
    od_strlcpy(t->image, jstr(cfg, "Image") ? jstr(cfg, "Image") : "", sizeof t->image);
    od_strlcpy(t->network_mode, jstr(hc, "NetworkMode") ? jstr(hc, "NetworkMode") : "", sizeof t->network_mode);
    cJSON_ArrayForEach(it, cJSON_GetObjectItemCaseSensitive(hc, "ExtraHosts"))
        if (cJSON_IsString(it) && it->valuestring)
            od_strv_push(&t->extra_hosts, it->valuestring);
    cJSON_ArrayForEach(it, nets)
    {
        struct od_dcnet *n;
        if (t->nnets >= OD_ENGINE_MAX_CNETS || !it->string)
            break;
        n = &t->nets[t->nnets++];
        od_strlcpy(n->name, it->string, sizeof n->name);
        od_strlcpy(n->ip, jstr(it, "IPAddress") ? jstr(it, "IPAddress") : "", sizeof n->ip);
        od_strlcpy(n->gateway, jstr(it, "Gateway") ? jstr(it, "Gateway") : "", sizeof n->gateway);
    }
    if (cJSON_IsString(svc) && svc->valuestring)
        od_strlcpy(t->service, svc->valuestring, sizeof t->service);
    cJSON_ArrayForEach(it, cJSON_GetObjectItemCaseSensitive(cfg, "Env"))
        if (cJSON_IsString(it) && it->valuestring)
            od_strv_push(&t->env, it->valuestring);
}

static enum od_err by_container(struct od_target *t, const struct od_opts *o, char *why, size_t n)
{
    struct od_docker d;
    char path[600];
    cJSON *insp;
    const cJSON *state;
    enum od_err e = OD_OK;
    int rc = od_docker_open(&d, getenv("DOCKER_HOST"), 3000, why, n);

    if (rc != 0)
        return rc == OD_DOCKER_NO_ENGINE ? OD_ERR_USAGE : OD_ERR_IO;
    od_strlcpy(t->name, o->container, sizeof t->name);
    if (strcmp(o->container, "auto") == 0 &&
        (e = pick_auto(&d, t->name, sizeof t->name, t->picked, sizeof t->picked, why, n)) != OD_OK)
        return e;
    if (od_docker_inspect_path(t->name, path, sizeof path) != 0) { /* only a checked name goes into a path */
        snprintf(why, n, "--container: '%s' is not a container name or ID", t->name);
        return OD_ERR_USAGE;
    }
    if (!(insp = od_docker_get(&d, path, why, n))) {
        if (strstr(why, "HTTP 404"))
            snprintf(why, n, "no container named '%s' (see 'docker ps')", t->name);
        return strstr(why, "no container") ? OD_ERR_USAGE : OD_ERR_IO;
    }
    state = cJSON_GetObjectItemCaseSensitive(insp, "State");
    if (!cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(state, "Running"))) {
        snprintf(why, n, "container '%s' is not running (state: %s); start it first", t->name,
                 jstr(state, "Status") ? jstr(state, "Status") : "unknown");
        cJSON_Delete(insp);
        return OD_ERR_USAGE;
    }
    od_strlcpy(t->id, jstr(insp, "Id") ? jstr(insp, "Id") : "", 13);
    if (jstr(insp, "Name"))
        od_strlcpy(t->name, jstr(insp, "Name") + (jstr(insp, "Name")[0] == '/'), sizeof t->name);
    od_docker_recognise(insp, &t->app);
    keep_docker_facts(t, insp);
    {
        const cJSON *pid = cJSON_GetObjectItemCaseSensitive(state, "Pid");
        if (!cJSON_IsNumber(pid) || pid->valuedouble < 1 || pid->valuedouble > 0x3fffffff) {
            snprintf(why, n, "the Docker Engine did not say which process runs container '%s' (no State.Pid)", t->name);
            cJSON_Delete(insp);
            return OD_ERR_IO;
        }
        e = by_pid(t, (int)pid->valuedouble, why, n);
    }
    cJSON_Delete(insp);
    return e;
}

/* The same network namespace as this process (before any setns)? */
static int same_netns(const char *path)
{
    struct stat a, b;
    return stat(path, &a) == 0 && stat("/proc/self/ns/net", &b) == 0 && a.st_ino == b.st_ino && a.st_dev == b.st_dev;
}

static enum od_err resolve(const struct od_opts *o, struct od_target *t, char *why, size_t whylen)
{
    memset(t, 0, sizeof *t);
    if (geteuid() != 0) {
        snprintf(why, whylen, "--%s needs root to enter another network namespace (try sudo)",
                 o->container ? "container" : o->pid ? "pid" : "netns");
        return OD_ERR_USAGE;
    }
    if (o->container) {
        t->kind = "container";
        return by_container(t, o, why, whylen);
    }
    if (o->pid) {
        t->kind = "pid";
        snprintf(t->name, sizeof t->name, "%d", o->pid);
        return by_pid(t, o->pid, why, whylen);
    }
    t->kind = "netns";
    od_strlcpy(t->name, o->netns, sizeof t->name);
    return by_netns(t, o->netns, why, whylen);
}

enum od_err od_target_resolve(const struct od_opts *o, struct od_target *t, char *why, size_t whylen)
{
    enum od_err e = resolve(o, t, why, whylen);
    if (e == OD_OK)
        t->host_netns = same_netns(t->netns_path);
    return e;
}

int od_target_host_network(const struct od_target *t)
{
    return t->host_netns || (t->is_docker && strcmp(t->network_mode, "host") == 0);
}

void od_target_free(struct od_target *t)
{
    od_strv_free(&t->env);
    od_strv_free(&t->extra_hosts);
}

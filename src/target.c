/* target — find the container / process / netns, and what the app sees there. */
#include "target.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
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

/* --container auto: the running container of a known app that connects. */
static enum od_err pick_auto(struct od_docker *d, char *name, size_t nlen, char *picked, size_t plen, char *why,
                             size_t n)
{
    cJSON *list = od_docker_get(d, "/containers/json", why, n);
    int rc;
    if (!list)
        return OD_ERR_IO;
    rc = od_docker_pick(list, name, nlen, picked, plen);
    cJSON_Delete(list);
    if (rc != 0) {
        snprintf(why, n, "--container auto: no running container of a known app (Dify, Open WebUI, n8n, "
                         "AnythingLLM, LibreChat); name one with --container NAME (see 'docker ps')");
        return OD_ERR_USAGE;
    }
    return OD_OK;
}

/* Take what the inspect answer says; the Engine may answer any shape. */
static enum od_err keep_inspect(struct od_target *t, const cJSON *insp, char *why, size_t n)
{
    struct od_docker_ctr c;
    enum od_err e = OD_OK;
    if (od_docker_inspect_read(insp, &c) != 0) {
        od_docker_ctr_free(&c);
        snprintf(why, n, "out of memory while reading the Docker Engine's answer");
        return OD_ERR_NOMEM;
    }
    if (!c.running) {
        snprintf(why, n, "container '%s' is not running (state: %s); start it first", t->name,
                 c.status[0] ? c.status : "unknown");
        e = OD_ERR_USAGE;
    } else if (c.pid <= 0) {
        snprintf(why, n, "Docker Engine: the answer for container '%s' has no State.Pid; cannot enter it", t->name);
        e = OD_ERR_IO;
    } else {
        od_strlcpy(t->id, c.id, sizeof t->id);
        if (c.name[0])
            od_strlcpy(t->name, c.name, sizeof t->name);
        od_strlcpy(t->service, c.service, sizeof t->service);
        t->app = c.app;
        t->pid = c.pid;
        for (size_t i = 0; i < c.env.n && e == OD_OK; i++)
            if (od_strv_push(&t->env, c.env.v[i]) != 0)
                e = OD_ERR_NOMEM;
        t->docker = c.facts;
        c.facts = NULL;
    }
    od_docker_ctr_free(&c);
    return e;
}

static enum od_err by_container(struct od_target *t, const struct od_opts *o, char *why, size_t n)
{
    struct od_docker d;
    char path[600];
    cJSON *insp;
    enum od_err e = OD_OK;

    if (od_docker_open(&d, getenv("DOCKER_HOST"), 3000, why, n) != 0)
        return OD_ERR_IO;
    od_strlcpy(t->name, o->container, sizeof t->name);
    if (strcmp(o->container, "auto") == 0 &&
        (e = pick_auto(&d, t->name, sizeof t->name, t->picked, sizeof t->picked, why, n)) != OD_OK)
        return e;
    if (od_docker_inspect_path(t->name, path, sizeof path) != 0) {
        snprintf(why, n, "--container: '%s' is not a container name or ID", t->name);
        return OD_ERR_USAGE;
    }
    if (!(insp = od_docker_get(&d, path, why, n))) {
        if (strstr(why, "HTTP 404"))
            snprintf(why, n, "no container named '%s' (see 'docker ps')", t->name);
        return strstr(why, "no container") ? OD_ERR_USAGE : OD_ERR_IO;
    }
    e = keep_inspect(t, insp, why, n);
    cJSON_Delete(insp);
    return e == OD_OK ? by_pid(t, t->pid, why, n) : e;
}

enum od_err od_target_resolve(const struct od_opts *o, struct od_target *t, char *why, size_t whylen)
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

cJSON *od_target_json(const struct od_target *t)
{
    cJSON *j = cJSON_CreateObject();
    cJSON_AddStringToObject(j, "kind", t->kind);
    cJSON_AddStringToObject(j, "name", t->name);
    cJSON_AddItemToObject(j, "id", t->id[0] ? cJSON_CreateString(t->id) : cJSON_CreateNull());
    cJSON_AddItemToObject(j, "pid", t->pid ? cJSON_CreateNumber(t->pid) : cJSON_CreateNull());
    cJSON_AddStringToObject(j, "netns", t->netns_path);
    cJSON_AddItemToObject(j, "app", t->app.app ? cJSON_CreateString(t->app.app) : cJSON_CreateNull());
    cJSON_AddItemToObject(j, "service", t->service[0] ? cJSON_CreateString(t->service) : cJSON_CreateNull());
    cJSON_AddItemToObject(j, "role", t->app.role ? cJSON_CreateString(t->app.role) : cJSON_CreateNull());
    cJSON_AddItemToObject(j, "picked", t->picked[0] ? cJSON_CreateString(t->picked) : cJSON_CreateNull());
    cJSON_AddItemToObject(j, "docker", t->docker ? cJSON_Duplicate(t->docker, 1) : cJSON_CreateNull());
    return j;
}

void od_target_free(struct od_target *t)
{
    od_strv_free(&t->env);
    cJSON_Delete(t->docker);
    t->docker = NULL;
}

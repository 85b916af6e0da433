/* appenv — the app's environment, seen from a sidecar: PID 1 in a shared PID
 * namespace, or the Docker Engine API, or unknown (with a note that says how
 * to make it known). */
#include "appenv.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "docker.h"

/* The variables a sidecar user may have passed with -e that matter here. */
static const char *const relevant[] = {"HTTP_PROXY", "http_proxy", "HTTPS_PROXY", "https_proxy", "ALL_PROXY",
                                       "all_proxy", "NO_PROXY", "no_proxy", "OLLAMA_HOST", NULL};

static const char *env_get(char **env, const char *name)
{
    size_t n = strlen(name);
    for (char **e = env; e && *e; e++)
        if (strncmp(*e, name, n) == 0 && (*e)[n] == '=')
            return *e + n + 1;
    return NULL;
}

static int same_link(const char *a, const char *b)
{
    char x[64], y[64];
    ssize_t n = readlink(a, x, sizeof x - 1), m = readlink(b, y, sizeof y - 1);
    if (n <= 0 || m <= 0)
        return -1;
    x[n] = y[m] = '\0';
    return strcmp(x, y) == 0;
}

/* PID 1 is another container's process in our network namespace (we share
 * its PID namespace): its environment is the app's. */
static int from_pid1(struct od_appenv *ae)
{
    size_t len = 0;
    char *env, comm[64] = "";
    FILE *f;
    if (getpid() == 1 || same_link("/proc/1/ns/net", "/proc/self/ns/net") != 1 ||
        same_link("/proc/1/ns/mnt", "/proc/self/ns/mnt") != 0)
        return 0;
    if ((f = fopen("/proc/1/comm", "r"))) {
        if (!fgets(comm, sizeof comm, f))
            comm[0] = '\0';
        fclose(f);
    }
    if (strncmp(comm, "pause", 5) == 0) /* a pod's shared PID namespace: PID 1 is the pause container */
        return 0;
    if (!(env = od_read_file("/proc/1/environ", 1u << 20, &len, NULL)) || len == 0) {
        free(env);
        return 0;
    }
    for (size_t i = 0; i < len; i += strlen(env + i) + 1)
        if (env[i])
            od_strv_push(&ae->vars, env + i);
    free(env);
    comm[strcspn(comm, "\n")] = '\0';
    snprintf(ae->note, sizeof ae->note,
             "read from PID 1 (%s, /proc/1/environ): the app's process, whose PID namespace this sidecar shares",
             comm[0] ? comm : "?");
    ae->source = "process";
    return 1;
}

/* Names and IDs only: they go into an Engine API path. */
static int safe_ref(const char *s)
{
    return *s && strlen(s) < 200 &&
           strspn(s, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_.-") == strlen(s);
}

/* Inspect ref; keep it when it is running with our hostname and its own network. */
static cJSON *candidate(struct od_docker *d, const char *ref, const char *hostname)
{
    char path[300], why[300];
    cJSON *insp;
    const cJSON *cfg, *hc;
    const char *h, *mode;
    if (!safe_ref(ref))
        return NULL;
    snprintf(path, sizeof path, "/containers/%s/json", ref);
    if (!(insp = od_docker_get(d, path, why, sizeof why)))
        return NULL;
    cfg = cJSON_GetObjectItemCaseSensitive(insp, "Config");
    hc = cJSON_GetObjectItemCaseSensitive(insp, "HostConfig");
    h = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(cfg, "Hostname"));
    mode = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(hc, "NetworkMode"));
    if (!h || strcmp(h, hostname) != 0 || (mode && strncmp(mode, "container:", 10) == 0) ||
        !cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(cJSON_GetObjectItemCaseSensitive(insp, "State"), "Running"))) {
        cJSON_Delete(insp);
        return NULL;
    }
    return insp;
}

/* The container whose network namespace this sidecar joined: the target of
 * a running container's NetworkMode "container:REF" that has our hostname
 * (Docker gives a --network container: container the joined one's), else
 * the container our hostname names (its short ID by default). */
static cJSON *find_app(struct od_docker *d, char *why, size_t n)
{
    char hostname[256] = "", id[80] = "";
    cJSON *list, *found = NULL;
    const cJSON *c;
    int matches = 0;
    if (gethostname(hostname, sizeof hostname) != 0 || !hostname[0]) {
        snprintf(why, n, "no hostname to find the app container by");
        return NULL;
    }
    if (!(list = od_docker_get(d, "/containers/json", why, n)))
        return NULL;
    cJSON_ArrayForEach(c, list)
    {
        const char *mode = cJSON_GetStringValue(
            cJSON_GetObjectItemCaseSensitive(cJSON_GetObjectItemCaseSensitive(c, "HostConfig"), "NetworkMode"));
        cJSON *insp;
        const char *iid;
        if (!mode || strncmp(mode, "container:", 10) != 0 || !(insp = candidate(d, mode + 10, hostname)))
            continue;
        iid = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(insp, "Id"));
        if (iid && strcmp(iid, id) == 0) { /* the same app, named by another sidecar */
            cJSON_Delete(insp);
            continue;
        }
        od_strlcpy(id, iid ? iid : "", sizeof id);
        matches++;
        cJSON_Delete(found);
        found = insp;
    }
    cJSON_Delete(list);
    if (!found && (found = candidate(d, hostname, hostname)))
        matches = 1;
    if (matches > 1) {
        snprintf(why, n, "%d running containers share this sidecar's hostname %s; cannot tell which is the app", matches,
                 hostname);
        cJSON_Delete(found);
        return NULL;
    }
    if (!found)
        snprintf(why, n, "no running container with this sidecar's hostname %s shares its network", hostname);
    return found;
}

static int from_engine(struct od_appenv *ae, int timeout_ms, char *why, size_t n)
{
    struct od_docker d;
    cJSON *app;
    const cJSON *it;
    const char *name;
    if (od_docker_open(&d, getenv("DOCKER_HOST"), timeout_ms, why, n) != 0)
        return 0;
    if (!(app = find_app(&d, why, n)))
        return 0;
    name = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(app, "Name"));
    od_strlcpy(ae->container, name ? name + (name[0] == '/') : "?", sizeof ae->container);
    cJSON_ArrayForEach(it, cJSON_GetObjectItemCaseSensitive(cJSON_GetObjectItemCaseSensitive(app, "Config"), "Env"))
        if (cJSON_IsString(it))
            od_strv_push(&ae->vars, it->valuestring);
    cJSON_Delete(app);
    snprintf(ae->note, sizeof ae->note,
             "read from the Docker Engine API (%s): the environment container %s was created with; a variable its "
             "entrypoint sets at run time is not included",
             d.socket, ae->container);
    ae->source = "engine-api";
    return 1;
}

void od_appenv_resolve(struct od_appenv *ae, char **self_env, int timeout_ms)
{
    char why[400] = "", given[200] = "";
    memset(ae, 0, sizeof *ae);
    ae->source = "self";
    ae->envp = self_env;
    if (!env_get(self_env, OD_SIDECAR_ENV))
        return;
    if (from_pid1(ae) || from_engine(ae, timeout_ms < 3000 ? timeout_ms : 3000, why, sizeof why)) {
        if (od_strv_push(&ae->vars, "") == 0) { /* room for the terminator */
            free(ae->vars.v[--ae->vars.n]);
            ae->vars.v[ae->vars.n] = NULL;
            ae->envp = ae->vars.v;
            return;
        }
        od_strv_free(&ae->vars); /* out of memory: unknown after all */
        ae->container[0] = '\0';
    }
    for (int i = 0; relevant[i]; i++)
        if (env_get(self_env, relevant[i]))
            snprintf(given + strlen(given), sizeof given - strlen(given), "%s%s", given[0] ? ", " : "", relevant[i]);
    ae->source = "unknown";
    snprintf(ae->note, sizeof ae->note,
             "this is a sidecar (" OD_SIDECAR_ENV " is set): it shares the app container's network but not its "
             "environment, so the app's HTTP_PROXY, HTTPS_PROXY, NO_PROXY and OLLAMA_HOST are unknown and a proxy "
             "the app uses is not taken into account%s%s%s. To read them: add --pid container:APP, or mount the "
             "Docker socket (-v /var/run/docker.sock:/var/run/docker.sock:ro), or run ollama-doctor inside the "
             "app's container (docker cp + docker exec)%s%s%s",
             given[0] ? " (the variables given to the sidecar itself are used: " : "", given, given[0] ? ")" : "",
             why[0] ? " [Docker Engine: " : "", why, why[0] ? "]" : "");
}

cJSON *od_appenv_json(const struct od_appenv *ae)
{
    cJSON *j = cJSON_CreateObject();
    cJSON_AddStringToObject(j, "source", ae->source);
    cJSON_AddItemToObject(j, "container", ae->container[0] ? cJSON_CreateString(ae->container) : cJSON_CreateNull());
    cJSON_AddItemToObject(j, "note", ae->note[0] ? cJSON_CreateString(ae->note) : cJSON_CreateNull());
    return j;
}

cJSON *od_appenv_target_json(const char *kind, const char *name)
{
    struct od_appenv ae;
    memset(&ae, 0, sizeof ae);
    if (strcmp(kind, "container") == 0) {
        ae.source = "engine-api";
        od_strlcpy(ae.container, name, sizeof ae.container);
        snprintf(ae.note, sizeof ae.note,
                 "read from the Docker Engine API: the environment container %s was created with", name);
    } else if (strcmp(kind, "pid") == 0) {
        ae.source = "process";
        snprintf(ae.note, sizeof ae.note, "read from /proc/%s/environ", name);
    } else {
        ae.source = "self"; /* --netns: no process to read, this one's environment */
        snprintf(ae.note, sizeof ae.note, "a network namespace has no environment: this process's is used");
    }
    return od_appenv_json(&ae);
}

void od_appenv_free(struct od_appenv *ae)
{
    od_strv_free(&ae->vars);
    ae->envp = NULL;
}

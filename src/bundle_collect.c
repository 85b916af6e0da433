/* bundle_collect — what goes into a bundle: the report in three formats,
 * the facts files, host extras (systemd, journal, docker inspect) and
 * Ollama's own answers. */
#include "bundle_int.h"

#include <curl/curl.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <sys/utsname.h>
#include <unistd.h>

#include "body.h"
#include "check.h"
#include "report_int.h"
#include "commands.h"
#include "docker.h"
#include "redact.h"
#include "report.h"
#include "runcmd.h"
#include "url.h"
#include "util.h"

extern char **environ;

/* Text that was cut while read: drop its partial last line. */
static size_t whole_lines(const char *s, size_t len)
{
    size_t n = len;
    while (n > 0 && s[n - 1] != '\n')
        n--;
    return n ? n : len;
}

/* --- the report in three formats ----------------------------------------- */

static char *report_text(const struct od_opts *o, const cJSON *doc)
{
    struct od_opts plain = *o;
    struct od_style st;
    char *s = NULL;
    size_t n = 0;
    FILE *fp = open_memstream(&s, &n);
    if (!fp)
        return NULL;
    plain.color = OD_COLOR_NEVER;
    od_style_detect(&plain, fp, &st); /* no colour; ASCII or UTF-8 as the locale says */
    st.width = 100;
    st.verbose = 1;
    st.quiet = 0;
    od_report_text(fp, doc, &st); /* doc is already od_report_printable */
    if (fclose(fp) != 0) {
        free(s);
        return NULL;
    }
    return s;
}

void od_bundle_collect_reports(struct bundle *b, const struct od_opts *o, const cJSON *doc)
{
    cJSON *safe = od_report_printable(doc);
    char *json = cJSON_Print(doc);
    size_t n = json ? strlen(json) : 0;
    char *t = json ? realloc(json, n + 2) : NULL;
    if (t)
        t[n] = '\n', t[n + 1] = '\0';
    else
        free(json);
    od_bundle_add(b, "report.json", t, t ? n + 1 : 0, 0, KEEP_HEAD, "ollama-doctor check --json");
    od_bundle_add_string(b, "report.md", safe ? od_report_markdown(safe, OD_DOC_CHECK, od_lang_pick(o->lang, NULL)) : NULL,
                         "ollama-doctor check --format markdown");
    od_bundle_add_string(b, "report.txt", safe ? report_text(o, safe) : NULL,
                         "ollama-doctor check --verbose --color never");
    cJSON_Delete(safe);
}

/* --- facts ------------------------------------------------------------- */

/* The files the facts came from: the vantage's (a target's own hosts file,
 * resolv.conf and /proc/PID/net in combined mode). */
static const struct {
    const char *name;
    const char *file;     /* under the target's /proc/PID when there is one */
    const char *paths[2]; /* the first readable one */
} fact_files[] = {
    {"facts/route", "net/route", {"/proc/net/route", NULL}},
    {"facts/ipv6_route", "net/ipv6_route", {"/proc/net/ipv6_route", NULL}},
    {"facts/tcp", "net/tcp", {"/proc/net/tcp", NULL}},
    {"facts/tcp6", "net/tcp6", {"/proc/net/tcp6", NULL}},
    {"facts/os-release", NULL, {"/etc/os-release", "/usr/lib/os-release"}},
};

static void collect_file(struct bundle *b, const char *name, const char *const paths[2])
{
    char reason[300] = "";
    for (int i = 0; i < 2 && paths[i]; i++) {
        size_t len = 0;
        int trunc = 0;
        char *s = od_read_file(paths[i], READ_CAP, &len, &trunc);
        if (s) {
            if (trunc) /* drop the partial last line */
                s[len = whole_lines(s, len)] = '\0';
            od_bundle_add(b, name, s, len, trunc, KEEP_HEAD, paths[i]);
            return;
        }
        snprintf(reason + strlen(reason), sizeof reason - strlen(reason), "%s%s: %s", reason[0] ? "; " : "",
                 paths[i], strerror(errno));
    }
    od_bundle_skip(b, name, reason);
}

static void collect_uname(struct bundle *b)
{
    struct utsname u;
    size_t n = 5 * sizeof u.release + 8;
    char *s = malloc(n);
    if (!s || uname(&u) != 0) {
        free(s);
        od_bundle_skip(b, "facts/uname.txt", "uname(2) failed");
        return;
    }
    snprintf(s, n, "%s %s %s %s %s\n", u.sysname, u.nodename, u.release, u.version, u.machine);
    od_bundle_add_string(b, "facts/uname.txt", s, "uname(2)");
}

/* The environment variables a bundle shows (docs/bundle.md). */
static int env_allowed(const char *name, size_t n)
{
    static const char *const exact[] = {"DOCKER_HOST", "container", "KUBERNETES_SERVICE_HOST",
                                        "KUBERNETES_SERVICE_PORT", "WSL_DISTRO_NAME", "LANG", "LC_ALL",
                                        "LC_CTYPE"};
    for (size_t i = 0; i < sizeof exact / sizeof exact[0]; i++)
        if (strlen(exact[i]) == n && memcmp(name, exact[i], n) == 0)
            return 1;
    return (n > 7 && memcmp(name, "OLLAMA_", 7) == 0) || (n > 6 && strncasecmp(name + n - 6, "_PROXY", 6) == 0);
}

/* Variables whose value is a URL that may carry user:password@. */
static int url_valued(const char *name, size_t n)
{
    return (n == 11 && memcmp(name, "OLLAMA_HOST", 11) == 0) ||
           (n > 6 && strncasecmp(name + n - 6, "_PROXY", 6) == 0 && !(n == 8 && strncasecmp(name, "NO_PROXY", 8) == 0));
}

/* "NAME=value" with a URL value's credentials replaced (od_url_redact). */
static char *url_value_shown(const char *entry, size_t n)
{
    size_t len = strlen(entry) + 16;
    char *out;
    if (!url_valued(entry, n) || !entry[n])
        return od_strdup(entry);
    if (!(out = malloc(len)))
        return NULL;
    memcpy(out, entry, n + 1);
    od_url_redact(entry + n + 1, out + n + 1, (unsigned)(len - n - 1));
    return out;
}

/* "NAME=value" as a bundle shows it: the value, REDACTED, or NULL (left out). */
static char *env_entry(const char *entry, int keep_unlisted_names)
{
    const char *eq = strchr(entry, '=');
    size_t n = eq ? (size_t)(eq - entry) : strlen(entry);
    char *out;
    if (od_redact_name_sensitive(entry, n) || (!env_allowed(entry, n) && keep_unlisted_names)) {
        if (!(out = malloc(n + sizeof "=" OD_REDACTED)))
            return NULL;
        memcpy(out, entry, n);
        memcpy(out + n, "=" OD_REDACTED, sizeof "=" OD_REDACTED);
        return out;
    }
    return env_allowed(entry, n) ? url_value_shown(entry, n) : NULL;
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static void collect_environment(struct bundle *b)
{
    struct od_strv lines = {0};
    char *s = NULL;
    size_t n = 0;
    FILE *fp;
    for (char **e = environ; e && *e; e++) {
        char *line = env_entry(*e, 0);
        if (line)
            od_strv_push(&lines, line);
        free(line);
    }
    if (lines.n)
        qsort(lines.v, lines.n, sizeof lines.v[0], cmp_str);
    if ((fp = open_memstream(&s, &n))) {
        fputs("# OLLAMA_*, *_PROXY, DOCKER_HOST, container, KUBERNETES_SERVICE_*, WSL_DISTRO_NAME, LANG, LC_*;\n"
              "# variables named like a secret are listed with their value REDACTED; others are left out.\n",
              fp);
        for (size_t i = 0; i < lines.n; i++)
            fprintf(fp, "%s\n", lines.v[i]);
        fclose(fp);
    }
    od_strv_free(&lines);
    od_bundle_add_string(b, "facts/environment.txt", s, "environ (allow-list)");
}

void od_bundle_collect_facts(struct bundle *b, const struct od_check *chk, const cJSON *doc)
{
    const cJSON *ctx = cJSON_GetObjectItemCaseSensitive(doc, "context");
    cJSON *c = cJSON_CreateObject();
    const char *const hosts[2] = {chk->has_target ? chk->t.hosts : "/etc/hosts", NULL};
    const char *const resolv[2] = {chk->has_target ? chk->t.resolv : "/etc/resolv.conf", NULL};
    collect_file(b, "facts/hosts", hosts);
    collect_file(b, "facts/resolv.conf", resolv);
    for (size_t i = 0; i < sizeof fact_files / sizeof fact_files[0]; i++) {
        char own[300];
        const char *target[2] = {own, NULL};
        if (chk->has_target && chk->t.pid && fact_files[i].file) {
            snprintf(own, sizeof own, "/proc/%d/%s", chk->t.pid, fact_files[i].file);
            collect_file(b, fact_files[i].name, target);
        } else {
            collect_file(b, fact_files[i].name, fact_files[i].paths);
        }
    }
    collect_uname(b);
    od_bundle_add_json(b, "facts/interfaces.json", cJSON_GetObjectItemCaseSensitive(ctx, "interfaces"),
             "report: .context.interfaces (getifaddrs)");
    static const char *const keys[] = {"vantage_source", "container", "os", "target"};
    for (size_t i = 0; c && i < sizeof keys / sizeof keys[0]; i++) {
        const cJSON *v = cJSON_GetObjectItemCaseSensitive(ctx, keys[i]);
        if (v)
            cJSON_AddItemToObject(c, keys[i], cJSON_Duplicate(v, 1));
    }
    od_bundle_add_json(b, "facts/container.json", c, "report: .context.container, .os, .target");
    cJSON_Delete(c);
    collect_environment(b);
}

/* --- host extras --------------------------------------------------------- */

/* What is left of the run's deadline for one more piece, at most cap ms; 0
 * when nothing is: then the piece is skipped, and says why. */
static int time_left(const struct od_check *c, int cap)
{
    double left = c->deadline - od_now_ms();
    return left < 1 ? 0 : left < cap ? (int)left : cap;
}

static const char deadline_why[] = "not collected: the run's deadline (1.1 x -t) came first; a longer -t gives it time";

/* Run argv; its output as a file, or why not. */
static void collect_cmd(struct bundle *b, const struct od_check *c, const char *name, const char *const argv[],
                        enum keep keep, const char *source)
{
    int ms = time_left(c, CMD_TIMEOUT_MS);
    char *out = ms ? malloc(CMD_CAP) : NULL, why[128];
    int rc = out ? od_runcmd(argv, ms, out, CMD_CAP) : -1;
    size_t len;
    if (!ms) {
        od_bundle_skip(b, name, deadline_why);
        return;
    }
    if (!out || rc < 0 || !out[0]) {
        snprintf(why, sizeof why, "%s: %s", argv[0],
                 !out ? "out of memory" : rc == -1 ? "not available" : rc != -2 ? "no output"
                 : ms < CMD_TIMEOUT_MS ? "cut short by the run's deadline (1.1 x -t)" : "timed out");
        if (out && rc > 0 && !out[0])
            snprintf(why, sizeof why, "%s: no output (exit status %d)", argv[0], rc);
        free(out);
        od_bundle_skip(b, name, why);
        return;
    }
    len = strlen(out);
    int trunc = len + 1 >= CMD_CAP;
    if (trunc)
        out[len = whole_lines(out, len)] = '\0';
    snprintf(why, sizeof why, "%s (exit status %d)", source, rc);
    od_bundle_add(b, name, out, len, trunc, keep, why);
}

/* Config.Env of an inspect document: values of variables outside the
 * allow-list, and of every variable named like a secret, become REDACTED. */
static void redact_env(cJSON *inspect)
{
    cJSON *env = cJSON_GetObjectItemCaseSensitive(cJSON_GetObjectItemCaseSensitive(inspect, "Config"), "Env"), *e;
    cJSON_ArrayForEach(e, env)
    {
        char *line;
        if (!cJSON_IsString(e) || !(line = env_entry(e->valuestring, 1)))
            continue;
        cJSON_SetValuestring(e, line);
        free(line);
    }
}

static void collect_docker(struct bundle *b, const struct od_check *c)
{
    struct od_docker d;
    char why[512], path[400];
    cJSON *insp;
    int ms = time_left(c, c->o->timeout_ms);
    if (!ms) {
        od_bundle_skip(b, "host/docker-inspect.json", deadline_why);
        return;
    }
    if (od_docker_open(&d, getenv("DOCKER_HOST"), ms, why, sizeof why) != 0) {
        od_bundle_skip(b, "host/docker-inspect.json", why);
        return;
    }
    if (od_docker_inspect_path(c->t.id[0] ? c->t.id : c->t.name, path, sizeof path) != 0) {
        od_bundle_skip(b, "host/docker-inspect.json", "the target is not a container name or ID");
        return;
    }
    if (!(insp = od_docker_get(&d, path, why, sizeof why))) {
        od_bundle_skip(b, "host/docker-inspect.json", why);
        return;
    }
    redact_env(insp);
    snprintf(why, sizeof why, "Docker Engine API GET /%s%s (Config.Env values redacted)", d.api, path);
    od_bundle_add_json(b, "host/docker-inspect.json", insp, why);
    cJSON_Delete(insp);
}

void od_bundle_collect_host(struct bundle *b, const struct od_check *c)
{
    static const char *const show[] = {"systemctl", "show", "ollama.service", "--no-pager", NULL};
    static const char *const journal[] = {"journalctl", "-u", "ollama", "-n", "200", "--no-pager", NULL};
    cJSON *l;
    if (!c->has_host)
        return;
    if ((l = cJSON_CreateObject())) {
        cJSON_AddItemToObject(l, "listeners", od_j_host_listeners(&c->hf));
        od_bundle_add_json(b, "host/listeners.json", l, "the host's listening sockets on Ollama's ports, and their owners");
        cJSON_Delete(l);
    }
    collect_cmd(b, c, "host/systemctl-show-ollama.txt", show, KEEP_HEAD, "systemctl show ollama.service");
    collect_cmd(b, c, "host/journal-ollama.txt", journal, KEEP_TAIL, "journalctl -u ollama -n 200");
    if (c->has_target && c->t.is_docker)
        collect_docker(b, c);
}

/* --- Ollama's own answers ----------------------------------------------- */

/* GET url directly (no proxy, no redirects, capped). */
static void collect_api(struct bundle *b, const struct od_check *c, const char *name, const char *url)
{
    int ms = time_left(c, c->o->timeout_ms);
    CURL *h = ms ? curl_easy_init() : NULL;
    struct od_body body = {.cap = OD_BUNDLE_HTTP_CAP};
    char err[CURL_ERROR_SIZE] = "", why[900];
    long status = 0;
    CURLcode rc;
    if (!ms) {
        od_bundle_skip(b, name, deadline_why);
        return;
    }
    if (!h) {
        od_bundle_skip(b, name, "cannot create a libcurl handle");
        return;
    }
    curl_easy_setopt(h, CURLOPT_URL, url);
    curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(h, CURLOPT_PROXY, "");
    curl_easy_setopt(h, CURLOPT_FOLLOWLOCATION, 0L);
    curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT_MS, (long)ms);
    curl_easy_setopt(h, CURLOPT_TIMEOUT_MS, (long)ms);
    curl_easy_setopt(h, CURLOPT_USERAGENT, "ollama-doctor/" OD_VERSION);
    curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, od_body_write);
    curl_easy_setopt(h, CURLOPT_WRITEDATA, &body);
    curl_easy_setopt(h, CURLOPT_ERRORBUFFER, err);
    rc = curl_easy_perform(h);
    curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &status);
    curl_easy_cleanup(h);
    if (rc != CURLE_OK && !(rc == CURLE_WRITE_ERROR && body.over)) {
        if (rc == CURLE_OPERATION_TIMEDOUT && ms < c->o->timeout_ms)
            snprintf(why, sizeof why, "GET %s: cut short after %d ms by the run's deadline (1.1 x -t)", url, ms);
        else
            snprintf(why, sizeof why, "GET %s: %s", url, err[0] ? err : curl_easy_strerror(rc));
        free(body.p);
        od_bundle_skip(b, name, why);
        return;
    }
    snprintf(why, sizeof why, "GET %s (HTTP %ld)", url, status);
    od_bundle_add(b, name, body.p ? body.p : od_strdup(""), body.n, body.over, KEEP_HEAD, why);
}

/* Where this process reaches Ollama now. The bundle is collected on the side
 * the tool started on: the host in combined mode, where the container's
 * Base URL may mean nothing (host.docker.internal does not resolve there),
 * so there it is a listener on the host, or the Ollama container's address. */
static int ollama_origin(const struct od_check *c, char *out, size_t n)
{
    const struct od_situation *s = &c->sit;
    if (!c->has_target) {
        const struct od_probe *p = c->out.best;
        for (size_t i = 0; !p && i < c->run.n; i++)
            if (c->run.probes[i].klass && strcmp(c->run.probes[i].klass, "ok") == 0)
                p = &c->run.probes[i];
        for (size_t i = 0; p && i < p->natt; i++)
            if (p->att[i].http.ollama) {
                snprintf(out, n, p->att[i].family == AF_INET6 ? "%s://[%s]:%d" : "%s://%s:%d", p->cand->url.scheme,
                         p->att[i].addr, p->cand->url.port);
                return 0;
            }
        return -1;
    }
    for (int pass = 0; pass < 2; pass++)
        for (size_t i = 0; i < s->nfound; i++) {
            const struct od_ollama_at *at = &s->found[i];
            const char *addr = at->addr;
            if (strcmp(at->via, pass == 0 ? "listener" : "container") != 0)
                continue;
            if (od_ip_is_unspecified(addr))
                addr = od_ip_family(addr) == AF_INET6 ? "::1" : "127.0.0.1";
            snprintf(out, n, od_ip_family(addr) == AF_INET6 ? "http://[%s]:%d" : "http://%s:%d", addr, at->port);
            return 0;
        }
    return -1;
}

void od_bundle_collect_ollama(struct bundle *b, const struct od_check *c)
{
    static const struct {
        const char *name, *path;
    } api[] = {
        {"ollama/version.json", "/api/version"},
        {"ollama/tags.json", "/api/tags"},
        {"ollama/ps.json", "/api/ps"},
    };
    char origin[512], url[600];
    if (ollama_origin(c, origin, sizeof origin) != 0) {
        for (size_t i = 0; i < sizeof api / sizeof api[0]; i++)
            od_bundle_skip(b, api[i].name, c->has_target ? "Ollama was found nowhere this host reaches"
                                                         : "no candidate reached Ollama");
        return;
    }
    for (size_t i = 0; i < sizeof api / sizeof api[0]; i++) {
        snprintf(url, sizeof url, "%s%s", origin, api[i].path);
        collect_api(b, c, api[i].name, url);
    }
}

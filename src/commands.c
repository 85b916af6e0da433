/* commands — check, explain and rules: each runs its pipeline and hands the
 * result to report.c, the one place that prints results. */
#include "commands.h"

#include <ares.h>
#include <curl/curl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <sched.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cand.h"
#include "classify.h"
#include "explain.h"
#include "facts.h"
#include "hostfacts.h"
#include "model.h"
#include "probe.h"
#include "report.h"
#include "rules.h"
#include "target.h"

#define OD_EXPLAIN_CAP (64u * 1024)

extern char **environ;

int od_fail(enum od_err e, const char *why, int json)
{
    fprintf(stderr, "ollama-doctor: %s\n", why);
    if (e == OD_ERR_USAGE)
        fprintf(stderr, "Try 'ollama-doctor --help' for more information.\n");
    if (json) {
        struct od_opts o;
        memset(&o, 0, sizeof o);
        o.format = OD_FMT_JSON;
        cJSON *doc = od_report_error(e, why);
        if (doc)
            od_report_emit(&o, doc);
        cJSON_Delete(doc);
    }
    return od_err_exit(e);
}

/* Load the rule set; on problems print them (stderr) and return -1. */
static int load_rules(const struct od_opts *o, const char *dir, struct od_rules *rs, int json)
{
    struct od_strv lint = {0};
    int rc = od_rules_load(rs, dir, &lint);
    if (rc != 0) {
        for (size_t i = 0; i < lint.n; i++)
            fprintf(stderr, "%s\n", lint.v[i]);
        if (json >= 0) /* -1: the caller reports */
            od_fail(OD_ERR_RULES, "invalid rules (see the messages above, or run 'ollama-doctor rules lint')", json);
        (void)o;
    }
    od_strv_free(&lint);
    return rc;
}

static int exit_status(const struct od_opts *o, enum od_verdict v, const cJSON *findings)
{
    const cJSON *f;
    if (v != OD_VERDICT_OK)
        return OD_EXIT_PROBLEMS;
    cJSON_ArrayForEach(f, findings)
    {
        const char *sev = cJSON_GetObjectItemCaseSensitive(f, "severity")->valuestring;
        if (strcmp(sev, "error") == 0 || (o->fail_on == OD_SEV_WARNING && strcmp(sev, "warning") == 0))
            return OD_EXIT_PROBLEMS;
    }
    return OD_EXIT_OK;
}

static void progress(const struct od_opts *o, const char *what, int done)
{
    if (o->quiet || o->format == OD_FMT_JSON || !isatty(STDERR_FILENO))
        return;
    if (done)
        fprintf(stderr, "%70s\r", "");
    else
        fprintf(stderr, "%s (at most %.1f s)...\r", what, o->timeout_ms * 1.1 / 1000);
}

/* --model: what the server behind the recommended Base URL says of it. */
static void add_model_facts(const struct od_opts *o, const struct od_outcome *out, cJSON *doc)
{
    cJSON *settings = NULL, *m;
    progress(o, "checking the model", 0);
    m = od_model_check(o, out->best, out->base_url, &settings);
    progress(o, "", 1);
    cJSON_ReplaceItemInObjectCaseSensitive(cJSON_GetObjectItem(doc, "context"), "model", m);
    if (settings)
        cJSON_ReplaceItemInObjectCaseSensitive(cJSON_GetObjectItem(doc, "recommendation"), "app_settings", settings);
}

/* discover -> candidates -> probe -> classify -> the report (no findings yet)
 * for one vantage. Host vantage adds what only the host sees. */
static cJSON *vantage_report(const struct od_opts *o, const struct od_paths *p, const struct od_env *env,
                             enum od_err *e, char *why, size_t whylen)
{
    struct od_facts f;
    struct od_cands cands = {0};
    struct od_run run = {0};
    struct od_outcome out;
    cJSON *doc = NULL;

    *e = OD_ERR_NOMEM;
    if (od_facts_discover(o, p, env, &f) != 0 || od_cands_build(o, &f, &cands) != 0) {
        snprintf(why, whylen, "out of memory while reading facts");
        goto out;
    }
    progress(o, "probing", 0);
    if (od_probe_run(&cands, &f, o, &run, why, whylen) != 0) {
        *e = OD_ERR_LIB;
        goto out;
    }
    progress(o, "", 1);
    od_classify(&run, &out);
    if (!(doc = od_report_build(o, &f, &run, &out))) {
        snprintf(why, whylen, "out of memory while building the report");
        goto out;
    }
    *e = OD_OK;
    if (o->model && out.best)
        add_model_facts(o, &out, doc);
    if (!f.in_container)
        cJSON_AddItemToObject(cJSON_GetObjectItem(doc, "context"), "host", od_hostfacts_json(&f, o->timeout_ms));
out:
    od_run_free(&run);
    od_cands_free(&cands);
    od_facts_free(&f);
    return doc;
}

/* Write all of s to fd. */
static int write_all(int fd, const char *s, size_t n)
{
    while (n) {
        ssize_t w = write(fd, s, n);
        if (w <= 0)
            return -1;
        s += w, n -= (size_t)w;
    }
    return 0;
}

/* The child: enter the target's network namespace, run the container
 * vantage there with its hosts, resolv.conf and environment, and send the
 * report up the pipe. Never returns. */
static void target_child(const struct od_opts *o, const struct od_target *t, int wfd)
{
    struct od_opts oc = *o;
    struct od_paths p = od_paths_live;
    char why[512] = "", **vars = calloc(t->env.n + 1, sizeof *vars);
    enum od_err e;
    struct od_env env = {vars};
    cJSON *doc;
    char *s;
    int fd = open(t->netns_path, O_RDONLY | O_CLOEXEC);

    if (!vars || fd < 0 || setns(fd, CLONE_NEWNET) != 0) {
        snprintf(why, sizeof why, "cannot enter %s: %s", t->netns_path, strerror(errno));
        write_all(wfd, why, strlen(why));
        _exit(2);
    }
    close(fd);
    for (size_t i = 0; i < t->env.n; i++)
        vars[i] = t->env.v[i];
    oc.vantage = OD_VANTAGE_CONTAINER;
    p.root = t->root;
    p.hosts = t->hosts;
    p.resolv = t->resolv;
    p.route4 = "/proc/self/net/route"; /* now the target's */
    p.route6 = "/proc/self/net/ipv6_route";
    doc = vantage_report(&oc, &p, &env, &e, why, sizeof why);
    s = doc ? cJSON_PrintUnformatted(doc) : NULL;
    if (!s) {
        write_all(wfd, why, strlen(why));
        _exit(3);
    }
    _exit(write_all(wfd, s, strlen(s)) == 0 ? 0 : 3);
}

/* Read the child's answer, bounded in size and time. */
static char *read_child(int rfd, double deadline, size_t cap)
{
    size_t len = 0;
    char *buf = malloc(cap + 1);
    while (buf && len < cap) {
        struct pollfd pf = {rfd, POLLIN, 0};
        int left = (int)(deadline - od_now_ms());
        ssize_t n;
        if (left <= 0 || poll(&pf, 1, left) <= 0)
            break;
        if ((n = read(rfd, buf + len, cap - len)) <= 0)
            break;
        len += (size_t)n;
    }
    if (buf)
        buf[len] = '\0';
    return buf;
}

static cJSON *target_report(const struct od_opts *o, const struct od_target *t, char *why, size_t whylen)
{
    int fds[2], status = 0;
    pid_t pid;
    char *text;
    cJSON *doc;

    if (pipe(fds) != 0 || (pid = fork()) < 0) {
        snprintf(why, whylen, "cannot start the probe process: %s", strerror(errno));
        return NULL;
    }
    if (pid == 0) {
        close(fds[0]);
        target_child(o, t, fds[1]);
    }
    close(fds[1]);
    text = read_child(fds[0], od_now_ms() + o->timeout_ms * 1.1 + 5000, 16u << 20);
    close(fds[0]);
    kill(pid, SIGKILL); /* a no-op when it is done */
    waitpid(pid, &status, 0);
    doc = text ? cJSON_Parse(text) : NULL;
    if (!doc)
        snprintf(why, whylen, "probing inside %s failed: %s", t->name, text && *text ? text : "no answer");
    free(text);
    return doc;
}

/* On the host with --container/--pid/--netns: host facts from here, probes
 * from there, one report. */
static cJSON *combined_report(const struct od_opts *o, enum od_err *e, char *why, size_t whylen)
{
    struct od_target t;
    struct od_opts oh = *o;
    struct od_facts hf;
    struct od_env env = {environ};
    cJSON *doc = NULL, *ctx;

    if ((*e = od_target_resolve(o, &t, why, whylen)) != OD_OK)
        goto out_target;
    oh.vantage = OD_VANTAGE_HOST;
    if (od_facts_discover(&oh, &od_paths_live, &env, &hf) != 0) {
        *e = OD_ERR_NOMEM;
        goto out_target;
    }
    if (!(doc = target_report(o, &t, why, whylen))) {
        *e = OD_ERR_INTERNAL;
        goto out;
    }
    ctx = cJSON_GetObjectItem(doc, "context");
    cJSON_ReplaceItemInObjectCaseSensitive(ctx, "vantage_source", cJSON_CreateString("target"));
    cJSON_ReplaceItemInObjectCaseSensitive(ctx, "listeners", od_report_listeners(&hf));
    cJSON_AddItemToObject(ctx, "host", od_hostfacts_json(&hf, o->timeout_ms));
    cJSON_AddItemToObject(ctx, "target", od_target_json(&t));
out:
    od_facts_free(&hf);
out_target:
    od_target_free(&t);
    return doc;
}

/* Evaluate the rules with fixes for the OS the report targets. */
static cJSON *eval_rules(const struct od_rules *rs, const cJSON *doc)
{
    struct od_strv os = {0};
    const cJSON *p;
    cJSON *findings;
    cJSON_ArrayForEach(p, cJSON_GetObjectItemCaseSensitive(
                              cJSON_GetObjectItemCaseSensitive(cJSON_GetObjectItemCaseSensitive(doc, "context"), "target_os"),
                              "platforms")) od_strv_push(&os, p->valuestring);
    findings = od_rules_eval(rs, doc, os.n ? &os : NULL);
    od_strv_free(&os);
    return findings;
}

cJSON *od_check_doc(const struct od_opts *o, int *exit_code, enum od_err *err, char *why, size_t whylen)
{
    struct od_rules rs;
    struct od_env env = {environ};
    cJSON *doc = NULL, *findings;

    *err = OD_ERR_RULES;
    if (load_rules(o, o->rules_dir, &rs, -1) != 0) {
        od_rules_free(&rs);
        snprintf(why, whylen, "invalid rules (see the messages above, or run 'ollama-doctor rules lint')");
        return NULL;
    }
    *err = OD_ERR_LIB;
    if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK || ares_library_init(ARES_LIB_INIT_ALL) != ARES_SUCCESS) {
        od_rules_free(&rs);
        snprintf(why, whylen, "cannot initialise libcurl or c-ares");
        return NULL;
    }
    if (o->container || o->pid || o->netns)
        doc = combined_report(o, err, why, whylen);
    else
        doc = vantage_report(o, &od_paths_live, &env, err, why, whylen);
    if (doc && !(findings = eval_rules(&rs, doc))) {
        *err = OD_ERR_NOMEM;
        snprintf(why, whylen, "out of memory while evaluating rules");
        cJSON_Delete(doc);
        doc = NULL;
    } else if (doc) {
        *exit_code = exit_status(o, od_report_set_findings(doc, findings), findings);
    }
    ares_library_cleanup();
    curl_global_cleanup();
    od_rules_free(&rs);
    return doc;
}

int od_cmd_check(const struct od_opts *o)
{
    char why[512] = "";
    enum od_err e = OD_ERR_INTERNAL;
    int rc;
    cJSON *doc = od_check_doc(o, &rc, &e, why, sizeof why);

    if (!doc)
        return od_fail(e, why, o->format == OD_FMT_JSON);
    if (od_report_emit(o, doc) != 0)
        rc = OD_EXIT_INTERNAL;
    cJSON_Delete(doc);
    return rc;
}

/* --- rules list | lint [DIR] -------------------------------------------- */

int od_cmd_rules(const struct od_opts *o)
{
    const char *dir = o->args.n > 1 ? o->args.v[1] : o->rules_dir;
    struct od_rules rs;
    struct od_strv lint = {0};
    int rc = od_rules_load(&rs, dir, &lint), lint_mode = strcmp(o->args.v[0], "lint") == 0;

    for (size_t i = 0; i < lint.n; i++)
        fprintf(lint_mode ? stdout : stderr, "%s\n", lint.v[i]);
    if (lint_mode) {
        if (rc == 0)
            printf("%zu rules, no problems (%s)\n", rs.n, dir ? dir : "built-in set");
    } else if (rc == 0) {
        for (size_t i = 0; i < rs.n; i++)
            printf("%-34s %-8s %s\n", rs.v[i].id, od_severity_name(rs.v[i].sev),
                   cJSON_GetObjectItemCaseSensitive(rs.v[i].j, "title")->valuestring);
    }
    fflush(stdout);
    od_strv_free(&lint);
    od_rules_free(&rs);
    return rc == 0 ? OD_EXIT_OK : OD_EXIT_USAGE;
}

/* --- explain [TEXT|-] ------------------------------------------------------ */

static char *explain_text(const struct od_opts *o)
{
    size_t len = 0, cap = OD_EXPLAIN_CAP;
    char *buf;
    if (o->args.n && strcmp(o->args.v[0], "-") != 0) {
        size_t total = 1;
        for (size_t i = 0; i < o->args.n; i++)
            total += strlen(o->args.v[i]) + 1;
        if (!(buf = calloc(1, total)))
            return NULL;
        for (size_t i = 0, at = 0; i < o->args.n; i++) { /* the arguments joined by blanks */
            size_t n = strlen(o->args.v[i]);
            memcpy(buf + at, o->args.v[i], n);
            at += n;
            buf[at] = i + 1 < o->args.n ? ' ' : '\0';
            at += i + 1 < o->args.n;
        }
        return buf;
    }
    if (!(buf = malloc(cap + 1)))
        return NULL;
    if (isatty(STDIN_FILENO))
        fprintf(stderr, "Paste the error message, then press Ctrl-D on a line of its own:\n");
    while (len < cap) {
        size_t n = fread(buf + len, 1, cap - len, stdin);
        if (n == 0)
            break;
        len += n;
    }
    buf[len] = '\0';
    return buf;
}

/* The facts explain's rules see: the parsed input, plus the URL the error
 * names as a probe that was not made (origin, url, host, port, path only) so
 * that rules and templates written for check read it the same way. */
static cJSON *explain_facts(const struct od_explain_input *in)
{
    cJSON *facts = cJSON_CreateObject(), *probes, *p;
    char url[1400];
    int port = in->port ? in->port : OD_DEFAULT_PORT;
    cJSON_AddItemToObject(facts, "input", od_explain_input_json(in));
    cJSON_AddNumberToObject(cJSON_AddObjectToObject(facts, "context"), "port", port);
    probes = cJSON_AddArrayToObject(facts, "probes");
    if (!in->host[0])
        return facts;
    p = cJSON_CreateObject();
    snprintf(url, sizeof url, "http://%s%s%s:%d%s", strchr(in->host, ':') ? "[" : "", in->host,
             strchr(in->host, ':') ? "]" : "", port, in->path);
    cJSON_AddStringToObject(p, "origin", "url");
    cJSON_AddStringToObject(p, "url", in->url[0] ? in->url : url);
    cJSON_AddStringToObject(p, "host", in->host);
    cJSON_AddNumberToObject(p, "port", port);
    cJSON_AddStringToObject(p, "path", in->path);
    cJSON_AddItemToArray(probes, p);
    return facts;
}

int od_cmd_explain(const struct od_opts *o)
{
    struct od_rules rs;
    struct od_explain_input in;
    struct od_strv os = {0};
    cJSON *doc = NULL, *facts = NULL, *findings = NULL;
    char *text = NULL;
    int rc = OD_EXIT_INTERNAL, json = o->format == OD_FMT_JSON;

    if (load_rules(o, o->rules_dir, &rs, json) != 0) {
        od_rules_free(&rs);
        return OD_EXIT_USAGE;
    }
    if (!(text = explain_text(o)) || od_explain_parse(text, &in) != 0) {
        rc = od_fail(OD_ERR_NOMEM, "out of memory while reading the error text", json);
        goto out;
    }
    if (!text[strspn(text, " \t\r\n")]) {
        rc = od_fail(OD_ERR_USAGE, "explain: no error text (pass it as an argument, or on stdin)", json);
        goto out;
    }
    if (o->os && strcmp(o->os, "auto") != 0)
        od_strv_push(&os, o->os);
    facts = explain_facts(&in);
    if (!(findings = od_rules_eval(&rs, facts, os.n ? &os : NULL))) {
        rc = od_fail(OD_ERR_NOMEM, "out of memory while evaluating rules", json);
        goto out;
    }
    doc = od_report_explain(facts, findings);
    findings = NULL; /* owned by doc */
    rc = od_report_emit(o, doc) == 0 ? (cJSON_GetArraySize(cJSON_GetObjectItem(doc, "findings")) ? OD_EXIT_PROBLEMS
                                                                                                  : OD_EXIT_OK)
                                     : OD_EXIT_INTERNAL;
out:
    cJSON_Delete(findings);
    cJSON_Delete(facts);
    cJSON_Delete(doc);
    od_strv_free(&os);
    free(text);
    od_rules_free(&rs);
    return rc;
}

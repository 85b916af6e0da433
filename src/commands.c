/* commands — check, explain and rules: each runs its pipeline and hands the
 * result to report.c, the one place that prints results. */
#include "commands.h"

#include <ares.h>
#include <curl/curl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cand.h"
#include "classify.h"
#include "explain.h"
#include "facts.h"
#include "probe.h"
#include "report.h"
#include "rules.h"

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
        od_fail(OD_ERR_RULES, "invalid rules (see the messages above, or run 'ollama-doctor rules lint')", json);
        (void)o;
    }
    od_strv_free(&lint);
    return rc;
}

static int exit_status(const struct od_opts *o, const struct od_outcome *out, const cJSON *findings)
{
    const cJSON *f;
    if (out->verdict != OD_VERDICT_OK)
        return OD_EXIT_PROBLEMS;
    cJSON_ArrayForEach(f, findings)
    {
        const char *sev = cJSON_GetObjectItemCaseSensitive(f, "severity")->valuestring;
        if (strcmp(sev, "error") == 0 || (o->fail_on == OD_SEV_WARNING && strcmp(sev, "warning") == 0))
            return OD_EXIT_PROBLEMS;
    }
    return OD_EXIT_OK;
}

static void progress(const struct od_opts *o, size_t n, int done)
{
    if (o->quiet || o->format == OD_FMT_JSON || !isatty(STDERR_FILENO))
        return;
    if (done)
        fprintf(stderr, "%60s\r", "");
    else
        fprintf(stderr, "probing %zu candidates (at most %.1f s)...\r", n, o->timeout_ms * 1.1 / 1000);
}

static int check_run(const struct od_opts *o, const struct od_rules *rs)
{
    struct od_env env = {environ};
    struct od_facts f;
    struct od_cands cands = {0};
    struct od_run run = {0};
    struct od_outcome out;
    cJSON *doc = NULL, *findings;
    char why[256] = "";
    int rc = OD_EXIT_INTERNAL, json = o->format == OD_FMT_JSON;

    if (od_facts_discover(o, &od_paths_live, &env, &f) != 0 || od_cands_build(o, &f, &cands) != 0) {
        rc = od_fail(OD_ERR_NOMEM, "out of memory while reading facts", json);
        goto out;
    }
    progress(o, cands.n, 0);
    if (od_probe_run(&cands, &f, o, &run, why, sizeof why) != 0) {
        rc = od_fail(OD_ERR_LIB, why, json);
        goto out;
    }
    progress(o, cands.n, 1);
    od_classify(&run, &out);
    if (!(doc = od_report_build(o, &f, &run, &out)) || !(findings = od_rules_eval(rs, doc, &f.target_os))) {
        rc = od_fail(OD_ERR_NOMEM, "out of memory while building the report", json);
        goto out;
    }
    od_report_set_findings(doc, findings, &out);
    rc = od_report_emit(o, doc) == 0 ? exit_status(o, &out, findings) : OD_EXIT_INTERNAL;
out:
    cJSON_Delete(doc);
    od_run_free(&run);
    od_cands_free(&cands);
    od_facts_free(&f);
    return rc;
}

int od_cmd_check(const struct od_opts *o)
{
    struct od_rules rs;
    int rc, json = o->format == OD_FMT_JSON;
    if (load_rules(o, o->rules_dir, &rs, json) != 0) {
        od_rules_free(&rs);
        return OD_EXIT_USAGE;
    }
    if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK || ares_library_init(ARES_LIB_INIT_ALL) != ARES_SUCCESS) {
        od_rules_free(&rs);
        return od_fail(OD_ERR_LIB, "cannot initialise libcurl or c-ares", json);
    }
    rc = check_run(o, &rs);
    ares_library_cleanup();
    curl_global_cleanup();
    od_rules_free(&rs);
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
        for (size_t i = 0; i < o->args.n; i++) {
            strcat(buf, o->args.v[i]);
            strcat(buf, i + 1 < o->args.n ? " " : "");
        }
        return buf;
    }
    if (!(buf = malloc(cap + 1)))
        return NULL;
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

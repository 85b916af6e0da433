/* main — ollama-doctor: discover → candidates → probe → classify → report. */
#include <ares.h>
#include <curl/curl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cand.h"
#include "classify.h"
#include "err.h"
#include "facts.h"
#include "opts.h"
#include "probe.h"
#include "report.h"

extern char **environ;

/* Before the options are parsed we still want errors in the right format. */
static int wants_json(int argc, char **argv)
{
    for (int i = 1; i < argc; i++)
        if (strcmp(argv[i], "--json") == 0 || strcmp(argv[i], "--format=json") == 0 ||
            (strcmp(argv[i], "--format") == 0 && i + 1 < argc && strcmp(argv[i + 1], "json") == 0))
            return 1;
    return 0;
}

static int fail(enum od_err e, const char *why, int json)
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

static void print_version(void)
{
    const curl_version_info_data *cv = curl_version_info(CURLVERSION_NOW);
    printf("ollama-doctor %s (libcurl %s, c-ares %s, cJSON %s)\n", OD_VERSION, cv->version, ares_version(NULL),
           cJSON_Version());
}

static void progress(const struct od_opts *o, size_t n)
{
    if (o->quiet || o->format == OD_FMT_JSON || !isatty(STDERR_FILENO))
        return;
    fprintf(stderr, "probing %zu candidates (at most %.1f s)...\r", n, o->timeout_ms * 1.1 / 1000);
}

static int check(const struct od_opts *o)
{
    struct od_env env = {environ};
    struct od_facts f;
    struct od_cands cands;
    struct od_run run;
    struct od_outcome out;
    cJSON *doc = NULL;
    char why[256] = "";
    int rc = OD_EXIT_INTERNAL, json = o->format == OD_FMT_JSON;

    memset(&cands, 0, sizeof cands);
    memset(&run, 0, sizeof run);
    if (od_facts_discover(o, &od_paths_live, &env, &f) != 0) {
        rc = fail(OD_ERR_NOMEM, "out of memory while reading facts", json);
        goto out_facts;
    }
    if (od_cands_build(o, &f, &cands) != 0) {
        rc = fail(OD_ERR_NOMEM, "out of memory while building candidates", json);
        goto out;
    }
    progress(o, cands.n);
    if (od_probe_run(&cands, &f, o, &run, why, sizeof why) != 0) {
        rc = fail(OD_ERR_LIB, why, json);
        goto out;
    }
    if (!o->quiet && o->format != OD_FMT_JSON && isatty(STDERR_FILENO))
        fprintf(stderr, "%60s\r", "");
    od_classify(&run, &out);
    if (!(doc = od_report_build(o, &f, &run, &out))) {
        rc = fail(OD_ERR_NOMEM, "out of memory while building the report", json);
        goto out;
    }
    rc = od_report_emit(o, doc) == 0 ? od_verdict_exit(out.verdict) : OD_EXIT_INTERNAL;
out:
    cJSON_Delete(doc);
    od_run_free(&run);
    od_cands_free(&cands);
out_facts:
    od_facts_free(&f);
    return rc;
}

int main(int argc, char **argv)
{
    struct od_opts o;
    char why[512];
    int rc;
    enum od_err e = od_opts_parse(argc, argv, &o, why, sizeof why);

    if (e != OD_OK) {
        rc = fail(e, why, wants_json(argc, argv));
        od_opts_free(&o);
        return rc;
    }
    switch (o.cmd) {
    case OD_CMD_HELP:
        od_opts_usage(stdout);
        rc = OD_EXIT_OK;
        break;
    case OD_CMD_VERSION:
        print_version();
        rc = OD_EXIT_OK;
        break;
    case OD_CMD_CHECK:
        if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK || ares_library_init(ARES_LIB_INIT_ALL) != ARES_SUCCESS) {
            rc = fail(OD_ERR_LIB, "cannot initialise libcurl or c-ares", o.format == OD_FMT_JSON);
            break;
        }
        rc = check(&o);
        ares_library_cleanup();
        curl_global_cleanup();
        break;
    default:
        snprintf(why, sizeof why, "'%s' is not available in this version yet (use check)", argv[1]);
        rc = fail(OD_ERR_USAGE, why, o.format == OD_FMT_JSON);
        break;
    }
    od_opts_free(&o);
    return rc;
}

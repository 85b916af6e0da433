/* commands — check, explain and rules: each runs its pipeline and hands the
 * result to report.c, the one place that prints results. */
#include "commands.h"

#include <ares.h>
#include <curl/curl.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "app.h"
#include "check.h"
#include "explain.h"
#include "report.h"
#include "rules.h"
#include "schema.h"
#include "sig.h"

#define OD_EXPLAIN_CAP (64u * 1024)

/* The message on stderr and, for o (NULL: none), the error document in o's
 * format: explain --batch puts it on its text's line. */
static int fail_as(const struct od_opts *o, enum od_err e, const char *why)
{
    cJSON *doc = o ? od_report_error(e, why) : NULL;
    fprintf(stderr, "ollama-doctor: %s\n", why); /* one line: usage errors name --help themselves */
    if (doc)
        od_report_emit(o, OD_DOC_CHECK, doc);
    cJSON_Delete(doc);
    return od_err_exit(e);
}

int od_fail(enum od_err e, const char *why, int json)
{
    struct od_opts o;
    memset(&o, 0, sizeof o);
    o.format = OD_FMT_JSON;
    return fail_as(json ? &o : NULL, e, why);
}

/* Load the rule set (a directory's is linted; the built-in one was linted by
 * the build); on problems print them (stderr) and return -1. */
static int load_rules(const struct od_opts *o, const char *dir, struct od_rules *rs, int json)
{
    struct od_strv lint = {0};
    int rc = dir ? od_rules_load(rs, dir, &lint) : od_rules_load_builtin(rs, od_lang_pick(o->lang, NULL), &lint);
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

cJSON *od_check_report(const struct od_opts *o, struct od_check *c, int *exit_code, enum od_err *err, char *why,
                       size_t whylen)
{
    struct od_rules rs;
    cJSON *doc = NULL;
    enum od_verdict v = OD_VERDICT_UNREACHABLE;

    memset(c, 0, sizeof *c);
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
    progress(o, "probing", 0);
    *err = od_check_run(o, c, why, whylen);
    progress(o, "", 1);
    if (*err == OD_OK && !(doc = od_report_build(c, &rs, od_report_lang(o), &v))) {
        *err = OD_ERR_NOMEM;
        snprintf(why, whylen, "out of memory while building the report");
    }
    if (doc)
        *exit_code = exit_status(o, v, cJSON_GetObjectItemCaseSensitive(doc, "findings"));
    ares_library_cleanup();
    curl_global_cleanup();
    od_rules_free(&rs);
    return doc;
}

cJSON *od_check_doc(const struct od_opts *o, int *exit_code, enum od_err *err, char *why, size_t whylen)
{
    struct od_check c;
    cJSON *doc = od_check_report(o, &c, exit_code, err, why, whylen);
    od_check_free(&c);
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
    if (od_report_emit(o, OD_DOC_CHECK, doc) != 0)
        rc = OD_EXIT_INTERNAL;
    cJSON_Delete(doc);
    return rc;
}

/* --- rules list | lint [DIR] -------------------------------------------- */

static void print_path(const char *path, void *arg)
{
    (void)arg;
    printf("%s\n", path);
}

/* rules list|lint [DIR]: the rule files, and (lint) the signature files explain
 * reads; a directory may hold either or both. */
static int rules_list_lint(const struct od_opts *o)
{
    const char *dir = o->args.n > 1 ? o->args.v[1] : o->rules_dir;
    struct od_rules rs;
    struct od_sigs sigs;
    struct od_strv lint = {0}, slint = {0};
    int lint_mode = strcmp(o->args.v[0], "lint") == 0, found = 0;
    int src = od_sigs_load(&sigs, dir, &slint, &found, 1), rc = od_rules_load(&rs, dir, &lint);

    if (lint_mode && dir && found && rs.n == 0 && lint.n == 1 && strstr(lint.v[0], "only signature files")) {
        od_strv_free(&lint); /* a directory of signature files only */
        rc = 0;
    }
    for (size_t i = 0; i < lint.n; i++)
        fprintf(lint_mode ? stdout : stderr, "%s\n", lint.v[i]);
    for (size_t i = 0; lint_mode && i < slint.n; i++)
        printf("%s\n", slint.v[i]);
    if (lint_mode) {
        rc = rc == 0 && src == 0 ? 0 : -1;
        if (rc == 0 && (found || !dir))
            printf("%zu rules, %zu signatures, %zu host rules, no problems (%s)\n", rs.n, sigs.n, sigs.nh,
                   dir ? dir : "built-in set");
        else if (rc == 0)
            printf("%zu rules, no problems (%s)\n", rs.n, dir);
    } else if (rc == 0) {
        cJSON *doc = od_rules_doc(&rs, dir);
        if (!doc || od_report_emit(o, OD_DOC_RULES, doc) != 0)
            rc = -2;
        cJSON_Delete(doc);
    }
    fflush(stdout);
    od_strv_free(&lint);
    od_strv_free(&slint);
    od_rules_free(&rs);
    od_sigs_free(&sigs);
    return rc == 0 ? OD_EXIT_OK : rc == -2 ? OD_EXIT_INTERNAL : OD_EXIT_USAGE;
}

int od_cmd_rules(const struct od_opts *o)
{
    if (strcmp(o->args.v[0], "paths") == 0) {
        od_schema_each(print_path, NULL);
        return fflush(stdout) == 0 ? OD_EXIT_OK : OD_EXIT_INTERNAL;
    }
    return rules_list_lint(o);
}

/* --- explain [TEXT|-] ------------------------------------------------------ */

/* The arguments, joined by blanks. */
static char *joined_args(const struct od_strv *args)
{
    size_t total = 1, at = 0;
    char *buf;
    for (size_t i = 0; i < args->n; i++)
        total += strlen(args->v[i]) + 1;
    if (!(buf = malloc(total)))
        return NULL;
    for (size_t i = 0; i < args->n; i++)
        at += (size_t)snprintf(buf + at, total - at, "%s%s", i ? " " : "", args->v[i]);
    buf[at] = '\0';
    return buf;
}

/* Standard input up to cap bytes. On a terminal one Ctrl-D ends the paste,
 * after a newline or in the middle of a line (where the terminal hands over
 * the partial line, and a second Ctrl-D would otherwise be needed). */
/* A paste longer than cap keeps its first quarter and its last three
 * quarters, the end of a log being where its error most often is; *total
 * is what was read. */
static char *read_paste(size_t cap, enum od_lang lang, size_t *total)
{
    size_t head_cap = cap / 4, tail_cap = cap - head_cap - 1, head = 0, tail = 0, at = 0;
    int tty = isatty(STDIN_FILENO);
    char *buf = malloc(cap + 1), *ring = malloc(tail_cap), chunk[8192];
    *total = 0;
    if (!buf || !ring) {
        free(buf);
        free(ring);
        return NULL;
    }
    if (tty)
        fprintf(stderr, "%s\n", od_tr(lang, "Paste the error message, then press Ctrl-D:"));
    for (;;) {
        ssize_t n = read(STDIN_FILENO, chunk, sizeof chunk);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            break;
        *total += (size_t)n;
        for (ssize_t i = 0; i < n; i++) {
            if (head < head_cap) {
                buf[head++] = chunk[i];
                continue;
            }
            ring[at] = chunk[i]; /* the last tail_cap bytes, oldest at at once full */
            at = (at + 1) % tail_cap;
            if (tail < tail_cap)
                tail++;
        }
        if (tty && chunk[n - 1] != '\n') {
            fputc('\n', stderr); /* the report starts on a line of its own */
            break;
        }
    }
    if (tail && *total > head + tail)
        buf[head++] = '\n'; /* the middle is left out: the tail starts a line */
    for (size_t i = 0; i < tail; i++)
        buf[head++] = ring[(tail < tail_cap ? i : at + i) % tail_cap];
    buf[head] = '\0';
    free(ring);
    return buf;
}

static char *explain_text(const struct od_opts *o)
{
    size_t total;
    char *text;
    if (o->args.n && strcmp(o->args.v[0], "-") != 0)
        return joined_args(&o->args);
    text = read_paste(OD_EXPLAIN_CAP, od_lang_pick(o->lang, NULL), &total);
    if (text && total > OD_EXPLAIN_CAP && !o->quiet)
        fprintf(stderr, "ollama-doctor: the paste has %zu bytes; explain reads its first %u and its last %u\n", total,
                OD_EXPLAIN_CAP / 4, OD_EXPLAIN_CAP - OD_EXPLAIN_CAP / 4 - 1);
    return text;
}

/* The system whose fixes apply, when the text shows it: the server's own
 * listing or unit beside the error; or a native client on Windows, macOS or
 * a Linux machine that failed at its own loopback (or named no address: its
 * app's default is that machine) talks to an Ollama on that same system, so
 * the other systems' fixes would only be noise (--os chooses otherwise).
 * Otherwise another machine's system the text cannot tell. */
static const char *explain_own_os(const struct od_explain_input *in)
{
    static const struct { const char *platform, *os; } map[] = {
        {"windows", "windows"}, {"macos", "macos"}, {"linux-host", "linux"}};
    static const struct { const char *hint, *os; } server[] = {
        {"server-linux", "linux"}, {"server-macos", "macos"}, {"server-windows", "windows"},
        {"fw-ufw", "linux"},       {"fw-firewalld", "linux"}, {"fw-nft", "linux"}};
    const char *seen = NULL;
    /* the server's own listing or unit shows its system (ss and systemd:
     * Linux; netstat -ano: Windows), and so does a firewall's (ufw,
     * firewalld, nftables: Linux): its fixes are that system's */
    for (size_t i = 0; i < sizeof server / sizeof server[0]; i++)
        if (od_explain_has_hint(in, server[i].hint))
            seen = seen ? "" : server[i].os;
    if (seen && *seen)
        return seen;
    if (in->in_container || (in->host[0] && !od_explain_this_machine(in->host)))
        return NULL;
    for (size_t i = 0; i < sizeof map / sizeof map[0]; i++)
        if (strcmp(in->platform, map[i].platform) == 0)
            return map[i].os;
    return NULL;
}

/* The rules and the signatures explain reads a text with, loaded once. */
struct explain_sets {
    struct od_rules rs;
    struct od_sigs sigs;
};

static int explain_sets_load(const struct od_opts *o, struct explain_sets *x, char *why, size_t whylen)
{
    struct od_strv lint = {0};
    int rules_ok = load_rules(o, o->rules_dir, &x->rs, -1) == 0;
    int sigs_ok = od_sigs_load(&x->sigs, o->rules_dir, &lint, NULL, 0) == 0;
    for (size_t i = 0; i < lint.n; i++)
        fprintf(stderr, "%s\n", lint.v[i]);
    od_strv_free(&lint);
    if (rules_ok && sigs_ok)
        return 0;
    snprintf(why, whylen, "invalid rules (see the messages above, or run 'ollama-doctor rules lint')");
    return -1;
}

static void explain_sets_free(struct explain_sets *x)
{
    od_rules_free(&x->rs);
    od_sigs_free(&x->sigs);
}

/* One text's explain document, with the sets loaded. */
static cJSON *explain_one(const struct od_opts *o, struct explain_sets *x, const char *text, enum od_err *err,
                          char *why, size_t whylen)
{
    struct od_explain_input *in = calloc(1, sizeof *in);
    struct od_strv os = {0};
    const char *own_os;
    cJSON *doc = NULL, *facts = NULL, *findings = NULL;

    *err = OD_ERR_USAGE;
    if (!text || !text[strspn(text, " \t\r\n")]) {
        snprintf(why, whylen, "explain: no error text (pass it as an argument, or on stdin)");
        goto out;
    }
    *err = OD_ERR_NOMEM;
    if (!in || od_explain_read(&x->sigs, o->app, text, in) != 0) {
        snprintf(why, whylen, "out of memory while reading the error text");
        goto out;
    }
    if (o->os && strcmp(o->os, "auto") != 0)
        od_strv_push(&os, o->os);
    else if ((own_os = explain_own_os(in)) != NULL)
        od_strv_push(&os, own_os);
    /* the deployment the text shows: a cluster's fixes, or compose's and
     * docker's, not the other's */
    if (od_explain_has_hint(in, "kubernetes"))
        od_strv_push(&os, "kubernetes");
    else if (in->service[0]) {
        od_strv_push(&os, "compose");
        od_strv_push(&os, "docker");
    }
    facts = od_explain_facts(in);
    if (!(findings = od_rules_eval(&x->rs, facts, os.n ? &os : NULL, od_report_lang(o)))) {
        snprintf(why, whylen, "out of memory while evaluating rules");
        goto out;
    }
    doc = od_report_explain(facts, findings);
    findings = NULL; /* owned by doc */
    *err = OD_OK;
out:
    cJSON_Delete(findings);
    cJSON_Delete(facts);
    od_strv_free(&os);
    free(in);
    return doc;
}

cJSON *od_explain_doc(const struct od_opts *o, const char *text, enum od_err *err, char *why, size_t whylen)
{
    struct explain_sets x;
    cJSON *doc = NULL;
    *err = OD_ERR_RULES;
    if (explain_sets_load(o, &x, why, whylen) == 0)
        doc = explain_one(o, &x, text, err, why, whylen);
    explain_sets_free(&x);
    return doc;
}

#define OD_BATCH_CAP (256u * 1024 * 1024)

/* All of standard input, up to cap bytes (*len; NULL beyond it, *len then
 * cap + 1). */
static char *read_all(size_t cap, size_t *len)
{
    size_t size = 1 << 16, at = 0;
    char *buf = malloc(size), *bigger;
    while (buf) {
        ssize_t n;
        if (at == size - 1) {
            if (size > cap || !(bigger = realloc(buf, size * 2))) {
                free(buf);
                *len = cap + 1;
                return NULL;
            }
            buf = bigger;
            size *= 2;
        }
        n = read(STDIN_FILENO, buf + at, size - 1 - at);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            break;
        at += (size_t)n;
    }
    if (buf)
        buf[at] = '\0';
    *len = at;
    return buf;
}

/* A text longer than cap keeps its first quarter and its last three, as a
 * single paste does (read_paste): in place. */
static void cut_middle(char *t, size_t len, size_t cap)
{
    size_t head = cap / 4, tail = cap - head - 1;
    if (len <= cap)
        return;
    t[head] = '\n';
    memmove(t + head + 1, t + len - tail, tail);
    t[head + 1 + tail] = '\0';
}

/* explain --batch: the texts on standard input, each ended by a NUL byte
 * (the last may end at the end of input), one JSON document per line for
 * each, in order, the rules and signatures loaded once; a text that cannot
 * be read gets the error document on its line. The exit status is the
 * highest of the texts'. */
static int explain_batch(const struct od_opts *o)
{
    struct explain_sets x;
    char why[512] = "", *all;
    size_t len;
    int worst = OD_EXIT_OK;

    if (!(all = read_all(OD_BATCH_CAP, &len)))
        return od_fail(
            len > OD_BATCH_CAP ? OD_ERR_USAGE : OD_ERR_NOMEM,
            len > OD_BATCH_CAP ? "explain --batch reads at most 256 MiB" : "out of memory while reading the texts", 1);
    if (explain_sets_load(o, &x, why, sizeof why) != 0) {
        explain_sets_free(&x);
        free(all);
        return od_fail(OD_ERR_RULES, why, 1);
    }
    for (size_t at = 0; at < len;) {
        char *t = all + at;
        size_t n = strlen(t);
        enum od_err e = OD_ERR_NOMEM;
        cJSON *doc;
        int rc;
        at += n + 1;
        cut_middle(t, n, OD_EXPLAIN_CAP);
        if (!(doc = explain_one(o, &x, t, &e, why, sizeof why)))
            rc = fail_as(o, e, why); /* the error document on this text's line */
        else
            rc = od_report_emit(o, OD_DOC_EXPLAIN, doc) == 0
                     ? exit_status(o, OD_VERDICT_OK, cJSON_GetObjectItemCaseSensitive(doc, "findings"))
                     : OD_EXIT_INTERNAL;
        cJSON_Delete(doc);
        if (rc > worst)
            worst = rc;
    }
    explain_sets_free(&x);
    free(all);
    return worst;
}

int od_cmd_explain(const struct od_opts *o)
{
    char why[512] = "", *text;
    enum od_err e = OD_ERR_NOMEM;
    int rc, json = o->format == OD_FMT_JSON;
    cJSON *doc;

    if (o->batch)
        return explain_batch(o);
    text = explain_text(o);
    doc = text ? od_explain_doc(o, text, &e, why, sizeof why) : NULL;

    if (!doc) {
        rc = od_fail(e, text ? why : "out of memory while reading the error text", json);
        free(text);
        return rc;
    }
    /* no verdict offline: the findings alone decide, by --fail-on (an info
     * finding, not a connectivity error, is not a problem found) */
    rc = od_report_emit(o, OD_DOC_EXPLAIN, doc) == 0
             ? exit_status(o, OD_VERDICT_OK, cJSON_GetObjectItemCaseSensitive(doc, "findings"))
             : OD_EXIT_INTERNAL;
    cJSON_Delete(doc);
    free(text);
    return rc;
}

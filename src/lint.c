/* lint — structural and semantic checks of rule files, with positions. */
#include "lint.h"
#include "lint_int.h"

#include <ctype.h>
#include <regex.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cond.h"
#include "schema.h"

/* What a rule file may contain. */
static const char *const rule_keys[] = {"id", "severity", "rank", "title", "when", "subject", "suppresses", "detail",
                                        "evidence", "fixes", "caveats", "refs", NULL};
static const char *const fix_keys[] = {"platform", "title", "when", "commands", "steps", "notes", NULL};
static const char *const step_keys[] = {"run", "file", "lines", "type", "where", "syntax", NULL};
static const char *const platforms[] = {"macos", "linux", "windows", "docker", "compose", "kubernetes", "any", NULL};
static const char *const severities[] = {"error", "warning", "info", NULL};
static const char *const cond_keys[] = {"all", "any", "not", "some", "every", "none", "where", "as", "path", NULL};

/* While checking, what paths are relative to and which names are bound. */
struct lscope {
    char here[512];                 /* schema prefix of the current element, "" = root */
    const char *names[OD_MAX_BINDINGS];
    char bound[OD_MAX_BINDINGS][512];
    int nb;
};

/* Deeper conditions are refused: each level costs stack here and when the
 * rule is evaluated, and no real rule needs more than a handful. */
#define OD_MAX_COND_DEPTH 32

static int in_list(const char *s, const char *const *list)
{
    for (int i = 0; list[i]; i++)
        if (strcmp(s, list[i]) == 0)
            return 1;
    return 0;
}

static void position(const char *text, const char *at, int *line, int *col)
{
    *line = 1, *col = 1;
    for (const char *p = text; p && at && p < at && *p; p++) {
        if (*p == '\n')
            (*line)++, *col = 1;
        else
            (*col)++;
    }
}

void od_lint_msg(struct od_strv *lint, const char *file, const char *text, const char *at, const char *msg)
{
    char line[1200];
    int l, c;
    position(text, at, &l, &c);
    snprintf(line, sizeof line, "%s:%d:%d: %s", file, l, c, msg);
    od_strv_push(lint, line);
}

void od_lint_at(struct od_strv *lint, const char *file, const char *text, const char *needle, const char *fmt, ...)
{
    char msg[1000];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    od_lint_msg(lint, file, text, needle ? strstr(text, needle) : NULL, msg);
}

void od_lint_str(struct lctx *x, const char *value, const char *fmt, ...)
{
    char needle[300], msg[1000];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    snprintf(needle, sizeof needle, "\"%s\"", value);
    /* a path inside a {{template}} is not quoted on its own */
    od_lint_at(x->lint, x->file, x->text, strstr(x->text, needle) ? needle : value, "%s", msg);
}

/* The schema path a rule path stands for in scope sc. */
static void resolve(const struct lscope *sc, const char *path, char *out, size_t n)
{
    const char *dot = strchr(path, '.');
    size_t len = dot ? (size_t)(dot - path) : strlen(path);
    if (strncmp(path, "$.", 2) == 0) {
        od_strlcpy(out, path + 2, n);
        return;
    }
    for (int i = sc->nb - 1; i >= 0; i--)
        if (strlen(sc->names[i]) == len && strncmp(sc->names[i], path, len) == 0) {
            snprintf(out, n, "%s%s", sc->bound[i], dot ? dot : "");
            return;
        }
    if (sc->here[0])
        snprintf(out, n, "%s.%s", sc->here, path);
    else
        od_strlcpy(out, path, n);
}

/* The schema prefix of an array's elements: "probes" -> "probes[]". */
static void element_of(const char *array, char *out, size_t n)
{
    size_t len = od_strlcpy(out, array, n);
    if (!od_str_endswith(out, "[]") && len + 3 <= n)
        memcpy(out + len, "[]", 3);
}

static void check_path(struct lctx *x, const struct lscope *sc, const char *path, int want_array)
{
    char full[600];
    if (strcmp(path, ".") == 0 && sc->here[0] && !want_array)
        return; /* the current element */
    resolve(sc, path, full, sizeof full);
    if (!od_schema_known(full))
        od_lint_str(x, path, "unknown fact path '%s' (see docs/facts.md)", path);
    else if (want_array && !od_schema_is_array(full))
        od_lint_str(x, path, "'%s' is not an array (some/every/none/each need one)", path);
}

static void check_template(struct lctx *x, const struct lscope *sc, const char *t)
{
    for (const char *p = strstr(t, "{{"); p; p = strstr(p + 2, "{{")) {
        const char *end = strstr(p, "}}");
        char path[1024];
        if (!end) {
            od_lint_str(x, t, "unclosed {{ in '%s'", t);
            return;
        }
        od_strlcpy(path, p + 2, (size_t)(end - p - 1) < sizeof path ? (size_t)(end - p - 1) : sizeof path);
        char *bar = strchr(path, '|');
        while (bar) { /* {{path|fallback|...}}; a fallback starting with $. is a path too */
            char *next;
            *bar++ = '\0';
            next = strchr(bar, '|');
            if (next)
                *next = '\0';
            if (strncmp(od_trim(bar), "$.", 2) == 0)
                check_path(x, sc, od_trim(bar), 0);
            if (next)
                *next = '|';
            bar = next;
        }
        check_path(x, sc, od_trim(path), 0);
    }
}

static void check_cond(struct lctx *x, const cJSON *c, struct lscope *sc);

static void check_quantifier(struct lctx *x, const cJSON *c, const char *q, struct lscope *sc)
{
    const char *arr = cJSON_GetObjectItemCaseSensitive(c, q)->valuestring;
    const cJSON *where = cJSON_GetObjectItemCaseSensitive(c, "where"), *as = cJSON_GetObjectItemCaseSensitive(c, "as");
    struct lscope inner = *sc;
    char full[600];

    check_path(x, sc, arr, 1);
    resolve(sc, arr, full, sizeof full);
    element_of(full, inner.here, sizeof inner.here);
    if (where)
        check_cond(x, where, &inner);
    if (as && (!cJSON_IsString(as) || strcmp(q, "some") != 0))
        od_lint_at(x->lint, x->file, x->text, "\"as\"", "\"as\" takes a name and goes with \"some\" only");
    else if (as && sc->nb < OD_MAX_BINDINGS) {
        sc->names[sc->nb] = as->valuestring;
        od_strlcpy(sc->bound[sc->nb++], inner.here, sizeof sc->bound[0]);
    }
    for (int i = sc->nb; i < inner.nb; i++) { /* names bound inside stay visible */
        sc->names[sc->nb] = inner.names[i];
        od_strlcpy(sc->bound[sc->nb++], inner.bound[i], sizeof sc->bound[0]);
    }
}

/* Bounded first (compiling an unbounded pattern can take gigabytes), then compiled. */
static void check_regex(struct lctx *x, const cJSON *it)
{
    regex_t re;
    char why[200];
    if (!cJSON_IsString(it))
        od_lint_str(x, it->string, "'%s' takes a valid extended regular expression", it->string);
    else if (od_regex_check(it->valuestring, why, sizeof why) != 0)
        od_lint_str(x, it->valuestring, "'matches' pattern refused: %s", why);
    else if (regcomp(&re, it->valuestring, REG_EXTENDED | REG_ICASE | REG_NOSUB) != 0)
        od_lint_str(x, it->string, "'%s' takes a valid extended regular expression", it->string);
    else
        regfree(&re);
}

static void check_compare(struct lctx *x, const cJSON *c, const struct lscope *sc)
{
    const cJSON *path = cJSON_GetObjectItemCaseSensitive(c, "path"), *it;
    int ops = 0;
    if (!cJSON_IsString(path)) {
        od_lint_at(x->lint, x->file, x->text, "\"when\"", "a condition needs all/any/not/some/every/none or a \"path\"");
        return;
    }
    check_path(x, sc, path->valuestring, 0);
    cJSON_ArrayForEach(it, c)
    {
        if (strcmp(it->string, "path") == 0)
            continue;
        if (!in_list(it->string, od_cond_ops)) {
            od_lint_str(x, it->string, "unknown operator '%s'", it->string);
            continue;
        }
        ops++;
        if (strcmp(it->string, "in") == 0 && !cJSON_IsArray(it))
            od_lint_str(x, it->string, "'%s' takes an array", it->string);
        if (strcmp(it->string, "matches") == 0)
            check_regex(x, it);
    }
    if (ops != 1)
        od_lint_str(x, path->valuestring, "the comparison on '%s' needs exactly one operator", path->valuestring);
}

static void check_cond_at(struct lctx *x, const cJSON *c, struct lscope *sc);

static void check_cond(struct lctx *x, const cJSON *c, struct lscope *sc)
{
    if (x->depth >= OD_MAX_COND_DEPTH) {
        if (!x->too_deep++)
            od_lint_at(x->lint, x->file, x->text, "\"when\"", "conditions are nested more than %d levels deep",
                       OD_MAX_COND_DEPTH);
        return;
    }
    x->depth++;
    check_cond_at(x, c, sc);
    x->depth--;
}

static void check_cond_at(struct lctx *x, const cJSON *c, struct lscope *sc)
{
    const cJSON *it, *sub;
    if (!cJSON_IsObject(c)) {
        od_lint_at(x->lint, x->file, x->text, "\"when\"", "a condition must be an object");
        return;
    }
    if (!cJSON_GetObjectItemCaseSensitive(c, "path"))
        cJSON_ArrayForEach(it, c) if (!in_list(it->string, cond_keys))
            od_lint_str(x, it->string, "unknown key '%s' in a condition", it->string);
    if ((sub = cJSON_GetObjectItemCaseSensitive(c, "all")) || (sub = cJSON_GetObjectItemCaseSensitive(c, "any"))) {
        if (!cJSON_IsArray(sub) || cJSON_GetArraySize(sub) == 0)
            od_lint_str(x, sub->string, "'%s' takes a non-empty array of conditions", sub->string);
        cJSON_ArrayForEach(it, sub) check_cond(x, it, sc);
        return;
    }
    if ((sub = cJSON_GetObjectItemCaseSensitive(c, "not"))) {
        struct lscope inner = *sc;
        check_cond(x, sub, &inner);
        return;
    }
    for (int i = 0; od_cond_quantifiers[i]; i++)
        if ((sub = cJSON_GetObjectItemCaseSensitive(c, od_cond_quantifiers[i]))) {
            if (cJSON_IsString(sub))
                check_quantifier(x, c, od_cond_quantifiers[i], sc);
            else
                od_lint_str(x, sub->string, "'%s' takes the path of an array", sub->string);
            return;
        }
    check_compare(x, c, sc);
}

void od_lint_keys(struct lctx *x, const cJSON *obj, const char *const *allowed, const char *where)
{
    const cJSON *it;
    cJSON_ArrayForEach(it, obj) if (!in_list(it->string, allowed))
        od_lint_str(x, it->string, "unknown key '%s' in %s", it->string, where);
}

static const cJSON *need(struct lctx *x, const cJSON *j, const char *key, cJSON_bool (*is)(const cJSON *const),
                         const char *what)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(j, key);
    char needle[64];
    snprintf(needle, sizeof needle, "\"%s\"", key);
    if (!v)
        od_lint_at(x->lint, x->file, x->text, NULL, "missing \"%s\" (%s)", key, what);
    else if (!is(v))
        od_lint_at(x->lint, x->file, x->text, needle, "\"%s\" has the wrong type (expected %s)", key, what);
    return v && is(v) ? v : NULL;
}

static void check_strings(struct lctx *x, const cJSON *arr, const char *key, const struct lscope *sc)
{
    const cJSON *it;
    if (!arr)
        return;
    if (!cJSON_IsArray(arr)) {
        od_lint_str(x, key, "\"%s\" must be an array of strings", key);
        return;
    }
    cJSON_ArrayForEach(it, arr)
    {
        if (!cJSON_IsString(it))
            od_lint_str(x, key, "\"%s\" must be an array of strings", key);
        else if (sc)
            check_template(x, sc, it->valuestring);
    }
}

static void check_cond(struct lctx *x, const cJSON *c, struct lscope *sc);

/* "syntax": what the lines are written in (od_step_syntaxes). */
static void check_syntax(struct lctx *x, const cJSON *syntax)
{
    if (!syntax)
        return;
    if (!cJSON_IsString(syntax) || !in_list(syntax->valuestring, od_step_syntaxes))
        od_lint_str(x, "syntax", "\"%s\" is one of sh, powershell, yaml, ini, nginx, caddyfile, text", "syntax");
}

/* steps: [{"run": [lines]}, {"file": "label", "lines": [lines]}, {"type": [lines], "where": "label"}] */
static void check_steps(struct lctx *x, const cJSON *steps, const struct lscope *sc)
{
    const cJSON *st;
    if (!cJSON_IsArray(steps) || cJSON_GetArraySize(steps) == 0) {
        od_lint_str(x, "steps", "\"%s\" takes a non-empty array of steps", "steps");
        return;
    }
    cJSON_ArrayForEach(st, steps)
    {
        const cJSON *run = cJSON_GetObjectItemCaseSensitive(st, "run"), *file = cJSON_GetObjectItemCaseSensitive(st, "file");
        const cJSON *type = cJSON_GetObjectItemCaseSensitive(st, "type"), *where = cJSON_GetObjectItemCaseSensitive(st, "where");
        od_lint_keys(x, st, step_keys, "a step");
        if (!!run + !!file + !!type != 1) {
            od_lint_str(x, "steps", "a step in \"%s\" is exactly one of run, file or type", "steps");
            continue;
        }
        if (file) {
            if (!cJSON_IsString(file))
                od_lint_str(x, "file", "\"%s\" takes the label of the file (a template)", "file");
            else
                check_template(x, sc, file->valuestring);
            check_strings(x, cJSON_GetObjectItemCaseSensitive(st, "lines"), "lines", sc);
            if (!cJSON_GetObjectItemCaseSensitive(st, "lines"))
                od_lint_str(x, "file", "a \"%s\" step needs \"lines\"", "file");
        } else {
            check_strings(x, run ? run : type, run ? "run" : "type", sc);
        }
        if (cJSON_IsString(where))
            check_template(x, sc, where->valuestring);
        check_syntax(x, cJSON_GetObjectItemCaseSensitive(st, "syntax"));
    }
}

static void check_fixes(struct lctx *x, const cJSON *fixes, const struct lscope *sc, int is_error)
{
    const cJSON *f;
    if (!fixes || cJSON_GetArraySize(fixes) == 0) {
        if (is_error)
            od_lint_at(x->lint, x->file, x->text, "\"severity\"", "a rule of severity error needs at least one fix");
        return;
    }
    if (!cJSON_IsArray(fixes)) {
        od_lint_str(x, "fixes", "\"%s\" must be an array of objects", "fixes");
        return;
    }
    cJSON_ArrayForEach(f, fixes)
    {
        const cJSON *p = cJSON_GetObjectItemCaseSensitive(f, "platform"), *t = cJSON_GetObjectItemCaseSensitive(f, "title");
        const cJSON *notes = cJSON_GetObjectItemCaseSensitive(f, "notes");
        od_lint_keys(x, f, fix_keys, "a fix");
        if (cJSON_GetObjectItemCaseSensitive(f, "when")) {
            struct lscope inner = *sc;
            check_cond(x, cJSON_GetObjectItemCaseSensitive(f, "when"), &inner);
        }
        if (!cJSON_IsString(p) || !in_list(p->valuestring, platforms))
            od_lint_str(x, cJSON_IsString(p) ? p->valuestring : "fixes",
                     "a fix needs \"platform\": macos, linux, windows, docker, compose, kubernetes or any (got '%s')",
                     cJSON_IsString(p) ? p->valuestring : "nothing");
        if (!cJSON_IsString(t))
            od_lint_str(x, "fixes", "every fix in \"%s\" needs a \"title\"", "fixes");
        else
            check_template(x, sc, t->valuestring);
        if (cJSON_GetObjectItemCaseSensitive(f, "steps"))
            check_steps(x, cJSON_GetObjectItemCaseSensitive(f, "steps"), sc);
        else if (!cJSON_IsArray(cJSON_GetObjectItemCaseSensitive(f, "commands")))
            od_lint_str(x, "fixes", "every fix in \"%s\" needs \"commands\" or \"steps\"", "fixes");
        check_strings(x, cJSON_GetObjectItemCaseSensitive(f, "commands"), "commands", sc);
        if (cJSON_IsString(notes))
            check_template(x, sc, notes->valuestring);
    }
}

static void check_evidence(struct lctx *x, const cJSON *ev, const struct lscope *sc)
{
    const cJSON *it;
    cJSON_ArrayForEach(it, ev)
    {
        const cJSON *each = cJSON_GetObjectItemCaseSensitive(it, "each"), *text = cJSON_GetObjectItemCaseSensitive(it, "text");
        struct lscope inner = *sc;
        char full[600];
        if (cJSON_IsString(it)) {
            check_template(x, sc, it->valuestring);
            continue;
        }
        if (!each && cJSON_IsString(text)) { /* {"when": COND, "text": T} */
            const cJSON *when = cJSON_GetObjectItemCaseSensitive(it, "when");
            struct lscope one = *sc;
            if (when)
                check_cond(x, when, &one);
            if (cJSON_GetObjectItemCaseSensitive(it, "where"))
                od_lint_str(x, "where", "\"%s\" goes with \"each\" (a single line takes \"when\")", "where");
            check_template(x, sc, text->valuestring);
            continue;
        }
        if (!cJSON_IsString(each) || !cJSON_IsString(text)) {
            od_lint_str(x, "evidence", "\"%s\" items are templates, {\"each\", \"where\", \"text\"} or {\"when\", \"text\"}", "evidence");
            continue;
        }
        check_path(x, sc, each->valuestring, 1);
        resolve(sc, each->valuestring, full, sizeof full);
        element_of(full, inner.here, sizeof inner.here);
        if (cJSON_GetObjectItemCaseSensitive(it, "where"))
            check_cond(x, cJSON_GetObjectItemCaseSensitive(it, "where"), &inner);
        check_template(x, &inner, text->valuestring);
    }
}

static cJSON_bool is_detail(const cJSON *const v)
{
    return cJSON_IsString(v) || (cJSON_IsArray(v) && cJSON_GetArraySize(v) > 0);
}

/* A detail in parts: evidence's single-line forms, never "each". */
static void check_detail_parts(struct lctx *x, const cJSON *parts, const struct lscope *sc)
{
    const cJSON *it;
    cJSON_ArrayForEach(it, parts)
    {
        if (cJSON_GetObjectItemCaseSensitive(it, "each"))
            od_lint_str(x, "detail", "\"%s\" parts are templates or {\"when\", \"text\"}, not \"each\"", "detail");
    }
    check_evidence(x, parts, sc);
}

/* "subject": the probes a finding is about, a condition over one probe; the
 * severity policy keeps an error only when one of them is the question. */
static void check_subject(struct lctx *x, const cJSON *j, const struct lscope *sc, int is_error)
{
    const cJSON *subj = cJSON_GetObjectItemCaseSensitive(j, "subject");
    struct lscope inner = *sc;
    if (!subj) {
        if (is_error)
            od_lint_at(x->lint, x->file, x->text, "\"severity\"",
                       "a rule of severity error needs a \"subject\" (the probes it is about)");
        return;
    }
    od_strlcpy(inner.here, "probes[]", sizeof inner.here);
    check_cond(x, subj, &inner);
}

static int valid_id(const char *id)
{
    if (!*id)
        return 0;
    for (const char *p = id; *p; p++)
        if (!(islower((unsigned char)*p) || isdigit((unsigned char)*p) || *p == '-'))
            return 0;
    return 1;
}

cJSON *od_lint_rule(const char *file, const char *text, struct od_strv *lint)
{
    struct lctx x = {file, text, lint, 0, 0};
    struct lscope sc;
    const char *end = NULL;
    const cJSON *id, *sev, *title, *when, *detail, *rank;
    cJSON *j = cJSON_ParseWithOpts(text, &end, 1);

    memset(&sc, 0, sizeof sc);
    if (!j) {
        od_lint_msg(lint, file, text, end, "invalid JSON (a missing comma, quote or bracket just before here?)");
        return NULL;
    }
    if (!cJSON_IsObject(j)) {
        od_lint_msg(lint, file, text, text + strspn(text, " \t\r\n"), "a rule file holds one JSON object");
        cJSON_Delete(j);
        return NULL;
    }
    od_lint_keys(&x, j, rule_keys, "a rule");
    id = need(&x, j, "id", cJSON_IsString, "a stable finding id");
    sev = need(&x, j, "severity", cJSON_IsString, "error, warning or info");
    title = need(&x, j, "title", cJSON_IsString, "a one-line template");
    when = need(&x, j, "when", cJSON_IsObject, "the condition");
    detail = need(&x, j, "detail", is_detail, "why it happens: a template, or parts (templates or {\"when\", \"text\"})");
    if (id && !valid_id(id->valuestring))
        od_lint_str(&x, id->valuestring, "id '%s' must be lower case letters, digits and dashes", id->valuestring);
    if (sev && !in_list(sev->valuestring, severities))
        od_lint_str(&x, sev->valuestring, "severity '%s' is not error, warning or info", sev->valuestring);
    if ((rank = cJSON_GetObjectItemCaseSensitive(j, "rank")) && !cJSON_IsNumber(rank))
        od_lint_str(&x, "rank", "\"%s\" must be a number", "rank");
    if (when)
        check_cond(&x, when, &sc); /* names bound by "as" become visible to the templates */
    check_subject(&x, j, &sc, sev && strcmp(sev->valuestring, "error") == 0);
    if (title)
        check_template(&x, &sc, title->valuestring);
    if (cJSON_IsString(detail))
        check_template(&x, &sc, detail->valuestring);
    else if (detail)
        check_detail_parts(&x, detail, &sc);
    check_evidence(&x, cJSON_GetObjectItemCaseSensitive(j, "evidence"), &sc);
    check_fixes(&x, cJSON_GetObjectItemCaseSensitive(j, "fixes"), &sc, sev && strcmp(sev->valuestring, "error") == 0);
    check_evidence(&x, cJSON_GetObjectItemCaseSensitive(j, "caveats"), &sc); /* the same forms as evidence */
    check_strings(&x, cJSON_GetObjectItemCaseSensitive(j, "refs"), "refs", NULL);
    check_strings(&x, cJSON_GetObjectItemCaseSensitive(j, "suppresses"), "suppresses", NULL);
    if (!id || !sev || !title || !when || !detail) {
        cJSON_Delete(j);
        return NULL;
    }
    return j;
}

int od_lint_suppresses(const struct od_rules *rs, const struct od_rule *r, struct od_strv *lint)
{
    const cJSON *it;
    int rc = 0;
    cJSON_ArrayForEach(it, cJSON_GetObjectItemCaseSensitive(r->j, "suppresses"))
    {
        int found = 0;
        for (size_t i = 0; i < rs->n && !found; i++)
            found = strcmp(rs->v[i].id, it->valuestring) == 0;
        if (!found) {
            char msg[300];
            snprintf(msg, sizeof msg, "%s:1:1: suppresses unknown id '%s'", r->file, it->valuestring);
            od_strv_push(lint, msg);
            rc = -1;
        }
    }
    return rc;
}

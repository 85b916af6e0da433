/* rules — load, lint and evaluate the rule set. */
#include "rules.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cond.h"
#include "lint.h"

#define OD_RULES_FILE_CAP (256u * 1024)
#define OD_MAX_EVIDENCE 12

static const char *const sev_names[] = {"info", "warning", "error"};
static const char *const os_platforms[] = {"macos", "linux", "windows"};

const char *od_severity_name(enum od_severity s)
{
    return sev_names[s];
}

static int add_rule(struct od_rules *rs, cJSON *j, const char *file)
{
    if (rs->n == rs->cap) {
        size_t cap = rs->cap ? 2 * rs->cap : 32;
        struct od_rule *v = realloc(rs->v, cap * sizeof *v);
        if (!v)
            return -1;
        rs->v = v;
        rs->cap = cap;
    }
    struct od_rule *r = &rs->v[rs->n++];
    const cJSON *rank = cJSON_GetObjectItemCaseSensitive(j, "rank");
    const char *sev = cJSON_GetObjectItemCaseSensitive(j, "severity")->valuestring;
    r->j = j;
    r->id = cJSON_GetObjectItemCaseSensitive(j, "id")->valuestring;
    r->sev = strcmp(sev, "error") == 0 ? OD_SEV_ERROR : strcmp(sev, "warning") == 0 ? OD_SEV_WARNING : OD_SEV_INFO;
    r->rank = cJSON_IsNumber(rank) ? rank->valueint : 50;
    od_strlcpy(r->file, file, sizeof r->file);
    return od_regex_cache_add_rule(&rs->re, j);
}

static int add_text(struct od_rules *rs, const char *file, const char *text, struct od_strv *lint)
{
    size_t before = lint->n;
    cJSON *j = od_lint_rule(file, text, lint);
    for (size_t i = 0; j && i < rs->n; i++)
        if (strcmp(rs->v[i].id, cJSON_GetObjectItemCaseSensitive(j, "id")->valuestring) == 0)
            od_lint_at(lint, file, text, "\"id\"", "duplicate id '%s' (first defined in %s)", rs->v[i].id,
                       rs->v[i].file);
    if (!j || lint->n > before) {
        cJSON_Delete(j);
        return -1;
    }
    return add_rule(rs, j, file);
}

static int cmp_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static int load_dir(struct od_rules *rs, const char *dir, struct od_strv *lint)
{
    struct od_strv names = {0};
    struct dirent *de;
    DIR *d = opendir(dir);
    int rc = 0;
    char path[4096];

    if (!d) {
        snprintf(path, sizeof path, "%s:1:1: cannot open the rules directory: %s", dir, strerror(errno));
        od_strv_push(lint, path);
        return -1;
    }
    while ((de = readdir(d)))
        if (od_str_endswith(de->d_name, ".json") && de->d_name[0] != '.')
            od_strv_push(&names, de->d_name);
    closedir(d);
    if (names.n > 1)
        qsort(names.v, names.n, sizeof *names.v, cmp_names); /* the same order everywhere */
    if (names.n == 0) {
        snprintf(path, sizeof path, "%s:1:1: no *.json rule files here", dir);
        od_strv_push(lint, path);
        rc = -1;
    }
    for (size_t i = 0; i < names.n; i++) {
        char *text;
        snprintf(path, sizeof path, "%s%s%s", dir, od_str_endswith(dir, "/") ? "" : "/", names.v[i]);
        if (!(text = od_read_file(path, OD_RULES_FILE_CAP, NULL, NULL))) {
            char msg[4200];
            snprintf(msg, sizeof msg, "%s:1:1: cannot read: %s", path, strerror(errno));
            od_strv_push(lint, msg);
            rc = -1;
            continue;
        }
        if (add_text(rs, path, text, lint) != 0)
            rc = -1;
        free(text);
    }
    od_strv_free(&names);
    return rc;
}

int od_rules_load(struct od_rules *rs, const char *dir, struct od_strv *lint)
{
    int rc = 0;
    memset(rs, 0, sizeof *rs);
    if (dir)
        rc = load_dir(rs, dir, lint);
    else
        for (const struct od_rule_src *s = od_builtin_rules; s->file; s++)
            if (add_text(rs, s->file, s->text, lint) != 0)
                rc = -1;
    for (size_t i = 0; i < rs->n; i++)
        if (od_lint_suppresses(rs, &rs->v[i], lint) != 0)
            rc = -1;
    return rc;
}

void od_rules_free(struct od_rules *rs)
{
    for (size_t i = 0; i < rs->n; i++)
        cJSON_Delete(rs->v[i].j);
    free(rs->v);
    od_regex_cache_free(&rs->re);
    memset(rs, 0, sizeof *rs);
}

/* --- evaluation ---------------------------------------------------------- */

static void add_rendered(cJSON *arr, const char *tmpl, const struct od_scope *s)
{
    char *t = od_template(tmpl, s);
    if (t)
        cJSON_AddItemToArray(arr, cJSON_CreateString(t));
    free(t);
}

static void add_rendered_field(cJSON *obj, const char *key, const cJSON *tmpl, const struct od_scope *s)
{
    char *t = cJSON_IsString(tmpl) ? od_template(tmpl->valuestring, s) : NULL;
    cJSON_AddItemToObject(obj, key, t ? cJSON_CreateString(t) : cJSON_CreateNull());
    free(t);
}

/* Evidence lines: templates, or {"each": ARRAY, "where": COND, "text": T}. */
static cJSON *evidence(const cJSON *spec, const struct od_scope *s)
{
    cJSON *out = cJSON_CreateArray();
    const cJSON *it, *el;
    cJSON_ArrayForEach(it, spec)
    {
        if (cJSON_IsString(it)) {
            add_rendered(out, it->valuestring, s);
            continue;
        }
        const cJSON *arr = od_path_get(s, cJSON_GetObjectItemCaseSensitive(it, "each")->valuestring);
        const cJSON *where = cJSON_GetObjectItemCaseSensitive(it, "where");
        const char *text = cJSON_GetObjectItemCaseSensitive(it, "text")->valuestring;
        if (!cJSON_IsArray(arr))
            arr = NULL;
        cJSON_ArrayForEach(el, arr)
        {
            struct od_scope inner = *s;
            inner.here = el;
            if (cJSON_GetArraySize(out) >= OD_MAX_EVIDENCE)
                break;
            if (!where || od_cond_eval(where, &inner))
                add_rendered(out, text, &inner);
        }
    }
    return out;
}

static int wanted_platform(const char *p, const struct od_strv *os)
{
    for (size_t i = 0; i < sizeof os_platforms / sizeof os_platforms[0]; i++)
        if (strcmp(p, os_platforms[i]) == 0)
            return !os || od_strv_contains(os, p);
    return 1;
}

static cJSON *fixes(const cJSON *spec, const struct od_scope *s, const struct od_strv *os)
{
    cJSON *out = cJSON_CreateArray();
    const cJSON *f, *c;
    cJSON_ArrayForEach(f, spec)
    {
        const char *platform = cJSON_GetObjectItemCaseSensitive(f, "platform")->valuestring;
        if (!wanted_platform(platform, os))
            continue;
        cJSON *fix = cJSON_CreateObject(), *cmds;
        cJSON_AddStringToObject(fix, "platform", platform);
        add_rendered_field(fix, "title", cJSON_GetObjectItemCaseSensitive(f, "title"), s);
        cmds = cJSON_AddArrayToObject(fix, "commands");
        cJSON_ArrayForEach(c, cJSON_GetObjectItemCaseSensitive(f, "commands")) add_rendered(cmds, c->valuestring, s);
        add_rendered_field(fix, "notes", cJSON_GetObjectItemCaseSensitive(f, "notes"), s);
        cJSON_AddItemToArray(out, fix);
    }
    return out;
}

static cJSON *finding(const struct od_rule *r, const struct od_scope *s, const struct od_strv *os)
{
    cJSON *f = cJSON_CreateObject(), *cav, *refs;
    const cJSON *it;
    cJSON_AddStringToObject(f, "id", r->id);
    cJSON_AddStringToObject(f, "severity", od_severity_name(r->sev));
    add_rendered_field(f, "title", cJSON_GetObjectItemCaseSensitive(r->j, "title"), s);
    add_rendered_field(f, "detail", cJSON_GetObjectItemCaseSensitive(r->j, "detail"), s);
    cJSON_AddItemToObject(f, "evidence", evidence(cJSON_GetObjectItemCaseSensitive(r->j, "evidence"), s));
    cJSON_AddItemToObject(f, "fixes", fixes(cJSON_GetObjectItemCaseSensitive(r->j, "fixes"), s, os));
    cav = cJSON_AddArrayToObject(f, "caveats");
    cJSON_ArrayForEach(it, cJSON_GetObjectItemCaseSensitive(r->j, "caveats")) add_rendered(cav, it->valuestring, s);
    refs = cJSON_AddArrayToObject(f, "refs");
    cJSON_ArrayForEach(it, cJSON_GetObjectItemCaseSensitive(r->j, "refs"))
        cJSON_AddItemToArray(refs, cJSON_CreateString(it->valuestring));
    return f;
}

struct fired {
    const struct od_rule *r;
    cJSON *f;
};

static int by_importance(const void *a, const void *b)
{
    const struct od_rule *x = ((const struct fired *)a)->r, *y = ((const struct fired *)b)->r;
    if (x->sev != y->sev)
        return (int)y->sev - (int)x->sev;
    if (x->rank != y->rank)
        return x->rank < y->rank ? -1 : 1; /* no subtraction: ranks may be huge */
    return strcmp(x->id, y->id);
}

static int suppressed(const struct fired *all, size_t n, const char *id)
{
    for (size_t i = 0; i < n; i++) {
        const cJSON *it;
        cJSON_ArrayForEach(it, cJSON_GetObjectItemCaseSensitive(all[i].r->j, "suppresses"))
            if (strcmp(it->valuestring, id) == 0)
                return 1;
    }
    return 0;
}

cJSON *od_rules_eval(const struct od_rules *rs, const cJSON *facts, const struct od_strv *os)
{
    struct fired *all = calloc(rs->n ? rs->n : 1, sizeof *all);
    cJSON *out = cJSON_CreateArray();
    size_t n = 0;

    if (!all || !out) {
        free(all);
        cJSON_Delete(out);
        return NULL;
    }
    for (size_t i = 0; i < rs->n; i++) {
        struct od_scope s = {.root = facts, .here = facts, .re = &rs->re};
        if (od_cond_eval(cJSON_GetObjectItemCaseSensitive(rs->v[i].j, "when"), &s))
            all[n++] = (struct fired){&rs->v[i], finding(&rs->v[i], &s, os)};
    }
    if (n > 1)
        qsort(all, n, sizeof *all, by_importance);
    for (size_t i = 0; i < n; i++) {
        if (suppressed(all, n, all[i].r->id))
            cJSON_Delete(all[i].f);
        else
            cJSON_AddItemToArray(out, all[i].f);
    }
    free(all);
    return out;
}

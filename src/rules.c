/* rules — evaluate the rule set over the facts: the findings, rendered
 * (rules_load.c reads and lints it). */
#include "rules.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cond.h"

#define OD_MAX_EVIDENCE 12

static const char *const sev_names[] = {"info", "warning", "error"};
static const char *const os_platforms[] = {"macos", "linux", "windows"};

const char *od_severity_name(enum od_severity s)
{
    return sev_names[s];
}

/* --- evaluation ---------------------------------------------------------- */

/* Rendering a template into the finding; *miss (when not NULL) is set when
 * a value was absent, so that the caller can leave the piece out. */
static void add_rendered(cJSON *arr, const char *tmpl, const struct od_scope *s, int *miss)
{
    int m = 0;
    char *t = od_template(tmpl, s, &m);
    if (t)
        cJSON_AddItemToArray(arr, cJSON_CreateString(t));
    free(t);
    if (miss)
        *miss |= m;
}

static void add_rendered_field(cJSON *obj, const char *key, const cJSON *tmpl, const struct od_scope *s, int *miss)
{
    int m = 0;
    char *t = cJSON_IsString(tmpl) ? od_template(tmpl->valuestring, s, &m) : NULL;
    cJSON_AddItemToObject(obj, key, t ? cJSON_CreateString(t) : cJSON_CreateNull());
    free(t);
    if (miss)
        *miss |= m;
}

/* A text that is said only when every value in it is known (notes). */
static void add_known_field(cJSON *obj, const char *key, const cJSON *tmpl, const struct od_scope *s)
{
    int m = 0;
    char *t = cJSON_IsString(tmpl) ? od_template(tmpl->valuestring, s, &m) : NULL;
    cJSON_AddItemToObject(obj, key, t && !m ? cJSON_CreateString(t) : cJSON_CreateNull());
    free(t);
}

/* A rule's detail: one template, or parts (templates, or {"when", "text"})
 * of which those whose condition holds are said, joined by a space (none in
 * Japanese and Chinese, whose sentences carry their own stop). tr, a
 * translation, has the same parts as strings, in order. */
static void add_detail(cJSON *obj, const cJSON *spec, const cJSON *tr, const struct od_scope *s)
{
    const cJSON *it;
    char *out = NULL;
    size_t len = 0;
    int i = 0;
    if (!cJSON_IsArray(spec)) {
        add_rendered_field(obj, "detail", tr ? tr : spec, s, NULL);
        return;
    }
    cJSON_ArrayForEach(it, spec)
    {
        const cJSON *when = cJSON_GetObjectItemCaseSensitive(it, "when");
        const cJSON *t = tr ? cJSON_GetArrayItem(tr, i) : cJSON_IsString(it) ? it : cJSON_GetObjectItemCaseSensitive(it, "text");
        struct od_scope inner = *s;
        char *part, *grown;
        i++;
        if ((when && !od_cond_eval(when, &inner)) || !cJSON_IsString(t) || !(part = od_template(t->valuestring, s, NULL)))
            continue;
        if ((grown = realloc(out, len + strlen(part) + 2)) != NULL) {
            const char *sep = len && s->lang == OD_LANG_EN ? " " : "";
            out = grown;
            snprintf(out + len, strlen(sep) + strlen(part) + 1, "%s%s", sep, part);
            len += strlen(sep) + strlen(part);
        }
        free(part);
    }
    cJSON_AddItemToObject(obj, "detail", out ? cJSON_CreateString(out) : cJSON_CreateNull());
    free(out);
}

/* What a rule's texts are rendered into: the finding (English, the JSON
 * contract) and, with a translation, its localized twin. */
struct out2 {
    cJSON *en, *loc; /* loc is NULL without a translation */
    enum od_lang lang;
};

/* s for rendering a text in language l (labels from the report shown in it). */
static struct od_scope in_lang(const struct od_scope *s, enum od_lang l)
{
    struct od_scope t = *s;
    t.lang = l;
    return t;
}

/* One line in both languages, left out when a value in it is unknown. */
static void add2(struct out2 o, const char *en, const char *loc, const struct od_scope *s)
{
    int m = 0;
    char *t = od_template(en, s, &m);
    if (t && !m) {
        cJSON_AddItemToArray(o.en, cJSON_CreateString(t));
        if (o.loc) {
            struct od_scope ls = in_lang(s, o.lang);
            add_rendered(o.loc, loc ? loc : en, &ls, NULL);
        }
    }
    free(t);
}

static const cJSON *item(const cJSON *arr, int i)
{
    return cJSON_IsArray(arr) ? cJSON_GetArrayItem(arr, i) : NULL;
}

/* The translated text when there is one, else the English. */
static const cJSON *either(const cJSON *tr, const cJSON *en)
{
    return cJSON_IsString(tr) ? tr : en;
}

static const char *str_or(const cJSON *v, const char *dflt)
{
    return cJSON_IsString(v) ? v->valuestring : dflt;
}

/* Evidence lines: templates, or {"each": ARRAY, "where": COND, "text": T};
 * the translation holds one template per entry, in the same order. */
static void evidence(const cJSON *spec, const cJSON *tr, const struct od_scope *s, struct out2 o)
{
    const cJSON *it, *el;
    int i = 0;
    cJSON_ArrayForEach(it, spec)
    {
        const char *loc = str_or(item(tr, i++), NULL);
        if (cJSON_IsString(it)) {
            add2(o, it->valuestring, loc, s);
            continue;
        }
        const cJSON *each = cJSON_GetObjectItemCaseSensitive(it, "each"), *arr;
        const cJSON *where = cJSON_GetObjectItemCaseSensitive(it, "where");
        const cJSON *when = cJSON_GetObjectItemCaseSensitive(it, "when");
        const char *text = cJSON_GetObjectItemCaseSensitive(it, "text")->valuestring;
        if (!each) { /* {"when": COND, "text": T}: one line when COND holds */
            struct od_scope inner = *s;
            if (!when || od_cond_eval(when, &inner))
                add2(o, text, loc, s);
            continue;
        }
        arr = od_path_get(s, each->valuestring);
        if (!cJSON_IsArray(arr))
            arr = NULL;
        cJSON_ArrayForEach(el, arr)
        {
            struct od_scope inner = *s;
            inner.here = el;
            if (cJSON_GetArraySize(o.en) >= OD_MAX_EVIDENCE)
                break;
            if (!where || od_cond_eval(where, &inner))
                add2(o, text, loc, &inner);
        }
    }
}

static const char *const deploy_platforms[] = {"docker", "compose", "kubernetes"};

/* Whether p is one of the n platforms of set. */
static int in_set(const char *p, const char *const *set, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(p, set[i]) == 0)
            return 1;
    return 0;
}

/* Whether the list names one of the n platforms of set. */
static int lists_one_of(const struct od_strv *os, const char *const *set, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (od_strv_contains(os, set[i]))
            return 1;
    return 0;
}

/* An OS platform's fix is kept when the list names that OS, or none and no
 * cluster (a pod's server has no host service to start or unit to edit); a
 * deployment's (docker, compose, kubernetes) when the list names that
 * deployment or none. */
static int wanted_platform(const char *p, const struct od_strv *os)
{
    const size_t n_os = N_OF(os_platforms), n_deploy = N_OF(deploy_platforms);
    if (in_set(p, os_platforms, n_os))
        return od_strv_contains(os, p) || !(lists_one_of(os, os_platforms, n_os) || od_strv_contains(os, "kubernetes"));
    if (in_set(p, deploy_platforms, n_deploy))
        return od_strv_contains(os, p) || !lists_one_of(os, deploy_platforms, n_deploy);
    return 1;
}

/* The kinds of step a fix is made of: shell commands to run, the content of
 * a file (its label says which), a value to type into a form. */
static const char *const step_kinds[] = {"run", "file", "type"};

const char *const od_step_syntaxes[] = {"sh", "powershell", "yaml", "ini", "nginx", "caddyfile", "text", NULL};

/* A step's syntax: as the rule says, else a shell's for commands (PowerShell
 * on Windows), else plain text. */
static const char *step_syntax(const cJSON *st, size_t kind, const char *platform)
{
    const cJSON *sx = cJSON_GetObjectItemCaseSensitive(st, "syntax");
    if (cJSON_IsString(sx))
        return sx->valuestring;
    if (kind != 0)
        return "text";
    return platform && strcmp(platform, "windows") == 0 ? "powershell" : "sh";
}

/* A fix's steps (or its plain "commands": one run step) rendered; every line
 * also goes to commands, the JSON contract's copy-pasteable list. */
static void steps(const cJSON *f, const cJSON *trf, const struct od_scope *s, cJSON *fix, cJSON *locfix,
                  enum od_lang lang, int *miss)
{
    struct od_scope ls = in_lang(s, lang);
    const char *platform = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(f, "platform"));
    const cJSON *spec = cJSON_GetObjectItemCaseSensitive(f, "steps"), *st, *line;
    cJSON *cmds = cJSON_AddArrayToObject(fix, "commands"), *out = cJSON_AddArrayToObject(fix, "steps");
    cJSON *locsteps = locfix ? cJSON_AddArrayToObject(locfix, "steps") : NULL;
    int i = 0;
    if (!spec && cJSON_GetArraySize(cJSON_GetObjectItemCaseSensitive(f, "commands")) == 0)
        return; /* a fix that is only its note */
    if (!spec) { /* the plain form */
        cJSON *one = cJSON_CreateObject(), *lines;
        cJSON_AddStringToObject(one, "kind", "run");
        cJSON_AddStringToObject(one, "syntax", step_syntax(f, 0, platform));
        cJSON_AddNullToObject(one, "label");
        lines = cJSON_AddArrayToObject(one, "lines");
        cJSON_ArrayForEach(line, cJSON_GetObjectItemCaseSensitive(f, "commands"))
        {
            add_rendered(cmds, line->valuestring, s, miss);
            add_rendered(lines, line->valuestring, s, miss);
        }
        cJSON_AddItemToArray(out, one);
        if (locsteps)
            cJSON_AddItemToArray(locsteps, cJSON_CreateObject());
        return;
    }
    cJSON_ArrayForEach(st, spec)
    {
        const cJSON *trs = item(cJSON_GetObjectItemCaseSensitive(trf, "steps"), i++);
        cJSON *one = cJSON_CreateObject(), *lines, *loc = cJSON_CreateObject();
        const cJSON *label = NULL;
        for (size_t k = 0; k < sizeof step_kinds / sizeof step_kinds[0]; k++) {
            const cJSON *body = cJSON_GetObjectItemCaseSensitive(st, step_kinds[k]);
            if (!body)
                continue;
            cJSON_AddStringToObject(one, "kind", step_kinds[k]);
            cJSON_AddStringToObject(one, "syntax", step_syntax(st, k, platform));
            /* run: a list of lines; file: its label, lines apart; type: lines, label in "where" */
            label = k == 1 ? body : cJSON_GetObjectItemCaseSensitive(st, "where");
            add_rendered_field(one, "label", label, s, miss);
            if (label)
                add_rendered_field(loc, "label", either(cJSON_GetObjectItemCaseSensitive(trs, "label"), label), &ls, NULL);
            const cJSON *src = k == 1 ? cJSON_GetObjectItemCaseSensitive(st, "lines") : body;
            lines = cJSON_AddArrayToObject(one, "lines");
            cJSON_ArrayForEach(line, src)
            {
                add_rendered(cmds, line->valuestring, s, miss);
                add_rendered(lines, line->valuestring, s, miss);
            }
        }
        cJSON_AddItemToArray(out, one);
        if (locsteps)
            cJSON_AddItemToArray(locsteps, loc);
        else
            cJSON_Delete(loc);
    }
}

static void fixes(const cJSON *spec, const cJSON *tr, const struct od_scope *s, const struct od_strv *os,
                  struct out2 o)
{
    const cJSON *f;
    int i = 0;
    cJSON_ArrayForEach(f, spec)
    {
        const char *platform = cJSON_GetObjectItemCaseSensitive(f, "platform")->valuestring;
        const cJSON *when = cJSON_GetObjectItemCaseSensitive(f, "when"), *trf = item(tr, i++);
        struct od_scope inner = *s, ls;
        cJSON *fix, *loc = NULL;
        int miss = 0;
        if (!wanted_platform(platform, os) || (when && !od_cond_eval(when, &inner)))
            continue;
        ls = in_lang(&inner, o.lang);
        fix = cJSON_CreateObject();
        cJSON_AddStringToObject(fix, "platform", platform);
        add_rendered_field(fix, "title", cJSON_GetObjectItemCaseSensitive(f, "title"), &inner, &miss);
        if (o.loc) {
            loc = cJSON_CreateObject();
            add_rendered_field(loc, "title", either(cJSON_GetObjectItemCaseSensitive(trf, "title"),
                                                    cJSON_GetObjectItemCaseSensitive(f, "title")), &ls, NULL);
            add_known_field(loc, "notes", either(cJSON_GetObjectItemCaseSensitive(trf, "notes"),
                                                 cJSON_GetObjectItemCaseSensitive(f, "notes")), &ls);
        }
        steps(f, trf, &inner, fix, loc, o.lang, &miss);
        add_known_field(fix, "notes", cJSON_GetObjectItemCaseSensitive(f, "notes"), &inner);
        if (miss) { /* a fix with a value nobody knows cannot be typed: left out */
            cJSON_Delete(fix);
            cJSON_Delete(loc);
            continue;
        }
        cJSON_AddItemToArray(o.en, fix);
        if (loc)
            cJSON_AddItemToArray(o.loc, loc);
    }
}

/* The severity policy (SPEC "Which question a run answers"): a finding about
 * probes keeps its severity only when one of them is the run's question
 * (probes[].question); otherwise it is evidence and an alternative, info at
 * most. subjects gets the URLs of the probes it is about. */
static enum od_severity policy(const struct od_rule *r, const struct od_scope *s, cJSON *subjects, int *about_question)
{
    const cJSON *subj = cJSON_GetObjectItemCaseSensitive(r->j, "subject"), *p;
    const cJSON *probes = od_path_get(s, "$.probes");
    if (!cJSON_IsArray(probes))
        probes = NULL;
    int question = 0;
    *about_question = 0;
    if (!subj || cJSON_GetArraySize(probes) == 0)
        return r->sev; /* about the environment, or explain without a URL */
    cJSON_ArrayForEach(p, probes)
    {
        struct od_scope inner = *s;
        const cJSON *url = cJSON_GetObjectItemCaseSensitive(p, "url");
        inner.here = p;
        if (!od_cond_eval(subj, &inner))
            continue;
        question |= cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(p, "question"));
        if (cJSON_IsString(url) && cJSON_GetArraySize(subjects) < OD_MAX_EVIDENCE)
            cJSON_AddItemToArray(subjects, cJSON_CreateString(url->valuestring));
    }
    *about_question = question;
    return question ? r->sev : OD_SEV_INFO;
}

static cJSON *finding(const struct od_rule *r, const struct od_scope *s, const struct od_strv *os, enum od_lang lang,
                      enum od_severity *sev, int *about_question)
{
    cJSON *f = cJSON_CreateObject(), *refs, *subjects = cJSON_CreateArray(), *loc = NULL;
    const cJSON *it, *tr = lang != OD_LANG_EN ? r->tr[lang] : NULL;
    struct out2 o;
    *sev = policy(r, s, subjects, about_question);
    cJSON_AddStringToObject(f, "id", r->id);
    cJSON_AddStringToObject(f, "severity", od_severity_name(*sev));
    add_rendered_field(f, "title", cJSON_GetObjectItemCaseSensitive(r->j, "title"), s, NULL);
    add_detail(f, cJSON_GetObjectItemCaseSensitive(r->j, "detail"), NULL, s);
    if (tr) {
        struct od_scope ls = in_lang(s, lang);
        loc = cJSON_CreateObject();
        cJSON_AddStringToObject(loc, "lang", od_lang_code(lang));
        add_rendered_field(loc, "title", cJSON_GetObjectItemCaseSensitive(tr, "title"), &ls, NULL);
        add_detail(loc, cJSON_GetObjectItemCaseSensitive(r->j, "detail"), cJSON_GetObjectItemCaseSensitive(tr, "detail"),
                   &ls);
    }
    o = (struct out2){cJSON_AddArrayToObject(f, "evidence"), loc ? cJSON_AddArrayToObject(loc, "evidence") : NULL, lang};
    evidence(cJSON_GetObjectItemCaseSensitive(r->j, "evidence"), cJSON_GetObjectItemCaseSensitive(tr, "evidence"), s, o);
    o = (struct out2){cJSON_AddArrayToObject(f, "fixes"), loc ? cJSON_AddArrayToObject(loc, "fixes") : NULL, lang};
    fixes(cJSON_GetObjectItemCaseSensitive(r->j, "fixes"), cJSON_GetObjectItemCaseSensitive(tr, "fixes"), s, os, o);
    o = (struct out2){cJSON_AddArrayToObject(f, "caveats"), loc ? cJSON_AddArrayToObject(loc, "caveats") : NULL, lang};
    evidence(cJSON_GetObjectItemCaseSensitive(r->j, "caveats"), cJSON_GetObjectItemCaseSensitive(tr, "caveats"), s, o);
    refs = cJSON_AddArrayToObject(f, "refs");
    cJSON_ArrayForEach(it, cJSON_GetObjectItemCaseSensitive(r->j, "refs"))
        cJSON_AddItemToArray(refs, cJSON_CreateString(it->valuestring));
    cJSON_AddItemToObject(f, "subjects", subjects);
    if (loc)
        cJSON_AddItemToObject(f, "localized", loc);
    return f;
}

struct fired {
    const struct od_rule *r;
    cJSON *f;
    enum od_severity sev;
    int about_question;
};

static int cmp_int(int a, int b)
{
    return (a > b) - (a < b);
}

/* Errors first; among equals what explains the question first; then rank. */
static int by_importance(const void *a, const void *b)
{
    const struct fired *x = a, *y = b;
    if (x->sev != y->sev)
        return cmp_int((int)y->sev, (int)x->sev);
    if (x->about_question != y->about_question)
        return cmp_int(y->about_question, x->about_question);
    if (x->r->rank != y->r->rank)
        return cmp_int(x->r->rank, y->r->rank);
    return strcmp(x->r->id, y->r->id);
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

cJSON *od_rules_eval(const struct od_rules *rs, const cJSON *facts, const struct od_strv *os, enum od_lang lang)
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
        if (od_cond_eval(cJSON_GetObjectItemCaseSensitive(rs->v[i].j, "when"), &s)) {
            struct fired *fd = &all[n++];
            fd->r = &rs->v[i];
            fd->f = finding(fd->r, &s, os, lang, &fd->sev, &fd->about_question);
        }
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

cJSON *od_rules_doc(const struct od_rules *rs, const char *dir)
{
    cJSON *doc = cJSON_CreateObject(), *list, *r, *plats;
    const cJSON *f;
    cJSON_AddNumberToObject(doc, "schema_version", 1);
    cJSON_AddStringToObject(doc, "source", dir ? dir : "built-in");
    list = cJSON_AddArrayToObject(doc, "rules");
    for (size_t i = 0; i < rs->n; i++) {
        r = cJSON_CreateObject();
        cJSON_AddStringToObject(r, "id", rs->v[i].id);
        cJSON_AddStringToObject(r, "severity", od_severity_name(rs->v[i].sev));
        cJSON_AddStringToObject(r, "title", str_or(cJSON_GetObjectItemCaseSensitive(rs->v[i].j, "title"), ""));
        plats = cJSON_AddArrayToObject(r, "platforms");
        cJSON_ArrayForEach(f, cJSON_GetObjectItemCaseSensitive(rs->v[i].j, "fixes"))
        {
            const char *p = str_or(cJSON_GetObjectItemCaseSensitive(f, "platform"), NULL);
            int seen = 0;
            const cJSON *q;
            cJSON_ArrayForEach(q, plats) seen |= p && strcmp(q->valuestring, p) == 0;
            if (p && !seen)
                cJSON_AddItemToArray(plats, cJSON_CreateString(p));
        }
        cJSON_AddItemToArray(list, r);
    }
    return doc;
}

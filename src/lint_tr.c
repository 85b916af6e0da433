/* lint_tr — check a translation (rules/i18n/<lang>/<id>.json) against its
 * rule: only texts, arrays the rule's length, the same {{placeholders}}. */
#include "lint.h"
#include "lint_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const tr_keys[] = {"id", "title", "detail", "evidence", "fixes", "caveats", NULL};
static const char *const tr_fix_keys[] = {"title", "notes", "steps", NULL};
static const char *const tr_step_keys[] = {"label", NULL};

static int strcmp_ptr(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static void key_add(char *out, size_t n, const char *s)
{
    size_t k = strlen(out);
    if (k + 1 < n)
        od_strlcpy(out + k, s, n - k);
}

/* One placeholder ({{ at open, }} at close) as a translation must keep it:
 * its chain of paths, and whether literal text ends the chain. The literal
 * is what shows when the facts are absent, so a translation words it in
 * its own language: "{{a|$.b|some text}}" -> "{{a|$.b|...}}". */
static void placeholder_key(const char *open, const char *close, char *out, size_t n)
{
    char inner[300];
    size_t len = (size_t)(close - open) - 2;
    int first = 1;
    od_strlcpy(inner, open + 2, len + 1 < sizeof inner ? len + 1 : sizeof inner);
    od_strlcpy(out, "{{", n);
    for (char *alt = inner, *bar; alt; alt = bar) {
        char *e;
        if ((bar = strchr(alt, '|')))
            *bar++ = '\0';
        alt = od_trim(alt);
        for (e = alt + strlen(alt); e > alt && e[-1] == ' ';)
            *--e = '\0';
        if (!first && strncmp(alt, "$.", 2) != 0) {
            key_add(out, n, "|...");
            break;
        }
        key_add(out, n, first ? "" : "|");
        key_add(out, n, alt);
        first = 0;
    }
    key_add(out, n, "}}");
}

/* The {{placeholders}} of a template, sorted, joined: what must not change. */
static void placeholders(const char *t, char *out, size_t n)
{
    struct od_strv v = {0};
    size_t k = 0;
    out[0] = '\0';
    for (const char *p = t ? strstr(t, "{{") : NULL; p; p = strstr(p + 2, "{{")) {
        const char *end = strstr(p, "}}");
        char one[300];
        if (!end)
            break;
        placeholder_key(p, end, one, sizeof one);
        od_strv_push(&v, one);
    }
    if (v.n)
        qsort(v.v, v.n, sizeof *v.v, strcmp_ptr);
    for (size_t i = 0; i < v.n && k + 1 < n; i++)
        k += (size_t)snprintf(out + k, n - k, "%s", v.v[i]);
    od_strv_free(&v);
}

/* One translated text against the English template at the same place;
 * where English has a text, the translation needs one. */
static void tr_text(struct lctx *x, const cJSON *en, const cJSON *tr, const char *where)
{
    char a[2000], b[2000];
    if (!tr) {
        if (cJSON_IsString(en))
            od_lint_at(x->lint, x->file, x->text, NULL, "%s is not translated", where);
        return;
    }
    if (!cJSON_IsString(tr)) {
        od_lint_str(x, where, "%s must be a string (a template)", where);
        return;
    }
    if (!cJSON_IsString(en)) {
        od_lint_str(x, tr->valuestring, "%s has no English text to translate", where);
        return;
    }
    placeholders(en->valuestring, a, sizeof a);
    placeholders(tr->valuestring, b, sizeof b);
    if (strcmp(a, b) != 0)
        od_lint_str(x, tr->valuestring, "%s: the placeholders differ from the English (%s)", where, a[0] ? a : "none");
}

/* An array of the translation aligned with the rule's: same length. */
static int tr_aligned(struct lctx *x, const cJSON *en, const cJSON *tr, const char *key)
{
    if (!tr) {
        if (cJSON_GetArraySize(en) > 0)
            od_lint_at(x->lint, x->file, x->text, NULL, "\"%s\" is not translated", key);
        return 0;
    }
    if (!cJSON_IsArray(tr) || cJSON_GetArraySize(tr) != cJSON_GetArraySize(en)) {
        od_lint_str(x, key, "\"%s\" must have one entry per entry of the rule's (%d)", key, cJSON_GetArraySize(en));
        return 0;
    }
    return 1;
}

static const cJSON *evidence_text(const cJSON *e)
{
    return cJSON_IsString(e) ? e : cJSON_GetObjectItemCaseSensitive(e, "text");
}

/* evidence lines and caveats: strings, or {"when"|"each", "text"} objects;
 * their translations are strings, in the same order */
static void tr_lines(struct lctx *x, const cJSON *r, const cJSON *j, const char *key, const char *what)
{
    const cJSON *e, *it;
    if (!tr_aligned(x, cJSON_GetObjectItemCaseSensitive(r, key), cJSON_GetObjectItemCaseSensitive(j, key), key))
        return;
    e = cJSON_GetObjectItemCaseSensitive(r, key)->child;
    cJSON_ArrayForEach(it, cJSON_GetObjectItemCaseSensitive(j, key))
    {
        tr_text(x, evidence_text(e), it, what);
        e = e->next;
    }
}

static void tr_fixes(struct lctx *x, const cJSON *en, const cJSON *tr)
{
    const cJSON *ef = en ? en->child : NULL, *tf;
    cJSON_ArrayForEach(tf, tr)
    {
        const cJSON *es = cJSON_GetObjectItemCaseSensitive(ef, "steps"), *ts = cJSON_GetObjectItemCaseSensitive(tf, "steps");
        od_lint_keys(x, tf, tr_fix_keys, "a translated fix");
        tr_text(x, cJSON_GetObjectItemCaseSensitive(ef, "title"), cJSON_GetObjectItemCaseSensitive(tf, "title"), "a fix's title");
        tr_text(x, cJSON_GetObjectItemCaseSensitive(ef, "notes"), cJSON_GetObjectItemCaseSensitive(tf, "notes"), "a fix's notes");
        if (ts && tr_aligned(x, es, ts, "steps")) {
            const cJSON *e = es->child, *t;
            cJSON_ArrayForEach(t, ts)
            {
                const cJSON *label = cJSON_GetObjectItemCaseSensitive(e, "file");
                od_lint_keys(x, t, tr_step_keys, "a translated step");
                tr_text(x, cJSON_IsString(label) ? label : cJSON_GetObjectItemCaseSensitive(e, "where"),
                        cJSON_GetObjectItemCaseSensitive(t, "label"), "a step's label");
                e = e ? e->next : NULL;
            }
        }
        ef = ef ? ef->next : NULL;
    }
}

cJSON *od_lint_translation(struct od_rules *rs, const char *file, const char *text, struct od_strv *lint,
                           struct od_rule **rule)
{
    struct lctx x = {file, text, lint, 0, 0};
    const char *end = NULL;
    size_t before = lint->n;
    cJSON *j = cJSON_ParseWithOpts(text, &end, 1);
    const cJSON *id;
    const cJSON *r = NULL;

    *rule = NULL;
    if (!j || !cJSON_IsObject(j)) {
        od_lint_msg(lint, file, text, j ? text : end, j ? "a translation file holds one JSON object"
                                                    : "invalid JSON (a missing comma, quote or bracket just before here?)");
        cJSON_Delete(j);
        return NULL;
    }
    od_lint_keys(&x, j, tr_keys, "a translation (only texts: the commands are the rule's)");
    id = cJSON_GetObjectItemCaseSensitive(j, "id");
    for (size_t i = 0; cJSON_IsString(id) && i < rs->n && !r; i++)
        if (strcmp(rs->v[i].id, id->valuestring) == 0)
            *rule = &rs->v[i], r = rs->v[i].j;
    if (!r) {
        od_lint_at(lint, file, text, "\"id\"", "translation of an unknown rule '%s'",
                   cJSON_IsString(id) ? id->valuestring : "(no id)");
        cJSON_Delete(j);
        return NULL;
    }
    if (!cJSON_IsString(cJSON_GetObjectItemCaseSensitive(j, "title")) || !cJSON_GetObjectItemCaseSensitive(j, "detail"))
        od_lint_at(lint, file, text, NULL, "a translation needs \"title\" and \"detail\"");
    tr_text(&x, cJSON_GetObjectItemCaseSensitive(r, "title"), cJSON_GetObjectItemCaseSensitive(j, "title"), "the title");
    if (cJSON_IsArray(cJSON_GetObjectItemCaseSensitive(r, "detail"))) /* in parts: one string per part */
        tr_lines(&x, r, j, "detail", "a part of the detail");
    else
        tr_text(&x, cJSON_GetObjectItemCaseSensitive(r, "detail"), cJSON_GetObjectItemCaseSensitive(j, "detail"),
                "the detail");
    tr_lines(&x, r, j, "evidence", "an evidence line");
    if (tr_aligned(&x, cJSON_GetObjectItemCaseSensitive(r, "fixes"), cJSON_GetObjectItemCaseSensitive(j, "fixes"), "fixes"))
        tr_fixes(&x, cJSON_GetObjectItemCaseSensitive(r, "fixes"), cJSON_GetObjectItemCaseSensitive(j, "fixes"));
    tr_lines(&x, r, j, "caveats", "a caveat");
    if (lint->n > before) {
        cJSON_Delete(j);
        *rule = NULL;
        return NULL;
    }
    return j;
}

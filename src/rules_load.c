/* rules_load — the rule set read from its directory or from the built-in
 * copy, its translations beside it, and linted as it is read. */
#include "rules.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lint.h"
#include "sig.h"

#define OD_RULES_FILE_CAP (256u * 1024)

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
    memset(r, 0, sizeof *r);
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

/* A translation (rules/i18n/<lang>/<id>.json), checked against its rule. */
static int add_translation(struct od_rules *rs, enum od_lang lang, const char *file, const char *text,
                           struct od_strv *lint)
{
    struct od_rule *r = NULL;
    cJSON *j = od_lint_translation(rs, file, text, lint, &r);
    if (!j)
        return -1;
    if (r->tr[lang]) {
        od_lint_at(lint, file, text, "\"id\"", "a second %s translation of '%s'", od_lang_code(lang), r->id);
        cJSON_Delete(j);
        return -1;
    }
    r->tr[lang] = j;
    return 0;
}

/* "rules/i18n/ja/x.json" -> OD_LANG_JA; -1 for a rule file. */
static int translation_lang(const char *file)
{
    const char *at = strstr(file, "i18n/");
    char code[8];
    enum od_lang l;
    if (!at || (at != file && at[-1] != '/'))
        return -1;
    at += 5;
    od_strlcpy(code, at, sizeof code);
    code[strcspn(code, "/")] = '\0';
    return od_lang_parse(code, &l) == 0 ? (int)l : -1;
}

static int add_file(struct od_rules *rs, const char *file, const char *text, struct od_strv *lint)
{
    int lang = translation_lang(file);
    return lang < 0 ? add_text(rs, file, text, lint) : add_translation(rs, (enum od_lang)lang, file, text, lint);
}

/* The *.json files of dir, sorted (the same order everywhere); 0 when the
 * directory cannot be opened (ENOENT is no error for the optional ones). */
static int list_json(const char *dir, struct od_strv *names)
{
    struct dirent *de;
    DIR *d = opendir(dir);
    if (!d)
        return -1;
    while ((de = readdir(d)))
        if (od_str_endswith(de->d_name, ".json") && de->d_name[0] != '.')
            od_strv_push(names, de->d_name);
    closedir(d);
    if (names->n)
        qsort(names->v, names->n, sizeof *names->v, cmp_names);
    return 0;
}

static int load_files(struct od_rules *rs, const char *dir, const struct od_strv *names, struct od_strv *lint,
                      size_t *sigs)
{
    char path[4096];
    int rc = 0;
    for (size_t i = 0; i < names->n; i++) {
        char *text;
        snprintf(path, sizeof path, "%s%s%s", dir, od_str_endswith(dir, "/") ? "" : "/", names->v[i]);
        if (!(text = od_read_file(path, OD_RULES_FILE_CAP, NULL, NULL))) {
            char msg[4200];
            snprintf(msg, sizeof msg, "%s:1:1: cannot read: %s", path, strerror(errno));
            od_strv_push(lint, msg);
            rc = -1;
            continue;
        }
        if (od_sig_is_file(text)) /* explain's signatures (sig.c), not a rule */
            ++*sigs;
        else if (add_file(rs, path, text, lint) != 0)
            rc = -1;
        free(text);
    }
    return rc;
}

/* The languages with translations: a bit per language. */
static int load_dir(struct od_rules *rs, const char *dir, struct od_strv *lint, unsigned *langs)
{
    struct od_strv names = {0};
    int rc = 0;
    size_t sigs = 0;
    char path[4096];

    if (list_json(dir, &names) != 0) {
        snprintf(path, sizeof path, "%s:1:1: cannot open the rules directory: %s", dir, strerror(errno));
        od_strv_push(lint, path);
        return -1;
    }
    if (names.n == 0) {
        snprintf(path, sizeof path, "%s:1:1: no *.json rule files here", dir);
        od_strv_push(lint, path);
        rc = -1;
    }
    rc |= load_files(rs, dir, &names, lint, &sigs);
    if (sigs > 0 && sigs == names.n && rs->n == 0 && rc == 0) {
        snprintf(path, sizeof path, "%s:1:1: no rule files here (only signature files)", dir);
        od_strv_push(lint, path);
        rc = -1;
    }
    od_strv_free(&names);
    for (int l = OD_LANG_EN + 1; l < OD_LANG__COUNT; l++) {
        snprintf(path, sizeof path, "%s%si18n/%s", dir, od_str_endswith(dir, "/") ? "" : "/",
                 od_lang_code((enum od_lang)l));
        if (list_json(path, &names) == 0) {
            *langs |= 1u << l;
            rc |= load_files(rs, path, &names, lint, &sigs);
        }
        od_strv_free(&names);
    }
    return rc;
}

/* Every rule has every language that has any translation. */
static int complete(const struct od_rules *rs, unsigned langs, struct od_strv *lint)
{
    int rc = 0;
    for (size_t i = 0; i < rs->n; i++)
        for (int l = OD_LANG_EN + 1; l < OD_LANG__COUNT; l++)
            if ((langs & (1u << l)) && !rs->v[i].tr[l]) {
                char msg[400];
                snprintf(msg, sizeof msg, "%s:1:1: no %s translation of '%s' (rules/i18n/%s/%s.json)", rs->v[i].file,
                         od_lang_code((enum od_lang)l), rs->v[i].id, od_lang_code((enum od_lang)l), rs->v[i].id);
                od_strv_push(lint, msg);
                rc = -1;
            }
    return rc;
}

/* The built-in set as the build left it: `make` ran `rules lint` on this very
 * set before it kept the binary, so a run only parses (about a tenth of the
 * cost of linting). A text that does not parse is still reported. */
static int load_builtin_linted(struct od_rules *rs, int translations, enum od_lang lang, struct od_strv *lint)
{
    for (const struct od_rule_src *s = od_builtin_rules; s->file; s++) {
        int l = translation_lang(s->file);
        if ((l >= 0) != translations || (l >= 0 && l != (int)lang))
            continue;
        cJSON *j = cJSON_Parse(s->text), *id = cJSON_GetObjectItemCaseSensitive(j, "id");
        struct od_rule *r = NULL;
        for (size_t i = 0; l >= 0 && cJSON_IsString(id) && i < rs->n && !r; i++)
            if (strcmp(rs->v[i].id, id->valuestring) == 0)
                r = &rs->v[i];
        if (!cJSON_IsString(id) || (l >= 0 && (!r || r->tr[l]))) {
            char msg[300];
            snprintf(msg, sizeof msg, "%s:1:1: not as linted at build (run 'ollama-doctor rules lint')", s->file);
            od_strv_push(lint, msg);
            cJSON_Delete(j);
            return -1;
        }
        if (l >= 0)
            r->tr[l] = j;
        else if (add_rule(rs, j, s->file) != 0)
            return -1;
    }
    return 0;
}

int od_rules_load_builtin(struct od_rules *rs, enum od_lang lang, struct od_strv *lint)
{
    memset(rs, 0, sizeof *rs);
    /* rules first, then their translations into lang (none for English) */
    if (load_builtin_linted(rs, 0, lang, lint) != 0)
        return -1;
    return lang == OD_LANG_EN || load_builtin_linted(rs, 1, lang, lint) == 0 ? 0 : -1;
}

int od_rules_load(struct od_rules *rs, const char *dir, struct od_strv *lint)
{
    int rc = 0;
    unsigned langs = 0;
    memset(rs, 0, sizeof *rs);
    if (dir) {
        rc = load_dir(rs, dir, lint, &langs);
    } else {
        /* rules first, then their translations */
        for (const struct od_rule_src *s = od_builtin_rules; s->file; s++)
            if (translation_lang(s->file) < 0 && add_text(rs, s->file, s->text, lint) != 0)
                rc = -1;
        for (const struct od_rule_src *s = od_builtin_rules; s->file; s++) {
            int l = translation_lang(s->file);
            if (l >= 0) {
                langs |= 1u << l;
                if (add_translation(rs, (enum od_lang)l, s->file, s->text, lint) != 0)
                    rc = -1;
            }
        }
    }
    if (complete(rs, langs, lint) != 0)
        rc = -1;
    for (size_t i = 0; i < rs->n; i++)
        if (od_lint_suppresses(rs, &rs->v[i], lint) != 0)
            rc = -1;
    return rc;
}

void od_rules_free(struct od_rules *rs)
{
    for (size_t i = 0; i < rs->n; i++) {
        cJSON_Delete(rs->v[i].j);
        for (int l = 0; l < OD_LANG__COUNT; l++)
            cJSON_Delete(rs->v[i].tr[l]);
    }
    free(rs->v);
    od_regex_cache_free(&rs->re);
    memset(rs, 0, sizeof *rs);
}

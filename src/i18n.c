/* i18n — language choice and the catalog lookup. */
#include "i18n.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "i18n_catalog.h"

static const char *const codes[OD_LANG__COUNT] = {"en", "ja", "zh"};

const char *od_lang_code(enum od_lang l)
{
    return codes[l];
}

int od_lang_parse(const char *code, enum od_lang *out)
{
    for (int i = 0; i < OD_LANG__COUNT; i++)
        if (code && strcasecmp(code, codes[i]) == 0) {
            *out = (enum od_lang)i;
            return 0;
        }
    return -1;
}

static const char *env_get(char *const *env, const char *name)
{
    size_t n = strlen(name);
    if (!env)
        return getenv(name);
    for (char *const *e = env; *e; e++)
        if (strncmp(*e, name, n) == 0 && (*e)[n] == '=')
            return *e + n + 1;
    return NULL;
}

/* "ja_JP.UTF-8" -> ja, "zh_CN.UTF-8" / "zh_TW" -> zh (the Simplified text
 * is the closest there is), "C", "POSIX", anything else -> en. */
static enum od_lang from_locale(const char *v)
{
    if (v && strncasecmp(v, "ja", 2) == 0 && (!v[2] || strchr("_.@", v[2])))
        return OD_LANG_JA;
    if (v && strncasecmp(v, "zh", 2) == 0 && (!v[2] || strchr("_.@", v[2])))
        return OD_LANG_ZH;
    return OD_LANG_EN;
}

enum od_lang od_lang_pick(const char *flag, char *const *env)
{
    static const char *const vars[] = {"LC_ALL", "LC_MESSAGES", "LANG"};
    enum od_lang l;
    if (flag && od_lang_parse(flag, &l) == 0)
        return l;
    for (size_t i = 0; i < sizeof vars / sizeof vars[0]; i++) {
        const char *v = env_get(env, vars[i]);
        if (v && *v) /* the first one set decides, as in setlocale(3) */
            return from_locale(v);
    }
    return OD_LANG_EN;
}

const char *od_tr(enum od_lang l, const char *en)
{
    if (l == OD_LANG_EN || !en)
        return en;
    for (unsigned i = 0; i < od_catalog_n; i++)
        if (strcmp(od_catalog[i].en, en) == 0) {
            const char *t = l == OD_LANG_JA ? od_catalog[i].ja : od_catalog[i].zh;
            return t && *t ? t : en;
        }
    return en;
}

void od_tr_value(enum od_lang l, const char *en, char *buf, size_t n)
{
    size_t len = strlen(en);
    if (l == OD_LANG_EN || od_tr(l, en) != en) {
        snprintf(buf, n, "%s", od_tr(l, en));
        return;
    }
    for (unsigned i = 0; i < od_catalog_n; i++) {
        const char *e = od_catalog[i].en, *at = strstr(e, "%s"), *t = l == OD_LANG_JA ? od_catalog[i].ja : od_catalog[i].zh;
        size_t pre, post;
        if (!at || !t || !*t || strstr(at + 2, "%"))
            continue;
        pre = (size_t)(at - e), post = strlen(at + 2);
        if (len > pre + post && strncmp(en, e, pre) == 0 && strcmp(en + len - post, at + 2) == 0) {
            const char *tat = strstr(t, "%s");
            if (!tat)
                break;
            char inner[512];
            snprintf(inner, sizeof inner, "%.*s", (int)(len - pre - post), en + pre);
            snprintf(buf, n, "%.*s%s%s", (int)(tat - t), t, od_tr(l, inner), tat + 2); /* the part, too */
            return;
        }
    }
    snprintf(buf, n, "%s", en);
}

unsigned od_tr_count(void)
{
    return od_catalog_n;
}

void od_tr_entry(unsigned i, const char **en, const char **ja, const char **zh)
{
    *en = od_catalog[i].en;
    *ja = od_catalog[i].ja;
    *zh = od_catalog[i].zh;
}

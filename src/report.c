/* report — the one place that writes results to stdout. */
#include "report.h"

#include <stdlib.h>

#include "util.h"

static void strings_walk(cJSON *j, size_t (*fix)(char *))
{
    cJSON *it;
    cJSON_ArrayForEach(it, j)
    {
        if (it->string && !(it->type & cJSON_StringIsConst))
            fix(it->string);
        if (cJSON_IsString(it) && !(it->type & cJSON_IsReference))
            fix(it->valuestring);
        else
            strings_walk(it, fix);
    }
}

void od_report_fix_strings(cJSON *doc, size_t (*fix)(char *))
{
    if (doc && cJSON_IsString(doc) && !(doc->type & cJSON_IsReference))
        fix(doc->valuestring);
    strings_walk(doc, fix);
}

cJSON *od_report_printable(const cJSON *doc)
{
    cJSON *c = cJSON_Duplicate(doc, 1);
    od_report_fix_strings(c, od_printable);
    return c;
}

/* What each kind of document looks like in text. */
static void (*const text_of[])(FILE *, const cJSON *, const struct od_style *) = {
    [OD_DOC_CHECK] = od_report_text, [OD_DOC_EXPLAIN] = od_report_text_explain, [OD_DOC_BUNDLE] = od_text_bundle,
    [OD_DOC_RULES] = od_text_rules,  [OD_DOC_VERSION] = od_text_version,
};

/* JSON is UTF-8 (RFC 8259): a paste in another encoding keeps its text, with
 * '?' for each byte that is not UTF-8. Indented, or on one line (explain
 * --batch: JSON Lines). */
static int put_json(const cJSON *doc, int one_line)
{
    cJSON *c = cJSON_Duplicate(doc, 1);
    char *s;
    int rc;
    od_report_fix_strings(c, od_utf8_clean);
    s = !c ? NULL : one_line ? cJSON_PrintUnformatted(c) : cJSON_Print(c);
    cJSON_Delete(c);
    if (!s)
        return -1;
    rc = fputs(s, stdout) < 0 || fputc('\n', stdout) == EOF ? -1 : 0;
    free(s);
    return rc;
}

static int put_markdown(const cJSON *doc, enum od_doc_kind kind, enum od_lang l)
{
    char *md = od_report_markdown(doc, kind, l);
    int rc;
    if (!md)
        return -1;
    rc = fputs(md, stdout) < 0 ? -1 : 0;
    free(md);
    return rc;
}

/* JSON as it is (cJSON escapes control characters); for people, from a copy
 * whose strings cannot drive the terminal (od_printable). */
int od_report_emit(const struct od_opts *o, enum od_doc_kind kind, const cJSON *doc)
{
    struct od_style st;
    cJSON *safe = NULL;
    int rc = 0;
    if (o->format == OD_FMT_JSON) {
        rc = put_json(doc, o->batch);
    } else if (!(safe = od_report_printable(doc))) {
        rc = -1;
    } else if (o->format == OD_FMT_MARKDOWN) {
        rc = put_markdown(safe, kind, od_lang_pick(o->lang, NULL));
    } else {
        od_style_detect(o, stdout, &st);
        text_of[kind](stdout, safe, &st);
    }
    cJSON_Delete(safe);
    return fflush(stdout) == 0 ? rc : -1;
}

/* report — the one place that writes results to stdout. */
#include "report.h"

#include <stdlib.h>

/* What each kind of document looks like in text. */
static void (*const text_of[])(FILE *, const cJSON *, const struct od_style *) = {
    [OD_DOC_CHECK] = od_report_text,   [OD_DOC_EXPLAIN] = od_report_text_explain, [OD_DOC_BUNDLE] = od_text_bundle,
    [OD_DOC_RULES] = od_text_rules,    [OD_DOC_VERSION] = od_text_version,
};

static int put_json(const cJSON *doc)
{
    char *s = cJSON_Print(doc);
    int rc;
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

int od_report_emit(const struct od_opts *o, enum od_doc_kind kind, const cJSON *doc)
{
    struct od_style st;
    int rc = 0;
    if (o->format == OD_FMT_JSON) {
        rc = put_json(doc);
    } else if (o->format == OD_FMT_MARKDOWN) {
        rc = put_markdown(doc, kind, od_lang_pick(o->lang, NULL));
    } else {
        od_style_detect(o, stdout, &st);
        text_of[kind](stdout, doc, &st);
    }
    return fflush(stdout) == 0 ? rc : -1;
}

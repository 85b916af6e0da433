/* report — the one place that writes results to stdout. */
#include "report.h"

#include <stdlib.h>

#include "util.h"

static void printable_walk(cJSON *j)
{
    cJSON *it;
    cJSON_ArrayForEach(it, j)
    {
        if (it->string && !(it->type & cJSON_StringIsConst))
            od_printable(it->string);
        if (cJSON_IsString(it) && !(it->type & cJSON_IsReference))
            od_printable(it->valuestring);
        else
            printable_walk(it);
    }
}

cJSON *od_report_printable(const cJSON *doc)
{
    cJSON *c = cJSON_Duplicate(doc, 1);
    if (c && cJSON_IsString(c))
        od_printable(c->valuestring);
    printable_walk(c);
    return c;
}

static int emit_rendered(const struct od_opts *o, const cJSON *doc)
{
    if (o->format == OD_FMT_JSON) {
        char *s = cJSON_Print(doc);
        if (!s)
            return -1;
        int rc = fputs(s, stdout) < 0 || fputc('\n', stdout) == EOF ? -1 : 0;
        free(s);
        return fflush(stdout) == 0 ? rc : -1;
    }
    if (o->format == OD_FMT_MARKDOWN) {
        char *md = od_report_markdown(doc);
        if (!md)
            return -1;
        int rc = fputs(md, stdout) < 0 ? -1 : 0;
        free(md);
        return fflush(stdout) == 0 ? rc : -1;
    }
    struct od_style st;
    od_style_detect(o, stdout, &st);
    if (cJSON_GetObjectItemCaseSensitive(doc, "input"))
        od_report_text_explain(stdout, doc, &st);
    else
        od_report_text(stdout, doc, &st);
    return fflush(stdout) == 0 ? 0 : -1;
}

int od_report_emit(const struct od_opts *o, const cJSON *doc)
{
    cJSON *safe;
    int rc;
    if (o->format == OD_FMT_JSON)
        return emit_rendered(o, doc); /* cJSON escapes control characters */
    if (!(safe = od_report_printable(doc)))
        return -1;
    rc = emit_rendered(o, safe);
    cJSON_Delete(safe);
    return rc;
}

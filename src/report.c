/* report — the one place that writes results to stdout. */
#include "report.h"

#include <stdlib.h>

int od_report_emit(const struct od_opts *o, const cJSON *doc)
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
        char *md = od_report_markdown(doc, od_lang_pick(o->lang, NULL));
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

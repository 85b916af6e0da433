/* report_int — the pieces report_json.c assembles the document from. */
#ifndef OD_REPORT_INT_H
#define OD_REPORT_INT_H

#include <cjson/cJSON.h>

#include "check.h"
#include "util.h"

cJSON *od_j_str(const char *s);          /* null for NULL or "" */
cJSON *od_j_strv(const struct od_strv *sv);
cJSON *od_j_context(const struct od_check *c);
cJSON *od_j_probes(const struct od_check *c);
cJSON *od_j_situation(const struct od_check *c);
cJSON *od_j_app_settings(const struct od_check *c);
cJSON *od_j_host_listeners(const struct od_hostfacts *h);

#endif

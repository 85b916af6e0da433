/* report_int — the pieces report_json.c assembles the document from
 * (report_facts.c: context; report_probes.c: probes, situation). */
#ifndef OD_REPORT_INT_H
#define OD_REPORT_INT_H

#include <cjson/cJSON.h>

#include "check.h"
#include "util.h"

cJSON *od_j_str(const char *s);          /* null for NULL or "" */
cJSON *od_j_ms(double ms);               /* null below 0, else rounded to 0.1 */
/* obj[key] = v with key a string literal (not copied); v, or NULL (freed) */
cJSON *od_j_add_item(cJSON *o, const char *key, cJSON *v);
cJSON *od_j_add_str(cJSON *o, const char *key, const char *s);
cJSON *od_j_add_num(cJSON *o, const char *key, double n);
cJSON *od_j_add_bool(cJSON *o, const char *key, int b);
cJSON *od_j_add_null(cJSON *o, const char *key);
cJSON *od_j_add_obj(cJSON *o, const char *key);
cJSON *od_j_add_arr(cJSON *o, const char *key);
cJSON *od_j_docker_container(const struct od_dcontainer *c);
cJSON *od_j_strv(const struct od_strv *sv);
cJSON *od_j_context(const struct od_check *c);
cJSON *od_j_probes(const struct od_check *c);
cJSON *od_j_situation(const struct od_check *c);
cJSON *od_j_app_settings(const struct od_check *c);
cJSON *od_j_host_listeners(const struct od_hostfacts *h);

#endif

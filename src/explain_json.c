/* explain_json — the parsed input of explain as JSON (the report's
 * "input"): what was read, every endpoint with its role, which one was chosen
 * and why. */
#include "explain.h"

#include <cjson/cJSON.h>
#include <string.h>
#include <strings.h>

static cJSON *str_or_null(const char *s)
{
    return s && *s ? cJSON_CreateString(s) : cJSON_CreateNull();
}

static cJSON *endpoint_json(const struct od_explain_endpoint *e, int brief)
{
    cJSON *o = cJSON_CreateObject();
    cJSON_AddItemToObject(o, "host", cJSON_CreateString(e->host));
    cJSON_AddItemToObject(o, "port", e->port ? cJSON_CreateNumber(e->port) : cJSON_CreateNull());
    if (!brief) {
        cJSON_AddItemToObject(o, "path", str_or_null(e->path));
        cJSON_AddItemToObject(o, "url", str_or_null(e->url));
        cJSON_AddItemToObject(o, "address", str_or_null(e->address));
    }
    cJSON_AddStringToObject(o, "role", e->role);
    cJSON_AddStringToObject(o, "why", e->why);
    return o;
}

/* The scheme of the URL the text gave ("" when it gave none): fixes that
 * rewrite a Base URL keep it (https:// behind a reverse proxy stays https). */
static const char *url_scheme(const char *url)
{
    if (strncasecmp(url, "https://", 8) == 0)
        return "https";
    if (strncasecmp(url, "http://", 7) == 0)
        return "http";
    return "";
}

cJSON *od_explain_input_json(const struct od_explain_input *in)
{
    static const char *const keys[] = {"host", "port", "path", "url", "error_kind", "errno", "status", "client",
                                       "model", "cause", "joins", "scheme"};
    const char *const strs[] = {in->host, NULL, in->path, in->url, in->error_kind, in->errno_name, NULL,
                                in->client, in->model, in->cause, in->joins, url_scheme(in->url)};
    const int nums[] = {0, in->port, 0, 0, 0, 0, in->status, 0, 0, 0, 0, 0};
    cJSON *o = cJSON_CreateObject(), *x, *arr;

    if (!o)
        return NULL;
    for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++)
        cJSON_AddItemToObject(o, keys[i], strs[i] ? str_or_null(strs[i])
                                                  : (nums[i] ? cJSON_CreateNumber(nums[i]) : cJSON_CreateNull()));
    cJSON_AddItemToObject(o, "seconds", in->seconds >= 0 ? cJSON_CreateNumber(in->seconds) : cJSON_CreateNull());
    cJSON_AddItemToObject(o, "origin", str_or_null(in->origin));
    cJSON_AddItemToObject(o, "service", str_or_null(in->service));
    x = cJSON_AddObjectToObject(o, "platform");
    cJSON_AddItemToObject(x, "name", str_or_null(in->platform));
    arr = cJSON_AddArrayToObject(x, "evidence");
    for (size_t i = 0; i < in->nplatform_why; i++)
        cJSON_AddItemToArray(arr, cJSON_CreateString(in->platform_why[i]));
    cJSON_AddBoolToObject(x, "in_container", in->in_container);
    cJSON_AddStringToObject(x, "why", in->in_container_why);
    /* present only when the text does not show where the client runs: the
     * rules' caveats about the other reading are shown then, and only then */
    cJSON_AddItemToObject(x, "assumed", in->in_container_assumed ? cJSON_CreateString(in->in_container_why)
                                                                 : cJSON_CreateNull());
    if (in->server.id[0]) {
        x = cJSON_AddObjectToObject(o, "server");
        cJSON_AddStringToObject(x, "id", in->server.id);
        cJSON_AddStringToObject(x, "name", in->server.name);
        cJSON_AddBoolToObject(x, "strong", in->server.strong);
        cJSON_AddBoolToObject(x, "service", in->server.service);
        if (in->server.strong) /* what the texts call the server, when the text names it */
        {
            cJSON_AddStringToObject(x, "named", in->server.name);
            cJSON_AddStringToObject(x, "setting", in->server.bind);
            cJSON_AddStringToObject(x, "refusal", in->server.refusal);
        }
        cJSON_AddStringToObject(x, "why", in->server.why);
        cJSON_AddStringToObject(x, "bind", in->server.bind);
        cJSON_AddStringToObject(x, "start", in->server.start);
    } else {
        cJSON_AddItemToObject(o, "server", cJSON_CreateNull());
    }
    x = cJSON_AddObjectToObject(o, "app");
    cJSON_AddItemToObject(x, "name", str_or_null(in->app));
    cJSON_AddItemToObject(x, "source", str_or_null(in->app_source));
    cJSON_AddItemToObject(x, "evidence", str_or_null(in->app_why));
    arr = cJSON_AddArrayToObject(o, "hints");
    for (size_t i = 0; i < in->nhints; i++)
        cJSON_AddItemToArray(arr, cJSON_CreateString(in->hints[i]));
    arr = cJSON_AddArrayToObject(o, "endpoints");
    for (size_t i = 0; i < in->nep; i++)
        cJSON_AddItemToArray(arr, endpoint_json(&in->ep[i], 0));
    if (in->chosen >= 0) {
        x = endpoint_json(&in->ep[in->chosen], 1);
        cJSON_ReplaceItemInObject(x, "why", cJSON_CreateString(in->chosen_why));
        cJSON_AddItemToObject(o, "chosen", x);
    } else {
        cJSON_AddItemToObject(o, "chosen", cJSON_CreateNull());
    }
    arr = cJSON_AddArrayToObject(o, "signatures");
    for (size_t i = 0; i < in->nmatched; i++)
        cJSON_AddItemToArray(arr, cJSON_CreateString(in->matched[i]));
    if (!cJSON_GetObjectItemCaseSensitive(o, "signatures")) {
        cJSON_Delete(o);
        return NULL;
    }
    return o;
}

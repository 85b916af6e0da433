/* report_json — facts, probes, findings, recommendation and verdict as one
 * cJSON document (schema_version 1; field meanings in docs/facts.md). */
#include "report.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <time.h>

#include "app.h"
#include "report_int.h"
#include "rules.h"

static cJSON *j_tool(void)
{
    cJSON *t = cJSON_CreateObject();
    cJSON_AddStringToObject(t, "name", "ollama-doctor");
    cJSON_AddStringToObject(t, "version", OD_VERSION);
    return t;
}

static cJSON *j_recommendation(const struct od_check *c)
{
    const struct od_probe *best = c->out.best;
    cJSON *o = cJSON_CreateObject();
    cJSON_AddItemToObject(o, "base_url", od_j_str(c->out.base_url));
    cJSON_AddItemToObject(o, "candidate", best ? cJSON_CreateString(best->cand->text) : cJSON_CreateNull());
    cJSON_AddItemToObject(o, "origin", best ? cJSON_CreateString(best->cand->origin) : cJSON_CreateNull());
    cJSON_AddItemToObject(o, "app_settings", od_j_app_settings(c));
    return o;
}

/* The verdict from the probes alone, made worse by error findings. */
static enum od_verdict settle(enum od_verdict v, const cJSON *findings)
{
    const cJSON *f;
    if (v == OD_VERDICT_UNREACHABLE)
        return v;
    cJSON_ArrayForEach(f, findings)
    {
        const cJSON *sev = cJSON_GetObjectItemCaseSensitive(f, "severity");
        if (cJSON_IsString(sev) && strcmp(sev->valuestring, "error") == 0)
            return OD_VERDICT_PROBLEMS;
    }
    return v;
}

static void platforms(const struct od_facts *f, struct od_strv *os)
{
    for (size_t i = 0; i < f->target_os.n; i++)
        od_strv_push(os, f->target_os.v[i]);
}

enum od_lang od_report_lang(const struct od_opts *o)
{
    /* JSON stays English; --lang given with --json adds the texts in that
     * language beside the English ones (findings[].localized) */
    return o->format == OD_FMT_JSON && !o->lang ? OD_LANG_EN : od_lang_pick(o->lang, NULL);
}

cJSON *od_report_build(const struct od_check *c, const struct od_rules *rs, enum od_lang lang, enum od_verdict *verdict)
{
    struct od_strv os = {0};
    cJSON *doc = cJSON_CreateObject(), *findings;
    if (!doc)
        return NULL;
    cJSON_AddNumberToObject(doc, "schema_version", OD_SCHEMA_VERSION);
    cJSON_AddItemToObject(doc, "tool", j_tool());
    cJSON_AddStringToObject(doc, "vantage", c->f.in_container ? "container" : "host");
    cJSON_AddItemToObject(doc, "context", od_j_context(c));
    cJSON_AddItemToObject(doc, "probes", od_j_probes(c));
    cJSON_AddItemToObject(doc, "situation", od_j_situation(c));
    cJSON_AddItemToObject(doc, "recommendation", j_recommendation(c));
    /* the rules read the facts above; the findings and the verdict close the document */
    platforms(&c->f, &os);
    findings = od_rules_eval(rs, doc, os.n ? &os : NULL, lang);
    od_strv_free(&os);
    if (!findings) {
        cJSON_Delete(doc);
        return NULL;
    }
    *verdict = settle(c->out.verdict, findings);
    cJSON_AddItemToObject(doc, "findings", findings);
    cJSON_AddStringToObject(doc, "verdict", od_verdict_name(*verdict));
    return doc;
}

/* A model name only a hosted API serves (Google's models/gemini-..., OpenAI's
 * gpt-..., Anthropic's claude-...): no Ollama model for check to load. */
static int hosted_model(const char *m)
{
    static const char *const prefixes[] = {"models/", "gemini/", "gemini-", "gpt-", "chatgpt-", "claude-",
                                           "text-embedding-3", "text-embedding-ada", "openai/", "anthropic/"};
    for (size_t i = 0; i < sizeof prefixes / sizeof prefixes[0]; i++)
        if (strncasecmp(m, prefixes[i], strlen(prefixes[i])) == 0)
            return 1;
    return 0;
}

/* The check command that would confirm what explain read in the text. */
static void confirm_command(const cJSON *in, char *buf, size_t n)
{
    const cJSON *host = cJSON_GetObjectItemCaseSensitive(in, "host"), *port = cJSON_GetObjectItemCaseSensitive(in, "port");
    const cJSON *model = cJSON_GetObjectItemCaseSensitive(in, "model");
    const cJSON *app = cJSON_GetObjectItemCaseSensitive(cJSON_GetObjectItemCaseSensitive(in, "app"), "name");
    const cJSON *chosen_role = cJSON_GetObjectItemCaseSensitive(cJSON_GetObjectItemCaseSensitive(in, "chosen"), "role");
    const cJSON *joins = cJSON_GetObjectItemCaseSensitive(in, "joins");
    int p = cJSON_IsNumber(port) ? port->valueint : 11434;
    const struct od_app_profile *ap = cJSON_IsString(app) ? od_app_find(app->valuestring) : NULL;
    int openai = (cJSON_IsString(joins) && strcmp(joins->valuestring, "openai") == 0) ||
                 (ap && strcmp(ap->joins, "openai") == 0);
    size_t l;
    /* a hosted API is no server of the user's to check: the check looks for
     * Ollama where the app runs instead */
    if (cJSON_IsString(chosen_role) && strcmp(chosen_role->valuestring, "hosted-api") == 0)
        host = NULL;
    if (cJSON_IsString(host)) {
        const cJSON *scheme = cJSON_GetObjectItemCaseSensitive(in, "scheme");
        int tls = cJSON_IsString(scheme) && strcmp(scheme->valuestring, "https") == 0;
        char port_s[16] = "";
        if (p != (tls ? 443 : 80)) /* the scheme's own port goes unsaid, as the user typed it */
            snprintf(port_s, sizeof port_s, ":%d", p);
        snprintf(buf, n, "ollama-doctor check -u %s://%s%s%s%s%s", tls ? "https" : "http",
                 strchr(host->valuestring, ':') ? "[" : "", host->valuestring,
                 strchr(host->valuestring, ':') ? "]" : "", port_s, openai ? "/v1" : "");
    } else
        snprintf(buf, n, "ollama-doctor check");
    l = strlen(buf);
    if (cJSON_IsString(model) && !hosted_model(model->valuestring))
        snprintf(buf + l, n - l, " --model %s", model->valuestring);
    l = strlen(buf);
    if (cJSON_IsString(app) && strcmp(app->valuestring, "dify") != 0 && od_app_find(app->valuestring))
        snprintf(buf + l, n - l, " --app %s", app->valuestring); /* a profile check knows; the default is Dify */
    else if (openai && cJSON_IsString(host)) /* an OpenAI client: the check joins paths as it does */
        snprintf(buf + l, n - l, " --app openai-compatible");
}

cJSON *od_report_explain(const cJSON *facts, cJSON *findings)
{
    cJSON *doc = cJSON_CreateObject();
    const cJSON *in = cJSON_GetObjectItemCaseSensitive(facts, "input");
    char confirm[600];
    if (!doc) {
        cJSON_Delete(findings);
        return NULL;
    }
    cJSON_AddNumberToObject(doc, "schema_version", OD_SCHEMA_VERSION);
    cJSON_AddItemToObject(doc, "tool", j_tool());
    cJSON_AddItemToObject(doc, "input", cJSON_Duplicate(in, 1));
    cJSON_AddItemToObject(doc, "findings", findings);
    confirm_command(in, confirm, sizeof confirm);
    cJSON_AddStringToObject(doc, "confirm", confirm);
    return doc;
}

cJSON *od_report_error(enum od_err e, const char *message)
{
    cJSON *doc = cJSON_CreateObject(), *err;
    if (!doc)
        return NULL;
    cJSON_AddNumberToObject(doc, "schema_version", OD_SCHEMA_VERSION);
    cJSON_AddItemToObject(doc, "tool", j_tool());
    err = cJSON_AddObjectToObject(doc, "error");
    cJSON_AddStringToObject(err, "code", od_err_name(e));
    cJSON_AddStringToObject(err, "message", message);
    cJSON_AddNumberToObject(err, "exit", od_err_exit(e));
    return doc;
}

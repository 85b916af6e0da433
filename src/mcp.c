/* mcp — the Model Context Protocol server: JSON-RPC framing over stdio,
 * initialize, ping, tools/list and tools/call (the tools: mcp_tools.c). */
#include "mcp.h"
#include "mcp_tools.h"
#include "report.h"

#include <cjson/cJSON.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "util.h"

#define MCP_LINE_CAP (4u << 20) /* a larger message is refused, the server goes on */

enum { RPC_PARSE = -32700, RPC_INVALID = -32600, RPC_NO_METHOD = -32601, RPC_PARAMS = -32602, RPC_INTERNAL = -32603 };

static const char *const protocols[] = {OD_MCP_PROTOCOL_LATEST, "2025-06-18", "2025-03-26", "2024-11-05", NULL};

/* --- JSON-RPC ------------------------------------------------------------------ */

static char *reply(const cJSON *id, cJSON *result)
{
    cJSON *r = cJSON_CreateObject();
    char *s;
    cJSON_AddStringToObject(r, "jsonrpc", "2.0");
    cJSON_AddItemToObject(r, "id", id ? cJSON_Duplicate(id, 1) : cJSON_CreateNull());
    cJSON_AddItemToObject(r, "result", result);
    od_report_fix_strings(r, od_utf8_clean); /* JSON-RPC is UTF-8 whatever the paste was */
    s = cJSON_PrintUnformatted(r);
    cJSON_Delete(r);
    return s;
}

static char *rpc_error(const cJSON *id, int code, const char *message)
{
    cJSON *r = cJSON_CreateObject(), *e;
    char *s;
    cJSON_AddStringToObject(r, "jsonrpc", "2.0");
    cJSON_AddItemToObject(r, "id", id ? cJSON_Duplicate(id, 1) : cJSON_CreateNull());
    e = cJSON_AddObjectToObject(r, "error");
    cJSON_AddNumberToObject(e, "code", code);
    cJSON_AddStringToObject(e, "message", message);
    s = cJSON_PrintUnformatted(r);
    cJSON_Delete(r);
    return s;
}

/* A tool result: the document as structuredContent and as text, or one
 * sentence with isError. */
static cJSON *tool_result(cJSON *doc, const char *why)
{
    cJSON *r = cJSON_CreateObject(), *item = cJSON_CreateObject();
    char *text = doc ? cJSON_PrintUnformatted(doc) : NULL;
    cJSON_AddStringToObject(item, "type", "text");
    cJSON_AddStringToObject(item, "text", doc ? (text ? text : "{}") : why);
    cJSON_AddItemToArray(cJSON_AddArrayToObject(r, "content"), item);
    if (doc)
        cJSON_AddItemToObject(r, "structuredContent", doc);
    cJSON_AddBoolToObject(r, "isError", !doc);
    free(text);
    return r;
}

static char *m_initialize(struct od_mcp *m, const cJSON *id, const cJSON *params)
{
    const char *want = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(params, "protocolVersion"));
    cJSON *r = cJSON_CreateObject(), *caps, *info;
    od_strlcpy(m->protocol, OD_MCP_PROTOCOL_LATEST, sizeof m->protocol);
    for (int i = 0; want && protocols[i]; i++)
        if (strcmp(want, protocols[i]) == 0)
            od_strlcpy(m->protocol, want, sizeof m->protocol);
    m->initialized = 1;
    cJSON_AddStringToObject(r, "protocolVersion", m->protocol);
    caps = cJSON_AddObjectToObject(r, "capabilities");
    cJSON_AddFalseToObject(cJSON_AddObjectToObject(caps, "tools"), "listChanged");
    info = cJSON_AddObjectToObject(r, "serverInfo");
    cJSON_AddStringToObject(info, "name", "ollama-doctor");
    cJSON_AddStringToObject(info, "title", "ollama-doctor");
    cJSON_AddStringToObject(info, "version", OD_VERSION);
    cJSON_AddStringToObject(
        r, "instructions",
        "Diagnoses why a containerised app (Dify, Open WebUI, n8n, AnythingLLM, LibreChat, ...) cannot reach an "
        "Ollama server, and gives the exact fix. When the user pasted an error message, call explain first. check "
        "measures from where this server runs (inside the app's container it sees what the app sees; on the Docker "
        "host, container=NAME probes from inside that container); bundle writes a support archive. Quote the "
        "findings' fixes as given: their commands are filled with measured values. Targets you name (url, "
        "candidates) are limited to loopback, private, link-local and container addresses.");
    return reply(id, r);
}

static char *m_ping(struct od_mcp *m, const cJSON *id, const cJSON *params)
{
    (void)m, (void)params;
    return reply(id, cJSON_CreateObject());
}

static char *m_tools_list(struct od_mcp *m, const cJSON *id, const cJSON *params)
{
    cJSON *r = cJSON_CreateObject();
    (void)m, (void)params;
    cJSON_AddItemToObject(r, "tools", od_mcp_tools_json());
    return reply(id, r);
}

static char *m_tools_call(struct od_mcp *m, const cJSON *id, const cJSON *params)
{
    const char *name = cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(params, "name"));
    const cJSON *args = cJSON_GetObjectItemCaseSensitive(params, "arguments");
    const struct od_mcp_tool *t;
    char why[1024] = "", msg[300];
    cJSON *doc, *empty = NULL;

    if (!cJSON_IsObject(params) || !name)
        return rpc_error(id, RPC_PARAMS, "tools/call needs params.name (one of check, explain, bundle)");
    if (!(t = od_mcp_tool_find(name))) {
        snprintf(msg, sizeof msg, "Unknown tool: %.200s (the tools are check, explain and bundle)", name);
        return rpc_error(id, RPC_PARAMS, msg);
    }
    if (args && !cJSON_IsNull(args) && !cJSON_IsObject(args))
        return rpc_error(id, RPC_PARAMS, "tools/call: params.arguments must be an object");
    if (!args || cJSON_IsNull(args))
        args = empty = cJSON_CreateObject();
    doc = od_mcp_tool_run(m, t, args, why, sizeof why);
    cJSON_Delete(empty);
    return reply(id, tool_result(doc, why));
}

static const struct {
    const char *method;
    char *(*fn)(struct od_mcp *m, const cJSON *id, const cJSON *params);
} methods[] = {
    {"initialize", m_initialize},
    {"ping", m_ping},
    {"tools/list", m_tools_list},
    {"tools/call", m_tools_call},
};

char *od_mcp_handle(struct od_mcp *m, const char *line, size_t len)
{
    cJSON *req, *id;
    const cJSON *method, *ver;
    char *out = NULL, msg[200];

    if (len == strspn(line, " \t\r\n"))
        return NULL;
    if (!(req = cJSON_ParseWithLength(line, len)))
        return rpc_error(NULL, RPC_PARSE, "Parse error: not a JSON text");
    id = cJSON_GetObjectItemCaseSensitive(req, "id");
    method = cJSON_GetObjectItemCaseSensitive(req, "method");
    ver = cJSON_GetObjectItemCaseSensitive(req, "jsonrpc");
    if (cJSON_IsArray(req)) {
        out = rpc_error(NULL, RPC_INVALID, "Invalid Request: batches are not supported");
    } else if (!cJSON_IsObject(req) || !cJSON_IsString(ver) || strcmp(ver->valuestring, "2.0") != 0 ||
               (id && !cJSON_IsString(id) && !cJSON_IsNumber(id) && !cJSON_IsNull(id))) {
        out = rpc_error(cJSON_IsString(id) || cJSON_IsNumber(id) ? id : NULL, RPC_INVALID,
                        "Invalid Request: expected a JSON-RPC 2.0 object");
    } else if (!method) {
        out = NULL; /* a response to us (we send no requests): nothing to say */
        if (!cJSON_HasObjectItem(req, "result") && !cJSON_HasObjectItem(req, "error"))
            out = rpc_error(id, RPC_INVALID, "Invalid Request: no method");
    } else if (!cJSON_IsString(method) || (id && cJSON_IsNull(id))) {
        out = rpc_error(NULL, RPC_INVALID, "Invalid Request: method must be a string and id not null");
    } else if (!id) {
        out = NULL; /* notifications (initialized, cancelled, ...): nothing to answer */
    } else {
        const cJSON *params = cJSON_GetObjectItemCaseSensitive(req, "params");
        size_t i;
        for (i = 0; i < sizeof methods / sizeof methods[0]; i++)
            if (strcmp(methods[i].method, method->valuestring) == 0)
                break;
        if (params && !cJSON_IsObject(params) && !cJSON_IsArray(params))
            out = rpc_error(id, RPC_INVALID, "Invalid Request: params must be an object");
        else if (i < sizeof methods / sizeof methods[0])
            out = methods[i].fn(m, id, params);
        else {
            snprintf(msg, sizeof msg, "Method not found: %.120s", method->valuestring);
            out = rpc_error(id, RPC_NO_METHOD, msg);
        }
    }
    cJSON_Delete(req);
    return out;
}

/* --- stdio ----------------------------------------------------------------------- */

/* The next line of in, at most MCP_LINE_CAP bytes kept (*over set when the
 * line was longer); NULL at the end of input. */
static char *read_line(FILE *in, size_t *len, int *over)
{
    size_t cap = 4096, n = 0;
    char *buf = malloc(cap), chunk[8192];
    *over = 0;
    while (buf && fgets(chunk, sizeof chunk, in)) {
        size_t c = strlen(chunk);
        int eol = c && chunk[c - 1] == '\n';
        if (n + c > MCP_LINE_CAP)
            *over = 1;
        if (!*over) {
            if (n + c + 1 > cap) {
                char *nb;
                while (n + c + 1 > cap)
                    cap *= 2;
                if (!(nb = realloc(buf, cap))) {
                    free(buf);
                    return NULL;
                }
                buf = nb;
            }
            memcpy(buf + n, chunk, c);
            n += c;
        }
        if (eol) {
            buf[n] = '\0';
            *len = n;
            return buf;
        }
    }
    if (buf && n) { /* a last line without its newline */
        buf[n] = '\0';
        *len = n;
        return buf;
    }
    free(buf);
    return NULL;
}

int od_cmd_mcp(const struct od_opts *o)
{
    struct od_mcp m = {o, 0, ""};
    int fd, over, rc = OD_EXIT_OK;
    size_t len;
    char *line;
    FILE *out;

    /* The protocol gets its own descriptor; fd 1 becomes stderr, so that
     * nothing else (a library, a child) can ever write into the stream. */
    fflush(stdout);
    if ((fd = dup(STDOUT_FILENO)) < 0 || !(out = fdopen(fd, "w")) || dup2(STDERR_FILENO, STDOUT_FILENO) < 0) {
        fprintf(stderr, "ollama-doctor: mcp: cannot set up stdout\n");
        return OD_EXIT_INTERNAL;
    }
    signal(SIGPIPE, SIG_IGN);
    fprintf(stderr, "ollama-doctor %s: MCP server on stdin/stdout (tools: check, explain, bundle)%s\n", OD_VERSION,
            o->allow_any_target ? "; any target allowed" : "");
    while ((line = read_line(stdin, &len, &over))) {
        char *r = over ? rpc_error(NULL, RPC_INVALID, "Invalid Request: message larger than 4 MiB")
                       : od_mcp_handle(&m, line, len);
        free(line);
        if (!r)
            continue;
        if (fputs(r, out) < 0 || fputc('\n', out) == EOF || fflush(out) != 0) {
            free(r);
            rc = OD_EXIT_INTERNAL;
            break;
        }
        free(r);
    }
    fclose(out);
    return rc;
}

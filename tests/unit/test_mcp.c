/* test_mcp.c — the MCP server's JSON-RPC handling, one message at a time
 * (od_mcp_handle), and the limit on the targets an agent may name. Nothing
 * here probes: tools/call only reaches explain and argument errors. */
#include "unit.h"

#include <cjson/cJSON.h>
#include <stdlib.h>
#include <string.h>

#include "mcp.h"

static struct od_opts server;

/* The reply to line, parsed; NULL when there is none. */
static cJSON *ask(struct od_mcp *m, const char *line)
{
    char *r = od_mcp_handle(m, line, strlen(line));
    cJSON *j = r ? cJSON_Parse(r) : NULL;
    if (r)
        assert_non_null(j);
    free(r);
    return j;
}

static int error_code(const cJSON *j)
{
    const cJSON *e = cJSON_GetObjectItem(j, "error");
    assert_non_null(e);
    return (int)cJSON_GetNumberValue(cJSON_GetObjectItem(e, "code"));
}

static void test_framing_errors(void **state)
{
    struct od_mcp m = {&server, 0, ""};
    cJSON *j;
    (void)state;
    j = ask(&m, "{not json");
    assert_int_equal(error_code(j), -32700);
    assert_true(cJSON_IsNull(cJSON_GetObjectItem(j, "id")));
    cJSON_Delete(j);
    j = ask(&m, "[{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}]");
    assert_int_equal(error_code(j), -32600);
    cJSON_Delete(j);
    j = ask(&m, "{\"jsonrpc\":\"1.0\",\"id\":7,\"method\":\"ping\"}");
    assert_int_equal(error_code(j), -32600);
    assert_int_equal((int)cJSON_GetNumberValue(cJSON_GetObjectItem(j, "id")), 7);
    cJSON_Delete(j);
    j = ask(&m, "{\"jsonrpc\":\"2.0\",\"id\":{},\"method\":\"ping\"}");
    assert_int_equal(error_code(j), -32600);
    cJSON_Delete(j);
    j = ask(&m, "{\"jsonrpc\":\"2.0\",\"id\":null,\"method\":\"ping\"}");
    assert_int_equal(error_code(j), -32600);
    cJSON_Delete(j);
    j = ask(&m, "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":42}");
    assert_int_equal(error_code(j), -32600);
    cJSON_Delete(j);
    j = ask(&m, "{\"jsonrpc\":\"2.0\",\"id\":\"a\",\"method\":\"nosuch/method\"}");
    assert_int_equal(error_code(j), -32601);
    assert_string_equal(cJSON_GetStringValue(cJSON_GetObjectItem(j, "id")), "a");
    cJSON_Delete(j);
}

static void test_silent(void **state)
{
    struct od_mcp m = {&server, 0, ""};
    (void)state;
    assert_null(ask(&m, ""));
    assert_null(ask(&m, "  \r"));
    assert_null(ask(&m, "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}"));
    assert_null(ask(&m, "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/cancelled\",\"params\":{\"requestId\":1}}"));
    assert_null(ask(&m, "{\"jsonrpc\":\"2.0\",\"id\":5,\"result\":{}}")); /* a response: we sent no request */
}

static void test_initialize(void **state)
{
    struct od_mcp m = {&server, 0, ""};
    cJSON *j;
    const cJSON *r;
    (void)state;
    j = ask(&m, "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-06-18\","
                "\"capabilities\":{},\"clientInfo\":{\"name\":\"t\",\"version\":\"1\"}}}");
    r = cJSON_GetObjectItem(j, "result");
    assert_string_equal(cJSON_GetStringValue(cJSON_GetObjectItem(r, "protocolVersion")), "2025-06-18");
    assert_string_equal(cJSON_GetStringValue(cJSON_GetObjectItem(cJSON_GetObjectItem(r, "serverInfo"), "name")),
                        "ollama-doctor");
    assert_non_null(cJSON_GetObjectItem(cJSON_GetObjectItem(r, "capabilities"), "tools"));
    assert_true(m.initialized);
    cJSON_Delete(j);
    /* a version this server does not know: it answers with its newest */
    j = ask(&m, "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"1999-01-01\"}}");
    assert_string_equal(cJSON_GetStringValue(cJSON_GetObjectItem(cJSON_GetObjectItem(j, "result"), "protocolVersion")),
                        OD_MCP_PROTOCOL_LATEST);
    cJSON_Delete(j);
}

static void test_tools_list(void **state)
{
    struct od_mcp m = {&server, 0, ""};
    cJSON *j = ask(&m, "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/list\"}");
    const cJSON *tools = cJSON_GetObjectItem(cJSON_GetObjectItem(j, "result"), "tools"), *t;
    const char *names[] = {"check", "explain", "bundle"};
    int i = 0;
    (void)state;
    assert_int_equal(cJSON_GetArraySize(tools), 3);
    cJSON_ArrayForEach(t, tools)
    {
        const cJSON *in = cJSON_GetObjectItem(t, "inputSchema");
        assert_string_equal(cJSON_GetStringValue(cJSON_GetObjectItem(t, "name")), names[i++]);
        assert_string_equal(cJSON_GetStringValue(cJSON_GetObjectItem(in, "type")), "object");
        assert_true(cJSON_IsFalse(cJSON_GetObjectItem(in, "additionalProperties")));
        assert_true(strlen(cJSON_GetStringValue(cJSON_GetObjectItem(t, "description"))) > 40);
    }
    cJSON_Delete(j);
}

/* A tools/call; returns the result object (owned by *whole). */
static const cJSON *call(struct od_mcp *m, const char *args_json, const char *tool, cJSON **whole)
{
    char line[2048];
    snprintf(line, sizeof line,
             "{\"jsonrpc\":\"2.0\",\"id\":9,\"method\":\"tools/call\",\"params\":{\"name\":\"%s\",\"arguments\":%s}}",
             tool, args_json);
    *whole = ask(m, line);
    assert_non_null(*whole);
    return cJSON_GetObjectItem(*whole, "result");
}

static const char *error_text(const cJSON *r)
{
    assert_true(cJSON_IsTrue(cJSON_GetObjectItem(r, "isError")));
    return cJSON_GetStringValue(cJSON_GetObjectItem(cJSON_GetArrayItem(cJSON_GetObjectItem(r, "content"), 0), "text"));
}

static void test_tool_errors(void **state)
{
    static const struct {
        const char *tool, *args, *starts;
    } cases[] = {
        {"check", "{\"port\":70000}", "port: 70000 is out of range"},
        {"check", "{\"port\":\"11434\"}", "port: expected an integer"},
        {"check", "{\"port\":1.5}", "port: expected an integer"},
        {"check", "{\"timeout\":10}", "timeout: 10 is out of range"},
        {"check", "{\"url\":42}", "url: expected a string or a non-empty array"},
        {"check", "{\"url\":[]}", "url: expected a string or a non-empty array"},
        {"check", "{\"url\":\"ftp://x\"}", "url: 'ftp://x'"},
        {"check", "{\"url\":\"http://8.8.8.8:11434\"}", "url: 'http://8.8.8.8:11434' names 8.8.8.8"},
        {"check", "{\"candidates\":\"127.0.0.1,example.com\"}", "candidates: 'example.com' names example.com"},
        {"check", "{\"os\":\"beos\"}", "os: 'beos' is not one of auto|linux|macos|windows"},
        {"check", "{\"app\":\"nosuch\"}", "app: 'nosuch' is not one of dify"},
        {"check", "{\"text\":\"x\"}", "unknown argument 'text' for check"},
        {"explain", "{\"text\":42}", "text: expected a string"},
        {"explain", "{\"text\":\"   \"}", "explain: no error text"},
        {"explain", "{}", "text: this argument is required"},
        {"explain", "{\"url\":\"http://x\"}", "text: this argument is required"},
        {"bundle", "{\"output\":\"\"}", "output: empty file name"},
    };
    struct od_mcp m = {&server, 0, ""};
    (void)state;
    for (size_t i = 0; i < N_ELEMS(cases); i++) {
        cJSON *whole;
        const char *t = error_text(call(&m, cases[i].args, cases[i].tool, &whole));
        if (strncmp(t, cases[i].starts, strlen(cases[i].starts)) != 0)
            fail_msg("%s %s: got '%s', want '%s...'", cases[i].tool, cases[i].args, t, cases[i].starts);
        assert_int_equal(t[strlen(t) - 1], '.'); /* one sentence */
        assert_null(strchr(t, '\n'));
        cJSON_Delete(whole);
    }
}

static void test_call_params(void **state)
{
    struct od_mcp m = {&server, 0, ""};
    cJSON *j;
    (void)state;
    j = ask(&m, "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":\"nosuch\"}}");
    assert_int_equal(error_code(j), -32602);
    cJSON_Delete(j);
    j = ask(&m, "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{}}");
    assert_int_equal(error_code(j), -32602);
    cJSON_Delete(j);
    j = ask(&m, "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":\"check\",\"arguments\":[1]}}");
    assert_int_equal(error_code(j), -32602);
    cJSON_Delete(j);
}

static void test_explain_call(void **state)
{
    struct od_mcp m = {&server, 0, ""};
    cJSON *whole;
    const cJSON *r = call(&m,
                          "{\"text\":\"HTTPConnectionPool(host='127.0.0.1', port=11434): Max retries exceeded with url: "
                          "/api/chat (Caused by NewConnectionError('x: Failed to establish a new connection: [Errno "
                          "111] Connection refused'))\"}",
                          "explain", &whole);
    const cJSON *sc = cJSON_GetObjectItem(r, "structuredContent");
    const cJSON *text = cJSON_GetObjectItem(cJSON_GetArrayItem(cJSON_GetObjectItem(r, "content"), 0), "text");
    cJSON *again;
    (void)state;
    assert_true(cJSON_IsFalse(cJSON_GetObjectItem(r, "isError")));
    assert_string_equal(cJSON_GetStringValue(cJSON_GetObjectItem(cJSON_GetObjectItem(sc, "input"), "errno")),
                        "ECONNREFUSED");
    assert_string_equal(
        cJSON_GetStringValue(cJSON_GetObjectItem(cJSON_GetArrayItem(cJSON_GetObjectItem(sc, "findings"), 0), "id")),
        "localhost-inside-container");
    again = cJSON_Parse(cJSON_GetStringValue(text));
    assert_true(cJSON_Compare(again, sc, 1));
    cJSON_Delete(again);
    cJSON_Delete(whole);
}

static void test_allowed(void **state)
{
    static const char *const yes[] = {"127.0.0.1", "127.1.2.3", "10.0.0.1", "172.16.0.1", "172.31.255.255",
                                      "192.168.1.5", "169.254.1.1", "0.0.0.0", "::1", "::", "fd00::1", "fc12::1",
                                      "fe80::1", "fe80::1%25eth0", "::ffff:192.168.1.1", "localhost", "ollama",
                                      "host.docker.internal", "gateway.docker.internal", "host.containers.internal",
                                      "host.lima.internal", "mybox.local", "ollama.ai.svc.cluster.local",
                                      "ollama.ai.svc", "app.localhost", "host.docker.internal."};
    static const char *const no[] = {"8.8.8.8", "172.32.0.1", "172.15.0.1", "192.169.0.1", "100.64.0.1",
                                     "93.184.216.34", "2001:db8::1", "2606:4700::1", "::ffff:8.8.8.8", "example.com",
                                     "ollama.com", "evil.internal.example.com", "127.1", "1.2.3", "", "a:b"};
    (void)state;
    for (size_t i = 0; i < N_ELEMS(yes); i++)
        if (!od_mcp_host_allowed(yes[i]))
            fail_msg("%s should be allowed", yes[i]);
    for (size_t i = 0; i < N_ELEMS(no); i++)
        if (od_mcp_host_allowed(no[i]))
            fail_msg("%s should not be allowed", no[i]);
    assert_false(od_mcp_host_allowed(NULL));
}

static void test_allow_any(void **state)
{
    struct od_opts any;
    struct od_mcp m = {&any, 0, ""};
    cJSON *whole;
    const char *t;
    (void)state;
    memset(&any, 0, sizeof any);
    any.allow_any_target = 1;
    any.timeout_ms = 2000;
    /* no limit now: the call gets as far as the option parser (an invalid port, so no probe is made) */
    t = error_text(call(&m, "{\"url\":\"http://8.8.8.8:11434\",\"port\":0}", "check", &whole));
    assert_non_null(strstr(t, "port: 0 is out of range"));
    cJSON_Delete(whole);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_framing_errors), cmocka_unit_test(test_silent),      cmocka_unit_test(test_initialize),
        cmocka_unit_test(test_tools_list),     cmocka_unit_test(test_tool_errors), cmocka_unit_test(test_call_params),
        cmocka_unit_test(test_explain_call),   cmocka_unit_test(test_allowed),     cmocka_unit_test(test_allow_any),
    };
    server.timeout_ms = 2000;
    return cmocka_run_group_tests(tests, NULL, NULL);
}

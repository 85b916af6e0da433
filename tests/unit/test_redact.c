/* test_redact.c — the redaction pass, as a table of input -> expected text,
 * plus the name rule, idempotence, JSON validity and binary safety. */
#include "unit.h"

#include <cjson/cJSON.h>
#include <stdlib.h>
#include <string.h>

#include "redact.h"

struct redact_case {
    const char *name, *in, *out;
};

static const struct redact_case cases[] = {
    /* URL credentials */
    {"url user:pass", "HTTP_PROXY=http://canaryuser:CANARY-PW-1@127.0.0.1:3128", "HTTP_PROXY=http://REDACTED@127.0.0.1:3128"},
    {"url user only", "https://token123@github.com/x.git", "https://REDACTED@github.com/x.git"},
    {"url no credentials", "http://172.17.0.1:11434/api/tags", "http://172.17.0.1:11434/api/tags"},
    {"url @ in path kept", "http://host:80/users/@me", "http://host:80/users/@me"},
    {"url last @ of authority", "http://u:p@ss@squid:3128/", "http://REDACTED@squid:3128/"},
    {"url socks", "ALL_PROXY=socks5h://a:b@[::1]:1080", "ALL_PROXY=socks5h://REDACTED@[::1]:1080"},
    {"url inside JSON", "{\"HTTP_PROXY\":\"http://u:s3cr3t@10.0.0.1:3128\"}", "{\"HTTP_PROXY\":\"http://REDACTED@10.0.0.1:3128\"}"},
    {"url in prose", "proxy is http://bob:pw@proxy.corp:8080 today", "proxy is http://REDACTED@proxy.corp:8080 today"},
    {"url after underscore word", "x_http://u:p@h", "x_http://REDACTED@h"},
    {"url email is not a URL", "mail admin@example.com", "mail admin@example.com"},
    {"url after a bearer cut at ~", "Bearer tok~://u:PW@h", "Bearer REDACTED://REDACTED@h"},
    {"proxy without a scheme", "HTTP_PROXY=user:PASS@proxy:3128", "HTTP_PROXY=REDACTED@proxy:3128"},
    {"proxy password with # and /", "https_proxy=http://u:p#a/s?s@proxy:3128 X=1", "https_proxy=http://REDACTED@proxy:3128 X=1"},
    {"proxy in docker Env JSON", "[\"HTTPS_PROXY=u:PW@p:3128\"]", "[\"HTTPS_PROXY=REDACTED@p:3128\"]"},
    {"proxy JSON key", "{\"httpProxy\": \"u:PW@p:3128\", \"noProxy\": \"a@b\"}", "{\"httpProxy\": \"REDACTED@p:3128\", \"noProxy\": \"a@b\"}"},
    {"OLLAMA_HOST credentials", "OLLAMA_HOST=http://u:PW@h:11434", "OLLAMA_HOST=http://REDACTED@h:11434"},
    {"no_proxy kept", "NO_PROXY=a@b,c", "NO_PROXY=a@b,c"},
    {"url IPv6 kept", "http://[fe80::1%25eth0]:11434", "http://[fe80::1%25eth0]:11434"},
    /* headers */
    {"authorization header", "> Authorization: Basic dXNlcjpwYXNz\r\n> Host: x", "> Authorization: REDACTED\r\n> Host: x"},
    {"proxy-authorization", "Proxy-Authorization: Digest username=\"a\", response=\"b\"\nnext", "Proxy-Authorization: REDACTED\nnext"},
    {"header case-insensitive", "authorization:Bearer abc", "authorization:REDACTED"},
    {"header inside a JSON string", "[\"Authorization: Bearer abc\", \"x\"]", "[\"Authorization: REDACTED\", \"x\"]"},
    {"header empty value", "Authorization:\nx", "Authorization:\nx"},
    {"header mid-string in JSON", "{\"error\": \"curl: Authorization: Bearer abc\", \"n\": 1}",
     "{\"error\": \"curl: Authorization: REDACTED\", \"n\": 1}"},
    {"header mid-string, escaped quotes", "[\"x Proxy-Authorization: Digest u=\\\"a\\\"\"]",
     "[\"x Proxy-Authorization: REDACTED\"]"},
    {"header in a quoted log field", "msg=\"sent Authorization: Basic abc\" code=401", "msg=\"sent Authorization: REDACTED\" code=401"},
    /* bearer */
    {"bearer in a log", "curl -H 'X: Bearer eyJhbGciOi.J9.x-y_z' http://h", "curl -H 'X: Bearer REDACTED' http://h"},
    {"bearer lower case", "got bearer abc123= back", "got bearer REDACTED back"},
    {"bearers is a word", "Bearers of news", "Bearers of news"},
    /* NAME=value */
    {"env key", "OPENAI_API_KEY=CANARY-KEY-2", "OPENAI_API_KEY=REDACTED"},
    {"env secret token", "MY_SECRET_TOKEN=CANARY-3\nLANG=C", "MY_SECRET_TOKEN=REDACTED\nLANG=C"},
    {"env export", "export DB_PASSWORD=hunter2 # x", "export DB_PASSWORD=REDACTED # x"},
    {"env double-quoted", "DB_PASSWORD=\"a b c\" NEXT=1", "DB_PASSWORD=\"REDACTED\" NEXT=1"},
    {"env single-quoted", "API_KEY='x y'", "API_KEY='REDACTED'"},
    {"env empty stays", "API_KEY=\nX=1", "API_KEY=\nX=1"},
    {"env not sensitive", "OLLAMA_HOST=0.0.0.0:11434 MONKEY=banana", "OLLAMA_HOST=0.0.0.0:11434 MONKEY=banana"},
    {"systemd Environment", "Environment=OLLAMA_HOST=0.0.0.0 HF_TOKEN=hf_abc OLLAMA_MODELS=/m", "Environment=OLLAMA_HOST=0.0.0.0 HF_TOKEN=REDACTED OLLAMA_MODELS=/m"},
    {"systemd quoted Environment", "Environment=\"HF_TOKEN=a b\" X=1", "Environment=\"HF_TOKEN=REDACTED\" X=1"},
    {"docker Env in JSON", "\"Env\": [\"OPENAI_API_KEY=sk-abc def\", \"PATH=/bin\"]", "\"Env\": [\"OPENAI_API_KEY=REDACTED\", \"PATH=/bin\"]"},
    {"docker Env escaped quote", "[\"API_KEY=a\\\"b\"]", "[\"API_KEY=REDACTED\"]"},
    {"quoted value in a JSON string past a raw line break", "\"{\\\"a\\\":\n KEY='v\\\"}\" '", "\"{\\\"a\\\":\n KEY='REDACTED\" '"},
    {"YAML-like line inside a JSON string past a raw line break", "[\"a\n  api_key: v\n  k: x\"]",
     "[\"a\n  api_key: REDACTED\n  k: x\"]"},
    {"YAML-like line ending a JSON string", "[\"a\n api_key: v\"]", "[\"a\n api_key: REDACTED\"]"},
    {"quoted value in JSON whose first escape follows the line break", "\"{a\n KEY='v\\\"}\" '", "\"{a\n KEY='REDACTED\" '"},
    {"query string", "GET /x?api_key=abc&model=llama3", "GET /x?api_key=REDACTED&model=llama3"},
    {"flag", "--api-key=abc --port=1", "--api-key=REDACTED --port=1"},
    {"comparison kept", "if TOKEN==x", "if TOKEN==x"},
    /* JSON keys */
    {"json string value", "{\"api_key\": \"sk-1\", \"n\": 1}", "{\"api_key\": \"REDACTED\", \"n\": 1}"},
    {"json cJSON layout", "\t\"password\":\t\"p\\\"w\",\n", "\t\"password\":\t\"REDACTED\",\n"},
    {"json number kept", "{\"max_tokens\": 100}", "{\"max_tokens\": 100}"},
    {"json Authorization key", "{\"Authorization\": \"Bearer abc\"}", "{\"Authorization\": \"REDACTED\"}"},
    {"json in a JSON string", "\"{\\\"token\\\":\\\"abc\\\"}\"", "\"{\\\"token\\\":\\\"REDACTED\\\"}\""},
    {"python dict", "{'secret': 'xyz'}", "{'secret': 'REDACTED'}"},
    /* YAML */
    {"yaml", "llm:\n  api_key: sk-123 # comment\n  base_url: http://h:11434\n", "llm:\n  api_key: REDACTED\n  base_url: http://h:11434\n"},
    {"yaml quoted", "password: \"p w\"\n", "password: \"REDACTED\"\n"},
    {"yaml list item", "- token: abc\n", "- token: REDACTED\n"},
    {"yaml mapping header kept", "auth:\n  user: x\n", "auth:\n  user: x\n"},
    {"yaml only at line start", "Ollama has no authentication: 0.0.0.0 opens it", "Ollama has no authentication: 0.0.0.0 opens it"},
    {"header-like X-Api-Key", "X-Api-Key: abc123\n", "X-Api-Key: REDACTED\n"},
    /* kept on purpose */
    {"IPs and hosts kept", "nameserver 10.255.255.53\n172.17.0.1 host.docker.internal", "nameserver 10.255.255.53\n172.17.0.1 host.docker.internal"},
    {"PWD kept", "PWD=/home/me", "PWD=/home/me"},
    {"plain text", "Verdict: unreachable — no candidate", "Verdict: unreachable — no candidate"},
};

static void test_cases(void **state)
{
    (void)state;
    for (size_t i = 0; i < N_ELEMS(cases); i++) {
        size_t n = 0;
        char *got = od_redact(cases[i].in, strlen(cases[i].in), &n);
        assert_non_null(got);
        if (strcmp(got, cases[i].out) != 0)
            fail_msg("%s: got [%s], want [%s]", cases[i].name, got, cases[i].out);
        assert_int_equal(n, strlen(got));
        free(got);
    }
}

static void test_idempotent(void **state)
{
    (void)state;
    for (size_t i = 0; i < N_ELEMS(cases); i++) {
        char *once = od_redact(cases[i].in, strlen(cases[i].in), NULL);
        char *twice = od_redact(once, strlen(once), NULL);
        if (strcmp(once, twice) != 0)
            fail_msg("%s: not idempotent: [%s] -> [%s]", cases[i].name, once, twice);
        free(once);
        free(twice);
    }
}

struct name_case {
    const char *name;
    int sensitive;
};

static const struct name_case names[] = {
    {"OPENAI_API_KEY", 1}, {"apiKey", 1},        {"APIKEY", 1},          {"api-keys", 1},
    {"MY_SECRET_TOKEN", 1}, {"GITHUB_TOKEN", 1}, {"accessToken", 1},     {"clientSecret", 1},
    {"db.password", 1},    {"DB_PASSWD", 1},     {"DB_PASS", 1},         {"DB_PWD", 1},
    {"AWS_SECRET_ACCESS_KEY", 1}, {"x-auth-token", 1}, {"Authorization", 1}, {"OAUTH_CLIENT", 1},
    {"GOOGLE_APPLICATION_CREDENTIALS", 1}, {"SSH_PASSPHRASE", 1}, {"KEYS", 1}, {"MONKEY_KEY", 1},
    {"MONKEY", 0},         {"DONKEY_KONG", 0},   {"TURKEY", 0},          {"AUTHOR", 0},
    {"AUTHENTICATION", 0}, {"OLLAMA_HOST", 0},   {"OLLAMA_KEEP_ALIVE", 0}, {"HTTP_PROXY", 0},
    {"PWD", 0},            {"OLDPWD", 0},        {"PASSENGER", 0},       {"BYPASS", 0},
    {"LANG", 0},           {"KUBERNETES_SERVICE_HOST", 0}, {"", 0},
};

static void test_names(void **state)
{
    (void)state;
    for (size_t i = 0; i < N_ELEMS(names); i++)
        if (od_redact_name_sensitive(names[i].name, strlen(names[i].name)) != names[i].sensitive)
            fail_msg("%s: want sensitive=%d", names[i].name, names[i].sensitive);
}

/* A cJSON document with secrets in keys and strings stays valid JSON. */
static void test_json_stays_valid(void **state)
{
    (void)state;
    cJSON *doc = cJSON_CreateObject(), *env = cJSON_AddArrayToObject(doc, "Env"), *back;
    cJSON_AddItemToArray(env, cJSON_CreateString("API_KEY=a\"b\\c"));
    cJSON_AddItemToArray(env, cJSON_CreateString("HTTP_PROXY=http://u:p@h:1"));
    cJSON_AddStringToObject(doc, "client_secret", "x\ty\"z");
    cJSON_AddStringToObject(doc, "note", "Authorization: Bearer q\"r");
    cJSON_AddNumberToObject(doc, "max_tokens", 5);
    /* a JSON string holding quoted text whose NAME=value runs to the string's end (fuzz_redact) */
    cJSON_AddStringToObject(doc, "quoted", "{\"IAPI_KEY=III");
    char *s = cJSON_Print(doc), *r = od_redact(s, strlen(s), NULL);
    back = cJSON_Parse(r);
    assert_non_null(back);
    assert_string_equal(cJSON_GetArrayItem(cJSON_GetObjectItem(back, "Env"), 0)->valuestring, "API_KEY=REDACTED");
    assert_string_equal(cJSON_GetArrayItem(cJSON_GetObjectItem(back, "Env"), 1)->valuestring,
                        "HTTP_PROXY=http://REDACTED@h:1");
    assert_string_equal(cJSON_GetObjectItem(back, "client_secret")->valuestring, "REDACTED");
    assert_string_equal(cJSON_GetObjectItem(back, "note")->valuestring, "Authorization: REDACTED");
    assert_int_equal(cJSON_GetObjectItem(back, "max_tokens")->valueint, 5);
    assert_string_equal(cJSON_GetObjectItem(back, "quoted")->valuestring, "{\"IAPI_KEY=REDACTED");
    cJSON_Delete(back);
    cJSON_Delete(doc);
    free(s);
    free(r);
}

static void test_binary_and_edges(void **state)
{
    (void)state;
    static const char bin[] = "a\0API_KEY=x\0b";
    size_t n = 0;
    char *r = od_redact(bin, sizeof bin - 1, &n);
    assert_int_equal(n, sizeof "a\0API_KEY=REDACTED\0b" - 1);
    assert_memory_equal(r, "a\0API_KEY=REDACTED\0b", n);
    free(r);
    r = od_redact(NULL, 0, &n); /* empty */
    assert_non_null(r);
    assert_int_equal(n, 0);
    free(r);
    static const char *const cut[] = {"http://", "API_KEY=", "Bearer ", "Authorization:", "\"token\":", "://@", "a=\\"};
    for (size_t i = 0; i < N_ELEMS(cut); i++) { /* truncated input: no overread (ASan) */
        r = od_redact(cut[i], strlen(cut[i]), NULL);
        assert_non_null(r);
        free(r);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_cases),          cmocka_unit_test(test_idempotent),
        cmocka_unit_test(test_names),          cmocka_unit_test(test_json_stays_valid),
        cmocka_unit_test(test_binary_and_edges),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

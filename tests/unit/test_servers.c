/* test_servers.c — which server other than Ollama a text shows. */
#include "unit.h"

#include <string.h>

#include "servers.h"

/* A model server named in the text, at its own port or another. */
static void test_model_server_named(void **state)
{
    struct od_server_guess g;
    (void)state;
    assert_int_equal(od_server_guess("LM Studio: connect ECONNREFUSED 127.0.0.1:1234", "node", 1234, "", &g), 1);
    assert_string_equal(g.id, "lm-studio");
    assert_true(g.strong);
    assert_false(g.service);
    assert_non_null(strstr(g.refusal, "LM Studio listens on loopback only"));
    /* Ollama's own port is Ollama's, whatever else the text names */
    assert_int_equal(od_server_guess("LM Studio ... 127.0.0.1:11434 refused", "node", 11434, "", &g), 0);
}

/* The app's other servers are named only at their own port, with their own
 * settings: no model to list, no OLLAMA_HOST. */
static void test_app_services(void **state)
{
    struct od_server_guess g;
    (void)state;
    assert_int_equal(od_server_guess("psycopg2.OperationalError: connection to server at \"db\" (172.18.0.2), "
                                     "port 5432 failed: Connection refused",
                                     "python", 5432, "", &g),
                     1);
    assert_string_equal(g.id, "postgresql");
    assert_true(g.strong);
    assert_true(g.service);
    assert_non_null(strstr(g.bind, "listen_addresses"));
    assert_int_equal(od_server_guess("ssh: connect to host 192.168.1.20 port 22: Connection refused", "", 22, "", &g), 1);
    assert_string_equal(g.id, "sshd");
    assert_non_null(strstr(g.refusal, "not running there"));
    assert_int_equal(od_server_guess("Mysql2::Error::ConnectionError: Can't connect to MySQL server on 'db' (111)", "ruby",
                                     3306, "", &g),
                     1);
    assert_string_equal(g.id, "mysql");
    /* a Redis named in a log beside a failure at another port is not the server that failed */
    assert_int_equal(od_server_guess("redis connected\nconnect ECONNREFUSED 172.17.0.1:8081", "node", 8081, "", &g), 0);
    /* a port alone (no words for the server) names nothing */
    assert_int_equal(od_server_guess("connect ECONNREFUSED 10.0.0.5:5432", "node", 5432, "", &g), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_model_server_named),
        cmocka_unit_test(test_app_services),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

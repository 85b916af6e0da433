/* test_hosts.c — hosts(5) parsing and lookups. */
#include "unit.h"

#include <stdio.h>
#include <string.h>

#include "hosts.h"

/* What Docker writes for a container with --add-host host.docker.internal:host-gateway. */
static const char docker_hosts[] =
    "127.0.0.1\tlocalhost\n"
    "::1\tlocalhost ip6-localhost ip6-loopback\n"
    "fe00::0\tip6-localnet\n"
    "ff00::0\tip6-mcastprefix\n"
    "ff02::1\tip6-allnodes\n"
    "ff02::2\tip6-allrouters\n"
    "172.17.0.1\thost.docker.internal\n"
    "172.17.0.3\t3f2a9c1e5b7d\n";

static void test_docker_hosts(void **state)
{
    struct od_hosts h;
    char addrs[4][OD_ADDRLEN];

    (void)state;
    assert_int_equal(od_hosts_parse(docker_hosts, &h), 0);
    assert_int_equal(h.n, 8);
    assert_string_equal(h.v[1].addr, "::1");
    assert_int_equal(h.v[1].names.n, 3);
    assert_string_equal(h.v[1].names.v[2], "ip6-loopback");

    assert_int_equal(od_hosts_lookup(&h, "host.docker.internal", addrs, 4), 1);
    assert_string_equal(addrs[0], "172.17.0.1");
    assert_int_equal(od_hosts_lookup(&h, "HOST.Docker.Internal", addrs, 4), 1);
    assert_int_equal(od_hosts_lookup(&h, "localhost", addrs, 4), 2);
    assert_string_equal(addrs[0], "127.0.0.1");
    assert_string_equal(addrs[1], "::1");
    assert_int_equal(od_hosts_lookup(&h, "localhost", addrs, 1), 1); /* max respected */
    assert_int_equal(od_hosts_lookup(&h, "gateway.docker.internal", addrs, 4), 0);
    assert_int_equal(od_hosts_lookup(&h, "host.docker", addrs, 4), 0);
    od_hosts_free(&h);
    assert_null(h.v);
    assert_int_equal(h.n, 0);
}

static void test_comments_dupes_and_junk(void **state)
{
    static const char text[] =
        "# static table lookup for hostnames\n"
        "\n"
        "   \t  \n"
        "10.0.0.5   ollama ollama.lan   # the GPU box\n"
        "#10.0.0.6  ollama\n"
        "10.0.0.5   OLLAMA\n"          /* same address again: not repeated */
        "10.0.0.7   ollama\r\n"        /* CRLF file */
        "not-an-ip  ollama\n"          /* invalid address: skipped */
        "10.0.0.256 ollama\n"
        "[::1]      ollama\n"          /* brackets are not hosts(5) syntax */
        "10.0.0.8\n"                   /* no names */
        "10.0.0.9#ollama\n"            /* the comment eats the names */
        "fe80::1%eth0 ollama\n"
        "2001:db8::7 ollama\n";
    struct od_hosts h;
    char addrs[8][OD_ADDRLEN];
    size_t n;

    (void)state;
    assert_int_equal(od_hosts_parse(text, &h), 0);
    n = od_hosts_lookup(&h, "ollama", addrs, 8);
    assert_int_equal(n, 4);
    assert_string_equal(addrs[0], "10.0.0.5");
    assert_string_equal(addrs[1], "10.0.0.7");
    assert_string_equal(addrs[2], "fe80::1%eth0");
    assert_string_equal(addrs[3], "2001:db8::7");
    assert_int_equal(od_hosts_lookup(&h, "ollama.lan", addrs, 8), 1);
    od_hosts_free(&h);
}

static void test_hostile(void **state)
{
    static const char tail[] = " short\n\xff\xfe\x01 \x7f\n1.2.3.4";
    static char text[8192];
    struct od_hosts h;
    char addrs[2][OD_ADDRLEN];

    (void)state;
    assert_int_equal(od_hosts_parse("", &h), 0);
    assert_int_equal(h.n, 0);
    od_hosts_free(&h);
    assert_int_equal(od_hosts_parse(NULL, &h), 0);
    assert_int_equal(od_hosts_lookup(&h, "x", addrs, 2), 0);
    assert_int_equal(od_hosts_lookup(NULL, "x", addrs, 2), 0);
    od_hosts_free(&h);
    od_hosts_free(NULL);

    /* an over-long name is skipped; the short one on the line survives */
    memcpy(text, "10.1.1.1 ", 9);
    memset(text + 9, 'n', 4000);
    memcpy(text + 4009, tail, sizeof(tail));
    assert_int_equal(od_hosts_parse(text, &h), 0);
    assert_int_equal(h.n, 1);
    assert_int_equal(h.v[0].names.n, 1);
    assert_int_equal(od_hosts_lookup(&h, "short", addrs, 2), 1);
    od_hosts_free(&h);

    /* many entries force the array to grow several times */
    text[0] = '\0';
    for (int i = 0; i < 200; i++)
        snprintf(text + strlen(text), sizeof(text) - strlen(text), "10.2.%d.%d h%d\n", i / 250, i % 250, i);
    assert_int_equal(od_hosts_parse(text, &h), 0);
    assert_int_equal(h.n, 200);
    assert_int_equal(od_hosts_lookup(&h, "h199", addrs, 2), 1);
    assert_string_equal(addrs[0], "10.2.0.199");
    od_hosts_free(&h);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_docker_hosts),
        cmocka_unit_test(test_comments_dupes_and_junk),
        cmocka_unit_test(test_hostile),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}

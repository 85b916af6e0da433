/* test_route.c — default gateways from /proc/net/route and /proc/net/ipv6_route. */
#include "unit.h"

#include <string.h>
#include <sys/socket.h>

#include "route.h"

/* The /proc/net/route samples are little-endian dumps (x86, arm64). */
static void need_little_endian(void)
{
    uint32_t one = 1;

    if (*(unsigned char *)&one != 1)
        skip();
}

/* Captured from a container (gateway 192.0.2.1), trailing blanks included. */
static const char route_live[] =
    "Iface\tDestination\tGateway \tFlags\tRefCnt\tUse\tMetric\tMask\t\tMTU\tWindow\tIRTT"
    "                                                       \n"
    "eth0\t00000000\t010200C0\t0003\t0\t0\t0\t00000000\t0\t0\t0"
    "                                                                               \n"
    "eth0\t000200C0\t00000000\t0001\t0\t0\t0\t00FFFFFF\t0\t0\t0"
    "                                                                               \n";

/* A laptop: two defaults, a docker bridge, a link route, and routes that must not count. */
static const char route_laptop[] =
    "Iface\tDestination\tGateway \tFlags\tRefCnt\tUse\tMetric\tMask\t\tMTU\tWindow\tIRTT\n"
    "eth0\t00000000\t0101A8C0\t0003\t0\t0\t100\t00000000\t0\t0\t0\n"
    "wlan0\t00000000\t0100000A\t0003\t0\t0\t600\t00000000\t0\t0\t0\n"
    "docker0\t000011AC\t00000000\t0001\t0\t0\t0\t0000FFFF\t0\t0\t0\n"
    "eth0\t0001A8C0\t00000000\t0001\t0\t0\t100\t00FFFFFF\t0\t0\t0\n"
    "tun0\t00000000\t0100080A\t0001\t0\t0\t50\t00000000\t0\t0\t0\n"     /* up, no RTF_GATEWAY */
    "tun1\t00000000\t0100080A\t0002\t0\t0\t50\t00000000\t0\t0\t0\n"     /* gateway, not up */
    "tun2\t00000000\t0100080A\t0003\t0\t0\t50\t000000FF\t0\t0\t0\n"     /* mask not zero */
    "tun3\t00000000\t00000000\t0003\t0\t0\t50\t00000000\t0\t0\t0\n";    /* zero gateway */

static void test_v4_live(void **state)
{
    struct od_gateway g[4];
    size_t n = 0;

    (void)state;
    need_little_endian();
    assert_int_equal(od_route_parse_v4(route_live, g, N_ELEMS(g), &n), 1);
    assert_int_equal(n, 1);
    assert_int_equal(g[0].family, AF_INET);
    assert_string_equal(g[0].addr, "192.0.2.1");
    assert_string_equal(g[0].iface, "eth0");
    assert_int_equal(g[0].metric, 0);
}

static void test_v4_laptop(void **state)
{
    struct od_gateway g[8];
    size_t n = 0;

    (void)state;
    need_little_endian();
    assert_int_equal(od_route_parse_v4(route_laptop, g, N_ELEMS(g), &n), 2);
    assert_int_equal(n, 2);
    assert_string_equal(g[0].addr, "192.168.1.1");
    assert_string_equal(g[0].iface, "eth0");
    assert_int_equal(g[0].metric, 100);
    assert_string_equal(g[1].addr, "10.0.0.1");
    assert_string_equal(g[1].iface, "wlan0");
    assert_int_equal(g[1].metric, 600);
}

static void test_v4_docker_bridge_gateway(void **state)
{
    static const char text[] = "Iface\tDestination\tGateway\n"
                               "eth0\t00000000\t010011AC\t0003\t0\t0\t0\t00000000\t0\t0\t0\n";
    struct od_gateway g[1];
    size_t n = 0;

    (void)state;
    need_little_endian();
    assert_int_equal(od_route_parse_v4(text, g, 1, &n), 1);
    assert_string_equal(g[0].addr, "172.17.0.1");
}

static void test_v4_limits(void **state)
{
    struct od_gateway g[3];
    size_t n = 0;

    (void)state;
    need_little_endian();
    assert_int_equal(od_route_parse_v4(route_laptop, g, 1, &n), 1); /* max reached */
    assert_int_equal(n, 1);
    assert_int_equal(od_route_parse_v4(route_laptop, g, 3, &n), 2); /* appends after g[0] */
    assert_int_equal(n, 3);
    assert_string_equal(g[1].addr, "192.168.1.1");
    assert_int_equal(od_route_parse_v4(route_laptop, g, 3, &n), 0); /* full */
    assert_int_equal(od_route_parse_v4(NULL, g, 3, &n), 0);
    assert_int_equal(od_route_parse_v4(route_live, NULL, 3, &n), 0);
    assert_int_equal(od_route_parse_v4(route_live, g, 3, NULL), 0);
}

static void test_v4_garbage(void **state)
{
    static const char *const bad[] = {
        "",
        "\n\n\n",
        "eth0\t00000000\t0101A8",                                           /* truncated */
        "eth0\t00000000\t0101A8C0\t0003\t0\t0\t0",                           /* no Mask */
        "eth0\t0000000G\t0101A8C0\t0003\t0\t0\t0\t00000000\t0\t0\t0",        /* not hex */
        "eth0\t00000000\t0101A8C0X\t0003\t0\t0\t0\t00000000\t0\t0\t0",       /* 9 digits */
        "eth0\t00000000\t0101A8C0\t00030\t0\t0\t0\t00000000\t0\t0\t0",       /* flags 0x30 */
        "eth0\t00000000\t0101A8C0\t0003\t0\t0\t-1\t00000000\t0\t0\t0",       /* bad metric */
        "eth0\t00000000\t0101A8C0\t0003\t0\t0\t99999999999\t00000000\t0\t0\t0",
        "an-interface-name-longer-than-31-chars\t00000000\t0101A8C0\t0003\t0\t0\t0\t00000000\t0\t0\t0",
        "\x01\x02\xff\xfe garbage \x7f",
    };
    struct od_gateway g[2];
    size_t n = 0;

    (void)state;
    for (size_t i = 0; i < N_ELEMS(bad); i++) {
        int r = od_route_parse_v4(bad[i], g, N_ELEMS(g), &n);

        if (r != 0)
            print_message("garbage row %zu was accepted\n", i);
        assert_int_equal(r, 0);
        assert_int_equal(n, 0);
    }
}

/* Captured ipv6_route: one default via fd00::1, plus the lo "unreachable" default. */
static const char route6_live[] =
    "fd000000000000000000000000000000 40 00000000000000000000000000000000 00 "
    "00000000000000000000000000000000 00000100 00000001 00000000 00000001     eth0\n"
    "fe800000000000000000000000000000 40 00000000000000000000000000000000 00 "
    "00000000000000000000000000000000 00000100 00000002 00000000 00000001     eth0\n"
    "00000000000000000000000000000000 00 00000000000000000000000000000000 00 "
    "fd000000000000000000000000000001 00000400 00000002 00000000 00000003     eth0\n"
    "00000000000000000000000000000001 80 00000000000000000000000000000000 00 "
    "00000000000000000000000000000000 00000000 00000004 00000000 80200001       lo\n"
    "00000000000000000000000000000000 00 00000000000000000000000000000000 00 "
    "00000000000000000000000000000000 ffffffff 00000001 00000000 00200200       lo\n";

static void test_v6_live(void **state)
{
    struct od_gateway g[4];
    size_t n = 0;

    (void)state;
    assert_int_equal(od_route_parse_v6(route6_live, g, N_ELEMS(g), &n), 1);
    assert_int_equal(g[0].family, AF_INET6);
    assert_string_equal(g[0].addr, "fd00::1");
    assert_string_equal(g[0].iface, "eth0");
    assert_int_equal(g[0].metric, 1024);
}

static void test_v6_link_local_and_others(void **state)
{
    static const char text[] =
        /* router advertisement default: link-local next hop needs the zone */
        "00000000000000000000000000000000 00 00000000000000000000000000000000 00 "
        "fe80000000000000021122fffe334455 00000400 00000001 00000000 00450003    wlan0\n"
        /* a more specific route with a next hop: not a default */
        "20010db8000000000000000000000000 20 00000000000000000000000000000000 00 "
        "20010db8000000000000000000000001 00000400 00000001 00000000 00000003     eth0\n"
        /* all-zero destination but prefix length 1 */
        "00000000000000000000000000000000 01 00000000000000000000000000000000 00 "
        "20010db8000000000000000000000001 00000400 00000001 00000000 00000003     eth0\n"
        /* truncated, non-hex, short address, missing iface */
        "00000000000000000000000000000000 00 0000\n"
        "0000000000000000000000000000000g 00 00000000000000000000000000000000 00 "
        "20010db8000000000000000000000001 00000400 00000001 00000000 00000003     eth0\n"
        "0000000000000000000000000000000 00 00000000000000000000000000000000 00 "
        "20010db8000000000000000000000001 00000400 00000001 00000000 00000003     eth0\n"
        "00000000000000000000000000000000 00 00000000000000000000000000000000 00 "
        "20010db8000000000000000000000001 00000400 00000001 00000000 00000003\n"
        /* a global next hop */
        "00000000000000000000000000000000 00 00000000000000000000000000000000 00 "
        "20010db8000000000000000000000001 0000000a 00000001 00000000 00000003     eth1\n";
    struct od_gateway g[4];
    size_t n = 0;

    (void)state;
    assert_int_equal(od_route_parse_v6(text, g, N_ELEMS(g), &n), 2);
    assert_string_equal(g[0].addr, "fe80::211:22ff:fe33:4455%wlan0");
    assert_string_equal(g[0].iface, "wlan0");
    assert_string_equal(g[1].addr, "2001:db8::1");
    assert_string_equal(g[1].iface, "eth1");
    assert_int_equal(g[1].metric, 10);
    n = 0;
    assert_int_equal(od_route_parse_v6("", g, N_ELEMS(g), &n), 0);
    assert_int_equal(od_route_parse_v6(route_live, g, N_ELEMS(g), &n), 0); /* v4 text */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_v4_live),
        cmocka_unit_test(test_v4_laptop),
        cmocka_unit_test(test_v4_docker_bridge_gateway),
        cmocka_unit_test(test_v4_limits),
        cmocka_unit_test(test_v4_garbage),
        cmocka_unit_test(test_v6_live),
        cmocka_unit_test(test_v6_link_local_and_others),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}

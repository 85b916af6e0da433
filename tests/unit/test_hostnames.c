/* test_hostnames — what a host name or address says by itself: the Docker
 * host's forwarders, service names, names only the local network answers,
 * and targets that are the user's own. */
#include "unit.h"

#include "hostnames.h"

/* Forwarders answer for the host's loopback; addresses a LAN may use too
 * count only from a container. */
static void test_forwarders(void **state)
{
    (void)state;
    assert_string_equal(od_host_forwarder("host.orb.internal", 0), "OrbStack");
    assert_string_equal(od_host_forwarder("0.250.250.254", 0), "OrbStack");
    assert_string_equal(od_host_forwarder("HOST.LIMA.INTERNAL", 0), "Lima (Colima, Rancher Desktop)");
    assert_string_equal(od_host_forwarder("192.168.5.2", 1), "Lima (Colima, Rancher Desktop)");
    assert_null(od_host_forwarder("192.168.5.2", 0));
    assert_null(od_host_forwarder("192.168.65.254", 0));
    assert_null(od_host_forwarder("host.containers.internal", 1));
    assert_null(od_host_forwarder("host.docker.internal", 1));
    assert_null(od_host_forwarder(NULL, 1));
}

/* Compose service names and Kubernetes Service names are another container's;
 * addresses, FQDNs and other dotted names are not. */
static void test_service_names(void **state)
{
    (void)state;
    assert_true(od_is_service_name("ollama"));
    assert_true(od_is_service_name("ollama.llm.svc"));
    assert_true(od_is_service_name("open-webui-ollama.ai.svc.cluster.local"));
    assert_true(od_is_service_name("ollama.ai.svc.cluster.local."));
    assert_false(od_is_service_name(""));
    assert_false(od_is_service_name("10.0.0.5"));
    assert_false(od_is_service_name("::1"));
    assert_false(od_is_service_name("ollama.example.com"));
    assert_false(od_is_service_name(".svc"));
    assert_true(od_is_service_name("10-42-0-7.ai.pod.cluster.local")); /* a cluster's own DNS */
    assert_false(od_is_service_name("ollama.local"));
    /* NAME.NAMESPACE in Kubernetes' default and kube-system namespaces: no TLD */
    assert_true(od_is_service_name("dask-root-d.default"));
    assert_true(od_is_service_name("kube-dns.kube-system"));
    assert_false(od_is_service_name("www.default.com"));
    /* a cluster domain of its own after .svc */
    assert_true(od_is_service_name("order-service.shop.svc.cluster.bbmall"));
    assert_true(od_is_service_name("api.prod.svc.k8s.corp"));
    assert_false(od_is_service_name("api.svc.example.com"));
    assert_false(od_is_service_name("a.b.c.svc.example.com"));
    /* a name under no public TLD is explain's reading, not check's */
    assert_false(od_is_service_name("xmpp.meet.jitsi"));
}

/* Names only the local network answers (mDNS, /etc/hosts); a cluster's own
 * .cluster.local, a router's .lan and addresses are not. */
static void test_names_under_no_tld(void **state)
{
    (void)state;
    /* a container network's alias, NAME.NAMESPACE, a pod under its headless Service */
    assert_true(od_is_name_under_no_tld("xmpp.meet.jitsi"));
    assert_true(od_is_name_under_no_tld("etcd.etcd"));
    assert_true(od_is_name_under_no_tld("fluentd-0.fluentd-headless"));
    assert_true(od_is_name_under_no_tld("xmpp.meet.jitsi."));
    /* ...but not one label, an address, a public TLD, an internationalized one, a documentation
     * stand-in, the LAN's own suffix, a file's extension, or a common TLD mistyped */
    assert_false(od_is_name_under_no_tld("ollama"));
    assert_false(od_is_name_under_no_tld("10.0.0.5"));
    assert_false(od_is_name_under_no_tld("ollama.example.org"));
    assert_false(od_is_name_under_no_tld("models.ai"));
    assert_false(od_is_name_under_no_tld("api.xn--p1ai"));
    assert_false(od_is_name_under_no_tld("sub.domain.tld"));
    assert_false(od_is_name_under_no_tld("ollama.example"));
    assert_false(od_is_name_under_no_tld("nas.lan"));
    assert_false(od_is_name_under_no_tld("box.internal"));
    assert_false(od_is_name_under_no_tld("nas.home.arpa"));
    assert_false(od_is_name_under_no_tld("ollama.localhost"));
    assert_false(od_is_name_under_no_tld("box.local"));
    assert_false(od_is_name_under_no_tld("config.yaml"));
    assert_false(od_is_name_under_no_tld("api.openai.comm"));
    assert_false(od_is_name_under_no_tld("api.openai.cpm"));
    assert_false(od_is_name_under_no_tld("0.0.0.0%ef%bc%9a8157"));
}

static void test_local_only_names(void **state)
{
    (void)state;
    assert_true(od_is_local_only_name("ollama.local"));
    assert_true(od_is_local_only_name("MacBook-Pro.LOCAL."));
    assert_true(od_is_local_only_name("nas.localdomain"));
    assert_true(od_is_local_only_name("ollama.test"));
    assert_false(od_is_local_only_name("ollama.ai.svc.cluster.local"));
    assert_false(od_is_local_only_name("cluster.local"));
    assert_false(od_is_local_only_name(".local"));
    assert_false(od_is_local_only_name("nas.lan"));
    assert_false(od_is_local_only_name("ollama.internal"));
    assert_false(od_is_local_only_name("ollama.testing.example"));
    assert_false(od_is_local_only_name("192.168.1.5"));
    assert_false(od_is_local_only_name(""));
}

/* A target on the user's own network: its names, or a private address it
 * was connected as; a public site's name is none of them. */
static void test_private_targets(void **state)
{
    (void)state;
    assert_true(od_is_private_target("nextcloud.home.lan", ""));
    assert_true(od_is_private_target("router.home", ""));
    assert_true(od_is_private_target("nas.local", ""));
    assert_true(od_is_private_target("gitlab.example.com", "172.22.0.4"));
    assert_true(od_is_private_target("ntfy.example.net", "192.168.1.50"));
    assert_true(od_is_private_target("svc.example.org", "fd00::5"));
    assert_false(od_is_private_target("api.openai.com", ""));
    assert_false(od_is_private_target("github.com", "140.82.121.4"));
    assert_false(od_is_private_target("ollama.example.com", "2001:db8::1"));
    assert_false(od_is_private_target("lan", ""));
    /* an address as the host itself */
    assert_true(od_is_private_target("10.0.0.5", ""));
    assert_true(od_is_private_target("100.96.24.172", "")); /* CGNAT: a Tailscale node */
    assert_true(od_is_private_target("127.0.0.1", ""));
    assert_true(od_is_private_target("169.254.1.2", ""));
    assert_false(od_is_private_target("104.101.180.69", ""));
    assert_false(od_is_private_target("100.128.0.1", "")); /* just past 100.64.0.0/10 */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_forwarders),
        cmocka_unit_test(test_service_names),
        cmocka_unit_test(test_names_under_no_tld),
        cmocka_unit_test(test_local_only_names),
        cmocka_unit_test(test_private_targets),
    };
    return cmocka_run_group_tests_name("hostnames", tests, NULL, NULL);
}

/* test_situation — the situation model from typed facts and probe results,
 * without any network: roles of addresses from a container and from the
 * host, the question, the best Base URL, where Ollama is, measured fixes. */
#include "unit.h"

#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "cand.h"
#include "situation.h"

/* A small world: facts of the vantage, candidates and their results. */
struct world {
    struct od_opts o;
    struct od_facts f;
    struct od_hostfacts hf;
    struct od_facts hostf;
    struct od_cands c;
    struct od_run r;
    struct od_situation s;
    struct od_outcome out;
};

static void world_init(struct world *w, int in_container, int port)
{
    memset(w, 0, sizeof *w);
    w->o.timeout_ms = 1000;
    w->f.in_container = in_container;
    w->f.port = port;
    w->f.ports[0] = port;
    w->f.nports = 1;
    w->f.hosts_known = 1;
    w->f.ifaddrs_known = 1;
}

static void add_if(struct od_facts *f, const char *name, const char *addr, int prefix, int loopback)
{
    struct od_ifaddr *d = &f->ifaddrs[f->nifaddrs++];
    od_strlcpy(d->name, name, sizeof d->name);
    od_strlcpy(d->addr, addr, sizeof d->addr);
    d->family = strchr(addr, ':') ? AF_INET6 : AF_INET;
    d->prefix = prefix;
    d->up = 1;
    d->loopback = loopback;
}

static void add_gw(struct od_facts *f, const char *addr)
{
    struct od_gateway *g = &f->gateways[f->ngateways++];
    od_strlcpy(g->addr, addr, sizeof g->addr);
    od_strlcpy(g->iface, "eth0", sizeof g->iface);
    g->family = AF_INET;
}

/* A candidate and its probe: text as typed, its origin, then the outcome of
 * one attempt (tcp, http ollama) at addr ("" for a name that did not resolve). */
static void probe(struct world *w, const char *text, const char *origin, const char *addr, enum od_tcp tcp, int ollama,
                  const char *klass)
{
    struct od_cand *k;
    struct od_probe *p;
    char why[64];
    w->c.v = realloc(w->c.v, (w->c.n + 1) * sizeof *w->c.v);
    k = &w->c.v[w->c.n++];
    memset(k, 0, sizeof *k);
    assert_int_equal(od_url_parse(text, w->f.port, &k->url, why, sizeof why), 0);
    if (strcmp(origin, "url") != 0)
        k->url.has_scheme = 1;
    od_strlcpy(k->text, text, sizeof k->text);
    {
        char key[1400];
        od_url_format(&k->url, 1, key, sizeof key);
        k->key = od_strdup(key);
    }
    k->origin = k->origins[0] = origin;
    k->norigins = 1;
    k->asked = strcmp(origin, "url") == 0;
    w->r.probes = realloc(w->r.probes, w->c.n * sizeof *w->r.probes);
    for (size_t i = 0; i < w->c.n; i++)
        w->r.probes[i].cand = &w->c.v[i]; /* the array may have moved */
    w->r.n = w->c.n;
    p = &w->r.probes[w->c.n - 1];
    memset(p, 0, sizeof *p);
    p->cand = k;
    p->klass = klass;
    p->dns.status = addr[0] ? "ok" : "nxdomain";
    p->dns.source = od_ip_family(k->url.host) ? "literal" : "dns";
    if (!addr[0])
        return;
    od_strv_push(&p->dns.addrs, addr);
    p->att = calloc(1, sizeof *p->att);
    p->natt = 1;
    od_strlcpy(p->att[0].addr, addr, sizeof p->att[0].addr);
    p->att[0].family = od_ip_family(addr);
    p->att[0].tcp = tcp;
    p->att[0].klass = klass;
    p->att[0].http.ollama = ollama;
    p->att[0].http.got = tcp == OD_TCP_CONNECTED;
}

static void build(struct world *w, int with_host)
{
    struct od_sit_in in = {&w->o, &w->f, with_host ? &w->hostf : NULL, with_host ? &w->hf : NULL, NULL, &w->r};
    if (with_host)
        w->hf.known = 1;
    assert_int_equal(od_situation_build(&in, &w->s, &w->out), 0);
}

static void world_free(struct world *w)
{
    od_situation_free(&w->s);
    for (size_t i = 0; i < w->r.n; i++) {
        od_strv_free(&w->r.probes[i].dns.addrs);
        free(w->r.probes[i].att);
    }
    free(w->r.probes);
    od_cands_free(&w->c);
    od_strv_free(&w->o.host_ips);
}

static const char *role_of(const struct world *w, const char *addr)
{
    const struct od_addr_role *r = od_situation_role(&w->s, addr);
    return r ? od_role_name(r->role) : "absent";
}

/* A container on a compose network: gateway 172.18.0.1, docker0 refuses like it. */
static void compose_container(struct world *w)
{
    world_init(w, 1, 11434);
    add_if(&w->f, "lo", "127.0.0.1", 8, 1);
    add_if(&w->f, "eth0", "172.18.0.2", 16, 0);
    add_gw(&w->f, "172.18.0.1");
}

static void test_roles_from_a_container(void **state)
{
    struct world w;
    (void)state;
    compose_container(&w);
    probe(&w, "http://172.17.0.1:11434", "url", "172.17.0.1", OD_TCP_REFUSED, 0, "refused");
    probe(&w, "localhost", "localhost", "127.0.0.1", OD_TCP_REFUSED, 0, "refused");
    probe(&w, "172.18.0.1", "gateway", "172.18.0.1", OD_TCP_REFUSED, 0, "refused");
    probe(&w, "172.18.0.7", "candidates-flag", "172.18.0.7", OD_TCP_TIMEOUT, 0, "timeout");
    probe(&w, "192.168.1.50", "candidates-flag", "192.168.1.50", OD_TCP_TIMEOUT, 0, "timeout");
    probe(&w, "ollama", "service-name", "", OD_TCP_NONE, 0, "dns-error");
    build(&w, 0);
    assert_string_equal(role_of(&w, "172.18.0.1"), "docker-host");
    assert_string_equal(role_of(&w, "172.17.0.1"), "docker-host"); /* answers as the gateway does */
    assert_string_equal(role_of(&w, "127.0.0.1"), "this-container");
    assert_string_equal(role_of(&w, "172.18.0.7"), "other-container");
    assert_string_equal(role_of(&w, "192.168.1.50"), "unknown");
    assert_int_equal(w.s.ps[5].role, OD_ROLE_OTHER_CONTAINER); /* a service name, by what it is for */
    assert_string_equal(w.s.question, "url");
    assert_true(w.s.ps[0].asked && w.s.ps[0].question);
    assert_false(w.s.ps[2].question);
    assert_int_equal(w.out.verdict, OD_VERDICT_UNREACHABLE);
    assert_true(w.s.dh_refused_all);
    /* the narrow bind is the address the app connects to */
    assert_string_equal(w.s.bind_narrow, "172.17.0.1:11434");
    assert_string_equal(w.s.subnet, "172.18.0.0/16");
    world_free(&w);
}

static void test_docker0_that_is_not_the_host(void **state)
{
    struct world w;
    (void)state;
    compose_container(&w);
    probe(&w, "172.18.0.1", "gateway", "172.18.0.1", OD_TCP_REFUSED, 0, "refused");
    probe(&w, "172.17.0.1", "docker0", "172.17.0.1", OD_TCP_TIMEOUT, 0, "timeout");
    build(&w, 0);
    /* the gateway refused at once, the textbook address timed out: not the host's */
    assert_string_equal(role_of(&w, "172.17.0.1"), "unknown");
    assert_false(w.s.dh_timeout);
    world_free(&w);
}

static void test_host_docker_internal_by_dns(void **state)
{
    struct world w;
    (void)state;
    compose_container(&w);
    probe(&w, "http://host.docker.internal:11434", "url", "192.168.65.254", OD_TCP_CONNECTED, 1, "ok");
    probe(&w, "172.18.0.1", "gateway", "172.18.0.1", OD_TCP_REFUSED, 0, "refused");
    build(&w, 0);
    assert_string_equal(role_of(&w, "192.168.65.254"), "docker-host");
    assert_int_equal(w.out.verdict, OD_VERDICT_OK);
    assert_string_equal(w.out.base_url, "http://host.docker.internal:11434");
    assert_true(w.s.ps[0].recommended);
    /* Docker Desktop answers there for the host's loopback; the gateway is the host's own */
    assert_string_equal(w.s.ps[0].forwarder, "Docker Desktop");
    assert_null(w.s.ps[1].forwarder);
    world_free(&w);
}

/* Forwarders by name anywhere; by an address a LAN may use too only from a container. */
static void test_question_without_url(void **state)
{
    struct world w;
    (void)state;
    compose_container(&w);
    probe(&w, "172.18.0.1", "gateway", "172.18.0.1", OD_TCP_REFUSED, 0, "refused");
    probe(&w, "172.17.0.1", "docker0", "172.17.0.1", OD_TCP_CONNECTED, 1, "ok");
    build(&w, 0);
    assert_string_equal(w.s.question, "which");
    /* a verified URL: it alone is the question */
    assert_false(w.s.ps[0].question);
    assert_true(w.s.ps[1].question && w.s.ps[1].recommended);
    assert_string_equal(w.out.base_url, "http://172.17.0.1:11434");
    world_free(&w);
}

static void test_host_vantage_no_loopback_for_containers(void **state)
{
    struct world w;
    (void)state;
    world_init(&w, 0, 11434);
    add_if(&w.f, "lo", "127.0.0.1", 8, 1);
    add_if(&w.f, "docker0", "172.17.0.1", 16, 0);
    probe(&w, "localhost", "localhost", "127.0.0.1", OD_TCP_CONNECTED, 1, "ok");
    probe(&w, "172.17.0.1", "docker0", "172.17.0.1", OD_TCP_REFUSED, 0, "refused");
    w.hf.nbridges = 1;
    od_strlcpy(w.hf.bridges[0].name, "docker0", sizeof w.hf.bridges[0].name);
    od_strlcpy(w.hf.bridges[0].addr, "172.17.0.1", sizeof w.hf.bridges[0].addr);
    w.hf.bridges[0].family = AF_INET;
    w.hf.bridges[0].prefix = 16;
    w.hostf = w.f;
    build(&w, 1);
    assert_string_equal(role_of(&w, "127.0.0.1"), "docker-host");
    assert_false(w.s.ps[0].usable); /* the app runs in a container */
    assert_string_equal(w.out.base_url, "");
    assert_int_equal(w.out.verdict, OD_VERDICT_PROBLEMS);
    assert_string_equal(w.s.bind_narrow, "172.17.0.1:11434");
    assert_string_equal(w.s.bridge_source, "host");
    world_free(&w);
    /* an app on this machine (Continue) uses localhost */
    world_init(&w, 0, 11434);
    add_if(&w.f, "lo", "127.0.0.1", 8, 1);
    w.o.app = "continue";
    probe(&w, "localhost", "localhost", "127.0.0.1", OD_TCP_CONNECTED, 1, "ok");
    build(&w, 0);
    assert_true(w.s.ps[0].usable);
    assert_int_equal(w.out.verdict, OD_VERDICT_OK);
    world_free(&w);
}

static void test_found_on_another_port(void **state)
{
    struct world w;
    struct od_host_listener *l;
    (void)state;
    world_init(&w, 0, 11434);
    add_if(&w.f, "lo", "127.0.0.1", 8, 1);
    probe(&w, "127.0.0.1", "localhost", "127.0.0.1", OD_TCP_REFUSED, 0, "refused");
    l = &w.hf.listeners[w.hf.nlisteners++];
    l->l.family = AF_INET;
    od_strlcpy(l->l.addr, "127.0.0.1", sizeof l->l.addr);
    l->l.port = 11435;
    l->l.scope = OD_SCOPE_LOOPBACK;
    l->owner.kind = OD_OWNER_OLLAMA;
    l->owner.pid = 42;
    od_strlcpy(l->owner.comm, "ollama", sizeof l->owner.comm);
    od_strlcpy(l->owner.unit, "ollama.service", sizeof l->owner.unit);
    w.hostf = w.f;
    build(&w, 1);
    assert_int_equal(w.s.other_port, 11435);
    assert_int_equal(w.s.ollama_port, 11435);
    assert_true(w.s.listening && w.s.loopback_only);
    assert_string_equal(w.s.found[0].owner_kind, "service");
    assert_string_equal(w.s.bind_all, "0.0.0.0:11435");
    world_free(&w);
}

static void test_no_proxy_keeps_the_apps_entries(void **state)
{
    struct world w;
    char *env[] = {"no_proxy=localhost,example.org", "HTTP_PROXY=http://p:3128", NULL};
    (void)state;
    compose_container(&w);
    w.f.env.vars = env;
    probe(&w, "http://172.17.0.1:11434", "url", "172.17.0.1", OD_TCP_CONNECTED, 1, "ok");
    w.r.probes[0].proxied = 1;
    probe(&w, "localhost", "localhost", "127.0.0.1", OD_TCP_REFUSED, 0, "refused");
    build(&w, 0);
    assert_string_equal(w.s.no_proxy, "localhost,example.org,172.17.0.1");
    world_free(&w);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_roles_from_a_container),
        cmocka_unit_test(test_docker0_that_is_not_the_host),
        cmocka_unit_test(test_host_docker_internal_by_dns),
        cmocka_unit_test(test_question_without_url),
        cmocka_unit_test(test_host_vantage_no_loopback_for_containers),
        cmocka_unit_test(test_found_on_another_port),
        cmocka_unit_test(test_no_proxy_keeps_the_apps_entries),
    };
    return cmocka_run_group_tests_name("situation", tests, NULL, NULL);
}

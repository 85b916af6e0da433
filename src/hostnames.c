/* hostnames — what a host name or address says by itself, before any
 * probe: the Docker host's aliases and the forwarders that answer for it,
 * loopback names, service names, names only the local network answers, and
 * targets that are the user's own rather than a public site's. Shared by
 * check (situation.c) and explain. */
#include "hostnames.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "tld_table.h"
#include "util.h"

/* Names that stand for the machine running the containers. */
static const char *const host_names[] = {"host.docker.internal", "host.containers.internal", "gateway.docker.internal",
                                         "docker.for.mac.localhost", "docker.for.win.localhost", "host.lima.internal",
                                         "host.orb.internal", "host.rancher-desktop.internal", "host.openshell.internal",
                                         NULL};

int od_is_host_alias(const char *name)
{
    for (size_t i = 0; host_names[i]; i++)
        if (strcasecmp(name, host_names[i]) == 0)
            return 1;
    return 0;
}

/* Names and addresses a VM's or a user-mode network's forwarder answers on
 * the host's behalf, connecting to the host's own loopback: a refusal there
 * means nothing listens on the host at all, whatever its bind. Addresses
 * that a LAN may use too count only as a container sees them. Podman's
 * host.containers.internal and a Linux engine's host.docker.internal are
 * absent: there they are the host's own bridge address. */
static const struct forwarder {
    const char *host;
    int container_only;
    const char *name;
} forwarders[] = {
    {"docker.for.mac.localhost", 0, "Docker Desktop"}, {"docker.for.win.localhost", 0, "Docker Desktop"},
    {"192.168.65.254", 1, "Docker Desktop"},           {"192.168.65.2", 1, "Docker Desktop"},
    {"host.orb.internal", 0, "OrbStack"},              {"0.250.250.254", 0, "OrbStack"},
    {"host.lima.internal", 0, "Lima (Colima, Rancher Desktop)"},
    {"192.168.5.2", 1, "Lima (Colima, Rancher Desktop)"},
    {"192.168.127.254", 1, "Podman machine (gvproxy)"},
};

const char *od_host_forwarder(const char *host, int in_container)
{
    for (size_t i = 0; host && i < sizeof forwarders / sizeof forwarders[0]; i++)
        if (strcasecmp(host, forwarders[i].host) == 0 && (in_container || !forwarders[i].container_only))
            return forwarders[i].name;
    return NULL;
}

/* Names of the machine's own loopback: localhost and its sub-domains (but
 * Docker Desktop's docker.for.mac.localhost is the host's alias), and the
 * names /etc/hosts gives it (Docker writes ip6-localhost into containers). */
int od_is_loopback_name(const char *name)
{
    static const char *const names[] = {"localhost", "localhost.localdomain", "ip6-localhost", "ip6-loopback"};
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        if (strcasecmp(name, names[i]) == 0)
            return 1;
    return od_str_endswith(name, ".localhost") && !od_is_host_alias(name);
}

/* host's first n bytes end in one of tails (case aside), after a label of its own. */
static int ends_in(const char *host, size_t n, const char *const *tails, size_t count)
{
    for (size_t i = 0; i < count; i++) {
        size_t t = strlen(tails[i]);
        if (n > t && strncasecmp(host + n - t, tails[i], t) == 0)
            return 1;
    }
    return 0;
}

/* NAME.NAMESPACE.svc.CLUSTER-DOMAIN under a cluster domain of its own
 * (--cluster-domain: svc.cluster.bbmall, svc.k8s.corp): a "svc" label after
 * two others and before more. */
static int svc_under_cluster_domain(const char *host)
{
    const char *p = strstr(host, ".svc.");
    size_t dots = 0;
    if (!p || !p[5])
        return 0;
    for (const char *q = host; q < p; q++)
        dots += *q == '.';
    return dots == 1 && host[0] != '.' && p[-1] != '.';
}

/* Whether a and b differ by one letter changed, added or dropped. */
static int one_edit_apart(const char *a, const char *b)
{
    size_t la = strlen(a), lb = strlen(b), i = 0;
    if (la > lb)
        return one_edit_apart(b, a);
    if (lb - la > 1 || strcasecmp(a, b) == 0)
        return 0;
    while (i < la && tolower((unsigned char)a[i]) == tolower((unsigned char)b[i]))
        i++;
    return la == lb ? strcasecmp(a + i + 1, b + i + 1) == 0 : strcasecmp(a + i, b + i + 1) == 0;
}

static int cmp_tld(const void *key, const void *elem)
{
    return strcasecmp(key, *(const char *const *)elem);
}

/* Whether the last label of host's first n bytes is a name's label (letters,
 * digits, '-' and '_') that is no top-level domain of the public DNS, nor
 * could be one (an internationalized label, in Unicode or as xn--), nor is a
 * suffix that stands in for one in documentation
 * (RFC 2606's .example and .invalid, "my.domain", "sub.domain.tld"). */
static int under_no_tld(const char *host, size_t n)
{
    static const char *const stand_ins[] = {
        "example", "invalid", "tld", "domain",
        /* a file's extension: a file name taken for a host (curl's "Could not resolve host: config.yaml") */
        "yaml", "yml", "json", "js", "mjs", "ts", "py", "txt", "log", "conf", "cfg", "ini", "toml", "env", "sh", "xml",
        "html", "htm", "md", "csv", "lock", "sock", "pem", "crt", "key", "tar", "gz", "tgz", "exe", "dll", "so", "jar",
        "war", "rs", "rb", "java", "php", "c", "h", "go", "bin", "gguf", "db"};
    static const char *const common[] = {"com", "net", "org", "io", "ai", "dev", "app", "cloud"};
    char label[64];
    const char *dot = NULL;
    size_t len;
    for (size_t i = 0; i < n; i++)
        if (host[i] == '.')
            dot = host + i;
    if (!dot || dot == host || (len = (size_t)(host + n - dot - 1)) == 0 || len >= sizeof label)
        return 0;
    memcpy(label, dot + 1, len);
    label[len] = '\0';
    /* a label of no name at all (an encoded byte, %EF%BC%9A; digits only, an
     * address mistyped) is no reading of a name's */
    if (strspn(label, "0123456789") == len ||
        strspn(label, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-") != len ||
        strncasecmp(label, "xn--", 4) == 0)
        return 0;
    for (size_t i = 0; i < sizeof stand_ins / sizeof stand_ins[0]; i++)
        if (strcasecmp(label, stand_ins[i]) == 0)
            return 0;
    for (size_t i = 0; i < sizeof common / sizeof common[0]; i++)
        if (one_edit_apart(label, common[i]))
            return 0; /* a TLD mistyped (api.openai.comm), not a private suffix */
    return !bsearch(label, od_tlds, sizeof od_tlds / sizeof od_tlds[0], sizeof od_tlds[0], cmp_tld);
}

/* A name another container is reached by: a compose service (one label, not
 * an address), a Kubernetes Service (NAME.NAMESPACE.svc[.cluster.local]) or
 * another name of a cluster's own DNS (a pod's, under .cluster.local), or a
 * Swarm service's tasks (tasks.NAME). */
int od_is_service_name(const char *host)
{
    /* a Kubernetes Service (NAME.NAMESPACE.svc..., or NAME.default and
     * NAME.kube-system, which no TLD is: dask-root-d.default) */
    static const char *const tails[] = {".svc", ".cluster.local", ".cluster.local.", ".default", ".kube-system"};
    size_t n = strlen(host);
    if (!n || od_ip_family(host))
        return 0;
    /* "http" or "https" as a host is a scheme typed twice or a URL in a
     * host-only field, not a compose service */
    if (strcasecmp(host, "http") == 0 || strcasecmp(host, "https") == 0)
        return 0;
    if (!strchr(host, '.'))
        return 1;
    /* Swarm's name for a service's tasks */
    if (strncasecmp(host, "tasks.", 6) == 0 && host[6] && !strchr(host + 6, '.'))
        return 1;
    return ends_in(host, n, tails, sizeof tails / sizeof tails[0]) || svc_under_cluster_domain(host);
}

/* A name of more than one label under no public TLD (a container network's
 * alias, xmpp.meet.jitsi; a Service's NAME.NAMESPACE, etcd.etcd; a pod under
 * its headless Service, fluentd-0.fluentd-headless): only a private resolver
 * answers it, a container network's, a cluster's or /etc/hosts'. Read so by
 * explain only, where such a name is what the app was given; check asks the
 * resolvers themselves. */
int od_is_name_under_no_tld(const char *host)
{
    size_t n = strlen(host);
    /* the local network's own suffixes (.lan, .local, .test, .localhost ...)
     * have readings of their own */
    if (!n || od_ip_family(host) || od_is_loopback_name(host) || od_is_local_only_name(host) ||
        od_is_private_target(host, ""))
        return 0;
    if (host[n - 1] == '.') /* the root's dot */
        n--;
    return under_no_tld(host, n);
}

/* A name under a suffix no DNS server answers (mDNS's .local; .test and
 * .localdomain, which live in /etc/hosts), a Kubernetes cluster's own
 * .cluster.local aside: where a container could not resolve it, it is a name
 * of the local network or of the container network, as a service name is
 * (Docker's DNS neither speaks mDNS nor reads the host's /etc/hosts). A
 * router's .lan or a company's .internal is asked of the host's DNS servers,
 * which a container reaches too: no such name. */
int od_is_local_only_name(const char *host)
{
    static const char *const tails[] = {".local", ".localdomain", ".test"};
    size_t n = strlen(host);
    if (!n || od_ip_family(host))
        return 0;
    if (host[n - 1] == '.') /* the root's dot */
        n--;
    if (n >= 13 && strncasecmp(host + n - 13, "cluster.local", 13) == 0 && (n == 13 || host[n - 14] == '.'))
        return 0;
    return ends_in(host, n, tails, sizeof tails / sizeof tails[0]);
}

/* An address no public site has: RFC 1918, unique-local IPv6, the shared
 * CGNAT range (Tailscale's 100.x), loopback and link-local. */
static int private_address(const char *a)
{
    return od_ip_is_rfc1918(a) || od_ip_in_prefix(a, "fc00::", 7) || od_ip_in_prefix(a, "100.64.0.0", 10) ||
           od_ip_is_loopback(a) || od_ip_in_prefix(a, "169.254.0.0", 16) || od_ip_in_prefix(a, "fe80::", 10);
}

/* A name of the local network itself (a router's .lan or .home, mDNS's
 * .local, .internal, /etc/hosts' .test), or a private address as the host
 * or as the address it was connected as: what serves there is the user's
 * own machine, which may well refuse its own port 443, unlike a public
 * site. addr may be "" (not known). */

int od_is_private_target(const char *host, const char *addr)
{
    static const char *const lan[] = {".lan", ".home", ".home.arpa", ".internal", ".intranet", ".corp"};
    size_t n = strlen(host);
    if (od_is_local_only_name(host) || private_address(host) || private_address(addr))
        return 1;
    return ends_in(host, n, lan, sizeof lan / sizeof lan[0]);
}

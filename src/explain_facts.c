/* explain_facts — the facts explain's rules see, built from the parsed
 * input alone: the model server the error names as a probe that was not
 * made (its role from the address: the client's own machine, the Docker
 * host, another container or machine), the app's profile, the values fixes
 * type (port, binds, Base URL, NO_PROXY) and what the text shows of the
 * server's own listener or publish. */
#include "explain.h"

#include <cjson/cJSON.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>

#include "app.h"
#include "opts.h"
#include "situation.h"
#include "util.h"

/* The last byte of an address on a Docker bridge as Docker hands them out
 * (172.17-31.0.0/16: x.y.0.1 is the gateway, the host; containers get x.y.0.2
 * on), or -1: 172.16.0.0/16 and a third byte past 0 are as likely a LAN. */
static int bridge_host_byte(const char *host)
{
    unsigned b1, b2, b3, b4;
    char tail;
    if (od_ip_family(host) != AF_INET || sscanf(host, "%u.%u.%u.%u%c", &b1, &b2, &b3, &b4, &tail) != 4)
        return -1;
    return b1 == 172 && b2 >= 17 && b2 <= 31 && b3 == 0 && b4 >= 1 && b4 <= 254 ? (int)b4 : -1;
}

/* A container's own address on a Docker bridge. */
static int bridge_container_address(const char *host)
{
    return bridge_host_byte(host) >= 2;
}

/* A bridge's gateway: the Docker host itself, seen from a client on that host
 * too (docker0's 172.17.0.1). */
static int bridge_gateway_address(const char *host)
{
    return bridge_host_byte(host) == 1;
}

/* HOST:PORT, an IPv6 host in brackets, after a prefix ("http://" or ""). */
static void host_port(char *buf, size_t n, const char *prefix, const char *host, int port)
{
    int v6 = strchr(host, ':') != NULL;
    snprintf(buf, n, "%s%s%s%s:%d", prefix, v6 ? "[" : "", host, v6 ? "]" : "", port);
}

/* A service name's role: a container's (a compose service, a Kubernetes
 * Service) for a client in a container, and for a client on the machine
 * itself whose lookup failed (a URL copied from a compose file into a
 * desktop app: Docker's DNS is not there); but a name that resolved and
 * then did not answer (no route, a timeout) is a machine's (a LAN host,
 * mDNS, a Kubernetes Service with no pod behind it or a policy that drops),
 * as a container on the app's network would have refused or answered, and
 * so is any single label a native client reached. A connect() that a local
 * packet filter refused (EPERM) never left: it tells nothing of the far
 * end. A single letter is a Windows drive's, from a path taken for an
 * address. */
static int silent_kind(const struct od_explain_input *in)
{
    return (strcmp(in->error_kind, "unreachable") == 0 || strcmp(in->error_kind, "connect-timeout") == 0) &&
           strcmp(in->errno_name, "EPERM") != 0;
}

/* NAME.NAMESPACE: how a pod names a Service in another namespace (two
 * labels, the second no top-level domain's). */
static int namespaced_service(const char *host)
{
    static const char *const tlds[] = {"com", "net", "org", "io", "ai", "dev", "app", "local", "lan", "home",
                                       "internal", "localdomain", "cn", "jp", "de", "uk", "fr", "ru", "co"};
    const char *dot = strchr(host, '.');
    if (!dot || strchr(dot + 1, '.') || od_ip_family(host) || !dot[1])
        return 0;
    for (size_t i = 0; i < N_OF(tlds); i++)
        if (strcasecmp(dot + 1, tlds[i]) == 0)
            return 0;
    return 1;
}

static const char *service_role(const struct od_explain_input *in)
{
    const char *kind = in->error_kind;
    if (silent_kind(in)) /* it resolved: a compose service's container, or a LAN machine by that name */
        return in->in_container ? "unknown" : "other-machine";
    if (in->in_container || (strcmp(kind, "name-resolution") == 0 && in->host[1]))
        return "other-container";
    return "other-machine";
}

/* What an address in a pasted error is, from the text alone: loopback is the
 * client's own machine (a container, or the machine itself for a native
 * client); the Docker host's names; a private address is most often the
 * Docker host's (a bridge gateway, or the LAN address Dify's docs tell users
 * to type) for an app in a container, but one that does not answer it (a
 * timeout, no route) may as well be another machine that is off: its role is
 * unknown and the answer names both; another machine for a native client
 * (a bridge's gateway, such as docker0's 172.17.0.1, aside); a single-label
 * name is a compose service, and NAME.NAMESPACE.svc a Kubernetes one (for a
 * native client, a LAN machine's name unless it did not resolve). In a
 * Kubernetes cluster (a pod's log prefix or prompt, a Service's name) no
 * private address is a Docker host's: a pod, a Service, a node or another
 * machine, none of them the client's own; nor from a hosted app (a cloud
 * platform's function or container), whose private addresses are its
 * provider's. Only check can tell more. */
static const char *explain_role(const struct od_explain_input *in, int *loopback)
{
    const struct od_explain_endpoint *c = in->chosen >= 0 ? &in->ep[in->chosen] : NULL;
    const char *host = in->host;
    int in_container = in->in_container;
    /* a public name connected at a private address (an extra_hosts or
     * /etc/hosts entry, split DNS): the address says which machine it was */
    if (c && od_ip_is_rfc1918(c->address) && !od_ip_family(host) && !od_is_service_name(host) &&
        !od_is_private_target(host, ""))
        host = c->address;
    /* the Android emulator's alias for its computer's own 127.0.0.1; a name
     * the error says was connected as a loopback address */
    *loopback = od_explain_this_machine(host) || (!in_container && strcmp(host, "10.0.2.2") == 0) ||
                (in->chosen >= 0 && od_ip_is_loopback(in->ep[in->chosen].address));
    if (*loopback)
        return in_container ? "this-container" : "docker-host";
    /* a VM's address of the host (Docker Desktop's, OrbStack's, Lima's), as its containers see it */
    if (od_is_host_alias(host) || od_host_forwarder(host, in_container))
        return "docker-host";
    if ((od_explain_has_hint(in, "kubernetes") || od_explain_has_hint(in, "hosted-app")) && od_ip_is_rfc1918(host))
        return "other-machine";
    if (bridge_container_address(host))
        return "other-container";
    if (od_ip_family(host) == AF_INET && od_ip_in_prefix(host, "172.16.0.0", 12) && !bridge_gateway_address(host))
        return !in_container ? "other-machine" : silent_kind(in) ? "unknown" : "docker-host"; /* a LAN's too */
    if (od_ip_family(host) == AF_INET && od_ip_in_prefix(host, "172.16.0.0", 12))
        return "docker-host";
    if (in_container && strcmp(host, "10.0.2.2") == 0) /* slirp4netns' host (rootless Docker, Podman) */
        return "docker-host";
    if (od_ip_is_rfc1918(host)) /* the Docker host's LAN address, or another machine's */
        return !in_container ? "other-machine" : silent_kind(in) ? "unknown" : "docker-host";
    if (od_is_service_name(host) || od_is_name_under_no_tld(host) ||
        (od_explain_has_hint(in, "kubernetes") && namespaced_service(host)))
        return service_role(in);
    if (strcmp(in->error_kind, "name-resolution") == 0 && od_is_local_only_name(host))
        return in_container ? service_role(in) : "other-machine"; /* on the machine itself its own resolver failed */
    return "unknown";
}

/* A LAN address is the Docker host only as far as the container is known: "no
 * route to host" from a client that nothing in the text places (no platform, no
 * app, only the default app's guess) is as likely a machine that does not
 * answer (switched off, or a local filter such as macOS Local Network privacy:
 * nodejs/undici#4069) as a firewall on the Docker host. */
static const char *explain_role_guessed(const struct od_explain_input *in, const char *role, int loopback)
{
    if (loopback || strcmp(role, "docker-host") != 0 || !in->in_container_assumed || in->app[0] ||
        strcmp(in->errno_name, "EHOSTUNREACH") != 0 || od_ip_family(in->host) != AF_INET ||
        bridge_host_byte(in->host) >= 1)
        return role;
    return "unknown";
}

/* The role in words, as check labels its probes. */
static const char *explain_label(const char *role, int loopback)
{
    static const struct { const char *role; int loopback; const char *label; } map[] = {
        {"this-container", 1, "this container"}, {"docker-host", 1, "the machine the client runs on"},
        {"docker-host", 0, "the Docker host"},   {"other-container", 0, "another container"},
        {"other-machine", 0, "another machine"},
    };
    for (size_t i = 0; i < sizeof map / sizeof map[0]; i++)
        if (strcmp(map[i].role, role) == 0 && map[i].loopback == loopback)
            return map[i].label;
    return "the address the error names";
}

/* The probe class a failure kind stands for (connection-level kinds only). */
static const char *explain_class(const char *kind)
{
    static const struct { const char *kind, *klass; } map[] = {
        {"refused", "refused"},       {"not-running", "refused"},     {"connect-timeout", "timeout"},
        {"name-resolution", "dns-error"}, {"unreachable", "unreachable"}, {"reset", "reset"},
        {"tls", "tls-error"},         {"proxy", "proxy-error"},       {"http-404", "http-error"},
        {"http-403", "http-error"},   {"http-error", "http-error"},   {"origin", "http-error"},
        {"not-ollama", "not-ollama"},
    };
    for (size_t i = 0; i < sizeof map / sizeof map[0]; i++)
        if (strcmp(map[i].kind, kind) == 0)
            return map[i].klass;
    return NULL;
}

/* A name the text shows connected as an address resolved: dns.status ok,
 * with that address (what a lookup would have said; only check knows the
 * rest). */
static void explain_dns(const struct od_explain_input *in, cJSON *p)
{
    const char *addr = in->chosen >= 0 ? in->ep[in->chosen].address : "";
    cJSON *dns, *addrs;
    if (!addr[0] || od_ip_family(in->host))
        return;
    dns = cJSON_AddObjectToObject(p, "dns");
    cJSON_AddStringToObject(dns, "status", "ok");
    addrs = cJSON_AddArrayToObject(dns, "addresses");
    cJSON_AddItemToArray(addrs, cJSON_CreateString(addr));
}

/* Ollama's own log or configuration in the text says it listens on loopback
 * (role "listen"), and the text says why that matters: a wider bind was asked
 * for (the setting did not reach the server), or the client was refused at
 * another address. Then the situation says what a listener probe would:
 * loopback only, so loopback-only-bind can answer. Otherwise a log's address
 * proves nothing (every default install listens on 127.0.0.1). */
/* a listener's port and the error's: a listener's left unsaid is Ollama's
 * default; an error that names no port is about whatever port the log shows */
static int same_port(int listener, int error)
{
    return !error || (listener ? listener : OD_DEFAULT_PORT) == error;
}

/* A refusal at an address that is not the client's own machine, or a
 * gateway's by its upstream at an address the text does not give (Fly's
 * proxy, which reaches the app's machine over its private network). */
static int far_refusal(const struct od_explain_input *in)
{
    return strcmp(in->error_kind, "refused") == 0 &&
           (in->host[0] ? !od_explain_this_machine(in->host) : od_explain_has_hint(in, "upstream"));
}

static void explain_listener(const struct od_explain_input *in, cJSON *sit)
{
    const struct od_explain_endpoint *at = NULL;
    cJSON *ollama, *found, *f;
    char ep[300];
    /* a listen address of 0.0.0.0 or :: is every interface, not loopback */
    for (size_t i = 0; i < in->nep && !at; i++)
        if (strcmp(in->ep[i].role, "listen") == 0 && od_explain_this_machine(in->ep[i].host) &&
            !od_ip_is_unspecified(in->ep[i].host) && same_port(in->ep[i].port, in->port))
            at = &in->ep[i];
    if (!at || !(far_refusal(in) || od_explain_has_hint(in, "bind-wider")))
        return;
    ollama = cJSON_AddObjectToObject(sit, "ollama");
    cJSON_AddBoolToObject(ollama, "listening", 1);
    cJSON_AddBoolToObject(ollama, "loopback_only", 1);
    found = cJSON_AddArrayToObject(ollama, "found");
    f = cJSON_CreateObject();
    host_port(ep, sizeof ep, "", at->host, at->port ? at->port : OD_DEFAULT_PORT);
    cJSON_AddStringToObject(f, "endpoint", ep);
    cJSON_AddStringToObject(f, "via", "listener");
    cJSON_AddBoolToObject(f, "loopback", 1);
    cJSON_AddStringToObject(f, "owner", "ollama"); /* a program's name: no words to translate */
    cJSON_AddStringToObject(f, "owner_kind", "log");
    cJSON_AddItemToArray(found, f);
}

/* An address that a VM or a user-mode network forwards to the host and that
 * is no address of the host's own: Docker Desktop's, OrbStack's and Lima's
 * (od_host_forwarder; all of 192.168.65.0/24), Podman's
 * host.containers.internal and slirp4netns' 10.0.2.2 (rootless Docker,
 * Podman). Whether it reaches the host's loopback depends on the release and
 * its settings. */
static int forwarded_address(const char *host)
{
    return strcmp(host, "host.containers.internal") == 0 || strcmp(host, "10.0.2.2") == 0 ||
           od_host_forwarder(host, 1) ||
           (od_ip_family(host) == AF_INET && od_ip_in_prefix(host, "192.168.65.0", 24));
}

/* The forwarder that answers for the host's loopback at the chosen host, or
 * at an address the text names for it (Go's "dial tcp 192.168.65.254:11434"
 * for host.docker.internal). */
static const char *explain_forwarder(const struct od_explain_input *in)
{
    const char *f = od_host_forwarder(in->host, in->in_container);
    for (size_t i = 0; i < in->nep && !f; i++)
        if (!(f = od_host_forwarder(in->ep[i].host, in->in_container)))
            f = od_host_forwarder(in->ep[i].address, in->in_container);
    return f;
}

/* The narrow bind a fix offers, into url, and why: the address the error
 * names when it is the machine's own (a bridge gateway, the LAN address the
 * app was given), every interface where the address is a VM's or a user-mode
 * network's, else docker0's usual address. */
static const char *narrow_bind(const struct od_explain_input *in, const char *role, int loopback, int port,
                               char *url, size_t n)
{
    int v4 = od_ip_family(in->host) == AF_INET && !loopback;
    if (!loopback && forwarded_address(in->host)) {
        host_port(url, n, "", "0.0.0.0", port);
        return "every interface: the address the error names is Docker Desktop's, Podman's or slirp4netns', not the "
               "host's own, so no narrower bind is sure to be reached";
    }
    if (v4 && (strcmp(role, "docker-host") == 0 || strcmp(role, "other-machine") == 0)) {
        host_port(url, n, "", in->host, port);
        return strcmp(role, "docker-host") == 0 ? "the address the error names, the Docker host's"
                                                : "the address the error names, that machine's";
    }
    host_port(url, n, "", "172.17.0.1", port);
    return "docker0's usual address: ip -4 addr show docker0 shows it";
}

/* How long the client waits for an answer, in words for the rules: the
 * seconds the text shows, else the app's known default (a label: translated). */
static void read_timeout_words(const struct od_explain_input *in, const struct od_app_profile *prof, cJSON *app)
{
    char w[80];
    if (in->seconds >= 0)
        snprintf(w, sizeof w, "this client's: %g s", in->seconds);
    else if (strcmp(prof->name, "dify") == 0)
        snprintf(w, sizeof w, "Dify's Ollama plugin: 300 s");
    else
        snprintf(w, sizeof w, "the app's own setting");
    cJSON_AddStringToObject(app, "read_timeout", w);
}

/* The NO_PROXY lists a proxy fix types: the usual local names, and the
 * model server's host the text names when it is another one. */
static void explain_no_proxy(const struct od_explain_input *in, cJSON *fix)
{
    static const char *const local[] = {"localhost", "127.0.0.1", "host.docker.internal"};
    char list[400] = "localhost,127.0.0.1";
    int extra = in->host[0] && !strchr(in->host, ',');
    for (size_t i = 0; extra && i < sizeof local / sizeof local[0]; i++)
        extra = strcmp(in->host, local[i]) != 0;
    if (extra)
        snprintf(list + strlen(list), sizeof list - strlen(list), ",%s", in->host);
    cJSON_AddStringToObject(fix, "no_proxy_native", list);
    snprintf(list, sizeof list, "localhost,127.0.0.1,host.docker.internal%s%s", extra ? "," : "", extra ? in->host : "");
    cJSON_AddStringToObject(fix, "no_proxy", list);
}

/* 80 or 443: a web server's or reverse proxy's port, in front of Ollama, whose
 * own port behind it the text does not show (11434 unless moved). */
static int web_port(int port)
{
    return port == 80 || port == 443;
}

/* The text shows Ollama's container published on 127.0.0.1 only (docker ps,
 * docker run -p, a compose ports: entry) beside a refusal from elsewhere: the
 * publish, not OLLAMA_HOST, is what refuses (not at a service name: another
 * container reaches it over their network). The container's name and image
 * the text rarely shows: the rule falls back on the ones Ollama's docs use. */
static void explain_published(const struct od_explain_input *in, cJSON *sit)
{
    cJSON *ollama;
    if (!far_refusal(in) || !od_explain_has_hint(in, "published-lo") || od_is_service_name(in->host))
        return; /* a compose service is reached over the network, not the publish */
    ollama = cJSON_GetObjectItemCaseSensitive(sit, "ollama");
    if (!ollama)
        ollama = cJSON_AddObjectToObject(sit, "ollama");
    cJSON_AddBoolToObject(ollama, "published_loopback", 1);
    cJSON_AddBoolToObject(ollama, "shares_network", 0);
}

/* The Base URL a fix types: where the error shows the server answered (a
 * read timeout, a missing model, the server's own error) or the URL only
 * lacked its scheme, the address the error names; where the connection
 * failed, the address the app's docs give for Ollama on its host. */
static void explain_base_url(const struct od_explain_input *in, int port, char *url, size_t n)
{
    static const char *const failed[] = {"refused", "not-running", "connect-timeout", "name-resolution",
                                         "unreachable", "reset", "tls", "proxy", "unknown"};
    int reached = in->host[0] && strcmp(in->host, "0.0.0.0") != 0;
    for (size_t i = 0; reached && i < sizeof failed / sizeof failed[0]; i++)
        reached = strcmp(in->error_kind, failed[i]) != 0;
    if (reached && web_port(port)) { /* behind a web front: its scheme, its port unsaid */
        int tls = strncmp(in->url, "https://", 8) == 0 || port == 443;
        int v6 = strchr(in->host, ':') != NULL;
        snprintf(url, n, "%s://%s%s%s", tls ? "https" : "http", v6 ? "[" : "", in->host, v6 ? "]" : "");
        return;
    }
    host_port(url, n, "http://", reached ? in->host : in->in_container ? "host.docker.internal" : "localhost", port);
}

/* The client's Base URL ends in /v1: the path it posted to is /v1 itself or
 * an OpenAI route under it. */
static int client_base_v1(const char *path)
{
    return strcmp(path, "/v1") == 0 || strcmp(path, "/v1/") == 0 || od_explain_openai_model_route(path) ||
           strncmp(path, "/v1/models", 10) == 0;
}

/* The compose service a fix edits: the one whose log line shows the error,
 * else the app's profile's, else "app". A log prefix may carry the project
 * an older Compose put before the service (docker-api, n8n-n8n): one of the
 * app's services at its end is that service, and "docker-" (the folder Dify
 * and many apps keep their compose file in) is a project's. */
static const char *fix_service(const struct od_explain_input *in, const struct od_app_profile *prof)
{
    const char *name = in->service;
    size_t n = strlen(name);
    if (!name[0])
        return prof->service[0] ? prof->service : "app";
    for (size_t i = 0; prof->services && prof->services[i]; i++) {
        const char *s = prof->services[i], *eq = strchr(s, '=');
        size_t k = eq ? (size_t)(eq - s) : strlen(s);
        if (eq && n == k && strncasecmp(name, s, k) == 0)
            return eq + 1; /* a container_name of that service */
        if (!eq && n >= k && strcasecmp(name + n - k, s) == 0 &&
            (n == k || name[n - k - 1] == '-' || name[n - k - 1] == '_'))
            return s;
    }
    return strncmp(name, "docker-", 7) == 0 && name[7] ? name + 7 : name;
}

/* The port Ollama is on, as the text says it: the error's, else the one
 * port every listen address in the text has (its log, its OLLAMA_HOST; a
 * listing of several ports says nothing), else its default. */
static int text_port(const struct od_explain_input *in)
{
    int port = 0;
    if (in->port)
        return in->port;
    for (size_t i = 0; i < in->nep; i++)
        if (strcmp(in->ep[i].role, "listen") == 0 && in->ep[i].port) {
            if (port && port != in->ep[i].port)
                return OD_DEFAULT_PORT;
            port = in->ep[i].port;
        }
    return port ? port : OD_DEFAULT_PORT;
}

/* What fixes name: the port Ollama listens on (the one the error names, but
 * behind a web front on 80 or 443 its own default), the binds, the service
 * that connects, and the Base URL to type (the app's docs' address for Ollama
 * on the host, keeping a client's /v1). */
static void explain_fix(const struct od_explain_input *in, const struct od_app_profile *prof, const char *role,
                        int loopback, cJSON *fix)
{
    int port = text_port(in), own_port = web_port(port) ? OD_DEFAULT_PORT : port;
    const char *app = in->app[0] ? in->app : prof->name;
    char url[1400];
    cJSON_AddNumberToObject(fix, "port", own_port);
    snprintf(url, sizeof url, "0.0.0.0:%d", own_port);
    cJSON_AddStringToObject(fix, "bind_all", url);
    cJSON_AddStringToObject(fix, "service", fix_service(in, prof));
    cJSON_AddStringToObject(fix, "bind_narrow_why", narrow_bind(in, role, loopback, own_port, url, sizeof url));
    cJSON_AddStringToObject(fix, "bind_narrow", url);
    explain_base_url(in, port, url, sizeof url);
    od_app_base_url(app, url, sizeof url);
    if (client_base_v1(in->path))
        od_app_base_url("openai-compatible", url, sizeof url);
    cJSON_AddStringToObject(fix, "base_url", url);
    /* where Ollama itself would answer when another program holds the port
     * the text names: its default port on the same host */
    if (in->host[0] && in->port && port == own_port && port != OD_DEFAULT_PORT) {
        host_port(url, sizeof url, "http://", in->host, OD_DEFAULT_PORT);
        od_app_base_url(app, url, sizeof url);
        cJSON_AddStringToObject(fix, "ollama_base_url", url);
    }
}

/* The firewall front-end the paste shows (ufw's status or log, firewalld's
 * zone, an nftables or iptables rule), as check's facts would have found it
 * on the host: its fix alone is shown. */
static void shown_firewall(const struct od_explain_input *in, cJSON *context)
{
    static const char *const fronts[] = {"ufw", "firewalld"};
    static const char *const hints[] = {"fw-ufw", "fw-firewalld"};
    int any = od_explain_has_hint(in, "fw-nft");
    cJSON *fw;
    for (size_t i = 0; i < N_OF(hints); i++)
        any |= od_explain_has_hint(in, hints[i]);
    if (!any)
        return;
    fw = cJSON_AddObjectToObject(cJSON_AddObjectToObject(context, "host"), "firewall");
    for (size_t i = 0; i < N_OF(fronts); i++)
        cJSON_AddBoolToObject(cJSON_AddObjectToObject(fw, fronts[i]), "present", od_explain_has_hint(in, hints[i]));
}

/* The facts explain's rules see: the parsed input, plus the model server the
 * error names as a probe that was not made, with the fields rules written for
 * check read (origin, url, host, port, path, asked, question, role, loopback,
 * class), and the situation as far as the text tells it. */
cJSON *od_explain_facts(const struct od_explain_input *in)
{
    cJSON *facts = cJSON_CreateObject(), *probes, *p, *sit, *app, *fix;
    char url[1400];
    int port = text_port(in), loopback = 0;
    const char *klass = explain_class(in->error_kind), *role, *fwd;
    const struct od_app_profile *prof = od_app_find(in->app);
    if (!prof) /* an app neither --app nor the text names: say "the app", not Dify */
        prof = od_app_or_default("generic");
    cJSON_AddItemToObject(facts, "input", od_explain_input_json(in));
    shown_firewall(in, cJSON_AddObjectToObject(facts, "context"));
    cJSON_AddNumberToObject(cJSON_GetObjectItem(facts, "context"), "port", port);
    sit = cJSON_AddObjectToObject(facts, "situation");
    cJSON_AddStringToObject(sit, "question", "url");
    cJSON_AddBoolToObject(sit, "app_in_container", in->in_container);
    app = cJSON_AddObjectToObject(sit, "app");
    cJSON_AddStringToObject(app, "name", in->app[0] ? in->app : prof->name);
    cJSON_AddStringToObject(app, "title", od_app_find(in->app) || !in->app[0] ? prof->title : in->app);
    cJSON_AddBoolToObject(app, "in_container", in->in_container);
    cJSON_AddStringToObject(app, "joins", in->joins[0] ? in->joins : prof->joins);
    cJSON_AddStringToObject(app, "app_path", prof->app_path);
    cJSON_AddItemToObject(app, "service", prof->service[0] ? cJSON_CreateString(prof->service) : cJSON_CreateNull());
    cJSON_AddStringToObject(app, "service_note",
                            in->service[0] ? "the container whose log shows the error" : prof->service_note);
    read_timeout_words(in, prof, app);
    cJSON_AddItemToObject(app, "base_url_field",
                          prof->base_url_field[0] ? cJSON_CreateString(prof->base_url_field) : cJSON_CreateNull());
    fix = cJSON_AddObjectToObject(sit, "fix");
    role = in->host[0] ? explain_role_guessed(in, explain_role(in, &loopback), loopback) : "unknown";
    explain_fix(in, prof, role, loopback, fix);
    explain_no_proxy(in, fix);
    cJSON_AddStringToObject(fix, "not_ollama_seen", "the answer the text shows is another program's (its page, its JSON, its status)");
    explain_listener(in, sit);
    explain_published(in, sit);
    probes = cJSON_AddArrayToObject(facts, "probes");
    if (!in->host[0])
        return facts;
    p = cJSON_CreateObject();
    host_port(url, sizeof url, "http://", in->host, port);
    snprintf(url + strlen(url), sizeof url - strlen(url), "%s", in->path);
    cJSON_AddStringToObject(p, "origin", "url");
    cJSON_AddStringToObject(p, "url", in->url[0] ? in->url : url);
    host_port(url, sizeof url, strncmp(in->url, "https://", 8) == 0 ? "https://" : "http://", in->host, port);
    cJSON_AddStringToObject(p, "root", url);
    cJSON_AddStringToObject(p, "authority", strstr(url, "://") + 3);
    cJSON_AddStringToObject(p, "host", in->host);
    cJSON_AddNumberToObject(p, "port", port);
    cJSON_AddStringToObject(p, "path", in->path);
    cJSON_AddBoolToObject(p, "asked", 1);
    cJSON_AddBoolToObject(p, "question", 1);
    cJSON_AddStringToObject(p, "role", role);
    /* only the Docker host's own names say which machine it is */
    cJSON_AddBoolToObject(p, "role_confirmed", od_is_host_alias(in->host));
    cJSON_AddBoolToObject(p, "loopback", loopback);
    cJSON_AddBoolToObject(p, "local_name", od_is_local_only_name(in->host));
    cJSON_AddBoolToObject(p, "private_target",
                          od_is_private_target(in->host, in->chosen >= 0 ? in->ep[in->chosen].address : ""));
    if ((fwd = explain_forwarder(in)))
        cJSON_AddStringToObject(p, "forwarder", fwd);
    explain_dns(in, p);
    if (loopback && !od_explain_this_machine(in->host) && in->chosen >= 0 && in->ep[in->chosen].address[0]) {
        char label[400]; /* a name the error shows connected as a loopback address */
        snprintf(label, sizeof label, "%s: %s was connected as %s", explain_label(role, loopback), in->host,
                 in->ep[in->chosen].address);
        cJSON_AddStringToObject(p, "label", label);
    } else {
        cJSON_AddStringToObject(p, "label", explain_label(role, loopback));
    }
    if (klass)
        cJSON_AddStringToObject(p, "class", klass);
    cJSON_AddItemToArray(probes, p);
    return facts;
}

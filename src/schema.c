/* schema — every fact path of the check report and the explain input. */
#include "schema.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "util.h"

/* Arrays end in [] here; "*" stands for any key of a dynamic object. */
static const char *const facts[] = {
    "schema_version",
    "tool",
    "tool.name",
    "tool.version",
    "vantage",
    "context",
    "probes[]",
    "findings[]",
    "recommendation",
    "recommendation.base_url",
    "recommendation.candidate",
    "recommendation.origin",
    "recommendation.app_settings",
    "context.vantage_source",
    "context.container",
    "context.container.detected",
    "context.container.runtime",
    "context.container.markers[]",
    "context.os",
    "context.os.kernel",
    "context.os.guess",
    "context.os.hostname",
    "context.target_os",
    "context.target_os.platforms[]",
    "context.target_os.source",
    "context.port",
    "context.port_source",
    "context.ports[]",
    "context.ollama_host",
    "context.ollama_host.set",
    "context.ollama_host.raw",
    "context.ollama_host.url",
    "context.ollama_host.scheme",
    "context.ollama_host.host",
    "context.ollama_host.port",
    "context.ollama_host.path",
    "context.ollama_host.listens_beyond_loopback",
    "context.gateways[]",
    "context.gateways[].family",
    "context.gateways[].address",
    "context.gateways[].interface",
    "context.interfaces[]",
    "context.interfaces[].name",
    "context.interfaces[].family",
    "context.interfaces[].address",
    "context.interfaces[].prefix",
    "context.interfaces[].up",
    "context.interfaces[].loopback",
    "context.hosts[]",
    "context.hosts_omitted",
    "context.hosts[].address",
    "context.hosts[].names[]",
    "context.resolv",
    "context.resolv.nameservers[]",
    "context.resolv.search[]",
    "context.resolv.options[]",
    "context.proxy",
    "context.proxy.*",
    "context.app_env",
    "context.app_env.source",
    "context.app_env.container",
    "context.app_env.note",
    "context.listeners[]",
    "context.listeners[].family",
    "context.listeners[].address",
    "context.listeners[].port",
    "context.listeners[].scope",
    "context.listeners[].inode",
    "context.urls[]",
    "context.model",
    "context.model.requested",
    "context.model.model_type",
    "context.model.server",
    "context.model.tags_status",
    "context.model.tags_ok",
    "context.model.cut_short",
    "context.model.installed[]",
    "context.model.found",
    "context.model.name",
    "context.model.closest[]",
    "context.model.show_status",
    "context.model.capabilities[]",
    "context.model.capabilities_source",
    "context.model.architecture",
    "context.model.family",
    "context.model.context_length",
    "context.model.num_ctx",
    "context.model.deep",
    "context.model.deep.status",
    "context.model.deep.load_ms",
    "context.model.deep.app_read_timeout_ms",
    "context.model.deep.done_reason",
    "context.model.deep.context_length",
    "recommendation.app_settings.base_url",
    "recommendation.app_settings.model",
    "recommendation.app_settings.model_type",
    "recommendation.app_settings.context_size",
    "recommendation.app_settings.max_tokens",
    "recommendation.app_settings.vision_support",
    "recommendation.app_settings.function_call_support",
    "recommendation.app_settings.context_size_reason",
    "context.sources",
    "context.sources.*",
    "context.target",
    "context.target.kind",
    "context.target.name",
    "context.target.id",
    "context.target.pid",
    "context.target.netns",
    "context.target.app",
    "context.target.service",
    "context.target.role",
    "context.target.picked",
    "context.target.docker",
    "context.target.docker.image",
    "context.target.docker.extra_hosts[]",
    "context.target.docker.network_mode",
    "context.target.docker.networks[]",
    "context.target.docker.networks[].name",
    "context.target.docker.networks[].ip",
    "context.target.docker.networks[].gateway",
    "context.target.host_netns",
    "context.host",
    "context.host.listener_owners[]",
    "context.host.listener_owners[].address",
    "context.host.listener_owners[].pid",
    "context.host.listener_owners[].comm",
    "context.host.listener_owners[].ollama_host",
    "context.host.systemd",
    "context.host.systemd.*",
    "context.host.firewall",
    "context.host.firewall.ufw",
    "context.host.firewall.ufw.present",
    "context.host.firewall.ufw.enabled",
    "context.host.firewall.firewalld",
    "context.host.firewall.firewalld.present",
    "context.host.firewall.firewalld.running",
    "context.host.firewall.nftables",
    "context.host.firewall.nftables.readable",
    "context.host.firewall.nftables.rules_with_port[]",
    "context.host.listeners[]",
    "context.host.listeners[].family",
    "context.host.listeners[].address",
    "context.host.listeners[].port",
    "context.host.listeners[].scope",
    "context.host.listeners[].inode",
    "context.host.listeners[].owner",
    "context.host.listeners[].owner.kind",
    "context.host.listeners[].owner.pid",
    "context.host.listeners[].owner.comm",
    "context.host.listeners[].owner.ollama_host",
    "context.host.listeners[].owner.unit",
    "context.host.listeners[].owner.container_ip",
    "context.host.listeners[].owner.container_port",
    "context.host.firewall.nftables.present",
    "context.host.docker",
    "context.host.docker.available",
    "context.host.docker.why",
    "context.host.docker.server",
    "context.host.docker.networks[]",
    "context.host.docker.networks[].name",
    "context.host.docker.networks[].driver",
    "context.host.docker.networks[].bridge",
    "context.host.docker.networks[].subnet",
    "context.host.docker.networks[].gateway",
    "context.host.docker.containers[]",
    "context.host.docker.containers[].name",
    "context.host.docker.containers[].image",
    "context.host.docker.containers[].ollama",
    "context.host.docker.containers[].network_mode",
    "context.host.docker.containers[].service",
    "context.host.docker.containers[].networks[]",
    "context.host.docker.containers[].networks[].name",
    "context.host.docker.containers[].networks[].ip",
    "context.host.docker.containers[].networks[].gateway",
    "context.host.docker.containers[].published[]",
    "context.host.docker.containers[].published[].host_ip",
    "context.host.docker.containers[].published[].host_port",
    "context.host.docker.containers[].published[].container_port",
    "context.host.docker_bridges[]",
    "context.host.docker_bridges[].name",
    "context.host.docker_bridges[].address",
    "context.host.docker_bridges[].prefix",
    "context.host.docker_proxies",
    "context.host.docker_proxies.*",
    "context.run",
    "context.run.finished_at",
    "context.run.timeout_ms",
    "context.run.deadline_ms",
    "context.run.elapsed_ms",
    "context.run.probe_ms",
    "context.run.deadline_hit",
    "context.run.max_rss_kb",
    "probes[].candidate",
    "probes[].origin",
    "probes[].origins[]",
    "probes[].asked",
    "probes[].question",
    "probes[].recommended",
    "probes[].usable",
    "probes[].role",
    "probes[].role_confirmed",
    "probes[].loopback",
    "probes[].local_name",
    "probes[].private_target",
    "probes[].label",
    "probes[].forwarder",
    "probes[].url",
    "probes[].root",
    "probes[].authority",
    "probes[].host",
    "probes[].port",
    "probes[].scheme",
    "probes[].has_scheme",
    "probes[].path",
    "probes[].dns",
    "probes[].dns.status",
    "probes[].dns.source",
    "probes[].dns.addresses[]",
    "probes[].dns.ms",
    "probes[].dns.detail",
    "probes[].attempts[]",
    "probes[].proxy",
    "probes[].proxy.url",
    "probes[].proxy.dns",
    "probes[].proxy.dns.status",
    "probes[].proxy.dns.addresses[]",
    "probes[].proxy.attempt",
    "probes[].proxy.dns.source",
    "probes[].proxy.dns.ms",
    "probes[].proxy.dns.detail",
    "probes[].class",
    "situation",
    "situation.question",
    "situation.app",
    "situation.app.name",
    "situation.app.title",
    "situation.app.in_container",
    "situation.app.joins",
    "situation.app.app_path",
    "situation.app.service",
    "situation.app.service_note",
    "situation.app.read_timeout",
    "situation.app.base_url_field",
    "situation.app_in_container",
    "situation.network_mode",
    "situation.host_network",
    "situation.asked",
    "situation.asked_ok",
    "situation.reached",
    "situation.usable",
    "situation.addresses[]",
    "situation.addresses[].address",
    "situation.addresses[].role",
    "situation.addresses[].loopback",
    "situation.addresses[].confirmed",
    "situation.addresses[].why[]",
    "situation.docker_host",
    "situation.docker_host.addresses[]",
    "situation.docker_host.seen",
    "situation.docker_host.refused_all",
    "situation.docker_host.timeout",
    "situation.docker_host.answers",
    "situation.docker_host.ok",
    "situation.ollama",
    "situation.ollama.found[]",
    "situation.ollama.found[].address",
    "situation.ollama.found[].port",
    "situation.ollama.found[].endpoint",
    "situation.ollama.found[].via",
    "situation.ollama.found[].owner_kind",
    "situation.ollama.found[].owner",
    "situation.ollama.found[].container",
    "situation.ollama.found[].role",
    "situation.ollama.found[].loopback",
    "situation.ollama.port",
    "situation.ollama.other_port",
    "situation.ollama.listeners_known",
    "situation.ollama.listening",
    "situation.ollama.loopback_only",
    "situation.ollama.all_interfaces",
    "situation.ollama.container",
    "situation.ollama.container.name",
    "situation.ollama.container.image",
    "situation.ollama.container.ollama",
    "situation.ollama.container.network_mode",
    "situation.ollama.container.service",
    "situation.ollama.container.networks[]",
    "situation.ollama.container.networks[].name",
    "situation.ollama.container.networks[].ip",
    "situation.ollama.container.networks[].gateway",
    "situation.ollama.container.published[]",
    "situation.ollama.container.published[].host_ip",
    "situation.ollama.container.published[].host_port",
    "situation.ollama.container.published[].container_port",
    "situation.ollama.published",
    "situation.ollama.published_loopback",
    "situation.ollama.shares_network",
    "situation.ollama.app_container",
    "situation.fix",
    "situation.fix.port",
    "situation.fix.bind_all",
    "situation.fix.bind_narrow",
    "situation.fix.bind_narrow_why",
    "situation.fix.bridge",
    "situation.fix.bridge_source",
    "situation.fix.subnets",
    "situation.fix.subnet",
    "situation.fix.service",
    "situation.fix.base_url",
    "situation.fix.ollama_base_url",
    "situation.fix.not_ollama_seen",
    "situation.fix.no_proxy",
    "situation.fix.no_proxy_native",
    "situation.fix.firewall_known",
    "input",
    "input.host",
    "input.port",
    "input.path",
    "input.url",
    "input.scheme",
    "input.error_kind",
    "input.errno",
    "input.status",
    "input.client",
    "input.model",
    "input.cause",
    "input.joins",
    "input.seconds",
    "input.origin",
    "input.server",
    "input.server.id",
    "input.server.name",
    "input.server.strong",
    "input.server.service",
    "input.server.named",
    "input.server.setting",
    "input.server.refusal",
    "input.server.why",
    "input.server.bind",
    "input.server.start",
    "input.platform",
    "input.platform.name",
    "input.platform.evidence[]",
    "input.platform.in_container",
    "input.platform.why",
    "input.platform.assumed",
    "input.app",
    "input.app.name",
    "input.app.source",
    "input.app.evidence",
    "input.hints[]",
    "input.endpoints[]",
    "input.endpoints[].host",
    "input.endpoints[].port",
    "input.endpoints[].path",
    "input.endpoints[].url",
    "input.endpoints[].address",
    "input.endpoints[].role",
    "input.endpoints[].why",
    "input.chosen",
    "input.chosen.host",
    "input.chosen.port",
    "input.chosen.role",
    "input.chosen.why",
    "input.signatures[]",
};

/* The fields of one attempt, under probes[].attempts[] and probes[].proxy.attempt. */
static const char *const attempt_fields[] = {
    "address", "role", "tcp", "errno", "connect_ms", "class", "total_ms", "error", "deadline_hit", "http",
    "http.status", "http.ollama", "http.version", "http.server", "http.ms", "http.content_type", "http.via",
    "http.location", "http.body", "http.body_bytes", "http.truncated", "http.version_status", "http.app",
    "http.app.path", "http.app.status", "http.app.ollama",
};

static const char *const attempt_roots[] = {"probes[].attempts[]", "probes[].proxy.attempt"};

/* "probes.0.attempts.1.tcp" -> "probes[].attempts[].tcp" */
static void normalise(const char *path, char *out, size_t n)
{
    size_t k = 0;
    if (strncmp(path, "$.", 2) == 0)
        path += 2;
    while (*path && k + 3 < n) {
        const char *dot = strchr(path, '.');
        size_t len = dot ? (size_t)(dot - path) : strlen(path);
        int digits = len > 0;
        for (size_t i = 0; i < len; i++)
            digits &= isdigit((unsigned char)path[i]) != 0;
        if (digits) {
            if (k && out[k - 1] == '.')
                k--;
            k += (size_t)snprintf(out + k, n - k, "[]");
        } else {
            size_t c = len < n - k - 1 ? len : n - k - 1;
            memcpy(out + k, path, c);
            k += c;
        }
        if (dot && k + 1 < n)
            out[k++] = '.';
        path += len + (dot ? 1 : 0);
    }
    out[k < n ? k : n - 1] = '\0';
}

static int listed(const char *p)
{
    char arr[304];
    for (size_t i = 0; i < sizeof facts / sizeof facts[0]; i++) {
        size_t l = strlen(facts[i]);
        if (strcmp(facts[i], p) == 0)
            return 1;
        /* "x[]" also names the array itself as "x"; "a.*" any key below a */
        snprintf(arr, sizeof arr, "%s[]", p);
        if (strcmp(facts[i], arr) == 0)
            return 1;
        if (l > 2 && strcmp(facts[i] + l - 2, ".*") == 0 && strncmp(facts[i], p, l - 1) == 0 && p[l - 1] &&
            !strchr(p + l - 1, '.'))
            return 1;
    }
    for (size_t r = 0; r < 2; r++) {
        size_t rl = strlen(attempt_roots[r]);
        if (strncmp(p, attempt_roots[r], rl) == 0 && p[rl] == '.')
            for (size_t i = 0; i < sizeof attempt_fields / sizeof attempt_fields[0]; i++)
                if (strcmp(p + rl + 1, attempt_fields[i]) == 0)
                    return 1;
    }
    return 0;
}

int od_schema_known(const char *path)
{
    char p[300];
    normalise(path, p, sizeof p);
    return p[0] && listed(p);
}

int od_schema_is_array(const char *path)
{
    char p[300], arr[304];
    normalise(path, p, sizeof p);
    snprintf(arr, sizeof arr, "%s[]", p);
    for (size_t i = 0; i < sizeof facts / sizeof facts[0]; i++)
        if (strcmp(facts[i], arr) == 0 || (strcmp(facts[i], p) == 0 && od_str_endswith(p, "[]")))
            return 1;
    return strcmp(p, "probes[].attempts") == 0;
}

void od_schema_each(void (*fn)(const char *path, void *arg), void *arg)
{
    char full[400];
    for (size_t i = 0; i < sizeof facts / sizeof facts[0]; i++)
        fn(facts[i], arg);
    for (size_t r = 0; r < sizeof attempt_roots / sizeof attempt_roots[0]; r++)
        for (size_t i = 0; i < sizeof attempt_fields / sizeof attempt_fields[0]; i++) {
            snprintf(full, sizeof full, "%s.%s", attempt_roots[r], attempt_fields[i]);
            fn(full, arg);
        }
}

/* explain_platform.c — where the client that failed runs, which decides
 * what localhost is: the text's platform, else the app's profile (--app, or
 * the app the text names), else a reading of the sender (a browser, a reverse
 * proxy, a refusal at ::1, a runtime that mostly runs on the developer's
 * machine, a message with no app and no runtime), else the default app's.
 * No module state. */
#include "explain_int.h"

#include <string.h>
#include <sys/socket.h>

#include "app.h"
#include "situation.h"
#include "util.h"

/* A client whose runtime is mostly a program on the developer's machine (a
 * Java main or test, a Rust or Zig binary, a program on libcurl, a curl
 * command, an R or Julia session, a Perl, Lua or Crystal program, a Flutter
 * app, a Bun program, the Ollama CLI, or a Python, Node.js or Ruby script
 * whose paste ends in its uncaught exception and names no app or library
 * wrapper) and that failed at localhost, when no app with a profile is
 * named: taken to run natively, and said to be assumed. (A service name or
 * a bridge address in the text says container instead.) */
const char *od_explain_native_program(const struct od_explain_input *out)
{
    static const struct { const char *client, *what; } native[] = {
        {"java", "a Java program"}, {"rust-reqwest", "a Rust program"}, {"curl", "a curl command"},
        {"zig", "a Zig program"},   {"libcurl", "a program built on libcurl"},
        {"r", "an R session"},      {"julia", "a Julia session"},
        {"perl", "a Perl script"},  {"dart", "a Dart or Flutter app (a phone, a desktop)"},
        {"bun", "a Bun program (a CLI or a desktop app)"},
        {"ollama-cli", "the Ollama CLI (it runs where Ollama runs: the machine, or Ollama's own container)"},
        {"crystal", "a Crystal program"}, {"lua", "a Lua script (a game, an editor)"},
        {"haskell-http-client", "a Haskell program"},
        {"dotnet", "a .NET program (a desktop app, an editor's or a game's extension)"}};
    static const struct { const char *what, *const clients[7]; } crashed[] = {
        {"a Python script stopped by an uncaught exception",
         {"python-requests", "httpx", "aiohttp", "openai-python", "ollama-python", "python", NULL}},
        {"a Node.js script stopped by an uncaught exception", {"node", "ollama-js", "openai-node", NULL}},
        {"a Ruby script stopped by an uncaught exception", {"ruby", NULL}}};
    /* frameworks a script imports: naming them names no deployed app */
    static const char *const libraries[] = {"langchain", "llamaindex"};
    int library = 0;
    for (size_t i = 0; i < N_OF(native); i++)
        if (strcmp(out->client, native[i].client) == 0)
            return native[i].what;
    for (size_t i = 0; i < N_OF(libraries); i++)
        library |= strcmp(out->app, libraries[i]) == 0;
    if ((out->app[0] && !library) || !od_explain_has_hint(out, "uncaught"))
        return NULL;
    for (size_t i = 0; i < N_OF(crashed); i++)
        for (size_t j = 0; crashed[i].clients[j]; j++)
            if (strcmp(out->client, crashed[i].clients[j]) == 0)
                return crashed[i].what;
    return NULL;
}

/* The client runs on the machine itself, by an assumption (unless --app). */
static void assume_native(struct od_explain_input *out, const char *why)
{
    out->in_container = 0;
    out->in_container_assumed = strcmp(out->app_source, "flag") != 0;
    od_strlcpy(out->in_container_why, why, sizeof out->in_container_why);
}

/* A program at the machine's own loopback that names no app and shows no
 * runtime at all (an app's own words: "Unable to connect to endpoint
 * http://localhost:11434"): not the default app, whose texts show its Python
 * or its Go plugin daemon, so most often a program on the machine itself (a
 * desktop app, an editor's extension, a CLI). A container in the text says
 * so before this is asked; Linux's own errno numbers (111, 99) leave the
 * default app's container as likely as the machine. Node is one too: the
 * default app has no Node client, and the real texts of Node clients at
 * loopback that name neither app nor container came from editors'
 * extensions, desktop apps and CLIs three times as often as from a
 * container (round 109, tests/explain/real). */
static const char *unnamed_program(const struct od_explain_input *out)
{
    if (out->app[0] || strcmp(out->platform, "linux") == 0)
        return NULL;
    if (strcmp(out->client, "unknown") == 0 || strcmp(out->client, "node") == 0)
        return "a message that shows no app and no runtime (not the default app's Python) most often comes from a "
               "program on the machine itself";
    return NULL;
}

/* A native program (od_explain_native_program) runs on the machine itself,
 * or (elsewhere) on a machine of its own; each sentence whole, as the
 * catalog translates it. */
static int native_program(struct od_explain_input *out, int elsewhere)
{
    const char *what = od_explain_native_program(out);
    char why[sizeof out->in_container_why];
    if (!what)
        return 0;
    snprintf(why, sizeof why,
             elsewhere ? "%s that names no app usually runs on a machine of its own"
                       : "%s that names no app usually runs on the machine itself",
             what);
    assume_native(out, why);
    return 1;
}

static int native_runtime(struct od_explain_input *out)
{
    const char *what;
    if (native_program(out, 0))
        return 1;
    if (!(what = unnamed_program(out)))
        return 0;
    assume_native(out, what);
    return 1;
}

/* An address that no container setup hands out: not loopback, not the Docker
 * host's names, not a bridge's (172.16.0.0/12), not 10.0.2.2 (the host as
 * slirp4netns, rootless Docker and Podman, QEMU and the Android emulator
 * show it), not a service name. */
static int another_machine(const char *host)
{
    return host[0] && !od_explain_this_machine(host) && !od_is_host_alias(host) && !od_is_service_name(host) &&
           strcmp(host, "10.0.2.2") != 0 && !(od_ip_family(host) == AF_INET && od_ip_in_prefix(host, "172.16.0.0", 12));
}

/* A sender that is never in the app's container, whatever the app: a browser
 * (a page or an extension: it runs on the user's machine, whatever address it
 * was given), or a reverse proxy or tunnel whose log names the upstream it
 * could not reach at loopback (it runs where it forwards to; its paste may
 * name no address at all). */
static int native_sender(struct od_explain_input *out)
{
    static const struct { const char *hint, *why; int any_host; } senders[] = {
        {"browser", "a browser or a browser extension sent the request: it runs on the user's own machine", 1},
        {"upstream", "a reverse proxy or tunnel (nginx, Apache, frp, an ssh port forward) that forwards to loopback "
                     "runs on the machine it serves", 0}};
    for (size_t i = 0; i < N_OF(senders); i++)
        if (od_explain_has_hint(out, senders[i].hint) &&
            (senders[i].any_host || od_explain_this_machine(out->host) || !out->host[0])) {
            assume_native(out, senders[i].why);
            return 1;
        }
    return 0;
}

/* The text shows Ollama's root answering ("Ollama is running", from a shell
 * or a browser), and a client refused at its own loopback: both cannot be on
 * one machine, so the client is elsewhere. A text that names the client's
 * OS (Windows, macOS, a Linux home) keeps that reading, and so does a
 * refusal of the user's own command. */
static int answered_elsewhere(const struct od_explain_input *out)
{
    static const char *const weak[] = {"", "native", "linux"};
    if (!od_explain_has_hint(out, "answered") || strcmp(out->error_kind, "refused") != 0 ||
        !od_explain_this_machine(out->host))
        return 0;
    /* a refusal of the user's own command (curl, the Ollama CLI) came from
     * the shell itself: the answer and the refusal differ in time or place */
    if (od_explain_has_hint(out, "own-command") || strcmp(out->client, "ollama-cli") == 0 ||
        strcmp(out->app, "ollama") == 0)
        return 0;
    for (size_t i = 0; i < N_OF(weak); i++)
        if (strcmp(out->platform, weak[i]) == 0)
            return 1;
    return 0;
}

/* Where the client runs decides what localhost is: the text's platform, else
 * the app's profile (--app, or the app the text names), else the default
 * app's (Dify: a container). */
void od_explain_decide_container(struct od_explain_input *out)
{
    static const char *const native[] = {"windows", "macos", "linux-host", "native"};
    static const char *const native_names[] = {"Windows", "macOS", "Linux", "desktop"}; /* in words */
    const struct od_app_profile *p = od_app_find(out->app);
    if (answered_elsewhere(out)) {
        out->in_container = 1;
        snprintf(out->in_container_why, sizeof out->in_container_why,
                 "Ollama's root answered where the user ran it, yet the client was refused at its own loopback: "
                 "the client runs in another network namespace (a container)");
        return;
    }
    if (strcmp(out->platform, "container") == 0) {
        out->in_container = 1;
        snprintf(out->in_container_why, sizeof out->in_container_why, "the text shows a container");
        return;
    }
    for (size_t i = 0; i < N_OF(native); i++)
        if (strcmp(out->platform, native[i]) == 0) {
            out->in_container = 0;
            snprintf(out->in_container_why, sizeof out->in_container_why, "the text shows a native %s client",
                     native_names[i]);
            return;
        }
    if (!p && strcmp(out->error_kind, "refused") == 0 && od_ip_family(out->host) == AF_INET6 &&
        od_ip_is_loopback(out->host)) {
        assume_native(out, "a refusal at ::1 is most often a client on the machine itself (Docker 26+ gives "
                           "containers no ::1 without IPv6)");
        return;
    }
    if (strcmp(out->app_source, "flag") != 0 && native_sender(out))
        return;
    if (strcmp(out->app_source, "flag") != 0 && strcmp(out->error_kind, "reset") == 0 &&
        od_explain_this_machine(out->host)) {
        assume_native(out, "a reset at loopback means something there took the connection and dropped it; a "
                           "container's own loopback with nothing listening refuses instead");
        return;
    }
    if (!p && strcmp(out->app_source, "flag") != 0 &&
        (strcmp(out->error_kind, "not-running") == 0 ||
         (od_explain_has_hint(out, "down-words") && !od_explain_has_hint(out, "no-reason"))) &&
        (!out->host[0] || od_explain_this_machine(out->host))) {
        assume_native(out, "a program that says Ollama is not running (rather than that it could not connect) "
                           "looks for it on the machine it runs on: a CLI, an editor, a desktop app");
        return;
    }
    if (!p && od_explain_this_machine(out->host) && native_runtime(out))
        return;
    /* the same runtimes at a LAN or remote address run on a machine of their
     * own (a phone, a desktop, a laptop): the address is another machine's,
     * not the Docker host's as the default app's container sees it */
    if (!p && another_machine(out->host) && native_program(out, 1))
        return;
    if (!out->app[0] && od_ip_is_unspecified(out->host)) {
        assume_native(out, "a client connecting to 0.0.0.0 or :: took the server's bind address (OLLAMA_HOST) as "
                           "its target, set where Ollama runs");
        return;
    }
    if (!p && out->app[0]) { /* an app the text names that has no profile: how it is deployed is not known */
        out->in_container = od_app_default()->in_container;
        out->in_container_assumed = 1;
        snprintf(out->in_container_why, sizeof out->in_container_why,
                 "the text names %s, which may run in a container or on a machine: assumed in a container, as "
                 "self-hosted apps most often are",
                 out->app);
        return;
    }
    if (!p)
        p = od_app_default();
    out->in_container = p->in_container;
    out->in_container_assumed = strcmp(out->app_source, "flag") != 0; /* --app: the user said which app */
    snprintf(out->in_container_why, sizeof out->in_container_why, "%s %s in a container (%s)", p->title,
             p->in_container ? "usually runs" : "does not run",
             out->app[0] && od_app_find(out->app) ? (strcmp(out->app_source, "flag") == 0 ? "--app" : "the app the text names")
                                                   : "the default app");
}

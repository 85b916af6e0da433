/* opts — parse the command line into struct od_opts (table of options). */
#include "opts.h"

#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "docker.h"
#include "i18n.h"
#include "url.h"

static int parse_int(const char *opt, const char *arg, long lo, long hi, int *out, char *why, size_t n)
{
    char *end = NULL;
    errno = 0;
    long v = strtol(arg, &end, 10);
    if (errno || !end || *end || end == arg) {
        snprintf(why, n, "%s: '%s' is not a number", opt, arg);
        return -1;
    }
    if (v < lo || v > hi) {
        snprintf(why, n, "%s: %ld is out of range %ld-%ld", opt, v, lo, hi);
        return -1;
    }
    *out = (int)v;
    return 0;
}

static int one_of(const char *opt, const char *arg, const char *const *words, char *why, size_t n)
{
    for (int i = 0; words[i]; i++)
        if (strcmp(arg, words[i]) == 0)
            return i;
    char list[160] = "";
    for (int i = 0; words[i]; i++) {
        if (i)
            strncat(list, "|", sizeof list - strlen(list) - 1);
        strncat(list, words[i], sizeof list - strlen(list) - 1);
    }
    snprintf(why, n, "%s: '%s' is not one of %s", opt, arg, list);
    return -1;
}

static int set_str(char **dst, const char *arg)
{
    free(*dst);
    *dst = od_strdup(arg);
    return *dst ? 0 : -1;
}

/* A URL argument as it may be shown and kept: its credentials replaced by
 * REDACTED (they are never sent: the tool does not authenticate), checked
 * with od_url_parse. 0, or -1 with why (which never quotes a secret). */
static int url_arg(const char *opt, const char *arg, char *shown, size_t n, char *why, size_t wn)
{
    struct od_url u;
    char reason[200];
    od_url_redact(arg, shown, (unsigned)n);
    if (od_url_at_beyond_authority(arg)) {
        snprintf(why, wn, "%s: '%.300s': an '@' after the host; percent-encode '#', '?', '/', blanks and '@' in a "
                 "user name or password (%%23 %%3F %%2F %%20 %%40)", opt, shown);
        return -1;
    }
    if (od_url_parse(shown, OD_DEFAULT_PORT, &u, reason, sizeof reason) != 0) {
        snprintf(why, wn, "%s: '%.300s': %s", opt, shown, reason);
        return -1;
    }
    return 0;
}

static int opt_url(struct od_opts *o, const char *arg, char *why, size_t n)
{
    char shown[1400];
    if (url_arg("--url", arg, shown, sizeof shown, why, n) != 0)
        return -1;
    return od_strv_push(&o->urls, shown);
}

static int opt_model(struct od_opts *o, const char *arg, char *why, size_t n)
{
    if (!*arg) {
        snprintf(why, n, "--model: empty model name (expected e.g. llama3.2:3b)");
        return -1;
    }
    return set_str(&o->model, arg);
}

static int opt_model_type(struct od_opts *o, const char *arg, char *why, size_t n)
{
    static const char *const w[] = {"chat", "embedding", NULL};
    return one_of("--model-type", arg, w, why, n) < 0 ? -1 : set_str(&o->model_type, arg);
}

static int opt_port(struct od_opts *o, const char *arg, char *why, size_t n)
{
    return parse_int("--port", arg, 1, 65535, &o->port, why, n);
}

static int opt_timeout(struct od_opts *o, const char *arg, char *why, size_t n)
{
    return parse_int("--timeout", arg, 50, 600000, &o->timeout_ms, why, n);
}

static int opt_vantage(struct od_opts *o, const char *arg, char *why, size_t n)
{
    static const char *const w[] = {"auto", "host", "container", NULL};
    int i = one_of("--vantage", arg, w, why, n);
    if (i < 0)
        return -1;
    o->vantage = (enum od_vantage)i;
    return 0;
}

static int one_target(struct od_opts *o, const char *opt, char *why, size_t n)
{
    if (o->container || o->pid || o->netns) {
        snprintf(why, n, "%s: only one of --container, --pid and --netns can be given", opt);
        return -1;
    }
    return 0;
}

static int opt_container(struct od_opts *o, const char *arg, char *why, size_t n)
{
    if (one_target(o, "--container", why, n) != 0)
        return -1;
    if (!*arg) {
        snprintf(why, n, "--container: empty name (expected a name, an ID or auto)");
        return -1;
    }
    if (*arg == '/') /* "/name", as docker inspect prints it */
        arg++;
    if (!od_docker_name_ok(arg)) {
        snprintf(why, n, "--container: '%.200s' is not a container name or ID (letters, digits, '_', '.', '-'; "
                 "see 'docker ps')", arg);
        return -1;
    }
    return set_str(&o->container, arg);
}

static int opt_pid(struct od_opts *o, const char *arg, char *why, size_t n)
{
    return one_target(o, "--pid", why, n) != 0 ? -1 : parse_int("--pid", arg, 1, 0x3fffffff, &o->pid, why, n);
}

static int opt_netns(struct od_opts *o, const char *arg, char *why, size_t n)
{
    if (one_target(o, "--netns", why, n) != 0)
        return -1;
    if (!*arg || strchr(arg, '/') || strcmp(arg, ".") == 0 || strcmp(arg, "..") == 0) {
        snprintf(why, n, "--netns: '%s' is not a namespace name (see 'ip netns list')", arg);
        return -1;
    }
    return set_str(&o->netns, arg);
}

static int opt_host_ip(struct od_opts *o, const char *arg, char *why, size_t n)
{
    if (!od_ip_family(arg)) {
        snprintf(why, n, "--host-ip: '%s' is not an IPv4 or IPv6 address", arg);
        return -1;
    }
    return od_strv_push(&o->host_ips, arg);
}

static int opt_candidates(struct od_opts *o, const char *arg, char *why, size_t n)
{
    char *copy = od_strdup(arg), *save = NULL;
    int rc = 0;
    if (!copy)
        return -1;
    o->candidates_set = 1;
    for (char *tok = strtok_r(copy, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
        char *t = od_trim(tok), shown[1400];
        if (!*t)
            continue;
        if (url_arg("--candidates", t, shown, sizeof shown, why, n) != 0) {
            rc = -1;
            break;
        }
        if (od_strv_push(&o->candidates, shown) != 0) {
            rc = -1;
            break;
        }
    }
    free(copy);
    if (rc == 0 && o->candidates.n == 0) {
        snprintf(why, n, "--candidates: empty list (expected comma-separated hosts, host:port or URLs)");
        rc = -1;
    }
    return rc;
}

static int opt_app(struct od_opts *o, const char *arg, char *why, size_t n)
{
    return one_of("--app", arg, od_app_names, why, n) < 0 ? -1 : set_str(&o->app, arg);
}

static int opt_lang(struct od_opts *o, const char *arg, char *why, size_t n)
{
    static const char *const w[] = {"en", "ja", "zh", NULL};
    return one_of("--lang", arg, w, why, n) < 0 ? -1 : set_str(&o->lang, arg);
}

static int opt_os(struct od_opts *o, const char *arg, char *why, size_t n)
{
    static const char *const w[] = {"auto", "linux", "macos", "windows", NULL};
    return one_of("--os", arg, w, why, n) < 0 ? -1 : set_str(&o->os, arg);
}

static int opt_format(struct od_opts *o, const char *arg, char *why, size_t n)
{
    static const char *const w[] = {"text", "json", "markdown", NULL};
    int i = one_of("--format", arg, w, why, n);
    if (i < 0)
        return -1;
    o->format = (enum od_format)i;
    return 0;
}

static int opt_json(struct od_opts *o, const char *arg, char *why, size_t n)
{
    (void)arg, (void)why, (void)n;
    o->format = OD_FMT_JSON;
    return 0;
}

static int opt_color(struct od_opts *o, const char *arg, char *why, size_t n)
{
    static const char *const w[] = {"auto", "always", "never", NULL};
    int i = one_of("--color", arg, w, why, n);
    if (i < 0)
        return -1;
    o->color = (enum od_color)i;
    return 0;
}

static int opt_rules(struct od_opts *o, const char *arg, char *why, size_t n)
{
    if (!*arg) {
        snprintf(why, n, "--rules: empty directory name");
        return -1;
    }
    return set_str(&o->rules_dir, arg);
}

static int opt_fail_on(struct od_opts *o, const char *arg, char *why, size_t n)
{
    static const char *const w[] = {"error", "warning", NULL};
    int i = one_of("--fail-on", arg, w, why, n);
    if (i < 0)
        return -1;
    o->fail_on = i == 0 ? OD_SEV_ERROR : OD_SEV_WARNING;
    return 0;
}

static int opt_output(struct od_opts *o, const char *arg, char *why, size_t n)
{
    if (!*arg) {
        snprintf(why, n, "--output: empty file name");
        return -1;
    }
    return set_str(&o->output, arg);
}

static int opt_force(struct od_opts *o, const char *arg, char *why, size_t n)
{
    (void)arg, (void)why, (void)n;
    o->force = 1;
    return 0;
}

static int opt_allow_any_target(struct od_opts *o, const char *arg, char *why, size_t n)
{
    (void)arg, (void)why, (void)n;
    o->allow_any_target = 1;
    return 0;
}

static int opt_deep(struct od_opts *o, const char *arg, char *why, size_t n)
{
    (void)arg, (void)why, (void)n;
    o->deep = 1;
    return 0;
}

static int opt_batch(struct od_opts *o, const char *arg, char *why, size_t n)
{
    (void)arg, (void)why, (void)n;
    o->batch = 1;
    o->format = OD_FMT_JSON;
    return 0;
}

static int opt_verbose(struct od_opts *o, const char *arg, char *why, size_t n)
{
    (void)arg, (void)why, (void)n;
    o->verbose++;
    return 0;
}

static int opt_quiet(struct od_opts *o, const char *arg, char *why, size_t n)
{
    (void)arg, (void)why, (void)n;
    o->quiet = 1;
    return 0;
}

static int opt_help(struct od_opts *o, const char *arg, char *why, size_t n)
{
    (void)arg, (void)why, (void)n;
    o->cmd = OD_CMD_HELP;
    return 0;
}

static int opt_version(struct od_opts *o, const char *arg, char *why, size_t n)
{
    (void)arg, (void)why, (void)n;
    o->cmd = OD_CMD_VERSION;
    return 0;
}

/* The one list of options: getopt, --help, the completions and the MCP
 * tools' schemas follow it (and the man page is checked against it). */
static const struct od_optdef optdefs[] = {
    {"url", 1, 'u', opt_url, "URL", "Base URL as typed into the app (repeatable)"},
    {"model", 1, 'm', opt_model, "NAME", "model to verify, e.g. llama3.2:3b"},
    {"model-type", 1, 0, opt_model_type, "chat|embedding", "what the app uses the model for (default chat)"},
    {"port", 1, 'p', opt_port, "N", "Ollama's port when no URL names one (default: OLLAMA_HOST, else 11434)"},
    {"timeout", 1, 't', opt_timeout, "MS", "per-connection timeout (default 2000); the run ends by 1.1 x MS"},
    {"vantage", 1, 0, opt_vantage, "auto|host|container", "where this runs (default: detected)"},
    {"container", 1, 0, opt_container, "NAME", "probe from inside that container (Docker; auto: the app's connecting one)"},
    {"pid", 1, 0, opt_pid, "PID", "probe from that process's network namespace"},
    {"netns", 1, 0, opt_netns, "NAME", "probe from that `ip netns` namespace"},
    {"host-ip", 1, 0, opt_host_ip, "ADDR", "the Docker host's LAN address, as a candidate (repeatable)"},
    {"candidates", 1, 0, opt_candidates, "LIST", "comma-separated hosts, host:port or URLs replacing the built-in list"},
    {"app", 1, 0, opt_app, "NAME", "the app that connects: dify (default), open-webui, librechat, anythingllm, n8n, flowise, continue, openai-compatible, generic"},
    {"os", 1, 0, opt_os, "auto|linux|macos|windows", "OS of the machine running Ollama, for fixes"},
    {"format", 1, 0, opt_format, "text|json|markdown", "output format (default text; markdown for a GitHub issue)"},
    {"json", 0, 0, opt_json, NULL, "same as --format json"},
    {"color", 1, 0, opt_color, "auto|always|never", "colour (auto: only on a terminal, never with NO_COLOR)"},
    {"colour", 1, 0, opt_color, "auto|always|never", "the same as --color"},
    {"lang", 1, 0, opt_lang, "en|ja|zh", "language of text and Markdown (default: from LC_ALL, LC_MESSAGES, LANG)"},
    {"rules", 1, 0, opt_rules, "DIR", "use the rule files in DIR instead of the built-in set"},
    {"fail-on", 1, 0, opt_fail_on, "error|warning", "which findings make the exit status 1 (default error)"},
    {"deep", 0, 0, opt_deep, NULL, "with --model: load the model once and time it (slow)"},
    {"batch", 0, 0, opt_batch, NULL,
     "explain: many texts on stdin, each ended by a NUL byte; one JSON document per line"},
    {"output", 1, 'o', opt_output, "FILE", "bundle: where to write the .tar.gz"},
    {"force", 0, 0, opt_force, NULL, "bundle: overwrite an existing file"},
    {"allow-any-target", 0, 0, opt_allow_any_target, NULL,
     "mcp: let an agent name any host (default: loopback, private, link-local and container names)"},
    {"verbose", 0, 'v', opt_verbose, NULL, "more detail in the text report"},
    {"quiet", 0, 'q', opt_quiet, NULL, "only the verdict line in the text report"},
    {"help", 0, 'h', opt_help, NULL, "show this help"},
    {"version", 0, 'V', opt_version, NULL, "show the version"},
};
#define N_OPTDEFS (sizeof optdefs / sizeof optdefs[0])

static const struct od_cmddef commands[] = {
    {"check", OD_CMD_CHECK, "[OPTIONS]", "diagnose (the default command)"},
    {"explain", OD_CMD_EXPLAIN, "[OPTIONS] [TEXT|-]", "classify a pasted error (stdin when - or absent)"},
    {"bundle", OD_CMD_BUNDLE, "[OPTIONS] [-o FILE]", "run a check and write a support bundle (.tar.gz)"},
    {"rules", OD_CMD_RULES, "list|lint [DIR]|paths", "the knowledge base (paths: the facts rules read)"},
    {"mcp", OD_CMD_MCP, "[--allow-any-target]", "serve the Model Context Protocol on stdin/stdout"},
    {"completion", OD_CMD_COMPLETION, "bash|zsh|fish", "print a shell completion script"},
};
#define N_COMMANDS (sizeof commands / sizeof commands[0])

const struct od_optdef *od_optdefs(size_t *n)
{
    *n = N_OPTDEFS;
    return optdefs;
}

const struct od_optdef *od_optdef_find(const char *name)
{
    for (size_t i = 0; i < N_OPTDEFS; i++)
        if (strcmp(optdefs[i].name, name) == 0)
            return &optdefs[i];
    return NULL;
}

const struct od_cmddef *od_cmddefs(size_t *n)
{
    *n = N_COMMANDS;
    return commands;
}

const char *od_vantage_name(enum od_vantage v)
{
    static const char *const names[] = {"auto", "host", "container"};
    return names[v];
}

/* The help's prose, one line a string (translated through the catalog). */
static const char *const help_intro[] = {
    "Find out why an app in a container (Dify, Open WebUI, n8n, ...) cannot reach",
    "Ollama: every candidate address is probed at once (DNS, TCP, HTTP), each",
    "failure is named, and the fix and the Base URL that works are printed.",
    "",
    "Run it where the app connects from: inside the app's container (Dify 1.x:",
    "the plugin_daemon container), or on the Docker host (with --container).",
};

static const struct { const char *cmd, *what; } help_examples[] = {
    {"ollama-doctor -u http://host.docker.internal:11434", "check the URL typed into the app"},
    {"ollama-doctor explain \"HTTPConnectionPool(host='127.0.0.1', port=11434) ... Connection refused\"",
     "explain a pasted error, offline"},
    {"sudo ollama-doctor --container docker-plugin_daemon-1", "probe from inside Dify's container, from the host"},
    {"ollama-doctor -m llama3.2:3b", "also check the model and print Dify's form values"},
    {"ollama-doctor bundle -o report.tar.gz", "write a redacted support bundle"},
};

static const char *const help_outro[] = {
    "Exit status: 0 Ollama reachable and no problem, 1 problems found or Ollama",
    "unreachable, 2 usage error, 3 internal error.",
    "Environment: HTTP_PROXY, HTTPS_PROXY, ALL_PROXY, NO_PROXY (and lower case) are",
    "evaluated as Python requests would; OLLAMA_HOST gives the default port;",
    "NO_COLOR disables colour; LANG (ja, zh) the language.",
};

void od_opts_usage(FILE *fp, enum od_lang l)
{
    for (size_t i = 0; i < N_COMMANDS; i++) {
        char left[64];
        if (i == 0) /* the default command */
            snprintf(left, sizeof left, "[%s] %s", commands[i].word, commands[i].args);
        else
            snprintf(left, sizeof left, "%s %s", commands[i].word, commands[i].args);
        fprintf(fp, "%s ollama-doctor %-28s %s\n", i == 0 ? "Usage:" : "      ", left, od_tr(l, commands[i].help));
    }
    fprintf(fp, "       ollama-doctor --help | --version\n\n");
    for (size_t i = 0; i < sizeof help_intro / sizeof help_intro[0]; i++)
        fprintf(fp, "%s\n", help_intro[i][0] ? od_tr(l, help_intro[i]) : "");
    fprintf(fp, "\n%s\n", od_tr(l, "Options:"));
    for (size_t i = 0; i < N_OPTDEFS; i++) {
        const struct od_optdef *d = &optdefs[i];
        char left[64];
        if (d->shortopt)
            snprintf(left, sizeof left, "-%c, --%s%s%s", d->shortopt, d->name, d->argname ? " " : "",
                     d->argname ? d->argname : "");
        else
            snprintf(left, sizeof left, "    --%s%s%s", d->name, d->argname ? " " : "", d->argname ? d->argname : "");
        if (strlen(left) > 28)
            fprintf(fp, "  %s\n  %-28s %s\n", left, "", od_tr(l, d->help));
        else
            fprintf(fp, "  %-28s %s\n", left, od_tr(l, d->help));
    }
    fprintf(fp, "\n%s\n", od_tr(l, "Examples:"));
    for (size_t i = 0; i < sizeof help_examples / sizeof help_examples[0]; i++)
        fprintf(fp, "  %s\n      %s\n", help_examples[i].cmd, od_tr(l, help_examples[i].what));
    fputc('\n', fp);
    for (size_t i = 0; i < sizeof help_outro / sizeof help_outro[0]; i++)
        fprintf(fp, "%s\n", od_tr(l, help_outro[i]));
}

/* The known word nearest to w, when it is near enough to be a typo. */
static const char *nearest(const char *w, const char *const *words, size_t n)
{
    const char *best = NULL;
    int bd = 3;
    for (size_t i = 0; i < n; i++) {
        int d = od_edit_distance(w, words[i]);
        if (d < bd || (d == bd && !best && d <= 2)) {
            bd = d;
            best = words[i];
        }
    }
    return bd <= 2 ? best : NULL;
}

static void unknown_option(const char *arg, char *why, size_t whylen)
{
    const char *names[N_OPTDEFS];
    char word[64];
    const char *hit;
    for (size_t i = 0; i < N_OPTDEFS; i++)
        names[i] = optdefs[i].name;
    od_strlcpy(word, arg + strspn(arg, "-"), sizeof word);
    word[strcspn(word, "=")] = '\0';
    if (arg[0] == '-' && arg[1] == '-' && (hit = nearest(word, names, N_OPTDEFS)))
        snprintf(why, whylen, "unknown option '%s'; did you mean '--%s'? (see --help)", arg, hit);
    else
        snprintf(why, whylen, "unknown option '%s' (see --help)", arg);
}

static enum od_cmd command_word(const char *w, int *found)
{
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
        if (strcmp(w, commands[i].word) == 0) {
            *found = 1;
            return commands[i].cmd;
        }
    *found = 0;
    return OD_CMD_CHECK;
}

enum od_err od_opts_parse(int argc, char **argv, struct od_opts *o, char *why, size_t whylen)
{
    struct option longopts[N_OPTDEFS + 1];
    char shortopts[3 * N_OPTDEFS + 2] = ":";
    int first = 1, found = 0;

    memset(o, 0, sizeof *o);
    o->timeout_ms = OD_DEFAULT_TIMEOUT_MS;
    o->fail_on = OD_SEV_ERROR;
    why[0] = '\0';

    for (size_t i = 0; i < N_OPTDEFS; i++) {
        longopts[i] = (struct option){optdefs[i].name, optdefs[i].has_arg, NULL, 1000 + (int)i};
        if (optdefs[i].shortopt) {
            size_t l = strlen(shortopts);
            shortopts[l++] = (char)optdefs[i].shortopt;
            if (optdefs[i].has_arg)
                shortopts[l++] = ':';
            shortopts[l] = '\0';
        }
    }
    longopts[N_OPTDEFS] = (struct option){0, 0, 0, 0};

    if (argc > 1 && argv[1][0] != '-') {
        o->cmd = command_word(argv[1], &found);
        if (!found) {
            const char *words[N_COMMANDS], *hit;
            for (size_t i = 0; i < N_COMMANDS; i++)
                words[i] = commands[i].word;
            if ((hit = nearest(argv[1], words, N_COMMANDS)))
                snprintf(why, whylen, "unknown command '%s'; did you mean '%s'? (see --help)", argv[1], hit);
            else
                snprintf(why, whylen, "unknown command '%s' (expected check, explain, bundle, rules, mcp or completion)",
                         argv[1]);
            return OD_ERR_USAGE;
        }
        first = 2;
    }

    optind = 0; /* full reset, also of GNU getopt's internal state */
    opterr = 0;
    char **av = argv + first - 1; /* getopt skips av[0] */
    int ac = argc - first + 1;
    int c;
    while ((c = getopt_long(ac, av, shortopts, longopts, NULL)) != -1) {
        const struct od_optdef *d = NULL;
        if (c == '?') {
            if (optopt)
                snprintf(why, whylen, "unknown option '-%c' (see --help)", optopt);
            else
                unknown_option(av[optind - 1], why, whylen);
            return OD_ERR_USAGE;
        }
        if (c == ':') {
            snprintf(why, whylen, "option '%s' needs a value (see --help)", av[optind - 1]);
            return OD_ERR_USAGE;
        }
        if (c >= 1000)
            d = &optdefs[c - 1000];
        else
            for (size_t i = 0; i < N_OPTDEFS && !d; i++)
                if (optdefs[i].shortopt == c)
                    d = &optdefs[i];
        if (!d || d->fn(o, optarg ? optarg : "", why, whylen) != 0) {
            if (!why[0])
                snprintf(why, whylen, "out of memory");
            return OD_ERR_USAGE;
        }
    }
    for (int i = optind; i < ac; i++)
        if (od_strv_push(&o->args, av[i]) != 0)
            return OD_ERR_NOMEM;
    if (o->cmd == OD_CMD_RULES &&
        (o->args.n < 1 || o->args.n > 2 ||
         (strcmp(o->args.v[0], "list") != 0 && strcmp(o->args.v[0], "lint") != 0 && strcmp(o->args.v[0], "paths") != 0) ||
         (strcmp(o->args.v[0], "paths") == 0 && o->args.n != 1))) {
        snprintf(why, whylen, "rules: expected 'rules list [DIR]', 'rules lint [DIR]' or 'rules paths'");
        return OD_ERR_USAGE;
    }
    if (o->cmd == OD_CMD_COMPLETION && (o->args.n != 1 || (strcmp(o->args.v[0], "bash") != 0 &&
                                                          strcmp(o->args.v[0], "zsh") != 0 &&
                                                          strcmp(o->args.v[0], "fish") != 0))) {
        snprintf(why, whylen, "completion: expected 'completion bash', 'completion zsh' or 'completion fish'");
        return OD_ERR_USAGE;
    }
    if (o->cmd == OD_CMD_MCP && o->args.n) {
        snprintf(why, whylen, "mcp: unexpected argument '%s' (the protocol runs on stdin and stdout)", o->args.v[0]);
        return OD_ERR_USAGE;
    }
    if (o->cmd == OD_CMD_CHECK && o->args.n) {
        snprintf(why, whylen, "unexpected argument '%s' (URLs go after -u/--url)", o->args.v[0]);
        return OD_ERR_USAGE;
    }
    if (o->batch && (o->cmd != OD_CMD_EXPLAIN || (o->args.n && strcmp(o->args.v[0], "-") != 0))) {
        snprintf(why, whylen, "--batch is explain's, and reads its texts from stdin (see --help)");
        return OD_ERR_USAGE;
    }
    return OD_OK;
}

void od_opts_free(struct od_opts *o)
{
    od_strv_free(&o->urls);
    od_strv_free(&o->host_ips);
    od_strv_free(&o->candidates);
    od_strv_free(&o->args);
    free(o->model);
    free(o->model_type);
    free(o->os);
    free(o->app);
    free(o->lang);
    free(o->rules_dir);
    free(o->container);
    free(o->netns);
    free(o->output);
    memset(o, 0, sizeof *o);
}

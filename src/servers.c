/* servers — the table of other model servers (and of the other servers an app
 * calls: its database, its broker, the SSH server) and the guess from a text. */
#include "servers.h"

#include "util.h"

#include <regex.h>
#include <stdio.h>
#include <string.h>

#define OLLAMA_PORT 11434

static const struct od_server {
    const char *id, *name;
    int port;
    int every_interface; /* listens on every interface by default */
    const char *words; /* POSIX ERE, case-insensitive */
    const char *bind, *start;
    int service; /* not a model server (an app's database, broker, the SSH server): named only at its own port */
} servers[] = {
    {"lm-studio", "LM Studio", 1234, 0, "lm ?studio|lmstudio|lms server",
     "LM Studio's server listens on 127.0.0.1 until \"Serve on Local Network\" is on (the Developer tab's server "
     "settings); turn it on, then restart the server",
     "in LM Studio, Developer > Start Server, or run: lms server start", 0},
    {"llama-cpp", "llama.cpp's llama-server", 8080, 0, "llama\\.cpp|llama-server|llama_cpp|llama-cpp",
     "llama-server listens on 127.0.0.1 unless started with --host 0.0.0.0 (or the address containers reach)",
     "llama-server -m MODEL.gguf --host 0.0.0.0 --port 8080", 0},
    {"localai", "LocalAI", 8080, 1, "localai|local-ai",
     "LocalAI listens on every interface by default (ADDRESS=:8080): a refusal means it is not running there, or "
     "its container does not publish the port",
     "its container, or run: local-ai run", 0},
    {"vllm", "vLLM", 8000, 1, "vllm",
     "vllm serve listens on every interface by default (--host 0.0.0.0): a refusal means it is not running there, "
     "listens on another --port, or its container does not publish the port",
     "vllm serve MODEL --port 8000", 0},
    {"xinference", "Xinference", 9997, 0, "xinference|xorbits",
     "xinference-local listens on 127.0.0.1 unless started with -H 0.0.0.0", "xinference-local -H 0.0.0.0 --port 9997",
     0},
    {"textgen", "text-generation-webui", 5000, 0, "text-generation-webui|oobabooga|text_generation_webui",
     "text-generation-webui's API listens on 127.0.0.1 unless started with --listen (and --api)",
     "start it with --api (and --listen for containers and other machines)", 0},
    {"tabbyapi", "TabbyAPI", 5000, 0, "tabbyapi|tabby ?api",
     "TabbyAPI listens on 127.0.0.1 unless its config.yml sets network: host: 0.0.0.0",
     "./start.sh (start.bat on Windows)", 0},
    {"koboldcpp", "KoboldCpp", 5001, 0, "koboldcpp|kobold ?cpp",
     "KoboldCpp binds the address given by --host: start it with --host 0.0.0.0 for containers and other machines",
     "koboldcpp --model MODEL.gguf --port 5001", 0},
    {"jan", "Jan", 1337, 0, "jan\\.ai|JAN API listening|Jan's local API",
     "Jan's Local API Server listens on 127.0.0.1 unless Server Host is 0.0.0.0 in its Server Settings",
     "in Jan, Local API Server > Start Server", 0},
    {"gpt4all", "GPT4All", 4891, 0, "gpt4all",
     "GPT4All's API server listens on 127.0.0.1 only, with no setting to change it: containers and other machines "
     "reach it only through a proxy on that machine",
     "in GPT4All, Settings > Application > Enable Local API Server", 0},
    {"sglang", "SGLang", 30000, 0, "sglang", "SGLang listens on 127.0.0.1 unless started with --host 0.0.0.0",
     "python -m sglang.launch_server --model-path MODEL --host 0.0.0.0 --port 30000", 0},
    /* the same failures at an app's other servers: their own settings, not OLLAMA_HOST */
    {"sshd", "the SSH server", 22, 1, "sshd?",
     "sshd listens on every interface unless sshd_config sets ListenAddress; a refusal means it is not running or "
     "listens on another Port",
     "sudo systemctl start ssh (sshd on Fedora and Arch)", 1},
    {"postgresql", "PostgreSQL", 5432, 0, "postgres(ql)?|psql|libpq|psycopg[23]?|asyncpg|pgx|PG::[a-z]+",
     "PostgreSQL listens on localhost unless postgresql.conf sets listen_addresses = '*' (and pg_hba.conf admits "
     "the client's network); its official image listens on every interface",
     "its container, or: sudo systemctl start postgresql", 1},
    {"mysql", "MySQL or MariaDB", 3306, 0, "(py)?mysql[0-9i]?|mariadb",
     "MySQL's and MariaDB's packages listen on 127.0.0.1 (bind-address in their server configuration) until it is "
     "0.0.0.0; their official images listen on every interface",
     "its container, or: sudo systemctl start mysql (mariadb)", 1},
    {"redis", "Redis", 6379, 0, "redis",
     "the packaged redis.conf binds 127.0.0.1 -::1 (and protected-mode turns others away) until bind is changed; "
     "the official image listens on every interface",
     "its container, or: sudo systemctl start redis-server (redis)", 1},
    {"mongodb", "MongoDB", 27017, 0, "(py)?mongo(db|ose)?",
     "mongod listens on 127.0.0.1 unless net.bindIp (or --bind_ip_all) says otherwise; the official image listens "
     "on every interface",
     "its container, or: sudo systemctl start mongod", 1},
    {"rabbitmq", "RabbitMQ", 5672, 1, "rabbitmq|amqp", "RabbitMQ listens on every interface by default",
     "its container, or: sudo systemctl start rabbitmq-server", 1},
    {"elasticsearch", "Elasticsearch", 9200, 0, "elasticsearch|opensearch",
     "Elasticsearch listens on localhost until network.host is set (its official image sets 0.0.0.0)",
     "its container, or: sudo systemctl start elasticsearch", 1},
};

#define N_SERVERS (sizeof servers / sizeof servers[0])

static int matches(const char *text, const char *ere)
{
    regex_t re;
    int hit;
    if (regcomp(&re, ere, REG_EXTENDED | REG_ICASE | REG_NOSUB) != 0)
        return 0;
    hit = regexec(&re, text, 0, NULL, 0) == 0;
    regfree(&re);
    return hit;
}

/* its words as a name of its own: not inside a model's name or a path
 * (lmstudio-community/..., qwen2.5-vllm-awq, /models/llama.cpp/) */
static int names(const char *text, const struct od_server *s)
{
    char ere[256];
    snprintf(ere, sizeof ere, "(^|[^-/_.a-z0-9])(%s)([^-/_a-z0-9]|$)", s->words);
    return matches(text, ere);
}

/* The text shows Ollama as the server that failed: its clients' and apps'
 * words for it, its CLI, its setting, or one of its native routes. */
static int ollama_shown(const char *text, const char *client, const char *path)
{
    static const char *const routes = "^/api/(chat|generate|tags|pull|push|embed|embeddings|show|ps|version|create|"
                                      "delete|copy|blobs)";
    static const char *const words = "ollama(\\.|_)?_?types|OllamaException|routers\\.ollama|OLLAMA_HOST|"
                                     "could not connect to ollama|ollama (run|pull|create|list|serve|show|ps|rm|cp|"
                                     "push)( |$)|ollama\\.(chat|generate|embed|list)|ollama provider";
    return strncmp(client, "ollama", 6) == 0 || (path[0] && matches(path, routes)) || matches(text, words);
}

/* no path, or one an OpenAI-compatible server (or llama.cpp's own) serves */
static int openai_style(const char *path)
{
    return !path[0] || strcmp(path, "/") == 0 || strncmp(path, "/v1", 3) == 0 || strncmp(path, "/completion", 11) == 0;
}

static void append(char *dst, size_t n, const char *sep, const char *s)
{
    size_t len = strlen(dst);
    snprintf(dst + len, n - len, "%s%s", len ? sep : "", s);
}

/* the text names one of them: the one at the error's port, else (unless
 * the text shows Ollama failing, at a port it was moved to) the first */
static const struct od_server *named(const char *text, int port, int ollama)
{
    const struct od_server *first = NULL;
    for (size_t i = 0; i < N_SERVERS; i++) {
        if (!names(text, &servers[i]))
            continue;
        if (servers[i].port == port)
            return &servers[i];
        if (!first && !servers[i].service)
            first = &servers[i];
    }
    return ollama ? NULL : first;
}

int od_server_guess(const char *text, const char *client, int port, const char *path, struct od_server_guess *g)
{
    const struct od_server *s;
    int ollama;
    memset(g, 0, sizeof *g);
    if (!text || port == OLLAMA_PORT)
        return 0;
    ollama = ollama_shown(text, client ? client : "", path);
    if ((s = named(text, port, ollama))) {
        od_strlcpy(g->id, s->id, sizeof g->id);
        od_strlcpy(g->name, s->name, sizeof g->name);
        g->strong = 1;
        snprintf(g->why, sizeof g->why, "the text names %s", s->name);
        od_strlcpy(g->bind, s->bind, sizeof g->bind);
        od_strlcpy(g->start, s->start, sizeof g->start);
        g->service = s->service;
        snprintf(g->refusal, sizeof g->refusal,
                 s->every_interface ? "%s is not running there, or its port is not published"
                                    : "%s listens on loopback only there, or is not running",
                 s->name);
        return 1;
    }
    if (!port || ollama || !openai_style(path))
        return 0;
    for (size_t i = 0; i < N_SERVERS; i++) {
        if (servers[i].port != port || servers[i].service)
            continue;
        if (!g->id[0])
            od_strlcpy(g->id, servers[i].id, sizeof g->id);
        append(g->name, sizeof g->name, " or ", servers[i].name);
        append(g->bind, sizeof g->bind, "; ", servers[i].bind);
        append(g->start, sizeof g->start, "; ", servers[i].start);
    }
    if (g->id[0])
        snprintf(g->why, sizeof g->why, "port %d is the default of %s", port, g->name);
    return g->id[0] != 0;
}

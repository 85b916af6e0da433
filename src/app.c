/* app — the profiles of the apps ollama-doctor knows (SPEC --app). */
#include "app.h"

#include <stddef.h>
#include <string.h>

static const char *const dify_services[] = {"plugin_daemon", "api", "worker", NULL};
static const char *const open_webui_services[] = {"open-webui", NULL};
static const char *const librechat_services[] = {"api", "LibreChat=api", NULL};
static const char *const anythingllm_services[] = {"anything-llm", "anythingllm=anything-llm", NULL};
static const char *const n8n_services[] = {"n8n", NULL};
static const char *const flowise_services[] = {"flowise", NULL};

static const struct od_app_profile apps[] = {
    {"dify", "Dify", 1, "ollama", "api/chat", "plugin_daemon", "Dify 1.x: plugin_daemon; Dify 0.x: api and worker",
     "Dify: Settings > Model Provider > Ollama > the model > Base URL", dify_services},
    {"open-webui", "Open WebUI", 1, "ollama", "api/chat", "open-webui", "the open-webui container (its backend)",
     "Open WebUI: Admin Panel > Settings > Connections > Ollama API", open_webui_services},
    {"librechat", "LibreChat", 1, "openai", "chat/completions", "api", "LibreChat's api container",
     "librechat.yaml: endpoints > custom > the endpoint's baseURL", librechat_services},
    {"anythingllm", "AnythingLLM", 1, "ollama", "api/chat", "anything-llm", "the AnythingLLM server container",
     "AnythingLLM: Settings > AI Providers > LLM > Ollama Base URL", anythingllm_services},
    {"n8n", "n8n", 1, "ollama", "api/chat", "n8n", "the n8n container",
     "n8n: Credentials > the Ollama credential > Base URL", n8n_services},
    {"flowise", "Flowise", 1, "ollama", "api/chat", "flowise", "the Flowise container",
     "Flowise: the ChatOllama node > Base URL", flowise_services},
    {"continue", "Continue", 0, "ollama", "api/chat", "", "the editor that runs Continue",
     "Continue: config.yaml > the model's apiBase", NULL},
    {"openai-compatible", "an OpenAI-compatible client", 1, "openai", "chat/completions", "",
     "the container of the app", "", NULL},
    {"generic", "the app", 1, "ollama", "api/chat", "", "the container of the app", "", NULL},
};

const char *const od_app_names[] = {"dify", "open-webui", "librechat", "anythingllm", "n8n", "flowise", "continue",
                                    "openai-compatible", "generic", NULL};

const struct od_app_profile *od_app_find(const char *name)
{
    for (size_t i = 0; name && i < sizeof apps / sizeof apps[0]; i++)
        if (strcmp(apps[i].name, name) == 0)
            return &apps[i];
    return NULL;
}

const struct od_app_profile *od_app_default(void)
{
    return &apps[0];
}

const struct od_app_profile *od_app_or_default(const char *name)
{
    const struct od_app_profile *p = od_app_find(name);
    return p ? p : od_app_default();
}

void od_app_base_url(const char *name, char *url, size_t n)
{
    const char *rest = strstr(url, "://");
    size_t l = strlen(url);
    if (strcmp(od_app_or_default(name)->joins, "openai") != 0 || !rest || strchr(rest + 3, '/') || l + 4 > n)
        return;
    memcpy(url + l, "/v1", 4);
}

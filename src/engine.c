/* engine — Docker Engine facts: networks (bridges and their gateways) and
 * running containers (networks, published ports, Ollama or not). */
#include "engine.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "docker.h"

static const char *jstr(const cJSON *o, const char *k)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, k);
    return cJSON_IsString(v) && v->valuestring ? v->valuestring : "";
}

static const cJSON *jget(const cJSON *o, const char *k)
{
    return cJSON_GetObjectItemCaseSensitive(o, k);
}

static int jint(const cJSON *o, const char *k)
{
    const cJSON *v = jget(o, k);
    return cJSON_IsNumber(v) && v->valuedouble >= 0 && v->valuedouble <= 65535 ? (int)v->valuedouble : 0;
}

static void short_id(const char *id, char *out, size_t n)
{
    od_strlcpy(out, id, n < 13 ? n : 13);
}

void od_engine_parse_networks(struct od_engine *e, const cJSON *list)
{
    const cJSON *n;
    cJSON_ArrayForEach(n, list)
    {
        struct od_dnet *d;
        const cJSON *cfg, *c;
        if (e->nnets >= OD_ENGINE_MAX_NETS || !cJSON_IsObject(n))
            break;
        d = &e->nets[e->nnets++];
        memset(d, 0, sizeof *d);
        od_strlcpy(d->name, jstr(n, "Name"), sizeof d->name);
        short_id(jstr(n, "Id"), d->id, sizeof d->id);
        od_strlcpy(d->driver, jstr(n, "Driver"), sizeof d->driver);
        od_strlcpy(d->bridge, jstr(jget(n, "Options"), "com.docker.network.bridge.name"), sizeof d->bridge);
        if (!d->bridge[0] && strcmp(d->driver, "bridge") == 0 && d->id[0]) {
            char id[16];
            od_strlcpy(id, d->id, sizeof id);
            snprintf(d->bridge, sizeof d->bridge, "br-%s", id);
        }
        cfg = jget(jget(n, "IPAM"), "Config");
        cJSON_ArrayForEach(c, cfg)
        {
            const char *sub = jstr(c, "Subnet");
            if (od_ip_family(sub) == 0 && strchr(sub, '/') && !strchr(sub, ':') && !d->subnet[0]) {
                od_strlcpy(d->subnet, sub, sizeof d->subnet);
                od_strlcpy(d->gateway, jstr(c, "Gateway"), sizeof d->gateway);
            }
        }
    }
}

/* Runs Ollama: the image or the command says so (ollama/ollama, a build
 * of it, or "ollama serve"), but not this tool. */
static int runs_ollama(const char *image, const char *command)
{
    char both[400];
    snprintf(both, sizeof both, "%s %s", image, command);
    for (char *p = both; *p; p++)
        *p = (char)(*p >= 'A' && *p <= 'Z' ? *p + 32 : *p);
    return strstr(both, "ollama") && !strstr(both, "ollama-doctor");
}

static void parse_container(struct od_dcontainer *c, const cJSON *j)
{
    const cJSON *names = jget(j, "Names"), *first = cJSON_GetArrayItem(names, 0), *it;
    const char *name = cJSON_IsString(first) && first->valuestring ? first->valuestring : "";
    memset(c, 0, sizeof *c);
    od_strlcpy(c->name, name + (name[0] == '/'), sizeof c->name);
    short_id(jstr(j, "Id"), c->id, sizeof c->id);
    od_strlcpy(c->image, jstr(j, "Image"), sizeof c->image);
    od_strlcpy(c->command, jstr(j, "Command"), sizeof c->command);
    od_strlcpy(c->network_mode, jstr(jget(j, "HostConfig"), "NetworkMode"), sizeof c->network_mode);
    od_strlcpy(c->service, jstr(jget(j, "Labels"), "com.docker.compose.service"), sizeof c->service);
    od_strlcpy(c->project, jstr(jget(j, "Labels"), "com.docker.compose.project"), sizeof c->project);
    c->ollama = runs_ollama(c->image, c->command);
    cJSON_ArrayForEach(it, jget(jget(j, "NetworkSettings"), "Networks"))
    {
        struct od_dcnet *n;
        if (c->nnets >= OD_ENGINE_MAX_CNETS || !it->string)
            break;
        n = &c->nets[c->nnets++];
        od_strlcpy(n->name, it->string, sizeof n->name);
        od_strlcpy(n->ip, jstr(it, "IPAddress"), sizeof n->ip);
        od_strlcpy(n->gateway, jstr(it, "Gateway"), sizeof n->gateway);
    }
    cJSON_ArrayForEach(it, jget(j, "Ports"))
    {
        struct od_dport *p;
        if (!jint(it, "PublicPort"))
            continue;
        if (c->nports >= OD_ENGINE_MAX_PORTS)
            break;
        p = &c->ports[c->nports++];
        od_strlcpy(p->host_ip, jstr(it, "IP")[0] ? jstr(it, "IP") : "0.0.0.0", sizeof p->host_ip);
        p->host_port = jint(it, "PublicPort");
        p->container_port = jint(it, "PrivatePort");
    }
}

void od_engine_parse_containers(struct od_engine *e, const cJSON *list)
{
    const cJSON *j;
    size_t n = (size_t)cJSON_GetArraySize(list);
    if (!cJSON_IsArray(list) || n == 0)
        return;
    if (n > OD_ENGINE_MAX_CONTAINERS)
        n = OD_ENGINE_MAX_CONTAINERS;
    free(e->cs);
    e->ncs = 0;
    if (!(e->cs = calloc(n, sizeof *e->cs)))
        return;
    cJSON_ArrayForEach(j, list)
    {
        if (e->ncs >= n)
            break;
        if (cJSON_IsObject(j))
            parse_container(&e->cs[e->ncs++], j);
    }
}

void od_engine_read(struct od_engine *e, const char *docker_host, int timeout_ms)
{
    struct od_docker d;
    cJSON *nets, *cs;
    memset(e, 0, sizeof *e);
    if (od_docker_open(&d, docker_host, timeout_ms, e->why, sizeof e->why) != 0)
        return;
    e->available = 1;
    od_strlcpy(e->socket, d.socket, sizeof e->socket);
    od_strlcpy(e->server, d.server, sizeof e->server);
    if ((nets = od_docker_get(&d, "/networks", e->why, sizeof e->why)))
        od_engine_parse_networks(e, nets);
    if ((cs = od_docker_get(&d, "/containers/json", e->why, sizeof e->why)))
        od_engine_parse_containers(e, cs);
    cJSON_Delete(nets);
    cJSON_Delete(cs);
}

void od_engine_free(struct od_engine *e)
{
    free(e->cs);
    e->cs = NULL;
    e->ncs = 0;
}

const struct od_dcontainer *od_engine_container_by_ip(const struct od_engine *e, const char *addr)
{
    for (size_t i = 0; i < e->ncs; i++)
        for (size_t k = 0; k < e->cs[i].nnets; k++)
            if (e->cs[i].nets[k].ip[0] && strcmp(e->cs[i].nets[k].ip, addr) == 0)
                return &e->cs[i];
    return NULL;
}

const struct od_dcontainer *od_engine_container_by_name(const struct od_engine *e, const char *name)
{
    if (name[0] == '/')
        name++;
    for (size_t i = 0; i < e->ncs; i++)
    {
        size_t l = strlen(name);
        if (strcmp(e->cs[i].name, name) == 0 || (l >= 4 && strncmp(e->cs[i].id, name, l < 12 ? l : 12) == 0))
            return &e->cs[i];
    }
    return NULL;
}

int od_engine_share_network(const struct od_dcontainer *a, const struct od_dcontainer *b)
{
    for (size_t i = 0; i < a->nnets; i++)
        for (size_t k = 0; k < b->nnets; k++)
            if (strcmp(a->nets[i].name, b->nets[k].name) == 0)
                return 1;
    return 0;
}

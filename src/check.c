/* check — one diagnosis as typed facts; combined mode enters the target's
 * network namespace with setns and comes back. */
#include "check.h"

#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>

extern char **environ;

/* Ports Ollama was found listening on (host side) become candidates' ports. */
static void host_ports(const struct od_hostfacts *hf, struct od_facts *f)
{
    for (size_t i = 0; i < hf->nlisteners; i++) {
        const struct od_host_listener *l = &hf->listeners[i];
        const struct od_dcontainer *c = l->owner.kind == OD_OWNER_DOCKER_PROXY
                                            ? od_engine_container_by_ip(&hf->engine, l->owner.proxy_to) : NULL;
        if (l->owner.kind == OD_OWNER_OLLAMA || (c && c->ollama))
            od_facts_add_port(f, l->l.port);
    }
}

static int left_ms(const struct od_check *c)
{
    double left = c->deadline - od_now_ms();
    return left < 1 ? 0 : (int)left;
}

/* In the current network namespace: facts, candidates, probes, classes,
 * the situation and the model. */
static enum od_err here(struct od_check *c, const struct od_opts *o, const struct od_paths *p, const struct od_env *env,
                        char *why, size_t whylen)
{
    struct od_sit_in in;
    if (od_facts_discover(o, p, env, &c->f) != 0) {
        snprintf(why, whylen, "out of memory while reading facts");
        return OD_ERR_NOMEM;
    }
    if (!c->has_target && !c->f.in_container) {
        c->has_host = 1;
        od_hostfacts_read(&c->hf, &c->f, left_ms(c));
    }
    if (c->has_host)
        host_ports(&c->hf, &c->f);
    if (od_cands_build(o, &c->f, &c->cands) != 0) {
        snprintf(why, whylen, "out of memory while building candidates");
        return OD_ERR_NOMEM;
    }
    if (od_probe_run(&c->cands, &c->f, o, c->deadline, &c->run, why, whylen) != 0)
        return OD_ERR_LIB;
    od_classify(&c->run);
    in = (struct od_sit_in){o, &c->f, c->has_host ? od_check_host_facts(c) : NULL, c->has_host ? &c->hf : NULL,
                            c->has_target ? &c->t : NULL, &c->run};
    if (od_situation_build(&in, &c->sit, &c->out) != 0) {
        snprintf(why, whylen, "out of memory while reading the situation");
        return OD_ERR_NOMEM;
    }
    if (o->model && c->out.best)
        od_model_check(o, c->out.best, c->out.base_url, c->deadline, &c->model);
    return OD_OK;
}

/* The target's environment as an environ-style array (borrowed strings). */
static char **target_environ(const struct od_target *t)
{
    char **vars = calloc(t->env.n + 1, sizeof *vars);
    for (size_t i = 0; vars && i < t->env.n; i++)
        vars[i] = t->env.v[i];
    return vars;
}

static enum od_err combined(struct od_check *c, char *why, size_t whylen)
{
    struct od_opts oh = *c->o, oc = *c->o;
    struct od_env host_env = {environ}, env;
    struct od_paths p = od_paths_live;
    enum od_err e;
    char **vars = NULL;
    int self = -1, target = -1;

    if ((e = od_target_resolve(c->o, &c->t, why, whylen)) != OD_OK)
        return e;
    c->has_target = c->has_host = 1;
    oh.vantage = OD_VANTAGE_HOST;
    if (od_facts_discover(&oh, &od_paths_live, &host_env, &c->hostf) != 0) {
        snprintf(why, whylen, "out of memory while reading facts");
        return OD_ERR_NOMEM;
    }
    od_hostfacts_read(&c->hf, &c->hostf, left_ms(c));
    e = OD_ERR_INTERNAL;
    if (!(vars = target_environ(&c->t))) {
        snprintf(why, whylen, "out of memory");
        return OD_ERR_NOMEM;
    }
    self = open("/proc/thread-self/ns/net", O_RDONLY | O_CLOEXEC);
    target = open(c->t.netns_path, O_RDONLY | O_CLOEXEC);
    if (self < 0 || target < 0 || setns(target, CLONE_NEWNET) != 0) {
        snprintf(why, whylen, "cannot enter %s: %s", c->t.netns_path, strerror(errno));
        goto out;
    }
    oc.vantage = OD_VANTAGE_CONTAINER;
    p.root = c->t.root;
    p.hosts = c->t.hosts;
    p.resolv = c->t.resolv;
    p.route4 = "/proc/thread-self/net/route"; /* now the target's */
    p.route6 = "/proc/thread-self/net/ipv6_route";
    env.vars = vars;
    e = here(c, &oc, &p, &env, why, whylen);
    if (setns(self, CLONE_NEWNET) != 0) {
        /* Never carry on in the wrong namespace. */
        fprintf(stderr, "ollama-doctor: cannot return to the host's network namespace: %s\n", strerror(errno));
        _exit(3);
    }
out:
    if (self >= 0)
        close(self);
    if (target >= 0)
        close(target);
    free(vars);
    return e;
}

enum od_err od_check_run(const struct od_opts *o, struct od_check *c, char *why, size_t whylen)
{
    struct od_env env = {environ};
    struct rusage ru;
    enum od_err e;
    memset(c, 0, sizeof *c);
    c->o = o;
    c->started = od_now_ms();
    c->deadline = c->started + o->timeout_ms * 1.1;
    if (o->container || o->pid || o->netns) {
        e = combined(c, why, whylen);
    } else { /* whose environment the app's proxies come from: a sidecar's is not the app's */
        od_appenv_resolve(&c->ae, environ, o->timeout_ms);
        env.vars = c->ae.envp;
        e = here(c, o, &od_paths_live, &env, why, whylen);
    }
    if (e == OD_OK && c->has_host)
        od_hostfacts_read_services(&c->hf, c->f.port, left_ms(c));
    c->elapsed_ms = od_now_ms() - c->started;
    if (getrusage(RUSAGE_SELF, &ru) == 0)
        c->max_rss_kb = ru.ru_maxrss;
    return e;
}

const struct od_facts *od_check_host_facts(const struct od_check *c)
{
    return c->has_target ? &c->hostf : &c->f;
}

void od_check_free(struct od_check *c)
{
    od_situation_free(&c->sit);
    od_model_free(&c->model);
    if (c->ae.source)
        od_appenv_free(&c->ae);
    od_run_free(&c->run);
    od_cands_free(&c->cands);
    od_hostfacts_free(&c->hf);
    if (c->has_target)
        od_target_free(&c->t);
    od_facts_free(&c->hostf);
    od_facts_free(&c->f);
    memset(c, 0, sizeof *c);
}

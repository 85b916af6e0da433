/* hostfacts — what only the host can see (Linux, read-only): who owns the
 * listening socket and with which OLLAMA_HOST, the systemd unit's
 * Environment and drop-ins, firewall front-ends, Docker bridges, and the
 * proxies Docker injects into containers. */
#ifndef OD_HOSTFACTS_H
#define OD_HOSTFACTS_H

#include <cjson/cJSON.h>

#include "facts.h"

/* Build context.host from facts read on the host (f: vantage host). Every
 * part that cannot be read is null. */
cJSON *od_hostfacts_json(const struct od_facts *f, int timeout_ms);

#endif

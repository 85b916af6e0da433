/* mcp — `ollama-doctor mcp`: the Model Context Protocol over stdio
 * (newline-delimited JSON-RPC 2.0) for AI agents that troubleshoot on a
 * user's behalf. Tools check, explain and bundle run the same pipeline as the
 * command line; their input schemas follow the option table (opts.c). */
#ifndef OD_MCP_H
#define OD_MCP_H

#include <stddef.h>

#include "opts.h"

/* Protocol versions this server speaks, newest first. */
#define OD_MCP_PROTOCOL_LATEST "2025-11-25"

struct od_mcp {
    const struct od_opts *server; /* options after `mcp`: defaults for every tool call */
    int initialized;              /* initialize answered */
    char protocol[16];            /* the version agreed on */
};

/* One message (a line, without its newline) in; the reply out, as
 * malloc'd JSON text without a newline, or NULL when there is nothing to
 * send (a notification, a response, a blank line). */
char *od_mcp_handle(struct od_mcp *m, const char *line, size_t len);

/* Whether an agent may name host (a URL's or candidate's host, no brackets)
 * as a target: loopback, private (RFC 1918, fc00::/7), link-local and
 * unspecified addresses; single-label names (compose services, "ollama",
 * "localhost"); names under .localhost, .internal (host.docker.internal,
 * host.containers.internal, ...), .local (mDNS, cluster.local) and .svc. */
int od_mcp_host_allowed(const char *host);

/* Serve on stdin/stdout until stdin ends. Only protocol messages reach
 * stdout (fd 1 is pointed at stderr while serving); returns 0, or 3 when
 * stdout cannot be written. */
int od_cmd_mcp(const struct od_opts *o);

#endif

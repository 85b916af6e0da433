/* mcp_tools — the tools the MCP server (mcp.c) offers. */
#ifndef OD_MCP_TOOLS_H
#define OD_MCP_TOOLS_H

#include <cjson/cJSON.h>
#include <stddef.h>

#include "mcp.h"

struct od_mcp_tool;

/* tools/list's "tools": name, title, description, inputSchema, outputSchema,
 * annotations of each. */
cJSON *od_mcp_tools_json(void);
/* The tool of that name, or NULL. */
const struct od_mcp_tool *od_mcp_tool_find(const char *name);
/* Run t with args (an object): its document (structuredContent), or NULL
 * with why, one sentence ending in a period, for the agent to read. */
cJSON *od_mcp_tool_run(const struct od_mcp *m, const struct od_mcp_tool *t, const cJSON *args, char *why, size_t n);

#endif

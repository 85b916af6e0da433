/* opts — the command line: the only global-ish state, filled once, read everywhere. */
#ifndef OD_OPTS_H
#define OD_OPTS_H

#include <stdio.h>
#include "err.h"
#include "i18n.h"
#include "util.h"

enum od_cmd {
    OD_CMD_CHECK, OD_CMD_EXPLAIN, OD_CMD_BUNDLE, OD_CMD_RULES, OD_CMD_MCP, OD_CMD_COMPLETION, OD_CMD_HELP, OD_CMD_VERSION
};
enum od_format { OD_FMT_TEXT, OD_FMT_JSON, OD_FMT_MARKDOWN };
enum od_color { OD_COLOR_AUTO, OD_COLOR_ALWAYS, OD_COLOR_NEVER };
enum od_vantage { OD_VANTAGE_AUTO, OD_VANTAGE_HOST, OD_VANTAGE_CONTAINER };
enum od_severity { OD_SEV_INFO, OD_SEV_WARNING, OD_SEV_ERROR };

#define OD_DEFAULT_PORT 11434
#define OD_DEFAULT_TIMEOUT_MS 2000

struct od_opts {
    enum od_cmd cmd;
    struct od_strv urls;       /* -u/--url, as typed */
    struct od_strv host_ips;   /* --host-ip */
    struct od_strv candidates; /* --candidates, split on commas */
    int candidates_set;
    char *model;
    char *model_type;          /* "chat" | "embedding" */
    int port;                  /* 0: not given */
    int timeout_ms;
    enum od_vantage vantage;
    char *os;                  /* auto|linux|macos|windows */
    enum od_format format;
    enum od_color color;
    char *rules_dir;
    char *container;           /* --container NAME|ID|auto */
    int pid;                   /* --pid */
    char *netns;               /* --netns NAME */
    enum od_severity fail_on;
    int verbose, quiet;
    int deep;                  /* --deep: one load-only request for --model */
    int batch;                 /* explain --batch: NUL-separated texts on stdin, JSON Lines out */
    char *app;                 /* --app NAME (NULL: dify) */
    char *lang;                /* --lang en|ja|zh (NULL: from the locale) */
    char *output;              /* bundle -o FILE */
    int force;                 /* bundle --force: overwrite */
    int allow_any_target;      /* mcp --allow-any-target */
    struct od_strv args;       /* positional arguments after the command */
};

/* The one table of options: getopt, --help, the shell completions and the
 * MCP tools' input schemas all follow it. argname is NULL for a flag; a
 * value list is written "a|b|c". */
typedef int (*od_optfn)(struct od_opts *o, const char *arg, char *why, size_t n);
struct od_optdef {
    const char *name;
    int has_arg;
    int shortopt;
    od_optfn fn;
    const char *argname;
    const char *help;
};
const struct od_optdef *od_optdefs(size_t *n);
const struct od_optdef *od_optdef_find(const char *name);

/* The commands, in the order --help lists them. */
struct od_cmddef {
    const char *word;
    enum od_cmd cmd;
    const char *args; /* synopsis after the word */
    const char *help;
};
const struct od_cmddef *od_cmddefs(size_t *n);

/* Fill o from argv. On a usage error returns OD_ERR_USAGE with one line in
 * why ("--port: 70000 is out of range 1-65535"). o is always safe to free. */
enum od_err od_opts_parse(int argc, char **argv, struct od_opts *o, char *why, size_t whylen);
void od_opts_free(struct od_opts *o);
void od_opts_usage(FILE *fp, enum od_lang l);
const char *od_vantage_name(enum od_vantage v);

#endif

/* main — ollama-doctor: parse the command line, run the subcommand. */
#include <cjson/cJSON.h>
#include <stdio.h>
#include <string.h>

#include "bundle.h"
#include "commands.h"
#include "completion.h"
#include "mcp.h"
#include "err.h"
#include "opts.h"
#include "report.h"
#include "version.h"

/* Before the options are parsed we still want errors in the right format. */
static int wants_json(int argc, char **argv)
{
    for (int i = 1; i < argc; i++)
        if (strcmp(argv[i], "--json") == 0 || strcmp(argv[i], "--format=json") == 0 ||
            (strcmp(argv[i], "--format") == 0 && i + 1 < argc && strcmp(argv[i + 1], "json") == 0))
            return 1;
    return 0;
}

static int cmd_help(const struct od_opts *o)
{
    od_opts_usage(stdout, od_lang_pick(o->lang, NULL));
    return OD_EXIT_OK;
}

static int cmd_version(const struct od_opts *o)
{
    cJSON *doc = od_version_doc();
    int rc = doc && od_report_emit(o, OD_DOC_VERSION, doc) == 0 ? OD_EXIT_OK : OD_EXIT_INTERNAL;
    cJSON_Delete(doc);
    return rc;
}

static const struct {
    enum od_cmd cmd;
    int (*run)(const struct od_opts *o);
} dispatch[] = {
    {OD_CMD_CHECK, od_cmd_check}, {OD_CMD_EXPLAIN, od_cmd_explain}, {OD_CMD_BUNDLE, od_cmd_bundle},
    {OD_CMD_RULES, od_cmd_rules}, {OD_CMD_MCP, od_cmd_mcp},         {OD_CMD_COMPLETION, od_cmd_completion},
    {OD_CMD_HELP, cmd_help},      {OD_CMD_VERSION, cmd_version},
};

int main(int argc, char **argv)
{
    struct od_opts o;
    char why[512];
    int rc = OD_EXIT_INTERNAL;
    enum od_err e = od_opts_parse(argc, argv, &o, why, sizeof why);

    if (e != OD_OK) {
        rc = od_fail(e, why, wants_json(argc, argv));
        od_opts_free(&o);
        return rc;
    }
    for (size_t i = 0; i < sizeof dispatch / sizeof dispatch[0]; i++)
        if (dispatch[i].cmd == o.cmd)
            rc = dispatch[i].run(&o);
    od_opts_free(&o);
    return rc;
}

/* completion — `ollama-doctor completion bash|zsh|fish`: a shell completion
 * script generated from the option and command tables (opts.c), so that
 * getopt, --help and the completions cannot disagree. */
#ifndef OD_COMPLETION_H
#define OD_COMPLETION_H

#include <stdio.h>

#include "opts.h"

/* Write the script for shell ("bash", "zsh", "fish") to fp; 0, or -1 for
 * another shell or a write error. */
int od_completion_write(FILE *fp, const char *shell);

int od_cmd_completion(const struct od_opts *o);

#endif

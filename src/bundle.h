/* bundle — `ollama-doctor bundle [-o FILE] [--force]`: run the check and
 * write a .tar.gz for a bug report: manifest.json (version, redacted argv,
 * UTC times, per file size/sha256/truncated/source), the report as JSON,
 * Markdown and text, the raw facts, host-side extras, and Ollama's
 * /api/version, /api/tags, /api/ps. Every file goes through one redaction
 * pass (redact.h) and the per-file and total caps; see docs/bundle.md. */
#ifndef OD_BUNDLE_H
#define OD_BUNDLE_H

#include "opts.h"

#define OD_BUNDLE_FILE_CAP (2u << 20)   /* bytes kept of one file */
#define OD_BUNDLE_TOTAL_CAP (20u << 20) /* bytes kept of all files */
#define OD_BUNDLE_HTTP_CAP (1u << 20)   /* body of one Ollama API answer */

/* Exit status: the check's (0 or 1) when the bundle was written; 2 when the
 * output exists (without --force) or cannot be created; 3 on other errors. */
int od_cmd_bundle(const struct od_opts *o);

/* The same without printing: run the check, write the bundle, and return the
 * listing {schema_version, bundle, path (absolute), directory, bytes,
 * files[{name, size, truncated}], skipped[], verdict, exit}, with *exit_code
 * the check's status; or NULL with the error in *err and one line in why. A
 * sidecar (OLLAMA_DOCTOR_SIDECAR set) refuses a path outside every mount:
 * it would be lost with the container. */
#include <cjson/cJSON.h>
#include "err.h"
cJSON *od_bundle_run(const struct od_opts *o, int *exit_code, enum od_err *err, char *why, size_t whylen);

#endif

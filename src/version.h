/* version — the --version document (see version.c). */
#ifndef OD_VERSION_H
#define OD_VERSION_H

#include <cjson/cJSON.h>

/* {schema_version, tool {name, version}, libraries [{name, version}],
 * linkage ("static" | "dynamic"), libc, build (string | null)}. */
cJSON *od_version_doc(void);

#endif

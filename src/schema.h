/* schema — the fact paths rules may name (docs/facts.md), for `rules lint`. */
#ifndef OD_SCHEMA_H
#define OD_SCHEMA_H

/* 1 when path (array indexes written as [] or as numbers) is a known fact:
 * a leaf, an object or an array. Prefix "$." is accepted. */
int od_schema_known(const char *path);
/* 1 when path names an array (what some/every/none/each iterate). */
int od_schema_is_array(const char *path);
/* Call fn for every known fact path, in the list's order ("[]" for each
 * element, ".*" for any key). */
void od_schema_each(void (*fn)(const char *path, void *arg), void *arg);

#endif

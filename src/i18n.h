/* i18n — the language of what people read (text and Markdown; JSON stays
 * English): chosen by --lang or LC_ALL / LC_MESSAGES / LANG, and a catalog
 * of the program's own sentences, keyed by their English text. Rule texts
 * are translated as data beside the rules (rules/i18n/<lang>/). */
#ifndef OD_I18N_H
#define OD_I18N_H

#include <stddef.h>

enum od_lang { OD_LANG_EN, OD_LANG_JA, OD_LANG_ZH, OD_LANG__COUNT };

/* --lang when given ("en", "ja", "zh"), else the locale variables of env
 * (an environ-style array; NULL: the process's). */
enum od_lang od_lang_pick(const char *flag, char *const *env);
const char *od_lang_code(enum od_lang l); /* "en", "ja", "zh" */
/* 0 and the language for a code, -1 for an unknown one. */
int od_lang_parse(const char *code, enum od_lang *out);

/* The catalog's translation of an English sentence or label, or the English
 * itself (so a missing entry shows English, never nothing). Format strings
 * keep their conversions in the same order in every language (a test checks). */
const char *od_tr(enum od_lang l, const char *en) __attribute__((format_arg(2)));

/* A value the program wrote in English for people ("the Docker host", "the
 * container ollama"), in language l: the catalog's entry, or an entry with
 * one "%s" whose text around it matches (the %s part kept as it is); else
 * the English. */
void od_tr_value(enum od_lang l, const char *en, char *buf, size_t n);

/* Iterate the catalog (for tests): returns the number of entries; fills the
 * three columns of entry i. */
unsigned od_tr_count(void);
void od_tr_entry(unsigned i, const char **en, const char **ja, const char **zh);

#endif

/* i18n_catalog — the program's own sentences and labels in every language
 * (data; i18n.c looks them up). */
#ifndef OD_I18N_CATALOG_H
#define OD_I18N_CATALOG_H

struct od_catalog_entry {
    const char *en, *ja, *zh;
};

extern const struct od_catalog_entry od_catalog[];
extern const unsigned od_catalog_n;

#endif

/* dct_table.c - dates per document (--dct-file): each document read
 * against its own creation date in a run over many documents. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/csvio.h"
#include "base/error.h"
#include "base/map.h"
#include "base/mem.h"
#include "base/vec.h"
#include "dossier.h"
#include "model/edtf.h"

struct dossier_dct_table {
    dx_map *by_name;      /* document as listed -> its row index + 1 */
    DX_VEC(long) lines;   /* per row: its line in the file */
    DX_VEC(char *) dates; /* per row: "YYYY-MM-DD", in the arena */
    dx_arena arena;
};

typedef struct {
    dossier_dct_table *t;
} load_ctx;

static int valid_day(const char *s)
{
    int y, m, d;
    char tail;
    return strlen(s) == 10 && s[4] == '-' && s[7] == '-' &&
           sscanf(s, "%4d-%2d-%2d%c", &y, &m, &d, &tail) == 3 && y >= 1 && m >= 1 && m <= 12 && d >= 1 &&
           d <= dx_month_days(y, m);
}

static int on_row(void *ud, char **f, size_t nf, const char *file, long line, dossier_error *err)
{
    dossier_dct_table *t = ((load_ctx *)ud)->t;
    (void)nf;
    if (!f[0][0]) {
        dx_error_set(err, DOSSIER_EDATA, file, line, "expected a document name in the first column");
        return DOSSIER_EDATA;
    }
    if (!valid_day(f[1])) {
        dx_error_set(err, DOSSIER_EDATA, file, line, "expected a date YYYY-MM-DD, found '%s'", f[1]);
        return DOSSIER_EDATA;
    }
    size_t kl = strlen(f[0]);
    void *prev = dx_map_get(t->by_name, f[0], kl);
    if (prev) {
        dx_error_set(err, DOSSIER_EDATA, file, line, "document '%s' is listed twice (first on line %ld)",
                     f[0], t->lines.items[(size_t)(intptr_t)prev - 1]);
        return DOSSIER_EDATA;
    }
    DX_PUSH(t->lines, line);
    DX_PUSH(t->dates, dx_arena_strndup(&t->arena, f[1], 10));
    dx_map_put(t->by_name, f[0], kl, (void *)(intptr_t)t->dates.len);
    return 0;
}

static const char *lookup(const dossier_dct_table *t, const char *name, size_t n)
{
    void *v = dx_map_get(t->by_name, name, n);
    return v ? t->dates.items[(size_t)(intptr_t)v - 1] : NULL;
}

dossier_dct_table *dossier_dct_table_load(const char *path, dossier_error *err)
{
    static const char *const header[] = {"document", "date", NULL};
    dossier_dct_table *t = xcalloc(1, sizeof(*t));
    t->by_name = dx_map_new();
    dx_arena_init(&t->arena);
    load_ctx c = {t};
    if (dx_tsv_load(path, header, 2, on_row, &c, err) != 0) {
        dossier_dct_table_free(t);
        return NULL;
    }
    return t;
}

const char *dossier_dct_table_find(const dossier_dct_table *t, const char *path)
{
    if (!t || !path) return NULL;
    const char *d = lookup(t, path, strlen(path));
    if (d) return d;
    const char *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    if ((d = lookup(t, base, strlen(base))) != NULL) return d;
    const char *dot = strrchr(base, '.');
    return dot && dot > base ? lookup(t, base, (size_t)(dot - base)) : NULL;
}

void dossier_dct_table_free(dossier_dct_table *t)
{
    if (!t) return;
    dx_map_free(t->by_name);
    dx_arena_fini(&t->arena);
    DX_FREE(t->lines);
    DX_FREE(t->dates);
    free(t);
}

/* slurp.h - a whole file in memory, for the tests and the fuzz targets. */
#ifndef DOSSIER_SLURP_H
#define DOSSIER_SLURP_H
#include <stdio.h>

#include "base/buf.h"
#include "base/utf8.h"
#include "extract/read.h"
#include "extract/stages.h"

/* The bytes of path, NUL-terminated (caller frees), their count in *n;
 * NULL when it cannot be opened. */
static inline char *slurp(const char *path, size_t *n)
{
    FILE *fp = fopen(path, "rb");
    if (!fp) return NULL;
    dx_buf b;
    dx_buf_init(&b);
    char chunk[8192];
    size_t got;
    while ((got = fread(chunk, 1, sizeof(chunk), fp)) > 0) dx_buf_put(&b, chunk, got);
    fclose(fp);
    dx_buf_put(&b, "", 0);
    *n = b.len;
    return b.data;
}
#endif

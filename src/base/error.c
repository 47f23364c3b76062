/* error.c - error records: filled by the library, printed by the CLI. */
#include <stdarg.h>
#include <stdio.h>

#include "base/error.h"

void dx_error_set(dossier_error *err, int code, const char *file, long line,
                  const char *fmt, ...)
{
    if (!err) return;
    err->code = code;
    snprintf(err->file, sizeof(err->file), "%s", file ? file : "");
    err->line = line;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err->message, sizeof(err->message), fmt, ap);
    va_end(ap);
}

void dossier_error_format(const dossier_error *err, char *buf, size_t n)
{
    if (err->file[0] && err->line > 0)
        snprintf(buf, n, "%s:%ld: %s", err->file, err->line, err->message);
    else if (err->file[0])
        snprintf(buf, n, "%s: %s", err->file, err->message);
    else
        snprintf(buf, n, "%s", err->message);
}

/* error.h - filling the public error record (dossier_error): the library
 * never prints, it says what went wrong, where, and returns a code. */
#ifndef DOSSIER_BASE_ERROR_H
#define DOSSIER_BASE_ERROR_H

#include "dossier.h"

/* err may be NULL. file "" when no file is concerned, line 0 when none. */
void dx_error_set(dossier_error *err, int code, const char *file, long line,
                  const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 5, 6)))
#endif
    ;

#endif

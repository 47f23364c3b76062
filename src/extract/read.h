/* read.h - the readers: a file or a buffer decoded into the plain text that
 * every offset refers to (doc->text), whatever its format. */
#ifndef DOSSIER_EXTRACT_READ_H
#define DOSSIER_EXTRACT_READ_H

#include <stddef.h>

#include "base/buf.h"
#include "dossier.h"
#include "extract/doc.h"

/* read.c: decode a file (or a buffer, data borrowed) into doc->text and
 * doc->warning (what was repaired). 0, or an error code with err filled. */
int dx_read_file(const char *path, dx_doc *doc, dossier_error *err);
/* The same, the document called name in messages and outputs (its
 * extension picks the reader): for standard input, path "-". */
int dx_read_file_as(const char *path, const char *name, dx_doc *doc, dossier_error *err);
int dx_read_memory(const char *path, const char *data, size_t n, dx_doc *doc, dossier_error *err);
/* read_markup.c: HTML / XML text extraction through libxml2, appended to
 * out; meta_date (11 bytes) gets the document's date from its metadata
 * (HTML <meta name=date|DC.date|citation_date...>, <meta
 * property=article:published_time>, TEI <teiHeader> <date>) as
 * "YYYY-MM-DD", or "". */
int dx_markup_to_text(const char *path, const char *data, size_t n, int is_html,
                      dx_buf *out, char meta_date[11], dossier_error *err);

#endif

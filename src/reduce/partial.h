/* partial.h - the partial-result format (partial.c): documents' results as
 * tab-separated lines, for the shards of a corpus extracted in parts (the
 * spill of one run has its own format: spill.h).
 * Parsing takes a DX_PART_* set of what to parse: the other rows are only
 * counted (checked when a file is first read, skipped when a pass needs
 * none). */
#ifndef DOSSIER_PARTIAL_H
#define DOSSIER_PARTIAL_H

#include <stddef.h>

#include "base/buf.h"
#include "model/docresult.h"

/* The first line of a partial file. */
void dx_partial_header(dx_buf *b);
/* 0 when s (the first line) names this format and version, else EPARTIAL. */
int dx_partial_check_header(const char *s, const char *name, dossier_error *err);
/* Append one document's rows; returns the number of lines written. Without
 * DX_PART_EVENTS or DX_PART_COOCS in want, the document is written as if it
 * had none; entities and
 * mentions are always written. */
size_t dx_partial_encode(const dossier_docresult *r, unsigned want, dx_buf *b);
/* From a D row (line, len bytes): how many rows follow it. 0 if not a D row. */
int dx_partial_rows(const char *line, size_t len, size_t *rows);
/* Parse one document's rows in place: buf holds its D row and exactly the
 * rows that follow it; line is the D row's line in name (for errors).
 * Strings of r point into buf, which must outlive r; r's arrays are
 * allocated (and freed by dossier_docresult_free even on error). Entity
 * rows are always parsed (the others refer to them). */
int dx_partial_decode(char *buf, size_t len, const char *name, long line, unsigned want,
                      dossier_docresult *r, dossier_error *err);

#endif

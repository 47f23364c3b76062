/* spill.h - the spill's own format (spill.c): documents' results as
 * records of native integers and length-prefixed strings, written and read
 * back by the same run. Shards keep partial.c's text format (store.c and
 * shard.c pick the format by file: the spill is files[0]).
 *
 * A record is three parts, each readable without the next: the document
 * and its entities (documents.csv), then its mentions (mentions.csv), then
 * its events and co-occurrences (a merge). The byte lengths of the first
 * two come back from the encoder, for the caller to keep with the record. */
#ifndef DOSSIER_SPILL_H
#define DOSSIER_SPILL_H

#include <stddef.h>

#include "base/buf.h"
#include "model/docresult.h"

/* Where a record's parts end: bytes of the document and its entities, and
 * of its mentions. */
typedef struct {
    size_t head, ments;
} dx_spill_parts;

/* Append r's record to b (events and co-occurrences only when in want, as
 * dx_partial_encode); parts gets its parts' lengths. With a sink, what is
 * encoded goes to it every megabyte and at the end (b left empty); 0, or
 * -1 when the sink failed. */
typedef int (*dx_spill_sink)(const char *data, size_t n, void *ctx);
int dx_spill_encode(const dossier_docresult *r, unsigned want, dx_buf *b, dx_spill_sink sink, void *ctx,
                    dx_spill_parts *parts);
/* The bytes of a record a reader of want needs (a prefix of its length). */
size_t dx_spill_need(const dx_spill_parts *parts, size_t len, unsigned want);
/* Parse a record (or the prefix dx_spill_need gave for want) in place:
 * strings of r point into buf, which must outlive r. 0, or -1 when the
 * record is damaged. */
int dx_spill_decode(char *buf, size_t len, const dx_spill_parts *parts, unsigned want, dossier_docresult *r);

#endif

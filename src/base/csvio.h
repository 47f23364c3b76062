/* csvio.h - all CSV/TSV reading and writing, through libcsv (the only
 * file that includes <csv.h> is csvio.c). */
#ifndef DOSSIER_CSVIO_H
#define DOSSIER_CSVIO_H

#include <stddef.h>
#include <stdio.h>

#include "base/buf.h"
#include "dossier.h"

/* A CSV writer on a stdio stream. Fields are quoted by libcsv when they
 * contain a delimiter, a quote, a line break or edge spaces. A row is built
 * in the writer's own buffer (1 MB) and handed to stdio in one fwrite when
 * it ends (or when the buffer fills); with dx_csv_writer_init_buffered,
 * rows are held until the buffer fills and dx_csv_finish (or dx_csv_flush)
 * must be called at the end. dx_csv_finish frees the buffer; a writer left
 * before it (an error) calls dx_csv_writer_fini. */
#define DX_CSV_BUFSZ (1u << 20)
typedef struct {
    FILE *fp;
    int crlf;
    int nfield; /* fields written in the current row */
    int failed; /* a write failed */
    int hold;   /* keep whole rows in buf until it fills */
    size_t len; /* bytes in buf */
    char *buf;  /* DX_CSV_BUFSZ bytes */
} dx_csv_writer;

void dx_csv_writer_init(dx_csv_writer *w, FILE *fp, int crlf);
void dx_csv_writer_init_buffered(dx_csv_writer *w, FILE *fp, int crlf);
void dx_csv_writer_fini(dx_csv_writer *w);
/* Hand what is buffered to the stream; returns 0, or -1 when a write failed. */
int dx_csv_flush(dx_csv_writer *w);
/* A field of document text: a leading = + - @ TAB CR is neutralised with a
 * leading apostrophe so spreadsheets never run it as a formula. */
void dx_csv_text(dx_csv_writer *w, const char *s);
void dx_csv_textn(dx_csv_writer *w, const char *s, size_t n);
/* A field that is a number or date by contract: written as is. */
void dx_csv_raw(dx_csv_writer *w, const char *s);
void dx_csv_rawn(dx_csv_writer *w, const char *s, size_t n);
void dx_csv_int(dx_csv_writer *w, long long v);
/* n empty fields. */
void dx_csv_empty(dx_csv_writer *w, int n);
void dx_csv_end_row(dx_csv_writer *w);
/* A field, exactly as dx_csv_text (or dx_csv_raw when raw) would write it,
 * appended to out without the separating comma: for a cell written on many
 * rows, encoded once and put with dx_csv_encoded. */
void dx_csv_encode(dx_buf *out, const char *s, size_t n, int raw);
void dx_csv_encoded(dx_csv_writer *w, const char *field, size_t n);

/* Read a CSV file strictly; calls fn for each row (header included, line is
 * the 1-based line where the row starts). Returns 0 or an error code. */
typedef int (*dx_csv_row_fn)(void *ud, char **fields, size_t n, long line, dossier_error *err);
int dx_csv_read(const char *path, dx_csv_row_fn fn, void *ud, dossier_error *err);
int dx_csv_read_stream(FILE *fp, const char *name, dx_csv_row_fn fn, void *ud,
                       dossier_error *err);

/* A header row of the given column names (NULL-terminated), written as is. */
void dx_csv_header(dx_csv_writer *w, const char *const *cols);
/* dx_csv_flush, naming what (the output's file name) when it fails; then
 * dx_csv_writer_fini. */
int dx_csv_finish(dx_csv_writer *w, const char *what, dossier_error *err);

/* A TSV data file under entities/: header row, '#' comments, blank lines
 * skipped, fields split at tabs with the spaces around them trimmed (as
 * libcsv parses them with a tab delimiter and no quoting). The fields live
 * in the loader's buffer until the callback returns: keep copies. */
typedef int (*dx_tsv_row_fn)(void *ud, char **fields, size_t nfields,
                             const char *file, long line, dossier_error *err);
/* header: the expected column names (NULL-terminated); the file's header row
 * must start with them. Rows with fewer than min_fields fields are errors.
 * The file must be a regular file of at most DX_DATA_FILE_MAX bytes; lines
 * end at LF, CRLF or CR. Returns 0, or DOSSIER_EDATA / DOSSIER_EIO with err
 * filled. */
#define DX_DATA_FILE_MAX (512ull << 20)
int dx_tsv_load(const char *path, const char *const *header, size_t min_fields,
                dx_tsv_row_fn fn, void *ud, dossier_error *err);

#endif

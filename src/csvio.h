/* csvio.h - all CSV/TSV reading and writing, through libcsv. */
#ifndef DOSSIER_CSVIO_H
#define DOSSIER_CSVIO_H

#include "internal.h"

/* A CSV writer on a stdio stream. Fields are quoted by libcsv when they
 * contain a delimiter, a quote, a line break or edge spaces. */
typedef struct {
    FILE *fp;
    int crlf;
    int nfield; /* fields written in the current row */
    int failed; /* a write failed */
} dx_csv_writer;

void dx_csv_writer_init(dx_csv_writer *w, FILE *fp, int crlf);
/* A field of document text: a leading = + - @ TAB CR is neutralised with a
 * leading apostrophe so spreadsheets never run it as a formula. */
void dx_csv_text(dx_csv_writer *w, const char *s);
void dx_csv_textn(dx_csv_writer *w, const char *s, size_t n);
/* A field that is a number or date by contract: written as is. */
void dx_csv_raw(dx_csv_writer *w, const char *s);
void dx_csv_int(dx_csv_writer *w, long long v);
void dx_csv_end_row(dx_csv_writer *w);

/* Read a CSV file strictly; calls fn for each row (header included, line is
 * the 1-based line where the row starts). Returns 0 or an error code. */
typedef int (*dx_csv_row_fn)(void *ud, char **fields, size_t n, long line, dossier_error *err);
int dx_csv_read(const char *path, dx_csv_row_fn fn, void *ud, dossier_error *err);
int dx_csv_read_stream(FILE *fp, const char *name, dx_csv_row_fn fn, void *ud,
                       dossier_error *err);
/* The same from byte offset start of fp, the callback also getting each
 * row's byte offset. A callback returning DX_CSV_STOP ends the read with 0. */
#define DX_CSV_STOP (-100)
typedef int (*dx_csv_row_off_fn)(void *ud, char **fields, size_t n, long line, long long offset,
                                 dossier_error *err);
int dx_csv_read_at(FILE *fp, const char *name, long long start, dx_csv_row_off_fn fn, void *ud,
                   dossier_error *err);

#endif

/* csvio.c - TSV data files and CSV outputs through libcsv (the only file
 * that includes <csv.h>). */
#include <csv.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "csvio.h"

/* ---------------------------------------------------------------- writing */

void dx_csv_writer_init(dx_csv_writer *w, FILE *fp, int crlf)
{
    w->fp = fp;
    w->crlf = crlf;
    w->nfield = 0;
    w->failed = 0;
}

static int needs_quotes(const char *s, size_t n)
{
    if (n == 0) return 0;
    if (s[0] == ' ' || s[n - 1] == ' ') return 1;
    for (size_t i = 0; i < n; i++)
        if (s[i] == ',' || s[i] == '"' || s[i] == '\n' || s[i] == '\r') return 1;
    return 0;
}

static void put_field(dx_csv_writer *w, const char *prefix, const char *s, size_t n)
{
    if (w->nfield++ && fputc(',', w->fp) == EOF) w->failed = 1;
    size_t pl = prefix ? strlen(prefix) : 0;
    if (pl || needs_quotes(s, n)) {
        if (pl) {
            /* libcsv quotes one buffer: join prefix and text */
            char *t = xmalloc(pl + n);
            memcpy(t, prefix, pl);
            memcpy(t + pl, s, n);
            if (needs_quotes(t, pl + n)) {
                if (csv_fwrite(w->fp, t, pl + n) != 0) w->failed = 1;
            } else if (fwrite(t, 1, pl + n, w->fp) != pl + n) {
                w->failed = 1;
            }
            free(t);
        } else if (csv_fwrite(w->fp, s, n) != 0) {
            w->failed = 1;
        }
    } else if (n && fwrite(s, 1, n, w->fp) != n) {
        w->failed = 1;
    }
}

void dx_csv_textn(dx_csv_writer *w, const char *s, size_t n)
{
    int formula = n > 0 && (s[0] == '=' || s[0] == '+' || s[0] == '-' || s[0] == '@' ||
                            s[0] == '\t' || s[0] == '\r');
    put_field(w, formula ? "'" : NULL, s, n);
}

void dx_csv_text(dx_csv_writer *w, const char *s) { dx_csv_textn(w, s ? s : "", s ? strlen(s) : 0); }

void dx_csv_raw(dx_csv_writer *w, const char *s) { put_field(w, NULL, s ? s : "", s ? strlen(s) : 0); }

void dx_csv_int(dx_csv_writer *w, long long v)
{
    char t[32];
    snprintf(t, sizeof(t), "%lld", v);
    put_field(w, NULL, t, strlen(t));
}

void dx_csv_end_row(dx_csv_writer *w)
{
    if (fputs(w->crlf ? "\r\n" : "\n", w->fp) == EOF) w->failed = 1;
    w->nfield = 0;
}

/* ---------------------------------------------------------------- reading */

typedef struct {
    DX_VEC(char *) fields;
    long line, row_line;
    long long line_off, row_off; /* byte offsets of the current line and row */
    int in_row;
    int stop;
    int status;
    dossier_error *err;
    void *ud;
    dx_csv_row_fn fn;
    dx_csv_row_off_fn fn_off;
} csv_reader;

static void on_field(void *s, size_t n, void *ud)
{
    csv_reader *r = ud;
    if (!r->in_row) {
        r->in_row = 1;
        r->row_line = r->line;
        r->row_off = r->line_off;
    }
    DX_PUSH(r->fields, xstrndup(s ? s : "", s ? n : 0));
}

static void clear_fields(csv_reader *r)
{
    for (size_t i = 0; i < r->fields.len; i++) free(r->fields.items[i]);
    r->fields.len = 0;
}

static void on_row(int c, void *ud)
{
    (void)c;
    csv_reader *r = ud;
    if (!r->stop) {
        long line = r->in_row ? r->row_line : r->line;
        int st = r->fn_off ? r->fn_off(r->ud, r->fields.items, r->fields.len, line,
                                       r->in_row ? r->row_off : r->line_off, r->err)
                           : r->fn(r->ud, r->fields.items, r->fields.len, line, r->err);
        if (st) {
            r->stop = 1;
            r->status = st;
        }
    }
    clear_fields(r);
    r->in_row = 0;
}

static int read_rows(FILE *fp, const char *name, long long start, dx_csv_row_fn fn,
                     dx_csv_row_off_fn fn_off, void *ud, dossier_error *err)
{
    struct csv_parser p;
    if (csv_init(&p, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL) != 0) {
        dx_error_set(err, DOSSIER_EIO, name, 0, "cannot initialise the CSV parser");
        return DOSSIER_EIO;
    }
    csv_reader r = {0};
    r.fn = fn;
    r.fn_off = fn_off;
    r.ud = ud;
    r.err = err;
    r.line_off = start;
    char *line = NULL;
    size_t cap = 0;
    ssize_t got;
    int status = 0;
    long long next_off = start;
    while (!r.stop && (got = getline(&line, &cap, fp)) > 0) {
        r.line++;
        r.line_off = next_off;
        next_off += got;
        if (csv_parse(&p, line, (size_t)got, on_field, on_row, &r) != (size_t)got) {
            dx_error_set(err, DOSSIER_EDATA, name, r.line, "malformed CSV: %s",
                         csv_strerror(csv_error(&p)));
            status = DOSSIER_EDATA;
            break;
        }
    }
    if (!status && !r.stop && csv_fini(&p, on_field, on_row, &r) != 0) {
        dx_error_set(err, DOSSIER_EDATA, name, r.line, "malformed CSV at end of file: %s",
                     csv_strerror(csv_error(&p)));
        status = DOSSIER_EDATA;
    }
    if (!status && r.stop) status = r.status == DX_CSV_STOP ? 0 : r.status;
    if (!status && ferror(fp)) {
        dx_error_set(err, DOSSIER_EIO, name, 0, "read error: %s", strerror(errno));
        status = DOSSIER_EIO;
    }
    free(line);
    clear_fields(&r);
    DX_FREE(r.fields);
    csv_free(&p);
    return status;
}

int dx_csv_read_stream(FILE *fp, const char *name, dx_csv_row_fn fn, void *ud, dossier_error *err)
{
    return read_rows(fp, name, 0, fn, NULL, ud, err);
}

int dx_csv_read_at(FILE *fp, const char *name, long long start, dx_csv_row_off_fn fn, void *ud,
                   dossier_error *err)
{
    if (fseeko(fp, (off_t)start, SEEK_SET) != 0) {
        dx_error_set(err, DOSSIER_EIO, name, 0, "cannot seek: %s", strerror(errno));
        return DOSSIER_EIO;
    }
    return read_rows(fp, name, start, NULL, fn, ud, err);
}

int dx_csv_read(const char *path, dx_csv_row_fn fn, void *ud, dossier_error *err)
{
    FILE *fp = fopen(path, "rb");
    if (!fp) {
        dx_error_set(err, DOSSIER_EIO, path, 0, "cannot open: %s", strerror(errno));
        return DOSSIER_EIO;
    }
    int st = dx_csv_read_stream(fp, path, fn, ud, err);
    fclose(fp);
    return st;
}

/* ---------------------------------------------------------------- TSV data files */

typedef struct {
    DX_VEC(char *) fields;
} tsv_row;

static void tsv_field(void *s, size_t n, void *ud)
{
    tsv_row *r = ud;
    DX_PUSH(r->fields, xstrndup(s ? s : "", s ? n : 0));
}

static int valid_utf8(const char *s, size_t n)
{
    size_t i = 0;
    while (i < n) {
        size_t before = i;
        uint32_t cp = dx_utf8_next(s, n, &i);
        if (cp == 0xFFFD && !(i - before == 3 && (unsigned char)s[before] == 0xEF)) return 0;
    }
    return 1;
}

static void trim(char *s)
{
    size_t n = strlen(s);
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\r')) s[--n] = '\0';
    size_t k = 0;
    while (s[k] == ' ') k++;
    if (k) memmove(s, s + k, n - k + 1);
}

int dx_tsv_load(const char *path, const char *const *header, size_t min_fields,
                dx_tsv_row_fn fn, void *ud, dossier_error *err)
{
    FILE *fp = fopen(path, "rb");
    if (!fp) {
        dx_error_set(err, DOSSIER_EIO, path, 0, "cannot open: %s", strerror(errno));
        return DOSSIER_EIO;
    }
    char *line = NULL;
    size_t cap = 0;
    ssize_t got;
    long lineno = 0;
    int seen_header = 0, status = 0;
    tsv_row row = {0};
    while ((got = getline(&line, &cap, fp)) > 0) {
        lineno++;
        size_t n = (size_t)got;
        char *s = line;
        if (lineno == 1 && n >= 2 &&
            (memcmp(s, "\xFF\xFE", 2) == 0 || memcmp(s, "\xFE\xFF", 2) == 0)) {
            dx_error_set(err, DOSSIER_EDATA, path, lineno,
                         "expected UTF-8 text, found UTF-16 (Excel's 'Unicode Text'): save the "
                         "file as UTF-8 ('Tab delimited', 'CSV UTF-8' or a text editor)");
            status = DOSSIER_EDATA;
            break;
        }
        if (lineno == 1 && n >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0) {
            s += 3;
            n -= 3;
        }
        while (n && (s[n - 1] == '\n' || s[n - 1] == '\r')) n--;
        s[n] = '\0';
        if (memchr(s, '\0', n) || strlen(s) != n) {
            dx_error_set(err, DOSSIER_EDATA, path, lineno,
                         "expected text, found a NUL byte (is this a binary file?)");
            status = DOSSIER_EDATA;
            break;
        }
        size_t k = 0;
        while (k < n && (s[k] == ' ' || s[k] == '\t')) k++;
        if (k == n || s[k] == '#') continue;
        if (!valid_utf8(s, n)) {
            dx_error_set(err, DOSSIER_EDATA, path, lineno,
                         "expected UTF-8 text (save the file as UTF-8, not as a legacy code page)");
            status = DOSSIER_EDATA;
            break;
        }
        struct csv_parser p;
        csv_init(&p, CSV_APPEND_NULL);
        csv_set_delim(&p, '\t');
        csv_set_quote(&p, '\0');
        row.fields.len = 0;
        csv_parse(&p, s, n, tsv_field, NULL, &row);
        csv_fini(&p, tsv_field, NULL, &row);
        csv_free(&p);
        for (size_t i = 0; i < row.fields.len; i++) trim(row.fields.items[i]);
        if (!seen_header) {
            seen_header = 1;
            for (size_t i = 0; header && header[i]; i++) {
                if (i >= row.fields.len || strcasecmp(row.fields.items[i], header[i]) != 0) {
                    dx_buf want;
                    dx_buf_init(&want);
                    for (size_t j = 0; header[j]; j++) {
                        if (j) dx_buf_puts(&want, "<TAB>");
                        dx_buf_puts(&want, header[j]);
                    }
                    dx_error_set(err, DOSSIER_EDATA, path, lineno,
                                 "expected the header row '%s'", want.data);
                    dx_buf_fini(&want);
                    status = DOSSIER_EDATA;
                    break;
                }
            }
        } else if (row.fields.len < min_fields) {
            dx_error_set(err, DOSSIER_EDATA, path, lineno,
                         "expected at least %zu tab-separated fields, found %zu", min_fields,
                         row.fields.len);
            status = DOSSIER_EDATA;
        } else {
            status = fn(ud, row.fields.items, row.fields.len, path, lineno, err);
        }
        for (size_t i = 0; i < row.fields.len; i++) free(row.fields.items[i]);
        row.fields.len = 0;
        if (status) break;
    }
    if (!status && ferror(fp)) {
        dx_error_set(err, DOSSIER_EIO, path, 0, "read error: %s", strerror(errno));
        status = DOSSIER_EIO;
    }
    if (!status && !seen_header && header) {
        dx_error_set(err, DOSSIER_EDATA, path, lineno ? lineno : 1,
                     "expected a header row, found an empty file");
        status = DOSSIER_EDATA;
    }
    DX_FREE(row.fields);
    free(line);
    fclose(fp);
    return status;
}

/* csvio.c - CSV read and written through libcsv (the only file that
 * includes <csv.h>), and the TSV data files, split at tabs as libcsv would
 * split them (below, "TSV data files"). */
#include <csv.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/csvio.h"
#include "base/error.h"
#include "base/mem.h"
#include "base/utf8.h"
#include "base/vec.h"

/* ---------------------------------------------------------------- writing */

/* Fields are laid out in the writer's buffer; libcsv's csv_write does the
 * quoting into it (csv_fwrite would hand stdio one byte at a time). */

void dx_csv_writer_init(dx_csv_writer *w, FILE *fp, int crlf)
{
    w->fp = fp;
    w->crlf = crlf;
    w->nfield = 0;
    w->failed = 0;
    w->hold = 0;
    w->len = 0;
    w->buf = xmalloc(DX_CSV_BUFSZ);
}

void dx_csv_writer_fini(dx_csv_writer *w)
{
    free(w->buf);
    w->buf = NULL;
}

void dx_csv_writer_init_buffered(dx_csv_writer *w, FILE *fp, int crlf)
{
    dx_csv_writer_init(w, fp, crlf);
    w->hold = 1;
}

int dx_csv_flush(dx_csv_writer *w)
{
    if (w->len && fwrite(w->buf, 1, w->len, w->fp) != w->len) w->failed = 1;
    w->len = 0;
    return w->failed ? -1 : 0;
}

#ifdef __SSE2__
#include <emmintrin.h>
#endif

/* The bytes that make libcsv quote a field inside it: delimiter, quote,
 * line breaks. */
static const unsigned char quote_byte[256] = {['\n'] = 1, ['\r'] = 1, ['"'] = 1, [','] = 1};

/* libcsv's rule: a delimiter, a quote, a line break or an edge space. */
static int needs_quotes(const char *s, size_t n)
{
    if (n == 0) return 0;
    if (s[0] == ' ' || s[n - 1] == ' ') return 1;
    size_t i = 0;
#ifdef __SSE2__
    /* sixteen bytes at a time (a sentence), four compares each */
    const __m128i comma = _mm_set1_epi8(','), quote = _mm_set1_epi8('"'), lf = _mm_set1_epi8('\n'),
                  cr = _mm_set1_epi8('\r');
    for (; i + 16 <= n; i += 16) {
        __m128i v = _mm_loadu_si128((const __m128i *)(const void *)(s + i));
        __m128i hit = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, comma), _mm_cmpeq_epi8(v, quote)),
                                   _mm_or_si128(_mm_cmpeq_epi8(v, lf), _mm_cmpeq_epi8(v, cr)));
        if (_mm_movemask_epi8(hit)) return 1;
    }
#endif
    for (; i < n; i++)
        if (quote_byte[(unsigned char)s[i]]) return 1;
    return 0;
}

static int is_formula(const char *s, size_t n)
{
    return n > 0 && (s[0] == '=' || s[0] == '+' || s[0] == '-' || s[0] == '@' || s[0] == '\t' ||
                     s[0] == '\r');
}

/* The most bytes a field can take: quoted, every byte a doubled quote. */
static size_t field_max(size_t n, int prefix) { return 2 * n + 2 + (size_t)prefix; }

/* Lay out one field at q (room for field_max bytes); returns its length.
 * With prefix, an apostrophe goes before the text, inside the quotes. */
static size_t emit(char *q, int prefix, int quote, const char *s, size_t n)
{
    if (quote) {
        size_t m = csv_write(q + prefix, 2 * n + 2, s, n);
        if (prefix) {
            q[0] = '"'; /* libcsv's opening quote moves one to the left */
            q[1] = '\'';
        }
        return m + (size_t)prefix;
    }
    if (prefix) q[0] = '\'';
    if (n) memcpy(q + prefix, s, n);
    return n + (size_t)prefix;
}

static void put_bytes(dx_csv_writer *w, const char *s, size_t n)
{
    if (w->len + n > DX_CSV_BUFSZ) {
        dx_csv_flush(w);
        if (n > DX_CSV_BUFSZ) {
            if (fwrite(s, 1, n, w->fp) != n) w->failed = 1;
            return;
        }
    }
    memcpy(w->buf + w->len, s, n);
    w->len += n;
}

static void put_field(dx_csv_writer *w, int prefix, const char *s, size_t n)
{
    int sep = w->nfield++ > 0;
    /* a short field (most cells) is copied while its bytes are tested;
     * one that libcsv quotes is laid out again below */
    if (n <= 64 && w->len + n + 2 <= DX_CSV_BUFSZ && !(n && (s[0] == ' ' || s[n - 1] == ' '))) {
        char *q = w->buf + w->len;
        if (sep) *q++ = ',';
        if (prefix) *q++ = '\'';
        unsigned char bad = 0;
        for (size_t i = 0; i < n; i++) {
            unsigned char c = (unsigned char)s[i];
            bad |= quote_byte[c];
            q[i] = (char)c;
        }
        if (!bad) {
            w->len += (size_t)sep + (size_t)prefix + n;
            return;
        }
    }
    int quote = needs_quotes(s, n);
    size_t max = (size_t)sep + (quote ? field_max(n, prefix) : n + (size_t)prefix);
    if (w->len + max > DX_CSV_BUFSZ) dx_csv_flush(w);
    if (max > DX_CSV_BUFSZ) { /* a field larger than the buffer */
        char *t = xmalloc(max);
        size_t m = 0;
        if (sep) t[m++] = ',';
        m += emit(t + m, prefix, quote, s, n);
        if (fwrite(t, 1, m, w->fp) != m) w->failed = 1;
        free(t);
        return;
    }
    char *q = w->buf + w->len;
    if (sep) *q++ = ',';
    w->len += (size_t)sep + emit(q, prefix, quote, s, n);
}

void dx_csv_textn(dx_csv_writer *w, const char *s, size_t n) { put_field(w, is_formula(s, n), s, n); }

void dx_csv_text(dx_csv_writer *w, const char *s)
{
    if (!s) s = "";
    dx_csv_textn(w, s, strlen(s));
}

void dx_csv_rawn(dx_csv_writer *w, const char *s, size_t n) { put_field(w, 0, s, n); }

void dx_csv_raw(dx_csv_writer *w, const char *s)
{
    if (!s || !*s) { /* most optional cells: just the comma */
        if (w->nfield++) put_bytes(w, ",", 1);
        return;
    }
    put_field(w, 0, s, strlen(s));
}

void dx_csv_int(dx_csv_writer *w, long long v)
{
    if (w->len + 24 > DX_CSV_BUFSZ) dx_csv_flush(w);
    if (w->nfield++) w->buf[w->len++] = ',';
    char t[24], *p = dx_fmt_int(t + sizeof(t), v);
    size_t n = (size_t)(t + sizeof(t) - p);
    memcpy(w->buf + w->len, p, n);
    w->len += n;
}

void dx_csv_empty(dx_csv_writer *w, int n)
{
    static const char commas[] = ",,,,,,,,,,,,,,,,";
    for (; n > 0; n--) {
        if (w->nfield++) put_bytes(w, commas, 1);
    }
}

void dx_csv_encode(dx_buf *out, const char *s, size_t n, int raw)
{
    int prefix = !raw && is_formula(s, n);
    char *t = xmalloc(field_max(n, prefix));
    size_t m = emit(t, prefix, needs_quotes(s, n), s, n);
    dx_buf_put(out, t, m);
    free(t);
}

void dx_csv_encoded(dx_csv_writer *w, const char *field, size_t n)
{
    if (w->len + n + 1 <= DX_CSV_BUFSZ) { /* the comma and the cell in one go */
        char *q = w->buf + w->len;
        if (w->nfield++) *q++ = ',';
        memcpy(q, field, n);
        w->len = (size_t)(q + n - w->buf);
        return;
    }
    if (w->nfield++) put_bytes(w, ",", 1);
    put_bytes(w, field, n);
}

void dx_csv_end_row(dx_csv_writer *w)
{
    put_bytes(w, w->crlf ? "\r\n" : "\n", w->crlf ? 2 : 1);
    w->nfield = 0;
    if (!w->hold) dx_csv_flush(w);
}

void dx_csv_header(dx_csv_writer *w, const char *const *cols)
{
    for (size_t i = 0; cols[i]; i++) dx_csv_raw(w, cols[i]);
    dx_csv_end_row(w);
}

int dx_csv_finish(dx_csv_writer *w, const char *what, dossier_error *err)
{
    int bad = dx_csv_flush(w) != 0;
    dx_csv_writer_fini(w);
    if (bad) {
        dx_error_set(err, DOSSIER_EIO, what, 0, "write failed");
        return DOSSIER_EIO;
    }
    return 0;
}

/* ---------------------------------------------------------------- reading */

typedef struct {
    DX_VEC(char *) fields;
    long line, row_line;
    int in_row;
    int stop;
    int status;
    dossier_error *err;
    void *ud;
    dx_csv_row_fn fn;
} csv_reader;

static void on_field(void *s, size_t n, void *ud)
{
    csv_reader *r = ud;
    if (!r->in_row) {
        r->in_row = 1;
        r->row_line = r->line;
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
        int st = r->fn(r->ud, r->fields.items, r->fields.len, line, r->err);
        if (st) {
            r->stop = 1;
            r->status = st;
        }
    }
    clear_fields(r);
    r->in_row = 0;
}

int dx_csv_read_stream(FILE *fp, const char *name, dx_csv_row_fn fn, void *ud, dossier_error *err)
{
    struct csv_parser p;
    if (csv_init(&p, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL) != 0) {
        dx_error_set(err, DOSSIER_EIO, name, 0, "cannot initialise the CSV parser");
        return DOSSIER_EIO;
    }
    csv_reader r = {0};
    r.fn = fn;
    r.ud = ud;
    r.err = err;
    char *line = NULL;
    size_t cap = 0;
    ssize_t got;
    int status = 0;
    while (!r.stop && (got = getline(&line, &cap, fp)) > 0) {
        r.line++;
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
    if (!status && r.stop) status = r.status;
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

/* The fields of one line (NUL-terminated, no CR or LF, no NUL) split in
 * place, as libcsv read them with a tab delimiter and no quote character:
 * each tab ends a field (the last field ends the line, so a trailing tab
 * gives an empty one), and the spaces around a field are no part of it
 * (tests/test_text.c compares the two). libcsv per line cost more than the
 * rows' own indexing: a parser set up, every byte through its state
 * machine, a malloc per field. */
static void tsv_split(char *s, size_t n, tsv_row *r)
{
    char *end = s + n;
    for (char *f = s;;) {
        char *tab = memchr(f, '\t', (size_t)(end - f));
        char *fe = tab ? tab : end;
        while (f < fe && *f == ' ') f++;
        while (fe > f && fe[-1] == ' ') fe--;
        *fe = '\0';
        DX_PUSH(r->fields, f);
        if (!tab) break;
        f = tab + 1;
    }
}

/* A data file read whole: a regular file of at most DX_DATA_FILE_MAX bytes
 * (a FIFO would hang the load, /dev/zero fill the memory). NUL-terminated. */
static int slurp_data_file(const char *path, char **data, size_t *len, dossier_error *err)
{
    int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0) {
        dx_error_set(err, DOSSIER_EIO, path, 0, "cannot open: %s", strerror(errno));
        return DOSSIER_EIO;
    }
    struct stat st;
    if (fstat(fd, &st) != 0) {
        dx_error_set(err, DOSSIER_EIO, path, 0, "cannot read: %s", strerror(errno));
        close(fd);
        return DOSSIER_EIO;
    }
    if (!S_ISREG(st.st_mode)) {
        dx_error_set(err, DOSSIER_EDATA, path, 0, "expected a regular file, found %s",
                     S_ISDIR(st.st_mode) ? "a directory" : S_ISFIFO(st.st_mode) ? "a FIFO" : "a device or a socket");
        close(fd);
        return DOSSIER_EDATA;
    }
    if ((unsigned long long)st.st_size > DX_DATA_FILE_MAX) {
        dx_error_set(err, DOSSIER_EDATA, path, 0, "expected a data file of at most %u MB, found %lld bytes",
                     (unsigned)(DX_DATA_FILE_MAX >> 20), (long long)st.st_size);
        close(fd);
        return DOSSIER_EDATA;
    }
    size_t cap = (size_t)st.st_size + 1, n = 0;
    char *buf = xmalloc(cap);
    for (;;) {
        if (n + 1 == cap) { /* it grew while we read: still bounded */
            if (cap > DX_DATA_FILE_MAX) {
                dx_error_set(err, DOSSIER_EDATA, path, 0, "expected a data file of at most %u MB",
                             (unsigned)(DX_DATA_FILE_MAX >> 20));
                free(buf);
                close(fd);
                return DOSSIER_EDATA;
            }
            cap *= 2;
            buf = xrealloc(buf, cap);
        }
        ssize_t got = read(fd, buf + n, cap - 1 - n);
        if (got < 0 && errno == EINTR) continue;
        if (got < 0) {
            dx_error_set(err, DOSSIER_EIO, path, 0, "read error: %s", strerror(errno));
            free(buf);
            close(fd);
            return DOSSIER_EIO;
        }
        if (got == 0) break;
        n += (size_t)got;
    }
    close(fd);
    buf[n] = '\0';
    *data = buf;
    *len = n;
    return 0;
}

int dx_tsv_load(const char *path, const char *const *header, size_t min_fields,
                dx_tsv_row_fn fn, void *ud, dossier_error *err)
{
    char *data = NULL;
    size_t len = 0;
    int status = slurp_data_file(path, &data, &len, err);
    if (status) return status;
    long lineno = 0;
    int seen_header = 0;
    tsv_row row = {0};
    /* (a file without NUL bytes, valid UTF-8 as a whole, needs neither test
     * per line: a line of it is valid too, its lines end at ASCII bytes) */
    size_t skip_bom = len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
    int clean = !memchr(data, '\0', len) && dx_utf8_is_valid(data + skip_bom, len - skip_bom);
    int has_cr = memchr(data, '\r', len) != NULL; /* (no line of most files ends at a CR) */
    for (char *at = data, *end = data + len; at < end;) {
        /* a line ends at LF, CRLF or a lone CR (old Mac files: without it,
         * a whole gazetteer was one line, silently no people) */
        char *e = memchr(at, '\n', (size_t)(end - at));
        if (!e) e = end;
        char *cr = has_cr ? memchr(at, '\r', (size_t)(e - at)) : NULL;
        if (cr) e = cr;
        char *next = e < end && *e == '\r' && e + 1 < end && e[1] == '\n' ? e + 2 : e + 1;
        lineno++;
        size_t n = (size_t)(e - at);
        char *s = at;
        at = next;
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
        if (!clean && memchr(s, '\0', n)) {
            dx_error_set(err, DOSSIER_EDATA, path, lineno,
                         "expected text, found a NUL byte (is this a binary file?)");
            status = DOSSIER_EDATA;
            break;
        }
        size_t k = 0;
        while (k < n && (s[k] == ' ' || s[k] == '\t')) k++;
        if (k == n || s[k] == '#') continue;
        if (!clean && !dx_utf8_is_valid(s, n)) {
            dx_error_set(err, DOSSIER_EDATA, path, lineno,
                         "expected UTF-8 text (save the file as UTF-8, not as a legacy code page)");
            status = DOSSIER_EDATA;
            break;
        }
        row.fields.len = 0;
        tsv_split(s, n, &row);
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
        row.fields.len = 0;
        if (status) break;
    }
    if (!status && !seen_header && header) {
        dx_error_set(err, DOSSIER_EDATA, path, lineno ? lineno : 1,
                     "expected a header row, found an empty file");
        status = DOSSIER_EDATA;
    }
    DX_FREE(row.fields);
    free(data);
    return status;
}

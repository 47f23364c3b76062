/* read_pdf.c - the text layer of a PDF through poppler-glib, page by page
 * in reading order: lines as poppler lays them out, a paragraph break
 * where the gap between two lines is wider than the page's line spacing,
 * a paragraph break between pages, and the page furniture (running
 * headers and footers, page numbers) left out, so that none of it is
 * glued into a sentence. The only file that includes poppler.
 *
 * poppler-glib is opened (dlopen) when the first PDF is met, not linked:
 * it brings some fifty shared libraries (cairo, NSS, X11, ...) whose
 * loading and relocation cost every run ~7 ms of CPU and ~15 ms of wall
 * time before main(), three times what dossier's own start costs, even
 * when no PDF is read. A machine without the library reads everything
 * else and says so for each PDF. */
#include <dlfcn.h>
#include <glib.h>
#include <poppler.h>
#include <math.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "base/error.h"
#include "base/utf8.h"
#include "extract/read.h"

typedef struct {
    const char *s;   /* into its page's text */
    size_t len;
    double x1, y1, y2; /* bounding box of its glyphs (top-left origin), when known */
    int drop;        /* page furniture */
} line;

typedef struct {
    char *text;      /* g_free */
    DX_VEC(line) lines;
    int has_geom;
    int has_images;
    size_t chars;    /* characters that are not white space */
} page;

/* The functions of poppler-glib and GLib this file calls, each through a
 * pointer of its declared type (so the compiler checks the calls against
 * the headers as before), found in the library when the first PDF is met.
 * GLib's come through poppler-glib's handle: it depends on GLib. */
#define PDF_FUNCS(X)                                                                                         \
    X(poppler_document_new_from_bytes) X(poppler_document_get_n_pages) X(poppler_document_get_page)          \
    X(poppler_document_get_metadata) X(poppler_document_get_title) X(poppler_document_get_author)            \
    X(poppler_document_get_creation_date_time) X(poppler_page_get_text) X(poppler_page_get_text_layout)      \
    X(poppler_page_get_image_mapping) X(poppler_page_free_image_mapping) X(poppler_error_quark)              \
    X(g_free) X(g_utf8_strlen) X(g_bytes_new_static) X(g_bytes_unref) X(g_error_matches) X(g_error_free)     \
    X(g_object_unref) X(g_date_time_format) X(g_date_time_unref) X(g_log_set_handler)

static struct {
#define PDF_FIELD(f) __typeof__(f) *f;
    PDF_FUNCS(PDF_FIELD)
#undef PDF_FIELD
    const gchar *const *utf8_skip; /* GLib's table behind g_utf8_next_char */
    char why[256];                 /* why the library could not be opened, "" if it was */
} pdf;

#ifndef DX_POPPLER_GLIB
#define DX_POPPLER_GLIB "libpoppler-glib.so.8"
#endif

/* poppler reports what it repairs in a damaged file through GLib's log;
 * dossier says what it did itself, once per file. */
static void quiet_log(const gchar *domain, GLogLevelFlags level, const gchar *msg, gpointer ud)
{
    (void)domain, (void)level, (void)msg, (void)ud;
}

/* Once per process: the library, its functions, the log handler. Never
 * closed: its functions are used until the process ends. */
static void pdf_open(void)
{
    void *h = dlopen(DX_POPPLER_GLIB, RTLD_NOW | RTLD_LOCAL);
    if (!h) {
        snprintf(pdf.why, sizeof(pdf.why), "%s", dlerror());
        return;
    }
    void *sym;
#define PDF_SYM(f)                                                                                           \
    if (!(sym = dlsym(h, #f))) {                                                                             \
        snprintf(pdf.why, sizeof(pdf.why), "%s has no %s", DX_POPPLER_GLIB, #f);                            \
        return;                                                                                              \
    }                                                                                                        \
    memcpy(&pdf.f, &sym, sizeof(sym)); /* (a data pointer to a function pointer: not a cast in ISO C) */
    PDF_FUNCS(PDF_SYM)
#undef PDF_SYM
    if (!(pdf.utf8_skip = dlsym(h, "g_utf8_skip"))) {
        snprintf(pdf.why, sizeof(pdf.why), "%s has no g_utf8_skip", DX_POPPLER_GLIB);
        return;
    }
    pdf.g_log_set_handler("Poppler", G_LOG_LEVEL_MASK | G_LOG_FLAG_FATAL | G_LOG_FLAG_RECURSION, quiet_log, NULL);
}

static int blank(unsigned char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v'; }

/* The lines of a page with their boxes: poppler gives one rectangle per
 * character of the page's text, line breaks included. */
static void page_lines(PopplerPage *pp, page *pg)
{
    pg->text = pdf.poppler_page_get_text(pp);
    if (!pg->text) return;
    PopplerRectangle *rects = NULL;
    guint nrects = 0;
    glong nchars = pdf.g_utf8_strlen(pg->text, -1);
    pg->has_geom = pdf.poppler_page_get_text_layout(pp, &rects, &nrects) && (glong)nrects == nchars;
    const char *s = pg->text;
    size_t ci = 0; /* character index of s */
    while (*s) {
        const char *nl = strchr(s, '\n');
        size_t len = nl ? (size_t)(nl - s) : strlen(s);
        line ln = {s, len, 0, 0, 0, 0};
        double x1 = INFINITY, y1 = INFINITY, y2 = -INFINITY;
        size_t k = ci;
        for (const char *p = s; p < s + len; p = p + (*pdf.utf8_skip)[*(const guchar *)p], k++) {
            if (blank((unsigned char)*p)) continue;
            pg->chars++;
            if (pg->has_geom) {
                if (rects[k].x1 < x1) x1 = rects[k].x1;
                if (rects[k].y1 < y1) y1 = rects[k].y1;
                if (rects[k].y2 > y2) y2 = rects[k].y2;
            }
        }
        ci = k + (nl ? 1 : 0);
        /* trim */
        while (ln.len && blank((unsigned char)ln.s[0])) ln.s++, ln.len--;
        while (ln.len && blank((unsigned char)ln.s[ln.len - 1])) ln.len--;
        if (ln.len) {
            ln.x1 = x1;
            ln.y1 = y1;
            ln.y2 = y2;
            if (!isfinite(x1)) ln.x1 = ln.y1 = ln.y2 = 0;
            DX_PUSH(pg->lines, ln);
        }
        if (!nl) break;
        s = nl + 1;
    }
    pdf.g_free(rects);
    if (!pg->chars) {
        GList *images = pdf.poppler_page_get_image_mapping(pp);
        pg->has_images = images != NULL;
        pdf.poppler_page_free_image_mapping(images);
    }
}

/* A line that is only a page number: "12", "- 12 -", "Page 12", "12 of 40",
 * "xiv", "[12]". */
static int page_number_line(const char *s, size_t n)
{
    size_t i = 0;
    while (i < n && strchr("-\xe2\x80\x93\x94[( .", s[i])) i++;
    if (n - i >= 4 && strncasecmp(s + i, "page", 4) == 0) {
        i += 4;
        while (i < n && (s[i] == ' ' || s[i] == '.')) i++;
    } else if (n - i >= 2 && strncasecmp(s + i, "p.", 2) == 0) {
        i += 2;
        while (i < n && s[i] == ' ') i++;
    }
    size_t d = i;
    while (i < n && s[i] >= '0' && s[i] <= '9') i++;
    if (i == d) {
        while (i < n && strchr("ivxlcdmIVXLCDM", s[i])) i++;
        if (i == d || i - d > 7) return 0;
    } else if (i - d > 4) {
        return 0;
    }
    while (i < n && s[i] == ' ') i++;
    if (n - i >= 2 && (strncasecmp(s + i, "of", 2) == 0 || s[i] == '/')) {
        i += s[i] == '/' ? 1 : 2;
        while (i < n && s[i] == ' ') i++;
        size_t d2 = i;
        while (i < n && s[i] >= '0' && s[i] <= '9') i++;
        if (i == d2) return 0;
    }
    while (i < n && strchr("-\xe2\x80\x93\x94]) .", s[i])) i++;
    return i == n;
}

/* The key under which running headers repeat: digits as '#', letters
 * lowercase, spaces folded ("Chapter 3 - The Trial   45" = "chapter # - the trial #"). */
static char *furniture_key(const line *l)
{
    char *k = xmalloc(l->len + 1);
    size_t w = 0;
    int digit = 0;
    for (size_t i = 0; i < l->len; i++) {
        char c = l->s[i];
        if (c >= '0' && c <= '9') {
            if (!digit) k[w++] = '#';
            digit = 1;
            continue;
        }
        digit = 0;
        if (blank((unsigned char)c)) {
            if (w && k[w - 1] != ' ') k[w++] = ' ';
            continue;
        }
        k[w++] = (c >= 'A' && c <= 'Z') ? (char)(c - 'A' + 'a') : c;
    }
    k[w] = '\0';
    return k;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* The distance from one line's top to the next one's within a paragraph,
 * over the document: a wider gap is a paragraph break. Not the median: in
 * a text of short paragraphs most steps cross a blank line; the step of a
 * seventh of the lines is the line spacing. */
static double line_step(page *pages, size_t np)
{
    DX_VEC(double) steps = {0};
    for (size_t p = 0; p < np; p++) {
        if (!pages[p].has_geom) continue;
        line *prev = NULL;
        for (size_t k = 0; k < pages[p].lines.len; k++) {
            line *l = &pages[p].lines.items[k];
            if (l->drop) continue;
            if (prev && l->y1 > prev->y1) DX_PUSH(steps, l->y1 - prev->y1);
            prev = l;
        }
    }
    double step = 0;
    if (steps.len) {
        qsort(steps.items, steps.len, sizeof(double), cmp_double);
        step = steps.items[steps.len / 7];
    }
    DX_FREE(steps);
    return step;
}

/* The distance from l to the body line next to it (below a top line,
 * above a bottom one), or INFINITY when unknown. */
static double edge_gap(const page *pg, const line *l, int bottom)
{
    if (!pg->has_geom) return INFINITY;
    const line *first = pg->lines.items, *last = pg->lines.items + pg->lines.len;
    for (const line *o = bottom ? l - 1 : l + 1; o >= first && o < last; o += bottom ? -1 : 1)
        if (!o->drop) return bottom ? l->y1 - o->y1 : o->y1 - l->y1;
    return INFINITY;
}

/* Marks page numbers and running headers/footers: the first or last lines
 * of pages that are a page number, or that repeat (digits aside) at the
 * same end of other pages, on at least two pages and a quarter of them,
 * set apart from the text by more than its line spacing. */
static void mark_furniture(page *pages, size_t np)
{
    double step = line_step(pages, np);
    size_t need = np / 4 > 2 ? np / 4 : 2;
    for (int end = 0; end < 2; end++) {        /* 0 top, 1 bottom */
        for (int depth = 0; depth < 2; depth++) { /* two lines deep at most */
            char **keys = xcalloc(np + 1, sizeof(char *));
            line **at = xcalloc(np + 1, sizeof(line *));
            for (size_t p = 0; p < np; p++) {
                /* the depth-th line from this end that is still body text */
                size_t n = pages[p].lines.len, seen = 0;
                for (size_t k = 0; k < n; k++) {
                    line *l = &pages[p].lines.items[end ? n - 1 - k : k];
                    if (l->drop) continue;
                    if (seen++ < (size_t)depth) continue;
                    /* furniture sits at the edge: below the line it is above */
                    at[p] = l;
                    break;
                }
                if (at[p] && depth > 0) {
                    /* only behind furniture already found at this end */
                    size_t n2 = pages[p].lines.len;
                    line *edge = &pages[p].lines.items[end ? n2 - 1 : 0];
                    if (!edge->drop) at[p] = NULL;
                }
                if (at[p]) keys[p] = furniture_key(at[p]);
            }
            for (size_t p = 0; p < np; p++) {
                if (!at[p]) continue;
                /* a page's only line is its text, whatever it looks like */
                size_t body = 0;
                for (size_t k = 0; k < pages[p].lines.len; k++) body += !pages[p].lines.items[k].drop;
                if (body < 2) continue;
                if (page_number_line(at[p]->s, at[p]->len)) {
                    at[p]->drop = 1;
                    continue;
                }
                size_t same = 0;
                for (size_t q = 0; q < np; q++)
                    if (keys[q] && strcmp(keys[q], keys[p]) == 0) same++;
                if (same >= need && strlen(keys[p]) > 0 && !(step > 0 && edge_gap(&pages[p], at[p], end) <= step * 1.3))
                    at[p]->drop = 2;
            }
            for (size_t p = 0; p < np; p++) free(keys[p]);
            free(keys);
            free(at);
        }
    }
}

static int ends_broken_word(const dx_buf *b)
{
    if (b->len < 2 || b->data[b->len - 1] != '-') return 0;
    unsigned char c = (unsigned char)b->data[b->len - 2];
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c >= 0x80;
}

static int starts_lower(const line *l)
{
    size_t i = 0;
    uint32_t cp = dx_utf8_next(l->s, l->len, &i);
    return dx_is_letter_cp(cp) && !dx_is_upper_cp(cp);
}

/* "3, 5-7" appended to b: the pages in list (1-based, increasing). */
static void page_ranges(dx_buf *b, const uint32_t *list, size_t n)
{
    for (size_t i = 0; i < n;) {
        size_t j = i;
        while (j + 1 < n && list[j + 1] == list[j] + 1) j++;
        if (b->len) dx_buf_puts(b, ", ");
        if (j == i) dx_buf_printf(b, "%u", list[i]);
        else dx_buf_printf(b, "%u-%u", list[i], list[j]);
        i = j + 1;
    }
}

static void meta_string(char **field, gchar *s)
{
    if (s) dx_docmeta_set(field, s, strlen(s));
    pdf.g_free(s);
}

static void pdf_meta(PopplerDocument *pd, dx_docmeta *m)
{
    snprintf(m->format, sizeof(m->format), "pdf");
    m->pages = (uint32_t)pdf.poppler_document_get_n_pages(pd);
    /* XMP first for the date (dc:date is the document's, CreationDate the file's) */
    gchar *xmp = pdf.poppler_document_get_metadata(pd);
    dx_docmeta x;
    memset(&x, 0, sizeof(x));
    if (xmp) dx_xmp_meta(xmp, strlen(xmp), &x);
    pdf.g_free(xmp);
    meta_string(&m->title, pdf.poppler_document_get_title(pd));
    gchar *author = pdf.poppler_document_get_author(pd);
    if (author) dx_docmeta_add_author(m, author, strlen(author));
    pdf.g_free(author);
    if (x.title && !m->title) dx_docmeta_set(&m->title, x.title, strlen(x.title));
    if (x.author && !m->author) dx_docmeta_set(&m->author, x.author, strlen(x.author));
    if (x.date[0]) memcpy(m->date, x.date, sizeof(m->date));
    GDateTime *dt = pdf.poppler_document_get_creation_date_time(pd);
    if (dt) {
        gchar *iso = pdf.g_date_time_format(dt, "%Y-%m-%d");
        if (iso) dx_docmeta_set_date(m, iso, strlen(iso));
        pdf.g_free(iso);
        pdf.g_date_time_unref(dt);
    }
    dx_docmeta_fini(&x);
}

int dx_read_pdf(const char *path, const char *data, size_t n, dx_doc *doc, dossier_error *err)
{
    static pthread_once_t once = PTHREAD_ONCE_INIT;
    pthread_once(&once, pdf_open);
    snprintf(doc->meta.format, sizeof(doc->meta.format), "pdf");
    doc->status = DX_DOC_SKIPPED;
    if (pdf.why[0]) {
        dx_error_set(err, DOSSIER_EIO, path, 0,
                     "cannot read PDFs: poppler-glib could not be loaded (%s): install the package that "
                     "provides %s",
                     pdf.why, DX_POPPLER_GLIB);
        return DOSSIER_EIO;
    }
    if (n > (size_t)G_MAXSSIZE) {
        dx_error_set(err, DOSSIER_EIO, path, 0, "PDF too large");
        return DOSSIER_EIO;
    }
    GBytes *bytes = pdf.g_bytes_new_static(data, n);
    GError *gerr = NULL;
    PopplerDocument *pd = pdf.poppler_document_new_from_bytes(bytes, NULL, &gerr);
    if (!pd) {
        if (gerr && pdf.g_error_matches(gerr, pdf.poppler_error_quark(), POPPLER_ERROR_ENCRYPTED))
            dx_error_set(err, DOSSIER_EIO, path, 0,
                         "encrypted PDF (it needs a password): decrypt it first, e.g. with qpdf --decrypt");
        else
            dx_error_set(err, DOSSIER_EIO, path, 0, "malformed PDF (%s)",
                         gerr && gerr->message ? gerr->message : "poppler cannot open it");
        if (gerr) pdf.g_error_free(gerr);
        pdf.g_bytes_unref(bytes);
        return DOSSIER_EIO;
    }
    pdf_meta(pd, &doc->meta);
    int np = pdf.poppler_document_get_n_pages(pd);
    page *pages = xcalloc((size_t)(np > 0 ? np : 0) + 1, sizeof(page));
    size_t chars = 0;
    for (int i = 0; i < np; i++) {
        PopplerPage *pp = pdf.poppler_document_get_page(pd, i);
        if (!pp) continue;
        page_lines(pp, &pages[i]);
        chars += pages[i].chars;
        pdf.g_object_unref(pp);
    }
    int st = 0;
    if (np <= 0) {
        dx_error_set(err, DOSSIER_EIO, path, 0, "PDF without pages");
        st = DOSSIER_EIO;
    } else if (!chars) {
        dx_error_set(err, DOSSIER_EIO, path, 0, "no text layer: OCR it first, e.g. with ocrmypdf");
        st = DOSSIER_EIO;
    }
    if (!st) {
        mark_furniture(pages, (size_t)np);
        double step = line_step(pages, (size_t)np);
        dx_buf text;
        dx_buf_init(&text);
        DX_VEC(uint32_t) scanned = {0};
        for (int i = 0; i < np; i++) {
            page *pg = &pages[i];
            if (!pg->chars && pg->has_images) DX_PUSH(scanned, (uint32_t)i + 1);
            line *prev = NULL;
            int first = 1;
            for (size_t k = 0; k < pg->lines.len; k++) {
                line *l = &pg->lines.items[k];
                if (l->drop) continue;
                if (first) {
                    /* a page break is a paragraph break, unless a word
                     * broken at the page's end goes on on the next */
                    if (text.len) dx_buf_puts(&text, ends_broken_word(&text) && starts_lower(l) ? "\n" : "\n\n");
                    first = 0;
                } else {
                    int para = pg->has_geom && prev && step > 0 &&
                               (l->y1 < prev->y1 - step * 0.5 || l->y1 - prev->y1 > step * 1.35);
                    dx_buf_puts(&text, para ? "\n\n" : "\n");
                }
                while (doc->page_starts.len < (size_t)i + 1) DX_PUSH(doc->page_starts, (uint32_t)text.len);
                /* bytes that are not UTF-8 as U+FFFD, NUL characters (they
                 * would cut the text short) as spaces */
                size_t at = text.len;
                dx_utf8_valid(l->s, l->len, &text);
                for (size_t q = at; q < text.len; q++)
                    if (!text.data[q]) text.data[q] = ' ';
                prev = l;
            }
        }
        while (doc->page_starts.len < (size_t)np) DX_PUSH(doc->page_starts, (uint32_t)text.len);
        if (text.len) dx_buf_putc(&text, '\n');
        if (!text.data) dx_buf_put(&text, "", 0);
        if (scanned.len) {
            dx_buf w;
            dx_buf_init(&w);
            page_ranges(&w, scanned.items, scanned.len);
            dx_buf msg;
            dx_buf_init(&msg);
            dx_buf_printf(&msg, "page%s %s %s no text layer (scanned?): OCR %s, e.g. with ocrmypdf",
                          scanned.len > 1 ? "s" : "", w.data, scanned.len > 1 ? "have" : "has",
                          scanned.len > 1 ? "them" : "it");
            free(doc->warning);
            doc->warning = msg.data;
            dx_buf_fini(&w);
        }
        DX_FREE(scanned);
        free(doc->text);
        doc->text = text.data;
        doc->len = text.len;
    }
    for (int i = 0; i < np; i++) {
        DX_FREE(pages[i].lines);
        pdf.g_free(pages[i].text);
    }
    free(pages);
    pdf.g_object_unref(pd);
    pdf.g_bytes_unref(bytes);
    return st;
}

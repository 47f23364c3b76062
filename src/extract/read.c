/* read.c - turn an input file into the UTF-8 text that offsets refer to:
 * plain text as is (BOM kept), UTF-16 decoded, invalid UTF-8 read as
 * Windows-1252, HTML and XML through read_markup.c, PDF through
 * read_pdf.c, DOCX/ODT/EPUB through read_office.c, members of archives
 * through read_archive.c. */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/error.h"
#include "base/utf8.h"
#include "extract/read.h"

static const uint16_t cp1252_high[32] = {
    0x20AC, 0xFFFD, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
    0x2039, 0x0152, 0xFFFD, 0x017D, 0xFFFD, 0xFFFD, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
    0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0xFFFD, 0x017E, 0x0178};

static void decode_cp1252(const char *s, size_t n, dx_buf *out)
{
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c < 0x80)
            dx_buf_putc(out, (char)c);
        else if (c < 0xA0)
            dx_utf8_put(out, cp1252_high[c - 0x80]);
        else
            dx_utf8_put(out, c);
    }
}

/* Decode UTF-16 (after its BOM); unpaired surrogates become U+FFFD.
 * Returns 0, or -1 at a U+0000: binary data, like a NUL byte in UTF-8
 * (the text would otherwise hold a NUL that C strings cut at). */
static int decode_utf16(const unsigned char *s, size_t n, int big_endian, dx_buf *out)
{
    size_t i = 0;
    while (i + 1 < n) {
        uint32_t u = big_endian ? (uint32_t)(s[i] << 8 | s[i + 1]) : (uint32_t)(s[i + 1] << 8 | s[i]);
        i += 2;
        if (u >= 0xD800 && u <= 0xDBFF && i + 1 < n) {
            uint32_t l = big_endian ? (uint32_t)(s[i] << 8 | s[i + 1]) : (uint32_t)(s[i + 1] << 8 | s[i]);
            if (l >= 0xDC00 && l <= 0xDFFF) {
                i += 2;
                u = 0x10000 + ((u - 0xD800) << 10) + (l - 0xDC00);
            } else {
                u = 0xFFFD;
            }
        } else if (u >= 0xD800 && u <= 0xDFFF) {
            u = 0xFFFD;
        } else if (u == 0) {
            return -1;
        }
        dx_utf8_put(out, u);
    }
    return 0;
}

static int has_ext(const char *path, const char *ext)
{
    size_t pl = strlen(path), el = strlen(ext);
    return pl > el && strcasecmp(path + pl - el, ext) == 0;
}

static const struct {
    const char *ext;
    dx_kind kind;
} kinds[] = {{".txt", DX_KIND_TEXT},      {".text", DX_KIND_TEXT},     {".html", DX_KIND_HTML},
             {".htm", DX_KIND_HTML},      {".xhtml", DX_KIND_HTML},    {".xml", DX_KIND_XML},
             {".pdf", DX_KIND_PDF},       {".docx", DX_KIND_DOCX},     {".odt", DX_KIND_ODT},
             {".epub", DX_KIND_EPUB},     {".zip", DX_KIND_ARCHIVE},   {".tar", DX_KIND_ARCHIVE},
             {".tar.gz", DX_KIND_ARCHIVE}, {".tgz", DX_KIND_ARCHIVE},  {".tar.bz2", DX_KIND_ARCHIVE},
             {".tbz2", DX_KIND_ARCHIVE},  {".tar.xz", DX_KIND_ARCHIVE}, {".txz", DX_KIND_ARCHIVE}};

dx_kind dx_kind_of(const char *name)
{
    /* of a member ("a.zip:b/c.pdf"), its own name decides */
    for (size_t i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++)
        if (has_ext(name, kinds[i].ext)) {
            size_t pl = strlen(name), el = strlen(kinds[i].ext);
            if (name[pl - el - 1] != '/' && name[pl - el - 1] != ':') return kinds[i].kind;
        }
    return DX_KIND_NONE;
}

const char *dx_ext_of(const char *name)
{
    const char *slash = strrchr(name, '/'), *colon = strrchr(name, ':');
    const char *base = slash && (!colon || slash > colon) ? slash + 1 : colon ? colon + 1 : name;
    const char *dot = strrchr(base, '.');
    return dot && dot > base && dot[1] ? dot + 1 : "";
}

int dossier_input_kind(const char *name)
{
    dx_kind k = dx_kind_of(name);
    return k == DX_KIND_NONE ? DOSSIER_INPUT_NONE : k == DX_KIND_ARCHIVE ? DOSSIER_INPUT_ARCHIVE
                                                                          : DOSSIER_INPUT_DOCUMENT;
}

void dx_limits_from(const dossier_options *opt, dx_limits *lim)
{
    const dossier_limits *l = opt ? &opt->limits : NULL;
    lim->member_bytes = l && l->member_bytes ? l->member_bytes : 256ULL << 20;
    lim->total_bytes = l && l->total_bytes ? l->total_bytes : 1ULL << 30;
    lim->members = l && l->members ? l->members : 10000;
    lim->depth = l && l->depth ? l->depth : 3;
}

int dx_read_memory(const char *path, const char *data, size_t n, dx_doc *doc, dossier_error *err)
{
    return dx_read_memory_opt(path, data, n, NULL, doc, err);
}

/* own: when data is that buffer's, valid UTF-8 text takes it over instead
 * of a copy (a 300 MB file was held twice). */
static int read_memory_own(const char *path, const char *data, size_t n, const dossier_options *opt, dx_buf *own,
                           dx_doc *doc, dossier_error *err)
{
    dx_buf text;
    dx_buf_init(&text);
    if (opt && opt->strict) doc->strict = 1;
    const unsigned char *u = (const unsigned char *)data;
    dx_kind kind = dx_kind_of(path);
    doc->meta.bytes = n;
    doc->status = DX_DOC_SKIPPED; /* what fails from here on is the content's fault */
    if (n >= 5 && memcmp(data, "%PDF-", 5) == 0) kind = DX_KIND_PDF;
    if (kind == DX_KIND_ARCHIVE) {
        dx_error_set(err, DOSSIER_EIO, path, 0,
                     "an archive, not a document: its members are read as ARCHIVE:MEMBER "
                     "(dossier extract lists them in documents.csv)");
        return DOSSIER_EIO;
    }
    if (kind == DX_KIND_PDF || kind == DX_KIND_DOCX || kind == DX_KIND_ODT || kind == DX_KIND_EPUB) {
        dx_limits lim;
        dx_limits_from(opt, &lim);
        int st = kind == DX_KIND_PDF ? dx_read_pdf(path, data, n, doc, err)
                                     : dx_read_office(path, kind, data, n, &lim, doc, err);
        if (st) return st;
        if (doc->len > UINT32_MAX - 16) {
            dx_error_set(err, DOSSIER_EIO, path, 0, "text larger than 4 GiB, skipped");
            return DOSSIER_EIO;
        }
        free(doc->path);
        doc->path = xstrdup(path);
        doc->status = DX_DOC_READ;
        return 0;
    }
    int is_html = kind == DX_KIND_HTML;
    int is_xml = kind == DX_KIND_XML;
    snprintf(doc->meta.format, sizeof(doc->meta.format), "%s", is_html ? "html" : is_xml ? "xml" : "txt");
    if (n >= 2 && ((u[0] == 0xFF && u[1] == 0xFE) || (u[0] == 0xFE && u[1] == 0xFF))) {
        if (decode_utf16(u + 2, n - 2, u[0] == 0xFE, &text) != 0) {
            dx_error_set(err, DOSSIER_EIO, path, 0,
                         "binary file (UTF-16 with NUL characters), skipped");
            dx_buf_fini(&text);
            return DOSSIER_EIO;
        }
        doc->warning = xstrdup("UTF-16 input decoded to UTF-8; offsets refer to the decoded text");
    } else if (memchr(data, '\0', n)) {
        dx_error_set(err, DOSSIER_EIO, path, 0, "binary file (it contains NUL bytes), skipped");
        dx_buf_fini(&text);
        return DOSSIER_EIO;
    } else if (!dx_utf8_is_valid(data, n)) {
        decode_cp1252(data, n, &text);
        doc->warning = xstrdup("not valid UTF-8: read as Windows-1252; offsets refer to the "
                               "decoded text ('dossier text' shows it)");
    } else if (own && own->data == data && own->len == n) {
        text = *own;
        dx_buf_init(own);
    } else {
        dx_buf_put(&text, data, n);
    }
    if (is_html || is_xml) {
        dx_buf plain, repaired;
        dx_buf_init(&plain);
        dx_buf_init(&repaired);
        long line = 0;
        int st = dx_markup_to_text_repair(path, text.data ? text.data : "", text.len, is_html, &plain,
                                          &doc->meta, &repaired, &line, err);
        dx_buf_fini(&text);
        if (!st && repaired.len && doc->strict) {
            /* what was wrong, not what a warning would have done about it */
            char *done = strstr(repaired.data, "; read ");
            if (done) *done = '\0';
            dx_error_set(err, DOSSIER_EIO, path, line, "%s; nothing guessed under --strict", repaired.data);
            st = DOSSIER_EIO;
        }
        if (st) {
            dx_buf_fini(&plain);
            dx_buf_fini(&repaired);
            return st;
        }
        if (repaired.len) {
            /* "line N: ...", after what the decoding said */
            dx_buf w;
            dx_buf_init(&w);
            if (doc->warning) dx_buf_printf(&w, "%s; ", doc->warning);
            dx_buf_printf(&w, "line %ld: %s", line, repaired.data);
            free(doc->warning);
            doc->warning = w.data;
        }
        dx_buf_fini(&repaired);
        text = plain;
    }
    if (!text.data) dx_buf_put(&text, "", 0);
    if (text.len > UINT32_MAX - 16) {
        dx_error_set(err, DOSSIER_EIO, path, 0, "file larger than 4 GiB, skipped");
        dx_buf_fini(&text);
        return DOSSIER_EIO;
    }
    free(doc->path);
    doc->path = xstrdup(path);
    free(doc->text);
    doc->text = text.data;
    doc->len = text.len;
    doc->status = DX_DOC_READ;
    return 0;
}

int dx_read_memory_opt(const char *path, const char *data, size_t n, const dossier_options *opt, dx_doc *doc,
                       dossier_error *err)
{
    return read_memory_own(path, data, n, opt, NULL, doc, err);
}

int dx_read_file_as(const char *path, const char *name, dx_doc *doc, dossier_error *err)
{
    return dx_read_file_opt_as(path, name, NULL, doc, err);
}

int dx_read_file_opt(const char *path, const dossier_options *opt, dx_doc *doc, dossier_error *err)
{
    const char *name = path;
    if (strcmp(path, "-") == 0) name = opt && opt->stdin_name && *opt->stdin_name ? opt->stdin_name : "stdin";
    return dx_read_file_opt_as(path, name, opt, doc, err);
}

int dx_read_file_opt_as(const char *path, const char *name, const dossier_options *opt, dx_doc *doc,
                        dossier_error *err)
{
    doc->status = DX_DOC_FAILED; /* until the bytes are in */
    /* O_NONBLOCK: opening a FIFO nobody writes to must not hang the run */
    int fd = strcmp(path, "-") == 0 ? dup(STDIN_FILENO) : open(path, O_RDONLY | O_NONBLOCK);
    if (fd < 0 && errno == ENOENT && strchr(path, ':')) {
        /* "archive.zip:dir/doc.pdf": a member of an archive */
        dx_limits lim;
        dx_limits_from(opt, &lim);
        dx_buf m;
        dx_buf_init(&m);
        int st = dx_archive_member(path, &lim, &m, err);
        if (st == 0) {
            st = dx_read_memory_opt(path, m.data ? m.data : "", m.len, opt, doc, err);
            dx_buf_fini(&m);
            return st;
        }
        dx_buf_fini(&m);
        if (st < 0) {
            doc->status = DX_DOC_SKIPPED;
            return DOSSIER_EIO;
        }
        errno = ENOENT;
    }
    if (fd < 0) {
        dx_error_set(err, DOSSIER_EIO, name, 0, "cannot open: %s", strerror(errno));
        return DOSSIER_EIO;
    }
    struct stat st;
    if (fstat(fd, &st) != 0) {
        dx_error_set(err, DOSSIER_EIO, name, 0, "cannot read: %s", strerror(errno));
        close(fd);
        return DOSSIER_EIO;
    }
    if (S_ISDIR(st.st_mode)) {
        close(fd);
        dx_error_set(err, DOSSIER_EIO, name, 0, "is a directory, not a document");
        return DOSSIER_EIO;
    }
    /* a device (/dev/zero, a terminal) or a socket is no document; a pipe is */
    if (!S_ISREG(st.st_mode) && !S_ISFIFO(st.st_mode) && strcmp(path, "-") != 0) {
        close(fd);
        dx_error_set(err, DOSSIER_EIO, name, 0, "not a regular file (a device or a socket), skipped");
        return DOSSIER_EIO;
    }
    /* blocking reads from a pipe (or a standard input left non-blocking);
     * a regular file's reads never wait (two system calls of seven, for
     * each file, saved) */
    if (!S_ISREG(st.st_mode) || strcmp(path, "-") == 0) {
        int fl = fcntl(fd, F_GETFL);
        if (fl >= 0 && (fl & O_NONBLOCK)) fcntl(fd, F_SETFL, fl & ~O_NONBLOCK);
    }
    /* read straight into a buffer of the file's size (a pipe's grows) */
    dx_buf b;
    dx_buf_init(&b);
    if (S_ISREG(st.st_mode) && st.st_size > 0 && (unsigned long long)st.st_size <= UINT32_MAX - 16)
        dx_buf_grow(&b, (size_t)st.st_size + 1);
    /* a regular file's buffer holds it and room for the read that finds its
     * end: grown only if the file grew meanwhile (64 KB more for each of them
     * made a short news text's buffer 128 KB, moved by realloc); a pipe's
     * grows 64 KB at a time */
    size_t more = S_ISREG(st.st_mode) ? 1 : 65536;
    for (;;) {
        if (b.cap - b.len < more + 1) dx_buf_grow(&b, more);
        ssize_t got = read(fd, b.data + b.len, b.cap - b.len - 1);
        if (got < 0) {
            if (errno == EINTR) continue;
            dx_error_set(err, DOSSIER_EIO, name, 0, "read error: %s", strerror(errno));
            close(fd);
            dx_buf_fini(&b);
            return DOSSIER_EIO;
        }
        if (got == 0) break;
        b.len += (size_t)got;
        b.data[b.len] = '\0';
        if (b.len > UINT32_MAX - 16) { /* offsets are 32-bit; stop before memory runs out */
            dx_error_set(err, DOSSIER_EIO, name, 0, "file larger than 4 GiB, skipped");
            close(fd);
            dx_buf_fini(&b);
            return DOSSIER_EIO;
        }
    }
    if (!b.len) dx_buf_fini(&b); /* an empty file: as before, no buffer */
    close(fd);
    int r = b.data ? read_memory_own(name, b.data, b.len, opt, &b, doc, err)
                   : dx_read_memory_opt(name, "", 0, opt, doc, err);
    dx_buf_fini(&b);
    return r;
}

int dx_read_file(const char *path, dx_doc *doc, dossier_error *err)
{
    return dx_read_file_as(path, path, doc, err);
}

/* read_archive.c - zip and tar archives through libarchive: archives given
 * as inputs (their members listed in sorted order, nested archives opened,
 * limits against archive bombs, one member read back by its name) and the
 * members of the zip files that DOCX, ODT and EPUB are. The only file that
 * includes <archive.h>. */
#include <archive.h>
#include <archive_entry.h>
#include <errno.h>
#include <inttypes.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "base/error.h"
#include "base/utf8.h"
#include "extract/read.h"

#define CHUNK 65536

static struct archive *new_reader(int input_archive)
{
    struct archive *a = archive_read_new();
    if (!a) {
        fputs("dossier: out of memory\n", stderr);
        abort();
    }
    archive_read_support_format_zip(a);
    if (input_archive) {
        archive_read_support_format_tar(a);
        archive_read_support_format_gnutar(a);
        archive_read_support_filter_gzip(a);
        archive_read_support_filter_bzip2(a);
        archive_read_support_filter_xz(a);
        archive_read_support_filter_lzma(a);
    }
    return a;
}

/* A member's name as dossier shows it: without a leading "./" or "/". */
static const char *member_name(struct archive_entry *e)
{
    const char *s = archive_entry_pathname(e);
    if (!s) return NULL;
    for (;;) {
        if (s[0] == '.' && s[1] == '/') s += 2;
        else if (s[0] == '/') s++;
        else return s;
    }
}

/* Hidden files, and the resource forks a Mac adds to its zips, are not
 * documents (a directory walk leaves hidden files out too). */
static int junk(const char *name)
{
    for (const char *p = name; *p;) {
        if (*p == '.' || strncmp(p, "__MACOSX/", 9) == 0) return 1;
        const char *slash = strchr(p, '/');
        if (!slash) break;
        p = slash + 1;
    }
    return 0;
}

static void human(uint64_t v, char *out, size_t n)
{
    if (v >= (1ULL << 30) && v % (1ULL << 30) == 0) snprintf(out, n, "%" PRIu64 " GiB", v >> 30);
    else if (v >= (1ULL << 20) && v % (1ULL << 20) == 0) snprintf(out, n, "%" PRIu64 " MiB", v >> 20);
    else if (v >= (1ULL << 10) && v % (1ULL << 10) == 0) snprintf(out, n, "%" PRIu64 " KiB", v >> 10);
    else snprintf(out, n, "%" PRIu64 " bytes", v);
}

/* The current member's data into out, at most max bytes: 0, or -1 with why
 * (over the limit, larger than the header said, or the archive's error). */
static int read_data(struct archive *a, struct archive_entry *e, uint64_t max, dx_buf *out, char *why,
                     size_t why_len)
{
    if (archive_entry_is_encrypted(e)) {
        snprintf(why, why_len, "encrypted member (dossier reads no passwords)");
        return -1;
    }
    uint64_t cap = max;
    int lied = 0;
    if (archive_entry_size_is_set(e) && (uint64_t)archive_entry_size(e) < cap) {
        cap = (uint64_t)archive_entry_size(e);
        lied = 1;
    }
    size_t start = out->len;
    char buf[CHUNK];
    for (;;) {
        la_ssize_t got = archive_read_data(a, buf, sizeof(buf));
        if (got == 0) return 0;
        if (got < 0) {
            snprintf(why, why_len, "damaged member: %s",
                     archive_error_string(a) ? archive_error_string(a) : "read error");
            out->len = start;
            return -1;
        }
        if (out->len - start + (size_t)got > cap) {
            char h[32];
            human(max, h, sizeof(h));
            if (lied && cap < max)
                snprintf(why, why_len, "its data is larger than its header says (an archive bomb?)");
            else
                snprintf(why, why_len, "over the limit of %s uncompressed per member (an archive bomb?)", h);
            out->len = start;
            if (out->data) out->data[start] = '\0';
            return -1;
        }
        dx_buf_put(out, buf, (size_t)got);
    }
}

static int open_memory(struct archive *a, const char *data, size_t n)
{
    return archive_read_open_memory(a, (void *)(uintptr_t)data, n);
}

int dx_zip_member(const char *data, size_t n, const char *member, uint64_t max, dx_buf *out,
                  char *why, size_t why_len)
{
    struct archive *a = new_reader(0);
    int st = 1;
    if (open_memory(a, data, n) != ARCHIVE_OK) {
        snprintf(why, why_len, "not a zip file: %s", archive_error_string(a) ? archive_error_string(a) : "");
        archive_read_free(a);
        return -1;
    }
    struct archive_entry *e;
    for (;;) {
        int r = archive_read_next_header(a, &e);
        if (r == ARCHIVE_EOF) break;
        if (r < ARCHIVE_WARN) {
            snprintf(why, why_len, "damaged zip file: %s",
                     archive_error_string(a) ? archive_error_string(a) : "read error");
            st = -1;
            break;
        }
        const char *name = member_name(e);
        if (name && strcmp(name, member) == 0) {
            st = read_data(a, e, max, out, why, why_len);
            break;
        }
    }
    archive_read_free(a);
    return st;
}

/* ---------------------------------------------------------------- listing */

typedef struct {
    char *name;     /* full: "outer.zip:dir/doc.pdf" */
    uint64_t bytes, order;
    dossier_doc_status status;
    char why[300];
    dx_buf nested;  /* an archive inside: its bytes, to be listed in turn */
    int is_nested;
} item;

typedef struct {
    const dx_limits *lim;
    dossier_member_fn fn;
    void *ud;
    uint64_t total;  /* bytes of the members to be read, over the whole input */
    uint64_t count;  /* members seen, over the whole input */
    int over_count;  /* members past the limit, reported once */
} lister;

static int item_cmp(const void *a, const void *b)
{
    return strcmp(((const item *)a)->name, ((const item *)b)->name);
}

static void report(lister *L, const item *it)
{
    dossier_member m = {it->name, it->status, it->why, it->bytes, it->order};
    L->fn(L->ud, &m);
}

static int list_archive(lister *L, struct archive *a, const char *prefix, unsigned depth, uint64_t order,
                        char *damage, size_t damage_len);

/* Lists the nested archive of item it (depth: how many archives hold it). */
static void list_nested(lister *L, item *it, unsigned depth)
{
    struct archive *a = new_reader(1);
    char damage[300] = "";
    if (open_memory(a, it->nested.data, it->nested.len) != ARCHIVE_OK) {
        snprintf(it->why, sizeof(it->why), "not an archive dossier reads: %s",
                 archive_error_string(a) ? archive_error_string(a) : "");
        it->status = DOSSIER_DOC_SKIPPED;
        report(L, it);
    } else if (list_archive(L, a, it->name, depth, it->order, damage, sizeof(damage)) != 0) {
        snprintf(it->why, sizeof(it->why), "%s", damage);
        it->status = DOSSIER_DOC_SKIPPED;
        report(L, it);
    }
    archive_read_free(a);
}

/* Lists an open archive: 0, or -1 with damage set after reporting the
 * members read before it. */
static int list_archive(lister *L, struct archive *a, const char *prefix, unsigned depth, uint64_t order,
                        char *damage, size_t damage_len)
{
    DX_VEC(item) items = {0};
    const dx_limits *lim = L->lim;
    int st = 0;
    uint64_t index = 0;
    char h[32], h2[32];
    struct archive_entry *e;
    for (;; index++) {
        int r = archive_read_next_header(a, &e);
        if (r == ARCHIVE_EOF) break;
        if (r < ARCHIVE_WARN) {
            snprintf(damage, damage_len, "damaged or truncated archive (after %zu members): %s", items.len,
                     archive_error_string(a) ? archive_error_string(a) : "read error");
            st = -1;
            break;
        }
        const char *name = member_name(e);
        if (!name || archive_entry_filetype(e) != AE_IFREG || junk(name) || !*name) continue;
        /* a compressed tar is decompressed to be walked: stop where a bomb would */
        if ((uint64_t)archive_filter_bytes(a, 0) > lim->total_bytes + lim->member_bytes) {
            human(lim->total_bytes, h, sizeof(h));
            snprintf(damage, damage_len, "the rest of the archive skipped: over the limit of %s uncompressed "
                                         "per archive (an archive bomb?)", h);
            st = -1;
            break;
        }
        L->count++;
        if (L->count > lim->members) {
            if (!L->over_count) {
                L->over_count = 1;
                snprintf(damage, damage_len, "more than %" PRIu64 " members: the rest skipped (an archive bomb?)",
                         lim->members);
                st = -1;
            }
            break;
        }
        item it;
        memset(&it, 0, sizeof(it));
        dx_buf b;
        dx_buf_init(&b);
        dx_buf_printf(&b, "%s:%s", prefix, name);
        it.name = b.data;
        it.order = depth == 1 ? index : order;
        it.bytes = archive_entry_size_is_set(e) ? (uint64_t)archive_entry_size(e) : 0;
        it.status = DOSSIER_DOC_SKIPPED;
        dx_buf_init(&it.nested);
        dx_kind kind = dx_kind_of(name);
        if (kind == DX_KIND_NONE) {
            const char *ext = dx_ext_of(name);
            snprintf(it.why, sizeof(it.why), "not a readable type%s%s%s", *ext ? " (." : "", ext, *ext ? ")" : "");
        } else if (archive_entry_is_encrypted(e)) {
            snprintf(it.why, sizeof(it.why), "encrypted member (dossier reads no passwords)");
        } else if (it.bytes > lim->member_bytes) {
            human(it.bytes, h, sizeof(h));
            human(lim->member_bytes, h2, sizeof(h2));
            snprintf(it.why, sizeof(it.why), "%s uncompressed: over the limit of %s per member (an archive bomb?)",
                     h, h2);
        } else if (L->total + it.bytes > lim->total_bytes) {
            human(lim->total_bytes, h, sizeof(h));
            snprintf(it.why, sizeof(it.why), "over the limit of %s uncompressed per archive (an archive bomb?)", h);
        } else if (kind == DX_KIND_ARCHIVE && depth >= lim->depth) {
            snprintf(it.why, sizeof(it.why), "an archive inside %u archives: over the nesting limit", depth);
        } else if (kind == DX_KIND_ARCHIVE) {
            if (read_data(a, e, lim->member_bytes, &it.nested, it.why, sizeof(it.why)) == 0) {
                it.is_nested = 1;
                it.bytes = it.nested.len;
                L->total += it.bytes;
            }
        } else {
            it.status = DOSSIER_DOC_READ;
            L->total += it.bytes;
        }
        DX_PUSH(items, it);
    }
    if (items.len) qsort(items.items, items.len, sizeof(item), item_cmp);
    for (size_t i = 0; i < items.len; i++) {
        item *it = &items.items[i];
        if (it->is_nested) list_nested(L, it, depth + 1);
        else report(L, it);
        free(it->name);
        dx_buf_fini(&it->nested);
    }
    DX_FREE(items);
    return st;
}

int dossier_archive_list(const char *path, const dossier_options *opt, dossier_member_fn fn, void *ud,
                         dossier_error *err)
{
    dx_limits lim;
    dx_limits_from(opt, &lim);
    lister L = {&lim, fn, ud, 0, 0, 0};
    struct archive *a = new_reader(1);
    int st = 0;
    if (archive_read_open_filename(a, path, CHUNK) != ARCHIVE_OK) {
        const char *why = archive_error_string(a);
        dx_error_set(err, DOSSIER_EIO, path, 0, "not an archive dossier reads: %s", why ? why : strerror(EIO));
        st = DOSSIER_EIO;
    } else {
        char damage[300] = "";
        if (list_archive(&L, a, path, 1, 0, damage, sizeof(damage)) != 0) {
            dx_error_set(err, DOSSIER_EIO, path, 0, "%s", damage);
            st = DOSSIER_EIO;
        }
    }
    archive_read_free(a);
    return st;
}

/* ---------------------------------------------------------------- one member */

/* The archive a thread read its last member from, left open after it:
 * members read in the archive's order (one thread, or a walk that keeps
 * that order) cost one pass over a compressed tar, not one each. */
typedef struct {
    char *path;
    struct archive *a;
} cursor;

static pthread_key_t cursor_key;
static pthread_once_t cursor_once = PTHREAD_ONCE_INIT;

static void cursor_free(void *p)
{
    cursor *c = p;
    if (!c) return;
    if (c->a) archive_read_free(c->a);
    free(c->path);
    free(c);
}

static void cursor_init(void) { pthread_key_create(&cursor_key, cursor_free); }

/* Finds member rest in the open archive a (from where it stands) and
 * reads it, opening nested archives: 0 read, 1 not found before the end,
 * -1 error (why). */
static int find_in(struct archive *a, const char *rest, unsigned depth, const dx_limits *lim, dx_buf *out,
                   char *why, size_t why_len)
{
    struct archive_entry *e;
    for (;;) {
        int r = archive_read_next_header(a, &e);
        if (r == ARCHIVE_EOF) return 1;
        if (r < ARCHIVE_WARN) {
            snprintf(why, why_len, "damaged or truncated archive: %s",
                     archive_error_string(a) ? archive_error_string(a) : "read error");
            return -1;
        }
        const char *name = member_name(e);
        if (!name || archive_entry_filetype(e) != AE_IFREG) continue;
        if (strcmp(name, rest) == 0) return read_data(a, e, lim->member_bytes, out, why, why_len);
        size_t n = strlen(name);
        if (strncmp(rest, name, n) == 0 && rest[n] == ':' && dx_kind_of(name) == DX_KIND_ARCHIVE) {
            if (depth >= lim->depth) {
                snprintf(why, why_len, "an archive inside %u archives: over the nesting limit", depth);
                return -1;
            }
            dx_buf inner;
            dx_buf_init(&inner);
            int st = read_data(a, e, lim->member_bytes, &inner, why, why_len);
            if (st == 0) {
                struct archive *b = new_reader(1);
                if (open_memory(b, inner.data ? inner.data : "", inner.len) != ARCHIVE_OK) {
                    snprintf(why, why_len, "not an archive dossier reads: %s",
                             archive_error_string(b) ? archive_error_string(b) : "");
                    st = -1;
                } else {
                    st = find_in(b, rest + n + 1, depth + 1, lim, out, why, why_len);
                }
                archive_read_free(b);
            }
            dx_buf_fini(&inner);
            if (st == 1) snprintf(why, why_len, "no such member in the archive");
            return st ? -1 : 0;
        }
    }
}

int dx_archive_member(const char *path, const dx_limits *lim, dx_buf *out, dossier_error *err)
{
    /* the archive is the longest prefix before a ':' that is an archive file */
    char *container = NULL;
    const char *rest = NULL;
    for (const char *c = strchr(path, ':'); c; c = strchr(c + 1, ':')) {
        char *p = xstrndup(path, (size_t)(c - path));
        struct stat st;
        if (dx_kind_of(p) == DX_KIND_ARCHIVE && stat(p, &st) == 0 && S_ISREG(st.st_mode)) {
            container = p;
            rest = c + 1;
            break;
        }
        free(p);
    }
    if (!container) return 1;
    pthread_once(&cursor_once, cursor_init);
    cursor *cur = pthread_getspecific(cursor_key);
    if (!cur) {
        cur = xcalloc(1, sizeof(*cur));
        pthread_setspecific(cursor_key, cur);
    }
    char why[300] = "";
    int st = 1;
    /* from where the thread's cursor stands, then once from the start */
    for (int pass = 0; pass < 2 && st == 1; pass++) {
        if (!cur->a || strcmp(cur->path, container) != 0 || pass == 1) {
            if (cur->a) archive_read_free(cur->a);
            free(cur->path);
            cur->path = xstrdup(container);
            cur->a = new_reader(1);
            if (archive_read_open_filename(cur->a, container, CHUNK) != ARCHIVE_OK) {
                snprintf(why, sizeof(why), "not an archive dossier reads: %s",
                         archive_error_string(cur->a) ? archive_error_string(cur->a) : strerror(EIO));
                st = -1;
                break;
            }
            pass = 1;
        }
        st = find_in(cur->a, rest, 1, lim, out, why, sizeof(why));
    }
    if (st != 0) {
        /* an archive that failed is not to be read on from */
        if (cur->a) archive_read_free(cur->a);
        cur->a = NULL;
        free(cur->path);
        cur->path = NULL;
        dx_error_set(err, DOSSIER_EIO, path, 0, "%s", st == 1 ? "no such member in the archive" : why);
    }
    free(container);
    return st == 0 ? 0 : -1;
}

/* fuzz_common.h - shared set-up for the libFuzzer targets: the lexicon
 * (entities/ of the project, or $DOSSIER_ENTITIES), loaded once. */
#ifndef DOSSIER_FUZZ_COMMON_H
#define DOSSIER_FUZZ_COMMON_H
#include <dirent.h>
#include <string.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include <libxml/parser.h>

#include "base/csvio.h"
#include "base/utf8.h"
#include "extract/lexicon.h"
#include "extract/read.h"
#include "extract/stages.h"

static inline dossier_lexicon *fuzz_lexicon(void)
{
    static dossier_lexicon *lex;
    if (lex) return lex;
    const char *dir = getenv("DOSSIER_ENTITIES");
#ifdef DOSSIER_ENTITIES_DIR
    if (!dir || !*dir) dir = DOSSIER_ENTITIES_DIR;
#endif
    if (!dir || !*dir) dir = "entities";
    dossier_error err = {0};
    lex = dossier_lexicon_load(dir, &err);
    if (!lex) {
        char msg[1200];
        dossier_error_format(&err, msg, sizeof(msg));
        fprintf(stderr, "fuzz: cannot load the lexicon (set DOSSIER_ENTITIES): %s\n", msg);
        abort();
    }
    return lex;
}

/* The first byte of an input picks the reader: txt, html or xml. */
static inline const char *fuzz_path(const unsigned char *data, size_t size)
{
    static const char *const names[] = {"fuzz.txt", "fuzz.html", "fuzz.xml", "fuzz.htm"};
    return size ? names[data[0] % 4] : names[0];
}

/* Every mention, token and sentence lies inside the text, in order. */
static inline void fuzz_check_doc(const dx_doc *d)
{
    for (size_t i = 0; i < d->toks.len; i++)
        if (d->toks.items[i].start >= d->toks.items[i].end || d->toks.items[i].end > d->len) abort();
    for (size_t i = 0; i < d->sents.len; i++)
        if (d->sents.items[i].start > d->sents.items[i].end || d->sents.items[i].end > d->len) abort();
    for (size_t i = 0; i < d->ments.len; i++)
        if (d->ments.items[i].start > d->ments.items[i].end || d->ments.items[i].end > d->len) abort();
}
/* ---- the outputs keep their contract, whatever the input (issue 22): not
 * only no crash, but graph.gexf is XML, every CSV row has its header's
 * width, every offset lies inside its document, and a mention's text is
 * the document's at its offsets. */

/* The length of the document the outputs name path, or -1 if unknown. */
typedef long long (*fuzz_len_fn)(void *ctx, const char *path);

typedef struct {
    const char *file;
    size_t width, rows;
    int col_doc, col_start, col_end, col_text; /* -1: not in this file */
    fuzz_len_fn len_of;
    void *ctx;
    const char *text; /* the one document's text (fuzz_pipeline), or NULL */
    size_t text_len;
} fuzz_csv;

static inline int fuzz_col(char **f, size_t n, const char *name)
{
    for (size_t i = 0; i < n; i++) {
        const char *c = f[i];
        if (i == 0 && strncmp(c, "\xEF\xBB\xBF", 3) == 0) c += 3; /* --excel's BOM */
        if (strcmp(c, name) == 0) return (int)i;
    }
    return -1;
}

static inline int fuzz_csv_row(void *ud, char **f, size_t n, long line, dossier_error *err)
{
    (void)err;
    fuzz_csv *c = ud;
    if (c->rows++ == 0) {
        c->width = n;
        int mentions = strcmp(c->file, "mentions.csv") == 0;
        c->col_doc = fuzz_col(f, n, "document");
        c->col_start = fuzz_col(f, n, mentions ? "start" : "trigger_start");
        c->col_end = fuzz_col(f, n, mentions ? "end" : "trigger_end");
        c->col_text = mentions ? fuzz_col(f, n, "text") : -1;
        return 0;
    }
    if (n != c->width) {
        fprintf(stderr, "fuzz: %s:%ld: %zu fields, the header has %zu\n", c->file, line, n, c->width);
        abort();
    }
    if (c->col_start < 0 || c->col_end < 0 || c->col_doc < 0) return 0;
    char *e1, *e2;
    long long s = strtoll(f[c->col_start], &e1, 10), e = strtoll(f[c->col_end], &e2, 10);
    long long len = c->len_of ? c->len_of(c->ctx, f[c->col_doc]) : (long long)c->text_len;
    if (*e1 || *e2 || s < 0 || e < s || (len >= 0 && e > len)) {
        fprintf(stderr, "fuzz: %s:%ld: offsets %s-%s outside the document (%lld bytes)\n", c->file, line,
                f[c->col_start], f[c->col_end], len);
        abort();
    }
    if (c->text && c->col_text >= 0) {
        /* the text on one line (dup_span), a formula neutralised by a ' */
        const char *t = f[c->col_text];
        const char *d = c->text + s;
        size_t k = (size_t)(e - s);
        if (k && strchr("=+-@", d[0] == '\n' || d[0] == '\r' || d[0] == '\t' ? ' ' : d[0]) && t[0] == '\'') t++;
        for (size_t i = 0; i < k; i++) {
            char want = d[i] == '\n' || d[i] == '\r' || d[i] == '\t' ? ' ' : d[i];
            if (t[i] != want) {
                fprintf(stderr, "fuzz: %s:%ld: mention text '%s' is not the document's at %lld-%lld\n", c->file,
                        line, f[c->col_text], s, e);
                abort();
            }
        }
        if (t[k]) abort();
    }
    return 0;
}

static inline void fuzz_check_outputs(const char *dir, fuzz_len_fn len_of, void *ctx, const char *text,
                                      size_t text_len)
{
    char path[512];
    snprintf(path, sizeof(path), "%s/graph.gexf", dir);
    xmlDocPtr d = xmlReadFile(path, NULL, XML_PARSE_NONET | XML_PARSE_HUGE | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
    xmlNodePtr root = d ? xmlDocGetRootElement(d) : NULL;
    if (!root || strcmp((const char *)root->name, "gexf") != 0) {
        fprintf(stderr, "fuzz: %s is not a GEXF document\n", path);
        abort();
    }
    xmlFreeDoc(d);
    static const char *const csvs[] = {"timeline.csv", "timelinejs.csv", "entities.csv", "relations.csv",
                                       "mentions.csv"};
    for (size_t i = 0; i < sizeof(csvs) / sizeof(csvs[0]); i++) {
        snprintf(path, sizeof(path), "%s/%s", dir, csvs[i]);
        fuzz_csv c = {csvs[i], 0, 0, -1, -1, -1, -1, len_of, ctx, text, text_len};
        dossier_error err = {0};
        if (dx_csv_read(path, fuzz_csv_row, &c, &err) != 0 || c.rows < 1) {
            fprintf(stderr, "fuzz: %s does not read back as CSV: %s\n", path, err.message);
            abort();
        }
    }
}

/* Remove a flat temporary directory (at exit: no litter in /tmp). */
static inline void fuzz_rm_dir(const char *dir)
{
    DIR *d = opendir(dir);
    if (!d) return;
    struct dirent *de;
    char path[512];
    while ((de = readdir(d)))
        if (de->d_name[0] != '.' || (de->d_name[1] && strcmp(de->d_name, "..") != 0)) {
            snprintf(path, sizeof(path), "%s/%s", dir, de->d_name);
            unlink(path);
        }
    closedir(d);
    rmdir(dir);
}

/* This target's temporary directory (/tmp/dossier-fuzz-TAG.XXXXXX), made on
 * the first call and removed at exit. */
static char fuzz_dir_path[64];
static inline void fuzz_dir_remove(void) { fuzz_rm_dir(fuzz_dir_path); }
static inline const char *fuzz_tmp_dir(const char *tag)
{
    if (!fuzz_dir_path[0]) {
        snprintf(fuzz_dir_path, sizeof(fuzz_dir_path), "/tmp/dossier-fuzz-%s.XXXXXX", tag);
        if (!mkdtemp(fuzz_dir_path)) abort();
        atexit(fuzz_dir_remove);
    }
    return fuzz_dir_path;
}
#endif

/* fuzz_formats.c - libFuzzer target: the readers of zip files and of what
 * is made of them (DOCX, ODT, EPUB), of PDF, and archives as inputs
 * (members listed, then each read back by its archive:member name). The
 * first byte picks the format: 0 PDF, 1 DOCX, 2 ODT, 3 EPUB, 4 a zip or tar
 * given as input. Limits are small, so that a bomb costs little. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size);

/* The text is terminated, NUL-free, and pages start inside it, in order;
 * the segmenter keeps every span inside it. */
static void formats_check(dx_doc *doc)
{
    if (!doc->text || strlen(doc->text) != doc->len) abort();
    for (size_t i = 0; i < doc->page_starts.len; i++)
        if (doc->page_starts.items[i] > doc->len || (i && doc->page_starts.items[i] < doc->page_starts.items[i - 1]))
            abort();
    dx_run_stages(doc, fuzz_lexicon(), NULL, DX_RUN_EVENTS, 0);
    fuzz_check_doc(doc);
}

static void formats_read_one(const char *path, const char *body, size_t n, const dossier_options *opt)
{
    dx_doc doc;
    dx_doc_init(&doc);
    dossier_error err = {0};
    int st = body ? dx_read_memory_opt(path, body, n, opt, &doc, &err) : dx_read_file_opt(path, opt, &doc, &err);
    if (st == 0) formats_check(&doc);
    else if (!err.code || !err.message[0] || doc.status == DX_DOC_READ) abort(); /* a failure says why */
    dx_doc_fini(&doc);
}

typedef struct {
    char names[64][256];
    size_t n;
} member_list;

static void formats_on_member(void *ud, const dossier_member *m)
{
    member_list *ms = ud;
    if (!m->name || !m->why || (m->status != DOSSIER_DOC_READ && !m->why[0])) abort();
    if (m->status == DOSSIER_DOC_READ && ms->n < 64 && strlen(m->name) < 256) strcpy(ms->names[ms->n++], m->name);
}

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
    static const char *const names[] = {"fuzz.pdf", "fuzz.docx", "fuzz.odt", "fuzz.epub"};
    dossier_options opt;
    memset(&opt, 0, sizeof(opt));
    opt.limits.member_bytes = 1 << 20;
    opt.limits.total_bytes = 4 << 20;
    opt.limits.members = 64;
    opt.limits.depth = 2;
    int k = size ? data[0] % 5 : 0;
    const char *body = (const char *)data + (size ? 1 : 0);
    size_t n = size ? size - 1 : 0;
    if (k < 4) {
        formats_read_one(names[k], body, n, &opt);
        return 0;
    }
    char path[128];
    snprintf(path, sizeof(path), "%s/fuzz.zip", fuzz_tmp_dir("formats"));
    FILE *fp = fopen(path, "wb");
    if (!fp || fwrite(body, 1, n, fp) != n || fclose(fp) != 0) abort();
    member_list *ms = calloc(1, sizeof(*ms));
    if (!ms) abort();
    dossier_error err = {0};
    if (dossier_archive_list(path, &opt, formats_on_member, ms, &err) != 0 && (!err.code || !err.message[0])) abort();
    for (size_t i = 0; i < ms->n; i++) formats_read_one(ms->names[i], NULL, 0, &opt);
    free(ms);
    unlink(path);
    return 0;
}

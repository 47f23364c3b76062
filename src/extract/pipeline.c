/* pipeline.c - the map step: one document read and taken through every
 * stage, in order, into a self-contained result (the public extraction
 * calls of dossier.h).
 *
 * Threads: none start here; any number of threads may extract documents
 * at once (the lexicon is read-only once loaded). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/mem.h"
#include "base/stats.h"
#include "extract/read.h"
#include "extract/stages.h"

void dx_run_stages(dx_doc *doc, const dx_lexicon *lex, const char *dct, dx_run_last last, int skip_names)
{
    uint64_t t = dx_stage_now();
    dx_segment(doc, lex);
    dx_stage_add(DX_STAGE_SEGMENT, t);
    if (last < DX_RUN_NAMES) return;
    if (!skip_names) {
        t = dx_stage_now();
        dx_recognize_names(doc, lex);
        dx_stage_add(DX_STAGE_NAMES, t);
        if (last < DX_RUN_RESOLVE) return;
        t = dx_stage_now();
        dx_resolve_doc(doc, lex);
        dx_stage_add(DX_STAGE_RESOLVE, t);
    }
    if (last < DX_RUN_DATES) return;
    t = dx_stage_now();
    dx_recognize_dates(doc, lex, dct);
    dx_mention_sort(doc->ments.items, doc->ments.len);
    dx_stage_add(DX_STAGE_DATES, t);
    if (last < DX_RUN_EVENTS) return;
    t = dx_stage_now();
    dx_find_events(doc, lex, dct);
    dx_stage_add(DX_STAGE_EVENTS, t);
}

static dossier_docresult *run(const dossier_lexicon *lex, dx_doc *doc, const dossier_options *opt)
{
    /* the document's own date: as given, else from its metadata */
    const char *dct = opt ? opt->dct : NULL;
    if (dct) doc->dct_from = opt->dct_from ? opt->dct_from : "given";
    /* (the dates stage reads against a day: a month or a year alone is none) */
    else if (strlen(doc->meta.date) == 10) dct = doc->meta.date, doc->dct_from = "metadata";
    if (doc->len <= DX_PIECE_BYTES) {
        dx_run_stages(doc, lex, dct, DX_RUN_EVENTS, 0);
        uint64_t t = dx_stage_now();
        dossier_docresult *r = dx_docresult_from_doc(doc);
        dx_stage_add(DX_STAGE_RESULT, t);
        return r;
    }
    /* one piece at a time: a 300 MB file took 16 times its size */
    dx_pieces acc;
    dx_pieces_init(&acc);
    for (size_t at = 0; at < doc->len;) {
        size_t end = dx_piece_end(doc->text, doc->len, at, DX_PIECE_BYTES);
        dx_doc piece;
        dx_doc_init(&piece);
        piece.path = xstrdup(doc->path ? doc->path : "-");
        piece.text = xstrndup(doc->text + at, end - at);
        piece.len = end - at;
        piece.dct_from = doc->dct_from;
        dx_run_stages(&piece, lex, dct, DX_RUN_EVENTS, 0);
        uint64_t t = dx_stage_now();
        dossier_docresult *r = dx_docresult_from_doc(&piece);
        dx_doc_fini(&piece);
        dx_pieces_add(&acc, r, (uint32_t)at);
        dossier_docresult_free(r);
        dx_stage_add(DX_STAGE_RESULT, t);
        at = end;
    }
    return dx_pieces_finish(&acc, doc->warning, doc->len);
}

dossier_docresult *dossier_extract_memory(const dossier_lexicon *lex, const char *path,
                                          const char *data, size_t n,
                                          const dossier_options *opt, dossier_error *err)
{
    dx_doc doc;
    dx_doc_init(&doc);
    if (dx_read_memory_opt(path, data, n, opt, &doc, err)) {
        dx_doc_fini(&doc);
        return NULL;
    }
    dossier_docresult *r = run(lex, &doc, opt);
    dx_doc_fini(&doc);
    return r;
}

dossier_docresult *dossier_extract_input(const dossier_lexicon *lex, const char *path,
                                         const dossier_options *opt, dossier_error *err)
{
    dx_doc doc;
    dx_doc_init(&doc);
    uint64_t t = dx_stage_now();
    int st = dx_read_file_opt(path, opt, &doc, err);
    dx_stage_add(DX_STAGE_READ, t);
    dossier_docresult *r;
    if (st) {
        /* why (the status column says skipped, the message need not) */
        char why[sizeof(err->message)];
        snprintf(why, sizeof(why), "%s", err->message);
        size_t wl = strlen(why);
        if (wl > 9 && strcmp(why + wl - 9, ", skipped") == 0) why[wl - 9] = '\0';
        const char *name = path;
        if (strcmp(path, "-") == 0) name = opt && opt->stdin_name && *opt->stdin_name ? opt->stdin_name : "stdin";
        r = dossier_docresult_new_skipped(name, doc.status == DX_DOC_FAILED ? DOSSIER_DOC_FAILED
                                                                            : DOSSIER_DOC_SKIPPED,
                                          doc.meta.bytes, why);
        dx_docresult_set_meta(r, &doc.meta);
    } else {
        r = run(lex, &doc, opt);
    }
    dx_doc_fini(&doc);
    return r;
}

dossier_docresult *dossier_extract_file(const dossier_lexicon *lex, const char *path,
                                        const dossier_options *opt, dossier_error *err)
{
    dx_doc doc;
    dx_doc_init(&doc);
    doc.strict = opt && opt->strict;
    uint64_t t = dx_stage_now();
    int st = dx_read_file_opt(path, opt, &doc, err);
    dx_stage_add(DX_STAGE_READ, t);
    if (st) {
        dx_doc_fini(&doc);
        return NULL;
    }
    dossier_docresult *r = run(lex, &doc, opt);
    dx_doc_fini(&doc);
    return r;
}

int dossier_text_file(const char *path, char **text, size_t *len, dossier_error *err)
{
    dx_doc doc;
    dx_doc_init(&doc);
    int st = dx_read_file(path, &doc, err);
    if (!st) {
        *text = doc.text;
        *len = doc.len;
        doc.text = NULL;
    }
    dx_doc_fini(&doc);
    return st;
}

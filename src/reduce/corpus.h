/* corpus.h - the corpus of document results, the reduce side's store: each
 * document's result in memory, or its rows in the spill file or a shard
 * file, read back one document at a time in path order. Private to
 * reduce/; export/export.c reads it through the two calls at the end. */
#ifndef DOSSIER_REDUCE_CORPUS_H
#define DOSSIER_REDUCE_CORPUS_H

#include <pthread.h>
#include <stdio.h>

#include "base/map.h"
#include "model/docresult.h"
#include "model/graph.h"
#include "reduce/spill.h"

/* One document of a corpus: its result in memory, or where it lies in a
 * spill or partial file. */
typedef struct {
    char *path;
    size_t text_len;
    int file;              /* index into dossier_corpus.files, or -1 when in memory */
    long long offset;      /* byte offset of its D row in that file */
    size_t length;         /* bytes of its rows */
    long line;             /* line of its D row */
    dossier_docresult *mem;
    dx_spill_parts parts;  /* in the spill (spill.h's records): where its parts end */
} dx_corpus_entry;

struct dx_stream; /* stream.c: documents merged as they come */

/* Threads: any number of extraction threads add results at once (lock);
 * everything else runs on one thread. */
struct dossier_corpus {
    DX_VEC(dx_corpus_entry) entries;
    DX_VEC(FILE *) files;   /* [0] is the spill file when spilling */
    DX_VEC(char *) file_names;
    int spill;              /* dossier_corpus_add writes results to files[0] */
    long long spill_end;    /* bytes written to the spill */
    long spill_lines;       /* lines written to the spill */
    int sorted;
    pthread_mutex_t lock;   /* dossier_corpus_add from several threads */
    struct dx_stream *stream; /* dossier_corpus_expect: merged as results come */
    char *spill_dir;        /* where the spill file is */
    int spill_errno;        /* why a write to the spill failed first, or 0 */
    size_t spill_failures;  /* results kept in memory because of it */
    int texts_errno;        /* why the graph's sentences could not go to a scratch file, or 0 */
    size_t texts_kept;      /* bytes of them kept in memory because of it */
    dx_map *seen_docs;      /* documents of partial results: rows hash + path */
    size_t duplicates;      /* documents of partial results already in, not added again */
};

/* store.c: files r's rows (in the spill, or in memory when there is none
 * or it failed: then the entry keeps r, .mem) and returns its entry. want:
 * what of r the spill must give back (DX_PART_*). */
dx_corpus_entry dx_corpus_store(dossier_corpus *c, dossier_docresult *r, unsigned want);
/* 1 when an entry lies in the spill (spill.h's records), 0 in a shard
 * (partial.h's rows) or in memory. */
int dx_corpus_in_spill(const dossier_corpus *c, const dx_corpus_entry *e);
/* The first len bytes of an entry as they lie in its file (one read),
 * NUL-terminated; caller frees. */
char *dx_corpus_read_rows(dossier_corpus *c, const dx_corpus_entry *e, size_t len, dossier_error *err);
/* An entry's result: its own when in memory, else read back (caller frees
 * with dossier_docresult_free); NULL with err on a read error. */
dossier_docresult *dx_corpus_entry_get(dossier_corpus *c, const dx_corpus_entry *e, unsigned want,
                                       dossier_error *err);
/* The documents in path order: dx_corpus_len sorts them; dx_corpus_get
 * returns document i with at least the parts in want; dx_corpus_put hands
 * it back. */
size_t dx_corpus_len(dossier_corpus *c);
dossier_docresult *dx_corpus_get(dossier_corpus *c, size_t i, unsigned want, dossier_error *err);
void dx_corpus_put(dossier_corpus *c, size_t i, dossier_docresult *r);

/* stream.c */
void dx_stream_free(struct dx_stream *s);
/* Why the sentences of the graph being merged as results come could not go
 * to their scratch file, and how many bytes were kept in memory instead
 * (left as they are when nothing failed). */
void dx_stream_texts(const dossier_corpus *c, int *err_no, size_t *kept);
/* 1 when the corpus's results were kept for the outputs only (a lean
 * stream): it cannot be written as a partial result. */
int dx_corpus_is_lean(const dossier_corpus *c);

/* The merged, sealed graph of the corpus: the one merged as results came
 * when that is the whole corpus in order, else merged now (jobs > 1:
 * documents read back ahead by a second thread). NULL with err on failure;
 * caller frees with dx_graph_free. */
dx_graph *dx_corpus_graph(dossier_corpus *c, int jobs, dossier_error *err);
/* For export.c, dx_corpus_graph in two steps: the graph merged, its
 * entities final (ids, labels, in id order) but its accounts not yet
 * aggregated into events, so that the outputs that read only the
 * documents and the entities (mentions.csv) can be written by another
 * thread while dx_corpus_graph_seal, on one thread, aggregates and seals. */
dx_graph *dx_corpus_graph_merged(dossier_corpus *c, int jobs, dossier_error *err);
void dx_corpus_graph_seal(dx_graph *g);
/* For export.c, before it frees g: notes why g's sentences were kept in
 * memory (dossier_corpus_spill_failed says it). */
void dx_corpus_texts_done(dossier_corpus *c, const dx_graph *g);
/* The documents in path order as a read-only sequence (mentions.csv). */
void dx_corpus_docs(dossier_corpus *c, dx_docs *out);

#endif

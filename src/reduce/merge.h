/* merge.h - the reduce step: documents' results merged, in path order, into
 * the typed graph (entities by id, events numbered in document order,
 * participant, derived and co-occurrence edges with their first evidence).
 * The result depends only on the set of documents, so shards merge exactly. */
#ifndef DOSSIER_REDUCE_MERGE_H
#define DOSSIER_REDUCE_MERGE_H

#include "model/docresult.h"
#include "model/graph.h"

/* What a merge reads of a document. */
#define DX_MERGE_WANT (DX_PART_ENTS | DX_PART_EVENTS | DX_PART_COOCS)

/* The merge, fed one document at a time in path order. */
typedef struct dx_merger dx_merger;
dx_merger *dx_merger_new(void);
/* The sentences the merge keeps go to a scratch file in dir (model/texts.h)
 * instead of memory; 0, or the errno of why not (they stay in memory). */
int dx_merger_spill(dx_merger *m, const char *dir);
void dx_merger_add(dx_merger *m, const dossier_docresult *r);
/* Where the merge keeps its sentences so far (to say why in memory). */
const dx_texts *dx_merger_texts(const dx_merger *m);
/* Documents merged so far, and the path and text length of the i-th (to
 * check that they are a corpus's, in its order). */
size_t dx_merger_count(const dx_merger *m);
void dx_merger_doc(const dx_merger *m, size_t i, const char **path, size_t *text_len);
/* The graph, its entities in id order, its accounts not yet aggregated
 * into events (dx_aggregate); frees the merger. */
dx_graph *dx_merger_finish(dx_merger *m);
void dx_merger_free(dx_merger *m);

/* Aggregate the accounts of a merged graph (entities in id order) into
 * events: g->aggs, each account's agg, the edges to events, the entities'
 * spells (aggregate.c). */
void dx_aggregate(dx_graph *g);

/* Merge a sequence of documents (as dx_merger_finish leaves the graph:
 * not aggregated). jobs > 1: documents are read back by a second thread,
 * ahead of the merge. spill_dir: the sentences go to a
 * scratch file there (NULL: memory; *spill_errno says why they could not).
 * A read error leaves g->failed set, with g->error. Caller frees with
 * dx_graph_free. */
dx_graph *dx_graph_build(const dx_docs *docs, int jobs, const char *spill_dir, int *spill_errno);

#endif

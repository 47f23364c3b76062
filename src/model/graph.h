/* graph.h - the merged typed graph over all documents (the reduce output)
 * and the read-only views every exporter shares. Built by reduce/merge.c;
 * once sealed (dx_graph_seal) it is never written again, so any number of
 * exporter threads read it without a lock. */
#ifndef DOSSIER_MODEL_GRAPH_H
#define DOSSIER_MODEL_GRAPH_H

#include <stddef.h>
#include <stdint.h>

#include "base/buf.h"
#include "base/mem.h"
#include "base/vec.h"
#include "dossier.h"
#include "model/types.h"

typedef enum { DX_NODE_ENTITY = 1, DX_NODE_EVENT = 2 } dx_node_kind;

typedef struct {
    char *id, *label;
    dx_ent_type type;
    char *aliases, *start, *end, *roles;
    uint32_t mentions, documents;
    char first_date[11], last_date[11]; /* ISO days bounding the dated events it takes part in */
    int32_t last_doc;                   /* internal: for counting documents */
} dx_gent;

typedef struct {
    char *id;                 /* "event:<document>:<trigger offset>" */
    dx_ev_type type;
    dx_modality modality;
    char *source;             /* label of who alleges, or free text; "" for ASSERTED */
    DX_VEC(int32_t) agents;   /* indexes into graph ents */
    DX_VEC(int32_t) patients;
    int32_t place;
    char *charge;
    char *date;               /* EDTF or "" */
    dx_date_mod date_mod;
    char start[11], end[11];  /* ISO bounds of date, "" when undated */
    char *document;
    uint32_t trig_start, trig_end;
    char *trigger, *sentence;
    size_t doc_order;         /* index of its document, for stable ordering */
} dx_gevent;

typedef struct {
    dx_node_kind src_kind, dst_kind;
    int32_t src, dst;         /* index into ents or events by kind */
    dx_rel rel;
    dx_modality modality;     /* derived relations: the event's modality */
    int directed;
    uint32_t weight;          /* occurrences */
    uint32_t documents;
    char *document;           /* first evidence */
    char *sentence;
    char first_date[11], last_date[11];
    int32_t last_doc;
} dx_gedge;

typedef struct {
    DX_VEC(char *) documents; /* sorted paths (events and edges point to these) */
    DX_VEC(char *) document_dates; /* per document: the dates its text was read against, or "" */
    DX_VEC(dx_gent) ents;     /* sorted by id */
    DX_VEC(dx_gevent) events; /* document order, then trigger offset */
    DX_VEC(dx_gedge) edges;   /* in the order the merge made them */
    size_t n_mentions;
    dx_arena arena;           /* every string and agents/patients array above */
    int failed;               /* a document could not be read back: error says why */
    dossier_error error;
    size_t *by_date;          /* the view of dx_events_by_date, made by dx_graph_seal */
} dx_graph;

/* An empty graph; caller frees with dx_graph_free. */
dx_graph *dx_graph_new(void);
void dx_graph_free(dx_graph *g);
/* Compute the shared views once the merge is done (the events in date
 * order); the graph is read-only from then on. */
void dx_graph_seal(dx_graph *g);

/* Indexes of g->events in date order: dated by start, end, then document
 * order; undated last in document order. Borrowed from the sealed graph. */
const size_t *dx_events_by_date(const dx_graph *g);
/* Index of entity id in g->ents, or -1. */
int32_t dx_graph_find_ent(const dx_graph *g, const char *id);
/* Labels of the given entities joined with "; ". Caller frees. */
char *dx_graph_join_labels(const dx_graph *g, const int32_t *idx, size_t n);
/* The same, appended to out. */
void dx_join_labels_to(dx_buf *out, const dx_graph *g, const int32_t *idx, size_t n);
/* The id of node i of kind k (an entity's or an event's). */
const char *dx_graph_node_id(const dx_graph *g, dx_node_kind k, int32_t i);
/* A stable, unique id for an edge (the same in graph.gexf and relations.csv):
 * "source|relation|modality|target". Replaces the contents of out. */
void dx_graph_edge_id(const dx_graph *g, const dx_gedge *e, dx_buf *out);

#endif

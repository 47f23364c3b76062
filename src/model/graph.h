/* graph.h - the merged typed graph over all documents (the reduce output)
 * and the read-only views every exporter shares. Built by reduce/merge.c
 * (entities, accounts, relations) and reduce/aggregate.c (events); once
 * sealed (dx_graph_seal) it is never written again, so any number of
 * exporter threads read it without a lock.
 *
 * An *account* (dx_gevent, g->events: one row of timeline.csv) is what one
 * sentence of one document says happened, with its modality and source. An
 * *event* (dx_gagg, g->aggs: one row of events.csv, one node of the graph)
 * is the accounts of one real-world happening, from one or many documents. */
#ifndef DOSSIER_MODEL_GRAPH_H
#define DOSSIER_MODEL_GRAPH_H

#include <stddef.h>
#include <stdint.h>

#include "base/buf.h"
#include "base/mem.h"
#include "base/vec.h"
#include "dossier.h"
#include "model/texts.h"
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

/* Entity indexes of an account, in the graph's arena: .items and .len as
 * in a DX_VEC, without its capacity (a million accounts hold them). */
typedef struct {
    int32_t *items;
    uint32_t len;
} dx_ids;

/* An account. A million of them hold a large corpus's graph: laid out
 * without holes (136 bytes), its kinds in a byte each, its document, its
 * sentence and its id out of it (dx_account_document, dx_account_sentence,
 * dx_account_id). */
typedef struct {
    char *source;             /* label of who alleges, or free text; "" for ASSERTED */
    dx_ids agents;            /* indexes into graph ents */
    dx_ids patients;
    char *charge;
    char *date;               /* EDTF or "" */
    char *trigger;
    uint64_t sent_off;        /* its sentence in g->texts (dx_account_sentence) */
    uint32_t sent_len;
    uint32_t doc_order;       /* index of its document (g->documents), for stable ordering */
    uint32_t trig_start, trig_end;
    uint32_t page;            /* page of the trigger in a paged document, 0 for others */
    int32_t place;
    int32_t source_ent;       /* the entity who alleges, or -1 */
    int32_t agg;              /* its event in g->aggs, or -1: nothing anchors it */
    uint8_t type;             /* dx_ev_type */
    uint8_t modality;         /* dx_modality */
    uint8_t date_mod;         /* dx_date_mod */
    uint8_t date_basis;       /* dx_date_basis: stated, from the sentence, or inherited from the context */
    char start[11], end[11];  /* ISO bounds of date, "" when undated */
} dx_gevent;

/* Why an event is contested (dx_gagg.contested). */
enum { DX_CONTESTED_DENIED = 1, DX_CONTESTED_DATES = 2 };

/* An event: accounts aggregated (reduce/aggregate.c). */
typedef struct {
    char *id;                 /* "event:arrest:nikolai-bukharin:1937-02" */
    char *headline;           /* "Arrest of Nikolai Bukharin" */
    dx_ev_type type;
    DX_VEC(int32_t) agents;   /* entities its accounts name, most often named first */
    DX_VEC(int32_t) patients;
    int32_t place;            /* the place its accounts name most, or -1 */
    const char *charge;       /* "" or an account's */
    const char *date;         /* the most precise date of its accounts (EDTF), or "" */
    dx_date_mod date_mod;
    dx_date_basis date_basis; /* of the account it takes its date from */
    char start[11], end[11];  /* ISO bounds of date, "" when undated or BC */
    long day_from, day_to;    /* date as days since 1970-01-01, BC too (dated only) */
    int dated;
    int32_t best;             /* the account whose sentence is its evidence */
    uint32_t first, n;        /* its accounts: g->agg_accounts[first .. first + n), in document order */
    uint32_t documents;       /* documents its accounts come from */
    uint32_t modalities[DX_MODAL__COUNT]; /* accounts by modality */
    unsigned contested;       /* DX_CONTESTED_*: some assert or allege it, another denies; dates conflict */
} dx_gagg;

/* A time an entity takes part in dated events: days since 1970-01-01. */
typedef struct {
    int32_t from, to;
} dx_spell;

typedef struct {
    dx_node_kind src_kind, dst_kind;
    int32_t src, dst;         /* index into ents or aggs (events) by kind */
    dx_rel rel;
    dx_modality modality;     /* derived relations: the event's modality */
    int directed;
    uint32_t weight;          /* occurrences */
    uint32_t documents;
    char *document;           /* first evidence */
    uint64_t sent_off;        /* its sentence in g->texts (dx_edge_sentence) */
    uint32_t sent_len;
    char first_date[11], last_date[11];
    int32_t last_doc;
} dx_gedge;

typedef struct {
    DX_VEC(char *) documents; /* sorted paths (events and edges point to these) */
    DX_VEC(char *) document_dates; /* per document: the dates its text was read against, or "" */
    DX_VEC(uint32_t) document_hashes; /* per document: the hash of its path in its accounts' ids */
    DX_VEC(dx_gent) ents;     /* sorted by id */
    DX_VEC(dx_gevent) events; /* document order, then trigger offset */
    DX_VEC(dx_gedge) edges;   /* in the order the merge made them; edges to events last */
    DX_VEC(dx_gagg) aggs;     /* events, in date order (undated last, in document order) */
    int32_t *agg_accounts;    /* the accounts of each event (dx_gagg.first, .n) */
    size_t unanchored;        /* accounts with no event */
    uint32_t *spell_at;       /* entity i's spells: spells[spell_at[i] .. spell_at[i + 1]) */
    dx_spell *spells;         /* from its dated events (agent or patient), merged, in order */
    size_t n_mentions;
    dx_arena arena;           /* every string and agents/patients array above */
    dx_texts texts;           /* the sentences, out of memory when the corpus spills */
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
/* The path of an account's document. */
static inline const char *dx_account_document(const dx_graph *g, const dx_gevent *e)
{
    return g->documents.items[e->doc_order];
}
/* An account's sentence, and an edge's first: in memory, or read back
 * into scratch (valid until it is used again). */
const char *dx_account_sentence(const dx_graph *g, const dx_gevent *e, dx_buf *scratch);
const char *dx_edge_sentence(const dx_graph *g, const dx_gedge *e, dx_buf *scratch);
/* The same through a writer's window on the texts (texts.h), for a writer
 * that reads many of them. */
const char *dx_account_sentence_in(const dx_graph *g, const dx_gevent *e, dx_texts_window *w);
/* An account's id, "event:<hash of its document>-<trigger offset>-<TYPE>",
 * made when asked for (it is a million strings in a large corpus):
 * replaces the contents of out. */
void dx_account_id(const dx_graph *g, const dx_gevent *e, dx_buf *out);
/* Index of entity id in g->ents, or -1. */
int32_t dx_graph_find_ent(const dx_graph *g, const char *id);
/* Labels of the given entities joined with "; ". Caller frees. */
char *dx_graph_join_labels(const dx_graph *g, const int32_t *idx, size_t n);
/* The same, appended to out. */
void dx_join_labels_to(dx_buf *out, const dx_graph *g, const int32_t *idx, size_t n);
/* The id of node i of kind k (an entity's, or an event's: g->aggs). */
const char *dx_graph_node_id(const dx_graph *g, dx_node_kind k, int32_t i);
/* An event's accounts by modality, appended to b: "ASSERTED 3; DENIED 1". */
void dx_agg_modalities(dx_buf *b, const dx_gagg *a);
/* Is the event's date only inherited from the narrative (date_basis
 * "context" for every dated account)? Then report.html and the diagram say
 * "c.". */
int dx_agg_date_inherited(const dx_graph *g, const dx_gagg *a);
/* The distinct sources of an event's accounts (labels, or free text) in
 * the order of its accounts, "; "-joined, at most max of them ("; and 3
 * more"), appended to b. */
void dx_agg_sources(dx_buf *b, const dx_graph *g, const dx_gagg *a, size_t max);
/* The sources named in one cell of events.csv (and events.jsonl) at most. */
#define DX_AGG_SOURCES_MAX 12
/* A stable, unique id for an edge (the same in graph.gexf and relations.csv):
 * "source|relation|modality|target". Replaces the contents of out. */
void dx_graph_edge_id(const dx_graph *g, const dx_gedge *e, dx_buf *out);

#endif

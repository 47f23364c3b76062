/* graph.h - what one document leaves behind (the map output) and the
 * merged typed graph over all documents (the reduce output) that every
 * exporter reads. */
#ifndef DOSSIER_GRAPH_H
#define DOSSIER_GRAPH_H

#include <pthread.h>

#include "internal.h"

/* ---------------------------------------------------------------- map output */

typedef struct {
    uint32_t start, end;
    dx_ent_type type;
    int32_t ent;          /* index into dossier_docresult.ents, -1 for DATE */
    char *text;
    char *value;          /* DATE: EDTF or "" */
    dx_date_mod mod;
} dx_rmention;

typedef struct {
    char *id, *label;
    dx_ent_type type;
    char *aliases, *start, *end, *roles; /* from the gazetteer, or "" */
    uint32_t count;
    int known;       /* from the gazetteer (else recognised by its shape) */
    char *example;   /* unknown entities: the first sentence naming it; else "" */
} dx_rent;

typedef struct {
    dx_ev_type type;
    dx_modality modality;
    uint32_t trig_start, trig_end, sent_start, sent_end;
    char *trigger, *sentence;
    DX_VEC(int32_t) agents;   /* indexes into dossier_docresult.ents */
    DX_VEC(int32_t) patients;
    int32_t place;            /* or -1 */
    int32_t source_ent;       /* or -1 */
    char *source;             /* free-text source when source_ent < 0, else "" */
    char *charge;
    char *date;               /* EDTF or "" */
    dx_date_mod date_mod;
} dx_revent;

/* Entities named together in one sentence. */
typedef struct {
    int32_t a, b; /* a < b, indexes into ents */
    uint32_t count;
    uint32_t sent_start, sent_end; /* byte offsets of that sentence */
    char *sentence; /* the first sentence that names both (shared by the pairs of a sentence) */
} dx_rcooc;

/* Strings live in the result's arena (or, read back from a partial file,
 * in its block); the four arrays are malloc'd; an agents/patients array
 * with cap 0 is borrowed from the arena, else malloc'd. */
struct dossier_docresult {
    char *path;
    char *warning;
    size_t text_len;
    DX_VEC(dx_rmention) ments;
    DX_VEC(dx_rent) ents;
    DX_VEC(dx_revent) events;
    DX_VEC(dx_rcooc) coocs;
    dx_arena arena;
    char *block;          /* read back: the rows the strings point into */
    size_t skipped_mentions; /* read back without its mentions: how many it has */
};

/* Build the result of a processed document (copies what it needs). */
dossier_docresult *dx_docresult_from_doc(const dx_doc *doc);
/* Free what a result owns, but not the struct itself nor its block. */
void dx_docresult_free_parts(dossier_docresult *r);

/* ---------------------------------------------------------------- the merged graph */

typedef enum {
    DX_REL_NONE = 0,
    DX_REL_AGENT,       /* entity -> event */
    DX_REL_PATIENT,     /* entity -> event: to whom it was done */
    DX_REL_PLACE,
    DX_REL_SOURCE,      /* who alleges / confesses / denies it */
    DX_REL_ACCUSED,     /* person -> person, derived from events */
    DX_REL_ARRESTED,
    DX_REL_SENTENCED,
    DX_REL_EXECUTED,
    DX_REL_KILLED,
    DX_REL_TESTIFIED_AGAINST,
    DX_REL_CONSPIRED_WITH,
    DX_REL_EXPELLED,
    DX_REL_APPOINTED,
    DX_REL_DISMISSED,
    DX_REL_COOCCURS,    /* undirected, weighted */
    DX_REL__COUNT
} dx_rel;
const char *dx_rel_name(dx_rel r);

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
    DX_VEC(dx_gent) ents;     /* sorted by id */
    DX_VEC(dx_gevent) events; /* document order, then trigger offset */
    DX_VEC(dx_gedge) edges;   /* sorted: kind, source id, target id, relation */
    size_t n_mentions;
    dx_arena arena;           /* every string and agents/patients array above */
    int failed;               /* a document could not be read back: error says why */
    dossier_error error;
    pthread_mutex_t lock;     /* by_date, made by the first exporter that needs it */
    size_t *by_date;
} dx_graph;

struct dossier_corpus;
/* Merge the documents of a corpus into a graph. Caller frees with dx_graph_free. */
/* jobs > 1: documents are read back by a second thread, ahead of the merge. */
dx_graph *dx_graph_build(struct dossier_corpus *c, int jobs);
void dx_graph_free(dx_graph *g);
/* The same merge, fed one document at a time (in path order) by whoever
 * has it: dx_graph_build is a merger over a corpus's documents. */
typedef struct dx_merger dx_merger;
/* What a merge reads of a document (DX_PART_* of partial.h). */
#define DX_MERGE_WANT (DX_PART_ENTS | DX_PART_EVENTS | DX_PART_COOCS)
dx_merger *dx_merger_new(void);
void dx_merger_add(dx_merger *m, const dossier_docresult *r);
/* 1 when the documents merged are those of c, in c's order (path, length). */
int dx_merger_matches(const dx_merger *m, struct dossier_corpus *c);
dx_graph *dx_merger_finish(dx_merger *m);
void dx_merger_free(dx_merger *m);
/* Labels of the given entities joined with "; ". Caller frees. */
char *dx_graph_join_labels(const dx_graph *g, const int32_t *idx, size_t n);
/* Index of entity id in g->ents, or -1. */
int32_t dx_graph_find_ent(const dx_graph *g, const char *id);

/* The corpus: the documents' results, sorted by path at build time. */
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
} dx_corpus_entry;

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
};

/* The documents of a corpus in path order, one at a time, so that a large
 * corpus never sits in memory whole. dx_corpus_len sorts them; dx_corpus_get
 * returns document i (read back from its file if spilled, with at least the
 * parts in want, DX_PART_* of partial.h; NULL with err on a read error);
 * dx_corpus_put hands it back. */
size_t dx_corpus_len(struct dossier_corpus *c);
dossier_docresult *dx_corpus_get(struct dossier_corpus *c, size_t i, unsigned want,
                                 dossier_error *err);
void dx_corpus_put(struct dossier_corpus *c, size_t i, dossier_docresult *r);

/* Exporters: write one file to fp; return 0 or an error code with err set. */
int dx_export_timeline_csv(const dx_graph *g, FILE *fp, int excel, dossier_error *err);
int dx_export_timelinejs_csv(const dx_graph *g, FILE *fp, int excel, dossier_error *err);
int dx_export_entities_csv(const dx_graph *g, FILE *fp, int excel, dossier_error *err);
int dx_export_relations_csv(const dx_graph *g, FILE *fp, int excel, dossier_error *err);
int dx_export_mentions_csv(struct dossier_corpus *c, const dx_graph *g, FILE *fp, int excel,
                           dossier_error *err);
int dx_export_dot(const dx_graph *g, FILE *fp, const dossier_export_options *opt,
                  dossier_error *err);
/* graph.gexf is written in parts (ranges of nodes, then of directed and of
 * undirected edges), so that other threads can write some of them into
 * files of their own while the file is being written. */
enum { DX_GEXF_NODES, DX_GEXF_DIRECTED, DX_GEXF_UNDIRECTED };
#define DX_GEXF_MAX_PARTS 48
typedef struct {
    int kind;
    size_t from, to; /* nodes (entities, then events), or edges */
} dx_gexf_part;
typedef struct {
    dx_gexf_part parts[DX_GEXF_MAX_PARTS];
    size_t n;
    int any_directed;
} dx_gexf_plan;
/* Each kind in split ranges (1: the whole file in three parts). */
void dx_gexf_plan_make(const dx_graph *g, size_t split, dx_gexf_plan *plan);
/* Part i into its own file fp, whose position is left at its start. */
int dx_export_gexf_part(const dx_graph *g, const dx_gexf_plan *plan, size_t i, FILE *fp, int gexf_12,
                        dossier_error *err);
/* How graph.gexf gets part i: 0, it writes it; 1, it copies *from (written
 * by dx_export_gexf_part); -1, the part failed (err set). get NULL: it
 * writes every part. */
typedef int (*dx_gexf_part_fn)(void *ctx, size_t i, FILE **from, dossier_error *err);
int dx_export_gexf(const dx_graph *g, FILE *fp, int gexf_12, const dx_gexf_plan *plan, dx_gexf_part_fn get,
                   void *ctx, dossier_error *err);
/* The diagram of dx_export_dot laid out and rendered to SVG through gvc.
 * *svg is NUL-terminated; caller frees. */
int dx_render_svg(const dx_graph *g, const dossier_export_options *opt, char **svg, size_t *len,
                  dossier_error *err);
/* report.html: one self-contained page with the diagram (svg, borrowed; NULL
 * when it could not be rendered, with why in svg_error) and the timeline. */
int dx_export_html(const dx_graph *g, const char *svg, size_t svg_len, const char *svg_error,
                   FILE *fp, dossier_error *err);
/* A stable, unique id for an edge (the same in graph.gexf and relations.csv):
 * "source|relation|modality|target". Replaces the contents of out. */
void dx_graph_edge_id(const dx_graph *g, const dx_gedge *e, dx_buf *out);
/* Text escaped for HTML and XML content and attributes (& < > " and CR),
 * by libxml2. Caller frees. */
char *dx_html_escape(const char *s);
/* An EDTF value in words, appended to out: "13 March 1938", "spring 1938",
 * "March 1937 – April 1937", "c. 1938", preceded by the modifier ("early"). */
void dx_edtf_words(const char *edtf, dx_date_mod mod, dx_buf *out);
/* Indexes of g->events in date order: dated by start, end, then document
 * order; undated last in document order. Sorted once per graph, by the
 * first exporter that asks (from any thread); the graph keeps it. */
const size_t *dx_events_by_date(const dx_graph *g);

/* ISO day bounds of an EDTF value ("1938-03" -> 1938-03-01, 1938-03-31).
 * Returns 0 when the value has no calendar bounds (empty, unresolved). */
int dx_edtf_bounds(const char *edtf, char start[11], char end[11]);

#endif

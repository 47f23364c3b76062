/* writer.h - the writers of the outputs, one file each, and what every
 * writer gets. Writers read the sealed graph (and, for mentions.csv, the
 * documents), except those export.c marks EARLY (mentions.csv,
 * documents.csv, mentions.jsonl): they read only the documents and the
 * graph's entities, which are final before the accounts are aggregated and
 * the graph sealed, and may run while that happens; they include only base/, model/ and export/ headers, never
 * each other's files: what two writers share lives one floor down
 * (model/, export/escape.h). export.c owns the table of outputs. */
#ifndef DOSSIER_EXPORT_WRITER_H
#define DOSSIER_EXPORT_WRITER_H

#include <stdio.h>

#include "dossier.h"
#include "model/docresult.h"
#include "model/graph.h"

struct dx_gexf_plan;
/* How graph.gexf gets part i: 0, it writes it; 1, it copies *from (written
 * by dx_export_gexf_part); -1, the part failed (err set). */
typedef int (*dx_gexf_part_fn)(void *ctx, size_t i, FILE **from, dossier_error *err);

typedef struct {
    const dx_graph *g;                 /* sealed (EARLY writers: its entities final) */
    const dossier_export_options *opt; /* may be NULL: the defaults */
    int excel;                         /* CSV rows end in CRLF (the BOM is export.c's) */
    const dx_docs *docs;               /* the documents in path order, for mentions.csv and documents.csv */
    const char *svg;                   /* the diagram rendered once, or NULL */
    size_t svg_len;
    const char *svg_why;               /* why svg is NULL, for the report */
    /* graph.gexf's parts written by other threads (NULL: all by itself) */
    const struct dx_gexf_plan *gexf_plan;
    dx_gexf_part_fn gexf_get;
    void *gexf_ctx;
} dx_export_ctx;

/* A writer: one output into fp; 0, or an error code with err set. */
typedef int (*dx_writer_fn)(const dx_export_ctx *x, FILE *fp, dossier_error *err);

int dx_write_dot(const dx_export_ctx *x, FILE *fp, dossier_error *err);           /* dot.c */
int dx_write_gexf(const dx_export_ctx *x, FILE *fp, dossier_error *err);          /* gexf.c */
int dx_write_timeline_csv(const dx_export_ctx *x, FILE *fp, dossier_error *err);  /* timeline.c */
int dx_write_events_csv(const dx_export_ctx *x, FILE *fp, dossier_error *err);    /* events.c */
int dx_write_timelinejs_csv(const dx_export_ctx *x, FILE *fp, dossier_error *err); /* timelinejs.c */
int dx_write_entities_csv(const dx_export_ctx *x, FILE *fp, dossier_error *err);  /* entities.c */
int dx_write_relations_csv(const dx_export_ctx *x, FILE *fp, dossier_error *err); /* relations.c */
int dx_write_mentions_csv(const dx_export_ctx *x, FILE *fp, dossier_error *err);  /* mentions.c */
int dx_write_report(const dx_export_ctx *x, FILE *fp, dossier_error *err);        /* report.c */
int dx_write_svg(const dx_export_ctx *x, FILE *fp, dossier_error *err);           /* svg.c */
int dx_write_ftm(const dx_export_ctx *x, FILE *fp, dossier_error *err);           /* ftm.c */
int dx_write_events_jsonl(const dx_export_ctx *x, FILE *fp, dossier_error *err);  /* events_jsonl.c */
int dx_write_accounts_jsonl(const dx_export_ctx *x, FILE *fp, dossier_error *err); /* accounts_jsonl.c */
int dx_write_entities_jsonl(const dx_export_ctx *x, FILE *fp, dossier_error *err); /* entities_jsonl.c */
int dx_write_mentions_jsonl(const dx_export_ctx *x, FILE *fp, dossier_error *err); /* mentions_jsonl.c */
int dx_write_documents_csv(const dx_export_ctx *x, FILE *fp, dossier_error *err); /* documents.c */

/* The diagram of dx_write_dot laid out and rendered to SVG through gvc
 * (dot.c). *svg is NUL-terminated; caller frees. */
int dx_render_svg(const dx_graph *g, const dossier_export_options *opt, char **svg, size_t *len,
                  dossier_error *err);

#endif

/* gexf.h - graph.gexf in parts (ranges of nodes, then of directed and of
 * undirected edges), so that other threads can write some of them into
 * files of their own while the file is being written (export.c). */
#ifndef DOSSIER_EXPORT_GEXF_H
#define DOSSIER_EXPORT_GEXF_H

#include <stdio.h>

#include "export/writer.h"

enum { DX_GEXF_NODES, DX_GEXF_DIRECTED, DX_GEXF_UNDIRECTED };
#define DX_GEXF_MAX_PARTS 48
typedef struct {
    int kind;
    size_t from, to; /* nodes (entities, then events), or edges */
} dx_gexf_part;
typedef struct dx_gexf_plan {
    dx_gexf_part parts[DX_GEXF_MAX_PARTS];
    size_t n;
    int any_directed;
} dx_gexf_plan;
/* Each kind in split ranges (1: the whole file in three parts). */
void dx_gexf_plan_make(const dx_graph *g, size_t split, dx_gexf_plan *plan);
/* Part i into its own file fp, whose position is left at its start. */
int dx_export_gexf_part(const dx_graph *g, const dx_gexf_plan *plan, size_t i, FILE *fp, int gexf_12,
                        dossier_error *err);

#endif

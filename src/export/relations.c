/* relations.c - relations.csv: the edges table of Gephi's spreadsheet
 * import (relations between entities), with ids and kinds shared with
 * graph.gexf. */
#include <stdlib.h>
#include <string.h>

#include "base/csvio.h"
#include "base/error.h"
#include "export/writer.h"
#include "model/edtf.h"

int dx_write_relations_csv(const dx_export_ctx *x, FILE *fp, dossier_error *err)
{
    const dx_graph *g = x->g;
    int excel = x->excel;
    static const char *const cols[] = {"Source", "Target", "Type", "Label", "Weight", "relation",
                                       "modality", "documents", "first_date", "last_date",
                                       "Time Interval", "document", "evidence", "Id", "Kind", NULL};
    dx_csv_writer w;
    dx_csv_writer_init_buffered(&w, fp, excel);
    dx_csv_header(&w, cols);
    dx_buf iv, label;
    dx_buf_init(&iv);
    dx_buf_init(&label);
    for (size_t i = 0; i < g->edges.len; i++) {
        const dx_gedge *e = &g->edges.items[i];
        if (e->src_kind != DX_NODE_ENTITY || e->dst_kind != DX_NODE_ENTITY) continue;
        dx_csv_text(&w, g->ents.items[e->src].id);
        dx_csv_text(&w, g->ents.items[e->dst].id);
        dx_csv_raw(&w, e->directed ? "Directed" : "Undirected");
        dx_buf_clear(&label);
        dx_buf_puts(&label, dx_rel_name(e->rel));
        if (e->modality != DX_MODAL_NONE && e->modality != DX_MODAL_ASSERTED)
            dx_buf_printf(&label, " (%s)", dx_modality_name(e->modality));
        dx_csv_text(&w, label.data);
        dx_csv_int(&w, e->weight);
        dx_csv_raw(&w, dx_rel_name(e->rel));
        dx_csv_raw(&w, dx_modality_name(e->modality));
        dx_csv_int(&w, e->documents);
        dx_csv_raw(&w, e->first_date);
        dx_csv_raw(&w, e->last_date);
        dx_gephi_interval(&iv, e->first_date, e->last_date);
        dx_csv_raw(&w, iv.data ? iv.data : "");
        dx_csv_text(&w, e->document);
        dx_csv_text(&w, dx_edge_sentence(g, e, &label));
        dx_graph_edge_id(g, e, &label);
        dx_csv_text(&w, label.data);
        /* Gephi's spreadsheet import keeps parallel edges of different kinds apart */
        dx_csv_raw(&w, dx_rel_name(e->rel));
        dx_csv_end_row(&w);
    }
    dx_buf_fini(&iv);
    dx_buf_fini(&label);
    return dx_csv_finish(&w, "relations.csv", err);
}

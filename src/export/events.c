/* events.c - events.csv: one row per event (the accounts of one real-world
 * happening aggregated), in date order (undated last), with how many
 * accounts and documents tell it, how (ASSERTED 3; DENIED 1), who says so,
 * whether they disagree, a headline and the best account's sentence. */
#include <stdlib.h>
#include <string.h>

#include "base/csvio.h"
#include "base/error.h"
#include "export/writer.h"

int dx_write_events_csv(const dx_export_ctx *x, FILE *fp, dossier_error *err)
{
    const dx_graph *g = x->g;
    static const char *const cols[] = {"Id", "type", "date", "start", "end", "date_basis", "agents", "patients", "place", "charge", "accounts",
                                       "documents", "modalities", "sources", "contested",
                                       "headline", "evidence", NULL};
    dx_csv_writer w;
    dx_csv_writer_init_buffered(&w, fp, x->excel);
    dx_csv_header(&w, cols);
    dx_buf b;
    dx_buf_init(&b);
    for (size_t i = 0; i < g->aggs.len; i++) {
        const dx_gagg *a = &g->aggs.items[i];
        dx_csv_text(&w, a->id);
        dx_csv_raw(&w, dx_ev_type_name(a->type));
        dx_csv_raw(&w, a->date);
        dx_csv_raw(&w, a->start);
        dx_csv_raw(&w, a->end);
        dx_csv_raw(&w, dx_date_basis_name(a->date_basis));
        dx_buf_clear(&b);
        dx_join_labels_to(&b, g, a->agents.items, a->agents.len);
        dx_csv_textn(&w, b.len ? b.data : "", b.len);
        dx_buf_clear(&b);
        dx_join_labels_to(&b, g, a->patients.items, a->patients.len);
        dx_csv_textn(&w, b.len ? b.data : "", b.len);
        dx_csv_text(&w, a->place >= 0 ? g->ents.items[a->place].label : "");
        dx_csv_text(&w, a->charge);
        dx_csv_int(&w, a->n);
        dx_csv_int(&w, a->documents);
        dx_buf_clear(&b);
        dx_agg_modalities(&b, a);
        dx_csv_raw(&w, b.len ? b.data : "");
        dx_buf_clear(&b);
        dx_agg_sources(&b, g, a, DX_AGG_SOURCES_MAX);
        dx_csv_textn(&w, b.len ? b.data : "", b.len);
        dx_csv_raw(&w, a->contested ? "true" : "false");
        dx_csv_text(&w, a->headline);
        dx_csv_text(&w, dx_account_sentence(g, &g->events.items[a->best], &b));
        dx_csv_end_row(&w);
    }
    dx_buf_fini(&b);
    return dx_csv_finish(&w, "events.csv", err);
}

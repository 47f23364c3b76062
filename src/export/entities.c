/* entities.c - entities.csv: the nodes table of Gephi's spreadsheet
 * import, and a curation list. */
#include <stdlib.h>
#include <string.h>

#include "base/csvio.h"
#include "base/error.h"
#include "export/writer.h"
#include "model/edtf.h"

static const char *type_word(dx_ent_type t)
{
    switch (t) {
    case DX_ENT_PERSON: return "person";
    case DX_ENT_ORG: return "organization";
    case DX_ENT_PLACE: return "place";
    default: return "";
    }
}

static void gaz_date(dx_csv_writer *w, const char *s)
{
    if (strspn(s, "0123456789-XxuU?~%/.") == strlen(s)) dx_csv_raw(w, s);
    else dx_csv_text(w, s);
}

int dx_write_entities_csv(const dx_export_ctx *x, FILE *fp, dossier_error *err)
{
    const dx_graph *g = x->g;
    int excel = x->excel;
    static const char *const cols[] = {"Id", "Label", "Type", "aliases", "mentions", "documents",
                                       "first_date", "last_date", "Time Interval", "born_or_founded",
                                       "died_or_dissolved", "roles", NULL};
    dx_csv_writer w;
    dx_csv_writer_init_buffered(&w, fp, excel);
    dx_csv_header(&w, cols);
    dx_buf iv;
    dx_buf_init(&iv);
    for (size_t i = 0; i < g->ents.len; i++) {
        const dx_gent *e = &g->ents.items[i];
        dx_csv_text(&w, e->id);
        dx_csv_text(&w, e->label);
        dx_csv_raw(&w, type_word(e->type));
        dx_csv_text(&w, e->aliases);
        dx_csv_int(&w, e->mentions);
        dx_csv_int(&w, e->documents);
        dx_csv_raw(&w, e->first_date);
        dx_csv_raw(&w, e->last_date);
        dx_gephi_interval(&iv, e->first_date, e->last_date);
        dx_csv_raw(&w, iv.data ? iv.data : "");
        /* born/died come from the gazetteer as typed by a user: raw only
         * when they look like a date, else neutralised like any text */
        gaz_date(&w, e->start);
        gaz_date(&w, e->end);
        dx_csv_text(&w, e->roles);
        dx_csv_end_row(&w);
    }
    dx_buf_fini(&iv);
    return dx_csv_finish(&w, "entities.csv", err);
}

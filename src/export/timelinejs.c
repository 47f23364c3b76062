/* timelinejs.c - timelinejs.csv: Knight Lab TimelineJS's own sheet
 * template, one row per dated event. */
#include <stdlib.h>
#include <string.h>

#include "base/csvio.h"
#include "base/error.h"
#include "export/escape.h"
#include "export/writer.h"
#include "model/edtf.h"

static void ymd_fields(dx_csv_writer *w, const char *iso, int prec)
{
    if (!iso[0]) {
        dx_csv_empty(w, 4);
        return;
    }
    dx_csv_int(w, atoi(iso)); /* no leading zeros */
    if (prec >= 2) dx_csv_int(w, atoi(iso + 5));
    else dx_csv_empty(w, 1);
    if (prec >= 3) dx_csv_int(w, atoi(iso + 8));
    else dx_csv_empty(w, 1);
    dx_csv_empty(w, 1);
}

static void capitalised(dx_buf *b, const char *word)
{
    size_t at = b->len;
    dx_buf_puts(b, word);
    for (size_t i = at + 1; i < b->len; i++)
        if (b->data[i] >= 'A' && b->data[i] <= 'Z') b->data[i] = (char)(b->data[i] + 32);
}

static void lower_word(dx_buf *b, const char *word)
{
    size_t at = b->len;
    dx_buf_puts(b, word);
    for (size_t i = at; i < b->len; i++)
        if (b->data[i] >= 'A' && b->data[i] <= 'Z') b->data[i] = (char)(b->data[i] + 32);
}

/* Document text in a TimelineJS cell, which TimelineJS renders as HTML. */
static void html_cell(dx_buf *b, const char *s) { dx_html_escape_to(b, s); }

int dx_write_timelinejs_csv(const dx_export_ctx *x, FILE *fp, dossier_error *err)
{
    const dx_graph *g = x->g;
    int excel = x->excel;
    static const char *const cols[] = {
        "Year", "Month", "Day", "Time", "End Year", "End Month", "End Day", "End Time",
        "Display Date", "Headline", "Text", "Media", "Media Credit", "Media Caption",
        "Media Thumbnail", "Type", "Group", "Background", NULL};
    dx_csv_writer w;
    dx_csv_writer_init_buffered(&w, fp, excel);
    dx_csv_header(&w, cols);
    const size_t *idx = dx_events_by_date(g);
    dx_buf disp, head, text, who;
    dx_buf_init(&disp);
    dx_buf_init(&head);
    dx_buf_init(&text);
    dx_buf_init(&who);
    /* the title slide: no date, Type "title" */
    size_t dated = 0;
    for (size_t i = 0; i < g->events.len; i++) dated += g->events.items[i].start[0] != 0;
    dx_csv_empty(&w, 9);
    dx_csv_raw(&w, "dossier: events from the documents");
    dx_buf_printf(&text, "%zu dated events from %zu documents. Dashed lines in graph.dot mark "
                  "what the sources only allege.", dated, g->documents.len);
    dx_csv_text(&w, text.data);
    dx_csv_empty(&w, 4);
    dx_csv_raw(&w, "title");
    dx_csv_empty(&w, 2);
    dx_csv_end_row(&w);
    /* the Type cell ("Arrest") and the modality word ("alleged") of each
     * kind, made once */
    char type_cell[DX_EV__COUNT][32], mod_word[DX_MODAL__COUNT][32];
    for (int t = 0; t < DX_EV__COUNT; t++) {
        dx_buf_clear(&head);
        capitalised(&head, dx_ev_type_name((dx_ev_type)t));
        snprintf(type_cell[t], sizeof(type_cell[t]), "%s", head.data ? head.data : "");
    }
    for (int m = 0; m < DX_MODAL__COUNT; m++) {
        dx_buf_clear(&head);
        lower_word(&head, dx_modality_name((dx_modality)m));
        snprintf(mod_word[m], sizeof(mod_word[m]), "%s", head.data ? head.data : "");
    }
    for (size_t i = 0; i < g->events.len; i++) {
        const dx_gevent *e = &g->events.items[idx[i]];
        if (!e->start[0]) continue; /* TimelineJS needs a year */
        const char *v = e->date;
        size_t vlen = strlen(v);
        const char *slash = memchr(v, '/', vlen);
        ymd_fields(&w, e->start, dx_edtf_precision(v, slash ? (size_t)(slash - v) : vlen));
        if (slash) {
            ymd_fields(&w, e->end, dx_edtf_precision(slash + 1, vlen - (size_t)(slash + 1 - v)));
        } else if (vlen == 7 && v[5] == '2') {
            ymd_fields(&w, e->end, 2); /* a season spans its months */
        } else {
            dx_csv_empty(&w, 4);
        }
        dx_buf_clear(&disp);
        dx_edtf_words(e->date, e->date_mod, &disp);
        dx_csv_textn(&w, disp.len ? disp.data : "", disp.len);
        dx_buf_clear(&who);
        dx_join_labels_to(&who, g, e->patients.items, e->patients.len);
        if (!who.len) dx_join_labels_to(&who, g, e->agents.items, e->agents.len);
        const char *tc = e->type < DX_EV__COUNT ? type_cell[e->type] : "";
        const char *mw = e->modality < DX_MODAL__COUNT ? mod_word[e->modality] : "";
        dx_buf_clear(&head);
        dx_buf_puts(&head, tc);
        if (who.len) {
            dx_buf_put(&head, ": ", 2);
            html_cell(&head, who.data);
        }
        if (e->modality != DX_MODAL_ASSERTED) {
            dx_buf_put(&head, " (", 2);
            dx_buf_puts(&head, mw);
            dx_buf_put(&head, ")", 1);
        }
        dx_csv_textn(&w, head.len ? head.data : "", head.len);
        dx_buf_clear(&text);
        html_cell(&text, e->sentence);
        dx_buf_puts(&text, "<br><i>");
        dx_buf_puts(&text, mw);
        if (e->source[0]) {
            dx_buf_puts(&text, ", according to ");
            html_cell(&text, e->source);
        }
        if (e->charge[0]) {
            dx_buf_puts(&text, "; charge: ");
            html_cell(&text, e->charge);
        }
        dx_buf_puts(&text, "; source document: ");
        html_cell(&text, e->document);
        dx_buf_puts(&text, "</i>");
        dx_csv_textn(&w, text.data, text.len);
        dx_csv_empty(&w, 5);
        dx_csv_text(&w, tc);
        dx_csv_empty(&w, 1);
        dx_csv_end_row(&w);
    }
    dx_buf_fini(&disp);
    dx_buf_fini(&head);
    dx_buf_fini(&text);
    dx_buf_fini(&who);
    return dx_csv_finish(&w, "timelinejs.csv", err);
}

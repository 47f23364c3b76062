/* export_csv.c - timeline.csv, timelinejs.csv, entities.csv, relations.csv
 * and mentions.csv, written through libcsv (csvio.c). */
#include <stdlib.h>
#include <string.h>

#include "csvio.h"
#include "graph.h"

static void header(dx_csv_writer *w, const char *const *cols)
{
    for (size_t i = 0; cols[i]; i++) dx_csv_raw(w, cols[i]);
    dx_csv_end_row(w);
}

static int finish(dx_csv_writer *w, dossier_error *err, const char *what)
{
    if (w->failed) {
        dx_error_set(err, DOSSIER_EIO, what, 0, "write failed");
        return DOSSIER_EIO;
    }
    return 0;
}

/* Events in date order: dated by start, end, then document order; undated
 * last in document order. */
static const dx_graph *sort_graph;
static int event_order(const void *a, const void *b)
{
    const dx_gevent *x = &sort_graph->events.items[*(const size_t *)a];
    const dx_gevent *y = &sort_graph->events.items[*(const size_t *)b];
    int xd = x->start[0] != 0, yd = y->start[0] != 0;
    if (xd != yd) return xd ? -1 : 1;
    if (xd) {
        int c = strcmp(x->start, y->start);
        if (c) return c;
        c = strcmp(x->end, y->end);
        if (c) return c;
    }
    if (x->doc_order != y->doc_order) return x->doc_order < y->doc_order ? -1 : 1;
    if (x->trig_start != y->trig_start) return x->trig_start < y->trig_start ? -1 : 1;
    return (int)x->type - (int)y->type;
}

static size_t *sorted_events(const dx_graph *g)
{
    size_t *idx = xmalloc((g->events.len + 1) * sizeof(size_t));
    for (size_t i = 0; i < g->events.len; i++) idx[i] = i;
    sort_graph = g;
    qsort(idx, g->events.len, sizeof(size_t), event_order);
    sort_graph = NULL;
    return idx;
}

int dx_export_timeline_csv(const dx_graph *g, FILE *fp, int excel, dossier_error *err)
{
    static const char *const cols[] = {
        "event_id", "date", "start", "end", "modifier", "type", "modality", "source", "agents",
        "patients", "place", "charge", "document", "trigger_start", "trigger_end", "sentence",
        "trigger", NULL};
    dx_csv_writer w;
    dx_csv_writer_init(&w, fp, excel);
    header(&w, cols);
    size_t *idx = sorted_events(g);
    for (size_t i = 0; i < g->events.len; i++) {
        const dx_gevent *e = &g->events.items[idx[i]];
        dx_csv_raw(&w, e->id);
        dx_csv_raw(&w, e->date);
        dx_csv_raw(&w, e->start);
        dx_csv_raw(&w, e->end);
        dx_csv_raw(&w, dx_date_mod_name(e->date_mod));
        dx_csv_raw(&w, dx_ev_type_name(e->type));
        dx_csv_raw(&w, dx_modality_name(e->modality));
        dx_csv_text(&w, e->source);
        char *ag = dx_graph_join_labels(g, e->agents.items, e->agents.len);
        char *pa = dx_graph_join_labels(g, e->patients.items, e->patients.len);
        dx_csv_text(&w, ag);
        dx_csv_text(&w, pa);
        free(ag);
        free(pa);
        dx_csv_text(&w, e->place >= 0 ? g->ents.items[e->place].label : "");
        dx_csv_text(&w, e->charge);
        dx_csv_text(&w, e->document);
        dx_csv_int(&w, e->trig_start);
        dx_csv_int(&w, e->trig_end);
        dx_csv_text(&w, e->sentence);
        dx_csv_text(&w, e->trigger);
        dx_csv_end_row(&w);
    }
    free(idx);
    return finish(&w, err, "timeline.csv");
}

static const char *const month_names[] = {"January", "February", "March",     "April",
                                          "May",     "June",     "July",      "August",
                                          "September", "October", "November", "December"};

/* "1938-03-13" -> "13 March 1938"; "1938-03" -> "March 1938"; else as is. */
static void display_date(const char *edtf, const char *mod, dx_buf *out)
{
    dx_buf_clear(out);
    if (mod && *mod) dx_buf_printf(out, "%s ", mod);
    size_t n = strlen(edtf);
    int y, m, d;
    if (n == 10 && sscanf(edtf, "%4d-%2d-%2d", &y, &m, &d) == 3 && m >= 1 && m <= 12)
        dx_buf_printf(out, "%d %s %d", d, month_names[m - 1], y);
    else if (n == 7 && sscanf(edtf, "%4d-%2d", &y, &m) == 2 && m >= 1 && m <= 12)
        dx_buf_printf(out, "%s %d", month_names[m - 1], y);
    else
        dx_buf_puts(out, edtf);
}

static void ymd_fields(dx_csv_writer *w, const char *iso, int precision)
{
    /* precision: 1 year, 2 month, 3 day */
    char y[8] = "", m[4] = "", d[4] = "";
    if (iso[0]) {
        snprintf(y, sizeof(y), "%.4s", iso);
        if (precision >= 2) snprintf(m, sizeof(m), "%d", atoi(iso + 5));
        if (precision >= 3) snprintf(d, sizeof(d), "%d", atoi(iso + 8));
        /* strip leading zeros of the year */
        int yi = atoi(y);
        snprintf(y, sizeof(y), "%d", yi);
    }
    dx_csv_raw(w, y);
    dx_csv_raw(w, m);
    dx_csv_raw(w, d);
    dx_csv_raw(w, "");
}

int dx_export_timelinejs_csv(const dx_graph *g, FILE *fp, int excel, dossier_error *err)
{
    static const char *const cols[] = {
        "Year", "Month", "Day", "Time", "End Year", "End Month", "End Day", "End Time",
        "Display Date", "Headline", "Text", "Media", "Media Credit", "Media Caption",
        "Media Thumbnail", "Type", "Group", "Background", NULL};
    dx_csv_writer w;
    dx_csv_writer_init(&w, fp, excel);
    header(&w, cols);
    size_t *idx = sorted_events(g);
    dx_buf disp, head, text;
    dx_buf_init(&disp);
    dx_buf_init(&head);
    dx_buf_init(&text);
    for (size_t i = 0; i < g->events.len; i++) {
        const dx_gevent *e = &g->events.items[idx[i]];
        if (!e->start[0]) continue; /* TimelineJS needs a year */
        const char *v = e->date;
        int single = strchr(v, '/') == NULL;
        int prec = 1;
        size_t vl = strlen(v);
        if (single && vl == 10) prec = 3;
        else if (single && vl == 7 && v[5] <= '1') prec = 2;
        ymd_fields(&w, e->start, prec);
        if (!single) {
            size_t sl = strlen(strchr(v, '/') + 1);
            ymd_fields(&w, e->end, sl == 10 ? 3 : sl == 7 ? 2 : 1);
        } else {
            for (int k = 0; k < 4; k++) dx_csv_raw(&w, "");
        }
        display_date(e->date, dx_date_mod_name(e->date_mod), &disp);
        dx_csv_text(&w, disp.data);
        dx_buf_clear(&head);
        char *pa = dx_graph_join_labels(g, e->patients.items, e->patients.len);
        char *ag = dx_graph_join_labels(g, e->agents.items, e->agents.len);
        const char *who = pa[0] ? pa : ag;
        dx_buf_printf(&head, "%s%s%s", dx_ev_type_name(e->type), who[0] ? ": " : "", who);
        if (e->modality != DX_MODAL_ASSERTED)
            dx_buf_printf(&head, " (%s)", dx_modality_name(e->modality));
        dx_csv_text(&w, head.data);
        dx_buf_clear(&text);
        dx_buf_printf(&text, "%s", e->sentence);
        if (e->modality != DX_MODAL_ASSERTED && e->source[0])
            dx_buf_printf(&text, " [%s, according to %s]", dx_modality_name(e->modality), e->source);
        dx_buf_printf(&text, " (%s)", e->document);
        dx_csv_text(&w, text.data);
        free(pa);
        free(ag);
        for (int k = 0; k < 4; k++) dx_csv_raw(&w, "");
        dx_csv_raw(&w, "");
        dx_csv_text(&w, dx_ev_type_name(e->type));
        dx_csv_raw(&w, "");
        dx_csv_end_row(&w);
    }
    dx_buf_fini(&disp);
    dx_buf_fini(&head);
    dx_buf_fini(&text);
    free(idx);
    return finish(&w, err, "timelinejs.csv");
}

static const char *type_word(dx_ent_type t)
{
    switch (t) {
    case DX_ENT_PERSON: return "person";
    case DX_ENT_ORG: return "organization";
    case DX_ENT_PLACE: return "place";
    default: return "";
    }
}

/* Gephi's spreadsheet import reads an interval column as <[start, end]>. */
static void interval(dx_buf *b, const char *s, const char *e)
{
    dx_buf_clear(b);
    if (s[0]) dx_buf_printf(b, "<[%s, %s]>", s, e);
}

int dx_export_entities_csv(const dx_graph *g, FILE *fp, int excel, dossier_error *err)
{
    static const char *const cols[] = {"Id", "Label", "Type", "aliases", "mentions", "documents",
                                       "first_date", "last_date", "Interval", "born_or_founded",
                                       "died_or_dissolved", "roles", NULL};
    dx_csv_writer w;
    dx_csv_writer_init(&w, fp, excel);
    header(&w, cols);
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
        interval(&iv, e->first_date, e->last_date);
        dx_csv_raw(&w, iv.data ? iv.data : "");
        dx_csv_raw(&w, e->start);
        dx_csv_raw(&w, e->end);
        dx_csv_text(&w, e->roles);
        dx_csv_end_row(&w);
    }
    dx_buf_fini(&iv);
    return finish(&w, err, "entities.csv");
}

int dx_export_relations_csv(const dx_graph *g, FILE *fp, int excel, dossier_error *err)
{
    static const char *const cols[] = {"Source", "Target", "Type", "Label", "Weight", "relation",
                                       "modality", "documents", "first_date", "last_date",
                                       "Interval", "document", "evidence", NULL};
    dx_csv_writer w;
    dx_csv_writer_init(&w, fp, excel);
    header(&w, cols);
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
        interval(&iv, e->first_date, e->last_date);
        dx_csv_raw(&w, iv.data ? iv.data : "");
        dx_csv_text(&w, e->document);
        dx_csv_text(&w, e->sentence);
        dx_csv_end_row(&w);
    }
    dx_buf_fini(&iv);
    dx_buf_fini(&label);
    return finish(&w, err, "relations.csv");
}

int dx_export_mentions_csv(const struct dossier_corpus *c, const dx_graph *g, FILE *fp, int excel,
                           dossier_error *err)
{
    static const char *const cols[] = {"document", "start", "end", "type", "text",
                                       "entity_id", "entity_label", "value", "modifier", NULL};
    dx_csv_writer w;
    dx_csv_writer_init(&w, fp, excel);
    header(&w, cols);
    for (size_t d = 0; d < c->docs.len; d++) {
        const dossier_docresult *r = c->docs.items[d];
        for (size_t i = 0; i < r->ments.len; i++) {
            const dx_rmention *m = &r->ments.items[i];
            dx_csv_text(&w, r->path);
            dx_csv_int(&w, m->start);
            dx_csv_int(&w, m->end);
            dx_csv_raw(&w, dx_ent_type_name(m->type));
            dx_csv_text(&w, m->text);
            if (m->ent >= 0) {
                const char *id = r->ents.items[m->ent].id;
                int32_t ge = dx_graph_find_ent(g, id);
                dx_csv_text(&w, id);
                dx_csv_text(&w, ge >= 0 ? g->ents.items[ge].label : r->ents.items[m->ent].label);
            } else {
                dx_csv_raw(&w, "");
                dx_csv_raw(&w, "");
            }
            dx_csv_raw(&w, m->value);
            dx_csv_raw(&w, dx_date_mod_name(m->mod));
            dx_csv_end_row(&w);
        }
    }
    return finish(&w, err, "mentions.csv");
}

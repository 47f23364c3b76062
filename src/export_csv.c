/* export_csv.c - timeline.csv, timelinejs.csv, entities.csv, relations.csv
 * and mentions.csv, written through libcsv (csvio.c). */
#include <stdlib.h>
#include <string.h>

#include "csvio.h"
#include "partial.h"
#include "export.h"

static void header(dx_csv_writer *w, const char *const *cols)
{
    for (size_t i = 0; cols[i]; i++) dx_csv_raw(w, cols[i]);
    dx_csv_end_row(w);
}

static int finish(dx_csv_writer *w, dossier_error *err, const char *what)
{
    if (dx_csv_flush(w) != 0) {
        dx_error_set(err, DOSSIER_EIO, what, 0, "write failed");
        return DOSSIER_EIO;
    }
    return 0;
}

/* Events in date order: dated by start, end, then document order; undated
 * last in document order. */
static int event_order(const void *a, const void *b, void *graph)
{
    const dx_graph *sort_graph = graph;
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
    if (x->type != y->type) return (int)x->type - (int)y->type;
    size_t i = *(const size_t *)a, j = *(const size_t *)b;
    return i < j ? -1 : i > j;
}

/* The same order on keys laid out side by side: ISO days as numbers
 * (1938-03-13 -> 19380313), so the sort never chases the events' strings. */
typedef struct {
    uint32_t dated, start, end, trig;
    int type;
    size_t doc, idx;
} event_key;

static int key_order(const void *a, const void *b)
{
    const event_key *x = a, *y = b;
    if (x->dated != y->dated) return x->dated ? -1 : 1;
    if (x->start != y->start) return x->start < y->start ? -1 : 1;
    if (x->end != y->end) return x->end < y->end ? -1 : 1;
    if (x->doc != y->doc) return x->doc < y->doc ? -1 : 1;
    if (x->trig != y->trig) return x->trig < y->trig ? -1 : 1;
    if (x->type != y->type) return x->type - y->type;
    return x->idx < y->idx ? -1 : x->idx > y->idx;
}

/* YYYY-MM-DD as a number, or -1 for anything else. */
static long iso_day(const char *s)
{
    static const char shape[] = "dddd-dd-dd";
    long v = 0;
    for (int i = 0; i < 10; i++) {
        if (shape[i] == '-') {
            if (s[i] != '-') return -1;
        } else {
            if (s[i] < '0' || s[i] > '9') return -1;
            v = v * 10 + (s[i] - '0');
        }
    }
    return s[10] == '\0' ? v : -1;
}

static size_t *by_date(const dx_graph *g)
{
    size_t n = g->events.len;
    size_t *idx = xmalloc((n + 1) * sizeof(size_t));
    event_key *keys = xmalloc((n + 1) * sizeof(event_key));
    int keyed = 1;
    for (size_t i = 0; i < n && keyed; i++) {
        const dx_gevent *e = &g->events.items[i];
        event_key *k = &keys[i];
        memset(k, 0, sizeof(*k));
        k->dated = e->start[0] != 0;
        if (k->dated) {
            long s = iso_day(e->start), t = iso_day(e->end);
            if (s < 0 || t < 0) keyed = 0; /* not an ISO day: compare the strings */
            k->start = (uint32_t)s;
            k->end = (uint32_t)t;
        }
        k->trig = e->trig_start;
        k->type = (int)e->type;
        k->doc = e->doc_order;
        k->idx = i;
    }
    if (keyed) {
        if (n) qsort(keys, n, sizeof(event_key), key_order);
        for (size_t i = 0; i < n; i++) idx[i] = keys[i].idx;
    } else {
        for (size_t i = 0; i < n; i++) idx[i] = i;
        /* qsort_r: outputs are written by several threads at once */
        if (n) qsort_r(idx, n, sizeof(size_t), event_order, (void *)(uintptr_t)g);
    }
    free(keys);
    return idx;
}

const size_t *dx_events_by_date(const dx_graph *cg)
{
    dx_graph *g = (dx_graph *)(uintptr_t)cg; /* the order is a cache */
    pthread_mutex_lock(&g->lock);
    if (!g->by_date) g->by_date = by_date(g);
    pthread_mutex_unlock(&g->lock);
    return g->by_date;
}

int dx_export_timeline_csv(const dx_graph *g, FILE *fp, int excel, dossier_error *err)
{
    static const char *const cols[] = {
        "event_id", "date", "start", "end", "modifier", "type", "modality", "source", "agents",
        "patients", "place", "charge", "document", "trigger_start", "trigger_end", "sentence",
        "trigger", NULL};
    dx_csv_writer w;
    dx_csv_writer_init_buffered(&w, fp, excel);
    header(&w, cols);
    const size_t *idx = dx_events_by_date(g);
    dx_buf who;
    dx_buf_init(&who);
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
        dx_buf_clear(&who);
        dx_join_labels_to(&who, g, e->agents.items, e->agents.len);
        dx_csv_textn(&w, who.len ? who.data : "", who.len);
        dx_buf_clear(&who);
        dx_join_labels_to(&who, g, e->patients.items, e->patients.len);
        dx_csv_textn(&w, who.len ? who.data : "", who.len);
        dx_csv_text(&w, e->place >= 0 ? g->ents.items[e->place].label : "");
        dx_csv_text(&w, e->charge);
        dx_csv_text(&w, e->document);
        dx_csv_int(&w, e->trig_start);
        dx_csv_int(&w, e->trig_end);
        dx_csv_text(&w, e->sentence);
        dx_csv_text(&w, e->trigger);
        dx_csv_end_row(&w);
    }
    dx_buf_fini(&who);
    return finish(&w, err, "timeline.csv");
}

static const char *const month_names[] = {"January", "February", "March",     "April",
                                          "May",     "June",     "July",      "August",
                                          "September", "October", "November", "December"};

static const char *const season_names[] = {"spring", "summer", "autumn", "winter"};

/* One EDTF date in words: "1938-03-13" -> "13 March 1938", "1938-03" ->
 * "March 1938", "1938-21" -> "spring 1938", "1938~" -> "c. 1938". */
static void words_one(const char *v, size_t n, dx_buf *out)
{
    char t[32];
    if (n >= sizeof(t)) n = sizeof(t) - 1;
    memcpy(t, v, n);
    t[n] = '\0';
    int approx = 0, uncertain = 0;
    while (n && (t[n - 1] == '~' || t[n - 1] == '?' || t[n - 1] == '%')) {
        approx |= t[n - 1] != '?';
        uncertain |= t[n - 1] != '~';
        t[--n] = '\0';
    }
    int y, m, d;
    if (approx) dx_buf_puts(out, "c. ");
    if (n == 10 && sscanf(t, "%4d-%2d-%2d", &y, &m, &d) == 3 && m >= 1 && m <= 12)
        dx_buf_printf(out, "%d %s %d", d, month_names[m - 1], y);
    else if (n == 7 && sscanf(t, "%4d-%2d", &y, &m) == 2 && m >= 1 && m <= 12)
        dx_buf_printf(out, "%s %d", month_names[m - 1], y);
    else if (n == 7 && sscanf(t, "%4d-%2d", &y, &m) == 2 && m >= 21 && m <= 24)
        dx_buf_printf(out, "%s %d", season_names[m - 21], y);
    else if (n == 4 && t[3] == 'X' && t[2] != 'X')
        dx_buf_printf(out, "%.3s0s", t);
    else
        dx_buf_puts(out, t);
    if (uncertain) dx_buf_putc(out, '?');
}

void dx_edtf_words(const char *edtf, dx_date_mod mod, dx_buf *out)
{
    const char *m = dx_date_mod_name(mod);
    if (*m) dx_buf_printf(out, "%s ", m);
    const char *slash = strchr(edtf, '/');
    if (!slash) {
        words_one(edtf, strlen(edtf), out);
        return;
    }
    words_one(edtf, (size_t)(slash - edtf), out);
    dx_buf_puts(out, " \xE2\x80\x93 ");
    words_one(slash + 1, strlen(slash + 1), out);
}

/* How much of a date TimelineJS should show: 1 year, 2 month, 3 day. */
static int precision(const char *v, size_t n)
{
    while (n && (v[n - 1] == '~' || v[n - 1] == '?' || v[n - 1] == '%')) n--;
    if (n == 10) return 3;
    if (n == 7) return 2; /* a month, or a season: its months */
    return 1;
}

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

int dx_export_timelinejs_csv(const dx_graph *g, FILE *fp, int excel, dossier_error *err)
{
    static const char *const cols[] = {
        "Year", "Month", "Day", "Time", "End Year", "End Month", "End Day", "End Time",
        "Display Date", "Headline", "Text", "Media", "Media Credit", "Media Caption",
        "Media Thumbnail", "Type", "Group", "Background", NULL};
    dx_csv_writer w;
    dx_csv_writer_init_buffered(&w, fp, excel);
    header(&w, cols);
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
        ymd_fields(&w, e->start, precision(v, slash ? (size_t)(slash - v) : vlen));
        if (slash) {
            ymd_fields(&w, e->end, precision(slash + 1, vlen - (size_t)(slash + 1 - v)));
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

/* Gephi's spreadsheet import reads a column named "Time Interval" (any name
 * containing "interval") as an interval set: <[start, end]>. */
static void interval(dx_buf *b, const char *s, const char *e)
{
    dx_buf_clear(b);
    if (s[0]) dx_buf_printf(b, "<[%s,%s]>", s, e);
}

static void gaz_date(dx_csv_writer *w, const char *s)
{
    if (strspn(s, "0123456789-XxuU?~%/.") == strlen(s)) dx_csv_raw(w, s);
    else dx_csv_text(w, s);
}

int dx_export_entities_csv(const dx_graph *g, FILE *fp, int excel, dossier_error *err)
{
    static const char *const cols[] = {"Id", "Label", "Type", "aliases", "mentions", "documents",
                                       "first_date", "last_date", "Time Interval", "born_or_founded",
                                       "died_or_dissolved", "roles", NULL};
    dx_csv_writer w;
    dx_csv_writer_init_buffered(&w, fp, excel);
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
        /* born/died come from the gazetteer as typed by a user: raw only
         * when they look like a date, else neutralised like any text */
        gaz_date(&w, e->start);
        gaz_date(&w, e->end);
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
                                       "Time Interval", "document", "evidence", "Id", NULL};
    dx_csv_writer w;
    dx_csv_writer_init_buffered(&w, fp, excel);
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
        dx_graph_edge_id(g, e, &label);
        dx_csv_text(&w, label.data);
        dx_csv_end_row(&w);
    }
    dx_buf_fini(&iv);
    dx_buf_fini(&label);
    return finish(&w, err, "relations.csv");
}

int dx_export_mentions_csv(struct dossier_corpus *c, const dx_graph *g, FILE *fp, int excel,
                           dossier_error *err)
{
    static const char *const cols[] = {"document", "start", "end", "type", "text",
                                       "entity_id", "entity_label", "value", "modifier", NULL};
    dx_csv_writer w;
    dx_csv_writer_init_buffered(&w, fp, excel);
    header(&w, cols);
    /* Per document: its path cell, and for each of its entities the
     * "id,label" cells, encoded once and copied on every mention row. */
    dx_buf path, ents;
    dx_buf_init(&path);
    dx_buf_init(&ents);
    DX_VEC(size_t) ent_at = {0}; /* offsets into ents, one past the last */
    size_t nd = dx_corpus_len(c);
    int st = 0;
    for (size_t d = 0; d < nd && !st; d++) {
        dossier_docresult *r = dx_corpus_get(c, d, DX_PART_ENTS | DX_PART_MENTS, err);
        if (!r) {
            st = err->code ? err->code : DOSSIER_EIO;
            break;
        }
        dx_buf_clear(&path);
        dx_csv_encode(&path, r->path, strlen(r->path), 0);
        dx_buf_clear(&ents);
        ent_at.len = 0;
        DX_PUSH(ent_at, 0);
        for (size_t k = 0; k < r->ents.len; k++) {
            const char *id = r->ents.items[k].id;
            int32_t ge = dx_graph_find_ent(g, id);
            const char *label = ge >= 0 ? g->ents.items[ge].label : r->ents.items[k].label;
            dx_csv_encode(&ents, id, strlen(id), 0);
            dx_buf_putc(&ents, ',');
            dx_csv_encode(&ents, label, strlen(label), 0);
            DX_PUSH(ent_at, ents.len);
        }
        for (size_t i = 0; i < r->ments.len; i++) {
            const dx_rmention *m = &r->ments.items[i];
            dx_csv_encoded(&w, path.data, path.len);
            dx_csv_int(&w, m->start);
            dx_csv_int(&w, m->end);
            dx_csv_raw(&w, dx_ent_type_name(m->type));
            dx_csv_text(&w, m->text);
            if (m->ent >= 0 && (size_t)m->ent < r->ents.len) {
                size_t from = ent_at.items[m->ent];
                dx_csv_encoded(&w, ents.data + from, ent_at.items[m->ent + 1] - from);
                w.nfield++; /* the two cells of the entity */
            } else {
                dx_csv_empty(&w, 2);
            }
            dx_csv_raw(&w, m->value);
            dx_csv_raw(&w, dx_date_mod_name(m->mod));
            dx_csv_end_row(&w);
        }
        dx_corpus_put(c, d, r);
    }
    dx_buf_fini(&path);
    dx_buf_fini(&ents);
    DX_FREE(ent_at);
    if (st) return st;
    return finish(&w, err, "mentions.csv");
}

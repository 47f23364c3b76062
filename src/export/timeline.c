/* timeline.c - timeline.csv: one row per account of an event in date
 * order (undated last), with its evidence and the event it is an account
 * of (events.csv's Id; empty when nothing anchors it), through libcsv. */
#include <stdlib.h>
#include <string.h>

#include "base/csvio.h"
#include "base/error.h"
#include "export/writer.h"

/* Cells that many rows repeat (a document's path, an event's id), encoded
 * the first time a row gives one and copied after that: each row measured
 * and tested them (strlen, put_field) again. */
typedef struct {
    uint32_t *at;  /* where cell i starts in buf, +1; 0 not yet encoded */
    uint32_t *len;
    dx_buf buf;
} cells;

static void cells_init(cells *c, size_t n)
{
    c->at = xcalloc(n + 1, sizeof(uint32_t));
    c->len = xmalloc((n + 1) * sizeof(uint32_t));
    dx_buf_init(&c->buf);
}

static void cells_fini(cells *c)
{
    free(c->at);
    free(c->len);
    dx_buf_fini(&c->buf);
}

/* Cell i, s as dx_csv_text writes it. */
static void put_cell(dx_csv_writer *w, cells *c, size_t i, const char *s)
{
    if (!c->at[i]) {
        size_t at = c->buf.len;
        dx_csv_encode(&c->buf, s, strlen(s), 0);
        c->at[i] = (uint32_t)at + 1;
        c->len[i] = (uint32_t)(c->buf.len - at);
    }
    dx_csv_encoded(w, c->buf.data + c->at[i] - 1, c->len[i]);
}

/* The labels of an account's agents or patients, "; " between them: one
 * (most) is its entity's cell. */
static void put_labels(dx_csv_writer *w, cells *ents, const dx_graph *g, const dx_ids *who, dx_buf *b)
{
    if (who->len == 1) {
        put_cell(w, ents, (size_t)who->items[0], g->ents.items[who->items[0]].label);
        return;
    }
    dx_buf_clear(b);
    dx_join_labels_to(b, g, who->items, who->len);
    dx_csv_textn(w, b->len ? b->data : "", b->len);
}

int dx_write_timeline_csv(const dx_export_ctx *x, FILE *fp, dossier_error *err)
{
    const dx_graph *g = x->g;
    int excel = x->excel;
    static const char *const cols[] = {
        "event_id", "date", "start", "end", "modifier", "type", "modality", "source", "agents",
        "patients", "place", "charge", "document", "trigger_start", "trigger_end", "sentence",
        "trigger", "event", "date_basis", "page", NULL};
    dx_csv_writer w;
    dx_csv_writer_init_buffered(&w, fp, excel);
    dx_csv_header(&w, cols);
    const size_t *idx = dx_events_by_date(g);
    dx_buf who;
    dx_buf_init(&who);
    dx_texts_window sent = {0};
    cells docs, aggs, ents;
    cells_init(&docs, g->documents.len);
    cells_init(&ents, g->ents.len);
    cells_init(&aggs, g->aggs.len);
    size_t n = g->events.len;
    /* the sentences of the dated accounts, in date order from anywhere in
     * the file, are read BATCH rows at a time in the file's order (texts.h);
     * the undated ones, in document order, through the window */
    enum { BATCH = 16384 };
    dx_texts_batch batch = {0};
    uint64_t *boff = xmalloc(BATCH * sizeof(uint64_t));
    uint32_t *blen = xmalloc(BATCH * sizeof(uint32_t));
    const char **bsent = xmalloc(BATCH * sizeof(char *));
    size_t bfrom = 0, bto = 0; /* the rows whose sentences bsent holds */
    for (size_t i = 0; i < n; i++) {
        if (i == bto) {
            bfrom = i;
            bto = i + BATCH < n ? i + BATCH : n;
            for (size_t j = bfrom; j < bto; j++) {
                const dx_gevent *b = &g->events.items[idx[j]];
                boff[j - bfrom] = b->sent_off;
                blen[j - bfrom] = b->start[0] ? b->sent_len : 0;
            }
            dx_texts_read_batch(&g->texts, boff, blen, bto - bfrom, bsent, &batch);
        }
        /* The accounts come in date order, each somewhere else in memory
         * (136 bytes: three cache lines), with its strings elsewhere again:
         * an account is fetched PF_FAR rows ahead, its strings PF_NEAR
         * ahead (by then its pointers are in cache), so the row does not
         * wait for memory at each field. */
        enum { PF_FAR = 16, PF_NEAR = 8 };
        if (i + PF_FAR < n) {
            const char *f = (const char *)&g->events.items[idx[i + PF_FAR]];
            __builtin_prefetch(f);
            __builtin_prefetch(f + 64);
            __builtin_prefetch(f + 128);
        }
        if (i + PF_NEAR < n) {
            const dx_gevent *p = &g->events.items[idx[i + PF_NEAR]];
            __builtin_prefetch(p->date);
            __builtin_prefetch(p->trigger);
        }
        const dx_gevent *e = &g->events.items[idx[i]];
        dx_account_id(g, e, &who);
        dx_csv_rawn(&w, who.data, who.len);
        dx_csv_raw(&w, e->date);
        dx_csv_raw(&w, e->start);
        dx_csv_raw(&w, e->end);
        dx_csv_raw(&w, dx_date_mod_name(e->date_mod));
        dx_csv_raw(&w, dx_ev_type_name(e->type));
        dx_csv_raw(&w, dx_modality_name(e->modality));
        /* a source that is an entity is its label (merge.c) */
        if (e->source_ent >= 0 && e->source == g->ents.items[e->source_ent].label)
            put_cell(&w, &ents, (size_t)e->source_ent, e->source);
        else
            dx_csv_text(&w, e->source);
        put_labels(&w, &ents, g, &e->agents, &who);
        put_labels(&w, &ents, g, &e->patients, &who);
        if (e->place >= 0) put_cell(&w, &ents, (size_t)e->place, g->ents.items[e->place].label);
        else dx_csv_empty(&w, 1);
        dx_csv_text(&w, e->charge);
        put_cell(&w, &docs, e->doc_order, dx_account_document(g, e));
        dx_csv_int(&w, e->trig_start);
        dx_csv_int(&w, e->trig_end);
        dx_csv_text(&w, e->start[0] ? bsent[i - bfrom] : dx_account_sentence_in(g, e, &sent));
        dx_csv_text(&w, e->trigger);
        if (e->agg >= 0) put_cell(&w, &aggs, (size_t)e->agg, g->aggs.items[e->agg].id);
        else dx_csv_empty(&w, 1);
        dx_csv_raw(&w, dx_date_basis_name(e->date_basis));
        if (e->page) dx_csv_int(&w, e->page);
        else dx_csv_empty(&w, 1);
        dx_csv_end_row(&w);
    }
    dx_buf_fini(&who);
    dx_texts_window_fini(&sent);
    dx_texts_batch_fini(&batch);
    free(boff);
    free(blen);
    free(bsent);
    cells_fini(&docs);
    cells_fini(&aggs);
    cells_fini(&ents);
    return dx_csv_finish(&w, "timeline.csv", err);
}

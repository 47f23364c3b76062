/* mentions.c - mentions.csv: one row per mention, document by document
 * (read back one at a time), with its linked entity or date value, and for
 * a date the document date it was read against and its Julian form. */
#include <stdlib.h>
#include <string.h>

#include "base/csvio.h"
#include "base/error.h"
#include "base/map.h"
#include "export/writer.h"

/* The cells of the names a row takes from a fixed few (type, modifier,
 * link), encoded once as dx_csv_raw writes them: a million rows then copy
 * them instead of measuring and testing each. */
enum { TYPE_AT = 0, MOD_AT = TYPE_AT + DX_ENT__COUNT, LINK_AT = MOD_AT + DX_MOD_APPROX + 1, N_FIXED = LINK_AT + DX_LINK__COUNT };

static void encode_fixed(dx_buf *b, size_t *at)
{
    size_t k = 0;
    at[k++] = 0;
    for (int t = 0; t < DX_ENT__COUNT; t++, k++) {
        const char *n = dx_ent_type_name((dx_ent_type)t);
        dx_csv_encode(b, n, strlen(n), 1);
        at[k] = b->len;
    }
    for (int m = 0; m <= DX_MOD_APPROX; m++, k++) {
        const char *n = dx_date_mod_name((dx_date_mod)m);
        dx_csv_encode(b, n, strlen(n), 1);
        at[k] = b->len;
    }
    for (int l = 0; l < DX_LINK__COUNT; l++, k++) {
        const char *n = dx_link_name((dx_link)l);
        dx_csv_encode(b, n, strlen(n), 1);
        at[k] = b->len;
    }
}

static void put_fixed(dx_csv_writer *w, const dx_buf *b, const size_t *at, size_t k)
{
    dx_csv_encoded(w, b->data + at[k], at[k + 1] - at[k]);
}

int dx_write_mentions_csv(const dx_export_ctx *x, FILE *fp, dossier_error *err)
{
    const dx_graph *g = x->g;
    const dx_docs *docs = x->docs;
    int excel = x->excel;
    /* dct: the document date a DATE was read against; calendar: a date the
     * text wrote in the Julian calendar, as written (value is Gregorian);
     * page: the PDF page it is on, empty for formats without pages; link:
     * how a name was tied to its entity (gazetteer, alias, surname, new) */
    static const char *const cols[] = {"document", "start", "end", "type", "text", "entity_id",
                                       "entity_label", "value", "modifier", "dct", "calendar", "page", "link", NULL};
    dx_csv_writer w;
    dx_csv_writer_init_buffered(&w, fp, excel);
    dx_csv_header(&w, cols);
    /* Per document: its path cell. The "id,label" cells of the graph's
     * entities are encoded the first time a document names one (cells),
     * found by id after that, and copied on every mention row; an entity
     * the graph does not know (none, once merged) has its cell per
     * document (own). */
    dx_buf path, cells, own, fixed;
    dx_buf_init(&path);
    dx_buf_init(&cells);
    dx_buf_init(&own);
    dx_buf_init(&fixed);
    size_t fixed_at[N_FIXED + 1];
    encode_fixed(&fixed, fixed_at);
    dx_map *cell_of = dx_map_new(); /* id -> 1 + index into cell_at */
    DX_VEC(size_t) cell_at = {0};   /* each cell's start in cells, then its end */
    DX_VEC(size_t) ent_at = {0};    /* a document's entities: start and end in cells, or in own (flag below) */
    DX_VEC(uint8_t) ent_own = {0};
    size_t nd = docs->n;
    int st = 0;
    for (size_t d = 0; d < nd && !st; d++) {
        dossier_docresult *r = docs->get(docs->ctx, d, DX_PART_ENTS | DX_PART_MENTS, err);
        if (!r) {
            st = err->code ? err->code : DOSSIER_EIO;
            break;
        }
        dx_buf_clear(&path);
        dx_csv_encode(&path, r->path, strlen(r->path), 0);
        dx_buf_clear(&own);
        ent_at.len = ent_own.len = 0;
        for (size_t k = 0; k < r->ents.len; k++) {
            const char *id = r->ents.items[k].id;
            size_t idlen = strlen(id);
            size_t c = (size_t)(uintptr_t)dx_map_get(cell_of, id, idlen);
            int mine = 0;
            if (!c) {
                int32_t ge = dx_graph_find_ent(g, id);
                dx_buf *to = ge >= 0 ? &cells : &own;
                size_t from = to->len;
                dx_csv_encode(to, id, idlen, 0);
                dx_buf_putc(to, ',');
                const char *label = ge >= 0 ? g->ents.items[ge].label : r->ents.items[k].label;
                dx_csv_encode(to, label, strlen(label), 0);
                if (ge >= 0) {
                    DX_PUSH(cell_at, from);
                    DX_PUSH(cell_at, cells.len);
                    c = cell_at.len / 2;
                    dx_map_put(cell_of, id, idlen, (void *)(uintptr_t)c);
                } else {
                    mine = 1;
                    DX_PUSH(ent_at, from);
                    DX_PUSH(ent_at, own.len);
                }
            }
            if (!mine) {
                DX_PUSH(ent_at, cell_at.items[2 * (c - 1)]);
                DX_PUSH(ent_at, cell_at.items[2 * (c - 1) + 1]);
            }
            DX_PUSH(ent_own, (uint8_t)mine);
        }
        for (size_t i = 0; i < r->ments.len; i++) {
            const dx_rmention *m = &r->ments.items[i];
            dx_csv_encoded(&w, path.data, path.len);
            dx_csv_int(&w, m->start);
            dx_csv_int(&w, m->end);
            if ((unsigned)m->type < DX_ENT__COUNT) put_fixed(&w, &fixed, fixed_at, TYPE_AT + (size_t)m->type);
            else dx_csv_raw(&w, dx_ent_type_name(m->type));
            dx_csv_text(&w, m->text);
            if (m->ent >= 0 && (size_t)m->ent < r->ents.len) {
                size_t from = ent_at.items[2 * m->ent];
                const dx_buf *in = ent_own.items[m->ent] ? &own : &cells;
                dx_csv_encoded(&w, in->data + from, ent_at.items[2 * m->ent + 1] - from);
                w.nfield++; /* the two cells of the entity */
            } else {
                dx_csv_empty(&w, 2);
            }
            dx_csv_raw(&w, m->value);
            if ((unsigned)m->mod <= DX_MOD_APPROX) put_fixed(&w, &fixed, fixed_at, MOD_AT + (size_t)m->mod);
            else dx_csv_raw(&w, dx_date_mod_name(m->mod));
            dx_csv_raw(&w, m->dct);
            dx_csv_raw(&w, m->calendar);
            uint32_t page = dx_page_of(r->page_starts, r->n_page_starts, m->start);
            if (page) dx_csv_int(&w, page);
            else dx_csv_empty(&w, 1);
            if ((unsigned)m->link < DX_LINK__COUNT) put_fixed(&w, &fixed, fixed_at, LINK_AT + (size_t)m->link);
            else dx_csv_raw(&w, dx_link_name(m->link));
            dx_csv_end_row(&w);
        }
        docs->put(docs->ctx, d, r);
    }
    dx_buf_fini(&path);
    dx_buf_fini(&cells);
    dx_buf_fini(&own);
    dx_buf_fini(&fixed);
    dx_map_free(cell_of);
    DX_FREE(cell_at);
    DX_FREE(ent_at);
    DX_FREE(ent_own);
    if (st) {
        dx_csv_writer_fini(&w);
        return st;
    }
    return dx_csv_finish(&w, "mentions.csv", err);
}

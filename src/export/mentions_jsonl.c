/* mentions_jsonl.c - mentions.jsonl (with --json): mentions.csv's rows as
 * JSON objects, one a line, for jq, document by document (read back one at
 * a time): the same fields under the same names; offsets are numbers. */
#include "base/error.h"
#include "base/jsonio.h"
#include "export/writer.h"

int dx_write_mentions_jsonl(const dx_export_ctx *x, FILE *fp, dossier_error *err)
{
    const dx_graph *g = x->g;
    const dx_docs *docs = x->docs;
    int st = 0, bad = 0;
    dx_json *o = dx_json_object();
    for (size_t d = 0; d < docs->n && !bad; d++) {
        dossier_docresult *r = docs->get(docs->ctx, d, DX_PART_ENTS | DX_PART_MENTS, err);
        if (!r) {
            st = err->code ? err->code : DOSSIER_EIO;
            break;
        }
        for (size_t i = 0; i < r->ments.len && !bad; i++) {
            const dx_rmention *m = &r->ments.items[i];
            const char *id = "", *label = "";
            if (m->ent >= 0 && (size_t)m->ent < r->ents.len) {
                id = r->ents.items[m->ent].id;
                int32_t ge = dx_graph_find_ent(g, id);
                label = ge >= 0 ? g->ents.items[ge].label : r->ents.items[m->ent].label;
            }
            dx_json_set_str(o, "document", r->path);
            dx_json_set_int(o, "start", m->start);
            dx_json_set_int(o, "end", m->end);
            dx_json_set_str(o, "type", dx_ent_type_name(m->type));
            dx_json_set_str(o, "text", m->text);
            dx_json_set_str(o, "entity_id", id);
            dx_json_set_str(o, "entity_label", label);
            dx_json_set_str(o, "value", m->value);
            dx_json_set_str(o, "modifier", dx_date_mod_name(m->mod));
            dx_json_set_str(o, "dct", m->dct);
            dx_json_set_str(o, "calendar", m->calendar);
            /* the PDF page; "" as in mentions.csv for formats without pages */
            uint32_t page = dx_page_of(r->page_starts, r->n_page_starts, m->start);
            if (page) dx_json_set_int(o, "page", page);
            else dx_json_set_str(o, "page", "");
            dx_json_set_str(o, "link", dx_link_name(m->link));
            bad = dx_json_write_line(o, fp) != 0;
        }
        docs->put(docs->ctx, d, r);
    }
    dx_json_free(o);
    if (st) return st;
    if (bad || ferror(fp)) {
        dx_error_set(err, DOSSIER_EIO, "mentions.jsonl", 0, "write failed");
        return DOSSIER_EIO;
    }
    return 0;
}

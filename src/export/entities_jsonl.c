/* entities_jsonl.c - entities.jsonl (with --json): entities.csv's rows as
 * JSON objects, one a line, for jq: the same fields under the same names;
 * counts are numbers. */
#include "base/buf.h"
#include "base/error.h"
#include "base/jsonio.h"
#include "export/writer.h"
#include "model/edtf.h"

int dx_write_entities_jsonl(const dx_export_ctx *x, FILE *fp, dossier_error *err)
{
    const dx_graph *g = x->g;
    dx_buf iv;
    dx_buf_init(&iv);
    int bad = 0;
    dx_json *o = dx_json_object();
    for (size_t i = 0; i < g->ents.len && !bad; i++) {
        const dx_gent *e = &g->ents.items[i];
        dx_json_set_str(o, "Id", e->id);
        dx_json_set_str(o, "Label", e->label);
        dx_json_set_str(o, "Type", dx_ent_type_lower(e->type));
        dx_json_set_str(o, "aliases", e->aliases);
        dx_json_set_int(o, "mentions", e->mentions);
        dx_json_set_int(o, "documents", e->documents);
        dx_json_set_str(o, "first_date", e->first_date);
        dx_json_set_str(o, "last_date", e->last_date);
        dx_gephi_interval(&iv, e->first_date, e->last_date);
        dx_json_set_strn(o, "Time Interval", iv.data, iv.len);
        dx_json_set_str(o, "born_or_founded", e->start);
        dx_json_set_str(o, "died_or_dissolved", e->end);
        dx_json_set_str(o, "roles", e->roles);
        bad = dx_json_write_line(o, fp) != 0;
    }
    dx_json_free(o);
    dx_buf_fini(&iv);
    if (bad || ferror(fp)) {
        dx_error_set(err, DOSSIER_EIO, "entities.jsonl", 0, "write failed");
        return DOSSIER_EIO;
    }
    return 0;
}

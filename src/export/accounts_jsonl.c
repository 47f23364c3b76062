/* accounts_jsonl.c - accounts.jsonl (with --json): timeline.csv's rows
 * (the accounts) as JSON objects, one a line, for jq: the same fields under
 * the same names, in date order; offsets are numbers, text is the
 * documents' own (no spreadsheet apostrophe). `event` joins an account to
 * its event (events.jsonl's Id, whose account_ids list its accounts). */
#include "base/buf.h"
#include "base/error.h"
#include "base/jsonio.h"
#include "export/writer.h"

/* One account as a line holds it: the one place that knows its fields, one
 * line per column of timeline.csv, in its order (tests/t_ftm_json.sh holds
 * the two to each other). */
static void account_fields(const dx_graph *g, const dx_gevent *e, dx_json *o, dx_buf *who)
{
    dx_account_id(g, e, who);
    dx_json_set_strn(o, "event_id", who->data, who->len);
    dx_json_set_str(o, "date", e->date);
    dx_json_set_str(o, "start", e->start);
    dx_json_set_str(o, "end", e->end);
    dx_json_set_str(o, "modifier", dx_date_mod_name(e->date_mod));
    dx_json_set_str(o, "type", dx_ev_type_name(e->type));
    dx_json_set_str(o, "modality", dx_modality_name(e->modality));
    dx_json_set_str(o, "source", e->source);
    dx_buf_clear(who);
    dx_join_labels_to(who, g, e->agents.items, e->agents.len);
    dx_json_set_strn(o, "agents", who->data, who->len);
    dx_buf_clear(who);
    dx_join_labels_to(who, g, e->patients.items, e->patients.len);
    dx_json_set_strn(o, "patients", who->data, who->len);
    dx_json_set_str(o, "place", e->place >= 0 ? g->ents.items[e->place].label : "");
    dx_json_set_str(o, "charge", e->charge);
    dx_json_set_str(o, "document", dx_account_document(g, e));
    dx_json_set_int(o, "trigger_start", e->trig_start);
    dx_json_set_int(o, "trigger_end", e->trig_end);
    dx_json_set_str(o, "sentence", dx_account_sentence(g, e, who));
    dx_json_set_str(o, "trigger", e->trigger);
    dx_json_set_str(o, "event", e->agg >= 0 ? g->aggs.items[e->agg].id : "");
    dx_json_set_str(o, "date_basis", dx_date_basis_name(e->date_basis));
    /* the PDF page; "" as in timeline.csv for formats without pages */
    if (e->page) dx_json_set_int(o, "page", e->page);
    else dx_json_set_str(o, "page", "");
}

int dx_write_accounts_jsonl(const dx_export_ctx *x, FILE *fp, dossier_error *err)
{
    const dx_graph *g = x->g;
    const size_t *idx = dx_events_by_date(g);
    dx_buf who;
    dx_buf_init(&who);
    int bad = 0;
    /* one object for every line: its keys keep their order, values are replaced */
    dx_json *o = dx_json_object();
    for (size_t i = 0; i < g->events.len && !bad; i++) {
        account_fields(g, &g->events.items[idx[i]], o, &who);
        bad = dx_json_write_line(o, fp) != 0;
    }
    dx_json_free(o);
    dx_buf_fini(&who);
    if (bad || ferror(fp)) {
        dx_error_set(err, DOSSIER_EIO, "accounts.jsonl", 0, "write failed");
        return DOSSIER_EIO;
    }
    return 0;
}

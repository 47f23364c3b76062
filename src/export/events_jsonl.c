/* events_jsonl.c - events.jsonl (with --json): events.csv's rows (the
 * events, each the accounts of one real-world happening aggregated) as JSON
 * objects, one a line, for jq: the same fields under the same names, with
 * the same values, in the same order (date order, undated last); accounts
 * and documents are numbers, contested is true or false, and account_ids
 * lists the event_id of each of its accounts (the rows of accounts.jsonl
 * and timeline.csv whose `event` is its Id), in document order. */
#include "base/buf.h"
#include "base/error.h"
#include "base/jsonio.h"
#include "export/writer.h"

/* One event as a line holds it: the one place that knows its fields, one
 * line per column of events.csv, in its order (tests/t_ftm_json.sh holds
 * the two to each other), then its accounts. */
static void event_fields(const dx_graph *g, const dx_gagg *a, dx_json *o, dx_buf *b)
{
    dx_json_set_str(o, "Id", a->id);
    dx_json_set_str(o, "type", dx_ev_type_name(a->type));
    dx_json_set_str(o, "date", a->date);
    dx_json_set_str(o, "start", a->start);
    dx_json_set_str(o, "end", a->end);
    dx_json_set_str(o, "date_basis", dx_date_basis_name(a->date_basis));
    dx_buf_clear(b);
    dx_join_labels_to(b, g, a->agents.items, a->agents.len);
    dx_json_set_strn(o, "agents", b->data, b->len);
    dx_buf_clear(b);
    dx_join_labels_to(b, g, a->patients.items, a->patients.len);
    dx_json_set_strn(o, "patients", b->data, b->len);
    dx_json_set_str(o, "place", a->place >= 0 ? g->ents.items[a->place].label : "");
    dx_json_set_str(o, "charge", a->charge);
    dx_json_set_int(o, "accounts", a->n);
    dx_json_set_int(o, "documents", a->documents);
    dx_buf_clear(b);
    dx_agg_modalities(b, a);
    dx_json_set_strn(o, "modalities", b->data, b->len);
    dx_buf_clear(b);
    dx_agg_sources(b, g, a, DX_AGG_SOURCES_MAX);
    dx_json_set_strn(o, "sources", b->data, b->len);
    dx_json_set_bool(o, "contested", a->contested != 0);
    dx_json_set_str(o, "headline", a->headline);
    dx_json_set_str(o, "evidence", dx_account_sentence(g, &g->events.items[a->best], b));
    dx_json *ids = dx_json_set_array(o, "account_ids");
    for (uint32_t i = 0; i < a->n; i++) {
        dx_account_id(g, &g->events.items[g->agg_accounts[a->first + i]], b);
        dx_json_push_str(ids, b->data);
    }
}

int dx_write_events_jsonl(const dx_export_ctx *x, FILE *fp, dossier_error *err)
{
    const dx_graph *g = x->g;
    dx_buf b;
    dx_buf_init(&b);
    int bad = 0;
    /* one object for every line: its keys keep their order, values are replaced */
    dx_json *o = dx_json_object();
    for (size_t i = 0; i < g->aggs.len && !bad; i++) {
        event_fields(g, &g->aggs.items[i], o, &b);
        bad = dx_json_write_line(o, fp) != 0;
    }
    dx_json_free(o);
    dx_buf_fini(&b);
    if (bad || ferror(fp)) {
        dx_error_set(err, DOSSIER_EIO, "events.jsonl", 0, "write failed");
        return DOSSIER_EIO;
    }
    return 0;
}

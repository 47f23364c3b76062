/* timelinejs.c - timelinejs.csv: Knight Lab TimelineJS's own sheet
 * template, one slide per dated event: its headline, and as text its
 * accounts with who gives them (BC years as negative years). */
#include <stdlib.h>
#include <string.h>

#include "base/csvio.h"
#include "base/error.h"
#include "export/escape.h"
#include "export/writer.h"
#include "model/edtf.h"

/* Accounts quoted on one slide; the rest are counted. */
#define SLIDE_ACCOUNTS 6

/* Year, Month, Day, Time of a day number, to the precision given. Years
 * BC are negative as TimelineJS's users write them: 44 BC (astronomical
 * year -43) is -44. */
static void ymd_fields(dx_csv_writer *w, long day, int prec)
{
    int y, m, d;
    dx_civil_from_days(day, &y, &m, &d);
    dx_csv_int(w, y > 0 ? y : y - 1); /* no leading zeros */
    if (prec >= 2) dx_csv_int(w, m);
    else dx_csv_empty(w, 1);
    if (prec >= 3) dx_csv_int(w, d);
    else dx_csv_empty(w, 1);
    dx_csv_empty(w, 1);
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

/* One account: the sentence, then how and by whom, and where. */
static void account_html(dx_buf *b, const dx_graph *g, const dx_gevent *e, dx_buf *sent)
{
    dx_buf_puts(b, "<p>\xE2\x80\x9C");
    html_cell(b, dx_account_sentence(g, e, sent));
    dx_buf_puts(b, "\xE2\x80\x9D<br><i>");
    lower_word(b, dx_modality_name(e->modality));
    if (e->source[0]) {
        dx_buf_puts(b, ", according to ");
        html_cell(b, e->source);
    }
    if (e->charge[0]) {
        dx_buf_puts(b, "; charge: ");
        html_cell(b, e->charge);
    }
    dx_buf_puts(b, "; ");
    html_cell(b, dx_account_document(g, e));
    dx_buf_puts(b, "</i></p>");
}

/* The slide's text: how many accounts say what, then the accounts, the
 * denials among the first when the event is contested. */
static void slide_text(dx_buf *b, const dx_graph *g, const dx_gagg *a, dx_buf *sent)
{
    dx_buf_clear(b);
    if (a->contested) dx_buf_puts(b, "<p><b>Contested:</b> ");
    else dx_buf_puts(b, "<p>");
    dx_buf_printf(b, "%u account%s in %u document%s (", a->n, a->n == 1 ? "" : "s", a->documents,
                  a->documents == 1 ? "" : "s");
    dx_agg_modalities(b, a);
    dx_buf_puts(b, ")</p>");
    size_t shown = 0;
    const int32_t *acc = g->agg_accounts + a->first;
    for (int pass = 0; pass < 2; pass++)
        for (uint32_t i = 0; i < a->n && shown < SLIDE_ACCOUNTS; i++) {
            const dx_gevent *e = &g->events.items[acc[i]];
            int denial = e->modality == DX_MODAL_DENIED;
            if (pass == 0 ? !(a->contested && denial) : a->contested && denial) continue;
            account_html(b, g, e, sent);
            shown++;
        }
    if (shown < a->n)
        dx_buf_printf(b, "<p><i>and %u more in timeline.csv (event %s)</i></p>", (unsigned)(a->n - shown),
                      a->id);
}

int dx_write_timelinejs_csv(const dx_export_ctx *x, FILE *fp, dossier_error *err)
{
    const dx_graph *g = x->g;
    unsigned min_accounts = x->opt && x->opt->timeline_min_accounts ? x->opt->timeline_min_accounts : 1;
    static const char *const cols[] = {
        "Year", "Month", "Day", "Time", "End Year", "End Month", "End Day", "End Time",
        "Display Date", "Headline", "Text", "Media", "Media Credit", "Media Caption",
        "Media Thumbnail", "Type", "Group", "Background", NULL};
    dx_csv_writer w;
    dx_csv_writer_init_buffered(&w, fp, x->excel);
    dx_csv_header(&w, cols);
    dx_buf disp, head, text, sent;
    dx_buf_init(&sent);
    dx_buf_init(&disp);
    dx_buf_init(&head);
    dx_buf_init(&text);
    /* the title slide: no date, Type "title" */
    size_t slides = 0, contested = 0;
    for (size_t i = 0; i < g->aggs.len; i++) {
        const dx_gagg *a = &g->aggs.items[i];
        if (a->dated && a->n >= min_accounts) {
            slides++;
            contested += a->contested != 0;
        }
    }
    dx_csv_empty(&w, 9);
    dx_csv_raw(&w, "dossier: events from the documents");
    dx_buf_printf(&text, "%zu dated events", slides);
    if (min_accounts > 1) dx_buf_printf(&text, " told by %u accounts or more", min_accounts);
    dx_buf_printf(&text, ", from %zu documents; %zu of them contested (their sources disagree). "
                  "Each slide quotes the accounts of its event.", g->documents.len, contested);
    dx_csv_text(&w, text.data);
    dx_csv_empty(&w, 4);
    dx_csv_raw(&w, "title");
    dx_csv_empty(&w, 2);
    dx_csv_end_row(&w);
    for (size_t i = 0; i < g->aggs.len; i++) {
        const dx_gagg *a = &g->aggs.items[i];
        if (!a->dated || a->n < min_accounts) continue; /* TimelineJS needs a year */
        const char *v = a->date;
        size_t vlen = strlen(v);
        const char *slash = vlen ? memchr(v + 1, '/', vlen - 1) : NULL;
        const char *v0 = v[0] == '-' ? v + 1 : v;
        ymd_fields(&w, a->day_from, dx_edtf_precision(v0, slash ? (size_t)(slash - v0) : strlen(v0)));
        if (slash) {
            const char *v1 = slash[1] == '-' ? slash + 2 : slash + 1;
            ymd_fields(&w, a->day_to, dx_edtf_precision(v1, strlen(v1)));
        } else if (strlen(v0) >= 7 && v0[4] == '-' && v0[5] == '2') {
            ymd_fields(&w, a->day_to, 2); /* a season spans its months */
        } else {
            dx_csv_empty(&w, 4);
        }
        dx_buf_clear(&disp);
        dx_edtf_words(a->date, a->date_mod, &disp);
        dx_csv_textn(&w, disp.len ? disp.data : "", disp.len);
        dx_buf_clear(&head);
        html_cell(&head, a->headline);
        dx_csv_textn(&w, head.len ? head.data : "", head.len);
        slide_text(&text, g, a, &sent);
        dx_csv_textn(&w, text.data, text.len);
        dx_csv_empty(&w, 5);
        dx_buf_clear(&head);
        dx_buf_puts(&head, dx_ev_noun(a->type));
        dx_csv_text(&w, head.data);
        dx_csv_empty(&w, 1);
        dx_csv_end_row(&w);
    }
    dx_buf_fini(&disp);
    dx_buf_fini(&head);
    dx_buf_fini(&text);
    dx_buf_fini(&sent);
    return dx_csv_finish(&w, "timelinejs.csv", err);
}

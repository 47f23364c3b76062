/* report.c - report.html through libxml2's xmlTextWriter: one
 * self-contained page (no script, no network): first the contested events,
 * each with its accounts side by side; the diagram inline as SVG; the
 * events in date order with their accounts' modalities, sources and best
 * evidence; and who is who. */
#include <libxml/entities.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlwriter.h>
#include <stdlib.h>
#include <string.h>

#include "base/error.h"
#include "export/escape.h"
#include "export/writer.h"
#include "model/edtf.h"

#define X(s) ((const xmlChar *)(s))

typedef struct {
    xmlTextWriterPtr w;
    int rc;
    const dx_graph *g;
    dx_buf sent; /* a sentence read back */
} hw;

static void open_el(hw *h, const char *name)
{
    if (xmlTextWriterStartElement(h->w, X(name)) < 0) h->rc = -1;
}

/* Always <x></x>: an HTML parser does not read <div/> as empty. */
static void close_el(hw *h)
{
    if (xmlTextWriterFullEndElement(h->w) < 0) h->rc = -1;
}

static void attr(hw *h, const char *name, const char *value)
{
    char *v = dx_xml_clean(value);
    if (xmlTextWriterWriteAttribute(h->w, X(name), X(v)) < 0) h->rc = -1;
    free(v);
}

static void text(hw *h, const char *s)
{
    if (!s || !*s) return;
    char *v = dx_xml_clean(s);
    if (xmlTextWriterWriteString(h->w, X(v)) < 0) h->rc = -1;
    free(v);
}

static void element(hw *h, const char *name, const char *cls, const char *content)
{
    open_el(h, name);
    if (cls) attr(h, "class", cls);
    text(h, content);
    close_el(h);
}

static void lower(char *s)
{
    for (; *s; s++)
        if (*s >= 'A' && *s <= 'Z') *s = (char)(*s + 32);
}

static const char *const css =
    "body{font-family:Helvetica,Arial,sans-serif;margin:1.5em 2em;color:#222;line-height:1.35}"
    "h1{margin:0 0 .2em}h2{margin-top:1.6em;border-bottom:1px solid #ddd}"
    ".summary{color:#555}.note{color:#555;font-size:.9em}"
    ".diagram{border:1px solid #ddd;padding:.5em;overflow:auto;background:#fff}"
    ".diagram svg{width:100%;height:auto}"
    "table{border-collapse:collapse;width:100%;font-size:.9em}"
    "th,td{border-bottom:1px solid #e4e4e4;padding:.35em .5em;text-align:left;vertical-align:top}"
    "th{background:#f3f3f3;position:sticky;top:0}"
    "td.date{white-space:nowrap}td.date small,td.doc{color:#777}"
    "td.evidence{min-width:24em;max-width:46em}mark{background:#fff2cc}"
    "td.doc{max-width:12em;font-size:.85em;word-break:break-all}"
    "tr.is-contested td:first-child{border-left:3px solid #c00}"
    ".contested{border-left:3px solid #c00;padding:.2em 0 .2em .8em;margin:1em 0}"
    ".contested h3{margin:.2em 0}"
    ".accounts{display:flex;flex-wrap:wrap;gap:.6em}"
    ".account{flex:1 1 16em;max-width:28em;border:1px solid #ddd;border-radius:.3em;padding:.3em .6em;"
    "font-size:.9em;background:#fafafa}.account.denies{background:#eef5fc}"
    ".account p{margin:.3em 0}.account .doc{color:#777;font-size:.85em;word-break:break-all}"
    ".m{display:inline-block;padding:0 .4em;border-radius:.6em;font-size:.85em;white-space:nowrap}"
    ".m-ASSERTED{background:#eee;color:#222}.m-ALLEGED{background:#f4cccc;color:#900}"
    ".m-CONFESSED{background:#fce5cd;color:#b45f06}.m-DENIED{background:#cfe2f3;color:#0b5394}"
    ".m-HYPOTHETICAL{background:#f3f3f3;color:#666}"
    ".t-person{color:#3d85c6}.t-organization{color:#38761d}.t-place{color:#bf9000}";

static void write_svg(hw *h, const char *svg, size_t len, const char *why)
{
    xmlDocPtr doc = svg ? xmlReadMemory(svg, (int)len, "graph.svg", NULL, XML_PARSE_NONET) : NULL;
    xmlNodePtr root = doc ? xmlDocGetRootElement(doc) : NULL;
    if (!root) {
        element(h, "p", "note", why && *why ? why : "The diagram could not be rendered.");
        if (doc) xmlFreeDoc(doc);
        return;
    }
    /* scale with the page; the viewBox keeps the proportions */
    xmlUnsetProp(root, X("width"));
    xmlUnsetProp(root, X("height"));
    xmlSetProp(root, X("role"), X("img"));
    xmlBufferPtr buf = xmlBufferCreate();
    if (!buf || xmlNodeDump(buf, doc, root, 0, 0) < 0) {
        h->rc = -1;
    } else {
        if (xmlTextWriterWriteRaw(h->w, xmlBufferContent(buf)) < 0) h->rc = -1;
    }
    if (buf) xmlBufferFree(buf);
    xmlFreeDoc(doc);
}

/* The sentence with the trigger word marked. */
static void evidence(hw *h, const dx_gevent *e)
{
    const char *s = dx_account_sentence(h->g, e, &h->sent);
    const char *at = e->trigger[0] ? strstr(s, e->trigger) : NULL;
    if (!at) {
        text(h, s);
        return;
    }
    char *before = xstrndup(s, (size_t)(at - s));
    text(h, before);
    free(before);
    element(h, "mark", NULL, e->trigger);
    text(h, at + strlen(e->trigger));
}

/* <span class="m m-ALLEGED">alleged</span>, with a count when given */
static void modality_badge(hw *h, dx_modality m, unsigned count)
{
    char cls[48], word[48];
    snprintf(cls, sizeof(cls), "m m-%s", dx_modality_name(m));
    if (count) snprintf(word, sizeof(word), "%s %u", dx_modality_name(m), count);
    else snprintf(word, sizeof(word), "%s", dx_modality_name(m));
    lower(word);
    element(h, "span", cls, word);
}

static void date_cell(hw *h, const char *date, dx_date_mod mod, const char *start, const char *end, int inherited,
                      dx_buf *b)
{
    open_el(h, "td");
    attr(h, "class", "date");
    dx_buf_clear(b);
    dx_buf_put(b, "", 0);
    if (date[0]) dx_edtf_words(date, mod, b);
    else dx_buf_puts(b, "undated");
    if (date[0] && inherited) {
        /* stated by no account: inherited from the narrative */
        open_el(h, "i");
        attr(h, "title", "date inherited from the context, not stated in the sentence");
        text(h, "c. ");
        text(h, b->data);
        close_el(h);
    } else {
        text(h, b->data);
    }
    if (start[0]) {
        open_el(h, "br");
        if (xmlTextWriterEndElement(h->w) < 0) h->rc = -1;
        dx_buf_clear(b);
        if (strcmp(start, end) == 0) dx_buf_printf(b, "%s", start);
        else dx_buf_printf(b, "%s \xE2\x80\xA6 %s", start, end);
        element(h, "small", NULL, b->data);
    }
    close_el(h);
}

#define REPORT_MAX_EVENTS 2000
#define CONTESTED_MAX 100
#define SIDE_BY_SIDE 8

/* One account as a card: how it tells the event, who says so, where. */
static void account_card(hw *h, const dx_gevent *e, dx_buf *b)
{
    open_el(h, "div");
    attr(h, "class", e->modality == DX_MODAL_DENIED ? "account denies" : "account");
    open_el(h, "p");
    modality_badge(h, e->modality, 0);
    if (e->source[0]) {
        text(h, " ");
        element(h, "b", NULL, e->source);
    }
    if (e->date[0]) {
        dx_buf_clear(b);
        dx_buf_puts(b, " \xC2\xB7 ");
        dx_edtf_words(e->date, e->date_mod, b);
        text(h, b->data);
    }
    close_el(h);
    open_el(h, "p");
    evidence(h, e);
    close_el(h);
    element(h, "p", "doc", dx_account_document(h->g, e));
    close_el(h);
}

/* The events whose accounts disagree, each with its accounts side by side
 * (the denials among the first shown). */
static void contested(hw *h, const dx_graph *g)
{
    size_t n = 0;
    for (size_t i = 0; i < g->aggs.len; i++) n += g->aggs.items[i].contested != 0;
    if (!n) {
        element(h, "p", "note", "No event is told one way by one account and another way by another.");
        return;
    }
    dx_buf b;
    dx_buf_init(&b);
    size_t shown = 0;
    for (size_t i = 0; i < g->aggs.len && shown < CONTESTED_MAX; i++) {
        const dx_gagg *a = &g->aggs.items[i];
        if (!a->contested) continue;
        shown++;
        open_el(h, "div");
        attr(h, "class", "contested");
        attr(h, "id", a->id);
        element(h, "h3", NULL, a->headline);
        open_el(h, "p");
        attr(h, "class", "summary");
        dx_buf_clear(&b);
        dx_buf_put(&b, "", 0);
        if (a->date[0]) dx_edtf_words(a->date, a->date_mod, &b);
        else dx_buf_puts(&b, "undated");
        dx_buf_printf(&b, " \xC2\xB7 %u accounts in %u documents: ", a->n, a->documents);
        text(h, b.data);
        for (int m = 1; m < DX_MODAL__COUNT; m++)
            if (a->modalities[m]) {
                modality_badge(h, (dx_modality)m, a->modalities[m]);
                text(h, " ");
            }
        if (a->contested & DX_CONTESTED_DATES) element(h, "span", "m m-DENIED", "dates disagree");
        close_el(h);
        open_el(h, "div");
        attr(h, "class", "accounts");
        /* what each side says: the denials first, then the others */
        const int32_t *acc = g->agg_accounts + a->first;
        size_t cards = 0;
        for (int pass = 0; pass < 2; pass++)
            for (uint32_t k = 0; k < a->n && cards < SIDE_BY_SIDE; k++) {
                const dx_gevent *e = &g->events.items[acc[k]];
                if ((e->modality == DX_MODAL_DENIED) != (pass == 0)) continue;
                account_card(h, e, &b);
                cards++;
            }
        close_el(h);
        if (cards < a->n) {
            dx_buf_clear(&b);
            dx_buf_printf(&b, "%u more accounts of this event are in timeline.csv (event %s).",
                          (unsigned)(a->n - cards), a->id);
            element(h, "p", "note", b.data);
        }
        close_el(h);
    }
    if (shown < n) {
        dx_buf_clear(&b);
        dx_buf_printf(&b, "The first %zu of %zu contested events; events.csv lists them all.", shown, n);
        element(h, "p", "note", b.data);
    }
    dx_buf_fini(&b);
}

static void timeline(hw *h, const dx_graph *g)
{
    if (!g->aggs.len) {
        element(h, "p", "note", "No events were found in these documents.");
        return;
    }
    open_el(h, "table");
    attr(h, "id", "timeline");
    open_el(h, "thead");
    open_el(h, "tr");
    static const char *const cols[] = {"Date", "Event", "Who", "Accounts", "Sources", "Evidence"};
    for (size_t i = 0; i < sizeof(cols) / sizeof(cols[0]); i++) element(h, "th", NULL, cols[i]);
    close_el(h);
    close_el(h);
    open_el(h, "tbody");
    dx_buf b;
    dx_buf_init(&b);
    /* a page to read, not the whole archive: events.csv has every event */
    size_t shown = g->aggs.len < REPORT_MAX_EVENTS ? g->aggs.len : REPORT_MAX_EVENTS;
    for (size_t k = 0; k < shown; k++) {
        const dx_gagg *a = &g->aggs.items[k];
        const dx_gevent *best = &g->events.items[a->best];
        open_el(h, "tr");
        attr(h, "id", a->id);
        if (a->contested) attr(h, "class", "is-contested");
        date_cell(h, a->date, a->date_mod, a->start, a->end, dx_agg_date_inherited(g, a), &b);
        dx_buf_clear(&b);
        dx_buf_puts(&b, a->headline);
        if (a->charge[0]) dx_buf_printf(&b, ": %s", a->charge);
        element(h, "td", NULL, b.data);
        char *ag = dx_graph_join_labels(g, a->agents.items, a->agents.len);
        char *pa = dx_graph_join_labels(g, a->patients.items, a->patients.len);
        dx_buf_clear(&b);
        dx_buf_puts(&b, ag);
        if (ag[0] && pa[0]) dx_buf_puts(&b, " \xE2\x86\x92 ");
        dx_buf_puts(&b, pa);
        if (a->place >= 0) dx_buf_printf(&b, "%s(%s)", b.len ? " " : "", g->ents.items[a->place].label);
        element(h, "td", NULL, b.data);
        free(ag);
        free(pa);
        open_el(h, "td");
        for (int m = 1; m < DX_MODAL__COUNT; m++)
            if (a->modalities[m]) {
                modality_badge(h, (dx_modality)m, a->modalities[m]);
                text(h, " ");
            }
        if (a->documents > 1) {
            dx_buf_clear(&b);
            dx_buf_printf(&b, "%u documents", a->documents);
            element(h, "small", NULL, b.data);
        }
        close_el(h);
        dx_buf_clear(&b);
        dx_agg_sources(&b, g, a, 6);
        element(h, "td", NULL, b.len ? b.data : "");
        open_el(h, "td");
        attr(h, "class", "evidence");
        evidence(h, best);
        open_el(h, "br");
        if (xmlTextWriterEndElement(h->w) < 0) h->rc = -1;
        element(h, "small", "doc", dx_account_document(h->g, best));
        close_el(h);
        close_el(h);
    }
    dx_buf_fini(&b);
    close_el(h);
    close_el(h);
    if (shown < g->aggs.len) {
        char note[160];
        snprintf(note, sizeof(note), "The first %zu of %zu events in date order; events.csv lists them all.",
                 shown, g->aggs.len);
        element(h, "p", "note", note);
    }
}

static const dx_graph *sort_g;
static int by_mentions(const void *a, const void *b)
{
    const dx_gent *x = &sort_g->ents.items[*(const size_t *)a];
    const dx_gent *y = &sort_g->ents.items[*(const size_t *)b];
    if (x->mentions != y->mentions) return x->mentions > y->mentions ? -1 : 1;
    return strcmp(x->id, y->id);
}

#define WHO_TOP 30

static void who_is_who(hw *h, const dx_graph *g)
{
    size_t n = g->ents.len;
    size_t *idx = xmalloc((n + 1) * sizeof(size_t));
    for (size_t i = 0; i < n; i++) idx[i] = i;
    sort_g = g;
    qsort(idx, n, sizeof(size_t), by_mentions);
    sort_g = NULL;
    open_el(h, "table");
    attr(h, "id", "entities");
    open_el(h, "thead");
    open_el(h, "tr");
    static const char *const cols[] = {"Name", "Type", "Mentions", "Documents", "Known as",
                                       "Roles"};
    for (size_t i = 0; i < sizeof(cols) / sizeof(cols[0]); i++) element(h, "th", NULL, cols[i]);
    close_el(h);
    close_el(h);
    open_el(h, "tbody");
    char num[32];
    dx_buf b;
    dx_buf_init(&b);
    for (size_t k = 0; k < n && k < WHO_TOP; k++) {
        const dx_gent *e = &g->ents.items[idx[k]];
        open_el(h, "tr");
        element(h, "td", NULL, e->label);
        dx_buf_clear(&b);
        dx_buf_printf(&b, "t-%s", dx_ent_type_lower(e->type));
        element(h, "td", b.data, dx_ent_type_lower(e->type));
        snprintf(num, sizeof(num), "%u", e->mentions);
        element(h, "td", NULL, num);
        snprintf(num, sizeof(num), "%u", e->documents);
        element(h, "td", NULL, num);
        /* a few aliases, not the whole gazetteer line */
        dx_buf_clear(&b);
        const char *p = e->aliases;
        for (int a = 0; *p && a < 4; a++) {
            size_t l = strcspn(p, "|");
            if (b.len) dx_buf_puts(&b, ", ");
            dx_buf_put(&b, p, l);
            p += l;
            if (*p == '|') p++;
        }
        if (*p) dx_buf_puts(&b, ", \xE2\x80\xA6");
        dx_buf_put(&b, "", 0);
        element(h, "td", NULL, b.data);
        element(h, "td", NULL, e->roles);
        close_el(h);
    }
    dx_buf_fini(&b);
    close_el(h);
    close_el(h);
    free(idx);
}

int dx_write_report(const dx_export_ctx *x, FILE *fp, dossier_error *err)
{
    const dx_graph *g = x->g;
    const char *svg = x->svg, *svg_error = x->svg_why;
    size_t svg_len = x->svg_len;
    dx_xml_quiet();
    xmlOutputBufferPtr out = xmlOutputBufferCreateFile(fp, NULL);
    xmlTextWriterPtr w = out ? xmlNewTextWriter(out) : NULL;
    if (!w) {
        if (out) xmlOutputBufferClose(out);
        dx_error_set(err, DOSSIER_EIO, "report.html", 0, "cannot create the HTML writer");
        return DOSSIER_EIO;
    }
    hw H = {w, 0, g, {0}}, *h = &H;
    dx_buf_init(&H.sent);
    if (xmlTextWriterWriteDTD(w, X("html"), NULL, NULL, NULL) < 0) H.rc = -1;
    xmlTextWriterWriteRaw(w, X("\n"));
    open_el(h, "html");
    attr(h, "lang", "en");
    open_el(h, "head");
    open_el(h, "meta");
    attr(h, "charset", "utf-8");
    if (xmlTextWriterEndElement(w) < 0) H.rc = -1;
    open_el(h, "meta");
    attr(h, "name", "viewport");
    attr(h, "content", "width=device-width, initial-scale=1");
    if (xmlTextWriterEndElement(w) < 0) H.rc = -1;
    element(h, "title", NULL, "dossier report");
    element(h, "style", NULL, css);
    close_el(h);
    open_el(h, "body");
    element(h, "h1", NULL, "dossier report");
    size_t by_type[DX_ENT__COUNT] = {0};
    for (size_t i = 0; i < g->ents.len; i++)
        if (g->ents.items[i].type < DX_ENT__COUNT) by_type[g->ents.items[i].type]++;
    dx_buf b;
    dx_buf_init(&b);
    dx_buf_printf(&b,
                  "%zu documents \xC2\xB7 %zu people \xC2\xB7 %zu organisations \xC2\xB7 %zu places "
                  "\xC2\xB7 %zu events told by %zu accounts \xC2\xB7 %zu mentions",
                  g->documents.len, by_type[DX_ENT_PERSON], by_type[DX_ENT_ORG],
                  by_type[DX_ENT_PLACE], g->aggs.len, g->events.len - g->unanchored, g->n_mentions);
    element(h, "p", "summary", b.data);
    element(h, "h2", NULL, "Contested");
    element(h, "p", "note",
            "Events whose accounts disagree: one source asserts or alleges what another denies, or "
            "their documents give dates that cannot both be true. Each event's accounts are side by "
            "side; the denials first.");
    contested(h, g);
    element(h, "h2", NULL, "Relationship diagram");
    element(h, "p", "note",
            "The most connected people, organisations and places. Coloured lines are relations "
            "taken from events, styled by how the source presents them (solid asserted, dashed "
            "alleged or confessed, dotted denied); grey lines join names that appear in the same "
            "sentence. Hover over a name or a line to see its evidence.");
    open_el(h, "div");
    attr(h, "class", "diagram");
    attr(h, "id", "diagram");
    write_svg(h, svg, svg_len, svg_error);
    close_el(h);
    element(h, "h2", NULL, "Timeline");
    dx_buf_clear(&b);
    dx_buf_printf(&b,
                  "Every event in date order (undated ones last): the accounts of one event, from one "
                  "document or several, are one row, with how many tell it which way (asserted, "
                  "alleged, confessed, denied, hypothetical), who says so, and the sentence of its "
                  "best account. timeline.csv has every account; %zu of them name no one, no place "
                  "and no precise date, and belong to no event.",
                  g->unanchored);
    element(h, "p", "note", b.data);
    timeline(h, g);
    element(h, "h2", NULL, "Who is who");
    dx_buf_clear(&b);
    dx_buf_printf(&b, "The %d most mentioned of %zu entities; all of them are in entities.csv.",
                  WHO_TOP, g->ents.len);
    element(h, "p", "note", b.data);
    who_is_who(h, g);
    element(h, "h2", NULL, "Documents");
    element(h, "p", "note",
            "Each document with the date its relative dates (\xE2\x80\x9cyesterday\xE2\x80\x9d, "
            "\xE2\x80\x9clast Friday\xE2\x80\x9d) were read against, and where that date came from: "
            "--dct, --dct-file, the document\xE2\x80\x99s metadata, a dateline or a date line. "
            "Without one they keep an empty value.");
    open_el(h, "ul");
    for (size_t i = 0; i < g->documents.len; i++) {
        const char *dates = i < g->document_dates.len ? g->document_dates.items[i] : "";
        dx_buf_clear(&b);
        dx_buf_printf(&b, "%s \xE2\x80\x94 %s", g->documents.items[i], *dates ? dates : "no document date");
        element(h, "li", NULL, b.data);
    }
    close_el(h);
    element(h, "p", "note",
            "Written by dossier " DOSSIER_VERSION ". The same data: graph.gexf (Gephi), "
            "graph.dot, entities.csv and relations.csv (Gephi spreadsheet import), events.csv, timeline.csv, "
            "timelinejs.csv (TimelineJS), mentions.csv.");
    dx_buf_fini(&b);
    close_el(h); /* body */
    close_el(h); /* html */
    if (xmlTextWriterEndDocument(w) < 0) H.rc = -1;
    if (xmlTextWriterFlush(w) < 0) H.rc = -1;
    xmlFreeTextWriter(w);
    dx_buf_fini(&H.sent);
    if (H.rc < 0) {
        dx_error_set(err, DOSSIER_EIO, "report.html", 0, "write failed");
        return DOSSIER_EIO;
    }
    return 0;
}

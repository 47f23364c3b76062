/* dot.c - graph.dot through graphviz's cgraph, and graph.svg rendered
 * through gvc: a legible diagram (the most connected entities and the
 * strongest relations), shapes and colours by type, edge styles by modality,
 * a legend. The only file that includes graphviz headers. */
#include <cgraph.h>
#include <pthread.h>
#include <gvc.h>
#include <stdlib.h>
#include <string.h>

#include "base/error.h"
#include "base/map.h"
#include "base/utf8.h"
#include "export/escape.h"
#include "export/writer.h"
#include "model/edtf.h"

/* Debian's graphviz 2.42 headers take char * where they mean const char *:
 * every cast lives here. */
static char *S(const char *s) { return (char *)(uintptr_t)s; }

/* Backslashes, as graphviz reads them (2.42/2.43, dot and gvc alike): a
 * label turns "\\" into one literal backslash, so doubling keeps "\N" or a
 * trailing backslash as text (cgraph escapes only '"' when it writes a
 * value: a lone trailing backslash would escape the closing quote); a
 * tooltip is unescaped once more before \N and \G are expanded to the
 * node's and the graph's names, so a literal backslash takes four. */
enum { BS_LABEL = 2, BS_TOOLTIP = 4 };

/* Every value set here is literal text: each backslash becomes bs of them;
 * control characters other than tab and newline become spaces,
 * U+FFFE/U+FFFF become U+FFFD. */
static void set_bs(void *obj, const char *name, const char *value, int bs)
{
    dx_buf b;
    dx_buf_init(&b);
    for (const char *p = value; *p; p++) {
        if (strncmp(p, "\xEF\xBF\xBE", 3) == 0 || strncmp(p, "\xEF\xBF\xBF", 3) == 0) {
            dx_buf_puts(&b, "\xEF\xBF\xBD"); /* U+FFFE/U+FFFF would break the SVG dot makes */
            p += 2;
            continue;
        }
        if (*p == '\\') {
            for (int k = 0; k < bs; k++) dx_buf_putc(&b, '\\');
            continue;
        }
        dx_buf_putc(&b, (unsigned char)*p < 0x20 && *p != '\t' && *p != '\n' ? ' ' : *p);
    }
    dx_buf_put(&b, "", 0);
    agsafeset(obj, S(name), b.data, S(""));
    dx_buf_fini(&b);
}

static void set(void *obj, const char *name, const char *value) { set_bs(obj, name, value, BS_LABEL); }

/* ---------------------------------------------------------------- styles */

static const char *type_shape(dx_ent_type t)
{
    switch (t) {
    case DX_ENT_PERSON: return "ellipse";
    case DX_ENT_ORG: return "box";
    case DX_ENT_PLACE: return "house";
    default: return "note";
    }
}

static const char *type_fill(dx_ent_type t)
{
    switch (t) {
    case DX_ENT_PERSON: return "#cfe2f3";
    case DX_ENT_ORG: return "#d9ead3";
    case DX_ENT_PLACE: return "#fff2cc";
    default: return "#f4cccc";
    }
}

static const char *type_border(dx_ent_type t)
{
    switch (t) {
    case DX_ENT_PERSON: return "#3d85c6";
    case DX_ENT_ORG: return "#6aa84f";
    case DX_ENT_PLACE: return "#bf9000";
    default: return "#cc0000";
    }
}

static const char *modality_style(dx_modality m)
{
    switch (m) {
    case DX_MODAL_ALLEGED: return "dashed";
    case DX_MODAL_CONFESSED: return "dashed";
    case DX_MODAL_DENIED: return "dotted";
    case DX_MODAL_HYPOTHETICAL: return "dotted";
    default: return "solid";
    }
}

static const char *modality_color(dx_modality m)
{
    switch (m) {
    case DX_MODAL_ALLEGED: return "#cc0000";
    case DX_MODAL_CONFESSED: return "#e69138";
    case DX_MODAL_DENIED: return "#3d85c6";
    case DX_MODAL_HYPOTHETICAL: return "#999999";
    default: return "#222222";
    }
}

/* A contested event: its border and its word. */
#define CONTESTED_COLOR "#cc0000"

/* The way an uncontested event is told: asserted when all its accounts
 * assert it, else the most frequent other modality. */
static dx_modality stance(const dx_gagg *a)
{
    if (a->modalities[DX_MODAL_ASSERTED] == a->n) return DX_MODAL_ASSERTED;
    dx_modality best = DX_MODAL_ALLEGED;
    for (int m = DX_MODAL_ALLEGED; m < DX_MODAL__COUNT; m++)
        if (a->modalities[m] > a->modalities[best]) best = (dx_modality)m;
    return best;
}

static const char *lower_word(const char *s, char *buf, size_t n)
{
    size_t i = 0;
    for (; s[i] && i + 1 < n; i++) buf[i] = (char)(s[i] >= 'A' && s[i] <= 'Z' ? s[i] + 32 : s[i]);
    buf[i] = '\0';
    return buf;
}

/* ---------------------------------------------------------------- escaping */

/* Document text made safe for an HTML-like label: control characters become
 * spaces (the label parser rejects them), a backslash is doubled (graphviz
 * expands \N in an HTML label's text too, and 2.42 reads one byte past a
 * text that ends in a lone backslash), line breaks become <BR/>, and the
 * markup characters are escaped by libxml2 (dx_html_escape). Appended to out;
 * max_bytes (0: no limit) cuts long text at a space. */
static void html_text(dx_buf *out, const char *s, size_t max_bytes)
{
    dx_buf clean;
    dx_buf_init(&clean);
    size_t n = strlen(s), i = 0;
    int cut = 0;
    while (i < n) {
        size_t before = i;
        uint32_t cp = dx_utf8_next(s, n, &i);
        if (max_bytes && clean.len >= max_bytes && cp == ' ') {
            cut = 1;
            break;
        }
        if (cp == '\n') dx_buf_putc(&clean, '\n');
        else if (cp == '\\') dx_buf_puts(&clean, "\\\\");
        else if (cp < 0x20 || cp == 0x7f || cp == 0xFFFE || cp == 0xFFFF) dx_buf_putc(&clean, ' ');
        else dx_buf_put(&clean, s + before, i - before);
    }
    if (cut) dx_buf_puts(&clean, " \xE2\x80\xA6");
    dx_buf_put(&clean, "", 0);
    char *line = clean.data, *nl;
    int first = 1;
    do {
        nl = strchr(line, '\n');
        if (nl) *nl = '\0';
        if (!first) dx_buf_puts(out, "<BR/>");
        first = 0;
        char *esc = dx_html_escape(line);
        dx_buf_puts(out, esc);
        free(esc);
        line = nl ? nl + 1 : NULL;
    } while (line);
    dx_buf_fini(&clean);
}

static void set_html(Agraph_t *G, void *obj, const char *name, const char *html)
{
    char *h = agstrdup_html(G, S(html));
    agsafeset(obj, S(name), h, S(""));
    agstrfree(G, h);
}

/* A tooltip from document text: its backslashes stay text (BS_TOOLTIP),
 * line breaks become spaces. */
static void set_plain(void *obj, const char *name, const char *text)
{
    char *t = xstrdup(text);
    for (char *p = t; *p; p++)
        if (*p == '\n' || *p == '\r' || *p == '\t') *p = ' ';
    set_bs(obj, name, t, BS_TOOLTIP);
    free(t);
}

/* ---------------------------------------------------------------- selection */

#define DEFAULT_TOP 40
#define DEFAULT_MIN_WEIGHT 3
#define COOC_PER_NODE 4
#define EVENT_PARTICIPANTS 5

typedef struct {
    const dx_graph *g;
    dossier_view view;
    unsigned top, min_weight;
    uint32_t *score;
    uint8_t *ent;   /* kept entities */
    uint8_t *ev;    /* kept events */
    uint8_t *edge;  /* kept edges */
    uint32_t *hidden; /* per event: participants left out of the picture */
    size_t n_ent, n_ev, n_edge;
} selection;

static const selection *sort_sel;
static int by_score(const void *a, const void *b)
{
    int32_t x = *(const int32_t *)a, y = *(const int32_t *)b;
    uint32_t sx = sort_sel->score[x], sy = sort_sel->score[y];
    if (sx != sy) return sx > sy ? -1 : 1;
    return strcmp(sort_sel->g->ents.items[x].id, sort_sel->g->ents.items[y].id);
}

static int by_weight_desc(const void *a, const void *b)
{
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
    return x > y ? -1 : x < y;
}

static int ent_ent(const dx_gedge *e)
{
    return e->src_kind == DX_NODE_ENTITY && e->dst_kind == DX_NODE_ENTITY;
}

static int type_wanted(dossier_view v, dx_ent_type t)
{
    if (v == DOSSIER_VIEW_PEOPLE) return t == DX_ENT_PERSON;
    return t == DX_ENT_PERSON || t == DX_ENT_ORG || t == DX_ENT_PLACE;
}


typedef struct {
    size_t idx;
    uint32_t score;
} ev_rank;

static int by_ev_score(const void *a, const void *b)
{
    const ev_rank *x = a, *y = b;
    if (x->score != y->score) return x->score > y->score ? -1 : 1;
    return x->idx < y->idx ? -1 : x->idx > y->idx;
}

/* The events worth drawing: contested ones, then those told by many
 * accounts, with many participants, dated; up to half of top. In the full
 * view only events whose participants are all in the picture; in the
 * events view the participants join the picture. */
static void select_events(selection *s, int among_kept)
{
    const dx_graph *g = s->g;
    size_t nv = g->aggs.len;
    ev_rank *r = xcalloc(nv + 1, sizeof(ev_rank));
    uint8_t *outside = xcalloc(nv + 1, 1);
    for (size_t i = 0; i < nv; i++) r[i].idx = i;
    for (size_t i = 0; i < g->edges.len; i++) {
        const dx_gedge *e = &g->edges.items[i];
        if (e->dst_kind != DX_NODE_EVENT || e->src_kind != DX_NODE_ENTITY) continue;
        r[e->dst].score += e->rel == DX_REL_SOURCE ? 1 : 2;
        if (among_kept && !s->ent[e->src]) outside[e->dst] = 1;
    }
    for (size_t i = 0; i < nv; i++) {
        const dx_gagg *a = &g->aggs.items[i];
        if (!r[i].score || outside[i]) r[i].score = 0;
        else
            r[i].score += (a->start[0] ? 6 : 0) + (a->date[0] && strlen(a->date) >= 7 ? 2 : 0) +
                          3 * (a->n > 10 ? 10 : a->n) + (a->contested ? 20 : 0);
    }
    qsort(r, nv, sizeof(ev_rank), by_ev_score);
    size_t want = s->top / 2 ? s->top / 2 : 1;
    for (size_t k = 0; k < nv && k < want && r[k].score; k++) s->ev[r[k].idx] = 1;
    if (!among_kept) {
        /* each event brings its EVENT_PARTICIPANTS most connected
         * participants (and sources); the others are counted in its label */
        DX_VEC(ev_rank) part = {0};
        DX_VEC(size_t) *by_event = xcalloc(nv + 1, sizeof(*by_event));
        for (size_t i = 0; i < g->edges.len; i++) {
            const dx_gedge *e = &g->edges.items[i];
            if (e->dst_kind == DX_NODE_EVENT && s->ev[e->dst] && e->src_kind == DX_NODE_ENTITY)
                DX_PUSH(by_event[e->dst], i);
        }
        for (size_t v = 0; v < nv; v++) {
            if (!by_event[v].len) continue;
            part.len = 0;
            for (size_t k = 0; k < by_event[v].len; k++) {
                const dx_gedge *e = &g->edges.items[by_event[v].items[k]];
                ev_rank pr = {by_event[v].items[k], s->score[e->src]};
                DX_PUSH(part, pr);
            }
            qsort(part.items, part.len, sizeof(ev_rank), by_ev_score);
            for (size_t k = 0; k < part.len; k++) {
                const dx_gedge *e = &g->edges.items[part.items[k].idx];
                if (k < EVENT_PARTICIPANTS) {
                    s->edge[part.items[k].idx] = 1;
                    s->ent[e->src] = 1;
                } else {
                    s->hidden[v]++;
                }
            }
            DX_FREE(by_event[v]);
        }
        free(by_event);
        DX_FREE(part);
    }
    free(outside);
    free(r);
}

static void select_nodes(selection *s)
{
    const dx_graph *g = s->g;
    size_t ne = g->ents.len;
    s->score = xcalloc(ne + 1, sizeof(uint32_t));
    s->ent = xcalloc(ne + 1, 1);
    s->ev = xcalloc(g->aggs.len + 1, 1);
    s->edge = xcalloc(g->edges.len + 1, 1);
    s->hidden = xcalloc(g->aggs.len + 1, sizeof(uint32_t));
    for (size_t i = 0; i < g->edges.len; i++) {
        const dx_gedge *e = &g->edges.items[i];
        if (!ent_ent(e)) continue;
        uint32_t w = e->rel == DX_REL_COOCCURS ? e->weight : 4 * e->weight;
        s->score[e->src] += w;
        s->score[e->dst] += w;
    }
    for (size_t i = 0; i < ne; i++) s->score[i] += g->ents.items[i].mentions;
    int32_t *order = xmalloc((ne + 1) * sizeof(int32_t));
    for (size_t i = 0; i < ne; i++) order[i] = (int32_t)i;
    sort_sel = s;
    qsort(order, ne, sizeof(int32_t), by_score);
    sort_sel = NULL;

    if (s->view != DOSSIER_VIEW_EVENTS) {
        size_t kept = 0, places = 0;
        for (size_t i = 0; i < ne && kept < s->top; i++) {
            const dx_gent *e = &g->ents.items[order[i]];
            if (!type_wanted(s->view, e->type)) continue;
            if (e->type == DX_ENT_PLACE && places >= s->top / 5) continue;
            if (e->type == DX_ENT_PLACE) places++;
            s->ent[order[i]] = 1;
            kept++;
        }
    }
    if (s->view == DOSSIER_VIEW_EVENTS || s->view == DOSSIER_VIEW_FULL)
        select_events(s, s->view == DOSSIER_VIEW_FULL);
    free(order);
}

static void select_edges(selection *s)
{
    const dx_graph *g = s->g;
    size_t ne = g->ents.len;
    /* co-occurrences: at least min_weight, and among the COOC_PER_NODE
     * strongest of one of its ends, so the picture keeps its backbone */
    uint32_t *thr = xcalloc(ne + 1, sizeof(uint32_t));
    if (s->view != DOSSIER_VIEW_EVENTS) {
        DX_VEC(uint32_t) ws = {0};
        for (size_t n = 0; n < ne; n++) {
            if (!s->ent[n]) continue;
            ws.len = 0;
            for (size_t i = 0; i < g->edges.len; i++) {
                const dx_gedge *e = &g->edges.items[i];
                if (e->rel != DX_REL_COOCCURS || !ent_ent(e)) continue;
                if ((size_t)e->src != n && (size_t)e->dst != n) continue;
                if (!s->ent[e->src] || !s->ent[e->dst] || e->weight < s->min_weight) continue;
                DX_PUSH(ws, e->weight);
            }
            if (!ws.len) continue;
            qsort(ws.items, ws.len, sizeof(uint32_t), by_weight_desc);
            thr[n] = ws.items[ws.len < COOC_PER_NODE ? ws.len - 1 : COOC_PER_NODE - 1];
        }
        DX_FREE(ws);
    }
    for (size_t i = 0; i < g->edges.len; i++) {
        const dx_gedge *e = &g->edges.items[i];
        int keep = 0;
        if (ent_ent(e)) {
            if (s->view == DOSSIER_VIEW_EVENTS || !s->ent[e->src] || !s->ent[e->dst]) keep = 0;
            else if (e->rel != DX_REL_COOCCURS) keep = 1;
            else
                keep = e->weight >= s->min_weight &&
                       ((thr[e->src] && e->weight >= thr[e->src]) || (thr[e->dst] && e->weight >= thr[e->dst]));
        } else if (e->src_kind == DX_NODE_ENTITY && e->dst_kind == DX_NODE_EVENT) {
            keep = s->view == DOSSIER_VIEW_EVENTS ? s->edge[i] : s->ev[e->dst] && s->ent[e->src];
        }
        s->edge[i] = (uint8_t)keep;
    }
    free(thr);
    /* drop entities left without an edge, unless nothing would remain */
    uint8_t *linked = xcalloc(ne + 1, 1);
    size_t n_linked = 0;
    for (size_t i = 0; i < g->edges.len; i++) {
        if (!s->edge[i]) continue;
        const dx_gedge *e = &g->edges.items[i];
        linked[e->src] |= e->src_kind == DX_NODE_ENTITY;
        if (e->dst_kind == DX_NODE_ENTITY) linked[e->dst] = 1;
    }
    for (size_t i = 0; i < ne; i++) n_linked += linked[i] && s->ent[i];
    if (n_linked)
        for (size_t i = 0; i < ne; i++) s->ent[i] = s->ent[i] && linked[i];
    free(linked);
    for (size_t i = 0; i < ne; i++) s->n_ent += s->ent[i];
    for (size_t i = 0; i < g->aggs.len; i++) s->n_ev += s->ev[i];
    for (size_t i = 0; i < g->edges.len; i++) s->n_edge += s->edge[i];
}

static void selection_fini(selection *s)
{
    free(s->score);
    free(s->ent);
    free(s->ev);
    free(s->edge);
    free(s->hidden);
}

/* ---------------------------------------------------------------- the diagram */

/* The first role of a gazetteer entry, short enough for a node. */
static void first_role(dx_buf *out, const char *roles)
{
    size_t n = strcspn(roles, "|;");
    char *r = xstrndup(roles, n);
    html_text(out, r, 28);
    free(r);
}

static void legend(Agraph_t *G, const selection *s)
{
    const dx_graph *g = s->g;
    dx_buf b;
    dx_buf_init(&b);
    static const char *const view_names[] = {"", "people, organisations and places", "people",
                                             "events", "entities and events"};
    dx_buf_printf(&b,
                  "<TABLE BORDER=\"0\" CELLSPACING=\"6\" CELLPADDING=\"3\">"
                  "<TR><TD COLSPAN=\"6\"><FONT POINT-SIZE=\"16\"><B>dossier</B></FONT>"
                  "<FONT POINT-SIZE=\"11\">  %s: %zu of %zu entities, %zu of %zu events "
                  "(%zu documents)</FONT></TD></TR><TR>",
                  view_names[s->view], s->n_ent, g->ents.len, s->n_ev, g->aggs.len,
                  g->documents.len);
    static const struct {
        dx_ent_type t;
        const char *name;
    } kinds[] = {{DX_ENT_PERSON, "person"},
                 {DX_ENT_ORG, "organisation"},
                 {DX_ENT_PLACE, "place"},
                 {DX_ENT_NONE, "event"}};
    for (size_t k = 0; k < 4; k++)
        dx_buf_printf(&b, "<TD BGCOLOR=\"%s\" COLOR=\"%s\" BORDER=\"1\" STYLE=\"rounded\">%s</TD>",
                      type_fill(kinds[k].t), type_border(kinds[k].t), kinds[k].name);
    if (s->n_ev)
        dx_buf_printf(&b, "<TD BGCOLOR=\"%s\" COLOR=\"%s\" BORDER=\"2\" STYLE=\"rounded\">contested</TD>",
                      type_fill(DX_ENT_NONE), CONTESTED_COLOR);
    dx_buf_printf(&b, "<TD COLSPAN=\"%d\"><FONT COLOR=\"#999999\">grey: named in one sentence "
                  "(thicker: more often)</FONT></TD></TR><TR>", s->n_ev ? 1 : 2);
    static const struct {
        dx_modality m;
        const char *line, *name;
    } mods[] = {{DX_MODAL_ASSERTED, "\xE2\x80\x94\xE2\x80\x94\xE2\x80\x94", "asserted"},
                {DX_MODAL_ALLEGED, "\xE2\x80\x93 \xE2\x80\x93 \xE2\x80\x93", "alleged"},
                {DX_MODAL_CONFESSED, "\xE2\x80\x93 \xE2\x80\x93 \xE2\x80\x93", "confessed"},
                {DX_MODAL_DENIED, "\xC2\xB7 \xC2\xB7 \xC2\xB7 \xC2\xB7", "denied"},
                {DX_MODAL_HYPOTHETICAL, "\xC2\xB7 \xC2\xB7 \xC2\xB7 \xC2\xB7", "hypothetical"}};
    for (size_t k = 0; k < 5; k++)
        dx_buf_printf(&b, "<TD><FONT COLOR=\"%s\">%s %s</FONT></TD>",
                      modality_color(mods[k].m), mods[k].line, mods[k].name);
    dx_buf_puts(&b, "<TD></TD></TR></TABLE>");
    set_html(G, G, "label", b.data);
    dx_buf_fini(&b);
}

/* The engine graph.svg and report.html's diagram are laid out with: the
 * events in date order top to bottom (dot), the networks by force (neato). */
static const char *engine(const dossier_export_options *opt)
{
    return opt && opt->view == DOSSIER_VIEW_EVENTS ? "dot" : "neato";
}

static Agraph_t *build(const dx_graph *g, const dossier_export_options *opt)
{
    selection s;
    memset(&s, 0, sizeof(s));
    s.g = g;
    s.view = opt && opt->view ? opt->view : DOSSIER_VIEW_NETWORK;
    s.top = opt && opt->top ? opt->top : DEFAULT_TOP;
    s.min_weight = opt && opt->min_weight ? opt->min_weight : DEFAULT_MIN_WEIGHT;
    select_nodes(&s);
    select_edges(&s);
    int events_view = s.view == DOSSIER_VIEW_EVENTS;

    Agraph_t *G = agopen(S("dossier"), Agdirected, NULL);
    /* no layout= here: `sfdp graph.dot` must lay it out with sfdp, and `dot
     * graph.dot` with dot; the engine is chosen for graph.svg alone (engine()) */
    if (events_view) {
        agattr(G, AGRAPH, S("rankdir"), S("TB"));
        agattr(G, AGRAPH, S("ranksep"), S("0.35"));
        agattr(G, AGRAPH, S("nodesep"), S("0.3"));
    } else {
        agattr(G, AGRAPH, S("overlap"), S("false"));
        agattr(G, AGRAPH, S("sep"), S("+14"));
        agattr(G, AGRAPH, S("esep"), S("+6"));
        agattr(G, AGRAPH, S("mode"), S("major"));
        agattr(G, AGRAPH, S("start"), S("7"));
    }
    agattr(G, AGRAPH, S("splines"), S("true"));
    agattr(G, AGRAPH, S("outputorder"), S("edgesfirst"));
    agattr(G, AGRAPH, S("pad"), S("0.3"));
    agattr(G, AGRAPH, S("bgcolor"), S("white"));
    agattr(G, AGRAPH, S("fontname"), S("Helvetica"));
    agattr(G, AGRAPH, S("labelloc"), S("b"));
    agattr(G, AGRAPH, S("label"), S(""));
    agattr(G, AGNODE, S("shape"), S("ellipse"));
    agattr(G, AGNODE, S("style"), S("filled"));
    agattr(G, AGNODE, S("fillcolor"), S("white"));
    agattr(G, AGNODE, S("color"), S("black"));
    agattr(G, AGNODE, S("penwidth"), S("1.2"));
    agattr(G, AGNODE, S("fontname"), S("Helvetica"));
    agattr(G, AGNODE, S("fontsize"), S("12"));
    agattr(G, AGNODE, S("margin"), S("0.08,0.04"));
    agattr(G, AGNODE, S("label"), S("\\N"));
    agattr(G, AGNODE, S("tooltip"), S(""));
    agattr(G, AGEDGE, S("style"), S("solid"));
    agattr(G, AGEDGE, S("color"), S("#222222"));
    agattr(G, AGEDGE, S("fontcolor"), S("#222222"));
    agattr(G, AGEDGE, S("label"), S(""));
    agattr(G, AGEDGE, S("fontname"), S("Helvetica"));
    agattr(G, AGEDGE, S("fontsize"), S("9"));
    agattr(G, AGEDGE, S("penwidth"), S("1"));
    agattr(G, AGEDGE, S("arrowsize"), S("0.7"));
    agattr(G, AGEDGE, S("dir"), S("forward"));
    agattr(G, AGEDGE, S("tooltip"), S(""));
    agattr(G, AGEDGE, S("weight"), S("1"));
    legend(G, &s);

    size_t ne = g->ents.len;
    /* font size by rank among the kept entities: the most connected largest */
    uint32_t max_score = 1;
    for (size_t i = 0; i < ne; i++)
        if (s.ent[i] && s.score[i] > max_score) max_score = s.score[i];
    Agnode_t **nodes = xcalloc(ne + 1, sizeof(Agnode_t *));
    char num[64];
    dx_buf lab, tip, sent; /* sent: a sentence read back */
    dx_buf_init(&lab);
    dx_buf_init(&tip);
    dx_buf_init(&sent);
    for (size_t i = 0; i < ne; i++) {
        if (!s.ent[i]) continue;
        const dx_gent *e = &g->ents.items[i];
        Agnode_t *n = agnode(G, S(e->id), 1);
        nodes[i] = n;
        unsigned fs = 10 + (unsigned)(12ull * s.score[i] / max_score);
        dx_buf_clear(&lab);
        html_text(&lab, e->label, 0);
        if (e->roles[0] && e->type == DX_ENT_PERSON) {
            dx_buf_puts(&lab, "<BR/><FONT POINT-SIZE=\"8\" COLOR=\"#555555\">");
            first_role(&lab, e->roles);
            dx_buf_puts(&lab, "</FONT>");
        }
        set_html(G, n, "label", lab.data);
        set(n, "shape", type_shape(e->type));
        set(n, "fillcolor", type_fill(e->type));
        set(n, "color", type_border(e->type));
        snprintf(num, sizeof(num), "%u", fs);
        set(n, "fontsize", num);
        dx_buf_clear(&tip);
        dx_buf_printf(&tip, "%s (%s): %u mention%s in %u document%s", e->label,
                      dx_ent_type_lower(e->type), e->mentions, e->mentions == 1 ? "" : "s",
                      e->documents, e->documents == 1 ? "" : "s");
        if (e->roles[0]) dx_buf_printf(&tip, "; %s", e->roles);
        set_plain(n, "tooltip", tip.data);
    }
    /* events (g->aggs are in date order) */
    Agnode_t **evnodes = xcalloc(g->aggs.len + 1, sizeof(Agnode_t *));
    char tmp[32];
    Agnode_t *prev = NULL;
    for (size_t k = 0; k < g->aggs.len; k++) {
        if (!s.ev[k]) continue;
        const dx_gagg *a = &g->aggs.items[k];
        Agnode_t *n = agnode(G, S(a->id), 1);
        evnodes[k] = n;
        dx_buf_clear(&lab);
        dx_buf_printf(&lab, "<B>%s</B>", lower_word(dx_ev_type_name(a->type), tmp, sizeof(tmp)));
        if (a->contested) dx_buf_printf(&lab, " <FONT COLOR=\"%s\">(contested)</FONT>", CONTESTED_COLOR);
        else if (a->modalities[DX_MODAL_ASSERTED] < a->n)
            dx_buf_printf(&lab, " <FONT COLOR=\"%s\">(%s)</FONT>", modality_color(stance(a)),
                          lower_word(dx_modality_name(stance(a)), tmp, sizeof(tmp)));
        if (a->date[0]) {
            dx_buf_puts(&lab, "<BR/><FONT POINT-SIZE=\"9\">");
            dx_buf words;
            dx_buf_init(&words);
            dx_buf_put(&words, "", 0);
            dx_edtf_words(a->date, a->date_mod, &words);
            /* a date only inherited from the context, stated by no account: "c." and italics */
            int inherited = dx_agg_date_inherited(g, a);
            if (inherited) dx_buf_puts(&lab, "<I>c. ");
            html_text(&lab, words.data, 0);
            if (inherited) dx_buf_puts(&lab, "</I>");
            dx_buf_fini(&words);
            dx_buf_puts(&lab, "</FONT>");
        }
        if (a->n > 1) {
            dx_buf_puts(&lab, "<BR/><FONT POINT-SIZE=\"8\" COLOR=\"#555555\">");
            dx_buf words;
            dx_buf_init(&words);
            dx_buf_put(&words, "", 0);
            dx_agg_modalities(&words, a);
            html_text(&lab, words.data, 0);
            dx_buf_fini(&words);
            dx_buf_puts(&lab, "</FONT>");
        }
        if (s.hidden[k])
            dx_buf_printf(&lab, "<BR/><FONT POINT-SIZE=\"8\" COLOR=\"#555555\">and %u more</FONT>",
                          s.hidden[k]);
        set_html(G, n, "label", lab.data);
        set(n, "shape", "box");
        set(n, "style", a->contested ? "filled,rounded,bold" : "filled,rounded");
        set(n, "fillcolor", type_fill(DX_ENT_NONE));
        set(n, "color", a->contested ? CONTESTED_COLOR : modality_color(stance(a)));
        if (a->contested) set(n, "penwidth", "2.5");
        set(n, "fontsize", "11");
        dx_buf_clear(&tip);
        dx_buf_printf(&tip, "%s: %u account%s (", a->headline, a->n, a->n == 1 ? "" : "s");
        dx_agg_modalities(&tip, a);
        dx_buf_printf(&tip, ") in %u document%s; %s: %s", a->documents, a->documents == 1 ? "" : "s",
                      dx_account_document(g, &g->events.items[a->best]),
                      dx_account_sentence(g, &g->events.items[a->best], &sent));
        set_plain(n, "tooltip", tip.data);
        if (events_view && prev) {
            /* invisible spine: events top to bottom in date order */
            Agedge_t *sp = agedge(G, prev, n, S("spine"), 1);
            set(sp, "style", "invis");
            set(sp, "weight", "20");
        }
        prev = n;
    }
    /* derived relations and participants first, then co-occurrences */
    uint32_t max_cooc = 1;
    for (size_t i = 0; i < g->edges.len; i++)
        if (s.edge[i] && g->edges.items[i].rel == DX_REL_COOCCURS && g->edges.items[i].weight > max_cooc)
            max_cooc = g->edges.items[i].weight;
    for (int pass = 0; pass < 2; pass++) {
        for (size_t i = 0; i < g->edges.len; i++) {
            if (!s.edge[i]) continue;
            const dx_gedge *e = &g->edges.items[i];
            int cooc = e->rel == DX_REL_COOCCURS;
            if ((pass == 0) == cooc) continue;
            Agnode_t *a = nodes[e->src];
            Agnode_t *b = e->dst_kind == DX_NODE_ENTITY ? nodes[e->dst] : evnodes[e->dst];
            if (!a || !b) continue;
            dx_graph_edge_id(g, e, &tip);
            Agedge_t *ed = agedge(G, a, b, S(tip.data), 1);
            if (cooc) {
                set(ed, "dir", "none");
                set(ed, "color", "#b7b7b7");
                snprintf(num, sizeof(num), "%.2f", 0.6 + 3.4 * e->weight / max_cooc);
                set(ed, "penwidth", num);
                dx_buf_clear(&tip);
                dx_buf_printf(&tip, "named together %u times: %s", e->weight, dx_edge_sentence(g, e, &sent));
            } else {
                dx_buf_clear(&lab);
                dx_buf_puts(&lab, e->rel == DX_REL_SOURCE ? dx_source_verb(e->modality) : dx_rel_name(e->rel));
                for (char *p = lab.data; *p; p++)
                    if (*p == '_') *p = ' ';
                if (e->weight > 1) dx_buf_printf(&lab, " \xC3\x97%u", e->weight);
                set(ed, "label", lab.data);
                set(ed, "style", modality_style(e->modality));
                set(ed, "color", modality_color(e->modality));
                set(ed, "fontcolor", modality_color(e->modality));
                snprintf(num, sizeof(num), "%.1f", 1.2 + (e->weight > 8 ? 2.0 : e->weight / 4.0));
                set(ed, "penwidth", num);
                if (!e->directed) set(ed, "dir", "none");
                dx_buf_clear(&tip);
                if (e->dst_kind == DX_NODE_EVENT)
                    dx_buf_printf(&tip, "%s %s %s", g->ents.items[e->src].label, lab.data,
                                  g->aggs.items[e->dst].headline);
                else
                    dx_buf_printf(&tip, "%s (%s): %s", dx_rel_name(e->rel), dx_modality_name(e->modality),
                                  dx_edge_sentence(g, e, &sent));
            }
            set_plain(ed, "tooltip", tip.data);
        }
    }
    dx_buf_fini(&lab);
    dx_buf_fini(&tip);
    dx_buf_fini(&sent);
    free(evnodes);
    free(nodes);
    selection_fini(&s);
    return G;
}

int dx_write_dot(const dx_export_ctx *x, FILE *fp, dossier_error *err)
{
    const dx_graph *g = x->g;
    const dossier_export_options *opt = x->opt;
    Agraph_t *G = build(g, opt);
    int rc = agwrite(G, fp);
    agclose(G);
    if (rc == EOF) {
        dx_error_set(err, DOSSIER_EIO, "graph.dot", 0, "write failed");
        return DOSSIER_EIO;
    }
    return 0;
}

#if defined(__has_feature)
#if __has_feature(address_sanitizer)
#define DX_ASAN 1
#endif
#endif
#if defined(__SANITIZE_ADDRESS__) || defined(DX_ASAN)
/* Under make SANITIZE=1: graphviz 2.42 and the fontconfig/pango stack below
 * it keep (and lose) allocations per layout and per process; their leaks are
 * not dossier's. LeakSanitizer reads this hook at exit. */
const char *__lsan_default_suppressions(void);
const char *__lsan_default_suppressions(void)
{
    return "leak:libgvc.so\nleak:libcgraph.so\nleak:libcdt.so\nleak:libpathplan.so\n"
           "leak:libgvplugin_\nleak:libfontconfig.so\nleak:libpango\nleak:libcairo.so\n"
           "leak:libglib-2.0.so\nleak:libgobject-2.0.so\nleak:libharfbuzz.so\n"
           "leak:libpixman-1.so\nleak:libexpat.so\n";
}
const char *__lsan_default_options(void);
const char *__lsan_default_options(void) { return "print_suppressions=0"; }
#endif

/* graphviz reports through a callback; the library never prints, so the
 * last message is kept for the error record. */
static char gv_message[256];
static int gv_errf(char *msg)
{
    snprintf(gv_message, sizeof(gv_message), "%s", msg);
    size_t n = strlen(gv_message);
    while (n && (gv_message[n - 1] == '\n' || gv_message[n - 1] == ' ')) gv_message[--n] = '\0';
    return 0;
}

/* One graphviz context per process, never freed: graphviz 2.42's pango
 * plugin caches pointers into the context's font data, so a second
 * gvContext() after gvFreeContext() read freed memory (found by
 * fuzz_pipeline: two exports in one process). The lock serialises graphviz,
 * which is not thread-safe, and gv_message. */
static GVC_t *shared_gvc;
static pthread_once_t gvc_once = PTHREAD_ONCE_INIT;
static pthread_mutex_t gvc_lock = PTHREAD_MUTEX_INITIALIZER;
static void gvc_init(void) { shared_gvc = gvContext(); }

static int render_svg_locked(const dx_graph *g, const dossier_export_options *opt, char **svg,
                             size_t *len, dossier_error *err);

int dx_render_svg(const dx_graph *g, const dossier_export_options *opt, char **svg, size_t *len,
                  dossier_error *err)
{
    pthread_mutex_lock(&gvc_lock);
    int st = render_svg_locked(g, opt, svg, len, err);
    pthread_mutex_unlock(&gvc_lock);
    return st;
}

static int render_svg_locked(const dx_graph *g, const dossier_export_options *opt, char **svg,
                             size_t *len, dossier_error *err)
{
    *svg = NULL;
    *len = 0;
    gv_message[0] = '\0';
    agusererrf prev = agseterrf(gv_errf);
    agerrlevel_t prev_level = agseterr(AGERR);
    Agraph_t *G = build(g, opt);
    pthread_once(&gvc_once, gvc_init);
    GVC_t *gvc = shared_gvc;
    int st = 0;
    char *data = NULL;
    unsigned int n = 0;
    const char *layout = engine(opt);
    /* neato's spline router (libpathplan) was nearly all of the export's
     * fixed cost: 0.6 s for the sample corpus's 40 nodes and 150 edges
     * against 0.02 s for the layout. With overlap removal and sep the
     * routed edges are nearly straight anyway, and neato still fans out
     * the edges between one pair of nodes, so the rendered copy draws
     * straight lines; graph.dot keeps splines=true for those who render it. */
    if (strcmp(layout, "neato") == 0) agsafeset(G, S("splines"), S("false"), S(""));
    if (!gvc) {
        st = -1;
    } else if (gvLayout(gvc, G, layout) != 0) {
        st = -1;
    } else {
        if (gvRenderData(gvc, G, "svg", &data, &n) != 0 || !data) st = -1;
        gvFreeLayout(gvc, G);
    }
    if (!st) {
        *svg = xmalloc((size_t)n + 1);
        memcpy(*svg, data, n);
        (*svg)[n] = '\0';
        *len = n;
    }
    if (data) gvFreeRenderData(data);
    agclose(G);
    agseterr(prev_level);
    agseterrf(prev);
    if (st) {
        dx_error_set(err, DOSSIER_EIO, "graph.svg", 0,
                     "graphviz could not lay out or render the diagram%s%s "
                     "(are the graphviz plugins installed? try 'dot -c')",
                     gv_message[0] ? ": " : "", gv_message);
        return DOSSIER_EIO;
    }
    return 0;
}

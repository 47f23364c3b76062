/* gexf.c - graph.gexf through libxml2's xmlTextWriter: GEXF 1.3
 * (or 1.2draft), dynamic (entities present in spells, events in their own
 * interval), with declared attributes, edge kinds and viz colours. */
#include <libxml/xmlwriter.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <unistd.h>

#include "base/error.h"
#include "export/escape.h"
#include "export/gexf.h"
#include "model/edtf.h"

#define X(s) ((const xmlChar *)(s))

/* Every element and attribute goes through xmlTextWriter, which escapes;
 * values are cleaned of what XML 1.0 forbids only when they hold any. */
typedef struct {
    xmlTextWriterPtr w;
    int rc;
    int viz;  /* write viz: elements */
    int kind; /* edges carry kind= (GEXF 1.3) */
} gw;

/* name="value", the value cleaned when it needs it */
static void attr(gw *g, const char *name, const char *v)
{
    char *c = dx_xml_is_clean(v, strlen(v)) ? NULL : dx_xml_clean(v);
    if (xmlTextWriterWriteAttribute(g->w, X(name), X(c ? c : v)) < 0) g->rc = -1;
    free(c);
}

/* name="value" for a value dossier itself spells (attribute ids, type and
 * modality names, ISO days): XML 1.0 text by construction, not checked */
static void attr_own(gw *g, const char *name, const char *v)
{
    if (xmlTextWriterWriteAttribute(g->w, X(name), X(v)) < 0) g->rc = -1;
}

static void attr_uint(gw *g, const char *name, unsigned long long u)
{
    char t[24];
    t[23] = '\0';
    const char *p = dx_fmt_int(t + 23, u > LLONG_MAX ? LLONG_MAX : (long long)u);
    if (xmlTextWriterWriteAttribute(g->w, X(name), X(p)) < 0) g->rc = -1;
}

/* tenths as a decimal with one digit: 164 -> "16.4" */
static void attr_tenths(gw *g, const char *name, unsigned v)
{
    char t[24];
    t[20] = '.';
    t[21] = (char)('0' + v % 10);
    t[22] = '\0';
    const char *p = dx_fmt_int(t + 20, v / 10);
    if (xmlTextWriterWriteAttribute(g->w, X(name), X(p)) < 0) g->rc = -1;
}

static void start(gw *g, const char *name)
{
    if (xmlTextWriterStartElement(g->w, X(name)) < 0) g->rc = -1;
}

static void end(gw *g)
{
    if (xmlTextWriterEndElement(g->w) < 0) g->rc = -1;
}

/* <attvalue for="id" value="..."/>, nothing when the value is empty; the
 * value written by put (attr, or attr_own for a value dossier spells) */
static void attvalue_put(gw *g, const char *id, const char *v, void (*put)(gw *, const char *, const char *))
{
    if (!v || !v[0]) return;
    start(g, "attvalue");
    attr_own(g, "for", id);
    put(g, "value", v);
    end(g);
}

static void attvalue(gw *g, const char *id, const char *v) { attvalue_put(g, id, v, attr); }
static void attvalue_own(gw *g, const char *id, const char *v) { attvalue_put(g, id, v, attr_own); }

static void attvalue_uint(gw *g, const char *id, unsigned long long u)
{
    start(g, "attvalue");
    attr_own(g, "for", id);
    attr_uint(g, "value", u);
    end(g);
}

static void newline(gw *g)
{
    if (xmlTextWriterWriteRaw(g->w, X("\n")) < 0) g->rc = -1;
}

static void declare(gw *g, const char *id, const char *title, const char *type)
{
    newline(g);
    start(g, "attribute");
    attr(g, "id", id);
    attr(g, "title", title);
    attr(g, "type", type);
    end(g);
}

static void color(gw *g, int r, int gr, int b)
{
    if (!g->viz) return;
    start(g, "viz:color");
    attr_uint(g, "r", (unsigned)r);
    attr_uint(g, "g", (unsigned)gr);
    attr_uint(g, "b", (unsigned)b);
    end(g);
}

static void size_tenths(gw *g, const char *element, unsigned v)
{
    if (!g->viz) return;
    start(g, element);
    attr_tenths(g, "value", v);
    end(g);
}

static void shape(gw *g, const char *v)
{
    if (!g->viz) return;
    start(g, "viz:shape");
    attr_own(g, "value", v);
    end(g);
}

static const char *node_shape(dx_ent_type t)
{
    switch (t) {
    case DX_ENT_PERSON: return "disc";
    case DX_ENT_ORG: return "square";
    case DX_ENT_PLACE: return "triangle";
    default: return "diamond";
    }
}

/* Edge line and colour by modality, as in graph.dot. */
static const char *modality_shape(dx_modality m)
{
    switch (m) {
    case DX_MODAL_ALLEGED:
    case DX_MODAL_CONFESSED: return "dashed";
    case DX_MODAL_DENIED:
    case DX_MODAL_HYPOTHETICAL: return "dotted";
    default: return "solid";
    }
}

static void modality_rgb(dx_modality m, int *r, int *g, int *b)
{
    switch (m) {
    case DX_MODAL_ALLEGED: *r = 204; *g = 0; *b = 0; break;
    case DX_MODAL_CONFESSED: *r = 230; *g = 145; *b = 56; break;
    case DX_MODAL_DENIED: *r = 61; *g = 133; *b = 198; break;
    case DX_MODAL_HYPOTHETICAL: *r = 153; *g = 153; *b = 153; break;
    case DX_MODAL_ASSERTED: *r = 34; *g = 34; *b = 34; break;
    default: *r = 183; *g = 183; *b = 183; break;
    }
}

static void type_rgb(dx_ent_type t, int *r, int *g, int *b)
{
    switch (t) {
    case DX_ENT_PERSON: *r = 61; *g = 133; *b = 198; break;
    case DX_ENT_ORG: *r = 106; *g = 168; *b = 79; break;
    case DX_ENT_PLACE: *r = 241; *g = 194; *b = 50; break;
    default: *r = 204; *g = 0; *b = 0; break;
    }
}

/* One edge element, preceded by a line break. Every edge is directed when
 * any is (networkx reads no graph that mixes them; Gephi rejects "mutual"),
 * and carries its relation as its GEXF 1.3 kind, so that Gephi keeps the
 * parallel edges of different relations apart. */
static void write_edge(gw *G, const dx_graph *g, const dx_gedge *e, int any_directed, dx_buf *id)
{
    int r, gg, b;
    newline(G);
    start(G, "edge");
    dx_graph_edge_id(g, e, id);
    attr(G, "id", id->data);
    attr(G, "source", dx_graph_node_id(g, e->src_kind, e->src));
    attr(G, "target", dx_graph_node_id(g, e->dst_kind, e->dst));
    attr_own(G, "type", e->directed || any_directed ? "directed" : "undirected");
    attr_uint(G, "weight", e->weight);
    const char *rel = e->rel == DX_REL_SOURCE ? dx_source_verb(e->modality) : dx_rel_name(e->rel);
    attr_own(G, "label", rel);
    if (G->kind) attr_own(G, "kind", rel);
    const char *s0 = e->first_date, *s1 = e->last_date;
    if (e->dst_kind == DX_NODE_EVENT) {
        s0 = g->aggs.items[e->dst].start;
        s1 = g->aggs.items[e->dst].end;
    }
    if (s0[0]) {
        attr_own(G, "start", s0);
        attr_own(G, "end", s1);
    }
    start(G, "attvalues");
    attvalue_own(G, "relation", rel);
    attvalue_own(G, "modality", dx_modality_name(e->modality));
    /* the evidence count is the edge's weight */
    attvalue_uint(G, "documents", e->documents);
    /* an edge to an event has its evidence on the event node; a
     * co-occurrence keeps the first sentence (relations.csv joins the
     * rest by id) */
    if (e->dst_kind != DX_NODE_EVENT) {
        attvalue(G, "document", e->document);
        attvalue(G, "sentence", e->sentence);
    }
    end(G);
    modality_rgb(e->modality, &r, &gg, &b);
    color(G, r, gg, b);
    size_tenths(G, "viz:thickness", 10 + (e->weight > 20 ? 40 : 2 * e->weight));
    shape(G, modality_shape(e->modality));
    end(G);
}

/* A line break, <node id label [start end]><attvalues> */
static void node_start(gw *G, const char *id, const char *label, const char *from, const char *to)
{
    newline(G);
    start(G, "node");
    attr(G, "id", id);
    attr(G, "label", label);
    if (from[0]) {
        attr_own(G, "start", from);
        attr_own(G, "end", to);
    }
    start(G, "attvalues");
}

static void iso_day(char t[16], long day)
{
    int y, m, d;
    dx_civil_from_days(day, &y, &m, &d);
    snprintf(t, 16, "%04d-%02d-%02d", y, m, d);
}

/* An entity's presence: one spell per time it takes part in dated events. */
static void spells(gw *G, const dx_graph *g, size_t i)
{
    uint32_t from = g->spell_at[i], to = g->spell_at[i + 1];
    if (from == to) return;
    char t[16];
    start(G, "spells");
    for (uint32_t k = from; k < to; k++) {
        start(G, "spell");
        iso_day(t, g->spells[k].from);
        attr_own(G, "start", t);
        iso_day(t, g->spells[k].to);
        attr_own(G, "end", t);
        end(G);
    }
    end(G);
}

/* </attvalues>, [spells], colour, size (tenths) and shape, </node> */
static void node_end(gw *G, const dx_graph *g, int ent, int rgb[3], unsigned size, const char *shp)
{
    end(G);
    if (ent >= 0) spells(G, g, (size_t)ent);
    color(G, rgb[0], rgb[1], rgb[2]);
    size_tenths(G, "viz:size", size);
    shape(G, shp);
    end(G);
}

/* One entity node element, preceded by a line break. Its presence in time
 * is in its spells, not its first and last date (a hull). */
static void write_entity(gw *G, const dx_graph *g, size_t i)
{
    const dx_gent *e = &g->ents.items[i];
    node_start(G, e->id, e->label, "", "");
    attvalue_own(G, "kind", "entity");
    attvalue_own(G, "type", dx_ent_type_lower(e->type));
    attvalue(G, "aliases", e->aliases);
    attvalue_uint(G, "mentions", e->mentions);
    attvalue_uint(G, "documents", e->documents);
    attvalue(G, "first_date", e->first_date);
    attvalue(G, "last_date", e->last_date);
    attvalue(G, "roles", e->roles);
    int rgb[3];
    type_rgb(e->type, &rgb[0], &rgb[1], &rgb[2]);
    node_end(G, g, (int)i, rgb, 40 + (e->mentions > 400 ? 400 : e->mentions), node_shape(e->type));
}

/* An event's colour by what its accounts say: contested red, denied blue,
 * alleged or confessed orange, hypothetical grey, asserted dark. */
static void event_rgb(const dx_gagg *a, int rgb[3])
{
    static const int pal[][3] = {{204, 0, 0}, {61, 133, 198}, {230, 145, 56}, {153, 153, 153}, {68, 68, 68}};
    const uint32_t *m = a->modalities;
    int k = a->contested                                           ? 0
            : m[DX_MODAL_DENIED] == a->n                           ? 1
            : m[DX_MODAL_ALLEGED] + m[DX_MODAL_CONFESSED] > 0      ? 2
            : m[DX_MODAL_HYPOTHETICAL] == a->n                     ? 3
                                                                   : 4;
    memcpy(rgb, pal[k], sizeof(pal[k]));
}

/* One event node element, preceded by a line break: its headline, its
 * own interval, how its accounts tell it, its best account's sentence. */
static void write_event(gw *G, const dx_graph *g, const dx_gagg *a, dx_buf *b)
{
    node_start(G, a->id, a->headline, a->start, a->end);
    attvalue_own(G, "kind", "event");
    attvalue_own(G, "type", dx_ev_type_name(a->type));
    dx_buf_clear(b);
    dx_agg_modalities(b, a);
    attvalue_own(G, "modalities", b->len ? b->data : "");
    attvalue_own(G, "contested", a->contested ? "true" : "false");
    attvalue_uint(G, "accounts", a->n);
    attvalue_uint(G, "documents", a->documents);
    dx_buf_clear(b);
    dx_agg_sources(b, g, a, 12);
    attvalue(G, "sources", b->len ? b->data : "");
    attvalue(G, "date", a->date);
    attvalue(G, "charge", a->charge);
    const dx_gevent *best = &g->events.items[a->best];
    attvalue(G, "document", best->document);
    attvalue(G, "sentence", best->sentence);
    int rgb[3];
    event_rgb(a, rgb);
    node_end(G, g, -1, rgb, a->contested ? 60 : 30 + (a->n > 30 ? 30 : a->n), "diamond");
}

/* The elements of one part, in file order. */
static void write_part(gw *G, const dx_graph *g, const dx_gexf_plan *plan, size_t i)
{
    const dx_gexf_part *p = &plan->parts[i];
    dx_buf b;
    dx_buf_init(&b);
    for (size_t k = p->from; k < p->to; k++) {
        if (p->kind == DX_GEXF_NODES) {
            if (k < g->ents.len) write_entity(G, g, k);
            else write_event(G, g, &g->aggs.items[k - g->ents.len], &b);
        } else {
            const dx_gedge *e = &g->edges.items[k];
            if (e->directed == (p->kind == DX_GEXF_DIRECTED)) write_edge(G, g, e, plan->any_directed, &b);
        }
    }
    dx_buf_fini(&b);
}

static void plan_ranges(dx_gexf_plan *plan, int kind, size_t n, size_t split)
{
    if (split > n) split = n ? n : 1;
    for (size_t k = 0; k < split; k++) {
        dx_gexf_part *p = &plan->parts[plan->n++];
        p->kind = kind;
        p->from = n * k / split;
        p->to = n * (k + 1) / split;
    }
}

void dx_gexf_plan_make(const dx_graph *g, size_t split, dx_gexf_plan *plan)
{
    memset(plan, 0, sizeof(*plan));
    if (split < 1) split = 1;
    if (split > DX_GEXF_MAX_PARTS / 3) split = DX_GEXF_MAX_PARTS / 3;
    for (size_t i = 0; i < g->edges.len && !plan->any_directed; i++)
        if (g->edges.items[i].directed) plan->any_directed = 1;
    plan_ranges(plan, DX_GEXF_NODES, g->ents.len + g->aggs.len, split);
    /* directed edges first: graphology-gexf guesses the graph's type from
     * the first edge */
    plan_ranges(plan, DX_GEXF_DIRECTED, g->edges.len, split);
    plan_ranges(plan, DX_GEXF_UNDIRECTED, g->edges.len, split);
}

/* A writer on fp for a UTF-8 document (without the declaration, every
 * non-ASCII character would be escaped), unindented: one line per node and
 * per edge. Colours, sizes and shapes are in the viz namespace of the
 * version written (1.2draft's viz elements validate against its XSD; its
 * RelaxNG schema includes viz.rng without a namespace); edge kinds are
 * GEXF 1.3's. */
static int open_gw(gw *G, FILE *fp, int gexf_12, dossier_error *err)
{
    memset(G, 0, sizeof(*G));
    dx_xml_quiet();
    xmlOutputBufferPtr out = xmlOutputBufferCreateFile(fp, NULL);
    G->w = out ? xmlNewTextWriter(out) : NULL;
    if (!G->w) {
        if (out) xmlOutputBufferClose(out);
        dx_error_set(err, DOSSIER_EIO, "graph.gexf", 0, "cannot create the XML writer");
        return DOSSIER_EIO;
    }
    xmlTextWriterSetIndent(G->w, 0);
    G->viz = 1;
    G->kind = !gexf_12;
    if (xmlTextWriterStartDocument(G->w, NULL, "UTF-8", NULL) < 0) G->rc = -1;
    return 0;
}

/* rc: 0, -1 (a write failed) or -2 (a part failed, err already set) */
static int close_writer(xmlTextWriterPtr w, int rc, dossier_error *err)
{
    if (xmlTextWriterFlush(w) < 0 && !rc) rc = -1;
    xmlFreeTextWriter(w);
    if (rc == -2 && err->code) return err->code;
    if (rc < 0) {
        dx_error_set(err, DOSSIER_EIO, "graph.gexf", 0, "write failed");
        return DOSSIER_EIO;
    }
    return 0;
}

int dx_export_gexf_part(const dx_graph *g, const dx_gexf_plan *plan, size_t i, FILE *fp, int gexf_12,
                        dossier_error *err)
{
    gw G;
    if (open_gw(&G, fp, gexf_12, err)) return DOSSIER_EIO;
    /* the part starts after the declaration */
    if (xmlTextWriterFlush(G.w) < 0) G.rc = -1;
    off_t from = ftello(fp);
    write_part(&G, g, plan, i);
    int st = close_writer(G.w, G.rc, err);
    if (!st && (fflush(fp) != 0 || from < 0 || fseeko(fp, from, SEEK_SET) != 0)) {
        dx_error_set(err, DOSSIER_EIO, "graph.gexf", 0, "write failed");
        st = DOSSIER_EIO;
    }
    return st;
}

/* Part i of the plan, written here or taken in from the file of another writer. */
static void put_part(gw *G, const dx_graph *g, const dx_gexf_plan *plan, size_t i, FILE *fp,
                     dx_gexf_part_fn get, void *ctx, dossier_error *err)
{
    FILE *from = NULL;
    int k = get ? get(ctx, i, &from, err) : 0;
    if (k < 0) {
        G->rc = -2;
        return;
    }
    if (k == 0) {
        write_part(G, g, plan, i);
        return;
    }
    /* end the open start tag, then copy: by the kernel when it can, else
     * through a buffer (another file system, an old kernel) */
    if (xmlTextWriterWriteRaw(G->w, X("")) < 0 || xmlTextWriterFlush(G->w) < 0 || fflush(fp) != 0) G->rc = -1;
    ssize_t n;
    off_t at = ftello(from);
    while (at >= 0 && (n = copy_file_range(fileno(from), &at, fileno(fp), NULL, 1 << 30, 0)) > 0)
        ;
    if (at < 0 || fseeko(from, at, SEEK_SET) != 0 || fseeko(fp, 0, SEEK_END) != 0) G->rc = -1;
    char chunk[1 << 16];
    size_t m;
    while ((m = fread(chunk, 1, sizeof(chunk), from)) > 0)
        if (fwrite(chunk, 1, m, fp) != m) G->rc = -1;
    if (ferror(from)) G->rc = -1;
}

static int write_gexf(const dx_graph *g, FILE *fp, int gexf_12, const dx_gexf_plan *plan, dx_gexf_part_fn get,
                      void *ctx, dossier_error *err)
{
    gw G;
    if (open_gw(&G, fp, gexf_12, err)) return DOSSIER_EIO;
    xmlTextWriterPtr w = G.w;
    start(&G, "gexf");
    if (gexf_12) {
        attr(&G, "xmlns", "http://www.gexf.net/1.2draft");
        attr(&G, "xmlns:viz", "http://www.gexf.net/1.2draft/viz");
        attr(&G, "version", "1.2");
    } else {
        attr(&G, "xmlns", "http://gexf.net/1.3");
        attr(&G, "xmlns:viz", "http://gexf.net/1.3/viz");
        attr(&G, "version", "1.3");
    }
    newline(&G);
    start(&G, "meta");
    start(&G, "creator");
    xmlTextWriterWriteString(w, X("dossier " DOSSIER_VERSION));
    end(&G);
    start(&G, "description");
    xmlTextWriterWriteString(w, X("People, organisations, places and events extracted from documents. "
                                  "An event node aggregates the accounts of one event (how many, and how "
                                  "they tell it: modalities, contested); sources point to it with what "
                                  "they do (alleges, denies, confesses)."));
    end(&G);
    end(&G);
    newline(&G);
    start(&G, "graph");
    /* only symmetric edges (no events): an undirected graph */
    attr(&G, "defaultedgetype", plan->any_directed ? "directed" : "undirected");
    attr(&G, "mode", "dynamic");
    attr(&G, "timeformat", "date");
    newline(&G);
    start(&G, "attributes");
    attr(&G, "class", "node");
    declare(&G, "kind", "kind", "string");
    declare(&G, "type", "type", "string");
    declare(&G, "aliases", "aliases", "string");
    declare(&G, "mentions", "mentions", "integer");
    declare(&G, "documents", "documents", "integer");
    declare(&G, "first_date", "first date", "string");
    declare(&G, "last_date", "last date", "string");
    declare(&G, "roles", "roles", "string");
    declare(&G, "modalities", "modalities", "string");
    declare(&G, "contested", "contested", "boolean");
    declare(&G, "accounts", "accounts", "integer");
    declare(&G, "sources", "sources", "string");
    declare(&G, "date", "date", "string");
    declare(&G, "charge", "charge", "string");
    declare(&G, "document", "document", "string");
    declare(&G, "sentence", "sentence", "string");
    newline(&G);
    end(&G);
    newline(&G);
    start(&G, "attributes");
    attr(&G, "class", "edge");
    declare(&G, "relation", "relation", "string");
    declare(&G, "modality", "modality", "string");
    declare(&G, "documents", "documents", "integer");
    declare(&G, "document", "document", "string");
    declare(&G, "sentence", "sentence", "string");
    newline(&G);
    end(&G);
    newline(&G);

    start(&G, "nodes");
    size_t i = 0;
    for (; i < plan->n && plan->parts[i].kind == DX_GEXF_NODES && G.rc != -2; i++)
        put_part(&G, g, plan, i, fp, get, ctx, err);
    newline(&G);
    end(&G);
    newline(&G);
    start(&G, "edges");
    for (; i < plan->n && G.rc != -2; i++) put_part(&G, g, plan, i, fp, get, ctx, err);
    newline(&G);
    end(&G);
    newline(&G);
    end(&G); /* graph */
    newline(&G);
    end(&G); /* gexf */
    if (xmlTextWriterEndDocument(w) < 0) G.rc = -1;
    return close_writer(w, G.rc, err);
}

int dx_write_gexf(const dx_export_ctx *x, FILE *fp, dossier_error *err)
{
    dx_gexf_plan own;
    const dx_gexf_plan *plan = x->gexf_plan;
    if (!plan) {
        dx_gexf_plan_make(x->g, 1, &own);
        plan = &own;
    }
    return write_gexf(x->g, fp, x->opt && x->opt->gexf_12, plan, x->gexf_plan ? x->gexf_get : NULL,
                      x->gexf_ctx, err);
}

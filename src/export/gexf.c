/* gexf.c - graph.gexf through libxml2's xmlTextWriter: GEXF 1.3
 * (or 1.2draft), dynamic, with declared attributes and viz colours. */
#include <libxml/xmlwriter.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <unistd.h>

#include "base/error.h"
#include "export/escape.h"
#include "export/gexf.h"

#define X(s) ((const xmlChar *)(s))

/* Every element and attribute goes through xmlTextWriter, which escapes;
 * values are cleaned of what XML 1.0 forbids only when they hold any. */
typedef struct {
    xmlTextWriterPtr w;
    int rc;
    int viz; /* write viz: elements */
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

/* One edge element, preceded by a line break. */
static void write_edge(gw *G, const dx_graph *g, const dx_gedge *e, int any_directed, dx_buf *id)
{
    int r, gg, b;
    newline(G);
    start(G, "edge");
    dx_graph_edge_id(g, e, id);
    attr(G, "id", id->data);
    attr(G, "source", dx_graph_node_id(g, e->src_kind, e->src));
    attr(G, "target", dx_graph_node_id(g, e->dst_kind, e->dst));
    /* symmetric relations are "mutual": networkx cannot read a graph that
     * mixes directed and undirected edges; graphology reads mutual as
     * undirected, networkx as both directions */
    attr_own(G, "type", e->directed ? "directed" : any_directed ? "mutual" : "undirected");
    attr_uint(G, "weight", e->weight);
    attr_own(G, "label", dx_rel_name(e->rel));
    const char *s0 = e->first_date, *s1 = e->last_date;
    if (e->dst_kind == DX_NODE_EVENT) {
        s0 = g->events.items[e->dst].start;
        s1 = g->events.items[e->dst].end;
    }
    if (s0[0]) {
        attr_own(G, "start", s0);
        attr_own(G, "end", s1);
    }
    start(G, "attvalues");
    attvalue_own(G, "relation", dx_rel_name(e->rel));
    attvalue_own(G, "modality", dx_modality_name(e->modality));
    /* the evidence count is the edge's weight */
    attvalue_uint(G, "documents", e->documents);
    /* a participant edge's evidence is its event's, on the event node:
     * written once, the file stays a fraction of the size */
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

/* </attvalues>, colour, size (tenths) and shape by type, </node> */
static void node_end(gw *G, dx_ent_type t, unsigned size)
{
    int r, gg, b;
    end(G);
    type_rgb(t, &r, &gg, &b);
    color(G, r, gg, b);
    size_tenths(G, "viz:size", size);
    shape(G, node_shape(t));
    end(G);
}

/* One entity node element, preceded by a line break. */
static void write_entity(gw *G, const dx_gent *e)
{
    node_start(G, e->id, e->label, e->first_date, e->last_date);
    attvalue_own(G, "kind", "entity");
    attvalue_own(G, "type", dx_ent_type_lower(e->type));
    attvalue(G, "aliases", e->aliases);
    attvalue_uint(G, "mentions", e->mentions);
    attvalue_uint(G, "documents", e->documents);
    attvalue(G, "first_date", e->first_date);
    attvalue(G, "last_date", e->last_date);
    attvalue(G, "roles", e->roles);
    node_end(G, e->type, 40 + (e->mentions > 400 ? 400 : e->mentions));
}

/* One event node element, preceded by a line break. */
static void write_event(gw *G, const dx_graph *g, const dx_gevent *e, dx_buf *label)
{
    dx_buf_clear(label);
    dx_buf_puts(label, dx_ev_type_name(e->type));
    size_t before = label->len;
    dx_buf_put(label, " of ", 4);
    dx_join_labels_to(label, g, e->patients.items, e->patients.len);
    if (label->len == before + 4) label->len = before; /* no patient */
    if (e->date[0]) {
        dx_buf_putc(label, ' ');
        dx_buf_puts(label, e->date);
    }
    dx_buf_put(label, "", 0);
    node_start(G, e->id, label->data, e->start, e->end);
    attvalue_own(G, "kind", "event");
    attvalue_own(G, "type", dx_ev_type_name(e->type));
    attvalue_own(G, "modality", dx_modality_name(e->modality));
    attvalue(G, "source", e->source);
    attvalue(G, "date", e->date);
    attvalue(G, "charge", e->charge);
    attvalue(G, "document", e->document);
    attvalue(G, "sentence", e->sentence);
    node_end(G, DX_ENT_NONE, 30);
}

/* The elements of one part, in file order. */
static void write_part(gw *G, const dx_graph *g, const dx_gexf_plan *plan, size_t i)
{
    const dx_gexf_part *p = &plan->parts[i];
    dx_buf b;
    dx_buf_init(&b);
    for (size_t k = p->from; k < p->to; k++) {
        if (p->kind == DX_GEXF_NODES) {
            if (k < g->ents.len) write_entity(G, &g->ents.items[k]);
            else write_event(G, g, &g->events.items[k - g->ents.len], &b);
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
    plan_ranges(plan, DX_GEXF_NODES, g->ents.len + g->events.len, split);
    /* directed edges first: graphology-gexf guesses the graph's type from
     * the first edge and cannot make a graph of type "mutual" */
    plan_ranges(plan, DX_GEXF_DIRECTED, g->edges.len, split);
    plan_ranges(plan, DX_GEXF_UNDIRECTED, g->edges.len, split);
}

/* A writer on fp for a UTF-8 document (without the declaration, every
 * non-ASCII character would be escaped), unindented: one line per node and
 * per edge. The 1.2draft RelaxNG schema includes viz.rng without its
 * namespace, so no viz:* element in the right namespace validates against
 * it: 1.2draft files carry no viz (colour by the "type" attribute in
 * Gephi); 1.3 has colours, sizes and shapes. */
static int open_gw(gw *G, FILE *fp, int gexf_12, dossier_error *err)
{
    memset(G, 0, sizeof(*G));
    xmlOutputBufferPtr out = xmlOutputBufferCreateFile(fp, NULL);
    G->w = out ? xmlNewTextWriter(out) : NULL;
    if (!G->w) {
        if (out) xmlOutputBufferClose(out);
        dx_error_set(err, DOSSIER_EIO, "graph.gexf", 0, "cannot create the XML writer");
        return DOSSIER_EIO;
    }
    xmlTextWriterSetIndent(G->w, 0);
    G->viz = !gexf_12;
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
    xmlTextWriterWriteString(w, X("People, organisations, places and events extracted from documents; "
                                  "edges carry their modality and evidence."));
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
    declare(&G, "modality", "modality", "string");
    declare(&G, "source", "source", "string");
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

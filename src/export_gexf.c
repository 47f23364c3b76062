/* export_gexf.c - graph.gexf through libxml2's xmlTextWriter: GEXF 1.3
 * (or 1.2draft), dynamic, with declared attributes and viz colours. */
#include <libxml/tree.h>
#include <libxml/xmlwriter.h>
#include <stdlib.h>
#include <string.h>

#include "export.h"

#define X(s) ((const xmlChar *)(s))

/* The document's frame (declaration, meta, attribute declarations, the
 * nodes and edges elements) goes through xmlTextWriter; the many node and
 * edge elements are laid out in rec, their attribute values escaped by
 * libxml2's own attribute serialiser (the one xmlTextWriter uses) when they
 * need it, and handed to the writer in large raw chunks: the writer's
 * per-element bookkeeping was most of the cost of the file. */
typedef struct {
    xmlTextWriterPtr w;
    int rc;
    int viz;          /* write viz: elements */
    dx_buf rec;       /* elements not yet handed to the writer */
    xmlBufferPtr esc; /* scratch for escaping */
    xmlDocPtr doc;    /* tells the serialiser the output is UTF-8 */
} gw;

#define REC_FLUSH (1 << 16)

static void flush_rec(gw *g)
{
    if (g->rec.len && xmlTextWriterWriteRawLen(g->w, X(g->rec.data), (int)g->rec.len) < 0)
        g->rc = -1;
    dx_buf_clear(&g->rec);
}

#define LIT(g, s) dx_buf_put(&(g)->rec, s, sizeof(s) - 1)

#define ONES 0x0101010101010101ULL
#define HIGHS 0x8080808080808080ULL
static inline uint64_t has_byte(uint64_t v, unsigned char c)
{
    uint64_t x = v ^ (ONES * c);
    return (x - ONES) & ~x & HIGHS;
}

/* Bytes the attribute serialiser would change: & < > " and TAB LF CR. */
static int attr_special(const char *s, size_t n)
{
    size_t i = 0;
    for (; i + 8 <= n; i += 8) {
        uint64_t v;
        memcpy(&v, s + i, 8);
        if (has_byte(v, '&') | has_byte(v, '<') | has_byte(v, '>') | has_byte(v, '"') |
            ((v - ONES * 0x0E) & ~v & HIGHS)) /* a byte below 0x0E: TAB LF CR among them */
            return 1;
    }
    for (; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == '&' || c == '<' || c == '>' || c == '"' || c == '\t' || c == '\n' || c == '\r')
            return 1;
    }
    return 0;
}

/* An attribute value: cleaned of what XML 1.0 forbids, escaped. */
static void value(gw *g, const char *v)
{
    size_t n = strlen(v);
    if (dx_xml_plain(v, n)) {
        dx_buf_put(&g->rec, v, n);
        return;
    }
    int clean = dx_xml_is_clean(v, n);
    if (clean && !attr_special(v, n)) {
        dx_buf_put(&g->rec, v, n);
        return;
    }
    char *c = clean ? NULL : dx_xml_clean(v);
    xmlBufferEmpty(g->esc);
    xmlAttrSerializeTxtContent(g->esc, g->doc, NULL, X(c ? c : v));
    dx_buf_put(&g->rec, (const char *)xmlBufferContent(g->esc), (size_t)xmlBufferLength(g->esc));
    free(c);
}

/* name="value" with a leading space; name is a literal */
#define ATTR(g, name, v)                  \
    do {                                  \
        LIT(g, " " name "=\"");           \
        value(g, v);                      \
        dx_buf_putc(&(g)->rec, '"');      \
    } while (0)

static void put_uint(dx_buf *b, unsigned long long u)
{
    char t[24], *e = t + sizeof(t), *p = e;
    do {
        *--p = (char)('0' + u % 10);
        u /= 10;
    } while (u);
    dx_buf_put(b, p, (size_t)(e - p));
}

/* tenths as a decimal with one digit: 164 -> "16.4" */
static void put_tenths(dx_buf *b, unsigned v)
{
    put_uint(b, v / 10);
    dx_buf_putc(b, '.');
    dx_buf_putc(b, (char)('0' + v % 10));
}

/* <attvalue for="id" value="..."/>, nothing when the value is empty */
#define ATTVALUE(g, id, v)                                      \
    do {                                                        \
        const char *v_ = (v);                                   \
        if (v_ && v_[0]) {                                      \
            LIT(g, "<attvalue for=\"" id "\" value=\"");        \
            value(g, v_);                                       \
            LIT(g, "\"/>");                                     \
        }                                                       \
    } while (0)

#define ATTVALUE_UINT(g, id, u)                                 \
    do {                                                        \
        LIT(g, "<attvalue for=\"" id "\" value=\"");            \
        put_uint(&(g)->rec, (u));                               \
        LIT(g, "\"/>");                                         \
    } while (0)

/* Frame elements, through the writer. */
static void attr(gw *g, const char *name, const char *v)
{
    if (xmlTextWriterWriteAttribute(g->w, X(name), X(v)) < 0) g->rc = -1;
}

static void start(gw *g, const char *name)
{
    if (xmlTextWriterStartElement(g->w, X(name)) < 0) g->rc = -1;
}

static void end(gw *g)
{
    if (xmlTextWriterEndElement(g->w) < 0) g->rc = -1;
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
    LIT(g, "<viz:color r=\"");
    put_uint(&g->rec, (unsigned)r);
    LIT(g, "\" g=\"");
    put_uint(&g->rec, (unsigned)gr);
    LIT(g, "\" b=\"");
    put_uint(&g->rec, (unsigned)b);
    LIT(g, "\"/>");
}

static void size_tenths(gw *g, unsigned v)
{
    if (!g->viz) return;
    LIT(g, "<viz:size value=\"");
    put_tenths(&g->rec, v);
    LIT(g, "\"/>");
}

static void thickness_tenths(gw *g, unsigned v)
{
    if (!g->viz) return;
    LIT(g, "<viz:thickness value=\"");
    put_tenths(&g->rec, v);
    LIT(g, "\"/>");
}

static void shape(gw *g, const char *v)
{
    if (!g->viz) return;
    LIT(g, "<viz:shape value=\"");
    dx_buf_puts(&g->rec, v);
    LIT(g, "\"/>");
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

static const char *node_id(const dx_graph *g, dx_node_kind k, int32_t i)
{
    return k == DX_NODE_ENTITY ? g->ents.items[i].id : g->events.items[i].id;
}

void dx_graph_edge_id(const dx_graph *g, const dx_gedge *e, dx_buf *out)
{
    dx_buf_clear(out);
    dx_buf_puts(out, node_id(g, e->src_kind, e->src));
    dx_buf_putc(out, '|');
    dx_buf_puts(out, dx_rel_name(e->rel));
    dx_buf_putc(out, '|');
    const char *mod = dx_modality_name(e->modality);
    if (mod[0]) {
        size_t at = out->len;
        dx_buf_puts(out, mod);
        for (size_t i = at; i < out->len; i++)
            if (out->data[i] >= 'A' && out->data[i] <= 'Z') out->data[i] = (char)(out->data[i] + 32);
        dx_buf_putc(out, '|');
    }
    dx_buf_puts(out, node_id(g, e->dst_kind, e->dst));
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

int dx_export_gexf(const dx_graph *g, FILE *fp, int gexf_12, dossier_error *err)
{
    xmlOutputBufferPtr out = xmlOutputBufferCreateFile(fp, NULL);
    xmlTextWriterPtr w = out ? xmlNewTextWriter(out) : NULL;
    if (!w) {
        if (out) xmlOutputBufferClose(out);
        dx_error_set(err, DOSSIER_EIO, "graph.gexf", 0, "cannot create the XML writer");
        return DOSSIER_EIO;
    }
    /* The official 1.2draft RelaxNG schema includes viz.rng without its
     * namespace, so no viz:* element in the right namespace validates
     * against it: 1.2draft files carry no viz (colour by the "type"
     * attribute in Gephi); 1.3 has colours, sizes and shapes. */
    gw G;
    memset(&G, 0, sizeof(G));
    G.w = w;
    G.viz = !gexf_12;
    dx_buf_init(&G.rec);
    G.esc = xmlBufferCreate();
    G.doc = xmlNewDoc(X("1.0"));
    if (!G.esc || !G.doc) G.rc = -1;
    else G.doc->encoding = xmlStrdup(X("UTF-8"));
    /* no indentation: one line per node and per edge */
    xmlTextWriterSetIndent(w, 0);
    if (xmlTextWriterStartDocument(w, NULL, "UTF-8", NULL) < 0) G.rc = -1;
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
    int any_directed = 0;
    for (size_t i = 0; i < g->edges.len; i++) any_directed |= g->edges.items[i].directed;
    /* only symmetric edges (no events): an undirected graph */
    attr(&G, "defaultedgetype", any_directed ? "directed" : "undirected");
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
    int r, gg, b;
    for (size_t i = 0; i < g->ents.len; i++) {
        const dx_gent *e = &g->ents.items[i];
        LIT(&G, "\n<node");
        ATTR(&G, "id", e->id);
        ATTR(&G, "label", e->label);
        if (e->first_date[0]) {
            ATTR(&G, "start", e->first_date);
            ATTR(&G, "end", e->last_date);
        }
        LIT(&G, "><attvalues><attvalue for=\"kind\" value=\"entity\"/>");
        ATTVALUE(&G, "type", dx_ent_type_lower(e->type));
        ATTVALUE(&G, "aliases", e->aliases);
        ATTVALUE_UINT(&G, "mentions", e->mentions);
        ATTVALUE_UINT(&G, "documents", e->documents);
        ATTVALUE(&G, "first_date", e->first_date);
        ATTVALUE(&G, "last_date", e->last_date);
        ATTVALUE(&G, "roles", e->roles);
        LIT(&G, "</attvalues>");
        type_rgb(e->type, &r, &gg, &b);
        color(&G, r, gg, b);
        size_tenths(&G, 40 + (e->mentions > 400 ? 400 : e->mentions));
        shape(&G, node_shape(e->type));
        LIT(&G, "</node>");
        if (G.rec.len > REC_FLUSH) flush_rec(&G);
    }
    /* what every event node ends with */
    dx_buf tail;
    dx_buf_init(&tail);
    {
        dx_buf keep = G.rec;
        G.rec = tail;
        LIT(&G, "</attvalues>");
        type_rgb(DX_ENT_NONE, &r, &gg, &b);
        color(&G, r, gg, b);
        size_tenths(&G, 30);
        shape(&G, node_shape(DX_ENT_NONE));
        LIT(&G, "</node>");
        tail = G.rec;
        G.rec = keep;
    }
    dx_buf label;
    dx_buf_init(&label);
    for (size_t i = 0; i < g->events.len; i++) {
        const dx_gevent *e = &g->events.items[i];
        LIT(&G, "\n<node");
        ATTR(&G, "id", e->id);
        dx_buf_clear(&label);
        dx_buf_puts(&label, dx_ev_type_name(e->type));
        size_t before = label.len;
        dx_buf_put(&label, " of ", 4);
        dx_join_labels_to(&label, g, e->patients.items, e->patients.len);
        if (label.len == before + 4) label.len = before; /* no patient */
        if (e->date[0]) {
            dx_buf_putc(&label, ' ');
            dx_buf_puts(&label, e->date);
        }
        dx_buf_put(&label, "", 0);
        ATTR(&G, "label", label.data);
        if (e->start[0]) {
            ATTR(&G, "start", e->start);
            ATTR(&G, "end", e->end);
        }
        LIT(&G, "><attvalues><attvalue for=\"kind\" value=\"event\"/>");
        ATTVALUE(&G, "type", dx_ev_type_name(e->type));
        ATTVALUE(&G, "modality", dx_modality_name(e->modality));
        ATTVALUE(&G, "source", e->source);
        ATTVALUE(&G, "date", e->date);
        ATTVALUE(&G, "charge", e->charge);
        ATTVALUE(&G, "document", e->document);
        ATTVALUE(&G, "sentence", e->sentence);
        dx_buf_put(&G.rec, tail.data, tail.len);
        if (G.rec.len > REC_FLUSH) flush_rec(&G);
    }
    dx_buf_fini(&label);
    dx_buf_fini(&tail);
    LIT(&G, "\n");
    flush_rec(&G);
    end(&G);
    newline(&G);

    start(&G, "edges");
    dx_buf id;
    dx_buf_init(&id);
    /* Directed edges first: graphology-gexf guesses the graph's type from
     * the first edge and cannot make a graph of type "mutual". */
    for (int pass = 0; pass < 2; pass++)
    for (size_t i = 0; i < g->edges.len; i++) {
        const dx_gedge *e = &g->edges.items[i];
        if ((e->directed ? 0 : 1) != pass) continue;
        LIT(&G, "\n<edge");
        dx_graph_edge_id(g, e, &id);
        ATTR(&G, "id", id.data);
        ATTR(&G, "source", node_id(g, e->src_kind, e->src));
        ATTR(&G, "target", node_id(g, e->dst_kind, e->dst));
        /* symmetric relations are "mutual": networkx cannot read a graph that
         * mixes directed and undirected edges; graphology reads mutual as
         * undirected, networkx as both directions */
        if (e->directed) LIT(&G, " type=\"directed\"");
        else if (any_directed) LIT(&G, " type=\"mutual\"");
        else LIT(&G, " type=\"undirected\"");
        LIT(&G, " weight=\"");
        put_uint(&G.rec, e->weight);
        dx_buf_putc(&G.rec, '"');
        ATTR(&G, "label", dx_rel_name(e->rel));
        const char *s0 = e->first_date, *s1 = e->last_date;
        if (e->dst_kind == DX_NODE_EVENT) {
            s0 = g->events.items[e->dst].start;
            s1 = g->events.items[e->dst].end;
        }
        if (s0[0]) {
            ATTR(&G, "start", s0);
            ATTR(&G, "end", s1);
        }
        LIT(&G, "><attvalues>");
        ATTVALUE(&G, "relation", dx_rel_name(e->rel));
        ATTVALUE(&G, "modality", dx_modality_name(e->modality));
        /* the evidence count is the edge's weight */
        ATTVALUE_UINT(&G, "documents", e->documents);
        /* a participant edge's evidence is its event's, on the event node:
         * written once, the file stays a fraction of the size */
        if (e->dst_kind != DX_NODE_EVENT) {
            ATTVALUE(&G, "document", e->document);
            ATTVALUE(&G, "sentence", e->sentence);
        }
        LIT(&G, "</attvalues>");
        modality_rgb(e->modality, &r, &gg, &b);
        color(&G, r, gg, b);
        thickness_tenths(&G, 10 + (e->weight > 20 ? 40 : 2 * e->weight));
        shape(&G, modality_shape(e->modality));
        LIT(&G, "</edge>");
        if (G.rec.len > REC_FLUSH) flush_rec(&G);
    }
    dx_buf_fini(&id);
    LIT(&G, "\n");
    flush_rec(&G);
    end(&G);
    newline(&G);
    end(&G); /* graph */
    newline(&G);
    end(&G); /* gexf */
    if (xmlTextWriterEndDocument(w) < 0) G.rc = -1;
    if (xmlTextWriterFlush(w) < 0) G.rc = -1;
    xmlFreeTextWriter(w);
    dx_buf_fini(&G.rec);
    if (G.esc) xmlBufferFree(G.esc);
    if (G.doc) xmlFreeDoc(G.doc);
    if (G.rc < 0) {
        dx_error_set(err, DOSSIER_EIO, "graph.gexf", 0, "write failed");
        return DOSSIER_EIO;
    }
    return 0;
}

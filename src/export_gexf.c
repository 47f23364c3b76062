/* export_gexf.c - graph.gexf through libxml2's xmlTextWriter: GEXF 1.3
 * (or 1.2draft), dynamic, with declared attributes and viz colours. */
#include <libxml/xmlwriter.h>
#include <stdlib.h>
#include <string.h>

#include "graph.h"

#define X(s) ((const xmlChar *)(s))

typedef struct {
    xmlTextWriterPtr w;
    int rc;
    int viz; /* write viz: elements */
} gw;

static void attr(gw *g, const char *name, const char *value)
{
    char *v = dx_xml_clean(value);
    if (xmlTextWriterWriteAttribute(g->w, X(name), X(v)) < 0) g->rc = -1;
    free(v);
}

static void start(gw *g, const char *name)
{
    if (xmlTextWriterStartElement(g->w, X(name)) < 0) g->rc = -1;
}

static void end(gw *g)
{
    if (xmlTextWriterEndElement(g->w) < 0) g->rc = -1;
}

static void attvalue(gw *g, const char *id, const char *value)
{
    if (!value || !value[0]) return;
    start(g, "attvalue");
    attr(g, "for", id);
    attr(g, "value", value);
    end(g);
}

static void attvalue_int(gw *g, const char *id, long long v)
{
    char t[32];
    snprintf(t, sizeof(t), "%lld", v);
    attvalue(g, id, t);
}

static void declare(gw *g, const char *id, const char *title, const char *type)
{
    start(g, "attribute");
    attr(g, "id", id);
    attr(g, "title", title);
    attr(g, "type", type);
    end(g);
}

static void color(gw *g, int r, int gr, int b)
{
    if (!g->viz) return;
    char t[8];
    start(g, "viz:color");
    snprintf(t, sizeof(t), "%d", r);
    attr(g, "r", t);
    snprintf(t, sizeof(t), "%d", gr);
    attr(g, "g", t);
    snprintf(t, sizeof(t), "%d", b);
    attr(g, "b", t);
    end(g);
}

static void size(gw *g, double s)
{
    if (!g->viz) return;
    char t[32];
    snprintf(t, sizeof(t), "%.1f", s);
    start(g, "viz:size");
    attr(g, "value", t);
    end(g);
}

static void thickness(gw *g, double s)
{
    if (!g->viz) return;
    char t[32];
    snprintf(t, sizeof(t), "%.1f", s);
    start(g, "viz:thickness");
    attr(g, "value", t);
    end(g);
}

static void shape(gw *g, const char *value)
{
    if (!g->viz) return;
    start(g, "viz:shape");
    attr(g, "value", value);
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

void dx_graph_edge_id(const dx_graph *g, const dx_gedge *e, dx_buf *out)
{
    char mod[16];
    snprintf(mod, sizeof(mod), "%s", dx_modality_name(e->modality));
    for (char *p = mod; *p; p++) *p = (char)(*p >= 'A' && *p <= 'Z' ? *p + 32 : *p);
    dx_buf_clear(out);
    dx_buf_printf(out, "%s|%s|", e->src_kind == DX_NODE_ENTITY ? g->ents.items[e->src].id
                                                               : g->events.items[e->src].id,
                  dx_rel_name(e->rel));
    if (mod[0]) dx_buf_printf(out, "%s|", mod);
    dx_buf_puts(out, e->dst_kind == DX_NODE_ENTITY ? g->ents.items[e->dst].id
                                                   : g->events.items[e->dst].id);
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
    gw G = {w, 0, !gexf_12};
    xmlTextWriterSetIndent(w, 1);
    xmlTextWriterSetIndentString(w, X("  "));
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
    start(&G, "meta");
    start(&G, "creator");
    xmlTextWriterWriteString(w, X("dossier " DOSSIER_VERSION));
    end(&G);
    start(&G, "description");
    xmlTextWriterWriteString(w, X("People, organisations, places and events extracted from documents; "
                                  "edges carry their modality and evidence."));
    end(&G);
    end(&G);
    start(&G, "graph");
    int any_directed = 0;
    for (size_t i = 0; i < g->edges.len; i++) any_directed |= g->edges.items[i].directed;
    /* only symmetric edges (no events): an undirected graph */
    attr(&G, "defaultedgetype", any_directed ? "directed" : "undirected");
    attr(&G, "mode", "dynamic");
    attr(&G, "timeformat", "date");
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
    end(&G);
    start(&G, "attributes");
    attr(&G, "class", "edge");
    declare(&G, "relation", "relation", "string");
    declare(&G, "modality", "modality", "string");
    declare(&G, "evidence_count", "evidence count", "integer");
    declare(&G, "documents", "documents", "integer");
    declare(&G, "document", "document", "string");
    declare(&G, "sentence", "sentence", "string");
    end(&G);

    start(&G, "nodes");
    int r, gg, b;
    for (size_t i = 0; i < g->ents.len; i++) {
        const dx_gent *e = &g->ents.items[i];
        start(&G, "node");
        attr(&G, "id", e->id);
        attr(&G, "label", e->label);
        if (e->first_date[0]) {
            attr(&G, "start", e->first_date);
            attr(&G, "end", e->last_date);
        }
        start(&G, "attvalues");
        attvalue(&G, "kind", "entity");
        attvalue(&G, "type", dx_ent_type_lower(e->type));
        attvalue(&G, "aliases", e->aliases);
        attvalue_int(&G, "mentions", e->mentions);
        attvalue_int(&G, "documents", e->documents);
        attvalue(&G, "first_date", e->first_date);
        attvalue(&G, "last_date", e->last_date);
        attvalue(&G, "roles", e->roles);
        end(&G);
        type_rgb(e->type, &r, &gg, &b);
        color(&G, r, gg, b);
        size(&G, 4.0 + (e->mentions > 400 ? 40.0 : e->mentions / 10.0));
        shape(&G, node_shape(e->type));
        end(&G);
    }
    dx_buf label;
    dx_buf_init(&label);
    for (size_t i = 0; i < g->events.len; i++) {
        const dx_gevent *e = &g->events.items[i];
        start(&G, "node");
        attr(&G, "id", e->id);
        dx_buf_clear(&label);
        char *pa = dx_graph_join_labels(g, e->patients.items, e->patients.len);
        dx_buf_printf(&label, "%s%s%s%s%s", dx_ev_type_name(e->type), pa[0] ? " of " : "", pa,
                      e->date[0] ? " " : "", e->date);
        free(pa);
        attr(&G, "label", label.data);
        if (e->start[0]) {
            attr(&G, "start", e->start);
            attr(&G, "end", e->end);
        }
        start(&G, "attvalues");
        attvalue(&G, "kind", "event");
        attvalue(&G, "type", dx_ev_type_name(e->type));
        attvalue(&G, "modality", dx_modality_name(e->modality));
        attvalue(&G, "source", e->source);
        attvalue(&G, "date", e->date);
        attvalue(&G, "charge", e->charge);
        attvalue(&G, "document", e->document);
        attvalue(&G, "sentence", e->sentence);
        end(&G);
        type_rgb(DX_ENT_NONE, &r, &gg, &b);
        color(&G, r, gg, b);
        size(&G, 3.0);
        shape(&G, node_shape(DX_ENT_NONE));
        end(&G);
    }
    dx_buf_fini(&label);
    end(&G);

    start(&G, "edges");
    char num[32];
    dx_buf id;
    dx_buf_init(&id);
    /* Directed edges first: graphology-gexf guesses the graph's type from
     * the first edge and cannot make a graph of type "mutual". */
    for (int pass = 0; pass < 2; pass++)
    for (size_t i = 0; i < g->edges.len; i++) {
        const dx_gedge *e = &g->edges.items[i];
        if ((e->directed ? 0 : 1) != pass) continue;
        start(&G, "edge");
        dx_graph_edge_id(g, e, &id);
        attr(&G, "id", id.data);
        attr(&G, "source", e->src_kind == DX_NODE_ENTITY ? g->ents.items[e->src].id : g->events.items[e->src].id);
        attr(&G, "target", e->dst_kind == DX_NODE_ENTITY ? g->ents.items[e->dst].id : g->events.items[e->dst].id);
        /* symmetric relations are "mutual": networkx cannot read a graph that
         * mixes directed and undirected edges; graphology reads mutual as
         * undirected, networkx as both directions */
        attr(&G, "type", e->directed ? "directed" : any_directed ? "mutual" : "undirected");
        snprintf(num, sizeof(num), "%u", e->weight);
        attr(&G, "weight", num);
        attr(&G, "label", dx_rel_name(e->rel));
        const char *s0 = e->first_date, *s1 = e->last_date;
        if (e->dst_kind == DX_NODE_EVENT) {
            s0 = g->events.items[e->dst].start;
            s1 = g->events.items[e->dst].end;
        }
        if (s0[0]) {
            attr(&G, "start", s0);
            attr(&G, "end", s1);
        }
        start(&G, "attvalues");
        attvalue(&G, "relation", dx_rel_name(e->rel));
        attvalue(&G, "modality", dx_modality_name(e->modality));
        attvalue_int(&G, "evidence_count", e->weight);
        attvalue_int(&G, "documents", e->documents);
        /* a participant edge's evidence is its event's, on the event node:
         * written once, the file stays a fraction of the size */
        if (e->dst_kind != DX_NODE_EVENT) {
            attvalue(&G, "document", e->document);
            attvalue(&G, "sentence", e->sentence);
        }
        end(&G);
        modality_rgb(e->modality, &r, &gg, &b);
        color(&G, r, gg, b);
        thickness(&G, 1.0 + (e->weight > 20 ? 4.0 : e->weight / 5.0));
        shape(&G, modality_shape(e->modality));
        end(&G);
    }
    dx_buf_fini(&id);
    end(&G);
    end(&G); /* graph */
    end(&G); /* gexf */
    if (xmlTextWriterEndDocument(w) < 0) G.rc = -1;
    if (xmlTextWriterFlush(w) < 0) G.rc = -1;
    xmlFreeTextWriter(w);
    if (G.rc < 0) {
        dx_error_set(err, DOSSIER_EIO, "graph.gexf", 0, "write failed");
        return DOSSIER_EIO;
    }
    return 0;
}

/* gexf.c - graph.gexf through libxml2's output buffer: GEXF 1.3 (or
 * 1.2draft), dynamic (entities present in spells, events in their own
 * interval), with declared attributes, edge kinds and viz colours. */
#include <libxml/entities.h>
#include <libxml/tree.h>
#include <libxml/xmlIO.h>
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

/* The markup is dossier's own and fixed; every value goes into an
 * attribute escaped by libxml2 (xmlAttrSerializeTxtContent, the rule of
 * its text writer: & < > " and tab, LF, CR as references), once, and only
 * when it holds a byte that the rule changes; values are cleaned of what
 * XML 1.0 forbids only when they hold any. Bytes are gathered into chunks
 * of GW_CHUNK and handed to libxml2's xmlOutputBuffer, which writes them
 * to the file: no call per attribute, no element stack. The document is
 * UTF-8 (declared), so other characters go as they are. */
#define GW_CHUNK (1u << 20)
typedef struct {
    xmlOutputBufferPtr out;
    xmlDocPtr doc;    /* what values are escaped for: a UTF-8 document */
    xmlBufferPtr esc; /* one value escaped by libxml2 */
    char *buf;        /* the chunk being gathered */
    size_t len;
    int rc;
    int viz;  /* write viz: elements */
    int kind; /* edges carry kind= (GEXF 1.3) */
} gw;

/* The chunk gathered so far, to libxml2. */
static void flush_chunk(gw *g)
{
    if (g->len && xmlOutputBufferWrite(g->out, (int)g->len, g->buf) < 0) g->rc = -1;
    g->len = 0;
}

static void put(gw *g, const char *s, size_t n)
{
    if (g->len + n > GW_CHUNK) {
        flush_chunk(g);
        for (; n > GW_CHUNK; s += GW_CHUNK, n -= GW_CHUNK)
            if (xmlOutputBufferWrite(g->out, (int)GW_CHUNK, s) < 0) g->rc = -1;
    }
    memcpy(g->buf + g->len, s, n);
    g->len += n;
}

/* A literal of the markup. */
#define PUT(g, lit) put(g, lit, sizeof(lit) - 1)
#define LIT(s) s, sizeof(s) - 1

/* An attribute value, as xmlTextWriterWriteAttribute writes it. */
static void value(gw *g, const char *v)
{
    size_t n = strlen(v);
    if (dx_xml_attr_as_is(v, n)) {
        put(g, v, n);
        return;
    }
    char *c = dx_xml_is_clean(v, n) ? NULL : dx_xml_clean(v);
    xmlBufferEmpty(g->esc);
    xmlAttrSerializeTxtContent(g->esc, g->doc, NULL, X(c ? c : v));
    put(g, (const char *)xmlBufferContent(g->esc), (size_t)xmlBufferLength(g->esc));
    free(c);
}

static void uint_value(gw *g, unsigned long long u)
{
    char t[24];
    const char *p = dx_fmt_int(t + sizeof(t), u > LLONG_MAX ? LLONG_MAX : (long long)u);
    put(g, p, (size_t)(t + sizeof(t) - p));
}

/* pre (' name="'), the value, '"' */
static void attr(gw *g, const char *pre, size_t npre, const char *v)
{
    put(g, pre, npre);
    value(g, v);
    PUT(g, "\"");
}
#define ATTR(g, name, v) attr(g, LIT(" " name "=\""), v)

static void attr_uint(gw *g, const char *pre, size_t npre, unsigned long long u)
{
    put(g, pre, npre);
    uint_value(g, u);
    PUT(g, "\"");
}
#define ATTR_UINT(g, name, u) attr_uint(g, LIT(" " name "=\""), u)

/* <attvalue for="id" value="..."/>, nothing when the value is empty */
static void attvalue_put(gw *g, const char *pre, size_t npre, const char *v)
{
    if (!v || !v[0]) return;
    put(g, pre, npre);
    value(g, v);
    PUT(g, "\"/>");
}
#define ATTVALUE(g, id, v) attvalue_put(g, LIT("<attvalue for=\"" id "\" value=\""), v)

static void attvalue_uint(gw *g, const char *pre, size_t npre, unsigned long long u)
{
    put(g, pre, npre);
    uint_value(g, u);
    PUT(g, "\"/>");
}
#define ATTVALUE_UINT(g, id, u) attvalue_uint(g, LIT("<attvalue for=\"" id "\" value=\""), u)

static void declare(gw *g, const char *id, const char *title, const char *type)
{
    PUT(g, "\n<attribute");
    ATTR(g, "id", id);
    ATTR(g, "title", title);
    ATTR(g, "type", type);
    PUT(g, "/>");
}

static void color(gw *g, int r, int gr, int b)
{
    if (!g->viz) return;
    PUT(g, "<viz:color");
    ATTR_UINT(g, "r", (unsigned)r);
    ATTR_UINT(g, "g", (unsigned)gr);
    ATTR_UINT(g, "b", (unsigned)b);
    PUT(g, "/>");
}

/* <element value="16.4"/>: tenths as a decimal with one digit */
static void size_tenths(gw *g, const char *element, size_t nelement, unsigned v)
{
    if (!g->viz) return;
    char t[24];
    t[20] = '.';
    t[21] = (char)('0' + v % 10);
    const char *p = dx_fmt_int(t + 20, v / 10);
    PUT(g, "<");
    put(g, element, nelement);
    PUT(g, " value=\"");
    put(g, p, (size_t)(t + 22 - p));
    PUT(g, "\"/>");
}
#define SIZE_TENTHS(g, element, v) size_tenths(g, LIT(element), v)

static void shape(gw *g, const char *v)
{
    if (!g->viz) return;
    PUT(g, "<viz:shape");
    ATTR(g, "value", v);
    PUT(g, "/>");
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
    PUT(G, "\n<edge");
    dx_graph_edge_id(g, e, id);
    ATTR(G, "id", id->data);
    ATTR(G, "source", dx_graph_node_id(g, e->src_kind, e->src));
    ATTR(G, "target", dx_graph_node_id(g, e->dst_kind, e->dst));
    ATTR(G, "type", e->directed || any_directed ? "directed" : "undirected");
    ATTR_UINT(G, "weight", e->weight);
    const char *rel = e->rel == DX_REL_SOURCE ? dx_source_verb(e->modality) : dx_rel_name(e->rel);
    ATTR(G, "label", rel);
    if (G->kind) ATTR(G, "kind", rel);
    const char *s0 = e->first_date, *s1 = e->last_date;
    if (e->dst_kind == DX_NODE_EVENT) {
        s0 = g->aggs.items[e->dst].start;
        s1 = g->aggs.items[e->dst].end;
    }
    if (s0[0]) {
        ATTR(G, "start", s0);
        ATTR(G, "end", s1);
    }
    PUT(G, "><attvalues>");
    ATTVALUE(G, "relation", rel);
    ATTVALUE(G, "modality", dx_modality_name(e->modality));
    /* the evidence count is the edge's weight */
    ATTVALUE_UINT(G, "documents", e->documents);
    /* an edge to an event has its evidence on the event node; a
     * co-occurrence keeps the first sentence (relations.csv joins the
     * rest by id) */
    if (e->dst_kind != DX_NODE_EVENT) {
        ATTVALUE(G, "document", e->document);
        ATTVALUE(G, "sentence", dx_edge_sentence(g, e, id)); /* id is written: a scratch now */
    }
    PUT(G, "</attvalues>");
    modality_rgb(e->modality, &r, &gg, &b);
    color(G, r, gg, b);
    SIZE_TENTHS(G, "viz:thickness", 10 + (e->weight > 20 ? 40 : 2 * e->weight));
    shape(G, modality_shape(e->modality));
    PUT(G, "</edge>");
}

/* A line break, <node id label [start end]><attvalues> */
static void node_start(gw *G, const char *id, const char *label, const char *from, const char *to)
{
    PUT(G, "\n<node");
    ATTR(G, "id", id);
    ATTR(G, "label", label);
    if (from[0]) {
        ATTR(G, "start", from);
        ATTR(G, "end", to);
    }
    PUT(G, "><attvalues>");
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
    PUT(G, "<spells>");
    for (uint32_t k = from; k < to; k++) {
        PUT(G, "<spell");
        iso_day(t, g->spells[k].from);
        ATTR(G, "start", t);
        iso_day(t, g->spells[k].to);
        ATTR(G, "end", t);
        PUT(G, "/>");
    }
    PUT(G, "</spells>");
}

/* </attvalues>, [spells], colour, size (tenths) and shape, </node> */
static void node_end(gw *G, const dx_graph *g, int ent, int rgb[3], unsigned size, const char *shp)
{
    PUT(G, "</attvalues>");
    if (ent >= 0) spells(G, g, (size_t)ent);
    color(G, rgb[0], rgb[1], rgb[2]);
    SIZE_TENTHS(G, "viz:size", size);
    shape(G, shp);
    PUT(G, "</node>");
}

/* One entity node element, preceded by a line break. Its presence in time
 * is in its spells, not its first and last date (a hull). */
static void write_entity(gw *G, const dx_graph *g, size_t i)
{
    const dx_gent *e = &g->ents.items[i];
    node_start(G, e->id, e->label, "", "");
    ATTVALUE(G, "kind", "entity");
    ATTVALUE(G, "type", dx_ent_type_lower(e->type));
    ATTVALUE(G, "aliases", e->aliases);
    ATTVALUE_UINT(G, "mentions", e->mentions);
    ATTVALUE_UINT(G, "documents", e->documents);
    ATTVALUE(G, "first_date", e->first_date);
    ATTVALUE(G, "last_date", e->last_date);
    ATTVALUE(G, "roles", e->roles);
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
    ATTVALUE(G, "kind", "event");
    ATTVALUE(G, "type", dx_ev_type_name(a->type));
    dx_buf_clear(b);
    dx_agg_modalities(b, a);
    ATTVALUE(G, "modalities", b->len ? b->data : "");
    ATTVALUE(G, "contested", a->contested ? "true" : "false");
    ATTVALUE_UINT(G, "accounts", a->n);
    ATTVALUE_UINT(G, "documents", a->documents);
    dx_buf_clear(b);
    dx_agg_sources(b, g, a, 12);
    ATTVALUE(G, "sources", b->len ? b->data : "");
    ATTVALUE(G, "date", a->date);
    ATTVALUE(G, "charge", a->charge);
    const dx_gevent *best = &g->events.items[a->best];
    ATTVALUE(G, "document", dx_account_document(g, best));
    ATTVALUE(G, "sentence", dx_account_sentence(g, best, b));
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

/* A writer on fp, unindented: one line per node and per edge. Colours,
 * sizes and shapes are in the viz namespace of the version written
 * (1.2draft's viz elements validate against its XSD; its RelaxNG schema
 * includes viz.rng without a namespace); edge kinds are GEXF 1.3's. */
static int open_gw(gw *G, FILE *fp, int gexf_12, dossier_error *err)
{
    memset(G, 0, sizeof(*G));
    dx_xml_quiet();
    G->out = xmlOutputBufferCreateFile(fp, NULL);
    G->doc = xmlNewDoc(X("1.0"));
    if (G->doc) G->doc->encoding = xmlStrdup(X("UTF-8"));
    G->esc = xmlBufferCreate();
    G->buf = malloc(GW_CHUNK);
    if (!G->out || !G->doc || !G->doc->encoding || !G->esc || !G->buf) {
        if (G->out) xmlOutputBufferClose(G->out);
        if (G->doc) xmlFreeDoc(G->doc);
        if (G->esc) xmlBufferFree(G->esc);
        free(G->buf);
        dx_error_set(err, DOSSIER_EIO, "graph.gexf", 0, "cannot create the XML writer");
        return DOSSIER_EIO;
    }
    G->viz = 1;
    G->kind = !gexf_12;
    return 0;
}

/* What is gathered, to libxml2, and from it to the file. */
static void flush_all(gw *G)
{
    flush_chunk(G);
    if (xmlOutputBufferFlush(G->out) < 0) G->rc = -1;
}

/* rc: 0, -1 (a write failed) or -2 (a part failed, err already set) */
static int close_gw(gw *G, dossier_error *err)
{
    int rc = G->rc;
    flush_chunk(G);
    if (G->rc && !rc) rc = G->rc;
    if (xmlOutputBufferClose(G->out) < 0 && !rc) rc = -1;
    xmlFreeDoc(G->doc);
    xmlBufferFree(G->esc);
    free(G->buf);
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
    off_t from = ftello(fp);
    if (open_gw(&G, fp, gexf_12, err)) return DOSSIER_EIO;
    write_part(&G, g, plan, i);
    int st = close_gw(&G, err);
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
    /* what is gathered goes first; then copy: by the kernel when it can,
     * else through a buffer (another file system, an old kernel) */
    flush_all(G);
    if (fflush(fp) != 0) G->rc = -1;
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

/* Element text that dossier spells, escaped by libxml2 all the same. */
static void text(gw *G, const char *s)
{
    xmlChar *e = xmlEncodeSpecialChars(NULL, X(s));
    if (!e) {
        G->rc = -1;
        return;
    }
    put(G, (const char *)e, strlen((const char *)e));
    xmlFree(e);
}

static int write_gexf(const dx_graph *g, FILE *fp, int gexf_12, const dx_gexf_plan *plan, dx_gexf_part_fn get,
                      void *ctx, dossier_error *err)
{
    gw G;
    if (open_gw(&G, fp, gexf_12, err)) return DOSSIER_EIO;
    /* UTF-8, declared: libxml2 escapes no other character */
    PUT(&G, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<gexf");
    if (gexf_12) {
        ATTR(&G, "xmlns", "http://www.gexf.net/1.2draft");
        ATTR(&G, "xmlns:viz", "http://www.gexf.net/1.2draft/viz");
        ATTR(&G, "version", "1.2");
    } else {
        ATTR(&G, "xmlns", "http://gexf.net/1.3");
        ATTR(&G, "xmlns:viz", "http://gexf.net/1.3/viz");
        ATTR(&G, "version", "1.3");
    }
    PUT(&G, ">\n<meta><creator>");
    text(&G, "dossier " DOSSIER_VERSION);
    PUT(&G, "</creator><description>");
    text(&G, "People, organisations, places and events extracted from documents. "
             "An event node aggregates the accounts of one event (how many, and how "
             "they tell it: modalities, contested); sources point to it with what "
             "they do (alleges, denies, confesses).");
    PUT(&G, "</description></meta>\n<graph");
    /* only symmetric edges (no events): an undirected graph */
    ATTR(&G, "defaultedgetype", plan->any_directed ? "directed" : "undirected");
    ATTR(&G, "mode", "dynamic");
    ATTR(&G, "timeformat", "date");
    PUT(&G, ">\n<attributes");
    ATTR(&G, "class", "node");
    PUT(&G, ">");
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
    PUT(&G, "\n</attributes>\n<attributes");
    ATTR(&G, "class", "edge");
    PUT(&G, ">");
    declare(&G, "relation", "relation", "string");
    declare(&G, "modality", "modality", "string");
    declare(&G, "documents", "documents", "integer");
    declare(&G, "document", "document", "string");
    declare(&G, "sentence", "sentence", "string");
    PUT(&G, "\n</attributes>\n<nodes>");
    size_t i = 0;
    for (; i < plan->n && plan->parts[i].kind == DX_GEXF_NODES && G.rc != -2; i++)
        put_part(&G, g, plan, i, fp, get, ctx, err);
    PUT(&G, "\n</nodes>\n<edges>");
    for (; i < plan->n && G.rc != -2; i++) put_part(&G, g, plan, i, fp, get, ctx, err);
    PUT(&G, "\n</edges>\n</graph>\n</gexf>\n");
    return close_gw(&G, err);
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

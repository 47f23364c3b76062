/* export_dot.c - graph.dot through graphviz's cgraph: people and
 * organisations with the relations between them, shapes and colours by
 * type, edge styles by modality, and a legend. */
#include <cgraph.h>
#include <stdlib.h>
#include <string.h>

#include "graph.h"

/* Debian's graphviz 2.42 headers take char * where they mean const char *:
 * every cast lives here. */
static char *S(const char *s) { return (char *)(uintptr_t)s; }

static void set(void *obj, const char *name, const char *value)
{
    agsafeset(obj, S(name), S(value), S(""));
}

static const char *type_shape(dx_ent_type t)
{
    switch (t) {
    case DX_ENT_PERSON: return "ellipse";
    case DX_ENT_ORG: return "box";
    case DX_ENT_PLACE: return "house";
    default: return "diamond";
    }
}

static const char *type_color(dx_ent_type t)
{
    switch (t) {
    case DX_ENT_PERSON: return "#cfe2f3";
    case DX_ENT_ORG: return "#d9ead3";
    case DX_ENT_PLACE: return "#fff2cc";
    default: return "#f4cccc";
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

#define DOT_TOP 60

typedef struct {
    const dx_graph *g;
    uint32_t *score;
} rank_ctx;
static rank_ctx *rank_sort;
static int by_score(const void *a, const void *b)
{
    int32_t x = *(const int32_t *)a, y = *(const int32_t *)b;
    uint32_t sx = rank_sort->score[x], sy = rank_sort->score[y];
    if (sx != sy) return sx > sy ? -1 : 1;
    return strcmp(rank_sort->g->ents.items[x].id, rank_sort->g->ents.items[y].id);
}

int dx_export_dot(const dx_graph *g, FILE *fp, dossier_error *err)
{
    /* Keep the diagram legible: the entities with the most relations and
     * mentions, and the relations among them. */
    size_t ne = g->ents.len;
    uint32_t *score = xcalloc(ne + 1, sizeof(uint32_t));
    for (size_t i = 0; i < g->edges.len; i++) {
        const dx_gedge *e = &g->edges.items[i];
        if (e->src_kind != DX_NODE_ENTITY || e->dst_kind != DX_NODE_ENTITY) continue;
        uint32_t w = e->rel == DX_REL_COOCCURS ? e->weight : 4 * e->weight;
        score[e->src] += w;
        score[e->dst] += w;
    }
    for (size_t i = 0; i < ne; i++) score[i] += g->ents.items[i].mentions;
    int32_t *order = xmalloc((ne + 1) * sizeof(int32_t));
    for (size_t i = 0; i < ne; i++) order[i] = (int32_t)i;
    rank_ctx rc = {g, score};
    rank_sort = &rc;
    qsort(order, ne, sizeof(int32_t), by_score);
    rank_sort = NULL;
    uint8_t *keep = xcalloc(ne + 1, 1);
    for (size_t i = 0; i < ne && i < DOT_TOP; i++)
        if (g->ents.items[order[i]].type != DX_ENT_PLACE || i < DOT_TOP / 4) keep[order[i]] = 1;

    Agraph_t *G = agopen(S("dossier"), Agdirected, NULL);
    agattr(G, AGRAPH, S("layout"), S("sfdp"));
    agattr(G, AGRAPH, S("overlap"), S("prism"));
    agattr(G, AGRAPH, S("splines"), S("true"));
    agattr(G, AGRAPH, S("outputorder"), S("edgesfirst"));
    agattr(G, AGRAPH, S("fontname"), S("Helvetica"));
    agattr(G, AGRAPH, S("label"), S(""));
    agattr(G, AGNODE, S("shape"), S("ellipse"));
    agattr(G, AGNODE, S("style"), S("filled"));
    agattr(G, AGNODE, S("fillcolor"), S("white"));
    agattr(G, AGNODE, S("fontname"), S("Helvetica"));
    agattr(G, AGNODE, S("label"), S("\\N"));
    agattr(G, AGNODE, S("tooltip"), S(""));
    agattr(G, AGNODE, S("fontsize"), S("12"));
    agattr(G, AGEDGE, S("style"), S("solid"));
    agattr(G, AGEDGE, S("color"), S("#222222"));
    agattr(G, AGEDGE, S("label"), S(""));
    agattr(G, AGEDGE, S("fontname"), S("Helvetica"));
    agattr(G, AGEDGE, S("fontsize"), S("9"));
    agattr(G, AGEDGE, S("penwidth"), S("1"));
    agattr(G, AGEDGE, S("dir"), S("forward"));
    agattr(G, AGEDGE, S("tooltip"), S(""));
    char *title = xmalloc(128);
    snprintf(title, 128, "dossier: %zu documents, %zu entities, %zu events", g->documents.len,
             g->ents.len, g->events.len);
    set(G, "label", title);
    free(title);

    Agnode_t **nodes = xcalloc(ne + 1, sizeof(Agnode_t *));
    char num[32];
    for (size_t i = 0; i < ne; i++) {
        if (!keep[i]) continue;
        const dx_gent *e = &g->ents.items[i];
        Agnode_t *n = agnode(G, S(e->id), 1);
        nodes[i] = n;
        set(n, "label", e->label);
        set(n, "shape", type_shape(e->type));
        set(n, "fillcolor", type_color(e->type));
        snprintf(num, sizeof(num), "%d", 10 + (int)(e->mentions > 200 ? 10 : e->mentions / 20));
        set(n, "fontsize", num);
        set(n, "tooltip", e->roles[0] ? e->roles : e->label);
    }
    /* derived relations first, then the strongest co-occurrences */
    for (int pass = 0; pass < 2; pass++) {
        for (size_t i = 0; i < g->edges.len; i++) {
            const dx_gedge *e = &g->edges.items[i];
            if (e->src_kind != DX_NODE_ENTITY || e->dst_kind != DX_NODE_ENTITY) continue;
            if (!keep[e->src] || !keep[e->dst]) continue;
            int cooc = e->rel == DX_REL_COOCCURS;
            if ((pass == 0) == cooc) continue;
            if (cooc && e->weight < 3) continue;
            char name[48];
            snprintf(name, sizeof(name), "e%zu", i);
            Agedge_t *ed = agedge(G, nodes[e->src], nodes[e->dst], S(name), 1);
            if (cooc) {
                set(ed, "dir", "none");
                set(ed, "color", "#bbbbbb");
                snprintf(num, sizeof(num), "%.1f", 0.5 + (e->weight > 40 ? 4.0 : e->weight / 10.0));
                set(ed, "penwidth", num);
            } else {
                set(ed, "label", dx_rel_name(e->rel));
                set(ed, "style", modality_style(e->modality));
                set(ed, "color", modality_color(e->modality));
                snprintf(num, sizeof(num), "%.1f", 1.0 + (e->weight > 8 ? 2.0 : e->weight / 4.0));
                set(ed, "penwidth", num);
                if (!e->directed) set(ed, "dir", "none");
            }
            set(ed, "tooltip", e->sentence);
        }
    }
    /* legend */
    Agraph_t *L = agsubg(G, S("cluster_legend"), 1);
    agsafeset(L, S("label"), S("Legend"), S(""));
    static const struct {
        const char *name, *label;
        dx_ent_type t;
    } kinds[] = {{"legend_person", "person", DX_ENT_PERSON},
                 {"legend_org", "organisation", DX_ENT_ORG},
                 {"legend_place", "place", DX_ENT_PLACE}};
    Agnode_t *prev = NULL;
    for (size_t k = 0; k < 3; k++) {
        Agnode_t *n = agnode(L, S(kinds[k].name), 1);
        set(n, "label", kinds[k].label);
        set(n, "shape", type_shape(kinds[k].t));
        set(n, "fillcolor", type_color(kinds[k].t));
        prev = n;
    }
    static const dx_modality mods[] = {DX_MODAL_ASSERTED, DX_MODAL_ALLEGED, DX_MODAL_CONFESSED,
                                       DX_MODAL_DENIED, DX_MODAL_HYPOTHETICAL};
    for (size_t k = 0; k < 5; k++) {
        char a[32], b[32];
        snprintf(a, sizeof(a), "legend_m%zu_a", k);
        snprintf(b, sizeof(b), "legend_m%zu_b", k);
        Agnode_t *na = agnode(L, S(a), 1), *nb = agnode(L, S(b), 1);
        set(na, "label", "");
        set(nb, "label", "");
        set(na, "shape", "point");
        set(nb, "shape", "point");
        Agedge_t *ed = agedge(L, na, nb, S(a), 1);
        char lab[32];
        snprintf(lab, sizeof(lab), "%s", dx_modality_name(mods[k]));
        for (char *p = lab + 1; *p; p++) *p = (char)(*p >= 'A' && *p <= 'Z' ? *p + 32 : *p);
        set(ed, "label", lab);
        set(ed, "style", modality_style(mods[k]));
        set(ed, "color", modality_color(mods[k]));
    }
    (void)prev;
    int rc2 = agwrite(G, fp);
    agclose(G);
    free(nodes);
    free(keep);
    free(order);
    free(score);
    if (rc2 == EOF) {
        dx_error_set(err, DOSSIER_EIO, "graph.dot", 0, "write failed");
        return DOSSIER_EIO;
    }
    return 0;
}

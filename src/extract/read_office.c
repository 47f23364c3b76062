/* read_office.c - DOCX, ODT and EPUB: zip files of XML (members read
 * through read_archive.c, XML through libxml2). Paragraphs become
 * paragraphs, footnotes their own paragraphs after the paragraph that
 * cites them; styles, deleted text, comments and field codes are left out. */
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "base/error.h"
#include "base/utf8.h"
#include "extract/read.h"

static const char W_NS[] = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
static const char TEXT_NS[] = "urn:oasis:names:tc:opendocument:xmlns:text:1.0";
static const char OFFICE_NS[] = "urn:oasis:names:tc:opendocument:xmlns:office:1.0";
static const char META_NS[] = "urn:oasis:names:tc:opendocument:xmlns:meta:1.0";

/* ---------------------------------------------------------------- the package */

typedef struct {
    const char *path;
    const char *data;
    size_t n;
    const dx_limits *lim;
    uint64_t read;     /* bytes of members read so far */
    dossier_error *err;
} package;

/* Member name of the package: 0 and its bytes in out; 1 missing; -1 error (err set). */
static int member(package *pk, const char *name, dx_buf *out)
{
    char why[300] = "";
    uint64_t left = pk->lim->total_bytes > pk->read ? pk->lim->total_bytes - pk->read : 0;
    uint64_t max = pk->lim->member_bytes < left ? pk->lim->member_bytes : left;
    dx_buf_clear(out);
    int st = dx_zip_member(pk->data, pk->n, name, max, out, why, sizeof(why));
    if (st < 0) dx_error_set(pk->err, DOSSIER_EIO, pk->path, 0, "%s: %s", name, why);
    if (st == 0) pk->read += out->len;
    return st;
}

static xmlDoc *parse_xml(const char *data, size_t n, const char *name)
{
    if (n > (size_t)INT32_MAX) return NULL;
    xmlParserCtxtPtr ctxt = xmlNewParserCtxt();
    if (!ctxt) return NULL;
    ctxt->sax->entityDecl = NULL; /* no entity expansion bombs */
    xmlDoc *doc = xmlCtxtReadMemory(ctxt, data ? data : "", (int)n, name, "UTF-8",
                                    XML_PARSE_RECOVER | XML_PARSE_NOERROR | XML_PARSE_NOWARNING |
                                        XML_PARSE_NONET | XML_PARSE_COMPACT | XML_PARSE_HUGE);
    xmlFreeParserCtxt(ctxt);
    return doc;
}

static int is(const xmlNode *n, const char *ns, const char *name)
{
    return n->type == XML_ELEMENT_NODE && n->ns && n->ns->href && strcmp((const char *)n->ns->href, ns) == 0 &&
           strcmp((const char *)n->name, name) == 0;
}

static xmlChar *attr(const xmlNode *n, const char *ns, const char *name)
{
    return xmlGetNsProp((xmlNode *)(uintptr_t)n, (const xmlChar *)name, (const xmlChar *)ns);
}

/* ---------------------------------------------------------------- text out */

typedef struct {
    dx_buf *out;
    int pending; /* 0 none, 1 line break, 2 paragraph break */
    int space;   /* collapsing white space (ODF): a space is owed */
} emitter;

static void em_break(emitter *e, int level)
{
    if (level > e->pending) e->pending = level;
    e->space = 0;
}

static void em_put(emitter *e, const char *s, size_t n)
{
    if (!n) return;
    if (e->pending && e->out->len) {
        while (e->out->len && (e->out->data[e->out->len - 1] == ' ' || e->out->data[e->out->len - 1] == '\t'))
            e->out->data[--e->out->len] = '\0';
        dx_buf_puts(e->out, e->pending == 2 ? "\n\n" : "\n");
    }
    e->pending = 0;
    if (e->space && e->out->len && e->out->data[e->out->len - 1] != '\n') dx_buf_putc(e->out, ' ');
    e->space = 0;
    dx_buf_put(e->out, s, n);
}

/* Text whose white space runs are one space (ODF, XHTML). */
static void em_collapse(emitter *e, const char *s, size_t n)
{
    size_t i = 0;
    while (i < n) {
        size_t j = i;
        while (j < n && !strchr(" \t\r\n", s[j])) j++;
        if (j > i) em_put(e, s + i, j - i);
        if (j < n) e->space = 1;
        i = j + (j < n);
    }
}

static void em_finish(emitter *e)
{
    if (e->out->len && e->out->data[e->out->len - 1] != '\n') dx_buf_putc(e->out, '\n');
}

/* ---------------------------------------------------------------- a tree walk */

/* What to do at an element: descend into it, or skip its subtree. */
typedef struct walk_ctx walk_ctx;
struct walk_ctx {
    emitter em;
    int (*enter)(walk_ctx *w, xmlNode *n); /* 1: descend */
    void (*leave)(walk_ctx *w, xmlNode *n);
    int collapse;
    void (*text)(walk_ctx *w, xmlNode *n); /* text nodes, or NULL */
    int in_para;
    /* DOCX: notes by id, and those cited in the paragraph being read */
    xmlNode **notes;
    size_t n_notes;
    DX_VEC(xmlNode *) cited;
    int depth; /* notes read inside notes: none */
};

static void walk(walk_ctx *w, xmlNode *root)
{
    xmlNode *n = root->children;
    while (n) {
        int descend = 0;
        if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
            if (w->text && n->content) w->text(w, n);
        } else if (n->type == XML_ELEMENT_NODE) {
            descend = w->enter(w, n) && n->children;
        }
        if (descend) {
            n = n->children;
            continue;
        }
        if (n->type == XML_ELEMENT_NODE) w->leave(w, n);
        while (n != root && !n->next) {
            n = n->parent;
            if (n == root) break;
            if (n->type == XML_ELEMENT_NODE) w->leave(w, n);
        }
        if (n == root) break;
        n = n->next;
    }
}

static void text_of(walk_ctx *w, xmlNode *el)
{
    for (xmlNode *c = el->children; c; c = c->next)
        if ((c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) && c->content) {
            size_t len = strlen((const char *)c->content);
            if (w->collapse) em_collapse(&w->em, (const char *)c->content, len);
            else em_put(&w->em, (const char *)c->content, len);
        }
}

/* ---------------------------------------------------------------- DOCX */

static void docx_note_body(walk_ctx *w, xmlNode *note);

static int docx_enter(walk_ctx *w, xmlNode *n)
{
    if (!n->ns || !n->ns->href || strcmp((const char *)n->ns->href, W_NS) != 0) {
        /* of markup-compatibility choices, the first is read, not the fallback */
        return strcmp((const char *)n->name, "Fallback") != 0;
    }
    const char *name = (const char *)n->name;
    if (strcmp(name, "t") == 0) {
        text_of(w, n);
        return 0;
    }
    if (strcmp(name, "tab") == 0 && n->parent && is(n->parent, W_NS, "r")) {
        em_put(&w->em, " ", 1);
        return 0;
    }
    if (strcmp(name, "noBreakHyphen") == 0) {
        em_put(&w->em, "-", 1);
        return 0;
    }
    if (strcmp(name, "br") == 0 || strcmp(name, "cr") == 0) {
        xmlChar *type = attr(n, W_NS, "type");
        em_break(&w->em, type && strcmp((const char *)type, "page") == 0 ? 2 : 1);
        xmlFree(type);
        return 0;
    }
    if (strcmp(name, "footnoteReference") == 0 || strcmp(name, "endnoteReference") == 0) {
        xmlChar *id = attr(n, W_NS, "id");
        long k = id ? strtol((const char *)id, NULL, 10) : -1;
        xmlFree(id);
        if (k >= 0 && (size_t)k < w->n_notes && w->notes[k] && !w->depth) DX_PUSH(w->cited, w->notes[k]);
        return 0;
    }
    if (strcmp(name, "p") == 0) em_break(&w->em, 2);
    /* deleted text, field codes, properties: not the document's text */
    return strcmp(name, "del") != 0 && strcmp(name, "delText") != 0 && strcmp(name, "instrText") != 0 &&
           strcmp(name, "rPr") != 0 && strcmp(name, "pPr") != 0 && strcmp(name, "sectPr") != 0 &&
           strcmp(name, "moveFrom") != 0;
}

static void docx_leave(walk_ctx *w, xmlNode *n)
{
    if (!is(n, W_NS, "p")) return;
    em_break(&w->em, 2);
    if (w->depth || !w->cited.len) return;
    /* the notes this paragraph cites, each its own paragraph(s) */
    size_t k = w->cited.len;
    xmlNode **list = xmalloc(k * sizeof(xmlNode *));
    memcpy(list, w->cited.items, k * sizeof(xmlNode *));
    w->cited.len = 0;
    w->depth++;
    for (size_t i = 0; i < k; i++) docx_note_body(w, list[i]);
    w->depth--;
    free(list);
}

static void docx_note_body(walk_ctx *w, xmlNode *note)
{
    em_break(&w->em, 2);
    walk(w, note);
    em_break(&w->em, 2);
}

/* Notes by their w:id (separators left out): an array indexed by id. */
static void docx_index_notes(xmlDoc *doc, const char *tag, xmlNode ***notes, size_t *n)
{
    xmlNode *root = doc ? xmlDocGetRootElement(doc) : NULL;
    if (!root) return;
    for (xmlNode *c = root->children; c; c = c->next) {
        if (!is(c, W_NS, tag)) continue;
        xmlChar *type = attr(c, W_NS, "type");
        xmlChar *id = attr(c, W_NS, "id");
        long k = id ? strtol((const char *)id, NULL, 10) : -1;
        int normal = !type || strcmp((const char *)type, "normal") == 0;
        xmlFree(type);
        xmlFree(id);
        if (!normal || k < 0 || k > 1000000) continue;
        if ((size_t)k >= *n) {
            size_t nn = (size_t)k + 1;
            *notes = xrealloc(*notes, nn * sizeof(xmlNode *));
            memset(*notes + *n, 0, (nn - *n) * sizeof(xmlNode *));
            *n = nn;
        }
        (*notes)[k] = c;
    }
}

/* ---------------------------------------------------------------- ODT */

static int odt_enter(walk_ctx *w, xmlNode *n)
{
    if (is(n, TEXT_NS, "p") || is(n, TEXT_NS, "h")) {
        em_break(&w->em, 2);
        w->in_para++;
        return 1;
    }
    if (is(n, TEXT_NS, "s")) {
        xmlChar *c = attr(n, TEXT_NS, "c");
        long k = c ? strtol((const char *)c, NULL, 10) : 1;
        xmlFree(c);
        if (k < 1) k = 1;
        if (k > 64) k = 64;
        w->em.space = 0;
        for (long i = 0; i < k; i++) em_put(&w->em, " ", 1);
        return 0;
    }
    if (is(n, TEXT_NS, "tab")) {
        em_put(&w->em, " ", 1);
        return 0;
    }
    if (is(n, TEXT_NS, "line-break")) {
        em_break(&w->em, 1);
        return 0;
    }
    if (is(n, TEXT_NS, "note")) {
        /* the body, after the paragraph that cites it */
        for (xmlNode *c = n->children; c; c = c->next)
            if (is(c, TEXT_NS, "note-body") && !w->depth) DX_PUSH(w->cited, c);
        return 0;
    }
    if (is(n, OFFICE_NS, "annotation") || is(n, TEXT_NS, "tracked-changes") || is(n, TEXT_NS, "note-citation") ||
        is(n, OFFICE_NS, "annotation-end"))
        return 0;
    return 1;
}

/* Text inside a paragraph (white space between elements elsewhere is layout). */
static void odt_text(walk_ctx *w, xmlNode *n)
{
    if (w->in_para) em_collapse(&w->em, (const char *)n->content, strlen((const char *)n->content));
}

static void odt_leave(walk_ctx *w, xmlNode *n)
{
    if (!is(n, TEXT_NS, "p") && !is(n, TEXT_NS, "h")) return;
    if (w->in_para) w->in_para--;
    em_break(&w->em, 2);
    if (w->depth || !w->cited.len) return;
    size_t k = w->cited.len;
    xmlNode **list = xmalloc(k * sizeof(xmlNode *));
    memcpy(list, w->cited.items, k * sizeof(xmlNode *));
    w->cited.len = 0;
    w->depth++;
    for (size_t i = 0; i < k; i++) {
        em_break(&w->em, 2);
        walk(w, list[i]);
        em_break(&w->em, 2);
    }
    w->depth--;
    free(list);
}

static xmlNode *find(xmlNode *root, const char *ns, const char *name)
{
    xmlNode *n = root;
    while (n) {
        if (is(n, ns, name)) return n;
        if (n->children && n->type == XML_ELEMENT_NODE) {
            n = n->children;
            continue;
        }
        while (n && n != root && !n->next) n = n->parent;
        if (!n || n == root) return NULL;
        n = n->next;
    }
    return NULL;
}

/* ---------------------------------------------------------------- readers */

static int read_docx(package *pk, dx_doc *doc)
{
    dx_buf b, text;
    dx_buf_init(&b);
    dx_buf_init(&text);
    int st = member(pk, "word/document.xml", &b);
    if (st) {
        if (st == 1) dx_error_set(pk->err, DOSSIER_EIO, pk->path, 0, "not a DOCX file (no word/document.xml)");
        dx_buf_fini(&b);
        return DOSSIER_EIO;
    }
    xmlDoc *body = parse_xml(b.data, b.len, "word/document.xml");
    xmlDoc *notes[2] = {NULL, NULL};
    static const char *const note_files[2] = {"word/footnotes.xml", "word/endnotes.xml"};
    walk_ctx w;
    memset(&w, 0, sizeof(w));
    w.em.out = &text;
    w.enter = docx_enter;
    w.leave = docx_leave;
    for (int i = 0; i < 2; i++) {
        if (member(pk, note_files[i], &b) != 0) continue;
        notes[i] = parse_xml(b.data, b.len, note_files[i]);
    }
    /* footnote and endnote ids are separate spaces: footnotes win a clash */
    docx_index_notes(notes[1], "endnote", &w.notes, &w.n_notes);
    xmlNode **foot = NULL;
    size_t n_foot = 0;
    docx_index_notes(notes[0], "footnote", &foot, &n_foot);
    if (n_foot > w.n_notes) {
        w.notes = xrealloc(w.notes, n_foot * sizeof(xmlNode *));
        memset(w.notes + w.n_notes, 0, (n_foot - w.n_notes) * sizeof(xmlNode *));
        w.n_notes = n_foot;
    }
    for (size_t i = 0; i < n_foot; i++)
        if (foot[i]) w.notes[i] = foot[i];
    free(foot);
    xmlNode *root = body ? xmlDocGetRootElement(body) : NULL;
    xmlNode *bd = root ? find(root, W_NS, "body") : NULL;
    if (bd) walk(&w, bd);
    em_finish(&w.em);
    free(w.notes);
    DX_FREE(w.cited);
    for (int i = 0; i < 2; i++)
        if (notes[i]) xmlFreeDoc(notes[i]);
    if (body) xmlFreeDoc(body);
    st = 0;
    if (!bd) {
        dx_error_set(pk->err, DOSSIER_EIO, pk->path, 0, "malformed DOCX (word/document.xml has no body)");
        st = DOSSIER_EIO;
    }
    if (!st && member(pk, "docProps/core.xml", &b) == 0) dx_xmp_meta(b.data, b.len, &doc->meta);
    if (!st && member(pk, "docProps/app.xml", &b) == 0) {
        xmlDoc *app = parse_xml(b.data, b.len, "docProps/app.xml");
        xmlNode *r = app ? xmlDocGetRootElement(app) : NULL;
        for (xmlNode *c = r ? r->children : NULL; c; c = c->next)
            if (c->type == XML_ELEMENT_NODE && strcmp((const char *)c->name, "Pages") == 0) {
                xmlChar *v = xmlNodeGetContent(c);
                long p = v ? strtol((const char *)v, NULL, 10) : 0;
                if (p > 0 && p < INT32_MAX) doc->meta.pages = (uint32_t)p;
                xmlFree(v);
            }
        if (app) xmlFreeDoc(app);
    }
    dx_buf_fini(&b);
    if (st) {
        dx_buf_fini(&text);
        return st;
    }
    if (!text.data) dx_buf_put(&text, "", 0);
    doc->text = text.data;
    doc->len = text.len;
    return 0;
}

static void odt_meta(const dx_buf *b, dx_docmeta *m)
{
    xmlDoc *d = parse_xml(b->data, b->len, "meta.xml");
    xmlNode *root = d ? xmlDocGetRootElement(d) : NULL;
    if (root) {
        /* the author is the initial creator; dc:creator is who saved it last */
        xmlNode *n = find(root, META_NS, "initial-creator");
        if (n) {
            xmlChar *c = xmlNodeGetContent(n);
            if (c) dx_docmeta_add_author(m, (const char *)c, strlen((const char *)c));
            xmlFree(c);
        }
        n = find(root, META_NS, "creation-date");
        if (n) {
            xmlChar *c = xmlNodeGetContent(n);
            if (c) dx_docmeta_set_date(m, (const char *)c, strlen((const char *)c));
            xmlFree(c);
        }
        n = find(root, META_NS, "document-statistic");
        xmlChar *pc = n ? attr(n, META_NS, "page-count") : NULL;
        long p = pc ? strtol((const char *)pc, NULL, 10) : 0;
        if (p > 0 && p < INT32_MAX) m->pages = (uint32_t)p;
        xmlFree(pc);
    }
    if (d) xmlFreeDoc(d);
    /* dc:title, dc:date; dc:creator only when there is no initial creator */
    dx_docmeta dc;
    memset(&dc, 0, sizeof(dc));
    dx_xmp_meta(b->data, b->len, &dc);
    if (dc.title) dx_docmeta_set(&m->title, dc.title, strlen(dc.title));
    if (dc.author && !m->author) dx_docmeta_set(&m->author, dc.author, strlen(dc.author));
    if (dc.date[0] && !m->date[0]) memcpy(m->date, dc.date, sizeof(m->date));
    dx_docmeta_fini(&dc);
}

static int read_odt(package *pk, dx_doc *doc)
{
    dx_buf b, text;
    dx_buf_init(&b);
    dx_buf_init(&text);
    int st = member(pk, "content.xml", &b);
    if (st) {
        if (st == 1) dx_error_set(pk->err, DOSSIER_EIO, pk->path, 0, "not an ODT file (no content.xml)");
        dx_buf_fini(&b);
        return DOSSIER_EIO;
    }
    xmlDoc *d = parse_xml(b.data, b.len, "content.xml");
    xmlNode *root = d ? xmlDocGetRootElement(d) : NULL;
    xmlNode *body = root ? find(root, OFFICE_NS, "text") : NULL;
    walk_ctx w;
    memset(&w, 0, sizeof(w));
    w.em.out = &text;
    w.enter = odt_enter;
    w.leave = odt_leave;
    w.text = odt_text;
    w.collapse = 1;
    if (body) walk(&w, body);
    em_finish(&w.em);
    DX_FREE(w.cited);
    if (d) xmlFreeDoc(d);
    if (!body) {
        dx_error_set(pk->err, DOSSIER_EIO, pk->path, 0, "malformed ODT (content.xml has no office:text)");
        dx_buf_fini(&b);
        dx_buf_fini(&text);
        return DOSSIER_EIO;
    }
    if (member(pk, "meta.xml", &b) == 0) odt_meta(&b, &doc->meta);
    dx_buf_fini(&b);
    if (!text.data) dx_buf_put(&text, "", 0);
    doc->text = text.data;
    doc->len = text.len;
    return 0;
}

/* "OEBPS/content.opf" + "../Text/ch%201.xhtml" -> "Text/ch 1.xhtml" */
static char *resolve_href(const char *base, const char *href)
{
    dx_buf b;
    dx_buf_init(&b);
    const char *slash = strrchr(base, '/');
    if (slash) dx_buf_put(&b, base, (size_t)(slash - base) + 1);
    for (const char *p = href; *p && *p != '#'; p++) {
        if (p[0] == '%' && p[1] && p[2]) {
            char hex[3] = {p[1], p[2], 0};
            char *end;
            long v = strtol(hex, &end, 16);
            if (!*end) {
                dx_buf_putc(&b, (char)v);
                p += 2;
                continue;
            }
        }
        dx_buf_putc(&b, *p);
    }
    /* fold "dir/../" and "./" */
    char *s = b.data ? b.data : xstrdup("");
    if (!b.data) return s;
    for (;;) {
        char *up = strstr(s, "/../");
        if (up) {
            char *start = up;
            while (start > s && start[-1] != '/') start--;
            memmove(start, up + 4, strlen(up + 4) + 1);
            continue;
        }
        if (strncmp(s, "../", 3) == 0) {
            memmove(s, s + 3, strlen(s + 3) + 1);
            continue;
        }
        char *dot = strstr(s, "/./");
        if (dot) {
            memmove(dot + 1, dot + 3, strlen(dot + 3) + 1);
            continue;
        }
        if (strncmp(s, "./", 2) == 0) {
            memmove(s, s + 2, strlen(s + 2) + 1);
            continue;
        }
        break;
    }
    return s;
}

static int read_epub(package *pk, dx_doc *doc)
{
    dx_buf b, text;
    dx_buf_init(&b);
    dx_buf_init(&text);
    int st = DOSSIER_EIO;
    char *opf_path = NULL;
    xmlDoc *opf = NULL;
    if (member(pk, "META-INF/container.xml", &b) != 0) {
        if (!pk->err->code)
            dx_error_set(pk->err, DOSSIER_EIO, pk->path, 0, "not an EPUB file (no META-INF/container.xml)");
        goto done;
    }
    xmlDoc *cont = parse_xml(b.data, b.len, "META-INF/container.xml");
    for (xmlNode *n = cont ? xmlDocGetRootElement(cont) : NULL; n && !opf_path;) {
        if (n->type == XML_ELEMENT_NODE && strcmp((const char *)n->name, "rootfile") == 0) {
            xmlChar *fp = xmlGetProp(n, (const xmlChar *)"full-path");
            if (fp) opf_path = xstrdup((const char *)fp);
            xmlFree(fp);
        }
        if (n->children && n->type == XML_ELEMENT_NODE) n = n->children;
        else {
            while (n && !n->next) n = n->parent;
            if (n) n = n->next;
        }
    }
    if (cont) xmlFreeDoc(cont);
    if (!opf_path || member(pk, opf_path, &b) != 0) {
        if (!pk->err->code)
            dx_error_set(pk->err, DOSSIER_EIO, pk->path, 0, "malformed EPUB (no package document)");
        goto done;
    }
    dx_xmp_meta(b.data, b.len, &doc->meta);
    opf = parse_xml(b.data, b.len, opf_path);
    xmlNode *root = opf ? xmlDocGetRootElement(opf) : NULL;
    xmlNode *manifest = NULL, *spine = NULL;
    for (xmlNode *c = root ? root->children : NULL; c; c = c->next) {
        if (c->type != XML_ELEMENT_NODE) continue;
        if (strcmp((const char *)c->name, "manifest") == 0) manifest = c;
        if (strcmp((const char *)c->name, "spine") == 0) spine = c;
    }
    if (!manifest || !spine) {
        dx_error_set(pk->err, DOSSIER_EIO, pk->path, 0, "malformed EPUB (no manifest or spine)");
        goto done;
    }
    emitter em = {&text, 0, 0};
    size_t items = 0;
    for (xmlNode *ref = spine->children; ref; ref = ref->next) {
        if (ref->type != XML_ELEMENT_NODE || strcmp((const char *)ref->name, "itemref") != 0) continue;
        if (++items > pk->lim->members) break;
        xmlChar *idref = xmlGetProp(ref, (const xmlChar *)"idref");
        xmlChar *href = NULL;
        for (xmlNode *it = manifest->children; it && idref && !href; it = it->next) {
            if (it->type != XML_ELEMENT_NODE || strcmp((const char *)it->name, "item") != 0) continue;
            xmlChar *id = xmlGetProp(it, (const xmlChar *)"id");
            if (id && strcmp((const char *)id, (const char *)idref) == 0) href = xmlGetProp(it, (const xmlChar *)"href");
            xmlFree(id);
        }
        xmlFree(idref);
        if (!href) continue;
        char *name = resolve_href(opf_path, (const char *)href);
        xmlFree(href);
        int got = member(pk, name, &b);
        if (got < 0) {
            free(name);
            goto done;
        }
        if (got == 0) {
            dx_buf part;
            dx_buf_init(&part);
            dossier_error perr = {0};
            if (dx_markup_to_text_meta(name, b.data ? b.data : "", b.len, 1, &part, NULL, &perr) == 0) {
                /* each line a paragraph; lines of white space only (e-book
                 * makers space paragraphs with <p>&nbsp;</p>) are none */
                size_t i = 0;
                while (i < part.len) {
                    char *nl = memchr(part.data + i, '\n', part.len - i);
                    size_t e = nl ? (size_t)(nl - part.data) : part.len;
                    size_t k = i;
                    while (k < e && (part.data[k] == ' ' || part.data[k] == '\t' ||
                                     (part.data[k] == '\xC2' && k + 1 < e && part.data[k + 1] == '\xA0')))
                        k += part.data[k] == '\xC2' ? 2 : 1;
                    if (k < e) {
                        int blank_before = i >= 2 && part.data[i - 1] == '\n' && part.data[i - 2] == '\n';
                        em_break(&em, i == 0 || blank_before ? 2 : 1);
                        em_put(&em, part.data + i, e - i);
                    } else if (e > i || (i && part.data[i - 1] == '\n')) {
                        em_break(&em, 2);
                    }
                    i = e + 1;
                }
                em_break(&em, 2);
            }
            dx_buf_fini(&part);
        }
        free(name);
    }
    em_finish(&em);
    if (!text.data) dx_buf_put(&text, "", 0);
    doc->text = text.data;
    doc->len = text.len;
    text.data = NULL;
    st = 0;
done:
    if (opf) xmlFreeDoc(opf);
    free(opf_path);
    dx_buf_fini(&b);
    dx_buf_fini(&text);
    return st;
}

int dx_read_office(const char *path, dx_kind kind, const char *data, size_t n, const dx_limits *lim,
                   dx_doc *doc, dossier_error *err)
{
    static const char *const names[] = {[DX_KIND_DOCX] = "docx", [DX_KIND_ODT] = "odt", [DX_KIND_EPUB] = "epub"};
    snprintf(doc->meta.format, sizeof(doc->meta.format), "%s", names[kind]);
    doc->status = DX_DOC_SKIPPED;
    static pthread_once_t once = PTHREAD_ONCE_INIT;
    pthread_once(&once, xmlInitParser);
    package pk = {path, data, n, lim, 0, err};
    int st = kind == DX_KIND_DOCX ? read_docx(&pk, doc) : kind == DX_KIND_ODT ? read_odt(&pk, doc) : read_epub(&pk, doc);
    if (st && !err->code) dx_error_set(err, DOSSIER_EIO, path, 0, "cannot read this %s file", names[kind]);
    if (!st) {
        /* text made of the members' text: what is not UTF-8 becomes U+FFFD, NULs spaces */
        dx_buf v;
        dx_buf_init(&v);
        dx_utf8_valid(doc->text, doc->len, &v);
        for (size_t i = 0; i < v.len; i++)
            if (!v.data[i]) v.data[i] = ' ';
        if (!v.data) dx_buf_put(&v, "", 0);
        free(doc->text);
        doc->text = v.data;
        doc->len = v.len;
    }
    return st;
}

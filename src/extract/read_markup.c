/* read_markup.c - plain text of HTML (libxml2's HTML parser) and XML
 * documents: block elements become paragraph breaks, scripts and
 * navigation are dropped, TEI speeches become "SPEAKER: text" turns. */
#include <libxml/HTMLparser.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <pthread.h>
#include <string.h>
#include <strings.h>

#include "base/error.h"
#include "base/utf8.h"
#include "extract/read.h"

static int name_in(const xmlChar *name, const char *const *list)
{
    for (size_t i = 0; list[i]; i++)
        if (strcasecmp((const char *)name, list[i]) == 0) return 1;
    return 0;
}

static const char *const html_drop[] = {"script", "style", "nav", "noscript", "template",
                                        "head", "iframe", "svg", "button", "select",
                                        "form", "object", "embed", NULL};
static const char *const html_block[] = {
    "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "dl", "dt", "dd",
    "blockquote", "pre", "section", "article", "aside", "header", "footer", "main", "table",
    "tr", "td", "th", "caption", "figure", "figcaption", "hr", "address", "center", "title",
    "body", "html", "details", "summary", NULL};
static const char *const xml_drop[] = {"teiHeader", "fw", "facsimile", "standOff", "script",
                                       "style", "svg", "math", NULL};
static const char *const xml_inline[] = {
    "hi", "emph", "i", "b", "em", "strong", "name", "persName", "placeName", "orgName",
    "date", "time", "rs", "term", "foreign", "ref", "a", "span", "seg", "choice", "abbr",
    "expan", "sic", "corr", "orig", "reg", "num", "measure", "q", "said", "soCalled",
    "mentioned", "gloss", "unclear", "supplied", "add", "del", "surname", "forename",
    "roleName", "geogName", "settlement", "country", "region", "bloc", "district", "sup",
    "sub", "u", "s", "small", "big", "font", "c", "w", "pc", "g", "title", "author",
    "quote", "lb", "pb", "cb", "milestone", "anchor", "gap", "note", NULL};

/* Whether n is an SVG or MathML element. */
static int foreign(const xmlNode *n)
{
    const char *ns = n && n->type == XML_ELEMENT_NODE && n->ns && n->ns->href ? (const char *)n->ns->href : "";
    return strcmp(ns, "http://www.w3.org/2000/svg") == 0 || strcmp(ns, "http://www.w3.org/1998/Math/MathML") == 0;
}

/* An element whose text is not the document's: TEI headers, page furniture,
 * annotations; figures (SVG) and formulas (MathML) inside a document of
 * another kind, by name or by namespace. */
static int xml_dropped(const xmlNode *n)
{
    return name_in(n->name, xml_drop) || (foreign(n) && !foreign(n->parent));
}

typedef struct {
    dx_buf *out;
    int pending_break; /* 0 none, 1 newline, 2 paragraph */
    int space;         /* a space is owed before the next text */
    int glue;          /* after a TEI speaker label: no break before the speech */
} emitter;

static void emit_break(emitter *e, int level)
{
    if (e->glue) return;
    if (level > e->pending_break) e->pending_break = level;
    e->space = 0;
}

static void emit_text(emitter *e, const char *s, size_t n, int pre)
{
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        int ws = c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
        if (ws && !pre) {
            e->space = 1;
            continue;
        }
        if (e->pending_break && e->out->len) {
            dx_buf_puts(e->out, e->pending_break == 2 ? "\n\n" : "\n");
            e->space = 0;
        }
        e->pending_break = 0;
        e->glue = 0;
        if (pre && c == '\n') {
            dx_buf_putc(e->out, '\n');
            e->space = 0;
            continue;
        }
        e->glue = 0;
        if (e->space && e->out->len && e->out->data[e->out->len - 1] != '\n') dx_buf_putc(e->out, ' ');
        e->space = 0;
        dx_buf_putc(e->out, (char)c);
    }
}

/* Walk the tree without recursion (deeply nested input must not overflow
 * the stack). */
static void walk(xmlNode *root, int is_html, dx_buf *out)
{
    emitter e = {out, 0, 0, 0};
    xmlNode *n = root;
    int pre_depth = 0;
    while (n) {
        int descend = 0;
        int block = 0;
        if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
            if (n->content) emit_text(&e, (const char *)n->content, strlen((const char *)n->content), pre_depth > 0);
        } else if (n->type == XML_ELEMENT_NODE) {
            const xmlChar *name = n->name;
            int drop = n != root && (is_html ? name_in(name, html_drop) : xml_dropped(n));
            if (!drop) {
                block = is_html ? name_in(name, html_block) : !name_in(name, xml_inline);
                if (is_html && strcasecmp((const char *)name, "br") == 0) emit_break(&e, 1);
                if (!is_html && strcmp((const char *)name, "lb") == 0) emit_break(&e, 1);
                if (block) emit_break(&e, 2);
                if (!is_html && strcmp((const char *)name, "speaker") == 0) {
                    /* TEI <sp><speaker>X</speaker><p>..</p></sp> -> "X: .." */
                    xmlChar *who = xmlNodeGetContent(n);
                    if (who) {
                        emit_text(&e, (const char *)who, strlen((const char *)who), 0);
                        emit_text(&e, ": ", 2, 0);
                        xmlFree(who);
                    }
                    e.pending_break = 0;
                    e.glue = 1;
                    block = 0;
                } else {
                    descend = n->children != NULL;
                    /* counted only when entered: the climb below uncounts it
                     * (an empty <pre></pre> left the rest preformatted) */
                    if (descend && strcasecmp((const char *)name, "pre") == 0) pre_depth++;
                }
            }
        }
        if (descend) {
            n = n->children;
            continue;
        }
        if (n->type == XML_ELEMENT_NODE && block) emit_break(&e, 2);
        /* climb to the next sibling, closing elements on the way */
        while (n && n != root && !n->next) {
            n = n->parent;
            if (!n || n == root) break;
            if (n->type == XML_ELEMENT_NODE) {
                if (strcasecmp((const char *)n->name, "pre") == 0 && pre_depth) pre_depth--;
                int b = is_html ? name_in(n->name, html_block) : !name_in(n->name, xml_inline);
                if (!is_html && strcmp((const char *)n->name, "sp") == 0) b = 1;
                if (b) emit_break(&e, 2);
            }
        }
        if (!n || n == root) break;
        n = n->next;
    }
    if (out->len && out->data[out->len - 1] != '\n') dx_buf_putc(out, '\n');
}

static xmlNode *find_body(xmlNode *root, const char *name)
{
    xmlNode *n = root;
    while (n) {
        if (n->type == XML_ELEMENT_NODE && strcasecmp((const char *)n->name, name) == 0) return n;
        if (n->children) {
            n = n->children;
            continue;
        }
        while (n && !n->next) n = n->parent;
        if (n) n = n->next;
    }
    return NULL;
}

/* Named entity references become character references before the XML
 * parser sees them: libxml2 2.9 drops every named reference after the
 * first well-formedness error in recovery mode ("&amp;" vanished from a
 * broken file), and the HTML names TEI files borrow from a DTD we do not
 * load ("&mdash;") would be lost too. CDATA sections and comments are
 * copied as they are. */
static void xml_entities_to_refs(const char *s, size_t n, dx_buf *out)
{
    static const struct {
        const char *name;
        int cp;
    } predefined[] = {{"amp", '&'}, {"lt", '<'}, {"gt", '>'}, {"quot", '"'}, {"apos", '\''}};
    size_t i = 0, run = 0;
    while (i < n) {
        char c = s[i];
        if (c != '<' && c != '&') {
            i++;
            continue;
        }
        const char *close = NULL;
        size_t skip = 0;
        if (c == '<' && n - i >= 9 && memcmp(s + i, "<![CDATA[", 9) == 0) {
            close = "]]>";
            skip = 9;
        } else if (c == '<' && n - i >= 4 && memcmp(s + i, "<!--", 4) == 0) {
            close = "-->";
            skip = 4;
        }
        if (close) {
            const char *e = memmem(s + i + skip, n - i - skip, close, 3);
            i = e ? (size_t)(e - s) + 3 : n;
            continue;
        }
        if (c == '<') {
            i++;
            continue;
        }
        size_t j = i + 1;
        while (j < n && j - i <= 32 &&
               ((s[j] >= 'a' && s[j] <= 'z') || (s[j] >= 'A' && s[j] <= 'Z') || (s[j] >= '0' && s[j] <= '9')))
            j++;
        int cp = 0;
        if (j < n && s[j] == ';' && j > i + 1) {
            char name[40];
            memcpy(name, s + i + 1, j - i - 1);
            name[j - i - 1] = '\0';
            for (size_t k = 0; k < sizeof(predefined) / sizeof(predefined[0]) && !cp; k++)
                if (strcmp(name, predefined[k].name) == 0) cp = predefined[k].cp;
            const htmlEntityDesc *h = cp ? NULL : htmlEntityLookup((const xmlChar *)name);
            if (h) cp = (int)h->value;
        }
        if (!cp) {
            i++;
            continue;
        }
        dx_buf_put(out, s + run, i - run);
        dx_buf_printf(out, "&#%d;", cp);
        i = j + 1;
        run = i;
    }
    dx_buf_put(out, s + run, n - run);
}

/* HTML has no CDATA sections outside SVG and MathML, and libxml2's HTML
 * parser reads "<![CDATA[" as text and parses the markup inside it; a page
 * that uses one (XHTML served as HTML) means its content as text, so each
 * becomes that text, escaped. Comments are copied as they are. */
static void html_cdata_to_text(const char *s, size_t n, dx_buf *out)
{
    size_t i = 0, run = 0;
    while (i < n) {
        const char *lt = memchr(s + i, '<', n - i);
        if (!lt) break;
        i = (size_t)(lt - s);
        if (n - i >= 4 && memcmp(s + i, "<!--", 4) == 0) {
            const char *e = memmem(s + i + 4, n - i - 4, "-->", 3);
            i = e ? (size_t)(e - s) + 3 : n;
            continue;
        }
        if (n - i < 9 || memcmp(s + i, "<![CDATA[", 9) != 0) {
            i++;
            continue;
        }
        const char *e = memmem(s + i + 9, n - i - 9, "]]>", 3);
        size_t end = e ? (size_t)(e - s) : n;
        dx_buf_put(out, s + run, i - run);
        for (size_t k = i + 9; k < end; k++) {
            char c = s[k];
            if (c == '<') dx_buf_puts(out, "&lt;");
            else if (c == '>') dx_buf_puts(out, "&gt;");
            else if (c == '&') dx_buf_puts(out, "&amp;");
            else dx_buf_putc(out, c);
        }
        i = run = e ? end + 3 : n;
    }
    dx_buf_put(out, s + run, n - run);
}

/* libxml2 must be initialised once before threads parse (-j). */
static void markup_init(void) { xmlInitParser(); }
static pthread_once_t markup_once = PTHREAD_ONCE_INIT;

/* ---------------------------------------------------------------- metadata */

static const char DC_NS[] = "http://purl.org/dc/elements/1.1/";
static const char DCTERMS_NS[] = "http://purl.org/dc/terms/";
static const char XMP_NS[] = "http://ns.adobe.com/xap/1.0/";

static int local_is(const xmlNode *n, const char *name)
{
    return n->type == XML_ELEMENT_NODE && n->name && strcmp((const char *)n->name, name) == 0;
}

static int ns_is(const xmlNode *n, const char *href)
{
    return n->ns && n->ns->href && strcmp((const char *)n->ns->href, href) == 0;
}

/* The next node of a document-order walk of root's subtree, without recursion. */
static xmlNode *next_node(xmlNode *n, xmlNode *root)
{
    if (n->children && n->type == XML_ELEMENT_NODE) return n->children;
    while (n && n != root && !n->next) n = n->parent;
    return n && n != root ? n->next : NULL;
}

static xmlNode *first_element(xmlNode *root, const char *name)
{
    for (xmlNode *n = root; n; n = next_node(n, root))
        if (n->type == XML_ELEMENT_NODE && strcasecmp((const char *)n->name, name) == 0) return n;
    return NULL;
}

/* The element called name after prev (NULL: the first) under root, in document order. */
static xmlNode *next_element(xmlNode *root, xmlNode *prev, const char *name)
{
    for (xmlNode *n = prev ? next_node(prev, root) : root; n; n = next_node(n, root))
        if (n->type == XML_ELEMENT_NODE && strcasecmp((const char *)n->name, name) == 0) return n;
    return NULL;
}

static void set_content(char **field, xmlNode *n)
{
    xmlChar *c = xmlNodeGetContent(n);
    if (c) dx_docmeta_set(field, (const char *)c, strlen((const char *)c));
    xmlFree(c);
}

static void add_author(dx_docmeta *m, xmlNode *n)
{
    xmlChar *c = xmlNodeGetContent(n);
    if (c) dx_docmeta_add_author(m, (const char *)c, strlen((const char *)c));
    xmlFree(c);
}

/* A date element's value: its @when (TEI), else its text. */
static void set_date(dx_docmeta *m, xmlNode *n)
{
    xmlChar *w = xmlGetProp(n, (const xmlChar *)"when");
    if (!w) w = xmlGetProp(n, (const xmlChar *)"notBefore");
    if (w) dx_docmeta_set_date(m, (const char *)w, strlen((const char *)w));
    xmlFree(w);
    xmlChar *c = m->date[0] ? NULL : xmlNodeGetContent(n);
    if (c) dx_docmeta_set_date(m, (const char *)c, strlen((const char *)c));
    xmlFree(c);
}

/* An XMP array (rdf:Seq/Alt/Bag of rdf:li) or a plain value: each item. */
static void xmp_items(xmlNode *prop, void (*fn)(dx_docmeta *, xmlNode *), dx_docmeta *m)
{
    int any = 0;
    for (xmlNode *n = prop; n; n = next_node(n, prop))
        if (local_is(n, "li")) {
            fn(m, n);
            any = 1;
        }
    if (!any) fn(m, prop);
}

static void xmp_title(dx_docmeta *m, xmlNode *n) { set_content(&m->title, n); }

/* Title, authors and date of Dublin Core elements (XMP, OPF, plain XML)
 * anywhere under root; dcterms and xmp:CreateDate for the date after dc:date. */
static void dublin_core(xmlNode *root, dx_docmeta *m)
{
    xmlNode *created = NULL;
    xmlChar *created_attr = NULL;
    for (xmlNode *n = root; n; n = next_node(n, root)) {
        if (n->type != XML_ELEMENT_NODE) continue;
        if (ns_is(n, DC_NS)) {
            if (local_is(n, "title") && !m->title) xmp_items(n, xmp_title, m);
            else if (local_is(n, "creator")) xmp_items(n, add_author, m);
            else if (local_is(n, "date")) xmp_items(n, set_date, m);
        } else if ((ns_is(n, DCTERMS_NS) && (local_is(n, "created") || local_is(n, "issued") || local_is(n, "date"))) ||
                   (ns_is(n, XMP_NS) && local_is(n, "CreateDate"))) {
            if (!created) created = n;
        }
        if (!created_attr) created_attr = xmlGetNsProp(n, (const xmlChar *)"CreateDate", (const xmlChar *)XMP_NS);
    }
    if (created) xmp_items(created, set_date, m);
    if (created_attr) dx_docmeta_set_date(m, (const char *)created_attr, strlen((const char *)created_attr));
    xmlFree(created_attr);
}

/* HTML: <meta name|property content> by priority, then <title>. */
static void html_meta(xmlNode *root, dx_docmeta *m)
{
    static const char *const titles[] = {"citation_title", "dc.title", "dcterms.title", "og:title", NULL};
    static const char *const authors[] = {"citation_author", "dc.creator", "dcterms.creator", "author", NULL};
    static const char *const dates[] = {
        "article:published_time", "citation_publication_date", "citation_date", "dc.date.issued",
        "dcterms.issued", "dc.date.created", "dcterms.created", "dc.date", "dcterms.date", "date",
        "pubdate", "publishdate", "datepublished", "og:published_time", NULL};
    const char *const *lists[3] = {titles, authors, dates};
    for (int field = 0; field < 3; field++)
        for (size_t k = 0; lists[field][k]; k++) {
            int found = 0;
            for (xmlNode *n = root; n; n = next_node(n, root)) {
                if (n->type != XML_ELEMENT_NODE || strcasecmp((const char *)n->name, "meta") != 0) continue;
                xmlChar *key = xmlGetProp(n, (const xmlChar *)"name");
                if (!key) key = xmlGetProp(n, (const xmlChar *)"property");
                if (!key) key = xmlGetProp(n, (const xmlChar *)"itemprop");
                xmlChar *val = key && strcasecmp((const char *)key, lists[field][k]) == 0
                                   ? xmlGetProp(n, (const xmlChar *)"content")
                                   : NULL;
                if (val) {
                    const char *v = (const char *)val;
                    size_t vl = strlen(v);
                    if (field == 0) dx_docmeta_set(&m->title, v, vl);
                    /* an author given as a link to a profile page names nobody */
                    else if (field == 1 && strncmp(v, "http", 4) != 0) dx_docmeta_add_author(m, v, vl), found = 1;
                    else if (field == 2) dx_docmeta_set_date(m, v, vl);
                }
                xmlFree(key);
                xmlFree(val);
            }
            if (field == 1 && found) break; /* authors from one kind of tag only */
        }
    if (!m->title) {
        xmlNode *t = first_element(root, "title");
        if (t) set_content(&m->title, t);
    }
}

/* TEI: titleStmt's title and authors; the date the text was made
 * (profileDesc/creation), else its source's, else the edition's. */
static void tei_meta(xmlNode *header, dx_docmeta *m)
{
    xmlNode *stmt = first_element(header, "titleStmt");
    if (stmt) {
        xmlNode *main_title = NULL, *any = NULL;
        for (xmlNode *n = stmt; n; n = next_node(n, stmt)) {
            if (!local_is(n, "title")) continue;
            if (!any) any = n;
            xmlChar *type = xmlGetProp(n, (const xmlChar *)"type");
            if (type && strcmp((const char *)type, "main") == 0 && !main_title) main_title = n;
            xmlFree(type);
        }
        if (main_title || any) set_content(&m->title, main_title ? main_title : any);
        for (xmlNode *n = stmt; n; n = next_node(n, stmt))
            if (local_is(n, "author")) add_author(m, n);
    }
    static const char *const where[] = {"creation", "correspAction", "sourceDesc", "publicationStmt"};
    for (size_t i = 0; i < 4 && !m->date[0]; i++) {
        xmlNode *sec = i == 1 ? NULL : first_element(header, where[i]);
        /* a letter's date is the day it was sent (correspDesc), not received */
        if (i == 1)
            while ((sec = next_element(header, sec, where[i]))) {
                xmlChar *type = xmlGetProp(sec, (const xmlChar *)"type");
                int sent = type && strcmp((const char *)type, "sent") == 0;
                xmlFree(type);
                if (sent) break;
            }
        xmlNode *d = sec ? first_element(sec, "date") : NULL;
        if (d) set_date(m, d);
    }
}

static void doc_meta(xmlDoc *doc, int is_html, dx_docmeta *m)
{
    xmlNode *root = xmlDocGetRootElement(doc);
    if (!root) return;
    if (is_html) {
        html_meta(root, m);
        return;
    }
    xmlNode *header = first_element(root, "teiHeader");
    if (header || strcmp((const char *)root->name, "TEI") == 0 || strcmp((const char *)root->name, "TEI.2") == 0) {
        snprintf(m->format, sizeof(m->format), "tei");
        if (header) tei_meta(header, m);
        return;
    }
    dublin_core(root, m);
}

void dx_xmp_meta(const char *data, size_t n, dx_docmeta *meta)
{
    pthread_once(&markup_once, markup_init);
    if (n > (size_t)INT32_MAX) return;
    xmlParserCtxtPtr ctxt = xmlNewParserCtxt();
    if (!ctxt) return;
    ctxt->sax->entityDecl = NULL;
    xmlDoc *doc = xmlCtxtReadMemory(ctxt, data, (int)n, "xmp.xml", "UTF-8",
                                    XML_PARSE_RECOVER | XML_PARSE_NOERROR | XML_PARSE_NOWARNING | XML_PARSE_NONET);
    xmlFreeParserCtxt(ctxt);
    if (!doc) return;
    xmlNode *root = xmlDocGetRootElement(doc);
    if (root) dublin_core(root, meta);
    xmlFreeDoc(doc);
}

/* The first well-formedness error of an XML document, and whether libxml2
 * stopped at the end of the root element with text still after it. */
typedef struct {
    int errors;
    long line;
    char message[160];
    int content_after_root;
} xml_errors;

static void on_xml_error(void *ctx, xmlErrorPtr e)
{
    xml_errors *x = ((xmlParserCtxtPtr)ctx)->_private;
    if (!x || !e || e->level < XML_ERR_ERROR) return;
    if (e->code == XML_ERR_DOCUMENT_END) x->content_after_root = 1;
    if (x->errors++) return;
    x->line = e->line;
    snprintf(x->message, sizeof(x->message), "%s", e->message ? e->message : "");
    size_t k = strlen(x->message);
    while (k && (x->message[k - 1] == '\n' || x->message[k - 1] == ' ')) x->message[--k] = '\0';
}

/* XML_PARSE_HUGE: without it libxml2 stops at 256 levels of nesting or at a
 * 10 MB text node and silently drops the rest of the document; the parsers
 * and the walk are iterative, so depth is safe. No entity declarations: an
 * internal DTD subset could otherwise expand exponentially ("billion
 * laughs"), and XML_PARSE_HUGE lifts libxml2's guard against that.
 * Predefined entities and character references still work. */
static xmlDoc *parse_xml(const char *path, const char *src, size_t n, xml_errors *x)
{
    xmlParserCtxtPtr ctxt = xmlNewParserCtxt();
    if (!ctxt) return NULL;
    ctxt->sax->entityDecl = NULL;
    ctxt->sax->serror = on_xml_error; /* instead of libxml2's own messages */
    ctxt->_private = x;
    xmlDoc *doc = xmlCtxtReadMemory(ctxt, src, (int)n, path, "UTF-8",
                                    XML_PARSE_RECOVER | XML_PARSE_NOERROR | XML_PARSE_NOWARNING |
                                        XML_PARSE_NONET | XML_PARSE_COMPACT | XML_PARSE_HUGE);
    xmlFreeParserCtxt(ctxt);
    return doc;
}

/* Where the root element starts: after the XML declaration, processing
 * instructions, comments and the doctype (with its internal subset). */
static size_t root_start(const char *s, size_t n)
{
    size_t i = 0;
    if (n >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0) i = 3;
    for (;;) {
        while (i < n && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r')) i++;
        if (i + 1 >= n || s[i] != '<') return i;
        const char *close = NULL;
        if (s[i + 1] == '?') close = "?>";
        else if (n - i >= 4 && memcmp(s + i, "<!--", 4) == 0) close = "-->";
        else if (s[i + 1] != '!') return i;
        if (close) {
            const char *e = memmem(s + i + 2, n - i - 2, close, strlen(close));
            if (!e) return i;
            i = (size_t)(e - s) + strlen(close);
            continue;
        }
        /* <!DOCTYPE ... [ ... ]> */
        size_t j = i + 2;
        int in_subset = 0;
        while (j < n && (in_subset || s[j] != '>')) {
            if (s[j] == '[') in_subset = 1;
            else if (s[j] == ']') in_subset = 0;
            j++;
        }
        if (j >= n) return i;
        i = j + 1;
    }
}

static int is_tei_root(const xmlNode *root)
{
    const char *name = (const char *)root->name;
    return strcmp(name, "TEI") == 0 || strcmp(name, "teiCorpus") == 0 || strcmp(name, "TEI.2") == 0 ||
           (root->ns && root->ns->href && strcmp((const char *)root->ns->href, "http://www.tei-c.org/ns/1.0") == 0);
}

/* The text of an XML document. TEI is read as TEI: the whole document but
 * its headers (every <text> of it, each <TEI> of a <teiCorpus> as its own
 * part, whatever stray end tag moved text outside a <text>); an XHTML
 * document from its <body>; any other XML, all its text content. Figures
 * (SVG) and formulas (MathML) are dropped, as in HTML. A document that is
 * not well-formed is read by libxml2's recovery, and text after the root
 * element is kept too; what had to be repaired goes into warning (line
 * into *line), and so does prose saved as .xml, read as plain text. */
static int xml_to_text(const char *path, const char *data, size_t n, dx_buf *out, dx_docmeta *meta,
                       dx_buf *warning, long *line, dossier_error *err)
{
    size_t r0 = root_start(data, n);
    if (r0 < n && data[r0] != '<') {
        /* no markup where the root element should start: prose */
        dx_buf_put(out, data, n);
        if (warning) dx_buf_puts(warning, "not XML (no root element where one should start); read as plain text");
        if (line) {
            *line = 1;
            for (size_t i = 0; i < r0; i++) *line += data[i] == '\n';
        }
        return 0;
    }
    dx_buf src;
    dx_buf_init(&src);
    xml_entities_to_refs(data, n, &src);
    if (src.len > (size_t)INT32_MAX) src.len = (size_t)INT32_MAX; /* refs grew it past the limit */
    xml_errors x;
    memset(&x, 0, sizeof(x));
    xmlDoc *doc = parse_xml(path, src.data ? src.data : "", src.len, &x);
    int wrapped = 0;
    if (doc && x.content_after_root) {
        /* libxml2 stops at the end of the root element: read again inside
         * a root of our own, so that what follows the first root is kept */
        size_t at = root_start(src.data, src.len);
        dx_buf w;
        dx_buf_init(&w);
        dx_buf_put(&w, src.data, at);
        dx_buf_puts(&w, "<dossier-recovered>");
        dx_buf_put(&w, src.data + at, src.len - at);
        dx_buf_puts(&w, "</dossier-recovered>");
        xml_errors x2;
        memset(&x2, 0, sizeof(x2));
        xmlDoc *doc2 = w.len <= (size_t)INT32_MAX ? parse_xml(path, w.data, w.len, &x2) : NULL;
        if (doc2 && xmlDocGetRootElement(doc2)) {
            xmlFreeDoc(doc);
            doc = doc2;
            wrapped = 1;
        } else if (doc2) {
            xmlFreeDoc(doc2);
        }
        dx_buf_fini(&w);
    }
    dx_buf_fini(&src);
    if (!doc) {
        dx_error_set(err, DOSSIER_EIO, path, x.line, "cannot parse as XML%s%s", x.errors ? ": " : "", x.message);
        return DOSSIER_EIO;
    }
    if (meta) doc_meta(doc, 0, meta);
    xmlNode *root = xmlDocGetRootElement(doc);
    xmlNode *first = root;
    if (wrapped && root)
        for (first = root->children; first && first->type != XML_ELEMENT_NODE; first = first->next) {}
    if (first && !is_tei_root(first) && strcasecmp((const char *)first->name, "html") == 0) {
        xmlNode *body = find_body(first, "body");
        if (body && !wrapped) root = body;
    }
    if (root && root->children) walk(root, 0, out);
    xmlFreeDoc(doc);
    if (x.errors && warning) {
        dx_buf_printf(warning, "not well-formed XML (%s%s); read by recovery: text near it may be lost "
                      "or out of place ('dossier text' shows what was read)",
                      x.message, x.errors > 1 ? ", and more errors after it" : "");
        if (line) *line = x.line;
    }
    return 0;
}

int dx_markup_to_text(const char *path, const char *data, size_t n, int is_html, dx_buf *out,
                      dossier_error *err)
{
    return dx_markup_to_text_meta(path, data, n, is_html, out, NULL, err);
}

int dx_markup_to_text_meta(const char *path, const char *data, size_t n, int is_html, dx_buf *out,
                           dx_docmeta *meta, dossier_error *err)
{
    return dx_markup_to_text_repair(path, data, n, is_html, out, meta, NULL, NULL, err);
}

int dx_markup_to_text_repair(const char *path, const char *data, size_t n, int is_html, dx_buf *out,
                             dx_docmeta *meta, dx_buf *warning, long *line, dossier_error *err)
{
    pthread_once(&markup_once, markup_init);
    if (n > (size_t)INT32_MAX) {
        dx_error_set(err, DOSSIER_EIO, path, 0, "markup file too large");
        return DOSSIER_EIO;
    }
    if (!is_html) return n ? xml_to_text(path, data, n, out, meta, warning, line, err) : 0;
    dx_buf src;
    dx_buf_init(&src);
    int cdata = memmem(data, n, "<![CDATA[", 9) != NULL;
    if (cdata) html_cdata_to_text(data, n, &src);
    if (src.len > (size_t)INT32_MAX) src.len = (size_t)INT32_MAX; /* escapes grew it past the limit */
    xmlDoc *doc = htmlReadMemory(cdata ? src.data : data, cdata ? (int)src.len : (int)n, path, "UTF-8",
                                 HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
                                     HTML_PARSE_NONET | HTML_PARSE_COMPACT | XML_PARSE_HUGE);
    dx_buf_fini(&src);
    if (!doc) {
        if (n == 0) return 0;
        dx_error_set(err, DOSSIER_EIO, path, 0, "cannot parse as HTML");
        return DOSSIER_EIO;
    }
    if (meta) doc_meta(doc, 1, meta);
    xmlNode *root = xmlDocGetRootElement(doc);
    if (root) {
        xmlNode *body = find_body(root, "body");
        xmlNode *start = body ? body : root;
        if (start->children) walk(start, 1, out);
    }
    xmlFreeDoc(doc);
    return 0;
}

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
#include "model/edtf.h"

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
static const char *const xml_drop[] = {"teiHeader", "fw", "facsimile", "script", "style", NULL};
static const char *const xml_inline[] = {
    "hi", "emph", "i", "b", "em", "strong", "name", "persName", "placeName", "orgName",
    "date", "time", "rs", "term", "foreign", "ref", "a", "span", "seg", "choice", "abbr",
    "expan", "sic", "corr", "orig", "reg", "num", "measure", "q", "said", "soCalled",
    "mentioned", "gloss", "unclear", "supplied", "add", "del", "surname", "forename",
    "roleName", "geogName", "settlement", "country", "region", "bloc", "district", "sup",
    "sub", "u", "s", "small", "big", "font", "c", "w", "pc", "g", "title", "author",
    "quote", "lb", "pb", "cb", "milestone", "anchor", "gap", "note", NULL};

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
            int drop = is_html ? name_in(name, html_drop) : name_in(name, xml_drop);
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
                    if (strcasecmp((const char *)name, "pre") == 0) pre_depth++;
                    descend = n->children != NULL;
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

/* ---------------------------------------------------------------- the date in the metadata */

/* "2018-03-05", "2018-03-05T10:00:00Z", "2018/03/05", "20180305": the day
 * as "YYYY-MM-DD" into out; 0 when s does not start with one. */
static int meta_day(const char *s, char out[11])
{
    while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r') s++;
    int v[3] = {0, 0, 0}, width[3] = {4, 2, 2};
    for (int part = 0; part < 3; part++) {
        if (part && (*s == '-' || *s == '/' || *s == '.')) s++;
        for (int k = 0; k < width[part]; k++, s++) {
            if (*s < '0' || *s > '9') return 0;
            v[part] = v[part] * 10 + (*s - '0');
        }
    }
    if (*s >= '0' && *s <= '9') return 0;
    if (v[0] < 1000 || v[1] < 1 || v[1] > 12 || v[2] < 1 || v[2] > dx_month_days(v[0], v[1])) return 0;
    char *o = out;
    for (int part = 0; part < 3; part++) {
        if (part) *o++ = '-';
        for (int k = width[part] - 1, x = v[part]; k >= 0; k--, x /= 10) o[k] = (char)('0' + x % 10);
        o += width[part];
    }
    *o = '\0';
    return 1;
}

/* The <meta> names that date an HTML page, the most telling first. */
static const char *const meta_names[] = {
    "article:published_time", "citation_publication_date", "citation_date", "dc.date.issued",
    "dcterms.issued", "dc.date.created", "dcterms.created", "dc.date", "dcterms.date", "date",
    "pubdate", "publishdate", "datepublished", "og:published_time", NULL};

static void html_meta_date(xmlNode *root, char out[11])
{
    int best = -1;
    for (xmlNode *n = root; n;) {
        if (n->type == XML_ELEMENT_NODE && strcasecmp((const char *)n->name, "body") == 0) {
            /* the metadata is in the head: skip the body */
        } else {
            if (n->type == XML_ELEMENT_NODE && strcasecmp((const char *)n->name, "meta") == 0) {
                static const char *const attrs[] = {"name", "property", "itemprop", NULL};
                for (int a = 0; attrs[a]; a++) {
                    xmlChar *name = xmlGetProp(n, (const xmlChar *)attrs[a]);
                    if (!name) continue;
                    for (int k = 0; meta_names[k] && (best < 0 || k < best); k++) {
                        if (strcasecmp((const char *)name, meta_names[k]) != 0) continue;
                        xmlChar *content = xmlGetProp(n, (const xmlChar *)"content");
                        if (content && meta_day((const char *)content, out)) best = k;
                        xmlFree(content);
                        break;
                    }
                    xmlFree(name);
                }
            }
            if (n->children) {
                n = n->children;
                continue;
            }
        }
        while (n && n != root && !n->next) n = n->parent;
        if (!n || n == root) break;
        n = n->next;
    }
}

/* TEI: the first <date> of the header's publicationStmt, else of the
 * header, by its when attribute or its ISO text. */
static void tei_header_date(xmlNode *root, char out[11])
{
    xmlNode *hdr = find_body(root, "teiHeader");
    if (!hdr) return;
    xmlNode *pub = find_body(hdr, "publicationStmt");
    for (int pass = 0; pass < 2 && !out[0]; pass++) {
        xmlNode *in = pass == 0 ? pub : hdr;
        if (!in) continue;
        for (xmlNode *n = in; n;) {
            if (n->type == XML_ELEMENT_NODE && strcmp((const char *)n->name, "date") == 0) {
                xmlChar *when = xmlGetProp(n, (const xmlChar *)"when");
                xmlChar *text = when ? NULL : xmlNodeGetContent(n);
                int ok = meta_day((const char *)(when ? when : text ? text : (const xmlChar *)""), out);
                xmlFree(when);
                xmlFree(text);
                if (ok) return;
            }
            if (n->children) {
                n = n->children;
                continue;
            }
            while (n && n != in && !n->next) n = n->parent;
            if (!n || n == in) break;
            n = n->next;
        }
    }
}

/* libxml2 must be initialised once before threads parse (-j). */
static void markup_init(void) { xmlInitParser(); }

int dx_markup_to_text(const char *path, const char *data, size_t n, int is_html, dx_buf *out,
                      char meta_date[11], dossier_error *err)
{
    meta_date[0] = '\0';
    static pthread_once_t once = PTHREAD_ONCE_INIT;
    pthread_once(&once, markup_init);
    if (n > (size_t)INT32_MAX) {
        dx_error_set(err, DOSSIER_EIO, path, 0, "markup file too large");
        return DOSSIER_EIO;
    }
    /* XML_PARSE_HUGE: without it libxml2 stops at 256 levels of nesting or
     * at a 10 MB text node and silently drops the rest of the document; the
     * parsers and the walk below are iterative, so depth is safe. */
    xmlDoc *doc;
    if (is_html)
        doc = htmlReadMemory(data, (int)n, path, "UTF-8",
                             HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
                                 HTML_PARSE_NONET | HTML_PARSE_COMPACT | XML_PARSE_HUGE);
    else {
        /* No entity declarations: an internal DTD subset could otherwise
         * expand exponentially ("billion laughs"), and XML_PARSE_HUGE lifts
         * libxml2's guard against that. Predefined entities and character
         * references still work. */
        xmlParserCtxtPtr ctxt = xmlNewParserCtxt();
        if (!ctxt) {
            dx_error_set(err, DOSSIER_EIO, path, 0, "out of memory for the XML parser");
            return DOSSIER_EIO;
        }
        ctxt->sax->entityDecl = NULL;
        dx_buf src;
        dx_buf_init(&src);
        xml_entities_to_refs(data, n, &src);
        if (src.len > (size_t)INT32_MAX) src.len = (size_t)INT32_MAX; /* refs grew it past the limit */
        doc = xmlCtxtReadMemory(ctxt, src.data ? src.data : "", (int)src.len, path, "UTF-8",
                                XML_PARSE_RECOVER | XML_PARSE_NOERROR | XML_PARSE_NOWARNING |
                                    XML_PARSE_NONET | XML_PARSE_COMPACT | XML_PARSE_HUGE);
        dx_buf_fini(&src);
        xmlFreeParserCtxt(ctxt);
    }
    if (!doc) {
        if (n == 0) return 0;
        dx_error_set(err, DOSSIER_EIO, path, 0, "cannot parse as %s", is_html ? "HTML" : "XML");
        return DOSSIER_EIO;
    }
    xmlNode *root = xmlDocGetRootElement(doc);
    if (root) {
        if (is_html) html_meta_date(root, meta_date);
        else tei_header_date(root, meta_date);
        xmlNode *body = is_html ? find_body(root, "body") : find_body(root, "text");
        xmlNode *start = body ? body : root;
        if (start->children) walk(start, is_html, out);
    }
    xmlFreeDoc(doc);
    return 0;
}

/* test_gexf_escape.c - graph.gexf writes attribute values without
 * xmlTextWriter: values that libxml2's attribute rule leaves alone go as
 * they are (dx_xml_attr_as_is), the others through the rule itself
 * (xmlAttrSerializeTxtContent, in a UTF-8 document). Both must give the
 * bytes xmlTextWriterWriteAttribute gives, for every value: each byte
 * alone, inside words, and strings that need cleaning or escaping. */
#include <libxml/tree.h>
#include <libxml/xmlwriter.h>
#include <stdlib.h>
#include <string.h>

#include "export/escape.h"
#include "tap.h"

/* What xmlTextWriter (with the UTF-8 declaration, as graph.gexf had it)
 * writes for <e v="VALUE"/>: the value's bytes. Caller frees. */
static char *writer_value(const char *v)
{
    xmlBufferPtr b = xmlBufferCreate();
    xmlTextWriterPtr w = xmlNewTextWriterMemory(b, 0);
    xmlTextWriterStartDocument(w, NULL, "UTF-8", NULL);
    xmlTextWriterFlush(w);
    int from = xmlBufferLength(b);
    xmlTextWriterStartElement(w, BAD_CAST "e");
    xmlTextWriterWriteAttribute(w, BAD_CAST "v", BAD_CAST v);
    xmlTextWriterEndElement(w);
    xmlTextWriterFlush(w);
    const char *s = (const char *)xmlBufferContent(b) + from;
    /* <e v="...."/> */
    size_t n = strlen(s);
    char *out = n >= 9 ? strndup(s + 6, n - 9) : strdup("");
    xmlFreeTextWriter(w);
    xmlBufferFree(b);
    return out;
}

/* What gexf.c writes for the value. Caller frees. */
static char *gexf_value(xmlDocPtr doc, const char *v)
{
    size_t n = strlen(v);
    if (dx_xml_attr_as_is(v, n)) return strdup(v);
    char *c = dx_xml_is_clean(v, n) ? NULL : dx_xml_clean(v);
    xmlBufferPtr b = xmlBufferCreate();
    xmlAttrSerializeTxtContent(b, doc, NULL, BAD_CAST(c ? c : v));
    char *out = strdup((const char *)xmlBufferContent(b));
    xmlBufferFree(b);
    free(c);
    return out;
}

static void same(xmlDocPtr doc, const char *v, const char *what)
{
    /* xmlTextWriter took values cleaned the same way (gexf.c's attr()) */
    size_t n = strlen(v);
    char *c = dx_xml_is_clean(v, n) ? NULL : dx_xml_clean(v);
    char *want = writer_value(c ? c : v), *got = gexf_value(doc, v);
    CHECK(strcmp(want, got) == 0, "%s: writer '%s', graph.gexf '%s'", what, want, got);
    /* as is: exactly when libxml2 changes nothing */
    if (dx_xml_attr_as_is(v, n)) CHECK(!c && strcmp(want, v) == 0, "%s is written as it is", what);
    free(want);
    free(got);
    free(c);
}

int main(void)
{
    xmlDocPtr doc = xmlNewDoc(BAD_CAST "1.0");
    doc->encoding = xmlStrdup(BAD_CAST "UTF-8");
    char v[64];
    for (int c = 1; c < 256; c++) {
        /* each byte alone, and between letters, short and past eight bytes */
        snprintf(v, sizeof(v), "%c", c);
        same(doc, v, "one byte");
        snprintf(v, sizeof(v), "ab%cde", c);
        same(doc, v, "a byte in a word");
        snprintf(v, sizeof(v), "Bukharin, Nikolai%c Ivanovich", c);
        same(doc, v, "a byte in a long value");
    }
    static const char *const values[] = {
        "", "plain", "Arbetarkulturs F\xC3\xB6rlag", "\"quoted\" <b>&amp;</b>", "tab\there\nline\rcr",
        "\xE2\x80\x9C" "curly" "\xE2\x80\x9D and \xE2\x80\x99", "]]>", "\xF0\x9F\x98\x80 emoji",
        "bad \xC3 byte", "\xEF\xBF\xBE nonchar", "\x7F del", "\xED\xA0\x80 surrogate",
        "a sentence long enough to take the eight-byte path, with \"a quote\" at its end\"", NULL};
    for (size_t i = 0; values[i]; i++) same(doc, values[i], values[i]);
    xmlFreeDoc(doc);
    return tap_done();
}

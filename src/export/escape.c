/* escape.c - text made safe for XML and HTML: what XML 1.0 forbids
 * replaced, markup characters escaped by libxml2, with word-at-a-time tests
 * so that clean text (most of it) is passed through without a copy. */
#include <libxml/entities.h>
#include <libxml/xmlerror.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/mem.h"
#include "base/utf8.h"
#include "export/escape.h"

#define X(s) ((const xmlChar *)(s))

char *dx_xml_clean(const char *s)
{
    size_t n = strlen(s);
    dx_buf b;
    dx_buf_init(&b);
    size_t i = 0;
    while (i < n) {
        size_t before = i;
        uint32_t cp = dx_utf8_next(s, n, &i);
        if ((cp < 0x20 && cp != '\t' && cp != '\n' && cp != '\r') || cp == 0x7f || cp == 0xFFFE ||
            cp == 0xFFFF || (cp == 0xFFFD && i - before != 3))
            dx_utf8_put(&b, 0xFFFD);
        else
            dx_buf_put(&b, s + before, i - before);
    }
    dx_buf_put(&b, "", 0);
    return b.data;
}

char *dx_html_escape(const char *s)
{
    char *c = dx_xml_clean(s);
    xmlChar *e = xmlEncodeSpecialChars(NULL, X(c));
    free(c);
    if (!e) return xstrdup("");
    char *r = xstrdup((const char *)e);
    xmlFree(e);
    return r;
}

#define ONES 0x0101010101010101ULL
#define HIGHS 0x8080808080808080ULL
/* Nonzero when one of the 8 bytes of v is below 0x20, 0x7F or above. */
static inline uint64_t odd_bytes(uint64_t v)
{
    uint64_t low = (v - ONES * 0x20) & ~v & HIGHS;  /* < 0x20 */
    uint64_t x = v ^ (ONES * 0x7F);
    uint64_t del = (x - ONES) & ~x & HIGHS;         /* == 0x7F */
    return low | del | (v & HIGHS);                 /* >= 0x80 */
}

int dx_xml_is_clean(const char *s, size_t n)
{
    size_t i = 0;
    while (i < n) {
        if (i + 8 <= n) {
            uint64_t v;
            memcpy(&v, s + i, 8);
            if (!odd_bytes(v)) {
                i += 8;
                continue;
            }
        }
        /* dx_xml_clean's test, one code point */
        size_t before = i;
        uint32_t cp = dx_utf8_next(s, n, &i);
        if ((cp < 0x20 && cp != '\t' && cp != '\n' && cp != '\r') || cp == 0x7f || cp == 0xFFFE ||
            cp == 0xFFFF || (cp == 0xFFFD && i - before != 3))
            return 0;
    }
    return 1;
}

static inline uint64_t has_byte(uint64_t v, unsigned char c)
{
    uint64_t x = v ^ (ONES * c);
    return (x - ONES) & ~x & HIGHS;
}

/* Whether xmlEncodeSpecialChars would change s: & < > " or CR. */
static int has_special(const char *s, size_t n)
{
    size_t i = 0;
    for (; i + 8 <= n; i += 8) {
        uint64_t v;
        memcpy(&v, s + i, 8);
        if (has_byte(v, '&') | has_byte(v, '<') | has_byte(v, '>') | has_byte(v, '"') |
            has_byte(v, '\r'))
            return 1;
    }
    for (; i < n; i++)
        if (s[i] == '&' || s[i] == '<' || s[i] == '>' || s[i] == '"' || s[i] == '\r') return 1;
    return 0;
}

int dx_xml_plain(const char *s, size_t n)
{
    size_t i = 0;
    for (; i + 8 <= n; i += 8) {
        uint64_t v;
        memcpy(&v, s + i, 8);
        if (odd_bytes(v) | has_byte(v, '&') | has_byte(v, '<') | has_byte(v, '>') |
            has_byte(v, '"'))
            return 0;
    }
    for (; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c < 0x20 || c >= 0x7F || c == '&' || c == '<' || c == '>' || c == '"') return 0;
    }
    return 1;
}

int dx_xml_attr_as_is(const char *s, size_t n)
{
    size_t i = 0;
    int high = 0;
    for (; i + 8 <= n; i += 8) {
        uint64_t v;
        memcpy(&v, s + i, 8);
        /* (tab, LF, CR are below 0x20: odd bytes) */
        uint64_t odd = odd_bytes(v);
        if ((odd & ~v) | has_byte(v, '&') | has_byte(v, '<') | has_byte(v, '>') | has_byte(v, '"')) return 0;
        high |= odd != 0;
    }
    for (; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c < 0x20 || c == 0x7F || c == '&' || c == '<' || c == '>' || c == '"') return 0;
        high |= c >= 0x80;
    }
    return !high || dx_xml_is_clean(s, n);
}

void dx_html_escape_to(dx_buf *out, const char *s)
{
    size_t n = strlen(s);
    if (dx_xml_plain(s, n) || (!has_special(s, n) && dx_xml_is_clean(s, n))) {
        dx_buf_put(out, s, n);
        return;
    }
    char *e = dx_html_escape(s);
    dx_buf_puts(out, e);
    free(e);
}

static void xml_silent(void *ctx, const char *msg, ...)
{
    (void)ctx;
    (void)msg;
}
static void xml_silent_structured(void *ctx, xmlErrorPtr e)
{
    (void)ctx;
    (void)e;
}

void dx_xml_quiet(void)
{
    xmlSetGenericErrorFunc(NULL, xml_silent);
    xmlSetStructuredErrorFunc(NULL, xml_silent_structured);
}

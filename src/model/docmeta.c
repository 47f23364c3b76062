/* docmeta.c - the metadata record every reader fills: white space folded,
 * dates of every metadata dialect normalised to ISO 8601. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "base/buf.h"
#include "base/utf8.h"
#include "model/docmeta.h"

const char *dx_doc_status_name(dx_doc_status s)
{
    return s == DX_DOC_READ ? "read" : s == DX_DOC_SKIPPED ? "skipped" : "failed";
}

void dx_docmeta_fini(dx_docmeta *m)
{
    free(m->title);
    free(m->author);
    m->title = m->author = NULL;
}

/* s with runs of white space (line breaks included) as one space, trimmed,
 * bytes that are not UTF-8 as U+FFFD. Caller frees; NULL when blank. */
static char *folded(const char *s, size_t n)
{
    dx_buf clean, out;
    dx_buf_init(&clean);
    dx_buf_init(&out);
    dx_utf8_valid(s, n, &clean);
    int space = 0;
    for (size_t i = 0; i < clean.len; i++) {
        unsigned char c = (unsigned char)clean.data[i];
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') {
            space = 1;
            continue;
        }
        if (c < 0x20 || c == 0x7F) continue; /* control characters say nothing */
        if (space && out.len) dx_buf_putc(&out, ' ');
        space = 0;
        dx_buf_putc(&out, (char)c);
    }
    dx_buf_fini(&clean);
    if (!out.len) {
        dx_buf_fini(&out);
        return NULL;
    }
    return out.data;
}

void dx_docmeta_set(char **field, const char *s, size_t n)
{
    if (*field || !s) return;
    *field = folded(s, n);
}

void dx_docmeta_add_author(dx_docmeta *m, const char *s, size_t n)
{
    char *a = s ? folded(s, n) : NULL;
    if (!a) return;
    if (!m->author) {
        m->author = a;
        return;
    }
    dx_buf b;
    dx_buf_init(&b);
    dx_buf_printf(&b, "%s; %s", m->author, a);
    free(m->author);
    free(a);
    m->author = b.data;
}

static int digits(const char *s, size_t n, int k, int *v)
{
    if (n < (size_t)k) return 0;
    int x = 0;
    for (int i = 0; i < k; i++) {
        if (s[i] < '0' || s[i] > '9') return 0;
        x = x * 10 + (s[i] - '0');
    }
    *v = x;
    return 1;
}

static int month_name(const char *s, size_t n, size_t *used)
{
    static const char *const names[] = {"january", "february", "march", "april", "may", "june", "july",
                                        "august", "september", "october", "november", "december"};
    size_t w = 0;
    while (w < n && ((s[w] >= 'a' && s[w] <= 'z') || (s[w] >= 'A' && s[w] <= 'Z'))) w++;
    if (w < 3) return 0;
    for (int m = 0; m < 12; m++) {
        size_t full = strlen(names[m]);
        if ((w == full || w == 3 || (w == 4 && m == 8)) && strncasecmp(s, names[m], w) == 0) {
            *used = w;
            if (w < n && s[w] == '.') (*used)++;
            return m + 1;
        }
    }
    return 0;
}

static int days_in(int y, int m)
{
    static const int d[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0)) return 29;
    return d[m - 1];
}

int dx_docmeta_set_date(dx_docmeta *m, const char *s, size_t n)
{
    if (m->date[0] || !s) return 0;
    while (n && (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')) s++, n--;
    int y = 0, mo = 0, d = 0;
    if (n >= 2 && s[0] == 'D' && s[1] == ':') s += 2, n -= 2; /* PDF date string */
    if (digits(s, n, 4, &y)) {
        const char *p = s + 4;
        size_t r = n - 4;
        if (r >= 3 && (p[0] == '-' || p[0] == '/' || p[0] == '.') && digits(p + 1, r - 1, 2, &mo)) {
            char sep = p[0];
            p += 3;
            r -= 3;
            if (r >= 3 && p[0] == sep && digits(p + 1, r - 1, 2, &d)) p += 3, r -= 3;
        } else if (digits(p, r, 2, &mo)) { /* PDF and compact ISO: 19380313 */
            p += 2;
            r -= 2;
            if (digits(p, r, 2, &d)) p += 2, r -= 2;
        }
        /* what follows must not be more digits ("193803131" is no date),
         * but a compact day may have its time after it (PDF: HHmmSS) */
        if (r && p[0] >= '0' && p[0] <= '9' && !(mo && d && r >= 2 && p[1] >= '0' && p[1] <= '9')) return 0;
    } else {
        /* "13 March 1938", "March 13, 1938" */
        size_t i = 0, used = 0;
        int day = 0;
        if (digits(s, n, 2, &day) || digits(s, n, 1, &day)) {
            i = day >= 10 ? 2 : 1;
            while (i < n && s[i] == ' ') i++;
            mo = month_name(s + i, n - i, &used);
            if (!mo) return 0;
            i += used;
        } else {
            mo = month_name(s, n, &used);
            if (!mo) return 0;
            i = used;
            while (i < n && s[i] == ' ') i++;
            if (digits(s + i, n - i, 4, &y)) day = 0; /* "Sept. 1937" */
            else if (digits(s + i, n - i, 2, &day)) i += 2;
            else if (digits(s + i, n - i, 1, &day)) i += 1;
            if (i < n && s[i] == ',') i++;
        }
        while (i < n && s[i] == ' ') i++;
        if (!digits(s + i, n - i, 4, &y)) return 0;
        d = day;
    }
    if (y < 1 || y > 9999 || (mo && (mo < 1 || mo > 12))) return 0;
    if (d && (!mo || d > days_in(y, mo))) return 0;
    if (d) snprintf(m->date, sizeof(m->date), "%04u-%02u-%02u", (unsigned)y % 10000u, (unsigned)mo % 100u,
                    (unsigned)d % 100u);
    else if (mo) snprintf(m->date, sizeof(m->date), "%04u-%02u", (unsigned)y % 10000u, (unsigned)mo % 100u);
    else snprintf(m->date, sizeof(m->date), "%04u", (unsigned)y % 10000u);
    return 1;
}

uint32_t dx_page_of(const uint32_t *starts, size_t n, uint32_t off)
{
    if (!n) return 0;
    /* the last page whose text starts at or before off */
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (starts[mid] <= off) lo = mid + 1;
        else hi = mid;
    }
    return lo ? (uint32_t)lo : 1;
}

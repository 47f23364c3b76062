/* edtf.c - EDTF values (Library of Congress Extended Date/Time Format):
 * their calendar bounds, their words, their precision, and the proleptic
 * Gregorian calendar arithmetic under them. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model/edtf.h"

/* ---------------------------------------------------------------- calendar */

int dx_is_leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

int dx_month_days(int y, int m)
{
    static const int md[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return m == 2 && dx_is_leap(y) ? 29 : md[m - 1];
}

/* Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant). */
long dx_days_from_civil(int y, int m, int d)
{
    y -= m <= 2;
    long era = (y >= 0 ? y : y - 399) / 400;
    long yoe = y - era * 400;
    long doy = (153L * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

void dx_civil_from_days(long z, int *y, int *m, int *d)
{
    z += 719468;
    long era = (z >= 0 ? z : z - 146096) / 146097;
    long doe = z - era * 146097;
    long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    long mp = (5 * doy + 2) / 153;
    *d = (int)(doy - (153 * mp + 2) / 5 + 1);
    *m = (int)(mp < 10 ? mp + 3 : mp - 9);
    *y = (int)(yoe + era * 400 + (*m <= 2));
}

/* ---------------------------------------------------------------- bounds */

/* "YYYY-MM-DD" and its NUL into t (0 <= y <= 9999, m and d 1-99) */
static void iso_day(char t[11], int y, int m, int d)
{
    t[0] = (char)('0' + y / 1000);
    t[1] = (char)('0' + y / 100 % 10);
    t[2] = (char)('0' + y / 10 % 10);
    t[3] = (char)('0' + y % 10);
    t[4] = '-';
    t[5] = (char)('0' + m / 10);
    t[6] = (char)('0' + m % 10);
    t[7] = '-';
    t[8] = (char)('0' + d / 10);
    t[9] = (char)('0' + d % 10);
    t[10] = '\0';
}

/* One EDTF date (no '/'): its first and last day as astronomical year,
 * month, day (1 BC is year 0, written "-0000"... "-0043" is 44 BC). */
typedef struct {
    int y0, m0, d0, y1, m1, d1;
} span;

static int one_span(const char *v, span *s)
{
    int neg = 0;
    if (*v == '-') {
        neg = 1;
        v++;
    }
    size_t n = strlen(v);
    if (n < 4) return 0;
    char yb[5];
    memcpy(yb, v, 4);
    yb[4] = '\0';
    int y0, y1;
    if (yb[2] == 'X' && yb[3] == 'X') {
        if (yb[0] < '0' || yb[0] > '9' || yb[1] < '0' || yb[1] > '9') return 0;
        y0 = (yb[0] - '0') * 1000 + (yb[1] - '0') * 100;
        y1 = y0 + 99;
    } else if (yb[3] == 'X') {
        for (int i = 0; i < 3; i++)
            if (yb[i] < '0' || yb[i] > '9') return 0;
        y0 = (yb[0] - '0') * 1000 + (yb[1] - '0') * 100 + (yb[2] - '0') * 10;
        y1 = y0 + 9;
    } else {
        for (int i = 0; i < 4; i++)
            if (yb[i] < '0' || yb[i] > '9') return 0;
        y0 = y1 = atoi(yb);
    }
    if (neg) {
        /* astronomical negative years: "-004X" runs from -49 to -40 */
        int t = y0;
        y0 = -y1;
        y1 = -t;
    }
    int m0 = 1, m1 = 12, d0 = 1, d1 = 31;
    if (n >= 7 && v[4] == '-') {
        int m = (v[5] - '0') * 10 + (v[6] - '0');
        if (m >= 1 && m <= 12) {
            m0 = m1 = m;
            d1 = dx_month_days(y1, m);
            if (n >= 10 && v[7] == '-') {
                int d = (v[8] - '0') * 10 + (v[9] - '0');
                if (d >= 1 && d <= dx_month_days(y0, m)) d0 = d1 = d;
            }
        } else if (m >= 21 && m <= 24) { /* seasons, northern hemisphere */
            static const int s0[] = {3, 6, 9, 12}, s1[] = {5, 8, 11, 2};
            m0 = s0[m - 21];
            m1 = s1[m - 21];
            if (m == 24) y1 = y0 + 1;
            d1 = dx_month_days(y1, m1);
        } else {
            return 0;
        }
    }
    s->y0 = y0;
    s->m0 = m0;
    s->d0 = d0;
    s->y1 = y1;
    s->m1 = m1;
    s->d1 = d1;
    return 1;
}

/* One EDTF date (no '/'): fills ISO bounds. */
static int one_bounds(const char *v, char start[11], char end[11])
{
    span s;
    if (!one_span(v, &s)) return 0;
    /* no ISO calendar day before year 1 for the consumers */
    if (v[0] == '-' || s.y0 < 0) return 0;
    if (s.y0 > 9999 || s.y1 > 9999) return 0;
    iso_day(start, s.y0, s.m0, s.d0);
    iso_day(end, s.y1, s.m1, s.d1);
    return 1;
}

/* snprintf(buf, size, "%s", s), without a printf per event */
static void copy_cut(char *buf, size_t size, const char *s)
{
    size_t n = strnlen(s, size - 1);
    memcpy(buf, s, n);
    buf[n] = '\0';
}

int dx_edtf_days(const char *edtf, long *from, long *to)
{
    *from = *to = 0;
    if (!edtf || !*edtf) return 0;
    char buf[64];
    copy_cut(buf, sizeof(buf), edtf);
    char *bar = strchr(buf, '|');
    if (bar) *bar = '\0';
    for (char *p = buf; *p; p++)
        if (*p == '~' || *p == '?' || *p == '%') *p = '\0';
    /* a '/' after the first character divides an interval ("-0049/-0044") */
    char *slash = buf[0] ? strchr(buf + 1, '/') : NULL;
    span a, b;
    if (slash) *slash = '\0';
    if (!one_span(buf, &a)) return 0;
    if (slash) {
        if (!one_span(slash + 1, &b)) return 0;
    } else {
        b = a;
    }
    if (a.y0 > 9999 || b.y1 > 9999) return 0;
    *from = dx_days_from_civil(a.y0, a.m0, a.d0);
    *to = dx_days_from_civil(b.y1, b.m1, b.d1);
    if (*to < *from) *to = *from;
    return 1;
}

int dx_edtf_bounds(const char *edtf, char start[11], char end[11])
{
    start[0] = end[0] = '\0';
    if (!edtf || !*edtf) return 0;
    char buf[64];
    copy_cut(buf, sizeof(buf), edtf);
    /* qualifiers (~ ? %) and modifiers after '|' do not change the bounds here */
    char *bar = strchr(buf, '|');
    if (bar) *bar = '\0';
    for (char *p = buf; *p; p++)
        if (*p == '~' || *p == '?' || *p == '%') *p = '\0';
    char *slash = strchr(buf, '/');
    char s1[11], e1[11], s2[11], e2[11];
    if (slash) {
        *slash = '\0';
        if (!one_bounds(buf, s1, e1) || !one_bounds(slash + 1, s2, e2)) return 0;
        memcpy(start, s1, 11);
        memcpy(end, e2, 11);
    } else {
        if (!one_bounds(buf, s1, e1)) return 0;
        memcpy(start, s1, 11);
        memcpy(end, e1, 11);
    }
    if (start[0] == '-' || end[0] == '-') { /* BC: no ISO calendar day for Gephi */
        start[0] = end[0] = '\0';
        return 0;
    }
    return 1;
}

long dx_iso_day_number(const char *s)
{
    static const char shape[] = "dddd-dd-dd";
    long v = 0;
    for (int i = 0; i < 10; i++) {
        if (shape[i] == '-') {
            if (s[i] != '-') return -1;
        } else {
            if (s[i] < '0' || s[i] > '9') return -1;
            v = v * 10 + (s[i] - '0');
        }
    }
    return s[10] == '\0' ? v : -1;
}

/* ---------------------------------------------------------------- words */

static const char *const month_names[] = {"January", "February", "March",     "April",
                                          "May",     "June",     "July",      "August",
                                          "September", "October", "November", "December"};

static const char *const season_names[] = {"spring", "summer", "autumn", "winter"};

/* One EDTF date in words: "1938-03-13" -> "13 March 1938", "1938-03" ->
 * "March 1938", "1938-21" -> "spring 1938", "1938~" -> "c. 1938". */
static void words_one(const char *v, size_t n, dx_buf *out)
{
    char t[32];
    if (n >= sizeof(t)) n = sizeof(t) - 1;
    memcpy(t, v, n);
    t[n] = '\0';
    int approx = 0, uncertain = 0;
    while (n && (t[n - 1] == '~' || t[n - 1] == '?' || t[n - 1] == '%')) {
        approx |= t[n - 1] != '?';
        uncertain |= t[n - 1] != '~';
        t[--n] = '\0';
    }
    int y, m, d;
    if (approx) dx_buf_puts(out, "c. ");
    /* "-0043" is astronomical: 44 BC */
    int bc = t[0] == '-' && n >= 5 && strspn(t + 1, "0123456789") == 4;
    const char *u = t + bc, *era = bc ? " BC" : "";
    size_t un = n - (size_t)bc;
    if (un == 10 && sscanf(u, "%4d-%2d-%2d", &y, &m, &d) == 3 && m >= 1 && m <= 12)
        dx_buf_printf(out, "%d %s %d%s", d, month_names[m - 1], y + bc, era);
    else if (un == 7 && sscanf(u, "%4d-%2d", &y, &m) == 2 && m >= 1 && m <= 12)
        dx_buf_printf(out, "%s %d%s", month_names[m - 1], y + bc, era);
    else if (un == 7 && sscanf(u, "%4d-%2d", &y, &m) == 2 && m >= 21 && m <= 24)
        dx_buf_printf(out, "%s %d%s", season_names[m - 21], y + bc, era);
    else if (un == 4 && bc && sscanf(u, "%4d", &y) == 1)
        dx_buf_printf(out, "%d BC", y + 1);
    else if (n == 4 && t[3] == 'X' && t[2] != 'X')
        dx_buf_printf(out, "%.3s0s", t);
    else
        dx_buf_puts(out, t);
    if (uncertain) dx_buf_putc(out, '?');
}

void dx_edtf_words(const char *edtf, dx_date_mod mod, dx_buf *out)
{
    const char *m = dx_date_mod_name(mod);
    if (*m) dx_buf_printf(out, "%s ", m);
    const char *slash = strchr(edtf, '/');
    if (!slash) {
        words_one(edtf, strlen(edtf), out);
        return;
    }
    words_one(edtf, (size_t)(slash - edtf), out);
    dx_buf_puts(out, " \xE2\x80\x93 ");
    words_one(slash + 1, strlen(slash + 1), out);
}

int dx_edtf_precision(const char *v, size_t n)
{
    while (n && (v[n - 1] == '~' || v[n - 1] == '?' || v[n - 1] == '%')) n--;
    if (n == 10) return 3;
    if (n == 7) return 2; /* a month, or a season: its months */
    return 1;
}

void dx_gephi_interval(dx_buf *b, const char *s, const char *e)
{
    dx_buf_clear(b);
    if (s[0]) dx_buf_printf(b, "<[%s,%s]>", s, e);
}

/* buf.c - the growable byte buffer. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "base/mem.h"

void dx_buf_init(dx_buf *b)
{
    b->data = NULL;
    b->len = b->cap = 0;
}

void dx_buf_fini(dx_buf *b)
{
    free(b->data);
    dx_buf_init(b);
}

static void buf_reserve(dx_buf *b, size_t extra)
{
    if (b->len + extra + 1 > b->cap) {
        size_t nc = b->cap ? b->cap * 2 : 64;
        while (nc < b->len + extra + 1) nc *= 2;
        b->data = xrealloc(b->data, nc);
        b->cap = nc;
    }
}

void dx_buf_put(dx_buf *b, const char *s, size_t n)
{
    buf_reserve(b, n);
    if (n) memcpy(b->data + b->len, s, n);
    b->len += n;
    b->data[b->len] = '\0';
}

void dx_buf_puts(dx_buf *b, const char *s) { dx_buf_put(b, s, strlen(s)); }

void dx_buf_put_int(dx_buf *b, long long v)
{
    char t[24], *p = dx_fmt_int(t + sizeof(t), v);
    dx_buf_put(b, p, (size_t)(t + sizeof(t) - p));
}

void dx_buf_putc(dx_buf *b, char c)
{
    buf_reserve(b, 1);
    b->data[b->len++] = c;
    b->data[b->len] = '\0';
}

void dx_buf_printf(dx_buf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    va_list ap2;
    va_copy(ap2, ap);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n > 0) {
        buf_reserve(b, (size_t)n);
        vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap2);
        b->len += (size_t)n;
    }
    va_end(ap2);
}

void dx_buf_clear(dx_buf *b)
{
    b->len = 0;
    if (b->data) b->data[0] = '\0';
}

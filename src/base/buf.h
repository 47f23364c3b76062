/* buf.h - a growable byte buffer, always NUL-terminated. */
#ifndef DOSSIER_BASE_BUF_H
#define DOSSIER_BASE_BUF_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

typedef struct {
    char *data; /* owned; NULL until the first put */
    size_t len, cap;
} dx_buf;
void dx_buf_init(dx_buf *b);
void dx_buf_fini(dx_buf *b);
/* Room for n more bytes and the NUL (the slow path of the puts below). */
void dx_buf_grow(dx_buf *b, size_t n);
/* The puts are inline: the hot paths (the partial rows, the folds) put a
 * few bytes at a time, and a call per put cost more than the copy. */
static inline void dx_buf_put(dx_buf *b, const char *s, size_t n)
{
    if (b->len + n + 1 > b->cap) dx_buf_grow(b, n);
    if (n) memcpy(b->data + b->len, s, n);
    b->len += n;
    b->data[b->len] = '\0';
}
static inline void dx_buf_puts(dx_buf *b, const char *s) { dx_buf_put(b, s, strlen(s)); }
static inline void dx_buf_putc(dx_buf *b, char c)
{
    if (b->len + 2 > b->cap) dx_buf_grow(b, 1);
    b->data[b->len++] = c;
    b->data[b->len] = '\0';
}
/* "00" to "99": two digits a division (buf.c). */
extern const char dx_digit_pairs[201];
/* v in decimal, ending just before end (no NUL; 20 bytes are enough);
 * returns where it starts. Hot paths format numbers with this, not printf:
 * two digits at a time, in 32-bit arithmetic when the number fits (offsets,
 * counts: all but a few), where a division a digit was most of the cost. */
static inline char *dx_fmt_int(char *end, long long v)
{
    char *p = end;
    unsigned long long u = v < 0 ? 0ULL - (unsigned long long)v : (unsigned long long)v;
    for (; u > 0xFFFFFFFFu; u /= 100) {
        p -= 2;
        memcpy(p, dx_digit_pairs + 2 * (u % 100), 2);
    }
    uint32_t s = (uint32_t)u;
    for (; s >= 100; s /= 100) {
        p -= 2;
        memcpy(p, dx_digit_pairs + 2 * (s % 100), 2);
    }
    if (s >= 10) {
        p -= 2;
        memcpy(p, dx_digit_pairs + 2 * s, 2);
    } else {
        *--p = (char)('0' + s);
    }
    if (v < 0) *--p = '-';
    return p;
}
static inline void dx_buf_put_int(dx_buf *b, long long v)
{
    char t[24], *p = dx_fmt_int(t + sizeof(t), v);
    dx_buf_put(b, p, (size_t)(t + sizeof(t) - p));
}
void dx_buf_printf(dx_buf *b, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;
void dx_buf_clear(dx_buf *b);

#endif

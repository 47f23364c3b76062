/* mem.c - allocation that aborts on out of memory, and the bump arena. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/mem.h"

static void oom(void)
{
    fputs("dossier: out of memory\n", stderr);
    abort();
}

void *xmalloc(size_t n)
{
    void *p = malloc(n ? n : 1);
    if (!p) oom();
    return p;
}

void *xcalloc(size_t n, size_t size)
{
    void *p = calloc(n ? n : 1, size ? size : 1);
    if (!p) oom();
    return p;
}

void *xrealloc(void *p, size_t n)
{
    p = realloc(p, n ? n : 1);
    if (!p) oom();
    return p;
}

char *xstrndup(const char *s, size_t n)
{
    char *d = xmalloc(n + 1);
    memcpy(d, s, n);
    d[n] = '\0';
    return d;
}

char *xstrdup(const char *s) { return xstrndup(s, strlen(s)); }

/* ---------------------------------------------------------------- arena */

struct dx_arena_block {
    dx_arena_block *next;
    size_t used, size;
    max_align_t data[];
};

void dx_arena_init(dx_arena *a) { a->head = NULL; }

void dx_arena_fini(dx_arena *a)
{
    dx_arena_block *b = a->head;
    while (b) {
        dx_arena_block *n = b->next;
        free(b);
        b = n;
    }
    a->head = NULL;
}

/* n bytes of the arena, not cleared */
static void *arena_raw(dx_arena *a, size_t n)
{
    n = (n + 7) & ~(size_t)7;
    dx_arena_block *b = a->head;
    if (!b || b->size - b->used < n) {
        size_t size = n > 65536 ? n : 65536;
        b = xmalloc(sizeof(*b) + size);
        b->size = size;
        b->used = 0;
        b->next = a->head;
        a->head = b;
    }
    char *p = (char *)b->data + b->used;
    b->used += n;
    return p;
}

void *dx_arena_raw(dx_arena *a, size_t n) { return arena_raw(a, n); }

void *dx_arena_alloc(dx_arena *a, size_t n)
{
    void *p = arena_raw(a, n);
    memset(p, 0, n);
    return p;
}

char *dx_arena_strndup(dx_arena *a, const char *s, size_t n)
{
    char *d = arena_raw(a, n + 1); /* every byte written below */
    memcpy(d, s, n);
    d[n] = '\0';
    return d;
}

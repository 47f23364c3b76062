/* mem.h - allocation that aborts on out of memory (as cmark does), and a
 * bump arena that keeps per-document work free of per-token malloc. */
#ifndef DOSSIER_BASE_MEM_H
#define DOSSIER_BASE_MEM_H

#include <stddef.h>

/* Out of memory aborts with a message. Caller frees what they return. */
void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);

/* Everything allocated from an arena is freed at once by dx_arena_fini. */
typedef struct dx_arena_block dx_arena_block;
typedef struct {
    dx_arena_block *head;
} dx_arena;
void dx_arena_init(dx_arena *a);
void dx_arena_fini(dx_arena *a);
void *dx_arena_alloc(dx_arena *a, size_t n); /* zeroed, 8-aligned; owned by the arena */
char *dx_arena_strndup(dx_arena *a, const char *s, size_t n);
void *dx_arena_raw(dx_arena *a, size_t n);   /* not cleared, 8-aligned; owned by the arena */

#endif

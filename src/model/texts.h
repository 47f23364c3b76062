/* texts.h - the long texts of the merged graph (the sentences of accounts
 * and relations) kept out of memory: appended, a chunk of about 1 MB at a
 * time, to an unnamed scratch file in the spill's directory as the merge
 * makes them, and read back by (offset, length) while the outputs are
 * written. Without a scratch file (none asked for, or it cannot be made
 * or written: a full disk) a chunk stays in memory, read the same way.
 *
 * Threads: one thread adds (the merge); once the graph is sealed, any
 * number of writer threads read (pread: no shared file position). */
#ifndef DOSSIER_MODEL_TEXTS_H
#define DOSSIER_MODEL_TEXTS_H

#include <stdatomic.h>
#include <stddef.h>
#include <stdint.h>

#include "base/buf.h"
#include "base/vec.h"

typedef struct {
    uint64_t start; /* offset of its first byte: in the file too when on disk */
    size_t len;
    char *mem;      /* its bytes when kept in memory, else NULL */
} dx_text_chunk;

typedef struct {
    int fd;                   /* the scratch file, or -1 */
    char *dir;                /* where it is, for messages */
    DX_VEC(dx_text_chunk) chunks;
    char *buf;                /* the chunk being filled: starts at end - buf_len */
    size_t buf_len, buf_cap;
    uint64_t end;             /* bytes added so far (each text and its NUL) */
    int write_errno;          /* why a chunk could not be written (kept in memory), or 0 */
    size_t kept;              /* bytes kept in memory because of it */
    atomic_int read_errno;    /* why a text could not be read back, or 0 */
} dx_texts;

/* Texts in memory until dx_texts_spill; dx_texts_fini frees. */
void dx_texts_init(dx_texts *t);
void dx_texts_fini(dx_texts *t);
/* From now on, full chunks go to an unnamed scratch file in dir (NULL or
 * "": $TMPDIR, else /tmp). -1 with errno when it cannot be made: the texts
 * stay in memory. */
int dx_texts_spill(dx_texts *t, const char *dir);
/* Adds s[0..n) and returns its offset. */
uint64_t dx_texts_add(dx_texts *t, const char *s, size_t n);
/* The text of n bytes at off, NUL-terminated: in memory, or read into
 * scratch (valid until scratch is used again). A read that fails gives ""
 * and sets t->read_errno (the caller's output is then not committed). */
const char *dx_texts_get(const dx_texts *t, uint64_t off, uint32_t n, dx_buf *scratch);

/* A reader's window on the scratch file, for a writer that reads many
 * texts: those read in about the order they were added (timeline.csv's
 * undated accounts, in document order) come from one read of many, not a
 * system call each. A writer's own (threads never share one); zeroed to
 * start, dx_texts_window_fini to free. */
typedef struct {
    dx_buf buf;
    uint64_t start; /* buf holds the file's bytes [start, start + len) */
    size_t len;
    uint64_t used;  /* the end of the texts it has given */
    size_t span;    /* how much the last read ahead took */
} dx_texts_window;
/* As dx_texts_get, the text valid until w is used again. */
const char *dx_texts_read(const dx_texts *t, uint64_t off, uint32_t n, dx_texts_window *w);
void dx_texts_window_fini(dx_texts_window *w);

/* Texts read many at once, for a writer that needs them in an order of its
 * own (timeline.csv's dated accounts, in date order): the texts of a batch
 * are read in the order of the file, those close to one another in one
 * pread. A writer's own; zeroed to start, dx_texts_batch_fini to free. */
typedef struct {
    dx_buf buf;
    void *reqs;     /* the batch's reads, sorted */
    size_t cap;
} dx_texts_batch;
/* out[i] = the text of n[i] bytes at off[i], i < k, NUL-terminated, valid
 * until b is used again (a read that fails gives "", as dx_texts_get). */
void dx_texts_read_batch(const dx_texts *t, const uint64_t *off, const uint32_t *n, size_t k, const char **out,
                         dx_texts_batch *b);
void dx_texts_batch_fini(dx_texts_batch *b);

#endif

/* corpus.c - the public corpus: made, freed, told to spill to a temporary
 * file (bounded memory for large corpora), and given results (store.c
 * keeps them; stream.c merges them as they come when their order is known).
 *
 * Threads: dossier_corpus_add may be called from several extraction
 * threads at once (store.c takes c->lock). No thread starts here. */
#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>

#include "base/error.h"
#include "base/tmpfile.h"
#include "base/stats.h"
#include "reduce/corpus.h"
#include "reduce/partial.h"

dossier_corpus *dossier_corpus_new(void)
{
    dossier_corpus *c = xcalloc(1, sizeof(dossier_corpus));
    pthread_mutex_init(&c->lock, NULL);
    return c;
}

void dossier_corpus_free(dossier_corpus *c)
{
    if (!c) return;
    for (size_t i = 0; i < c->entries.len; i++) {
        free(c->entries.items[i].path);
        dossier_docresult_free(c->entries.items[i].mem);
    }
    DX_FREE(c->entries);
    for (size_t i = 0; i < c->files.len; i++) {
        if (c->files.items[i]) fclose(c->files.items[i]);
        free(c->file_names.items[i]);
    }
    DX_FREE(c->files);
    DX_FREE(c->file_names);
    dx_map_free(c->seen_docs);
    free(c->spill_dir);
    dx_stream_free(c->stream);
    pthread_mutex_destroy(&c->lock);
    free(c);
}

int dossier_corpus_spill(dossier_corpus *c, dossier_error *err) { return dossier_corpus_spill_in(c, NULL, err); }

int dossier_corpus_spill_in(dossier_corpus *c, const char *dir, dossier_error *err)
{
    if (c->spill) return 0;
    const char *where;
    FILE *fp = dx_tmp_scratch(dir, &where);
    /* unbuffered: a write that fails (a full disk) fails at once, whole,
     * and leaves nothing behind in a buffer (store.c) */
    if (fp) setvbuf(fp, NULL, _IONBF, 0);
    dx_buf h;
    dx_buf_init(&h);
    dx_partial_header(&h);
    if (!fp || fwrite(h.data, 1, h.len, fp) != h.len) {
        dx_error_set(err, DOSSIER_EIO, where, 0, "cannot create the spill file: %s", strerror(errno));
        if (fp) fclose(fp);
        dx_buf_fini(&h);
        return DOSSIER_EIO;
    }
    free(c->spill_dir);
    c->spill_dir = xstrdup(where);
    c->spill_end = (long long)h.len;
    c->spill_lines = 1;
    dx_buf_fini(&h);
    /* the spill must be files[0] */
    DX_PUSH(c->files, NULL);
    DX_PUSH(c->file_names, NULL);
    memmove(c->files.items + 1, c->files.items, (c->files.len - 1) * sizeof(FILE *));
    memmove(c->file_names.items + 1, c->file_names.items, (c->file_names.len - 1) * sizeof(char *));
    c->files.items[0] = fp;
    dx_buf name;
    dx_buf_init(&name);
    dx_buf_printf(&name, "%s (the spill file)", where);
    c->file_names.items[0] = name.data;
    for (size_t i = 0; i < c->entries.len; i++)
        if (c->entries.items[i].file >= 0) c->entries.items[i].file++;
    c->spill = 1;
    return 0;
}

int dossier_corpus_spill_failed(const dossier_corpus *c, dossier_error *err)
{
    if (c->spill_errno) {
        dx_error_set(err, DOSSIER_EIO, c->spill_dir ? c->spill_dir : "", 0,
                     "cannot write the spill file: %s; %zu document(s) kept in memory instead",
                     strerror(c->spill_errno), c->spill_failures);
        return 1;
    }
    int texts_errno = c->texts_errno;
    size_t kept = c->texts_kept;
    dx_stream_texts(c, &texts_errno, &kept);
    if (texts_errno && kept) {
        dx_error_set(err, DOSSIER_EIO, c->spill_dir ? c->spill_dir : "", 0,
                     "cannot write the spill file of the sentences: %s; %.1f MB of them kept in memory instead",
                     strerror(texts_errno), kept / 1e6);
        return 1;
    }
    if (texts_errno) {
        dx_error_set(err, DOSSIER_EIO, c->spill_dir ? c->spill_dir : "", 0,
                     "cannot create the spill file of the sentences: %s; they are kept in memory instead",
                     strerror(texts_errno));
        return 1;
    }
    return 0;
}

void dx_corpus_texts_done(dossier_corpus *c, const dx_graph *g)
{
    if (!c->texts_errno) c->texts_errno = g->texts.write_errno;
    c->texts_kept = g->texts.kept;
}

void dossier_corpus_add(dossier_corpus *c, dossier_docresult *r)
{
    if (!dx_corpus_store(c, r, DX_PART_ALL).mem) dossier_docresult_free(r);
}

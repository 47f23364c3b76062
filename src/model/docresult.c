/* docresult.c - freeing a document's result. */
#include <stdlib.h>

#include "model/docresult.h"

const char *dossier_docresult_warning(const dossier_docresult *r) { return r ? r->warning : NULL; }

void dx_docresult_free_parts(dossier_docresult *r)
{
    for (size_t i = 0; i < r->events.len; i++) {
        dx_revent *e = &r->events.items[i];
        if (e->agents.cap) DX_FREE(e->agents);
        if (e->patients.cap) DX_FREE(e->patients);
    }
    DX_FREE(r->ments);
    DX_FREE(r->ents);
    DX_FREE(r->events);
    DX_FREE(r->coocs);
    dx_arena_fini(&r->arena);
}

void dossier_docresult_free(dossier_docresult *r)
{
    if (!r) return;
    dx_docresult_free_parts(r);
    free(r->block);
    free(r);
}

dossier_doc_status dossier_docresult_status(const dossier_docresult *r)
{
    return !r || r->status == DX_DOC_READ ? DOSSIER_DOC_READ
           : r->status == DX_DOC_SKIPPED ? DOSSIER_DOC_SKIPPED
                                         : DOSSIER_DOC_FAILED;
}

/* candidates.c - the names recognised by their shape that no gazetteer
 * knows, the likeliest names first, then the most frequent, as gazetteer
 * lines ready to curate; generic heads, titles and words the gazetteers
 * know already are left out. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/error.h"
#include "base/map.h"
#include "reduce/corpus.h"

typedef struct {
    char *id, *label, *example;
    dx_ent_type type;
    uint32_t count, docs;
    uint8_t likely;
} candidate;

/* Most likely a name first (by tenths: the shape of the name), then most
 * mentioned, then by id. */
static int cand_cmp(const void *a, const void *b)
{
    const candidate *x = a, *y = b;
    if (x->likely / 10 != y->likely / 10) return x->likely > y->likely ? -1 : 1;
    if (x->count != y->count) return x->count > y->count ? -1 : 1;
    return strcmp(x->id, y->id);
}

/* Below this, a "name" is a generic head ("the Court"), a title, or a word
 * the gazetteers know already: no candidate. */
#define CANDIDATE_MIN 10

/* A TSV cell: tabs and line breaks would break the gazetteer line. */
static void tsv_cell(FILE *fp, const char *s, int last)
{
    for (; *s; s++) fputc(*s == '\t' || *s == '\n' || *s == '\r' ? ' ' : *s, fp);
    fputc(last ? '\n' : '\t', fp);
}

int dossier_corpus_write_candidates(dossier_corpus *c, FILE *fp, dossier_error *err)
{
    dx_map *by_id = dx_map_new();
    DX_VEC(candidate) cands = {0};
    size_t nd = dx_corpus_len(c);
    int st = 0;
    for (size_t d = 0; d < nd && !st; d++) {
        dossier_docresult *r = dx_corpus_get(c, d, DX_PART_ENTS, err);
        if (!r) {
            st = err->code ? err->code : DOSSIER_EIO;
            break;
        }
        for (size_t i = 0; i < r->ents.len; i++) {
            dx_rent *e = &r->ents.items[i];
            if (e->known) continue;
            void *v = dx_map_get(by_id, e->id, strlen(e->id));
            if (v) {
                candidate *k = &cands.items[(intptr_t)v - 1];
                k->count += e->count;
                k->docs++;
                if (e->likely > k->likely) k->likely = e->likely;
            } else {
                candidate k = {xstrdup(e->id), xstrdup(e->label), xstrdup(e->example), e->type,
                               e->count, 1, e->likely};
                DX_PUSH(cands, k);
                dx_map_put(by_id, e->id, strlen(e->id), (void *)(intptr_t)cands.len);
            }
        }
        dx_corpus_put(c, d, r);
    }
    if (cands.len) qsort(cands.items, cands.len, sizeof(candidate), cand_cmp);
    if (!st) {
        fputs("# Entities found by their shape, not in the gazetteers. Check each line, then\n"
              "# paste it into entities/people.tsv, organizations.tsv or places.tsv.\n", fp);
        fputs("id\tlabel\ttype\taliases\tstart\tend\troles\tcount\tdocuments\texample\n", fp);
    }
    for (size_t i = 0; i < cands.len; i++) {
        candidate *k = &cands.items[i];
        if (!st && k->likely >= CANDIDATE_MIN) {
            const char *colon = strchr(k->id, ':');
            tsv_cell(fp, colon ? colon + 1 : k->id, 0);
            tsv_cell(fp, k->label, 0);
            tsv_cell(fp, dx_ent_type_name(k->type), 0);
            for (int f = 0; f < 4; f++) tsv_cell(fp, "", 0);
            fprintf(fp, "%u\t%u\t", k->count, k->docs);
            tsv_cell(fp, k->example, 1);
        }
        free(k->id);
        free(k->label);
        free(k->example);
    }
    DX_FREE(cands);
    dx_map_free(by_id);
    if (st) return st;
    if (fflush(fp) != 0 || ferror(fp)) {
        dx_error_set(err, DOSSIER_EIO, "", 0, "cannot write the candidates");
        return DOSSIER_EIO;
    }
    return 0;
}

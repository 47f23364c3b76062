/* docresult.h - what one document leaves behind (the map output): its
 * mentions, entities, events and co-occurrences, self-contained, for the
 * merge, the spill and the shard files. */
#ifndef DOSSIER_MODEL_DOCRESULT_H
#define DOSSIER_MODEL_DOCRESULT_H

#include <stdint.h>

#include "base/mem.h"
#include "base/vec.h"
#include "dossier.h"
#include "model/docmeta.h"
#include "model/types.h"

typedef struct {
    uint32_t start, end;
    dx_ent_type type;
    int32_t ent;          /* index into dossier_docresult.ents, -1 for DATE */
    char *text;
    char *value;          /* DATE: EDTF or "" */
    dx_date_mod mod;
    char *dct;            /* DATE: the document date it was read against, or "" */
    char *calendar;       /* DATE: the date as written in another calendar ("Julian 1905-03-10"), or "" */
    dx_link link;         /* how ent was linked (DX_LINK_NONE for DATE) */
    uint32_t text_len;    /* strlen(text) when its maker knew it (so the spill need not
                           * measure it), else 0 */
} dx_rmention;

typedef struct {
    char *id, *label;
    dx_ent_type type;
    char *aliases, *start, *end, *roles; /* from the gazetteer, or "" */
    uint32_t count;
    int known;       /* from the gazetteer (else recognised by its shape) */
    char *example;   /* unknown entities: the first sentence naming it; else "" */
    uint8_t likely;  /* unknown entities: how likely a name, 0-100 (candidates); known: 100 */
} dx_rent;

typedef struct {
    dx_ev_type type;
    dx_modality modality;
    uint32_t trig_start, trig_end, sent_start, sent_end;
    char *trigger, *sentence;
    DX_VEC(int32_t) agents;   /* indexes into dossier_docresult.ents */
    DX_VEC(int32_t) patients;
    int32_t place;            /* or -1 */
    int32_t source_ent;       /* or -1 */
    char *source;             /* free-text source when source_ent < 0, else "" */
    char *charge;
    char *date;               /* EDTF or "" */
    dx_date_mod date_mod;
    dx_date_basis date_basis;
} dx_revent;

/* Entities named together in one sentence. */
typedef struct {
    int32_t a, b; /* a < b, indexes into ents */
    uint32_t count;
    uint32_t sent_start, sent_end; /* byte offsets of its evidence: the sentence, or in a
                                    * list the stretch from one name to the other */
    char *sentence; /* the first evidence (a sentence is shared by the pairs it names) */
} dx_rcooc;

/* Bounds of what a result holds, so that outputs grow with what documents
 * say, not with how long a run of letters or a list is (extract/collect.c
 * keeps to them; reduce/partial.c refuses a shard that does not): an
 * entity's id and label, and a mention's text, at most DX_LABEL_MAX bytes;
 * evidence at most DX_EVIDENCE_MAX bytes and " ..." (DX_EVIDENCE_MAX + 4). */
#define DX_LABEL_MAX 512
#define DX_EVIDENCE_MAX 1000

/* Strings live in the result's arena (or, read back from a partial file,
 * in its block); the four arrays are malloc'd; an agents/patients array
 * with cap 0 is borrowed from the arena, else malloc'd. */
struct dossier_docresult {
    char *path;
    char *warning;
    char *dct_note;       /* the document dates its text was read against, with where each
                           * came from ("1998-08-14 (--dct); 1998-08-13 (dateline)"), or "" */
    size_t text_len;
    /* documents.csv: what the document says about itself (docmeta.h), and
     * what happened to it; a result that was not read has no content */
    dx_doc_status status;
    char *why;               /* skipped or failed: why; else "" */
    char *format, *title, *author, *date; /* "" when unknown */
    uint32_t pages;
    uint64_t bytes;
    uint32_t *page_starts;   /* paged formats: where page k+1's text starts (arena) */
    size_t n_page_starts;
    DX_VEC(dx_rmention) ments;
    DX_VEC(dx_rent) ents;
    DX_VEC(dx_revent) events;
    DX_VEC(dx_rcooc) coocs;
    dx_arena arena;
    char *block;          /* read back: the rows the strings point into */
    size_t skipped_mentions; /* read back without its mentions: how many it has */
};

/* The parts of a result a reader asks for (read back from a file, the
 * others are only counted). Entities are always there: the rest refers to
 * them. */
enum { DX_PART_ENTS = 1, DX_PART_MENTS = 2, DX_PART_EVENTS = 4, DX_PART_COOCS = 8, DX_PART_ALL = 15 };

/* Free what a result owns, but not the struct itself nor its block
 * (dossier_docresult_free, in dossier.h, frees all). */
void dx_docresult_free_parts(dossier_docresult *r);

/* A sequence of results in path order, read one at a time (from memory or
 * read back from a file), so that no reader holds a large corpus whole:
 * get returns document i with at least the parts in want (NULL with err on
 * a read error); put hands it back. */
typedef struct {
    size_t n;
    dossier_docresult *(*get)(void *ctx, size_t i, unsigned want, dossier_error *err);
    void (*put)(void *ctx, size_t i, dossier_docresult *r);
    void *ctx;
} dx_docs;

#endif

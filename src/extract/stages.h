/* stages.h - the extraction stages, one file each, in the order
 * dx_run_stages runs them: segment, names, resolve, dates, events; then the
 * document collected into its result (the map output). */
#ifndef DOSSIER_EXTRACT_STAGES_H
#define DOSSIER_EXTRACT_STAGES_H

#include <stddef.h>
#include <stdint.h>

#include "dossier.h"
#include "extract/doc.h"
#include "model/docresult.h"

/* segment.c: tokens, sentences, paragraphs, speaker turns. */
void dx_segment(dx_doc *doc, const dx_lexicon *lex);
/* recognize.c: gazetteer matches and names by their shape. */
void dx_recognize_names(dx_doc *doc, const dx_lexicon *lex);
/* resolve.c: every mention of the document linked to one entity. */
void dx_resolve_doc(dx_doc *doc, const dx_lexicon *lex);
/* dates.c: DATE mentions (dates.h says more); dct "YYYY-MM-DD" or NULL. */
void dx_recognize_dates(dx_doc *doc, const dx_lexicon *lex, const char *dct);
/* events.c: events with roles, modality, source and date (events.h). */
void dx_find_events(dx_doc *doc, const dx_lexicon *lex, const char *dct);

/* pipeline.c: the stages in order, each timed for --stats, up to and
 * including `last` (DX_RUN_EVENTS: all; tests stop earlier); the mentions
 * are sorted by start after the dates. With skip_names, the names and
 * resolve stages are left out (a date test on a bare text). */
typedef enum {
    DX_RUN_SEGMENT = 1,
    DX_RUN_NAMES,
    DX_RUN_RESOLVE,
    DX_RUN_DATES,
    DX_RUN_EVENTS
} dx_run_last;
void dx_run_stages(dx_doc *doc, const dx_lexicon *lex, const char *dct, dx_run_last last, int skip_names);

/* collect.c: the result of a processed document (copies what it needs;
 * caller frees with dossier_docresult_free). */
dossier_docresult *dx_docresult_from_doc(const dx_doc *doc);
/* format, title, author, date, pages (and bytes when known) of m into r. */
void dx_docresult_set_meta(dossier_docresult *r, const dx_docmeta *m);

/* pieces.c: a document larger than DX_PIECE_BYTES goes through the stages
 * in pieces of at most that many bytes (its working memory is the piece's,
 * some 25 bytes per byte); dx_piece_end says where the piece that starts at
 * from ends: after a blank line, else a line end, a full stop and a space,
 * a space, in its second half; else between two characters. Names, dates
 * and events are found within a piece; entities, mentions, events and
 * co-occurrences are joined into one result by dx_pieces_add (offsets
 * shifted by the piece's start, entities by id). */
#define DX_PIECE_BYTES (2u << 20)
size_t dx_piece_end(const char *text, size_t n, size_t from, size_t max);
typedef struct {
    dossier_docresult *r;
    struct dx_map *ents;  /* entity id -> index + 1 in r */
    struct dx_map *pairs; /* co-occurring pair -> index + 1 in r */
    const char *first_warning; /* the first piece's (bounds applied), in r's arena */
    size_t warned;        /* pieces with a warning */
} dx_pieces;
void dx_pieces_init(dx_pieces *p);
void dx_pieces_add(dx_pieces *p, const dossier_docresult *piece, uint32_t shift);
/* The document's result (caller frees), with the reader's warning. */
dossier_docresult *dx_pieces_finish(dx_pieces *p, const char *warning, size_t text_len);

/* segment.c: a short phrase from a data file (an alias, a trigger) split
 * into tokens the way documents are: a run of letters is one token, every
 * other character that is not a space is one token of its own. Fills
 * starts/lens (byte offsets into s) of up to max tokens; returns the token
 * count, or max + 1 when the phrase has more. */
size_t dx_phrase_tokens(const char *s, size_t n, uint32_t *starts, uint32_t *lens, size_t max);

#endif

/* dates.h - what the date stage offers the later stages (events, timeline). */
#ifndef DOSSIER_DATES_H
#define DOSSIER_DATES_H

#include <stdint.h>

#include "dossier.h"
#include "extract/doc.h"
#include "extract/lexicon.h"

/* The stage itself is declared in stages.h:
 *
 *   dx_recognize_dates(doc, lex, dct) appends one DATE mention per date
 *   expression (type DX_ENT_DATE, ent -1): span without a leading preposition,
 *   value an EDTF string ("1938-03-13", "1938-03", "1938", "193X", "18XX",
 *   "1932/1933", "1940-22" for a season, "1935-40"/"-41" for a half year,
 *   "-0217" for 218 BC, a week as its Monday/Sunday range) or "" when it
 *   cannot be resolved, and mod early/mid/late/approx. Deictic dates
 *   ("yesterday", "last Friday") are read against the document's own date:
 *   dct ("YYYY-MM-DD" or NULL), replaced from a dateline or a date line on;
 *   without one they keep an empty value. Year-less dates follow the
 *   narrative while the text narrates its own time, else the DCT by the
 *   clause's tense. Each mention's dct says which date it was read against,
 *   its calendar the Julian form of a date the text marked Old Style;
 *   doc->dct_note lists the document dates used (doc->dct_from names where
 *   dct came from). The caller sorts doc->ments afterwards.
 *
 *   dx_date_lex_load(dir, ...) below reads DIR/dates.tsv (word, class,
 *   value); see the comment at its top for the classes.
 *
 * Events take their date from the DATE mentions of their sentence, else from
 * the narrative: the two helpers below answer both questions. */

/* The narrative date at a byte offset: the last DATE mention with a
 * resolved value (non-empty) that ends at or before offset, as HeidelTime's
 * narrative mode would anchor an event there. Requires doc->ments sorted by
 * start (as it is after recognition). Returns NULL when the text has no
 * dated mention before offset. Borrowed, valid until doc->ments changes. */
const dx_mention *dx_dates_narrative_at(const dx_doc *doc, uint32_t offset);

/* The first DATE mention with a resolved value inside [start,end) (a
 * sentence's own date), or NULL. Same ownership as above. */
const dx_mention *dx_dates_first_in(const dx_doc *doc, uint32_t start, uint32_t end);

/* The date stage's data: DIR/dates.tsv into *out (caller frees with
 * dx_date_lex_free); a malformed line is DOSSIER_EDATA naming FILE:LINE.
 * dx_date_lex_mark marks the words that may start a date (DX_L_DATE) in
 * lex->tok_lex, and those its scan stops at (DX_L_DATE_GO, see
 * dx_date_todo). Called by dossier_lexicon_load. */
struct dx_date_lex;
int dx_date_lex_load(const char *dir, struct dx_date_lex **out, dossier_error *err);
void dx_date_lex_free(struct dx_date_lex *d);
void dx_date_lex_mark(dx_lexicon *lex);

/* Does the dates scan look at token k with these flags and DX_L_* bits?
 * The first token, line and paragraph starts, numbers and words that start
 * with a digit, the words that can start a date, the words that can follow
 * "the" or "that" in a date (the scan looks at the word before them: not
 * every "the" is listed, nor "a" or "this", which date only before such a
 * word: "a year ago", "this May") and the quotes and apostrophes:
 * DX_L_DATE_GO (dx_date_lex_mark).
 * Other punctuation (commas, periods: most of it) the scan passes unless
 * it starts a line. The segmenter lists
 * them (dx_doc.date_todo) in its walk over the tokens; the scan passes over
 * all others without a change. Without a branch: which tokens are is no
 * pattern a predictor learns. */
static inline int dx_date_todo(size_t k, uint32_t flags, uint32_t lex)
{
    return (k == 0) | ((flags & (DX_TK_NL | DX_TK_PARA | DX_TK_NUM | DX_TK_DIGIT)) != 0) |
           ((lex & DX_L_DATE_GO) != 0);
}

#endif

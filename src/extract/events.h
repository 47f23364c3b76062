/* events.h - the events stage: triggers and modality cues from entities/,
 * and the finder that turns a segmented, resolved document into events. */
#ifndef DOSSIER_EVENTS_H
#define DOSSIER_EVENTS_H

#include "dossier.h"
#include "extract/doc.h"

/* Loads entities/triggers.tsv and entities/cues.tsv into *out (caller frees
 * with dx_event_lex_free). A malformed line is DOSSIER_EDATA naming file:line
 * and what was expected. dx_event_lex_mark marks the first tokens of
 * triggers and cues and the pronouns (DX_L_TRIG, DX_L_CUE, DX_L_PRON) in
 * lex->tok_lex. Called by dossier_lexicon_load. */
struct dx_event_lex;
int dx_event_lex_load(const char *dir, struct dx_event_lex **out, dossier_error *err);
void dx_event_lex_free(struct dx_event_lex *e);
void dx_event_lex_mark(dx_lexicon *lex);

/* The stage (declared in stages.h): dx_find_events(doc, lex, dct)
 * fills doc->events from doc->toks/sents/turns/ments/ents. Needs the
 * mentions sorted by start (dx_mention_cmp). Each event: the trigger span,
 * its sentence, agents/patients/place as doc->ents indexes, a modality with
 * its source (source_ent, or the free-text source), the charge label, and a
 * date with its basis: a DATE mention of its clause (stated), of its sentence
 * (sentence), else the narrative date before it (context) - never one the
 * participants' lifetimes (gazetteer start/end) or the document's date dct
 * (YYYY-MM-DD or NULL) rule out. Idempotent: clears doc->events first. */

#endif

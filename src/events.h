/* events.h - the events stage: triggers and modality cues from entities/,
 * and the finder that turns a segmented, resolved document into events. */
#ifndef DOSSIER_EVENTS_H
#define DOSSIER_EVENTS_H

#include "lexicon.h"

/* Loads entities/triggers.tsv and entities/cues.tsv into *out (caller frees
 * with dx_event_lex_free). A malformed line is DOSSIER_EDATA naming file:line
 * and what was expected. Declared in lexicon.h; repeated here for readers. */
int dx_event_lex_load(const char *dir, struct dx_event_lex **out, dossier_error *err);
void dx_event_lex_free(struct dx_event_lex *e);

/* Fills doc->events from doc->toks/sents/turns/ments/ents. Needs the
 * mentions sorted by start (dx_mention_cmp). Each event: the trigger span,
 * its sentence, agents/patients/place as doc->ents indexes, a modality with
 * its source (source_ent, or the free-text source), the charge label, and a
 * date (a DATE mention of the sentence, else for events that are not the
 * content of a claim the narrative date of the preceding sentences).
 * Idempotent: clears doc->events first. */
void dx_find_events(dx_doc *doc, const dx_lexicon *lex);

/* Is this event type a speech act or procedure (trial, charge, confession,
 * denial, sentence) rather than the content of a claim? */
int dx_ev_is_procedural(dx_ev_type t);

#endif

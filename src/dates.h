/* dates.h - what the date stage offers the later stages (events, timeline). */
#ifndef DOSSIER_DATES_H
#define DOSSIER_DATES_H

#include "internal.h"

/* The narrative date at a byte offset: the last DATE mention with a
 * resolved value (non-empty) that ends at or before offset, as HeidelTime's
 * narrative mode would anchor an event there. Requires doc->ments sorted by
 * start (as it is after recognition). Returns NULL when the text has no
 * dated mention before offset. Borrowed, valid until doc->ments changes. */
const dx_mention *dx_dates_narrative_at(const dx_doc *doc, uint32_t offset);

/* The first DATE mention with a resolved value inside [start,end) (a
 * sentence's own date), or NULL. Same ownership as above. */
const dx_mention *dx_dates_first_in(const dx_doc *doc, uint32_t start, uint32_t end);

#endif

/* gaz_lower.h - which first two tokens may start an alias that a lowercase
 * start can match (lexicon_load.c sets them, recognize.c asks). */
#ifndef DOSSIER_EXTRACT_GAZ_LOWER_H
#define DOSSIER_EXTRACT_GAZ_LOWER_H

#include "extract/lexicon.h"

/* A lowercase word starts a gazetteer name only as the first word of an
 * organisation's name of several words (recognize.c's case rule: "the
 * communist party"). Of the alias starts the gazetteer pass visits, most
 * are lowercase ("the", "a" before a word some alias holds), and
 * dx_gaz_pair_may's table (32 KB, the whole first-level cache) answered
 * each from a line out of the cache. These bits, one per 2^DX_GAZ_LOWER_BITS
 * hash of the pair key of every organisation alias of two tokens or more
 * (a few thousand: 4 KB, a few percent set), say which pairs may start a
 * name that a lowercase word begins; they are kept after those of
 * dx_gaz_pair_may in lex->gaz_pairs (one allocation, freed with it). A pair
 * set here is set there too. */
#define DX_GAZ_LOWER_BITS 15
#define DX_GAZ_PAIR_WORDS (((size_t)1 << DX_GAZ_PAIR_BITS) / 64)
#define DX_GAZ_LOWER_WORDS (((size_t)1 << DX_GAZ_LOWER_BITS) / 64)
static inline size_t dx_gaz_lower_bit(uint64_t h2) { return (size_t)(h2 >> (64 - DX_GAZ_LOWER_BITS)); }
/* May a lowercase word start a name with this pair key (dx_seq_key of its
 * first two tokens)? 0: certainly not. */
static inline int dx_gaz_lower_may(const dx_lexicon *lex, uint64_t h2)
{
    size_t b = dx_gaz_lower_bit(h2);
    return (int)((lex->gaz_pairs[DX_GAZ_PAIR_WORDS + (b >> 6)] >> (b & 63)) & 1);
}

#endif

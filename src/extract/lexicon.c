/* lexicon.c - what the lexicon knows of a token: word classes and the
 * DX_L_* bits of which stages' data may start at it. */
#include <stdlib.h>
#include <string.h>

#include "extract/lexicon.h"

uint32_t dx_word_class(const dx_lexicon *lex, uint64_t lkey)
{
    const uint32_t *v;
    return dx_u64map_get(lex->words, lkey, &v) ? v[0] : 0;
}

uint32_t dx_lex_bits(const dx_lexicon *lex, uint64_t key)
{
    const uint32_t *v;
    return dx_u64map_get(lex->tok_lex, key, &v) ? v[0] : 0;
}

uint32_t dx_token_lex(const dx_lexicon *lex, uint64_t lkey, uint64_t fkey)
{
    uint32_t bits = dx_lex_bits(lex, lkey);
    /* the gazetteer bit is of the fkey, the others of the lkey */
    if (fkey != lkey) bits = (bits & ~DX_L_OF_FKEY) | (dx_lex_bits(lex, fkey) & DX_L_OF_FKEY);
    return bits;
}

void dx_lex_mark(dx_lexicon *lex, uint64_t key, uint32_t bits) { dx_u64map_or(lex->tok_lex, key, bits); }

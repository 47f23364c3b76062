/* vec.h - a typed growable array: DX_VEC(int) v = {0}; DX_PUSH(v, 3). */
#ifndef DOSSIER_BASE_VEC_H
#define DOSSIER_BASE_VEC_H

#include <stdlib.h>

#include "base/mem.h"

#define DX_VEC(T)          \
    struct {               \
        T *items;          \
        size_t len, cap;   \
    }
#define DX_GROW(v, need)                                                             \
    do {                                                                             \
        if ((need) > (v).cap) {                                                      \
            size_t nc_ = (v).cap ? (v).cap * 2 : 16;                                 \
            while (nc_ < (need)) nc_ *= 2;                                           \
            (v).items = xrealloc((v).items, nc_ * sizeof(*(v).items));               \
            (v).cap = nc_;                                                           \
        }                                                                            \
    } while (0)
#define DX_PUSH(v, x)                  \
    do {                               \
        DX_GROW(v, (v).len + 1);       \
        (v).items[(v).len++] = (x);    \
    } while (0)
#define DX_FREE(v)            \
    do {                      \
        free((v).items);      \
        (v).items = NULL;     \
        (v).len = (v).cap = 0; \
    } while (0)

#endif

/* sort.c - see sort.h. */
#include "base/sort.h"

#include <stdlib.h>
#include <string.h>

#include "base/mem.h"

/* Most lists sorted are short (an account's people: one to three) and go
 * by insertion; long ones (the years written in a long history, thousands)
 * by a bottom-up merge sort. Equal ints are indistinguishable, so any
 * correct sort gives the same bytes. */
void dx_sort_i32(int32_t *v, size_t n)
{
    if (n <= 16) {
        for (size_t i = 1; i < n; i++) {
            int32_t x = v[i];
            size_t j = i;
            for (; j > 0 && v[j - 1] > x; j--) v[j] = v[j - 1];
            v[j] = x;
        }
        return;
    }
    int32_t *tmp = xmalloc(n * sizeof(*v)), *src = v, *dst = tmp;
    for (size_t w = 1; w < n; w *= 2) {
        for (size_t lo = 0; lo < n; lo += 2 * w) {
            size_t mid = lo + w < n ? lo + w : n, hi = lo + 2 * w < n ? lo + 2 * w : n;
            size_t i = lo, j = mid, k = lo;
            while (i < mid && j < hi) dst[k++] = src[j] < src[i] ? src[j++] : src[i++];
            while (i < mid) dst[k++] = src[i++];
            while (j < hi) dst[k++] = src[j++];
        }
        int32_t *t = src;
        src = dst;
        dst = t;
    }
    if (src != v) memcpy(v, src, n * sizeof(*v));
    free(tmp);
}

/* sort.h - sorts of plain values, without qsort's call through a
 * comparison function for every comparison. */
#ifndef DOSSIER_BASE_SORT_H
#define DOSSIER_BASE_SORT_H

#include <stddef.h>
#include <stdint.h>

/* v[0..n) in ascending order. */
void dx_sort_i32(int32_t *v, size_t n);

#endif

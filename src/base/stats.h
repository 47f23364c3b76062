/* stats.h - CPU time per pipeline stage, summed over threads, for
 * `dossier extract --stats` and make bench (the public side, the wall-clock
 * phases and the printing, is in dossier.h). */
#ifndef DOSSIER_BASE_STATS_H
#define DOSSIER_BASE_STATS_H

#include <stdint.h>

#include "dossier.h"

typedef enum {
    DX_STAGE_READ,
    DX_STAGE_SEGMENT,
    DX_STAGE_NAMES,
    DX_STAGE_RESOLVE,
    DX_STAGE_DATES,
    DX_STAGE_EVENTS,
    DX_STAGE_RESULT,
    DX_STAGE_SPILL,
    DX_STAGE_MERGE,
    DX_STAGE_LAYOUT,     /* the diagram through graphviz */
    DX_STAGE_EXPORT,     /* one per output file from here on, in export.c's table */
    DX_STAGE__COUNT = DX_STAGE_EXPORT + 24
} dx_stage;
uint64_t dx_stage_now(void);
void dx_stage_add(dx_stage s, uint64_t since);
/* The name --stats prints for stage s ("export" stages take their file's
 * name); a stage without a name is not printed. Call before threads start. */
void dx_stage_name(dx_stage s, const char *name);

#endif

/* outdir.h - an output directory switched from one complete set of outputs
 * to the next, by one writer at a time: the exclusive lock, where the new
 * files are written, and the switch itself (export.c drives it). */
#ifndef DOSSIER_EXPORT_OUTDIR_H
#define DOSSIER_EXPORT_OUTDIR_H

#include <stddef.h>
#include <stdio.h>

#include "dossier.h"

typedef struct dx_outdir dx_outdir;

/* Opens dir for a new set of the n outputs named (names borrowed, for as
 * long as the dx_outdir lives): creates dir when missing, takes an
 * exclusive lock on it (flock on the directory itself; a second run waits
 * until the first is done), removes what killed runs left behind, and
 * decides how the set will be switched:
 *  - a new directory next to dir (".NAME.dossier-new.PID.XXXXXX") that the
 *    switch exchanges with dir in one rename (RENAME_EXCHANGE): readers see
 *    the old set or the new one, never a mix. Files of dir that are not
 *    outputs are hard-linked into it, so they stay. Used when dir holds
 *    nothing but files, belongs to this user and is no mount point;
 *  - else (a subdirectory in dir, say) temporary files in dir, renamed one
 *    by one at the switch, the previous outputs kept as hard links until
 *    all are in (a failed rename puts them back).
 * NULL with err set when dir cannot be made, opened or locked. */
dx_outdir *dx_outdir_begin(const char *dir, const char *const *names, size_t n, dossier_error *err);

/* A new file for output i, open for writing (created with O_EXCL and
 * O_NOFOLLOW: never through a link planted in dir). NULL with err set.
 * Outputs are created by any thread, each by one. */
FILE *dx_outdir_create(dx_outdir *o, size_t i, dossier_error *err);

/* A nameless scratch file on the outputs' file system (graph.gexf's parts). */
FILE *dx_outdir_scratch(dx_outdir *o, dossier_error *err);

/* The switch: the outputs created (all closed by now) become the set in
 * dir; outputs of the table not created this time (graph.svg without
 * --svg) are removed, so the set is one run's. On failure nothing changed.
 * Then the lock is released and o freed. */
int dx_outdir_commit(dx_outdir *o, dossier_error *err);

/* Nothing of the new set stays; dir is as it was. Unlocks and frees o. */
void dx_outdir_abort(dx_outdir *o);

/* 1 when another process holds dir's lock now (for a "waiting" message). */
int dx_outdir_busy(const char *dir);

#endif

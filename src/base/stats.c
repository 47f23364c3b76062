/* stats.c - time spent per pipeline stage, summed over documents and
 * threads (thread CPU time), for `dossier extract --stats` and make bench. */
#include <stdatomic.h>
#include <stdio.h>
#include <sys/resource.h>
#include <time.h>

#include "base/stats.h"

static const char *stage_names[DX_STAGE__COUNT] = {
    "read", "segment", "names", "resolve", "dates", "events", "result", "spill", "merge", "layout"};
static atomic_ullong stage_ns[DX_STAGE__COUNT];
/* set once, before threads start, by dossier_stats_enable */
static int stages_timed;

void dossier_stats_enable(void) { stages_timed = 1; }

uint64_t dx_stage_now(void)
{
    if (!stages_timed) return 0;
    struct timespec ts;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return (uint64_t)ts.tv_sec * 1000000000ULL + (uint64_t)ts.tv_nsec;
}

void dx_stage_add(dx_stage s, uint64_t since)
{
    if (!stages_timed) return;
    atomic_fetch_add(&stage_ns[s], dx_stage_now() - since);
}

void dx_stage_name(dx_stage s, const char *name) { stage_names[s] = name; }

/* Wall-clock phases (load, extract, merge, export), marked by the main thread
 * in order: each lasts from the previous mark. */
#define N_PHASES 8
static const char *phase_names[N_PHASES];
static uint64_t phase_ns[N_PHASES], phase_last;
static long phase_rss[N_PHASES]; /* peak RSS (kB) of the process when the phase ended */
static int n_phases;

static uint64_t wall_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000000ULL + (uint64_t)ts.tv_nsec;
}

void dossier_stats_phase(const char *name)
{
    uint64_t now = wall_now();
    if (name && n_phases < N_PHASES) {
        phase_names[n_phases] = name;
        struct rusage ru;
        phase_rss[n_phases] = getrusage(RUSAGE_SELF, &ru) == 0 ? ru.ru_maxrss : 0;
        phase_ns[n_phases++] = now - phase_last;
    }
    phase_last = now;
}

void dossier_stats_print(FILE *fp)
{
    unsigned long long total = 0;
    for (int i = 0; i < DX_STAGE__COUNT; i++) total += atomic_load(&stage_ns[i]);
    fprintf(fp, "stage                cpu-seconds  share\n");
    for (int i = 0; i < DX_STAGE__COUNT; i++) {
        if (!stage_names[i]) continue;
        unsigned long long ns = atomic_load(&stage_ns[i]);
        fprintf(fp, "%-19s %12.3f %5.1f%%\n", stage_names[i], ns / 1e9, total ? 100.0 * ns / total : 0.0);
    }
    fprintf(fp, "%-19s %12.3f\n", "total", total / 1e9);
    if (!n_phases) return;
    fprintf(fp, "wall-seconds:");
    for (int i = 0; i < n_phases; i++) fprintf(fp, " %s %.3f", phase_names[i], phase_ns[i] / 1e9);
    fputc('\n', fp);
    /* the peak so far when each phase ended: which phase sets the peak */
    fprintf(fp, "peak-rss-MB:");
    for (int i = 0; i < n_phases; i++) fprintf(fp, " %s %.0f", phase_names[i], phase_rss[i] / 1024.0);
    fputc('\n', fp);
}

/* gloss-bench.h — timing and reporting shared by the benchmarks
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Timed runs per benchmark, after one untimed warm-up run. */
#define GLOSS_BENCH_RUNS 7

/* Monotonic clock, in milliseconds. */
double    gloss_bench_now_ms      (void);

/* Prints "WHAT: median M ms, min N ms (target < T ms)" and, when the median
 * misses the target, "SLOWER THAN TARGET". A @target_ms of 0 means none.
 * Returns whether the target was met; missing it is not a failure. */
gboolean  gloss_bench_report      (const char *what,
                                   double     *samples_ms,
                                   guint       n_samples,
                                   double      target_ms);

/* A fresh folder under the temporary directory, and its removal with
 * everything in it (kept, and its path printed, with GLOSS_BENCH_KEEP). */
char     *gloss_bench_make_tmp_dir (GError    **error);
void      gloss_bench_remove_dir   (const char *path);

/* Prints "PROGRAM: FAILED: MESSAGE" to stderr and returns 1, for main(). */
int       gloss_bench_fail         (const char *format,
                                    ...) G_GNUC_PRINTF (1, 2);

G_END_DECLS

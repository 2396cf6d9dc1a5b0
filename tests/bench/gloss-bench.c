/* gloss-bench.c — timing and reporting shared by the benchmarks
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <stdio.h>
#include <stdlib.h>

#include "gloss-bench.h"

double
gloss_bench_now_ms (void)
{
  return g_get_monotonic_time () / 1000.0;
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b,
                 gpointer      user_data)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

/* Median rather than mean: one run slowed by another process on a shared
 * machine should not move the figure; min shows what the code can do. */
gboolean
gloss_bench_report (const char *what,
                    double     *samples_ms,
                    guint       n_samples,
                    double      target_ms)
{
  g_autofree double *sorted = g_memdup2 (samples_ms, n_samples * sizeof (double));
  double median, min;
  gboolean met;

  g_return_val_if_fail (n_samples > 0, FALSE);

  g_qsort_with_data (sorted, n_samples, sizeof (double), compare_doubles, NULL);
  min = sorted[0];
  if (n_samples % 2 == 1)
    median = sorted[n_samples / 2];
  else
    median = (sorted[n_samples / 2 - 1] + sorted[n_samples / 2]) / 2;

  met = target_ms <= 0 || median < target_ms;

  printf ("%s: median %.1f ms, min %.1f ms", what, median, min);
  if (target_ms > 0)
    printf (" (target < %g ms)", target_ms);
  if (!met)
    printf (" — SLOWER THAN TARGET");
  printf ("\n");
  fflush (stdout);

  return met;
}

char *
gloss_bench_make_tmp_dir (GError **error)
{
  return g_dir_make_tmp ("gloss-bench-XXXXXX", error);
}

/* Everything under @path, then @path; links are removed, never followed. */
static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
        remove_tree (child);
      else
        g_remove (child);
    }

  g_rmdir (path);
}

void
gloss_bench_remove_dir (const char *path)
{
  if (path == NULL)
    return;

  /* Leave the corpus behind for a look when asked to. */
  if (g_getenv ("GLOSS_BENCH_KEEP") != NULL)
    {
      printf ("kept %s\n", path);
      return;
    }

  remove_tree (path);
}

int
gloss_bench_fail (const char *format,
                  ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  fprintf (stderr, "%s: FAILED: %s\n", g_get_prgname (), message);
  return EXIT_FAILURE;
}

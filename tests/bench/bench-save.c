/* bench-save.c — what an autosave costs the main loop, and in all
 *
 * A session saves with gloss_sidecar_save_async() from the main loop: what
 * that call does before it returns is a freeze of the window, however
 * short. This times, on 1 MB / 10,000 annotations and 10 MB / 100,000:
 *
 * - the calling thread's part of gloss_sidecar_save_async (the stall);
 * - the whole save, to its callback (written, flushed, renamed, hashed);
 * - the tree serialiser the sidecar used before (a whole JsonNode tree,
 *   then the text), for comparison;
 * - the peak memory (VmHWM) of one save, against the memory before it.
 *
 * It fails if a save fails or writes other bytes than the serialiser.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <locale.h>
#include <malloc.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "gloss-bench.h"
#include "gloss-bench-corpus.h"
#include "gloss-sidecar-private.h"

typedef struct
{
  const char *what;
  gsize       min_bytes;
  guint       n_annotations;
  guint       n_relations;
  double      stall_target_ms;
} Size;

static const Size sizes[] = {
  { "1 MB / 10,000 annotations", 1000 * 1000, 10000, 400, 16 },
  { "10 MB / 100,000 annotations", 10 * 1000 * 1000, 100000, 4000, 50 },
};

/* Memory
 * ------------------------------------------------------------------------ */

/* A line of /proc/self/status, in kB (0 if unknown). */
static guint64
status_kb (const char *key)
{
  g_autofree char *contents = NULL;
  const char *line;
  gsize key_len = strlen (key);

  if (!g_file_get_contents ("/proc/self/status", &contents, NULL, NULL))
    return 0;

  for (line = contents; line != NULL && *line != '\0'; )
    {
      const char *next = strchr (line, '\n');

      if (strncmp (line, key, key_len) == 0 && line[key_len] == ':')
        return g_ascii_strtoull (line + key_len + 1, NULL, 10);
      line = next != NULL ? next + 1 : NULL;
    }

  return 0;
}

/* Makes VmHWM start again from the current RSS (Linux ≥ 4.0); FALSE if
 * the kernel does not let us. */
static gboolean
reset_peak (void)
{
  FILE *file = fopen ("/proc/self/clear_refs", "w");
  gboolean ok;

  if (file == NULL)
    return FALSE;
  ok = fputs ("5", file) >= 0;
  return fclose (file) == 0 && ok;
}

/* Saving
 * ------------------------------------------------------------------------ */

typedef struct
{
  GMainLoop *loop;
  GError    *error;
  gboolean   done;
} Wait;

static void
on_saved (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  Wait *wait = user_data;

  gloss_sidecar_save_finish (GLOSS_SIDECAR (object), result, &wait->error);
  wait->done = TRUE;
  g_main_loop_quit (wait->loop);
}

/* CPU time of the calling thread, in milliseconds: on a busy machine the
 * wall-clock stall also counts the time the thread waited for a core. */
static double
thread_cpu_ms (void)
{
  struct timespec now;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &now);
  return now.tv_sec * 1e3 + now.tv_nsec / 1e6;
}

/* One autosave as the session starts it: returns FALSE on error. */
static gboolean
save_once (GlossSidecar  *sidecar,
           double        *stall_ms,
           double        *stall_cpu_ms,
           double        *total_ms,
           GError       **error)
{
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  Wait wait = { loop, NULL, FALSE };
  double start = gloss_bench_now_ms ();
  double start_cpu = thread_cpu_ms ();

  gloss_sidecar_save_async (sidecar, NULL, on_saved, &wait);
  *stall_ms = gloss_bench_now_ms () - start;
  *stall_cpu_ms = thread_cpu_ms () - start_cpu;
  if (!wait.done)
    g_main_loop_run (loop);
  *total_ms = gloss_bench_now_ms () - start;

  if (wait.error != NULL)
    {
      g_propagate_error (error, wait.error);
      return FALSE;
    }

  return TRUE;
}

static GlossSidecar *
make_sidecar (const char  *dir,
              const Size  *size,
              GError     **error)
{
  g_autoptr(GlossBenchArticle) article = NULL;
  g_autofree char *path = g_build_filename (dir, "save.txt", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GlossDocument) document = NULL;
  g_autoptr(GlossSidecar) writer = NULL;
  g_autoptr(GlossSidecar) sidecar = NULL;
  g_autoptr(GlossLabelSet) labels = gloss_label_set_get_builtin ();
  GlossBenchCorpusOptions options;
  const char *text;
  gsize n_bytes;

  gloss_bench_corpus_options_init (&options);
  article = gloss_bench_article_generate (options.seed, size->min_bytes,
                                          size->n_annotations, size->n_relations);
  text = gloss_bench_article_get_text (article, &n_bytes);
  if (!g_file_set_contents (path, text, n_bytes, error))
    return NULL;

  document = gloss_document_new_from_file (file, NULL, error);
  if (document == NULL)
    return NULL;

  /* Written once, then read back as the app would open it. */
  writer = gloss_sidecar_new_for_document (document, GLOSS_BENCH_ANNOTATOR);
  gloss_bench_article_load_into (article, gloss_sidecar_get_annotations (writer), 1, &options);
  gloss_sidecar_set_annotator_name (writer, "Bench Annotator");
  if (!gloss_sidecar_save (writer, NULL, error))
    return NULL;

  sidecar = gloss_sidecar_new_for_document (document, GLOSS_BENCH_ANNOTATOR);
  if (!gloss_sidecar_load (sidecar, labels, NULL, error))
    return NULL;

  if (gloss_annotation_set_get_n_annotations (gloss_sidecar_get_annotations (sidecar))
      != size->n_annotations)
    {
      g_set_error (error, GLOSS_ERROR, GLOSS_ERROR_FAILED,
                   "loaded %u annotations, expected %u",
                   gloss_annotation_set_get_n_annotations (gloss_sidecar_get_annotations (sidecar)),
                   size->n_annotations);
      return NULL;
    }

  return g_steal_pointer (&sidecar);
}

/* What was written is what the tree serialiser makes of the sidecar. */
static gboolean
check_written (GlossSidecar  *sidecar,
               GError       **error)
{
  g_autoptr(GBytes) expected = gloss_sidecar_serialize_tree (sidecar);
  g_autofree char *expected_sha256 = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, expected);
  g_autofree char *contents = NULL;
  gsize length;

  if (!g_file_load_contents (gloss_sidecar_get_file (sidecar), NULL, &contents, &length,
                             NULL, error))
    return FALSE;

  if (length != g_bytes_get_size (expected)
      || memcmp (contents, g_bytes_get_data (expected, NULL), length) != 0)
    {
      g_set_error (error, GLOSS_ERROR, GLOSS_ERROR_FAILED,
                   "the saved file (%" G_GSIZE_FORMAT " bytes) differs from the tree "
                   "serialiser's output (%" G_GSIZE_FORMAT " bytes)",
                   length, g_bytes_get_size (expected));
      return FALSE;
    }

  if (g_strcmp0 (gloss_sidecar_get_disk_sha256 (sidecar), expected_sha256) != 0)
    {
      g_set_error (error, GLOSS_ERROR, GLOSS_ERROR_FAILED,
                   "the sidecar does not know the hash of what it wrote");
      return FALSE;
    }

  return TRUE;
}

static gboolean
bench_size (const char  *dir,
            const Size  *size,
            GError     **error)
{
  g_autoptr(GlossSidecar) sidecar = NULL;
  double stall[GLOSS_BENCH_RUNS];
  double stall_cpu[GLOSS_BENCH_RUNS];
  double total[GLOSS_BENCH_RUNS];
  double tree[GLOSS_BENCH_RUNS];
  g_autofree char *what = NULL;
  guint64 rss_before, rss_before_tree, peak_save, peak_tree;
  gsize n_bytes = 0;
  gboolean can_reset;

  sidecar = make_sidecar (dir, size, error);
  if (sidecar == NULL)
    return FALSE;

  /* Peak memory of the first save, then of one tree serialisation, each
   * from the memory in use before it (freed memory given back first, so
   * that it is not counted as in use). */
  malloc_trim (0);
  can_reset = reset_peak ();
  rss_before = status_kb ("VmRSS");
  {
    double stall_ms, stall_cpu_ms, total_ms;

    if (!save_once (sidecar, &stall_ms, &stall_cpu_ms, &total_ms, error))
      return FALSE;
    peak_save = status_kb ("VmHWM");
    malloc_trim (0);
    reset_peak ();
    rss_before_tree = status_kb ("VmRSS");
    g_bytes_unref (gloss_sidecar_serialize_tree (sidecar));
    peak_tree = status_kb ("VmHWM");
  }

  /* Run 0 is a warm-up, untimed. */
  for (int run = 0; run <= GLOSS_BENCH_RUNS; run++)
    {
      double stall_ms, stall_cpu_ms, total_ms;

      if (!save_once (sidecar, &stall_ms, &stall_cpu_ms, &total_ms, error))
        return FALSE;
      if (run > 0)
        {
          stall[run - 1] = stall_ms;
          stall_cpu[run - 1] = stall_cpu_ms;
          total[run - 1] = total_ms;
        }
    }
  if (!check_written (sidecar, error))
    return FALSE;

  for (int run = 0; run <= GLOSS_BENCH_RUNS; run++)
    {
      double start = gloss_bench_now_ms ();
      g_autoptr(GBytes) bytes = gloss_sidecar_serialize_tree (sidecar);

      if (run > 0)
        tree[run - 1] = gloss_bench_now_ms () - start;
      n_bytes = g_bytes_get_size (bytes);
    }

  what = g_strdup_printf ("save, %s (%.1f MB of JSON): calling thread of gloss_sidecar_save_async",
                          size->what, n_bytes / 1e6);
  gloss_bench_report (what, stall, GLOSS_BENCH_RUNS, size->stall_target_ms);
  gloss_bench_report ("  the same, CPU time of the calling thread", stall_cpu, GLOSS_BENCH_RUNS, 0);
  gloss_bench_report ("  the whole save, to its callback", total, GLOSS_BENCH_RUNS, 0);
  gloss_bench_report ("  the tree serialiser (JsonNode tree, then text), for comparison",
                      tree, GLOSS_BENCH_RUNS, 0);
  if (can_reset)
    printf ("  memory: %.1f MB in use before, peak %.1f MB during the first save (+%.1f); "
            "%.1f MB before, peak %.1f MB during the tree serialiser (+%.1f)\n",
            rss_before / 1024.0, peak_save / 1024.0, (peak_save - (double) rss_before) / 1024.0,
            rss_before_tree / 1024.0, peak_tree / 1024.0,
            (peak_tree - (double) rss_before_tree) / 1024.0);
  else
    printf ("  memory: cannot reset VmHWM here; not measured\n");

  return TRUE;
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  int status = EXIT_SUCCESS;

  setlocale (LC_ALL, "");
  g_set_prgname ("bench-save");

  dir = gloss_bench_make_tmp_dir (&error);
  if (dir == NULL)
    return gloss_bench_fail ("%s", error->message);

  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    if (!bench_size (dir, &sizes[i], &error))
      {
        status = gloss_bench_fail ("%s: %s", sizes[i].what, error->message);
        break;
      }

  gloss_bench_remove_dir (dir);
  return status;
}

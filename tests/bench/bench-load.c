/* bench-load.c — load and verify a 10,000-annotation sidecar on a 1 MB article
 *
 * The sidecar's hash matches, so this is the everyday path: parse the JSON,
 * check every annotation's exact text and grapheme boundaries against the
 * article, index the set. Other sizes by hand: --bytes=10000000
 * --annotations=100000 (what the window's opening thread loads at 10 MB).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <locale.h>
#include <stdlib.h>
#include <time.h>

#include "gloss-bench.h"
#include "gloss-bench-corpus.h"
#include "gloss-sidecar-private.h"

#define TARGET_MS 50

/* CPU time of the whole process (every thread), in ms: on a machine
 * shared with other builds, what the load costs rather than how long it
 * waited for a core. */
static double
cpu_ms (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_PROCESS_CPUTIME_ID, &ts);
  return ts.tv_sec * 1000.0 + ts.tv_nsec / 1e6;
}

static gint64 opt_bytes = 1000000;
static int opt_annotations = GLOSS_BENCH_BIG_ANNOTATIONS;

static const GOptionEntry options_entries[] = {
  { "bytes", 0, 0, G_OPTION_ARG_INT64, &opt_bytes, "Size of the article (default 1000000)", "N" },
  { "annotations", 0, 0, G_OPTION_ARG_INT, &opt_annotations, "Annotations in its sidecar (default 10000)", "N" },
  { NULL }
};

/* Everything a window does before it can show the article: read it, read
 * the sidecar, verify. Returns the loaded sidecar (which holds the
 * document) so freeing stays outside the timing. */
static GlossSidecar *
load (GFile          *article_file,
      GFile          *sidecar_file,
      GlossLabelSet  *labels,
      GError        **error)
{
  g_autoptr(GlossDocument) document = NULL;
  g_autoptr(GlossSidecar) sidecar = NULL;

  document = gloss_document_new_from_file (article_file, NULL, error);
  if (document == NULL)
    return NULL;

  sidecar = gloss_sidecar_new (sidecar_file, document);
  if (!gloss_sidecar_load (sidecar, labels, NULL, error))
    return NULL;

  return g_steal_pointer (&sidecar);
}

/* The same, as a session opens: the sidecar read and parsed in a thread
 * of its own while the article is read. */
static GlossSidecar *
load_ahead (GFile          *article_file,
            GFile          *sidecar_file,
            GlossLabelSet  *labels,
            GError        **error)
{
  g_autoptr(GlossSidecarPreread) preread = gloss_sidecar_preread_start (sidecar_file, NULL);
  g_autoptr(GlossDocument) document = NULL;
  g_autoptr(GlossSidecar) sidecar = NULL;

  document = gloss_document_new_from_file (article_file, NULL, error);
  if (document == NULL)
    return NULL;

  sidecar = gloss_sidecar_new (sidecar_file, document);
  if (!gloss_sidecar_load_preread (sidecar, preread, labels, NULL, error))
    return NULL;

  return g_steal_pointer (&sidecar);
}

static gboolean
check (GlossSidecar  *sidecar,
       GError       **error)
{
  GlossAnnotationSet *set = gloss_sidecar_get_annotations (sidecar);
  guint n = gloss_annotation_set_get_n_annotations (set);
  guint n_relations = g_list_model_get_n_items (gloss_annotation_set_get_relations (set));

  if (gloss_sidecar_get_state (sidecar) != GLOSS_SIDECAR_STATE_LOADED
      || gloss_sidecar_was_reanchored (sidecar)
      || gloss_sidecar_count_problems (sidecar, GLOSS_SEVERITY_ERROR) > 0
      || gloss_sidecar_count_problems (sidecar, GLOSS_SEVERITY_WARNING) > 0)
    {
      g_set_error (error, GLOSS_ERROR, GLOSS_ERROR_FAILED,
                   "unexpected state %d (re-anchored: %d, %u errors, %u warnings)",
                   gloss_sidecar_get_state (sidecar), gloss_sidecar_was_reanchored (sidecar),
                   gloss_sidecar_count_problems (sidecar, GLOSS_SEVERITY_ERROR),
                   gloss_sidecar_count_problems (sidecar, GLOSS_SEVERITY_WARNING));
      return FALSE;
    }

  if (n != (guint) opt_annotations || n_relations == 0)
    {
      g_set_error (error, GLOSS_ERROR, GLOSS_ERROR_FAILED,
                   "loaded %u annotations and %u relations, expected %d and some",
                   n, n_relations, opt_annotations);
      return FALSE;
    }

  return TRUE;
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *article_path = NULL;
  g_autofree char *sidecar_path = NULL;
  g_autoptr(GFile) article_file = NULL;
  g_autoptr(GFile) sidecar_file = NULL;
  g_autoptr(GlossLabelSet) labels = gloss_label_set_get_builtin ();
  GlossBenchCorpusOptions options;
  double samples[GLOSS_BENCH_RUNS];
  double ahead_samples[GLOSS_BENCH_RUNS];
  double cpu[GLOSS_BENCH_RUNS];
  double ahead_cpu[GLOSS_BENCH_RUNS];
  int status = EXIT_SUCCESS;

  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_autofree char *title = NULL;
  gboolean big;

  setlocale (LC_ALL, "");
  g_set_prgname ("bench-load");
  g_option_context_add_main_entries (context, options_entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return gloss_bench_fail ("%s", error->message);
  if (opt_bytes <= 0 || opt_annotations <= 0)
    return gloss_bench_fail ("--bytes and --annotations must be positive");
  big = opt_bytes == 1000000 && opt_annotations == GLOSS_BENCH_BIG_ANNOTATIONS;
  gloss_bench_corpus_options_init (&options);

  dir = gloss_bench_make_tmp_dir (&error);
  if (dir == NULL)
    return gloss_bench_fail ("%s", error->message);

  if (big ? !gloss_bench_corpus_write_big (dir, &options, &error)
          : !gloss_bench_corpus_write_sized (dir, GLOSS_BENCH_BIG_NAME, (gsize) opt_bytes,
                                             (guint) opt_annotations, 0, &options, &error))
    {
      status = gloss_bench_fail ("generating the corpus: %s", error->message);
      goto out;
    }

  article_path = g_build_filename (dir, GLOSS_BENCH_BIG_NAME, NULL);
  sidecar_path = g_strconcat (article_path, "." GLOSS_BENCH_ANNOTATOR GLOSS_SIDECAR_SUFFIX, NULL);
  article_file = g_file_new_for_path (article_path);
  sidecar_file = g_file_new_for_path (sidecar_path);

  /* Run 0 warms the page cache and libgloss's lazy statics, untimed.
   * The two ways alternate. */
  for (int run = 0; run <= GLOSS_BENCH_RUNS; run++)
    {
      for (int ahead = 0; ahead <= 1; ahead++)
        {
          g_autoptr(GlossSidecar) sidecar = NULL;
          double start = gloss_bench_now_ms ();
          double start_cpu = cpu_ms ();

          sidecar = (ahead ? load_ahead : load) (article_file, sidecar_file, labels, &error);
          if (run > 0)
            {
              (ahead ? ahead_samples : samples)[run - 1] = gloss_bench_now_ms () - start;
              (ahead ? ahead_cpu : cpu)[run - 1] = cpu_ms () - start_cpu;
            }

          if (sidecar == NULL || !check (sidecar, &error))
            {
              status = gloss_bench_fail ("%s", error->message);
              goto out;
            }
        }
    }

  if (big)
    title = g_strdup ("load+verify 10,000 annotations (1 MB article)");
  else
    title = g_strdup_printf ("load+verify %d annotations (%" G_GINT64_FORMAT " bytes of article)",
                             opt_annotations, opt_bytes);
  gloss_bench_report (title, samples, GLOSS_BENCH_RUNS,
                      big ? TARGET_MS : MAX (TARGET_MS, TARGET_MS * (opt_annotations / GLOSS_BENCH_BIG_ANNOTATIONS)));
  gloss_bench_report ("  its CPU time", cpu, GLOSS_BENCH_RUNS, 0);
  gloss_bench_report ("  the same with the sidecar read and parsed in a thread while the article is read (as a session opens)",
                      ahead_samples, GLOSS_BENCH_RUNS, 0);
  gloss_bench_report ("  its CPU time (both threads)", ahead_cpu, GLOSS_BENCH_RUNS, 0);

out:
  gloss_bench_remove_dir (dir);
  return status;
}

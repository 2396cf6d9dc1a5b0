/* bench-export.c — export the 1,000-article corpus to every format
 *
 * The walker loads each article and sidecar once; the figures compare the
 * formats' own cost on top of that (target: each under 1 s, and CoNLL —
 * which needs Unicode word and sentence boundaries — within 2× of JSONL).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <locale.h>
#include <glib/gstdio.h>
#include <stdio.h>

#include "gloss-bench.h"
#include "gloss-bench-corpus.h"

#define TARGET_MS 1000

static int
compare_doubles (gconstpointer a,
                 gconstpointer b,
                 gpointer      data)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

/* The output folder holds files and one brat folder of files. */
static void
remove_outputs (const char *dir)
{
  GDir *d = g_dir_open (dir, 0, NULL);
  const char *name;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *child = g_build_filename (dir, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        gloss_bench_remove_dir (child);
      else
        g_remove (child);
    }
  g_clear_pointer (&d, g_dir_close);
  g_rmdir (dir);
}

static gboolean
export_once (GlossCorpus  *corpus,
             GFile        *root,
             GlossFormat   format,
             const char   *dir,
             double       *elapsed_ms,
             GError      **error)
{
  g_autofree char *name = g_strdup_printf ("out-%s%s", gloss_format_to_string (format),
                                           gloss_format_writes_folder (format)
                                           ? "" : gloss_format_get_extension (format));
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GFile) output = g_file_new_for_path (path);
  GlossExportOptions options = {
    .format = format, .offsets = gloss_format_get_default_offsets (format), .force = TRUE,
  };
  g_autoptr(GFile) config = NULL;
  GlossExportSummary summary;
  double start;
  gboolean ok;

  /* label-studio writes its labelling config too, as the CLI has it. */
  if (format == GLOSS_FORMAT_LABEL_STUDIO)
    config = options.label_studio_config = gloss_label_studio_config_file (output);
  start = gloss_bench_now_ms ();
  gloss_export_summary_init (&summary);
  ok = gloss_export_corpus (corpus, root, &options, output, NULL, NULL, &summary, NULL, error);
  *elapsed_ms = gloss_bench_now_ms () - start;

  if (ok && (summary.records != GLOSS_BENCH_MANY_ARTICLES || summary.failed > 0))
    {
      g_set_error (error, GLOSS_ERROR, GLOSS_ERROR_FAILED,
                   "%s: exported %u records, %u failed", gloss_format_to_string (format),
                   summary.records, summary.failed);
      ok = FALSE;
    }

  gloss_export_summary_clear (&summary);
  return ok;
}

int
main (int    argc,
      char **argv)
{
  static const GlossFormat formats[] = {
    GLOSS_FORMAT_JSONL, GLOSS_FORMAT_DOCCANO, GLOSS_FORMAT_CONLL,
    GLOSS_FORMAT_BRAT, GLOSS_FORMAT_W3C, GLOSS_FORMAT_CSV, GLOSS_FORMAT_HF,
    GLOSS_FORMAT_LABEL_STUDIO,
    GLOSS_FORMAT_UIMA_JSON,
    GLOSS_FORMAT_WEBANNO_TSV,
  };
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *out_dir = NULL;
  g_autoptr(GlossCorpus) corpus = gloss_corpus_new ();
  g_autoptr(GFile) root = NULL;
  GlossBenchCorpusOptions options;
  double medians[G_N_ELEMENTS (formats)] = { 0 };
  int status = 0;

  setlocale (LC_ALL, "");
  gloss_bench_corpus_options_init (&options);

  dir = gloss_bench_make_tmp_dir (&error);
  if (dir == NULL)
    return gloss_bench_fail ("%s", error->message);

  if (!gloss_bench_corpus_write_many (dir, GLOSS_BENCH_MANY_ARTICLES, &options, &error))
    {
      status = gloss_bench_fail ("generating the corpus: %s", error->message);
      goto out;
    }

  out_dir = gloss_bench_make_tmp_dir (&error);
  if (out_dir == NULL)
    {
      status = gloss_bench_fail ("%s", error->message);
      goto out;
    }

  root = g_file_new_for_path (dir);
  if (!gloss_corpus_add_path (corpus, root, NULL, &error))
    {
      status = gloss_bench_fail ("%s", error->message);
      goto out;
    }

  for (guint f = 0; f < G_N_ELEMENTS (formats); f++)
    {
      double samples[GLOSS_BENCH_RUNS];
      g_autofree char *what = g_strdup_printf ("export %s, 1,000 articles × 30 annotations",
                                               gloss_format_to_string (formats[f]));

      for (int run = 0; run <= GLOSS_BENCH_RUNS; run++)
        {
          double elapsed;

          if (!export_once (corpus, root, formats[f], out_dir, &elapsed, &error))
            {
              status = gloss_bench_fail ("%s", error->message);
              goto out;
            }
          if (run > 0)
            samples[run - 1] = elapsed;
        }

      gloss_bench_report (what, samples, GLOSS_BENCH_RUNS, TARGET_MS);
      g_qsort_with_data (samples, GLOSS_BENCH_RUNS, sizeof (double),
                         compare_doubles, NULL);
      medians[f] = samples[GLOSS_BENCH_RUNS / 2];
    }

  printf ("CoNLL / JSONL: %.2f× (target: within 2×)%s\n", medians[2] / medians[0],
          medians[2] / medians[0] > 2.0 ? " SLOWER THAN TARGET" : "");

out:
  if (out_dir != NULL)
    remove_outputs (out_dir);
  gloss_bench_remove_dir (dir);
  return status;
}

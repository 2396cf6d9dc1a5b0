/* bench-suggest-cli.c — `gloss-cli suggest --annotator bench DIR` over
 * 1,000 articles
 *
 * Times the whole process — start-up, the walk that loads every sidecar
 * (two annotators: the same-text index is built from both), both sources
 * on every article and 1,000 suggestions files written — since that is
 * what a person running it on a corpus waits for. The suggestions files
 * are removed before each run (untimed), so every run writes them anew.
 *
 *   bench-suggest-cli PATH-TO-GLOSS-CLI
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gloss-bench.h"
#include "gloss-bench-corpus.h"

#define TARGET_MS 2000

/* A non-zero exit is a failure here: the generated corpus is clean. */
static gboolean
run_cli (const char  *cli,
         const char  *dir,
         char       **out,
         GError     **error)
{
  const char *args[] = { cli, "suggest", "--annotator", GLOSS_BENCH_ANNOTATOR, dir, NULL };
  g_autofree char *standard_error = NULL;
  int wait_status = 0;

  if (!g_spawn_sync (NULL, (char **) args, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                     out, &standard_error, &wait_status, error))
    return FALSE;

  if (!g_spawn_check_wait_status (wait_status, error))
    {
      g_prefix_error (error, "%s: ", cli);
      if (standard_error != NULL)
        fprintf (stderr, "%s", standard_error);
      return FALSE;
    }

  return TRUE;
}

/* Removes DIR's suggestions files; returns how many there were. */
static guint
remove_suggestions (const char *dir)
{
  g_autoptr(GDir) handle = g_dir_open (dir, 0, NULL);
  const char *name;
  guint n = 0;

  while (handle != NULL && (name = g_dir_read_name (handle)) != NULL)
    {
      if (g_str_has_suffix (name, GLOSS_SUGGESTION_FILE_SUFFIX))
        {
          g_autofree char *path = g_build_filename (dir, name, NULL);

          if (g_unlink (path) == 0)
            n++;
        }
    }

  return n;
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  GlossBenchCorpusOptions options;
  double samples[GLOSS_BENCH_RUNS];
  int status = EXIT_SUCCESS;

  setlocale (LC_ALL, "");
  g_set_prgname ("bench-suggest-cli");

  if (argc != 2)
    {
      fprintf (stderr, "usage: bench-suggest-cli PATH-TO-GLOSS-CLI\n");
      return 2;
    }

  gloss_bench_corpus_options_init (&options);
  options.n_annotators = 2;
  options.disagreement = 0.1;

  dir = gloss_bench_make_tmp_dir (&error);
  if (dir == NULL)
    return gloss_bench_fail ("%s", error->message);

  if (!gloss_bench_corpus_write_many (dir, GLOSS_BENCH_MANY_ARTICLES, &options, &error))
    {
      status = gloss_bench_fail ("generating the corpus: %s", error->message);
      goto out;
    }

  for (int run = 0; run <= GLOSS_BENCH_RUNS; run++)
    {
      g_autofree char *output = NULL;
      double start;
      gboolean ok;
      guint n_files;

      remove_suggestions (dir);
      start = gloss_bench_now_ms ();
      ok = run_cli (argv[1], dir, &output, &error);
      if (run > 0)
        samples[run - 1] = gloss_bench_now_ms () - start;

      if (!ok)
        {
          status = gloss_bench_fail ("%s", error->message);
          goto out;
        }

      /* Every article gets quotes or same-text suggestions: a run that
       * wrote fewer files did less than it should. */
      n_files = remove_suggestions (dir);
      if (n_files != GLOSS_BENCH_MANY_ARTICLES)
        {
          status = gloss_bench_fail ("%u suggestions files written, expected %u",
                                     n_files, GLOSS_BENCH_MANY_ARTICLES);
          goto out;
        }

      if (run == GLOSS_BENCH_RUNS)
        {
          const char *total = strrchr (g_strchomp (output), '\n');

          printf ("  %s\n", total != NULL ? total + 1 : output);
        }
    }

  gloss_bench_report ("gloss-cli suggest --annotator bench, 1,000 articles × 2 sidecars of 30 annotations (~5 KB each)",
                      samples, GLOSS_BENCH_RUNS, TARGET_MS);

out:
  gloss_bench_remove_dir (dir);
  return status;
}

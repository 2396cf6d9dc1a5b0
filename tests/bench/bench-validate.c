/* bench-validate.c — `gloss-cli validate --quiet DIR` over 1,000 articles
 *
 * Times the whole process, start-up and folder scan included, since that
 * is what a CI job or a pre-commit hook waits for.
 *
 *   bench-validate PATH-TO-GLOSS-CLI
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>

#include "gloss-bench.h"
#include "gloss-bench-corpus.h"

#define TARGET_MS 1000

/* Runs the CLI; a non-zero exit (any problem found) is a failure here,
 * since the generated corpus is clean. */
static gboolean
run_cli (const char  *cli,
         const char  *dir,
         gboolean     quiet,
         char       **out,
         GError     **error)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  g_autofree char *standard_error = NULL;
  int wait_status = 0;

  g_ptr_array_add (args, (char *) cli);
  g_ptr_array_add (args, "validate");
  if (quiet)
    g_ptr_array_add (args, "--quiet");
  g_ptr_array_add (args, (char *) dir);
  g_ptr_array_add (args, NULL);

  if (!g_spawn_sync (NULL, (char **) args->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                     out, &standard_error, &wait_status, error))
    return FALSE;

  if (!g_spawn_check_wait_status (wait_status, error))
    {
      g_prefix_error (error, "%s: ", cli);
      if (out != NULL && *out != NULL && **out != '\0')
        fprintf (stderr, "%s", *out);
      if (standard_error != NULL)
        fprintf (stderr, "%s", standard_error);
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
  g_autofree char *summary = NULL;
  GlossBenchCorpusOptions options;
  double samples[GLOSS_BENCH_RUNS];
  int status = EXIT_SUCCESS;

  setlocale (LC_ALL, "");
  g_set_prgname ("bench-validate");

  if (argc != 2)
    {
      fprintf (stderr, "usage: bench-validate PATH-TO-GLOSS-CLI\n");
      return 2;
    }

  gloss_bench_corpus_options_init (&options);

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
      double start = gloss_bench_now_ms ();
      gboolean ok = run_cli (argv[1], dir, TRUE, &output, &error);

      if (run > 0)
        samples[run - 1] = gloss_bench_now_ms () - start;

      if (!ok)
        {
          status = gloss_bench_fail ("%s", error->message);
          goto out;
        }
    }

  gloss_bench_report ("gloss-cli validate --quiet, 1,000 articles × 30 annotations (~5 KB each)",
                      samples, GLOSS_BENCH_RUNS, TARGET_MS);

  /* Once more with the summary, untimed, to show what was checked. */
  if (!run_cli (argv[1], dir, FALSE, &summary, &error))
    {
      status = gloss_bench_fail ("%s", error->message);
      goto out;
    }
  printf ("  %s", summary);

out:
  gloss_bench_remove_dir (dir);
  return status;
}

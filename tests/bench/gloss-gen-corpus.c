/* gloss-gen-corpus.c — write a synthetic corpus for benchmarks and tests
 *
 *   gloss-gen-corpus big DIR    DIR/big.txt (~1 MB), 10,000 annotations
 *   gloss-gen-corpus many DIR   DIR/article-0000.txt… (~5 KB), 30 each
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>

#include "gloss-bench-corpus.h"

static gboolean
parse_args (int                      *argc,
            char                   ***argv,
            GlossBenchCorpusOptions  *options,
            guint                    *n_articles,
            GError                  **error)
{
  gint64 seed = options->seed;
  int n_annotators = (int) options->n_annotators;
  int articles = (int) *n_articles;
  GOptionEntry entries[] = {
    { "seed", 's', 0, G_OPTION_ARG_INT64, &seed,
      "Seed for the random choices (default 20261126)", "N" },
    { "annotators", 'a', 0, G_OPTION_ARG_INT, &n_annotators,
      "Write sidecars for N annotators: bench, bench-2, … (default 1)", "N" },
    { "disagreement", 'd', 0, G_OPTION_ARG_DOUBLE, &options->disagreement,
      "Fraction of spans each annotator after the first changes (default 0)", "P" },
    { "articles", 'n', 0, G_OPTION_ARG_INT, &articles,
      "Number of articles for “many” (default 1000)", "N" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("big|many DIR");

  g_option_context_add_main_entries (context, entries, NULL);
  g_option_context_set_summary (context,
    "Writes synthetic news articles with sidecars, deterministically from the seed.\n"
    "  big DIR    DIR/big.txt (~1 MB) with 10,000 annotations, a few hundred relations\n"
    "  many DIR   DIR/article-0000.txt… (~5 KB each) with 30 annotations each\n"
    "Annotators after the first change a fraction P of the first one's spans:\n"
    "label swaps, one-word boundary shifts, dropped spans and extra spans, a quarter each.");

  if (!g_option_context_parse (context, argc, argv, error))
    return FALSE;

  if (*argc != 3)
    {
      g_set_error_literal (error, G_OPTION_ERROR, G_OPTION_ERROR_FAILED,
                           "expected “big DIR” or “many DIR”");
      return FALSE;
    }
  if (seed < 0 || seed > G_MAXUINT32)
    {
      g_set_error_literal (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                           "--seed must be between 0 and 4294967295");
      return FALSE;
    }
  if (n_annotators < 1 || n_annotators > 99)
    {
      g_set_error_literal (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                           "--annotators must be between 1 and 99");
      return FALSE;
    }
  if (!(options->disagreement >= 0 && options->disagreement <= 1))
    {
      g_set_error_literal (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                           "--disagreement must be between 0 and 1");
      return FALSE;
    }
  if (articles < 1)
    {
      g_set_error_literal (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                           "--articles must be at least 1");
      return FALSE;
    }

  options->seed = (guint32) seed;
  options->n_annotators = (guint) n_annotators;
  *n_articles = (guint) articles;

  return TRUE;
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  GlossBenchCorpusOptions options;
  guint n_articles = GLOSS_BENCH_MANY_ARTICLES;
  const char *mode, *dir;
  gboolean ok;

  setlocale (LC_ALL, "");
  gloss_bench_corpus_options_init (&options);

  if (!parse_args (&argc, &argv, &options, &n_articles, &error))
    {
      fprintf (stderr, "gloss-gen-corpus: %s (see --help)\n", error->message);
      return 2;
    }

  mode = argv[1];
  dir = argv[2];

  if (g_str_equal (mode, "big"))
    ok = gloss_bench_corpus_write_big (dir, &options, &error);
  else if (g_str_equal (mode, "many"))
    ok = gloss_bench_corpus_write_many (dir, n_articles, &options, &error);
  else
    {
      fprintf (stderr, "gloss-gen-corpus: unknown mode “%s”: use big or many\n", mode);
      return 2;
    }

  if (!ok)
    {
      fprintf (stderr, "gloss-gen-corpus: %s\n", error->message);
      return EXIT_FAILURE;
    }

  return EXIT_SUCCESS;
}

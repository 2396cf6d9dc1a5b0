/* bench-suggest-same-text.c — "same text elsewhere" over 1,000 articles
 *
 * What `gloss-cli suggest --sources same-text` does once the articles and
 * sidecars are read: one index of what every article marked, then the
 * suggestions of each article. The corpus is "many" (1,000 articles of
 * ~5 KB with 30 annotations each, annotator bench), held in memory; each
 * run starts from documents just made, so no word boundary is known yet,
 * as in a fresh process. Timed: building the index, suggesting for every
 * article, and both. The target, 2 s, is for this and the quotes
 * source together; this source's share of it is taken as half.
 *
 * Then the app's case: one article of 1 MB with 10,000 annotations, its
 * own marks suggested in it.
 *
 * Before timing, every suggestion of the first run is checked: its text is
 * the article's at its span, a whole-word one, and not on a span already
 * marked.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>

#include "gloss-bench.h"
#include "gloss-bench-corpus.h"

#define CORPUS_TARGET_MS 1000
#define BIG_TARGET_MS    500

typedef struct
{
  guint               n;
  GlossBenchArticle **articles;
  GlossAnnotationSet **sets;
  char              **keys;
} Corpus;

static void
corpus_clear_sets (Corpus *corpus)
{
  for (guint i = 0; i < corpus->n; i++)
    g_clear_object (&corpus->sets[i]);
}

static void
corpus_free (Corpus *corpus)
{
  corpus_clear_sets (corpus);
  for (guint i = 0; i < corpus->n; i++)
    gloss_bench_article_free (corpus->articles[i]);
  g_free (corpus->articles);
  g_free (corpus->sets);
  g_strfreev (corpus->keys);
}

static Corpus
corpus_generate (guint n,
                 gsize min_bytes,
                 guint n_annotations,
                 guint n_relations)
{
  GlossBenchCorpusOptions options;
  Corpus corpus = { n, g_new0 (GlossBenchArticle *, n), g_new0 (GlossAnnotationSet *, n),
                    g_new0 (char *, n + 1) };

  gloss_bench_corpus_options_init (&options);
  for (guint i = 0; i < n; i++)
    {
      corpus.articles[i] = gloss_bench_article_generate (options.seed + i, min_bytes,
                                                         n_annotations, n_relations);
      corpus.keys[i] = g_strdup_printf ("article-%04u.txt", i);
    }

  return corpus;
}

/* Fresh documents and sets, as a new process reads them. */
static gboolean
corpus_load (Corpus *corpus)
{
  GlossBenchCorpusOptions options;

  gloss_bench_corpus_options_init (&options);
  corpus_clear_sets (corpus);
  for (guint i = 0; i < corpus->n; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GlossDocument) document = NULL;
      gsize n_bytes;
      const char *text = gloss_bench_article_get_text (corpus->articles[i], &n_bytes);

      document = gloss_document_new_from_text (text, n_bytes, &error);
      if (document == NULL)
        {
          gloss_bench_fail ("%s: %s", corpus->keys[i], error->message);
          return FALSE;
        }
      corpus->sets[i] = gloss_annotation_set_new (document);
      gloss_bench_article_load_into (corpus->articles[i], corpus->sets[i], 1, &options);
    }

  return TRUE;
}

typedef struct
{
  double build_ms;
  double suggest_ms;
  guint  n_texts;
  guint  n_suggestions;
  guint  n_ties;
} Run;

/* A suggestion must be the article's text at its span, whole words, and
 * no span already marked. */
static gboolean
check_suggestion (GlossAnnotationSet *set,
                  GlossSuggestion    *suggestion,
                  const char         *key)
{
  GlossDocument *document = gloss_annotation_set_get_document (set);
  guint start = gloss_suggestion_get_start (suggestion);
  guint end = gloss_suggestion_get_end (suggestion);
  g_autoptr(GPtrArray) there = gloss_annotation_set_in_range (set, start, end);

  if (!gloss_document_slice_equals (document, start, end, gloss_suggestion_get_exact (suggestion))
      || gloss_document_word_start_before (document, start) != start
      || gloss_document_word_end_after (document, end) != end)
    {
      gloss_bench_fail ("%s: suggestion %u–%u “%s” is not the whole words there",
                        key, start, end, gloss_suggestion_get_exact (suggestion));
      return FALSE;
    }

  for (guint i = 0; i < there->len; i++)
    {
      GlossAnnotation *annotation = g_ptr_array_index (there, i);

      if (gloss_annotation_get_start (annotation) == start
          && gloss_annotation_get_end (annotation) == end)
        {
          gloss_bench_fail ("%s: suggestion %u–%u is already marked", key, start, end);
          return FALSE;
        }
    }

  return TRUE;
}

static gboolean
run_once (Corpus   *corpus,
          gboolean  check,
          Run      *run)
{
  g_autoptr(GlossSameTextIndex) index = NULL;
  double start;

  if (!corpus_load (corpus))
    return FALSE;

  *run = (Run) { 0, };
  start = gloss_bench_now_ms ();
  index = gloss_same_text_index_new ();
  for (guint i = 0; i < corpus->n; i++)
    gloss_same_text_index_add (index, corpus->keys[i], corpus->sets[i]);
  run->build_ms = gloss_bench_now_ms () - start;
  run->n_texts = gloss_same_text_index_get_n_texts (index);

  start = gloss_bench_now_ms ();
  for (guint i = 0; i < corpus->n; i++)
    {
      g_autoptr(GPtrArray) suggestions = gloss_suggest_same_text (corpus->sets[i], index,
                                                                  corpus->keys[i]);

      run->n_suggestions += suggestions->len;
      for (guint j = 0; j < suggestions->len; j++)
        {
          GlossSuggestion *suggestion = g_ptr_array_index (suggestions, j);

          if (gloss_suggestion_get_tie (suggestion) != NULL)
            run->n_ties++;
          if (check && !check_suggestion (corpus->sets[i], suggestion, corpus->keys[i]))
            return FALSE;
        }
    }
  run->suggest_ms = gloss_bench_now_ms () - start;

  return TRUE;
}

static gboolean
bench (Corpus     *corpus,
       const char *what,
       double      target_ms)
{
  double build[GLOSS_BENCH_RUNS];
  double suggest[GLOSS_BENCH_RUNS];
  double both[GLOSS_BENCH_RUNS];
  g_autofree char *what_build = g_strdup_printf ("%s: index", what);
  g_autofree char *what_suggest = g_strdup_printf ("%s: suggest", what);
  g_autofree char *what_both = g_strdup_printf ("%s: index + suggest", what);
  Run run;

  /* The warm-up run checks every answer. */
  if (!run_once (corpus, TRUE, &run))
    return FALSE;
  if (run.n_suggestions == 0)
    {
      gloss_bench_fail ("%s: no suggestion at all", what);
      return FALSE;
    }

  for (guint i = 0; i < GLOSS_BENCH_RUNS; i++)
    {
      if (!run_once (corpus, FALSE, &run))
        return FALSE;
      build[i] = run.build_ms;
      suggest[i] = run.suggest_ms;
      both[i] = run.build_ms + run.suggest_ms;
    }

  gloss_bench_report (what_build, build, GLOSS_BENCH_RUNS, 0);
  gloss_bench_report (what_suggest, suggest, GLOSS_BENCH_RUNS, 0);
  gloss_bench_report (what_both, both, GLOSS_BENCH_RUNS, target_ms);
  printf ("  %u texts marked, %u suggestions (%u ties)\n", run.n_texts, run.n_suggestions, run.n_ties);

  return TRUE;
}

int
main (int    argc,
      char **argv)
{
  Corpus many;
  Corpus big;
  gboolean ok;

  setlocale (LC_ALL, "");
  g_set_prgname ("bench-suggest-same-text");

  many = corpus_generate (GLOSS_BENCH_MANY_ARTICLES, GLOSS_BENCH_MANY_BYTES,
                          GLOSS_BENCH_MANY_ANNOTATIONS, GLOSS_BENCH_MANY_RELATIONS);
  ok = bench (&many, "same text, 1,000 articles × 30 annotations", CORPUS_TARGET_MS);
  corpus_free (&many);
  if (!ok)
    return EXIT_FAILURE;

  big = corpus_generate (1, GLOSS_BENCH_BIG_BYTES, GLOSS_BENCH_BIG_ANNOTATIONS,
                         GLOSS_BENCH_BIG_RELATIONS);
  ok = bench (&big, "same text, 1 MB article × 10,000 annotations", BIG_TARGET_MS);
  corpus_free (&big);

  return ok ? EXIT_SUCCESS : EXIT_FAILURE;
}

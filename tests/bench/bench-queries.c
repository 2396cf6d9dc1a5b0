/* bench-queries.c — at_offset and in_range over 100,000 annotations
 *
 * The text view asks what lies under the pointer or caret (at_offset) and
 * what to draw in the visible part of the article (in_range) all the time,
 * so both must stay far below a frame's budget however big the set gets.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>

#include "gloss-bench.h"
#include "gloss-bench-corpus.h"

#define N_ANNOTATIONS      100000
#define N_QUERIES          10000
/* About a screenful of text. */
#define MAX_RANGE          2000
#define N_CHECKED          300
/* 10 µs a query for a point, 20 µs for a screenful (which returns dozens). */
#define AT_OFFSET_TARGET_MS 100
#define IN_RANGE_TARGET_MS  200

typedef struct
{
  guint start;
  guint end;
} Range;

/* The placed annotations as plain arrays, for a brute-force answer. */
typedef struct
{
  guint             n;
  guint            *starts;
  guint            *ends;
  GlossAnnotation **items;  /* borrowed from the set */
} Flat;

static void
flat_init (Flat               *flat,
           GlossAnnotationSet *set)
{
  GListModel *model = G_LIST_MODEL (set);

  flat->n = g_list_model_get_n_items (model);
  flat->starts = g_new (guint, flat->n);
  flat->ends = g_new (guint, flat->n);
  flat->items = g_new (GlossAnnotation *, flat->n);

  for (guint i = 0; i < flat->n; i++)
    {
      g_autoptr(GlossAnnotation) annotation = g_list_model_get_item (model, i);

      flat->starts[i] = gloss_annotation_get_start (annotation);
      flat->ends[i] = gloss_annotation_get_end (annotation);
      flat->items[i] = annotation;
    }
}

static void
flat_clear (Flat *flat)
{
  g_free (flat->starts);
  g_free (flat->ends);
  g_free (flat->items);
}

/* Same annotations, same (document) order? */
static gboolean
matches_brute_force (Flat      *flat,
                     GPtrArray *result,
                     Range      range)
{
  guint found = 0;

  for (guint i = 0; i < flat->n; i++)
    {
      gboolean hit = range.start == range.end
                     ? flat->starts[i] <= range.start && range.start < flat->ends[i]
                     : flat->starts[i] < range.end && flat->ends[i] > range.start;

      if (!hit)
        continue;
      if (found >= result->len || g_ptr_array_index (result, found) != flat->items[i])
        return FALSE;
      found++;
    }

  return found == result->len;
}

static Range *
make_ranges (GRand *rand,
             guint  length,
             guint  max_range)
{
  Range *ranges = g_new (Range, N_QUERIES);

  for (guint i = 0; i < N_QUERIES; i++)
    {
      ranges[i].start = g_rand_int_range (rand, 0, length);
      ranges[i].end = max_range == 0
                      ? ranges[i].start
                      : MIN (length, ranges[i].start + g_rand_int_range (rand, 1, max_range + 1));
    }

  return ranges;
}

/* One run: every query, freeing each answer as a caller would. Returns the
 * number of annotations found, so the work cannot be optimised away. */
static guint64
run_queries (GlossAnnotationSet *set,
             const Range        *ranges,
             gboolean            points)
{
  guint64 found = 0;

  for (guint i = 0; i < N_QUERIES; i++)
    {
      g_autoptr(GPtrArray) result = points
                                    ? gloss_annotation_set_at_offset (set, ranges[i].start)
                                    : gloss_annotation_set_in_range (set, ranges[i].start, ranges[i].end);
      found += result->len;
    }

  return found;
}

static gboolean
bench_queries (GlossAnnotationSet *set,
               Flat               *flat,
               const Range        *ranges,
               gboolean            points,
               const char         *what,
               double              target_ms)
{
  double samples[GLOSS_BENCH_RUNS];
  guint64 found = 0;

  /* Check a sample of answers first: a fast wrong answer is worthless. */
  for (guint i = 0; i < N_CHECKED; i++)
    {
      g_autoptr(GPtrArray) result = points
                                    ? gloss_annotation_set_at_offset (set, ranges[i].start)
                                    : gloss_annotation_set_in_range (set, ranges[i].start, ranges[i].end);

      if (!matches_brute_force (flat, result, ranges[i]))
        {
          gloss_bench_fail ("%s: wrong answer for %u–%u (%u annotations returned)",
                            what, ranges[i].start, ranges[i].end, result->len);
          return FALSE;
        }
    }

  for (int run = 0; run <= GLOSS_BENCH_RUNS; run++)
    {
      double start = gloss_bench_now_ms ();

      found = run_queries (set, ranges, points);
      if (run > 0)
        samples[run - 1] = gloss_bench_now_ms () - start;
    }

  gloss_bench_report (what, samples, GLOSS_BENCH_RUNS, target_ms);
  printf ("  %.1f annotations per answer on average\n", (double) found / N_QUERIES);

  return TRUE;
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossBenchArticle) article = NULL;
  g_autoptr(GlossDocument) document = NULL;
  g_autoptr(GlossAnnotationSet) set = NULL;
  g_autoptr(GRand) rand = NULL;
  g_autofree Range *points = NULL;
  g_autofree Range *ranges = NULL;
  GlossBenchCorpusOptions options;
  Flat flat = { 0 };
  const char *text;
  gsize n_bytes;
  double start;
  int status = EXIT_SUCCESS;

  setlocale (LC_ALL, "");
  g_set_prgname ("bench-queries");
  gloss_bench_corpus_options_init (&options);

  /* The generator lengthens the article until it holds enough spans. */
  article = gloss_bench_article_generate (options.seed, GLOSS_BENCH_BIG_BYTES, N_ANNOTATIONS, 0);
  text = gloss_bench_article_get_text (article, &n_bytes);
  document = gloss_document_new_from_text (text, n_bytes, &error);
  if (document == NULL)
    return gloss_bench_fail ("%s", error->message);

  set = gloss_annotation_set_new (document);
  gloss_bench_article_load_into (article, set, 1, &options);
  if (gloss_annotation_set_get_n_annotations (set) != N_ANNOTATIONS)
    return gloss_bench_fail ("the set holds %u annotations, not %u",
                             gloss_annotation_set_get_n_annotations (set), N_ANNOTATIONS);

  printf ("100,000 annotations on a %.1f MB article (%u code points)\n",
          n_bytes / 1e6, gloss_document_get_length (document));

  /* The first query after a load builds the index; report it on its own. */
  start = gloss_bench_now_ms ();
  g_ptr_array_unref (gloss_annotation_set_at_offset (set, 0));
  printf ("first query after loading (builds the index): %.1f ms\n",
          gloss_bench_now_ms () - start);

  flat_init (&flat, set);
  rand = g_rand_new_with_seed (options.seed);
  points = make_ranges (rand, gloss_document_get_length (document), 0);
  ranges = make_ranges (rand, gloss_document_get_length (document), MAX_RANGE);

  if (!bench_queries (set, &flat, points, TRUE,
                      "10,000 at_offset queries, 100,000 annotations", AT_OFFSET_TARGET_MS)
      || !bench_queries (set, &flat, ranges, FALSE,
                         "10,000 in_range queries (up to 2,000 code points), 100,000 annotations",
                         IN_RANGE_TARGET_MS))
    status = EXIT_FAILURE;

  flat_clear (&flat);
  return status;
}

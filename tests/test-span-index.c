/* test-span-index.c — the span index against a brute-force scan
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include "gloss-span-index.h"

/* Every random choice comes from this seed, so a failure reproduces. */
#define SEED 20261206

/* ------------------------------------------------------------------ */
/* The reference: spans in a plain array, scanned whole                 */
/* ------------------------------------------------------------------ */

typedef struct
{
  guint start;
  guint end;
} Span;

/* Positions of the spans sharing a code point with [first, last], in
 * order: what the index must answer, by definition. */
static GArray *
brute_force (GArray *spans,
             guint   first,
             guint   last)
{
  GArray *positions = g_array_new (FALSE, FALSE, sizeof (guint));

  for (guint i = 0; i < spans->len; i++)
    {
      const Span *span = &g_array_index (spans, Span, i);

      if (span->start <= last && span->end > first)
        g_array_append_val (positions, i);
    }

  return positions;
}

static void
assert_positions_equal (GArray     *got,
                        GArray     *expected,
                        const char *what,
                        guint       a,
                        guint       b)
{
  /* An empty GArray may have no data at all: memcmp() must not see it. */
  if (got->len != expected->len
      || (got->len > 0 && memcmp (got->data, expected->data, got->len * sizeof (guint)) != 0))
    {
      g_autoptr(GString) message = g_string_new (NULL);

      g_string_append_printf (message, "%s(%u, %u): got", what, a, b);
      for (guint i = 0; i < got->len; i++)
        g_string_append_printf (message, " %u", g_array_index (got, guint, i));
      g_string_append (message, ", expected");
      for (guint i = 0; i < expected->len; i++)
        g_string_append_printf (message, " %u", g_array_index (expected, guint, i));
      g_test_fail_printf ("%s", message->str);
    }
}

static void
check_at (GlossSpanIndex *index,
          GArray         *spans,
          guint           offset)
{
  g_autoptr(GArray) got = gloss_span_index_query_at (index, offset);
  g_autoptr(GArray) expected = brute_force (spans, offset, offset);

  assert_positions_equal (got, expected, "query_at", offset, offset);
}

static void
check_range (GlossSpanIndex *index,
             GArray         *spans,
             guint           start,
             guint           end)
{
  g_autoptr(GArray) got = gloss_span_index_query_range (index, start, end);
  /* An empty range asks what the caret at @start sits inside. */
  g_autoptr(GArray) expected = brute_force (spans, start, start == end ? start : end - 1);

  assert_positions_equal (got, expected, "query_range", start, end);
}

static void
check_index_mirrors (GlossSpanIndex *index,
                     GArray         *spans)
{
  g_assert_cmpuint (gloss_span_index_get_n_spans (index), ==, spans->len);

  for (guint i = 0; i < spans->len; i++)
    {
      guint start, end;

      gloss_span_index_get_span (index, i, &start, &end);
      g_assert_cmpuint (start, ==, g_array_index (spans, Span, i).start);
      g_assert_cmpuint (end, ==, g_array_index (spans, Span, i).end);
    }
}

/* Queries at every offset of the text and just past it, and random ranges
 * (a third of them empty) of up to @max_range code points. */
static void
check_queries (GlossSpanIndex *index,
               GArray         *spans,
               GRand          *rand,
               guint           text_length,
               guint           max_range,
               guint           n_ranges)
{
  check_index_mirrors (index, spans);

  for (guint offset = 0; offset <= text_length + 1; offset++)
    check_at (index, spans, offset);

  for (guint i = 0; i < n_ranges; i++)
    {
      guint start = g_rand_int_range (rand, 0, text_length + 2);
      guint length = g_rand_int_range (rand, 0, 3) == 0 ? 0 : g_rand_int_range (rand, 1, max_range + 1);

      check_range (index, spans, start, start + length);
    }
}

/* A random span: mostly short (words), some long (quotes, claims holding
 * words), some empty. */
static Span
random_span (GRand *rand,
             guint  text_length)
{
  Span span;
  guint kind = g_rand_int_range (rand, 0, 10);
  guint length;

  if (kind == 0)
    length = 0;
  else if (kind < 8)
    length = g_rand_int_range (rand, 1, 12);
  else
    length = g_rand_int_range (rand, 12, text_length / 4);

  span.start = g_rand_int_range (rand, 0, text_length - MIN (length, text_length - 1));
  span.end = MIN (span.start + length, text_length);

  return span;
}

/* Where @span goes in @spans, sorted by start: a random place among the
 * spans with the same start, as the index must not care how ties are
 * broken. */
static guint
random_insert_position (GArray     *spans,
                        const Span *span,
                        GRand      *rand)
{
  guint lo = 0;
  guint hi;

  while (lo < spans->len && g_array_index (spans, Span, lo).start < span->start)
    lo++;
  hi = lo;
  while (hi < spans->len && g_array_index (spans, Span, hi).start == span->start)
    hi++;

  return g_rand_int_range (rand, lo, hi + 1);
}

static int
compare_spans (gconstpointer a,
               gconstpointer b)
{
  const Span *x = a;
  const Span *y = b;

  if (x->start != y->start)
    return x->start < y->start ? -1 : 1;
  if (x->end != y->end)
    return x->end < y->end ? -1 : 1;
  return 0;
}

static void
build_from (GlossSpanIndex *index,
            GArray         *spans)
{
  g_autofree guint *starts = g_new (guint, MAX (spans->len, 1));
  g_autofree guint *ends = g_new (guint, MAX (spans->len, 1));

  for (guint i = 0; i < spans->len; i++)
    {
      starts[i] = g_array_index (spans, Span, i).start;
      ends[i] = g_array_index (spans, Span, i).end;
    }

  gloss_span_index_build (index, starts, ends, spans->len);
}

/* ------------------------------------------------------------------ */
/* Tests                                                                */
/* ------------------------------------------------------------------ */

static void
test_empty (void)
{
  g_autoptr(GlossSpanIndex) index = gloss_span_index_new ();
  g_autoptr(GArray) at = NULL;
  g_autoptr(GArray) range = NULL;
  g_autoptr(GArray) caret = NULL;

  g_assert_cmpuint (gloss_span_index_get_n_spans (index), ==, 0);

  at = gloss_span_index_query_at (index, 0);
  range = gloss_span_index_query_range (index, 0, G_MAXUINT);
  caret = gloss_span_index_query_range (index, 5, 5);
  g_assert_cmpuint (at->len, ==, 0);
  g_assert_cmpuint (range->len, ==, 0);
  g_assert_cmpuint (caret->len, ==, 0);
}

/* Nested and overlapping spans by hand, with the answers spelled out:
 *
 *   0 [0, 100)   a claim
 *   1 [10, 40)   a quote inside it
 *   2 [10, 15)   a name at the quote's start (same start, shorter)
 *   3 [30, 60)   crossing the quote's end
 *   4 [50, 50)   empty
 *   5 [90, 120)  crossing the claim's end
 *   6 [200, 210) on its own */
static void
test_nested_and_overlapping (void)
{
  static const guint starts[] = { 0, 10, 10, 30, 50, 90, 200 };
  static const guint ends[] = { 100, 40, 15, 60, 50, 120, 210 };
  static const struct
  {
    guint       start;
    guint       end;
    const char *expected;
  } cases[] = {
    { 0, 0, "0" },
    { 10, 10, "0 1 2" },
    { 14, 14, "0 1 2" },
    { 15, 15, "0 1" },
    { 35, 35, "0 1 3" },
    { 40, 40, "0 3" },
    { 50, 50, "0 3" },            /* the empty span covers no caret */
    { 49, 51, "0 3 4" },          /* but a range around it shares its place */
    { 99, 99, "0 5" },
    { 100, 100, "5" },
    { 120, 120, "" },
    { 150, 200, "" },
    { 150, 201, "6" },
    { 0, 1000, "0 1 2 3 4 5 6" },
    { 15, 30, "0 1" },            /* ends are exclusive */
    { 15, 31, "0 1 3" },
    { 209, 209, "6" },
    { 210, 210, "" },
  };
  g_autoptr(GlossSpanIndex) index = gloss_span_index_new ();

  gloss_span_index_build (index, starts, ends, G_N_ELEMENTS (starts));

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GArray) got = gloss_span_index_query_range (index, cases[i].start, cases[i].end);
      g_autoptr(GString) text = g_string_new (NULL);

      for (guint j = 0; j < got->len; j++)
        g_string_append_printf (text, "%s%u", j > 0 ? " " : "", g_array_index (got, guint, j));

      g_test_message ("[%u, %u)", cases[i].start, cases[i].end);
      g_assert_cmpstr (text->str, ==, cases[i].expected);
    }
}

/* Spans reaching the largest offset: the index takes a query's last code
 * point, so nothing overflows. */
static void
test_far_end (void)
{
  static const guint starts[] = { 0, G_MAXUINT - 10, G_MAXUINT - 1 };
  static const guint ends[] = { 5, G_MAXUINT, G_MAXUINT };
  g_autoptr(GlossSpanIndex) index = gloss_span_index_new ();
  g_autoptr(GArray) at = NULL;
  g_autoptr(GArray) range = NULL;
  g_autoptr(GArray) all = NULL;

  gloss_span_index_build (index, starts, ends, G_N_ELEMENTS (starts));

  at = gloss_span_index_query_at (index, G_MAXUINT - 1);
  g_assert_cmpuint (at->len, ==, 2);
  range = gloss_span_index_query_range (index, G_MAXUINT - 5, G_MAXUINT);
  g_assert_cmpuint (range->len, ==, 2);
  all = gloss_span_index_query_range (index, 0, G_MAXUINT);
  g_assert_cmpuint (all->len, ==, 3);
}

/* Random spans, built at once and appended one by one: both answer every
 * query as the brute-force scan does. */
static void
test_random_build (void)
{
  static const guint sizes[] = { 1, 2, 3, 7, 8, 9, 100, 1000 };
  g_autoptr(GRand) rand = g_rand_new_with_seed (SEED);

  for (guint s = 0; s < G_N_ELEMENTS (sizes); s++)
    {
      guint text_length = 50 + sizes[s] * 4;
      g_autoptr(GArray) spans = g_array_new (FALSE, FALSE, sizeof (Span));
      g_autoptr(GlossSpanIndex) built = gloss_span_index_new ();
      g_autoptr(GlossSpanIndex) appended = gloss_span_index_new ();

      for (guint i = 0; i < sizes[s]; i++)
        {
          Span span = random_span (rand, text_length);

          g_array_append_val (spans, span);
        }
      g_array_sort (spans, compare_spans);

      build_from (built, spans);
      for (guint i = 0; i < spans->len; i++)
        gloss_span_index_append (appended,
                                 g_array_index (spans, Span, i).start,
                                 g_array_index (spans, Span, i).end);

      g_test_message ("%u spans over %u code points", sizes[s], text_length);
      check_queries (built, spans, rand, text_length, 300, 500);
      check_queries (appended, spans, rand, text_length, 300, 500);
    }
}

/* Random inserts (ties between equal starts broken at random) and removes,
 * with the queries checked after every few edits, and the index emptied
 * to nothing and rebuilt. */
static void
test_random_updates (void)
{
  const guint text_length = 600;
  g_autoptr(GRand) rand = g_rand_new_with_seed (SEED + 1);
  g_autoptr(GArray) spans = g_array_new (FALSE, FALSE, sizeof (Span));
  g_autoptr(GlossSpanIndex) index = gloss_span_index_new ();

  for (guint round = 0; round < 400; round++)
    {
      /* Grow for the first half, shrink to nothing in the second. */
      gboolean grow = round < 200 ? g_rand_int_range (rand, 0, 4) != 0
                                  : g_rand_int_range (rand, 0, 4) == 0;

      if (grow || spans->len == 0)
        {
          Span span = random_span (rand, text_length);
          guint position = random_insert_position (spans, &span, rand);

          g_array_insert_val (spans, position, span);
          gloss_span_index_insert (index, position, span.start, span.end);
        }
      else
        {
          guint position = g_rand_int_range (rand, 0, spans->len);

          g_array_remove_index (spans, position);
          gloss_span_index_remove (index, position);
        }

      if (round % 7 == 0)
        check_queries (index, spans, rand, text_length, 100, 50);
    }

  while (spans->len > 0)
    {
      g_array_remove_index (spans, spans->len - 1);
      gloss_span_index_remove (index, spans->len);
    }
  check_queries (index, spans, rand, text_length, 100, 50);

  /* Edits right after a query, and a query right after each edit: the
   * lazily rebuilt part must never answer from before the edit. */
  for (guint i = 0; i < 100; i++)
    {
      Span span = random_span (rand, text_length);
      guint position = random_insert_position (spans, &span, rand);

      g_array_insert_val (spans, position, span);
      gloss_span_index_insert (index, position, span.start, span.end);
      check_at (index, spans, span.start);
      check_range (index, spans, span.start, span.end);
    }

  gloss_span_index_clear (index);
  g_array_set_size (spans, 0);
  check_queries (index, spans, rand, text_length, 100, 50);

  /* A whole new set of spans over one that was queried (a reload). */
  for (guint i = 0; i < 100; i++)
    {
      Span span = random_span (rand, text_length);

      g_array_append_val (spans, span);
    }
  g_array_sort (spans, compare_spans);
  build_from (index, spans);
  check_queries (index, spans, rand, text_length, 100, 50);
}

/* Inserting out of start order would make queries miss spans, so the index
 * refuses it. */
static void
test_refuses_disorder (void)
{
  if (g_test_subprocess ())
    {
      g_autoptr(GlossSpanIndex) index = gloss_span_index_new ();

      gloss_span_index_append (index, 10, 20);
      gloss_span_index_insert (index, 1, 5, 6);
      return;
    }

  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_failed ();
  g_test_trap_assert_stderr ("*gloss_span_index_insert*");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/span-index/empty", test_empty);
  g_test_add_func ("/span-index/nested-and-overlapping", test_nested_and_overlapping);
  g_test_add_func ("/span-index/far-end", test_far_end);
  g_test_add_func ("/span-index/random/build", test_random_build);
  g_test_add_func ("/span-index/random/updates", test_random_updates);
  g_test_add_func ("/span-index/refuses-disorder", test_refuses_disorder);

  return g_test_run ();
}

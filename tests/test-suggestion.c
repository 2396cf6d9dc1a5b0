/* test-suggestion.c — a suggested span: its values, a tie, a speaker, and
 * what makes two suggestions the same proposal
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "gloss.h"

static void
test_values (void)
{
  g_autoptr(GlossSuggestion) s = gloss_suggestion_new (GLOSS_SUGGESTION_SOURCE_QUOTES, "quote",
                                                       10, 24, "“We will see,”");
  guint start, end;
  const char *label;
  double score;

  g_assert_cmpstr (gloss_suggestion_get_source (s), ==, "quotes");
  g_assert_cmpstr (gloss_suggestion_get_label (s), ==, "quote");
  g_assert_cmpuint (gloss_suggestion_get_start (s), ==, 10);
  g_assert_cmpuint (gloss_suggestion_get_end (s), ==, 24);
  g_assert_cmpstr (gloss_suggestion_get_exact (s), ==, "“We will see,”");
  g_assert_false (gloss_suggestion_get_score (s, &score));
  g_assert_false (gloss_suggestion_get_speaker (s, NULL, NULL, NULL));
  g_assert_null (gloss_suggestion_get_tie (s));
  g_assert_null (gloss_suggestion_get_detail (s));

  gloss_suggestion_set_score (s, 0.75);
  g_assert_true (gloss_suggestion_get_score (s, &score));
  g_assert_cmpfloat (score, ==, 0.75);
  gloss_suggestion_set_detail (s, "“…,” she said");
  g_assert_cmpstr (gloss_suggestion_get_detail (s), ==, "“…,” she said");
  gloss_suggestion_set_speaker (s, 30, 42, "person");
  g_assert_true (gloss_suggestion_get_speaker (s, &start, &end, &label));
  g_assert_cmpuint (start, ==, 30);
  g_assert_cmpuint (end, ==, 42);
  g_assert_cmpstr (label, ==, "person");
}

static void
test_tie (void)
{
  static const char * const labels[] = { "person", "organization", NULL };
  g_autoptr(GlossSuggestion) s = gloss_suggestion_new (GLOSS_SUGGESTION_SOURCE_SAME_TEXT, NULL, 0, 5, "Vance");
  const char * const *tie;

  gloss_suggestion_set_tie (s, labels);
  tie = gloss_suggestion_get_tie (s);
  g_assert_nonnull (tie);
  g_assert_cmpstr (tie[0], ==, "person");
  g_assert_cmpstr (tie[1], ==, "organization");
  g_assert_null (tie[2]);
  g_assert_null (gloss_suggestion_get_label (s));
}

/* Same span, label and speaker: the same proposal, whatever the source,
 * score or detail; a different speaker is another proposal. */
static void
test_same_proposal (void)
{
  g_autoptr(GlossSuggestion) a = gloss_suggestion_new ("quotes", "quote", 3, 9, "“Yes,”");
  g_autoptr(GlossSuggestion) b = gloss_suggestion_new ("import", "quote", 3, 9, "“Yes,”");
  g_autoptr(GlossSuggestion) c = gloss_suggestion_new ("quotes", "claim", 3, 9, "“Yes,”");
  g_autoptr(GlossSuggestion) d = gloss_suggestion_new ("quotes", "quote", 3, 12, "“Yes,” he");

  gloss_suggestion_set_score (b, 0.2);
  g_assert_true (gloss_suggestion_same_proposal (a, b));
  g_assert_false (gloss_suggestion_same_proposal (a, c));
  g_assert_false (gloss_suggestion_same_proposal (a, d));

  gloss_suggestion_set_speaker (a, 20, 25, "person");
  g_assert_false (gloss_suggestion_same_proposal (a, b));
  gloss_suggestion_set_speaker (b, 20, 25, "person");
  g_assert_true (gloss_suggestion_same_proposal (a, b));
  gloss_suggestion_set_speaker (b, 20, 26, "person");
  g_assert_false (gloss_suggestion_same_proposal (a, b));

  /* Document order: start, then the longer first, then the label. */
  g_assert_cmpint (gloss_suggestion_compare (a, d), >, 0);
  g_assert_cmpint (gloss_suggestion_compare (d, a), <, 0);
  g_assert_cmpint (gloss_suggestion_compare (c, a), <, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/suggestion/values", test_values);
  g_test_add_func ("/suggestion/tie", test_tie);
  g_test_add_func ("/suggestion/same-proposal", test_same_proposal);

  return g_test_run ();
}

/* test-suggestion-filter.c — which suggestions the suggestions list shows:
 * each part of the filter, and how strict each change of it says it is
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include "gloss.h"

static GlossSuggestion *
make (const char *source,
      const char *label,
      const char *exact,
      double      score)
{
  GlossSuggestion *suggestion = gloss_suggestion_new (source, label, 0, g_utf8_strlen (exact, -1), exact);

  if (score >= 0)
    gloss_suggestion_set_score (suggestion, score);

  return suggestion;
}

typedef struct
{
  guint                       n;
  GlossSuggestionFilterChange last;
  guint                       n_notify;
} Changes;

static void
on_changed (GlossSuggestionFilter       *filter,
            GlossSuggestionFilterChange  change,
            Changes                     *changes)
{
  changes->n++;
  changes->last = change;
}

static void
on_notify (GObject    *object,
           GParamSpec *pspec,
           Changes    *changes)
{
  changes->n_notify++;
}

static GlossSuggestionFilter *
new_watched (Changes *changes)
{
  GlossSuggestionFilter *filter = gloss_suggestion_filter_new ();

  memset (changes, 0, sizeof *changes);
  g_signal_connect (filter, "changed", G_CALLBACK (on_changed), changes);
  g_signal_connect (filter, "notify", G_CALLBACK (on_notify), changes);

  return filter;
}

/* One change of the filter: "changed" once with @expected, one notify. */
static void
assert_change (Changes                     *changes,
               GlossSuggestionFilterChange  expected)
{
  g_assert_cmpuint (changes->n, ==, 1);
  g_assert_cmpint (changes->last, ==, expected);
  g_assert_cmpuint (changes->n_notify, ==, 1);
  memset (changes, 0, sizeof *changes);
}

static void
assert_no_change (Changes *changes)
{
  g_assert_cmpuint (changes->n, ==, 0);
  g_assert_cmpuint (changes->n_notify, ==, 0);
}

/* A new filter lets everything through. */
static void
test_empty (void)
{
  g_autoptr(GlossSuggestionFilter) filter = gloss_suggestion_filter_new ();
  g_autoptr(GlossSuggestion) plain = make ("quotes", "quote", "“Yes,”", -1);
  g_autoptr(GlossSuggestion) tie = make ("same-text", NULL, "Ruiz", -1);
  static const char * const labels[] = { "organization", "person", NULL };

  gloss_suggestion_set_tie (tie, labels);
  g_assert_true (gloss_suggestion_filter_is_empty (filter));
  g_assert_true (gloss_suggestion_filter_matches (filter, plain));
  g_assert_true (gloss_suggestion_filter_matches (filter, tie));
  g_assert_null (gloss_suggestion_filter_get_source (filter));
  g_assert_null (gloss_suggestion_filter_get_label (filter));
  g_assert_cmpfloat (gloss_suggestion_filter_get_min_score (filter), ==, 0.0);
  g_assert_cmpstr (gloss_suggestion_filter_get_text (filter), ==, "");

  /* "" is any, as NULL. */
  gloss_suggestion_filter_set_source (filter, "");
  gloss_suggestion_filter_set_label (filter, "");
  g_assert_true (gloss_suggestion_filter_is_empty (filter));
}

static void
test_source (void)
{
  Changes changes;
  g_autoptr(GlossSuggestionFilter) filter = new_watched (&changes);
  g_autoptr(GlossSuggestion) quote = make ("quotes", "quote", "“Yes,”", -1);
  g_autoptr(GlossSuggestion) same = make ("same-text", "person", "Ruiz", -1);
  g_autofree char *value = NULL;

  gloss_suggestion_filter_set_source (filter, "quotes");
  assert_change (&changes, GLOSS_SUGGESTION_FILTER_MORE_STRICT);
  g_assert_false (gloss_suggestion_filter_is_empty (filter));
  g_assert_true (gloss_suggestion_filter_matches (filter, quote));
  g_assert_false (gloss_suggestion_filter_matches (filter, same));

  /* The same again: nothing. */
  gloss_suggestion_filter_set_source (filter, "quotes");
  assert_no_change (&changes);

  g_object_set (filter, "source", "same-text", NULL);
  assert_change (&changes, GLOSS_SUGGESTION_FILTER_DIFFERENT);
  g_object_get (filter, "source", &value, NULL);
  g_assert_cmpstr (value, ==, "same-text");
  g_assert_false (gloss_suggestion_filter_matches (filter, quote));
  g_assert_true (gloss_suggestion_filter_matches (filter, same));

  gloss_suggestion_filter_set_source (filter, "");
  assert_change (&changes, GLOSS_SUGGESTION_FILTER_LESS_STRICT);
  g_assert_true (gloss_suggestion_filter_matches (filter, quote));
  g_assert_true (gloss_suggestion_filter_is_empty (filter));
}

/* A tie matches any of its labels. */
static void
test_label (void)
{
  static const char * const labels[] = { "organization", "person", NULL };
  Changes changes;
  g_autoptr(GlossSuggestionFilter) filter = new_watched (&changes);
  g_autoptr(GlossSuggestion) person = make ("same-text", "person", "Ruiz", -1);
  g_autoptr(GlossSuggestion) place = make ("same-text", "location", "Lagos", -1);
  g_autoptr(GlossSuggestion) tie = make ("same-text", NULL, "Mayor", -1);

  gloss_suggestion_set_tie (tie, labels);

  gloss_suggestion_filter_set_label (filter, "person");
  assert_change (&changes, GLOSS_SUGGESTION_FILTER_MORE_STRICT);
  g_assert_true (gloss_suggestion_filter_matches (filter, person));
  g_assert_false (gloss_suggestion_filter_matches (filter, place));
  g_assert_true (gloss_suggestion_filter_matches (filter, tie));

  g_object_set (filter, "label", "organization", NULL);
  assert_change (&changes, GLOSS_SUGGESTION_FILTER_DIFFERENT);
  g_assert_false (gloss_suggestion_filter_matches (filter, person));
  g_assert_true (gloss_suggestion_filter_matches (filter, tie));

  gloss_suggestion_filter_set_label (filter, "location");
  assert_change (&changes, GLOSS_SUGGESTION_FILTER_DIFFERENT);
  g_assert_true (gloss_suggestion_filter_matches (filter, place));
  g_assert_false (gloss_suggestion_filter_matches (filter, tie));

  gloss_suggestion_filter_set_label (filter, NULL);
  assert_change (&changes, GLOSS_SUGGESTION_FILTER_LESS_STRICT);
  g_assert_true (gloss_suggestion_filter_matches (filter, tie));
}

/* Above 0 a suggestion without a score does not match; 0 is any. */
static void
test_min_score (void)
{
  Changes changes;
  g_autoptr(GlossSuggestionFilter) filter = new_watched (&changes);
  g_autoptr(GlossSuggestion) high = make ("import", "person", "Ruiz", 0.9);
  g_autoptr(GlossSuggestion) low = make ("import", "person", "Ana", 0.4);
  g_autoptr(GlossSuggestion) none = make ("same-text", "person", "Osei", -1);
  double value = -1;

  gloss_suggestion_filter_set_min_score (filter, 0.5);
  assert_change (&changes, GLOSS_SUGGESTION_FILTER_MORE_STRICT);
  g_assert_false (gloss_suggestion_filter_is_empty (filter));
  g_assert_true (gloss_suggestion_filter_matches (filter, high));
  g_assert_false (gloss_suggestion_filter_matches (filter, low));
  g_assert_false (gloss_suggestion_filter_matches (filter, none));

  /* Exactly the minimum matches. */
  g_object_set (filter, "min-score", 0.4, NULL);
  assert_change (&changes, GLOSS_SUGGESTION_FILTER_LESS_STRICT);
  g_object_get (filter, "min-score", &value, NULL);
  g_assert_cmpfloat (value, ==, 0.4);
  g_assert_true (gloss_suggestion_filter_matches (filter, low));
  g_assert_false (gloss_suggestion_filter_matches (filter, none));

  gloss_suggestion_filter_set_min_score (filter, 0.95);
  assert_change (&changes, GLOSS_SUGGESTION_FILTER_MORE_STRICT);
  g_assert_false (gloss_suggestion_filter_matches (filter, high));

  gloss_suggestion_filter_set_min_score (filter, 0.95);
  assert_no_change (&changes);

  gloss_suggestion_filter_set_min_score (filter, 0.0);
  assert_change (&changes, GLOSS_SUGGESTION_FILTER_LESS_STRICT);
  g_assert_true (gloss_suggestion_filter_matches (filter, none));
  g_assert_true (gloss_suggestion_filter_is_empty (filter));
}

/* Contained in the exact text, after NFKC and case folding; typing on is
 * stricter, deleting less, another text different. */
static void
test_text (void)
{
  Changes changes;
  g_autoptr(GlossSuggestionFilter) filter = new_watched (&changes);
  g_autoptr(GlossSuggestion) ruiz = make ("same-text", "person", "Mayor Ana Ruiz", -1);
  /* "ﬁ" (U+FB01, a ligature) and a full-width "Ｓ" (U+FF33) */
  g_autoptr(GlossSuggestion) office = make ("same-text", "organization", "Of\xef\xac\x81" "ce of \xef\xbc\xb3TRASSE", -1);
  g_autoptr(GlossSuggestion) german = make ("same-text", "location", "Stra\xc3\x9f" "e", -1);

  gloss_suggestion_filter_set_text (filter, "r");
  assert_change (&changes, GLOSS_SUGGESTION_FILTER_MORE_STRICT);
  g_assert_true (gloss_suggestion_filter_matches (filter, ruiz));

  gloss_suggestion_filter_set_text (filter, "RU");
  assert_change (&changes, GLOSS_SUGGESTION_FILTER_MORE_STRICT);
  g_assert_cmpstr (gloss_suggestion_filter_get_text (filter), ==, "RU");
  g_assert_true (gloss_suggestion_filter_matches (filter, ruiz));
  g_assert_false (gloss_suggestion_filter_matches (filter, office));

  /* Only the case changed: what matches is the same, so no "changed". */
  gloss_suggestion_filter_set_text (filter, "ru");
  g_assert_cmpuint (changes.n, ==, 0);
  g_assert_cmpuint (changes.n_notify, ==, 1);
  memset (&changes, 0, sizeof changes);

  gloss_suggestion_filter_set_text (filter, "u");
  assert_change (&changes, GLOSS_SUGGESTION_FILTER_LESS_STRICT);

  g_object_set (filter, "text", "office", NULL);
  assert_change (&changes, GLOSS_SUGGESTION_FILTER_DIFFERENT);
  g_assert_true (gloss_suggestion_filter_matches (filter, office));
  g_assert_false (gloss_suggestion_filter_matches (filter, ruiz));

  /* The full-width letter is its plain one; ß folds to ss. */
  gloss_suggestion_filter_set_text (filter, "strasse");
  assert_change (&changes, GLOSS_SUGGESTION_FILTER_DIFFERENT);
  g_assert_true (gloss_suggestion_filter_matches (filter, office));
  g_assert_true (gloss_suggestion_filter_matches (filter, german));
  g_assert_false (gloss_suggestion_filter_matches (filter, ruiz));

  /* Matched again after the first match kept the folded text. */
  g_assert_true (gloss_suggestion_filter_matches (filter, german));

  gloss_suggestion_filter_set_text (filter, NULL);
  assert_change (&changes, GLOSS_SUGGESTION_FILTER_LESS_STRICT);
  g_assert_cmpstr (gloss_suggestion_filter_get_text (filter), ==, "");
  g_assert_true (gloss_suggestion_filter_is_empty (filter));
  g_assert_true (gloss_suggestion_filter_matches (filter, ruiz));
}

/* Every part must hold. */
static void
test_all_parts (void)
{
  g_autoptr(GlossSuggestionFilter) filter = g_object_new (GLOSS_TYPE_SUGGESTION_FILTER,
                                                          "source", "import",
                                                          "label", "person",
                                                          "min-score", 0.5,
                                                          "text", "ruiz",
                                                          NULL);
  g_autoptr(GlossSuggestion) yes = make ("import", "person", "Ruiz", 0.8);
  g_autoptr(GlossSuggestion) source = make ("same-text", "person", "Ruiz", 0.8);
  g_autoptr(GlossSuggestion) label = make ("import", "organization", "Ruiz", 0.8);
  g_autoptr(GlossSuggestion) score = make ("import", "person", "Ruiz", 0.2);
  g_autoptr(GlossSuggestion) text = make ("import", "person", "Osei", 0.8);

  g_assert_true (gloss_suggestion_filter_matches (filter, yes));
  g_assert_false (gloss_suggestion_filter_matches (filter, source));
  g_assert_false (gloss_suggestion_filter_matches (filter, label));
  g_assert_false (gloss_suggestion_filter_matches (filter, score));
  g_assert_false (gloss_suggestion_filter_matches (filter, text));
}

/* The change enum is registered, with its nicks. */
static void
test_enum (void)
{
  g_autoptr(GEnumClass) klass = g_type_class_ref (GLOSS_TYPE_SUGGESTION_FILTER_CHANGE);

  g_assert_true (G_TYPE_IS_ENUM (GLOSS_TYPE_SUGGESTION_FILTER_CHANGE));
  g_assert_cmpstr (g_enum_get_value (klass, GLOSS_SUGGESTION_FILTER_MORE_STRICT)->value_nick, ==,
                   "more-strict");
  g_assert_cmpstr (g_enum_get_value (klass, GLOSS_SUGGESTION_FILTER_LESS_STRICT)->value_nick, ==,
                   "less-strict");
  g_assert_cmpstr (g_enum_get_value (klass, GLOSS_SUGGESTION_FILTER_DIFFERENT)->value_nick, ==,
                   "different");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/suggestion-filter/empty", test_empty);
  g_test_add_func ("/suggestion-filter/source", test_source);
  g_test_add_func ("/suggestion-filter/label", test_label);
  g_test_add_func ("/suggestion-filter/min-score", test_min_score);
  g_test_add_func ("/suggestion-filter/text", test_text);
  g_test_add_func ("/suggestion-filter/all-parts", test_all_parts);
  g_test_add_func ("/suggestion-filter/enum", test_enum);

  return g_test_run ();
}

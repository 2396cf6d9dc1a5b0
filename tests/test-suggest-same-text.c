/* test-suggest-same-text.c — "same text elsewhere": the corpus index, whole
 * words by the article's own boundaries, votes and ties, what an
 * annotation already there rules out, and the matcher against a brute
 * force
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <stdio.h>
#include <string.h>

#include "gloss.h"
#include "gloss-test-utils.h"

/* Every random choice comes from this seed, so a failure reproduces. */
#define SEED 20261206

/* ------------------------------------------------------------------ */
/* Helpers                                                              */
/* ------------------------------------------------------------------ */

static GlossAnnotationSet *
set_new (const char *text)
{
  g_autoptr(GlossDocument) document = gloss_test_doc_new (text);

  return gloss_annotation_set_new (document);
}

/* Code point offset of the @nth (from 0) occurrence of @needle. */
static guint
find_nth (GlossAnnotationSet *set,
          const char         *needle,
          guint               nth)
{
  GlossDocument *document = gloss_annotation_set_get_document (set);
  const char *text = gloss_document_get_text (document);
  const char *at = text;

  for (;;)
    {
      at = strstr (at, needle);
      g_assert_nonnull (at);
      if (nth-- == 0)
        break;
      at++;
    }

  return gloss_document_byte_to_offset (document, at - text);
}

/* Marks the @nth occurrence of @needle as @label. */
static GlossAnnotation *
mark (GlossAnnotationSet *set,
      const char         *label,
      const char         *needle,
      guint               nth)
{
  g_autoptr(GError) error = NULL;
  guint start = find_nth (set, needle, nth);
  GlossAnnotation *annotation;

  annotation = gloss_annotation_set_create (set, label, start,
                                            start + (guint) g_utf8_strlen (needle, -1), &error);
  g_assert_no_error (error);

  return annotation;
}

/* The suggestions as "start-end label exact" lines ("start-end [a|b]
 * exact" for a tie), to compare in one assertion. */
static char *
describe (GPtrArray *suggestions)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < suggestions->len; i++)
    {
      GlossSuggestion *s = g_ptr_array_index (suggestions, i);
      const char *label = gloss_suggestion_get_label (s);

      g_assert_cmpstr (gloss_suggestion_get_source (s), ==, GLOSS_SUGGESTION_SOURCE_SAME_TEXT);
      g_string_append_printf (out, "%u-%u ", gloss_suggestion_get_start (s),
                              gloss_suggestion_get_end (s));
      if (label != NULL)
        {
          g_assert_null (gloss_suggestion_get_tie (s));
          g_string_append (out, label);
        }
      else
        {
          g_autofree char *tie = g_strjoinv ("|", (char **) gloss_suggestion_get_tie (s));

          g_string_append_printf (out, "[%s]", tie);
        }
      g_string_append_printf (out, " %s\n", gloss_suggestion_get_exact (s));
    }

  return g_string_free (out, FALSE);
}

/* Suggestions for @set alone (no corpus), described. */
static char *
suggest_alone (GlossAnnotationSet *set)
{
  g_autoptr(GPtrArray) suggestions = gloss_suggest_same_text (set, NULL, NULL);

  return describe (suggestions);
}

/* Each suggestion's exact is the document's text at its span. */
static void
assert_exact_matches_text (GlossAnnotationSet *set,
                           GPtrArray          *suggestions)
{
  GlossDocument *document = gloss_annotation_set_get_document (set);

  for (guint i = 0; i < suggestions->len; i++)
    {
      GlossSuggestion *s = g_ptr_array_index (suggestions, i);

      g_assert_true (gloss_document_slice_equals (document, gloss_suggestion_get_start (s),
                                                  gloss_suggestion_get_end (s),
                                                  gloss_suggestion_get_exact (s)));
    }
}

/* ------------------------------------------------------------------ */
/* Whole words, case, clitics                                           */
/* ------------------------------------------------------------------ */

static void
test_whole_words (void)
{
  g_autoptr(GlossAnnotationSet) set =
    set_new ("Vance met Vance. Vancer and aVance, Vance_x, 3Vance, Vance-led. Vance");
  g_autofree char *got = NULL;

  mark (set, "person", "Vance", 0);
  got = suggest_alone (set);
  /* Not inside "Vancer", "aVance", "Vance_x" or "3Vance" (one word each);
   * the hyphen is a boundary, so "Vance-led" holds it. */
  g_assert_cmpstr (got, ==,
                   "10-15 person Vance\n"
                   "53-58 person Vance\n"
                   "64-69 person Vance\n");
}

static void
test_case (void)
{
  g_autoptr(GlossAnnotationSet) set = set_new ("Reed Bank; reed bank; REED BANK; Reed bank; Reed Bank.");
  g_autofree char *got = NULL;
  g_autoptr(GPtrArray) suggestions = NULL;
  double score;

  mark (set, "location", "Reed Bank", 0);
  got = suggest_alone (set);
  g_assert_cmpstr (got, ==, "44-53 location Reed Bank\n");

  /* The article alone is one vote: unanimous. */
  suggestions = gloss_suggest_same_text (set, NULL, NULL);
  g_assert_true (gloss_suggestion_get_score (g_ptr_array_index (suggestions, 0), &score));
  g_assert_cmpfloat (score, ==, 1.0);
  g_assert_cmpstr (gloss_suggestion_get_detail (g_ptr_array_index (suggestions, 0)), ==, "location 1×");
}

/* The document's clitic rule: "Núñez" stands in "Núñez’s" and "Núñez's"
 * (the clitic is a word of its own), not in "Núñezes" nor in "O’Núñez"
 * (the apostrophe between letters joins them). Offsets in code points. */
static void
test_clitics (void)
{
  g_autoptr(GlossAnnotationSet) set =
    set_new ("Núñez spoke. Núñez’s plan, Núñez's team, the Núñezes, O’Núñez. NÚÑEZ’s");
  g_autoptr(GPtrArray) suggestions = NULL;
  g_autofree char *got = NULL;

  mark (set, "person", "Núñez", 0);
  suggestions = gloss_suggest_same_text (set, NULL, NULL);
  got = describe (suggestions);
  g_assert_cmpstr (got, ==,
                   "13-18 person Núñez\n"
                   "27-32 person Núñez\n");
  assert_exact_matches_text (set, suggestions);
}

/* An emoji (a ZWJ sequence included) next to the name leaves it a whole
 * word; a joiner or a combining mark after it makes it part of another
 * grapheme, and no match. Offsets count the emoji's code points. */
static void
test_emoji_and_marks (void)
{
  g_autoptr(GlossAnnotationSet) set =
    set_new ("Ana here. 👩‍🔬Ana, Ana‍ x, Ana\xcc\x81 y, Ana🙂 z, e\xcc\x81" "Ana, Ana.");
  g_autoptr(GPtrArray) suggestions = NULL;
  g_autofree char *got = NULL;

  mark (set, "person", "Ana", 0);
  suggestions = gloss_suggest_same_text (set, NULL, NULL);
  got = describe (suggestions);
  /* "Ana here. " is 10 code points; 👩‍🔬 three more. */
  g_assert_cmpstr (got, ==,
                   "13-16 person Ana\n"
                   "34-37 person Ana\n"
                   "49-52 person Ana\n");
  assert_exact_matches_text (set, suggestions);
}

/* CRLF counts as two code points, as everywhere in Gloss. */
static void
test_crlf (void)
{
  g_autoptr(GlossAnnotationSet) set = set_new ("Ana said.\r\nAna left.\r\n\r\nAna.\r\n");
  g_autoptr(GPtrArray) suggestions = NULL;
  g_autofree char *got = NULL;

  mark (set, "person", "Ana", 0);
  suggestions = gloss_suggest_same_text (set, NULL, NULL);
  got = describe (suggestions);
  g_assert_cmpstr (got, ==,
                   "11-14 person Ana\n"
                   "24-27 person Ana\n");
  assert_exact_matches_text (set, suggestions);
}

/* A text across a line break is found as it stands, CR and LF both. */
static void
test_crlf_inside (void)
{
  g_autoptr(GlossAnnotationSet) set = set_new ("New\r\nYork; New\r\nYork; New\nYork");
  g_autofree char *got = NULL;

  mark (set, "location", "New\r\nYork", 0);
  got = suggest_alone (set);
  g_assert_cmpstr (got, ==, "11-20 location New\r\nYork\n");
}

/* A text ending in a lone CR is not found where the CR starts a CRLF,
 * which is one grapheme: the span would cut it. */
static void
test_crlf_cut (void)
{
  g_autoptr(GlossSameTextIndex) index = gloss_same_text_index_new ();
  g_autoptr(GlossAnnotationSet) other = set_new ("Ana\r");
  g_autoptr(GlossAnnotationSet) set = set_new ("Ana\r\nAna\r");
  g_autoptr(GPtrArray) suggestions = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *got = NULL;

  g_assert_nonnull (gloss_annotation_set_create (other, "person", 0, 4, &error));
  g_assert_no_error (error);
  gloss_same_text_index_add (index, "other", other);
  suggestions = gloss_suggest_same_text (set, index, NULL);
  got = describe (suggestions);
  g_assert_cmpstr (got, ==, "5-9 person Ana\r\n");
}

/* ------------------------------------------------------------------ */
/* The corpus: votes, ties, score, detail                               */
/* ------------------------------------------------------------------ */

static void
add_article (GlossSameTextIndex *index,
             const char         *key,
             const char         *text,
             const char         *label,
             const char         *needle)
{
  g_autoptr(GlossAnnotationSet) set = set_new (text);

  if (label != NULL)
    mark (set, label, needle, 0);
  gloss_same_text_index_add (index, key, set);
}

static void
test_corpus_index (void)
{
  g_autoptr(GlossSameTextIndex) index = gloss_same_text_index_new ();
  g_autoptr(GlossAnnotationSet) b = set_new ("Jordan won. Jordan again. Amman.");
  g_auto(GStrv) labels = NULL;
  guint n_spans;

  add_article (index, "a", "Jordan spoke.", "person", "Jordan");
  mark (b, "location", "Jordan", 0);
  mark (b, "location", "Jordan", 1);
  mark (b, "location", "Amman", 0);
  /* A text with no letter or digit is not kept. */
  mark (b, "misc", ".", 0);
  gloss_same_text_index_add (index, "b", b);

  g_assert_cmpuint (gloss_same_text_index_get_n_articles (index), ==, 2);
  g_assert_cmpuint (gloss_same_text_index_get_n_texts (index), ==, 2);
  labels = gloss_same_text_index_dup_labels (index, "Jordan");
  g_assert_cmpuint (g_strv_length (labels), ==, 2);
  g_assert_cmpstr (labels[0], ==, "location");
  g_assert_cmpstr (labels[1], ==, "person");
  g_assert_cmpuint (gloss_same_text_index_count (index, "Jordan", "location", &n_spans), ==, 1);
  g_assert_cmpuint (n_spans, ==, 2);
  g_assert_cmpuint (gloss_same_text_index_count (index, "Jordan", "person", &n_spans), ==, 1);
  g_assert_cmpuint (n_spans, ==, 1);
  g_assert_cmpuint (gloss_same_text_index_count (index, "Jordan", "misc", &n_spans), ==, 0);
  g_assert_cmpuint (n_spans, ==, 0);
  g_assert_cmpuint (gloss_same_text_index_count (index, ".", "misc", NULL), ==, 0);

  /* Adding under a key again replaces what it brought. */
  add_article (index, "b", "Amman.", "location", "Amman");
  g_assert_cmpuint (gloss_same_text_index_get_n_articles (index), ==, 2);
  g_assert_cmpuint (gloss_same_text_index_count (index, "Jordan", "location", NULL), ==, 0);
  g_assert_cmpuint (gloss_same_text_index_count (index, "Amman", "location", NULL), ==, 1);
  g_clear_pointer (&labels, g_strfreev);
  labels = gloss_same_text_index_dup_labels (index, "Jordan");
  g_assert_cmpuint (g_strv_length (labels), ==, 1);

  g_assert_true (gloss_same_text_index_remove (index, "a"));
  g_assert_false (gloss_same_text_index_remove (index, "a"));
  g_assert_cmpuint (gloss_same_text_index_get_n_articles (index), ==, 1);
  g_assert_cmpuint (gloss_same_text_index_get_n_texts (index), ==, 1);
  g_clear_pointer (&labels, g_strfreev);
  labels = gloss_same_text_index_dup_labels (index, "Jordan");
  g_assert_cmpuint (g_strv_length (labels), ==, 0);
}

/* Orphans have no text in the article: they are not counted. */
static void
test_orphans_not_counted (void)
{
  g_autoptr(GlossSameTextIndex) index = gloss_same_text_index_new ();
  g_autoptr(GlossAnnotationSet) set = set_new ("Ana and Ben.");
  g_autoptr(GPtrArray) annotations = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) relations = g_ptr_array_new_with_free_func (g_object_unref);
  GlossAnnotation *orphan = gloss_annotation_new ("a-1", "person", 0, 3);

  gloss_annotation_set_status (orphan, GLOSS_ANCHOR_ORPHANED);
  gloss_annotation_set_exact (orphan, "Ana");
  g_ptr_array_add (annotations, orphan);
  g_ptr_array_add (annotations, gloss_annotation_new_full ("a-2", "person", 8, 11, "Ben",
                                                           NULL, NULL, NULL, NULL, NULL));
  gloss_annotation_set_load (set, annotations, relations);

  gloss_same_text_index_add (index, "x", set);
  g_assert_cmpuint (gloss_same_text_index_get_n_texts (index), ==, 1);
  g_assert_cmpuint (gloss_same_text_index_count (index, "Ana", "person", NULL), ==, 0);
  g_assert_cmpuint (gloss_same_text_index_count (index, "Ben", "person", NULL), ==, 1);
}

static GPtrArray *
suggest_for (GlossSameTextIndex *index,
             const char         *text)
{
  g_autoptr(GlossAnnotationSet) set = set_new (text);

  return gloss_suggest_same_text (set, index, NULL);
}

/* Two labels with the most votes: no label, the tie in the label set's
 * order (person before location, though "location" sorts first), each
 * one's share as the score, ids and counts as the detail. */
static void
test_tie (void)
{
  g_autoptr(GlossSameTextIndex) index = gloss_same_text_index_new ();
  g_autoptr(GPtrArray) suggestions = NULL;
  g_autofree char *got = NULL;
  GlossSuggestion *s;
  const char * const *tie;
  double score;

  add_article (index, "a", "Jordan spoke.", "location", "Jordan");
  add_article (index, "b", "Jordan again.", "person", "Jordan");
  add_article (index, "c", "And Jordan.", "organization", "Jordan");
  add_article (index, "d", "Jordan, Jordan.", "organization", "Jordan");
  add_article (index, "e", "Jordan, said Jordan.", "person", "Jordan");

  suggestions = suggest_for (index, "Then Jordan left.");
  got = describe (suggestions);
  g_assert_cmpstr (got, ==, "5-11 [person|organization] Jordan\n");
  s = g_ptr_array_index (suggestions, 0);
  tie = gloss_suggestion_get_tie (s);
  g_assert_cmpuint (g_strv_length ((char **) tie), ==, 2);
  g_assert_true (gloss_suggestion_get_score (s, &score));
  g_assert_cmpfloat_with_epsilon (score, 0.4, 1e-9);
  g_assert_cmpstr (gloss_suggestion_get_detail (s), ==, "person 2×, organization 2×, location 1×");
}

/* Labels outside the label set come after its own, in byte order. */
static void
test_tie_unknown_labels (void)
{
  g_autoptr(GlossSameTextIndex) index = gloss_same_text_index_new ();
  g_autoptr(GPtrArray) suggestions = NULL;
  g_autofree char *got = NULL;

  add_article (index, "a", "Mercury", "zeta", "Mercury");
  add_article (index, "b", "Mercury", "alpha", "Mercury");
  add_article (index, "c", "Mercury", "misc", "Mercury");

  suggestions = suggest_for (index, "Mercury rose.");
  got = describe (suggestions);
  g_assert_cmpstr (got, ==, "0-7 [misc|alpha|zeta] Mercury\n");
  g_assert_cmpstr (gloss_suggestion_get_detail (g_ptr_array_index (suggestions, 0)), ==,
                   "misc 1×, alpha 1×, zeta 1×");
}

/* A majority is no arbitrary pick: its label, with its share as score. An
 * article votes once, however often it marked the text. */
static void
test_majority (void)
{
  g_autoptr(GlossSameTextIndex) index = gloss_same_text_index_new ();
  g_autoptr(GlossAnnotationSet) many = set_new ("Apple, Apple, Apple, Apple.");
  g_autoptr(GPtrArray) suggestions = NULL;
  g_autofree char *got = NULL;
  GlossSuggestion *s;
  double score;

  add_article (index, "a", "Apple rose.", "organization", "Apple");
  add_article (index, "b", "Apple fell.", "organization", "Apple");
  for (guint i = 0; i < 4; i++)
    mark (many, "misc", "Apple", i);
  gloss_same_text_index_add (index, "c", many);

  suggestions = suggest_for (index, "Shares of Apple.");
  got = describe (suggestions);
  g_assert_cmpstr (got, ==, "10-15 organization Apple\n");
  s = g_ptr_array_index (suggestions, 0);
  g_assert_true (gloss_suggestion_get_score (s, &score));
  g_assert_cmpfloat_with_epsilon (score, 2.0 / 3.0, 1e-9);
  g_assert_cmpstr (gloss_suggestion_get_detail (s), ==, "organization 2×, misc 1×");

  /* Unanimous: 1.0. */
  g_assert_true (gloss_same_text_index_remove (index, "c"));
  g_clear_pointer (&suggestions, g_ptr_array_unref);
  suggestions = suggest_for (index, "Shares of Apple.");
  s = g_ptr_array_index (suggestions, 0);
  g_assert_true (gloss_suggestion_get_score (s, &score));
  g_assert_cmpfloat (score, ==, 1.0);
  g_assert_cmpstr (gloss_suggestion_get_detail (s), ==, "organization 2×");
}

/* The set as it is now stands in for what the index holds under its key:
 * a label changed since the index was built counts once, as it is now. */
static void
test_own_article_replaces_index (void)
{
  g_autoptr(GlossSameTextIndex) index = gloss_same_text_index_new ();
  g_autoptr(GlossAnnotationSet) c = set_new ("Vance spoke. Later Vance left.");
  g_autoptr(GPtrArray) with_key = NULL;
  g_autoptr(GPtrArray) without_key = NULL;
  g_autofree char *got_with = NULL;
  g_autofree char *got_without = NULL;
  g_autoptr(GError) error = NULL;
  GlossAnnotation *vance;

  add_article (index, "a", "Vance.", "person", "Vance");
  vance = mark (c, "person", "Vance", 0);
  gloss_same_text_index_add (index, "c", c);

  g_assert_true (gloss_annotation_set_change_label (c, vance, "organization", &error));
  g_assert_no_error (error);

  with_key = gloss_suggest_same_text (c, index, "c");
  got_with = describe (with_key);
  g_assert_cmpstr (got_with, ==, "19-24 [person|organization] Vance\n");

  /* Without its key the old vote counts too: person 2, organization 1. */
  without_key = gloss_suggest_same_text (c, index, NULL);
  got_without = describe (without_key);
  g_assert_cmpstr (got_without, ==, "19-24 person Vance\n");
}

/* Marks made since the index was built are searched for at once, and a
 * text the article no longer marks is not suggested from its old vote. */
static void
test_own_new_and_removed_marks (void)
{
  g_autoptr(GlossSameTextIndex) index = gloss_same_text_index_new ();
  g_autoptr(GlossAnnotationSet) set = set_new ("Ana met Ben. Ana and Ben.");
  g_autoptr(GError) error = NULL;
  g_autofree char *got = NULL;
  g_autoptr(GPtrArray) suggestions = NULL;
  GlossAnnotation *ana;

  add_article (index, "other", "Nothing here.", NULL, NULL);
  ana = mark (set, "person", "Ana", 0);
  gloss_same_text_index_add (index, "this", set);
  g_assert_true (gloss_annotation_set_remove (set, ana, &error));
  g_assert_no_error (error);
  mark (set, "person", "Ben", 0);

  suggestions = gloss_suggest_same_text (set, index, "this");
  got = describe (suggestions);
  g_assert_cmpstr (got, ==, "21-24 person Ben\n");
}

/* A corpus of several articles: each article's suggestions come from all
 * of them, its own marks included, in document order. */
static void
test_corpus (void)
{
  static const char * const texts[] = {
    "Mayor Li Wei said the Harbour Trust would vote. Li Wei left.",
    "The Harbour Trust met Li Wei in Kowloon.",
    "In Kowloon, Li Wei and the Trust spoke. Harbour Trust.",
  };
  g_autoptr(GlossSameTextIndex) index = gloss_same_text_index_new ();
  GlossAnnotationSet *sets[3];
  g_autofree char *got0 = NULL;
  g_autofree char *got1 = NULL;
  g_autofree char *got2 = NULL;

  for (guint i = 0; i < 3; i++)
    sets[i] = set_new (texts[i]);
  mark (sets[0], "person", "Li Wei", 0);
  mark (sets[0], "organization", "Harbour Trust", 0);
  mark (sets[1], "location", "Kowloon", 0);
  for (guint i = 0; i < 3; i++)
    {
      g_autofree char *key = g_strdup_printf ("article-%u", i);

      gloss_same_text_index_add (index, key, sets[i]);
    }

  {
    g_autoptr(GPtrArray) s0 = gloss_suggest_same_text (sets[0], index, "article-0");
    g_autoptr(GPtrArray) s1 = gloss_suggest_same_text (sets[1], index, "article-1");
    g_autoptr(GPtrArray) s2 = gloss_suggest_same_text (sets[2], index, "article-2");

    got0 = describe (s0);
    got1 = describe (s1);
    got2 = describe (s2);
    assert_exact_matches_text (sets[2], s2);
  }

  g_assert_cmpstr (got0, ==, "48-54 person Li Wei\n");
  g_assert_cmpstr (got1, ==,
                   "4-17 organization Harbour Trust\n"
                   "22-28 person Li Wei\n");
  g_assert_cmpstr (got2, ==,
                   "3-10 location Kowloon\n"
                   "12-18 person Li Wei\n"
                   "40-53 organization Harbour Trust\n");

  for (guint i = 0; i < 3; i++)
    g_object_unref (sets[i]);
}

/* ------------------------------------------------------------------ */
/* What an annotation already there rules out                           */
/* ------------------------------------------------------------------ */

static void
test_already_annotated (void)
{
  g_autoptr(GlossSameTextIndex) index = gloss_same_text_index_new ();
  g_autoptr(GlossAnnotationSet) set =
    set_new ("Núñez: a. María Núñez b. “Núñez won,” c. Núñez Ltd d. Núñez e.");
  g_autoptr(GPtrArray) suggestions = NULL;
  g_autofree char *got = NULL;

  add_article (index, "other", "Núñez.", "person", "Núñez");
  /* The same span with another label: the person decided there. */
  mark (set, "organization", "Núñez", 0);
  /* Inside a span of the same label: marked already. */
  mark (set, "person", "María Núñez", 0);
  /* Inside a quote: another label, suggested. */
  mark (set, "quote", "“Núñez won,”", 0);
  /* Crossing "Núñez" of "Núñez Ltd": ruled out ("z Ltd" is a wrong cut). */
  {
    g_autoptr(GError) error = NULL;
    guint start = find_nth (set, "Núñez Ltd", 0);

    g_assert_nonnull (gloss_annotation_set_create (set, "misc", start + 4, start + 9, &error));
    g_assert_no_error (error);
  }

  suggestions = gloss_suggest_same_text (set, index, NULL);
  got = describe (suggestions);
  /* The set's own "organization" vote ties it with the corpus's person. */
  g_assert_cmpstr (got, ==,
                   "26-31 [person|organization] Núñez\n"
                   "54-59 [person|organization] Núñez\n");
}

/* Within a longer suggestion of the same label the shorter is not
 * suggested; of another label it is (a place inside a name). A text that
 * ends another ("Maria" in "Anna Maria") is found too. */
static void
test_nested_suggestions (void)
{
  g_autoptr(GlossSameTextIndex) index = gloss_same_text_index_new ();
  g_autoptr(GPtrArray) same = NULL;
  g_autoptr(GPtrArray) other = NULL;
  g_autofree char *got_same = NULL;
  g_autofree char *got_other = NULL;

  add_article (index, "a", "New York", "location", "New York");
  add_article (index, "b", "York", "location", "York");
  same = suggest_for (index, "New York and York.");
  got_same = describe (same);
  g_assert_cmpstr (got_same, ==,
                   "0-8 location New York\n"
                   "13-17 location York\n");

  add_article (index, "c", "Anna Maria", "person", "Anna Maria");
  add_article (index, "d", "Maria", "location", "Maria");
  other = suggest_for (index, "Anna Maria, Maria.");
  got_other = describe (other);
  g_assert_cmpstr (got_other, ==,
                   "0-10 person Anna Maria\n"
                   "5-10 location Maria\n"
                   "12-17 location Maria\n");
}

static void
test_nothing (void)
{
  g_autoptr(GlossSameTextIndex) index = gloss_same_text_index_new ();
  g_autoptr(GlossAnnotationSet) empty = set_new ("x");
  g_autoptr(GPtrArray) none = gloss_suggest_same_text (empty, NULL, NULL);
  g_autoptr(GPtrArray) none_either = gloss_suggest_same_text (empty, index, "x");
  g_autoptr(GlossAnnotationSet) one = set_new ("Ana.");
  g_autoptr(GPtrArray) only_itself = NULL;

  g_assert_cmpuint (none->len, ==, 0);
  g_assert_cmpuint (none_either->len, ==, 0);

  /* The one span marked is no suggestion of itself. */
  mark (one, "person", "Ana", 0);
  only_itself = gloss_suggest_same_text (one, NULL, NULL);
  g_assert_cmpuint (only_itself->len, ==, 0);
}

/* ------------------------------------------------------------------ */
/* The matcher against a brute force                                    */
/* ------------------------------------------------------------------ */

/* Words that are prefixes, suffixes and parts of one another, so that the
 * automaton's fail and output links are all used. */
static const char * const words[] = { "a", "ab", "ba", "aba", "bab", "b", "abab", "é", "aé" };

static char *
random_phrase (GRand *rand,
               guint  max_words)
{
  GString *phrase = g_string_new (NULL);
  guint n = g_rand_int_range (rand, 1, max_words + 1);

  for (guint i = 0; i < n; i++)
    {
      if (i > 0)
        g_string_append_c (phrase, ' ');
      g_string_append (phrase, words[g_rand_int_range (rand, 0, G_N_ELEMENTS (words))]);
    }

  return g_string_free (phrase, FALSE);
}

/* Where @pattern stands as whole space-separated words in @text: what the
 * document's boundaries say of such text, by definition. */
static void
brute_force (const char *text,
             const char *pattern,
             const char *label,
             GString    *out)
{
  gsize n = strlen (pattern);

  for (const char *at = strstr (text, pattern); at != NULL; at = strstr (at + 1, pattern))
    {
      if ((at == text || at[-1] == ' ') && (at[n] == '\0' || at[n] == ' '))
        {
          glong start = g_utf8_pointer_to_offset (text, at);

          g_string_append_printf (out, "%ld-%ld %s %s\n", start,
                                  start + g_utf8_strlen (pattern, -1), label, pattern);
        }
    }
}

typedef struct
{
  guint       start;
  guint       end;
  char       *line;
} Line;

static int
compare_lines (gconstpointer a,
               gconstpointer b)
{
  const Line *la = a;
  const Line *lb = b;

  if (la->start != lb->start)
    return la->start < lb->start ? -1 : 1;
  if (la->end != lb->end)
    return la->end > lb->end ? -1 : 1;
  return strcmp (la->line, lb->line);
}

/* Sorts "start-end label exact" lines into document order. */
static char *
sort_lines (const char *lines)
{
  g_auto(GStrv) split = g_strsplit (lines, "\n", -1);
  g_autoptr(GArray) sorted = g_array_new (FALSE, FALSE, sizeof (Line));
  GString *out = g_string_new (NULL);

  for (guint i = 0; split[i] != NULL; i++)
    {
      Line line = { 0, 0, split[i] };

      if (split[i][0] == '\0')
        continue;
      g_assert_cmpint (sscanf (split[i], "%u-%u", &line.start, &line.end), ==, 2);
      g_array_append_val (sorted, line);
    }
  g_array_sort (sorted, compare_lines);
  for (guint i = 0; i < sorted->len; i++)
    g_string_append_printf (out, "%s\n", g_array_index (sorted, Line, i).line);

  return g_string_free (out, FALSE);
}

/* Random phrases over overlapping words, each with a label of its own (so
 * that none hides another), marked in other articles: every whole-word
 * occurrence in a random article is suggested, and nothing else. */
static void
test_matcher_brute_force (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (SEED);

  for (guint round = 0; round < 60; round++)
    {
      g_autoptr(GlossSameTextIndex) index = gloss_same_text_index_new ();
      g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      g_autoptr(GString) expected = g_string_new (NULL);
      g_autofree char *text = random_phrase (rand, 80);
      g_autoptr(GlossAnnotationSet) set = set_new (text);
      g_autoptr(GPtrArray) suggestions = NULL;
      g_autofree char *got = NULL;
      g_autofree char *want = NULL;
      guint n_patterns = g_rand_int_range (rand, 1, 12);

      for (guint i = 0; i < n_patterns; i++)
        {
          g_autofree char *pattern = random_phrase (rand, 3);
          g_autofree char *label = NULL;
          g_autofree char *key = NULL;

          if (g_hash_table_contains (seen, pattern))
            continue;
          label = g_strdup_printf ("l%u", i);
          key = g_strdup_printf ("k%u", i);
          add_article (index, key, pattern, label, pattern);
          brute_force (text, pattern, label, expected);
          g_hash_table_add (seen, g_steal_pointer (&pattern));
        }

      suggestions = gloss_suggest_same_text (set, index, NULL);
      got = describe (suggestions);
      want = sort_lines (expected->str);
      g_assert_cmpstr (got, ==, want);
    }
}

/* ------------------------------------------------------------------ */
/* Threads                                                              */
/* ------------------------------------------------------------------ */

typedef struct
{
  GlossSameTextIndex *index;
  GlossAnnotationSet *set;
  char               *result;
} Job;

static gpointer
run_job (gpointer data)
{
  Job *job = data;
  g_autoptr(GPtrArray) suggestions = gloss_suggest_same_text (job->set, job->index, NULL);

  job->result = describe (suggestions);
  return NULL;
}

/* Several threads on one index, its matcher made by whichever comes
 * first: each gets what it would alone. */
static void
test_threads (void)
{
  g_autoptr(GlossSameTextIndex) index = gloss_same_text_index_new ();
  Job jobs[4];
  GThread *threads[4];

  add_article (index, "a", "Li Wei spoke.", "person", "Li Wei");
  add_article (index, "b", "In Kowloon.", "location", "Kowloon");

  for (guint i = 0; i < 4; i++)
    {
      jobs[i].index = index;
      jobs[i].set = set_new ("Li Wei in Kowloon; Kowloon and Li Wei.");
      jobs[i].result = NULL;
      threads[i] = g_thread_new ("suggest", run_job, &jobs[i]);
    }

  for (guint i = 0; i < 4; i++)
    {
      g_thread_join (threads[i]);
      g_assert_cmpstr (jobs[i].result, ==,
                       "0-6 person Li Wei\n"
                       "10-17 location Kowloon\n"
                       "19-26 location Kowloon\n"
                       "31-37 person Li Wei\n");
      g_free (jobs[i].result);
      g_object_unref (jobs[i].set);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/suggest-same-text/whole-words", test_whole_words);
  g_test_add_func ("/suggest-same-text/case", test_case);
  g_test_add_func ("/suggest-same-text/clitics", test_clitics);
  g_test_add_func ("/suggest-same-text/emoji-and-marks", test_emoji_and_marks);
  g_test_add_func ("/suggest-same-text/crlf", test_crlf);
  g_test_add_func ("/suggest-same-text/crlf-inside", test_crlf_inside);
  g_test_add_func ("/suggest-same-text/crlf-cut", test_crlf_cut);
  g_test_add_func ("/suggest-same-text/index", test_corpus_index);
  g_test_add_func ("/suggest-same-text/orphans-not-counted", test_orphans_not_counted);
  g_test_add_func ("/suggest-same-text/tie", test_tie);
  g_test_add_func ("/suggest-same-text/tie-unknown-labels", test_tie_unknown_labels);
  g_test_add_func ("/suggest-same-text/majority", test_majority);
  g_test_add_func ("/suggest-same-text/own-article-replaces-index", test_own_article_replaces_index);
  g_test_add_func ("/suggest-same-text/own-new-and-removed-marks", test_own_new_and_removed_marks);
  g_test_add_func ("/suggest-same-text/corpus", test_corpus);
  g_test_add_func ("/suggest-same-text/already-annotated", test_already_annotated);
  g_test_add_func ("/suggest-same-text/nested-suggestions", test_nested_suggestions);
  g_test_add_func ("/suggest-same-text/nothing", test_nothing);
  g_test_add_func ("/suggest-same-text/matcher-brute-force", test_matcher_brute_force);
  g_test_add_func ("/suggest-same-text/threads", test_threads);

  return g_test_run ();
}

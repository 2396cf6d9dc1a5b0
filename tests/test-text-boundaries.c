/* test-text-boundaries.c — boundaries without Pango are Pango's
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * gloss_text_log_attrs_fast() reimplements Pango 1.50's grapheme, word and
 * sentence rules for Latin script and a few typographic characters. Here
 * every position of many texts over those characters is compared with
 * pango_get_log_attrs(): random strings of the characters the rules turn
 * on, the sample articles, the benchmark corpora and hand-picked sentences.
 */
#include "config.h"

#include <string.h>

#include <pango/pango.h>

#include "gloss.h"
#include "gloss-document-private.h"
#include "gloss-text-boundaries-private.h"
#include "gloss-bench-corpus.h"

/* Compares every position of @text (@len bytes) with Pango; the text must
 * be covered. Returns the number of positions compared. */
static guint
assert_fast_matches_pango (const char *text,
                           gsize       len)
{
  guint length = (guint)g_utf8_strlen (text, (gssize)len);
  g_autofree PangoLogAttr *pango = g_new0 (PangoLogAttr, length + 1);
  g_autofree PangoLogAttr *fast = g_new0 (PangoLogAttr, length + 1);

  pango_get_log_attrs (text, (int)len, -1, NULL, pango, (int)length + 1);
  if (!gloss_text_log_attrs_fast (text, len, length, fast))
    g_error ("not covered: \"%.*s\"", (int)MIN (len, 200), text);

  for (guint o = 0; o <= length; o++)
    {
      if (fast[o].is_cursor_position == pango[o].is_cursor_position
          && fast[o].is_word_boundary == pango[o].is_word_boundary
          && fast[o].is_sentence_boundary == pango[o].is_sentence_boundary)
        continue;

      {
        g_autoptr(GString) around = g_string_new (NULL);
        const char *p = g_utf8_offset_to_pointer (text, o >= 12 ? o - 12 : 0);

        for (guint i = (o >= 12 ? o - 12 : 0); i < MIN (length, o + 12); i++, p = g_utf8_next_char (p))
          g_string_append_printf (around, "%sU+%04X ", i == o ? "| " : "", g_utf8_get_char (p));
        g_error ("offset %u of %u (%s): grapheme %d/%d, word %d/%d, sentence %d/%d (fast/Pango)",
                 o, length, around->str,
                 fast[o].is_cursor_position, pango[o].is_cursor_position,
                 fast[o].is_word_boundary, pango[o].is_word_boundary,
                 fast[o].is_sentence_boundary, pango[o].is_sentence_boundary);
      }
    }

  return length + 1;
}

/* Characters whose classes differ for some rule: letters of both cases
 * (ALetter; Upper, Lower), digits (Numeric), the MidNumLet, MidLetter,
 * MidNum and ExtendNumLet punctuation, terminators, closers, SContinue,
 * spaces of each kind and every paragraph separator. */
static const char *tricky[] = {
  "a", "b", "s", "t", "n", "e", "A", "B", "S", "T", "N", "U", "0", "1", "9",
  " ", " ", " ", "\t", "\r", "\n", "\r\n",
  ".", ".", ",", ";", ":", "'", "\"", "?", "!", "(", ")", "[", "]", "-", "_", "/", "$", "%", "&",
  "\u2019", "\u2018", "\u201C", "\u201D", "\u2014", "\u2013", "\u2026", "\u00AB", "\u00BB", "\u20AC",
  "\u00E9", "\u00C9", "\u00DF", "\u00AA", "\u00B5", "\u00A0", "\u00B7", "\u00BF", "\u00A1", "\u00B2",
  "\u00BD", "\u00A9", "\u00A7", "\u00D7", "\u1EC5", "\u0159", "\u0107", "\u0141", "\u0160", "\u01C5",
  "\u01BB", "\u01C0", "\u1E9E", "\u0149", "\u0138",
  "\U0001F30A", "\U0001F600", "\U0001F468", "\U0001F644", "\U0001F44D", "\u2614", "\u2764", "\u275D", "\u275E",
  "\u2713", "\u2600", "\u0301", "\u0301", "\u0303", "\u0308", "\u034F", "\u0259", "\u02D8",
};

/* Alphabets of a few characters make the rare sequences (letter, full
 * stop, space, lower case; digit, comma, digit; CR LF in the middle of a
 * rule) frequent. */
static void
test_random (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (20261206);
  guint64 positions = 0;

  for (guint round = 0; round < 4000; round++)
    {
      g_autoptr(GString) text = g_string_new (NULL);
      const char *alphabet[8];
      guint n_alphabet = round % 2 ? G_N_ELEMENTS (alphabet) : 4;
      guint n_chars = g_rand_int_range (rand, 0, 160);

      for (guint k = 0; k < n_alphabet; k++)
        alphabet[k] = tricky[g_rand_int_range (rand, 0, G_N_ELEMENTS (tricky))];

      for (guint k = 0; k < n_chars; k++)
        {
          if (round % 3 == 0)
            g_string_append (text, tricky[g_rand_int_range (rand, 0, G_N_ELEMENTS (tricky))]);
          else
            g_string_append (text, alphabet[g_rand_int_range (rand, 0, n_alphabet)]);
        }

      positions += assert_fast_matches_pango (text->str, text->len);
    }

  g_test_message ("%" G_GUINT64_FORMAT " positions", positions);
  g_assert_cmpuint (positions, >, 300000);
}

/* Every string of up to four characters of a small alphabet. */
static void
test_exhaustive_short (void)
{
  static const char *alphabet[] = {
    "a", "A", "1", " ", ".", ",", "'", "\"", "?", ")", "-", "_", "\r", "\n", ":", "\u2019", "\u0301",
  };
  const guint n = G_N_ELEMENTS (alphabet);
  guint64 positions = 0;

  for (guint len = 0; len <= 4; len++)
    {
      guint total = 1;

      for (guint k = 0; k < len; k++)
        total *= n;

      for (guint code = 0; code < total; code++)
        {
          char buf[32] = "";
          guint c = code;

          for (guint k = 0; k < len; k++, c /= n)
            strcat (buf, alphabet[c % n]);
          positions += assert_fast_matches_pango (buf, strlen (buf));
        }
    }

  g_test_message ("%" G_GUINT64_FORMAT " positions", positions);
}

static void
test_sentences (void)
{
  static const char *texts[] = {
    "",
    "Mr. Smith paid $4.5m on Jan. 3. He left.",
    "e.g. this",
    "U.S.A.",
    "The U.S.A. is big. So is Canada.",
    "3.14",
    "3.14.15 and 1,000,000.50 or 1'000",
    "don't",
    "'quoted.' Next",
    "\"Stop.\" he said. \"Go!\" She went?! (Yes.) [No.] Fine.",
    "He said \u201CNo.\u201D Then \u2018yes.\u2019 Then\u2026 nothing. \u00ABBon.\u00BB Voil\u00E0.",
    "It cost \u20AC5.50 \u2014 or 5,50 \u20AC \u2013 roughly.",
    "a.b.c x. y X. Y x.ab",
    "word\r\nword\rword\n\nword\r\n\r\nEnd.",
    "End.\r\nNext. \r\n\r\nlast",
    "Sentence one.  Sentence two.\tThree.\u00A0Four.",
    "NATO\u2019s workers' they\u2019re should\u2019n\u2019t\u2019ve O\u2019Brien",
    "snake_case_id __init__ 12_34 a_1",
    "10:30 a:b http://example.com/a_b?c=d&e=f.",
    "Ends with a full stop.",
    "Ends with spaces.   ",
    "  Leading spaces.",
    "\n",
    "\r",
    "\r\n",
    ".",
    "...",
    "Wait... what? Really!? ok.",
    "(a. b) c. d",
    "x.\" y. \"z",
  };

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    assert_fast_matches_pango (texts[i], strlen (texts[i]));
}

/* Any character outside the set sends the text to Pango. */
static void
test_not_covered (void)
{
  static const char *texts[] = {
    "abc\u20DD", "x\u00ADy", "a\x0b", "a\x0c", "a\xc2\x85", "\x01", "a\x7f",
    "\u2029", "\u2028", "\u200D", "\U0001F3FD", "\U0001F1FA", "\uFE0F", "\U0001FA70", "\u2776", "\u05D0", "\u30AB", "\u4E2D", "\u0915",
    "\u2024", "\u201E", "\u2022", "\u0370", "\u02B0", "\u0483", "\u1DFF", "\u1F00",
  };
  PangoLogAttr attrs[16];

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      guint length = (guint)g_utf8_strlen (texts[i], -1);

      g_assert_cmpuint (length, <, G_N_ELEMENTS (attrs));
      g_assert_false (gloss_text_log_attrs_fast (texts[i], strlen (texts[i]), length, attrs));
    }
}

/* Compares @text with Pango in pieces: whole paragraphs (what the cache
 * runs the fast path over), then the whole text if it is covered. */
static guint64
assert_text_matches (const char *text,
                     gsize       len)
{
  g_autofree PangoLogAttr *attrs = NULL;
  guint64 positions = 0;
  guint length = (guint)g_utf8_strlen (text, (gssize)len);

  attrs = g_new0 (PangoLogAttr, length + 1);
  if (gloss_text_log_attrs_fast (text, len, length, attrs))
    positions += assert_fast_matches_pango (text, len);

  for (const char *p = text; p < text + len; )
    {
      const char *nl = memchr (p, '\n', (gsize)(text + len - p));
      const char *end = nl != NULL ? nl + 1 : text + len;
      guint n = (guint)g_utf8_strlen (p, end - p);
      g_autofree PangoLogAttr *para = g_new0 (PangoLogAttr, n + 1);

      if (gloss_text_log_attrs_fast (p, (gsize)(end - p), n, para))
        positions += assert_fast_matches_pango (p, (gsize)(end - p));
      p = end;
    }

  return positions;
}

static void
test_samples (void)
{
  const char *dir_name = g_getenv ("GLOSS_SAMPLES_DIR");
  g_autoptr(GDir) dir = NULL;
  const char *name;
  guint n_files = 0;
  guint64 positions = 0;

  g_assert_nonnull (dir_name);
  dir = g_dir_open (dir_name, 0, NULL);
  g_assert_nonnull (dir);

  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = NULL;
      g_autofree char *contents = NULL;
      gsize len;

      if (!g_str_has_suffix (name, ".txt"))
        continue;
      path = g_build_filename (dir_name, name, NULL);
      g_assert_true (g_file_get_contents (path, &contents, &len, NULL));
      g_assert_true (g_utf8_validate (contents, (gssize)len, NULL));
      positions += assert_text_matches (contents, len);
      n_files++;
    }

  g_assert_cmpuint (n_files, >, 0);
  g_assert_cmpuint (positions, >, 0);
  g_test_message ("%u samples, %" G_GUINT64_FORMAT " positions", n_files, positions);
}

/* The articles of the benchmarks (those of cli-floors among them), in
 * both layouts, and the big one. */
static void
test_bench_corpora (void)
{
  guint64 positions = 0;

  for (guint i = 0; i < 40; i++)
    {
      GlossBenchArticleFlags flags = i % 2 ? GLOSS_BENCH_ARTICLE_ONE_PARAGRAPH : GLOSS_BENCH_ARTICLE_DEFAULT;
      GlossBenchArticle *article = gloss_bench_article_generate_full (GLOSS_BENCH_DEFAULT_SEED + i,
                                                                      GLOSS_BENCH_MANY_BYTES,
                                                                      GLOSS_BENCH_MANY_ANNOTATIONS,
                                                                      GLOSS_BENCH_MANY_RELATIONS,
                                                                      flags);
      gsize len;
      const char *text = gloss_bench_article_get_text (article, &len);

      positions += assert_text_matches (text, len);
      gloss_bench_article_free (article);
    }

  {
    GlossBenchArticle *big = gloss_bench_article_generate (GLOSS_BENCH_DEFAULT_SEED,
                                                           GLOSS_BENCH_BIG_BYTES / 4,
                                                           GLOSS_BENCH_BIG_ANNOTATIONS / 4,
                                                           GLOSS_BENCH_BIG_RELATIONS / 4);
    gsize len;
    const char *text = gloss_bench_article_get_text (big, &len);

    positions += assert_text_matches (text, len);
    gloss_bench_article_free (big);
  }

  g_assert_cmpuint (positions, >, 0);
  g_test_message ("%" G_GUINT64_FORMAT " positions", positions);
}

/* A document over covered text answers without Pango, and a document
 * with a character outside the set still answers for it with Pango. */
static void
test_document_uses_fast_path (void)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossDocument) doc = NULL;
  GlossTextBoundaries *boundaries;
  g_autofree PangoLogAttr *whole = NULL;
  guint length;

  /* Stretches end at the first paragraph end past 1,024 characters. */
  for (guint i = 0; i < 100; i++)
    g_string_append (text, "Mr. Smith paid \u20AC4.5m on Jan. 3. He left.\n"
                           "\u201CDon\u2019t,\u201D she said \u2014 twice.\n");
  g_string_append (text, "Caf\u00E9 \u0915 here.\n");
  doc = gloss_document_new_from_text (text->str, text->len, &error);
  g_assert_no_error (error);
  length = gloss_document_get_length (doc);
  boundaries = gloss_document_get_boundaries (doc);
  whole = gloss_text_log_attrs_new (text->str, text->len, length);

  for (guint o = 0; o <= length; o++)
    {
      g_assert_cmpint (gloss_text_boundaries_get (boundaries, o, GLOSS_TEXT_BOUNDARY_GRAPHEME), ==, whole[o].is_cursor_position);
      g_assert_cmpint (gloss_text_boundaries_get (boundaries, o, GLOSS_TEXT_BOUNDARY_WORD), ==, whole[o].is_word_boundary);
      g_assert_cmpint (gloss_text_boundaries_get (boundaries, o, GLOSS_TEXT_BOUNDARY_SENTENCE), ==, whole[o].is_sentence_boundary);
    }

  g_assert_cmpuint (gloss_text_boundaries_get_n_fast (boundaries), >, 0);
  g_assert_cmpuint (gloss_text_boundaries_get_n_fast (boundaries), <,
                    gloss_text_boundaries_get_n_computed (boundaries));
}

/* Documents of many paragraphs, some covered and some not (a ZWJ
 * sequence, a combining accent, Hangul, Thai, a soft hyphen), separated
 * by LF, CR, CR LF, U+2029 and blank lines: every position, asked in a
 * random order first, is what one Pango pass over the whole text says. */
static void
test_document_mixed_paragraphs (void)
{
  static const char *uncovered[] = {
    "\U0001F468\u200D\U0001F469", "e\u0301\u20DD", "\uD55C\uAD6D", "\u0E20\u0E32\u0E29\u0E32",
    "x\u00ADy", "\U0001F44D\U0001F3FD", "\U0001F1FA\U0001F1E6", "\u05E9\u05DC", "\x0c",
  };
  static const char *separators[] = { "\n", "\r", "\r\n", "\u2029", "\n\n", "\r\n\r\n" };
  g_autoptr(GRand) rand = g_rand_new_with_seed (20261207);
  guint64 positions = 0;
  gsize n_fast = 0;

  for (guint round = 0; round < 12; round++)
    {
      g_autoptr(GString) text = g_string_new (NULL);
      g_autoptr(GError) error = NULL;
      g_autoptr(GlossDocument) doc = NULL;
      g_autofree PangoLogAttr *whole = NULL;
      GlossTextBoundaries *boundaries;
      guint length;

      while (text->len < 20000)
        {
          guint n = g_rand_int_range (rand, 0, round % 2 ? 400 : 40);

          for (guint k = 0; k < n; k++)
            g_string_append (text, tricky[g_rand_int_range (rand, 0, G_N_ELEMENTS (tricky))]);
          if (g_rand_int_range (rand, 0, 3) == 0)
            g_string_append (text, uncovered[g_rand_int_range (rand, 0, G_N_ELEMENTS (uncovered))]);
          g_string_append (text, separators[g_rand_int_range (rand, 0, G_N_ELEMENTS (separators))]);
        }

      doc = gloss_document_new_from_text (text->str, text->len, &error);
      g_assert_no_error (error);
      length = gloss_document_get_length (doc);
      boundaries = gloss_document_get_boundaries (doc);
      whole = gloss_text_log_attrs_new (text->str, text->len, length);

      for (guint k = 0; k <= 50 + length; k++)
        {
          guint o = k < 50 ? (guint)g_rand_int_range (rand, 0, length + 1) : k - 50;

          if (gloss_text_boundaries_get (boundaries, o, GLOSS_TEXT_BOUNDARY_GRAPHEME) != whole[o].is_cursor_position
              || gloss_text_boundaries_get (boundaries, o, GLOSS_TEXT_BOUNDARY_WORD) != whole[o].is_word_boundary
              || gloss_text_boundaries_get (boundaries, o, GLOSS_TEXT_BOUNDARY_SENTENCE) != whole[o].is_sentence_boundary)
            g_error ("round %u, offset %u of %u: grapheme %d, word %d, sentence %d from the whole text", round, o, length,
                     whole[o].is_cursor_position, whole[o].is_word_boundary, whole[o].is_sentence_boundary);
        }

      positions += length + 1;
      n_fast += gloss_text_boundaries_get_n_fast (boundaries);
    }

  g_assert_cmpuint (n_fast, >, 0);
  g_test_message ("%" G_GUINT64_FORMAT " positions, %" G_GSIZE_FORMAT " computed without Pango", positions, n_fast);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/text-boundaries/fast/random", test_random);
  g_test_add_func ("/text-boundaries/fast/exhaustive-short", test_exhaustive_short);
  g_test_add_func ("/text-boundaries/fast/sentences", test_sentences);
  g_test_add_func ("/text-boundaries/fast/not-covered", test_not_covered);
  g_test_add_func ("/text-boundaries/fast/samples", test_samples);
  g_test_add_func ("/text-boundaries/fast/bench-corpora", test_bench_corpora);
  g_test_add_func ("/text-boundaries/fast/document", test_document_uses_fast_path);
  g_test_add_func ("/text-boundaries/fast/document-mixed-paragraphs", test_document_mixed_paragraphs);

  return g_test_run ();
}

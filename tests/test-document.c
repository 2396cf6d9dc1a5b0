/* test-document.c — GlossDocument: loading, offsets, slices, segmentation
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Non-ASCII text is written with \u and \U escapes (or \x for bytes that are
 * not valid UTF-8), so that what is tested is visible in the source: a
 * decomposed accent or a zero width joiner looks like nothing on screen.
 */
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include <pango/pango.h>

#include "gloss.h"
#include "gloss-document-private.h"
#include "gloss-file-load.h"
#include "gloss-test-utils.h"

/* Characters used throughout. */
#define LDQUO     "\u201C"              /* “ */
#define RDQUO     "\u201D"              /* ” */
#define LSQUO     "\u2018"              /* ‘ */
#define RSQUO     "\u2019"              /* ’ */
#define MDASH     "\u2014"              /* — */
#define ACUTE     "\u0301"              /* combining acute accent */
#define TILDE     "\u0303"              /* combining tilde */
#define ZWJ       "\u200D"
#define MAN       "\U0001F468"
#define WOMAN     "\U0001F469"
#define GIRL      "\U0001F467"
#define FAMILY    MAN ZWJ WOMAN ZWJ GIRL  /* one grapheme, five code points */
#define FLAG_UA   "\U0001F1FA\U0001F1E6"
#define FLAG_FR   "\U0001F1EB\U0001F1F7"
#define CJK_B     "\U0002000B"          /* 𠀋, a CJK Extension B ideograph */
#define BOM       "\xEF\xBB\xBF"
#define ARABIC    "\u0642\u0627\u0644 \u0627\u0644\u0645\u062A\u062D\u062F\u062B" /* قال المتحدث */
#define NUNEZ     "N\u00FA\u00F1ez"     /* Núñez, precomposed */
#define NUNEZ_NFD "Nu" ACUTE "n" TILDE "ez"
#define TYSK      "\u0442\u0438\u0441\u043A" /* тиск */
#define DIAERESIS "\u0308"              /* combining diaeresis */
#define OBRIEN    "O" RSQUO "Brien"     /* O’Brien, curly apostrophe */
#define THUMBS_UP "\U0001F44D"


/* A document of the first @n_chars code points of @text. */
static GlossDocument *
doc_new_prefix (const char *text,
                guint       n_chars)
{
  g_autoptr(GError) error = NULL;
  const char *end = g_utf8_offset_to_pointer (text, n_chars);
  GlossDocument *doc;

  doc = gloss_document_new_from_text (text, end - text, &error);
  g_assert_no_error (error);
  g_assert_nonnull (doc);

  return doc;
}

/* Reference implementation: a naive scan of the text. */

typedef struct
{
  guint   length;
  gsize   n_bytes;
  guint   utf16_length;
  gsize  *cp_byte;     /* length + 1 entries */
  guint  *cp_utf16;    /* length + 1 entries */
} Naive;

static void
naive_init (Naive      *naive,
            const char *text,
            gsize       n_bytes)
{
  const char *p = text;
  guint i = 0;

  naive->n_bytes = n_bytes;
  naive->length = (guint)g_utf8_strlen (text, (gssize)n_bytes);
  naive->cp_byte = g_new (gsize, naive->length + 1);
  naive->cp_utf16 = g_new (guint, naive->length + 1);
  naive->cp_byte[0] = 0;
  naive->cp_utf16[0] = 0;

  for (i = 0; i < naive->length; i++)
    {
      gunichar c = g_utf8_get_char (p);

      p = g_utf8_next_char (p);
      naive->cp_byte[i + 1] = (gsize)(p - text);
      naive->cp_utf16[i + 1] = naive->cp_utf16[i] + (c > 0xFFFF ? 2 : 1);
    }

  naive->utf16_length = naive->cp_utf16[naive->length];
}

static void
naive_clear (Naive *naive)
{
  g_clear_pointer (&naive->cp_byte, g_free);
  g_clear_pointer (&naive->cp_utf16, g_free);
}

/* The code point whose encoding contains byte @byte (rounding down). */
static guint
naive_byte_to_offset (const Naive *naive,
                      gsize        byte)
{
  guint i = 0;

  if (byte >= naive->n_bytes)
    return naive->length;

  while (i + 1 <= naive->length && naive->cp_byte[i + 1] <= byte)
    i++;

  return i;
}

static guint
naive_utf16_to_offset (const Naive *naive,
                       guint        utf16)
{
  guint i = 0;

  if (utf16 >= naive->utf16_length)
    return naive->length;

  while (i + 1 <= naive->length && naive->cp_utf16[i + 1] <= utf16)
    i++;

  return i;
}

/* Checks every code point, every byte and every UTF-16 unit of @doc, in
 * both directions, against the naive scan, plus out-of-range input. The
 * reverse lookups are quadratic in the naive version; fine for short texts. */
static void
check_all_positions (GlossDocument *doc)
{
  Naive naive;

  naive_init (&naive, gloss_document_get_text (doc), gloss_document_get_n_bytes (doc));

  g_assert_cmpuint (gloss_document_get_length (doc), ==, naive.length);
  g_assert_cmpuint (gloss_document_get_utf16_length (doc), ==, naive.utf16_length);

  for (guint i = 0; i <= naive.length; i++)
    {
      g_assert_cmpuint (gloss_document_offset_to_byte (doc, i), ==, naive.cp_byte[i]);
      g_assert_cmpuint (gloss_document_offset_to_utf16 (doc, i), ==, naive.cp_utf16[i]);
    }

  for (gsize b = 0; b <= naive.n_bytes; b++)
    g_assert_cmpuint (gloss_document_byte_to_offset (doc, b), ==, naive_byte_to_offset (&naive, b));

  for (guint u = 0; u <= naive.utf16_length; u++)
    g_assert_cmpuint (gloss_document_utf16_to_offset (doc, u), ==, naive_utf16_to_offset (&naive, u));

  /* Clamping. */
  g_assert_cmpuint (gloss_document_offset_to_byte (doc, naive.length + 1), ==, naive.n_bytes);
  g_assert_cmpuint (gloss_document_offset_to_byte (doc, G_MAXUINT), ==, naive.n_bytes);
  g_assert_cmpuint (gloss_document_offset_to_utf16 (doc, naive.length + 1), ==, naive.utf16_length);
  g_assert_cmpuint (gloss_document_offset_to_utf16 (doc, G_MAXUINT), ==, naive.utf16_length);
  g_assert_cmpuint (gloss_document_byte_to_offset (doc, naive.n_bytes + 1), ==, naive.length);
  g_assert_cmpuint (gloss_document_byte_to_offset (doc, G_MAXSIZE), ==, naive.length);
  g_assert_cmpuint (gloss_document_utf16_to_offset (doc, naive.utf16_length + 1), ==, naive.length);
  g_assert_cmpuint (gloss_document_utf16_to_offset (doc, G_MAXUINT), ==, naive.length);

  naive_clear (&naive);
}

/* Hand-written tables */

typedef struct
{
  const char  *name;
  const char  *text;
  guint        length;
  guint        utf16_length;
  /* Byte and UTF-16 offset of each code point 0..length; -1 ends the list. */
  const int    bytes[16];
  const int    utf16[16];
} OffsetTable;

static const OffsetTable offset_tables[] = {
  { "ascii", "News",
    4, 4,
    { 0, 1, 2, 3, 4, -1 },
    { 0, 1, 2, 3, 4, -1 } },
  { "curly double quotes", LDQUO "Hi" RDQUO,
    4, 4,
    { 0, 3, 4, 5, 8, -1 },
    { 0, 1, 2, 3, 4, -1 } },
  { "curly single quotes", LSQUO "a" RSQUO "s",
    4, 4,
    { 0, 3, 4, 7, 8, -1 },
    { 0, 1, 2, 3, 4, -1 } },
  { "em dash", "a" MDASH "b",
    3, 3,
    { 0, 1, 4, 5, -1 },
    { 0, 1, 2, 3, -1 } },
  { "decomposed accent", "e" ACUTE "x",
    3, 3,
    { 0, 1, 3, 4, -1 },
    { 0, 1, 2, 3, -1 } },
  { "zwj family", FAMILY,
    5, 8,
    { 0, 4, 7, 11, 14, 18, -1 },
    { 0, 2, 3, 5, 6, 8, -1 } },
  { "flags", FLAG_UA FLAG_FR,
    4, 8,
    { 0, 4, 8, 12, 16, -1 },
    { 0, 2, 4, 6, 8, -1 } },
  { "crlf", "a\r\nb\r\n",
    6, 6,
    { 0, 1, 2, 3, 4, 5, 6, -1 },
    { 0, 1, 2, 3, 4, 5, 6, -1 } },
  { "bom", BOM "ab",
    2, 2,
    { 0, 1, 2, -1 },
    { 0, 1, 2, -1 } },
  { "arabic", "\u0642\u0627\u0644",
    3, 3,
    { 0, 2, 4, 6, -1 },
    { 0, 1, 2, 3, -1 } },
  { "astral cjk", "x" CJK_B "y",
    3, 4,
    { 0, 1, 5, 6, -1 },
    { 0, 1, 3, 4, -1 } },
  { "mixed", "a" CJK_B "\u00E9" MAN "z",
    5, 7,
    { 0, 1, 5, 7, 11, 12, -1 },
    { 0, 1, 3, 4, 6, 7, -1 } },
};

static void
test_offsets_table (void)
{
  for (guint t = 0; t < G_N_ELEMENTS (offset_tables); t++)
    {
      const OffsetTable *table = &offset_tables[t];
      g_autoptr(GlossDocument) doc = gloss_test_doc_new (table->text);
      guint i;

      g_test_message ("offset table: %s", table->name);

      g_assert_cmpuint (gloss_document_get_length (doc), ==, table->length);
      g_assert_cmpuint (gloss_document_get_utf16_length (doc), ==, table->utf16_length);

      for (i = 0; table->bytes[i] >= 0; i++)
        {
          g_assert_cmpuint (gloss_document_offset_to_byte (doc, i), ==, table->bytes[i]);
          g_assert_cmpuint (gloss_document_offset_to_utf16 (doc, i), ==, table->utf16[i]);
          g_assert_cmpuint (gloss_document_byte_to_offset (doc, table->bytes[i]), ==, i);
          g_assert_cmpuint (gloss_document_utf16_to_offset (doc, table->utf16[i]), ==, i);
        }
      g_assert_cmpuint (i, ==, table->length + 1);
      g_assert_cmpint (table->utf16[i], ==, -1);

      check_all_positions (doc);
    }
}

/* Offsets that fall inside a character round down to its start. */
static void
test_offsets_round_down (void)
{
  g_autoptr(GlossDocument) family = gloss_test_doc_new (FAMILY);
  g_autoptr(GlossDocument) cjk = gloss_test_doc_new ("x" CJK_B "y");
  /* Byte 0..18 of the family: 👨 is bytes 0-3, ZWJ 4-6, 👩 7-10, ZWJ 11-13, 👧 14-17. */
  static const guint family_bytes[] = { 0, 0, 0, 0, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 4, 4, 4, 4, 5 };
  /* UTF-16 0..8: 👨 is units 0-1, ZWJ 2, 👩 3-4, ZWJ 5, 👧 6-7. */
  static const guint family_utf16[] = { 0, 0, 1, 2, 2, 3, 4, 4, 5 };
  static const guint cjk_bytes[] = { 0, 1, 1, 1, 1, 2, 3 };
  static const guint cjk_utf16[] = { 0, 1, 1, 2, 3 };

  for (guint i = 0; i < G_N_ELEMENTS (family_bytes); i++)
    g_assert_cmpuint (gloss_document_byte_to_offset (family, i), ==, family_bytes[i]);
  for (guint i = 0; i < G_N_ELEMENTS (family_utf16); i++)
    g_assert_cmpuint (gloss_document_utf16_to_offset (family, i), ==, family_utf16[i]);
  for (guint i = 0; i < G_N_ELEMENTS (cjk_bytes); i++)
    g_assert_cmpuint (gloss_document_byte_to_offset (cjk, i), ==, cjk_bytes[i]);
  for (guint i = 0; i < G_N_ELEMENTS (cjk_utf16); i++)
    g_assert_cmpuint (gloss_document_utf16_to_offset (cjk, i), ==, cjk_utf16[i]);
}

/* Every prefix of a mixed text from 0 to 300 code points, so that the
 * lengths around each checkpoint (63, 64, 65, 127, 128, ...) are all
 * covered, in both the ASCII, BMP-only and astral cases. */
static void
test_offsets_prefixes (void)
{
  static const char *pieces[] = {
    "a", LDQUO, MDASH, "e" ACUTE, FAMILY, FLAG_UA, "\r\n", "\u0642", CJK_B, " ", TYSK,
  };
  static const char *bmp_pieces[] = { "a", RSQUO, "\u0627", " ", "\u00F1" };
  g_autoptr(GString) mixed = g_string_new (NULL);
  g_autoptr(GString) bmp = g_string_new (NULL);
  g_autoptr(GString) ascii = g_string_new (NULL);

  for (guint i = 0; g_utf8_strlen (mixed->str, -1) < 300; i++)
    g_string_append (mixed, pieces[i % G_N_ELEMENTS (pieces)]);
  for (guint i = 0; i < 300; i++)
    {
      g_string_append (bmp, bmp_pieces[i % G_N_ELEMENTS (bmp_pieces)]);
      g_string_append_c (ascii, 'a' + i % 26);
    }

  for (guint n = 0; n <= 300; n++)
    {
      g_autoptr(GlossDocument) d1 = NULL;
      g_autoptr(GlossDocument) d2 = NULL;
      g_autoptr(GlossDocument) d3 = NULL;

      d1 = doc_new_prefix (mixed->str, n);
      d2 = doc_new_prefix (bmp->str, n);
      d3 = doc_new_prefix (ascii->str, n);

      check_all_positions (d1);
      check_all_positions (d2);
      check_all_positions (d3);
    }
}

/* 200,000 code points mixing ASCII, BMP and astral characters, checked at
 * random positions against a naive scan (and then exhaustively). */
static void
test_offsets_large (void)
{
  static const gunichar pool[] = {
    'a', 'Z', ' ', '.', '\n', 0x00E9, 0x0301, 0x0442, 0x0627, 0x201C, 0x2014,
    0x4E2D, 0xFEFF, 0x2000B, 0x1F468, 0x200D, 0x1F1FA, 0x10FFFF,
  };
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GlossDocument) doc = NULL;
  Naive naive;
  guint n_astral = 0;

  for (guint i = 0; i < 200000; i++)
    {
      gunichar c = pool[g_test_rand_int_range (0, G_N_ELEMENTS (pool))];

      /* U+FEFF is in the pool to be counted as text; at the very start it
       * would be taken for a BOM and dropped. */
      if (i == 0 && c == 0xFEFF)
        c = 'x';

      g_string_append_unichar (text, c);
      n_astral += c > 0xFFFF;
    }

  doc = gloss_test_doc_new (text->str);
  naive_init (&naive, text->str, text->len);

  g_test_message ("large document: %u code points, %" G_GSIZE_FORMAT " bytes, %u astral",
                  naive.length, naive.n_bytes, n_astral);
  g_assert_cmpuint (gloss_document_get_length (doc), ==, 200000);
  g_assert_cmpuint (gloss_document_get_n_bytes (doc), ==, text->len);
  g_assert_cmpuint (gloss_document_get_utf16_length (doc), ==, 200000 + n_astral);

  for (guint k = 0; k < 20000; k++)
    {
      guint i = g_test_rand_int_range (0, naive.length + 1);
      gsize b = g_test_rand_int_range (0, naive.n_bytes + 1);
      guint u = g_test_rand_int_range (0, naive.utf16_length + 1);
      guint j = g_test_rand_int_range (i, MIN (naive.length, i + 50) + 1);
      g_autofree char *slice = NULL;

      g_assert_cmpuint (gloss_document_offset_to_byte (doc, i), ==, naive.cp_byte[i]);
      g_assert_cmpuint (gloss_document_offset_to_utf16 (doc, i), ==, naive.cp_utf16[i]);

      /* The naive reverse lookups by binary search, this time. */
      {
        guint lo = 0, hi = naive.length + 1;
        while (hi - lo > 1)
          {
            guint mid = lo + (hi - lo) / 2;
            if (naive.cp_byte[mid] <= b) lo = mid; else hi = mid;
          }
        g_assert_cmpuint (gloss_document_byte_to_offset (doc, b), ==, lo);
      }
      {
        guint lo = 0, hi = naive.length + 1;
        while (hi - lo > 1)
          {
            guint mid = lo + (hi - lo) / 2;
            if (naive.cp_utf16[mid] <= u) lo = mid; else hi = mid;
          }
        g_assert_cmpuint (gloss_document_utf16_to_offset (doc, u), ==, lo);
      }

      slice = gloss_document_dup_slice (doc, i, j);
      g_assert_cmpuint (strlen (slice), ==, naive.cp_byte[j] - naive.cp_byte[i]);
      g_assert_true (memcmp (slice, text->str + naive.cp_byte[i], strlen (slice)) == 0);
      g_assert_true (gloss_document_slice_equals (doc, i, j, slice));
    }

  /* Every code point, in both directions through each encoding. */
  for (guint i = 0; i <= naive.length; i++)
    {
      g_assert_cmpuint (gloss_document_offset_to_byte (doc, i), ==, naive.cp_byte[i]);
      g_assert_cmpuint (gloss_document_byte_to_offset (doc, naive.cp_byte[i]), ==, i);
      g_assert_cmpuint (gloss_document_offset_to_utf16 (doc, i), ==, naive.cp_utf16[i]);
      g_assert_cmpuint (gloss_document_utf16_to_offset (doc, naive.cp_utf16[i]), ==, i);
    }

  naive_clear (&naive);
}

static void
test_empty (void)
{
  g_autoptr(GlossDocument) doc = gloss_test_doc_new ("");
  g_autoptr(GlossDocument) bom_only = gloss_test_doc_new (BOM);
  g_autofree char *slice = NULL;

  g_assert_cmpstr (gloss_document_get_text (doc), ==, "");
  g_assert_cmpuint (gloss_document_get_length (doc), ==, 0);
  g_assert_cmpuint (gloss_document_get_n_bytes (doc), ==, 0);
  g_assert_cmpstr (gloss_document_get_sha256 (doc), ==,
                   "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  check_all_positions (doc);

  slice = gloss_document_dup_slice (doc, 0, 10);
  g_assert_cmpstr (slice, ==, "");
  g_assert_true (gloss_document_slice_equals (doc, 0, 0, ""));
  g_assert_false (gloss_document_slice_equals (doc, 0, 1, ""));
  g_assert_true (gloss_document_is_grapheme_boundary (doc, 0));
  g_assert_false (gloss_document_is_grapheme_boundary (doc, 1));
  g_assert_cmpuint (gloss_document_next_grapheme_boundary (doc, 5), ==, 0);
  g_assert_cmpuint (gloss_document_word_start_before (doc, 0), ==, 0);
  g_assert_cmpuint (gloss_document_word_end_after (doc, 0), ==, 0);

  g_assert_true (gloss_document_has_bom (bom_only));
  g_assert_cmpstr (gloss_document_get_text (bom_only), ==, "");
  g_assert_cmpuint (gloss_document_get_length (bom_only), ==, 0);
  check_all_positions (bom_only);
}

/* Loading, hashing, exact text */

static void
test_sha256 (void)
{
  static const struct {
    const char *bytes;
    const char *sha256;   /* from `printf '...' | sha256sum` */
  } cases[] = {
    { "hello\n", "5891b5b522d5df086d0ff0b110fbd9d21bb4fc7163af34d08286a2e846f6be03" },
    { "ab", "fb8e20fc2e4c3f248c60c39bd652f3c1347298bb977b8b4d5903b85055620603" },
    { BOM "ab", "e54dd095f92262cbaf1ef453de08896fee09647d82be9433cc344752e643e43d" },
    { "a\r\nb", "18745f36a05e29072709042d6062ce54f1b08ff36c27ba80c39f81fb010c8ce2" },
    { LDQUO "\u041C\u0438 \u043D\u0435 \u043F\u0456\u0434\u0435\u043C\u043E \u043D\u0430 "
      TYSK RDQUO ", " MDASH " " NUNEZ " " CJK_B " " FAMILY " " FLAG_UA,
      "ad589b3368714a0902af6ac92f2578dcf9efc92ba9a9cbe74e835d646a483d8a" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GBytes) bytes = g_bytes_new_static (cases[i].bytes, strlen (cases[i].bytes));
      g_autoptr(GlossDocument) doc = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *prop = NULL;

      doc = gloss_document_new_from_bytes (bytes, "a.txt", &error);
      g_assert_no_error (error);
      g_assert_cmpstr (gloss_document_get_sha256 (doc), ==, cases[i].sha256);

      g_object_get (doc, "sha256", &prop, NULL);
      g_assert_cmpstr (prop, ==, cases[i].sha256);
    }
}

static void
test_bom (void)
{
  g_autoptr(GlossDocument) doc = gloss_test_doc_new (BOM "ab");
  g_autoptr(GlossDocument) plain = gloss_test_doc_new ("ab");
  g_autoptr(GlossDocument) twice = gloss_test_doc_new (BOM BOM "ab");
  g_autoptr(GlossDocument) inner = gloss_test_doc_new ("a" BOM "b");

  /* Dropped from the text, counted in the hash. */
  g_assert_true (gloss_document_has_bom (doc));
  g_assert_cmpstr (gloss_document_get_text (doc), ==, "ab");
  g_assert_cmpuint (gloss_document_get_n_bytes (doc), ==, 2);
  g_assert_cmpuint (gloss_document_get_length (doc), ==, 2);
  g_assert_cmpstr (gloss_document_get_sha256 (doc), ==,
                   "e54dd095f92262cbaf1ef453de08896fee09647d82be9433cc344752e643e43d");
  g_assert_cmpstr (gloss_document_get_sha256 (doc), !=, gloss_document_get_sha256 (plain));
  g_assert_false (gloss_document_has_bom (plain));

  /* Only one leading BOM is a byte order mark; a second one is text
   * (U+FEFF, a zero width no-break space), and so is one further in. */
  g_assert_true (gloss_document_has_bom (twice));
  g_assert_cmpstr (gloss_document_get_text (twice), ==, BOM "ab");
  g_assert_cmpuint (gloss_document_get_length (twice), ==, 3);
  g_assert_false (gloss_document_has_bom (inner));
  g_assert_cmpuint (gloss_document_get_length (inner), ==, 3);
}

static void
test_exact_text (void)
{
  /* No newline translation, no normalisation: CR LF stays two code points,
   * a lone CR stays, and e + U+0301 is not composed into U+00E9. */
  const char *text = "a\r\nb\rc\n" "e" ACUTE " " NUNEZ_NFD "\t";
  g_autoptr(GlossDocument) doc = gloss_test_doc_new (text);
  g_autofree char *crlf = NULL;

  g_assert_cmpstr (gloss_document_get_text (doc), ==, text);
  g_assert_cmpuint (gloss_document_get_n_bytes (doc), ==, strlen (text));
  g_assert_cmpuint (gloss_document_get_length (doc), ==, 7 + 2 + 1 + 7 + 1);

  crlf = gloss_document_dup_slice (doc, 1, 3);
  g_assert_cmpstr (crlf, ==, "\r\n");
  g_assert_true (gloss_document_slice_equals (doc, 1, 2, "\r"));
  g_assert_true (gloss_document_slice_equals (doc, 7, 9, "e" ACUTE));
  g_assert_false (gloss_document_slice_equals (doc, 7, 9, "\u00E9"));
}

static void
test_from_text_length (void)
{
  g_autoptr(GlossDocument) doc = NULL;
  g_autoptr(GError) error = NULL;

  /* An explicit length takes a prefix... */
  doc = gloss_document_new_from_text ("abcdef", 3, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (gloss_document_get_text (doc), ==, "abc");
  g_assert_cmpstr (gloss_document_get_name (doc), ==, "untitled");
  g_assert_null (gloss_document_get_file (doc));
  g_clear_object (&doc);

  /* ...and a NUL inside it is refused rather than truncating the text. */
  doc = gloss_document_new_from_text ("ab\0cd", 5, &error);
  g_assert_error (error, GLOSS_ERROR, GLOSS_ERROR_INVALID_UTF8);
  g_assert_null (doc);
  g_assert_cmpstr (error->message, ==, "untitled: NUL byte at byte 2: not a text file");
}

typedef struct
{
  const char *name;
  const char *bytes;
  gsize       len;
  const char *message;
} BadCase;

static void
test_invalid_utf8 (void)
{
  static const BadCase cases[] = {
    { "lone continuation byte", "ab\x80" "cd", 5,
      "bad.txt: invalid UTF-8 at byte 2" },
    { "truncated sequence at end", "abc\xE2\x80", 5,
      "bad.txt: invalid UTF-8 at byte 3" },
    { "truncated sequence before ASCII", "abc\xE2\x80" "d", 6,
      "bad.txt: invalid UTF-8 at byte 3" },
    { "overlong slash", "a\xC0\xAF", 3,
      "bad.txt: invalid UTF-8 at byte 1" },
    { "overlong three-byte NUL", "a\xE0\x80\x80", 4,
      "bad.txt: invalid UTF-8 at byte 1" },
    { "surrogate", "xy\xED\xA0\x80", 5,
      "bad.txt: invalid UTF-8 at byte 2" },
    { "beyond U+10FFFF", "\xF4\x90\x80\x80", 4,
      "bad.txt: invalid UTF-8 at byte 0" },
    { "0xFF", "\xFF", 1,
      "bad.txt: invalid UTF-8 at byte 0" },
    { "after valid multibyte text", MDASH CJK_B "\xC3", 8,
      "bad.txt: invalid UTF-8 at byte 7" },
    { "after a BOM, which is counted", BOM "ab\xFF", 6,
      "bad.txt: invalid UTF-8 at byte 5" },
    { "latin-1 file", "caf\xE9", 4,
      "bad.txt: invalid UTF-8 at byte 3" },
    { "UTF-16 file", "\xFF\xFE" "a\0", 4,
      "bad.txt: invalid UTF-8 at byte 0" },
    { "NUL byte", "abc\0def", 7,
      "bad.txt: NUL byte at byte 3: not a text file" },
    { "NUL byte after a BOM", BOM "\0", 4,
      "bad.txt: NUL byte at byte 3: not a text file" },
    { "first problem wins", "a\0\xFF", 3,
      "bad.txt: NUL byte at byte 1: not a text file" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GBytes) bytes = g_bytes_new_static (cases[i].bytes, cases[i].len);
      g_autoptr(GlossDocument) doc = NULL;
      g_autoptr(GError) error = NULL;

      g_test_message ("invalid UTF-8: %s", cases[i].name);

      doc = gloss_document_new_from_bytes (bytes, "bad.txt", &error);
      g_assert_error (error, GLOSS_ERROR, GLOSS_ERROR_INVALID_UTF8);
      g_assert_null (doc);
      g_assert_cmpstr (error->message, ==, cases[i].message);
    }
}

/* Files */

typedef struct
{
  char *dir;
} TmpDir;

static void
tmpdir_setup (TmpDir        *fixture,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("gloss-test-document-XXXXXX", &error);
  g_assert_no_error (error);
}

static void
tmpdir_teardown (TmpDir        *fixture,
                 gconstpointer  data)
{
  g_autoptr(GDir) dir = g_dir_open (fixture->dir, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (fixture->dir, name, NULL);
      g_assert_cmpint (g_remove (path), ==, 0);
    }

  g_assert_cmpint (g_rmdir (fixture->dir), ==, 0);
  g_clear_pointer (&fixture->dir, g_free);
}

static GFile *
write_file (TmpDir     *fixture,
            const char *name,
            const char *contents,
            gssize      len)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (fixture->dir, name, NULL);

  g_file_set_contents (path, contents, len, &error);
  g_assert_no_error (error);

  return g_file_new_for_path (path);
}

static void
test_from_file (TmpDir        *fixture,
                gconstpointer  data)
{
  const char *contents = BOM LDQUO "Talks" RDQUO ", he said.\r\n";
  g_autoptr(GFile) file = write_file (fixture, "kyiv-talks.txt", contents, -1);
  g_autoptr(GlossDocument) doc = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) prop_file = NULL;
  g_autofree char *prop_name = NULL;
  g_autofree char *prop_sha = NULL;
  g_autofree char *expected_sha = NULL;
  guint prop_length = 0;

  doc = gloss_document_new_from_file (file, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (doc);

  expected_sha = g_compute_checksum_for_string (G_CHECKSUM_SHA256, contents, -1);
  g_assert_cmpstr (gloss_document_get_name (doc), ==, "kyiv-talks.txt");
  g_assert_true (gloss_document_get_file (doc) == file);
  g_assert_true (gloss_document_has_bom (doc));
  g_assert_cmpstr (gloss_document_get_text (doc), ==, contents + 3);
  g_assert_cmpuint (gloss_document_get_length (doc), ==, 19);
  g_assert_cmpstr (gloss_document_get_sha256 (doc), ==, expected_sha);

  g_object_get (doc,
                "file", &prop_file,
                "name", &prop_name,
                "length", &prop_length,
                "sha256", &prop_sha,
                NULL);
  g_assert_true (prop_file == file);
  g_assert_cmpstr (prop_name, ==, "kyiv-talks.txt");
  g_assert_cmpuint (prop_length, ==, 19);
  g_assert_cmpstr (prop_sha, ==, expected_sha);
}

static void
test_from_file_errors (TmpDir        *fixture,
                       gconstpointer  data)
{
  g_autoptr(GFile) bad = write_file (fixture, "bad.txt", BOM "ok\n\xC3\x28", 7);
  g_autoptr(GFile) nul = write_file (fixture, "image.png", "\x89PNG\r\n\x1A\n\0\0", 10);
  g_autoptr(GFile) missing = NULL;
  g_autoptr(GlossDocument) doc = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *missing_path = g_build_filename (fixture->dir, "missing.txt", NULL);

  doc = gloss_document_new_from_file (bad, NULL, &error);
  g_assert_error (error, GLOSS_ERROR, GLOSS_ERROR_INVALID_UTF8);
  g_assert_null (doc);
  g_assert_cmpstr (error->message, ==, "bad.txt: invalid UTF-8 at byte 6");
  g_clear_error (&error);

  doc = gloss_document_new_from_file (nul, NULL, &error);
  g_assert_error (error, GLOSS_ERROR, GLOSS_ERROR_INVALID_UTF8);
  g_assert_null (doc);
  /* 0x89 is not valid UTF-8, so that is reported first. */
  g_assert_cmpstr (error->message, ==, "image.png: invalid UTF-8 at byte 0");
  g_clear_error (&error);

  missing = g_file_new_for_path (missing_path);
  doc = gloss_document_new_from_file (missing, NULL, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_null (doc);
}

static void
test_too_large (TmpDir        *fixture,
                gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "huge.txt", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFileOutputStream) stream = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GlossDocument) doc = NULL;
  g_autoptr(GError) error = NULL;

  /* A sparse file one byte over the limit: costs no disk space, and the
   * document must refuse it from its size alone. */
  stream = g_file_replace (file, NULL, FALSE, G_FILE_CREATE_NONE, NULL, &error);
  g_assert_no_error (error);
  g_seekable_truncate (G_SEEKABLE (stream), GLOSS_DOCUMENT_MAX_BYTES + 1, NULL, &error);
  g_assert_no_error (error);
  g_output_stream_close (G_OUTPUT_STREAM (stream), NULL, &error);
  g_assert_no_error (error);

  doc = gloss_document_new_from_file (file, NULL, &error);
  g_assert_error (error, GLOSS_ERROR, GLOSS_ERROR_TOO_LARGE);
  g_assert_null (doc);
  g_assert_true (g_str_has_prefix (error->message, "huge.txt: "));
  g_test_message ("%s", error->message);
  g_clear_error (&error);

  /* The same from bytes. g_malloc0() of this size maps zero pages lazily. */
  bytes = g_bytes_new_take (g_malloc0 (GLOSS_DOCUMENT_MAX_BYTES + 1),
                            GLOSS_DOCUMENT_MAX_BYTES + 1);
  doc = gloss_document_new_from_bytes (bytes, "huge.txt", &error);
  g_assert_error (error, GLOSS_ERROR, GLOSS_ERROR_TOO_LARGE);
  g_assert_null (doc);
}

/* A FIFO with no writer used to block the read for ever, and /dev/zero to
 * fill the memory: only regular files are read. */
static void
test_special_files (TmpDir        *fixture,
                    gconstpointer  data)
{
  g_autofree char *fifo_path = g_build_filename (fixture->dir, "pipe.txt", NULL);
  g_autofree char *zero_path = g_build_filename (fixture->dir, "zero.txt", NULL);
  g_autofree char *folder_path = g_build_filename (fixture->dir, "folder.txt", NULL);
  g_autofree char *link_path = g_build_filename (fixture->dir, "link.txt", NULL);
  g_autoptr(GFile) fifo = g_file_new_for_path (fifo_path);
  g_autoptr(GFile) zero = g_file_new_for_path (zero_path);
  g_autoptr(GFile) folder = g_file_new_for_path (folder_path);
  g_autoptr(GFile) link = g_file_new_for_path (link_path);
  g_autoptr(GFile) real = write_file (fixture, "real.txt", "A real article.\n", -1);
  g_autoptr(GlossDocument) doc = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (mkfifo (fifo_path, 0600), ==, 0);
  g_assert_cmpint (symlink ("/dev/zero", zero_path), ==, 0);
  g_assert_cmpint (g_mkdir (folder_path, 0700), ==, 0);
  g_assert_cmpint (symlink ("real.txt", link_path), ==, 0);

  doc = gloss_document_new_from_file (fifo, NULL, &error);
  g_assert_null (doc);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_REGULAR_FILE);
  g_assert_cmpstr (error->message, ==, "pipe.txt: not a regular file (a FIFO); only regular files are read");
  g_clear_error (&error);

  doc = gloss_document_new_from_file (zero, NULL, &error);
  g_assert_null (doc);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_REGULAR_FILE);
  g_assert_cmpstr (error->message, ==, "zero.txt: not a regular file (a device); only regular files are read");
  g_clear_error (&error);

  doc = gloss_document_new_from_file (folder, NULL, &error);
  g_assert_null (doc);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_IS_DIRECTORY);
  g_clear_error (&error);

  /* A link to a regular file is followed. */
  doc = gloss_document_new_from_file (link, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (gloss_document_get_text (doc), ==, "A real article.\n");
}

/* The limit holds whatever size a file claims: /proc files say 0. */
static void
test_limit_whatever_the_size (void)
{
  g_autoptr(GFile) status = g_file_new_for_path ("/proc/self/status");
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;

  if (!g_file_test ("/proc/self/status", G_FILE_TEST_IS_REGULAR))
    {
      g_test_skip ("no /proc here");
      return;
    }

  bytes = gloss_file_load_bytes (status, "status", 16, NULL, &error);
  g_assert_null (bytes);
  g_assert_error (error, GLOSS_ERROR, GLOSS_ERROR_TOO_LARGE);
  g_test_message ("%s", error->message);
  g_clear_error (&error);

  bytes = gloss_file_load_bytes (status, "status", 1024 * 1024, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_bytes_get_size (bytes), >, 16);
  /* NUL-terminated past the end, as documents need. */
  g_assert_cmpint (((const char *) g_bytes_get_data (bytes, NULL))[g_bytes_get_size (bytes)], ==, '\0');
}

static void
on_loaded (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  GError **error = user_data;
  g_autoptr(GBytes) bytes = gloss_file_load_bytes_finish (G_FILE (object), result, error);

  g_assert_null (bytes);
}

/* The same in a worker thread: a FIFO is refused there too, so the
 * callback comes. */
static void
test_load_async (TmpDir        *fixture,
                 gconstpointer  data)
{
  g_autofree char *fifo_path = g_build_filename (fixture->dir, "pipe.gloss.json", NULL);
  g_autoptr(GFile) fifo = g_file_new_for_path (fifo_path);
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (mkfifo (fifo_path, 0600), ==, 0);
  gloss_file_load_bytes_async (fifo, NULL, 1024, NULL, on_loaded, &error);
  while (error == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_REGULAR_FILE);
}

/* Slices */

static void
test_slices (void)
{
  /* “Ми не підемо на тиск”, — Núñez 𠀋 */
  const char *text = LDQUO "\u041C\u0438 \u043D\u0435" RDQUO ", " MDASH " " NUNEZ " " CJK_B;
  g_autoptr(GlossDocument) doc = gloss_test_doc_new (text);
  g_autofree char *quote = NULL;
  g_autofree char *name = NULL;
  g_autofree char *tail = NULL;
  g_autofree char *empty = NULL;
  g_autofree char *all = NULL;
  g_autofree char *reversed = NULL;
  guint length = gloss_document_get_length (doc);

  g_assert_cmpuint (length, ==, 18);

  quote = gloss_document_dup_slice (doc, 0, 7);
  g_assert_cmpstr (quote, ==, LDQUO "\u041C\u0438 \u043D\u0435" RDQUO);
  name = gloss_document_dup_slice (doc, 11, 16);
  g_assert_cmpstr (name, ==, NUNEZ);
  tail = gloss_document_dup_slice (doc, 16, 100);
  g_assert_cmpstr (tail, ==, " " CJK_B);
  empty = gloss_document_dup_slice (doc, 5, 5);
  g_assert_cmpstr (empty, ==, "");
  all = gloss_document_dup_slice (doc, 0, G_MAXUINT);
  g_assert_cmpstr (all, ==, text);
  reversed = gloss_document_dup_slice (doc, 9, 3);
  g_assert_cmpstr (reversed, ==, "");

  g_assert_true (gloss_document_slice_equals (doc, 0, 7, quote));
  g_assert_true (gloss_document_slice_equals (doc, 11, 16, NUNEZ));
  g_assert_true (gloss_document_slice_equals (doc, 17, 18, CJK_B));
  g_assert_true (gloss_document_slice_equals (doc, 0, length, text));
  g_assert_true (gloss_document_slice_equals (doc, 4, 4, ""));
  g_assert_true (gloss_document_slice_equals (doc, length, length, ""));

  g_assert_false (gloss_document_slice_equals (doc, 11, 16, NUNEZ_NFD));
  g_assert_false (gloss_document_slice_equals (doc, 11, 15, NUNEZ));
  g_assert_false (gloss_document_slice_equals (doc, 11, 17, NUNEZ));
  g_assert_false (gloss_document_slice_equals (doc, 12, 17, NUNEZ));
  g_assert_false (gloss_document_slice_equals (doc, 11, 16, "Nunez"));
  g_assert_false (gloss_document_slice_equals (doc, 4, 4, "x"));
  g_assert_false (gloss_document_slice_equals (doc, 4, 5, ""));

  /* Ranges outside the text never match, unlike dup_slice(), which clamps. */
  g_assert_false (gloss_document_slice_equals (doc, 17, 19, CJK_B));
  g_assert_false (gloss_document_slice_equals (doc, length + 1, length + 1, ""));
  g_assert_false (gloss_document_slice_equals (doc, 5, 4, ""));
}

/* Segmentation */

static void
assert_boundaries (GlossDocument *doc,
                   const char    *expected)
{
  /* @expected has one character per offset 0..length: '|' for a grapheme
   * boundary, '.' for none. */
  guint length = gloss_document_get_length (doc);

  g_assert_cmpuint (strlen (expected), ==, length + 1);
  for (guint i = 0; i <= length; i++)
    {
      gboolean boundary = gloss_document_is_grapheme_boundary (doc, i);

      if (boundary != (expected[i] == '|'))
        g_error ("grapheme boundary at %u: expected %s, got %s",
                 i, expected[i] == '|' ? "yes" : "no", boundary ? "yes" : "no");
    }
  g_assert_false (gloss_document_is_grapheme_boundary (doc, length + 1));
}

static void
test_graphemes (void)
{
  g_autoptr(GlossDocument) family = gloss_test_doc_new ("a" FAMILY "b");
  g_autoptr(GlossDocument) accent = gloss_test_doc_new ("e" ACUTE "x");
  g_autoptr(GlossDocument) nfd = gloss_test_doc_new (NUNEZ_NFD);
  g_autoptr(GlossDocument) flags = gloss_test_doc_new (FLAG_UA FLAG_FR);
  g_autoptr(GlossDocument) crlf = gloss_test_doc_new ("a\r\nb\r\n");
  g_autoptr(GlossDocument) astral = gloss_test_doc_new (CJK_B CJK_B);
  g_autoptr(GlossDocument) arabic = gloss_test_doc_new (ARABIC);
  g_autoptr(GlossDocument) bom = gloss_test_doc_new (BOM "e" ACUTE);

  /* Not inside the ZWJ family: a | 👨 ZWJ 👩 ZWJ 👧 | b */
  assert_boundaries (family, "||....||");
  /* Not between e and U+0301. */
  assert_boundaries (accent, "|.||");
  assert_boundaries (nfd, "||.|.|||");
  /* Not between the two regional indicators of one flag. */
  assert_boundaries (flags, "|.|.|");
  /* Not between CR and LF. */
  assert_boundaries (crlf, "||.||.|");
  assert_boundaries (astral, "|||");
  assert_boundaries (arabic, "||||||||||||");
  assert_boundaries (bom, "|.|");

  g_assert_cmpuint (gloss_document_next_grapheme_boundary (family, 1), ==, 1);
  for (guint i = 2; i <= 5; i++)
    {
      g_assert_cmpuint (gloss_document_next_grapheme_boundary (family, i), ==, 6);
      g_assert_cmpuint (gloss_document_prev_grapheme_boundary (family, i), ==, 1);
    }
  g_assert_cmpuint (gloss_document_prev_grapheme_boundary (family, 6), ==, 6);
  g_assert_cmpuint (gloss_document_next_grapheme_boundary (family, 100), ==, 7);
  g_assert_cmpuint (gloss_document_prev_grapheme_boundary (family, 100), ==, 7);

  g_assert_cmpuint (gloss_document_next_grapheme_boundary (flags, 1), ==, 2);
  g_assert_cmpuint (gloss_document_prev_grapheme_boundary (flags, 3), ==, 2);
  g_assert_cmpuint (gloss_document_next_grapheme_boundary (crlf, 2), ==, 3);
  g_assert_cmpuint (gloss_document_prev_grapheme_boundary (crlf, 2), ==, 1);
  g_assert_cmpuint (gloss_document_next_grapheme_boundary (accent, 1), ==, 2);
  g_assert_cmpuint (gloss_document_prev_grapheme_boundary (accent, 1), ==, 0);
}

static void
assert_one_word (const char *text)
{
  g_autoptr(GlossDocument) doc = gloss_test_doc_new (text);
  guint length = gloss_document_get_length (doc);

  g_assert_true (gloss_document_is_word_start (doc, 0));
  g_assert_true (gloss_document_is_word_end (doc, length));
  for (guint i = 1; i < length; i++)
    {
      g_assert_false (gloss_document_is_word_start (doc, i));
      g_assert_false (gloss_document_is_word_end (doc, i));
      g_assert_cmpuint (gloss_document_word_start_before (doc, i), ==, 0);
      g_assert_cmpuint (gloss_document_word_end_after (doc, i), ==, length);
    }
}

/* @expected has one character per offset 0..length: '[' for a word start,
 * ']' for a word end, 'x' for both (between two adjacent words) and '.' for
 * neither. Snapping is checked at every offset against the same picture:
 * strictly between a start and the next end is inside a word, and snaps to
 * both; anywhere else (punctuation, spaces, the edges of words) stays put. */
static void
assert_words (const char *text,
              const char *expected)
{
  g_autoptr(GlossDocument) doc = gloss_test_doc_new (text);
  guint length = gloss_document_get_length (doc);
  g_autofree guint *want_before = g_new (guint, length + 1);
  g_autofree guint *want_after = g_new (guint, length + 1);
  guint word_start = G_MAXUINT;

  if (strlen (expected) != length + 1)
    g_error ("\"%s\": %u offsets, but the picture has %zu", text, length + 1, strlen (expected));

  for (guint i = 0; i <= length; i++)
    {
      gboolean start = expected[i] == '[' || expected[i] == 'x';
      gboolean end = expected[i] == ']' || expected[i] == 'x';

      if (gloss_document_is_word_start (doc, i) != start)
        g_error ("\"%s\": word start at %u: expected %s", text, i, start ? "yes" : "no");
      if (gloss_document_is_word_end (doc, i) != end)
        g_error ("\"%s\": word end at %u: expected %s", text, i, end ? "yes" : "no");

      want_before[i] = want_after[i] = i;
      if (end)
        {
          g_assert_cmpuint (word_start, <, i);
          for (guint j = word_start + 1; j < i; j++)
            {
              want_before[j] = word_start;
              want_after[j] = i;
            }
          word_start = G_MAXUINT;
        }
      if (start)
        word_start = i;
    }
  /* Every word that starts also ends. */
  g_assert_cmpuint (word_start, ==, G_MAXUINT);

  for (guint i = 0; i <= length; i++)
    {
      guint before = gloss_document_word_start_before (doc, i);
      guint after = gloss_document_word_end_after (doc, i);

      if (before != want_before[i] || after != want_after[i])
        g_error ("\"%s\": at %u snapped to %u..%u, expected %u..%u",
                 text, i, before, after, want_before[i], want_after[i]);
    }

  g_assert_false (gloss_document_is_word_start (doc, length + 1));
  g_assert_false (gloss_document_is_word_end (doc, length + 1));
  g_assert_cmpuint (gloss_document_word_start_before (doc, length + 1), ==, length);
  g_assert_cmpuint (gloss_document_word_end_after (doc, length + 1), ==, length);
}

static void
test_words (void)
{
  /* «Ми не підемо на тиск», — заявив Núñez */
  const char *text = "\u00AB\u041C\u0438 \u043D\u0435 \u043F\u0456\u0434\u0435\u043C\u043E "
                     "\u043D\u0430 " TYSK "\u00BB, " MDASH " \u0437\u0430\u044F\u0432\u0438\u0432 "
                     NUNEZ_NFD ".";
  g_autoptr(GlossDocument) doc = gloss_test_doc_new (text);
  /*  0 «   1 Ми  3 ' '  4 не  6 ' '  7 підемо  13 ' '  14 на  16 ' '  17 тиск
   * 21 »  22 ,  23 ' '  24 —  25 ' '  26 заявив  32 ' '  33 Núñez (7 code
   * points)  40 .  41 end */

  assert_one_word (NUNEZ);
  assert_one_word (NUNEZ_NFD);
  assert_one_word (TYSK);
  assert_one_word ("\u0627\u0644\u0645\u062A\u062D\u062F\u062B");

  g_assert_cmpuint (gloss_document_get_length (doc), ==, 41);
  g_assert_true (gloss_document_is_word_start (doc, 17));
  g_assert_true (gloss_document_is_word_end (doc, 21));
  g_assert_true (gloss_document_is_word_start (doc, 33));
  g_assert_true (gloss_document_is_word_end (doc, 40));
  g_assert_false (gloss_document_is_word_start (doc, 0));
  g_assert_false (gloss_document_is_word_start (doc, 41 + 1));

  /* Inside a word: snap outwards to its edges. */
  g_assert_cmpuint (gloss_document_word_start_before (doc, 19), ==, 17);
  g_assert_cmpuint (gloss_document_word_end_after (doc, 19), ==, 21);
  g_assert_cmpuint (gloss_document_word_start_before (doc, 35), ==, 33);
  g_assert_cmpuint (gloss_document_word_end_after (doc, 34), ==, 40);

  /* At a word's edge, or between words: stay. */
  g_assert_cmpuint (gloss_document_word_start_before (doc, 17), ==, 17);
  g_assert_cmpuint (gloss_document_word_end_after (doc, 21), ==, 21);
  g_assert_cmpuint (gloss_document_word_start_before (doc, 21), ==, 21);
  g_assert_cmpuint (gloss_document_word_end_after (doc, 17), ==, 17);
  for (guint i = 21; i <= 26; i++)
    {
      g_assert_cmpuint (gloss_document_word_start_before (doc, i), ==, i);
      g_assert_cmpuint (gloss_document_word_end_after (doc, i), ==, i);
    }
  g_assert_cmpuint (gloss_document_word_start_before (doc, 0), ==, 0);
  g_assert_cmpuint (gloss_document_word_end_after (doc, 41), ==, 41);
  g_assert_cmpuint (gloss_document_word_end_after (doc, 1000), ==, 41);
  g_assert_cmpuint (gloss_document_word_start_before (doc, 1000), ==, 41);
}

/* UAX #29 keeps a word together across an apostrophe or a point between
 * two letters (or two digits), where Pango's older is_word_start/end flags
 * cut "O'Brien" into "O", "'", "Brien". */
static void
test_words_joined (void)
{
  assert_words (OBRIEN, "[......]");
  assert_words ("O'Brien", "[......]");
  assert_words ("o" RSQUO "clock ma'am", "[......][....]");
  assert_words ("3.5", "[..]");
  assert_words ("1,000.50", "[.......]");
  /* The last full stop is not between two letters: it stays outside, as it
   * would at the end of a sentence. */
  assert_words ("U.S.", "[..].");
  assert_words ("U.S. troops", "[..].[.....]");
  /* Accented letters, precomposed and decomposed, and other scripts. */
  assert_words (NUNEZ, "[....]");
  assert_words (NUNEZ_NFD, "[......]");
  assert_words ("Zo\u00EB", "[..]");
  assert_words ("Zoe" DIAERESIS, "[...]");
  assert_words (TYSK, "[...]");
  /* UAX #29 (and so Pango) breaks on both sides of a hyphen: "well-known"
   * is two words with a non-word segment between them. That is what the
   * standard says and what Pango does; snapping inside "known" does not
   * reach back to "well". */
  assert_words ("well-known", "[...][....]");
  /* An underscore joins on: identifiers stay whole. */
  assert_words ("_id", "[..]");
  /* Each ideograph is a segment of its own, so two of them are two
   * adjacent words. */
  assert_words ("\u4E2D\u6587", "[x]");
  /* An emoji is a segment, but not a word. */
  assert_words ("a" THUMBS_UP "b", "[][]");
  /* Quotation marks around a word are segments of their own, apostrophes
   * at its edges too, but one between letters is part of it. */
  assert_words (LSQUO OBRIEN RSQUO, ".[......].");
  assert_words ("'tis dogs'", ".[..][...].");
  /* Spaces and punctuation: every offset there stays where it is, even
   * inside a run of spaces (which UAX #29 keeps as one segment). */
  assert_words ("a  b", "[].[]");
  assert_words ("-- , .", ".......");
  assert_words ("", ".");
}

/* English clitics are words of their own, cut off as NLTK's Treebank
 * tokenizer and spaCy's English tokenizer cut them, with either apostrophe
 * (issue 10: a double-click on "NATO" stored "NATO’s"). */
static void
test_words_clitics (void)
{
  /* Possessives, curly and straight, and in capitals. */
  assert_words ("NATO" RSQUO "s", "[...x.]");
  assert_words ("NATO's", "[...x.]");
  assert_words ("NATO" RSQUO "S", "[...x.]");
  assert_words ("Biden" RSQUO "s plan", "[....x.][...]");
  assert_words (OBRIEN RSQUO "s", "[......x.]");
  /* A letter and its combining accent stay together before the clitic. */
  assert_words ("Jose\u0301" RSQUO "s", "[....x.]");
  /* n't: the n goes with the clitic, as Treebank has it ("do n't",
   * "ca n't"). */
  assert_words ("don" RSQUO "t", "[.x..]");
  assert_words ("don't", "[.x..]");
  assert_words ("DON'T", "[.x..]");
  assert_words ("can" RSQUO "t", "[.x..]");
  /* The other contractions. */
  assert_words ("they" RSQUO "re", "[...x..]");
  assert_words ("I" RSQUO "m we'll I've he" RSQUO "d", "[x.][.x..][x..][.x.]");
  /* Again on what is left. */
  assert_words ("shouldn" RSQUO "t" RSQUO "ve", "[.....x..x..]");
  /* After a clitic, the next segment as usual. */
  assert_words ("NATO" RSQUO "s-led", "[...x.][..]");
  /* Not a clitic: more letters, mixed case, nothing before it. */
  assert_words ("NATO" RSQUO "sa", "[......]");
  assert_words ("we" RSQUO "Ll", "[....]");
  assert_words ("n" RSQUO "t", "[..]");
  /* UAX #29 already keeps these apostrophes apart: the plural possessive,
   * one after a digit, and the two of "rock ’n’ roll". */
  assert_words ("workers" RSQUO " rights", "[......].[.....]");
  assert_words ("workers' rights", "[......].[.....]");
  assert_words ("1990" RSQUO "s", "[...][]");
  assert_words ("rock " RSQUO "n" RSQUO " roll", "[...].[].[...]");
  assert_words (RSQUO "s", ".[]");
}

/* Snapping a selection with a possessive: "NATO" stays "NATO", a
 * selection ending inside the "’s" takes it whole. */
static void
test_words_snap_possessive (void)
{
  /* NATO’s allies met. */
  g_autoptr(GlossDocument) doc = gloss_test_doc_new ("NATO" RSQUO "s allies met.");
  /*  0 NATO  4 ’s  6 ' '  7 allies  13 ' '  14 met  17 .  18 end */

  /* Inside "NATO": to its edges, never past them. */
  for (guint i = 1; i < 4; i++)
    {
      g_assert_cmpuint (gloss_document_word_start_before (doc, i), ==, 0);
      g_assert_cmpuint (gloss_document_word_end_after (doc, i), ==, 4);
    }
  g_assert_cmpuint (gloss_document_word_end_after (doc, 4), ==, 4);
  g_assert_true (gloss_document_slice_equals (doc, 0, 4, "NATO"));
  /* Inside "’s": the clitic, from its apostrophe. */
  g_assert_cmpuint (gloss_document_word_start_before (doc, 5), ==, 4);
  g_assert_cmpuint (gloss_document_word_end_after (doc, 5), ==, 6);
}

/* Alt+arrows: a bound steps by word starts or ends, clitics included, so
 * that "NATO’s" can be shortened to "NATO"; never past its limits. */
static void
test_step_bound (void)
{
  /* “NATO’s allies don’t,” he said. */
  g_autoptr(GlossDocument) doc = gloss_test_doc_new (LDQUO "NATO" RSQUO "s allies don" RSQUO "t," RDQUO " he said.");
  /*  0 “  1 NATO  5 ’s  7 ' '  8 allies  14 ' '  15 do  17 n’t  20 ,
   * 21 ”  22 ' '  23 he  25 ' '  26 said  30 .  31 end */
  guint length = gloss_document_get_length (doc);

  g_assert_cmpuint (length, ==, 31);

  /* The end of "NATO’s" back to "NATO", then no further than low. */
  g_assert_cmpuint (gloss_document_step_bound (doc, 7, FALSE, FALSE, 2, length), ==, 5);
  g_assert_cmpuint (gloss_document_step_bound (doc, 5, FALSE, FALSE, 2, length), ==, 2);
  /* Forward, word end by word end: "’s", "allies", "do", "n’t". */
  g_assert_cmpuint (gloss_document_step_bound (doc, 5, TRUE, FALSE, 2, length), ==, 7);
  g_assert_cmpuint (gloss_document_step_bound (doc, 7, TRUE, FALSE, 2, length), ==, 14);
  g_assert_cmpuint (gloss_document_step_bound (doc, 14, TRUE, FALSE, 2, length), ==, 17);
  g_assert_cmpuint (gloss_document_step_bound (doc, 17, TRUE, FALSE, 2, length), ==, 20);
  /* A start steps by word starts: onto "’s", back onto "NATO". */
  g_assert_cmpuint (gloss_document_step_bound (doc, 1, TRUE, TRUE, 0, 6), ==, 5);
  g_assert_cmpuint (gloss_document_step_bound (doc, 5, FALSE, TRUE, 0, 6), ==, 1);
  g_assert_cmpuint (gloss_document_step_bound (doc, 17, FALSE, TRUE, 0, 19), ==, 15);
  /* No word start between here and the limit: the limit. */
  g_assert_cmpuint (gloss_document_step_bound (doc, 1, FALSE, TRUE, 0, 6), ==, 0);
  g_assert_cmpuint (gloss_document_step_bound (doc, 26, TRUE, FALSE, 2, length), ==, 30);
  g_assert_cmpuint (gloss_document_step_bound (doc, 30, TRUE, FALSE, 2, length), ==, 31);
  /* At a limit already: it stays, rather than wrapping below 0 to the
   * other limit. */
  g_assert_cmpuint (gloss_document_step_bound (doc, 0, FALSE, TRUE, 0, 6), ==, 0);
  g_assert_cmpuint (gloss_document_step_bound (doc, length, TRUE, FALSE, 2, length), ==, length);
  g_assert_cmpuint (gloss_document_step_bound (doc, 40, TRUE, FALSE, 2, 1000), ==, length);
}

/* The case that motivated word segments: a selection drawn from the middle
 * of "Brien" to the middle of "said" takes in the whole name. */
static void
test_words_snap_name (void)
{
  /* “O’Brien’s,” he said — don't. */
  g_autoptr(GlossDocument) doc = gloss_test_doc_new (LDQUO OBRIEN RSQUO "s," RDQUO " he said " MDASH " don't.");
  /*  0 “  1 O’Brien’s  10 ,  11 ”  12 ' '  13 he  15 ' '  16 said  20 ' '
   * 21 —  22 ' '  23 don't  28 .  29 end */
  g_autoptr(GlossDocument) name = gloss_test_doc_new ("Mr " OBRIEN " said");
  /*  0 Mr  2 ' '  3 O’Brien  10 ' '  11 said  15 end */

  g_assert_cmpuint (gloss_document_get_length (doc), ==, 29);
  g_assert_cmpuint (gloss_document_get_length (name), ==, 15);

  /* Inside "Brien", on either side of the apostrophe: the whole name. */
  for (guint i = 4; i < 10; i++)
    {
      g_assert_cmpuint (gloss_document_word_start_before (name, i), ==, 3);
      g_assert_cmpuint (gloss_document_word_end_after (name, i), ==, 10);
    }
  g_assert_true (gloss_document_slice_equals (name, 3, 10, OBRIEN));

  /* A possessive is a word of its own: snapping inside the name takes
   * "O’Brien", without the "’s". Inside "don't": "do", or "n't". */
  g_assert_cmpuint (gloss_document_word_start_before (doc, 6), ==, 1);
  g_assert_cmpuint (gloss_document_word_end_after (doc, 6), ==, 8);
  g_assert_true (gloss_document_slice_equals (doc, 1, 8, OBRIEN));
  g_assert_cmpuint (gloss_document_word_start_before (doc, 9), ==, 8);
  g_assert_cmpuint (gloss_document_word_end_after (doc, 9), ==, 10);
  g_assert_cmpuint (gloss_document_word_start_before (doc, 24), ==, 23);
  g_assert_cmpuint (gloss_document_word_end_after (doc, 24), ==, 25);
  g_assert_cmpuint (gloss_document_word_start_before (doc, 26), ==, 25);
  g_assert_cmpuint (gloss_document_word_end_after (doc, 26), ==, 28);

  /* The quotation marks, the comma, the dash and the spaces are chosen by
   * the user: offsets there do not move. */
  for (guint i = 10; i <= 13; i++)
    {
      g_assert_cmpuint (gloss_document_word_start_before (doc, i), ==, i);
      g_assert_cmpuint (gloss_document_word_end_after (doc, i), ==, i);
    }
  for (guint i = 20; i <= 23; i++)
    {
      g_assert_cmpuint (gloss_document_word_start_before (doc, i), ==, i);
      g_assert_cmpuint (gloss_document_word_end_after (doc, i), ==, i);
    }
  g_assert_cmpuint (gloss_document_word_start_before (doc, 0), ==, 0);
  g_assert_cmpuint (gloss_document_word_end_after (doc, 1), ==, 1);
  g_assert_cmpuint (gloss_document_word_start_before (doc, 28), ==, 28);
  g_assert_cmpuint (gloss_document_word_end_after (doc, 29), ==, 29);

  g_assert_false (gloss_document_is_word_start (doc, 0));
  g_assert_true (gloss_document_is_word_start (doc, 1));
  g_assert_false (gloss_document_is_word_end (doc, 2));
  g_assert_false (gloss_document_is_word_start (doc, 3));
  g_assert_true (gloss_document_is_word_end (doc, 8));
  g_assert_true (gloss_document_is_word_start (doc, 8));
  g_assert_true (gloss_document_is_word_end (doc, 10));
  g_assert_false (gloss_document_is_word_end (doc, 11));
  g_assert_false (gloss_document_is_word_end (doc, 29));
}

static void
test_sentences (void)
{
  g_autoptr(GlossDocument) doc = gloss_test_doc_new ("Talks resume. " LDQUO "We will not yield," RDQUO " he said.\n");

  g_assert_true (gloss_document_is_sentence_boundary (doc, 0));
  g_assert_false (gloss_document_is_sentence_boundary (doc, 5));
  g_assert_true (gloss_document_is_sentence_boundary (doc, 14));
  g_assert_false (gloss_document_is_sentence_boundary (doc, 20));
  g_assert_true (gloss_document_is_sentence_boundary (doc, gloss_document_get_length (doc)));
  g_assert_false (gloss_document_is_sentence_boundary (doc, gloss_document_get_length (doc) + 1));
}

/* Segmentation of a large mixed text: boundaries never fall inside a
 * grapheme as the index sees it, and next/prev agree with is_boundary. */
static void
test_segmentation_large (void)
{
  static const char *pieces[] = {
    "The ", "minister ", NUNEZ_NFD " ", FAMILY, " ", FLAG_UA FLAG_FR, "\r\n", ARABIC " ",
    CJK_B, TYSK ". ", LDQUO "Quote" RDQUO " ", MDASH,
  };
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GlossDocument) doc = NULL;
  guint length;
  gint64 before;

  while (text->len < 200000)
    g_string_append (text, pieces[g_test_rand_int_range (0, G_N_ELEMENTS (pieces))]);

  doc = gloss_test_doc_new (text->str);
  length = gloss_document_get_length (doc);

  before = g_get_monotonic_time ();
  /* The first query computes the boundaries of the first paragraph. */
  (void) gloss_document_is_word_start (doc, 0);
  g_test_message ("segmentation of %" G_GSIZE_FORMAT " bytes: %.1f ms",
                  text->len, (g_get_monotonic_time () - before) / 1000.0);

  for (guint k = 0; k < 10000; k++)
    {
      guint i = g_test_rand_int_range (0, length + 1);
      guint next = gloss_document_next_grapheme_boundary (doc, i);
      guint prev = gloss_document_prev_grapheme_boundary (doc, i);
      guint word_start;
      guint word_end;
      gunichar c;

      g_assert_cmpuint (prev, <=, i);
      g_assert_cmpuint (next, >=, i);
      g_assert_true (gloss_document_is_grapheme_boundary (doc, next));
      g_assert_true (gloss_document_is_grapheme_boundary (doc, prev));
      for (guint j = prev + 1; j < next; j++)
        g_assert_false (gloss_document_is_grapheme_boundary (doc, j));

      /* Word snapping moves both ways or not at all (an offset is either
       * strictly inside a word or not), and lands on a word's edges, which
       * are grapheme boundaries. */
      word_start = gloss_document_word_start_before (doc, i);
      word_end = gloss_document_word_end_after (doc, i);
      g_assert_cmpuint (word_start, <=, i);
      g_assert_cmpuint (word_end, >=, i);
      g_assert_cmpint (word_start == i, ==, word_end == i);
      if (word_start != i)
        {
          g_assert_true (gloss_document_is_word_start (doc, word_start));
          g_assert_true (gloss_document_is_word_end (doc, word_end));
          g_assert_true (gloss_document_is_grapheme_boundary (doc, word_start));
          g_assert_true (gloss_document_is_grapheme_boundary (doc, word_end));
        }

      if (i == 0 || i == length)
        continue;

      /* Never before a combining mark, a ZWJ or the second half of a flag,
       * nor between CR and LF. */
      c = g_utf8_get_char (gloss_document_get_text (doc) + gloss_document_offset_to_byte (doc, i));
      if (c == 0x0301 || c == 0x0303 || c == 0x200D || c == 0x1F1E6 || c == 0x1F1F7 || c == '\n')
        g_assert_false (gloss_document_is_grapheme_boundary (doc, i));
    }
}

/* The document answers grapheme questions between "simple" characters
 * without Pango; every answer must still be Pango's. */
static void
test_grapheme_fast_path (void)
{
  static const char *pieces[] = {
    "a", "Z", " ", "\n", "\r", "\r\n", "\t", "“", "”", "’", "—", "–", "…", "é",
    "e\xcc\x81", "Ω", "ж", "\xd2\x83", "中", "😀", "👍🏽", "👨\u200d👩\u200d👧", "🇺🇦",
    "\u200d", "\u200c", "\xef\xb8\x8f", "한", "\xe1\x84\x80", "ا", "\xd9\x8b", "\xd8\x80",
    "क्ष", "\xc2\xad", "0", ".",
  };
  g_autoptr(GRand) rand = g_rand_new_with_seed (20261127);

  for (guint round = 0; round < 200; round++)
    {
      g_autoptr(GString) text = g_string_new (NULL);
      g_autoptr(GlossDocument) doc = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree PangoLogAttr *attrs = NULL;
      guint length;

      for (guint i = 0; i < 40; i++)
        g_string_append (text, pieces[g_rand_int_range (rand, 0, G_N_ELEMENTS (pieces))]);

      doc = gloss_document_new_from_text (text->str, text->len, &error);
      g_assert_no_error (error);
      length = gloss_document_get_length (doc);
      attrs = g_new0 (PangoLogAttr, length + 1);
      pango_get_log_attrs (text->str, text->len, -1, NULL, attrs, length + 1);

      for (guint o = 1; o < length; o++)
        {
          if (gloss_document_is_grapheme_boundary (doc, o) != attrs[o].is_cursor_position)
            g_error ("offset %u of “%s”: document says %d, Pango %d", o, text->str,
                     gloss_document_is_grapheme_boundary (doc, o), attrs[o].is_cursor_position);
        }
    }
}

/* Boundaries a paragraph at a time (gloss-text-boundaries.c) */

/* Pieces of text that exercise every rule the boundaries depend on:
 * runs of words (where a very long paragraph may be cut), clitics, full
 * stops in abbreviations and numbers, quotes and brackets, emoji ZWJ
 * sequences, flags and lone regional indicators, combining marks, Hangul
 * jamo, Thai, Khmer and Lao words (no spaces), Arabic (with a Prepend
 * number sign), Hebrew, bidi marks, CJK, kana, every paragraph and line
 * separator, tabs and form feeds. */
static const char *boundary_pieces[] = {
  "The ", "minister ", "said ", "that ", "a ", "I ", "x ", "Bb ", "the cat sat on a mat ",
  "word", "Word ", "e.g. ", "U.S. ", "U.S.A", "3.5 ", "x.ab ", "NATO" RSQUO "s ", "don't ",
  "they" RSQUO "re ", "should" RSQUO "n" RSQUO "t" RSQUO "ve ", "O" RSQUO "Brien ", "workers' ",
  ". ", "? ", "! ", "\u2026 ", "\"Quote.\" ", "(Paren) ", "[x] ", "(", ")", "'", RSQUO, LDQUO, RDQUO,
  MDASH, "-", "_id ", "1", "2,000 ", "3\u05894ab ", ":", ";", "a.b.c ", "x. y ", "X. Y ",
  "e" ACUTE, NUNEZ_NFD " ", "\U0001F600", "\U0001F44D\U0001F3FD", FAMILY, FLAG_UA FLAG_FR, "\U0001F1FA",
  ZWJ, "\uFE0F", "\u00A9\uFE0F", "\u200C", "\u200B",
  "\uD55C\uAD6D\uC5B4 ", "\u1100\u1161\u11A8", "\u0E20\u0E32\u0E29\u0E32\u0E44\u0E17\u0E22",
  "\u1797\u17B6\u179F\u17B6\u1781\u17D2\u1798\u17C2\u179A", "\u0E9E\u0EB2\u0EAA\u0EB2\u0EA5\u0EB2\u0EA7",
  ARABIC " ", "\u064B", "\u0600", "\u05E9\u05DC\u05D5\u05DD ", "\u200F", "\u200E", "\u202B",
  "\u4E2D\u6587", CJK_B, "\u30AB\u30BF\u30AB\u30CA", "\u3072\u3089\u304C\u306A", "\u3002",
  "\u03A9 ", TYSK " ", "\u01C5", "\u00AD", "\uFF21\uFF42 ", "\t", "  ", "\u00A0",
  "\n", "\r\n", "\r", "\u2029", "\u2028", "\xc2\x85", "\x0b", "\x0c", "\n\n",
};

/* Indic scripts, which Pango tailors: without joiners (computed a
 * paragraph at a time) and with them (in one pass over the whole text). */
static const char *indic_pieces[] = {
  "\u0939\u093F\u0928\u094D\u0926\u0940 ", "\u0915\u094D\u0937", "\u0915",
  "\u0BA4\u0BAE\u0BBF\u0BB4\u0BCD ", "\u0D2E\u0D32\u0D2F\u0D3E\u0D33\u0D02 ", "\u0964 ",
};
static const char *joiner_pieces[] = {
  "\u0915\u094D\u200D\u0937", "\u0915\u200C\u094D", "\u0D9A\u0DCA\u200D\u0DBA", "\u0DCA\u0DCF",
  "\u200D", "\u200C",
};

static void
append_random_pieces (GString     *text,
                      GRand       *rand,
                      const char **pieces,
                      guint        n_pieces,
                      gsize        min_bytes,
                      gboolean     separators)
{
  while (text->len < min_bytes)
    {
      const char *piece = pieces[g_rand_int_range (rand, 0, n_pieces)];

      if (!separators && strpbrk (piece, "\n\r") != NULL)
        continue;
      if (!separators && strstr (piece, "\u2029") != NULL)
        continue;
      g_string_append (text, piece);
    }
}

/* Every position's three flags, against one Pango pass over the whole text
 * (what documents computed before: gloss_text_log_attrs_new()). The cache
 * is first asked at @n_random random positions, so that its stretches
 * start and end at varied places, then at every position in order.
 * Returns how many positions the first question ran through Pango. */
static gsize
assert_boundaries_match_whole_text (const char *text,
                                    gsize       len,
                                    GRand      *rand,
                                    guint       n_random)
{
  g_autoptr(GlossDocument) doc = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree PangoLogAttr *whole = NULL;
  GlossTextBoundaries *boundaries;
  gsize first_cost = 0;
  guint length;

  doc = gloss_document_new_from_text (text, len, &error);
  g_assert_no_error (error);
  length = gloss_document_get_length (doc);
  boundaries = gloss_document_get_boundaries (doc);
  whole = gloss_text_log_attrs_new (gloss_document_get_text (doc),
                                    gloss_document_get_n_bytes (doc), length);

  for (guint k = 0; k <= n_random + length; k++)
    {
      guint o = k < n_random ? (guint)g_rand_int_range (rand, 0, length + 1) : k - n_random;
      gboolean g = gloss_text_boundaries_get (boundaries, o, GLOSS_TEXT_BOUNDARY_GRAPHEME);
      gboolean w = gloss_text_boundaries_get (boundaries, o, GLOSS_TEXT_BOUNDARY_WORD);
      gboolean s = gloss_text_boundaries_get (boundaries, o, GLOSS_TEXT_BOUNDARY_SENTENCE);

      if (k == 0)
        first_cost = gloss_text_boundaries_get_n_computed (boundaries);

      if (g != whole[o].is_cursor_position
          || w != whole[o].is_word_boundary
          || s != whole[o].is_sentence_boundary)
        {
          g_autofree char *around = gloss_document_dup_slice (doc, o >= 8 ? o - 8 : 0, o + 8);

          for (guint i = (o >= 8 ? o - 8 : 0); i < MIN (length, o + 8); i++)
            g_printerr ("U+%04X%s ", g_utf8_get_char (gloss_document_get_text (doc) + gloss_document_offset_to_byte (doc, i)), i == o ? "<" : "");
          g_error ("offset %u of %u (…%s…): grapheme %d/%d, word %d/%d, sentence %d/%d "
                   "(cache/whole text)", o, length, around,
                   g, whole[o].is_cursor_position, w, whole[o].is_word_boundary,
                   s, whole[o].is_sentence_boundary);
        }

      /* The public answers, fast paths included, are Pango's too. */
      if (o > 0 && o < length)
        g_assert_cmpint (gloss_document_is_grapheme_boundary (doc, o), ==, whole[o].is_cursor_position);
      g_assert_cmpint (gloss_document_is_sentence_boundary (doc, o), ==, whole[o].is_sentence_boundary);
    }

  return first_cost;
}

static void
test_boundaries_short_texts (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (20261206);

  for (guint round = 0; round < 400; round++)
    {
      g_autoptr(GString) text = g_string_new (NULL);

      append_random_pieces (text, rand, boundary_pieces, G_N_ELEMENTS (boundary_pieces),
                            g_rand_int_range (rand, 1, 400), TRUE);
      assert_boundaries_match_whole_text (text->str, text->len, rand, round % 2 ? 5 : 0);
    }
}

/* Paragraphs longer than a stretch's reach (a few kilobytes): the cache
 * cuts them at runs of words, and must still agree everywhere. */
static void
test_boundaries_long_paragraphs (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (20261207);

  for (guint round = 0; round < 12; round++)
    {
      g_autoptr(GString) text = g_string_new (NULL);

      append_random_pieces (text, rand, boundary_pieces, G_N_ELEMENTS (boundary_pieces),
                            60000, FALSE);
      /* Sometimes a few paragraphs of it, sometimes without a final
       * newline, sometimes with one. */
      if (round % 3 == 1)
        {
          g_string_append (text, "\n");
          append_random_pieces (text, rand, boundary_pieces, G_N_ELEMENTS (boundary_pieces),
                                90000, FALSE);
        }
      if (round % 3 == 2)
        g_string_append (text, round % 2 ? "\r\n" : "\u2029");

      /* The first question did not need the whole first paragraph. */
      g_assert_cmpuint (assert_boundaries_match_whole_text (text->str, text->len, rand, 200),
                        <, 40000);
    }
}

/* Wherever a long paragraph is cut, whatever comes before the run of
 * words it is cut at: each piece, then "q rs t", over and over. */
static void
test_boundaries_cut_after_anything (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (20261212);

  for (guint i = 0; i < G_N_ELEMENTS (boundary_pieces); i++)
    {
      g_autoptr(GString) text = g_string_new (NULL);

      if (strpbrk (boundary_pieces[i], "\n\r") || strstr (boundary_pieces[i], "\u2029"))
        continue;

      while (text->len < 30000)
        {
          g_string_append (text, boundary_pieces[i]);
          g_string_append (text, "q rs t");
        }

      g_assert_cmpuint (assert_boundaries_match_whole_text (text->str, text->len, rand, 50),
                        <, 25000);
    }
}

static void
test_boundaries_indic (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (20261208);

  for (guint round = 0; round < 200; round++)
    {
      g_autoptr(GString) text = g_string_new (NULL);
      gsize target = round < 190 ? 300 : 40000;

      while (text->len < target)
        {
          guint which = g_rand_int_range (rand, 0, 4);

          if (which == 0)
            append_random_pieces (text, rand, indic_pieces, G_N_ELEMENTS (indic_pieces),
                                  text->len + 1, round >= 190 ? FALSE : TRUE);
          else if (which == 1 && round % 2 == 0)
            append_random_pieces (text, rand, joiner_pieces, G_N_ELEMENTS (joiner_pieces),
                                  text->len + 1, TRUE);
          else
            {
              const char *piece = boundary_pieces[g_rand_int_range (rand, 0, G_N_ELEMENTS (boundary_pieces))];

              /* The pieces without joiners stay without them. */
              if (round % 2 == 1 && (strstr (piece, ZWJ) || strstr (piece, "\u200C")))
                continue;
              if (round >= 190 && strpbrk (piece, "\n\r"))
                continue;
              g_string_append (text, piece);
            }
        }

      assert_boundaries_match_whole_text (text->str, text->len, rand, 5);
    }
}

/* Why a text with an Indic script and a joiner is done in one pass:
 * Pango's Indic tailoring of a ZWJ that starts a paragraph depends on the
 * paragraph before (it continues that script run), so the paragraph on
 * its own would give another answer. */
static void
test_boundaries_indic_across_paragraphs (void)
{
  static const char text[] = "\u0915\n\u200D\u0915";  /* क, LF, ZWJ, क */
  g_autoptr(GRand) rand = g_rand_new_with_seed (1);
  PangoLogAttr whole[5] = { 0, };
  PangoLogAttr alone[3] = { 0, };

  pango_get_log_attrs (text, -1, -1, NULL, whole, 5);
  pango_get_log_attrs (text + strlen ("\u0915\n"), -1, -1, NULL, alone, 3);
  g_assert_cmpint (whole[3].is_cursor_position, !=, alone[1].is_cursor_position);

  assert_boundaries_match_whole_text (text, strlen (text), rand, 0);
}

/* ASCII text needs no Pango at all for graphemes: between two ASCII
 * characters there is a boundary but inside CR LF. */
static void
test_boundaries_ascii_fast_path (void)
{
  static const char *pieces[] = { "a", "Z", " ", "\n", "\r", "\r\n", "\t", ".", "'", "0", "\x01", "\x7f" };
  g_autoptr(GRand) rand = g_rand_new_with_seed (20261209);

  for (guint round = 0; round < 100; round++)
    {
      g_autoptr(GString) text = g_string_new (NULL);
      g_autoptr(GlossDocument) doc = NULL;
      g_autofree PangoLogAttr *whole = NULL;
      guint length;

      append_random_pieces (text, rand, pieces, G_N_ELEMENTS (pieces), 200, TRUE);
      doc = gloss_test_doc_new (text->str);
      length = gloss_document_get_length (doc);
      whole = g_new0 (PangoLogAttr, length + 1);
      pango_get_log_attrs (text->str, text->len, -1, NULL, whole, length + 1);

      for (guint o = 0; o <= length; o++)
        g_assert_cmpint (gloss_document_is_grapheme_boundary (doc, o), ==, whole[o].is_cursor_position);

      g_assert_cmpuint (gloss_text_boundaries_get_n_computed (gloss_document_get_boundaries (doc)), ==, 0);
    }
}

/* One word in a 1 MB paragraph: Pango runs over a few kilobytes around
 * it, not over the paragraph, and the cache holds a page or two. */
static void
test_boundaries_one_word_in_long_line (void)
{
  static const char *words[] = { "the ", "minister ", "said ", "NATO" RSQUO "s ", "3.5 ", "e.g. ", "\U0001F600 " };
  g_autoptr(GRand) rand = g_rand_new_with_seed (20261210);
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GlossDocument) doc = NULL;
  g_autofree PangoLogAttr *whole = NULL;
  GlossTextBoundaries *boundaries;
  guint length;
  guint middle;
  guint start;
  guint end;

  while (text->len < 1000 * 1000)
    g_string_append (text, words[g_rand_int_range (rand, 0, G_N_ELEMENTS (words))]);

  doc = gloss_test_doc_new (text->str);
  boundaries = gloss_document_get_boundaries (doc);
  length = gloss_document_get_length (doc);
  middle = length / 2;

  start = gloss_document_word_start_before (doc, middle);
  end = gloss_document_word_end_after (doc, middle);
  g_test_message ("one word at %u of %u: %" G_GSIZE_FORMAT " positions through Pango, "
                  "%" G_GSIZE_FORMAT " bytes held", middle, length,
                  gloss_text_boundaries_get_n_computed (boundaries),
                  gloss_text_boundaries_get_memory (boundaries));
  g_assert_cmpuint (gloss_text_boundaries_get_n_computed (boundaries), <, 64 * 1024);
  g_assert_cmpuint (gloss_text_boundaries_get_memory (boundaries), <, 64 * 1024);

  /* The same word as one pass over the whole text gives. */
  whole = gloss_text_log_attrs_new (text->str, text->len, length);
  if (start != middle)
    {
      g_assert_true (whole[start].is_word_boundary);
      g_assert_true (whole[end].is_word_boundary);
      for (guint o = start + 1; o < end; o++)
        g_assert_false (whole[o].is_word_boundary);
    }
  else
    g_assert_true (whole[middle].is_word_boundary || !g_unichar_isalnum (
      g_utf8_get_char (text->str + gloss_document_offset_to_byte (doc, middle))));
}

typedef struct
{
  GlossDocument      *doc;
  const PangoLogAttr *whole;
  guint32             seed;
} ThreadData;

static gpointer
boundaries_thread (gpointer user_data)
{
  ThreadData *data = user_data;
  GlossTextBoundaries *boundaries = gloss_document_get_boundaries (data->doc);
  g_autoptr(GRand) rand = g_rand_new_with_seed (data->seed);
  guint length = gloss_document_get_length (data->doc);

  for (guint k = 0; k < 20000; k++)
    {
      guint o = g_rand_int_range (rand, 0, length + 1);

      if (gloss_text_boundaries_get (boundaries, o, GLOSS_TEXT_BOUNDARY_WORD) != data->whole[o].is_word_boundary
          || gloss_text_boundaries_get (boundaries, o, GLOSS_TEXT_BOUNDARY_GRAPHEME) != data->whole[o].is_cursor_position
          || gloss_text_boundaries_get (boundaries, o, GLOSS_TEXT_BOUNDARY_SENTENCE) != data->whole[o].is_sentence_boundary)
        return GINT_TO_POINTER (FALSE);
    }

  return GINT_TO_POINTER (TRUE);
}

/* Documents are read from worker threads: four of them asking at once. */
static void
test_boundaries_threads (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (20261211);
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GlossDocument) doc = NULL;
  g_autofree PangoLogAttr *whole = NULL;
  ThreadData data[4];
  GThread *threads[4];

  append_random_pieces (text, rand, boundary_pieces, G_N_ELEMENTS (boundary_pieces), 300000, TRUE);
  doc = gloss_test_doc_new (text->str);
  whole = gloss_text_log_attrs_new (gloss_document_get_text (doc), gloss_document_get_n_bytes (doc),
                                    gloss_document_get_length (doc));

  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    {
      data[i] = (ThreadData) { doc, whole, 100 + i };
      threads[i] = g_thread_new ("boundaries", boundaries_thread, &data[i]);
    }
  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    g_assert_true (GPOINTER_TO_INT (g_thread_join (threads[i])));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/document/offsets/table", test_offsets_table);
  g_test_add_func ("/document/offsets/round-down", test_offsets_round_down);
  g_test_add_func ("/document/offsets/prefixes", test_offsets_prefixes);
  g_test_add_func ("/document/offsets/large", test_offsets_large);
  g_test_add_func ("/document/empty", test_empty);
  g_test_add_func ("/document/sha256", test_sha256);
  g_test_add_func ("/document/bom", test_bom);
  g_test_add_func ("/document/exact-text", test_exact_text);
  g_test_add_func ("/document/from-text-length", test_from_text_length);
  g_test_add_func ("/document/invalid-utf8", test_invalid_utf8);
  g_test_add ("/document/from-file", TmpDir, NULL, tmpdir_setup, test_from_file, tmpdir_teardown);
  g_test_add ("/document/from-file-errors", TmpDir, NULL, tmpdir_setup, test_from_file_errors, tmpdir_teardown);
  g_test_add ("/document/too-large", TmpDir, NULL, tmpdir_setup, test_too_large, tmpdir_teardown);
  g_test_add ("/document/special-files", TmpDir, NULL, tmpdir_setup, test_special_files, tmpdir_teardown);
  g_test_add_func ("/document/limit-whatever-the-size", test_limit_whatever_the_size);
  g_test_add ("/document/load-async", TmpDir, NULL, tmpdir_setup, test_load_async, tmpdir_teardown);
  g_test_add_func ("/document/slices", test_slices);
  g_test_add_func ("/document/segmentation/graphemes", test_graphemes);
  g_test_add_func ("/document/segmentation/words", test_words);
  g_test_add_func ("/document/segmentation/words-joined", test_words_joined);
  g_test_add_func ("/document/segmentation/words-snap-name", test_words_snap_name);
  g_test_add_func ("/document/segmentation/words-clitics", test_words_clitics);
  g_test_add_func ("/document/segmentation/words-snap-possessive", test_words_snap_possessive);
  g_test_add_func ("/document/segmentation/step-bound", test_step_bound);
  g_test_add_func ("/document/segmentation/sentences", test_sentences);
  g_test_add_func ("/document/segmentation/grapheme-fast-path", test_grapheme_fast_path);
  g_test_add_func ("/document/segmentation/large", test_segmentation_large);
  g_test_add_func ("/document/boundaries/short-texts", test_boundaries_short_texts);
  g_test_add_func ("/document/boundaries/long-paragraphs", test_boundaries_long_paragraphs);
  g_test_add_func ("/document/boundaries/cut-after-anything", test_boundaries_cut_after_anything);
  g_test_add_func ("/document/boundaries/indic", test_boundaries_indic);
  g_test_add_func ("/document/boundaries/indic-across-paragraphs", test_boundaries_indic_across_paragraphs);
  g_test_add_func ("/document/boundaries/ascii-fast-path", test_boundaries_ascii_fast_path);
  g_test_add_func ("/document/boundaries/one-word-in-long-line", test_boundaries_one_word_in_long_line);
  g_test_add_func ("/document/boundaries/threads", test_boundaries_threads);

  return g_test_run ();
}

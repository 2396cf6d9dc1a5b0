/* test-piece-map.c — where a very long paragraph is shown in pieces, and
 * the offsets between the article and what is shown
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <pango/pango.h>
#include <string.h>

#include "gloss-piece-map.h"

/* Every check that holds for any text: the displayed text is the text with
 * one "\n" at each break; offsets map both ways; breaks lie on Pango's
 * cursor positions (never inside a grapheme cluster) and never next to a
 * line end; no piece runs far past the piece length while a place to
 * break was there. */
static void
assert_map_consistent (const char *text,
                       guint       piece_length)
{
  g_autoptr(GlossPieceMap) map = gloss_piece_map_new (text, -1, piece_length);
  g_autofree char *shown = gloss_piece_map_dup_display_text (map, text, -1);
  glong length = g_utf8_strlen (text, -1);
  glong shown_length = g_utf8_strlen (shown, -1);
  g_autofree PangoLogAttr *attrs = g_new0 (PangoLogAttr, length + 1);
  g_autofree gunichar *chars = g_utf8_to_ucs4_fast (text, -1, NULL);
  g_autofree gunichar *shown_chars = g_utf8_to_ucs4_fast (shown, -1, NULL);
  guint n_breaks;
  const guint *breaks = gloss_piece_map_get_breaks (map, &n_breaks);

  pango_get_log_attrs (text, -1, -1, NULL, attrs, (int) length + 1);
  g_assert_cmpint (shown_length, ==, length + n_breaks);

  for (guint i = 0; i < n_breaks; i++)
    {
      guint b = breaks[i];

      g_assert_cmpuint (b, >, 0);
      g_assert_cmpuint (b, <, (guint) length);
      if (i > 0)
        g_assert_cmpuint (b, >, breaks[i - 1]);
      /* Never inside a cluster, never beside a line end. */
      g_assert_true (attrs[b].is_cursor_position);
      g_assert_false (chars[b] == '\n' || chars[b] == '\r' || chars[b] == 0x2029);
      g_assert_false (chars[b - 1] == '\n' || chars[b - 1] == '\r' || chars[b - 1] == 0x2029);
      /* Shown as a line break at its displayed place. */
      g_assert_cmpuint (shown_chars[b + i], ==, '\n');
      g_assert_true (gloss_piece_map_is_break (map, b + i));
      g_assert_cmpuint (gloss_piece_map_to_document (map, b + i), ==, b);
    }

  for (guint p = 0; p <= (guint) length; p++)
    {
      guint d = gloss_piece_map_to_display (map, p);
      guint e = gloss_piece_map_to_display_end (map, p);

      g_assert_cmpuint (gloss_piece_map_to_document (map, d), ==, p);
      g_assert_cmpuint (gloss_piece_map_to_document (map, e), ==, p);
      g_assert_cmpuint (e, <=, d);
      g_assert_cmpuint (d - e, <=, 1);
      if (p < (guint) length)
        {
          /* The same character, and not a break. */
          g_assert_cmpuint (shown_chars[d], ==, chars[p]);
          g_assert_false (gloss_piece_map_is_break (map, d));
        }
    }
}

static GString *
repeat (const char *unit,
        guint       times)
{
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < times; i++)
    g_string_append (s, unit);
  return s;
}

/* Paragraphs a person writes are never cut. */
static void
test_short_paragraphs (void)
{
  const char *text = "Port Ellery council approves the bridge.\n\n"
                     "“We will not close the ferry,” she said.\r\n"
                     "A third paragraph\xe2\x80\xa9" "and a fourth.";
  g_autoptr(GlossPieceMap) map = gloss_piece_map_new (text, -1, 64);
  g_autofree char *shown = gloss_piece_map_dup_display_text (map, text, -1);

  g_assert_cmpuint (gloss_piece_map_get_n_breaks (map), ==, 0);
  g_assert_cmpstr (shown, ==, text);
  g_assert_cmpuint (gloss_piece_map_to_display (map, 17), ==, 17);
  g_assert_cmpuint (gloss_piece_map_to_document (map, 17), ==, 17);
  assert_map_consistent (text, 64);
}

/* One long paragraph of words: cut after spaces, into pieces of about the
 * piece length, none shorter than half of it (but the last). */
static void
test_long_paragraph (void)
{
  g_autoptr(GString) text = repeat ("The council voted nine to four on Tuesday night. ", 400);
  g_autoptr(GlossPieceMap) map = gloss_piece_map_new (text->str, (gssize) text->len, 2000);
  guint n_breaks, previous = 0;
  const guint *breaks = gloss_piece_map_get_breaks (map, &n_breaks);

  /* 20,000 code points in pieces of 1,000–2,000. */
  g_assert_cmpuint (n_breaks, >=, 9);
  g_assert_cmpuint (n_breaks, <=, 19);
  for (guint i = 0; i < n_breaks; i++)
    {
      g_assert_cmpint (text->str[breaks[i] - 1], ==, ' ');
      g_assert_cmpuint (breaks[i] - previous, >=, 1000);
      g_assert_cmpuint (breaks[i] - previous, <=, 2000);
      previous = breaks[i];
    }
  assert_map_consistent (text->str, 2000);
}

/* A paragraph break starts the count again; \r\n is one line end. */
static void
test_paragraphs_count_apart (void)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(GString) paragraph = repeat ("word ", 20);   /* 100 code points */

      g_string_append (text, paragraph->str);
      g_string_append (text, i == 0 ? "\r\n" : i == 1 ? "\r" : "\xe2\x80\xa9");
    }

  {
    g_autoptr(GlossPieceMap) map = gloss_piece_map_new (text->str, -1, 120);

    g_assert_cmpuint (gloss_piece_map_get_n_breaks (map), ==, 0);
  }
  assert_map_consistent (text->str, 64);
}

/* Clusters that a cut after a space would split, and text with no space
 * at all: every break still lies on a cursor position. */
static void
test_clusters_kept_whole (void)
{
  const char *units[] = {
    /* a space followed by combining marks: the marks belong to the space */
    "e\xcc\x81 \xcc\x81\xcc\x82 caf\xc3\xa9 ",
    /* emoji with ZWJ, skin tones, flags, keycaps */
    "\xf0\x9f\x91\xa9\xe2\x80\x8d\xf0\x9f\x91\xa9\xe2\x80\x8d\xf0\x9f\x91\xa7 "
    "\xf0\x9f\x91\x8d\xf0\x9f\x8f\xbd \xf0\x9f\x87\xba\xf0\x9f\x87\xa6\xf0\x9f\x87\xac\xf0\x9f\x87\xa7 1\xef\xb8\x8f\xe2\x83\xa3 ",
    /* Thai and Devanagari, with spacing marks */
    "\xe0\xb8\xa0\xe0\xb8\xb2\xe0\xb8\xa9\xe0\xb8\xb2\xe0\xb9\x84\xe0\xb8\x97\xe0\xb8\xa2 \xe0\xa4\xb9\xe0\xa4\xbf\xe0\xa4\xa8\xe0\xa5\x8d\xe0\xa4\xa6\xe0\xa5\x80 ",
    /* Hebrew with points, right to left */
    "\xd7\xa9\xd6\xb8\xd7\x81\xd7\x9c\xd7\x95\xd6\xb9\xd7\x9d \xd7\xa2\xd7\x95\xd7\x9c\xd7\x9d ",
    /* Hangul jamo that compose */
    "\xe1\x84\x92\xe1\x85\xa1\xe1\x86\xab\xe1\x84\x80\xe1\x85\xb3\xe1\x86\xaf ",
  };

  for (guint u = 0; u < G_N_ELEMENTS (units); u++)
    {
      g_autoptr(GString) text = repeat (units[u], 60);

      assert_map_consistent (text->str, 64);
      assert_map_consistent (text->str, 100);
    }
}

/* Machine-made text with no space (minified JSON, CJK prose): cut between
 * characters that stand apart. */
static void
test_no_spaces (void)
{
  g_autoptr(GString) json = repeat ("{\"id\":12345,\"tag\":\"x\"},", 300);
  g_autoptr(GString) cjk = repeat ("港口委員会は橋の建設を承認した。", 200);
  g_autoptr(GlossPieceMap) json_map = gloss_piece_map_new (json->str, -1, 500);
  g_autoptr(GlossPieceMap) cjk_map = gloss_piece_map_new (cjk->str, -1, 500);

  g_assert_cmpuint (gloss_piece_map_get_n_breaks (json_map), >=, 10);
  g_assert_cmpuint (gloss_piece_map_get_n_breaks (cjk_map), >=, 5);
  assert_map_consistent (json->str, 500);
  assert_map_consistent (cjk->str, 500);
}

/* Nowhere to cut: a paragraph that is one endless cluster stays whole. */
static void
test_nowhere_to_cut (void)
{
  g_autoptr(GString) marks = g_string_new ("a");
  g_autoptr(GlossPieceMap) map = NULL;

  for (guint i = 0; i < 500; i++)
    g_string_append (marks, "\xcc\x81");
  map = gloss_piece_map_new (marks->str, -1, 64);
  g_assert_cmpuint (gloss_piece_map_get_n_breaks (map), ==, 0);
  assert_map_consistent (marks->str, 64);
}

/* Spans drawn on the shown text: a span that ends where a break was put
 * does not take the break in; one across a break covers it. */
static void
test_span_bounds (void)
{
  g_autoptr(GString) text = repeat ("alpha beta ", 20);   /* 220 code points */
  g_autoptr(GlossPieceMap) map = gloss_piece_map_new (text->str, -1, 64);
  guint n_breaks;
  const guint *breaks = gloss_piece_map_get_breaks (map, &n_breaks);
  guint b;

  g_assert_cmpuint (n_breaks, >, 0);
  b = breaks[0];
  /* "beta " ends at the break: its end is before the "\n". */
  g_assert_cmpuint (gloss_piece_map_to_display_end (map, b), ==, b);
  /* The word after the break starts after the "\n". */
  g_assert_cmpuint (gloss_piece_map_to_display (map, b), ==, b + 1);
  /* Everything after is shifted by the breaks before it. */
  g_assert_cmpuint (gloss_piece_map_to_display (map, (guint) 219), ==, 219 + n_breaks);
}

/* Pieces are at least 64 code points, whatever is asked. */
static void
test_minimum_length (void)
{
  g_autoptr(GString) text = repeat ("ab ", 100);   /* 300 code points */
  g_autoptr(GlossPieceMap) map = gloss_piece_map_new (text->str, -1, 1);
  guint n_breaks;
  const guint *breaks = gloss_piece_map_get_breaks (map, &n_breaks);

  g_assert_cmpuint (n_breaks, >, 0);
  g_assert_cmpuint (breaks[0], >=, 32);
  assert_map_consistent (text->str, 1);
}

/* Chunks of a text for a view that takes it a few at a time: together
 * they are the text; each ends after a line break where one is in reach,
 * never inside a character or a "\r\n", and is never empty. */
static void
assert_chunks (const char *text,
               gsize       max_bytes)
{
  gsize n_bytes = strlen (text);
  g_autoptr(GString) joined = g_string_new (NULL);
  gsize from = 0;

  while (from < n_bytes)
    {
      gsize end = gloss_piece_map_chunk_end (text, n_bytes, from, max_bytes);
      gboolean has_break = FALSE;

      g_assert_cmpuint (end, >, from);
      g_assert_cmpuint (end, <=, n_bytes);
      g_assert_true (g_utf8_validate (text + from, (gssize) (end - from), NULL));
      g_assert_false (end < n_bytes && text[end - 1] == '\r' && text[end] == '\n');

      /* A line break in reach: the chunk ends just after the last one. */
      for (gsize p = from; p < MIN (from + max_bytes, n_bytes); p++)
        if (text[p] == '\n' || (text[p] == '\r' && text[p + 1] != '\n' && p + 1 < from + max_bytes))
          has_break = TRUE;
      if (has_break && end < n_bytes)
        g_assert_true (text[end - 1] == '\n' || text[end - 1] == '\r');
      if (end - from > max_bytes)
        /* Only one character (or "\r\n") when nothing fits. */
        g_assert_cmpuint (end - from, <=, 4);

      g_string_append_len (joined, text + from, (gssize) (end - from));
      from = end;
    }

  g_assert_cmpstr (joined->str, ==, text);
}

static void
test_chunks (void)
{
  g_autoptr(GString) lines = repeat ("A line of text.\n", 50);
  g_autoptr(GString) crlf = repeat ("Windows line\r\n", 50);
  g_autoptr(GString) wide = repeat ("Київ 🇺🇦 ", 200);

  for (gsize max = 1; max < 40; max++)
    {
      assert_chunks (lines->str, max);
      assert_chunks (crlf->str, max);
      assert_chunks (wide->str, max);
      assert_chunks ("old\rmac\rlines\r", max);
    }
  assert_chunks (lines->str, 1000);

  /* The rest fits: to the end. */
  g_assert_cmpuint (gloss_piece_map_chunk_end ("abc", 3, 0, 3), ==, 3);
  g_assert_cmpuint (gloss_piece_map_chunk_end ("abc", 3, 3, 10), ==, 3);
  /* After the last line break in reach. */
  g_assert_cmpuint (gloss_piece_map_chunk_end ("a\nb\nccc", 7, 0, 5), ==, 4);
  /* Not between "\r" and "\n": before the pair. */
  g_assert_cmpuint (gloss_piece_map_chunk_end ("abc\r\nd", 6, 0, 4), ==, 3);
  /* Not inside "ї" (2 bytes at 4). */
  g_assert_cmpuint (gloss_piece_map_chunk_end ("Київ", strlen ("Київ"), 0, 5), ==, 4);
}

static void
on_made (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static GAsyncResult *
wait_made (GAsyncResult **result)
{
  while (*result == NULL)
    g_main_context_iteration (NULL, TRUE);
  return *result;
}

/* The map made in a thread is the one made here; a cancelled one is not
 * given at all. */
static void
test_async (void)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GlossPieceMap) here = NULL;
  g_autoptr(GlossPieceMap) there = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GAsyncResult) cancelled_result = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *display_here = NULL;
  g_autofree char *display = NULL;
  g_autofree char *no_display = NULL;
  const guint *breaks_here, *breaks_there;
  guint n_here, n_there;

  for (guint i = 0; i < 3000; i++)
    g_string_append (text, "Zoë said the grain would move by Friday. ");

  here = gloss_piece_map_new (text->str, (gssize) text->len, GLOSS_PIECE_MAP_DEFAULT_LENGTH);
  display_here = gloss_piece_map_dup_display_text (here, text->str, (gssize) text->len);

  gloss_piece_map_new_async (text->str, text->len, GLOSS_PIECE_MAP_DEFAULT_LENGTH, NULL, NULL, on_made, &result);
  there = gloss_piece_map_new_finish (wait_made (&result), &display, &error);
  g_assert_no_error (error);
  g_assert_nonnull (there);
  breaks_here = gloss_piece_map_get_breaks (here, &n_here);
  breaks_there = gloss_piece_map_get_breaks (there, &n_there);
  g_assert_cmpuint (n_here, >, 0);
  g_assert_cmpmem (breaks_here, n_here * sizeof (guint), breaks_there, n_there * sizeof (guint));
  g_assert_cmpstr (display, ==, display_here);

  g_cancellable_cancel (cancellable);
  gloss_piece_map_new_async (text->str, text->len, GLOSS_PIECE_MAP_DEFAULT_LENGTH, NULL, cancellable,
                             on_made, &cancelled_result);
  g_assert_null (gloss_piece_map_new_finish (wait_made (&cancelled_result), &no_display, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (no_display);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/piece-map/short-paragraphs", test_short_paragraphs);
  g_test_add_func ("/piece-map/long-paragraph", test_long_paragraph);
  g_test_add_func ("/piece-map/paragraphs-count-apart", test_paragraphs_count_apart);
  g_test_add_func ("/piece-map/clusters-kept-whole", test_clusters_kept_whole);
  g_test_add_func ("/piece-map/no-spaces", test_no_spaces);
  g_test_add_func ("/piece-map/nowhere-to-cut", test_nowhere_to_cut);
  g_test_add_func ("/piece-map/span-bounds", test_span_bounds);
  g_test_add_func ("/piece-map/minimum-length", test_minimum_length);
  g_test_add_func ("/piece-map/chunks", test_chunks);
  g_test_add_func ("/piece-map/async", test_async);

  return g_test_run ();
}

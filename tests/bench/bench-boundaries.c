/* bench-boundaries.c — Pango's boundaries, a paragraph at a time
 *
 * The first grapheme or word question on a document used to run Pango over
 * the whole text (gloss-text-boundaries.c says what it does now). Times,
 * at 1 MB and 10 MB, on a fresh document each run:
 *
 *  - the first gloss_document_is_grapheme_boundary() next to an emoji,
 *  - the first word snap (word_start_before + word_end_after) in the middle,
 *  - the same snap in the middle of the article made one line (10 MB in a
 *    single paragraph, as machine-made text comes),
 *  - every position's word flag in order, as a CoNLL export asks,
 *
 * each beside one Pango pass over the whole text (gloss_text_log_attrs_new(),
 * what the document computed before) in the same run, with the memory each
 * holds. Then `gloss-cli validate --quiet` of the 1 MB / 10,000 and the
 * 10 MB / 100,000 article with and without one annotation touching an
 * emoji: time and the process's peak memory.
 *
 *   bench-boundaries PATH-TO-GLOSS-CLI [--quick] [--validate-only]
 *
 * (--validate-only: the gloss-cli part alone, to compare two builds of it.)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <fcntl.h>
#include <locale.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>

#include <json-glib/json-glib.h>

#include "gloss-bench.h"
#include "gloss-bench-corpus.h"
#include "gloss-document-private.h"

#define EMOJI "\U0001F600"

extern char **environ;

typedef struct
{
  const char *name;
  gsize       bytes;
  guint       annotations;
} Size;

static const Size sizes[] = {
  { "1 MB", 1000 * 1000, 10000 },
  { "10 MB", 10 * 1000 * 1000, 100000 },
};

static GlossDocument *
new_document (const char *text,
              gsize       len)
{
  g_autoptr(GError) error = NULL;
  GlossDocument *doc = gloss_document_new_from_text (text, len, &error);

  if (doc == NULL)
    g_error ("%s", error->message);

  return doc;
}

/* One Pango pass over the whole text, as documents did at the first
 * question. */
static double
time_whole_text (const char *text,
                 gsize       len,
                 guint       length)
{
  double start = gloss_bench_now_ms ();
  g_autofree PangoLogAttr *attrs = gloss_text_log_attrs_new (text, len, length);

  return gloss_bench_now_ms () - start;
}

typedef enum
{
  ASK_GRAPHEME,
  ASK_WORD,
  ASK_SCAN,
} Ask;

/* On a fresh document (not timed: loading it), the first question. */
static double
time_first_question (const char *text,
                     gsize       len,
                     Ask         ask,
                     guint       offset,
                     gsize      *memory)
{
  g_autoptr(GlossDocument) doc = new_document (text, len);
  guint length = gloss_document_get_length (doc);
  double start = gloss_bench_now_ms ();
  double elapsed;
  guint n = 0;

  switch (ask)
    {
    case ASK_GRAPHEME:
      n = gloss_document_is_grapheme_boundary (doc, offset);
      break;
    case ASK_WORD:
      n = gloss_document_word_start_before (doc, offset) + gloss_document_word_end_after (doc, offset);
      break;
    case ASK_SCAN:
      {
        GlossTextBoundaries *boundaries = gloss_document_get_boundaries (doc);

        for (guint o = 0; o <= length; o++)
          n += gloss_text_boundaries_get (boundaries, o, GLOSS_TEXT_BOUNDARY_WORD);
      }
      break;
    }

  elapsed = gloss_bench_now_ms () - start;
  *memory = gloss_text_boundaries_get_memory (gloss_document_get_boundaries (doc));
  g_assert (n != G_MAXUINT);  /* keep the answers */

  return elapsed;
}

static double
median (double *samples,
        guint   n)
{
  double sorted[GLOSS_BENCH_RUNS];

  memcpy (sorted, samples, n * sizeof *samples);
  for (guint i = 1; i < n; i++)
    for (guint j = i; j > 0 && sorted[j - 1] > sorted[j]; j--)
      {
        double t = sorted[j];
        sorted[j] = sorted[j - 1];
        sorted[j - 1] = t;
      }

  return sorted[n / 2];
}

static void
compare (const char *what,
         const char *text,
         gsize       len,
         guint       length,
         Ask         ask,
         guint       offset,
         guint       runs)
{
  double now[GLOSS_BENCH_RUNS];
  double before[GLOSS_BENCH_RUNS];
  gsize memory = 0;
  g_autofree char *label_now = NULL;
  g_autofree char *label_before = NULL;

  for (guint run = 0; run <= runs; run++)
    {
      double b = time_whole_text (text, len, length);
      double n = time_first_question (text, len, ask, offset, &memory);

      if (run > 0)
        {
          before[run - 1] = b;
          now[run - 1] = n;
        }
    }

  label_before = g_strdup_printf ("%s: one Pango pass over the whole text (before), %.1f MB held",
                                  what, (length + 1.0) * sizeof (PangoLogAttr) / 1e6);
  label_now = g_strdup_printf ("%s: per paragraph (now), %.3f MB held", what, memory / 1e6);
  gloss_bench_report (label_before, before, runs, 0);
  gloss_bench_report (label_now, now, runs, 0);
  printf ("  ratio now/before: %.4f\n", median (now, runs) / median (before, runs));
}

/* The article's text with the first space after @near replaced by an
 * emoji (one code point for one: offsets after it stay where they were);
 * *@at is its offset. */
static char *
with_emoji (const char *text,
            gsize       len,
            gsize       near,
            gsize      *new_len)
{
  const char *space = strchr (text + near, ' ');
  GString *out = g_string_sized_new (len + 4);

  g_assert (space != NULL);
  g_string_append_len (out, text, space - text);
  g_string_append (out, EMOJI);
  g_string_append (out, space + 1);
  *new_len = out->len;

  return g_string_free (out, FALSE);
}

/* Validate */

static gboolean
run_validate (const char *cli,
              const char *dir,
              double     *ms,
              long       *max_rss_kb)
{
  const char *args[] = { cli, "validate", "--quiet", dir, NULL };
  posix_spawn_file_actions_t actions;
  struct rusage usage;
  double start = gloss_bench_now_ms ();
  int status = 0;
  pid_t pid;

  posix_spawn_file_actions_init (&actions);
  posix_spawn_file_actions_addopen (&actions, 1, "/dev/null", O_WRONLY, 0);
  if (posix_spawn (&pid, cli, &actions, NULL, (char **)args, environ) != 0)
    return FALSE;
  posix_spawn_file_actions_destroy (&actions);

  if (wait4 (pid, &status, 0, &usage) != pid)
    return FALSE;

  *ms = gloss_bench_now_ms () - start;
  *max_rss_kb = usage.ru_maxrss;

  return WIFEXITED (status) && WEXITSTATUS (status) == 0;
}

/* Gives the first annotation of DIR/big.txt's sidecar an emoji right after
 * its end, in place of the character there, and the sidecar the article's
 * new hash. */
static gboolean
touch_emoji (const char  *dir,
             GError     **error)
{
  g_autofree char *article = g_build_filename (dir, GLOSS_BENCH_BIG_NAME, NULL);
  g_autofree char *sidecar = g_strconcat (article, ".", GLOSS_BENCH_ANNOTATOR, ".gloss.json", NULL);
  g_autofree char *text = NULL;
  g_autofree char *json = NULL;
  g_autofree char *old_hash = NULL;
  g_autofree char *new_hash = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GString) new_text = NULL;
  g_autoptr(GString) new_json = NULL;
  JsonObject *first;
  gsize text_len;
  gsize json_len;
  const char *at;
  gint64 end;

  if (!g_file_get_contents (article, &text, &text_len, error)
      || !g_file_get_contents (sidecar, &json, &json_len, error)
      || !json_parser_load_from_data (parser, json, json_len, error))
    return FALSE;

  first = json_array_get_object_element (
    json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)), "annotations"), 0);
  end = json_object_get_int_member (first, "end");

  at = g_utf8_offset_to_pointer (text, end);
  new_text = g_string_new_len (text, at - text);
  g_string_append (new_text, EMOJI);
  g_string_append (new_text, g_utf8_next_char (at));

  old_hash = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *)text, text_len);
  new_hash = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *)new_text->str, new_text->len);
  new_json = g_string_new (json);
  if (g_string_replace (new_json, old_hash, new_hash, 1) != 1)
    {
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_INVAL, "no article hash in %s", sidecar);
      return FALSE;
    }

  return g_file_set_contents (article, new_text->str, new_text->len, error)
         && g_file_set_contents (sidecar, new_json->str, new_json->len, error);
}

static int
bench_validate (const char *cli,
                const Size *size,
                guint       runs)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossBenchArticle) article = NULL;
  GlossBenchCorpusOptions options;
  g_autofree char *plain = gloss_bench_make_tmp_dir (&error);
  g_autofree char *emoji = gloss_bench_make_tmp_dir (&error);
  const char *dirs[2] = { plain, emoji };
  double samples[2][GLOSS_BENCH_RUNS];
  long rss[2] = { 0, 0 };
  int status = EXIT_SUCCESS;

  gloss_bench_corpus_options_init (&options);
  article = gloss_bench_article_generate (options.seed, size->bytes, size->annotations, 0);

  if (!gloss_bench_article_write (article, plain, GLOSS_BENCH_BIG_NAME, &options, &error)
      || !gloss_bench_article_write (article, emoji, GLOSS_BENCH_BIG_NAME, &options, &error)
      || !touch_emoji (emoji, &error))
    {
      status = gloss_bench_fail ("%s", error->message);
      goto out;
    }

  /* Alternating, so that the machine's load falls on both alike. */
  for (guint run = 0; run <= runs; run++)
    for (guint k = 0; k < 2; k++)
      {
        double ms;
        long kb;

        if (!run_validate (cli, dirs[k], &ms, &kb))
          {
            status = gloss_bench_fail ("gloss-cli validate %s failed", dirs[k]);
            goto out;
          }
        if (run > 0)
          {
            samples[k][run - 1] = ms;
            rss[k] = MAX (rss[k], kb);
          }
      }

  {
    g_autofree char *what_plain = g_strdup_printf ("gloss-cli validate, %s / %u annotations: peak %.0f MB",
                                                   size->name, size->annotations, rss[0] / 1024.0);
    g_autofree char *what_emoji = g_strdup_printf ("  the same, one annotation touching an emoji: peak %.0f MB",
                                                   rss[1] / 1024.0);

    gloss_bench_report (what_plain, samples[0], runs, 0);
    gloss_bench_report (what_emoji, samples[1], runs, 0);
    printf ("  ratio emoji/plain: %.2f\n", median (samples[1], runs) / median (samples[0], runs));
  }

out:
  gloss_bench_remove_dir (plain);
  gloss_bench_remove_dir (emoji);
  return status;
}

int
main (int    argc,
      char **argv)
{
  gboolean quick = FALSE;
  gboolean validate_only = FALSE;
  guint runs;
  int status = EXIT_SUCCESS;

  for (int i = 2; i < argc; i++)
    {
      quick |= strcmp (argv[i], "--quick") == 0;
      validate_only |= strcmp (argv[i], "--validate-only") == 0;
    }
  runs = quick ? 3 : GLOSS_BENCH_RUNS;

  setlocale (LC_ALL, "");
  g_set_prgname ("bench-boundaries");

  if (argc < 2)
    {
      fprintf (stderr, "usage: bench-boundaries PATH-TO-GLOSS-CLI [--quick] [--validate-only]\n");
      return 2;
    }

  for (guint i = 0; i < G_N_ELEMENTS (sizes) && !validate_only; i++)
    {
      g_autoptr(GlossBenchArticle) article =
        gloss_bench_article_generate (GLOSS_BENCH_DEFAULT_SEED, sizes[i].bytes, 0, 0);
      gsize len;
      const char *text = gloss_bench_article_get_text (article, &len);
      g_autofree char *emoji_text = NULL;
      g_autofree char *one_line = NULL;
      g_autofree char *what = NULL;
      g_autoptr(GlossDocument) doc = NULL;
      gsize emoji_len;
      guint length;
      guint emoji_at;

      emoji_text = with_emoji (text, len, len / 2, &emoji_len);
      doc = new_document (emoji_text, emoji_len);
      length = gloss_document_get_length (doc);
      emoji_at = gloss_document_byte_to_offset (doc, strstr (emoji_text, EMOJI) - emoji_text);

      what = g_strdup_printf ("%s (%u code points), first is_grapheme_boundary after an emoji", sizes[i].name, length);
      compare (what, emoji_text, emoji_len, length, ASK_GRAPHEME, emoji_at + 1, runs);
      g_free (what);

      what = g_strdup_printf ("%s, first word snap in the middle", sizes[i].name);
      compare (what, emoji_text, emoji_len, length, ASK_WORD, length / 2 + 3, runs);
      g_free (what);

      /* Machine-made text: the whole article in one line. */
      one_line = g_strdup (emoji_text);
      for (char *p = one_line; *p != '\0'; p++)
        if (*p == '\n' || *p == '\r')
          *p = ' ';
      what = g_strdup_printf ("%s in one paragraph, first word snap in the middle", sizes[i].name);
      compare (what, one_line, emoji_len, length, ASK_WORD, length / 2 + 3, runs);
      g_free (what);

      what = g_strdup_printf ("%s, every position's word flag in order (a CoNLL export's pass)", sizes[i].name);
      compare (what, emoji_text, emoji_len, length, ASK_SCAN, 0, quick ? 1 : 3);
    }

  for (guint i = 0; i < G_N_ELEMENTS (sizes) && status == EXIT_SUCCESS; i++)
    status = bench_validate (argv[1], &sizes[i], quick && i == 1 ? 1 : runs);

  return status;
}

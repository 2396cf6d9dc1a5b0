/* test-save-corpora.c — the saved sidecar is byte for byte what the tree
 * writer made, on the benchmarks' generated corpora
 *
 * The sidecar is written by a streaming writer (gloss-sidecar-snapshot.c)
 * since issue 13; the JsonNode tree writer it replaced is kept as the
 * reference (gloss_sidecar_serialize_tree). test-sidecar compares the two
 * on the sample and on every corner of the format; this compares them on
 * the generated news prose of tests/bench (curly quotes, combining accents,
 * emoji, nested spans, relations, three annotators' disagreements), and
 * checks that an asynchronous save writes the same bytes. With -m slow,
 * also at 10 MB / 100,000 annotations.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "gloss-bench.h"
#include "gloss-bench-corpus.h"
#include "gloss-sidecar-private.h"

static void
assert_same_bytes (GBytes     *stream,
                   GBytes     *tree,
                   const char *what)
{
  gsize stream_size, tree_size, i;
  const char *a = g_bytes_get_data (stream, &stream_size);
  const char *b = g_bytes_get_data (tree, &tree_size);

  for (i = 0; i < MIN (stream_size, tree_size) && a[i] == b[i]; i++)
    ;
  if (i < stream_size || i < tree_size)
    g_error ("%s: the saved text (%" G_GSIZE_FORMAT " bytes) and the tree's (%" G_GSIZE_FORMAT
             ") part at byte %" G_GSIZE_FORMAT, what, stream_size, tree_size, i);
}

static void
on_saved (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (gloss_sidecar_save_finish (GLOSS_SIDECAR (source), result, &error));
  g_assert_no_error (error);
  *(gboolean *) user_data = TRUE;
}

/* One article, @n_annotators annotators with disagreements: each sidecar
 * serialised both ways, and saved asynchronously. */
static void
check_article (guint32 seed,
               gsize   min_bytes,
               guint   n_annotations,
               guint   n_relations,
               guint   n_annotators)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossBenchArticle) article = NULL;
  g_autoptr(GlossDocument) document = NULL;
  g_autoptr(GFile) file = NULL;
  g_autofree char *dir = g_dir_make_tmp ("gloss-test-save-corpora-XXXXXX", &error);
  g_autofree char *path = NULL;
  GlossBenchCorpusOptions options;
  const char *text;
  gsize n_bytes;

  g_assert_no_error (error);
  gloss_bench_corpus_options_init (&options);
  options.seed = seed;
  options.n_annotators = n_annotators;
  options.disagreement = 0.2;

  article = gloss_bench_article_generate (seed, min_bytes, n_annotations, n_relations);
  text = gloss_bench_article_get_text (article, &n_bytes);
  path = g_build_filename (dir, "article.txt", NULL);
  g_assert_true (g_file_set_contents (path, text, n_bytes, &error));
  g_assert_no_error (error);
  file = g_file_new_for_path (path);
  document = gloss_document_new_from_file (file, NULL, &error);
  g_assert_no_error (error);

  for (guint k = 1; k <= n_annotators; k++)
    {
      g_autofree char *id = gloss_bench_annotator_id (k);
      g_autoptr(GlossSidecar) sidecar = gloss_sidecar_new_for_document (document, id);
      g_autoptr(GBytes) stream = NULL;
      g_autoptr(GBytes) tree = NULL;
      g_autoptr(GBytes) on_disk = NULL;
      gboolean done = FALSE;

      gloss_bench_article_load_into (article, gloss_sidecar_get_annotations (sidecar), k, &options);
      gloss_sidecar_set_annotator_name (sidecar, "Bench Annotator");
      g_assert_cmpuint (gloss_annotation_set_get_n_annotations (gloss_sidecar_get_annotations (sidecar)),
                        >, 0);

      stream = gloss_sidecar_serialize (sidecar);
      tree = gloss_sidecar_serialize_tree (sidecar);
      assert_same_bytes (stream, tree, id);

      gloss_sidecar_save_async (sidecar, NULL, on_saved, &done);
      while (!done)
        g_main_context_iteration (NULL, TRUE);
      on_disk = g_file_load_bytes (gloss_sidecar_get_file (sidecar), NULL, NULL, &error);
      g_assert_no_error (error);
      assert_same_bytes (on_disk, tree, id);
    }

  gloss_bench_remove_dir (dir);
}

static void
test_many (void)
{
  /* A few of the short articles of the "many" corpus. */
  for (guint i = 0; i < 5; i++)
    check_article (GLOSS_BENCH_DEFAULT_SEED + 7919u * (i + 1), GLOSS_BENCH_MANY_BYTES,
                   GLOSS_BENCH_MANY_ANNOTATIONS, GLOSS_BENCH_MANY_RELATIONS, 3);
}

static void
test_big (void)
{
  check_article (GLOSS_BENCH_DEFAULT_SEED, GLOSS_BENCH_BIG_BYTES,
                 GLOSS_BENCH_BIG_ANNOTATIONS, GLOSS_BENCH_BIG_RELATIONS, 2);
}

static void
test_huge (void)
{
  if (!g_test_slow ())
    {
      g_test_skip ("10 MB / 100,000 annotations: run with -m slow (bench-save checks it too)");
      return;
    }

  check_article (GLOSS_BENCH_DEFAULT_SEED, 10 * GLOSS_BENCH_BIG_BYTES,
                 10 * GLOSS_BENCH_BIG_ANNOTATIONS, 10 * GLOSS_BENCH_BIG_RELATIONS, 1);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/save-corpora/many", test_many);
  g_test_add_func ("/save-corpora/big", test_big);
  g_test_add_func ("/save-corpora/huge", test_huge);

  return g_test_run ();
}

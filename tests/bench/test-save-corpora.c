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

/* Attributes of every JSON kind on some of the annotations, and document
 * labels (issue 14): strings that need escapes and are not ASCII, whole and
 * fractional and negative numbers, lists. */
static void
add_attributes (GlossSidecar *sidecar,
                guint32       seed)
{
  static const char * const words[] = {
    "false", "mostly-true", "Zoë “quoted”", "tab\there", "line\nbreak", "back\\slash",
    "👨‍👩‍👧", "", "Q42",
  };
  static const double numbers[] = { 0, 1, -3, 7.5, 0.1, 1e-7, 123456789, 2.5e20, -0.25 };
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  GListModel *model = G_LIST_MODEL (gloss_sidecar_get_annotations (sidecar));
  guint n = g_list_model_get_n_items (model);
  const char *topics[] = { "harbour", "Zoë", NULL };

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GlossAnnotation) annotation = g_list_model_get_item (model, i);
      guint pick = g_rand_int_range (rand, 0, 8);

      if (pick == 0)
        continue;
      if (pick & 1)
        gloss_annotation_set_attribute (annotation, "verdict",
                                        g_variant_new_string (words[g_rand_int_range (rand, 0, G_N_ELEMENTS (words))]));
      if (pick & 2)
        gloss_annotation_set_attribute (annotation, "score",
                                        g_variant_new_double (numbers[g_rand_int_range (rand, 0, G_N_ELEMENTS (numbers))]));
      if (pick & 4)
        gloss_annotation_set_attribute (annotation, "checkworthy",
                                        g_variant_new_boolean (g_rand_boolean (rand)));
      if (pick == 7)
        gloss_annotation_set_attribute (annotation, "a-tags",
                                        g_variant_new_strv (topics, g_rand_int_range (rand, 1, 3)));
    }

  gloss_sidecar_set_document_label (sidecar, "topic", g_variant_new_strv (topics, -1));
  gloss_sidecar_set_document_label (sidecar, "stance", g_variant_new_string ("against"));
  gloss_sidecar_set_document_label (sidecar, "reviewed", g_variant_new_boolean (TRUE));
}

/* One article, @n_annotators annotators with disagreements: each sidecar
 * serialised both ways, and saved asynchronously; with @attributes, and
 * then read back and saved again unchanged. */
static void
check_article_full (guint32  seed,
                    gsize    min_bytes,
                    guint    n_annotations,
                    guint    n_relations,
                    guint    n_annotators,
                    gboolean attributes)
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
      if (attributes)
        add_attributes (sidecar, seed + k);
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

      if (attributes)
        {
          g_autoptr(GlossSidecar) again = gloss_sidecar_new (gloss_sidecar_get_file (sidecar), document);
          g_autoptr(GBytes) saved_again = NULL;

          g_assert_nonnull (strstr (g_bytes_get_data (tree, NULL), "\"attributes\": {"));
          g_assert_true (gloss_sidecar_load (again, NULL, NULL, &error));
          g_assert_no_error (error);
          saved_again = gloss_sidecar_serialize (again);
          assert_same_bytes (saved_again, tree, id);
          g_clear_pointer (&saved_again, g_bytes_unref);
          saved_again = gloss_sidecar_serialize_tree (again);
          assert_same_bytes (saved_again, tree, id);
        }
    }

  gloss_bench_remove_dir (dir);
}

static void
check_article (guint32 seed,
               gsize   min_bytes,
               guint   n_annotations,
               guint   n_relations,
               guint   n_annotators)
{
  check_article_full (seed, min_bytes, n_annotations, n_relations, n_annotators, FALSE);
}

static void
test_attributes (void)
{
  for (guint i = 0; i < 3; i++)
    check_article_full (GLOSS_BENCH_DEFAULT_SEED + 104729u * (i + 1), GLOSS_BENCH_MANY_BYTES,
                        GLOSS_BENCH_MANY_ANNOTATIONS, GLOSS_BENCH_MANY_RELATIONS, 2, TRUE);
  check_article_full (GLOSS_BENCH_DEFAULT_SEED, GLOSS_BENCH_BIG_BYTES,
                      GLOSS_BENCH_BIG_ANNOTATIONS, GLOSS_BENCH_BIG_RELATIONS, 1, TRUE);
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
  g_test_add_func ("/save-corpora/attributes", test_attributes);

  return g_test_run ();
}

/* test-corpus.c — finding articles and sidecars in folders
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gstdio.h>
#include <string.h>

#include "gloss.h"
#include "gloss-test-utils.h"

static char *tmp_dir;

static void
touch (const char *relative)
{
  g_autofree char *path = g_build_filename (tmp_dir, relative, NULL);
  g_autofree char *dir = g_path_get_dirname (path);
  g_autoptr(GError) error = NULL;

  g_mkdir_with_parents (dir, 0700);
  g_file_set_contents (path, "text\n", -1, &error);
  g_assert_no_error (error);
}

static GFile *
file_for (const char *relative)
{
  g_autofree char *path = g_build_filename (tmp_dir, relative, NULL);
  return g_file_new_for_path (path);
}

static GlossCorpusArticle *
find (GlossCorpus *corpus,
      const char  *relative)
{
  g_autoptr(GFile) wanted = file_for (relative);

  for (guint i = 0; i < gloss_corpus_get_n_articles (corpus); i++)
    {
      GlossCorpusArticle *article = gloss_corpus_get_article (corpus, i);
      if (g_file_equal (gloss_corpus_article_get_file (article), wanted))
        return article;
    }

  return NULL;
}

static void
test_folder (void)
{
  g_autoptr(GlossCorpus) corpus = gloss_corpus_new ();
  g_autoptr(GFile) root = g_file_new_for_path (tmp_dir);
  g_autoptr(GError) error = NULL;
  GlossCorpusArticle *a;

  g_assert_true (gloss_corpus_add_path (corpus, root, NULL, &error));
  g_assert_no_error (error);

  /* a.txt, b.md, sub/c.txt, orphan-side.txt (missing) — not hidden, not .json */
  g_assert_cmpuint (gloss_corpus_get_n_articles (corpus), ==, 4);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (corpus)), ==, 4);

  a = find (corpus, "a.txt");
  g_assert_nonnull (a);
  g_assert_true (gloss_corpus_article_exists (a));
  g_assert_cmpuint (gloss_corpus_article_get_n_sidecars (a), ==, 2);
  /* sorted by annotator whatever the directory order */
  g_assert_cmpstr (gloss_corpus_article_get_annotator (a, 0), ==, "alice");
  g_assert_cmpstr (gloss_corpus_article_get_annotator (a, 1), ==, "bob");
  g_assert_nonnull (gloss_corpus_article_find_sidecar (a, "bob"));
  g_assert_null (gloss_corpus_article_find_sidecar (a, "carol"));

  g_assert_cmpuint (gloss_corpus_article_get_n_sidecars (find (corpus, "b.md")), ==, 0);
  g_assert_cmpuint (gloss_corpus_article_get_n_sidecars (find (corpus, "sub/c.txt")), ==, 1);

  a = find (corpus, "orphan-side.txt");
  g_assert_nonnull (a);
  g_assert_false (gloss_corpus_article_exists (a));
  g_assert_cmpuint (gloss_corpus_article_get_n_sidecars (a), ==, 1);

  /* hidden folder skipped */
  g_assert_null (find (corpus, ".git/d.txt"));

  /* sorted by path */
  for (guint i = 1; i < gloss_corpus_get_n_articles (corpus); i++)
    {
      g_autofree char *p0 = g_file_get_path (gloss_corpus_article_get_file (gloss_corpus_get_article (corpus, i - 1)));
      g_autofree char *p1 = g_file_get_path (gloss_corpus_article_get_file (gloss_corpus_get_article (corpus, i)));
      g_assert_cmpstr (p0, <, p1);
    }
}

static void
test_single_files (void)
{
  g_autoptr(GlossCorpus) corpus = gloss_corpus_new ();
  g_autoptr(GFile) article = file_for ("a.txt");
  g_autoptr(GFile) sidecar = file_for ("sub/c.txt.alice.gloss.json");
  g_autoptr(GError) error = NULL;

  g_assert_true (gloss_corpus_add_path (corpus, article, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (gloss_corpus_get_n_articles (corpus), ==, 1);
  g_assert_cmpuint (gloss_corpus_article_get_n_sidecars (find (corpus, "a.txt")), ==, 2);

  /* adding the same article again changes nothing */
  g_assert_true (gloss_corpus_add_path (corpus, article, NULL, &error));
  g_assert_cmpuint (gloss_corpus_get_n_articles (corpus), ==, 1);
  g_assert_cmpuint (gloss_corpus_article_get_n_sidecars (find (corpus, "a.txt")), ==, 2);

  g_assert_true (gloss_corpus_add_path (corpus, sidecar, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (gloss_corpus_get_n_articles (corpus), ==, 2);
  g_assert_true (gloss_corpus_article_exists (find (corpus, "sub/c.txt")));
}

static void
test_bad_paths (void)
{
  g_autoptr(GlossCorpus) corpus = gloss_corpus_new ();
  g_autoptr(GFile) missing = file_for ("nope.txt");
  g_autoptr(GFile) other = file_for ("notes.json");
  g_autoptr(GError) error = NULL;

  g_assert_false (gloss_corpus_add_path (corpus, missing, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_clear_error (&error);

  g_assert_false (gloss_corpus_add_path (corpus, other, NULL, &error));
  g_assert_error (error, GLOSS_ERROR, GLOSS_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "notes.json"));
}

static void
test_article_names (void)
{
  g_assert_true (gloss_corpus_is_article_name ("x.txt"));
  g_assert_true (gloss_corpus_is_article_name ("x.md"));
  g_assert_false (gloss_corpus_is_article_name (".x.txt"));
  g_assert_false (gloss_corpus_is_article_name ("x.txt.alice.gloss.json"));
  g_assert_false (gloss_corpus_is_article_name ("gloss-labels.json"));
  g_assert_false (gloss_corpus_is_article_name ("x.txt~"));
}


int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);

  tmp_dir = g_dir_make_tmp ("gloss-test-corpus-XXXXXX", &error);
  g_assert_no_error (error);
  touch ("a.txt");
  touch ("a.txt.bob.gloss.json");
  touch ("a.txt.alice.gloss.json");
  touch ("b.md");
  touch ("notes.json");
  touch ("gloss-labels.json");
  touch ("sub/c.txt");
  touch ("sub/c.txt.alice.gloss.json");
  touch ("orphan-side.txt.carol.gloss.json");
  touch (".git/d.txt");
  touch (".hidden.txt");

  g_test_add_func ("/corpus/article-names", test_article_names);
  g_test_add_func ("/corpus/folder", test_folder);
  g_test_add_func ("/corpus/single-files", test_single_files);
  g_test_add_func ("/corpus/bad-paths", test_bad_paths);

  status = g_test_run ();
  gloss_test_remove_tree (tmp_dir);
  g_free (tmp_dir);
  return status;
}

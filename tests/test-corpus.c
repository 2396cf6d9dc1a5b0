/* test-corpus.c — finding articles and sidecars in folders
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "gloss.h"
#include "gloss-test-utils.h"

static char *tmp_dir;
/* Beside tmp_dir, for the corpora of links and special files, so that the
 * first tests see only their own files. */
static char *links_dir;

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

  /* Everyone who annotated something, each once, sorted (the export
   * dialog's choice and gloss-cli agree's default). */
  {
    g_auto(GStrv) annotators = gloss_corpus_dup_annotators (corpus);
    const char * const expected[] = { "alice", "bob", "carol", NULL };

    g_assert_cmpstrv (annotators, expected);
  }

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

  /* A suggestions file named (a shell glob of the folder lists them) stands for
   * its article, as a sidecar does: nothing more, and no error. */
  {
    g_autoptr(GlossCorpus) other = gloss_corpus_new ();
    g_autoptr(GFile) suggestions = file_for ("a.txt.alice.suggestions.json");

    g_assert_true (gloss_corpus_add_path (other, suggestions, NULL, &error));
    g_assert_no_error (error);
    g_assert_cmpuint (gloss_corpus_get_n_articles (other), ==, 1);
    g_assert_cmpuint (gloss_corpus_article_get_n_sidecars (find (other, "a.txt")), ==, 2);
  }
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

/* Symbolic links, special files and unreadable folders
 * ------------------------------------------------------------------------ */

static void
touch_in (const char *root,
          const char *relative)
{
  g_autofree char *path = g_build_filename (root, relative, NULL);
  g_autofree char *dir = g_path_get_dirname (path);
  g_autoptr(GError) error = NULL;

  g_mkdir_with_parents (dir, 0700);
  g_file_set_contents (path, "text\n", -1, &error);
  g_assert_no_error (error);
}

/* A corpus of its own under links_dir, so that ".." stays inside the test. */
static char *
make_corpus (const char *name)
{
  char *root = g_build_filename (links_dir, name, NULL);
  const char *files[] = { "a.txt", "a.txt.alice.gloss.json", "sub/c.txt",
                          "sub/c.txt.alice.gloss.json", "sub/deeper/d.md" };

  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    touch_in (root, files[i]);

  return root;
}

/* The article at @relative under links_dir, or NULL. */
static GlossCorpusArticle *
find_link (GlossCorpus *corpus,
           const char  *relative)
{
  g_autofree char *path = g_build_filename (links_dir, relative, NULL);
  g_autoptr(GFile) wanted = g_file_new_for_path (path);

  for (guint i = 0; i < gloss_corpus_get_n_articles (corpus); i++)
    {
      GlossCorpusArticle *article = gloss_corpus_get_article (corpus, i);
      if (g_file_equal (gloss_corpus_article_get_file (article), wanted))
        return article;
    }

  return NULL;
}

static void
link_at (const char *root,
         const char *relative,
         const char *target)
{
  g_autofree char *path = g_build_filename (root, relative, NULL);

  g_assert_cmpint (symlink (target, path), ==, 0);
}

static guint
count_articles_named (GlossCorpus *corpus,
                      const char  *name)
{
  guint n = 0;

  for (guint i = 0; i < gloss_corpus_get_n_articles (corpus); i++)
    if (g_str_equal (gloss_corpus_article_get_name (gloss_corpus_get_article (corpus, i)), name))
      n++;

  return n;
}

/* The problem about @relative (under @root), or NULL. */
static const GlossProblem *
find_problem (GlossCorpus *corpus,
              const char  *root,
              const char  *relative)
{
  g_autofree char *path = g_build_filename (root, relative, NULL);
  GPtrArray *problems = gloss_corpus_get_problems (corpus);

  for (guint i = 0; i < problems->len; i++)
    {
      const GlossProblem *problem = g_ptr_array_index (problems, i);

      if (g_strcmp0 (problem->file, path) == 0)
        return problem;
    }

  return NULL;
}

static void
assert_problem (GlossCorpus   *corpus,
                const char    *root,
                const char    *relative,
                GlossSeverity  severity,
                const char    *words)
{
  const GlossProblem *problem = find_problem (corpus, root, relative);

  if (problem == NULL)
    g_error ("no problem recorded for %s", relative);
  g_test_message ("%s: %s", relative, problem->message);
  g_assert_cmpint (problem->severity, ==, severity);
  g_assert_nonnull (strstr (problem->message, words));
}

/* One link to "." used to list the corpus 41 times (until ELOOP), and a
 * link to a folder twice. */
static void
test_link_to_itself (void)
{
  g_autofree char *root = make_corpus ("links");
  g_autoptr(GlossCorpus) corpus = gloss_corpus_new ();
  g_autoptr(GFile) file = g_file_new_for_path (root);
  g_autoptr(GError) error = NULL;

  link_at (root, "loop", ".");
  /* Sorted before "sub": a link met first must not win over the real path. */
  link_at (root, "alias", "sub");

  g_assert_true (gloss_corpus_add_path (corpus, file, NULL, &error));
  g_assert_no_error (error);

  g_assert_cmpuint (count_articles_named (corpus, "a.txt"), ==, 1);
  g_assert_cmpuint (count_articles_named (corpus, "c.txt"), ==, 1);
  g_assert_nonnull (find_link (corpus, "links/sub/c.txt"));
  g_assert_null (find_link (corpus, "links/alias/c.txt"));
  g_assert_cmpuint (gloss_corpus_get_n_articles (corpus), ==, 3);

  g_assert_cmpuint (gloss_corpus_get_problems (corpus)->len, ==, 2);
  assert_problem (corpus, root, "loop", GLOSS_SEVERITY_WARNING, "“.”, a folder that contains the link (a loop)");
  assert_problem (corpus, root, "alias", GLOSS_SEVERITY_WARNING, "“sub”, a folder already scanned");

  /* Added again (or a folder inside it): nothing new, nothing repeated. */
  g_assert_true (gloss_corpus_add_path (corpus, file, NULL, &error));
  {
    g_autofree char *sub_path = g_build_filename (root, "sub", NULL);
    g_autoptr(GFile) sub = g_file_new_for_path (sub_path);

    g_assert_true (gloss_corpus_add_path (corpus, sub, NULL, &error));
  }
  g_assert_no_error (error);
  g_assert_cmpuint (gloss_corpus_get_n_articles (corpus), ==, 3);
  g_assert_cmpuint (gloss_corpus_get_problems (corpus)->len, ==, 2);
}

/* Two loops used to make the scan never end (2^40 paths). Links to "..",
 * also from the top, lead out of the corpus: not followed either. */
static void
test_two_loops (void)
{
  g_autofree char *root = make_corpus ("loops");
  g_autoptr(GlossCorpus) corpus = gloss_corpus_new ();
  g_autoptr(GFile) file = g_file_new_for_path (root);
  g_autoptr(GError) error = NULL;

  link_at (root, "loop", ".");
  link_at (root, "up", "..");
  link_at (root, "sub/back", "..");
  link_at (root, "sub/deeper/top", "../..");

  g_assert_true (gloss_corpus_add_path (corpus, file, NULL, &error));
  g_assert_no_error (error);

  g_assert_cmpuint (gloss_corpus_get_n_articles (corpus), ==, 3);
  g_assert_cmpuint (count_articles_named (corpus, "a.txt"), ==, 1);
  g_assert_cmpuint (count_articles_named (corpus, "c.txt"), ==, 1);
  g_assert_cmpuint (count_articles_named (corpus, "d.md"), ==, 1);
  /* Nothing from outside the corpus (links_dir holds other corpora). */
  g_assert_null (find_link (corpus, "links/a.txt"));
  g_assert_null (find_link (corpus, "inside/a.txt"));

  g_assert_cmpuint (gloss_corpus_get_problems (corpus)->len, ==, 4);
  assert_problem (corpus, root, "loop", GLOSS_SEVERITY_WARNING, "(a loop); not followed");
  assert_problem (corpus, root, "up", GLOSS_SEVERITY_WARNING, "“..”, a folder that contains the link");
  assert_problem (corpus, root, "sub/back", GLOSS_SEVERITY_WARNING, "(a loop)");
  assert_problem (corpus, root, "sub/deeper/top", GLOSS_SEVERITY_WARNING, "“../..”");
  /* Links not followed lose nothing: the corpus is complete. */
  g_assert_true (gloss_corpus_check_complete (corpus, NULL));
}

/* A link to a folder outside the corpus is followed, once. */
static void
test_link_outside (void)
{
  g_autofree char *root = make_corpus ("inside");
  g_autofree char *outside = make_corpus ("outside");
  g_autoptr(GlossCorpus) corpus = gloss_corpus_new ();
  g_autoptr(GFile) file = g_file_new_for_path (root);
  g_autoptr(GError) error = NULL;

  link_at (root, "shared", outside);
  link_at (root, "sub/shared-again", outside);

  g_assert_true (gloss_corpus_add_path (corpus, file, NULL, &error));
  g_assert_no_error (error);

  g_assert_cmpuint (gloss_corpus_get_n_articles (corpus), ==, 6);
  g_assert_nonnull (find_link (corpus, "inside/shared/sub/c.txt"));
  g_assert_cmpuint (gloss_corpus_get_problems (corpus)->len, ==, 1);
  assert_problem (corpus, root, "sub/shared-again", GLOSS_SEVERITY_WARNING, "a folder already scanned");
}

/* Named like articles and sidecars, but not regular files: left out with a
 * word each, never opened for reading (a FIFO would block the scan). */
static void
test_special_files (void)
{
  g_autofree char *root = make_corpus ("special");
  g_autofree char *fifo_article = g_build_filename (root, "pipe.txt", NULL);
  g_autofree char *fifo_sidecar = g_build_filename (root, "a.txt.carol.gloss.json", NULL);
  g_autoptr(GlossCorpus) corpus = gloss_corpus_new ();
  g_autoptr(GFile) file = g_file_new_for_path (root);
  g_autoptr(GFile) fifo = g_file_new_for_path (fifo_article);
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (mkfifo (fifo_article, 0600), ==, 0);
  g_assert_cmpint (mkfifo (fifo_sidecar, 0600), ==, 0);
  link_at (root, "zero.txt", "/dev/zero");
  link_at (root, "gone.txt.alice.gloss.json", "nowhere.json");

  g_assert_true (gloss_corpus_add_path (corpus, file, NULL, &error));
  g_assert_no_error (error);

  g_assert_cmpuint (gloss_corpus_get_n_articles (corpus), ==, 3);
  g_assert_null (find_link (corpus, "special/pipe.txt"));
  g_assert_null (find_link (corpus, "special/zero.txt"));
  g_assert_null (find_link (corpus, "special/gone.txt"));
  g_assert_null (gloss_corpus_article_find_sidecar (find_link (corpus, "special/a.txt"), "carol"));

  g_assert_cmpuint (gloss_corpus_get_problems (corpus)->len, ==, 4);
  assert_problem (corpus, root, "pipe.txt", GLOSS_SEVERITY_WARNING, "not a regular file (a FIFO)");
  assert_problem (corpus, root, "a.txt.carol.gloss.json", GLOSS_SEVERITY_WARNING, "(a FIFO)");
  assert_problem (corpus, root, "zero.txt", GLOSS_SEVERITY_WARNING, "not a regular file (a device)");
  assert_problem (corpus, root, "gone.txt.alice.gloss.json", GLOSS_SEVERITY_WARNING,
                  "a link to “nowhere.json”, which does not exist");

  /* Named on the command line, it is an error of its own. */
  g_assert_false (gloss_corpus_add_path (corpus, fifo, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_REGULAR_FILE);
  g_assert_nonnull (strstr (error->message, "pipe.txt: not a regular file (a FIFO)"));
}

/* Read where they are found, they are refused, not read: no sidecar, label
 * set or article blocks on a FIFO or reads /dev/zero for ever. */
static void
test_special_files_read (void)
{
  g_autofree char *root = make_corpus ("special-read");
  g_autofree char *fifo_sidecar = g_build_filename (root, "a.txt.carol.gloss.json", NULL);
  g_autofree char *fifo_labels = g_build_filename (root, "sub", "gloss-labels.json", NULL);
  g_autofree char *zero_labels = g_build_filename (root, "sub", "deeper", "gloss-labels.json", NULL);
  g_autofree char *article_path = g_build_filename (root, "a.txt", NULL);
  g_autoptr(GFile) article = g_file_new_for_path (article_path);
  g_autoptr(GFile) sidecar_file = g_file_new_for_path (fifo_sidecar);
  g_autoptr(GFile) labels_file = g_file_new_for_path (fifo_labels);
  g_autoptr(GFile) zero_file = g_file_new_for_path (zero_labels);
  g_autoptr(GlossDocument) document = NULL;
  g_autoptr(GlossSidecar) sidecar = NULL;
  g_autoptr(GlossLabelSet) labels = NULL;
  g_autoptr(GError) error = NULL;
  const GlossProblem *problem;

  g_assert_cmpint (mkfifo (fifo_sidecar, 0600), ==, 0);
  g_assert_cmpint (mkfifo (fifo_labels, 0600), ==, 0);
  g_assert_cmpint (symlink ("/dev/zero", zero_labels), ==, 0);

  document = gloss_document_new_from_file (article, NULL, &error);
  g_assert_no_error (error);

  sidecar = gloss_sidecar_new (sidecar_file, document);
  g_assert_false (gloss_sidecar_load (sidecar, NULL, NULL, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_cmpint (gloss_sidecar_get_state (sidecar), ==, GLOSS_SIDECAR_STATE_FAILED);
  problem = g_ptr_array_index (gloss_sidecar_get_problems (sidecar), 0);
  g_test_message ("%s", problem->message);
  g_assert_cmpstr (problem->message, ==, "not a regular file (a FIFO); only regular files are read");

  labels = gloss_label_set_new_from_file (labels_file, &error);
  g_assert_null (labels);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_REGULAR_FILE);
  g_assert_true (g_str_has_prefix (error->message, fifo_labels));
  g_clear_error (&error);

  labels = gloss_label_set_new_from_file (zero_file, &error);
  g_assert_null (labels);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_REGULAR_FILE);
  g_assert_nonnull (strstr (error->message, "(a device)"));
}

/* gloss_corpus_scan_async(): the same corpus as add_path(), built in
 * another thread and delivered on the caller's context. */

typedef struct
{
  GAsyncResult *result;
  GThread      *thread;   /* where the callback ran */
} ScanWait;

static void
on_scanned (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  ScanWait *wait = user_data;

  g_assert_null (source);
  wait->result = g_object_ref (result);
  wait->thread = g_thread_self ();
}

static GlossCorpus *
scan_and_wait (GFile                *path,
               GlossCorpusScanFlags  flags,
               GCancellable         *cancellable,
               gboolean             *is_folder,
               GError              **error)
{
  ScanWait wait = { NULL, NULL };
  GlossCorpus *corpus;

  gloss_corpus_scan_async (path, flags, cancellable, on_scanned, &wait);
  /* Never before the main context runs, even when it could fail at once. */
  g_assert_null (wait.result);
  while (wait.result == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (wait.thread == g_thread_self ());

  corpus = gloss_corpus_scan_finish (wait.result, is_folder, error);
  g_object_unref (wait.result);
  return corpus;
}

static void
test_scan_async (void)
{
  g_autoptr(GFile) root = g_file_new_for_path (tmp_dir);
  g_autoptr(GFile) article = file_for ("a.txt");
  g_autoptr(GFile) missing = file_for ("nope.txt");
  g_autoptr(GFile) other = file_for ("notes.json");
  g_autoptr(GlossCorpus) expected = gloss_corpus_new ();
  g_autoptr(GlossCorpus) corpus = NULL;
  g_autoptr(GError) error = NULL;
  gboolean is_folder = FALSE;

  g_assert_true (gloss_corpus_add_path (expected, root, NULL, &error));
  g_assert_no_error (error);

  /* A folder: the same articles, in the same order, as add_path(). */
  corpus = scan_and_wait (root, GLOSS_CORPUS_SCAN_DEFAULT, NULL, &is_folder, &error);
  g_assert_no_error (error);
  g_assert_nonnull (corpus);
  g_assert_true (is_folder);
  g_assert_cmpuint (gloss_corpus_get_n_articles (corpus), ==, gloss_corpus_get_n_articles (expected));
  for (guint i = 0; i < gloss_corpus_get_n_articles (corpus); i++)
    {
      GlossCorpusArticle *got = gloss_corpus_get_article (corpus, i);
      GlossCorpusArticle *want = gloss_corpus_get_article (expected, i);

      g_assert_true (g_file_equal (gloss_corpus_article_get_file (got),
                                   gloss_corpus_article_get_file (want)));
      g_assert_cmpuint (gloss_corpus_article_get_n_sidecars (got), ==,
                        gloss_corpus_article_get_n_sidecars (want));
    }
  g_assert_cmpuint (gloss_corpus_get_problems (corpus)->len, ==, 0);
  g_clear_object (&corpus);

  /* Complete as it is: asking for a complete corpus changes nothing. */
  corpus = scan_and_wait (root, GLOSS_CORPUS_SCAN_COMPLETE, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (gloss_corpus_get_n_articles (corpus), ==, 4);
  g_clear_object (&corpus);

  /* An article: with the sidecars beside it, and not a folder. */
  is_folder = TRUE;
  corpus = scan_and_wait (article, GLOSS_CORPUS_SCAN_DEFAULT, NULL, &is_folder, &error);
  g_assert_no_error (error);
  g_assert_false (is_folder);
  g_assert_cmpuint (gloss_corpus_get_n_articles (corpus), ==, 1);
  g_assert_cmpuint (gloss_corpus_article_get_n_sidecars (find (corpus, "a.txt")), ==, 2);
  g_clear_object (&corpus);

  /* add_path()'s errors, as they are. */
  g_assert_null (scan_and_wait (missing, GLOSS_CORPUS_SCAN_DEFAULT, NULL, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_clear_error (&error);

  is_folder = TRUE;
  g_assert_null (scan_and_wait (other, GLOSS_CORPUS_SCAN_DEFAULT, NULL, &is_folder, &error));
  g_assert_error (error, GLOSS_ERROR, GLOSS_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "notes.json"));
  g_assert_false (is_folder);
  g_clear_error (&error);
}

static void
test_scan_async_cancelled (void)
{
  g_autoptr(GFile) root = g_file_new_for_path (tmp_dir);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;

  /* Cancelled before the thread starts: no corpus, only "cancelled". */
  g_cancellable_cancel (cancellable);
  g_assert_null (scan_and_wait (root, GLOSS_CORPUS_SCAN_DEFAULT, cancellable, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);

  /* Cancelled while it runs (or after it ended, before the callback): the
   * same, whatever the thread got to. */
  g_cancellable_reset (cancellable);
  {
    ScanWait wait = { NULL, NULL };

    gloss_corpus_scan_async (root, GLOSS_CORPUS_SCAN_DEFAULT, cancellable, on_scanned, &wait);
    g_cancellable_cancel (cancellable);
    while (wait.result == NULL)
      g_main_context_iteration (NULL, TRUE);
    g_assert_null (gloss_corpus_scan_finish (wait.result, NULL, &error));
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
    g_object_unref (wait.result);
  }
}

/* An unreadable folder used to stop the scan: articles met after it were
 * left out without a word. Now it is an error of its own, and the rest is
 * scanned. */
static void
test_unreadable_folder (void)
{
  g_autofree char *root = make_corpus ("locked");
  g_autofree char *locked = g_build_filename (root, "sub", "deeper", NULL);
  g_autoptr(GlossCorpus) corpus = gloss_corpus_new ();
  g_autoptr(GFile) file = g_file_new_for_path (root);
  g_autoptr(GError) error = NULL;
  gboolean dropped = FALSE;
  gboolean ok;

  /* Folders on both sides of it, whatever order the file system lists. */
  touch_in (root, "0-first/e.txt");
  touch_in (root, "sub/b.txt");
  touch_in (root, "sub/zz/f.txt");

  g_assert_cmpint (g_chmod (locked, 0), ==, 0);
  if (geteuid () == 0)
    dropped = gloss_test_drop_read_capabilities ();
  if (gloss_test_can_list (locked))
    {
      if (dropped)
        gloss_test_restore_capabilities ();
      g_chmod (locked, 0700);
      g_test_skip ("a folder with mode 000 can still be read here (root without capset)");
      return;
    }

  ok = gloss_corpus_add_path (corpus, file, NULL, &error);

  if (dropped)
    gloss_test_restore_capabilities ();
  g_chmod (locked, 0700);

  g_assert_no_error (error);
  g_assert_true (ok);
  g_assert_nonnull (find_link (corpus, "locked/a.txt"));
  g_assert_nonnull (find_link (corpus, "locked/0-first/e.txt"));
  g_assert_nonnull (find_link (corpus, "locked/sub/b.txt"));
  g_assert_nonnull (find_link (corpus, "locked/sub/c.txt"));
  g_assert_nonnull (find_link (corpus, "locked/sub/zz/f.txt"));
  g_assert_cmpuint (gloss_corpus_get_n_articles (corpus), ==, 5);

  g_assert_cmpuint (gloss_corpus_get_problems (corpus)->len, ==, 1);
  assert_problem (corpus, root, "sub/deeper", GLOSS_SEVERITY_ERROR,
                  "the folder cannot be read (permission denied)");

  /* Not complete: nothing is to be exported from it (the app's Export). */
  g_assert_false (gloss_corpus_check_complete (corpus, &error));
  g_assert_error (error, GLOSS_ERROR, GLOSS_ERROR_FAILED);
  g_assert_nonnull (strstr (error->message, "sub/deeper"));
  g_clear_error (&error);

  /* The scan in a thread, asked for a complete corpus, refuses it with
   * the same error. Only without root: the capabilities dropped above are
   * the main thread's, not the worker's. */
  if (geteuid () != 0)
    {
      g_autoptr(GlossCorpus) scanned = NULL;

      g_assert_cmpint (g_chmod (locked, 0), ==, 0);
      scanned = scan_and_wait (file, GLOSS_CORPUS_SCAN_COMPLETE, NULL, NULL, &error);
      g_chmod (locked, 0700);
      g_assert_null (scanned);
      g_assert_error (error, GLOSS_ERROR, GLOSS_ERROR_FAILED);
      g_assert_nonnull (strstr (error->message, "sub/deeper"));
    }
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
  touch ("a.txt.alice.suggestions.json");
  touch ("b.md");
  touch ("notes.json");
  touch ("gloss-labels.json");
  touch ("sub/c.txt");
  touch ("sub/c.txt.alice.gloss.json");
  touch ("orphan-side.txt.carol.gloss.json");
  touch (".git/d.txt");
  touch (".hidden.txt");
  links_dir = g_dir_make_tmp ("gloss-test-corpus-links-XXXXXX", &error);
  g_assert_no_error (error);

  g_test_add_func ("/corpus/article-names", test_article_names);
  g_test_add_func ("/corpus/folder", test_folder);
  g_test_add_func ("/corpus/single-files", test_single_files);
  g_test_add_func ("/corpus/bad-paths", test_bad_paths);
  g_test_add_func ("/corpus/link-to-itself", test_link_to_itself);
  g_test_add_func ("/corpus/two-loops", test_two_loops);
  g_test_add_func ("/corpus/link-outside", test_link_outside);
  g_test_add_func ("/corpus/special-files", test_special_files);
  g_test_add_func ("/corpus/special-files-read", test_special_files_read);
  g_test_add_func ("/corpus/unreadable-folder", test_unreadable_folder);
  g_test_add_func ("/corpus/scan-async", test_scan_async);
  g_test_add_func ("/corpus/scan-async-cancelled", test_scan_async_cancelled);

  status = g_test_run ();
  gloss_test_remove_tree (tmp_dir);
  gloss_test_remove_tree (links_dir);
  g_free (tmp_dir);
  g_free (links_dir);
  return status;
}

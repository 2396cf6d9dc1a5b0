/* test-corpus-walk.c — the one walk over a corpus (gloss-corpus-walk.h)
 * and its label-set policy (gloss-corpus-labels.h)
 *
 * Corpora are made here: articles of a few words, each annotator's
 * sidecar saved by the model (so it loads), and label files written by
 * hand when they are meant to be broken.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gstdio.h>
#include <string.h>

#include "gloss.h"
#include "gloss-test-utils.h"

typedef struct
{
  char *dir;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("gloss-test-corpus-walk-XXXXXX", &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  gloss_test_remove_tree (f->dir);
  g_clear_pointer (&f->dir, g_free);
}

static char *
path_in (Fixture    *f,
         const char *relative)
{
  return g_build_filename (f->dir, relative, NULL);
}

static void
write_file (Fixture    *f,
            const char *relative,
            const char *contents)
{
  g_autofree char *path = path_in (f, relative);
  g_autofree char *folder = g_path_get_dirname (path);
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (g_mkdir_with_parents (folder, 0700), ==, 0);
  g_file_set_contents (path, contents, -1, &error);
  g_assert_no_error (error);
}

/* An article and, for each id, a sidecar with one span over its first
 * word (label "person"), saved by the model. */
static void
make_article (Fixture            *f,
              const char         *relative,
              const char * const *annotators)
{
  g_autofree char *path = path_in (f, relative);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GlossDocument) document = NULL;
  g_autoptr(GError) error = NULL;

  write_file (f, relative, "Ada met Grace in Paris.\n");
  document = gloss_document_new_from_file (file, NULL, &error);
  g_assert_no_error (error);

  for (guint i = 0; annotators != NULL && annotators[i] != NULL; i++)
    {
      g_autoptr(GlossSidecar) sidecar = gloss_sidecar_new_for_document (document, annotators[i]);
      GlossAnnotationSet *set;

      g_assert_true (gloss_sidecar_load (sidecar, NULL, NULL, &error));
      set = gloss_sidecar_get_annotations (sidecar);
      g_assert_nonnull (gloss_annotation_set_create (set, "person", 0, 3, &error));
      g_assert_no_error (error);
      g_assert_true (gloss_sidecar_save (sidecar, NULL, &error));
      g_assert_no_error (error);
    }
}

static GlossCorpus *
corpus_of (Fixture    *f,
           const char *relative)
{
  g_autofree char *path = path_in (f, relative);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GlossCorpus) corpus = gloss_corpus_new ();
  g_autoptr(GError) error = NULL;

  g_assert_true (gloss_corpus_add_path (corpus, file, NULL, &error));
  g_assert_no_error (error);
  return g_steal_pointer (&corpus);
}

/* What a walk handed on and reported. */
typedef struct
{
  GPtrArray *names;        /* char*: "article name: state state…" */
  GPtrArray *problems;     /* GlossProblem */
  GPtrArray *files;        /* char*: basename of each problem's GFile, or "-" */
  guint      n_no_labels;  /* articles handed on with labels NULL */
  GThread   *thread;       /* where the article function ran */
  GCancellable *cancel_after_first;
} Record;

static void
record_init (Record *r)
{
  memset (r, 0, sizeof *r);
  r->names = g_ptr_array_new_with_free_func (g_free);
  r->problems = g_ptr_array_new_with_free_func ((GDestroyNotify) gloss_problem_free);
  r->files = g_ptr_array_new_with_free_func (g_free);
}

static void
record_clear (Record *r)
{
  g_ptr_array_unref (r->names);
  g_ptr_array_unref (r->problems);
  g_ptr_array_unref (r->files);
}

static const char *
state_name (GlossSidecar *sidecar)
{
  switch (gloss_sidecar_get_state (sidecar))
    {
    case GLOSS_SIDECAR_STATE_LOADED:
      return "loaded";
    case GLOSS_SIDECAR_STATE_FAILED:
      return "failed";
    case GLOSS_SIDECAR_STATE_NEW:
      return "new";
    case GLOSS_SIDECAR_STATE_NEWER:
    default:
      return "newer";
    }
}

static gboolean
on_article (const GlossCorpusWalkArticle *item,
            gpointer                      user_data,
            GError                      **error)
{
  Record *r = user_data;
  g_autoptr(GString) line = g_string_new (gloss_corpus_article_get_name (item->article));

  g_assert_nonnull (item->document);
  g_assert_cmpuint (item->sidecars->len, ==, item->errors->len);
  g_string_append (line, ":");
  for (guint i = 0; i < item->sidecars->len; i++)
    {
      GlossSidecar *sidecar = g_ptr_array_index (item->sidecars, i);

      g_string_append_printf (line, " %s=%s", gloss_sidecar_get_annotator_id (sidecar),
                              state_name (sidecar));
      /* The error is there exactly when the load failed. */
      g_assert_true ((g_ptr_array_index (item->errors, i) != NULL)
                     == (gloss_sidecar_get_state (sidecar) == GLOSS_SIDECAR_STATE_FAILED));
    }
  g_ptr_array_add (r->names, g_string_free (g_steal_pointer (&line), FALSE));
  if (item->labels == NULL)
    r->n_no_labels++;
  r->thread = g_thread_self ();

  if (r->cancel_after_first != NULL)
    g_cancellable_cancel (r->cancel_after_first);
  return TRUE;
}

static void
on_problem (GlossCorpusArticle *article,
            GFile              *file,
            const GlossProblem *problem,
            gpointer            user_data)
{
  Record *r = user_data;

  g_ptr_array_add (r->problems, gloss_problem_copy (problem));
  g_ptr_array_add (r->files, file != NULL ? g_file_get_basename (file) : g_strdup ("-"));
  /* Only a label file's problem has no article. */
  g_assert_true ((article == NULL) == g_str_equal (g_ptr_array_index (r->files, r->files->len - 1),
                                                   GLOSS_LABEL_SET_FILE_NAME));
}

static GlossCorpusWalk *
walk_new (GlossCorpus          *corpus,
          GlossCorpusWalkFlags  flags,
          Record               *r)
{
  GlossCorpusWalk *walk = gloss_corpus_walk_new (corpus, flags);

  gloss_corpus_walk_set_article_func (walk, on_article, r, NULL);
  gloss_corpus_walk_set_problem_func (walk, on_problem, r, NULL);
  return walk;
}

static void
assert_names (Record             *r,
              const char * const *expected)
{
  g_ptr_array_add (r->names, NULL);
  g_assert_cmpstrv ((const char * const *) r->names->pdata, expected);
  g_ptr_array_remove_index (r->names, r->names->len - 1);
}

static const char * const alice_bob[] = { "alice", "bob", NULL };
static const char * const alice[] = { "alice", NULL };

/* Corpus order (by path), every sidecar loaded, articles without a
 * sidecar left out; progress after each article, skipped ones too. */
static void
on_progress (GlossCorpusWalk *walk,
             guint            done,
             guint            total,
             gpointer         user_data)
{
  GArray *seen = user_data;

  g_array_append_val (seen, done);
  g_assert_cmpuint (total, ==, gloss_corpus_get_n_articles (gloss_corpus_walk_get_corpus (walk)));
}

static void
test_order (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GlossCorpus) corpus = NULL;
  g_autoptr(GlossCorpusWalk) walk = NULL;
  g_autoptr(GArray) seen = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GError) error = NULL;
  const char * const expected[] = {
    "a.txt: alice=loaded bob=loaded",
    "b.txt: alice=loaded",
    "sub/c.txt: bob=loaded",
    NULL
  };
  Record r;

  make_article (f, "corpus/b.txt", alice);
  make_article (f, "corpus/a.txt", alice_bob);
  make_article (f, "corpus/plain.txt", NULL);
  make_article (f, "corpus/sub/c.txt", (const char * const[]) { "bob", NULL });
  corpus = corpus_of (f, "corpus");
  g_assert_cmpuint (gloss_corpus_get_n_articles (corpus), ==, 4);

  record_init (&r);
  walk = walk_new (corpus, GLOSS_CORPUS_WALK_DEFAULT, &r);
  g_signal_connect (walk, "progress", G_CALLBACK (on_progress), seen);
  g_assert_true (gloss_corpus_walk_run (walk, NULL, &error));
  g_assert_no_error (error);

  /* Names are the articles' base names; "sub/" is added by hand. */
  g_free (g_ptr_array_index (r.names, 2));
  g_ptr_array_index (r.names, 2) = g_strdup ("sub/c.txt: bob=loaded");
  assert_names (&r, expected);
  g_assert_cmpuint (r.problems->len, ==, 0);
  g_assert_cmpuint (r.n_no_labels, ==, 0);
  g_assert_true (r.thread == g_thread_self ());

  g_assert_cmpuint (seen->len, ==, 4);
  for (guint i = 0; i < seen->len; i++)
    g_assert_cmpuint (g_array_index (seen, guint, i), ==, i + 1);

  record_clear (&r);
}

/* Counts: GLOSS_CORPUS_WALK_UNANNOTATED hands on the articles without a
 * sidecar; chosen annotators leave the others' sidecars unread. */
static void
test_counts (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GlossCorpus) corpus = NULL;
  g_autoptr(GError) error = NULL;
  Record r;

  make_article (f, "corpus/a.txt", alice_bob);
  make_article (f, "corpus/b.txt", (const char * const[]) { "bob", NULL });
  make_article (f, "corpus/c.txt", NULL);
  corpus = corpus_of (f, "corpus");

  {
    g_autoptr(GlossCorpusWalk) walk = NULL;
    const char * const expected[] = { "a.txt: alice=loaded bob=loaded", "b.txt: bob=loaded", "c.txt:", NULL };

    record_init (&r);
    walk = walk_new (corpus, GLOSS_CORPUS_WALK_UNANNOTATED, &r);
    g_assert_true (gloss_corpus_walk_run (walk, NULL, &error));
    assert_names (&r, expected);
    record_clear (&r);
  }

  {
    g_autoptr(GlossCorpusWalk) walk = NULL;
    const char * const expected[] = { "a.txt: alice=loaded", NULL };

    record_init (&r);
    walk = walk_new (corpus, GLOSS_CORPUS_WALK_DEFAULT, &r);
    gloss_corpus_walk_set_annotators (walk, alice);
    g_assert_true (gloss_corpus_walk_run (walk, NULL, &error));
    assert_names (&r, expected);
    record_clear (&r);
  }

  {
    g_autoptr(GlossCorpusWalk) walk = NULL;
    const char * const expected[] = { "a.txt: alice=loaded", "b.txt:", "c.txt:", NULL };

    record_init (&r);
    walk = walk_new (corpus, GLOSS_CORPUS_WALK_UNANNOTATED, &r);
    gloss_corpus_walk_set_annotators (walk, alice);
    g_assert_true (gloss_corpus_walk_run (walk, NULL, &error));
    assert_names (&r, expected);
    record_clear (&r);
  }
}

/* A missing article, and one that is not text: one located problem per
 * sidecar, at "document.file", and the article is not handed on. A
 * sidecar that cannot be read is handed on FAILED. */
static void
test_missing_article (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GlossCorpus) corpus = NULL;
  g_autoptr(GlossCorpusWalk) walk = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *gone = path_in (f, "corpus/gone.txt");
  g_autofree char *bad = path_in (f, "corpus/bad.txt");
  const char * const expected[] = { "ok.txt: alice=loaded bob=failed", NULL };
  Record r;

  make_article (f, "corpus/gone.txt", alice_bob);
  make_article (f, "corpus/bad.txt", alice);
  make_article (f, "corpus/ok.txt", alice_bob);
  write_file (f, "corpus/ok.txt.bob.gloss.json", "{ not json");
  /* Sidecars whose article is not there. */
  g_assert_cmpint (g_unlink (gone), ==, 0);
  corpus = corpus_of (f, "corpus");
  /* After the scan, as a checkout would. */
  {
    g_autoptr(GError) write_error = NULL;

    g_file_set_contents (bad, "\xff\xfe not UTF-8", -1, &write_error);
    g_assert_no_error (write_error);
  }

  record_init (&r);
  walk = walk_new (corpus, GLOSS_CORPUS_WALK_DEFAULT, &r);
  g_assert_true (gloss_corpus_walk_run (walk, NULL, &error));
  g_assert_no_error (error);
  assert_names (&r, expected);

  /* bad.txt (alice), then gone.txt (alice, bob): corpus order. */
  g_assert_cmpuint (r.problems->len, ==, 3);
  for (guint i = 0; i < r.problems->len; i++)
    {
      const GlossProblem *problem = g_ptr_array_index (r.problems, i);
      g_autoptr(GFile) file = g_file_parse_name (problem->file);
      g_autofree char *name = g_file_get_basename (file);

      g_assert_cmpint (problem->severity, ==, GLOSS_SEVERITY_ERROR);
      g_assert_cmpstr (problem->location, ==, "document.file");
      /* The problem's file is the sidecar's, the GFile handed out too. */
      g_assert_cmpstr (name, ==, g_ptr_array_index (r.files, i));
    }
  g_assert_cmpstr (g_ptr_array_index (r.files, 0), ==, "bad.txt.alice.gloss.json");
  g_assert_true (g_str_has_prefix (((GlossProblem *) g_ptr_array_index (r.problems, 0))->message,
                                   "the article cannot be used: "));
  g_assert_cmpstr (g_ptr_array_index (r.files, 1), ==, "gone.txt.alice.gloss.json");
  g_assert_cmpstr (g_ptr_array_index (r.files, 2), ==, "gone.txt.bob.gloss.json");
  g_assert_cmpstr (((GlossProblem *) g_ptr_array_index (r.problems, 1))->message, ==,
                   "the article “gone.txt” is missing");

  record_clear (&r);
}

/* A broken label file above two folders: one problem for the file, named
 * by it, whose text is the reader's message; the articles below are still
 * handed on, their sidecars loaded without labels. Elsewhere, the nearest
 * set is used as usual. */
static void
test_broken_labels (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GlossCorpus) corpus = NULL;
  g_autoptr(GlossCorpusWalk) walk = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) reader_error = NULL;
  g_autofree char *labels_path = path_in (f, "corpus/broken/" GLOSS_LABEL_SET_FILE_NAME);
  g_autoptr(GFile) labels_file = NULL;
  g_autofree char *line = NULL;
  const GlossProblem *problem;
  const char * const expected[] = {
    "a.txt: alice=loaded bob=loaded",
    "b.txt: alice=loaded",
    "c.txt: alice=loaded",
    NULL
  };
  Record r;

  make_article (f, "corpus/broken/one/a.txt", alice_bob);
  make_article (f, "corpus/broken/two/b.txt", alice);
  make_article (f, "corpus/fine/c.txt", alice);
  write_file (f, "corpus/broken/" GLOSS_LABEL_SET_FILE_NAME, "{ \"labels\": [");
  corpus = corpus_of (f, "corpus");

  record_init (&r);
  walk = walk_new (corpus, GLOSS_CORPUS_WALK_DEFAULT, &r);
  g_assert_true (gloss_corpus_walk_run (walk, NULL, &error));
  g_assert_no_error (error);

  assert_names (&r, expected);
  g_assert_cmpuint (r.n_no_labels, ==, 2);

  g_assert_cmpuint (r.problems->len, ==, 1);
  problem = g_ptr_array_index (r.problems, 0);
  g_assert_cmpint (problem->severity, ==, GLOSS_SEVERITY_ERROR);
  labels_file = g_file_new_for_path (labels_path);
  {
    g_autofree char *name = g_file_get_parse_name (labels_file);

    g_assert_cmpstr (problem->file, ==, name);
  }
  /* Said as the label-set reader says it. */
  g_assert_null (gloss_label_set_new_from_file (labels_file, &reader_error));
  line = gloss_problem_to_string (problem);
  g_assert_cmpstr (line, ==, reader_error->message);

  record_clear (&r);
}

/* The lookup on its own, as the corpus sidebar uses it. */
static void
test_labels_lookup (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GlossCorpusLabels) labels = gloss_corpus_labels_new ();
  g_autofree char *a = path_in (f, "broken/one/a.txt");
  g_autofree char *b = path_in (f, "broken/two/b.txt");
  g_autofree char *c = path_in (f, "fine/c.txt");
  g_autoptr(GFile) file_a = g_file_new_for_path (a);
  g_autoptr(GFile) file_b = g_file_new_for_path (b);
  g_autoptr(GFile) file_c = g_file_new_for_path (c);
  g_autofree char *d = path_in (f, "other/d.txt");
  g_autoptr(GFile) file_d = g_file_new_for_path (d);
  g_autoptr(GlossProblem) problem = NULL;
  GlossLabelSet *set;

  write_file (f, "broken/" GLOSS_LABEL_SET_FILE_NAME, "[]");
  write_file (f, "other/" GLOSS_LABEL_SET_FILE_NAME, "{");
  write_file (f, "broken/one/a.txt", "a");
  write_file (f, "broken/two/b.txt", "b");
  write_file (f, "fine/c.txt", "c");
  write_file (f, "other/d.txt", "d");

  g_assert_null (gloss_corpus_labels_lookup (labels, file_a, &problem));
  g_assert_nonnull (problem);
  g_clear_pointer (&problem, gloss_problem_free);
  /* The same file from another folder, and the same folder again: NULL,
   * and nothing more to say. */
  g_assert_null (gloss_corpus_labels_lookup (labels, file_b, &problem));
  g_assert_null (problem);
  g_assert_null (gloss_corpus_labels_lookup (labels, file_a, &problem));
  g_assert_null (problem);
  /* Another broken file has its own say. */
  g_assert_null (gloss_corpus_labels_lookup (labels, file_d, &problem));
  g_assert_nonnull (problem);
  g_assert_true (g_str_has_suffix (problem->file, "other/" GLOSS_LABEL_SET_FILE_NAME));
  g_clear_pointer (&problem, gloss_problem_free);

  /* No label file: the built-in set, the same one each time. */
  set = gloss_corpus_labels_lookup (labels, file_c, &problem);
  g_assert_null (problem);
  g_assert_nonnull (set);
  g_assert_true (set == gloss_corpus_labels_lookup (labels, file_c, NULL));
}

/* Reading ahead: the same articles handed on, in the same order, with
 * the same problems; each document read (and prepared) in a second
 * thread. */
typedef struct
{
  gint     n_prepared;  /* atomic */
  GThread *thread;
} Prepared;

static void
on_prepare (GlossDocument *document,
            gpointer       user_data)
{
  Prepared *p = user_data;

  g_atomic_int_inc (&p->n_prepared);
  p->thread = g_thread_self ();
}

static void
test_read_ahead (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GlossCorpus) corpus = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *gone = path_in (f, "corpus/c-gone.txt");
  const char * const expected[] = {
    "a.txt: alice=loaded bob=loaded",
    "b.txt: alice=loaded",
    "d.txt: alice=loaded bob=loaded",
    "e.txt: alice=loaded",
    "f.txt: alice=loaded bob=loaded",
    NULL
  };

  make_article (f, "corpus/a.txt", alice_bob);
  make_article (f, "corpus/b.txt", alice);
  make_article (f, "corpus/c-gone.txt", alice);
  make_article (f, "corpus/c-plain.txt", NULL);
  make_article (f, "corpus/d.txt", alice_bob);
  make_article (f, "corpus/e.txt", alice);
  make_article (f, "corpus/f.txt", alice_bob);
  g_assert_cmpint (g_unlink (gone), ==, 0);
  corpus = corpus_of (f, "corpus");

  for (guint ahead = 1; ahead <= 3; ahead++)
    {
      g_autoptr(GlossCorpusWalk) walk = NULL;
      Prepared p = { 0 };
      Record r;

      record_init (&r);
      walk = walk_new (corpus, GLOSS_CORPUS_WALK_DEFAULT, &r);
      gloss_corpus_walk_set_read_ahead (walk, ahead, on_prepare, &p);
      g_assert_true (gloss_corpus_walk_run (walk, NULL, &error));
      g_assert_no_error (error);
      assert_names (&r, expected);
      g_assert_cmpuint (r.problems->len, ==, 1);
      g_assert_cmpstr (g_ptr_array_index (r.files, 0), ==, "c-gone.txt.alice.gloss.json");
      /* Only the articles handed on are read ahead. */
      g_assert_cmpint (g_atomic_int_get (&p.n_prepared), ==, 5);
      g_assert_true (p.thread != g_thread_self ());
      record_clear (&r);
    }
}

/* Cancelled from the article function: the walk stops after it. */
static void
test_cancel (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GlossCorpus) corpus = NULL;
  g_autoptr(GlossCorpusWalk) walk = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  Record r;

  make_article (f, "corpus/a.txt", alice);
  make_article (f, "corpus/b.txt", alice);
  make_article (f, "corpus/c.txt", alice);
  corpus = corpus_of (f, "corpus");

  record_init (&r);
  r.cancel_after_first = cancellable;
  walk = walk_new (corpus, GLOSS_CORPUS_WALK_DEFAULT, &r);
  g_assert_false (gloss_corpus_walk_run (walk, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (r.names->len, ==, 1);
  record_clear (&r);

  /* The same with the read-ahead thread running: it is stopped too. */
  g_clear_error (&error);
  g_clear_object (&walk);
  g_clear_object (&cancellable);
  cancellable = g_cancellable_new ();
  record_init (&r);
  r.cancel_after_first = cancellable;
  walk = walk_new (corpus, GLOSS_CORPUS_WALK_DEFAULT, &r);
  gloss_corpus_walk_set_read_ahead (walk, 2, NULL, NULL);
  g_assert_false (gloss_corpus_walk_run (walk, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (r.names->len, ==, 1);
  record_clear (&r);
}

/* An article function that fails stops the walk with its error. */
static gboolean
on_article_fail (const GlossCorpusWalkArticle *item,
                 gpointer                      user_data,
                 GError                      **error)
{
  guint *n = user_data;

  (*n)++;
  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE, "full");
  return FALSE;
}

static void
test_stop (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(GlossCorpus) corpus = NULL;
  g_autoptr(GlossCorpusWalk) walk = NULL;
  g_autoptr(GError) error = NULL;
  guint n = 0;

  make_article (f, "corpus/a.txt", alice);
  make_article (f, "corpus/b.txt", alice);
  corpus = corpus_of (f, "corpus");

  walk = gloss_corpus_walk_new (corpus, GLOSS_CORPUS_WALK_DEFAULT);
  gloss_corpus_walk_set_article_func (walk, on_article_fail, &n, NULL);
  g_assert_false (gloss_corpus_walk_run (walk, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE);
  g_assert_cmpuint (n, ==, 1);
}

/* Async: the article function runs in another thread; progress comes in
 * the caller's thread-default context, every figure in order and the
 * last one before the callback. */
typedef struct
{
  GMainContext *context;
  GArray       *seen;
  gboolean      done;
  gboolean      ok;
  GError       *error;
} Async;

static void
on_async_progress (GlossCorpusWalk *walk,
                   guint            done,
                   guint            total,
                   gpointer         user_data)
{
  Async *a = user_data;

  g_assert_true (g_main_context_is_owner (a->context));
  g_assert_false (a->done);
  if (a->seen->len > 0)
    g_assert_cmpuint (done, >, g_array_index (a->seen, guint, a->seen->len - 1));
  g_assert_cmpuint (total, ==, 5);
  g_array_append_val (a->seen, done);
}

static void
on_walked (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  Async *a = user_data;

  g_assert_true (g_main_context_is_owner (a->context));
  a->ok = gloss_corpus_walk_run_finish (GLOSS_CORPUS_WALK (source), result, &a->error);
  a->done = TRUE;
}

static void
run_async (GlossCorpusWalk *walk,
           GCancellable    *cancellable,
           Async           *a)
{
  a->context = g_main_context_new ();
  a->seen = g_array_new (FALSE, FALSE, sizeof (guint));
  g_main_context_push_thread_default (a->context);
  g_signal_connect (walk, "progress", G_CALLBACK (on_async_progress), a);
  gloss_corpus_walk_run_async (walk, cancellable, on_walked, a);
  while (!a->done)
    g_main_context_iteration (a->context, TRUE);
  g_main_context_pop_thread_default (a->context);
}

static void
async_clear (Async *a)
{
  /* Sources still attached (none should be) go with the context. */
  while (g_main_context_iteration (a->context, FALSE))
    ;
  g_main_context_unref (a->context);
  g_array_unref (a->seen);
  g_clear_error (&a->error);
}

static void
test_async (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GlossCorpus) corpus = NULL;
  g_autoptr(GlossCorpusWalk) walk = NULL;
  Async a = { 0 };
  Record r;

  for (guint i = 0; i < 5; i++)
    {
      g_autofree char *name = g_strdup_printf ("corpus/%u.txt", i);

      make_article (f, name, alice_bob);
    }
  corpus = corpus_of (f, "corpus");

  record_init (&r);
  walk = walk_new (corpus, GLOSS_CORPUS_WALK_DEFAULT, &r);
  run_async (walk, NULL, &a);

  g_assert_no_error (a.error);
  g_assert_true (a.ok);
  g_assert_cmpuint (r.names->len, ==, 5);
  g_assert_true (r.thread != g_thread_self ());
  /* Figures may be merged when the worker is quicker than the context,
   * never lost at the end. */
  g_assert_cmpuint (a.seen->len, >=, 1);
  g_assert_cmpuint (g_array_index (a.seen, guint, a.seen->len - 1), ==, 5);

  async_clear (&a);
  record_clear (&r);
}

static void
test_async_cancel (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GlossCorpus) corpus = NULL;
  g_autoptr(GlossCorpusWalk) walk = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  Async a = { 0 };
  Record r;

  for (guint i = 0; i < 5; i++)
    {
      g_autofree char *name = g_strdup_printf ("corpus/%u.txt", i);

      make_article (f, name, alice);
    }
  corpus = corpus_of (f, "corpus");

  record_init (&r);
  r.cancel_after_first = cancellable;
  walk = walk_new (corpus, GLOSS_CORPUS_WALK_DEFAULT, &r);
  run_async (walk, cancellable, &a);

  g_assert_false (a.ok);
  g_assert_error (a.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (r.names->len, ==, 1);

  async_clear (&a);
  record_clear (&r);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/corpus-walk/order", test_order);
  ADD ("/corpus-walk/counts", test_counts);
  ADD ("/corpus-walk/missing-article", test_missing_article);
  ADD ("/corpus-walk/broken-labels", test_broken_labels);
  ADD ("/corpus-walk/labels-lookup", test_labels_lookup);
  ADD ("/corpus-walk/read-ahead", test_read_ahead);
  ADD ("/corpus-walk/cancel", test_cancel);
  ADD ("/corpus-walk/stop", test_stop);
  ADD ("/corpus-walk/async", test_async);
  ADD ("/corpus-walk/async-cancel", test_async_cancel);

#undef ADD

  return g_test_run ();
}

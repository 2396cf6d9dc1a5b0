/* test-corpus-counts.c — how far one annotator is on each article (the
 * corpus sidebar's figures)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gstdio.h>
#include <string.h>

#include "gloss.h"
#include "gloss-test-utils.h"

/* Sidecars of a few annotations are well below it. */
#define LIMIT 16384

static char *tmp_dir;
static GlossCorpus *corpus;

/* In the corpus's order (by path). */
enum { A, B, BIG, BROKEN, GONE, SUB_C, N_ARTICLES };

static GFile *
write_file (const char *relative,
            const char *contents)
{
  g_autofree char *path = g_build_filename (tmp_dir, relative, NULL);
  g_autofree char *dir = g_path_get_dirname (path);
  g_autoptr(GError) error = NULL;

  g_mkdir_with_parents (dir, 0700);
  g_file_set_contents (path, contents, -1, &error);
  g_assert_no_error (error);
  return g_file_new_for_path (path);
}

/* @n_annotations over the first words, saved as the app saves, marked
 * done or not. */
static void
write_sidecar_full (GFile      *article,
                    const char *annotator_id,
                    guint       n_annotations,
                    gboolean    done)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossDocument) document = NULL;
  g_autoptr(GlossSidecar) sidecar = NULL;
  GlossAnnotationSet *set;
  guint start = 0;

  document = gloss_document_new_from_file (article, NULL, &error);
  g_assert_no_error (error);
  sidecar = gloss_sidecar_new_for_document (document, annotator_id);
  set = gloss_sidecar_get_annotations (sidecar);

  for (guint i = 0; i < n_annotations; i++)
    {
      guint end = start;

      while (!gloss_document_is_word_end (document, end))
        end++;
      g_assert_nonnull (gloss_annotation_set_create (set, "claim", start, end, &error));
      g_assert_no_error (error);

      start = end;
      while (!gloss_document_is_word_start (document, start))
        start++;
    }

  gloss_sidecar_set_done (sidecar, done);
  g_assert_true (gloss_sidecar_save (sidecar, NULL, &error));
  g_assert_no_error (error);
}

static void
write_sidecar (GFile      *article,
               const char *annotator_id,
               guint       n_annotations)
{
  write_sidecar_full (article, annotator_id, n_annotations, FALSE);
}

static void
make_corpus (void)
{
  g_autoptr(GFile) a = write_file ("a.txt", "One two three four.\n");
  g_autoptr(GFile) big = NULL;
  g_autoptr(GFile) gone = write_file ("gone.txt", "Soon deleted.\n");
  g_autoptr(GFile) sub_c = write_file ("sub/c.txt", "Labelled under a broken file.\n");
  g_autoptr(GFile) root = g_file_new_for_path (tmp_dir);
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GError) error = NULL;

  while (text->len < 2 * LIMIT)
    g_string_append (text, "The long report continues. ");
  big = write_file ("big.txt", text->str);

  g_object_unref (write_file ("b.txt", "Nobody started this one.\n"));
  g_object_unref (write_file ("broken.txt", "A fine article.\n"));
  write_sidecar_full (a, "alice", 2, TRUE);
  write_sidecar (a, "bob", 1);
  write_sidecar_full (big, "alice", 1, TRUE);
  g_object_unref (write_file ("broken.txt.alice.gloss.json", "{ \"format\": "));
  write_sidecar (gone, "alice", 1);
  g_assert_true (g_file_delete (gone, NULL, &error));
  g_assert_no_error (error);
  write_sidecar (sub_c, "alice", 1);
  write_sidecar_full (sub_c, "carol", 1, TRUE);
  g_object_unref (write_file ("sub/gloss-labels.json", "{ \"format\": \"gloss-labels\", \"labels\": [ {"));

  corpus = gloss_corpus_new ();
  g_assert_true (gloss_corpus_add_path (corpus, root, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (gloss_corpus_get_n_articles (corpus), ==, N_ARTICLES);
}

static const GlossArticleCount *
count_at (GArray *counts,
          guint   index)
{
  g_assert_cmpuint (index, <, counts->len);
  return &g_array_index (counts, GlossArticleCount, index);
}

static void
assert_count (GArray                 *counts,
              guint                   index,
              GlossArticleCountState  state,
              guint                   n_annotations,
              guint                   n_others,
              gboolean                started)
{
  const GlossArticleCount *count = count_at (counts, index);

  g_assert_cmpint (count->state, ==, state);
  if (state == GLOSS_ARTICLE_COUNT_KNOWN)
    g_assert_cmpuint (count->n_annotations, ==, n_annotations);
  g_assert_cmpuint (count->n_others, ==, n_others);
  g_assert_cmpint (count->started, ==, started);
}

/* alice's figures, as the sidebar shows them. */
static void
assert_alice (GArray    *counts,
              GPtrArray *problems)
{
  g_autofree char *labels_path = g_build_filename (tmp_dir, "sub", "gloss-labels.json", NULL);
  const GlossProblem *problem;

  g_assert_cmpuint (counts->len, ==, N_ARTICLES);
  assert_count (counts, A, GLOSS_ARTICLE_COUNT_KNOWN, 2, 1, TRUE);
  assert_count (counts, B, GLOSS_ARTICLE_COUNT_NONE, 0, 0, FALSE);
  /* Over the limit: started, but not read. */
  assert_count (counts, BIG, GLOSS_ARTICLE_COUNT_SKIPPED, 0, 0, TRUE);
  assert_count (counts, BROKEN, GLOSS_ARTICLE_COUNT_FAILED, 0, 0, TRUE);
  assert_count (counts, GONE, GLOSS_ARTICLE_COUNT_FAILED, 0, 0, TRUE);
  /* Counted without the broken label file, which is said once. */
  assert_count (counts, SUB_C, GLOSS_ARTICLE_COUNT_KNOWN, 1, 1, TRUE);

  /* Done as marked; unknown (not done) where the sidecar was not read. */
  g_assert_true (count_at (counts, A)->done);
  g_assert_false (count_at (counts, B)->done);
  g_assert_false (count_at (counts, BIG)->done);
  g_assert_false (count_at (counts, SUB_C)->done);

  g_assert_cmpuint (problems->len, ==, 1);
  problem = g_ptr_array_index (problems, 0);
  g_assert_cmpint (problem->severity, ==, GLOSS_SEVERITY_ERROR);
  g_assert_cmpstr (problem->file, ==, labels_path);
}

static void
test_counts (void)
{
  GlossCorpusProgress progress;
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func ((GDestroyNotify) gloss_problem_free);
  g_autoptr(GArray) counts = NULL;
  g_autoptr(GError) error = NULL;

  counts = gloss_corpus_count_annotations (corpus, "alice", LIMIT, problems, NULL, &error);
  g_assert_no_error (error);
  assert_alice (counts, problems);
  gloss_corpus_progress_from_counts (counts, &progress);
  g_assert_cmpuint (progress.n_done, ==, 1);
  g_assert_cmpuint (progress.n_started, ==, 5);
  g_assert_cmpuint (progress.n_articles, ==, N_ARTICLES);
  g_clear_pointer (&counts, g_array_unref);

  /* No limit: the big one is read too, and its done mark with it. */
  counts = gloss_corpus_count_annotations (corpus, "alice", 0, NULL, NULL, &error);
  g_assert_no_error (error);
  assert_count (counts, BIG, GLOSS_ARTICLE_COUNT_KNOWN, 1, 0, TRUE);
  g_assert_true (count_at (counts, BIG)->done);
  gloss_corpus_progress_from_counts (counts, &progress);
  g_assert_cmpuint (progress.n_done, ==, 2);
  g_clear_pointer (&counts, g_array_unref);

  /* No annotator yet: nothing read, everyone else counted. */
  counts = gloss_corpus_count_annotations (corpus, NULL, LIMIT, NULL, NULL, &error);
  g_assert_no_error (error);
  assert_count (counts, A, GLOSS_ARTICLE_COUNT_NONE, 0, 2, FALSE);
  assert_count (counts, GONE, GLOSS_ARTICLE_COUNT_NONE, 0, 1, FALSE);
  assert_count (counts, SUB_C, GLOSS_ARTICLE_COUNT_NONE, 0, 2, FALSE);
  g_clear_pointer (&counts, g_array_unref);

  /* Someone with one sidecar only. */
  counts = gloss_corpus_count_annotations (corpus, "bob", LIMIT, NULL, NULL, &error);
  g_assert_no_error (error);
  assert_count (counts, A, GLOSS_ARTICLE_COUNT_KNOWN, 1, 1, TRUE);
  assert_count (counts, SUB_C, GLOSS_ARTICLE_COUNT_NONE, 0, 2, FALSE);
  /* alice's mark is hers: bob's sidecar of the same article is not done */
  g_assert_false (count_at (counts, A)->done);
  gloss_corpus_progress_from_counts (counts, &progress);
  g_assert_cmpuint (progress.n_done, ==, 0);
  g_assert_cmpuint (progress.n_started, ==, 1);
  g_clear_pointer (&counts, g_array_unref);

  /* carol's mark, under the broken label file */
  counts = gloss_corpus_count_annotations (corpus, "carol", LIMIT, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (count_at (counts, SUB_C)->done);
  gloss_corpus_progress_from_counts (counts, &progress);
  g_assert_cmpuint (progress.n_done, ==, 1);
  g_assert_cmpuint (progress.n_started, ==, 1);
  g_assert_cmpuint (progress.n_articles, ==, N_ARTICLES);
}

typedef struct
{
  GAsyncResult *result;
  GThread      *thread;
} Wait;

static void
on_counted (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  Wait *wait = user_data;

  g_assert_null (source);
  wait->result = g_object_ref (result);
  wait->thread = g_thread_self ();
}

static GArray *
count_and_wait (const char    *annotator_id,
                GCancellable  *cancellable,
                GPtrArray    **problems,
                GError       **error)
{
  Wait wait = { NULL, NULL };
  GArray *counts;

  gloss_corpus_count_annotations_async (corpus, annotator_id, LIMIT, cancellable, on_counted, &wait);
  g_assert_null (wait.result);
  while (wait.result == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (wait.thread == g_thread_self ());

  counts = gloss_corpus_count_annotations_finish (wait.result, problems, error);
  g_object_unref (wait.result);
  return counts;
}

static void
test_counts_async (void)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GArray) counts = NULL;
  g_autoptr(GError) error = NULL;

  /* The same figures, and the same problem, from the thread. */
  counts = count_and_wait ("alice", NULL, &problems, &error);
  g_assert_no_error (error);
  g_assert_nonnull (problems);
  assert_alice (counts, problems);
  g_clear_pointer (&counts, g_array_unref);
  g_clear_pointer (&problems, g_ptr_array_unref);

  /* Problems are optional. */
  counts = count_and_wait ("alice", NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (counts->len, ==, N_ARTICLES);
  g_clear_pointer (&counts, g_array_unref);

  /* Cancelled: nothing, whatever the thread got to. */
  g_cancellable_cancel (cancellable);
  problems = g_ptr_array_new ();
  counts = count_and_wait ("alice", cancellable, &problems, &error);
  g_assert_null (counts);
  g_assert_null (problems);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

/* The fields of the article: read with the counts, and what the sidebar
 * filters by (done, not done, a field's value). In a folder of its own. */
static const char fields_labels_json[] =
  "{ \"format\": \"gloss-labels\", \"version\": 1,\n"
  "  \"labels\": [ { \"id\": \"claim\", \"kind\": \"claim\" } ],\n"
  "  \"document_labels\": [\n"
  "    { \"id\": \"topic\", \"type\": \"choice\", \"multiple\": true,\n"
  "      \"values\": [ { \"id\": \"politics\" }, { \"id\": \"health\" } ] },\n"
  "    { \"id\": \"note\", \"type\": \"text\" },\n"
  "    { \"id\": \"opinion\", \"type\": \"boolean\" },\n"
  "    { \"id\": \"stance\", \"type\": \"choice\",\n"
  "      \"values\": [ { \"id\": \"for\" }, { \"id\": \"against\" } ] }\n"
  "  ] }\n";

/* An empty sidecar of alice's, done or not, with @fields (GVariant text of
 * an "a{sv}", or NULL). */
static void
write_fields_sidecar (GFile      *article,
                      gboolean    done,
                      const char *fields)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossDocument) document = gloss_document_new_from_file (article, NULL, &error);
  g_autoptr(GlossSidecar) sidecar = NULL;

  g_assert_no_error (error);
  sidecar = gloss_sidecar_new_for_document (document, "alice");
  if (fields != NULL)
    {
      g_autoptr(GVariant) map = g_variant_parse (G_VARIANT_TYPE ("a{sv}"), fields, NULL, NULL, &error);
      GVariantIter iter;
      const char *id;
      GVariant *value;

      g_assert_no_error (error);
      g_variant_iter_init (&iter, map);
      while (g_variant_iter_loop (&iter, "{&sv}", &id, &value))
        gloss_sidecar_set_document_label (sidecar, id, value);
    }
  gloss_sidecar_set_done (sidecar, done);
  g_assert_true (gloss_sidecar_save (sidecar, NULL, &error));
  g_assert_no_error (error);
}

static void
test_fields_filter (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *root_path = g_dir_make_tmp ("gloss-test-corpus-fields-XXXXXX", &error);
  g_autoptr(GFile) root = g_file_new_for_path (root_path);
  g_autoptr(GlossCorpus) fields_corpus = gloss_corpus_new ();
  g_autoptr(GArray) counts = NULL;
  g_autoptr(GPtrArray) fields = NULL;
  g_autoptr(GArray) copy = NULL;
  g_autofree char *labels_path = g_build_filename (root_path, "gloss-labels.json", NULL);
  const char *names[] = { "a.txt", "b.txt", "c.txt", "d.txt" };
  GFile *articles[4];
  GlossArticleCount kept;

  g_assert_no_error (error);
  g_assert_true (g_file_set_contents (labels_path, fields_labels_json, -1, NULL));
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *path = g_build_filename (root_path, names[i], NULL);

      g_assert_true (g_file_set_contents (path, "Some words here.\n", -1, NULL));
      articles[i] = g_file_new_for_path (path);
    }
  /* a: done, two topics; b: one topic and a stance; c: a value the set
   * does not declare (kept); d: not started */
  write_fields_sidecar (articles[0], TRUE, "{'topic': <['politics', 'health']>, 'opinion': <true>}");
  write_fields_sidecar (articles[1], FALSE, "{'stance': <'for'>, 'topic': <['health']>}");
  write_fields_sidecar (articles[2], TRUE, "{'stance': <'maybe'>}");

  g_assert_true (gloss_corpus_add_path (fields_corpus, root, NULL, &error));
  g_assert_no_error (error);
  counts = gloss_corpus_count_annotations (fields_corpus, "alice", LIMIT, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (counts->len, ==, 4);
  g_assert_nonnull (count_at (counts, 0)->document_labels);
  g_assert_nonnull (count_at (counts, 0)->labels);
  g_assert_null (count_at (counts, 3)->document_labels);
  /* not started: its fields can still be filtered by */
  g_assert_nonnull (count_at (counts, 3)->labels);

  g_assert_cmpuint (gloss_corpus_counts_count_matching (counts, NULL), ==, 4);
  g_assert_cmpuint (gloss_corpus_counts_count_matching (counts, ""), ==, 4);
  g_assert_cmpuint (gloss_corpus_counts_count_matching (counts, "done"), ==, 2);
  g_assert_cmpuint (gloss_corpus_counts_count_matching (counts, "not-done"), ==, 2);
  g_assert_true (gloss_article_count_matches (count_at (counts, 3), "not-done"));
  g_assert_cmpuint (gloss_corpus_counts_count_matching (counts, "field:topic=health"), ==, 2);
  g_assert_cmpuint (gloss_corpus_counts_count_matching (counts, "field:topic=politics"), ==, 1);
  g_assert_cmpuint (gloss_corpus_counts_count_matching (counts, "field:stance=for"), ==, 1);
  g_assert_cmpuint (gloss_corpus_counts_count_matching (counts, "field:stance=maybe"), ==, 1);
  g_assert_cmpuint (gloss_corpus_counts_count_matching (counts, "field:opinion=true"), ==, 1);
  /* not set is not false */
  g_assert_cmpuint (gloss_corpus_counts_count_matching (counts, "field:opinion=false"), ==, 0);
  g_assert_cmpuint (gloss_corpus_counts_count_matching (counts, "field:stance"), ==, 0);
  g_assert_cmpuint (gloss_corpus_counts_count_matching (counts, "field:=for"), ==, 0);
  g_assert_cmpuint (gloss_corpus_counts_count_matching (counts, "bogus"), ==, 0);

  /* the filterable fields: choices and booleans, in file order */
  fields = gloss_corpus_counts_dup_filter_fields (counts);
  g_assert_cmpuint (fields->len, ==, 3);
  g_assert_cmpstr (gloss_attribute_get_id (g_ptr_array_index (fields, 0)), ==, "topic");
  g_assert_cmpstr (gloss_attribute_get_id (g_ptr_array_index (fields, 1)), ==, "opinion");
  g_assert_cmpstr (gloss_attribute_get_id (g_ptr_array_index (fields, 2)), ==, "stance");

  /* a copy keeps its own references after the array is gone */
  gloss_article_count_copy (&kept, count_at (counts, 1));
  g_clear_pointer (&counts, g_array_unref);
  g_assert_true (gloss_article_count_matches (&kept, "field:stance=for"));
  gloss_article_count_clear (&kept);
  g_assert_null (kept.document_labels);
  g_assert_null (kept.labels);

  for (guint i = 0; i < G_N_ELEMENTS (articles); i++)
    g_object_unref (articles[i]);
  gloss_test_remove_tree (root_path);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);

  tmp_dir = g_dir_make_tmp ("gloss-test-corpus-counts-XXXXXX", &error);
  g_assert_no_error (error);
  make_corpus ();

  g_test_add_func ("/corpus-counts/counts", test_counts);
  g_test_add_func ("/corpus-counts/async", test_counts_async);
  g_test_add_func ("/corpus-counts/fields-filter", test_fields_filter);

  status = g_test_run ();
  g_clear_object (&corpus);
  gloss_test_remove_tree (tmp_dir);
  g_free (tmp_dir);
  return status;
}

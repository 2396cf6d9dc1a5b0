/* test-import-suggestions-async.c — gloss_import_suggestions_async(): the
 * suggestions import in a thread, for the app's Import…
 *
 * The result, the summary and the counts come back on the caller's
 * context, in its thread, and so does progress: the articles read, then
 * the articles merged of their total, never falling and ending at it,
 * none after the result or a cancel. A cancel before the work began
 * writes nothing; a failure keeps its error and the summary.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <string.h>

#include "gloss.h"
#include "gloss-test-utils.h"

#define TEXT "Ann Lee met Bob Ray in Paris."
#define N_ARTICLES 60

typedef struct
{
  GMainContext                 *context;
  GThread                      *thread;
  GlossImportSummary            summary;
  GlossImportSuggestionsCounts  counts;
  GError                       *error;
  gboolean                      ok;
  gboolean                      done;

  gboolean                      with_progress;
  guint                         n_progress;
  guint                         last_articles;
  guint                         last_total;
  gboolean                      progress_after_done;
  GCancellable                 *cancel_on_progress;
} Run;

static void
on_progress (guint    articles,
             guint    total,
             gpointer user_data)
{
  Run *run = user_data;

  g_assert_true (g_main_context_is_owner (run->context));
  g_assert_true (g_thread_self () == run->thread);
  if (run->done)
    run->progress_after_done = TRUE;

  /* The reading pass (no total), then the merging pass: never back. */
  if (total == 0)
    {
      g_assert_cmpuint (run->last_total, ==, 0);
      g_assert_cmpuint (articles, >, run->last_articles);
    }
  else if (run->last_total == 0)
    g_assert_cmpuint (articles, >=, 1);
  else
    {
      g_assert_cmpuint (total, ==, run->last_total);
      g_assert_cmpuint (articles, >, run->last_articles);
    }
  g_assert_cmpuint (articles, <=, total > 0 ? total : G_MAXUINT);
  run->last_articles = articles;
  run->last_total = total;
  run->n_progress++;

  if (run->cancel_on_progress != NULL)
    g_cancellable_cancel (run->cancel_on_progress);
}

static void
on_done (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  Run *run = user_data;

  g_assert_null (object);
  g_assert_true (g_main_context_is_owner (run->context));
  g_assert_true (g_thread_self () == run->thread);
  run->ok = gloss_import_suggestions_finish (result, &run->summary, &run->counts, &run->error);
  run->done = TRUE;
}

/* One import on a context of its own, pushed as the thread default. */
static void
run_import (Run          *run,
            GlossFormat   format,
            GFile        *input,
            GFile        *output,
            GCancellable *cancellable)
{
  run->context = g_main_context_new ();
  run->thread = g_thread_self ();
  g_main_context_push_thread_default (run->context);

  gloss_import_suggestions_async (format, input, output, "alice", GLOSS_OFFSETS_CODE_POINTS,
                                  run->with_progress ? on_progress : NULL, run,
                                  cancellable, on_done, run);
  while (!run->done)
    g_main_context_iteration (run->context, TRUE);
  /* Updates queued before the result must not run now. */
  while (g_main_context_iteration (run->context, FALSE))
    ;

  g_main_context_pop_thread_default (run->context);
  g_clear_pointer (&run->context, g_main_context_unref);
}

static void
run_clear (Run *run)
{
  gloss_import_summary_clear (&run->summary);
  g_clear_error (&run->error);
}

static GFile *
write_input (const char *dir,
             const char *name,
             const char *contents)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);

  g_assert_true (g_file_set_contents (path, contents, -1, NULL));
  return g_file_new_for_path (path);
}

static void
test_result (void)
{
  g_autofree char *dir = g_dir_make_tmp ("gloss-import-suggestions-async-XXXXXX", NULL);
  g_autoptr(GFile) input = write_input (dir, "p.jsonl",
    "{\"id\": \"a1\", \"text\": \"" TEXT "\", \"spans\": ["
    "{\"start\": 0, \"end\": 7, \"label\": \"PER\", \"score\": 0.9},"
    "{\"start\": 23, \"end\": 40, \"label\": \"LOC\"}]}\n"
    "{\"id\": \"a2\", \"text\": \"" TEXT "\", \"spans\": ["
    "{\"start\": 12, \"end\": 19, \"label\": \"PER\", \"score\": 0.4}]}\n");
  g_autofree char *out_path = g_build_filename (dir, "out", NULL);
  g_autoptr(GFile) out = g_file_new_for_path (out_path);
  g_autofree char *file_a1 = g_build_filename (out_path, "a1.txt.alice.suggestions.json", NULL);
  g_autofree char *file_a2 = g_build_filename (out_path, "a2.txt.alice.suggestions.json", NULL);
  g_autofree char *sidecar = g_build_filename (out_path, "a1.txt.alice.gloss.json", NULL);
  Run run = { 0 };

  run_import (&run, GLOSS_FORMAT_JSONL, input, out, NULL);

  g_assert_no_error (run.error);
  g_assert_true (run.ok);
  g_assert_cmpuint (run.summary.articles, ==, 2);
  g_assert_cmpuint (run.counts.suggested, ==, 2);
  g_assert_cmpuint (run.counts.added, ==, 2);
  g_assert_cmpuint (run.counts.files, ==, 2);
  /* The span off the text, located as the blocking import locates it. */
  g_assert_cmpuint (run.summary.problems->len, ==, 1);
  g_assert_nonnull (strstr (run.summary.problems->pdata[0], "p.jsonl:1: span"));
  g_assert_true (g_file_test (file_a1, G_FILE_TEST_IS_REGULAR));
  g_assert_true (g_file_test (file_a2, G_FILE_TEST_IS_REGULAR));
  g_assert_false (g_file_test (sidecar, G_FILE_TEST_EXISTS));

  run_clear (&run);
  gloss_test_remove_tree (dir);
}

/* @n JSONL lines, one article each with one span. */
static GFile *
write_articles (const char *dir,
                guint       n)
{
  g_autoptr(GString) contents = g_string_new (NULL);

  for (guint i = 0; i < n; i++)
    g_string_append_printf (contents,
                            "{\"id\": \"a%03u\", \"text\": \"" TEXT "\", \"spans\": ["
                            "{\"start\": 0, \"end\": 7, \"label\": \"PER\", \"score\": 0.5}]}\n", i);
  return write_input (dir, "p.jsonl", contents->str);
}

/* Progress on the caller's thread (on_progress() checks), rising, the
 * last update being all of them done; none after the result. */
static void
test_progress (void)
{
  g_autofree char *dir = g_dir_make_tmp ("gloss-import-suggestions-async-XXXXXX", NULL);
  g_autoptr(GFile) input = write_articles (dir, N_ARTICLES);
  g_autofree char *out_path = g_build_filename (dir, "out", NULL);
  g_autoptr(GFile) out = g_file_new_for_path (out_path);
  Run run = { 0 };

  run.with_progress = TRUE;
  run_import (&run, GLOSS_FORMAT_JSONL, input, out, NULL);

  g_assert_no_error (run.error);
  g_assert_true (run.ok);
  g_assert_cmpuint (run.counts.files, ==, N_ARTICLES);
  g_assert_cmpuint (run.n_progress, >=, 1);
  g_assert_cmpuint (run.n_progress, <=, 2 * N_ARTICLES);
  /* The worker's last update was queued before its result. */
  g_assert_cmpuint (run.last_total, ==, N_ARTICLES);
  g_assert_cmpuint (run.last_articles, ==, N_ARTICLES);
  g_assert_false (run.progress_after_done);
  /* The summary is the caller's: no hook into a finished worker. */
  g_assert_null (run.summary.article_done);

  run_clear (&run);
  gloss_test_remove_tree (dir);
}

/* Cancelled from the first update: no update after it, and what was
 * merged before stays (the counts say how much). */
static void
test_cancelled_while_running (void)
{
  g_autofree char *dir = g_dir_make_tmp ("gloss-import-suggestions-async-XXXXXX", NULL);
  g_autoptr(GFile) input = write_articles (dir, N_ARTICLES);
  g_autofree char *out_path = g_build_filename (dir, "out", NULL);
  g_autoptr(GFile) out = g_file_new_for_path (out_path);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  Run run = { 0 };

  run.with_progress = TRUE;
  run.cancel_on_progress = cancellable;
  run_import (&run, GLOSS_FORMAT_JSONL, input, out, cancellable);

  /* The worker may have finished before it saw the cancel. */
  if (!run.ok)
    g_assert_error (run.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (run.n_progress, ==, 1);
  g_assert_false (run.progress_after_done);
  g_assert_cmpuint (run.counts.files, <=, N_ARTICLES);
  g_assert_cmpuint (run.counts.files, ==, run.counts.articles_done);

  run_clear (&run);
  gloss_test_remove_tree (dir);
}

static void
test_cancelled (void)
{
  g_autofree char *dir = g_dir_make_tmp ("gloss-import-suggestions-async-XXXXXX", NULL);
  g_autoptr(GFile) input = write_input (dir, "p.jsonl",
    "{\"id\": \"a1\", \"text\": \"" TEXT "\", \"spans\": ["
    "{\"start\": 0, \"end\": 7, \"label\": \"PER\"}]}\n");
  g_autofree char *out_path = g_build_filename (dir, "out", NULL);
  g_autoptr(GFile) out = g_file_new_for_path (out_path);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  Run run = { 0 };

  g_cancellable_cancel (cancellable);
  run_import (&run, GLOSS_FORMAT_JSONL, input, out, cancellable);

  g_assert_false (run.ok);
  g_assert_error (run.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  /* The summary still comes back, empty. */
  g_assert_nonnull (run.summary.problems);
  g_assert_cmpuint (run.summary.articles, ==, 0);
  g_assert_cmpuint (run.counts.suggested, ==, 0);
  g_assert_false (g_file_test (out_path, G_FILE_TEST_EXISTS));

  run_clear (&run);
  gloss_test_remove_tree (dir);
}

static void
test_failure (void)
{
  g_autofree char *dir = g_dir_make_tmp ("gloss-import-suggestions-async-XXXXXX", NULL);
  g_autofree char *missing_path = g_build_filename (dir, "missing.jsonl", NULL);
  g_autoptr(GFile) missing = g_file_new_for_path (missing_path);
  g_autofree char *out_path = g_build_filename (dir, "out", NULL);
  g_autoptr(GFile) out = g_file_new_for_path (out_path);
  Run run = { 0 };

  run_import (&run, GLOSS_FORMAT_DOCCANO, missing, out, NULL);

  g_assert_false (run.ok);
  g_assert_error (run.error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_nonnull (run.summary.problems);
  g_assert_cmpuint (run.counts.files, ==, 0);

  run_clear (&run);
  gloss_test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/import-suggestions-async/result", test_result);
  g_test_add_func ("/import-suggestions-async/cancelled", test_cancelled);
  g_test_add_func ("/import-suggestions-async/progress", test_progress);
  g_test_add_func ("/import-suggestions-async/cancelled-while-running", test_cancelled_while_running);
  g_test_add_func ("/import-suggestions-async/failure", test_failure);

  return g_test_run ();
}

/* test-import-async.c — gloss_import_async(): the importers in a thread
 *
 * What the import dialog relies on: the result and the summary come back
 * on the caller's context, progress too (in the caller's thread, never
 * after the result), a cancel stops the import and still tells what was
 * written, and a failure keeps its error.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gstdio.h>
#include <string.h>

#include "gloss.h"
#include "gloss-test-utils.h"

#define N_ARTICLES 12

typedef struct
{
  GMainContext       *context;
  GThread            *thread;
  GlossImportSummary  summary;
  GError             *error;
  gboolean            ok;
  gboolean            done;
  guint               n_progress;
  guint               last_articles;
  gboolean            progress_after_done;
  GCancellable       *cancel_on_progress;
} Run;

static char *
make_tmp_dir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("gloss-import-async-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

static void
write_file (const char *dir,
            const char *name,
            const char *contents)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, contents, -1, &error);
  g_assert_no_error (error);
}

/* A folder of @n brat articles, each with one span. */
static char *
make_brat_folder (guint n)
{
  char *dir = make_tmp_dir ();

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *txt = g_strdup_printf ("article-%02u.txt", i);
      g_autofree char *ann = g_strdup_printf ("article-%02u.ann", i);

      write_file (dir, txt, "Ada Lovelace wrote the first program.\n");
      write_file (dir, ann, "T1\tperson 0 12\tAda Lovelace\n");
    }

  return dir;
}

static void
on_progress (guint    articles,
             gpointer user_data)
{
  Run *run = user_data;

  /* On the caller's context, in its thread, never after the result. */
  g_assert_true (g_main_context_is_owner (run->context));
  g_assert_true (g_thread_self () == run->thread);
  if (run->done)
    run->progress_after_done = TRUE;
  g_assert_cmpuint (articles, >=, run->last_articles);
  g_assert_cmpuint (articles, <=, N_ARTICLES);
  run->last_articles = articles;
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
  run->ok = gloss_import_finish (result, &run->summary, &run->error);
  run->done = TRUE;
}

/* Runs one import on a context of its own, pushed as the thread default,
 * and spins it until the result is in and the worker's last updates are
 * through. */
static void
run_import (Run             *run,
            GlossFormat      format,
            const char      *input,
            const char      *output,
            const char      *annotator_id,
            GlossOffsetUnit  offsets,
            GCancellable    *cancellable)
{
  g_autoptr(GFile) input_file = g_file_new_for_path (input);
  g_autoptr(GFile) output_file = g_file_new_for_path (output);

  run->context = g_main_context_new ();
  run->thread = g_thread_self ();
  g_main_context_push_thread_default (run->context);

  gloss_import_async (format, input_file, output_file, annotator_id, offsets,
                      on_progress, run, cancellable, on_done, run);
  while (!run->done)
    g_main_context_iteration (run->context, TRUE);
  /* Updates queued before the result must not run now. */
  while (g_main_context_iteration (run->context, FALSE))
    ;

  g_main_context_pop_thread_default (run->context);
  g_main_context_unref (run->context);
  run->context = NULL;
}

static void
run_clear (Run *run)
{
  gloss_import_summary_clear (&run->summary);
  g_clear_error (&run->error);
}

static guint
count_sidecars (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;
  guint n = 0;

  g_assert_nonnull (d);
  while ((name = g_dir_read_name (d)) != NULL)
    if (g_str_has_suffix (name, GLOSS_SIDECAR_SUFFIX))
      n++;

  return n;
}

static void
test_brat_folder (void)
{
  g_autofree char *input = make_brat_folder (N_ARTICLES);
  g_autofree char *output = make_tmp_dir ();
  Run run = { 0 };

  run_import (&run, GLOSS_FORMAT_BRAT, input, output, "alice", GLOSS_OFFSETS_CODE_POINTS, NULL);

  g_assert_no_error (run.error);
  g_assert_true (run.ok);
  g_assert_cmpuint (run.summary.articles, ==, N_ARTICLES);
  g_assert_cmpuint (run.summary.sidecars, ==, N_ARTICLES);
  g_assert_cmpuint (run.summary.spans, ==, N_ARTICLES);
  g_assert_cmpuint (run.summary.problems->len, ==, 0);
  /* The summary is the caller's: no hook into a finished worker. */
  g_assert_null (run.summary.article_done);
  g_assert_cmpuint (count_sidecars (output), ==, N_ARTICLES);

  /* At least one update, merged or not, and none after the result. */
  g_assert_cmpuint (run.n_progress, >=, 1);
  g_assert_cmpuint (run.n_progress, <=, N_ARTICLES);
  g_assert_false (run.progress_after_done);

  run_clear (&run);
  gloss_test_remove_tree (input);
  gloss_test_remove_tree (output);
}

/* The same, through the JSONL importer, and with no progress function. */
static void
on_done_quiet (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  Run *run = user_data;

  run->ok = gloss_import_finish (result, &run->summary, &run->error);
  run->done = TRUE;
}

static void
test_doccano_without_progress (void)
{
  g_autofree char *input_dir = make_tmp_dir ();
  g_autofree char *input = g_build_filename (input_dir, "work.jsonl", NULL);
  g_autofree char *output = make_tmp_dir ();
  g_autoptr(GFile) input_file = g_file_new_for_path (input);
  g_autoptr(GFile) output_file = g_file_new_for_path (output);
  Run run = { 0 };

  write_file (input_dir, "work.jsonl",
              "{\"text\": \"Ada Lovelace wrote.\", \"label\": [[0, 12, \"person\"]]}\n"
              "{\"text\": \"Alan Turing wrote.\", \"label\": [[0, 11, \"person\"]]}\n");

  gloss_import_async (GLOSS_FORMAT_DOCCANO, input_file, output_file, "bilal",
                      GLOSS_OFFSETS_UTF16, NULL, NULL, NULL, on_done_quiet, &run);
  while (!run.done)
    g_main_context_iteration (NULL, TRUE);

  g_assert_no_error (run.error);
  g_assert_true (run.ok);
  g_assert_cmpuint (run.summary.articles, ==, 2);
  g_assert_cmpuint (run.summary.spans, ==, 2);
  g_assert_cmpuint (count_sidecars (output), ==, 2);

  run_clear (&run);
  gloss_test_remove_tree (input_dir);
  gloss_test_remove_tree (output);
}

/* Cancelled before it starts: nothing written, no progress. */
static void
test_cancelled_before (void)
{
  g_autofree char *input = make_brat_folder (3);
  g_autofree char *output = make_tmp_dir ();
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  Run run = { 0 };

  g_cancellable_cancel (cancellable);
  run_import (&run, GLOSS_FORMAT_BRAT, input, output, "alice", GLOSS_OFFSETS_CODE_POINTS,
              cancellable);

  g_assert_error (run.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_false (run.ok);
  g_assert_cmpuint (run.summary.articles, ==, 0);
  g_assert_nonnull (run.summary.problems);
  g_assert_cmpuint (run.n_progress, ==, 0);
  g_assert_cmpuint (count_sidecars (output), ==, 0);

  run_clear (&run);
  gloss_test_remove_tree (input);
  gloss_test_remove_tree (output);
}

/* Cancelled from the first update: the import stops, the summary says
 * what was written before (it stays on disk), and no update comes after
 * the cancel. */
static void
test_cancelled_while_running (void)
{
  g_autofree char *input = make_brat_folder (N_ARTICLES);
  g_autofree char *output = make_tmp_dir ();
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  Run run = { 0 };

  run.cancel_on_progress = cancellable;
  run_import (&run, GLOSS_FORMAT_BRAT, input, output, "alice", GLOSS_OFFSETS_CODE_POINTS,
              cancellable);

  /* The worker may have finished before it saw the cancel: either way
   * the summary matches the disk. */
  if (!run.ok)
    g_assert_error (run.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (run.n_progress, ==, 1);
  g_assert_cmpuint (run.summary.articles, >=, 1);
  g_assert_cmpuint (count_sidecars (output), ==, run.summary.sidecars);

  run_clear (&run);
  gloss_test_remove_tree (input);
  gloss_test_remove_tree (output);
}

/* A failure comes back as the importer's error. */
static void
test_failure (void)
{
  g_autofree char *dir = make_tmp_dir ();
  g_autofree char *missing = g_build_filename (dir, "missing.jsonl", NULL);
  g_autofree char *output = make_tmp_dir ();
  Run run = { 0 };

  run_import (&run, GLOSS_FORMAT_JSONL, missing, output, NULL, GLOSS_OFFSETS_CODE_POINTS, NULL);

  g_assert_false (run.ok);
  g_assert_nonnull (run.error);
  g_assert_false (g_error_matches (run.error, G_IO_ERROR, G_IO_ERROR_CANCELLED));
  g_assert_cmpuint (run.summary.articles, ==, 0);
  g_assert_cmpuint (run.n_progress, ==, 0);

  run_clear (&run);
  gloss_test_remove_tree (dir);
  gloss_test_remove_tree (output);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/import-async/brat-folder", test_brat_folder);
  g_test_add_func ("/import-async/doccano-without-progress", test_doccano_without_progress);
  g_test_add_func ("/import-async/cancelled-before", test_cancelled_before);
  g_test_add_func ("/import-async/cancelled-while-running", test_cancelled_while_running);
  g_test_add_func ("/import-async/failure", test_failure);

  return g_test_run ();
}

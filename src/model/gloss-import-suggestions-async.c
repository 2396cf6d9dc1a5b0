/* gloss-import-suggestions-async.c — gloss_import_suggestions() in a
 * worker thread
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "gloss-import-suggestions-async.h"

/* One import, the GTask's data: the worker fills the summary and the
 * counts, and _finish() moves them to the caller. */
typedef struct
{
  GlossFormat                         format;
  GlossOffsetUnit                     offsets;
  GFile                              *input;
  GFile                              *output;
  char                               *annotator_id;
  GlossImportSummary                  summary;
  GlossImportSuggestionsCounts        counts;

  GTask                              *task;      /* not a reference: the task owns the job */
  GMainContext                       *context;   /* the caller's, where progress goes */
  GlossImportSuggestionsProgressFunc  progress;
  gpointer                            progress_data;
  /* The latest update, both numbers under one lock so that an update
   * never pairs one pass's count with the other's total. */
  GMutex                              lock;
  guint                               articles;
  guint                               total;
  gboolean                            queued;    /* an update waits on @context */
} SuggestionsJob;

static void
suggestions_job_free (gpointer data)
{
  SuggestionsJob *job = data;

  g_clear_object (&job->input);
  g_clear_object (&job->output);
  g_clear_pointer (&job->annotator_id, g_free);
  gloss_import_summary_clear (&job->summary);
  g_clear_pointer (&job->context, g_main_context_unref);
  g_mutex_clear (&job->lock);
  g_free (job);
}

/* On the caller's context; holds a reference to the task. */
static gboolean
deliver_progress (gpointer data)
{
  GTask *task = data;
  SuggestionsJob *job = g_task_get_task_data (task);
  guint articles, total;

  /* Cleared as the numbers are read: an update made after this is queued
   * again rather than lost. */
  g_mutex_lock (&job->lock);
  job->queued = FALSE;
  articles = job->articles;
  total = job->total;
  g_mutex_unlock (&job->lock);

  if (!g_task_get_completed (task) && !g_cancellable_is_cancelled (g_task_get_cancellable (task)))
    job->progress (articles, total, job->progress_data);

  return G_SOURCE_REMOVE;
}

/* In the worker, after each article of either pass: one update at a time
 * is queued, and it reads the latest numbers when it runs. */
static void
on_article_done (gpointer data)
{
  SuggestionsJob *job = data;
  g_autoptr(GSource) source = NULL;
  gboolean queue;

  g_mutex_lock (&job->lock);
  job->total = job->counts.articles_total;
  job->articles = job->total > 0 ? job->counts.articles_done : job->counts.articles_read;
  queue = !job->queued;
  job->queued = TRUE;
  g_mutex_unlock (&job->lock);

  if (!queue)
    return;

  source = g_idle_source_new ();
  g_source_set_priority (source, G_PRIORITY_DEFAULT);
  g_source_set_callback (source, deliver_progress, g_object_ref (job->task), g_object_unref);
  g_source_set_static_name (source, "[gloss] import suggestions progress");
  g_source_attach (source, job->context);
}

static void
suggestions_thread (GTask        *task,
                    gpointer      source_object,
                    gpointer      task_data,
                    GCancellable *cancellable)
{
  SuggestionsJob *job = task_data;
  g_autoptr(GError) error = NULL;

  /* Cancelled before it began: nothing written, not even the private
   * folder. */
  if (g_task_return_error_if_cancelled (task))
    return;

  if (gloss_import_suggestions (job->format, job->input, job->output, job->annotator_id,
                                job->offsets, &job->summary, &job->counts, cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, g_steal_pointer (&error));
}

void
gloss_import_suggestions_async (GlossFormat                         format,
                                GFile                              *input,
                                GFile                              *output_folder,
                                const char                         *annotator_id,
                                GlossOffsetUnit                     offsets,
                                GlossImportSuggestionsProgressFunc  progress,
                                gpointer                            progress_data,
                                GCancellable                       *cancellable,
                                GAsyncReadyCallback                 callback,
                                gpointer                            user_data)
{
  g_autoptr(GTask) task = NULL;
  SuggestionsJob *job;

  g_return_if_fail (G_IS_FILE (input));
  g_return_if_fail (G_IS_FILE (output_folder));
  g_return_if_fail (annotator_id != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  job = g_new0 (SuggestionsJob, 1);
  job->format = format;
  job->offsets = offsets;
  job->input = g_object_ref (input);
  job->output = g_object_ref (output_folder);
  job->annotator_id = g_strdup (annotator_id);
  gloss_import_summary_init (&job->summary);
  job->context = g_main_context_ref_thread_default ();
  job->progress = progress;
  job->progress_data = progress_data;
  g_mutex_init (&job->lock);
  if (progress != NULL)
    {
      job->summary.article_done = on_article_done;
      job->summary.article_done_data = job;
    }

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, gloss_import_suggestions_async);
  g_task_set_name (task, "[gloss] import suggestions");
  job->task = task;
  g_task_set_task_data (task, job, suggestions_job_free);
  g_task_run_in_thread (task, suggestions_thread);
}

gboolean
gloss_import_suggestions_finish (GAsyncResult                  *result,
                                 GlossImportSummary            *summary,
                                 GlossImportSuggestionsCounts  *counts,
                                 GError                       **error)
{
  SuggestionsJob *job;

  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == gloss_import_suggestions_async,
                        FALSE);

  job = g_task_get_task_data (G_TASK (result));
  if (summary != NULL)
    {
      /* The summary moves to the caller, without the worker's hook. */
      *summary = job->summary;
      summary->article_done = NULL;
      summary->article_done_data = NULL;
      gloss_import_summary_init (&job->summary);
    }
  if (counts != NULL)
    *counts = job->counts;

  return g_task_propagate_boolean (G_TASK (result), error);
}

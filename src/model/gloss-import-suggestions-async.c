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
  GlossFormat                   format;
  GlossOffsetUnit               offsets;
  GFile                        *input;
  GFile                        *output;
  char                         *annotator_id;
  GlossImportSummary            summary;
  GlossImportSuggestionsCounts  counts;
} SuggestionsJob;

static void
suggestions_job_free (gpointer data)
{
  SuggestionsJob *job = data;

  g_clear_object (&job->input);
  g_clear_object (&job->output);
  g_clear_pointer (&job->annotator_id, g_free);
  gloss_import_summary_clear (&job->summary);
  g_free (job);
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
gloss_import_suggestions_async (GlossFormat          format,
                                GFile               *input,
                                GFile               *output_folder,
                                const char          *annotator_id,
                                GlossOffsetUnit      offsets,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
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

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, gloss_import_suggestions_async);
  g_task_set_name (task, "[gloss] import suggestions");
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
      *summary = job->summary;
      gloss_import_summary_init (&job->summary);
    }
  if (counts != NULL)
    *counts = job->counts;

  return g_task_propagate_boolean (G_TASK (result), error);
}

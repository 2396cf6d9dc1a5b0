/* gloss-suggest-corpus.c — the sources of suggestions over a corpus, on a
 * pool of worker threads
 *
 * Each article's suggestions depend only on the article and on the
 * same-text index, which is complete before the run, so articles are
 * independent: workers take them in any order, and the calling thread
 * hands each one back once it and every one before it are done. The
 * caller gets the results in the order of the jobs, as a sequential loop
 * would give them, and may write each article's file while later ones are
 * computed; nothing of the caller's runs on a worker.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "gloss-error.h"
#include "gloss-suggestion.h"
#include "gloss-suggest-corpus.h"
#include "gloss-suggest-quotes.h"

typedef struct
{
  gboolean    done;         /* computed, or skipped after a cancel */
  GPtrArray **suggestions;  /* n_sources slots */
  GError    **errors;       /* n_sources slots */
} Result;

typedef struct
{
  GPtrArray           *jobs;
  const char * const  *sources;
  guint                n_sources;
  GlossSameTextIndex  *index;
  GCancellable        *cancellable;
  Result              *results;
  GMutex               lock;   /* guards results[].done and their slots */
  GCond                done_cond;
} Run;

static void
result_clear (Result *result,
              guint   n_sources)
{
  for (guint s = 0; result->suggestions != NULL && s < n_sources; s++)
    {
      g_clear_pointer (&result->suggestions[s], g_ptr_array_unref);
      g_clear_error (&result->errors[s]);
    }
  g_clear_pointer (&result->suggestions, g_free);
  g_clear_pointer (&result->errors, g_free);
}

static gboolean
source_known (const char         *source,
              GlossSameTextIndex *index,
              GError            **error)
{
  if (strcmp (source, GLOSS_SUGGESTION_SOURCE_QUOTES) == 0)
    return TRUE;
  if (strcmp (source, GLOSS_SUGGESTION_SOURCE_SAME_TEXT) == 0 && index != NULL)
    return TRUE;

  if (strcmp (source, GLOSS_SUGGESTION_SOURCE_SAME_TEXT) == 0)
    g_set_error (error, GLOSS_ERROR, GLOSS_ERROR_NOT_FOUND,
                 _("suggestions from the same text need the corpus’s index"));
  else
    g_set_error (error, GLOSS_ERROR, GLOSS_ERROR_NOT_FOUND,
                 _("“%s” is not a source that can be run over a corpus"), source);
  return FALSE;
}

static GPtrArray *
run_source (Run                         *run,
            const char                  *source,
            const GlossSuggestCorpusJob *job,
            GError                     **error)
{
  if (strcmp (source, GLOSS_SUGGESTION_SOURCE_SAME_TEXT) == 0)
    return gloss_suggest_same_text (job->annotations, run->index, job->key);

  return gloss_suggest_quotes (job->document, job->annotations, error);
}

/* The work of one job, on whichever thread runs it. */
static void
compute (Run    *run,
         guint   i,
         Result *result)
{
  const GlossSuggestCorpusJob *job = g_ptr_array_index (run->jobs, i);
  gboolean consistent = gloss_annotation_set_get_document (job->annotations) == job->document;

  result->suggestions = g_new0 (GPtrArray *, run->n_sources);
  result->errors = g_new0 (GError *, run->n_sources);

  for (guint s = 0; s < run->n_sources; s++)
    {
      /* Suggestions against another article's annotations would place
       * that article's spans here: this job fails, not the run. */
      if (!consistent)
        g_set_error (&result->errors[s], GLOSS_ERROR, GLOSS_ERROR_INCONSISTENT,
                     _("the annotations are not of this article"));
      else
        result->suggestions[s] = run_source (run, run->sources[s], job, &result->errors[s]);
    }
}

static void
worker (gpointer data,
        gpointer user_data)
{
  Run *run = user_data;
  guint i = GPOINTER_TO_UINT (data) - 1;
  Result result = { 0 };

  /* After a cancel the queued jobs are only marked done, so the pool
   * drains at once. */
  if (!g_cancellable_is_cancelled (run->cancellable))
    compute (run, i, &result);

  g_mutex_lock (&run->lock);
  run->results[i] = result;
  run->results[i].done = TRUE;
  g_cond_broadcast (&run->done_cond);
  g_mutex_unlock (&run->lock);
}

static void
wait_for (Run   *run,
          guint  i)
{
  g_mutex_lock (&run->lock);
  while (!run->results[i].done)
    g_cond_wait (&run->done_cond, &run->lock);
  g_mutex_unlock (&run->lock);
}

static void
hand_back (Run                    *run,
           guint                   i,
           GlossSuggestCorpusFunc  func,
           gpointer                user_data)
{
  Result *result = &run->results[i];

  func (i, g_ptr_array_index (run->jobs, i), run->n_sources, result->suggestions,
        (const GError * const *) result->errors, user_data);
  result_clear (result, run->n_sources);
}

/* A pool to run @run's jobs on, or NULL when they are better run on this
 * thread (one worker, fewer than two jobs, or no thread to be had). */
static GThreadPool *
start_pool (Run   *run,
            guint  n_workers)
{
  GThreadPool *pool;

  if (n_workers == 0)
    n_workers = g_get_num_processors ();
  n_workers = MIN (n_workers, run->jobs->len);
  if (n_workers < 2)
    return NULL;

  pool = g_thread_pool_new (worker, run, (int) n_workers, TRUE, NULL);
  if (pool == NULL)
    return NULL;

  for (guint i = 0; i < run->jobs->len; i++)
    g_thread_pool_push (pool, GUINT_TO_POINTER (i + 1), NULL);

  return pool;
}

gboolean
gloss_suggest_corpus_run (GPtrArray              *jobs,
                          const char * const     *sources,
                          GlossSameTextIndex     *index,
                          guint                   n_workers,
                          GCancellable           *cancellable,
                          GlossSuggestCorpusFunc  func,
                          gpointer                user_data,
                          GError                **error)
{
  Run run = { 0 };
  GThreadPool *pool;
  gboolean cancelled = FALSE;

  g_return_val_if_fail (jobs != NULL, FALSE);
  g_return_val_if_fail (sources != NULL, FALSE);
  g_return_val_if_fail (index == NULL || GLOSS_IS_SAME_TEXT_INDEX (index), FALSE);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), FALSE);
  g_return_val_if_fail (func != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  for (guint s = 0; sources[s] != NULL; s++)
    {
      if (!source_known (sources[s], index, error))
        return FALSE;
    }

  for (guint i = 0; i < jobs->len; i++)
    {
      const GlossSuggestCorpusJob *job = g_ptr_array_index (jobs, i);

      g_return_val_if_fail (job != NULL && GLOSS_IS_DOCUMENT (job->document), FALSE);
      g_return_val_if_fail (GLOSS_IS_ANNOTATION_SET (job->annotations), FALSE);
    }

  run.jobs = jobs;
  run.sources = sources;
  run.n_sources = g_strv_length ((char **) sources);
  run.index = index;
  run.cancellable = cancellable;
  run.results = g_new0 (Result, jobs->len);
  g_mutex_init (&run.lock);
  g_cond_init (&run.done_cond);

  pool = start_pool (&run, n_workers);

  for (guint i = 0; i < jobs->len; i++)
    {
      if (pool != NULL)
        wait_for (&run, i);
      else if (!g_cancellable_is_cancelled (cancellable))
        compute (&run, i, &run.results[i]);

      if (g_cancellable_is_cancelled (cancellable))
        {
          cancelled = TRUE;
          break;
        }
      hand_back (&run, i, func, user_data);
    }

  /* Every job finished or skipped before the results go: a worker still
   * holds a pointer into them. */
  if (pool != NULL)
    g_thread_pool_free (pool, FALSE, TRUE);

  for (guint i = 0; i < jobs->len; i++)
    result_clear (&run.results[i], run.n_sources);
  g_free (run.results);
  g_mutex_clear (&run.lock);
  g_cond_clear (&run.done_cond);

  if (cancelled)
    return !g_cancellable_set_error_if_cancelled (cancellable, error);

  return TRUE;
}

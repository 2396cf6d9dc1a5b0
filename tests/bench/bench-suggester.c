/* bench-suggester.c — what the app's suggestion runs cost the main thread
 *
 * GlossSuggester takes a snapshot of the session's annotations on the
 * main thread, runs the sources in a worker, and merges the results into
 * the suggestions file on the main thread again. On the "big" article
 * (~1 MB, 10,000 annotations in the annotator's sidecar, opened as a
 * session), each timed run is a mark made or undone and then a run, so
 * that every merge has something to change, as after a mark in the app.
 * Timed, for the follow run (same-text) and for win.suggest (quotes and
 * same-text):
 *  - the snapshot: gloss_suggester_run_async() itself;
 *  - the longest main-loop step during the run once the snapshot is
 *    taken, without the time spent waiting in poll() for the worker: the
 *    merge (and the session scheduling its write);
 *  - the whole run, wall clock, worker included.
 * The target for both main-thread parts is one frame (16 ms).
 *
 * Then follow runs after a change that changes no suggestion (not
 * merged: equal to the last run), and the first same-text run in an
 * article of a folder of 1,000 articles, whose sidecars the worker reads
 * first, and the next run.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <locale.h>
#include <stdio.h>
#include <string.h>

#include "gloss-bench.h"
#include "gloss-bench-corpus.h"

#define FRAME_MS 16

/* Time spent in poll() by the default context: waiting, not working. */
static GPollFunc real_poll;
static double    polled_ms;

static gint
timed_poll (GPollFD *fds,
            guint    n_fds,
            gint     timeout)
{
  double start = gloss_bench_now_ms ();
  gint result = real_poll (fds, n_fds, timeout);

  polled_ms += gloss_bench_now_ms () - start;
  return result;
}

typedef struct
{
  gboolean done;
  gboolean ok;
  guint    n_added;
  GError  *error;
} Outcome;

static void
on_done (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  Outcome *outcome = user_data;

  outcome->ok = gloss_suggester_run_finish (GLOSS_SUGGESTER (source), result, &outcome->n_added,
                                            &outcome->error);
  outcome->done = TRUE;
}

/* One run: its snapshot, its longest main-thread step after that, and
 * the whole. FALSE when it failed. */
static gboolean
run_once (GlossSuggester     *suggester,
          const char * const *sources,
          double             *snapshot_ms,
          double             *step_ms,
          double             *total_ms,
          guint              *n_added)
{
  Outcome outcome = { 0 };
  double start = gloss_bench_now_ms ();
  double longest = 0;

  gloss_suggester_run_async (suggester, sources, NULL, on_done, &outcome);
  *snapshot_ms = gloss_bench_now_ms () - start;

  while (!outcome.done)
    {
      double step_start = gloss_bench_now_ms ();
      double polled_before = polled_ms;
      double worked;

      g_main_context_iteration (NULL, TRUE);
      worked = (gloss_bench_now_ms () - step_start) - (polled_ms - polled_before);
      longest = MAX (longest, worked);
    }

  *total_ms = gloss_bench_now_ms () - start;
  *step_ms = longest;
  *n_added = outcome.n_added;

  if (!outcome.ok)
    {
      g_printerr ("bench-suggester: %s\n", outcome.error->message);
      g_clear_error (&outcome.error);
      return FALSE;
    }
  return TRUE;
}

static guint
count_occurrences (const char *text,
                   const char *needle)
{
  guint n = 0;

  for (const char *at = strstr (text, needle); at != NULL; at = strstr (at + 1, needle))
    n++;
  return n;
}

/* A mark on a word no annotation covers whose text stands in the article
 * a few more times, or (every other time) its undo: the next same-text
 * run then differs from the last, and its merge has work to do. */
static gboolean
toggle_mark (GlossSession *session,
             guint         i)
{
  GlossAnnotationSet *set = gloss_session_get_annotations (session);
  GlossDocument *document = gloss_session_get_document (session);
  const char *text = gloss_document_get_text (document);
  guint length = gloss_document_get_length (document);
  g_autoptr(GError) error = NULL;

  if (i % 2 == 1)
    return gloss_annotation_set_undo (set, &error);

  for (guint offset = length / 3; offset < length; offset++)
    {
      g_autoptr(GPtrArray) there = gloss_annotation_set_at_offset (set, offset);
      g_autofree char *word = NULL;
      gsize from, to;
      guint end;

      if (there->len > 0 || !gloss_document_is_word_start (document, offset))
        continue;
      end = gloss_document_word_end_after (document, offset + 1);
      if (end <= offset + 3 || end > length)
        continue;
      from = gloss_document_offset_to_byte (document, offset);
      to = gloss_document_offset_to_byte (document, end);
      word = g_strndup (text + from, to - from);
      if (count_occurrences (text, word) < 5)
        continue;
      return gloss_annotation_set_create (set, "location", offset, end, &error) != NULL;
    }

  return FALSE;
}

static gboolean
bench_sources (GlossSession       *session,
               GlossSuggester     *suggester,
               const char         *what,
               const char * const *sources)
{
  double snapshots[GLOSS_BENCH_RUNS], steps[GLOSS_BENCH_RUNS], totals[GLOSS_BENCH_RUNS];
  double snapshot_ms, step_ms, total_ms;
  g_autofree char *name = NULL;
  guint n_added;

  /* Warm-up: the first run lists everything. */
  if (!run_once (suggester, sources, &snapshot_ms, &step_ms, &total_ms, &n_added))
    return FALSE;
  printf ("%s: warm-up run added %u suggestions (%u listed), merge step %.1f ms\n", what, n_added,
          g_list_model_get_n_items (gloss_suggestion_file_get_suggestions (gloss_session_get_suggestions (session))),
          step_ms);

  for (guint i = 0; i < GLOSS_BENCH_RUNS; i++)
    {
      if (!toggle_mark (session, i))
        return FALSE;
      if (!run_once (suggester, sources, &snapshots[i], &steps[i], &totals[i], &n_added))
        return FALSE;
      printf ("  run %u: %u added, %u listed, %u merges skipped so far\n", i, n_added,
              g_list_model_get_n_items (gloss_suggestion_file_get_suggestions (gloss_session_get_suggestions (session))),
              gloss_suggester_get_n_merges_skipped (suggester));
    }

  name = g_strdup_printf ("%s: snapshot (main thread), 10,000 annotations", what);
  gloss_bench_report (name, snapshots, GLOSS_BENCH_RUNS, FRAME_MS);
  g_free (name);
  name = g_strdup_printf ("%s: longest main-thread step after it (the merge)", what);
  gloss_bench_report (name, steps, GLOSS_BENCH_RUNS, FRAME_MS);
  g_free (name);
  name = g_strdup_printf ("%s: whole run, worker included", what);
  gloss_bench_report (name, totals, GLOSS_BENCH_RUNS, 0);

  return TRUE;
}

/* A follow run after a change that changes no suggestion (a note, a
 * mark of a text found once): the run equals the last one merged, and
 * is not merged again. */
static gboolean
bench_unchanged (GlossSession   *session,
                 GlossSuggester *suggester)
{
  static const char * const follow[] = { GLOSS_SUGGESTION_SOURCE_SAME_TEXT, NULL };
  double steps[GLOSS_BENCH_RUNS], totals[GLOSS_BENCH_RUNS];
  double snapshot_ms;
  guint n_added, skipped;

  /* The list as this source's last merge left it. */
  if (!run_once (suggester, follow, &snapshot_ms, &steps[0], &totals[0], &n_added))
    return FALSE;
  skipped = gloss_suggester_get_n_merges_skipped (suggester);
  for (guint i = 0; i < GLOSS_BENCH_RUNS; i++)
    {
      if (!run_once (suggester, follow, &snapshot_ms, &steps[i], &totals[i], &n_added))
        return FALSE;
    }
  printf ("unchanged: %u of %u runs not merged\n",
          gloss_suggester_get_n_merges_skipped (suggester) - skipped, GLOSS_BENCH_RUNS);
  gloss_bench_report ("follow, nothing changed: longest main-thread step after the snapshot",
                      steps, GLOSS_BENCH_RUNS, FRAME_MS);
  gloss_bench_report ("follow, nothing changed: whole run, worker included", totals, GLOSS_BENCH_RUNS, 0);
  return TRUE;
}

/* The app's first same-text run in an article of the "many" folder
 * (1,000 articles of ~5 KB, 30 annotations each): the folder's sidecars
 * are read in the worker, once; then a run with them read. */
static gboolean
bench_folder (GlossBenchCorpusOptions *options)
{
  static const char * const follow[] = { GLOSS_SUGGESTION_SOURCE_SAME_TEXT, NULL };
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = gloss_bench_make_tmp_dir (&error);
  g_autofree char *path = NULL;
  g_autoptr(GFile) folder = NULL;
  g_autoptr(GFile) article = NULL;
  g_autoptr(GlossSession) session = NULL;
  g_autoptr(GlossSuggester) suggester = NULL;
  double firsts[GLOSS_BENCH_RUNS], first_steps[GLOSS_BENCH_RUNS], thens[GLOSS_BENCH_RUNS];
  double snapshot_ms, step_ms, total_ms;
  guint n_added;
  gboolean ok = TRUE;

  if (dir == NULL || !gloss_bench_corpus_write_many (dir, GLOSS_BENCH_MANY_ARTICLES, options, &error))
    {
      g_printerr ("bench-suggester: %s\n", error->message);
      return FALSE;
    }
  folder = g_file_new_for_path (dir);
  path = g_build_filename (dir, "article-0000.txt", NULL);
  article = g_file_new_for_path (path);
  session = gloss_session_new (article, "bench", NULL, &error);
  if (session == NULL)
    {
      g_printerr ("bench-suggester: %s\n", error->message);
      return FALSE;
    }
  gloss_session_set_autosave_delay (session, 100000);

  for (guint i = 0; ok && i <= GLOSS_BENCH_RUNS; i++)
    {
      /* A new suggester each time: a new article opened. */
      g_clear_object (&suggester);
      suggester = gloss_suggester_new (session);
      gloss_suggester_set_corpus_folder (suggester, folder);
      ok = run_once (suggester, follow, &snapshot_ms, &step_ms, &total_ms, &n_added);
      if (ok && i > 0)
        {
          firsts[i - 1] = total_ms;
          first_steps[i - 1] = step_ms;
        }
      ok = ok && run_once (suggester, follow, &snapshot_ms, &step_ms, &total_ms, &n_added);
      if (ok && i > 0)
        thens[i - 1] = total_ms;
    }

  if (ok)
    {
      gloss_bench_report ("folder of 1,000 articles: first same-text run (the folder read in the worker)",
                          firsts, GLOSS_BENCH_RUNS, 0);
      gloss_bench_report ("folder of 1,000 articles: its longest main-thread step",
                          first_steps, GLOSS_BENCH_RUNS, FRAME_MS);
      gloss_bench_report ("folder of 1,000 articles: the next run (the folder kept)",
                          thens, GLOSS_BENCH_RUNS, 0);
    }

  g_clear_object (&suggester);
  g_object_add_weak_pointer (G_OBJECT (session), (gpointer *) &session);
  g_object_unref (session);
  while (session != NULL)
    g_main_context_iteration (NULL, TRUE);
  gloss_bench_remove_dir (dir);
  return ok;
}

int
main (int   argc,
      char *argv[])
{
  static const char * const follow[] = { GLOSS_SUGGESTION_SOURCE_SAME_TEXT, NULL };
  static const char * const all[] = { GLOSS_SUGGESTION_SOURCE_QUOTES, GLOSS_SUGGESTION_SOURCE_SAME_TEXT, NULL };
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GFile) article = NULL;
  g_autoptr(GlossSession) session = NULL;
  g_autoptr(GlossSuggester) suggester = NULL;
  GlossBenchCorpusOptions options;
  gboolean ok;

  setlocale (LC_ALL, "");

  real_poll = g_main_context_get_poll_func (NULL);
  g_main_context_set_poll_func (NULL, timed_poll);

  dir = gloss_bench_make_tmp_dir (&error);
  if (dir == NULL)
    return gloss_bench_fail ("%s", error->message);

  gloss_bench_corpus_options_init (&options);
  options.n_annotators = 1;
  if (!gloss_bench_corpus_write_big (dir, &options, &error))
    return gloss_bench_fail ("%s", error->message);

  path = g_build_filename (dir, "big.txt", NULL);
  article = g_file_new_for_path (path);
  session = gloss_session_new (article, "bench", NULL, &error);
  if (session == NULL)
    return gloss_bench_fail ("%s", error->message);
  /* The writes are the session's, not this benchmark's. */
  gloss_session_set_autosave_delay (session, 10000);
  printf ("big.txt: %u code points, %u annotations\n",
          gloss_document_get_length (gloss_session_get_document (session)),
          gloss_annotation_set_get_n_annotations (gloss_session_get_annotations (session)));

  suggester = gloss_suggester_new (session);
  ok = bench_sources (session, suggester, "follow (same-text)", follow)
       && bench_sources (session, suggester, "win.suggest (quotes, same-text)", all)
       && bench_unchanged (session, suggester);

  g_clear_object (&suggester);
  g_object_add_weak_pointer (G_OBJECT (session), (gpointer *) &session);
  g_object_unref (session);
  while (session != NULL)
    g_main_context_iteration (NULL, TRUE);
  gloss_bench_remove_dir (dir);

  ok = ok && bench_folder (&options);

  return ok ? 0 : gloss_bench_fail ("a run failed");
}

/* bench-suggestion-file.c — the suggestions file with 10,000 suggestions:
 * merging a run, saving, loading, and one reject or accept (a key press
 * in the app, which must leave the rest of a frame for drawing); accepting
 * all 10,000 in one step, its undo and redo; stepping to the next one
 * (F8) and finding one at a selection; filtering the list by text
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <locale.h>

#include "gloss.h"
#include "gloss-bench.h"

#define N_SUGGESTIONS   10000
#define N_ACTIONS       50
#define MERGE_TARGET_MS 200
#define SAVE_TARGET_MS  200
#define LOAD_TARGET_MS  200
/* Half a 60 Hz frame. */
#define ACTION_TARGET_MS 8
/* What an autosave holds the main thread for, its snapshot (the rest in a
 * worker thread): an action's share of a frame too. */
#define SNAPSHOT_TARGET_MS ACTION_TARGET_MS
/* Accept All Shown with all 10,000 shown, and its undo: one action, a
 * pause the person sees but does not wait on. */
#define ACCEPT_ALL_TARGET_MS 250
/* Filtering the whole list again, per key typed in the filter's field. */
#define FILTER_TARGET_MS 8
/* F8 and a label key on a selection: far below a frame. */
#define FIND_TARGET_MS 0.1

typedef struct
{
  gboolean done;
  gboolean saved;
  GError  *error;
} Saved;

static void
on_saved (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  Saved *saved = user_data;

  saved->saved = gloss_suggestion_file_save_finish (GLOSS_SUGGESTION_FILE (object), result,
                                                    &saved->error);
  saved->done = TRUE;
}

/* The autosave's way: the snapshot on this thread (@snapshot_ms, until
 * save_async() returns), the rest in a worker (@whole_ms, until it has
 * landed). */
static gboolean
bench_save_async (GlossSuggestionFile *suggestions,
                  double              *snapshot_ms,
                  double              *whole_ms,
                  GError             **error)
{
  Saved saved = { 0 };
  double t0, t1;

  t0 = gloss_bench_now_ms ();
  gloss_suggestion_file_save_async (suggestions, NULL, on_saved, &saved);
  t1 = gloss_bench_now_ms ();
  while (!saved.done)
    g_main_context_iteration (NULL, TRUE);
  *whole_ms = gloss_bench_now_ms () - t0;
  *snapshot_ms = t1 - t0;

  if (!saved.saved)
    g_propagate_error (error, saved.error);
  return saved.saved;
}

/* "Name0 met Name1 met …": a name every other word. */
static char *
make_article (void)
{
  GString *text = g_string_new ("Headline\n");

  for (guint i = 0; i < N_SUGGESTIONS; i++)
    g_string_append_printf (text, "Name%u said. ", i);
  g_string_append_c (text, '\n');

  return g_string_free (text, FALSE);
}

static GPtrArray *
make_run (GlossDocument *document)
{
  const char *text = gloss_document_get_text (document);
  GPtrArray *run = g_ptr_array_new_with_free_func (g_object_unref);
  const char *at = text;

  while ((at = strstr (at, "Name")) != NULL)
    {
      const char *end = at;
      guint start;
      g_autofree char *exact = NULL;
      GlossSuggestion *suggestion;

      while (*end != ' ')
        end++;
      start = gloss_document_byte_to_offset (document, at - text);
      exact = g_strndup (at, end - at);
      suggestion = gloss_suggestion_new (GLOSS_SUGGESTION_SOURCE_SAME_TEXT, "person", start,
                                         start + (end - at), exact);
      gloss_suggestion_set_score (suggestion, 0.5 + (run->len % 50) / 100.0);
      g_ptr_array_add (run, suggestion);
      at = end;
    }

  return run;
}

/* Accept all 10,000 in one step, undo it (all listed again), redo it. */
static gboolean
bench_accept_all (GlossDocument *document,
                  GPtrArray     *run,
                  double        *accept_ms,
                  double        *undo_ms,
                  double        *redo_ms,
                  GError       **error)
{
  g_autoptr(GlossSuggestionFile) suggestions = gloss_suggestion_file_new_for_document (document, "bench");
  g_autoptr(GlossAnnotationSet) set = gloss_annotation_set_new (document);
  GListModel *model = gloss_suggestion_file_get_suggestions (suggestions);
  g_autoptr(GPtrArray) all = g_ptr_array_new_with_free_func (g_object_unref);
  guint accepted = 0;
  double t0, t1, t2, t3;

  if (!gloss_suggestion_file_merge_run (suggestions, GLOSS_SUGGESTION_SOURCE_SAME_TEXT, run, set,
                                        NULL, error))
    return FALSE;
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    g_ptr_array_add (all, g_list_model_get_item (model, i));

  t0 = gloss_bench_now_ms ();
  if (!gloss_suggestion_file_accept_all (suggestions, all, set, &accepted, NULL, error))
    return FALSE;
  t1 = gloss_bench_now_ms ();
  gloss_annotation_set_undo (set, NULL);
  t2 = gloss_bench_now_ms ();
  gloss_annotation_set_redo (set, NULL);
  t3 = gloss_bench_now_ms ();

  if (accepted != N_SUGGESTIONS || gloss_annotation_set_get_n_annotations (set) != N_SUGGESTIONS
      || g_list_model_get_n_items (model) != 0)
    {
      g_set_error (error, GLOSS_ERROR, GLOSS_ERROR_FAILED, "accept all: %u accepted, %u listed after",
                   accepted, g_list_model_get_n_items (model));
      return FALSE;
    }

  *accept_ms = t1 - t0;
  *undo_ms = t2 - t1;
  *redo_ms = t3 - t2;
  return TRUE;
}

/* The whole list through a text filter as the person types "name12":
 * the first pass folds each suggestion's text, later ones reuse it. */
static void
bench_filter (GlossSuggestionFile *suggestions,
              double              *first_ms,
              double              *typing_ms,
              guint               *n_typing)
{
  static const char * const typed[] = { "n", "na", "nam", "name", "name1", "name12", "NAME1" };
  GListModel *model = gloss_suggestion_file_get_suggestions (suggestions);
  guint n = g_list_model_get_n_items (model);
  g_autoptr(GlossSuggestionFilter) filter = gloss_suggestion_filter_new ();
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);

  /* Suggestions new to the filter (those of the file are cached already
   * after an earlier pass). */
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GlossSuggestion) listed = g_list_model_get_item (model, i);

      g_ptr_array_add (items, gloss_suggestion_new (gloss_suggestion_get_source (listed),
                                                    gloss_suggestion_get_label (listed),
                                                    gloss_suggestion_get_start (listed),
                                                    gloss_suggestion_get_end (listed),
                                                    gloss_suggestion_get_exact (listed)));
    }

  *n_typing = 0;
  for (guint k = 0; k < G_N_ELEMENTS (typed); k++)
    {
      guint matched = 0;
      double t0, t1;

      gloss_suggestion_filter_set_text (filter, typed[k]);
      t0 = gloss_bench_now_ms ();
      for (guint i = 0; i < items->len; i++)
        matched += gloss_suggestion_filter_matches (filter, g_ptr_array_index (items, i));
      t1 = gloss_bench_now_ms ();

      if (k == 0)
        *first_ms = t1 - t0;
      else
        typing_ms[(*n_typing)++] = t1 - t0;
      g_assert (matched > 0);
    }
}

/* F8 from a caret and a label key on a selection: one lookup each; F8
 * with a filter that hides every one (the whole list walked). */
static void
bench_find (GlossSuggestionFile *suggestions,
            double              *next_ms,
            double              *at_ms,
            double              *hidden_ms)
{
  GListModel *model = gloss_suggestion_file_get_suggestions (suggestions);
  guint n = g_list_model_get_n_items (model);
  g_autoptr(GlossSuggestionFilter) nothing = gloss_suggestion_filter_new ();

  gloss_suggestion_filter_set_text (nothing, "nobody");

  for (guint k = 0; k < N_ACTIONS; k++)
    {
      g_autoptr(GlossSuggestion) target = g_list_model_get_item (model, (k * 197) % n);
      guint start = gloss_suggestion_get_start (target);
      guint end = gloss_suggestion_get_end (target);
      guint position;
      double t0, t1, t2;

      t0 = gloss_bench_now_ms ();
      position = gloss_suggestion_file_find_next (suggestions, start, k % 2 == 0, TRUE);
      t1 = gloss_bench_now_ms ();
      g_assert (gloss_suggestion_file_find_at (suggestions, start, end) == target);
      t2 = gloss_bench_now_ms ();
      g_assert (position != G_MAXUINT);

      next_ms[k] = t1 - t0;
      at_ms[k] = t2 - t1;

      t0 = gloss_bench_now_ms ();
      position = gloss_suggestion_file_find_next_shown (suggestions, start, k % 2 == 0, TRUE, nothing);
      t1 = gloss_bench_now_ms ();
      g_assert (position == G_MAXUINT);
      hidden_ms[k] = t1 - t0;
    }
}

static int
run_benchmark (const char *dir)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *article = make_article ();
  g_autofree char *path = g_build_filename (dir, "names.txt", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GlossDocument) document = NULL;
  g_autoptr(GPtrArray) run = NULL;
  double merge_ms[GLOSS_BENCH_RUNS], save_ms[GLOSS_BENCH_RUNS], load_ms[GLOSS_BENCH_RUNS];
  double snapshot_ms[GLOSS_BENCH_RUNS], save_async_ms[GLOSS_BENCH_RUNS];
  double reject_ms[N_ACTIONS], accept_ms[N_ACTIONS];
  double accept_all_ms[GLOSS_BENCH_RUNS], undo_all_ms[GLOSS_BENCH_RUNS], redo_all_ms[GLOSS_BENCH_RUNS];
  double filter_first_ms[GLOSS_BENCH_RUNS], filter_typing_ms[GLOSS_BENCH_RUNS * 8];
  double next_ms[N_ACTIONS], at_ms[N_ACTIONS], hidden_ms[N_ACTIONS];
  guint n_typing = 0;

  if (!g_file_set_contents (path, article, -1, &error))
    return gloss_bench_fail ("%s", error->message);
  document = gloss_document_new_from_file (file, NULL, &error);
  if (document == NULL)
    return gloss_bench_fail ("%s", error->message);
  run = make_run (document);
  if (run->len != N_SUGGESTIONS)
    return gloss_bench_fail ("%u suggestions made, not %d", run->len, N_SUGGESTIONS);

  for (int i = -1; i < GLOSS_BENCH_RUNS; i++)
    {
      g_autoptr(GlossSuggestionFile) suggestions = gloss_suggestion_file_new_for_document (document, "bench");
      g_autoptr(GlossSuggestionFile) loaded = gloss_suggestion_file_new_for_document (document, "bench");
      g_autoptr(GlossAnnotationSet) set = gloss_annotation_set_new (document);
      double t0, t1, t2, t3;

      t0 = gloss_bench_now_ms ();
      if (!gloss_suggestion_file_merge_run (suggestions, GLOSS_SUGGESTION_SOURCE_SAME_TEXT, run, set,
                                            NULL, &error))
        return gloss_bench_fail ("%s", error->message);
      t1 = gloss_bench_now_ms ();
      if (!gloss_suggestion_file_save (suggestions, &error))
        return gloss_bench_fail ("%s", error->message);
      t2 = gloss_bench_now_ms ();
      if (!gloss_suggestion_file_load (loaded, NULL, &error))
        return gloss_bench_fail ("%s", error->message);
      t3 = gloss_bench_now_ms ();

      if (g_list_model_get_n_items (gloss_suggestion_file_get_suggestions (loaded)) != N_SUGGESTIONS)
        return gloss_bench_fail ("the file read back does not hold every suggestion");

      if (i >= 0)
        {
          guint n = 0;

          merge_ms[i] = t1 - t0;
          save_ms[i] = t2 - t1;
          load_ms[i] = t3 - t2;

          if (!bench_save_async (suggestions, &snapshot_ms[i], &save_async_ms[i], &error))
            return gloss_bench_fail ("%s", error->message);

          if (!bench_accept_all (document, run, &accept_all_ms[i], &undo_all_ms[i], &redo_all_ms[i], &error))
            return gloss_bench_fail ("%s", error->message);
          bench_filter (loaded, &filter_first_ms[i], filter_typing_ms + n_typing, &n);
          n_typing += n;
        }
      if (i == GLOSS_BENCH_RUNS - 1)
        bench_find (loaded, next_ms, at_ms, hidden_ms);

      /* One action at a time, as the person takes them, in the middle of
       * the list. */
      if (i == GLOSS_BENCH_RUNS - 1)
        {
          GListModel *model = gloss_suggestion_file_get_suggestions (loaded);

          for (guint k = 0; k < N_ACTIONS; k++)
            {
              g_autoptr(GlossSuggestion) rejected = g_list_model_get_item (model, N_SUGGESTIONS / 2);
              g_autoptr(GlossSuggestion) accepted = g_list_model_get_item (model, N_SUGGESTIONS / 3);
              double a0, a1, a2;

              a0 = gloss_bench_now_ms ();
              if (!gloss_suggestion_file_reject (loaded, rejected, &error))
                return gloss_bench_fail ("%s", error->message);
              a1 = gloss_bench_now_ms ();
              if (gloss_suggestion_file_accept (loaded, accepted, NULL, set, &error) == NULL)
                return gloss_bench_fail ("%s", error->message);
              a2 = gloss_bench_now_ms ();

              reject_ms[k] = a1 - a0;
              accept_ms[k] = a2 - a1;
            }
        }
    }

  gloss_bench_report ("merge a run of 10,000 suggestions", merge_ms, GLOSS_BENCH_RUNS, MERGE_TARGET_MS);
  gloss_bench_report ("save 10,000 suggestions", save_ms, GLOSS_BENCH_RUNS, SAVE_TARGET_MS);
  gloss_bench_report ("save 10,000 in a thread: snapshot (main thread)", snapshot_ms, GLOSS_BENCH_RUNS,
                      SNAPSHOT_TARGET_MS);
  gloss_bench_report ("save 10,000 in a thread: until written", save_async_ms, GLOSS_BENCH_RUNS,
                      SAVE_TARGET_MS);
  gloss_bench_report ("load 10,000 suggestions", load_ms, GLOSS_BENCH_RUNS, LOAD_TARGET_MS);
  gloss_bench_report ("reject one of 10,000", reject_ms, N_ACTIONS, ACTION_TARGET_MS);
  gloss_bench_report ("accept one of 10,000", accept_ms, N_ACTIONS, ACTION_TARGET_MS);
  gloss_bench_report ("accept all 10,000 (one step)", accept_all_ms, GLOSS_BENCH_RUNS, ACCEPT_ALL_TARGET_MS);
  gloss_bench_report ("undo accepting all 10,000", undo_all_ms, GLOSS_BENCH_RUNS, ACCEPT_ALL_TARGET_MS);
  gloss_bench_report ("redo accepting all 10,000", redo_all_ms, GLOSS_BENCH_RUNS, ACCEPT_ALL_TARGET_MS);
  gloss_bench_report ("filter 10,000 by text, first (folding each)", filter_first_ms, GLOSS_BENCH_RUNS,
                      FILTER_TARGET_MS);
  gloss_bench_report ("filter 10,000 by text, typing on", filter_typing_ms, n_typing, FILTER_TARGET_MS);
  gloss_bench_report ("find the next of 10,000 (F8)", next_ms, N_ACTIONS, FIND_TARGET_MS);
  gloss_bench_report ("find one of 10,000 at a span", at_ms, N_ACTIONS, FIND_TARGET_MS);
  gloss_bench_report ("find the next shown, 10,000 hidden", hidden_ms, N_ACTIONS, ACTION_TARGET_MS);

  return 0;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  int status;

  setlocale (LC_ALL, "");

  dir = gloss_bench_make_tmp_dir (&error);
  if (dir == NULL)
    return gloss_bench_fail ("%s", error->message);

  status = run_benchmark (dir);
  gloss_bench_remove_dir (dir);

  return status;
}

/* bench-suggestion-file.c — the suggestions file with 10,000 suggestions:
 * merging a run, saving, loading, and one reject or accept (a key press
 * in the app, which must leave the rest of a frame for drawing)
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
  double reject_ms[N_ACTIONS], accept_ms[N_ACTIONS];

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
          merge_ms[i] = t1 - t0;
          save_ms[i] = t2 - t1;
          load_ms[i] = t3 - t2;
        }

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
  gloss_bench_report ("load 10,000 suggestions", load_ms, GLOSS_BENCH_RUNS, LOAD_TARGET_MS);
  gloss_bench_report ("reject one of 10,000", reject_ms, N_ACTIONS, ACTION_TARGET_MS);
  gloss_bench_report ("accept one of 10,000", accept_ms, N_ACTIONS, ACTION_TARGET_MS);

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

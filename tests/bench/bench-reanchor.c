/* bench-reanchor.c — load a 10,000-annotation sidecar after its article changed
 *
 * A sentence is inserted in the first paragraph of the 1 MB article, so the
 * hash no longer matches and all but a handful of annotations have to be
 * found again further along: the common case after a reporter's late edit.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gloss-bench.h"
#include "gloss-bench-corpus.h"

#define TARGET_MS 200

static const char inserted_sentence[] =
  "The council had promised a decision by Friday — it did not come.";

static GlossSidecar *
load (GFile          *article_file,
      GFile          *sidecar_file,
      GlossLabelSet  *labels,
      GError        **error)
{
  g_autoptr(GlossDocument) document = NULL;
  g_autoptr(GlossSidecar) sidecar = NULL;

  document = gloss_document_new_from_file (article_file, NULL, error);
  if (document == NULL)
    return NULL;

  sidecar = gloss_sidecar_new (sidecar_file, document);
  if (!gloss_sidecar_load (sidecar, labels, NULL, error))
    return NULL;

  return g_steal_pointer (&sidecar);
}

/* Inserts the sentence before the last sentence of the first paragraph
 * (past the headline), so the paragraph's earlier spans stay where they
 * were and all later ones move, and writes the article back. Returns, in
 * code points, where the insertion is and how long it is. */
static gboolean
edit_article (const char  *path,
              guint       *at,
              guint       *shift,
              GError     **error)
{
  g_autofree char *text = NULL;
  g_autoptr(GString) edited = NULL;
  const char *paragraph, *paragraph_end, *insert = NULL;
  gsize length;

  if (!g_file_get_contents (path, &text, &length, error))
    return FALSE;

  paragraph = strstr (text, "\n\n");
  paragraph_end = paragraph != NULL ? strstr (paragraph + 2, "\n\n") : NULL;
  if (paragraph_end == NULL)
    {
      g_set_error (error, GLOSS_ERROR, GLOSS_ERROR_FAILED,
                   "%s: no first paragraph after the headline", path);
      return FALSE;
    }

  /* A sentence starts after ". " or ".” " (a quote closing it). */
  for (const char *p = paragraph + 2; p < paragraph_end; p++)
    if (*p == '.' && (g_str_has_prefix (p, ". ") || g_str_has_prefix (p, ".” ")))
      insert = strchr (p, ' ') + 1;

  if (insert == NULL || insert > paragraph_end)
    {
      g_set_error (error, GLOSS_ERROR, GLOSS_ERROR_FAILED,
                   "%s: no sentence break in the first paragraph", path);
      return FALSE;
    }

  edited = g_string_new_len (text, insert - text);
  g_string_append (edited, inserted_sentence);
  g_string_append_c (edited, ' ');
  g_string_append (edited, insert);

  *at = g_utf8_strlen (text, insert - text);
  *shift = g_utf8_strlen (inserted_sentence, -1) + 1;

  return g_file_set_contents (path, edited->str, edited->len, error);
}

/* id → start of every annotation, as saved. */
static GHashTable *
collect_starts (GlossSidecar *sidecar)
{
  GListModel *model = G_LIST_MODEL (gloss_sidecar_get_annotations (sidecar));
  GHashTable *starts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(GlossAnnotation) annotation = g_list_model_get_item (model, i);

      g_hash_table_insert (starts, g_strdup (gloss_annotation_get_id (annotation)),
                           GUINT_TO_POINTER (gloss_annotation_get_start (annotation)));
    }

  return starts;
}

/* Every annotation must land where the insertion pushed it, holding its
 * text: re-anchoring that is fast but wrong would be no result at all. */
static guint
count_misplaced (GlossSidecar *sidecar,
                 GHashTable   *old_starts,
                 guint         at,
                 guint         shift)
{
  GlossAnnotationSet *set = gloss_sidecar_get_annotations (sidecar);
  GlossDocument *document = gloss_sidecar_get_document (sidecar);
  GListModel *model = G_LIST_MODEL (set);
  guint misplaced = 0;

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(GlossAnnotation) annotation = g_list_model_get_item (model, i);
      guint old = GPOINTER_TO_UINT (g_hash_table_lookup (old_starts,
                                                         gloss_annotation_get_id (annotation)));
      guint expected = old >= at ? old + shift : old;

      if (gloss_annotation_get_start (annotation) != expected
          || !gloss_document_slice_equals (document,
                                           gloss_annotation_get_start (annotation),
                                           gloss_annotation_get_end (annotation),
                                           gloss_annotation_get_exact (annotation)))
        misplaced++;
    }

  return misplaced;
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) old_starts = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *article_path = NULL;
  g_autofree char *sidecar_path = NULL;
  g_autoptr(GFile) article_file = NULL;
  g_autoptr(GFile) sidecar_file = NULL;
  g_autoptr(GlossLabelSet) labels = gloss_label_set_get_builtin ();
  GlossAnchorReport report = { 0 };
  GlossBenchCorpusOptions options;
  double samples[GLOSS_BENCH_RUNS];
  guint at = 0, shift = 0, misplaced = 0, n_placed = 0;
  int status = EXIT_SUCCESS;

  setlocale (LC_ALL, "");
  g_set_prgname ("bench-reanchor");
  gloss_bench_corpus_options_init (&options);

  dir = gloss_bench_make_tmp_dir (&error);
  if (dir == NULL)
    return gloss_bench_fail ("%s", error->message);

  if (!gloss_bench_corpus_write_big (dir, &options, &error))
    {
      status = gloss_bench_fail ("generating the corpus: %s", error->message);
      goto out;
    }

  article_path = g_build_filename (dir, GLOSS_BENCH_BIG_NAME, NULL);
  sidecar_path = g_strconcat (article_path, "." GLOSS_BENCH_ANNOTATOR GLOSS_SIDECAR_SUFFIX, NULL);
  article_file = g_file_new_for_path (article_path);
  sidecar_file = g_file_new_for_path (sidecar_path);

  /* Where everything was before the edit, to check the result against. */
  {
    g_autoptr(GlossSidecar) before = load (article_file, sidecar_file, labels, &error);

    if (before == NULL)
      {
        status = gloss_bench_fail ("loading before the edit: %s", error->message);
        goto out;
      }
    old_starts = collect_starts (before);
  }

  if (!edit_article (article_path, &at, &shift, &error))
    {
      status = gloss_bench_fail ("%s", error->message);
      goto out;
    }

  /* The sidecar is never saved, so every run re-anchors from scratch. */
  for (int run = 0; run <= GLOSS_BENCH_RUNS; run++)
    {
      g_autoptr(GlossSidecar) sidecar = NULL;
      double start = gloss_bench_now_ms ();

      sidecar = load (article_file, sidecar_file, labels, &error);
      if (run > 0)
        samples[run - 1] = gloss_bench_now_ms () - start;

      if (sidecar == NULL)
        {
          status = gloss_bench_fail ("%s", error->message);
          goto out;
        }

      if (!gloss_sidecar_was_reanchored (sidecar))
        {
          status = gloss_bench_fail ("the edited article was not noticed (no re-anchoring)");
          goto out;
        }

      report = *gloss_sidecar_get_anchor_report (sidecar);
      n_placed = gloss_annotation_set_get_n_annotations (gloss_sidecar_get_annotations (sidecar));
      if (run == 0)
        misplaced = count_misplaced (sidecar, old_starts, at, shift);
    }

  gloss_bench_report ("load+re-anchor 10,000 annotations (1 MB article, sentence inserted near the start)",
                      samples, GLOSS_BENCH_RUNS, TARGET_MS);
  printf ("  anchor report: %u kept, %u moved, %u repaired, %u orphaned; %u placed, %u misplaced\n",
          report.kept, report.moved, report.repaired, report.orphaned, n_placed, misplaced);

  if (report.kept + report.moved + report.repaired + report.orphaned != GLOSS_BENCH_BIG_ANNOTATIONS)
    status = gloss_bench_fail ("the anchor report accounts for %u annotations, not %u",
                               report.kept + report.moved + report.repaired + report.orphaned,
                               GLOSS_BENCH_BIG_ANNOTATIONS);
  else if (misplaced > 0)
    status = gloss_bench_fail ("%u annotations were placed somewhere other than where the edit moved them",
                               misplaced);
  else if (report.orphaned > 0)
    printf ("  note: one inserted sentence should orphan nothing\n");

out:
  gloss_bench_remove_dir (dir);
  return status;
}

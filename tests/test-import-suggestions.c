/* test-import-suggestions.c — another tool's predictions (JSONL, doccano,
 * brat) imported as suggestions of source "import": scores, rejections
 * that stay, the annotator's sidecar read and never written, problems
 * located
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include <glib/gstdio.h>
#include <string.h>

#include "gloss.h"
#include "gloss-test-utils.h"

#define TEXT "Ann Lee met Bob Ray in Paris."

typedef struct
{
  char  *dir;
  GFile *folder;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->dir = g_dir_make_tmp ("test-import-suggestions-XXXXXX", NULL);
  g_assert_nonnull (f->dir);
  f->folder = g_file_new_for_path (f->dir);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  gloss_test_remove_tree (f->dir);
  g_clear_object (&f->folder);
  g_free (f->dir);
}

static GFile *
write_input (Fixture    *f,
             const char *name,
             const char *contents)
{
  g_autofree char *path = g_build_filename (f->dir, name, NULL);

  g_assert_true (g_file_set_contents (path, contents, -1, NULL));
  return g_file_new_for_path (path);
}

/* Imports @input as suggestions for alice into @f's "out" folder. */
static void
import (Fixture                      *f,
        GlossFormat                   format,
        GFile                        *input,
        GlossImportSummary           *summary,
        GlossImportSuggestionsCounts *counts)
{
  g_autoptr(GFile) out = g_file_get_child (f->folder, "out");
  g_autoptr(GError) error = NULL;

  g_assert_true (gloss_import_suggestions (format, input, out, "alice",
                                           format == GLOSS_FORMAT_BRAT || format == GLOSS_FORMAT_JSONL
                                           ? GLOSS_OFFSETS_CODE_POINTS : GLOSS_OFFSETS_UTF16,
                                           summary, counts, NULL, &error));
  g_assert_no_error (error);
}

/* The suggestions file of alice for @article in "out", loaded. */
static GlossSuggestionFile *
load_suggestions (Fixture    *f,
                  const char *article)
{
  g_autofree char *path = g_build_filename (f->dir, "out", article, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GlossDocument) document = gloss_document_new_from_file (file, NULL, NULL);
  GlossSuggestionFile *suggestions;

  g_assert_nonnull (document);
  suggestions = gloss_suggestion_file_new_for_document (document, "alice");
  g_assert_true (gloss_suggestion_file_load (suggestions, NULL, NULL));
  return suggestions;
}

static GlossSuggestion *
nth (GlossSuggestionFile *file,
     guint                i)
{
  GListModel *list = gloss_suggestion_file_get_suggestions (file);

  g_autoptr(GlossSuggestion) suggestion = NULL;

  g_assert_cmpuint (i, <, g_list_model_get_n_items (list));
  suggestion = g_list_model_get_item (list, i);
  /* The file keeps it alive. */
  return suggestion;
}

static void
test_from_annotations (void)
{
  g_autoptr(GlossDocument) document = gloss_document_new_from_text (TEXT, -1, NULL);
  g_autoptr(GPtrArray) annotations = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GHashTable) scores = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  g_autoptr(GPtrArray) suggestions = NULL;
  GlossAnnotation *annotation;
  double *score = g_new (double, 1);
  double *high = g_new (double, 1);
  double value;

  annotation = gloss_annotation_new ("a-1", "PER", 0, 7);
  gloss_annotation_set_exact (annotation, "Ann Lee");
  g_ptr_array_add (annotations, annotation);
  annotation = gloss_annotation_new ("a-2", "LOC", 23, 28);
  gloss_annotation_set_exact (annotation, "Paris");
  g_ptr_array_add (annotations, annotation);
  annotation = gloss_annotation_new ("a-3", "PER", 12, 15);
  gloss_annotation_set_exact (annotation, "Bob");
  g_ptr_array_add (annotations, annotation);
  *score = 0.75;
  g_hash_table_insert (scores, (gpointer) "a-1", score);
  *high = 7.0;
  g_hash_table_insert (scores, (gpointer) "a-3", high);

  suggestions = gloss_import_suggestions_from_annotations (document, annotations, scores);
  g_assert_cmpuint (suggestions->len, ==, 3);
  g_assert_cmpstr (gloss_suggestion_get_source (suggestions->pdata[0]), ==, GLOSS_SUGGESTION_SOURCE_IMPORT);
  g_assert_cmpstr (gloss_suggestion_get_label (suggestions->pdata[0]), ==, "PER");
  g_assert_cmpuint (gloss_suggestion_get_start (suggestions->pdata[0]), ==, 0);
  g_assert_cmpuint (gloss_suggestion_get_end (suggestions->pdata[0]), ==, 7);
  g_assert_cmpstr (gloss_suggestion_get_exact (suggestions->pdata[0]), ==, "Ann Lee");
  g_assert_true (gloss_suggestion_get_score (suggestions->pdata[0], &value));
  g_assert_cmpfloat (value, ==, 0.75);
  /* No score given: none made up. */
  g_assert_false (gloss_suggestion_get_score (suggestions->pdata[1], &value));
  /* Out of [0, 1]: clamped. */
  g_assert_true (gloss_suggestion_get_score (suggestions->pdata[2], &value));
  g_assert_cmpfloat (value, ==, 1.0);

  /* No table: no scores. */
  g_clear_pointer (&suggestions, g_ptr_array_unref);
  suggestions = gloss_import_suggestions_from_annotations (document, annotations, NULL);
  g_assert_cmpuint (suggestions->len, ==, 3);
  g_assert_false (gloss_suggestion_get_score (suggestions->pdata[0], &value));
}

static void
test_jsonl (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GFile) input = write_input (f, "p.jsonl",
    "{\"id\": \"a1\", \"text\": \"" TEXT "\", \"spans\": ["
    "{\"id\": \"e1\", \"start\": 0, \"end\": 7, \"label\": \"PER\", \"score\": 0.9},"
    "{\"start\": 23, \"end\": 28, \"label\": \"LOC\", \"score\": 1.5},"
    "{\"start\": 23, \"end\": 40, \"label\": \"LOC\", \"score\": 0.5}],"
    " \"relations\": [{\"type\": \"knows\", \"from\": \"e1\", \"to\": \"a-2\"}]}\n");
  g_auto(GlossImportSummary) summary;
  GlossImportSuggestionsCounts counts = { 0 };
  g_autoptr(GlossSuggestionFile) file = NULL;
  g_autofree char *sidecar = g_build_filename (f->dir, "out", "a1.txt.alice.gloss.json", NULL);
  g_autofree char *article = g_build_filename (f->dir, "out", "a1.txt", NULL);
  g_autofree char *text = NULL;
  double score;

  gloss_import_summary_init (&summary);
  import (f, GLOSS_FORMAT_JSONL, input, &summary, &counts);

  /* The span off the text: reported with its file, line and own id; a
   * score past 1 too (the span is kept, without it). */
  g_assert_cmpuint (summary.problems->len, ==, 2);
  g_assert_nonnull (strstr (summary.problems->pdata[0], "p.jsonl:1: span a-3 (spans[2])"));
  g_assert_nonnull (strstr (summary.problems->pdata[1],
                            "p.jsonl:1: span a-2: “score” is not a number from 0 to 1"));
  g_assert_cmpuint (counts.suggested, ==, 2);
  g_assert_cmpuint (counts.added, ==, 2);
  g_assert_cmpuint (counts.files, ==, 1);

  g_assert_true (g_file_get_contents (article, &text, NULL, NULL));
  g_assert_cmpstr (text, ==, TEXT);
  /* Never a sidecar. */
  g_assert_false (g_file_test (sidecar, G_FILE_TEST_EXISTS));

  file = load_suggestions (f, "a1.txt");
  g_assert_cmpuint (g_list_model_get_n_items (gloss_suggestion_file_get_suggestions (file)), ==, 2);
  g_assert_cmpstr (gloss_suggestion_get_label (nth (file, 0)), ==, "PER");
  g_assert_true (gloss_suggestion_get_score (nth (file, 0), &score));
  g_assert_cmpfloat (score, ==, 0.9);
  g_assert_cmpstr (gloss_suggestion_get_exact (nth (file, 1)), ==, "Paris");
  g_assert_false (gloss_suggestion_get_score (nth (file, 1), &score));
}

static void
test_rejected_stay (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GFile) input = write_input (f, "p.jsonl",
    "{\"id\": \"a1\", \"text\": \"" TEXT "\", \"spans\": ["
    "{\"start\": 0, \"end\": 7, \"label\": \"PER\", \"score\": 0.9},"
    "{\"start\": 23, \"end\": 28, \"label\": \"LOC\"}]}\n");
  g_auto(GlossImportSummary) summary;
  GlossImportSuggestionsCounts counts = { 0 };
  g_autoptr(GlossSuggestionFile) file = NULL;
  g_autoptr(GlossSuggestionFile) again = NULL;
  g_autoptr(GError) error = NULL;

  gloss_import_summary_init (&summary);
  import (f, GLOSS_FORMAT_JSONL, input, &summary, &counts);
  g_assert_cmpuint (summary.problems->len, ==, 0);

  file = load_suggestions (f, "a1.txt");
  g_assert_true (gloss_suggestion_file_reject (file, nth (file, 0), &error));
  g_assert_no_error (error);
  g_assert_true (gloss_suggestion_file_save (file, &error));
  g_assert_no_error (error);

  counts = (GlossImportSuggestionsCounts) { 0 };
  import (f, GLOSS_FORMAT_JSONL, input, &summary, &counts);
  g_assert_cmpuint (summary.problems->len, ==, 0);
  g_assert_cmpuint (counts.suggested, ==, 2);
  g_assert_cmpuint (counts.added, ==, 0);

  again = load_suggestions (f, "a1.txt");
  g_assert_cmpuint (g_list_model_get_n_items (gloss_suggestion_file_get_suggestions (again)), ==, 1);
  g_assert_cmpstr (gloss_suggestion_get_exact (nth (again, 0)), ==, "Paris");
  g_assert_cmpuint (gloss_suggestion_file_get_rejected (again)->len, ==, 1);
}

static void
test_sidecar_read_only (Fixture       *f,
                        gconstpointer  data)
{
  /* alice's own work first, by the ordinary import. */
  g_autoptr(GFile) own = write_input (f, "own.jsonl",
    "{\"id\": \"a1\", \"text\": \"" TEXT "\", \"spans\": ["
    "{\"start\": 23, \"end\": 28, \"label\": \"LOC\"}]}\n");
  g_autoptr(GFile) input = write_input (f, "p.jsonl",
    "{\"id\": \"a1\", \"text\": \"" TEXT "\", \"spans\": ["
    "{\"start\": 0, \"end\": 7, \"label\": \"PER\"},"
    "{\"start\": 23, \"end\": 28, \"label\": \"LOC\", \"score\": 0.3}]}\n");
  g_autoptr(GFile) out = g_file_get_child (f->folder, "out");
  g_autofree char *sidecar = g_build_filename (f->dir, "out", "a1.txt.alice.gloss.json", NULL);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_auto(GlossImportSummary) summary;
  GlossImportSuggestionsCounts counts = { 0 };
  g_autoptr(GlossSuggestionFile) file = NULL;
  g_autoptr(GError) error = NULL;

  gloss_import_summary_init (&summary);
  g_assert_true (gloss_import_jsonl (own, GLOSS_FORMAT_JSONL, out, "alice", GLOSS_OFFSETS_CODE_POINTS,
                                     &summary, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (sidecar, &before, NULL, NULL));

  import (f, GLOSS_FORMAT_JSONL, input, &summary, &counts);
  g_assert_cmpuint (summary.problems->len, ==, 0);
  g_assert_true (g_file_get_contents (sidecar, &after, NULL, NULL));
  g_assert_cmpstr (after, ==, before);

  /* Paris is annotated already: left out. */
  file = load_suggestions (f, "a1.txt");
  g_assert_cmpuint (g_list_model_get_n_items (gloss_suggestion_file_get_suggestions (file)), ==, 1);
  g_assert_cmpstr (gloss_suggestion_get_exact (nth (file, 0)), ==, "Ann Lee");
}

static void
test_doccano (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GFile) input = write_input (f, "d.jsonl",
    "{\"id\": \"d1\", \"text\": \"" TEXT "\", \"label\": [[0, 7, \"PER\", 0.25], [12, 19, \"PER\"],"
    " [1, 2, \"X\", \"high\"]]}\n");
  g_auto(GlossImportSummary) summary;
  GlossImportSuggestionsCounts counts = { 0 };
  g_autoptr(GlossSuggestionFile) file = NULL;
  double score;

  gloss_import_summary_init (&summary);
  import (f, GLOSS_FORMAT_DOCCANO, input, &summary, &counts);
  /* A 4th element that is no number: the span without a score, said. */
  g_assert_cmpuint (summary.problems->len, ==, 1);
  g_assert_nonnull (strstr (summary.problems->pdata[0],
                            "d.jsonl:1: span a-3: “score” is not a number from 0 to 1"));

  file = load_suggestions (f, "d1.txt");
  g_assert_cmpuint (g_list_model_get_n_items (gloss_suggestion_file_get_suggestions (file)), ==, 3);
  g_assert_cmpstr (gloss_suggestion_get_exact (nth (file, 1)), ==, "n");
  g_assert_false (gloss_suggestion_get_score (nth (file, 1), &score));
  g_assert_true (gloss_suggestion_get_score (nth (file, 0), &score));
  g_assert_cmpfloat (score, ==, 0.25);
  g_assert_cmpstr (gloss_suggestion_get_exact (nth (file, 2)), ==, "Bob Ray");
  g_assert_false (gloss_suggestion_get_score (nth (file, 2), &score));
}

static void
test_brat (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(GFile) txt = write_input (f, "b.txt", TEXT);
  g_autoptr(GFile) input = write_input (f, "b.ann", "T1\tPER 0 7\tAnn Lee\nT2\tLOC 23 28\tParis\n");
  g_auto(GlossImportSummary) summary;
  GlossImportSuggestionsCounts counts = { 0 };
  g_autoptr(GlossSuggestionFile) file = NULL;
  double score;

  gloss_import_summary_init (&summary);
  import (f, GLOSS_FORMAT_BRAT, input, &summary, &counts);
  g_assert_cmpuint (summary.problems->len, ==, 0);
  g_assert_cmpuint (counts.suggested, ==, 2);

  file = load_suggestions (f, "b.txt");
  g_assert_cmpuint (g_list_model_get_n_items (gloss_suggestion_file_get_suggestions (file)), ==, 2);
  g_assert_false (gloss_suggestion_get_score (nth (file, 0), &score));
}

static void
test_other_text (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GFile) input = write_input (f, "p.jsonl",
    "{\"id\": \"a1\", \"text\": \"" TEXT "\", \"spans\": [{\"start\": 0, \"end\": 3, \"label\": \"PER\"}]}\n");
  g_autofree char *out = g_build_filename (f->dir, "out", NULL);
  g_autofree char *article = g_build_filename (out, "a1.txt", NULL);
  g_autofree char *file = g_build_filename (out, "a1.txt.alice.suggestions.json", NULL);
  g_autofree char *text = NULL;
  g_auto(GlossImportSummary) summary;
  GlossImportSuggestionsCounts counts = { 0 };

  g_assert_cmpint (g_mkdir (out, 0700), ==, 0);
  g_assert_true (g_file_set_contents (article, "Other text.", -1, NULL));
  gloss_import_summary_init (&summary);
  import (f, GLOSS_FORMAT_JSONL, input, &summary, &counts);
  g_assert_cmpuint (summary.problems->len, ==, 1);
  g_assert_nonnull (strstr (summary.problems->pdata[0], "exists with other text"));
  g_assert_true (g_file_get_contents (article, &text, NULL, NULL));
  g_assert_cmpstr (text, ==, "Other text.");
  g_assert_false (g_file_test (file, G_FILE_TEST_EXISTS));
}

/* A line nested too deep for a parser that recurses, and a CRLF line:
 * each line still read by the importer, located by its number. */
static void
test_odd_lines (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GString) contents = g_string_new (NULL);
  g_autoptr(GFile) input = NULL;
  g_auto(GlossImportSummary) summary;
  GlossImportSuggestionsCounts counts = { 0 };
  g_autoptr(GlossSuggestionFile) file = NULL;
  double score;

  for (guint i = 0; i < 100000; i++)
    g_string_append_c (contents, '[');
  g_string_append (contents, "\n{\"id\": \"a1\", \"text\": \"" TEXT "\", \"spans\": ["
                   "{\"start\": 0, \"end\": 7, \"label\": \"PER\", \"score\": 0.5}]}\r\n");
  input = write_input (f, "p.jsonl", contents->str);

  gloss_import_summary_init (&summary);
  import (f, GLOSS_FORMAT_JSONL, input, &summary, &counts);
  g_assert_cmpuint (summary.problems->len, ==, 1);
  g_assert_nonnull (strstr (summary.problems->pdata[0], "p.jsonl:1:"));

  file = load_suggestions (f, "a1.txt");
  g_assert_cmpuint (g_list_model_get_n_items (gloss_suggestion_file_get_suggestions (file)), ==, 1);
  g_assert_true (gloss_suggestion_get_score (nth (file, 0), &score));
  g_assert_cmpfloat (score, ==, 0.5);
}

/* What summary->article_done saw of the counts at each call. */
typedef struct
{
  const GlossImportSuggestionsCounts *counts;
  GArray                             *seen;   /* GlossImportSuggestionsCounts */
} Progress;

static void
on_article_done (gpointer data)
{
  Progress *progress = data;

  g_array_append_val (progress->seen, *progress->counts);
}

/* The hook is called after each article the importer reads (its count
 * rising, no total yet), then after each article merged (of the total,
 * ending at it), also one whose article is a problem. */
static void
test_article_done (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GFile) input = write_input (f, "p.jsonl",
    "{\"id\": \"a1\", \"text\": \"" TEXT "\", \"spans\": [{\"start\": 0, \"end\": 7, \"label\": \"PER\"}]}\n"
    "{\"id\": \"a2\", \"text\": \"" TEXT "\", \"spans\": [{\"start\": 12, \"end\": 19, \"label\": \"PER\"}]}\n"
    "{\"id\": \"a3\", \"text\": \"" TEXT "\", \"spans\": [{\"start\": 23, \"end\": 28, \"label\": \"LOC\"}]}\n"
    "{\"id\": \"a4\", \"text\": \"" TEXT "\", \"spans\": []}\n");
  g_autofree char *out = g_build_filename (f->dir, "out", NULL);
  g_autofree char *other = g_build_filename (out, "a2.txt", NULL);
  g_auto(GlossImportSummary) summary;
  GlossImportSuggestionsCounts counts = { 0 };
  Progress progress = { &counts, g_array_new (FALSE, TRUE, sizeof (GlossImportSuggestionsCounts)) };
  const guint n = 4;

  /* a2 is there with other text: a problem, and done all the same. */
  g_assert_cmpint (g_mkdir_with_parents (out, 0700), ==, 0);
  g_assert_true (g_file_set_contents (other, "Other text.", -1, NULL));

  gloss_import_summary_init (&summary);
  summary.article_done = on_article_done;
  summary.article_done_data = &progress;
  import (f, GLOSS_FORMAT_JSONL, input, &summary, &counts);

  g_assert_cmpuint (summary.problems->len, ==, 1);
  g_assert_cmpuint (counts.files, ==, 3);
  g_assert_cmpuint (progress.seen->len, ==, 2 * n);
  for (guint i = 0; i < n; i++)
    {
      GlossImportSuggestionsCounts *read = &g_array_index (progress.seen, GlossImportSuggestionsCounts, i);
      GlossImportSuggestionsCounts *merged = &g_array_index (progress.seen, GlossImportSuggestionsCounts, n + i);

      g_assert_cmpuint (read->articles_read, ==, i + 1);
      g_assert_cmpuint (read->articles_total, ==, 0);
      g_assert_cmpuint (read->articles_done, ==, 0);
      g_assert_cmpuint (merged->articles_read, ==, n);
      g_assert_cmpuint (merged->articles_total, ==, n);
      g_assert_cmpuint (merged->articles_done, ==, i + 1);
    }
  g_array_unref (progress.seen);
}

typedef struct
{
  GCancellable                       *cancellable;
  const GlossImportSuggestionsCounts *counts;
} CancelAt;

static void
cancel_after_first_merged (gpointer data)
{
  CancelAt *at = data;

  if (at->counts->articles_done == 1)
    g_cancellable_cancel (at->cancellable);
}

/* A cancel between two merged articles stops the walk there: the
 * import fails as cancelled, and what was merged before is written. */
static void
test_cancel_while_merging (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GFile) input = write_input (f, "p.jsonl",
    "{\"id\": \"a1\", \"text\": \"" TEXT "\", \"spans\": [{\"start\": 0, \"end\": 7, \"label\": \"PER\"}]}\n"
    "{\"id\": \"a2\", \"text\": \"" TEXT "\", \"spans\": [{\"start\": 12, \"end\": 19, \"label\": \"PER\"}]}\n"
    "{\"id\": \"a3\", \"text\": \"" TEXT "\", \"spans\": [{\"start\": 23, \"end\": 28, \"label\": \"LOC\"}]}\n");
  g_autoptr(GFile) out = g_file_get_child (f->folder, "out");
  g_autofree char *first = g_build_filename (f->dir, "out", "a1.txt.alice.suggestions.json", NULL);
  g_autofree char *second = g_build_filename (f->dir, "out", "a2.txt.alice.suggestions.json", NULL);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_auto(GlossImportSummary) summary;
  GlossImportSuggestionsCounts counts = { 0 };
  CancelAt at = { cancellable, &counts };

  gloss_import_summary_init (&summary);
  summary.article_done = cancel_after_first_merged;
  summary.article_done_data = &at;

  g_assert_false (gloss_import_suggestions (GLOSS_FORMAT_JSONL, input, out, "alice",
                                            GLOSS_OFFSETS_CODE_POINTS, &summary, &counts,
                                            cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (counts.articles_total, ==, 3);
  g_assert_cmpuint (counts.articles_done, ==, 1);
  g_assert_cmpuint (counts.files, ==, 1);
  g_assert_true (g_file_test (first, G_FILE_TEST_IS_REGULAR));
  g_assert_false (g_file_test (second, G_FILE_TEST_EXISTS));
}

/* No hook (gloss-cli passes none): the counts say how many articles were
 * read and merged all the same. */
static void
test_articles_counted (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GFile) input = write_input (f, "p.jsonl",
    "{\"id\": \"a1\", \"text\": \"" TEXT "\", \"spans\": [{\"start\": 0, \"end\": 7, \"label\": \"PER\"}]}\n"
    "{\"id\": \"a2\", \"text\": \"" TEXT "\", \"spans\": [{\"start\": 12, \"end\": 19, \"label\": \"PER\"}]}\n");
  g_auto(GlossImportSummary) summary;
  GlossImportSuggestionsCounts counts = { 0 };

  gloss_import_summary_init (&summary);
  import (f, GLOSS_FORMAT_JSONL, input, &summary, &counts);

  g_assert_cmpuint (counts.articles_read, ==, 2);
  g_assert_cmpuint (counts.articles_total, ==, 2);
  g_assert_cmpuint (counts.articles_done, ==, 2);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/import-suggestions/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  g_test_add_func ("/import-suggestions/from-annotations", test_from_annotations);
  ADD ("jsonl", test_jsonl);
  ADD ("rejected-stay", test_rejected_stay);
  ADD ("sidecar-read-only", test_sidecar_read_only);
  ADD ("doccano", test_doccano);
  ADD ("brat", test_brat);
  ADD ("other-text", test_other_text);
  ADD ("odd-lines", test_odd_lines);
  ADD ("article-done", test_article_done);
  ADD ("articles-counted", test_articles_counted);
  ADD ("cancel-while-merging", test_cancel_while_merging);

  return g_test_run ();
}

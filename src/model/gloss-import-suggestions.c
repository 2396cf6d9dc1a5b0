/* gloss-import-suggestions.c — another tool's predictions as suggestions
 *
 * The importers (gloss-import-brat.c, gloss-import-jsonl.c) are the one
 * reader of these formats: rather than a second reader with its own
 * rules, the predictions are imported into a private temporary folder,
 * and each article's imported spans become suggestions there. JSONL and
 * doccano lines are first given to the importer without what it does not
 * read — each span's score, doccano's 4th element, the relations — and
 * with an id per span that says where its score went; one line in, one
 * line out, so every problem keeps its line number.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <glib/gstdio.h>
#include <string.h>

#include "gloss-error.h"
#include "gloss-file.h"
#include "gloss-import-suggestions.h"
#include "gloss-import-label-studio.h"
#include "gloss-sidecar.h"
#include "gloss-suggestion-file.h"

GPtrArray *
gloss_import_suggestions_from_annotations (GlossDocument *document,
                                           GPtrArray     *annotations,
                                           GHashTable    *scores)
{
  GPtrArray *suggestions = g_ptr_array_new_with_free_func (g_object_unref);

  g_return_val_if_fail (GLOSS_IS_DOCUMENT (document), suggestions);
  g_return_val_if_fail (annotations != NULL, suggestions);

  for (guint i = 0; i < annotations->len; i++)
    {
      GlossAnnotation *annotation = g_ptr_array_index (annotations, i);
      GlossSuggestion *suggestion = gloss_suggestion_new (GLOSS_SUGGESTION_SOURCE_IMPORT,
                                                          gloss_annotation_get_label (annotation),
                                                          gloss_annotation_get_start (annotation),
                                                          gloss_annotation_get_end (annotation),
                                                          gloss_annotation_get_exact (annotation));
      const double *score = scores != NULL
                            ? g_hash_table_lookup (scores, gloss_annotation_get_id (annotation))
                            : NULL;

      if (score != NULL)
        gloss_suggestion_set_score (suggestion, CLAMP (*score, 0.0, 1.0));
      g_ptr_array_add (suggestions, suggestion);
    }

  return suggestions;
}

/* A span's score, when @node is a number; FALSE otherwise. */
static gboolean
score_of (JsonNode *node,
          double   *score)
{
  if (node == NULL || JSON_NODE_TYPE (node) != JSON_NODE_VALUE)
    return FALSE;
  switch (json_node_get_value_type (node) == G_TYPE_INT64 ? 1
          : json_node_get_value_type (node) == G_TYPE_DOUBLE ? 2 : 0)
    {
    case 1:
      *score = (double) json_node_get_int (node);
      return TRUE;
    case 2:
      *score = json_node_get_double (node);
      return TRUE;
    default:
      return FALSE;
    }
}

static void
keep_score (GHashTable *scores,
            const char *id,
            double      score)
{
  double *kept = g_new (double, 1);

  *kept = score;
  g_hash_table_insert (scores, g_strdup (id), kept);
}

/* A score that is a number in [0, 1] is kept for @id; any other is kept
 * as NAN, to be reported (the span is imported without one). */
static void
check_score (JsonNode   *node,
             const char *id,
             GHashTable *scores)
{
  double score;

  if (score_of (node, &score) && score >= 0.0 && score <= 1.0)
    keep_score (scores, id, score);
  else
    keep_score (scores, id, NAN);
}

/* A JSONL "spans" element or a doccano object span: its score taken out,
 * and the id @id given. */
static void
strip_object_span (JsonObject *span,
                   const char *id,
                   guint       position,
                   GHashTable *scores,
                   GHashTable *names)
{
  JsonNode *given = json_object_get_member (span, "id");

  /* What the importer would have called it, for the problems. */
  if (given != NULL && json_node_get_value_type (given) == G_TYPE_STRING)
    g_hash_table_insert (names, g_strdup (id), g_strdup (json_node_get_string (given)));
  else if (given != NULL && json_node_get_value_type (given) == G_TYPE_INT64)
    g_hash_table_insert (names, g_strdup (id),
                         g_strdup_printf ("a-%" G_GINT64_FORMAT, json_node_get_int (given)));
  else
    g_hash_table_insert (names, g_strdup (id), g_strdup_printf ("a-%u", position));

  if (json_object_has_member (span, GLOSS_IMPORT_SUGGESTIONS_SCORE))
    check_score (json_object_get_member (span, GLOSS_IMPORT_SUGGESTIONS_SCORE), id, scores);
  json_object_remove_member (span, GLOSS_IMPORT_SUGGESTIONS_SCORE);
  json_object_set_string_member (span, "id", id);
}

/* A doccano span column: [start, end, label] and [start, end, label,
 * score] become the object form doccano also takes, so that each span
 * carries its id; anything else is left for the importer to report. */
static void
strip_doccano_column (JsonArray  *column,
                      guint       line_number,
                      GHashTable *scores,
                      GHashTable *names)
{
  for (guint i = 0; i < json_array_get_length (column); i++)
    {
      JsonNode *node = json_array_get_element (column, i);
      g_autofree char *id = g_strdup_printf ("s%u-%u", line_number, i + 1);
      JsonArray *parts;
      JsonObject *object;

      if (JSON_NODE_HOLDS_OBJECT (node))
        {
          strip_object_span (json_node_get_object (node), id, i + 1, scores, names);
          continue;
        }
      if (!JSON_NODE_HOLDS_ARRAY (node))
        continue;

      parts = json_node_get_array (node);
      if ((json_array_get_length (parts) != 3 && json_array_get_length (parts) != 4)
          || json_node_get_value_type (json_array_get_element (parts, 0)) != G_TYPE_INT64
          || json_node_get_value_type (json_array_get_element (parts, 1)) != G_TYPE_INT64
          || json_node_get_value_type (json_array_get_element (parts, 2)) != G_TYPE_STRING)
        continue;

      if (json_array_get_length (parts) == 4)
        check_score (json_array_get_element (parts, 3), id, scores);
      g_hash_table_insert (names, g_strdup (id), g_strdup_printf ("a-%u", i + 1));
      object = json_object_new ();
      json_object_set_string_member (object, "id", id);
      json_object_set_member (object, "start_offset", json_node_copy (json_array_get_element (parts, 0)));
      json_object_set_member (object, "end_offset", json_node_copy (json_array_get_element (parts, 1)));
      json_object_set_member (object, "label", json_node_copy (json_array_get_element (parts, 2)));
      json_array_remove_element (column, i);
      /* No insert in json-glib 1.6: rebuild the tail in order. */
      {
        g_autoptr(JsonArray) tail = json_array_new ();

        while (json_array_get_length (column) > i)
          {
            json_array_add_element (tail, json_node_copy (json_array_get_element (column, i)));
            json_array_remove_element (column, i);
          }
        json_array_add_object_element (column, object);
        for (guint k = 0; k < json_array_get_length (tail); k++)
          json_array_add_element (column, json_node_copy (json_array_get_element (tail, k)));
      }
    }
}

/* One line as the importer is to read it, or NULL to pass it unchanged
 * (not a JSON object: the importer says why). */
static char *
strip_line (const char  *data,
            gsize        length,
            guint        line_number,
            GlossFormat  format,
            GHashTable  *scores,
            GHashTable  *names)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(JsonGenerator) generator = NULL;
  JsonObject *root;

  if (!json_parser_load_from_data (parser, data, length, NULL)
      || !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    return NULL;

  root = json_node_get_object (json_parser_get_root (parser));
  json_object_remove_member (root, "relations");

  if (format == GLOSS_FORMAT_JSONL)
    {
      JsonNode *spans = json_object_get_member (root, "spans");

      if (spans != NULL && JSON_NODE_HOLDS_ARRAY (spans))
        for (guint i = 0; i < json_array_get_length (json_node_get_array (spans)); i++)
          {
            JsonNode *span = json_array_get_element (json_node_get_array (spans), i);
            g_autofree char *id = g_strdup_printf ("s%u-%u", line_number, i + 1);

            if (JSON_NODE_HOLDS_OBJECT (span))
              strip_object_span (json_node_get_object (span), id, i + 1, scores, names);
          }
    }
  else
    {
      const char *columns[] = { "label", "entities" };

      for (guint c = 0; c < G_N_ELEMENTS (columns); c++)
        {
          JsonNode *column = json_object_get_member (root, columns[c]);

          if (column != NULL && JSON_NODE_HOLDS_ARRAY (column))
            strip_doccano_column (json_node_get_array (column), line_number, scores, names);
        }
    }

  generator = json_generator_new ();
  json_generator_set_root (generator, json_parser_get_root (parser));
  return json_generator_to_data (generator, NULL);
}

/* Deeper than this, a line goes to the importer as it is (it says what
 * it makes of it): json-glib's parser recurses once per level. */
#define MAX_DEPTH 64

static gboolean
too_deep (const char *data,
          gsize       length)
{
  gboolean in_string = FALSE;
  guint depth = 0;

  for (gsize i = 0; i < length; i++)
    {
      char c = data[i];

      if (in_string)
        {
          if (c == '\\')
            i++;
          else if (c == '"')
            in_string = FALSE;
        }
      else if (c == '"')
        in_string = TRUE;
      else if (c == '[' || c == '{')
        {
          if (++depth > MAX_DEPTH)
            return TRUE;
        }
      else if ((c == ']' || c == '}') && depth > 0)
        depth--;
    }

  return FALSE;
}

/* @input's lines, stripped, written as @copy; read one at a time, as the
 * importer reads them (a dataset may be larger than memory). */
static gboolean
strip_jsonl (GFile        *input,
             GFile        *copy,
             GlossFormat   format,
             GHashTable   *scores,
             GHashTable   *names,
             GCancellable *cancellable,
             GError      **error)
{
  g_autoptr(GFileInputStream) in = g_file_read (input, cancellable, error);
  g_autoptr(GDataInputStream) lines = NULL;
  g_autoptr(GFileOutputStream) out = NULL;
  g_autoptr(GBufferedOutputStream) buffered = NULL;
  guint line_number = 0;

  if (in == NULL)
    return FALSE;
  out = g_file_replace (copy, NULL, FALSE, G_FILE_CREATE_PRIVATE, cancellable, error);
  if (out == NULL)
    return FALSE;
  lines = g_data_input_stream_new (G_INPUT_STREAM (in));
  buffered = G_BUFFERED_OUTPUT_STREAM (g_buffered_output_stream_new_sized (G_OUTPUT_STREAM (out), 65536));

  for (;;)
    {
      g_autoptr(GError) read_error = NULL;
      g_autofree char *stripped = NULL;
      gsize length;
      g_autofree char *data = g_data_input_stream_read_line (lines, &length, cancellable, &read_error);

      if (read_error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&read_error));
          return FALSE;
        }
      if (data == NULL)
        break;

      line_number++;
      if (!too_deep (data, length))
        stripped = strip_line (data, length, line_number, format, scores, names);
      if (!g_output_stream_write_all (G_OUTPUT_STREAM (buffered),
                                      stripped != NULL ? stripped : data,
                                      stripped != NULL ? strlen (stripped) : length,
                                      NULL, cancellable, error)
          || !g_output_stream_write_all (G_OUTPUT_STREAM (buffered), "\n", 1, NULL, cancellable, error))
        return FALSE;
    }

  return g_output_stream_close (G_OUTPUT_STREAM (buffered), cancellable, error);
}

static void
problem (GlossImportSummary *summary,
         char               *text)
{
  g_ptr_array_add (summary->problems, text);
}

/* @article holds @imported's text: added to @batch when missing, reused
 * when the same; FALSE (a problem) otherwise. */
static gboolean
place_article (GFile              *article,
               GlossDocument      *imported,
               GlossFileBatch     *batch,
               GlossImportSummary *summary)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_file_get_path (article);
  g_autofree char *old = NULL;
  g_autofree char *text = NULL;
  gsize old_length, text_length;

  /* The bytes as the importer wrote them (a BOM and all). */
  if (!g_file_load_contents (gloss_document_get_file (imported), NULL, &text, &text_length, NULL, &error))
    {
      problem (summary, g_strdup_printf ("%s: %s", path, error->message));
      return FALSE;
    }

  if (g_file_load_contents (article, NULL, &old, &old_length, NULL, NULL))
    {
      if (text_length == old_length && memcmp (text, old, old_length) == 0)
        {
          summary->articles++;
          return TRUE;
        }
      problem (summary, g_strdup_printf (_("%s: exists with other text; its suggestions not imported"),
                                         path));
      return FALSE;
    }

  {
    g_autoptr(GFile) parent = g_file_get_parent (article);

    if (!g_file_make_directory_with_parents (parent, NULL, &error)
        && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_EXISTS))
      {
        problem (summary, g_strdup_printf ("%s: %s", path, error->message));
        return FALSE;
      }
    g_clear_error (&error);
  }
  if (!gloss_file_batch_add (batch, path, text, text_length, &error))
    {
      problem (summary, g_strdup_printf ("%s: %s", path, error->message));
      return FALSE;
    }

  summary->articles++;
  return TRUE;
}

/* One article imported into the private folder: @temp_article and
 * @temp_sidecar there; @article the file in the output folder. The
 * article as imported stands for it (the same text), so that a new one
 * can wait in @batch. */
static void
suggest_article (GFile                        *temp_article,
                 GFile                        *temp_sidecar,
                 GFile                        *article,
                 const char                   *annotator_id,
                 GHashTable                   *scores,
                 GlossFileBatch               *batch,
                 GlossImportSummary           *summary,
                 GlossImportSuggestionsCounts *counts)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GlossDocument) document = NULL;
  g_autoptr(GlossSidecar) predictions = NULL;
  g_autoptr(GlossSidecar) own = NULL;
  g_autoptr(GlossSuggestionFile) file = NULL;
  g_autoptr(GPtrArray) annotations = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) suggestions = NULL;
  GlossSuggestionFileWrite done;
  g_autoptr(GFile) folder = g_file_get_parent (article);
  g_autoptr(GFile) own_file = NULL;
  g_autoptr(GFile) suggestions_file = NULL;
  g_autofree char *path = g_file_get_path (article);
  g_autofree char *base = g_file_get_basename (article);
  g_autofree char *own_name = gloss_sidecar_build_name (base, annotator_id);
  g_autofree char *suggestions_name = gloss_suggestion_file_build_name (base, annotator_id);
  GListModel *list;
  guint n_added = 0;

  document = gloss_document_new_from_file (temp_article, NULL, &error);
  if (document == NULL)
    {
      problem (summary, g_strdup_printf ("%s: %s", path, error->message));
      return;
    }
  if (!place_article (article, document, batch, summary))
    return;

  predictions = gloss_sidecar_new (temp_sidecar, document);
  if (!gloss_sidecar_load (predictions, NULL, NULL, &error))
    {
      problem (summary, g_strdup_printf ("%s: %s", path, error->message));
      return;
    }
  list = G_LIST_MODEL (gloss_sidecar_get_annotations (predictions));
  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    g_ptr_array_add (annotations, g_list_model_get_item (list, i));
  suggestions = gloss_import_suggestions_from_annotations (document, annotations, scores);

  /* The annotator's own work, read only: what is annotated already is
   * not suggested. */
  own_file = g_file_get_child (folder, own_name);
  own = gloss_sidecar_new (own_file, document);
  if (!gloss_sidecar_load (own, NULL, NULL, &error))
    {
      g_autofree char *sidecar_path = g_file_get_path (own_file);

      problem (summary, g_strdup_printf (_("%s: %s; its suggestions not imported"),
                                         sidecar_path, error->message));
      return;
    }

  suggestions_file = g_file_get_child (folder, suggestions_name);
  file = gloss_suggestion_file_new (suggestions_file, document);
  /* The loader refuses a FIFO or a device there without reading it, and
   * a file written only if the run changed it. */
  if (!gloss_suggestion_file_load (file, NULL, &error)
      || !gloss_suggestion_file_merge_run (file, GLOSS_SUGGESTION_SOURCE_IMPORT, suggestions,
                                           gloss_sidecar_get_annotations (own), &n_added, &error)
      || !gloss_suggestion_file_write (file, batch, &done, &error))
    {
      g_autofree char *file_path = g_file_get_path (suggestions_file);

      problem (summary, g_strdup_printf ("%s: %s", file_path, error->message));
      return;
    }

  if (done != GLOSS_SUGGESTION_FILE_UNCHANGED)
    counts->files++;
  counts->suggested += suggestions->len;
  counts->added += n_added;
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* Every sidecar of @annotator_id under @folder (the temporary one), its
 * article's relative path kept in @output_folder. */
static gboolean
walk (GFile                        *root,
      GFile                        *folder,
      GFile                        *output_folder,
      const char                   *annotator_id,
      GHashTable                   *scores,
      GlossFileBatch               *batch,
      GlossImportSummary           *summary,
      GlossImportSuggestionsCounts *counts,
      GCancellable                 *cancellable,
      GError                      **error)
{
  g_autoptr(GFileEnumerator) children = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) folders = g_ptr_array_new_with_free_func (g_free);

  children = g_file_enumerate_children (folder, G_FILE_ATTRIBUTE_STANDARD_NAME ","
                                        G_FILE_ATTRIBUTE_STANDARD_TYPE,
                                        G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS, cancellable, error);
  if (children == NULL)
    return FALSE;

  for (;;)
    {
      GFileInfo *info;

      if (!g_file_enumerator_iterate (children, &info, NULL, cancellable, error))
        return FALSE;
      if (info == NULL)
        break;
      if (g_file_info_get_file_type (info) == G_FILE_TYPE_DIRECTORY)
        g_ptr_array_add (folders, g_strdup (g_file_info_get_name (info)));
      else
        g_ptr_array_add (names, g_strdup (g_file_info_get_name (info)));
    }

  /* In name order, so that the problems come in the same order each run. */
  g_ptr_array_sort (names, compare_names);
  g_ptr_array_sort (folders, compare_names);

  for (guint i = 0; i < names->len; i++)
    {
      g_autofree char *article_name = NULL;
      g_autofree char *annotator = NULL;
      g_autofree char *relative = NULL;
      g_autoptr(GFile) temp_article = NULL;
      g_autoptr(GFile) article = NULL;
      g_autoptr(GFile) temp_sidecar = g_file_get_child (folder, g_ptr_array_index (names, i));

      if (!gloss_sidecar_parse_name (g_ptr_array_index (names, i), &article_name, &annotator)
          || g_strcmp0 (annotator, annotator_id) != 0)
        continue;

      temp_article = g_file_get_child (folder, article_name);
      relative = g_file_get_relative_path (root, temp_article);
      article = g_file_resolve_relative_path (output_folder, relative);
      /* Stopped between two articles: those merged are written. */
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
      suggest_article (temp_article, temp_sidecar, article, annotator_id, scores, batch, summary, counts);
      counts->articles_done++;
      /* The importer's count of its sidecars is the total; were the walk
       * to find more, "N of M" still never passes M. */
      counts->articles_total = MAX (counts->articles_total, counts->articles_done);
      if (summary->article_done != NULL)
        summary->article_done (summary->article_done_data);
    }

  for (guint i = 0; i < folders->len; i++)
    {
      g_autoptr(GFile) child = g_file_get_child (folder, g_ptr_array_index (folders, i));

      if (!walk (root, child, output_folder, annotator_id, scores, batch, summary, counts,
                 cancellable, error))
        return FALSE;
    }

  return TRUE;
}

/* The temporary folder and all in it. */
static void
remove_tree (GFile *file)
{
  g_autoptr(GFileEnumerator) children =
    g_file_enumerate_children (file, G_FILE_ATTRIBUTE_STANDARD_NAME, G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS,
                               NULL, NULL);

  for (;;)
    {
      GFileInfo *info;
      GFile *child;

      if (children == NULL || !g_file_enumerator_iterate (children, &info, &child, NULL, NULL)
          || info == NULL)
        break;
      remove_tree (child);
    }
  g_file_delete (file, NULL, NULL);
}

/* @text with every @from replaced by @to (@text freed). */
static char *
replace_all (char       *text,
             const char *from,
             const char *to)
{
  g_auto(GStrv) parts = NULL;

  if (strstr (text, from) == NULL)
    return text;
  parts = g_strsplit (text, from, -1);
  g_free (text);
  return g_strjoinv (to, parts);
}

static int
compare_ids (gconstpointer a,
             gconstpointer b)
{
  guint a_line = 0, a_span = 0, b_line = 0, b_span = 0;

  sscanf (*(const char * const *) a, "s%u-%u", &a_line, &a_span);
  sscanf (*(const char * const *) b, "s%u-%u", &b_line, &b_span);
  if (a_line != b_line)
    return a_line < b_line ? -1 : 1;
  return a_span < b_span ? -1 : a_span > b_span;
}

/* A problem for each score that was no number in [0, 1] (kept as NAN),
 * in line order; the score is taken out of @scores. */
static void
report_bad_scores (GlossImportSummary *summary,
                   const char         *input_path,
                   GHashTable         *scores,
                   GHashTable         *names)
{
  g_autoptr(GPtrArray) bad = g_ptr_array_new_with_free_func (g_free);
  GHashTableIter iter;
  gpointer key, value;

  g_hash_table_iter_init (&iter, scores);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (isnan (*(double *) value))
      g_ptr_array_add (bad, g_strdup (key));
  g_ptr_array_sort (bad, compare_ids);

  for (guint i = 0; i < bad->len; i++)
    {
      const char *id = g_ptr_array_index (bad, i);
      guint line = 0;

      sscanf (id, "s%u-", &line);
      g_hash_table_remove (scores, id);
      /* Translators: FILE:LINE: span ID: … */
      problem (summary, g_strdup_printf (_("%s:%u: span %s: “score” is not a number from 0 to 1; "
                                           "imported without a score"),
                                         input_path, line, (const char *) g_hash_table_lookup (names, id)));
    }
}

/* Each problem naming the temporary copy names @input instead, and a
 * span by the id it has in @input (@names), not the one given for its
 * score. */
static void
rename_in_problems (GlossImportSummary *summary,
                    guint               from,
                    const char         *temp_path,
                    const char         *input_path,
                    GHashTable         *names)
{
  for (guint i = from; i < summary->problems->len; i++)
    {
      char *text = replace_all (g_ptr_array_index (summary->problems, i), temp_path, input_path);
      char *at = strstr (text, "span s");

      if (at != NULL)
        {
          const char *id_start = at + strlen ("span ");
          g_autofree char *id = g_strndup (id_start, strcspn (id_start, " "));
          const char *name = g_hash_table_lookup (names, id);

          if (name != NULL)
            {
              g_autofree char *old = g_strdup_printf ("span %s ", id);
              g_autofree char *new = g_strdup_printf ("span %s ", name);

              text = replace_all (text, old, new);
            }
        }
      summary->problems->pdata[i] = text;
    }
}

/* The importer's pass, as the caller's summary sees it: its own hook,
 * told that one more article was read. */
typedef struct
{
  GlossImportSummary           *summary;
  GlossImportSuggestionsCounts *counts;
} ReadProgress;

static void
on_article_read (gpointer data)
{
  ReadProgress *read = data;

  read->counts->articles_read++;
  if (read->summary->article_done != NULL)
    read->summary->article_done (read->summary->article_done_data);
}

gboolean
gloss_import_suggestions (GlossFormat                    format,
                          GFile                         *input,
                          GFile                         *output_folder,
                          const char                    *annotator_id,
                          GlossOffsetUnit                offsets,
                          GlossImportSummary            *summary,
                          GlossImportSuggestionsCounts  *counts,
                          GCancellable                  *cancellable,
                          GError                       **error)
{
  g_autoptr(GHashTable) scores = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GHashTable) names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GError) local_error = NULL;
  g_autofree char *output_path = NULL;
  g_autofree char *temp_path = NULL;
  g_autoptr(GFile) temp = NULL;
  g_autoptr(GFile) articles = NULL;
  g_autoptr(GFile) read = NULL;
  GlossImportSummary inner;
  ReadProgress read_progress = { summary, counts };
  guint first_problem = summary->problems->len;
  gboolean ok;

  g_return_val_if_fail (annotator_id != NULL, FALSE);

  /* The private folder is a hidden one inside @output_folder: the
   * importers check labels against the label set found from their output
   * folder upwards, and so find the one the articles will be annotated
   * with. */
  if (!g_file_make_directory_with_parents (output_folder, cancellable, &local_error)
      && !g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_EXISTS))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  output_path = g_file_get_path (output_folder);
  if (output_path == NULL)
    {
      g_set_error (error, GLOSS_ERROR, GLOSS_ERROR_FAILED, _("the output folder is not a local folder"));
      return FALSE;
    }
  temp_path = g_build_filename (output_path, ".gloss-import-suggestions-XXXXXX", NULL);
  if (g_mkdtemp (temp_path) == NULL)
    {
      int saved = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved), "%s: %s",
                   temp_path, g_strerror (saved));
      return FALSE;
    }
  temp = g_file_new_for_path (temp_path);
  articles = g_file_get_child (temp, "articles");
  if (!g_file_make_directory (articles, cancellable, error))
    {
      remove_tree (temp);
      return FALSE;
    }

  /* brat, Label Studio and uima-json are read where they are; JSON Lines
   * are copied without their scores first. */
  if (format == GLOSS_FORMAT_BRAT || format == GLOSS_FORMAT_LABEL_STUDIO
      || format == GLOSS_FORMAT_UIMA_JSON)
    read = g_object_ref (input);
  else
    {
      g_autofree char *base = g_file_get_basename (input);

      read = g_file_get_child (temp, base != NULL ? base : "input.jsonl");
      if (!strip_jsonl (input, read, format, scores, names, cancellable, error))
        {
          remove_tree (temp);
          return FALSE;
        }
    }

  /* The importer's own summary: its sidecars are private, not the
   * person's; its problems and skipped lines are the caller's. */
  gloss_import_summary_init (&inner);
  inner.article_done = on_article_read;
  inner.article_done_data = &read_progress;
  if (format == GLOSS_FORMAT_LABEL_STUDIO)
    ok = gloss_import_label_studio_predictions (read, articles, annotator_id, offsets, scores,
                                                &inner, cancellable, error);
  else if (format == GLOSS_FORMAT_BRAT)
    ok = gloss_import_brat (read, articles, annotator_id, offsets, &inner, cancellable, error);
  else if (format == GLOSS_FORMAT_UIMA_JSON)
    ok = gloss_import_uima_json (read, articles, annotator_id, offsets, &inner, cancellable, error);
  else
    ok = gloss_import_jsonl (read, format, articles, annotator_id, offsets, &inner, cancellable, error);

  for (guint i = 0; i < inner.problems->len; i++)
    g_ptr_array_add (summary->problems, g_strdup (g_ptr_array_index (inner.problems, i)));
  summary->warnings += inner.warnings;
  summary->skipped += inner.skipped;
  summary->spans += inner.spans;
  summary->fragments += inner.fragments;
  /* One sidecar per article with predictions: the walk's articles. */
  counts->articles_total = inner.sidecars;
  gloss_import_summary_clear (&inner);

  if (format != GLOSS_FORMAT_BRAT && format != GLOSS_FORMAT_LABEL_STUDIO
      && format != GLOSS_FORMAT_UIMA_JSON)
    {
      g_autofree char *read_path = g_file_get_parse_name (read);
      g_autofree char *input_path = g_file_get_parse_name (input);

      rename_in_problems (summary, first_problem, read_path, input_path, names);
      report_bad_scores (summary, input_path, scores, names);
    }

  if (ok)
    {
      g_autoptr(GlossFileBatch) batch = gloss_file_batch_new ();
      g_autoptr(GPtrArray) not_placed = g_ptr_array_new_with_free_func (g_free);

      /* New files (articles, suggestions files) with one flush to disk,
       * as the import writes them; one that appeared at its path
       * meanwhile is somebody else's and stays. */
      ok = walk (articles, articles, output_folder, annotator_id, scores, batch, summary, counts,
                 cancellable, error);
      if (!gloss_file_batch_commit (batch, not_placed, ok ? error : NULL))
        ok = FALSE;
      for (guint i = 0; i < not_placed->len; i++)
        problem (summary, g_strdup_printf (_("%s: appeared while the suggestions were imported; "
                                             "left as it is, not written"),
                                           (const char *) g_ptr_array_index (not_placed, i)));
    }

  remove_tree (temp);
  return ok;
}

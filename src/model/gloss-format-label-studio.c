/* gloss-format-label-studio.c — Label Studio tasks export
 *
 * One JSON list of tasks, one task per article (its records — one per
 * annotator — come one after the other from the walk, so a task is
 * finished when the next article starts):
 *
 *   {"id": 1, "data": {"text": TEXT}, "meta": {"gloss_article": "news/a.txt"},
 *    "annotations": [{"completed_by": {"username": "alice"}, "was_cancelled": false,
 *                     "ground_truth": false, "result": [RESULT, …]}, …],
 *    "predictions": [{"model_version": "quotes", "score": 0.9, "result": […]}]}
 *
 * A span is a "labels" result whose region id is the span's id; its note
 * a per-region "textarea" result with the same id; a relation a
 * "relation" result between two region ids. Offsets are in the unit
 * asked for, code points by default, as Label Studio counts a text
 * region's start and end (docs/label-studio.md). "predictions" hold the
 * annotators' pending
 * suggestions, one prediction per annotator and source, only when asked
 * (GlossExportOptions.label_studio_predictions).
 *
 * The labelling config that makes a Label Studio project read these tasks
 * as they are is written at the end beside the file
 * (options->label_studio_config): every label exported (with its colour),
 * the relation types, and the per-region TextArea of the notes. Span
 * attributes and the article's fields have no place: the export counts
 * them as lost.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "gloss-error.h"
#include "gloss-file.h"
#include "gloss-format-writer.h"
#include "gloss-import.h"
#include "gloss-json-writer.h"
#include "gloss-suggestion-file.h"

/* The names the results and the config share (docs/label-studio.md). */
#define LS_LABELS_NAME "label"
#define LS_TEXT_NAME   "text"
#define LS_NOTE_NAME   "note"

/* The output is handed to the stream in pieces of about this size. */
#define FLUSH_SIZE (64 * 1024)

struct _GlossLabelStudioWriter
{
  GlossFormatWriter parent_instance;

  GString *buffer;        /* finished tasks, not yet written */
  guint    n_tasks;

  /* The task being made: its article, and its annotations and
   * predictions printed so far. */
  char          *article_id;
  GlossDocument *document;
  GString       *annotations;
  GString       *predictions;

  /* The config: labels (char*) in the order met, their colours, relation
   * types in the order met. */
  GPtrArray  *labels;
  GHashTable *colors;          /* label → colour (may be "") */
  GPtrArray  *relation_types;
  GHashTable *relation_seen;
  GHashTable *label_sets;      /* GlossLabelSet* seen, reffed */
};

G_DEFINE_FINAL_TYPE (GlossLabelStudioWriter, gloss_label_studio_writer, GLOSS_TYPE_FORMAT_WRITER)

static void
add_label (GlossLabelStudioWriter *self,
           const char             *label,
           const char             *color)
{
  if (g_hash_table_contains (self->colors, label))
    return;
  g_ptr_array_add (self->labels, g_strdup (label));
  g_hash_table_insert (self->colors, g_strdup (label), g_strdup (color != NULL ? color : ""));
}

static void
add_relation_type (GlossLabelStudioWriter *self,
                   const char             *type)
{
  if (g_hash_table_contains (self->relation_seen, type))
    return;
  g_ptr_array_add (self->relation_types, g_strdup (type));
  g_hash_table_add (self->relation_seen, g_strdup (type));
}

/* The labels --labels keeps and the relation types of @labels, in its
 * order, the first time it is met: the config offers them all, so that
 * the project can label what the corpus has not used yet. */
static void
add_label_set (GlossLabelStudioWriter *self,
               GlossLabelSet          *labels)
{
  const GlossExportOptions *options = gloss_format_writer_get_options (GLOSS_FORMAT_WRITER (self));
  const char * const *types;
  guint n;

  if (labels == NULL || g_hash_table_contains (self->label_sets, labels))
    return;
  g_hash_table_add (self->label_sets, g_object_ref (labels));

  n = g_list_model_get_n_items (G_LIST_MODEL (labels));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GlossLabel) label = g_list_model_get_item (G_LIST_MODEL (labels), i);

      if (gloss_export_options_wants_label (options, gloss_label_get_id (label)))
        add_label (self, gloss_label_get_id (label), gloss_label_get_color (label));
    }

  types = gloss_label_set_get_relation_types (labels);
  for (guint i = 0; types != NULL && types[i] != NULL; i++)
    add_relation_type (self, types[i]);
}

/* "start", "end" and "text" of a region [@start, @end) (code points). */
static void
append_region (GlossLabelStudioWriter *self,
               GString                *out,
               guint                   start,
               guint                   end)
{
  GlossOffsetUnit unit = gloss_format_writer_get_options (GLOSS_FORMAT_WRITER (self))->offsets;

  g_string_append_printf (out, "\"start\":%u,\"end\":%u",
                          gloss_offset_convert (self->document, start, unit),
                          gloss_offset_convert (self->document, end, unit));
}

static void
append_labels_result (GlossLabelStudioWriter *self,
                      GString                *out,
                      const char             *id,
                      guint                   start,
                      guint                   end,
                      const char             *label,
                      const double           *score)
{
  g_autofree char *text = gloss_document_dup_slice (self->document, start, end);

  g_string_append (out, "{\"id\":");
  gloss_json_append_any_string (out, id, FALSE);
  g_string_append (out, ",\"from_name\":\"" LS_LABELS_NAME "\",\"to_name\":\"" LS_TEXT_NAME
                   "\",\"type\":\"labels\",\"value\":{");
  append_region (self, out, start, end);
  g_string_append (out, ",\"text\":");
  gloss_json_append_string (out, text, -1, FALSE);
  g_string_append (out, ",\"labels\":[");
  gloss_json_append_string (out, label, -1, FALSE);
  g_string_append (out, "]}");
  if (score != NULL)
    {
      char number[G_ASCII_DTOSTR_BUF_SIZE];

      g_string_append (out, ",\"score\":");
      g_string_append (out, g_ascii_dtostr (number, sizeof number, *score));
    }
  g_string_append_c (out, '}');
}

static void
append_note_result (GlossLabelStudioWriter *self,
                    GString                *out,
                    GlossAnnotation        *span)
{
  g_string_append (out, "{\"id\":");
  gloss_json_append_any_string (out, gloss_annotation_get_id (span), FALSE);
  g_string_append (out, ",\"from_name\":\"" LS_NOTE_NAME "\",\"to_name\":\"" LS_TEXT_NAME
                   "\",\"type\":\"textarea\",\"value\":{");
  append_region (self, out, gloss_annotation_get_start (span), gloss_annotation_get_end (span));
  g_string_append (out, ",\"text\":[");
  gloss_json_append_string (out, gloss_annotation_get_note (span), -1, FALSE);
  g_string_append (out, "]}}");
}

static void
append_relation_result (GString    *out,
                        const char *from,
                        const char *to,
                        const char *type)
{
  g_string_append (out, "{\"from_id\":");
  gloss_json_append_any_string (out, from, FALSE);
  g_string_append (out, ",\"to_id\":");
  gloss_json_append_any_string (out, to, FALSE);
  g_string_append (out, ",\"type\":\"relation\",\"direction\":\"right\",\"labels\":[");
  gloss_json_append_string (out, type, -1, FALSE);
  g_string_append (out, "]}");
}

/* One annotation: the record's spans, notes and relations. */
static void
append_annotation (GlossLabelStudioWriter  *self,
                   const GlossExportRecord *record)
{
  GlossFormatWriter *writer = GLOSS_FORMAT_WRITER (self);
  g_autoptr(GPtrArray) spans = gloss_format_writer_dup_spans (writer, record);
  g_autoptr(GPtrArray) relations = gloss_format_writer_dup_relations (writer, record, spans);
  GString *out = self->annotations;
  gboolean first = TRUE;

  if (out->len > 0)
    g_string_append_c (out, ',');
  g_string_append (out, "{\"completed_by\":{\"username\":");
  gloss_json_append_any_string (out, record->annotator, FALSE);
  g_string_append (out, "},\"was_cancelled\":false,\"ground_truth\":false,\"result\":[");

  for (guint i = 0; i < spans->len; i++)
    {
      GlossAnnotation *span = g_ptr_array_index (spans, i);
      const char *note = gloss_annotation_get_note (span);

      add_label (self, gloss_annotation_get_label (span), NULL);
      if (!first)
        g_string_append_c (out, ',');
      first = FALSE;
      append_labels_result (self, out, gloss_annotation_get_id (span),
                            gloss_annotation_get_start (span), gloss_annotation_get_end (span),
                            gloss_annotation_get_label (span), NULL);
      if (note != NULL && note[0] != '\0')
        {
          g_string_append_c (out, ',');
          append_note_result (self, out, span);
        }
    }

  for (guint i = 0; i < relations->len; i++)
    {
      GlossRelation *relation = g_ptr_array_index (relations, i);

      add_relation_type (self, gloss_relation_get_rel_type (relation));
      if (!first)
        g_string_append_c (out, ',');
      first = FALSE;
      append_relation_result (out, gloss_relation_get_from (relation),
                              gloss_relation_get_to (relation),
                              gloss_relation_get_rel_type (relation));
    }

  g_string_append (out, "]}");
}

/* Predictions */

typedef struct
{
  GString *result;
  double   score_sum;
  guint    n_scores;
} Prediction;

static void
prediction_free (gpointer data)
{
  Prediction *prediction = data;

  g_string_free (prediction->result, TRUE);
  g_free (prediction);
}

/* One suggestion into its source's prediction: its span, and for a quote
 * with a speaker the speaker's span and the "speaker" relation. */
static void
append_suggestion (GlossLabelStudioWriter *self,
                   Prediction             *prediction,
                   GlossSuggestionFile    *file,
                   GlossSuggestion        *suggestion)
{
  const char *id = gloss_suggestion_file_get_id (file, suggestion);
  const char *speaker_label;
  guint speaker_start, speaker_end;
  double score;
  gboolean has_score = gloss_suggestion_get_score (suggestion, &score);
  GString *out = prediction->result;

  if (out->len > 0)
    g_string_append_c (out, ',');
  add_label (self, gloss_suggestion_get_label (suggestion), NULL);
  append_labels_result (self, out, id, gloss_suggestion_get_start (suggestion),
                        gloss_suggestion_get_end (suggestion),
                        gloss_suggestion_get_label (suggestion), has_score ? &score : NULL);
  if (has_score)
    {
      prediction->score_sum += score;
      prediction->n_scores++;
    }

  if (gloss_suggestion_get_speaker (suggestion, &speaker_start, &speaker_end, &speaker_label))
    {
      g_autofree char *speaker_id = g_strconcat (id, "-speaker", NULL);

      add_label (self, speaker_label, NULL);
      add_relation_type (self, "speaker");
      g_string_append_c (out, ',');
      append_labels_result (self, out, speaker_id, speaker_start, speaker_end, speaker_label, NULL);
      g_string_append_c (out, ',');
      append_relation_result (out, id, speaker_id, "speaker");
    }
}

/* The record's annotator's pending suggestions, one prediction per
 * source. A suggestions file that fails to load is reported, its
 * suggestions left out; a tie (no label) is left out and counted in the
 * problem line of its file. */
static void
append_predictions (GlossLabelStudioWriter  *self,
                    const GlossExportRecord *record,
                    GlossExportSummary      *summary)
{
  const GlossExportOptions *options = gloss_format_writer_get_options (GLOSS_FORMAT_WRITER (self));
  g_autoptr(GlossSuggestionFile) file = NULL;
  g_autoptr(GHashTable) by_source = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, prediction_free);
  g_autoptr(GPtrArray) sources = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  GListModel *list;
  guint ties = 0;

  /* A document of no file (made from text) has no suggestions file. */
  if (gloss_document_get_file (record->document) == NULL)
    return;
  file = gloss_suggestion_file_new_for_document (record->document, record->annotator);
  if (file == NULL)
    return;
  path = g_file_get_parse_name (gloss_suggestion_file_get_file (file));
  if (!gloss_suggestion_file_load (file, NULL, &error))
    {
      g_ptr_array_add (summary->problems,
                       g_strdup_printf (_("%s: %s; its suggestions are not exported"),
                                        path, error->message));
      return;
    }

  list = gloss_suggestion_file_get_suggestions (file);
  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr(GlossSuggestion) suggestion = g_list_model_get_item (list, i);
      const char *source = gloss_suggestion_get_source (suggestion);
      const char *label = gloss_suggestion_get_label (suggestion);
      Prediction *prediction;

      if (label == NULL)
        {
          ties++;
          continue;
        }
      if (!gloss_export_options_wants_label (options, label))
        continue;

      prediction = g_hash_table_lookup (by_source, source);
      if (prediction == NULL)
        {
          prediction = g_new0 (Prediction, 1);
          prediction->result = g_string_new (NULL);
          g_hash_table_insert (by_source, g_strdup (source), prediction);
          g_ptr_array_add (sources, g_strdup (source));
        }
      append_suggestion (self, prediction, file, suggestion);
      summary->predictions++;
    }

  if (ties > 0)
    g_ptr_array_add (summary->problems,
                     g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                   "%s: %u suggestion is a tie between labels; Label Studio’s predictions need one label, so it is not exported",
                                                   "%s: %u suggestions are ties between labels; Label Studio’s predictions need one label, so they are not exported",
                                                   ties),
                                      path, ties));

  for (guint i = 0; i < sources->len; i++)
    {
      const char *source = g_ptr_array_index (sources, i);
      Prediction *prediction = g_hash_table_lookup (by_source, source);
      GString *out = self->predictions;

      if (out->len > 0)
        g_string_append_c (out, ',');
      g_string_append (out, "{\"model_version\":");
      gloss_json_append_any_string (out, source, FALSE);
      if (prediction->n_scores > 0)
        {
          char number[G_ASCII_DTOSTR_BUF_SIZE];

          g_string_append (out, ",\"score\":");
          g_string_append (out, g_ascii_dtostr (number, sizeof number,
                                                prediction->score_sum / prediction->n_scores));
        }
      g_string_append (out, ",\"result\":[");
      g_string_append_len (out, prediction->result->str, prediction->result->len);
      g_string_append (out, "]}");
    }
}

/* Tasks */

static gboolean
flush (GlossLabelStudioWriter  *self,
       GError                 **error)
{
  gboolean ok = TRUE;

  if (self->buffer->len > 0)
    ok = gloss_format_writer_write (GLOSS_FORMAT_WRITER (self), self->buffer->str,
                                    self->buffer->len, error);
  g_string_truncate (self->buffer, 0);

  return ok;
}

/* The task being made, into the buffer. */
static void
finish_task (GlossLabelStudioWriter *self)
{
  const GlossExportOptions *options = gloss_format_writer_get_options (GLOSS_FORMAT_WRITER (self));
  GString *out = self->buffer;

  if (self->article_id == NULL)
    return;

  self->n_tasks++;
  g_string_append (out, self->n_tasks > 1 ? ",\n" : "\n");
  g_string_append_printf (out, "{\"id\":%u,\"data\":{\"" LS_TEXT_NAME "\":", self->n_tasks);
  gloss_json_append_string (out, gloss_document_get_text (self->document), -1, FALSE);
  g_string_append (out, "},\"meta\":{\"gloss_article\":");
  gloss_json_append_any_string (out, self->article_id, FALSE);
  g_string_append (out, "},\"annotations\":[");
  g_string_append_len (out, self->annotations->str, self->annotations->len);
  g_string_append (out, "]");
  if (options->label_studio_predictions)
    {
      g_string_append (out, ",\"predictions\":[");
      g_string_append_len (out, self->predictions->str, self->predictions->len);
      g_string_append (out, "]");
    }
  g_string_append (out, "}");

  g_clear_pointer (&self->article_id, g_free);
  g_clear_object (&self->document);
  g_string_truncate (self->annotations, 0);
  g_string_truncate (self->predictions, 0);
}

/* @value for an XML attribute: escaped, and a tab or line break as a
 * character reference, which the parser's attribute-value normalization
 * keeps (a literal one would come back as a space, another label). */
static char *
dup_attribute (const char *value)
{
  g_autofree char *escaped = g_markup_escape_text (value, -1);
  GString *out = g_string_new (NULL);

  for (const char *p = escaped; *p != '\0'; p++)
    {
      if (*p == '\t')
        g_string_append (out, "&#9;");
      else if (*p == '\n')
        g_string_append (out, "&#10;");
      else if (*p == '\r')
        g_string_append (out, "&#13;");
      else
        g_string_append_c (out, *p);
    }

  return g_string_free (out, FALSE);
}

/* Whether @value holds a character XML 1.0 has no place for, escaped or
 * not: a control character other than tab, line feed and carriage
 * return. */
static gboolean
has_xml_forbidden (const char *value)
{
  for (const char *p = value; *p != '\0'; p++)
    if ((guchar) *p < 0x20 && *p != '\t' && *p != '\n' && *p != '\r')
      return TRUE;
  return FALSE;
}

/* Says which labels and relation types the config cannot hold: Label
 * Studio would refuse it whole. */
static void
report_forbidden (GlossLabelStudioWriter *self,
                  GlossExportSummary     *summary)
{
  GPtrArray *lists[] = { self->labels, self->relation_types };

  for (guint l = 0; l < G_N_ELEMENTS (lists); l++)
    for (guint i = 0; i < lists[l]->len; i++)
      {
        const char *value = g_ptr_array_index (lists[l], i);
        g_autofree char *shown = NULL;

        if (!has_xml_forbidden (value))
          continue;
        shown = gloss_import_dup_visible (value, 40);
        g_ptr_array_add (summary->problems,
                         g_strdup_printf (_("“%s” holds a control character, which XML 1.0 cannot hold: Label Studio will not open the labelling config"),
                                          shown));
      }
}

/* The labelling config: every label and relation type exported, the
 * text, and the per-region note. Each value XML-escaped. */
static char *
dup_config (GlossLabelStudioWriter *self)
{
  GString *out = g_string_new ("<View>\n");

  g_string_append (out, "  <Labels name=\"" LS_LABELS_NAME "\" toName=\"" LS_TEXT_NAME "\">\n");
  for (guint i = 0; i < self->labels->len; i++)
    {
      const char *label = g_ptr_array_index (self->labels, i);
      const char *color = g_hash_table_lookup (self->colors, label);
      g_autofree char *value = dup_attribute (label);

      g_string_append_printf (out, "    <Label value=\"%s\"", value);
      if (color != NULL && color[0] != '\0')
        {
          g_autofree char *background = dup_attribute (color);

          g_string_append_printf (out, " background=\"%s\"", background);
        }
      g_string_append (out, "/>\n");
    }
  g_string_append (out, "  </Labels>\n");
  g_string_append (out, "  <Text name=\"" LS_TEXT_NAME "\" value=\"$" LS_TEXT_NAME "\"/>\n");
  if (self->relation_types->len > 0)
    {
      g_string_append (out, "  <Relations>\n");
      for (guint i = 0; i < self->relation_types->len; i++)
        {
          g_autofree char *value = dup_attribute (g_ptr_array_index (self->relation_types, i));

          g_string_append_printf (out, "    <Relation value=\"%s\"/>\n", value);
        }
      g_string_append (out, "  </Relations>\n");
    }
  g_string_append (out, "  <TextArea name=\"" LS_NOTE_NAME "\" toName=\"" LS_TEXT_NAME
                   "\" perRegion=\"true\" editable=\"true\" displayMode=\"region-list\"/>\n");
  g_string_append (out, "</View>\n");

  return g_string_free (out, FALSE);
}

/* GlossFormatWriter */

static gboolean
label_studio_begin (GlossFormatWriter  *writer,
                    GError            **error)
{
  GlossLabelStudioWriter *self = GLOSS_LABEL_STUDIO_WRITER (writer);

  if (gloss_format_writer_get_stream (writer) == NULL)
    {
      g_set_error (error, GLOSS_ERROR, GLOSS_ERROR_FAILED,
                   _("The label-studio format writes one file, not a folder"));
      return FALSE;
    }

  g_string_append_c (self->buffer, '[');
  return TRUE;
}

static gboolean
label_studio_write_record (GlossFormatWriter        *writer,
                           const GlossExportRecord  *record,
                           GlossExportSummary       *summary,
                           GError                  **error)
{
  GlossLabelStudioWriter *self = GLOSS_LABEL_STUDIO_WRITER (writer);
  const GlossExportOptions *options = gloss_format_writer_get_options (writer);

  /* An article's records come one after the other. */
  if (self->article_id != NULL && strcmp (self->article_id, record->article_id) != 0)
    finish_task (self);
  if (self->article_id == NULL)
    {
      self->article_id = g_strdup (record->article_id);
      self->document = g_object_ref (record->document);
    }

  add_label_set (self, record->labels);
  append_annotation (self, record);
  if (options->label_studio_predictions)
    append_predictions (self, record, summary);

  if (self->buffer->len >= FLUSH_SIZE)
    return flush (self, error);
  return TRUE;
}

/* The config is written last, once every label is known, and only when
 * the tasks are all written. */
static gboolean
label_studio_end (GlossFormatWriter   *writer,
                  GlossExportSummary  *summary,
                  GError             **error)
{
  GlossLabelStudioWriter *self = GLOSS_LABEL_STUDIO_WRITER (writer);
  const GlossExportOptions *options = gloss_format_writer_get_options (writer);
  g_autofree char *config = NULL;
  g_autofree char *path = NULL;

  finish_task (self);
  g_string_append (self->buffer, self->n_tasks > 0 ? "\n]\n" : "]\n");
  if (!flush (self, error))
    return FALSE;
  if (options->label_studio_config == NULL)
    return TRUE;

  report_forbidden (self, summary);
  config = dup_config (self);
  path = g_file_get_path (options->label_studio_config);
  if (path == NULL)
    {
      g_set_error (error, GLOSS_ERROR, GLOSS_ERROR_FAILED,
                   _("The labelling config can only be written to a local file"));
      return FALSE;
    }

  return gloss_file_replace_contents (path, config, strlen (config), error);
}

static void
gloss_label_studio_writer_finalize (GObject *object)
{
  GlossLabelStudioWriter *self = GLOSS_LABEL_STUDIO_WRITER (object);

  g_string_free (self->buffer, TRUE);
  g_free (self->article_id);
  g_clear_object (&self->document);
  g_string_free (self->annotations, TRUE);
  g_string_free (self->predictions, TRUE);
  g_ptr_array_unref (self->labels);
  g_hash_table_unref (self->colors);
  g_ptr_array_unref (self->relation_types);
  g_hash_table_unref (self->relation_seen);
  g_hash_table_unref (self->label_sets);

  G_OBJECT_CLASS (gloss_label_studio_writer_parent_class)->finalize (object);
}

static void
gloss_label_studio_writer_class_init (GlossLabelStudioWriterClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GlossFormatWriterClass *writer_class = GLOSS_FORMAT_WRITER_CLASS (klass);

  object_class->finalize = gloss_label_studio_writer_finalize;
  writer_class->begin = label_studio_begin;
  writer_class->write_record = label_studio_write_record;
  writer_class->end = label_studio_end;
  /* Attributes and the article's fields: no place (counted as lost by
   * the export). */
}

static void
gloss_label_studio_writer_init (GlossLabelStudioWriter *self)
{
  self->buffer = g_string_sized_new (FLUSH_SIZE + 4096);
  self->annotations = g_string_new (NULL);
  self->predictions = g_string_new (NULL);
  self->labels = g_ptr_array_new_with_free_func (g_free);
  self->colors = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->relation_types = g_ptr_array_new_with_free_func (g_free);
  self->relation_seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->label_sets = g_hash_table_new_full (NULL, NULL, g_object_unref, NULL);
}

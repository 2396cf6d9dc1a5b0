/* gloss-format-jsonl.c — JSON Lines, one article × annotator a line
 *
 *   {"id": ARTICLE, "text": TEXT, "annotator": ID,
 *    "spans": [{"id", "start", "end", "label", "text"[, "note"][, "attributes"]}],
 *    "relations": [{"id", "type", "from", "to"}], "source": ARTICLE
 *    [, "document_labels": {FIELD: VALUE}]}
 *
 * The one format that holds everything Gloss keeps about a span, so it is
 * also what `gloss-cli import` reads back without loss. A note, a span's
 * attributes ({ID: VALUE}) and the article's fields are added only when
 * there are some, keeping the common line short; values are written as
 * the sidecar writes them (gloss_attribute_value_to_json()), so nothing is
 * counted as lost.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "gloss-attribute.h"
#include "gloss-format-writer.h"

struct _GlossJsonlWriter
{
  GlossFormatWriter parent_instance;
};

G_DEFINE_FINAL_TYPE (GlossJsonlWriter, gloss_jsonl_writer, GLOSS_TYPE_FORMAT_WRITER)

/* {id: value} of an "a{sv}" (attributes, document labels), or NULL when
 * it holds nothing. A value JSON cannot hold (a number that is not finite:
 * the sidecar reader never makes one) is counted in *@lost. */
static JsonObject *
values_to_object (GVariant *values,
                  guint    *lost)
{
  JsonObject *object;
  GVariantIter iter;
  const char *id;
  GVariant *value;

  if (values == NULL || g_variant_n_children (values) == 0)
    return NULL;

  object = json_object_new ();
  g_variant_iter_init (&iter, values);
  while (g_variant_iter_next (&iter, "{&sv}", &id, &value))
    {
      JsonNode *node = gloss_attribute_value_to_json (value);

      if (node != NULL)
        json_object_set_member (object, id, node);
      else
        (*lost)++;
      g_variant_unref (value);
    }

  return object;
}

static JsonNode *
span_to_node (GlossAnnotation    *span,
              GlossDocument      *document,
              GlossOffsetUnit     unit,
              GlossExportSummary *summary)
{
  JsonObject *attributes = values_to_object (gloss_annotation_peek_attributes (span),
                                             &summary->lost_attributes);
  JsonObject *object = json_object_new ();
  JsonNode *node = json_node_new (JSON_NODE_OBJECT);
  guint start = gloss_annotation_get_start (span);
  guint end = gloss_annotation_get_end (span);
  const char *note = gloss_annotation_get_note (span);
  /* From the article rather than "exact": the same after a clean load, and
   * certainly what the offsets point at. */
  g_autofree char *text = gloss_document_dup_slice (document, start, end);

  json_object_set_string_member (object, "id", gloss_annotation_get_id (span));
  json_object_set_int_member (object, "start", gloss_offset_convert (document, start, unit));
  json_object_set_int_member (object, "end", gloss_offset_convert (document, end, unit));
  json_object_set_string_member (object, "label", gloss_annotation_get_label (span));
  json_object_set_string_member (object, "text", text);
  if (note != NULL && note[0] != '\0')
    json_object_set_string_member (object, "note", note);
  if (attributes != NULL)
    json_object_set_object_member (object, "attributes", attributes);

  json_node_take_object (node, object);
  return node;
}

static JsonNode *
relation_to_node (GlossRelation *relation)
{
  JsonObject *object = json_object_new ();
  JsonNode *node = json_node_new (JSON_NODE_OBJECT);

  json_object_set_string_member (object, "id", gloss_relation_get_id (relation));
  json_object_set_string_member (object, "type", gloss_relation_get_rel_type (relation));
  json_object_set_string_member (object, "from", gloss_relation_get_from (relation));
  json_object_set_string_member (object, "to", gloss_relation_get_to (relation));

  json_node_take_object (node, object);
  return node;
}

static gboolean
jsonl_write_record (GlossFormatWriter        *writer,
                    const GlossExportRecord  *record,
                    GlossExportSummary       *summary,
                    GError                  **error)
{
  g_autoptr(GPtrArray) spans = gloss_format_writer_dup_spans (writer, record);
  g_autoptr(GPtrArray) relations = gloss_format_writer_dup_relations (writer, record, spans);
  g_autoptr(JsonNode) root = json_node_new (JSON_NODE_OBJECT);
  g_autofree char *line = NULL;
  JsonObject *object = json_object_new ();
  JsonArray *span_array = json_array_sized_new (spans->len);
  JsonArray *relation_array = json_array_sized_new (relations->len);
  GlossOffsetUnit unit = gloss_format_writer_get_options (writer)->offsets;
  JsonObject *fields = values_to_object (gloss_sidecar_peek_document_labels (record->sidecar),
                                         &summary->lost_fields);

  for (guint i = 0; i < spans->len; i++)
    json_array_add_element (span_array,
                            span_to_node (g_ptr_array_index (spans, i), record->document, unit,
                                          summary));
  for (guint i = 0; i < relations->len; i++)
    json_array_add_element (relation_array, relation_to_node (g_ptr_array_index (relations, i)));

  json_object_set_string_member (object, "id", record->article_id);
  json_object_set_string_member (object, "text", gloss_document_get_text (record->document));
  json_object_set_string_member (object, "annotator", record->annotator);
  json_object_set_array_member (object, "spans", span_array);
  json_object_set_array_member (object, "relations", relation_array);
  json_object_set_string_member (object, "source", record->article_id);
  if (fields != NULL)
    json_object_set_object_member (object, "document_labels", fields);
  json_node_take_object (root, object);

  line = gloss_export_json_line (root);
  return gloss_format_writer_write (writer, line, -1, error)
         && gloss_format_writer_write (writer, "\n", 1, error);
}

static void
gloss_jsonl_writer_class_init (GlossJsonlWriterClass *klass)
{
  GlossFormatWriterClass *writer_class = GLOSS_FORMAT_WRITER_CLASS (klass);

  writer_class->write_record = jsonl_write_record;
  writer_class->handles_attributes = TRUE;
  writer_class->handles_document_labels = TRUE;
}

static void
gloss_jsonl_writer_init (GlossJsonlWriter *self)
{
}

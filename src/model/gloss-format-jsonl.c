/* gloss-format-jsonl.c — JSON Lines, one article × annotator a line
 *
 *   {"id": ARTICLE, "text": TEXT, "annotator": ID,
 *    "spans": [{"id", "start", "end", "label", "text"[, "note"]}],
 *    "relations": [{"id", "type", "from", "to"}], "source": ARTICLE}
 *
 * The one format that holds everything Gloss keeps about a span, so it is
 * also what `gloss-cli import` reads back without loss. A note is added to
 * its span only when there is one, keeping the common line short.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "gloss-format-writer.h"

struct _GlossJsonlWriter
{
  GlossFormatWriter parent_instance;
};

G_DEFINE_FINAL_TYPE (GlossJsonlWriter, gloss_jsonl_writer, GLOSS_TYPE_FORMAT_WRITER)

static JsonNode *
span_to_node (GlossAnnotation *span,
              GlossDocument   *document,
              GlossOffsetUnit  unit)
{
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

  for (guint i = 0; i < spans->len; i++)
    json_array_add_element (span_array,
                            span_to_node (g_ptr_array_index (spans, i), record->document, unit));
  for (guint i = 0; i < relations->len; i++)
    json_array_add_element (relation_array, relation_to_node (g_ptr_array_index (relations, i)));

  json_object_set_string_member (object, "id", record->article_id);
  json_object_set_string_member (object, "text", gloss_document_get_text (record->document));
  json_object_set_string_member (object, "annotator", record->annotator);
  json_object_set_array_member (object, "spans", span_array);
  json_object_set_array_member (object, "relations", relation_array);
  json_object_set_string_member (object, "source", record->article_id);
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
}

static void
gloss_jsonl_writer_init (GlossJsonlWriter *self)
{
}

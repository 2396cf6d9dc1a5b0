/* gloss-format-doccano.c — doccano's JSONL for sequence labelling
 *
 *   {"text": TEXT, "label": [[start, end, LABEL], …], "annotator": ID}
 *
 * The shape doccano's "JSONL" import reads for a sequence-labelling project.
 * doccano keeps keys it does not know as the example's metadata, so the
 * annotator rides along; there is no place for relations or notes, which
 * are counted as lost.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "gloss-format.h"

typedef struct
{
  GlossFormatWriter parent;
} GlossDoccanoWriter;

static JsonArray *
span_to_triple (GlossAnnotation *span,
                GlossDocument   *document,
                GlossOffsetUnit  unit)
{
  JsonArray *triple = json_array_sized_new (3);

  json_array_add_int_element (triple,
                              gloss_offset_convert (document, gloss_annotation_get_start (span), unit));
  json_array_add_int_element (triple,
                              gloss_offset_convert (document, gloss_annotation_get_end (span), unit));
  json_array_add_string_element (triple, gloss_annotation_get_label (span));

  return triple;
}

static gboolean
doccano_write_record (GlossFormatWriter        *writer,
                      const GlossExportRecord  *record,
                      GlossExportSummary       *summary,
                      GError                  **error)
{
  g_autoptr(GPtrArray) spans = gloss_export_record_spans (record, writer->options);
  g_autoptr(GPtrArray) relations = gloss_export_record_relations (record, spans);
  g_autoptr(JsonNode) root = json_node_new (JSON_NODE_OBJECT);
  g_autofree char *line = NULL;
  JsonObject *object = json_object_new ();
  JsonArray *labels = json_array_sized_new (spans->len);

  for (guint i = 0; i < spans->len; i++)
    {
      GlossAnnotation *span = g_ptr_array_index (spans, i);
      const char *note = gloss_annotation_get_note (span);

      json_array_add_array_element (labels, span_to_triple (span, record->document,
                                                            writer->options->offsets));
      if (note != NULL && note[0] != '\0')
        summary->lost_notes++;
    }
  summary->lost_relations += relations->len;

  json_object_set_string_member (object, "text", gloss_document_get_text (record->document));
  json_object_set_array_member (object, "label", labels);
  json_object_set_string_member (object, "annotator", record->annotator);
  json_node_take_object (root, object);

  line = gloss_export_json_line (root);
  return gloss_export_write (writer->out, line, -1, error)
         && gloss_export_write (writer->out, "\n", 1, error);
}

static void
doccano_free (GlossFormatWriter *writer)
{
  g_free ((GlossDoccanoWriter *) writer);
}

GlossFormatWriter *
gloss_format_doccano_new (void)
{
  GlossDoccanoWriter *self = g_new0 (GlossDoccanoWriter, 1);

  self->parent.write_record = doccano_write_record;
  self->parent.free = doccano_free;

  return &self->parent;
}

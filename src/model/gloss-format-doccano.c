/* gloss-format-doccano.c — doccano's JSONL for sequence labelling
 *
 *   {"text": TEXT, "label": [[start, end, LABEL], …], "annotator": ID}
 *
 * or, for a project with relation labeling on (options->doccano_relations),
 *
 *   {"text": TEXT, "entities": [{"id", "start_offset", "end_offset", "label"}],
 *    "relations": [{"id", "from_id", "to_id", "type"}], "annotator": ID}
 *
 * The shapes doccano's own export writes and its import reads (the second
 * with the "Relation extraction" task). Offsets are in the unit asked for,
 * UTF-16 code units by default (gloss_format_get_default_offsets()): that
 * is what doccano's annotation view counts, slicing JavaScript strings.
 * doccano keeps keys it does not know as the example's metadata, so the
 * annotator rides along. Notes have no place, and relations none in the
 * classic shape: both are counted as lost.
 *
 * The article's choice fields (document_labels) become doccano categories,
 * "cats": ["FIELD:VALUE", …], the column doccano's "Intent Detection and
 * Slot Filling" project (sequence labelling and text classification at
 * once) reads besides "entities" — its column names are fixed
 * (create_builder() in doccano's backend/data_import/pipeline/
 * factories.py), and a category is one string (CategoryLabel in
 * labels.py), so the field's id goes in front of the value: two fields
 * may share a value id. When the record's label set declares a choice
 * field, every line of that label set gets "cats" (perhaps empty) and, in
 * the classic shape, also the spans as "entities" triples, which that
 * project reads ([start, end, label], SpanLabel.parse()) while a sequence
 * labelling project keeps them as metadata and reads "label". Fields of
 * other types, and fields the label set does not declare as a choice, have
 * no place in doccano and are counted as lost; so are spans' attributes.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "gloss-attribute.h"
#include "gloss-format-writer.h"

struct _GlossDoccanoWriter
{
  GlossFormatWriter parent_instance;
};

G_DEFINE_FINAL_TYPE (GlossDoccanoWriter, gloss_doccano_writer, GLOSS_TYPE_FORMAT_WRITER)

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

/* doccano's entity: its id is a number, unique within the example (doccano
 * matches relation ends to entities by example and id). */
static JsonObject *
span_to_entity (GlossAnnotation *span,
                guint            number,
                GlossDocument   *document,
                GlossOffsetUnit  unit)
{
  JsonObject *entity = json_object_new ();

  json_object_set_int_member (entity, "id", number);
  json_object_set_int_member (entity, "start_offset",
                              gloss_offset_convert (document, gloss_annotation_get_start (span), unit));
  json_object_set_int_member (entity, "end_offset",
                              gloss_offset_convert (document, gloss_annotation_get_end (span), unit));
  json_object_set_string_member (entity, "label", gloss_annotation_get_label (span));

  return entity;
}

static JsonArray *
spans_to_triples (GPtrArray               *spans,
                  const GlossExportRecord *record,
                  GlossOffsetUnit          unit)
{
  JsonArray *triples = json_array_sized_new (spans->len);

  for (guint i = 0; i < spans->len; i++)
    json_array_add_array_element (triples, span_to_triple (g_ptr_array_index (spans, i),
                                                           record->document, unit));
  return triples;
}

/* The classic shape: "label" triples (and the same as "entities" beside
 * "cats", see above); relations have no place. */
static void
add_labels (JsonObject              *object,
            GPtrArray               *spans,
            GPtrArray               *relations,
            const GlossExportRecord *record,
            GlossOffsetUnit          unit,
            gboolean                 categories,
            GlossExportSummary      *summary)
{
  summary->lost_relations += relations->len;

  json_object_set_array_member (object, "label", spans_to_triples (spans, record, unit));
  if (categories)
    json_object_set_array_member (object, "entities", spans_to_triples (spans, record, unit));
}

/* Whether @labels declares a choice field of the article. */
static gboolean
has_choice_fields (GlossLabelSet *labels)
{
  GPtrArray *fields = gloss_label_set_get_document_fields (labels);

  for (guint i = 0; i < fields->len; i++)
    if (gloss_attribute_get_value_type (g_ptr_array_index (fields, i)) == GLOSS_ATTRIBUTE_CHOICE)
      return TRUE;
  return FALSE;
}

static void
add_category (JsonArray  *categories,
              const char *field,
              const char *value)
{
  g_autofree char *category = g_strconcat (field, ":", value, NULL);

  json_array_add_string_element (categories, category);
}

/* "cats": each value of the article's choice fields as "FIELD:VALUE", in
 * field order (the sidecar's, by id) and value order; every other field
 * is counted as lost. */
static JsonArray *
fields_to_categories (const GlossExportRecord *record,
                      GlossExportSummary      *summary)
{
  GVariant *fields = gloss_sidecar_peek_document_labels (record->sidecar);
  JsonArray *categories = json_array_new ();
  GVariantIter iter;
  const char *id;
  GVariant *value;

  if (fields == NULL)
    return categories;

  g_variant_iter_init (&iter, fields);
  while (g_variant_iter_next (&iter, "{&sv}", &id, &value))
    {
      GlossAttribute *field = gloss_label_set_lookup_document_field (record->labels, id);

      if (field == NULL || gloss_attribute_get_value_type (field) != GLOSS_ATTRIBUTE_CHOICE)
        summary->lost_fields++;
      else if (g_variant_is_of_type (value, G_VARIANT_TYPE_STRING))
        add_category (categories, id, g_variant_get_string (value, NULL));
      else if (g_variant_is_of_type (value, G_VARIANT_TYPE_STRING_ARRAY))
        for (gsize i = 0; i < g_variant_n_children (value); i++)
          {
            g_autoptr(GVariant) child = g_variant_get_child_value (value, i);

            add_category (categories, id, g_variant_get_string (child, NULL));
          }
      else
        /* A value of another type, kept by the sidecar reader with a
         * warning: no category can hold it. */
        summary->lost_fields++;
      g_variant_unref (value);
    }

  return categories;
}

/* The relation shape: entities numbered 1, 2, … in document order, and
 * relations pointing at those numbers. */
static void
add_entities (JsonObject              *object,
              GPtrArray               *spans,
              GPtrArray               *relations,
              const GlossExportRecord *record,
              GlossOffsetUnit          unit)
{
  g_autoptr(GHashTable) numbers = g_hash_table_new (g_str_hash, g_str_equal);
  JsonArray *entities = json_array_sized_new (spans->len);
  JsonArray *links = json_array_sized_new (relations->len);

  for (guint i = 0; i < spans->len; i++)
    {
      GlossAnnotation *span = g_ptr_array_index (spans, i);

      g_hash_table_insert (numbers, (gpointer) gloss_annotation_get_id (span),
                           GUINT_TO_POINTER (i + 1));
      json_array_add_object_element (entities, span_to_entity (span, i + 1, record->document, unit));
    }

  /* Both ends are among the spans (gloss_format_writer_dup_relations()). */
  for (guint i = 0; i < relations->len; i++)
    {
      GlossRelation *relation = g_ptr_array_index (relations, i);
      JsonObject *link = json_object_new ();

      json_object_set_int_member (link, "id", i + 1);
      json_object_set_int_member (link, "from_id",
                                  GPOINTER_TO_UINT (g_hash_table_lookup (numbers, gloss_relation_get_from (relation))));
      json_object_set_int_member (link, "to_id",
                                  GPOINTER_TO_UINT (g_hash_table_lookup (numbers, gloss_relation_get_to (relation))));
      json_object_set_string_member (link, "type", gloss_relation_get_rel_type (relation));
      json_array_add_object_element (links, link);
    }

  json_object_set_array_member (object, "entities", entities);
  json_object_set_array_member (object, "relations", links);
}

static gboolean
doccano_write_record (GlossFormatWriter        *writer,
                      const GlossExportRecord  *record,
                      GlossExportSummary       *summary,
                      GError                  **error)
{
  g_autoptr(GPtrArray) spans = gloss_format_writer_dup_spans (writer, record);
  g_autoptr(GPtrArray) relations = gloss_format_writer_dup_relations (writer, record, spans);
  g_autoptr(JsonNode) root = json_node_new (JSON_NODE_OBJECT);
  g_autofree char *line = NULL;
  JsonObject *object = json_object_new ();
  GlossOffsetUnit unit = gloss_format_writer_get_options (writer)->offsets;
  gboolean categories = record->labels != NULL && has_choice_fields (record->labels);

  json_object_set_string_member (object, "text", gloss_document_get_text (record->document));
  if (gloss_format_writer_get_options (writer)->doccano_relations)
    add_entities (object, spans, relations, record, unit);
  else
    add_labels (object, spans, relations, record, unit, categories, summary);
  if (categories)
    json_object_set_array_member (object, "cats", fields_to_categories (record, summary));
  else
    {
      GVariant *fields = gloss_sidecar_peek_document_labels (record->sidecar);

      summary->lost_fields += fields != NULL ? g_variant_n_children (fields) : 0;
    }
  json_object_set_string_member (object, "annotator", record->annotator);
  json_node_take_object (root, object);

  for (guint i = 0; i < spans->len; i++)
    {
      const char *note = gloss_annotation_get_note (g_ptr_array_index (spans, i));

      if (note != NULL && note[0] != '\0')
        summary->lost_notes++;
    }

  line = gloss_export_json_line (root);
  return gloss_format_writer_write (writer, line, -1, error)
         && gloss_format_writer_write (writer, "\n", 1, error);
}

static void
gloss_doccano_writer_class_init (GlossDoccanoWriterClass *klass)
{
  GlossFormatWriterClass *writer_class = GLOSS_FORMAT_WRITER_CLASS (klass);

  writer_class->write_record = doccano_write_record;
  writer_class->handles_document_labels = TRUE;
}

static void
gloss_doccano_writer_init (GlossDoccanoWriter *self)
{
}

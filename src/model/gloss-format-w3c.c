/* gloss-format-w3c.c — W3C Web Annotation (JSON-LD) export
 *
 * One AnnotationCollection per export, its annotations embedded in a single
 * AnnotationPage. Each span becomes an Annotation with motivation
 * "classifying", its label a TextualBody and its note a second, "commenting"
 * TextualBody; its target is the article file with a TextQuoteSelector and a
 * TextPositionSelector. Each relation becomes an Annotation with motivation
 * "linking" whose target is the "from" annotation and whose body is the "to"
 * annotation plus a "tagging" TextualBody naming the relation type. Each
 * attribute value of a span is one more TextualBody, its purpose from the
 * attribute's type, and each of the article's fields (document_labels) an
 * annotation of the whole article; the attribute or field id is the body's
 * "schema:propertyID", a CURIE of a vocabulary the W3C context already
 * declares (Web Annotation Vocabulary §4, Extensions). Every other term is
 * the W3C model's own, so no extension context is needed and nothing Gloss
 * holds is lost. docs/w3c.md describes the mapping.
 *
 * Ids are name-based (version 5) UUIDs: the same corpus exports to the same
 * bytes, and a re-export keeps each annotation's id.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "gloss-annotation-set.h"
#include "gloss-format-writer.h"
#include "gloss-json-writer.h"

#define W3C_CONTEXT "http://www.w3.org/ns/anno.jsonld"

/* The indent of an annotation inside collection → first → items. */
#define ITEM_INDENT 6

/* Gloss's own namespace for version 5 UUIDs (a random UUID, fixed forever:
 * changing it would change every exported id). */
static const guint8 gloss_uuid_namespace[16] = {
  0x6b, 0xad, 0xc1, 0x7a, 0xab, 0x45, 0x43, 0x17,
  0xad, 0x19, 0x09, 0x8c, 0xc7, 0x98, 0xd7, 0x3b,
};

struct _GlossW3cWriter
{
  GlossFormatWriter parent_instance;

  /* The annotations, already printed. Buffered because the collection's
   * "total" and content-derived "id" come before them in the file. */
  GString *items;
  guint    n_items;
};

G_DEFINE_FINAL_TYPE (GlossW3cWriter, gloss_w3c_writer, GLOSS_TYPE_FORMAT_WRITER)

/* A started RFC 4122 version 5 UUID: SHA-1 over the namespace, then the
 * name, which the caller appends. */
static GChecksum *
uuid_v5_begin (void)
{
  GChecksum *checksum = g_checksum_new (G_CHECKSUM_SHA1);

  g_checksum_update (checksum, gloss_uuid_namespace, sizeof gloss_uuid_namespace);
  return checksum;
}

/* Name parts are joined with NUL bytes, which no path or id contains, so
 * two different lists of parts can never make the same name. */
static void
uuid_v5_add_part (GChecksum  *checksum,
                  const char *part,
                  gboolean    first)
{
  if (!first)
    g_checksum_update (checksum, (const guchar *) "", 1);
  g_checksum_update (checksum, (const guchar *) part, strlen (part));
}

/* "urn:uuid:…": the first 16 bytes of the digest with the version and
 * variant bits set. */
static char *
uuid_v5_end (GChecksum *checksum)
{
  guint8 digest[20];
  gsize length = sizeof digest;
  guint8 *b = digest;

  g_checksum_get_digest (checksum, digest, &length);
  g_checksum_free (checksum);

  b[6] = (b[6] & 0x0f) | 0x50;
  b[8] = (b[8] & 0x3f) | 0x80;

  return g_strdup_printf ("urn:uuid:%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-"
                          "%02x%02x%02x%02x%02x%02x",
                          b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7],
                          b[8], b[9], b[10], b[11], b[12], b[13], b[14], b[15]);
}

/* @kind ("annotation" or "relation") keeps a relation from sharing an id
 * with an annotation that happens to have the same Gloss id. */
static char *
item_uuid (const GlossExportRecord *record,
           const char              *kind,
           const char              *gloss_id)
{
  GChecksum *checksum = uuid_v5_begin ();

  uuid_v5_add_part (checksum, kind, TRUE);
  uuid_v5_add_part (checksum, record->article_id, FALSE);
  uuid_v5_add_part (checksum, record->annotator, FALSE);
  uuid_v5_add_part (checksum, gloss_id, FALSE);
  return uuid_v5_end (checksum);
}

static JsonObject *
textual_body (const char *purpose,
              const char *value)
{
  JsonObject *body = json_object_new ();

  json_object_set_string_member (body, "type", "TextualBody");
  json_object_set_string_member (body, "purpose", purpose);
  json_object_set_string_member (body, "value", value);
  json_object_set_string_member (body, "format", "text/plain");
  return body;
}

/* A value as the text of a TextualBody (whose "value" is a string in the
 * model): true/false, the number in the fewest digits that read back as
 * the same double, the string itself. Lists are split by the caller. */
static char *
value_text (GVariant *value)
{
  if (g_variant_is_of_type (value, G_VARIANT_TYPE_BOOLEAN))
    return g_strdup (g_variant_get_boolean (value) ? "true" : "false");

  if (g_variant_is_of_type (value, G_VARIANT_TYPE_DOUBLE))
    {
      double number = g_variant_get_double (value);
      char buffer[G_ASCII_DTOSTR_BUF_SIZE];

      g_ascii_formatd (buffer, sizeof buffer, "%.15g", number);
      if (g_ascii_strtod (buffer, NULL) != number)
        g_ascii_formatd (buffer, sizeof buffer, "%.17g", number);
      return g_strdup (buffer);
    }

  return g_variant_dup_string (value, NULL);
}

/* The W3C purpose (Web Annotation Data Model §3.3.5, the oa:Motivation
 * instances) of a value of @attribute: a choice or a yes/no puts the span
 * in a class ("classifying"); a text the label set constrains by a pattern
 * is a code that names something, such as a Wikidata QID ("identifying");
 * free text and numbers describe it ("describing"). An attribute the label
 * set does not declare (kept from the sidecar) is judged by its value:
 * booleans and lists classify, the rest describes. */
static const char *
purpose_for (GlossAttribute *attribute,
             GVariant       *value)
{
  if (attribute != NULL)
    {
      switch (gloss_attribute_get_value_type (attribute))
        {
        case GLOSS_ATTRIBUTE_CHOICE:
        case GLOSS_ATTRIBUTE_BOOLEAN:
          return "classifying";
        case GLOSS_ATTRIBUTE_TEXT:
          return gloss_attribute_get_pattern (attribute) != NULL ? "identifying" : "describing";
        case GLOSS_ATTRIBUTE_NUMBER:
        default:
          return "describing";
        }
    }

  if (g_variant_is_of_type (value, G_VARIANT_TYPE_BOOLEAN)
      || g_variant_is_of_type (value, G_VARIANT_TYPE_STRING_ARRAY))
    return "classifying";
  return "describing";
}

/* One body per value (a list gives one per item, in its order), each
 * naming the attribute by "schema:propertyID": schema.org is a prefix of
 * the W3C context, and its propertyID is "a property … of the value", so
 * any JSON-LD processor expands it without a context of ours. */
static void
add_value_bodies (JsonArray      *bodies,
                  const char     *id,
                  GlossAttribute *attribute,
                  GVariant       *value)
{
  const char *purpose = purpose_for (attribute, value);
  gsize n = g_variant_is_of_type (value, G_VARIANT_TYPE_STRING_ARRAY)
            ? g_variant_n_children (value) : 1;

  for (gsize i = 0; i < n; i++)
    {
      g_autoptr(GVariant) item = g_variant_is_of_type (value, G_VARIANT_TYPE_STRING_ARRAY)
                                 ? g_variant_get_child_value (value, i)
                                 : g_variant_ref (value);
      g_autofree char *text = value_text (item);
      JsonObject *body = textual_body (purpose, text);

      json_object_set_string_member (body, "schema:propertyID", id);
      json_array_add_object_element (bodies, body);
    }
}

/* The annotator as a W3C Agent: a URN for the id (the model wants an IRI),
 * the display name as "name" and the Gloss id as "nickname". */
static JsonObject *
creator_for (const GlossExportRecord *record)
{
  JsonObject *creator = json_object_new ();
  const char *name = gloss_sidecar_get_annotator_name (record->sidecar);
  g_autofree char *iri = g_strconcat ("urn:gloss:annotator:", record->annotator, NULL);

  json_object_set_string_member (creator, "id", iri);
  json_object_set_string_member (creator, "type", "Person");
  if (name != NULL && name[0] != '\0')
    json_object_set_string_member (creator, "name", name);
  json_object_set_string_member (creator, "nickname", record->annotator);
  return creator;
}

static JsonObject *
annotation_begin (const char *id,
                  const char *motivation,
                  JsonObject *creator)
{
  JsonObject *object = json_object_new ();

  /* Repeated on every annotation so each one stands alone when taken out
   * of the collection (e.g. to post it to an annotation server). */
  json_object_set_string_member (object, "@context", W3C_CONTEXT);
  json_object_set_string_member (object, "id", id);
  json_object_set_string_member (object, "type", "Annotation");
  json_object_set_string_member (object, "motivation", motivation);
  json_object_set_object_member (object, "creator", json_object_ref (creator));
  return object;
}

/* Quote and position selectors are alternatives for the same text, as the
 * model allows; the quote repairs the position if the file changed. */
static JsonArray *
selectors_for (GlossDocument   *document,
               GlossAnnotation *annotation,
               GlossOffsetUnit  unit)
{
  JsonArray *selectors = json_array_new ();
  JsonObject *quote = json_object_new ();
  JsonObject *position = json_object_new ();
  guint start = gloss_annotation_get_start (annotation);
  guint end = gloss_annotation_get_end (annotation);
  guint length = gloss_document_get_length (document);
  guint prefix_start = start > GLOSS_CONTEXT_LENGTH ? start - GLOSS_CONTEXT_LENGTH : 0;
  guint suffix_end = length - end > GLOSS_CONTEXT_LENGTH ? end + GLOSS_CONTEXT_LENGTH : length;
  g_autofree char *exact = gloss_document_dup_slice (document, start, end);
  g_autofree char *prefix = gloss_document_dup_slice (document, prefix_start, start);
  g_autofree char *suffix = gloss_document_dup_slice (document, end, suffix_end);

  json_object_set_string_member (quote, "type", "TextQuoteSelector");
  json_object_set_string_member (quote, "exact", exact);
  if (prefix[0] != '\0')
    json_object_set_string_member (quote, "prefix", prefix);
  if (suffix[0] != '\0')
    json_object_set_string_member (quote, "suffix", suffix);
  json_array_add_object_element (selectors, quote);

  json_object_set_string_member (position, "type", "TextPositionSelector");
  json_object_set_int_member (position, "start", gloss_offset_convert (document, start, unit));
  json_object_set_int_member (position, "end", gloss_offset_convert (document, end, unit));
  json_array_add_object_element (selectors, position);

  return selectors;
}

static JsonObject *
span_annotation (const GlossExportRecord *record,
                 GlossAnnotation         *annotation,
                 JsonObject              *creator,
                 const char              *source,
                 GlossOffsetUnit          unit)
{
  g_autofree char *id = item_uuid (record, "annotation", gloss_annotation_get_id (annotation));
  JsonObject *object = annotation_begin (id, "classifying", creator);
  JsonObject *label = textual_body ("classifying", gloss_annotation_get_label (annotation));
  const char *note = gloss_annotation_get_note (annotation);
  const char *created = gloss_annotation_get_created (annotation);
  const char *modified = gloss_annotation_get_modified (annotation);
  GVariant *attributes = gloss_annotation_peek_attributes (annotation);
  JsonObject *target = json_object_new ();
  JsonArray *bodies = json_array_new ();

  if (created != NULL)
    json_object_set_string_member (object, "created", created);
  if (modified != NULL)
    json_object_set_string_member (object, "modified", modified);

  json_array_add_object_element (bodies, label);
  if (note != NULL && note[0] != '\0')
    json_array_add_object_element (bodies, textual_body ("commenting", note));
  /* The attributes after the label and the note, by id (the order of
   * peek_attributes), so the same span gives the same bytes. */
  if (attributes != NULL)
    {
      for (gsize i = 0; i < g_variant_n_children (attributes); i++)
        {
          const char *attribute_id;
          g_autoptr(GVariant) value = NULL;

          g_variant_get_child (attributes, i, "{&sv}", &attribute_id, &value);
          add_value_bodies (bodies, attribute_id,
                            record->labels != NULL
                            ? gloss_label_set_lookup_attribute (record->labels, attribute_id)
                            : NULL,
                            value);
        }
    }

  /* One body is written as an object, more as an array, as JSON-LD
   * compaction (and every W3C example) does. */
  if (json_array_get_length (bodies) == 1)
    {
      json_object_set_object_member (object, "body",
                                     json_object_ref (json_array_get_object_element (bodies, 0)));
      json_array_unref (bodies);
    }
  else
    {
      json_object_set_array_member (object, "body", bodies);
    }

  json_object_set_string_member (target, "source", source);
  json_object_set_array_member (target, "selector",
                                selectors_for (record->document, annotation, unit));
  json_object_set_object_member (object, "target", target);

  return object;
}

/* "from" is the target, "to" the body: the quote links to its speaker. */
static JsonObject *
relation_annotation (const GlossExportRecord *record,
                     GlossRelation           *relation,
                     JsonObject              *creator)
{
  g_autofree char *id = item_uuid (record, "relation", gloss_relation_get_id (relation));
  g_autofree char *from = item_uuid (record, "annotation", gloss_relation_get_from (relation));
  g_autofree char *to = item_uuid (record, "annotation", gloss_relation_get_to (relation));
  JsonObject *object = annotation_begin (id, "linking", creator);
  JsonArray *bodies = json_array_new ();

  json_array_add_string_element (bodies, to);
  json_array_add_object_element (bodies,
                                 textual_body ("tagging", gloss_relation_get_rel_type (relation)));
  json_object_set_array_member (object, "body", bodies);
  json_object_set_string_member (object, "target", from);

  return object;
}

/* One of the article's fields: an annotation of the whole article (its
 * target the source with no selector, as the model allows for a whole
 * resource, §3.2), classifying, with one body per value. */
static JsonObject *
field_annotation (const GlossExportRecord *record,
                  const char              *field_id,
                  GVariant                *value,
                  JsonObject              *creator,
                  const char              *source)
{
  g_autofree char *id = item_uuid (record, "document-label", field_id);
  JsonObject *object = annotation_begin (id, "classifying", creator);
  JsonArray *bodies = json_array_new ();

  add_value_bodies (bodies, field_id,
                    record->labels != NULL
                    ? gloss_label_set_lookup_document_field (record->labels, field_id)
                    : NULL,
                    value);
  /* An empty list is removed by the sidecar, so there is a body. */
  if (json_array_get_length (bodies) == 1)
    {
      json_object_set_object_member (object, "body",
                                     json_object_ref (json_array_get_object_element (bodies, 0)));
      json_array_unref (bodies);
    }
  else
    {
      json_object_set_array_member (object, "body", bodies);
    }
  json_object_set_string_member (object, "target", source);

  return object;
}

static void
add_item (GlossW3cWriter *self,
          JsonObject     *object)
{
  g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), object);

  if (self->n_items > 0)
    g_string_append (self->items, ",\n");
  for (guint i = 0; i < ITEM_INDENT; i++)
    g_string_append_c (self->items, ' ');
  gloss_json_write_node (self->items, node, ITEM_INDENT);
  self->n_items++;
}

static gboolean
w3c_begin (GlossFormatWriter  *writer,
           GError            **error)
{
  GlossW3cWriter *self = GLOSS_W3C_WRITER (writer);

  g_string_truncate (self->items, 0);
  self->n_items = 0;
  return TRUE;
}

static gboolean
w3c_write_record (GlossFormatWriter        *writer,
                  const GlossExportRecord  *record,
                  GlossExportSummary       *summary,
                  GError                  **error)
{
  GlossW3cWriter *self = GLOSS_W3C_WRITER (writer);
  GlossOffsetUnit unit = gloss_format_writer_get_options (writer)->offsets;
  /* The walker counts spans, relations and notes; W3C holds all of them,
   * attributes and the article's fields too, so this writer has no losses
   * to count. */
  g_autoptr(GPtrArray) spans = gloss_format_writer_dup_spans (writer, record);
  g_autoptr(GPtrArray) relations = gloss_format_writer_dup_relations (writer, record, spans);
  g_autoptr(JsonObject) creator = creator_for (record);
  g_autofree char *source = g_file_get_uri (record->article_file);
  GVariant *fields = gloss_sidecar_peek_document_labels (record->sidecar);

  /* The article's fields first: they are about the whole of it. */
  if (fields != NULL)
    {
      for (gsize i = 0; i < g_variant_n_children (fields); i++)
        {
          const char *field_id;
          g_autoptr(GVariant) value = NULL;
          g_autoptr(JsonObject) object = NULL;

          g_variant_get_child (fields, i, "{&sv}", &field_id, &value);
          if (g_variant_is_of_type (value, G_VARIANT_TYPE_STRING_ARRAY)
              && g_variant_n_children (value) == 0)
            continue;
          object = field_annotation (record, field_id, value, creator, source);
          add_item (self, object);
        }
    }

  for (guint i = 0; i < spans->len; i++)
    {
      GlossAnnotation *annotation = g_ptr_array_index (spans, i);
      g_autoptr(JsonObject) object = span_annotation (record, annotation, creator, source, unit);

      add_item (self, object);
    }

  for (guint i = 0; i < relations->len; i++)
    {
      g_autoptr(JsonObject) object =
        relation_annotation (record, g_ptr_array_index (relations, i), creator);

      add_item (self, object);
    }

  return TRUE;
}

/* The ids of the collection and of its page ("collection", "page") name
 * their content: the same annotations give the same ids, any change new
 * ones. */
static char *
content_uuid (GlossW3cWriter *self,
              const char     *kind)
{
  GChecksum *checksum = uuid_v5_begin ();

  uuid_v5_add_part (checksum, kind, TRUE);
  uuid_v5_add_part (checksum, self->items->str, FALSE);
  return uuid_v5_end (checksum);
}

static gboolean
w3c_end (GlossFormatWriter   *writer,
         GlossExportSummary  *summary,
         GError             **error)
{
  GlossW3cWriter *self = GLOSS_W3C_WRITER (writer);
  g_autoptr(GString) head = g_string_new (NULL);
  g_autofree char *id = content_uuid (self, "collection");
  g_autofree char *page_id = NULL;
  const char *tail = "\n    ]\n  }\n}\n";

  /* Only ASCII literals and a UUID go into the header: nothing to escape.
   * The label is data, not interface text, so it is not translated. */
  g_string_append_printf (head,
                          "{\n"
                          "  \"@context\": \"" W3C_CONTEXT "\",\n"
                          "  \"id\": \"%s\",\n"
                          "  \"type\": \"AnnotationCollection\",\n"
                          "  \"label\": \"Gloss export\",\n"
                          "  \"total\": %u",
                          id, self->n_items);

  /* A page must hold at least one item, so an empty collection has none. */
  if (self->n_items == 0)
    {
      g_string_append (head, "\n}\n");
      return gloss_format_writer_write (writer, head->str, head->len, error);
    }

  /* The model wants an IRI even for a page embedded in its collection. */
  page_id = content_uuid (self, "page");
  g_string_append_printf (head,
                          ",\n"
                          "  \"first\": {\n"
                          "    \"id\": \"%s\",\n"
                          "    \"type\": \"AnnotationPage\",\n"
                          "    \"partOf\": \"%s\",\n"
                          "    \"startIndex\": 0,\n"
                          "    \"items\": [\n",
                          page_id, id);

  return gloss_format_writer_write (writer, head->str, head->len, error)
         && gloss_format_writer_write (writer, self->items->str, self->items->len, error)
         && gloss_format_writer_write (writer, tail, strlen (tail), error);
}

static void
gloss_w3c_writer_finalize (GObject *object)
{
  GlossW3cWriter *self = GLOSS_W3C_WRITER (object);

  g_string_free (self->items, TRUE);

  G_OBJECT_CLASS (gloss_w3c_writer_parent_class)->finalize (object);
}

static void
gloss_w3c_writer_class_init (GlossW3cWriterClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GlossFormatWriterClass *writer_class = GLOSS_FORMAT_WRITER_CLASS (klass);

  object_class->finalize = gloss_w3c_writer_finalize;
  writer_class->begin = w3c_begin;
  writer_class->write_record = w3c_write_record;
  writer_class->end = w3c_end;
  writer_class->handles_attributes = TRUE;
  writer_class->handles_document_labels = TRUE;
}

static void
gloss_w3c_writer_init (GlossW3cWriter *self)
{
  self->items = g_string_new (NULL);
}

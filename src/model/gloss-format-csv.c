/* gloss-format-csv.c — one row per span, for spreadsheets
 *
 *   article,annotator,id,label,start,end,text,note,speaker
 *
 * RFC 4180: CRLF after every row, a field in double quotes when it holds a
 * comma, a double quote, CR or LF, and quotes inside doubled. UTF-8 without
 * a BOM. "speaker" holds the id of the span a speaker relation leads to
 * from this one (a quote's speaker); a row has room for one, so a second
 * speaker of the same quote and relations of other types are counted as
 * lost.
 *
 * After those columns, which stay where they are (readers go by position
 * too): one per attribute of spans the label set declares, in file order,
 * named by its id ("attributes.ID" when the id is one of the columns
 * above), then one per field of the article it declares, named
 * "document_labels.ID" and repeated on each of the article's rows. The
 * label set is the first record's: the header is written with the first
 * row (or, for an export with no record, at the end, without those
 * columns). Values are text: true or false, a choice's id, a number as
 * JSON writes it (C locale, no exponent for whole numbers), text as it is,
 * and several choices joined with "|", a "|" or "\" inside one written
 * "\|" or "\\". An empty cell is no value. What has no column — a value
 * of an attribute or field the first record's label set does not declare,
 * and the fields of an article with no span, which has no row — is
 * counted as lost; so is a value that would write an empty cell (empty
 * text, a list of one empty text), which a reader could not tell from no
 * value, and each of those is said. (A mark for it, say a lone "\", would
 * be one more rule for every reader of a spreadsheet format, for a value
 * that is almost always a slip.)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "gloss-attribute.h"
#include "gloss-format-writer.h"

struct _GlossCsvWriter
{
  GlossFormatWriter  parent_instance;
  GString           *row;          /* reused for every row */
  gboolean           header_done;
  GPtrArray         *attributes;   /* char*: the attribute columns' ids */
  GPtrArray         *fields;       /* char*: the article field columns' ids */
};

G_DEFINE_FINAL_TYPE (GlossCsvWriter, gloss_csv_writer, GLOSS_TYPE_FORMAT_WRITER)

static const char * const columns[] = {
  "article", "annotator", "id", "label", "start", "end", "text", "note", "speaker",
};

static void
append_field (GString    *row,
              const char *value,
              gboolean    last)
{
  if (value == NULL)
    value = "";

  if (strpbrk (value, ",\"\r\n") == NULL)
    g_string_append (row, value);
  else
    {
      g_string_append_c (row, '"');
      for (const char *p = value; *p != '\0'; p++)
        {
          if (*p == '"')
            g_string_append_c (row, '"');
          g_string_append_c (row, *p);
        }
      g_string_append_c (row, '"');
    }

  g_string_append (row, last ? "\r\n" : ",");
}

static void
append_number (GString *row,
               guint    value)
{
  g_string_append_printf (row, "%u,", value);
}

static gboolean
is_column (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (columns); i++)
    if (strcmp (columns[i], name) == 0)
      return TRUE;
  return FALSE;
}

static gboolean
has_id (GPtrArray  *ids,
        const char *id)
{
  return g_ptr_array_find_with_equal_func (ids, id, g_str_equal, NULL);
}

/* The header, with the columns of @labels' attributes and fields (none
 * when NULL). */
static gboolean
write_header (GlossCsvWriter  *self,
              GlossLabelSet   *labels,
              GError         **error)
{
  GString *row = self->row;

  self->header_done = TRUE;
  if (labels != NULL)
    {
      GPtrArray *attributes = gloss_label_set_get_attributes (labels);
      GPtrArray *fields = gloss_label_set_get_document_fields (labels);

      for (guint i = 0; i < attributes->len; i++)
        g_ptr_array_add (self->attributes,
                         g_strdup (gloss_attribute_get_id (g_ptr_array_index (attributes, i))));
      for (guint i = 0; i < fields->len; i++)
        g_ptr_array_add (self->fields,
                         g_strdup (gloss_attribute_get_id (g_ptr_array_index (fields, i))));
    }

  g_string_truncate (row, 0);
  for (guint i = 0; i < G_N_ELEMENTS (columns); i++)
    append_field (row, columns[i], FALSE);
  for (guint i = 0; i < self->attributes->len; i++)
    {
      const char *id = g_ptr_array_index (self->attributes, i);
      g_autofree char *name = is_column (id) ? g_strconcat ("attributes.", id, NULL) : g_strdup (id);

      append_field (row, name, FALSE);
    }
  for (guint i = 0; i < self->fields->len; i++)
    {
      g_autofree char *name = g_strconcat ("document_labels.", (char *) g_ptr_array_index (self->fields, i), NULL);

      append_field (row, name, FALSE);
    }
  /* The row ends with a CRLF instead of its last comma. */
  g_string_truncate (row, row->len - 1);
  g_string_append (row, "\r\n");

  return gloss_format_writer_write (GLOSS_FORMAT_WRITER (self), row->str, row->len, error);
}

/* @value as the text of a cell (see the top of the file). */
static char *
value_to_text (GVariant *value)
{
  GString *text = g_string_new (NULL);

  if (value == NULL)
    ;
  else if (g_variant_is_of_type (value, G_VARIANT_TYPE_BOOLEAN))
    g_string_append (text, g_variant_get_boolean (value) ? "true" : "false");
  else if (g_variant_is_of_type (value, G_VARIANT_TYPE_STRING))
    g_string_append (text, g_variant_get_string (value, NULL));
  else if (g_variant_is_of_type (value, G_VARIANT_TYPE_DOUBLE))
    gloss_attribute_value_write (text, value, 0);
  else if (g_variant_is_of_type (value, G_VARIANT_TYPE_STRING_ARRAY))
    for (gsize i = 0; i < g_variant_n_children (value); i++)
      {
        g_autoptr(GVariant) child = g_variant_get_child_value (value, i);

        if (i > 0)
          g_string_append_c (text, '|');
        for (const char *p = g_variant_get_string (child, NULL); *p != '\0'; p++)
          {
            if (*p == '|' || *p == '\\')
              g_string_append_c (text, '\\');
            g_string_append_c (text, *p);
          }
      }

  return g_string_free (text, FALSE);
}

/* How many values of @values ("a{sv}", nullable) have no column in @ids. */
static guint
count_without_column (GVariant  *values,
                      GPtrArray *ids)
{
  guint lost = 0;

  for (gsize i = 0; values != NULL && i < g_variant_n_children (values); i++)
    {
      const char *id;

      g_variant_get_child (values, i, "{&sv}", &id, NULL);
      if (!has_id (ids, id))
        lost++;
    }

  return lost;
}

static gboolean
csv_end (GlossFormatWriter   *writer,
         GlossExportSummary  *summary,
         GError             **error)
{
  GlossCsvWriter *self = GLOSS_CSV_WRITER (writer);

  return self->header_done || write_header (self, NULL, error);
}

/* span id → id of its speaker (borrowed from @relations); every relation
 * that does not fit the column is counted as lost. */
static GHashTable *
collect_speakers (GPtrArray          *relations,
                  GlossExportSummary *summary)
{
  GHashTable *speakers = g_hash_table_new (g_str_hash, g_str_equal);

  /* Relations come sorted by (type, from, to, id): the first speaker of a
   * quote is the one with the smallest target id. */
  for (guint i = 0; i < relations->len; i++)
    {
      GlossRelation *relation = g_ptr_array_index (relations, i);
      const char *from = gloss_relation_get_from (relation);

      if (g_strcmp0 (gloss_relation_get_rel_type (relation), GLOSS_RELATION_SPEAKER) != 0
          || g_hash_table_contains (speakers, from))
        {
          summary->lost_relations++;
          continue;
        }

      g_hash_table_insert (speakers, (gpointer) from, (gpointer) gloss_relation_get_to (relation));
    }

  return speakers;
}

/* A cell for each id of @ids: its value in @values ("a{sv}", nullable),
 * or empty. */
static void
append_values (GString   *row,
               GPtrArray *ids,
               GVariant  *values)
{
  for (guint i = 0; i < ids->len; i++)
    {
      g_autoptr(GVariant) value = NULL;
      g_autofree char *text = NULL;

      if (values != NULL)
        value = g_variant_lookup_value (values, g_ptr_array_index (ids, i), NULL);
      text = value_to_text (value);
      append_field (row, text, FALSE);
    }
}

/* Whether @value is set but writes as an empty cell, which is what no
 * value writes: empty text, or a list of one empty text. */
static gboolean
writes_empty_cell (GVariant *value)
{
  g_autofree char *text = NULL;

  if (!gloss_attribute_value_is_set (value))
    return FALSE;

  text = value_to_text (value);
  return text[0] == '\0';
}

static void
add_problem (GlossExportSummary *summary,
             char               *line)
{
  if (summary->problems != NULL)
    g_ptr_array_add (summary->problems, line);
  else
    g_free (line);
}

/* Counts what of @values ("a{sv}", nullable) the cells of @ids do not
 * hold — a value without a column, and one that writes as an empty cell
 * (said, each with the sidecar and @span_id) — in lost_attributes, or,
 * for the article's fields (@span_id NULL), in lost_fields. */
static void
count_lost (GPtrArray               *ids,
            GVariant                *values,
            const GlossExportRecord *record,
            const char              *span_id,
            GlossExportSummary      *summary)
{
  guint *lost = span_id != NULL ? &summary->lost_attributes : &summary->lost_fields;
  g_autofree char *source = NULL;

  *lost += count_without_column (values, ids);

  for (guint i = 0; values != NULL && i < ids->len; i++)
    {
      const char *id = g_ptr_array_index (ids, i);
      g_autoptr(GVariant) value = g_variant_lookup_value (values, id, NULL);
      g_autofree char *shown = NULL;

      if (!writes_empty_cell (value))
        continue;

      (*lost)++;
      if (source == NULL)
        source = g_file_get_parse_name (gloss_sidecar_get_file (record->sidecar));
      shown = gloss_attribute_describe_value (value);
      if (span_id != NULL)
        /* Translators: the sidecar, the span's id, the attribute's id and
         * its value (“” for empty text) */
        add_problem (summary, g_strdup_printf (_("%s: span %s: attribute %s is %s, which an empty cell cannot tell from no value; not written"),
                                               source, span_id, id, shown));
      else
        /* Translators: the sidecar, the field's id and its value (“” for
         * empty text) */
        add_problem (summary, g_strdup_printf (_("%s: article field %s is %s, which an empty cell cannot tell from no value; not written"),
                                               source, id, shown));
    }
}

static gboolean
csv_write_record (GlossFormatWriter        *writer,
                  const GlossExportRecord  *record,
                  GlossExportSummary       *summary,
                  GError                  **error)
{
  GlossCsvWriter *self = GLOSS_CSV_WRITER (writer);
  g_autoptr(GPtrArray) spans = gloss_format_writer_dup_spans (writer, record);
  g_autoptr(GPtrArray) relations = gloss_format_writer_dup_relations (writer, record, spans);
  g_autoptr(GHashTable) speakers = collect_speakers (relations, summary);
  GlossOffsetUnit unit = gloss_format_writer_get_options (writer)->offsets;
  GString *row = self->row;
  GVariant *fields = gloss_sidecar_peek_document_labels (record->sidecar);

  if (!self->header_done && !write_header (self, record->labels, error))
    return FALSE;

  /* The article's fields ride on its rows: without one, they are lost.
   * They are counted once, not once a row. */
  if (spans->len == 0)
    summary->lost_fields += fields != NULL ? g_variant_n_children (fields) : 0;
  else
    count_lost (self->fields, fields, record, NULL, summary);

  for (guint i = 0; i < spans->len; i++)
    {
      GlossAnnotation *span = g_ptr_array_index (spans, i);
      const char *id = gloss_annotation_get_id (span);
      guint start = gloss_annotation_get_start (span);
      guint end = gloss_annotation_get_end (span);
      g_autofree char *text = gloss_document_dup_slice (record->document, start, end);

      g_string_truncate (row, 0);
      append_field (row, record->article_id, FALSE);
      append_field (row, record->annotator, FALSE);
      append_field (row, id, FALSE);
      append_field (row, gloss_annotation_get_label (span), FALSE);
      append_number (row, gloss_offset_convert (record->document, start, unit));
      append_number (row, gloss_offset_convert (record->document, end, unit));
      append_field (row, text, FALSE);
      append_field (row, gloss_annotation_get_note (span), FALSE);
      append_field (row, g_hash_table_lookup (speakers, id), FALSE);
      append_values (row, self->attributes, gloss_annotation_peek_attributes (span));
      append_values (row, self->fields, fields);
      count_lost (self->attributes, gloss_annotation_peek_attributes (span), record, id, summary);
      /* The row ends with a CRLF instead of its last comma. */
      g_string_truncate (row, row->len - 1);
      g_string_append (row, "\r\n");

      if (!gloss_format_writer_write (writer, row->str, row->len, error))
        return FALSE;
    }

  return TRUE;
}

static void
gloss_csv_writer_finalize (GObject *object)
{
  GlossCsvWriter *self = GLOSS_CSV_WRITER (object);

  g_string_free (self->row, TRUE);
  g_ptr_array_unref (self->attributes);
  g_ptr_array_unref (self->fields);

  G_OBJECT_CLASS (gloss_csv_writer_parent_class)->finalize (object);
}

static void
gloss_csv_writer_class_init (GlossCsvWriterClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GlossFormatWriterClass *writer_class = GLOSS_FORMAT_WRITER_CLASS (klass);

  object_class->finalize = gloss_csv_writer_finalize;
  writer_class->write_record = csv_write_record;
  writer_class->end = csv_end;
  writer_class->handles_attributes = TRUE;
  writer_class->handles_document_labels = TRUE;
}

static void
gloss_csv_writer_init (GlossCsvWriter *self)
{
  self->row = g_string_sized_new (256);
  self->attributes = g_ptr_array_new_with_free_func (g_free);
  self->fields = g_ptr_array_new_with_free_func (g_free);
}

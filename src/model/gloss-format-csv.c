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
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "gloss-format-writer.h"

struct _GlossCsvWriter
{
  GlossFormatWriter  parent_instance;
  GString           *row;   /* reused for every row */
};

G_DEFINE_FINAL_TYPE (GlossCsvWriter, gloss_csv_writer, GLOSS_TYPE_FORMAT_WRITER)

static const char header[] = "article,annotator,id,label,start,end,text,note,speaker\r\n";

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
csv_begin (GlossFormatWriter  *writer,
           GError            **error)
{
  return gloss_format_writer_write (writer, header, sizeof header - 1, error);
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
      append_field (row, g_hash_table_lookup (speakers, id), TRUE);

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

  G_OBJECT_CLASS (gloss_csv_writer_parent_class)->finalize (object);
}

static void
gloss_csv_writer_class_init (GlossCsvWriterClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GlossFormatWriterClass *writer_class = GLOSS_FORMAT_WRITER_CLASS (klass);

  object_class->finalize = gloss_csv_writer_finalize;
  writer_class->begin = csv_begin;
  writer_class->write_record = csv_write_record;
}

static void
gloss_csv_writer_init (GlossCsvWriter *self)
{
  self->row = g_string_sized_new (256);
}

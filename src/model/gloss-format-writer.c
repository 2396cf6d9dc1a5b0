/* gloss-format-writer.c — the base of the format writers
 *
 * Holds what every format shares: the options, where to write, and the
 * helpers that filter a record's spans and relations the same way for all
 * formats, so that the figures of the summary mean the same in each.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <string.h>

#include "gloss-format-writer.h"

typedef struct
{
  const GlossExportOptions *options;
  GOutputStream            *stream;
  GFile                    *folder;
} GlossFormatWriterPrivate;

G_DEFINE_ABSTRACT_TYPE_WITH_PRIVATE (GlossFormatWriter, gloss_format_writer, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_OPTIONS,
  PROP_STREAM,
  PROP_FOLDER,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
gloss_format_writer_dispose (GObject *object)
{
  GlossFormatWriter *self = GLOSS_FORMAT_WRITER (object);
  GlossFormatWriterPrivate *priv = gloss_format_writer_get_instance_private (self);

  g_clear_object (&priv->stream);
  g_clear_object (&priv->folder);

  G_OBJECT_CLASS (gloss_format_writer_parent_class)->dispose (object);
}

static void
gloss_format_writer_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  GlossFormatWriter *self = GLOSS_FORMAT_WRITER (object);
  GlossFormatWriterPrivate *priv = gloss_format_writer_get_instance_private (self);

  switch (prop_id)
    {
    case PROP_OPTIONS:
      g_value_set_pointer (value, (gpointer) priv->options);
      break;
    case PROP_STREAM:
      g_value_set_object (value, priv->stream);
      break;
    case PROP_FOLDER:
      g_value_set_object (value, priv->folder);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gloss_format_writer_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  GlossFormatWriter *self = GLOSS_FORMAT_WRITER (object);
  GlossFormatWriterPrivate *priv = gloss_format_writer_get_instance_private (self);

  switch (prop_id)
    {
    case PROP_OPTIONS:
      priv->options = g_value_get_pointer (value);
      break;
    case PROP_STREAM:
      priv->stream = g_value_dup_object (value);
      break;
    case PROP_FOLDER:
      priv->folder = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gloss_format_writer_class_init (GlossFormatWriterClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = gloss_format_writer_dispose;
  object_class->get_property = gloss_format_writer_get_property;
  object_class->set_property = gloss_format_writer_set_property;

  /* A GlossExportOptions, kept, not copied: the export's own outlives
   * the writer. */
  properties[PROP_OPTIONS] =
    g_param_spec_pointer ("options", NULL, NULL,
                          G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_STREAM] =
    g_param_spec_object ("stream", NULL, NULL, G_TYPE_OUTPUT_STREAM,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_FOLDER] =
    g_param_spec_object ("folder", NULL, NULL, G_TYPE_FILE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
gloss_format_writer_init (GlossFormatWriter *self)
{
}

GlossFormatWriter *
gloss_format_writer_new (const GlossExportOptions *options,
                         GOutputStream            *stream,
                         GFile                    *folder)
{
  GType type;

  g_return_val_if_fail (options != NULL, NULL);
  g_return_val_if_fail (stream == NULL || G_IS_OUTPUT_STREAM (stream), NULL);
  g_return_val_if_fail (folder == NULL || G_IS_FILE (folder), NULL);

  switch (options->format)
    {
    case GLOSS_FORMAT_JSONL:
      type = GLOSS_TYPE_JSONL_WRITER;
      break;
    case GLOSS_FORMAT_DOCCANO:
      type = GLOSS_TYPE_DOCCANO_WRITER;
      break;
    case GLOSS_FORMAT_CONLL:
      type = GLOSS_TYPE_CONLL_WRITER;
      break;
    case GLOSS_FORMAT_BRAT:
      type = GLOSS_TYPE_BRAT_WRITER;
      break;
    case GLOSS_FORMAT_W3C:
      type = GLOSS_TYPE_W3C_WRITER;
      break;
    case GLOSS_FORMAT_CSV:
      type = GLOSS_TYPE_CSV_WRITER;
      break;
    case GLOSS_FORMAT_HF:
      type = GLOSS_TYPE_HF_WRITER;
      break;
    case GLOSS_FORMAT_LABEL_STUDIO:
      type = GLOSS_TYPE_LABEL_STUDIO_WRITER;
      break;
    case GLOSS_FORMAT_UIMA_JSON:
      type = GLOSS_TYPE_UIMA_JSON_WRITER;
      break;
    case GLOSS_FORMAT_WEBANNO_TSV:
      type = GLOSS_TYPE_WEBANNO_TSV_WRITER;
      break;
    default:
      return NULL;
    }

  return g_object_new (type,
                       "options", options,
                       "stream", stream,
                       "folder", folder,
                       NULL);
}

const GlossExportOptions *
gloss_format_writer_get_options (GlossFormatWriter *self)
{
  GlossFormatWriterPrivate *priv = gloss_format_writer_get_instance_private (self);

  g_return_val_if_fail (GLOSS_IS_FORMAT_WRITER (self), NULL);

  return priv->options;
}

GOutputStream *
gloss_format_writer_get_stream (GlossFormatWriter *self)
{
  GlossFormatWriterPrivate *priv = gloss_format_writer_get_instance_private (self);

  g_return_val_if_fail (GLOSS_IS_FORMAT_WRITER (self), NULL);

  return priv->stream;
}

GFile *
gloss_format_writer_get_folder (GlossFormatWriter *self)
{
  GlossFormatWriterPrivate *priv = gloss_format_writer_get_instance_private (self);

  g_return_val_if_fail (GLOSS_IS_FORMAT_WRITER (self), NULL);

  return priv->folder;
}

gboolean
gloss_format_writer_handles_attributes (GlossFormatWriter *self)
{
  g_return_val_if_fail (GLOSS_IS_FORMAT_WRITER (self), FALSE);

  return GLOSS_FORMAT_WRITER_GET_CLASS (self)->handles_attributes;
}

gboolean
gloss_format_writer_handles_document_labels (GlossFormatWriter *self)
{
  g_return_val_if_fail (GLOSS_IS_FORMAT_WRITER (self), FALSE);

  return GLOSS_FORMAT_WRITER_GET_CLASS (self)->handles_document_labels;
}

gboolean
gloss_format_writer_begin (GlossFormatWriter  *self,
                           GError            **error)
{
  GlossFormatWriterClass *klass;

  g_return_val_if_fail (GLOSS_IS_FORMAT_WRITER (self), FALSE);

  klass = GLOSS_FORMAT_WRITER_GET_CLASS (self);
  return klass->begin == NULL || klass->begin (self, error);
}

gboolean
gloss_format_writer_write_record (GlossFormatWriter        *self,
                                  const GlossExportRecord  *record,
                                  GlossExportSummary       *summary,
                                  GError                  **error)
{
  GlossFormatWriterClass *klass;

  g_return_val_if_fail (GLOSS_IS_FORMAT_WRITER (self), FALSE);
  g_return_val_if_fail (record != NULL, FALSE);

  klass = GLOSS_FORMAT_WRITER_GET_CLASS (self);
  return klass->write_record == NULL || klass->write_record (self, record, summary, error);
}

gboolean
gloss_format_writer_end (GlossFormatWriter   *self,
                         GlossExportSummary  *summary,
                         GError             **error)
{
  GlossFormatWriterClass *klass;

  g_return_val_if_fail (GLOSS_IS_FORMAT_WRITER (self), FALSE);

  klass = GLOSS_FORMAT_WRITER_GET_CLASS (self);
  return klass->end == NULL || klass->end (self, summary, error);
}

/* Helpers for the formats
 * ------------------------------------------------------------------------ */

GPtrArray *
gloss_format_writer_dup_spans (GlossFormatWriter       *self,
                               const GlossExportRecord *record)
{
  const GlossExportOptions *options = gloss_format_writer_get_options (self);
  GListModel *model;
  GPtrArray *spans;
  guint n;

  g_return_val_if_fail (record != NULL, NULL);
  g_return_val_if_fail (GLOSS_IS_SIDECAR (record->sidecar), NULL);

  /* The set's list model already is in document order. */
  model = G_LIST_MODEL (gloss_sidecar_get_annotations (record->sidecar));
  n = g_list_model_get_n_items (model);
  spans = g_ptr_array_new_full (n, g_object_unref);

  for (guint i = 0; i < n; i++)
    {
      GlossAnnotation *annotation = g_list_model_get_item (model, i);

      if (gloss_export_options_wants_label (options, gloss_annotation_get_label (annotation)))
        g_ptr_array_add (spans, annotation);
      else
        g_object_unref (annotation);
    }

  return spans;
}

GPtrArray *
gloss_format_writer_dup_relations (GlossFormatWriter       *self,
                                   const GlossExportRecord *record,
                                   GPtrArray               *spans)
{
  g_autoptr(GHashTable) ids = g_hash_table_new (g_str_hash, g_str_equal);
  GListModel *model;
  GPtrArray *relations;
  guint n;

  g_return_val_if_fail (record != NULL, NULL);
  g_return_val_if_fail (GLOSS_IS_SIDECAR (record->sidecar), NULL);
  g_return_val_if_fail (spans != NULL, NULL);

  for (guint i = 0; i < spans->len; i++)
    g_hash_table_add (ids, (gpointer) gloss_annotation_get_id (g_ptr_array_index (spans, i)));

  model = gloss_annotation_set_get_relations (gloss_sidecar_get_annotations (record->sidecar));
  n = g_list_model_get_n_items (model);
  relations = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < n; i++)
    {
      GlossRelation *relation = g_list_model_get_item (model, i);

      if (g_hash_table_contains (ids, gloss_relation_get_from (relation))
          && g_hash_table_contains (ids, gloss_relation_get_to (relation)))
        g_ptr_array_add (relations, relation);
      else
        g_object_unref (relation);
    }

  return relations;
}

GlossLabelKind
gloss_format_writer_label_kind (GlossFormatWriter       *self,
                                const GlossExportRecord *record,
                                const char              *label)
{
  g_return_val_if_fail (record != NULL, GLOSS_LABEL_KIND_ENTITY);

  return gloss_label_set_kind_of (record->labels, label);
}

gboolean
gloss_format_writer_create_file (GFile       *file,
                                 const char  *contents,
                                 gsize        length,
                                 GError     **error)
{
  g_autoptr(GFileOutputStream) out = NULL;

  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  out = g_file_create (file, G_FILE_CREATE_NONE, NULL, error);
  if (out == NULL)
    return FALSE;

  return g_output_stream_write_all (G_OUTPUT_STREAM (out), contents, length, NULL, NULL, error)
         && g_output_stream_close (G_OUTPUT_STREAM (out), NULL, error);
}

char *
gloss_format_writer_fold_article_id (const char *article_id)
{
  g_autoptr(GString) name = g_string_new (NULL);
  const char *id = article_id;
  const char *slash, *dot;

  g_return_val_if_fail (article_id != NULL, NULL);

  while (*id == '/')
    id++;

  slash = strrchr (id, '/');
  dot = strrchr (id, '.');
  /* the extension of the last component only, and not a leading dot */
  if (dot == NULL || dot == id || (slash != NULL && dot <= slash + 1))
    dot = id + strlen (id);

  for (const char *p = id; p < dot; p++)
    {
      if (*p == '/')
        g_string_append (name, "__");
      else
        g_string_append_c (name, *p);
    }

  return g_string_free (g_steal_pointer (&name), FALSE);
}

gboolean
gloss_format_writer_write (GlossFormatWriter  *self,
                           const char         *str,
                           gssize              length,
                           GError            **error)
{
  GOutputStream *stream = gloss_format_writer_get_stream (self);

  g_return_val_if_fail (G_IS_OUTPUT_STREAM (stream), FALSE);
  g_return_val_if_fail (str != NULL || length == 0, FALSE);

  if (length < 0)
    length = strlen (str);

  return g_output_stream_write_all (stream, str, length, NULL, NULL, error);
}

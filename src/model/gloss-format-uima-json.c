/* gloss-format-uima-json.c — INCEpTION's UIMA CAS JSON 0.4.0 export
 *
 * One CAS per article × annotator, in the layout of an INCEpTION project
 * export (its annotation/ folder): ARTICLE/ANNOTATOR.json, the article's
 * path relative to the corpus as the folder, the annotator's id as the
 * file's name. Each file is a whole JSON CAS:
 *
 *   %TYPES               the types below, each feature with its range
 *   %FEATURE_STRUCTURES  the sofa (%ID 1: the article's text as its file
 *                        has it, a BOM as U+FEFF and CRLF kept), a DocumentMetaData, the spans
 *                        (custom.Span: label, id, note, attr_*), the
 *                        relations (custom.Relation: label, id, @Governor
 *                        and @Dependent, at the Dependent's place)
 *   %VIEWS               _InitialView: its sofa and its members
 *
 * custom.Span and custom.Relation with a "label" string feature are the
 * layers of INCEpTION's basic annotation project; Governor and Dependent
 * are the feature names of its relation layers. begin and end count UTF-16
 * code units of the sofa string, as UIMA's do. A span's attributes are one
 * feature each, "attr_" and the attribute's id with every character but
 * ASCII letters and digits written _HH (its UTF-8 bytes in hex), so the
 * importer gets the id back: a boolean as uima.cas.Boolean, a number as
 * uima.cas.Double, a text or a choice as uima.cas.String and several
 * choices as a uima.cas.String[] of its own. A feature has one range per
 * file: a value of another kind for the same attribute is counted as lost
 * and reported. docs/inception.md is the user-facing description.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "gloss-format-writer.h"
#include "gloss-json-writer.h"

#define UIMA_SPAN_TYPE      "custom.Span"
#define UIMA_RELATION_TYPE  "custom.Relation"
#define UIMA_METADATA_TYPE  "de.tudarmstadt.ukp.dkpro.core.api.metadata.type.DocumentMetaData"
#define UIMA_ATTRIBUTE_PREFIX "attr_"

struct _GlossUimaJsonWriter
{
  GlossFormatWriter parent_instance;
};

G_DEFINE_FINAL_TYPE (GlossUimaJsonWriter, gloss_uima_json_writer, GLOSS_TYPE_FORMAT_WRITER)

/* One record being written. */
typedef struct
{
  const GlossExportRecord *record;
  GlossExportSummary      *summary;
  char                    *source;     /* the sidecar, as problems name it */
  GString                 *structures; /* the %FEATURE_STRUCTURES entries written */
  GArray                  *members;    /* guint: the view's members */
  GHashTable              *ranges;     /* attribute feature name → its range (static string) */
  GPtrArray               *features;   /* attribute feature names, in the order declared */
  guint                    next_id;
} Record;

static void record_problem (Record     *record,
                            const char *format,
                            ...) G_GNUC_PRINTF (2, 3);

static void
record_problem (Record     *record,
                const char *format,
                ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  g_ptr_array_add (record->summary->problems, g_strdup_printf ("%s: %s", record->source, message));
}

/* "attr_" + @id with every byte but ASCII letters and digits as _HH: a
 * UIMA feature name (a Java identifier) from which the id comes back. */
static char *
gloss_uima_json_feature_for_attribute (const char *id)
{
  GString *name = g_string_new (UIMA_ATTRIBUTE_PREFIX);

  for (const guchar *p = (const guchar *) id; *p != '\0'; p++)
    {
      if (g_ascii_isalnum (*p))
        g_string_append_c (name, (char) *p);
      else
        g_string_append_printf (name, "_%02X", *p);
    }

  return g_string_free (name, FALSE);
}

static void
append_string (GString    *out,
               const char *text)
{
  gloss_json_append_string (out, text, -1, FALSE);
}

static const char *
range_for_value (GVariant *value)
{
  if (g_variant_is_of_type (value, G_VARIANT_TYPE_BOOLEAN))
    return "uima.cas.Boolean";
  if (g_variant_is_of_type (value, G_VARIANT_TYPE_DOUBLE))
    return "uima.cas.Double";
  if (g_variant_is_of_type (value, G_VARIANT_TYPE_STRING))
    return "uima.cas.String";
  if (g_variant_is_of_type (value, G_VARIANT_TYPE_STRING_ARRAY))
    return "uima.cas.String[]";
  return NULL;
}

static void
append_double (GString *out,
               double   number)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  /* the shortest text that reads back as the same double */
  g_string_append (out, g_ascii_dtostr (buffer, sizeof buffer, number));
}

/* The span's attributes as features, into @out (", \"attr_x\" : v"); a
 * list becomes an array structure of its own, written before the span. */
static void
append_attributes (Record          *record,
                   GlossAnnotation *span,
                   GString         *out)
{
  GVariant *attributes = gloss_annotation_peek_attributes (span);
  GVariantIter iter;
  const char *id;
  GVariant *value;

  if (attributes == NULL)
    return;

  g_variant_iter_init (&iter, attributes);
  while (g_variant_iter_next (&iter, "{&s@v}", &id, &value))
    {
      g_autoptr(GVariant) inner = g_variant_get_variant (value);
      g_autofree char *feature = gloss_uima_json_feature_for_attribute (id);
      const char *range = range_for_value (inner);
      const char *declared = g_hash_table_lookup (record->ranges, feature);

      g_variant_unref (value);

      if (range == NULL || (declared != NULL && strcmp (declared, range) != 0))
        {
          record->summary->lost_attributes++;
          record_problem (record, _("span %s: attribute “%s” holds a value of another kind than on an earlier span; a feature has one type in a CAS, so it is not written"),
                          gloss_annotation_get_id (span), id);
          continue;
        }
      if (declared == NULL)
        {
          g_hash_table_insert (record->ranges, g_strdup (feature), (gpointer) range);
          g_ptr_array_add (record->features, g_strdup (feature));
        }

      if (g_variant_is_of_type (inner, G_VARIANT_TYPE_BOOLEAN))
        g_string_append_printf (out, ", \"%s\" : %s", feature,
                                g_variant_get_boolean (inner) ? "true" : "false");
      else if (g_variant_is_of_type (inner, G_VARIANT_TYPE_DOUBLE))
        {
          g_string_append_printf (out, ", \"%s\" : ", feature);
          append_double (out, g_variant_get_double (inner));
        }
      else if (g_variant_is_of_type (inner, G_VARIANT_TYPE_STRING))
        {
          g_string_append_printf (out, ", \"%s\" : ", feature);
          append_string (out, g_variant_get_string (inner, NULL));
        }
      else
        {
          gsize n;
          g_autofree const char **items = g_variant_get_strv (inner, &n);
          guint array_id = record->next_id++;

          g_string_append_printf (record->structures,
                                  ",\n    { \"%%ID\" : %u, \"%%TYPE\" : \"uima.cas.StringArray\", \"%%ELEMENTS\" : [",
                                  array_id);
          for (gsize i = 0; i < n; i++)
            {
              if (i > 0)
                g_string_append (record->structures, ", ");
              append_string (record->structures, items[i]);
            }
          g_string_append (record->structures, "] }");
          g_string_append_printf (out, ", \"@%s\" : %u", feature, array_id);
        }
    }
}

/* A BOM stays in the sofa (U+FEFF, one code unit), so that the file
 * comes back byte for byte; begin and end count it, as every reader of
 * the sofa string does. */
static guint
bom_units (GlossDocument *document)
{
  return gloss_document_has_bom (document) ? 1 : 0;
}

static void
append_bounds (Record   *record,
               GString  *out,
               guint     start,
               guint     end)
{
  GlossDocument *document = record->record->document;
  guint bom = bom_units (document);

  g_string_append_printf (out, ", \"@sofa\" : 1, \"begin\" : %u, \"end\" : %u",
                          bom + gloss_offset_convert (document, start, GLOSS_OFFSETS_UTF16),
                          bom + gloss_offset_convert (document, end, GLOSS_OFFSETS_UTF16));
}

static guint
write_span (Record          *record,
            GlossAnnotation *span)
{
  g_autoptr(GString) features = g_string_new (NULL);
  const char *note = gloss_annotation_get_note (span);
  guint id;

  /* the attributes first: a list's array structure comes before the span */
  append_attributes (record, span, features);
  id = record->next_id++;

  g_string_append_printf (record->structures,
                          ",\n    { \"%%ID\" : %u, \"%%TYPE\" : \"" UIMA_SPAN_TYPE "\"", id);
  append_bounds (record, record->structures,
                 gloss_annotation_get_start (span), gloss_annotation_get_end (span));
  g_string_append (record->structures, ", \"label\" : ");
  append_string (record->structures, gloss_annotation_get_label (span));
  g_string_append (record->structures, ", \"id\" : ");
  append_string (record->structures, gloss_annotation_get_id (span));
  if (note != NULL && note[0] != '\0')
    {
      g_string_append (record->structures, ", \"note\" : ");
      append_string (record->structures, note);
    }
  g_string_append_len (record->structures, features->str, features->len);
  g_string_append (record->structures, " }");

  g_array_append_val (record->members, id);
  return id;
}

static void
write_relation (Record          *record,
                GlossRelation   *relation,
                GlossAnnotation *to,
                guint            from_id,
                guint            to_id)
{
  guint id = record->next_id++;

  /* INCEpTION places a relation where its Dependent is. */
  g_string_append_printf (record->structures,
                          ",\n    { \"%%ID\" : %u, \"%%TYPE\" : \"" UIMA_RELATION_TYPE "\"", id);
  append_bounds (record, record->structures,
                 gloss_annotation_get_start (to), gloss_annotation_get_end (to));
  g_string_append (record->structures, ", \"label\" : ");
  append_string (record->structures, gloss_relation_get_rel_type (relation));
  g_string_append (record->structures, ", \"id\" : ");
  append_string (record->structures, gloss_relation_get_id (relation));
  g_string_append_printf (record->structures, ", \"@Governor\" : %u, \"@Dependent\" : %u }",
                          from_id, to_id);

  g_array_append_val (record->members, id);
}

static void
append_feature (GString    *out,
                const char *name,
                const char *range,
                gboolean    last)
{
  g_string_append_printf (out,
                          "      \"%s\" : { \"%%NAME\" : \"%s\", \"%%RANGE\" : \"%s\" }%s\n",
                          name, name, range, last ? "" : ",");
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* %TYPES: the three types, sorted by name as cassis writes them, each
 * feature written in the file declared. */
static void
append_types (Record  *record,
              GString *out)
{
  g_ptr_array_sort (record->features, compare_strings);

  g_string_append (out, "  \"%TYPES\" : {\n");
  g_string_append (out, "    \"" UIMA_RELATION_TYPE "\" : {\n"
                        "      \"%NAME\" : \"" UIMA_RELATION_TYPE "\",\n"
                        "      \"%SUPER_TYPE\" : \"uima.tcas.Annotation\",\n");
  append_feature (out, "Dependent", UIMA_SPAN_TYPE, FALSE);
  append_feature (out, "Governor", UIMA_SPAN_TYPE, FALSE);
  append_feature (out, "id", "uima.cas.String", FALSE);
  append_feature (out, "label", "uima.cas.String", TRUE);
  g_string_append (out, "    },\n");

  g_string_append (out, "    \"" UIMA_SPAN_TYPE "\" : {\n"
                        "      \"%NAME\" : \"" UIMA_SPAN_TYPE "\",\n"
                        "      \"%SUPER_TYPE\" : \"uima.tcas.Annotation\",\n");
  for (guint i = 0; i < record->features->len; i++)
    {
      const char *name = g_ptr_array_index (record->features, i);

      append_feature (out, name, g_hash_table_lookup (record->ranges, name), FALSE);
    }
  append_feature (out, "id", "uima.cas.String", FALSE);
  append_feature (out, "label", "uima.cas.String", FALSE);
  append_feature (out, "note", "uima.cas.String", TRUE);
  g_string_append (out, "    },\n");

  g_string_append (out, "    \"" UIMA_METADATA_TYPE "\" : {\n"
                        "      \"%NAME\" : \"" UIMA_METADATA_TYPE "\",\n"
                        "      \"%SUPER_TYPE\" : \"uima.tcas.DocumentAnnotation\",\n");
  append_feature (out, "documentId", "uima.cas.String", FALSE);
  append_feature (out, "documentTitle", "uima.cas.String", TRUE);
  g_string_append (out, "    }\n  },\n");
}

static char *
build_cas (Record *record)
{
  const GlossExportRecord *export_record = record->record;
  GlossDocument *document = export_record->document;
  g_autofree char *title = g_path_get_basename (export_record->article_id);
  GString *out = g_string_new ("{\n");

  append_types (record, out);

  g_string_append (out, "  \"%FEATURE_STRUCTURES\" : [\n"
                        "    { \"%ID\" : 1, \"%TYPE\" : \"uima.cas.Sofa\", \"sofaNum\" : 1, "
                        "\"sofaID\" : \"_InitialView\", \"mimeType\" : \"text\", \"sofaString\" : ");
  if (bom_units (document) > 0)
    {
      g_autofree char *text = g_strconcat ("\xef\xbb\xbf", gloss_document_get_text (document), NULL);

      gloss_json_append_string (out, text, gloss_document_get_n_bytes (document) + 3, FALSE);
    }
  else
    gloss_json_append_string (out, gloss_document_get_text (document),
                              gloss_document_get_n_bytes (document), FALSE);
  g_string_append (out, " },\n");
  g_string_append_printf (out, "    { \"%%ID\" : 2, \"%%TYPE\" : \"" UIMA_METADATA_TYPE "\", "
                               "\"@sofa\" : 1, \"begin\" : 0, \"end\" : %u, \"documentTitle\" : ",
                          bom_units (document) + gloss_document_get_utf16_length (document));
  append_string (out, title);
  g_string_append (out, ", \"documentId\" : ");
  append_string (out, export_record->article_id);
  g_string_append (out, " }");
  g_string_append_len (out, record->structures->str, record->structures->len);
  g_string_append (out, "\n  ],\n");

  g_string_append (out, "  \"%VIEWS\" : {\n    \"_InitialView\" : { \"%SOFA\" : 1, \"%MEMBERS\" : [ 2");
  for (guint i = 0; i < record->members->len; i++)
    g_string_append_printf (out, ", %u", g_array_index (record->members, guint, i));
  g_string_append (out, " ] }\n  }\n}\n");

  return g_string_free (out, FALSE);
}

/* ARTICLE/ANNOTATOR.json in @folder; the article's folders are made. */
static gboolean
write_cas_file (GFile       *folder,
                const char  *article_id,
                const char  *annotator,
                const char  *contents,
                GError     **error)
{
  g_autoptr(GFile) article_folder = g_file_resolve_relative_path (folder, article_id);
  g_autofree char *file_name = g_strconcat (annotator, ".json", NULL);
  g_autoptr(GFile) file = g_file_get_child (article_folder, file_name);
  g_autoptr(GError) local_error = NULL;

  if (!g_file_make_directory_with_parents (article_folder, NULL, &local_error)
      && !g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_EXISTS))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  return gloss_format_writer_create_file (file, contents, strlen (contents), error);
}

static gboolean
uima_json_write_record (GlossFormatWriter        *writer,
                        const GlossExportRecord  *export_record,
                        GlossExportSummary       *summary,
                        GError                  **error)
{
  g_autoptr(GPtrArray) spans = gloss_format_writer_dup_spans (writer, export_record);
  g_autoptr(GPtrArray) relations = gloss_format_writer_dup_relations (writer, export_record, spans);
  g_autoptr(GHashTable) ids = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) by_id = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GString) structures = g_string_new (NULL);
  g_autoptr(GArray) members = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GHashTable) ranges = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GPtrArray) features = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *source = g_file_get_parse_name (gloss_sidecar_get_file (export_record->sidecar));
  g_autofree char *contents = NULL;
  Record record = {
    .record = export_record,
    .summary = summary,
    .source = source,
    .structures = structures,
    .members = members,
    .ranges = ranges,
    .features = features,
    .next_id = 3,   /* 1: the sofa, 2: the DocumentMetaData */
  };

  for (guint i = 0; i < spans->len; i++)
    {
      GlossAnnotation *span = g_ptr_array_index (spans, i);
      guint id = write_span (&record, span);

      g_hash_table_insert (ids, (gpointer) gloss_annotation_get_id (span), GUINT_TO_POINTER (id));
      g_hash_table_insert (by_id, (gpointer) gloss_annotation_get_id (span), span);
    }

  for (guint i = 0; i < relations->len; i++)
    {
      GlossRelation *relation = g_ptr_array_index (relations, i);
      const char *from = gloss_relation_get_from (relation);
      const char *to = gloss_relation_get_to (relation);

      write_relation (&record, relation, g_hash_table_lookup (by_id, to),
                      GPOINTER_TO_UINT (g_hash_table_lookup (ids, from)),
                      GPOINTER_TO_UINT (g_hash_table_lookup (ids, to)));
    }

  contents = build_cas (&record);
  return write_cas_file (gloss_format_writer_get_folder (writer), export_record->article_id,
                         export_record->annotator, contents, error);
}

static gboolean
uima_json_begin (GlossFormatWriter  *writer,
                 GError            **error)
{
  const GlossExportOptions *options = gloss_format_writer_get_options (writer);

  if (options != NULL && !gloss_format_check_offsets (GLOSS_FORMAT_UIMA_JSON, options->offsets, error))
    return FALSE;

  if (gloss_format_writer_get_folder (writer) == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                           _("uima-json writes a folder, and none was given"));
      return FALSE;
    }

  return TRUE;
}

static void
gloss_uima_json_writer_class_init (GlossUimaJsonWriterClass *klass)
{
  GlossFormatWriterClass *writer_class = GLOSS_FORMAT_WRITER_CLASS (klass);

  writer_class->begin = uima_json_begin;
  writer_class->write_record = uima_json_write_record;
  /* attr_* features; the article's fields have no place, and the export
   * counts them */
  writer_class->handles_attributes = TRUE;
}

static void
gloss_uima_json_writer_init (GlossUimaJsonWriter *self)
{
}

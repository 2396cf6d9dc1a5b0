/* gloss-export.c — the one corpus walker every export format goes through
 *
 * The walker loads each article once, then each chosen annotator's sidecar,
 * and hands every article × annotator record to the writer of the chosen
 * format (gloss-format-*.c). It owns what all formats share: which
 * sidecars, which labels, the counts in the summary, the problems, and
 * where the output goes: a temporary file or folder, put in place only
 * when the whole export succeeded, and never over a file the export did
 * not write unless the person agreed (force, or the confirm callback).
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "gloss-error.h"
#include "gloss-export.h"
#include "gloss-file.h"
#include "gloss-format.h"

/* Names and units
 * ------------------------------------------------------------------------ */

static const struct
{
  GlossFormat  format;
  const char  *name;
  const char  *extension;
} formats[] = {
  { GLOSS_FORMAT_JSONL, "jsonl", ".jsonl" },
  { GLOSS_FORMAT_DOCCANO, "doccano", ".jsonl" },
  { GLOSS_FORMAT_CONLL, "conll", ".conll" },
  { GLOSS_FORMAT_BRAT, "brat", NULL },
  { GLOSS_FORMAT_W3C, "w3c", ".json" },
  { GLOSS_FORMAT_CSV, "csv", ".csv" },
};

const char *
gloss_format_to_string (GlossFormat format)
{
  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    if (formats[i].format == format)
      return formats[i].name;

  return NULL;
}

gboolean
gloss_format_from_string (const char  *name,
                          GlossFormat *format)
{
  g_return_val_if_fail (format != NULL, FALSE);

  if (name == NULL)
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    {
      if (strcmp (formats[i].name, name) == 0)
        {
          *format = formats[i].format;
          return TRUE;
        }
    }

  return FALSE;
}

gboolean
gloss_format_writes_folder (GlossFormat format)
{
  return format == GLOSS_FORMAT_BRAT;
}

const char *
gloss_format_get_extension (GlossFormat format)
{
  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    if (formats[i].format == format)
      return formats[i].extension;

  return NULL;
}

static const char * const unit_names[] = {
  [GLOSS_OFFSETS_CODE_POINTS] = "codepoints",
  [GLOSS_OFFSETS_UTF16] = "utf16",
  [GLOSS_OFFSETS_BYTES] = "bytes",
};

const char *
gloss_offset_unit_to_string (GlossOffsetUnit unit)
{
  if ((guint) unit >= G_N_ELEMENTS (unit_names))
    return NULL;

  return unit_names[unit];
}

gboolean
gloss_offset_unit_from_string (const char      *name,
                               GlossOffsetUnit *unit)
{
  g_return_val_if_fail (unit != NULL, FALSE);

  if (name == NULL)
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (unit_names); i++)
    {
      if (strcmp (unit_names[i], name) == 0)
        {
          *unit = (GlossOffsetUnit) i;
          return TRUE;
        }
    }

  return FALSE;
}

guint
gloss_offset_convert (GlossDocument   *document,
                      guint            offset,
                      GlossOffsetUnit  unit)
{
  g_return_val_if_fail (GLOSS_IS_DOCUMENT (document), offset);

  switch (unit)
    {
    case GLOSS_OFFSETS_UTF16:
      return gloss_document_offset_to_utf16 (document, offset);

    case GLOSS_OFFSETS_BYTES:
      /* Articles are at most 64 MiB, so a byte offset fits a guint. */
      return (guint) gloss_document_offset_to_byte (document, offset);

    case GLOSS_OFFSETS_CODE_POINTS:
    default:
      return MIN (offset, gloss_document_get_length (document));
    }
}

GlossOffsetUnit
gloss_format_get_default_offsets (GlossFormat format)
{
  /* doccano's annotation view slices JavaScript strings: with code points,
   * every span after an emoji would show shifted there. */
  return format == GLOSS_FORMAT_DOCCANO ? GLOSS_OFFSETS_UTF16 : GLOSS_OFFSETS_CODE_POINTS;
}

gboolean
gloss_format_check_offsets (GlossFormat       format,
                            GlossOffsetUnit   unit,
                            GError          **error)
{
  if (gloss_offset_unit_to_string (unit) == NULL)
    {
      g_set_error (error, GLOSS_ERROR, GLOSS_ERROR_INVALID, _("unknown offset unit"));
      return FALSE;
    }

  /* CoNLL's token offsets must agree with Gloss's own code points. */
  if (format == GLOSS_FORMAT_CONLL && unit != GLOSS_OFFSETS_CODE_POINTS)
    {
      g_set_error (error, GLOSS_ERROR, GLOSS_ERROR_INVALID,
                   _("CoNLL counts code points only: --offsets applies to jsonl, doccano, w3c and csv, and utf16 to brat"));
      return FALSE;
    }

  /* brat's standard counts code points; UTF-16 is only for the readers that
   * count so against it. No brat reader counts bytes. */
  if (format == GLOSS_FORMAT_BRAT && unit == GLOSS_OFFSETS_BYTES)
    {
      g_set_error (error, GLOSS_ERROR, GLOSS_ERROR_INVALID,
                   _("brat counts code points, or UTF-16 code units with --offsets utf16 (for INCEpTION and brat 1.3’s viewer); not bytes"));
      return FALSE;
    }

  return TRUE;
}

/* The summary
 * ------------------------------------------------------------------------ */

void
gloss_export_summary_init (GlossExportSummary *summary)
{
  g_return_if_fail (summary != NULL);

  memset (summary, 0, sizeof *summary);
  summary->problems = g_ptr_array_new_with_free_func (g_free);
}

void
gloss_export_summary_clear (GlossExportSummary *summary)
{
  g_return_if_fail (summary != NULL);

  g_clear_pointer (&summary->problems, g_ptr_array_unref);
  g_clear_pointer (&summary->existing, gloss_export_existing_free);
}

/* Appends one clause of the summary: @part goes after ", " within a group,
 * or after @group_start when it opens a new group ("; not representable: "). */
static void
append_part (GString    *out,
             gboolean   *group_open,
             const char *group_start,
             char       *part)
{
  if (!*group_open)
    {
      if (out->len > 0)
        g_string_append (out, "; ");
      if (group_start != NULL)
        g_string_append (out, group_start);
      *group_open = TRUE;
    }
  else
    g_string_append (out, ", ");

  g_string_append (out, part);
  g_free (part);
}

/* Each call site spells out g_dngettext (GETTEXT_PACKAGE, "…", "…", n), so
 * that xgettext finds both forms and the compiler checks the format. */
#define APPEND_COUNT(out, open, start, count, format) \
  G_STMT_START { \
    if ((count) > 0) \
      append_part ((out), (open), (start), g_strdup_printf ((format), (count))); \
  } G_STMT_END

char *
gloss_export_summary_to_string (const GlossExportSummary *summary)
{
  GString *out;
  gboolean open = FALSE;
  const char *lost;
  guint n;

  g_return_val_if_fail (summary != NULL, NULL);

  out = g_string_new (NULL);
  lost = _("not representable: ");

  /* What was exported. The article count always shows, so that an export
   * that found nothing still says so. */
  n = summary->articles;
  append_part (out, &open, NULL,
               g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u article", "%u articles", n), n));
  n = summary->records;
  APPEND_COUNT (out, &open, NULL, n,
                g_dngettext (GETTEXT_PACKAGE, "%u record", "%u records", n));
  n = summary->spans;
  APPEND_COUNT (out, &open, NULL, n,
                g_dngettext (GETTEXT_PACKAGE, "%u span", "%u spans", n));
  n = summary->relations;
  APPEND_COUNT (out, &open, NULL, n,
                g_dngettext (GETTEXT_PACKAGE, "%u relation", "%u relations", n));
  n = summary->notes;
  APPEND_COUNT (out, &open, NULL, n,
                g_dngettext (GETTEXT_PACKAGE, "%u note", "%u notes", n));

  /* What the format could not hold. */
  open = FALSE;
  n = summary->lost_overlaps;
  APPEND_COUNT (out, &open, lost, n,
                g_dngettext (GETTEXT_PACKAGE, "%u overlapping span", "%u overlapping spans", n));
  n = summary->lost_relations;
  APPEND_COUNT (out, &open, lost, n,
                g_dngettext (GETTEXT_PACKAGE, "%u relation", "%u relations", n));
  n = summary->lost_notes;
  APPEND_COUNT (out, &open, lost, n,
                g_dngettext (GETTEXT_PACKAGE, "%u note", "%u notes", n));

  /* The rest stand each on their own. */
  open = FALSE;
  n = summary->cut_tokens;
  APPEND_COUNT (out, &open, NULL, n,
                g_dngettext (GETTEXT_PACKAGE, "%u span cuts a token", "%u spans cut a token", n));
  open = FALSE;
  n = summary->lost_orphans;
  APPEND_COUNT (out, &open, NULL, n,
                g_dngettext (GETTEXT_PACKAGE, "%u orphaned annotation left out",
                             "%u orphaned annotations left out", n));
  open = FALSE;
  n = summary->failed;
  APPEND_COUNT (out, &open, NULL, n,
                g_dngettext (GETTEXT_PACKAGE, "%u file could not be read",
                             "%u files could not be read", n));
  open = FALSE;
  n = summary->existing != NULL ? summary->existing->replaced->len : 0;
  APPEND_COUNT (out, &open, NULL, n,
                g_dngettext (GETTEXT_PACKAGE, "%u existing file replaced",
                             "%u existing files replaced", n));

  return g_string_free (out, FALSE);
}

/* Helpers for the writers
 * ------------------------------------------------------------------------ */

static gboolean
label_is_chosen (const GlossExportOptions *options,
                 const char               *label)
{
  return options == NULL || options->labels == NULL
         || g_strv_contains ((const char * const *) options->labels, label);
}

GPtrArray *
gloss_export_record_spans (const GlossExportRecord  *record,
                           const GlossExportOptions *options)
{
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

      if (label_is_chosen (options, gloss_annotation_get_label (annotation)))
        g_ptr_array_add (spans, annotation);
      else
        g_object_unref (annotation);
    }

  return spans;
}

GPtrArray *
gloss_export_record_relations (const GlossExportRecord *record,
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

gboolean
gloss_export_write (GOutputStream  *out,
                    const char     *str,
                    gssize          length,
                    GError        **error)
{
  g_return_val_if_fail (G_IS_OUTPUT_STREAM (out), FALSE);
  g_return_val_if_fail (str != NULL || length == 0, FALSE);

  if (length < 0)
    length = strlen (str);

  return g_output_stream_write_all (out, str, length, NULL, NULL, error);
}

GlossLabelKind
gloss_export_label_kind (const GlossExportRecord *record,
                         const char              *label)
{
  g_return_val_if_fail (record != NULL, GLOSS_LABEL_KIND_ENTITY);

  return gloss_label_set_kind_of (record->labels, label);
}

char *
gloss_export_json_line (JsonNode *node)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autofree char *compact = NULL;
  GString *out;

  g_return_val_if_fail (node != NULL, NULL);

  json_generator_set_pretty (generator, FALSE);
  json_generator_set_root (generator, node);
  compact = json_generator_to_data (generator, NULL);

  /* json-glib escapes the C0 controls, so no record can contain "\n"; but
   * Python's str.splitlines() and some editors also break lines at NEL,
   * LINE SEPARATOR and PARAGRAPH SEPARATOR, which JSON allows raw. They can
   * only occur inside strings, so escaping their bytes keeps the JSON the
   * same and the record on one line for every reader. */
  if (strstr (compact, "\xc2\x85") == NULL
      && strstr (compact, "\xe2\x80\xa8") == NULL
      && strstr (compact, "\xe2\x80\xa9") == NULL)
    return g_steal_pointer (&compact);

  out = g_string_sized_new (strlen (compact) + 16);
  for (const char *p = compact; *p != '\0'; p++)
    {
      if (p[0] == '\xc2' && p[1] == '\x85')
        {
          g_string_append (out, "\\u0085");
          p += 1;
        }
      else if (p[0] == '\xe2' && p[1] == '\x80' && (p[2] == '\xa8' || p[2] == '\xa9'))
        {
          g_string_append (out, p[2] == '\xa8' ? "\\u2028" : "\\u2029");
          p += 2;
        }
      else
        g_string_append_c (out, *p);
    }

  return g_string_free (out, FALSE);
}

/* Existing outputs
 * ------------------------------------------------------------------------ */

/* How many names a message lists before "and 12 more". */
#define MAX_NAMES_SHOWN 10

static GlossExportExisting *
existing_new (GFile    *output,
              gboolean  folder)
{
  GlossExportExisting *existing = g_new0 (GlossExportExisting, 1);

  existing->output = g_object_ref (output);
  existing->folder = folder;
  existing->replaced = g_ptr_array_new_with_free_func (g_free);
  existing->kept = g_ptr_array_new_with_free_func (g_free);

  return existing;
}

static GPtrArray *
copy_names (GPtrArray *names)
{
  GPtrArray *copy = g_ptr_array_new_full (names->len, g_free);

  for (guint i = 0; i < names->len; i++)
    g_ptr_array_add (copy, g_strdup (g_ptr_array_index (names, i)));

  return copy;
}

GlossExportExisting *
gloss_export_existing_copy (const GlossExportExisting *existing)
{
  GlossExportExisting *copy;

  g_return_val_if_fail (existing != NULL, NULL);

  copy = g_new0 (GlossExportExisting, 1);
  copy->output = g_object_ref (existing->output);
  copy->folder = existing->folder;
  copy->replaced = copy_names (existing->replaced);
  copy->kept = copy_names (existing->kept);

  return copy;
}

void
gloss_export_existing_free (GlossExportExisting *existing)
{
  if (existing == NULL)
    return;

  g_clear_object (&existing->output);
  g_clear_pointer (&existing->replaced, g_ptr_array_unref);
  g_clear_pointer (&existing->kept, g_ptr_array_unref);
  g_free (existing);
}

char *
gloss_export_join_names (GPtrArray *names,
                         guint      max_shown)
{
  GString *out;
  guint shown;

  g_return_val_if_fail (names != NULL, NULL);

  out = g_string_new (NULL);
  shown = MIN (names->len, MAX (max_shown, 1));

  for (guint i = 0; i < shown; i++)
    {
      if (i > 0)
        g_string_append (out, ", ");
      g_string_append (out, g_ptr_array_index (names, i));
    }

  if (names->len > shown)
    {
      guint more = names->len - shown;

      g_string_append_printf (out, g_dngettext (GETTEXT_PACKAGE, " and %u more", " and %u more", more),
                              more);
    }

  return g_string_free (out, FALSE);
}

/* The error message of a refused export: what is there, what would go. */
static char *
describe_refusal (const GlossExportExisting *existing)
{
  g_autofree char *name = g_file_get_parse_name (existing->output);
  g_autofree char *replaced = gloss_export_join_names (existing->replaced, MAX_NAMES_SHOWN);
  g_autofree char *kept = gloss_export_join_names (existing->kept, MAX_NAMES_SHOWN);
  g_autofree char *first = NULL;
  guint n_replaced = existing->replaced->len;
  guint n_kept = existing->kept->len;

  if (!existing->folder)
    return g_strdup_printf (_("%s already exists; the export would replace it"), name);

  if (n_replaced == 0)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "%s is not empty: it holds %u item (%s), which the export would leave as it is",
                                         "%s is not empty: it holds %u items (%s), which the export would leave as they are",
                                         n_kept),
                            name, n_kept, kept);

  first = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                        "%s is not empty: the export would replace %u file there (%s)",
                                        "%s is not empty: the export would replace %u files there (%s)",
                                        n_replaced),
                           name, n_replaced, replaced);
  if (n_kept == 0)
    return g_steal_pointer (&first);

  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "%s, and leave %u other item as it is (%s)",
                                       "%s, and leave %u other items as they are (%s)",
                                       n_kept),
                          first, n_kept, kept);
}

/* Temporary output
 * ------------------------------------------------------------------------ */

/* ".<name>.gloss-tmp-<pid>-<random>", as gloss-file.h names its temporary
 * files: hidden (corpus scans skip it) and recognisable as ours after a
 * crash, so that a later export can clean it up. */
static GFile *
temporary_child (GFile *folder,
                 GFile *for_file)
{
  g_autofree char *basename = g_file_get_basename (for_file);
  g_autofree char *name = gloss_file_build_temporary_name (basename);

  return g_file_get_child (folder, name);
}

/* Deletes @file, and all below it if it is a real folder. A symbolic link
 * is deleted itself, never followed — even one to a folder, which
 * g_file_enumerate_children() would open (a link kept aside as the old
 * version of an output name must not take the folder it points to with
 * it). Only ever given temporary files of our own. */
static gboolean
delete_tree (GFile         *file,
             GCancellable  *cancellable,
             GError       **error)
{
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GFileEnumerator) children = NULL;
  g_autoptr(GError) local_error = NULL;

  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_TYPE,
                            G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS, cancellable, &local_error);
  if (info == NULL)
    {
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
        return TRUE;
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  if (g_file_info_get_file_type (info) != G_FILE_TYPE_DIRECTORY)
    return g_file_delete (file, cancellable, error);

  children = g_file_enumerate_children (file, G_FILE_ATTRIBUTE_STANDARD_NAME,
                                        G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS,
                                        cancellable, error);
  if (children == NULL)
    return FALSE;

  while (TRUE)
    {
      GFileInfo *child_info;
      GFile *child;

      if (!g_file_enumerator_iterate (children, &child_info, &child, cancellable, error))
        return FALSE;
      if (child_info == NULL)
        break;

      if (!delete_tree (child, cancellable, error))
        return FALSE;
    }

  return g_file_delete (file, cancellable, error);
}

/* Removes the temporary folders of exports to @for_file that died (kill
 * -9, a crash, a power cut) from @folder: those whose process no longer
 * runs, or more than a day old, as gloss_file_remove_stale_temporaries()
 * does for files. Only names of ours are touched; errors are ignored. */
static void
remove_stale_folders (GFile *folder,
                      GFile *for_file)
{
  g_autofree char *basename = g_file_get_basename (for_file);
  g_autoptr(GFileEnumerator) children = NULL;

  children = g_file_enumerate_children (folder, G_FILE_ATTRIBUTE_STANDARD_NAME ","
                                        G_FILE_ATTRIBUTE_STANDARD_TYPE ","
                                        G_FILE_ATTRIBUTE_TIME_MODIFIED,
                                        G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS, NULL, NULL);
  if (children == NULL)
    return;

  while (TRUE)
    {
      GFileInfo *info;
      GFile *child;
      guint64 modified;

      if (!g_file_enumerator_iterate (children, &info, &child, NULL, NULL) || info == NULL)
        break;

      if (g_file_info_get_file_type (info) != G_FILE_TYPE_DIRECTORY)
        continue;

      modified = g_file_info_get_attribute_uint64 (info, G_FILE_ATTRIBUTE_TIME_MODIFIED);
      if (gloss_file_temporary_is_stale (g_file_info_get_name (info), basename, (gint64) modified))
        delete_tree (child, NULL, NULL);
    }
}

/* Where an export writes, and what it was allowed to write over. */
typedef struct
{
  GFile                    *output;
  gboolean                  folder;         /* brat: the output is a folder */
  gboolean                  into_existing;  /* into a folder that exists, file by file */
  GFile                    *temp;           /* ours: deleted unless renamed into place */
  GFile                    *files;          /* folder formats: where the writer puts its files */
  GOutputStream            *stream;         /* single-file formats */

  const GlossExportOptions *options;
  GlossExportConfirm        confirm;
  gpointer                  confirm_data;
  GlossExportSummary       *summary;
  GHashTable               *approved;       /* names a person agreed to see replaced */
  gboolean                  consented;      /* a person agreed to write over the output */
} Destination;

static void
destination_clear (Destination *dest)
{
  if (dest->stream != NULL)
    {
      /* Closing an aborted stream can fail too; the file goes anyway. */
      g_output_stream_close (dest->stream, NULL, NULL);
      g_clear_object (&dest->stream);
    }

  if (dest->temp != NULL)
    {
      delete_tree (dest->temp, NULL, NULL);
      g_clear_object (&dest->temp);
    }

  g_clear_object (&dest->files);
  g_clear_pointer (&dest->approved, g_hash_table_unref);
}

static gboolean
output_is_in_corpus (GlossCorpus *corpus,
                     GFile       *output,
                     gboolean     folder)
{
  guint n = gloss_corpus_get_n_articles (corpus);

  for (guint i = 0; i < n; i++)
    {
      GlossCorpusArticle *article = gloss_corpus_get_article (corpus, i);
      GFile *file = gloss_corpus_article_get_file (article);

      if (g_file_equal (file, output) || (folder && g_file_has_prefix (file, output)))
        return TRUE;

      for (guint j = 0; j < gloss_corpus_article_get_n_sidecars (article); j++)
        if (g_file_equal (gloss_corpus_article_get_sidecar (article, j), output))
          return TRUE;
    }

  return FALSE;
}

/* Refuses, before any work, an output the export could never write: a
 * missing parent folder, the corpus itself, a folder for a file or a file
 * for a folder. An existing output is the business of settle_*(). */
static gboolean
check_output (GlossCorpus               *corpus,
              const GlossExportOptions  *options,
              GFile                     *output,
              GError                   **error)
{
  g_autofree char *name = g_file_get_parse_name (output);
  g_autoptr(GFile) parent = g_file_get_parent (output);
  gboolean folder = gloss_format_writes_folder (options->format);
  GFileType type;

  if (parent == NULL
      || g_file_query_file_type (parent, G_FILE_QUERY_INFO_NONE, NULL) != G_FILE_TYPE_DIRECTORY)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                   _("%s: the folder to write into does not exist"), name);
      return FALSE;
    }

  if (output_is_in_corpus (corpus, output, folder))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS,
                   _("%s: would replace articles or sidecars being exported; choose another output"),
                   name);
      return FALSE;
    }

  /* A folder may be reached through a symbolic link (~/exports → a data
   * drive); a file is never written through one (see plan_file()). */
  type = g_file_query_file_type (output, folder ? G_FILE_QUERY_INFO_NONE
                                                : G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS, NULL);
  if (type == G_FILE_TYPE_UNKNOWN)
    return TRUE;  /* does not exist yet */

  if (!folder && type == G_FILE_TYPE_DIRECTORY)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_IS_DIRECTORY,
                   _("%s is a folder; the %s format writes one file"),
                   name, gloss_format_to_string (options->format));
      return FALSE;
    }

  if (folder && type != G_FILE_TYPE_DIRECTORY)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_DIRECTORY,
                   _("%s is not a folder; the %s format writes a folder"),
                   name, gloss_format_to_string (options->format));
      return FALSE;
    }

  return TRUE;
}

/* A file the person made read-only (chmod a-w) is never replaced, as a
 * sidecar would not be (gloss-file.h). */
static gboolean
refuse_if_write_protected (GFile   *file,
                           GError **error)
{
  const char *path = g_file_peek_path (file);

  if (path == NULL || !gloss_file_is_write_protected (path))
    return TRUE;

  {
    g_autofree char *name = g_file_get_parse_name (file);

    g_set_error (error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED,
                 _("%s is read-only; the export does not replace it (make it writable, or choose another output)"),
                 name);
  }
  return FALSE;
}

/* What writing the single-file output would replace: *@existing is NULL
 * when nothing is there. A folder or a special file (a FIFO, a device) is
 * refused whatever the options; a symbolic link is itself replaced, never
 * the file it points to, which may be anywhere. */
static gboolean
plan_file (Destination          *dest,
           GlossExportExisting **existing,
           GError              **error)
{
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *name = NULL;

  *existing = NULL;

  info = g_file_query_info (dest->output, G_FILE_ATTRIBUTE_STANDARD_TYPE ","
                            G_FILE_ATTRIBUTE_STANDARD_DISPLAY_NAME,
                            G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS, NULL, &local_error);
  if (info == NULL)
    {
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
        return TRUE;
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  name = g_file_get_parse_name (dest->output);
  switch (g_file_info_get_file_type (info))
    {
    case G_FILE_TYPE_SYMBOLIC_LINK:
      break;

    case G_FILE_TYPE_REGULAR:
      if (!refuse_if_write_protected (dest->output, error))
        return FALSE;
      break;

    case G_FILE_TYPE_DIRECTORY:
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_IS_DIRECTORY,
                   _("%s is a folder; the %s format writes one file"),
                   name, gloss_format_to_string (dest->options->format));
      return FALSE;

    default:
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_REGULAR_FILE,
                   _("%s is not a regular file; the export does not replace it"), name);
      return FALSE;
    }

  *existing = existing_new (dest->output, FALSE);
  g_ptr_array_add ((*existing)->replaced, g_strdup (g_file_info_get_display_name (info)));
  return TRUE;
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* The names in @folder (not following links), sorted; NULL on an error. */
static GPtrArray *
list_names (GFile   *folder,
            GError **error)
{
  g_autoptr(GFileEnumerator) children = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);

  children = g_file_enumerate_children (folder, G_FILE_ATTRIBUTE_STANDARD_NAME,
                                        G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS, NULL, error);
  if (children == NULL)
    return NULL;

  while (TRUE)
    {
      GFileInfo *info;

      if (!g_file_enumerator_iterate (children, &info, NULL, NULL, error))
        return NULL;
      if (info == NULL)
        break;
      g_ptr_array_add (names, g_strdup (g_file_info_get_name (info)));
    }

  g_ptr_array_sort (names, compare_strings);
  return g_steal_pointer (&names);
}

/* What moving the export's files into the existing output folder would
 * replace, and what is there besides; *@existing is NULL for an empty
 * folder. A folder, or a read-only file, where the export has a file of
 * the same name is refused: neither is replaced, whatever the options. */
static gboolean
plan_folder (Destination          *dest,
             GlossExportExisting **existing,
             GError              **error)
{
  g_autoptr(GlossExportExisting) plan = existing_new (dest->output, TRUE);
  g_autoptr(GHashTable) ours = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GFileEnumerator) children = NULL;
  g_autoptr(GPtrArray) written = NULL;
  g_autofree char *temp_name = g_file_get_basename (dest->temp);

  *existing = NULL;

  written = list_names (dest->files, error);
  if (written == NULL)
    return FALSE;
  for (guint i = 0; i < written->len; i++)
    g_hash_table_add (ours, g_ptr_array_index (written, i));

  children = g_file_enumerate_children (dest->output, G_FILE_ATTRIBUTE_STANDARD_NAME ","
                                        G_FILE_ATTRIBUTE_STANDARD_TYPE ","
                                        G_FILE_ATTRIBUTE_STANDARD_DISPLAY_NAME,
                                        G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS, NULL, error);
  if (children == NULL)
    return FALSE;

  while (TRUE)
    {
      GFileInfo *info;
      GFile *child;
      const char *name;
      gboolean is_folder;
      char *shown;

      if (!g_file_enumerator_iterate (children, &info, &child, NULL, error))
        return FALSE;
      if (info == NULL)
        break;

      name = g_file_info_get_name (info);
      if (strcmp (name, temp_name) == 0)
        continue;

      is_folder = g_file_info_get_file_type (info) == G_FILE_TYPE_DIRECTORY;
      shown = g_strconcat (g_file_info_get_display_name (info), is_folder ? "/" : "", NULL);

      if (!g_hash_table_contains (ours, name))
        {
          g_ptr_array_add (plan->kept, shown);
          continue;
        }

      g_free (shown);
      if (is_folder)
        {
          g_autofree char *path = g_file_get_parse_name (child);

          g_set_error (error, G_IO_ERROR, G_IO_ERROR_IS_DIRECTORY,
                       _("%s is a folder; the export does not replace it with its file of that name"),
                       path);
          return FALSE;
        }
      if (g_file_info_get_file_type (info) == G_FILE_TYPE_REGULAR
          && !refuse_if_write_protected (child, error))
        return FALSE;

      g_ptr_array_add (plan->replaced, g_strdup (g_file_info_get_display_name (info)));
    }

  if (plan->replaced->len == 0 && plan->kept->len == 0)
    return TRUE;

  g_ptr_array_sort (plan->replaced, compare_strings);
  g_ptr_array_sort (plan->kept, compare_strings);
  *existing = g_steal_pointer (&plan);
  return TRUE;
}

/* Whether a person already agreed to what @existing would replace. */
static gboolean
is_consented (Destination               *dest,
              const GlossExportExisting *existing)
{
  if (!dest->consented)
    return FALSE;

  for (guint i = 0; i < existing->replaced->len; i++)
    if (!g_hash_table_contains (dest->approved, g_ptr_array_index (existing->replaced, i)))
      return FALSE;

  return TRUE;
}

/* May the export write over @existing? Yes when there is nothing, with
 * force, or when the person asked agrees; without a confirm callback it
 * refuses, saying what would have been replaced. */
static gboolean
settle (Destination          *dest,
        GlossExportExisting  *existing,
        GCancellable         *cancellable,
        GError              **error)
{
  if (existing == NULL || dest->options->force || is_consented (dest, existing))
    return TRUE;

  if (dest->confirm == NULL)
    {
      g_autofree char *message = describe_refusal (existing);

      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_EXISTS, message);
      gloss_export_existing_free (dest->summary->existing);
      dest->summary->existing = gloss_export_existing_copy (existing);
      return FALSE;
    }

  if (!dest->confirm (existing, cancellable, dest->confirm_data))
    {
      if (!g_cancellable_set_error_if_cancelled (cancellable, error))
        {
          g_autofree char *name = g_file_get_parse_name (dest->output);

          g_set_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED,
                       _("%s was left as it was"), name);
        }
      return FALSE;
    }

  dest->consented = TRUE;
  for (guint i = 0; i < existing->replaced->len; i++)
    g_hash_table_add (dest->approved, g_strdup (g_ptr_array_index (existing->replaced, i)));

  return !g_cancellable_set_error_if_cancelled (cancellable, error);
}

static gboolean
settle_file (Destination          *dest,
             GlossExportExisting **existing,
             GCancellable         *cancellable,
             GError              **error)
{
  return plan_file (dest, existing, error) && settle (dest, *existing, cancellable, error);
}

/* Folders: the person is asked about the exact names; if the folder
 * changed while they were asked, what it now holds is asked about again. */
static gboolean
settle_folder (Destination          *dest,
               GlossExportExisting **existing,
               GCancellable         *cancellable,
               GError              **error)
{
  for (guint attempt = 0; ; attempt++)
    {
      g_clear_pointer (existing, gloss_export_existing_free);
      if (!plan_folder (dest, existing, error))
        return FALSE;

      if (*existing == NULL || dest->options->force || is_consented (dest, *existing))
        return TRUE;

      if (attempt >= 3)
        {
          g_autofree char *name = g_file_get_parse_name (dest->output);

          g_set_error (error, G_IO_ERROR, G_IO_ERROR_BUSY,
                       _("%s kept changing while the export asked about it"), name);
          return FALSE;
        }

      if (!settle (dest, *existing, cancellable, error))
        return FALSE;
    }
}

static gboolean
destination_open (Destination   *dest,
                  GCancellable  *cancellable,
                  GError       **error)
{
  g_autoptr(GFile) parent = g_file_get_parent (dest->output);
  g_autofree char *name = g_file_get_parse_name (dest->output);
  GFile *folder;

  /* Into an existing folder the files are written in a hidden folder in
   * it: only that folder need be writable, and moving each file into
   * place is a rename within one file system. */
  dest->into_existing = dest->folder
    && g_file_query_file_type (dest->output, G_FILE_QUERY_INFO_NONE, NULL) == G_FILE_TYPE_DIRECTORY;
  folder = dest->into_existing ? dest->output : parent;

  if (g_file_peek_path (folder) != NULL && !dest->folder)
    {
      g_autofree char *basename = g_file_get_basename (dest->output);

      gloss_file_remove_stale_temporaries (g_file_peek_path (folder), basename);
    }
  remove_stale_folders (folder, dest->output);

  /* A fresh name, tried again in the unlikely case it is taken. */
  for (guint attempt = 0; ; attempt++)
    {
      g_autoptr(GFile) temp = temporary_child (folder, dest->output);
      g_autoptr(GError) local_error = NULL;
      gboolean ok;

      if (dest->folder)
        ok = g_file_make_directory (temp, cancellable, &local_error);
      else
        {
          g_autoptr(GFileOutputStream) stream =
            g_file_create (temp, G_FILE_CREATE_NONE, cancellable, &local_error);

          ok = stream != NULL;
          if (ok)
            dest->stream = g_buffered_output_stream_new_sized (G_OUTPUT_STREAM (stream),
                                                               64 * 1024);
        }

      if (ok)
        {
          dest->temp = g_steal_pointer (&temp);
          break;
        }

      if (!g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_EXISTS) || attempt >= 100)
        {
          g_propagate_prefixed_error (error, g_steal_pointer (&local_error),
                                      dest->into_existing ? _("%s: cannot write into it: ")
                                                          : _("%s: cannot write beside it: "),
                                      name);
          return FALSE;
        }
    }

  if (!dest->folder)
    return TRUE;

  if (!dest->into_existing)
    {
      dest->files = g_object_ref (dest->temp);
      return TRUE;
    }

  /* "new" holds the export's files, "old" the versions they replace until
   * all are in, so that a failure half-way can put those back. */
  dest->files = g_file_get_child (dest->temp, "new");
  if (!g_file_make_directory (dest->files, cancellable, error))
    {
      g_prefix_error (error, _("%s: cannot write into it: "), name);
      return FALSE;
    }

  return TRUE;
}

/* A copy of @target at @backup: a second hard link where the file system
 * has them (instant, and exactly the file), else a copy. */
static gboolean
keep_old_version (GFile   *target,
                  GFile   *backup,
                  GError **error)
{
  const char *target_path = g_file_peek_path (target);
  const char *backup_path = g_file_peek_path (backup);

  if (target_path != NULL && backup_path != NULL && link (target_path, backup_path) == 0)
    return TRUE;

  return g_file_copy (target, backup, G_FILE_COPY_NOFOLLOW_SYMLINKS | G_FILE_COPY_ALL_METADATA,
                      NULL, NULL, NULL, error);
}

typedef struct
{
  GFile    *target;
  GFile    *backup;  /* the old version, or NULL: there was none */
} Move;

static void
move_clear (gpointer data)
{
  Move *move = data;

  g_clear_object (&move->target);
  g_clear_object (&move->backup);
}

/* Moves each of the export's files over its namesake in the existing
 * output folder; nothing else there is touched. Each move is a rename, so
 * a reader sees the old file or the new one. If one fails, those already
 * done are undone: the old versions go back, the new files ours alone go. */
static gboolean
move_files_in (Destination   *dest,
               GCancellable  *cancellable,
               GError       **error)
{
  g_autoptr(GFile) old_folder = g_file_get_child (dest->temp, "old");
  g_autoptr(GArray) done = g_array_new (FALSE, TRUE, sizeof (Move));
  g_autoptr(GPtrArray) names = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GFile) failed = NULL;

  g_array_set_clear_func (done, move_clear);

  names = list_names (dest->files, error);
  if (names == NULL || !g_file_make_directory (old_folder, cancellable, error))
    return FALSE;

  for (guint i = 0; i < names->len; i++)
    {
      const char *name = g_ptr_array_index (names, i);
      g_autoptr(GFile) source = g_file_get_child (dest->files, name);
      g_autoptr(GFile) target = g_file_get_child (dest->output, name);
      g_autoptr(GFile) backup = NULL;
      Move move = { 0 };

      if (g_file_query_file_type (target, G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS, NULL) != G_FILE_TYPE_UNKNOWN)
        {
          backup = g_file_get_child (old_folder, name);
          if (!keep_old_version (target, backup, &local_error))
            {
              failed = g_steal_pointer (&target);
              break;
            }
        }

      if (!g_file_move (source, target, G_FILE_COPY_OVERWRITE | G_FILE_COPY_NOFOLLOW_SYMLINKS
                        | G_FILE_COPY_NO_FALLBACK_FOR_MOVE, NULL, NULL, NULL, &local_error))
        {
          failed = g_steal_pointer (&target);
          break;
        }

      move.target = g_steal_pointer (&target);
      move.backup = g_steal_pointer (&backup);
      g_array_append_val (done, move);
    }

  if (failed == NULL)
    return TRUE;

  for (guint i = done->len; i > 0; i--)
    {
      Move *move = &g_array_index (done, Move, i - 1);

      if (move->backup != NULL)
        g_file_move (move->backup, move->target, G_FILE_COPY_OVERWRITE | G_FILE_COPY_NOFOLLOW_SYMLINKS
                     | G_FILE_COPY_NO_FALLBACK_FOR_MOVE, NULL, NULL, NULL, NULL);
      else
        g_file_delete (move->target, NULL, NULL);
    }

  {
    g_autofree char *name = g_file_get_parse_name (failed);

    g_propagate_prefixed_error (error, g_steal_pointer (&local_error),
                                _("%s: cannot be replaced, so nothing was: "), name);
  }
  return FALSE;
}

/* The old file's permissions for the new one: an export replacing a
 * dataset shared with the group keeps it shared. */
static void
keep_mode (GFile *from,
           GFile *to)
{
  g_autoptr(GFileInfo) info = g_file_query_info (from, G_FILE_ATTRIBUTE_UNIX_MODE ","
                                                 G_FILE_ATTRIBUTE_STANDARD_TYPE,
                                                 G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS, NULL, NULL);

  if (info == NULL || g_file_info_get_file_type (info) != G_FILE_TYPE_REGULAR
      || !g_file_info_has_attribute (info, G_FILE_ATTRIBUTE_UNIX_MODE))
    return;

  g_file_set_attribute_uint32 (to, G_FILE_ATTRIBUTE_UNIX_MODE,
                               g_file_info_get_attribute_uint32 (info, G_FILE_ATTRIBUTE_UNIX_MODE) & 07777,
                               G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS, NULL, NULL);
}

static gboolean
destination_commit (Destination   *dest,
                    GCancellable  *cancellable,
                    GError       **error)
{
  g_autoptr(GlossExportExisting) existing = NULL;

  if (!dest->folder)
    {
      if (!g_output_stream_close (dest->stream, cancellable, error))
        return FALSE;
      g_clear_object (&dest->stream);

      /* Asked before the work; asked again only if the file appeared
       * meanwhile. */
      if (!settle_file (dest, &existing, cancellable, error))
        return FALSE;
      if (existing != NULL)
        keep_mode (dest->output, dest->temp);

      /* rename(2): readers see the old file or the new one, never half. */
      if (!g_file_move (dest->temp, dest->output,
                        G_FILE_COPY_OVERWRITE | G_FILE_COPY_NOFOLLOW_SYMLINKS,
                        cancellable, NULL, NULL, error))
        return FALSE;
      g_clear_object (&dest->temp);
    }
  else if (!dest->into_existing)
    {
      /* No overwrite: a folder that appeared meanwhile is not replaced. */
      if (!g_file_move (dest->temp, dest->output,
                        G_FILE_COPY_NOFOLLOW_SYMLINKS | G_FILE_COPY_NO_FALLBACK_FOR_MOVE,
                        cancellable, NULL, NULL, error))
        {
          g_autofree char *name = g_file_get_parse_name (dest->output);

          g_prefix_error (error, _("%s: cannot be put in place: "), name);
          return FALSE;
        }
      g_clear_object (&dest->temp);
    }
  else
    {
      if (!settle_folder (dest, &existing, cancellable, error)
          || g_cancellable_set_error_if_cancelled (cancellable, error)
          || !move_files_in (dest, cancellable, error))
        return FALSE;
      /* dest->temp now holds the old versions only, deleted by
       * destination_clear(). */
    }

  gloss_export_existing_free (dest->summary->existing);
  dest->summary->existing = g_steal_pointer (&existing);
  return TRUE;
}

/* The walk
 * ------------------------------------------------------------------------ */

typedef struct
{
  const GlossExportOptions *options;
  GlossFormatWriter        *writer;
  GlossExportSummary       *summary;
  GFile                    *root;
  GHashTable               *label_sets;  /* folder path → GlossLabelSet, NULL if broken */
  GHashTable               *annotators_seen;
  struct _Prefetch         *prefetch;    /* or NULL */
} Walk;

/* Prefetching articles for CoNLL
 *
 * CoNLL needs Unicode word and sentence boundaries, which Pango computes
 * (about 40 ms per MB) — more than loading and writing together. A second
 * thread reads the next articles and computes their boundaries while the
 * walk writes the current one, so both cores work. */

#define PREFETCH_AHEAD 16

typedef struct _Prefetch
{
  GlossCorpus   *corpus;
  GThread       *thread;
  GMutex         mutex;
  GCond          cond;
  GPtrArray     *documents;  /* index → GlossDocument, or NULL: not (yet) there */
  guint          produced;   /* articles the thread has dealt with */
  guint          consumed;   /* articles the walk has taken */
  gboolean       stop;
} Prefetch;

static gpointer
prefetch_thread (gpointer data)
{
  Prefetch *prefetch = data;
  guint n = gloss_corpus_get_n_articles (prefetch->corpus);

  for (guint i = 0; i < n; i++)
    {
      GlossCorpusArticle *article = gloss_corpus_get_article (prefetch->corpus, i);
      GlossDocument *document = NULL;

      g_mutex_lock (&prefetch->mutex);
      while (!prefetch->stop && i >= prefetch->consumed + PREFETCH_AHEAD)
        g_cond_wait (&prefetch->cond, &prefetch->mutex);
      g_mutex_unlock (&prefetch->mutex);
      if (prefetch->stop)
        break;

      /* Errors are left for the walk, which reads the article itself. */
      if (gloss_corpus_article_get_n_sidecars (article) > 0 && gloss_corpus_article_exists (article))
        document = gloss_document_new_from_file (gloss_corpus_article_get_file (article), NULL, NULL);
      if (document != NULL)
        gloss_document_is_sentence_boundary (document, 0);  /* computes the boundaries */

      g_mutex_lock (&prefetch->mutex);
      g_ptr_array_index (prefetch->documents, i) = document;
      prefetch->produced = i + 1;
      g_cond_broadcast (&prefetch->cond);
      g_mutex_unlock (&prefetch->mutex);
    }

  g_mutex_lock (&prefetch->mutex);
  prefetch->produced = n;
  g_cond_broadcast (&prefetch->cond);
  g_mutex_unlock (&prefetch->mutex);
  return NULL;
}

static Prefetch *
prefetch_start (GlossCorpus *corpus)
{
  Prefetch *prefetch = g_new0 (Prefetch, 1);
  guint n = gloss_corpus_get_n_articles (corpus);

  prefetch->corpus = g_object_ref (corpus);
  prefetch->documents = g_ptr_array_new_full (n, NULL);
  g_ptr_array_set_size (prefetch->documents, n);
  g_mutex_init (&prefetch->mutex);
  g_cond_init (&prefetch->cond);
  prefetch->thread = g_thread_new ("gloss-prefetch", prefetch_thread, prefetch);
  return prefetch;
}

/* The article @index as the thread read it (a new reference), or NULL. */
static GlossDocument *
prefetch_take (Prefetch *prefetch,
               guint     index)
{
  GlossDocument *document;

  g_mutex_lock (&prefetch->mutex);
  while (prefetch->produced <= index)
    g_cond_wait (&prefetch->cond, &prefetch->mutex);
  document = g_ptr_array_index (prefetch->documents, index);
  g_ptr_array_index (prefetch->documents, index) = NULL;
  prefetch->consumed = index + 1;
  g_cond_broadcast (&prefetch->cond);
  g_mutex_unlock (&prefetch->mutex);

  return document;
}

static void
prefetch_stop (Prefetch *prefetch)
{
  if (prefetch == NULL)
    return;

  g_mutex_lock (&prefetch->mutex);
  prefetch->stop = TRUE;
  g_cond_broadcast (&prefetch->cond);
  g_mutex_unlock (&prefetch->mutex);
  g_thread_join (prefetch->thread);

  for (guint i = 0; i < prefetch->documents->len; i++)
    g_clear_object ((GlossDocument **) &g_ptr_array_index (prefetch->documents, i));
  g_ptr_array_unref (prefetch->documents);
  g_mutex_clear (&prefetch->mutex);
  g_cond_clear (&prefetch->cond);
  g_object_unref (prefetch->corpus);
  g_free (prefetch);
}

static void
add_problem (GlossExportSummary *summary,
             char               *line)
{
  g_ptr_array_add (summary->problems, line);
}

static void
add_file_problem (GlossExportSummary *summary,
                  GFile              *file,
                  const char         *message)
{
  g_autofree char *name = g_file_get_parse_name (file);

  add_problem (summary, g_strdup_printf ("%s: %s", name, message));
}

/* The nearest label set for @article's folder, looked up once per folder.
 * A broken label file is reported once, its lines one problem each. */
static GlossLabelSet *
walk_lookup_labels (Walk  *walk,
                    GFile *article)
{
  g_autoptr(GFile) folder = g_file_get_parent (article);
  g_autofree char *key = g_file_get_path (folder);
  g_autoptr(GError) error = NULL;
  GlossLabelSet *set;
  gpointer value;

  if (key == NULL)
    key = g_file_get_uri (folder);

  if (g_hash_table_lookup_extended (walk->label_sets, key, NULL, &value))
    return value;

  set = gloss_label_set_find_for_folder (folder, &error);
  if (set == NULL)
    {
      g_auto(GStrv) lines = g_strsplit (error->message, "\n", -1);

      for (guint i = 0; lines[i] != NULL; i++)
        if (lines[i][0] != '\0')
          add_problem (walk->summary, g_strdup (lines[i]));
    }

  g_hash_table_insert (walk->label_sets, g_steal_pointer (&key), set);
  return set;
}

static gboolean
annotator_is_chosen (const GlossExportOptions *options,
                     const char               *annotator)
{
  return options->annotators == NULL
         || g_strv_contains ((const char * const *) options->annotators, annotator);
}

static char *
article_id_for (GFile *root,
                GFile *article)
{
  char *relative = root != NULL ? g_file_get_relative_path (root, article) : NULL;

  /* Outside the root (a caller's choice): the whole path is still unique. */
  if (relative == NULL)
    relative = g_file_get_parse_name (article);

#ifdef G_OS_WIN32
  g_strdelimit (relative, "\\", '/');
#endif

  return relative;
}

/* The first error of a failed sidecar as one "FILE: LOCATION: message"
 * line, saying how many more there are (validate lists them all). */
static char *
describe_failed_sidecar (GlossSidecar *sidecar,
                         const GError *error)
{
  GPtrArray *problems = gloss_sidecar_get_problems (sidecar);
  const GlossProblem *first = NULL;
  guint n_errors = 0;
  g_autofree char *line = NULL;

  for (guint i = 0; problems != NULL && i < problems->len; i++)
    {
      const GlossProblem *problem = g_ptr_array_index (problems, i);

      if (problem->severity != GLOSS_SEVERITY_ERROR)
        continue;
      if (first == NULL)
        first = problem;
      n_errors++;
    }

  if (first != NULL)
    line = gloss_problem_to_string (first);
  else
    {
      g_autofree char *name = g_file_get_parse_name (gloss_sidecar_get_file (sidecar));
      line = g_strdup_printf ("%s: %s", name,
                              error != NULL ? error->message : _("cannot be read"));
    }

  if (n_errors > 1)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "%s (and %u more problem)",
                                         "%s (and %u more problems)",
                                         n_errors - 1),
                            line, n_errors - 1);

  return g_steal_pointer (&line);
}

static guint
count_orphans (GlossSidecar             *sidecar,
               const GlossExportOptions *options)
{
  GListModel *orphans = gloss_annotation_set_get_orphans (gloss_sidecar_get_annotations (sidecar));
  guint n = g_list_model_get_n_items (orphans);
  guint count = 0;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GlossAnnotation) orphan = g_list_model_get_item (orphans, i);

      if (label_is_chosen (options, gloss_annotation_get_label (orphan)))
        count++;
    }

  return count;
}

/* What the record holds once filtered; the writers count only what their
 * format loses, so the figures mean the same in every format. */
static void
count_record (GlossExportSummary      *summary,
              const GlossExportRecord *record,
              const GlossExportOptions *options)
{
  g_autoptr(GPtrArray) spans = gloss_export_record_spans (record, options);
  g_autoptr(GPtrArray) relations = gloss_export_record_relations (record, spans);

  summary->records++;
  summary->spans += spans->len;
  summary->relations += relations->len;

  for (guint i = 0; i < spans->len; i++)
    {
      const char *note = gloss_annotation_get_note (g_ptr_array_index (spans, i));

      if (note != NULL && note[0] != '\0')
        summary->notes++;
    }
}

/* Exports every chosen sidecar of @article; FALSE only when writing fails. */
static gboolean
walk_article (Walk                *walk,
              GlossCorpusArticle  *article,
              guint                index,
              GCancellable        *cancellable,
              GError             **error)
{
  GFile *file = gloss_corpus_article_get_file (article);
  guint n_sidecars = gloss_corpus_article_get_n_sidecars (article);
  g_autoptr(GlossDocument) document = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *article_id = NULL;
  GlossLabelSet *labels;
  guint n_chosen = 0;
  gboolean exported = FALSE;

  /* Taken for every article, skipped or not, so the thread moves on. */
  if (walk->prefetch != NULL)
    document = prefetch_take (walk->prefetch, index);

  for (guint j = 0; j < n_sidecars; j++)
    {
      const char *annotator = gloss_corpus_article_get_annotator (article, j);

      if (annotator_is_chosen (walk->options, annotator))
        {
          g_hash_table_add (walk->annotators_seen, g_strdup (annotator));
          n_chosen++;
        }
    }

  /* An article nobody (chosen) annotated is simply not part of the dataset. */
  if (n_chosen == 0)
    return TRUE;

  if (!gloss_corpus_article_exists (article))
    {
      add_file_problem (walk->summary, file, _("the article is missing; its sidecars are not exported"));
      walk->summary->failed++;
      return TRUE;
    }

  if (document == NULL)
    document = gloss_document_new_from_file (file, cancellable, &local_error);
  if (document == NULL)
    {
      /* Cancelled while reading is the export's end, not a bad article. */
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;

      g_autofree char *message =
        g_strdup_printf (_("the article cannot be used: %s"), local_error->message);

      add_file_problem (walk->summary, file, message);
      walk->summary->failed++;
      return TRUE;
    }

  /* Without its label set a span's kind (entity, quote, claim) would be
   * guessed, and CoNLL or brat would put it in the wrong place: the
   * broken label file was reported, these sidecars are not exported. */
  labels = walk_lookup_labels (walk, file);
  if (labels == NULL)
    {
      walk->summary->failed += n_chosen;
      return TRUE;
    }

  article_id = article_id_for (walk->root, file);

  for (guint j = 0; j < n_sidecars; j++)
    {
      const char *annotator = gloss_corpus_article_get_annotator (article, j);
      g_autoptr(GlossSidecar) sidecar = NULL;
      GlossExportRecord record = { 0 };

      if (!annotator_is_chosen (walk->options, annotator))
        continue;

      sidecar = gloss_sidecar_new (gloss_corpus_article_get_sidecar (article, j), document);
      g_clear_error (&local_error);
      if (!gloss_sidecar_load (sidecar, labels, cancellable, &local_error))
        {
          if (g_cancellable_set_error_if_cancelled (cancellable, error))
            return FALSE;

          add_problem (walk->summary, describe_failed_sidecar (sidecar, local_error));
          walk->summary->failed++;
          continue;
        }

      /* Gone between the scan and now (a git checkout, say). */
      if (gloss_sidecar_get_state (sidecar) == GLOSS_SIDECAR_STATE_NEW)
        {
          add_file_problem (walk->summary, gloss_sidecar_get_file (sidecar),
                            _("the sidecar no longer exists"));
          walk->summary->failed++;
          continue;
        }

      walk->summary->lost_orphans += count_orphans (sidecar, walk->options);

      record.document = document;
      record.sidecar = sidecar;
      record.labels = labels;
      record.annotator = annotator;
      record.article_id = article_id;
      record.article_file = file;

      count_record (walk->summary, &record, walk->options);
      if (!walk->writer->write_record (walk->writer, &record, walk->summary, error))
        return FALSE;
      exported = TRUE;
    }

  if (exported)
    walk->summary->articles++;

  return TRUE;
}

static GlossFormatWriter *
create_writer (GlossFormat format)
{
  switch (format)
    {
    case GLOSS_FORMAT_JSONL:
      return gloss_format_jsonl_new ();
    case GLOSS_FORMAT_DOCCANO:
      return gloss_format_doccano_new ();
    case GLOSS_FORMAT_CONLL:
      return gloss_format_conll_new ();
    case GLOSS_FORMAT_BRAT:
      return gloss_format_brat_new ();
    case GLOSS_FORMAT_W3C:
      return gloss_format_w3c_new ();
    case GLOSS_FORMAT_CSV:
      return gloss_format_csv_new ();
    default:
      return NULL;
    }
}

static gboolean
check_options (const GlossExportOptions  *options,
               GError                   **error)
{
  if (gloss_format_to_string (options->format) == NULL)
    {
      g_set_error (error, GLOSS_ERROR, GLOSS_ERROR_INVALID, _("unknown export format"));
      return FALSE;
    }

  return gloss_format_check_offsets (options->format, options->offsets, error);
}

/* Chosen annotators that have no sidecar anywhere: most likely a typo, and
 * an empty dataset should not pass for a successful one. */
static void
report_unseen_annotators (Walk *walk)
{
  if (walk->options->annotators == NULL)
    return;

  for (guint i = 0; walk->options->annotators[i] != NULL; i++)
    {
      const char *annotator = walk->options->annotators[i];

      if (!g_hash_table_contains (walk->annotators_seen, annotator))
        {
          add_problem (walk->summary,
                       g_strdup_printf (_("no sidecar of annotator “%s” was found"), annotator));
          walk->summary->failed++;
        }
    }
}

static void
unref_if_set (gpointer object)
{
  if (object != NULL)
    g_object_unref (object);
}

static gboolean
run_writer (Walk                 *walk,
            GlossCorpus          *corpus,
            GlossExportProgress   progress,
            gpointer              progress_data,
            GCancellable         *cancellable,
            GError              **error)
{
  guint n_articles = gloss_corpus_get_n_articles (corpus);

  if (walk->writer->begin != NULL && !walk->writer->begin (walk->writer, error))
    return FALSE;

  for (guint i = 0; i < n_articles; i++)
    {
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;

      if (!walk_article (walk, gloss_corpus_get_article (corpus, i), i, cancellable, error))
        return FALSE;

      if (progress != NULL)
        progress (i + 1, n_articles, progress_data);
    }

  /* Also after the last article, so a cancel from the last progress call
   * still leaves the old output in place. */
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;

  if (walk->writer->end != NULL && !walk->writer->end (walk->writer, walk->summary, error))
    return FALSE;

  report_unseen_annotators (walk);
  return TRUE;
}

gboolean
gloss_export_corpus (GlossCorpus               *corpus,
                     GFile                     *root,
                     const GlossExportOptions  *options,
                     GFile                     *output,
                     GlossExportProgress        progress,
                     gpointer                   progress_data,
                     GlossExportSummary        *summary,
                     GCancellable              *cancellable,
                     GError                   **error)
{
  return gloss_export_corpus_full (corpus, root, options, output, progress, progress_data,
                                   NULL, NULL, summary, cancellable, error);
}

gboolean
gloss_export_corpus_full (GlossCorpus               *corpus,
                          GFile                     *root,
                          const GlossExportOptions  *options,
                          GFile                     *output,
                          GlossExportProgress        progress,
                          gpointer                   progress_data,
                          GlossExportConfirm         confirm,
                          gpointer                   confirm_data,
                          GlossExportSummary        *summary,
                          GCancellable              *cancellable,
                          GError                   **error)
{
  g_autoptr(GHashTable) label_sets = NULL;
  g_autoptr(GHashTable) annotators_seen = NULL;
  Destination dest = { 0 };
  GlossFormatWriter *writer;
  Walk walk = { 0 };
  gboolean ok;

  g_return_val_if_fail (GLOSS_IS_CORPUS (corpus), FALSE);
  g_return_val_if_fail (root == NULL || G_IS_FILE (root), FALSE);
  g_return_val_if_fail (options != NULL, FALSE);
  g_return_val_if_fail (G_IS_FILE (output), FALSE);
  g_return_val_if_fail (summary != NULL && summary->problems != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!check_options (options, error) || !check_output (corpus, options, output, error))
    return FALSE;

  writer = create_writer (options->format);
  if (writer == NULL)
    {
      g_set_error (error, GLOSS_ERROR, GLOSS_ERROR_FAILED,
                   _("the %s format cannot be written yet"),
                   gloss_format_to_string (options->format));
      return FALSE;
    }

  dest.output = output;
  dest.folder = gloss_format_writes_folder (options->format);
  dest.options = options;
  dest.confirm = confirm;
  dest.confirm_data = confirm_data;
  dest.summary = summary;
  dest.approved = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  /* What a single file would replace is known now: asked (or refused)
   * before the work rather than after it. */
  if (!dest.folder)
    {
      g_autoptr(GlossExportExisting) existing = NULL;

      if (!settle_file (&dest, &existing, cancellable, error))
        {
          writer->free (writer);
          destination_clear (&dest);
          return FALSE;
        }
    }

  if (!destination_open (&dest, cancellable, error))
    {
      writer->free (writer);
      destination_clear (&dest);
      return FALSE;
    }

  writer->options = options;
  writer->out = dest.stream;
  writer->folder = dest.files;

  label_sets = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, unref_if_set);
  annotators_seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  walk.options = options;
  walk.writer = writer;
  walk.summary = summary;
  walk.root = root;
  walk.label_sets = label_sets;
  walk.annotators_seen = annotators_seen;
  /* Only CoNLL needs word and sentence boundaries, Pango's costly part. */
  if (options->format == GLOSS_FORMAT_CONLL && gloss_corpus_get_n_articles (corpus) > 1)
    walk.prefetch = prefetch_start (corpus);

  ok = run_writer (&walk, corpus, progress, progress_data, cancellable, error);
  prefetch_stop (walk.prefetch);
  writer->free (writer);

  if (ok)
    ok = destination_commit (&dest, cancellable, error);

  /* On success only the old versions of replaced files are left to
   * clear; otherwise the temporary output goes and the old one stays
   * untouched. */
  destination_clear (&dest);

  return ok;
}

/* Asynchronous export
 * ------------------------------------------------------------------------ */

struct _GlossExportReply
{
  GMutex   lock;
  GCond    cond;
  gboolean answered;
  gboolean replace;
};

static void
reply_clear (gpointer data)
{
  GlossExportReply *reply = data;

  g_mutex_clear (&reply->lock);
  g_cond_clear (&reply->cond);
}

static GlossExportReply *
reply_new (void)
{
  GlossExportReply *reply = g_atomic_rc_box_new0 (GlossExportReply);

  g_mutex_init (&reply->lock);
  g_cond_init (&reply->cond);
  return reply;
}

static void
reply_release (GlossExportReply *reply)
{
  g_atomic_rc_box_release_full (reply, reply_clear);
}

/* The first answer counts: a source destroyed unasked answers FALSE. */
static void
reply_set (GlossExportReply *reply,
           gboolean          replace)
{
  g_mutex_lock (&reply->lock);
  if (!reply->answered)
    {
      reply->answered = TRUE;
      reply->replace = replace;
    }
  g_cond_broadcast (&reply->cond);
  g_mutex_unlock (&reply->lock);
}

void
gloss_export_reply_answer (GlossExportReply *reply,
                           gboolean          replace)
{
  g_return_if_fail (reply != NULL);

  reply_set (reply, replace);
  reply_release (reply);
}

/* One asynchronous export: what the worker needs, copied, and the progress
 * waiting to be delivered on the caller's context. */
typedef struct
{
  GlossCorpus         *corpus;
  GFile               *root;
  GFile               *output;
  GlossExportOptions   options;
  GlossExportSummary   summary;
  GMainContext        *context;
  GlossExportProgress  progress;
  GlossExportAsk       ask;
  gpointer             hooks_data;

  /* Only the latest count waits on the main loop: a busy loop sees fewer
   * calls, never an older count after a newer one. */
  GMutex               lock;
  guint                done;
  guint                total;
  gboolean             progress_queued;
} AsyncExport;

static void
async_export_free (gpointer data)
{
  AsyncExport *job = data;

  g_clear_object (&job->corpus);
  g_clear_object (&job->root);
  g_clear_object (&job->output);
  g_clear_pointer (&job->options.annotators, g_strfreev);
  g_clear_pointer (&job->options.labels, g_strfreev);
  gloss_export_summary_clear (&job->summary);
  g_clear_pointer (&job->context, g_main_context_unref);
  g_mutex_clear (&job->lock);
  g_free (job);
}

/* Sources on the caller's context hold the task, so that @job outlives
 * them; they are attached before the task returns, so they run first. */
static void
invoke_on_caller (GTask          *task,
                  GSourceFunc     function,
                  gpointer        data,
                  GDestroyNotify  notify)
{
  AsyncExport *job = g_task_get_task_data (task);
  g_autoptr(GSource) source = g_idle_source_new ();

  g_source_set_priority (source, g_task_get_priority (task));
  g_source_set_callback (source, function, data, notify);
  g_source_set_static_name (source, "[gloss] export progress");
  g_source_attach (source, job->context);
}

static gboolean
deliver_progress (gpointer data)
{
  AsyncExport *job = g_task_get_task_data (data);
  guint done, total;

  g_mutex_lock (&job->lock);
  done = job->done;
  total = job->total;
  job->progress_queued = FALSE;
  g_mutex_unlock (&job->lock);

  job->progress (done, total, job->hooks_data);
  return G_SOURCE_REMOVE;
}

/* The worker's GlossExportProgress. */
static void
queue_progress (guint    done,
                guint    total,
                gpointer data)
{
  GTask *task = data;
  AsyncExport *job = g_task_get_task_data (task);
  gboolean queue;

  g_mutex_lock (&job->lock);
  job->done = done;
  job->total = total;
  queue = !job->progress_queued;
  job->progress_queued = TRUE;
  g_mutex_unlock (&job->lock);

  if (queue)
    invoke_on_caller (task, deliver_progress, g_object_ref (task), g_object_unref);
}

typedef struct
{
  GTask               *task;
  GlossExportExisting *existing;
  GlossExportReply    *reply;  /* NULL once handed to the ask callback */
} Question;

static void
question_free (gpointer data)
{
  Question *question = data;

  /* Never asked (the context went away): the worker must not wait on. */
  if (question->reply != NULL)
    gloss_export_reply_answer (question->reply, FALSE);
  gloss_export_existing_free (question->existing);
  g_object_unref (question->task);
  g_free (question);
}

static gboolean
deliver_question (gpointer data)
{
  Question *question = data;
  AsyncExport *job = g_task_get_task_data (question->task);

  job->ask (question->existing, g_steal_pointer (&question->reply), job->hooks_data);
  return G_SOURCE_REMOVE;
}

static void
wake_reply (GCancellable     *cancellable,
            GlossExportReply *reply)
{
  g_mutex_lock (&reply->lock);
  g_cond_broadcast (&reply->cond);
  g_mutex_unlock (&reply->lock);
}

/* The worker's GlossExportConfirm: asks on the caller's context and waits
 * for the answer or a cancel. */
static gboolean
ask_and_wait (const GlossExportExisting *existing,
              GCancellable              *cancellable,
              gpointer                   data)
{
  GTask *task = data;
  GlossExportReply *reply = reply_new ();
  Question *question = g_new0 (Question, 1);
  gulong handler = 0;
  gboolean replace;

  question->task = g_object_ref (task);
  question->existing = gloss_export_existing_copy (existing);
  question->reply = g_atomic_rc_box_acquire (reply);
  invoke_on_caller (task, deliver_question, question, question_free);

  if (cancellable != NULL)
    handler = g_cancellable_connect (cancellable, G_CALLBACK (wake_reply), reply, NULL);

  g_mutex_lock (&reply->lock);
  while (!reply->answered && !g_cancellable_is_cancelled (cancellable))
    g_cond_wait (&reply->cond, &reply->lock);
  replace = reply->answered && reply->replace;
  g_mutex_unlock (&reply->lock);

  g_cancellable_disconnect (cancellable, handler);
  reply_release (reply);

  return replace;
}

static void
export_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  AsyncExport *job = task_data;
  GError *error = NULL;

  if (gloss_export_corpus_full (job->corpus, job->root, &job->options, job->output,
                                job->progress != NULL ? queue_progress : NULL, task,
                                job->ask != NULL ? ask_and_wait : NULL, task,
                                &job->summary, cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

void
gloss_export_corpus_async (GlossCorpus               *corpus,
                           GFile                     *root,
                           const GlossExportOptions  *options,
                           GFile                     *output,
                           GlossExportProgress        progress,
                           GlossExportAsk             ask,
                           gpointer                   hooks_data,
                           GCancellable              *cancellable,
                           GAsyncReadyCallback        callback,
                           gpointer                   user_data)
{
  g_autoptr(GTask) task = NULL;
  AsyncExport *job;

  g_return_if_fail (GLOSS_IS_CORPUS (corpus));
  g_return_if_fail (root == NULL || G_IS_FILE (root));
  g_return_if_fail (options != NULL);
  g_return_if_fail (G_IS_FILE (output));

  job = g_new0 (AsyncExport, 1);
  job->corpus = g_object_ref (corpus);
  job->root = root != NULL ? g_object_ref (root) : NULL;
  job->output = g_object_ref (output);
  job->options = *options;
  job->options.annotators = g_strdupv (options->annotators);
  job->options.labels = g_strdupv (options->labels);
  gloss_export_summary_init (&job->summary);
  job->context = g_main_context_ref_thread_default ();
  job->progress = progress;
  job->ask = ask;
  job->hooks_data = hooks_data;
  g_mutex_init (&job->lock);

  task = g_task_new (corpus, cancellable, callback, user_data);
  g_task_set_source_tag (task, gloss_export_corpus_async);
  g_task_set_name (task, "[gloss] export");
  g_task_set_task_data (task, job, async_export_free);
  /* The blocking export checks the cancellable itself, and must: only it
   * knows when the temporary output is gone. */
  g_task_set_return_on_cancel (task, FALSE);
  g_task_run_in_thread (task, export_thread);
}

gboolean
gloss_export_corpus_finish (GAsyncResult        *result,
                            GlossExportSummary  *summary,
                            GError             **error)
{
  AsyncExport *job;

  g_return_val_if_fail (G_IS_TASK (result), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == gloss_export_corpus_async, FALSE);

  job = g_task_get_task_data (G_TASK (result));
  if (summary != NULL)
    {
      gloss_export_summary_clear (summary);
      *summary = job->summary;
      gloss_export_summary_init (&job->summary);
    }

  return g_task_propagate_boolean (G_TASK (result), error);
}

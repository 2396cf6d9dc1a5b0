/* gloss-export.c — the one corpus walker every export format goes through
 *
 * The walker loads each article once, then each chosen annotator's sidecar,
 * and hands every article × annotator record to the writer of the chosen
 * format (gloss-format-*.c). It owns what all formats share: which
 * sidecars, which labels, the counts in the summary, the problems, and the
 * temporary file or folder that is renamed into place only when the whole
 * export succeeded.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "gloss-error.h"
#include "gloss-export.h"
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

/* Temporary output and replacing the old one
 * ------------------------------------------------------------------------ */

/* "<name>.<tag>-XXXXXX" beside @file, with six random letters or digits. */
static GFile *
sibling_with_random_suffix (GFile      *file,
                            const char *tag)
{
  static const char chars[] = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
  g_autoptr(GFile) parent = g_file_get_parent (file);
  g_autofree char *basename = g_file_get_basename (file);
  char suffix[7];

  for (guint i = 0; i < 6; i++)
    suffix[i] = chars[g_random_int_range (0, sizeof chars - 1)];
  suffix[6] = '\0';

  {
    g_autofree char *name = g_strdup_printf ("%s.%s-%s", basename, tag, suffix);
    return g_file_get_child (parent, name);
  }
}

/* Deletes @file, and all below it if it is a folder. Symbolic links are
 * deleted, never followed. */
static gboolean
delete_tree (GFile         *file,
             GCancellable  *cancellable,
             GError       **error)
{
  g_autoptr(GFileEnumerator) children = NULL;
  g_autoptr(GError) local_error = NULL;

  children = g_file_enumerate_children (file, G_FILE_ATTRIBUTE_STANDARD_NAME ","
                                        G_FILE_ATTRIBUTE_STANDARD_TYPE,
                                        G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS,
                                        cancellable, &local_error);
  if (children != NULL)
    {
      while (TRUE)
        {
          GFileInfo *info;
          GFile *child;

          if (!g_file_enumerator_iterate (children, &info, &child, cancellable, error))
            return FALSE;
          if (info == NULL)
            break;

          if (!delete_tree (child, cancellable, error))
            return FALSE;
        }
    }
  else if (!g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_NOT_DIRECTORY))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  return g_file_delete (file, cancellable, error);
}

/* A folder may be replaced by a brat export only if it holds nothing but
 * what a brat export writes (.txt, .ann, .conf files and folders of them):
 * pointed by mistake at a folder of other work, the export refuses instead
 * of deleting it. */
static gboolean
folder_is_replaceable (GFile   *folder,
                       GFile  **offending)
{
  g_autoptr(GFileEnumerator) children = NULL;

  children = g_file_enumerate_children (folder, G_FILE_ATTRIBUTE_STANDARD_NAME ","
                                        G_FILE_ATTRIBUTE_STANDARD_TYPE,
                                        G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS,
                                        NULL, NULL);
  if (children == NULL)
    {
      *offending = g_object_ref (folder);
      return FALSE;
    }

  while (TRUE)
    {
      GFileInfo *info;
      GFile *child;
      const char *name;

      if (!g_file_enumerator_iterate (children, &info, &child, NULL, NULL))
        {
          *offending = g_object_ref (folder);
          return FALSE;
        }
      if (info == NULL)
        return TRUE;

      name = g_file_info_get_name (info);
      switch (g_file_info_get_file_type (info))
        {
        case G_FILE_TYPE_DIRECTORY:
          if (!folder_is_replaceable (child, offending))
            return FALSE;
          break;

        case G_FILE_TYPE_REGULAR:
          if (g_str_has_suffix (name, ".txt") || g_str_has_suffix (name, ".ann")
              || g_str_has_suffix (name, ".conf"))
            break;
          G_GNUC_FALLTHROUGH;

        default:
          *offending = g_object_ref (child);
          return FALSE;
        }
    }
}

typedef struct
{
  GFile         *output;
  GFile         *temp;       /* the file or folder being written */
  GOutputStream *stream;     /* single-file formats */
  gboolean       folder;
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

/* Refuses, before any work, an output the export could not or should not
 * replace. */
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

  type = g_file_query_file_type (output, G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS, NULL);
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

  if (folder)
    {
      g_autoptr(GFile) offending = NULL;

      if (!folder_is_replaceable (output, &offending))
        {
          g_autofree char *what = g_file_get_parse_name (offending);

          g_set_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS,
                       _("%s already exists and holds more than an export (%s); "
                         "choose a new or empty folder"),
                       name, what);
          return FALSE;
        }
    }

  return TRUE;
}

static gboolean
destination_open (Destination   *dest,
                  GFile         *output,
                  gboolean       folder,
                  GCancellable  *cancellable,
                  GError       **error)
{
  dest->output = output;
  dest->folder = folder;

  /* A fresh name, tried again in the unlikely case it is taken. */
  for (guint attempt = 0; ; attempt++)
    {
      g_autoptr(GFile) temp = sibling_with_random_suffix (output, "tmp");
      g_autoptr(GError) local_error = NULL;
      gboolean ok;

      if (folder)
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
          return TRUE;
        }

      if (!g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_EXISTS) || attempt >= 100)
        {
          g_autofree char *name = g_file_get_parse_name (output);

          g_propagate_prefixed_error (error, g_steal_pointer (&local_error),
                                      _("%s: cannot write beside it: "), name);
          return FALSE;
        }
    }
}

/* Puts the finished temporary folder in place of @dest->output: the old
 * folder is moved aside first and deleted only once the new one is in. */
static gboolean
replace_folder (Destination   *dest,
                GCancellable  *cancellable,
                GError       **error)
{
  g_autoptr(GFile) aside = NULL;
  g_autoptr(GError) local_error = NULL;

  if (g_file_query_exists (dest->output, NULL))
    {
      aside = sibling_with_random_suffix (dest->output, "old");
      if (!g_file_move (dest->output, aside, G_FILE_COPY_NOFOLLOW_SYMLINKS,
                        cancellable, NULL, NULL, error))
        return FALSE;
    }

  if (!g_file_move (dest->temp, dest->output, G_FILE_COPY_NOFOLLOW_SYMLINKS,
                    NULL, NULL, NULL, &local_error))
    {
      /* Put the old one back, so the failure leaves things as they were. */
      if (aside != NULL)
        g_file_move (aside, dest->output, G_FILE_COPY_NOFOLLOW_SYMLINKS, NULL, NULL, NULL, NULL);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  g_clear_object (&dest->temp);

  /* The export is in place: an old folder that cannot be deleted is left
   * beside it rather than failing what succeeded. */
  if (aside != NULL)
    delete_tree (aside, NULL, NULL);

  return TRUE;
}

static gboolean
destination_commit (Destination   *dest,
                    GCancellable  *cancellable,
                    GError       **error)
{
  if (!dest->folder)
    {
      if (!g_output_stream_close (dest->stream, cancellable, error))
        return FALSE;
      g_clear_object (&dest->stream);

      /* rename(2): readers see the old file or the new one, never half. */
      if (!g_file_move (dest->temp, dest->output,
                        G_FILE_COPY_OVERWRITE | G_FILE_COPY_NOFOLLOW_SYMLINKS,
                        cancellable, NULL, NULL, error))
        return FALSE;
      g_clear_object (&dest->temp);
      return TRUE;
    }

  return replace_folder (dest, cancellable, error);
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

  if (gloss_offset_unit_to_string (options->offsets) == NULL)
    {
      g_set_error (error, GLOSS_ERROR, GLOSS_ERROR_INVALID, _("unknown offset unit"));
      return FALSE;
    }

  /* CoNLL has token offsets that must agree with brat's and Gloss's own
   * code points; brat counts code points by definition. */
  if (options->offsets != GLOSS_OFFSETS_CODE_POINTS
      && (options->format == GLOSS_FORMAT_CONLL || options->format == GLOSS_FORMAT_BRAT))
    {
      g_set_error (error, GLOSS_ERROR, GLOSS_ERROR_INVALID,
                   _("--offsets applies to jsonl, doccano, w3c and csv"));
      return FALSE;
    }

  return TRUE;
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

  if (!destination_open (&dest, output, gloss_format_writes_folder (options->format),
                         cancellable, error))
    {
      writer->free (writer);
      return FALSE;
    }

  writer->options = options;
  writer->out = dest.stream;
  writer->folder = dest.folder ? dest.temp : NULL;

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

  /* On success nothing is left to clear; otherwise the temporary output
   * goes and the old one stays untouched. */
  destination_clear (&dest);

  return ok;
}

/* gloss-export-output.c — where an export writes, and what it may write over
 *
 * A new output is written as a hidden temporary file or folder beside it
 * and renamed into place only when complete. An existing file, or a folder
 * that is not empty, is written over only with force or when the person
 * agrees (the confirm callback); into an existing folder, only the names
 * the export writes are replaced, each by a rename, and all of them are put
 * back if one fails. Nothing the export did not write itself is removed:
 * docs/safety.md and docs/export.md ("Writing the output").
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>
#include <unistd.h>

#include "gloss-export-output-private.h"
#include "gloss-file.h"

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

  if (!existing->folder && existing->companion)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "%s: the export would replace %u existing file (%s)",
                                         "%s: the export would replace %u existing files (%s)",
                                         n_replaced),
                            name, n_replaced, replaced);
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
struct _GlossExportOutput
{
  GFile                    *output;
  gboolean                  folder;         /* brat: the output is a folder */
  gboolean                  into_existing;  /* into a folder that exists, file by file */
  GFile                    *temp;           /* ours: deleted unless renamed into place */
  GFile                    *files;          /* folder formats: where the writer puts its files */
  GOutputStream            *stream;         /* single-file formats */
  GFile                    *companion_temp; /* where the writer puts the file beside the output
                                             * (gloss_export_options_get_companion()), moved into place at commit */

  const GlossExportOptions *options;
  GlossExportConfirm        confirm;
  gpointer                  confirm_data;
  GlossExportSummary       *summary;
  GHashTable               *approved;       /* names a person agreed to see replaced */
  gboolean                  consented;      /* a person agreed to write over the output */
};

static void
output_clear (GlossExportOutput *dest)
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

  if (dest->companion_temp != NULL)
    {
      g_file_delete (dest->companion_temp, NULL, NULL);
      g_clear_object (&dest->companion_temp);
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
gboolean
gloss_export_output_check (GlossCorpus               *corpus,
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
plan_file (GlossExportOutput    *dest,
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

/* plan_file(), and the file written beside the output: replacing it is
 * asked about (or refused) with the output, never done unasked. */
static gboolean
plan_file_and_companion (GlossExportOutput    *dest,
                         GlossExportExisting **existing,
                         GError              **error)
{
  GFile *companion = gloss_export_options_get_companion (dest->options);
  g_autoptr(GFileInfo) info = NULL;
  g_autofree char *name = NULL;

  if (!plan_file (dest, existing, error))
    return FALSE;
  if (companion == NULL)
    return TRUE;

  info = g_file_query_info (companion, G_FILE_ATTRIBUTE_STANDARD_TYPE ","
                            G_FILE_ATTRIBUTE_STANDARD_DISPLAY_NAME,
                            G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS, NULL, NULL);
  if (info == NULL)
    return TRUE;

  name = g_file_get_parse_name (companion);
  switch (g_file_info_get_file_type (info))
    {
    case G_FILE_TYPE_SYMBOLIC_LINK:
      break;

    case G_FILE_TYPE_REGULAR:
      if (!refuse_if_write_protected (companion, error))
        return FALSE;
      break;

    default:
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_REGULAR_FILE,
                   _("%s is not a regular file; the export does not replace it"), name);
      return FALSE;
    }

  if (*existing == NULL)
    *existing = existing_new (dest->output, FALSE);
  (*existing)->companion = TRUE;
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

/* The names the export wrote in @files that are folders (uima-json's
 * ARTICLE/ folders), for plan_level(). */
static gboolean
is_folder_of_ours (GFile      *files,
                   const char *name)
{
  g_autoptr(GFile) child = g_file_get_child (files, name);

  return g_file_query_file_type (child, G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS, NULL)
         == G_FILE_TYPE_DIRECTORY;
}

/* One folder level of plan_folder(): @files (ours) against @output (the
 * existing one), names shown with @prefix ("" at the top, "a.txt/" below).
 * A folder of ours over an existing folder of the same name is planned
 * inside, name by name: into it go our files, and what else it holds is
 * kept. @skip (nullable) is our temporary folder's name at the top. */
static gboolean
plan_level (GFile               *files,
            GFile               *output,
            const char          *prefix,
            const char          *skip,
            GlossExportExisting *plan,
            GError             **error)
{
  g_autoptr(GHashTable) ours = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GFileEnumerator) children = NULL;
  g_autoptr(GPtrArray) written = NULL;

  written = list_names (files, error);
  if (written == NULL)
    return FALSE;
  for (guint i = 0; i < written->len; i++)
    g_hash_table_add (ours, g_ptr_array_index (written, i));

  children = g_file_enumerate_children (output, G_FILE_ATTRIBUTE_STANDARD_NAME ","
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
      if (skip != NULL && strcmp (name, skip) == 0)
        continue;

      is_folder = g_file_info_get_file_type (info) == G_FILE_TYPE_DIRECTORY;
      shown = g_strconcat (prefix, g_file_info_get_display_name (info), is_folder ? "/" : "", NULL);

      if (!g_hash_table_contains (ours, name))
        {
          g_ptr_array_add (plan->kept, shown);
          continue;
        }

      if (is_folder && is_folder_of_ours (files, name))
        {
          g_autoptr(GFile) our_folder = g_file_get_child (files, name);
          gboolean ok = plan_level (our_folder, child, shown, NULL, plan, error);

          g_free (shown);
          if (!ok)
            return FALSE;
          continue;
        }

      g_free (shown);
      if (is_folder || is_folder_of_ours (files, name))
        {
          g_autofree char *path = g_file_get_parse_name (child);

          if (is_folder)
            g_set_error (error, G_IO_ERROR, G_IO_ERROR_IS_DIRECTORY,
                         _("%s is a folder; the export does not replace it with its file of that name"),
                         path);
          else
            g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_DIRECTORY,
                         _("%s is not a folder; the export does not replace it with its folder of that name"),
                         path);
          return FALSE;
        }
      if (g_file_info_get_file_type (info) == G_FILE_TYPE_REGULAR
          && !refuse_if_write_protected (child, error))
        return FALSE;

      g_ptr_array_add (plan->replaced, g_strconcat (prefix, g_file_info_get_display_name (info), NULL));
    }

  return TRUE;
}

/* What moving the export's files into the existing output folder would
 * replace, and what is there besides; *@existing is NULL for an empty
 * folder. A folder, or a read-only file, where the export has a file of
 * the same name is refused, and a file where it has a folder: neither is
 * replaced, whatever the options. */
static gboolean
plan_folder (GlossExportOutput    *dest,
             GlossExportExisting **existing,
             GError              **error)
{
  g_autoptr(GlossExportExisting) plan = existing_new (dest->output, TRUE);
  g_autofree char *temp_name = g_file_get_basename (dest->temp);

  *existing = NULL;

  if (!plan_level (dest->files, dest->output, "", temp_name, plan, error))
    return FALSE;

  if (plan->replaced->len == 0 && plan->kept->len == 0)
    return TRUE;

  g_ptr_array_sort (plan->replaced, compare_strings);
  g_ptr_array_sort (plan->kept, compare_strings);
  *existing = g_steal_pointer (&plan);
  return TRUE;
}

/* Whether a person already agreed to what @existing would replace. */
static gboolean
is_consented (GlossExportOutput         *dest,
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
settle (GlossExportOutput    *dest,
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

/* @companion: the file written beside the output too — before the work;
 * at the commit the writer has written it already, as agreed then. */
static gboolean
settle_file (GlossExportOutput    *dest,
             gboolean              companion,
             GlossExportExisting **existing,
             GCancellable         *cancellable,
             GError              **error)
{
  if (companion)
    return plan_file_and_companion (dest, existing, error)
           && settle (dest, *existing, cancellable, error);
  return plan_file (dest, existing, error) && settle (dest, *existing, cancellable, error);
}

/* Folders: the person is asked about the exact names; if the folder
 * changed while they were asked, what it now holds is asked about again. */
static gboolean
settle_folder (GlossExportOutput    *dest,
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

/* Creates the temporary file or folder the export writes. */
static gboolean
open_temporary (GlossExportOutput  *dest,
                GCancellable       *cancellable,
                GError            **error)
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

/* One folder level of move_files_in(): each of @source's names onto its
 * namesake in @target_folder, the old version kept in @old_folder. A
 * folder of ours over an existing folder is moved into name by name (its
 * other files stay); one with no namesake is moved whole. Each move done
 * is appended to @done; on a failure, *@failed is where. */
static gboolean
move_level (GFile   *source_folder,
            GFile   *target_folder,
            GFile   *old_folder,
            GArray  *done,
            GFile  **failed,
            GError **error)
{
  g_autoptr(GPtrArray) names = list_names (source_folder, error);

  if (names == NULL)
    {
      *failed = g_object_ref (source_folder);
      return FALSE;
    }

  for (guint i = 0; i < names->len; i++)
    {
      const char *name = g_ptr_array_index (names, i);
      g_autoptr(GFile) source = g_file_get_child (source_folder, name);
      g_autoptr(GFile) target = g_file_get_child (target_folder, name);
      g_autoptr(GFile) backup = NULL;
      GFileType target_type = g_file_query_file_type (target, G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS, NULL);
      Move move = { 0 };

      if (target_type == G_FILE_TYPE_DIRECTORY && is_folder_of_ours (source_folder, name))
        {
          g_autoptr(GFile) old_child = g_file_get_child (old_folder, name);

          if (!g_file_make_directory (old_child, NULL, error)
              || !move_level (source, target, old_child, done, failed, error))
            {
              if (*failed == NULL)
                *failed = g_steal_pointer (&target);
              return FALSE;
            }
          continue;
        }

      if (target_type != G_FILE_TYPE_UNKNOWN)
        {
          backup = g_file_get_child (old_folder, name);
          if (!keep_old_version (target, backup, error))
            {
              *failed = g_steal_pointer (&target);
              return FALSE;
            }
        }

      if (!g_file_move (source, target, G_FILE_COPY_OVERWRITE | G_FILE_COPY_NOFOLLOW_SYMLINKS
                        | G_FILE_COPY_NO_FALLBACK_FOR_MOVE, NULL, NULL, NULL, error))
        {
          *failed = g_steal_pointer (&target);
          return FALSE;
        }

      move.target = g_steal_pointer (&target);
      move.backup = g_steal_pointer (&backup);
      g_array_append_val (done, move);
    }

  return TRUE;
}

/* Moves each of the export's files over its namesake in the existing
 * output folder; nothing else there is touched. Each move is a rename, so
 * a reader sees the old file or the new one. If one fails, those already
 * done are undone: the old versions go back, the new files (and folders)
 * ours alone go. */
static gboolean
move_files_in (GlossExportOutput  *dest,
               GCancellable       *cancellable,
               GError            **error)
{
  g_autoptr(GFile) old_folder = g_file_get_child (dest->temp, "old");
  g_autoptr(GArray) done = g_array_new (FALSE, TRUE, sizeof (Move));
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GFile) failed = NULL;

  g_array_set_clear_func (done, move_clear);

  if (!g_file_make_directory (old_folder, cancellable, error))
    return FALSE;

  if (move_level (dest->files, dest->output, old_folder, done, &failed, &local_error))
    return TRUE;

  for (guint i = done->len; i > 0; i--)
    {
      Move *move = &g_array_index (done, Move, i - 1);

      if (move->backup != NULL)
        g_file_move (move->backup, move->target, G_FILE_COPY_OVERWRITE | G_FILE_COPY_NOFOLLOW_SYMLINKS
                     | G_FILE_COPY_NO_FALLBACK_FOR_MOVE, NULL, NULL, NULL, NULL);
      else
        delete_tree (move->target, NULL, NULL);
    }

  {
    g_autofree char *name = failed != NULL ? g_file_get_parse_name (failed) : g_strdup ("?");

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

/* The writer's file beside the output, put where it belongs (agreed to
 * with the output at open). A writer that wrote none leaves nothing. */
static gboolean
move_companion_in (GlossExportOutput  *dest,
                   GError            **error)
{
  GFile *companion = gloss_export_options_get_companion (dest->options);

  if (dest->companion_temp == NULL
      || g_file_query_file_type (dest->companion_temp, G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS, NULL)
         == G_FILE_TYPE_UNKNOWN)
    return TRUE;

  if (!g_file_move (dest->companion_temp, companion,
                    G_FILE_COPY_OVERWRITE | G_FILE_COPY_NOFOLLOW_SYMLINKS,
                    NULL, NULL, NULL, error))
    {
      g_autofree char *name = g_file_get_parse_name (companion);

      g_prefix_error (error, _("%s: cannot be put in place (the export itself is): "), name);
      return FALSE;
    }
  g_clear_object (&dest->companion_temp);
  return TRUE;
}

/* A hidden name beside the file the writer puts next to the output, for
 * it to write first. */
static void
plan_companion_temp (GlossExportOutput *dest)
{
  GFile *companion = gloss_export_options_get_companion (dest->options);
  g_autoptr(GFile) parent = NULL;
  g_autofree char *base = NULL;
  g_autofree char *name = NULL;

  if (companion == NULL)
    return;
  parent = g_file_get_parent (companion);
  base = g_file_get_basename (companion);
  name = g_strdup_printf (".%s.%08x.gloss-export", base, g_random_int ());
  dest->companion_temp = parent != NULL ? g_file_get_child (parent, name) : g_file_new_for_path (name);
}

gboolean
gloss_export_output_commit (GlossExportOutput  *dest,
                            GCancellable       *cancellable,
                            GError            **error)
{
  g_autoptr(GlossExportExisting) existing = NULL;

  if (!dest->folder)
    {
      if (!g_output_stream_close (dest->stream, cancellable, error))
        return FALSE;
      g_clear_object (&dest->stream);

      /* Asked before the work; asked again only if the file appeared
       * meanwhile. */
      if (!settle_file (dest, FALSE, &existing, cancellable, error))
        return FALSE;
      if (existing != NULL)
        keep_mode (dest->output, dest->temp);

      /* rename(2): readers see the old file or the new one, never half. */
      if (!g_file_move (dest->temp, dest->output,
                        G_FILE_COPY_OVERWRITE | G_FILE_COPY_NOFOLLOW_SYMLINKS,
                        cancellable, NULL, NULL, error))
        return FALSE;
      g_clear_object (&dest->temp);

      /* The file beside it follows: until here, a refused or failed
       * export has left the old one as it was. */
      if (!move_companion_in (dest, error))
        return FALSE;
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
       * gloss_export_output_free(). */
    }

  gloss_export_existing_free (dest->summary->existing);
  dest->summary->existing = g_steal_pointer (&existing);
  return TRUE;
}

GlossExportOutput *
gloss_export_output_new (GFile                    *output,
                         const GlossExportOptions *options,
                         GlossExportConfirm        confirm,
                         gpointer                  confirm_data,
                         GlossExportSummary       *summary)
{
  GlossExportOutput *dest;

  g_return_val_if_fail (G_IS_FILE (output), NULL);
  g_return_val_if_fail (options != NULL, NULL);
  g_return_val_if_fail (summary != NULL, NULL);

  dest = g_new0 (GlossExportOutput, 1);
  dest->output = g_object_ref (output);
  dest->folder = gloss_format_writes_folder (options->format);
  dest->options = options;
  dest->confirm = confirm;
  dest->confirm_data = confirm_data;
  dest->summary = summary;
  dest->approved = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  return dest;
}

gboolean
gloss_export_output_open (GlossExportOutput  *dest,
                          GCancellable       *cancellable,
                          GError            **error)
{
  g_return_val_if_fail (dest != NULL, FALSE);
  g_return_val_if_fail (dest->temp == NULL, FALSE);

  /* What a single file would replace is known now: asked (or refused)
   * before the work rather than after it. */
  if (!dest->folder)
    {
      g_autoptr(GlossExportExisting) existing = NULL;

      if (!settle_file (dest, TRUE, &existing, cancellable, error))
        return FALSE;
      plan_companion_temp (dest);
    }

  return open_temporary (dest, cancellable, error);
}

GFile *
gloss_export_output_get_companion (GlossExportOutput *dest)
{
  g_return_val_if_fail (dest != NULL, NULL);

  return dest->companion_temp;
}

GOutputStream *
gloss_export_output_get_stream (GlossExportOutput *dest)
{
  g_return_val_if_fail (dest != NULL, NULL);

  return dest->stream;
}

GFile *
gloss_export_output_get_folder (GlossExportOutput *dest)
{
  g_return_val_if_fail (dest != NULL, NULL);

  return dest->files;
}

void
gloss_export_output_free (GlossExportOutput *dest)
{
  if (dest == NULL)
    return;

  /* After a commit only the old versions of replaced files are left to
   * clear; otherwise the temporary output goes and the old one stays
   * untouched. */
  output_clear (dest);
  g_clear_object (&dest->output);
  g_free (dest);
}

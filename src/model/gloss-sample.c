/* gloss-sample.c — a writable copy of the sample corpus, for "Try the Sample"
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "gloss-corpus.h"
#include "gloss-document.h"
#include "gloss-error.h"
#include "gloss-file.h"
#include "gloss-file-load.h"
#include "gloss-label-set.h"
#include "gloss-sample.h"
#include "gloss-sidecar.h"

char *
gloss_sample_dup_installed_folder (void)
{
  if (g_file_test (GLOSS_SAMPLES_DIR, G_FILE_TEST_IS_DIR))
    return g_strdup (GLOSS_SAMPLES_DIR);

  /* Run from the build tree, before (or without) installing. */
  if (g_file_test (GLOSS_SOURCE_SAMPLES_DIR, G_FILE_TEST_IS_DIR))
    return g_strdup (GLOSS_SOURCE_SAMPLES_DIR);

  return g_strdup (GLOSS_SAMPLES_DIR);
}

char *
gloss_sample_dup_default_destination (void)
{
  return g_build_filename (g_get_user_data_dir (), "gloss", GLOSS_SAMPLE_FOLDER_NAME, NULL);
}

/* What the copy holds: what Gloss reads, nothing else (no scripts, no
 * hidden files, no temporaries of ours). */
static gboolean
is_sample_file (const char *name)
{
  if (name[0] == '.')
    return FALSE;

  return gloss_corpus_is_article_name (name)
         || g_str_equal (name, GLOSS_LABEL_SET_FILE_NAME)
         || gloss_sidecar_parse_name (name, NULL, NULL);
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* The sample's file names in name order, articles counted in @n_articles. */
static GPtrArray *
list_sample_files (const char    *samples_folder,
                   guint         *n_articles,
                   GError       **error)
{
  g_autofree char *display = g_filename_display_name (samples_folder);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GDir) dir = NULL;
  const char *name;

  *n_articles = 0;

  if (!g_file_test (samples_folder, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                   _("The sample articles are not installed: %s does not exist"), display);
      return NULL;
    }
  if (!g_file_test (samples_folder, G_FILE_TEST_IS_DIR))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_DIRECTORY,
                   _("The sample articles cannot be read: %s is not a folder"), display);
      return NULL;
    }

  dir = g_dir_open (samples_folder, 0, &local_error);
  if (dir == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   _("The sample articles cannot be read: %s"), local_error->message);
      return NULL;
    }

  while ((name = g_dir_read_name (dir)) != NULL)
    {
      if (!is_sample_file (name))
        continue;
      if (gloss_corpus_is_article_name (name))
        (*n_articles)++;
      g_ptr_array_add (names, g_strdup (name));
    }

  if (*n_articles == 0)
    {
      g_set_error (error, GLOSS_ERROR, GLOSS_ERROR_NOT_FOUND,
                   _("The sample articles are not installed: %s holds no article"), display);
      return NULL;
    }

  g_ptr_array_sort (names, compare_names);
  return g_steal_pointer (&names);
}

/* Removes our own temporary folder (it holds only files we wrote).
 * Errors are ignored: it is a leftover, and a stale one is removed by a
 * later copy. */
static void
remove_temporary_folder (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      g_unlink (child);
    }
  g_rmdir (path);
}

/* Temporary folders of a copy that died (kill -9, a power cut) beside
 * @destination, as gloss_file_remove_stale_temporaries() does for files. */
static void
remove_stale_copies (const char *parent,
                     const char *basename)
{
  g_autoptr(GDir) dir = g_dir_open (parent, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (parent, name, NULL);
      GStatBuf st;

      if (g_lstat (path, &st) != 0 || !S_ISDIR (st.st_mode))
        continue;
      if (gloss_file_temporary_is_stale (name, basename, (gint64) st.st_mtime))
        remove_temporary_folder (path);
    }
}

static void
sync_folder (const char *path)
{
  int fd = g_open (path, O_RDONLY | O_DIRECTORY | O_CLOEXEC, 0);

  if (fd < 0)
    return;
  fsync (fd);
  close (fd);
}

/* Each file read as Gloss reads any input (a regular file, within the
 * article limit) and written atomically into @temp. */
static gboolean
copy_files (const char    *samples_folder,
            GPtrArray     *names,
            const char    *temp,
            GCancellable  *cancellable,
            GError       **error)
{
  for (guint i = 0; i < names->len; i++)
    {
      const char *name = g_ptr_array_index (names, i);
      g_autofree char *from_path = g_build_filename (samples_folder, name, NULL);
      g_autofree char *to_path = g_build_filename (temp, name, NULL);
      g_autofree char *display = g_filename_display_name (from_path);
      g_autoptr(GFile) from = g_file_new_for_path (from_path);
      g_autofree char *contents = NULL;
      gsize length = 0;

      if (!gloss_file_load_contents (from, display, GLOSS_DOCUMENT_MAX_BYTES,
                                     &contents, &length, cancellable, error))
        return FALSE;
      if (!gloss_file_replace_contents (to_path, contents, length, error))
        return FALSE;
    }

  return TRUE;
}

/* The existing copy, or NULL with an error when something else is in the
 * way; NULL without an error when there is nothing at @destination. */
static GFile *
existing_copy (const char  *destination,
               GError     **error)
{
  g_autofree char *display = NULL;

  if (g_file_test (destination, G_FILE_TEST_IS_DIR))
    return g_file_new_for_path (destination);
  if (!g_file_test (destination, G_FILE_TEST_EXISTS | G_FILE_TEST_IS_SYMLINK))
    return NULL;

  display = g_filename_display_name (destination);
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_DIRECTORY,
               _("The sample cannot be copied to %s: something other than a folder is there"),
               display);
  return NULL;
}

GFile *
gloss_sample_copy (const char    *samples_folder,
                   const char    *destination,
                   gboolean      *created,
                   GCancellable  *cancellable,
                   GError       **error)
{
  g_autofree char *parent = NULL;
  g_autofree char *basename = NULL;
  g_autofree char *temp_name = NULL;
  g_autofree char *temp = NULL;
  g_autofree char *display = NULL;
  g_autoptr(GPtrArray) names = NULL;
  g_autoptr(GError) local_error = NULL;
  GFile *copy;
  guint n_articles;

  g_return_val_if_fail (samples_folder != NULL, NULL);
  g_return_val_if_fail (destination != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (created != NULL)
    *created = FALSE;

  /* The person's copy, with whatever they annotated in it, is theirs:
   * trying the sample again goes back to it. */
  copy = existing_copy (destination, &local_error);
  if (copy != NULL || local_error != NULL)
    {
      if (local_error != NULL)
        g_propagate_error (error, g_steal_pointer (&local_error));
      return copy;
    }

  names = list_sample_files (samples_folder, &n_articles, error);
  if (names == NULL)
    return NULL;

  parent = g_path_get_dirname (destination);
  basename = g_path_get_basename (destination);
  display = g_filename_display_name (parent);
  if (g_mkdir_with_parents (parent, 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("The sample cannot be copied to %s: %s"), display, g_strerror (saved_errno));
      return NULL;
    }

  remove_stale_copies (parent, basename);

  temp_name = gloss_file_build_temporary_name (basename);
  temp = g_build_filename (parent, temp_name, NULL);
  /* 0777 less the umask: the person's usual folder mode. */
  if (g_mkdir (temp, 0777) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("The sample cannot be copied to %s: %s"), display, g_strerror (saved_errno));
      return NULL;
    }

  if (!copy_files (samples_folder, names, temp, cancellable, error))
    {
      remove_temporary_folder (temp);
      return NULL;
    }

  sync_folder (temp);
  if (g_rename (temp, destination) != 0)
    {
      int saved_errno = errno;

      remove_temporary_folder (temp);

      /* Another Gloss made the copy meanwhile: that one is the copy. */
      copy = existing_copy (destination, NULL);
      if (copy != NULL)
        return copy;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("The sample cannot be copied to %s: %s"), display, g_strerror (saved_errno));
      return NULL;
    }
  sync_folder (parent);

  if (created != NULL)
    *created = TRUE;

  return g_file_new_for_path (destination);
}

/* Asynchronously
 * ------------------------------------------------------------------------ */

typedef struct
{
  char     *samples_folder;
  char     *destination;
  gboolean  created;
} CopyData;

static void
copy_data_free (CopyData *data)
{
  g_free (data->samples_folder);
  g_free (data->destination);
  g_free (data);
}

static void
copy_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  CopyData *data = task_data;
  GError *error = NULL;
  GFile *copy;

  copy = gloss_sample_copy (data->samples_folder, data->destination, &data->created,
                            cancellable, &error);
  if (copy == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, copy, g_object_unref);
}

void
gloss_sample_copy_async (const char          *samples_folder,
                         const char          *destination,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  CopyData *data;

  g_return_if_fail (samples_folder != NULL);
  g_return_if_fail (destination != NULL);

  data = g_new0 (CopyData, 1);
  data->samples_folder = g_strdup (samples_folder);
  data->destination = g_strdup (destination);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, gloss_sample_copy_async);
  g_task_set_task_data (task, data, (GDestroyNotify) copy_data_free);
  g_task_run_in_thread (task, copy_thread);
}

GFile *
gloss_sample_copy_finish (GAsyncResult  *result,
                          gboolean      *created,
                          GError       **error)
{
  GTask *task = G_TASK (result);
  CopyData *data;

  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (task) == gloss_sample_copy_async, NULL);

  data = g_task_get_task_data (task);
  if (created != NULL)
    *created = data->created;

  return g_task_propagate_pointer (task, error);
}

/* gloss-session-copies.c — conflict copies beside the sidecar, recovery
 * copies in the user's data folder
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "gloss-error.h"
#include "gloss-file.h"
#include "gloss-session-copies-private.h"
#include "gloss-sidecar.h"

static char *
format_stamp (GDateTime *when)
{
  g_autoptr(GDateTime) now = NULL;

  if (when == NULL)
    when = now = g_date_time_new_now_local ();

  return g_date_time_format (when, "%Y%m%d-%H%M%S");
}

GFile *
gloss_session_copies_write_conflict (GFile       *sidecar_file,
                                     const char  *article_name,
                                     const char  *annotator_id,
                                     GBytes      *bytes,
                                     GDateTime   *when,
                                     GError     **error)
{
  g_autoptr(GFile) folder = NULL;
  g_autoptr(GFile) file = NULL;
  g_autofree char *stamp = format_stamp (when);
  g_autofree char *stem = NULL;
  g_autofree char *path = NULL;
  const char *data;
  gsize size;

  g_return_val_if_fail (G_IS_FILE (sidecar_file), NULL);
  g_return_val_if_fail (article_name != NULL, NULL);
  g_return_val_if_fail (annotator_id != NULL, NULL);
  g_return_val_if_fail (bytes != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  folder = g_file_get_parent (sidecar_file);
  stem = g_strdup_printf ("%s.%s.conflict-%s", article_name, annotator_id, stamp);

  for (guint n = 1; file == NULL || g_file_query_exists (file, NULL); n++)
    {
      g_autofree char *name = NULL;

      if (n == 1)
        name = g_strconcat (stem, ".json", NULL);
      else
        name = g_strdup_printf ("%s-%u.json", stem, n);

      g_clear_object (&file);
      file = g_file_get_child (folder, name);
    }

  path = g_file_get_path (file);
  if (path == NULL)
    {
      g_set_error_literal (error, GLOSS_ERROR, GLOSS_ERROR_FAILED,
                           _("only local files can be saved"));
      return NULL;
    }

  data = g_bytes_get_data (bytes, &size);
  if (!gloss_file_replace_contents (path, data, size, error))
    return NULL;

  return g_steal_pointer (&file);
}

GFile *
gloss_session_copies_build_recovery_file (const char  *article_name,
                                          const char  *annotator_id,
                                          GDateTime   *when,
                                          GError     **error)
{
  g_autofree char *stamp = format_stamp (when);
  g_autofree char *folder = g_build_filename (g_get_user_data_dir (), "gloss", "recovered", NULL);
  g_autofree char *name = NULL;
  g_autofree char *path = NULL;

  g_return_val_if_fail (article_name != NULL, NULL);
  g_return_val_if_fail (annotator_id != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (g_mkdir_with_parents (folder, 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   "%s: %s", folder, g_strerror (saved_errno));
      return NULL;
    }

  name = g_strdup_printf ("%s.%s.%s%s", article_name, annotator_id, stamp, GLOSS_SIDECAR_SUFFIX);
  path = g_build_filename (folder, name, NULL);
  return g_file_new_for_path (path);
}

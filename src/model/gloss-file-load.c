/* gloss-file-load.c — reading an input file: regular files only, within a limit
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * g_file_load_contents() reads whatever the path names until it ends:
 * /dev/zero never ends, and a FIFO with no writer blocks before the first
 * byte. A corpus folder may hold either under an article's or a sidecar's
 * name, so every file is looked at before it is read.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <gio/gunixinputstream.h>

#include "gloss-error.h"
#include "gloss-file-load.h"

/* Big enough that a large article takes few calls, small enough that
 * cancelling is noticed soon. */
#define READ_CHUNK (1024 * 1024)

static void
set_error (GError     **error,
           GQuark       domain,
           int          code,
           const char  *display_name,
           const char  *message)
{
  if (display_name != NULL)
    g_set_error (error, domain, code, "%s: %s", display_name, message);
  else
    g_set_error_literal (error, domain, code, message);
}

static void
set_errno_error (GError     **error,
                 int          saved_errno,
                 const char  *display_name)
{
  g_autofree char *message =
    /* Translators: %s is the system's reason, e.g. "Permission denied" */
    g_strdup_printf (_("cannot be read: %s"), g_strerror (saved_errno));

  set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno), display_name, message);
}

void
gloss_file_set_too_large_error (GError     **error,
                                const char  *display_name,
                                guint64      size,
                                guint64      limit)
{
  g_autofree char *size_str = g_format_size (size);
  g_autofree char *limit_str = g_format_size (limit);
  g_autofree char *message = NULL;

  /* Just over the limit, both round to the same figure ("67.1 MB; the
   * limit is 67.1 MB"), which reads as nonsense: give the exact counts. */
  if (g_str_equal (size_str, limit_str))
    {
      g_free (size_str);
      g_free (limit_str);
      size_str = g_format_size_full (size, G_FORMAT_SIZE_LONG_FORMAT);
      limit_str = g_format_size_full (limit, G_FORMAT_SIZE_LONG_FORMAT);
    }

  /* Translators: the two %s are sizes like "70.1 MB" */
  message = g_strdup_printf (_("the file is too large (%s; the limit is %s)"),
                             size_str, limit_str);
  set_error (error, GLOSS_ERROR, GLOSS_ERROR_TOO_LARGE, display_name, message);
}

/* Refuses anything but a regular file, saying what it is instead. */
static gboolean
check_regular (GFileType    type,
               const char  *display_name,
               GError     **error)
{
  switch (type)
    {
    case G_FILE_TYPE_REGULAR:
      return TRUE;

    case G_FILE_TYPE_DIRECTORY:
      set_error (error, G_IO_ERROR, G_IO_ERROR_IS_DIRECTORY, display_name,
                 _("not a regular file (a directory); only regular files are read"));
      return FALSE;

    case G_FILE_TYPE_UNKNOWN:
    case G_FILE_TYPE_SYMBOLIC_LINK:
    case G_FILE_TYPE_SHORTCUT:
    case G_FILE_TYPE_MOUNTABLE:
    case G_FILE_TYPE_SPECIAL:
    default:
      set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_REGULAR_FILE, display_name,
                 _("not a regular file (a FIFO, a device or a socket); only regular files are read"));
      return FALSE;
    }
}

static gboolean
check_mode (mode_t       mode,
            const char  *display_name,
            GError     **error)
{
  const char *message;

  if (S_ISREG (mode))
    return TRUE;
  if (S_ISDIR (mode))
    return check_regular (G_FILE_TYPE_DIRECTORY, display_name, error);

  if (S_ISFIFO (mode))
    message = _("not a regular file (a FIFO); only regular files are read");
  else if (S_ISCHR (mode) || S_ISBLK (mode))
    message = _("not a regular file (a device); only regular files are read");
  else if (S_ISSOCK (mode))
    message = _("not a regular file (a socket); only regular files are read");
  else
    return check_regular (G_FILE_TYPE_SPECIAL, display_name, error);

  set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_REGULAR_FILE, display_name, message);
  return FALSE;
}

/* A local file opened for reading, once it is known to be a regular one. */
static GInputStream *
open_local (const char   *path,
            const char   *display_name,
            guint64      *size,
            GError      **error)
{
  struct stat st;
  int fd;
  int flags;

  /* Look before opening: opening a device can do something by itself (a
   * tape rewinds, a watchdog starts), so it is refused unopened. */
  if (g_stat (path, &st) != 0)
    {
      set_errno_error (error, errno, display_name);
      return NULL;
    }
  if (!check_mode (st.st_mode, display_name, error))
    return NULL;

  /* Should a FIFO have taken the file's place since, O_NONBLOCK keeps the
   * open from waiting for a writer, and fstat() below refuses it. */
  fd = open (path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
  if (fd < 0)
    {
      set_errno_error (error, errno, display_name);
      return NULL;
    }

  if (fstat (fd, &st) != 0)
    {
      int saved_errno = errno;

      close (fd);
      set_errno_error (error, saved_errno, display_name);
      return NULL;
    }
  if (!check_mode (st.st_mode, display_name, error))
    {
      close (fd);
      return NULL;
    }

  /* A regular file: reads may block as they usually do (on NFS, say). */
  flags = fcntl (fd, F_GETFL);
  if (flags != -1)
    fcntl (fd, F_SETFL, flags & ~O_NONBLOCK);

  *size = (guint64) st.st_size;
  return g_unix_input_stream_new (fd, TRUE);
}

/* The same through GIO, for a file with no local path (a GVfs mount). */
static GInputStream *
open_other (GFile         *file,
            const char    *display_name,
            guint64       *size,
            GCancellable  *cancellable,
            GError       **error)
{
  g_autoptr(GFileInfo) info = NULL;
  GFileInputStream *stream;

  info = g_file_query_info (file,
                            G_FILE_ATTRIBUTE_STANDARD_TYPE ","
                            G_FILE_ATTRIBUTE_STANDARD_SIZE,
                            G_FILE_QUERY_INFO_NONE, cancellable, error);
  if (info == NULL)
    return NULL;
  if (!check_regular (g_file_info_get_file_type (info), display_name, error))
    return NULL;

  stream = g_file_read (file, cancellable, error);
  if (stream == NULL)
    return NULL;

  *size = g_file_info_has_attribute (info, G_FILE_ATTRIBUTE_STANDARD_SIZE)
          ? (guint64) g_file_info_get_size (info) : 0;
  return G_INPUT_STREAM (stream);
}

static GInputStream *
open_regular (GFile         *file,
              const char    *display_name,
              guint64       *size,
              GCancellable  *cancellable,
              GError       **error)
{
  g_autofree char *path = g_file_get_path (file);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  if (path != NULL)
    return open_local (path, display_name, size, error);

  return open_other (file, display_name, size, cancellable, error);
}

gboolean
gloss_file_check_regular (GFile       *file,
                          const char  *display_name,
                          GError     **error)
{
  g_autofree char *path = NULL;
  g_autoptr(GFileInfo) info = NULL;
  struct stat st;

  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  path = g_file_get_path (file);
  if (path != NULL)
    {
      if (g_stat (path, &st) != 0)
        {
          set_errno_error (error, errno, display_name);
          return FALSE;
        }
      return check_mode (st.st_mode, display_name, error);
    }

  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_TYPE,
                            G_FILE_QUERY_INFO_NONE, NULL, error);
  return info != NULL && check_regular (g_file_info_get_file_type (info), display_name, error);
}

GInputStream *
gloss_file_open_stream (GFile         *file,
                        const char    *display_name,
                        GCancellable  *cancellable,
                        GError       **error)
{
  guint64 size;

  g_return_val_if_fail (G_IS_FILE (file), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return open_regular (file, display_name, &size, cancellable, error);
}

/* Reads @stream to its end, but never more than @max_bytes + 1 bytes: one
 * more than allowed is how a file that grew past the limit is noticed. */
static char *
read_capped (GInputStream  *stream,
             guint64        size_hint,
             gsize          max_bytes,
             gsize         *length,
             GCancellable  *cancellable,
             GError       **error)
{
  g_autofree char *buffer = NULL;
  gsize allocated;
  gsize n = 0;

  /* Room for the whole file as it was, plus one byte to find its end in. */
  allocated = (gsize) MIN (size_hint, (guint64) max_bytes) + 1;
  buffer = g_malloc (allocated + 1);

  while (n <= max_bytes)
    {
      gssize n_read;

      if (n == allocated)
        {
          allocated = MIN (MAX (allocated * 2, (gsize) 64 * 1024), max_bytes + 1);
          buffer = g_realloc (buffer, allocated + 1);
        }

      n_read = g_input_stream_read (stream, buffer + n, MIN (allocated - n, (gsize) READ_CHUNK),
                                    cancellable, error);
      if (n_read < 0)
        return NULL;
      if (n_read == 0)
        break;
      n += (gsize) n_read;
    }

  buffer[n] = '\0';
  *length = n;
  return g_steal_pointer (&buffer);
}

gboolean
gloss_file_load_contents (GFile         *file,
                          const char    *display_name,
                          gsize          max_bytes,
                          char         **contents,
                          gsize         *length,
                          GCancellable  *cancellable,
                          GError       **error)
{
  g_autoptr(GInputStream) stream = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *data = NULL;
  guint64 size = 0;
  gsize n = 0;

  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  g_return_val_if_fail (max_bytes < G_MAXSIZE - 1, FALSE);
  g_return_val_if_fail (contents != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  stream = open_regular (file, display_name, &size, cancellable, error);
  if (stream == NULL)
    return FALSE;

  /* Refused before reading a byte of it into memory. */
  if (size > max_bytes)
    {
      gloss_file_set_too_large_error (error, display_name, size, max_bytes);
      return FALSE;
    }

  data = read_capped (stream, size, max_bytes, &n, cancellable, &local_error);
  if (data == NULL)
    {
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_propagate_error (error, g_steal_pointer (&local_error));
      else
        {
          g_autofree char *message =
            g_strdup_printf (_("cannot be read: %s"), local_error->message);

          set_error (error, local_error->domain, local_error->code, display_name, message);
        }
      return FALSE;
    }

  /* It grew while it was read, or its size said nothing (a /proc file):
   * how large it is was not read to find out. */
  if (n > max_bytes)
    {
      g_autofree char *limit_str = g_format_size (max_bytes);
      g_autofree char *message =
        /* Translators: %s is a size like "67.1 MB" */
        g_strdup_printf (_("the file is larger than the limit of %s"), limit_str);

      set_error (error, GLOSS_ERROR, GLOSS_ERROR_TOO_LARGE, display_name, message);
      return FALSE;
    }

  g_input_stream_close (stream, NULL, NULL);

  *contents = g_steal_pointer (&data);
  if (length != NULL)
    *length = n;
  return TRUE;
}

GBytes *
gloss_file_load_bytes (GFile         *file,
                       const char    *display_name,
                       gsize          max_bytes,
                       GCancellable  *cancellable,
                       GError       **error)
{
  char *contents = NULL;
  gsize length = 0;

  if (!gloss_file_load_contents (file, display_name, max_bytes, &contents, &length,
                                 cancellable, error))
    return NULL;

  return g_bytes_new_take (contents, length);
}

typedef struct
{
  char  *display_name;
  gsize  max_bytes;
} LoadRequest;

static void
load_request_free (LoadRequest *request)
{
  g_free (request->display_name);
  g_free (request);
}

static void
load_bytes_thread (GTask        *task,
                   gpointer      source_object,
                   gpointer      task_data,
                   GCancellable *cancellable)
{
  LoadRequest *request = task_data;
  GError *error = NULL;
  GBytes *bytes;

  bytes = gloss_file_load_bytes (G_FILE (source_object), request->display_name,
                                 request->max_bytes, cancellable, &error);
  if (bytes == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, bytes, (GDestroyNotify) g_bytes_unref);
}

void
gloss_file_load_bytes_async (GFile               *file,
                             const char          *display_name,
                             gsize                max_bytes,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  LoadRequest *request;

  g_return_if_fail (G_IS_FILE (file));

  request = g_new0 (LoadRequest, 1);
  request->display_name = g_strdup (display_name);
  request->max_bytes = max_bytes;

  task = g_task_new (file, cancellable, callback, user_data);
  g_task_set_source_tag (task, gloss_file_load_bytes_async);
  g_task_set_task_data (task, request, (GDestroyNotify) load_request_free);
  g_task_run_in_thread (task, load_bytes_thread);
}

GBytes *
gloss_file_load_bytes_finish (GFile         *file,
                              GAsyncResult  *result,
                              GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, file), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

char *
gloss_file_info_dup_identity (GFileInfo *info)
{
  g_return_val_if_fail (G_IS_FILE_INFO (info), NULL);

  if (!g_file_info_has_attribute (info, G_FILE_ATTRIBUTE_UNIX_DEVICE)
      || !g_file_info_has_attribute (info, G_FILE_ATTRIBUTE_UNIX_INODE))
    return NULL;

  return g_strdup_printf ("%u:%" G_GUINT64_FORMAT,
                          g_file_info_get_attribute_uint32 (info, G_FILE_ATTRIBUTE_UNIX_DEVICE),
                          g_file_info_get_attribute_uint64 (info, G_FILE_ATTRIBUTE_UNIX_INODE));
}

/* Whether @path is @ancestor or lies below it; both canonical. */
static gboolean
path_is_within (const char *path,
                const char *ancestor)
{
  gsize len = strlen (ancestor);

  if (strncmp (path, ancestor, len) != 0)
    return FALSE;

  return path[len] == '\0' || path[len] == G_DIR_SEPARATOR
         || (len > 0 && ancestor[len - 1] == G_DIR_SEPARATOR);
}

gboolean
gloss_file_link_is_loop (GFile *link,
                         GFile *folder)
{
  g_autofree char *link_path = NULL;
  g_autofree char *folder_path = NULL;
  g_autofree char *target = NULL;
  g_autofree char *here = NULL;

  g_return_val_if_fail (G_IS_FILE (link), FALSE);
  g_return_val_if_fail (G_IS_FILE (folder), FALSE);

  link_path = g_file_get_path (link);
  folder_path = g_file_get_path (folder);
  if (link_path == NULL || folder_path == NULL)
    return FALSE;

  /* realpath() resolves every link on the way, so a "." or "../.." reached
   * through other links is still seen for what it is. */
  target = realpath (link_path, NULL);
  here = realpath (folder_path, NULL);
  if (target == NULL || here == NULL)
    return FALSE;

  return path_is_within (here, target);
}

/* gloss-file.c — replacing files without losing anybody's data
 *
 * g_file_set_contents_full() is atomic too, but it gives the new file the
 * mode it is told (a sidecar made 0444 on purpose came back 0644), names
 * its temporary file "<name>.XXXXXX" (not recognisable as ours, so a kill
 * -9 during a 49 MB save left one for good) and writes through a symbolic
 * link by replacing the link. This does the same steps with those three
 * things done as a person would expect.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <errno.h>
#include <stdarg.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "gloss-file.h"

/* A temporary file this old is stale whoever wrote it. */
#define STALE_AGE_SECONDS (24 * 60 * 60)

static void set_io_error (GError     **error,
                          int          saved_errno,
                          const char  *format,
                          ...) G_GNUC_PRINTF (3, 4);

static void
set_io_error (GError     **error,
              int          saved_errno,
              const char  *format,
              ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  g_set_error_literal (error, G_IO_ERROR, g_io_error_from_errno (saved_errno), message);
}

gboolean
gloss_file_is_write_protected (const char *path)
{
  struct stat st;

  g_return_val_if_fail (path != NULL, FALSE);

  if (stat (path, &st) != 0)
    return FALSE;

  return S_ISREG (st.st_mode) && (st.st_mode & (S_IWUSR | S_IWGRP | S_IWOTH)) == 0;
}

gboolean
gloss_file_process_is_running (gint64 pid)
{
  if (pid <= 0 || pid > G_MAXINT32)
    return FALSE;
  if (pid == getpid ())
    return TRUE;

  return kill ((pid_t) pid, 0) == 0 || errno == EPERM;
}

/* ".<basename>.gloss-tmp-<pid>-<random>" → pid, or 0 when @name is not a
 * temporary file of ours for @basename. */
static pid_t
parse_temporary_name (const char *name,
                      const char *basename)
{
  size_t base_len = strlen (basename);
  const char *rest;
  char *end = NULL;
  long pid;

  if (name[0] != '.' || strncmp (name + 1, basename, base_len) != 0)
    return 0;

  rest = name + 1 + base_len;
  if (!g_str_has_prefix (rest, GLOSS_FILE_TEMP_INFIX))
    return 0;

  rest += strlen (GLOSS_FILE_TEMP_INFIX);
  pid = strtol (rest, &end, 10);
  if (end == rest || *end != '-' || pid <= 0 || pid > G_MAXINT32)
    return 0;

  return (pid_t) pid;
}

char *
gloss_file_build_temporary_name (const char *basename)
{
  g_return_val_if_fail (basename != NULL, NULL);

  return g_strdup_printf (".%s%s%d-%08x", basename, GLOSS_FILE_TEMP_INFIX,
                          (int) getpid (), g_random_int ());
}

gboolean
gloss_file_temporary_is_stale (const char *name,
                               const char *basename,
                               gint64      mtime)
{
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  pid_t pid;

  g_return_val_if_fail (name != NULL, FALSE);
  g_return_val_if_fail (basename != NULL, FALSE);

  pid = parse_temporary_name (name, basename);
  if (pid == 0)
    return FALSE;

  /* A live writer's is left alone, unless it is far too old to be a write
   * in progress (the pid was reused, or it came from another machine on a
   * shared drive). */
  return !gloss_file_process_is_running (pid) || now - mtime >= STALE_AGE_SECONDS;
}

guint
gloss_file_remove_stale_temporaries (const char *folder_path,
                                     const char *basename)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;
  guint removed = 0;

  g_return_val_if_fail (folder_path != NULL, 0);
  g_return_val_if_fail (basename != NULL, 0);

  dir = g_dir_open (folder_path, 0, NULL);
  if (dir == NULL)
    return 0;

  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = NULL;
      struct stat st;

      if (parse_temporary_name (name, basename) == 0)
        continue;

      path = g_build_filename (folder_path, name, NULL);
      if (lstat (path, &st) != 0 || !S_ISREG (st.st_mode))
        continue;

      if (gloss_file_temporary_is_stale (name, basename, st.st_mtime) && g_unlink (path) == 0)
        removed++;
    }

  return removed;
}

/* The file a save should replace: @path, or what a symbolic link there
 * points to (keeping the link, as text editors do). */
static char *
resolve_target (const char *path)
{
  struct stat st;
  char *real;

  if (lstat (path, &st) != 0 || !S_ISLNK (st.st_mode))
    return g_strdup (path);

  real = realpath (path, NULL);
  if (real == NULL)
    return g_strdup (path);   /* a dangling link: replaced like a missing file */

  {
    char *copy = g_strdup (real);

    free (real);
    return copy;
  }
}

static gboolean
write_all (int          fd,
           const char  *data,
           gsize        size)
{
  while (size > 0)
    {
      gssize n = write (fd, data, MIN (size, (gsize) G_MAXSSIZE));

      if (n < 0)
        {
          if (errno == EINTR)
            continue;
          return FALSE;
        }
      data += n;
      size -= (gsize) n;
    }

  return TRUE;
}

/* Creates the temporary file beside @target; returns its fd and path. */
static int
create_temporary (const char  *target,
                  char       **temp_path,
                  GError     **error)
{
  g_autofree char *folder = g_path_get_dirname (target);
  g_autofree char *basename = g_path_get_basename (target);

  for (guint attempt = 0; attempt < 100; attempt++)
    {
      g_autofree char *name = gloss_file_build_temporary_name (basename);
      g_autofree char *path = g_build_filename (folder, name, NULL);
      int fd = g_open (path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0666);

      if (fd >= 0)
        {
          *temp_path = g_steal_pointer (&path);
          return fd;
        }
      if (errno != EEXIST)
        {
          int saved_errno = errno;

          g_autofree char *display = g_filename_display_name (target);

          set_io_error (error, saved_errno, _("%s: cannot create a temporary file: %s"),
                        display, g_strerror (saved_errno));
          return -1;
        }
    }

  g_set_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS,
               _("%s: no free name for a temporary file"), basename);
  return -1;
}

/* Makes the rename itself durable. */
static void
sync_folder (const char *target)
{
  g_autofree char *folder = g_path_get_dirname (target);
  int fd = g_open (folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC, 0);

  if (fd < 0)
    return;
  fsync (fd);
  close (fd);
}

gboolean
gloss_file_replace_contents (const char  *path,
                             const char  *data,
                             gsize        size,
                             GError     **error)
{
  g_autofree char *target = NULL;
  g_autofree char *folder = NULL;
  g_autofree char *basename = NULL;
  g_autofree char *temp_path = NULL;
  g_autofree char *display = NULL;
  struct stat existing;
  gboolean exists;
  int fd;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (data != NULL || size == 0, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  display = g_filename_display_name (path);
  target = resolve_target (path);
  folder = g_path_get_dirname (target);
  basename = g_path_get_basename (target);

  exists = stat (target, &existing) == 0;
  if (exists && !S_ISREG (existing.st_mode))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_REGULAR_FILE,
                   _("%s: not saved, because it is not a regular file"), display);
      return FALSE;
    }
  if (exists && (existing.st_mode & (S_IWUSR | S_IWGRP | S_IWOTH)) == 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED,
                   _("%s: not saved, because the file is read-only (its permissions allow no writing)"),
                   display);
      return FALSE;
    }

  gloss_file_remove_stale_temporaries (folder, basename);

  fd = create_temporary (target, &temp_path, error);
  if (fd < 0)
    return FALSE;

  /* The new file gets the old one's permissions (and owner, when we may
   * set it); a new file gets what the umask allows. */
  if (exists)
    {
      if (fchmod (fd, existing.st_mode & 07777) != 0)
        g_debug ("Cannot keep the mode of %s: %s", target, g_strerror (errno));
      if (geteuid () == 0 && fchown (fd, existing.st_uid, existing.st_gid) != 0)
        g_debug ("Cannot keep the owner of %s: %s", target, g_strerror (errno));
    }

  if (!write_all (fd, data, size) || fsync (fd) != 0)
    {
      int saved_errno = errno;

      close (fd);
      g_unlink (temp_path);
      set_io_error (error, saved_errno, _("%s: cannot write: %s"),
                    display, g_strerror (saved_errno));
      return FALSE;
    }

  if (close (fd) != 0)
    {
      int saved_errno = errno;

      g_unlink (temp_path);
      set_io_error (error, saved_errno, _("%s: cannot write: %s"),
                    display, g_strerror (saved_errno));
      return FALSE;
    }

  if (g_rename (temp_path, target) != 0)
    {
      int saved_errno = errno;

      g_unlink (temp_path);
      set_io_error (error, saved_errno, _("%s: cannot replace the file: %s"),
                    display, g_strerror (saved_errno));
      return FALSE;
    }

  sync_folder (target);
  return TRUE;
}

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
/* renameat2() and syncfs() */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif

#include "config.h"

#include <errno.h>
#include <stdarg.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "gloss-file.h"
#include "gloss-file-private.h"

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
 * temporary file of ours for @basename (for any name when NULL). */
static pid_t
parse_temporary_name (const char *name,
                      const char *basename)
{
  const char *rest;
  char *end = NULL;
  long pid;

  if (name[0] != '.')
    return 0;

  if (basename != NULL)
    {
      size_t base_len = strlen (basename);

      if (strncmp (name + 1, basename, base_len) != 0)
        return 0;
      rest = name + 1 + base_len;
      if (!g_str_has_prefix (rest, GLOSS_FILE_TEMP_INFIX))
        return 0;
    }
  else
    {
      /* The last infix: the name it replaces may hold one too. */
      const char *found = NULL;

      for (const char *p = strstr (name + 1, GLOSS_FILE_TEMP_INFIX); p != NULL;
           p = strstr (p + 1, GLOSS_FILE_TEMP_INFIX))
        found = p;
      if (found == NULL || found == name + 1)
        return 0;
      rest = found;
    }

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

/* Writes @data into the temporary file @fd (named @temp_path) and closes
 * it, flushed to disk first if @flush; with @written, says which file it
 * is. On failure the temporary file is removed and @error says so. */
static gboolean
fill_temporary (int          fd,
                const char  *temp_path,
                const char  *data,
                gsize        size,
                gboolean     flush,
                struct stat *written,
                const char  *display,
                GError     **error)
{
  gboolean ok = write_all (fd, data, size)
                && (!flush || fsync (fd) == 0)
                && (written == NULL || fstat (fd, written) == 0);
  int saved_errno = ok ? 0 : errno;

  if (close (fd) != 0 && ok)
    {
      ok = FALSE;
      saved_errno = errno;
    }

  if (!ok)
    {
      g_unlink (temp_path);
      set_io_error (error, saved_errno, _("%s: cannot write: %s"),
                    display, g_strerror (saved_errno));
    }
  return ok;
}

gboolean
gloss_file_replace_contents (const char  *path,
                             const char  *data,
                             gsize        size,
                             GError     **error)
{
  return gloss_file_replace_contents_full (path, data, size, NULL, NULL, error);
}

gboolean
gloss_file_replace_contents_full (const char  *path,
                                  const char  *data,
                                  gsize        size,
                                  guint64     *written_dev,
                                  guint64     *written_ino,
                                  GError     **error)
{
  struct stat written;
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

  if (!fill_temporary (fd, temp_path, data, size, TRUE, &written, display, error))
    return FALSE;

  if (g_rename (temp_path, target) != 0)
    {
      int saved_errno = errno;

      g_unlink (temp_path);
      set_io_error (error, saved_errno, _("%s: cannot replace the file: %s"),
                    display, g_strerror (saved_errno));
      return FALSE;
    }

  sync_folder (target);
  if (written_dev != NULL)
    *written_dev = (guint64) written.st_dev;
  if (written_ino != NULL)
    *written_ino = (guint64) written.st_ino;
  return TRUE;
}

/* Batches of new files
 * ------------------------------------------------------------------------ */

typedef struct
{
  char *path;
  char *temp;      /* NULL once renamed or removed */
} BatchEntry;

typedef struct
{
  dev_t  dev;
  int    fd;       /* @folder, opened before the first write there */
  char  *folder;
} BatchFileSystem;

struct _GlossFileBatch
{
  GArray     *entries;       /* BatchEntry, in the order added */
  GHashTable *pending;       /* path → its temporary path (owned by entries) */
  GArray     *file_systems;  /* BatchFileSystem */
  GHashTable *folders;       /* folders written into (for the cleanup, and
                              * for the fallback's flush of each folder) */
  gboolean    use_syncfs;
  guint       n_flushes;
};

static void
batch_entry_clear (gpointer data)
{
  BatchEntry *entry = data;

  if (entry->temp != NULL)
    g_unlink (entry->temp);
  g_clear_pointer (&entry->path, g_free);
  g_clear_pointer (&entry->temp, g_free);
}

static void
batch_file_system_clear (gpointer data)
{
  BatchFileSystem *fs = data;

  if (fs->fd >= 0)
    close (fs->fd);
  fs->fd = -1;
  g_clear_pointer (&fs->folder, g_free);
}

GlossFileBatch *
gloss_file_batch_new (void)
{
  GlossFileBatch *batch = g_new0 (GlossFileBatch, 1);

  batch->entries = g_array_new (FALSE, TRUE, sizeof (BatchEntry));
  g_array_set_clear_func (batch->entries, batch_entry_clear);
  batch->pending = g_hash_table_new (g_str_hash, g_str_equal);
  batch->file_systems = g_array_new (FALSE, TRUE, sizeof (BatchFileSystem));
  g_array_set_clear_func (batch->file_systems, batch_file_system_clear);
  batch->folders = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
#ifdef __linux__
  batch->use_syncfs = TRUE;
#endif

  return batch;
}

/* Empties @batch: uncommitted temporary files are removed. */
static void
batch_reset (GlossFileBatch *batch)
{
  g_hash_table_remove_all (batch->pending);
  g_array_set_size (batch->entries, 0);
  g_array_set_size (batch->file_systems, 0);
  g_hash_table_remove_all (batch->folders);
}

void
gloss_file_batch_free (GlossFileBatch *batch)
{
  if (batch == NULL)
    return;

  batch_reset (batch);
  g_array_unref (batch->entries);
  g_hash_table_unref (batch->pending);
  g_array_unref (batch->file_systems);
  g_hash_table_unref (batch->folders);
  g_free (batch);
}

void
gloss_file_batch_set_use_syncfs (GlossFileBatch *batch,
                                 gboolean        use_syncfs)
{
  g_return_if_fail (batch != NULL);

#ifdef __linux__
  batch->use_syncfs = use_syncfs;
#endif
}

guint
gloss_file_batch_get_n_flushes (GlossFileBatch *batch)
{
  g_return_val_if_fail (batch != NULL, 0);

  return batch->n_flushes;
}

const char *
gloss_file_batch_lookup (GlossFileBatch *batch,
                         const char     *path)
{
  g_return_val_if_fail (batch != NULL, NULL);
  g_return_val_if_fail (path != NULL, NULL);

  return g_hash_table_lookup (batch->pending, path);
}

guint
gloss_file_batch_get_n_pending (GlossFileBatch *batch)
{
  g_return_val_if_fail (batch != NULL, 0);

  return g_hash_table_size (batch->pending);
}

/* Remembers the file system of @fd, with a folder of it open: syncfs(2)
 * reports the write errors that happened since its descriptor was opened
 * (Linux 5.8), so it is opened before the first file is written there. */
static void
batch_note_file_system (GlossFileBatch *batch,
                        const char     *folder)
{
  BatchFileSystem fs = { 0, -1, NULL };
  struct stat st;

  if (!batch->use_syncfs || stat (folder, &st) != 0)
    return;

  for (guint i = 0; i < batch->file_systems->len; i++)
    if (g_array_index (batch->file_systems, BatchFileSystem, i).dev == st.st_dev)
      return;

  fs.dev = st.st_dev;
  fs.fd = g_open (folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC, 0);
  if (fs.fd < 0)
    return;
  fs.folder = g_strdup (folder);
  g_array_append_val (batch->file_systems, fs);
}

gboolean
gloss_file_batch_add (GlossFileBatch  *batch,
                      const char      *path,
                      const char      *data,
                      gsize            size,
                      GError         **error)
{
  g_autofree char *folder = NULL;
  g_autofree char *temp_path = NULL;
  g_autofree char *display = NULL;
  BatchEntry entry;
  int fd;

  g_return_val_if_fail (batch != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (data != NULL || size == 0, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  display = g_filename_display_name (path);
  if (g_hash_table_contains (batch->pending, path))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS,
                   _("%s: written twice in one go"), display);
      return FALSE;
    }

  folder = g_path_get_dirname (path);
  if (!g_hash_table_contains (batch->folders, folder))
    {
      /* Once per folder, not per file: scanning the folder at each write
       * made writing n files into it cost n² names read. */
      gloss_file_remove_stale_temporaries (folder, NULL);
      batch_note_file_system (batch, folder);
      g_hash_table_add (batch->folders, g_strdup (folder));
    }

  fd = create_temporary (path, &temp_path, error);
  if (fd < 0)
    return FALSE;

  if (!fill_temporary (fd, temp_path, data, size, FALSE, NULL, display, error))
    return FALSE;

  entry.path = g_strdup (path);
  entry.temp = g_steal_pointer (&temp_path);
  g_array_append_val (batch->entries, entry);
  g_hash_table_insert (batch->pending, entry.path, entry.temp);
  return TRUE;
}

/* fsync(2) of @path, a file or a folder. */
static gboolean
fsync_path (const char *path,
            gboolean    folder,
            int        *saved_errno)
{
  int fd = g_open (path, O_RDONLY | O_CLOEXEC | (folder ? O_DIRECTORY : 0), 0);
  int result;

  if (fd < 0)
    {
      *saved_errno = errno;
      return FALSE;
    }

  result = fsync (fd);
  *saved_errno = errno;
  close (fd);

  /* Some file systems cannot flush a folder; the files are flushed. */
  return result == 0 || (folder && (*saved_errno == EINVAL || *saved_errno == EBADF));
}

/* Everything written so far in @batch, or the renames when @renamed, to
 * disk. */
static gboolean
batch_flush (GlossFileBatch  *batch,
             gboolean         renamed,
             GError         **error)
{
  int saved_errno = 0;
  const char *failed = NULL;

  if (batch->use_syncfs && batch->file_systems->len > 0)
    {
#ifdef __linux__
      for (guint i = 0; i < batch->file_systems->len && failed == NULL; i++)
        {
          BatchFileSystem *fs = &g_array_index (batch->file_systems, BatchFileSystem, i);

          batch->n_flushes++;
          if (syncfs (fs->fd) != 0)
            {
              saved_errno = errno;
              failed = fs->folder;
            }
        }
#endif
    }
  else if (!renamed)
    {
      for (guint i = 0; i < batch->entries->len && failed == NULL; i++)
        {
          BatchEntry *entry = &g_array_index (batch->entries, BatchEntry, i);

          batch->n_flushes++;
          if (!fsync_path (entry->temp, FALSE, &saved_errno))
            failed = entry->path;
        }
    }
  else
    {
      GHashTableIter iter;
      gpointer folder;

      g_hash_table_iter_init (&iter, batch->folders);
      while (failed == NULL && g_hash_table_iter_next (&iter, &folder, NULL))
        {
          batch->n_flushes++;
          if (!fsync_path (folder, TRUE, &saved_errno))
            failed = folder;
        }
    }

  if (failed != NULL)
    {
      g_autofree char *display = g_filename_display_name (failed);

      set_io_error (error, saved_errno, _("%s: cannot write to disk: %s"),
                    display, g_strerror (saved_errno));
      return FALSE;
    }

  return TRUE;
}

/* rename(2) that never replaces: renameat2's RENAME_NOREPLACE where the
 * file system has it, else a hard link (which fails on an existing name)
 * and the temporary's removal, else a check and a rename. */
static int
rename_no_replace (const char *from,
                   const char *to)
{
  struct stat st;

#if defined(__linux__) && defined(RENAME_NOREPLACE)
  if (renameat2 (AT_FDCWD, from, AT_FDCWD, to, RENAME_NOREPLACE) == 0)
    return 0;
  if (errno != EINVAL && errno != ENOSYS && errno != ENOTSUP)
    return errno;
#endif

  if (link (from, to) == 0)
    {
      g_unlink (from);
      return 0;
    }
  if (errno == EEXIST)
    return EEXIST;

  if (lstat (to, &st) == 0)
    return EEXIST;
  if (g_rename (from, to) != 0)
    return errno;

  return 0;
}

gboolean
gloss_file_batch_commit (GlossFileBatch  *batch,
                         GPtrArray       *not_placed,
                         GError         **error)
{
  g_autoptr(GError) rename_error = NULL;
  gboolean ok;

  g_return_val_if_fail (batch != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (batch->entries->len == 0)
    {
      batch_reset (batch);
      return TRUE;
    }

  /* Contents first: no name may point at data not yet on disk. */
  if (!batch_flush (batch, FALSE, error))
    {
      batch_reset (batch);
      return FALSE;
    }

  for (guint i = 0; i < batch->entries->len; i++)
    {
      BatchEntry *entry = &g_array_index (batch->entries, BatchEntry, i);
      int result = rename_no_replace (entry->temp, entry->path);

      if (result == 0)
        {
          g_clear_pointer (&entry->temp, g_free);
          continue;
        }

      g_unlink (entry->temp);
      g_clear_pointer (&entry->temp, g_free);

      if (result == EEXIST)
        {
          if (not_placed != NULL)
            g_ptr_array_add (not_placed, g_strdup (entry->path));
        }
      else if (rename_error == NULL)
        {
          g_autofree char *display = g_filename_display_name (entry->path);

          set_io_error (&rename_error, result, _("%s: cannot put the file in place: %s"),
                        display, g_strerror (result));
        }
    }

  /* Then the names. */
  ok = batch_flush (batch, TRUE, error);
  batch_reset (batch);

  if (ok && rename_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&rename_error));
      return FALSE;
    }

  return ok;
}

/* gloss-file.h — reading and replacing files without losing anybody's data
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Temporary files of ours are named ".<file name>.gloss-tmp-<pid>-<random>"
 * in the folder of the file they will replace: hidden (corpus scans skip
 * them) and recognisable, so a later save can clean up after a crash. */
#define GLOSS_FILE_TEMP_INFIX ".gloss-tmp-"

/* Replaces the file at @path with @data, atomically: a temporary file in
 * the same folder is written, flushed to disk and renamed over it, so a
 * crash leaves the old file or the new one, never half of one. When @path
 * exists, its permission bits (and, for root, its owner) are kept; a file
 * with no write permission bit at all (chmod a-w: read-only on purpose) is
 * refused with G_IO_ERROR_PERMISSION_DENIED and left as it is. A symbolic
 * link is followed: the file it points to is replaced, the link stays.
 * Stale temporary files of ours beside @path (from a process that died
 * while saving) are removed first. */
gboolean  gloss_file_replace_contents     (const char    *path,
                                           const char    *data,
                                           gsize          size,
                                           GError       **error);

/* TRUE when @path exists and has no write permission bit set (mode 0444
 * and the like): the person made it read-only, and Gloss must not replace
 * it. A file that does not exist is not read-only. */
gboolean  gloss_file_is_write_protected   (const char    *path);

/* Whether a process with this id runs on this machine (ours counts; one
 * we may not signal counts too). Temporary and lock files carry the id of
 * their writer, so that a dead writer's can be told from a live one's. */
gboolean  gloss_file_process_is_running   (gint64         pid);

/* A fresh name for a temporary file or folder of ours that will replace
 * @basename: ".<basename>.gloss-tmp-<pid>-<random>". */
char     *gloss_file_build_temporary_name (const char *basename);

/* Whether @name is a temporary file or folder of ours for @basename (see
 * GLOSS_FILE_TEMP_INFIX) whose writer is gone: its process no longer runs
 * on this machine, or @mtime (seconds) is more than a day ago. */
gboolean  gloss_file_temporary_is_stale  (const char *name,
                                          const char *basename,
                                          gint64      mtime);

/* Removes temporary files of ours for @basename in @folder_path whose
 * writer is gone (its process no longer runs, or the file is more than a
 * day old). Returns how many were removed. Errors are ignored: cleaning
 * up is a courtesy, never a reason to fail a save. */
guint     gloss_file_remove_stale_temporaries (const char *folder_path,
                                               const char *basename);

G_END_DECLS

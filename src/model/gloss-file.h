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
/* The same, and the device and inode of the file written (taken from the
 * temporary file before its rename), so that a look at @path afterwards
 * can tell our file from one another program put there in between. */
gboolean  gloss_file_replace_contents_full (const char    *path,
                                            const char    *data,
                                            gsize          size,
                                            guint64       *written_dev,
                                            guint64       *written_ino,
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

/* Whether @name is a temporary file or folder of ours for @basename (for
 * any name when NULL; see GLOSS_FILE_TEMP_INFIX) whose writer is gone: its process no longer runs
 * on this machine, or @mtime (seconds) is more than a day ago. */
gboolean  gloss_file_temporary_is_stale  (const char *name,
                                          const char *basename,
                                          gint64      mtime);

/* Removes temporary files of ours for @basename (or, when NULL, for any
 * name) in @folder_path whose writer is gone (its process no longer runs,
 * or the file is more than a day old). Returns how many were removed.
 * Errors are ignored: cleaning up is a courtesy, never a reason to fail a
 * save. */
guint     gloss_file_remove_stale_temporaries (const char *folder_path,
                                               const char *basename);

/* Writing many new files with one flush to disk
 *
 * gloss_file_replace_contents() flushes each file and its folder before it
 * returns: right for one sidecar, but an import of 1,000 articles spent
 * almost all its time in those 4,000 flushes. A batch writes each file as
 * a hidden temporary file beside its path, without a flush; at commit all
 * of them are flushed at once (syncfs(2) of each file system written to,
 * on Linux; elsewhere fsync(2) of each file), then renamed to their paths,
 * then the renames flushed. So a file appears under its name only once its
 * contents are on disk: a crash or a power loss at any point leaves whole
 * files or none, never an empty or half-written one (what was not yet
 * renamed stays as hidden temporary files, removed by a later write into
 * the folder). A batch never replaces a file: one that appears at a path
 * while the batch is pending is kept.
 *
 * Not thread-safe: one thread uses a batch at a time. */
typedef struct _GlossFileBatch GlossFileBatch;

GlossFileBatch *gloss_file_batch_new     (void);
/* Removes the temporary files of what was added and not committed. */
void            gloss_file_batch_free    (GlossFileBatch  *batch);

/* Writes @data as a temporary file that gloss_file_batch_commit() will
 * put at @path (a new file, its mode what the umask allows). Refused with
 * G_IO_ERROR_EXISTS when @path is already pending in @batch. The first
 * write into a folder removes stale temporary files of ours there. */
gboolean        gloss_file_batch_add     (GlossFileBatch  *batch,
                                          const char      *path,
                                          const char      *data,
                                          gsize            size,
                                          GError         **error);

/* The temporary file holding what @batch will write at @path, or NULL
 * when @path is not pending: to read back what an earlier add wrote. */
const char     *gloss_file_batch_lookup  (GlossFileBatch  *batch,
                                          const char      *path);

/* Number of files pending. */
guint           gloss_file_batch_get_n_pending (GlossFileBatch *batch);

/* Flushes, renames and flushes again, as described above; @batch is empty
 * afterwards and may be used again. A path where a file appeared meanwhile
 * is not replaced: it is added to @not_placed (nullable; char*, freed with
 * the array) and its temporary file removed. FALSE when a flush or a
 * rename failed: a failed first flush puts nothing in place (the
 * temporary files are removed); a failed rename leaves the others done. */
gboolean        gloss_file_batch_commit  (GlossFileBatch  *batch,
                                          GPtrArray       *not_placed,
                                          GError         **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GlossFileBatch, gloss_file_batch_free)

G_END_DECLS

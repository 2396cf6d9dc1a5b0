/* gloss-file-load.h — reading input files (regular ones only, within a
 * limit) and walking folders (each once)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Every file Gloss reads (articles, sidecars, label sets, import files) is
 * read through these, so that nothing found in a folder can hang a scan or
 * fill the memory:
 *
 * - Only a regular file is read; a symbolic link to one is followed. A FIFO,
 *   a device (/dev/zero), a socket or a folder is refused without reading
 *   from it, and a device without even opening it: G_IO_ERROR_IS_DIRECTORY
 *   for a folder, G_IO_ERROR_NOT_REGULAR_FILE for the others, with a message
 *   saying what it is.
 * - A file larger than @max_bytes is refused with GLOSS_ERROR_TOO_LARGE, from
 *   its size before reading, and again if it grows while being read.
 * - Anything else is G_IO_ERROR, as from errno (NOT_FOUND, PERMISSION_DENIED…).
 *
 * Messages start with "@display_name: " when it is given; pass NULL when the
 * caller names the file itself (say, as a GlossProblem's file). */

/* All of @file in a new buffer, NUL-terminated (the NUL not in @length). */
gboolean      gloss_file_load_contents        (GFile         *file,
                                               const char    *display_name,
                                               gsize          max_bytes,
                                               char         **contents,
                                               gsize         *length,
                                               GCancellable  *cancellable,
                                               GError       **error);
/* The same as GBytes (the NUL past the end is still there). */
GBytes       *gloss_file_load_bytes           (GFile         *file,
                                               const char    *display_name,
                                               gsize          max_bytes,
                                               GCancellable  *cancellable,
                                               GError       **error);
/* gloss_file_load_bytes() in a worker thread, for the main loop's sake. */
void          gloss_file_load_bytes_async     (GFile               *file,
                                               const char          *display_name,
                                               gsize                max_bytes,
                                               GCancellable        *cancellable,
                                               GAsyncReadyCallback  callback,
                                               gpointer             user_data);
GBytes       *gloss_file_load_bytes_finish    (GFile               *file,
                                               GAsyncResult        *result,
                                               GError             **error);
/* The same checks, bar the size, for a reader that streams a file of any
 * size (a JSON Lines dataset). */
GInputStream *gloss_file_open_stream          (GFile         *file,
                                               const char    *display_name,
                                               GCancellable  *cancellable,
                                               GError       **error);
/* The same checks without reading: FALSE, with the error loading would
 * give, for anything but a regular file. */
gboolean      gloss_file_check_regular        (GFile         *file,
                                               const char    *display_name,
                                               GError       **error);
/* GLOSS_ERROR_TOO_LARGE: "NAME: the file is too large (70.1 MB; the limit
 * is 67.1 MB)", exact byte counts where the two would round alike. */
void          gloss_file_set_too_large_error  (GError       **error,
                                               const char    *display_name,
                                               guint64        size,
                                               guint64        limit);

/* Walking folders without going round in circles (gloss-folder-walk.c, for
 * a corpus scan and a brat import):
 *
 * The identity of a folder, "DEVICE:INODE", from a GFileInfo queried with
 * G_FILE_ATTRIBUTE_UNIX_DEVICE and G_FILE_ATTRIBUTE_UNIX_INODE (following
 * links, it is the folder a link leads to), or NULL where the file system
 * does not tell. Two paths to one folder have the same identity. */
#define GLOSS_FILE_IDENTITY_ATTRIBUTES \
  G_FILE_ATTRIBUTE_UNIX_DEVICE "," G_FILE_ATTRIBUTE_UNIX_INODE
char         *gloss_file_info_dup_identity    (GFileInfo     *info);
/* TRUE when the folder that @link leads to is @folder or contains it:
 * following the link from @folder would walk @folder again, for ever (a
 * link to "." or ".."). Local files only; FALSE for others. */
gboolean      gloss_file_link_is_loop         (GFile         *link,
                                               GFile         *folder);

G_END_DECLS

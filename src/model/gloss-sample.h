/* gloss-sample.h — a writable copy of the sample corpus, for "Try the Sample"
 *
 * The sample is installed read-only (under $datadir, or inside a Flatpak's
 * /app), so a person cannot annotate it where it is: the first annotation
 * would fail with "Permission denied". Trying it means copying it first to
 * a folder of the person's own, and opening the copy.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* The name of the copy's folder under gloss_sample_dup_default_destination()'s
 * parent. */
#define GLOSS_SAMPLE_FOLDER_NAME "sample"

/* Where the installed sample is: GLOSS_SAMPLES_DIR ($datadir/gloss/samples)
 * when it is installed, otherwise the source tree's data/samples (Gloss run
 * from its build tree). When neither exists, the installed path, so that
 * gloss_sample_copy() names the folder that should have been there. */
char     *gloss_sample_dup_installed_folder    (void);

/* Where the copy goes: $XDG_DATA_HOME/gloss/sample. That folder is always
 * the person's and writable (inside Flatpak too, where it is in the app's
 * own data folder, with or without access to the home folder), it exists
 * without depending on a localised, possibly missing Documents folder, and
 * it puts nothing the person did not ask for among their documents. */
char     *gloss_sample_dup_default_destination (void);

/* Makes @destination a writable copy of the sample corpus in @samples_folder
 * and returns it (transfer full). Only what Gloss reads is copied: articles
 * (gloss_corpus_is_article_name()), label files and sidecars of the sample
 * folder itself (not its subfolders, hidden files or scripts such as
 * make-sidecars.py). Each copy is new, so its mode is the person's usual
 * one whatever the installed file's is.
 *
 * A copy that already exists is never written to: it is returned as it is,
 * with the annotations made in it (@created set to FALSE). A new copy is
 * written, file by file with gloss_file_replace_contents(), into a
 * temporary folder beside @destination that is renamed into place when it
 * is complete, so @destination is either the whole copy or absent, and a
 * second call after a crash starts again (stale temporary folders of ours
 * are removed first).
 *
 * Fails with G_IO_ERROR_NOT_FOUND, naming the folder, when @samples_folder
 * does not exist, with GLOSS_ERROR_NOT_FOUND when it holds no article, and
 * with G_IO_ERROR_NOT_DIRECTORY when @destination is something other than
 * a folder. Messages name the file or folder at fault. @created may be
 * NULL. */
GFile    *gloss_sample_copy                    (const char           *samples_folder,
                                                const char           *destination,
                                                gboolean             *created,
                                                GCancellable         *cancellable,
                                                GError              **error);

/* gloss_sample_copy() in a worker thread; @callback runs on the caller's
 * thread-default main context. */
void      gloss_sample_copy_async              (const char           *samples_folder,
                                                const char           *destination,
                                                GCancellable         *cancellable,
                                                GAsyncReadyCallback   callback,
                                                gpointer              user_data);
GFile    *gloss_sample_copy_finish             (GAsyncResult         *result,
                                                gboolean             *created,
                                                GError              **error);

G_END_DECLS

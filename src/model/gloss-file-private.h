/* gloss-file-private.h — what the model tests see of GlossFileBatch
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "gloss-file.h"

G_BEGIN_DECLS

/* FALSE: flush as on systems without syncfs(2) (fsync of each file, then
 * of each folder), so that path is tested on Linux too. */
void   gloss_file_batch_set_use_syncfs (GlossFileBatch *batch,
                                        gboolean        use_syncfs);

/* How many flush calls (syncfs or fsync) commits of @batch made so far:
 * the tests check that a batch does not flush file by file. */
guint  gloss_file_batch_get_n_flushes  (GlossFileBatch *batch);

G_END_DECLS

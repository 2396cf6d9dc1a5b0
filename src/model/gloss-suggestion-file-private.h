/* gloss-suggestion-file-private.h — what the session needs to know of a
 * suggestions file's own writes (internal)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "gloss-file-monitor.h"
#include "gloss-suggestion-file.h"

G_BEGIN_DECLS

/* The SHA-256 of the bytes the last save (either kind) wrote, computed
 * where they were printed; NULL before any save, and after a load. */
const char                 *gloss_suggestion_file_get_disk_sha256         (GlossSuggestionFile *self);
/* How the file looked (stat) right after that write, or NULL when it was
 * plainly not ours any more by then (another inode or size). */
const GlossFileFingerprint *gloss_suggestion_file_get_written_fingerprint (GlossSuggestionFile *self);

G_END_DECLS

/* gloss-session-copies-private.h — where a session keeps a version of the
 * sidecar it cannot write into the sidecar itself (internal to
 * gloss-session.c)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Writes @bytes (another program's version of the sidecar @sidecar_file,
 * or ours when another Gloss took it over) beside it as
 * "<article>.<id>.conflict-<YYYYMMDD-HHMMSS>.json" (local time of @when,
 * or now when NULL; "-2", "-3"… added while that name is taken). That is
 * no sidecar name, so no tool takes it for one; nothing is replaced.
 * Blocking. */
GFile *gloss_session_copies_write_conflict       (GFile       *sidecar_file,
                                                  const char  *article_name,
                                                  const char  *annotator_id,
                                                  GBytes      *bytes,
                                                  GDateTime   *when,
                                                  GError     **error);

/* Where edits that could not be saved at exit go:
 * $XDG_DATA_HOME/gloss/recovered/<article>.<id>.<YYYYMMDD-HHMMSS>.gloss.json
 * (local time of @when, or now when NULL). The folder is made (0700) if
 * needed; the file is not written. */
GFile *gloss_session_copies_build_recovery_file  (const char  *article_name,
                                                  const char  *annotator_id,
                                                  GDateTime   *when,
                                                  GError     **error);

G_END_DECLS

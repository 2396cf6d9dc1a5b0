/* gloss-file-monitor.h — watching one file for versions that are not the
 * one we know (internal: the session's watch on its sidecar and article)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* What stat() says of a file: enough to tell that it was replaced or
 * rewritten without reading it. */
typedef struct
{
  gboolean exists;
  guint64  dev;
  guint64  ino;
  goffset  size;
  gint64   mtime_ns;
} GlossFileFingerprint;

/* Blocking, but only a stat(). A file that cannot be stat()ed does not
 * exist for this purpose. */
void     gloss_file_fingerprint_take  (GFile                      *file,
                                       GlossFileFingerprint       *fingerprint);
gboolean gloss_file_fingerprint_equal (const GlossFileFingerprint *a,
                                       const GlossFileFingerprint *b);

#define GLOSS_FILE_MONITOR_DEFAULT_DEBOUNCE_MS 100

#define GLOSS_TYPE_FILE_MONITOR (gloss_file_monitor_get_type ())
G_DECLARE_FINAL_TYPE (GlossFileMonitor, gloss_file_monitor, GLOSS, FILE_MONITOR, GObject)

/* A GlossFileMonitor watches one file for versions other than the one its
 * owner knows (the bytes it last read or wrote), as gnome-text-editor's
 * buffer monitor does:
 *
 * - Watch and debounce. Editors and tools write a file in several steps:
 *   a check comes "debounce" ms after the last event, never in between.
 * - Compare. A check reads the file (a regular file only, within
 *   "max-bytes", in a worker thread) and compares its SHA-256 with the
 *   known one; a missing file is a version too ("no file"). A file that
 *   cannot be read just now (a folder in its place, no permission) is not
 *   reported: a save would say so.
 * - Whole versions only. A version not yet whole is not reported: one the
 *   whole-func (if any) says is complete is reported at once, any other
 *   once it has stayed the same for "settle-time" ms, or at the latest
 *   "max-settle-time" ms after the first version not yet whole (a writer
 *   that never stops cannot hold things up for ever). Meanwhile the file
 *   is looked at again every settle-time / 4 ms. With a settle-time of 0
 *   every version is whole.
 * - Pause while saving. While paused (the owner's own write is in flight)
 *   no check runs and none that was in flight is reported; one that was
 *   due runs on resume. The owner tells the monitor what it wrote with
 *   gloss_file_monitor_set_known*(); with set_known_written() and how the
 *   file looked after the write, a check that finds it still so (same
 *   inode, size and mtime, and no event of a write into it) does not read
 *   the file back.
 *
 * Signals:
 *   ::changed (GBytes *contents, const char *sha256) — a check found a
 *      whole version other than the known one: its bytes and hash, both
 *      NULL when the file is gone. Once per version: a check that finds
 *      the version last reported again says nothing (until a new known
 *      version is set, or the known one is found again).
 *   ::attributes-changed () — the file's attributes changed (chmod).
 *
 * Properties:
 *   "file"            GFile (construct-only)
 *   "max-bytes"       guint64, larger files cannot be read (construct-only)
 *   "debounce"        guint ms
 *   "settle-time"     guint ms
 *   "max-settle-time" guint ms
 *   "changed"         gboolean, read-only: the file, as last looked at,
 *                     is not the known version (TRUE once ::changed was
 *                     emitted; FALSE again when a check finds the known
 *                     version, or a new one is set)
 *   "paused"          gboolean, read-only
 *
 * Everything runs in the main context that was thread-default when
 * gloss_file_monitor_start() was called; the object may be made and given
 * its known version in another thread before that. */

/* Is @contents (another version of the file) recognisably complete?
 * Called in the check's worker thread (and by gloss_file_monitor_is_whole()
 * in the caller's): it must be safe to run in any thread. */
typedef gboolean     (*GlossFileMonitorWholeFunc) (GBytes   *contents,
                                                   gpointer  user_data);
/* The SHA-256 of the known version, for when hashing is worth putting off
 * until a check needs it (a large file); NULL for no file. */
typedef const char  *(*GlossFileMonitorHashFunc)  (gpointer  user_data);

GlossFileMonitor *gloss_file_monitor_new               (GFile                     *file,
                                                        guint64                    max_bytes);
GFile            *gloss_file_monitor_get_file          (GlossFileMonitor          *self);
void              gloss_file_monitor_set_debounce      (GlossFileMonitor          *self,
                                                        guint                      debounce_ms);
void              gloss_file_monitor_set_settle_time   (GlossFileMonitor          *self,
                                                        guint                      settle_ms,
                                                        guint                      max_settle_ms);
void              gloss_file_monitor_set_whole_func    (GlossFileMonitor          *self,
                                                        GlossFileMonitorWholeFunc  func,
                                                        gpointer                   user_data);
gboolean          gloss_file_monitor_get_changed       (GlossFileMonitor          *self);

/* Starts watching (in the thread-default main context). If the file no
 * longer looks as it did when the known version was set (it changed
 * before the watch began, so no event will say so), a check runs now. */
void              gloss_file_monitor_start             (GlossFileMonitor          *self);
/* Stops for good: no event, timeout or check in flight is reported after
 * this. Also done on dispose. */
void              gloss_file_monitor_cancel            (GlossFileMonitor          *self);

/* The file now holds what the owner read or wrote: @sha256 (NULL for no
 * file). @seen is how the file looked when it was read (taken before
 * reading, so a change while it was read still shows), or NULL to look
 * now. A check in flight is looked at again. */
void              gloss_file_monitor_set_known         (GlossFileMonitor           *self,
                                                        const char                 *sha256,
                                                        const GlossFileFingerprint *seen);
/* The owner wrote the file itself, @sha256 being the hash of what it wrote
 * and @written how the file looked (stat) right after. Until the file
 * looks otherwise, or an event says somebody wrote into it, a check takes
 * it for the known version without reading it. */
void              gloss_file_monitor_set_known_written (GlossFileMonitor           *self,
                                                        const char                 *sha256,
                                                        const GlossFileFingerprint *written);
/* The same, with the hash asked of @func only when a check needs it. */
void              gloss_file_monitor_set_known_lazily  (GlossFileMonitor           *self,
                                                        GlossFileMonitorHashFunc    func,
                                                        gpointer                    user_data,
                                                        const GlossFileFingerprint *seen);
/* The hash of the known version (NULL for no file). */
const char       *gloss_file_monitor_get_known         (GlossFileMonitor           *self);
/* Whether the file looks different (stat) from when the known version was
 * set: before writing over it, worth reading it first even if no event
 * came yet. Blocking, a stat(). */
gboolean          gloss_file_monitor_looks_changed     (GlossFileMonitor           *self);

/* Whether @contents, another version with hash @sha256 that the owner
 * read itself (before writing over it), is whole, by the rule above. Each
 * call is one look: the settling counts across calls and checks. */
gboolean          gloss_file_monitor_is_whole          (GlossFileMonitor           *self,
                                                        GBytes                     *contents,
                                                        const char                 *sha256);

/* Pausing nests; while paused nothing is reported (see above). */
void              gloss_file_monitor_pause             (GlossFileMonitor           *self);
void              gloss_file_monitor_resume            (GlossFileMonitor           *self);
/* Looks now, or in @delay_ms, whatever the events say. */
void              gloss_file_monitor_check             (GlossFileMonitor           *self);

G_END_DECLS

/* gloss-session.c — one annotator working on one article
 *
 * A session ties together what the window shows (the document, the label
 * set and the annotator's sidecar) and keeps the sidecar on disk in step
 * with the edits, without ever losing anybody's work:
 *
 * Autosave. Every edit of the annotation set moves the state to PENDING and
 * (re)starts a timer of autosave-delay ms, but never past the maximum wait
 * (GLOSS_SESSION_MAX_AUTOSAVE_WAIT_MS, or autosave-delay if longer) after
 * the first edit not yet being written: steady editing, an edit every few
 * hundred milliseconds, would otherwise put the save off for as long as
 * it lasts, and a crash then would lose all of it. When it fires the sidecar is
 * written in a worker thread (SAVING) and the state becomes SAVED, or ERROR
 * with save-error set. A failed write is retried on the next edit or
 * explicit save. Edits made while a write is in flight are written by
 * another save after it. A sidecar that failed to load, or has a newer
 * format version, is READ_ONLY: the session never writes it.
 *
 * Watching. A GlossFileMonitor on the sidecar (gloss-file-monitor.c)
 * reads it after a short debounce and compares its SHA-256 with that of
 * the bytes we last read or wrote; it is paused while our own write is in
 * flight and told what we wrote, so our own saves are never reported. It
 * reports a version only once it is whole (valid JSON, or unchanged for a
 * second, or after 10 s at most); a save that finds the file looking
 * otherwise than we left it (stat) reads it first, by the same rule.
 * Somebody else's version on disk then means:
 *
 *  - we have no unsaved edits: external-change becomes TRUE and the UI
 *    offers gloss_session_reload();
 *  - we have unsaved edits: both sides changed. The other version's bytes
 *    are kept, unchanged, beside the sidecar as
 *    "<article>.<id>.conflict-<YYYYMMDD-HHMMSS>.json" (local time; "-2",
 *    "-3"… added if that name is taken), ::conflict-kept is emitted and
 *    ours is saved at once.
 *
 * If the user goes on editing while external-change is TRUE, that is a
 * conflict too: before writing, the file is read again and, if it still
 * differs from what we last read or wrote, kept as a conflict copy first.
 *
 * The sidecar deleted by somebody else (a git checkout, a colleague) is a
 * change to "no file". We do not write it back straight away, which would
 * fight the tool that removed it (git would then refuse to check out a
 * branch that has the file): with no unsaved edits external-change becomes
 * TRUE (a reload then empties the annotations), and the annotations stay
 * on screen; the next edit or save writes them all back. With unsaved
 * edits, the pending autosave writes them back: there is nothing of the
 * other side to keep.
 *
 * The article is watched by a second GlossFileMonitor: its bytes no longer
 * those in memory (a checkout) make article-changed TRUE.
 *
 * Suggestions. The annotator's suggestions file (gloss-suggestion-file.c)
 * is loaded with the sidecar and written by the session whenever it
 * changed — an accept, its undo or redo, a rejection — on the autosave
 * timer, after the sidecar when both changed (an accept's annotation is
 * on disk before its suggestion leaves the file): a snapshot taken on
 * this thread, printed and written in a worker thread, as the sidecar is
 * (gloss_suggestion_file_save_async()); closing and flushing write it
 * blocking, after any write in flight has landed. A file that
 * failed to load is never written, nor any while the session is
 * read-only. A third GlossFileMonitor watches it: somebody else's version
 * (gloss-cli suggest) is read into the same object when we have nothing
 * unsaved; else theirs is merged into ours — their suggestions source by
 * source (gloss_suggestion_file_merge_run(), which leaves out what we
 * rejected or annotated), rejections made elsewhere added — and the
 * result written, so that neither their run nor the person's unsaved
 * rejections are lost. A version we cannot read then is not written over.
 *
 * Read-only reasons (write-protected, another Gloss's lock, taken over)
 * make the annotation set read-only too, so no edit is made that would
 * not be written.
 *
 * Closing. gloss_session_close_async() writes pending edits and waits for
 * any write in flight. A session dropped without it still writes its
 * unsaved edits, blocking, in dispose (keeping a changed version on disk
 * first, as above), so a forgotten close costs a stall, never work.
 * Conflict and recovery copies are named and written in
 * gloss-session-copies.c; the sessions open in the process are found in
 * gloss-session-registry.c.
 *
 * Reloading. gloss_session_reload_async() hashes the article, reads,
 * parses, builds and re-anchors the sidecar in a worker thread, into a
 * sidecar of its own, and hands that over on the main thread in a few
 * operations (gloss_sidecar_take_loaded(): one items-changed). Edits made
 * while it reads win: the reload gives up, nothing is lost, and as
 * external-change is still TRUE the other version is kept beside ours
 * when they are written. A version somebody else writes while it reads is
 * read instead (the newest wins); a newer reload, closing or dispose
 * cancel it. gloss_session_reload() does the same blocking.
 *
 * All of this runs on the thread that created the session (the main
 * thread); only the writes, the monitors' reads, the reloads' reads and
 * the opening (gloss_session_new_async()) use worker threads. Opening
 * reads the sidecar and parses its JSON in a second thread while the
 * article is read (gloss_sidecar_preread_start()), then checks one against
 * the other.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include <glib/gi18n-lib.h>

#include "gloss-error.h"
#include "gloss-file.h"
#include "gloss-file-load.h"
#include "gloss-file-monitor.h"
#include "gloss-session.h"
#include "gloss-session-copies-private.h"
#include "gloss-session-registry-private.h"
#include "gloss-sidecar-lock.h"
#include "gloss-sidecar-private.h"
#include "gloss-sidecar-reader.h"
#include "gloss-suggestion-file-private.h"

/* Editors and tools often write a file in several steps; wait until the
 * events settle before reading it. */
#define CHECK_DEBOUNCE_MS 100
#define ARTICLE_DEBOUNCE_MS 200
/* Another program's version of the sidecar is kept as a conflict copy only
 * once it is whole: valid JSON, or the same bytes for this long (a slow
 * writer rewriting the file in place is still at work until then). */
#define SETTLE_MS 1000
/* ... and a writer that never stops is waited for this long at most, so
 * that closing cannot wait for ever: its version as it is then is kept. */
#define MAX_SETTLE_WAIT_MS 10000

struct _GlossSession
{
  GObject             parent_instance;

  GlossDocument      *document;
  GlossLabelSet      *labels;
  GlossSidecar       *sidecar;
  /* The sidecar's canonical path: the session's key among the open ones. */
  char               *key;

  GMainContext       *context;
  GCancellable       *cancellable;
  /* Made with the session (in the opening thread), started with it in
   * its main context. */
  GlossFileMonitor   *sidecar_monitor;
  GlossFileMonitor   *article_monitor;
  GSource            *settle_source;
  GlossSidecarLock   *lock;
  /* Why a sidecar that loaded fine is not written (made read-only on
   * purpose, edited by another Gloss, taken over); NULL when it is. */
  char               *read_only_reason;
  GSource            *autosave_source;
  GPtrArray          *close_tasks;

  GError             *save_error;
  /* Change serial of the annotation set when what is on disk was read or
   * written: the session has unsaved edits when the serial moved on. */
  guint64             clean_serial;
  guint64             writing_serial;
  /* Changes to the sidecar beside its annotations (a review record):
   * counted here, as the set does not see them. */
  guint64             meta_serial;
  guint64             clean_meta_serial;
  guint64             writing_meta_serial;

  guint               autosave_delay;
  /* Monotonic time of the first edit that no write has taken up yet; 0
   * when there is none. The autosave comes no later than the maximum wait
   * after it. */
  gint64              first_unsaved_time;
  GlossSaveState      save_state;

  guint               loading : 1;
  guint               saving : 1;            /* a save (verify read or write) in flight */
  guint               save_queued : 1;       /* a save was asked for during one */
  guint               verify_before_save : 1;
  guint               external_change : 1;
  guint               write_protected : 1;   /* the sidecar has no write permission bit */
  guint               lock_lost : 1;         /* busy elsewhere, or taken over by another Gloss */
  guint               article_changed : 1;   /* the article on disk is not the text in memory */

  /* The reload being read in a worker thread (gloss_session_reload_async());
   * cancelled by a newer reload, a synchronous one, closing or dispose. */
  GCancellable       *reload_cancellable;
  /* Counts the versions of the sidecar somebody else put on disk: one
   * reported while a reload reads makes what it read stale. */
  guint               disk_generation;

  /* The annotator's suggestions file: the same object for the session's
   * life, read again in place when it changes on disk. */
  GlossSuggestionFile *suggestions;
  GlossFileMonitor   *suggestions_monitor;
  /* Why it failed to load (the located message), or NULL. */
  char               *suggestions_error;
  /* The last write of it failed: shown as save-error when the sidecar's
   * own write did not fail. */
  GError             *suggestions_save_error;
  /* Proposal keys of the rejections in the version on disk (the last one
   * read or written): those of another version that are not among them
   * were made elsewhere, and are added to ours. */
  GHashTable         *disk_rejections;
  /* Somebody else's version could not be read while ours had unsaved
   * changes: not written over until it changes again. */
  gboolean            suggestions_disk_broken;
  /* A write of the suggestions file in flight (its monitor paused), one
   * asked for meanwhile, and the rejections of what it writes (the
   * disk's once it has landed). */
  gboolean            suggestions_saving;
  gboolean            suggestions_queued;
  GHashTable         *writing_rejections;
};

G_DEFINE_FINAL_TYPE (GlossSession, gloss_session, G_TYPE_OBJECT)

G_DEFINE_ENUM_TYPE (GlossSaveState, gloss_save_state,
  G_DEFINE_ENUM_VALUE (GLOSS_SAVE_STATE_SAVED, "saved"),
  G_DEFINE_ENUM_VALUE (GLOSS_SAVE_STATE_PENDING, "pending"),
  G_DEFINE_ENUM_VALUE (GLOSS_SAVE_STATE_SAVING, "saving"),
  G_DEFINE_ENUM_VALUE (GLOSS_SAVE_STATE_ERROR, "error"),
  G_DEFINE_ENUM_VALUE (GLOSS_SAVE_STATE_READ_ONLY, "read-only"))

enum {
  PROP_0,
  PROP_DOCUMENT,
  PROP_SIDECAR,
  PROP_ANNOTATIONS,
  PROP_LABELS,
  PROP_SAVE_STATE,
  PROP_SAVE_ERROR,
  PROP_AUTOSAVE_DELAY,
  PROP_EXTERNAL_CHANGE,
  PROP_READ_ONLY_REASON,
  PROP_ARTICLE_CHANGED,
  PROP_DONE,
  PROP_DOCUMENT_LABELS,
  PROP_SUGGESTIONS,
  PROP_SUGGESTIONS_ERROR,
  N_PROPS
};

enum {
  CONFLICT_KEPT,
  PROBLEMS_CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void start_save (GlossSession *self);
static void postpone_save (GlossSession *self);
static void recheck_write_protection (GlossSession *self);
static gboolean has_unsaved_suggestions (GlossSession *self);
static gboolean has_stranded_suggestions (GlossSession *self);
static void write_suggestions (GlossSession *self);
static void settle_after_save (GlossSession *self);

/* The open sessions (gloss-session-registry.c)
 * ------------------------------------------------------------------------ */

static GlossSession *
lookup_open_session (const char *key)
{
  GlossSession *self = gloss_session_registry_lookup (key);

  /* One whose article changed on disk is on its way out: the window
   * opens the article again, for its new text. */
  if (self != NULL && self->article_changed)
    return NULL;

  return self;
}

/* The annotation set refuses edits whenever the session would not write
 * them: a reason of the session's own (write-protected, edited or taken
 * over by another Gloss) or a sidecar that failed to load or is of a newer
 * version. So no front end can make an edit that could only be lost; Take
 * Over, a writable file or a reload that succeeds lets them in again. */
static gboolean is_read_only (GlossSession *self);

static void
sync_set_read_only (GlossSession *self)
{
  gloss_annotation_set_set_read_only (gloss_sidecar_get_annotations (self->sidecar),
                                      is_read_only (self));
}

/* Read-only for a reason of the session's own (see read_only_reason).
 * Takes @reason (NULL: writable). */
static void
set_read_only_reason (GlossSession *self,
                      char         *reason)
{
  if (g_strcmp0 (self->read_only_reason, reason) == 0)
    {
      g_free (reason);
      return;
    }

  g_free (self->read_only_reason);
  self->read_only_reason = reason;
  sync_set_read_only (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_READ_ONLY_REASON]);
}

static char *
describe_write_protection (GlossSession *self)
{
  g_autofree char *name = g_file_get_basename (gloss_sidecar_get_file (self->sidecar));

  return g_strdup_printf (_("“%s” is read-only (its permissions allow no writing), so Gloss "
                            "will not change it. Make the file writable to annotate."),
                          name);
}

static gboolean
sidecar_is_write_protected (GlossSession *self)
{
  g_autofree char *path = g_file_get_path (gloss_sidecar_get_file (self->sidecar));

  return path != NULL && gloss_file_is_write_protected (path);
}

/* State
 * ------------------------------------------------------------------------ */

static gboolean
is_read_only (GlossSession *self)
{
  return gloss_sidecar_is_read_only (self->sidecar) || self->read_only_reason != NULL;
}

static gboolean
has_unsaved_edits (GlossSession *self)
{
  GlossAnnotationSet *set = gloss_sidecar_get_annotations (self->sidecar);

  return gloss_annotation_set_get_change_serial (set) != self->clean_serial
         || self->meta_serial != self->clean_meta_serial;
}

static void
set_save_state (GlossSession   *self,
                GlossSaveState  state)
{
  /* A reload changes whether the sidecar is usable; the set follows. */
  sync_set_read_only (self);

  if (self->save_state == state)
    return;

  self->save_state = state;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SAVE_STATE]);
}

/* Takes @error (nullable) into @slot, the sidecar's or the suggestions
 * file's: save-error shows the sidecar's first. */
static void
take_error_into (GlossSession  *self,
                 GError       **slot,
                 GError        *error)
{
  g_autofree char *old_message = g_strdup (gloss_session_get_save_error (self));

  g_clear_error (slot);
  *slot = error;

  if (g_strcmp0 (old_message, gloss_session_get_save_error (self)) != 0)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SAVE_ERROR]);
}

/* Takes @error (nullable). */
static void
take_save_error (GlossSession *self,
                 GError       *error)
{
  take_error_into (self, &self->save_error, error);
}

static void
take_suggestions_save_error (GlossSession *self,
                             GError       *error)
{
  take_error_into (self, &self->suggestions_save_error, error);
}

static void
set_external_change (GlossSession *self,
                     gboolean      external_change)
{
  external_change = !!external_change;
  if (self->external_change == external_change)
    return;

  self->external_change = external_change;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EXTERNAL_CHANGE]);
}

/* A save is in flight: the sidecar monitor reports nothing meanwhile
 * (our own write is no change), and looks again once it has landed. */
static void
set_saving (GlossSession *self,
            gboolean      saving)
{
  saving = !!saving;
  if (self->saving == saving)
    return;

  self->saving = saving;
  if (saving)
    gloss_file_monitor_pause (self->sidecar_monitor);
  else
    gloss_file_monitor_resume (self->sidecar_monitor);
}

/* The hash of the bytes the sidecar last read or wrote, computed only when
 * the file changes on disk: hashing a large sidecar costs ~2 ms/MB. */
static const char *
sidecar_disk_sha256 (gpointer user_data)
{
  return gloss_sidecar_get_disk_sha256 (user_data);
}

/* The disk holds what the sidecar last read or wrote; @seen is how it
 * looked when it was read (NULL: as it looks now). */
static void
know_sidecar_bytes (GlossSession               *self,
                    const GlossFileFingerprint *seen)
{
  gloss_file_monitor_set_known_lazily (self->sidecar_monitor, sidecar_disk_sha256,
                                       self->sidecar, seen);
}

/* The disk holds what the sidecar just wrote: the saving thread hashed it
 * and looked at the file right after, so the monitor knows our write when
 * it sees it, without reading it back or hashing it here. */
static void
know_our_write (GlossSession *self)
{
  const GlossFileFingerprint *written = gloss_sidecar_get_written_fingerprint (self->sidecar);
  const char *sha256 = gloss_sidecar_get_disk_sha256 (self->sidecar);

  if (written != NULL && sha256 != NULL)
    gloss_file_monitor_set_known_written (self->sidecar_monitor, sha256, written);
  else
    know_sidecar_bytes (self, NULL);
}

/* The disk holds @sha256 (NULL: no file), as it looks now. */
static void
know_disk_sha256 (GlossSession *self,
                  const char   *sha256)
{
  gloss_file_monitor_set_known (self->sidecar_monitor, sha256, NULL);
}

/* What the disk holds now that we read or wrote it: its hash, and the
 * edits it contains. @seen as for know_sidecar_bytes(). */
static void
remember_disk_state (GlossSession               *self,
                     const GlossFileFingerprint *seen)
{
  if (gloss_sidecar_get_state (self->sidecar) == GLOSS_SIDECAR_STATE_NEW)
    gloss_file_monitor_set_known (self->sidecar_monitor, NULL, seen);
  else
    know_sidecar_bytes (self, seen);

  self->clean_serial =
    gloss_annotation_set_get_change_serial (gloss_sidecar_get_annotations (self->sidecar));
  self->clean_meta_serial = self->meta_serial;
}

/* The state to show when no write is in flight. */
static GlossSaveState
resting_state (GlossSession *self)
{
  if (is_read_only (self))
    return GLOSS_SAVE_STATE_READ_ONLY;
  /* The suggestions file being written once the sidecar is. */
  if (self->suggestions_saving)
    return GLOSS_SAVE_STATE_SAVING;
  if (self->save_error != NULL || self->suggestions_save_error != NULL)
    return GLOSS_SAVE_STATE_ERROR;
  if (has_unsaved_edits (self) || has_unsaved_suggestions (self))
    return GLOSS_SAVE_STATE_PENDING;
  return GLOSS_SAVE_STATE_SAVED;
}

/* Main-context sources
 * ------------------------------------------------------------------------ */

static void
clear_source (GSource **source)
{
  if (*source == NULL)
    return;

  g_source_destroy (*source);
  g_clear_pointer (source, g_source_unref);
}

/* Sources go to the context the session was created in, which is where
 * the file monitor and the GTask callbacks are dispatched too. */
static GSource *
add_timeout (GlossSession *self,
             guint         delay_ms,
             GSourceFunc   func,
             const char   *name)
{
  GSource *source = g_timeout_source_new (delay_ms);

  g_source_set_callback (source, func, self, NULL);
  g_source_set_static_name (source, name);
  g_source_attach (source, self->context);

  return source;
}

static gboolean
on_autosave_timeout (gpointer user_data)
{
  GlossSession *self = user_data;

  /* The source is destroyed when this returns; only drop our reference. */
  g_clear_pointer (&self->autosave_source, g_source_unref);
  start_save (self);

  return G_SOURCE_REMOVE;
}

static guint
max_autosave_wait (GlossSession *self)
{
  return MAX (GLOSS_SESSION_MAX_AUTOSAVE_WAIT_MS, self->autosave_delay);
}

/* autosave-delay ms from now, or sooner if the oldest unwritten edit
 * would otherwise wait longer than the maximum. */
static void
restart_autosave_timer (GlossSession *self)
{
  gint64 now = g_get_monotonic_time ();
  gint64 deadline;
  gint64 delay_ms;

  if (self->first_unsaved_time == 0)
    self->first_unsaved_time = now;

  deadline = self->first_unsaved_time + (gint64) max_autosave_wait (self) * 1000;
  delay_ms = MIN ((gint64) self->autosave_delay, MAX (0, deadline - now) / 1000);

  clear_source (&self->autosave_source);
  self->autosave_source = add_timeout (self, (guint) delay_ms,
                                       on_autosave_timeout, "[gloss] autosave");
}

/* Closing
 * ------------------------------------------------------------------------ */

static void
complete_close (GlossSession *self,
                GTask        *task)
{
  if (g_task_return_error_if_cancelled (task))
    return;

  /* The edits could not be written: say so, so the window can ask before
   * closing. A sidecar that failed to load or is of a newer version never
   * had edits (the window offers none); one that became read-only while
   * there were edits (chmod a-w, taken over by another Gloss) has them. */
  if ((has_unsaved_edits (self) || has_stranded_suggestions (self))
      && self->read_only_reason != NULL)
    g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_READ_ONLY, "%s", self->read_only_reason);
  else if (self->save_error != NULL && has_unsaved_edits (self) && !is_read_only (self))
    g_task_return_error (task, g_error_copy (self->save_error));
  else if (self->suggestions_save_error != NULL && has_unsaved_suggestions (self))
    g_task_return_error (task, g_error_copy (self->suggestions_save_error));
  else
    g_task_return_boolean (task, TRUE);
}

static void
complete_close_tasks (GlossSession *self)
{
  g_autoptr(GPtrArray) tasks = NULL;

  /* The suggestions' write tells them when it lands. */
  if (self->close_tasks->len == 0 || self->suggestions_saving)
    return;

  tasks = g_steal_pointer (&self->close_tasks);
  self->close_tasks = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < tasks->len; i++)
    complete_close (self, g_ptr_array_index (tasks, i));
}

/* Saving
 * ------------------------------------------------------------------------ */

/* After a save ended (written, failed or given up): start the next one if
 * it is due, else settle the state, and let whoever waited know. */
static void
save_ended (GlossSession *self,
            gboolean      written)
{
  gboolean again = self->save_queued
                   || (written && self->close_tasks->len > 0);

  set_saving (self, FALSE);
  self->save_queued = FALSE;

  if (again && has_unsaved_edits (self) && !is_read_only (self))
    start_save (self);

  if (self->saving)
    return;

  /* After the sidecar: an accepted suggestion's annotation is on disk
   * before the suggestion leaves the suggestions file. */
  write_suggestions (self);
  settle_after_save (self);
}

/* No write in flight, or only the suggestions': the state to show, and
 * whoever waits to close told once nothing is in flight. */
static void
settle_after_save (GlossSession *self)
{
  set_save_state (self, resting_state (self));
  /* Edits made during the write wait for their own timer; make sure there
   * is one. */
  if (self->save_state == GLOSS_SAVE_STATE_PENDING && self->autosave_source == NULL)
    restart_autosave_timer (self);

  complete_close_tasks (self);
}

static void
on_sidecar_saved (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GlossSession) self = user_data;
  GError *error = NULL;

  if (gloss_sidecar_save_finish (GLOSS_SIDECAR (object), result, &error))
    {
      self->clean_serial = self->writing_serial;
      self->clean_meta_serial = self->writing_meta_serial;
      know_our_write (self);
      take_save_error (self, NULL);
      save_ended (self, TRUE);
    }
  else
    {
      take_save_error (self, error);
      save_ended (self, FALSE);
    }
}

static void
write_sidecar (GlossSession *self)
{
  GlossAnnotationSet *set = gloss_sidecar_get_annotations (self->sidecar);

  /* The sidecar takes its snapshot of the set right away, at this serial. */
  self->writing_serial = gloss_annotation_set_get_change_serial (set);
  self->writing_meta_serial = self->meta_serial;
  gloss_sidecar_save_async (self->sidecar, NULL, on_sidecar_saved, g_object_ref (self));
}

/* Writes @bytes (another version of the sidecar, or ours) beside it under
 * a name no tool takes for a sidecar, without replacing anything there. */
static GFile *
write_conflict_copy (GlossSession  *self,
                     GBytes        *bytes,
                     GError       **error)
{
  return gloss_session_copies_write_conflict (gloss_sidecar_get_file (self->sidecar),
                                              gloss_document_get_name (self->document),
                                              gloss_sidecar_get_annotator_id (self->sidecar),
                                              bytes, NULL, error);
}

/* Another program's version of the sidecar is whole once it parses as
 * JSON (or, says the monitor, once it has stayed the same for SETTLE_MS:
 * a whole file that is not valid JSON is still somebody's whole file). A
 * program that rewrites the file in place slowly is not done before that,
 * and a copy of half its file would be claimed as kept when it is not. */
static gboolean
sidecar_version_is_json (GBytes   *bytes,
                         gpointer  user_data)
{
  gsize size;
  const char *data = g_bytes_get_data (bytes, &size);
  g_autoptr(GlossJsonDoc) doc = NULL;

  /* The sidecar reader's own parser, not a json-glib tree: 37 MB in some
   * 50 ms rather than well over a second (in the monitor's worker thread,
   * or on the main thread when a save finds the file changed). A
   * file that is JSON but that the reader refuses (a duplicate member, too
   * deep) counts as whole only once it has settled, which only delays
   * hearing of a file that will not load anyway. */
  doc = gloss_sidecar_reader_parse (data, size);
  return doc != NULL;
}

/* The file on disk holds @bytes (NULL: there is none) while we have edits
 * to write over it. If that is not what we last read or wrote, somebody
 * else changed it: keep their version beside ours first. @known_whole: the
 * monitor reported @bytes, so it is whole; else it is judged here, by the
 * monitor's rule (the same settling counts for both). */
static gboolean
keep_other_version (GlossSession  *self,
                    GBytes        *bytes,
                    gboolean       known_whole,
                    GError       **error)
{
  g_autoptr(GFile) copy = NULL;
  g_autofree char *sha256 = NULL;

  /* Deleted: there is nothing of theirs to keep. */
  if (bytes == NULL)
    return TRUE;

  sha256 = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, bytes);
  if (g_strcmp0 (sha256, gloss_file_monitor_get_known (self->sidecar_monitor)) == 0)
    {
      know_disk_sha256 (self, sha256);
      return TRUE;
    }

  /* Still being written: neither copy it nor write over it yet. */
  if (!known_whole && !gloss_file_monitor_is_whole (self->sidecar_monitor, bytes, sha256))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_PENDING,
                           _("The annotation file is being written by another program"));
      return FALSE;
    }

  copy = write_conflict_copy (self, bytes, error);
  if (copy == NULL)
    {
      g_autofree char *name = g_file_get_parse_name (gloss_sidecar_get_file (self->sidecar));

      g_prefix_error (error,
                      _("%s changed on disk, and the other version could not be kept "
                        "beside it, so yours was not saved over it: "),
                      name);
      return FALSE;
    }

  /* Accounted for: a failed save of ours must not copy it again. */
  know_disk_sha256 (self, sha256);
  self->verify_before_save = FALSE;
  g_signal_emit (self, signals[CONFLICT_KEPT], 0, copy);

  return TRUE;
}

static gboolean
on_settle_timeout (gpointer user_data)
{
  GlossSession *self = user_data;

  g_clear_pointer (&self->settle_source, g_source_unref);
  start_save (self);

  return G_SOURCE_REMOVE;
}

/* Another program is still writing the sidecar: try again a little later.
 * Whoever waits to close goes on waiting: the edits are not on disk. */
static void
postpone_save (GlossSession *self)
{
  set_saving (self, FALSE);
  self->verify_before_save = TRUE;
  set_save_state (self, GLOSS_SAVE_STATE_PENDING);

  clear_source (&self->settle_source);
  self->settle_source = add_timeout (self, SETTLE_MS / 4, on_settle_timeout,
                                     "[gloss] wait for another writer");
}

static void
read_disk (GlossSession        *self,
           GAsyncReadyCallback  callback)
{
  /* Regular files only, within the sidecar limit: another program may
   * have put a FIFO or a huge file in its place. */
  gloss_file_load_bytes_async (gloss_sidecar_get_file (self->sidecar), NULL,
                               GLOSS_SIDECAR_MAX_BYTES, self->cancellable,
                               callback, g_object_ref (self));
}

static void
on_verify_read (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GlossSession) self = user_data;
  g_autoptr(GBytes) bytes = NULL;
  GError *error = NULL;

  bytes = gloss_file_load_bytes_finish (G_FILE (object), result, &error);
  if (bytes == NULL && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
    g_clear_error (&error);

  /* Not knowing what is there, do not write over it. */
  if (error == NULL)
    keep_other_version (self, bytes, FALSE, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_PENDING))
    {
      g_clear_error (&error);
      postpone_save (self);
      return;
    }

  if (error != NULL)
    {
      self->verify_before_save = TRUE;
      take_save_error (self, error);
      save_ended (self, FALSE);
      return;
    }

  self->verify_before_save = FALSE;
  set_external_change (self, FALSE);
  write_sidecar (self);
}

/* Another Gloss took the sidecar over (the person chose to, there): ours
 * must not overwrite theirs. Our unsaved edits are kept beside it as a
 * conflict copy, and the session becomes read-only, saying so. */
static void
lose_lock (GlossSession *self)
{
  g_autofree char *holder = gloss_sidecar_lock_dup_holder (self->lock);
  g_autoptr(GFile) copy = NULL;
  g_autoptr(GError) error = NULL;
  char *reason;

  if (holder == NULL)
    holder = g_strdup (_("another Gloss"));

  if (has_unsaved_edits (self))
    {
      g_autoptr(GBytes) ours = gloss_sidecar_serialize (self->sidecar);

      copy = write_conflict_copy (self, ours, &error);
    }

  if (copy != NULL)
    {
      g_autofree char *name = g_file_get_basename (copy);

      reason = g_strdup_printf (_("%s took over editing these annotations, so they are read-only "
                                  "here. Your unsaved changes were kept beside them as “%s”."),
                                holder, name);
    }
  else if (error != NULL)
    reason = g_strdup_printf (_("%s took over editing these annotations, so they are read-only "
                                "here, and your unsaved changes could not be kept beside them "
                                "(%s): use Save As… before closing."),
                              holder, error->message);
  else
    reason = g_strdup_printf (_("%s took over editing these annotations, so they are read-only here."),
                              holder);

  self->lock_lost = TRUE;
  set_read_only_reason (self, reason);
  set_save_state (self, resting_state (self));
}

/* Whether this process may still write the sidecar: nobody took it over. */
static gboolean
still_holds_lock (GlossSession *self)
{
  if (self->lock == NULL || gloss_sidecar_lock_is_still_ours (self->lock))
    return TRUE;

  lose_lock (self);
  return FALSE;
}

static void
start_save (GlossSession *self)
{
  clear_source (&self->autosave_source);
  clear_source (&self->settle_source);

  /* Made read-only while a save waited (chmod, taken over): nothing more
   * will be written; whoever waits to close learns it now. */
  if (is_read_only (self))
    {
      if (!self->saving)
        complete_close_tasks (self);
      return;
    }

  if (!self->saving && has_unsaved_edits (self) && !still_holds_lock (self))
    {
      complete_close_tasks (self);
      return;
    }

  if (self->saving)
    {
      self->save_queued = TRUE;
      return;
    }

  if (!has_unsaved_edits (self))
    {
      write_suggestions (self);
      set_save_state (self, resting_state (self));
      return;
    }

  set_saving (self, TRUE);
  /* This write takes up every edit so far; the next one starts the
   * maximum wait afresh. */
  self->first_unsaved_time = 0;
  set_save_state (self, GLOSS_SAVE_STATE_SAVING);

  /* The file on disk is not the one we last read or wrote (or we could
   * not keep it last time, or it looks changed and the monitor has not
   * said so yet): look before writing over it. */
  if (self->external_change || self->verify_before_save
      || gloss_file_monitor_looks_changed (self->sidecar_monitor))
    read_disk (self, on_verify_read);
  else
    write_sidecar (self);
}

/* Every change of the annotation set outside a load is an edit. The set
 * emits its signals before it counts the edit in its change serial, so
 * dirtiness is only looked at later, when saving. */
static void
note_edit (GlossSession *self)
{
  if (self->loading || is_read_only (self))
    return;

  if (!self->saving && !self->suggestions_saving)
    set_save_state (self, GLOSS_SAVE_STATE_PENDING);

  restart_autosave_timer (self);
}

static void
on_items_changed (GListModel   *model,
                  guint         position,
                  guint         removed,
                  guint         added,
                  GlossSession *self)
{
  note_edit (self);
}

static void
on_annotation_changed (GlossAnnotationSet *set,
                       GlossAnnotation    *annotation,
                       GlossSession       *self)
{
  note_edit (self);
}

static void
on_relations_changed (GlossAnnotationSet *set,
                      GlossSession       *self)
{
  note_edit (self);
}

/* Suggestions
 * ------------------------------------------------------------------------ */

static void
set_suggestions_error (GlossSession *self,
                       char         *message)
{
  if (g_strcmp0 (self->suggestions_error, message) == 0)
    {
      g_free (message);
      return;
    }

  g_free (self->suggestions_error);
  self->suggestions_error = message;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SUGGESTIONS_ERROR]);
}

/* What gloss_suggestion_same_proposal() compares, as one string: a
 * rejection's span, label (none for a tie) and speaker. */
static char *
proposal_key (GlossSuggestion *suggestion)
{
  const char *label = gloss_suggestion_get_label (suggestion);
  const char *speaker_label;
  guint speaker_start, speaker_end;
  GString *key = g_string_new (label != NULL ? label : "\x01");

  g_string_append_printf (key, "\x1f%u\x1f%u", gloss_suggestion_get_start (suggestion),
                          gloss_suggestion_get_end (suggestion));
  if (gloss_suggestion_get_speaker (suggestion, &speaker_start, &speaker_end, &speaker_label))
    g_string_append_printf (key, "\x1f%u\x1f%u\x1f%s", speaker_start, speaker_end, speaker_label);

  return g_string_free (key, FALSE);
}

/* The rejections of @file, by proposal. */
static GHashTable *
collect_rejections (GlossSuggestionFile *file)
{
  GPtrArray *rejected = gloss_suggestion_file_get_rejected (file);
  GHashTable *keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; i < rejected->len; i++)
    g_hash_table_add (keys, proposal_key (g_ptr_array_index (rejected, i)));

  return keys;
}

/* The suggestions file on disk is ours as it is now. */
static void
remember_disk_rejections (GlossSession *self)
{
  g_clear_pointer (&self->disk_rejections, g_hash_table_unref);
  self->disk_rejections = collect_rejections (self->suggestions);
}

static gboolean
suggestions_writable (GlossSession *self)
{
  return self->suggestions != NULL
         && !gloss_suggestion_file_is_read_only (self->suggestions)
         && !is_read_only (self);
}

/* Changes to the suggestions that are not on disk and may be written. */
static gboolean
has_unsaved_suggestions (GlossSession *self)
{
  return self->suggestions != NULL
         && gloss_suggestion_file_is_dirty (self->suggestions)
         && suggestions_writable (self);
}

/* Changes to the suggestions made before the session became read-only
 * (chmod a-w, taken over): they cannot be written now, and closing says
 * so, as it does for the sidecar's edits. */
static gboolean
has_stranded_suggestions (GlossSession *self)
{
  return self->suggestions != NULL
         && gloss_suggestion_file_is_dirty (self->suggestions)
         && !gloss_suggestion_file_is_read_only (self->suggestions)
         && is_read_only (self);
}

/* A change of the suggestions (a rejection, an accept, its undo): written
 * by the autosave, like an edit. */
static void
note_suggestions_change (GlossSession *self)
{
  if (self->loading || !suggestions_writable (self))
    return;

  if (!self->saving && !self->suggestions_saving)
    set_save_state (self, GLOSS_SAVE_STATE_PENDING);

  restart_autosave_timer (self);
}

static void
on_suggestions_dirty (GlossSuggestionFile *suggestions,
                      GParamSpec          *pspec,
                      GlossSession        *self)
{
  if (gloss_suggestion_file_is_dirty (suggestions))
    note_suggestions_change (self);
}

/* Nothing of ours unsaved: their version is read into the same object
 * (its list tells its views), as it is. @bytes NULL: no file. */
static void
read_other_suggestions (GlossSession *self,
                        GBytes       *bytes,
                        const char   *sha256)
{
  g_autoptr(GError) error = NULL;
  gboolean loaded;

  if (bytes != NULL)
    loaded = gloss_suggestion_file_load_bytes (self->suggestions, bytes, &error);
  else
    loaded = gloss_suggestion_file_load (self->suggestions, NULL, &error);

  self->suggestions_disk_broken = FALSE;
  gloss_file_monitor_set_known (self->suggestions_monitor, sha256, NULL);
  remember_disk_rejections (self);
  set_suggestions_error (self, loaded ? NULL : g_strdup (error->message));
  take_suggestions_save_error (self, NULL);
  set_save_state (self, resting_state (self));
}

/* Remembers a rejection made elsewhere (another Gloss, a git pull): the
 * listed suggestion of its proposal is rejected, or a stand-in of it,
 * listed only to be rejected. A proposal annotated here cannot be
 * listed, and needs no rejection while the annotation stands. */
static void
add_rejection (GlossSession    *self,
               GlossSuggestion *entry)
{
  static const char * const stand_in_tie[] = { "tie-1", "tie-2", NULL };
  GListModel *list = gloss_suggestion_file_get_suggestions (self->suggestions);
  g_autoptr(GlossSuggestion) listed = NULL;
  g_autoptr(GlossSuggestion) stand_in = NULL;
  g_autoptr(GPtrArray) run = NULL;
  g_autoptr(GError) error = NULL;
  const char *speaker_label;
  guint speaker_start, speaker_end;
  guint n = g_list_model_get_n_items (list);

  for (guint i = 0; i < n && listed == NULL; i++)
    {
      g_autoptr(GlossSuggestion) item = g_list_model_get_item (list, i);

      if (gloss_suggestion_same_proposal (item, entry))
        listed = g_steal_pointer (&item);
    }

  if (listed == NULL)
    {
      stand_in = gloss_suggestion_new ("rejected-elsewhere", gloss_suggestion_get_label (entry),
                                       gloss_suggestion_get_start (entry),
                                       gloss_suggestion_get_end (entry),
                                       gloss_suggestion_get_exact (entry));
      if (gloss_suggestion_get_label (entry) == NULL)
        gloss_suggestion_set_tie (stand_in, stand_in_tie);
      if (gloss_suggestion_get_speaker (entry, &speaker_start, &speaker_end, &speaker_label))
        gloss_suggestion_set_speaker (stand_in, speaker_start, speaker_end, speaker_label);

      run = g_ptr_array_new ();
      g_ptr_array_add (run, stand_in);
      if (gloss_suggestion_file_merge_run (self->suggestions, "rejected-elsewhere", run,
                                           gloss_session_get_annotations (self), NULL, &error)
          && gloss_suggestion_file_get_id (self->suggestions, stand_in) != NULL)
        listed = g_object_ref (stand_in);
    }

  if (listed != NULL && !gloss_suggestion_file_reject (self->suggestions, listed, &error))
    g_debug ("A rejection made elsewhere is not kept: %s", error->message);
  else if (listed == NULL)
    g_debug ("A rejection made elsewhere is not kept: %s",
             error != NULL ? error->message : "the proposal is annotated");
}

/* Ours has unsaved changes and theirs is on disk (gloss-cli suggest ran,
 * say): their suggestions are taken source by source, leaving out what
 * we rejected or annotated meanwhile, and the rejections made elsewhere
 * are added to ours; the result is written. Neither side's work is lost.
 * Theirs cannot be read: it is not written over until it changes. */
static void
merge_other_suggestions (GlossSession *self,
                         GBytes       *bytes,
                         const char   *sha256)
{
  GlossAnnotationSet *set = gloss_session_get_annotations (self);
  GFile *file = gloss_suggestion_file_get_file (self->suggestions);
  g_autoptr(GlossSuggestionFile) theirs = gloss_suggestion_file_new (file, self->document);
  g_autoptr(GHashTable) sources = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) their_rejections = NULL;
  g_autoptr(GError) error = NULL;
  GListModel *lists[2];
  GPtrArray *rejected;
  GHashTableIter iter;
  gpointer source;

  if (bytes != NULL && !gloss_suggestion_file_load_bytes (theirs, bytes, &error))
    {
      g_autofree char *name = g_file_get_parse_name (file);

      self->suggestions_disk_broken = TRUE;
      take_suggestions_save_error (self,
        g_error_new (GLOSS_ERROR, GLOSS_ERROR_INCONSISTENT,
                     _("%s changed on disk and cannot be read (%s), so your changes to the "
                       "suggestions are not saved over it; they are kept here until it is "
                       "fixed or removed"),
                     name, error->message));
      set_save_state (self, resting_state (self));
      return;
    }
  self->suggestions_disk_broken = FALSE;

  /* Every source either side lists: theirs is its newest run. */
  lists[0] = gloss_suggestion_file_get_suggestions (theirs);
  lists[1] = gloss_suggestion_file_get_suggestions (self->suggestions);
  for (guint l = 0; l < G_N_ELEMENTS (lists); l++)
    for (guint i = 0, n = g_list_model_get_n_items (lists[l]); i < n; i++)
      {
        g_autoptr(GlossSuggestion) item = g_list_model_get_item (lists[l], i);

        g_hash_table_add (sources, (gpointer) g_intern_string (gloss_suggestion_get_source (item)));
      }

  g_hash_table_iter_init (&iter, sources);
  while (g_hash_table_iter_next (&iter, &source, NULL))
    {
      g_autoptr(GPtrArray) run = g_ptr_array_new_with_free_func (g_object_unref);

      for (guint i = 0, n = g_list_model_get_n_items (lists[0]); i < n; i++)
        {
          GlossSuggestion *item = g_list_model_get_item (lists[0], i);

          if (strcmp (gloss_suggestion_get_source (item), source) == 0)
            g_ptr_array_add (run, item);
          else
            g_object_unref (item);
        }

      if (!gloss_suggestion_file_merge_run (self->suggestions, source, run, set, NULL, &error))
        {
          g_warning ("Suggestions of “%s” changed on disk and could not be taken: %s",
                     (const char *) source, error->message);
          g_clear_error (&error);
        }
    }

  /* Rejections theirs has that the version we last knew had not, and
   * that ours has not either, were made elsewhere. Those the version we
   * knew had and ours has not were taken back here: not added again. */
  rejected = gloss_suggestion_file_get_rejected (theirs);
  for (guint i = 0; i < rejected->len; i++)
    {
      GlossSuggestion *entry = g_ptr_array_index (rejected, i);
      g_autofree char *key = proposal_key (entry);

      if (!g_hash_table_contains (self->disk_rejections, key)
          && !gloss_suggestion_file_is_rejected (self->suggestions, entry))
        add_rejection (self, entry);
    }

  /* What the disk holds now is theirs, until ours is written over it. */
  their_rejections = collect_rejections (theirs);
  g_clear_pointer (&self->disk_rejections, g_hash_table_unref);
  self->disk_rejections = g_steal_pointer (&their_rejections);
  gloss_file_monitor_set_known (self->suggestions_monitor, sha256, NULL);
  note_suggestions_change (self);
}

/* Somebody else's whole version of the suggestions file is on disk:
 * @bytes, or no file when NULL. */
static void
take_other_suggestions (GlossSession *self,
                        GBytes       *bytes,
                        const char   *sha256)
{
  if (gloss_suggestion_file_is_dirty (self->suggestions))
    merge_other_suggestions (self, bytes, sha256);
  else
    read_other_suggestions (self, bytes, sha256);
}

static void
on_suggestions_file_changed (GlossFileMonitor *monitor,
                             GBytes           *bytes,
                             const char       *sha256,
                             GlossSession     *self)
{
  take_other_suggestions (self, bytes, sha256);
}

/* Before writing over the file: a version the monitor has not reported
 * yet (written a moment ago) is taken in first. */
static gboolean
take_unreported_suggestions (GlossSession  *self,
                             GError       **error)
{
  GFile *file = gloss_suggestion_file_get_file (self->suggestions);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *sha256 = NULL;

  if (!gloss_file_monitor_looks_changed (self->suggestions_monitor))
    return TRUE;

  bytes = gloss_file_load_bytes (file, NULL, GLOSS_SUGGESTION_FILE_MAX_BYTES, NULL, &local_error);
  if (bytes == NULL && !g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  if (bytes != NULL)
    sha256 = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, bytes);
  if (g_strcmp0 (sha256, gloss_file_monitor_get_known (self->suggestions_monitor)) != 0)
    take_other_suggestions (self, bytes, sha256);
  else
    /* Ours after all (touched, or written again the same): as it looks now. */
    gloss_file_monitor_set_known (self->suggestions_monitor, sha256, NULL);

  return TRUE;
}

/* What we just wrote to the suggestions file, for its monitor: the hash
 * of the bytes written, computed where they were printed, and how the
 * file looked right after — nothing read back. When it looked like
 * somebody else's file by then (another inode or size), the monitor is
 * given the hash alone and looks at the file again, finding theirs
 * different from it. */
static void
know_suggestions_write (GlossSession *self)
{
  const char *sha256 = gloss_suggestion_file_get_disk_sha256 (self->suggestions);
  const GlossFileFingerprint *written =
    gloss_suggestion_file_get_written_fingerprint (self->suggestions);
  static const GlossFileFingerprint unknown = { FALSE, };

  /* Loaded again since (not while our write is in flight: the monitor
   * is paused): what that load found stands. */
  if (sha256 == NULL)
    return;

  if (written != NULL)
    gloss_file_monitor_set_known_written (self->suggestions_monitor, sha256, written);
  else
    gloss_file_monitor_set_known (self->suggestions_monitor, sha256, &unknown);
}

/* Before writing the suggestions file: a version on disk the monitor has
 * not reported yet is taken in, and one we cannot read, or a lost lock,
 * stops the write (FALSE with @error). *@needed: something of ours is
 * left to write. */
static gboolean
check_suggestions_write (GlossSession  *self,
                         gboolean      *needed,
                         GError       **error)
{
  GFile *file;

  *needed = FALSE;
  if (!has_unsaved_suggestions (self))
    return TRUE;

  if (!take_unreported_suggestions (self, error))
    return FALSE;

  file = gloss_suggestion_file_get_file (self->suggestions);
  if (self->suggestions_disk_broken)
    {
      if (self->suggestions_save_error != NULL)
        g_propagate_error (error, g_error_copy (self->suggestions_save_error));
      else
        {
          g_autofree char *name = g_file_get_parse_name (file);

          g_set_error (error, GLOSS_ERROR, GLOSS_ERROR_INCONSISTENT,
                       _("%s changed on disk and cannot be read, so it is not saved over"), name);
        }
      return FALSE;
    }

  /* Taken in above, and nothing of ours left to write. */
  if (!has_unsaved_suggestions (self))
    return TRUE;

  if (!still_holds_lock (self))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_READ_ONLY, self->read_only_reason);
      return FALSE;
    }

  *needed = TRUE;
  return TRUE;
}

/* Writes the suggestions file now, blocking, if it changed: FALSE with
 * @error when it could not be. For closing and flushing, which must have
 * it on disk before they return; the autosave writes in a thread
 * (write_suggestions()). */
static gboolean
save_suggestions (GlossSession  *self,
                  GError       **error)
{
  gboolean needed, saved;

  if (!check_suggestions_write (self, &needed, error))
    return FALSE;
  if (!needed)
    return TRUE;

  gloss_file_monitor_pause (self->suggestions_monitor);
  saved = gloss_suggestion_file_save (self->suggestions, error);
  if (saved)
    {
      know_suggestions_write (self);
      remember_disk_rejections (self);
    }
  gloss_file_monitor_resume (self->suggestions_monitor);

  return saved;
}

static void
on_suggestions_saved (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(GlossSession) self = user_data;
  GError *error = NULL;
  gboolean written, again;

  written = gloss_suggestion_file_save_finish (GLOSS_SUGGESTION_FILE (object), result, &error);
  if (written)
    {
      know_suggestions_write (self);
      g_clear_pointer (&self->disk_rejections, g_hash_table_unref);
      self->disk_rejections = g_steal_pointer (&self->writing_rejections);
      take_suggestions_save_error (self, NULL);
    }
  else
    take_suggestions_save_error (self, error);
  g_clear_pointer (&self->writing_rejections, g_hash_table_unref);
  gloss_file_monitor_resume (self->suggestions_monitor);

  /* Changes made meanwhile left the file dirty: written by the save asked
   * for meanwhile, or for whoever waits to close, as for the sidecar. */
  self->suggestions_saving = FALSE;
  again = self->suggestions_queued || (written && self->close_tasks->len > 0);
  self->suggestions_queued = FALSE;
  if (again && !self->saving && !is_read_only (self)
      && (has_unsaved_edits (self) || has_unsaved_suggestions (self)))
    start_save (self);

  if (self->saving || self->suggestions_saving)
    return;

  settle_after_save (self);
}

/* For the autosave: the suggestions file written in a worker thread, only
 * a snapshot of it taken here (10,000 suggestions, 1.8 MB: printing and
 * writing take 50–90 ms, the snapshot about one). A failure shows in
 * save-state and save-error, and the next change or save tries again. */
static void
write_suggestions (GlossSession *self)
{
  GError *error = NULL;
  gboolean needed;

  if (self->suggestions == NULL)
    return;

  /* One write at a time: the next one once this one has landed. */
  if (self->suggestions_saving)
    {
      self->suggestions_queued = TRUE;
      return;
    }

  if (!check_suggestions_write (self, &needed, &error))
    {
      take_suggestions_save_error (self, error);
      return;
    }
  if (!needed)
    {
      take_suggestions_save_error (self, NULL);
      return;
    }

  self->suggestions_saving = TRUE;
  gloss_file_monitor_pause (self->suggestions_monitor);
  /* What the disk will hold, taken with the file's own snapshot. */
  g_clear_pointer (&self->writing_rejections, g_hash_table_unref);
  self->writing_rejections = collect_rejections (self->suggestions);
  gloss_suggestion_file_save_async (self->suggestions, NULL, on_suggestions_saved,
                                    g_object_ref (self));
}

/* In the opening thread: the annotator's suggestions file beside the
 * sidecar, read (a missing one is empty) and checked against the article.
 * One that fails to load leaves the session as it is: the file is then
 * read-only, and @load_error says why. @seen and @sha256 are what the
 * monitor starts from. */
static GlossSuggestionFile *
load_suggestions (GlossDocument         *document,
                  const char            *annotator_id,
                  GlossFileFingerprint  *seen,
                  char                 **sha256,
                  char                 **load_error,
                  GCancellable          *cancellable)
{
  g_autoptr(GlossSuggestionFile) suggestions = gloss_suggestion_file_new_for_document (document,
                                                                                     annotator_id);
  GFile *file = gloss_suggestion_file_get_file (suggestions);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;

  gloss_file_fingerprint_take (file, seen);
  bytes = gloss_file_load_bytes (file, NULL, GLOSS_SUGGESTION_FILE_MAX_BYTES, cancellable, &error);
  if (bytes == NULL && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
    return g_steal_pointer (&suggestions);

  if (bytes == NULL)
    {
      /* Unreadable (no permission, not a regular file): the file's own
       * load says so and keeps it from being written over. */
      g_clear_error (&error);
      gloss_suggestion_file_load (suggestions, cancellable, &error);
    }
  else
    {
      *sha256 = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, bytes);
      gloss_suggestion_file_load_bytes (suggestions, bytes, &error);
    }

  if (error != NULL)
    {
      g_debug ("Suggestions read-only: %s", error->message);
      *load_error = g_strdup (error->message);
    }

  return g_steal_pointer (&suggestions);
}

/* The suggestions file read and parsed in a thread of its own while the
 * opening thread loads the sidecar: 10,000 suggestions take some 90 ms. */
typedef struct
{
  GlossDocument        *document;
  char                 *annotator_id;
  GCancellable         *cancellable;

  GlossSuggestionFile  *file;
  GlossFileFingerprint  seen;
  char                 *sha256;
  char                 *error;
} SuggestionsLoad;

static gpointer
suggestions_load_thread (gpointer data)
{
  SuggestionsLoad *load = data;

  load->file = load_suggestions (load->document, load->annotator_id, &load->seen,
                                 &load->sha256, &load->error, load->cancellable);
  return NULL;
}

static GThread *
suggestions_load_start (SuggestionsLoad *load,
                        GlossDocument   *document,
                        const char      *annotator_id,
                        GCancellable    *cancellable)
{
  load->document = document;
  load->annotator_id = g_strdup (annotator_id);
  load->cancellable = cancellable;

  return g_thread_new ("gloss-suggestions", suggestions_load_thread, load);
}

/* Waits for it; the caller takes what it read. */
static void
suggestions_load_join (SuggestionsLoad *load,
                       GThread         *thread)
{
  g_thread_join (thread);
  g_clear_pointer (&load->annotator_id, g_free);
}

static void
suggestions_load_clear (SuggestionsLoad *load)
{
  g_clear_object (&load->file);
  g_clear_pointer (&load->sha256, g_free);
  g_clear_pointer (&load->error, g_free);
}

static void
make_suggestions_monitor (GlossSession               *self,
                          const char                 *sha256,
                          const GlossFileFingerprint *seen)
{
  self->suggestions_monitor =
    gloss_file_monitor_new (gloss_suggestion_file_get_file (self->suggestions),
                            GLOSS_SUGGESTION_FILE_MAX_BYTES);
  gloss_file_monitor_set_debounce (self->suggestions_monitor, CHECK_DEBOUNCE_MS);
  gloss_file_monitor_set_settle_time (self->suggestions_monitor, SETTLE_MS, MAX_SETTLE_WAIT_MS);
  gloss_file_monitor_set_whole_func (self->suggestions_monitor, sidecar_version_is_json, NULL);
  gloss_file_monitor_set_known (self->suggestions_monitor, sha256, seen);
}

/* Watching the sidecar
 * ------------------------------------------------------------------------ */

/* Somebody else's whole version is on disk: @bytes, or no file when NULL
 * (the monitor compared it with ours already). */
static void
on_sidecar_changed (GlossFileMonitor *monitor,
                    GBytes           *bytes,
                    const char       *sha256,
                    GlossSession     *self)
{
  g_autoptr(GError) error = NULL;

  self->disk_generation++;

  /* Nothing of ours to lose (or nothing we may write): offer a reload. */
  if (is_read_only (self) || !has_unsaved_edits (self))
    {
      set_external_change (self, TRUE);
      return;
    }

  /* Both sides changed. Deleted: our pending autosave writes it back. */
  if (bytes == NULL)
    {
      know_disk_sha256 (self, NULL);
      return;
    }

  if (!keep_other_version (self, bytes, TRUE, &error))
    {
      self->verify_before_save = TRUE;
      take_save_error (self, g_steal_pointer (&error));
      set_save_state (self, GLOSS_SAVE_STATE_ERROR);
      return;
    }

  start_save (self);
}

/* The disk holds what we know again (our own write, the same bytes
 * written again, a change undone such as git stash and stash pop). */
static void
on_sidecar_monitor_notify_changed (GlossFileMonitor *monitor,
                                   GParamSpec       *pspec,
                                   GlossSession     *self)
{
  if (!gloss_file_monitor_get_changed (monitor))
    set_external_change (self, FALSE);
}

static void
on_sidecar_attributes_changed (GlossFileMonitor *monitor,
                               GlossSession     *self)
{
  recheck_write_protection (self);
}

/* Watching the article
 * ------------------------------------------------------------------------
 *
 * A git checkout swaps the article and its sidecars under an open window.
 * The offsets of every annotation belong to the text they were made on,
 * so the text in memory is never paired with another sidecar: when the
 * article's bytes on disk stop being the ones read, article-changed
 * becomes TRUE and the window opens the article again (after writing any
 * unsaved edits, still with the hash of the text they were made on, so
 * the next load re-anchors them to the new text). */

static void
set_article_changed (GlossSession *self,
                     gboolean      changed)
{
  changed = !!changed;
  if (self->article_changed == changed)
    return;

  self->article_changed = changed;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ARTICLE_CHANGED]);
}

/* The SHA-256 of the article's bytes on disk, or NULL (with @error) when
 * it cannot be read just now (deleted mid-checkout, say). */
static char *
hash_article_file (GFile         *file,
                   GCancellable  *cancellable,
                   GError       **error)
{
  g_autoptr(GBytes) bytes = gloss_file_load_bytes (file, NULL, GLOSS_DOCUMENT_MAX_BYTES,
                                                   cancellable, error);

  if (bytes == NULL)
    return NULL;

  return g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, bytes);
}

static void
on_article_file_changed (GlossFileMonitor *monitor,
                         GBytes           *bytes,
                         const char       *sha256,
                         GlossSession     *self)
{
  /* Gone for now (mid-checkout): when it comes back, the monitor says so. */
  if (sha256 == NULL)
    return;

  set_article_changed (self, TRUE);
}

/* Back to the text in memory. */
static void
on_article_monitor_notify_changed (GlossFileMonitor *monitor,
                                   GParamSpec       *pspec,
                                   GlossSession     *self)
{
  if (!gloss_file_monitor_get_changed (monitor))
    set_article_changed (self, FALSE);
}

static const char *
document_sha256 (gpointer user_data)
{
  return gloss_document_get_sha256 (user_data);
}

/* The monitors, made in the opening thread with what was read: @sidecar_seen
 * and @article_seen are how the files looked before they were read. */
static void
make_monitors (GlossSession               *self,
               const GlossFileFingerprint *sidecar_seen,
               const GlossFileFingerprint *article_seen)
{
  GFile *article = gloss_document_get_file (self->document);

  self->sidecar_monitor = gloss_file_monitor_new (gloss_sidecar_get_file (self->sidecar),
                                                  GLOSS_SIDECAR_MAX_BYTES);
  gloss_file_monitor_set_debounce (self->sidecar_monitor, CHECK_DEBOUNCE_MS);
  gloss_file_monitor_set_settle_time (self->sidecar_monitor, SETTLE_MS, MAX_SETTLE_WAIT_MS);
  gloss_file_monitor_set_whole_func (self->sidecar_monitor, sidecar_version_is_json, NULL);
  remember_disk_state (self, sidecar_seen);

  if (article == NULL)
    return;

  self->article_monitor = gloss_file_monitor_new (article, GLOSS_DOCUMENT_MAX_BYTES);
  gloss_file_monitor_set_debounce (self->article_monitor, ARTICLE_DEBOUNCE_MS);
  gloss_file_monitor_set_known_lazily (self->article_monitor, document_sha256,
                                       self->document, article_seen);
}

static void
start_watching (GlossSession *self)
{
  g_signal_connect_object (self->sidecar_monitor, "changed",
                           G_CALLBACK (on_sidecar_changed), self, G_CONNECT_DEFAULT);
  g_signal_connect_object (self->sidecar_monitor, "notify::changed",
                           G_CALLBACK (on_sidecar_monitor_notify_changed), self, G_CONNECT_DEFAULT);
  g_signal_connect_object (self->sidecar_monitor, "attributes-changed",
                           G_CALLBACK (on_sidecar_attributes_changed), self, G_CONNECT_DEFAULT);
  gloss_file_monitor_start (self->sidecar_monitor);

  g_signal_connect_object (self->suggestions_monitor, "changed",
                           G_CALLBACK (on_suggestions_file_changed), self, G_CONNECT_DEFAULT);
  gloss_file_monitor_start (self->suggestions_monitor);

  if (self->article_monitor == NULL)
    return;

  g_signal_connect_object (self->article_monitor, "changed",
                           G_CALLBACK (on_article_file_changed), self, G_CONNECT_DEFAULT);
  g_signal_connect_object (self->article_monitor, "notify::changed",
                           G_CALLBACK (on_article_monitor_notify_changed), self, G_CONNECT_DEFAULT);
  gloss_file_monitor_start (self->article_monitor);
}

static void
stop_watching (GlossSession *self)
{
  if (self->sidecar_monitor != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->sidecar_monitor, self);
      gloss_file_monitor_cancel (self->sidecar_monitor);
    }

  if (self->suggestions_monitor != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->suggestions_monitor, self);
      gloss_file_monitor_cancel (self->suggestions_monitor);
    }

  if (self->article_monitor != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->article_monitor, self);
      gloss_file_monitor_cancel (self->article_monitor);
    }
}

/* Claiming the sidecar
 * ------------------------------------------------------------------------ */

/* Claims the sidecar for editing, returning why it cannot be (or NULL): a
 * sidecar made read-only on purpose is left so; one another Gloss is
 * editing is read-only here, saying who and where. At opening (in the
 * loading thread, before the session is connected to anything), and when
 * a sidecar that was read-only becomes writable (chmod, a fixed file
 * reloaded), so that a session that writes always holds the lock. */
static char *
claim_sidecar (GlossSession *self)
{
  g_autoptr(GError) error = NULL;

  if (gloss_sidecar_is_read_only (self->sidecar))
    return NULL;

  self->write_protected = sidecar_is_write_protected (self);
  if (self->write_protected)
    return describe_write_protection (self);

  if (self->lock == NULL)
    self->lock = gloss_sidecar_lock_new (gloss_sidecar_get_file (self->sidecar));
  if (gloss_sidecar_lock_acquire (self->lock, FALSE, &error))
    {
      self->lock_lost = FALSE;
      return NULL;
    }

  self->lock_lost = TRUE;
  return g_strdup_printf (_("%s, so they are open read-only here and neither copy overwrites the "
                            "other. Take them over only if that Gloss is closed or gone."),
                          error->message);
}

/* chmod on the sidecar: follow a change of its write permission. */
static void
recheck_write_protection (GlossSession *self)
{
  gboolean protected = sidecar_is_write_protected (self);

  if (protected == self->write_protected || self->lock_lost)
    return;

  self->write_protected = protected;
  /* Writable again: claimed like at opening (the lock too). */
  set_read_only_reason (self, protected ? describe_write_protection (self) : claim_sidecar (self));

  /* Writable again: what waited can be written now. */
  if (!protected && (has_unsaved_edits (self) || has_unsaved_suggestions (self)))
    restart_autosave_timer (self);
  set_save_state (self, resting_state (self));
}

/* Life cycle
 * ------------------------------------------------------------------------ */

/* Writes the unsaved edits now, blocking, with the same care for somebody
 * else's version on disk as any other save. */
static gboolean
save_blocking (GlossSession  *self,
               GError       **error)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) local_error = NULL;
  GFile *file;

  if (self->sidecar == NULL || is_read_only (self) || !has_unsaved_edits (self))
    return TRUE;

  if (!still_holds_lock (self))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_READ_ONLY, self->read_only_reason);
      return FALSE;
    }

  file = gloss_sidecar_get_file (self->sidecar);
  /* Another program still writing the file is given a few seconds. */
  for (guint attempt = 0; ; attempt++)
    {
      g_clear_pointer (&bytes, g_bytes_unref);
      g_clear_error (&local_error);

      bytes = gloss_file_load_bytes (file, NULL, GLOSS_SIDECAR_MAX_BYTES, NULL, &local_error);
      if (bytes == NULL && g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND))
        g_clear_error (&local_error);

      if (local_error == NULL)
        keep_other_version (self, bytes, FALSE, &local_error);

      if (!g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_PENDING) || attempt >= 50)
        break;
      g_usleep (SETTLE_MS * 1000 / 10);
    }

  if (local_error == NULL)
    gloss_sidecar_save (self->sidecar, NULL, &local_error);

  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  remember_disk_state (self, NULL);
  know_our_write (self);
  return TRUE;
}

/* The window should have called gloss_session_close_async(); if it did
 * not (or the edits could not be written), the last edits are still not
 * lost: written now, or kept in a recovery copy. */
static char *flush_session (GlossSession *self);

static void
save_before_dispose (GlossSession *self)
{
  g_autofree char *failure = NULL;

  if (self->sidecar == NULL || self->context == NULL || self->saving || self->suggestions_saving
      || (!has_unsaved_edits (self) && !has_unsaved_suggestions (self)))
    return;

  failure = flush_session (self);
  if (failure != NULL)
    g_warning ("Annotations closed without saving: %s", failure);
}

/* A reload still reading drops what it reads. */
static void
cancel_reload (GlossSession *self)
{
  if (self->reload_cancellable != NULL)
    g_cancellable_cancel (self->reload_cancellable);
  g_clear_object (&self->reload_cancellable);
}

static void
gloss_session_dispose (GObject *object)
{
  GlossSession *self = (GlossSession *)object;

  gloss_session_registry_remove (self->key, self);
  save_before_dispose (self);

  clear_source (&self->autosave_source);
  clear_source (&self->settle_source);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  cancel_reload (self);

  stop_watching (self);
  g_clear_object (&self->sidecar_monitor);
  g_clear_object (&self->article_monitor);
  g_clear_object (&self->suggestions_monitor);

  /* The file may outlive us too (the suggestions list holds it). */
  if (self->suggestions != NULL)
    g_signal_handlers_disconnect_by_data (self->suggestions, self);

  /* Our edits are on disk (or nowhere they could go): let others in. */
  if (self->lock != NULL)
    gloss_sidecar_lock_release (self->lock);
  g_clear_object (&self->lock);

  /* The set may outlive us (a list view holds it). */
  if (self->sidecar != NULL)
    {
      GlossAnnotationSet *set = gloss_sidecar_get_annotations (self->sidecar);

      g_signal_handlers_disconnect_by_data (set, self);
      g_signal_handlers_disconnect_by_data (gloss_annotation_set_get_orphans (set), self);
    }

  G_OBJECT_CLASS (gloss_session_parent_class)->dispose (object);
}

static void
gloss_session_finalize (GObject *object)
{
  GlossSession *self = (GlossSession *)object;

  g_clear_object (&self->document);
  g_clear_object (&self->labels);
  g_clear_object (&self->sidecar);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->reload_cancellable);
  g_clear_pointer (&self->context, g_main_context_unref);
  g_clear_pointer (&self->close_tasks, g_ptr_array_unref);
  g_clear_error (&self->save_error);
  g_clear_pointer (&self->key, g_free);
  g_clear_pointer (&self->read_only_reason, g_free);
  g_clear_object (&self->suggestions);
  g_clear_pointer (&self->suggestions_error, g_free);
  g_clear_error (&self->suggestions_save_error);
  g_clear_pointer (&self->disk_rejections, g_hash_table_unref);
  g_clear_pointer (&self->writing_rejections, g_hash_table_unref);

  G_OBJECT_CLASS (gloss_session_parent_class)->finalize (object);
}

static void
gloss_session_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  GlossSession *self = GLOSS_SESSION (object);

  switch (prop_id)
    {
    case PROP_DOCUMENT:
      g_value_set_object (value, self->document);
      break;
    case PROP_SIDECAR:
      g_value_set_object (value, self->sidecar);
      break;
    case PROP_ANNOTATIONS:
      g_value_set_object (value, gloss_session_get_annotations (self));
      break;
    case PROP_LABELS:
      g_value_set_object (value, self->labels);
      break;
    case PROP_SAVE_STATE:
      g_value_set_enum (value, self->save_state);
      break;
    case PROP_SAVE_ERROR:
      g_value_set_string (value, gloss_session_get_save_error (self));
      break;
    case PROP_AUTOSAVE_DELAY:
      g_value_set_uint (value, self->autosave_delay);
      break;
    case PROP_EXTERNAL_CHANGE:
      g_value_set_boolean (value, self->external_change);
      break;
    case PROP_READ_ONLY_REASON:
      g_value_set_string (value, self->read_only_reason);
      break;
    case PROP_DONE:
      g_value_set_boolean (value, gloss_sidecar_get_done (self->sidecar));
      break;
    case PROP_DOCUMENT_LABELS:
      g_value_set_variant (value, gloss_sidecar_peek_document_labels (self->sidecar));
      break;
    case PROP_ARTICLE_CHANGED:
      g_value_set_boolean (value, self->article_changed);
      break;
    case PROP_SUGGESTIONS:
      g_value_set_object (value, self->suggestions);
      break;
    case PROP_SUGGESTIONS_ERROR:
      g_value_set_string (value, self->suggestions_error);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gloss_session_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  GlossSession *self = GLOSS_SESSION (object);

  switch (prop_id)
    {
    case PROP_AUTOSAVE_DELAY:
      gloss_session_set_autosave_delay (self, g_value_get_uint (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gloss_session_class_init (GlossSessionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = gloss_session_dispose;
  object_class->finalize = gloss_session_finalize;
  object_class->get_property = gloss_session_get_property;
  object_class->set_property = gloss_session_set_property;

  properties[PROP_DOCUMENT] =
    g_param_spec_object ("document", NULL, NULL, GLOSS_TYPE_DOCUMENT,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_SIDECAR] =
    g_param_spec_object ("sidecar", NULL, NULL, GLOSS_TYPE_SIDECAR,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_ANNOTATIONS] =
    g_param_spec_object ("annotations", NULL, NULL, GLOSS_TYPE_ANNOTATION_SET,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_LABELS] =
    g_param_spec_object ("labels", NULL, NULL, GLOSS_TYPE_LABEL_SET,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_SAVE_STATE] =
    g_param_spec_enum ("save-state", NULL, NULL, GLOSS_TYPE_SAVE_STATE,
                       GLOSS_SAVE_STATE_SAVED,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_SAVE_ERROR] =
    g_param_spec_string ("save-error", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_AUTOSAVE_DELAY] =
    g_param_spec_uint ("autosave-delay", NULL, NULL,
                       0, G_MAXUINT, GLOSS_SESSION_DEFAULT_AUTOSAVE_DELAY_MS,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_EXTERNAL_CHANGE] =
    g_param_spec_boolean ("external-change", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_READ_ONLY_REASON] =
    g_param_spec_string ("read-only-reason", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_ARTICLE_CHANGED] =
    g_param_spec_boolean ("article-changed", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_DONE] =
    g_param_spec_boolean ("done", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_DOCUMENT_LABELS] =
    g_param_spec_variant ("document-labels", NULL, NULL,
                          G_VARIANT_TYPE ("a{sv}"), NULL,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_SUGGESTIONS] =
    g_param_spec_object ("suggestions", NULL, NULL, GLOSS_TYPE_SUGGESTION_FILE,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_SUGGESTIONS_ERROR] =
    g_param_spec_string ("suggestions-error", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * GlossSession::conflict-kept:
   * @other: the file the other version was kept in
   *
   * The sidecar changed on disk while we had unsaved edits; the other
   * version was kept beside it and ours is being saved.
   */
  signals[CONFLICT_KEPT] =
    g_signal_new ("conflict-kept",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_FILE);

  /**
   * GlossSession::problems-changed:
   *
   * The sidecar was loaded again: its problems may have changed.
   */
  signals[PROBLEMS_CHANGED] =
    g_signal_new ("problems-changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
}

static void
gloss_session_init (GlossSession *self)
{
  self->autosave_delay = GLOSS_SESSION_DEFAULT_AUTOSAVE_DELAY_MS;
  self->save_state = GLOSS_SAVE_STATE_SAVED;
  self->close_tasks = g_ptr_array_new_with_free_func (g_object_unref);
}

/* Opening
 * ------------------------------------------------------------------------ */

/* The blocking part of opening, safe in a worker thread: nothing is
 * connected to a main context yet. */
typedef void (*DocumentHook) (GlossDocument      *document,
                              GlossAnnotationSet *head,
                              gpointer            data);

/* A sidecar shorter than this loads in a few ms: its head is not worth
 * showing first. */
#define HEAD_MIN_BYTES (1024 * 1024)
/* The head: the annotations that start in the first this many code points
 * of the article, several screens in any window. */
#define HEAD_LIMIT 32768

/* Hands the annotations near the top of the article to @document_hook
 * ahead of the whole sidecar, when they can be (gloss-sidecar-head.c). */
static void
hand_over_head (GlossSidecarPreread *preread,
                const char          *annotator_id,
                GlossDocument       *document,
                GlossLabelSet       *labels,
                DocumentHook         document_hook,
                gpointer             hook_data)
{
  g_autoptr(GBytes) bytes = gloss_sidecar_preread_wait_head (preread);
  g_autoptr(GlossAnnotationSet) head = NULL;

  if (bytes == NULL || g_bytes_get_size (bytes) < HEAD_MIN_BYTES)
    return;

  head = gloss_sidecar_read_head (bytes, annotator_id, document, labels, HEAD_LIMIT, NULL);
  if (head != NULL)
    document_hook (document, head, hook_data);
}

/* Reads @article's sidecar ahead, or NULL if it has no folder. */
static GlossSidecarPreread *
start_preread (GFile        *article,
               const char   *annotator_id,
               GCancellable *cancellable)
{
  g_autoptr(GFile) folder = g_file_get_parent (article);
  g_autoptr(GFile) file = NULL;
  g_autofree char *basename = NULL;
  g_autofree char *name = NULL;

  if (folder == NULL)
    return NULL;

  basename = g_file_get_basename (article);
  name = gloss_sidecar_build_name (basename, annotator_id);
  file = g_file_get_child (folder, name);

  return gloss_sidecar_preread_start (file, cancellable);
}

static GlossSession *
session_open (GFile         *article,
              const char    *annotator_id,
              DocumentHook   document_hook,
              gpointer       hook_data,
              GCancellable  *cancellable,
              GError       **error)
{
  g_autoptr(GlossDocument) document = NULL;
  g_autoptr(GlossLabelSet) labels = NULL;
  g_autoptr(GlossSidecar) sidecar = NULL;
  g_autoptr(GFile) folder = NULL;
  g_autoptr(GError) load_error = NULL;
  g_autoptr(GlossSidecarPreread) preread = NULL;
  SuggestionsLoad suggestions = { 0 };
  GThread *suggestions_thread;
  GlossFileFingerprint sidecar_seen;
  GlossFileFingerprint article_seen;
  GlossSession *self;
  gboolean loaded;

  if (!gloss_annotator_id_is_valid (annotator_id))
    {
      g_set_error (error, GLOSS_ERROR, GLOSS_ERROR_INVALID,
                   _("“%s” is not a valid annotator id: use lowercase letters, "
                     "digits, “-” and “_”, starting with a letter or digit"),
                   annotator_id ? annotator_id : "");
      return NULL;
    }

  /* The sidecar is read and parsed in a thread of its own meanwhile. */
  preread = start_preread (article, annotator_id, cancellable);

  /* How the files looked before they were read: a change while they are
   * read shows as a difference when the watch starts. */
  gloss_file_fingerprint_take (article, &article_seen);
  document = gloss_document_new_from_file (article, cancellable, error);
  if (document == NULL)
    return NULL;

  if (document_hook != NULL)
    document_hook (document, NULL, hook_data);

  folder = g_file_get_parent (article);
  if (folder != NULL)
    labels = gloss_label_set_find_for_folder (folder, error);
  else
    labels = gloss_label_set_get_builtin ();
  if (labels == NULL)
    return NULL;

  /* Whatever becomes of the suggestions file, the annotations are not
   * affected: it is read meanwhile. */
  suggestions_thread = suggestions_load_start (&suggestions, document, annotator_id, cancellable);

  /* A sidecar that fails to load does not stop the session: it is shown
   * read-only, with its problems. How the file looked is taken before it
   * is read: a change while it is read shows as a difference, and is
   * looked at before anything is written over it. */
  sidecar = gloss_sidecar_new_for_document (document, annotator_id);
  if (preread != NULL
      && g_file_equal (gloss_sidecar_preread_get_file (preread), gloss_sidecar_get_file (sidecar)))
    {
      if (document_hook != NULL)
        hand_over_head (preread, annotator_id, document, labels, document_hook, hook_data);
      loaded = gloss_sidecar_load_preread (sidecar, preread, labels, &sidecar_seen, &load_error);
    }
  else
    {
      gloss_file_fingerprint_take (gloss_sidecar_get_file (sidecar), &sidecar_seen);
      loaded = gloss_sidecar_load (sidecar, labels, cancellable, &load_error);
    }
  if (!loaded)
    g_debug ("Opening read-only: %s", load_error->message);

  suggestions_load_join (&suggestions, suggestions_thread);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    {
      suggestions_load_clear (&suggestions);
      return NULL;
    }

  self = g_object_new (GLOSS_TYPE_SESSION, NULL);
  self->key = gloss_session_registry_build_key (article, annotator_id);
  self->document = g_steal_pointer (&document);
  self->labels = g_steal_pointer (&labels);
  self->sidecar = g_steal_pointer (&sidecar);
  self->read_only_reason = claim_sidecar (self);
  sync_set_read_only (self);
  make_monitors (self, &sidecar_seen, &article_seen);
  self->suggestions = g_steal_pointer (&suggestions.file);
  self->suggestions_error = g_steal_pointer (&suggestions.error);
  remember_disk_rejections (self);
  make_suggestions_monitor (self, suggestions.sha256, &suggestions.seen);
  suggestions_load_clear (&suggestions);
  self->save_state = resting_state (self);

  return self;
}

static void
on_sidecar_done_changed (GlossSession *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DONE]);
}

static void
on_sidecar_document_labels_changed (GlossSession *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DOCUMENT_LABELS]);
}

/* The part that belongs to the main context the session will live in. */
static void
session_start (GlossSession *self)
{
  GlossAnnotationSet *set = gloss_sidecar_get_annotations (self->sidecar);

  self->context = g_main_context_ref_thread_default ();
  self->cancellable = g_cancellable_new ();
  gloss_session_registry_add (self->key, self);

  g_signal_connect_object (set, "items-changed",
                           G_CALLBACK (on_items_changed), self, G_CONNECT_DEFAULT);
  g_signal_connect_object (set, "annotation-changed",
                           G_CALLBACK (on_annotation_changed), self, G_CONNECT_DEFAULT);
  g_signal_connect_object (set, "relations-changed",
                           G_CALLBACK (on_relations_changed), self, G_CONNECT_DEFAULT);
  g_signal_connect_object (gloss_annotation_set_get_orphans (set), "items-changed",
                           G_CALLBACK (on_items_changed), self, G_CONNECT_DEFAULT);
  /* Set here or by a reload. */
  g_signal_connect_object (self->sidecar, "notify::done",
                           G_CALLBACK (on_sidecar_done_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->sidecar, "notify::document-labels",
                           G_CALLBACK (on_sidecar_document_labels_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->suggestions, "notify::dirty",
                           G_CALLBACK (on_suggestions_dirty), self, G_CONNECT_DEFAULT);

  /* A file changed between its reading and now is looked at at once. */
  start_watching (self);
  /* Not in the opening thread, which the first frame waits for. */
  gloss_sidecar_hash_disk_bytes_async (self->sidecar);
}

GlossSession *
gloss_session_new (GFile         *article,
                   const char    *annotator_id,
                   GCancellable  *cancellable,
                   GError       **error)
{
  GlossSession *self;

  g_return_val_if_fail (G_IS_FILE (article), NULL);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (gloss_annotator_id_is_valid (annotator_id))
    {
      g_autofree char *key = gloss_session_registry_build_key (article, annotator_id);

      self = lookup_open_session (key);
      if (self != NULL)
        return g_object_ref (self);
    }

  self = session_open (article, annotator_id, NULL, NULL, cancellable, error);
  if (self != NULL)
    session_start (self);

  return self;
}

typedef struct
{
  GFile                     *article;
  char                      *annotator_id;
  GlossSessionDocumentFunc   document_func;
  gpointer                   document_data;
  GDestroyNotify             document_destroy;
  GMainContext              *context;
} OpenData;

static void
open_data_free (OpenData *data)
{
  g_clear_object (&data->article);
  g_clear_pointer (&data->annotator_id, g_free);
  if (data->document_destroy != NULL)
    data->document_destroy (data->document_data);
  g_clear_pointer (&data->context, g_main_context_unref);
  g_free (data);
}

/* The article, handed to the caller's main context as soon as it is read,
 * while the sidecar is still loading. */
typedef struct
{
  GlossDocument      *document;
  GlossAnnotationSet *head;     /* or NULL */
  GTask              *task;     /* the open task: its data has the callback */
} DocumentReady;

static gboolean
document_ready_cb (gpointer user_data)
{
  DocumentReady *ready = user_data;
  OpenData *data = g_task_get_task_data (ready->task);

  if (!g_cancellable_is_cancelled (g_task_get_cancellable (ready->task)))
    data->document_func (ready->document, ready->head, data->document_data);

  return G_SOURCE_REMOVE;
}

static void
document_ready_free (gpointer user_data)
{
  DocumentReady *ready = user_data;

  g_object_unref (ready->document);
  g_clear_object (&ready->head);
  g_object_unref (ready->task);
  g_free (ready);
}

/* In the worker thread. */
static void
post_document (GlossDocument      *document,
               GlossAnnotationSet *head,
               gpointer            user_data)
{
  GTask *task = user_data;
  OpenData *data = g_task_get_task_data (task);
  DocumentReady *ready = g_new0 (DocumentReady, 1);
  g_autoptr(GSource) source = g_idle_source_new ();

  ready->document = g_object_ref (document);
  ready->head = head != NULL ? g_object_ref (head) : NULL;
  ready->task = g_object_ref (task);
  /* A source of its own, not g_main_context_invoke(): that could run the
   * callback right here, in this thread, when the context is free. Ahead of
   * the task's own completion, which comes at default priority. */
  g_source_set_priority (source, G_PRIORITY_HIGH);
  g_source_set_callback (source, document_ready_cb, ready, document_ready_free);
  g_source_set_static_name (source, head != NULL ? "[gloss] annotations ahead" : "[gloss] article read");
  g_source_attach (source, data->context);
}

static void
open_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  OpenData *data = task_data;
  GError *error = NULL;
  GlossSession *self;

  self = session_open (data->article, data->annotator_id,
                       data->document_func != NULL ? post_document : NULL, task,
                       cancellable, &error);
  if (self == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, self, g_object_unref);
}

/* Back in the caller's main context: connect the session there before
 * handing it over. */
static void
on_opened (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;
  GlossSession *self;

  GlossSession *open;

  self = g_task_propagate_pointer (G_TASK (result), &error);
  if (self == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  /* Opened twice at once: the first to arrive is the one. The second
   * took the lock over from it (same process) and gives it back up as it
   * goes: the first takes it again. */
  open = lookup_open_session (self->key);
  if (open != NULL)
    {
      g_object_unref (self);
      if (open->lock != NULL && !open->lock_lost)
        gloss_sidecar_lock_acquire (open->lock, TRUE, NULL);
      g_task_return_pointer (task, g_object_ref (open), g_object_unref);
      return;
    }

  session_start (self);
  g_task_return_pointer (task, self, g_object_unref);
}

void
gloss_session_new_async (GFile               *article,
                         const char          *annotator_id,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  gloss_session_new_with_document_async (article, annotator_id, NULL, NULL, NULL,
                                         cancellable, callback, user_data);
}

void
gloss_session_new_with_document_async (GFile                    *article,
                                       const char               *annotator_id,
                                       GlossSessionDocumentFunc  document_func,
                                       gpointer                  document_data,
                                       GDestroyNotify            document_destroy,
                                       GCancellable             *cancellable,
                                       GAsyncReadyCallback       callback,
                                       gpointer                  user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GTask) open_task = NULL;
  OpenData *data;

  g_return_if_fail (G_IS_FILE (article));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, gloss_session_new_async);

  if (gloss_annotator_id_is_valid (annotator_id))
    {
      g_autofree char *key = gloss_session_registry_build_key (article, annotator_id);
      GlossSession *open = lookup_open_session (key);

      if (open != NULL)
        {
          if (document_destroy != NULL)
            document_destroy (document_data);
          g_task_return_pointer (task, g_object_ref (open), g_object_unref);
          return;
        }
    }

  data = g_new0 (OpenData, 1);
  data->article = g_object_ref (article);
  data->annotator_id = g_strdup (annotator_id);
  data->document_func = document_func;
  data->document_data = document_data;
  data->document_destroy = document_destroy;
  data->context = g_main_context_ref_thread_default ();

  open_task = g_task_new (NULL, cancellable, on_opened, g_steal_pointer (&task));
  g_task_set_source_tag (open_task, gloss_session_new_async);
  g_task_set_task_data (open_task, data, (GDestroyNotify) open_data_free);
  g_task_run_in_thread (open_task, open_thread);
}

GlossSession *
gloss_session_new_finish (GAsyncResult  *result,
                          GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == gloss_session_new_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Accessors
 * ------------------------------------------------------------------------ */

GlossDocument *
gloss_session_get_document (GlossSession *self)
{
  g_return_val_if_fail (GLOSS_IS_SESSION (self), NULL);
  return self->document;
}

GlossSidecar *
gloss_session_get_sidecar (GlossSession *self)
{
  g_return_val_if_fail (GLOSS_IS_SESSION (self), NULL);
  return self->sidecar;
}

GlossAnnotationSet *
gloss_session_get_annotations (GlossSession *self)
{
  g_return_val_if_fail (GLOSS_IS_SESSION (self), NULL);
  return gloss_sidecar_get_annotations (self->sidecar);
}

GlossLabelSet *
gloss_session_get_labels (GlossSession *self)
{
  g_return_val_if_fail (GLOSS_IS_SESSION (self), NULL);
  return self->labels;
}

GlossSaveState
gloss_session_get_save_state (GlossSession *self)
{
  g_return_val_if_fail (GLOSS_IS_SESSION (self), GLOSS_SAVE_STATE_READ_ONLY);
  return self->save_state;
}

const char *
gloss_session_get_save_error (GlossSession *self)
{
  g_return_val_if_fail (GLOSS_IS_SESSION (self), NULL);

  if (self->save_error != NULL)
    return self->save_error->message;
  if (self->suggestions_save_error != NULL)
    return self->suggestions_save_error->message;
  return NULL;
}

gboolean
gloss_session_get_external_change (GlossSession *self)
{
  g_return_val_if_fail (GLOSS_IS_SESSION (self), FALSE);
  return self->external_change;
}

const char *
gloss_session_get_read_only_reason (GlossSession *self)
{
  g_return_val_if_fail (GLOSS_IS_SESSION (self), NULL);
  return self->read_only_reason;
}

GlossSuggestionFile *
gloss_session_get_suggestions (GlossSession *self)
{
  g_return_val_if_fail (GLOSS_IS_SESSION (self), NULL);
  return self->suggestions;
}

const char *
gloss_session_get_suggestions_error (GlossSession *self)
{
  g_return_val_if_fail (GLOSS_IS_SESSION (self), NULL);
  return self->suggestions_error;
}

gboolean
gloss_session_get_article_changed (GlossSession *self)
{
  g_return_val_if_fail (GLOSS_IS_SESSION (self), FALSE);
  return self->article_changed;
}

gboolean
gloss_session_can_take_over (GlossSession *self)
{
  g_return_val_if_fail (GLOSS_IS_SESSION (self), FALSE);
  return self->lock_lost && self->lock != NULL && !self->write_protected;
}

gboolean
gloss_session_take_over (GlossSession  *self,
                         GError       **error)
{
  g_return_val_if_fail (GLOSS_IS_SESSION (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!gloss_session_can_take_over (self))
    return TRUE;

  if (!gloss_sidecar_lock_acquire (self->lock, TRUE, error))
    return FALSE;

  self->lock_lost = FALSE;
  set_read_only_reason (self, NULL);

  /* The other Gloss may have saved since we read the file: with nothing
   * of ours unsaved, show theirs; else keep theirs beside ours as usual. */
  if (!has_unsaved_edits (self))
    return gloss_session_reload (self, error);

  self->verify_before_save = TRUE;
  set_save_state (self, resting_state (self));
  start_save (self);
  return TRUE;
}

guint
gloss_session_get_autosave_delay (GlossSession *self)
{
  g_return_val_if_fail (GLOSS_IS_SESSION (self), GLOSS_SESSION_DEFAULT_AUTOSAVE_DELAY_MS);
  return self->autosave_delay;
}

void
gloss_session_set_autosave_delay (GlossSession *self,
                                  guint         delay_ms)
{
  g_return_if_fail (GLOSS_IS_SESSION (self));

  if (self->autosave_delay == delay_ms)
    return;

  self->autosave_delay = delay_ms;
  /* A waiting autosave follows the new delay, counted from now. */
  if (self->autosave_source != NULL)
    restart_autosave_timer (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_AUTOSAVE_DELAY]);
}

void
gloss_session_set_annotator_name (GlossSession *self,
                                  const char   *name)
{
  g_return_if_fail (GLOSS_IS_SESSION (self));

  /* Written with the next save; not an edit of its own. */
  gloss_sidecar_set_annotator_name (self->sidecar, name);
}

/* Commands
 * ------------------------------------------------------------------------ */

void
gloss_session_note_sidecar_change (GlossSession *self)
{
  g_return_if_fail (GLOSS_IS_SESSION (self));

  self->meta_serial++;
  note_edit (self);
}

gboolean
gloss_session_get_done (GlossSession *self)
{
  g_return_val_if_fail (GLOSS_IS_SESSION (self), FALSE);
  return gloss_sidecar_get_done (self->sidecar);
}

/* Metadata, not an annotation edit: no undo step (marking again is the
 * way back), but saved by autosave like an edit. */
gboolean
gloss_session_set_done (GlossSession *self,
                        gboolean      done)
{
  g_return_val_if_fail (GLOSS_IS_SESSION (self), FALSE);

  if (is_read_only (self))
    return FALSE;
  if (gloss_sidecar_get_done (self->sidecar) == !!done)
    return TRUE;

  gloss_sidecar_set_done (self->sidecar, done);
  gloss_session_note_sidecar_change (self);
  return TRUE;
}

GVariant *
gloss_session_get_document_label (GlossSession *self,
                                  const char   *id)
{
  g_return_val_if_fail (GLOSS_IS_SESSION (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  return gloss_sidecar_get_document_label (self->sidecar, id);
}

GVariant *
gloss_session_peek_document_labels (GlossSession *self)
{
  g_return_val_if_fail (GLOSS_IS_SESSION (self), NULL);

  return gloss_sidecar_peek_document_labels (self->sidecar);
}


/* Like the done mark: metadata with no undo step (setting the old value
 * again is the way back), saved by autosave like an edit. Checked against
 * the label set here, so that the app cannot write what validate would
 * report. */
gboolean
gloss_session_set_document_label (GlossSession *self,
                                  const char   *id,
                                  GVariant     *value,
                                  GError      **error)
{
  g_autoptr(GVariant) sunk = value != NULL ? g_variant_ref_sink (value) : NULL;
  g_autoptr(GVariant) old = NULL;
  GlossAttribute *field;

  g_return_val_if_fail (GLOSS_IS_SESSION (self), FALSE);
  g_return_val_if_fail (id != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (is_read_only (self))
    {
      g_set_error_literal (error, GLOSS_ERROR, GLOSS_ERROR_READ_ONLY,
                           self->read_only_reason != NULL
                           ? self->read_only_reason
                           : _("These annotations cannot be changed"));
      return FALSE;
    }

  field = self->labels != NULL ? gloss_label_set_lookup_document_field (self->labels, id) : NULL;
  if (field == NULL)
    {
      g_set_error (error, GLOSS_ERROR, GLOSS_ERROR_NOT_FOUND,
                   _("The label set has no article field “%s”"), id);
      return FALSE;
    }

  /* An empty list is "not set", and stored as nothing. */
  if (sunk != NULL && !gloss_attribute_value_is_set (sunk))
    g_clear_pointer (&sunk, g_variant_unref);

  /* Unsetting a required field is allowed: it is work not yet done, not a
   * broken file (docs/labels.md, Required values). */
  old = gloss_sidecar_get_document_label (self->sidecar, id);
  if (sunk != NULL && !gloss_attribute_check_change (field, old, sunk, error))
    return FALSE;

  if (old == sunk || (old != NULL && sunk != NULL && g_variant_equal (old, sunk)))
    return TRUE;

  gloss_sidecar_set_document_label (self->sidecar, id, sunk);
  gloss_session_note_sidecar_change (self);
  return TRUE;
}

/* A decision on the suggestions that could not be written is refused
 * rather than made: read-only for a reason of the session's, or a
 * suggestions file that failed to load (it may hold rejections). */
static gboolean
check_suggestions_writable (GlossSession  *self,
                            GError       **error)
{
  if (is_read_only (self))
    {
      g_set_error_literal (error, GLOSS_ERROR, GLOSS_ERROR_READ_ONLY,
                           self->read_only_reason != NULL
                           ? self->read_only_reason
                           : _("These annotations cannot be changed"));
      return FALSE;
    }

  if (gloss_suggestion_file_is_read_only (self->suggestions))
    {
      g_set_error (error, GLOSS_ERROR, GLOSS_ERROR_READ_ONLY,
                   _("The suggestions file could not be loaded, so it is not changed: %s"),
                   self->suggestions_error != NULL ? self->suggestions_error : "");
      return FALSE;
    }

  return TRUE;
}

gboolean
gloss_session_reject_suggestion (GlossSession     *self,
                                 GlossSuggestion  *suggestion,
                                 GError          **error)
{
  g_return_val_if_fail (GLOSS_IS_SESSION (self), FALSE);
  g_return_val_if_fail (GLOSS_IS_SUGGESTION (suggestion), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!check_suggestions_writable (self, error)
      || !gloss_suggestion_file_reject (self->suggestions, suggestion, error))
    return FALSE;

  note_suggestions_change (self);
  return TRUE;
}

gboolean
gloss_session_unreject_suggestion (GlossSession     *self,
                                   GlossSuggestion  *suggestion,
                                   GError          **error)
{
  g_return_val_if_fail (GLOSS_IS_SESSION (self), FALSE);
  g_return_val_if_fail (GLOSS_IS_SUGGESTION (suggestion), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!check_suggestions_writable (self, error)
      || !gloss_suggestion_file_unreject (self->suggestions, suggestion, error))
    return FALSE;

  note_suggestions_change (self);
  return TRUE;
}

void
gloss_session_save (GlossSession *self)
{
  g_return_if_fail (GLOSS_IS_SESSION (self));

  start_save (self);
}

gboolean
gloss_session_has_unsaved_changes (GlossSession *self)
{
  g_return_val_if_fail (GLOSS_IS_SESSION (self), FALSE);
  return has_unsaved_edits (self);
}

gboolean
gloss_session_save_copy (GlossSession  *self,
                         GFile         *destination,
                         GError       **error)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *path = NULL;
  const char *data;
  gsize size;

  g_return_val_if_fail (GLOSS_IS_SESSION (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (destination), FALSE);

  path = g_file_get_path (destination);
  if (path == NULL)
    {
      g_set_error_literal (error, GLOSS_ERROR, GLOSS_ERROR_FAILED,
                           _("only local files can be saved"));
      return FALSE;
    }

  bytes = gloss_sidecar_serialize (self->sidecar);
  data = g_bytes_get_data (bytes, &size);
  return gloss_file_replace_contents (path, data, size, error);
}

/* $XDG_DATA_HOME/gloss/recovered/<article>.<id>.<stamp>.gloss.json */
static GFile *
save_recovery_copy (GlossSession  *self,
                    GError       **error)
{
  g_autoptr(GFile) file = NULL;

  file = gloss_session_copies_build_recovery_file (gloss_document_get_name (self->document),
                                                   gloss_sidecar_get_annotator_id (self->sidecar),
                                                   NULL, error);
  if (file == NULL || !gloss_session_save_copy (self, file, error))
    return NULL;

  return g_steal_pointer (&file);
}

static char *
flush_sidecar (GlossSession *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) copy_error = NULL;
  g_autoptr(GFile) copy = NULL;
  g_autofree char *name = NULL;

  clear_source (&self->autosave_source);
  /* A write in flight holds older edits: let it land before ours. */
  while (self->saving)
    g_main_context_iteration (self->context, TRUE);

  /* A sidecar that failed to load or is of a newer version was never
   * open for editing (the window offers none): nothing of the person's
   * to keep. */
  if (!has_unsaved_edits (self) || gloss_sidecar_is_read_only (self->sidecar))
    return NULL;

  /* Read-only since the edits were made (chmod a-w, taken over): they go
   * to the recovery copy like any that cannot be written. */
  if (is_read_only (self))
    g_set_error_literal (&error, G_IO_ERROR, G_IO_ERROR_READ_ONLY,
                         self->read_only_reason != NULL ? self->read_only_reason
                                                        : _("the file is read-only"));
  else if (save_blocking (self, &error))
    {
      self->save_queued = FALSE;
      take_save_error (self, NULL);
      set_save_state (self, resting_state (self));
      return NULL;
    }

  name = g_file_get_parse_name (gloss_sidecar_get_file (self->sidecar));
  copy = save_recovery_copy (self, &copy_error);
  if (copy != NULL)
    {
      g_autofree char *copy_name = g_file_get_parse_name (copy);

      /* Kept, and said where: not to be kept again when the session goes. */
      self->clean_serial =
        gloss_annotation_set_get_change_serial (gloss_sidecar_get_annotations (self->sidecar));
      self->clean_meta_serial = self->meta_serial;

      return g_strdup_printf (_("%s: not saved (%s); the annotations were kept in %s"),
                              name, error->message, copy_name);
    }

  return g_strdup_printf (_("%s: not saved (%s), and no recovery copy could be made (%s)"),
                          name, error->message, copy_error->message);
}

/* The sidecar, then the suggestions file: a message for what could not
 * be written (the suggestions' changes stay in memory, and the message
 * names their file), or NULL. */
static char *
flush_session (GlossSession *self)
{
  char *failure = flush_sidecar (self);
  g_autoptr(GError) error = NULL;

  /* A write in flight holds an older snapshot: let it land before ours. */
  while (self->saving || self->suggestions_saving)
    g_main_context_iteration (self->context, TRUE);
  self->suggestions_queued = FALSE;

  if (save_suggestions (self, &error))
    {
      take_suggestions_save_error (self, NULL);
      set_save_state (self, resting_state (self));
      return failure;
    }

  take_suggestions_save_error (self, g_error_copy (error));
  set_save_state (self, resting_state (self));
  if (failure == NULL)
    return g_strdup (error->message);

  return g_strconcat (failure, "\n", error->message, NULL);
}

GPtrArray *
gloss_session_flush_all (void)
{
  /* Held, as iterating the main context could drop one. */
  g_autoptr(GPtrArray) sessions = gloss_session_registry_dup_all ();
  GPtrArray *failures = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < sessions->len; i++)
    {
      GlossSession *self = g_ptr_array_index (sessions, i);
      char *failure;

      if (!has_unsaved_edits (self) && !has_unsaved_suggestions (self))
        continue;

      failure = flush_session (self);
      if (failure != NULL)
        g_ptr_array_add (failures, failure);
    }

  return failures;
}

/* Reloading
 * ------------------------------------------------------------------------ */

/* The sidecar on disk may be for other text now (a checkout): never
 * place it on the text in memory. @sha256 is the article's on disk, or
 * NULL when it could not be read (@article_error). */
static gboolean
check_article (GlossSession  *self,
               const char    *sha256,
               const GError  *article_error,
               GError       **error)
{
  /* Gone mid-checkout, or not a file any more: which text the sidecar
   * on disk belongs to cannot be known yet. */
  if (sha256 == NULL)
    {
      g_set_error (error, GLOSS_ERROR, GLOSS_ERROR_INCONSISTENT,
                   _("The article cannot be read just now (%s), so its annotations are not "
                     "reloaded; try again once it is back"),
                   article_error->message);
      return FALSE;
    }

  if (g_strcmp0 (sha256, gloss_document_get_sha256 (self->document)) != 0)
    {
      set_article_changed (self, TRUE);
      g_set_error_literal (error, GLOSS_ERROR, GLOSS_ERROR_INCONSISTENT,
                           _("The article changed on disk too; it is opened again with its new text"));
      return FALSE;
    }

  return TRUE;
}

static gboolean
refuse_reload_while_saving (GlossSession  *self,
                            GError       **error)
{
  /* The write cannot be stopped half-way; reading now would be undone by
   * it a moment later. */
  if (!self->saving)
    return FALSE;

  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_BUSY,
                       _("The annotations are being saved; try again in a moment"));
  return TRUE;
}

/* The sidecar was read (@seen: how it looked before): the session as
 * after any reload, whatever the outcome. */
static void
reload_ended (GlossSession               *self,
              const GlossFileFingerprint *seen)
{
  self->save_queued = FALSE;
  self->verify_before_save = FALSE;
  remember_disk_state (self, seen);
  take_save_error (self, NULL);
  set_external_change (self, FALSE);
  /* Read-only at opening (it failed to load) and fine now: claimed for
   * editing like any sidecar. */
  if (self->lock == NULL && !self->write_protected && self->read_only_reason == NULL)
    set_read_only_reason (self, claim_sidecar (self));
  set_save_state (self, resting_state (self));

  g_signal_emit (self, signals[PROBLEMS_CHANGED], 0);
}

gboolean
gloss_session_reload (GlossSession  *self,
                      GError       **error)
{
  GlossAnnotationSet *set;
  g_autoptr(GError) load_error = NULL;
  GlossFileFingerprint seen;
  gboolean loaded;

  g_return_val_if_fail (GLOSS_IS_SESSION (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (refuse_reload_while_saving (self, error))
    return FALSE;

  {
    g_autoptr(GError) article_error = NULL;
    g_autofree char *sha256 = hash_article_file (gloss_document_get_file (self->document),
                                                 NULL, &article_error);

    if (!check_article (self, sha256, article_error, error))
      return FALSE;
  }

  /* This one reads the newest version: one still reading is not needed. */
  cancel_reload (self);
  clear_source (&self->autosave_source);
  self->first_unsaved_time = 0;
  set = gloss_sidecar_get_annotations (self->sidecar);

  self->loading = TRUE;
  gloss_file_fingerprint_take (gloss_sidecar_get_file (self->sidecar), &seen);
  loaded = gloss_sidecar_load (self->sidecar, self->labels, NULL, &load_error);
  /* No file (deleted by someone else): no annotations. The sidecar leaves
   * the set as it was in that case. */
  if (loaded && gloss_sidecar_get_state (self->sidecar) == GLOSS_SIDECAR_STATE_NEW)
    gloss_annotation_set_load (set, NULL, NULL);
  self->loading = FALSE;

  reload_ended (self, &seen);

  if (!loaded)
    {
      g_propagate_error (error, g_steal_pointer (&load_error));
      return FALSE;
    }

  return TRUE;
}

/* A reload reads the sidecar again at most this many times when somebody
 * else writes it again while it reads, then gives up (external-change
 * stays TRUE and the next reload tries again). */
#define MAX_RELOAD_READS 5

/* One reading of the sidecar, in a worker thread: nothing of the session
 * is touched there, only what it was given. */
typedef struct
{
  GlossDocument       *document;
  GlossLabelSet       *labels;
  GFile               *file;

  char                *article_sha256;
  GError              *article_error;
  GlossFileFingerprint seen;
  GlossSidecar        *loaded;
  GError              *load_error;
} ReloadRead;

static void
reload_read_free (ReloadRead *read)
{
  g_clear_object (&read->document);
  g_clear_object (&read->labels);
  g_clear_object (&read->file);
  g_clear_pointer (&read->article_sha256, g_free);
  g_clear_error (&read->article_error);
  g_clear_object (&read->loaded);
  g_clear_error (&read->load_error);
  g_free (read);
}

/* The caller's task's data: what the session was when the reload began. */
typedef struct
{
  GCancellable *cancellable;       /* the session's reload_cancellable for it */
  guint64       change_serial;
  guint64       meta_serial;
  guint         disk_generation;   /* when the current reading began */
  guint         n_reads;
} ReloadState;

static void
reload_state_free (ReloadState *state)
{
  g_clear_object (&state->cancellable);
  g_free (state);
}

static void
reload_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  ReloadRead *read = task_data;

  read->article_sha256 = hash_article_file (gloss_document_get_file (read->document),
                                            cancellable, &read->article_error);
  /* Not for this text: the main thread says so, nothing more to read. */
  if (g_strcmp0 (read->article_sha256, gloss_document_get_sha256 (read->document)) == 0)
    {
      /* Taken before reading, as the synchronous reload does. */
      gloss_file_fingerprint_take (read->file, &read->seen);
      read->loaded = gloss_sidecar_new (read->file, read->document);
      if (!gloss_sidecar_load (read->loaded, read->labels, cancellable, &read->load_error))
        g_debug ("Reloaded a sidecar that fails to load: %s", read->load_error->message);
      /* Hashed here, not when the file monitor first asks for it. */
      gloss_sidecar_get_disk_sha256 (read->loaded);
    }

  g_task_return_boolean (task, TRUE);
}

static void on_reload_read (GObject      *object,
                            GAsyncResult *result,
                            gpointer      user_data);

static void
start_reload_read (GlossSession *self,
                   GTask        *task)
{
  ReloadState *state = g_task_get_task_data (task);
  ReloadRead *read = g_new0 (ReloadRead, 1);
  g_autoptr(GTask) read_task = NULL;

  read->document = g_object_ref (self->document);
  read->labels = self->labels != NULL ? g_object_ref (self->labels) : NULL;
  read->file = g_object_ref (gloss_sidecar_get_file (self->sidecar));
  state->disk_generation = self->disk_generation;
  state->n_reads++;

  read_task = g_task_new (self, state->cancellable, on_reload_read, g_object_ref (task));
  g_task_set_source_tag (read_task, start_reload_read);
  g_task_set_task_data (read_task, read, (GDestroyNotify) reload_read_free);
  g_task_run_in_thread (read_task, reload_thread);
}

static gpointer
drop_thread (gpointer data)
{
  g_object_unref (data);
  return NULL;
}

/* The annotations the reload replaced, dropped in a thread of their own:
 * freeing 100,000 of them takes some 60 ms. Only @object's own references
 * go there; one still held here (a list row, say) is dropped here. */
static void
drop_apart (gpointer object)
{
  g_thread_unref (g_thread_new ("gloss-drop", drop_thread, object));
}

/* Back in the session's main context: take what was read, unless it is no
 * longer what the person asked for. */
static void
on_reload_read (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  GlossSession *self = GLOSS_SESSION (object);
  g_autoptr(GTask) task = user_data;
  ReloadState *state = g_task_get_task_data (task);
  ReloadRead *read = g_task_get_task_data (G_TASK (result));
  GError *error = NULL;

  /* Superseded by a newer reload, closed, disposed: nothing is taken. */
  if (g_cancellable_is_cancelled (state->cancellable))
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED,
                               "%s", _("The reload was cancelled"));
      return;
    }
  if (self->reload_cancellable == state->cancellable)
    g_clear_object (&self->reload_cancellable);

  if (g_task_return_error_if_cancelled (task))
    return;

  /* Edited while it read: the edits win, nothing is lost. external-change
   * is still TRUE, so the version on disk is kept beside ours as a
   * conflict copy before they are written (as for an edit made instead
   * of reloading). */
  if (gloss_annotation_set_get_change_serial (gloss_sidecar_get_annotations (self->sidecar))
        != state->change_serial
      || self->meta_serial != state->meta_serial)
    {
      g_task_return_new_error (task, GLOSS_ERROR, GLOSS_ERROR_INCONSISTENT, "%s",
                               _("The annotations were edited while they were reloaded, so "
                                 "they were not reloaded; the version on disk is kept beside "
                                 "them when they are saved"));
      return;
    }

  if (refuse_reload_while_saving (self, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  if (!check_article (self, read->article_sha256, read->article_error, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  /* Somebody wrote it again while it was read: the newest version wins. */
  if (self->disk_generation != state->disk_generation)
    {
      if (state->n_reads < MAX_RELOAD_READS)
        {
          self->reload_cancellable = g_object_ref (state->cancellable);
          start_reload_read (self, task);
          return;
        }

      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_BUSY, "%s",
                               _("The annotations keep changing on disk; try again in a moment"));
      return;
    }

  clear_source (&self->autosave_source);
  self->first_unsaved_time = 0;

  self->loading = TRUE;
  gloss_sidecar_take_loaded (self->sidecar, read->loaded);
  self->loading = FALSE;

  /* Ours, left in it, go with it. */
  drop_apart (g_steal_pointer (&read->loaded));
  reload_ended (self, &read->seen);

  if (read->load_error != NULL)
    g_task_return_error (task, g_steal_pointer (&read->load_error));
  else
    g_task_return_boolean (task, TRUE);
}

void
gloss_session_reload_async (GlossSession        *self,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  GError *error = NULL;
  ReloadState *state;

  g_return_if_fail (GLOSS_IS_SESSION (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, gloss_session_reload_async);

  if (refuse_reload_while_saving (self, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  /* A reload asked for again reads again: the newest version wins. */
  cancel_reload (self);
  self->reload_cancellable = g_cancellable_new ();

  state = g_new0 (ReloadState, 1);
  state->cancellable = g_object_ref (self->reload_cancellable);
  state->change_serial =
    gloss_annotation_set_get_change_serial (gloss_sidecar_get_annotations (self->sidecar));
  state->meta_serial = self->meta_serial;
  g_task_set_task_data (task, state, (GDestroyNotify) reload_state_free);

  start_reload_read (self, task);
}

gboolean
gloss_session_reload_finish (GlossSession  *self,
                             GAsyncResult  *result,
                             GError       **error)
{
  g_return_val_if_fail (GLOSS_IS_SESSION (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == gloss_session_reload_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

gboolean
gloss_session_is_reloading (GlossSession *self)
{
  g_return_val_if_fail (GLOSS_IS_SESSION (self), FALSE);

  return self->reload_cancellable != NULL;
}

void
gloss_session_close_async (GlossSession        *self,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (GLOSS_IS_SESSION (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, gloss_session_close_async);

  /* What a reload would read is not ours to write: dropped. */
  cancel_reload (self);

  /* Pending edits, or a failed write worth another try. A save in flight
   * is followed by one for the edits made since (see save_ended()). */
  if (!self->saving && (has_unsaved_edits (self) || has_unsaved_suggestions (self))
      && !is_read_only (self))
    start_save (self);
  else
    clear_source (&self->autosave_source);

  if (self->saving || self->suggestions_saving)
    g_ptr_array_add (self->close_tasks, g_steal_pointer (&task));
  else
    complete_close (self, task);
}

gboolean
gloss_session_close_finish (GlossSession  *self,
                            GAsyncResult  *result,
                            GError       **error)
{
  g_return_val_if_fail (GLOSS_IS_SESSION (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

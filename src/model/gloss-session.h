/* gloss-session.h — one annotator working on one article: the document,
 * their sidecar, the label set, autosave and watching the file on disk
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "gloss-annotation-set.h"
#include "gloss-document.h"
#include "gloss-label-set.h"
#include "gloss-sidecar.h"
#include "gloss-suggestion-file.h"

G_BEGIN_DECLS

typedef enum
{
  GLOSS_SAVE_STATE_SAVED,      /* nothing to save */
  GLOSS_SAVE_STATE_PENDING,    /* edits waiting for the autosave delay */
  GLOSS_SAVE_STATE_SAVING,     /* a write is in flight */
  GLOSS_SAVE_STATE_ERROR,      /* the last write failed (see save-error); retried on the next edit or save */
  GLOSS_SAVE_STATE_READ_ONLY,  /* the sidecar failed to load or is a newer version: never written */
} GlossSaveState;

GType gloss_save_state_get_type (void) G_GNUC_CONST;
#define GLOSS_TYPE_SAVE_STATE (gloss_save_state_get_type ())

#define GLOSS_SESSION_DEFAULT_AUTOSAVE_DELAY_MS 800
/* However steady the editing, an edit is written at most this long after
 * it was made (or autosave-delay, if that is longer). */
#define GLOSS_SESSION_MAX_AUTOSAVE_WAIT_MS 2000

#define GLOSS_TYPE_SESSION (gloss_session_get_type ())
G_DECLARE_FINAL_TYPE (GlossSession, gloss_session, GLOSS, SESSION, GObject)

/* Properties (all readable, notify on change):
 *   "document"         GlossDocument
 *   "sidecar"          GlossSidecar (the same object for the session's life)
 *   "annotations"      GlossAnnotationSet of the sidecar (reloaded in place)
 *   "labels"           GlossLabelSet (the nearest gloss-labels.json or built-in)
 *   "save-state"       GlossSaveState
 *   "save-error"       char*, the message of the last failed write, or NULL
 *   "autosave-delay"   guint ms (read-write)
 *   "external-change"  gboolean: the sidecar changed on disk (someone else) and
 *                      we have no unsaved edits: offer gloss_session_reload()
 *   "read-only-reason" char*: why a sidecar that loaded fine is not written —
 *                      its file is read-only on purpose (chmod a-w), or
 *                      another Gloss edits it (who, where, since when) or
 *                      took it over — or NULL. The save state is then
 *                      READ_ONLY, and the annotation set read-only (its
 *                      edits refused) until the reason goes. A failed or
 *                      newer sidecar has none (see the sidecar's problems
 *                      and state), and its set stays editable.
 *   "article-changed"  gboolean: the article's bytes on disk are no longer
 *                      the text in memory (a checkout, an edit): open the
 *                      article again; this session is not handed out by
 *                      gloss_session_new*() any more
 *   "done"             gboolean: the annotator marked the article done (the
 *                      sidecar's "done" mark; gloss_session_set_done())
 *   "document-labels"  GVariant "a{sv}" (nullable): the fields of the
 *                      article (the sidecar's "document_labels";
 *                      gloss_session_set_document_label())
 *   "suggestions"      GlossSuggestionFile: the annotator's suggestions
 *                      for the article ("<article>.<id>.suggestions.json"
 *                      beside the sidecar), loaded with it; the same
 *                      object for the session's life (a change on disk is
 *                      read into it), empty when there is no file
 *   "suggestions-error" char*: why the suggestions file could not be
 *                      loaded (its first located problem and how many
 *                      more: gloss_suggestion_file_get_problems()), or
 *                      NULL. The file is then never written and its
 *                      suggestions cannot be rejected; the annotations
 *                      are not affected.
 *
 * Signals:
 *   ::conflict-kept (GFile *other) — the sidecar changed on disk while we had
 *      unsaved edits; the other version was kept beside ours at @other
 *      ("<article>.<id>.conflict-<YYYYMMDD-HHMMSS>.json", which is not a
 *      sidecar name, so no tool mistakes it for one) and ours was saved.
 *   ::problems-changed () — after a load or reload (see the sidecar's problems).
 */

/* A process holds at most one session per sidecar: while one is open,
 * gloss_session_new*() for the same article and annotator (by any path)
 * give that session again.
 *
 * Opens @article for @annotator_id: loads the article (error if it cannot
 * be read or is not UTF-8), the label set (error if the nearest
 * gloss-labels.json is broken) and the sidecar (its load problems do not
 * make this fail: the session is then READ_ONLY and the problems are on
 * the sidecar). Blocking; call from a worker thread for big files, or use
 * gloss_session_new_async(). */
GlossSession       *gloss_session_new              (GFile               *article,
                                                    const char          *annotator_id,
                                                    GCancellable        *cancellable,
                                                    GError             **error);
void                gloss_session_new_async        (GFile               *article,
                                                    const char          *annotator_id,
                                                    GCancellable        *cancellable,
                                                    GAsyncReadyCallback  callback,
                                                    gpointer             user_data);
GlossSession       *gloss_session_new_finish       (GAsyncResult        *result,
                                                    GError             **error);

/* As gloss_session_new_async(), and @document_func is called in the
 * caller's main context as soon as the article is read, with the document
 * the session will have, while the sidecar still loads: a window can lay
 * the text out meanwhile. Until the session is ready, only the document's
 * text and length may be used (the loading thread uses the rest). It is
 * called once with @head NULL; then, when the annotations near the top of
 * the article could be read ahead of the rest (a long sidecar, laid out as
 * Gloss writes it: gloss-sidecar-head.c), once more with them as @head, a
 * read-only set of the same document and label set, for the first
 * screen's highlights — the session's own set replaces it. Not called if
 * @cancellable is cancelled first. */
typedef void (*GlossSessionDocumentFunc) (GlossDocument      *document,
                                          GlossAnnotationSet *head,
                                          gpointer            user_data);
void                gloss_session_new_with_document_async (GFile                    *article,
                                                           const char               *annotator_id,
                                                           GlossSessionDocumentFunc  document_func,
                                                           gpointer                  document_data,
                                                           GDestroyNotify            document_destroy,
                                                           GCancellable             *cancellable,
                                                           GAsyncReadyCallback       callback,
                                                           gpointer                  user_data);

GlossDocument      *gloss_session_get_document     (GlossSession *self);
GlossSidecar       *gloss_session_get_sidecar      (GlossSession *self);
GlossAnnotationSet *gloss_session_get_annotations  (GlossSession *self);
GlossLabelSet      *gloss_session_get_labels       (GlossSession *self);
GlossSaveState      gloss_session_get_save_state   (GlossSession *self);
const char         *gloss_session_get_save_error   (GlossSession *self);
gboolean            gloss_session_get_external_change (GlossSession *self);
const char         *gloss_session_get_read_only_reason (GlossSession *self);
gboolean            gloss_session_get_article_changed (GlossSession *self);
/* Another Gloss edits the sidecar (or took it over from us): whether this
 * session may take it over, and doing so (their lock is replaced, the
 * file is read again or, with unsaved edits, theirs is kept beside ours). */
gboolean            gloss_session_can_take_over    (GlossSession  *self);
gboolean            gloss_session_take_over        (GlossSession  *self,
                                                    GError       **error);
guint               gloss_session_get_autosave_delay (GlossSession *self);
void                gloss_session_set_autosave_delay (GlossSession *self,
                                                      guint         delay_ms);
/* The display name stored in the sidecar (set before the first save). */
void                gloss_session_set_annotator_name (GlossSession *self,
                                                      const char   *name);

/* The annotator's "done" mark on this article. Setting it is metadata, not
 * an annotation edit: it has no undo step, but counts as an unsaved change
 * and is written by autosave. Refused (FALSE, nothing changes) while the
 * session is read-only. */
gboolean            gloss_session_get_done         (GlossSession *self);
gboolean            gloss_session_set_done         (GlossSession *self,
                                                    gboolean      done);

/* The fields of the whole article ("document_labels"), like the done mark:
 * metadata with no undo step (the annotation set's history holds only
 * span and relation edits), an unsaved change written by autosave.
 * get: the value of field @id (full reference) or NULL; peek: the "a{sv}"
 * sorted by id, or NULL (transfer none). set: @value (NULL or an empty
 * list removes the field; a floating reference is sunk) must be allowed
 * by the session's label set (else FALSE, GLOSS_ERROR_INVALID saying why
 * in a sentence), which must declare @id (else GLOSS_ERROR_NOT_FOUND). Refused (FALSE,
 * GLOSS_ERROR_READ_ONLY) while the session is read-only. A value the
 * label set no longer allows, read from the file, is kept until set. */
GVariant           *gloss_session_get_document_label   (GlossSession *self,
                                                        const char   *id);
GVariant           *gloss_session_peek_document_labels (GlossSession *self);
gboolean            gloss_session_set_document_label   (GlossSession *self,
                                                        const char   *id,
                                                        GVariant     *value,
                                                        GError      **error);

/* The suggestions file is written whenever it changed (accepting through
 * gloss_suggestion_file_accept() on the session's annotations, an undo or
 * redo of one, rejecting), with the same autosave delay as the sidecar,
 * after the sidecar when both changed, and by gloss_session_save(),
 * closing and gloss_session_flush_all(); never while the session or the
 * suggestions file is read-only. A write that fails is shown like the
 * sidecar's (save-state ERROR, save-error naming the file) and retried.
 *
 * Somebody else's version on disk (gloss-cli suggest while the app is
 * open) is read into it: as it is when we have nothing unsaved; else
 * their suggestions are taken, source by source, and our rejections —
 * also those not written yet — are kept and written with them, so that
 * neither their run nor the person's decisions are lost. */
GlossSuggestionFile *gloss_session_get_suggestions       (GlossSession *self);
const char          *gloss_session_get_suggestions_error (GlossSession *self);
/* The person rejects @suggestion (listed in the session's suggestions) or
 * takes a rejection back (gloss_suggestion_file_reject(), _unreject()),
 * written like any change. Refused (FALSE, GLOSS_ERROR_READ_ONLY) while
 * the session or the suggestions file is read-only. */
gboolean             gloss_session_reject_suggestion     (GlossSession     *self,
                                                          GlossSuggestion  *suggestion,
                                                          GError          **error);
gboolean             gloss_session_unreject_suggestion   (GlossSession     *self,
                                                          GlossSuggestion  *suggestion,
                                                          GError          **error);

/* Save now (asynchronously) if there is anything to save. */
void                gloss_session_save             (GlossSession *self);
/* Whether the annotations hold edits that are not on disk in the sidecar
 * (pending, being written, or whose write failed). */
gboolean            gloss_session_has_unsaved_changes (GlossSession *self);
/* Writes the annotations as they are now, in the sidecar format, to
 * @destination (atomically; blocking): "Save As…" when the sidecar itself
 * cannot be written. The session's own sidecar still counts as unsaved. */
gboolean            gloss_session_save_copy        (GlossSession  *self,
                                                    GFile         *destination,
                                                    GError       **error);
/* Something in the sidecar other than its annotations changed (e.g.
 * gloss_sidecar_set_extra_member()): save it like an edit. */
void                gloss_session_note_sidecar_change (GlossSession *self);
/* For a signal that ends the process (SIGTERM at logout, SIGINT, SIGHUP):
 * writes the unsaved edits of every open session of this process now,
 * blocking (after waiting for writes in flight; the thread-default main
 * context is iterated meanwhile). The edits of a sidecar that cannot be
 * written are kept in a recovery copy instead, in
 * $XDG_DATA_HOME/gloss/recovered/. Returns one message per sidecar that
 * could not be written (saying where the copy went, or that none could be
 * made); empty when everything is on disk. */
GPtrArray          *gloss_session_flush_all        (void);

/* Re-read the sidecar from disk, dropping unsaved edits (the caller asks
 * first); clears external-change. */
gboolean            gloss_session_reload           (GlossSession  *self,
                                                    GError       **error);
/* The same, reading, parsing and re-anchoring in a worker thread; what
 * was read is taken on the main context with one items-changed. Edits
 * made meanwhile win (the reload fails, nothing is lost); a version
 * written by somebody else meanwhile is read instead (the newest wins);
 * a newer reload, closing or dispose cancel it (G_IO_ERROR_CANCELLED). */
void                gloss_session_reload_async     (GlossSession        *self,
                                                    GCancellable        *cancellable,
                                                    GAsyncReadyCallback  callback,
                                                    gpointer             user_data);
gboolean            gloss_session_reload_finish    (GlossSession  *self,
                                                    GAsyncResult  *result,
                                                    GError       **error);
/* A gloss_session_reload_async() is reading. */
gboolean            gloss_session_is_reloading     (GlossSession  *self);
/* Flushes pending edits and waits for any write in flight, then completes.
 * Call before closing a window. */
void                gloss_session_close_async      (GlossSession        *self,
                                                    GCancellable        *cancellable,
                                                    GAsyncReadyCallback  callback,
                                                    gpointer             user_data);
gboolean            gloss_session_close_finish     (GlossSession  *self,
                                                    GAsyncResult  *result,
                                                    GError       **error);

G_END_DECLS

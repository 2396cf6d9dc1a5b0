/* gloss-suggester.h — the sources of suggestions run for a session's
 * article in a worker thread, their runs merged into its suggestions file
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <gio/gio.h>

#include "gloss-session.h"

G_BEGIN_DECLS

/* How long after the last change of the annotations "follow" mode runs
 * same-text again: marks made in a burst cost one run. */
#define GLOSS_SUGGESTER_FOLLOW_DELAY_MS 300

/* What the app runs when the person asks for suggestions, or marks a
 * span with follow mode on (`gloss-cli suggest` is the corpus's run).
 *
 * A run takes a snapshot of the session's annotations in the calling
 * (main) thread — a reference to each annotation's values and a copy of
 * the relations, about a millisecond for 10,000 — runs the sources on it
 * in a worker thread, and merges each source's run into
 * gloss_session_get_suggestions() (gloss_suggestion_file_merge_run():
 * rejected proposals stay out, the source's last run is replaced) back
 * in the calling thread, one source per main-loop step; the session
 * then writes the file.
 *
 * Same-text counts the article's own annotations as they are at the
 * snapshot and, when a corpus folder is set, what every annotator's
 * sidecars in that folder marked (read once, by the first run's worker
 * that needs it — the others wait for it — and kept for the suggester's
 * life; a run cancelled meanwhile does not stop the reading): as
 * `gloss-cli suggest` does, so that a run here does not take away what
 * a corpus run suggested. This article's own sidecar on disk is replaced
 * by the annotations in memory.
 *
 * When the annotations changed while the worker ran, the run is made
 * again on a new snapshot (a mark undone meanwhile must not leave its
 * suggestions behind), up to GLOSS_SUGGESTER_MAX_RETRIES times; then the
 * last results are merged all the same: the article's text never changes
 * under a session, so their spans still match it, and the merge leaves
 * out what the annotations hold by then. Follow mode runs again anyway.
 *
 * Properties: "session" (construct-only), "follow" (gboolean), "running"
 * (gboolean, read-only: a run is in flight). */
#define GLOSS_SUGGESTER_MAX_RETRIES 3

/* A run longer than this many suggestions is merged in parts of about as
 * many, one per main-loop step (gloss_suggestion_file_merge_run_range()). */
#define GLOSS_SUGGESTER_MERGE_PART 2000

#define GLOSS_TYPE_SUGGESTER (gloss_suggester_get_type ())
G_DECLARE_FINAL_TYPE (GlossSuggester, gloss_suggester, GLOSS, SUGGESTER, GObject)

GlossSuggester *gloss_suggester_new               (GlossSession  *session);
GlossSession   *gloss_suggester_get_session       (GlossSuggester *self);

/* The folder whose sidecars same-text also counts (NULL, the default:
 * the article alone). Set before the first run: the index is read by the
 * next run that needs it and kept; setting another folder drops it. */
void            gloss_suggester_set_corpus_folder (GlossSuggester *self,
                                                   GFile          *folder);

/* Whether a run may merge now: FALSE with GLOSS_ERROR_READ_ONLY when the
 * suggestions file failed to load (the session's suggestions-error: it
 * may hold the person's rejections, and is never written over) or the
 * session is read-only (its annotations' "read-only": another Gloss
 * edits the sidecar, a sidecar that failed to load). */
gboolean        gloss_suggester_check_writable    (GlossSuggester *self,
                                                   GError        **error);

/* Runs @sources (GLOSS_SUGGESTION_SOURCE_QUOTES, _SAME_TEXT; NULL: both)
 * as described above. Fails with GLOSS_ERROR_READ_ONLY (see
 * gloss_suggester_check_writable(), asked at the start and again before
 * merging), GLOSS_ERROR_NOT_FOUND for a source it does not run, or
 * G_IO_ERROR_CANCELLED when @cancellable was cancelled before the merge:
 * the suggestions file is then as it was (cancelled between two sources'
 * merges, one per main-loop step, the sources merged already stay: each
 * source's run is merged whole or not at all). A source's run that fails
 * leaves the file as it was for that source and fails the whole run
 * (after merging the others). */
void            gloss_suggester_run_async         (GlossSuggester      *self,
                                                   const char * const  *sources,
                                                   GCancellable        *cancellable,
                                                   GAsyncReadyCallback  callback,
                                                   gpointer             user_data);
/* @n_added (optional): how many suggestions the run listed that were not
 * listed before. */
gboolean        gloss_suggester_run_finish        (GlossSuggester      *self,
                                                   GAsyncResult        *result,
                                                   guint               *n_added,
                                                   GError             **error);

/* Follow mode: each change of the annotations (a span created, deleted,
 * relabelled, an undo or a redo, a reload) runs same-text again
 * GLOSS_SUGGESTER_FOLLOW_DELAY_MS after the last one, cancelling a follow
 * run in flight, so that marking a span soon lists its other
 * occurrences, and undoing the mark takes them out. Nothing is run, and
 * nothing said, while the file or the session is read-only. Off by
 * default. */
void            gloss_suggester_set_follow        (GlossSuggester *self,
                                                   gboolean        follow);
gboolean        gloss_suggester_get_follow        (GlossSuggester *self);
gboolean        gloss_suggester_is_running        (GlossSuggester *self);
/* How many follow runs were done (for tests and benchmarks). */
guint           gloss_suggester_get_n_follow_runs (GlossSuggester *self);
/* How many sources' runs were not merged because they equal the last
 * one merged while the list is as that merge left it: a merge of 10,000
 * suggestions costs a frame, and would change nothing. */
guint           gloss_suggester_get_n_merges_skipped (GlossSuggester *self);

G_END_DECLS
